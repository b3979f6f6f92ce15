"""The application in the light and in the dark look, for tests that check both."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from hiptimer.ui.common import theme


@pytest.fixture(name="look", params=[theme.LIGHT, theme.DARK], ids=["light", "dark"])
def each_look(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[theme.Look]:
    """The application in each look in turn; the palette before is put back after."""
    before = qapp.palette()
    chosen: theme.Look = request.param
    theme.apply(qapp, chosen)
    yield chosen
    qapp.setPalette(before)
