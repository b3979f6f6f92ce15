"""Flat pictures of a posed body: orthographic views from the side, front, top or between.

A view gives each landmark a point on the picture (``x`` to the right, ``y`` up, in the
body's metres) and its depth, how far behind the picture's plane it is: a drawer draws the
far limbs first and lighter. Views are named in the room (see ``skeleton``): standing, the
body faces ``+x`` and its left is ``+y``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from hiptimer.body.rotation import Vector, dot
from hiptimer.body.skeleton import Body, Landmark


class View(StrEnum):
    """Where the onlooker stands; the value is how a figure file names it."""

    LEFT = "left"
    """At the body's left (``+y``), looking toward ``-y``: a standing body faces left."""
    RIGHT = "right"
    """At the body's right (``-y``): a standing body faces right."""
    FRONT = "front"
    """In front (``+x``): the body's left is on the picture's right."""
    BACK = "back"
    """Behind (``-x``): the body's left is on the picture's left, as the person facing the
    screen has it, so a step to the left goes to the screen's left."""
    TOP = "top"
    """Above, the body's front (``+x``) up the picture."""
    THREE_QUARTER = "three quarter"
    """Front-left and a little above: 45 degrees round from the left view, 20 degrees up."""

    @property
    def mirrored(self) -> View:
        """The view of the mirrored body that shows it as this view showed the original."""
        if self is View.LEFT:
            return View.RIGHT
        if self is View.RIGHT:
            return View.LEFT
        return self


@dataclass(frozen=True)
class Flat:
    """A landmark on the picture: ``x`` right, ``y`` up, ``depth`` away from the onlooker."""

    x: float
    y: float
    depth: float


@dataclass(frozen=True)
class _Camera:
    right: Vector
    up: Vector
    looking: Vector


def _camera(azimuth: float, elevation: float) -> _Camera:
    """An onlooker at ``azimuth`` degrees round from ``+x`` (toward ``+y``), ``elevation`` up."""
    a, e = math.radians(azimuth), math.radians(elevation)
    toward = (math.cos(e) * math.cos(a), math.cos(e) * math.sin(a), math.sin(e))
    looking = (-toward[0], -toward[1], -toward[2])
    right = (-math.sin(a), math.cos(a), 0.0)
    up = (-math.sin(e) * math.cos(a), -math.sin(e) * math.sin(a), math.cos(e))
    return _Camera(right, up, looking)


_CAMERAS = {
    View.LEFT: _camera(90, 0),
    View.RIGHT: _camera(-90, 0),
    View.FRONT: _camera(0, 0),
    View.BACK: _camera(180, 0),
    View.THREE_QUARTER: _camera(45, 20),
    View.TOP: _Camera((0.0, -1.0, 0.0), (1.0, 0.0, 0.0), (0.0, 0.0, -1.0)),
}


def project(body: Body, view: View) -> Mapping[Landmark, Flat]:
    """Every landmark of ``body`` as ``view`` shows it."""
    camera = _CAMERAS[view]
    return {landmark: Flat(dot(point, camera.right), dot(point, camera.up),
                           dot(point, camera.looking))
            for landmark, point in body.positions.items()}
