"""The history as CSV, one row a session, in figures a person reads: seconds rounded and
lengths as m:ss, with what was done (exercises, sides, sets) beside the times.

The columns of earlier versions stay as they were, so a sheet made from them still reads;
``done`` is the work figure, which newer columns name ``work``, beside the session's length
and whether the session counts towards the week. Then come each session's number (for
``hiptimer history --delete`` and ``--rate``), for a damaged row why it is damaged, and last
how the session felt (``easy``, ``right``, ``hard`` or ``pain``; empty while unrated).

The file is health data wherever the user asks for it, so it is readable by them alone."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from hiptimer.base.privacy import create_private
from hiptimer.base.problem import escaped
from hiptimer.history.sessions import SessionRecord
from hiptimer.history.store import HistoryStore
from hiptimer.routine.duration import format_clock, nearest_second

COLUMNS = ("started_at", "ended_at", "routine", "file", "status", "planned", "done",
           "planned_seconds", "done_seconds", "exercises", "sides", "sets",
           "work", "work_seconds", "session", "session_seconds", "counts", "id", "damage",
           "feeling")


def _row(record: SessionRecord, work: list[tuple[str, str | None, int, int, float]],
         text: Callable[[str], str]) -> list[object]:
    done = [row for row in work if row[4] > 0]
    exercises = list(dict.fromkeys(exercise for exercise, *_ in done))
    sides = {(exercise, side) for exercise, side, *_ in done if side is not None}
    sets = {(exercise, round_, number) for exercise, _, round_, number, _ in done}
    length = record.session_seconds
    return [record.started_at.isoformat(timespec="seconds"),
            record.ended_at.isoformat(timespec="seconds") if record.ended_at else "",
            text(record.routine_name), text(record.routine_file or ""), record.status.value,
            format_clock(nearest_second(record.planned_work)),
            format_clock(nearest_second(record.completed_work)),
            nearest_second(record.planned_work), nearest_second(record.completed_work),
            text("; ".join(exercises)), len(sides), len(sets),
            format_clock(nearest_second(record.completed_work)),
            nearest_second(record.completed_work),
            "" if length is None else format_clock(nearest_second(length)),
            "" if length is None else nearest_second(length),
            "yes" if record.counts else "no", record.id, record.damage or "",
            record.feeling.value if record.feeling else ""]


def open_csv(path: Path) -> TextIO:
    """``path`` opened for ``write_csv``, readable by the user alone (``create_private``);
    ``OSError`` when it cannot be."""
    descriptor = create_private(path)
    try:
        return os.fdopen(descriptor, "w", newline="", encoding="utf-8")
    except BaseException:
        os.close(descriptor)
        raise


def write_csv(store: HistoryStore, stream: TextIO) -> int:
    """Every session in ``store`` as a CSV row on ``stream``; returns how many.

    Names are written as they are (CSV is data), except to a terminal: there an escape
    sequence in a routine's name would be obeyed, so its control characters are shown.
    """
    records = store.sessions()
    text = escaped if stream.isatty() else str
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow(_row(record, store.work(record.id), text))
    return len(records)
