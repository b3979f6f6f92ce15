"""Sound plays in a process of its own: whatever happens to that process, the session goes on.

These tests start real player processes with a fake sound library (``fake_audio/``), so a
crash is a real SIGSEGV in another process. Waiting is for what those processes do, never
for a timer: restarts are timed on a clock the test moves.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hiptimer.base.notice import Notice
from hiptimer.cues.names import CueName
from hiptimer.cues.player import (
    PLAYER,
    SOUND_WORKS_AGAIN,
    Backoff,
    ProcessSink,
    cannot_play,
    cannot_start,
    player_died,
    player_stuck,
    sound_key,
)
from hiptimer.cues.player_process import ExitCode, Player
from hiptimer.cues.sound import RATE, Sound
from hiptimer.cues.sound_library import CHOICE_VARIABLE, SoundLibrary
from hiptimer.cues.tones import built_in

from .support.processes import gone, until

FAKE = Path(__file__).parent / "fake_audio"
PIP, WORK = built_in(CueName.PIP), built_in(CueName.WORK)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Problems:
    def __init__(self) -> None:
        self.said: list[str] = []
        self.changed = threading.Event()

    def __call__(self, message: str) -> None:
        self.said.append(message)
        self.changed.set()


@pytest.fixture
def fake_audio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Players started in this test use the fake library; returns the log of what they played."""
    path = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(FAKE), path])))
    monkeypatch.setenv(CHOICE_VARIABLE, SoundLibrary.SIMPLEAUDIO.value)  # the fake's name
    log = tmp_path / "played.log"
    monkeypatch.setenv("FAKE_AUDIO_LOG", str(log))
    return log


@pytest.fixture
def sinks() -> Iterator[Callable[..., ProcessSink]]:
    made: list[ProcessSink] = []

    def make(*args: object, **kwargs: object) -> ProcessSink:
        made.append(ProcessSink(*args, **kwargs))  # type: ignore[arg-type]
        return made[-1]

    yield make
    for sink in made:
        sink.close()


def played(log: Path, outcome: str = "play") -> list[int]:
    """The size in bytes of each sound the fake library played (or failed to), in order."""
    if not log.exists():
        return []
    return [int(line.split()[1]) for line in log.read_text().splitlines()
            if line.startswith(outcome + " ")]


def test_each_sound_crosses_the_pipe_once_then_plays_by_its_key(
        tmp_path: Path, sinks: Callable[..., ProcessSink]) -> None:
    sent = tmp_path / "sent"
    # A stand-in that never answers its pings: given all the time it needs.
    sink = sinks(print, command=[sys.executable, str(FAKE / "record_pipe.py"), str(sent)],
                 answer_within=600)
    for sound in (PIP, WORK, PIP, PIP):
        sink.play(sound)
    sink.close()
    pip, work = sound_key(PIP), sound_key(WORK)
    # Each request is followed by a ping the player answers, the last one by quit.
    assert sent.read_bytes() == (
        f"load {pip} {len(PIP.to_bytes())}\n".encode() + PIP.to_bytes()
        + f"play {pip}\nping 1\n".encode()
        + f"load {work} {len(WORK.to_bytes())}\n".encode() + WORK.to_bytes()
        + f"play {work}\nping 2\n".encode()
        + f"play {pip}\nping 3\nplay {pip}\nping 4\nping 5\nquit\n".encode())


def test_sounds_play_in_the_player_process(fake_audio: Path,
                                           sinks: Callable[..., ProcessSink]) -> None:
    problems = Problems()
    sink = sinks(problems)
    for sound in (PIP, WORK, PIP):
        sink.play(sound)
    sink.close()
    assert played(fake_audio) == [len(PIP.to_bytes()), len(WORK.to_bytes()),
                                  len(PIP.to_bytes())]
    assert problems.said == [] and sink.players_started == 1


def test_a_crashed_player_is_reported_once_and_a_new_one_plays_later_cues(
        fake_audio: Path, monkeypatch: pytest.MonkeyPatch,
        sinks: Callable[..., ProcessSink]) -> None:
    monkeypatch.setenv("FAKE_AUDIO_CRASH_AT", "2")  # every player dies at its second sound
    clock, problems = Clock(), Problems()
    sink = sinks(problems, clock=clock, backoff=Backoff(first=1, longest=8, stable=60))
    sink.play(PIP)
    sink.play(WORK)  # the player crashes here
    assert problems.changed.wait(10)
    until(lambda: sink.next_start is not None)
    [notice] = problems.said
    assert isinstance(notice, Notice) and notice == player_died(-signal.SIGSEGV)
    assert notice.summary == "The sound stopped working; the session goes on silently."
    assert notice.detail == ("The sound player ended: killed by SIGSEGV. A new one starts after "
                             "a pause.")
    clock.now = 1.0
    sink.play(PIP)  # a fresh player, which plays it
    sink.play(WORK)  # and dies too, with nothing more said
    assert sink.flush()
    until(lambda: sink.next_start is not None)
    assert sink.players_started == 2 and len(problems.said) == 1
    assert played(fake_audio) == [len(PIP.to_bytes())] * 2


def test_a_player_that_keeps_dying_is_started_again_ever_more_slowly(
        sinks: Callable[..., ProcessSink]) -> None:
    clock, problems = Clock(), Problems()
    dies = [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"]
    sink = sinks(problems, command=dies, clock=clock,
                 backoff=Backoff(first=1, longest=4, stable=60))
    starts = []
    for second in range(12):
        clock.now = float(second)
        for _ in range(20):  # a burst of cues never starts more than one player
            sink.play(PIP)
        assert sink.flush()
        until(lambda: sink.next_start is not None)
        starts.append(sink.players_started)
    # started at 0, then again 1, 2, 4 and 4 seconds after each death
    assert starts == [1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5]
    assert len(problems.said) == 1 and "killed by SIGSEGV" in problems.said[0]


def test_a_missing_device_is_reported_once_and_retried_at_each_cue(
        fake_audio: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        sinks: Callable[..., ProcessSink]) -> None:
    broken = tmp_path / "broken"
    broken.touch()
    monkeypatch.setenv("FAKE_AUDIO_BROKEN", str(broken))
    problems = Problems()
    sink = sinks(problems)
    for _ in range(3):
        sink.play(PIP)
    until(lambda: len(played(fake_audio, "fail")) == 3)
    broken.unlink()
    problems.changed.clear()
    sink.play(WORK)
    assert problems.changed.wait(10)
    sink.close()
    assert problems.said == [cannot_play("Error opening PCM device"), SOUND_WORKS_AGAIN]
    notice = problems.said[0]
    assert isinstance(notice, Notice)
    assert notice.summary == "No working sound device was found; the session goes on silently."
    assert notice.detail == "Error opening PCM device. Sound is tried again at every cue."
    assert played(fake_audio) == [len(WORK.to_bytes())]
    assert sink.players_started == 1


def test_without_the_sound_library_it_says_so_once_and_stops_trying(
        fake_audio: Path, monkeypatch: pytest.MonkeyPatch,
        sinks: Callable[..., ProcessSink]) -> None:
    monkeypatch.setenv("FAKE_AUDIO_MISSING", "1")
    clock, problems = Clock(), Problems()
    sink = sinks(problems, clock=clock)
    assert problems.changed.wait(10)
    until(lambda: sink.pid is None)
    for second in range(0, 600, 60):
        clock.now = second
        sink.play(PIP)
        sink.flush()
    assert sink.players_started == 1
    [notice] = problems.said
    assert isinstance(notice, Notice)
    assert notice.summary == ("Sound cannot play because a part of hiptimer is missing; the "
                              "session goes on silently.")
    assert notice.detail == ("The sound library simpleaudio cannot be loaded (No module named "
                             "'simpleaudio').")


def test_a_player_that_cannot_start_is_told_plainly(tmp_path: Path,
                                                    sinks: Callable[..., ProcessSink]) -> None:
    problems = Problems()
    sink = sinks(problems, command=[str(tmp_path / "no-such-player")])
    assert problems.changed.wait(10)
    [notice] = problems.said
    assert isinstance(notice, Notice)
    assert notice.summary == "Sound cannot play on this computer; the session goes on silently."
    assert "No such file or directory" in notice.detail and "no-such-player" in notice.detail
    sink.play(PIP)
    assert sink.flush() and sink.players_started == 0 and len(problems.said) == 1


@pytest.mark.parametrize("notice", [
    cannot_start(FileNotFoundError(2, "No such file or directory")),
    player_died(-signal.SIGSEGV),
    player_died(1),
    player_stuck(2.0),
    cannot_play("Error opening PCM device"),
    cannot_play("the sound library simpleaudio cannot be loaded (No module named 'x')"),
], ids=["cannot start", "killed", "exit status", "stuck", "no device", "no library"])
def test_a_sound_problem_is_summed_up_without_its_technical_detail(notice: Notice) -> None:
    # The summary is for someone on the floor: no error text, status or library name in it.
    assert notice.summary.endswith("the session goes on silently.")
    assert notice.detail
    for technical in ("Errno", "No such file", "SIGSEGV", "status", "PCM", "simpleaudio",
                      "module", "player"):
        assert technical not in notice.summary
    # A terminal prints the notice as text: the summary, then the detail in brackets.
    assert notice == f"{notice.summary} ({notice.detail})"


def test_closing_lets_the_last_sound_finish_and_ends_the_player(
        fake_audio: Path, sinks: Callable[..., ProcessSink]) -> None:
    sink = sinks(print)
    sink.play(PIP)
    assert sink.flush()
    pid = sink.pid
    assert pid is not None
    sink.close()
    assert sink.pid is None and played(fake_audio) == [len(PIP.to_bytes())]


def ours(pid: int) -> bool:
    """``pid`` is still a child of this test's process (so it may be sent a signal)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return int(stat[1]) == os.getpid() and stat[0] not in ("Z", "X")


def resume(pid: int) -> None:
    """Let a player this test stopped go on, if the sink has not ended it."""
    if ours(pid):
        os.kill(pid, signal.SIGCONT)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_stopped_player_is_reported_once_ended_and_replaced(
        fake_audio: Path, sinks: Callable[..., ProcessSink]) -> None:
    clock, problems = Clock(), Problems()
    sink = sinks(problems, clock=clock, answer_within=0.5,
                 backoff=Backoff(first=1, longest=8, stable=60))
    sink.play(PIP)
    until(lambda: played(fake_audio) == [len(PIP.to_bytes())])
    pid = sink.pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)  # it holds its pipes and never answers again
    try:
        sink.play(WORK)
        assert problems.changed.wait(10)
        until(lambda: sink.next_start is not None)
        assert gone(pid)  # ended, stopped as it was
        [notice] = problems.said
        assert notice == player_stuck(0.5)
        assert isinstance(notice, Notice)
        assert notice.summary == "The sound stopped answering; the session goes on silently."
        clock.now = 1.0
        sink.play(PIP)  # a new player plays on, and nothing more is said
        until(lambda: len(played(fake_audio)) == 2)
        assert sink.players_started == 2 and len(problems.said) == 1
    finally:
        resume(pid)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sending", [False, True], ids=["idle", "in the middle of a sound"])
def test_closing_never_waits_on_a_stopped_player(
        sending: bool, fake_audio: Path, sinks: Callable[..., ProcessSink]) -> None:
    problems = Problems()
    sink = sinks(problems, linger=60)  # a player that answered could finish its sound
    sink.play(PIP)
    until(lambda: played(fake_audio) == [len(PIP.to_bytes())])
    pid = sink.pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    try:
        if sending:  # more than its pipe holds: the sink is stuck writing when it closes
            sink.play(Sound(array("h", bytes(4 * RATE * 2))))
        began = time.monotonic()
        sink.close()
        assert time.monotonic() - began < 10  # waiting on it would take a minute
        assert gone(pid) and sink.pid is None
        assert problems.said == []  # closing: nobody is left to tell
    finally:
        resume(pid)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_the_player_never_outlives_the_app(how: signal.Signals, fake_audio: Path) -> None:
    app = subprocess.Popen(
        [sys.executable, "-c", "import sys, threading\n"
         "from hiptimer.cues.player import ProcessSink\n"
         "sink = ProcessSink(print)\n"
         "while sink.pid is None: threading.Event().wait(0.01)\n"
         "print(sink.pid, flush=True)\n"
         "threading.Event().wait()\n"],
        stdout=subprocess.PIPE, text=True)
    assert app.stdout is not None
    player = int(app.stdout.readline())
    assert not gone(player)
    app.send_signal(how)
    app.wait(timeout=10)
    app.stdout.close()
    until(lambda: gone(player))


def test_the_player_follows_its_protocol() -> None:
    out = io.StringIO()
    backend = RecordingBackend()
    pip = PIP.to_bytes()
    commands = io.BytesIO(b"load a 4\n\x01\x02\x03\x04play a\nping 1\nplay missing\nclear\n"
                          b"play a\n" + f"load b {len(pip)}\n".encode() + pip
                          + b"play b\nping 2\nquit\nplay b\n")
    assert Player(backend, out).serve(commands) is ExitCode.DONE
    assert backend.played == [b"\x01\x02\x03\x04", pip]
    assert out.getvalue() == "pong 1\npong 2\n"  # each ping answered as it is read
    assert Player(backend, out).serve(io.BytesIO(b"load c 10\nshort")) is ExitCode.BAD_INPUT
    assert Player(backend, out).serve(io.BytesIO(b"dance\n")) is ExitCode.BAD_INPUT


class RecordingBackend:
    def __init__(self) -> None:
        self.played: list[bytes] = []

    def play_buffer(self, data: bytes, channels: int, width: int, rate: int) -> object:
        self.played.append(data)
        return None


def test_the_player_is_this_python_and_sounds_are_named_by_their_content() -> None:
    assert PLAYER[0] == sys.executable
    assert sound_key(Sound(array("h", PIP.samples))) == sound_key(PIP) != sound_key(WORK)
