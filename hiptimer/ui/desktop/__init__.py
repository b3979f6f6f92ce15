"""The window reachable from the desktop: media player, keeping awake, the instance server."""
