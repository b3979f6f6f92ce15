"""Session history: a local SQLite log of every session, and the week arithmetic on it."""
