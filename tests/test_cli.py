"""The command line as a person uses it: exit codes, messages and output they can read."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from hiptimer.cli import main

Write = Callable[..., Path]
GOOD = ("name: Quick\nexercises:\n  - {name: Frog, hold: 30s, sets: 2}\n"
        "  - {name: Lift, reps: 8, sides: both, tempo: self}\n")
BAD = "name: Broken\nexercises:\n  - {name: Frog, hold: -30s}\n"


def test_validate_says_ok_for_a_good_file(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(GOOD)
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: ok\n"


def test_validate_locates_problems_on_stderr_and_exits_1(
        write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = write(GOOD, "good.yaml"), write(BAD, "bad.yaml")
    assert main(["validate", str(good), str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == f"{good}: ok\n"
    assert err == f"{bad}:3:24: error: hold: duration '-30s' is negative\n"
    assert "Traceback" not in err


def test_validate_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate"])
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_plan_prints_a_table_with_the_total(
        write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(write(GOOD))]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Quick"
    assert lines[2].split() == ["#", "START", "EXERCISE", "PHASE", "SET", "SIDE", "LENGTH"]
    assert lines[3].split() == ["1", "0:00", "Frog", "get", "ready", "1/2", "-", "10s"]
    assert "8 reps, self-paced" in out and "open" in out
    assert lines[-1] == ("Total: 1m40s plus 2 self-paced phases (not counted: they last until "
                         "you move on)")


def test_plan_json(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--json", str(write(GOOD))]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["name"] == "Quick" and plan["total_seconds"] == 100
    assert [p["kind"] for p in plan["phases"]] == [
        "prepare", "work", "rest", "work", "prepare", "work", "switch", "work"]
    assert plan["phases"][1] == {"kind": "work", "exercise": "Frog", "round": 1, "set": 1,
                                 "side": None, "duration": 30.0, "offset": 10.0, "reps": None}
    assert plan["phases"][-1]["side"] == "right" and plan["phases"][-1]["duration"] is None


def test_plan_of_a_broken_file(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(write(BAD))]) == 1
    assert ": error: " in capsys.readouterr().err


def test_plan_by_library_name(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data_dir / "routines").mkdir()
    (data_dir / "routines" / "quick.yaml").write_text(GOOD)
    assert main(["plan", "quick"]) == 0
    assert capsys.readouterr().out.startswith("Quick\n")
    assert main(["plan", "no such routine"]) == 1
    assert "no routine file or library routine called 'no such routine'" in capsys.readouterr().err
    (data_dir / "routines" / "other.yaml").write_text(GOOD)  # also called Quick
    assert main(["plan", "quick"]) == 1
    assert "several routines are called 'quick'" in capsys.readouterr().err


def test_list_shows_built_ins_and_user_routines(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data_dir / "routines").mkdir()
    (data_dir / "routines" / "mine.yaml").write_text(GOOD)
    (data_dir / "routines" / "broken.yml").write_text(BAD)
    (data_dir / "routines" / "notes.txt").write_text("not a routine")
    assert main(["list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    built_in = [r for r in rows if r["origin"] == "built-in"]
    user = [r for r in rows if r["origin"] == "user"]
    assert len(built_in) >= 4 and all(r["valid"] for r in built_in)
    assert [(r["name"], r["valid"]) for r in user] == [("broken", False), ("Quick", True)]
    assert user[0]["problems"][0].endswith("error: hold: duration '-30s' is negative")
    assert user[1]["total_seconds"] == 100 and user[1]["exercises"] == 2

    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "INVALID (user)" in out and "ok (built-in)" in out
    assert "hiptimer validate PATH" in out


def test_the_app_without_a_display_says_so_in_one_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("hiptimer.ui.window.app.sys.platform", "linux")
    assert main([]) == 1
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "no display found" in err
    assert "'hiptimer run --no-gui ROUTINE'" in err and out == ""


def test_an_unknown_command_or_missing_file(data_dir: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    assert ("no routine file or library routine called 'frobnicate' (see 'hiptimer list'); "
            "commands are validate, plan, list") in capsys.readouterr().err


def test_the_window_opens_a_library_routine_by_name_as_run_and_plan_do(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[tuple[Path | None, bool]] = []
    monkeypatch.setattr("hiptimer.ui.window.app.has_display", lambda: True)

    def run_window(path: Path | None, start: bool) -> int:
        opened.append((path, start))
        return 0

    monkeypatch.setattr("hiptimer.ui.window.app.run_window", run_window)
    assert main(["daily-short", "--start"]) == 0
    assert main(["hip internal rotation - DAILY 10 minutes"]) == 0
    assert [(path.name if path else None, start) for path, start in opened] == [
        ("daily-short.yaml", True), ("daily-short.yaml", False)]
