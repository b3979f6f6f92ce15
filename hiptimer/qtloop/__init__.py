"""The QtCore side of a session that both front ends share: the one timer that drives the
engine, and problems carried over to the Qt thread."""
