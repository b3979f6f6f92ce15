"""The routine model: what a routine file means, independent of how it was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import ClassVar

from hiptimer.base.language import Language
from hiptimer.base.translation import installed_language

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Span:
    """A duration in seconds, or a range of them written ``30-60s`` (low == high for one value)."""

    low: float
    high: float

    @property
    def is_range(self) -> bool:
        return self.low != self.high


@dataclass(frozen=True)
class IntRange:
    """A count (reps, sets), or a range of counts written ``8-12``."""

    low: int
    high: int

    @property
    def is_range(self) -> bool:
        return self.low != self.high


@dataclass(frozen=True)
class Tempo:
    """How long one rep takes: one figure, or up-hold-down parts; no parts means self-paced."""

    parts: tuple[float, ...]

    SELF_PACED: ClassVar[Tempo]

    @property
    def self_paced(self) -> bool:
        return not self.parts

    @property
    def seconds_per_rep(self) -> float:
        return sum(self.parts)


Tempo.SELF_PACED = Tempo(())


class Order(StrEnum):
    """How sets and sides interleave for an exercise done on two sides."""

    ALTERNATING = "alternating"
    BLOCKED = "blocked"


BOTH_SIDES: tuple[str, ...] = ("left", "right")


@dataclass(frozen=True)
class Settings:
    """The pauses and tempo an exercise runs with; ``None`` means inherit."""

    prepare: float | None = None
    rest: float | None = None
    switch: float | None = None
    tempo: Tempo | None = None

    def over(self, base: Settings) -> Settings:
        """These settings, with anything unset taken from ``base``."""
        return Settings(
            prepare=base.prepare if self.prepare is None else self.prepare,
            rest=base.rest if self.rest is None else self.rest,
            switch=base.switch if self.switch is None else self.switch,
            tempo=base.tempo if self.tempo is None else self.tempo,
        )


BUILTIN_SETTINGS = Settings(prepare=10.0, rest=15.0, switch=5.0, tempo=Tempo((3.0,)))


class TextField(StrEnum):
    """The texts of a routine or an exercise that a file may give in several languages."""

    NAME = "name"
    DESCRIPTION = "description"
    SETUP = "setup"
    EQUIPMENT = "equipment"


@dataclass(frozen=True)
class Wording:
    """One text as its file gives it: no entries for a plain string, else the file's
    ``language: text`` entries in their order (the source text among them).

    The source text (the plain string, or the ``en`` entry, else the first) is kept in the
    model's own field and is the text's identity; the entries are what is shown in another
    language."""

    entries: tuple[tuple[Language, str], ...] = ()

    def text_in(self, language: Language, source: str) -> str:
        """The text in ``language``, or ``source`` when the file gives none in it."""
        return next((text for code, text in self.entries if code is language), source)

    def has(self, language: Language) -> bool:
        return any(code is language for code, _text in self.entries)

    def edited(self, text: str, language: Language, required: bool = False) -> Wording:
        """This wording with ``text`` put where an edit in ``language`` goes: the
        ``language`` entry where there is one, else the source text's. An optional text
        cleared leaves its language out (the source text is then shown in it); a required
        one stays, to be refused as empty. A plain string's wording stays empty."""
        if not self.entries:
            return self
        edited = language if self.has(language) else source_language(self)
        return Wording(tuple((code, text if code is edited else entry)
                             for code, entry in self.entries
                             if code is not edited or text or required))


@dataclass(frozen=True)
class Wordings:
    """The texts of a routine or an exercise in the languages their file gives them in."""

    name: Wording = Wording()
    description: Wording = Wording()
    setup: Wording = Wording()
    equipment: Wording = Wording()
    sides: tuple[Wording, ...] = ()
    """One per side label, in the labels' order (none when every label is a plain string)."""

    def of(self, field: TextField) -> Wording:
        wording: Wording = getattr(self, field.value)
        return wording


def source_text(entries: tuple[tuple[Language, str], ...]) -> str:
    """The text a mapping of languages stands for as its identity: the English entry, else
    the first."""
    return next((text for code, text in entries if code is Language.ENGLISH), entries[0][1])


def source_language(wording: Wording) -> Language:
    """The language of a mapping's source text: English when it has it, else its first."""
    return Language.ENGLISH if wording.has(Language.ENGLISH) else wording.entries[0][0]


def _language(language: Language | None) -> Language:
    return installed_language() if language is None else language


@dataclass(frozen=True)
class Exercise:
    """One exercise: a hold or a number of reps, in sets, on zero, one or more sides."""

    name: str
    hold: Span | None = None
    reps: IntRange | None = None
    description: str = ""
    setup: str = ""
    """What to set up before it, one line ("Put the band round your ankles."): said and
    shown in its get-ready, for a person on the floor who is not looking; "" for nothing."""
    sets: IntRange = IntRange(1, 1)
    sides: tuple[str, ...] = ()
    order: Order = Order.ALTERNATING
    image: str | None = None
    figure: str | None = None
    """A figure file of the person's own (``docs/figure-format.md``), relative to the
    routine file: the body drawn for this exercise in place of the built-in one."""
    settings: Settings = Settings()
    line: int = field(default=0, compare=False)
    wordings: Wordings = Wordings()
    """The texts in other languages; ``name``, ``description``, ``setup`` and ``sides`` are
    the source texts, which history, figures and side marks go by."""

    @property
    def is_hold(self) -> bool:
        return self.hold is not None

    def text(self, which: TextField, language: Language | None = None) -> str:
        """The name, description or setup line to show and say in ``language`` (the one
        installed when ``None``), falling back to the source text."""
        source: str = getattr(self, which.value)
        return self.wordings.of(which).text_in(_language(language), source)

    def side_text(self, side: str, language: Language | None = None) -> str:
        """The label of one of the exercise's sides (its source label, as a phase has it)
        to show and say in ``language``; the label itself when it has no translation."""
        if side in self.sides and self.sides.index(side) < len(self.wordings.sides):
            wording = self.wordings.sides[self.sides.index(side)]
            return wording.text_in(_language(language), side)
        return side


@dataclass(frozen=True)
class Routine:
    """A whole routine file: named exercises repeated for a number of rounds."""

    name: str
    exercises: tuple[Exercise, ...]
    description: str = ""
    rounds: int = 1
    defaults: Settings = Settings()
    version: int | None = None
    path: Path | None = field(default=None, compare=False)
    budget: float | None = None
    """The longest the session may take at any level, in seconds; ``None``: no limit."""
    equipment: str = ""
    """What to have at hand before starting, one line ("a mat, a mini-band"); "" for
    nothing said."""
    wordings: Wordings = Wordings()
    """The name, description and equipment in other languages (the fields hold the source)."""

    def text(self, which: TextField, language: Language | None = None) -> str:
        """The name, description or equipment line to show in ``language`` (the one
        installed when ``None``), falling back to the source text."""
        source: str = getattr(self, which.value)
        return self.wordings.of(which).text_in(_language(language), source)

    def settings_for(self, exercise: Exercise) -> Settings:
        """The fully resolved pauses and tempo ``exercise`` runs with."""
        return exercise.settings.over(self.defaults.over(BUILTIN_SETTINGS))

    def image_path(self, exercise: Exercise) -> Path | None:
        """Where an exercise's own image is, relative to the routine file; None without one
        (the exercise is then drawn by the body model, if it has a figure)."""
        if exercise.image is None:
            return None
        base = self.path.parent if self.path is not None else Path.cwd()
        return base / exercise.image

    def figure_path(self, exercise: Exercise) -> Path | None:
        """Where the exercise's own figure file is, relative to the routine file; ``None``
        when it names none (the built-in figure of its name, if any, is found elsewhere)."""
        if exercise.figure is None:
            return None
        base = self.path.parent if self.path is not None else Path.cwd()
        return base / exercise.figure
