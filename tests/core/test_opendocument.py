"""OpenDocument text (reader/core/transcripts/opendocument.py): the words the document
shows are read, once, as a word processor lays them out.

Each document is a content.xml written here around a body of `text:` and `table:`
elements; each read is checked to hold the words of the body's text, each once, but those
the test names as left out.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from xml.etree import ElementTree

from reader.core.document import Document, load_document
from tests.core.test_word import assert_read_as_timed_rows

NAMESPACES = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
}
DECLARATIONS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
TIME_RE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?")


def load_body(path: Path, body: str, styles: str = "", left_out: Iterable[str] = ()) -> Document:
    """The document whose body is `body` and automatic styles `styles`, as the app opens it."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {DECLARATIONS}>'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    doc = load_document(path)
    root = ElementTree.fromstring(content)
    expected = words(" ".join(root.itertext())) - words(" ".join(left_out))
    assert words(doc.text) == expected, "a word lost or read twice"
    return doc


def words(text: str) -> Counter[str]:
    """The words of `text`, times aside: a time heading a turn is the turn's start."""
    return Counter(re.findall(r"\w+", TIME_RE.sub(" ", text)))


def para(text: str) -> str:
    return f"<text:p>{text}</text:p>"


def cell(text: str, columns: int = 1) -> str:
    spanned = f' table:number-columns-spanned="{columns}"' if columns > 1 else ""
    covered = "<table:covered-table-cell/>" * (columns - 1)
    return f"<table:table-cell{spanned}>{text}</table:table-cell>{covered}"


def test_time_speaker_and_speech_columns(tmp_path: Path) -> None:
    """A table of a time, a speaker's name and their words a row, read as the Word reader
    reads one: each row a turn that starts at its time. The header row, of another shape,
    is read a cell a paragraph; a cell merged across two columns is one cell."""
    rows = [
        ("00:00:03", "Interviewer", para("Thanks for coming. How did you come to Glasgow?")),
        ("00:00:10", "Amal:", para("We came in 2015.")),
        ("[00:01:05]", "Interviewer", para("And work?")),
        ("1:01:09.5", "Amal", para("Two jobs.") + para("I found work in a bakery.")),
    ]
    rows_xml = "".join(
        f"<table:table-row>{cell(para(time))}{cell(para(name))}{cell(speech, 1 + (i == 2))}"
        "</table:table-row>"
        for i, (time, name, speech) in enumerate(rows)
    )
    doc = load_body(
        tmp_path / "timed.odt",
        para("Interview 7")
        + '<table:table table:name="T"><table:table-column table:number-columns-repeated="4"/>'
        + "<table:table-header-rows><table:table-row>"
        + "".join(cell(para(title)) for title in ("Time", "Speaker", "Text"))
        + "</table:table-row></table:table-header-rows>"
        + rows_xml
        + "</table:table>",
    )
    assert_read_as_timed_rows(doc)


def test_alt_text_text_boxes_and_ruby_readings_are_not_speech(tmp_path: Path) -> None:
    """A picture's alt text, a text box's words (a caption, anchored in the paragraph or
    to the page) and a ruby's reading are not the paragraph's words (ODF 1.2 §6.1.1): they
    are left out, as the Word reader leaves out alt text and text boxes. They were glued
    into the sentence around them ("Look at this.ALTTITLE")."""
    picture = (
        '<draw:frame draw:name="Picture 1"><draw:image xlink:href="Pictures/1.png"/>'
        "<svg:title>Ward photo</svg:title><svg:desc>Beds along a wall</svg:desc></draw:frame>"
    )
    caption = (
        '<draw:frame draw:name="Frame1" text:anchor-type="paragraph"><draw:text-box>'
        f"<text:p>Illustration 1: Map of the ward{picture}</text:p></draw:text-box></draw:frame>"
    )
    ruby = (
        "<text:ruby><text:ruby-base>漢字</text:ruby-base>"
        "<text:ruby-text>かんじ</text:ruby-text></text:ruby>"
    )
    doc = load_body(
        tmp_path / "frames.odt",
        caption.replace('"paragraph"', '"page"')
        + para(f"Interviewer: Look at this.{picture} What is it?")
        + para(f"Amal: Here is the map.{caption} Where is your desk?")
        + para(f"Interviewer: {ruby} okay?"),
        left_out=["Ward photo Beds along a wall"] * 3
        + ["Illustration 1: Map of the ward"] * 2
        + ["かんじ"],
    )
    assert doc.text == (
        "Interviewer: Look at this. What is it?\n\n"
        "Amal: Here is the map. Where is your desk?\n\n"
        "Interviewer: 漢字 okay?\n"
    )


def test_hidden_text_is_left_out(tmp_path: Path) -> None:
    """Words Writer does not show: in a hidden character style or paragraph style, a hidden
    section, a hidden text field that is hidden, and a paragraph a hidden paragraph field
    hides. A hidden text field that shows, and a conditionally hidden section (its condition
    is not worked out here), are read."""
    styles = (
        '<style:style style:name="T1" style:family="text">'
        '<style:text-properties text:display="none"/></style:style>'
        '<style:style style:name="P1" style:family="paragraph">'
        '<style:text-properties text:display="none"/></style:style>'
    )
    hidden_field = (
        '<text:hidden-text text:condition="ooow:1" text:string-value="{0}" '
        'text:is-hidden="{1}">{0}</text:hidden-text>'
    )
    hidden_paragraph = '<text:hidden-paragraph text:condition="ooow:1" text:is-hidden="true"/>'
    doc = load_body(
        tmp_path / "hidden.odt",
        para('Ana: It is <text:span text:style-name="T1">a secret </text:span>enough.')
        + '<text:p text:style-name="P1">Note to self: ask again.</text:p>'
        + '<text:section text:name="S1" text:display="none">'
        + para("Interviewer: A draft question?")
        + "</text:section>"
        + para("Interviewer: And <text:span>now</text:span>?")
        + para(f"Ana: Yes{hidden_field.format('MAYBE', 'true')} indeed.")
        + para(f"Ana: {hidden_field.format('Truly', 'false')} yes.")
        + para(f"Ana: A paragraph hidden.{hidden_paragraph}")
        + '<text:section text:name="S2" text:display="condition" text:condition="ooow:0">'
        + para("Interviewer: Thanks.")
        + "</text:section>",
        styles,
        left_out=[
            "a secret",
            "Note to self: ask again.",
            "Interviewer: A draft question?",
            "MAYBE",
            "Ana: A paragraph hidden.",
        ],
    )
    assert doc.text == (
        "Ana: It is enough.\n\nInterviewer: And now?\n\nAna: Yes indeed.\n\n"
        "Ana: Truly yes.\n\nInterviewer: Thanks.\n"
    )


def test_white_space_collapses_as_the_format_says(tmp_path: Path) -> None:
    """ODF 1.2 §6.1.2: in a paragraph, a run of spaces, tabs and line ends in the XML's
    text is one space, and none at the paragraph's start (a pretty-printed content.xml's
    indents and line ends); only text:s, text:tab and text:line-break add space, as
    Writer writes them. The line ends were paragraphs of their own, the indents kept."""
    ruby = (
        "<text:ruby>\n  <text:ruby-base>漢字</text:ruby-base>\n"
        "  <text:ruby-text>かんじ</text:ruby-text>\n</text:ruby>"
    )
    bold_name = '<text:span text:style-name="T1">{}</text:span>'
    styles = (
        '<style:style style:name="T1" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
    )
    doc = load_body(
        tmp_path / "pretty.odt",
        "\n".join(
            [
                "<text:p>Interviewer: What do\n      you think?</text:p>",
                "<text:p>\n   Ana: I think   it is\n   fine.\n</text:p>",
                "<text:p>Interviewer: And <text:span> the\tnights</text:span> ?</text:p>",
                f"<text:p>\n  {bold_name.format('Ana')}\n  They are long.</text:p>",
                f"<text:p>  {bold_name.format('Interviewer')} Which {ruby}?</text:p>",
                f"<text:p>{bold_name.format('Ana')}\n One<text:s/>space,<text:s text:c='3'/>"
                "three, a<text:tab/>tab <text:s/>and<text:line-break/>  a line.</text:p>",
            ]
        ),
        styles,
        left_out=["かんじ"],
    )
    assert doc.text == (
        "Interviewer: What do you think?\n\nAna: I think it is fine.\n\n"
        "Interviewer: And the nights ?\n\nAna: They are long.\n\n"
        "Interviewer: Which 漢字?\n\n"
        "Ana: One space,   three, a\ttab  and\n\na line.\n"
    )
    assert [turn.speaker for turn in doc.turns] == ["Interviewer", "Ana"] * 3
