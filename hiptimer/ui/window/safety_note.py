"""The safety note: shown by itself at the first start, and from the Help menu at any time.

The exercises take the hip to the end of its range, with deep bending, crossing and inward
turning: positions some people have been told to avoid. The note says when to stop and who
should ask first, before anyone follows a routine."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from hiptimer.base.preferences import Settings
from hiptimer.ui.common.plain import message_box

TITLE = "Before you start"
SAFETY_NOTE = (
    "Move within what is comfortable. Stop the exercise at once at a sharp or pinching pain "
    "in the hip, groin or knee; a stretch may pull, it should never pinch.\n\n"
    "If you have a hip replacement, have had hip surgery recently, or have a diagnosed hip "
    "condition, ask your clinician before you use these routines. They bend the hip deeply, "
    "cross the legs and turn the thigh inwards to the end of its range: the positions you "
    "may have been told to avoid.\n\n"
    "This note is in the Help menu at any time."
)


def show_safety_note(parent: QWidget) -> QMessageBox:
    """The note, shown without blocking the window (a session may already be starting)."""
    box = message_box(parent, QMessageBox.Icon.Information, TITLE, SAFETY_NOTE)
    box.setAccessibleName(TITLE)
    box.open()
    return box


def show_safety_note_once(parent: QWidget, settings: Settings,
                          report: Callable[[str], None]) -> QMessageBox | None:
    """The note at the first start only: once it has been shown, never again by itself
    (``report`` says when that could not be noted, so it comes again next time)."""
    if settings.safety_note_seen:
        return None
    settings.safety_note_seen = True
    problem = settings.save()
    if problem:
        report(problem)
    return show_safety_note(parent)
