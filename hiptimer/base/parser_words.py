"""argparse's own words ("usage:", "options", its error messages) in hiptimer's language.

argparse asks Python's gettext for them under the default domain, which no catalogue of
hiptimer's serves. Their messages are marked here, exactly as argparse writes them (with
its ``%`` placeholders), so that they enter hiptimer's catalogue; ``speak_for_argparse``
then points argparse's lookups at hiptimer's translation. Messages argparse only says to a
programmer who misuses it are left out: they stay English.
"""

from __future__ import annotations

import argparse

from hiptimer.base.translation import N_, _, ngettext

# Translators: argparse's own words: keep every %(name)s, %s and %r exactly as it is.
WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
)
"""The messages argparse shows a person, as its ``_()`` calls them."""


def _count_words(count: int) -> str:
    """Only marks argparse's one counted message for the catalogue."""
    # Translators: argparse's own words: keep %s exactly as it is.
    return ngettext("expected %s argument", "expected %s arguments", count)


def speak_for_argparse() -> None:
    """Make argparse take its words from hiptimer's translation, for every parser built from
    now on (it looks them up as it builds a parser and as it reports an error)."""
    setattr(argparse, "_", _)  # noqa: B010 (argparse's private name, not an attribute)
    setattr(argparse, "ngettext", ngettext)  # noqa: B010
