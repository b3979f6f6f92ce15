"""The ``hiptimer`` command: check, plan and list routines, or start the app."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from hiptimer import __version__
from hiptimer.locations import builtin_routines_dir, user_routines_dir
from hiptimer.report import library_rows, library_table, plan_json, plan_table
from hiptimer.routine.library import Entry, find, scan
from hiptimer.routine.parse import load_routine
from hiptimer.routine.problem import RoutineError
from hiptimer.session.timeline import compile_timeline

COMMANDS = ("validate", "plan", "list")


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
    listing = commands.add_parser("list", help="list the built-in and your own routines")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser


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
            print(f"{path}: ok")
    return status


def resolve(wanted: str) -> Path | None:
    """A routine file given on the command line: a path, or the name of a library routine."""
    path = Path(wanted)
    if path.exists():
        return path
    entry = find(library(), wanted)
    return entry.path if entry is not None else None


def cmd_plan(wanted: str, as_json: bool) -> int:
    path = resolve(wanted)
    if path is None:
        print(f"hiptimer: no routine file or library routine called {wanted!r} "
              "(see 'hiptimer list')", file=sys.stderr)
        return 1
    try:
        routine = load_routine(path)
    except RoutineError as exc:
        print(exc, file=sys.stderr)
        return 1
    timeline = compile_timeline(routine)
    print(json.dumps(plan_json(timeline), indent=2) if as_json else plan_table(timeline))
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
            return cmd_plan(args.routine, args.json)
        return cmd_list(args.json)
    except BrokenPipeError:
        # Output piped into 'head' and closed early: not an error worth a traceback.
        sys.stderr.close()
        return 0
