"""How written names and units are said: the speech engine reads "90/90" as "ninety slash
ninety" and "30s" as "thirty ess", so announcements are put into words a person would say
before they are spoken. The screen keeps the written form."""

from __future__ import annotations

import re

PRONUNCIATIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), said) for pattern, said in (
        (r"\b90\s*/\s*90\b", "ninety-ninety"),
        (r"(\d)\s*°", r"\1 degrees"),
        (r"\b1\s*s(ec)?\b", "1 second"),
        (r"\b(\d+(?:\.\d+)?)\s*s(ecs?)?\b", r"\1 seconds"),
        (r"\b1\s*min\b", "1 minute"),
        (r"\b(\d+(?:\.\d+)?)\s*mins?\b", r"\1 minutes"),
        (r"\b(\d+)\s*x\b", r"\1 times"),
        (r"(?<![-\d])\b(\d+)-(\d+)\b(?!-\d)", r"\1 to \2"),
        (r"&", " and "),
        (r"\s+/\s+", " or "),
    ))
"""Written form and what is said instead, applied in this order."""


def spoken(text: str) -> str:
    """``text`` as it should be said aloud."""
    for pattern, said in PRONUNCIATIONS:
        text = pattern.sub(said, text)
    return re.sub(r"\s{2,}", " ", text).strip()
