"""The fixture the other languages' tests stand on: each language really installed."""

from __future__ import annotations

import pytest

from hiptimer.base.language import Language
from hiptimer.base.translation import _, installed_language
from tests.support.languages import LANGUAGES


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_each_language_is_installed_for_the_test(spoken: Language) -> None:
    assert installed_language() is spoken
    sentence = "The sound stopped working; the session goes on silently."
    assert (_(sentence) == sentence) is (spoken is Language.ENGLISH)


def test_english_is_back_after_it() -> None:
    assert installed_language() is Language.ENGLISH
