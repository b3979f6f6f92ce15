"""Tests that look at hiptimer in each of its languages: the catalogues in ``po/`` compiled
once per test run into a temporary folder (never into the checkout), and a language
installed for one test and English put back after it.

Use the ``spoken`` fixture, parametrised indirectly::

    @pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
    def test_fits(spoken: Language) -> None: ...
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hatch_build import compile_all
from hiptimer.base.language import Language
from hiptimer.base.translation import install_language
from tests.support.catalogues import PO_DIR

LANGUAGES = tuple(Language)
"""Every language hiptimer has a catalogue for, English first."""

TRANSLATED = tuple(language for language in Language if language is not Language.ENGLISH)
"""The languages that are translations, for tests that need other words than the source."""


@pytest.fixture(scope="session")
def compiled_locale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``locale`` folder with every catalogue of ``po/`` compiled, for this run."""
    top = tmp_path_factory.mktemp("compiled")
    compile_all(PO_DIR, top)
    return top / "hiptimer" / "locale"


@pytest.fixture
def spoken(request: pytest.FixtureRequest, compiled_locale: Path) -> Iterator[Language]:
    """The language the test is parametrised with, installed; English again afterwards."""
    language: Language = request.param
    installed = install_language(language, compiled_locale)
    assert installed is language, f"no compiled catalogue for {language.code}"
    try:
        yield language
    finally:
        install_language(Language.ENGLISH)
