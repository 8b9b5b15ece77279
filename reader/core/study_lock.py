"""Who holds a study's lock. The window holds a QLockFile beside study.json while the
study is open (reader/ui/library/open_study.py); the command line, which has no Qt, reads
the same file to leave alone a study a running app has open.

Qt writes the lock file as lines: the process id, the application's name, the host name
(then ids of the machine and boot). A lock is held while its process runs; one from
another host cannot be checked from here and counts as held, as Qt counts it.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from reader.core.study_file import FILE_NAME

LOCK_NAME = f"{FILE_NAME}.lock"


def lock_holder(folder: Path) -> str:
    """The process holding the study's lock, in words ("process 123 on host"); "" when
    nobody does (no lock, an unreadable one, or one its crashed process left)."""
    try:
        lines = (Path(folder) / LOCK_NAME).read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    pid = int(lines[0]) if lines and lines[0].strip().isdigit() else 0
    host = lines[2].strip() if len(lines) > 2 else ""
    if pid <= 0:
        return ""
    if host and host != socket.gethostname():
        return f"process {pid} on {host}"
    return f"process {pid}" if _running(pid) else ""


def _running(pid: int) -> bool:
    if os.name != "posix":  # no cheap check here: a lock counts as held
        return True
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True
