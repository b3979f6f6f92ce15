"""The routine library column: the list, its preview, the user's files and the editor."""
