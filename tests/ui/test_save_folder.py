"""Where save dialogs open: the folder last used for that kind of file, else the
interview's folder (beside the study's folder in a study); never the working directory."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from reader.ui.exporting.export_dialog import ExportDialog
from tests.ui.test_codebook import code_with_keys


def accept_export(monkeypatch, fmt: str, whole_study: bool = False) -> None:
    def exec_(dialog: ExportDialog) -> int:
        dialog.scope_combo.setCurrentIndex(1 if whole_study else 0)
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", exec_)


def test_first_the_transcripts_folder_then_the_last_one_per_kind(
    make_window, dialogs, monkeypatch, tmp_path: Path
) -> None:
    talks, out, pdfs = tmp_path / "talks", tmp_path / "out", tmp_path / "pdfs"
    for folder in (talks, out, pdfs):
        folder.mkdir()
    doc = talks / "ana.txt"
    doc.write_text("Q: Where?\nA: Here.\n", "utf-8")
    window = make_window(doc)
    accept_export(monkeypatch, "md")
    dialogs.save_answers.append(str(out / "summary.md"))
    window.window_actions.export.trigger()  # Ctrl+E, Enter
    assert dialogs.save_suggested[-1] == str(talks / "ana.md")
    assert (out / "summary.md").exists()
    window.window_actions.export.trigger()  # cancelled: nothing chosen, nothing remembered
    assert dialogs.save_suggested[-1] == str(out / "ana.md")
    window.window_actions.export_pdf.trigger()  # another kind of file: its own folder
    assert dialogs.save_suggested[-1] == str(talks / "ana.pdf")
    dialogs.save_answers.append(str(pdfs / "ana.pdf"))
    window.window_actions.export_pdf.trigger()
    window.close()
    again = make_window(doc)  # remembered across sessions
    again.window_actions.export_pdf.trigger()
    assert dialogs.save_suggested[-1] == str(pdfs / "ana.pdf")
    accept_export(monkeypatch, "md")
    again.window_actions.export.trigger()
    assert dialogs.save_suggested[-1] == str(out / "ana.md")
    shutil.rmtree(out)  # gone since: back to the transcript's folder
    again.window_actions.export.trigger()
    assert dialogs.save_suggested[-1] == str(talks / "ana.md")


def test_in_a_study_beside_its_folder(
    make_study_window, folder: Path, qtbot, dialogs, monkeypatch
) -> None:
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    accept_export(monkeypatch, "html")
    window.window_actions.export.trigger()
    assert dialogs.save_suggested[-1] == str(folder.parent / "P01 Ana.html")
    accept_export(monkeypatch, "html", whole_study=True)
    window.window_actions.export.trigger()
    assert dialogs.save_suggested[-1] == str(folder.parent / f"{folder.name}.html")
    window.window_actions.codes.pictures.trigger()
    pictures = window.codebook.pictures
    pictures.save("png")
    assert Path(dialogs.save_suggested[-1]).parent == folder.parent
    assert dialogs.save_suggested[-1].endswith(".png")
    window.codebook.panel.set_current(window.codebook.hub.book.find("Drinks").id)
    qtbot.keyClick(window.codebook.panel.view, Qt.Key.Key_Return)  # Retrieve
    window.codebook.retrieval.export("csv")
    assert dialogs.save_suggested[-1] == str(folder.parent / "Drinks.csv")


def test_the_bundled_interview_saves_to_the_documents_folder_not_the_apps(
    make_window, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """Its folder is the app's own (resources/, inside site-packages once installed)."""
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(
        "reader.ui.exporting.save_folder.QStandardPaths.writableLocation",
        lambda _where: str(documents),
    )
    window = make_window()  # the bundled interview
    window.window_actions.export_pdf.trigger()
    assert dialogs.save_suggested[-1] == str(documents / "her-smell-interview.pdf")


def test_refi_exports_open_where_the_last_of_their_kind_went(
    make_study_window, folder: Path, qtbot, dialogs, monkeypatch, tmp_path: Path
) -> None:
    """File ▸ Export… as a REFI-QDA project or codebook: first beside the study's folder,
    then where the last one of that kind was saved, as every other export."""
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    projects, books = tmp_path / "projects", tmp_path / "books"
    projects.mkdir()
    books.mkdir()
    accept_export(monkeypatch, "qdpx", whole_study=True)
    dialogs.save_answers.append(str(projects / "mine.qdpx"))
    window.window_actions.export.trigger()
    assert dialogs.save_suggested[-1] == str(folder.parent / f"{folder.name}.qdpx")
    assert (projects / "mine.qdpx").is_file()
    window.window_actions.export.trigger()  # cancelled
    assert dialogs.save_suggested[-1] == str(projects / f"{folder.name}.qdpx")
    accept_export(monkeypatch, "qdpx")  # the interview alone: the same kind of file
    window.window_actions.export.trigger()
    assert dialogs.save_suggested[-1] == str(projects / "P01 Ana.qdpx")
    accept_export(monkeypatch, "qdc")  # a codebook: a kind of its own
    dialogs.save_answers.append(str(books / "codes.qdc"))
    window.window_actions.export.trigger()
    assert dialogs.save_suggested[-1] == str(folder.parent / "codebook.qdc")
    window.window_actions.export.trigger()
    assert dialogs.save_suggested[-1] == str(books / "codebook.qdc")


def test_an_export_never_replaces_a_file_of_the_study(
    make_study_window, folder: Path, dialogs, monkeypatch
) -> None:
    """Found by the exports review: the window refused only the open transcript, and the
    save dialog's "Replace?" is the question a user answers yes to for an older export.
    Saved as study.json, the whole study's export was set aside as damaged at the next
    opening; saved as another interview's transcript, it took that interview's words."""
    window = make_study_window(folder)
    window.notes_editor.setPlainText("Findings")
    window.interview.flush()
    study = window.study.study
    kept = [folder / "study.json", folder / "P02 Ben.txt", study.notes_path(study.interviews[0])]
    before = [path.read_bytes() for path in kept]
    kinds = [("json", True), ("md", False), ("json", False)]
    for path, (fmt, whole) in zip(kept, kinds, strict=True):
        accept_export(monkeypatch, fmt, whole)
        dialogs.save_answers.append(str(path))
        window.window_actions.export.trigger()
    assert [path.read_bytes() for path in kept] == before
    said = [text for kind, text in dialogs.shown if kind == "warning"]
    assert said == [
        "Export: “study.json” is not replaced: it is the study's own file. Give the export "
        "another name.",
        "Export: “P02 Ben.txt” is not replaced: it is the transcript of “P02 Ben” in the "
        "study. Give the export another name.",
        f"Export: “{kept[2].name}” is not replaced: it is an interview's notes file. Give "
        "the export another name.",
    ]


def test_an_export_never_replaces_a_recording(
    make_study_window, folder: Path, dialogs, monkeypatch
) -> None:
    """Saved as "P01 Ana.m4a" (typed over the name suggested, "Replace?" answered yes as
    for an older export), the summary replaced the interview's recording."""
    recording = folder / "P01 Ana.m4a"
    recording.write_bytes(b"....ftypM4A ")
    window = make_study_window(folder)
    for fmt, whole in (("md", False), ("qdpx", True)):
        accept_export(monkeypatch, fmt, whole)
        dialogs.save_answers.append(str(recording))
        window.window_actions.export.trigger()
    assert recording.read_bytes() == b"....ftypM4A "
    said = [text for kind, text in dialogs.shown if kind == "warning"]
    assert said == [
        f"{title}: “P01 Ana.m4a” is not replaced: it is a recording. Give the export another name."
        for title in ("Export", "Export REFI-QDA Project")
    ]


def test_a_name_typed_without_an_extension_asks_before_replacing_its_file(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    """Codes ▸ Export Codebook… answered "codes": no file of that name, so the dialog
    asked nothing, and the app wrote "codes.md", replacing one there unasked (the exports
    review). The extension is the kind chosen's, and the file there is asked about."""
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    mine = tmp_path / "codes.md"
    mine.write_text("# My own codebook\n", encoding="utf-8")
    dialogs.save_answers.append(str(tmp_path / "codes"))
    dialogs.button_answer = QMessageBox.StandardButton.No
    window.window_actions.codes.export_codebook.trigger()
    assert mine.read_text("utf-8") == "# My own codebook\n"
    assert dialogs.shown[-1] == (
        "question",
        "Export Codebook: “codes.md” is there already. Replace it?",
    )
    dialogs.save_answers.append(str(tmp_path / "codes"))
    dialogs.button_answer = QMessageBox.StandardButton.Yes
    window.window_actions.codes.export_codebook.trigger()
    assert "Drinks" in mine.read_text("utf-8")
    dialogs.save_answers.append(str(tmp_path / "fresh"))
    window.window_actions.codes.export_codebook.trigger()
    assert (tmp_path / "fresh.md").exists()


def test_a_study_named_study_is_not_exported_as_study_json(
    make_study_window, tmp_path: Path, dialogs, monkeypatch
) -> None:
    """A folder named "study" (a common name) had its whole export suggested as
    study.json beside it: that folder then looked like a study, and opened as one, the
    export was set aside as a damaged study file (the exports review's F7)."""
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "P01.txt").write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    window = make_study_window(folder)
    accept_export(monkeypatch, "json", whole_study=True)
    window.window_actions.export.trigger()
    assert dialogs.save_suggested[-1] == str(tmp_path / "study-export.json")
