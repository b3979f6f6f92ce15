"""A D-Bus session bus of the test run's own, so no test reaches the desktop's real one.

conftest.py starts it before anything can connect and points ``DBUS_SESSION_BUS_ADDRESS``
at it: the app's MPRIS service, its keep-awake requests, its single-instance hand-over and
its reminders all meet the tests' fake services there, and child processes (a second
hiptimer, ``hiptimer remind``) inherit the same bus.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

DEAD_ADDRESS = "unix:path=/nonexistent/hiptimer-test-bus"
"""Where the bus is said to be when no dbus-daemon could be started: nothing answers there."""


class PrivateBus:
    """A ``dbus-daemon --session`` listening in a temporary folder, until ``stop``."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="hiptimer-test-bus-"))
        self.address = DEAD_ADDRESS
        self._daemon: subprocess.Popen[str] | None = None
        daemon = shutil.which("dbus-daemon")
        if daemon is None:
            return
        self._daemon = subprocess.Popen(
            [daemon, "--session", "--nofork", "--nopidfile", "--print-address=1",
             f"--address=unix:dir={self.folder}"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert self._daemon.stdout is not None
        self.address = self._daemon.stdout.readline().strip() or DEAD_ADDRESS

    @property
    def running(self) -> bool:
        return self._daemon is not None and self._daemon.poll() is None

    def stop(self) -> None:
        if self._daemon is not None and self._daemon.poll() is None:
            self._daemon.terminate()
            self._daemon.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)
