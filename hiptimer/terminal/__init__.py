"""The terminal front end: the commands, and a whole session run in a terminal."""
