"""A supervisor's .qdpx sent back (reader/core/refi/qdpx_merge.py, through qdpx_import):
a study exported, coded in another tool, imported into the same study."""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.annotations import NO_COLOR, Highlight, make_highlight
from reader.core.backups import backup_dir
from reader.core.lock_files import notes_lock
from reader.core.refi.codebook_xml import RefiError
from reader.core.refi.qdpx_import import import_qdpx
from reader.core.refi.qdpx_merge import Highlights, Merged, joined, merge_selection
from reader.core.refi.sent import Carried, Sent, read_sent, record_sent
from reader.core.store import save_notes
from reader.core.study import Study, open_study
from tests.core.test_lock_files import held_by
from tests.core.test_refi import TEXT, P, coded_study, said, sent_qdpx, study_qdpx, unzip, zipped
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
    back = edited(sent_qdpx(study, crlf=True), as_nvivo)

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
    qde = unzip(sent_qdpx(study))["project.qde"].decode()
    assert f'guid="{NEW_SELECTION}"' in qde

    # The same file again changes nothing.
    before = files(study.folder)
    again = import_qdpx(back, study.folder)
    assert files(study.folder) == before
    assert [m.changed for m in again.merged] == [False, False] and said(again) == []


def test_the_report_leads_with_the_interviews_that_gained_and_names_the_rest_once(
    tmp_path: Path,
) -> None:
    """Eleven interviews sent, two coded there: the box shows its first lines only, so
    the two come first and the rest share one line, not a line each that hides them."""
    study = coded_study(tmp_path / "study")
    for n in range(3, 12):
        (study.folder / f"P{n}.txt").write_text(f"Q: And {n}?\nA: Nights, {n}.\n", "utf-8")
        study.add_interview(study.folder / f"P{n}.txt")
    study.save()
    sent = sent_qdpx(study, crlf=True)

    def code_p9(root: ET.Element) -> None:
        as_nvivo(root)
        source = next(s for s in root.iter(f"{P}TextSource") if s.get("name") == "P9")
        light = next(c.get("guid") for c in root.iter(f"{P}Code") if c.get("name") == "Light")
        selection = ET.SubElement(
            source, f"{P}PlainTextSelection", guid=NEW_NOTE, startPosition="0", endPosition="2"
        )
        coding(selection, light, 7)

    lines = import_qdpx(edited(sent, code_p9), study.folder).message().splitlines()
    start = lines.index("Merged into the interviews of the same text the study has:")
    assert lines[start + 1 :] == [
        "  “P1”: 1 coding added to 1 highlight, 1 new highlight, 1 note added",
        "  “P9”: 1 new highlight",
        "  9 interviews (“P2”, “P3”, “P4” and 6 more): nothing new, the study has all of it",
    ]


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

    back = edited(sent_qdpx(study), edit)
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


def test_a_passage_highlighted_here_since_takes_the_codes_coded_there(tmp_path: Path) -> None:
    """The study sent; the student highlights "The end." (a colour, no code) and her
    supervisor codes the same passage there: one highlight, with her colour and his
    code and note, not a second one over the same words. A selection resized there onto
    a passage she highlighted since joins hers too. Twice is once."""
    study = coded_study(tmp_path / "study")
    back = edited(sent_qdpx(study, crlf=True), as_nvivo)

    def resize_moon(root: ET.Element) -> None:
        moon = selection_named(root, "🌙")
        moon.set("startPosition", str(int(moon.get("startPosition")) - 4))

    back = edited(back, resize_moon)
    p1 = study.interviews[0]
    session = study.open_session(p1)
    text = session.document.text
    for quote in ("The end.", "rt? 🌙"):
        start = text.index(quote)
        session.add_highlight(make_highlight(text, start, start + len(quote), "green"))
    save_notes(study.notes_path(p1), session.notes)

    report = import_qdpx(back, study.folder)
    assert report.merged[0].line == "“P1”: 3 codings added to 3 highlights, 2 notes added"
    study = open_study(study.folder)
    passages = [
        (h.exact, h.color, study.codebook.names(h.codes), h.note)
        for h in study.load_notes(p1).highlights
    ]
    assert passages == [
        ("rt? 🌙", "green", ("Light",), ""),
        ("🌙", "yellow", ("Light",), ""),
        ("With the handover", "yellow", ("Handover", "Light", "Fatigue"), passages[2][3]),
        ("The end.", "green", ("Light",), "Supervisor: a good place to stop."),
    ]
    before = files(study.folder)
    assert not import_qdpx(back, study.folder).merged[0].changed
    assert files(study.folder) == before


def test_notes_that_cannot_be_read_or_are_edited_elsewhere_are_left_alone_and_named(
    tmp_path: Path,
) -> None:
    study = coded_study(tmp_path / "study")
    back = edited(sent_qdpx(study, crlf=True), as_nvivo)
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
    with subprocess.Popen(["sleep", "30"]) as window:
        lock.write_text(held_by(window.pid))
        before = study.notes_path(p1).read_bytes()
        report = import_qdpx(back, study.folder)
        window.kill()
    assert said(report) == [
        f"text source “P1”: the notes of “P1”, its text here, are left as they are: another "
        f"window (process {window.pid}) is editing them"
    ]
    assert study.notes_path(p1).read_bytes() == before
    # The window importing holds its own interview's lock: merged (its window merges too).
    lock.write_text(held_by(os.getpid()))
    assert import_qdpx(back, study.folder).merged[0].changed


def test_notes_that_cannot_be_written_are_as_they_were_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    study = coded_study(tmp_path / "study")
    back = edited(sent_qdpx(study, crlf=True), as_nvivo)
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
    back = edited(sent_qdpx(study, crlf=True), as_nvivo)
    before = files(study.folder)
    study.read_only = True
    with pytest.raises(RefiError, match="read-only"):
        import_qdpx(back, study.folder, study=study)
    assert files(study.folder) == before


def test_an_interview_without_notes_gets_them_from_the_merge(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    back = edited(sent_qdpx(study, crlf=True), as_nvivo)
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

    report = import_qdpx(edited(sent_qdpx(study), edit), study.folder)
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
@example(  # a note lengthened by the next selection of its passage: not added again
    here=[],
    selections=[a_highlight(0, 1, 0, set(), "n"), a_highlight(0, 1, 1, set(), "n and more")],
)
def test_merging_removes_nothing_and_twice_is_once(
    here: list[Highlight], selections: list[Highlight]
) -> None:
    before = {h.id: h for h in here}
    once = Highlights(before.values())
    for selection in selections:
        merge_selection(once, selection, Merged("s", "s"))
    for h in before.values():
        kept = once[h.id]
        assert (kept.start, kept.end) == (h.start, h.end)
        assert set(h.codes) <= set(kept.codes) and h.note.strip() in kept.note
    # Read back as the file has them, and merged again: nothing changes.
    again = Highlights(sorted(once.values(), key=lambda h: (h.start, h.end, h.id)))
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
    """Each paragraph of either is there, or one written on from it; twice is once."""
    both = joined(old, new)
    kept = [p.strip() for p in re.split(r"\n[ \t]*\n", both)]
    for paragraph in re.split(r"\n[ \t]*\n", f"{old}\n\n{new}"):
        paragraph = paragraph.strip()
        assert not paragraph or any(k.startswith(paragraph) for k in kept)
    assert joined(both, new) == both and joined(old, "") == old


def test_a_note_is_added_unless_it_is_there_as_a_paragraph() -> None:
    assert joined("Look at the book", "ok") == "Look at the book\n\nok"
    assert joined("ok", "ok, and the book") == "ok, and the book"  # lengthened there
    assert joined("Mine", "Minefield") == "Mine\n\nMinefield"
    assert joined("Mine\n\nTheirs\n", "Theirs") == "Mine\n\nTheirs\n"
    assert joined("", " Theirs ") == "Theirs" and joined("Mine", "  ") == "Mine"
    # Lengthened here since it was sent: the note as it went is there already.
    assert joined("Key — ask more about the nights", "Key — ask more") == (
        "Key — ask more about the nights"
    )
    assert joined("Minefield", "Mine") == "Minefield\n\nMine"


def test_a_code_renamed_there_keeps_its_name_here_and_the_report_says_so(tmp_path: Path) -> None:
    """The supervisor renamed "Light" (ATLAS.ti: the GUID in capitals): it is the study's
    code still, whose name stays; the report names both."""
    study = coded_study(tmp_path / "study")

    def rename(root: ET.Element) -> None:
        root.set("origin", "ATLAS.ti 24.1.0")
        light = next(c for c in root.iter(f"{P}Code") if c.get("name") == "Light")
        light.set("name", "Lumière")
        light.set("guid", light.get("guid").upper())

    report = import_qdpx(edited(sent_qdpx(study), rename), study.folder)
    assert report.codes == 0
    assert "Named otherwise in the file, kept as named here: Light (“Lumière”)." in (
        report.message().splitlines()
    )
    assert [c.name for c in open_study(study.folder).codebook] == ["Work", "Handover", "Light"]


def test_a_memo_written_on_there_gains_its_new_paragraph_here(tmp_path: Path) -> None:
    """The supervisor adds a paragraph to the memo of "Work" (Windows line ends, as
    ATLAS.ti writes them): the study's memo keeps hers and gains his paragraph, not
    dropped because the code had a memo already; importing it again adds nothing."""
    study = coded_study(tmp_path / "study")

    def write_on(root: ET.Element) -> None:
        root.set("origin", "ATLAS.ti 24.1.0")
        work = next(c for c in root.iter(f"{P}Code") if c.get("name") == "Work")
        work.find(f"{P}Description").text += "\r\n\r\nSupervisor: nights are work too."

    back = edited(sent_qdpx(study), write_on)
    report = import_qdpx(back, study.folder)
    assert "Memo written on in the file, its new paragraphs added: Work." in (
        report.message().splitlines()
    )
    memo = open_study(study.folder).codebook.find("Work").description
    assert memo == "All about **work**\n\nSupervisor: nights are work too."
    before = files(study.folder)
    again = import_qdpx(back, study.folder)
    assert files(study.folder) == before and "Memo written on" not in again.message()


def test_a_source_whose_last_line_end_the_tool_dropped_is_still_the_interview(
    tmp_path: Path,
) -> None:
    """A tool that keeps a text without its final line end (or adds one) sends back the
    same interview: merged into it, not added as a second copy with every coding."""
    study = coded_study(tmp_path / "study")
    back = edited(sent_qdpx(study, crlf=True), as_nvivo)
    members = unzip(back)
    for name, data in members.items():
        if name.startswith("sources/"):
            members[name] = data.rstrip(b"\r\n") if b"The end." in data else data + b"\r\n"
    report = import_qdpx(zipped(members), study.folder)
    assert report.interviews == 0 and len(open_study(study.folder).interviews) == 2
    assert [m.line for m in report.merged] == [
        "“P1”: 1 coding added to 1 highlight, 1 new highlight, 1 note added",
        "“P2”: nothing new, the study has all of it",
    ]


def test_the_study_sent_and_back_unchanged_changes_no_file(tmp_path: Path) -> None:
    """Nothing was done to it there: not even study.json gains an empty setting."""
    study = coded_study(tmp_path / "study")
    sent = sent_qdpx(study)  # writes the record of what was sent, only
    before = files(study.folder)
    report = import_qdpx(sent, study.folder)
    assert [m.changed for m in report.merged] == [False, False]
    assert files(study.folder) == before


def test_a_quotation_comment_with_windows_line_ends_comes_as_lines(tmp_path: Path) -> None:
    """ATLAS.ti's comment on a new quotation, its CRLF escaped (&#13;) as .NET writes
    it: the note has LF line ends, as every note here, not a stray CR in each line."""
    study = coded_study(tmp_path / "study")

    def comment(root: ET.Element) -> None:
        root.set("origin", "ATLAS.ti 24.1.0")
        new = ET.SubElement(
            root.find(f"{P}Sources/{P}TextSource"),
            f"{P}PlainTextSelection",
            guid=NEW_SELECTION,
            name="end",
            startPosition=str(TEXT.index("The end.")),
            endPosition=str(TEXT.index("The end.") + len("The end.")),
        )
        ET.SubElement(new, f"{P}Description").text = "First line.CRLFSecond line."

    back = edited(sent_qdpx(study), comment)
    members = unzip(back)
    members["project.qde"] = members["project.qde"].replace(b"CRLF", b"&#13;\n")
    import_qdpx(zipped(members), study.folder)
    notes = open_study(study.folder).load_notes(study.interviews[0])
    assert [h.note for h in notes.highlights if h.exact == "The end."] == [
        "First line.\nSecond line."
    ]


def test_research_notes_edited_on_both_sides_gain_only_the_paragraphs_written_there(
    tmp_path: Path,
) -> None:
    """After sending the study she corrects a word of her research notes and writes on;
    her supervisor adds a paragraph to them there. The import adds his paragraph, not a
    second copy of her notes as they went."""
    study = coded_study(tmp_path / "study")

    def add_paragraph(root: ET.Element) -> None:
        notes = next(n for n in root.iter(f"{P}Note") if n.get("name") == "Research notes: P1")
        notes[0].text += "\r\nSupervisor: compare with P2.\r\n"

    back = edited(sent_qdpx(study), add_paragraph)
    p1 = study.interviews[0]
    notes = study.load_notes(p1)
    assert notes.notes == "# P1\n\nThoughts 💭\n"
    notes.notes = "# P1 (nights)\n\nThoughts 💭 on the handover.\n\nMore to come.\n"
    save_notes(study.notes_path(p1), notes)
    report = import_qdpx(back, study.folder)
    assert report.merged[0].line == "“P1”: 1 note added"
    assert open_study(study.folder).load_notes(p1).notes == (
        "# P1 (nights)\n\nThoughts 💭 on the handover.\n\nMore to come.\n\n"
        "Supervisor: compare with P2."
    )


def test_a_note_lengthened_here_since_it_was_sent_comes_back_once(tmp_path: Path) -> None:
    """The student goes on writing a passage's note after sending the study; her
    supervisor's file, which has it as it went, adds nothing to it."""
    study = coded_study(tmp_path / "study")
    back = sent_qdpx(study)
    p1 = study.interviews[0]
    notes = study.load_notes(p1)
    handover = next(h for h in notes.highlights if h.exact == "With the handover")
    longer = "Key — ask more, about the nights too."
    notes.highlights = [h.edited(note=longer) if h is handover else h for h in notes.highlights]
    save_notes(study.notes_path(p1), notes)
    before = files(study.notes_dir)
    report = import_qdpx(back, study.folder)
    assert [m.changed for m in report.merged] == [False, False]
    assert files(study.notes_dir) == before


# --- what was deleted here since the study was sent (refi.sent) ---------------------------


def edit_notes(study: Study, title: str, edit: Callable[[list[Highlight]], list[Highlight]]):
    """The student's change to an interview's highlights, saved as the window saves it."""
    entry = next(e for e in study.interviews if e.title == title)
    notes = study.load_notes(entry)
    notes.highlights = edit(notes.highlights)
    save_notes(study.notes_path(entry), notes)


def delete_moon_and_light(study: Study) -> None:
    """Here, since the study was sent: "🌙" deleted, "Light" taken off the handover."""
    light = study.codebook.find("Light").id

    def edit(highlights: list[Highlight]) -> list[Highlight]:
        return [
            h.edited(codes=tuple(c for c in h.codes if c != light))
            if h.exact == "With the handover"
            else h
            for h in highlights
            if h.exact != "🌙"
        ]

    edit_notes(study, "P1", edit)


def fatigue_added(root: ET.Element) -> None:
    """There: a new code, "Fatigue", on the handover and on P2's "Days only. 🌞"; all the
    rest (the "🌙" she deleted since, "Light" on the handover) kept as it was sent."""
    codes = root.find(f"{P}CodeBook/{P}Codes")
    ET.SubElement(codes, f"{P}Code", guid=FATIGUE, name="Fatigue", isCodable="true")
    coding(selection_named(root, "With the handover"), FATIGUE, 1)
    coding(selection_named(root, "Days only. 🌞"), FATIGUE, 2)


def coded_passages(study: Study, title: str) -> list[tuple[str, tuple[str, ...]]]:
    names = {c["id"]: c["name"] for c in notes_json(study, title)["codes"]}
    highlights = notes_json(study, title)["highlights"]
    return [(h["exact"], tuple(names[c] for c in h["codes"])) for h in highlights]


def test_what_was_deleted_here_since_the_study_was_sent_stays_deleted(tmp_path: Path) -> None:
    """Exported; then she deletes "🌙" and takes "Light" off the handover; her supervisor
    adds "Fatigue" to the handover and to P2's passage, and his tool keeps the rest. Back:
    "🌙" stays deleted, "Light" stays off, "Fatigue" arrives on both. Twice is once."""
    study = coded_study(tmp_path / "study")
    back = edited(sent_qdpx(study), fatigue_added)
    delete_moon_and_light(study)

    report = import_qdpx(back, study.folder)
    lines = report.message().splitlines()
    start = lines.index("Merged into the interviews of the same text the study has:")
    assert lines[start + 1 :] == [
        "  “P1”: 1 coding added to 1 highlight; 1 highlight deleted here since it was sent, "
        "not brought back; 1 coding removed here since it was sent, not added back",
        "  “P2”: 1 coding added to 1 highlight",
    ]
    assert coded_passages(study, "P1") == [("With the handover", ("Handover", "Fatigue"))]
    assert coded_passages(study, "P2") == [("Days only. 🌞", ("Light", "Fatigue"))]

    before = files(study.folder)
    again = import_qdpx(back, study.folder)
    assert files(study.folder) == before
    assert [m.changed for m in again.merged] == [False, False]
    assert again.merged[0].line == (
        "“P1”: nothing new; 1 highlight deleted here since it was sent, not brought back; "
        "1 coding removed here since it was sent, not added back"
    )


def test_the_record_of_what_was_sent_is_small_and_names_no_highlight(tmp_path: Path) -> None:
    """study.json does not gain it; the record is hashes, a line for each interview."""
    study = coded_study(tmp_path / "study")
    before = study.file.read_bytes()
    sent_qdpx(study)
    assert study.file.read_bytes() == before
    record = json.loads((study.folder / ".refi-sent.json").read_bytes())
    assert record["format"] == "interview-reader-refi-sent" and len(record["exports"]) == 1
    assert set(record["exports"][0]["interviews"]) == {e.id for e in study.interviews}
    text = (study.folder / ".refi-sent.json").read_text("utf-8")
    assert not any(h.id in text for e in study.interviews for h in study.load_notes(e).highlights)


def test_without_a_record_the_project_sent_back_brings_everything_as_before(
    tmp_path: Path,
) -> None:
    """A study exported by an older build (no record), or a project made elsewhere of the
    same texts: what is not here comes, as it did."""
    study = coded_study(tmp_path / "study")
    back = edited(sent_qdpx(study), fatigue_added)
    (study.folder / ".refi-sent.json").unlink()
    delete_moon_and_light(study)
    report = import_qdpx(back, study.folder)
    assert report.merged[0].line == "“P1”: 2 codings added to 1 highlight, 1 new highlight"
    assert coded_passages(study, "P1") == [
        ("🌙", ("Light",)),
        ("With the handover", ("Handover", "Light", "Fatigue")),
    ]

    # A project of the same texts coded elsewhere (its own highlights, other GUIDs): its
    # "🌙", coded as the one she sent and deleted since, cannot be told from hers given a
    # new GUID (as NVivo does): it stays deleted; its handover is ours over again, a twin,
    # and does not put back the "Light" she took off ours.
    study = coded_study(tmp_path / "again")
    sent_qdpx(study)
    delete_moon_and_light(study)
    elsewhere = sent_qdpx(coded_study(tmp_path / "elsewhere"))
    report = import_qdpx(elsewhere, study.folder)
    assert report.merged[0].line == (
        "“P1”: nothing new; 1 highlight deleted here since it was sent, not brought back; "
        "1 coding removed here since it was sent, not added back"
    )


def test_a_project_sent_before_the_last_export_still_keeps_deleted_highlights_out(
    tmp_path: Path,
) -> None:
    """Sent to her supervisor; "🌙" deleted; exported again (to a co-author); the
    supervisor's file comes back after: "🌙" stays deleted."""
    study = coded_study(tmp_path / "study")
    back = edited(sent_qdpx(study), fatigue_added)
    delete_moon_and_light(study)
    sent_qdpx(open_study(study.folder))
    report = import_qdpx(back, study.folder)
    assert report.merged[0].deleted == 1 and report.merged[0].uncoded == 1
    assert coded_passages(study, "P1") == [("With the handover", ("Handover", "Fatigue"))]


@given(
    sent=st.lists(HIGHLIGHTS, max_size=6),
    deleted=st.sets(st.integers(0, 9)),
    taken_off=st.sets(st.sampled_from("abc")),
    made_here=st.lists(HIGHLIGHTS, max_size=3),
    selections=st.lists(HIGHLIGHTS, max_size=6),
)
def test_a_merge_never_brings_back_what_was_sent_and_deleted_here(
    sent: list[Highlight],
    deleted: set[int],
    taken_off: set[str],
    made_here: list[Highlight],
    selections: list[Highlight],
) -> None:
    """Whatever comes back (the highlights as sent, changed, or new ones over the same
    passages): no highlight sent and deleted here is there again, no code sent on a
    highlight and taken off it here is on it again; twice is once."""
    sent_by_id = {h.id: h for h in sent}
    record = Sent(_hashes(sent_by_id.values()))
    here = {
        h.id: h.edited(codes=tuple(c for c in h.codes if c not in taken_off))
        for h in sent_by_id.values()
        if int(h.id[1:]) not in deleted
    }
    here |= {
        f"new{h.id}": replace(h, id=f"new{h.id}") for h in made_here if f"new{h.id}" not in here
    }
    once = Highlights(here.values())
    for selection in selections + list(sent_by_id.values()):
        merge_selection(once, selection, Merged("s", "s"), record)
    for h in sent_by_id.values():
        if h.id not in here:
            assert h.id not in once
        else:
            removed = set(h.codes) - set(here[h.id].codes)
            assert not removed & set(once[h.id].codes)
    merged = Merged("s", "s")
    again = Highlights(once.values())
    for selection in selections + list(sent_by_id.values()):
        merge_selection(again, selection, merged, record)
    assert not merged.changed and again == once


def _hashes(highlights) -> frozenset[bytes]:
    """What refi.sent records of these highlights, read back as a merge reads it."""
    import tempfile

    from reader.core.refi.sent import read_sent

    with tempfile.TemporaryDirectory() as folder:
        record_sent(Path(folder), [("i", Carried(tuple(highlights)))], "2026-01-01T00:00:00+00:00")
        return read_sent(Path(folder)).get("i", Sent()).hashes


def test_what_came_back_and_was_deleted_here_does_not_come_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Her supervisor's first file brings "The end." and "Fatigue" on the handover; she
    deletes the one and takes the other off; his next file (his tool keeps both) does
    not bring them again. The record is written once, by the first."""
    study = coded_study(tmp_path / "study")
    sent = sent_qdpx(study, crlf=True)
    record = study.folder / ".refi-sent.json"
    as_sent = record.read_bytes()
    first = edited(sent, as_nvivo)
    import_qdpx(first, study.folder)
    assert record.read_bytes() != as_sent

    def edit(highlights: list[Highlight]) -> list[Highlight]:
        return [
            h.edited(codes=tuple(c for c in h.codes if c != FATIGUE))
            for h in highlights
            if h.exact != "The end."
        ]

    edit_notes(open_study(study.folder), "P1", edit)
    before = files(study.folder)
    report = import_qdpx(first, study.folder)  # his tool kept both
    assert report.merged[0].line == (
        "“P1”: nothing new; 1 highlight deleted here since it was sent, not brought back; "
        "1 coding removed here since it was sent, not added back"
    )
    assert files(study.folder) == before

    # The record cannot take what came: said, and the merge is done all the same.
    import errno

    def refuse(path: Path, _data: bytes) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    study = coded_study(tmp_path / "again")
    sent_qdpx(study, crlf=True)
    monkeypatch.setattr("reader.core.refi.sent.atomic_write", refuse)
    report = import_qdpx(first, study.folder)
    assert report.merged[0].changed
    assert said(report) == [
        "record “.refi-sent.json”: it cannot be written (Read-only file system: "
        f"{study.folder / '.refi-sent.json'}); what came in, deleted here later, would come "
        "back with the next file"
    ]


def test_an_export_whose_record_cannot_be_written_says_so_and_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The project is made all the same; a read-only study records nothing."""
    import errno

    study = coded_study(tmp_path / "study")

    def refuse(path: Path, _data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", f"{path}.u3k4p8ca.tmp")

    monkeypatch.setattr("reader.core.refi.sent.atomic_write", refuse)
    data, left_out, sending = study_qdpx(study)
    assert unzip(data)["project.qde"] and left_out == []
    assert sending.record() == (  # the folder is named, not the temporary file that failed
        f"what was sent is not recorded (.refi-sent.json in {study.folder}: No space left on "
        "device): highlights deleted here may come back with the project sent back"
    )
    monkeypatch.undo()
    study.read_only = True
    assert study_qdpx(study)[2].record() == ""
    assert not (study.folder / ".refi-sent.json").exists()


# --- a highlight resized here since the study was sent ------------------------------------


def widen_moon(study: Study) -> None:
    """Here, since the study was sent: "🌙" widened to "rt? 🌙"."""

    def edit(highlights: list[Highlight]) -> list[Highlight]:
        def widened(h: Highlight) -> Highlight:
            wide = make_highlight(TEXT, h.start - 4, h.end)
            return h.edited(**{k: getattr(wide, k) for k in ("start", "exact", "prefix")})

        return [widened(h) if h.exact == "🌙" else h for h in highlights]

    edit_notes(study, "P1", edit)


def fatigue_on_moon(root: ET.Element) -> None:
    """There: "Fatigue" made and put on "🌙", as it was sent."""
    codes = root.find(f"{P}CodeBook/{P}Codes")
    ET.SubElement(codes, f"{P}Code", guid=FATIGUE, name="Fatigue", isCodable="true")
    coding(selection_named(root, "🌙"), FATIGUE, 3)


@pytest.mark.parametrize("guids_anew", [False, True])
def test_a_highlight_resized_here_since_it_was_sent_takes_the_codes_added_there(
    tmp_path: Path, guids_anew: bool
) -> None:
    """Exported; she widens "🌙" to "rt? 🌙"; her supervisor codes "🌙" (as it went) with
    "Fatigue" (and his tool gives every selection a new GUID, or not). Back: her
    highlight, as she resized it, gains "Fatigue"; no second highlight over "🌙". Twice
    is once."""
    study = coded_study(tmp_path / "study")

    def supervisor(root: ET.Element) -> None:
        fatigue_on_moon(root)
        if guids_anew:
            new_guids(root)

    back = edited(sent_qdpx(study), supervisor)
    widen_moon(study)
    moon_id = next(h["id"] for h in notes_json(study, "P1")["highlights"] if h["exact"] == "rt? 🌙")

    report = import_qdpx(back, study.folder)
    assert report.merged[0].line == "“P1”: 1 coding added to 1 highlight"
    assert coded_passages(study, "P1") == [
        ("rt? 🌙", ("Light", "Fatigue")),
        ("With the handover", ("Handover", "Light")),
    ]
    assert notes_json(study, "P1")["highlights"][0]["id"] == moon_id
    before = files(study.folder)
    again = import_qdpx(back, study.folder)
    assert files(study.folder) == before and not again.merged[0].changed


def test_a_highlight_resized_on_both_sides_or_without_a_record_comes_beside_hers(
    tmp_path: Path,
) -> None:
    """Resized there too (to "🌙" and what follows it), its passage is not the one sent:
    it comes beside hers, as before. Without a record of what was sent, the passage as it
    went comes beside hers too (nothing tells who resized it)."""
    study = coded_study(tmp_path / "study")

    def resize_there(root: ET.Element) -> None:
        fatigue_on_moon(root)
        moon = selection_named(root, "🌙")
        moon.set("endPosition", str(int(moon.get("endPosition")) + 1))

    back = edited(sent_qdpx(study), resize_there)
    widen_moon(study)
    report = import_qdpx(back, study.folder)
    assert report.merged[0].line == "“P1”: 1 new highlight"
    assert [p for p, _ in coded_passages(study, "P1")] == [
        "rt? 🌙",
        "🌙\n",
        "With the handover",
    ]

    study = coded_study(tmp_path / "no record")
    back = edited(sent_qdpx(study), fatigue_on_moon)
    (study.folder / ".refi-sent.json").unlink()
    widen_moon(study)
    assert import_qdpx(back, study.folder).merged[0].line == "“P1”: 1 new highlight"
    assert [p for p, _ in coded_passages(study, "P1")] == ["rt? 🌙", "🌙", "With the handover"]


# --- ours back under new GUIDs (NVivo, some ATLAS.ti versions) ---------------------------

P2_TEXT = "Q: And you?\nA: Days only. 🌞\n"
SELECTION = f"{P}TranscriptSelection"


def new_guids(root: ET.Element, prefix: str = "ae") -> None:
    """Every selection given a GUID of its own, as NVivo and some ATLAS.ti versions export
    a project (a text's selections, and a recording's transcript's)."""
    selections = [e for e in root.iter() if e.tag in (f"{P}PlainTextSelection", SELECTION)]
    for n, selection in enumerate(selections):
        selection.set("guid", f"{prefix}000000-0000-4000-8000-{n:012}")


def saved_by(root: ET.Element, origin: str) -> None:
    """The project of our CRLF export saved by `origin`: ATLAS.ti counts a CRLF once, the
    others twice, as our export wrote them."""
    root.set("origin", origin)
    if "atlas" not in origin.lower():
        return
    texts = {"P1": TEXT.replace("\n", "\r\n"), "P2": P2_TEXT.replace("\n", "\r\n")}
    for source in root.iter(f"{P}TextSource"):
        for selection in source.iter(f"{P}PlainTextSelection"):
            for end in ("startPosition", "endPosition"):
                at = int(selection.get(end))
                selection.set(end, str(at - texts[source.get("name")][:at].count("\r\n")))


def the_end_added(root: ET.Element) -> None:
    """There: "The end." in P1, a passage never sent, coded "Light"."""
    light = next(c.get("guid") for c in root.iter(f"{P}Code") if c.get("name") == "Light")
    source = next(s for s in root.iter(f"{P}TextSource") if s.get("name") == "P1")
    start = TEXT.replace("\n", "\r\n").index("The end.")
    new = ET.SubElement(
        source,
        f"{P}PlainTextSelection",
        guid=NEW_SELECTION,
        name="end",
        startPosition=str(start),
        endPosition=str(start + len("The end.")),
    )
    coding(new, light, 5)


@pytest.mark.parametrize("origin", ["NVivo 14.23", "MAXQDA 2022", "ATLAS.ti 23.2"])
def test_a_passage_deleted_here_stays_deleted_when_it_comes_back_under_a_new_guid(
    tmp_path: Path, origin: str
) -> None:
    """Exported (CRLF, as for MAXQDA); she deletes "🌙" and takes "Light" off the handover;
    her supervisor adds "Fatigue" to the handover and to P2's passage and codes "The
    end." (new), and his tool gives every selection a GUID of its own. Back: "🌙" stays
    deleted, "Light" stays off, "Fatigue" joins her highlights (none doubled), "The end."
    comes. Twice is once; his next file, the GUIDs made anew again, does not bring back
    "The end." deleted here since."""
    study = coded_study(tmp_path / "study")
    ids = {h.exact: h.id for e in study.interviews for h in study.load_notes(e).highlights}

    def supervisor(root: ET.Element) -> None:
        fatigue_added(root)
        the_end_added(root)
        new_guids(root)
        saved_by(root, origin)

    back = edited(sent_qdpx(study, crlf=True), supervisor)
    delete_moon_and_light(study)

    report = import_qdpx(back, study.folder)
    assert said(report) == []
    assert [m.line for m in report.merged] == [
        "“P1”: 1 coding added to 1 highlight, 1 new highlight; 1 highlight deleted here since "
        "it was sent, not brought back; 1 coding removed here since it was sent, not added back",
        "“P2”: 1 coding added to 1 highlight",
    ]
    assert coded_passages(study, "P1") == [
        ("With the handover", ("Handover", "Fatigue")),
        ("The end.", ("Light",)),
    ]
    assert coded_passages(study, "P2") == [("Days only. 🌞", ("Light", "Fatigue"))]
    kept = [h["id"] for t in ("P1", "P2") for h in notes_json(study, t)["highlights"]]
    assert kept[0] == ids["With the handover"] and kept[2] == ids["Days only. 🌞"]

    before = files(study.folder)
    again = import_qdpx(back, study.folder)
    assert files(study.folder) == before and not any(m.changed for m in again.merged)

    edit_notes(open_study(study.folder), "P1", lambda hs: [h for h in hs if h.exact != "The end."])
    anew = edited(back, lambda root: new_guids(root, prefix="bf"))
    report = import_qdpx(anew, study.folder)
    assert not any(m.changed for m in report.merged)
    assert report.merged[0].deleted == 2
    assert [p for p, _ in coded_passages(study, "P1")] == ["With the handover"]


def test_a_passage_deleted_here_after_its_transcript_was_corrected_stays_deleted(
    tmp_path: Path,
) -> None:
    """Found by the REFI review: words added to the transcript here after it was sent, the
    handover's highlight deleted here, and every selection back under a new GUID (NVivo):
    the record of what was sent was asked with the places on the corrected text, found
    nothing, and the deleted highlight came back with its note."""
    study = coded_study(tmp_path / "study")
    back = edited(sent_qdpx(study), new_guids)
    transcript = study.folder / "P1.txt"
    corrected = transcript.read_text("utf-8").replace("nights start?", "your nights start?")
    transcript.write_text(corrected, "utf-8")
    edit_notes(
        open_study(study.folder), "P1", lambda hs: [h for h in hs if h.exact != "With the handover"]
    )
    report = import_qdpx(back, study.folder, study=open_study(study.folder))
    assert report.merged[0].deleted == 1
    assert "With the handover" not in [p for p, _ in coded_passages(study, "P1")]


def test_a_project_begun_elsewhere_does_not_bring_back_what_was_deleted_here(
    tmp_path: Path,
) -> None:
    """Found by the REFI review: a supervisor's NVivo project made a new study; deleted
    here, a highlight came back with the same file, or the next one, as nothing recorded
    what the project had brought into the interviews it made."""
    project = edited(study_qdpx(coded_study(tmp_path / "theirs"))[0], new_guids)
    new = tmp_path / "new"
    import_qdpx(project, new)
    edit_notes(open_study(new), "P1", lambda hs: [h for h in hs if h.exact != "With the handover"])
    for sent_back in (project, edited(project, lambda root: new_guids(root, prefix="bf"))):
        report = import_qdpx(sent_back, new, study=open_study(new))
        assert "With the handover" not in [p for p, _ in coded_passages(open_study(new), "P1")]
        assert not report.merged[0].changed


def test_a_recordings_passage_deleted_here_stays_deleted_under_a_new_guid(
    tmp_path: Path,
) -> None:
    """A recording's transcript: its selections' positions (SyncPoints) map to the text
    with its times, and ours under new GUIDs are ours: "🌙", deleted here, stays deleted;
    "Café at three" is not doubled."""
    study = recorded_study(tmp_path / "study")
    back = edited(sent_qdpx(study), new_guids)
    edit_notes(study, "Night", lambda hs: [h for h in hs if h.exact != "🌙"])
    report = import_qdpx(back, study.folder)
    assert [m.line for m in report.merged] == [
        "“Night”: nothing new; 1 highlight deleted here since it was sent, not brought back"
    ]
    assert [h["exact"] for h in notes_json(study, "Night")["highlights"]] == ["Café at three"]


def test_a_passage_back_under_a_new_guid_with_a_code_added_there_comes(tmp_path: Path) -> None:
    """Deleted here, coded there with a code it was not sent with: work done there on it,
    not the passage as it went; it comes, as a passage made there does."""
    study = coded_study(tmp_path / "study")

    def supervisor(root: ET.Element) -> None:
        fatigue_on_moon(root)
        new_guids(root)

    back = edited(sent_qdpx(study), supervisor)
    delete_moon_and_light(study)
    report = import_qdpx(back, study.folder)
    assert report.merged[0].new == 1 and report.merged[0].deleted == 0
    assert coded_passages(study, "P1")[0] == ("🌙", ("Light", "Fatigue"))


def nvivo_guids(root: ET.Element) -> None:
    """Our project as NVivo exports it: every selection, coding and note under a GUID of
    its own, the same in each of its exports of that project."""
    new_guids(root)
    saved_by(root, "NVivo 14.23")
    for n, element in enumerate(root.iter(f"{P}Coding")):
        element.set("guid", f"cd000000-0000-4000-8000-{n:012}")
    notes = {}
    for n, element in enumerate(root.iter(f"{P}Note")):
        notes[element.get("guid")] = f"de000000-0000-4000-8000-{n:012}"
        element.set("guid", notes[element.get("guid")])
    for ref in root.iter(f"{P}NoteRef"):
        ref.set("targetGUID", notes[ref.get("targetGUID")])


def test_a_second_file_from_nvivo_brings_what_was_added_to_ours_there(tmp_path: Path) -> None:
    """NVivo gives our passages GUIDs of its own and keeps them between its exports. Its
    first file, unchanged, changes no file; its second, with "Fatigue" and a paragraph of
    note on the handover, brings both onto her highlight, nothing read as deleted here
    (the first did not record NVivo's GUIDs as sent); a third, the same, changes nothing."""
    study = coded_study(tmp_path / "study")
    sent = sent_qdpx(study)
    first = edited(sent, nvivo_guids)
    before = files(study.folder)
    report = import_qdpx(first, study.folder)
    assert [m.line for m in report.merged] == [
        "“P1”: nothing new, the study has all of it",
        "“P2”: nothing new, the study has all of it",
    ]
    assert files(study.folder) == before

    def coded_there(root: ET.Element) -> None:
        nvivo_guids(root)
        fatigue_on_moon(root)
        handover = selection_named(root, "With the handover")
        coding(handover, FATIGUE, 1)
        tied = handover.find(f"{P}NoteRef").get("targetGUID")
        element = next(n for n in root.iter(f"{P}Note") if n.get("guid") == tied)
        element[0].text += "\n\nSupervisor: and the nights?"

    second = edited(sent, coded_there)
    report = import_qdpx(second, study.folder)
    assert said(report) == []
    assert [m.line for m in report.merged] == [
        "“P1”: 2 codings added to 2 highlights, 1 note added",
        "“P2”: nothing new, the study has all of it",
    ]
    assert coded_passages(study, "P1") == [
        ("🌙", ("Light", "Fatigue")),
        ("With the handover", ("Handover", "Light", "Fatigue")),
    ]
    handover = notes_json(study, "P1")["highlights"][1]
    assert handover["note"] == "Key — ask more\n\nSupervisor: and the nights?"
    # The GUIDs kept are of what came (the codings added), under our highlights' ids.
    kept = json.loads(study.file.read_bytes())["settings"]["refi-guids"]
    assert not any("ae000000" in key for key in kept)
    assert kept[f"coding:{handover['id']}/{FATIGUE}"] == "c0000000-0000-4000-8000-000000000001"

    before = files(study.folder)
    third = import_qdpx(second, study.folder)
    assert files(study.folder) == before and not any(m.said for m in third.merged)


@given(
    sent=st.lists(HIGHLIGHTS, max_size=6, unique_by=lambda h: h.id),
    deleted=st.sets(st.integers(0, 9)),
    taken_off=st.sets(st.sampled_from("abc")),
    dropped_there=st.sets(st.sampled_from("abc")),
    made_there=st.lists(HIGHLIGHTS, max_size=3),
)
@example(  # two of one passage: "m" joins the one whose note it is, not "n and more"
    sent=[a_highlight(0, 1, 0, set(), ""), a_highlight(0, 1, 1, set(), "m")],
    deleted=set(),
    taken_off=set(),
    dropped_there=set(),
    made_there=[a_highlight(0, 1, 0, set(), "n and more")],
)
def test_ours_back_under_new_guids_are_neither_doubled_nor_brought_back(
    sent: list[Highlight],
    deleted: set[int],
    taken_off: set[str],
    dropped_there: set[str],
    made_there: list[Highlight],
) -> None:
    """Sent; some deleted here, codes taken off others; back with every GUID made anew
    (some codes taken off there), and passages made there: no passage sent and deleted
    here comes back as it went, no highlight here is doubled nor gains a code taken off
    it, each made there over a passage never sent comes; twice is once."""
    record = Sent(_hashes(sent))
    here = {
        h.id: h.edited(codes=tuple(c for c in h.codes if c not in taken_off))
        for h in sent
        if int(h.id[1:]) not in deleted
    }
    theirs = [replace(h, id=f"their{n}") for n, h in enumerate(made_there)]
    back = [
        replace(h, id=f"re{h.id}", codes=tuple(c for c in h.codes if c not in dropped_there))
        for h in sent
    ]
    once = Highlights(here.values())
    for selection in back + theirs:
        merge_selection(once, selection, Merged("s", "s"), record)

    def spans(highlights) -> list[tuple[int, int]]:
        return [(h.start, h.end) for h in highlights]

    sent_spans, their_spans = set(spans(sent)), set(spans(theirs))
    for h in here.values():
        assert (once[h.id].start, once[h.id].end) == (h.start, h.end)
        sent_codes = next(s.codes for s in sent if s.id == h.id)
        assert not (set(sent_codes) - set(h.codes)) & set(once[h.id].codes)
    for span in set(spans(once.values())):
        count = spans(once.values()).count(span)
        assert count == (spans(here.values()).count(span) or 1)
        assert span in spans(here.values()) or span in their_spans
    assert their_spans - sent_spans <= set(spans(once.values()))
    merged = Merged("s", "s")
    again = Highlights(once.values())
    for selection in back + theirs:
        merge_selection(again, selection, merged, record)
    assert not merged.changed and again == once


# --- participants and attributes filled in there ----------------------------------------


def value(
    root: ET.Element, parent: ET.Element, variable: str, text: str, kind: str = "TextValue"
) -> None:
    """`parent` (a source or case) given `text` for `variable` there, its earlier value
    replaced, as NVivo saves a cell of its classification sheet."""
    guid = next(v.get("guid") for v in root.iter(f"{P}Variable") if v.get("name") == variable)
    for old in parent.findall(f"{P}VariableValue"):
        if old.find(f"{P}VariableRef").get("targetGUID") == guid:
            parent.remove(old)
    element = ET.SubElement(parent, f"{P}VariableValue")
    ET.SubElement(element, f"{P}VariableRef", targetGUID=guid)
    ET.SubElement(element, f"{P}{kind}").text = text


def filled_in_there(root: ET.Element) -> None:
    """Her supervisor's classification sheet in NVivo: P2 (no participant when sent) is
    Ben's, 7 years; P1 gets a new attribute, Shift, and a Role and Years other than hers;
    a Started NVivo let him type that is no date."""
    p1, p2 = (s for s in root.iter(f"{P}TextSource"))
    case = ET.SubElement(root.find(f"{P}Cases"), f"{P}Case", guid=NEW_NOTE, name="Ben")
    ET.SubElement(case, f"{P}SourceRef", targetGUID=p2.get("guid"))
    value(root, p2, "Years", "7")
    variables = root.find(f"{P}Variables")
    ET.SubElement(variables, f"{P}Variable", guid=FATIGUE, name="Shift", typeOfVariable="Text")
    value(root, p1, "Shift", "nights")
    value(root, p1, "Role", "midwife")
    value(root, p1, "Years", "13")
    value(root, p1, "Started", "last spring")


def test_a_participant_and_attributes_filled_in_there_come_and_hers_stay(tmp_path: Path) -> None:
    """What was empty here takes the file's value; what she typed stays, and the report
    names each value that differs there. Twice is once (the differences named again)."""
    study = coded_study(tmp_path / "study")
    p1, p2 = study.interviews
    study.update_interview(p2.id, participant="")
    study.save()
    back = edited(sent_qdpx(study), filled_in_there)
    notes_before = files(study.notes_dir)

    report = import_qdpx(back, study.folder)
    assert [m.line for m in report.merged] == [
        "“P1”: Shift filled in; kept as here: Role “nurse” (“midwife” there), "
        "Years “12” (“13” there)",
        "“P2”: participant and Years filled in",
    ]
    assert said(report) == ["“P1”: Started takes a date written YYYY-MM-DD, not 'last spring'."]
    study = open_study(study.folder)
    p1, p2 = study.interviews
    assert (p1.participant, p1.attributes) == (
        "Ana",
        {"role": "nurse", "years": 12, "shift": "nights"},
    )
    assert (p2.participant, p2.attributes) == (
        "Ben",
        {"role": "nurse", "started": "2020-05-01", "years": 7},
    )
    assert files(study.notes_dir) == notes_before  # study.json only: no notes rewritten

    before = files(study.folder)
    again = import_qdpx(back, study.folder)
    assert files(study.folder) == before
    assert [m.line for m in again.merged] == [
        "“P1”: nothing new; kept as here: Role “nurse” (“midwife” there), Years “12” (“13” there)",
        "“P2”: nothing new, the study has all of it",
    ]


def test_a_date_with_its_time_or_zone_is_its_day(tmp_path: Path) -> None:
    """Found by the REFI review: "2024-03-02Z", a DateValue the schema allows, was refused
    as no date."""
    study = coded_study(tmp_path / "study")
    _, p2 = study.interviews
    study.set_attribute(p2.id, "started", None)
    study.save()

    def dated(root: ET.Element) -> None:
        p2_source = list(root.iter(f"{P}TextSource"))[1]
        value(root, p2_source, "Started", "2024-03-02+02:00", kind="DateValue")

    report = import_qdpx(edited(sent_qdpx(study), dated), study.folder)
    assert said(report) == []
    assert open_study(study.folder).interviews[1].attributes["started"] == "2024-03-02"


def test_two_variables_of_one_name_and_a_coded_case_are_said(tmp_path: Path) -> None:
    """Found by the REFI review: "role" and "Role" shared one attribute and the second's
    value replaced the first's unsaid; a case's codes were dropped unsaid."""
    study = coded_study(tmp_path / "study")
    p1, _ = study.interviews
    study.set_attribute(p1.id, "role", None)
    study.save()

    def twice(root: ET.Element) -> None:
        variables = root.find(f"{P}Variables")
        ET.SubElement(variables, f"{P}Variable", guid=FATIGUE, name="ROLE", typeOfVariable="Text")
        source = next(root.iter(f"{P}TextSource"))
        value(root, source, "Role", "nurse")
        value(root, source, "ROLE", "midwife")
        case = ET.SubElement(root.find(f"{P}Cases"), f"{P}Case", guid=NEW_NOTE, name="Ana")
        ET.SubElement(case, f"{P}CodeRef", targetGUID=FATIGUE)

    report = import_qdpx(edited(sent_qdpx(study), twice), study.folder)
    assert said(report) == [
        "variable “ROLE”: one attribute with “Role”, whose value is kept where both have one",
        "case codes “Ana”: a participant is not coded here: code the interview's passages",
    ]
    assert open_study(study.folder).interviews[0].attributes["role"] == "nurse"


def test_a_participant_named_otherwise_there_is_kept_as_here() -> None:
    merged = Merged("P1", "P1", differ=["participant “Ana” (“Ana B.” there)"])
    assert not merged.changed and merged.said
    assert merged.line == "“P1”: nothing new; kept as here: participant “Ana” (“Ana B.” there)"
    merged.filled += ["participant", "Role", "Years"]
    assert merged.changed and merged.line.startswith("“P1”: participant, Role and Years filled")


def test_a_value_cleared_here_since_it_was_sent_is_not_filled_in_again(tmp_path: Path) -> None:
    """Sent as Ana's with 12 years; she clears P1's participant and Years here; the file
    sent back (his tool keeps them) leaves them empty, and says so. A value changed there
    is his: it comes, and joins the record (cleared here again, it stays so)."""
    study = coded_study(tmp_path / "study")
    sent = sent_qdpx(study)
    p1 = study.interviews[0]
    study.update_interview(p1.id, participant="")
    study.set_attribute(p1.id, "years", None)
    study.save()

    report = import_qdpx(sent, study.folder)
    assert [m.line for m in report.merged] == [
        "“P1”: nothing new; participant and Years cleared here since they were sent, not "
        "filled in again",
        "“P2”: nothing new, the study has all of it",
    ]
    p1 = open_study(study.folder).interviews[0]
    assert (p1.participant, p1.attributes) == ("", {"role": "nurse"})

    def thirteen_years(root: ET.Element) -> None:
        value(root, next(root.iter(f"{P}TextSource")), "Years", "13")

    back = edited(sent, thirteen_years)
    assert import_qdpx(back, study.folder).merged[0].line == (
        "“P1”: Years filled in; participant cleared here since it was sent, not filled in again"
    )
    study = open_study(study.folder)
    assert study.interviews[0].attributes == {"role": "nurse", "years": 13}
    study.set_attribute(p1.id, "years", None)
    study.save()
    assert "participant and Years cleared here" in import_qdpx(back, study.folder).merged[0].line
    assert open_study(study.folder).interviews[0].attributes == {"role": "nurse"}


def test_without_a_record_of_values_an_empty_value_is_filled_in(tmp_path: Path) -> None:
    """A study sent before values were recorded (its record has highlights only): the
    value cleared here comes back, as it did."""
    study = coded_study(tmp_path / "study")
    sent = study_qdpx(study)[0]
    highlights = [(e.id, study.load_notes(e)) for e in study.interviews]
    old = [(key, Carried(tuple(notes.highlights))) for key, notes in highlights if notes]
    record_sent(study.folder, old, "2026-01-01")  # what an earlier build recorded
    study.set_attribute(study.interviews[0].id, "years", None)
    study.save()
    assert import_qdpx(sent, study.folder).merged[0].line == "“P1”: Years filled in"
    assert open_study(study.folder).interviews[0].attributes["years"] == 12


@given(
    sent=st.lists(HIGHLIGHTS, max_size=6, unique_by=lambda h: h.id),
    resized=st.dictionaries(st.integers(0, 9), st.tuples(st.integers(0, 8), st.integers(1, 4))),
    added=st.sets(st.sampled_from("abcd")),
)
def test_highlights_resized_here_take_what_came_over_the_passages_sent(
    sent: list[Highlight], resized: dict[int, tuple[int, int]], added: set[str]
) -> None:
    """Sent, resized here, and back over their passages as sent with codes added there:
    no highlight is added, each keeps its passage here and gains the codes; twice is once."""
    record = Sent(_hashes(sent))
    here = {}
    for h in sent:
        n = int(h.id[1:])
        start, length = resized.get(n, (h.start, h.end - h.start))
        here[h.id] = a_highlight(start, length, n, set(h.codes), h.note)
    once = Highlights(here.values())
    merged = Merged("s", "s")
    for h in sent:
        merge_selection(once, replace(h, codes=tuple(sorted(set(h.codes) | added))), merged, record)
    assert merged.new == 0 and once.keys() == here.keys()
    for h in sent:
        assert (once[h.id].start, once[h.id].end) == (here[h.id].start, here[h.id].end)
        assert set(once[h.id].codes) == set(h.codes) | added
    again = Highlights(once.values())
    merged = Merged("s", "s")
    for h in sent:
        merge_selection(
            again, replace(h, codes=tuple(sorted(set(h.codes) | added))), merged, record
        )
    assert not merged.changed and again == once


def test_back_under_new_guids_a_passage_deleted_here_stays_deleted_beside_resized_ones(
    tmp_path: Path,
) -> None:
    """Sent: "one", "three", "six", "eight" (code a each). Here "three" was widened to
    "three four" and sent again; "one" deleted; "eight" moved onto "ten". The first file
    comes back with every GUID new and "b" added on all but "one": "one" stays deleted,
    the widened and the moved highlight take "b" (each found among those that may have
    been resized, Highlights.maybe_resized), "six" takes it over its own passage."""

    def coded(start: int, end: int, n: int) -> Highlight:
        return replace(make_highlight(WORDS, start, end), id=f"h{n}", codes=("a",))

    one, three, six, eight = coded(0, 3, 1), coded(8, 13, 2), coded(24, 27, 3), coded(34, 39, 4)
    widened, moved = replace(three, end=18), replace(eight, start=45, end=48)
    record_sent(tmp_path, [("i", Carried((one, three, six, eight)))], "2026-01-01")
    record_sent(tmp_path, [("i", Carried((one, widened, six, eight)))], "2026-01-02")
    record = read_sent(tmp_path)["i"]
    back = [
        replace(h, id=f"back{n}", codes=h.codes if h is one else ("a", "b"))
        for n, h in enumerate((one, three, six, eight))
    ]
    here = Highlights((widened, six, moved))
    merged = Merged("s", "s")
    for selection in back:
        merge_selection(here, selection, merged, record)
    assert (merged.new, merged.deleted, merged.codings, merged.coded) == (0, 1, 3, 3)
    assert {h.id: (h.start, h.end, h.codes) for h in here.values()} == {
        "h2": (8, 18, ("a", "b")),
        "h3": (24, 27, ("a", "b")),
        "h4": (45, 48, ("a", "b")),
    }
    again = Highlights(here.values())
    merged = Merged("s", "s")
    for selection in back:
        merge_selection(again, selection, merged, record)
    assert not merged.changed and again == here
