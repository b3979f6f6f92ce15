"""A sound driver that crashes, for real: the session goes on, on time, and is recorded.

The default ALSA device in a scratch HOME is ``alsa_crash.c``, built here: it opens like a
working device, then kills the process that opened it with SIGSEGV. Sound runs in a player
process of its own, so that is the process that dies, again and again; the app does not.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .support.history import statuses_on_disk
from .support.processes import gone, until

HERE = Path(__file__).parent
ROUTINE = """\
name: Crash test
defaults: {prepare: 2s, switch: 1s, rest: 1s}
exercises:
  - {name: Frog, hold: 3s, sides: both}
  - {name: Lift, reps: 2, tempo: 1s, sets: 2}
"""
ON_TIME = 0.1
"""Seconds a phase may start late here; bench/timing.py measures the real figures."""

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ALSA is Linux's")


@dataclass(frozen=True)
class CrashingDevice:
    home: Path
    openers: Path
    """Gets the process id of each process that opened the device."""

    def opener_pids(self) -> list[int]:
        return [int(line) for line in self.openers.read_text().split()] \
            if self.openers.exists() else []


@pytest.fixture(scope="module")
def crashing_device(tmp_path_factory: pytest.TempPathFactory) -> CrashingDevice:
    folder = tmp_path_factory.mktemp("crash")
    compiler = shutil.which("cc") or shutil.which("gcc")
    assert compiler, "a C compiler is needed (make installs gcc)"
    library = folder / "libalsa_crash.so"
    subprocess.run([compiler, "-shared", "-fPIC", "-DPIC", "-o", str(library),
                    str(HERE / "alsa_crash.c"), "-lasound", "-lpthread"], check=True)
    home = folder / "home"
    home.mkdir()
    openers = folder / "openers"
    (home / ".asoundrc").write_text(
        f'pcm_type.crash {{ lib "{library}" }}\n'
        f'pcm.!default {{ type crash\n  marker "{openers}" }}\n')
    return CrashingDevice(home, openers)


@pytest.fixture
def routine(tmp_path: Path) -> Path:
    path = tmp_path / "crash-test.yaml"
    path.write_text(ROUTINE)
    return path


def environment(device: CrashingDevice, data_dir: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(device.home), "HIPTIMER_DATA_DIR": str(data_dir),
            "PYTHONUNBUFFERED": "1"}


@pytest.fixture
def fresh_device(crashing_device: CrashingDevice) -> Iterator[CrashingDevice]:
    crashing_device.openers.unlink(missing_ok=True)
    yield crashing_device


def test_a_crashing_driver_never_ends_a_terminal_session(
        fresh_device: CrashingDevice, routine: Path, tmp_path: Path, data_dir: Path) -> None:
    events = tmp_path / "events.jsonl"
    run = subprocess.Popen([sys.executable, "-m", "hiptimer", "run", "--no-gui", str(routine),
                            "--events", str(events)],
                           env=environment(fresh_device, data_dir), stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    lines = [json.loads(line) for line in events.read_text().splitlines()]
    starts = [line for line in lines if line["event"] == "phase_start"]
    assert len(starts) == 8 and lines[-1]["event"] == "finished"
    late = [line["t"] - line["scheduled"] for line in starts + lines[-1:]]
    assert max(late) < ON_TIME, late
    assert statuses_on_disk(data_dir) == ["completed"]
    # The device was opened, and crashed, in player processes only, and in more than one:
    # a new player was started after each death.
    openers = fresh_device.opener_pids()
    assert len(openers) >= 2 and run.pid not in openers
    assert out.count("The sound stopped working; the session goes on silently. (The sound "
                     "player ended: killed by SIGSEGV.") == 1
    assert "Traceback" not in err
    until(lambda: all(gone(pid) for pid in openers))


def test_the_window_stays_up_under_a_crashing_driver(
        fresh_device: CrashingDevice, routine: Path, data_dir: Path) -> None:
    env = {**environment(fresh_device, data_dir), "QT_QPA_PLATFORM": "offscreen"}
    # Not a first start: the session starts without the safety note to confirm on screen.
    (data_dir / "settings.ini").write_text("[notes]\nsafety_seen=true\n")
    app = subprocess.Popen([sys.executable, "-m", "hiptimer", str(routine), "--start"], env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while statuses_on_disk(data_dir) != ["completed"]:
            assert app.poll() is None, f"the window ended: {app.returncode}"
            assert time.monotonic() < deadline, "the session did not complete"
            time.sleep(0.1)
        assert app.poll() is None  # still up once the session is done
        openers = fresh_device.opener_pids()
        assert openers and app.pid not in openers
    finally:
        app.send_signal(signal.SIGTERM)
        _, err = app.communicate(timeout=30)
    assert "Traceback" not in err, err
    until(lambda: all(gone(pid) for pid in openers))
