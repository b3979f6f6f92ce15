"""Which tests are slow, by measurement: the durations file that ``make durations`` writes.

A test is slow when its last measured run (set-up, call and tear-down) took ``SLOW_SECONDS``
or more; each parameter set of a test counts for the test as a whole, as does each example
a Hypothesis state machine runs for its class.
"""

from __future__ import annotations

import json
from pathlib import Path

DURATIONS = Path(__file__).resolve().parent.parent / "durations.json"
"""Committed: the tests measured as slow, and how many seconds each took."""
SLOW_SECONDS = 1.0
UNMARKED_LIMIT = 2.0
"""A test not marked slow that takes longer than this is named at the end of the run: the
margin over ``SLOW_SECONDS`` keeps a loaded machine from naming tests that are not slow."""


def named_test(nodeid: str) -> str:
    """The test a node id names, whatever its parameters."""
    return nodeid.split("[")[0]


def recorded(path: Path = DURATIONS) -> dict[str, float]:
    """The slow tests, as last measured."""
    if not path.is_file():
        return {}
    loaded: dict[str, float] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def record(measured: dict[str, float], path: Path = DURATIONS) -> None:
    """Keep what this run measured, and what it did not run as it was."""
    slow = {test: seconds for test, seconds in recorded(path).items() if test not in measured}
    slow.update({test: round(seconds, 1) for test, seconds in measured.items()
                 if seconds >= SLOW_SECONDS})
    path.write_text(json.dumps(dict(sorted(slow.items())), indent=1) + "\n", encoding="utf-8")
