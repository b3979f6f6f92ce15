"""Which reminders were sent today, kept in a small file so each is sent once a day.

Each line is ``YYYY-MM-DD KEY``. Only today's lines are kept when it is written. A damaged or
foreign file is read as far as it makes sense and never stops a reminder from being checked:
at worst a reminder comes twice.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hiptimer.base.files import NotRegularFile, TooLarge, read_regular_file, write_atomically

REMINDED_FILE = "reminded.txt"
MAX_BYTES = 64 * 1024


def read_reminded(path: Path, day: date) -> frozenset[str]:
    """The keys of the reminders sent on ``day``."""
    try:
        text = read_regular_file(path, MAX_BYTES).decode("utf-8", "replace")
    except (OSError, NotRegularFile, TooLarge):
        return frozenset()
    prefix = day.isoformat() + " "
    return frozenset(line[len(prefix):] for line in text.splitlines()
                     if line.startswith(prefix))


def note_reminded(path: Path, day: date, keys: frozenset[str]) -> None:
    """Keeps ``keys`` as sent on ``day``, replacing the file whole (``OSError`` if it cannot).
    Not synced to the disk: losing it to a power cut costs a reminder sent twice at most."""
    text = "".join(f"{day.isoformat()} {key}\n" for key in sorted(keys))
    write_atomically(path, text.encode("utf-8"), durable=False)
