"""Figure files: how one exercise's figure is posed, read with every problem located.

A figure file (``resources/figures/NAME.yaml``, described in ``docs/figure-format.md``) is
read like a routine file: safely and bounded by ``routine.source``, each problem reported at
its line and column, worded for a person. A figure that loads is sound: every angle is within
the normal range and every point it says touches the floor does, from start to end.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from hiptimer.base.local_format import number_text
from hiptimer.base.problem import Problem, RoutineError, quoted
from hiptimer.base.translation import _, ngettext, pgettext
from hiptimer.body.floor import FRAMES_CHECKED, floor_problems
from hiptimer.body.joints import BY_WORDS, Pose, Where, pose_at
from hiptimer.body.range_of_motion import NORMAL, Excess
from hiptimer.body.skeleton import (
    NO_TILT,
    STANDARD_HEIGHT,
    Body,
    Landmark,
    Placement,
    Tilt,
    place,
)
from hiptimer.body.view import View
from hiptimer.routine.field_reader import FieldReader, Fields, close_match
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

FORMAT_VERSION = 1
TOP_KEYS = ("figure", "exercise", "view", "placement", "tilt", "floor", "start", "end",
            "props", "arrow")
TILT_KEYS = ("forward", "sideways", "turn")
MAX_TILT = 90.0
PROP_KEYS = ("prop", "at")
MAX_EXERCISE_CHARS = 100
MAX_PROPS = 8
MAX_ANGLE = 180.0
"""No angle may be written beyond a half turn either way (the normal ranges are far inside)."""


_DECIMAL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
"""A number of degrees as people write it (YAML's hex, octal and 1:30 forms are refused)."""


class FigureError(RoutineError):
    """A figure file could not be loaded; carries every problem found, in file order."""


class Prop(StrEnum):
    """Something beside the body; the value is how a figure file names it."""

    MINI_BAND = "mini band"
    """A loop band round two points (the ankles, the knees)."""
    CUSHION = "cushion"
    """Under one point (the pelvis, a knee)."""
    TABLE_EDGE = "table edge"
    """Under one point, held at the edge of a table or bench."""
    PHONE = "phone"
    """Resting on one point (a shin, the chest), to measure an angle."""

    @property
    def points(self) -> int:
        """How many landmarks it is placed at."""
        return 2 if self is Prop.MINI_BAND else 1


@dataclass(frozen=True)
class PlacedProp:
    prop: Prop
    at: tuple[Landmark, ...]

    def mirrored(self) -> PlacedProp:
        return PlacedProp(self.prop, tuple(landmark.mirrored for landmark in self.at))


@dataclass(frozen=True)
class Figure:
    """One exercise's figure: a held position (``end`` is ``None``) or a rep from ``start``
    to ``end``, with the path of ``arrow`` drawn as the movement's arrow."""

    exercise: str
    view: View
    placement: Placement
    touching: tuple[Landmark, ...]
    start: Pose
    end: Pose | None = None
    props: tuple[PlacedProp, ...] = ()
    arrow: Landmark | None = None
    tilt: Tilt = NO_TILT

    def pose_at(self, fraction: float) -> Pose:
        """The pose ``fraction`` (0 to 1) of the way through a rep; a hold never moves."""
        return self.start if self.end is None else pose_at(self.start, self.end, fraction)

    def body_at(self, fraction: float, height: float = STANDARD_HEIGHT) -> Body:
        """The body in the room ``fraction`` of the way through a rep."""
        return place(self.pose_at(fraction), self.placement, height, self.tilt)

    def mirrored(self) -> Figure:
        """The figure for the other side: the body's left and right swap (the picture is not
        flipped), and the onlooker moves round so that it is seen the same way."""
        return Figure(self.exercise, self.view.mirrored, self.placement.mirrored,
                      tuple(landmark.mirrored for landmark in self.touching),
                      self.start.mirrored(), None if self.end is None else self.end.mirrored(),
                      tuple(prop.mirrored() for prop in self.props),
                      None if self.arrow is None else self.arrow.mirrored,
                      self.tilt.mirrored())


def parse_figure(data: bytes, path: str) -> Figure:
    """The figure in ``data``, or ``FigureError`` listing every problem in it."""
    tree, refused = document_tree(data, path, FigureError)
    parser = _Parser(path)
    parser.problems.extend(refused)
    figure = parser.figure(tree)
    if parser.problems or figure is None:
        raise FigureError(parser.problems)
    return figure


def load_figure(path: Path) -> Figure:
    """Read and parse the figure file at ``path``; ``FigureError`` when it cannot be used."""
    return parse_figure(read_document(path, FigureError), str(path))


def _must_be(what: str) -> str:
    """``what`` a value must be, in the language installed (one of the phrases below)."""
    return pgettext("must be", what)


def _marked() -> None:
    """Only marks the phrases ``_must_be`` translates, for the catalogue. (What holds a key,
    for "unknown key 'x' in {where}", is marked in ``routine.field_reader``.)"""
    # Translators: what a value in a figure file must be, put into sentences such as
    # "'view' must be {what}, not a list" and "{text} is not {what}".
    pgettext("must be", "a point of the body")
    pgettext("must be", "the format version")
    pgettext("must be", "a view")
    pgettext("must be", "a placement")
    pgettext("must be", "the exercise's name")
    pgettext("must be", "a number of degrees")
    pgettext("must be", "a prop")


class _Parser(FieldReader):
    def text(self, key: Key, node: Node, what: str) -> str | None:
        """A scalar's text, stripped; ``None`` (after reporting) for anything else."""
        text = self.scalar_text(key, node, _must_be(what))
        return None if text is None else text.strip()

    def word(self, key: Key, node: Node, choices: tuple[str, ...], what: str) -> str | None:
        """One of ``choices``, written in any case."""
        text = self.text(key, node, what)
        if text is None:
            return None
        if text.lower() not in choices:
            guess = close_match(text, choices)
            message = (_("{key}: {text} is not {what}; did you mean '{guess}'?") if guess else
                       _("{key}: {text} is not {what}; it may be: {choices}"))
            self.error(node, message.format(key=key.text, text=quoted(text), what=_must_be(what),
                                            guess=guess, choices=", ".join(choices)))
            return None
        return text.lower()

    def landmark(self, key: Key, node: Node) -> Landmark | None:
        names = tuple(landmark.value for landmark in Landmark)
        found = self.word(key, node, names, "a point of the body")
        return None if found is None else Landmark(found)

    # -- the file --------------------------------------------------------------------------

    def figure(self, tree: Node | None) -> Figure | None:
        if tree is None:
            self.problems.append(Problem(self.path, 1, 1, _(
                "the file is empty; a figure file needs at least 'exercise', 'view', "
                "'placement', 'floor' and 'start'")))
            return None
        if not isinstance(tree, Mapping):
            self.error(tree, _("a figure file must be a mapping of keys such as 'exercise:' "
                               "and 'start:'"))
            return None
        fields = self.fields(tree, TOP_KEYS, "the figure file")
        for required in ("exercise", "view", "placement", "floor", "start"):
            if required not in fields:
                self.error(tree, _("the figure file has no '{key}'").format(key=required))
        if "figure" in fields:
            key, node = fields["figure"]
            if self.text(key, node, "the format version") not in (None, str(FORMAT_VERSION)):
                self.error(node, _("figure: only format version {version} exists").format(
                    version=FORMAT_VERSION))
        exercise = self.exercise(fields)
        view = self.choice(fields, "view", tuple(v.value for v in View), "a view")
        placement = self.choice(fields, "placement", tuple(p.value for p in Placement),
                                "a placement")
        tilt = self.tilt(fields)
        touching = self.touching(fields)
        start = self.pose(fields, "start")
        end = self.pose(fields, "end")
        props = self.props(fields)
        arrow = self.arrow(fields, end is not None)
        if (self.problems or exercise is None or view is None or placement is None
                or touching is None or start is None):
            return None
        figure = Figure(exercise, View(view), Placement(placement), touching, start, end,
                        props, arrow, tilt)
        self.floor(fields["floor"][1], figure)
        return figure

    def tilt(self, fields: Fields) -> Tilt:
        if "tilt" not in fields:
            return Tilt()
        node = fields["tilt"][1]
        if not isinstance(node, Mapping):
            if not (isinstance(node, Scalar) and node.kind == INVALID):
                self.error(node, _("'tilt' must be a mapping such as 'turn: -30'"))
            return Tilt()
        found: dict[str, float] = {}
        for name, (tilt_key, value) in self.fields(node, TILT_KEYS, "'tilt'").items():
            degrees = self.degrees(tilt_key, value)
            if degrees is not None and abs(degrees) > MAX_TILT:
                self.error(value, _("tilt: {degrees} degrees is more than a quarter turn; the "
                                    "pelvis tilts at most {most} degrees either way").format(
                    degrees=number_text(degrees), most=number_text(MAX_TILT)))
            elif degrees is not None:
                found[name] = degrees
        return Tilt(**found)

    def exercise(self, fields: Fields) -> str | None:
        if "exercise" not in fields:
            return None
        key, node = fields["exercise"]
        text = self.text(key, node, "the exercise's name")
        if text is None:
            return None
        if not text or "\n" in text or len(text) > MAX_EXERCISE_CHARS:
            self.error(node, _("the exercise's name must be one line of 1 to {most} "
                               "characters").format(most=MAX_EXERCISE_CHARS))
            return None
        return text

    def choice(self, fields: Fields, name: str,
               choices: tuple[str, ...], what: str) -> str | None:
        if name not in fields:
            return None
        key, node = fields[name]
        return self.word(key, node, choices, what)

    def landmarks(self, key: Key, node: Node, limit: int) -> tuple[Landmark, ...] | None:
        """A list of distinct points of the body (one point may be written alone)."""
        items = node.items if isinstance(node, Sequence) else (node,)
        if not items or len(items) > limit:
            self.error(node, _("'{key}' must name 1 to {most} points of the body").format(
                key=key.text, most=limit))
            return None
        found: list[Landmark] = []
        for item in items:
            landmark = self.landmark(key, item)
            if landmark is not None and landmark in found:
                self.error(item, _("{key}: '{point}' is named twice").format(
                    key=key.text, point=landmark.value))
            elif landmark is not None:
                found.append(landmark)
        return tuple(found) if len(found) == len(items) else None

    def touching(self, fields: Fields) -> tuple[Landmark, ...] | None:
        if "floor" not in fields:
            return None
        key, node = fields["floor"]
        return self.landmarks(key, node, len(Landmark))

    def pose(self, fields: Fields, name: str) -> Pose | None:
        if name not in fields:
            return None
        node = fields[name][1]
        if isinstance(node, Scalar) and node.kind == "null":
            return Pose()
        if not isinstance(node, Mapping):
            if not (isinstance(node, Scalar) and node.kind == INVALID):
                self.error(node, _("'{key}' must be a mapping of joint angles such as "
                                   "'left hip flexion: 90'").format(key=name))
            return None
        angles = self.fields(node, tuple(BY_WORDS),
                             "the 'start' pose" if name == "start" else "the 'end' pose")
        pose: dict[Where, float] = {}
        for words, (angle_key, value) in angles.items():
            degrees = self.degrees(angle_key, value)
            if degrees is None:
                continue
            where = BY_WORDS[words]
            span = NORMAL[where.angle]
            if not span.low <= degrees <= span.high:
                self.error(value, _("{key}: {problem}").format(
                    key=name, problem=Excess(words, degrees, span)))
                continue
            pose[where] = degrees
        return Pose(pose) if len(pose) == len(angles) else None

    def degrees(self, key: Key, node: Node) -> float | None:
        text = self.text(key, node, "a number of degrees")
        if text is None:
            return None
        plain = isinstance(node, Scalar) and node.kind in ("int", "float") and \
            _DECIMAL.fullmatch(text) is not None
        value = float(text) if plain else math.nan
        if not math.isfinite(value):
            self.error(node, _("{key}: {text} is not a number of degrees").format(
                key=key.text, text=quoted(text)))
            return None
        if abs(value) > MAX_ANGLE:
            self.error(node, _("{key}: {degrees} degrees is more than a half turn; angles run "
                               "from -{most} to {most}").format(key=key.text,
                                                               degrees=number_text(value),
                                                               most=number_text(MAX_ANGLE)))
            return None
        return value

    def props(self, fields: Fields) -> tuple[PlacedProp, ...]:
        if "props" not in fields:
            return ()
        node = fields["props"][1]
        if isinstance(node, Scalar) and node.kind == "null":
            return ()
        if not isinstance(node, Sequence) or len(node.items) > MAX_PROPS:
            self.error(node, ngettext("'props' must be a list of at most {most} prop, each "
                                      "with 'prop:' and 'at:'",
                                      "'props' must be a list of at most {most} props, each "
                                      "with 'prop:' and 'at:'", MAX_PROPS).format(
                most=MAX_PROPS))
            return ()
        placed: list[PlacedProp] = []
        for item in node.items:
            if not isinstance(item, Mapping):
                self.error(item, _("a prop must be a mapping with 'prop:' and 'at:'"))
                continue
            entry = self.fields(item, PROP_KEYS, "a prop")
            if "prop" not in entry or "at" not in entry:
                self.error(item, _("a prop needs both 'prop:' and 'at:'"))
                continue
            kind = self.word(*entry["prop"], tuple(p.value for p in Prop), "a prop")
            at = self.landmarks(*entry["at"], 2)
            if kind is None or at is None:
                continue
            prop = Prop(kind)
            if len(at) != prop.points:
                # Translators: {prop} is a prop as a figure file names it ("mini band").
                self.error(entry["at"][1], ngettext(
                    "a {prop} is placed at {count} point, not {given}",
                    "a {prop} is placed at {count} points, not {given}", prop.points).format(
                        prop=prop.value, count=prop.points, given=len(at)))
                continue
            placed.append(PlacedProp(prop, at))
        return tuple(placed)

    def arrow(self, fields: Fields, moves: bool) -> Landmark | None:
        if "arrow" not in fields:
            return None
        key, node = fields["arrow"]
        landmark = self.landmark(key, node)
        if landmark is not None and not moves:
            self.error(key, _("'arrow' shows a movement, so the figure needs an 'end' pose"))
        return landmark

    def floor(self, where: Node, figure: Figure) -> None:
        frames = FRAMES_CHECKED if figure.end is not None else 0
        for message in floor_problems(figure.pose_at, figure.placement, figure.touching,
                                      frames, tilt=figure.tilt):
            self.error(where, message)
