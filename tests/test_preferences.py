"""The preferences file as every front end reads it: what Qt's QSettings wrote for earlier
versions reads the same, what is saved reads back in Qt, every value stays in its range, and
a damaged or hostile file gives the defaults and says why, never a crash."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hiptimer.base.preferences import (
    FONT_SCALE,
    SIZE_LIMIT,
    VOLUME,
    WEEKLY_TARGET,
    Settings,
    Theme,
    read_settings,
    settings_text,
)

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

# Hypothesis runs many examples in one test, so these use a folder of their own, not the
# per-test fixture (which it would share between examples).
EXAMPLES = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def in_range(prefs: Settings) -> bool:
    return (VOLUME.low <= prefs.volume <= VOLUME.high
            and FONT_SCALE.low <= prefs.font_scale <= FONT_SCALE.high
            and WEEKLY_TARGET.low <= prefs.weekly_target <= WEEKLY_TARGET.high
            and isinstance(prefs.volume, int) and isinstance(prefs.weekly_target, int)
            and isinstance(prefs.theme, Theme)
            and all(isinstance(name, str) for name in prefs.cues_off))


def test_a_file_qsettings_wrote_reads_the_same(tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    path = tmp_path / "settings.ini"
    store = QSettings(str(path), QSettings.Format.IniFormat)
    for key, value in (("sound/volume", 35), ("sound/muted", True), ("sound/voice", False),
                       ("cues/tempo", False), ("cues/reps", True), ("look/theme", "dark"),
                       ("look/font_scale", 1.2000000000000002),
                       ("history/weekly_target", 5), ("notes/safety_seen", True),
                       # Keys of another version, quoted and escaped as Qt does: kept.
                       ("later/words", 'a, "b";c'), ("top_level", "x, y")):
        store.setValue(key, value)
    store.sync()
    del store
    prefs, problem = read_settings(path)
    assert problem is None
    assert prefs == Settings(volume=35, muted=True, voice=False, cues_off=frozenset({"tempo"}),
                             theme=Theme.DARK, font_scale=1.2, weekly_target=5,
                             safety_note_seen=True)
    prefs.volume = 90
    assert prefs.save() is None
    again = QSettings(str(path), QSettings.Format.IniFormat)
    assert again.value("later/words") == 'a, "b";c' and again.value("top_level") == "x, y"
    assert again.value("sound/volume") == "90"


def test_what_is_saved_reads_back_in_qsettings(tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    path = tmp_path / "settings.ini"
    Settings(volume=55, muted=True, voice=False, cues_off=frozenset({"countdown", "halfway"}),
             theme=Theme.LIGHT, font_scale=1.5, weekly_target=4, safety_note_seen=True,
             full_screen=True, last_routine="/home/a b/morning; 50%.yaml", language="de",
             path=path).save()
    store = QSettings(str(path), QSettings.Format.IniFormat)
    assert store.status() is QSettings.Status.NoError
    assert {key: store.value(key) for key in store.allKeys()} == {
        "sound/volume": "55", "sound/muted": "true", "sound/voice": "false",
        "cues/countdown": "false", "cues/halfway": "false", "look/theme": "light",
        "look/font_scale": "1.5", "history/weekly_target": "4", "notes/safety_seen": "true",
        "look/full_screen": "true", "library/last_routine": "/home/a b/morning; 50%.yaml",
        "look/language": "de"}
    assert read_settings(path)[0].last_routine == "/home/a b/morning; 50%.yaml"


def test_a_routine_name_that_cannot_stay_on_one_line_is_not_kept() -> None:
    assert Settings(last_routine="a\nb").last_routine == ""
    assert Settings(last_routine=" daily").last_routine == ""


def test_quoted_values_and_any_case_read_as_qt_means_them(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text('volume=10\n[look]\ntheme = "Dark"\n[sound]\nmuted = TRUE\nvoice=0\n')
    prefs, problem = read_settings(path)
    assert problem is None
    assert (prefs.volume, prefs.theme, prefs.muted, prefs.voice) == (80, Theme.DARK, True,
                                                                      False)


def test_no_file_gives_the_defaults_quietly(tmp_path: Path) -> None:
    prefs, problem = read_settings(tmp_path / "none" / "settings.ini")
    assert problem is None and prefs == Settings()
    assert (prefs.volume, prefs.muted, prefs.voice, prefs.theme, prefs.font_scale,
            prefs.weekly_target) == (80, False, True, Theme.SYSTEM, 1.0, 2)


def test_every_value_is_held_in_its_range_read_or_set(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[sound]\nvolume=500\n[look]\nfont_scale=-3\n"
                    "[history]\nweekly_target=1e308\n")
    prefs, problem = read_settings(path)
    assert problem is None
    assert (prefs.volume, prefs.font_scale, prefs.weekly_target) == (100, 0.5, 14)
    prefs.volume, prefs.font_scale, prefs.weekly_target = -1, 7, 0
    assert (prefs.volume, prefs.font_scale, prefs.weekly_target) == (0, 2.0, 1)
    prefs.volume = 33.6  # type: ignore[assignment]  # a slider's value, say
    assert prefs.volume == 34


def test_a_value_that_is_not_one_keeps_its_default_and_is_named(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[sound]\nvolume=loud\nmuted=perhaps\nvoice=false\n[look]\ntheme=pink\n"
                    "font_scale=nan\n[cues]\ntempo=false\nreps=\x1b[31m\n")
    prefs, problem = read_settings(path)
    assert (prefs.volume, prefs.muted, prefs.voice, prefs.theme, prefs.font_scale) == (
        80, False, False, Theme.SYSTEM, 1.0)
    assert prefs.cues_off == {"tempo"}
    assert problem is not None
    assert problem.summary == "Some of your settings could not be read, so those have their " \
                              "defaults"
    for named in ("volume = 'loud'", "muted", "theme = 'pink'", "font_scale", "'reps'"):
        assert named in problem.detail
    assert "\x1b" not in problem  # a terminal's escape is shown, not obeyed


@pytest.mark.parametrize(("content", "reason"), [
    (b"\xff\xfe[sound]\nvolume=10\n", "not UTF-8"),
    (b"[sound\nvolume=10\n", "line 1 is neither a [section] nor a key=value: '[sound'"),
    (b"[sound]\nvolume=10\n  continued\n[sound]\n]]]\n", "line 5 is neither"),
    (b"\x00" * 100, "line 1 is neither"),
    (b"[sound]\nvolume=1\n" + b"#" * SIZE_LIMIT, "larger than"),
])
def test_a_damaged_file_gives_the_defaults_and_says_why(tmp_path: Path, content: bytes,
                                                        reason: str) -> None:
    path = tmp_path / "settings.ini"
    path.write_bytes(content)
    prefs, problem = read_settings(path)
    assert prefs == Settings()
    assert problem is not None and problem.summary.startswith("Your settings could not be read")
    assert reason in problem.detail and str(path) in problem.detail
    assert len(problem) < 500


def test_a_folder_or_a_pipe_in_its_place_gives_the_defaults(tmp_path: Path) -> None:
    folder = tmp_path / "settings.ini"
    folder.mkdir()
    prefs, problem = read_settings(folder)
    assert prefs == Settings() and problem is not None and "a folder, not a file" in problem
    pipe = tmp_path / "pipe.ini"
    os.mkfifo(pipe)
    prefs, problem = read_settings(pipe)  # never waits for a writer
    assert prefs == Settings() and problem is not None and "named pipe" in problem


def test_an_unreadable_file_gives_the_defaults(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[sound]\nvolume=10\n")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads any file: refused as it would be for a user

        def refuse(*args: object) -> int:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

        monkeypatch.setattr(os, "open", refuse)
    prefs, problem = read_settings(path)
    assert prefs == Settings() and problem is not None and "Permission denied" in problem


@EXAMPLES
@given(content=st.binary(max_size=2000))
def test_any_bytes_give_sane_values_and_no_exception(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.ini"
    path.write_bytes(content)
    prefs, _ = read_settings(path)
    assert in_range(prefs)


KEYS = st.sampled_from(["volume", "muted", "voice", "theme", "font_scale", "weekly_target",
                        "safety_seen", "tempo", "reps", "countdown", "other"])
SECTIONS = st.sampled_from(["sound", "look", "history", "notes", "cues", "General", "DEFAULT",
                            "%General", "x"])
VALUES = st.one_of(st.text(max_size=30), st.integers().map(str),
                   st.floats(allow_nan=True, allow_infinity=True).map(str),
                   st.sampled_from(["true", "false", '"dark"', "TRUE", "", "1e999", "-0"]))
INI = st.lists(st.one_of(SECTIONS.map(lambda s: f"[{s}]"),
                         st.tuples(KEYS, VALUES).map(lambda kv: f"{kv[0]}={kv[1]}")),
               max_size=30).map("\n".join)


@EXAMPLES
@given(text=INI)
def test_any_ini_shaped_text_gives_sane_values_and_saves_back(tmp_path: Path,
                                                              text: str) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    prefs, _ = read_settings(path)
    assert in_range(prefs)
    if prefs.save() is None:
        again, problem = read_settings(path)
        assert again == prefs and problem is None


@EXAMPLES
@given(volume=st.integers(-10, 200), muted=st.booleans(), voice=st.booleans(),
       off=st.frozensets(st.sampled_from(["tempo", "reps", "countdown", "finished"])),
       theme=st.sampled_from(Theme), scale=st.floats(0, 3), target=st.integers(-5, 50))
def test_what_is_saved_is_read_back(tmp_path: Path, volume: int, muted: bool, voice: bool,
                                    off: frozenset[str], theme: Theme, scale: float,
                                    target: int) -> None:
    path = tmp_path / "settings.ini"
    path.unlink(missing_ok=True)
    prefs = Settings(volume=volume, muted=muted, voice=voice, cues_off=off, theme=theme,
                     font_scale=scale, weekly_target=target, path=path)
    assert in_range(prefs) and prefs.save() is None
    assert read_settings(path) == (prefs, None)
    prefs.cues_off = frozenset()  # switched back on: the keys stay, as true
    assert prefs.save() is None and read_settings(path)[0].cues_off == frozenset()


def test_a_save_that_fails_is_reported_and_leaves_the_old_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "config"
    path = folder / "settings.ini"
    Settings(volume=20, path=path).save()
    before = path.read_bytes()

    def full_disk(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    prefs = read_settings(path)[0]
    prefs.volume = 70
    problem = prefs.save()
    assert problem is not None
    assert problem.summary == ("Your settings could not be saved: they hold only until "
                               "hiptimer closes")
    assert "No space left on device" in problem.detail
    assert path.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["settings.ini"]  # no scratch file left


def test_a_save_where_no_file_can_be_is_reported(tmp_path: Path) -> None:
    (tmp_path / "settings.ini").mkdir()
    assert Settings(path=tmp_path / "settings.ini").save() is not None
    (tmp_path / "config").write_text("a file where the folder should be")
    assert Settings(path=tmp_path / "config" / "settings.ini").save() is not None


def test_the_text_is_qsettings_own_layout() -> None:
    assert settings_text(Settings(cues_off=frozenset({"tempo"}))) == (
        "[sound]\nvolume=80\nmuted=false\nvoice=true\n\n"
        "[look]\ntheme=system\nfont_scale=1.0\nfull_screen=false\nlanguage=\n\n"
        "[history]\nweekly_target=2\n\n"
        "[notes]\nsafety_seen=false\n\n"
        "[library]\nlast_routine=\n\n"
        "[cues]\ntempo=false\n\n")


def test_the_window_starts_with_what_was_saved_and_says_when_it_cannot_read_it(
        qtbot: QtBot, data_dir: Path) -> None:
    from hiptimer.base.locations import settings_file
    from hiptimer.ui.window.app import build_window

    from .support.audio import RecordingSink

    def started() -> tuple[Settings, str, str]:
        """The window's settings and its problem bar, as the app builds it."""
        built = build_window(sink=RecordingSink())
        window = built.window
        qtbot.addWidget(window)
        built.close()
        bar = window.problem_bar
        return window.settings, bar.label.text(), bar.detail.text()

    saved = Settings(volume=35, cues_off=frozenset({"reps"}), font_scale=1.3,
                     weekly_target=6, safety_note_seen=True)
    assert saved.save() is None
    assert started() == (saved, "", "")
    settings_file().write_bytes(b"[sound]\nvolume=\xff\n")
    settings, problem, detail = started()
    assert settings == Settings()
    assert problem == "Your settings could not be read, so hiptimer uses its defaults"
    assert "not UTF-8" in detail
