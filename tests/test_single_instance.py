"""One window per data folder: a second ``hiptimer`` hands its routine to the window already
running there and exits, with or without a session bus; another data folder is another
window; and the terminal runner will not record into a history a window is using."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hiptimer.desktop.instance import MAX_LINE, running_window, socket_path
from hiptimer.session.state import State
from hiptimer.ui.desktop.instance_server import InstanceServer
from hiptimer.ui.window.app import taking_hand_overs

from .support.checkout import REPO
from .support.private_bus import DEAD_ADDRESS
from .support.window import SHORT, Harness

SECOND_START = ("import sys, hiptimer.ui.window.app\n"
                "code = hiptimer.ui.window.app.main(sys.argv[1:])\n"
                "assert 'PySide6' not in sys.modules, 'the hand-over loaded Qt'\n"
                "sys.exit(code)\n")
"""``hiptimer ARGS`` as the command runs it, and a check that it never loaded Qt."""


class Window(Harness):
    """The first window, listening for later starts."""

    def __init__(self, qtbot: QtBot, data_dir: Path) -> None:
        super().__init__(qtbot, data_dir)
        self.server = InstanceServer(data_dir, taking_hand_overs(self.window), self.window)
        assert self.server.listen()


@pytest.fixture
def first(qtbot: QtBot, data_dir: Path) -> Iterator[Window]:
    window = Window(qtbot, data_dir)
    yield window
    window.server.close()
    window.window.close()


def answering(qtbot: QtBot, folder: Path) -> int | None:
    """Which process answers for ``folder``, asked from another process (this one's window
    can only answer while its event loop runs)."""
    done = start(qtbot, str(folder), code=(
        "import sys; from pathlib import Path\n"
        "from hiptimer.desktop.instance import running_window\n"
        "print(running_window(Path(sys.argv[1])))\n"))
    assert done.returncode == 0, done.stderr
    return None if done.stdout.strip() == "None" else int(done.stdout)


def answer_to(qtbot: QtBot, folder: Path, line: bytes) -> bytes:
    """What the window on ``folder`` answers a raw ``line`` with, once it has answered or
    closed the connection (this process's event loop keeps running meanwhile)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.connect(os.fspath(socket_path(folder)))
        client.sendall(line)
        client.settimeout(0.05)
        received = [b"?"]

        def answered() -> bool:
            try:
                received[0] = client.recv(100)
            except TimeoutError:
                return False
            return True

        qtbot.waitUntil(answered)
        return received[0]


def start(qtbot: QtBot, *args: str, cwd: Path = REPO, code: str = SECOND_START,
          **env: str) -> subprocess.CompletedProcess[str]:
    """Runs a later ``hiptimer`` while this process's event loop keeps answering it."""
    process = subprocess.Popen([sys.executable, "-c", code, *args], cwd=cwd,
                               env={**os.environ, "PYTHONPATH": str(REPO), **env},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=20_000)
    out, err = process.communicate()
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.mark.parametrize("bus", ["the test bus", "no bus"])
def test_a_second_start_hands_its_routine_to_the_window(
        first: Window, qtbot: QtBot, tmp_path: Path, bus: str) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "tiny.yaml").write_text(SHORT, encoding="utf-8")
    env = {"DBUS_SESSION_BUS_ADDRESS": DEAD_ADDRESS} if bus == "no bus" else {}
    # A path relative to where the second one started: the window gets it whole.
    done = start(qtbot, "mine/tiny.yaml", "--start", cwd=tmp_path, **env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    qtbot.waitUntil(lambda: first.state() is State.RUNNING)
    assert first.view.exercise.text() == "Frog stretch"
    assert first.view.banner.text() == "GET READY"


def test_a_second_start_without_a_file_only_shows_the_window(
        first: Window, qtbot: QtBot) -> None:
    first.window.showMinimized()
    done = start(qtbot)
    assert done.returncode == 0
    qtbot.waitUntil(lambda: not first.window.isMinimized())
    assert first.state() is None


def test_the_terminal_runner_will_not_share_the_history_with_a_window(
        first: Window, qtbot: QtBot, data_dir: Path) -> None:
    done = start(qtbot, "run", "--no-gui", "daily-short",
                 code="import sys, hiptimer.cli; sys.exit(hiptimer.cli.main())")
    assert done.returncode == 1
    assert f"the hiptimer window (process {os.getpid()})" in done.stderr
    assert str(data_dir) in done.stderr
    assert not (data_dir / "history.sqlite").exists()  # nothing was recorded


def test_another_data_folder_is_another_window(first: Window, qtbot: QtBot, tmp_path: Path,
                                               data_dir: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "hiptimer"], cwd=REPO,
        env={**os.environ, "HIPTIMER_DATA_DIR": str(other),
             "DBUS_SESSION_BUS_ADDRESS": DEAD_ADDRESS},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        qtbot.waitUntil(lambda: running_window(other) == process.pid, timeout=30_000)
        assert process.poll() is None
        assert answering(qtbot, data_dir) == os.getpid()
        # A window started at the same moment as that one, on its folder, stands back.
        late = InstanceServer(other, taking_hand_overs(first.window), first.window)
        assert not late.listen()
        late.close()
        assert running_window(other) == process.pid
    finally:
        process.kill()
        process.wait(timeout=10)


def test_a_socket_left_by_a_crashed_window_is_taken_over(
        qtbot: QtBot, data_dir: Path) -> None:
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(os.fspath(socket_path(data_dir)))
    stale.close()  # bound and gone: its file stays, as a killed window's does
    assert running_window(data_dir) is None
    window = Window(qtbot, data_dir)
    try:
        assert answering(qtbot, data_dir) == os.getpid()
    finally:
        window.server.close()
        window.window.close()


def test_nonsense_on_the_socket_changes_nothing(first: Window, qtbot: QtBot,
                                                data_dir: Path) -> None:
    assert answer_to(qtbot, data_dir, b'{"request": "format the disk"}\n') == b""
    assert answering(qtbot, data_dir) == os.getpid()


@pytest.mark.parametrize("line", [
    b'{"request": "open", "path": ' + b"[" * 30_000 + b"]" * 30_000 + b"}\n",
    b'{"request": "open", "path": "/tmp/a\\u0000b.yaml", "start": true}\n',
    b'{"request": "open", "path": "/tmp/\\ud800.yaml", "start": true}\n',
    b'{"request": "open", "path": 7}\n',
    b'["request", "open"]\n',
    b'"open"\n',
    b"\xff\xfe\n",
], ids=["nested deep", "NUL in the path", "lone surrogate", "number path", "list", "string",
        "not UTF-8"])
def test_a_hostile_request_is_refused_and_the_window_keeps_answering(
        first: Window, qtbot: QtBot, data_dir: Path, line: bytes) -> None:
    assert answer_to(qtbot, data_dir, line) == b""  # refused: no answer, the connection closed
    assert answering(qtbot, data_dir) == os.getpid()
    assert first.state() is None


@pytest.mark.parametrize("answer", [b"[" * 30_000 + b"]" * 30_000 + b"\n", b"[1]\n",
                                    b'{"pid": "1"}\n', b"\xff\n"])
def test_an_impostor_on_the_socket_is_taken_as_no_window(data_dir: Path,
                                                         answer: bytes) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as impostor:
        impostor.bind(os.fspath(socket_path(data_dir)))
        impostor.listen(1)

        def answer_once() -> None:
            connection, _ = impostor.accept()
            with connection:
                connection.recv(MAX_LINE)
                connection.sendall(answer)

        thread = threading.Thread(target=answer_once)
        thread.start()
        try:
            assert running_window(data_dir) is None
        finally:
            thread.join(timeout=10)
