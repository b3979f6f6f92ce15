"""A temporary home to install hiptimer into, with stand-ins for ``systemctl``, and the
checks of what an install writes: the install tests share them."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hiptimer.desktop.install_layout import Layout

from .checkout import REPO

ROUTINE = ("name: My own hips\nexercises:\n"
           "  - name: Frog stretch\n    hold: 30s\n")
WORKING_SYSTEMCTL = """#!/bin/sh
echo "$@" >> "$SYSTEMCTL_LOG"
units="$XDG_CONFIG_HOME/systemd/user"
case "$2" in
  enable) /bin/mkdir -p "$units/timers.target.wants"
          /bin/ln -sf "$units/$4" "$units/timers.target.wants/$4" ;;
  disable) /bin/rm -f "$units/timers.target.wants/$4" ;;
esac
exit 0
"""
"""Answers like a running user manager; enabling links the timer as systemctl does."""
NO_MANAGER_SYSTEMCTL = """#!/bin/sh
echo "$@" >> "$SYSTEMCTL_LOG"
echo "Failed to connect to bus: No medium found" >&2
exit 1
"""
"""What systemctl says in a container or a session without a systemd user manager."""


SEARCH_PATH = os.environ.get("PATH", os.defpath)
"""Where the validators are found, even while a test narrows the PATH to its stand-ins."""


def needs(program: str) -> str:
    found = shutil.which(program, path=SEARCH_PATH)
    if found is None:
        pytest.skip(f"{program} is not installed ('make system-deps' installs it)")
    return found


def validate_desktop_entry(path: Path) -> None:
    done = subprocess.run([needs("desktop-file-validate"), str(path)],
                          capture_output=True, text=True)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def validate_metainfo(path: Path) -> None:
    done = subprocess.run([needs("appstreamcli"), "validate", "--no-net", str(path)],
                          capture_output=True, text=True)
    complaints = [line for line in done.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert (done.returncode, complaints) == (0, []), done.stdout


def desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def snapshot(*folders: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder (None) under the folders."""
    found: dict[str, bytes | None] = {}
    for folder in folders:
        for path in [folder, *folder.rglob("*")] if folder.exists() else []:
            found[str(path)] = None if path.is_dir() else path.read_bytes()
    return found


class Home:
    """A user's home with XDG folders of its own, and a stand-in systemctl on the PATH."""

    def __init__(self, root: Path) -> None:
        self.root = root / "home"
        self.data = self.root / "data"
        self.config = self.root / "config"
        self.state = self.root / "state"
        self.cache = self.root / "cache"
        self.tools = root / "tools"
        self.log = root / "systemctl.log"
        self.root.mkdir()
        self.tools.mkdir()
        self.layout = Layout(self.root, self.data, self.config)

    def systemctl(self, script: str) -> None:
        path = self.tools / "systemctl"
        path.write_text(script)
        path.chmod(0o755)

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("HIPTIMER_DATA_DIR", "PYTHONPATH")}
        return {**env, "HOME": str(self.root), "XDG_DATA_HOME": str(self.data),
                "XDG_CONFIG_HOME": str(self.config), "XDG_STATE_HOME": str(self.state),
                "XDG_CACHE_HOME": str(self.cache), "SYSTEMCTL_LOG": str(self.log),
                "PATH": f"{self.tools}{os.pathsep}{os.environ['PATH']}"}

    def run(self, *command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(command), capture_output=True, text=True,
                              env=self.environment(), cwd=self.root, timeout=600)

    def installer(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = self.run(sys.executable, "-m", "hiptimer.desktop.install", *args)
        assert done.returncode == 0, done.stderr
        return done

    def install(self) -> subprocess.CompletedProcess[str]:
        return self.installer("install", "--source", str(REPO),
                              "--reuse-packages-from", sys.prefix)

    def snapshot(self) -> dict[str, bytes | None]:
        """The user's folders, where an install writes (other tools may leave dotfiles)."""
        return snapshot(self.data, self.config, self.state, self.cache, self.root / ".local")

    def systemctl_calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []
