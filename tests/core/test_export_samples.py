"""The sample session the export and import tests share, and checks that it is what they need.

Eight highlights on the bundled interview with fixed ids and timestamps: one in the
introduction, one in an aside, one in a question paragraph, one in an answer with a
multi-line note full of HTML and Markdown specials, one spanning two paragraphs, one with
a relabelled colour, one in the closing line, and one orphan.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader import APP_NAME, __version__
from reader.core.annotations import Highlight, make_highlight, quote_context
from reader.core.codebook import Codebook, codes_for_tags
from reader.core.document import Document, load_document
from reader.core.notes_file import NotesData
from reader.core.session import Session

ROOT = Path(__file__).parents[2]
BUNDLED = ROOT / "resources" / "her-smell-interview.txt"
GOLDEN = ROOT / "tests" / "data" / "golden"
# Golden files must not depend on where the repository is checked out.
SOURCE = "/interviews/her-smell-interview.txt"

SPECIAL_NOTE = (
    "Key method claim\n"
    "# not a heading\n"
    "> not a quote\n"
    "- not a list | not a table\n"
    "`code` *stars* _under_ [link](http://example.com) &amp;\n"
    "<script>alert(1)</script>\n"
    'He said "no improvising", twice.\n'
    "\n"
    "1. not numbered"
)
RESEARCH_NOTES = (
    "# Method\n"
    "\n"
    "- Everything scripted, rehearsed a day per act\n"
    "- <b>raw</b> & <script>alert(2)</script>\n"
    "\n"
    "![remote](http://example.com/pixel.png)\n"
    "\n"
    # Quotes link back to their highlight: one exported, one whose highlight is gone.
    "> is not interested in making movies [↩ Q1](#h-00000000-0000-4000-8000-000000000001)\n"
    "\n"
    "> a deleted passage [↩ Q9](#h-00000000-0000-4000-8000-999999999999)\n"
)
ORPHAN_QUOTE = "Zebra quartz vexing jumbo flights over the harbour."

# (quote, colour, note, tags)
SAMPLES: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("is not interested in making movies the way Hollywood wants him to", "yellow", "", ("intro",)),
    ("Sleigh Bells Singer Alexis Krauss", "blue", "Casting news link-out", ()),
    ("Was it all scripted and blocked out beforehand?", "orange", "", ("method",)),
    (
        "Everything in the movie is very specifically scripted. No improvising.",
        "green",
        SPECIAL_NOTE,
        ("method", "a|b", "c,d", '"quoted"', "#hash"),
    ),
    ("that my dad found and sent.\nYou’ve worked with Elizabeth", "pink", "", ()),
    ("the perfect sweet spot", "purple", "Music: between two genres.", ("music", "sound")),
    ("is in theaters now.", "yellow", "Release", ()),
]


def sample_id(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def stamp(n: int) -> str:
    return f"2026-01-{n:02d}T10:00:00+00:00"


def sample_document() -> Document:
    return replace(load_document(BUNDLED), source=SOURCE)


def sample_highlights(text: str, book: Codebook) -> list[Highlight]:
    """The sample highlights; their tags become codes in `book`."""
    highlights = []
    for n, (quote, color, note, tags) in enumerate(SAMPLES, start=1):
        start = text.index(quote)
        prefix, exact, suffix = quote_context(text, start, start + len(quote))
        highlights.append(
            Highlight(
                id=sample_id(n),
                start=start,
                end=start + len(quote),
                exact=exact,
                prefix=prefix,
                suffix=suffix,
                color=color,
                note=note,
                codes=codes_for_tags(tags, book),
                created=stamp(n),
                modified=stamp(n + 10),
            )
        )
    n = len(SAMPLES) + 1
    highlights.append(
        Highlight(
            id=sample_id(n),
            start=5000,
            end=5000 + len(ORPHAN_QUOTE),
            exact=ORPHAN_QUOTE,
            prefix="words that were before it ",
            suffix=" and after it",
            color="pink",
            note="Lost in revision",
            codes=codes_for_tags(("lost",), book),
            created=stamp(n),
            modified=stamp(n),
            orphan=True,
        )
    )
    return highlights


def sample_notes(document: Document) -> NotesData:
    notes = NotesData(document=document.meta())
    notes.colors["purple"] = "Theme & sound"
    notes.highlights = sample_highlights(document.text, notes.codebook)
    notes.notes = RESEARCH_NOTES
    return notes


def sample_session() -> Session:
    document = sample_document()
    return Session.open(document, sample_notes(document))


def empty_session() -> Session:
    return Session.open(sample_document(), None)


def many_highlights_session(count: int) -> Session:
    """`count` one-word highlights across the bundled interview, for progress tests."""
    session = empty_session()
    text = session.document.text
    for i in range(count):
        start = (i * 7) % (len(text) - 10)
        session.add_highlight(make_highlight(text, start, start + 5, "green"))
    return session


def unversioned(data: bytes) -> bytes:
    """`data` with the app's version masked, so a release does not change the golden files."""
    return data.replace(f"{APP_NAME} {__version__}".encode(), f"{APP_NAME} VERSION".encode())


# --- the sample itself ----------------------------------------------------------------


def test_sample_highlights_are_anchored_where_intended() -> None:
    """All but the orphan are kept at their offsets; the orphan stays an orphan."""
    session = sample_session()
    highlights = session.notes.highlights
    assert session.anchor_summary is None  # same text: no re-anchoring report
    assert [h.id for h in highlights if h.orphan] == [sample_id(8)]
    for h in highlights:
        if not h.orphan:
            assert session.document.text[h.start : h.end] == h.exact


def test_sample_covers_intro_aside_question_and_orphan() -> None:
    from reader.core.export.common import place

    session = sample_session()
    sections = {h.id: place(session, h).section for h in session.notes.highlights}
    assert sections == {
        sample_id(1): "intro",
        sample_id(2): "aside",
        sample_id(3): "q1",
        sample_id(4): "q1",
        sample_id(5): "q4",
        sample_id(6): "q8",
        sample_id(7): "q13",
        sample_id(8): "orphan",
    }
