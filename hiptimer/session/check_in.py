"""The check-in after a completed session, as every front end asks it: the question, the
four answers by number, how long it waits, and when it is asked at all.

It is asked once, never insisted on: no answer in ``WAIT_SECONDS`` leaves the session
unrated, which moves the level as before check-ins (``hiptimer.session.feeling``). No Qt.
"""

from __future__ import annotations

from hiptimer.base.translation import N_, _
from hiptimer.session.feeling import Feeling

QUESTION = N_("How did that feel?")
"""The question, in English: ``question()`` gives it in the language installed."""
WAIT_SECONDS = 60.0
"""How long the question waits for an answer before it goes, the session unrated."""
SETTLE_SECONDS = 1.0
"""After the question goes, the keys that answered it do nothing for this long, so a
second press of the clicker or a held Space does not start the routine again."""


def answers() -> tuple[Feeling, ...]:
    """The answers in the order they are offered, numbered from 1."""
    return tuple(Feeling)


def by_number(number: int) -> Feeling | None:
    """The answer with ``number`` (1 to 4), if there is one."""
    return next((feeling for feeling in Feeling if feeling.number == number), None)


def by_typed(text: str) -> Feeling | None:
    """The answer a typed character gives ("3": hard), if it gives one."""
    return by_number(int(text)) if len(text) == 1 and text in "123456789" else None


def question() -> str:
    """The question as it is shown, in the language installed."""
    return _(QUESTION)


def target_text(feeling: Feeling) -> str:
    """How a target on the screen reads: "2  About right"."""
    return f"{feeling.number}  {feeling.words}"


def spoken_question() -> str:
    """What the voice says once, as the question comes up: the answers with their numbers."""
    # Translators: one answer as the voice says it, after the question: "2, about right."
    said = [_("{number}, {answer}.").format(number=feeling.number, answer=feeling.in_sentence)
            for feeling in answers()]
    return " ".join([question(), *said])


def typed_question() -> str:
    """The terminal's question, one line: "How did that feel? 1 easy, 2 about right, ...";
    Enter (or any other key) skips it."""
    options = ", ".join(f"{feeling.number} {feeling.in_sentence}" for feeling in answers())
    # Translators: {question} is "How did that feel?", {answers} the numbered answers.
    return _("{question} {answers} (Enter: skip)").format(question=question(), answers=options)


def asks_after(completed: bool, preview: bool) -> bool:
    """Whether a session that ended so is asked about: only one run to its end, at its real
    pace (a stopped session or a preview has nothing to rate)."""
    return completed and not preview
