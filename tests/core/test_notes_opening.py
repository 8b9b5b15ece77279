"""Opening a notes file (reader/core/notes_opening.py) when its backups folder cannot be
listed: a file set aside says so and offers only to start empty, a missing one opens as
new; nothing is lost, nothing fails. (Backups offered and read: test_backups.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core import backups, notes_opening
from reader.core.notes_file import VERSION, serialise
from tests.core.test_backups import sample

BROKEN = b"{not json"


def unlistable(tmp_path: Path) -> Path:
    """notes.json beside a backups folder that holds a backup of 3 highlights."""
    path = tmp_path / "notes.json"
    backups.make_backup(path, serialise(sample(3)))
    return path


def said_unlisted(path: Path, read: notes_opening.NotesRead) -> None:
    """The unreadable file kept as it was, the backups said unlisted, Start Empty offered."""
    recovery = read.recovery
    assert recovery is not None and recovery.aside is not None
    assert recovery.aside.read_bytes() == BROKEN and not path.exists()
    assert recovery.latest is None and recovery.choices() == [notes_opening.START_EMPTY]
    question = recovery.question()
    assert "Nothing has been lost" in question
    assert "Its backups cannot be listed (Permission denied" in question
    assert recovery.choose(notes_opening.START_EMPTY).write_back


@pytest.mark.permissions
def test_a_file_set_aside_beside_backups_that_cannot_be_listed(tmp_path: Path) -> None:
    path = unlistable(tmp_path)
    folder = backups.backup_dir(path)
    folder.chmod(0o000)
    try:
        path.write_bytes(BROKEN)
        said_unlisted(path, notes_opening.read_notes(path))
        path.unlink(missing_ok=True)
        missing = notes_opening.read_notes(path)  # as _missing always did: a new interview
        assert missing.missing and missing.recovery is None
    finally:
        folder.chmod(0o755)
    assert len(backups.list_backups(path)) == 1  # the backup itself untouched


def test_backups_that_cannot_be_listed_as_root_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same without permissions (root reads any folder): listing fails as it would."""
    path = unlistable(tmp_path)
    folder = backups.backup_dir(path)

    def iterdir(self: Path) -> Iterator[Path]:
        if self == folder:
            raise PermissionError(13, "Permission denied", str(folder))
        return real(self)

    real = Path.iterdir
    monkeypatch.setattr(Path, "iterdir", iterdir)
    path.write_bytes(BROKEN)
    said_unlisted(path, notes_opening.read_notes(path))


def test_newer_notes_this_build_cannot_show_are_said_to_be_there(tmp_path: Path) -> None:
    """A newer build's notes in a layout this one cannot read at all opened read-only and
    empty, saying only that they could not be changed: the user thought them lost."""
    import orjson

    from tests.conftest import ROOT

    older = orjson.loads((ROOT / "tests" / "data" / "notes-her-smell-v1.json").read_bytes())
    path = tmp_path / "notes.json"
    path.write_bytes(orjson.dumps({**older, "version": 99}))
    read = notes_opening.read_notes(path)
    assert read.notes is None and read.read_only
    assert read.messages == [
        "Opened read-only and empty: these notes were written by a newer Interview Reader "
        f"(format 99; this one reads up to {VERSION}), which alone can show them; the file "
        "is left as it is, none of them lost."
    ]
    # Why the notes take no typing says so too: "could not be read" read as a damaged file.
    assert read.file_cause is not None and "a newer one wrote it" in read.file_cause.value
