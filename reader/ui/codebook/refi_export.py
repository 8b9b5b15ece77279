"""REFI-QDA exports, chosen in File ▸ Export…: the study, or the interview alone, as a
project (.qdpx), and the codebook (.qdc), for NVivo, ATLAS.ti, MAXQDA and QualCoder
(reader/core/refi, docs/refi-qda.md). A project's file is asked for first; then every
transcript and notes file is read, and the project written into the file, its recordings
streamed in, on a worker thread under one progress dialog with Cancel: a study with hours
of recordings was built in memory whole (640 MB for a 450 MB study), and a study of 300
interviews held the window 12 s, reading them and building the project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.codebook import Codebook
from reader.core.store import atomic_write, atomic_write_with
from reader.ui.codebook.hub import CodebookHub
from reader.ui.exporting.export_progress import CANCELLED, Told, in_background
from reader.ui.exporting.save_folder import ask_save_path, home_folder

if TYPE_CHECKING:
    from reader.core.refi.qdpx_export import Progress, Qdpx, Sending

    Built = tuple[Qdpx, list[str], Sending]  # a project, what it left out, what it sends

QDPX = "REFI-QDA project (*.qdpx)"
QDC = "REFI-QDA codebook (*.qdc)"
# What a study's export does, as its dialog says it: "Reading interview 120 of 300…".
STAGE_LINES = {
    "reading": "Reading interview {} of {}…",
    "placing": "Building the project: interview {} of {}…",
}


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
            interview.flush()  # the open interview's notes as they are now, for the worker
            say(f"Exporting “{study.data.title}”…")

            def build(stage: Progress) -> Built:
                from reader.core.refi.qdpx_export import export_study_qdpx  # off the GUI too

                return export_study_qdpx(study, crlf=crlf, progress=stage)
        else:
            interview.notes_data()  # the research notes typed, in the session the worker reads
            session, notes_path, in_study = interview.session, interview.notes_path, None
            if study is not None and (interview_id := self.hub.current_id()):
                in_study = (study, interview_id)
            say("Exporting the interview…")

            def build(stage: Progress) -> Built:
                from reader.core.refi.qdpx_export import export_session_qdpx

                return export_session_qdpx(
                    session, crlf=crlf, notes_path=notes_path, sent_as=in_study, progress=stage
                )

        def work(told: Told) -> list[str]:
            def stage(kind: str, done: int, total: int) -> bool:
                return told(STAGE_LINES[kind].format(done, total), done, total)

            project, left_out, sending = build(stage)
            atomic_write_with(path, lambda file: project.write(file, writing(told)))
            return [*left_out, sending.record()]  # 0.6 s for 300 interviews

        said = self._run(path, work)
        if said is not None:  # else not written: nothing was sent
            self.window.transfers.report.exported(path, list(filter(None, said)))

    def export_codebook(self) -> None:
        from reader.core.refi.codebook_xml import RefiError, export_qdc

        book = codebook_to_send(self.hub)
        try:
            data = export_qdc(book)
        except RefiError as exc:
            self.window.transfers.report.say(f"Nothing exported: {exc}.")
            return
        path = self._ask("Export Codebook", "codebook.qdc", QDC)
        if path is not None and self._saved(path, data):
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

    def _saved(self, path: Path, data: bytes) -> bool:
        """`data` (a codebook: kilobytes) at `path`, written at once: no dialog, nor the
        events a worker's wait lets in; else the export report says why."""
        try:
            atomic_write(path, data)
        except OSError as exc:
            self.window.transfers.report.failed(path, exc)
            return False
        return True

    def _run(self, path: Path, work: Callable[[Told], Any]) -> Any:
        """What `work` returned, having written `path` on a worker thread under the export's
        progress dialog; None when it was cancelled or failed, which the export report says,
        nothing left at `path`."""
        from reader.core.export.common import ExportCancelled

        report = self.window.transfers.report
        try:
            return in_background(self.window, work)
        except ExportCancelled:
            report.say(CANCELLED)
        except OSError as exc:
            report.failed(path, exc)
        return None


def writing(told: Told) -> Callable[[int, int], bool]:
    """The progress of a file's writing, in bytes, as the dialog says it."""
    return lambda done, total: told(
        f"Writing… {done / 1e6:.1f} MB of {total / 1e6:.1f} MB", done, total
    )
