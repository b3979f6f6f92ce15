"""The composition root: decides how hiptimer starts on this machine and builds what it needs.

Until the window exists, starting the app shows the routine library.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from hiptimer.locations import builtin_routines_dir, user_routines_dir
from hiptimer.report import library_table
from hiptimer.routine.library import scan

NO_DISPLAY = ("hiptimer: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no "
              "window can open; run a routine in this terminal with "
              "'hiptimer run --no-gui ROUTINE'.")


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: Sequence[str]) -> int:
    if argv:
        print(f"hiptimer: unknown command {argv[0]!r}; see 'hiptimer --help'", file=sys.stderr)
        return 2
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
    print(library_table(scan(builtin_routines_dir(), user_routines_dir())))
    return 0
