"""The lock files the window holds, and who holds one. The window keeps a QLockFile beside
study.json while a study is open (reader/ui/library/open_study.py) and beside the notes
file of the open interview (reader/ui/persistence/file_guard.py); the command line, which
has no Qt, reads the same files to leave alone what a running app has open.

Qt writes the lock file as lines: the process id, the application's name, the host name,
then ids of the machine and of its boot. A lock is held while its process runs; one from
another host cannot be checked from here and counts as held, as Qt counts it. One that names
no process (empty, cut short, garbled: Qt says process 0) is nobody's, left by a crash as it
was written or spoilt, unless a process here holds it (flock), as Qt does while writing it:
counted held, it would keep the study read-only for good, naming no computer to take it from.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from reader.core.study_places import FILE_NAME


def study_lock(folder: Path) -> Path:
    return Path(folder) / f"{FILE_NAME}.lock"


def notes_lock(notes_path: Path) -> Path:
    return Path(f"{notes_path}.lock")


def lock_holder(lock: Path, *, others: bool = False) -> str:
    """The process holding `lock`, in words ("process 123 on host"); "" when nobody does
    (no lock, one naming no process that no process holds either, or one its crashed
    process left), and with `others` when this very process does (a window writing beside
    its own open interview). Stale as Qt finds it (qlockfile.cpp, isApparentlyStale), so
    the window and the command line agree: on this machine, a lock from before the last
    start of the computer, or whose process is gone or is another program now; and, what Qt
    does not see, one whose process id another process of the same program took after it
    was written."""
    import socket  # only here: start-up need not load it

    try:
        lines = lock.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    first, app, host, host_id, boot_id = (line.strip() for line in [*lines, *[""] * 5][:5])
    pid = int(first) if first.isdigit() else 0
    here = not host or host == socket.gethostname()
    if host_id and (ours := _read_id(*_MACHINE_ID_FILES)):
        here = host_id == ours  # the host's name may be taken by another, or changed
    if pid <= 0:  # empty, cut short or garbled: a crash as Qt wrote it, unless one writes it now
        return "a process writing it now" if _flocked(lock) else ""
    if others and here and pid == os.getpid():
        return ""
    if not here:
        return f"process {pid} on {host}"
    if boot_id and boot_id != _read_id(_BOOT_ID_FILE):
        return ""  # the computer started again since
    if not _running(pid, app):
        return ""
    return "" if _started_after(pid, lock) and not _flocked(lock) else f"process {pid}"


def _started_after(pid: int, lock: Path) -> bool:
    """Whether process `pid` started after `lock` was written, so is not what wrote it: the
    window that did ended (a crash) and its id went to a new process, of Python too (a
    notebook, a script), which Qt takes for the window still running."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text("ascii").rpartition(")")[2].split()
        boot = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text("ascii").splitlines()
            if line.startswith("btime ")
        )
        written = lock.stat().st_mtime
        started = boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22, starttime
    except (OSError, StopIteration, ValueError, IndexError):
        return False
    return started > written + _CLOCK_SLACK


def _flocked(lock: Path) -> bool:
    """Whether a process holds `lock` as Qt does (flock), which no clock can tell: a clock
    set forward since a window wrote its lock, or a network share's clock behind this
    computer's, dates the file before the window started."""
    try:
        import fcntl
    except ImportError:  # not on Unix
        return False
    try:
        fd = os.open(lock, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:  # a filesystem without flock: the times decide
        return False
    finally:
        os.close(fd)  # and with it any lock taken here
    return False


def let_go_of(host: str, locks: Iterable[Path]) -> int:
    """Delete those of `locks` that a window on the computer `host` (not this one) holds:
    the user has said it is off or has closed what it had open, without ending (asleep,
    out of battery, crashed), its lock files brought here by a sync tool. How many went."""
    import socket

    if not host or host == socket.gethostname():
        return 0  # this computer's locks are Qt's to find stale
    gone = 0
    for lock in locks:
        try:
            lines = lock.read_text("utf-8", errors="replace").splitlines()
            if len(lines) > 2 and lines[2].strip() == host:
                lock.unlink()
                gone += 1
        except OSError:
            continue
    return gone


def holder_words(host: str | None) -> str:
    """Who holds a lock the window took, in words for the user (its process id means
    nothing to them): the window on this computer or another; None when the lock says
    nothing of its holder."""
    import socket

    if host is None:
        return "another program"
    if not host or host == socket.gethostname():
        return "another Interview Reader window (on this computer)"
    return f"an Interview Reader window on the computer “{host}”"


_CLOCK_SLACK = 2  # s: the boot time /proc gives is whole seconds, the start in ticks

# Where Qt reads the ids it writes in a lock file (QSysInfo's machineUniqueId, bootUniqueId).
_MACHINE_ID_FILES = ("/etc/machine-id", "/var/lib/dbus/machine-id")
_BOOT_ID_FILE = "/proc/sys/kernel/random/boot_id"


def _read_id(*files: str) -> str:
    """The first of `files` that can be read, stripped; "" when none can be."""
    for name in files:
        try:
            return Path(name).read_text("ascii", errors="replace").strip()
        except OSError:
            continue
    return ""


def _running(pid: int, app: str) -> bool:
    """Whether process `pid` runs, and is the program `app` named (Qt's processNameByPid:
    on Linux, the file name of /proc/PID/exe, which the lock's second line holds)."""
    if os.name != "posix":  # no cheap check here: a lock counts as held
        return True
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        pass
    if not app or not Path("/proc/self/exe").exists():  # no name to compare, as Qt
        return True
    try:
        exe = os.readlink(f"/proc/{pid}/exe").removesuffix(" (deleted)")
    except OSError:  # another user's process: not ours, as Qt takes it
        return False
    return Path(exe).name == Path(app).name
