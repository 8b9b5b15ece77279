"""Exports of a whole study: Markdown, HTML and Word by interview then question, CSV with
the interview and attribute columns, JSON of everything; missing and unreadable handled."""

from __future__ import annotations

import csv
import html
import io
import os
import re
from pathlib import Path

import orjson
import pytest

from reader.core.annotations import make_highlight
from reader.core.codebook import codes_for_tags
from reader.core.export import ExportCancelled, ExportOptions, export_html, export_markdown
from reader.core.export.csv_export import COLUMNS
from reader.core.export.html_export import demote_headings
from reader.core.export.study_export import (
    STUDY_FORMATS,
    StudyExportOptions,
    export_study,
)
from reader.core.store import save_notes
from reader.core.study import Study, open_study

TEXTS = {
    "P1.txt": "Q: How was the night shift?\nA: Long. The handover was <b>chaotic</b>.\n",
    "P2.txt": "Q: And the handover?\nA: Calm, the handover is a ritual. 🎬\n",
}


@pytest.fixture
def study(tmp_path: Path) -> Study:
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    study = open_study(tmp_path)
    study.data.title = "Night # shifts"
    study.define_attribute("Role", "choice", ["nurse", "doctor"])
    study.define_attribute("note", "number")  # a label equal to a one-interview column
    for entry, role, word in zip(
        study.interviews, ("nurse", "doctor"), ("chaotic", "ritual"), strict=True
    ):
        study.set_attribute(entry.id, "role", role)
        session = study.open_session(entry)
        text = session.document.text
        start = text.index(word)
        h = make_highlight(text, start, start + len(word), "green" if role == "nurse" else "pink")
        session.add_highlight(
            h.edited(note=f"about {word}", codes=codes_for_tags([role], session.notes.codebook))
        )
        session.notes.notes = f"# Notes on {entry.title}"
        save_notes(study.notes_path(entry), session.notes)
    study.update_interview(study.interviews[0].id, participant="Ana", date="2024-03-01")
    study.save()
    return study


def test_markdown_groups_by_interview_then_question(study: Study) -> None:
    md = export_study(study, "md")[0].decode()
    assert md.startswith("# Night \\# shifts\n\n2 interviews, 2 coded highlights")
    assert md.index("## P1") < md.index("### Q1. Q: How was") < md.index("## P2")
    assert "Participant: Ana · Date: 2024-03-01 · Role: nurse" in md
    assert "&lt;b&gt;" not in md and "\\<b\\>chaotic" not in md  # quote holds only "chaotic"
    # The notes' own "# Notes on P1" sits under "### Research notes", not beside the title.
    anchor = f'<a id="i-{study.interviews[0].id}-notes-on-p1"></a>'
    assert f"### Research notes\n\n#### {anchor} Notes on P1" in md


def test_links_from_the_notes_land_on_their_quotes(study: Study) -> None:
    """As in an interview's own export: a link back to an exported quote keeps its link
    and the quote its anchor; one to a quote not exported keeps only its label."""
    entry = study.interviews[0]
    session = study.open_session(entry)
    (h,) = session.notes.highlights
    gone = "00000000-0000-4000-8000-000000000000"  # a highlight no longer there
    session.notes.notes = f"> chaotic [↩ Q1](#h-{h.id})\n\nGone [↩ Q9](#h-{gone})"
    save_notes(study.notes_path(entry), session.notes)
    md = export_study(study, "md")[0].decode()
    assert f'<a id="h-{h.id}"></a>' in md and f"(#h-{h.id})" in md
    assert "Gone ↩ Q9" in md and gone not in md
    page = export_study(study, "html")[0].decode()
    assert f'<article class="highlight" id="h-{h.id}">' in page and f'href="#h-{h.id}"' in page
    assert "Gone ↩ Q9" in page and gone not in page


def test_the_study_memo_comes_after_the_interviews_its_quotes_linked(study: Study) -> None:
    """The memo was in no study export but the .qdpx: its themes across the interviews
    are what a supervisor reads first. Its quotes' links land on the passages exported;
    a time of a recording keeps its label; in JSON it is as memo.md holds it."""
    from reader.core.study_memo import memo_path, quote_target, write_memo

    entry = study.interviews[1]
    (h,) = study.open_session(entry).notes.highlights
    memo = (
        f"# Themes\n\n> ritual [↩ P2, Q1]({quote_target(entry.id, h.id)})\n\n"
        f"Heard at [▶ P2, 1:05](interview:{entry.id}#t=65)."
    )
    write_memo(memo_path(study.folder), memo)
    md = export_study(study, "md")[0].decode()
    assert md.index("## P2") < md.index('## Study memo\n\n### <a id="memo-themes"></a> Themes')
    assert f"[↩ P2, Q1](#h-{h.id})" in md and f'<a id="h-{h.id}"></a>' in md
    assert "Heard at ▶ P2, 1:05." in md
    page = export_study(study, "html")[0].decode()
    assert f'href="#h-{h.id}"' in page and "<h2>Study memo</h2>" in page
    assert orjson.loads(export_study(study, "json")[0])["memo"] == memo
    memo_path(study.folder).write_bytes(b"\xff\xfe\x00binary")
    md, left_out = export_study(study, "md")
    assert "Study memo" not in md.decode().split("\n\n", 1)[0] and left_out[0].startswith(
        "“Study memo”: "
    )


def test_html_is_one_escaped_page(study: Study) -> None:
    page = export_study(study, "html")[0].decode()
    assert page.count('<section class="interview"') == 2
    assert "<h3>Q1. <bdi>Q: How was the night shift?</bdi></h3>" in page
    assert "Role: <bdi>nurse</bdi>" in page and "<script" not in page
    assert "Night # shifts" in page
    first = study.interviews[0].id
    assert f'<h3>Research notes</h3>\n<h4 dir="auto" id="i-{first}-notes-on-p1">Notes on P1' in page


def test_printed_the_first_interview_starts_on_the_first_page_a_long_quote_may_break(
    study: Study,
) -> None:
    """Every interview's heading broke the page before it, the first's too: page 1 held the
    title alone. A quote longer than a page, kept whole, moved to the next page and left
    its question's heading alone at the foot of one."""
    from reader.core.export.html_export import LONG_QUOTE_CHARS

    entry = study.interviews[0]
    session = study.open_session(entry)
    long = "word " * LONG_QUOTE_CHARS  # not in the transcript: exported as an orphan
    session.add_highlight(make_highlight(long, 0, len(long), "yellow"))
    save_notes(study.notes_path(entry), session.notes)
    page = export_study(study, "html")[0].decode()
    css = page[page.index("@media print {\n  section") :]
    assert "section.interview ~ section.interview { break-before: page;" in css
    assert "h3 { break-after: avoid;" in css and "h2.interview { break-before" not in page
    assert page.count('<article class="highlight long"') == 1
    assert "article.long, article.long blockquote { break-inside: auto;" in page


def test_headings_of_the_notes_go_under_the_exports_own() -> None:
    notes = "# Themes\n\n```\n# code\n```\n\nTwo\nlines\n===\n\n> # quoted\n\n##### Deep ##\n"
    assert demote_headings(notes, 3) == (
        "#### Themes\n\n```\n# code\n```\n\n#### Two lines\n\n> # quoted\n\n###### Deep ##\n"
    )


NOTES = [
    "# Themes\n\nTwo\nlines\n===\n\n> # quoted\n\n##### Deep ##\n",
    "\n\n```\n# code\n```\n\n- # listed\n\n###### Deepest\n\n\n",
    "<script>alert(1)</script> ![picture](https://example.org/x.png) & *so*",
    "> chaotic [↩ Q1](#h-{id})\n\nGone [↩ Q9](#h-00000000-0000-4000-8000-000000000000)",
]


def _section(page: str, first: str, last: str) -> str:
    """The last research-notes section of an export page (the notes of its last interview)."""
    begin = page.rindex(first)
    return page[begin : page.find(last, begin) if last else len(page)]


@pytest.mark.parametrize("notes", NOTES)
def test_the_notes_read_as_in_the_interviews_own_export(study: Study, notes: str) -> None:
    """The study renders an interview's research notes as the interview's own export
    renders them with their headings a level down, under a heading a level down."""
    entry = study.interviews[-1]  # the last: its notes end the study's export
    session = study.open_session(entry)
    notes = notes.replace("{id}", session.notes.highlights[0].id)
    session.notes.notes = notes
    save_notes(study.notes_path(entry), session.notes)
    md_study = _section(export_study(study, "md")[0].decode(), "### Research notes", "")
    html = '<section class="research-notes">', "</section>"
    html_study = _section(export_study(study, "html")[0].decode(), *html)
    session.notes.notes = demote_headings(notes, 1)
    md_single = _section(export_markdown(session).decode(), "## Research notes", "")
    html_single = _section(export_html(session).decode(), *html)
    anchors = f"i-{entry.id}-"  # the anchors of its headings: see the test below
    assert re.sub(f'<a id="{anchors}[^"]*"></a> ', "", md_study) == "#" + md_single
    html_study = html_study.replace(f'id="{anchors}', 'id="')
    assert html_study == html_single.replace("<h2>Research notes</h2>", "<h3>Research notes</h3>")
    assert "<script" not in html_study and "<img" not in html_study


def test_a_link_to_a_heading_of_the_notes_lands_in_its_own_interviews_notes(
    study: Study,
) -> None:
    """Two interviews' notes with a "Results" each gave two id="results": P2's link to its
    own landed in P1's notes. Each interview's headings are anchored apart, "i-<id>-…",
    the memo's "memo-…"; a link to a quote or the web is left as it was."""
    from reader.core.study_memo import memo_path, write_memo

    for entry in study.interviews:
        session = study.open_session(entry)
        session.notes.notes = f"# Results\n\n{entry.title}: [see](#results), [w](https://x.org)"
        save_notes(study.notes_path(entry), session.notes)
    write_memo(memo_path(study.folder), "# Results\n\n[see](#results)")
    p1, p2 = (f"i-{entry.id}-results" for entry in study.interviews)
    md = export_study(study, "md")[0].decode()
    for anchor in (p1, p2, "memo-results"):
        assert md.count(f'<a id="{anchor}"></a> Results') == md.count(f"(#{anchor})") == 1
    assert "P2: [see](#" + p2 in md and "(#results)" not in md and "(https://x.org)" in md
    page = export_study(study, "html")[0].decode()
    for anchor in (p1, p2, "memo-results"):
        assert page.count(f'id="{anchor}"') == page.count(f'href="#{anchor}"') == 1
    assert f'P2: <a href="#{p2}">' in page and 'href="https://x.org"' in page
    # An interview's own export keeps the anchors the app's notes link by.
    session = study.open_session(study.interviews[0])
    assert '<h3 dir="auto" id="results">' in export_html(session).decode()
    assert "# Results\n\nP1: [see](#results)" in export_markdown(session).decode()


def test_a_link_shown_as_code_in_the_notes_is_left_as_typed(study: Study) -> None:
    """`[code link](#results)` in a code block or a code span came out as
    `(#i-<id>-results)`: the study's export rewrote the links in the code too."""
    entry = study.interviews[0]
    session = study.open_session(entry)
    session.notes.notes = (
        "# Results\n\nSee [it](#results), not `[span](#results)`.\n\n"
        "```\n[fenced](#results)\n```\n\n    [indented](#results)\n"
    )
    save_notes(study.notes_path(entry), session.notes)
    anchor = f"i-{entry.id}-results"
    md = export_study(study, "md")[0].decode()
    assert f"See [it](#{anchor}), not `[span](#results)`." in md
    assert "\n[fenced](#results)\n" in md and "    [indented](#results)\n" in md
    page = export_study(study, "html")[0].decode()
    assert f'See <a href="#{anchor}">it</a>, not <code>[span](#results)</code>.' in page
    assert "<code>[fenced](#results)\n</code>" in page
    assert "<code>[indented](#results)\n</code>" in page


def test_quote_and_time_links_shown_as_code_are_left_as_typed(study: Study) -> None:
    """A quote's or a time's link in code, in an interview's notes or the memo, came out
    as its label (the memo's as the interview's own "#h-…" link first)."""
    from reader.core.study_memo import memo_path, quote_target, write_memo

    entry = study.interviews[0]
    session = study.open_session(entry)
    session.notes.notes = "`[↩ Q1](#h-1)` and\n\n```\n[▶ 1:05](#t=65)\n```\n"
    save_notes(study.notes_path(entry), session.notes)
    memo = f"`[↩ P1, Q1]({quote_target(entry.id, '1')})`"
    write_memo(memo_path(study.folder), memo)
    for name in ("md", "html"):
        text = html.unescape(export_study(study, name)[0].decode())
        assert "`[↩ Q1](#h-1)`" in text or "<code>[↩ Q1](#h-1)</code>" in text
        assert "[▶ 1:05](#t=65)\n" in text and memo.strip("`") in text


def test_csv_has_interview_and_attribute_columns(study: Study) -> None:
    raw = export_study(study, "csv")[0]
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header = list(rows[0])
    assert header[:6] == [
        "interview",
        "interview_id",
        "participant",
        "date",
        "Role",
        "note (attribute)",
    ]
    assert header[6:] == list(COLUMNS)
    assert [(r["interview"], r["Role"], r["quote"]) for r in rows] == [
        ("P1", "nurse", "chaotic"),
        ("P2", "doctor", "ritual"),
    ]


def test_csv_gives_numeric_attributes_as_numbers(study: Study) -> None:
    """A negative score was written as the text "'-3" (the guard against formulas)."""
    for entry, value in zip(study.interviews, (-3, -0.5), strict=True):
        study.set_attribute(entry.id, "note", value)
    study.define_attribute("Site", "text")
    study.set_attribute(study.interviews[0].id, "site", "-ward")
    rows = export_study(study, "csv")[0].decode("utf-8-sig")
    values = [(r["note (attribute)"], r["Site"]) for r in csv.DictReader(io.StringIO(rows))]
    assert values == [("-3", "'-ward"), ("-0.5", "")]  # text is still guarded


def test_word_has_an_interview_a_page_each_then_the_memo(study: Study) -> None:
    """The Export dialog offered Word for one interview only. Across the study: the title,
    what it holds, then each interview on a page of its own in the study's order, its
    attributes and source under its name, its quotes by question and its notes; the study
    memo last."""
    from reader.core.study_memo import memo_path, write_memo
    from tests.core.test_export_formats import word_paragraphs

    write_memo(memo_path(study.folder), "# Themes\n\nThe handover, twice.")
    data, left_out = export_study(study, "docx")
    assert left_out == []
    paragraphs = word_paragraphs(data)
    shown = [(p.style.name, p.text) for p in paragraphs]
    assert shown[0] == ("Title", "Night # shifts")
    assert shown[1][1].startswith(
        "2 interviews, 2 coded highlights, exported from Interview Reader"
    )
    headings = [(style, text) for style, text in shown if style.startswith("Heading")]
    assert headings == [
        ("Heading 1", "P1"),
        ("Heading 2", "Q1. Q: How was the night shift?"),
        ("Heading 2", "Research notes"),
        ("Heading 3", "Notes on P1"),
        ("Heading 1", "P2"),
        ("Heading 2", "Q1. Q: And the handover?"),
        ("Heading 2", "Research notes"),
        ("Heading 3", "Notes on P2"),
        ("Heading 1", "Study memo"),
        ("Heading 2", "Themes"),
    ]
    paged = [p.text for p in paragraphs if p.paragraph_format.page_break_before]
    assert paged == ["P2", "Study memo"]  # P1 follows the title on the first page
    lines = [text for _, text in shown]
    at = lines.index("P1")
    assert lines[at + 1 : at + 4] == [
        "Participant: Ana · Date: 2024-03-01 · Role: nurse",
        "Source: P1.txt",
        "1 coded highlight",
    ]
    assert ("Quote", "chaotic") in shown and ("Quote", "ritual") in shown
    assert "The handover, twice." in lines


def test_each_interview_reads_in_word_as_in_its_own_word_export(study: Study) -> None:
    """The same exporter writes both: from an interview's first question to its notes'
    end, its paragraphs are those of its own Word export."""
    from reader.core.export import FORMATS
    from tests.core.test_export_formats import word_paragraphs

    def shown(data: bytes) -> list[tuple[str, str]]:
        return [(p.style.name, p.text) for p in word_paragraphs(data)]

    whole = shown(export_study(study, "docx")[0])
    for n, entry in enumerate(study.interviews):
        own = shown(FORMATS["docx"](study.open_session(entry), ExportOptions()))
        body = own[own.index(("Heading 2", next(t for s, t in own if s == "Heading 2"))) :]
        start = whole.index(("Heading 1", entry.title)) + 4  # its name and three lines
        assert whole[start : start + len(body)] == body, n


def test_json_holds_the_study_and_every_model(study: Study) -> None:
    data = orjson.loads(export_study(study, "json")[0])
    assert data["title"] == "Night # shifts" and data["attributes"][0]["key"] == "role"
    assert [i["title"] for i in data["interviews"]] == ["P1", "P2"]
    model = data["interviews"][1]["model"]
    assert model["highlights"][0]["exact"] == "ritual" and model["segments"]


def test_filters_by_attribute_and_highlight(study: Study) -> None:
    only_doctors = StudyExportOptions(filters={"role": frozenset({"doctor"})})
    md = export_study(study, "md", only_doctors)[0].decode()
    assert "## P2" in md and "## P1" not in md and "(Role doctor)" in md
    green = StudyExportOptions(highlights=ExportOptions(colors=frozenset({"green"})))
    rows = export_study(study, "csv", green)[0].decode("utf-8-sig").splitlines()
    assert len(rows) == 2 and "chaotic" in rows[1]


def test_filtered_by_a_code_interviews_without_a_match_are_left_out_and_counted(
    study: Study,
) -> None:
    """`export FOLDER --format md --tag doctor`: P1 has no passage of the code, so it is not
    listed with "0 highlights"; the top says how many interviews had none, and which."""
    book = study.open_session(study.interviews[1]).notes.codebook
    doctor = ExportOptions(codes=book.ids_named(["doctor"]))
    for name in ("md", "html"):
        out = export_study(study, name, StudyExportOptions(highlights=doctor))[0].decode()
        assert "P2" in out and "ritual" in out, name
        assert "0 highlights" not in out and "chaotic" not in out and "Notes on P1" not in out
        assert "1 interview with nothing that matches: “P1”." in out, name
        assert "2 interviews" not in out and "1 interview, 1 coded highlight" in out, name
    rows = export_study(study, "csv", StudyExportOptions(highlights=doctor))[0].decode("utf-8-sig")
    assert len(rows.splitlines()) == 2 and "P1" not in rows  # a row per passage: none of P1
    # Without a filter an interview with no highlight is still listed: it is in the study.
    everything = export_study(study, "md")[0].decode()
    assert "## P1" in everything and "nothing that matches" not in everything


def test_missing_transcript_exported_from_notes_unreadable_named(study: Study) -> None:
    os.remove(study.transcript_path(study.interviews[0]))
    study.notes_path(study.interviews[1]).write_bytes(b"\x00garbage")
    md, left_out = export_study(study, "md")
    assert "“P2” left out: its notes cannot be read" in md.decode()
    source = "Source: P1.txt (transcript missing; exported from its notes)"
    assert source in md.decode() and "Not found in the current text" in md.decode()
    assert str(study.folder) not in md.decode()  # a shared file names no folder of the user
    page = export_study(study, "html")[0].decode()
    assert "Source: <bdi>P1.txt</bdi> (transcript missing; exported from its notes)" in page
    assert "chaotic" in md.decode()
    # Every format says the same, the CSV too, whose file cannot name it.
    assert len(left_out) == 1 and left_out[0].startswith("“P2”: its notes cannot be read")
    for name in STUDY_FORMATS:
        assert export_study(study, name)[1] == left_out
    (in_json,) = orjson.loads(export_study(study, "json")[0])["left_out"]
    assert in_json.startswith("“P2” left out: its notes cannot be read")


def test_an_emptied_transcript_is_said_to_be_empty_not_unreadable(study: Study) -> None:
    """A transcript emptied since its passages were marked (to be typed again) was said
    to be one that "cannot be read", which sent the co-author looking for a damaged file."""
    study.transcript_path(study.interviews[0]).write_bytes(b"")
    for name in ("md", "html"):
        out = export_study(study, name)[0].decode()
        assert "P1.txt</bdi> (transcript empty" in out or "P1.txt (transcript empty" in out
        assert "cannot be read" not in out, name


def test_progress_counts_interviews_and_can_cancel(study: Study) -> None:
    seen: list[tuple[int, int]] = []
    options = StudyExportOptions(ExportOptions(progress=lambda d, t: seen.append((d, t)) or None))
    export_study(study, "csv", options)
    assert seen == [(1, 2), (2, 2)]
    stop = StudyExportOptions(ExportOptions(progress=lambda d, t: False))
    for name in STUDY_FORMATS:
        with pytest.raises(ExportCancelled):
            export_study(study, name, stop)


def test_empty_study_exports(tmp_path: Path) -> None:
    study = open_study(tmp_path)
    for name in STUDY_FORMATS:
        data, left_out = export_study(study, name)
        assert data and left_out == []


def test_an_arabic_interview_reads_right_to_left_in_the_study_page(tmp_path: Path) -> None:
    """Its title, participant's name, quote and note each in their own direction among
    the English of the page (astray_rtl: none left in its left-to-right flow); the
    Markdown carries its words as they are."""
    from tests.core.test_export_formats import ARABIC, astray_rtl

    (tmp_path / "مقابلة.txt").write_text(ARABIC, encoding="utf-8")
    study = open_study(tmp_path)
    (entry,) = study.interviews
    session = study.open_session(entry)
    text = session.document.text
    start = text.index("القهوة هي البيت.")
    quote = make_highlight(text, start, start + len("القهوة هي البيت."), "green")
    session.add_highlight(quote.edited(note="Home, قال يوسف."))
    save_notes(study.notes_path(entry), session.notes)
    study.update_interview(entry.id, participant="يوسف العلي", date="2024-03-01")
    study.save()
    page = export_study(study, "html")[0].decode()
    assert astray_rtl(page) == []
    assert "Participant: <bdi>يوسف العلي</bdi> · Date: <bdi>2024-03-01</bdi>" in page
    assert "Source: <bdi>مقابلة.txt</bdi>" in page
    assert '<h2 class="interview" dir="auto">مقابلة</h2>' in page
    assert '<p class="note" dir="auto">Home, قال يوسف.</p>' in page
    md = export_study(study, "md")[0].decode()
    assert "Participant: يوسف العلي · Date: 2024-03-01" in md and "> القهوة هي البيت.\n" in md
