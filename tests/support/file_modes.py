"""Whether folder and file modes keep this user out: they do not keep root out."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest


def modes_stop_this_user() -> bool:
    """False for root (and anyone else whom a folder's mode does not keep out)."""
    if sys.platform == "win32":
        return False
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o500)
        try:
            Path(folder, "probe").touch()
        except PermissionError:
            return True
        finally:
            os.chmod(folder, 0o700)
    return False


not_as_root = pytest.mark.skipif(not modes_stop_this_user(),
                                 reason="folder and file modes do not stop this user (root)")
