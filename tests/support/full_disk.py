"""Real causes for a history that cannot be written: a lock another program holds, and a
small file system of its own filled to its last byte."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def locked(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program holding the history's write lock until it lets go (or the end)."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("BEGIN EXCLUSIVE")
        yield db
        if db.in_transaction:
            db.execute("ROLLBACK")
    finally:
        db.close()


@contextmanager
def small_disk(folder: Path) -> Iterator[Path]:
    """A file system of its own at ``folder``, 2 MB, to be filled; the test is skipped where
    one cannot be mounted (it takes root). Unmounted at the end."""
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a small file system can only be mounted as root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs",
                           str(folder)], capture_output=True, text=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"a small file system cannot be mounted here: {made.stderr.strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], check=False).returncode != 0:
            subprocess.run(["umount", "--lazy", str(folder)], check=True)


def fill(disk: Path) -> Path:
    """Fills ``disk`` to its last byte with a file, returned so that it can be removed."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 65536)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def files_beside(folder: Path) -> list[str]:
    """The files a session keeps beside the history in ``folder``: its running second and
    the room for its end."""
    return sorted(p.name for p in folder.iterdir() if ".ending-" in p.name
                  or ".running-" in p.name)
