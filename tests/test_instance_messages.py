"""Whatever arrives on the hand-over socket, the window reads it as a request a later start
would send, or refuses it: it never raises, and never opens a path no start could name."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.desktop.instance import Request
from hiptimer.ui.desktop.instance_server import _request

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20)

MESSAGES = st.one_of(
    st.binary(max_size=300),
    JSON.map(lambda value: json.dumps(value).encode()),
    st.fixed_dictionaries({"request": st.sampled_from(["open", "ping"]) | st.text(max_size=5)},
                          optional={"path": JSON, "start": JSON})
    .map(lambda value: json.dumps(value).encode()),
)


@settings(max_examples=400)
@given(line=MESSAGES)
def test_any_line_is_a_request_a_start_could_send_or_refused(line: bytes) -> None:
    taken = _request(line)
    if taken is None:
        return
    request, path, start = taken
    assert isinstance(request, Request)
    assert isinstance(start, bool)
    if path is not None:
        assert "\0" not in os.fspath(path)
        os.fsencode(path)  # one the system can open: no error


@given(path=st.text(min_size=1).filter(lambda text: "\0" not in text
                                        and not any(0xD800 <= ord(c) <= 0xDFFF for c in text)),
       start=st.booleans())
def test_what_a_later_start_sends_is_read_as_sent(path: str, start: bool) -> None:
    line = json.dumps({"request": "open", "path": path, "start": start}).encode() + b"\n"
    assert _request(line) == (Request.OPEN, Path(path), start)
