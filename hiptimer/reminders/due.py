"""What is due now: for each planned reminder, whether to send it, and if not, why not.

A reminder is due on one of its days once its time has come, for the rest of that day,
unless its routine was already done that day or it was already sent that day. Waking up
late (a laptop opened at nine in the evening) still brings the six o'clock reminder; the
next day does not. Done means a session that counts (``SessionRecord.counts``): the same
rule as the week's count.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum
from pathlib import Path

from hiptimer.base.translation import N_, _
from hiptimer.history.sessions import SessionRecord
from hiptimer.reminders.training_days import Plan, PlanEntry, Weekday


class Verdict(StrEnum):
    """Why a planned reminder is, or is not, sent now."""

    DUE = "due now"
    NOT_TODAY = "not planned for today"
    NOT_YET = "its time has not come yet"
    DONE = "the routine was already done today"
    REMINDED = "already reminded today"

    @property
    def words(self) -> str:
        """The verdict in words of the language installed (the value is the English)."""
        return _(_VERDICT_WORDS[self])


_VERDICT_WORDS = {Verdict.DUE: N_("due now"), Verdict.NOT_TODAY: N_("not planned for today"),
                  Verdict.NOT_YET: N_("its time has not come yet"),
                  Verdict.DONE: N_("the routine was already done today"),
                  Verdict.REMINDED: N_("already reminded today")}


@dataclass(frozen=True)
class Check:
    entry: PlanEntry
    verdict: Verdict


def routine_keys(name: str, file: str | None = None) -> frozenset[str]:
    """What a routine may be called in a plan: its name and its file's name, any case."""
    keys = {name.casefold()}
    if file:
        keys.add(Path(file).stem.casefold())
    return frozenset(keys)


def done_on(records: Iterable[SessionRecord], day: date, zone: tzinfo | None) -> frozenset[str]:
    """The routines done on ``day`` in the zone ``zone`` (their names and file names): those
    with a session that day that counts, as the week counts it."""
    done: set[str] = set()
    for record in records:
        if record.started_at.astimezone(zone).date() == day and record.counts:
            done |= routine_keys(record.routine_name, record.routine_file)
    return frozenset(done)


def check(plan: Plan, now: datetime, done: Collection[str], reminded: Collection[str],
          names: Mapping[str, str] | None = None) -> list[Check]:
    """Each entry of ``plan`` with its verdict at ``now``.

    ``done`` holds the routines done today (``done_on``), ``reminded`` the keys of the
    reminders sent today, and ``names`` each entry's routine name where the library knows it,
    so a plan naming a file still sees a session recorded under the routine's name.
    """
    today = Weekday(now.weekday())
    checks = []
    for entry in plan.entries:
        known = {entry.routine.casefold()}
        if names and entry.routine in names:
            known.add(names[entry.routine].casefold())
        if today not in entry.days:
            verdict = Verdict.NOT_TODAY
        elif now.time().replace(tzinfo=None) < entry.at:
            verdict = Verdict.NOT_YET
        elif known & set(done):
            verdict = Verdict.DONE
        elif entry.key in reminded:
            verdict = Verdict.REMINDED
        else:
            verdict = Verdict.DUE
        checks.append(Check(entry, verdict))
    return checks
