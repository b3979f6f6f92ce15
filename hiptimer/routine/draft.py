"""A routine as it is being edited: every field is the text the person typed.

Each field is checked with the loader's own parsers, so the editor shows the same messages
``hiptimer validate`` would; the whole draft is checked by writing it out and loading it.

A text the file gives in several languages is edited in one of them: the language the
draft was made in where the text has it, else its source text. The draft keeps the file's
wording of each text, so writing it out puts the edited text back in its place and every
other language's text as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from hiptimer.base.language import Language
from hiptimer.base.problem import RoutineError
from hiptimer.base.translation import _, installed_language
from hiptimer.routine.duration import (
    parse_bounded_count,
    parse_budget,
    parse_hold,
    parse_pause,
    parse_tempo,
)
from hiptimer.routine.model import (
    BOTH_SIDES,
    Exercise,
    Order,
    Routine,
    TextField,
    Wording,
    Wordings,
    source_text,
)
from hiptimer.routine.parse import MAX_REPS, MAX_ROUNDS, MAX_SETS, parse_routine
from hiptimer.routine.write import (
    budget_text,
    count_text,
    seconds_text,
    span_text,
    tempo_text,
    worded,
)


class Field(StrEnum):
    """The drafts' fields, named as their attributes (and, mostly, as the file's keys)."""

    NAME = "name"
    DESCRIPTION = "description"
    SETUP = "setup"
    """What to set up before an exercise, one line; kept through the editor as the file has
    it."""
    EQUIPMENT = "equipment"
    """What to have at hand, one line; kept through the editor as the file has it."""
    ROUNDS = "rounds"
    BUDGET = "budget"
    KIND = "kind"
    AMOUNT = "amount"
    SETS = "sets"
    SIDES = "sides"
    LABELS = "labels"
    ORDER = "order"
    TEMPO = "tempo"
    PREPARE = "prepare"
    REST = "rest"
    SWITCH = "switch"
    IMAGE = "image"
    FIGURE = "figure"
    """A figure file of the person's own, a path relative to the routine file like ``image``."""


class DraftKind(StrEnum):
    """What an exercise's amount counts; the value is also the file's key for it."""

    HOLD = "hold"
    REPS = "reps"


class SideChoice(StrEnum):
    """The sides an exercise is done on, as offered in the editor (the file's words)."""

    NONE = "none"
    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"
    LABELS = "labels"
    """Sides of the user's own naming, typed into ``labels``."""


PAUSE_FIELDS = (Field.PREPARE, Field.REST, Field.SWITCH)
CHOICES: dict[Field, type[StrEnum]] = {Field.KIND: DraftKind, Field.SIDES: SideChoice,
                                       Field.ORDER: Order}
"""The fields chosen from a list, with the enumeration their values belong to."""


@dataclass(frozen=True)
class ExerciseDraft:
    name: str = field(default_factory=lambda: _("New exercise"))
    description: str = ""
    setup: str = ""
    kind: DraftKind = DraftKind.HOLD
    amount: str = "30s"
    """The hold's duration or the number of reps, as typed (ranges allowed)."""
    sets: str = "1"
    sides: SideChoice = SideChoice.NONE
    labels: str = ""
    """With ``SideChoice.LABELS``, the labels separated by commas."""
    order: Order = Order.ALTERNATING
    tempo: str = ""
    prepare: str = ""
    rest: str = ""
    switch: str = ""
    image: str = ""
    figure: str = ""
    wordings: Wordings = field(default_factory=Wordings)
    """The file's texts in every language, the edited ones among them (see the module)."""
    language: Language = Language.ENGLISH
    """The language whose text is edited where a text has one."""

    def __post_init__(self) -> None:
        # A choice given by its word is kept as the enumeration's member, as it is compared.
        for name, choices in CHOICES.items():
            object.__setattr__(self, name.value, choices(getattr(self, name.value)))

    @property
    def source_name(self) -> str:
        """The name as the routine will know it once saved (its source text, which the
        built-in figures are found by), whatever language it is edited in."""
        return _source(self.name, self.wordings.name, self.language)

    def source_labels(self) -> tuple[str, ...]:
        """The side labels typed, as the routine will know them once saved (their source
        texts, which tell a left side from a right one)."""
        labels = [label.strip() for label in self.labels.split(",") if label.strip()]
        wordings = self.wordings.sides
        return tuple(_source(label, wordings[index] if index < len(wordings) else Wording(),
                             self.language) for index, label in enumerate(labels))


def _source(text: str, wording: Wording, language: Language) -> str:
    """The source text of ``wording`` once ``text`` is put where an edit in ``language``
    goes."""
    edited = wording.edited(text.strip(), language, required=True)
    return source_text(edited.entries) if edited.entries else text.strip()


@dataclass(frozen=True)
class RoutineDraft:
    name: str = field(default_factory=lambda: _("My routine"))
    description: str = ""
    equipment: str = ""
    rounds: str = "1"
    budget: str = ""
    prepare: str = ""
    rest: str = ""
    switch: str = ""
    tempo: str = ""
    exercises: tuple[ExerciseDraft, ...] = field(default_factory=lambda: (ExerciseDraft(),))
    wordings: Wordings = field(default_factory=Wordings)
    """The file's texts in every language, the edited ones among them (see the module)."""
    language: Language = Language.ENGLISH
    """The language whose text is edited where a text has one."""

    def with_field(self, name: Field, value: str) -> RoutineDraft:
        """The draft with one of the routine's own fields changed."""
        changes: dict[str, Any] = {name.value: value}  # a field it lacks raises TypeError
        return replace(self, **changes)

    def with_exercise(self, index: int, name: Field, value: str) -> RoutineDraft:
        """The draft with one field of one exercise changed (a choice by its word, too)."""
        changes: dict[str, Any] = {name.value: value}
        items = list(self.exercises)
        items[index] = replace(items[index], **changes)
        return replace(self, exercises=tuple(items))


CHECKS: dict[Field, Callable[[str], object]] = {
    Field.PREPARE: parse_pause, Field.REST: parse_pause, Field.SWITCH: parse_pause,
    Field.TEMPO: parse_tempo,
    Field.ROUNDS: lambda text: parse_bounded_count(text, "rounds", MAX_ROUNDS),
    Field.BUDGET: parse_budget,
    Field.SETS: lambda text: parse_bounded_count(text, "sets", MAX_SETS),
}


def field_problem(name: Field, text: str, kind: DraftKind = DraftKind.HOLD) -> str | None:
    """What is wrong with one field's text, in the loader's words; ``None`` when it is fine.

    An empty optional field means "inherit" and is fine.
    """
    name, kind, text = Field(name), DraftKind(kind), text.strip()
    if name is Field.NAME:
        return None if text else _("a name is needed")
    if name is Field.AMOUNT:
        if not text:
            return _("a hold needs a time") if kind is DraftKind.HOLD else _("reps need a count")
        check: Callable[[str], object] = parse_hold if kind is DraftKind.HOLD else (
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


def draft_from_routine(routine: Routine, language: Language | None = None) -> RoutineDraft:
    """The draft of ``routine``, its texts in ``language`` (the one installed when ``None``)
    where they have it, else their source texts."""
    speaking = installed_language() if language is None else language

    def pause(value: float | None) -> str:
        return "" if value is None else seconds_text(value)

    def exercise(ex: Exercise) -> ExerciseDraft:
        if ex.wordings.sides:
            sides = SideChoice.LABELS
            labels = ", ".join(ex.side_text(side, speaking) for side in ex.sides)
        elif ex.sides == BOTH_SIDES:
            sides, labels = SideChoice.BOTH, ""
        elif ex.sides in (("left",), ("right",)):
            sides, labels = SideChoice(ex.sides[0]), ""
        elif ex.sides:
            sides, labels = SideChoice.LABELS, ", ".join(ex.sides)
        else:
            sides, labels = SideChoice.NONE, ""
        amount = span_text(ex.hold) if ex.hold is not None else str(count_text(ex.reps)) \
            if ex.reps is not None else ""
        return ExerciseDraft(
            name=ex.text(TextField.NAME, speaking),
            description=ex.text(TextField.DESCRIPTION, speaking),
            setup=ex.text(TextField.SETUP, speaking),
            kind=DraftKind.HOLD if ex.hold is not None else DraftKind.REPS, amount=amount,
            sets=str(count_text(ex.sets)), sides=sides, labels=labels, order=ex.order,
            tempo="" if ex.settings.tempo is None else tempo_text(ex.settings.tempo),
            prepare=pause(ex.settings.prepare), rest=pause(ex.settings.rest),
            switch=pause(ex.settings.switch), image=ex.image or "",
            figure=ex.figure or "", wordings=ex.wordings, language=speaking)

    d = routine.defaults
    return RoutineDraft(
        name=routine.text(TextField.NAME, speaking),
        description=routine.text(TextField.DESCRIPTION, speaking),
        equipment=routine.text(TextField.EQUIPMENT, speaking),
        rounds=str(routine.rounds),
        budget="" if routine.budget is None else budget_text(routine.budget),
        prepare=pause(d.prepare), rest=pause(d.rest), switch=pause(d.switch),
        tempo="" if d.tempo is None else tempo_text(d.tempo),
        exercises=tuple(exercise(e) for e in routine.exercises),
        wordings=routine.wordings, language=speaking)


def _text(text: str, wording: Wording, language: Language, required: bool = False) -> Any:
    """A text of the draft as the file writes it: plain, or with its other languages."""
    kept = wording.edited(text.strip(), language, required)
    if wording.entries and not kept.entries:
        return ""
    return worded(text.strip(), kept)


def _labels(draft: ExerciseDraft, language: Language) -> list[Any]:
    labels = [label.strip() for label in draft.labels.split(",")]
    wordings = draft.wordings.sides
    return [_text(label, wordings[index] if index < len(wordings) else Wording(), language,
                  required=True)
            for index, label in enumerate(labels)]


def draft_document(draft: RoutineDraft) -> dict[str, Any]:
    """The draft as the mapping a routine file holds (text left as typed)."""
    language = draft.language

    def put(target: dict[str, Any], key: Field, value: str) -> None:
        if value.strip():
            target[key.value] = value.strip()  # YAML writes plain strings only

    def put_text(target: dict[str, Any], key: Field, value: str, wordings: Wordings,
                 edited: Language = language) -> None:
        written = _text(value, wordings.of(TextField(key.value)), edited)
        if written:
            target[key.value] = written

    document: dict[str, Any] = {"hiptimer": 1, "name": _text(draft.name, draft.wordings.name,
                                                             language, required=True)}
    put_text(document, Field.DESCRIPTION, draft.description, draft.wordings)
    put_text(document, Field.EQUIPMENT, draft.equipment, draft.wordings)
    if draft.rounds.strip() not in ("", "1"):
        document["rounds"] = draft.rounds.strip()
    put(document, Field.BUDGET, draft.budget)
    defaults: dict[str, Any] = {}
    for key in (*PAUSE_FIELDS, Field.TEMPO):
        put(defaults, key, getattr(draft, key))
    if defaults:
        document["defaults"] = defaults
    items = []
    for ex in draft.exercises:
        item: dict[str, Any] = {"name": _text(ex.name, ex.wordings.name, ex.language,
                                              required=True)}
        put_text(item, Field.DESCRIPTION, ex.description, ex.wordings, ex.language)
        put_text(item, Field.SETUP, ex.setup, ex.wordings, ex.language)
        item[ex.kind.value] = ex.amount.strip()
        if ex.sets.strip() not in ("", "1"):
            item["sets"] = ex.sets.strip()
        if ex.sides is SideChoice.LABELS:
            item["sides"] = _labels(ex, ex.language)
        elif ex.sides is not SideChoice.NONE:
            item["sides"] = ex.sides.value
        if ex.order is not Order.ALTERNATING:
            item["order"] = ex.order.value
        for key in (Field.TEMPO, *PAUSE_FIELDS, Field.IMAGE, Field.FIGURE):
            put(item, key, getattr(ex, key))
        items.append(item)
    document["exercises"] = items
    return document


def draft_to_routine(draft: RoutineDraft, path_for_messages: str = "editor",
                     base_dir: Path | None = None) -> Routine:
    """The routine the draft means, or ``RoutineError`` with every problem in it.

    With ``base_dir`` (the folder of the routine's file) the files an exercise names, its
    ``image`` and its ``figure``, must be there, as the loader requires when it reads the
    file back."""
    text = yaml.safe_dump(draft_document(draft), sort_keys=False, allow_unicode=True)
    return parse_routine(text.encode(), path_for_messages, base_dir)


def draft_problems(draft: RoutineDraft, base_dir: Path | None = None) -> list[str]:
    try:
        draft_to_routine(draft, base_dir=base_dir)
    except RoutineError as exc:
        return [p.message for p in exc.problems]
    return []
