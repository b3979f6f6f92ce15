"""Whether the session bus answers at all, found out before Qt can wait on it.

Qt reaches the session bus by itself while the window is made (to offer its menus to the
desktop, and for screen readers), with calls that wait as long as the bus takes: a bus
process that was stopped would keep the window from ever appearing. So while Qt loads, a
thread asks the bus to let it in; a bus that takes the connection but does not answer
within ``WITHIN`` is hidden from this process (Qt then finds no bus and goes on at once),
and that is said once in the log. No Qt here: this runs before Qt is loaded.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from enum import Enum

from hiptimer.desktop.bus import session_bus_address

LOG = logging.getLogger(__name__)
WITHIN = 2.0
"""Seconds the bus has to let us in before it is taken as stuck."""
DISABLED = "disabled:"
"""The bus address that tells D-Bus libraries, Qt's among them, there is no bus to use."""
ADDRESS = "DBUS_SESSION_BUS_ADDRESS"


class BusState(Enum):
    ANSWERS = "answers"
    ABSENT = "absent"
    """No bus, or one that refuses at once: nothing waits on it."""
    STUCK = "stuck"
    """It takes connections and never answers: whatever waits on it waits for ever."""


def probe(within: float = WITHIN) -> BusState:
    """Connect to the session bus and go through its authentication, in ``within`` seconds
    at most."""
    from jeepney import AuthenticationError
    from jeepney.auth import Authenticator
    from jeepney.bus import get_connectable_addresses

    address = session_bus_address()
    if address is None or address == DISABLED:
        return BusState.ABSENT
    try:
        path = next(get_connectable_addresses(address))
    except (RuntimeError, ValueError, KeyError, StopIteration):
        return BusState.ABSENT
    deadline = time.monotonic() + within
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        try:
            sock.settimeout(within)
            sock.connect(path)
            auth = Authenticator()
            for line in auth:
                sock.settimeout(max(0.001, deadline - time.monotonic()))
                sock.sendall(line)
                answer = sock.recv(1024)
                if not answer:
                    return BusState.ABSENT
                auth.feed(answer)
        except TimeoutError:
            return BusState.STUCK
        except (OSError, AuthenticationError):
            return BusState.ABSENT
    return BusState.ANSWERS


class BusCheck:
    """Probes the session bus on a thread of its own from now on; ``settle`` waits for the
    answer (``within`` at most) and hides a stuck bus from this process."""

    def __init__(self, within: float = WITHIN) -> None:
        self.within = within
        self.state: BusState | None = None
        self._thread = threading.Thread(target=self._run, name="hiptimer-bus-check",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self.state = probe(self.within)

    def settle(self) -> BusState:
        """The bus's state, once known; a stuck bus is hidden before this returns."""
        self._thread.join(self.within + 0.5)
        state = self.state if self.state is not None else BusState.STUCK
        if state is BusState.STUCK:
            LOG.info("the session bus did not answer within %g s: hiptimer goes on without "
                     "it (no media keys, no keeping the screen awake)", self.within)
            os.environ[ADDRESS] = DISABLED
        return state
