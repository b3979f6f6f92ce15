"""Test-wide set-up: Qt runs offscreen and no test ever touches the real user data folder."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before anything can import Qt or read the data folder.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["HIPTIMER_DATA_DIR"] = tempfile.mkdtemp(prefix="hiptimer-test-data-")

REPO = Path(__file__).resolve().parent.parent
ROUTINES = REPO / "routines"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh, empty per-test data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("HIPTIMER_DATA_DIR", str(folder))
    yield folder


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Writes a routine file under the test's temporary folder and returns its path."""

    def _write(text: str | bytes, name: str = "routine.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dialog nobody answers would hang the suite: fail the test that opened it instead."""
    try:
        from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox
    except ImportError:  # pragma: no cover
        return

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a modal dialog opened during a test: {args[1:3]}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QInputDialog, "getText", refuse)
