"""What a bench's child process measured, as it prints it: ``name value`` pairs on a line."""

from __future__ import annotations


def figures_of(output: str) -> dict[str, float]:
    """Every ``name value`` pair in ``output``, the last one of a name winning."""
    figures: dict[str, float] = {}
    for line in output.splitlines():
        words = line.split()
        for key, value in zip(words[::2], words[1::2], strict=True):
            figures[key] = float(value)
    return figures
