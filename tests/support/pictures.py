"""The one way every built-in picture is drawn: plain black line drawings, round ends and
joins, in the agreed box and stroke widths, with nothing Qt would complain about."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

SVG_NS = "{http://www.w3.org/2000/svg}"
VIEW_BOX = "0 0 200 150"
WIDTH = 200

DRAWING = frozenset({"path", "line", "polyline", "polygon", "circle", "ellipse", "rect"})
"""Shapes Qt's SVG Tiny renderer draws as they are; nothing that holds text or pulls
anything in (text, image, use, style, filters, masks, gradients)."""
ELEMENTS = DRAWING | {"svg", "g"}
BLACK = frozenset({"#000", "#000000", "black", "none"})
COLOUR_ATTRIBUTES = frozenset({"fill", "stroke", "color", "stop-color", "flood-color",
                               "lighting-color", "solid-color", "viewport-fill"})
INHERITED = ("fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin")
Shape = tuple[str, dict[str, str]]
"""A shape's kind and the presentation attributes it is drawn with."""


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _shapes(picture: Path) -> Iterator[Shape]:
    """Every shape in ``picture`` with the presentation attributes it ends up drawn with."""
    root = ET.parse(picture).getroot()
    defaults = {"fill": "black", "stroke": "none", "stroke-width": "1",
                "stroke-linecap": "butt", "stroke-linejoin": "miter"}

    def walk(element: ET.Element, inherited: dict[str, str]) -> Iterator[Shape]:
        own = {**inherited, **{key: element.attrib[key] for key in INHERITED
                               if key in element.attrib}}
        if _local(element.tag) in DRAWING:
            yield _local(element.tag), own
        for child in element:
            yield from walk(child, own)

    yield from walk(root, defaults)


def assert_drawn_the_agreed_way(picture: Path) -> None:
    root = ET.parse(picture).getroot()  # well-formed, or this raises
    assert root.tag == SVG_NS + "svg"
    assert root.get("viewBox") == VIEW_BOX
    assert not any(str(root.get(size, "")).endswith("%") for size in ("width", "height"))
    text = picture.read_text(encoding="utf-8")
    assert "currentColor".casefold() not in text.casefold()
    assert "<?xml-stylesheet" not in text
    for element in root.iter():
        assert element.tag.startswith(SVG_NS) and _local(element.tag) in ELEMENTS, element.tag
        assert not (element.text or "").strip() and not (element.tail or "").strip()
        for key, value in element.attrib.items():
            name = _local(key)
            assert name not in {"href", "style", "class"}, f"{name} in {picture.name}"
            assert "url(" not in value and "://" not in value, value
            if name in COLOUR_ATTRIBUTES:
                assert value.strip().casefold() in BLACK, f"{name}={value} in {picture.name}"
    widths = []
    for shape, drawn in _shapes(picture):
        if drawn["stroke"] == "none":
            assert drawn["fill"] != "none", f"an invisible {shape} in {picture.name}"
            continue
        assert (drawn["stroke-linecap"], drawn["stroke-linejoin"]) == ("round", "round")
        widths.append(float(drawn["stroke-width"]))
    # The body reads from three metres away; thinner accents (floor, band) still do.
    assert widths and 0.04 * WIDTH <= max(widths) <= 0.05 * WIDTH
    assert min(widths) >= 0.025 * WIDTH
