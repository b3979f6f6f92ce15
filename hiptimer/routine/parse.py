"""Routine files to the model: every problem is collected, located and worded for a person."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from hiptimer.base.problem import Problem, RoutineError, quoted
from hiptimer.routine.duration import (
    MAX_PHASE_SECONDS,
    format_seconds,
    parse_bounded_count,
    parse_budget,
    parse_hold,
    parse_pause,
    parse_tempo,
)
from hiptimer.routine.field_reader import FieldReader, Fields, close_match
from hiptimer.routine.model import (
    BOTH_SIDES,
    BUILTIN_SETTINGS,
    FORMAT_VERSION,
    Exercise,
    IntRange,
    Order,
    Routine,
    Settings,
    Span,
    Tempo,
)
from hiptimer.routine.progression import first_doses, over_budget, planned_seconds
from hiptimer.routine.source import (
    INVALID,
    Key,
    Mapping,
    Node,
    Scalar,
    Sequence,
    document_tree,
    read_document,
)

TOP_KEYS = ("hiptimer", "name", "description", "equipment", "rounds", "budget", "defaults",
            "exercises")
DEFAULT_KEYS = ("prepare", "rest", "switch", "tempo")
EXERCISE_KEYS = ("name", "description", "setup", "hold", "reps", "sets", "sides", "order", "image",
                 "figure", "tempo", "prepare", "rest", "switch")

MAX_ROUNDS = 20
MAX_SETS = 20
MAX_REPS = 500
MAX_SIDE_LABELS = 4
MAX_WORK_PERIODS = 5000
MAX_NAME_CHARS = 100
"""Names and side labels are shown large and spoken: a line, not a page."""
MAX_DESCRIPTION_CHARS = 4000
MAX_EQUIPMENT_CHARS = 200
"""What to have at hand is one line in the library and the plan, not a list to read."""
MAX_SETUP_CHARS = 100
"""What to set up is said aloud in a get-ready and shown first: a short line."""
MAX_IMAGE_CHARS = 500
MAX_FIGURE_CHARS = 500
SIDE_WORDS = ("none", "both", "left", "right")

T = TypeVar("T")


def parse_routine(data: bytes, path: str, base_dir: Path | None = None) -> Routine:
    """The routine in ``data``, or ``RoutineError`` listing every problem in it.

    ``path`` is only used to name the file in messages; ``base_dir`` is where images are
    looked for (no image check without it).
    """
    tree, refused = document_tree(data, path, RoutineError)
    parser = _Parser(path, base_dir)
    parser.problems.extend(refused)
    routine = parser.routine(tree)
    if parser.problems or routine is None:
        raise RoutineError(parser.problems)
    return routine


def load_routine(path: Path) -> Routine:
    """Read and parse the routine file at ``path``; ``RoutineError`` when it cannot be used."""
    data = read_document(path, RoutineError)
    return replace(parse_routine(data, str(path), path.parent), path=path)


class _Parser(FieldReader):
    def __init__(self, path: str, base_dir: Path | None) -> None:
        super().__init__(path)
        self.base_dir = base_dir

    # -- values ----------------------------------------------------------------------------

    def convert(self, key: Key, node: Node, what: str, convert: Callable[[str], T]) -> T | None:
        text = self.scalar_text(key, node, what)
        if text is None:
            return None
        try:
            return convert(text)
        except ValueError as exc:
            message = str(exc)
            if not message.startswith(key.text):
                message = f"{key.text}: {message}"
            self.error(node, message)
            return None

    def name(self, fields: Fields, owner: Node, where: str) -> str:
        if "name" not in fields:
            self.error(owner, f"{where} has no 'name'")
            return ""
        key, node = fields["name"]
        text = self.scalar_text(key, node, "a name")
        if text is not None and not text.strip():
            self.error(node, f"{where} has an empty name")
            return ""
        return self.line_of_text(node, text, f"{where}'s name", MAX_NAME_CHARS)

    def line_of_text(self, node: Node, text: str | None, what: str, limit: int) -> str:
        """``text`` stripped, when it is one line of at most ``limit`` characters; else ''.

        The characters no text may have were refused when the file was read; a line break
        is refused here, where a name or label is shown and spoken as one line.
        """
        if text is None:
            return ""
        text = text.strip()
        if "\n" in text:
            self.error(node, f"{what} contains a line break; it must be one line")
            return ""
        if len(text) > limit:
            self.error(node, f"{what} is {len(text):,} characters long; at most {limit} "
                             "are allowed")
            return ""
        return text

    def description(self, fields: Fields) -> str:
        if "description" not in fields:
            return ""
        key, node = fields["description"]
        if isinstance(node, Scalar) and node.kind == "null":
            return ""
        text = (self.scalar_text(key, node, "text") or "").strip()
        if len(text) > MAX_DESCRIPTION_CHARS:
            self.error(node, f"description is {len(text):,} characters long; at most "
                             f"{MAX_DESCRIPTION_CHARS:,} are allowed")
            return ""
        return text

    def optional_line(self, fields: Fields, word: str, example: str, limit: int) -> str:
        """The one line of text under the key ``word``, or '' when it is absent or empty."""
        if word not in fields:
            return ""
        key, node = fields[word]
        if isinstance(node, Scalar) and node.kind == "null":
            return ""
        text = self.scalar_text(key, node, f"one line of text such as {example}")
        return self.line_of_text(node, text, word, limit)

    def equipment(self, fields: Fields) -> str:
        """What to have at hand: one line of text, or '' when the key is absent or empty."""
        return self.optional_line(fields, "equipment", "'a mat, a mini-band'",
                                  MAX_EQUIPMENT_CHARS)

    def setup(self, fields: Fields) -> str:
        """What to set up before an exercise: one line, or '' when absent or empty."""
        return self.optional_line(fields, "setup", "'Put the band round your ankles.'",
                                  MAX_SETUP_CHARS)

    # -- values ----------------------------------------------------------------------------

    def pause(self, key: Key, node: Node) -> float | None:
        return self.convert(key, node, "a duration", parse_pause)

    def tempo(self, key: Key, node: Node) -> Tempo | None:
        return self.convert(key, node, "a tempo such as 3s or 2-1-2", parse_tempo)

    def count(self, key: Key, node: Node, what: str, limit: int) -> IntRange | None:
        return self.convert(key, node, f"a number of {what}",
                            lambda t: parse_bounded_count(t, what, limit))

    def settings(self, fields: Fields) -> Settings:
        values: dict[str, float | None] = {}
        for word in ("prepare", "rest", "switch"):
            values[word] = self.pause(*fields[word]) if word in fields else None
        tempo = self.tempo(*fields["tempo"]) if "tempo" in fields else None
        return Settings(prepare=values["prepare"], rest=values["rest"],
                        switch=values["switch"], tempo=tempo)

    # -- the document ----------------------------------------------------------------------

    def routine(self, tree: Node | None) -> Routine | None:
        if tree is None:
            self.problems.append(Problem(self.path, 1, 1, "file is empty; a routine needs "
                                         "at least a name and a list of exercises"))
            return None
        if not isinstance(tree, Mapping):
            self.error(tree, "a routine file must be a mapping with keys such as "
                             "'name:' and 'exercises:' at the top level")
            return None
        fields = self.fields(tree, TOP_KEYS, "a routine")
        version = self.version(fields)
        name = self.name(fields, tree, "the routine")
        description = self.description(fields)
        equipment = self.equipment(fields)
        rounds = 1
        if "rounds" in fields:
            counted = self.count(*fields["rounds"], what="rounds", limit=MAX_ROUNDS)
            if counted is not None and counted.is_range:
                self.error(fields["rounds"][1], "rounds must be one number, not a range")
            rounds = counted.low if counted is not None else 1
        budget: float | None = None
        if "budget" in fields:
            budget = self.convert(*fields["budget"], what="a duration such as 11m",
                                  convert=parse_budget)
        defaults = Settings()
        if "defaults" in fields:
            _, node = fields["defaults"]
            if isinstance(node, Mapping):
                defaults = self.settings(self.fields(node, DEFAULT_KEYS, "defaults"))
            elif not (isinstance(node, Scalar) and node.kind in ("null", INVALID)):
                self.error(node, "'defaults' must be a mapping such as 'rest: 15s'")
        exercises = self.exercises(fields, tree, defaults)
        periods = rounds * sum(ex.sets.high * max(1, len(ex.sides)) for ex in exercises)
        if periods > MAX_WORK_PERIODS:
            self.error(tree, f"routine has {periods:,} work periods; at most "
                             f"{MAX_WORK_PERIODS:,} are allowed")
        if self.problems:
            return None
        routine = Routine(name=name, exercises=tuple(exercises), description=description,
                          rounds=rounds, defaults=defaults, version=version, budget=budget,
                          equipment=equipment)
        excess = over_budget(routine)
        if excess:
            length = planned_seconds(routine, first_doses(routine))
            self.error(fields["budget"][1],
                       f"the routine takes {format_seconds(length)} at its first level, "
                       f"{format_seconds(excess)} more than its budget of "
                       f"{format_seconds(routine.budget or 0)}; raise the budget or shorten "
                       "the routine")
            return None
        return routine

    def version(self, fields: Fields) -> int | None:
        if "hiptimer" not in fields:
            return None
        _, node = fields["hiptimer"]
        if isinstance(node, Scalar) and node.text.strip() == str(FORMAT_VERSION):
            return FORMAT_VERSION
        if isinstance(node, Scalar) and node.kind == INVALID:
            return None
        shown = node.text if isinstance(node, Scalar) else "that"
        if not shown.isprintable() or len(shown) > 20:
            shown = quoted(shown, 20)
        self.error(node, f"unsupported format version {shown}; this hiptimer reads "
                         f"'hiptimer: {FORMAT_VERSION}'")
        return None

    def exercises(self, fields: Fields, tree: Mapping,
                  defaults: Settings) -> list[Exercise]:
        if "exercises" not in fields:
            self.error(tree, "the routine has no 'exercises' list")
            return []
        key, node = fields["exercises"]
        if not isinstance(node, Sequence):
            if isinstance(node, Scalar) and node.kind == "null":
                self.error(key, "'exercises' is empty; list at least one exercise")
            elif not (isinstance(node, Scalar) and node.kind == INVALID):
                self.error(node, "'exercises' must be a list, each item starting with '- name:'")
            return []
        if not node.items:
            self.error(node, "'exercises' is empty; list at least one exercise")
        result = []
        for number, item in enumerate(node.items, start=1):
            exercise = self.exercise(item, number, defaults)
            if exercise is not None:
                result.append(exercise)
        return result

    def exercise(self, node: Node, number: int, defaults: Settings) -> Exercise | None:
        where = f"exercise {number}"
        if not isinstance(node, Mapping):
            if not (isinstance(node, Scalar) and node.kind == INVALID):
                self.error(node, f"{where} must be a mapping starting with 'name:'")
            return None
        before = len(self.problems)
        fields = self.fields(node, EXERCISE_KEYS, "an exercise")
        name = self.name(fields, node, where)
        label = f"'{name}'" if name else where
        hold: Span | None = None
        reps: IntRange | None = None
        if "hold" in fields:
            hold = self.hold(*fields["hold"])
        if "reps" in fields:
            reps = self.count(*fields["reps"], what="reps", limit=MAX_REPS)
        if "hold" in fields and "reps" in fields:
            self.error(fields["reps"][0], f"{label} has both 'hold' and 'reps'; give one")
        elif "hold" not in fields and "reps" not in fields:
            self.error(node, f"{label} needs either 'hold' (a time) or 'reps' (a count)")
        sets = IntRange(1, 1)
        if "sets" in fields:
            sets = self.count(*fields["sets"], what="sets", limit=MAX_SETS) or sets
        sides = self.sides(*fields["sides"]) if "sides" in fields else ()
        order = Order.ALTERNATING
        if "order" in fields:
            order = self.convert(fields["order"][0], fields["order"][1],
                                 "alternating or blocked", _order) or order
        settings = self.settings(fields)
        if settings.tempo is not None and "hold" in fields:
            self.error(fields["tempo"][0], f"{label} is a hold; 'tempo' only applies to reps")
        image = self.image(*fields["image"]) if "image" in fields else None
        figure = self.figure(*fields["figure"]) if "figure" in fields else None
        description = self.description(fields)
        setup = self.setup(fields)
        if reps is not None and hold is None:
            tempo = settings.over(defaults.over(BUILTIN_SETTINGS)).tempo
            if tempo is not None and reps.high * tempo.seconds_per_rep > MAX_PHASE_SECONDS:
                self.error(fields["reps"][1], f"{reps.high} reps at "
                           f"{tempo.seconds_per_rep:g}s each take longer than the one-hour "
                           "limit for a phase")
        if len(self.problems) > before:
            return None
        return Exercise(name=name, hold=hold, reps=reps, description=description,
                        setup=setup, sets=sets, sides=sides, order=order, image=image,
                        figure=figure, settings=settings, line=node.line)

    def hold(self, key: Key, node: Node) -> Span | None:
        return self.convert(key, node, "a duration such as 30s or 30-60s", parse_hold)

    def sides(self, key: Key, node: Node) -> tuple[str, ...]:
        if isinstance(node, Sequence):
            labels: list[str] = []
            for item in node.items:
                if isinstance(item, Scalar) and item.kind == INVALID:
                    continue
                text = item.text.strip() if isinstance(item, Scalar) else ""
                if not text or (isinstance(item, Scalar) and item.kind == "null"):
                    self.error(item, "each side label must be non-empty text")
                    continue
                text = self.line_of_text(item, text, "a side label", MAX_NAME_CHARS)
                if not text:
                    continue
                if text in labels:
                    self.error(item, f"side label {quoted(text)} is listed twice")
                else:
                    labels.append(text)
            if not node.items:
                self.error(node, "'sides' lists no labels; use 'none' for no sides")
            elif len(node.items) > MAX_SIDE_LABELS:
                self.error(node, f"at most {MAX_SIDE_LABELS} side labels, not {len(node.items)}")
            return tuple(labels)
        word = self.scalar_text(key, node, "none, both, left, right or a list of labels")
        if word is None:
            return ()
        normal = word.strip().lower()
        if normal == "both":
            return BOTH_SIDES
        if normal in ("left", "right"):
            return (normal,)
        if normal == "none":
            return ()
        guess = close_match(normal, SIDE_WORDS)
        hint = f"did you mean '{guess}'? " if guess else ""
        self.error(node, f"unknown sides value {quoted(word)}; {hint}use none, both, left, "
                         "right or a list of labels such as [to the left, to the right]")
        return ()

    def image(self, key: Key, node: Node) -> str | None:
        return self.file_beside(key, node, "image", "an image file", MAX_IMAGE_CHARS)

    def figure(self, key: Key, node: Node) -> str | None:
        """A figure file's path; only that it exists is checked here, as the body model that
        reads it sits above this package (``body.routine_figures`` checks what it holds)."""
        return self.file_beside(key, node, "figure", "a figure file", MAX_FIGURE_CHARS)

    def file_beside(self, key: Key, node: Node, noun: str, what: str, limit: int) -> str | None:
        """A path to an existing file, relative to the routine file (``base_dir``)."""
        written = self.scalar_text(key, node, f"a path to {what}")
        if written is None:
            return None
        if not written.strip():
            self.error(node, f"the {noun} path is empty")
            return None
        text = self.line_of_text(node, written, f"the {noun} path", limit)
        if not text:
            return None
        if self.base_dir is None:
            return text
        try:
            found = (self.base_dir / text).is_file()
        except (OSError, ValueError) as exc:  # a name too long for the file system, say
            reason = getattr(exc, "strerror", None) or str(exc)
            self.error(node, f"{noun} {quoted(text)} cannot be looked for: {reason}")
            return None
        if not found:
            self.error(node, f"{noun} {quoted(text)} not found (looked in {self.base_dir})")
            return None
        return text

def _order(text: str) -> Order:
    try:
        return Order(text.strip().lower())
    except ValueError:
        raise ValueError(f"unknown order {quoted(text)}; use alternating or blocked") from None
