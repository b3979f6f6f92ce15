"""Where hiptimer's files are: the shipped routines and resources, and the user's data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    # An installed wheel carries these inside the package; a checkout keeps them at its top.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def builtin_routines_dir() -> Path:
    return _shipped("routines")


def resources_dir() -> Path:
    return _shipped("resources")


def builtin_pictures_dir() -> Path:
    """The built-in exercises' pictures: they ship inside the resources folder."""
    return resources_dir() / "pictures"


def data_dir() -> Path:
    """The per-user data folder; ``HIPTIMER_DATA_DIR`` overrides the platform's convention."""
    override = os.environ.get("HIPTIMER_DATA_DIR")
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming") / "hiptimer"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "hiptimer"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else home / ".local" / "share") / "hiptimer"


def user_routines_dir() -> Path:
    return data_dir() / "routines"
