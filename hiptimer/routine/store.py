"""Saving a routine file so that nothing the user made is ever lost.

The new text goes to a temporary file in the same folder, is flushed to disk, and only
then renamed over the old file; the old file is first copied to ``NAME.yaml.bak``. A save
that fails (a full disk, no permission) leaves the original as it was and says why.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class SaveError(Exception):
    """A save did not happen; the message says why, and the original is untouched."""


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def save_text(path: Path, text: str) -> Path | None:
    """Write ``text`` to ``path`` atomically; returns the backup made of the old file, if any."""
    folder = path.parent
    backup: Path | None = None
    scratch: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if path.exists():
            backup = backup_path(path)
            shutil.copy2(path, backup)
        handle, scratch = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(scratch, path)
        scratch = None
        _sync_folder(folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SaveError(f"could not save {path}: {reason}; the file on disk is unchanged") \
            from None
    finally:
        if scratch is not None:
            Path(scratch).unlink(missing_ok=True)
    return backup


def _sync_folder(folder: Path) -> None:
    # The rename itself is only durable once the folder's entry is on disk (POSIX).
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
