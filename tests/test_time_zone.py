"""A time zone Python cannot use (``TZ=XXX-25``, 25 hours east) falls back to UTC: every
command that shows or counts local dates still works, and says so in one line."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from hiptimer.cli import main

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="TZ is read on POSIX only")


@pytest.fixture
def broken_zone() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "XXX-25"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.usefixtures("broken_zone")
@pytest.mark.parametrize("command", [["history"], ["history", "--json"], ["list"],
                                     ["remind", "--dry-run"], ["export", "--csv", "-"],
                                     ["plan", "daily-short"]])
def test_every_command_works_in_utc(command: list[str],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(command) == 0
    err = capsys.readouterr().err
    assert err.count("TZ='XXX-25' cannot be used; times are shown in UTC") == 1
    assert "Traceback" not in err


def test_a_usable_zone_is_left_alone(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    assert "time zone" not in capsys.readouterr().err
