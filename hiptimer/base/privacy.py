"""Private by default: hiptimer's folders open to the user alone, and its files readable by
the user alone, since the history, the plan and the routines say how someone's body is.

New folders are made 0700 (``make_folder``) and new files 0600 (``write_atomically`` and
``create_private``). What older versions left open, or what the user copied in, is closed
at each start (``keep_private``): hiptimer's folders for data, settings, cache and state,
their subfolders for routines, trash, sounds and the speech cache, and the files directly
in them (the speech cache's only while its folder is still open). Nothing else is walked,
so a start costs a few dozen system calls.

A folder hiptimer did not make keeps its mode, and the start says so in one line for all.
hiptimer cannot know who made a folder; it takes a folder as its own unless

- it belongs to another user (another uid owns it: hiptimer may not change it, and the
  user who owns it decides who may read it),
- it is shared by design (its sticky bit is set, as on the folder for temporary files), or
- it is, or holds, a folder the user keeps other things in: the home folder, an XDG base
  folder itself (the data, config, cache, state or runtime folder, not hiptimer's folder
  inside it) or the folder for temporary files. Only ``HIPTIMER_DATA_DIR`` can name one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from enum import Enum, auto
from pathlib import Path

from hiptimer.base.locations import (
    SPEECH_CACHE,
    Base,
    cache_dir,
    config_dir,
    data_dir,
    state_dir,
)
from hiptimer.base.translation import _, ngettext

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
OTHERS = 0o077
"""The permission bits of the group and of everyone else."""
SUBFOLDERS = ("routines", "trash", "sounds", "cache")
"""The data folder's own folders: what the user made, and the cache of the single layout."""


def make_folder(folder: Path) -> None:
    """Create ``folder`` and any folder above it that is missing, each for the user alone
    (as the XDG base directory rules ask); a folder that exists keeps its mode. ``OSError``
    when one cannot be made (``NotADirectoryError`` naming it when a file is in the way)."""
    missing: list[Path] = []
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for each in reversed(missing):
        try:
            each.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            if each.is_dir():
                continue  # another process made it a moment ago: its mode is not ours to set
            raise NotADirectoryError(
                errno.ENOTDIR, _("{path} is a file, not a folder").format(path=each)) from None
        os.chmod(each, PRIVATE_FOLDER)  # the owner's bits, whatever the umask took away


def create_private(path: Path) -> int:
    """A descriptor that writes ``path`` from its start, for health data the user asked to
    have there: a new file is readable by the user alone, and a file of the user's that
    others could read is closed to them before anything is written (only someone who had
    it open already could read on). A device or a pipe is written as it is. ``OSError``
    when it cannot be opened."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC,
                         PRIVATE_FILE)
    try:
        info = os.fstat(descriptor)
        if _ours_and_open(info) and stat.S_ISREG(info.st_mode):
            os.fchmod(descriptor, stat.S_IMODE(info.st_mode) & ~OTHERS)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def keep_private() -> str | None:
    """At start: hiptimer's folders made if missing, and those it uses closed to others with
    the files directly in them. Returns a one-line note naming the folders left as they
    were because hiptimer did not make them, or ``None``. Nothing here raises but for a
    ``HIPTIMER_DATA_DIR`` that cannot work (``UnusableDataDir``), which the start has
    refused before."""
    if os.name != "posix":
        return None
    shared = _shared_folders()
    data, cache = data_dir(), cache_dir()
    tops = list(dict.fromkeys([data, config_dir(), cache, state_dir()]))
    inside = {data: SUBFOLDERS, cache: (SPEECH_CACHE,)}
    done: set[Path] = set()
    left: list[Path] = []
    notes: list[str] = []
    for top in tops:
        if any(top.is_relative_to(other) for other in left):
            continue  # inside a folder hiptimer did not make: neither made nor changed
        done.add(top)
        why = _tighten_folder(top, shared, make=True)
        if why is not None:
            left.append(top)
            notes.append(why)
            continue
        for name in inside.get(top, ()):
            if (sub := top / name) not in tops and sub not in done:
                done.add(sub)
                # The speech cache may hold thousands of files, all of hiptimer's making:
                # once its folder is closed, it has been walked.
                walk = name != SPEECH_CACHE
                if (why := _tighten_folder(sub, {}, make=False, walk_closed=walk)) is not None:
                    notes.append(why)
    if not notes:
        return None
    return ngettext("{folders}: hiptimer did not make it, so it leaves who may read what is "
                    "in it as it is",
                    "{folders}: hiptimer did not make them, so it leaves who may read what is "
                    "in them as it is", len(notes)).format(folders="; ".join(notes))


def _ours_and_open(info: os.stat_result) -> bool:
    return info.st_uid == os.geteuid() and bool(info.st_mode & OTHERS)


class Shared(Enum):
    """A folder the user keeps other things in."""

    TEMPORARY = auto()
    HOME = auto()
    BASE = auto()
    RUNTIME = auto()


SharedName = tuple[Shared, str]
"""A shared folder's kind, and for a base folder the variable that names it ("" else)."""


def _shared_note(folder: Path, name: SharedName, holds: bool) -> str:
    """The sentence saying that ``folder`` is (or, with ``holds``, holds) a shared one."""
    kind, variable = name
    if kind is Shared.TEMPORARY:
        text = (_("{folder} holds the folder for temporary files") if holds else
                _("{folder} is the folder for temporary files"))
    elif kind is Shared.HOME:
        text = _("{folder} holds your home folder") if holds else _("{folder} is your home folder")
    elif kind is Shared.BASE:
        # Translators: {variable} is the environment variable naming it, as XDG_DATA_HOME.
        text = (_("{folder} holds your {variable} folder") if holds else
                _("{folder} is your {variable} folder"))
    else:
        text = (_("{folder} holds the runtime folder") if holds else
                _("{folder} is the runtime folder"))
    return text.format(folder=folder, variable=variable)


def _shared_folders() -> dict[Path, SharedName]:
    """The folders the user keeps other things in, resolved, with what they are called."""
    named: list[tuple[SharedName, str]] = [((Shared.TEMPORARY, ""), tempfile.gettempdir())]
    with contextlib.suppress(RuntimeError, KeyError):  # a user without a home folder
        named.append(((Shared.HOME, ""), os.fspath(Path.home())))
    named += [((Shared.BASE, base.variable), os.fspath(base.base())) for base in Base]
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.path.isabs(runtime):
        named.append(((Shared.RUNTIME, ""), runtime))
    shared: dict[Path, SharedName] = {}
    for name, folder in named:
        with contextlib.suppress(OSError, RuntimeError):
            shared.setdefault(Path(folder).resolve(), name)
    return shared


def _not_made_by_hiptimer(folder: Path, info: os.stat_result,
                          shared: dict[Path, SharedName]) -> str | None:
    """Why ``folder`` is not hiptimer's own to close, in a sentence for the user that names
    it; or ``None``."""
    if info.st_uid != os.geteuid():
        return _("{folder} belongs to another user (uid {uid})").format(folder=folder,
                                                                         uid=info.st_uid)
    if info.st_mode & stat.S_ISVTX:
        return _("{folder} is shared with other users (its sticky bit is set)").format(
            folder=folder)
    try:
        resolved = folder.resolve()
    except (OSError, RuntimeError):
        return None
    for other, name in shared.items():
        if other == resolved:
            return _shared_note(folder, name, holds=False)
        if other.is_relative_to(resolved):
            return _shared_note(folder, name, holds=True)
    return None


def _tighten_folder(folder: Path, shared: dict[Path, SharedName], make: bool,
                    walk_closed: bool = True) -> str | None:
    """Close ``folder`` and the files directly in it to others; made first when missing
    and ``make``; its files are not looked at when it was closed already and not
    ``walk_closed``. Why it was left as it was (a sentence naming it), or ``None``. A
    folder that cannot be used is left for what uses it to say so."""
    try:
        info = os.stat(folder)  # a link to the user's folder elsewhere is followed
    except FileNotFoundError:
        if make:
            with contextlib.suppress(OSError):
                make_folder(folder)
        return None
    except (OSError, ValueError):
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    why = _not_made_by_hiptimer(folder, info, shared)
    if why is not None:
        return why
    if info.st_mode & OTHERS:
        with contextlib.suppress(OSError):
            os.chmod(folder, stat.S_IMODE(info.st_mode) & ~OTHERS)
    elif not walk_closed:
        return None
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                _tighten_file(entry)
    except OSError:
        pass
    return None


def _tighten_file(entry: os.DirEntry[str]) -> None:
    """Close one regular file of the user's to others. A link is never followed: it may
    point at any file, which is not hiptimer's to change."""
    try:
        seen = entry.stat(follow_symlinks=False)
    except OSError:
        return
    if not (stat.S_ISREG(seen.st_mode) and _ours_and_open(seen)):
        return
    try:
        # Changed through the file opened, not its name: what is in the folder cannot be
        # swapped for a link between looking and changing.
        descriptor = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK
                             | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        now = os.fstat(descriptor)
        if (now.st_dev, now.st_ino) == (seen.st_dev, seen.st_ino):
            os.fchmod(descriptor, stat.S_IMODE(now.st_mode) & ~OTHERS)
    except OSError:
        pass
    finally:
        os.close(descriptor)
