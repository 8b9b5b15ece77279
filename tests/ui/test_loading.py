"""Opening a long interview: read and its structure detected in the worker, and cached."""

from __future__ import annotations

from pathlib import Path

from reader.core.interview import detect_segments
from reader.core.structure_cache import MIN_CHARS, cache_folder
from reader.ui.interview import loading
from tests.conftest import BUNDLED


def long_interview(folder: Path) -> Path:
    bundled = BUNDLED.read_text(encoding="utf-8")
    copies = MIN_CHARS // len(bundled) + 1
    path = folder / "long.txt"
    path.write_text("".join(f"{bundled.rstrip()} [{n}]\n" for n in range(copies)), "utf-8")
    return path


def test_a_long_interview_opens_with_its_structure_cached(
    make_window, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(loading, "BACKGROUND_BYTES", 0)  # read in the worker
    path = long_interview(tmp_path)
    window = make_window(path, tmp_path / "notes.json")
    session = window.interview.session
    expected = detect_segments(session.document.text)
    assert session.detected == expected
    entry = cache_folder() / f"{session.document.sha256}.json"
    assert entry.exists()
    entry.write_bytes(b"{ not json")  # a damaged cache is no harm
    again = make_window(path, tmp_path / "notes.json")
    assert again.interview.session.detected == expected
    assert again.reader.reading is not None
    assert again.interview.session.question_numbers  # the questions are numbered as before
    assert entry.read_bytes().startswith(b'{"key"')  # mended
