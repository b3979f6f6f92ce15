"""An unknown key in a routine or figure file is told in the language, with what holds the
key worded for each place the sentence names it (German: "in einer Routine", then "eine
Routine darf ...")."""

from __future__ import annotations

import pytest

from hiptimer.base.language import Language
from hiptimer.base.problem import RoutineError
from hiptimer.body.figure_file import FigureError, parse_figure
from hiptimer.routine import parse_routine
from tests.support.languages import LANGUAGES

ROUTINE = "name: Quick\nbogus: 1\nexercises:\n  - {name: Frog, hold: 30s, hodl: 2}\n"
FIGURE = "exercise: Frog\nview: left\nplacement: standing\nfloor: [left heel]\nstart: {}\nzzz: 1\n"

UNKNOWN_IN_ROUTINE = {
    Language.ENGLISH: "unknown key 'bogus' in a routine; a routine may have: ",
    Language.GERMAN: "unbekannter Schlüssel 'bogus' in einer Routine; eine Routine darf diese "
                     "Schlüssel haben: ",
    Language.SPANISH: "clave desconocida 'bogus' en una rutina; una rutina puede tener estas "
                      "claves: ",
}
UNKNOWN_IN_FIGURE = {
    Language.ENGLISH: "unknown key 'zzz' in the figure file; the figure file may have: ",
    Language.GERMAN: "unbekannter Schlüssel 'zzz' in der Figurdatei; die Figurdatei darf diese "
                     "Schlüssel haben: ",
    Language.SPANISH: "clave desconocida 'zzz' en el archivo de figura; el archivo de figura "
                      "puede tener estas claves: ",
}


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_an_unknown_key_in_a_routine_is_told_in_the_language(spoken: Language) -> None:
    with pytest.raises(RoutineError) as caught:
        parse_routine(ROUTINE.encode(), "r.yaml")
    told = [problem.message for problem in caught.value.problems]
    assert told[0].startswith(UNKNOWN_IN_ROUTINE[spoken])
    assert "exercises" in told[0]
    assert "'hodl'" in told[1] and "hold" in told[1].replace("'hodl'", "")
    assert ("did you mean" in told[1]) is (spoken is Language.ENGLISH)


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_an_unknown_key_in_a_figure_file_is_told_in_the_language(spoken: Language) -> None:
    with pytest.raises(FigureError) as caught:
        parse_figure(FIGURE.encode(), "fig.yaml")
    [told] = [problem.message for problem in caught.value.problems]
    assert told.startswith(UNKNOWN_IN_FIGURE[spoken])
    assert told.endswith("props, arrow")
