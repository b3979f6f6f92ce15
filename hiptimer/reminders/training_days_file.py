"""The plan file: one reminder a line, ``ROUTINE | DAYS | HH:MM``, with ``#`` comments.

A plain line format rather than YAML: it is read by a command that may run every five
minutes, each line is one reminder, and every problem can name its line and column. Any
problem refuses the whole file (a half-read plan would remind of the wrong things); the
caller then reminds of nothing and says why.
"""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path

from hiptimer.base.files import Kind, NotRegularFile, TooLarge, read_regular_file, write_atomically
from hiptimer.base.problem import Problem, Unsafe, escaped, first_unsafe
from hiptimer.base.translation import N_, _, ngettext
from hiptimer.reminders.training_days import EVERY_DAY, Plan, PlanEntry, Weekday

PLAN_FILE = "training-days.txt"
MAX_BYTES = 64 * 1024
MAX_ENTRIES = 100
SEPARATOR = "|"
DAILY = "daily"
_DAY_WORDS = {word: day for day in Weekday for word in (day.short, day.name.lower())}
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_HEADER = """\
# hiptimer's training days: one reminder a line.
#   ROUTINE | DAYS | TIME
# ROUTINE is a routine's file name or its name, as 'hiptimer list' shows them;
# DAYS are mon tue wed thu fri sat sun, or daily; TIME is 24-hour HH:MM.
"""


_UNSAFE_MESSAGES = {
    Unsafe.CONTROL: N_("the line holds the control character {code}, which a plan may not "
                       "have"),
    Unsafe.SURROGATE: N_("the line holds a lone surrogate (half of a character) {code}, which "
                         "a plan may not have"),
    Unsafe.NONCHARACTER: N_("the line holds the non-character {code}, which a plan may not "
                            "have"),
    Unsafe.DIRECTION: N_("the line holds the text-direction control {code}, which a plan may "
                         "not have"),
    Unsafe.SEPARATOR: N_("the line holds the line or paragraph separator {code}, which a plan "
                         "may not have"),
}
"""A character a plan may not hold, by its kind; {code} is its number (U+0007)."""
_NOT_A_FILE = {
    Kind.FOLDER: N_("{file}: is a folder, not a plan file; no reminders are sent"),
    Kind.FIFO: N_("{file}: is a named pipe, not a plan file; no reminders are sent"),
    Kind.DEVICE: N_("{file}: is a device, not a plan file; no reminders are sent"),
    Kind.SOCKET: N_("{file}: is a socket, not a plan file; no reminders are sent"),
    Kind.SPECIAL: N_("{file}: is a special file, not a plan file; no reminders are sent"),
}
"""What the plan's path is, when it is not a regular file."""


class PlanError(Exception):
    """The plan file is not a plan: every problem, located as a routine file's are."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = tuple(problems)


def parse_plan(text: str, source: str = PLAN_FILE) -> Plan:
    """The plan ``text`` holds; ``PlanError`` with every problem, located, if it is not one."""
    problems: list[Problem] = []
    entries: list[PlanEntry] = []
    for number, line in enumerate(text.splitlines(), 1):
        def refuse(column: int, message: str, line_number: int = number) -> None:
            problems.append(Problem(source, line_number, column, message))

        unsafe = first_unsafe(line.replace("\t", " "))
        if unsafe is not None:
            kind, char = unsafe
            refuse(line.replace("\t", " ").index(char) + 1,
                   _(_UNSAFE_MESSAGES[kind]).format(code=f"U+{ord(char):04X}"))
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split(SEPARATOR)
        if len(fields) != 3:
            refuse(1, _("a reminder is 'ROUTINE | DAYS | TIME', three parts, not {count}")
                   .format(count=len(fields)))
            continue
        starts = [0, len(fields[0]) + 1, len(fields[0]) + len(fields[1]) + 2]
        routine, days_text, time_text = (field.strip() for field in fields)
        columns = [start + len(field) - len(field.lstrip()) + 1
                   for start, field in zip(starts, fields, strict=True)]
        if not routine:
            refuse(columns[0], _("no routine is named"))
        days, bad_day = _days(days_text)
        if bad_day is not None:
            # Translators: the words after "use" are the plan file's own: keep them.
            refuse(columns[1], _("{word} is not a day: use mon tue wed thu fri sat sun, or "
                                 "daily").format(word=_quoted(bad_day)))
        elif not days:
            refuse(columns[1], _("no day is given"))
        at = _time(time_text)
        if at is None:
            refuse(columns[2], _("{text} is not a time of day: use 24-hour HH:MM, such as "
                                 "18:00").format(text=_quoted(time_text)))
        if routine and days and bad_day is None and at is not None:
            entries.append(PlanEntry(routine, days, at))
    if len(entries) > MAX_ENTRIES:
        problems.append(Problem(source, 1, 1, ngettext(
            "the plan has {count} reminder; at most {limit} are kept",
            "the plan has {count} reminders; at most {limit} are kept",
            len(entries)).format(count=len(entries), limit=MAX_ENTRIES)))
    if problems:
        raise PlanError(problems)
    return Plan(tuple(entries))


def _quoted(text: str) -> str:
    return repr(escaped(text[:40]))


def _days(text: str) -> tuple[frozenset[Weekday], str | None]:
    """The days named, and the first word that is not one."""
    days: set[Weekday] = set()
    for word in text.replace(",", " ").split():
        if word.lower() == DAILY:
            days |= EVERY_DAY
        elif word.lower() in _DAY_WORDS:
            days.add(_DAY_WORDS[word.lower()])
        else:
            return frozenset(days), word
    return frozenset(days), None


def _time(text: str) -> time | None:
    found = _TIME.fullmatch(text)
    if found is None:
        return None
    hour, minute = int(found.group(1)), int(found.group(2))
    return time(hour, minute) if hour < 24 and minute < 60 else None


def plan_text(plan: Plan) -> str:
    """The file's text for ``plan``; read back, it is the same plan."""
    lines = [_HEADER]
    for entry in plan.entries:
        days = DAILY if entry.days == EVERY_DAY else " ".join(
            day.short for day in sorted(entry.days))
        lines.append(f"{entry.routine} {SEPARATOR} {days} {SEPARATOR} {entry.at:%H:%M}\n")
    return "".join(lines)


def write_plan(path: Path, plan: Plan) -> None:
    """Replaces the plan file whole (``write_atomically``); ``OSError`` if it cannot."""
    write_atomically(path, plan_text(plan).encode("utf-8"))


def can_be_written(routine: str) -> bool:
    """Whether a routine reference survives the file: one line, no separator, no controls."""
    return (bool(routine.strip()) and routine == routine.strip() and SEPARATOR not in routine
            and first_unsafe(routine) is None and not routine.startswith("#"))


def read_plan(path: Path, default: Plan) -> tuple[Plan, str | None]:
    """The plan in ``path``, ``default`` when there is no file, or no reminders and why not.

    Never raises: a plan file that cannot be read or holds anything wrong means no
    reminders, with a message for the user that names the file and the line.
    """
    shown = escaped(str(path))
    try:
        data = read_regular_file(path, MAX_BYTES)
    except FileNotFoundError:
        return default, None
    except NotRegularFile as exc:
        return Plan(), _(_NOT_A_FILE[exc.kind]).format(file=shown)
    except TooLarge:
        return Plan(), _("{file}: is larger than {size} KiB, too large for a plan; no "
                         "reminders are sent").format(file=shown, size=MAX_BYTES // 1024)
    except OSError as exc:
        return Plan(), _("{file}: cannot be read ({error}); no reminders are sent").format(
            file=shown, error=exc.strerror or exc)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return Plan(), f"{shown}:{line}:1: error: " + _(
            "the file is not UTF-8 text; no reminders are sent")
    try:
        return parse_plan(text, shown), None
    except PlanError as exc:
        return Plan(), f"{exc}\n" + _("(no reminders are sent until the plan is fixed)")
