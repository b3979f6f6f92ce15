"""The core stays Qt-free, so it can be driven and tested without a GUI toolkit."""

from __future__ import annotations

import subprocess
import sys


def test_core_imports_no_qt() -> None:
    code = ("import sys, hiptimer.routine, hiptimer.session, hiptimer.routine.library; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')"
            " or m.startswith('hiptimer.ui')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_the_command_line_tools_need_no_qt() -> None:
    code = ("import sys; from hiptimer.cli import main; main(['list']); "
            "print('QT', [m for m in sys.modules if m.startswith('PySide6')])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip().endswith("QT []")
