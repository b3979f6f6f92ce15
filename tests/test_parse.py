"""A routine file either loads as the routine its author meant, or every problem is located."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from hiptimer.base.problem import Problem
from hiptimer.routine import (
    IntRange,
    Order,
    RoutineError,
    Settings,
    Span,
    Tempo,
    load_routine,
    parse_routine,
    source,
)
from hiptimer.routine.parse import MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS

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
    assert found == ["1:11: error: the alias *a is inside the value it names, so that value "
                     "would never end"]


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
    assert any("reps must be a whole number" in f or "far too large" in f
               or "far too long" in f for f in found), found


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


@pytest.fixture(params=["libyaml", "pyyaml"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Runs a test with libyaml reading the YAML, then with PyYAML's own parser."""
    if request.param == "libyaml" and not yaml.__with_libyaml__:
        pytest.skip("this PyYAML has no libyaml")
    monkeypatch.setattr(source, "FAST", request.param == "libyaml")
    yield request.param


# Where a routine holds text, with {} inside a double-quoted YAML string.
TEXT_FIELDS = [
    'name: "{}"\nexercises: [{{name: a, hold: 5}}]\n',
    'name: x\ndescription: "{}"\nexercises: [{{name: a, hold: 5}}]\n',
    'name: x\nexercises:\n  - {{name: "{}", hold: 5}}\n',
    'name: x\nexercises:\n  - {{name: a, hold: 5, description: "{}"}}\n',
    'name: x\nexercises:\n  - {{name: a, hold: 5, setup: "{}"}}\n',
    'name: x\nexercises:\n  - {{name: a, hold: 5, sides: ["{}", b]}}\n',
    'name: x\nexercises:\n  - {{name: a, hold: 5, sides: "{}"}}\n',
    'name: x\nexercises:\n  - {{name: a, hold: 5, image: "{}"}}\n',
    'name: x\nexercises:\n  - {{name: a, reps: 5, order: "{}"}}\n',
    'name: x\nexercises:\n  - {{name: a, hold: "30s{}"}}\n',
    'name: x\nexercises:\n  - {{name: a, reps: "5{}"}}\n',
    'name: x\ndefaults: {{tempo: "3s{}", rest: 5}}\nexercises: [{{name: a, hold: 5}}]\n',
    'hiptimer: "1{}"\nname: x\nexercises: [{{name: a, hold: 5}}]\n',
    '"name{}": x\nname: x\nexercises: [{{name: a, hold: 5}}]\n',
]
# YAML escapes for characters no routine text may hold, and what the message calls them.
UNSAFE = [("\\e", "control character U+001B (escape)"),
          ("\\a", "control character U+0007 (bell)"), ("\\x9b", "control character U+009B"),
          ("\\r", "control character U+000D (carriage return)"),
          ("\\t", "control character U+0009 (tab)"), ("\\0", "control character U+0000"),
          ("\\x7f", "control character U+007F (delete)"), ("\\x85", "control character U+0085"),
          ("\\u202e", "text-direction control U+202E"),
          ("\\u2066", "text-direction control U+2066"),
          ("\\u2028", "line or paragraph separator U+2028"),
          ("\\uFFFE", "non-character U+FFFE"), ("\\uFDD0", "non-character U+FDD0"),
          ("\\U0010FFFF", "non-character U+10FFFF")]


def start_of_string(template: str) -> str:
    """``LINE:COLUMN`` of the quote that opens the string ``{}`` is in."""
    text = template.format("\N{SECTION SIGN}")
    quote = text.rfind('"', 0, text.index("\N{SECTION SIGN}"))
    return f"{text.count(chr(10), 0, quote) + 1}:{quote - text.rfind(chr(10), 0, quote)}"


@pytest.mark.parametrize("template", TEXT_FIELDS, ids=lambda t: t.split("{}")[0][-24:])
@pytest.mark.parametrize(("escape", "named"), UNSAFE, ids=[e for e, _ in UNSAFE])
def test_unsafe_characters_written_as_escapes_are_refused_where_written(
        write: Write, engine: str, template: str, escape: str, named: str) -> None:
    where = start_of_string(template)
    found = problems(write, template.format(escape))
    assert f"{where}: error: text contains the {named}, which routine text may not have, " \
           "not even written as an escape" in found, found
    assert all(line.isprintable() for line in found)


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ud83d\\ude00", "\\U00110000"])
def test_escapes_that_are_no_character_are_refused(write: Write, engine: str,
                                                     escape: str) -> None:
    found = problems(write, f'name: "{escape}"\nexercises: [{{name: a, hold: 5}}]\n')
    assert len(found) == 1 and found[0].startswith("1:"), found
    assert "surrogate" in found[0] or "escape" in found[0] or "cannot be read" in found[0]
    assert found[0].isprintable()


def test_text_that_is_only_unusual_is_kept(write: Write, engine: str) -> None:
    text = ('name: "Hanche \\u00e0 90\\u00b0 \\U0001F9D8\\u200D\\u2640\\uFE0F"\n'
            "description: |\n  Deux lignes,\n  avec\u00a0espace ins\u00e9cable.\n"
            "exercises:\n  - {name: \u30ab\u30a8\u30eb, hold: 30s, sides: [\u5de6, \u53f3]}\n")
    routine = load_routine(write(text))
    assert routine.name == "Hanche \u00e0 90\u00b0 \U0001F9D8\u200D\u2640\uFE0F"
    assert routine.description == "Deux lignes,\navec\u00a0espace ins\u00e9cable."
    assert routine.exercises[0].sides == ("\u5de6", "\u53f3")


@pytest.mark.parametrize(("text", "expected"), [
    ('name: "a\\nb"\nexercises: [{name: a, hold: 5}]\n',
     "1:7: error: the routine's name contains a line break; it must be one line"),
    ('name: x\nexercises: [{name: "a\\nb", hold: 5}]\n',
     "2:20: error: exercise 1's name contains a line break; it must be one line"),
    ('name: x\nexercises: [{name: a, hold: 5, sides: ["l\\nr", b]}]\n',
     "2:40: error: a side label contains a line break; it must be one line"),
    ("name: " + "n" * (MAX_NAME_CHARS + 1) + "\nexercises: [{name: a, hold: 5}]\n",
     f"1:7: error: the routine's name is {MAX_NAME_CHARS + 1} characters long; at most "
     f"{MAX_NAME_CHARS} are allowed"),
    ("name: x\ndescription: " + "d" * (MAX_DESCRIPTION_CHARS + 1)
     + "\nexercises: [{name: a, hold: 5}]\n",
     f"2:14: error: description is {MAX_DESCRIPTION_CHARS + 1:,} characters long; at most "
     f"{MAX_DESCRIPTION_CHARS:,} are allowed"),
    ("name: x\nexercises: [{name: a, hold: 5, image: " + "i" * 600 + "}]\n",
     "2:39: error: the image path is 600 characters long; at most 500 are allowed"),
])
def test_names_and_labels_are_one_line_of_reasonable_length(
        write: Write, text: str, expected: str) -> None:
    assert expected in problems(write, text)


def test_an_image_name_too_long_for_the_file_system_is_a_problem_not_a_crash(
        write: Write) -> None:
    found = problems(write, "name: x\nexercises: [{name: a, hold: 5, image: "
                     + "i" * 400 + ".png}]\n")
    assert len(found) == 1 and found[0].startswith("2:39: error: image 'iiii")
    assert "(404 characters) cannot be looked for: " in found[0] and len(found[0]) < 200


def test_a_message_never_repeats_a_huge_value_in_full(write: Write, engine: str) -> None:
    huge = "k" * 50_000
    text = (f"? {huge}\n: 1\nname: x\nexercises:\n  - {{name: a, hold: '1{' ' * 50_000}x'}}\n"
            f"  - {{name: b, reps: 5, sides: {huge}, order: {huge}}}\n")
    found = problems(write, text)
    assert len(found) == 4
    assert all(len(line) < 300 for line in found), [len(line) for line in found]
    assert "(50,000 characters)" in found[0]


def test_a_merge_key_and_a_second_document_have_one_plain_message_each(
        write: Write, engine: str) -> None:
    found = problems(write, "name: x\nexercises:\n  - <<: {rest: 5}\n    name: a\n"
                            "    hold: 5\n")
    assert found == ["3:5: error: merge keys (<<) are not supported; put shared settings "
                     "under 'defaults:'"]
    found = problems(write, "name: x\nexercises: [{name: a, hold: 5}]\n---\nname: y\n")
    assert found == ["3:1: error: YAML syntax: a second document starts here; a routine file "
                     "holds one (remove the '---')"]


def test_an_alias_bomb_costs_the_same_on_either_parser(write: Write, engine: str) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    found = problems(write, "\n".join(lines) + "\nname: *a11\nexercises: [{name: a, hold: 5}]\n")
    assert found == ["5:15: error: file expands to more than 20,000 values (too many values "
                     "or aliases?)"]


# -- what is read: only regular files, and never more than the limit -------------------------

def located(path: Path) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    return [str(p) for p in caught.value.problems]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    assert located(pipe) == [f"{pipe}:1:1: error: is a named pipe (FIFO), not a regular file; "
                             "only regular files are read"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_link_to_a_device_is_refused_unread(tmp_path: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    link = tmp_path / "device.yaml"
    link.symlink_to(device)
    assert located(link) == [f"{link}:1:1: error: is a device, not a regular file; only "
                             "regular files are read"]


def test_a_folder_named_like_a_routine(tmp_path: Path) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    assert located(folder) == [f"{folder}:1:1: error: is a folder, not a routine file"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="permissions do not stop the superuser from reading")
def test_an_unreadable_file(write: Write) -> None:
    path = write(GOOD)
    path.chmod(0)
    try:
        assert located(path) == [f"{path}:1:1: error: cannot read file: Permission denied"]
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_file_that_cannot_be_opened(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same refusal as above, for when the tests run as the superuser.
    path = write(GOOD)

    def refuse(*args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("hiptimer.base.files.os.open", refuse)
    assert located(path) == [f"{path}:1:1: error: cannot read file: Permission denied"]


def test_a_file_over_the_limit_is_not_read_whatever_its_size_claims(
        write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(b"name: x\n" + b"#" * (3 * source.MAX_BYTES))
    real_fstat, real_read = os.fstat, os.read
    read: list[int] = []

    def fstat(descriptor: int) -> os.stat_result:
        info = list(real_fstat(descriptor))
        info[stat.ST_SIZE] = 0  # as /proc files and growing files do
        return os.stat_result(info)

    def counting_read(descriptor: int, size: int) -> bytes:
        data = real_read(descriptor, size)
        read.append(len(data))
        return data

    monkeypatch.setattr("hiptimer.base.files.os.fstat", fstat)
    monkeypatch.setattr("hiptimer.base.files.os.read", counting_read)
    assert located(path) == [f"{path}:1:1: error: file is more than 1,048,576 bytes; a "
                             "routine file may be at most 1,048,576 bytes (1 MiB)"]
    assert sum(read) == source.MAX_BYTES + 1


def test_a_file_of_exactly_the_limit_is_read(write: Write) -> None:
    head = b"name: x\nexercises: [{name: a, hold: 5}]\n"
    path = write(head + b"#" * (source.MAX_BYTES - len(head) - 1) + b"\n")
    assert path.stat().st_size == source.MAX_BYTES
    assert load_routine(path).name == "x"


def test_problems_print_paths_and_messages_without_raw_control_characters() -> None:
    problem = Problem("evil\x1b[2J\udcff.yaml", 1, 2, "bad \x07 thing")
    assert str(problem) == "evil\\x1b[2J\\udcff.yaml:1:2: error: bad \\x07 thing"
    str(problem).encode("utf-8")
