"""Finding, storing and checking an interview's recording; its place in the notes file."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from reader.core.document import text_sha256
from reader.core.notes_file import NotesData, NotesFormatError, RecordingRef, parse, serialise
from reader.core.recording import Located, beside, find, locate, set_apart, stored_path
from reader.core.refi.media import is_video


def test_a_recording_with_the_transcripts_name_is_found_beside_it(tmp_path: Path) -> None:
    transcript = tmp_path / "talk.en.vtt"
    transcript.write_text("WEBVTT\n")
    assert beside(transcript) is None
    (tmp_path / "talk.mp4").write_bytes(b"x")
    assert beside(transcript) == tmp_path / "talk.mp4"
    (tmp_path / "talk.en.m4a").write_bytes(b"x")
    assert beside(transcript) == tmp_path / "talk.en.m4a"  # the full name first
    (tmp_path / "other.wav").mkdir()
    assert beside(tmp_path / "other.txt") is None  # a folder is no recording
    (tmp_path / "cut.mp3").write_bytes(b"")  # a download cut short
    assert beside(tmp_path / "cut.vtt") == tmp_path / "cut.mp3"  # all there is: said empty
    (tmp_path / "cut.m4a").write_bytes(b"x")
    assert beside(tmp_path / "cut.vtt") == tmp_path / "cut.m4a"  # not hidden by the empty one


def test_zooms_video_is_found_beside_its_transcript(tmp_path: Path) -> None:
    """Found by a new user's Zoom cloud recording, downloaded as Zoom names it: the video
    "…_Recording_1920x1080.mp4" beside "…_Recording.transcript.vtt" was not found, nor
    taken with the transcript added to a study ("a recording: add its transcript")."""
    transcript = tmp_path / "GMT20240305-140012_Recording.transcript.vtt"
    transcript.write_text("WEBVTT\n")
    (tmp_path / "GMT20240305-140012_Recording_notes.mp3").write_bytes(b"x")  # no size: not
    (tmp_path / "GMT20240305-140012_Recording_1920x1080.txt").write_text("x")  # no recording
    assert beside(transcript) is None
    gallery = tmp_path / "GMT20240305-140012_Recording_gallery_1280x720.mp4"
    gallery.write_bytes(b"x")
    assert beside(transcript) == gallery
    video = tmp_path / "GMT20240305-140012_Recording_1920x1080.mp4"
    video.write_bytes(b"x")
    assert beside(transcript) == video  # before the gallery's, in the order of names
    assert set_apart([transcript, video]) == ([transcript], [])
    audio = tmp_path / "GMT20240305-140012_Recording.m4a"
    audio.write_bytes(b"x")
    assert beside(transcript) == audio  # its very name first, and the lighter file


def test_setting_apart_many_recordings_looks_each_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """1,000 transcripts dropped on a study with 1,000 recordings named otherwise (a hand
    recorder's ZOOM0001.WAV) compared each recording with every transcript's name, a
    million comparisons: the window held 1.3 s. Each is looked up by its name now; those
    named after a transcript, Zoom's video too, are still set apart from the rest."""
    import reader.core.recording as recording

    calls = []
    named_after = recording._named_after
    monkeypatch.setattr(
        recording, "_named_after", lambda path, name: calls.append(1) or named_after(path, name)
    )
    folder = Path("/study")
    transcripts = [folder / f"P{i:03d}.txt" for i in range(200)]
    loose = [folder / f"ZOOM{i:04d}.WAV" for i in range(200)]
    own = [folder / "P001.m4a", folder / "P002_gallery_1280x720.mp4", folder / "P003_notes.mp3"]
    others, alone = set_apart([*transcripts, *loose, *own])
    assert others == transcripts
    assert alone == [*loose, folder / "P003_notes.mp3"]
    assert len(calls) < 100


def test_the_path_is_stored_relative_to_the_notes_and_found_again(tmp_path: Path) -> None:
    notes = tmp_path / "notes" / "talk.json"
    audio = tmp_path / "audio" / "talk 1.wav"
    audio.parent.mkdir()
    audio.write_bytes(b"RIFF")
    stored = stored_path(audio, notes)
    assert stored == "../audio/talk 1.wav"
    assert locate(stored, notes).path == audio
    assert locate(stored, notes).problem == ""
    assert locate(str(audio), notes).path == audio  # absolute stays absolute


def test_a_missing_or_empty_recording_is_described(tmp_path: Path) -> None:
    notes = tmp_path / "talk.json"
    missing = locate("gone.mp3", notes)
    assert missing.path == tmp_path / "gone.mp3"
    assert "missing" in missing.problem and "gone.mp3" in missing.problem
    (tmp_path / "empty.wav").write_bytes(b"")
    assert "empty" in locate("empty.wav", notes).problem
    (tmp_path / "folder.wav").mkdir()
    assert "not a regular file" in locate("folder.wav", notes).problem


def notes_with(recording: RecordingRef | None) -> NotesData:
    meta = {"title": "t", "source": "/t.txt", "sha256": text_sha256("x"), "length": 1}
    return NotesData(document=meta, recording=recording)


def test_the_notes_file_keeps_the_recording_in_its_own_key() -> None:
    notes = notes_with(RecordingRef("audio/talk.wav", 83_500))
    raw = serialise(notes)
    data = orjson.loads(raw)
    assert data["recording"] == {"path": "audio/talk.wav", "position_ms": 83_500}
    assert list(data).index("recording") == list(data).index("notes") - 1
    assert parse(raw) == notes
    assert "recording" not in orjson.loads(serialise(notes_with(None)))


def test_a_file_without_position_reads_as_the_start() -> None:
    data = orjson.loads(serialise(notes_with(None)))
    data["recording"] = {"path": "a.mp3"}
    assert parse(orjson.dumps(data)).recording == RecordingRef("a.mp3", 0)


@pytest.mark.parametrize(
    "bad",
    [{"path": ""}, {"position_ms": 3}, {"path": "a.mp3", "position_ms": -1}, "a.mp3", []],
)
def test_a_malformed_recording_key_is_refused(bad: object) -> None:
    data = orjson.loads(serialise(notes_with(None)))
    data["recording"] = bad
    with pytest.raises(NotesFormatError):
        parse(orjson.dumps(data))


def test_a_detached_recording_is_kept_as_a_flag_that_older_files_lack() -> None:
    detached = notes_with(None)
    detached.recording_detached = True
    data = orjson.loads(serialise(detached))
    assert data["recording_detached"] is True and "recording" not in data
    assert list(data).index("recording_detached") == list(data).index("notes") - 1
    assert parse(serialise(detached)).recording_detached
    assert "recording_detached" not in orjson.loads(serialise(notes_with(None)))
    data["recording_detached"] = "yes"
    with pytest.raises(NotesFormatError):
        parse(orjson.dumps(data))


def test_a_recording_named_but_missing_is_found_beside_the_transcript(tmp_path: Path) -> None:
    """The folder moved, or transcript and recording were renamed together."""
    transcript = tmp_path / "P01 Ana.txt"
    notes = notes_with(RecordingRef("../old/talk.wav", 9_000))
    notes_path = tmp_path / "notes.json"
    missing = find(notes, str(transcript), notes_path)
    assert missing is not None and "missing" in missing.problem and not missing.beside
    (tmp_path / "P01 Ana.wav").write_bytes(b"RIFF")
    assert find(notes, str(transcript), notes_path) == Located(tmp_path / "P01 Ana.wav", "", True)
    notes.recording = RecordingRef("P01 Ana.wav")
    assert find(notes, str(transcript), notes_path) == Located(tmp_path / "P01 Ana.wav")
    notes.recording, notes.recording_detached = None, True
    assert find(notes, str(transcript), notes_path) is None


PHONE_AND_MAC = (".mov", ".m4v", ".aac", ".aif", ".aiff", ".wma", ".3gp", ".amr")


@pytest.mark.parametrize("suffix", PHONE_AND_MAC)
def test_a_phones_or_macs_recording_is_found_and_set_apart_from_transcripts(
    tmp_path: Path, suffix: str
) -> None:
    """Added to a study with its transcript, it was refused as a binary transcript."""
    transcript, recording = tmp_path / "P01.txt", tmp_path / f"P01{suffix}"
    transcript.write_text("A: hello\n")
    recording.write_bytes(b"\0\0\0\x14ftyp")
    assert beside(transcript) == recording
    assert set_apart([transcript, recording]) == ([transcript], [])
    assert is_video(recording.name) == (suffix in (".mov", ".m4v", ".3gp"))  # REFI-QDA's kind
