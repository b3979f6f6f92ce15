"""Where hiptimer keeps the user's files: the XDG folders, and the move from the old layout."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from hiptimer.base import locations
from hiptimer.base.locations import (
    Base,
    cache_dir,
    config_dir,
    data_dir,
    migrate_old_layout,
    settings_file,
    state_dir,
    user_routines_dir,
)
from hiptimer.cli import main

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the XDG layout is the Linux convention")


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """No ``HIPTIMER_DATA_DIR``: each XDG base directory is a folder of the test's own."""
    monkeypatch.delenv("HIPTIMER_DATA_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    bases = {}
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        bases[variable] = tmp_path / variable.lower()
        monkeypatch.setenv(variable, str(bases[variable]))
    return bases


def test_each_kind_of_file_has_its_xdg_folder(xdg: dict[str, Path]) -> None:
    assert data_dir() == xdg["XDG_DATA_HOME"] / "hiptimer"
    assert user_routines_dir() == xdg["XDG_DATA_HOME"] / "hiptimer" / "routines"
    assert config_dir() == xdg["XDG_CONFIG_HOME"] / "hiptimer"
    assert cache_dir() == xdg["XDG_CACHE_HOME"] / "hiptimer"
    assert state_dir() == xdg["XDG_STATE_HOME"] / "hiptimer"
    assert settings_file() == config_dir() / "settings.ini"


def test_unset_or_relative_xdg_variables_mean_the_folders_under_home(
        xdg: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # the spec says: ignore it
    monkeypatch.setenv("XDG_STATE_HOME", "")
    home = tmp_path / "home"
    assert config_dir() == home / ".config" / "hiptimer"
    assert cache_dir() == home / ".cache" / "hiptimer"
    assert state_dir() == home / ".local" / "state" / "hiptimer"


def test_hiptimer_data_dir_keeps_everything_in_one_folder(data_dir: Path) -> None:
    assert locations.data_dir() == data_dir
    assert config_dir() == data_dir
    assert settings_file() == data_dir / "settings.ini"
    assert cache_dir() == data_dir / "cache"
    assert state_dir() == data_dir / "state"


def _old_layout(folder: Path) -> None:
    """A data folder as older versions left it."""
    (folder / "routines").mkdir(parents=True)
    (folder / "routines" / "mine.yaml").write_text("my routine\n")
    (folder / "history.sqlite").write_bytes(b"history")
    (folder / "trash").mkdir()
    (folder / "settings.ini").write_text("[sound]\nvolume=40\n")
    (folder / "cache" / "speech").mkdir(parents=True)
    (folder / "cache" / "speech" / "0123.wav").write_bytes(b"RIFF")


def test_an_old_data_folder_is_moved_once_and_nothing_made_is_lost(
        xdg: dict[str, Path]) -> None:
    old = xdg["XDG_DATA_HOME"] / "hiptimer"
    _old_layout(old)
    assert migrate_old_layout() == []
    assert (config_dir() / "settings.ini").read_text() == "[sound]\nvolume=40\n"
    assert not (old / "settings.ini").exists()
    assert not (old / "cache").exists()  # made again when needed, in the cache folder
    assert (old / "routines" / "mine.yaml").read_text() == "my routine\n"
    assert (old / "history.sqlite").read_bytes() == b"history"
    assert (old / "trash").is_dir()
    assert migrate_old_layout() == []  # a second start finds nothing to do


def test_settings_already_in_the_config_folder_win(xdg: dict[str, Path]) -> None:
    old = xdg["XDG_DATA_HOME"] / "hiptimer"
    _old_layout(old)
    config_dir().mkdir(parents=True)
    (config_dir() / "settings.ini").write_text("[sound]\nvolume=90\n")
    assert migrate_old_layout() == []
    assert (config_dir() / "settings.ini").read_text() == "[sound]\nvolume=90\n"
    assert (old / "settings.ini").exists()  # left, not thrown away


def test_other_files_in_the_old_cache_folder_are_kept(xdg: dict[str, Path]) -> None:
    old = xdg["XDG_DATA_HOME"] / "hiptimer"
    _old_layout(old)
    (old / "cache" / "notes.txt").write_text("mine")
    migrate_old_layout()
    assert (old / "cache" / "notes.txt").read_text() == "mine"
    assert not (old / "cache" / "speech").exists()


def test_a_failed_move_is_reported_and_the_old_settings_still_read(
        xdg: dict[str, Path]) -> None:
    old = xdg["XDG_DATA_HOME"] / "hiptimer"
    _old_layout(old)
    xdg["XDG_CONFIG_HOME"].write_text("a file where the config folder should be")
    problems = migrate_old_layout()
    assert len(problems) == 1
    assert "could not move its settings" in problems[0]
    assert str(old / "settings.ini") in problems[0]
    assert settings_file() == old / "settings.ini"


def test_the_command_line_moves_the_old_layout_at_start(
        xdg: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old = xdg["XDG_DATA_HOME"] / "hiptimer"
    _old_layout(old)
    assert main(["list"]) == 0
    assert (config_dir() / "settings.ini").is_file()
    assert "hiptimer:" not in capsys.readouterr().err


def test_the_window_keeps_its_settings_in_the_config_folder(xdg: dict[str, Path]) -> None:
    from hiptimer.base.preferences import read_settings

    settings, _ = read_settings()
    settings.volume = 35
    assert settings.save() is None
    assert "volume=35" in (config_dir() / "settings.ini").read_text()
    assert not data_dir().exists()


def test_spoken_announcements_are_cached_in_the_cache_folder(
        xdg: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from hiptimer import practice as assembly
    from hiptimer.base.locations import builtin_routines_dir
    from hiptimer.cues.names import CueSettings
    from hiptimer.cues.player import SilentSink
    from hiptimer.routine.parse import load_routine
    from hiptimer.session.timeline import compile_timeline

    folders: list[Path] = []

    class Speaker:
        def __init__(self, cache: Path) -> None:
            folders.append(cache)

    monkeypatch.setattr(assembly, "Speaker", Speaker)
    timeline = compile_timeline(load_routine(builtin_routines_dir() / "daily-short.yaml"))
    assembly.build_cues(timeline, CueSettings(voice=False), SilentSink(), lambda _: None,
                        data_dir())
    assert folders == [xdg["XDG_CACHE_HOME"] / "hiptimer" / "speech"]


@pytest.mark.parametrize(("value", "why"), [
    ("~nosuchuser-of-hiptimer/data", "the home folder of an unknown user"),
    ("relative/data", "a relative path"),
])
def test_a_data_folder_setting_that_cannot_work_is_refused_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, why: str) -> None:
    monkeypatch.chdir(tmp_path / "data")
    monkeypatch.setenv("HIPTIMER_DATA_DIR", value)
    with pytest.raises(SystemExit) as stopped:
        main(["history"])
    message = str(stopped.value.code)
    assert message.startswith("hiptimer: HIPTIMER_DATA_DIR=") and "\n" not in message
    assert repr(value) in message and why in message
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data"]
    assert list((tmp_path / "data").iterdir()) == []  # nothing was made, here or there


@pytest.mark.parametrize("inside", [False, True])
def test_a_data_folder_that_is_a_file_is_said_and_nothing_breaks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        inside: bool) -> None:
    a_file = tmp_path / "a file"
    a_file.write_text("mine")
    monkeypatch.setenv("HIPTIMER_DATA_DIR", str(a_file / "data" if inside else a_file))
    assert main(["history"]) == 0
    assert "history" in capsys.readouterr().err
    assert main(["remind", "--dry-run"]) == 0
    assert "no reminders are sent" in capsys.readouterr().err
    assert a_file.read_text() == "mine"


def test_an_empty_data_folder_setting_is_as_good_as_none(xdg: dict[str, Path],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIPTIMER_DATA_DIR", "")
    assert data_dir() == xdg["XDG_DATA_HOME"] / "hiptimer"


def test_the_data_folder_may_be_under_home(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("HIPTIMER_DATA_DIR", "~/trial")
    assert data_dir() == tmp_path / "trial"


def test_the_config_folder_made_for_old_settings_is_the_users_alone(
        xdg: dict[str, Path]) -> None:
    old = xdg["XDG_DATA_HOME"] / "hiptimer"
    _old_layout(old)
    before = os.umask(0o022)
    try:
        assert migrate_old_layout() == []
    finally:
        os.umask(before)
    assert [stat.S_IMODE(folder.stat().st_mode) for folder in
            (xdg["XDG_CONFIG_HOME"], config_dir())] == [0o700, 0o700]


def test_each_base_folder_is_the_one_above_hiptimers(xdg: dict[str, Path]) -> None:
    assert {variable: base.base() for base in Base for variable in [base.variable]} == xdg
    assert all(base.folder() == base.base() / "hiptimer" for base in Base)
