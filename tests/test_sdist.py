"""The source distribution is what a packager starts from: a distribution builds hiptimer
from it, offline and without a clone, and runs the tests it carries. So it must carry the
package, the built-in routines, the resources, the docs, the tests and what builds them, and
the wheel built from it must be the wheel built from the checkout, with the routines,
resources and changelog inside the package. Nothing a checkout accumulates (the virtualenv,
caches, byte code, earlier builds) may ride along.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest
from hatchling.builders.sdist import SdistBuilder
from hatchling.builders.wheel import WheelBuilder

from hiptimer import __version__

from .support.checkout import REPO

TOP_FILES = ("pyproject.toml", "README.md", "CHANGELOG.md", "Makefile", "babel.cfg",
             "hatch_build.py")
"""What a packager reads or runs first: the build (with the hook that compiles the
translations), the description, the news, the targets."""
SHIPPED_FOLDERS = ("hiptimer", "routines", "resources", "docs", "tests", "po")
LITTER_NAMES = frozenset({".venv", "venv", "__pycache__", ".hypothesis", ".pytest_cache",
                          ".mypy_cache", ".ruff_cache", "dist", "build", ".git"})
"""Folders a checkout gathers as it is worked in, which no source distribution should hold."""
LITTER_SUFFIXES = (".pyc", ".pyo", ".egg-info", ".whl", ".tar.gz", ".so")
FORCE_INCLUDED = {"routines": "hiptimer/routines", "resources": "hiptimer/resources"}
"""The wheel carries these top-level folders inside the package (pyproject.toml)."""


@dataclass(frozen=True)
class Built:
    """One source distribution, unpacked, and the wheels built from it and from the checkout."""

    sdist: Path
    members: frozenset[str]
    """The sdist's files, relative to its one top folder."""
    unpacked: Path
    wheel_from_sdist: Path
    wheel_from_checkout: Path


def _build_one(builder: SdistBuilder | WheelBuilder, directory: Path) -> Path:
    (built,) = builder.build(directory=str(directory), versions=["standard"])
    return Path(built)


def _files(sdist: Path) -> tuple[str, frozenset[str]]:
    """The sdist's top folder, and its files relative to that folder."""
    with tarfile.open(sdist) as archive:
        names = [member.name for member in archive.getmembers() if member.isfile()]
    tops = {PurePosixPath(name).parts[0] for name in names}
    assert len(tops) == 1, f"the sdist unpacks into more than one folder: {sorted(tops)}"
    (top,) = tops
    return top, frozenset(str(PurePosixPath(*PurePosixPath(n).parts[1:])) for n in names)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Built as a packager would: offline, no isolation, with the hatchling already here."""
    folder = tmp_path_factory.mktemp("sdist")
    sdist = _build_one(SdistBuilder(str(REPO)), folder / "sdist")
    # Right after the sdist, so that both see the checkout as it was.
    wheel_from_checkout = _build_one(WheelBuilder(str(REPO)), folder / "from-checkout")
    top, members = _files(sdist)
    with tarfile.open(sdist) as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(folder / "unpacked", filter="data")
        else:  # Python 3.11.3 and older (Debian 12): an archive built just now, by this test
            archive.extractall(folder / "unpacked")
    unpacked = folder / "unpacked" / top
    wheel_from_sdist = _build_one(WheelBuilder(str(unpacked)), folder / "from-sdist")
    return Built(sdist, members, unpacked, wheel_from_sdist, wheel_from_checkout)


def _tracked() -> frozenset[str]:
    """The files git tracks in what the sdist ships (and that are on disk right now)."""
    git = shutil.which("git")
    if git is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout: nothing to say which files belong to the project")
    listed = subprocess.run([git, "ls-files", "-z", "--", *SHIPPED_FOLDERS, *TOP_FILES],
                            cwd=REPO, capture_output=True, text=True, check=True, timeout=60)
    return frozenset(name for name in listed.stdout.split("\0")
                     if name and (REPO / name).is_file())


def _checkout_files(folder: str, pattern: str = "*") -> set[str]:
    return {str(path.relative_to(REPO)) for path in (REPO / folder).rglob(pattern)
            if path.is_file()}


def test_the_sdist_is_named_for_this_version_and_unpacks_into_one_folder(built: Built) -> None:
    assert built.sdist.name == f"hiptimer-{__version__}.tar.gz"
    assert built.unpacked.name == f"hiptimer-{__version__}"
    assert f"\nVersion: {__version__}\n" in (built.unpacked / "PKG-INFO").read_text("utf-8")


def test_the_sdist_carries_what_a_packager_needs(built: Built) -> None:
    missing = {name for name in TOP_FILES if name not in built.members}
    assert not missing, f"a packager unpacking the sdist finds no {sorted(missing)}"
    for name in ("hiptimer/__init__.py", "hiptimer/__main__.py", "hiptimer/cli.py",
                 "docs/architecture.md", "tests/conftest.py"):
        assert name in built.members, f"the sdist has no {name}"
    # Every built-in routine and every resource: figures, the self-test guide, the
    # schemas, and the desktop entry, icon and AppStream templates `hiptimer install` renders.
    for folder, pattern in (("routines", "*.yaml"), ("resources", "*")):
        expected = _checkout_files(folder, pattern)
        assert expected, f"the checkout has nothing in {folder}/"
        assert expected <= built.members, \
            f"the sdist lacks {sorted(expected - built.members)}"
    assert {"resources/desktop/hiptimer.desktop.in", "resources/desktop/hiptimer.svg",
            "resources/desktop/hiptimer.metainfo.xml.in"} <= built.members
    # The tests run from the sdist: every module, with the support code and data they use.
    tests = _checkout_files("tests", "test_*.py")
    assert tests <= built.members, f"the sdist lacks tests {sorted(tests - built.members)}"


def test_the_sdist_carries_every_file_git_tracks_in_what_it_ships(built: Built) -> None:
    tracked = _tracked()
    assert "tests/conftest.py" in tracked and any(
        name.startswith("tests/test_") for name in tracked)
    missing = sorted(tracked - built.members)
    assert not missing, f"tracked files a packager would not get from the sdist: {missing}"


def test_the_sdist_carries_nothing_a_checkout_gathers(built: Built) -> None:
    litter = sorted(name for name in built.members
                    if LITTER_NAMES & set(PurePosixPath(name).parts)
                    or name.endswith(LITTER_SUFFIXES))
    assert not litter, f"the sdist carries build and cache litter: {litter}"
    outside = sorted(name for name in built.members
                     if PurePosixPath(name).parts[0] not in {*SHIPPED_FOLDERS, *TOP_FILES}
                     and name not in ("PKG-INFO", ".gitignore"))
    assert not outside, f"the sdist carries files nobody asked for: {outside}"


def _wheel_files(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return sorted(archive.namelist())


def test_the_wheel_built_from_the_sdist_is_the_wheel_built_from_the_checkout(
        built: Built) -> None:
    assert built.wheel_from_sdist.name == built.wheel_from_checkout.name \
        == f"hiptimer-{__version__}-py3-none-any.whl"
    assert _wheel_files(built.wheel_from_sdist) == _wheel_files(built.wheel_from_checkout)


def test_the_wheel_from_the_sdist_carries_the_routines_resources_and_changelog(
        built: Built) -> None:
    files = set(_wheel_files(built.wheel_from_sdist))
    for folder, inside in FORCE_INCLUDED.items():
        shipped = {name for name in built.members if name.startswith(folder + "/")}
        assert shipped
        expected = {inside + name.removeprefix(folder) for name in shipped}
        assert expected <= files, \
            f"an installed hiptimer would not find {sorted(expected - files)}"
    assert {f"hiptimer/routines/{path.name}" for path in (REPO / "routines").glob("*.yaml")} \
        <= files
    with zipfile.ZipFile(built.wheel_from_sdist) as archive:
        assert archive.read("hiptimer/CHANGELOG.md") == \
            (built.unpacked / "CHANGELOG.md").read_bytes()
    # Only the package and its metadata are installed: no top-level tests or docs package.
    stray = sorted(name for name in files if PurePosixPath(name).parts[0]
                   not in ("hiptimer", f"hiptimer-{__version__}.dist-info"))
    assert not stray, f"installing the wheel would also put {stray} in site-packages"


def test_the_wheel_from_the_sdist_installs_this_version_and_the_command(built: Built) -> None:
    info = f"hiptimer-{__version__}.dist-info"
    with zipfile.ZipFile(built.wheel_from_sdist) as archive:
        metadata = archive.read(f"{info}/METADATA").decode("utf-8")
        entry_points = archive.read(f"{info}/entry_points.txt").decode("utf-8")
    assert f"\nVersion: {__version__}\n" in metadata
    assert "hiptimer = hiptimer.cli:main" in entry_points


def test_the_sdists_tests_load_from_the_unpacked_folder(built: Built, tmp_path: Path) -> None:
    """Its conftest, support code and one module that reads the checkout's files load there.

    Collecting every module takes several seconds more, for little: the tests are all in
    the sdist (above), and none reads a file outside what it ships.
    """
    home = tmp_path / "home"
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(tmp_path),
           "HIPTIMER_DATA_DIR": str(tmp_path / "data"), "PYTHONDONTWRITEBYTECODE": "1"}
    env |= {name: str(home / name.lower()) for name in
            ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")}
    env.pop("PYTHONPATH", None)
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "tests/test_version.py"],
        cwd=built.unpacked, env=env, capture_output=True, text=True, timeout=120)
    assert collected.returncode == 0, collected.stdout + collected.stderr
    assert "tests/test_version.py::test_version_prints_the_version" in collected.stdout
