"""hiptimer: a hands-free interval timer for hip mobility and strength routines."""

__version__ = "0.1.0"
