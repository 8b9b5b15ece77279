"""The codebook's part of the main window, wired in one place: the Codebook dock, coding
by keys, the margin stripes, retrieval, pictures and REFI-QDA exchange. The dock's panel,
a tab behind the outline, is made when first shown (reader/ui/lazy_dock.py), and the
retrieval and pictures windows when first opened.

The main window calls `wire_codebook(window)` once, at the end of its own wiring; the
window is typed loosely here, as panels never import the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QUndoStack

from reader.core.wording import counted
from reader.ui.after_paint import AfterPaint
from reader.ui.appearance.docks import dress_dock
from reader.ui.codebook.coding import Coding
from reader.ui.codebook.hub import CodebookHub
from reader.ui.lazy_dock import LazyDock, bring_forward, focus_dock
from reader.ui.reading.code_stripes import CodeStripes
from reader.ui.reading.reader_view import _trim
from reader.ui.settings import settings
from reader.ui.window.available import set_available

NO_CODES = "No codes yet: select words and press C to code them."
CODEBOOK_KINDS = {"md", "markdown", "txt", "csv", "qdc"}  # Export Codebook… by the name's end
SHOWN_KEY = "codebook/shown-once"  # the dock came forward by itself, once ever

if TYPE_CHECKING:
    from reader.core.codebook import Code
    from reader.ui.annotations.panel import AnnotationsPanel
    from reader.ui.codebook.panel import CodebookPanel
    from reader.ui.codebook.pictures import PicturesWindow
    from reader.ui.codebook.refi import Refi
    from reader.ui.codebook.refi_export import RefiExport
    from reader.ui.codebook.retrieval import RetrievalWindow


def wire_codebook(window: Any) -> None:
    """`window` is the MainWindow; what is made here hangs off it as `window.codebook`."""
    actions = window.window_actions.codes
    hub = CodebookHub(window.interview, window.study, window)
    dock = LazyDock("Codebook", "codebook-dock", lambda: _make_panel(window.codebook), window)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    dress_dock(dock)  # made after the window's docks were dressed (Appearance.apply_all)
    window.tabifyDockWidget(window.annotations_dock, dock)
    dock.hide()  # shown from the Codes menu, Ctrl+6, or once there are codes
    window.outline_dock.raise_()
    coding = Coding(hub, window.reader)
    stripes = CodeStripes(window.reader)
    window.codebook = codebook = Codebook(window, hub, dock, coding, stripes)
    hub.countsChanged.connect(lambda _codes: window.reader.viewport().update())
    hub.changed.connect(window.reader.viewport().update)
    hub.changed.connect(window.reader.overview.refresh)  # passages marked in codes' colours
    window.editing.codesRequested.connect(coding.pick_for_highlight)
    window.editing.codeSpanRequested.connect(coding.pick_for_span)
    actions.code_passage.triggered.connect(lambda: _code_from_menu(window, coding))
    for number, action in enumerate(actions.recent, start=1):
        # The keys code in the reader only (its selection or the highlight at its caret):
        # pressed while typing notes or in a list, they coded a passage out of sight.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        window.reader.addAction(action)
        action.triggered.connect(lambda _=False, n=number: coding.apply_recent(n))
    actions.focus_codebook.triggered.connect(lambda: focus_dock(dock, codebook.panel.view))
    _wire_code_changes(actions, codebook)
    assert actions.menu is not None
    actions.menu.addAction(dock.toggleViewAction())
    hub.changed.connect(lambda: _show_when_coded(window, dock, hub))
    hub.changed.connect(lambda: _retrieve_needs_codes(actions, hub))
    _retrieve_needs_codes(actions, hub)
    hub.changed.connect(codebook.names_may_have_changed)
    actions.retrieve.triggered.connect(lambda: codebook.retrieve(codebook.current_code()))
    actions.pictures.triggered.connect(codebook.show_pictures)
    actions.export_codebook.triggered.connect(codebook.export_codebook)
    window.transfers.refi = lambda *args: codebook.refi_export.export(*args)
    window.transfers.codes_in_study = lambda: hub.counts().keys()
    window.transfers.codes_imported = lambda taken_out: _follow_import(hub, taken_out)
    actions.import_qdpx.triggered.connect(lambda: codebook.refi.import_project())
    for import_qdc in (actions.import_qdc, actions.import_qdc_in_codes):
        import_qdc.triggered.connect(lambda: codebook.refi.import_codebook())
    study, interview = window.study, window.interview

    def codebook_history() -> QUndoStack | None:
        """While the Codebook has the focus: the study's history in one, else the interview's."""
        return study.undo_stack if hub.study is not None else interview.writable_undo_stack()

    window.undo_focus.claim(dock.made, codebook_history)


def _follow_import(hub: CodebookHub, taken_out: list[Code]) -> None:
    """Tags an import made codes: the study's too, and out of both when it is undone."""
    from reader.ui.codebook.imported_codes import follow_import  # imports are rare

    follow_import(hub, taken_out)


class Codebook(QObject):
    """What `wire_codebook` made, for the window's other parts and for tests."""

    def __init__(
        self,
        window: Any,
        hub: CodebookHub,
        dock: LazyDock,
        coding: Coding,
        stripes: CodeStripes,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.hub, self.dock, self.coding = hub, dock, coding
        self.stripes = stripes
        # Once ever (kept in the settings): then it is where the user left it.
        self.shown_once = bool(settings().value(SHOWN_KEY, False, type=bool))
        self.retrieval: RetrievalWindow | None = None
        self.pictures: PicturesWindow | None = None
        self._refi: Refi | None = None
        self._refi_export: RefiExport | None = None
        self._names: dict[str, str] = {}

    @property
    def refi(self) -> Refi:
        """REFI-QDA imports, made on first use (its module and dialogs load then)."""
        if self._refi is None:
            from reader.ui.codebook.refi import Refi

            self._refi = Refi(self.window, self.hub)
        return self._refi

    @property
    def refi_export(self) -> RefiExport:
        """REFI-QDA exports, made on first use (its module loads then)."""
        if self._refi_export is None:
            from reader.ui.codebook.refi_export import RefiExport

            self._refi_export = RefiExport(self.window, self.hub)
        return self._refi_export

    @property
    def panel(self) -> CodebookPanel:
        """The Codebook panel, made now if it has not been."""
        return cast("CodebookPanel", self.dock.panel())

    def current_code(self) -> str:
        panel = cast("CodebookPanel | None", self.dock.made())
        return (panel.current_id() if panel is not None else None) or ""

    def names_may_have_changed(self) -> None:
        """The Annotations list names each passage's codes, with their colours: renamed
        and recoloured ones show anew (a list not made yet shows them when it is)."""
        names = {c.id: c.name for c in self.hub.book}
        annotations = cast("AnnotationsPanel | None", self.window.annotations_dock.made())
        if annotations is not None:
            self.dress_annotations(annotations)
        if names != self._names:
            renamed = any(self._names.get(i, n) != n for i, n in names.items())
            self._names = names
            if renamed and annotations is not None:  # (deleted and merged codes change
                annotations.reload()  # the highlights, which show)

    def dress_annotations(self, annotations: AnnotationsPanel) -> None:
        """The codes' colours and labels (by id) in the Annotations list's rows and its
        code filter."""
        book = self.hub.book
        annotations.set_codes({c.id: c.color for c in book}, book.labels())

    def show_pictures(self, kind: str = "") -> None:
        if self.pictures is None:
            from reader.ui.codebook.pictures import PicturesWindow

            self.pictures = PicturesWindow(self.hub, self.window)
            self.pictures.retrieveRequested.connect(
                lambda asked: self._retrieval().show_asked(asked)
            )
        self.pictures.show_kind(kind)

    def export_codebook(self) -> None:
        """Codes ▸ Export Codebook…: Markdown, or CSV when the name chosen ends .csv, or the
        REFI-QDA codebook when it ends .qdc (it held Markdown, which NVivo refused)."""
        from reader.core.code_use import CodingSets, code_uses
        from reader.core.export.codebook_export import export_codebook
        from reader.core.store import atomic_write
        from reader.ui.codebook.passage_finding import save_home
        from reader.ui.codebook.refi_export import QDC, codebook_to_send
        from reader.ui.exporting.save_folder import ask_save_path, file_name

        hub, report = self.hub, self.window.transfers.report
        session, study = hub.interview.session, hub.study
        title = study.data.title if study is not None else session.document.title if session else ""
        name = file_name(f"Codebook of {title}") or "Codebook"
        filters = f"Markdown (*.md);;CSV (*.csv);;{QDC}"
        path = ask_save_path(self.window, "Export Codebook", f"{name}.md", save_home(hub), filters)
        if not path:
            return
        target = Path(path)  # with the extension of the kind chosen (ask_save_path)
        hub.counts()  # the other interviews' counted now, if the worker is not done
        book = codebook_to_send(hub)
        uses = code_uses(book, CodingSets(hub.tally.sets(), hub.tally.interview_sets()))
        extension = target.suffix.lower().lstrip(".")
        # Another kind's name ("codebook.docx") got Markdown, which no program opened as it;
        # a title's dot ("v1.2") is no kind.
        if extension.isalpha() and extension not in CODEBOOK_KINDS:
            kinds = "Markdown (.md), CSV (.csv) or a REFI-QDA codebook (.qdc)"
            report.failed(target, f"a codebook is exported as {kinds}")
            return
        if extension == "qdc":
            from reader.core.refi.codebook_xml import export_qdc

            data = export_qdc(book)  # (a codebook with no code: this action is greyed)
        else:
            data = export_codebook(extension, book, uses, title, study is not None)
        try:
            atomic_write(target, data)
        except OSError as exc:
            report.failed(target, exc)
            return
        report.exported(target, what=counted(len(book), "code"))

    def retrieve(self, code_id: str = "") -> None:
        """The Coded Passages window, on `code_id` (or on what it showed last)."""
        retrieval = self._retrieval()
        retrieval.show_code(code_id or retrieval.first.currentData() or "")

    def _retrieval(self) -> RetrievalWindow:
        """The Coded Passages window, made on first use."""
        if self.retrieval is None:
            from reader.ui.codebook.retrieval import RetrievalWindow

            self.retrieval = RetrievalWindow(self.hub, self.window)
            self.retrieval.jumpRequested.connect(self.jump)
        return self.retrieval

    def jump(self, interview_id: str, highlight_id: str) -> None:
        """To a retrieved passage: its interview opened first, when it is another."""
        window = self.window
        other = interview_id and interview_id != window.switcher.current
        if other and not window.switcher.open(interview_id):
            return
        window.editing.go_to(highlight_id)
        window.activateWindow()
        window.reader.setFocus()


def _make_panel(codebook: Codebook) -> CodebookPanel:
    from reader.ui.codebook.panel import CodebookPanel

    panel = CodebookPanel(codebook.hub)
    panel.retrieveRequested.connect(codebook.retrieve)
    codebook.window.focus_marker.add_pane(panel)
    return panel


def _wire_code_changes(actions: Any, codebook: Codebook) -> None:
    """Codes ▸ New, Rename, Merge, Delete: the Codebook shown, on the code chosen there;
    greyed, saying why, where there is none (no code yet, or a study read-only)."""

    def on_chosen(act: Callable[[CodebookPanel], object]) -> Callable[[], None]:
        def run() -> None:
            panel = codebook.panel
            focus_dock(codebook.dock, panel.view)
            tree = codebook.hub.book.tree()
            if not panel.current_id() and tree:  # none chosen yet: the first
                panel.set_current(tree[0][1].id)
            act(panel)

        return run

    def rename(panel: CodebookPanel) -> None:
        panel.view.edit(panel.view.currentIndex())

    actions.new_code.triggered.connect(on_chosen(lambda panel: panel.new_code()))
    actions.rename_code.triggered.connect(on_chosen(rename))
    actions.merge_code.triggered.connect(on_chosen(lambda panel: panel.merge_code()))
    actions.delete_code.triggered.connect(on_chosen(lambda panel: panel.delete_code()))

    def states() -> None:
        why = codebook.hub.why_read_only()
        none = "" if codebook.hub.book.codes else NO_CODES
        set_available(actions.new_code, why)
        for action in (actions.rename_code, actions.merge_code, actions.delete_code):
            set_available(action, why or none)

    assert actions.menu is not None
    actions.menu.aboutToShow.connect(states)


def _show_when_coded(window: Any, dock: LazyDock, hub: CodebookHub) -> None:
    """The dock shows itself the first time a codebook with codes is open; after that (a
    restart too) it stays where the user left it: in front of its tabs, behind, or closed."""
    codebook = window.codebook
    if not codebook.shown_once and len(hub.book):
        codebook.shown_once = True
        # Written once the reader has painted: a write syncs the settings file to disk
        # (a few ms, more on a busy disk) and at a first start this is before the paint.
        AfterPaint(window.reader, lambda: settings().setValue(SHOWN_KEY, True)).start()
        dock.panel()  # made now: its buttons' width sets the left docks' at the first paint
        if dock.isHidden():  # not restored open with the window
            bring_forward(dock)


def _retrieve_needs_codes(actions: Any, hub: CodebookHub) -> None:
    """Retrieve, Pictures and Export Codebook grey out, saying why, while there is no code."""
    for action in (actions.retrieve, actions.pictures, actions.export_codebook):
        set_available(action, "" if len(hub.book) else NO_CODES)


def _code_from_menu(window: Any, coding: Coding) -> None:
    reader = window.reader
    if reader.reading is None:
        return
    span = reader.selected_range()
    if span is not None:
        start, end = _trim(reader.session.document.text, *span)
        if start < end:
            coding.pick_for_span(start, end)
    elif reader.current_highlight() is not None:
        coding.pick_for_highlight(reader.current_highlight().id)
