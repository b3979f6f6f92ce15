"""Which body figure an exercise is drawn with, on which side, each file read once.

A built-in exercise (found by name) is drawn by the body model, or by the figure file the
routine names for it; a routine's own ``image`` wins over both. The other side is the same
figure mirrored in the body, not a picture flipped.

Which side a figure shows: the side of the point its arrow follows (the right ankle rising
in a reverse clamshell works the right side), else the left, as the pictures are drawn.
When a side's label names just one side (``right leg on top``) the figure is mirrored when
that is not the side it shows; with other labels, as the picture is flipped (the first side
listed as drawn, the second mirrored).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hiptimer.base.translation import _, ngettext
from hiptimer.body.figure_file import Figure, FigureError, load_figure
from hiptimer.body.joints import Side
from hiptimer.routine.figures import builtin_figure_file
from hiptimer.session.status import side_mark


def figure_file(path: Path) -> Figure | None:
    """The figure in the file at ``path``, read again only when the file changed; None
    when it cannot be used (``hiptimer validate`` says why)."""
    read = figure_or_problem(path)
    return read if isinstance(read, Figure) else None


def figure_or_problem(path: Path) -> Figure | str | None:
    """The figure in the regular file at ``path``, or its first problem located in it
    (``lunge.yaml:7:22: ...``); None when there is no such file. Read again only when the
    file has changed."""
    stamp = _stamp(path)
    return None if stamp is None else _read(path, stamp)


def _stamp(path: Path) -> tuple[int, int] | None:
    """When the regular file at ``path`` last changed, and its size; None: there is none."""
    try:
        status = path.stat()
    except (OSError, ValueError):  # a name the file system refuses, a NUL in it
        return None
    if not path.is_file():
        return None
    return status.st_mtime_ns, status.st_size


@lru_cache(maxsize=64)
def _read(path: Path, stamp: tuple[int, int]) -> Figure | str:
    try:
        return load_figure(path)
    except FigureError as exc:
        if not exc.problems:
            return _("{file} cannot be used").format(file=path.name)
        first = exc.problems[0]
        more = len(exc.problems) - 1
        told = f"{Path(first.path).name}:{first.line}:{first.column}: {first.message}"
        if not more:
            return told
        # Translators: {problem} is the first problem found in a figure file, as told.
        return ngettext("{problem} (and {count} more)", "{problem} (and {count} more)",
                        more).format(problem=told, count=more)


@lru_cache(maxsize=64)
def _mirrored(figure: Figure) -> Figure:
    return figure.mirrored()


def shown_side(figure: Figure) -> Side:
    """The side the figure works as its file poses it."""
    if figure.arrow is not None and figure.arrow.value.startswith("right "):
        return Side.RIGHT
    return Side.LEFT


def on_side(figure: Figure, side: str | None, flipped: bool) -> Figure:
    """``figure`` for the side labelled ``side``; ``flipped``: the picture would be flipped
    (what decides for a label that names neither side, or both)."""
    mark = side_mark(side)
    if mark in ("L", "R"):
        flipped = (mark == "R") != (shown_side(figure) is Side.RIGHT)
    return _mirrored(figure) if flipped else figure


def exercise_figure(name: str, image: Path | None, side: str | None,
                    flipped: bool, own: Path | None = None) -> Figure | None:
    """The figure to draw for exercise ``name`` on ``side``: none when the routine gives it
    a picture of its own (``image``); else the figure file the routine names (``own``) if
    it can be used (``hiptimer validate`` says why not), else the built-in figure of the
    name, if there is one."""
    if image is not None:
        return None
    figure = None if own is None else figure_file(own)
    if figure is None:
        builtin = builtin_figure_file(name)
        figure = None if builtin is None else figure_file(builtin)
    return None if figure is None else on_side(figure, side, flipped)
