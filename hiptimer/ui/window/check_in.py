"""The check-in after a completed session, asked on the session screen and answered from
the floor: "How did that feel?".

It never blocks and never takes the keyboard: the card (``CheckInCard``) is drawn over the
screen, and the keys a person already holds answer it. 1 to 4 answer at once; the clicker's
PageUp and PageDown, the arrows and the headset's previous and next move the highlight;
Space, Return and the headset's play choose it; a click chooses the answer clicked. Esc, or
no answer within ``WAIT_SECONDS`` by the window's clock, leaves the session unrated. The
question is spoken once, after the finishing cue, when the voice is on.

A key that answers does nothing else: for a moment after the card goes, the keys that
answer it are held too, so a double press does not start the routine again.
"""

from __future__ import annotations

import math
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from hiptimer.base.keys import Command
from hiptimer.session.check_in import SETTLE_SECONDS, WAIT_SECONDS, answers, spoken_question
from hiptimer.session.clock import Clock
from hiptimer.session.feeling import Feeling
from hiptimer.ui.screen.check_in_card import CheckInCard
from hiptimer.ui.screen.session_view import SessionView

FIRST_HIGHLIGHTED = Feeling.RIGHT
"""Highlighted when the question comes: chosen by a stray Space, it moves the level as no
answer would."""
LET_THROUGH = frozenset({Command.MUTE, Command.LOUDER, Command.QUIETER,
                         Command.FULL_SCREEN})
"""Keys that act as always while the question shows: they answer nothing."""
SETTLING = frozenset({Command.TOGGLE, Command.NEXT, Command.PREVIOUS})
"""Keys held for a moment after the question goes (``SETTLE_SECONDS``)."""
RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
DOWN_KEYS = (Qt.Key.Key_Down,)
UP_KEYS = (Qt.Key.Key_Up,)
DIGITS = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4}
SPEAK_TRIES = 3
"""Times the question is tried, a moment apart, while its words are being made."""
SPEAK_AGAIN_MS = 700


class Voice(Protocol):
    """What speaks the question: the session's ``Practice``."""

    def ask_for_words(self, text: str) -> None: ...

    def say(self, text: str) -> bool: ...

    def ending_seconds(self) -> float: ...


class CheckIn(QObject):
    """The question on ``view``, its answer sent as ``answered``."""

    answered = Signal(object)
    """The answer (a ``Feeling``), or ``None``: set aside with Esc, or not answered in time.
    Sent once for each question; not when it is withdrawn (``withdraw``)."""
    asking_changed = Signal(bool)
    """The question came up (True) or went (False): a media player offers next, previous
    and play while it shows."""

    def __init__(self, view: SessionView, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.clock = clock
        self.card = CheckInCard(view)
        self.card.chosen.connect(self._on_card_chosen)
        self.deadline: float | None = None
        """When the question goes unanswered, on ``clock``; ``None`` while none is asked."""
        self.settled_at: float | None = None
        """Until when the keys that answered are held."""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.voice_timer = QTimer(self)
        self.voice_timer.setSingleShot(True)
        self.voice_timer.timeout.connect(self._on_voice_timer_timeout)
        self._voice: Voice | None = None
        self._voice_tries = 0

    @property
    def asking(self) -> bool:
        return self.deadline is not None

    def ask(self, voice: Voice | None = None) -> None:
        """Put the question on the screen; ``voice`` says it once, after the finishing cue."""
        was_asking = self.asking
        self.deadline = self.clock.now() + WAIT_SECONDS
        self.settled_at = None
        self.card.ask(FIRST_HIGHLIGHTED, self.view.font_scale)
        self._arm()
        if not was_asking:
            self.asking_changed.emit(True)
        self._voice, self._voice_tries = voice, 0
        if voice is not None:
            # Once the session's end is through (its practice closed), not on its way.
            self.voice_timer.start(0)

    def answer(self, command: Command | None, key: int | None = None) -> bool:
        """Take a key while the question shows (or just after it went); False when the key
        is not the question's, and does what it always does."""
        if not self.asking:
            settling = self.settled_at is not None and self.clock.now() < self.settled_at
            return settling and (command in SETTLING or key in RETURN_KEYS)
        if command in LET_THROUGH:
            return False
        number = DIGITS.get(Qt.Key(key)) if key is not None and key in DIGITS else None
        if number is not None:
            self._finish(answers()[number - 1])
        elif command is Command.NEXT or key in DOWN_KEYS:
            self._move(1)
        elif command is Command.PREVIOUS or key in UP_KEYS:
            self._move(-1)
        elif command is Command.TOGGLE or key in RETURN_KEYS:
            self._finish(self.card.highlighted)
        elif command is Command.STOP:
            self._finish(None)
        return True  # nothing else happens while it asks

    def withdraw(self) -> None:
        """Take the question away unanswered without a word (another routine was chosen)."""
        self._close()
        self.settled_at = None

    def _move(self, step: int) -> None:
        order = answers()
        at = order.index(self.card.highlighted)
        self.card.highlight(order[(at + step) % len(order)])

    def _finish(self, feeling: Feeling | None) -> None:
        self._close()
        self.settled_at = self.clock.now() + SETTLE_SECONDS
        self.answered.emit(feeling)

    def _close(self) -> None:
        was_asking = self.asking
        self.deadline = None
        self.timer.stop()
        self.voice_timer.stop()
        self._voice = None
        self.card.hide()
        if was_asking:
            self.asking_changed.emit(False)

    def _arm(self) -> None:
        if self.deadline is not None:
            wait = self.deadline - self.clock.now()
            self.timer.start(max(0, math.ceil(wait * 1000)))

    def _on_timer_timeout(self) -> None:
        if self.deadline is not None and self.clock.now() >= self.deadline:
            self._finish(None)
        else:
            self._arm()  # woken early: wait for the rest

    def _on_card_chosen(self, feeling: Feeling) -> None:
        if self.asking:
            self._finish(feeling)

    def _on_voice_timer_timeout(self) -> None:
        voice = self._voice
        if voice is None or not self.asking:
            return
        text = spoken_question()
        if self._voice_tries == 0:
            voice.ask_for_words(text)
            self._voice_tries = 1
            self.voice_timer.start(max(300, math.ceil(voice.ending_seconds() * 1000) + 200))
        elif self._voice_tries < SPEAK_TRIES and not voice.say(text):
            self._voice_tries += 1
            self.voice_timer.start(SPEAK_AGAIN_MS)
        else:  # said once, or not made in time: shown only
            self._voice = None
            self.voice_timer.stop()
