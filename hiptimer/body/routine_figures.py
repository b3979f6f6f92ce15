"""The figure files a routine's exercises name (``figure:``), read and checked.

The routine package only checks that a named figure file exists, since it sits below the
body model; what the file holds is checked here, so that ``hiptimer validate`` reports a
broken figure file as a problem of the routine, located in the figure file itself.
"""

from __future__ import annotations

from pathlib import Path

from hiptimer.base.problem import Problem, RoutineError, quoted
from hiptimer.base.translation import ngettext
from hiptimer.body.figure_file import Figure, FigureError, load_figure
from hiptimer.routine.figures import builtin_figure_file
from hiptimer.routine.model import Exercise, Routine


def figure_file_for(routine: Routine, exercise: Exercise) -> Path | None:
    """The figure file drawn for ``exercise``, or ``None`` when none is.

    An ``image`` wins over every figure (the screen shows the picture); then the exercise's
    own ``figure``; then the built-in figure of the exercise's name.
    """
    if exercise.image is not None:
        return None
    own = routine.figure_path(exercise)
    return own if own is not None else builtin_figure_file(exercise.name)


def own_figure(routine: Routine, exercise: Exercise) -> Figure | None:
    """The exercise's own figure, or ``None`` when it names none; ``FigureError`` (every
    problem located in the figure file) when the file cannot be used."""
    path = routine.figure_path(exercise)
    return None if path is None else load_figure(path)


def figure_problems(routine: Routine) -> list[Problem]:
    """Every problem in the figure files the routine names: for each broken file, one at
    the exercise in the routine, and the file's own problems at their lines in it."""
    problems: list[Problem] = []
    where = str(routine.path) if routine.path is not None else "routine"
    for exercise in routine.exercises:
        try:
            own_figure(routine, exercise)
        except FigureError as exc:
            count = len(exc.problems)
            problems.append(Problem(
                where, exercise.line, 1,
                ngettext("exercise {exercise}: its figure file {file} cannot be used "
                         "({count} problem in it)",
                         "exercise {exercise}: its figure file {file} cannot be used "
                         "({count} problems in it)", count).format(
                    exercise=quoted(exercise.name), file=quoted(exercise.figure or ""),
                    count=count)))
            problems.extend(exc.problems)
    return problems


def check_figures(routine: Routine) -> Routine:
    """``routine`` itself when every figure file it names is sound; else ``RoutineError``
    listing the problems (see ``figure_problems``)."""
    problems = figure_problems(routine)
    if problems:
        raise RoutineError(problems)
    return routine
