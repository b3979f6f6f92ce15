"""One key table for both front ends: what a key does in the window it does in the terminal,
and the menus and the terminal's help name exactly the keys that work."""

from __future__ import annotations

from hiptimer.base.keys import BINDINGS, Command, Where, bindings
from hiptimer.terminal.keys import KEYS_HELP, TYPED


def test_a_key_that_works_in_both_front_ends_asks_for_the_same_there() -> None:
    window = {binding.key.lower(): command for command, found in bindings(Where.WINDOW).items()
              for binding in found if len(binding.key) == 1}
    for typed, command in TYPED.items():
        if typed.strip() and typed in window:
            assert window[typed] is command
    assert TYPED[" "] is Command.TOGGLE


def test_the_terminal_help_names_every_key_it_takes_and_no_other() -> None:
    named = [part.split(" ", 1)[0] for part in KEYS_HELP.split(", ")]
    assert sorted("space" if key == " " else key for key in TYPED) == sorted(named)
    assert KEYS_HELP.startswith("space pause/resume")


def test_the_terminal_takes_only_keys_that_type_one_character() -> None:
    assert all(len(typed) == 1 for typed in TYPED)
    terminal = bindings(Where.TERMINAL)
    assert set(terminal) == {Command.TOGGLE, Command.NEXT, Command.PREVIOUS, Command.STOP}


def test_every_window_key_is_one_qt_knows() -> None:
    from PySide6.QtCore import Qt

    for found in BINDINGS.values():
        for binding in found:
            if binding.where & Where.WINDOW:
                assert isinstance(Qt.Key[f"Key_{binding.key}"], Qt.Key)
