"""The words hiptimer shows and says, in the language installed: gettext, for the core and
both front ends alike (Qt's own dialogs and buttons have Qt's own translations).

Mark a message where it is written and translate it where it is used::

    from hiptimer.base.translation import _, ngettext, pgettext

    _("The sound stopped working; the session goes on silently.")
    _("{name} starts in {seconds} s").format(name=name, seconds=seconds)
    ngettext("{count} minute", "{count} minutes", count).format(count=count)
    pgettext("button", "Start")

The rules that keep a translation possible:

- **Whole sentences, never pieces.** A sentence glued from translated parts
  (``_("Next:") + " " + name``, ``_("Sound") + _(" is off")``) cannot be put into the order
  another language needs. Mark the whole sentence and put what varies in it as a
  placeholder.
- **Named placeholders**, filled by ``str.format`` after translating: ``{name}``, never
  ``{}``, ``{0}`` or ``%s``, so a translator may move them and knows what each one is. A
  translation keeps exactly its message's placeholders (a test checks every catalogue).
- **Counts through ``ngettext``**, with the count in every form (``"{count} minute"``):
  a language's "singular" may also be used for 21 or 31.
- **Short, ambiguous words through ``pgettext``** with a context that tells them apart.
- **Translated when used, not when imported:** a module-level message is marked with
  ``N_`` (which only marks it) and passed through ``_`` where it is shown, so it follows
  the language installed at start-up.

Until ``install_language`` is called (and for English) every function gives its message
back unchanged. The catalogues are compiled from ``po/`` into the package's ``locale/``
folder: by the wheel's build, and in a checkout by ``make`` (see ``docs/translating.md``).
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from hiptimer.base.language import SOURCE_LANGUAGE, Language, chosen_language, language_for_code

DOMAIN: Final = "hiptimer"
"""The catalogues' name: ``locale/<code>/LC_MESSAGES/hiptimer.mo``."""

LOCALE_DIR: Final = Path(__file__).resolve().parent.parent / "locale"
"""Where the compiled catalogues are, inside the package."""

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language: Language = SOURCE_LANGUAGE


def install_language(language: Language, locale_dir: Path = LOCALE_DIR) -> Language:
    """Speak ``language`` from now on, in every thread; the language actually spoken, which
    is English when its catalogue is missing (hiptimer then shows its messages as written)."""
    global _translations, _language
    if language is SOURCE_LANGUAGE:
        found: gettext.NullTranslations = gettext.NullTranslations()
    else:
        found = gettext.translation(DOMAIN, localedir=locale_dir, languages=[language.code],
                                    fallback=True)
    spoken = language if isinstance(found, gettext.GNUTranslations) else SOURCE_LANGUAGE
    _translations, _language = found, spoken
    return spoken


def install_chosen_language(setting: str, environment: Mapping[str, str],
                            locale_dir: Path = LOCALE_DIR) -> Language:
    """Speak what a front end starts in: the language ``setting`` (a code from the settings,
    "" for none) names when offered, else the desktop's (``chosen_language``)."""
    return install_language(chosen_language(language_for_code(setting), environment),
                            locale_dir)


def installed_language() -> Language:
    """The language ``install_language`` last installed (English before it is called)."""
    return _language


def _(message: str) -> str:
    """``message`` in the language installed."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count``, by the installed language's plural rule."""
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language installed, told apart from the same words elsewhere by
    ``context`` (``pgettext("button", "Start")``)."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue (gettext's tools know the name) and gives it back
    untranslated: for a message defined before a language is installed, translated with
    ``_`` where it is used."""
    return message
