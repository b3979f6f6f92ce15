"""The desktop entries and the AppStream data carry every translation the catalogues have,
and still validate with them."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hiptimer.desktop.install import render_desktop_files, render_reminder_files
from hiptimer.desktop.install_layout import Layout
from tests.support.languages import TRANSLATED

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def rendered(tmp_path: Path, locale_dir: Path) -> dict[str, str]:
    """Every desktop file, by its name, written into ``tmp_path/out``."""
    layout = Layout(tmp_path / "home", tmp_path / "data", tmp_path / "config")
    files = {**render_desktop_files(layout, locale_dir=locale_dir),
             **render_reminder_files(layout, locale_dir=locale_dir)}
    out = tmp_path / "out"
    out.mkdir()
    for path, text in files.items():
        (out / path.name).write_text(text, encoding="utf-8")
    return {path.name: text for path, text in files.items()}


def keys(entry: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)


def test_without_catalogues_the_files_are_english_alone(tmp_path: Path) -> None:
    files = rendered(tmp_path, tmp_path / "no-locale")
    assert not any("[de]" in text or 'xml:lang="' in text for text in files.values())
    entry = keys(next(text for name, text in files.items() if name.endswith("Hiptimer.desktop")))
    assert entry["GenericName"] == "Interval Timer"
    assert entry["Comment"] == "Follow hip mobility and strength routines hands-free"


def test_every_language_is_in_the_desktop_entries(tmp_path: Path,
                                                  compiled_locale: Path) -> None:
    files = rendered(tmp_path, compiled_locale)
    app = keys(next(text for name, text in files.items() if name.endswith("Hiptimer.desktop")))
    reminders = keys(next(text for name, text in files.items()
                          if name.endswith("Reminders.desktop")))
    for language in TRANSLATED:
        for key in ("GenericName", "Comment", "Keywords"):
            translated = app.get(f"{key}[{language.code}]", app[key])
            assert translated != app[key], (language, key)
        assert app[f"Keywords[{language.code}]"].endswith(";")
        for key in ("Name", "Comment"):
            assert reminders.get(f"{key}[{language.code}]", reminders[key]) != reminders[key]


def test_every_language_is_in_the_appstream_data(tmp_path: Path,
                                                 compiled_locale: Path) -> None:
    files = rendered(tmp_path, compiled_locale)
    root = ET.fromstring(next(text for name, text in files.items()
                              if name.endswith(".metainfo.xml")).encode())
    for language in TRANSLATED:
        for path in ("summary", "description/p", "description/ul/li",
                     "screenshots/screenshot/caption", "keywords/keyword"):
            english = [e.text for e in root.findall(path) if XML_LANG not in e.attrib]
            theirs = [e.text for e in root.findall(path)
                      if e.get(XML_LANG) == language.code]
            assert len(theirs) == len(english) and not set(theirs) & set(english), \
                (language, path)


def test_the_translated_files_validate(tmp_path: Path, compiled_locale: Path) -> None:
    rendered(tmp_path, compiled_locale)
    out = tmp_path / "out"
    entries = sorted(str(path) for path in out.glob("*.desktop"))
    checker = shutil.which("desktop-file-validate")
    if checker is None:
        pytest.skip("desktop-file-validate is not installed ('make system-deps' installs it)")
    done = subprocess.run([checker, *entries], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, "")
    appstream = shutil.which("appstreamcli")
    if appstream is None:
        pytest.skip("appstreamcli is not installed ('make system-deps' installs it)")
    done = subprocess.run([appstream, "validate", "--no-net", *map(str, out.glob("*.xml"))],
                          capture_output=True, text=True, timeout=60)
    complaints = [line for line in done.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert (done.returncode, complaints) == (0, []), done.stdout
