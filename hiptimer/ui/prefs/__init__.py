"""The preferences as the window shows them: the settings dialog, the theme, the training days."""
