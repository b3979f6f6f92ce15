"""The reminder check that ``hiptimer remind`` runs: the training days against the library
and the history, and a desktop notification for each reminder due now."""

from __future__ import annotations

import sys
from datetime import datetime

from hiptimer.base.translation import N_, _
from hiptimer.history.sessions import SessionStatus
from hiptimer.routine.catalogue import scan_installed
from hiptimer.session.timeline import compile_timeline

WATCH_INTERVAL = 5 * 60.0
"""How often ``hiptimer remind --watch`` checks the plan (seconds)."""
UNDER_WAY = N_("a session is under way: nothing is sent until it is over (the next check "
               "sends it)")


def cmd_remind(dry_run: bool, watch: bool, now: datetime | None = None) -> int:
    """Checks the plan once (or every five minutes with ``watch``) and reminds of what is due.

    A broken plan, no session bus or no notification service is said in one line; the exit
    status stays 0 for them, as a timer that runs this every few minutes gains nothing from
    a failed unit every time.
    """
    if not watch:
        return remind_once(dry_run, now)
    import time

    while True:
        remind_once(dry_run, now)
        time.sleep(WATCH_INTERVAL)


def remind_once(dry_run: bool, now: datetime | None = None) -> int:
    from hiptimer.base.locations import config_dir, state_dir
    from hiptimer.history.store import open_history
    from hiptimer.reminders.reminded import REMINDED_FILE, note_reminded, read_reminded
    from hiptimer.reminders.today import reminders_now
    from hiptimer.reminders.training_days import DEFAULT_PLAN
    from hiptimer.reminders.training_days_file import PLAN_FILE, read_plan

    moment = now or datetime.now().astimezone()
    plan, problem = read_plan(config_dir() / PLAN_FILE, DEFAULT_PLAN)
    if problem:
        print(f"hiptimer: {problem}", file=sys.stderr)
    if not plan.entries:
        if dry_run and not problem:
            print(_("no reminders are planned"))
        return 0
    state = state_dir() / REMINDED_FILE
    reminded = read_reminded(state, moment.date())
    with open_history() as store:
        if store.problem:  # reminders then go by an empty history: said, not hidden
            print(f"hiptimer: {store.problem}", file=sys.stderr)
        records = store.sessions()
        reminders = reminders_now(plan, moment, scan_installed(), records, reminded)
        lengths = {r.entry.key: compile_timeline(r.routine, store.level(r.routine.name)[0])
                   .total_seconds for r in reminders if r.sendable and r.routine is not None}
    # Nothing pops up over a session: while one is under way (its process alive, running or
    # paused), reminders wait for the next check.
    under_way = any(record.status is SessionStatus.RUNNING for record in records)
    if dry_run:
        for reminder in reminders:
            print(reminder.describe())
        if under_way and any(r.sendable for r in reminders):
            print(_(UNDER_WAY))
        return 0
    if under_way:
        return 0
    for reminder in reminders:
        if reminder.blocked:
            cannot = _("cannot remind of {routine}: {problem}").format(
                routine=reminder.entry.routine, problem=reminder.problem)
            print(f"hiptimer: {cannot}", file=sys.stderr)
    due = [r for r in reminders if r.sendable and r.path is not None]
    if not due:
        return 0
    from hiptimer.reminders.notifier import Answer, Notifier, NotifyError, Shown, launch

    try:
        notifier = Notifier.open()
    except NotifyError as exc:
        print(f"hiptimer: {exc}", file=sys.stderr)
        return 0
    try:
        shown: list[Shown] = []
        for reminder in due:
            assert reminder.path is not None
            try:
                shown.append(notifier.show(reminder.summary(),
                                           reminder.body(lengths.get(reminder.entry.key)),
                                           reminder.path))
            except NotifyError as exc:
                print(f"hiptimer: {exc}", file=sys.stderr)
                return 0
            reminded = reminded | {reminder.entry.key}
            try:
                note_reminded(state, moment.date(), frozenset(reminded))
            except OSError as exc:
                unnoted = _("cannot note the reminder in {file} ({error}); it may come "
                            "again").format(file=state, error=exc.strerror or exc)
                print(f"hiptimer: {unnoted}", file=sys.stderr)
        answer, chosen = notifier.wait(shown)
    finally:
        notifier.close()
    if answer is Answer.START and chosen is not None:
        launch(chosen.routine)
    return 0
