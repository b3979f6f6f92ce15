"""The window's title, a third front end of the session status: it says what the screen
says, so a glance at the task bar agrees with the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hiptimer.ui.common.plain import plain_title

if TYPE_CHECKING:
    from hiptimer.session.status import Status


def title_of(status: Status) -> str:
    """The phase word, its countdown while under way, PAUSED first when paused."""
    countdown = status.countdown()
    title = f"{status.word.value} {countdown}" if countdown else status.word.value
    if status.paused:
        title = f"PAUSED · {title}"
    return plain_title(f"{title} — {status.routine} — hiptimer")
