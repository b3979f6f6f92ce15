"""A check-in's answer in the session that all front ends share: given to the history with
the session's own row, only for a session run to its end, and once for each run."""

from __future__ import annotations

from pathlib import Path

from hiptimer.cues.names import CueSettings
from hiptimer.cues.player import SilentSink
from hiptimer.history.ratings import NotRated
from hiptimer.history.store import HistoryStore
from hiptimer.practice import Assembler, Practice
from hiptimer.routine import parse_routine
from hiptimer.session.clock import FakeClock
from hiptimer.session.feeling import Feeling
from hiptimer.session.state import State

from .support.history import StoreOpener

ROUTINE = ("name: Rated\ndefaults: {prepare: 2s, rest: 1s}\nexercises:\n"
           "  - {name: Frog, hold: 3-6s, sets: 2}\n")


class Ratings:
    def __init__(self, refusal: str | None = None) -> None:
        self.given: list[tuple[int, Feeling]] = []
        self.refusal = refusal

    def __call__(self, session_id: int, feeling: Feeling) -> None:
        self.given.append((session_id, feeling))
        if self.refusal is not None:
            raise NotRated(self.refusal)


def assembled(store: HistoryStore, ratings: Ratings, clock: FakeClock,
              reported: list[str]) -> Practice:
    return Assembler(clock, SilentSink(), lambda: CueSettings(voice=False), reported.append,
                     lambda: store, rate=ratings).assemble(
        parse_routine(ROUTINE.encode(), "rated.yaml"))


def run_to_the_end(practice: Practice, clock: FakeClock) -> None:
    practice.deliver(practice.session.start())
    clock.jump(practice.session, deliver=practice.deliver)
    assert practice.session.state is State.FINISHED


def test_the_answer_goes_to_the_history_with_the_sessions_row(
        data_dir: Path, open_store: StoreOpener) -> None:
    store, ratings, clock = open_store(data_dir / "h.sqlite"), Ratings(), FakeClock(0)
    practice = assembled(store, ratings, clock, [])
    run_to_the_end(practice, clock)
    practice.rate(Feeling.HARD)
    assert ratings.given == [(store.sessions()[-1].id, Feeling.HARD)]
    summary = practice.summary()
    assert summary is not None and summary.feeling is Feeling.HARD


def test_a_stopped_session_is_not_rated(data_dir: Path, open_store: StoreOpener) -> None:
    store, ratings, clock = open_store(data_dir / "h.sqlite"), Ratings(), FakeClock(0)
    practice = assembled(store, ratings, clock, [])
    practice.deliver(practice.session.start())
    clock.advance(4)
    practice.deliver(practice.session.advance())
    practice.deliver(practice.session.stop())
    practice.rate(Feeling.PAIN)
    assert ratings.given == [] and practice.feeling is None


def test_a_run_started_again_is_its_own_to_rate(data_dir: Path,
                                                open_store: StoreOpener) -> None:
    store, ratings, clock = open_store(data_dir / "h.sqlite"), Ratings(), FakeClock(0)
    practice = assembled(store, ratings, clock, [])
    run_to_the_end(practice, clock)
    practice.rate(Feeling.EASY)
    practice.deliver(practice.session.restart())
    assert practice.feeling is None  # the new run is not rated yet
    clock.jump(practice.session, deliver=practice.deliver)
    practice.rate(Feeling.PAIN)
    first, second = (record.id for record in store.sessions()[-2:])
    assert ratings.given == [(first, Feeling.EASY), (second, Feeling.PAIN)]


def test_a_history_that_refuses_is_said_and_the_session_goes_on(
        data_dir: Path, open_store: StoreOpener) -> None:
    store, clock = open_store(data_dir / "h.sqlite"), FakeClock(0)
    reported: list[str] = []
    ratings = Ratings(refusal="the history cannot be written now")
    practice = assembled(store, ratings, clock, reported)
    run_to_the_end(practice, clock)
    practice.rate(Feeling.RIGHT)
    assert not practice.send_rating()  # as after an end written late: not asked again
    assert len(ratings.given) == 1 and practice.feeling is Feeling.RIGHT
    assert reported == ["How the session felt is not kept: the history cannot be written now"]
