"""What the readers of a file a person wrote share: every problem kept at its place, keys
checked against those the file may have, and a value's text taken or its absence explained.

Routine files and figure files are both read this way, so a misspelt key or an empty value
is worded the same in both.
"""

from __future__ import annotations

import difflib

from hiptimer.base.problem import Problem, quoted
from hiptimer.base.translation import _, pgettext
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

    def fields(self, node: Mapping, known: tuple[str, ...], holder: str) -> Fields:
        """The mapping's entries by key, reporting duplicates and unknown keys.

        ``holder`` says what the mapping is ("a routine"), in English: one of the phrases
        marked for both places an unknown key's message names it in (see ``_in`` and
        ``_may_have``)."""
        found: Fields = {}
        for key, value in node.items:
            if key.text in found:
                first = found[key.text][0]
                self.error(key, _("duplicate key {key} (first set on line {line})")
                           .format(key=quoted(key.text), line=first.line))
                continue
            if key.text not in known:
                self.error(key, self.unknown_key(key, known, holder))
                continue
            found[key.text] = (key, value)
        return found

    @staticmethod
    def unknown_key(key: Key, known: tuple[str, ...], holder: str) -> str:
        """What is wrong with ``key``, not one of ``known``: the key it is probably a
        misspelling of, else every key ``holder`` may have."""
        guess = close_match(key.text, known)
        if guess:
            # Translators: {where} is what holds the key, e.g. "a routine", "an exercise".
            return _("unknown key {key} in {where}; did you mean '{guess}'?").format(
                key=quoted(key.text), where=_in(holder), guess=guess)
        # Translators: {where} is what holds the key after "in" ("in a routine"); {holder}
        # is the same thing as the subject of what follows ("a routine may have: ...").
        return _("unknown key {key} in {where}; {holder} may have: {keys}").format(
            key=quoted(key.text), where=_in(holder), holder=_may_have(holder),
            keys=", ".join(known))

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


def _in(holder: str) -> str:
    """``holder`` as the place an unknown key is in: "unknown key 'x' in {where}"."""
    return pgettext("where a key is unknown", holder)


def _may_have(holder: str) -> str:
    """``holder`` as the subject that may have the keys listed: "{holder} may have: ..."."""
    return pgettext("what may have the keys", holder)


def _marked() -> None:
    """Only marks the phrases ``_in`` and ``_may_have`` translate, for the catalogue: each
    reader's ``holder`` phrases, in both places (a language may need a different case for
    each, as German does: "in einer Übung", "eine Übung darf ...")."""
    # Translators: what holds a key that is unknown, after "in": "unknown key 'x' in {where}".
    pgettext("where a key is unknown", "a routine")
    pgettext("where a key is unknown", "defaults")
    pgettext("where a key is unknown", "an exercise")
    pgettext("where a key is unknown", "the figure file")
    pgettext("where a key is unknown", "'tilt'")
    pgettext("where a key is unknown", "the 'start' pose")
    pgettext("where a key is unknown", "the 'end' pose")
    pgettext("where a key is unknown", "a prop")
    # Translators: what may have the keys listed, as the subject of "{holder} may have:
    # 'name', 'hold'".
    pgettext("what may have the keys", "a routine")
    pgettext("what may have the keys", "defaults")
    pgettext("what may have the keys", "an exercise")
    pgettext("what may have the keys", "the figure file")
    pgettext("what may have the keys", "'tilt'")
    pgettext("what may have the keys", "the 'start' pose")
    pgettext("what may have the keys", "the 'end' pose")
    pgettext("what may have the keys", "a prop")
