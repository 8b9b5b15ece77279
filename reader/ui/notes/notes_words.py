"""The notes pane's words: the hints its empty editor shows, its widgets' accessible
names, and why a key or an Edit item of its own does nothing."""

from __future__ import annotations

HINT = (
    "Your research notes, in Markdown.\n\n"
    "Select words in the interview and press H (or 1–6) to highlight them, "
    "Q to quote them here."
)
MEMO_HINT = (
    "The study memo: themes, comparisons and decisions across the interviews, in Markdown "
    "(memo.md in the study folder).\n\n"
    "Select words in an interview and press Q to quote them here, with a link back."
)
NO_PICTURES = "The notes hold text alone: a picture is not pasted into them."
TAB_AT_LINE_START = (
    "Tab indents list items; at a line's start it would make the line a code block. "
    "Ctrl+Tab leaves the notes."
)
# Escape in the notes: it goes back to the reader from the other panes, not from where one
# writes (what was typed next would go to the reader's keys, H highlighting).
ESCAPE_STAYS = (
    "Escape leaves the notes alone, so what you type next stays here: "
    "Ctrl+1 goes back to the interview, F6 to the next pane."
)
NOTHING_OPEN_HINT = (
    "No interview is open, so there are no notes to write in.\n\n"
    "Open an interview from the Library (View ▸ Library), or with File ▸ Open Interview…"
)


# The editor's accessible name and description, by what it shows (is it the study memo).
EDITOR_NAMES = {
    False: (
        "Research notes",
        "Your notes on the interview, in Markdown; saved as you type; Ctrl+Tab leaves them",
    ),
    True: (
        "Study memo",
        "Notes across the study's interviews, in Markdown; saved as you type; Ctrl+Tab leaves it",
    ),
}
PREVIEW_NAMES = {
    False: ("Notes preview", "Your notes rendered; links lead back to the passage"),
    True: ("Study memo preview", "The study memo rendered; links open the interview quoted"),
}
ONLY_IN_NOTES = "Only in the research notes or the study memo: Ctrl+2 goes to the notes"
NOTES_READ_ONLY = "These notes cannot be changed now: the line above the panes says why"


def link_tip(url: str) -> str:
    """What following a link of the notes does, shown as the pointer rests on it: nothing
    on screen said that Ctrl+click (Ctrl+Enter, the caret in it) follows it; "" for none."""
    if "#h-" in url:
        return "Ctrl+click or Ctrl+Enter goes to the quoted passage"
    if "#t=" in url:
        return "Ctrl+click or Ctrl+Enter plays the recording from there"
    if url.startswith(("http://", "https://", "mailto:")):
        return "Ctrl+click opens it in your browser or mail program"
    return "Ctrl+click or Ctrl+Enter goes to that heading" if url.startswith("#") else ""
