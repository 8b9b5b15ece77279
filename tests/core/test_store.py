"""Tests of where notes files live and of reading, writing and setting them aside safely."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from reader.core import store
from reader.core.annotations import make_highlight
from reader.core.document import text_sha256
from reader.core.notes_file import NotesData, NotesFormatError, serialise
from reader.core.store import (
    atomic_write,
    atomic_write_with,
    content_hash,
    data_dir,
    default_notes_path,
    describe_os_error,
    load_notes,
    save_notes,
    set_aside,
    write_cache_file,
)

TEXT = "Q: Why theatre?\nA: Because each act plays out in real time. 🎬\n"


def sample_notes() -> NotesData:
    return NotesData(
        document={
            "title": "T",
            "source": "/x.txt",
            "sha256": text_sha256(TEXT),
            "length": len(TEXT),
        },
        highlights=[make_highlight(TEXT, 3, 15)],
        notes="Notes — “é” 𠀋",
    )


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- load and save ----------------------------------------------------------------------


def test_load_notes_returns_none_when_the_file_is_missing(tmp_path: Path) -> None:
    """No notes file yet is not an error: the caller starts with fresh notes."""
    assert load_notes(tmp_path / "nothing.json") is None
    assert load_notes(tmp_path / "no-folder" / "nothing.json") is None


def test_save_then_load_round_trips(tmp_path: Path) -> None:
    """save_notes writes what load_notes reads back, creating the folder on the way."""
    path = tmp_path / "deep" / "folder" / "n.json"
    notes = sample_notes()
    save_notes(path, notes)
    assert path.read_bytes() == serialise(notes)
    assert load_notes(path) == notes
    assert listing(path.parent) == ["n.json"]


def test_load_notes_of_a_corrupt_file_raises(tmp_path: Path) -> None:
    """An unreadable file raises NotesFormatError and is left as it is."""
    path = tmp_path / "n.json"
    path.write_bytes(b'{"format": "interview-reader-notes", "version": 1')
    with pytest.raises(NotesFormatError):
        load_notes(path)
    assert path.read_bytes() == b'{"format": "interview-reader-notes", "version": 1'


# --- atomic_write -----------------------------------------------------------------------


def test_atomic_write_creates_and_replaces_leaving_no_temp_files(tmp_path: Path) -> None:
    """Each write leaves exactly the target with the new bytes, nothing beside it."""
    path = tmp_path / "notes" / "n.json"
    atomic_write(path, b"first")
    assert path.read_bytes() == b"first"
    atomic_write(path, "second — é".encode())
    assert path.read_bytes() == "second — é".encode()
    atomic_write(path, b"")
    assert path.read_bytes() == b""
    assert listing(path.parent) == ["n.json"]


def test_atomic_write_failure_keeps_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the final rename fails, the old content stays and the temp file is removed."""
    path = tmp_path / "notes" / "n.json"
    atomic_write(path, b"old")

    def failing_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert listing(path.parent) == ["n.json"]


def test_atomic_write_onto_a_folder_fails_cleanly(tmp_path: Path) -> None:
    """Writing where a folder stands raises OSError and leaves no temp file behind."""
    folder = tmp_path / "parent" / "out"
    folder.mkdir(parents=True)
    with pytest.raises(OSError):
        atomic_write(folder, b"data")
    assert listing(folder.parent) == ["out"]
    assert folder.is_dir()


def test_atomic_write_without_parents_makes_no_folder(tmp_path: Path) -> None:
    """A study folder renamed while open: its files are not written at its old place."""
    path = tmp_path / "study" / "notes" / "n.json"
    with pytest.raises(FileNotFoundError) as raised:
        atomic_write(path, b"data", parents=False)
    assert raised.value.filename == str(path.parent)
    assert listing(tmp_path) == []
    path.parent.mkdir(parents=True)
    atomic_write(path, b"data", parents=False)
    assert path.read_bytes() == b"data"


@pytest.mark.permissions
def test_atomic_write_leaves_a_read_only_file_as_it_is(tmp_path: Path) -> None:
    """A file made read-only (chmod 444) in a folder that can be written: replacing it
    needs only the folder, and did so silently. Now as writing into it: refused."""
    path = tmp_path / "memo.md"
    path.write_bytes(b"old")
    path.chmod(0o444)
    with pytest.raises(PermissionError) as raised:
        atomic_write(path, b"new")
    assert raised.value.filename == str(path)
    assert path.read_bytes() == b"old" and listing(tmp_path) == ["memo.md"]
    path.chmod(0o644)  # made writable again: written
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"


def test_atomic_write_on_a_read_only_mount_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file there was said to lack permission, where a new one beside it gave "Read-only
    file system" (the command line's -o onto an old export)."""
    path = tmp_path / "old.md"
    path.write_bytes(b"old")
    statvfs = os.statvfs(tmp_path)
    mounted = SimpleNamespace(f_flag=statvfs.f_flag | os.ST_RDONLY)
    monkeypatch.setattr(os, "access", lambda *_: False)  # as a read-only mount answers
    monkeypatch.setattr(os, "statvfs", lambda _: mounted)
    with pytest.raises(OSError) as raised:
        atomic_write(path, b"new")
    assert raised.value.errno == errno.EROFS and raised.value.filename == str(path)
    assert describe_os_error(raised.value) == f"Read-only file system: {path}"
    assert path.read_bytes() == b"old"


def test_a_writer_that_stops_leaves_the_old_file_and_nothing_half_written(
    tmp_path: Path,
) -> None:
    """An export cancelled, or a disk that fills, halfway through what it writes: the old
    file stays, no temporary file beside it; the disk's error names the file written."""
    path = tmp_path / "study.qdpx"
    atomic_write(path, b"old")

    class CancelledError(Exception):
        pass

    def cancelled(file) -> None:
        file.write(b"half of it")
        raise CancelledError

    def disk_full(file) -> None:
        file.write(b"half of it")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(CancelledError):
        atomic_write_with(path, cancelled)
    with pytest.raises(OSError) as raised:
        atomic_write_with(path, disk_full)
    assert describe_os_error(raised.value) == f"No space left on device: {path}"
    assert path.read_bytes() == b"old" and listing(tmp_path) == ["study.qdpx"]


def test_a_writer_that_cannot_read_a_file_names_that_file(tmp_path: Path) -> None:
    """A recording gone while the export streamed it: its name, not the export's."""
    gone = tmp_path / "night.mp3"

    with pytest.raises(FileNotFoundError) as raised:
        atomic_write_with(tmp_path / "study.qdpx", lambda file: file.write(gone.read_bytes()))
    assert raised.value.filename == str(gone)
    assert listing(tmp_path) == []


# --- set_aside --------------------------------------------------------------------------

CORRUPT_NAME = re.compile(r"^n\.corrupt-(\d{8}-\d{6})\.json$")


def test_content_hash_is_the_bytes_sha256_whoever_asks_first(monkeypatch) -> None:
    """The last bytes' hash is kept (asked for twice on opening); a bytearray, which may
    change, is hashed each time."""
    calls: list[bytes] = []

    def sha256_hex(data: bytes) -> str:
        calls.append(bytes(data))
        return hashlib.sha256(data).hexdigest()

    monkeypatch.setattr(store, "sha256_hex", sha256_hex)
    data = b"notes " * 1000
    assert content_hash(data) == content_hash(data) == hashlib.sha256(data).hexdigest()
    assert content_hash(bytes(bytearray(data))) == content_hash(data)
    buffer = bytearray(b"one")
    assert content_hash(buffer) == hashlib.sha256(b"one").hexdigest()
    buffer[:] = b"two"
    assert content_hash(buffer) == hashlib.sha256(b"two").hexdigest()
    # data once, its copy, data again (the last bytes alone are kept), the bytearray twice
    assert calls == [data, data, data, b"one", b"two"]


def test_write_cache_file_replaces_whole_and_makes_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "entry.json"
    write_cache_file(path, b"one")
    write_cache_file(path, b"two")
    assert path.read_bytes() == b"two"
    assert [p.name for p in path.parent.iterdir()] == ["entry.json"]


def test_set_aside_renames_and_keeps_the_bytes(tmp_path: Path) -> None:
    """The file becomes NAME.corrupt-YYYYmmdd-HHMMSS.json with the same bytes."""
    path = tmp_path / "n.json"
    data = b'{"broken": \xff\x00 json'
    path.write_bytes(data)
    before = datetime.now().replace(microsecond=0)
    target = set_aside(path)
    after = datetime.now()
    assert not path.exists()
    assert target.parent == path.parent
    match = CORRUPT_NAME.match(target.name)
    assert match, target.name
    stamp = datetime.strptime(match[1], "%Y%m%d-%H%M%S")
    assert before <= stamp <= after
    assert target.read_bytes() == data


def test_set_aside_twice_in_one_second_keeps_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second corrupt file set aside in the same second does not replace the first."""

    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz: object = None) -> FrozenClock:  # type: ignore[override]
            return cls(2024, 5, 1, 9, 30, 0)

    monkeypatch.setattr(store, "datetime", FrozenClock)
    path = tmp_path / "n.json"
    path.write_bytes(b"first")
    first = set_aside(path)
    path.write_bytes(b"second")
    second = set_aside(path)
    assert first.name == "n.corrupt-20240501-093000.json"
    assert first != second
    assert first.read_bytes() == b"first"
    assert second.read_bytes() == b"second"
    assert second.name.startswith("n.corrupt-20240501-093000")
    assert second.suffix == ".json"


def test_two_rescues_in_one_second_keep_both_and_both_are_offered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each report names a copy that is there: the second rescue never replaces the first."""

    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz: object = None) -> FrozenClock:  # type: ignore[override]
            return cls(2024, 5, 1, 9, 30, 0)

    monkeypatch.setattr(store, "datetime", FrozenClock)
    notes = tmp_path / "study" / "notes" / "p01-1bdefe3e.json"
    name = notes.with_name(f"P01 {notes.name}")
    reports = [store.rescue("the notes", notes, data, name) for data in (b"one", b"two")]
    copies = store.rescued_copies(name, notes, None)  # no notes file there
    assert [c.read_bytes() for c in copies] == [b"one", b"two"]
    assert all(str(c) in r for c, r in zip(copies, reports, strict=True))
    assert all(c.name.startswith("P01 p01-1bdefe3e-") for c in copies)  # readable still


def test_a_rescued_copy_belongs_to_its_own_file_not_to_one_of_the_same_name(
    tmp_path: Path,
) -> None:
    """Two studies each with a P01 (notes files named alike, from their relative paths):
    the copy rescued from one is never offered as the other's."""
    a, b = (tmp_path / s / "notes" / "p01-1bdefe3e.json" for s in ("A", "B"))
    store.rescue("the notes", a, b"A's notes", a.with_name(f"P01 {a.name}"))
    assert store.rescued_copies(b.with_name(f"P01 {b.name}"), b, None) == []
    assert len(store.rescued_copies(a.with_name(f"P01 {a.name}"), a, None)) == 1


def test_the_temporary_rescue_folder_is_the_users_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the temporary folder every account shares, one made open by another account
    (to read the interviews' words, or plant a copy) is not used, nor listed."""
    temporary = store.rescue_folders()[-1]
    monkeypatch.setattr(store, "data_dir", lambda: tmp_path / "a file" / "data")
    (tmp_path / "a file").write_text("")
    copy = store.rescue_copy(tmp_path / "n.json", b"words")
    assert copy is not None and copy.parent == temporary
    assert stat.S_IMODE(temporary.stat().st_mode) == 0o700
    os.chmod(temporary, 0o777)
    assert store.rescue_copy(tmp_path / "n.json", b"words") is None
    assert store.rescued_copies(tmp_path / "n.json", tmp_path / "n.json", None) == []


def test_a_copy_rescued_where_its_study_was_is_its_own_only_of_the_same_text(
    tmp_path: Path,
) -> None:
    """A study renamed since: its copy is offered at the new place. Another study's P01,
    gone from its place (a drive unplugged), of another text, is not this one's."""
    moved_from = tmp_path / "Old" / "P01.txt"
    document = {"title": "P01", "source": str(moved_from), "sha256": "a" * 64, "length": 9}
    notes = NotesData(document=document)
    a = tmp_path / "Old" / "notes" / "p01-1bdefe3e.json"
    store.rescue("the notes", a, serialise(notes), a.with_name(f"P01 {a.name}"))
    here = tmp_path / "New" / "notes" / "p01-1bdefe3e.json"
    name = here.with_name(f"P01 {here.name}")
    assert len(store.rescued_copies(name, here, None, "a" * 64)) == 1  # moved here
    assert store.rescued_copies(name, here, None, "b" * 64) == []  # another study's text
    moved_from.parent.mkdir(parents=True)
    moved_from.write_text("Q: still there\n")
    assert store.rescued_copies(name, here, None, "a" * 64) == []  # a copy of the study's


def test_a_rescued_copy_is_offered_while_it_holds_other_than_the_file_whatever_the_times(
    tmp_path: Path,
) -> None:
    """It was offered only while newer than the notes file: a backup program touching the
    file hid it for good."""
    notes = tmp_path / "notes.json"
    notes.write_bytes(b"as on disk")
    name = notes.with_name(f"P01 {notes.name}")
    store.rescue("the notes", notes, b"as on disk, and more", name)
    (copy,) = store.rescued_copies(name, notes, b"as on disk")
    os.utime(notes, (2_000_000_000, 2_000_000_000))  # touched since
    assert store.rescued_copies(name, notes, b"as on disk") == [copy]
    assert store.rescued_copies(name, notes, b"as on disk, and more") == []  # merged


def test_a_rescued_copy_knows_the_notes_it_came_from_by_their_bytes_not_times(
    tmp_path: Path,
) -> None:
    """Its time said what it came from (made after the file last changed): a sync tool
    keeping another machine's older time made it seem made from that machine's notes. Its
    name holds the hash of the notes it came from; one made without (or before) is from
    notes not known."""
    notes = tmp_path / "notes.json"
    name = notes.with_name(f"P01 {notes.name}")
    store.rescue("the notes", notes, b"mine", name, made_from=store.content_hash(b"as read"))
    store.rescue("the notes", notes, b"mine too", name)
    made, unknown = store.rescued_copies(name, notes, None)
    assert made.name.startswith("P01 notes-") and made.suffix == ".json"
    assert store.came_from(made, b"as read")
    assert not store.came_from(made, b"the laptop's") and not store.came_from(made, None)
    assert not store.came_from(unknown, b"as read")


# --- default_notes_path -----------------------------------------------------------------


def test_default_notes_path_is_under_the_xdg_data_folder(isolated_dirs: Path) -> None:
    """Notes live in the app's folder inside XDG_DATA_HOME (tests move it into tmp_path)."""
    xdg = isolated_dirs / "xdg-data"
    assert data_dir() == xdg / "interview-reader"
    path = default_notes_path(isolated_dirs / "her-smell.txt")
    assert path.parent == xdg / "interview-reader" / "notes"
    assert path.suffix == ".json"
    assert path.name.startswith("her-smell-")


def test_default_notes_path_follows_xdg_data_home_at_call_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data folder is read when asked for, so a changed XDG_DATA_HOME is honoured."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "other"))
    assert default_notes_path(tmp_path / "a.txt").is_relative_to(tmp_path / "other")


def test_default_notes_path_differs_per_document_path(tmp_path: Path) -> None:
    """Two documents with the same name in different folders get different notes files."""
    a = default_notes_path(tmp_path / "one" / "interview.txt")
    b = default_notes_path(tmp_path / "two" / "interview.txt")
    c = default_notes_path(tmp_path / "one" / "interview.md")
    assert len({a, b, c}) == 3
    assert a.parent == b.parent == c.parent


def test_default_notes_path_is_stable_for_the_same_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same document, named relatively or absolutely, always maps to one notes file."""
    (tmp_path / "docs").mkdir()
    absolute = tmp_path / "docs" / "her-smell.txt"
    first = default_notes_path(absolute)
    assert default_notes_path(absolute) == first
    assert default_notes_path(str(absolute)) == first
    monkeypatch.chdir(tmp_path)
    assert default_notes_path(Path("docs") / "her-smell.txt") == first
    assert default_notes_path("docs/../docs/her-smell.txt") == first


@pytest.mark.parametrize(
    ("name", "prefix"),
    [
        ("Perry interview (final).txt", "Perry-interview-final-"),
        ("Интервью.md", "Интервью-"),
        ("???.txt", "document-"),
        ("a" * 200 + ".txt", "a" * 60 + "-"),
    ],
)
def test_default_notes_path_names_are_safe(tmp_path: Path, name: str, prefix: str) -> None:
    """File names are reduced to safe characters and a bounded length, never to nothing."""
    path = default_notes_path(tmp_path / name)
    assert path.name.startswith(prefix)
    assert re.fullmatch(r"[\w.-]+-[0-9a-f]{10}\.json", path.name)
    assert os.sep not in path.name


def test_conflict_copies_are_the_sync_tools_copies_beside_the_notes_file(tmp_path: Path) -> None:
    notes = tmp_path / "talk.json"
    notes.write_text("{}", encoding="utf-8")
    names = [
        "talk.sync-conflict-20261201-101500-ABCDEFG.json",  # Syncthing
        "talk (conflicted copy 2026-12-01).json",  # Dropbox
        "talk (Ana's conflicted copy 2026-12-01).json",
    ]
    for name in names:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    (tmp_path / "talk (copy).json").write_text("{}", encoding="utf-8")  # not a sync tool's
    (tmp_path / "other.sync-conflict-20261201-101500-ABCDEFG.json").write_text("{}")
    (tmp_path / "talk.sync-conflict-folder").mkdir()  # a folder so named is no copy
    assert store.conflict_copies(notes) == sorted(tmp_path / n for n in names)
    assert store.conflict_copies(tmp_path / "gone" / "talk.json") == []


@pytest.mark.parametrize(
    ("failing", "named"),
    [("mkstemp", "folder"), ("fsync", "file"), ("replace", "file")],
)
def test_a_failed_write_names_the_file_not_its_hidden_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, named: str
) -> None:
    path = tmp_path / "notes.json"
    hidden = str(tmp_path / ".notes.json.fe20xw6e.tmp")

    def fail(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", hidden, str(path))

    module = store.tempfile if failing == "mkstemp" else store.os
    monkeypatch.setattr(module, failing, fail)
    with pytest.raises(PermissionError) as raised:
        atomic_write(path, b"new")
    where = tmp_path if named == "folder" else path
    assert describe_os_error(raised.value) == f"Permission denied: {where}"
    assert str(raised.value) == f"[Errno {errno.EACCES}] Permission denied: '{where}'"


def test_temporary_files_a_crash_left_are_swept_by_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    left = [tmp_path / ".notes.json.a1b2c3.tmp", tmp_path / ".notes.json.d4e5f6.tmp"]
    others = [tmp_path / ".memo.md.g7h8i9.tmp", tmp_path / "notes.json.tmp"]
    for file in [*left, *others]:
        file.write_bytes(b"x" * 1000)
    hour_ago = datetime.now().timestamp() - 3600
    for file in [left[0], *others]:
        os.utime(file, (hour_ago, hour_ago))
    atomic_write(path, b"{}")
    assert not left[0].exists()  # a crash's, long ago
    assert left[1].exists()  # maybe a write under way, in another window
    assert all(file.exists() for file in others)  # another file's, or not a temporary one


def test_a_rescued_copy_is_found_after_its_transcript_was_renamed(tmp_path: Path) -> None:
    """Found by the safety review: the copy's name begins with the transcript's, and was
    looked for under the new name alone, so a pseudonym added to the file name left the
    rescued words in the data folder for good. The notes file is the same."""
    notes = tmp_path / "study" / "notes" / "p01-ana-1bdefe3e.json"
    store.rescue("the notes", notes, b"rescued words", notes.with_name(f"P01 Ana {notes.name}"))
    renamed = notes.with_name(f"P01 Ana (pseudonym Maria) {notes.name}")
    assert [c.read_bytes() for c in store.rescued_copies(renamed, notes, None)] == [
        b"rescued words"
    ]
    other = notes.with_name("p02-1bdefe3e.json")  # another interview's notes
    assert store.rescued_copies(other.with_name(f"P01 Ana {other.name}"), other, None) == []


def test_a_copy_rescued_in_a_renamed_study_is_not_offered_to_another_of_the_same_text(
    tmp_path: Path,
) -> None:
    """Found by the safety review: another study whose P01 has the same text (a copy of
    the study, a pilot) was offered the renamed study's copy, and filed it away for good.
    Notes saved at their own place are not the ones the copy came from."""
    old = tmp_path / "Old" / "P01.txt"

    def notes_at(source: Path) -> bytes:
        document = {"title": "P01", "source": str(source), "sha256": "a" * 64, "length": 9}
        return serialise(NotesData(document=document))

    a = tmp_path / "Old" / "notes" / "p01-1bdefe3e.json"
    store.rescue("the notes", a, notes_at(old) + b" ", a.with_name(f"P01 {a.name}"))
    here = tmp_path / "Other" / "notes" / "p01-1bdefe3e.json"
    name = here.with_name(f"P01 {here.name}")
    theirs = notes_at(tmp_path / "Other" / "P01.txt")
    assert store.rescued_copies(name, here, theirs, "a" * 64) == []
    assert len(store.rescued_copies(name, here, notes_at(old), "a" * 64)) == 1  # renamed


def test_a_copy_rescued_from_the_file_as_it_is_is_its_own_at_a_new_place(
    tmp_path: Path,
) -> None:
    """A study renamed while its study.json could not be written: the copy rescued at the
    old place was made from the file the new place holds (its hash in the name)."""
    held = b'{"study": "as last written"}'
    old = tmp_path / "Old" / "study.json"
    store.rescue("the study", old, b"changed", old.with_name("Old study.json"), content_hash(held))
    new = tmp_path / "New" / "study.json"
    name = new.with_name("New study.json")
    assert len(store.rescued_copies(name, new, held)) == 1
    assert store.rescued_copies(name, new, b'{"study": "another"}') == []


def test_a_copy_made_from_an_empty_file_elsewhere_is_not_this_ones(tmp_path: Path) -> None:
    """Every empty memo has one hash: another study's copy made from its empty memo is not
    this empty memo's."""
    old = tmp_path / "Other" / "memo.md"
    store.rescue(
        "the study memo", old, b"Their themes", old.with_name("Other memo.md"), content_hash(b"")
    )
    here = tmp_path / "Mine" / "memo.md"
    assert store.rescued_copies(here.with_name("Mine memo.md"), here, b"") == []
