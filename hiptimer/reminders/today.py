"""Today's reminders: the plan checked against the library and the history at one moment."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hiptimer.base.problem import escaped
from hiptimer.base.translation import _
from hiptimer.history.sessions import SessionRecord
from hiptimer.reminders.due import Check, Verdict, check, done_on
from hiptimer.reminders.training_days import Plan, PlanEntry
from hiptimer.routine.catalogue import Entry, find
from hiptimer.routine.duration import shown_seconds
from hiptimer.routine.model import Routine, TextField


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
        name = (self.routine.text(TextField.NAME) if self.routine is not None
                else self.entry.routine)
        # Translators: a reminder's title; {routine} is the routine's name.
        return _("Time for {routine}").format(routine=name)

    def body(self, seconds: float | None = None) -> str:
        """The notification's text; plain, with the characters markup would take escaped."""
        at = f"{self.entry.at:%H:%M}"
        if seconds:
            # Translators: a reminder's text; {time} is a time of day (18:00), {length} the
            # routine's length (12m30s).
            text = _("Your {time} training ({length}). Start it now, or later from "
                     "hiptimer.").format(time=at, length=shown_seconds(seconds))
        else:
            text = _("Your {time} training. Start it now, or later from hiptimer.").format(
                time=at)
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def describe(self) -> str:
        """One line for ``hiptimer remind --dry-run``."""
        routine, at = escaped(self.entry.routine), f"{self.entry.at:%H:%M}"
        if self.blocked:
            return _("cannot remind: {routine} at {time}: {problem}").format(
                routine=routine, time=at, problem=self.problem)
        if self.sendable:
            return _("would remind: {routine} at {time}: {title}").format(
                routine=routine, time=at, title=repr(self.summary()))
        return _("not now: {routine} at {time}: {reason}").format(
            routine=routine, time=at, reason=self.check.verdict.words)


def resolve(entry: PlanEntry, library: Sequence[Entry]) -> tuple[Entry | None, str | None]:
    """The library routine a plan entry names, or why there is none to start."""
    matches = find(list(library), entry.routine)
    if not matches:
        return None, _("no routine called {routine} is in the library (see 'hiptimer "
                       "list')").format(routine=repr(escaped(entry.routine)))
    if len(matches) > 1:
        return None, _("several routines are called {routine}; name one by its file name "
                       "in the plan").format(routine=repr(escaped(entry.routine)))
    if matches[0].routine is None:
        return None, _("{file} does not load (see 'hiptimer validate')").format(
            file=escaped(matches[0].path.name))
    return matches[0], None


def reminders_now(plan: Plan, now: datetime, library: Sequence[Entry],
                  records: Iterable[SessionRecord], reminded: Collection[str]
                  ) -> list[Reminder]:
    """Every planned reminder with its verdict at ``now`` and the routine it names."""
    found = {entry.routine: resolve(entry, library) for entry in plan.entries}
    names = {ref: hit.name for ref, (hit, unused) in found.items() if hit is not None}
    done = done_on(records, now.date(), now.tzinfo)
    reminders = []
    for checked in check(plan, now, done, reminded, names):
        hit, problem = found[checked.entry.routine]
        reminders.append(Reminder(checked, hit.routine if hit else None,
                                  hit.path if hit else None, problem))
    return reminders
