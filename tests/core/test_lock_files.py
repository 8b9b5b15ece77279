"""Who holds a lock, in words for the user: a window, on this computer or another; never a
process id."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from reader.core.lock_files import _BOOT_ID_FILE, holder_words, lock_holder

# What Qt writes as the program of a lock this process makes: its executable's name.
PROGRAM = Path(os.readlink("/proc/self/exe")).name
BOOT = Path(_BOOT_ID_FILE).read_text("ascii").strip()
WAIT_FOR_STDIN = "import sys; sys.stdin.read()"  # a Python process that waits to be ended


def test_a_window_here_is_named_as_a_window_not_a_process() -> None:
    here = holder_words(socket.gethostname())
    assert here == "another Interview Reader window (on this computer)"
    assert holder_words("") == here  # no host written: this computer's


def test_a_window_elsewhere_names_its_computer_and_an_unreadable_lock_someone() -> None:
    assert holder_words("laptop-7") == "an Interview Reader window on the computer “laptop-7”"
    assert holder_words(None) == "another program"


def test_a_lock_this_very_process_holds_is_nobody_elses(tmp_path: Path) -> None:
    lock = tmp_path / "notes.json.lock"
    lock.write_text(f"{os.getpid()}\n{PROGRAM}\n{socket.gethostname()}\n", "utf-8")
    assert lock_holder(lock) == f"process {os.getpid()}"
    assert lock_holder(lock, others=True) == ""


def held_by(pid: int, program: str = "", host: str = "", boot: str = BOOT) -> str:
    """A lock's lines as Qt writes them for process `pid` (qlockfile.cpp, lockFileContents:
    its program, the name of its executable), the machine id left out."""
    program = program or Path(os.readlink(f"/proc/{pid}/exe")).name
    return f"{pid}\n{program}\n{host or socket.gethostname()}\n\n{boot}\n"


def written(lock: Path, pid: int, program: str = PROGRAM, host: str = "", boot: str = BOOT) -> Path:
    lock.write_text(held_by(pid, program, host, boot), "utf-8")
    return lock


def test_a_lock_from_before_the_computer_started_again_is_nobodys(tmp_path: Path) -> None:
    """Found by the safety review: after a reboot the crashed window's process id was
    another program's, and the command line refused to import into a study Qt found free,
    telling the user to close a window that did not exist."""
    lock = written(tmp_path / "study.json.lock", os.getpid(), boot="another-boot")
    assert lock_holder(lock) == ""
    assert lock_holder(written(lock, os.getpid())) == f"process {os.getpid()}"


def test_a_lock_whose_process_is_another_program_now_is_nobodys(tmp_path: Path) -> None:
    with subprocess.Popen(["sleep", "30"]) as other:
        try:
            lock = written(tmp_path / "study.json.lock", other.pid)
            assert lock_holder(lock) == ""  # its process id taken by `sleep`
            assert lock_holder(written(lock, other.pid, "sleep")) == f"process {other.pid}"
        finally:
            other.kill()


def test_a_lock_qt_wrote_here_is_held_and_one_from_another_computer_too(
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import QLockFile

    qt_lock = QLockFile(str(tmp_path / "notes.json.lock"))
    assert qt_lock.tryLock(0)
    try:
        assert lock_holder(tmp_path / "notes.json.lock") == f"process {os.getpid()}"
    finally:
        qt_lock.unlock()
    lock = written(tmp_path / "other.lock", 1, host="laptop-7", boot="another-boot")
    assert lock_holder(lock) == "process 1 on laptop-7"


def test_a_lock_whose_process_id_a_later_python_took_is_nobodys(tmp_path: Path) -> None:
    """A crashed window's process id taken by a notebook or a script, Python too, so the
    same program for Qt: the study and notes it had open stayed read-only, the command
    line refused to import, until that program ended."""
    with subprocess.Popen([sys.executable, "-c", WAIT_FOR_STDIN], stdin=subprocess.PIPE) as later:
        try:
            lock = written(tmp_path / "study.json.lock", later.pid)
            assert lock_holder(lock) == f"process {later.pid}"  # written since it started
            a_minute_before = lock.stat().st_mtime - 60
            os.utime(lock, (a_minute_before, a_minute_before))
            assert lock_holder(lock) == ""
        finally:
            later.kill()


HOLD_QT_LOCK = (
    "import sys; from PySide6.QtCore import QLockFile; lock = QLockFile(sys.argv[1]); "
    "print(lock.tryLock(0), flush=True); sys.stdin.read()"
)


def test_a_lock_a_running_window_holds_stays_held_whatever_its_file_time(tmp_path: Path) -> None:
    """A clock set forward since the window took its lock (a laptop's clock corrected, a
    virtual machine resumed), or a network share whose clock is behind this computer's,
    gives the lock a time before the window started: the window still holds it (Qt's
    flock), so the command line must not write the study under it."""
    path = tmp_path / "study.json.lock"
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_QT_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as window:
        try:
            assert window.stdout is not None and window.stdout.readline().strip() == "True"
            assert lock_holder(path) == f"process {window.pid}"
            an_hour_before = path.stat().st_mtime - 3600
            os.utime(path, (an_hour_before, an_hour_before))
            assert lock_holder(path) == f"process {window.pid}"
        finally:
            window.kill()


def test_a_lock_naming_no_process_is_nobodys_unless_one_writes_it_now(tmp_path: Path) -> None:
    """An empty, cut short or garbled lock file: left by a crash as Qt wrote it, or spoilt;
    a process holding it (flock) is writing it now, as Qt does before its lines are in."""
    import fcntl

    lock = tmp_path / "study.json.lock"
    for spoilt in (b"", b"\x00\xff garbled\n", b"4242\n"):
        lock.write_bytes(spoilt)
        assert lock_holder(lock) == ""
    lock.write_bytes(b"")
    with lock.open("rb") as writing:
        fcntl.flock(writing, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert lock_holder(lock) == "a process writing it now"
    assert lock_holder(lock) == ""
