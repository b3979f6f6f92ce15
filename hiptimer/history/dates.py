"""How the core writes a moment for a person: one format for the terminal and the history's
own messages. (The window writes moments its user's locale's way: ``ui/history/dates``.)

Local time in ISO order with the weekday, ``Mon 2026-03-02 18:00``: read alike in every
country, sorted as text, and the weekday places a session in its week.
"""

from __future__ import annotations

from datetime import datetime

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""Written out here, not by ``%a``: a process that has set its locale (Qt does) would
otherwise write them in another language than the rest of the line."""


def moment_text(moment: datetime) -> str:
    """``moment`` in the local time zone: ``Mon 2026-03-02 18:00``."""
    local = moment.astimezone()
    return f"{WEEKDAYS[local.weekday()]} {local:%Y-%m-%d %H:%M}"
