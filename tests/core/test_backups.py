"""Rolling backups beside the notes file."""

from __future__ import annotations

from pathlib import Path

from reader.core import backups
from reader.core.annotations import make_highlight
from reader.core.notes_file import NotesData, serialise
from reader.core.store import save_notes


def sample(n: int) -> NotesData:
    text = "one two three four five"
    doc = {"title": "t", "source": "/t", "sha256": "0" * 64, "length": len(text)}
    return NotesData(
        document=doc,
        highlights=[make_highlight(text, i, i + 2) for i in range(n)],
        notes="word " * n,
    )


def test_backup_of_file_and_listing(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    assert backups.backup_file(path) is None
    save_notes(path, sample(3))
    made = backups.backup_file(path)
    assert made is not None and made.parent == tmp_path / "backups"
    assert made.read_bytes() == path.read_bytes()
    (info,) = backups.list_backups(path)
    assert (info.highlights, info.words) == (3, 3)
    assert "3 highlights, 3 words" in info.describe()


def test_same_second_backups_do_not_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    first = backups.make_backup(path, serialise(sample(1)))
    second = backups.make_backup(path, serialise(sample(2)))
    assert first != second and first.exists() and second.exists()


def test_only_the_newest_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    for n in range(7):
        backups.make_backup(path, serialise(sample(n)), keep=5)
    kept = backups.list_backups(path)
    assert len(kept) == 5
    assert [b.highlights for b in kept] == [6, 5, 4, 3, 2]


def test_unreadable_backup_is_listed_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    backups.make_backup(path, b"{broken")
    (info,) = backups.list_backups(path)
    assert info.highlights == -1 and "unreadable" in info.describe()


def test_other_files_in_backups_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "other.20260101-000000.json").write_text("{}")
    (tmp_path / "backups" / "notes.txt").write_text("x")
    assert backups.list_backups(path) == []


def test_the_same_notes_again_make_no_second_backup(tmp_path: Path) -> None:
    """A copy like the newest would only push the oldest out (switching interviews backs
    each up as it opens)."""
    path, data = tmp_path / "notes.json", serialise(sample(2))
    first = backups.make_backup(path, serialise(sample(1)), keep=2)
    backups.make_backup(path, data, keep=2)
    again = backups.make_backup(path, data, keep=2)
    assert [b.highlights for b in backups.list_backups(path)] == [2, 1]
    assert first.exists() and again == backups.list_backups(path)[0].path
