"""The window's title, a third front end of the session status: it says what the screen
says, so a glance at the task bar agrees with the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hiptimer.base.translation import _
from hiptimer.ui.common.plain import plain_title

if TYPE_CHECKING:
    from hiptimer.session.status import Status


def title_of(status: Status) -> str:
    """The phase word, its countdown while under way, PAUSED first when paused."""
    countdown = status.countdown()
    word = status.word.shown
    title = f"{word} {countdown}" if countdown else word
    if status.paused:
        # Translators: the window's title while a session is paused; {title} is the phase
        # word and its countdown ("HOLD 0:25").
        title = _("PAUSED · {title}").format(title=title)
    return plain_title(f"{title} — {status.routine} — hiptimer")
