"""The undoable highlight commands (reader/ui/interview/commands.py) with a large codebook."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QTextCursor, QTextDocument, QUndoStack

from reader.core.annotations import Highlight, make_highlight
from reader.core.document import Document
from reader.core.session import Session
from reader.core.undo_crossing import Crossing
from reader.ui.interview.commands import (
    AddHighlightCommand,
    DeleteHighlightCommand,
    EditHighlightCommand,
    ImportHighlightsCommand,
    drop_left_alone,
)
from reader.ui.notes.quoting import QuoteStep

TEXT = "Q: How do night shifts start?\n\nA: With coffee and the handover.\n"


class Recorder:
    """A controller that only records what it is told."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.crossing = Crossing()
        self.quoted = frozenset  # no notes, no quotes
        self.told: list[tuple[Highlight | None, Highlight | None]] = []

    def structure_edited(self) -> None: ...

    def colors_edited(self) -> None: ...

    def highlight_edited(self, before: Highlight | None, after: Highlight | None) -> None:
        self.told.append((before, after))


def test_a_step_remembers_its_own_codes_not_the_whole_codebook(qtbot: Any) -> None:
    """With 1,000 codes, each step of the undo history kept a set of all their ids (33 kB):
    a day's coding held tens of megabytes. A step keeps the few it puts on."""
    session = Session.open(Document(TEXT, "t", "t.txt", "utf-8"), None)
    codes = [session.notes.codebook.create(f"Code {i}") for i in range(1000)]
    controller = Recorder(session)
    start = TEXT.index("coffee")
    coffee = make_highlight(TEXT, start, start + len("coffee")).edited(codes=(codes[0].id,))
    add = AddHighlightCommand(controller, coffee)
    add.redo()
    recoded = coffee.edited(codes=(codes[0].id, codes[1].id))
    edit = EditHighlightCommand(controller, coffee, recoded, "Code")
    edit.redo()
    assert add._codes_then == {codes[0].id}
    assert edit._codes_then == {codes[0].id, codes[1].id}
    session.notes.codebook.delete(codes[1].id)  # as the study's history does, meanwhile
    edit.undo()
    edit.redo()  # the deleted code stays off
    assert session.highlight(coffee.id).codes == (codes[0].id,)


def test_a_step_leaves_alone_what_another_program_changed_since_and_drops_out_when_all(
    qtbot: Any,
) -> None:
    """Another program's version merged in: an import's undo takes away only the passage
    that program left untouched; once it changed both, the step does nothing, obsolete."""
    session = Session.open(Document(TEXT, "t", "t.txt", "utf-8"), None)
    controller = Recorder(session)
    coffee, handover = (
        make_highlight(TEXT, TEXT.index(w), TEXT.index(w) + len(w)) for w in ("coffee", "handover")
    )
    imported = ImportHighlightsCommand(controller, [coffee, handover])
    imported.redo()
    controller.crossing.merged_outside([coffee.id])  # its note edited there, say
    later = AddHighlightCommand(controller, coffee)  # made after: that merge is no news
    imported.undo()
    assert [h.id for h in session.notes.highlights] == [coffee.id]
    later.undo()
    assert session.notes.highlights == []
    assert not imported.isObsolete()
    imported.redo()
    controller.crossing.merged_outside([handover.id])
    imported.look_outside()
    assert imported.isObsolete() and not later.isObsolete()


def test_a_step_made_of_others_drops_out_with_them(qtbot: Any) -> None:
    """Code Passage (a macro) and Quote in Notes (wrapping the highlight's own step) were
    never dropped when another program's change left what they wrap nothing to do: Undo
    spent a key press on them, and Quote in Notes took its quote out of the notes."""
    session = Session.open(Document(TEXT, "t", "t.txt", "utf-8"), None)
    controller = Recorder(session)
    stack = QUndoStack()
    coffee, handover = (
        make_highlight(TEXT, TEXT.index(w), TEXT.index(w) + len(w)) for w in ("coffee", "handover")
    )
    stack.beginMacro("Code Passage")
    stack.push(AddHighlightCommand(controller, coffee))
    stack.endMacro()
    quote = QuoteStep(AddHighlightCommand(controller, handover), lambda: None, print, handover.id)
    stack.push(quote)
    controller.crossing.merged_outside([handover.id])
    drop_left_alone(stack)
    assert [stack.command(i).text() for i in range(stack.count())] == ["Code Passage"]
    controller.crossing.merged_outside([coffee.id])
    drop_left_alone(stack)
    assert stack.count() == 0


def test_a_quote_redone_whose_highlight_is_not_there_is_not_put_back(qtbot: Any) -> None:
    """Redone when its highlight cannot come back (another program changed it since), the
    quote came back all the same, linking to nothing."""
    session = Session.open(Document(TEXT, "t", "t.txt", "utf-8"), None)
    controller = Recorder(session)
    coffee = make_highlight(TEXT, TEXT.index("coffee"), TEXT.index("coffee") + len("coffee"))
    notes = QTextDocument("My notes")

    def put_in() -> tuple[QTextCursor, str]:
        cursor = QTextCursor(notes)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(" > coffee")
        cursor.setPosition(len("My notes"), QTextCursor.MoveMode.KeepAnchor)
        return cursor, "Notes"

    quote = QuoteStep(AddHighlightCommand(controller, coffee), put_in, print, coffee.id)
    quote.redo()
    quote.undo()
    assert notes.toPlainText() == "My notes" and session.notes.highlights == []
    controller.crossing.merged_outside([coffee.id])
    quote.redo()
    assert notes.toPlainText() == "My notes" and session.notes.highlights == []


def test_undo_delete_puts_a_highlight_back_in_its_place_among_those_of_its_words(
    qtbot: Any,
) -> None:
    """Two highlights on the same words (two machines' notes merged, an import): deleting
    the first and undoing put it back after the second, the file's order swapped."""
    session = Session.open(Document(TEXT, "t", "t.txt", "utf-8"), None)
    start = TEXT.index("coffee")
    first, second = (make_highlight(TEXT, start, start + len("coffee")) for _ in range(2))
    session.add_highlight(first)
    session.add_highlight(second)
    delete = DeleteHighlightCommand(Recorder(session), first)
    delete.redo()
    delete.undo()
    assert [h.id for h in session.notes.highlights] == [first.id, second.id]
