"""Taking a lock file (QLockFile) as the window does everywhere: at once or not at all,
stale only when its process is gone (a crash); and one this very process left at a path
where none of its locks holds it now is taken over.

A study folder renamed or moved while open takes its lock files along (study.json.lock,
the open notes' NAME.json.lock), each carrying this app's process id: Qt counts such a
lock as held (its process runs), so the renamed study, opened again in the same app,
came up read-only as if another window had it. Once the lock that wrote it is let go (the
study or interview at the old path closed) nothing holds the file: it is replaced. A
lock still held by this process stays: Qt keeps each lock file it holds open and locked
(flock, which another open file of the same process meets too), and removeStaleLockFile
refuses such a file; so a second window of the same process on the same study (the app
opens one window; the tests open more) gets it read-only, as another app would.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QSysInfo


def new_lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # stale only when its process is gone (a crash)
    return lock


def try_lock(lock: QLockFile) -> bool:
    """Take `lock` now, or in place of a lock file this process left and holds no more;
    False when another holds it (lock.error() says LockFailedError) or it cannot be
    written."""
    if lock.tryLock(0):
        return True
    return _left_by_this_process(lock) and lock.removeStaleLockFile() and lock.tryLock(0)


def _left_by_this_process(lock: QLockFile) -> bool:
    if lock.error() != QLockFile.LockError.LockFailedError:
        return False
    info = lock.getLockInfo()  # (pid, host, app), or empty when unreadable
    return bool(info) and info[0] == os.getpid() and info[1] in ("", QSysInfo.machineHostName())
