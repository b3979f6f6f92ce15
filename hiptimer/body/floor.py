"""Whether a figure rests on the floor where its file says, all through a rep.

The rule is simple, for a stick figure without thickness: the body is lowered until its
lowest point is on the floor (``skeleton.place``), so nothing is ever below it; every point
the file says touches the floor must then be within ``floor_tolerance`` of it (2 cm for a
body 1.75 m tall), in the start pose, the end pose and the frames between.
"""

from __future__ import annotations

from collections.abc import Callable

from hiptimer.base.local_format import decimal_text, number_text, percent_text
from hiptimer.base.translation import _
from hiptimer.body.joints import Pose
from hiptimer.body.skeleton import (
    NO_TILT,
    STANDARD_HEIGHT,
    Landmark,
    Placement,
    Tilt,
    floor_tolerance,
    off_the_floor,
    place,
)

FRAMES_CHECKED = 20
"""Frames between start and end in which a rep's floor contacts are checked."""


def floor_problems(pose_at: Callable[[float], Pose], placement: Placement,
                   touching: tuple[Landmark, ...], frames: int = FRAMES_CHECKED,
                   height: float = STANDARD_HEIGHT, tilt: Tilt = NO_TILT) -> list[str]:
    """What is off the floor, worded once per point at the first frame it happens in.

    ``frames`` is how many steps a rep is checked in (0 for a hold, only its one pose).
    """
    problems: list[str] = []
    seen: set[Landmark] = set()
    tolerance = floor_tolerance(height) * 100
    for step in range(frames + 1):
        fraction = step / frames if frames else 0.0
        for landmark, gap in off_the_floor(place(pose_at(fraction), placement, height, tilt),
                                           touching):
            if landmark in seen:
                continue
            seen.add(landmark)
            # Translators: {point} is a point of the body as a figure file names it
            # ("left heel"); keep it as it is.
            if not frames:
                text = _("floor: the {point} is {gap} cm above the floor; a point that touches "
                         "it may be at most {tolerance} cm off (at {height} m tall)")
            elif step == 0:
                text = _("floor: the {point} is {gap} cm above the floor at the start; a point "
                         "that touches it may be at most {tolerance} cm off (at {height} m "
                         "tall)")
            elif step == frames:
                text = _("floor: the {point} is {gap} cm above the floor at the end; a point "
                         "that touches it may be at most {tolerance} cm off (at {height} m "
                         "tall)")
            else:
                text = _("floor: the {point} is {gap} cm above the floor {percent} of the way "
                         "through; a point that touches it may be at most {tolerance} cm off "
                         "(at {height} m tall)")
            problems.append(text.format(point=landmark.value,
                                        gap=decimal_text(gap * 100, 1, trim=False),
                                        percent=percent_text(fraction),
                                        tolerance=number_text(tolerance),
                                        height=number_text(height)))
    return problems
