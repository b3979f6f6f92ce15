"""The local time zone, made usable before any date is shown or counted.

Python cannot work with every ``TZ`` the C library accepts: ``TZ=XXX-25`` is read as an
offset of 25 hours, and then every local date (the history, the week's count, a reminder's
time) ends in a ``ValueError``. hiptimer checks once at start and falls back to UTC.
"""

from __future__ import annotations

import os
import time
from datetime import datetime

from hiptimer.base.problem import escaped
from hiptimer.base.translation import _

FALLBACK = "UTC"


def _usable() -> bool:
    try:
        datetime.now().astimezone()
        datetime.fromtimestamp(0).astimezone()
    except (ValueError, OverflowError, OSError):
        return False
    return True


def settle_time_zone() -> str | None:
    """Falls back to UTC for this process when the local time zone cannot be used; then a
    sentence saying so for the user, else ``None``."""
    if _usable():
        return None
    setting = os.environ.get("TZ", "")
    os.environ["TZ"] = FALLBACK
    if hasattr(time, "tzset"):
        time.tzset()
    return _("the time zone {setting} cannot be used; times are shown in {zone}").format(
        setting=f"TZ={escaped(repr(setting))}", zone=FALLBACK)
