"""The keys the panes handle themselves (not through an action), in one table per pane: what
Help ▸ Keyboard Shortcuts (F1, window/shortcuts.py) lists, and what each pane's key
handling is checked against (tests/ui/test_keys.py sends every key and fails on one a pane
handles that its table leaves out). The actions' keys are listed from the actions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaneKey:
    """A key of a pane, as the keyboard help lists it."""

    keys: str  # as the user reads it
    does: str
    presses: tuple[str, ...] = ()  # the keys as QKeySequence strings ("Alt+Up", "Del")


DIGITS = tuple(str(n) for n in range(1, 7))

# reading/reader_view.py, ReaderView._highlight_key (and its menu, its Ctrl+click)
READER = (
    PaneKey(
        "H, or 1–6",
        "Highlight the selection: H in the colour you highlighted with last (1 at first), "
        "1–6 in that colour",
        ("H", *DIGITS),
    ),
    PaneKey("N (on a selection)", "Highlight it and write its note", ("N",)),
    PaneKey(
        "C or T (on a selection)",
        "Code it: type to find a code, Enter applies it, Ctrl+Enter one more",
        ("C", "T"),
    ),
    PaneKey("Q", "Quote the selection or highlight in your notes, with a link back", ("Q",)),
    PaneKey("1–6 (on a highlight)", "Change its colour", DIGITS),
    PaneKey("N (on a highlight)", "Edit its note", ("N",)),
    PaneKey(
        "C or T (on a highlight)",
        "Its codes, ticked: Enter adds one, Delete takes a ticked one off",
        ("C", "T"),
    ),
    PaneKey("Delete or Backspace (on a highlight)", "Delete it", ("Del", "Backspace")),
    PaneKey(
        "Escape",
        "Clear the selection (in the find bar: close it); with none, dismiss the message "
        "above the panes when it asks nothing",
        ("Esc",),
    ),
    PaneKey("Shift+arrows", "Select text with the keyboard"),
    PaneKey(
        "Menu key or Shift+F10",
        "The menu of the selection, highlight or paragraph",
        ("Menu",),
    ),
    PaneKey("Ctrl+click a paragraph", "Play the recording from there"),
)

# notes/notes_editor.py
NOTES = (
    PaneKey(
        "Enter (in a list or quote)",
        "Continue it; on an empty item, end it (a nested one goes a level out)",
        ("Return", "Enter"),
    ),
    PaneKey(
        "Tab / Shift+Tab (in a list)",
        "Indent / outdent the item, or every line selected",
        ("Tab", "Backtab"),
    ),
    PaneKey(
        "Ctrl+Tab / Ctrl+Shift+Tab",
        "Leave the notes for the next / previous field, as Tab does elsewhere (Tab indents "
        "here); F6 goes round the panes",
    ),
    PaneKey(
        "Escape",
        "Stays in the notes, so what you type goes on here (elsewhere it goes back to the "
        "reader): Ctrl+1 goes there",
    ),
    PaneKey("Ctrl+click a link", "Follow it to the passage"),
    PaneKey(
        "Ctrl+Enter (in or just after a link)",
        "Follow it: to the passage, or play from its time",
        ("Ctrl+Return", "Ctrl+Enter"),
    ),
    # notes/notes_pane.py: Qt's tab bar above the editor, Ctrl+Shift+Tab away
    PaneKey("Left / Right (on the tabs above, in a study)", "The interview's notes / the memo"),
)

# escape_back.py: Escape left unused by a control (a list, a drop-down, a button…)
BACK_TO_READER = PaneKey("Escape", "Back to the reader")

# annotations/panel.py, AnnotationsPanel.eventFilter (and its row menu, _context_menu)
ANNOTATIONS = (
    PaneKey("Enter", "Go to the highlight", ("Return", "Enter")),
    PaneKey("F2", "Edit its note", ("F2",)),
    PaneKey(
        "Delete or Backspace",
        "Delete the highlight, or every one selected (Shift+Up/Down or Ctrl+click select "
        "several): one step, Ctrl+Z brings them back",
        ("Del", "Backspace"),
    ),
    PaneKey("Menu key or Shift+F10", "Its menu: go to it, edit its note, delete it", ("Menu",)),
    PaneKey("Typing a letter or digit", "Filter the list: the filter takes what you type"),
    PaneKey("Down or Enter (in the filter)", "From the filter to the list"),
    BACK_TO_READER,
)

# library/library_panel.py, LibraryPanel.eventFilter (and the table's edit key, F2)
LIBRARY = (
    PaneKey("Enter", "Open the interview", ("Return", "Enter")),
    PaneKey("F2", "Rename it (or edit the cell)", ("F2",)),
    PaneKey(
        "Delete or Backspace (on a participant, date or attribute)",
        "Clear the cell's value (Ctrl+Z brings it back)",
        ("Del", "Backspace"),
    ),
    PaneKey(
        "Delete (on the title)",
        "Remove the interview from the study (its transcript and notes stay)",
        ("Del",),
    ),
    PaneKey("Alt+Up / Alt+Down", "Move it up / down in the study's order", ("Alt+Up", "Alt+Down")),
    PaneKey("Home / End", "The first / last interview", ("Home", "End")),
    PaneKey(
        "Menu key or Shift+F10",
        "Its menu: open, rename, locate, move, clear the cell, remove, the column's attribute, "
        "sort by the column, study order, columns",
        ("Menu",),
    ),
    PaneKey("Typing a letter or digit", "Filter the list: the filter takes what you type"),
    PaneKey("Ctrl+F (in the Library)", "Go to the filter", ("Ctrl+F",)),
    PaneKey("Down or Enter (in the filter)", "From the filter to the list"),
    PaneKey("Ctrl+Z (in the Library)", "Undo the last change to the study"),
    BACK_TO_READER,
)

# codebook/panel.py, CodebookPanel._key (and the tree's edit key, F2, and Enter)
CODEBOOK = (
    PaneKey("Insert", "New code beside the current one", ("Ins",)),
    PaneKey("Shift+Insert", "New sub-code of the current one", ("Shift+Ins",)),
    PaneKey("F2", "Rename the code", ("F2",)),
    PaneKey("Delete", "Delete the code (it says how many passages lose it)", ("Del",)),
    PaneKey("Ctrl+M", "Merge it into another code: its passages join that one", ("Ctrl+M",)),
    PaneKey("Alt+Up / Alt+Down", "Move it among its siblings", ("Alt+Up", "Alt+Down")),
    PaneKey(
        "Alt+Left / Alt+Right",
        "Move it out of its parent / into the code above",
        ("Alt+Left", "Alt+Right"),
    ),
    PaneKey("Ctrl+Shift+M", "Move it under a code chosen from the whole tree", ("Ctrl+Shift+M",)),
    PaneKey(
        "Escape (in the code's description)",
        "Stays there, so what you type goes on there: Tab goes on, Ctrl+1 to the reader",
    ),
    PaneKey("Enter", "Its coded passages", ("Return", "Enter")),
    PaneKey(
        "Menu key or Shift+F10",
        "Its menu: passages, rename, colour, merge, move, delete, new",
        ("Menu",),
    ),
    BACK_TO_READER,
)

# find/find_bar.py: FindBar.eventFilter (Enter), its option buttons' shortcuts, Escape
FIND = (
    PaneKey(
        "Enter / Shift+Enter",
        "The next / previous match",
        ("Return", "Enter", "Shift+Return", "Shift+Enter"),
    ),
    PaneKey("Alt+A", "Match case", ("Alt+A",)),
    PaneKey("Alt+W", "Whole word", ("Alt+W",)),
    PaneKey("Alt+R", "Regular expression", ("Alt+R",)),
    PaneKey(
        "Alt+D",
        'Match diacritics: off, "siobhan" finds "Siobhán" and "it\'s" finds "it’s"',
        ("Alt+D",),
    ),
    PaneKey("Escape", "Close the bar; the match stays selected, for H", ("Esc",)),
    PaneKey("Ctrl+H", "Replace too, finding in the notes or the memo", ("Ctrl+H",)),
    PaneKey(
        "Enter / Ctrl+Alt+Enter (in Replace with)",
        "Replace the match shown, then show the next / replace every match",
        ("Return", "Enter", "Ctrl+Alt+Return", "Ctrl+Alt+Enter"),
    ),
)

# outline/outline.py: the list's activation (Enter, a click)
OUTLINE = (
    PaneKey("Enter", "Go to the question; the focus goes to the reader", ("Return", "Enter")),
    BACK_TO_READER,
)

# find/search_panel.py, SearchPanel.eventFilter, and its option buttons (find_options)
SEARCH = (
    PaneKey(
        "Enter, Down or Page Down (in the field)",
        "To the results (Enter: every result found, to go through them)",
        ("Return", "Enter", "Down", "PgDown"),
    ),
    PaneKey("Up (on the first result)", "Back to the field", ("Up",)),
    PaneKey("Enter (on a result)", "Go to it"),
    PaneKey("Shift+Up / Down, Ctrl+click (on the results)", "Select several results"),
    PaneKey(
        "Ctrl+C (on the results)",
        "Copy the results selected, each with its interview, question, speaker and time",
        ("Ctrl+C",),
    ),
    PaneKey(
        "Menu key or Shift+F10 (on a result)",
        "Its menu: go to it, copy, export the results as Markdown, HTML or CSV",
        ("Menu",),
    ),
    BACK_TO_READER,
    *(row for row in FIND if row.presses and row.presses[0].startswith("Alt+")),
)

# codebook/retrieval.py (Coded Passages) and picture_view.py (Pictures of the Coding)
CODED_PASSAGES = (
    PaneKey("Up / Down", "The previous / next passage, shown below the list"),
    PaneKey("Enter", "Go to the passage in its interview", ("Return", "Enter")),
)
PICTURES = (
    PaneKey("Arrows", "Move from cell to cell", ("Up", "Down", "Left", "Right")),
    PaneKey("Enter", "The cell's coded passages", ("Return", "Enter")),
)
# help/user_guide.py (Help ▸ User Guide)
USER_GUIDE = (
    PaneKey("Ctrl+F", "Find in the guide", ("Ctrl+F",)),
    PaneKey("Enter / Shift+Enter (in its find field)", "The next / previous place found"),
    PaneKey("Alt+Left", "Back to where a section's link was followed from", ("Alt+Left",)),
    PaneKey("Escape", "Close the guide", ("Esc",)),
)

# recording/player_bar.py: the position slider's steps (a second, five), each a seek; Space
RECORDING = (
    PaneKey(
        "Left / Right (on the position slider)",
        "Back / forward a second",
        ("Left", "Right"),
    ),
    PaneKey(
        "Page Down / Page Up (on the position slider)",
        "Back / forward five seconds",
        ("PgDown", "PgUp"),
    ),
    PaneKey("Home / End (on the position slider)", "The recording's start / end", ("Home", "End")),
    PaneKey("Space (on the position slider)", "Play or pause", ("Space",)),
)

# Every pane
# window/tab_order.py, toolbar_keys.py
WINDOW = (
    PaneKey(
        "Tab / Shift+Tab",
        "Next / previous field or pane, round the window from the left: the Library, the "
        "panels' tabs, the panel shown, the reader, the notes' tabs, their formatting bar, "
        "the notes",
    ),
    PaneKey("Arrows (on the panels' tabs)", "Show another panel there: Outline, Annotations, …"),
    PaneKey(
        "Escape (in a side panel or on its tabs, on a message's buttons, the recording's "
        "bar, the notes' tabs and formatting bar)",
        "Back to the reader (not from the notes, where you write)",
    ),
    PaneKey(
        "F10",
        "The menus (from a floating panel too): File opens, the arrows go along them (or "
        "Alt and a letter)",
    ),
    PaneKey(
        "Left / Right, Home / End (on the formatting bar)",
        "Go along its buttons; Space or Enter presses one",
    ),
)
