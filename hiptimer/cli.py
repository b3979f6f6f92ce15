"""The ``hiptimer`` command: check, plan and list routines, or start the app.

Only the arguments are read here; the commands (and the parser and PyYAML behind them)
load when one is asked for, so starting the window costs nothing of theirs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hiptimer import __version__
from hiptimer.base.preferences import VOLUME, WEEKLY_TARGET, Theme
from hiptimer.cues.names import CueGroup

if TYPE_CHECKING:
    import argparse

COMMANDS = ("validate", "plan", "list", "run", "history", "export", "remind", "picture",
            "install", "uninstall")
READING_ONLY = ("validate", "list", "picture", "-h", "--help", "--version")
"""Arguments that read and print, so they leave the folders as they find them."""
INSTALLING = ("install", "uninstall")
"""Commands that write only the desktop's files: they make none of hiptimer's folders."""


def build_parser() -> argparse.ArgumentParser:
    import argparse

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
    history = commands.add_parser(
        "history", help="the sessions you have done, and your weeks; rate or delete a session",
        description="Lists your sessions, each with its number first and how it felt, then "
                    "this week against the weekly target set in the window's history. --rate "
                    "says how a completed session felt (or corrects it), and moves the "
                    "routine's level to match: easy or right keep the step up, hard stays, "
                    "pain steps down. --delete takes sessions out of the history, and --undo "
                    "brings back the ones deleted last.")
    changes = history.add_mutually_exclusive_group()
    changes.add_argument("--json", action="store_true", help="print JSON instead of text")
    changes.add_argument("--rate", nargs=2, action=_rating_action(), metavar=("N", "FEELING"),
                         help="how session N felt: easy, right, hard or pain")
    changes.add_argument("--delete", type=_session_number, nargs="+", default=[], metavar="N",
                         help="delete the sessions numbered N (the first column)")
    changes.add_argument("--undo", action="store_true",
                         help="bring back the sessions deleted last")
    history.add_argument("--target", type=_target, metavar="N",
                         help="sessions a week to aim for, this time only (default: the "
                              "weekly target saved in the window)")
    export = commands.add_parser("export", help="write the session history to a file")
    export.add_argument("--csv", type=Path, required=True, metavar="FILE",
                        help="the CSV file to write ('-': standard output)")
    remind = commands.add_parser(
        "remind", help="remind of today's planned training with a desktop notification",
        description="Checks the training plan once: every routine planned for today whose time "
                    "has come, that was not done today and not reminded of today, gets a "
                    "desktop notification with a Start button. Then waits up to 30 minutes "
                    "for Start, which opens the routine in the window.")
    remind.add_argument("--dry-run", action="store_true",
                        help="send nothing; print what would be sent, and why not for the rest")
    remind.add_argument("--watch", action="store_true",
                        help="keep checking every 5 minutes (for desktops without a systemd "
                             "user timer)")
    remind.add_argument("--now", type=_moment, metavar="TIME",
                        help="check as if it were TIME (ISO 8601, e.g. 2025-03-03T18:30), to "
                             "try a plan")
    picture = commands.add_parser(
        "picture", help="draw an exercise's figure, or the session screen, into a PNG file",
        description="Draws the figure an exercise is shown with on the session screen: a "
                    "built-in exercise by its name, or one named in a routine (--routine). "
                    "With --screen, draws the whole session screen during the exercise's "
                    "first work phase instead: a hold partway through, or a rep on its way "
                    "up (--pose start) or held at its top (--pose end).")
    picture.add_argument("name", metavar="NAME", help="the exercise's name")
    to_install = commands.add_parser(
        "install", help="add hiptimer to your application menu, for you alone (no root)",
        description="Adds this hiptimer (the one this command runs from: pipx, pip or a "
                    "clone's environment) to your desktop: a menu entry that also opens "
                    "routine files (Open with), its icon, AppStream data, and the training-day "
                    "reminder check every five minutes. Running it again replaces the install.")
    to_install.add_argument("--dry-run", action="store_true",
                            help="write nothing; print what would be written")
    commands.add_parser(
        "uninstall", help="remove what 'hiptimer install' added; your routines, history and "
                          "settings stay")
    picture.add_argument("--routine", metavar="ROUTINE",
                         help="the exercise of that name in this routine (a file, or a "
                              "routine's name)")
    picture.add_argument("--side", choices=("left", "right"), default="left",
                         help="the side worked (default: left)")
    picture.add_argument("--pose", choices=("start", "end"), default="start",
                         help="where in the rep: its start or its end (default: start)")
    sizes = picture.add_mutually_exclusive_group()
    sizes.add_argument("--size", type=_picture_size, default=PICTURE_SIZE, metavar="PX",
                       help=f"the figure's height in pixels, {PICTURE_SIZES[0]} to "
                            f"{PICTURE_SIZES[1]} (default: {PICTURE_SIZE}); it is 4:3")
    low, high = SCREEN_SIZES
    sizes.add_argument("--screen", type=_screen_size, metavar="WxH",
                       help="draw the whole session screen, W by H pixels (e.g. 1280x720), "
                            f"from {low[0]}x{low[1]} to {high[0]}x{high[1]}; without "
                            "--routine, in the first built-in routine with the exercise")
    picture.add_argument("--look", choices=(Theme.LIGHT.value, Theme.DARK.value),
                         default=Theme.LIGHT.value,
                         help="light or dark colours (default: light)")
    picture.add_argument("--png", type=Path, required=True, metavar="FILE",
                         help="the PNG file to write")
    # Without these the terminal runner plays as the window's settings say; each flag holds
    # for this run only.
    run.add_argument("--mute", action="store_true", help="play no sound")
    run.add_argument("--volume", type=_volume, metavar="PERCENT",
                     help="loudness of every cue, 0 to 100, and sound on (default: as set in "
                          "the window)")
    run.add_argument("--no-voice", action="store_true",
                     help="tones only: no spoken announcements")
    run.add_argument("--cues-off", type=_groups, metavar="KINDS",
                     help="comma-separated cue kinds to silence instead of those switched off "
                          "in the window: " + ", ".join(group.value for group in CueGroup))
    return parser


def _whole_number(text: str, what: str, low: float, high: float) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{what} must be from {low:g} to {high:g}")
    return value


PICTURE_SIZE = 480
PICTURE_SIZES = (16, 4096)
"""The heights ``hiptimer picture`` draws at, in pixels."""


def _picture_size(text: str) -> int:
    return _whole_number(text, "the size", *PICTURE_SIZES)


SCREEN_SIZES = ((640, 480), (3840, 2160))
"""The least and the largest screens ``hiptimer picture --screen`` draws, in pixels."""


def _screen_size(text: str) -> tuple[int, int]:
    import argparse

    width, x, height = text.lower().partition("x")
    if not x or not width.strip().isdigit() or not height.strip().isdigit():
        raise argparse.ArgumentTypeError(
            f"not a screen size like 1280x720 (width x height in pixels): {text!r}")
    (low_w, low_h), (high_w, high_h) = SCREEN_SIZES
    return (_whole_number(width, "the width", low_w, high_w),
            _whole_number(height, "the height", low_h, high_h))


def _volume(text: str) -> int:
    return _whole_number(text, "volume", VOLUME.low, VOLUME.high)


def _target(text: str) -> int:
    return _whole_number(text, "the weekly target", WEEKLY_TARGET.low, WEEKLY_TARGET.high)


def _groups(text: str) -> frozenset[CueGroup]:
    import argparse

    groups = set()
    for word in filter(None, (w.strip().lower() for w in text.split(","))):
        try:
            groups.add(CueGroup(word))
        except ValueError:
            known = ", ".join(group.value for group in CueGroup)
            raise argparse.ArgumentTypeError(f"unknown cue kind {word!r}; known: {known}") \
                from None
    return frozenset(groups)


def _moment(text: str) -> datetime:
    import argparse

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date and time: {text!r} (use ISO 8601, such "
                                         "as 2025-03-03T18:30)") from None
    return moment if moment.tzinfo is not None else moment.astimezone()


def _session_number(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a session number: {text!r} (see the first "
                                         "column of 'hiptimer history')")
    return value


def _rating_action() -> type[argparse.Action]:
    """``--rate N FEELING``, checked as it is read: a bad number or word is a usage error."""
    import argparse

    from hiptimer.session.feeling import Feeling

    class Rating(argparse.Action):
        def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                     values: str | Sequence[object] | None,
                     option_string: str | None = None) -> None:
            assert isinstance(values, list) and len(values) == 2
            number, word = (str(value) for value in values)
            try:
                session = _session_number(number)
            except argparse.ArgumentTypeError as exc:
                raise argparse.ArgumentError(self, str(exc)) from None
            try:
                feeling = Feeling(word.lower())
            except ValueError:
                words = ", ".join(f.value for f in Feeling)
                raise argparse.ArgumentError(
                    self, f"not a feeling: {word!r} (use one of {words})") from None
            setattr(namespace, self.dest, (session, feeling))

    return Rating


def _speed(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError("speed must be above 0 and at most 1000")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["--version"]:
        # Before the folders are looked at (or an old layout moved): it only reads a constant.
        print(f"hiptimer {__version__}")
        return 0
    from hiptimer.base.locations import migrate_old_layout
    from hiptimer.base.privacy import keep_private
    from hiptimer.base.time_zone import settle_time_zone

    problems = [settle_time_zone(), *migrate_old_layout()]
    if not args_list or args_list[0] not in (*READING_ONLY, *INSTALLING):
        left_open = keep_private()  # the window, the terminal runner and what writes
        # The reminder timer runs every few minutes: a note about a folder left alone, said
        # by every start someone sees, would fill the log there.
        if args_list[:1] != ["remind"]:
            problems.append(left_open)
    for problem in filter(None, problems):
        print(f"hiptimer: {problem}", file=sys.stderr)
    if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help", "--version"):
        from hiptimer.ui.window.app import main as app_main

        return app_main(args_list)
    args = build_parser().parse_args(args_list)
    if args.command in INSTALLING:
        # The standard library alone: 'make uninstall' runs this with any Python 3.
        from hiptimer.desktop.install import cmd_install, cmd_uninstall

        return cmd_install(args.dry_run) if args.command == "install" else cmd_uninstall()
    from hiptimer.terminal import commands

    try:
        if args.command == "validate":
            return commands.cmd_validate(args.paths)
        if args.command == "plan":
            return commands.cmd_plan(args.routine, args.json, args.level)
        if args.command == "run":
            return run(args, commands.resolve)
        if args.command == "history":
            return commands.cmd_history(args.json, args.target, args.delete, args.undo,
                                        args.rate)
        if args.command == "export":
            return commands.cmd_export(args.csv)
        if args.command == "picture":
            return picture(args)
        if args.command == "remind":
            from hiptimer.reminders.check import cmd_remind

            return cmd_remind(args.dry_run, args.watch, args.now)
        return commands.cmd_list(args.json)
    except BrokenPipeError:
        # Output piped into 'head' and closed early: not an error worth a traceback.
        sys.stderr.close()
        return 0


def run(args: argparse.Namespace, resolve: Callable[[str], Path | None]) -> int:
    """``hiptimer run``: the window when there is a display, else this terminal."""
    path = resolve(args.routine)
    if path is None:
        return 1
    from hiptimer.terminal.app import SoundFlags, run_headless
    from hiptimer.ui.window.app import has_display, run_window

    if not args.no_gui and has_display():
        return run_window(path, start=True)
    flags = SoundFlags(volume=args.volume, mute=args.mute, no_voice=args.no_voice,
                       cues_off=args.cues_off)
    return run_headless(path, speed=args.speed, events_path=args.events, flags=flags)


def picture(args: argparse.Namespace) -> int:
    """``hiptimer picture``: the exercise's figure, or with ``--screen`` the whole session
    screen, drawn into a PNG file by the window's own code, with no window (Qt is loaded
    only for this command)."""
    if args.screen is not None:
        from hiptimer.ui.screen.screen_png import Pose, ScreenShot, write_screen_png

        problem = write_screen_png(ScreenShot(args.name, args.routine, args.side,
                                              Pose(args.pose), args.screen, Theme(args.look)),
                                   str(args.png))
    else:
        problem = _figure_picture(args)
    if problem:
        print(f"hiptimer: {problem}", file=sys.stderr)
        return 1
    return 0


def _figure_picture(args: argparse.Namespace) -> str | None:
    """The exercise's figure alone written to the PNG file; the problem, if any."""
    from hiptimer.ui.common.figure_png import NoFigure, picture_figure, write_figure_png
    from hiptimer.ui.common.theme import DARK, LIGHT

    try:
        figure = picture_figure(args.name, args.routine, args.side)
    except NoFigure as exc:
        return str(exc)
    return write_figure_png(figure, 1.0 if args.pose == "end" else 0.0, args.size,
                            str(args.png), DARK if args.look == Theme.DARK else LIGHT)
