"""The safety note: confirmed on the session screen before a first session, and shown from
the Help menu at any time (``screen_prompts`` puts it on the screen).

The exercises take the hip to the end of its range, with deep bending, crossing and inward
turning: positions some people have been told to avoid. The note says when to stop (a
pinch, and the signs that a nerve or more than a muscle is involved: numbness, tingling,
pain that spreads or stays) and who should ask first, before anyone follows a routine."""

from __future__ import annotations

from hiptimer.base.translation import N_

# Both are marked only: they are translated where they are shown (``_(SAFETY_NOTE)``).
TITLE = N_("Before you start")
# Translators: a blank line parts the note's paragraphs; keep it between them.
SAFETY_NOTE = N_(
    "Move within what is comfortable: a stretch may pull, it should never pinch. Stop at "
    "once at a sharp or pinching pain in the hip, groin or knee, at numbness or tingling, "
    "or at pain that spreads down the leg or stays after you stop; have that checked.\n\n"
    "If you have a hip replacement, have had hip surgery recently, or have a diagnosed hip "
    "condition, ask your clinician before you use these routines. They bend the hip deeply, "
    "cross the legs and turn the thigh inwards to the end of its range: the positions you "
    "may have been told to avoid.\n\n"
    "This note is in the Help menu at any time, and F1 shows every key."
)
