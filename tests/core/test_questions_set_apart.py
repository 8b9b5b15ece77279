"""Q&As whose questions are set apart in bold or as headings rather than by a question
mark (interview._set_apart, _questions_set_apart): in Markdown, Word and Writer files, the
paragraphs so set are the questions, the plain ones after them the answers. Word and
Writer files keep that formatting as spans the reader shows."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.core.document import Document, Span, load_document
from reader.core.interview import Role, detect_segments
from reader.core.structure_cache import cache_key, detected_segments
from tests.core.test_opendocument import load_body, para
from tests.core.test_transcripts import write_docx

MAGAZINE_MD = """\
# Talking to Ana Ruiz

Ana Ruiz has made three films about the sea. We met in Lisbon.

**On growing up by the water.**

I was born in a fishing town. My father went out every night.

It shaped everything I made later.

**Your first film.**

It was a short, made with friends, on borrowed cameras.

## The storm

**The new one, and its storm scenes**

We shot them in a tank in Malta. It was cold.
"""


def roles(document: Document) -> list[tuple[Role, str]]:
    return [(seg.role, document.text[seg.start : seg.end]) for seg in detected_segments(document)]


def test_bold_markdown_questions_without_question_marks(tmp_path: Path) -> None:
    path = tmp_path / "ruiz.md"
    path.write_text(MAGAZINE_MD, encoding="utf-8")
    assert roles(load_document(path)) == [
        (Role.INTRO, "Talking to Ana Ruiz"),  # the title goes with the introduction
        (Role.INTRO, "Ana Ruiz has made three films about the sea. We met in Lisbon."),
        (Role.QUESTION, "On growing up by the water."),
        (Role.ANSWER, "I was born in a fishing town. My father went out every night."),
        (Role.ANSWER, "It shaped everything I made later."),
        (Role.QUESTION, "Your first film."),
        (Role.ANSWER, "It was a short, made with friends, on borrowed cameras."),
        (Role.ASIDE, "The storm"),  # a part's heading, above a question
        (Role.QUESTION, "The new one, and its storm scenes"),
        (Role.ANSWER, "We shot them in a tank in Malta. It was cold."),
    ]


def test_headings_as_questions(tmp_path: Path) -> None:
    path = tmp_path / "headings.md"
    path.write_text(
        "## Where you grew up\n\nBy the sea.\n\n## What came next\n\nThe city, then films.\n",
        encoding="utf-8",
    )
    assert [role for role, _ in roles(load_document(path))] == [
        Role.QUESTION,
        Role.ANSWER,
        Role.QUESTION,
        Role.ANSWER,
    ]


def test_section_headings_in_a_q_and_a_of_question_marks_stay_asides_of_it(
    tmp_path: Path,
) -> None:
    """Questions asked in plain paragraphs, bold headings over parts of the talk: the
    question marks say what asks, and the headings are no questions."""
    path = tmp_path / "parts.md"
    path.write_text(
        "**Childhood**\n\nWhere did you grow up?\n\nBy the sea.\n\nWas it hard?\n\n"
        "Sometimes.\n\n**Work**\n\nWhat came next?\n\nThe city.\n\nAnd then?\n\nFilms.\n",
        encoding="utf-8",
    )
    asked = [text for role, text in roles(load_document(path)) if role == Role.QUESTION]
    assert asked == ["Where did you grow up?", "Was it hard?", "What came next?", "And then?"]


def test_one_bold_line_or_a_text_all_in_bold_sets_nothing_apart() -> None:
    text = "Intro.\n\nBold line.\n\nAn answer to nothing.\n\nDid you?\n\nYes.\n"
    one = [Span(text.index("Bold"), text.index("Bold") + len("Bold line."), "strong")]
    assert detect_segments(text, (), one) == detect_segments(text)
    everything = [Span(0, len(text), "strong")]
    assert detect_segments(text, (), everything) == detect_segments(text)


def test_a_bold_word_inside_a_paragraph_sets_nothing_apart() -> None:
    text = "First: **bold** word.\n\nSecond.\n\nThird: bold word.\n\nFourth.\n"
    spans = [Span(text.index("bold"), text.index("bold") + 4, "strong")]
    spans.append(Span(text.index("Third"), text.index("Third") + 5, "strong"))
    assert detect_segments(text, (), spans) == detect_segments(text)


def test_word_bold_paragraphs_and_heading_styles(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Talking to Ana Ruiz", style="Title")
    document.add_paragraph("We met in Lisbon.")
    for question, answer in [
        ("On the water.", "I was born there."),
        ("Your first film", "A short."),
    ]:
        document.add_paragraph().add_run(question).bold = True
        document.add_paragraph(answer)
    document.add_paragraph("Second part", style="Heading 2")
    document.add_paragraph().add_run("And next").bold = True
    document.add_paragraph("A comedy.")
    path = tmp_path / "ruiz.docx"
    document.save(str(path))

    read = load_document(path)
    shown = [(read.text[span.start : span.end], span.kind) for span in read.spans]
    assert shown == [
        ("Talking to Ana Ruiz", "heading1"),
        ("On the water.", "strong"),
        ("Your first film", "strong"),
        ("Second part", "heading2"),
        ("And next", "strong"),
    ]
    assert [role for role, _ in roles(read)] == [
        Role.INTRO,
        Role.INTRO,
        Role.QUESTION,
        Role.ANSWER,
        Role.QUESTION,
        Role.ANSWER,
        Role.ASIDE,
        Role.QUESTION,
        Role.ANSWER,
    ]


def test_a_word_style_based_on_a_heading_is_a_heading(tmp_path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    asking = document.styles.add_style("Asking", WD_STYLE_TYPE.PARAGRAPH)
    asking.base_style = document.styles["Heading 3"]
    for question, answer in [("The sea", "Always."), ("The city", "Never.")]:
        document.add_paragraph(question, style="Asking")
        document.add_paragraph(answer)
    path = tmp_path / "styled.docx"
    document.save(str(path))
    read = load_document(path)
    assert {span.kind for span in read.spans} == {"heading3"}
    assert [role for role, _ in roles(read)] == [Role.QUESTION, Role.ANSWER] * 2


def test_bold_speaker_names_are_labels_not_set_apart(tmp_path: Path) -> None:
    """A bold name opening its paragraph stays a speaker's label: no span, no change."""
    said = [("Ana: Hello there.", 3), ("Ben: Hi.", 3), ("Ana: Shall we?", 3), ("Ben: Yes.", 3)]
    read = load_document(write_docx(tmp_path / "names.docx", said))
    assert read.spans == ()
    assert [seg.speaker for seg in detected_segments(read)] == ["Ana", "Ben", "Ana", "Ben"]


def test_writer_headings_and_bold_paragraphs(tmp_path: Path) -> None:
    styles = (
        '<style:style style:name="B" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
    )
    body = (
        '<text:h text:outline-level="2">Where you grew up</text:h>'
        + para("By the sea.")
        + para('<text:span text:style-name="B">What came next</text:span>')
        + para("The city, then films.")
    )
    read = load_body(tmp_path / "talk.odt", body, styles)
    shown = [(read.text[span.start : span.end], span.kind) for span in read.spans]
    assert shown == [("Where you grew up", "heading2"), ("What came next", "strong")]
    assert [role for role, _ in roles(read)] == [Role.QUESTION, Role.ANSWER] * 2


def test_the_structure_cache_keys_the_formatting_too() -> None:
    spans = (Span(0, 4, "strong"),)
    assert cache_key("0" * 64, "text", ()) != cache_key("0" * 64, "text", (), spans)


@given(
    st.lists(
        st.tuples(st.text(alphabet="ab ?\n", max_size=12), st.sampled_from(["", "strong"])),
        max_size=12,
    )
)
def test_every_paragraph_has_one_segment_whatever_is_set_apart(
    pieces: list[tuple[str, str]],
) -> None:
    text, spans = "", []
    for piece, kind in pieces:
        if kind:
            spans.append(Span(len(text), len(text) + len(piece), kind))
        text += piece + "\n\n"
    plain = detect_segments(text)
    segments = detect_segments(text, (), spans)
    assert [(seg.start, seg.end) for seg in segments] == [(seg.start, seg.end) for seg in plain]
