"""What every layer shares: the names, the folders, reading and writing files, problems and
notices, and the preferences. Nothing here imports another part of hiptimer."""
