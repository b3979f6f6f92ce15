"""The normative timeline: which phases a routine becomes, in what order, for how long."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hiptimer.routine import load_routine
from hiptimer.session import PhaseKind, Timeline, compile_timeline

Write = Callable[..., Path]


def timeline(write: Write, exercises: str, head: str = "") -> Timeline:
    return compile_timeline(load_routine(write(f"name: t\n{head}exercises:\n{exercises}")))


def shape(t: Timeline) -> list[tuple[str, int, str | None, float | None]]:
    return [(p.kind.value, p.set, p.side, p.duration) for p in t.phases]


def test_alternating_sides_switch_within_a_set_and_rest_between_sets(write: Write) -> None:
    t = timeline(write, "  - {name: a, hold: 30s, sets: 2, sides: both}\n")
    assert shape(t) == [
        ("prepare", 1, "left", 10), ("work", 1, "left", 30), ("switch", 1, "right", 5),
        ("work", 1, "right", 30), ("rest", 2, "left", 15), ("work", 2, "left", 30),
        ("switch", 2, "right", 5), ("work", 2, "right", 30),
    ]


def test_blocked_order_does_all_sets_of_one_side_first(write: Write) -> None:
    t = timeline(write, "  - {name: a, hold: 30s, sets: 2, sides: both, order: blocked}\n")
    assert shape(t) == [
        ("prepare", 1, "left", 10), ("work", 1, "left", 30), ("rest", 2, "left", 15),
        ("work", 2, "left", 30), ("switch", 1, "right", 5), ("work", 1, "right", 30),
        ("rest", 2, "right", 15), ("work", 2, "right", 30),
    ]


def test_no_rest_after_an_exercise_the_next_prepare_is_the_pause(write: Write) -> None:
    t = timeline(write, "  - {name: a, hold: 20s, sets: 2}\n  - {name: b, reps: 10}\n")
    assert [(p.kind.value, p.exercise) for p in t.phases] == [
        ("prepare", "a"), ("work", "a"), ("rest", "a"), ("work", "a"),
        ("prepare", "b"), ("work", "b")]
    assert t.phases[-1].duration == 30  # 10 reps at the built-in 3 s a rep


def test_zero_length_pauses_are_left_out(write: Write) -> None:
    head = "defaults: {prepare: 0, rest: 0s, switch: 0}\n"
    t = timeline(write, "  - {name: a, hold: 30s, sets: 2, sides: both}\n", head)
    assert [p.kind for p in t.phases] == [PhaseKind.WORK] * 4


def test_offsets_add_up_and_the_total_is_their_sum(write: Write) -> None:
    t = timeline(write, "  - {name: a, hold: 30-60s, sets: 3-4, sides: [in, out]}\n"
                        "  - {name: b, reps: 8-12, tempo: 2-1-2}\n", "rounds: 2\n")
    running = 0.0
    for phase in t.phases:
        assert phase.offset == running
        running += phase.duration or 0
    assert t.total_seconds == running
    # Ranges use their low end: 3 sets of 30 s on two sides, 8 reps of 5 s.
    work = [p for p in t.phases if p.kind is PhaseKind.WORK and p.round == 1]
    assert [p.duration for p in work] == [30] * 6 + [40]
    assert {p.round for p in t.phases} == {1, 2}
    assert [p.index for p in t.phases] == list(range(len(t.phases)))


def test_reps_carry_their_count_and_tempo(write: Write) -> None:
    t = timeline(write, "  - {name: a, reps: 8-12, tempo: 2-1-2}\n")
    work = t.phases[-1]
    assert work.reps == 8 and work.tempo is not None and work.tempo.parts == (2.0, 1.0, 2.0)
    assert work.duration == 40 and not work.is_hold


def test_self_paced_reps_are_open_ended_and_left_out_of_the_total(write: Write) -> None:
    t = timeline(write, "  - {name: a, reps: 10, tempo: self}\n  - {name: b, hold: 30s}\n")
    assert [p.duration for p in t.phases] == [10, None, 10, 30]
    assert t.open_ended_count == 1
    assert t.total_seconds == 50
    assert t.phases[2].offset == 10  # self-paced phases count as 0 in the plan's offsets


def test_overrides_beat_defaults_beat_built_ins(write: Write) -> None:
    t = timeline(write, "  - {name: a, hold: 30s, sets: 2, rest: 5s}\n  - {name: b, hold: 30s}\n",
                 "defaults: {prepare: 3s}\n")
    assert shape(t) == [("prepare", 1, None, 3), ("work", 1, None, 30), ("rest", 2, None, 5),
                        ("work", 2, None, 30), ("prepare", 1, None, 3), ("work", 1, None, 30)]


def test_a_faster_preview_scales_every_length(write: Write) -> None:
    t = timeline(write, "  - {name: a, reps: 4, tempo: 2-1-2, sets: 2}\n")
    fast = t.scaled(10)
    assert [p.duration for p in fast.phases] == [1, 2, 1.5, 2]
    assert [p.offset for p in fast.phases] == [0, 1, 3, 4.5]
    assert fast.phases[1].tempo is not None and fast.phases[1].tempo.parts == (0.2, 0.1, 0.2)
    assert fast.total_seconds == t.total_seconds / 10
