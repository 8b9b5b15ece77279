"""Rich Text transcripts (reader/core/transcripts/rtf.py), in the shapes TextEdit and Word
write. Names and words are made up."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.document import load_document
from reader.core.interview import Role, detect_segments

# TextEdit's: Western code page escapes, a Unicode escape with its fallback, bold names.
TEXTEDIT = rb"""{\rtf1\ansi\ansicpg1252\cocoartf2759
{\fonttbl\f0\fswiss\fcharset0 Helvetica;\f1\fswiss\fcharset0 Helvetica-Bold;}
{\colortbl;\red255\green255\blue255;}
{\info{\author Someone}}
\pard\tx566\pardirnatural\partightenfactor0

\f1\b\fs24 \cf0 Interviewer:
\f0\b0  So \'93how\'94 did the caf\'e9 start?\
\

\f1\b Amal:
\f0\b0  It\'92s a long story\'85 \u8364 ? ten a day.\
\

\f1\b Interviewer:
\f0\b0  And then?\
\

\f1\b Amal:
\f0\b0  We moved.}
"""
# Word's: a page header and a footnote, which are not the page's text.
WORD = rb"""{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman Times New Roman;}}
{\*\generator Microsoft Word;}{\info{\title Interview 7}}
{\header\pard\plain CONFIDENTIAL\par}
\pard\plain{\b Interviewer:} How did it start?{\super\chftn{\footnote\pard\plain Asked twice.}}\par
\pard\plain{\b Amal:} In the kitchen.\par
}
"""


@pytest.mark.parametrize("name", ["P07.rtf", "P07.txt"])
def test_textedits_rich_text_reads_as_its_page(tmp_path: Path, name: str) -> None:
    """Found by a new user's TextEdit transcript: the .rtf was refused ("not a text
    interview") and, saved as .txt, opened as its markup ("{\\rtf1\\ansi…" and all). Its
    page's words are read now, its speakers' turns by their labels."""
    path = tmp_path / name
    path.write_bytes(TEXTEDIT)
    doc = load_document(path)
    assert doc.format == "rtf"
    assert doc.text == (
        "Interviewer: So “how” did the café start?\n\nAmal: It’s a long story… € ten a day.\n\n"
        "Interviewer: And then?\n\nAmal: We moved.\n"
    )
    assert [turn.speaker for turn in doc.turns] == ["Interviewer", "Amal"] * 2
    roles = [seg.role for seg in detect_segments(doc.text, doc.turns)]
    assert roles == [Role.QUESTION, Role.ANSWER] * 2


def test_words_not_on_the_page_are_not_read(tmp_path: Path) -> None:
    path = tmp_path / "P08.rtf"
    path.write_bytes(WORD)
    doc = load_document(path)
    assert doc.text == "Interviewer: How did it start?\n\nAmal: In the kitchen.\n"
