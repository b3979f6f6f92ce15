"""A routine of a thousand exercises is as right as a short one: every exercise in its
timeline, every announcement in the speech's order, every cue of a crowded phase placed.
(How long it all takes is measured by bench/long_routine.py, not here.)"""

from __future__ import annotations

import itertools
from collections import Counter

from hiptimer.cues.announcements import DONE, HALFWAY, in_order_of_need
from hiptimer.cues.names import CueName, CueSettings
from hiptimer.cues.placement import CueBank, plan_phase
from hiptimer.cues.tones import built_in
from hiptimer.routine import parse_routine
from hiptimer.session import PhaseKind, Timeline, compile_timeline
from hiptimer.session.events import EventKind

from .support.audio import FakeVoice

COUNT = 1000
SHAPES = ("hold: 30s, sets: 2, sides: both", "reps: 10, tempo: 2-1-2", "hold: 20s")
"""Taken in turn: 8, 2 and 2 phases."""
TONES = {name: built_in(name) for name in CueName}


def long_routine(count: int = COUNT) -> Timeline:
    lines = [f"  - {{name: Exercise {n + 1}, {SHAPES[n % len(SHAPES)]}}}" for n in range(count)]
    text = "name: Long\nexercises:\n" + "\n".join(lines) + "\n"
    return compile_timeline(parse_routine(text.encode(), "long.yaml"))


def test_every_exercise_is_in_the_timeline_in_order() -> None:
    timeline = long_routine()
    phases = timeline.phases
    per_shape = {0: 8, 1: 2, 2: 2}
    assert len(phases) == sum(per_shape[n % 3] for n in range(COUNT))
    assert [p.index for p in phases] == list(range(len(phases)))
    prepares = [p for p in phases if p.kind is PhaseKind.PREPARE]
    assert [p.exercise for p in prepares] == [f"Exercise {n + 1}" for n in range(COUNT)]
    kinds = Counter(p.kind for p in phases)
    holds_per_three = 4 + 1  # two sets of two sides, then one
    assert kinds[PhaseKind.WORK] == holds_per_three * 333 + 4 + 1 * 333
    for before, after in itertools.pairwise(phases):
        assert after.offset == before.offset + (before.duration or 0)
    assert timeline.total_seconds == sum(p.duration or 0 for p in phases)
    assert timeline.seconds_after(0) == timeline.total_seconds - (phases[0].duration or 0)


def test_every_announcement_is_made_once_in_the_order_it_is_needed() -> None:
    timeline = long_routine()
    order = in_order_of_need(timeline)
    assert len(order) == len(set(order))
    assert order[-1] == DONE and HALFWAY in order
    shortest = [f"Exercise {n + 1}." for n in range(COUNT)]
    assert [text for text in order if text in set(shortest)] == shortest
    # The first exercise's words come first, the last one's last of the exercises'.
    assert order.index("Exercise 1.") < order.index(HALFWAY) < order.index(f"Exercise {COUNT}.")


def test_the_first_and_last_phases_are_planned_as_in_a_short_routine() -> None:
    timeline = long_routine()
    bank = CueBank(TONES, FakeVoice(), CueSettings())
    last = len(timeline.phases)
    for index in [*range(12), *range(last - 12, last)]:
        phase = timeline.phases[index]
        cues = plan_phase(timeline, index, phase.duration, bank)
        start = cues[(EventKind.PHASE_STARTED, None, None)]
        assert start.offset == 0
        if phase.kind is PhaseKind.PREPARE:
            assert start.text is not None and phase.exercise in start.text
        heard = sorted((c.offset, c.offset + c.sound.seconds) for c in cues.values())
        assert all(a[1] <= b[0] + 1e-9 for a, b in itertools.pairwise(heard))


def test_a_phase_of_five_hundred_reps_places_every_cue_that_fits() -> None:
    text = "name: Reps\nexercises:\n  - {name: Lifts, reps: 500, tempo: 1-1-1}\n"
    timeline = compile_timeline(parse_routine(text.encode(), "reps.yaml"))
    work = timeline.phases[1]
    assert work.duration == 1500
    cues = plan_phase(timeline, 1, work.duration, CueBank(TONES, None, CueSettings()))
    heard = Counter(cue.name for cue in cues.values())
    # Each second has its part of a rep, but the first rep's "up" gives way to the phase's
    # own start, and the last rep's three parts to the countdown.
    assert heard == {CueName.WORK: 1, CueName.PIP: 2, CueName.PIP_LAST: 1,
                     CueName.TEMPO_UP: 498, CueName.TEMPO_HOLD: 499, CueName.TEMPO_DOWN: 499}
    starts = sorted((c.offset, c.offset + c.sound.seconds) for c in cues.values())
    assert all(a[1] <= b[0] + 1e-9 for a, b in itertools.pairwise(starts))
