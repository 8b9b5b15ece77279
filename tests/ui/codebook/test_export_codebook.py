"""Codes ▸ Export Codebook… (reader/ui/codebook/wiring.py): greyed out until there is a
code; then the codes with their counts as the Codebook has them, Markdown or CSV by the
name given, and the status line says where."""

from __future__ import annotations

from pathlib import Path

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
