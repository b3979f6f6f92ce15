"""Measured ranges of motion in the history: each hip internal rotation angle, by side.

What the angles mean (the typical band, the difference between sides) is ``motion``'s.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import NamedTuple

from hiptimer.base.translation import _
from hiptimer.history import damage
from hiptimer.history.damage import Reasons
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
        """The measurements not deleted, the oldest first; damaged ones are left out
        (``damaged_measurements`` names them)."""
        return [m for m, reason in self._read_motion() if reason is None]

    def damaged_measurements(self) -> list[tuple[int, str]]:
        """Each measurement not deleted that cannot be read, by id, with why: for
        ``delete_motion``."""
        return [(m.id, reason) for m, reason in self._read_motion() if reason is not None]

    def _read_motion(self) -> list[tuple[Measurement, str | None]]:
        rows = self.db.execute(
            "SELECT id, measured_on, side, degrees FROM motion WHERE deleted_at IS NULL "
            "ORDER BY measured_on, id")
        return [_measurement(row) for row in rows]

    def motion(self) -> list[tuple[date, str, float]]:
        return [(m.measured_on, m.side, m.degrees) for m in self.measurements()]

    def correct_motion(self, corrected: Measurement) -> Measurement:
        """Writes ``corrected`` over the measurement with its id; returns the one it was,
        so the correction can be undone."""
        row = self.db.execute(
            "SELECT id, measured_on, side, degrees FROM motion "
            "WHERE id = ? AND deleted_at IS NULL", (corrected.id,)).fetchone()
        if row is None:
            raise NotDeletable(_("there is no measurement {number}").format(
                number=corrected.id))
        try:
            self.db.execute(
                "UPDATE motion SET measured_on = ?, side = ?, degrees = ? WHERE id = ?",
                (corrected.measured_on.isoformat(), corrected.side, corrected.degrees,
                 corrected.id))
        except sqlite3.Error as exc:
            raise NotDeletable(why_unwritable(exc, self.path)) from exc
        return _measurement(row)[0]


def _measurement(row: tuple[object, ...]) -> tuple[Measurement, str | None]:
    """A ``motion`` row checked: the measurement, and why it is damaged (``None``: sound)."""
    reasons = Reasons()
    read = reasons.read
    measured_on = read(lambda: _day(row[1]), date(1970, 1, 1))
    side = read(lambda: damage.text("side", row[2]), "")
    degrees = read(lambda: _degrees(row[3]), 0.0)
    row_id = row[0]
    assert isinstance(row_id, int)
    return Measurement(row_id, measured_on, side, degrees), reasons.damage


def _day(value: object) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise damage.Damaged(_("{column} {value} is not a date").format(
        column="measured_on", value=damage.shown(value)))


def _degrees(value: object) -> float:
    if (isinstance(value, bool) or not isinstance(value, int | float)
            or not -360 <= value <= 360):
        raise damage.Damaged(_("{column} {value} is not an angle").format(
            column="degrees", value=damage.shown(value)))
    return float(value)
