"""The session screen, read from the floor three metres away."""
