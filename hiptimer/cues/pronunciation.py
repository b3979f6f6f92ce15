"""How written names and units are said: the speech engine reads "90/90" as "ninety slash
ninety" and "30s" as "thirty ess", so announcements are put into words a person would say
before they are spoken. The screen keeps the written form.

The words are data, one table per language: the speech engine reads digits in its voice's
own language, so only the words around them ("seconds", "Sekunden", "segundos") and the
symbols between them ("-", "&", "/") need saying. A count of one takes its own form where a
speaker would not say the digit ("eine Minute", "un minuto").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from hiptimer.base.language import Language
from hiptimer.base.translation import installed_language


@dataclass(frozen=True)
class Words:
    """What a language says for the written forms announcements and names contain."""

    ninety_ninety: str
    """The 90/90 position (a hip stretch named after its two right angles)."""
    degree: str
    degrees: str
    second: str
    seconds: str
    minute: str
    minutes: str
    once: str
    """A whole "1x"."""
    times: str
    to: str
    """Between the ends of a range: "8-12"."""
    and_: str
    """For "&"."""
    or_: str
    """For a "/" between words."""
    short: Mapping[str, str] = field(default_factory=dict)
    """Abbreviations a text may hold ("Wdh."), and the words said for them."""
    one: Mapping[str, str] = field(default_factory=dict)
    """The word said for a count of one before each noun that needs it ("eine Sekunde",
    "un segundo"): the engine says the digit as a number ("eins", "uno")."""


WORDS: Final = {
    Language.ENGLISH: Words(
        ninety_ninety="ninety-ninety", degree="degree", degrees="degrees", second="second",
        seconds="seconds", minute="minute", minutes="minutes", once="once", times="times",
        to="to", and_="and", or_="or"),
    Language.GERMAN: Words(
        ninety_ninety="neunzig-neunzig", degree="Grad", degrees="Grad", second="Sekunde",
        seconds="Sekunden", minute="Minute", minutes="Minuten", once="einmal", times="mal",
        to="bis", and_="und", or_="oder", short={"Wdh.": "Wiederholungen"},
        one={"Sekunde": "eine", "Minute": "eine", "Wiederholung": "eine", "Runde": "eine",
             "Satz": "ein", "Grad": "ein"}),
    Language.SPANISH: Words(
        ninety_ninety="noventa-noventa", degree="grado", degrees="grados", second="segundo",
        seconds="segundos", minute="minuto", minutes="minutos", once="una vez",
        times="veces", to="a", and_="y", or_="o", short={"rep.": "repeticiones"},
        one={"segundo": "un", "minuto": "un", "grado": "un", "repetición": "una",
             "serie": "una", "ronda": "una"}),
}
"""Every language's words; English is the source the others follow."""

_NUMBER = r"(\d+(?:[.,]\d+)?)"
"""A number as written in any of the languages: 2.5 in English, 2,5 in German."""
_ONE = r"(?<![\d.,])\b1"
"""A count of one: a whole 1, not the end of 21 or 2.1."""


def _rules(words: Words) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The written forms and what ``words`` says instead, applied in this order."""
    rules = [(rf"\b{re.escape(written)}(?!\w)", said) for written, said in words.short.items()]
    rules += [
        (r"\b90\s*/\s*90\b", words.ninety_ninety),
        (rf"{_ONE}\s*°", f"1 {words.degree}"),
        (r"(\d)\s*°", rf"\1 {words.degrees}"),
        (rf"{_ONE}\s*s(ec)?\b", f"1 {words.second}"),
        (rf"\b{_NUMBER}\s*s(ecs?)?\b", rf"\1 {words.seconds}"),
        (rf"{_ONE}\s*min\b", f"1 {words.minute}"),
        (rf"\b{_NUMBER}\s*mins?\b", rf"\1 {words.minutes}"),
        (rf"{_ONE}\s*x\b", words.once),
        (r"\b(\d+)\s*x\b", rf"\1 {words.times}"),
        (r"(?<![-\d])\b(\d+)-(\d+)\b(?!-\d)", rf"\1 {words.to} \2"),
        (r"&", f" {words.and_} "),
        (r"\s+/\s+", f" {words.or_} "),
    ]
    rules += [(rf"{_ONE}\s+{re.escape(noun)}\b", f"{one} {noun}")
              for noun, one in words.one.items()]
    return tuple((re.compile(pattern, re.IGNORECASE), said) for pattern, said in rules)


PRONUNCIATIONS: Final = {language: _rules(words) for language, words in WORDS.items()}
"""Each language's written forms and what is said instead, applied in this order."""


def spoken(text: str, language: Language | None = None) -> str:
    """``text`` as it should be said aloud in ``language`` (the one installed, unless
    given): the language the text is written in, and the voice's."""
    rules = PRONUNCIATIONS[installed_language() if language is None else language]
    for pattern, said in rules:
        text = pattern.sub(said, text)
    return re.sub(r"\s{2,}", " ", text).strip()
