"""Which files of a folder a study takes for transcripts (reader/core/study_scan.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson

from reader.core.study_scan import JSON_BLOCK, scan_folder, sniff
from tests.conftest import ROOT

TRANSCRIPTS = ROOT / "tests" / "data" / "transcripts"


def test_every_whisper_json_we_read_is_taken() -> None:
    shapes = sorted(TRANSCRIPTS.glob("*.json"))
    assert len(shapes) >= 5  # openai-whisper, WhisperX, faster-whisper, whisper.cpp, HF
    assert {p.name: sniff(p) for p in shapes} == {p.name: "" for p in shapes}


def test_json_that_is_no_transcript_is_skipped_and_said(tmp_path: Path) -> None:
    """A project's metadata.json beside the transcripts opened as the study's first
    interview: an error before the window showed, then no interview at all."""
    shutil.copy(TRANSCRIPTS / "zoom.vtt", tmp_path / "P01.vtt")
    (tmp_path / "metadata.json").write_text('{"project": "night shifts", "version": 2}')
    (tmp_path / "settings.json").write_text("{}")
    (tmp_path / "names.json").write_text('{"segments": "not a list"}')
    report = scan_folder(tmp_path)
    assert [p.name for p in report.found] == ["P01.vtt"]
    why = "it is JSON but not a Whisper transcript (it has no “segments”)"
    assert report.messages() == [
        f"metadata.json was skipped: {why}.",
        f"names.json was skipped: {why}.",
        f"settings.json was skipped: {why}.",
    ]


def test_segments_after_a_long_text_of_the_whole_are_found(tmp_path: Path) -> None:
    """openai-whisper writes the whole text first: its list may start blocks later, and
    a key cut between two blocks is found too."""
    for pad in (JSON_BLOCK * 2, JSON_BLOCK - len('{"text": "') - 5):
        path = tmp_path / f"long {pad}.json"
        segments = [{"start": 0.0, "end": 1.0, "text": "Hello"}]
        path.write_bytes(orjson.dumps({"text": "x" * pad, "segments": segments}))
        assert sniff(path) == ""


def test_a_bare_list_of_segments_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "faster.json"
    path.write_bytes(b'\xef\xbb\xbf\n  [{"start": 0, "end": 1, "text": "Hi"}]')
    assert sniff(path) == ""


def test_the_study_memo_and_its_copies_are_no_transcripts(tmp_path: Path) -> None:
    """memo.md in the study root is the study's; a memo.md in a subfolder may be a
    transcript, and the folder scanned as no study takes it too."""
    for name in ("P01.md", "memo.md", "memo.sync-conflict-20260101-000000-ABC.md", "sub/memo.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    in_study = scan_folder(tmp_path, tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in in_study.found] == ["P01.md", "sub/memo.md"]
    assert len(scan_folder(tmp_path).found) == 4
