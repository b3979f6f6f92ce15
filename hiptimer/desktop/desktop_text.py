"""The words of the desktop entries and the AppStream data, in every language hiptimer has
a catalogue for: the same gettext catalogue as the interface, so each translation lives in
one place.

The desktop and the software centres pick the language themselves, so every translation is
written into the files at once (``Comment[de]=``, ``<summary xml:lang="de">``), next to the
English; a message a catalogue leaves untranslated is left out, and English stands for it.
"""

from __future__ import annotations

import gettext
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from hiptimer.base.language import SOURCE_LANGUAGE, Language
from hiptimer.base.translation import DOMAIN, LOCALE_DIR, N_, pgettext

# The desktop entry (resources/desktop/hiptimer.desktop.in).
# Translators: the kind of application, as a desktop's menu shows it under hiptimer's name.
GENERIC_NAME = N_("Interval Timer")
SUMMARY = N_("Follow hip mobility and strength routines hands-free")
"""The desktop entry's comment and the AppStream summary."""
# Translators: words a desktop's search finds hiptimer by, each ending in a semicolon (no
# spaces around them). Keep the English ones too if people may search in English.
KEYWORDS = N_("hip;mobility;stretch;strength;exercise;workout;interval;timer;stopwatch;routine;"
              "physiotherapy;")

# The reminders' autostart entry (resources/desktop/reminders.desktop.in).
REMINDERS_NAME = N_("hiptimer reminders")
REMINDERS_COMMENT = N_("Reminds you of a training day that is due")

# The AppStream data (resources/desktop/hiptimer.metainfo.xml.in).
DESCRIPTION_PARAGRAPHS = (
    N_("An interval timer for hip mobility and strength routines that you follow from the "
       "floor, without touching the keyboard: timed holds, slow reps at a tempo, rests "
       "between sets, a short pause to switch sides and a get-ready pause before each "
       "exercise."),
    N_("The session screen is made to be read from three metres away:"),
)
DESCRIPTION_POINTS = (
    N_("One huge countdown or rep count, the whole screen in the colour of the phase"),
    N_("A line picture and a description of every exercise, and the side to work"),
    N_("Sounds and spoken announcements, so a session can be followed with eyes closed"),
    N_("Routines are plain YAML files; a library of them comes built in"),
    N_("A history of your sessions, your weekly target, and steps up within a range"),
)
CAPTIONS = (
    N_("A hold counting down, with the exercise's figure and description"),
    N_("Reps at a tempo: the rep count, and the part of the rep under way"),
    N_("The dark look, holding a rep at its top on the right side"),
)
"""The screenshots' captions, in their order."""
APPSTREAM_KEYWORDS = ("hip", "mobility", "stretch", "exercise", "interval timer")
"""The AppStream keywords, translated in the context ``KEYWORD``."""
KEYWORD = "search keyword"


def _marked_keywords() -> None:
    """Only marks ``APPSTREAM_KEYWORDS`` for the catalogue, in their context."""
    # Translators: a word or short phrase a software centre's search finds hiptimer by.
    pgettext("search keyword", "hip")
    pgettext("search keyword", "mobility")
    pgettext("search keyword", "stretch")
    pgettext("search keyword", "exercise")
    pgettext("search keyword", "interval timer")

Catalogues = Sequence[tuple[str, gettext.NullTranslations]]
"""Each language's code with its catalogue."""


def catalogues(locale_dir: Path = LOCALE_DIR) -> Catalogues:
    """The catalogues hiptimer has besides English, each with its language's code: every
    one compiled, offered in the interface yet or not (a partial one gives what it has)."""
    found: list[tuple[str, gettext.NullTranslations]] = []
    for language in Language:
        if language is SOURCE_LANGUAGE:
            continue
        catalogue = gettext.translation(DOMAIN, localedir=locale_dir,
                                        languages=[language.code], fallback=True)
        if isinstance(catalogue, gettext.GNUTranslations):
            found.append((language.code, catalogue))
    return found


def _translated(message: str, catalogues: Catalogues,
                context: str | None = None) -> list[tuple[str, str]]:
    """Each language's translation of ``message`` (in ``context``, if any) that differs from
    the English."""
    found = []
    for code, catalogue in catalogues:
        text = (catalogue.gettext(message) if context is None
                else catalogue.pgettext(context, message))
        if text and text != message:
            found.append((code, text))
    return found


def _desktop_value(text: str) -> str:
    """A desktop entry's localestring value: one line, a backslash written twice."""
    return text.replace("\\", "\\\\").replace("\n", " ")


def desktop_key(key: str, message: str, catalogues: Catalogues) -> str:
    """A desktop entry's key in English and in every language that translates it: the lines
    ``Comment=...`` and ``Comment[de]=...``."""
    lines = [f"{key}={_desktop_value(message)}"]
    lines += [f"{key}[{code}]={_desktop_value(text)}"
              for code, text in _translated(message, catalogues)]
    return "\n".join(lines)


def xml_element(tag: str, message: str, catalogues: Catalogues, indent: str,
                context: str | None = None) -> str:
    """An AppStream element in English and in every language that translates it, each on a
    line of its own at ``indent``: ``<summary>...</summary>``, ``<summary xml:lang="de">``."""
    lines = [f"{indent}<{tag}>{escape(message)}</{tag}>"]
    lines += [f'{indent}<{tag} xml:lang="{code}">{escape(text)}</{tag}>'
              for code, text in _translated(message, catalogues, context)]
    return "\n".join(lines)


def _elements(tag: str, messages: Sequence[str], catalogues: Catalogues, indent: str,
              context: str | None = None) -> str:
    return "\n".join(xml_element(tag, message, catalogues, indent, context)
                     for message in messages)


def desktop_entry_values(catalogues: Catalogues) -> dict[str, str]:
    """The translated keys of the application's desktop entry, by template name."""
    return {"generic_name": desktop_key("GenericName", GENERIC_NAME, catalogues),
            "comment": desktop_key("Comment", SUMMARY, catalogues),
            "keywords": desktop_key("Keywords", KEYWORDS, catalogues)}


def reminders_entry_values(catalogues: Catalogues) -> dict[str, str]:
    """The translated keys of the reminders' autostart entry, by template name."""
    return {"name": desktop_key("Name", REMINDERS_NAME, catalogues),
            "comment": desktop_key("Comment", REMINDERS_COMMENT, catalogues)}


def metainfo_values(catalogues: Catalogues) -> dict[str, str]:
    """The translated elements of the AppStream data, by template name."""
    values = {"summary": xml_element("summary", SUMMARY, catalogues, "  "),
              "paragraph_1": _elements("p", DESCRIPTION_PARAGRAPHS[:1], catalogues, "    "),
              "paragraph_2": _elements("p", DESCRIPTION_PARAGRAPHS[1:], catalogues, "    "),
              "points": _elements("li", DESCRIPTION_POINTS, catalogues, "      "),
              "keywords": _elements("keyword", APPSTREAM_KEYWORDS, catalogues, "    ",
                                    KEYWORD)}
    values.update({f"caption_{number}": xml_element("caption", caption, catalogues, "      ")
                   for number, caption in enumerate(CAPTIONS, start=1)})
    return values
