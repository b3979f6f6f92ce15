"""Where an install for one user puts each file, and the manifest that lists what it put.

The desktop finds its files through the XDG base directories; uninstalling removes exactly
what the manifest lists, never the user's routines, history or settings in the same folders.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from hiptimer import __version__
from hiptimer.base.identity import APP_ID, APP_NAME

REMIND_UNIT = f"{APP_NAME}-remind"
"""The systemd user units' name: ``systemctl --user status hiptimer-remind.timer``."""
MANIFEST_VERSION = 1


class ReminderSchedule(StrEnum):
    """What runs the reminder check."""

    SYSTEMD_TIMER = "systemd-timer"
    """A systemd user timer runs ``hiptimer remind`` every five minutes."""
    AUTOSTART = "autostart"
    """No systemd user manager: ``hiptimer remind --watch`` starts with the desktop session."""


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

    @property
    def integration(self) -> tuple[Path, ...]:
        """What ``hiptimer install`` writes: all but the environment and its launcher."""
        return (self.desktop_entry, self.icon, self.metainfo, self.service, self.timer,
                self.autostart)

    @property
    def mime_cache(self) -> Path:
        """The file types the applications folder's entries open, for 'Open with'."""
        return self.desktop_entry.parent / "mimeinfo.cache"


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
