"""Word documents (reader/core/transcripts/word.py): every word the document shows is read,
once, wherever Word keeps it (content controls, tracked changes, merged table cells).

Each document is python-docx's blank one with a body written here in WordprocessingML;
each read is checked to hold the words of the body's text elements, each once, but those
the test names as left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest
from lxml import etree

from reader.core.document import Document, load_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Those of pictures and text boxes too.
DECLARATIONS = " ".join(
    f'xmlns:{prefix}="{uri}"'
    for prefix, uri in {
        "w": W,
        "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
        "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    }.items()
)
TIME_RE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?")


def load_body(
    path: Path, body: str, left_out: Iterable[str] = (), hidden_style: str = ""
) -> Document:
    """The document whose body is `body` (elements with the `w:` prefix), as the app opens
    it; `hidden_style` names a character style of hidden text it has."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    if hidden_style:
        document.styles.add_style(hidden_style, WD_STYLE_TYPE.CHARACTER).font.hidden = True
    section = document.element.body[-1]  # sectPr: the body's last child, where it must stay
    for element in etree.fromstring(f"<w:body {DECLARATIONS}>{body}</w:body>"):
        section.addprevious(element)
    document.save(str(path))
    doc = load_document(path)
    expected = words(shown_text(body)) - words(" ".join(left_out))
    assert words(doc.text) == expected, "a word lost or read twice"
    return doc


def words(text: str) -> Counter[str]:
    """The words of `text` in NFC, as the app reads it, times aside: a time heading a turn
    is the turn's start."""
    return Counter(re.findall(r"\w+", TIME_RE.sub(" ", unicodedata.normalize("NFC", text))))


def shown_text(body: str) -> str:
    """The text of the body's w:t elements but those of deleted and moved-out words."""
    hidden = "ancestor::*[self::w:del or self::w:moveFrom]"
    root = etree.fromstring(f"<w:body {DECLARATIONS}>{body}</w:body>")
    return " ".join(root.xpath(f"//w:t[not({hidden})]/text()", namespaces={"w": W}))


def run(text: str, bold: bool = False) -> str:
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{properties}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def cell(content: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>"


def table(*rows: list[str]) -> str:
    grid = "".join("<w:gridCol/>" for _ in range(max(map(len, rows))))
    trs = "".join(f"<w:tr>{''.join(row)}</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{trs}</w:tbl>"


def control(content: str) -> str:
    """A content control (a form's field) around `content`."""
    return f"<w:sdt><w:sdtPr/><w:sdtContent>{content}</w:sdtContent></w:sdt>"


def test_paragraphs_in_content_controls_and_custom_xml(tmp_path: Path) -> None:
    """A form's fields hold whole paragraphs, tables too, nested in one another."""
    doc = load_body(
        tmp_path / "form.docx",
        para(run("Interviewer: First, tell me about your school."))
        + control(para(run("Participant: It was a small village school.")))
        + f"<w:customXml w:element='answer'>{control(para(run('Interviewer: Far?')))}</w:customXml>"
        + control(table([cell(para(run("Participant: An hour on foot.")))]))
        + para(run("Interviewer: Did you like it?")),
    )
    assert doc.text == (
        "Interviewer: First, tell me about your school.\n\n"
        "Participant: It was a small village school.\n\n"
        "Interviewer: Far?\n\n"
        "Participant: An hour on foot.\n\n"
        "Interviewer: Did you like it?\n"
    )


def test_words_of_tracked_changes_accepted_smart_tags_and_fields(tmp_path: Path) -> None:
    """The text as Word shows it with changes accepted: inserted and moved-in words are
    read, deleted and moved-out ones are not; runs inside smart tags, fields, inline
    content controls, custom XML and links are words like any other."""
    deleted = '<w:del w:id="2" w:author="A"><w:r><w:delText>or so </w:delText></w:r></w:del>'
    doc = load_body(
        tmp_path / "tracked.docx",
        para(
            run("Amal: We came in "),
            f'<w:ins w:id="1" w:author="A">{run("the winter of ")}</w:ins>',
            run("2015, "),
            deleted,
            f'<w:moveFrom w:id="3" w:author="A">{run("with my sons ")}</w:moveFrom>',
            f"<w:smartTag w:uri='u' w:element='place'>{run('to Leeds')}</w:smartTag>",
            f"<w:fldSimple w:instr='DATE'>{run(', in May')}</w:fldSimple>",
            control(run(", with ")),
            f"<w:customXml w:element='who'>{run('my sons')}</w:customXml>",
            f'<w:moveTo w:id="4" w:author="A">{run(" and my wife")}</w:moveTo>',
            f'<w:hyperlink r:id="" xmlns:r="r">{run(".")}</w:hyperlink>',
        )
        + para(run("Interviewer:"), "<w:r><w:tab/><w:t>Why?</w:t><w:br/><w:t>Leeds?</w:t></w:r>"),
    )
    assert doc.text == (
        "Amal: We came in the winter of 2015, to Leeds, in May, with my sons and my wife.\n\n"
        "Interviewer: Why?\n\nLeeds?\n"
    )


def test_paragraphs_whose_mark_is_deleted_join_the_next_as_word_shows_them(
    tmp_path: Path,
) -> None:
    """A transcriber who joins two paragraphs with tracked changes on deletes the mark
    between them: Word shows one paragraph with the change accepted, and it was read as
    two, the sentence cut ("Ana: I was born" / "in Porto"). A paragraph deleted whole,
    its mark too, is not read at all, nor is the blank line it left."""

    def mark_deleted(*runs: str, tag: str = "del") -> str:
        mark = f'<w:pPr><w:rPr><w:{tag} w:id="9" w:author="T"/></w:rPr></w:pPr>'
        return f"<w:p>{mark}{''.join(runs)}</w:p>"

    gone = '<w:del w:id="8" w:author="T"><w:r><w:delText>Off the record?</w:delText></w:r></w:del>'
    doc = load_body(
        tmp_path / "joined.docx",
        para(run("Interviewer: Where were you born?"))
        + mark_deleted(run("Ana", bold=True), run(": I was born "))
        + mark_deleted(run("in Porto, "), tag="moveFrom")
        + para(run("by the river."))
        + mark_deleted(gone)
        + para(run("Interviewer: And your parents?"))
        + mark_deleted(run("Ana: Fishers.")),  # the last mark, which Word keeps: read
    )
    assert doc.text == (
        "Interviewer: Where were you born?\n\n"
        "Ana: I was born in Porto, by the river.\n\n"
        "Interviewer: And your parents?\n\n"
        "Ana: Fishers.\n"
    )


def test_a_bold_name_inside_an_insertion_is_a_name(tmp_path: Path) -> None:
    """The leading bold runs are counted over the runs read, the inserted ones included."""
    inserted = f'<w:ins w:id="1" w:author="A">{run("Amal", bold=True)}</w:ins>'
    doc = load_body(
        tmp_path / "bold.docx",
        para(run("Ruth", bold=True), run(" Why Leeds?"))
        + para(inserted, run(" My cousin lived there."))
        + para(run("Ruth", bold=True), run(" And then?"))
        + para(run("Amal", bold=True), run(" Work.")),
    )
    assert [turn.speaker for turn in doc.turns] == ["Ruth", "Amal", "Ruth", "Amal"]
    assert doc.text.startswith("Ruth: Why Leeds?\n\nAmal: My cousin lived there.\n\n")


def test_an_indented_or_decomposed_bold_name_is_cut_where_it_ends(tmp_path: Path) -> None:
    """The bold run was measured with the line's leading tabs, and before "e" and an accent
    became one letter: "Interviewer\tWh: at is your role?", "Zoë Renée I: look after…"."""
    doc = load_body(
        tmp_path / "indented.docx",
        para(run("\t\t"), run("Interviewer", bold=True), run("\tWhat is your role?"))
        + para(run("  "), run("Zoe\u0308 Rene\u0301e", bold=True), run(" I look after patients."))
        + para(run("\t"), run("Interviewer", bold=True), run("\tAnd the nights?"))
        + para(run("Zoe\u0308 Rene\u0301e", bold=True), run(" They are long.")),
    )
    assert doc.text == (
        "Interviewer: What is your role?\n\nZoë Renée: I look after patients.\n\n"
        "Interviewer: And the nights?\n\nZoë Renée: They are long.\n"
    )


def test_page_and_column_breaks_part_the_words_either_side(tmp_path: Path) -> None:
    """A page or column break inside a paragraph ends a line, as a line break does: the
    words either side were glued ("endafter"); one opening a paragraph starts no line, and
    the bold name after it is still a name."""
    page, column = '<w:r><w:br w:type="page"/></w:r>', '<w:r><w:br w:type="column"/></w:r>'
    doc = load_body(
        tmp_path / "breaks.docx",
        para(run("Ruth", bold=True), run(" Why the end"), page, run("after the page?"))
        + para(run("Amal", bold=True), run(" Work"), column, run("and family."))
        + para(page, run("Ruth", bold=True), run(" And then?"))
        + para(run("Amal", bold=True), run(" We stayed.")),
    )
    assert doc.text == (
        "Ruth: Why the end\n\nafter the page?\n\nAmal: Work\n\nand family.\n\n"
        "Ruth: And then?\n\nAmal: We stayed.\n"
    )
    assert [turn.speaker for turn in doc.turns] == ["Ruth", "Amal", "Ruth", "Amal"]


def test_merged_table_cells_are_read_once(tmp_path: Path) -> None:
    """A cell across columns (a title row) or down rows (one speaker's name beside two
    paragraphs of speech) is one cell: its words are read once."""
    across, down = '<w:gridSpan w:val="2"/>', '<w:vMerge w:val="restart"/>'
    doc = load_body(
        tmp_path / "merged.docx",
        table(
            [cell(para(run("Interview 7, Glasgow")), across)],
            [cell(para(run("Interviewer:"))), cell(para(run("Why Glasgow?")))],
            [cell(para(run("Amal:")), down), cell(para(run("My cousin lived there.")))],
            [cell(para(), "<w:vMerge/>"), cell(para(run("And there was work.")))],
        ),
    )
    assert doc.text == (
        "Interview 7, Glasgow\n\nInterviewer: Why Glasgow?\n\n"
        "Amal: My cousin lived there.\n\nAnd there was work.\n"
    )


def test_speaker_and_speech_columns(tmp_path: Path) -> None:
    """A table of a speaker's name and their words a row: the name above the speech."""
    rows = [("Interviewer", "How?"), ("Amal", "By train."), ("Interviewer", "When?")]
    rows.append(("Amal", "In May."))
    doc = load_body(
        tmp_path / "two.docx",
        para(run("Interview 7"))
        + table(*([cell(para(run(name))), cell(para(run(words)))] for name, words in rows)),
    )
    assert doc.text == (
        "Interview 7\n\nInterviewer: How?\n\nAmal: By train.\n\n"
        "Interviewer: When?\n\nAmal: In May.\n"
    )
    assert [(turn.speaker, turn.start_ms) for turn in doc.turns] == [
        ("Interviewer", None),
        ("Amal", None),
        ("Interviewer", None),
        ("Amal", None),
    ]


@pytest.mark.parametrize("name_first", [False, True])
def test_time_speaker_and_speech_columns(tmp_path: Path, name_first: bool) -> None:
    """A table of a time, a speaker's name and their words a row: each row a turn that
    starts at its time, as a typed "[00:00:10] Amal:" does. Rows of another shape (the
    header row) are read as before, a cell a paragraph. Found by a new user's Word
    transcript: with the name before the time (columns "Speaker, Time, Text", as typists'
    templates have them), each turn's time was a paragraph of the turn before."""
    rows = [
        ("00:00:03", "Interviewer", "Thanks for coming. How did you come to Glasgow?"),
        ("00:00:10", "Amal:", "We came in 2015."),
        ("[00:01:05]", "Interviewer", "And work?"),
        ("1:01:09.5", "Amal", "Two jobs.", "I found work in a bakery."),
    ]
    rows_xml = [[cell(para(run(heading))) for heading in ("Time", "Speaker", "Text")]]
    for time, name, *words in rows:
        head = [cell(para(run(time))), cell(para(run(name)))]
        rows_xml.append(
            [*(head[::-1] if name_first else head), cell("".join(map(para, map(run, words))))]
        )
    doc = load_body(tmp_path / "timed.docx", para(run("Interview 7")) + table(*rows_xml))
    assert_read_as_timed_rows(doc)


def test_a_timecode_with_frames_and_a_row_number_column(tmp_path: Path) -> None:
    """Found by the transcripts review: a video editor's timecode (00:00:05:12) or a
    column of row numbers first, and each row's time was lost and left as a paragraph of
    the turn before."""
    rows = [
        ("1", "00:00:05:12", "Interviewer", "So how did you start?"),
        ("2", "00:00:09;03", "Participant", "By accident, really."),
    ]
    rows_xml = [[cell(para(run(text))) for text in row] for row in rows]
    # The row numbers and the frames are no one's words: left out, as the times are.
    doc = load_body(tmp_path / "smpte.docx", table(*rows_xml), left_out=["1 2 12 03"])
    assert doc.text == "Interviewer: So how did you start?\n\nParticipant: By accident, really.\n"
    assert [(turn.speaker, turn.start_ms) for turn in doc.turns] == [
        ("Interviewer", 5000),
        ("Participant", 9000),
    ]


def assert_read_as_timed_rows(doc: Document) -> None:
    """The table of the time-and-speaker tests (here and test_opendocument.py), read."""
    assert doc.text == (
        "Interview 7\n\nTime\n\nSpeaker\n\nText\n\n"
        "Interviewer: Thanks for coming. How did you come to Glasgow?\n\n"
        "Amal: We came in 2015.\n\nInterviewer: And work?\n\n"
        "Amal: Two jobs.\n\nI found work in a bakery.\n"
    )
    assert [(turn.speaker, turn.start_ms) for turn in doc.turns] == [
        ("Interviewer", 3000),
        ("Amal", 10_000),
        ("Interviewer", 65_000),
        ("Amal", 3_669_500),
    ]


def test_hidden_text_ruby_readings_text_boxes_and_alt_text_are_not_read(tmp_path: Path) -> None:
    """As in an .odt: hidden runs (Hidden set on the run or by its character style) and a
    ruby's reading are left out, a ruby's base is read (it was lost, reading and all); a
    text box's words and a picture's alt text are not the paragraph's."""
    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">a secret </w:t></w:r>'
    styled = '<w:r><w:rPr><w:rStyle w:val="Secret"/></w:rPr><w:t>MAYBE</w:t></w:r>'
    ruby = (
        "<w:r><w:ruby><w:rubyPr/><w:rt>" + run("かんじ") + "</w:rt>"
        "<w:rubyBase>" + run("漢字") + "</w:rubyBase></w:ruby></w:r>"
    )
    text_box = (
        '<w:r><w:drawing><wp:anchor><wp:docPr id="1" name="Box" descr="A map"/><a:graphic>'
        "<a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
        + para(run("Illustration 1: Map of the ward"))
        + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        "</w:drawing></w:r>"
    )
    doc = load_body(
        tmp_path / "hidden.docx",
        para(run("Ana: It is "), hidden, run("enough."))
        + para(run("Ana: Yes"), styled, run(" indeed."))
        + para(run("Interviewer: "), ruby, run(" okay?"))
        + para(run("Amal: Here is the map."), text_box, run(" Where is your desk?")),
        left_out=["a secret", "MAYBE", "かんじ", "Illustration 1: Map of the ward"],
        hidden_style="Secret",
    )
    assert doc.text == (
        "Ana: It is enough.\n\nAna: Yes indeed.\n\nInterviewer: 漢字 okay?\n\n"
        "Amal: Here is the map. Where is your desk?\n"
    )
