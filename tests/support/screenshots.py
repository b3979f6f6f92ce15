"""Where tests save pictures of the screen for people to look at, never into the checkout.

Into the folder ``HIPTIMER_SCREENSHOTS`` names, when it is set (kept); otherwise into a
temporary folder of the run's own, removed when the run ends.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

from PySide6.QtWidgets import QWidget

SCREENSHOTS = "HIPTIMER_SCREENSHOTS"
"""The environment variable naming a folder to keep the pictures in."""


@cache
def _run_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="hiptimer-screenshots-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def screenshot_folder() -> Path:
    """The folder ``HIPTIMER_SCREENSHOTS`` names, made if missing; else the run's own."""
    named = os.environ.get(SCREENSHOTS)
    if not named:
        return _run_folder()
    folder = Path(named)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_screenshot(widget: QWidget, name: str) -> Path:
    """A picture of ``widget`` as it is on screen now, saved as ``name`` (a .png)."""
    path = screenshot_folder() / name
    saved = widget.grab().save(str(path))
    assert saved, f"could not save {path}"
    return path
