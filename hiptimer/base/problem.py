"""Located problems in a routine file, printed gcc-style so editors can jump to them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from hiptimer.base.translation import ngettext

QUOTE_LIMIT = 40
"""How much of a value a message repeats: enough to recognise it, never a whole file."""


class Unsafe(StrEnum):
    """Kinds of character that must never reach a terminal or a window as they are."""

    CONTROL = "the control character"
    SURROGATE = "a lone surrogate (half of a character)"
    NONCHARACTER = "the non-character"
    DIRECTION = "the text-direction control"
    SEPARATOR = "the line or paragraph separator"


def _spans(*spans: tuple[int, int]) -> str:
    return "".join(f"{chr(low)}-{chr(high)}" for low, high in spans)


_UNSAFE_SPANS = {
    # C0 (escape sequences, bells, carriage returns that overwrite a line), DEL and C1.
    Unsafe.CONTROL: _spans((0x00, 0x1F), (0x7F, 0x9F)),
    # Cannot be encoded as UTF-8, so cannot be printed, saved or shown.
    Unsafe.SURROGATE: _spans((0xD800, 0xDFFF)),
    Unsafe.NONCHARACTER: _spans((0xFDD0, 0xFDEF), *((plane | 0xFFFE, plane | 0xFFFF)
                                                  for plane in range(0, 0x110000, 0x10000))),
    # Invisible, yet they reorder how the text after them is displayed.
    Unsafe.DIRECTION: _spans((0x061C, 0x061C), (0x200E, 0x200F), (0x202A, 0x202E),
                             (0x2066, 0x2069)),
    Unsafe.SEPARATOR: _spans((0x2028, 0x2029)),
}
_UNSAFE = re.compile("[" + "".join(_UNSAFE_SPANS.values()) + "]")
_UNSAFE_BUT_NEWLINE = re.compile("(?!\n)" + _UNSAFE.pattern)
_KIND = {kind: re.compile(f"[{spans}]") for kind, spans in _UNSAFE_SPANS.items()}


def first_unsafe(text: str, newline: bool = False) -> tuple[Unsafe, str] | None:
    """The first unsafe character in ``text`` and its kind (a newline is allowed if asked)."""
    found = (_UNSAFE_BUT_NEWLINE if newline else _UNSAFE).search(text)
    if found is None:
        return None
    char = found.group()
    return next(kind for kind, pattern in _KIND.items() if pattern.fullmatch(char)), char


def escaped(text: str) -> str:
    """``text`` safe to print: each unsafe character is shown as an escape such as ``\\x1b``.

    File names are not checked like routine text (a folder may hold any name), yet ``list``
    and ``validate`` print them; an escape sequence in a name must not reach the terminal,
    and a name that is not valid UTF-8 (a lone surrogate here) must not crash the printing.
    Everything else, accents, emoji and no-break spaces included, is shown as it is.
    """
    return _UNSAFE.sub(lambda found: _escape(found.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` quoted for a message, escaped and cut short, so no message is ever huge."""
    if len(text) > limit:
        count = len(text)
        # Translators: a quotation cut short, and how long the whole text is.
        return ngettext("{quoted}... ({count} character)", "{quoted}... ({count} characters)",
                        count).format(quoted=repr(text[:limit]), count=f"{count:,}")
    return repr(text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a routine file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{escaped(self.path)}:{self.line}:{self.column}: error: {escaped(self.message)}"


class RoutineError(Exception):
    """A routine file could not be loaded; carries every problem found, in file order.

    The same problem found twice (a bad value reached again through an alias) is listed once.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems))
