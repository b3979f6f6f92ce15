"""The built-in exercises' figure files, found by exercise name (no Qt here).

An exercise is drawn by the body model (``body``) when its name is that of a built-in
exercise with a figure file in ``resources/figures``, written in any case and spacing
(``figure_slug``). A routine's own ``image`` still wins: the screen shows it instead. This
module only finds the file; the body package reads it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from hiptimer.base.locations import resources_dir

_SEPARATORS = re.compile(r"[\W_]+")
"""Anything but letters and digits: spaces, '/', dots and the like all break words."""


def figure_slug(name: str) -> str:
    """The file name (without ``.yaml``) of the built-in figure for exercise ``name``.

    Lower-case words joined by ``-`` ("90/90 stretch" is ``90-90-stretch``). Only letters,
    digits and ``-`` are kept, so no name, however written, can reach outside the folder.
    """
    return "-".join(word for word in _SEPARATORS.split(name.casefold()) if word)


def builtin_figures_dir() -> Path:
    """The built-in exercises' figure files: they ship inside the resources folder."""
    return resources_dir() / "figures"


@cache
def _figure_files() -> dict[str, Path]:
    """The shipped figure files by slug; read once, as the session screen asks often."""
    try:
        return {path.stem: path for path in sorted(builtin_figures_dir().glob("*.yaml"))
                if path.is_file()}
    except OSError:
        return {}


@lru_cache(maxsize=256)
def builtin_figure_file(name: str) -> Path | None:
    """The figure file of the built-in exercise called ``name``, or None if it has none.

    Only files found in the figures folder are ever returned: the name picks one of them,
    it never becomes a path.
    """
    slug = figure_slug(name)
    return _figure_files().get(slug) if slug else None


def builtin_figure_names() -> tuple[str, ...]:
    """The slugs of every built-in figure, in order: one per exercise that has one."""
    return tuple(_figure_files())
