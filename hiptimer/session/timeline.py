"""The one timeline compiler: a routine becomes the ordered phases everything else follows.

``plan``, the session engine, the window and the history log all read this, so a phase
means the same thing everywhere. Rest and switch phases carry the set and side of the
work that follows them, which is what a person waiting through them wants to know.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property

from hiptimer.routine.model import Exercise, Order, Routine, Tempo, TextField
from hiptimer.routine.progression import routine_doses, top_level


class PhaseKind(StrEnum):
    PREPARE = "prepare"
    WORK = "work"
    REST = "rest"
    SWITCH = "switch"


@dataclass(frozen=True)
class Phase:
    """One stretch of time in a session."""

    index: int
    kind: PhaseKind
    exercise_index: int
    exercise: str
    """The exercise's name as its file gives it (its source text: what the history, levels
    and figures go by); ``Timeline.shown_exercise`` is what is shown and said."""
    round: int
    set: int
    sets: int
    side: str | None
    """The side's label as its file gives it (its source text, "left", "right" or the
    routine's own): what tells one side from another; ``Timeline.shown_side`` is what is
    shown and said."""
    duration: float | None
    """Seconds, or ``None`` for a self-paced phase that lasts until the user moves on."""
    offset: float
    """When the phase is due, in seconds from the start, counting self-paced phases as 0."""
    reps: int | None = None
    tempo: Tempo | None = None

    @property
    def open_ended(self) -> bool:
        return self.duration is None

    @property
    def is_hold(self) -> bool:
        return self.kind is PhaseKind.WORK and self.reps is None


@dataclass(frozen=True)
class Timeline:
    routine: Routine
    phases: tuple[Phase, ...]
    level: int = 0
    speed: float = 1.0
    """How many times faster than real time it plays: anything but 1 is a preview."""
    """The progression level the ranges were resolved at."""

    @property
    def total_seconds(self) -> float:
        """Planned length of the whole session, leaving out self-paced phases."""
        return self._seconds_from[0]

    def seconds_after(self, index: int) -> float:
        """Planned length of the phases after phase ``index``, leaving out self-paced ones."""
        return self._seconds_from[min(index + 1, len(self.phases))]

    @cached_property
    def _seconds_from(self) -> tuple[float, ...]:
        """The planned seconds from each phase to the end, and a last 0: a running session
        asks every second, and a timeline never changes."""
        total, sums = 0.0, [0.0]
        for phase in reversed(self.phases):
            total += phase.duration or 0.0
            sums.append(total)
        return tuple(reversed(sums))

    @cached_property
    def top_level(self) -> int:
        """The routine's highest progression level (asked for every second a session runs)."""
        return top_level(self.routine)

    def exercise_of(self, phase: Phase) -> Exercise:
        return self.routine.exercises[phase.exercise_index]

    def shown_exercise(self, phase: Phase) -> str:
        """The phase's exercise name in the language installed (its source text when the
        file gives none in it)."""
        return self.exercise_of(phase).text(TextField.NAME)

    def shown_side(self, phase: Phase) -> str | None:
        """The phase's side label in the language installed; ``None`` for no side."""
        return None if phase.side is None else self.exercise_of(phase).side_text(phase.side)

    @property
    def open_ended_count(self) -> int:
        return sum(1 for p in self.phases if p.open_ended)

    def scaled(self, speed: float) -> Timeline:
        """The same timeline played ``speed`` times faster (for previews and tests)."""
        if speed <= 0:
            raise ValueError("speed must be positive")

        def scale(phase: Phase) -> Phase:
            tempo = phase.tempo
            if tempo is not None:
                tempo = Tempo(tuple(part / speed for part in tempo.parts))
            duration = None if phase.duration is None else phase.duration / speed
            return replace(phase, duration=duration, offset=phase.offset / speed, tempo=tempo)

        return Timeline(self.routine, tuple(scale(p) for p in self.phases), self.level,
                        self.speed * speed)

    @property
    def preview(self) -> bool:
        """Played faster than real time, to see it through: never a session done."""
        return self.speed != 1


@dataclass(frozen=True)
class _Unit:
    set: int
    side: str | None


def _units(exercise: Exercise, sets: int) -> list[_Unit]:
    sides: tuple[str | None, ...] = exercise.sides or (None,)
    if exercise.order is Order.BLOCKED:
        return [_Unit(s, side) for side in sides for s in range(1, sets + 1)]
    return [_Unit(s, side) for s in range(1, sets + 1) for side in sides]


def compile_timeline(routine: Routine, level: int = 0) -> Timeline:
    """Phases for ``routine`` at progression ``level`` (0: the low end of every range)."""
    phases: list[Phase] = []
    offset = 0.0
    doses = routine_doses(routine, level)

    def add(kind: PhaseKind, index: int, exercise: Exercise, round_: int, unit: _Unit,
            sets: int, duration: float | None, reps: int | None = None,
            tempo: Tempo | None = None) -> None:
        nonlocal offset
        if duration is not None and duration <= 0:
            return
        phases.append(Phase(index=len(phases), kind=kind, exercise_index=index,
                            exercise=exercise.name, round=round_, set=unit.set, sets=sets,
                            side=unit.side, duration=duration, offset=offset, reps=reps,
                            tempo=tempo))
        offset += duration or 0.0

    for round_ in range(1, routine.rounds + 1):
        for index, exercise in enumerate(routine.exercises):
            settings = routine.settings_for(exercise)
            wanted = doses[index]
            sets = wanted.sets
            units = _units(exercise, sets)
            assert settings.prepare is not None and settings.rest is not None
            assert settings.switch is not None and settings.tempo is not None
            add(PhaseKind.PREPARE, index, exercise, round_, units[0], sets, settings.prepare)
            for position, unit in enumerate(units):
                if position:
                    previous = units[position - 1]
                    switching = unit.side != previous.side and (
                        exercise.order is Order.BLOCKED or unit.set == previous.set)
                    if switching:
                        add(PhaseKind.SWITCH, index, exercise, round_, unit, sets,
                            settings.switch)
                    else:
                        add(PhaseKind.REST, index, exercise, round_, unit, sets, settings.rest)
                if exercise.hold is not None:
                    assert wanted.hold is not None
                    add(PhaseKind.WORK, index, exercise, round_, unit, sets, wanted.hold)
                else:
                    assert exercise.reps is not None
                    assert wanted.reps is not None
                    reps = wanted.reps
                    tempo = settings.tempo
                    length = None if tempo.self_paced else reps * tempo.seconds_per_rep
                    add(PhaseKind.WORK, index, exercise, round_, unit, sets, length,
                        reps=reps, tempo=tempo)
    return Timeline(routine=routine, phases=tuple(phases), level=level)
