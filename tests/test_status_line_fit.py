"""The terminal's status line fitted to any width: measured in the cells a terminal draws,
the least needed parts given up first, the countdown last, nothing unsafe let through."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.base.problem import first_unsafe
from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.state import State
from hiptimer.session.status import Status, status_of
from hiptimer.terminal.cells import ELLIPSIS, ambiguous_cells, shortened, text_cells
from hiptimer.terminal.parts import (
    DROP_ORDER,
    SHORTENED,
    SHORTEST,
    Part,
    PartKind,
    fit,
    fitted_line,
    joined,
    line_cells,
    status_parts,
)

WIDE = ("name: Wide\ndefaults: {prepare: 10s, rest: 15s}\nexercises:\n"
        "  - name: 股関節のストレッチ · déjà vu\n    hold: 40s\n    sets: 2\n"
        "    sides: [left ankle crossed, right ankle crossed]\n"
        "  - {name: Lift, reps: 5, tempo: 2-1-2}\n"
        "  - {name: Clams, reps: 8, tempo: self}\n")
"""A hold on two sides with a name of wide and accented letters, timed reps, self-paced."""


def statuses() -> dict[str, Status]:
    """One status of each kind of phase, at a known moment."""
    clock = FakeClock()
    session = Session(compile_timeline(parse_routine(WIDE.encode(), "wide.yaml")), clock)
    session.start()
    found = {"get ready": status_of(session)}
    session.next()
    clock.jump(session, clock.now() + 2.5)
    found["hold"] = status_of(session)
    session.pause()
    found["paused"] = status_of(session)
    session.resume()
    while session.phase.exercise != "Lift" or session.phase.reps is None:
        session.next()
    clock.jump(session, clock.now() + 3.5)
    found["reps"] = status_of(session)
    while session.phase.exercise != "Clams" or session.phase.duration is not None:
        session.next()
    clock.jump(session, clock.now() + 75.5)
    found["self-paced"] = status_of(session)
    return found


STATUSES = statuses()


def test_text_is_measured_in_the_cells_a_terminal_draws() -> None:
    assert text_cells("HOLD  0:18") == 10
    assert text_cells("股関節") == 6  # wide: two cells each
    assert text_cells("😀") == 2
    assert text_cells("cafe\u0301") == 4  # the accent is drawn on its letter's cell
    assert text_cells("✓") == 1
    assert text_cells("déjà · …", ambiguous=1) == 8
    assert text_cells("déjà · …", ambiguous=2) == 12  # as set up for East Asian text


def test_ambiguous_letters_are_wide_only_in_an_east_asian_locale() -> None:
    assert ambiguous_cells({"LANG": "ja_JP.UTF-8"}) == 2
    assert ambiguous_cells({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_GB.UTF-8"}) == 2
    assert ambiguous_cells({"LC_ALL": "C.UTF-8", "LANG": "ko_KR.UTF-8"}) == 1
    assert ambiguous_cells({}) == 1


def test_text_is_shortened_with_an_ellipsis_never_inside_a_character() -> None:
    assert shortened("Figure-four stretch", 8, ambiguous=1) == "Figure-…"
    assert shortened("Figure four", 8, ambiguous=1) == "Figure…"  # no space before it
    assert shortened("股関節のストレッチ", 6, ambiguous=1) == "股関…"
    assert shortened("cafe\u0301 au lait", 5, ambiguous=1) == "cafe\u0301…"
    assert shortened("Frog", 4) == "Frog"
    assert shortened("Frog", 0) == ""


@pytest.mark.parametrize(("kind", "width", "line"), [
    ("hold", 120, "HOLD  股関節のストレッチ · déjà vu  left ankle crossed  set 1/2  0:38  "
                  "Next: Switch sides 5s, right ankle crossed"),
    ("hold", 80, "HOLD  股関節のストレッチ · déjà vu  left ankle crossed  set 1/2  0:38"),
    ("hold", 50, "HOLD  股関節のストレッ…  left ankle crossed  0:38"),
    ("hold", 40, "HOLD  股関節…  left ankle crossed  0:38"),
    ("hold", 32, "HOLD  left ankle crossed  0:38"),
    ("hold", 30, "HOLD  left ankle cross…  0:38"),
    ("hold", 20, "HOLD  left a…  0:38"),
    ("hold", 12, "HOLD  0:38"),
    ("hold", 6, "0:38"),
    ("hold", 5, "0:38"),
    ("hold", 4, ""),
    ("paused", 50, "PAUSED  HOLD  股関節の…  left ankle crossed  0:38"),
    ("paused", 16, "PAUSED  0:38"),
    ("reps", 80, "REPS  Lift  rep 1/5 DOWN  0:22  Next: Clams  total 0:32 left"),
    ("reps", 50, "REPS  Lift  rep 1/5 DOWN  0:22  Next: Clams"),
    ("reps", 31, "REPS  Lift  rep 1/5 DOWN  0:22"),
    # The rep guides each movement: it outlasts the name, which stays the same all phase.
    ("reps", 30, "REPS  rep 1/5 DOWN  0:22"),
    ("reps", 20, "REPS  0:22"),
    ("self-paced", 80, "REPS  Clams  1:15 (self-paced: space or n when done)  Next: done"),
    ("self-paced", 40, "REPS  Clams  1:15"),
])
def test_the_line_gives_up_its_least_needed_parts_first(kind: str, width: int,
                                                         line: str) -> None:
    fitted = fitted_line(STATUSES[kind], width, ambiguous=1)
    assert fitted == line
    assert text_cells(fitted, ambiguous=1) <= width - 1


def test_the_whole_line_without_what_comes_next_is_printed_once_a_phase() -> None:
    parts = status_parts(STATUSES["hold"], upcoming=False)
    assert joined(parts) == ("HOLD  股関節のストレッチ · déjà vu  left ankle crossed  set 1/2  "
                             "0:38  total 3:48 left")


TRICKY = ["股", "節", "é", "\u0301", "\u20dd", "😀", "\ufe0f", "\u200d", "·", "…", "✓", "\x1b",
          "\r", "\n", "\t", "\x07", "\x9b", "\u202e", "\u2028", "\ufffe", "\U0001fbff", " "]
"""Wide, ambiguous, combining and zero-width characters, and ones no terminal may be sent."""
texts = st.text(st.one_of(st.characters(), st.sampled_from(TRICKY)), max_size=60)


@settings(max_examples=400, deadline=None)
@given(width=st.integers(1, 300), kind=st.sampled_from(sorted(STATUSES)), exercise=texts,
       side=st.none() | texts, paused=st.booleans(), ambiguous=st.sampled_from([1, 2]),
       remaining=st.none() | st.integers(0, 3600), sets=st.integers(1, 12))
def test_any_status_fits_any_width(width: int, kind: str, exercise: str, side: str | None,
                                   paused: bool, ambiguous: int, remaining: int | None,
                                   sets: int) -> None:
    status = replace(STATUSES[kind], exercise=exercise, side=side, sets=sets,
                     remaining=remaining, state=State.PAUSED if paused else State.RUNNING)
    parts = status_parts(status)
    kept = fit(parts, width, ambiguous)
    line = joined(kept)
    assert text_cells(line, ambiguous) <= width - 1
    assert first_unsafe(line) is None
    # The countdown stays whenever it fits on its own.
    countdown = next(part for part in parts if part.kind is PartKind.COUNTDOWN)
    fits = text_cells(countdown.text, ambiguous) <= width - 1
    assert (countdown in kept) == fits
    # Parts give way in order: each one kept outranks every one given up.
    rank = {kind: at for at, kind in enumerate(DROP_ORDER)}
    kept_kinds = {part.kind for part in kept}
    given_up = [part for part in parts if part.kind not in kept_kinds]
    if given_up and kept:
        assert max(rank[part.kind] for part in given_up) < min(rank[kind] for kind in kept_kinds)
    # A part is shortened only when it must be, and only the ones that may be.
    for before, after in zip([p for p in parts if p.kind in kept_kinds], kept, strict=True):
        if after.text != before.text:
            assert after.kind in SHORTENED and after.text.endswith(ELLIPSIS)
            assert before.text.startswith(after.text[:-1])
            assert text_cells(after.text, ambiguous) <= text_cells(before.text, ambiguous)
    # And given up only when it must be: the last one given up did not fit beside the rest
    # (whole as they were then: a part is shortened only after every part before it went).
    if given_up:
        last = max(given_up, key=lambda part: rank[part.kind])
        with_it = [p for p in parts if p.kind in kept_kinds or p is last]
        spare = width - 1 - line_cells(with_it, ambiguous) + text_cells(last.text, ambiguous)
        needed = SHORTEST if last.kind in SHORTENED else text_cells(last.text, ambiguous)
        assert spare < needed


def test_every_part_has_its_place_in_the_order() -> None:
    assert set(DROP_ORDER) == set(PartKind) and len(DROP_ORDER) == len(PartKind)
    assert DROP_ORDER[-1] is PartKind.COUNTDOWN
    assert fit([Part(PartKind.COUNTDOWN, "0:05")], 1) == []
