"""A problem told in two parts: a plain sentence anyone understands, and the technical
detail (an exception's text, an exit status) for whoever wants to look closer.

``Notice`` is a ``str`` on purpose: every channel that carries problems as text (the
terminal's status line, the window's problem bar, the relay between threads) takes it as it
is, and a terminal prints the whole of it. Only a receiver that can show the detail on
request (the window's banner) looks at the two parts. It lives here, below the sound and
the history packages, so either can tell of a problem this way without Qt.
"""

from __future__ import annotations

from typing import Self


class Notice(str):
    """``summary``, then the ``detail`` in brackets when there is one, as one text."""

    summary: str
    """One plain sentence: what happened and what it means for the session."""
    detail: str
    """What a technical reader needs (empty when there is nothing more to say)."""

    def __new__(cls, summary: str, detail: str = "") -> Self:
        notice = super().__new__(cls, f"{summary} ({detail})" if detail else summary)
        notice.summary = summary
        notice.detail = detail
        return notice


def summary_of(message: str) -> str:
    """The plain part of a problem: a notice's summary, or a plain message as it is."""
    return message.summary if isinstance(message, Notice) else message


def detail_of(message: str) -> str:
    """The technical part of a problem; a plain message has none."""
    return message.detail if isinstance(message, Notice) else ""
