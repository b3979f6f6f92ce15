"""Where hiptimer's files are: the shipped routines and resources, and the user's folders.

On Linux the user's files follow the XDG base directories: settings and the training plan
in the config folder, what the user made (routines, history, trash, sounds) in the data
folder, the speech cache in the cache folder and what reminders have said in the state
folder. ``HIPTIMER_DATA_DIR`` keeps all of them in that one folder (tests, trials).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from enum import Enum
from pathlib import Path

from hiptimer.base.identity import APP_NAME
from hiptimer.base.problem import escaped
from hiptimer.base.translation import _

_PACKAGE = Path(__file__).resolve().parent.parent


def _shipped(name: str) -> Path:
    # An installed wheel carries these inside the package; a checkout keeps them at its top.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def builtin_routines_dir() -> Path:
    return _shipped("routines")


def resources_dir() -> Path:
    return _shipped("resources")


class Base(Enum):
    """The XDG base directories hiptimer keeps files in, with their default under home."""

    DATA = ("XDG_DATA_HOME", (".local", "share"))
    CONFIG = ("XDG_CONFIG_HOME", (".config",))
    CACHE = ("XDG_CACHE_HOME", (".cache",))
    STATE = ("XDG_STATE_HOME", (".local", "state"))

    @property
    def variable(self) -> str:
        """The environment variable that names the base folder."""
        variable: str = self.value[0]
        return variable

    def base(self) -> Path:
        """The base folder itself, which other programs share; a relative setting is
        ignored, as the spec says."""
        variable, default = self.value
        value = os.environ.get(variable, "")
        return Path(value) if os.path.isabs(value) else Path.home().joinpath(*default)

    def folder(self) -> Path:
        """hiptimer's folder in this base: the one hiptimer makes, and keeps to the user."""
        return self.base() / APP_NAME


OVERRIDE_VARIABLE = "HIPTIMER_DATA_DIR"


class UnusableDataDir(SystemExit):
    """``HIPTIMER_DATA_DIR`` names no folder hiptimer can keep its files in.

    Nothing can go on without that folder, and whatever asks first (the command line, the
    window, a reminder) would otherwise end in a traceback: this ends the program with one
    line for the user instead, as a wrong argument does.
    """

    def __init__(self, value: str, relative: bool) -> None:
        setting = f"{OVERRIDE_VARIABLE}={escaped(repr(value))}"
        super().__init__(
            (_("hiptimer: {setting} is a relative path; set it to a folder's absolute path, "
               "or unset it") if relative else
             _("hiptimer: {setting} names the home folder of an unknown user; set it to a "
               "folder's absolute path, or unset it")).format(setting=setting))


def _override() -> Path | None:
    """The one folder ``HIPTIMER_DATA_DIR`` names; an empty value is as good as unset.

    A relative path is refused rather than read against the current folder, which differs
    between the window, a terminal and the reminder timer: each would keep its own history.
    A file where the folder should be is not refused here: the history, the settings and
    the reminders each say what they cannot keep there, and the rest goes on working.
    """
    value = os.environ.get(OVERRIDE_VARIABLE)
    if not value:
        return None
    try:
        folder = Path(value).expanduser()
    except RuntimeError:  # "~name" for a user this system does not have
        raise UnusableDataDir(value, relative=False) from None
    if not folder.is_absolute():
        raise UnusableDataDir(value, relative=True)
    return folder


def _platform_folder() -> Path | None:
    """The one folder for everything where the XDG layout is not the convention."""
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming") / APP_NAME
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    return None


def data_dir() -> Path:
    """The per-user data folder; ``HIPTIMER_DATA_DIR`` overrides the platform's convention."""
    return _override() or _platform_folder() or Base.DATA.folder()


def config_dir() -> Path:
    """Settings and the training plan: in the data folder when ``HIPTIMER_DATA_DIR`` is set."""
    return _override() or _platform_folder() or Base.CONFIG.folder()


def cache_dir() -> Path:
    """What can be made again (spoken announcements): safe for the user to delete."""
    single = _override() or _platform_folder()
    return single / "cache" if single else Base.CACHE.folder()


def state_dir() -> Path:
    """What hiptimer remembers between runs that is neither settings nor the user's work."""
    single = _override() or _platform_folder()
    return single / "state" if single else Base.STATE.folder()


def user_routines_dir() -> Path:
    return data_dir() / "routines"


SETTINGS_FILE = "settings.ini"
SPEECH_CACHE = "speech"


def settings_file() -> Path:
    """The settings file; the old one in the data folder while it could not be moved."""
    new = config_dir() / SETTINGS_FILE
    old = data_dir() / SETTINGS_FILE
    return old if not new.exists() and old.is_file() else new


def migrate_old_layout() -> list[str]:
    """Moves files from the single data folder of older versions to where they go now.

    Run once at start; it only looks when the old files are there, so later starts cost two
    checks. Nothing is overwritten: a settings file already in the config folder wins and
    the old one stays. The old speech cache is dropped: it is made again when needed.
    Returns what could not be moved, in sentences for the user; nothing here raises.
    """
    from hiptimer.base.privacy import make_folder  # (it needs these folders' names)

    data, config = data_dir(), config_dir()
    problems: list[str] = []
    old_settings = data / SETTINGS_FILE
    if config != data and old_settings.is_file() and not (config / SETTINGS_FILE).exists():
        try:
            make_folder(config)
            os.replace(old_settings, config / SETTINGS_FILE)
        except OSError as exc:
            problems.append(_("hiptimer could not move its settings from {old} to {new}: "
                              "{problem}; they are read from the old place until it can")
                            .format(old=old_settings, new=config,
                                    problem=exc.strerror or exc))
    old_cache = data / "cache"
    if cache_dir() != old_cache and old_cache.is_dir():
        shutil.rmtree(old_cache / SPEECH_CACHE, ignore_errors=True)
        with contextlib.suppress(OSError):
            old_cache.rmdir()  # only when empty: anything else in it is the user's
    return problems
