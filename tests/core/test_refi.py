"""REFI-QDA: .qdpx and .qdc exports validated against the official schemas, positions,
stable GUIDs, MAXQDA's CRLF, the round trip, imports of files shaped as NVivo, ATLAS.ti
and MAXQDA write them, and bad input."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.annotations import NO_COLOR, make_highlight
from reader.core.codebook import Code, Codebook
from reader.core.notes_file import NotesData
from reader.core.refi.codebook_xml import CODEBOOK_NS, PROJECT_NS, RefiError, export_qdc, import_qdc
from reader.core.refi.qdpx_export import Interview, Qdpx, export_qdpx, export_study_qdpx
from reader.core.refi.qdpx_import import ImportReport, import_qdpx
from reader.core.refi.sent import Sending
from reader.core.session import Session
from reader.core.shorten import whole_characters
from reader.core.store import save_notes
from reader.core.study import Study, open_study
from reader.core.study_file import InterviewEntry
from reader.core.study_memo import MEMO_NOTE_NAME, memo_path, read_memo, write_memo

ROOT = Path(__file__).parents[2]
SHARED = ROOT.parent / "shared" / "refi"
FIXTURES = Path(__file__).parents[1] / "data" / "refi"
P = f"{{{PROJECT_NS}}}"
TEXT = (
    "Interviewer: How do nights start? 🌙\nNurse: With the handover — “Café” 𠀋.\n\n"
    "Interviewer: And then?\nNurse: The end.\n"
)


@cache
def schema(name: str):
    etree = pytest.importorskip("lxml.etree")
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"the REFI-QDA schemas are read from {SHARED}, which is not here")
    return etree.XMLSchema(etree.parse(str(path)))


def assert_valid(xml: bytes, name: str = "Project-mrt2019.xsd") -> None:
    from lxml import etree

    checker = schema(name)
    document = etree.fromstring(xml)
    assert checker.validate(document), checker.error_log.last_error


def written(project: Qdpx) -> bytes:
    """The .qdpx's bytes, written into memory (the window and the command line write a
    file, streamed)."""
    buffer = io.BytesIO()
    project.write(buffer)
    return buffer.getvalue()


def study_qdpx(study: Study, crlf: bool = False) -> tuple[bytes, list[str], Sending]:
    """`export_study_qdpx`, its project's bytes written into memory."""
    project, left_out, sending = export_study_qdpx(study, crlf=crlf)
    return written(project), left_out, sending


def sent_qdpx(study: Study, crlf: bool = False) -> bytes:
    """The study's .qdpx as File ▸ Export… sends it: written, then recorded as sent."""
    data, _, sending = study_qdpx(study, crlf=crlf)
    assert sending.record() == ""
    return data


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def said(report) -> list[str]:
    """The report's line for each thing left out (an ImportReport's or a ReadCodes')."""
    return [item.line for item in report.not_imported]


def zipped(members: dict[str, str | bytes]) -> bytes:
    """A .qdpx (or any zip) holding `members`, by name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def coded_study(folder: Path, text: str = TEXT) -> Study:
    """Two interviews with codes in a tree, notes, participants and attributes."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "P1.txt").write_text(text, encoding="utf-8")
    (folder / "P2.txt").write_text("Q: And you?\nA: Days only. 🌞\n", encoding="utf-8")
    study = open_study(folder)
    book = study.writable_codebook()
    work = book.create("Work", codable=False, description="All about **work**")
    handover = book.create("Handover", parent=work.id, color="#ff9900")
    light = book.create("Light")
    study.define_attribute("Role", "text")
    study.define_attribute("Years", "number")
    study.define_attribute("Started", "date")
    p1, p2 = study.interviews
    study.update_interview(p1.id, participant="Ana", date="2024-03-01")
    study.update_interview(p2.id, participant="Ana")
    study.set_attribute(p1.id, "role", "nurse")
    study.set_attribute(p2.id, "role", "nurse")
    study.set_attribute(p1.id, "years", 12)
    study.set_attribute(p2.id, "started", "2020-05-01")
    for entry, quote, codes, note in (
        (p1, "With the handover", (handover.id, light.id), "Key — ask more"),
        (p1, "🌙", (light.id,), ""),
        (p2, "Days only. 🌞", (light.id,), ""),
    ):
        session = study.open_session(entry)
        start = session.document.text.index(quote)
        h = make_highlight(session.document.text, start, start + len(quote))
        session.add_highlight(h.edited(codes=codes, note=note))
        session.notes.notes = f"# {entry.title}\n\nThoughts 💭\n"
        save_notes(study.notes_path(entry), session.notes)
    study.save()
    return open_study(folder)


# --- export ---------------------------------------------------------------------------------


def test_study_export_is_valid_and_holds_everything(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    data, left_out, _ = study_qdpx(study)
    assert left_out == []
    files = unzip(data)
    assert sorted(files) == ["project.qde", *sorted(n for n in files if n.startswith("sources/"))]
    qde = files["project.qde"]
    assert not qde.startswith(b"\xef\xbb\xbf")
    assert_valid(qde)
    root = ET.fromstring(qde)
    assert [child.tag.removeprefix(P) for child in root] == [
        "Users", "CodeBook", "Variables", "Cases", "Sources", "Notes",
    ]  # fmt: skip
    codes = root.find(f"{P}CodeBook/{P}Codes")
    work = codes.find(f"{P}Code")
    assert (work.get("name"), work.get("isCodable")) == ("Work", "false")
    assert work.findtext(f"{P}Description") == "All about **work**"
    assert work.find(f"{P}Code").get("color") == "#ff9900"
    (case,) = root.findall(f"{P}Cases/{P}Case")
    assert case.get("name") == "Ana" and len(case.findall(f"{P}SourceRef")) == 2
    assert [v.findtext(f"{P}TextValue") for v in case.findall(f"{P}VariableValue")] == ["nurse"]
    sources = root.findall(f"{P}Sources/{P}TextSource")
    assert [s.get("name") for s in sources] == ["P1", "P2"]
    # Each source and note says when it was made: QualCoder's import stopped without.
    for made in [*sources, *root.findall(f"{P}Notes/{P}Note")]:
        assert made.get("creationDateTime") and made.get("creatingUser")
    for source in sources:
        path = source.get("plainTextPath")
        assert path.startswith("internal://") and path.endswith(".txt")
        written = files["sources/" + path.removeprefix("internal://")].decode("utf-8")
        for selection in source.findall(f"{P}PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert written[start:end] in ("With the handover", "🌙", "Days only. 🌞")
    first = sources[0].findall(f"{P}PlainTextSelection")
    assert len(first[1].findall(f"{P}Coding")) == 2  # "With the handover": two codes
    assert first[1].find(f"{P}NoteRef") is not None
    notes = {n.get("guid"): n.findtext(f"{P}PlainTextContent") for n in root.iter(f"{P}Note")}
    assert notes[first[1].find(f"{P}NoteRef").get("targetGUID")] == "Key — ask more"
    assert notes[sources[0].find(f"{P}NoteRef").get("targetGUID")] == "# P1\n\nThoughts 💭\n"


def test_control_characters_xml_cannot_hold_are_left_out(tmp_path: Path) -> None:
    """A note's form feed (text from a PDF) or escape went into project.qde as it was: no
    XML reader opened the file, this app's import neither."""
    study = coded_study(tmp_path / "study")
    entry = study.interviews[0]
    notes = study.load_notes(entry)
    (h, *_) = notes.highlights
    notes.highlights[0] = h.edited(note="Page\x0cbreak \x1b[1mbold")
    notes.notes = "Vertical\x0btab"
    save_notes(study.notes_path(entry), notes)
    book = study.writable_codebook()
    book.create("Odd\x07name", description="Bell\x07")
    study.save()
    data = sent_qdpx(open_study(study.folder))
    qde = unzip(data)["project.qde"].decode()
    ET.fromstring(qde)  # well formed
    assert "Pagebreak [1mbold" in qde and "Verticaltab" in qde and "Oddname" in qde
    assert_valid(unzip(data)["project.qde"])
    import_qdpx(data, tmp_path / "back")
    assert len(open_study(tmp_path / "back").interviews) == 2
    ET.fromstring(export_qdc(open_study(study.folder).codebook))


def test_a_long_passage_is_named_by_its_first_words(tmp_path: Path) -> None:
    """Other tools list coded passages by name: a long one's name ends at a word, "…"."""
    text = "Q: Tell me.\nA: " + " ".join(f"moment{i}" for i in range(40)) + ".\n"
    start = text.index("moment0")
    notes = NotesData(document={}, highlights=[make_highlight(text, start, len(text) - 2)])
    entry = InterviewEntry("i1", "P1.txt", "P1")
    qde = unzip(written(export_qdpx("Long", [Interview(entry, text, notes)], Codebook())))[
        "project.qde"
    ]
    (selection,) = ET.fromstring(qde).iter(f"{P}PlainTextSelection")
    name = selection.get("name")
    assert name.endswith("…") and len(name) <= 60
    assert text.startswith(name.removesuffix("…"), start)


def test_exporting_again_gives_the_same_bytes_and_guids(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    assert study_qdpx(study)[0] == study_qdpx(open_study(study.folder))[0]


def test_crlf_for_maxqda_adjusts_positions(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    files = unzip(study_qdpx(study, crlf=True)[0])
    assert_valid(files["project.qde"])
    root = ET.fromstring(files["project.qde"])
    for source in root.iter(f"{P}TextSource"):
        written = files["sources/" + source.get("plainTextPath")[11:]].decode("utf-8")
        assert "\r\n" in written and "\n" not in written.replace("\r\n", "")
        for selection in source.iter(f"{P}PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert written[start:end] in ("With the handover", "🌙", "Days only. 🌞")


def test_a_crlf_transcript_with_a_bom_goes_as_the_text_its_positions_count(
    tmp_path: Path,
) -> None:
    """The source file is the text the positions count in: LF, code points (an emoji one),
    no BOM, whatever the transcript's file had. QualCoder's import reads a BOM as a
    character and counts code points: a BOM, CRLFs or UTF-16 units there would move each
    passage after them."""
    study = coded_study(tmp_path / "study", "\ufeff" + TEXT.replace("\n", "\r\n"))
    files = unzip(study_qdpx(study)[0])
    root = ET.fromstring(files["project.qde"])
    quotes = []
    for source in root.iter(f"{P}TextSource"):
        written = files["sources/" + source.get("plainTextPath")[11:]]
        assert not written.startswith(b"\xef\xbb\xbf") and b"\r" not in written
        text = written.decode("utf-8")
        for selection in source.iter(f"{P}PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            quotes.append(text[start:end])
    assert sorted(quotes) == sorted(["With the handover", "🌙", "Days only. 🌞"])


def test_empty_codebook_is_left_out_and_the_project_still_valid() -> None:
    entry = InterviewEntry("p1", "p1.txt", "P1")
    notes = NotesData(document={})
    data = written(export_qdpx("Empty", [Interview(entry, "Hello.\n", notes)], Codebook()))
    qde = unzip(data)["project.qde"]
    assert_valid(qde)
    assert ET.fromstring(qde).find(f"{P}CodeBook") is None
    assert_valid(unzip(written(export_qdpx("Nothing", [], Codebook())))["project.qde"])


def test_orphans_are_not_exported(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    entry = study.interviews[0]
    notes = study.load_notes(entry)
    lost = make_highlight(TEXT, 0, 5).edited(orphan=True, exact="Gone!")
    notes.highlights.append(lost)
    save_notes(study.notes_path(entry), notes)
    data, left_out, _ = study_qdpx(open_study(study.folder))
    assert left_out == ["“P1”: 1 highlight not found in the text"]
    qde = unzip(data)["project.qde"]
    assert_valid(qde)
    assert lost.id.encode() not in qde


CARE = "c0ffee00-0000-4000-8000-000000000001"
BEEF = "00000000-0000-4000-8000-00000000beef"


def test_codes_only_an_interviews_notes_have_go_with_their_codings(tmp_path: Path) -> None:
    """A notes file from a colleague: its codebook has "Care" and a "Light" of its own
    that the study's lacks, and a code in no codebook. They join the exported codebook as
    they join the study's when the interview opens (code_adoption: "Light (P1)", "Unknown
    code 00000000"), each with its codings; the study itself is left as it is."""
    study = coded_study(tmp_path / "study")
    entry = study.interviews[0]
    notes = study.load_notes(entry)
    theirs = "11ff0000-0000-4000-8000-000000000001"
    notes.codebook.codes += [Code(CARE, "Care", "#112233", "memo"), Code(theirs, "Light")]
    moon, handover = notes.highlights
    notes.highlights = [moon.edited(codes=(CARE, theirs)), handover.edited(codes=(BEEF,))]
    save_notes(study.notes_path(entry), notes)
    before = study.file.read_bytes()
    qde = unzip(study_qdpx(open_study(study.folder))[0])["project.qde"]
    assert_valid(qde)
    root = ET.fromstring(qde)
    names = {c.get("guid"): c.get("name") for c in root.iter(f"{P}Code")}
    assert {names[g] for g in (CARE, theirs, BEEF)} == {
        "Care",
        "Light (P1)",
        "Unknown code 00000000",
    }
    coded = [r.get("targetGUID") for r in root.iter(f"{P}CodeRef")]
    assert {CARE, theirs, BEEF} <= set(coded)
    assert study.file.read_bytes() == before


def test_an_interview_whose_notes_cannot_be_read_is_left_out_and_named(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    study.notes_path(study.interviews[0]).write_bytes(b"{ broken")
    data, left_out, _ = study_qdpx(open_study(study.folder))
    assert len(left_out) == 1 and left_out[0].startswith("“P1”: its notes cannot be read (")
    qde = unzip(data)["project.qde"]
    assert_valid(qde)
    assert b'name="P2"' in qde and b'name="P1"' not in qde


# --- round trip -----------------------------------------------------------------------------


def test_round_trip_export_import_export_gives_the_same_project(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    first = study_qdpx(study)[0]
    report = import_qdpx(first, tmp_path / "imported")
    assert said(report) == []
    assert (report.interviews, report.codes, report.highlights) == (2, 3, 3)
    again = open_study(tmp_path / "imported")
    assert [e.participant for e in again.interviews] == ["Ana", "Ana"]
    assert [e.date for e in again.interviews] == ["2024-03-01", ""]  # was lost
    assert again.interviews[0].attributes == {"role": "nurse", "years": 12}
    assert [a.label for a in again.data.attributes] == ["Role", "Years", "Started"]
    assert study_qdpx(again)[0] == first


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r\x85\u2028\u2029")
        | st.sampled_from(["\n", "🌙", "𠀋", "é"]),
        min_size=1,
        max_size=60,
    ),
    spans=st.lists(st.tuples(st.integers(0, 59), st.integers(1, 20)), max_size=4),
    crlf=st.booleans(),
)
def test_round_trip_property(tmp_path_factory, text: str, spans, crlf: bool) -> None:
    """Any text (beyond the BMP too) and highlights survive export, import, export; with
    CRLF the quote at each exported position is still the highlight's text."""
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        return
    folder = tmp_path_factory.mktemp("study")
    (folder / "T.txt").write_text(text, encoding="utf-8")
    study = open_study(folder)
    (entry,) = study.interviews
    session = study.open_session(entry)
    doc = session.document.text
    code = study.writable_codebook().create("Code")
    for start, length in spans:
        start = min(start, len(doc) - 1)
        # Whole characters, as the app makes highlights (a re-opened study widens others).
        start, end = whole_characters(doc, start, min(len(doc), start + length))
        session.add_highlight(make_highlight(doc, start, end).edited(codes=(code.id,)))
    save_notes(study.notes_path(entry), session.notes)
    study.save()
    study = open_study(folder)
    first = study_qdpx(study, crlf=crlf)[0]
    files = unzip(first)
    for source in ET.fromstring(files["project.qde"]).iter(f"{P}TextSource"):
        written = files["sources/" + source.get("plainTextPath")[11:]].decode()
        quotes = [
            written[int(s.get("startPosition")) : int(s.get("endPosition"))]
            for s in source.iter(f"{P}PlainTextSelection")
        ]
        expected = [h.exact for h in session.notes.highlights]
        if crlf:
            quotes = [q.replace("\r\n", "\n") for q in quotes]
        assert quotes == expected
    target = folder.parent / (folder.name + "-imported")
    import_qdpx(first, target)
    assert study_qdpx(open_study(target), crlf=crlf)[0] == first


def test_a_passage_ending_in_a_space_after_an_emoji_keeps_its_end(tmp_path: Path) -> None:
    """Found by a random round trip: a passage dragged over "It was awful 😢 " and its
    space, exported and imported, came back without the space. Its name, "It was awful 😢",
    quoted it exactly only counted in UTF-16 (an emoji two), so the import read our own
    file the way a .NET tool counts."""
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "A.txt").write_text("Nurse: It was awful 😢 honestly.\n", encoding="utf-8")
    study = open_study(folder)
    (entry,) = study.interviews
    session = study.open_session(entry)
    start = session.document.text.index("It")
    session.add_highlight(make_highlight(session.document.text, start, start + 15))
    save_notes(study.notes_path(entry), session.notes)
    import_qdpx(study_qdpx(open_study(folder))[0], tmp_path / "new")
    new = open_study(tmp_path / "new")
    (back,) = new.open_session(new.interviews[0]).notes.highlights
    assert (back.start, back.end, back.exact) == (start, start + 15, "It was awful 😢 ")


def test_a_transcript_with_its_bom_written_twice_comes_back_on_the_same_words(
    tmp_path: Path,
) -> None:
    """Found by a random round trip: the second BOM was read as the text's first
    character, went out so in the source file, and the import took it for a BOM: the
    passages came back a character early, the last one left out."""
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "A.txt").write_bytes(b"\xef\xbb\xbf" * 2 + b"Nurse: the night.\n")
    study = open_study(folder)
    (entry,) = study.interviews
    session = study.open_session(entry)
    text = session.document.text
    session.add_highlight(make_highlight(text, text.index("night."), len(text) - 1))
    save_notes(study.notes_path(entry), session.notes)
    report = import_qdpx(study_qdpx(open_study(folder))[0], tmp_path / "new")
    assert said(report) == []
    new = open_study(tmp_path / "new")
    (back,) = new.open_session(new.interviews[0]).notes.highlights
    assert back.exact == "night."


def _study_opening_with_feff(tmp_path: Path) -> tuple[Path, Study, InterviewEntry, Session]:
    """A study of one subtitle file whose first cue begins with U+FEFF, its session open."""
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "A.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\n\ufeffHello there, said Ana.\n", "utf-8"
    )
    study = open_study(folder)
    (entry,) = study.interviews
    return folder, study, entry, study.open_session(entry)


def test_a_transcript_opening_with_a_zero_width_no_break_space_comes_back_on_its_words(
    tmp_path: Path,
) -> None:
    """A subtitle file whose first cue began with U+FEFF: its source file in the project
    began with the bytes of a byte order mark, which NVivo, ATLAS.ti and this app's import
    all take off, and every passage came back a character late ("ello " for "Hello")."""
    folder, study, entry, session = _study_opening_with_feff(tmp_path)
    text = session.document.text
    assert text.startswith("\ufeffHello")
    for words in ("Hello", "said Ana"):
        start = text.index(words)
        session.add_highlight(make_highlight(text, start, start + len(words)))
    save_notes(study.notes_path(entry), session.notes)
    for crlf in (False, True):
        report = import_qdpx(study_qdpx(open_study(folder), crlf=crlf)[0], tmp_path / f"{crlf}")
        assert said(report) == []
        new = open_study(tmp_path / f"{crlf}")
        back = new.open_session(new.interviews[0]).notes.highlights
        assert [(h.start, h.exact) for h in back] == [
            (1, "Hello"),
            (text.index("said"), "said Ana"),
        ]


def test_a_transcript_opening_with_a_zero_width_no_break_space_sent_back_is_merged(
    tmp_path: Path,
) -> None:
    """Its project sent back into the study it came from (coded on in NVivo, say) made a
    second interview, "A (2)": the source file holds U+2060 where the transcript begins
    with U+FEFF, and the two texts were not taken for one."""
    folder, study, entry, session = _study_opening_with_feff(tmp_path)
    session.add_highlight(make_highlight(session.document.text, 1, 6))
    save_notes(study.notes_path(entry), session.notes)
    study.save()
    import_qdpx(study_qdpx(open_study(folder))[0], folder)
    again = open_study(folder)
    assert [e.title for e in again.interviews] == ["A"]
    (back,) = again.open_session(again.interviews[0]).notes.highlights
    assert (back.start, back.exact) == (1, "Hello")


def test_the_study_memo_goes_out_as_a_free_note_and_comes_back(tmp_path: Path) -> None:
    """The memo is a Note no source refers to; imported into a new study it is the memo,
    into a study with a memo of its own it joins it under a heading, once."""
    folder = tmp_path / "study"
    study = coded_study(folder)
    memo = "# Themes\n\nNights *feel* longer. [↩ P1, Q1](interview:p1-0a1b2c3d#h-x)\n"
    write_memo(memo_path(folder), memo)
    data, left_out, _ = study_qdpx(study)
    assert left_out == []
    project = ET.fromstring(unzip(data)["project.qde"])
    assert_valid(unzip(data)["project.qde"])
    (note,) = [n for n in project.iter(f"{P}Note") if n.get("name") == MEMO_NOTE_NAME]
    assert note.findtext(f"{P}PlainTextContent") == memo
    refs = {r.get("targetGUID") for r in project.iter(f"{P}NoteRef")}
    assert note.get("guid") not in refs
    # A file too: QualCoder makes a journal only of a Note with one.
    path = note.get("plainTextPath").removeprefix("internal://")
    assert unzip(data)[f"sources/{path}"].decode() == memo
    report = import_qdpx(data, tmp_path / "new")
    assert read_memo(memo_path(tmp_path / "new")) == memo
    assert report.message().count("not imported") == 0
    other = coded_study(tmp_path / "other", TEXT.replace("nights", "days")).folder
    write_memo(memo_path(other), "Mine first.\n")
    import_qdpx(data, other, study=open_study(other))
    import_qdpx(data, other, study=open_study(other))  # again: not twice
    assert read_memo(memo_path(other)) == f"Mine first.\n\n## {MEMO_NOTE_NAME}\n\n{memo}"


def test_notes_go_as_descriptions_too_and_come_back_once(tmp_path: Path) -> None:
    """QualCoder reads a coding's memo and a source's from their Description alone: every
    note we sent (as a Note) was dropped there without a word (the REFI review's F2)."""
    data = study_qdpx(coded_study(tmp_path / "study"))[0]
    project = ET.fromstring(unzip(data)["project.qde"])
    first = project.find(f"{P}Sources/{P}TextSource")
    assert first.findtext(f"{P}Description") == "# P1\n\nThoughts 💭\n"
    noted = [
        s for s in first.iter(f"{P}PlainTextSelection") if s.find(f"{P}Description") is not None
    ]
    assert [s.findtext(f"{P}Description") for s in noted] == ["Key — ask more"]
    assert noted[0].find(f"{P}NoteRef") is not None  # the Note stays, for the others
    import_qdpx(data, tmp_path / "new")
    again = open_study(tmp_path / "new")
    session = again.open_session(again.interviews[0])
    assert session.notes.notes == "# P1\n\nThoughts 💭\n"  # once, not twice
    assert [h.note for h in session.notes.highlights if h.note] == ["Key — ask more"]


def test_research_notes_typed_with_combining_accents_come_back_once(tmp_path: Path) -> None:
    """Found by a random round trip: research notes written with "e" and a combining accent
    (as macOS may give them) went out as a Note and as an NFC Description, which the import
    took for two notes: a new study had them twice, and the study sent back unchanged
    gained a second copy ("1 note added")."""
    folder = tmp_path / "study"
    study = coded_study(folder)
    entry = study.interviews[0]
    session = study.open_session(entry)
    session.notes.notes = "Re\u0301sume\u0301 of the night\n"
    save_notes(study.notes_path(entry), session.notes)
    data = sent_qdpx(open_study(folder))
    import_qdpx(data, tmp_path / "new")
    new = open_study(tmp_path / "new")
    assert new.open_session(new.interviews[0]).notes.notes == "Re\u0301sume\u0301 of the night\n"
    report = import_qdpx(data, folder, study=open_study(folder))
    assert "note added" not in report.message()
    assert open_study(folder).open_session(entry).notes.notes == session.notes.notes


def test_a_note_that_starts_with_a_zero_width_no_break_space_comes_back_once(
    tmp_path: Path,
) -> None:
    """Found by a random round trip: the import took U+FEFF off the Note's text, as a byte
    order mark, but not off its Description, and the two were taken for two notes."""
    folder = tmp_path / "study"
    study = coded_study(folder)
    entry = study.interviews[0]
    session = study.open_session(entry)
    noted = next(h for h in session.notes.highlights if h.note)
    session.notes.highlights = [
        replace(h, note="\ufeffKey") if h is noted else h for h in session.notes.highlights
    ]
    save_notes(study.notes_path(entry), session.notes)
    import_qdpx(sent_qdpx(open_study(folder)), tmp_path / "new")
    new = open_study(tmp_path / "new")
    notes = [h.note for h in new.open_session(new.interviews[0]).notes.highlights if h.note]
    assert [note.lstrip("\ufeff") for note in notes] == ["Key"]


def test_the_memos_quote_links_lead_to_the_interviews_imported(tmp_path: Path) -> None:
    """Found by the study review: imported as a new study, each interview has a new id and
    every quote in the memo led nowhere ("That link's interview is no longer in the
    study"). A second round trip, GUIDs brought in by the first, is followed too."""
    study = coded_study(tmp_path / "study")
    p2 = study.interviews[1]
    (h,) = study.load_notes(p2).highlights
    memo = f"Days. [↩ P2, Q1](interview:{p2.id}#h-{h.id}) and [x](interview:gone-1#h-y)\n"
    write_memo(memo_path(study.folder), memo)
    import_qdpx(sent_qdpx(study), tmp_path / "new")
    new = open_study(tmp_path / "new")
    (days,) = [e for e in new.interviews if e.title == "P2"]
    assert days.id != p2.id
    assert read_memo(memo_path(new.folder)) == memo.replace(
        f"interview:{p2.id}#", f"interview:{days.id}#"
    )
    import_qdpx(sent_qdpx(new), tmp_path / "third")
    third = open_study(tmp_path / "third")
    (again,) = [e for e in third.interviews if e.title == "P2"]
    assert f"interview:{again.id}#h-{h.id}" in read_memo(memo_path(third.folder))


def test_an_interview_of_a_study_exported_alone_has_the_guids_of_the_study_export(
    tmp_path: Path,
) -> None:
    """Its source, its selections, codings and notes, and its case and values, are as the
    study's export has them (the GUIDs an import brought too), not derived from the path
    of its transcript: the other tool and the merge back know it as the same source."""
    from reader.core.refi.qdpx_export import export_session_qdpx

    study = coded_study(tmp_path / "study")
    import_qdpx((FIXTURES / "nvivo.qdpx").read_bytes(), study.folder, study=study)
    whole = ET.fromstring(unzip(study_qdpx(study)[0])["project.qde"])
    for entry in (study.interviews[0], study.interviews[-1]):  # ours, and NVivo's
        session = study.open_session(entry)
        alone, _, _ = export_session_qdpx(
            session, notes_path=study.notes_path(entry), sent_as=(study, entry.id)
        )
        project = ET.fromstring(unzip(written(alone))["project.qde"])
        (source,) = project.iter(f"{P}TextSource")
        (same,) = [s for s in whole.iter(f"{P}TextSource") if s.get("name") == entry.title]
        source.tail = same.tail = ""  # indented at another depth
        assert ET.tostring(source) == ET.tostring(same)
        (case,) = project.iter(f"{P}Case")
        assert case.get("guid") in {c.get("guid") for c in whole.iter(f"{P}Case")}


def test_an_unreadable_memo_is_left_out_and_left_alone(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    memo_path(study.folder).write_bytes(b"\xff\xfe binary \x00")
    data, left_out, _ = study_qdpx(study)
    assert [line.split(":")[0] for line in left_out] == ["the study memo"]
    assert MEMO_NOTE_NAME not in unzip(data)["project.qde"].decode()
    loose = import_qdpx((FIXTURES / "nvivo.qdpx").read_bytes(), study.folder, study=study)
    assert "note “Loose memo”: the study memo cannot take it" in said(loose)[-1]
    assert memo_path(study.folder).read_bytes() == b"\xff\xfe binary \x00"


# --- import of other tools' files -------------------------------------------------------------


def imported(name: str, tmp_path: Path):
    report = import_qdpx((FIXTURES / name).read_bytes(), tmp_path / name)
    study = open_study(tmp_path / name)
    passages = []
    for entry in study.interviews:
        notes = study.load_notes(entry)
        for h in notes.highlights:
            passages.append((h.exact, study.codebook.names(h.codes), h.note))
    return report, study, passages


def test_nvivo_shape(tmp_path: Path) -> None:
    report, study, passages = imported("nvivo.qdpx", tmp_path)
    assert passages == [
        ("With the handover.", ("Handover", "Work"), ""),
        ("Always tired.", ("Fatigue",), "Ask about rotas."),  # tied through a Link
    ]
    assert [(d, c.name, c.codable) for d, c in study.codebook.tree()] == [
        (0, "Work", True),
        (1, "Handover", True),
        (0, "Fatigue", True),
    ]
    assert study.codebook.code("aaaaaaaa-0000-0000-0000-000000000001").description == (
        "Everything about the job"
    )
    (entry,) = study.interviews
    assert (entry.title, entry.participant) == ("Ana, night 1", "Nurse Ana")
    assert entry.attributes == {"role": "nurse", "years": 12}
    text = study.transcript_path(entry).read_text(encoding="utf-8")
    assert not text.startswith("\ufeff") and "\r" not in text
    assert said(report) == [
        "selection “past the end” in “Ana, night 1”: positions 70–9000 do not fit its text "
        "of 76 characters",
        "picture source “Ward plan”: a picture has no text to read, and this app shows "
        "transcripts only",
    ]
    assert "not imported: picture source" in report.message()
    # A note tied to nothing is a memo of the project: the study memo has it.
    assert read_memo(memo_path(study.folder)) == "## Loose memo\n\nNot tied.\n"
    assert report.notes == 2
    # The imported study exports as a valid project.
    assert_valid(unzip(study_qdpx(study)[0])["project.qde"])


def test_a_project_sent_back_after_its_transcript_was_corrected_merges_into_it(
    tmp_path: Path,
) -> None:
    """A typo fixed in a transcript after the study was sent: the project sent back, with
    the source GUIDs the study sent, came in as a second interview, "P2 (2)", her
    highlights counted twice (the REFI review's F5)."""
    study = coded_study(tmp_path / "study")
    data = sent_qdpx(study)
    p2 = study.interviews[1]
    transcript = study.folder / p2.path
    transcript.write_text(transcript.read_text("utf-8").replace("you?", "you, then?"), "utf-8")
    report = import_qdpx(data, study.folder, study=open_study(study.folder))
    again = open_study(study.folder)
    assert [e.title for e in again.interviews] == ["P1", "P2"]
    assert report.interviews == 0 and not report.retitled
    (p2_notes,) = [again.open_session(e).notes for e in again.interviews if e.id == p2.id]
    assert [h.exact for h in p2_notes.highlights] == ["Days only. 🌞"]
    transcript.unlink()  # its transcript gone (a drive not connected): a new interview
    report = import_qdpx(data, study.folder, study=open_study(study.folder))
    assert report.interviews == 1


def test_another_studys_interviews_of_the_same_file_names_are_not_merged_into_ours(
    tmp_path: Path,
) -> None:
    """A colleague's study with a P1.txt and P2.txt too: their sources go out under the
    GUIDs ours do (ids come from file names), and were merged into our P1 and P2, her
    research notes and highlights on our words."""
    ours = coded_study(tmp_path / "ours")
    sent_qdpx(ours)
    farm = "Q: Tell me about the farm.\nA: With the handover of the herd 🌙, cows at dawn.\n"
    theirs = coded_study(tmp_path / "theirs", farm)
    (theirs.folder / "P2.txt").write_text("Q: And the weather?\nA: Days only. 🌞 Rain.\n")
    report = import_qdpx(study_qdpx(open_study(theirs.folder))[0], ours.folder)
    assert report.interviews == 2 and not report.merged
    assert [e.title for e in open_study(ours.folder).interviews] == ["P1", "P2", "P1 (2)", "P2 (2)"]


def test_a_project_imported_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    """Its source is merged into the interview it made, which has all of it: no file
    changes, no backup is made; its notes, also one tied to its selection through a Link,
    count as brought in; what does not fit is said again."""
    imported("nvivo.qdpx", tmp_path)
    folder = tmp_path / "nvivo.qdpx"
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    again = import_qdpx((FIXTURES / "nvivo.qdpx").read_bytes(), folder)
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    (merged,) = again.merged
    assert merged.line == "“Ana, night 1”: nothing new, the study has all of it"
    assert said(again) == [
        "selection “past the end” in “Ana, night 1”: positions 70–9000 do not fit its text "
        "of 76 characters",
        "picture source “Ward plan”: a picture has no text to read, and this app shows "
        "transcripts only",
    ]
    assert read_memo(memo_path(tmp_path / "nvivo.qdpx")).count("Not tied.") == 1  # once


def test_an_otter_export_imported_twice_is_one_interview(tmp_path: Path) -> None:
    """The source's text is an Otter export, which the app reads with "Name: " labels: the
    second import took it for another text and added the interview again."""
    otter = (
        "Leila Haddad  0:02\nNights were long. Horrible, honestly 😀.\n\n"
        "Interviewer  0:15\nAnd the handover? 交班\n\n"
        "Leila Haddad  0:20\nIt was fine, שלום.\n"
    )
    start = otter.index("Horrible")
    code = "c5000000-0000-0000-0000-000000000001"
    qde = (
        f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="{PROJECT_NS}" name="P" '
        f'origin="NVivo 14"><CodeBook><Codes><Code guid="{code}" name="Fatigue" '
        'isCodable="true"/></Codes></CodeBook><Sources><TextSource '
        'guid="b5000000-0000-0000-0000-000000000002" name="P05" plainTextPath="internal://p.txt">'
        '<PlainTextSelection guid="a5000000-0000-0000-0000-000000000001" name="s" '
        f'startPosition="{start}" endPosition="{start + 18}"><Coding '
        f'guid="e5000000-0000-0000-0000-000000000001"><CodeRef targetGUID="{code}"/></Coding>'
        "</PlainTextSelection></TextSource></Sources></Project>"
    )
    data = zipped({"project.qde": qde, "sources/p.txt": otter})
    folder = tmp_path / "study"
    first = import_qdpx(data, folder)
    assert first.interviews == 1
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    again = import_qdpx(data, folder)
    assert again.interviews == 0 and len(again.merged) == 1
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_atlas_shape_counts_crlf_once(tmp_path: Path) -> None:
    report, study, passages = imported("atlas.qdpx", tmp_path)
    assert passages == [("Quiet, then chaos.", ("Calm",), "Turns quickly.")]
    assert study.codebook.codes[0].color == "#00ff00"
    assert said(report) == ["a coding of “chaos” in “Ward talk”: its code is not in the codebook"]


def test_maxqda_shape(tmp_path: Path) -> None:
    report, _, passages = imported("maxqda.qdpx", tmp_path)
    assert passages == [("Café at three.", ("Coffee",), "")]
    assert said(report) == ["audio source “R1 recording”: it has no transcript"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a zip"),
        (b"PK\x03\x04 broken", "cut short or damaged"),  # a download that stopped
        ("zip:readme.txt", "no project"),
        ("zip:project.qde=<Project", "not valid XML"),
        ("zip:project.qde=<CodeBook/>", "not a REFI-QDA project"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, data, message: str) -> None:
    if isinstance(data, str):
        name, _, content = data.removeprefix("zip:").partition("=")
        data = zipped({name: content})
    with pytest.raises(RefiError, match=message):
        import_qdpx(data, tmp_path / "new")
    assert not (tmp_path / "new" / "study.json").exists()


def test_a_source_too_large_to_be_an_interview_is_named_and_the_others_come_in(
    tmp_path: Path, monkeypatch
) -> None:
    """A .qdpx of 250 KB whose one source unpacks to 70 MB of text (more than the 64 MB an
    interview can be): the import stopped on a traceback, the sources after it not read
    and, into the open study, the transcripts written so far left in its folder unlisted.
    That source is named with the reason, and the others come in. (The limit is made
    1 MB here, for a test of 1.5 MB.)"""
    monkeypatch.setattr("reader.core.document.MAX_BYTES", 2**20)
    sources = {"Small": "A small text.\n", "Huge": "words " * 250_000, "After": "After it.\n"}
    qde = "".join(
        f'<TextSource guid="{i}1111111-1111-1111-1111-111111111111" name="{name}" '
        f'plainTextPath="internal://{i}.txt"/>'
        for i, name in enumerate(sources, 1)
    )
    project = f'<Project xmlns="{PROJECT_NS}" name="P"><Sources>{qde}</Sources></Project>'
    texts = {f"sources/{i}.txt": text for i, text in enumerate(sources.values(), 1)}
    data = zipped({"project.qde": project, **texts})
    study = coded_study(tmp_path / "study")
    report = import_qdpx(data, study.folder, study=study)
    assert [e.title for e in study.interviews] == ["P1", "P2", "Small", "After"]
    assert said(report) == [
        "text source “Huge”: Huge.txt is 1 MB; the limit for this kind of file is 1 MB"
    ]
    assert sorted(p.name for p in (study.folder / "transcripts").iterdir()) == [
        "After.txt",
        "Small.txt",
    ]
    assert [e.title for e in open_study(study.folder).interviews] == ["P1", "P2", "Small", "After"]


def test_an_attribute_named_interview_date_stays_apart_from_the_interviews_dates(
    tmp_path: Path,
) -> None:
    """A study with an attribute of its own called "Interview date": it went out as a
    variable of the name the interviews' dates go by, and came back as those dates, the
    attribute gone and P2's date (2024-05-05) replaced by its value (2021-02-02). The dates
    go as a variable of another name then, known by its GUID."""
    study = coded_study(tmp_path / "study")
    own = study.define_attribute("Interview date", "date")
    p1, p2 = study.interviews
    study.set_attribute(p1.id, own.key, "2020-01-01")
    study.update_interview(p2.id, date="2024-05-05")
    study.set_attribute(p2.id, own.key, "2021-02-02")
    study.save()
    data = sent_qdpx(open_study(study.folder))
    names = [v.get("name") for v in ET.fromstring(unzip(data)["project.qde"]).iter(f"{P}Variable")]
    assert len(names) == len({name.casefold() for name in names}), names
    report = import_qdpx(data, tmp_path / "back")
    assert not report.not_imported
    back = open_study(tmp_path / "back")
    key = next(a.key for a in back.data.attributes if a.label == "Interview date")
    assert [(e.date, e.attributes.get(key)) for e in back.interviews] == [
        ("2024-03-01", "2020-01-01"),
        ("2024-05-05", "2021-02-02"),
    ]
    assert_valid(unzip(data)["project.qde"])


def test_a_choice_attribute_comes_back_a_choice_with_its_choices(tmp_path: Path) -> None:
    """REFI-QDA has no variable of choices: an attribute "Site" of the choices North and
    South went out as text and came back as text, its choices lost. They go as the
    variable's description, which the other tools show, and come back as the choices,
    with a value given there that is none of them (typed in NVivo) one more."""
    study = coded_study(tmp_path / "study")
    study.define_attribute("Site", "choice", ["North", "South, east wing"])
    p1, p2 = study.interviews
    study.set_attribute(p1.id, "site", "North")
    study.set_attribute(p2.id, "site", "South, east wing")
    study.save()
    data = sent_qdpx(open_study(study.folder))
    report = import_qdpx(data, tmp_path / "back")
    assert not report.not_imported
    back = open_study(tmp_path / "back")
    site = back.attribute("site")
    assert (site.type, site.options) == ("choice", ("North", "South, east wing"))
    assert [e.attributes.get("site") for e in back.interviews] == ["North", "South, east wing"]
    files = unzip(data)
    files["project.qde"] = files["project.qde"].replace(
        b"<TextValue>North</TextValue>", b"<TextValue>West</TextValue>"
    )
    import_qdpx(zipped(files), tmp_path / "edited")
    site = open_study(tmp_path / "edited").attribute("site")
    assert (site.type, site.options) == ("choice", ("North", "South, east wing", "West"))
    assert_valid(unzip(data)["project.qde"])


def test_a_project_of_a_newer_version_of_the_format_is_read_and_said_to_be(
    tmp_path: Path,
) -> None:
    """A project written in a later version of REFI-QDA (its namespace's number) was read
    as if it were 1.0 without a word: what that version adds was dropped unsaid. Its
    interviews come in, and the report says the version and what that means."""
    qde = unzip(sent_qdpx(coded_study(tmp_path / "study")))
    for name, content in qde.items():
        if name == "project.qde":
            qde[name] = content.replace(b"urn:QDA-XML:project:1.0", b"urn:QDA-XML:project:2.1")
    report = import_qdpx(zipped(qde), tmp_path / "new")
    assert [e.title for e in open_study(tmp_path / "new").interviews] == ["P1", "P2"]
    assert (
        "  not imported: what version 2.1 of the REFI-QDA format adds: this app reads 1.0, "
        "and names none of it"
    ) in report.message().splitlines()
    same = import_qdpx(sent_qdpx(open_study(tmp_path / "study")), tmp_path / "same")
    assert "version" not in same.message()
    qdc = export_qdc(open_study(tmp_path / "study").codebook)
    read = import_qdc(qdc.replace(b"codebook:1.0", b"codebook:2.1"))
    assert len(read.book) == 3
    assert said(read) == [
        "what version 2.1 of the REFI-QDA format adds: this app reads 1.0, and names none of it"
    ]
    assert said(import_qdc(qdc)) == []


def test_import_into_an_existing_study_merges_codes_attributes_and_interviews(
    tmp_path: Path,
) -> None:
    """Codes by GUID or by name in the same place, attributes by name; a text the study
    has already is not added twice, its passages merged into that interview's notes
    (tests/core/test_refi_merge.py); no transcript there is overwritten."""
    data = study_qdpx(coded_study(tmp_path / "theirs"))[0]
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "P2.txt").write_text("Q: And you?\nA: Days only. 🌞\n", encoding="utf-8")
    (ours / "Mine.txt").write_text("Mine: My own words.\n", encoding="utf-8")
    study = open_study(ours)
    book = study.writable_codebook()
    work = book.create("Work")  # another GUID, the same name and place
    book.create("Handover", parent=work.id, color="#123456")
    study.define_attribute("role", "text")  # the same name, another case
    study.save()
    before = {p.name: p.read_bytes() for p in ours.iterdir() if p.is_file()}

    report = import_qdpx(data, ours)
    again = open_study(ours)
    assert [e.title for e in again.interviews] == ["Mine", "P2", "P1"]
    assert report.interviews == 1 and report.codes == 1  # Light is new
    assert report.known_codes == ["Work", "Work / Handover"]
    assert said(report) == []
    # P2 had no participant nor values here: it takes the file's (test_refi_merge.py).
    assert [m.line for m in report.merged] == [
        "“P2”: 1 new highlight, 1 note added, participant, role and Started filled in"
    ]
    p2 = again.interviews[1]
    assert (p2.participant, p2.attributes) == ("Ana", {"role": "nurse", "started": "2020-05-01"})
    assert [c.name for c in again.codebook] == ["Work", "Handover", "Light"]
    assert again.codebook.find("Handover", work.id).color == "#123456"  # ours kept
    assert [a.label for a in again.data.attributes] == ["role", "Years", "Started"]
    p1 = again.interviews[2]
    assert p1.attributes == {"role": "nurse", "years": 12} and p1.participant == "Ana"
    notes = again.load_notes(p1)
    names = [again.codebook.names(h.codes) for h in notes.highlights]
    assert names == [("Light",), ("Handover", "Light")]
    assert again.transcript_path(p1).read_text(encoding="utf-8") == TEXT
    for name, raw in before.items():
        if name != "study.json":
            assert (ours / name).read_bytes() == raw
    # A second import of the same project adds nothing and says so for each source.
    report = import_qdpx(data, ours)
    assert report.interviews == 0 and report.not_imported == []
    assert [m.line for m in report.merged] == [
        "“P1”: nothing new, the study has all of it",
        "“P2”: nothing new, the study has all of it",
    ]
    assert len(open_study(ours).interviews) == 3


def test_a_source_named_as_an_interview_of_the_study_is_numbered_and_said(
    tmp_path: Path,
) -> None:
    """Imported, a source was titled by its name as it was: the study's P1 (of other
    words) and the file's were two interviews of one title."""
    data = study_qdpx(coded_study(tmp_path / "theirs"))[0]
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "p1.txt").write_text("Mine: My own words.\n", encoding="utf-8")
    open_study(ours).save()
    report = import_qdpx(data, ours)
    assert [e.title for e in open_study(ours).interviews] == ["P1", "P1 (2)", "P2"]
    assert "Titled apart from the study's interviews: “P1” as “P1 (2)”." in report.message()


def test_import_into_the_open_study_object_and_read_only_refused(tmp_path: Path) -> None:
    data = (FIXTURES / "atlas.qdpx").read_bytes()
    study = coded_study(tmp_path / "study")
    report = import_qdpx(data, study.folder, study=study)
    assert report.study is study and len(study.interviews) == 3
    assert len(open_study(study.folder).interviews) == 3  # written, atomically, once
    study.read_only = True
    with pytest.raises(RefiError, match="read-only"):
        import_qdpx((FIXTURES / "nvivo.qdpx").read_bytes(), study.folder, study=study)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(RefiError, match="is a file"):
        import_qdpx(data, tmp_path / "file")


def test_a_folder_of_other_files_is_not_made_a_study(tmp_path: Path) -> None:
    """The Downloads the .qdpx came to: its README and to-do list would have become
    interviews, and the report said "Imported 1" of a study of 3. A folder with hidden
    files only (a Mac's .DS_Store) is empty."""
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    (downloads / "README.md").write_text("# Read me\n", encoding="utf-8")
    (downloads / "todo.txt").write_text("Buy milk\n", encoding="utf-8")
    data = (FIXTURES / "nvivo.qdpx").read_bytes()
    with pytest.raises(RefiError, match="holds other files and is not a study"):
        import_qdpx(data, downloads)
    assert sorted(p.name for p in downloads.iterdir()) == ["README.md", "todo.txt"]
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    (hidden / ".DS_Store").write_bytes(b"\0")
    report = import_qdpx(data, hidden)
    assert [e.title for e in open_study(hidden).interviews] == ["Ana, night 1"]
    assert report.interviews == 1


# --- .qdc ------------------------------------------------------------------------------------


def test_qdc_is_valid_and_round_trips(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    qdc = export_qdc(study.codebook)
    assert_valid(qdc, "Codebook.xsd")
    assert ET.fromstring(qdc).tag == f"{{{CODEBOOK_NS}}}CodeBook"
    read = import_qdc(qdc)
    assert read.book == study.codebook and read.not_imported == []
    with pytest.raises(RefiError, match="empty"):
        export_qdc(Codebook())


def test_qdc_import_tolerates_and_reports() -> None:
    qdc = f"""<CodeBook xmlns="{CODEBOOK_NS}"><Codes>
      <Code guid="{{12345678-1234-1234-1234-1234567890AB}}" name=" Parent " isCodable="true">
        <Code guid="not-a-guid" name="Child" isCodable="false" color="#abc"/>
        <Code guid="12345678-1234-1234-1234-1234567890ab" name="Twin" isCodable="true"/>
      </Code>
      <Code guid="22345678-1234-1234-1234-1234567890ab" name="" isCodable="true"/>
    </Codes></CodeBook>""".encode()
    read = import_qdc(qdc)
    assert [(d, c.name, c.codable, c.color) for d, c in read.book.tree()][:2] == [
        (0, "Parent", True, read.book.codes[0].color),
        (1, "Child", False, "#aabbcc"),
    ]
    assert read.book.codes[0].id == "12345678-1234-1234-1234-1234567890ab"
    assert said(read) == [
        "code “Parent / Twin”: its GUID is used twice",
        "code “?”: it has no name",
    ]
    with pytest.raises(RefiError):
        import_qdc(b"\x00\x01 not xml")


def test_the_codes_below_a_code_left_out_are_kept_in_its_place() -> None:
    """A code left out (its GUID used twice, or no name) takes none of the codes below it
    along: they go where it was, under its parent, and the report says so."""
    qdc = f"""<CodeBook xmlns="{CODEBOOK_NS}"><Codes>
      <Code guid="aaaaaaaa-0000-0000-0000-000000000003" name="Dup" isCodable="true"/>
      <Code guid="AAAAAAAA-0000-0000-0000-000000000003" name="Dup2" isCodable="true">
        <Code guid="aaaaaaaa-0000-0000-0000-000000000004" name="Child of Dup2" isCodable="true">
          <Code guid="aaaaaaaa-0000-0000-0000-000000000005" name="Grandchild" isCodable="true"/>
        </Code>
      </Code>
      <Code guid="aaaaaaaa-0000-0000-0000-000000000006" name="Parent" isCodable="true">
        <Code guid="aaaaaaaa-0000-0000-0000-000000000007" name="" isCodable="true">
          <Code name="Child of nameless" isCodable="true"/>
          <Code guid="aaaaaaaa-0000-0000-0000-000000000009" name="Another" isCodable="true"/>
        </Code>
      </Code>
    </Codes></CodeBook>""".encode()
    read = import_qdc(qdc)
    assert [(d, c.name) for d, c in read.book.tree()] == [
        (0, "Dup"),
        (0, "Child of Dup2"),
        (1, "Grandchild"),
        (0, "Parent"),
        (1, "Child of nameless"),
        (1, "Another"),
    ]
    assert said(read) == [
        "code “Dup2”: its GUID is used twice; the 1 code below it is kept in its place",
        "code “Parent / ?”: it has no name; the 2 codes below it are kept in its place",
    ]


QC_TEXT = "Interviewer: Ready?\nAna: Yes, quite ready.\n"


def qualcoder_project(notes: tuple[str, ...] = ("", "", "")) -> bytes:
    """QualCoder's layout: a PlainTextSelection for each coding of one passage, three
    codes on "quite ready", each selection with its own GUID (and a memo, `notes`)."""
    start = QC_TEXT.index("quite ready")
    codes = "".join(
        f'<Code guid="aaaaaaaa-0000-0000-0000-00000000000{k}" name="C{k}" isCodable="true"/>'
        for k in (1, 2, 3)
    )
    selections = "".join(
        f'<PlainTextSelection guid="eeeeeeee-0000-0000-0000-00000000000{k}" name="q" '
        f'startPosition="{start}" endPosition="{start + 11}">'
        + (f"<Description>{note}</Description>" if note else "")
        + f'<Coding guid="ffffffff-0000-0000-0000-00000000000{k}">'
        f'<CodeRef targetGUID="aaaaaaaa-0000-0000-0000-00000000000{k}"/></Coding>'
        "</PlainTextSelection>"
        for k, note in zip((1, 2, 3), notes, strict=True)
    )
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="QC" origin="QualCoder 3.5">'
        f"<CodeBook><Codes>{codes}</Codes></CodeBook><Sources>"
        '<TextSource guid="dddddddd-0000-0000-0000-000000000001" name="Doc" '
        f'plainTextPath="internal://d1.txt">{selections}</TextSource></Sources></Project>'
    )
    return zipped({"project.qde": qde, "sources/d1.txt": QC_TEXT})


def test_a_pdf_with_its_text_is_an_interview_of_that_text(tmp_path: Path) -> None:
    """A PDFSource carrying its text (a Representation, as QualCoder exports a PDF) was
    refused, "it has no text to read", and its codings dropped: its text is now an
    interview named after the PDF, its selections highlights, its notes research notes;
    the PDF itself, and a passage marked on its pages only, are named. One without a
    Representation is refused as before."""
    raw = QC_TEXT.replace("\n", "\r\n")  # written on Windows; QualCoder counts its LF text
    start = QC_TEXT.index("quite ready")
    qde = f"""<Project xmlns="{PROJECT_NS}" name="QC" origin="QualCoder 3.5">
    <CodeBook><Codes>
      <Code guid="aaaaaaaa-0000-0000-0000-000000000001" name="Ready" isCodable="true"/>
    </Codes></CodeBook>
    <Sources>
      <PDFSource guid="dddddddd-0000-0000-0000-000000000001" name="Paper"
        path="internal://paper.pdf">
        <Description>Scanned at the ward.</Description>
        <PDFSelection guid="eeeeeeee-0000-0000-0000-000000000009" page="0"
          firstX="1" firstY="1" secondX="9" secondY="9"/>
        <Representation guid="dddddddd-0000-0000-0000-000000000002" name="Paper"
          plainTextPath="internal://paper.txt">
          <PlainTextSelection guid="eeeeeeee-0000-0000-0000-000000000001" name="q"
            startPosition="{start}" endPosition="{start + 11}">
            <Description>Said twice.</Description>
            <Coding guid="ffffffff-0000-0000-0000-000000000001">
              <CodeRef targetGUID="aaaaaaaa-0000-0000-0000-000000000001"/></Coding>
          </PlainTextSelection>
          <NoteRef targetGUID="99999999-0000-0000-0000-000000000001"/>
        </Representation>
      </PDFSource>
      <PDFSource guid="dddddddd-0000-0000-0000-000000000003" name="Scan"
        path="internal://scan.pdf"/>
    </Sources>
    <Notes><Note guid="99999999-0000-0000-0000-000000000001" name="On the paper">
      <PlainTextContent>Ask for page two.</PlainTextContent></Note></Notes>
    </Project>"""
    project = zipped(
        {
            "project.qde": qde,
            "sources/paper.pdf": b"%PDF-1.4 not shown",
            "sources/paper.txt": raw,
            "sources/scan.pdf": b"%PDF-1.4 no text",
        }
    )
    report = import_qdpx(project, tmp_path / "s")
    study = open_study(tmp_path / "s")
    (paper,) = study.interviews
    assert paper.title == "Paper"
    assert study.transcript_path(paper).read_text(encoding="utf-8") == QC_TEXT
    notes = study.load_notes(paper)
    (highlight,) = notes.highlights
    assert (highlight.exact, highlight.note) == ("quite ready", "Said twice.")
    assert study.codebook.names(highlight.codes) == ("Ready",)
    assert notes.notes == "Scanned at the ward.\n\nAsk for page two."
    assert said(report) == [
        "PDF file “Paper”: the PDF itself is not shown; its text is",
        "1 passage of the PDF “Paper” marked on its pages only",
        "PDF source “Scan”: the project holds the PDF without its text: add its text to the "
        "study as a transcript (.txt) of its own",
    ]
    assert report.message().startswith(
        "Imported 1 interview, 1 code, 1 coded passage with 1 coding and 2 notes into"
    )
    # Sent back out, it is a text source with the PDF's GUID; imported again, nothing new.
    exported = unzip(study_qdpx(study)[0])["project.qde"]
    assert b'<TextSource guid="dddddddd-0000-0000-0000-000000000001" name="Paper"' in exported
    again = import_qdpx(project, tmp_path / "s")
    assert again.message().startswith("Imported nothing new into ")


def test_a_description_with_old_mac_line_ends_reads_as_lines(tmp_path: Path) -> None:
    """A source's and the project's Description with a lone CR (&#13;, as an old Mac
    tool ends its lines) kept it in the research notes and the study memo, where it is
    no line end; decomposed letters (e\u0301) are one letter (é), as in a transcript."""
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="QC" origin="QualCoder 3.5">'
        "<Sources>"
        '<TextSource guid="dddddddd-0000-0000-0000-000000000001" name="Doc" '
        'plainTextPath="internal://d1.txt"><Description>Cafe\u0301&#13;noisy</Description>'
        "</TextSource></Sources><Description>Two&#13;lines&#13;&#10;end</Description></Project>"
    )
    import_qdpx(zipped({"project.qde": qde, "sources/d1.txt": QC_TEXT}), tmp_path / "s")
    study = open_study(tmp_path / "s")
    assert study.load_notes(study.interviews[0]).notes == "Caf\u00e9\nnoisy"
    assert "Two\nlines\nend" in read_memo(memo_path(study.folder))


def test_sources_named_apart_by_case_alone_get_files_apart_by_more(tmp_path: Path) -> None:
    """ "P1" and "p1" were transcripts/P1.txt and p1.txt: one file on macOS and Windows."""
    sources = "".join(
        f'<TextSource guid="dddddddd-0000-0000-0000-00000000000{k}" name="{name}" '
        f'plainTextPath="internal://{k}.txt"/>'
        for k, name in ((1, "P1"), (2, "p1"))
    )
    qde = f'<Project xmlns="{PROJECT_NS}" name="x"><Sources>{sources}</Sources></Project>'
    files = {"project.qde": qde, "sources/1.txt": "A: one\n", "sources/2.txt": "A: two\n"}
    import_qdpx(zipped(files), tmp_path / "s")
    names = sorted(p.name for p in (tmp_path / "s" / "transcripts").iterdir())
    assert len({name.casefold() for name in names}) == 2, names


def test_a_project_of_many_sources_looks_up_the_studys_files_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each source added looked up where every interview added before it is on disk, to
    be sure it was not one of them: 125,000 look-ups for 500 sources, whose import took
    29 s (13 s now, most of it writing). The study's files are looked up once, each new
    one added to them."""
    count = 60
    sources = "".join(
        f'<TextSource guid="eeeeeeee-0000-0000-0000-{k:012x}" name="S{k}" '
        f'plainTextPath="internal://{k}.txt"/>'
        for k in range(count)
    )
    qde = f'<Project xmlns="{PROJECT_NS}" name="x"><Sources>{sources}</Sources></Project>'
    texts = {f"sources/{k}.txt": f"A: interview {k}\n" for k in range(count)}
    study = coded_study(tmp_path / "s")
    looked_up = []
    resolved = Study._resolved

    def counted(self: Study, entry: InterviewEntry):
        looked_up.append(entry.id)
        return resolved(self, entry)

    monkeypatch.setattr(Study, "_resolved", counted)
    report = import_qdpx(zipped({"project.qde": qde, **texts}), study.folder, study=study)
    assert report.interviews == count and len(study.interviews) == count + 2
    assert len(looked_up) <= 2 * count


@pytest.mark.parametrize(
    ("names", "files"),
    [
        (
            ("Con", "aux", "NUL", "com1", "Lpt9", "Console"),
            ["Con_.txt", "aux_.txt", "NUL_.txt", "com1_.txt", "Lpt9_.txt", "Console.txt"],
        ),
        # Before any suffix too: "Con.Ana.txt" is the console as "Con.txt" is.
        (
            ("Con.Ana", "aux. notes", "Console.Ana"),
            ["Con_.Ana.txt", "aux_. notes.txt", "Console.Ana.txt"],
        ),
    ],
)
def test_a_source_named_as_a_windows_device_gets_a_file_windows_can_make(
    tmp_path: Path, names: tuple[str, ...], files: list[str]
) -> None:
    """A participant called "Con" (or a source "aux", "NUL", "COM1", "Con.Ana"): its
    transcript was transcripts/Con.txt, a name Windows keeps for a device at every suffix,
    where writing it fails or goes to the console; the interview keeps the source's name
    as its title."""
    sources = "".join(
        f'<TextSource guid="eeeeeeee-0000-0000-0000-00000000000{k}" name="{name}" '
        f'plainTextPath="internal://{k}.txt"/>'
        for k, name in enumerate(names)
    )
    qde = f'<Project xmlns="{PROJECT_NS}" name="x"><Sources>{sources}</Sources></Project>'
    texts = {f"sources/{k}.txt": f"A: said by {name}\n" for k, name in enumerate(names)}
    import_qdpx(zipped({"project.qde": qde, **texts}), tmp_path / "s")
    study = open_study(tmp_path / "s")
    assert [e.title for e in study.interviews] == list(names)
    assert [Path(e.path).name for e in study.interviews] == files


@pytest.mark.parametrize("memo", ["Said at once.", "Q&A: said < 1 s & at once"])
def test_a_qualcoder_annotation_is_the_note_of_its_passage(tmp_path: Path, memo: str) -> None:
    """A Note holding a PlainTextSelection (QualCoder's annotation) came in as a loose
    paragraph of the research notes, cut off from its words (the REFI review's F4): it is
    the note of its passage now, on the highlight coded there or one of its own.
    QualCoder writes the annotation's text unescaped (refi.py, `create_annotation_note_xml`): a "&"
    or "<" in it made the project no XML, and the whole import was refused."""
    yes = QC_TEXT.index("Yes")
    notes = (
        '<Notes><Note guid="cccccccc-0000-0000-0000-000000000001" name="a1">'
        f"<PlainTextContent>{memo}</PlainTextContent>"
        f'<PlainTextSelection guid="cccccccc-0000-0000-0000-0000000000a1" '
        f'startPosition="{yes}" endPosition="{yes + 3}"/></Note></Notes>'
    )
    archive = unzip(qualcoder_project())
    qde = archive["project.qde"].decode()
    qde = qde.replace(
        "</TextSource>",
        '<NoteRef targetGUID="cccccccc-0000-0000-0000-000000000001"/></TextSource>',
    ).replace("</Sources>", "</Sources>" + notes)
    report = import_qdpx(zipped({**archive, "project.qde": qde}), tmp_path / "s")
    assert said(report) == []
    study = open_study(tmp_path / "s")
    session = study.open_session(study.interviews[0])
    annotated = [(h.exact, h.note) for h in session.notes.highlights if h.note]
    assert annotated == [("Yes", memo)]
    assert "said" not in session.notes.notes.lower()


def test_a_source_without_a_name_is_titled_after_its_file(tmp_path: Path) -> None:
    """qc 1.3 (cproctor/qualitative-coding) writes a TextSource without a name (the schema
    asks none) and its text under its own file name, each selection a line of it ("line:1"):
    the interview was titled with the source's GUID. One whose file is named by a GUID
    still is."""
    text = "Speaker 1:   We open the session.\nThe budget comes first tonight.\n"
    line = text.split("\n")[1]
    start = text.index(line)
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="qc project" origin="qc 1.3.2"><Sources>'
        '<TextSource plainTextPath="council_2019.txt" guid="33663939-3636-3632-3038-613431643463">'
        '<PlainTextSelection guid="37323865-3734-6533-3337-623138653238" name="line:1" '
        f'startPosition="{start}" endPosition="{start + len(line)}"/></TextSource>'
        '<TextSource plainTextPath="internal://66653866-6334-3535-3435-366637306566.txt" '
        'guid="66653866-6334-3535-3435-366637306566"/></Sources></Project>'
    )
    files = {
        "project.qde": qde,
        "sources/council_2019.txt": text,
        "sources/66653866-6334-3535-3435-366637306566.txt": "Chair: Any other business?\n",
    }
    report = import_qdpx(zipped(files), tmp_path / "s")
    study = open_study(tmp_path / "s")
    assert [e.title for e in study.interviews] == [
        "council_2019",
        "66653866-6334-3535-3435-366637306566",
    ]
    assert [h.exact for h in report.passages] == [line]


def test_a_selection_for_each_coding_of_one_passage_is_one_highlight(tmp_path: Path) -> None:
    """As merging into an interview that has the text makes it: not three stacked
    highlights of one code each. The merge's report counts that highlight once."""
    report = import_qdpx(qualcoder_project(("Why now?", "", "Why now?\n\nAsk.")), tmp_path / "s")
    study = open_study(tmp_path / "s")
    (highlight,) = study.load_notes(study.interviews[0]).highlights
    assert highlight.exact == "quite ready" and highlight.note == "Why now?\n\nAsk."
    assert study.codebook.names(highlight.codes) == ("C1", "C2", "C3")
    assert report.message().startswith(
        "Imported 1 interview, 3 codes, 1 coded passage with 3 codings and 1 note into"
    )
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "Doc.txt").write_text(QC_TEXT, encoding="utf-8")
    mine = open_study(ours)
    session = mine.open_session(mine.interviews[0])
    start = QC_TEXT.index("quite ready")
    session.add_highlight(make_highlight(QC_TEXT, start, start + 11))
    save_notes(mine.notes_path(mine.interviews[0]), session.notes)
    mine.save()
    merged = import_qdpx(qualcoder_project(), ours)
    assert [m.line for m in merged.merged] == ["“Doc”: 3 codings added to 1 highlight"]


def test_a_case_tied_to_no_source_is_named(tmp_path: Path) -> None:
    """A participant of the other tool with an age but no document of theirs (not yet
    interviewed, or tied to theirs by a set): the case and its values were dropped without
    a word. It is named; the source comes in as ever."""
    qde = f"""<Project xmlns="{PROJECT_NS}" name="Ward">
    <Variables><Variable guid="bbbbbbbb-0000-0000-0000-000000000001" name="Age"
      typeOfVariable="Integer"/></Variables>
    <Cases><Case guid="cccccccc-0000-0000-0000-000000000001" name="Bo">
      <VariableValue><VariableRef targetGUID="bbbbbbbb-0000-0000-0000-000000000001"/>
        <IntegerValue>40</IntegerValue></VariableValue></Case></Cases>
    <Sources><TextSource guid="dddddddd-0000-0000-0000-000000000001" name="Doc">
      <PlainTextContent>{QC_TEXT}</PlainTextContent></TextSource></Sources>
    </Project>"""
    report = import_qdpx(zipped({"project.qde": qde}), tmp_path / "s")
    assert [e.title for e in open_study(tmp_path / "s").interviews] == ["Doc"]
    assert said(report) == [
        "case “Bo”: it names no source, and a participant here is an interview's"
    ]


def test_a_variable_without_a_name_is_named_by_its_guid(tmp_path: Path) -> None:
    """A variable the other tool wrote without a name (the schema asks one) was dropped
    with every value of it, without a word."""
    qde = f"""<Project xmlns="{PROJECT_NS}" name="Ward">
    <Variables><Variable guid="bbbbbbbb-0000-0000-0000-000000000001" name=" "
      typeOfVariable="Integer"/></Variables>
    <Sources><TextSource guid="dddddddd-0000-0000-0000-000000000001" name="Doc">
      <PlainTextContent>{QC_TEXT}</PlainTextContent>
      <VariableValue><VariableRef targetGUID="bbbbbbbb-0000-0000-0000-000000000001"/>
        <IntegerValue>40</IntegerValue></VariableValue></TextSource></Sources>
    </Project>"""
    report = import_qdpx(zipped({"project.qde": qde}), tmp_path / "s")
    assert said(report) == [
        "variable “bbbbbbbb-0000-0000-0000-000000000001”: it has no name, which an attribute needs"
    ]


def test_memos_on_codes_sources_and_the_project_go_where_they_belong(tmp_path: Path) -> None:
    """A code's notes (NoteRef, NVivo's memo on a node) join its memo; a source's
    Description (QualCoder's memo) and a transcript's notes (ATLAS.ti's) its research
    notes; the project's Description the study memo. What has no place here is named: a
    case's or a variable's description, a source's second case, a case of passages, a
    link between codes."""
    start = QC_TEXT.index("quite")
    qde = f"""<Project xmlns="{PROJECT_NS}" name="Ward" origin="NVivo 14">
    <CodeBook><Codes>
      <Code guid="aaaaaaaa-0000-0000-0000-000000000001" name="Trust" isCodable="true">
        <Description>Who they rely on.</Description>
        <NoteRef targetGUID="99999999-0000-0000-0000-000000000001"/></Code>
      <Code guid="aaaaaaaa-0000-0000-0000-000000000002" name="Care" isCodable="true"/>
    </Codes></CodeBook>
    <Variables><Variable guid="bbbbbbbb-0000-0000-0000-000000000001" name="Role"
      typeOfVariable="Text"><Description>Their job.</Description></Variable></Variables>
    <Cases>
      <Case guid="cccccccc-0000-0000-0000-000000000001" name="Ana">
        <Description>A nurse of 12 years.</Description>
        <SourceRef targetGUID="dddddddd-0000-0000-0000-000000000001"/></Case>
      <Case guid="cccccccc-0000-0000-0000-000000000002" name="Nurses">
        <SourceRef targetGUID="dddddddd-0000-0000-0000-000000000001"/></Case>
      <Case guid="cccccccc-0000-0000-0000-000000000003" name="Key quotes">
        <SelectionRef targetGUID="eeeeeeee-0000-0000-0000-000000000001"/></Case>
    </Cases>
    <Sources>
      <TextSource guid="dddddddd-0000-0000-0000-000000000001" name="Doc">
        <Description>Recorded at home.</Description>
        <PlainTextContent>{QC_TEXT}</PlainTextContent>
        <PlainTextSelection guid="eeeeeeee-0000-0000-0000-000000000001"
          startPosition="{start}" endPosition="{start + 5}">
          <Coding guid="ffffffff-0000-0000-0000-000000000001">
            <CodeRef targetGUID="aaaaaaaa-0000-0000-0000-000000000001"/></Coding>
        </PlainTextSelection></TextSource>
      <AudioSource guid="dddddddd-0000-0000-0000-000000000002" name="Rec"
        path="internal://gone.mp3">
        <Transcript guid="dddddddd-0000-0000-0000-000000000003" name="Rec"
          plainTextPath="internal://t.txt">
          <NoteRef targetGUID="99999999-0000-0000-0000-000000000002"/></Transcript>
      </AudioSource>
    </Sources>
    <Notes>
      <Note guid="99999999-0000-0000-0000-000000000001" name="Memo on Trust">
        <PlainTextContent>Trust is earned on nights.</PlainTextContent></Note>
      <Note guid="99999999-0000-0000-0000-000000000002" name="Memo on Rec">
        <PlainTextContent>Noisy ward.</PlainTextContent></Note>
    </Notes>
    <Links><Link guid="77777777-0000-0000-0000-000000000001" name="leads to"
      originGUID="aaaaaaaa-0000-0000-0000-000000000001"
      targetGUID="aaaaaaaa-0000-0000-0000-000000000002"/></Links>
    <Description>A study of night shifts.</Description>
    </Project>"""
    project = zipped({"project.qde": qde, "sources/t.txt": "Q: Loud?\nA: Always.\n"})
    report = import_qdpx(project, tmp_path / "s")
    study = open_study(tmp_path / "s")
    trust = study.codebook.find("Trust")
    assert trust.description == "Who they rely on.\n\nTrust is earned on nights."
    doc, rec = study.interviews
    assert study.load_notes(doc).notes == "Recorded at home."
    assert study.load_notes(rec).notes == "Noisy ward."
    memo = read_memo(memo_path(study.folder))
    assert "A study of night shifts." in memo and "Trust is earned" not in memo
    assert "Noisy ward." not in memo
    assert said(report) == [
        "variable description “Role”: an attribute has no description here",
        "case description “Ana”: a participant has no memo here",
        "case “Nurses” in “Doc”: an interview has one participant, “Ana” here",
        "case “Key quotes”: cases of passages are not imported",
        "the recording of “Rec”: internal://gone.mp3 is not in the file",
        "link “leads to”: links between codes, sources or passages are not imported",
    ]
    again = import_qdpx(project, tmp_path / "s")  # nothing twice
    assert open_study(tmp_path / "s").codebook.find("Trust").description == trust.description
    assert study.load_notes(doc).notes == "Recorded at home." and again.interviews == 0
    # It said "Imported 1 note": the memo on Trust, which the code had already.
    assert again.message().startswith("Imported nothing new into ")
    edited = qde.replace("earned on nights", "earned on night shifts")
    edited_project = zipped({"project.qde": edited, "sources/t.txt": "Q: Loud?\nA: Always.\n"})
    third = import_qdpx(edited_project, tmp_path / "s")
    assert third.message().startswith("Imported 1 note into ")


@pytest.mark.parametrize(
    "encoded",
    [
        lambda t: t.encode("utf-16"),  # with a BOM
        lambda t: t.encode("utf-16-le"),  # without one, as some Windows tools write it
        lambda t: t.encode("utf-16-be"),
        lambda t: t.encode("cp1252", errors="replace"),
    ],
)
def test_a_source_file_in_utf16_or_cp1252_is_read_as_its_text(tmp_path: Path, encoded) -> None:
    """A UTF-16 source was read as cp1252: NULs between the letters, every selection
    "not in the text as read here"."""
    text = "Bob: Caf\u00e9 world, \u4f60\u597d \U0001f60a ok\r\n"
    start = text.index("world")
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="x" origin="NVivo 14"><CodeBook><Codes>'
        '<Code guid="aaaaaaaa-0000-0000-0000-000000000001" name="World" isCodable="true"/>'
        "</Codes></CodeBook><Sources>"
        '<TextSource guid="11111111-0000-0000-0000-000000000001" name="Bob" '
        'plainTextPath="internal://bob.txt"><PlainTextSelection '
        f'guid="eeeeeeee-0000-0000-0000-000000000001" startPosition="{start}" '
        f'endPosition="{start + 5}"><Coding><CodeRef '
        'targetGUID="aaaaaaaa-0000-0000-0000-000000000001"/></Coding></PlainTextSelection>'
        "</TextSource></Sources></Project>"
    )
    if encoded(text).startswith(b"Bob"):  # cp1252 holds no CJK nor emoji
        text = text.encode("cp1252", errors="replace").decode("cp1252")
    data = zipped({"project.qde": qde, "sources/bob.txt": encoded(text)})
    report = import_qdpx(data, tmp_path / "s")
    assert said(report) == []
    study = open_study(tmp_path / "s")
    (highlight,) = study.load_notes(study.interviews[0]).highlights
    assert highlight.exact == "world"
    assert study.transcript_path(study.interviews[0]).read_text("utf-8") == text.replace(
        "\r\n", "\n"
    )


def test_codings_on_a_category_here_go_to_a_code_under_it(tmp_path: Path) -> None:
    """The supervisor coded at NVivo's parent node "Work", which is the study's category
    "Work" (it holds codes, no passages): a coding on it would be counted nowhere and
    shown as a category's. They go to "Work (general)", made under it in its colour,
    the category left as it is; a second file finds that code again."""
    study = coded_study(tmp_path / "study")
    work = study.codebook.find("Work")
    start = TEXT.index("The end")
    new_text = "Q: Work?\nA: Long shifts.\n"
    qde = f"""<Project xmlns="{PROJECT_NS}" name="Back" origin="NVivo 14">
    <CodeBook><Codes><Code guid="aaaaaaaa-0000-0000-0000-000000000001" name="Work"
      isCodable="true"/></Codes></CodeBook>
    <Sources>
      <TextSource guid="11111111-0000-0000-0000-000000000001" name="P1">
        <PlainTextContent>{TEXT}</PlainTextContent>
        <PlainTextSelection guid="eeeeeeee-0000-0000-0000-000000000001"
          startPosition="{start}" endPosition="{start + 7}"><Coding><CodeRef
          targetGUID="aaaaaaaa-0000-0000-0000-000000000001"/></Coding></PlainTextSelection>
      </TextSource>
      <TextSource guid="11111111-0000-0000-0000-000000000002" name="P9">
        <PlainTextContent>{new_text}</PlainTextContent>
        <PlainTextSelection guid="eeeeeeee-0000-0000-0000-000000000002"
          startPosition="12" endPosition="23"><Coding><CodeRef
          targetGUID="aaaaaaaa-0000-0000-0000-000000000001"/></Coding></PlainTextSelection>
      </TextSource>
    </Sources></Project>"""
    report = import_qdpx(zipped({"project.qde": qde}), study.folder)
    assert "Coded in the file on a category here, so given to: Work / Work (general)." in (
        report.message()
    )
    again = open_study(study.folder)
    general = again.codebook.find("Work (general)", work.id)
    assert general.codable and general.color == work.color
    assert not again.codebook.code(work.id).codable
    for entry in (again.interviews[0], again.interviews[2]):
        coded = [h for h in again.load_notes(entry).highlights if general.id in h.codes]
        assert len(coded) == 1 and work.id not in coded[0].codes
    assert all(
        work.id not in h.codes for e in again.interviews for h in again.load_notes(e).highlights
    )
    import_qdpx(zipped({"project.qde": qde.replace("000000000002", "000000000003")}), study.folder)
    assert [c.name for c in open_study(study.folder).codebook].count("Work (general)") == 1


def test_decomposed_text_and_a_guidless_selection_are_mapped_to_nfc(tmp_path: Path) -> None:
    """A source in NFD (é as e + accent) counts one more character before the quote than
    our NFC text: the position is mapped, not trusted blindly."""
    text = "Cafe\u0301 talk.\r\nThe quote here.\r\n"
    start = text.replace("\r\n", "\n").index("quote")  # QualCoder counts its LF text
    qde = f"""<Project xmlns="{PROJECT_NS}" name="NFD" origin="QualCoder 3.5">
      <Sources><TextSource guid="d3d3d3d3-0000-0000-0000-000000000001" name="S">
        <PlainTextContent>{text.replace(chr(13), "&#13;")}</PlainTextContent>
        <PlainTextSelection guid="" startPosition="{start}" endPosition="{start + 5}"/>
      </TextSource></Sources></Project>"""
    report = import_qdpx(zipped({"project.qde": qde.encode()}), tmp_path / "nfd")
    study = open_study(tmp_path / "nfd")
    (h,) = study.load_notes(study.interviews[0]).highlights
    assert h.exact == "quote" and report.highlights == 1
    assert said(report) == []


def test_a_raw_otter_export_coded_elsewhere_keeps_its_codings_by_their_words(
    tmp_path: Path,
) -> None:
    """A co-author coded Otter's .txt as NVivo reads it (a name and time above each turn);
    here it reads as its turns ("Name: …"), so no position fitted, and every coding was
    left out. They are found again by their words; one whose words are gone is named."""
    from tests.conftest import DATA

    otter = (DATA / "student" / "P05-otter.txt").read_text("utf-8")
    start = otter.index("Horrible, honestly")
    lost = otter.index("Leila Haddad  0:02")  # a turn's header: read as "Leila Haddad: " here
    code = "c5000000-0000-0000-0000-000000000001"
    selections = "".join(
        f'<PlainTextSelection guid="a500000{i}-0000-0000-0000-000000000001" name="s" '
        f'startPosition="{at}" endPosition="{at + n}"><Coding guid="e500000{i}-0000-0000-'
        f'0000-000000000001"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
        for i, (at, n) in enumerate([(start, 18), (lost, 18)])
    )
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="x" origin="NVivo 14"><CodeBook><Codes>'
        f'<Code guid="{code}" name="Fatigue" isCodable="true"/></Codes></CodeBook><Sources>'
        '<TextSource guid="b5000000-0000-0000-0000-000000000002" name="P05 raw" '
        f'plainTextPath="internal://p05.txt">{selections}</TextSource></Sources></Project>'
    )
    report = import_qdpx(zipped({"project.qde": qde, "sources/p05.txt": otter}), tmp_path / "s")
    study = open_study(tmp_path / "s")
    (h,) = study.load_notes(study.interviews[0]).highlights
    assert h.exact == "Horrible, honestly" and len(h.codes) == 1
    assert said(report) == [
        "the 1 selection in “P05 raw”: its words are not in the text as read here"
    ]


def test_a_source_file_larger_than_the_limit_is_named_and_the_import_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A source's file in the zip larger than 200 MB ended the import: the sources after
    it never came in, nor would they again. It is named, and the others come in."""
    from reader.core.refi import qdpx_import

    study = coded_study(tmp_path / "study")
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="x"><Sources>'
        '<TextSource guid="11111111-0000-0000-0000-000000000001" name="Inline">'
        "<PlainTextContent>Short and new.</PlainTextContent></TextSource>"
        '<TextSource guid="11111111-0000-0000-0000-000000000002" name="Huge" '
        'plainTextPath="internal://huge.txt"/>'
        '<TextSource guid="11111111-0000-0000-0000-000000000003" name="After" '
        'plainTextPath="internal://after.txt"/></Sources></Project>'
    )
    files = {"sources/huge.txt": "word " * len(qde), "sources/after.txt": "Q: After?\nA: Yes.\n"}
    monkeypatch.setattr(qdpx_import, "MAX_MEMBER_BYTES", len(qde.encode()))
    report = import_qdpx(zipped({"project.qde": qde, **files}), study.folder)
    assert said(report) == [
        f"text source “Huge”: sources/huge.txt is larger than {len(qde.encode()) // 2**20} MB"
    ]
    titles = [e.title for e in open_study(study.folder).interviews]
    assert titles == ["P1", "P2", "Inline", "After"]


def test_a_whole_number_beyond_64_bits_is_a_value_refused_and_the_import_ends(
    tmp_path: Path,
) -> None:
    """xsd:integer has no bound; study.json (orjson) takes 64 bits: the value is named
    among those left out, as any value its attribute refuses, and the study is written."""
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="x"><Variables>'
        '<Variable guid="75000000-0000-0000-0000-000000000001" name="Income" '
        'typeOfVariable="Integer"/></Variables><Sources>'
        '<TextSource guid="b5000000-0000-0000-0000-000000000001" name="Doc">'
        "<PlainTextContent>Q: one.\nA: two.</PlainTextContent><VariableValue>"
        '<VariableRef targetGUID="75000000-0000-0000-0000-000000000001"/>'
        "<IntegerValue>123456789012345678901</IntegerValue></VariableValue>"
        "</TextSource></Sources></Project>"
    )
    report = import_qdpx(zipped({"project.qde": qde}), tmp_path / "study")
    assert said(report) == [
        "“Doc”: Income takes a number, not '123456789012345678901': a whole number is kept "
        "between −2⁶³ and 2⁶³ − 1."
    ]
    (entry,) = open_study(tmp_path / "study").interviews
    assert entry.title == "Doc" and entry.attributes == {}


def test_a_binary_source_is_named_and_nothing_of_it_is_left(tmp_path: Path) -> None:
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="x"><Sources>'
        '<TextSource guid="11111111-0000-0000-0000-000000000003" name="Blob" '
        'plainTextPath="internal://blob.txt"/></Sources></Project>'
    )
    blob = bytes(range(1, 32)) * 40 + b"words"
    report = import_qdpx(zipped({"project.qde": qde, "sources/blob.txt": blob}), tmp_path / "s")
    assert report.interviews == 0 and len(report.not_imported) == 1
    assert said(report)[0].startswith("text source “Blob”: ")
    assert not (tmp_path / "s" / "transcripts" / "Blob.txt").exists()


def test_a_source_named_with_many_wide_characters_gets_a_file_name_that_fits(
    tmp_path: Path,
) -> None:
    """File systems take 255 bytes a name: 80 CJK Extension B ideographs are 320 bytes,
    and stopped the whole import."""
    name = "𠀋" * 100
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="x"><Sources>'
        f'<TextSource guid="11111111-0000-0000-0000-000000000004" name="{name}">'
        "<PlainTextContent>Q: Why?\nA: Because.</PlainTextContent></TextSource>"
        f'<TextSource guid="11111111-0000-0000-0000-000000000005" name="{name}">'
        "<PlainTextContent>Q: And?\nA: Then.</PlainTextContent></TextSource>"
        "</Sources></Project>"
    )
    report = import_qdpx(zipped({"project.qde": qde}), tmp_path / "s")
    assert report.interviews == 2 and report.not_imported == []
    study = open_study(tmp_path / "s")
    assert [e.title for e in study.interviews] == [name, f"{name} (2)"]  # it all kept
    files = sorted((tmp_path / "s" / "transcripts").iterdir())
    assert all(len(f.name.encode()) <= 255 for f in files)
    assert sorted(f.name for f in files) == ["𠀋" * 50 + "-2.txt", "𠀋" * 50 + ".txt"]


def test_imported_codings_have_no_colour(tmp_path: Path) -> None:
    """A coded segment of another tool is coding, not a colour highlight (NO_COLOR)."""
    import_qdpx((FIXTURES / "nvivo.qdpx").read_bytes(), tmp_path / "nvivo")
    study = open_study(tmp_path / "nvivo")
    (entry,) = study.interviews
    highlights = study.load_notes(entry).highlights
    assert [(h.color, bool(h.codes)) for h in highlights] == [(NO_COLOR, True)] * 2


def test_what_was_left_out_for_one_reason_is_one_line() -> None:
    """Grouped by kind and reason, from the records, not by reading lines back: a count of
    parts of one source keeps its line; a kind said by its owner groups as well."""
    from reader.core.refi.left_out import LeftOut, grouped_lines

    same = "its text is empty"
    items = [LeftOut("text source", name, same) for name in ("Cjk", "Otter", "Names", "Rev")]
    items += [LeftOut("set", "Waves", "sets are not imported")]
    items += [LeftOut("graph", "?", "graphs are not imported")]
    items += [LeftOut("selection", "P2", "its text reads differently here", count=3)] * 2
    items += [LeftOut("recording", name, "the file names none") for name in "AB"]
    items += [LeftOut("selection", n, "no positions", source="P1") for n in "ab"]
    items += [LeftOut("audio source", "Cjk", same)]  # another kind: its own line
    assert grouped_lines(items) == [
        f"4 text sources (“Cjk”, “Otter”, “Names” and 1 more): {same}",
        "set “Waves”: sets are not imported",
        "graph “?”: graphs are not imported",
        "the 3 selections in “P2”: its text reads differently here",
        "the 3 selections in “P2”: its text reads differently here",
        "2 recordings (“A”, “B”): the file names none",
        "2 selections (“a” in “P1”, “b” in “P1”): no positions",
        f"audio source “Cjk”: {same}",
    ]
    assert grouped_lines(items[1:3]) == [f"2 text sources (“Otter”, “Names”): {same}"]
    assert [item.line for item in items[9:11]] == [
        "the recording of “B”: the file names none",
        "selection “a” in “P1”: no positions",
    ]
    assert grouped_lines([]) == []


# --- damaged or unusual files ---------------------------------------------------------------


def two_sources(first: str, second: str, guid: str = "11111111-0000-0000-0000-000000000001"):
    """A project of two text sources given the same GUID (as a tool edited by hand can)."""
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="x" origin="NVivo 14"><Sources>'
        f'<TextSource guid="{guid}" name="One" plainTextPath="internal://one.txt"/>'
        f'<TextSource guid="{guid}" name="Two" plainTextPath="internal://two.txt"/>'
        "</Sources></Project>"
    )
    return zipped({"project.qde": qde, "sources/one.txt": first, "sources/two.txt": second})


def test_a_damaged_or_encrypted_file_in_the_zip_ends_the_import_with_a_reason(
    tmp_path: Path,
) -> None:
    study = coded_study(tmp_path / "study")
    good = two_sources("Short and new.", "Q: Damaged?\nA: " + "yes " * 50)
    damaged = good.replace(b"yes yes", b"yes YES", 1)  # stored: its CRC no longer matches
    assert damaged != good
    with pytest.raises(RefiError, match=r"its sources/two.txt is damaged or encrypted \(Bad CRC"):
        import_qdpx(damaged, study.folder)
    titles = [e.title for e in open_study(study.folder).interviews]
    assert titles == ["P1", "P2", "One"]  # the transcript written is not left astray
    encrypted = bytearray(good)  # the "encrypted" flag of the project file's entries
    for header in (b"PK\x03\x04", b"PK\x01\x02"):
        at = encrypted.index(header)
        flags = at + (6 if header == b"PK\x03\x04" else 8)
        encrypted[flags] |= 1
    with pytest.raises(RefiError, match=r"its project\.qde is damaged or encrypted"):
        import_qdpx(bytes(encrypted), tmp_path / "other")


def test_two_sources_of_one_guid_go_back_out_as_two_files(tmp_path: Path) -> None:
    import_qdpx(two_sources("Q: First?\nA: One.\n", "Q: Second?\nA: Two.\n"), tmp_path / "s")
    study = open_study(tmp_path / "s")
    assert [e.title for e in study.interviews] == ["One", "Two"]
    files = unzip(sent_qdpx(study))
    texts = sorted(v.decode() for k, v in files.items() if k.startswith("sources/"))
    assert texts == ["Q: First?\nA: One.\n", "Q: Second?\nA: Two.\n"]
    root = ET.fromstring(files["project.qde"])
    guids = [s.get("guid") for s in root.iter(f"{P}TextSource")]
    assert guids[0] == "11111111-0000-0000-0000-000000000001" and len(set(guids)) == 2


def test_a_code_name_too_long_is_cut_and_kept_whole_in_its_memo(tmp_path: Path) -> None:
    long = "Trust " * 60  # 360 characters; a code's name has at most 200
    qdc = (
        f'<CodeBook xmlns="{CODEBOOK_NS}"><Codes>'
        f'<Code guid="aaaaaaaa-0000-0000-0000-000000000001" name="{long}" isCodable="true">'
        "<Description>Said often.</Description></Code></Codes></CodeBook>"
    ).encode()
    read = import_qdc(qdc)
    (code,) = read.book.codes
    assert len(code.name) <= 200 and code.name.startswith("Trust Trust") and code.name[-1] == "…"
    assert code.description == f"{long.strip()}\n\nSaid often."
    assert said(read) == [
        f"code “{code.name}”: its name is cut to 200 characters, all of it in its memo"
    ]
    study = coded_study(tmp_path / "study")
    qde = qdc.replace(b"CodeBook xmlns", b"X").replace(b"</CodeBook>", b"")
    project = f'<Project xmlns="{PROJECT_NS}" name="x"><CodeBook>'.encode() + qde.split(b">", 1)[1]
    import_qdpx(zipped({"project.qde": project + b"</CodeBook></Project>"}), study.folder)
    assert code.name in [c.name for c in open_study(study.folder).codebook.codes]


def test_two_selections_of_one_guid_in_our_own_file_stay_two_highlights(tmp_path: Path) -> None:
    from reader import APP_NAME

    text = "Q: Ready?\nA: Yes, quite ready.\n"
    selections = "".join(
        f'<PlainTextSelection guid="eeeeeeee-0000-0000-0000-000000000001" name="q" '
        f'startPosition="{text.index(w)}" endPosition="{text.index(w) + len(w)}"/>'
        for w in ("Ready", "quite")
    )
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="x" origin="{APP_NAME} 1.0"><Sources>'
        f'<TextSource guid="dddddddd-0000-0000-0000-000000000001" name="Doc" '
        f'plainTextPath="internal://d.txt">{selections}</TextSource></Sources></Project>'
    )
    report = import_qdpx(zipped({"project.qde": qde, "sources/d.txt": text}), tmp_path / "s")
    study = open_study(tmp_path / "s")
    quotes = [h.exact for h in study.load_notes(study.interviews[0]).highlights]
    assert quotes == ["Ready", "quite"] and report.highlights == 2


def test_an_import_into_a_new_folder_that_fails_at_once_leaves_no_folder(tmp_path: Path) -> None:
    good = two_sources("Q: Damaged?\nA: " + "yes " * 50, "Short and new.")
    damaged = good.replace(b"yes yes", b"yes YES", 1)
    folder = tmp_path / "new" / "study"
    with pytest.raises(RefiError, match="damaged"):
        import_qdpx(damaged, folder)
    assert not (tmp_path / "new").exists()  # the folders it made, gone
    chosen = tmp_path / "chosen"  # a folder the user made stays
    chosen.mkdir()
    with pytest.raises(RefiError, match="damaged"):
        import_qdpx(damaged, chosen)
    assert chosen.is_dir() and not any(chosen.iterdir())


def test_the_report_counts_passages_in_a_colour_alone_as_highlights_not_as_coded(
    tmp_path: Path,
) -> None:
    """Found by the study review: "3 coded passages with 1 coding" for two passages in a
    colour alone and one coded."""
    green = make_highlight(TEXT, 0, 10, color="green")
    blue = make_highlight(TEXT, 11, 20, color="blue")
    coded = replace(make_highlight(TEXT, 21, 30, color=NO_COLOR), codes=("c1",))
    report = ImportReport(open_study(tmp_path), passages=[green, blue, coded], codings=1)
    assert "3 passages (2 highlighted, 1 coded) with 1 coding" in report.message()
    report = ImportReport(open_study(tmp_path), passages=[coded], codings=1)
    assert "1 coded passage with 1 coding" in report.message()


@pytest.mark.parametrize("interrupt", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_an_import_into_a_new_folder_cut_short_leaves_nothing_half_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interrupt: BaseException
) -> None:
    """The disk filled, or Ctrl+C, after some transcripts were written: the folder held them
    and no study.json, and the same import again was refused (a folder of other files)."""
    project = two_sources("Q: First?\nA: Yes.", "Second and last.")
    written: list[str] = []
    from reader.core.refi import qdpx_import

    write = qdpx_import.atomic_write

    def second_fails(path: Path, data: bytes, **kwargs: bool) -> None:
        if written:
            raise interrupt
        written.append(str(path))
        write(path, data, **kwargs)

    monkeypatch.setattr(qdpx_import, "atomic_write", second_fails)
    for folder in (tmp_path / "new" / "study", tmp_path / "chosen"):
        if folder.name == "chosen":
            folder.mkdir()  # an empty folder the user made: empty again, and kept
        written.clear()
        with pytest.raises(type(interrupt)):
            import_qdpx(project, folder)
        assert written
        assert (
            not (tmp_path / "new").exists() if folder.name == "study" else not any(folder.iterdir())
        )
    monkeypatch.undo()
    assert import_qdpx(project, tmp_path / "chosen").interviews == 2  # tried again: taken


def test_a_bare_ampersand_mended_leaves_a_cdata_sections_text_as_it_is() -> None:
    """A project whose text is no XML for a bare "&" (QualCoder's annotation, "Q&A") is read
    with that "&" as the character; a CDATA section elsewhere in it, whose "&" and "<" are
    characters already, came in as "R&amp;D &lt; 3" in the imported text."""
    from reader.core.refi.codebook_xml import parse_xml

    root = parse_xml(
        b"<Project><Note><PlainTextContent><![CDATA[R&D < 3 years]]></PlainTextContent></Note>"
        b"<Note><PlainTextContent>Q&A</PlainTextContent></Note></Project>"
    )
    assert [note.findtext("PlainTextContent") for note in root] == ["R&D < 3 years", "Q&A"]
