"""A routine file either loads as the routine its author meant, or every problem is located."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from hiptimer.routine import (
    IntRange,
    Order,
    RoutineError,
    Settings,
    Span,
    Tempo,
    load_routine,
    parse_routine,
)

Write = Callable[..., Path]

GOOD = """\
hiptimer: 1
name: Morning hips
description: Before work.
rounds: 2
defaults:
  prepare: 5s
  rest: 20 sec
  switch: 0
  tempo: 2-1-2
exercises:
  - name: 90/90 hip switch
    description: |
      Sit tall.
      Turn towards the back ankle.
    hold: 30-60s
    sets: 3-4
    sides: both
  - name: Clamshells
    reps: 8-12
    sets: 2
    sides: [to the left, to the right]
    order: blocked
    tempo: 3s
    rest: 1:00
  - name: Butterfly
    hold: 45
"""


def problems(write: Write, text: str | bytes) -> list[str]:
    path = write(text)
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    lines = str(caught.value).splitlines()
    assert all(line.startswith(f"{path}:") and ": error: " in line for line in lines)
    return [line.removeprefix(f"{path}:") for line in lines]


def test_a_good_file_means_what_it_says(write: Write) -> None:
    routine = load_routine(write(GOOD))
    assert routine.name == "Morning hips"
    assert routine.description == "Before work."
    assert routine.rounds == 2
    assert routine.defaults == Settings(prepare=5, rest=20, switch=0, tempo=Tempo((2, 1, 2)))
    ninety, clams, butterfly = routine.exercises
    assert ninety.hold == Span(30, 60) and ninety.sets == IntRange(3, 4)
    assert ninety.sides == ("left", "right") and ninety.order is Order.ALTERNATING
    assert ninety.description == "Sit tall.\nTurn towards the back ankle."
    assert clams.reps == IntRange(8, 12) and clams.order is Order.BLOCKED
    assert clams.sides == ("to the left", "to the right")
    assert routine.settings_for(clams) == Settings(prepare=5, rest=60, switch=0,
                                                   tempo=Tempo((3,)))
    assert butterfly.hold == Span(45, 45) and butterfly.sides == () and butterfly.sets.low == 1


def test_built_in_defaults_apply_when_nothing_is_set(write: Write) -> None:
    routine = load_routine(write("name: x\nexercises:\n  - name: a\n    reps: 5\n"))
    assert routine.settings_for(routine.exercises[0]) == Settings(10, 15, 5, Tempo((3,)))
    assert routine.version is None


@pytest.mark.parametrize(("text", "expected"), [
    ("name: x\nexercises: [{name: a, hold: 30s}]\nbogus: 1\n",
     "3:1: error: unknown key 'bogus' in a routine"),
    ("name: x\nexercises:\n  - name: a\n    hodl: 30s\n",
     "4:5: error: unknown key 'hodl' in an exercise; did you mean 'hold'?"),
    ("nmae: x\nexercises: [{name: a, hold: 30s}]\n", "did you mean 'name'?"),
    ("name: x\nname: y\nexercises: [{name: a, hold: 30s}]\n",
     "2:1: error: duplicate key 'name' (first set on line 1)"),
    ("exercises: [{name: a, hold: 30s}]\n", "1:1: error: the routine has no 'name'"),
    ("name: '  '\nexercises: [{name: a, hold: 30s}]\n", "has an empty name"),
    ("name: x\n", "the routine has no 'exercises' list"),
    ("name: x\nexercises: []\n", "'exercises' is empty"),
    ("name: x\nexercises:\n", "'exercises' is empty"),
    ("name: x\nexercises: {name: a}\n", "'exercises' must be a list"),
    ("name: x\nexercises: [{name: a}]\n", "needs either 'hold' (a time) or 'reps' (a count)"),
    ("name: x\nexercises: [{name: a, hold: 3, reps: 3}]\n", "has both 'hold' and 'reps'"),
    ("name: x\nexercises: [{name: a, hold: -3}]\n", "negative"),
    ("name: x\nexercises: [{name: a, hold: 0}]\n", "hold must be longer than 0 seconds"),
    ("name: x\nexercises: [{name: a, hold: soon}]\n", "is not a duration"),
    ("name: x\nexercises: [{name: a, hold: 2h}]\n", "is not a duration"),
    ("name: x\nexercises: [{name: a, hold: 61m}]\n", "one-hour limit"),
    ("name: x\nexercises: [{name: a, hold: 60-30s}]\n", "starts above where it ends"),
    ("name: x\nexercises: [{name: a, reps: 12-8}]\n", "starts above where it ends"),
    ("name: x\nexercises: [{name: a, reps: 0}]\n", "reps must be at least 1"),
    ("name: x\nexercises: [{name: a, reps: 2.5}]\n", "reps must be a whole number"),
    ("name: x\nexercises: [{name: a, reps: 5, sets: 0}]\n", "sets must be at least 1"),
    ("name: x\nexercises: [{name: a, reps: 5, sets: 1.5}]\n", "sets must be a whole number"),
    ("name: x\nexercises: [{name: a, reps: 400, tempo: 10s}]\n", "one-hour limit"),
    ("name: x\nexercises: [{name: a, reps: 5, sides: bothh}]\n",
     "unknown sides value 'bothh'; did you mean 'both'?"),
    ("name: x\nexercises: [{name: a, reps: 5, sides: [l, l]}]\n", "listed twice"),
    ("name: x\nexercises: [{name: a, reps: 5, order: random}]\n", "unknown order 'random'"),
    ("name: x\nexercises: [{name: a, reps: 5, tempo: 2-1}]\n", "tempo must be seconds per rep"),
    ("name: x\nexercises: [{name: a, hold: 5, tempo: 2s}]\n", "'tempo' only applies to reps"),
    ("name: x\ndefaults: {rest: lots}\nexercises: [{name: a, hold: 5}]\n", "is not a duration"),
    ("name: x\ndefaults: {pause: 5}\nexercises: [{name: a, hold: 5}]\n",
     "unknown key 'pause' in defaults"),
    ("name: x\nrounds: 0\nexercises: [{name: a, hold: 5}]\n", "rounds must be at least 1"),
    ("name: x\nrounds: 1-2\nexercises: [{name: a, hold: 5}]\n", "rounds must be one number"),
    ("hiptimer: 2\nname: x\nexercises: [{name: a, hold: 5}]\n",
     "1:11: error: unsupported format version 2"),
    ("hiptimer: one\nname: x\nexercises: [{name: a, hold: 5}]\n", "unsupported format version"),
    ("- a\n- b\n", "1:1: error: a routine file must be a mapping"),
    ("", "1:1: error: file is empty"),
    ("name: x\nexercises: [{name: a, hold: 5}]\n---\nname: y\n", "YAML syntax"),
    ("name: [x\n", "YAML syntax"),
    ("name: x\n  bad indent: 1\n", "YAML syntax"),
    ("name: x\nexercises: [{name: a, hold: 5, image: nope.png}]\n", "image 'nope.png' not found"),
    ("name: x\nexercises: [{name: a, hold: 5}]\n<<: {rounds: 2}\n", "merge keys"),
    ("name: x\nexercises: [{name: a, hold: 5, sets: 21}]\n", "at most 20 sets"),
])
def test_each_mistake_gets_a_located_message(write: Write, text: str, expected: str) -> None:
    found = problems(write, text)
    assert any(expected in line for line in found), found


def test_every_problem_in_a_file_is_reported_in_order(write: Write) -> None:
    text = ("hiptimer: 3\nname: x\nexercises:\n"
            "  - name: a\n    hold: -1\n"
            "  - name: b\n    reps: 0\n    sides: sometimes\n")
    found = problems(write, text)
    assert [line.split(": error:")[0] for line in found] == ["1:11", "5:11", "7:11", "8:12"]


def test_python_tags_are_refused_and_never_run(write: Write, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = ("name: !!python/object/apply:os.system ['touch " + str(marker) + "']\n"
            "exercises: [{name: a, hold: 5}]\n")
    found = problems(write, text)
    assert any("YAML tag !!python/object/apply:os.system is not allowed" in f for f in found)
    assert not marker.exists()


def test_non_utf8_is_located_at_the_bad_byte(write: Write) -> None:
    found = problems(write, "name: caf\u00e9\n".encode("latin-1"))
    assert found == ["1:10: error: file is not UTF-8 text (byte 0xe9 cannot be read); "
                     "save it as UTF-8"]


def test_binary_content(write: Write) -> None:
    found = problems(write, b"name: x\n\x00\x01\x02")
    assert found == ["2:1: error: file contains binary data (a NUL byte), not routine text"]


def test_a_utf8_byte_order_mark_is_fine(write: Write) -> None:
    routine = load_routine(write("\ufeffname: x\nexercises: [{name: a, hold: 5}]\n"))
    assert routine.name == "x"


def test_oversized_files_are_refused_unread(write: Write) -> None:
    path = write("name: x\n" + "#" * (1024 * 1024) + "\n")
    with pytest.raises(RoutineError, match="at most 1,048,576 bytes"):
        load_routine(path)
    with pytest.raises(RoutineError, match="at most 1,048,576 bytes"):
        parse_routine(path.read_bytes(), "in-memory")


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(RoutineError, match="cannot read file: No such file"):
        load_routine(tmp_path / "missing.yaml")
    with pytest.raises(RoutineError, match="is a folder"):
        load_routine(tmp_path)


def test_alias_bomb_is_rejected_fast(write: Write) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines.append("name: *a9\nexercises: [{name: a, hold: 5}]")
    start = time.process_time()
    found = problems(write, "\n".join(lines) + "\n")
    assert time.process_time() - start < 5  # a generous bound: unbounded would never finish
    assert any("expands to more than" in f for f in found)


def test_an_alias_that_contains_itself(write: Write) -> None:
    found = problems(write, "name: &a [*a]\nexercises: [{name: a, hold: 5}]\n")
    assert any("nesting is deeper than" in f for f in found)


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_absurd_nesting_is_rejected(write: Write, opening: str) -> None:
    found = problems(write, "name: " + opening * 100_000 + "\n")
    assert any("nesting is deeper than 32 levels" in f for f in found)


def test_plain_aliases_still_work(write: Write) -> None:
    text = ("name: x\nexercises:\n  - name: a\n    hold: &h 30s\n  - name: b\n    hold: *h\n")
    routine = load_routine(write(text))
    assert [e.hold for e in routine.exercises] == [Span(30, 30), Span(30, 30)]


def test_yaml_oddities_are_read_as_written(write: Write) -> None:
    # YAML 1.1 would read 'no' as false, 010 as octal and 1:30 as base-60; people mean the text.
    text = "name: no\nexercises: [{name: yes, hold: 1:30, reps: null}]\n"
    found = problems(write, text)
    assert any("'reps' has no value" in f for f in found)
    routine = load_routine(write("name: no\nexercises: [{name: yes, hold: 010}]\n"))
    assert routine.name == "no" and routine.exercises[0].name == "yes"
    assert routine.exercises[0].hold == Span(10, 10)


def test_images_are_found_next_to_the_routine(write: Write, tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "frog.png").write_bytes(b"not really a png")
    routine = load_routine(write("name: x\nexercises: [{name: a, hold: 5, image: img/frog.png}]\n"))
    assert routine.image_path(routine.exercises[0]) == tmp_path / "img" / "frog.png"


def test_control_characters_are_located(write: Write) -> None:
    found = problems(write, "name: x\nexercises: [\x01]\n")
    assert found == ["2:13: error: file contains a control character (#x0001) that a routine "
                     "file may not have"]


@pytest.mark.parametrize("value", ["inf", "nan", "1e400", "1" * 400, "1e2", "1_0"])
def test_odd_numbers_for_counts_are_refused_not_crashed_on(write: Write, value: str) -> None:
    found = problems(write, f"name: x\nexercises:\n  - {{name: a, reps: {value}}}\n")
    assert any("reps must be a whole number" in f or "far too large" in f for f in found), found


def test_syntax_errors_point_where_the_mistake_began(write: Write) -> None:
    assert problems(write, "name: x\nexercises:\n  - name: a\n    hold:30s\n") == [
        "4:5: error: YAML syntax: while scanning a simple key: could not find expected ':'"]
    assert problems(write, 'name: "x\nexercises: []\n')[0].startswith(
        "1:7: error: YAML syntax: while scanning a quoted scalar")
    assert problems(write, "name: x\nexercises:\n\t- name: a\n") == [
        "3:1: error: YAML syntax: a tab character; YAML is indented with spaces, not tabs"]


def test_utf16_files_are_named_as_such(write: Write) -> None:
    assert problems(write, "name: x\n".encode("utf-16")) == [
        "1:1: error: file is UTF-16 text; save it as UTF-8"]


def test_range_messages_quote_what_was_written(write: Write) -> None:
    found = problems(write, "name: x\nexercises:\n  - {name: a, hold: 2020-01-01}\n")
    assert found == ["3:21: error: hold: '2020-01-01' is not a duration or a range of "
                     "durations such as 30-60s"]
    routine = load_routine(write("name: x\nexercises:\n  - {name: a, hold: 1m30-2m}\n"))
    assert routine.exercises[0].hold == Span(90, 120)


def test_a_quoted_version_is_accepted(write: Write) -> None:
    text = "hiptimer: '1'\nname: x\nexercises:\n  - {name: a, hold: 5}\n"
    assert load_routine(write(text)).version == 1
