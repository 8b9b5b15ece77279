"""The main window's panels that the first paint does not show, made and wired when first
shown or used (see reader/ui/lazy_dock.py): the Annotations list, a tab behind the
outline, the Search dock and the find bar, hidden, and the Library, shown with a study.
Their modules are imported here, on first use, so that start-up does not pay for them
(issue #17).

The window is typed loosely, as in reader/ui/codebook/wiring.py: this module is imported
by the main window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from reader.ui.after_paint import AfterPaint
from reader.ui.lazy_dock import bring_forward, focus_dock

if TYPE_CHECKING:
    from reader.ui.annotations.panel import AnnotationsPanel
    from reader.ui.find.find_bar import FindBar
    from reader.ui.find.search_panel import SearchPanel
    from reader.ui.library.library_panel import LibraryPanel


def make_annotations(window: Any) -> AnnotationsPanel:
    from reader.ui.annotations.filter_memory import FilterMemory
    from reader.ui.annotations.panel import AnnotationsPanel
    from reader.ui.settings import settings

    panel = AnnotationsPanel(window.interview)
    panel.jumpRequested.connect(window.editing.go_to)
    panel.editNoteRequested.connect(window.editing.edit_note)
    panel.view.selectionModel().currentChanged.connect(lambda *_: _show_chosen(window))
    panel.study.attach(window.study, window.switcher)  # across the study (#12)
    FilterMemory(panel, window.study, settings())  # its filters as they were left
    window.focus_marker.add_pane(panel.view)
    codebook = getattr(window, "codebook", None)
    if codebook is not None:  # the codes' names and colours in the rows (#14)
        codebook.dress_annotations(panel)
    return panel


def _show_chosen(window: Any) -> None:
    """The arrows in the list show each highlight in the reader, as a click does, and make
    it current there, so that Edit's Quote in Notes and Copy as Quotation act on it. Only
    while the list has the focus (a row made current by the list's own changes, or by
    Ctrl+3, or as it takes the focus, moves nothing) and in the open interview (Enter
    opens another's)."""
    panel, chosen = window.annotations, window.annotations.current_id()
    shown = chosen == window.reader.current_highlight_id
    if panel.view.hasFocus() and not panel.keys.entering and chosen and not shown:
        window.editing.go_to(chosen)  # another interview's row: none here, nothing done


def focus_annotations(window: Any) -> None:
    """Ctrl+3: the Annotations list with the highlight at the reader's caret its current
    row, so that its keys (Enter, F2, Delete) act on the one being read."""
    panel = window.annotations
    if window.reader.current_highlight_id:  # before the list has the focus: the reader stays
        panel.select(window.reader.current_highlight_id)
    focus_dock(window.annotations_dock, panel.view)


def make_library(window: Any) -> LibraryPanel:
    from reader.ui.library.library_panel import LibraryPanel
    from reader.ui.settings import settings

    opening = window.study_actions
    # A study opened at start: its notes files' counts are read once the window shows.
    library = LibraryPanel(window.study, settings(), counts_later=opening.first_paint_due)
    if opening.first_paint_due:
        AfterPaint(window.reader, library.read_counts).start()
    library.openRequested.connect(window.switcher.open)
    library.removeRequested.connect(opening.remove)
    library.addFilesRequested.connect(opening.add_files)
    library.addFolderRequested.connect(opening.add_folder)
    library.relocateRequested.connect(opening.relocate)
    library.newAttributeRequested.connect(opening.new_attribute)
    library.editAttributeRequested.connect(opening.edit_attribute)
    library.newStudyRequested.connect(opening.new_study)
    library.openStudyRequested.connect(opening.choose_study)
    window.focus_marker.add_pane(library.view)
    window.action_states.library_made(library.add_button)
    library.fill_action = window.window_actions.fill_from_transcripts  # its menus offer it too
    library.add_button.menu().addAction(library.fill_action)
    return library


def make_search(window: Any) -> SearchPanel:
    from reader.ui.find.search_panel import SearchPanel
    from reader.ui.find.study_scope import StudyScope

    reader = window.reader

    def go_to_highlight(highlight_id: str, start: int, end: int) -> None:
        window.editing.go_to(highlight_id)
        if start >= 0:  # the words found, within the highlight
            reader.flash(start, end)
        if reader.reading is not None:
            reader.went_to(reader.cursor_offset())  # at the highlight: its question
        reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_in_notes(start: int, end: int, memo: bool = False) -> None:
        window.window_actions.toggle_preview.setChecked(False)
        window.notes_pane.select_span(start, end, memo)

    def memo_text() -> str:
        memo = window.memo()  # made when a study first opens (reader/ui/memo/wiring.py)
        return memo.text() if memo is not None else ""

    panel = SearchPanel(window.interview)
    panel.documentSpanRequested.connect(reader.select_span)
    panel.highlightRequested.connect(go_to_highlight)
    panel.notesSpanRequested.connect(select_in_notes)
    panel.memoSpanRequested.connect(lambda start, end: select_in_notes(start, end, memo=True))
    scope = StudyScope(window.interview, window.study, window.switcher)
    scope.memo_text = memo_text
    panel.set_scope(scope)
    window.notes_pane.memoEdited.connect(panel.changed)  # searched again, if shown
    window.appearance.changed.connect(panel.show_status)  # its colours, in a new theme
    # Its results' list showed no focus of its own while empty: the accent's bar, as others.
    window.focus_marker.add_pane(panel.tree)
    return panel


def open_search(window: Any) -> None:
    """The Search dock with the focus in its field, a short selection as the query."""
    from reader.ui.find.find_options import as_query

    editor, reader = window.notes_editor, window.reader
    if editor.hasFocus():
        selected = editor.textCursor().selectedText()
    else:
        span = reader.selected_range() if reader.reading is not None else None
        session = window.interview.session
        selected = session.document.text[span[0] : span[1]] if span and session else ""
    bring_forward(window.search_dock)
    window.search_panel.open_with(as_query(selected))


def make_find_bar(window: Any) -> FindBar:
    """The find bar, under the reader (and its player bar); it finds in the notes, or
    their preview, when they have the focus."""
    from reader.ui.find.find_bar import FindBar
    from reader.ui.find.find_targets import TextTarget

    pane = window.notes_pane

    def notes_named() -> str:
        return "the study memo" if pane.showing_memo() else "your notes"

    texts = (TextTarget(pane.editor, notes_named), TextTarget(pane.preview, notes_named))
    bar = FindBar(window.reader, texts)
    window.reader_column.addWidget(bar)
    window.appearance.changed.connect(bar.show_count)  # its colours, in a new theme
    window.appearance.for_notes = lambda widget: (
        bar.target is not bar.in_reader and bar.isAncestorOf(widget)
    )
    return bar


def connect_help(window: Any, actions: Any) -> None:
    """Help's windows, their modules loaded when first asked for: Keyboard Shortcuts
    (F1) and the User Guide."""
    actions.shortcuts.triggered.connect(lambda: _show_keys(window))
    actions.user_guide.triggered.connect(lambda: _show_guide(window))


def _show_keys(window: Any) -> None:
    from reader.ui.window.shortcuts import show_shortcuts

    show_shortcuts(window, window.window_actions)


def _show_guide(window: Any) -> None:
    from reader.ui.help.user_guide import show_user_guide

    show_user_guide(window).addAction(window.window_actions.shortcuts)  # F1 there too
