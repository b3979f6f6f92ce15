"""The ``hiptimer`` command: check, plan and list routines, or start the app."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from hiptimer import __version__
from hiptimer.cues.names import CueGroup, CueSettings
from hiptimer.history.weeks import DEFAULT_TARGET
from hiptimer.locations import builtin_routines_dir, user_routines_dir
from hiptimer.plan_text import library_rows, library_table, plan_json, plan_table, shown_path
from hiptimer.routine.duration import format_seconds
from hiptimer.routine.library import Entry, find, scan
from hiptimer.routine.parse import load_routine
from hiptimer.routine.problem import RoutineError
from hiptimer.session.timeline import compile_timeline

COMMANDS = ("validate", "plan", "list", "run", "history", "export")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hiptimer",
        description="A hands-free interval timer for hip mobility and strength routines.")
    parser.add_argument("--version", action="version", version=f"hiptimer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = commands.add_parser(
        "validate", help="check routine files; problems are printed as PATH:LINE:COL")
    validate.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    plan = commands.add_parser("plan", help="show a routine's timeline and total length")
    plan.add_argument("routine", metavar="PATH", help="a routine file, or a routine's name")
    plan.add_argument("--json", action="store_true", help="print JSON instead of a table")
    plan.add_argument("--level", type=int, metavar="N",
                      help="show progression level N instead of the one you are at")
    listing = commands.add_parser("list", help="list the built-in and your own routines")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    run = commands.add_parser(
        "run", help="run a routine; with --no-gui, hands-free in this terminal",
        description="Run a routine. In a terminal: space pauses and resumes, n and p skip, "
                    "q stops. Ctrl+C, a kill or a closed terminal stops it cleanly too, with "
                    "exit status 128 + the signal's number (130 for Ctrl+C).")
    run.add_argument("routine", metavar="PATH", help="a routine file, or a routine's name")
    run.add_argument("--no-gui", action="store_true",
                     help="run in this terminal with a live status line (no window)")
    run.add_argument("--speed", type=_speed, default=1.0, metavar="X",
                     help="play X times faster: every length is divided by X")
    run.add_argument("--events", type=Path, metavar="FILE",
                     help="write every event as a JSON line to FILE as it happens")
    history = commands.add_parser("history", help="the sessions you have done, and your weeks")
    history.add_argument("--json", action="store_true", help="print JSON instead of text")
    history.add_argument("--target", type=int, default=DEFAULT_TARGET, metavar="N",
                         help=f"sessions a week to aim for (default {DEFAULT_TARGET})")
    export = commands.add_parser("export", help="write the session history to a file")
    export.add_argument("--csv", type=Path, required=True, metavar="FILE",
                        help="the CSV file to write")
    run.add_argument("--mute", action="store_true", help="play no sound")
    run.add_argument("--volume", type=_volume, default=100, metavar="PERCENT",
                     help="loudness of every cue, 0 to 100 (default 100)")
    run.add_argument("--no-voice", action="store_true",
                     help="tones only: no spoken announcements")
    run.add_argument("--cues-off", type=_groups, default=frozenset(), metavar="KINDS",
                     help="comma-separated cue kinds to silence: "
                          + ", ".join(group.value for group in CueGroup))
    return parser


def _volume(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("volume must be from 0 to 100")
    return value


def _groups(text: str) -> frozenset[CueGroup]:
    groups = set()
    for word in filter(None, (w.strip().lower() for w in text.split(","))):
        try:
            groups.add(CueGroup(word))
        except ValueError:
            known = ", ".join(group.value for group in CueGroup)
            raise argparse.ArgumentTypeError(f"unknown cue kind {word!r}; known: {known}") \
                from None
    return frozenset(groups)


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError("speed must be above 0 and at most 1000")
    return value


def library() -> list[Entry]:
    return scan(builtin_routines_dir(), user_routines_dir())


def cmd_validate(paths: Sequence[Path]) -> int:
    status = 0
    for path in paths:
        try:
            load_routine(path)
        except RoutineError as exc:
            print(exc, file=sys.stderr)
            status = 1
        else:
            print(f"{shown_path(path)}: ok")
    return status


def resolve(wanted: str) -> Path | None:
    """A routine file given on the command line: a path, or the name of a library routine.

    Says so on stderr when there is no such routine.
    """
    path = Path(wanted)
    if path.exists():
        return path
    matches = find(library(), wanted)
    if len(matches) == 1:
        return matches[0].path
    if matches:
        paths = ", ".join(shown_path(e.path) for e in matches)
        print(f"hiptimer: several routines are called {wanted!r} ({paths}); give the path of "
              "the one you mean", file=sys.stderr)
    else:
        print(f"hiptimer: no routine file or library routine called {wanted!r} "
              "(see 'hiptimer list')", file=sys.stderr)
    return None


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
        from hiptimer.app import open_history

        with open_history() as store:
            level = store.level(routine.name)[0]
    timeline = compile_timeline(routine, max(0, level))
    print(json.dumps(plan_json(timeline), indent=2) if as_json else plan_table(timeline))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    path = resolve(args.routine)
    if path is None:
        return 1
    from hiptimer.app import has_display, run_headless, run_window

    if not args.no_gui and has_display():
        return run_window(path, start=True)
    cues = CueSettings(volume=args.volume / 100, voice=not (args.no_voice or args.mute),
                       off=args.cues_off)
    return run_headless(path, speed=args.speed, events_path=args.events, mute=args.mute,
                        cues=cues)


def cmd_history(as_json: bool, target: int) -> int:
    from hiptimer.app import open_history
    from hiptimer.history.weeks import counts_by_week, streak, week_of

    with open_history() as store:
        if store.problem:
            print(f"hiptimer: {store.problem}", file=sys.stderr)
        records = store.sessions()
    done = [r.started_at for r in records if r.status == "completed"]
    now = datetime.now().astimezone()
    this_week = counts_by_week(done)[week_of(now)]
    in_a_row = streak(done, target, now)
    if as_json:
        print(json.dumps({
            "sessions": [{"routine": r.routine_name, "file": r.routine_file,
                          "started_at": r.started_at.isoformat(),
                          "ended_at": r.ended_at.isoformat() if r.ended_at else None,
                          "status": r.status, "planned_work_seconds": r.planned_work,
                          "completed_work_seconds": r.completed_work} for r in records],
            "this_week": this_week, "weekly_target": target, "streak_weeks": in_a_row,
        }, indent=2))
        return 0
    if not records:
        print("No sessions yet. Start one with 'hiptimer' or 'hiptimer run --no-gui ROUTINE'.")
    for r in records:
        local = r.started_at.astimezone()
        print(f"{local:%Y-%m-%d %H:%M}  {r.status:<11}  "
              f"{format_seconds(r.completed_work):>7} of {format_seconds(r.planned_work):<7}  "
              f"{r.routine_name}")
    print(f"\nThis week: {this_week} of {target} sessions. "
          f"Weeks in a row on target: {in_a_row}.")
    return 0


def cmd_export(path: Path) -> int:
    import csv

    from hiptimer.app import open_history

    with open_history() as store:
        records = store.sessions()
    try:
        with path.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow(["started_at", "ended_at", "routine", "file", "status",
                             "planned_work_seconds", "completed_work_seconds"])
            for r in records:
                writer.writerow([r.started_at.isoformat(),
                                 r.ended_at.isoformat() if r.ended_at else "", r.routine_name,
                                 r.routine_file or "", r.status, r.planned_work,
                                 r.completed_work])
    except OSError as exc:
        print(f"hiptimer: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    count = len(records)
    print(f"wrote {count} session{'s' * (count != 1)} to {path}")
    return 0


def cmd_list(as_json: bool) -> int:
    entries = library()
    print(json.dumps(library_rows(entries), indent=2) if as_json else library_table(entries))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help", "--version"):
        from hiptimer.app import main as app_main

        return app_main(args_list)
    args = build_parser().parse_args(args_list)
    try:
        if args.command == "validate":
            return cmd_validate(args.paths)
        if args.command == "plan":
            return cmd_plan(args.routine, args.json, args.level)
        if args.command == "run":
            return cmd_run(args)
        if args.command == "history":
            return cmd_history(args.json, args.target)
        if args.command == "export":
            return cmd_export(args.csv)
        return cmd_list(args.json)
    except BrokenPipeError:
        # Output piped into 'head' and closed early: not an error worth a traceback.
        sys.stderr.close()
        return 0
