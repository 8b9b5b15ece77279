"""Why the open notes or study cannot be changed here, worded once.

Every place that says so uses these words: the tips of the actions greyed out for it, the
Speakers dialog, the status bar when a change is refused, the save state's tip, the
recording's and the codebook's refusals. The banner at opening says the same and names
who holds the file. The reason is the cause's, so a study saved by a newer build never
says another window has it.
"""

from __future__ import annotations

from enum import Enum


class ReadOnly(Enum):
    """What keeps the notes (or the study) from being written here, as the user reads it."""

    NOTES_IN_USE = (
        "These notes are read-only here: another Interview Reader window is editing them."
    )
    NOTES_FILE = "These notes are read-only: their file cannot be changed by this Interview Reader."
    # Nothing of the file was read (it could not be opened, or nothing of a newer format was
    # understood): saving "them" elsewhere would save nothing and leave the file behind.
    # A newer build's notes too, of which nothing was understood: "could not be read" alone
    # read as a damaged file, beside the banner saying none of them was lost.
    NOTES_UNREAD = (
        "These notes are read-only: this Interview Reader cannot read their file (it could "
        "not be opened, or a newer one wrote it), so it is left as it is."
    )
    # Opened while another program wrote the file (reader/core/half_written.py): nothing
    # read yet, and opened again once that write is done.
    NOTES_BEING_WRITTEN = (
        "These notes are read-only for a moment: another program is still writing their "
        "file, and they open again by themselves once it is done."
    )
    STUDY_IN_USE = "The study is read-only here: another Interview Reader window has it open."
    STUDY_FILE = "The study is read-only: it was saved by a newer Interview Reader."
    STUDY_FOLDER = (
        "The study is read-only: its folder cannot be written here (a read-only disk or "
        "share); a copy of the folder somewhere you can write can be worked in."
    )


# What a window that has the notes or the study read-only says of the other window's change
# it shows (the banner says why it is read-only).
UPDATED_BY_WINDOW = "Updated from the other window."

# An interview on its own can move its notes to a file of their own, which it can write; an
# interview of a study keeps its notes in the study (Save Notes As… only copies them).
SAVE_AS_WAY_OUT = "File ▸ Save Notes As… keeps them in a file you can change."


def why_read_only(cause: ReadOnly | None, *, in_study: bool = False, then: str = "") -> str:
    """The reason, `then` (what it means where it is said), and the way out where there is
    one; "" when nothing is read-only."""
    if cause is None:
        return ""
    notes = cause in (ReadOnly.NOTES_IN_USE, ReadOnly.NOTES_FILE)
    way_out = SAVE_AS_WAY_OUT if notes and not in_study else ""
    return " ".join(part for part in (cause.value, then, way_out) if part)
