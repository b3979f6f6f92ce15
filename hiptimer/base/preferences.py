"""The user's preferences (sound, cues, look, weekly target), read by every front end.

They live in ``settings.ini`` in the config folder, in the INI form Qt's ``QSettings`` wrote
for earlier versions: a section per group (``[sound]``, ``[cues]``, ...), ``true`` and
``false`` for switches, and strings double-quoted where Qt had to. That file is read here
with the standard library alone, so the terminal and the reminders see the window's choices.

Whatever the file holds, reading gives sane values and a problem to tell, never an
exception: each value is brought into its range in one place (``Settings.__setattr__``).
Saving replaces the file whole, keeps the keys this version does not know, and reports a
failure instead of raising it.

The cue kinds a user switched off are kept as their names: what a name means belongs to the
cues, a layer above this one, which builds its own settings from them.
"""

from __future__ import annotations

import configparser
import io
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from hiptimer.base.files import (
    Kind,
    NotRegularFile,
    TooLarge,
    read_regular_file,
    write_atomically,
)
from hiptimer.base.locations import settings_file
from hiptimer.base.notice import Notice
from hiptimer.base.problem import escaped, quoted
from hiptimer.base.translation import N_, _

SIZE_LIMIT = 256 * 1024
"""The largest settings file read: hiptimer's own is well under a kilobyte."""

UNREADABLE = N_("Your settings could not be read, so hiptimer uses its defaults")
SOME_UNREADABLE = N_("Some of your settings could not be read, so those have their defaults")
UNSAVED = N_("Your settings could not be saved: they hold only until hiptimer closes")


class Theme(StrEnum):
    """Which look: the desktop's, or always light or dark."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class Span(NamedTuple):
    """The sane range of a number, and its value when there is none to go by."""

    low: float
    high: float
    default: float

    def clamp(self, value: float) -> float:
        """``value`` brought into the range (the default when it is not a number at all)."""
        if math.isnan(value):
            return self.default
        return min(self.high, max(self.low, value))


VOLUME = Span(0, 100, 80)
"""Percent of full loudness."""
FONT_SCALE = Span(0.5, 2.0, 1.0)
"""How much larger (or smaller) than the default all text is drawn."""
WEEKLY_TARGET = Span(1, 14, 2)
"""Sessions a week to aim for: by default the low end of the 2-3 a week strength work asks."""


@dataclass
class Settings:
    """The preferences, each always within its range: whatever is assigned is made sane.

    ``path`` is where ``save`` writes (the user's settings file when ``None``).
    """

    volume: int = int(VOLUME.default)
    muted: bool = False
    voice: bool = True
    """Spoken announcements after the tones."""
    cues_off: frozenset[str] = frozenset()
    """The names of the cue kinds switched off (see ``hiptimer.cues.names.CueGroup``)."""
    theme: Theme = Theme.SYSTEM
    font_scale: float = FONT_SCALE.default
    weekly_target: int = int(WEEKLY_TARGET.default)
    safety_note_seen: bool = False
    """The safety note was confirmed before a first session: it is not asked again."""
    full_screen: bool = False
    """The window was full screen when last left: it opens (and starts) full screen."""
    last_routine: str = ""
    """The routine last started (a built-in's name, or a file's path): selected at opening."""
    language: str = ""
    """The language chosen in Settings, by its code (``de``); "" follows the desktop's. A
    code this version does not offer is kept but passed over (``chosen_language``)."""
    path: Path | None = field(default=None, repr=False, compare=False)

    def __setattr__(self, name: str, value: Any) -> None:
        sane = _SANE.get(name)
        super().__setattr__(name, value if sane is None else sane(value))

    def save(self) -> Notice | None:
        """Write these preferences over the file; what went wrong, if anything (the file is
        then as it was)."""
        return save_settings(self, self.path or settings_file())


def _whole(span: Span) -> Callable[[Any], int]:
    return lambda value: round(span.clamp(float(value)))


def _scale(value: Any) -> float:
    return round(FONT_SCALE.clamp(float(value)), 2)


def _one_line(value: Any) -> str:
    """A value kept on one line of the file; one that cannot be (a control character, space
    at either end) is not kept at all."""
    text = str(value)
    return "" if text != text.strip() or any(ord(c) < 32 or c == "\x7f" for c in text) else text


def _names(value: Iterable[str]) -> frozenset[str]:
    return frozenset(str(name) for name in value)


_SANE: dict[str, Callable[[Any], Any]] = {
    "volume": _whole(VOLUME), "muted": bool, "voice": bool, "cues_off": _names,
    "theme": Theme, "font_scale": _scale, "weekly_target": _whole(WEEKLY_TARGET),
    "safety_note_seen": bool, "full_screen": bool, "last_routine": _one_line,
    "language": _one_line,
}
"""How each preference is brought into its range: the one place that does it."""


# Where each preference is kept in the file: section and key, as QSettings named them.
_SCALARS: dict[str, tuple[str, str]] = {
    "volume": ("sound", "volume"),
    "muted": ("sound", "muted"),
    "voice": ("sound", "voice"),
    "theme": ("look", "theme"),
    "font_scale": ("look", "font_scale"),
    "weekly_target": ("history", "weekly_target"),
    "safety_note_seen": ("notes", "safety_seen"),
    "full_screen": ("look", "full_screen"),
    "last_routine": ("library", "last_routine"),
    "language": ("look", "language"),
}
CUES_SECTION = "cues"
"""One key per cue kind, ``false`` when it is switched off."""
_TOP_LEVEL = "General"
"""QSettings' section for keys outside any group."""
_SWITCHES = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False,
             "on": True, "off": False}
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v", "'": "'", "?": "?"}


def _parser() -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(
        delimiters=("=",), comment_prefixes=(";", "#"), inline_comment_prefixes=None,
        strict=False, empty_lines_in_values=False, interpolation=None,
        # No section's keys may leak into every other one, as DEFAULT's would.
        default_section="\n")
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    return parser


def _unquoted(text: str) -> str:
    """A value as QSettings meant it: double quotes around it (and escapes in it) undone."""
    if len(text) < 2 or not text.startswith('"') or not text.endswith('"'):
        return text
    out: list[str] = []
    inner = iter(text[1:-1])
    for char in inner:
        out.append(_ESCAPES.get(next(inner, ""), "") if char == "\\" else char)
    return "".join(out)


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return None if math.isnan(value) else value


def _parsed(name: str, text: str) -> object | None:
    """The file's text for preference ``name`` as a value, or ``None`` when it is not one."""
    if name in ("volume", "font_scale", "weekly_target"):
        return _number(text)
    if name in ("last_routine", "language"):
        return text
    if name == "theme":
        return Theme(text.lower()) if text.lower() in tuple(Theme) else None
    return _SWITCHES.get(text.lower())


def _parse(text: str) -> configparser.RawConfigParser:
    """The file's sections and keys; ``configparser.Error`` when it is not an INI file."""
    parser = _parser()
    # Keys before any section are QSettings' top-level ones.
    parser.read_string(f"[{_TOP_LEVEL}]\n{text}")
    return parser


def _read_text(path: Path) -> str | None:
    """The file's text; ``None`` when there is no file. Raises ``ValueError`` with the reason
    it cannot be read."""
    try:
        data = read_regular_file(path, SIZE_LIMIT)
    except FileNotFoundError:
        return None
    except NotRegularFile as exc:
        raise ValueError(_not_a_file(exc.kind)) from None
    except TooLarge:
        raise ValueError(_("it is larger than {size} KiB").format(size=SIZE_LIMIT // 1024)) \
            from None
    except OSError as exc:
        raise ValueError(exc.strerror or str(exc)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(_("it is not UTF-8 text (byte {byte})").format(byte=exc.start + 1)) \
            from None


def _not_a_file(kind: Kind) -> str:
    """Why the settings are not read from what is at their path."""
    if kind is Kind.FOLDER:
        return _("it is a folder, not a file")
    if kind is Kind.FIFO:
        return _("it is a named pipe, not a file")
    if kind is Kind.DEVICE:
        return _("it is a device, not a file")
    if kind is Kind.SOCKET:
        return _("it is a socket, not a file")
    return _("it is a special file, not a file")


def read_settings(path: Path | None = None) -> tuple[Settings, Notice | None]:
    """The preferences in ``path`` (the user's settings file by default), and what was wrong
    with the file, if anything. A missing file gives the defaults, quietly."""
    path = path or settings_file()
    settings = Settings(path=path)
    where = escaped(str(path))
    text: str | None = None
    try:
        text = _read_text(path)
        parser = _parse(text) if text is not None else None
    except (ValueError, configparser.Error) as exc:
        reason = (str(exc) if isinstance(exc, ValueError)
                  else _first_line(exc, text or ""))
        return settings, Notice(_(UNREADABLE), f"{where}: {reason}")
    if parser is None:
        return settings, None
    wrong: list[str] = []
    for name, (section, key) in _SCALARS.items():
        if not parser.has_option(section, key):
            continue
        raw = parser.get(section, key)
        value = _parsed(name, _unquoted(raw.strip()))
        if value is None:
            wrong.append(f"[{section}] {key} = {quoted(escaped(raw))}")
        else:
            setattr(settings, name, value)
    off = set()
    if parser.has_section(CUES_SECTION):
        for key, raw in parser.items(CUES_SECTION):
            switch = _SWITCHES.get(_unquoted(raw.strip()).lower())
            if switch is None:
                wrong.append(f"[{CUES_SECTION}] {quoted(escaped(key))} = {quoted(escaped(raw))}")
            elif not switch:
                off.add(key)
    settings.cues_off = frozenset(off)
    if wrong:
        return settings, Notice(_(SOME_UNREADABLE), f"{where}: " + "; ".join(wrong))
    return settings, None


def _first_line(error: configparser.Error, text: str) -> str:
    """What is wrong, short: the first line that is neither a section nor a key (counted in
    the file as it is, without the section put before it), quoted from the file itself, as
    configparser shows it differently from one Python to the next; never the whole file."""
    if isinstance(error, configparser.ParsingError) and error.errors:
        number = error.errors[0][0] - 1
        lines = text.split("\n")  # as configparser counts them
        line = lines[number - 1] if 0 < number <= len(lines) else ""
        return _("line {number} is neither a [section] nor a key=value: {line}").format(
            number=number, line=quoted(line))
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    return escaped(message[:200])


def settings_text(settings: Settings, previous: str | None = None) -> str:
    """The file's text for ``settings``: ``previous`` (the file as it was) with hiptimer's
    keys set, so keys a newer version wrote stay; written afresh when there is none, or it
    cannot be read as INI."""
    parser = _parser()
    if previous is not None:
        try:
            parser = _parse(previous)
        except configparser.Error:
            parser = _parser()
    for name, (section, key) in _SCALARS.items():
        if not parser.has_section(section):
            parser.add_section(section)
        value = getattr(settings, name)
        parser.set(section, key, str(value).lower() if isinstance(value, bool)
                   else _quoted_for_qt(value) if isinstance(value, str) else str(value))
    if not parser.has_section(CUES_SECTION):
        parser.add_section(CUES_SECTION)
    for key in parser.options(CUES_SECTION):
        parser.set(CUES_SECTION, key, "true")
    for key in sorted(settings.cues_off):
        parser.set(CUES_SECTION, key, "false")
    for section in (_TOP_LEVEL, CUES_SECTION):
        if parser.has_section(section) and not parser.items(section):
            parser.remove_section(section)
    out = io.StringIO()
    parser.write(out, space_around_delimiters=False)
    return out.getvalue()


def _quoted_for_qt(text: str) -> str:
    """A string as QSettings reads it back whole: in double quotes, escaped, when it holds
    anything QSettings would take for a list, a comment or an escape."""
    if re.fullmatch(r"[\w./+-]*", text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def save_settings(settings: Settings, path: Path) -> Notice | None:
    """Replace the file at ``path`` with ``settings`` (keys this version does not know kept);
    ``None`` when done, else what went wrong, the old file left as it was."""
    try:
        previous = _read_text(path)
    except ValueError:
        previous = None  # unreadable: written afresh, if it can be
    text = settings_text(settings, previous)
    if text == previous:
        return None  # nothing changed: no write, so a slider's every step costs little
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        return Notice(_(UNSAVED), f"{escaped(str(path))}: {exc.strerror or exc}")
    return None
