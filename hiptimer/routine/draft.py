"""A routine as it is being edited: every field is the text the person typed.

Each field is checked with the loader's own parsers, so the editor shows the same messages
``hiptimer validate`` would; the whole draft is checked by writing it out and loading it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from hiptimer.routine.duration import parse_bounded_count, parse_hold, parse_pause, parse_tempo
from hiptimer.routine.model import BOTH_SIDES, Exercise, Order, Routine
from hiptimer.routine.parse import MAX_REPS, MAX_ROUNDS, MAX_SETS, parse_routine
from hiptimer.routine.problem import RoutineError
from hiptimer.routine.write import count_text, seconds_text, span_text, tempo_text

SIDE_CHOICES = ("none", "both", "left", "right", "labels")


@dataclass(frozen=True)
class ExerciseDraft:
    name: str = "New exercise"
    description: str = ""
    kind: str = "hold"
    """``hold`` or ``reps``."""
    amount: str = "30s"
    """The hold's duration or the number of reps, as typed (ranges allowed)."""
    sets: str = "1"
    sides: str = "none"
    """One of SIDE_CHOICES."""
    labels: str = ""
    """With ``sides: labels``, the labels separated by commas."""
    order: str = "alternating"
    tempo: str = ""
    prepare: str = ""
    rest: str = ""
    switch: str = ""
    image: str = ""


@dataclass(frozen=True)
class RoutineDraft:
    name: str = "My routine"
    description: str = ""
    rounds: str = "1"
    prepare: str = ""
    rest: str = ""
    switch: str = ""
    tempo: str = ""
    exercises: tuple[ExerciseDraft, ...] = field(default_factory=lambda: (ExerciseDraft(),))

    def with_exercise(self, index: int, **changes: str) -> RoutineDraft:
        items = list(self.exercises)
        items[index] = replace(items[index], **changes)
        return replace(self, exercises=tuple(items))


CHECKS: dict[str, Callable[[str], object]] = {
    "prepare": parse_pause, "rest": parse_pause, "switch": parse_pause, "tempo": parse_tempo,
    "rounds": lambda text: parse_bounded_count(text, "rounds", MAX_ROUNDS),
    "sets": lambda text: parse_bounded_count(text, "sets", MAX_SETS),
}


def field_problem(name: str, text: str, kind: str = "hold") -> str | None:
    """What is wrong with one field's text, in the loader's words; ``None`` when it is fine.

    An empty optional field means "inherit" and is fine.
    """
    text = text.strip()
    if name in ("name",):
        return None if text else "a name is needed"
    if name == "amount":
        if not text:
            return "a hold needs a time" if kind == "hold" else "reps need a count"
        check: Callable[[str], object] = parse_hold if kind == "hold" else (
            lambda value: parse_bounded_count(value, "reps", MAX_REPS))
    else:
        if not text or name not in CHECKS:
            return None
        check = CHECKS[name]
    try:
        check(text)
    except ValueError as exc:
        return str(exc)
    return None


def draft_from_routine(routine: Routine) -> RoutineDraft:
    def pause(value: float | None) -> str:
        return "" if value is None else seconds_text(value)

    def exercise(ex: Exercise) -> ExerciseDraft:
        if ex.sides == BOTH_SIDES:
            sides, labels = "both", ""
        elif ex.sides in (("left",), ("right",)):
            sides, labels = ex.sides[0], ""
        elif ex.sides:
            sides, labels = "labels", ", ".join(ex.sides)
        else:
            sides, labels = "none", ""
        amount = span_text(ex.hold) if ex.hold is not None else str(count_text(ex.reps)) \
            if ex.reps is not None else ""
        return ExerciseDraft(
            name=ex.name, description=ex.description,
            kind="hold" if ex.hold is not None else "reps", amount=amount,
            sets=str(count_text(ex.sets)), sides=sides, labels=labels, order=ex.order.value,
            tempo="" if ex.settings.tempo is None else tempo_text(ex.settings.tempo),
            prepare=pause(ex.settings.prepare), rest=pause(ex.settings.rest),
            switch=pause(ex.settings.switch), image=ex.image or "")

    d = routine.defaults
    return RoutineDraft(
        name=routine.name, description=routine.description, rounds=str(routine.rounds),
        prepare=pause(d.prepare), rest=pause(d.rest), switch=pause(d.switch),
        tempo="" if d.tempo is None else tempo_text(d.tempo),
        exercises=tuple(exercise(e) for e in routine.exercises))


def draft_document(draft: RoutineDraft) -> dict[str, Any]:
    """The draft as the mapping a routine file holds (text left as typed)."""
    def put(target: dict[str, Any], key: str, value: str) -> None:
        if value.strip():
            target[key] = value.strip()

    document: dict[str, Any] = {"hiptimer": 1, "name": draft.name}
    put(document, "description", draft.description)
    if draft.rounds.strip() not in ("", "1"):
        document["rounds"] = draft.rounds.strip()
    defaults: dict[str, Any] = {}
    for key in ("prepare", "rest", "switch", "tempo"):
        put(defaults, key, getattr(draft, key))
    if defaults:
        document["defaults"] = defaults
    items = []
    for ex in draft.exercises:
        item: dict[str, Any] = {"name": ex.name}
        put(item, "description", ex.description)
        item[ex.kind] = ex.amount.strip()
        if ex.sets.strip() not in ("", "1"):
            item["sets"] = ex.sets.strip()
        if ex.sides == "labels":
            item["sides"] = [label.strip() for label in ex.labels.split(",")]
        elif ex.sides != "none":
            item["sides"] = ex.sides
        if ex.order != Order.ALTERNATING.value:
            item["order"] = ex.order
        for key in ("tempo", "prepare", "rest", "switch", "image"):
            put(item, key, getattr(ex, key))
        items.append(item)
    document["exercises"] = items
    return document


def draft_to_routine(draft: RoutineDraft, path_for_messages: str = "editor") -> Routine:
    """The routine the draft means, or ``RoutineError`` with every problem in it."""
    text = yaml.safe_dump(draft_document(draft), sort_keys=False, allow_unicode=True)
    return parse_routine(text.encode(), path_for_messages)


def draft_problems(draft: RoutineDraft) -> list[str]:
    try:
        draft_to_routine(draft)
    except RoutineError as exc:
        return [p.message for p in exc.problems]
    return []
