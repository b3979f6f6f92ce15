"""``hiptimer install`` and ``hiptimer uninstall``: the desktop integration for the hiptimer
the command runs from (pipx, pip or a clone's environment), with no environment of its own.

Each test has a temporary home with its own XDG folders, and ``systemctl`` is the stand-in
from the install tests, so no test reaches a real systemd user manager.
"""

from __future__ import annotations

import configparser
import os
import shutil
import sys
import sysconfig
from pathlib import Path

import pytest

from hiptimer.base.identity import APP_ID, APP_NAME
from hiptimer.cli import main
from hiptimer.desktop.install import desktop_exec_quote, install_desktop, own_command
from hiptimer.desktop.install_layout import REMIND_UNIT, Layout

from .support.install_home import (
    NO_MANAGER_SYSTEMCTL,
    ROUTINE,
    SEARCH_PATH,
    WORKING_SYSTEMCTL,
    Home,
    desktop_entry,
    validate_desktop_entry,
    validate_metainfo,
)

YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}
"""What a YAML file is called: 'application/yaml' by recent shared-mime-info, and
'application/x-yaml' (with the text/ aliases) by older ones, such as Debian 12's."""


def with_users_files(home: Home) -> None:
    """A routine, a history and settings of the user's, which no install may touch."""
    mine = home.layout.app_data / "routines" / "my-own-hips.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text(ROUTINE)
    (home.layout.app_data / "history.sqlite").write_bytes(b"the user's sessions")
    settings = home.config / APP_NAME / "settings.ini"
    settings.parent.mkdir(parents=True)
    settings.write_text("[sound]\nvolume=40\n")


def hiptimer(home: Home, *args: str) -> str:
    """Runs this interpreter's hiptimer in the home; what it printed."""
    done = home.run(sys.executable, "-m", APP_NAME, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def left_over(home: Home, before: dict[str, bytes | None]) -> list[str]:
    """What is there now and was not before, outside hiptimer's own folders."""
    own = [base / APP_NAME for base in (home.data, home.config, home.state, home.cache)]
    return sorted(p for p in home.snapshot().keys() - before.keys()
                  if not any(Path(p).is_relative_to(folder) for folder in own))


def test_install_puts_this_hiptimer_in_the_menu_and_uninstall_takes_it_away(
        tmp_path: Path) -> None:
    home = Home(tmp_path)
    layout = home.layout
    with_users_files(home)
    before = home.snapshot()
    command = own_command()
    program = command[0]

    home.systemctl(WORKING_SYSTEMCTL)
    shown = hiptimer(home, "install").splitlines()
    # One line for each file written, and what the reminders are.
    for path in (layout.desktop_entry, layout.icon, layout.metainfo, layout.service,
                 layout.timer):
        assert f"wrote {path}" in shown
    assert any(f"systemctl --user status {REMIND_UNIT}.timer" in line for line in shown)
    assert f"--user enable --now {REMIND_UNIT}.timer" in home.systemctl_calls()

    # The menu entry and the reminder check run this interpreter's hiptimer, and nothing else
    # was made: no environment, no launcher.
    entry = desktop_entry(layout.desktop_entry)
    assert entry["Exec"] == " ".join(desktop_exec_quote(part) for part in command) + " %f"
    assert entry["TryExec"] == program
    assert set(filter(None, entry["MimeType"].split(";"))) >= YAML_TYPES
    assert entry["Icon"] == APP_ID
    validate_desktop_entry(layout.desktop_entry)
    validate_metainfo(layout.metainfo)
    assert layout.icon.read_text().lstrip().startswith(("<svg", "<?xml"))
    assert f'ExecStart="{program}"' in layout.service.read_text()
    assert "OnCalendar=*:0/5" in layout.timer.read_text()
    assert not layout.venv.exists() and not layout.launcher.exists()

    # 'Open with' knows that hiptimer opens YAML files, where the database tool is.
    if shutil.which("update-desktop-database", path=SEARCH_PATH):
        assert f"application/yaml={APP_ID}.desktop;" in layout.mime_cache.read_text()

    # A second install, where there is no systemd user manager, replaces the first cleanly.
    home.systemctl(NO_MANAGER_SYSTEMCTL)
    hiptimer(home, "install")
    assert not layout.timer.exists() and not layout.service.exists()
    assert desktop_entry(layout.autostart)["Exec"].endswith(" remind --watch")
    validate_desktop_entry(layout.autostart)
    assert {Path(p).name for p in left_over(home, before) if Path(p).is_file()} == {
        layout.desktop_entry.name, layout.icon.name, layout.metainfo.name,
        layout.autostart.name, *([layout.mime_cache.name] if layout.mime_cache.exists()
                                 else [])}

    # Uninstalled: each file removed is said, and only the user's own files are left.
    gone = hiptimer(home, "uninstall").splitlines()
    for path in (layout.desktop_entry, layout.icon, layout.metainfo, layout.autostart):
        assert f"removed {path}" in gone
        assert not path.exists()
    assert any(str(layout.app_data) in line and "left as they were" in line for line in gone)
    after = home.snapshot()
    assert {path: after.get(path) for path in before} == before
    assert left_over(home, before) == []
    assert not layout.manifest.exists()
    assert "not installed" in hiptimer(home, "uninstall")


def test_dry_run_says_what_would_be_written_and_writes_nothing(tmp_path: Path) -> None:
    home = Home(tmp_path)
    with_users_files(home)
    home.systemctl(WORKING_SYSTEMCTL)
    before = home.snapshot()
    shown = hiptimer(home, "install", "--dry-run")
    assert home.snapshot() == before
    for path in (home.layout.desktop_entry, home.layout.icon, home.layout.metainfo,
                 home.layout.timer):
        assert f"would write {path}" in shown
    assert "enable" not in " ".join(home.systemctl_calls())


def test_the_install_command_in_this_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    home = Home(tmp_path)
    home.systemctl(NO_MANAGER_SYSTEMCTL)
    for name, value in home.environment().items():
        if name in ("HOME", "PATH", "SYSTEMCTL_LOG") or name.startswith("XDG_"):
            monkeypatch.setenv(name, value)
    layout = Layout.from_environment()
    assert layout == home.layout

    assert main(["install"]) == 0
    shown = capsys.readouterr().out
    assert f"wrote {layout.desktop_entry}" in shown and f"wrote {layout.autostart}" in shown
    assert layout.desktop_entry.is_file() and layout.autostart.is_file()
    assert main(["uninstall"]) == 0
    assert f"removed {layout.desktop_entry}" in capsys.readouterr().out
    assert not layout.desktop_entry.exists() and not layout.autostart.exists()


def test_the_command_is_the_script_beside_python_or_python_itself(tmp_path: Path) -> None:
    python = tmp_path / "bin" / "python"
    python.parent.mkdir()
    python.touch()
    # pip without a script folder of its own, or hiptimer run from a clone: python -m.
    assert own_command(python) == [str(python), "-m", APP_NAME]
    script = python.parent / APP_NAME
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    # pipx and pip put the 'hiptimer' script beside the Python that runs it.
    assert own_command(python) == [str(script)]


def test_after_pip_install_user_the_command_is_the_users_script(tmp_path: Path) -> None:
    python = tmp_path / "usr" / "bin" / "python3"  # the system's Python, no script beside it
    python.parent.mkdir(parents=True)
    python.touch()
    base = tmp_path / "home" / ".local"
    scheme, variables = f"{os.name}_user", {"userbase": str(base)}
    package = Path(sysconfig.get_path("purelib", scheme, variables)) / APP_NAME
    package.mkdir(parents=True)
    script = Path(sysconfig.get_path("scripts", scheme, variables)) / APP_NAME
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    assert own_command(python, package, base) == [str(script)]
    # The same Python running a hiptimer from elsewhere (a clone) does not take that script.
    assert own_command(python, tmp_path / "clone" / APP_NAME, base) == [
        str(python), "-m", APP_NAME]


def test_python_m_hiptimer_in_a_folder_with_spaces_still_validates(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = Home(tmp_path)
    monkeypatch.setenv("PATH", str(home.tools))  # no systemctl: the autostart entry
    python = tmp_path / "Jo's 100% tools" / "python"
    command = [str(python), "-m", APP_NAME]
    install_desktop(home.layout, command, say=lambda line: None)
    entry = desktop_entry(home.layout.desktop_entry)
    assert entry["Exec"].endswith(" -m hiptimer %f") and "100%%" in entry["Exec"]
    validate_desktop_entry(home.layout.desktop_entry)
    validate_desktop_entry(home.layout.autostart)
    reminders = configparser.ConfigParser(interpolation=None)
    reminders.read(home.layout.autostart)
    assert reminders["Desktop Entry"]["Exec"].endswith(" -m hiptimer remind --watch")


def test_uninstall_leaves_other_applications_open_with_entries(tmp_path: Path) -> None:
    if shutil.which("update-desktop-database", path=SEARCH_PATH) is None:
        pytest.skip("update-desktop-database is not installed ('make system-deps' installs it)")
    home = Home(tmp_path)
    home.systemctl(NO_MANAGER_SYSTEMCTL)
    other = home.data / "applications" / "an-editor.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=An editor\nExec=an-editor %f\n"
                     "MimeType=application/yaml;\n")
    hiptimer(home, "install")
    assert f"{APP_ID}.desktop" in home.layout.mime_cache.read_text()
    hiptimer(home, "uninstall")
    cache = home.layout.mime_cache.read_text()
    assert "an-editor.desktop" in cache and APP_ID not in cache
    assert other.is_file()


def test_hiptimer_install_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert "install" in shown and "uninstall" in shown


def test_uninstall_needs_nothing_but_the_standard_library(tmp_path: Path) -> None:
    """'make uninstall' runs 'hiptimer uninstall' with any Python 3, nothing set up first."""
    home = Home(tmp_path)
    check = ("import sys; from hiptimer.cli import main; main(['uninstall']); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('yaml', 'PySide6', 'simpleaudio', 'miniaudio')))")
    done = home.run(sys.executable, "-c", check)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
