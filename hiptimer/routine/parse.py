"""Routine files to the model: every problem is collected, located and worded for a person."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from hiptimer.base.language import Language
from hiptimer.base.local_format import number_text
from hiptimer.base.problem import Problem, RoutineError, quoted
from hiptimer.base.translation import _
from hiptimer.routine.duration import (
    MAX_PHASE_SECONDS,
    parse_bounded_count,
    parse_budget,
    parse_hold,
    parse_pause,
    parse_tempo,
    shown_seconds,
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
    Wording,
    Wordings,
    source_text,
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
                message = _("{key}: {problem}").format(key=key.text, problem=message)
            self.error(node, message)
            return None

    def texts(self, key: Key, node: Node, what: str) -> list[tuple[Language | None, Node, str]]:
        """The text under ``key``: one entry without a language for a plain string, or one
        per language of a mapping of language codes to texts; [] (after saying why) when
        it is neither, or the mapping is wrong."""
        if not isinstance(node, Mapping):
            text = self.scalar_text(key, node, what)
            return [] if text is None else [(None, node, text)]
        if not node.items:
            self.error(node, _("'{key}' is an empty mapping; write the text, or one text per "
                               "language such as 'en: ...'").format(key=key.text))
            return []
        entries: list[tuple[Language | None, Node, str]] = []
        seen: dict[Language, Key] = {}
        for code, value in node.items:
            language = next((known for known in Language if known.code == code.text), None)
            if language is None:
                self.error(code, _("unknown language code {code} under '{key}'; use {codes}")
                           .format(code=quoted(code.text), key=key.text,
                                   codes=", ".join(known.code for known in Language)))
                continue
            if language in seen:
                self.error(code, _("language {code} is given twice under '{key}' (first on "
                                   "line {line})").format(code=quoted(code.text), key=key.text,
                                                         line=seen[language].line))
                continue
            seen[language] = code
            text = self.scalar_text(code, value, what)
            if text is None:
                continue
            if not text.strip():
                self.error(value, _("the {code} text of '{key}' is empty; leave the language "
                                    "out instead").format(code=code.text, key=key.text))
                continue
            entries.append((language, value, text))
        if len(entries) < len(node.items):
            return []
        return entries

    @staticmethod
    def worded(checked: list[tuple[Language | None, str]]) -> tuple[str, Wording]:
        """The source text and the wording of a text's checked entries ('' when any of them
        was refused, which has been said)."""
        if not checked or any(not text for _language, text in checked):
            return "", Wording()
        if checked[0][0] is None:
            return checked[0][1], Wording()
        entries = tuple((language, text) for language, text in checked
                        if language is not None)
        return source_text(entries), Wording(entries)

    def name(self, fields: Fields, owner: Node, where: str,
             whose: str) -> tuple[str, Wording]:
        """The name under ``name``; ``where`` is what has it ("the routine"), ``whose`` says
        whose name it is ("the routine's name")."""
        if "name" not in fields:
            # Translators: {where} is "the routine" or "exercise 3".
            self.error(owner, _("{where} has no 'name'").format(where=where))
            return "", Wording()
        key, node = fields["name"]
        checked: list[tuple[Language | None, str]] = []
        for language, entry, text in self.texts(key, node, _("a name")):
            if language is None and not text.strip():
                # Translators: {where} is "the routine" or "exercise 3".
                self.error(entry, _("{where} has an empty name").format(where=where))
                return "", Wording()
            checked.append((language, self.line_of_text(entry, text, whose, MAX_NAME_CHARS)))
        return self.worded(checked)

    def line_of_text(self, node: Node, text: str | None, what: str, limit: int) -> str:
        """``text`` stripped, when it is one line of at most ``limit`` characters; else ''.

        The characters no text may have were refused when the file was read; a line break
        is refused here, where a name or label is shown and spoken as one line.
        """
        if text is None:
            return ""
        text = text.strip()
        if "\n" in text:
            # Translators: {what} is what the text is, e.g. "the routine's name".
            self.error(node, _("{what} contains a line break; it must be one line")
                       .format(what=what))
            return ""
        if len(text) > limit:
            # Translators: {what} is what the text is, e.g. "the routine's name".
            self.error(node, _("{what} is {length} characters long; at most {limit} are "
                               "allowed").format(what=what, length=f"{len(text):,}",
                                                 limit=limit))
            return ""
        return text

    def description(self, fields: Fields) -> tuple[str, Wording]:
        if "description" not in fields:
            return "", Wording()
        key, node = fields["description"]
        if isinstance(node, Scalar) and node.kind == "null":
            return "", Wording()
        checked: list[tuple[Language | None, str]] = []
        for language, entry, written in self.texts(key, node, _("text")):
            text = written.strip()
            if len(text) > MAX_DESCRIPTION_CHARS:
                self.error(entry, _("description is {length} characters long; at most "
                                    "{limit} are allowed").format(
                                        length=f"{len(text):,}",
                                        limit=f"{MAX_DESCRIPTION_CHARS:,}"))
                return "", Wording()
            if language is None and not text:
                return "", Wording()
            checked.append((language, text))
        return self.worded(checked)

    def optional_line(self, fields: Fields, word: str, what: str,
                      limit: int) -> tuple[str, Wording]:
        """The one line of text under the key ``word``, or '' when it is absent or empty;
        ``what`` says what it must be."""
        if word not in fields:
            return "", Wording()
        key, node = fields[word]
        if isinstance(node, Scalar) and node.kind == "null":
            return "", Wording()
        checked: list[tuple[Language | None, str]] = []
        for language, entry, text in self.texts(key, node, what):
            line = self.line_of_text(entry, text, word, limit)
            if language is None and not line:
                return "", Wording()
            checked.append((language, line))
        return self.worded(checked)

    def equipment(self, fields: Fields) -> tuple[str, Wording]:
        """What to have at hand: one line of text, or '' when the key is absent or empty."""
        return self.optional_line(fields, "equipment",
                                  _("one line of text such as 'a mat, a mini-band'"),
                                  MAX_EQUIPMENT_CHARS)

    def setup(self, fields: Fields) -> tuple[str, Wording]:
        """What to set up before an exercise: one line, or '' when absent or empty."""
        return self.optional_line(fields, "setup",
                                  _("one line of text such as 'Put the band round your "
                                    "ankles.'"), MAX_SETUP_CHARS)

    # -- values ----------------------------------------------------------------------------

    def pause(self, key: Key, node: Node) -> float | None:
        return self.convert(key, node, _("a duration"), parse_pause)

    def tempo(self, key: Key, node: Node) -> Tempo | None:
        return self.convert(key, node, _("a tempo such as 3s or 2-1-2"), parse_tempo)

    def count(self, key: Key, node: Node, what: str, limit: int) -> IntRange | None:
        # Translators: {what} is the file's key, left in English: rounds, sets or reps.
        return self.convert(key, node, _("a number of {what}").format(what=what),
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
            self.problems.append(Problem(self.path, 1, 1, _(
                "file is empty; a routine needs at least a name and a list of exercises")))
            return None
        if not isinstance(tree, Mapping):
            self.error(tree, _("a routine file must be a mapping with keys such as "
                               "'name:' and 'exercises:' at the top level"))
            return None
        fields = self.fields(tree, TOP_KEYS, "a routine")
        version = self.version(fields)
        name, name_wording = self.name(fields, tree, _("the routine"), _("the routine's name"))
        description, description_wording = self.description(fields)
        equipment, equipment_wording = self.equipment(fields)
        rounds = 1
        if "rounds" in fields:
            counted = self.count(*fields["rounds"], what="rounds", limit=MAX_ROUNDS)
            if counted is not None and counted.is_range:
                self.error(fields["rounds"][1], _("rounds must be one number, not a range"))
            rounds = counted.low if counted is not None else 1
        budget: float | None = None
        if "budget" in fields:
            budget = self.convert(*fields["budget"], what=_("a duration such as 11m"),
                                  convert=parse_budget)
        defaults = Settings()
        if "defaults" in fields:
            __, node = fields["defaults"]
            if isinstance(node, Mapping):
                defaults = self.settings(self.fields(node, DEFAULT_KEYS, "defaults"))
            elif not (isinstance(node, Scalar) and node.kind in ("null", INVALID)):
                self.error(node, _("'defaults' must be a mapping such as 'rest: 15s'"))
        exercises = self.exercises(fields, tree, defaults)
        periods = rounds * sum(ex.sets.high * max(1, len(ex.sides)) for ex in exercises)
        if periods > MAX_WORK_PERIODS:
            self.error(tree, _("routine has {periods} work periods; at most {limit} are "
                               "allowed").format(periods=f"{periods:,}",
                                                 limit=f"{MAX_WORK_PERIODS:,}"))
        if self.problems:
            return None
        routine = Routine(name=name, exercises=tuple(exercises), description=description,
                          rounds=rounds, defaults=defaults, version=version, budget=budget,
                          equipment=equipment,
                          wordings=Wordings(name=name_wording, description=description_wording,
                                            equipment=equipment_wording))
        excess = over_budget(routine)
        if excess:
            length = planned_seconds(routine, first_doses(routine))
            self.error(fields["budget"][1], _(
                "the routine takes {length} at its first level, {excess} more than its "
                "budget of {budget}; raise the budget or shorten the routine").format(
                    length=shown_seconds(length), excess=shown_seconds(excess),
                    budget=shown_seconds(routine.budget or 0)))
            return None
        return routine

    def version(self, fields: Fields) -> int | None:
        if "hiptimer" not in fields:
            return None
        __, node = fields["hiptimer"]
        if isinstance(node, Scalar) and node.text.strip() == str(FORMAT_VERSION):
            return FORMAT_VERSION
        if isinstance(node, Scalar) and node.kind == INVALID:
            return None
        # Translators: stands for a version written as a list or a mapping.
        shown = node.text if isinstance(node, Scalar) else _("that")
        if not shown.isprintable() or len(shown) > 20:
            shown = quoted(shown, 20)
        self.error(node, _("unsupported format version {shown}; this hiptimer reads "
                           "'hiptimer: {version}'").format(shown=shown, version=FORMAT_VERSION))
        return None

    def exercises(self, fields: Fields, tree: Mapping,
                  defaults: Settings) -> list[Exercise]:
        if "exercises" not in fields:
            self.error(tree, _("the routine has no 'exercises' list"))
            return []
        key, node = fields["exercises"]
        if not isinstance(node, Sequence):
            if isinstance(node, Scalar) and node.kind == "null":
                self.error(key, _("'exercises' is empty; list at least one exercise"))
            elif not (isinstance(node, Scalar) and node.kind == INVALID):
                self.error(node, _("'exercises' must be a list, each item starting with "
                                   "'- name:'"))
            return []
        if not node.items:
            self.error(node, _("'exercises' is empty; list at least one exercise"))
        result = []
        for number, item in enumerate(node.items, start=1):
            exercise = self.exercise(item, number, defaults)
            if exercise is not None:
                result.append(exercise)
        return result

    def exercise(self, node: Node, number: int, defaults: Settings) -> Exercise | None:
        where = _("exercise {number}").format(number=number)
        if not isinstance(node, Mapping):
            if not (isinstance(node, Scalar) and node.kind == INVALID):
                self.error(node, _("exercise {number} must be a mapping starting with "
                                   "'name:'").format(number=number))
            return None
        before = len(self.problems)
        fields = self.fields(node, EXERCISE_KEYS, "an exercise")
        name, name_wording = self.name(fields, node, where, _("exercise {number}'s name")
                                       .format(number=number))
        label = f"'{name}'" if name else where
        hold: Span | None = None
        reps: IntRange | None = None
        if "hold" in fields:
            hold = self.hold(*fields["hold"])
        if "reps" in fields:
            reps = self.count(*fields["reps"], what="reps", limit=MAX_REPS)
        if "hold" in fields and "reps" in fields:
            # Translators: {label} is the exercise's name in quotes, or "exercise 3".
            self.error(fields["reps"][0], _("{label} has both 'hold' and 'reps'; give one")
                       .format(label=label))
        elif "hold" not in fields and "reps" not in fields:
            # Translators: {label} is the exercise's name in quotes, or "exercise 3".
            self.error(node, _("{label} needs either 'hold' (a time) or 'reps' (a count)")
                       .format(label=label))
        sets = IntRange(1, 1)
        if "sets" in fields:
            sets = self.count(*fields["sets"], what="sets", limit=MAX_SETS) or sets
        sides, side_wordings = self.sides(*fields["sides"]) if "sides" in fields else ((), ())
        order = Order.ALTERNATING
        if "order" in fields:
            order = self.convert(fields["order"][0], fields["order"][1],
                                 _("alternating or blocked"), _order) or order
        settings = self.settings(fields)
        if settings.tempo is not None and "hold" in fields:
            # Translators: {label} is the exercise's name in quotes, or "exercise 3".
            self.error(fields["tempo"][0], _("{label} is a hold; 'tempo' only applies to reps")
                       .format(label=label))
        image = self.image(*fields["image"]) if "image" in fields else None
        figure = self.figure(*fields["figure"]) if "figure" in fields else None
        description, description_wording = self.description(fields)
        setup, setup_wording = self.setup(fields)
        if reps is not None and hold is None:
            tempo = settings.over(defaults.over(BUILTIN_SETTINGS)).tempo
            if tempo is not None and reps.high * tempo.seconds_per_rep > MAX_PHASE_SECONDS:
                self.error(fields["reps"][1], _(
                    "{reps} reps at {seconds}s each take longer than the one-hour limit for "
                    "a phase").format(reps=reps.high, seconds=number_text(tempo.seconds_per_rep)))
        if len(self.problems) > before:
            return None
        wordings = Wordings(name=name_wording, description=description_wording,
                            setup=setup_wording, sides=side_wordings)
        return Exercise(name=name, hold=hold, reps=reps, description=description,
                        setup=setup, sets=sets, sides=sides, order=order, image=image,
                        figure=figure, settings=settings, line=node.line, wordings=wordings)

    def hold(self, key: Key, node: Node) -> Span | None:
        return self.convert(key, node, _("a duration such as 30s or 30-60s"), parse_hold)

    def sides(self, key: Key, node: Node) -> tuple[tuple[str, ...], tuple[Wording, ...]]:
        """The side labels (their source texts) and, when any label is given in several
        languages, every label's wording in the labels' order."""
        if isinstance(node, Sequence):
            labels: list[str] = []
            wordings: list[Wording] = []
            for item in node.items:
                if isinstance(item, Scalar) and item.kind == INVALID:
                    continue
                if isinstance(item, Mapping):
                    checked = [(language, self.line_of_text(entry, text, _("a side label"),
                                                            MAX_NAME_CHARS))
                               for language, entry, text in self.texts(key, item, _("text"))]
                    text, wording = self.worded(checked)
                else:
                    text = item.text.strip() if isinstance(item, Scalar) else ""
                    wording = Wording()
                    if not text or (isinstance(item, Scalar) and item.kind == "null"):
                        self.error(item, _("each side label must be non-empty text"))
                        continue
                    text = self.line_of_text(item, text, _("a side label"), MAX_NAME_CHARS)
                if not text:
                    continue
                if text in labels:
                    self.error(item, _("side label {label} is listed twice")
                               .format(label=quoted(text)))
                else:
                    labels.append(text)
                    wordings.append(wording)
            if not node.items:
                self.error(node, _("'sides' lists no labels; use 'none' for no sides"))
            elif len(node.items) > MAX_SIDE_LABELS:
                self.error(node, _("at most {limit} side labels, not {count}")
                           .format(limit=MAX_SIDE_LABELS, count=len(node.items)))
            worded = any(wording.entries for wording in wordings)
            return tuple(labels), tuple(wordings) if worded else ()
        word = self.scalar_text(key, node, _("none, both, left, right or a list of labels"))
        if word is None:
            return (), ()
        normal = word.strip().lower()
        if normal == "both":
            return BOTH_SIDES, ()
        if normal in ("left", "right"):
            return (normal,), ()
        if normal == "none":
            return (), ()
        guess = close_match(normal, SIDE_WORDS)
        if guess:
            message = _("unknown sides value {value}; did you mean '{guess}'? use none, both, "
                        "left, right or a list of labels such as [to the left, to the right]")
        else:
            message = _("unknown sides value {value}; use none, both, left, right or a list "
                        "of labels such as [to the left, to the right]")
        self.error(node, message.format(value=quoted(word), guess=guess))
        return (), ()

    def image(self, key: Key, node: Node) -> str | None:
        return self.file_beside(key, node, _("the image path"), _("a path to an image file"),
                                MAX_IMAGE_CHARS)

    def figure(self, key: Key, node: Node) -> str | None:
        """A figure file's path; only that it exists is checked here, as the body model that
        reads it sits above this package (``body.routine_figures`` checks what it holds)."""
        return self.file_beside(key, node, _("the figure path"), _("a path to a figure file"),
                                MAX_FIGURE_CHARS)

    def file_beside(self, key: Key, node: Node, path_words: str, what: str,
                    limit: int) -> str | None:
        """A path to an existing file, relative to the routine file (``base_dir``);
        ``path_words`` names the path ("the image path"), ``what`` says what it must be."""
        written = self.scalar_text(key, node, what)
        if written is None:
            return None
        if not written.strip():
            # Translators: {path} is "the image path" or "the figure path".
            self.error(node, _("{path} is empty").format(path=path_words))
            return None
        text = self.line_of_text(node, written, path_words, limit)
        if not text:
            return None
        if self.base_dir is None:
            return text
        image = key.text == "image"
        try:
            found = (self.base_dir / text).is_file()
        except (OSError, ValueError) as exc:  # a name too long for the file system, say
            reason = getattr(exc, "strerror", None) or str(exc)
            message = (_("image {file} cannot be looked for: {reason}") if image
                       else _("figure {file} cannot be looked for: {reason}"))
            self.error(node, message.format(file=quoted(text), reason=reason))
            return None
        if not found:
            message = (_("image {file} not found (looked in {folder})") if image
                       else _("figure {file} not found (looked in {folder})"))
            self.error(node, message.format(file=quoted(text), folder=self.base_dir))
            return None
        return text

def _order(text: str) -> Order:
    try:
        return Order(text.strip().lower())
    except ValueError:
        raise ValueError(_("unknown order {value}; use alternating or blocked")
                         .format(value=quoted(text))) from None
