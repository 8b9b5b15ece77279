"""Tests of reader.core.participants: the participant each transcript names, the reader's
corrections first; group interviews, generic labels and unnamed speakers left empty and
said; Study.fill_from_transcripts never replaces a typed participant or date, and put_back
undoes it."""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.document import Document, load_document
from reader.core.interview import Role
from reader.core.notes_file import NotesData
from reader.core.participants import (
    NO_SPEAKER,
    NOT_READ,
    NOTES_NOT_READ,
    FillReport,
    Finding,
    Said,
    answering_speakers,
    find_participant,
    is_generic,
    to_fill,
)
from reader.core.refi.codebook_xml import PROJECT_NS
from reader.core.session import Session
from reader.core.study import StudyError, open_study
from reader.core.study_texts import StudyTexts
from tests.conftest import DATA
from tests.core.test_refi import study_qdpx
from tests.participant_study import DATED, FILLED, REPORT, TYPED, write_participant_study

STUDENT = DATA / "student"


def session_of(text: str, notes: NotesData | None = None) -> Session:
    document = Document(text=text, title="T", source="/tmp/t.txt", encoding="utf-8")
    return Session.open(document, notes)


def fill(folder: Path) -> tuple[FillReport, tuple[int, int]]:
    """What the Library's command does, without the window: read, then fill."""
    study = open_study(folder)
    texts = StudyTexts(study)
    report = FillReport()
    for entry in to_fill(study.interviews):
        report.add(entry, texts.said(entry))
    counts = report.counts(study.interviews)
    study.fill_from_transcripts(report.filled, report.dates)
    study.save()
    return report, counts


def test_the_formats_give_their_participant_and_the_others_say_why_not(tmp_path: Path) -> None:
    folder = write_participant_study(tmp_path / "study")
    report, counts = fill(folder)
    assert report.message(*counts) == REPORT
    study = open_study(folder)
    assert {e.title: e.participant for e in study.interviews if e.participant} == FILLED
    assert {e.title: e.date for e in study.interviews if e.date} == DATED


def test_a_typed_participant_stays_and_filling_again_changes_nothing(tmp_path: Path) -> None:
    folder = write_participant_study(tmp_path / "study")
    fill(folder)
    report, counts = fill(folder)
    assert counts == (0, 0) and report.filled == report.dates == {}
    assert report.message(*counts).startswith("Nothing filled. 3 participants left empty: P04 (")
    assert open_study(folder).interviews[5].participant == TYPED


def test_filling_keeps_what_was_typed_meanwhile_and_put_back_undoes(tmp_path: Path) -> None:
    folder = write_participant_study(tmp_path / "study")
    study = open_study(folder)
    first, second, third, *_ = study.interviews
    study.update_interview(second.id, participant="Typed Meanwhile", date="2025-01-02")
    before = list(study.interviews)
    old = study.fill_from_transcripts(
        {first.id: " Found ", second.id: "Found Too", "gone": "X"},
        {second.id: "2025-03-04", third.id: "2025-05-06"},
    )
    assert [e.id for e, _ in old] == [first.id, third.id]
    assert study.interview(first.id).participant == "Found"
    assert (study.interview(second.id).participant, study.interview(second.id).date) == (
        "Typed Meanwhile",
        "2025-01-02",
    )
    assert study.interview(third.id).date == "2025-05-06"
    study.remove_interview(second.id)  # gone before the undo: passed over
    study.put_back(old)
    assert study.interview(first.id) == before[0]
    assert study.interview(third.id) == before[2]


def test_undoing_a_fill_keeps_a_participant_renamed_since_with_its_speaker(
    tmp_path: Path,
) -> None:
    """Fill gave an interview its date alone; its speaker renamed since (in the interview's
    own history, the participant following) was undone with the fill: put back whole,
    the entry lost the new name."""
    study = open_study(write_participant_study(tmp_path / "study"))
    first = study.interviews[0]
    study.update_interview(first.id, participant="Grace Mwangi", date="")
    filled = study.fill_from_transcripts({}, {first.id: "2024-04-16"})
    assert study.follow_speaker(first.id, "Grace Mwangi", "Grace M.")
    study.put_back(filled)
    entry = study.interview(first.id)
    assert (entry.participant, entry.date) == ("Grace M.", "")


def test_a_read_only_study_refuses(tmp_path: Path) -> None:
    study = open_study(write_participant_study(tmp_path / "study"))
    study.read_only = True
    with pytest.raises(StudyError):
        study.fill_from_transcripts({study.interviews[0].id: "Ana"}, {})


def test_renamed_speakers_and_sides_in_the_notes_win_over_detection() -> None:
    text = "Speaker 1: Where did you grow up?\nSpeaker 2: By the sea.\n"
    assert answering_speakers(session_of(text).segments) == ("Speaker 2",)
    renamed = NotesData(document={}, speakers={"Speaker 2": "Mei Lin"})
    assert find_participant(answering_speakers(session_of(text, renamed).segments)) == Finding(
        "Mei Lin"
    )
    swapped = NotesData(document={}, sides={"Speaker 1": Role.ANSWER, "Speaker 2": Role.QUESTION})
    assert answering_speakers(session_of(text, swapped).segments) == ("Speaker 1",)


def test_a_q_and_a_without_labels_names_nobody_until_the_reader_does() -> None:
    text = "Intro.\nWhere did you grow up?\nBy the sea, in a small town.\n"
    assert answering_speakers(session_of(text).segments) == ()
    named = NotesData(document={}, speakers={"Interviewee": "Mei Lin"})
    assert answering_speakers(session_of(text, named).segments) == ("Mei Lin",)


def test_a_speaker_is_on_the_side_of_most_of_their_paragraphs() -> None:
    text = "Ana: Why?\nBo: Because.\nAna: And then?\nBo: Then nothing.\nAna: Why not?\n"
    moved = session_of(text)
    moved.set_role(moved.segments[0].start, Role.ANSWER)  # one of Ana's, marked an answer
    assert moved.segments[0].speaker == "Ana"  # still hers, as her label says
    assert answering_speakers(moved.segments) == ("Bo",)


@pytest.mark.parametrize(
    "name",
    ["Speaker 1", "SPEAKER_00", "Unknown Speaker", "Speaker B", "Interviewee", "Respondent 2",
     "P", "A", "participant", "Int."],
)  # fmt: skip
def test_generic_labels_name_nobody(name: str) -> None:
    assert is_generic(name)
    assert find_participant([name]) == Finding("", f"only a generic label answers: {name}")


@pytest.mark.parametrize("name", ["José Ángel Muñoz", "Siobhán", "Anna B", "Speakerman", "李明"])
def test_names_are_names(name: str) -> None:
    assert not is_generic(name)
    assert find_participant([name]) == Finding(name)


@pytest.mark.parametrize(
    ("label", "participant"),
    [
        ("\u200fדנה כהן\u200f", "דנה כהן"),  # a right-to-left keyboard's marks
        ("\u2067Amal\u2069", "Amal"),
        ("Amal Haddad (Guest)", "Amal Haddad"),  # Teams' guests and outsiders
        ("Amal Haddad (External)", "Amal Haddad"),
    ],
)
def test_what_is_around_a_name_is_not_of_it(label: str, participant: str) -> None:
    """Found by the formats review: the marks and Teams' "(Guest)" went into study.json,
    and one person became two REFI-QDA cases."""
    assert find_participant([label]) == Finding(participant)


@pytest.mark.parametrize(
    ("label", "participant"),
    [
        ("DIEGO", "Diego"),
        ("MARÍA DE LA CRUZ", "María de la Cruz"),
        ("LUDWIG VAN DER BERG", "Ludwig van der Berg"),
        ("JOSÉ-LUIS O’BRIEN", "José-Luis O’Brien"),
        ("ANNA B", "Anna B"),
        ("DE LUCA", "De Luca"),  # a particle first is a name's capital
        # In mixed case, or in a script without case: as written.
        ("Ronan McDonald", "Ronan McDonald"),
        ("DeShawn", "DeShawn"),
        ("María de la Cruz", "María de la Cruz"),
        ("李明", "李明"),
    ],
)
def test_a_name_in_capitals_is_given_in_title_case(label: str, participant: str) -> None:
    assert find_participant([label]) == Finding(participant)


def test_a_subtitle_files_speaker_in_capitals_is_a_participant_in_title_case() -> None:
    """The SubRip transcript labels its turns "INTERVIEWER:" and "DIEGO:"."""
    session = Session.open(load_document(STUDENT / "P03.srt"), None)
    assert find_participant(answering_speakers(session.segments)) == Finding("Diego")


def test_reasons() -> None:
    assert find_participant([]) == Finding("", NO_SPEAKER)
    assert find_participant([], NOT_READ) == Finding("", NOT_READ)
    assert find_participant(["Ana", "Ben"]).why_not == "two speakers answer: Ana, Ben"
    many = find_participant([f"Name{chr(65 + i)}" for i in range(12)]).why_not
    assert many == "12 speakers answer: NameA, NameB, NameC, …"


def test_unreadable_interviews_are_said(tmp_path: Path) -> None:
    folder = write_participant_study(tmp_path / "study")
    study = open_study(folder)
    first, second, *_ = study.interviews
    study.transcript_path(first).unlink()
    study.notes_path(second).write_bytes(b"\x00not json")
    texts = StudyTexts(study)
    assert texts.said(first) == Said(unread=NOT_READ)
    assert texts.said(second) == Said(unread=NOTES_NOT_READ)


def test_the_kept_text_answers_without_reading_the_transcript_again(tmp_path: Path) -> None:
    study = open_study(write_participant_study(tmp_path / "study"))
    entry = study.interviews[1]
    texts = StudyTexts(study)
    texts.search(entry)  # kept, as the app's warming keeps the first 200
    path = study.transcript_path(entry)
    stamp = path.stat()
    path.write_text("Interviewer: Hi?\nSomeone Else: Hello.\n", encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # as if unchanged: kept
    assert texts.said(entry) == Said(("Siobhán",), "2025-06-02")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 10**9))
    assert texts.said(entry) == Said(("Someone Else",))


def test_the_report_lists_a_few_and_counts_the_rest() -> None:
    from reader.core.study_file import InterviewEntry

    report = FillReport()
    for i in range(11):
        report.add(InterviewEntry(f"p{i}", f"P{i}.txt", f"P{i}"), Said())
    report.add(InterviewEntry("x", "X.txt", "X"), Said(("Ana",), "2024-04-16"))
    message = report.message(1, 1)
    assert message.startswith(
        "Filled 1 participant and 1 date. 11 participants left empty: P0 (no speaker named), "
    )
    assert message.endswith("P7 (no speaker named) and 3 more.")
    assert report.message(0, 2) == message.replace("1 participant and 1 date", "2 dates")
    dated = FillReport()
    dated.add(InterviewEntry("y", "Y.txt", "Y", participant="Ana"), Said())
    assert dated.message(0, 0) == "Nothing filled."
    assert FillReport().message(0, 0) == "Every interview has a participant and a date."


def test_the_qdpx_export_has_a_case_per_filled_participant(tmp_path: Path) -> None:
    folder = write_participant_study(tmp_path / "study")
    fill(folder)
    study = open_study(folder)
    data, left_out, _ = study_qdpx(study)
    assert left_out == []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        project = ET.fromstring(archive.read("project.qde"))
    sources = {s.get("guid"): s.get("name") for s in project.iter(f"{{{PROJECT_NS}}}TextSource")}
    cases = {
        case.get("name"): [
            sources[ref.get("targetGUID")] for ref in case.iter(f"{{{PROJECT_NS}}}SourceRef")
        ]
        for case in project.iter(f"{{{PROJECT_NS}}}Case")
    }
    assert cases == {name: [title] for title, name in FILLED.items()}


@given(st.lists(st.sampled_from(["Ana", "Ben", "Speaker 1", ""]), max_size=6))
def test_one_named_answerer_is_the_only_way_to_a_participant(names: list[str]) -> None:
    answering = tuple(dict.fromkeys(n for n in names if n))
    found = find_participant(answering)
    assert bool(found.participant) == (len(answering) == 1 and answering[0] != "Speaker 1")
    assert bool(found.participant) != bool(found.why_not)


def test_a_document_without_speakers_answers_nobody() -> None:
    assert answering_speakers(session_of("").segments) == ()
    assert answering_speakers(session_of("\x00\x01 binary ☃").segments) == ()
    document = load_document(Path(__file__))  # a Python file: whatever it finds, no crash
    assert isinstance(answering_speakers(Session.open(document, None).segments), tuple)
