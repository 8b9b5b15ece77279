"""REFI-QDA recordings (reader/core/refi/media.py and its use by the import and export):
audio and video sources with a transcript and SyncPoints become interviews with their
recording and turn times, and back; the exports are validated against the schema."""

# ruff: noqa: E501 - the XML fixture is laid out as the tools write it, one element a line
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.annotations import make_highlight
from reader.core.notes_file import RecordingRef
from reader.core.recording import locate, stored_path
from reader.core.refi import media
from reader.core.refi.codebook_xml import PROJECT_NS
from reader.core.refi.qdpx_import import import_qdpx
from reader.core.store import save_notes
from reader.core.study import Study, open_study
from reader.core.sync import SyncTable
from tests.core.test_refi import assert_valid, said, sent_qdpx, study_qdpx, unzip

P = f"{{{PROJECT_NS}}}"
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + bytes(range(256)) * 8  # stands for a recording
TRANSCRIPT = (
    "Interviewer: When did it start?\r\nNurse: In March. Café first.\r\n\r\nInterviewer: And?\r\n"
)


# --- written times ----------------------------------------------------------------------------


def test_times_are_written_where_lines_start_and_places_follow() -> None:
    text = "Q: One?\n  A: Two, three.\n\nQ: Four?\n"
    starts = [0, text.index("A:"), text.index("Q: Four")]
    timed = media.write_times(
        text, [(starts[0], 0), (2, 500), (starts[1], 83_450), (starts[2], 3_723_000)]
    )
    assert (
        timed.text == "[00:00:00] Q: One?\n  [00:01:23.450] A: Two, three.\n\n[01:02:03] Q: Four?\n"
    )
    assert timed.not_at_line_start == 1  # 2 is inside the first line
    a = text.index("A: Two")
    assert timed.text[timed.place(a) : timed.place(a + 6, end=True)] == "A: Two"
    whole = timed.text[timed.place(0) : timed.place(len("Q: One?"), end=True)]
    assert whole == "Q: One?"  # starts after its mark, ends before the next one
    assert media.write_times(timed.text, [(0, 0)]).inserted == ()  # a mark there already


def test_times_on_blank_lines_past_the_end_or_negative_are_counted_not_kept() -> None:
    timed = media.write_times(
        "A\n\nB\n", [(2, 5), (99, 1), (0, -1), (0, 7), (0, 3), (3, media.MAX_MARK_MS)]
    )
    assert timed.text == "[00:00:00.003] A\n\nB\n"
    assert (timed.not_at_line_start, timed.unwritable) == (2, 2)


@given(
    st.lists(st.text("ab \n", max_size=12), min_size=1, max_size=6),
    st.lists(st.tuples(st.integers(0, 80), st.integers(0, 10**8)), max_size=8),
)
def test_marks_are_only_inserted(lines: list[str], times: list[tuple[int, int]]) -> None:
    text = "\n".join(lines)
    timed = media.write_times(text, times)
    rebuilt, last = [], 0
    for position, length in timed.inserted:
        start = timed.place(position) - length
        rebuilt.append(timed.text[last:start])
        last = start + length
    rebuilt.append(timed.text[last:])
    assert "".join(rebuilt) == text
    marks = [position for position, _ in timed.inserted]
    for a in range(len(text) + 1):
        for b in range(a + 1, len(text) + 1):
            if not any(a < q < b for q in marks):  # a passage no mark falls into
                assert timed.text[timed.place(a) : timed.place(b, end=True)] == text[a:b]


def test_paths_outside_the_zip(tmp_path: Path) -> None:
    project = tmp_path / "p.qdpx"
    assert media.outside_path("absolute:///srv/a.mp3", "", None) == Path("/srv/a.mp3")
    assert media.outside_path("file:///srv/a%20b.mp3", "", None) == Path("/srv/a b.mp3")
    assert media.outside_path("relative://media/a.mp3", "/data", project) == Path(
        "/data/media/a.mp3"
    )
    assert media.outside_path("relative://a.mp3", "", project) == tmp_path / "a.mp3"
    assert media.outside_path("a.mp3", "", None) is None


# --- import -----------------------------------------------------------------------------------


def av_project(
    kind: str = "AudioSource", path: str = "internal://rec-1.mp3", extra: str = ""
) -> bytes:
    """A recording's source shaped as NVivo writes it: the transcript in its own file,
    CRLF counted as two, SyncPoints where rows start (one inside a row), a coded
    TranscriptSelection between two of them and one past the end."""
    text = TRANSCRIPT
    nurse, cafe = text.index("Nurse"), text.index("Café first.")
    later = text.index("Interviewer: And?")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Recorded" origin="NVivo 14">
<CodeBook><Codes><Code guid="aaaaaaaa-0000-0000-0000-000000000001" name="Food" isCodable="true"/></Codes></CodeBook>
<Sources>
  <{kind} guid="bbbbbbbb-0000-0000-0000-000000000001" name="Ward talk" path="{path}">
    <Transcript guid="cccccccc-0000-0000-0000-000000000001" name="Ward talk" plainTextPath="internal://t-1.txt">
      <SyncPoint guid="dddddddd-0000-0000-0000-000000000001" position="0" timeStamp="0"/>
      <SyncPoint guid="dddddddd-0000-0000-0000-000000000002" position="{nurse}" timeStamp="4200"/>
      <SyncPoint guid="dddddddd-0000-0000-0000-000000000003" position="{cafe}" timeStamp="6100"/>
      <SyncPoint guid="dddddddd-0000-0000-0000-000000000004" position="{cafe + len("Café first.")}"/>
      <SyncPoint guid="dddddddd-0000-0000-0000-000000000005" position="{later}" timeStamp="65000"/>
      <SyncPoint guid="dddddddd-0000-0000-0000-000000000006" position="9999"/>
      <TranscriptSelection guid="eeeeeeee-0000-0000-0000-000000000001" name="Café" fromSyncPoint="dddddddd-0000-0000-0000-000000000003" toSyncPoint="dddddddd-0000-0000-0000-000000000004">
        <Coding guid="ffffffff-0000-0000-0000-000000000001"><CodeRef targetGUID="aaaaaaaa-0000-0000-0000-000000000001"/></Coding>
      </TranscriptSelection>
      <TranscriptSelection guid="eeeeeeee-0000-0000-0000-000000000002" name="Turn" fromSyncPoint="dddddddd-0000-0000-0000-000000000002" toSyncPoint="dddddddd-0000-0000-0000-000000000005"/>
      <TranscriptSelection guid="eeeeeeee-0000-0000-0000-000000000003" name="Lost" fromSyncPoint="dddddddd-0000-0000-0000-000000000001" toSyncPoint="dddddddd-0000-0000-0000-000000000006"/>
    </Transcript>
    <AudioSelection guid="eeeeeeee-0000-0000-0000-000000000009" begin="0" end="1000"/>
  </{kind}>
  {extra}
</Sources>
</Project>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/t-1.txt", "\ufeff" + text)
        archive.writestr("sources/rec-1.mp3", MP3)
    return buffer.getvalue()


def turn_times(study: Study, entry) -> list[tuple[str, int]]:
    session = study.open_session(entry)
    text = session.document.text
    return [
        (text[e.start : e.end].split("] ", 1)[-1][:12], e.start_ms)
        for e in SyncTable.of(session.document, session.segments).entries
    ]


def test_an_audio_source_becomes_an_interview_with_its_recording_and_times(
    tmp_path: Path,
) -> None:
    report = import_qdpx(av_project(), tmp_path / "study")
    study = open_study(tmp_path / "study")
    (entry,) = study.interviews
    assert (report.interviews, report.recordings, report.highlights) == (1, 1, 3)
    assert said(report) == [
        "selection “Lost” in “Ward talk”: positions 0–9999 do not fit its text of 84 characters",
        "1 time of “Ward talk” inside or at the end of a line: a time is kept where a line "
        "starts, places between are timed in proportion",
    ]
    assert "1 passage marked on a recording by time: on the turns spoken then." in (
        report.message()
    )
    transcript = study.transcript_path(entry)
    assert transcript.read_text(encoding="utf-8") == (
        "[00:00:00] Interviewer: When did it start?\n[00:00:04.200] Nurse: In March. Café first."
        "\n\n[00:01:05] Interviewer: And?\n"
    )
    notes = study.load_notes(entry)
    recording = locate(notes.recording.path, study.notes_path(entry))
    assert recording.problem == "" and recording.path == transcript.with_suffix(".mp3")
    assert recording.path.read_bytes() == MP3
    quotes = [(h.exact, study.codebook.names(h.codes)) for h in notes.highlights]
    # The turn's selection ran to where the next row starts: up to its mark, not into it.
    assert quotes == [
        ("Interviewer: When did it start?\n", ()),  # the AudioSelection of 0–1 s
        ("Nurse: In March. Café first.\n\n", ()),
        ("Café first.", ("Food",)),
    ]
    assert turn_times(study, entry) == [
        ("Interviewer:", 0),
        ("Nurse: In Ma", 4200),
        ("Interviewer:", 65000),
    ]


def test_a_video_source_keeps_an_outside_path_and_says_when_it_is_missing(
    tmp_path: Path,
) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "ward.mp4").write_bytes(MP3)
    data = av_project("VideoSource", "relative://media/ward.mp4")
    project_file = tmp_path / "p.qdpx"
    report = import_qdpx(data, tmp_path / "study", project_file=project_file)
    study = open_study(tmp_path / "study")
    notes = study.load_notes(study.interviews[0])
    assert locate(notes.recording.path, study.notes_path(study.interviews[0])).path == (
        tmp_path / "media" / "ward.mp4"
    )
    assert report.recordings == 1 and not any("recording of" in n for n in said(report)[:1])
    gone = import_qdpx(av_project(path="absolute:///nowhere/x.mp3"), tmp_path / "other")
    assert "the recording of “Ward talk”: /nowhere/x.mp3 is not there" in "\n".join(said(gone))
    assert (
        open_study(tmp_path / "other")
        .load_notes(open_study(tmp_path / "other").interviews[0])
        .recording
        is not None
    )


def test_a_time_span_of_a_recording_is_the_turns_spoken_in_it() -> None:
    times = [(0, 0), (40, 4200), (80, 6100), (120, 65000)]
    assert media.spoken_between(times, 0, 1000, 200) == (0, 40)
    assert media.spoken_between(times, 5000, 6100, 200) == (40, 80)  # to where the next starts
    assert media.spoken_between(times, 6100, 7000, 200) == (80, 120)
    assert media.spoken_between(times, 70000, 80000, 200) == (120, 200)  # the last turn
    assert media.spoken_between([(30, 500)], 0, 100, 200) == (0, 30)  # before the first time
    assert media.spoken_between(times, 1000, 1000, 200) is None  # empty
    assert media.spoken_between([], 0, 1000, 200) is None  # an untimed transcript
    assert media.spoken_between([(80, 0), (40, 9000)], 100, 200, 200) is None  # out of order


def test_a_coded_passage_of_the_recording_is_coded_on_its_words(tmp_path: Path) -> None:
    clip = (
        '<AudioSelection guid="eeeeeeee-0000-0000-0000-000000000009" begin="4500" end="6000" name="Clip">'
        "<Description>She laughs here.</Description>"
        '<Coding guid="ffffffff-0000-0000-0000-000000000009"><CodeRef targetGUID="aaaaaaaa-0000-0000-0000-000000000001"/></Coding>'
        "</AudioSelection>"
    )
    qde = unzip(av_project())["project.qde"].replace(
        b'<AudioSelection guid="eeeeeeee-0000-0000-0000-000000000009" begin="0" end="1000"/>',
        clip.encode(),
    )
    data = rezipped(av_project(), "project.qde", qde)
    report = import_qdpx(data, tmp_path / "study")
    study = open_study(tmp_path / "study")
    notes = study.load_notes(study.interviews[0])
    (coded,) = [h for h in notes.highlights if h.note]
    assert coded.exact == "Nurse: In March. "  # 4.2 s to 6.1 s: up to where Café is timed
    assert (coded.note, study.codebook.names(coded.codes)) == ("She laughs here.", ("Food",))
    assert report.by_time == 1 and not any("by time" in line for line in said(report))
    again = import_qdpx(data, tmp_path / "study")  # merged: nothing new, nothing said twice
    assert again.by_time == 0 and "by time" not in again.message()
    assert len(study.load_notes(study.interviews[0]).highlights) == len(notes.highlights)
    untimed = rezipped(data, "project.qde", qde.replace(b'timeStamp="', b'x="'))
    report = import_qdpx(untimed, tmp_path / "untimed")
    assert said(report)[0] == (
        "1 passage of the recording of “Ward talk” marked by time only, where its "
        "transcript has no times"
    )


def test_media_without_a_transcript_or_a_file_is_reported(tmp_path: Path) -> None:
    extra = '<AudioSource guid="bbbbbbbb-0000-0000-0000-000000000002" name="Silent" path="internal://none.mp3"/>'
    report = import_qdpx(av_project(path="internal://missing.mp3", extra=extra), tmp_path / "s")
    lines = "\n".join(said(report))
    assert "audio source “Silent”: it has no transcript" in lines
    assert "the recording of “Ward talk”: internal://missing.mp3 is not in the file" in lines
    assert report.interviews == 1 and report.recordings == 0


# --- export and round trip --------------------------------------------------------------------


VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Interviewer>How did the night go? 🌙

00:00:04.500 --> 00:00:09.250
<v Nurse>Long. Café at three, then rounds.

00:01:02.000 --> 00:01:05.000
<v Interviewer>And then?
"""


def recorded_study(folder: Path, suffix: str = ".mp3", vtt: str = VTT) -> Study:
    """A study of one WebVTT transcript with its recording attached and coded passages."""
    folder.mkdir(parents=True)
    (folder / "night.vtt").write_text(vtt, encoding="utf-8")
    (folder / f"night{suffix}").write_bytes(MP3)
    study = open_study(folder)
    study.writable_codebook().create("Coffee")
    study.save()
    study = open_study(folder)
    (entry,) = study.interviews
    session = study.open_session(entry)
    text = session.document.text
    code = study.codebook.find("Coffee").id
    for quote, codes, note in (("Café at three", (code,), "Why then?"), ("🌙", (), "")):
        start = text.index(quote)
        h = make_highlight(text, start, start + len(quote))
        session.add_highlight(h.edited(codes=codes, note=note))
    notes_path = study.notes_path(entry)
    session.notes.recording = RecordingRef(stored_path(folder / f"night{suffix}", notes_path), 0)
    save_notes(notes_path, session.notes)
    return open_study(folder)


def test_an_interview_with_a_recording_exports_as_audio_with_sync_points(tmp_path: Path) -> None:
    study = recorded_study(tmp_path / "study")
    data, left_out, _ = study_qdpx(study)
    assert left_out == []
    files = unzip(data)
    assert_valid(files["project.qde"])
    root = ET.fromstring(files["project.qde"])
    (source,) = root.iter(f"{P}AudioSource")
    media_name = source.get("path").removeprefix("internal://")
    assert files[f"sources/{media_name}"] == MP3
    transcript = source.find(f"{P}Transcript")
    text = files["sources/" + transcript.get("plainTextPath").removeprefix("internal://")].decode()
    points = {p.get("guid"): p for p in transcript.iter(f"{P}SyncPoint")}
    timed = [
        (text[int(p.get("position")) :][:6], int(p.get("timeStamp")))
        for p in points.values()
        if p.get("timeStamp")
    ]
    assert timed == [("Interv", 1000), ("Nurse:", 4500), ("Interv", 62000)]
    quotes = []
    for selection in transcript.iter(f"{P}TranscriptSelection"):
        a = int(points[selection.get("fromSyncPoint")].get("position"))
        b = int(points[selection.get("toSyncPoint")].get("position"))
        quotes.append(text[a:b])
    assert sorted(quotes) == ["Café at three", "🌙"]
    video = sent_qdpx(recorded_study(tmp_path / "video", ".mp4"))
    assert b"<VideoSource" in unzip(video)["project.qde"]
    assert_valid(unzip(video)["project.qde"])


def timed_sync_points(files: dict[str, bytes]) -> list[tuple[str, int]]:
    """The project's transcript's timed SyncPoints: (its text's first six characters
    there, the time)."""
    (transcript,) = ET.fromstring(files["project.qde"]).iter(f"{P}Transcript")
    text = files["sources/" + transcript.get("plainTextPath").removeprefix("internal://")].decode()
    return [
        (text[int(p.get("position")) :][:6], int(p.get("timeStamp")))
        for p in transcript.iter(f"{P}SyncPoint")
        if p.get("timeStamp")
    ]


def test_a_paragraph_a_cue_opens_inside_a_long_turn_goes_with_its_own_time(
    tmp_path: Path,
) -> None:
    """The Nurse's long turn is two paragraphs, the second said at 0:40: it has a timed
    SyncPoint of its own, so the other tool follows the recording there too, and the
    round trip keeps it."""
    long_turn = VTT.replace(
        "<v Nurse>Long. Café at three, then rounds.",
        "<v Nurse>Long. Café at three, then rounds. "
        + "The ward was quiet. " * 60
        + "\n\n00:00:40.000 --> 00:00:44.000\nAnd then the alarms went off.",
    )
    study = recorded_study(tmp_path / "study", vtt=long_turn)
    timed = timed_sync_points(unzip(sent_qdpx(study)))
    assert timed == [("Interv", 1000), ("Nurse:", 4500), ("And th", 40000), ("Interv", 62000)]
    import_qdpx(sent_qdpx(study), tmp_path / "imported")
    again = open_study(tmp_path / "imported")
    assert [ms for _, ms in turn_times(again, again.interviews[0])] == [1000, 4500, 40000, 62000]


def test_a_recording_too_large_to_embed_is_referenced_by_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(media, "MAX_EMBEDDED_BYTES", 10)
    study = recorded_study(tmp_path / "study")
    data, left_out, _ = study_qdpx(study)
    assert left_out == [
        "“Night”: its recording night.mp3 is larger than 0 MB; its path is given instead"
    ]
    files = unzip(data)
    assert_valid(files["project.qde"])
    assert b'path="absolute://' in files["project.qde"] and len(files) == 2


def test_a_large_recording_is_streamed_into_the_file_never_held_whole(tmp_path: Path) -> None:
    """Hours of recordings were read whole into memory, then the zip of them built there
    too: 640 MB for a 450 MB study. Written to a file now, the recording read by chunks;
    the project imports back with it."""
    import tracemalloc

    from reader.core.refi.qdpx_export import export_study_qdpx

    study = recorded_study(tmp_path / "study")
    recording = MP3 + bytes(24 * 2**20)
    (tmp_path / "study" / "night.mp3").write_bytes(recording)
    project, left_out, _ = export_study_qdpx(study)
    assert left_out == []
    target = tmp_path / "night.qdpx"
    tracemalloc.start()
    try:
        with target.open("wb") as file:
            project.write(file)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 2**20  # a chunk or two, not the recording's 24 MB
    with zipfile.ZipFile(target) as archive:
        (inside,) = [n for n in archive.namelist() if n.endswith(".mp3")]
        assert archive.read(inside) == recording
    report = import_qdpx(target, tmp_path / "imported")
    assert said(report) == [] and report.recordings == 1


def test_a_cancelled_export_stops_within_the_recording(tmp_path: Path) -> None:
    """Progress is told by each chunk of a recording, in bytes: Cancel is heard within
    one, and nothing more is read."""
    from reader.core.deterministic_zip import CHUNK_BYTES
    from reader.core.export import ExportCancelled
    from reader.core.refi.qdpx_export import export_study_qdpx

    study = recorded_study(tmp_path / "study")
    (tmp_path / "study" / "night.mp3").write_bytes(bytes(5 * CHUNK_BYTES))
    project = export_study_qdpx(study)[0]
    told: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        told.append((done, total))
        return done < 2 * CHUNK_BYTES

    with pytest.raises(ExportCancelled):
        project.write(io.BytesIO(), progress)
    texts = told[1][0]  # project.qde, then the transcript: before the recording
    assert [done - texts for done, _ in told[2:]] == [CHUNK_BYTES, 2 * CHUNK_BYTES]
    assert {total for _, total in told} == {texts + 5 * CHUNK_BYTES}


def test_round_trip_of_a_recorded_interview(tmp_path: Path) -> None:
    study = recorded_study(tmp_path / "study")
    first = sent_qdpx(study)
    report = import_qdpx(first, tmp_path / "imported")
    assert said(report) == [] and report.recordings == 1
    again = open_study(tmp_path / "imported")
    (entry,) = again.interviews
    notes = again.load_notes(entry)
    recording = locate(notes.recording.path, again.notes_path(entry))
    assert recording.path.read_bytes() == MP3
    original = study.load_notes(study.interviews[0])
    assert sorted(
        (h.exact, again.codebook.names(h.codes), h.note) for h in notes.highlights
    ) == sorted((h.exact, study.codebook.names(h.codes), h.note) for h in original.highlights)
    assert [ms for _, ms in turn_times(again, entry)] == [1000, 4500, 62000]
    # Once imported, the text carries its times: exporting and importing again is stable.
    second = sent_qdpx(again)
    import_qdpx(second, tmp_path / "twice")
    assert sent_qdpx(open_study(tmp_path / "twice")) == second


def test_a_recorded_interview_imported_back_into_its_own_study_is_not_added_twice(
    tmp_path: Path,
) -> None:
    """Its transcript is the interview's text: merged there, every passage in its place
    (nothing new, the notes file as it was: tests/core/test_refi_merge.py)."""
    study = recorded_study(tmp_path / "study")
    data = sent_qdpx(study)
    (entry,) = study.interviews
    notes_path = study.notes_path(entry)
    notes_before = notes_path.read_bytes()
    report = import_qdpx(data, study.folder)
    assert report.interviews == 0 and report.recordings == 0 and said(report) == []
    assert [m.line for m in report.merged] == ["“Night”: nothing new, the study has all of it"]
    assert notes_path.read_bytes() == notes_before
    assert len(open_study(study.folder).interviews) == 1
    assert not (study.folder / "transcripts").exists()
    # Imported elsewhere the text carries its times; that study's export comes back alike.
    import_qdpx(data, tmp_path / "imported")
    again = open_study(tmp_path / "imported")
    assert import_qdpx(sent_qdpx(again), again.folder).interviews == 0
    assert len(open_study(again.folder).interviews) == 1


def test_a_time_100_hours_into_a_recording_is_said_as_such(tmp_path: Path) -> None:
    """REFI-QDA's timeStamp is an xsd:integer of ms, without bound; a time written in the
    text has two digits of hours. A turn 100 hours in (a cue "100:01:02.000" reads) went
    out and came back untimed, said to be a time "inside or at the end of a line"."""
    vtt = VTT.replace("00:01:02.000 --> 00:01:05.000", "100:01:02.000 --> 100:01:05.000")
    data = study_qdpx(recorded_study(tmp_path / "study", vtt=vtt))[0]
    assert ("Interv", 360_062_000) in timed_sync_points(unzip(data))
    report = import_qdpx(data, tmp_path / "back")
    assert said(report) == [
        "1 time of “Night” before its start or 100 hours or more into it: a written time "
        "holds neither"
    ]


def test_a_recording_without_turn_times_adds_nothing_to_the_zip(tmp_path: Path) -> None:
    """Without times there is no AudioSource: its recording must not go in under a bare
    `sources/` name either."""
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "plain.txt").write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    (folder / "plain.mp3").write_bytes(MP3)
    study = open_study(folder)
    (entry,) = study.interviews
    session = study.open_session(entry)
    notes_path = study.notes_path(entry)
    session.notes.recording = RecordingRef(stored_path(folder / "plain.mp3", notes_path), 0)
    save_notes(notes_path, session.notes)
    files = unzip(sent_qdpx(open_study(folder)))
    assert [name for name in files if not name.endswith(".txt")] == ["project.qde"]


def test_a_recording_of_an_untimed_transcript_is_named_as_left_out(tmp_path: Path) -> None:
    """REFI-QDA joins a recording to its transcript by times: without any, the recording
    was left out of the project without a word."""
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "C.txt").write_text("Q: When?\nA: In March.\n", encoding="utf-8")
    (folder / "C.mp3").write_bytes(MP3)
    data, left_out, _ = study_qdpx(open_study(folder))
    assert left_out == ["“C”: its recording C.mp3 (the transcript has no times)"]
    assert [name for name in unzip(data) if name.endswith(".mp3")] == []


def rezipped(data: bytes, name: str, content: bytes, *, deflated: bool = False) -> bytes:
    """The .qdpx `data` with its file `name` holding `content` (packed, or stored)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(buffer, "w") as new:
        for info in old.infolist():
            if info.filename != name:
                new.writestr(info, old.read(info))
        method = zipfile.ZIP_DEFLATED if deflated else zipfile.ZIP_STORED
        new.writestr(name, content, compress_type=method)
    return buffer.getvalue()


def test_a_recording_that_unpacks_to_far_more_than_it_packs_is_not_unpacked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip bomb: a few kilobytes that claim gigabytes of recording. Measured here with
    the ratio lowered, on 2 MB of zeros (a few kB packed)."""
    from reader.core.refi import qdpx_import

    monkeypatch.setattr(qdpx_import, "MAX_MEDIA_RATIO", 1)
    data = rezipped(av_project(), "sources/rec-1.mp3", bytes(2 * 2**20), deflated=True)
    report = import_qdpx(data, tmp_path / "study")
    assert report.interviews == 1 and report.recordings == 0
    assert "the recording of “Ward talk”: it claims to unpack to 2,097,152 bytes from" in (
        "\n".join(said(report))
    )
    study = open_study(tmp_path / "study")
    assert study.load_notes(study.interviews[0]).recording is None
    assert not list((tmp_path / "study" / "transcripts").glob("*.mp3"))


def test_a_damaged_recording_is_said_and_no_half_of_it_is_left(tmp_path: Path) -> None:
    data = rezipped(av_project(), "sources/rec-1.mp3", MP3)
    damaged = data.replace(MP3[100:200], bytes(100), 1)  # stored: its bytes as they are
    assert damaged != data
    report = import_qdpx(damaged, tmp_path / "study")
    assert report.interviews == 1 and report.recordings == 0
    line = next(n for n in said(report) if n.startswith("the recording of"))
    assert line.startswith("the recording of “Ward talk”: it is damaged or encrypted in the file")
    assert not list((tmp_path / "study" / "transcripts").glob("*.mp3"))


def test_each_cue_inside_a_paragraph_has_its_timed_sync_point(tmp_path: Path) -> None:
    """The Nurse's two cues make one paragraph: the second's time was left out, so a
    200-cue transcript gave the other tool 11 times to follow its recording by."""
    two_cues = VTT.replace(
        "<v Nurse>Long. Café at three, then rounds.",
        "<v Nurse>Long. Café at three, then rounds.\n\n"
        "00:00:09.500 --> 00:00:12.000\n<v Nurse>Then the alarms went off.",
    )
    study = recorded_study(tmp_path / "study", vtt=two_cues)
    files = unzip(sent_qdpx(study))
    assert_valid(files["project.qde"])
    timed = timed_sync_points(files)
    assert timed == [("Interv", 1000), ("Nurse:", 4500), ("Then t", 9500), ("Interv", 62000)]
