"""An exercise's body figure drawn by Qt, in the style of the countdown's digits: thick
rounded strokes in one colour, read from across a room and still at a thumbnail's size.

The figure is worked out once per figure (``FigureFrames``): its body at a few steps through
the movement, flattened by its view, and the box they all fit in, so the figure keeps one
place and one scale through the whole movement; a frame between two steps is interpolated
point by point, which is cheap enough to draw thirty times a second. Limbs further from the
onlooker than their other side's are drawn first and lighter (blended toward the ground),
the near ones solid over them; the head is a filled circle; a floor line under the body
(none seen from above); the props beside it; and for a rep, the named point's path from
start to end as a curved arrow beside it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from hiptimer.body.figure_file import Figure, PlacedProp, Prop
from hiptimer.body.skeleton import SEGMENTS, Landmark
from hiptimer.body.view import View, project

STEPS = 24
"""Steps the movement is worked out at; a frame between two is interpolated."""
TRUNK = 0.16
"""The trunk's stroke, in metres of the body (1.75 m tall): about a trunk's depth."""
LIMB = 0.095
"""A limb's stroke."""
EXTREMITY = 0.06
"""A hand's or a foot's stroke."""
HEAD = 0.125
"""The head's radius."""
THIN = 0.035
"""The arrow's, the floor's and the band's strokes."""
LEAST_PX = 1.6
"""No stroke is thinner than this many pixels, however small the figure."""
FAR_BLEND = 0.55
"""How far a far limb's colour goes toward the ground."""
FAR_FROM = 0.06
"""A limb this much (metres) further than its other side's starts to fade..."""
FAR_FULL = 0.2
"""...and is as light as it gets this much further."""
ARROW_BESIDE = 0.16
"""How far beside the path its arrow runs, in metres."""
ARROW_LEAST = 0.02
"""A path shorter than this has no arrow: the point hardly moves."""
ARROW_CLEAR = 0.1
"""How far from every bone an arrow keeps, where it can, in metres."""
ARROW_SHORTEST = 0.32
"""A shorter path is drawn as a straight arrow this long along it, so that its way reads."""
MARGIN = 0.05
"""Room round the figure, as a share of the box's smaller side."""
PHONE_SIZE = (0.18, 0.1)
"""A phone's length and width, in metres, as it is drawn along a limb."""
PHONE_ALONG = 0.62
"""Where along that limb the phone's middle lies, from its upper end."""

Point = tuple[float, float, float]
"""A landmark flattened: x right, y up (metres), depth away from the onlooker."""
Frame = Mapping[Landmark, Point]

_DRAWN = tuple(pair for pair in SEGMENTS
               if Landmark.SEAT not in pair and Landmark.HEAD not in pair)
"""The bones drawn as strokes (the head is a circle; the seat lies inside the body)."""


@dataclass(frozen=True)
class _Bone:
    a: Landmark
    b: Landmark
    width: float
    """Its stroke, in metres."""
    other: tuple[Landmark, Landmark] | None
    """The same bone on the other side, whose depth says whether this one is the far one."""


def _bone(a: Landmark, b: Landmark) -> _Bone:
    width = (TRUNK if (a, b) == (Landmark.PELVIS, Landmark.CHEST)
             else EXTREMITY if b.value.endswith(("hand", "toe", "heel")) else LIMB)
    other = (a.mirrored, b.mirrored)
    return _Bone(a, b, width, None if other == (a, b) or a.mirrored is a or
                 b.mirrored is b else other)


_BONES = tuple(_bone(a, b) for a, b in _DRAWN)


@dataclass(frozen=True)
class FigureFrames:
    """One figure worked out for drawing: its flat body at each step of the movement, the
    box every step, prop and arrow fits in, where its floor is and its arrow's path."""

    figure: Figure
    steps: tuple[Frame, ...]
    left: float
    bottom: float
    right: float
    top: float
    floor: float | None
    """Height of the floor line on the picture; None seen from above."""
    arrow: tuple[tuple[float, float], ...]
    """The arrow's path beside the moving point, start to end; empty for none."""
    travel: float
    """The furthest any point moves through the movement, in metres."""
    moving_box: tuple[float, float, float, float] | None
    """Where anything drawn may change through the movement (left, bottom, right, top, in
    metres, strokes and all): the moving points, and their other side's, whose shade
    follows them; None for a hold."""

    @property
    def moves(self) -> bool:
        return len(self.steps) > 1

    @property
    def aspect(self) -> float:
        """Width over height of the box the figure is drawn in."""
        return (self.right - self.left) / max(1e-6, self.top - self.bottom)

    def at(self, fraction: float) -> Frame:
        """The flat body ``fraction`` (0 to 1) of the way through the movement."""
        if len(self.steps) == 1:
            return self.steps[0]
        where = min(1.0, max(0.0, fraction)) * (len(self.steps) - 1)
        low = min(len(self.steps) - 2, int(where))
        share = where - low
        a, b = self.steps[low], self.steps[low + 1]
        if share <= 0.0:
            return a
        return {landmark: (p[0] + (b[landmark][0] - p[0]) * share,
                           p[1] + (b[landmark][1] - p[1]) * share,
                           p[2] + (b[landmark][2] - p[2]) * share)
                for landmark, p in a.items()}


@lru_cache(maxsize=32)
def frames_of(figure: Figure) -> FigureFrames:
    """``figure`` worked out for drawing (remembered: a few figures take turns)."""
    count = STEPS + 1 if figure.end is not None else 1
    steps: list[Frame] = []
    for step in range(count):
        flat = project(figure.body_at(step / STEPS if count > 1 else 0.0), figure.view)
        steps.append({landmark: (p.x, p.y, p.depth) for landmark, p in flat.items()})
    xs = [p[0] for frame in steps for p in frame.values()]
    ys = [p[1] for frame in steps for p in frame.values()]
    floor = None if figure.view is View.TOP else min(ys)
    arrow = _arrow_path(figure, steps)
    xs += [x for x, _ in arrow]
    ys += [y for _, y in arrow]
    for placed in figure.props:
        for landmark in placed.at:
            for frame in (steps[0], steps[-1]):
                xs += [frame[landmark][0] - 0.25, frame[landmark][0] + 0.25]
    travel = max((math.dist(steps[0][k][:2], frame[k][:2]) for frame in steps for k in frame),
                 default=0.0)
    pad = HEAD + TRUNK / 2
    left, bottom, right = min(xs) - pad, min(ys) - pad * 0.6, max(xs) + pad
    top = max(ys) + pad
    return FigureFrames(figure, tuple(steps), left, bottom, right, top, floor, arrow, travel,
                        _moving_box(steps, pad))


def _moving_box(steps: list[Frame], pad: float) -> tuple[float, float, float, float] | None:
    """The box round every point that moves, its other side's, and the bones they end."""
    moved = {k for k in steps[0]
             if any(math.dist(steps[0][k][:2], frame[k][:2]) > 0.002 for frame in steps)}
    if not moved:
        return None
    moved |= {k.mirrored for k in moved}
    moved |= {other for a, b in SEGMENTS for one, other in ((a, b), (b, a)) if one in moved}
    if Landmark.NECK in moved or Landmark.HEAD in moved:
        moved |= {Landmark.NECK, Landmark.HEAD}
    xs = [frame[k][0] for frame in steps for k in moved]
    ys = [frame[k][1] for frame in steps for k in moved]
    return min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad


def _arrow_path(figure: Figure, steps: list[Frame]) -> tuple[tuple[float, float], ...]:
    """The named point's path, moved beside itself to where it is clearest of the body
    (and never under the floor); a short path as a straight arrow along it."""
    if figure.arrow is None or len(steps) < 2:
        return ()
    path = [frame[figure.arrow][:2] for frame in steps]
    (x0, y0), (x1, y1) = path[0], path[-1]
    chord = math.hypot(x1 - x0, y1 - y0)
    if chord < ARROW_LEAST:
        return ()
    if chord < ARROW_SHORTEST:
        ux, uy = (x1 - x0) / chord, (y1 - y0) / chord
        half = ARROW_SHORTEST / 2
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        path = [(mx + ux * half * t, my + uy * half * t) for t in (-1.0, -0.5, 0.0, 0.5, 1.0)]
    ux, uy = (x1 - x0) / chord, (y1 - y0) / chord
    bones = [(frame[a][:2], frame[b][:2]) for frame in (steps[0], steps[-1])
             for a, b in _DRAWN]
    floor = min(p[1] for p in steps[0].values()) if figure.view is not View.TOP else None
    best: tuple[float, list[tuple[float, float]]] | None = None
    # Beside the path either way, further beside, then ahead of where the point ends up:
    # the first clear of the body, else the clearest.
    for across, along in ((1.0, 0.0), (-1.0, 0.0), (1.6, 0.0), (-1.6, 0.0), (0.0, 1.2),
                          (0.6, 1.0), (-0.6, 1.0)):
        dx = (-uy * across + ux * along) * ARROW_BESIDE
        dy = (ux * across + uy * along) * ARROW_BESIDE
        moved = [(x + dx, y + dy) for x, y in path]
        if floor is not None and min(y for _, y in moved) < floor + THIN:
            continue
        clear = min(_distance(point, bone) for point in moved[::max(1, len(moved) // 4)]
                    for bone in bones)
        if clear >= ARROW_CLEAR:
            return tuple(moved)
        if best is None or clear > best[0]:
            best = (clear, moved)
    return tuple(best[1]) if best is not None else tuple(path)


def _distance(point: tuple[float, float],
              bone: tuple[tuple[float, ...], tuple[float, ...]]) -> float:
    """How far ``point`` is from the line between the bone's ends, in metres."""
    (ax, ay), (bx, by) = bone[0][:2], bone[1][:2]
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((point[0] - ax) * dx +
                                                   (point[1] - ay) * dy) / length))
    return math.hypot(point[0] - ax - t * dx, point[1] - ay - t * dy)


@dataclass(frozen=True)
class _Fit:
    """Metres of the figure to pixels of the box."""

    scale: float
    x0: float
    y0: float
    top: float
    left: float

    def point(self, x: float, y: float) -> QPointF:
        return QPointF(self.x0 + (x - self.left) * self.scale,
                       self.y0 + (self.top - y) * self.scale)

    def width(self, metres: float) -> float:
        return max(LEAST_PX, metres * self.scale)


def changing_rect(frames: FigureFrames, box: QRectF) -> QRectF:
    """Where in ``box`` the drawing may change as the figure moves: all of it but what
    stands still (the whole box for a figure that would change most of it)."""
    if frames.moving_box is None:
        return QRectF()
    fit = _fit(frames, box)
    left, bottom, right, top = frames.moving_box
    pad = LEAST_PX + 1
    return QRectF(fit.point(left, top), fit.point(right, bottom)).adjusted(
        -pad, -pad, pad, pad).intersected(box)


def _fit(frames: FigureFrames, box: QRectF) -> _Fit:
    margin = MARGIN * min(box.width(), box.height())
    room = box.adjusted(margin, margin, -margin, -margin)
    wide, tall = frames.right - frames.left, frames.top - frames.bottom
    scale = max(1e-6, min(room.width() / wide, room.height() / tall))
    x0 = room.left() + (room.width() - wide * scale) / 2
    # On the floor of the box: a body lying along it, fitted to a box taller than itself,
    # lies at the bottom with the room above it, as a body lies on a floor.
    y0 = room.bottom() - tall * scale
    return _Fit(scale, x0, y0, frames.top, frames.left)


def blend(ink: QColor, ground: QColor, share: float) -> QColor:
    """``ink`` taken ``share`` of the way toward ``ground``."""
    return QColor.fromRgbF(ink.redF() + (ground.redF() - ink.redF()) * share,
                           ink.greenF() + (ground.greenF() - ink.greenF()) * share,
                           ink.blueF() + (ground.blueF() - ink.blueF()) * share)


def paint_figure(painter: QPainter, box: QRectF, frames: FigureFrames, fraction: float,
                 ink: QColor, ground: QColor) -> None:
    """Draw ``frames``'s figure ``fraction`` of the way through its movement into ``box``,
    in ``ink`` on ``ground`` (the ground itself is not painted)."""
    fit = _fit(frames, box)
    frame = frames.at(fraction)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    light = blend(ink, ground, FAR_BLEND)
    if frames.floor is not None:
        y = fit.point(0.0, frames.floor).y() + fit.width(THIN) / 2
        painter.setPen(QPen(light, fit.width(THIN), Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(box.left() + fit.width(THIN), y),
                         QPointF(box.right() - fit.width(THIN), y))
    for placed in frames.figure.props:
        if placed.prop in (Prop.CUSHION, Prop.TABLE_EDGE):
            _paint_support(painter, fit, frame, placed, frames.floor, light,
                           frames.figure.view in (View.FRONT, View.BACK))
    _paint_body(painter, fit, frame, ink, ground)
    for placed in frames.figure.props:
        if placed.prop is Prop.MINI_BAND:
            _paint_band(painter, fit, frame, placed, ink, ground)
        elif placed.prop is Prop.PHONE:
            _paint_phone(painter, fit, frame, placed, ink, ground)
    if frames.arrow:
        _paint_arrow(painter, fit, frames.arrow, ink)
    painter.restore()


def _paint_body(painter: QPainter, fit: _Fit, frame: Frame, ink: QColor,
                ground: QColor) -> None:
    """The bones far to near, a far limb lighter; the head last but for nearer limbs."""
    strokes: list[tuple[float, float, _Bone]] = []
    for bone in _BONES:
        depth = (frame[bone.a][2] + frame[bone.b][2]) / 2
        fade = 0.0
        if bone.other is not None:
            further = depth - (frame[bone.other[0]][2] + frame[bone.other[1]][2]) / 2
            fade = min(1.0, max(0.0, (further - FAR_FROM) / (FAR_FULL - FAR_FROM)))
        strokes.append((depth, fade, bone))
    neck, top = frame[Landmark.NECK], frame[Landmark.HEAD]
    head_depth = (neck[2] + top[2]) / 2
    strokes.sort(key=lambda stroke: -stroke[0])
    pen = QPen(ink, 1.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    head_drawn = False
    for depth, fade, bone in strokes:
        if not head_drawn and depth < head_depth:
            _paint_head(painter, fit, neck, top, ink)
            head_drawn = True
        pen.setColor(blend(ink, ground, FAR_BLEND * fade) if fade > 0 else ink)
        pen.setWidthF(fit.width(bone.width))
        painter.setPen(pen)
        a, b = frame[bone.a], frame[bone.b]
        painter.drawLine(fit.point(a[0], a[1]), fit.point(b[0], b[1]))
    if not head_drawn:
        _paint_head(painter, fit, neck, top, ink)


def _paint_head(painter: QPainter, fit: _Fit, neck: Point, top: Point, ink: QColor) -> None:
    """A filled circle just under the top of the head, its chin at the neck."""
    length = math.hypot(top[0] - neck[0], top[1] - neck[1])
    reach = max(0.0, length - HEAD) / length if length > 0 else 0.0
    centre = fit.point(neck[0] + (top[0] - neck[0]) * reach,
                       neck[1] + (top[1] - neck[1]) * reach)
    radius = max(LEAST_PX, HEAD * fit.scale)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink)
    painter.drawEllipse(centre, radius, radius)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _paint_support(painter: QPainter, fit: _Fit, frame: Frame, placed: PlacedProp,
                   floor: float | None, colour: QColor, across: bool = False) -> None:
    """A cushion as a rounded block from the floor up to the point; a table's edge as a
    table top under it, running away from the body, with a leg; seen from the front or the
    back (``across``), a table top across the picture under the point and its other side's,
    with a leg at each end."""
    x, y = frame[placed.at[0]][0], frame[placed.at[0]][1]
    base = floor if floor is not None else y - 0.1
    under = y - LIMB / 2
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    if placed.prop is Prop.CUSHION:
        height = max(0.06, under - base)
        corner = fit.width(0.04)
        block = QRectF(fit.point(x - 0.2, base + height), fit.point(x + 0.2, base))
        painter.drawRoundedRect(block, corner, corner)
    else:
        other = frame[placed.at[0].mirrored][0]
        low, high = (min(x, other) - 0.3, max(x, other) + 0.3) if across else \
            (x - 0.55, x + 0.05)
        legs = (low + 0.07, high - 0.07) if across else (x - 0.45,)
        pen = QPen(colour, fit.width(LIMB * 0.8), Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(fit.point(low, under), fit.point(high, under))
        pen.setWidthF(fit.width(THIN * 1.5))
        painter.setPen(pen)
        for leg in legs:
            painter.drawLine(fit.point(leg, under), fit.point(leg, base))
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _paint_band(painter: QPainter, fit: _Fit, frame: Frame, placed: PlacedProp,
                ink: QColor, ground: QColor) -> None:
    """A loop band round two points: a thin ring round both, drawn over the limbs with a
    ground-coloured edge so it reads across them."""
    a, b = (frame[landmark] for landmark in placed.at)
    start, end = fit.point(a[0], a[1]), fit.point(b[0], b[1])
    radius = max(2 * LEAST_PX, (LIMB / 2 + THIN) * fit.scale)
    loop = QPainterPath()
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = math.hypot(dx, dy)
    angle = math.degrees(math.atan2(dy, dx))
    painter.save()
    painter.translate(start)
    painter.rotate(angle)
    loop.addRoundedRect(QRectF(-radius, -radius, length + 2 * radius, 2 * radius),
                        radius, radius)
    width = fit.width(THIN)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(ground, width * 2.2))
    painter.drawPath(loop)
    painter.setPen(QPen(ink, width))
    painter.drawPath(loop)
    painter.restore()


def _paint_phone(painter: QPainter, fit: _Fit, frame: Frame, placed: PlacedProp,
                 ink: QColor, ground: QColor) -> None:
    """A phone lying on the point. Along the bone that ends there (the shin, for an ankle),
    as one laid on a limb to measure its angle: a light screen edged in ink over the limb's
    lower half, so that it reads on the limb; on a point no bone ends at, a small dark slab
    on top of it, edged in the ground's colour."""
    x, y = frame[placed.at[0]][0], frame[placed.at[0]][1]
    bone = next((a for a, b in _DRAWN if b is placed.at[0]), None)
    painter.setPen(QPen(ground, fit.width(THIN * 0.6)))
    painter.setBrush(ink)
    corner = fit.width(0.012)
    if bone is None:
        slab = QRectF(fit.point(x - 0.075, y + LIMB / 2 + 0.03),
                      fit.point(x + 0.075, y + LIMB / 2))
        painter.drawRoundedRect(slab, corner, corner)
    else:
        start = fit.point(frame[bone][0], frame[bone][1])
        end = fit.point(x, y)
        painter.save()
        painter.translate(start + (end - start) * PHONE_ALONG)
        painter.rotate(math.degrees(math.atan2(end.y() - start.y(), end.x() - start.x())))
        painter.setPen(QPen(ink, fit.width(THIN * 0.8)))  # a light screen, over the limb
        painter.setBrush(ground)
        length, width = PHONE_SIZE
        painter.drawRoundedRect(QRectF(-length * fit.scale / 2, -width * fit.scale / 2,
                                       length * fit.scale, width * fit.scale), corner, corner)
        painter.restore()
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _paint_arrow(painter: QPainter, fit: _Fit, path: tuple[tuple[float, float], ...],
                 ink: QColor) -> None:
    """The path as a smooth curve with a head at its end, trimmed a little at both ends."""
    points = [fit.point(x, y) for x, y in path]
    trimmed = points[1:-1] if len(points) > 5 else points
    curve = QPainterPath(trimmed[0])
    for point in trimmed[1:]:
        curve.lineTo(point)
    width = fit.width(THIN * 1.2)
    painter.setPen(QPen(ink, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    painter.drawPath(curve)
    tip, before = trimmed[-1], trimmed[-2]
    angle = math.atan2(tip.y() - before.y(), tip.x() - before.x())
    size = max(4 * width, 0.09 * fit.scale)
    head = QPainterPath(tip)
    for turn in (2.6, -2.6):
        head.lineTo(QPointF(tip.x() + size * math.cos(angle + turn),
                            tip.y() + size * math.sin(angle + turn)))
    head.closeSubpath()
    painter.setPen(QPen(ink, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(ink)
    painter.drawPath(head)
    painter.setBrush(Qt.BrushStyle.NoBrush)
