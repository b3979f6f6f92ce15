"""One window per data folder: a second ``hiptimer`` hands its routine to the window already
running there and exits, with or without a session bus; another data folder is another
window; and the terminal runner will not record into a history a window is using. Another
user on the machine can neither take the hand-over nor hand anything to the window."""

from __future__ import annotations

import errno
import os
import socket
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hiptimer.desktop.instance import (
    MAX_LINE,
    Request,
    SocketRefused,
    ask_at,
    checked_socket_path,
    hand_over,
    own_temporary_folder,
    running_window,
    socket_path,
)
from hiptimer.session.state import State
from hiptimer.ui.desktop.instance_server import InstanceServer
from hiptimer.ui.window.app import DesktopPresence, taking_hand_overs

from .support.checkout import REPO
from .support.other_user import NOBODY, Refused, Stranger, as_nobody, as_root_only, open_area
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


# -- another user ------------------------------------------------------------------------------

LONG = "a-data-folder-whose-path-is-too-long-for-a-socket-" * 3
"""A data folder's name that puts its socket outside it."""
KNOCK = b'{"request": "open", "path": "/elsewhere/theirs.yaml", "start": true}\n'


@pytest.fixture
def foreseeable_temp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No runtime folder, and a folder for temporary files that every user may write into
    (as on a system reached through su or ssh, or in a container)."""
    with open_area() as area:
        shared = area / "shared"
        monkeypatch.setattr(tempfile, "tempdir", str(shared))
        monkeypatch.setenv("TMPDIR", str(shared))
        monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
        yield shared


def long_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / LONG
    folder.mkdir()
    monkeypatch.setenv("HIPTIMER_DATA_DIR", str(folder))
    return folder


def everything_sent(connection: socket.socket) -> bytes:
    data = b""
    while chunk := connection.recv(MAX_LINE):
        data += chunk
    return data


@as_root_only
def test_another_users_folder_at_the_foreseen_name_gets_no_hand_over_and_the_window_opens(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        foreseeable_temp: Path) -> None:
    folder = long_data_folder(tmp_path, monkeypatch)
    path = socket_path(folder)
    foreseen = path.parent
    assert foreseen == own_temporary_folder() and foreseen.parent == foreseeable_temp
    listening: list[socket.socket] = []

    def take_the_name() -> str:
        foreseen.mkdir()
        foreseen.chmod(0o777)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(os.fspath(path))
        listener.listen(4)
        listening.append(listener)
        Path(os.fspath(path) + ".lock").write_text("")
        return "taken"

    def what_came() -> bytes:
        listening[0].setblocking(False)
        try:
            connection, _ = listening[0].accept()
        except BlockingIOError:
            return b""  # no one connected at all
        connection.settimeout(5)
        return everything_sent(connection)

    routine = tmp_path / "my-private-routine.yaml"
    routine.write_text(SHORT)
    with Stranger(take_the_name, what_came) as stranger:
        assert stranger.first == "taken"
        assert hand_over(folder, routine, start=True) is None
        stranger.go()
        assert stranger.then() == b""
        # The start goes on to a window of its own, which says why no later start reaches it.
        first = Harness(qtbot, folder)
        presence = DesktopPresence(first.window, folder, first.built.bus)
        try:
            presence.begin(routine, True)
            assert first.window.isVisible() and presence.server is None
            bar = first.window.problem_bar
            assert not bar.isHidden()
            assert (f"{foreseen} belongs to another user (uid {NOBODY})"
                    in bar.label.text() + bar.detail.text())
            qtbot.waitUntil(lambda: first.state() is State.RUNNING)  # the routine, started
        finally:
            presence.close()
            first.window.close()


@as_root_only
def test_the_foreseen_folder_made_first_keeps_another_user_out(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        foreseeable_temp: Path) -> None:
    folder = long_data_folder(tmp_path, monkeypatch)
    first = Window(qtbot, folder)
    try:
        path = socket_path(folder)
        assert path.parent == own_temporary_folder()
        assert stat.S_IMODE(path.parent.lstat().st_mode) == 0o700

        def intrude() -> list[object]:
            tried: list[object] = []
            for attempt in (lambda: Path(os.fspath(path) + ".lock").write_text(""),
                            lambda: socket.socket(socket.AF_UNIX).bind(os.fspath(path) + "2"),
                            lambda: socket.socket(socket.AF_UNIX).connect(os.fspath(path)),
                            lambda: os.rename(path.parent, foreseeable_temp / "moved")):
                try:
                    tried.append(attempt())
                except OSError as exc:
                    tried.append(Refused(errno.errorcode[exc.errno or 0]))
            return tried

        assert as_nobody(intrude) == [Refused("EACCES")] * 3 + [Refused("EPERM")]
        assert answering(qtbot, folder) == os.getpid()  # later starts of the user reach it
    finally:
        first.server.close()
        first.window.close()


@as_root_only
def test_a_later_start_sends_nothing_to_another_users_socket(
        foreseeable_temp: Path) -> None:
    where = foreseeable_temp / "theirs.socket"
    listening: list[socket.socket] = []

    def listen() -> str:
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(os.fspath(where))
        listener.listen(1)
        listening.append(listener)
        return "listening"

    def what_came() -> bytes:
        listening[0].settimeout(5)
        connection, _ = listening[0].accept()
        connection.settimeout(5)
        return everything_sent(connection)

    with Stranger(listen, what_came) as stranger:
        assert stranger.first == "listening"
        assert ask_at(where, Request.OPEN, path="/home/me/my-private-routine.yaml",
                      start=True) is None
        stranger.go()
        assert stranger.then() == b""


@as_root_only
def test_a_connection_from_another_user_is_dropped_unread(qtbot: QtBot,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    with open_area() as area:
        folder = area / "data"
        folder.mkdir(mode=0o755)  # the user's, closed to others' writes: fit for the socket
        monkeypatch.setenv("HIPTIMER_DATA_DIR", str(folder))
        first = Window(qtbot, folder)
        try:
            path = socket_path(folder)
            assert path.parent == folder
            path.chmod(0o777)  # as if the system let every user reach it

            def knock() -> bytes:
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
                    client.settimeout(10)
                    client.connect(os.fspath(path))
                    client.sendall(KNOCK)
                    return everything_sent(client)

            with Stranger(lambda: "ready", knock) as stranger:
                stranger.go()
                qtbot.waitUntil(stranger.finished, timeout=20_000)
                # Dropped: no answer, whether it was closed before or after the line came.
                assert stranger.then() in (b"", Refused("ECONNRESET"), Refused("EPIPE"))
            assert first.state() is None and first.window.problem_bar.problems == []
            assert answering(qtbot, folder) == os.getpid()  # the user's own still answered
        finally:
            first.server.close()
            first.window.close()


@pytest.mark.parametrize(("runtime", "used"), [
    ("the user's", True), ("open to others", False), ("a link", True), ("missing", False),
    ("relative", False)])
def test_the_runtime_folder_holds_the_socket_only_when_it_is_the_users(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runtime: str, used: bool) -> None:
    folder = long_data_folder(tmp_path, monkeypatch)
    place = tmp_path / "runtime"
    place.mkdir(mode=0o700)
    if runtime == "open to others":
        place.chmod(0o777)
    elif runtime == "a link":  # to the user's own: the folder it leads to is what counts
        (tmp_path / "link").symlink_to(place)
        place = tmp_path / "link"
    elif runtime == "missing":
        place = tmp_path / "none"
    monkeypatch.setenv("XDG_RUNTIME_DIR", "runtime" if runtime == "relative" else str(place))
    assert (socket_path(folder).parent == place) is used
    assert checked_socket_path(folder, make=True).parent == (
        place if used else own_temporary_folder())


@as_root_only
def test_a_runtime_folder_of_another_user_is_not_used(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder = long_data_folder(tmp_path, monkeypatch)
    place = tmp_path / "runtime"
    place.mkdir(mode=0o700)
    os.chown(place, NOBODY, NOBODY)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(place))
    assert socket_path(folder).parent == own_temporary_folder()


@pytest.mark.parametrize(("made", "why"), [
    ("open to others", "is open to other users (mode 755)"),
    ("a link to the user's folder", "is a link, not a folder"),
    ("a file", "is not a folder"),
])
def test_a_foreseen_folder_not_as_hiptimer_makes_it_is_refused_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: str, why: str) -> None:
    folder = long_data_folder(tmp_path, monkeypatch)
    shared = tmp_path / "temporary"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    foreseen = own_temporary_folder()
    if made == "open to others":
        foreseen.mkdir(mode=0o755)
        foreseen.chmod(0o755)
    elif made == "a link to the user's folder":
        (tmp_path / "mine").mkdir(mode=0o700)
        foreseen.symlink_to(tmp_path / "mine")
    else:
        foreseen.write_text("")
    with pytest.raises(SocketRefused) as refused:
        checked_socket_path(folder, make=True)
    assert str(refused.value).startswith(f"{foreseen} {why}, so hiptimer keeps no socket")
    assert "\n" not in str(refused.value)
    assert running_window(folder) is None
