"""The user's routines folder: copies, renames and deletes that lose nothing and say why."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptimer.routine import load_routine
from hiptimer.routine.catalogue import Entry, Origin, load_entry
from hiptimer.routine.parse import MAX_NAME_CHARS
from hiptimer.routine.user_folder import (
    FolderError,
    UserFolder,
    copy_name,
    free_path,
    original_stem,
    slug,
)

from .support.checkout import ROUTINES

TINY = ("name: Tiny\ndefaults: {prepare: 3s, rest: 2s}\nexercises:\n"
        "  - name: Frog stretch\n    hold: 4s\n    sets: 2\n")
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def says(*parts: str) -> str:
    """A pattern for a message holding ``parts`` in this order, each exactly as written."""
    return ".*".join(re.escape(part) for part in parts)


class Ticking:
    """A clock for the trash's time stamps that moves on a minute per reading."""

    def __init__(self) -> None:
        self.now = datetime(2024, 3, 1, 7, 30, 0)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def library(tmp_path: Path) -> UserFolder:
    (tmp_path / "routines").mkdir()
    return UserFolder(tmp_path / "routines", tmp_path / "trash", now=Ticking())


def tiny(library: UserFolder, name: str = "tiny.yaml", text: str = TINY) -> Entry:
    path = library.user_dir / name
    path.write_text(text, encoding="utf-8")
    return load_entry(path, Origin.USER)


def test_duplicating_twice_gives_two_copies_with_names_of_their_own(
        library: UserFolder) -> None:
    entry = tiny(library)
    first = library.duplicate(entry)
    second = library.duplicate(entry)
    assert first != second and first.parent == second.parent == library.user_dir
    assert load_routine(first).name == "Tiny (copy)"
    assert load_routine(second).name == "Tiny (copy 2)"
    assert load_routine(first).exercises == load_routine(entry.path).exercises
    assert entry.path.read_text(encoding="utf-8") == TINY


def test_a_copy_of_a_copy_is_numbered(library: UserFolder) -> None:
    copy = load_entry(library.duplicate(tiny(library)), Origin.USER)
    assert load_routine(library.duplicate(copy)).name == "Tiny (copy 2)"
    assert copy_name("Tiny (copy 7)", set()) == "Tiny (copy)"
    assert copy_name("Tiny", {"tiny (copy)", "tiny (copy 2)"}) == "Tiny (copy 3)"


def test_a_built_in_is_duplicated_into_the_users_folder(library: UserFolder) -> None:
    builtin = load_entry(ROUTINES / "hip-mobility.yaml", Origin.BUILT_IN)
    before = builtin.path.read_bytes()
    path = library.duplicate(builtin)
    assert path.parent == library.user_dir
    assert load_routine(path).name == "Hip internal rotation - mobility (copy)"
    assert builtin.path.read_bytes() == before


def test_a_copy_still_finds_its_images(library: UserFolder, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "frog.png").write_bytes(b"not really a picture")
    source = elsewhere / "pictured.yaml"
    source.write_text(TINY + "    image: frog.png\n", encoding="utf-8")
    copy = load_routine(library.duplicate(load_entry(source, Origin.OPENED)))
    image = copy.image_path(copy.exercises[0])
    assert image is not None and image.read_bytes() == b"not really a picture"


def test_a_routine_that_does_not_load_is_not_duplicated(library: UserFolder) -> None:
    broken = tiny(library, "broken.yaml", "name: Broken\n")
    with pytest.raises(FolderError, match=says(
            f"could not duplicate {broken.path}: it does not load")):
        library.duplicate(broken)
    assert sorted(p.name for p in library.user_dir.iterdir()) == ["broken.yaml"]


def test_a_long_name_is_shortened_for_the_copy(library: UserFolder) -> None:
    long = "L" * MAX_NAME_CHARS
    entry = tiny(library, text=TINY.replace("name: Tiny", f"name: {long}"))
    copies = [load_routine(library.duplicate(entry)).name for _ in range(3)]
    assert copies[0].endswith(" (copy)") and copies[2].endswith(" (copy 3)")
    assert all(len(name) <= MAX_NAME_CHARS for name in copies)


def test_renaming_keeps_the_file_and_its_contents(library: UserFolder) -> None:
    entry = tiny(library)
    library.rename(entry, "  Morning hips ")
    renamed = load_routine(entry.path)
    assert renamed.name == "Morning hips"
    assert renamed.exercises == load_entry(entry.path, Origin.USER).routine.exercises  # type: ignore[union-attr]
    assert sorted(p.name for p in library.user_dir.iterdir()) == ["tiny.yaml", "tiny.yaml.bak"]


def test_renaming_keeps_an_edit_made_since_the_library_was_read(library: UserFolder) -> None:
    entry = tiny(library)
    entry.path.write_text(TINY.replace("hold: 4s", "hold: 9s"), encoding="utf-8")
    library.rename(entry, "Renamed")
    assert load_routine(entry.path).exercises[0].hold is not None
    assert load_routine(entry.path).exercises[0].hold.low == 9  # type: ignore[union-attr]


def test_renaming_is_refused_for_built_ins_empty_names_and_names_too_long(
        library: UserFolder) -> None:
    builtin = load_entry(ROUTINES / "hip-mobility.yaml", Origin.BUILT_IN)
    with pytest.raises(FolderError, match="built-in routines cannot be changed"):
        library.rename(builtin, "Mine now")
    entry = tiny(library)
    with pytest.raises(FolderError, match="a name is needed"):
        library.rename(entry, "   ")
    with pytest.raises(FolderError, match=says(f"could not save {entry.path}: ", "at most")):
        library.rename(entry, "x" * (MAX_NAME_CHARS + 1))
    assert entry.path.read_text(encoding="utf-8") == TINY


def test_renaming_a_read_only_file_says_so(library: UserFolder) -> None:
    entry = tiny(library)
    entry.path.chmod(0o444)
    with pytest.raises(FolderError, match=says(f"{entry.path} is read-only")):
        library.rename(entry, "Renamed")
    assert entry.path.read_text(encoding="utf-8") == TINY


def test_trash_and_restore_round_trip(library: UserFolder) -> None:
    entry = tiny(library)
    trashed = library.trash(entry)
    assert not entry.path.exists()
    assert trashed == library.trash_dir / "tiny.20240301-073100.yaml"
    assert library.trashed() == [trashed]
    assert library.restore(trashed) == entry.path
    assert entry.path.read_text(encoding="utf-8") == TINY and library.trashed() == []


def test_the_earlier_version_goes_to_the_trash_and_back_with_its_routine(
        library: UserFolder) -> None:
    entry = tiny(library)
    library.rename(entry, "Renamed")  # a save: the version before is kept beside it
    backup = entry.path.with_name("tiny.yaml.bak")
    assert load_routine(backup).name == "Tiny"
    trashed = library.trash(entry)
    assert sorted(p.name for p in library.user_dir.iterdir()) == []
    assert library.trashed() == [trashed]  # the earlier version is not a routine of its own
    restored = library.restore(trashed)
    assert load_routine(restored).name == "Renamed"
    assert load_routine(restored.with_name(restored.name + ".bak")).name == "Tiny"
    assert list(library.trash_dir.iterdir()) == []


def test_the_same_name_deleted_twice_in_one_second_keeps_both(tmp_path: Path) -> None:
    library = UserFolder(tmp_path / "routines", tmp_path / "trash",
                          now=lambda: datetime(2024, 3, 1, 7, 30, 0))
    library.user_dir.mkdir()
    first = library.trash(tiny(library))
    second = library.trash(tiny(library, text=TINY.replace("Tiny", "Other")))
    assert first != second and original_stem(first) == original_stem(second) == "tiny"
    assert load_routine(library.restore(second)).name == "Other"


def test_restoring_when_the_name_was_taken_meanwhile(library: UserFolder) -> None:
    trashed = library.trash(tiny(library))
    newer = tiny(library, text=TINY.replace("Tiny", "Newer"))
    restored = library.restore(trashed)
    assert restored != newer.path and restored.parent == library.user_dir
    assert load_routine(restored).name == "Tiny"
    assert load_routine(newer.path).name == "Newer"


def test_only_files_in_the_trash_are_restored(library: UserFolder, tmp_path: Path) -> None:
    stray = tmp_path / "stray.yaml"
    stray.write_text(TINY, encoding="utf-8")
    with pytest.raises(FolderError, match=says(
            f"could not restore {stray}: it is not in the trash")):
        library.restore(stray)
    assert stray.exists()


def test_only_the_users_own_routines_are_deleted(library: UserFolder) -> None:
    builtin = load_entry(ROUTINES / "hip-mobility.yaml", Origin.BUILT_IN)
    with pytest.raises(FolderError,
                       match=says(f"could not delete {builtin.path}: only your own routines")):
        library.trash(builtin)
    assert builtin.path.exists()


def test_a_trash_that_cannot_be_made_is_named(library: UserFolder, tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file where the trash folder would go")
    library.trash_dir = tmp_path / "blocked" / "trash"
    entry = tiny(library)
    with pytest.raises(FolderError, match=says(f"could not delete {entry.path}: ")):
        library.trash(entry)
    assert entry.path.read_text(encoding="utf-8") == TINY


def test_a_routines_folder_that_cannot_be_made_is_named(library: UserFolder,
                                                        tmp_path: Path) -> None:
    entry = tiny(library)
    (tmp_path / "blocked").write_text("a file where the routines folder would go")
    library.user_dir = tmp_path / "blocked" / "routines"
    with pytest.raises(FolderError, match=says(
            f"could not save {library.user_dir / 'tiny-copy.yaml'}: ")):
        library.duplicate(entry)
    trashed = UserFolder(entry.path.parent, library.trash_dir).trash(entry)
    with pytest.raises(FolderError, match=says(f"could not restore {trashed}: ")):
        library.restore(trashed)
    assert trashed.read_text(encoding="utf-8") == TINY


@pytest.mark.skipif(AS_ROOT, reason="root may write into a read-only folder")
def test_a_read_only_folder_is_named_in_the_message(library: UserFolder) -> None:
    entry = tiny(library)
    library.user_dir.chmod(0o555)
    try:
        with pytest.raises(FolderError, match=says(f"could not save {library.user_dir}")):
            library.duplicate(entry)
        with pytest.raises(FolderError, match=says(f"could not delete {entry.path}: ")):
            library.trash(entry)
    finally:
        library.user_dir.chmod(0o755)
    assert sorted(p.name for p in library.user_dir.iterdir()) == ["tiny.yaml"]


def test_a_free_path_is_never_taken_even_by_a_dangling_link(tmp_path: Path) -> None:
    (tmp_path / "tiny.yaml").symlink_to(tmp_path / "gone.yaml")
    assert free_path(tmp_path, "Tiny") == tmp_path / "tiny-2.yaml"
    assert slug("  ?!  ") == "routine" and slug("Hip & Knee") == "hip-knee"


@given(st.lists(st.text(max_size=300), min_size=1, max_size=6))
def test_free_paths_and_copy_names_are_never_taken(names: list[str]) -> None:
    # Hypothesis runs this many times per test, so its folder is its own, not tmp_path.
    with tempfile.TemporaryDirectory() as folder:
        taken: set[str] = set()
        for name in names:
            path = free_path(Path(folder), name)
            assert not os.path.lexists(path) and path.parent == Path(folder)
            assert path.suffix == ".yaml" and len(path.name.encode()) < 255
            path.write_text("")  # the next name of the same slug must go elsewhere
            copy = copy_name(name, taken)
            assert copy.casefold() not in taken
            taken.add(copy.casefold())


def test_a_german_or_spanish_name_keeps_its_words_in_the_file_name() -> None:
    assert slug("Rotación interna \u2013 fuerza (copia)") == "rotacion-interna-fuerza-copia"
    assert slug("Große Übung für die Hüfte") == "grosse-ubung-fur-die-hufte"
