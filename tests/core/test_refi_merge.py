"""A supervisor's .qdpx sent back (reader/core/refi/qdpx_merge.py, through qdpx_import):
a study exported, coded in another tool, imported into the same study."""

from __future__ import annotations

import json
import os
import socket
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.annotations import NO_COLOR, Highlight, make_highlight
from reader.core.backups import backup_dir
from reader.core.lock_files import notes_lock
from reader.core.refi.codebook_xml import RefiError
from reader.core.refi.qdpx_export import export_study_qdpx
from reader.core.refi.qdpx_import import import_qdpx
from reader.core.refi.qdpx_merge import Merged, joined, merge_selection
from reader.core.study import Study, open_study
from tests.core.test_refi import TEXT, P, coded_study, said, unzip, zipped
from tests.core.test_refi_media import recorded_study

FATIGUE = "fa000000-0000-4000-8000-000000000001"
NEW_SELECTION = "5e000000-0000-4000-8000-000000000001"
NEW_NOTE = "40000000-0000-4000-8000-000000000001"


def edited(data: bytes, edit: Callable[[ET.Element], None]) -> bytes:
    """The .qdpx with its project changed by `edit`, as another tool would save it."""
    members = unzip(data)
    root = ET.fromstring(members["project.qde"])
    edit(root)
    members["project.qde"] = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return zipped(members)


def coding(selection: ET.Element, code_guid: str, n: int) -> None:
    element = ET.SubElement(selection, f"{P}Coding", guid=f"c0000000-0000-4000-8000-{n:012}")
    ET.SubElement(element, f"{P}CodeRef", targetGUID=code_guid)


def note(root: ET.Element, guid: str, text: str) -> None:
    notes = root.find(f"{P}Notes")
    notes = ET.SubElement(root, f"{P}Notes") if notes is None else notes
    element = ET.SubElement(notes, f"{P}Note", guid=guid, name="Supervisor")
    ET.SubElement(element, f"{P}PlainTextContent").text = text


def selection_named(root: ET.Element, name: str) -> ET.Element:
    return next(s for s in root.iter(f"{P}PlainTextSelection") if s.get("name") == name)


def as_nvivo(root: ET.Element) -> None:
    """What a supervisor did in NVivo (CRLF counted as two characters): a new code on a
    coded passage, "Light" taken off it and its note lengthened; a new passage, coded
    and with a note."""
    root.set("origin", "NVivo 14.23")
    codes = root.find(f"{P}CodeBook/{P}Codes")
    ET.SubElement(codes, f"{P}Code", guid=FATIGUE, name="Fatigue", isCodable="true")
    light = next(c.get("guid") for c in root.iter(f"{P}Code") if c.get("name") == "Light")
    handover = selection_named(root, "With the handover")
    coding(handover, FATIGUE, 1)
    handover.remove(next(c for c in handover.iter(f"{P}Coding") if c[0].get("targetGUID") == light))
    old_note = handover.find(f"{P}NoteRef").get("targetGUID")
    for element in root.iter(f"{P}Note"):
        if element.get("guid") == old_note:
            element[0].text = "Key — ask more. Agreed: ask about the nights."
    source = next(s for s in root.iter(f"{P}TextSource") if s.get("name") == "P1")
    written = TEXT.replace("\n", "\r\n")
    start = written.index("The end.")
    new = ET.SubElement(
        source,
        f"{P}PlainTextSelection",
        guid=NEW_SELECTION.upper(),  # NVivo writes them in capitals
        name="end",
        startPosition=str(start),
        endPosition=str(start + len("The end.")),
    )
    coding(new, light, 2)
    ET.SubElement(new, f"{P}NoteRef", targetGUID=NEW_NOTE)
    note(root, NEW_NOTE, "Supervisor: a good place to stop.\r\n")


def notes_json(study: Study, title: str) -> dict:
    entry = next(e for e in study.interviews if e.title == title)
    return json.loads(study.notes_path(entry).read_bytes())


def files(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_supervisors_codings_come_back_into_the_study(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    p1, p2 = study.interviews
    p1_before, p2_before = study.notes_path(p1).read_bytes(), study.notes_path(p2).read_bytes()
    back = edited(export_study_qdpx(study, crlf=True)[0], as_nvivo)

    report = import_qdpx(back, study.folder)
    assert report.interviews == 0 and said(report) == []
    assert [m.line for m in report.merged] == [
        "“P1”: 1 coding added to 1 highlight, 1 new highlight, 1 note added",
        "“P2”: nothing new, the study has all of it",
    ]
    assert "Merged into the interviews of the same text the study has:" in report.message()
    study = open_study(study.folder)
    names = {c["id"]: c["name"] for c in notes_json(study, "P1")["codes"]}
    passages = [
        (h["exact"], [names[c] for c in h["codes"]], h["note"], h["color"], h["id"])
        for h in notes_json(study, "P1")["highlights"]
    ]
    moon, handover = (h for h in study.load_notes(p1).highlights if h.exact != "The end.")
    assert passages == [
        ("🌙", ["Light"], "", moon.color, moon.id),
        # Light was taken off there: not here. The note lengthened there replaces ours.
        (
            "With the handover",
            ["Handover", "Light", "Fatigue"],
            "Key — ask more. Agreed: ask about the nights.",
            handover.color,
            handover.id,
        ),
        # As a new source's: its note as the file has it, with its line end (CRLF read as LF).
        ("The end.", ["Light"], "Supervisor: a good place to stop.\n", NO_COLOR, NEW_SELECTION),
    ]
    assert study.codebook.find("Fatigue") is not None
    # Kept as it was before the merge; P2 had nothing new: neither written nor backed up.
    (kept,) = backup_dir(study.notes_path(p1)).iterdir()
    assert kept.read_bytes() == p1_before
    assert study.notes_path(p2).read_bytes() == p2_before
    # Exported again, the supervisor's passage keeps its GUID.
    qde = unzip(export_study_qdpx(study)[0])["project.qde"].decode()
    assert f'guid="{NEW_SELECTION}"' in qde

    # The same file again changes nothing.
    before = files(study.folder)
    again = import_qdpx(back, study.folder)
    assert files(study.folder) == before
    assert [m.changed for m in again.merged] == [False, False] and said(again) == []


def test_a_passage_resized_there_comes_beside_ours_and_a_twin_is_not_added(
    tmp_path: Path,
) -> None:
    """A selection with a highlight's GUID over another passage is not moved onto ours
    (nor ours moved): it comes as a highlight of its own. A new GUID over a passage coded
    here with its codes adds only its note there."""
    study = coded_study(tmp_path / "study")

    def edit(root: ET.Element) -> None:
        moon = selection_named(root, "🌙")
        moon.set("startPosition", str(int(moon.get("startPosition")) - 4))
        twin = ET.SubElement(
            root.find(f"{P}Sources/{P}TextSource"),
            f"{P}PlainTextSelection",
            guid=NEW_SELECTION,
            name="twin",
            startPosition=selection_named(root, "With the handover").get("startPosition"),
            endPosition=selection_named(root, "With the handover").get("endPosition"),
        )
        ET.SubElement(twin, f"{P}Description").text = "Seen."

    back = edited(export_study_qdpx(study)[0], edit)
    report = import_qdpx(back, study.folder)
    assert report.merged[0].line == "“P1”: 1 new highlight, 1 note added"
    notes = open_study(study.folder).load_notes(study.interviews[0])
    assert [(h.exact, h.note) for h in notes.highlights] == [
        ("rt? 🌙", ""),
        ("🌙", ""),
        ("With the handover", "Key — ask more\n\nSeen."),
    ]
    before = files(study.folder)
    assert not import_qdpx(back, study.folder).merged[0].changed
    assert files(study.folder) == before


def test_notes_that_cannot_be_read_or_are_edited_elsewhere_are_left_alone_and_named(
    tmp_path: Path,
) -> None:
    study = coded_study(tmp_path / "study")
    back = edited(export_study_qdpx(study, crlf=True)[0], as_nvivo)
    p1, p2 = study.interviews
    study.notes_path(p1).write_bytes(b'{"format": "interview-reader-notes", "version": ')
    newer = notes_json(study, "P2") | {"version": 99}
    study.notes_path(p2).write_text(json.dumps(newer), encoding="utf-8")
    before = files(study.folder)
    report = import_qdpx(back, study.folder)
    assert report.merged == []
    lines = said(report)
    assert len(lines) == 2
    assert lines[0].startswith(
        "text source “P1”: the notes of “P1”, its text here, are left as they are: "
        "they cannot be read ("
    )
    assert "newer Interview Reader" in lines[1] and lines[1].startswith("text source “P2”")
    assert {p: b for p, b in files(study.folder).items() if p.name != "study.json"} == {
        p: b for p, b in before.items() if p.name != "study.json"
    }
    assert not backup_dir(study.notes_path(p1)).exists()

    # Another window edits P1's notes (its lock is held by another running process).
    study = coded_study(tmp_path / "locked")
    p1 = study.interviews[0]
    lock = notes_lock(study.notes_path(p1))
    lock.write_text(f"{os.getppid()}\nInterview Reader\n{socket.gethostname()}\n")
    before = study.notes_path(p1).read_bytes()
    report = import_qdpx(back, study.folder)
    assert said(report) == [
        f"text source “P1”: the notes of “P1”, its text here, are left as they are: another "
        f"window (process {os.getppid()}) is editing them"
    ]
    assert study.notes_path(p1).read_bytes() == before
    # The window importing holds its own interview's lock: merged (its window merges too).
    lock.write_text(f"{os.getpid()}\nInterview Reader\n{socket.gethostname()}\n")
    assert import_qdpx(back, study.folder).merged[0].changed


def test_notes_that_cannot_be_written_are_as_they_were_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    study = coded_study(tmp_path / "study")
    back = edited(export_study_qdpx(study, crlf=True)[0], as_nvivo)
    p1 = study.interviews[0]
    before = study.notes_path(p1).read_bytes()

    def refuse(path: Path, _notes: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("reader.core.refi.qdpx_merge.save_notes", refuse)
    report = import_qdpx(back, study.folder)
    assert said(report) == [
        "text source “P1”: the notes of “P1”, its text here, are left as they were: they "
        f"could not be written (No space left on device: {study.notes_path(p1)})"
    ]
    assert [m.source for m in report.merged] == ["P2"]
    assert study.notes_path(p1).read_bytes() == before


def test_a_read_only_study_is_refused_and_nothing_written(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    back = edited(export_study_qdpx(study, crlf=True)[0], as_nvivo)
    before = files(study.folder)
    study.read_only = True
    with pytest.raises(RefiError, match="read-only"):
        import_qdpx(back, study.folder, study=study)
    assert files(study.folder) == before


def test_an_interview_without_notes_gets_them_from_the_merge(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    back = edited(export_study_qdpx(study, crlf=True)[0], as_nvivo)
    p1 = study.interviews[0]
    study.notes_path(p1).unlink()
    report = import_qdpx(back, study.folder)
    assert report.merged[0].line == "“P1”: 3 new highlights, 1 note added"
    notes = open_study(study.folder).load_notes(p1)
    assert [h.exact for h in notes.highlights] == ["🌙", "With the handover", "The end."]
    assert notes.notes == "# P1\n\nThoughts 💭"


def test_a_coding_added_to_a_recordings_transcript_lands_on_its_passage(tmp_path: Path) -> None:
    """Positions between SyncPoints map to the interview's text, as a new source's do."""
    study = recorded_study(tmp_path / "study")

    def edit(root: ET.Element) -> None:
        coffee = root.find(f"{P}CodeBook/{P}Codes/{P}Code").get("guid")
        moon = next(s for s in root.iter(f"{P}TranscriptSelection") if s.get("name") == "🌙")
        coding(moon, coffee, 1)

    report = import_qdpx(edited(export_study_qdpx(study)[0], edit), study.folder)
    assert [m.line for m in report.merged] == ["“Night”: 1 coding added to 1 highlight"]
    study = open_study(study.folder)
    notes = study.load_notes(study.interviews[0])
    coded = sorted((h.exact, study.codebook.names(h.codes)) for h in notes.highlights)
    assert coded == [("Café at three", ("Coffee",)), ("🌙", ("Coffee",))]


# --- the merge of one selection ---------------------------------------------------------------

WORDS = "one two three four five six seven eight nine ten"


def a_highlight(start: int, length: int, ident: int, codes: set[str], note: str) -> Highlight:
    h = make_highlight(WORDS, start, min(len(WORDS), start + length))
    return replace(h, id=f"h{ident}", codes=tuple(sorted(codes)), note=note)


HIGHLIGHTS = st.builds(
    a_highlight,
    st.integers(0, 8),
    st.integers(1, 4),
    st.integers(0, 9),
    st.sets(st.sampled_from("abc")),
    st.sampled_from(["", "n", "m", "n and more", "  n\n"]),
)


@given(here=st.lists(HIGHLIGHTS, max_size=6), selections=st.lists(HIGHLIGHTS, max_size=6))
def test_merging_removes_nothing_and_twice_is_once(
    here: list[Highlight], selections: list[Highlight]
) -> None:
    before = {h.id: h for h in here}
    once = dict(before)
    for selection in selections:
        merge_selection(once, selection, Merged("s", "s"))
    for h in before.values():
        kept = once[h.id]
        assert (kept.start, kept.end) == (h.start, h.end)
        assert set(h.codes) <= set(kept.codes) and h.note.strip() in kept.note
    # Read back as the file has them, and merged again: nothing changes.
    again = {h.id: h for h in sorted(once.values(), key=lambda h: (h.start, h.end, h.id))}
    merged = Merged("s", "s")
    for selection in selections:
        merge_selection(again, selection, merged)
    assert not merged.changed and again == once


def test_a_note_lengthened_then_sent_short_again_stays_long() -> None:
    """Two selections of one passage, "n" then "n and more": merged twice, it is once."""
    assert joined("n", "n and more") == "n and more"
    assert joined("n and more", "n") == "n and more"
    assert joined("Minefield", "Mine") == "Minefield\n\nMine"  # not a word's end


@given(st.text("ok b,\n ", max_size=12), st.text("ok b,\n ", max_size=12))
def test_a_note_joined_keeps_both_and_joined_again_is_the_same(old: str, new: str) -> None:
    both = joined(old, new)
    assert old.strip() in both and new.strip() in both
    assert joined(both, new) == both


def test_a_note_is_added_unless_it_is_there_as_a_paragraph() -> None:
    assert joined("Look at the book", "ok") == "Look at the book\n\nok"
    assert joined("ok", "ok, and the book") == "ok, and the book"  # lengthened there
    assert joined("Mine", "Minefield") == "Mine\n\nMinefield"
    assert joined("Mine\n\nTheirs\n", "Theirs") == "Mine\n\nTheirs\n"
    assert joined("", " Theirs ") == "Theirs" and joined("Mine", "  ") == "Mine"
