"""The checkout's own files that tests read: the built-in routines, the docs, the sources."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ROUTINES = REPO / "routines"
