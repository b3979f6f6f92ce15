"""Whatever bytes arrive, the loader answers with a routine or with located problems.

And whatever it accepts is safe to use: every text encodes as UTF-8 and holds nothing a
terminal would act on, and every number is finite and within its limits.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hiptimer.base.language import Language
from hiptimer.routine import Routine, RoutineError, parse_routine, source
from hiptimer.routine.model import Exercise, TextField
from hiptimer.routine.parse import DEFAULT_KEYS, EXERCISE_KEYS, TOP_KEYS
from hiptimer.routine.write import routine_to_yaml

from .support.safe_routines import ENGINES, assert_safe, assert_safe_text


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Iterator[str]:
    """libyaml, then PyYAML's own parser (set by hand: Hypothesis runs many examples per test)."""
    saved = source.FAST
    source.FAST = request.param == "libyaml"
    yield request.param
    source.FAST = saved


KEYS = sorted({*TOP_KEYS, *DEFAULT_KEYS, *EXERCISE_KEYS, "nmae", "hodl"})
WORDS = ["both", "left", "none", "self", "blocked", "alternating", "30s", "30-60s", "8-12",
         "2-1-2", "1:30", "-5", "0", "1", "yes", "~", "", "x"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10_000),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(WORDS), st.text(max_size=12),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), inner,
                        max_size=6),
    ),
    max_leaves=30,
)


def check(data: bytes) -> None:
    try:
        routine = parse_routine(data, "fuzz.yaml")
    except RoutineError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path == "fuzz.yaml"
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message
    else:
        assert isinstance(routine, Routine)
        assert routine.name and routine.exercises
        assert_safe(routine)
        assert_translations_safe(routine)


def assert_translations_safe(routine: Routine) -> None:
    """Every text in every language is as safe as the source texts are: one line where a
    line is meant."""
    owners: list[Routine | Exercise] = [routine, *routine.exercises]
    for owner in owners:
        wordings = owner.wordings
        for wording, lines in ((wordings.name, False), (wordings.description, True),
                               (wordings.setup, False), (wordings.equipment, False),
                               *((side, False) for side in wordings.sides)):
            for _language, text in wording.entries:
                assert text.strip()
                assert_safe_text(text, lines=lines)
                assert lines or "\n" not in text


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow,
                                                    HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_arbitrary_bytes(engine: str, data: bytes) -> None:
    check(data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("abn:- \n[]{}&*!|>'\"#%@`,?0123456789")),
               max_size=200))
def test_yaml_punctuation_soup(text: str) -> None:
    check(text.encode())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_arbitrary_yaml_shaped_documents(document: Any) -> None:
    check(yaml.safe_dump(document, allow_unicode=True).encode())


# Names without control or line-break characters, which YAML itself folds or refuses.
names = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"),
                              exclude_characters="\x85\ufeff"),
                min_size=1, max_size=10).filter(str.strip)
exercise_maps = st.fixed_dictionaries(
    {"name": names},
    optional={"sets": st.integers(1, 4), "sides": st.sampled_from(["none", "both", "left"]),
              "order": st.sampled_from(["alternating", "blocked"]),
              "rest": st.sampled_from(["0", "10s", "1:00"])},
).flatmap(lambda base: st.one_of(
    st.builds(lambda h: {**base, "hold": h}, st.sampled_from(["30s", "30-60s", 45, "1m"])),
    st.builds(lambda r: {**base, "reps": r}, st.sampled_from([8, "8-12", "10"])),
))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(exercise_maps, min_size=1, max_size=4), st.integers(1, 3))
def test_valid_shaped_documents_load(exercises: list[dict[str, Any]], rounds: int) -> None:
    text = yaml.safe_dump({"name": "generated", "rounds": rounds, "exercises": exercises},
                          allow_unicode=True)
    routine = parse_routine(text.encode(), "gen.yaml")
    assert len(routine.exercises) == len(exercises)
    assert [e.name for e in routine.exercises] == [x["name"].strip() for x in exercises]


# -- any text in any field -------------------------------------------------------------------

BASE: dict[str, Any] = {
    "hiptimer": 1, "name": "Base", "description": "Two\nlines", "rounds": "2",
    "defaults": {"prepare": "5s", "rest": "10s", "switch": "3s", "tempo": "2-1-2"},
    "exercises": [
        {"name": "Hold", "description": "How", "hold": "30-60s", "sets": "2-3", "sides": "both",
         "order": "blocked", "prepare": "1:00", "rest": "15", "switch": "2s"},
        {"name": "Reps", "reps": "8-12", "tempo": "3s", "sides": ["in", "out"], "image": "i.png"},
        {"name": {"en": "Worded", "de": "Gewortet"}, "hold": "30s",
         "description": {"es": "Cómo", "en": "How"}, "setup": {"en": "Band on.", "de": "Band an."},
         "sides": [{"en": "in", "es": "dentro"}, "out"]},
    ],
    "equipment": {"en": "a mat", "de": "eine Matte"},
}


def field_paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path to every scalar in ``node``, and ("key", path) for every mapping key."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield ("key", *path, key)
            yield from field_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from field_paths(value, (*path, index))
    else:
        yield path


FIELDS = list(field_paths(BASE))
MARK = "PLACEHOLDERVALUE"


def with_mark(path: tuple[Any, ...]) -> Any:
    """A copy of BASE with the mark where ``path`` points (a value, or a key's name)."""
    document = yaml.safe_load(yaml.safe_dump(BASE))
    is_key = path[0] == "key"
    steps = path[1:] if is_key else path
    parent = document
    for step in steps[:-1]:
        parent = parent[step]
    if is_key:
        parent[MARK] = parent.pop(steps[-1])
    else:
        parent[steps[-1]] = MARK
    return document


def double_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted string, every unusual character as an escape."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def raw_double_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


STYLES = [double_quoted, raw_double_quoted, single_quoted, str]
HOSTILE = ["\x1b[2J", "\x1b]0;t\x07", "\x9b31m", "a\rb", "\ud800", "\udfff", "\ufffe",
           "\u202eevil", "a\u2028b", "9" * 400 + ":00", "1" + " " * 500 + "x",
           "1-" + "a" * 500 + "!", "1e400", ".inf", ".nan", "-0", "0", "1" * 30, "\U0010ffff",
           "\u0663\u0660", "30s\x00", " ", "", "~", "null", "self", "1:99", "99:59.9999"]
texts = st.one_of(
    st.text(max_size=40),
    st.text(st.sampled_from(list("0123456789.:-\u2013 tosecmin\t\n")), max_size=70),
    st.sampled_from(HOSTILE),
    st.floats().map(repr),
    st.integers().map(str),
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow,
                                                    HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), text=texts, style=st.sampled_from(STYLES))
def test_any_text_in_any_field(engine: str, field: tuple[Any, ...], text: str,
                               style: Any) -> None:
    document = yaml.safe_dump(with_mark(field), allow_unicode=True, sort_keys=False)
    assert document.count(MARK) == 1
    data = document.replace(MARK, style(text)).encode("utf-8", "surrogatepass")
    check(data)


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: ".".join(map(str, f)))
def test_every_field_takes_an_escape_sequence_badly(engine: str, field: tuple[Any, ...]) -> None:
    document = yaml.safe_dump(with_mark(field), allow_unicode=True, sort_keys=False)
    data = document.replace(MARK, double_quoted("30s\x1b[2J")).encode()
    try:
        parse_routine(data, "f.yaml")
    except RoutineError as exc:
        assert any("control character U+001B (escape)" in p.message for p in exc.problems)
    else:
        raise AssertionError("an escape sequence was accepted")


def test_the_base_document_loads_as_it_is(engine: str) -> None:
    routine = parse_routine(yaml.safe_dump(BASE, sort_keys=False).encode(), "base.yaml")
    assert [e.name for e in routine.exercises] == ["Hold", "Reps", "Worded"]
    assert_safe(routine)


# -- texts in several languages --------------------------------------------------------------

CODES = ["en", "de", "es", "fr", "EN", "", "e"]
worded_texts = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", " ", "x", "a\nb", "\x1b[2J", "~"]),
    st.none(),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.sampled_from(CODES), st.text(max_size=3), max_size=2),
)
language_maps = st.dictionaries(st.sampled_from(CODES), worded_texts, max_size=4)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(name=language_maps, description=language_maps, label=language_maps)
def test_any_mapping_of_languages_loads_as_written_or_is_refused_with_its_place(
        name: dict[str, Any], description: dict[str, Any], label: dict[str, Any]) -> None:
    document = {"hiptimer": 1, "name": name, "exercises": [
        {"name": "x", "hold": "5s", "description": description, "sides": [label, "other"]}]}
    data = yaml.safe_dump(document, allow_unicode=True).encode("utf-8", "surrogatepass")
    check(data)
    try:
        routine = parse_routine(data, "fuzz.yaml")
    except RoutineError:
        return
    # Accepted: every entry was a language's text, shown in its language, and the source text
    # is the English one, else the first.
    assert all(isinstance(text, str) and text.strip() for text in name.values())
    assert routine.name == (name["en"] if "en" in name else next(iter(name.values()))).strip()
    for code, text in name.items():
        assert routine.text(TextField.NAME, Language(code)) == text.strip()
    exercise = routine.exercises[0]
    for code, text in description.items():
        assert exercise.text(TextField.DESCRIPTION, Language(code)) == text.strip()
    for code, text in label.items():
        assert exercise.side_text(exercise.sides[0], Language(code)) == text.strip()
    # And written back, it loads to the same routine.
    assert parse_routine(routine_to_yaml(routine).encode(), "again.yaml") == routine
