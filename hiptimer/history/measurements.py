"""Measured ranges of motion in the history: each hip internal rotation angle, by side.

What the angles mean (the typical band, the difference between sides) is ``motion``'s.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import NamedTuple

from hiptimer.history.deletion import NotDeletable, why_unwritable


class Measurement(NamedTuple):
    """One measured hip internal rotation angle, in degrees, for one side."""

    id: int
    measured_on: date
    side: str
    degrees: float


class MeasurementRows:
    """The history store's measurements (a part of ``HistoryStore``)."""

    db: sqlite3.Connection
    path: Path

    def add_motion(self, measured_on: date, side: str, degrees: float) -> int:
        """A measured hip internal rotation angle for one side, in degrees; returns its id."""
        cursor = self.db.execute(
            "INSERT INTO motion (measured_on, side, degrees) VALUES (?, ?, ?)",
            (measured_on.isoformat(), side, degrees))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def measurements(self) -> list[Measurement]:
        """The measurements not deleted, the oldest first."""
        rows = self.db.execute(
            "SELECT id, measured_on, side, degrees FROM motion WHERE deleted_at IS NULL "
            "ORDER BY measured_on, id")
        return [Measurement(int(r[0]), date.fromisoformat(r[1]), str(r[2]), float(r[3]))
                for r in rows]

    def motion(self) -> list[tuple[date, str, float]]:
        return [(m.measured_on, m.side, m.degrees) for m in self.measurements()]

    def correct_motion(self, corrected: Measurement) -> Measurement:
        """Writes ``corrected`` over the measurement with its id; returns the one it was,
        so the correction can be undone."""
        row = self.db.execute(
            "SELECT id, measured_on, side, degrees FROM motion "
            "WHERE id = ? AND deleted_at IS NULL", (corrected.id,)).fetchone()
        if row is None:
            raise NotDeletable(f"there is no measurement {corrected.id}")
        try:
            self.db.execute(
                "UPDATE motion SET measured_on = ?, side = ?, degrees = ? WHERE id = ?",
                (corrected.measured_on.isoformat(), corrected.side, corrected.degrees,
                 corrected.id))
        except sqlite3.Error as exc:
            raise NotDeletable(why_unwritable(exc, self.path)) from exc
        return Measurement(int(row[0]), date.fromisoformat(row[1]), str(row[2]),
                           float(row[3]))
