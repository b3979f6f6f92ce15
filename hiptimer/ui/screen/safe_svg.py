"""An SVG drawing checked before Qt is given it: it names nothing outside itself, and what it
asks to be drawn is bounded.

Qt's SVG renderer opens and waits on any file an SVG names (an ``<image>``, a style sheet in
a processing instruction), so an image naming a named pipe froze the window for good; and it
draws a ``<use>`` of a ``<use>`` of ... as many times as they multiply out, so 2 KB of them
held it for a minute. Before Qt sees a drawing it is parsed here (by expat, which declares no
entities and fetches nothing) and refused, with the reason, when

- an ``href`` (in any namespace) is neither a reference within the drawing (``#id``) nor, on
  an ``<image>``, a ``data:`` URI holding a PNG, JPEG, GIF, BMP or WebP image;
- a ``url(...)`` names anything but ``#id``, or a style sheet imports another;
- it declares entities or holds processing instructions;
- it nests elements deeper than ``MAX_DEPTH``, holds more than ``MAX_ELEMENTS``, or its
  references (``<use>``, and ``url(#id)`` to what is drawn anew each time) multiply out to
  more than ``MAX_DRAWN`` elements drawn, or go round in a circle.

Refusing the obvious costs milliseconds; what the drawing still costs is bounded by the time
``picture_drawer`` gives it. Nothing here needs Qt.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from dataclasses import dataclass, field
from xml.parsers import expat

from hiptimer.base.problem import quoted
from hiptimer.base.translation import _, pgettext

MAX_XML_BYTES = 8 << 20
"""The most text a drawing may be, unpacked: 8 MiB."""
MAX_ELEMENTS = 50_000
MAX_DEPTH = 64
"""How deep elements may nest, counting what a ``<use>`` brings in where it stands."""
MAX_DRAWN = 100_000
"""How many elements the drawing may draw, every ``<use>`` multiplied out."""
MAX_STYLE = 256 << 10
"""The most text its style sheets may hold together: Qt matches each rule to each element."""

_CHUNK = 1 << 16
"""Parsed this much at a time, so that a big drawing lets other threads run between."""
_URL = re.compile(r"url\s*\(\s*['\"]?\s*", re.IGNORECASE)
_LOCAL = re.compile(r"#([^)'\"\s]*)")
_RASTER = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")
_QT_TAKES_FOR_SVG = (b"<?xml", b"<svg", b"<!--", b"<!DOCTYPE svg", b"\x1f\x8b")
"""What Qt's SVG reader looks for in the first 16 bytes of an image to take it for a drawing."""
_SHARED = frozenset({"linearGradient", "radialGradient", "solidColor", "stop"})
"""What a ``url(#id)`` may name many times at no more cost: a paint, not a drawing."""
_NOT_DRAWN = frozenset({"a"})
"""Elements whose ``href`` is a link to follow, not something drawn in their place."""


class UnsafeSvg(Exception):
    """The drawing is not given to Qt; the message says why, in a few words."""


def grouped(count: int) -> str:
    """A whole number with its thousands marked as the language installed marks them."""
    # Translators: what parts the thousands of a large number (12,000), as in your language.
    return f"{count:,}".replace(",", pgettext("thousands separator", ","))


def checked_svg(data: bytes) -> bytes:
    """The drawing's text as Qt is to be given it (unpacked, when it came gzipped, as an
    ``.svgz``); ``UnsafeSvg`` when it may not be drawn."""
    if data.startswith(b"\x1f\x8b"):
        data = _unpacked(data)
    elif len(data) > MAX_XML_BYTES:
        raise UnsafeSvg(_("it is larger than {size} MiB").format(size=MAX_XML_BYTES >> 20))
    checker = _Checker()
    checker.parse(data)
    checker.weigh()
    return data


def _unpacked(data: bytes) -> bytes:
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        text = unpacker.decompress(data, MAX_XML_BYTES + 1)
    except zlib.error as exc:
        # Translators: {problem} is the unpacker's reason, as it gives it.
        raise UnsafeSvg(_("it is not a gzipped drawing ({problem})").format(problem=exc)) \
            from None
    if len(text) > MAX_XML_BYTES:
        raise UnsafeSvg(_("unpacked, it is larger than {size} MiB").format(
            size=MAX_XML_BYTES >> 20))
    if not unpacker.eof:
        raise UnsafeSvg(_("it is not a gzipped drawing (it is cut short)"))
    return text


@dataclass
class _Element:
    name: str
    """Its local name, without the namespace."""
    children: list[int] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    """The ids it draws in its own place or as part of itself (``<use>``, ``url(#id)``)."""


class _Checker:
    """One drawing parsed: its elements, what each refers to, and its ids."""

    def __init__(self) -> None:
        self.elements: list[_Element] = []
        self.ids: dict[str, list[int]] = {}
        """The elements of each id: Qt may take any one of several with the same id."""
        self.open: list[int] = []
        self.style: list[str] | None = None
        """The text of the ``<style>`` being read, if one is."""
        self.style_size = 0
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        parser.EntityDeclHandler = self._entity
        parser.ProcessingInstructionHandler = self._instruction
        self.parser = parser

    def parse(self, data: bytes) -> None:
        try:
            for start in range(0, len(data), _CHUNK):
                self.parser.Parse(data[start:start + _CHUNK], False)
            self.parser.Parse(b"", True)
        except expat.ExpatError as exc:
            # Translators: {problem} is the XML parser's reason, as it gives it.
            raise UnsafeSvg(_("it is not well-formed XML: {problem} (line {line}, column "
                              "{column})").format(problem=expat.ErrorString(exc.code),
                                                  line=exc.lineno, column=exc.offset + 1)) \
                from None
        if not self.elements:
            raise UnsafeSvg(_("it holds no drawing"))

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if not self.elements and local != "svg":
            raise UnsafeSvg(_("it is not an SVG drawing (it begins with <{element}>)").format(
                element=local))
        if len(self.elements) >= MAX_ELEMENTS:
            raise UnsafeSvg(_("it holds more than {count} elements").format(
                count=grouped(MAX_ELEMENTS)))
        if len(self.open) >= MAX_DEPTH:
            raise UnsafeSvg(_("it nests elements more than {count} deep").format(
                count=MAX_DEPTH))
        index = len(self.elements)
        element = _Element(local)
        self.elements.append(element)
        if self.open:
            self.elements[self.open[-1]].children.append(index)
        self.open.append(index)
        for key, value in attributes.items():
            attribute = key.rpartition(" ")[2]
            if attribute == "id":
                self.ids.setdefault(value.strip(), []).append(index)
            elif attribute == "href":
                self._href(element, value)
            else:
                element.refs.extend(_local_urls(value, attribute))
        if local == "style":
            self.style = []

    def _href(self, element: _Element, target: str) -> None:
        if target.startswith("#"):
            if element.name not in _NOT_DRAWN:
                element.refs.append(target[1:])
            return
        if element.name == "image" and target.startswith("data:"):
            _check_embedded(target)
            return
        shown = quoted(target[:80] + ("…" if len(target) > 80 else ""))
        raise UnsafeSvg(_("it refers to something outside itself ({target}); a picture must "
                          "hold all it draws").format(target=shown))

    def _end(self, name: str) -> None:
        index = self.open.pop()
        if self.style is not None and self.elements[index].name == "style":
            sheet = "".join(self.style)
            self.style = None
            if re.search(r"@import", sheet, re.IGNORECASE):
                raise UnsafeSvg(_("its style sheet imports another; a picture must hold all "
                                  "it draws"))
            self.elements[index].refs.extend(_local_urls(sheet, None))

    def _text(self, text: str) -> None:
        if self.style is not None:
            self.style_size += len(text)
            if self.style_size > MAX_STYLE:
                raise UnsafeSvg(_("its style sheets hold more than {size} KiB").format(
                    size=MAX_STYLE >> 10))
            self.style.append(text)

    @staticmethod
    def _entity(name: str, *rest: object) -> None:
        raise UnsafeSvg(_("it declares an XML entity ({name}); a picture may declare none")
                        .format(name=quoted(name)))

    @staticmethod
    def _instruction(target: str, data: str) -> None:
        raise UnsafeSvg(_("it holds a processing instruction (<?{target}?>); a picture may "
                          "hold none").format(target=target[:40]))

    def weigh(self) -> None:
        """Refuses a drawing whose references multiply out past ``MAX_DRAWN`` elements or
        ``MAX_DEPTH`` levels, or go round in a circle."""
        weighed: dict[int, tuple[int, int]] = {}
        """What each element weighs: the elements drawn for it, and how deep they go."""
        under_way: set[int] = set()

        def weigh(index: int, level: int) -> tuple[int, int]:
            if index in weighed:
                drawn, depth = weighed[index]
            else:
                if index in under_way:
                    raise UnsafeSvg(_("its references go round in a circle"))
                under_way.add(index)
                drawn, depth = 1, 1
                for part in self._parts(index):
                    if level + 1 > MAX_DEPTH:
                        raise UnsafeSvg(too_deep())
                    more, below = weigh(part, level + 1)
                    drawn += more
                    depth = max(depth, below + 1)
                    if drawn > MAX_DRAWN:
                        raise UnsafeSvg(_("it would draw more than {count} elements (its "
                                          "references multiply out)").format(
                                              count=grouped(MAX_DRAWN)))
                under_way.discard(index)
                weighed[index] = drawn, depth
            if level + depth - 1 > MAX_DEPTH:
                raise UnsafeSvg(too_deep())
            return drawn, depth

        weigh(0, 1)

    def _parts(self, index: int) -> list[int]:
        """What is drawn as part of the element: its children, and what it refers to."""
        element = self.elements[index]
        named = (found for ref in element.refs for found in self.ids.get(ref, ()))
        return element.children + [found for found in named
                                    if self.elements[found].name not in _SHARED]


def too_deep() -> str:
    return _("its references nest more than {count} deep").format(count=MAX_DEPTH)


def _local_urls(text: str, attribute: str | None) -> list[str]:
    """The ids ``url(#id)`` names in ``text`` (an element's ``attribute``, or a style sheet
    when None); ``UnsafeSvg`` when one names anything else."""
    if "url" not in text.lower():
        return []
    found = []
    for match in _URL.finditer(text):
        local = _LOCAL.match(text, match.end())
        if local is None:
            target = text[match.end():match.end() + 80].partition(")")[0]
            if attribute is None:
                raise UnsafeSvg(_("its style sheet refers to something outside itself "
                                  "({target}); a picture must hold all it draws").format(
                                      target=quoted(target)))
            # Translators: {attribute} is the name of an SVG attribute, as written (fill).
            raise UnsafeSvg(_("its {attribute} refers to something outside itself ({target}); "
                              "a picture must hold all it draws").format(
                                  attribute=attribute, target=quoted(target)))
        found.append(local.group(1))
    return found


def _check_embedded(uri: str) -> None:
    """An image held in the drawing itself: Qt decodes what follows the last ``base64,`` and
    reads it as any image, an SVG (unchecked) too. Only a raster image's bytes may be there."""
    start = uri.rfind("base64,")
    if start < 0:
        raise UnsafeSvg(_("it embeds an image that is not in base64"))
    try:
        raw = base64.b64decode(uri[start + 7:].encode("ascii", "ignore"), validate=False)
    except (binascii.Error, ValueError):
        raise UnsafeSvg(_("it embeds an image whose base64 is damaged")) from None
    head = raw[:16]
    raster = head.startswith(_RASTER) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
    if not raster or any(marker in head for marker in _QT_TAKES_FOR_SVG):
        raise UnsafeSvg(_("it embeds something other than a PNG, JPEG, GIF, BMP or WebP "
                          "image"))
