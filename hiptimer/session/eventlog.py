"""A JSON Lines record of a session as it happens: how timing is measured from outside."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any, TextIO

from hiptimer.base.translation import _
from hiptimer.session.engine import Session
from hiptimer.session.events import Event, EventKind


class EventLog:
    """Writes one line per event: ``event``, ``t`` (seconds since start when it was written)
    and ``scheduled`` (when it was due), plus the phase for ``phase_start`` lines and the
    cue's ``name`` for ``cue`` lines. A first ``start`` line gives the start's ``wall`` time.

    A write that fails (a full disk, a closed pipe) is reported once through ``on_error``;
    the session goes on without the log.
    """

    def __init__(self, stream: TextIO, session: Session,
                 on_error: Callable[[str], None]) -> None:
        self._stream: TextIO | None = stream
        self._session = session
        self._on_error = on_error
        self._started = False

    def write(self, event: Event) -> None:
        line = self._line(event.kind.value, event.at)
        if event.value is not None:
            line["value"] = event.value
        if event.tempo is not None:
            line["part"] = event.tempo.value
        if event.reason is not None:
            line["reason"] = event.reason.value
        if event.kind is EventKind.PHASE_STARTED and event.phase is not None:
            phase = event.phase
            line.update(index=phase.index, kind=phase.kind.value, exercise=phase.exercise,
                        side=phase.side, set=phase.set, round=phase.round,
                        duration=phase.duration, reps=phase.reps)
        self._emit(line)

    def write_cue(self, name: str, due_at: float) -> None:
        """A cue sent to the speakers for something due at ``due_at`` on the session clock."""
        line = self._line("cue", due_at)
        line["name"] = name
        self._emit(line)

    def _line(self, name: str, due_at: float) -> dict[str, Any]:
        start = self._session.started_at
        if start is None:  # a stop before the session ever started
            start = due_at
        now = self._session.clock.now()
        if not self._started:
            # Where the session's zero lies on the wall clock, for tools outside the process.
            self._started = True
            self._emit({"event": "start", "t": 0.0, "scheduled": 0.0,
                        "wall": time.time() - (now - start)})
        return {"event": name, "t": round(now - start, 6), "scheduled": round(due_at - start, 6)}

    def _emit(self, line: dict[str, Any]) -> None:
        if self._stream is None:
            return
        try:
            self._stream.write(json.dumps(line) + "\n")
            self._stream.flush()
        except (OSError, ValueError) as exc:
            self._stream = None
            self._on_error(_("cannot write the events file any more ({problem}); the session "
                             "goes on without it").format(problem=exc))
