"""How the command line speaks: one line on standard error, prefixed with the program's
name, and exit status 1 for a failure."""

from __future__ import annotations

import sys


def say(message: str) -> None:
    print(f"interview-reader: {message}", file=sys.stderr)


def fail(message: str) -> int:
    say(message)
    return 1
