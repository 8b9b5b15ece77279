"""Bold runs in a Word or Writer file (transcripts._bold_labels): a bold speaker name
opening a paragraph is its label; a bold run that holds a colon, or a bold section heading
on its own line, leaves the text as written."""

from __future__ import annotations

from pathlib import Path

from reader.core.document import load_document
from tests.core.test_transcripts import write_docx


def test_a_bold_run_past_the_label_adds_no_colon(tmp_path: Path) -> None:
    """ "Interviewer: How" in bold read as "Interviewer: How: did the garden start?"."""
    said = [
        ("Interviewer: How did the garden start?", len("Interviewer: How")),
        ("Maria: A few of us asked the council.", len("Maria: A")),
        ("Interviewer: Who looks after it now?", len("Interviewer: Who")),
        ("Maria: Everyone, in theory.", len("Maria: Everyone")),
    ]
    document = load_document(write_docx(tmp_path / "garden.docx", said))
    assert document.text.rstrip("\n").split("\n\n") == [text for text, _ in said]


def test_bold_section_headings_are_no_speakers(tmp_path: Path) -> None:
    paragraphs = [
        ("Interview with a retired miner, Barnsley, 2019.", 0),
        ("Early Life", len("Early Life")),
        ("I was born in 1948, the youngest of six.", 0),
        ("Going Down the Pit", len("Going Down the Pit")),
        ("I started at fifteen.", 0),
        ("The Strike", len("The Strike")),
        ("1984 changed everything.", 0),
    ]
    document = load_document(write_docx(tmp_path / "miner.docx", paragraphs))
    assert document.text.rstrip("\n").split("\n\n") == [text for text, _ in paragraphs]
    assert document.turns == ()


def test_bold_names_alone_on_their_lines_still_label_the_speech_below(tmp_path: Path) -> None:
    paragraphs = [
        ("INTERVIEWER", 11),
        ("How did the garden start?", 0),
        ("MARIA", 5),
        ("A few of us asked the council.", 0),
        ("INTERVIEWER", 11),
        ("Who looks after it now?", 0),
        ("GUEST", 5),
        ("Me, mostly.", 0),
        ("MARIA", 5),
        ("Everyone, in theory.", 0),
    ]
    document = load_document(write_docx(tmp_path / "garden.docx", paragraphs))
    assert [turn.speaker for turn in document.turns] == [
        "INTERVIEWER",
        "MARIA",
        "INTERVIEWER",
        "GUEST",
        "MARIA",
    ]
