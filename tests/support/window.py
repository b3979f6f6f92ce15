"""The main window with fakes around it, driven by a test as a person would drive it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hiptimer.base.preferences import Settings
from hiptimer.history.store import HistoryStore
from hiptimer.practice import Rate
from hiptimer.routine.catalogue import scan
from hiptimer.session.clock import FakeClock
from hiptimer.session.state import State
from hiptimer.ui.desktop.keep_awake import Inhibitor
from hiptimer.ui.window.app import Surroundings, build_window

from .audio import RecordingSink
from .checkout import ROUTINES
from .routine_texts import SHORT

__all__ = ["SHORT", "Harness", "RecordingInhibitor"]


class RecordingInhibitor:
    """Keeps the screen awake in name only, and remembers each call."""

    def __init__(self) -> None:
        self.active = False
        self.calls: list[str] = []

    def inhibit(self, reason: str) -> None:
        self.active = True
        self.calls.append("inhibit")

    def release(self) -> None:
        self.active = False
        self.calls.append("release")

    def is_active(self) -> bool:
        return self.active


class Harness:
    """The main window as the app's composition root builds it, with fakes around it: clock,
    sound, screensaver, settings file and routine folder; no history unless a test opens
    one."""

    def __init__(self, qtbot: QtBot, data_dir: Path, first_start: bool = False,
                 inhibitor: Inhibitor | None = None, rate: Rate | None = None) -> None:
        """``first_start``: the safety note has not been confirmed yet, as for a new user;
        ``inhibitor``: what keeps the screen awake, instead of one that only records;
        ``rate``: what keeps a check-in's answer, instead of the history (if one is open)."""
        self.qtbot = qtbot
        self.clock = FakeClock(1000)
        self.sink = RecordingSink()
        self.settings_file = data_dir / "settings.ini"
        self.settings = Settings(path=self.settings_file)
        self.settings.voice = False
        self.settings.safety_note_seen = not first_start
        self.inhibitor = RecordingInhibitor()
        keep_awake: Inhibitor = inhibitor if inhibitor is not None else self.inhibitor
        self.user_dir = data_dir / "routines"
        self.user_dir.mkdir(exist_ok=True)
        self.store: HistoryStore | None = None
        """No history unless a test opens one."""
        self.built = build_window(Surroundings(
            self.clock, self.settings, keep_awake, lambda: self.store, self.user_dir,
            data_dir / "trash", lambda: scan(ROUTINES, self.user_dir),
            [ROUTINES, self.user_dir], rate), sink=self.sink)
        self.window = self.built.window
        qtbot.addWidget(self.window)
        self.window.show()
        # The library and the session come just after the first paint, as in the app.
        qtbot.waitUntil(lambda: self.window.readiness.ready)
        qtbot.waitUntil(lambda: self.window.library.list.count() > 0)

    @property
    def view(self):  # type: ignore[no-untyped-def]
        return self.window.view

    def state(self) -> State | None:
        """The session's state, read afresh."""
        return self.window.session.driver.session.state if self.window.session.driver else None

    def key(self, key: Qt.Key) -> None:
        self.qtbot.keyClick(self.window.view, key)

    def wait(self, seconds: float) -> None:
        """Let ``seconds`` pass on the fake clock, waking the driver at each deadline."""
        driver = self.window.session.driver
        assert driver is not None
        self.clock.jump(driver.session, self.clock.now() + seconds, wake=driver.catch_up)

    def select(self, stem: str) -> None:
        lst = self.window.library.list
        for row in range(lst.count()):
            if lst.item(row).data(Qt.ItemDataRole.UserRole).stem == stem:
                lst.setCurrentRow(row)
                return
        raise AssertionError(f"{stem} not in the library")

    def windows_over(self) -> list[QWidget]:
        """Every window shown besides the main one: dialogs, message boxes, editors."""
        return [w for w in QApplication.topLevelWidgets()
                if w.isVisible() and w is not self.window and w.isWindow()
                and (isinstance(w, (QDialog, QMessageBox)) or w.windowType() in (
                    Qt.WindowType.Dialog, Qt.WindowType.Window))]

    def said_of_own_picture(self, name: str, data: bytes) -> list[str]:
        """What the problem bar says of a picture ``name`` holding ``data``, once a routine
        of the user's own that shows it is selected."""
        (self.user_dir / name).write_bytes(data)
        (self.user_dir / "own.yaml").write_text(
            f"name: Own\nexercises:\n  - {{name: Plank, hold: 5s, image: {name}}}\n")
        lst = self.window.library.list
        self.qtbot.waitUntil(lambda: any(
            lst.item(row).data(Qt.ItemDataRole.UserRole).stem == "own"
            for row in range(lst.count())))
        self.select("own")
        bar = self.window.problem_bar
        self.qtbot.waitUntil(lambda: f"{name} is not shown" in bar.label.text())
        return [line for line in bar.label.text().split("\n\n") if name in line]
