"""hiptimer run as a person types it, in a process of its own: no Qt in the test process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import IO, Any


def hiptimer(*args: str, **kwargs: Any) -> subprocess.Popen[str]:
    """The command as a person types it; sessions are muted unless sound is under test."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if args[:1] == ("run",) and "--mute" not in args:
        args = (*args, "--mute")
    options = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "env": env, **kwargs}
    return subprocess.Popen([sys.executable, "-m", "hiptimer", *args], text=True, **options)


def read_until(stream: IO[str], text: str) -> list[str]:
    lines = []
    for line in stream:
        lines.append(line)
        if text in line:
            return lines
    raise AssertionError(f"never saw {text!r} in {lines}")


def events(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]
