"""OpenStudy tells once when the study's set of interviews changes (`interviewsChanged`):
the Library and the codebook follow that, instead of each comparing lists of ids. What
opening the study found reaches the user after what its first interview said."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from reader.core.study import Study
from reader.ui.exporting.export_dialog import ExportDialog
from reader.ui.window.main_window import MainWindow
from tests.conftest import DATA
from tests.core.test_code_change_record import codings, ids, study
from tests.ui.test_codebook import study_json

__all__ = ["study"]  # a fixture, tests/core/test_code_change_record.py's


def test_interviews_changed_fires_once_a_change_of_the_set_and_not_otherwise(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    owner, hub = window.study, window.codebook.hub
    assert owner.study is not None
    told: list[tuple[list[str], list[str]]] = []
    owner.interviewsChanged.connect(lambda came, went: told.append((came, went)))
    ana, _, cem = (e.id for e in owner.study.interviews)

    # What leaves the set as it is: fields, order, attributes, codes, their undo and redo.
    owner.rename(ana, title="P01 Ana, nights")
    owner.move(ana, 2)
    owner.define_attribute("Ward", "text", [])
    code = hub.create("Coffee")
    assert code is not None and hub.update(code.id, "Rename Code", name="Caffeine")
    for _ in range(5):
        owner.undo_stack.undo()
    for _ in range(5):
        owner.undo_stack.redo()
    owner.check_disk()  # our own saves, as the watcher sees them
    assert told == []

    (folder / "P11 Dee.txt").write_text("Q: Hi?\nA: Hello.\n", encoding="utf-8")
    (dee,) = (e.id for e in owner.add_files([folder / "P11 Dee.txt"]))
    assert told == [([dee], [])]
    owner.undo_stack.undo()
    owner.undo_stack.redo()
    assert told[1:] == [([], [dee]), ([dee], [])]

    assert owner.remove(cem)
    owner.undo_stack.undo()
    assert told[3:] == [([], [cem]), ([cem], [])]

    data = study_json(folder)  # another program takes Dee off the list
    data["interviews"] = [i for i in data["interviews"] if i["id"] != dee]
    (folder / "study.json").write_bytes(orjson.dumps(data))
    owner.check_disk()
    assert told[5:] == [([], [dee])]
    assert dee not in {e.id for e in owner.study.interviews}


def dismiss(window: MainWindow, qtbot: Any) -> None:
    qtbot.mouseClick(window.banner.buttons[-1], Qt.MouseButton.LeftButton)


def test_the_studys_notice_waits_behind_what_its_first_interview_said(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    ana = folder / "P01 Ana.txt"
    ana.write_bytes("Q: Was it \u201cscripted\u201d?\nA: Yes.\n".encode("cp1252"))
    (folder / "study.json").write_bytes(b"\x00garbage")
    window = make_study_window(folder)
    banner = window.banner
    assert window.interview.session.document.source == str(ana)  # type: ignore[union-attr]
    assert "Windows-1252" in banner.text() and banner.count.text() == "1 of 2"
    dismiss(window, qtbot)
    assert "set aside" in banner.text() and not banner.count.isVisible()
    dismiss(window, qtbot)
    assert not banner.isVisible()


def test_with_no_interview_to_open_the_notice_waits_behind_why(
    make_study_window: Callable[[Path], MainWindow], tmp_path: Path, qtbot: Any
) -> None:
    folder = tmp_path / "empty study"
    folder.mkdir()
    (folder / "study.json").write_bytes(b"\x00garbage")
    window = make_study_window(folder)
    banner = window.banner
    assert banner.text().startswith("This study has no interviews yet")
    dismiss(window, qtbot)
    assert "set aside" in banner.text()


def test_recordings_dropped_with_their_transcripts_are_not_refused(
    make_study_window: Callable[[Path], MainWindow], folder: Path, tmp_path: Path
) -> None:
    """A student selects a folder's files, each transcript with its recording beside it,
    and drops them all: the transcripts were added, and every recording was refused as
    "a binary file, not a text interview", five to a line and the rest cut off. A
    recording beside its transcript is found by itself; one without is named once."""
    from tests.ui.media_files import write_wav

    window = make_study_window(folder)
    told: list[str] = []
    window.study.message.connect(told.append)
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("P01-zoom.vtt", "P02-teams.vtt", "P03.srt", "P04-whisper.json"):
        (raw / name).write_bytes((DATA / "student" / name).read_bytes())
        write_wav(raw / name.replace(name.split(".")[-1], "wav"), seconds=1)
    write_wav(raw / "P05 memo to self.m4a", seconds=1)
    window.study_actions.dropped(sorted(raw.iterdir()))
    titles = [e.title for e in window.study.study.interviews]
    assert titles[3:] == ["P01 Zoom", "P02 Teams", "P03", "P04 Whisper"]
    assert told == [
        "P05 memo to self.m4a is a recording: add its transcript, and a recording beside "
        "it with its name is found by itself."
    ]


def test_an_older_studys_notes_added_with_its_transcripts_are_left_out_quietly(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An older study's folder added (Add a Folder of Interviews): its transcripts were
    added, and each of its notes files said to be skipped, which alarmed. The files of a
    folder dropped with their notes beside them, likewise."""
    from tests.core.test_study_scan import old_study

    window = make_study_window(folder)
    told: list[str] = []
    window.study.message.connect(told.append)
    old = old_study(tmp_path / "old")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_: str(old))
    window.study_actions.add_folder()
    titles = [e.title for e in window.study.study.interviews]
    assert titles[3:] == ["P01 Zoom", "P03", "P05 Otter"]
    loose = tmp_path / "loose"
    loose.mkdir()
    shutil.copy(DATA / "student" / "P02-teams.vtt", loose / "P02-teams.vtt")
    shutil.copy(next((old / "notes").iterdir()), loose / "P02-teams.notes.json")
    window.study_actions.dropped(sorted(loose.iterdir()))
    assert [e.title for e in window.study.study.interviews][6:] == ["P02 Teams"]
    assert told == []


def test_a_new_study_says_what_it_found(
    make_window: Callable[..., MainWindow],
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """New Study… on a folder of transcripts listed them all, yet said "New study: add
    interviews with the Library's Add button…". It says what happened; the Add hint is
    for a folder with none."""
    window = make_window()
    empty = tmp_path / "Fresh"
    empty.mkdir()
    for chosen, said in (
        (folder, f"New study of 3 interviews from “{folder.name}”."),
        (empty, "New study in “Fresh”: add interviews with the Library's Add button"),
    ):
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, c=chosen: str(c))
        window.window_actions.new_study.trigger()
        assert window.statusBar().currentMessage().startswith(said)
        assert (chosen / "study.json").exists()


def test_a_folder_of_files_that_are_no_transcripts_says_what_is_read(
    make_study_window: Callable[[Path], MainWindow], tmp_path: Path
) -> None:
    """A folder of PDFs opened as a study said only "no interviews yet: add them", as if
    it were empty (found by a review)."""
    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "P01.pdf").write_bytes(b"%PDF-1.7")
    (folder / "photo.png").write_bytes(b"\x89PNG")
    window = make_study_window(folder)
    said = window.banner.text()
    assert said.startswith("No transcript in this folder, only 2 other files (.pdf, .png):")
    assert "a PDF is not read" in said and said in window.reader.placeholderText()


def test_adding_a_renamed_transcript_finds_its_missing_interview_again(
    make_study_window: Callable[[Path], MainWindow], folder: Path
) -> None:
    """A transcript renamed while the study was closed, then added with Add Interviews…
    (the natural thing): it was a new, empty interview beside the missing one, which
    Locate could then not point at it. It is the missing interview's, in one step."""
    from reader.core.document import load_document
    from reader.core.notes_file import NotesData
    from reader.core.store import save_notes
    from reader.core.study import open_study

    study = open_study(folder)
    entry = study.interviews[0]
    meta = load_document(study.transcript_path(entry)).meta()
    save_notes(study.notes_path(entry), NotesData(document=meta, notes="Kept."))
    study.save()
    renamed = folder / f"{Path(entry.path).stem} renamed.txt"
    study.transcript_path(entry).rename(renamed)
    window = make_study_window(folder)
    owner = window.study
    assert owner.study is not None
    told: list[str] = []
    owner.message.connect(told.append)
    before = [e.path for e in owner.study.interviews]
    stack = owner.undo_stack.count()

    assert window.study_actions.owner.add_files([renamed]) == []
    assert [e.path for e in owner.study.interviews] == [renamed.name, *before[1:]]
    assert owner.study.interviews[0].id == entry.id
    assert told == [f"{renamed.name} is “{entry.title}”, renamed."]
    assert study_json(folder)["interviews"][0]["path"] == renamed.name
    assert owner.undo_stack.count() == stack + 1
    owner.undo_stack.undo()
    assert [e.path for e in owner.study.interviews] == before
    assert study_json(folder)["interviews"][0]["path"] == entry.path
    # With a new transcript beside it: both in one step, which Undo takes back whole.
    (folder / "P11 Dee.txt").write_text("Q: Hi?\nA: Hello.\n", encoding="utf-8")
    (dee,) = owner.add_files([renamed, folder / "P11 Dee.txt"])
    assert [e.path for e in owner.study.interviews] == [renamed.name, *before[1:], dee.path]
    assert owner.undo_stack.count() == stack + 1
    assert owner.undo_stack.undoText() == "Add Interviews"
    owner.undo_stack.undo()
    assert [e.path for e in owner.study.interviews] == before


def test_a_transcript_renamed_while_the_study_was_closed_is_offered_when_it_opens(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Renamed while the study was closed, P01 was only "(missing)" at the next opening;
    its text in the folder under the new name was said only once its row was opened."""
    from tests.ui.library.test_study_review_2 import highlight_coffee

    window = make_study_window(folder)
    highlight_coffee(window, qtbot)
    window.close()
    os.rename(folder / "P01 Ana.txt", folder / "P01 Ana (final).txt")
    window = make_study_window(folder)
    qtbot.waitUntil(lambda: "missing transcript" in window.banner.text())
    assert window.banner.text() == (
        "The missing transcript of “P01 Ana” is in the folder as “P01 Ana (final).txt”."
    )
    assert [button.text() for button in window.banner.buttons] == ["Use It", "Dismiss"]
    window.banner.buttons[0].click()
    assert study_json(folder)["interviews"][0]["path"] == "P01 Ana (final).txt"
    model = window.library.model
    qtbot.waitUntil(lambda: not model.rows[0].missing)
    assert (model.rows[0].title, model.rows[0].highlights) == ("P01 Ana", 1)


def test_the_open_interview_leaving_the_list_by_an_undo_is_said(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Undo of Add Interview while it was open closed it and opened another without a
    word (the undo review); Remove from Study says so."""
    from reader.ui.library.switcher import LEFT_THE_LIST

    window = make_study_window(folder)
    (folder / "P11 Dee.txt").write_text("Q: Hi?\nA: Hello.\n", encoding="utf-8")
    (dee,) = window.study.add_files([folder / "P11 Dee.txt"])
    assert window.switcher.open(dee.id)
    told: list[str] = []
    window.study.status.connect(lambda text, _ms: told.append(text))
    window.study.undo_stack.undo()
    qtbot.waitUntil(lambda: window.switcher.current not in ("", dee.id))
    assert told == [LEFT_THE_LIST]


def test_cancel_on_leaving_unsaved_notes_puts_the_librarys_row_back(
    make_study_window: Callable[[Path], MainWindow], folder: Path, monkeypatch: Any
) -> None:
    """Found by the safety review: notes that could not be saved, another row chosen,
    then Cancel at "Go on anyway?": the Library kept the new row current while the
    interview left open was the first."""
    window = make_study_window(folder)
    ana, ben = (e.id for e in window.study.study.interviews[:2])
    assert window.switcher.current == ana
    monkeypatch.setattr(window.interview, "may_discard_unsaved", lambda: False)
    panel = window.library
    panel.select(ben)
    panel.openRequested.emit(ben)
    assert window.switcher.current == ana and panel.current_id() == ana


def test_files_refused_past_the_five_said_are_counted(
    make_study_window: Callable[[Path], MainWindow], folder: Path, tmp_path: Path
) -> None:
    """The banner named five and ended with "…": how many more were refused, unsaid."""
    owner = make_study_window(folder).study
    told: list[str] = []
    owner.message.connect(told.append)
    pictures = [tmp_path / f"photo {n}.png" for n in range(8)]
    for picture in pictures:
        picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 8)
    assert owner.add_files(pictures) == []
    assert len(told) == 1 and told[0].count("photo ") == 5
    assert told[0].endswith("  …and 3 more.")


def test_a_code_merge_the_app_was_killed_in_is_finished_as_the_study_opens(
    make_study_window: Callable[[Path], MainWindow], study: Study
) -> None:
    """Work merged into Care, its three notes files written, and the app killed before
    study.json: Work stayed in the Codebook with no passages. Opened again, the merge is
    finished and said so."""
    work, care = ids(study)
    study.merge_codes(work, care)  # killed here: study.json not written
    window = make_study_window(study.folder)
    assert [c.name for c in window.codebook.hub.book] == ["Care"]
    assert [c["name"] for c in study_json(study.folder)["codes"]] == ["Care"]
    assert codings(study.folder) == [[care]] * 3
    assert "the merge is finished now" in window.banner.text()


def test_a_code_merge_done_and_undone_leaves_nothing_to_finish(
    make_study_window: Callable[[Path], MainWindow], study: Study
) -> None:
    work, care = ids(study)
    window = make_study_window(study.folder)
    record = study.folder / "study.json.code-change"
    assert window.codebook.hub.merge(work, care) and not record.exists()
    window.study.undo_stack.undo()
    assert not record.exists()
    assert [c["name"] for c in study_json(study.folder)["codes"]] == ["Work", "Care"]


def test_study_json_is_written_after_the_open_interviews_notes_in_a_merge(
    make_study_window: Callable[[Path], MainWindow], study: Study
) -> None:
    """Killed as soon as study.json holds the merge, the open interview's notes did not:
    opening it again brought Work back into the Codebook (adopted from its notes). Both
    ways: its notes are written before study.json."""
    work, care = ids(study)
    window = make_study_window(study.folder)
    assert window.switcher.current
    assert window.codebook.hub.merge(work, care)
    assert codings(study.folder) == [[care]] * 3  # at once, the open interview's too
    window.study.undo_stack.undo()
    assert codings(study.folder) == [[work]] * 3


def test_a_merge_whose_open_interviews_notes_cannot_be_written_stays_recorded(
    make_study_window: Callable[[Path], MainWindow], study: Study, monkeypatch: Any
) -> None:
    """The open interview's notes not written (a full disk), study.json saved: the record
    went, and killed then, its notes brought Work back into the Codebook at the next
    opening. The record stays, and the merge is finished there; undone, it goes."""
    from reader.ui.interview.open_interview import OpenInterview

    work, care = ids(study)
    window = make_study_window(study.folder)
    record = study.folder / "study.json.code-change"
    monkeypatch.setattr(OpenInterview, "flush", lambda self: False)
    assert window.codebook.hub.merge(work, care)
    assert [c["name"] for c in study_json(study.folder)["codes"]] == ["Care"]
    assert record.exists()
    monkeypatch.setattr(OpenInterview, "flush", lambda self: True)
    window.study.undo_stack.undo()
    assert not record.exists()


def test_a_deletion_after_a_merge_left_unwritten_keeps_the_merge_recorded(
    make_study_window: Callable[[Path], MainWindow], study: Study, monkeypatch: Any
) -> None:
    """The open interview's notes not written after a merge (a full disk), then another
    code deleted: the deletion's record replaced the merge's, and killed then, the open
    interview's passage stayed on Work, a code the study no longer had. Both are kept, in
    the order made, for the next opening to finish."""
    from reader.ui.interview.open_interview import OpenInterview

    work, care = ids(study)
    family = study.writable_codebook().create("Family").id
    study.save()
    window = make_study_window(study.folder)
    open_id = window.switcher.current
    record = study.folder / "study.json.code-change"
    monkeypatch.setattr(OpenInterview, "flush", lambda self: False)
    assert window.codebook.hub.merge(work, care)
    assert window.codebook.hub.delete(family)
    changes = orjson.loads(record.read_bytes())["changes"]
    assert [(c["mapping"], c["removed"]) for c in changes] == [({work: care}, []), ({}, [family])]
    assert open_id in changes[0]["interviews"]


def test_the_whole_study_is_not_exported_while_a_merge_could_not_be_finished(
    make_study_window: Callable[[Path], MainWindow],
    study: Study,
    dialogs: Any,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: Any,
) -> None:
    """The app killed in a merge, and a full disk as the study opened again: the merge was
    not finished (said), and Export… of the whole study showed Care on one interview and
    Work on the others. Refused, and said how to finish it."""
    from tests.core.test_code_change_record import killed_in_a_merge, notes_disk_full
    from tests.ui.test_study_search_export import export

    killed_in_a_merge(study, monkeypatch)
    with monkeypatch.context() as full:
        notes_disk_full(full)
        window = make_study_window(study.folder)
    assert "could not be finished now" in window.banner.text()
    out = tmp_path_factory.mktemp("out") / "study.csv"
    export(window, monkeypatch, dialogs, whole_study, out)
    assert not out.exists()
    assert dialogs.shown[-1][0] == "warning"
    assert "open the study again, which finishes it" in dialogs.shown[-1][1]


def whole_study(dialog: ExportDialog) -> int:
    """The export dialog set to the whole study, as CSV, and accepted."""
    dialog.scope_combo.setCurrentIndex(1)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    return 1


def test_a_merge_the_open_interviews_notes_could_not_take_is_finished_at_their_next_save(
    make_study_window: Callable[[Path], MainWindow],
    study: Study,
    dialogs: Any,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: Any,
    qtbot: Any,
) -> None:
    """Work merged into Care on a full disk: the open interview's notes could not be
    written, and the merge's record stayed until the study was opened again, Export… of
    the whole study refused meanwhile, though the disk had room again and the notes were
    saved. Now the next save of the notes finishes it, and says so."""
    from reader.ui.persistence import saver
    from tests.ui.test_random_sessions import FullDisk
    from tests.ui.test_study_search_export import export

    work, care = ids(study)
    window = make_study_window(study.folder)
    record = study.folder / "study.json.code-change"
    disk = FullDisk(monkeypatch, saver)
    disk.full = True
    assert window.codebook.hub.merge(work, care)
    assert record.exists() and window.study.study is not None
    assert window.study.study.change_unfinished
    disk.full = False  # room again: the notes' saver tries again
    qtbot.waitUntil(lambda: not record.exists(), timeout=20_000)
    assert codings(study.folder) == [[care]] * 3
    assert [c["name"] for c in study_json(study.folder)["codes"]] == ["Care"]
    assert "is finished now" in window.banner.text()
    out = tmp_path_factory.mktemp("out") / "study.csv"
    export(window, monkeypatch, dialogs, whole_study, out)
    assert out.exists()


def test_a_merge_not_finished_as_the_study_opened_is_finished_as_the_notes_are_saved(
    make_study_window: Callable[[Path], MainWindow], study: Study, qtbot: Any, monkeypatch: Any
) -> None:
    """The app killed in a merge, and a full disk as the study opened again: finishing it
    waited for the next opening, though the disk had room again. Now the next save of the
    open interview's notes finishes it, the open interview's passage on Care too, and
    what was typed saved with it."""
    from tests.core.test_code_change_record import killed_in_a_merge, notes_disk_full
    from tests.ui.test_nothing_lost import type_notes

    _work, care = killed_in_a_merge(study, monkeypatch)
    with monkeypatch.context() as full:
        notes_disk_full(full)
        window = make_study_window(study.folder)
    record = study.folder / "study.json.code-change"
    assert record.exists()
    type_notes(window, qtbot, "room again")
    qtbot.waitUntil(lambda: not record.exists(), timeout=20_000)
    qtbot.waitUntil(lambda: codings(study.folder) == [[care]] * 3, timeout=20_000)
    assert [c.name for c in window.codebook.hub.book] == ["Care"]
    session = window.interview.session
    assert session is not None and [list(h.codes) for h in session.notes.highlights] == [[care]]
    assert window.interview.flush()
    assert "room again" in window.interview.research_notes()
    assert "is finished now" in window.banner.text()
    assert "could not be finished" not in window.banner.text()


def test_an_interview_an_unfinished_merge_names_is_not_exported_alone_but_another_is(
    make_study_window: Callable[[Path], MainWindow],
    study: Study,
    dialogs: Any,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: Any,
) -> None:
    """The app killed in a merge, and a full disk as the study opened again: Export… of the
    open interview alone, one the merge names, showed its passage on Work, a code merged
    away; refused now, and said why. An interview the merge does not name is exported."""
    from tests.core.test_code_change_record import killed_in_a_merge, notes_disk_full
    from tests.core.test_study import write
    from tests.ui.test_study_search_export import export

    def this_interview(dialog: ExportDialog) -> int:
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
        return 1

    write(study.folder / "P4.txt")  # no passage on Work: not named by the merge
    study.add_paths([study.folder / "P4.txt"])
    study.save()
    killed_in_a_merge(study, monkeypatch)
    notes_disk_full(monkeypatch)
    window = make_study_window(study.folder)
    out = tmp_path_factory.mktemp("out") / "interview.csv"
    export(window, monkeypatch, dialogs, this_interview, out)
    assert not out.exists()
    assert dialogs.shown[-1][0] == "warning"
    assert "this interview's notes may not show the last change" in dialogs.shown[-1][1]
    opened = window.study.study
    assert opened is not None
    assert window.switcher.open(next(e.id for e in opened.interviews if e.title == "P4"))
    export(window, monkeypatch, dialogs, this_interview, out)
    assert out.exists()


def opened_on_a_full_disk_after_a_killed_merge(
    make_study_window: Callable[[Path], MainWindow], study: Study, monkeypatch: Any
) -> tuple[MainWindow, str]:
    """The app killed in a merge of Work into Care, the study opened again on a disk full
    for notes files (finishing it failed, said), then room again: the window and Care."""
    from tests.core.test_code_change_record import killed_in_a_merge, notes_disk_full

    _work, care = killed_in_a_merge(study, monkeypatch)
    with monkeypatch.context() as full:
        notes_disk_full(full)
        window = make_study_window(study.folder)
        QApplication.processEvents()  # the try after the opening's save of study.json
    assert "could not be finished now" in window.banner.text()
    assert codings(study.folder).count([care]) == 1
    return window, care


def test_a_merge_not_finished_as_the_study_opened_is_finished_by_typing_in_the_memo(
    make_study_window: Callable[[Path], MainWindow], study: Study, qtbot: Any, monkeypatch: Any
) -> None:
    """Room again after a full disk left a merge unfinished, and the user only typed in
    the study memo: memo.md was saved, but the other interviews' notes kept their passages
    on Work until the open interview's notes were saved or the study opened again. Now
    any file of the study written finishes it, and the banner says so."""
    from tests.ui.memo.test_study_memo import on_disk, open_memo

    window, care = opened_on_a_full_disk_after_a_killed_merge(make_study_window, study, monkeypatch)
    open_memo(window, qtbot)
    qtbot.keyClicks(window.notes_editor, "Themes")
    on_disk(qtbot, study.folder, "Themes")
    record = study.folder / "study.json.code-change"
    qtbot.waitUntil(lambda: not record.exists(), timeout=20_000)
    assert codings(study.folder) == [[care]] * 3
    assert [c["name"] for c in study_json(study.folder)["codes"]] == ["Care"]
    assert "is finished now" in window.banner.text()
    assert "could not be finished" not in window.banner.text()


def test_a_merge_not_finished_as_the_study_opened_is_finished_by_a_title_in_the_library(
    make_study_window: Callable[[Path], MainWindow], study: Study, qtbot: Any, monkeypatch: Any
) -> None:
    """Room again after a full disk left a merge unfinished, and the user only retitled
    an interview (F2 in the Library): study.json was saved, but the merge waited for the
    open interview's notes to be saved. Now it is finished, and the banner says so."""
    from tests.ui.test_library import type_title

    window, care = opened_on_a_full_disk_after_a_killed_merge(make_study_window, study, monkeypatch)
    qtbot.keyClick(type_title(window, qtbot, "Night shift"), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: "Night shift" in [i["title"] for i in study_json(study.folder)["interviews"]]
    )
    record = study.folder / "study.json.code-change"
    qtbot.waitUntil(lambda: not record.exists(), timeout=20_000)
    assert codings(study.folder) == [[care]] * 3
    assert "is finished now" in window.banner.text()


def test_a_merge_not_finished_as_the_study_opened_is_finished_by_a_rename_in_the_codebook(
    make_study_window: Callable[[Path], MainWindow], study: Study, qtbot: Any, monkeypatch: Any
) -> None:
    """Room again after a full disk left a merge unfinished, and the user only renamed
    Care (F2) in the Codebook: the merge was finished, but with the codebook the merge
    left, Care's new name lost. Now the rename is kept, and the banner says so."""
    window, care = opened_on_a_full_disk_after_a_killed_merge(make_study_window, study, monkeypatch)
    rename_with_f2(window, qtbot, care, "giving")
    record = study.folder / "study.json.code-change"
    qtbot.waitUntil(lambda: not record.exists(), timeout=20_000)
    assert codings(study.folder) == [[care]] * 3
    assert [c["name"] for c in study_json(study.folder)["codes"]] == ["Caregiving"]
    assert [c.name for c in window.codebook.hub.book] == ["Caregiving"]
    assert "is finished now" in window.banner.text()
    assert "could not be finished" not in window.banner.text()


def rename_with_f2(window: MainWindow, qtbot: Any, code_id: str, added: str) -> None:
    """The code renamed in the Codebook: F2, `added` typed at the end of its name, Enter."""
    from tests.ui.codebook.test_panel import to_codebook
    from tests.ui.test_read_only_undo import activate

    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    panel.set_current(code_id)
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = panel.view.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, added)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.hub.book.code(code_id).name.endswith(added))


def test_a_code_renamed_while_a_merge_could_not_be_finished_keeps_its_name_at_the_next_opening(
    make_study_window: Callable[[Path], MainWindow], study: Study, qtbot: Any, monkeypatch: Any
) -> None:
    """A merge left unfinished (the app killed in it, the disk full as the study opened
    again), Care renamed meanwhile, and the app quit with the disk still full: the next
    opening finished the merge with the codebook the merge left, and Care's new name was
    lost. Now it is kept."""
    from tests.core.test_code_change_record import killed_in_a_merge, notes_disk_full

    _work, care = killed_in_a_merge(study, monkeypatch)
    with monkeypatch.context() as full:
        notes_disk_full(full)
        window = make_study_window(study.folder)
        rename_with_f2(window, qtbot, care, "giving")
        assert window.interview.flush()
        window.window_actions.quit.trigger()
    assert [c["name"] for c in study_json(study.folder)["codes"]] == ["Work", "Caregiving"]
    window = make_study_window(study.folder)
    assert not (study.folder / "study.json.code-change").exists()
    assert codings(study.folder) == [[care]] * 3
    assert [c["name"] for c in study_json(study.folder)["codes"]] == ["Caregiving"]
    assert "the merge is finished now" in window.banner.text()


def test_a_merge_left_unfinished_waits_for_the_open_notes_typed_in_before_a_title_is_saved(
    make_study_window: Callable[[Path], MainWindow], study: Study, qtbot: Any, monkeypatch: Any
) -> None:
    """Room again after a full disk left a merge unfinished; the user typed in the open
    interview's notes, then retitled an interview (F2 in the Library) before those notes
    were saved: study.json was written, yet the merge is finished only once the notes are
    on disk (finishing rewrites their file), and every word typed is in the file."""
    from reader.ui.persistence import saver
    from tests.ui.test_library import type_title
    from tests.ui.test_read_only_undo import activate

    window, care = opened_on_a_full_disk_after_a_killed_merge(make_study_window, study, monkeypatch)
    notes_path = window.interview.notes_path
    assert notes_path is not None

    def notes_on_disk() -> str:
        return orjson.loads(notes_path.read_bytes())["notes"]

    typed_on_disk: list[bool] = []  # at each try to finish the merge
    finish = Study.finish_left

    def spied(self: Study) -> Any:
        typed_on_disk.append(notes_on_disk() == "Night notes")
        return finish(self)

    monkeypatch.setattr(Study, "finish_left", spied)
    monkeypatch.setattr(saver, "AUTOSAVE_DELAY_MS", 600_000)  # saved when flushed, below
    monkeypatch.setattr(saver, "DEADLINE_MS", 600_000)
    activate(window, qtbot)
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, "Night notes")
    qtbot.keyClick(type_title(window, qtbot, "Night shift"), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: "Night shift" in [i["title"] for i in study_json(study.folder)["interviews"]]
    )
    QApplication.processEvents()  # the try after study.json's write
    assert window.interview.saver is not None and window.interview.saver.dirty
    assert window.interview.flush()  # the notes' own save, as the pause after typing does
    record = study.folder / "study.json.code-change"
    qtbot.waitUntil(lambda: not record.exists(), timeout=20_000)
    assert typed_on_disk == [True]
    assert notes_on_disk() == "Night notes"
    assert codings(study.folder) == [[care]] * 3
    assert "is finished now" in window.banner.text()
