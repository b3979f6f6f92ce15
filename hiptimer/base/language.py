"""Which language hiptimer's interface speaks: the user's choice, else the desktop's, else
English.

Only a language whose catalogue is complete is offered, so a German reader never meets half
a German interface: until then they read English. Complete means two things: every message
of the interface is marked for translation, and every message in the catalogue is
translated, none fuzzy. No tool can find a sentence nobody marked, so the languages that are
complete are written down here, in ``_COMPLETE``, by whoever finishes one; the translation
tests then hold each of them to the second part, and fail the moment a new message leaves
one behind. English, German and Spanish are complete.

The desktop's choice is read as GNU gettext reads it, from an environment handed in:

1. ``LANGUAGE``, a colon-separated list of preferences: the first one hiptimer offers.
   As in GNU gettext it is ignored when the locale is set to ``C`` or ``POSIX`` (a program
   run that way asks for the untranslated output). Unlike GNU gettext it is *not* ignored
   when no locale variable is set at all: someone who runs ``LANGUAGE=de hiptimer`` clearly
   asks for German, and Python's own gettext reads it the same way. ``C.UTF-8`` is not taken
   for ``C`` here: it is what many systems set by default, not a request for plain output.
2. The locale for messages: the first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is
   set decides, as POSIX says; the ones below it are not looked at. It is also tried when
   none of ``LANGUAGE``'s entries is offered (GNU gettext would then fall to English, but
   the locale's language is more likely one the person reads).
3. English.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from enum import Enum
from typing import Final


class Language(Enum):
    """A language hiptimer knows, by its ISO 639-1 code (the catalogue's folder name)."""

    ENGLISH = "en"
    GERMAN = "de"
    SPANISH = "es"

    @property
    def code(self) -> str:
        """The code gettext and the catalogues know it by."""
        code: str = self.value
        return code

    @property
    def native_name(self) -> str:
        """Its name in itself, as a list of languages shows it (never translated)."""
        return _NATIVE_NAMES[self]


_NATIVE_NAMES: Final = {
    Language.ENGLISH: "English",
    Language.GERMAN: "Deutsch",
    Language.SPANISH: "Español",
}

SOURCE_LANGUAGE: Final = Language.ENGLISH
"""The language the messages are written in: complete by definition, and the fallback."""

_COMPLETE: Final = frozenset({SOURCE_LANGUAGE, Language.GERMAN, Language.SPANISH})
"""The languages whose catalogue is complete: the whole interface marked, and every message
of the language's ``po/`` file translated, none fuzzy (which the translation tests check)."""

LOCALE_VARIABLES: Final = ("LC_ALL", "LC_MESSAGES", "LANG")
"""The variables that set the locale for messages, the one that decides first."""

_PLAIN_LOCALES: Final = frozenset({"C", "POSIX"})
"""Locales that ask for untranslated output, so ``LANGUAGE`` is ignored under them."""

_SEPARATORS = re.compile(r"[_.@-]")


def offered_languages() -> tuple[Language, ...]:
    """The languages a person may be shown: the complete ones, in the enumeration's order."""
    return tuple(language for language in Language if language in _COMPLETE)


def language_for_code(code: str) -> Language | None:
    """The language a code or locale name means (``de``, ``de_AT.UTF-8``, ``es-419``), if
    hiptimer knows it; ``None`` for any other, for ``C`` and ``POSIX``, and for nothing."""
    primary = _SEPARATORS.split(code.strip(), maxsplit=1)[0].lower()
    for language in Language:
        if language.code == primary:
            return language
    return None


def desktop_language(environment: Mapping[str, str],
                     offered: Collection[Language] | None = None) -> Language:
    """The language the desktop asks for through ``environment``, among ``offered`` (the
    complete ones unless given): see the module's docstring for the order."""
    available = _with_source(offered)
    locale = _messages_locale(environment)
    wishes: list[str] = []
    if locale not in _PLAIN_LOCALES:
        wishes.extend(environment.get("LANGUAGE", "").split(":"))
    wishes.append(locale)
    for wish in wishes:
        language = language_for_code(wish)
        if language is not None and language in available:
            return language
    return SOURCE_LANGUAGE


def chosen_language(setting: Language | None, environment: Mapping[str, str],
                    offered: Collection[Language] | None = None) -> Language:
    """The language to speak: the user's ``setting`` when it is one offered, else the
    desktop's. A setting no longer offered (its catalogue fell behind) is passed over rather
    than half honoured."""
    if setting is not None and setting in _with_source(offered):
        return setting
    return desktop_language(environment, offered)


def _with_source(offered: Collection[Language] | None) -> frozenset[Language]:
    chosen = offered_languages() if offered is None else offered
    return frozenset(chosen) | {SOURCE_LANGUAGE}


def _messages_locale(environment: Mapping[str, str]) -> str:
    """The locale messages follow: the first locale variable set, or '' when none is."""
    for variable in LOCALE_VARIABLES:
        value = environment.get(variable, "")
        if value:
            return value
    return ""
