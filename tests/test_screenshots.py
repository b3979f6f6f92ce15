"""Renders the session screen in every phase at two window sizes, for people to look at.

The images go to the folder HIPTIMER_SCREENSHOTS names, when it is set; otherwise to a
temporary folder removed when the run ends. The checks here catch what a person would
notice first: a countdown that does not fit, text cut off, labels overlapping; in every
language hiptimer speaks, whose words may be longer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from hiptimer.base.language import Language

from .support.languages import LANGUAGES
from .support.screenshots import save_screenshot
from .support.window import Harness

ROUTINE = ("name: Screens\ndefaults: {prepare: 10s, rest: 15s, switch: 5s}\nexercises:\n"
           "  - name: 90/90 stretch\n    description: |\n"
           "      Front shin across, back shin out to the side.\n"
           "      Knees at 90 degrees; sit tall, sit bones down.\n"
           "      Turn your chest to face the back foot.\n"
           "      Feel it deep in the back hip and buttock.\n"
           "      Ease off at a pinch in the front of the hip.\n"
           "    hold: 45s\n    sets: 2\n    sides: [left leg back, right leg back]\n"
           "  - name: Seated internal rotation lift\n    description: |\n"
           "      Sit tall in the 90/90, hands on the floor.\n"
           "      Lift the back foot a little; the knee stays down.\n"
           "    reps: 10\n    tempo: 2-1-2\n    sides: both\n")
# (name, seconds to wait after starting, keys before it)
MOMENTS = [("prepare", 2.4, []), ("hold", 10.2, []), ("switch", 56, []),
           ("rest", 108, []), ("reps", 232.2, []), ("paused", 10.2, [Qt.Key.Key_Space]),
           ("done", 10_000, [])]


def fits(label: QLabel) -> bool:
    hint = label.fontMetrics().boundingRect(label.text().split("\n")[0])
    return hint.width() <= label.width() + 2 and hint.height() <= label.height() + 2


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True, ids=lambda x: x.code)
@pytest.mark.parametrize("size", [(1280, 720), (800, 600)], ids=["1280x720", "800x600"])
@pytest.mark.parametrize(("moment", "wait", "keys"), MOMENTS, ids=[m[0] for m in MOMENTS])
def test_session_screen(qtbot: QtBot, data_dir: Path, tmp_path: Path, size: tuple[int, int],
                        moment: str, wait: float, keys: list[Qt.Key],
                        spoken: Language) -> None:
    ui = Harness(qtbot, data_dir)
    ui.window.resize(*size)
    path = tmp_path / "screens.yaml"
    path.write_text(ROUTINE)
    ui.window.open_path(path, start=True)
    ui.wait(wait)
    for key in keys:
        ui.key(key)
    qtbot.wait(1)  # let layouts settle (no timer of the app is waited on)
    save_screenshot(ui.window, f"session-{moment}-{size[0]}x{size[1]}-{spoken.code}.png")
    view = ui.view
    figure = view.countdown
    assert figure.text() and figure.geometry().height() >= figure.digit_height()
    assert view.rect().contains(figure.geometry())
    assert fits(view.banner) and fits(view.details) and fits(view.exercise)
    assert view.banner.geometry().bottom() < figure.geometry().top()
    text = view.description
    assert text.height_needed(text.font(), text.width(), text.columns()) <= text.height()
    ui.window.close()
