"""The command line in each language: argparse's own words and hiptimer's help, the plan's
table, the terminal's status line, and a German desktop's ``hiptimer plan`` run as a
command."""

from __future__ import annotations

import argparse
import inspect
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from hiptimer.base.language import Language, offered_languages
from hiptimer.base.parser_words import WORDS
from hiptimer.cli import build_parser
from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.status import status_of
from hiptimer.terminal import commands
from hiptimer.terminal.keys import KEYS_HELP, keys_help
from hiptimer.terminal.parts import status_parts
from tests.support.languages import LANGUAGES

Write = Callable[..., Path]
ROUTINE = ("name: Quick\nexercises:\n  - {name: Frog, hold: 30s, sets: 2, sides: both}\n"
           "  - {name: Lift, reps: 8, tempo: 2-1-2}\n")
ARGPARSE_TITLES = ("usage:", "positional arguments:", "options:",
                   "show this help message and exit")


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_the_help_speaks_the_language_argparses_own_words_too(spoken: Language) -> None:
    shown = build_parser().format_help()
    english = [title for title in ARGPARSE_TITLES if title in shown]
    if spoken is Language.ENGLISH:
        assert english == list(ARGPARSE_TITLES)
        assert "A hands-free interval timer" in shown
    else:
        assert english == []
        assert "A hands-free interval timer" not in shown
        assert "COMMAND" in shown and "--version" in shown  # what is typed stays


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_a_usage_error_is_said_in_the_language(spoken: Language,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        build_parser().parse_args(["plan"])
    assert caught.value.code == 2
    said = capsys.readouterr().err
    assert "hiptimer plan" in said and "PATH" in said
    english = "error: the following arguments are required: PATH"
    assert (english in said) is (spoken is Language.ENGLISH)


def test_the_argparse_words_marked_are_the_ones_argparse_asks_for() -> None:
    source = inspect.getsource(argparse)
    for message in WORDS[:5]:
        assert repr(message) in source or f'"{message}"' in source, message


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_the_plan_speaks_the_language(spoken: Language, write: Write,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert commands.cmd_plan(str(write(ROUTINE)), as_json=False, level=0) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    header = lines[2].split()
    assert lines[0] == "Quick"  # the routine's own words are as written
    english = ["#", "START", "EXERCISE", "PHASE", "SET", "SIDE", "LENGTH"]
    assert (header == english) is (spoken is Language.ENGLISH)
    assert ("get ready" in out and "8 reps, 2-1-2s" in out) is (spoken is Language.ENGLISH)


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_the_status_line_shows_the_phase_word_shown(spoken: Language) -> None:
    clock = FakeClock()
    session = Session(compile_timeline(parse_routine(ROUTINE.encode(), "quick.yaml")), clock)
    session.start()
    session.next()
    status = status_of(session)
    texts = [part.text for part in status_parts(status)]
    assert status.word.shown in texts
    assert any(text.endswith(" left") for text in texts) is (spoken is Language.ENGLISH)


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_the_keys_are_told_in_the_language(spoken: Language) -> None:
    told = keys_help()
    assert (told == KEYS_HELP) is (spoken is Language.ENGLISH)
    assert [part.split(" ", 1)[0] for part in told.split(", ")][1:] == ["n", "p", "q"]


@pytest.mark.skipif(Language.GERMAN not in offered_languages(),
                    reason="German is not offered yet (base/language.py): a German desktop "
                           "still gets English")
def test_plan_in_a_german_desktop_is_german(write: Write, compiled_locale: Path,
                                            tmp_path: Path) -> None:
    # The command as it starts, with the catalogues compiled for this run instead of the
    # package's own (a checkout may not have compiled them).
    start = ("import sys, functools; from pathlib import Path; import hiptimer.cli as cli; "
             "cli.speak_chosen_language = functools.partial(cli.speak_chosen_language, "
             "Path(sys.argv[1])); sys.exit(cli.main(sys.argv[2:]))")
    environment = {**os.environ, "LANGUAGE": "de", "LC_ALL": "", "LC_MESSAGES": "",
                   "LANG": "C.UTF-8"}
    done = subprocess.run([sys.executable, "-c", start, str(compiled_locale), "plan",
                           str(write(ROUTINE))], capture_output=True, text=True,
                          env=environment, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Quick"
    assert "EXERCISE" not in lines[2] and "ÜBUNG" in lines[2]
    assert not lines[-1].startswith("Total: ")
