"""Training days and reminders: the weekly plan, its file, and what is due when.

Qt-free: the ``hiptimer remind`` command and the window's plan dialog both build on it, and
time always comes in from the caller (a ``now``), so every rule can be tested at any moment.
"""
