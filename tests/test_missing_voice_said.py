"""Where espeak-ng has no voice for the language spoken, the note that says so is in that
language as a whole: what happened and what to do about it, not half of it in English."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from hiptimer.base.language import Language
from hiptimer.base.notice import Notice
from hiptimer.cues.speech import Speaker

from .support.languages import LANGUAGES

NO_VOICE = """#!{python}
# A stand-in for espeak-ng that knows no voice at all: its list is the title line alone.
import sys
if sys.argv[1].startswith("--voices="):
    print("Pty Language       Age/Gender VoiceName          File                 Other Languages")
else:
    sys.exit("asked to speak without a voice")
"""
ENGLISH_DETAIL = "installing its voice data adds it"


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_a_missing_voice_is_told_in_the_language_spoken(spoken: Language,
                                                         tmp_path: Path) -> None:
    engine = tmp_path / "espeak-ng"
    engine.write_text(NO_VOICE.format(python=sys.executable))
    engine.chmod(0o755)
    speaker = Speaker(tmp_path / "cache", engine=str(engine))
    assert speaker.say("Halfway.") is None and speaker.say("Rest.") is None
    notice = speaker.problem
    assert isinstance(notice, Notice)
    # The voice looked for, as espeak-ng names it, in the language's quotation marks.
    assert re.search(rf"\W{speaker.voice}\W", notice.detail)
    assert (ENGLISH_DETAIL in notice.detail) is (spoken is Language.ENGLISH)
