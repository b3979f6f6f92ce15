"""The Qt window: turns engine events into widgets and key presses into engine commands."""
