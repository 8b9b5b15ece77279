"""The chips' labels of notes set aside follow their file only where nothing else differs
(reader/core/chip_relabel.py)."""

from __future__ import annotations

from reader.core.chip_relabel import chips_as_in, edited, rename_edits

BEFORE = "> Ten years [↩\u00a0Ruth, Q1](#h-a)\n\nMine [↩ my label](#h-b)\n"
AFTER = BEFORE.replace("Ruth, Q1", "Ruth Okafor, Q1")


def test_the_labels_written_are_taken() -> None:
    edits = chips_as_in(BEFORE, AFTER)
    assert edited(BEFORE, edits) == AFTER


def test_notes_that_differ_otherwise_are_left() -> None:
    assert chips_as_in(BEFORE + "typed since\n", AFTER) == []


def test_a_rename_leaves_chips_typed_as_code() -> None:
    # A Rename in Study relabels the chips of the passages renamed; the same chip in a
    # fenced block (``` or ~~~) or a code span is what the user typed: as it is.
    chip = "[↩\u00a0Ruth, Q1](#h-a)"
    notes = (
        f"> Ten years {chip}\n\n"
        f"```\n{chip}\n```\n\n"
        f"~~~markdown\n> quoted {chip}\n~~~\n\n"
        f"A chip looks like `{chip}` in Markdown, or ``{chip}``.\n"
    )
    renamed = {"a": (("Ruth", "Q1"), ("Ruth Okafor", "Q1"))}
    relabelled = edited(notes, rename_edits(notes, renamed, back=False))
    assert relabelled == notes.replace(chip, "[↩\u00a0Ruth Okafor, Q1](#h-a)", 1)
    assert edited(relabelled, rename_edits(relabelled, renamed, back=True)) == notes
