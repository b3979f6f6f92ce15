"""A window ended by a signal (a kill, a closed terminal, the desktop logging out) ends as
the terminal runner does: the session recorded as stopped, nothing left behind, and the
exit status 128 plus the signal's number."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hiptimer.desktop.instance import socket_path

from .support.history import statuses_on_disk
from .support.processes import until

ROUTINE = ("name: Signal test\ndefaults: {prepare: 0}\nexercises:\n"
           "  - {name: Frog stretch, hold: 10m}\n")


@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
                         ids=lambda s: s.name)
def test_a_signal_stops_the_windows_session_and_leaves_nothing_behind(
        data_dir: Path, tmp_path: Path, sent: signal.Signals) -> None:
    routine = tmp_path / "signal-test.yaml"
    routine.write_text(ROUTINE)
    # Not a first start: the session starts without the safety note to confirm on screen.
    (data_dir / "settings.ini").write_text("[notes]\nsafety_seen=true\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HIPTIMER_DATA_DIR": str(data_dir)}
    app = subprocess.Popen([sys.executable, "-m", "hiptimer", str(routine), "--start"],
                           env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        # Under way, with its running second kept beside the history.
        until(lambda: statuses_on_disk(data_dir) == ["running"]
              and any(data_dir.glob("history.sqlite.running-*")), timeout=60)
        until(lambda: socket_path(data_dir).exists(), timeout=30)
        app.send_signal(sent)
        _, err = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 128 + sent, err
    assert "Traceback" not in err, err
    assert statuses_on_disk(data_dir) == ["stopped"]
    assert not list(data_dir.glob("history.sqlite.running-*"))
    assert not socket_path(data_dir).exists()
