"""Private by default: after any start that writes, hiptimer's folders are open to the user
alone and its files readable by the user alone, however an older version or the umask left
them; folders hiptimer did not make keep their mode, with a note; and another user on the
machine can neither list the data folder nor read the history or an export."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from hiptimer.base.locations import cache_dir, config_dir, data_dir, state_dir
from hiptimer.cli import main
from hiptimer.history.store import HistoryStore

from .support.history import recorded_session
from .support.other_user import NOBODY, Refused, as_nobody, as_root_only, open_area

pytestmark = pytest.mark.skipif(os.name != "posix", reason="modes are POSIX's")


@pytest.fixture(autouse=True)
def install_umask() -> Iterator[None]:
    """The umask ``make install`` runs with on most systems: new files 0644, folders 0755."""
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No ``HIPTIMER_DATA_DIR``: the XDG layout, under a home of the test's own."""
    monkeypatch.delenv("HIPTIMER_DATA_DIR")
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(variable)
    return home


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def history_in(folder: Path) -> Path:
    path = folder / "history.sqlite"
    with HistoryStore(path) as store:
        recorded_session(store, 4)
    return path


def left_open() -> list[Path]:
    """hiptimer's folders and files as an older version left them under umask 022."""
    made = [history_in(data_dir()), config_dir() / "settings.ini",
            config_dir() / "training-days.txt", state_dir() / "reminded.txt",
            cache_dir() / "speech" / "0123.wav", data_dir() / "routines" / "mine.yaml",
            data_dir() / "trash" / "old.20250101-000000.yaml", data_dir() / "sounds" / "go.wav"]
    for path in made[1:]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("[notes]\nsafety_seen=true\n")  # (read as settings, too)
    for path in made:
        path.chmod(0o644)
    folders = {path.parent for path in made} | {data_dir(), cache_dir()}
    for folder in folders:
        folder.chmod(0o755)
    return [*made, *folders]


@pytest.mark.parametrize("layout", ["one folder", "xdg"])
def test_what_an_older_version_left_open_is_closed_at_start(
        layout: str, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]) -> None:
    if layout == "xdg":
        request.getfixturevalue("xdg")
    paths = left_open()
    assert main(["history"]) == 0
    assert {(path.name, mode(path)) for path in paths} == {
        (path.name, 0o700 if path.is_dir() else 0o600) for path in paths}
    assert "hiptimer:" not in capsys.readouterr().err


def test_a_first_start_makes_hiptimers_folders_for_the_user_alone(xdg: Path) -> None:
    (xdg / ".local" / "share").mkdir(parents=True)  # the user's already: not hiptimer's
    (xdg / ".local").chmod(0o755)
    (xdg / ".local" / "share").chmod(0o755)
    assert main(["history"]) == 0
    made = [data_dir(), config_dir(), cache_dir(), state_dir()]
    assert [mode(folder) for folder in made] == [0o700] * 4
    assert mode(xdg / ".local" / "share") == mode(xdg / ".local") == 0o755
    assert mode(xdg / ".config") == mode(xdg / ".local" / "state") == 0o700  # made now


def test_a_command_that_only_reads_changes_no_folder(data_dir: Path) -> None:
    data_dir.chmod(0o755)
    (data_dir / "routines").mkdir(mode=0o755)
    assert main(["list"]) == 0
    assert mode(data_dir) == 0o755
    assert sorted(p.name for p in data_dir.iterdir()) == ["routines"]


def test_a_link_in_the_data_folder_is_not_followed(data_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "someone-elses.txt"
    elsewhere.write_text("not hiptimer's")
    elsewhere.chmod(0o644)
    (data_dir / "routines").mkdir()
    (data_dir / "routines" / "linked.yaml").symlink_to(elsewhere)
    (data_dir / "linked.txt").symlink_to(elsewhere)
    assert main(["history"]) == 0
    assert mode(elsewhere) == 0o644
    assert (data_dir / "linked.txt").is_symlink()


@pytest.mark.parametrize(("where", "said"), [
    ("home", "is your home folder"),
    ("config base", "is your XDG_CONFIG_HOME folder"),
    ("above home", "holds your home folder"),
])
def test_a_folder_of_the_users_other_things_keeps_its_mode_with_a_note(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        where: str, said: str) -> None:
    home = tmp_path / "above" / "home"
    (home / ".config").mkdir(parents=True)
    (home / ".profile").write_text("the user's own")
    for path in (home.parent, home, home / ".config", home / ".profile"):
        path.chmod(0o644 if path.is_file() else 0o755)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    folder = {"home": home, "config base": home / ".config", "above home": home.parent}[where]
    monkeypatch.setenv("HIPTIMER_DATA_DIR", str(folder))
    assert main(["history"]) == 0
    assert [mode(home.parent), mode(home), mode(home / ".config"),
            mode(home / ".profile")] == [0o755, 0o755, 0o755, 0o644]
    notes = [line for line in capsys.readouterr().err.splitlines() if "hiptimer:" in line]
    assert len(notes) == 1
    assert f"{folder} {said}" in notes[0] and "did not make it" in notes[0]
    assert mode(folder / "history.sqlite") == 0o600  # what hiptimer makes there is its own


def test_the_reminder_timer_leaves_such_a_note_out_of_its_log(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("HIPTIMER_DATA_DIR", str(home))
    assert main(["remind", "--dry-run"]) == 0  # every five minutes, from the timer
    assert "did not make it" not in capsys.readouterr().err
    assert mode(home) == 0o755
    main(["history"])  # a start someone sees still says it
    assert "did not make it" in capsys.readouterr().err


def test_an_export_is_readable_by_the_user_alone(tmp_path: Path, data_dir: Path) -> None:
    history_in(data_dir)
    new = tmp_path / "sessions.csv"
    assert main(["export", "--csv", str(new)]) == 0
    old = tmp_path / "last-year.csv"
    old.write_text("an export made before\n")
    old.chmod(0o644)
    assert main(["export", "--csv", str(old)]) == 0
    assert (mode(new), mode(old)) == (0o600, 0o600)
    assert old.read_text() == new.read_text()
    assert "Rec" in new.read_text()


# -- another user ------------------------------------------------------------------------------

@as_root_only
def test_another_user_can_neither_list_the_data_folder_nor_read_the_history_or_export(
        monkeypatch: pytest.MonkeyPatch) -> None:
    with open_area() as area:
        data = area / "data"
        data.mkdir()  # as 'make install' left it: 0755, its files 0644
        monkeypatch.setenv("HIPTIMER_DATA_DIR", str(data))
        history = history_in(data)
        (data / "routines").mkdir()
        routine = data / "routines" / "my-private-routine.yaml"
        routine.write_text("name: Mine\n")
        settings = data / "settings.ini"
        settings.write_text("[notes]\nsafety_seen=true\n")
        history.chmod(0o644)

        def snoop() -> object:
            return (sorted(os.listdir(data)), history.read_bytes()[:6], routine.read_text(),
                    settings.read_text(), (area / "sessions.csv").read_text())

        export = area / "sessions.csv"
        export.write_text("an export made before\n")
        export.chmod(0o644)
        # Before hiptimer starts, all of it is open: the refusals below are its doing.
        assert as_nobody(snoop) == (["history.sqlite", "routines", "settings.ini"], b"SQLite",
                                    "name: Mine\n", "[notes]\nsafety_seen=true\n",
                                    "an export made before\n")
        assert main(["export", "--csv", str(export)]) == 0
        assert "Rec" in export.read_text()
        refused = Refused("EACCES")
        assert as_nobody(lambda: os.listdir(data)) == refused
        assert as_nobody(history.read_bytes) == refused
        assert as_nobody(routine.read_text) == refused
        assert as_nobody(settings.read_text) == refused
        assert as_nobody(export.read_text) == refused
        assert as_nobody(lambda: (area / "public.txt").read_text()) == "anyone may read this"


@as_root_only
def test_a_data_folder_of_another_user_is_left_as_it_is_with_a_note(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    theirs = data_dir / "theirs.txt"
    theirs.write_text("someone else's")
    for path in (data_dir, theirs):
        path.chmod(0o755 if path.is_dir() else 0o644)
        os.chown(path, NOBODY, NOBODY)
    assert main(["history"]) == 0
    assert (mode(data_dir), mode(theirs)) == (0o755, 0o644)
    assert not (data_dir / "cache").exists()  # nothing is made inside it either
    notes = [line for line in capsys.readouterr().err.splitlines() if "hiptimer:" in line]
    assert notes == [f"hiptimer: {data_dir} belongs to another user (uid {NOBODY}): hiptimer "
                     "did not make it, so it leaves who may read what is in it as it is"]
