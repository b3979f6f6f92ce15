"""Safe, bounded reading of a routine file into a tree that remembers where every value was.

A routine file may come from anywhere, so everything here is bounded: only regular files
are read, and never more than ``MAX_BYTES``; only YAML's plain data types are accepted (no
tags that build Python objects, no merge keys); nesting is at most ``MAX_DEPTH`` deep and a
file may hold at most ``MAX_VALUES`` values once its aliases are expanded, counted while the
file is read so that reading stops as soon as a limit is passed. Every text a file holds is
checked for characters no routine may show (controls, lone surrogates, non-characters,
direction overrides), so nothing read from a file can act on a terminal or break printing.

The YAML is read event by event, by libyaml when PyYAML has it (fast, in C) and by PyYAML's
own parser otherwise; both give the same tree and the same checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import yaml

from hiptimer.base.files import Kind, NotRegularFile, TooLarge, read_regular_file
from hiptimer.base.problem import Problem, RoutineError, Unsafe, first_unsafe
from hiptimer.base.translation import N_, _, pgettext

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_VALUES = 20_000

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{name}"
                for name in ("str", "int", "float", "bool", "null", "timestamp", "value")}
_MERGE = f"{_CORE}merge"
_RESOLVER = yaml.resolver.Resolver()


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

INVALID = "invalid"
"""The ``kind`` of a scalar that stands in for a refused value (its problem is listed)."""


class SourceError(Exception):
    """A problem that stops the file from being read at all; positions are 1-based."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


# -- reading the file ------------------------------------------------------------------------

_NOT_REGULAR = {
    Kind.FIFO: N_("is a named pipe (FIFO), not a regular file; only regular files are read"),
    Kind.DEVICE: N_("is a device, not a regular file; only regular files are read"),
    Kind.SOCKET: N_("is a socket, not a regular file; only regular files are read"),
    Kind.SPECIAL: N_("is a special file, not a regular file; only regular files are read"),
}


def read_file(path: Path) -> bytes:
    """The bytes of the regular file at ``path``; ``SourceError`` for anything else.

    Read through ``read_regular_file``: a pipe or device is refused unread, and at most
    ``MAX_BYTES + 1`` bytes are read. ``OSError`` (no such file, no permission) is left to
    the caller to word.
    """
    try:
        return read_regular_file(path, MAX_BYTES)
    except NotRegularFile as exc:
        if exc.kind is Kind.FOLDER:
            raise SourceError(_("is a folder, not a routine file"), 1, 1) from None
        raise SourceError(_(_NOT_REGULAR[exc.kind]), 1, 1) from None
    except TooLarge as exc:
        raise SourceError(too_large(exc.size), 1, 1) from None


Refusal = TypeVar("Refusal", bound=RoutineError)


def read_document(path: Path, refusal: type[Refusal]) -> bytes:
    """``read_file`` for a file a person wrote (a routine, a figure): any failure is raised
    as ``refusal``, with its one problem located at the file's start."""
    try:
        return read_file(path)
    except SourceError as exc:
        raise refusal([Problem(str(path), exc.line, exc.column, exc.message)]) from None
    except IsADirectoryError:
        raise refusal([Problem(str(path), 1, 1, _("is a folder, not a routine file"))]) \
            from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise refusal([Problem(str(path), 1, 1, _("cannot read file: {reason}")
                               .format(reason=reason))]) from None


def document_tree(data: bytes, path: str,
                  refusal: type[Refusal]) -> tuple[Node | None, list[Problem]]:
    """The tree of a document a person wrote, with the parts the reader refused as located
    problems; ``refusal`` when it cannot be read at all."""
    try:
        tree, refused = read_tree(decode(data))
    except SourceError as exc:
        raise refusal([Problem(path, exc.line, exc.column, exc.message)]) from None
    return tree, [Problem(path, exc.line, exc.column, exc.message) for exc in refused]


def too_large(size: int | None) -> str:
    """Says the file is too big; ``size`` is ``None`` when only "more than the limit" is known."""
    if size is None:
        return _("file is more than {limit} bytes; a routine file may be at most {limit} "
                 "bytes (1 MiB)").format(limit=f"{MAX_BYTES:,}")
    return _("file is {size} bytes; a routine file may be at most {limit} bytes (1 MiB)"
             ).format(size=f"{size:,}", limit=f"{MAX_BYTES:,}")


# -- characters ------------------------------------------------------------------------------

# What YAML itself allows in a file: tab, line breaks and printable characters.
_UNREADABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


_CONTROL_NAMES = {0x07: N_("bell"), 0x08: N_("backspace"), 0x09: N_("tab"),
                  0x0D: N_("carriage return"), 0x1B: N_("escape"), 0x7F: N_("delete")}
"""The names of the control characters a person may have typed by mistake."""

_REFUSED = {
    Unsafe.CONTROL: N_("text contains the control character U+{code}{name}, which routine "
                       "text may not have, not even written as an escape"),
    Unsafe.SURROGATE: N_("text contains a lone surrogate (half of a character) U+{code}"
                         "{name}, which routine text may not have, not even written as an "
                         "escape"),
    Unsafe.NONCHARACTER: N_("text contains the non-character U+{code}{name}, which routine "
                            "text may not have, not even written as an escape"),
    Unsafe.DIRECTION: N_("text contains the text-direction control U+{code}{name}, which "
                         "routine text may not have, not even written as an escape"),
    Unsafe.SEPARATOR: N_("text contains the line or paragraph separator U+{code}{name}, "
                         "which routine text may not have, not even written as an escape"),
}


def refused_character(text: str) -> str | None:
    """What is wrong with the first character of ``text`` no routine may hold, or ``None``.

    A line break is allowed here (a description may have several lines); the parser refuses
    it where one line is meant. Every other unsafe character (see ``first_unsafe``: controls,
    tab included, lone surrogates, non-characters, direction controls) is refused, however
    it was written, so that nothing a routine holds can act on a terminal or break printing.
    """
    found = first_unsafe(text, newline=True)
    if found is None:
        return None
    kind, char = found
    name = _CONTROL_NAMES.get(ord(char))
    # Translators: the name of a control character, in brackets after its code.
    named = pgettext("character", " ({name})").format(name=_(name)) if name else ""
    return _(_REFUSED[kind]).format(code=f"{ord(char):04X}", name=named)


def decode(data: bytes) -> str:
    """The file's text, or a located error for oversize, binary or non-UTF-8 content."""
    if len(data) > MAX_BYTES:
        raise SourceError(too_large(len(data)), 1, 1)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise SourceError(_("file is UTF-32 text; save it as UTF-8"), 1, 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(_("file is UTF-16 text; save it as UTF-8"), 1, 1)
    if b"\x00" in data:
        line, column = _position(data, data.index(b"\x00"))
        raise SourceError(_("file contains binary data (a NUL byte), not routine text"),
                          line, column)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise SourceError(_("file is not UTF-8 text (byte 0x{byte} cannot be read); save it "
                            "as UTF-8").format(byte=f"{data[exc.start]:02x}"),
                          line, column) from None
    unreadable = _UNREADABLE.search(text)
    if unreadable is not None:
        offset = unreadable.start()
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise SourceError(_("file contains a control character (#x{code}) that a routine "
                            "file may not have").format(code=f"{ord(unreadable.group()):04x}"),
                          line, column)
    return text


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters) of a byte offset, for bytes that may not decode."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


# -- YAML ------------------------------------------------------------------------------------

class _Events(Protocol):
    def check_event(self, *choices: type[yaml.Event]) -> bool: ...
    def peek_event(self) -> yaml.Event: ...
    def get_event(self) -> yaml.Event: ...
    def dispose(self) -> None: ...


FAST = bool(getattr(yaml, "__with_libyaml__", False))
"""Whether libyaml reads the files; tests switch it off to check PyYAML's own parser too."""


def _events(text: str) -> _Events:
    # Only the loaders' event methods are used: nothing here constructs Python objects.
    if FAST:
        return yaml.CSafeLoader(text)  # type: ignore[return-value]
    return yaml.SafeLoader(text)


def read_tree(text: str) -> tuple[Node | None, list[SourceError]]:
    """Parse one YAML document into a located tree (``None`` for an empty document).

    Values that are refused (a Python tag, a control character) come back as scalars of
    kind ``INVALID`` with their problem listed, so the rest of the file can still be checked.
    ``text`` is what ``decode`` returned.
    """
    events = _events(text)
    try:
        return _Composer(events).document()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.YAMLError as exc:
        raise SourceError(_("YAML syntax: {problem}").format(problem=exc), 1, 1) from None
    except (ValueError, OverflowError) as exc:
        # PyYAML's own parser lets a few mistakes out as these ("\U00110000", say).
        mark = getattr(events, "get_mark", lambda: None)()
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        raise SourceError(_("YAML syntax: a value cannot be read ({problem})")
                          .format(problem=exc), line, column) from None
    finally:
        events.dispose()


def _where(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _resolve(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag YAML gives an untagged scalar (``!!int`` for ``12``, ``!!merge`` for ``<<``)."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
    return tag


class _Composer:
    """Builds the located tree from YAML events, counting values as aliases expand.

    An alias costs the size of what it names without walking it again, so an alias bomb is
    refused after a bounded amount of work.
    """

    def __init__(self, events: _Events) -> None:
        self.events = events
        self.values = 0
        self.anchors: dict[str, tuple[Node, int]] = {}
        self.unfinished: set[str] = set()
        self.problems: list[SourceError] = []

    def document(self) -> tuple[Node | None, list[SourceError]]:
        self.events.get_event()  # the stream's start
        if self.events.check_event(yaml.StreamEndEvent):
            return None, []
        self.events.get_event()  # the document's start
        node, __ = self.node(1)
        self.events.get_event()  # the document's end
        if not self.events.check_event(yaml.StreamEndEvent):
            line, column = _where(self.events.peek_event())
            raise SourceError(_("YAML syntax: a second document starts here; a routine file "
                                "holds one (remove the '---')"), line, column)
        return node, self.problems

    def refuse(self, line: int, column: int, message: str) -> Scalar:
        self.problems.append(SourceError(message, line, column))
        return Scalar("", INVALID, line, column)

    def count(self, size: int, line: int, column: int) -> None:
        self.values += size
        if self.values > MAX_VALUES:
            raise SourceError(_("file expands to more than {limit} values (too many values "
                                "or aliases?)").format(limit=f"{MAX_VALUES:,}"), line, column)

    def node(self, depth: int) -> tuple[Node, int]:
        """The next node and how many values it stands for."""
        event = self.events.get_event()
        line, column = _where(event)
        if isinstance(event, yaml.AliasEvent):
            return self.alias(str(event.anchor), line, column)
        if depth > MAX_DEPTH:
            raise SourceError(_("nesting is deeper than {limit} levels").format(
                limit=MAX_DEPTH), line, column)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.unfinished.add(anchor)
        result: tuple[Node, int]
        if isinstance(event, yaml.ScalarEvent):
            result = self.scalar(event, line, column), 1
            self.count(1, line, column)
        elif isinstance(event, yaml.SequenceStartEvent):
            result = self.sequence(event, depth, line, column)
        elif isinstance(event, yaml.MappingStartEvent):
            result = self.mapping(event, depth, line, column)
        else:  # pragma: no cover - the parser only puts nodes here
            raise SourceError(_("YAML syntax: unexpected content"), line, column)
        if anchor is not None:
            self.unfinished.discard(anchor)
            self.anchors[anchor] = result
        return result

    def alias(self, anchor: str, line: int, column: int) -> tuple[Node, int]:
        name = "*" + (anchor if len(anchor) <= 40 else anchor[:40] + "...")
        if anchor in self.unfinished:
            raise SourceError(_("the alias {alias} is inside the value it names, so that "
                                "value would never end").format(alias=name), line, column)
        if anchor not in self.anchors:
            raise SourceError(_("YAML syntax: the alias {alias} names no anchor (&{anchor}) "
                                "before it").format(alias=name, anchor=name[1:]), line, column)
        node, size = self.anchors[anchor]
        self.count(size, line, column)
        return node, size

    def scalar(self, event: yaml.ScalarEvent, line: int, column: int) -> Scalar:
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolve(event.value, event.implicit)
        if tag not in _SCALAR_TAGS:
            return self.refuse(line, column, _tag_message(tag))
        problem = refused_character(event.value)
        if problem is not None:
            return self.refuse(line, column, problem)
        return Scalar(event.value, tag.removeprefix(_CORE), line, column)

    def sequence(self, event: yaml.SequenceStartEvent, depth: int,
                 line: int, column: int) -> tuple[Node, int]:
        self.count(1, line, column)
        items: list[Node] = []
        size = 1
        while not self.events.check_event(yaml.SequenceEndEvent):
            item, item_size = self.node(depth + 1)
            items.append(item)
            size += item_size
        self.events.get_event()
        if event.tag not in (None, "!", f"{_CORE}seq"):
            return self.refuse(line, column, _tag_message(str(event.tag))), size
        return Sequence(tuple(items), line, column), size

    def mapping(self, event: yaml.MappingStartEvent, depth: int,
                line: int, column: int) -> tuple[Node, int]:
        self.count(1, line, column)
        items: list[tuple[Key, Node]] = []
        size = 1
        while not self.events.check_event(yaml.MappingEndEvent):
            key_event = self.events.peek_event()
            key_line, key_column = _where(key_event)
            merge = (isinstance(key_event, yaml.ScalarEvent) and key_event.tag is None
                     and _resolve(key_event.value, key_event.implicit) == _MERGE)
            if merge:
                self.events.get_event()
                self.count(1, key_line, key_column)
                self.refuse(key_line, key_column, _("merge keys (<<) are not supported; put "
                                                    "shared settings under 'defaults:'"))
                size += 1 + self.node(depth + 1)[1]
                continue
            key_node, key_size = self.node(depth + 1)
            value, value_size = self.node(depth + 1)
            size += key_size + value_size
            if not isinstance(key_node, Scalar):
                self.refuse(key_line, key_column,
                            _("a key must be a plain word, not a list or mapping"))
            elif key_node.kind != INVALID:
                items.append((Key(key_node.text, key_line, key_column), value))
        self.events.get_event()
        if event.tag not in (None, "!", f"{_CORE}map"):
            return self.refuse(line, column, _tag_message(str(event.tag))), size
        return Mapping(tuple(items), line, column), size


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> SourceError:
    """PyYAML's complaint, placed where the person made the mistake.

    The problem is often noticed lines later (at the end of the file, say); the context says
    where the unfinished thing began, which is where to look.
    """
    problem = exc.problem or _("YAML syntax error")
    mark = exc.problem_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if "'\\t'" in problem or "\t" in problem or (
            mark is not None and _char_at(text, mark.line, mark.column) == "\t"):
        return SourceError(_("YAML syntax: a tab character; YAML is indented with spaces, "
                             "not tabs"), line, column)
    if "nesting depth" in problem:  # libyaml's own limit, far above ours
        return SourceError(_("nesting is deeper than {limit} levels").format(limit=MAX_DEPTH),
                           line, column)
    if exc.context and exc.context_mark is not None:
        problem = f"{exc.context}: {problem}"
        mark = exc.context_mark
    if mark is None:
        return SourceError(_("YAML syntax: {problem}").format(problem=problem), 1, 1)
    return SourceError(_("YAML syntax: {problem}").format(problem=problem),
                       mark.line + 1, mark.column + 1)


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column of ``text`` ('' past its end)."""
    start = 0
    for __ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start + column:start + column + 1]


def _tag_message(tag: str) -> str:
    shown = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
    if len(shown) > 60:
        shown = shown[:60] + "..."
    return _("the YAML tag {tag} is not allowed in a routine file (only plain values)"
             ).format(tag=shown)
