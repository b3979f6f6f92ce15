"""Where a session is in its life; a module of its own so a screen can know it cheaply."""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


__all__ = ["State"]
