"""A study, or one interview, as a REFI-QDA project (`.qdpx`).

The zip holds `project.qde` (UTF-8 without BOM, namespace urn:QDA-XML:project:1.0) and
`sources/GUID.txt`, each interview's text as UTF-8, referenced as `internal://GUID.txt`.
In the project: one User; the CodeBook (left out when there are no codes: `Codes` needs
one); Variables for the attributes; a Case per participant (SourceRefs to their
interviews, the attribute values all of them share); a TextSource per interview with a
PlainTextSelection per highlight (code point positions of exactly the text written, end
exclusive), its Codings and a NoteRef to its note, the interview's attribute values; and
the notes: each highlight's note and each interview's research notes, a Note each, and
the study memo, a Note no source refers to (NVivo, ATLAS.ti and MAXQDA take such a Note
for a free memo of the project).

An interview with a recording and turn times is an AudioSource or VideoSource instead:
the recording in the zip as `sources/GUID.ext` (or, too large or unreadable, its path as
`absolute://`), the text as its Transcript with a SyncPoint where each timed turn starts
(and each paragraph a cue opens inside a long turn), and a TranscriptSelection per
highlight between SyncPoints placed at its ends (refi.media).

GUIDs are stable: ours where we have them (highlights, codes), else derived from stable
ids (uuid5), or the GUIDs an import brought in (kept in the study's settings under
GUIDS_SETTING), so exporting the same study again gives the same file. With `crlf`
(MAXQDA), lines end in CRLF and positions count both characters.

An export says what it sent, each interview's highlights and their codes, participant and
attribute values (refi.sent.Sending),
for the caller to record once the file is written (refi.sent, a file of its own in the
study folder): the project sent back then brings no highlight, nor coding, deleted here
since (qdpx_merge). A study's export tells its progress as it goes (Progress), and stops,
raising ExportCancelled, when told to.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from reader.core.annotations import Highlight
from reader.core.code_adoption import adopted_codebook
from reader.core.codebook import Codebook
from reader.core.deterministic_zip import DeterministicZip
from reader.core.document import opening_feff_kept
from reader.core.notes_file import NotesData
from reader.core.refi import media
from reader.core.refi.codebook_xml import (
    ORIGIN,
    PROJECT_NS,
    code_elements,
    derived_guid,
    tag,
)
from reader.core.refi.sent import Carried, Sending
from reader.core.shorten import shorten
from reader.core.study_file import AttributeDef, InterviewEntry
from reader.core.study_memo import MEMO_NOTE_NAME, MemoUnreadableError, memo_path, read_memo
from reader.core.wording import counted
from reader.core.xml_chars import make_xml_safe

if TYPE_CHECKING:
    from reader.core.session import Session
    from reader.core.study import Study

GUIDS_SETTING = "refi-guids"  # study setting: "kind:key" -> a GUID an import brought in
USER_NAME = "Interview Reader"
NO_TIME = "1970-01-01T00:00:00+00:00"  # made when, where nothing says: an interview never coded
SELECTION_NAME_WIDTH = 60  # a coded passage's name, as the other tools list it
_VARIABLE_TYPES = {"text": "Text", "number": "Float", "date": "Date", "choice": "Text"}
# An interview's date, a field of its own here, as a Variable of each source's: the import
# reads one of this name and type back into the date (no attribute key has a "_").
DATE_KEY, DATE_VARIABLE = "_date", "Interview date"
# REFI-QDA has no variable of choices: a choice attribute is a Text variable whose
# Description lists them, this line then one a line; the import reads them back.
CHOICES_LINE = "One of:"
# A study's export tells (stage, done, total) as it goes, READING each interview's files
# then PLACING each in the project, and stops when told False; Qdpx.write tells bytes.
Progress = Callable[[str, int, int], bool]
READING, PLACING = "reading", "placing"


@dataclass(frozen=True)
class Interview:
    """What one source is made of: the study's entry, the text, the notes; and, for a
    recording's transcript, the recording and where timed turns start (offset, ms)."""

    entry: InterviewEntry
    text: str
    notes: NotesData
    recording: Path | None = None
    times: tuple[tuple[int, int], ...] = ()

    @property
    def timed(self) -> bool:
        return self.recording is not None and bool(self.times)


class _Guids:
    """Each thing's GUID: the one an import brought in, else derived from what it is. A
    GUID brought in for two things (a project whose sources shared one) is the first's:
    the second's is derived, or both texts would go out under one file name."""

    def __init__(self, known: Mapping[str, str]) -> None:
        self._known = known
        self._given: dict[str, str] = {}  # GUID -> the "kind:key" it went out for

    def __call__(self, kind: str, key: str) -> str:
        name = f"{kind}:{key}"
        guid = self._known.get(name)
        if guid is None or self._given.setdefault(guid, name) != name:
            return derived_guid(kind, key)
        return guid


@dataclass(frozen=True)
class Qdpx:
    """A project ready to be written: its files in the zip, in order, each its bytes
    (project.qde, the texts) or the file on disk it is read from as it is written (a
    recording, compressed already: stored as it is, never held in memory whole)."""

    members: tuple[tuple[str, bytes | Path], ...]

    def write(self, file: BinaryIO, progress: Callable[[int, int], bool] | None = None) -> None:
        """The .qdpx into `file` (seekable); `progress(done, total)`, in bytes, after each
        file and each chunk of a recording: returning False raises ExportCancelled."""
        total = sum(len(m) if isinstance(m, bytes) else m.stat().st_size for _, m in self.members)
        done = 0

        def wrote(count: int) -> None:
            nonlocal done
            done += count
            if progress is not None and progress(done, total) is False:
                raise _cancelled(f"after {done} of {total} bytes")

        with DeterministicZip(file) as out:
            for name, member in self.members:
                if isinstance(member, bytes):
                    out.add(name, member)
                    wrote(len(member))
                else:
                    out.add_file(name, member, compress=False, wrote=wrote)


def export_qdpx(
    name: str,
    interviews: Sequence[Interview],
    codebook: Codebook,
    attributes: Sequence[AttributeDef] = (),
    *,
    crlf: bool = False,
    guids: Mapping[str, str] | None = None,
    memo: str = "",
    progress: Progress | None = None,
) -> Qdpx:
    """The `.qdpx` of these interviews (a study's, or one alone); `memo`, the study memo,
    is a Note of the project that no source refers to (a free memo)."""
    guid = _Guids(guids or {})
    sources = {i.entry.id: guid("source", i.entry.id) for i in interviews}
    media_paths = {i.entry.id: _media_path(i, sources[i.entry.id]) for i in interviews if i.timed}
    project = _project(
        name, interviews, codebook, attributes, crlf, guid, sources, media_paths, progress
    )
    memo_guid = guid("memo", "study")
    if memo.strip():  # a file too: QualCoder makes a journal only of a Note with one
        made = min((_created(i) for i in interviews), default=NO_TIME)
        _add_note(project, (memo_guid, MEMO_NOTE_NAME, memo, made), guid, f"{memo_guid}.txt")
    ET.indent(project)
    make_xml_safe(project)  # a note's form feed made a file no XML reader opens
    qde = ET.tostring(project, encoding="utf-8", xml_declaration=True) + b"\n"
    members: list[tuple[str, bytes | Path]] = [("project.qde", qde)]
    if memo.strip():
        members.append((f"sources/{memo_guid}.txt", memo.encode()))
    for interview in interviews:
        text_guid = _text_guid(interview, guid, sources)
        members.append((f"sources/{text_guid}.txt", _written(interview.text, crlf).encode()))
        path = media_paths.get(interview.entry.id, "")
        if interview.recording is not None and path.startswith("internal://"):
            members.append((f"sources/{path.removeprefix('internal://')}", interview.recording))
    return Qdpx(tuple(members))


def _media_path(interview: Interview, source_guid: str) -> str:
    """The recording's path attribute: in the zip, or where it is when it cannot be."""
    assert interview.recording is not None
    if media.embed_problem(interview.recording):
        return "absolute://" + interview.recording.as_posix()
    return f"internal://{source_guid}{interview.recording.suffix.lower()}"


def _text_guid(interview: Interview, guid: _Guids, sources: Mapping[str, str]) -> str:
    """The GUID the text's file is named by: the transcript's, else the source's."""
    if interview.timed:
        return guid("transcript", interview.entry.id)
    return sources[interview.entry.id]


def interview_of(entry: InterviewEntry, session: Session, notes_path: Path | None) -> Interview:
    """The session as a source: with its recording and its times when it has both (each
    turn's, each paragraph's a cue opens inside a long turn: SyncTable.marks; each cue's). An
    interview never opened in the window has its recording found beside the transcript,
    as the window finds it on opening (reader/ui/recording/recording.py)."""
    from reader.core.recording import of_interview

    path = of_interview(session, notes_path)
    if path is None:
        return Interview(entry, session.document.text, session.notes)
    # Each cue's start too, inside a paragraph: the other tool follows the recording word
    # by word as the window does (a 200-cue transcript gave it 11 times).
    marks = session.sync_table().marks
    said = {ms for _, ms in marks}  # a turn's own first cue: its time is the turn's
    cues = [(offset, start) for offset, start, _ in session.document.cues if start not in said]
    times: dict[int, int] = {}
    for offset, ms in [*marks, *cues]:
        times.setdefault(offset, ms)
    return Interview(
        entry, session.document.text, session.notes, path, tuple(sorted(times.items()))
    )


def export_study_qdpx(
    study: Study, *, crlf: bool = False, progress: Progress | None = None
) -> tuple[Qdpx, list[str], Sending]:
    """The study as `.qdpx`, its codebook with the codes an interview's notes use that it
    lacks (code_adoption); what was left out, one line each: interviews whose transcript
    or notes cannot be read, highlights not found in the text (they have no position);
    and what it sends, to record in the study folder once the file is written
    (Sending.record), so that the project sent back does not bring back what was deleted
    here meanwhile. `progress` is told of each interview read, then of each placed."""
    from reader.core.document import DocumentError
    from reader.core.notes_file import NotesFormatError

    interviews, left_out = [], []
    entries = study.interviews
    for number, entry in enumerate(entries, 1):
        _told(progress, READING, number, len(entries))
        try:
            session = study.open_session(entry)
        except (OSError, DocumentError, ValueError) as exc:
            left_out.append(f"“{entry.title}”: {exc}")
            continue
        except NotesFormatError as exc:
            left_out.append(f"“{entry.title}”: its notes cannot be read ({exc})")
            continue
        interview = interview_of(entry, session, study.notes_path(entry))
        interviews.append(interview)
        left_out += _left_out_of(interview)
    try:
        memo = read_memo(memo_path(study.folder))
    except (OSError, MemoUnreadableError) as exc:
        memo = ""
        left_out.append(f"the study memo: {exc}")
    # Codes only an interview's notes have (its notes file came from elsewhere) go with
    # their codings, as they join the study's codebook when it opens in the window.
    codebook = adopted_codebook(study.codebook, ((i.entry.title, i.notes) for i in interviews))
    qdpx = export_qdpx(
        study.data.title,
        interviews,
        codebook,
        study.data.attributes,
        crlf=crlf,
        guids=study.data.settings.get(GUIDS_SETTING, {}),
        memo=memo,
        progress=progress,
    )
    return qdpx, left_out, _sending(study, [(i.entry.id, i) for i in interviews])


def _told(progress: Progress | None, stage: str, done: int, total: int) -> None:
    """`progress` told that `done` of `total` of `stage` are under way; ExportCancelled when
    it says stop."""
    if progress is not None and progress(stage, done, total) is False:
        raise _cancelled(f"while {stage} {done} of {total}")


def _cancelled(when: str) -> Exception:
    from reader.core.export.common import ExportCancelled

    return ExportCancelled(f"export cancelled {when}")


def _left_out_of(interview: Interview) -> list[str]:
    """What of an interview the project cannot hold, said: its recording when it cannot be
    read, its highlights not found in the text (they have no position)."""
    orphans = sum(h.orphan for h in interview.notes.highlights)
    said = [f"“{interview.entry.title}”: {counted(orphans, 'highlight')} not found in the text"]
    return _media_left_out(interview) + (said if orphans else [])


def export_session_qdpx(
    session: Session,
    *,
    crlf: bool = False,
    notes_path: Path | None = None,
    sent_as: tuple[Study, str] | None = None,
    progress: Progress | None = None,
) -> tuple[Qdpx, list[str], Sending]:
    """One interview as a project, what of it was left out (as `export_study_qdpx` says),
    and what it sends; with `notes_path` (where its notes file is) its recording is found
    and goes with it. `sent_as`: the study and the id the
    interview has there, when it is one of the open study's (exported alone): the
    study's record keeps what it sends, and the interview goes as the study's export sends
    it (its entry, participant and attribute values, the GUIDs an import brought): the
    same GUIDs, so the other tool and the merge back know it as the same source.
    `progress` is told as the interview is placed in the project (export_study_qdpx)."""
    title = session.document.title or "Interview"
    if sent_as is None:
        entry = InterviewEntry(
            id=derived_guid("document", session.document.source), path="", title=title
        )
        attributes: Sequence[AttributeDef] = ()
        guids: Mapping[str, str] = {}
    else:
        study, interview_id = sent_as
        entry = study.interview(interview_id)
        attributes, guids = study.data.attributes, study.data.settings.get(GUIDS_SETTING, {})
    interview = interview_of(entry, session, notes_path)
    codebook = session.notes.codebook
    qdpx = export_qdpx(
        title, [interview], codebook, attributes, crlf=crlf, guids=guids, progress=progress
    )
    if sent_as is None:
        return qdpx, _left_out_of(interview), Sending()
    return qdpx, _left_out_of(interview), _sending(sent_as[0], [(sent_as[1], interview)])


def _sending(study: Study, sent: list[tuple[str, Interview]]) -> Sending:
    """What is sent of each (the study's id of an interview, the interview as sent): its
    highlights placed in its text, its participant and the values of the study's
    attributes (those the project has variables for)."""
    keys = {a.key for a in study.data.attributes}
    carried = tuple(
        (
            interview_id,
            Carried(
                _anchored(i.notes.highlights, i.text),
                i.entry.participant,
                {k: v for k, v in i.entry.attributes.items() if k in keys},
            ),
        )
        for interview_id, i in sent
    )
    # A study that cannot be written cannot take the project back either.
    return Sending(None if study.read_only else study.folder, carried)


def _media_left_out(interview: Interview) -> list[str]:
    if interview.recording is None:
        return []
    if not interview.timed:  # REFI-QDA ties a recording to its transcript by times
        name = interview.recording.name
        return [f"“{interview.entry.title}”: its recording {name} (the transcript has no times)"]
    problem = media.embed_problem(interview.recording)
    return [f"“{interview.entry.title}”: {problem}; its path is given instead"] if problem else []


def _written(text: str, crlf: bool) -> str:
    """The text as its source file holds it: a U+FEFF opening it would be read as the
    file's byte order mark by every tool (`opening_feff_kept`)."""
    text = opening_feff_kept(text)
    return text.replace("\n", "\r\n") if crlf else text


def _position(text: str, offset: int, crlf: bool) -> int:
    """`offset` in the text as written: each LF before it became CRLF."""
    return offset + text.count("\n", 0, offset) if crlf else offset


def _project(
    name: str,
    interviews: Sequence[Interview],
    codebook: Codebook,
    attributes: Sequence[AttributeDef],
    crlf: bool,
    guid: _Guids,
    sources: Mapping[str, str],
    media_paths: Mapping[str, str],
    progress: Progress | None,
) -> ET.Element:
    ET.register_namespace("", PROJECT_NS)
    user = guid("user", USER_NAME)
    project = ET.Element(
        tag(PROJECT_NS, "Project"),
        {"name": name or "Study", "origin": ORIGIN, "creatingUserGUID": user},
    )
    users = ET.SubElement(project, tag(PROJECT_NS, "Users"))
    ET.SubElement(users, tag(PROJECT_NS, "User"), {"guid": user, "name": USER_NAME})
    known = {c.id for c in codebook}
    if len(codebook):
        codes = ET.SubElement(
            ET.SubElement(project, tag(PROJECT_NS, "CodeBook")), tag(PROJECT_NS, "Codes")
        )
        code_elements(codes, codebook, PROJECT_NS)
    variables = {a.key: guid("variable", a.key) for a in attributes}
    types = {a.key: _variable_type(a, interviews) for a in attributes}
    named = {a.key: a.label for a in attributes}
    choices = {a.key: a.options for a in attributes if a.type == "choice" and a.options}
    if any(i.entry.date for i in interviews):
        variables[DATE_KEY], types[DATE_KEY] = guid("variable", DATE_KEY), "Date"
        named[DATE_KEY] = _date_variable_name(attributes)
    if variables:
        element = ET.SubElement(project, tag(PROJECT_NS, "Variables"))
        for key, variable in variables.items():
            defined = ET.SubElement(
                element,
                tag(PROJECT_NS, "Variable"),
                {"guid": variable, "name": named[key], "typeOfVariable": types[key]},
            )
            if key in choices:
                listed = "\n".join((CHOICES_LINE, *choices[key]))
                ET.SubElement(defined, tag(PROJECT_NS, "Description")).text = listed
    _cases(project, interviews, guid, sources, variables, types)
    notes: list[tuple[str, str, str, str]] = []  # guid, name, text, created
    element = ET.SubElement(project, tag(PROJECT_NS, "Sources")) if interviews else project
    for number, interview in enumerate(interviews, 1):
        _told(progress, PLACING, number, len(interviews))
        _source(
            element,
            interview,
            crlf,
            guid,
            sources,
            media_paths,
            known,
            user,
            notes,
            variables,
            types,
        )
    for note in notes:
        _add_note(project, note, guid)
    return project


def _date_variable_name(attributes: Sequence[AttributeDef]) -> str:
    """The interviews' dates' variable's name: DATE_VARIABLE, numbered apart from an
    attribute called so ("Interview date (2)"), which the other tools would take for one
    variable (the import knows it by its GUID)."""
    taken = {a.label.casefold() for a in attributes}
    name, number = DATE_VARIABLE, 1
    while name.casefold() in taken:
        number += 1
        name = f"{DATE_VARIABLE} ({number})"
    return name


def _add_note(
    project: ET.Element, note: tuple[str, str, str, str], guid: _Guids, file: str = ""
) -> None:
    """A Note at the end of the project's Notes (made the first time: nothing that the
    schema puts after Notes is written); `file`: its text's file in sources/ as well."""
    element = project.find(tag(PROJECT_NS, "Notes"))
    if element is None:
        element = ET.SubElement(project, tag(PROJECT_NS, "Notes"))
    note_guid, note_name, text, created = note
    attrs = {
        "guid": note_guid,
        "name": note_name,
        "creatingUser": guid("user", USER_NAME),
        "creationDateTime": created or NO_TIME,
    }
    if file:
        attrs["plainTextPath"] = f"internal://{file}"
    element = ET.SubElement(element, tag(PROJECT_NS, "Note"), attrs)
    ET.SubElement(element, tag(PROJECT_NS, "PlainTextContent")).text = text


def _variable_type(definition: AttributeDef, interviews: Sequence[Interview]) -> str:
    if definition.type == "number":
        values = [i.entry.attributes.get(definition.key) for i in interviews]
        if all(isinstance(v, int) for v in values if v is not None):
            return "Integer"
    return _VARIABLE_TYPES[definition.type]


def _values(
    parent: ET.Element,
    attributes: Mapping[str, Any],
    variables: Mapping[str, str],
    types: Mapping[str, str],
) -> None:
    for key, variable in variables.items():
        if key not in attributes:
            continue
        value = ET.SubElement(parent, tag(PROJECT_NS, "VariableValue"))
        ET.SubElement(value, tag(PROJECT_NS, "VariableRef"), {"targetGUID": variable})
        kind = types[key]
        raw = attributes[key]
        text = format(Decimal(str(raw)), "f") if kind == "Float" else str(raw)
        ET.SubElement(value, tag(PROJECT_NS, f"{kind}Value")).text = text


def _cases(
    project: ET.Element,
    interviews: Sequence[Interview],
    guid: _Guids,
    sources: Mapping[str, str],
    variables: Mapping[str, str],
    types: Mapping[str, str],
) -> None:
    """A Case per participant: SourceRefs to their interviews, the values they share."""
    by_participant: dict[str, list[InterviewEntry]] = {}
    for interview in interviews:
        if interview.entry.participant:
            by_participant.setdefault(interview.entry.participant, []).append(interview.entry)
    if not by_participant:
        return
    element = ET.SubElement(project, tag(PROJECT_NS, "Cases"))
    for participant, entries in by_participant.items():
        case = ET.SubElement(
            element,
            tag(PROJECT_NS, "Case"),
            {"guid": guid("case", participant), "name": participant},
        )
        first = entries[0].attributes
        shared = {k: v for k, v in first.items() if all(e.attributes.get(k) == v for e in entries)}
        _values(case, shared, variables, types)
        for entry in entries:
            ET.SubElement(case, tag(PROJECT_NS, "SourceRef"), {"targetGUID": sources[entry.id]})


def _source(
    parent: ET.Element,
    interview: Interview,
    crlf: bool,
    guid: _Guids,
    sources: Mapping[str, str],
    media_paths: Mapping[str, str],
    known: set[str],
    user: str,
    notes: list[tuple[str, str, str, str]],
    variables: Mapping[str, str],
    types: Mapping[str, str],
) -> None:
    entry, text = interview.entry, interview.text
    source_guid = sources[entry.id]
    highlights = _anchored(interview.notes.highlights, text)
    text_path = f"internal://{_text_guid(interview, guid, sources)}.txt"
    made = {"creatingUser": user, "creationDateTime": _created(interview)}
    if interview.timed:
        kind = "VideoSource" if media.is_video(media_paths[entry.id]) else "AudioSource"
        attrs = {"guid": source_guid, "name": entry.title, "path": media_paths[entry.id]}
        source = ET.SubElement(parent, tag(PROJECT_NS, kind), attrs | made)
        _describe(source, interview.notes.notes)
        attrs = {"guid": guid("transcript", entry.id), "name": entry.title}
        holder = ET.SubElement(
            source, tag(PROJECT_NS, "Transcript"), attrs | {"plainTextPath": text_path} | made
        )
        points = _sync_points(holder, interview, highlights, crlf)
        selection_kind = "TranscriptSelection"
    else:
        attrs = {"guid": source_guid, "name": entry.title, "plainTextPath": text_path}
        holder = source = ET.SubElement(parent, tag(PROJECT_NS, "TextSource"), attrs | made)
        _describe(source, interview.notes.notes)
        selection_kind = "PlainTextSelection"
    for h in highlights:
        start, end = _position(text, h.start, crlf), _position(text, h.end, crlf)
        if interview.timed:
            place = {"fromSyncPoint": points[start], "toSyncPoint": points[end]}
        else:
            place = {"startPosition": str(start), "endPosition": str(end)}
        attrs = {
            "guid": h.id,
            "name": _selection_name(h),
            **place,
            "creatingUser": user,
            "creationDateTime": h.created,
            "modifyingUser": user,
            "modifiedDateTime": h.modified,
        }
        selection = ET.SubElement(holder, tag(PROJECT_NS, selection_kind), attrs)
        _describe(selection, h.note)
        for code_id in h.codes:
            if code_id not in known:
                continue
            coding = ET.SubElement(
                selection,
                tag(PROJECT_NS, "Coding"),
                {"guid": guid("coding", f"{h.id}/{code_id}"), "creatingUser": user},
            )
            ET.SubElement(coding, tag(PROJECT_NS, "CodeRef"), {"targetGUID": code_id})
        if h.note:
            note_guid = guid("note", h.id)
            ET.SubElement(selection, tag(PROJECT_NS, "NoteRef"), {"targetGUID": note_guid})
            notes.append((note_guid, f"Note on “{_selection_name(h)}”", h.note, h.created))
    if interview.notes.notes.strip():
        note_guid = guid("research-notes", entry.id)
        ET.SubElement(source, tag(PROJECT_NS, "NoteRef"), {"targetGUID": note_guid})
        name, when = f"Research notes: {entry.title}", made["creationDateTime"]
        notes.append((note_guid, name, interview.notes.notes, when))
    dated = {**entry.attributes, DATE_KEY: entry.date} if entry.date else entry.attributes
    _values(source, dated, variables, types)


def _describe(element: ET.Element, text: str) -> None:
    """`text` (a highlight's note, an interview's research notes) as the element's
    Description too, where QualCoder reads a coding's memo and a source's, and ATLAS.ti
    a quotation's comment: sent as a Note alone, every note was dropped there unsaid. The
    Note stays, for the tools that read notes (the import takes the two as one)."""
    if text.strip():
        ET.SubElement(element, tag(PROJECT_NS, "Description")).text = text


def _created(interview: Interview) -> str:
    """When the interview's source was made, as the project says it: when it joined the
    study, else its first highlight's time. QualCoder's import stops at a source or note
    without one (the schema has it optional); the same for each export of the same work."""
    stamps = [h.created for h in interview.notes.highlights if h.created]
    return interview.entry.added or min(stamps, default=NO_TIME)


def _sync_points(
    transcript: ET.Element, interview: Interview, highlights: list[Highlight], crlf: bool
) -> dict[int, str]:
    """The transcript's SyncPoints: a timed one at each of its times, a place alone at
    each end of a highlight. Written position -> its GUID."""
    text = interview.text
    timed = {}
    for offset, ms in interview.times:
        timed.setdefault(_position(text, offset, crlf), ms)
    places = set(timed)
    places.update(_position(text, p, crlf) for h in highlights for p in (h.start, h.end))
    transcript_guid = transcript.get("guid")
    points = {}
    for position in sorted(places):
        points[position] = derived_guid("sync", f"{transcript_guid}/{position}")
        attrs = {"guid": points[position], "position": str(position)}
        if position in timed:
            attrs["timeStamp"] = str(timed[position])
        ET.SubElement(transcript, tag(PROJECT_NS, "SyncPoint"), attrs)
    return points


def _anchored(highlights: Iterable[Highlight], text: str) -> tuple[Highlight, ...]:
    """The highlights whose quote is in the text where they say: an orphan has no place."""
    return tuple(h for h in highlights if not h.orphan and text[h.start : h.end] == h.exact)


def _selection_name(h: Highlight) -> str:
    return shorten(" ".join(h.exact.split()), SELECTION_NAME_WIDTH)
