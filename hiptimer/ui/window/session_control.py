"""The window's one session at a time: started from a routine, steered by the user's
commands, its status passed on, and the screensaver held off while it runs.

The window decides what to show; this only turns commands into driver calls, so the
stop question and restarting a finished session live here, not in the window. The stop
question is asked on the session screen, never in a dialog: a first Esc pauses and asks,
a second ends the session, and Space resumes it.

The end of a session the history could not take (a full disk) is kept by its recorder and
tried again here every few seconds, for as long as the window is open (whatever session
comes next), and once more as the window closes.
"""

from __future__ import annotations

import sys
from contextlib import suppress

from PySide6.QtCore import QObject, QTimer, Signal

from hiptimer.base.translation import _
from hiptimer.cues.names import CueSettings
from hiptimer.history.recorder import SessionRecorder
from hiptimer.practice import Assembler, Practice
from hiptimer.qtloop.driver import SessionDriver
from hiptimer.routine.model import Routine
from hiptimer.session.check_in import asks_after
from hiptimer.session.feeling import Feeling
from hiptimer.session.state import State
from hiptimer.ui.desktop.keep_awake import Inhibitor

END_RETRY_MS = 5000
"""How often an end the history could not take is tried again."""


class SessionControl(QObject):
    status_changed = Signal(object)
    """The running session's ``Status`` changed: what every part of the window shows."""
    state_changed = Signal(object)
    """The session's ``State`` changed (started, paused, finished, stopped); sent just
    after the status that shows it."""
    sound_retuned = Signal(object)
    """New ``CueSettings`` (volume, mute, voice): sent whether or not a session runs, so
    what shows the volume outside the window (the media player) follows."""
    stop_asked = Signal(bool)
    """A stop is asked (True: the session is paused until Esc again ends it or Space
    resumes it), or no longer (False)."""
    end_recorded = Signal()
    """An end the history could not take at first is in it now: what the history makes of
    the session (the week, the level) can be shown."""

    def __init__(self, assembler: Assembler, inhibitor: Inhibitor,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.assembler = assembler
        self.inhibitor = inhibitor
        self.driver: SessionDriver | None = None
        self.asking_to_stop = False
        self.unrecorded: list[SessionRecorder] = []
        """Recorders of ended sessions whose end the history does not hold yet."""
        self.end_retry = QTimer(self)
        self.end_retry.setSingleShot(True)
        self.end_retry.setInterval(END_RETRY_MS)
        self.end_retry.timeout.connect(self._on_end_retry_timeout)

    def start(self, routine: Routine) -> None:
        """A new session of ``routine``; one still running is stopped first."""
        self.forget()
        self.driver = SessionDriver(self.assembler.assemble(routine), self)
        # Passed straight on, signal to signal: every second, and no code of ours between.
        self.driver.status_changed.connect(self.status_changed)
        self.driver.state_changed.connect(self._on_driver_state_changed)
        self.driver.show_status()
        self.driver.start()

    def forget(self) -> None:
        """No session any more (one still running is stopped first): another routine was
        chosen."""
        if self.driver is not None:
            self.driver.stop()
            self.driver.deleteLater()
            self.driver = None
        self._ask_to_stop(False)

    def is_live(self) -> bool:
        """A session is under way (running or paused)."""
        return self.driver is not None and self.driver.session.is_live()

    def toggle(self) -> bool:
        """Pause or resume; a finished or stopped session starts again. False: no session."""
        if self.driver is None:
            return False
        if self.driver.session.state in (State.FINISHED, State.STOPPED):
            self.driver.restart()
        else:
            self.driver.toggle()
        return True

    def next(self) -> None:
        if self.driver is not None:
            self.driver.next()

    def previous(self) -> None:
        if self.driver is not None:
            self.driver.previous()

    def stop(self) -> None:
        """Stop at once early on; past the first minute, pause and ask first (a second stop
        ends it)."""
        driver = self.driver
        if driver is None or not driver.session.is_live():
            return
        if driver.session.asks_before_stopping() and not self.asking_to_stop:
            if driver.session.state is State.RUNNING:
                driver.pause()
            self._ask_to_stop(True)
            return
        driver.stop()

    def stop_without_asking(self) -> bool:
        """Stop as ``stop`` does, for a control nobody can answer a question from (a
        headset): where ``stop`` would ask, a running session only pauses (nothing is lost)
        and True says so; a stop while paused ends it."""
        driver = self.driver
        if driver is None or not driver.session.is_live():
            return False
        if driver.session.asks_before_stopping() and driver.session.state is State.RUNNING:
            driver.pause()
            return True
        driver.stop()
        return False

    def retune(self, settings: CueSettings) -> None:
        """New sound settings reach the running session, and the mute its status."""
        if self.driver is not None:
            self.driver.practice.retune(settings)
            self.driver.show_status()
        self.sound_retuned.emit(settings)

    def summary_lines(self) -> list[str]:
        """What the session came to, in a few lines, once it has ended."""
        from hiptimer.session.summary import SCREEN_WIDTH, end_lines

        summary = self.driver.practice.summary() if self.driver is not None else None
        return end_lines(summary, SCREEN_WIDTH) if summary is not None else []

    def check_in_for(self) -> Practice | None:
        """The session to ask how it felt, if it is one to ask about: run to its end at its
        real pace (its practice speaks the question)."""
        driver = self.driver
        if driver is None:
            return None
        practice = driver.practice
        completed = driver.session.state is State.FINISHED
        return practice if asks_after(completed, practice.timeline.preview) else None

    def rate(self, feeling: Feeling) -> None:
        """The check-in's answer for the session just completed: kept in the history, which
        moves the level to match, and shown in its summary."""
        if self.driver is not None:
            self.driver.practice.rate(feeling)

    def close(self) -> None:
        """The window closes: a live session stops (and is recorded as stopped), and an end
        the history has not taken yet is tried once more; one that still fails stays beside
        the history for the next start, which is said where the window was started from."""
        if self.driver is not None and self.driver.session.is_live():
            self.driver.stop()
        self.inhibitor.release()
        self.end_retry.stop()
        self.retry_ends()
        for recorder in self.unrecorded:
            message = recorder.left_behind()
            recorder.close()
            if message:
                with suppress(OSError, ValueError, AttributeError):  # no terminal, or gone
                    print(f"hiptimer: {message}", file=sys.stderr)
        self.unrecorded = []

    def retry_ends(self) -> None:
        """Every end the history has not taken yet, tried again; ``end_recorded`` when one
        is in it now, and tried again later while one is not."""
        recorded = False
        for recorder in list(self.unrecorded):
            if recorder.retry():
                self.unrecorded.remove(recorder)
                recorded = True
        if recorded:
            if self.driver is not None:
                self.driver.practice.send_rating()  # answered while its end was pending
            self.end_recorded.emit()

    def _keep_trying(self) -> None:
        """The session's recorder, tried again every few seconds while its end is pending."""
        recorder = self.driver.practice.recorder if self.driver is not None else None
        if recorder is not None and recorder.pending and recorder not in self.unrecorded:
            self.unrecorded.append(recorder)
        if self.unrecorded and not self.end_retry.isActive():
            self.end_retry.start()

    def _on_end_retry_timeout(self) -> None:
        self.retry_ends()
        if self.unrecorded:
            self.end_retry.start()

    def _ask_to_stop(self, asking: bool) -> None:
        if asking != self.asking_to_stop:
            self.asking_to_stop = asking
            self.stop_asked.emit(asking)

    def _on_driver_state_changed(self, state: State) -> None:
        if state is not State.PAUSED:
            self._ask_to_stop(False)  # resumed, or over: nothing to ask any more
        if state is State.RUNNING:
            # Translators: why the desktop is kept from sleeping; the desktop may show it.
            self.inhibitor.inhibit(_("an exercise session is running"))
        else:
            self.inhibitor.release()
        if state in (State.FINISHED, State.STOPPED):
            self._keep_trying()
        self.state_changed.emit(state)
