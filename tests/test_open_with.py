"""A YAML file opened with hiptimer from a file manager ('Open with' runs ``hiptimer FILE``):
a routine is shown in the window; any other YAML is a located problem, never a crash."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from .support.window import Harness

ROUTINE = "name: Opened from the file manager\nexercises:\n  - name: Frog stretch\n    hold: 30s\n"
NOT_A_ROUTINE = "services:\n  web:\n    image: nginx\n    ports: ['80:80']\n"
"""A YAML file of another program's, as a file manager offers every YAML file to hiptimer."""


@pytest.fixture
def ui(qtbot: QtBot, data_dir: Path) -> Iterator[Harness]:
    harness = Harness(qtbot, data_dir)
    yield harness
    harness.window.close()


def test_a_routine_file_opened_from_outside_is_shown(ui: Harness, tmp_path: Path) -> None:
    path = tmp_path / "from-the-downloads.yaml"
    path.write_text(ROUTINE, encoding="utf-8")
    ui.window.open_from_outside(path, start=False)
    assert ui.window.library.selected_path() == path
    assert ui.window.problem_bar.isHidden()


def test_another_programs_yaml_is_a_located_problem(ui: Harness, tmp_path: Path) -> None:
    path = tmp_path / "compose.yaml"
    path.write_text(NOT_A_ROUTINE, encoding="utf-8")
    ui.window.open_from_outside(path, start=False)
    assert not ui.window.problem_bar.isHidden()
    shown = ui.window.problem_label.text()
    # Which file, and where in it, as 'hiptimer validate' says it: path, line and column.
    assert shown.startswith(f"{path.name} does not load"), shown
    assert f"{path}:1:1: error: the routine has no 'exercises' list" in shown
    assert ui.window.isVisible()
