"""The core stays Qt-free, so it can be driven and tested without a GUI toolkit.

import-linter checks the imports as written ('make contracts'); these check what importing
really loads, each in a fresh interpreter. The tests have layers too: what they share is in
``tests/support/``, and no test module imports another, or conftest.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import hiptimer

TESTS = Path(__file__).resolve().parent
CORE_PACKAGES = ("hiptimer.routine", "hiptimer.session", "hiptimer.cues", "hiptimer.history")
CORE_MODULES = ("hiptimer.practice",)
REPORT = """
import json, sys
print(json.dumps(sorted(sys.modules)))
"""


def loaded_after(code: str) -> list[str]:
    """Every module loaded once ``code`` has run."""
    result = subprocess.run([sys.executable, "-c", code + REPORT], capture_output=True,
                            text=True, check=True)
    loaded: list[str] = json.loads(result.stdout.splitlines()[-1])
    return loaded


def qt_or_ui(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in ("PySide6", "shiboken6")
            or m == "hiptimer.ui" or m.startswith("hiptimer.ui.")]


def test_core_imports_no_qt() -> None:
    loaded = loaded_after("import hiptimer.routine, hiptimer.session, hiptimer.routine.catalogue")
    assert qt_or_ui(loaded) == []


def test_every_core_module_imports_no_qt() -> None:
    # Every module, not only what the packages import: a module nothing uses yet counts too.
    loaded = loaded_after(f"""
import importlib, pkgutil
for name in {CORE_PACKAGES!r}:
    package = importlib.import_module(name)
    for module in pkgutil.walk_packages(package.__path__, name + "."):
        importlib.import_module(module.name)
for name in {CORE_MODULES!r}:
    importlib.import_module(name)
""")
    assert qt_or_ui(loaded) == []
    root = Path(hiptimer.__file__).parent
    files = [p for name in CORE_PACKAGES for p in (root / name.split(".")[1]).rglob("*.py")]
    modules = {".".join(p.relative_to(root.parent).with_suffix("").parts) for p in files}
    assert {m.removesuffix(".__init__") for m in modules} <= set(loaded)  # all were imported


def test_the_command_line_tools_need_no_qt() -> None:
    code = ("import sys; from hiptimer.cli import main; main(['list']); "
            "print('QT', [m for m in sys.modules if m.startswith('PySide6')])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip().endswith("QT []")


def modules_of_the_tests(folder: Path) -> list[Path]:
    return sorted(folder.glob("test_*.py")) + sorted((folder / "support").glob("*.py"))


def imported_modules(path: Path) -> list[str]:
    """Every module ``path`` imports, anywhere in it, relative ones spelled from ``tests``."""
    package = path.relative_to(TESTS.parent).parts[:-1]  # ("tests",) or ("tests", "support")
    found = []
    for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            within = package[:len(package) - node.level + 1] if node.level else ()
            base = ".".join([*within, *([node.module] if node.module else [])])
            found.append(base)
            found += [f"{base}.{alias.name}" for alias in node.names]
    return found


def test_no_test_module_imports_another_or_conftest() -> None:
    leaning = {path.name: sorted({name for name in imported_modules(path)
                                  if name.startswith(("tests.test_", "tests.conftest"))})
               for path in modules_of_the_tests(TESTS)}
    assert {name: found for name, found in leaning.items() if found} == {}, \
        "move what tests share into tests/support/"
