"""The names the desktop knows hiptimer by: one application id for the window, the desktop
entry, the icon, the AppStream data and the session bus."""

from __future__ import annotations

APP_ID = "io.github.hiptimer.Hiptimer"
"""Reverse-DNS application id: the desktop entry's and the metainfo's file name, the icon's
name and the window's desktop file name, so the desktop pairs the window with its icon."""
APP_NAME = "hiptimer"
"""The command, the window class and the MPRIS player's name."""
