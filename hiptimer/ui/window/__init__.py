"""The main window: its composition root, the window, its menus and the session it runs."""
