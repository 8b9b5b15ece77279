"""Property test: any sequence of edits to a Session survives saving and reopening unchanged.

A hypothesis state machine opens a Session on a random document (emoji, combining marks,
CJK, RTL, speaker labels, CRLF before normalising), then adds, edits and deletes highlights,
sets the free-form notes, renames speakers and corrects roles with arbitrary Unicode.
After every step the notes go through serialise -> parse -> Session.open and must come back
identical, with every highlight still quoting its text and KEPT where it was.
"""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from reader.core.anchoring import AnchorStatus, reanchor_all
from reader.core.annotations import COLOR_IDS, make_highlight
from reader.core.codebook import codes_for_tags
from reader.core.document import Document, normalise
from reader.core.interview import Role
from reader.core.line_ends import lf_line_ends
from reader.core.notes_file import parse, serialise
from reader.core.session import Session
from reader.core.shorten import whole_characters

# Characters that tend to break offset arithmetic: combining marks, ZWJ emoji and flags,
# astral CJK, RTL letters and marks, BOM, line and paragraph separators, CR.
SPECIAL = [
    "e\u0301",
    "\u0308",
    "\u0327",
    "👩",
    "\u200d",
    "👧",
    "🇺",
    "🇦",
    "🎬",
    "✍️",
    "中",
    "文",
    "𠀋",
    "ا",
    "ل",
    "ש",
    "\u200f",
    "\u202e",
    "\ufeff",
    "\u2028",
    "\u2029",
    "\r\n",
    "\r",
    "\n",
    "\t",
    " ",
    ":",
    "?",
]
# Any code point but lone surrogates (not encodable as UTF-8 or JSON).
ANY_CHAR = st.characters(blacklist_categories=("Cs",))
# Document text: no NUL, as load_document would refuse binary files.
DOC_CHAR = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


def unicode_text(
    chars: st.SearchStrategy[str], max_size: int, min_size: int = 0
) -> st.SearchStrategy[str]:
    """Strings of `chars` mixed with SPECIAL pieces (some are two code points long)."""
    pieces = st.lists(chars | st.sampled_from(SPECIAL), min_size=min_size, max_size=max_size)
    return pieces.map("".join)


UNICODE = unicode_text(ANY_CHAR, 40)
LABELS = ["", "", "Q: ", "A: ", "Zoë: ", "李明: ", "محمد: ", "[00:01] Interviewer: ", "Guest: "]
LINE = st.builds(
    lambda label, body: label + body,
    st.sampled_from(LABELS),
    unicode_text(DOC_CHAR, 40, min_size=1),
)
DOC_TEXT = st.builds(
    lambda sep, lines: sep.join(lines),
    st.sampled_from(["\n", "\r\n", "\n\n"]),
    st.lists(LINE, min_size=1, max_size=8),
)


class EditAndReopen(RuleBasedStateMachine):
    session: Session

    @initialize(text=DOC_TEXT, title=UNICODE)
    def open_document(self, text: str, title: str) -> None:
        document = Document(
            text=normalise(text), title=title, source="/tmp/x.txt", encoding="utf-8"
        )
        self.session = Session.open(document, None)

    @property
    def text(self) -> str:
        return self.session.document.text

    # Edits -------------------------------------------------------------------------------

    @rule(data=st.data(), count=st.integers(1, 3))
    def add_highlights(self, data: st.DataObject, count: int) -> None:
        """Add 1-3 highlights, some on the span of an earlier one (equal sort keys)."""
        n = len(self.text)
        for _ in range(count):
            spans = [(h.start, h.end) for h in self.session.notes.highlights]
            if spans and data.draw(st.booleans(), label="same span as another"):
                start, end = data.draw(st.sampled_from(spans), label="span")
            else:
                start = data.draw(st.integers(0, n - 1), label="start")
                end = data.draw(st.integers(start + 1, min(n, start + 200)), label="end")
                # Whole characters, as the app makes them: reopening widens any other.
                start, end = whole_characters(self.text, start, end)
            color = data.draw(st.sampled_from(COLOR_IDS), label="color")
            self.session.add_highlight(make_highlight(self.text, start, end, color))

    @precondition(lambda self: self.session.notes.highlights)
    @rule(
        data=st.data(),
        note=st.none() | UNICODE.map(lf_line_ends),  # as the note dialog gives it
        tags=st.none() | st.lists(UNICODE, max_size=4).map(tuple),
        color=st.none() | st.sampled_from(COLOR_IDS) | UNICODE,
    )
    def edit_highlight(
        self,
        data: st.DataObject,
        note: str | None,
        tags: tuple[str, ...] | None,
        color: str | None,
    ) -> None:
        old = data.draw(st.sampled_from(self.session.notes.highlights), label="highlight")
        codes = None if tags is None else codes_for_tags(tags, self.session.notes.codebook)
        changes = {"note": note, "codes": codes, "color": color}
        new = old.edited(**{key: value for key, value in changes.items() if value is not None})
        assert self.session.replace_highlight(new) == old

    @precondition(lambda self: self.session.notes.highlights)
    @rule(data=st.data())
    def delete_highlight(self, data: st.DataObject) -> None:
        old = data.draw(st.sampled_from(self.session.notes.highlights), label="highlight")
        assert self.session.remove_highlight(old.id) == old
        assert self.session.highlight(old.id) is None

    @rule(notes=unicode_text(ANY_CHAR, 200).map(lf_line_ends))  # as the editor holds them
    def set_notes(self, notes: str) -> None:
        self.session.notes.notes = notes

    @rule(data=st.data(), new_name=st.none() | UNICODE)
    def rename_speaker(self, data: st.DataObject, new_name: str | None) -> None:
        """Rename a detected speaker (or any name); None renames it back to itself."""
        detected = sorted({seg.speaker for seg in self.session.detected if seg.speaker})
        names = st.sampled_from(detected) | UNICODE if detected else UNICODE
        name = data.draw(names, label="detected name")
        self.session.rename_speaker(name, name if new_name is None else new_name)

    @rule(data=st.data(), role=st.sampled_from(list(Role)))
    def set_role(self, data: st.DataObject, role: Role) -> None:
        starts = [seg.start for seg in self.session.detected]
        anywhere = st.integers(0, len(self.text))
        start = data.draw(st.sampled_from(starts) | anywhere if starts else anywhere, "start")
        self.session.set_role(start, role)

    # What must hold after any sequence of edits ------------------------------------------

    @invariant()
    def highlights_quote_the_text(self) -> None:
        for h in self.session.notes.highlights:
            assert self.text[h.start : h.end] == h.exact

    @invariant()
    def round_trips_through_the_file(self) -> None:
        notes = self.session.notes
        parsed = parse(serialise(notes))
        assert parsed.to_json() == notes.to_json()
        assert parsed.highlights == notes.highlights
        assert parsed == notes
        for h in parsed.highlights:
            assert self.text[h.start : h.end] == h.exact

        results, summary = reanchor_all(self.text, parsed.highlights)
        assert [r.status for r in results] == [AnchorStatus.KEPT] * len(results)
        assert [r.highlight for r in results] == notes.highlights
        assert summary.kept == len(notes.highlights)

        reopened = Session.open(self.session.document, parse(serialise(notes)))
        assert reopened.anchor_summary is None  # same text: no "document changed" message
        assert reopened.notes.highlights == notes.highlights
        assert reopened.notes.to_json() == notes.to_json()
        assert reopened.segments == self.session.segments
        assert serialise(reopened.notes) == serialise(notes)


EditAndReopen.TestCase.settings = settings(max_examples=150, stateful_step_count=20, deadline=None)
TestEditAndReopen = EditAndReopen.TestCase


def test_a_fresh_session_round_trips() -> None:
    """The smallest case the state machine starts from: no edits at all."""
    document = Document(text="Q: 👋?\nA: ok", title="t", source="/tmp/x.txt", encoding="utf-8")
    notes = Session.open(document, None).notes
    assert parse(serialise(notes)) == notes
