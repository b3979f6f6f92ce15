"""hiptimer: a hands-free interval timer for hip mobility and strength routines."""

__version__ = "0.3.0"
"""Written here alone: a wheel's metadata takes it from this line (pyproject.toml's
[tool.hatch.version]), so a checkout, an editable install and a wheel all say the same, and
CHANGELOG.md's newest section must name it."""
