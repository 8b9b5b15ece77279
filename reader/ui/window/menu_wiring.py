"""What the window's menu items do: File's notes, export and print; Edit's find, search,
quoting and colour labels; Go's panes and steps; View's preview; the Format menu; Help's
About. Wired in one call from MainWindow._wire.

The window is typed loosely, as in reader/ui/window/later_panels.py: this module is
imported by the main window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox

from reader import APP_NAME, __version__
from reader.ui.lazy_dock import focus_dock, take_keyboard
from reader.ui.reading.stepping import connect_steps
from reader.ui.window.actions import Actions, connect_formatting
from reader.ui.window.later_panels import focus_annotations, open_search
from reader.ui.window.pane_cycle import connect_panes


def wire_menus(window: Any, actions: Actions) -> None:
    reader, quoting, transfers = window.reader, window.quoting, window.transfers
    actions.show_notes_file.triggered.connect(transfers.show_notes_file)
    actions.save_notes_as.triggered.connect(lambda: _save_notes_as(window))
    actions.restore_backup.triggered.connect(lambda: _restore_backup(window))
    actions.export.triggered.connect(transfers.export)
    actions.import_annotations.triggered.connect(transfers.import_annotations)
    actions.print.triggered.connect(transfers.print_interview)
    actions.export_pdf.triggered.connect(transfers.export_pdf)
    actions.quit.triggered.connect(window.close)
    actions.find.triggered.connect(lambda: window.find_bar.open_bar())
    actions.replace.triggered.connect(lambda: window.find_bar.open_replace())
    actions.find_next.triggered.connect(lambda: window.find_bar.step(backward=False))
    actions.find_previous.triggered.connect(lambda: window.find_bar.step(backward=True))
    actions.search_everything.triggered.connect(lambda: open_search(window))
    actions.focus_reader.triggered.connect(lambda: take_keyboard(reader))
    actions.focus_notes.triggered.connect(lambda: _focus_notes(window))
    actions.focus_outline.triggered.connect(lambda: focus_dock(window.outline_dock))
    actions.focus_annotations.triggered.connect(lambda: focus_annotations(window))
    connect_panes(window, actions)  # F6, Shift+F6
    connect_steps(reader, actions.steps())  # next / previous question and highlight
    actions.quote_in_notes.triggered.connect(quoting.quote_from_menu)
    actions.copy_quotation.triggered.connect(reader.copy_quote)
    actions.color_labels.triggered.connect(window.editing.edit_color_labels)
    actions.toggle_preview.toggled.connect(window.notes_pane.show_preview)
    connect_formatting(actions, window.notes_editor)  # the Format menu
    window.notes_editor.take_paste_plain(actions.paste_plain)  # acts there alone
    window.notes_editor.acts_here(actions.replace)
    actions.about.triggered.connect(lambda: _about(window))


def _save_notes_as(window: Any) -> None:
    if window.interview.safety is not None:
        window.interview.safety.save_as()


def _restore_backup(window: Any) -> None:
    from reader.ui.persistence.backup_restore import restore_from_backup  # a menu's

    memo = window.memo() if window.notes_pane.showing_memo() else None
    restore_from_backup(memo, window.interview.safety, window)


def _focus_notes(window: Any) -> None:
    take_keyboard(window.notes_pane.stack.currentWidget())  # the editor or its preview


def _about(window: Any) -> None:
    QMessageBox.about(
        window,
        f"About {APP_NAME}",
        f"<b>{APP_NAME} {__version__}</b><p>Read an interview and keep research notes on "
        "it, offline. Notes are plain JSON you can read with any tool.</p>",
    )
