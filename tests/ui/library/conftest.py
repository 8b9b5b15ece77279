"""Fixtures of the library's tests: a disk on which no lock file can be made."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from reader.ui.persistence import locks


@dataclass
class FullLockDisk:
    """No lock file can be made while `full` (QLockFile says why not: not another's)."""

    full: bool = True


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch) -> FullLockDisk:
    disk = FullLockDisk()
    real = locks.try_lock
    monkeypatch.setattr(locks, "try_lock", lambda lock: not disk.full and real(lock))
    return disk
