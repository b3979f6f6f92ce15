"""The check-in in a terminal: asked once after a completed session, answered with one key,
skipped with Enter, gone unrated after a minute, and never asked without a person at a
terminal."""

from __future__ import annotations

import json
import os
import pty
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hiptimer.cues.names import CueSettings
from hiptimer.cues.player import SilentSink
from hiptimer.history.store import HistoryStore
from hiptimer.practice import Assembler, Practice
from hiptimer.routine import parse_routine
from hiptimer.session.check_in import WAIT_SECONDS, spoken_question, typed_question
from hiptimer.session.clock import FakeClock
from hiptimer.session.feeling import Feeling
from hiptimer.session.summary import PAIN_ADVICE
from hiptimer.terminal.check_in import NOT_RATED, ask_feeling, check_in

from .support.audio import RecordingSink
from .support.commands import hiptimer
from .support.history import StoreOpener
from .support.speech import FakeMaker, ManualSpawn, words

Write = Callable[..., Path]
TINY = "name: Tiny\ndefaults: {prepare: 0}\nexercises:\n  - {name: Frog, hold: 0.5s}\n"
RANGED = ("name: Ranged\ndefaults: {prepare: 2s, rest: 1s}\nexercises:\n"
          "  - {name: Frog, hold: 3-6s, sets: 2}\n")


class Typist:
    """Someone at the terminal, on a fake clock: each read takes what they type next, after
    the seconds they take (``None``: they type nothing, and the wait runs out)."""

    def __init__(self, clock: FakeClock, *typed: tuple[float, str | None]) -> None:
        self.clock = clock
        self.typed = list(typed)
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> str | None:
        self.waits.append(seconds)
        if not self.typed:
            self.clock.advance(seconds)
            return None
        after, text = self.typed[0]
        if after > seconds:  # not yet: the wait ends first
            self.typed[0] = (after - seconds, text)
            self.clock.advance(seconds)
            return None
        self.typed.pop(0)
        self.clock.advance(after)
        return text


@pytest.mark.parametrize("typed, feeling", [
    ([(2.0, "3")], Feeling.HARD),
    ([(1.0, "1")], Feeling.EASY),
    ([(5.0, "x"), (1.0, " "), (1.0, "4")], Feeling.PAIN),  # other keys answer nothing
    ([(1.0, "q2")], Feeling.RIGHT),
    ([(3.0, "\n")], None),  # Enter skips
    ([(3.0, "")], None),  # the end of input, or a stop signal
    ([(WAIT_SECONDS + 1, "3")], None),  # too late: the question has gone
])
def test_one_key_answers(typed: list[tuple[float, str]], feeling: Feeling | None) -> None:
    clock = FakeClock(100)
    said: list[str] = []
    assert ask_feeling(Typist(clock, *typed), clock, said.append) is feeling
    assert said == [typed_question()]
    assert clock.now() <= 100 + WAIT_SECONDS


def test_no_answer_in_a_minute_leaves_it_unrated() -> None:
    clock = FakeClock(0)
    typist = Typist(clock)
    assert ask_feeling(typist, clock, lambda _: None) is None
    assert clock.now() == WAIT_SECONDS and typist.waits == [WAIT_SECONDS]


def test_the_question_is_spoken_once_after_the_finishing_cue() -> None:
    clock = FakeClock(0)
    spoken: list[float] = []
    typist = Typist(clock, (4.0, "2"))
    assert ask_feeling(typist, clock, lambda _: None, lambda: spoken.append(clock.now()),
                       speak_after=1.5) is Feeling.RIGHT
    assert spoken == [1.5]
    assert typist.waits[0] == 1.5  # the first wait ends when the voice is due


def test_the_question_reads_as_the_issue_asks() -> None:
    assert typed_question() == ("How did that feel? 1 easy, 2 about right, 3 hard, 4 it hurt "
                                "(Enter: skip)")
    assert spoken_question() == ("How did that feel? 1, easy. 2, about right. 3, hard. "
                                 "4, it hurt.")


class Ratings:
    """The history's ``rate``, noting each answer it is given on the way."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store
        self.given: list[tuple[int, Feeling]] = []

    def __call__(self, session_id: int, feeling: Feeling) -> None:
        self.given.append((session_id, feeling))
        self.store.rate(session_id, feeling)


@pytest.fixture
def practice(data_dir: Path, open_store: StoreOpener) -> Iterator[tuple[Practice, Ratings]]:
    """A session of RANGED run to its end on a fake clock, recorded, its answers noted."""
    store = open_store(data_dir / "history.sqlite")
    ratings = Ratings(store)
    clock = FakeClock(0)
    made = Assembler(clock, SilentSink(), lambda: CueSettings(voice=False), lambda _: None,
                     lambda: store, data=data_dir, rate=ratings).assemble(
        parse_routine(RANGED.encode(), "ranged.yaml"))
    made.deliver(made.session.start())
    clock.jump(made.session, deliver=made.deliver)
    yield made, ratings
    made.close()


def test_the_answer_is_kept_and_what_it_came_to_said(
        practice: tuple[Practice, Ratings]) -> None:
    made, ratings = practice
    clock = FakeClock(0)
    said: list[str] = []
    check_in(made, Typist(clock, (2.0, "4")), clock, said.append)
    assert made.session_id is not None and ratings.given == [(made.session_id, Feeling.PAIN)]
    assert said[0] == typed_question()
    assert said[1:] == ["It hurt · next time: level 0 of 1 again", *PAIN_ADVICE]


def test_skipped_or_unanswered_nothing_is_kept(practice: tuple[Practice, Ratings]) -> None:
    made, ratings = practice
    clock = FakeClock(0)
    said: list[str] = []
    check_in(made, Typist(clock), clock, said.append)
    assert said == [typed_question(), NOT_RATED] and ratings.given == []


def test_the_practice_speaks_the_question_with_the_voice_on(tmp_path: Path) -> None:
    clock, sink, maker, spawn = FakeClock(0), RecordingSink(), FakeMaker(), ManualSpawn()
    made = Assembler(clock, sink, CueSettings, lambda _: None, data=tmp_path,
                     speaker=lambda: maker, spawn=spawn).assemble(
        parse_routine(TINY.encode(), "tiny.yaml"))
    made.deliver(made.session.start())
    clock.jump(made.session, deliver=made.deliver)
    made.close()
    question = spoken_question()
    assert not made.say(question)  # not made yet: nothing is said, nothing waits
    made.ask_for_words(question)
    spawn.run()
    heard = len(sink.played)
    assert made.say(question)
    assert sink.played[heard:] == [words(question)]
    assert made.ending_seconds() > 0  # the finishing cue, which the words wait for


def test_nothing_is_spoken_with_the_voice_off(tmp_path: Path) -> None:
    clock, sink, maker, spawn = FakeClock(0), RecordingSink(), FakeMaker(), ManualSpawn()
    made = Assembler(clock, sink, lambda: CueSettings(voice=False), lambda _: None,
                     data=tmp_path, speaker=lambda: maker, spawn=spawn).assemble(
        parse_routine(TINY.encode(), "tiny.yaml"))
    made.deliver(made.session.start())
    clock.jump(made.session, deliver=made.deliver)
    made.ask_for_words(spoken_question())
    spawn.run()
    heard = len(sink.played)
    assert not made.say(spoken_question()) and len(sink.played) == heard
    assert maker.made == []


def run_at_a_terminal(routine: Path, typed: bytes) -> str:
    """``hiptimer run --no-gui`` in a pseudo-terminal, ``typed`` once the question shows;
    all it wrote."""
    controller, terminal = pty.openpty()
    proc = hiptimer("run", "--no-gui", str(routine), stdin=terminal, stdout=terminal)
    os.close(terminal)
    seen = b""
    try:
        while b"How did that feel?" not in seen:
            seen += os.read(controller, 1024)
        os.write(controller, typed)
        _, err = proc.communicate(timeout=30)
        while True:
            try:
                more = os.read(controller, 1024)
            except OSError:  # all of it read: the terminal has no writer left
                break
            if not more:
                break
            seen += more
    finally:
        os.close(controller)
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0 and err == ""
    return seen.decode().replace("\r\n", "\n")


def feelings_kept() -> list[str | None]:
    proc = hiptimer("history", "--json")
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    return [s.get("feeling") for s in json.loads(out)["sessions"]]


def test_at_a_terminal_one_key_answers(write: Write, data_dir: Path) -> None:
    out = run_at_a_terminal(write(TINY), b"3")
    assert typed_question() in out
    assert "You have not measured your hip rotation yet" in out  # the history's advice
    assert out.rstrip().endswith("Felt hard")
    assert feelings_kept() == ["hard"]


def test_at_a_terminal_enter_skips(write: Write, data_dir: Path) -> None:
    out = run_at_a_terminal(write(TINY), b"\n")
    assert out.rstrip().endswith(NOT_RATED)
    assert feelings_kept() == [None]


def test_without_a_terminal_nothing_is_asked(write: Write, data_dir: Path) -> None:
    proc = hiptimer("run", "--no-gui", str(write(TINY)), stdin=subprocess.DEVNULL)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "How did that feel?" not in out and out.rstrip().endswith("Finished. Well done.")
