"""The fake keep-awake services (``fake_desktop``) run in a process of their own, as the
desktop's are, with what they say read line by line while the test's event loop runs (the
app answers and hears answers only there)."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading

from pytestqt.qtbot import QtBot

from .checkout import REPO

WAIT_MS = 20_000


class FakeDesktop:
    """The fake services' process, and each call it reports."""

    def __init__(self, qtbot: QtBot, services: list[str]) -> None:
        self.qtbot = qtbot
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.fake_desktop", *services],
            cwd=REPO, stdout=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.stopped = False
        threading.Thread(target=self._read, daemon=True).start()
        assert self.next_line() == "ready"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_line(self) -> str:
        """The next call reported, waited for with the event loop running."""
        self.qtbot.waitUntil(lambda: not self.lines.empty(), timeout=WAIT_MS)
        return self.lines.get_nowait()

    def said_nothing_more(self) -> bool:
        return self.lines.empty()

    def stop(self) -> None:
        """Stop the process (SIGSTOP): it holds its names and never answers."""
        os.kill(self.process.pid, signal.SIGSTOP)
        self.stopped = True

    def close(self) -> None:
        if self.process.poll() is None:
            if self.stopped:
                os.kill(self.process.pid, signal.SIGCONT)
            self.process.terminate()
        self.process.wait(timeout=10)
        assert self.process.stdout is not None
        self.process.stdout.close()
