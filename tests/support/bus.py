"""The one private session bus the whole run uses, so no test ever reaches the desktop's."""

from __future__ import annotations

import atexit

from .private_bus import PrivateBus

BUS = PrivateBus()
atexit.register(BUS.stop)
