"""The routine model: what a routine file means, independent of how it was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import ClassVar

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

    @property
    def is_hold(self) -> bool:
        return self.hold is not None


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
