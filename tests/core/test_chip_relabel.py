"""The chips' labels of notes set aside follow their file only where nothing else differs
(reader/core/chip_relabel.py)."""

from __future__ import annotations

from reader.core.chip_relabel import chips_as_in, edited

BEFORE = "> Ten years [↩\u00a0Ruth, Q1](#h-a)\n\nMine [↩ my label](#h-b)\n"
AFTER = BEFORE.replace("Ruth, Q1", "Ruth Okafor, Q1")


def test_the_labels_written_are_taken() -> None:
    edits = chips_as_in(BEFORE, AFTER)
    assert edited(BEFORE, edits) == AFTER


def test_notes_that_differ_otherwise_are_left() -> None:
    assert chips_as_in(BEFORE + "typed since\n", AFTER) == []
