"""Installs hiptimer for the current user as a desktop application, and removes it again.

``make install`` and ``make uninstall`` run this. No root is needed: hiptimer gets a virtual
environment of its own in the user's data folder (a real install, so the clone it came from
may be deleted), a launcher on the user's PATH, a desktop entry, an icon, AppStream data, and
a reminder check every five minutes (a systemd user timer, or an autostart entry where there
is no systemd user manager). What it installed is listed in a manifest; uninstalling removes
exactly that and never the user's routines, history or settings, which share the folder.

    python -m hiptimer.desktop.install install [--source DIR] [--reuse-packages-from VENV]
    python -m hiptimer.desktop.install uninstall
    python -m hiptimer.desktop.install render DIR
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import venv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from string import Template

from hiptimer import __version__
from hiptimer.base.identity import APP_ID, APP_NAME
from hiptimer.base.locations import resources_dir

REMIND_UNIT = f"{APP_NAME}-remind"
"""The systemd user units' name: ``systemctl --user status hiptimer-remind.timer``."""
SYSTEMCTL_TIMEOUT = 30.0
"""Seconds a systemctl call may take before the timer is given up for the autostart entry."""
MANIFEST_VERSION = 1


class ReminderSchedule(StrEnum):
    """What runs the reminder check."""

    SYSTEMD_TIMER = "systemd-timer"
    """A systemd user timer runs ``hiptimer remind`` every five minutes."""
    AUTOSTART = "autostart"
    """No systemd user manager: ``hiptimer remind --watch`` starts with the desktop session."""


class ShippedFile(StrEnum):
    """The files in resources/desktop that are filled in for this user."""

    DESKTOP_ENTRY = "hiptimer.desktop.in"
    METAINFO = "hiptimer.metainfo.xml.in"
    ICON = "hiptimer.svg"
    LAUNCHER = "launcher.in"
    SERVICE = "remind.service.in"
    TIMER = "remind.timer.in"
    AUTOSTART = "reminders.desktop.in"


@dataclass(frozen=True)
class Layout:
    """Where each installed file goes, from the XDG base directories the desktop reads."""

    home: Path
    data_home: Path
    config_home: Path

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Layout:
        home = Path(environ.get("HOME") or Path.home())

        def xdg(name: str, default: Path) -> Path:
            value = environ.get(name, "")
            # The specification ignores a relative path.
            return Path(value) if value and Path(value).is_absolute() else default

        return cls(home, xdg("XDG_DATA_HOME", home / ".local" / "share"),
                   xdg("XDG_CONFIG_HOME", home / ".config"))

    @property
    def app_data(self) -> Path:
        """The user's hiptimer folder: their routines, history and settings live here too."""
        return self.data_home / APP_NAME

    @property
    def venv(self) -> Path:
        return self.app_data / "venv"

    @property
    def manifest(self) -> Path:
        return self.app_data / "installed-files.json"

    @property
    def launcher(self) -> Path:
        return self.home / ".local" / "bin" / APP_NAME

    @property
    def desktop_entry(self) -> Path:
        return self.data_home / "applications" / f"{APP_ID}.desktop"

    @property
    def icon(self) -> Path:
        return self.data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"

    @property
    def metainfo(self) -> Path:
        return self.data_home / "metainfo" / f"{APP_ID}.metainfo.xml"

    @property
    def systemd_units(self) -> Path:
        return self.config_home / "systemd" / "user"

    @property
    def service(self) -> Path:
        return self.systemd_units / f"{REMIND_UNIT}.service"

    @property
    def timer(self) -> Path:
        return self.systemd_units / f"{REMIND_UNIT}.timer"

    @property
    def autostart(self) -> Path:
        return self.config_home / "autostart" / f"{APP_ID}.Reminders.desktop"


@dataclass
class Manifest:
    """What an install put on the disk, so that uninstalling removes that and nothing else."""

    files: list[Path] = field(default_factory=list)
    directories: list[Path] = field(default_factory=list)
    """Folders the install made; removed again when they are left empty."""
    venv: Path | None = None
    reminders: ReminderSchedule | None = None

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        return cls([Path(p) for p in data.get("files", [])],
                   [Path(p) for p in data.get("directories", [])],
                   Path(data["venv"]) if data.get("venv") else None,
                   ReminderSchedule(data["reminders"]) if data.get("reminders") else None)

    def write(self, path: Path) -> None:
        data = {"version": MANIFEST_VERSION, "hiptimer": __version__,
                "files": [str(p) for p in self.files],
                "directories": [str(p) for p in self.directories],
                "venv": str(self.venv) if self.venv else None,
                "reminders": self.reminders.value if self.reminders else None}
        temporary = path.with_name(path.name + ".new")
        temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        temporary.replace(path)

    def make_folder(self, folder: Path) -> None:
        """Makes a folder and its missing parents, noting each one made."""
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        for path in reversed(missing):
            path.mkdir()
            if path not in self.directories:
                self.directories.append(path)


# Quoting: each file format has its own rules for a path with spaces or special characters.

_DESKTOP_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def desktop_exec_quote(path: Path) -> str:
    """A program path as a desktop entry's Exec key must write it."""
    text = str(path).replace("%", "%%")
    if _DESKTOP_RESERVED & set(text):
        text = '"' + "".join("\\" + c if c in '"`$\\' else c for c in text) + '"'
    return _desktop_string(text)


def _desktop_string(text: str | Path) -> str:
    """A desktop entry's string value: a backslash is written twice."""
    return str(text).replace("\\", "\\\\")


def systemd_quote(path: Path) -> str:
    """A program path as a systemd unit's ExecStart writes it (specifiers and $ escaped)."""
    text = str(path).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("%", "%%").replace("$", "$$") + '"'


def _fill(template: ShippedFile, **values: str) -> str:
    text = (resources_dir() / "desktop" / template.value).read_text(encoding="utf-8")
    return Template(text).substitute(app_id=APP_ID, app_name=APP_NAME, **values)


def render_desktop_files(layout: Layout) -> dict[Path, str]:
    """The desktop entry, icon and AppStream data, by where each goes."""
    return {
        layout.desktop_entry: _fill(ShippedFile.DESKTOP_ENTRY,
                                    exec=desktop_exec_quote(layout.launcher),
                                    try_exec=_desktop_string(layout.launcher)),
        layout.icon: (resources_dir() / "desktop" / ShippedFile.ICON.value).read_text(
            encoding="utf-8"),
        layout.metainfo: _fill(ShippedFile.METAINFO),
    }


def render_reminder_files(layout: Layout) -> dict[Path, str]:
    """The systemd user service and timer, and the autostart entry used where they cannot be."""
    return {
        layout.service: _fill(ShippedFile.SERVICE, exec=systemd_quote(layout.launcher)),
        layout.timer: _fill(ShippedFile.TIMER),
        layout.autostart: _fill(ShippedFile.AUTOSTART, exec=desktop_exec_quote(layout.launcher),
                                try_exec=_desktop_string(layout.launcher)),
    }


def _write(path: Path, text: str, manifest: Manifest, mode: int = 0o644) -> None:
    manifest.make_folder(path.parent)
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_text(text, encoding="utf-8")
    temporary.chmod(mode)
    temporary.replace(path)
    if path not in manifest.files:
        manifest.files.append(path)


# The private environment.

def _site_packages(python: Path) -> list[Path]:
    """A Python's own package folders (pure and platform-specific, once each)."""
    out = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib')); "
                            "print(sysconfig.get_path('platlib'))"],
        check=True, capture_output=True, text=True).stdout
    return list(dict.fromkeys(Path(line) for line in out.splitlines() if line))


def _venv_python(folder: Path) -> Path:
    return folder / "bin" / "python"


def make_environment(layout: Layout, source: Path, manifest: Manifest,
                     reuse_from: Path | None = None) -> None:
    """Makes the private environment and installs hiptimer from ``source`` into it.

    The wheel is built with this Python's own build tools, so only the dependencies come
    from the package index. ``reuse_from`` (another virtual environment with the same
    Python) supplies them instead, with no download: for tests and offline machines.
    """
    manifest.make_folder(layout.venv.parent)
    manifest.venv = layout.venv
    # Made anew each time, so that an upgraded system Python leaves nothing stale behind.
    venv.EnvBuilder(clear=True, with_pip=True).create(layout.venv)
    python = _venv_python(layout.venv)
    if reuse_from is not None:
        own = _site_packages(python)[0]
        # A plain path in a .pth file is added after the environment's own packages, and
        # the .pth files there (such as an editable checkout's) are not read.
        shared = "\n".join(str(p) for p in _site_packages(_venv_python(reuse_from)))
        (own / f"{APP_NAME}-reused-packages.pth").write_text(shared + "\n", encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix=f"{APP_NAME}-wheel-") as wheels:
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                        "--no-build-isolation", "--wheel-dir", wheels, str(source)], check=True)
        wheel = next(Path(wheels).glob(f"{APP_NAME}-*.whl"))
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "--no-deps", "--force-reinstall", str(wheel)], check=True)
        if reuse_from is None:
            subprocess.run([*pip, str(wheel)], check=True)


# The reminder check.

def _systemctl(*args: str) -> bool:
    """Runs ``systemctl --user``; False when there is none or it fails (no user manager)."""
    program = shutil.which("systemctl")
    if program is None:
        return False
    try:
        done = subprocess.run([program, "--user", *args], stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=SYSTEMCTL_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def schedule_reminders(layout: Layout, manifest: Manifest) -> ReminderSchedule:
    """Installs the five-minute reminder check; never fails the install.

    A systemd user timer where ``systemctl --user`` answers, the autostart entry otherwise.
    """
    files = render_reminder_files(layout)
    if _systemctl("show-environment"):
        _write(layout.service, files[layout.service], manifest)
        _write(layout.timer, files[layout.timer], manifest)
        # systemctl makes the folder of enabled timers: it goes when it is empty again.
        wants = layout.systemd_units / "timers.target.wants"
        made_wants = not wants.exists()
        if (_systemctl("daemon-reload")
                and _systemctl("enable", "--now", layout.timer.name)):
            if made_wants and wants.is_dir() and wants not in manifest.directories:
                manifest.directories.append(wants)
            _forget(manifest, [layout.autostart])
            return ReminderSchedule.SYSTEMD_TIMER
        _forget(manifest, [layout.service, layout.timer])
        _systemctl("daemon-reload")
    _write(layout.autostart, files[layout.autostart], manifest)
    return ReminderSchedule.AUTOSTART


def _unschedule_reminders(layout: Layout, schedule: ReminderSchedule | None) -> None:
    if schedule is ReminderSchedule.SYSTEMD_TIMER:
        _systemctl("disable", "--now", layout.timer.name)
        _systemctl("stop", layout.service.name)


def _forget(manifest: Manifest, paths: Iterable[Path]) -> None:
    """Removes installed files and drops them from the manifest."""
    for path in paths:
        path.unlink(missing_ok=True)
        if path in manifest.files:
            manifest.files.remove(path)


def _remove_empty(directories: Iterable[Path]) -> None:
    for folder in sorted(directories, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty: something else keeps it
            folder.rmdir()


# The two commands.

def install(layout: Layout, source: Path, reuse_from: Path | None = None) -> Manifest:
    """Installs hiptimer for the user; a second install replaces the first."""
    previous = Manifest.read(layout.manifest) or Manifest()
    manifest = Manifest(directories=list(previous.directories))
    try:
        make_environment(layout, source, manifest, reuse_from)
        program = shlex.quote(str(layout.venv / "bin" / APP_NAME))
        _write(layout.launcher, _fill(ShippedFile.LAUNCHER, program=program), manifest, 0o755)
        for path, text in render_desktop_files(layout).items():
            _write(path, text, manifest)
        _unschedule_reminders(layout, previous.reminders)
        manifest.reminders = schedule_reminders(layout, manifest)
    except BaseException:
        # A failed install keeps listing what an earlier one left, so uninstall finds it all.
        manifest.files += [p for p in previous.files if p not in manifest.files]
        manifest.reminders = manifest.reminders or previous.reminders
        raise
    else:
        # What the earlier install had and this one does not (the other reminder kind).
        _forget(previous, [p for p in previous.files if p not in manifest.files])
    finally:
        manifest.write(layout.manifest)
    return manifest


def uninstall(layout: Layout) -> Manifest | None:
    """Removes what the manifest lists: the user's own files in the same folders stay."""
    manifest = Manifest.read(layout.manifest)
    if manifest is None:
        return None
    _unschedule_reminders(layout, manifest.reminders)
    for path in manifest.files:
        path.unlink(missing_ok=True)
    if manifest.reminders is ReminderSchedule.SYSTEMD_TIMER:
        _systemctl("daemon-reload")
    if manifest.venv is not None and (manifest.venv / "pyvenv.cfg").is_file():
        shutil.rmtree(manifest.venv)
    layout.manifest.unlink()
    _remove_empty(manifest.directories)
    return manifest


def _on_path(folder: Path) -> bool:
    return any(Path(p) == folder for p in os.environ.get("PATH", "").split(os.pathsep) if p)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m {APP_NAME}.install",
                                     description="Install hiptimer for the current user.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    to_install = commands.add_parser("install", help="install, or replace an install")
    to_install.add_argument(
        "--source", type=Path, default=Path(__file__).resolve().parents[2],
        help="the hiptimer checkout to install (default: the one this runs from)")
    to_install.add_argument(
        "--reuse-packages-from", type=Path, metavar="VENV",
        help="take the dependencies from this virtual environment, without downloading")
    commands.add_parser("uninstall", help="remove what 'install' installed")
    render = commands.add_parser("render", help="write the desktop files into DIR, to check")
    render.add_argument("folder", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    layout = Layout.from_environment()
    if args.command == "render":
        files = {**render_desktop_files(layout), **render_reminder_files(layout)}
        for path, text in files.items():
            (args.folder / path.name).write_text(text, encoding="utf-8")
        return 0
    if args.command == "uninstall":
        removed = uninstall(layout)
        if removed is None:
            print(f"hiptimer is not installed for you (no {layout.manifest}).")
            return 0
        print(f"Removed hiptimer: {len(removed.files)} files and {removed.venv}.")
        if layout.app_data.exists():
            print(f"Your routines and history in {layout.app_data} are left as they were.")
        return 0
    if not (args.source / "pyproject.toml").is_file():
        parser.error(f"{args.source} is not a hiptimer checkout (no pyproject.toml)")
    manifest = install(layout, args.source, args.reuse_packages_from)
    print(f"Installed hiptimer {__version__} for you:")
    for path in [layout.venv, *manifest.files]:
        print(f"  {path}")
    if manifest.reminders is ReminderSchedule.SYSTEMD_TIMER:
        print(f"Reminders: systemctl --user status {layout.timer.name}")
    else:
        print("Reminders: no systemd user manager, so they start with your desktop session.")
    if not _on_path(layout.launcher.parent):
        print(f"{layout.launcher.parent} is not on your PATH: add it to run '{APP_NAME}' "
              "from a terminal (the desktop's menu finds hiptimer anyway).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
