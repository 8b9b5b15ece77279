"""Where notes files live, and reading and writing them safely."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from reader import APP_ID
from reader.core.hashing import sha256_hex
from reader.core.notes_file import NotesData, NotesFormatError, parse, serialise


def data_dir() -> Path:
    """The user's data folder for the app (XDG_DATA_HOME on Linux, so tests can move it)."""
    import platformdirs  # only when no --notes names the file

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def default_notes_path(document_source: str | Path) -> Path:
    """The per-document notes file: the document's name plus a hash of its full path."""
    source = str(Path(document_source).resolve())
    slug = re.sub(r"[^\w.-]+", "-", Path(source).stem).strip("-")[:60] or "document"
    digest = sha256_hex(source.encode("utf-8"))[:10]
    return data_dir() / "notes" / f"{slug}-{digest}.json"


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


# Read once, at import: os.umask is process-wide and not safe to flip from the save worker.
_NEW_FILE_MODE = 0o666 & ~_umask()


# The bytes last hashed, and their hash: the notes just read are hashed when they are
# checked and again when they are guarded (6 MB: 5 ms each). Bytes never change, so the
# same object has the same hash; a pair is swapped whole, so threads may share it.
_last_hashed: tuple[bytes, str] = (b"", sha256_hex(b""))


def content_hash(data: bytes) -> str:
    """How a notes file's bytes are told apart: what we wrote from what someone else did."""
    global _last_hashed
    last, digest = _last_hashed
    if data is not last:
        digest = sha256_hex(data)
        if type(data) is bytes:  # a bytearray may change
            _last_hashed = (data, digest)
    return digest


_TEMP_SUFFIX = ".tmp"


def is_being_written(name: str) -> bool:
    """Whether a file's name is that of a write under way (atomic_write's, or the like
    of a sync tool's): a hidden name ending in .tmp, gone again a moment later."""
    return name.startswith(".") and name.endswith(_TEMP_SUFFIX)


def atomic_write(
    path: Path,
    data: bytes,
    *,
    parents: bool = True,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """`data` written as `atomic_write_with` writes."""
    atomic_write_with(
        path, lambda file: file.write(data), parents=parents, before_replace=before_replace
    )


Writer = Callable[[BinaryIO], object]  # writes a file's content into the open file it is given


def atomic_write_with(
    path: Path,
    write: Writer,
    *,
    parents: bool = True,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Have `write` write the file into the open file it is given (a .qdpx with hours of
    recordings is streamed, never held whole), so that a crash, an error it raises, or a
    cancel leaves either the old or the new file, never half of one.

    A symbolic link is written through (its target is replaced, the link stays); the file
    keeps its permissions, and one made read-only is not replaced (the error writing into
    it gives: PermissionError, or EROFS on a read-only mount); a new file gets the user's
    umask, as `open` would give it.
    `parents`: whether the folders on the way to the file are made when missing. A study's
    files are written without: a study folder renamed or moved while open is never made
    again at its old place, holding only what was written last; the write fails, naming
    the folder, and its caller says so and tries again. `before_replace` runs last before
    the rename, which it may stop by raising (the file changed since its caller looked).
    """
    if not parents and not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path.parent))
    path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = _NEW_FILE_MODE
    else:
        # A file made read-only is left as it is, as writing into it would be: the rename
        # below needs only the folder, and replaced it silently.
        if not os.access(path, os.W_OK):
            raise _unwritable(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TEMP_SUFFIX)
    except OSError as exc:
        raise _naming(exc, path.parent) from exc
    try:
        os.fchmod(fd, mode)  # mkstemp makes 0600
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _naming(exc, path, others_kept=True) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)  # makes the rename itself durable
    finally:
        os.close(dir_fd)
    if path not in _swept:
        _swept.add(path)
        _sweep_stale_temporaries(path)


def _unwritable(path: Path) -> OSError:
    """The error writing into `path` gives: "Read-only file system" on a file system
    mounted read-only (a new file there says so), else "Permission denied"."""
    try:
        mounted_read_only = bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        mounted_read_only = False
    code = errno.EROFS if mounted_read_only else errno.EACCES
    return OSError(code, os.strerror(code), str(path))  # PermissionError for EACCES


# Files whose folder was swept of their stale temporary files (once a run: a folder of 500
# notes files takes a listing each time).
_swept: set[Path] = set()
STALE_TEMPORARY_SECONDS = 10 * 60  # no write of ours takes this long; a crash's leftover is


def _sweep_stale_temporaries(path: Path) -> None:
    """Delete the temporary files of writes of `path` a crash or power cut left behind (3 MB
    each for large notes, hidden, never read), those old enough to be no write under way."""
    prefix, limit = f".{path.name}.", time.time() - STALE_TEMPORARY_SECONDS
    with contextlib.suppress(OSError):
        for name in os.listdir(path.parent):
            if name.startswith(prefix) and name.endswith(_TEMP_SUFFIX):
                left = path.parent / name
                with contextlib.suppress(OSError):
                    if left.stat().st_mtime < limit:
                        left.unlink()


def _naming(error: OSError, path: Path, others_kept: bool = False) -> OSError:
    """`error` naming `path`, the file being written (or its folder), not the hidden
    temporary file the user never saw ("Permission denied: …/.notes.json.fe20xw6e.tmp").
    `others_kept`: an error naming a file that is no temporary one of `path` (a recording
    a writer read) keeps its name."""
    if error.errno is None:
        return error
    named = error.filename
    if others_kept and named is not None and not Path(named).name.startswith(f".{path.name}."):
        return error
    return type(error)(error.errno, error.strerror, str(path))


def write_cache_file(path: Path, data: bytes) -> None:
    """A cache's write, whole or not at all (a temporary file renamed over it), made with
    its folder and never flushed to disk: a cache lost in a crash costs only time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_notes(path: Path) -> NotesData | None:
    """The notes at `path`, None when there is no file yet; NotesFormatError when unreadable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return parse(raw)


def save_notes(path: Path, notes: NotesData) -> None:
    atomic_write(path, serialise(notes))


def _rescue_stem(name: Path, path: Path) -> str:
    """The start of a rescue copy's name: `name`'s readable stem, then a hash of the full
    path of the file it belongs to, so that the copies of two studies' P01 (whose notes
    files have the same name) are never taken for each other's."""
    return f"{name.stem}-{_path_hash(path)}"


def _path_hash(path: Path) -> str:
    return sha256_hex(str(path.resolve()).encode("utf-8"))[:8]


def rescue(
    what: str, path: Path, data: bytes | None, name: Path | None = None, made_from: str = ""
) -> str:
    """`path` could not take `data` (None: it could not even be made) as the app is made to
    end: `data` goes to a rescue copy (`rescue_copy`). The line that reports it, saying
    where."""
    rescued = rescue_copy(path, data, name, made_from) if data is not None else None
    return rescued_line(what, path, rescued)


def rescued_line(what: str, path: Path, rescued: Path | None) -> str:
    """The line saying that `path` could not be saved, and where `rescued` kept it."""
    return f"{what} could not be saved to {path}; " + (
        f"a copy was written to {rescued}." if rescued else "nor rescued."
    )


def rescue_copy(
    path: Path, data: bytes, name: Path | None = None, made_from: str = ""
) -> Path | None:
    """`data`, which `path` could not take, in a new rescue file, named after `name`
    (default `path`) and `path`, and after `made_from`, the hash (`content_hash`) of the
    file's bytes `data` was made from, as last read or written ("" when none are known):
    in the data folder, else (a read-only or full home) the system's temporary folder.
    Where it is; None when neither could take it."""
    name = name or path
    came = f"{_CAME_FROM}{made_from[:_CAME_FROM_DIGITS]}" if made_from else ""
    for folder in rescue_folders():
        with contextlib.suppress(OSError):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _own(folder):
                continue
            target = _claimed(folder, _rescue_stem(name, path), came + name.suffix)
            return _filled(target, lambda target=target: atomic_write(target, data))
    return None


def rewrite_rescued(copy: Path, data: bytes) -> bool:
    """`copy`, a rescue copy made by `rescue_copy`, written over with `data`: whether it was
    (not when it is gone: taken back, merged or put away)."""
    if not copy.exists():
        return False
    try:
        atomic_write(copy, data)
    except OSError:
        return False
    return True


def rescue_folders() -> list[Path]:
    """Where rescue copies are written, in the order tried, and looked for: the data
    folder's, else one of the user's own in the system's temporary folder (emptied when
    the computer restarts: `in_temporary`)."""
    user = os.getuid() if hasattr(os, "getuid") else os.getlogin()
    return [data_dir() / "rescued", Path(tempfile.gettempdir()) / f"{APP_ID}-rescued-{user}"]


def in_temporary(folder: Path) -> bool:
    """Whether rescue copies in `folder` go when the computer restarts."""
    return folder == rescue_folders()[-1]


def _own(folder: Path) -> bool:
    """Whether `folder` is the user's alone: in a temporary folder every account shares,
    another could have made it first, to read the interviews' words or plant a copy to
    be offered for merging."""
    if not in_temporary(folder) or not hasattr(os, "getuid"):
        return True
    found = folder.stat()
    return found.st_uid == os.getuid() and not found.st_mode & 0o077


# In a rescue copy's name, before its suffix: the start of the hash of what it came from.
_CAME_FROM, _CAME_FROM_DIGITS = ".from-", 16


def rescued_copies(name: Path, since: Path, held: bytes | None, text_sha: str = "") -> list[Path]:
    """The rescue copies `rescue` made for the file `since`, named after `name`, that hold
    other than `held`, what that file holds (None: it is gone, or unread), oldest first:
    what was kept when the app last ended and not merged since, to offer when that file
    opens again. Whatever their times: a sync tool or a backup program touching the file
    must not hide them. Nothing is read unless a copy is there (the folder is listed).

    A copy is known by what a rename of the transcript keeps: the stem of `since` and the
    hash of its path; the words before them (the transcript's name) may have changed."""
    came = rf"(?:{re.escape(_CAME_FROM)}[0-9a-f]{{{_CAME_FROM_DIGITS}}})?"
    ends = rf"-\d{{8}}-\d{{6}}(-\d+)?{came}{re.escape(name.suffix)}"
    key = rf"(?:.* )?{re.escape(since.stem)}-"
    own = re.compile(
        rf"{key}{_path_hash(since)}{ends}|{re.escape(_rescue_stem(name, since))}{ends}"
    )
    # The same file rescued at the place its study had before it was moved or renamed
    # (the hash of another path): its own when made from the file as it is now, or, for
    # notes, when of the same text, `text_sha`, at a place gone (see `_left_behind`).
    moved = re.compile(rf"{key}[0-9a-f]{{8}}{ends}")
    found = []
    for folder in rescue_folders():
        with contextlib.suppress(OSError):  # none was ever rescued there
            if not _own(folder):
                continue
            for n in os.listdir(folder):
                if own.fullmatch(n) or (
                    moved.fullmatch(n)
                    and (
                        (bool(held) and came_from(folder / n, held))  # not any empty file's
                        or (text_sha and _left_behind(folder / n, text_sha, held))
                    )
                ):
                    found.append(folder / n)
    stamped = sorted((s, p) for p in found if (s := file_stamp(p)) and _holds_other(p, held))
    return [p for _, p in stamped]


def _left_behind(copy: Path, text_sha: str, held: bytes | None) -> bool:
    """Whether a rescued copy of notes is of the text `text_sha`, at a place it is no
    longer at, where the notes `held` (as on disk now; None: none) were last saved: the
    notes of another study whose transcript has the same text were saved at their own
    place, and its copy is not theirs."""
    try:
        document = parse(copy.read_bytes()).document
    except (OSError, NotesFormatError):
        return False
    source = document.get("source")
    same = document.get("sha256") == text_sha
    if not (same and isinstance(source, str) and source and not Path(source).exists()):
        return False
    try:
        return held is None or parse(held).document.get("source") == source
    except NotesFormatError:  # what they were cannot be told: as when there are none
        return True


def came_from(copy: Path, held: bytes | None) -> bool:
    """Whether `copy` (a rescued one) was made from `held`, the file as read now (None:
    there is none): its name holds their hash. Then `held` is the base of its merge, and
    what the copy changed or deleted is taken as changed or deleted. Else what it came
    from is not known, whatever the times say (a sync tool may keep another machine's),
    as for a copy rescued before names held it."""
    stem = copy.name[: -len(copy.suffix)] if copy.suffix else copy.name
    _, found, digits = stem.rpartition(_CAME_FROM)
    return bool(found) and held is not None and content_hash(held)[:_CAME_FROM_DIGITS] == digits


def _holds_other(copy: Path, held: bytes | None) -> bool:
    """Whether `copy` holds other than `held` (an unreadable copy does, as far as known)."""
    if held is None:
        return True
    try:
        return os.path.getsize(copy) != len(held) or copy.read_bytes() != held
    except OSError:
        return True


def set_aside(path: Path) -> Path:
    """Rename an unreadable notes file to NAME.corrupt-YYYYmmdd-HHMMSS.json and return that."""
    target = _claimed(path.parent, f"{path.stem}.corrupt", path.suffix)
    return _filled(target, lambda: os.replace(path, target))


def keep_aside(path: Path, data: bytes) -> Path:
    """Keep `data`, an unreadable version of the notes at `path`, beside it under the name
    `set_aside` would give; for a version about to be replaced by our next save."""
    target = _claimed(path.parent, f"{path.stem}.corrupt", path.suffix)
    return _filled(target, lambda: atomic_write(target, data))


def _claimed(folder: Path, stem: str, suffix: str) -> Path:
    """A new empty file STEM-YYYYmmdd-HHMMSS[-N]SUFFIX in `folder`, made here and now: two
    made in one second never take one name, so one kept copy never replaces another."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    n = 1
    while True:
        target = folder / f"{stem}-{stamp}{f'-{n}' if n > 1 else ''}{suffix}"
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, _NEW_FILE_MODE))
        except FileExistsError:
            n += 1
            continue
        return target


def _filled(target: Path, fill: Callable[[], object]) -> Path:
    """`target`, `_claimed`, once `fill` has put the copy there; removed again (an empty
    name, no copy) when that fails."""
    try:
        fill()
    except OSError:
        target.unlink(missing_ok=True)
        raise
    return target


def file_stamp(path: Path) -> tuple[int, int] | None:
    """`path`'s modification time (ns) and size; None when there is no such file: whether
    it changed, without reading it."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


FilePlace = tuple[int, int, int, int]


def file_place(path: Path) -> FilePlace | None:
    """The file at `path` as its disk knows it (device, inode, size, time written), all of
    which a rename or a move on that disk keeps (an inode freed by a deletion is given to
    the next file written: its time tells them apart); None when it is not there."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns


def describe_os_error(error: BaseException) -> str:
    """An error for the user: "No space left on device: /path/notes.json"."""
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename or ''}".rstrip(": ")
    return str(error)


def conflict_copies(path: Path) -> list[Path]:
    """Copies a sync tool made beside the notes file when two machines changed it.

    Syncthing writes NAME.sync-conflict-DATE-TIME-ID.json; Dropbox and others write
    "NAME (conflicted copy ...).json" or "NAME (Name's conflicted copy ...).json".
    """
    if not path.parent.is_dir():
        return []
    stem = path.stem
    # By name first, as strings: a study's notes folder holds hundreds of files and this
    # runs at every switch of interview; only the few that match are asked if they are files.
    named = [
        name
        for name in os.listdir(path.parent)
        if name.startswith(f"{stem}.sync-conflict-")
        or (name.startswith(f"{stem} (") and "conflicted copy" in name)
    ]
    return sorted(p for p in map(path.parent.joinpath, named) if p.is_file())
