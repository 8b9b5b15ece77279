"""Turn headers (Otter's, Teams') are counted as one search over the whole text counts them."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from reader.core.transcripts import _SPEECH_BEFORE_TIME, otter

# The search it stands for: every line start, through the whole text; after one blank, the
# name must have no colon and at most six words.
WHOLE_TEXT = re.compile(r"^(\S[^\n]{0,60}?)([ \t]+)(?:\d{1,2}:)?\d{1,2}:\d{2}[ \t]*$", re.MULTILINE)
PIECES = ["a", "Jane Doe", " ", "  ", "\t", "\n", "\r", "\u00a0", "0", "1", ":", "12:34", " 0:03"]


def whole_text_count(text: str) -> int:
    """Headers found by a search of the whole text: one space before the time only with
    a name that heads another too."""
    found = [
        (name, gap)
        for name, gap in WHOLE_TEXT.findall(text)
        if not _SPEECH_BEFORE_TIME.search(name)  # a label and its speech, a sentence's end
        and (len(gap) > 1 or (":" not in name and len(name.split()) <= 6))
    ]
    names = Counter(name for name, _ in found)
    return sum(len(gap) > 1 or names[name] > 1 for name, gap in found)


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_lines_counted_as_the_whole_text_search_counts(text: str) -> None:
    assert otter.count_headers(text) == whole_text_count(text)


def test_headers_of_an_otter_export_and_of_prose() -> None:
    text = "Jane Doe  0:03\nHello there.\n\nSpeaker 2  1:02:03\nHi.\n"
    assert otter.count_headers(text) == 2
    assert otter.count_headers("Plain prose, single spaces only.\nAnd a second line.") == 0
    assert otter.count_headers("Two  spaces but no time.\n") == 0
    # Teams' text copied from the app: one space before the time, each name heading more
    # than one turn; a name heading one alone is a line of speech.
    teams = "Jane Doe 0:03\nHello.\n\nBui Thi Lan 1:02:14\nHi.\n"
    assert otter.count_headers(teams + teams) == 4
    assert otter.count_headers(teams) == 0
    # One space: prose (a colon, many words) ending in a time is not a header.
    assert otter.count_headers("Note: we met at 9:30\nThe bus left the depot early at 10:15") == 0


def test_speech_ending_in_a_time_is_not_a_header() -> None:
    """ "Around 9:30" is a line of speech: a name before one space and a time heads a
    turn only where it heads others too (Teams copied from its app)."""
    text = (
        "Jane Doe  0:03\nWhen did you start?\n\nJohn Smith  0:07\nAround 9:30\n\n"
        "Jane Doe  0:12\nAnd you finished?\n\nJohn Smith  0:15\nWe finished at 17:45\n"
    )
    parsed = otter.parse(text, "times.txt")
    assert parsed is not None
    assert [t.speaker for t in parsed.turns] == ["Jane Doe", "John Smith"] * 2
    assert "John Smith: Around 9:30\n" in parsed.text
    assert parsed.text.endswith("John Smith: We finished at 17:45\n")


def test_an_otter_export_is_titled_as_otter_titled_it(tmp_path) -> None:
    """Otter's header, the conversation's title over its date and length, names the
    interview (the window, exports, quotations), not the file's name."""
    from reader.core.document import load_document

    turns = "Hannah Wright  0:03\nHello.\n\nAde Okonkwo  0:11\nHi.\n"
    cases = {
        "Okonkwo interview - housing fund\nTue, Nov 24, 2026 2:14PM • 1:31:02\n\n": (
            "Okonkwo interview - housing fund"
        ),
        "\nGarden walk \nTue, 3/5 10:14AM • 31:14\n\n": "Garden walk",  # this year's
        "": "Ade 2026",  # no header: the file's name
        "Notes from the day\n\n": "Ade 2026",  # a first line, no date under it
    }
    for head, title in cases.items():
        path = tmp_path / "ade-2026.txt"
        path.write_text(head + turns, "utf-8")
        assert load_document(path).title == title, head


def test_an_otter_word_export_is_titled_so_too(tmp_path) -> None:
    import docx

    from reader.core.document import load_document

    word = docx.Document()
    for line in (
        "Okonkwo interview - housing fund",
        "Tue, Nov 24, 2026 2:14PM • 1:31:02",
        "Hannah Wright  0:03",
        "Hello.",
        "Ade Okonkwo  0:11",
        "Hi.",
    ):
        word.add_paragraph(line)
    path = tmp_path / "okonkwo.docx"
    word.save(str(path))
    assert load_document(path).title == "Okonkwo interview - housing fund"
