"""The built-in exercises' pictures, found by exercise name (no Qt here).

A routine names its own picture with ``image``; an exercise without one still gets a picture
when its name is that of a built-in exercise, written in any case and spacing.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from hiptimer.base.locations import builtin_pictures_dir

_SEPARATORS = re.compile(r"[\W_]+")
"""Anything but letters and digits: spaces, '/', dots and the like all break words."""


def picture_slug(name: str) -> str:
    """The file name (without ``.svg``) of the picture for exercise ``name``.

    Lower-case words joined by ``-`` ("90/90 stretch" is ``90-90-stretch``). Only letters,
    digits and ``-`` are kept, so no name, however written, can reach outside the folder.
    """
    return "-".join(word for word in _SEPARATORS.split(name.casefold()) if word)


@cache
def _pictures() -> dict[str, Path]:
    """The shipped pictures by slug; read once, as the session screen asks on every tick."""
    folder = builtin_pictures_dir()
    try:
        return {path.stem: path for path in sorted(folder.glob("*.svg")) if path.is_file()}
    except OSError:
        return {}


@lru_cache(maxsize=256)
def builtin_picture(name: str) -> Path | None:
    """The built-in picture of the exercise called ``name``, or None if there is none.

    Only files found in the pictures folder are ever returned: the name picks one of them,
    it never becomes a path. Remembered, as the session screen asks every second.
    """
    slug = picture_slug(name)
    return _pictures().get(slug) if slug else None
