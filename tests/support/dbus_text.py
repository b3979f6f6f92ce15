"""Reads what ``dbus-send --print-reply`` and ``dbus-monitor`` print back into Python values,
so tests can press a player's buttons and read it from another process, as a desktop does.

(PySide cannot take nested D-Bus values such as the MPRIS metadata apart, so the test
process itself cannot be the reader.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_TOKEN = re.compile(
    r'string "(?P<string>[^"]*)"|object path "(?P<path>[^"]*)"'
    r"|(?P<kind>(?:u?int(?:16|32|64))|byte|double) (?P<number>\S+)"
    r"|boolean (?P<boolean>true|false)|(?P<open>array \[|dict entry\(|struct \{)"
    r"|(?P<close>[\])}])")


def _tokens(text: str) -> Iterator[re.Match[str]]:
    return _TOKEN.finditer(text)


def _value(token: re.Match[str], rest: Iterator[re.Match[str]]) -> Any:
    if token["string"] is not None:
        return token["string"]
    if token["path"] is not None:
        return token["path"]
    if token["boolean"] is not None:
        return token["boolean"] == "true"
    if token["kind"] is not None:
        number = token["number"]
        return float(number) if token["kind"] == "double" else int(number)
    assert token["open"] is not None, f"unexpected {token[0]!r}"
    items = []
    for inner in rest:
        if inner["close"] is not None:
            break
        items.append(_value(inner, rest))
    if (token["open"].startswith("array") and items
            and all(isinstance(i, _Entry) for i in items)):
        return {entry.key: entry.value for entry in items}
    if token["open"].startswith("dict"):
        key, value = items
        return _Entry(key, value)
    return items


class _Entry:
    def __init__(self, key: Any, value: Any) -> None:
        self.key = key
        self.value = value


def values(text: str) -> list[Any]:
    """Every value in a printed message body, variants unwrapped; an empty dictionary
    comes out as an empty list, since the text does not tell them apart."""
    tokens = _tokens(text)
    return [_value(token, tokens) for token in tokens]
