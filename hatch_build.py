"""Compiles the translations in ``po/`` into the catalogues gettext reads, for the wheel and
for a checkout.

hatchling runs ``CataloguesHook`` when it builds: a wheel gets every ``po/<code>.po`` compiled
to ``hiptimer/locale/<code>/LC_MESSAGES/hiptimer.mo``; an editable install gets them compiled
into the checkout's own ``hiptimer/locale/`` (ignored by git), where the package looks. After
that, ``make`` keeps the checkout's catalogues up to date, through this file run as a
program (``python hatch_build.py PO MO``). Fuzzy entries are left out, as gettext's own
``msgfmt`` leaves them, so a guess never reaches the screen.

Babel is needed only here and by the tests; hiptimer reads the catalogues with Python's
``gettext``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DOMAIN = "hiptimer"


def catalogue_path(code: str) -> Path:
    """Where a language's compiled catalogue goes, below the folder that holds the package."""
    return Path("hiptimer", "locale", code, "LC_MESSAGES", f"{DOMAIN}.mo")


def compile_catalogue(source: Path, target: Path) -> None:
    """``source`` (a ``.po`` file named for its language) compiled into ``target``."""
    with source.open("rb") as file:
        catalogue = read_po(file, locale=source.stem)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as file:
        write_mo(file, catalogue, use_fuzzy=False)


def compile_all(po_dir: Path, top: Path) -> dict[Path, Path]:
    """Every ``.po`` in ``po_dir`` compiled below ``top``: each catalogue, by its path
    relative to ``top``."""
    made: dict[Path, Path] = {}
    for source in sorted(po_dir.glob("*.po")):
        relative = catalogue_path(source.stem)
        compile_catalogue(source, top / relative)
        made[top / relative] = relative
    return made


class CataloguesHook(BuildHookInterface):  # type: ignore[type-arg]
    """Puts the compiled catalogues into the wheel, or beside the code of an editable one."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        if version == "editable":
            compile_all(root / "po", root)
            return
        self._scratch = Path(tempfile.mkdtemp(prefix="hiptimer-catalogues-"))
        for made, relative in compile_all(root / "po", self._scratch).items():
            build_data["force_include"][str(made)] = relative.as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch: Path | None = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    # For make: python hatch_build.py po/de.po hiptimer/locale/de/LC_MESSAGES/hiptimer.mo
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} PO MO")
    compile_catalogue(Path(sys.argv[1]), Path(sys.argv[2]))
