"""What the readers of a file a person wrote share: every problem kept at its place, keys
checked against those the file may have, and a value's text taken or its absence explained.

Routine files and figure files are both read this way, so a misspelt key or an empty value
is worded the same in both.
"""

from __future__ import annotations

import difflib

from hiptimer.base.problem import Problem, quoted
from hiptimer.base.translation import _
from hiptimer.routine.source import INVALID, Key, Mapping, Node, Scalar, Sequence

Fields = dict[str, tuple[Key, Node]]
"""A mapping's entries by key, each with the key (for its place) and its value."""

MAX_COMPARED_CHARS = 40
"""Longer text is never compared for a close match: it is no misspelt key."""


def close_match(word: str, known: tuple[str, ...]) -> str | None:
    """The known word ``word`` is probably a misspelling of, compared in lower case."""
    if len(word) > MAX_COMPARED_CHARS:
        return None
    found = difflib.get_close_matches(word.lower(), known, n=1, cutoff=0.6)
    return found[0] if found else None


class FieldReader:
    """Collects the problems of one file, each at its line and column."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, where: Node | Key, message: str) -> None:
        self.problems.append(Problem(self.path, where.line, where.column, message))

    def fields(self, node: Mapping, known: tuple[str, ...], where: str) -> Fields:
        """The mapping's entries by key, reporting duplicates and unknown keys."""
        found: Fields = {}
        for key, value in node.items:
            if key.text in found:
                first = found[key.text][0]
                self.error(key, _("duplicate key {key} (first set on line {line})")
                           .format(key=quoted(key.text), line=first.line))
                continue
            if key.text not in known:
                guess = close_match(key.text, known)
                # Translators: {where} is what holds the key, e.g. "a routine", "an exercise".
                message = (_("unknown key {key} in {where}; did you mean '{guess}'?") if guess
                           else _("unknown key {key} in {where}; {where} may have: {keys}"))
                self.error(key, message.format(key=quoted(key.text), where=where, guess=guess,
                                               keys=", ".join(known)))
                continue
            found[key.text] = (key, value)
        return found

    def scalar_text(self, key: Key, node: Node, what: str) -> str | None:
        """The text of a scalar value; ``None`` (after reporting) for anything else.

        ``what`` says what the value must be: ``a duration such as 30s``."""
        if isinstance(node, Scalar) and node.kind == INVALID:
            return None  # the reader of the document has said why
        if isinstance(node, Scalar) and node.kind != "null":
            return node.text
        # Translators: {what} says what the value must be, e.g. "a duration such as 30s".
        if isinstance(node, Scalar):
            self.error(key, _("'{key}' has no value; it must be {what}")
                       .format(key=key.text, what=what))
        elif isinstance(node, Sequence):
            self.error(node, _("'{key}' must be {what}, not a list")
                       .format(key=key.text, what=what))
        else:
            self.error(node, _("'{key}' must be {what}, not a mapping")
                       .format(key=key.text, what=what))
        return None
