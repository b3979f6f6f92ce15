"""What each ``hiptimer`` command does: validate, plan, list, run, history and export."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hiptimer.base.problem import RoutineError, escaped
from hiptimer.base.translation import N_, _, ngettext, pgettext
from hiptimer.body.routine_figures import check_figures
from hiptimer.routine.catalogue import locate, scan_installed, shown_routine_name
from hiptimer.routine.duration import format_clock, nearest_second
from hiptimer.routine.parse import load_routine
from hiptimer.routine.progression import level_in_range, top_level
from hiptimer.session.timeline import compile_timeline
from hiptimer.tables import library_rows, library_table, plan_json, plan_table, shown_path

if TYPE_CHECKING:
    from hiptimer.history.ratings import Rated
    from hiptimer.history.sessions import SessionRecord
    from hiptimer.history.store import HistoryStore
    from hiptimer.session.feeling import Feeling


def cmd_validate(paths: Sequence[Path]) -> int:
    status = 0
    for path in paths:
        try:
            check_figures(load_routine(path))
        except RoutineError as exc:
            print(exc, file=sys.stderr)
            status = 1
        else:
            print(_("{path}: ok").format(path=shown_path(path)))
    return status


def resolve(wanted: str) -> Path | None:
    """A routine file given on the command line: a path, or the name of a library routine.

    Says so on stderr when there is no such routine.
    """
    path, problem = locate(wanted)
    if problem:
        print(f"hiptimer: {problem}", file=sys.stderr)
    return path


def cmd_plan(wanted: str, as_json: bool, level: int | None = None) -> int:
    path = resolve(wanted)
    if path is None:
        return 1
    try:
        routine = load_routine(path)
    except RoutineError as exc:
        print(exc, file=sys.stderr)
        return 1
    if level is None:
        from hiptimer.history.store import open_history

        with open_history() as store:
            level = store.level(routine.name)[0]
    timeline = compile_timeline(routine, level_in_range(level, top_level(routine)))
    print(json.dumps(plan_json(timeline), indent=2) if as_json else plan_table(timeline))
    return 0


def cmd_history(as_json: bool, target: int | None = None, delete: Sequence[int] = (),
                undo: bool = False, rate: tuple[int, Feeling] | None = None) -> int:
    """The sessions, this week and the streak against ``target`` (the weekly target saved
    in the window's settings when ``None``), then the advice to measure again; or, with
    ``delete`` or ``undo``, a deletion made or taken back, or with ``rate`` a session rated
    (exit status 1, with nothing changed, when it cannot be)."""
    from hiptimer.history.store import open_history

    with open_history() as store:
        if store.problem:
            print(f"hiptimer: {store.problem}", file=sys.stderr)
        if rate is not None:
            return _rate(store, *rate)
        if delete or undo:
            return _change_history(store, delete, undo)
        records = store.sessions()
        measured = store.motion()
    if target is None:
        target = _saved_target()
    if as_json:
        print(json.dumps(history_json(records, target), indent=2))
        return 0
    if not records:
        print(_("No sessions yet. Start one with 'hiptimer' or "
                "'hiptimer run --no-gui ROUTINE'."))
    for line in session_lines(records):
        print(line)
    this_week, in_a_row = _weeks(records, target)
    print()
    # Translators: the English says "sessions" for a target of one too; give each form its
    # own word.
    print(ngettext("This week: {done} of {target} sessions. Weeks in a row on target: {weeks}.",
                   "This week: {done} of {target} sessions. Weeks in a row on target: {weeks}.",
                   target).format(done=this_week, target=target, weeks=in_a_row))
    if not all(r.counts for r in records):
        from hiptimer.session.counting import rule_text

        print(rule_text())
    for line in damage_lines(records):
        print(line)
    advice = _measure_again(measured, records)
    if advice:
        print()
    for line in advice:
        print(line)
    return 0


def _measure_again(measured: Sequence[tuple[date, str, float]],
                   records: Sequence[SessionRecord]) -> list[str]:
    from hiptimer.history.motion import measure_again
    from hiptimer.history.sessions import COMPLETED

    completed = any(r.status is COMPLETED for r in records)
    return measure_again(measured, datetime.now().astimezone().date(), completed)


def _rate(store: HistoryStore, session: int, feeling: Feeling) -> int:
    """Rates ``session`` and says what it did to its routine's level, in one line."""
    from hiptimer.history.ratings import NotRated

    if store.in_memory:
        print(_("hiptimer: nothing was rated: the history file cannot be used, so this run "
                "sees only an empty history in memory"), file=sys.stderr)
        return 1
    try:
        rated = store.rate_session(session, feeling)
    except NotRated as exc:
        print(_("hiptimer: {problem}; nothing was rated").format(problem=exc), file=sys.stderr)
        return 1
    print(rated_line(rated))
    return 0


def rated_line(rated: Rated) -> str:
    """``Session 12 rated hard: Hip mobility stays at level 3``."""
    level, told_from = rated.shown_level, rated.shown(rated.told_from)
    if level > told_from:
        line = _("Session {session} rated {feeling}: {routine} goes up to level {level}")
    elif level < told_from:
        line = _("Session {session} rated {feeling}: {routine} goes down to level {level}")
    elif rated.held:
        line = _("Session {session} rated {feeling}: {routine} stays at level {level} (held)")
    elif rated.top is None:
        line = _("Session {session} rated {feeling}: {routine} stays at level {level} (this "
                 "session's end moved no level, so its rating moves none)")
    else:
        line = _("Session {session} rated {feeling}: {routine} stays at level {level}")
    # The feeling stays the word --rate takes (easy, right, hard, pain) in every language.
    return line.format(session=rated.session_id, feeling=rated.feeling.value,
                       routine=escaped(rated.routine), level=level)


def damage_lines(records: Sequence[SessionRecord]) -> list[str]:
    """Why each damaged session is damaged, and how to remove it (it never counts)."""
    return [_("Session {session} is damaged ({damage}): it does not count; remove it with "
              "'hiptimer history --delete {session}'.").format(session=r.id, damage=r.damage)
            for r in records if r.damage]


def _saved_target() -> int:
    """The weekly target the user set in the window (a problem with the file is said)."""
    from hiptimer.base.preferences import read_settings

    settings, problem = read_settings()
    if problem:
        print(f"hiptimer: {problem}", file=sys.stderr)
    return settings.weekly_target


def _weeks(records: Sequence[SessionRecord], target: int) -> tuple[int, int]:
    """The sessions that count this week, and the weeks in a row on ``target``."""
    from hiptimer.history.weeks import week_count, weeks_on_target

    now = datetime.now().astimezone()
    return week_count(records, now), weeks_on_target(records, target, now)


def history_json(records: Sequence[SessionRecord], target: int) -> dict[str, object]:
    """``hiptimer history --json``: each session with its number, in whole seconds.
    ``completed_work_seconds`` is the work figure, kept under its first name too."""
    this_week, in_a_row = _weeks(records, target)
    return {
        "sessions": [_session_json(r) for r in records],
        "this_week": this_week, "weekly_target": target, "streak_weeks": in_a_row,
    }


def _session_json(r: SessionRecord) -> dict[str, object]:
    """One session for ``history_json``; a damaged one has its ``damage`` too."""
    session: dict[str, object] = {
        "id": r.id, "routine": r.routine_name, "file": r.routine_file,
        "started_at": r.started_at.isoformat(),
        "ended_at": r.ended_at.isoformat() if r.ended_at else None,
        "status": r.status.value,
        "planned_work_seconds": nearest_second(r.planned_work),
        "completed_work_seconds": nearest_second(r.completed_work),
        "work_seconds": nearest_second(r.completed_work),
        "session_seconds": (None if r.session_seconds is None
                            else nearest_second(r.session_seconds)),
        "counts": r.counts, "feeling": r.feeling.value if r.feeling else None}
    if r.damage:
        session["damage"] = r.damage
    return session


HISTORY_HEADER = ("#", N_("STARTED"), N_("STATUS"), N_("WORK"), N_("SESSION"), N_("COUNTS"),
                  N_("FELT"), N_("ROUTINE"))
"""The history table's column titles (translated as shown)."""


def session_lines(records: Sequence[SessionRecord]) -> list[str]:
    """The sessions as a table under its header, one line a session, its number first so it
    can be named in ``--delete`` and ``--rate``: work done of the work planned, the
    session's length, whether it counts towards the week, and how it felt (a dash while
    unrated). Nothing at all for no sessions."""
    from hiptimer.history.damage import UNKNOWN_MOMENT
    from hiptimer.history.dates import moment_text

    if not records:
        return []

    def clock(seconds: float | None) -> str:
        return "-" if seconds is None else format_clock(nearest_second(seconds))

    done = [clock(r.completed_work) for r in records]
    planned = [clock(r.planned_work) for r in records]
    done_width = max(map(len, done))
    planned_width = max(map(len, planned))
    rows = [[_(title) for title in HISTORY_HEADER]] + [
        [str(r.id), "?" if r.started_at is UNKNOWN_MOMENT else moment_text(r.started_at),
         r.status.shown,
         _("{done} of {planned}").format(done=f"{d:>{done_width}}",
                                         planned=f"{p:<{planned_width}}"),
         clock(r.session_seconds),
         pgettext("it counts", "yes") if r.counts else pgettext("it counts", "no"),
         r.feeling.value if r.feeling else "-",
         escaped(shown_routine_name(r.routine_name))]
        for r, d, p in zip(records, done, planned, strict=True)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HISTORY_HEADER))]
    right = {0, 4}  # numbers read best right-aligned
    return ["  ".join(cell.rjust(width) if i in right else cell.ljust(width)
                      for i, (cell, width) in enumerate(zip(row, widths, strict=True))).rstrip()
            for row in rows]


def _change_history(store: HistoryStore, delete: Sequence[int], undo: bool) -> int:
    """Deletes ``delete``, or restores the sessions deleted last; says what it did."""
    from hiptimer.history.deletion import KEEP_DELETED, NotDeletable

    if store.in_memory:
        print(_("hiptimer: nothing was restored: the history file cannot be used, so this "
                "run sees only an empty history in memory") if undo else
              _("hiptimer: nothing was deleted: the history file cannot be used, so this "
                "run sees only an empty history in memory"), file=sys.stderr)
        return 1
    ids = store.last_deleted_sessions() if undo else list(dict.fromkeys(delete))
    if not ids:
        print(_("hiptimer: there are no deleted sessions to bring back"), file=sys.stderr)
        return 1
    kept_before = {r.id: r for r in store.sessions()}
    try:
        if undo:
            store.restore_sessions(ids)
        else:
            store.delete_sessions(ids)
    except NotDeletable as exc:
        print((_("hiptimer: {problem}; nothing was restored") if undo else
               _("hiptimer: {problem}; nothing was deleted")).format(problem=exc),
              file=sys.stderr)
        return 1
    shown = {r.id: r for r in store.sessions()} if undo else kept_before
    records = [shown[i] for i in ids if i in shown]  # (unless another process came between)
    count = len(records)
    print((ngettext("Brought back {count} session:", "Brought back {count} sessions:", count)
           if undo else ngettext("Deleted {count} session:", "Deleted {count} sessions:",
                                 count)).format(count=count))
    for line in session_lines(records):
        print(line)
    if not undo:
        days = KEEP_DELETED.days
        print(ngettext("Undo with 'hiptimer history --undo' within {days} day.",
                       "Undo with 'hiptimer history --undo' within {days} days.", days)
              .format(days=days))
    return 0


def cmd_export(path: Path) -> int:
    """The history as CSV in ``path``, or on standard output for ``-``."""
    from hiptimer.history.export import open_csv, write_csv
    from hiptimer.history.store import open_history

    with open_history() as store:
        if str(path) == "-":
            write_csv(store, sys.stdout)
            return 0
        try:
            with open_csv(path) as stream:
                count = write_csv(store, stream)
        except OSError as exc:
            print(_("hiptimer: cannot write {path}: {problem}").format(
                path=path, problem=exc.strerror or exc), file=sys.stderr)
            return 1
    print(ngettext("wrote {count} session to {path}", "wrote {count} sessions to {path}",
                   count).format(count=count, path=path))
    return 0


def cmd_list(as_json: bool) -> int:
    """The library, each routine's length at its first level and at its top level (a
    listing reads no history: it never opens, let alone repairs, the database)."""
    entries = scan_installed()
    print(json.dumps(library_rows(entries), indent=2) if as_json else library_table(entries))
    return 0
