"""When to measure the range of motion again, and which hip is stiffer: the advice the
history gives after the sessions (``hiptimer history``, and the screen at a session's end)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from hiptimer.cli import main
from hiptimer.history.motion import measure_again
from hiptimer.history.store import HISTORY_FILE, HistoryStore

TODAY = date(2026, 12, 6)
SELF_TEST = "(History and progress, Range of motion)."
NOT_YET = ("You have not measured your hip rotation yet: the guided self-test takes a few "
           f"minutes {SELF_TEST}")


def again(days: int) -> str:
    return (f"Your last range-of-motion measurement was {days} days ago: measure again with "
            f"the guided self-test {SELF_TEST}")


def test_nothing_measured_is_advised_once_a_session_is_completed() -> None:
    assert measure_again([], TODAY, has_completed=False) == []
    assert measure_again([], TODAY, has_completed=True) == [NOT_YET]


@pytest.mark.parametrize(("days", "advice"), [(0, []), (13, []), (14, [again(14)]),
                                              (40, [again(40)]), (-3, [])])
def test_a_measurement_14_days_old_or_older_is_due_again(days: int,
                                                         advice: list[str]) -> None:
    measured = TODAY - timedelta(days=days)
    older = TODAY - timedelta(days=days + 30)
    measurements = [(older, "left", 35.0), (measured, "left", 36.0), (measured, "right", 37.0)]
    for completed in (False, True):
        assert measure_again(measurements, TODAY, completed) == advice


@pytest.mark.parametrize(("left", "right", "said"), [
    (40.0, 28.0, "Your right hip turns in 12° less than your left."),
    (25.5, 36.0, "Your left hip turns in 10.5° less than your right."),
    (30.0, 40.0, None),  # 10° exactly: within what is usual
    (38.0, 38.0, None),
])
def test_a_difference_over_10_degrees_names_the_stiffer_side(left: float, right: float,
                                                             said: str | None) -> None:
    measurements = [(TODAY, "left", left), (TODAY, "right", right)]
    assert measure_again(measurements, TODAY, True) == ([said] if said else [])


def test_the_latest_of_each_side_is_compared() -> None:
    earlier = TODAY - timedelta(days=20)
    measurements = [(earlier, "left", 20.0), (earlier, "right", 40.0),
                    (TODAY - timedelta(days=15), "left", 38.0)]
    # the newest measurement says when; each side's latest is compared (2°: nothing said)
    assert measure_again(measurements, TODAY, True) == [again(15)]
    assert measure_again(measurements[:2], TODAY, True) == [
        again(20), "Your left hip turns in 20° less than your right."]


def test_hiptimer_history_ends_with_the_advice(data_dir: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    measured = date.today() - timedelta(days=21)
    with HistoryStore(data_dir / HISTORY_FILE) as store:
        store.add_motion(measured, "left", 41.0)
        store.add_motion(measured, "right", 29.0)
    assert main(["history"]) == 0
    assert capsys.readouterr().out.splitlines()[-3:] == [
        "", again(21), "Your right hip turns in 12° less than your left."]
