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
from hiptimer.base.translation import _
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

    from hiptimer.base.parser_words import speak_for_argparse

    speak_for_argparse()
    parser = argparse.ArgumentParser(
        prog="hiptimer",
        description=_("A hands-free interval timer for hip mobility and strength routines."))
    parser.add_argument("--version", action="version", version=f"hiptimer {__version__}",
                        help=_("show program's version number and exit"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = commands.add_parser(
        "validate", help=_("check routine files; problems are printed as PATH:LINE:COL"))
    validate.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    plan = commands.add_parser("plan", help=_("show a routine's timeline and total length"))
    plan.add_argument("routine", metavar="PATH", help=_("a routine file, or a routine's name"))
    plan.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    plan.add_argument("--level", type=int, metavar="N",
                      help=_("show progression level N instead of the one you are at"))
    listing = commands.add_parser("list", help=_("list the built-in and your own routines"))
    listing.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    run = commands.add_parser(
        "run", help=_("run a routine; with --no-gui, hands-free in this terminal"),
        description=_("Run a routine. In a terminal: space pauses and resumes, n and p skip, "
                    "q stops. Ctrl+C, a kill or a closed terminal stops it cleanly too, with "
                    "exit status 128 + the signal's number (130 for Ctrl+C)."))
    run.add_argument("routine", metavar="PATH", help=_("a routine file, or a routine's name"))
    run.add_argument("--no-gui", action="store_true",
                     help=_("run in this terminal with a live status line (no window)"))
    run.add_argument("--speed", type=_speed, default=1.0, metavar="X",
                     help=_("play X times faster: every length is divided by X"))
    run.add_argument("--events", type=Path, metavar="FILE",
                     help=_("write every event as a JSON line to FILE as it happens"))
    history = commands.add_parser(
        "history", help=_("the sessions you have done, and your weeks; rate or delete a session"),
        description=_("Lists your sessions, each with its number first and how it felt, then "
                    "this week against the weekly target set in the window's history. --rate "
                    "says how a completed session felt (or corrects it), and moves the "
                    "routine's level to match: easy or right keep the step up, hard stays, "
                    "pain steps down. --delete takes sessions out of the history, and --undo "
                    "brings back the ones deleted last."))
    changes = history.add_mutually_exclusive_group()
    changes.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    changes.add_argument("--rate", nargs=2, action=_rating_action(), metavar=("N", "FEELING"),
                         # Translators: easy, right, hard and pain are the words typed:
                         # keep them in English.
                         help=_("how session N felt: easy, right, hard or pain"))
    changes.add_argument("--delete", type=_session_number, nargs="+", default=[], metavar="N",
                         help=_("delete the sessions numbered N (the first column)"))
    changes.add_argument("--undo", action="store_true",
                         help=_("bring back the sessions deleted last"))
    history.add_argument("--target", type=_target, metavar="N",
                         help=_("sessions a week to aim for, this time only (default: the "
                              "weekly target saved in the window)"))
    export = commands.add_parser("export", help=_("write the session history to a file"))
    export.add_argument("--csv", type=Path, required=True, metavar="FILE",
                        help=_("the CSV file to write ('-': standard output)"))
    remind = commands.add_parser(
        "remind", help=_("remind of today's planned training with a desktop notification"),
        description=_("Checks the training plan once: every routine planned for today whose time "
                    "has come, that was not done today and not reminded of today, gets a "
                    "desktop notification with a Start button. Then waits up to 30 minutes "
                    "for Start, which opens the routine in the window."))
    remind.add_argument("--dry-run", action="store_true",
                        help=_("send nothing; print what would be sent, and why not for the rest"))
    remind.add_argument("--watch", action="store_true",
                        help=_("keep checking every 5 minutes (for desktops without a systemd "
                             "user timer)"))
    remind.add_argument("--now", type=_moment, metavar="TIME",
                        help=_("check as if it were TIME (ISO 8601, e.g. 2025-03-03T18:30), to "
                             "try a plan"))
    picture = commands.add_parser(
        "picture", help=_("draw an exercise's figure, or the session screen, into a PNG file"),
        description=_("Draws the figure an exercise is shown with on the session screen: a "
                    "built-in exercise by its name, or one named in a routine (--routine). "
                    "With --screen, draws the whole session screen during the exercise's "
                    "first work phase instead: a hold partway through, or a rep on its way "
                    "up (--pose start) or held at its top (--pose end)."))
    picture.add_argument("name", metavar="NAME", help=_("the exercise's name"))
    to_install = commands.add_parser(
        "install", help=_("add hiptimer to your application menu, for you alone (no root)"),
        description=_("Adds this hiptimer (the one this command runs from: pipx, pip or a "
                    "clone's environment) to your desktop: a menu entry that also opens "
                    "routine files (Open with), its icon, AppStream data, and the training-day "
                    "reminder check every five minutes. Running it again replaces the install."))
    to_install.add_argument("--dry-run", action="store_true",
                            help=_("write nothing; print what would be written"))
    commands.add_parser(
        "uninstall", help=_("remove what 'hiptimer install' added; your routines, history and "
                          "settings stay"))
    picture.add_argument("--routine", metavar="ROUTINE",
                         help=_("the exercise of that name in this routine (a file, or a "
                              "routine's name)"))
    picture.add_argument("--side", choices=("left", "right"), default="left",
                         help=_("the side worked (default: left)"))
    picture.add_argument("--pose", choices=("start", "end"), default="start",
                         help=_("where in the rep: its start or its end (default: start)"))
    sizes = picture.add_mutually_exclusive_group()
    sizes.add_argument("--size", type=_picture_size, default=PICTURE_SIZE, metavar="PX",
                       help=_("the figure's height in pixels, {low} to {high} (default: "
                              "{size}); it is 4:3").format(low=PICTURE_SIZES[0],
                                                          high=PICTURE_SIZES[1],
                                                          size=PICTURE_SIZE))
    low, high = SCREEN_SIZES
    sizes.add_argument("--screen", type=_screen_size, metavar="WxH",
                       help=_("draw the whole session screen, W by H pixels (e.g. 1280x720), "
                              "from {least} to {largest}; without --routine, in the first "
                              "built-in routine with the exercise").format(
                                  least=f"{low[0]}x{low[1]}", largest=f"{high[0]}x{high[1]}"))
    picture.add_argument("--look", choices=(Theme.LIGHT.value, Theme.DARK.value),
                         default=Theme.LIGHT.value,
                         help=_("light or dark colours (default: light)"))
    picture.add_argument("--png", type=Path, required=True, metavar="FILE",
                         help=_("the PNG file to write"))
    # Without these the terminal runner plays as the window's settings say; each flag holds
    # for this run only.
    run.add_argument("--mute", action="store_true", help=_("play no sound"))
    run.add_argument("--volume", type=_volume, metavar="PERCENT",
                     help=_("loudness of every cue, 0 to 100, and sound on (default: as set in "
                          "the window)"))
    run.add_argument("--no-voice", action="store_true",
                     help=_("tones only: no spoken announcements"))
    run.add_argument("--cues-off", type=_groups, metavar="KINDS",
                     help=_("comma-separated cue kinds to silence instead of those switched "
                            "off in the window: {kinds}").format(
                                kinds=", ".join(group.value for group in CueGroup)))
    return parser


def _whole_number(text: str, out_of_range: str, low: float, high: float) -> int:
    """``text`` as a whole number from ``low`` to ``high``; ``out_of_range`` (translated,
    with ``{low}`` and ``{high}``) says otherwise."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a whole number: {text}").format(text=repr(text))) from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(out_of_range.format(low=f"{low:g}", high=f"{high:g}"))
    return value


PICTURE_SIZE = 480
PICTURE_SIZES = (16, 4096)
"""The heights ``hiptimer picture`` draws at, in pixels."""


def _picture_size(text: str) -> int:
    return _whole_number(text, _("the size must be from {low} to {high}"), *PICTURE_SIZES)


SCREEN_SIZES = ((640, 480), (3840, 2160))
"""The least and the largest screens ``hiptimer picture --screen`` draws, in pixels."""


def _screen_size(text: str) -> tuple[int, int]:
    import argparse

    width, x, height = text.lower().partition("x")
    if not x or not width.strip().isdigit() or not height.strip().isdigit():
        raise argparse.ArgumentTypeError(
            _("not a screen size like 1280x720 (width x height in pixels): {text}").format(
                text=repr(text)))
    (low_w, low_h), (high_w, high_h) = SCREEN_SIZES
    return (_whole_number(width, _("the width must be from {low} to {high}"), low_w, high_w),
            _whole_number(height, _("the height must be from {low} to {high}"), low_h, high_h))


def _volume(text: str) -> int:
    return _whole_number(text, _("volume must be from {low} to {high}"), VOLUME.low,
                         VOLUME.high)


def _target(text: str) -> int:
    return _whole_number(text, _("the weekly target must be from {low} to {high}"),
                         WEEKLY_TARGET.low, WEEKLY_TARGET.high)


def _groups(text: str) -> frozenset[CueGroup]:
    import argparse

    groups = set()
    for word in filter(None, (w.strip().lower() for w in text.split(","))):
        try:
            groups.add(CueGroup(word))
        except ValueError:
            known = ", ".join(group.value for group in CueGroup)
            raise argparse.ArgumentTypeError(
                _("unknown cue kind {word}; known: {known}").format(word=repr(word),
                                                                    known=known)) from None
    return frozenset(groups)


def _moment(text: str) -> datetime:
    import argparse

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date and time: {text} (use ISO 8601, such as 2025-03-03T18:30)").format(
                text=repr(text))) from None
    return moment if moment.tzinfo is not None else moment.astimezone()


def _session_number(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            _("not a session number: {text} (see the first column of 'hiptimer history')")
            .format(text=repr(text)))
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
                    self, _("not a feeling: {word} (use one of {words})").format(
                        word=repr(word), words=words)) from None
            setattr(namespace, self.dest, (session, feeling))

    return Rating


def _speed(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a number: {text}").format(text=repr(text))) from None
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError(_("speed must be above 0 and at most 1000"))
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["--version"]:
        # Before the folders are looked at (or an old layout moved): it only reads a constant.
        print(f"hiptimer {__version__}")
        return 0
    speak_chosen_language()
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


def speak_chosen_language(locale_dir: Path | None = None) -> None:
    """Install the language the settings name, else the desktop's, before any text is made:
    the commands' output, argparse's help and the window all speak it (from the catalogues
    in ``locale_dir``, the package's own unless given). A problem with the settings, or with
    the folder they are in, is said by whatever reads them for their own use, not here."""
    import os

    from hiptimer.base.locations import UnusableDataDir
    from hiptimer.base.preferences import read_settings
    from hiptimer.base.translation import LOCALE_DIR, install_chosen_language

    try:
        setting = read_settings()[0].language
    except UnusableDataDir:
        setting = ""  # the desktop's language, to say that the folder cannot be used
    install_chosen_language(setting, os.environ, locale_dir or LOCALE_DIR)


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
