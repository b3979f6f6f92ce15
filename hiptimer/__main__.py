"""Lets ``python -m hiptimer`` behave exactly like the ``hiptimer`` command."""

import sys

from hiptimer.cli import main

sys.exit(main())
