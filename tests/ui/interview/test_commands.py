"""The undoable highlight commands (reader/ui/interview/commands.py) with a large codebook."""

from __future__ import annotations

from typing import Any

from reader.core.annotations import Highlight, make_highlight
from reader.core.document import Document
from reader.core.session import Session
from reader.core.undo_crossing import Crossing
from reader.ui.interview.commands import AddHighlightCommand, EditHighlightCommand

TEXT = "Q: How do night shifts start?\n\nA: With coffee and the handover.\n"


class Recorder:
    """A controller that only records what it is told."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.crossing = Crossing()
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
