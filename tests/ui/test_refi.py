"""File ▸ Import ▸ REFI-QDA Project… into the study open in the window (reader/ui/codebook/
refi.py): the library lists the new interviews, the codebook and the open interview know
the new codes, the summary names what was not brought in."""

from __future__ import annotations

import errno
import io
import os
import shutil
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt, QTimer

from reader.core.annotations import make_highlight
from reader.core.store import save_notes
from reader.core.study import open_study
from tests.core.test_refi import sent_qdpx
from tests.ui.conftest import TALKS
from tests.ui.test_codebook import code_with_keys, study_json
from tests.ui.test_library import type_title
from tests.ui.test_read_only_undo import activate

NEW_TALK = "Q: And after the shift?\nA: Breakfast, then I sleep till noon.\n"


def their_project(folder: Path) -> Path:
    """A project with one interview the open study has (same text) and one it has not,
    coded with "Drinks" (a name the open study uses, another GUID) and "Sleep" (new)."""
    folder.mkdir()
    (folder / "P01 Ana.txt").write_text(TALKS["P01 Ana.txt"], encoding="utf-8")
    (folder / "P20 Dee.txt").write_text(NEW_TALK, encoding="utf-8")
    study = open_study(folder)
    drinks = study.writable_codebook().create("Drinks")
    sleep = study.writable_codebook().create("Sleep")
    entry = study.interviews[1]
    session = study.open_session(entry)
    start = NEW_TALK.index("Breakfast")
    h = make_highlight(session.document.text, start, start + len("Breakfast"))
    session.add_highlight(h.edited(codes=(drinks.id, sleep.id)))
    save_notes(study.notes_path(entry), session.notes)
    study.save()
    project = folder.parent / "theirs.qdpx"
    project.write_bytes(sent_qdpx(open_study(folder)))
    return project


def test_import_a_project_into_the_open_study(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    project = their_project(tmp_path / "theirs")
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    library = window.library.model
    assert library.rowCount() == 3 and window.study.undo_stack.count() > 0

    dialogs.open_answers.append(str(project))
    window.window_actions.codes.import_qdpx.trigger()  # the first choice: into this study
    assert dialogs.shown[-2][0] == "ask" and "into the open study" in dialogs.shown[-2][1]
    kind, text = dialogs.shown[-1]
    assert kind == "information" and "Imported 1 interview, 1 code" in text
    # An item of a line marked as one: indented, it read as one paragraph when wrapped.
    assert "\n• “P01 Ana”: nothing new, the study has all of it" in text  # merged: no codings
    assert "Already in the codebook: Drinks." in text
    qtbot.waitUntil(lambda: library.rowCount() == 4)  # no restart, no reopening
    assert [e["title"] for e in study_json(folder)["interviews"]][-1] == "P20 Dee"
    hub = window.codebook.hub
    assert [c.name for c in hub.book] == ["Drinks", "Sleep"]
    drinks = hub.book.find("Drinks")
    session_codes = [c.name for c in window.interview.session.notes.codebook]
    assert session_codes == ["Drinks", "Sleep"]  # the open interview's copy follows
    # The new interview's passage carries the open study's own "Drinks".
    study = window.study.study
    notes = study.load_notes(study.interviews[-1])
    assert [study.codebook.names(h.codes) for h in notes.highlights] == [("Drinks", "Sleep")]
    assert drinks.id in notes.highlights[0].codes
    counts = hub.counts()
    assert (counts[drinks.id], counts[hub.book.find("Sleep").id]) == (2, 1)
    assert window.study.undo_stack.count() == 0  # not undoable, nor what came before


def test_an_import_says_what_it_does_under_the_wait_cursor_and_an_export_on_a_worker(
    make_study_window, folder: Path, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """An import holds the window seconds for a big study: a still arrow said nothing of
    why. A study's export reads its interviews on a worker thread (it held the window 12 s
    for 300 of them), the status bar saying what is under way."""
    import threading

    from PySide6.QtWidgets import QApplication

    import reader.core.refi.qdpx_export as qdpx_export
    import reader.core.refi.qdpx_import as qdpx_import

    project = their_project(tmp_path / "theirs")
    window = make_study_window(folder)
    seen: list[tuple[str, bool]] = []
    exported_on: list[bool] = []  # whether on the GUI thread

    def watched(real):
        def call(*args, **kwargs):
            shown = window.statusBar().currentMessage()
            seen.append((shown, QApplication.overrideCursor() is not None))
            return real(*args, **kwargs)

        return call

    def on_which_thread(*args, **kwargs):
        exported_on.append(threading.current_thread() is threading.main_thread())
        return real_export(*args, **kwargs)

    real_export = qdpx_export.export_study_qdpx
    monkeypatch.setattr(qdpx_import, "import_qdpx", watched(qdpx_import.import_qdpx))
    monkeypatch.setattr(qdpx_export, "export_study_qdpx", on_which_thread)
    dialogs.open_answers.append(str(project))
    window.window_actions.codes.import_qdpx.trigger()
    assert seen == [("Importing theirs.qdpx…", True)]
    assert QApplication.overrideCursor() is None
    assert window.statusBar().currentMessage() == f"Imported theirs.qdpx into {folder}"
    # The file is asked for first: its dialog cancelled, nothing is made (every transcript
    # and notes file read, the recordings zipped in memory, then the question).
    window.codebook.refi_export.export("qdpx", whole_study=True, crlf=False)
    assert exported_on == []
    assert QApplication.overrideCursor() is None and window.statusBar().currentMessage() == ""
    dialogs.save_answers.append(str(tmp_path / "sent.qdpx"))
    window.codebook.refi_export.export("qdpx", whole_study=True, crlf=False)
    assert exported_on == [False]
    assert QApplication.overrideCursor() is None
    assert window.statusBar().currentMessage() == f"Exported to {tmp_path / 'sent.qdpx'}"


def test_import_into_the_open_study_can_be_declined(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    project = their_project(tmp_path / "theirs")
    window = make_study_window(folder)
    before = (folder / "study.json").read_bytes() if (folder / "study.json").exists() else b""
    dialogs.open_answers.append(str(project))
    dialogs.choice_answers.append("Cancel")
    window.window_actions.codes.import_qdpx.trigger()
    assert dialogs.shown[-1][0] == "ask"
    now = (folder / "study.json").read_bytes() if (folder / "study.json").exists() else b""
    assert now == before and window.library.model.rowCount() == 3


def test_a_file_that_is_no_project_imports_nothing_and_undo_still_undoes(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    """A photo's 50 MB renamed .qdpx, a download cut short, a folder: refused with why,
    and the steps before can still be undone (the refusal cleared the study's history)."""
    window = make_study_window(folder)
    activate(window, qtbot)
    qtbot.keyClick(type_title(window, qtbot, "Ben, night porter"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.library.model.rows[1].title == "Ben, night porter")
    photo = tmp_path / "photo.qdpx"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(1 << 20) * 50)
    cut = tmp_path / "cut.qdpx"
    cut.write_bytes(their_project(tmp_path / "theirs").read_bytes()[:300])
    shelf = tmp_path / "shelf.qdpx"
    shelf.mkdir()
    for project, why in (
        (photo, "photo.qdpx: it is not a .qdpx file (not a zip archive)."),
        (cut, "cut.qdpx: the .qdpx is cut short or damaged: copy it again."),
        (shelf, "Is a directory"),
    ):
        dialogs.open_answers.append(str(project))
        window.window_actions.codes.import_qdpx.trigger()
        kind, text = dialogs.shown[-1]
        assert kind == "warning" and text.startswith("Cannot import: ") and why in text
        assert window.study.undo_stack.count() == 1
    assert [e["title"] for e in study_json(folder)["interviews"]][1] == "Ben, night porter"
    window.library.view.setFocus()
    window.window_actions.undo.trigger()
    qtbot.waitUntil(lambda: window.library.model.rows[1].title == "P02 Ben")
    assert study_json(folder)["interviews"][1]["title"] == "P02 Ben"
    assert sorted(p.name for p in folder.iterdir()) == [
        *TALKS,
        "notes",
        "study.json",
        "study.json.lock",
    ]


class HalfWritten:
    """A file written on a full disk: half of what is written reaches it, then ENOSPC."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def __enter__(self) -> HalfWritten:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._handle.close()

    def write(self, data: Any) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


def test_an_import_the_disk_cannot_take_leaves_no_half_transcript(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """The disk full as the import writes the project's new interview: half its text was
    left in transcripts/, in no interview, and imported again once there was room, the
    interview's transcript went beside it as "P20 Dee-2.txt". Now the import says why it
    stopped, leaves the folder as it was, and again with room brings the interview whole."""
    project = their_project(tmp_path / "theirs")
    window = make_study_window(folder)
    real_open = io.open

    def full_disk(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        return HalfWritten(handle) if set(mode) & set("wax") else handle

    dialogs.open_answers.append(str(project))
    with monkeypatch.context() as disk:
        disk.setattr(io, "open", full_disk)
        window.window_actions.codes.import_qdpx.trigger()
    kind, text = dialogs.shown[-1]
    assert kind == "warning" and "No space left on device" in text
    assert sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix == ".txt") == [
        folder / name for name in TALKS
    ]
    assert window.library.model.rowCount() == 3
    dialogs.open_answers.append(str(project))
    window.window_actions.codes.import_qdpx.trigger()
    assert "Imported 1 interview" in dialogs.shown[-1][1]
    assert [p.name for p in (folder / "transcripts").iterdir()] == ["P20 Dee.txt"]
    assert (folder / "transcripts" / "P20 Dee.txt").read_text("utf-8") == NEW_TALK
    assert study_json(folder)["interviews"][-1]["title"] == "P20 Dee"


def test_an_imported_recording_plays_from_its_transcripts_times(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    """An audio source with a transcript, imported into the open study, opens with its
    recording, and a turn's written time places playback."""
    import io
    import zipfile

    from tests.ui.test_recording import moved_to, write_wav

    text = "Interviewer: Where did you grow up?\r\nAna: In Porto, by the river.\r\n"
    ana = text.index("Ana:")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Recorded" origin="NVivo 14"><Sources>
<AudioSource guid="bbbbbbbb-0000-0000-0000-000000000001" name="Porto" path="internal://r.wav">
<Transcript guid="cccccccc-0000-0000-0000-000000000001" plainTextPath="internal://t.txt">
<SyncPoint guid="dddddddd-0000-0000-0000-000000000001" position="0" timeStamp="2000"/>
<SyncPoint guid="dddddddd-0000-0000-0000-000000000002" position="{ana}" timeStamp="10000"/>
</Transcript></AudioSource></Sources></Project>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/t.txt", text)
        archive.writestr("sources/r.wav", write_wav(tmp_path / "r.wav", 20).read_bytes())
    project = tmp_path / "recorded.qdpx"
    project.write_bytes(buffer.getvalue())
    window = make_study_window(folder)
    dialogs.open_answers.append(str(project))
    window.window_actions.codes.import_qdpx.trigger()
    assert "Imported 1 interview (1 with a recording)" in dialogs.shown[-1][1]
    qtbot.waitUntil(lambda: window.library.model.rowCount() == 4)
    assert window.switcher.open(window.study.study.interviews[-1].id)
    session = window.interview.session
    assert session.document.text.startswith("[00:00:02] Interviewer: Where")
    moved_to(qtbot, window, 10_500)
    spoken = window.recording.overlay
    qtbot.waitUntil(lambda: spoken.spoken is not None)
    assert spoken.spoken[0] == session.document.text.index("[00:00:10] Ana:")


def test_a_new_study_in_a_folder_another_window_has_open_is_refused(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """As the command line refuses it: the other window's study is left as it is."""
    from PySide6.QtWidgets import QFileDialog

    project = their_project(tmp_path / "theirs")
    make_study_window(folder)  # holds the study's lock
    other = tmp_path / "other"
    other.mkdir()
    (other / "P30 Eda.txt").write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    window = make_study_window(other)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    dialogs.open_answers.append(str(project))
    dialogs.choice_answers.append("New Study…")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(folder))
    window.window_actions.codes.import_qdpx.trigger()
    kind, text = dialogs.shown[-1]
    assert kind == "warning" and "is open in another Interview Reader window" in text
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    assert window.study.study.folder == other  # this window stays on its study


def test_a_long_import_summary_keeps_the_rest_under_details(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """A line for each of 40 sets would make a box taller than the screen: they are one
    line, naming the first few, and the details list every one."""
    import zipfile

    from PySide6.QtWidgets import QApplication, QMessageBox

    from reader.core.refi.codebook_xml import PROJECT_NS

    sets = "".join(
        f'<Set guid="{i:08d}-0000-0000-0000-000000000000" name="Set {i}"/>' for i in range(40)
    )
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="Sets"><Sources>'
        '<TextSource guid="eeeeeeee-0000-0000-0000-000000000001" name="P40 Eve">'
        "<PlainTextContent>Q: Sets?\nA: Forty.</PlainTextContent></TextSource>"
        f"</Sources><Sets>{sets}</Sets></Project>"
    )
    project = tmp_path / "sets.qdpx"
    with zipfile.ZipFile(project, "w") as archive:
        archive.writestr("project.qde", qde)
    shown: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        box.show()  # laid out as the user would see it
        shown.append(box)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    window = make_study_window(folder)
    dialogs.open_answers.append(str(project))
    window.window_actions.codes.import_qdpx.trigger()
    (box,) = shown
    assert box.text().startswith("Imported 1 interview")
    assert "40 sets (“Set 0”, “Set 1”, “Set 2” and 37 more): sets are not" in box.text()
    assert box.text().endswith("Show Details… lists every line.")
    assert box.detailedText().count("not imported: set") == 40
    screen = QApplication.primaryScreen().availableGeometry()
    assert box.height() < screen.height()
    box.close()


def test_a_summary_of_many_reasons_shows_its_first_lines(qapp, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from reader.ui.codebook.refi import REPORT_LINES, _show_report

    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box))
    lines = [f"line {n}" for n in range(REPORT_LINES + 5)]
    _show_report(None, lines, "\n".join(lines))
    (box,) = shown
    assert box.text().splitlines()[-2:] == ["… and 5 more.", "Show Details… lists every line."]
    assert box.detailedText() == "\n".join(lines)


@pytest.mark.parametrize("kind", ["empty folder", "folder of other files"])
def test_a_new_study_made_by_an_import_opens_without_being_read_again(
    make_window, qtbot, dialogs, tmp_path: Path, monkeypatch, kind: str
) -> None:
    """With no study open, the import makes one in the chosen folder; the study it built
    is the one the window opens. A folder of other files (the Downloads the .qdpx came
    to) is not made a study, its README an interview: a new folder in it, named after
    the project, takes the study when the user says so."""
    from PySide6.QtWidgets import QFileDialog

    import reader.core.refi.qdpx_import as qdpx_import
    import reader.core.study as core_study

    project = their_project(tmp_path / "theirs")
    chosen = tmp_path / "new study"
    chosen.mkdir()
    target = chosen
    if kind == "folder of other files":
        (chosen / "README.md").write_text("# Downloads\n", encoding="utf-8")
        (chosen / "todo.txt").write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
        (chosen / "theirs").mkdir()
        (chosen / "theirs" / "old.txt").write_text("taken\n", encoding="utf-8")
        target = chosen / "theirs 2"  # "theirs" there holds a file: not that one
        dialogs.choice_answers.append("Make “theirs 2”")
    window = make_window()  # an interview alone: no study to import into
    opened: list[Path] = []
    open_study_once = core_study.open_study

    def counted_open(path: Path, **kwargs) -> core_study.Study:
        opened.append(Path(path))
        return open_study_once(path, **kwargs)

    monkeypatch.setattr(core_study, "open_study", counted_open)
    monkeypatch.setattr(qdpx_import, "open_study", counted_open)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(chosen))
    dialogs.open_answers.append(str(project))
    window.window_actions.codes.import_qdpx.trigger()
    assert dialogs.shown[-1][0] == "information", dialogs.shown
    if kind == "folder of other files":
        assert dialogs.shown[-2][0] == "ask" and "holds other files" in dialogs.shown[-2][1]
    study = window.study.study
    assert study is not None and study.folder == target and not window.study.read_only
    assert [e.title for e in study.interviews] == ["P01 Ana", "P20 Dee"]
    assert window.library.model.rowCount() == 2
    assert opened == []  # the study the import built, not read again
    assert (chosen / "study.json").exists() == (target == chosen)


def test_a_folder_of_other_files_can_be_declined_and_another_chosen(
    make_window, dialogs, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    project = their_project(tmp_path / "theirs")
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    (downloads / "README.md").write_text("# notes\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    answers = [str(downloads), str(empty)]
    started: list[str] = []

    def choose(_parent, _title, start) -> str:
        started.append(start)
        return answers.pop(0)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    window = make_window()
    dialogs.open_answers.append(str(project))
    dialogs.choice_answers.append("Choose Another Folder…")
    window.window_actions.codes.import_qdpx.trigger()
    assert started == [str(project.parent), str(downloads)]
    assert window.study.study is not None and window.study.study.folder == empty
    assert sorted(p.name for p in downloads.iterdir()) == ["README.md"]  # untouched


def test_import_dialogs_start_where_the_last_import_came_from(
    make_study_window, folder: Path, dialogs, tmp_path: Path
) -> None:
    """Not in the working folder the app was started in: at first in the user's documents,
    then where the last project, codebook or annotations came from (they come together)."""
    documents = Path.home() / "Documents"
    documents.mkdir(parents=True)
    window = make_study_window(folder)
    codes = window.window_actions.codes
    codes.import_qdpx.trigger()  # cancelled: nothing chosen, nothing remembered
    codes.import_qdc.trigger()
    assert dialogs.open_started == [str(documents)] * 2
    (tmp_path / "sent").mkdir()
    project = their_project(tmp_path / "sent" / "theirs")
    dialogs.open_answers.append(str(project))
    dialogs.choice_answers.append("Cancel")  # chosen in the dialog, then not imported
    codes.import_qdpx.trigger()
    codes.import_qdc.trigger()
    window.window_actions.import_annotations.trigger()
    assert dialogs.open_started[-2:] == [str(project.parent)] * 2
    shutil.rmtree(project.parent)  # a folder gone: the documents again
    codes.import_qdc.trigger()
    assert dialogs.open_started[-1] == str(documents)


SUPERVISOR_QDC = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo 14"><Codes>
<Code guid="{8E1B5C0A-1111-4A2B-9C3D-000000000001}" name="Drinks" isCodable="true"
 color="#FF0000"><Description>Coffee, tea: what keeps them awake.</Description></Code>
<Code guid="{8E1B5C0A-1111-4A2B-9C3D-000000000003}" name="Réciprocité" isCodable="true">
<Description>Mauss: giving, receiving, returning.</Description></Code>
<Code guid="{8E1B5C0A-1111-4A2B-9C3D-000000000005}" name="Context" isCodable="false">
<Code guid="{8E1B5C0A-1111-4A2B-9C3D-000000000007}" name="Night" isCodable="true"/>
</Code></Codes></CodeBook>"""


def test_a_supervisors_codebook_defines_the_students_codes_and_names_the_look_alikes(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    """The student coded "Drinks" and "Night" without writing what they mean; the
    supervisor's .qdc defines "Drinks" and files a "Night" under a category. The student's
    "Drinks" takes the definition (its colour stays), the box names the second "Night" so
    it can be merged, and Ctrl+Z takes the whole import back, the definition too."""
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    code_with_keys(window, qtbot, "handover", "Night")
    colour = window.codebook.hub.book.find("Drinks").color
    sent = tmp_path / "from-supervisor.qdc"
    sent.write_text(SUPERVISOR_QDC, "utf-8")
    dialogs.open_answers.append(str(sent))
    window.window_actions.codes.import_qdc.trigger()
    said = dialogs.shown[-1][1]
    assert "Added 4 codes" not in said and "Added 3 codes" in said
    assert "Memo taken from the file (the code had none): Drinks." in said
    assert "same name elsewhere" in said and "): Night." in said
    codes = {c["name"]: c for c in study_json(folder)["codes"]}
    assert codes["Drinks"]["description"] == "Coffee, tea: what keeps them awake."
    assert codes["Drinks"]["color"] == colour and "Réciprocité" in codes
    window.study.undo_stack.undo()
    codes = {c["name"]: c for c in study_json(folder)["codes"]}
    assert set(codes) == {"Drinks", "Night"} and codes["Drinks"]["description"] == ""


def test_a_codebook_imported_again_makes_no_step_to_undo(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    """The supervisor's .qdc imported a second time brings nothing: it said so, but put an
    "Import Codebook" in Edit ▸ Undo that undid nothing, before the first import's."""
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    sent = tmp_path / "from-supervisor.qdc"
    sent.write_text(SUPERVISOR_QDC, "utf-8")
    stack = window.study.undo_stack
    for _ in range(2):
        dialogs.open_answers.append(str(sent))
        window.window_actions.codes.import_qdc.trigger()
    said = dialogs.shown[-1][1]
    assert "Added 0 codes" in said and "Already in the codebook: Drinks, Réciprocité" in said
    assert stack.undoText() == "Import Codebook"
    stack.undo()  # the first import, at once
    assert {c["name"] for c in study_json(folder)["codes"]} == {"Drinks"}


def test_a_supervisors_memo_on_a_code_with_one_joins_it_and_undoes(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    """The student's "Drinks" has a memo; the supervisor's .qdc has another: hers keeps
    her words and gains his paragraph (it was dropped), the box says so, Ctrl+Z undoes."""
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    book = window.study.study.writable_codebook()
    book.update(book.find("Drinks").id, description="Mine: the night's fuel.")
    sent = tmp_path / "from-supervisor.qdc"
    sent.write_text(SUPERVISOR_QDC, "utf-8")
    dialogs.open_answers.append(str(sent))
    window.window_actions.codes.import_qdc.trigger()
    assert (
        "Memo written on in the file, its new paragraphs added: Drinks." in (dialogs.shown[-1][1])
    )
    codes = {c["name"]: c for c in study_json(folder)["codes"]}
    assert codes["Drinks"]["description"] == (
        "Mine: the night's fuel.\n\nCoffee, tea: what keeps them awake."
    )
    window.study.undo_stack.undo()
    codes = {c["name"]: c for c in study_json(folder)["codes"]}
    assert codes["Drinks"]["description"] == "Mine: the night's fuel."


def test_undoing_a_codebook_import_takes_its_codes_off_the_passages_coded_since(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    """Found by the undo review: Undo put the whole codebook back as it was, and a passage
    coded since with an imported code kept an id the codebook lacked (an unknown code,
    still counted, that came back without its category at the next opening). Each code
    the import added goes as Delete Code takes it; Redo brings it back, on its passage."""
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    sent = tmp_path / "from-supervisor.qdc"
    sent.write_text(SUPERVISOR_QDC, "utf-8")
    dialogs.open_answers.append(str(sent))
    window.window_actions.codes.import_qdc.trigger()
    code_with_keys(window, qtbot, "handover", "Night")
    window.interview.flush()
    night = window.codebook.hub.book.find("Night").id
    path = window.interview.notes_path

    def coded() -> dict[str, list[str]]:
        return {h["exact"]: h["codes"] for h in orjson.loads(path.read_bytes())["highlights"]}

    assert night in coded()["handover"]
    names = {c["name"] for c in study_json(folder)["codes"]}
    window.study.undo_stack.undo()  # the coding: the study's history holds the import only
    assert {c["name"] for c in study_json(folder)["codes"]} == {"Drinks"}
    assert study_json(folder)["codes"][0]["description"] == ""
    qtbot.waitUntil(lambda: "handover" not in coded() or night not in coded()["handover"])
    window.study.undo_stack.redo()
    assert {c["name"] for c in study_json(folder)["codes"]} == names
    assert window.codebook.hub.book.find("Night").id == night
    qtbot.waitUntil(lambda: night in coded().get("handover", []))


def sent_back(window, tmp_path: Path) -> Path:
    """The study as exported now, back from a supervisor: "Sleep" (a new code) on every
    coded passage, "handover" in P01 Ana coded "Drinks" with a note."""
    import xml.etree.ElementTree as ET

    from tests.core.test_refi_merge import NEW_SELECTION, coding, edited, note

    sent = sent_qdpx(window.study.study)
    text = TALKS["P01 Ana.txt"]
    sleep, remark = "5a000000-0000-4000-8000-000000000001", "40000000-0000-4000-8000-000000000002"

    def supervisor(root: ET.Element) -> None:
        p = root.tag[: root.tag.index("}") + 1]
        codes = root.find(f"{p}CodeBook/{p}Codes")
        ET.SubElement(codes, f"{p}Code", guid=sleep, name="Sleep")
        drinks = codes[0].get("guid")
        for n, selection in enumerate(root.iter(f"{p}PlainTextSelection")):
            coding(selection, sleep, n)
        source = next(s for s in root.iter(f"{p}TextSource") if s.get("name") == "P01 Ana")
        start = text.index("handover")
        new = ET.SubElement(
            source,
            f"{p}PlainTextSelection",
            guid=NEW_SELECTION,
            startPosition=str(start),
            endPosition=str(start + len("handover")),
        )
        coding(new, drinks, 99)
        ET.SubElement(new, f"{p}NoteRef", targetGUID=remark)
        note(root, remark, "Ask who hands over.")

    project = tmp_path / "back.qdpx"
    project.write_bytes(edited(sent, supervisor))
    return project


def test_a_supervisors_codings_merge_into_the_open_interview_keeping_unsaved_edits(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    """The study sent out, coded there (a code added to a passage, a new passage with a
    note) and imported back while the open interview has edits not yet saved: the window
    shows the supervisor's codings and keeps every edit, on screen and on disk."""
    window = make_study_window(folder)
    interview = window.interview
    assert interview.session.document.source.endswith("P01 Ana.txt")
    code_with_keys(window, qtbot, "coffee", "Drinks")
    interview.flush()
    coffee = interview.session.notes.highlights[0]
    project = sent_back(window, tmp_path)
    # Edits not saved yet: a note on the coded passage, a passage coded, research notes.
    interview.controller.edit_highlight(coffee.id, "Edit Note", note="Every night")
    code_with_keys(window, qtbot, "night", "Shifts")
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, "Ana starts with coffee")
    assert interview.saver.dirty

    dialogs.open_answers.append(str(project))
    window.window_actions.codes.import_qdpx.trigger()
    kind, said = dialogs.shown[-1]
    assert kind == "information" and "“P01 Ana”: 1 coding added to 1 highlight, 1 new" in said

    def shown() -> list[tuple[str, tuple[str, ...], str]]:
        book = window.codebook.hub.book
        return [(h.exact, book.names(h.codes), h.note) for h in interview.session.notes.highlights]

    expected = [
        ("night", ("Shifts",), ""),
        ("coffee", ("Drinks", "Sleep"), "Every night"),
        ("handover", ("Drinks",), "Ask who hands over."),
    ]
    assert shown() == expected  # in the window at once
    assert interview.research_notes() == "Ana starts with coffee"
    interview.flush()
    study = window.study.study
    on_disk = study.load_notes(study.interviews[0])
    assert [(h.exact, study.codebook.names(h.codes), h.note) for h in on_disk.highlights] == (
        expected
    )
    assert on_disk.notes == "Ana starts with coffee"
    # Undo in the interview does not take the merge apart: the steps left are the user's
    # own, on what the supervisor did not touch.
    stack = interview.controller.undo_stack
    while stack.canUndo():
        stack.undo()
    assert shown() == expected[1:]  # "night", coded here, goes; the merged passages stay


def test_nothing_is_imported_while_the_open_interviews_notes_cannot_be_saved(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """Unsaved, a passage edited here and coded there would keep only one side: the
    import waits till the notes are saved, and says so."""
    import errno

    project = their_project(tmp_path / "theirs")
    window = make_study_window(folder)
    before = sorted(folder.iterdir())

    def refuse(path: Path, data: bytes, **_kwargs: bool) -> None:
        raise OSError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr("reader.ui.persistence.saver.atomic_write", refuse)
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, "typed while the folder refused")
    dialogs.open_answers.append(str(project))
    window.window_actions.codes.import_qdpx.trigger()
    kind, text = dialogs.shown[-1]
    assert kind == "warning" and "could not be saved first, so nothing was imported" in text
    assert sorted(folder.iterdir()) == before and window.library.model.rowCount() == 3
    assert window.notes_editor.toPlainText() == "typed while the folder refused"


def test_an_interview_set_aside_comes_back_with_the_supervisors_codings(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    """Left for another with its undo history, its notes file rewritten by the merge: it
    opens afresh from the file, its history dropped (it was for the notes before)."""
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    ana, ben = window.study.study.interviews[:2]
    assert window.switcher.open(ben.id)  # Ana's notes written as she is left
    project = sent_back(window, tmp_path)
    dialogs.open_answers.append(str(project))
    window.window_actions.codes.import_qdpx.trigger()
    assert "“P01 Ana”: 1 coding added to 1 highlight, 1 new" in dialogs.shown[-1][1]
    assert window.switcher.open(ana.id)
    book = window.codebook.hub.book
    shown = [(h.exact, book.names(h.codes)) for h in window.interview.session.notes.highlights]
    assert shown == [("coffee", ("Drinks", "Sleep")), ("handover", ("Drinks",))]
    assert window.interview.controller.undo_stack.count() == 0


def test_a_passage_deleted_since_the_study_was_exported_does_not_come_back(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """File ▸ Export… sends the study; she deletes "night" and takes "Drinks" off
    "coffee" (coded "Shifts" too); her supervisor's tool keeps both and adds "Sleep" to
    "coffee". Imported back: "night" stays deleted, "Drinks" stays off, "Sleep" comes, in
    the window and on disk; the report says so."""
    import xml.etree.ElementTree as ET

    from tests.core.test_refi_merge import coding, edited

    window = make_study_window(folder)
    interview = window.interview
    code_with_keys(window, qtbot, "coffee", "Drinks")
    code_with_keys(window, qtbot, "coffee", "Shifts")
    code_with_keys(window, qtbot, "night", "Shifts")

    sent = tmp_path / "study.qdpx"
    export_qdpx(window, monkeypatch, dialogs, whole_study=True, to=sent)
    assert sent.is_file()

    night, coffee = (
        next(h for h in interview.session.notes.highlights if h.exact == word)
        for word in ("night", "coffee")
    )
    interview.controller.delete_highlight(night.id)
    interview.controller.edit_highlight(coffee.id, "Remove Code", codes=coffee.codes[1:])
    sleep = "5a000000-0000-4000-8000-000000000001"

    def supervisor(root: ET.Element) -> None:
        p = root.tag[: root.tag.index("}") + 1]
        ET.SubElement(root.find(f"{p}CodeBook/{p}Codes"), f"{p}Code", guid=sleep, name="Sleep")
        coding(
            next(s for s in root.iter(f"{p}PlainTextSelection") if s.get("guid") == coffee.id),
            sleep,
            1,
        )

    said = imported_back(window, dialogs, edited(sent.read_bytes(), supervisor), tmp_path)
    assert (
        "“P01 Ana”: 1 coding added to 1 highlight; 1 highlight deleted here since it was "
        "sent, not brought back; 1 coding removed here since it was sent, not added back"
    ) in said

    book = window.codebook.hub.book
    expected = [("coffee", ("Shifts", "Sleep"))]
    assert [(h.exact, book.names(h.codes)) for h in interview.session.notes.highlights] == (
        expected
    )
    interview.flush()
    study = window.study.study
    on_disk = study.load_notes(study.interviews[0]).highlights
    assert [(h.exact, study.codebook.names(h.codes)) for h in on_disk] == expected


def test_a_passage_deleted_here_stays_deleted_when_its_guid_comes_back_new(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """File ▸ Export… sends the study; she deletes "night". Her supervisor's NVivo adds
    "Sleep" to "coffee", codes "handover" (new) and, exporting, gives every selection a
    GUID of its own. Imported back: "night" stays deleted, "coffee" is one highlight with
    "Sleep" added, "handover" comes, in the window and in the notes JSON on disk."""
    import json
    import xml.etree.ElementTree as ET

    from tests.core.test_refi_merge import coding, edited, new_guids

    window = make_study_window(folder)
    interview = window.interview
    code_with_keys(window, qtbot, "coffee", "Drinks")
    code_with_keys(window, qtbot, "night", "Shifts")
    sent = tmp_path / "study.qdpx"
    export_qdpx(window, monkeypatch, dialogs, whole_study=True, to=sent)
    night, coffee = (
        next(h for h in interview.session.notes.highlights if h.exact == word)
        for word in ("night", "coffee")
    )
    interview.controller.delete_highlight(night.id)
    sleep = "5a000000-0000-4000-8000-000000000001"
    text = TALKS["P01 Ana.txt"]

    def supervisor(root: ET.Element) -> None:
        p = root.tag[: root.tag.index("}") + 1]
        root.set("origin", "NVivo 14.23")
        codes = root.find(f"{p}CodeBook/{p}Codes")
        ET.SubElement(codes, f"{p}Code", guid=sleep, name="Sleep")
        drinks = next(c.get("guid") for c in codes if c.get("name") == "Drinks")
        coding(
            next(s for s in root.iter(f"{p}PlainTextSelection") if s.get("guid") == coffee.id),
            sleep,
            1,
        )
        source = next(s for s in root.iter(f"{p}TextSource") if s.get("name") == "P01 Ana")
        start = text.index("handover")
        handover = ET.SubElement(
            source,
            f"{p}PlainTextSelection",
            startPosition=str(start),
            endPosition=str(start + len("handover")),
        )
        coding(handover, drinks, 2)
        new_guids(root)

    said = imported_back(window, dialogs, edited(sent.read_bytes(), supervisor), tmp_path)
    assert (
        "“P01 Ana”: 1 coding added to 1 highlight, 1 new highlight; 1 highlight deleted here "
        "since it was sent, not brought back"
    ) in said
    book = window.codebook.hub.book
    expected = [("coffee", ("Drinks", "Sleep")), ("handover", ("Drinks",))]
    shown = [(h.exact, book.names(h.codes)) for h in interview.session.notes.highlights]
    assert shown == expected
    assert interview.session.notes.highlights[0].id == coffee.id
    interview.flush()
    study = window.study.study
    on_disk = json.loads(study.notes_path(study.interviews[0]).read_bytes())
    named = {c["id"]: c["name"] for c in on_disk["codes"]}
    assert [
        (h["exact"], tuple(named[c] for c in h["codes"])) for h in on_disk["highlights"]
    ] == expected


def imported_back(window, dialogs, project: bytes, tmp_path: Path) -> str:
    """File ▸ Import ▸ REFI-QDA Project… of `project` into the open study: its report."""
    back = tmp_path / "back.qdpx"
    back.write_bytes(project)
    dialogs.open_answers.append(str(back))
    window.window_actions.codes.import_qdpx.trigger()
    kind, said = dialogs.shown[-1]
    assert kind == "information"
    return said


def export_qdpx(window, monkeypatch, dialogs, whole_study: bool, to: Path | None) -> None:
    """File ▸ Export… of a .qdpx of the study (`whole_study`) or of the interview, saved
    `to` that file (None: the save dialog is cancelled)."""
    from PySide6.QtWidgets import QDialog

    from reader.ui.exporting.export_dialog import ExportDialog

    def exec_(dialog: ExportDialog) -> int:
        dialog.scope_combo.setCurrentIndex(int(whole_study))
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("qdpx"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    if to is not None:
        dialogs.save_answers.append(str(to))
    window.window_actions.export.trigger()


def test_an_export_not_written_is_not_recorded_as_sent(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """Were it recorded, "night" deleted here would not come back from the file that went
    (an export before), as it was not sent in the file that never went."""
    import errno

    window = make_study_window(folder)
    code_with_keys(window, qtbot, "night", "Shifts")
    record = folder / ".refi-sent.json"
    for whole_study in (True, False):
        export_qdpx(window, monkeypatch, dialogs, whole_study, to=None)
        assert not record.exists()

    def disk_full(*_args: object) -> None:  # as the disk fills, halfway through
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("reader.core.store.os.fsync", disk_full)
    export_qdpx(window, monkeypatch, dialogs, whole_study=True, to=tmp_path / "study.qdpx")
    kind, text = dialogs.shown[-1]
    assert kind == "warning" and f"No space left on device: {tmp_path / 'study.qdpx'}" in text
    assert not record.exists() and not any(tmp_path.glob("*study.qdpx*"))


def recorded_folder(folder: Path, size: int) -> None:
    """The study `folder`'s first interview with a recording of `size` bytes and turn
    times, so that it goes into the project (WebVTT beside it, as a transcript with
    times)."""
    from tests.core.test_refi_media import VTT

    (folder / "P00 Night.vtt").write_text(VTT, encoding="utf-8")
    (folder / "P00 Night.mp3").write_bytes(bytes(size))


HOLD_S = 10.0  # at most, a held export waits for the test's Cancel


def held(progress: Any, at: Any) -> Any:
    """`progress` as an export tells it, the export held at the first call `at(*args)`
    likes until Cancel makes `progress` say False: a slow disk, a big study. It runs on the
    export's worker: the window meanwhile paints and takes keys."""
    waited: list[bool] = []

    def told(*args: Any) -> bool:
        if at(*args) and not waited:
            waited.append(True)
            deadline = time.monotonic() + HOLD_S
            while progress(*args) and time.monotonic() < deadline:
                threading.Event().wait(0.005)  # on the worker, not the test
        return progress(*args)

    return told


def export_cancelled_with_esc(
    window, qtbot, monkeypatch, dialogs, tmp_path: Path
) -> tuple[Path, list[tuple[str, int]]]:
    """The study exported to a file of an empty folder, Esc pressed on the export's dialog
    once it shows, as the user does: the file's name, and what the dialog said then (its
    label, its bar)."""
    from PySide6.QtWidgets import QProgressDialog

    from reader.ui.exporting import export_progress

    monkeypatch.setattr(export_progress, "SHOW_AFTER_MS", 0)
    clicked: list[tuple[str, int]] = []

    def press() -> None:
        dialog = window.findChild(QProgressDialog)
        shown = dialog is not None and dialog.isVisible() and not clicked
        if shown and dialog.labelText() != "Exporting…":  # the worker's first word has come
            clicked.append((dialog.labelText(), dialog.value()))
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    timer = QTimer(window, interval=0)
    timer.timeout.connect(press)
    timer.start()
    target = tmp_path / "out" / "study.qdpx"
    target.parent.mkdir()
    export_qdpx(window, monkeypatch, dialogs, whole_study=True, to=target)
    timer.stop()
    return target, clicked


def nothing_exported(window, folder: Path, target: Path) -> None:
    from PySide6.QtWidgets import QProgressDialog

    assert list(target.parent.iterdir()) == []
    assert window.statusBar().currentMessage() == "Export cancelled; nothing was written."
    assert not (folder / ".refi-sent.json").exists()
    dialog = window.findChild(QProgressDialog)
    assert dialog is None or not dialog.isVisible()


def test_cancel_while_a_project_is_written_leaves_no_file(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """A study with hours of recordings takes a while to write: a progress dialog shows,
    the window paints meanwhile, and its Cancel leaves nothing at the name, not even a
    part of the file, and nothing is recorded as sent."""
    from reader.core.refi.qdpx_export import Qdpx

    recorded_folder(folder, 4 * 2**20)
    window = make_study_window(folder)
    real_write = Qdpx.write

    def slow_write(project: Qdpx, file: Any, progress: Any) -> None:  # held midway
        real_write(project, file, held(progress, lambda done, total: 2 * done > total))

    monkeypatch.setattr(Qdpx, "write", slow_write)
    target, clicked = export_cancelled_with_esc(window, qtbot, monkeypatch, dialogs, tmp_path)
    [(line, value)] = clicked
    assert line.startswith("Writing… ") and line.endswith(" MB of 4.2 MB")
    assert 0 < value < 1000  # cancelled on its way
    nothing_exported(window, folder, target)
    monkeypatch.setattr(Qdpx, "write", real_write)
    export_qdpx(window, monkeypatch, dialogs, whole_study=True, to=target)  # not cancelled
    assert window.statusBar().currentMessage() == f"Exported to {target}"
    with zipfile.ZipFile(target) as archive:
        assert sum(n.endswith(".mp3") for n in archive.namelist()) == 1


def test_a_study_being_read_for_a_project_says_so_and_cancels_with_esc(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """Reading every transcript and notes file of a study of 300 held the window 12 s,
    under a wait cursor with no way out. The dialog says which interview is read, and Esc
    stops it there: no file, nothing recorded as sent; the next export goes through."""
    import reader.core.refi.qdpx_export as qdpx_export

    window = make_study_window(folder)
    real_export = qdpx_export.export_study_qdpx
    second = (qdpx_export.READING, 2, len(window.study.study.interviews))

    def slow_reading(study: Any, *, crlf: bool, progress: Any) -> Any:
        return real_export(study, crlf=crlf, progress=held(progress, lambda *a: a == second))

    monkeypatch.setattr(qdpx_export, "export_study_qdpx", slow_reading)
    target, clicked = export_cancelled_with_esc(window, qtbot, monkeypatch, dialogs, tmp_path)
    assert clicked == [(f"Reading interview 2 of {second[2]}…", 1000 * 2 // second[2])]
    nothing_exported(window, folder, target)
    monkeypatch.setattr(qdpx_export, "export_study_qdpx", real_export)
    export_qdpx(window, monkeypatch, dialogs, whole_study=True, to=target)
    assert window.statusBar().currentMessage() == f"Exported to {target}"
    assert (folder / ".refi-sent.json").exists()


def test_a_study_exported_holds_the_open_interviews_edits_not_saved_yet(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """The export reads the interviews' files on a worker thread: what the user sees in
    the open interview, typed a moment ago, goes with it all the same."""
    window = make_study_window(folder)
    interview = window.interview
    code_with_keys(window, qtbot, "coffee", "Drinks")
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, "Ana starts with coffee")
    assert interview.saver.dirty
    target = tmp_path / "study.qdpx"
    export_qdpx(window, monkeypatch, dialogs, whole_study=True, to=target)
    assert window.statusBar().currentMessage() == f"Exported to {target}"
    with zipfile.ZipFile(target) as archive:
        qde = archive.read("project.qde").decode()
    assert "Ana starts with coffee" in qde
    assert 'name="Drinks"' in qde and "CodeRef" in qde


def test_a_project_into_a_read_only_folder_says_so_and_leaves_nothing(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """A folder the user cannot write in (a read-only mount, another user's): the box
    says so, naming the folder, and nothing is recorded as sent."""
    import errno

    from reader.core import store

    window = make_study_window(folder)
    locked = tmp_path / "locked"
    locked.mkdir()
    made = store.tempfile.mkstemp

    def refused(*args: object, **kwargs: object):  # as a read-only folder refuses a file
        if kwargs.get("dir") == locked:
            raise OSError(errno.EROFS, "Read-only file system", str(locked / ".x.tmp"))
        return made(*args, **kwargs)

    monkeypatch.setattr(store.tempfile, "mkstemp", refused)
    export_qdpx(window, monkeypatch, dialogs, whole_study=True, to=locked / "study.qdpx")
    kind, text = dialogs.shown[-1]
    assert kind == "warning"
    assert text == (
        f"Export: {locked / 'study.qdpx'} could not be written: Read-only file system: {locked}"
    )
    assert window.statusBar().currentMessage() == "Nothing was exported."
    assert list(locked.iterdir()) == [] and not (folder / ".refi-sent.json").exists()


def test_an_interview_exported_alone_is_recorded_and_its_deletion_kept(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """One interview of the study sent alone and coded there; "night", deleted here
    since, does not come back with it."""
    import xml.etree.ElementTree as ET

    from tests.core.test_refi_merge import coding, edited

    window = make_study_window(folder)
    interview = window.interview
    code_with_keys(window, qtbot, "coffee", "Drinks")
    code_with_keys(window, qtbot, "night", "Drinks")
    sent = tmp_path / "P01 Ana.qdpx"
    export_qdpx(window, monkeypatch, dialogs, whole_study=False, to=sent)
    assert sent.is_file() and (folder / ".refi-sent.json").is_file()
    night = next(h for h in interview.session.notes.highlights if h.exact == "night")
    interview.controller.delete_highlight(night.id)

    def supervisor(root: ET.Element) -> None:
        p = root.tag[: root.tag.index("}") + 1]
        for n, selection in enumerate(root.iter(f"{p}PlainTextSelection")):
            coding(selection, root.find(f"{p}CodeBook/{p}Codes")[0].get("guid"), n + 10)
            ET.SubElement(selection, f"{p}Description").text = "Seen."

    said = imported_back(window, dialogs, edited(sent.read_bytes(), supervisor), tmp_path)
    assert "1 highlight deleted here since it was sent, not brought back" in said
    assert [h.exact for h in interview.session.notes.highlights] == ["coffee"]


def test_a_codebook_imported_into_an_interview_alone_undoes_and_redoes(
    make_window, notes_path: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    """Alone, the import is a step of the interview's history: undone, its codes go and
    the memo it gave "Drinks" too; redone, they come back with their ids."""
    window = make_window()
    code_with_keys(window, qtbot, "staging", "Drinks")
    sent = tmp_path / "from-supervisor.qdc"
    sent.write_text(SUPERVISOR_QDC, "utf-8")
    dialogs.open_answers.append(str(sent))
    window.window_actions.codes.import_qdc.trigger()
    book = window.codebook.hub.book
    after = [(c.id, c.name, c.description) for c in book]
    assert {c.name for c in book} == {"Drinks", "Réciprocité", "Context", "Night"}
    stack = window.interview.controller.undo_stack
    stack.undo()
    assert [(c.name, c.description) for c in window.codebook.hub.book] == [("Drinks", "")]
    stack.redo()
    assert [(c.id, c.name, c.description) for c in window.codebook.hub.book] == after
    window.interview.flush()
    saved = orjson.loads(notes_path.read_bytes())
    assert {c["name"] for c in saved["codes"]} == {"Drinks", "Réciprocité", "Context", "Night"}
