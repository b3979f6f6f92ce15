"""The theme follows the desktop live: a switch between light and dark while hiptimer runs
restyles the window at once, unless the user chose a fixed light or dark theme.

The offscreen platform has no desktop to switch, so the desktop's scheme is set in
``theme.system_scheme`` and Qt's signal that it changed is sent as the desktop would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hiptimer.base.preferences import Theme
from hiptimer.session.vocabulary import ColourRole
from hiptimer.ui.common import theme
from hiptimer.ui.history.view import HistoryView
from hiptimer.ui.prefs.dialog import SettingsDialog
from hiptimer.ui.prefs.scheme_watch import SchemeWatch

from .support.history import StoreOpener
from .support.window import Harness


class Desktop:
    """The desktop's colour scheme, switched as a user switches it in the desktop's settings."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.scheme = Qt.ColorScheme.Light
        monkeypatch.setattr(theme, "system_scheme", lambda: self.scheme)

    def switch(self, scheme: Qt.ColorScheme) -> None:
        self.scheme = scheme
        QGuiApplication.styleHints().colorSchemeChanged.emit(scheme)
        QApplication.processEvents()  # widgets take a new application palette from events


@pytest.fixture
def desktop(monkeypatch: pytest.MonkeyPatch) -> Iterator[Desktop]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette = QPalette(app.palette())
    yield Desktop(monkeypatch)
    app.setPalette(palette)  # the next test starts from the look it would have had


def forget_watches() -> None:
    """End the watches of windows other tests left behind (closed, not yet deleted): each
    would restyle the whole application to its own window's settings."""
    for window in QApplication.topLevelWidgets():
        for watch in window.findChildren(SchemeWatch):
            shiboken6.delete(watch)


@pytest.fixture
def ui(qtbot: QtBot, data_dir: Path, desktop: Desktop) -> Iterator[Harness]:
    forget_watches()
    harness = Harness(qtbot, data_dir)
    # The window makes its own watch once it is wired in; until then the test makes it.
    if harness.window.findChild(SchemeWatch) is None:
        SchemeWatch(harness.settings, restyle=harness.window.apply_settings,
                    parent=harness.window)
    yield harness
    harness.window.close()
    forget_watches()


def restyle(ui: Harness) -> None:
    """Apply the settings as the window does when they change, and let widgets see it."""
    ui.window.apply_settings()
    QApplication.processEvents()


def ground(widget: QWidget) -> str:
    """The colour a widget's background is painted in."""
    return widget.palette().color(QPalette.ColorRole.Window).name()


def text(widget: QWidget) -> str:
    return widget.palette().color(QPalette.ColorRole.WindowText).name()


def test_following_the_system_restyles_everything_when_the_desktop_switches(
        ui: Harness, desktop: Desktop, open_store: StoreOpener, data_dir: Path) -> None:
    ui.settings.theme = Theme.SYSTEM
    restyle(ui)
    ui.store = open_store(data_dir / "history.sqlite")
    history = ui.window.open_history()
    assert isinstance(history, HistoryView)
    ui.qtbot.addWidget(history)
    dialog = SettingsDialog(ui.settings, ui.window.preferences.changed, ui.window)
    ui.qtbot.addWidget(dialog)
    assert ground(ui.view) == theme.LIGHT.phase[ColourRole.IDLE]
    assert ground(ui.window.library) == ground(history) == ground(dialog) == theme.LIGHT.window

    desktop.switch(Qt.ColorScheme.Dark)
    assert ground(ui.view) == theme.DARK.phase[ColourRole.IDLE]
    assert text(ui.view) == theme.DARK.on_phase
    for widget in (ui.window.library, ui.window.library.list, history, history.chart, dialog):
        assert (ground(widget), text(widget)) == (theme.DARK.window, theme.DARK.text), widget

    routine = data_dir / "routine.yaml"
    routine.write_text("name: Hips\nexercises:\n  - name: Pigeon\n    hold: 30s\n",
                       encoding="utf-8")
    ui.window.open_path(routine, start=True)
    assert ground(ui.view) == theme.DARK.phase[ColourRole.PREPARE]
    desktop.switch(Qt.ColorScheme.Light)  # mid-session: the phase keeps its meaning
    assert ground(ui.view) == theme.LIGHT.phase[ColourRole.PREPARE]
    assert ground(history) == theme.LIGHT.window


@pytest.mark.parametrize("chosen", [Theme.LIGHT, Theme.DARK])
def test_a_theme_chosen_by_hand_ignores_the_desktop(ui: Harness, desktop: Desktop,
                                                    chosen: Theme) -> None:
    ui.settings.theme = chosen
    restyle(ui)
    look = theme.DARK if chosen is Theme.DARK else theme.LIGHT
    restyled = []
    watch = ui.window.findChild(SchemeWatch)
    assert watch is not None
    watch.restyle = lambda: restyled.append(True)
    for scheme in (Qt.ColorScheme.Dark, Qt.ColorScheme.Light, Qt.ColorScheme.Dark):
        desktop.switch(scheme)
        assert ground(ui.view) == look.phase[ColourRole.IDLE]
        assert ground(ui.window.library) == look.window
    assert not restyled  # not even redrawn in the same colours


def test_choosing_system_again_takes_the_desktops_scheme_at_once(
        ui: Harness, desktop: Desktop) -> None:
    ui.settings.theme = Theme.LIGHT
    restyle(ui)
    desktop.switch(Qt.ColorScheme.Dark)
    assert ground(ui.view) == theme.LIGHT.phase[ColourRole.IDLE]
    dialog = SettingsDialog(ui.settings, ui.window.preferences.changed, ui.window)
    ui.qtbot.addWidget(dialog)
    dialog.theme.setCurrentIndex(list(Theme).index(Theme.SYSTEM))
    QApplication.processEvents()
    assert ground(ui.view) == theme.DARK.phase[ColourRole.IDLE]
    assert QColor(ground(dialog)) == QColor(theme.DARK.window)


def test_a_desktop_that_says_no_scheme_gets_the_light_look(ui: Harness,
                                                           desktop: Desktop) -> None:
    ui.settings.theme = Theme.SYSTEM
    desktop.switch(Qt.ColorScheme.Dark)
    desktop.switch(Qt.ColorScheme.Unknown)
    assert ground(ui.view) == theme.LIGHT.phase[ColourRole.IDLE]
