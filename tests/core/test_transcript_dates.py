"""Tests of reader.core.transcript_dates: the recording date a transcript gives in its
header (Otter, Teams, a typed "Date:" line) or in a Word document's properties."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.core.document import Document, load_document
from reader.core.transcript_dates import date_line, recording_date
from tests.conftest import DATA
from tests.core.test_transcripts import write_docx


def document(text: str, created: str = "") -> Document:
    return Document(text=text, title="T", source="/tmp/t.txt", encoding="utf-8", created=created)


@pytest.mark.parametrize(
    ("path", "recorded"),
    [
        ("student/P05-otter.txt", "2024-04-16"),  # "Tue, Apr 16, 2024 10:02AM • 31:14"
        ("transcripts/otter.txt", "2024-03-08"),  # "Fri, Mar 08, 2024 4:12PM • 12:30"
        ("transcripts/teams-copied.txt", "2026-11-03"),  # "November 3, 2026, 10:02AM"
        ("student/P01-zoom.vtt", ""),
        ("student/P02-teams.vtt", ""),
        ("student/P03.srt", ""),
        ("student/P04-whisper.json", ""),
        ("transcripts/rev.txt", ""),
    ],
)
def test_the_date_a_transcripts_header_gives(path: str, recorded: str) -> None:
    assert recording_date(load_document(DATA / path)) == recorded


@pytest.mark.parametrize(
    ("line", "recorded"),
    [
        ("Date: 14 February 2024", "2024-02-14"),
        ("Date of interview: 5th March 2024", "2024-03-05"),
        ("Recorded: 2024-03-05", "2024-03-05"),
        ("Interview date: Tuesday, 5 March 2024, 10.14 am", "2024-03-05"),
        ("Sept. 9, 2025", "2025-09-09"),
        ("Mon, Feb 12, 2024 3:15PM • 1:45:02", "2024-02-12"),
        # Not a date the interview was recorded on, or none to be sure of.
        ("Tue, 3/5 10:14AM • 42:17", ""),  # no year
        ("05/03/2024", ""),  # 5 March or May 3
        ("Date: 31 February 2024", ""),
        ("Transcribed: 14 February 2024", ""),
        ("I came over on 14 February 2024, with my cousin.", ""),
        ("Interview 2024-03-05 with P3", ""),
    ],
)
def test_a_date_line(line: str, recorded: str) -> None:
    assert date_line(line) == recorded


def test_google_meets_title_gives_the_day_the_meeting_started() -> None:
    """Found by a new user's Google Meet transcript: Fill Dates left its Date empty, though
    Meet's title says when the meeting started."""
    title = "Garden talk (2024-03-05 14:00 GMT) - Transcript\n\nAttendees\n\nRosa Lind\n\n"
    turns = "Rosa Lind: How did it start?\n\nTomas Weir: With three beds.\n"
    assert recording_date(document(title + turns)) == "2024-03-05"
    assert recording_date(document("Garden talk (2024-03-05 14:00 GMT)\n\n" + turns)) == ""


@pytest.mark.parametrize(
    ("name", "recorded"),
    [
        ("2024-03-05 P01 Ana.txt", "2024-03-05"),
        ("P01_Ana_2024_03_05.vtt", "2024-03-05"),
        ("P01 2024-02-31.txt", ""),  # no such day
        ("P01 2024-03-05 and 2024-04-01.txt", ""),  # which one?
        ("P01 2024-03_05.txt", ""),
        ("P120240305.txt", ""),
    ],
)
def test_the_day_a_transcripts_file_name_holds(name: str, recorded: str) -> None:
    """Fill Participants and Dates left the Date of "2024-03-05 P01 Ana.txt" empty, as
    researchers name transcripts, when its text gave no date."""
    turns = "Emma: Where did you train?\n\nAna: In Lyon.\n"
    named = Document(text=turns, title="T", source=f"/study/{name}", encoding="utf-8")
    assert recording_date(named) == recorded
    header = "Date: 14 February 2024\n\n"
    assert recording_date(replace(named, text=header + turns)) == "2024-02-14"  # it says better


def test_a_date_line_is_looked_for_in_the_header_only() -> None:
    header = "Interview P10 – Anaïs Lefèvre\n\nDate: 14 February 2024\n\nLocation: Zoom\n\n"
    turns = "".join(f"Emma: Question {i}?\n\nAnaïs: Answer {i}.\n\n" for i in range(4))
    assert recording_date(document(header + turns)) == "2024-02-14"
    assert recording_date(document(turns + header)) == ""


def test_a_word_documents_creation_date_when_no_line_gives_one(tmp_path: Path) -> None:
    import docx

    path = write_docx(tmp_path / "t.docx", [("Emma: Where?", 0), ("Ana: Here.", 0)])
    assert recording_date(load_document(path)) == ""  # python-docx's template's date
    word = docx.Document(str(path))
    word.core_properties.created = datetime(2024, 5, 2, 9, 30, tzinfo=UTC)
    word.core_properties.author = "Leila Haddad"
    word.save(str(path))
    assert recording_date(load_document(path)) == "2024-05-02"
    word.paragraphs[0].insert_paragraph_before("Date: 28 April 2024")
    word.save(str(path))
    assert recording_date(load_document(path)) == "2024-04-28"  # the line says it better
