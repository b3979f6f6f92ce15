"""A tiny GIF89a writer for tests: frames of solid colours, each with its delay, so that a
test can make an animated picture without an imaging library.

The pixels are coded in the plainest LZW that decoders take: every index is sent as its own
code, and a clear code comes before the table would grow a code wider, so the code width
never changes."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class GifFrame:
    """One frame: a rectangle of one colour, shown for ``delay_cs`` hundredths of a second.
    The rectangle is the whole screen unless ``size`` (and ``at``) say otherwise."""

    colour: Colour
    delay_cs: int = 10
    size: tuple[int, int] | None = None
    at: tuple[int, int] = (0, 0)


def gif(frames: Sequence[GifFrame], width: int = 40, height: int = 30,
        loops: int | None = 0, background: Colour = (255, 255, 255)) -> bytes:
    """A GIF of ``frames`` on a ``width`` by ``height`` screen of ``background`` colour.
    ``loops``: how many times it repeats as its NETSCAPE2.0 block says (0: forever); None
    leaves the block out, so that it plays once."""
    palette = [background, *sorted({frame.colour for frame in frames} - {background})]
    bits = max(1, (len(palette) - 1).bit_length())
    table = palette + [(0, 0, 0)] * ((1 << bits) - len(palette))
    out = bytearray(b"GIF89a")
    out += struct.pack("<HHBBB", width, height, 0x80 | 0x70 | (bits - 1), 0, 0)
    out += b"".join(bytes(colour) for colour in table)
    if loops is not None:
        out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01" + struct.pack("<H", loops) + b"\x00"
    for frame in frames:
        w, h = frame.size or (width, height)
        out += b"\x21\xf9\x04\x00" + struct.pack("<H", frame.delay_cs) + b"\x00\x00"
        out += b"\x2c" + struct.pack("<HHHHB", *frame.at, w, h, 0)
        out += _image_data([palette.index(frame.colour)] * (w * h), max(2, bits))
    out += b"\x3b"
    return bytes(out)


def _image_data(indices: Sequence[int], least: int) -> bytes:
    """``indices`` LZW-coded with code size ``least``, in data sub-blocks."""
    clear, end = 1 << least, (1 << least) + 1
    width = least + 1
    run = max(1, (1 << least) - 3)
    """Codes sent between clears: fewer than would make the table need a wider code."""
    codes = []
    for start in range(0, len(indices), run):
        codes.append(clear)
        codes.extend(indices[start:start + run])
    codes.append(end)
    packed, value, filled = bytearray(), 0, 0
    for code in codes:
        value |= code << filled
        filled += width
        while filled >= 8:
            packed.append(value & 0xFF)
            value >>= 8
            filled -= 8
    if filled:
        packed.append(value & 0xFF)
    blocks = bytearray([least])
    for start in range(0, len(packed), 255):
        chunk = packed[start:start + 255]
        blocks += bytes([len(chunk)]) + chunk
    return bytes(blocks + b"\x00")
