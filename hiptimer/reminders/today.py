"""Today's reminders: the plan checked against the library and the history at one moment."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hiptimer.base.problem import escaped
from hiptimer.history.sessions import SessionRecord
from hiptimer.reminders.due import Check, Verdict, check, done_on
from hiptimer.reminders.training_days import Plan, PlanEntry
from hiptimer.routine.catalogue import Entry, find
from hiptimer.routine.duration import format_seconds
from hiptimer.routine.model import Routine


@dataclass(frozen=True)
class Reminder:
    """One planned reminder as it stands now: its verdict, and the routine it would start."""

    check: Check
    routine: Routine | None
    path: Path | None
    problem: str | None = None
    """Why it cannot be sent although due: its routine is not in the library, or broken."""

    @property
    def sendable(self) -> bool:
        return self.check.verdict is Verdict.DUE and self.routine is not None

    @property
    def blocked(self) -> bool:
        """Due, yet with no routine to start: said, not sent."""
        return self.check.verdict is Verdict.DUE and self.routine is None

    @property
    def entry(self) -> PlanEntry:
        return self.check.entry

    def summary(self) -> str:
        name = self.routine.name if self.routine is not None else self.entry.routine
        return f"Time for {name}"

    def body(self, seconds: float | None = None) -> str:
        """The notification's text; plain, with the characters markup would take escaped."""
        length = f" ({format_seconds(seconds)})" if seconds else ""
        text = (f"Your {self.entry.at:%H:%M} training{length}. Start it now, or later from "
                "hiptimer.")
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def describe(self) -> str:
        """One line for ``hiptimer remind --dry-run``."""
        where = f"{escaped(self.entry.routine)} at {self.entry.at:%H:%M}"
        if self.blocked:
            return f"cannot remind: {where}: {self.problem}"
        if self.sendable:
            return f"would remind: {where}: {self.summary()!r}"
        return f"not now: {where}: {self.check.verdict.value}"


def resolve(entry: PlanEntry, library: Sequence[Entry]) -> tuple[Entry | None, str | None]:
    """The library routine a plan entry names, or why there is none to start."""
    matches = find(list(library), entry.routine)
    if not matches:
        return None, (f"no routine called {escaped(entry.routine)!r} is in the library "
                      "(see 'hiptimer list')")
    if len(matches) > 1:
        return None, (f"several routines are called {escaped(entry.routine)!r}; name one by "
                      "its file name in the plan")
    if matches[0].routine is None:
        return None, f"{escaped(matches[0].path.name)} does not load (see 'hiptimer validate')"
    return matches[0], None


def reminders_now(plan: Plan, now: datetime, library: Sequence[Entry],
                  records: Iterable[SessionRecord], reminded: Collection[str]
                  ) -> list[Reminder]:
    """Every planned reminder with its verdict at ``now`` and the routine it names."""
    found = {entry.routine: resolve(entry, library) for entry in plan.entries}
    names = {ref: hit.name for ref, (hit, _) in found.items() if hit is not None}
    done = done_on(records, now.date(), now.tzinfo)
    reminders = []
    for checked in check(plan, now, done, reminded, names):
        hit, problem = found[checked.entry.routine]
        reminders.append(Reminder(checked, hit.routine if hit else None,
                                  hit.path if hit else None, problem))
    return reminders
