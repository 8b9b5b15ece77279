"""Taking the work out and bringing annotations in: Export…, Import ▸ W3C Annotations…, Print…,
Export as PDF… and Show Notes File. Exporters, the importer and printing load on first
use, so start-up does not pay for them."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from reader.core.annotations import NO_COLOR, NO_COLOR_LABEL
from reader.core.store import atomic_write, file_stamp
from reader.ui.exporting.export_progress import CANCELLED, export_progress
from reader.ui.exporting.export_report import ExportReport
from reader.ui.exporting.save_folder import (
    ask_import_path,
    ask_save_path,
    file_name,
    home_folder,
    remember_folder,
    suggested_path,
)
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.reading.reader_view import ReaderView
from reader.ui.wait_cursor import busy
from reader.ui.window.banner import Banner


def half_done(what: str) -> str:
    """Why nothing was exported: `what` ("the interviews do not all show") the last change
    made across the study, and how to finish it."""
    return (
        f"Nothing was exported: {what} the last change made across the study yet (codes "
        "merged or deleted, or a speaker renamed, and a notes file could not be written). "
        "Make room on the disk, or make the notes files writable: the change is finished as "
        "soon as the notes are saved again (or open the study again, which finishes it). "
        "Then export again."
    )


if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from reader.core.codebook import Code
    from reader.core.study import Study
    from reader.core.study_texts import StudyTexts


class Transfers(QObject):
    def __init__(
        self, interview: OpenInterview, reader: ReaderView, banner: Banner, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._interview = interview
        self._reader = reader
        self._parent = parent
        # Every export, REFI-QDA's too, says it is done here (export_report.py).
        self.report = ExportReport(lambda text, ms: interview.status.emit(text, ms), banner, parent)
        # The open study and its loaded interviews, when one is open: Export… offers it.
        self.study: Callable[[], tuple[Study, StudyTexts] | None] = lambda: None
        # The codes some interview of the open study uses, told by the codebook.
        self.codes_in_study: Callable[[], Collection[str]] = lambda: ()
        # REFI-QDA, chosen in the same dialog: (format, whole study, CRLF), by the codebook.
        self.refi: Callable[[str, bool, bool], None] = lambda *_args: None
        # Annotations imported brought codes (their tags): the codebook takes them, in a
        # study its own at once (they joined it only at the interview's next opening); the
        # import undone, it is told those it took out of the notes, to take them out too.
        self.codes_imported: Callable[[list[Code]], None] = lambda _taken_out: None

    def _home(self) -> Path:
        """Where a first export goes (reader/ui/exporting/save_folder.py)."""
        study = self.study()
        return home_folder(self._interview.session, study[0].folder if study else None)

    def _half_done(self, study: Study, whole_study: bool) -> str:
        """Why an export would show a change across the study half done ("": it would not):
        the whole study's while one is unfinished, the open interview's while it is one
        the change names (its notes may not show it yet)."""
        if whole_study:
            return half_done("the interviews do not all show") if study.change_unfinished else ""
        notes_path = self._interview.notes_path
        if notes_path is None or not study.change_unfinished_in(notes_path):
            return ""
        return half_done("this interview's notes may not show")

    def export(self) -> None:
        from reader.core.export import FORMAT_INFO, FORMATS, ExportCancelled
        from reader.core.export.common import recording_link
        from reader.core.export.csv_export import excel_caution
        from reader.core.export.study_export import STUDY_FORMATS, StudyExportOptions
        from reader.ui.exporting.code_list import offered
        from reader.ui.exporting.export_dialog import REFI_FORMATS, ExportDialog

        session = self._interview.session
        if session is None:
            return
        self._interview.notes_data()  # the research notes as they are on screen
        in_use, book = session.codes_in_use(), session.notes.codebook
        study = self.study()
        colors = dict(session.notes.colors)
        if any(h.color == NO_COLOR for h in session.notes.highlights):
            colors[NO_COLOR] = NO_COLOR_LABEL  # passages only coded: a box of their own
        in_study = set(self.codes_in_study()) | in_use if study else in_use
        dialog = ExportDialog(
            colors,
            offered(book, in_use),
            self._parent,
            study[0].data.title if study else "",
            tuple(STUDY_FORMATS),
            # The study shares its colour labels; some interview may have passages only coded.
            {**session.notes.colors, NO_COLOR: NO_COLOR_LABEL} if study else None,
            offered(book, in_study),
            study[0] if study else None,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if study and (refused := self._half_done(study[0], dialog.whole_study())):
            QMessageBox.warning(self._parent, "Export", refused)  # it would show it half done
            return
        name = dialog.format_name()
        if name in REFI_FORMATS:
            self.refi(name, bool(study) and dialog.whole_study(), dialog.crlf())
            return
        info = FORMAT_INFO[name]
        source = Path(session.document.source)
        suggested = source.with_suffix(f".{info.extension}").name
        if suggested == source.name:  # a Markdown or JSON transcript: never its own name
            suggested = f"{source.stem}-export.{info.extension}"
        if study and dialog.whole_study():
            called = study[0].folder.name
            if kept := dialog.filter_name():  # as Coded Passages' are: "Nights - Role nurse"
                called = f"{called} - {file_name(kept)}"
            suggested = f"{called}.{info.extension}"
            from reader.core.study_scan import is_study_file_name

            if is_study_file_name(Path(suggested)):  # a study named "study": not study.json
                suggested = f"{called}-export.{info.extension}"
        path = ask_save_path(
            self._parent,
            "Export",
            suggested,
            self._home(),
            f"{info.label} (*.{info.extension})",
        )
        if not path:
            return
        if session.document.source and Path(path).resolve() == source.resolve():
            self.report.failed(path, "it is the interview's transcript; choose another name.")
            return
        left_out: list[str] = []  # interviews of the study that could not be read
        try:
            with export_progress(self._parent) as progress:
                options = replace(dialog.options(), progress=progress)
                if study and dialog.whole_study():
                    exporter = STUDY_FORMATS[name]
                    kept = {k: frozenset(values) for k, values in (dialog.filters() or {}).items()}
                    whole = StudyExportOptions(options, kept, destination=Path(path))
                    data, left_out = exporter(study[0], whole, study[1])
                else:
                    recording = recording_link(session, self._interview.notes_path, Path(path))
                    data = FORMATS[name](session, replace(options, recording=recording))
                atomic_write(Path(path), data)
            caution = excel_caution(data) if name == "csv" else ""
        except ExportCancelled:
            self.report.say(CANCELLED)
            return
        except OSError as exc:
            self.report.failed(path, exc)
            return
        except Exception as exc:  # an exporter's own fault: said, not lost on stderr alone
            traceback.print_exc()
            self.report.failed(path, f"the export stopped on an error ({exc!r}); please report it")
            return
        self.report.exported(path, left_out, caution=caution)

    def import_annotations(self) -> None:
        from reader.core.importer import AnnotationImportError, import_w3c

        controller = self._interview.controller
        if controller is None or not controller.writable():
            return
        path = ask_import_path(
            self._parent,
            "Import Annotations",
            "W3C Web Annotations (*.jsonld *.json);;All files (*)",
        )
        if not path:
            return
        try:
            result = import_w3c(controller.session, Path(path).read_bytes())
        except (OSError, AnnotationImportError) as exc:
            QMessageBox.warning(self._parent, "Import Annotations", f"{Path(path).name}: {exc}")
            return
        # Tags became codes: they come and go with the passages (in a study its codebook too).
        controller.import_highlights(result.added, result.codes, self.codes_imported)
        summary = result.message()
        first_line, _, details = summary.partition("\n")
        self._interview.status.emit(first_line, 8000)
        if details:  # what was left out, by name: too long for the status bar
            QMessageBox.information(self._parent, "Import Annotations", summary)

    def _pdf_name(self) -> str:
        """The interview's file name as a PDF's, for printing to a file as for exporting."""
        session = self._interview.session
        return Path(session.document.source if session else "interview").with_suffix(".pdf").name

    def print_interview(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        session = self._interview.session
        if self._reader.reading is None or session is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(session.document.title)
        if not sys.platform.startswith(("win", "darwin")):
            # Qt's own dialog offers printing to this file, as Export as PDF… suggests it
            # (else ~/print.pdf). A native dialog would tick "print to file" with it.
            printer.setOutputFileName(suggested_path(self._pdf_name(), self._home()))
            printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)  # a printer first
        accepted = QPrintDialog(printer, self._parent).exec() == QDialog.DialogCode.Accepted
        if accepted and self._print(printer, "Print") and (path := printer.outputFileName()):
            remember_folder(path, self._pdf_name())  # the next one is suggested beside it

    def export_pdf(self) -> None:
        from reader.ui.exporting.printing import pdf_printer

        if self._reader.reading is None or self._interview.session is None:
            return
        path = ask_save_path(
            self._parent, "Export as PDF", self._pdf_name(), self._home(), "PDF (*.pdf)"
        )
        if path:
            self._print(pdf_printer(path), "Export")

    def _print(self, printer: QPrinter, doing: str) -> bool:
        """The interview printed with `printer`, and where it went said: to a file once
        it is written, as what was `doing` ("Print", "Export"); else to the printer named.
        False when the file could not be written."""
        from reader.ui.exporting.printing import print_document, print_to

        assert self._reader.reading is not None
        self._interview.notes_data()  # the research notes as they are on screen
        path = printer.outputFileName()
        before = file_stamp(Path(path)) if path else None
        # A long interview takes seconds (3 hours: ~2.4 s), the window still meanwhile.
        with busy(self.report.say, f"{doing}ing to {path or printer.printerName()}…"):
            print_to(printer, print_document(self._reader.reading))
        if not path:
            self.report.say(f"Sent to the printer {printer.printerName()}")
        # Qt's PDF writer says nothing when it cannot write: a file there before, the
        # same still (read-only), is nothing printed.
        elif Path(path).is_file() and file_stamp(Path(path)) != before:
            self.report.say(f"{doing}ed to {path}")
        else:
            self.report.failed(path, "the file or its folder cannot be written to", doing)
            return False
        return True

    def show_notes_file(self) -> None:
        saver = self._interview.saver
        if saver is None:
            return
        path = saver.path
        if not path.exists():
            saver.mark_dirty()
            saver.flush()
        QMessageBox.information(
            self._parent, "Notes File", f"This interview's notes are saved in\n\n{path}"
        )
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
