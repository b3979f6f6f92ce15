"""Small routines more than one test module runs, as the text of their files."""

from __future__ import annotations

SHORT = ("name: Tiny\ndefaults: {prepare: 3s, rest: 2s}\nexercises:\n"
         "  - name: Frog stretch\n    description: Knees wide, sink back.\n"
         "    hold: 4s\n    sets: 2\n")
"""Two 4 s holds: a whole session in a few seconds of fake time."""
OPEN = "name: Open\ndefaults: {prepare: 0}\nexercises:\n  - {name: Lift, reps: 5, tempo: self}\n"
"""Self-paced reps from the first moment: a session that runs until someone ends it."""
