"""A stand-in player that copies everything it is sent to the file named first, then exits."""

import shutil
import sys

with open(sys.argv[1], "wb") as out:
    shutil.copyfileobj(sys.stdin.buffer, out)
