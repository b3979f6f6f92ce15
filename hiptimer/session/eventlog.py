"""A JSON Lines record of a session as it happens: how timing is measured from outside."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

from hiptimer.session.engine import Session
from hiptimer.session.events import Event, EventKind


class EventLog:
    """Writes one line per event: ``event``, ``t`` (seconds since start when it was written)
    and ``scheduled`` (when it was due), plus the phase for ``phase_start`` lines.

    A write that fails (a full disk, a closed pipe) is reported once through ``on_error``;
    the session goes on without the log.
    """

    def __init__(self, stream: TextIO, session: Session,
                 on_error: Callable[[str], None]) -> None:
        self._stream: TextIO | None = stream
        self._session = session
        self._on_error = on_error

    def write(self, event: Event) -> None:
        if self._stream is None:
            return
        start = self._session.started_at
        if start is None:  # a stop before the session ever started
            start = event.at
        line: dict[str, Any] = {
            "event": event.kind.value,
            "t": round(self._session.clock.now() - start, 6),
            "scheduled": round(event.at - start, 6),
        }
        if event.value is not None:
            line["value"] = event.value
        if event.part is not None:
            line["part"] = event.part
        if event.kind is EventKind.PHASE_STARTED and event.phase is not None:
            phase = event.phase
            line.update(index=phase.index, kind=phase.kind.value, exercise=phase.exercise,
                        side=phase.side, set=phase.set, round=phase.round,
                        duration=phase.duration, reps=phase.reps)
        try:
            self._stream.write(json.dumps(line) + "\n")
            self._stream.flush()
        except (OSError, ValueError) as exc:
            self._stream = None
            self._on_error(f"cannot write the events file any more ({exc}); "
                           "the session goes on without it")
