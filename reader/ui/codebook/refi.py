"""REFI-QDA imports: File ▸ Import ▸ REFI-QDA Project… and Codebook (.qdc)… (the latter in
Codes too): exchange with NVivo, ATLAS.ti, MAXQDA and QualCoder (reader/core/refi,
docs/refi-qda.md); the exports are reader/ui/codebook/refi_export.py.

An imported project goes into the study open now (when the user says so: it gains the
interviews and codes, the library and the codebook show them at once) or becomes a new
study, opened at once; either way a report says what was merged and what was not brought
in. A source of an interview the study has merges its codings into that interview's
notes file (refi.qdpx_merge): the open interview is written first, then takes the file
as rewritten, as it takes any other program's change, so nothing typed is lost. Importing into
the open study cannot be undone, so the study's undo history ends there (an older step
undone over it would take away codes the new highlights carry). An imported codebook
joins the codebook open now, as one undoable step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QTextEdit

from reader.core.codebook import AddedCodes, Code, Codebook, add_codebook
from reader.core.store import describe_os_error
from reader.core.wording import counted
from reader.ui import dialogs
from reader.ui.codebook.hub import CodebookHub
from reader.ui.codebook.refi_export import QDC, QDPX
from reader.ui.exporting.save_folder import ask_import_path
from reader.ui.wait_cursor import busy

REPORT_LINES = 12  # of an import's summary shown at once; the rest under Show Details…


class Refi:
    def __init__(self, window: Any, hub: CodebookHub) -> None:
        self.window, self.hub = window, hub

    def _say(self, text: str) -> None:
        self.window.banner.show_message(text, [])

    def import_project(self) -> None:
        """A .qdpx read into the open study, or into a new (or empty) folder, which then
        opens as the study."""
        from reader.core.refi.codebook_xml import RefiError
        from reader.core.refi.qdpx_import import NotAProjectError, import_qdpx

        path = ask_import_path(self.window, "Import REFI-QDA Project", QDPX)
        if not path:
            return
        owner, project = self.hub.owner, Path(path)
        try:  # read as it is needed, not whole: a project with videos runs to gigabytes
            project.open("rb").close()
        except OSError as exc:
            QMessageBox.warning(self.window, "Cannot import", describe_os_error(exc))
            return
        study = owner.study if owner.study is not None and not owner.read_only else None
        if study is not None:
            choice = dialogs.ask(
                self.window,
                "Import REFI-QDA Project",
                f"Import {project.name} into the open study “{study.data.title}”? Its "
                "interviews and codes join the study's (this cannot be undone); or make a "
                "new study of it.",
                ["Import into This Study", "New Study…", "Cancel"],
                default="Cancel",
            )
            if choice == "Cancel":
                return
            if choice != "Import into This Study":
                study = None
        folder = study.folder if study is not None else self._new_folder(project)
        if folder is None:
            return
        if owner.study is not None and folder.resolve() == owner.study.folder.resolve():
            study = owner.study  # the open study, chosen as a folder: still this window's
        elif holder := _holder(folder):  # as the command line: another window's study
            QMessageBox.warning(
                self.window,
                "Cannot import",
                f"The study in {folder} is open in another Interview Reader window "
                f"({holder}); import there, or close it first.",
            )
            return
        interview = self.window.interview
        if study is not None:
            interview.flush()  # its edits on disk: what the import merges into
            if interview.saver is not None and interview.saver.dirty:
                # Not written: a passage edited here and coded there would keep one side.
                QMessageBox.warning(
                    self.window,
                    "Cannot import",
                    "The open interview's notes could not be saved first, so nothing was "
                    "imported; import again once they are saved.",
                )
                return
        say = self.window.transfers.report.say
        # The open study: what the import changed is shown, and the steps before it can no
        # longer be undone; a file that is no project changed nothing, and they still can.
        touched = study is not None
        try:
            with busy(say, f"Importing {project.name}…"):
                report = import_qdpx(project, folder, study=study)
            problem = ""
        except RefiError as exc:
            problem = f"{project.name}: {exc}."
            touched = touched and not isinstance(exc, NotAProjectError)
        except OSError as exc:
            problem = describe_os_error(exc)
        say("" if problem else f"Imported {project.name} into {folder}")
        if touched:  # even a failed import may have added part of the project
            owner.undo_stack.clear()
            owner.study_edited()  # the library and the codebook show what came in
            if interview.safety is not None:
                # Its notes, rewritten by the merge, are merged in now as another
                # program's change (persistence/safety.py), edits since the flush kept.
                interview.safety.guard.file.check()
            self.hub.recount()
        if problem:
            QMessageBox.warning(self.window, "Cannot import", problem)
            return
        if study is None:  # the study the import built opens as it is, not read again
            self.window.study_actions.open_folder(report.study.folder, study=report.study)
        _show_report(self.window, report.message().splitlines(), report.message(grouped=False))

    def _new_folder(self, project: Path) -> Path | None:
        """The folder for the study: one chosen that is empty or a study, or, for one of
        other files (the Downloads the .qdpx is in), a new folder in it named after the
        project, when the user says so; a folder of other files is never made a study."""
        from reader.core.refi.qdpx_import import folder_refusal

        start = project.parent
        while True:
            chosen = QFileDialog.getExistingDirectory(
                self.window,
                "Folder for the study (new or empty; a study there gains the interviews)",
                str(start),
            )
            if not chosen:
                return None
            folder = Path(chosen)
            if not folder_refusal(folder) or _holder(folder):  # another window's: said after
                return folder
            inside = _free_folder(folder, project.stem)
            choice = dialogs.ask(
                self.window,
                "Import REFI-QDA Project",
                f"{folder.name} holds other files and is not a study. Make the study in a "
                f"new folder “{inside.name}” inside it?",
                [f"Make “{inside.name}”", "Choose Another Folder…", "Cancel"],
            )
            if choice == "Cancel":
                return None
            if choice != "Choose Another Folder…":
                return inside
            start = folder

    def import_codebook(self) -> None:
        """A .qdc's codes added to the codebook open now (one step to undo)."""
        from reader.core.refi.codebook_xml import RefiError, import_qdc
        from reader.core.refi.left_out import grouped_lines
        from reader.core.refi.qdpx_merge import join_memos

        if self.hub.read_only:
            self._say(self.hub.why_read_only() or "Open an interview or a study first.")
            return
        path = ask_import_path(self.window, "Import Codebook", QDC)
        if not path:
            return
        try:
            read = import_qdc(Path(path).read_bytes())
        except (RefiError, OSError) as exc:
            QMessageBox.warning(self.window, "Cannot import", f"{Path(path).name}: {exc}")
            return
        outcome: list[AddedCodes] = []
        hub = self.hub
        added: list[str] = []  # the codes added at the top of what was added
        taken: list[tuple[str, Any]] = []  # each, taken out by Undo: how, to put it back
        memos: dict[str, tuple[str, str]] = {}  # code id -> its memo before, after

        def do() -> None:
            """The import; redone, the codes it added come back (with the passages coded
            with them since) and the memos it joined are joined again."""
            book = hub.writable_book()
            if not outcome:
                before = book.copy()
                outcome[:] = [join_memos(book, read.book, add_codebook(book, read.book))]
                memos.update(_memos_changed(before, book))
                new = {c.id for c in book if c.id not in before}
                added[:] = [c.id for c in book if c.id in new and c.parent not in new]
                return
            while taken:
                how, what = taken.pop()
                if how == "applied":
                    hub.undeleter()(what)  # the study's codebook as it was, with it
                else:
                    for code in what:
                        hub.writable_book().create(**_fields(code))
            for code_id, (_, after) in memos.items():
                hub.writable_book().update(code_id, description=after)

        def undo(_: None) -> None:
            """What the import did alone: each code it added deleted, as Delete Code does
            where it was applied since (else that passage kept an id the codebook lacked),
            and the memos it joined as they were; a change made elsewhere since stays."""
            counts, book = hub.counts(), hub.writable_book()
            for code_id in reversed(added):
                if code_id not in book:
                    continue  # deleted since, by another program
                codes = [book.code(code_id), *book.descendants(code_id)]
                if any(counts.get(code.id, 0) for code in codes):
                    taken.append(("applied", hub.deleter(code_id)()))
                    book = hub.writable_book()
                else:
                    book.delete(code_id)
                    taken.append(("unused", codes))
            for code_id, (before, _) in memos.items():
                if code_id in book:
                    book.update(code_id, description=before)

        # Tried on a copy first: a codebook that brings nothing (the study's own, sent back)
        # made an "Import Codebook" step that Edit ▸ Undo then undid nothing with.
        trial = hub.book.copy()
        tried = join_memos(trial, read.book, add_codebook(trial, read.book))
        if not tried.added and not _memos_changed(hub.book, trial):
            outcome[:] = [tried]
        elif not hub.run("Import Codebook", do, undo):
            return
        lines = [
            f"Added {counted(len(outcome[0].added), 'code')} from {Path(path).name}.",
            *outcome[0].lines(),
        ]
        lines += [f"Not imported: {line}." for line in grouped_lines(read.not_imported)]
        QMessageBox.information(self.window, "Codebook imported", "\n".join(lines))


def _memos_changed(before: Codebook, after: Codebook) -> dict[str, tuple[str, str]]:
    """The codes whose memo an import joined: id -> (the memo before, after)."""
    return {
        code.id: (code.description, after.code(code.id).description)
        for code in before
        if code.id in after and after.code(code.id).description != code.description
    }


def _fields(code: Code) -> dict[str, Any]:
    """What Codebook.create takes to make `code` again, with its id."""
    return {
        "name": code.name,
        "parent": code.parent,
        "color": code.color,
        "description": code.description,
        "codable": code.codable,
        "code_id": code.id,
    }


def _free_folder(parent: Path, name: str) -> Path:
    """`parent/name`, numbered ("name 2") while that is taken by something not empty."""
    candidate, n = parent / name, 1
    while candidate.exists() and (not candidate.is_dir() or any(candidate.iterdir())):
        n += 1
        candidate = parent / f"{name} {n}"
    return candidate


def _holder(folder: Path) -> str:
    from reader.core.lock_files import lock_holder, study_lock

    return lock_holder(study_lock(folder)) if folder.is_dir() else ""


def _show_report(parent: Any, lines: list[str], every: str) -> None:
    """The import's summary, what was left out for one reason in one line; a long one
    (many misplaced passages of a big project) would make a box taller than the screen,
    so its rest goes to details, which list every line (`every`). An item under a line
    is marked as one: its indent went where a box wraps it, and the box read as one
    paragraph."""
    lines = [f"• {line.strip()}" if line.startswith("  ") else line for line in lines]
    if len(lines) <= REPORT_LINES and every.count("\n") < len(lines):
        QMessageBox.information(parent, "Imported", "\n".join(lines))
        return
    rest = len(lines) - REPORT_LINES
    shown = lines if rest <= 0 else [*lines[:REPORT_LINES], f"… and {rest} more."]
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Imported",
        "\n".join([*shown, "Show Details… lists every line."]),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setDetailedText(every)
    details = box.findChild(QTextEdit)  # Qt's has no name for a screen reader
    if details is not None:
        details.setAccessibleName("Every line")
        details.setAccessibleDescription("What the import brought and left out, line by line")
    box.exec()
