"""Codes ▸ Export Codebook… (reader/ui/codebook/wiring.py): greyed out until there is a
code; then the codes with their counts as the Codebook has them, Markdown or CSV by the
name given (a REFI-QDA .qdc too), and the status line says where."""

from __future__ import annotations

from pathlib import Path

from tests.ui.codebook.test_hub_adoption import coded_elsewhere
from tests.ui.test_codebook import code_with_keys


def test_export_codebook_writes_markdown_or_csv(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    window = make_study_window(folder)
    action = window.window_actions.codes.export_codebook
    assert action in window.window_actions.codes.menu.actions() and not action.isEnabled()
    code_with_keys(window, qtbot, "coffee", "Drinks")
    window.switcher.step(2)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    assert action.isEnabled()
    dialogs.save_answers += [str(tmp_path / "codes"), str(tmp_path / "codes.csv")]
    action.trigger()
    assert "Codebook of Nachtschichten" in dialogs.save_suggested[-1]
    text = (tmp_path / "codes.md").read_text("utf-8")  # no extension: Markdown
    assert "## Drinks\n\nColour " in text and "2 passages in 2 interviews" in text
    assert window.statusBar().currentMessage() == f"Exported 1 code to {tmp_path / 'codes.md'}"
    action.trigger()
    rows = (tmp_path / "codes.csv").read_text("utf-8-sig").splitlines()
    assert rows[1].startswith("Drinks,,#") and rows[1].endswith(",,2,2,2,2")


def test_a_code_only_a_notes_file_has_goes_with_the_codebook_as_with_the_project(
    make_study_window, folder: Path, dialogs, tmp_path: Path
) -> None:
    """P02's notes came from elsewhere with a code of their own, Belonging; the study's
    .qdpx and the command line sent it, Export Codebook… and the .qdc did not, until P02
    had been opened here."""
    coded_elsewhere(folder)
    window = make_study_window(folder)
    assert window.switcher.current != window.study.study.interviews[1].id  # P02 not opened
    dialogs.save_answers += [str(tmp_path / "codes.md"), str(tmp_path / "codes.qdc")]
    window.window_actions.codes.export_codebook.trigger()
    markdown = (tmp_path / "codes.md").read_text("utf-8")
    assert "## Belonging" in markdown and "1 passage in 1 interview" in markdown
    window.transfers.refi("qdc", True, False)
    assert b'name="Belonging"' in (tmp_path / "codes.qdc").read_bytes()
    assert "Belonging" not in [code.name for code in window.codebook.hub.book]  # not adopted


def test_a_codebook_exported_as_qdc_is_the_refi_qda_codebook(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    """Codes ▸ Export Codebook… named "codebook.qdc" (the codebook for NVivo, as a user
    looks for it among the codes) wrote Markdown into it, said it was exported, and NVivo
    refused the file; it is the REFI-QDA codebook now, which imports back."""
    from reader.core.refi.codebook_xml import import_qdc

    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    dialogs.save_answers.append(str(tmp_path / "codebook.qdc"))
    window.window_actions.codes.export_codebook.trigger()
    sent = (tmp_path / "codebook.qdc").read_bytes()
    assert b"urn:QDA-XML:codebook:1.0" in sent
    assert [code.name for code in import_qdc(sent).book] == ["Drinks"]
    said = window.statusBar().currentMessage()
    assert said == f"Exported 1 code to {tmp_path / 'codebook.qdc'}"


def test_a_codebook_named_as_another_kind_is_not_written(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    """ "codebook.docx" (for a methods appendix in Word) got the Markdown export, a file
    Word could not open, and the status line said it was exported; it is refused, saying
    which kinds there are. A dot in a title ("v1.2") names no kind: Markdown, as before."""
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    dialogs.save_answers += [str(tmp_path / "codebook.docx"), str(tmp_path / "codebook v1.2")]
    window.window_actions.codes.export_codebook.trigger()
    assert not (tmp_path / "codebook.docx").exists()
    assert dialogs.shown[-1] == (
        "warning",
        f"Export: {tmp_path / 'codebook.docx'} could not be written: a codebook is exported "
        "as Markdown (.md), CSV (.csv) or a REFI-QDA codebook (.qdc)",
    )
    assert window.statusBar().currentMessage() == "Nothing was exported."
    window.window_actions.codes.export_codebook.trigger()
    assert (tmp_path / "codebook v1.2").read_text("utf-8").startswith("# Codebook of")


def test_the_codebook_sent_is_made_from_the_notes_files_as_counted(
    make_study_window, folder: Path, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """Export Codebook… and the .qdc read every notes file of the study again for the
    codes only a file has (150 ms for 300 files of 150 codes), though the Codebook's
    counts had read them all; they are taken as the counts read them now."""
    from reader.core import notes_files_cache
    from reader.core import study as study_module
    from reader.core.store import load_notes

    coded_elsewhere(folder)
    window = make_study_window(folder)
    window.codebook.hub.counts()  # the other interviews' notes files counted: read
    reads: list[Path] = []

    def reading(path: Path):
        if path.exists():  # (an interview with no notes yet is looked for each time)
            reads.append(path)
        return load_notes(path)

    monkeypatch.setattr(study_module, "load_notes", reading)
    monkeypatch.setattr(notes_files_cache, "load_notes", reading)
    dialogs.save_answers.append(str(tmp_path / "codes.qdc"))
    window.transfers.refi("qdc", True, False)
    assert b'name="Belonging"' in (tmp_path / "codes.qdc").read_bytes()
    assert reads == []
