"""The notes of interviews left in a study, as last known, are kept for the most recent
only: memory stays bounded however many interviews the user goes through."""

from __future__ import annotations

from pathlib import Path

from reader.core.notes_file import NotesData, serialise
from reader.ui.interview.kept_histories import DELETED_WHILE_AWAY, KNOWN_LIMIT, KeptHistories

DOCUMENT = {"length": 3, "sha256": "0" * 64, "source": "P.txt", "title": "P"}


def notes_bytes(text: str) -> bytes:
    return serialise(NotesData(document=DOCUMENT, notes=text))


def comes_back_as(kept: KeptHistories, path: Path) -> str | None:
    """The notes shown when the interview of `path` comes back with its file deleted."""
    path.unlink(missing_ok=True)
    read = kept.read_notes(path, remembered=True, writable=True)
    if read.notes is None:
        return None
    assert read.messages == [DELETED_WHILE_AWAY] and read.write_back
    return read.notes.notes


def test_only_the_most_recently_left_are_remembered(tmp_path: Path) -> None:
    """Every interview visited kept its notes till the study closed (200 interviews of
    1 MB notes: 200 MB)."""
    kept = KeptHistories()
    paths = [tmp_path / f"P{n}.json" for n in range(KNOWN_LIMIT + 30)]
    for n, path in enumerate(paths):
        kept.left(path, notes_bytes(f"notes {n}"))
    kept.left(paths[5], notes_bytes("notes 5, again"))  # left again: among the recent now
    assert len(kept._last_known) == KNOWN_LIMIT
    assert comes_back_as(kept, paths[5]) == "notes 5, again"
    assert comes_back_as(kept, paths[-1]) == f"notes {len(paths) - 1}"
    assert comes_back_as(kept, paths[0]) is None  # let go: it opens as it is on disk
    assert comes_back_as(kept, paths[-KNOWN_LIMIT]) is None  # pushed out by paths[5]
    assert comes_back_as(kept, paths[-KNOWN_LIMIT + 1]) == f"notes {len(paths) - KNOWN_LIMIT + 1}"


def test_an_interview_left_without_notes_file_is_forgotten(tmp_path: Path) -> None:
    kept = KeptHistories()
    path = tmp_path / "P1.json"
    kept.left(path, notes_bytes("first"))
    kept.left(path, None)
    assert comes_back_as(kept, path) is None and not kept._last_known


def test_a_file_spoilt_while_away_is_set_aside_and_the_notes_written_again(
    tmp_path: Path,
) -> None:
    """Another program left garbage in a left interview's notes file: coming back asked
    Start Empty or Keep Current Interview, and Start Empty lost the notes this window
    still had. Set aside, they are written again, as for a file deleted while away."""
    kept = KeptHistories()
    path = tmp_path / "P1.json"
    path.write_bytes(notes_bytes("mine"))
    kept.left(path, path.read_bytes())
    path.write_bytes(b"\x00garbage")
    read = kept.read_notes(path, remembered=True, writable=True)
    assert read.notes is not None and read.notes.notes == "mine" and read.write_back
    (aside,) = tmp_path.glob("P1.corrupt-*.json")
    assert aside.read_bytes() == b"\x00garbage"
    assert read.recovery is None and aside.name in read.messages[0]
