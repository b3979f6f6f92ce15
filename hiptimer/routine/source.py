"""Safe, bounded YAML reading into a tree that remembers where every value was written.

Only YAML's plain data types are accepted: no tags that build Python objects, no merge
keys, a bounded nesting depth and a bounded number of values after aliases are expanded,
so a hostile file is rejected quickly and with little memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_VALUES = 20_000

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{name}"
                for name in ("str", "int", "float", "bool", "null", "timestamp", "value")}


@dataclass(frozen=True)
class Scalar:
    """A scalar exactly as written (``text``) with the YAML type it resolves to (``kind``)."""

    text: str
    kind: str
    line: int
    column: int


@dataclass(frozen=True)
class Key:
    """A mapping key and its position, kept so errors can point at the key itself."""

    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Mapping:
    items: tuple[tuple[Key, Node], ...]
    line: int
    column: int


@dataclass(frozen=True)
class Sequence:
    items: tuple[Node, ...]
    line: int
    column: int


Node = Scalar | Mapping | Sequence


class SourceError(Exception):
    """A problem that stops the file from being read at all; positions are 1-based."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class _DepthLimitedLoader(yaml.SafeLoader):
    """SafeLoader whose composer refuses absurd nesting before Python's stack is at risk."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise SourceError(f"nesting is deeper than {MAX_DEPTH} levels",
                                  mark.line + 1, mark.column + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def decode(data: bytes) -> str:
    """The file's text, or a located error for oversize, binary or non-UTF-8 content."""
    if len(data) > MAX_BYTES:
        raise SourceError(too_large(len(data)), 1, 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("file is UTF-16 text; save it as UTF-8", 1, 1)
    if b"\x00" in data:
        line, column = _position(data, data.index(b"\x00"))
        raise SourceError("file contains binary data (a NUL byte), not routine text",
                          line, column)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise SourceError(f"file is not UTF-8 text (byte 0x{data[exc.start]:02x} "
                          "cannot be read); save it as UTF-8", line, column) from None
    return text


def too_large(size: int) -> str:
    return f"file is {size:,} bytes; a routine file may be at most {MAX_BYTES:,} bytes (1 MiB)"


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


INVALID = "invalid"


def read_tree(text: str) -> tuple[Node | None, list[SourceError]]:
    """Parse one YAML document into a located tree (``None`` for an empty document).

    Values that are refused (a Python tag, say) come back as scalars of kind ``INVALID``
    with their problem listed, so the rest of the file can still be checked.
    """
    try:
        loader = _DepthLimitedLoader(text)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise SourceError(f"file contains a control character (#x{exc.character:04x}) that "
                          "a routine file may not have", line, column) from None
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc) from None
    except yaml.YAMLError as exc:
        raise SourceError(f"YAML syntax: {exc}", 1, 1) from None
    finally:
        loader.dispose()
    if node is None:
        return None, []
    converter = _Converter()
    return converter.convert(node), converter.problems


class _Converter:
    """Turns composed YAML nodes into the located tree, counting values as aliases expand."""

    def __init__(self) -> None:
        self._values = 0
        self.problems: list[SourceError] = []

    def refuse(self, node: yaml.Node, message: str) -> Scalar:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(SourceError(message, line, column))
        return Scalar("", INVALID, line, column)

    def convert(self, node: yaml.Node, depth: int = 1) -> Node:
        self._values += 1
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if depth > MAX_DEPTH:
            raise SourceError(f"nesting is deeper than {MAX_DEPTH} levels "
                              "(an alias that contains itself?)", line, column)
        if self._values > MAX_VALUES:
            raise SourceError(f"file expands to more than {MAX_VALUES:,} values "
                              "(too many aliases?)", line, column)
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                return self.refuse(node, _tag_message(node.tag))
            return Scalar(node.value, node.tag.removeprefix(_CORE), line, column)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f"{_CORE}seq":
                return self.refuse(node, _tag_message(node.tag))
            values = tuple(self.convert(item, depth + 1) for item in node.value)
            return Sequence(values, line, column)
        if isinstance(node, yaml.MappingNode):
            if node.tag != f"{_CORE}map":
                return self.refuse(node, _tag_message(node.tag))
            items: list[tuple[Key, Node]] = []
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                key_column = key_node.start_mark.column + 1
                if key_node.tag == f"{_CORE}merge":
                    self.refuse(key_node, "merge keys (<<) are not supported; put shared "
                                          "settings under 'defaults:'")
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    self.refuse(key_node, "a key must be a plain word, not a list or mapping")
                    continue
                if key_node.tag not in _SCALAR_TAGS:
                    self.refuse(key_node, _tag_message(key_node.tag))
                    continue
                self._values += 1
                key = Key(str(key_node.value), key_line, key_column)
                items.append((key, self.convert(value_node, depth + 1)))
            return Mapping(tuple(items), line, column)
        raise SourceError("unsupported YAML value", line, column)  # pragma: no cover


def _syntax_error(exc: yaml.MarkedYAMLError) -> SourceError:
    """PyYAML's complaint, placed where the person made the mistake.

    The problem is often noticed lines later (at the end of the file, say); the context says
    where the unfinished thing began, which is where to look.
    """
    problem = exc.problem or "YAML syntax error"
    if "'\\t'" in problem or "\t" in problem:
        problem = "a tab character; YAML is indented with spaces, not tabs"
    mark = exc.problem_mark
    if exc.context and exc.context_mark is not None:
        problem = f"{exc.context}: {problem}"
        mark = exc.context_mark
    if mark is None:
        return SourceError(f"YAML syntax: {problem}", 1, 1)
    return SourceError(f"YAML syntax: {problem}", mark.line + 1, mark.column + 1)


def _tag_message(tag: str) -> str:
    shown = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
    return f"the YAML tag {shown} is not allowed in a routine file (only plain values)"
