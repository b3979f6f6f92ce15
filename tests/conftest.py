"""Test-wide set-up: Qt runs offscreen and no test ever touches the real user data folder."""

from __future__ import annotations

import os
import sqlite3
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hiptimer.history.store import HistoryStore

# Set before anything can import Qt or read the data folder.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["HIPTIMER_DATA_DIR"] = tempfile.mkdtemp(prefix="hiptimer-test-data-")

REPO = Path(__file__).resolve().parent.parent
StoreOpener = Callable[[Path], HistoryStore]
ROUTINES = REPO / "routines"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh, empty per-test data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("HIPTIMER_DATA_DIR", str(folder))
    yield folder


@pytest.fixture(autouse=True)
def sqlite_connections_closed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every database connection a test opens is closed by its end, on every Python.

    Python 3.13 warns about a connection the garbage collector finds open, at whatever
    moment it runs; this names the test that leaked it, and where the connection was made.
    """
    opened: list[tuple[sqlite3.Connection, str]] = []
    real_connect = sqlite3.connect

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        where = "".join(traceback.format_list(
            [f for f in traceback.extract_stack()[:-1] if f.filename.startswith(str(REPO))]))
        opened.append((connection, where))
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    yield
    still_open = []
    for connection, where in opened:
        try:
            connection.total_changes  # noqa: B018 (raises once the connection is closed)
        except sqlite3.ProgrammingError:
            continue
        connection.close()
        still_open.append(where)
    assert not still_open, "a database connection was left open; opened at:\n" + \
        "\n".join(still_open)


@pytest.fixture
def open_store() -> Iterator[StoreOpener]:
    """Opens history databases for a test, and closes every one of them when it ends."""
    opened: list[HistoryStore] = []

    def _open(path: Path) -> HistoryStore:
        opened.append(HistoryStore(path))
        return opened[-1]

    yield _open
    for store in opened:
        store.close()


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
