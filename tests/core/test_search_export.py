"""Search Everything's results exported (core/search_export.py): each placed as Coded
Passages places its passages (speaker, question, time), the passage whole, written as CSV,
Markdown with each quote cited, HTML and plain text; without Qt."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from reader.core import search_export
from reader.core.annotations import make_highlight
from reader.core.document import load_document
from reader.core.search import search_everything
from reader.core.search_export import Interview, found_passages, found_text
from reader.core.session import Session

VTT = (
    "WEBVTT\n\n00:00:03.000 --> 00:00:06.000\nRosa Diaz: How was the funding?\n\n"
    "00:12:05.000 --> 00:12:30.000\nهالة: The funding 🎉 came late, 资金 always late.\n"
)


def timed_session(tmp_path: Path) -> Session:
    path = tmp_path / "P01.vtt"
    path.write_text(VTT, encoding="utf-8")
    return Session.open(load_document(path), None)


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_a_match_in_a_timed_transcript_carries_its_place_time_and_whole_passage(
    tmp_path: Path,
) -> None:
    session = timed_session(tmp_path)
    results = search_everything(session, "资金", notes_text="A line on 资金.\n")
    interview = Interview("i1", "P01", "Hala", session, "A line on 资金.\n")
    found = found_passages([*results["document"], *results["research"]], interview)
    said, noted = rows(search_export.found_csv(found))
    text = session.document.text
    assert said == {
        "interview": "P01",
        "participant": "Hala",
        "found_in": "transcript",
        "place": "Q1",
        "speaker": "هالة",
        "time": "0:12:05",
        "start": str(text.index("资金")),
        "end": str(text.index("资金") + 2),
        "found": "资金",
        "passage": "The funding 🎉 came late, 资金 always late.",
    }
    assert (noted["found_in"], noted["place"], noted["time"]) == ("research notes", "Line 1", "")
    assert noted["passage"] == "A line on 资金." and noted["start"] == "10"
    markdown = search_export.found_markdown(found, "Search: 资金", 'Searched for "资金"').decode()
    assert "> The funding 🎉 came late, **资金** always late.\n\nهالة · Q1 · 12:05\n" in markdown
    assert "Research notes · Line 1" in markdown
    assert markdown.startswith("# Search: 资金\n\n2 results, exported from")
    assert "<strong>资金</strong>" in search_export.found_html(found, "Search: 资金", "").decode()
    copied = "“The funding 🎉 came late, 资金 always late.” (P01, هالة · Q1 · 12:05)"
    assert found_text(found[:1]) == copied


def test_a_match_in_a_highlight_is_placed_in_the_transcript(tmp_path: Path) -> None:
    session = timed_session(tmp_path)
    text = session.document.text
    start = text.index("came late")
    h = make_highlight(text, start, start + len("came late, 资金"))
    session.add_highlight(replace(h, note="Late *money*\nagain"))
    results = search_everything(session, "late")
    interview = Interview("", "P01", "", session, "")
    found = found_passages([*results["quotes"], *results["notes"]], interview)
    quote, note = rows(search_export.found_csv(found))
    assert (quote["found_in"], quote["start"], quote["passage"]) == (
        "highlight",
        str(start + len("came ")),
        "came late, 资金",
    )
    assert (note["found_in"], note["time"], note["start"]) == ("highlight note", "0:12:05", "0")
    markdown = search_export.found_markdown(found, "late", "").decode()
    # Each line of a note a paragraph; a "*" in it shown as written.
    assert "> **Late** \\*money\\*\n>\n> again\n\nHighlight note · هالة · Q1 · 12:05" in markdown
