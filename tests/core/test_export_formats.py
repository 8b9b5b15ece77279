"""The export formats: golden files, special characters, orphans, filters and progress.

The golden files in tests/data/golden/ are the exports of the sample session (see
test_export_samples.py). After an intended change of a format, rewrite them with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/core/test_export_formats.py

and review the diff.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import unicodedata
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.core.annotations import DEFAULT_COLORS, NO_COLOR, UNKNOWN_COLOR_HEX, make_highlight
from reader.core.codebook import Code, tag_code_id
from reader.core.document import Document, load_document
from reader.core.export import (
    FORMAT_INFO,
    FORMATS,
    PROGRESS_EVERY,
    ExportCancelled,
    ExportOptions,
    export,
)
from reader.core.export.common import linked_notes
from reader.core.export.csv_export import COLUMNS
from reader.core.export.markdown_export import export_markdown
from reader.core.export.w3c_export import target_source
from reader.core.markdown_escape import escape
from reader.core.session import Session
from reader.core.text_merge import conflict_markers
from tests.core.test_export_samples import (
    GOLDEN,
    ORPHAN_QUOTE,
    RESEARCH_NOTES,
    SOURCE,
    SPECIAL_NOTE,
    empty_session,
    many_highlights_session,
    sample_id,
    sample_session,
    unversioned,
)

GOLDEN_NAMES = {
    "json": "her-smell.json",
    "md": "her-smell.md",
    "html": "her-smell.html",
    "csv": "her-smell.csv",
    "w3c": "her-smell.jsonld",
}
ALL = ExportOptions()


def run(name: str, session: Session, options: ExportOptions = ALL) -> bytes:
    return FORMATS[name](session, options)


def as_text(name: str, data: bytes) -> str:
    """An export's text: a Word document's paragraphs, a line each."""
    if name == "docx":
        return "\n".join(p.text for p in word_paragraphs(data))
    return data.decode("utf-8-sig")


def qn(tag: str) -> str:
    from docx.oxml.ns import qn as qualified

    return qualified(tag)


def word_paragraphs(data: bytes) -> list[Any]:
    import docx

    return list(docx.Document(io.BytesIO(data)).paragraphs)


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    rows = list(reader)
    assert tuple(rows[0]) == COLUMNS
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]


def summary_part(markdown: str) -> str:
    """The Markdown summary without the research notes, which are Markdown on purpose."""
    return markdown.split("\n## Research notes\n")[0]


# --- golden files -----------------------------------------------------------------------


def test_registry_lists_every_format() -> None:
    assert list(FORMATS) == ["json", "md", "html", "csv", "docx", "w3c"]
    assert set(FORMAT_INFO) == set(FORMATS)
    assert FORMAT_INFO["w3c"].extension == "jsonld"


@pytest.mark.parametrize("name", list(GOLDEN_NAMES))
def test_export_matches_golden_file(name: str) -> None:
    """Each format's export of the sample session is byte-identical to its golden file."""
    output = unversioned(run(name, sample_session()))
    path = GOLDEN / GOLDEN_NAMES[name]
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(output)
    assert path.exists(), f"no golden file {path}; run with UPDATE_GOLDEN=1"
    assert output == path.read_bytes(), f"{name} export changed; UPDATE_GOLDEN=1 if intended"


@pytest.mark.parametrize("name", list(FORMATS))
def test_export_is_deterministic(name: str) -> None:
    assert run(name, sample_session()) == run(name, sample_session())


@pytest.mark.parametrize("name", list(FORMATS))
def test_export_without_highlights(name: str) -> None:
    """An empty session exports a valid, nearly empty file in every format."""
    session = empty_session()
    output = run(name, session)
    if name == "json":
        assert orjson.loads(output)["highlights"] == []
    elif name == "csv":
        assert csv_rows(output) == []
        assert output.count(b"\r\n") == 1
    elif name == "w3c":
        data = orjson.loads(output)
        assert data["total"] == 0
        assert data["first"]["items"] == []
    elif name == "docx":
        assert [p.text for p in word_paragraphs(output)][2:] == [
            "0 highlights, exported from Interview Reader."
        ]
    elif name == "md":
        text = output.decode()
        assert text.startswith("# Her Smell Interview\n\nSource: ")
        assert "## " not in text  # no section without highlights, no empty research notes
    else:
        check_html(output.decode())
        assert "<section" not in output.decode()


# --- json ---------------------------------------------------------------------------------


def test_json_highlights_know_their_segment_and_question() -> None:
    session = sample_session()
    data = orjson.loads(run("json", session))
    by_id = {h["id"]: h for h in data["highlights"]}
    assert [by_id[sample_id(n)]["question"] for n in range(1, 9)] == [
        None,  # introduction
        None,  # aside
        1,
        1,
        4,
        8,
        13,
        None,  # orphan
    ]
    assert by_id[sample_id(8)]["segment"] is None
    for h in data["highlights"]:
        if h["segment"] is not None:
            seg = data["segments"][h["segment"]]
            assert seg["start"] <= h["start"] < seg["end"]
    assert data["segments"][by_id[sample_id(2)]["segment"]]["role"] == "aside"
    assert data["segments"][by_id[sample_id(3)]["segment"]]["role"] == "question"


def test_json_keeps_the_notes_file_keys() -> None:
    """Apart from the two new keys each highlight is the notes file's highlight."""
    session = sample_session()
    data = orjson.loads(run("json", session))
    stored = [h.to_json() for h in session.notes.highlights]
    trimmed = [
        {k: v for k, v in h.items() if k not in ("segment", "question")} for h in data["highlights"]
    ]
    assert trimmed == stored
    assert data["notes"] == RESEARCH_NOTES


# --- markdown -----------------------------------------------------------------------------


def test_markdown_sections_in_reading_order() -> None:
    text = run("md", sample_session()).decode()
    headings = re.findall(r"^## (.*)$", text, re.MULTILINE)
    assert [h.split(".")[0] for h in headings] == [
        "Introduction",
        "Q1",
        "Q4",
        "Q8",
        "Q13",
        "Asides",
        "Not found in the current text",
        "Research notes",
    ]
    assert text.startswith("# Her Smell Interview\n\nSource: her-smell-interview.txt")
    # The research notes are copied verbatim, Markdown and HTML included; only a link back
    # to a highlight that is not exported loses its target (it would lead nowhere).
    assert text.endswith(
        RESEARCH_NOTES.replace("](#h-00000000-0000-4000-8000-999999999999)", "").replace(
            "[↩ Q9", "↩ Q9"
        )
    )


def test_markdown_quotes_are_block_quotes() -> None:
    text = run("md", sample_session()).decode()
    assert "\n> is not interested in making movies the way Hollywood wants him to\n" in text
    # A quote over two paragraphs: each line quoted, the paragraphs kept apart.
    assert "\n> that my dad found and sent.\n>\n> You’ve worked with Elizabeth\n" in text
    assert f"\n**Follow up** · #lost — Lost in revision\n\n> {ORPHAN_QUOTE}\n" in text


def test_markdown_specials_do_not_become_structure() -> None:
    """Rendered, the summary part has no heading, list, code, link or HTML from the note."""
    summary = summary_part(run("md", sample_session()).decode())
    rendered = MarkdownIt("commonmark", {"html": True}).render(summary)
    # The export's own anchors, where the research notes' links back land, are not the note's.
    rendered = re.sub(r'<a id="h-[0-9a-f-]{36}"></a>', "", rendered)
    for tag in ("<ul", "<ol", "<code", "<a ", "<em", "<script", "<hr", "<h3"):
        assert tag not in rendered
    assert rendered.count("<h1>") == 1
    assert rendered.count("<h2>") == 7
    assert rendered.count("<blockquote>") == 8
    plain = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for line in SPECIAL_NOTE.splitlines():
        assert line in plain
    assert "#a_b #c_d #quoted #hash" in plain  # tags a note app reads whole


@given(st.text(alphabet="ab #>-+=*_`[]()<>|~!&;\\.1)\"'", min_size=1, max_size=30))
def test_markdown_escape_shows_the_text_itself(line: str) -> None:
    """Any line, escaped, renders as one paragraph showing exactly that line."""
    shown = line.strip(" ")
    if not shown:
        return
    rendered = MarkdownIt("commonmark", {"html": True}).render(escape(line))
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n"), rendered
    assert html.unescape(rendered[3:-5]) == shown


# --- html ---------------------------------------------------------------------------------


_VOID = {"meta", "br", "hr", "img", "input", "link"}


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(page: str) -> _Checker:
    """A well-nested page that loads and runs nothing."""
    assert page.startswith("<!DOCTYPE html>\n")
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    names = [tag for tag, _ in checker.tags]
    for banned in ("script", "img", "link", "iframe", "object", "embed"):
        assert banned not in names
    for _, attrs in checker.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert "src" not in attrs
    assert "@media print" in page
    return checker


def test_html_is_self_contained_and_escaped() -> None:
    page = run("html", sample_session()).decode()
    checker = check_html(page)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the note
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page  # the research notes
    assert 'http-equiv="Content-Security-Policy" content="default-src \'none\'' in page
    text = "".join(checker.text)
    assert SPECIAL_NOTE in text  # shown as written, line breaks kept by pre-wrap


def test_html_marks_highlights_in_their_colours() -> None:
    checker = check_html(run("html", sample_session()).decode())
    marks = [attrs for tag, attrs in checker.tags if tag == "mark"]
    assert len(marks) == 8
    hexes = {hexcode for _, hexcode in DEFAULT_COLORS.values()}
    for attrs in marks:
        style = attrs["style"] or ""
        assert style.startswith("background-color: #")
        assert style.removeprefix("background-color: ") in hexes
    green = DEFAULT_COLORS["green"][1]
    assert f'<mark style="background-color: {green}" title="Method">Everything' in (
        run("html", sample_session()).decode()
    )


def test_html_marks_a_colour_it_does_not_know_grey() -> None:
    """A colour id of a newer build, or written by hand: grey, as on screen (color_hex)."""
    session = empty_session()
    text = session.document.text
    session.add_highlight(make_highlight(text, 0, 5, "teal"))
    page = run("html", session).decode()
    assert f'<mark style="background-color: {UNKNOWN_COLOR_HEX}" title="teal">' in page


def test_html_colour_labels_are_copied_as_typed() -> None:
    """The labels look like capitals by small caps: text-transform: uppercase made some
    browsers copy "KEY QUOTE" for "Key quote", and "IPHONE" for a label "iPhone use"."""
    session = sample_session()
    session.notes.colors["yellow"] = "iPhone use"
    page = run("html", session).decode()
    assert "text-transform" not in page and "all-small-caps" in page
    labels = re.findall(r'<span class="label" dir="auto">([^<]*)</span>', page)
    assert "iPhone use" in labels and "Method" in labels
    assert all(label != label.upper() for label in labels)


def test_html_renders_research_notes_from_markdown() -> None:
    page = run("html", sample_session()).decode()
    notes = page.split('<section class="research-notes">')[1]
    assert (
        '<h3 dir="auto" id="method">Method</h3>' in notes
    )  # under "Research notes", not beside the title
    assert '<li dir="auto">Everything scripted, rehearsed a day per act</li>' in notes
    assert "<img" not in notes  # images would fetch from the network


GFM_NOTES = (
    "## Results\n\n```\n# code comment\n- code item\n```\n\n"
    "| Theme | Count |\n|---|---|\n| Sleep | ~~2~~ 3 |\n\n"
    "- [ ] ask Ana\n- [x] transcribe\n- plain\n\n> *quoted*\n\n2. second\n\n<b>raw</b>"
)


def test_html_renders_tables_strikethrough_and_task_lists_as_the_preview_does() -> None:
    """The notes' preview shows GitHub's Markdown: a table, ~~struck~~ words and a task
    list were left as pipes, tildes and brackets in the HTML (its raw HTML stays text)."""
    session = sample_session()
    session.notes.notes = GFM_NOTES
    notes = run("html", session).decode().split('<section class="research-notes">')[1]
    assert '<th dir="auto">Theme</th>' in notes and '<td dir="auto"><s>2</s> 3</td>' in notes
    assert '<li dir="auto">☐ ask Ana</li>' in notes and '<li dir="auto">☑ transcribe</li>' in notes
    assert "<pre><code># code comment\n- code item\n</code></pre>" in notes
    assert "&lt;b&gt;raw&lt;/b&gt;" in notes


def test_lines_a_merge_kept_twice_export_apart_between_their_markers() -> None:
    """The markers ran into the lines around them in the HTML and Word exports, and the
    last one, ">>>>>>> end of the two versions", was a quote seven deep."""
    session = sample_session()
    start, middle, end = conflict_markers("another program")
    session.notes.notes = f"Line one\n{start}mine\n{middle}theirs\n{end}"
    shown = ["Line one", *(m.strip() for m in (start, "mine", middle, "theirs", end))]
    notes = run("html", session).decode().split('<section class="research-notes">')[1]
    paragraphs = re.findall(r'<p dir="auto">(.*?)</p>', notes)
    assert paragraphs == [html.escape(line, quote=False) for line in shown]
    assert "<blockquote" not in notes
    texts = [p.text for p in word_paragraphs(run("docx", session))]
    assert texts[texts.index("Research notes") + 1 :] == shown


def test_word_reads_the_notes_markdown_as_the_html_does() -> None:
    """A code block's "# code comment" became a heading and its "- code item" a bullet
    (the Word export read the notes line by line); a table was lost in pipes."""
    session = sample_session()
    session.notes.notes = GFM_NOTES
    import docx

    word = docx.Document(io.BytesIO(run("docx", session)))
    paragraphs = word.paragraphs
    notes = [(p.style.name, p.text) for p in paragraphs][
        [p.text for p in paragraphs].index("Research notes") + 1 :
    ]
    assert notes == [
        ("Heading 4", "Results"),
        ("Normal", "# code comment\n- code item"),
        ("List Bullet", "☐ ask Ana"),
        ("List Bullet", "☑ transcribe"),
        ("List Bullet", "plain"),
        ("Quote", "*quoted*"),
        ("Normal", "2. second"),
        ("Normal", "<b>raw</b>"),
    ]
    code = next(p for p in paragraphs if p.text.startswith("# code"))
    assert {run.font.name for run in code.runs} == {"Courier New"}
    (table,) = word.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Theme", "Count"],
        ["Sleep", "~~2~~ 3"],
    ]
    body = list(word.element.body)  # the table between the code and the task list
    assert body.index(code._p) < body.index(table._tbl) < body.index(paragraphs[-6]._p)


def test_markdown_notes_heading_named_as_a_summary_heading_keeps_its_own_links() -> None:
    """The notes' "# Introduction" and the summary's "## Introduction" had one automatic
    id: the notes' link to their own heading landed on the summary's."""
    session = sample_session()
    session.notes.notes = "# Introduction\n\nSee [my introduction](#introduction).\n\n# Method"
    text = export_markdown(session).decode()
    assert '### <a id="notes-introduction"></a> Introduction' in text
    assert "[my introduction](#notes-introduction)" in text
    session.notes.notes = "# Method\n\nSee [the method](#method)."
    assert "[the method](#method)" in export_markdown(session).decode()  # no clash: as typed


def test_word_tells_a_code_with_a_comma_in_its_name_apart_and_breaks_a_note_once() -> None:
    """ "=cmd, rates, targets" read as three codes; a note's "\\r\\n" made two breaks."""
    session = empty_session()
    text = session.document.text
    book = session.notes.codebook
    codes = (book.create("=cmd").id, book.create("rates, targets").id)
    h = replace(make_highlight(text, 0, 6, "yellow"), codes=codes, note="one\r\ntwo\rthree")
    session.add_highlight(h)
    shown = [p.text for p in word_paragraphs(run("docx", session))]
    assert any("=cmd, “rates, targets”" in line for line in shown)
    assert not any("\r" in line or "\n" in line for line in shown)
    assert "two" in shown and "three" in shown


def test_word_keeps_the_address_of_a_link_by_reference() -> None:
    """`see [the report][r]` with `[r]: https://…` below lost the address: markdown-it
    takes the definition out, and only `[words](address)` links were read."""
    session = sample_session()
    session.notes.notes = (
        "Sources: [the report][r], [1] and [the site](https://example.org/%C3%A9t%C3%A9 "
        '"Home") but not `[code](https://example.org/c)`.\n\n'
        "[r]: https://example.org/report.pdf\n[1]: https://doi.org/10.1/x\n"
        "[spare]: https://example.org/kept\n\nThe end."
    )
    shown = [p.text for p in word_paragraphs(run("docx", session))]
    notes = shown[shown.index("Research notes") + 1 :]
    assert notes == [
        "Sources: the report (https://example.org/report.pdf), 1 (https://doi.org/10.1/x)"
        ' and the site (https://example.org/été "Home") but not'
        " `[code](https://example.org/c)`.",
        "[spare]: https://example.org/kept",  # named by no link: kept as typed
        "The end.",
    ]


def test_html_same_sections_as_markdown() -> None:
    session = sample_session()
    md_headings = re.findall(r"^## (.*)$", run("md", session).decode(), re.MULTILINE)
    html_headings = re.findall(r"<h2>(.*?)</h2>", run("html", session).decode())
    shown = [html.unescape(re.sub(r"</?bdi>", "", h)) for h in html_headings]
    assert shown == [h.replace("\\", "") for h in md_headings]


class _Directions(HTMLParser):
    """The texts holding right-to-left letters that no element around them lays out in
    their own direction (dir="auto", or a <bdi>): `astray`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # for each open element: whether it isolates
        self.astray: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append(tag == "bdi" or dict(attrs).get("dir") == "auto")

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        rtl = any(unicodedata.bidirectional(c) in ("R", "AL") for c in data)
        if rtl and not any(self.stack):
            self.astray.append(data)


def astray_rtl(page: str) -> list[str]:
    """The right-to-left texts of `page` left in the page's left-to-right flow."""
    directions = _Directions()
    directions.feed(page)
    directions.close()
    return directions.astray


# An Arabic interview with English in it, as a bilingual study has them.
ARABIC = (
    "Q: ما رأيك في المقهى؟\n"
    "يوسف العلي: القهوة هي البيت. We meet there every morning.\n"
    "Q: And the city?\n"
    "A: The city is loud, يقول الجميع ذلك.\n"
)


def test_right_to_left_words_read_in_their_own_direction(tmp_path) -> None:
    """An Arabic quote, note, code, colour label, question and title each take the
    direction of their words (dir="auto" or <bdi>), an English one beside them too: the
    Arabic sits on the right, its full stop on its left. Markdown carries no direction:
    its words go as they are, for whatever shows them to lay out."""
    from reader.core.codebook import codes_for_tags
    from reader.core.document import load_document

    path = tmp_path / "مقابلة يوسف.txt"
    path.write_text(ARABIC, encoding="utf-8")
    session = Session.open(load_document(path), None)
    text = session.document.text
    cafe = codes_for_tags(["مقهى", "city"], session.notes.codebook)
    session.notes.colors["yellow"] = "اقتباس"
    for quote, note in (("القهوة هي البيت.", "يوسف: home, not work."), ("The city is loud", "")):
        start = text.index(quote)
        h = make_highlight(text, start, start + len(quote), "yellow")
        session.add_highlight(replace(h, note=note, codes=cafe))
    session.notes.notes = "# ملاحظات\n\nالمقهى مكان اللقاء.\n\n- Coffee first\n- ثم العمل\n"
    page = run("html", session).decode()
    check_html(page)
    assert astray_rtl(page) == []
    assert '<blockquote dir="auto"><mark' in page and "القهوة هي البيت.</mark>" in page
    assert page.count('<blockquote dir="auto">') == 2  # the English one too
    assert '<p class="note" dir="auto">يوسف: home, not work.</p>' in page
    assert '<span class="tag" dir="auto">#مقهى</span>' in page
    # The question's words after its English label, as the reader lays them out.
    assert '<h2>Q1. <bdi dir="rtl">Q: ما رأيك في المقهى؟</bdi></h2>' in page
    assert "<h2>Q2. <bdi>Q: And the city?</bdi></h2>" in page
    assert "border-inline-start" in page and "border-left" not in page  # on the right
    markdown = run("md", session).decode()
    assert "> القهوة هي البيت.\n" in markdown and "dir=" not in markdown
    # Word: a paragraph whose first letter is Arabic reads right to left, style kept.
    paragraphs = {p.text: p for p in word_paragraphs(run("docx", session))}
    for text, style, rtl in (
        ("القهوة هي البيت.", "Quote", True),
        ("The city is loud", "Quote", False),
        ("مقابلة يوسف", "Title", True),
        ("المقهى مكان اللقاء.", "Normal", True),
        ("Coffee first", "List Bullet", False),
        ("ثم العمل", "List Bullet", True),
    ):
        properties = paragraphs[text]._p.pPr
        bidi = properties is not None and properties.find(qn("w:bidi")) is not None
        assert (paragraphs[text].style.name, bidi) == (style, rtl), text
        if bidi:  # after the style, as the schema orders a paragraph's properties
            assert [c.tag for c in properties][-1] == qn("w:bidi")


# --- csv ----------------------------------------------------------------------------------


def test_csv_round_trips_through_csv_reader() -> None:
    session = sample_session()
    data = run("csv", session)
    rows = csv_rows(data)
    assert [r["id"] for r in rows] == [h.id for h in session.notes.highlights]
    for row, h in zip(rows, session.notes.highlights, strict=True):
        assert row["quote"] == h.exact
        assert row["note"] == h.note
        names = session.code_names(h)
        assert row["codes"].split(";") == list(names) or (row["codes"] == "" and not names)
        assert (int(row["start"]), int(row["end"])) == (h.start, h.end)
        assert row["color"] == h.color
        assert row["created"] == h.created
        assert row["modified"] == h.modified
        assert row["orphan"] == ("true" if h.orphan else "false")
    special = next(r for r in rows if r["id"] == sample_id(4))
    assert special["note"] == SPECIAL_NOTE
    assert special["codes"] == 'method;a|b;c,d;"quoted";#hash'
    assert special["question_number"] == "1"
    assert special["question_text"].endswith("Was it all scripted and blocked out beforehand?")
    assert special["speaker"] == "Interviewee"
    assert special["color_label"] == "Method"
    question = next(r for r in rows if r["id"] == sample_id(3))
    assert question["speaker"] == "Interviewer"
    relabelled = next(r for r in rows if r["id"] == sample_id(6))
    assert relabelled["color_label"] == "Theme & sound"
    orphan = next(r for r in rows if r["id"] == sample_id(8))
    assert orphan["question_number"] == orphan["question_text"] == orphan["speaker"] == ""
    two_paragraphs = next(r for r in rows if r["id"] == sample_id(5))
    assert "\n" in two_paragraphs["quote"]


def test_a_back_channel_before_a_question_heads_none_of_its_sections() -> None:
    """Zoom's "Dr. Leila Haddad: Mm-hm." and her next question join in one turn: the
    question's heading and its text in the CSV start with the question, as its outline
    row does; the quote under it is the transcript's, as it was."""
    document = load_document(Path(__file__).parents[1] / "data" / "student" / "P01-zoom.vtt")
    session = Session.open(document, None)
    quote = "It is you against the number."
    session.add_highlight(
        make_highlight(document.text, start := document.text.index(quote), start + len(quote))
    )
    headings = re.findall(r"^## (.*)$", run("md", session).decode(), re.MULTILINE)
    assert headings == [
        "Q2. Dr. Leila Haddad: How did the scanner, the counting, change how you thought "
        "about the work?"
    ]
    (row,) = csv_rows(run("csv", session))
    assert row["question_text"] == (
        "Dr. Leila Haddad: How did the scanner, the counting, change how you thought about "
        "the work?"
    )
    assert row["quote"] == quote


def test_a_question_heading_names_its_speaker_as_renamed() -> None:
    """SPEAKER_00 renamed "Dr. Ruiz": every export's question heads with "Dr. Ruiz: ",
    as the margin names her, not the transcript's label; an unlabelled Q&A's guessed
    "Interviewer" is left out until the reader names who asks."""
    from tests.conftest import DATA

    session = Session.open(load_document(DATA / "transcripts" / "whisperx.json"), None)
    session.rename_speaker("SPEAKER_00", "Dr. Ruiz")
    text = session.document.text
    start = text.index("In Thessaloniki")
    session.add_highlight(make_highlight(text, start, start + len("In Thessaloniki")))
    heading = "Q1. Dr. Ruiz: Welcome back to the oral history project. Where were you born"
    assert f"## {escape(heading)}" in run("md", session).decode()
    assert f"<h2>Q1. <bdi>{heading[4:]}" in run("html", session).decode()
    assert as_text("docx", run("docx", session)).count(heading) == 1
    (row,) = csv_rows(run("csv", session))
    assert row["question_text"].startswith(heading[4:])
    assert "SPEAKER" not in run("md", session).decode()
    journalistic = sample_session()
    assert "## Q1. The movie is wild" in run("md", journalistic).decode()
    journalistic.rename_speaker("Interviewer", "Jordan Ruimy")
    assert "## Q1. Jordan Ruimy: The movie is wild" in run("md", journalistic).decode()


def test_csv_gives_when_each_quote_is_said_in_a_timed_transcript() -> None:
    """The time a quote's turn starts (in hours, minutes and seconds, as spreadsheets read
    a time) is a column: a writer's table of quotes finds each in the recording; an
    untimed text's is empty."""
    document = load_document(
        Path(__file__).parents[1] / "data" / "journalist" / "okonkwo-otter.txt"
    )
    session = Session.open(document, None)
    for quote in ("There was no vote", "My mum's flat"):
        start = document.text.index(quote)
        session.add_highlight(make_highlight(document.text, start, start + len(quote)))
    rows = csv_rows(run("csv", session))
    assert [(r["speaker"], r["time"], r["quote"]) for r in rows] == [
        ("Ade Okonkwo", "0:12:47", "There was no vote"),
        ("Ade Okonkwo", "1:02:09", "My mum's flat"),
    ]
    assert {r["time"] for r in csv_rows(run("csv", sample_session()))} == {""}


def test_a_word_summary_gives_each_quote_as_a_quote_with_who_and_when() -> None:
    """A writer who works in Word gets the summary in Word's styles: no Markdown marks
    to clean from a quote pasted into her article; her notes' links keep their words."""
    document = load_document(
        Path(__file__).parents[1] / "data" / "journalist" / "okonkwo-otter.txt"
    )
    session = Session.open(document, None)
    start = document.text.index("My mum's flat")
    mould = make_highlight(document.text, start, start + len("My mum's flat"))
    session.add_highlight(replace(mould, note="Lead quote\x0b\nCheck with the council"))
    session.notes.notes = (
        f"# Draft\n\n> My mum's flat [↩ Ade Okonkwo, Q3](#h-{mould.id})\n\n"
        "- see [the report](https://example.org/r) and [▶ 1:02:09](#t=3729)"
    )
    shown = [(p.style.name, p.text) for p in word_paragraphs(run("docx", session))]
    assert shown[0] == ("Title", "Okonkwo interview - housing fund")
    assert shown[3:] == [
        ("Heading 2", "Q3. Hannah Wright: Do you think anyone should resign?"),
        ("Normal", "Key quote · Ade Okonkwo · 1:02:09"),
        ("Quote", "My mum's flat"),
        ("Normal", "Lead quote"),  # a note of lines stays whole, below its quote
        ("Normal", "Check with the council"),
        ("Heading 2", "Research notes"),
        ("Heading 3", "Draft"),
        ("Quote", "My mum's flat ↩ Ade Okonkwo, Q3"),
        ("List Bullet", "see the report (https://example.org/r) and ▶ 1:02:09"),
    ]


def test_a_control_character_in_a_name_or_label_does_not_stop_a_word_export() -> None:
    """A code or a colour label from an older file holding a backspace made python-docx
    refuse the whole document ("All strings must be XML compatible")."""
    session = coded_session()
    session.notes.codebook.codes.append(Code("odd", "Stress\x08", "#123456"))
    session.notes.colors["green"] = "Method\x1b"
    sea = session.notes.highlights[0]
    session.replace_highlight(replace(sea, codes=("odd",)))
    shown = [p.text for p in word_paragraphs(run("docx", session))]
    assert "Method · Stress" in shown


def test_a_word_files_properties_name_no_tool_and_date_its_passages() -> None:
    """File ▸ Info said "generated by python-docx", created 23 December 2013."""
    from datetime import datetime

    import docx

    session = coded_session()
    sea, love = session.notes.highlights
    early, later = "2024-03-01T10:00:00+02:00", "2024-05-06T07:08:09+00:00"
    session.replace_highlight(replace(sea, created=early, modified=early))
    session.replace_highlight(replace(love, created=later, modified=later))
    properties = docx.Document(io.BytesIO(run("docx", session))).core_properties
    assert (properties.comments, properties.author) == ("", "Interview Reader")
    assert properties.created == datetime.fromisoformat("2024-03-01T08:00:00+00:00")
    assert properties.modified == datetime.fromisoformat("2024-05-06T07:08:09+00:00")
    empty = docx.Document(io.BytesIO(run("docx", empty_session()))).core_properties
    assert (empty.created, empty.modified) == (None, None)


def test_csv_codes_with_a_semicolon_read_apart_from_two_codes() -> None:
    """The codes "a;b" and "a" and "b" gave the same cell, "a;b"."""
    session = coded_session()
    book = session.notes.codebook
    one, a, b, slash = (book.create(name) for name in ("a;b", "a", "b", "c\\d"))
    sea, love = session.notes.highlights
    session.replace_highlight(replace(sea, codes=(one.id, slash.id)))
    session.replace_highlight(replace(love, codes=(a.id, b.id)))
    cells = [row["codes"] for row in csv_rows(run("csv", session))]
    assert cells == ["a\\;b;c\\\\d", "a;b"]


def test_csv_records_end_with_crlf() -> None:
    data = run("csv", sample_session()).decode("utf-8-sig")
    # Outside quoted fields every line end is CRLF; the note's own line ends stay LF.
    records = data.split("\r\n")
    assert records[-1] == ""
    assert len(records) == 1 + 8 + 1
    assert "\r" not in SPECIAL_NOTE and "Key method claim\n# not a heading" in data


# --- w3c ----------------------------------------------------------------------------------


def test_w3c_collection_has_the_required_fields() -> None:
    session = sample_session()
    data = orjson.loads(run("w3c", session))
    assert data["@context"] == [
        "http://www.w3.org/ns/anno.jsonld",
        {"interviewReader": "urn:x-interview-reader:"},
    ]
    assert data["type"] == "AnnotationCollection"
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", data["id"])
    assert data["label"] == "Her Smell Interview"
    assert data["total"] == len(data["first"]["items"]) == 8
    assert data["first"]["type"] == "AnnotationPage"
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", data["first"]["id"])
    assert data["last"] == data["first"]["id"]
    assert data["first"]["partOf"]["id"] == data["id"]
    for item in data["first"]["items"]:
        assert item["type"] == "Annotation"
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", item["id"])
        assert item["motivation"] in ("commenting", "highlighting")
        assert item["target"]["type"] == "SpecificResource"
        assert item["target"]["source"] == "file://" + SOURCE
        types = [s["type"] for s in item["target"]["selector"]]
        assert types[0] == "TextQuoteSelector"
        assert "@context" not in item
        for body in item["body"]:
            assert body["type"] == "TextualBody"
            assert body["purpose"] in ("commenting", "tagging", "classifying")


def test_w3c_bodies_and_selectors() -> None:
    session = sample_session()
    items = {i["id"]: i for i in orjson.loads(run("w3c", session))["first"]["items"]}
    special = items[f"urn:uuid:{sample_id(4)}"]
    assert special["motivation"] == "commenting"
    person = {"type": "Person"}
    assert special["body"][0] == {
        "type": "TextualBody",
        "value": SPECIAL_NOTE,
        "format": "text/markdown",
        "language": "und",
        "purpose": "commenting",
        "creator": person,
        "created": special["created"],
    }
    assert [b["value"] for b in special["body"] if b["purpose"] == "tagging"] == [
        "method",
        "a|b",
        "c,d",
        '"quoted"',
        "#hash",
    ]
    assert special["body"][-1] == {
        "type": "TextualBody",
        "value": "Method",
        "format": "text/plain",
        "language": "und",
        "purpose": "classifying",
        "creator": person,
        "created": special["created"],
        "interviewReader:color": "green",
    }
    text = session.document.text
    for item in items.values():
        quote, *rest = item["target"]["selector"]
        if rest:
            (position,) = rest
            assert position["type"] == "TextPositionSelector"
            assert text[position["start"] : position["end"]] == quote["exact"]
    orphan = items[f"urn:uuid:{sample_id(8)}"]
    assert orphan["target"]["selector"] == [
        {
            "type": "TextQuoteSelector",
            "exact": ORPHAN_QUOTE,
            "prefix": "words that were before it ",
            "suffix": " and after it",
        }
    ]
    plain = items[f"urn:uuid:{sample_id(1)}"]
    assert plain["motivation"] == "highlighting"


def test_w3c_positions_count_code_points() -> None:
    """In a document with emoji, TextPositionSelector offsets index Python's str."""
    text = "Intro 🎬 line.\n\nQ: What about 🎬 films, 𠀋 too?\nA: I love 🎬 and the rest.\n"
    document = Document(text=text, title="Emoji", source="/tmp/emoji.txt", encoding="utf-8")
    session = Session.open(document, None)
    start = text.index("love 🎬 and")
    session.add_highlight(make_highlight(text, start, start + len("love 🎬 and"), "blue"))
    (item,) = orjson.loads(run("w3c", session))["first"]["items"]
    quote, position = item["target"]["selector"]
    assert quote["exact"] == "love 🎬 and"
    assert text[position["start"] : position["end"]] == quote["exact"]
    utf16_start = len(text[:start].encode("utf-16-le")) // 2
    assert position["start"] == start != utf16_start
    assert position["end"] - position["start"] == len("love 🎬 and") == 10


def test_w3c_target_source_falls_back_to_a_urn() -> None:
    session = sample_session()
    assert target_source(session) == "file:///interviews/her-smell-interview.txt"
    odd = Session.open(Document(text="A: hi?\n", title="x", source="", encoding="utf-8"), None)
    assert target_source(odd) == f"urn:sha256:{odd.document.sha256}"


def test_w3c_collection_id_depends_on_the_highlights() -> None:
    full = orjson.loads(run("w3c", sample_session()))["id"]
    filtered = orjson.loads(
        run("w3c", sample_session(), ExportOptions(colors=frozenset({"green"})))
    )
    assert full != filtered["id"]


# --- orphans and special characters across formats ----------------------------------------


@pytest.mark.parametrize("name", list(FORMATS))
def test_orphans_are_exported(name: str) -> None:
    only_orphan = ExportOptions(codes=frozenset({tag_code_id("lost")}))
    output = as_text(name, run(name, sample_session(), only_orphan))
    assert ORPHAN_QUOTE in output
    if name in ("md", "html", "docx"):
        assert "Not found in the current text" in output
        assert "Q1." not in output


@pytest.mark.parametrize("name", list(FORMATS))
def test_special_characters_survive(name: str) -> None:
    only_special = ExportOptions(codes=frozenset({tag_code_id("a|b")}))
    output = run(name, sample_session(), only_special)
    if name == "json":
        (h,) = orjson.loads(output)["highlights"]
        assert h["note"] == SPECIAL_NOTE
    elif name == "w3c":
        (item,) = orjson.loads(output)["first"]["items"]
        assert item["body"][0]["value"] == SPECIAL_NOTE
    elif name == "csv":
        (row,) = csv_rows(output)
        assert row["note"] == SPECIAL_NOTE
    elif name == "docx":  # every line of the note as written, markup and all, below the quote
        lines = [p.text for p in word_paragraphs(output)]
        note = [line for line in SPECIAL_NOTE.split("\n") if line.strip()]
        first = lines.index(note[0])
        assert first > 4 and lines[first : first + len(note)] == note
    elif name == "md":
        text = output.decode()
        assert "\n\\<script\\>alert(1)\\</script\\>\n" in text
        assert "\n\\# not a heading\n" in text
    else:
        page = output.decode()
        check_html(page)
        assert html.escape(SPECIAL_NOTE) in page


# --- filters --------------------------------------------------------------------------------


def exported_ids(name: str, options: ExportOptions) -> set[str]:
    output = run(name, sample_session(), options)
    if name == "json":
        return {h["id"] for h in orjson.loads(output)["highlights"]}
    if name == "w3c":
        return {i["id"].removeprefix("urn:uuid:") for i in orjson.loads(output)["first"]["items"]}
    if name == "csv":
        return {r["id"] for r in csv_rows(output)}
    if name == "html":
        return set(re.findall(r'id="h-([0-9a-f-]{36})"', output.decode()))
    # Markdown and Word name no ids: map the quotes back.
    if name == "docx":
        quotes = {p.text for p in word_paragraphs(output) if p.style.name == "Quote"}
        return {h.id for h in sample_session().notes.highlights if h.exact.split("\n")[0] in quotes}
    text = output.decode()
    return {
        h.id
        for h in sample_session().notes.highlights
        if f"> {escape(h.exact.splitlines()[0])}\n" in text
    }


@pytest.mark.parametrize("name", list(FORMATS))
@pytest.mark.parametrize(
    ("colors", "tags", "expected"),
    [
        ((), (), range(1, 9)),
        (("yellow",), (), [1, 7]),
        (("yellow", "blue"), (), [1, 2, 7]),
        ((), ("method",), [3, 4]),
        ((), ("music", "lost"), [6, 8]),
        (("green",), ("method",), [4]),
        (("orange",), ("music",), []),
    ],
)
def test_filters_by_colour_and_tag(
    name: str, colors: tuple[str, ...], tags: tuple[str, ...], expected: Any
) -> None:
    options = ExportOptions(colors=frozenset(colors), codes=frozenset(map(tag_code_id, tags)))
    assert exported_ids(name, options) == {sample_id(n) for n in expected}


def test_summary_says_which_filter_was_used() -> None:
    options = ExportOptions(colors=frozenset({"purple"}), codes=frozenset({tag_code_id("music")}))
    text = run("md", sample_session(), options).decode()
    assert "\n1 coded highlight (colour Theme & sound; tag \\#music), exported from" in text


# --- progress and cancellation ------------------------------------------------------------


@pytest.mark.parametrize("name", list(FORMATS))
def test_progress_is_reported_every_so_many_highlights(name: str) -> None:
    total = 2 * PROGRESS_EVERY + 50
    session = many_highlights_session(total)
    calls: list[tuple[int, int]] = []

    def progress(done: int, of: int) -> bool:
        calls.append((done, of))
        return True

    export(session, name, ExportOptions(progress=progress))
    assert calls == [(PROGRESS_EVERY, total), (2 * PROGRESS_EVERY, total), (total, total)]


@pytest.mark.parametrize("name", list(FORMATS))
def test_progress_returning_false_cancels(name: str) -> None:
    session = many_highlights_session(PROGRESS_EVERY + 10)
    calls: list[int] = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return False

    with pytest.raises(ExportCancelled):
        export(session, name, ExportOptions(progress=progress))
    assert calls == [PROGRESS_EVERY]


@pytest.mark.parametrize("name", list(FORMATS))
def test_progress_returning_none_does_not_cancel(name: str) -> None:
    """A callback that forgets to return anything must not cancel the export."""
    seen: list[int] = []
    output = export(sample_session(), name, ExportOptions(progress=lambda d, t: seen.append(d)))
    assert output and seen == [8]


def test_export_options_are_frozen_and_filter_nothing_by_default() -> None:
    options = ExportOptions()
    assert not options.filtered
    with pytest.raises(AttributeError):
        options.colors = frozenset({"green"})  # type: ignore[misc]
    assert export(sample_session(), "json") == export(sample_session(), "json", options)


@pytest.mark.parametrize(
    ("name", "link", "anchor", "unlinked"),
    [
        ("md", r"\]\(#(h-[0-9a-f-]{36})\)", '<a id="{}"></a>', "> a deleted passage ↩ Q9"),
        (
            "html",
            r'href="#(h-[0-9a-f-]{36})"',
            'id="{}"',
            '<p dir="auto">a deleted passage ↩ Q9</p>',
        ),
    ],
)
def test_links_back_land_on_anchors_that_exist(
    name: str, link: str, anchor: str, unlinked: str
) -> None:
    """The research notes' `[↩ Q1](#h-id)` lead to an anchor on that highlight; a link to a
    highlight not in the export keeps only its label."""
    text = run(name, sample_session()).decode("utf-8")
    targets = re.findall(link, text)
    assert targets == ["h-00000000-0000-4000-8000-000000000001"]
    for target in targets:
        assert anchor.format(target) in text
    assert unlinked in text


def test_links_back_to_highlights_not_exported_keep_their_label_web_links_stay() -> None:
    kept = "00000000-0000-4000-8000-000000000001"
    notes = (
        f"[↩ Q1](#h-{kept}) [↩ Q2](#h-77aa) [↩ Q3](#h-{kept[:-1]}2)\n"
        "[shift work](https://en.wikipedia.org/wiki/Shift_(work)) [empty]()"
    )
    assert linked_notes(notes, {kept}) == (
        f"[↩ Q1](#h-{kept}) ↩ Q2 ↩ Q3\n"
        "[shift work](https://en.wikipedia.org/wiki/Shift_(work)) [empty]()",
        {kept},
    )


CODE_LINKS = (  # a quote's and a time's link written as code: what was typed, not a link
    "`[↩ Q1](#h-00000000-0000-4000-8000-000000000001)` and `[▶ 1:05](#t=65)`\n\n"
    "```\n[↩ Q2](#h-77aa) [▶ 0:05](#t=5)\n```\n\n"
    "    [↩ Q1](#h-00000000-0000-4000-8000-000000000001)\n"
)


def test_links_in_code_are_left_as_typed() -> None:
    """A quote's or a time's link in a code span or block came out as its label, or led
    into the recording: the links were read as if code held none."""
    notes = "[↩ Q2](#h-77aa) [▶ 1:05](#t=65)\n\n" + CODE_LINKS
    assert linked_notes(notes, {"00000000-0000-4000-8000-000000000001"}, "a.m4a") == (
        "↩ Q2 [▶ 1:05](a.m4a#t=65)\n\n" + CODE_LINKS,
        set(),
    )


@pytest.mark.parametrize("name", ["md", "html", "docx"])
def test_every_export_shows_links_in_code_as_typed(name: str) -> None:
    session = sample_session()
    session.notes.notes = CODE_LINKS
    text = html.unescape(as_text(name, run(name, session)))
    for typed in ("[↩ Q1](#h-00000000-0000-4000-8000-000000000001)", "[▶ 1:05](#t=65)"):
        assert f"`{typed}`" in text if name == "docx" else typed in text
    assert "[↩ Q2](#h-77aa) [▶ 0:05](#t=5)" in text
    assert text.count("[↩ Q1](#h-00000000-0000-4000-8000-000000000001)") == 2


# --- a passage only coded (NO_COLOR) ----------------------------------------------------------


def coded_session() -> Session:
    """A coloured, coded highlight of "sea" and a passage coded with no colour ("love")."""
    text = "Q: What about the sea?\nA: The sea, the sea. I love the sea.\n"
    document = Document(text=text, title="Sea", source="/tmp/sea.txt", encoding="utf-8")
    session = Session.open(document, None)
    code = session.notes.codebook.create("Place")
    love = text.index("I love")
    sea = make_highlight(text, text.index("sea"), text.index("sea") + 3, "green")
    session.add_highlight(replace(sea, codes=(code.id,)))
    only_coded = make_highlight(text, love, love + len("I love"), NO_COLOR)
    session.add_highlight(replace(only_coded, codes=(code.id,), note="Warm"))
    return session


def test_a_passage_with_no_colour_is_exported_with_no_colour_label() -> None:
    session = coded_session()
    code = session.notes.codebook.find("Place")
    md = run("md", session).decode()
    assert "**Method** · #Place\n\n> sea" in md
    assert "\n\n#Place — Warm\n\n> I love" in md and "****" not in md
    page = run("html", session).decode()
    assert page.count('<mark style="background-color: ') == 1  # the green one alone
    assert f'<mark class="coded" style="text-decoration-color: {code.color}">I love' in page
    assert '<span class="label"></span>' not in page
    sea, love = csv_rows(run("csv", session))
    assert (sea["color"], sea["color_label"]) == ("green", "Method")
    assert (love["color"], love["color_label"], love["codes"]) == ("", "", "Place")
    native = orjson.loads(run("json", session))
    assert [h["color"] for h in native["highlights"]] == ["green", NO_COLOR]
    items = orjson.loads(run("w3c", session))["first"]["items"]
    purposes = [[b["purpose"] for b in item["body"]] for item in items]
    assert purposes == [["tagging", "classifying"], ["commenting", "tagging"]]
    assert items[1]["interviewReader:color"] == NO_COLOR


def test_markdown_tags_are_whole_tags_for_note_apps() -> None:
    """Obsidian and Logseq read `#Short answers` as the tag `#Short`: spaces (and what a tag
    cannot hold) become "_", a sub-code is a nested tag, and nothing of it is emphasis."""
    session = coded_session()
    book = session.notes.codebook
    work = book.create("Work life")
    stress = book.create("Stress & strain", parent=work.id)
    short = book.create("Short answers")
    odd = book.create("?!")
    sea = session.notes.highlights[0]
    session.replace_highlight(replace(sea, codes=(stress.id, short.id, odd.id, "lost-id")))
    md = run("md", session).decode()
    assert "**Method** · #Work_life/Stress_strain #Short_answers #?! #lost-id\n" in md
    rendered = MarkdownIt("commonmark").render(md)
    assert "#Work_life/Stress_strain #Short_answers" in rendered and "<em>" not in rendered


def test_markdown_tags_keep_the_marks_of_their_letters() -> None:
    """The vowel signs of हिन्दी and বাংলা were taken for what a tag cannot hold: "#ह_न_द",
    and বাংলা and বাল both "#ব_ল"."""
    from reader.core.codebook import Codebook
    from reader.core.export.markdown_export import code_tags

    book = Codebook([])
    names = ["हिन्दी", "தமிழ்", "عَمَل", "বাংলা", "বাল", "Stress & strain"]
    ids = [book.create(name).id for name in names]
    tag = code_tags(book)
    assert [tag(i) for i in ids] == ["#हिन्दी", "#தமிழ்", "#عَمَل", "#বাংলা", "#বাল", "#Stress_strain"]


def test_markdown_tags_of_two_codes_are_never_one() -> None:
    """Codes "C++" and "C#" were both #C, "A/B" and "A B" both #A_B, "感情 😀" and "感情"
    both #感情: a reader (or Obsidian) could not tell the codes apart. A code whose name
    is its tag whole keeps it; note apps match tags whatever their case."""
    from reader.core.codebook import Codebook
    from reader.core.export.markdown_export import code_tags

    book = Codebook([])
    names = ["C++", "C#", "C", "A/B", "A B", "感情 😀", "感情", "a_b", "Stress"]
    ids = [book.create(name).id for name in names]
    child = book.create("Stress", parent=ids[-1]).id
    tag = code_tags(book)
    assert [tag(i) for i in ids] == [
        "#C_2", "#C_3", "#C", "#A_B_2", "#A_B_3", "#感情_2", "#感情", "#a_b", "#Stress"
    ]  # fmt: skip
    assert tag(child) == "#Stress/Stress" and tag("lost-id") == "#lost-id"
    # A sub-code nests under its parent's tag as told apart: "C# / Memory" was #C/Memory_2,
    # which a note app files under C++'s #C.
    memory = book.create("Memory", parent=ids[1]).id
    odd = book.create("?!").id
    below_odd = book.create("Kept", parent=odd).id
    tag = code_tags(book)
    assert tag(memory) == "#C_3/Memory" and tag(odd) == "#?!" and tag(below_odd) == "#Kept"


@pytest.mark.parametrize(("name", "shown"), [("html", "#{}"), ("csv", "{}"), ("docx", "{}")])
def test_two_codes_of_one_name_are_told_apart_by_their_paths(name: str, shown: str) -> None:
    """The HTML, CSV and Word exports named both "Émotions / Trust" and "Organisation /
    Trust" as "Trust", as the Markdown's tags and the Annotations list do not."""
    session = coded_session()
    book = session.notes.codebook
    feeling, work = book.create("Émotions"), book.create("Organisation")
    trust = [book.create("Trust", parent=feeling.id), book.create("Trust", parent=work.id)]
    sea = session.notes.highlights[0]
    session.replace_highlight(replace(sea, codes=tuple(code.id for code in trust)))
    output = as_text(name, run(name, session))
    for path in ("Émotions / Trust", "Organisation / Trust"):
        assert shown.format(path) in output


@pytest.mark.parametrize("name", list(FORMATS))
def test_a_colour_filter_leaves_out_a_passage_with_no_colour(name: str) -> None:
    session = coded_session()
    sea, love = session.notes.highlights
    shown = {"md": lambda h: f"> {h.exact}", "docx": lambda h: h.exact}.get(name, lambda h: h.id)
    output = as_text(name, run(name, session, ExportOptions(colors=frozenset({"green"}))))
    assert shown(sea) in output and shown(love) not in output
    place = session.notes.codebook.ids_named(["Place"])
    both = as_text(name, run(name, session, ExportOptions(codes=place)))
    assert shown(sea) in both and shown(love) in both


def test_a_timed_transcripts_quotes_carry_their_turns_start_time(tmp_path) -> None:
    """As the Coded Passages list and the printout do ("P02 · Q3 · 12:05"): a thesis cites
    a recorded interview by its times. An untimed text's quotes have none (the golden files)."""
    from reader.core.annotations import make_highlight as made
    from reader.core.document import load_document
    from reader.core.export.study_export import StudyExportOptions, export_study
    from reader.core.store import save_notes
    from reader.core.study import open_study
    from tests.conftest import DATA

    otter = (DATA / "transcripts" / "otter-short.txt").read_text("utf-8")
    session = Session.open(load_document(DATA / "transcripts" / "otter-short.txt"), None)
    text = session.document.text
    for word, color in (("Mallow", "yellow"), ("1989", "green")):
        start = text.index(word)
        session.add_highlight(made(text, start, start + len(word), color))
    md = run("md", session).decode()
    assert "**Key quote** · 0:08\n\n> Mallow" in md and "**Method** · 0:00\n\n> 1989" in md
    html = run("html", session).decode()
    assert '<span class="time">0:08</span>' in html and '<span class="time">0:00</span>' in html
    assert "· 0:" not in run("md", sample_session()).decode()  # untimed: no time
    # A study's summary, likewise.
    (tmp_path / "P01.txt").write_text(otter, "utf-8")
    study = open_study(tmp_path)
    (entry,) = study.interviews
    in_study = study.open_session(entry)
    start = in_study.document.text.index("Mallow")
    in_study.add_highlight(made(in_study.document.text, start, start + 6, "yellow"))
    save_notes(study.notes_path(entry), in_study.notes)
    for name in ("md", "html"):
        out = export_study(study, name, StudyExportOptions())[0].decode()
        assert "0:08" in out, name


def test_a_quote_names_who_said_it_when_the_transcript_names_them() -> None:
    """A journalist quoting from an interview of two people must know whose words each
    quote is: the speaker goes before the time, in Markdown and HTML. A generic label
    ("Speaker 2", "Interviewer") names nobody and is left out (otter-short, her-smell)."""
    from reader.core.document import load_document
    from tests.conftest import DATA

    session = Session.open(load_document(DATA / "transcripts" / "zoom.vtt"), None)
    text = session.document.text
    start = text.index("café in Kyōto")
    session.add_highlight(make_highlight(text, start, start + len("café in Kyōto"), "blue"))
    md = run("md", session).decode()
    assert "**Context** · Kenji Sato (he/him) · 0:10\n\n> café in Kyōto" in md
    page = run("html", session).decode()
    assert '<span class="speaker" dir="auto">Kenji Sato (he/him)</span>' in page
    assert 'class="speaker"' not in run("html", sample_session()).decode()


TIMED_VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Interviewer>How did it start?

00:01:10.000 --> 00:01:15.000
<v Amal>Then it grew fast.

01:02:09.000 --> 01:02:15.000
<v Amal>Now it is done.
"""


def test_csv_times_are_hours_minutes_and_seconds_as_spreadsheets_read_them(
    tmp_path: Path,
) -> None:
    """ "1:10" (70 s) is read by Excel and LibreOffice as 1 hour 10 minutes, "1:02:09"
    right: sorted, the passage said at 1:10 came after the one at 1:02:09."""
    (tmp_path / "talk.vtt").write_text(TIMED_VTT, encoding="utf-8")
    session = Session.open(load_document(tmp_path / "talk.vtt"), None)
    text = session.document.text
    for words in ("Then it grew fast.", "Now it is done."):
        start = text.index(words)
        session.add_highlight(make_highlight(text, start, start + len(words), "yellow"))
    times = {row["quote"]: row["time"] for row in csv_rows(export(session, "csv"))}
    assert times == {"Then it grew fast.": "0:01:10", "Now it is done.": "1:02:09"}
