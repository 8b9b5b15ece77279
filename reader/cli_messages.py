"""How the command line speaks: one line on standard error, prefixed with the program's
name, and exit status 1 for a failure; what a command did on standard output (`tell`)."""

from __future__ import annotations

import sys


def say(message: str) -> None:
    print(f"interview-reader: {message}", file=sys.stderr)


def tell(message: str) -> None:
    """What a command did, on standard output; a character its encoding lacks is escaped,
    as standard error escapes it ("\\U0001f319"): redirected to a file on Windows it is
    cp1252, and an import into "Nights 🌙" wrote the study, then ended on a traceback."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"  # None: started with 1>&-
    print(message.encode(encoding, "backslashreplace").decode(encoding))


def fail(message: str) -> int:
    say(message)
    return 1


def reason(error: BaseException) -> str:
    """An error as a clause of that one line, without its full stop, which the line adds:
    the system's words for an OSError in lower case ("no space left on device"); the
    core's sentence as it is, as it may start with a name ("Ana.txt is empty")."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror[:1].lower() + error.strerror[1:]
    return str(error).rstrip(".")
