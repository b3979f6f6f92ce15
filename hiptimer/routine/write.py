"""A routine model written back as a clean routine file, which loads to the same routine."""

from __future__ import annotations

from typing import Any

import yaml

from hiptimer.routine.model import (
    BOTH_SIDES,
    FORMAT_VERSION,
    Exercise,
    IntRange,
    Order,
    Routine,
    Settings,
    Span,
    Tempo,
    TextField,
    Wording,
    Wordings,
)


class _Dumper(yaml.SafeDumper):
    """Writes several-line text as a block, as a person would type it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def seconds_text(value: float) -> str:
    shown = repr(float(value))
    if "e" in shown or "inf" in shown or "nan" in shown:
        shown = f"{value:.9f}".rstrip("0")
    return shown.removesuffix(".0").rstrip(".") + "s"


def budget_text(seconds: float) -> str:
    """A budget as a person would write it: ``11m``, ``12m30s``, or seconds when not whole."""
    if seconds != int(seconds) or seconds < 60:
        return seconds_text(seconds)
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}m{rest}s" if rest else f"{minutes}m"


def span_text(span: Span) -> str:
    if not span.is_range:
        return seconds_text(span.low)
    return f"{seconds_text(span.low)[:-1]}-{seconds_text(span.high)}"


def count_text(count: IntRange) -> str | int:
    return f"{count.low}-{count.high}" if count.is_range else count.low


def tempo_text(tempo: Tempo) -> str:
    if tempo.self_paced:
        return "self"
    if len(tempo.parts) == 1:
        return seconds_text(tempo.parts[0])
    return "-".join(seconds_text(part)[:-1] for part in tempo.parts)


def _settings(settings: Settings) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in ("prepare", "rest", "switch"):
        value = getattr(settings, key)
        if value is not None:
            values[key] = seconds_text(value)
    if settings.tempo is not None:
        values["tempo"] = tempo_text(settings.tempo)
    return values


def worded(text: str, wording: Wording) -> Any:
    """A text as its file gives it: the plain string, or its mapping of languages."""
    if not wording.entries:
        return text
    return {language.code: entry for language, entry in wording.entries}


def _put_text(target: dict[str, Any], owner: Exercise | Routine, wordings: Wordings,
              which: TextField) -> None:
    text: str = getattr(owner, which.value)
    if text:
        target[which.value] = worded(text, wordings.of(which))


def _sides(sides: tuple[str, ...], wordings: tuple[Wording, ...]) -> Any:
    if wordings:
        return [worded(label, wording) for label, wording in zip(sides, wordings, strict=True)]
    if sides == BOTH_SIDES:
        return "both"
    if sides in (("left",), ("right",)):
        return sides[0]
    return list(sides)


def _exercise(exercise: Exercise) -> dict[str, Any]:
    item: dict[str, Any] = {"name": worded(exercise.name, exercise.wordings.name)}
    _put_text(item, exercise, exercise.wordings, TextField.DESCRIPTION)
    _put_text(item, exercise, exercise.wordings, TextField.SETUP)
    if exercise.hold is not None:
        item["hold"] = span_text(exercise.hold)
    if exercise.reps is not None:
        item["reps"] = count_text(exercise.reps)
    if exercise.sets != IntRange(1, 1):
        item["sets"] = count_text(exercise.sets)
    if exercise.sides:
        item["sides"] = _sides(exercise.sides, exercise.wordings.sides)
    if exercise.order is not Order.ALTERNATING:
        item["order"] = exercise.order.value
    if exercise.image is not None:
        item["image"] = exercise.image
    if exercise.figure is not None:
        item["figure"] = exercise.figure
    item.update(_settings(exercise.settings))
    return item


def routine_to_yaml(routine: Routine) -> str:
    document: dict[str, Any] = {"hiptimer": FORMAT_VERSION,
                                "name": worded(routine.name, routine.wordings.name)}
    _put_text(document, routine, routine.wordings, TextField.DESCRIPTION)
    _put_text(document, routine, routine.wordings, TextField.EQUIPMENT)
    if routine.rounds != 1:
        document["rounds"] = routine.rounds
    if routine.budget is not None:
        document["budget"] = budget_text(routine.budget)
    defaults = _settings(routine.defaults)
    if defaults:
        document["defaults"] = defaults
    document["exercises"] = [_exercise(e) for e in routine.exercises]
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100)
