"""REFI-QDA exports, chosen in File ▸ Export…: the study, or the interview alone, as a
project (.qdpx), and the codebook (.qdc), for NVivo, ATLAS.ti, MAXQDA and QualCoder
(reader/core/refi, docs/refi-qda.md). A project's file is asked for first; then every
transcript and notes file is read, and the project written into the file, its recordings
streamed in under a progress dialog with Cancel: a study with hours of recordings was
built in memory whole (640 MB for a 450 MB study), the window still meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from reader.core.codebook import Codebook
from reader.core.store import atomic_write_with
from reader.ui.codebook.hub import CodebookHub
from reader.ui.exporting.export_progress import CANCELLED, export_progress
from reader.ui.exporting.save_folder import ask_save_path, home_folder
from reader.ui.wait_cursor import busy

QDPX = "REFI-QDA project (*.qdpx)"
QDC = "REFI-QDA codebook (*.qdc)"
# Writes a file into the open file it is given, telling its progress (done, total) to the
# function given with it, which says False to stop.
ProgressWriter = Callable[[BinaryIO, Callable[[int, int], bool]], object]


def codebook_to_send(hub: CodebookHub) -> Codebook:
    """The codebook a codebook export sends: in a study, with the codes only an interview's
    notes have (brought since the interview was last opened here), as the study's .qdpx
    and the command line send them; the Codebook adopts them when the interview opens.
    The notes files as the Codebook's counts read them (a file read again once changed),
    the open interview's as edited: reading every file again took 150 ms with 300."""
    if hub.study is None:
        return hub.book
    from reader.core.code_adoption import adopted_codebook
    from reader.ui.codebook.passage_finding import coded_now

    return adopted_codebook(hub.book, ((entry.title, n) for entry, n in coded_now(hub)))


class RefiExport:
    def __init__(self, window: Any, hub: CodebookHub) -> None:
        self.window, self.hub = window, hub

    def export(self, kind: str, whole_study: bool, crlf: bool) -> None:
        """File ▸ Export… chose a REFI-QDA format: "qdpx" (the study, or the interview
        alone; `crlf` for MAXQDA) or "qdc"."""
        if kind == "qdc":
            self.export_codebook()
        else:
            self.export_project(whole_study, crlf)

    def export_project(self, whole_study: bool, crlf: bool) -> None:
        from reader.core.refi.qdpx_export import export_session_qdpx, export_study_qdpx

        interview, study = self.window.interview, self.hub.study
        whole = study is not None and whole_study
        if whole:
            name = f"{study.folder.name}.qdpx"
        elif interview.session is not None:
            name = Path(interview.session.document.source).with_suffix(".qdpx").name
        else:
            return
        path = self._ask("Export REFI-QDA Project", name, QDPX, study=whole)
        if path is None:
            return
        say = self.window.transfers.report.say
        if study is not None and whole:
            interview.flush()  # the open interview's notes as they are now
            with busy(say, f"Exporting “{study.data.title}”…"):  # every file read: seconds
                project, left_out, sending = export_study_qdpx(study, crlf=crlf)
        else:
            interview.notes_data()
            in_study = self.hub.current_id()
            with busy(say, "Exporting the interview…"):
                project, left_out, sending = export_session_qdpx(
                    interview.session,
                    crlf=crlf,
                    notes_path=interview.notes_path,
                    sent_as=(study, in_study) if study is not None and in_study else None,
                )
        if not self._write(path, project.write):  # not written: nothing was sent
            return
        not_recorded = sending.record()
        self.window.transfers.report.exported(path, [*left_out, *filter(None, [not_recorded])])

    def export_codebook(self) -> None:
        from reader.core.refi.codebook_xml import RefiError, export_qdc

        book = codebook_to_send(self.hub)
        try:
            data = export_qdc(book)
        except RefiError as exc:
            self.window.transfers.report.say(f"Nothing exported: {exc}.")
            return
        path = self._ask("Export Codebook", "codebook.qdc", QDC)
        if path is not None and self._write(path, lambda file, _progress: file.write(data)):
            count = len(book)
            self.window.transfers.report.exported(path, what=f"{count} code{'s' * (count != 1)}")

    def _ask(self, title: str, name: str, kind: str, study: bool = True) -> Path | None:
        """Where the user says the file goes, the dialog opening where the last file of its
        kind went, else beside the study (`study`) or the transcript
        (reader/ui/exporting/save_folder.py); None when they cancel."""
        folder = self.hub.study.folder if study and self.hub.study is not None else None
        home = home_folder(self.window.interview.session, folder)
        path = ask_save_path(self.window, title, name, home, kind)
        if not path:
            self.window.transfers.report.say("")  # not "Exporting…" still
            return None
        return Path(path)

    def _write(
        self, path: Path, write: Callable[[BinaryIO, Callable[[int, int], bool]], object]
    ) -> bool:
        """`write(file, progress)` has written the file, whole, at `path`; else the window's
        export report says why (reader/ui/exporting/export_report.py, as every export) and
        nothing is left there, not even a part of it."""
        from reader.core.export import ExportCancelled

        report = self.window.transfers.report
        try:
            with export_progress(self.window) as progress:
                atomic_write_with(path, lambda file: write(file, progress))
        except ExportCancelled:
            report.say(CANCELLED)
            return False
        except OSError as exc:
            report.failed(path, exc)
            return False
        return True
