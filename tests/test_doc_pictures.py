"""The pictures the README and the AppStream data show: each one is in docs/pictures/ (which
'make pictures' draws with 'hiptimer picture'), a PNG of the size it states, and small
enough to keep in the repository. A picture that a change left out or renamed would show
as a broken image on the project's page and in software centres."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

from hiptimer.desktop.install import render_desktop_files
from hiptimer.desktop.install_layout import Layout

from .support.checkout import REPO

PICTURES = REPO / "docs" / "pictures"
README = REPO / "README.md"
URL = "https://raw.githubusercontent.com/hiptimer/hiptimer/main/docs/pictures/"
"""Where software centres fetch the screenshots: the committed folder, on the main branch."""
LARGEST = 150_000
"""The most bytes a picture may take."""
SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """The width and height a PNG file's header gives (it must be a PNG)."""
    head = path.read_bytes()[:24]
    assert head[:8] == SIGNATURE and head[12:16] == b"IHDR", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def stated_size(name: str) -> tuple[int, int]:
    """The size a picture's name ends with, as in ``session-hold-1280x720.png``."""
    found = re.search(r"-(\d+)x(\d+)\.png$", name)
    assert found, f"{name} does not end with its size, WxH.png"
    return int(found[1]), int(found[2])


def test_every_screenshot_in_the_appstream_data_is_there_at_its_size(tmp_path: Path) -> None:
    layout = Layout(tmp_path, tmp_path / "data", tmp_path / "config")
    root = ET.fromstring(render_desktop_files(layout)[layout.metainfo].encode())
    shots = root.findall("./screenshots/screenshot")
    assert shots and [s.get("type") for s in shots].count("default") == 1
    for shot in shots:
        caption = shot.findtext("caption")
        assert caption and caption.strip()
        image = shot.find("image")
        assert image is not None and image.text is not None
        assert image.text.startswith(URL), image.text
        name = image.text.removeprefix(URL)
        path = PICTURES / name
        assert path.is_file(), f"{name}: run 'make pictures'"
        declared = (int(image.get("width", "0")), int(image.get("height", "0")))
        assert png_size(path) == stated_size(name) == declared, name


def test_every_picture_in_the_readme_is_there_at_its_size() -> None:
    shown = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", README.read_text(encoding="utf-8"))
    assert len(shown) >= 2
    for link in shown:
        assert link.startswith("docs/pictures/"), link
        path = REPO / link
        assert path.is_file(), f"{link}: run 'make pictures'"
        assert png_size(path) == stated_size(path.name), link


def test_the_pictures_are_small() -> None:
    pictures = sorted(PICTURES.glob("*.png"))
    assert pictures
    for path in pictures:
        assert png_size(path) == stated_size(path.name), path.name
        assert path.stat().st_size < LARGEST, f"{path.name} is {path.stat().st_size} bytes"
