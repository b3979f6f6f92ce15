"""hiptimer installed for one user as a desktop application, and uninstalled again.

The install goes into a temporary home with its own XDG folders. Its dependencies come from
the test run's own environment, so nothing is downloaded; everything else is the real
install. ``systemctl`` is a stand-in that notes what it is asked, so no test ever reaches
a real systemd user manager.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hiptimer import __version__
from hiptimer.base.identity import APP_ID, APP_NAME
from hiptimer.desktop.install import render_desktop_files, schedule_reminders
from hiptimer.desktop.install_layout import REMIND_UNIT, Layout, Manifest, ReminderSchedule

from .support.checkout import REPO
from .support.install_home import (
    NO_MANAGER_SYSTEMCTL,
    ROUTINE,
    WORKING_SYSTEMCTL,
    Home,
    desktop_entry,
    validate_desktop_entry,
    validate_metainfo,
)


def test_installed_like_a_desktop_application_and_uninstalled_without_the_users_files(
        tmp_path: Path) -> None:
    home = Home(tmp_path)
    layout = home.layout
    mine = layout.app_data / "routines" / "my-own-hips.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text(ROUTINE)
    (layout.app_data / "history.sqlite").write_bytes(b"the user's sessions")
    settings = home.config / APP_NAME / "settings.ini"
    settings.parent.mkdir(parents=True)
    settings.write_text("[sound]\nvolume=40\n")
    before = home.snapshot()

    # Without a systemd user manager the reminders start with the desktop session.
    home.systemctl(NO_MANAGER_SYSTEMCTL)
    home.install()
    # Every entry runs the environment's own hiptimer, as its 'hiptimer install' writes them.
    program = layout.venv / "bin" / APP_NAME
    autostart = desktop_entry(layout.autostart)
    assert autostart["Exec"] == f"{program} remind --watch"
    validate_desktop_entry(layout.autostart)
    assert not layout.timer.exists() and not layout.service.exists()

    # Installed again where there is one: the timer takes over from the autostart entry.
    home.systemctl(WORKING_SYSTEMCTL)
    home.log.unlink()
    shown = home.install().stdout
    assert f"systemctl --user status {REMIND_UNIT}.timer" in shown
    assert not layout.autostart.exists()
    assert f"--user enable --now {REMIND_UNIT}.timer" in home.systemctl_calls()
    timer = layout.timer.read_text()
    assert "OnCalendar=*:0/5" in timer and "Persistent=true" in timer
    assert f'ExecStart="{program}" remind' in layout.service.read_text()

    # Where the desktop looks for each file.
    applications = home.data / "applications" / f"{APP_ID}.desktop"
    icon = home.data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    metainfo = home.data / "metainfo" / f"{APP_ID}.metainfo.xml"
    launcher = home.root / ".local" / "bin" / APP_NAME
    for path in (applications, icon, metainfo, launcher):
        assert path.is_file(), path
    assert os.access(launcher, os.X_OK)
    entry = desktop_entry(applications)
    assert entry["Exec"] == f"{program} %f"
    assert "application/yaml" in entry["MimeType"].split(";")
    assert entry["Icon"] == icon.stem == APP_ID
    assert (entry["StartupWMClass"], entry["Terminal"]) == (APP_NAME, "false")
    validate_desktop_entry(applications)
    validate_metainfo(metainfo)
    assert ET.parse(icon).getroot().tag == "{http://www.w3.org/2000/svg}svg"

    # The launcher runs hiptimer from its own environment, not from this checkout.
    listing = home.run(str(launcher), "list")
    assert listing.returncode == 0, listing.stderr
    assert "My own hips" in listing.stdout
    builtins = [line for line in listing.stdout.splitlines() if "built-in" in line]
    assert builtins and all(str(layout.venv) in line for line in builtins)
    assert str(REPO) not in listing.stdout

    # Uninstalled: the timer is stopped first, and exactly the user's own files are left.
    home.log.unlink()
    gone = home.installer("uninstall").stdout
    assert str(layout.app_data) in gone
    assert home.systemctl_calls()[0] == f"--user disable --now {REMIND_UNIT}.timer"
    after = home.snapshot()
    assert {path: after.get(path) for path in before} == before
    # Whatever else is left, hiptimer itself wrote as it ran, in its own folders, or pip kept
    # in its download cache, as after any pip install (the cache folder itself included).
    own = [*(base / APP_NAME for base in (home.data, home.config, home.state, home.cache)),
           home.cache / "pip"]
    assert [p for p in after.keys() - before.keys()
            if Path(p) != home.cache
            and not any(Path(p).is_relative_to(folder) for folder in own)] == []
    for path in (layout.venv, layout.manifest, layout.timer, layout.service,
                 layout.systemd_units / "timers.target.wants"):
        assert not path.exists(), path
    assert "not installed" in home.installer("uninstall").stdout


def test_no_systemctl_at_all_means_an_autostart_entry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = Home(tmp_path)
    monkeypatch.setenv("PATH", str(home.tools))
    manifest = Manifest()
    assert schedule_reminders(home.layout, manifest) is ReminderSchedule.AUTOSTART
    assert manifest.files == [home.layout.autostart]
    validate_desktop_entry(home.layout.autostart)


def test_a_timer_that_cannot_be_enabled_leaves_no_units_behind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = Home(tmp_path)
    home.systemctl('#!/bin/sh\necho "$@" >> "$SYSTEMCTL_LOG"\n[ "$2" != enable ]\n')
    monkeypatch.setenv("PATH", str(home.tools))
    monkeypatch.setenv("SYSTEMCTL_LOG", str(home.log))
    manifest = Manifest()
    assert schedule_reminders(home.layout, manifest) is ReminderSchedule.AUTOSTART
    assert manifest.files == [home.layout.autostart]
    assert not home.layout.service.exists() and not home.layout.timer.exists()
    assert f"--user enable --now {REMIND_UNIT}.timer" in home.systemctl_calls()


def test_a_home_with_spaces_and_percent_signs_still_validates(tmp_path: Path) -> None:
    layout = Layout(tmp_path / "Jo's 100% home", tmp_path / "data", tmp_path / "config")
    files = render_desktop_files(layout)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    validate_desktop_entry(layout.desktop_entry)
    exec_ = desktop_entry(layout.desktop_entry)["Exec"]
    assert exec_.startswith('"') and "100%%" in exec_ and exec_.endswith(" %f")


def test_the_appstream_release_is_the_projects_version(tmp_path: Path) -> None:
    version = __version__
    metainfo = render_desktop_files(Layout(tmp_path, tmp_path / "data", tmp_path / "config"))
    root = ET.fromstring(next(text for path, text in metainfo.items()
                              if path.name.endswith(".metainfo.xml")).encode())
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == version
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("provides/binary") == APP_NAME
