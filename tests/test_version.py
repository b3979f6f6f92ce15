"""One version, written once: what ``hiptimer --version`` says, what a wheel is called, what
CHANGELOG.md's newest section names, and the releases software centres show, made from it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hatchling.builders.wheel import WheelBuilder
from hatchling.metadata.core import ProjectMetadata
from hatchling.plugin.manager import PluginManager

from hiptimer import __version__
from hiptimer.base.locations import SETTINGS_FILE
from hiptimer.cli import main
from hiptimer.desktop.install import render_desktop_files
from hiptimer.desktop.install_layout import Layout
from hiptimer.desktop.releases import (
    ChangelogError,
    Release,
    changelog_file,
    read_changelog,
    releases_element,
)

from .support.checkout import REPO


def changelog() -> list[Release]:
    return read_changelog((REPO / "CHANGELOG.md").read_text(encoding="utf-8"))


def rendered_metainfo(tmp_path: Path) -> Path:
    layout = Layout(tmp_path / "home", tmp_path / "data", tmp_path / "config")
    path = layout.metainfo
    path.parent.mkdir(parents=True)
    path.write_text(render_desktop_files(layout)[path], encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
            for p in folder.rglob("*")}


def test_version_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr() == (f"hiptimer {__version__}\n", "")


def test_version_as_typed_loads_no_qt_and_leaves_every_folder_alone(tmp_path: Path) -> None:
    # No HIPTIMER_DATA_DIR: the XDG folders, with the old single-folder layout's settings
    # file that any other start would move to the config folder.
    env = {name: value for name, value in os.environ.items() if name != "HIPTIMER_DATA_DIR"}
    env |= {"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "XDG_STATE_HOME": str(tmp_path / "state")}
    old_settings = tmp_path / "data" / "hiptimer" / SETTINGS_FILE
    old_settings.parent.mkdir(parents=True)
    old_settings.write_text("[notes]\nsafety_seen=true\n")
    before = snapshot(tmp_path)
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "hiptimer", "--version"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert (done.returncode, done.stdout) == (0, f"hiptimer {__version__}\n")
    assert "hiptimer.cli" in done.stderr and "PySide6" not in done.stderr  # every import
    assert snapshot(tmp_path) == before


def test_the_version_is_what_a_wheel_is_built_with(tmp_path: Path) -> None:
    assert ProjectMetadata(str(REPO), PluginManager()).version == __version__
    (built,) = WheelBuilder(str(REPO)).build(directory=str(tmp_path), versions=["standard"])
    wheel = Path(built)
    assert wheel.name.startswith(f"hiptimer-{__version__}-")
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"hiptimer-{__version__}.dist-info/METADATA").decode()
        assert f"\nVersion: {__version__}\n" in metadata
        assert archive.read("hiptimer/CHANGELOG.md") == (REPO / "CHANGELOG.md").read_bytes()
        archive.extractall(tmp_path / "unpacked")
    # The installed package finds the changelog it carries, not a checkout's.
    found = subprocess.run(
        [sys.executable, "-c", "from hiptimer.desktop.releases import changelog_file as f; "
                               "print(f())"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "unpacked")})
    assert found.stdout.strip() == str(tmp_path / "unpacked" / "hiptimer" / "CHANGELOG.md")


def test_the_changelog_starts_with_this_version_and_goes_back_in_time() -> None:
    releases = changelog()
    assert changelog_file() == REPO / "CHANGELOG.md"
    assert releases[0].version == __version__
    versions = [tuple(int(part) for part in r.version.split(".")) for r in releases]
    assert versions == sorted(set(versions), reverse=True)
    assert [r.date for r in releases] == sorted((r.date for r in releases), reverse=True)
    assert releases[-1].version == "0.1.0"
    assert all(release.notes for release in releases)


def test_the_installed_releases_are_the_changelogs_sections(tmp_path: Path) -> None:
    root = ET.parse(rendered_metainfo(tmp_path)).getroot()
    shown = [(r.get("version"), r.get("date"), [li.text for li in r.iterfind("description/ul/li")])
             for r in root.iterfind("releases/release")]
    assert shown == [(r.version, r.date.isoformat(), [n.replace("`", "") for n in r.notes])
                     for r in changelog()]
    assert len(shown) >= 2 and all(len(notes) >= 3 for _, _, notes in shown)


def test_the_installed_appstream_data_validates(tmp_path: Path) -> None:
    program = shutil.which("appstreamcli")
    if program is None:
        pytest.skip("appstreamcli is not installed ('make system-deps' installs it)")
    done = subprocess.run([program, "validate", "--no-net", str(rendered_metainfo(tmp_path))],
                          capture_output=True, text=True, timeout=60)
    complaints = [line for line in done.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert (done.returncode, complaints) == (0, []), done.stdout


def test_a_note_with_xml_characters_reaches_appstream_as_written() -> None:
    note = """Plans say "5 < 6 & 7 > 3" in `hiptimer plan`, it's <b>not</b> markup"""
    element = releases_element([Release('1.0"0', date(2027, 1, 2), (note,))])
    release = ET.fromstring(element.strip()).find("release")
    assert release is not None and release.get("version") == '1.0"0'
    assert [li.text for li in release.iterfind("description/ul/li")] == [note.replace("`", "")]
    assert "<b>" not in element


CHANGELOG = """# Changelog

Introduction, with `## 9.9.9 - 2000-01-01` written inside it.

## 1.1.0 - 2027-03-04

- A note that goes on
  over a second line.
- Another.

## 1.0.0 - 2027-01-02
- The first.
"""


def test_a_changelog_reads_as_sections_of_bullets() -> None:
    assert read_changelog(CHANGELOG) == [
        Release("1.1.0", date(2027, 3, 4), ("A note that goes on over a second line.",
                                            "Another.")),
        Release("1.0.0", date(2027, 1, 2), ("The first.",))]


@pytest.mark.parametrize(("change", "line", "words"), [
    (("## 1.1.0 - 2027-03-04", "## 1.1.0 (2027-03-04)"), 5, "heading"),
    (("## 1.1.0 - 2027-03-04", "## 1.1.0 - 2027-02-30"), 5, "not a date"),
    (("- Another.", "Another, as prose."), 9, "only '- ' bullets"),
    (("- Another.", "### Fixed"), 9, "heading"),
    (("- The first.\n", ""), 11, "says nothing"),
])
def test_a_changelog_out_of_form_is_refused_at_its_line(change: tuple[str, str], line: int,
                                                         words: str) -> None:
    with pytest.raises(ChangelogError) as refused:
        read_changelog(CHANGELOG.replace(*change))
    assert str(refused.value).startswith(f"CHANGELOG.md:{line}: ")
    assert words in str(refused.value)
