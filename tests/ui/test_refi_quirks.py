"""File ▸ Import ▸ REFI-QDA Project… with projects as other tools write them
(tests/core/test_refi_quirks.py builds them): what the study holds on disk after."""

from __future__ import annotations

from pathlib import Path

import orjson
from PySide6.QtWidgets import QFileDialog

from tests.core.test_refi import zipped
from tests.core.test_refi_quirks import CODE, QUOTE, START, TEXT, qde, text_source
from tests.ui.test_codebook import study_json


def test_a_project_zipped_on_windows_with_its_text_beside_it_becomes_a_study(
    make_window, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """Backslash paths under a leading folder, a code coloured #RRGGBBAA, a second source
    whose text (UTF-8 with a BOM and CRLFs) lies beside the .qdpx: each source was left
    out ("its text is not in the file") and the code took another colour."""
    codes = f'<Code guid="{CODE}" name="Handover" isCodable="true" color="#FF990080"/>'
    beside = (
        text_source('plainTextPath="relative://Ben.txt"', START + 1)
        .replace('name="Ana"', 'name="Ben"')
        .replace('"b1000000-', '"b2000000-')
        .replace('"a1000000-', '"a2000000-')
    )
    project = tmp_path / "Nights.qdpx"
    project.write_bytes(
        zipped(
            {
                "Nights\\project.qde": qde(text_source() + beside, codes),
                "Nights\\Sources\\b1.txt": TEXT,
            }
        )
    )
    (tmp_path / "Ben.txt").write_bytes(
        b"\xef\xbb\xbf" + f"{TEXT}Ben.".replace("\n", "\r\n").encode()
    )
    chosen = tmp_path / "study"
    chosen.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(chosen))
    window = make_window()
    dialogs.open_answers.append(str(project))
    window.window_actions.codes.import_qdpx.trigger()
    kind, text = dialogs.shown[-1]
    assert kind == "information" and "Imported 2 interviews, 1 code" in text
    assert "not imported" not in text
    beside = tmp_path / "Ben.txt"
    assert f"Texts read from outside the .qdpx, where the project names them: {beside}." in text
    saved = study_json(chosen)
    assert [e["title"] for e in saved["interviews"]] == ["Ana", "Ben"]
    assert [(c["name"], c["color"]) for c in saved["codes"]] == [("Handover", "#ff9900")]
    for entry in saved["interviews"]:
        notes = orjson.loads((chosen / "notes" / f"{entry['id']}.json").read_bytes())
        (highlight,) = notes["highlights"]
        assert highlight["exact"] == QUOTE and highlight["codes"] == [CODE]
    assert (chosen / "transcripts" / "Ben.txt").read_text(encoding="utf-8") == f"{TEXT}Ben."
    assert window.study.study is not None and window.study.study.folder == chosen


def test_a_project_declaring_an_external_entity_leaves_the_open_study_as_it_was(
    make_study_window, folder: Path, dialogs, tmp_path: Path
) -> None:
    """A crafted project.qde naming a file of the computer to read in place of a name:
    refused with what is wrong and what to do, the study's files untouched."""
    declared = '<!DOCTYPE Project [<!ENTITY who SYSTEM "file:///etc/passwd">]>'
    project = tmp_path / "crafted.qdpx"
    sources = text_source().replace('name="Ana"', 'name="&who;"')
    project.write_bytes(
        zipped({"project.qde": qde(sources, before=declared), "sources/b1.txt": TEXT})
    )
    window = make_study_window(folder)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and "lock" not in p.name}
    dialogs.open_answers.append(str(project))
    window.window_actions.codes.import_qdpx.trigger()
    kind, text = dialogs.shown[-1]
    assert kind == "warning" and text == (
        "Cannot import: crafted.qdpx: its project file asks to read another file in place "
        "of “who” (an external XML entity), which this app never does: export it again "
        "from the program that made it."
    )
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and "lock" not in p.name}
    assert after == before
