"""A REFI-QDA project (`.qdpx` from NVivo, ATLAS.ti, MAXQDA, QualCoder or us) read into a
new study.

Tolerated as real files have them: `sources/` or `Sources/`, any `*.qde` name, a source's
text inline (PlainTextContent) or as an internal or relative file, a BOM before it, CRLF
counted as the origin tool counts it (NVivo, MAXQDA and most others two characters,
ATLAS.ti one: `Project@origin`), codable parents, missing optional attributes, notes tied
by NoteRef or through Links. Each text source becomes a transcript file in the study
folder; its selections become highlights (their codes, their notes), participants come
from Cases and attributes from Variables. Anything not brought in is named in the report:
pictures, PDFs, audio and video, selections whose positions do not fit their text (never
guessed), codings of a whole source, references to codes that do not exist.

The GUIDs that cannot live in our files (sources, variables, cases, notes, codings) are
kept in the study's settings (qdpx_export.GUIDS_SETTING), so exporting the imported study
gives the project back with the same GUIDs.
"""

from __future__ import annotations

import io
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from reader.core.annotations import Highlight, make_highlight, now_iso
from reader.core.codebook import Codebook
from reader.core.document import load_document
from reader.core.notes_file import NotesData
from reader.core.refi.codebook_xml import (
    RefiError,
    derived_guid,
    guid_of,
    parse_xml,
    read_codes,
    tag,
)
from reader.core.refi.qdpx_export import GUIDS_SETTING
from reader.core.store import save_notes
from reader.core.study import Study, StudyError
from reader.core.study_file import StudyData

MAX_MEMBER_BYTES = 200 * 1024 * 1024  # one file inside the zip; a zip bomb stops here
_ATTRIBUTE_TYPES = {"Integer": "number", "Float": "number", "Date": "date"}
_UNSAFE = re.compile(r"[^\w\- .()]+")


@dataclass
class ImportReport:
    """What the import made and what it left out, one line each, by name."""

    study: Study
    interviews: int = 0
    codes: int = 0
    highlights: int = 0
    codings: int = 0
    notes: int = 0
    not_imported: list[str] = field(default_factory=list)

    def message(self) -> str:
        lines = [
            f"Imported {self.interviews} interview(s), {self.codes} code(s), "
            f"{self.highlights} coded passage(s) with {self.codings} coding(s) and "
            f"{self.notes} note(s) into {self.study.folder}."
        ]
        lines += [f"  not imported: {line}" for line in self.not_imported]
        return "\n".join(lines)


@dataclass
class _Project:
    root: ET.Element
    ns: str
    files: dict[str, str]  # lower-case zip path -> zip path
    archive: zipfile.ZipFile
    count_crlf_once: bool
    links: dict[str, list[str]] = field(default_factory=dict)  # see _links

    def find(self, *names: str) -> ET.Element | None:
        element: ET.Element | None = self.root
        for name in names:
            element = None if element is None else element.find(tag(self.ns, name))
        return element

    def all(self, *names: str) -> list[ET.Element]:
        parent = self.find(*names[:-1])
        return [] if parent is None else parent.findall(tag(self.ns, names[-1]))

    def member(self, path: str) -> bytes | None:
        """A file of the zip by a source's path: internal://X (sources/X, any case),
        relative://X or a plain path (matched by its name)."""
        name = path.split("://", 1)[-1].replace("\\", "/").lstrip("/")
        wanted = [f"sources/{name}".lower(), name.lower()]
        found = next((self.files[w] for w in wanted if w in self.files), None)
        if found is None:
            base = PurePosixPath(name).name.lower()
            found = next((v for k, v in self.files.items() if PurePosixPath(k).name == base), None)
        if found is None:
            return None
        if self.archive.getinfo(found).file_size > MAX_MEMBER_BYTES:
            raise RefiError(f"{found} is larger than {MAX_MEMBER_BYTES // 2**20} MB")
        return self.archive.read(found)


def import_qdpx(data: bytes, folder: Path) -> ImportReport:
    """Read the project into a new study in `folder` (created; it must not exist or be
    empty). RefiError when `data` is not a REFI-QDA project or the folder is taken."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise RefiError(f"{folder} is not an empty folder; a project is imported into a new study")
    project = _open(data)
    guids: dict[str, str] = {}
    read = read_codes(project.find("CodeBook", "Codes"), project.ns)
    book = read.book
    not_imported = list(read.not_imported)
    notes = _notes(project, not_imported)
    folder.mkdir(parents=True, exist_ok=True)
    study = Study(folder=folder, data=StudyData(title=project.root.get("name") or folder.name))
    report = ImportReport(study, codes=len(book), not_imported=not_imported)
    variables = _variables(project, study, guids)
    cases = _cases(project, guids)
    used_notes: set[str] = set()
    for element in list(project.find("Sources") or []):
        kind = element.tag.rsplit("}", 1)[-1]
        name = element.get("name") or element.get("guid") or "?"
        if kind != "TextSource":
            label = kind.removesuffix("Source").lower() or kind
            not_imported.append(f"{label} source “{name}”: only text sources are imported")
            continue
        _source(project, element, study, book, notes, used_notes, variables, cases, guids, report)
    for note_guid, (name, _) in notes.items():
        if note_guid not in used_notes:
            not_imported.append(f"note “{name}”: it is not tied to a text source or a selection")
    for element in project.all("Sets", "Set"):
        not_imported.append(f"set “{element.get('name') or '?'}”: sets are not imported")
    for element in project.all("Graphs", "Graph"):
        not_imported.append(f"graph “{element.get('name') or '?'}”: graphs are not imported")
    study.data.codebook = book
    study.data.settings[GUIDS_SETTING] = guids
    study.save()
    return report


def _open(data: bytes) -> _Project:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise RefiError("it is not a .qdpx file (not a zip archive)") from None
    files = {info.filename.lower(): info.filename for info in archive.infolist()}
    qde = sorted((n for n in files if n.endswith(".qde")), key=lambda n: (n != "project.qde", n))
    if not qde:
        raise RefiError("the .qdpx holds no project (.qde) file")
    info = archive.getinfo(files[qde[0]])
    if info.file_size > MAX_MEMBER_BYTES:
        raise RefiError("its project file is too large")
    root = parse_xml(archive.read(info))
    if not root.tag.endswith("Project"):
        raise RefiError("its .qde file is not a REFI-QDA project")
    ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    origin = (root.get("origin") or "").lower()
    project = _Project(root, ns, files, archive, count_crlf_once="atlas" in origin)
    project.links = _links(project)
    return project


def _text_of(project: _Project, element: ET.Element) -> str | None:
    """The text of a source or note: inline or from its file; None if there is none."""
    inline = element.find(tag(project.ns, "PlainTextContent"))
    if inline is not None:
        return (inline.text or "").removeprefix("\ufeff")
    path = element.get("plainTextPath")
    if not path:
        return None
    raw = project.member(path)
    if raw is None:
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _notes(project: _Project, not_imported: list[str]) -> dict[str, tuple[str, str]]:
    """Note GUID -> (name, text)."""
    notes = {}
    for note in project.all("Notes", "Note"):
        note_guid = guid_of(note.get("guid"))
        name = note.get("name") or "a note"
        text = _text_of(project, note)
        if note_guid is None or text is None:
            not_imported.append(f"note “{name}”: no GUID or no text")
            continue
        notes[note_guid] = (name, text.replace("\r\n", "\n"))
    return notes


def _links(project: _Project) -> dict[str, list[str]]:
    """Object GUID -> the note GUIDs tied to it by a Link (either direction)."""
    tied: dict[str, list[str]] = {}
    for link in project.all("Links", "Link"):
        ends = [guid_of(link.get("originGUID")), guid_of(link.get("targetGUID"))]
        for a, b in (ends, ends[::-1]):
            if a and b:
                tied.setdefault(a, []).append(b)
    return tied


def _variables(project: _Project, study: Study, guids: dict[str, str]) -> dict[str, str]:
    """Variable GUID -> the attribute key made for it."""
    keys = {}
    for variable in project.all("Variables", "Variable"):
        variable_guid = guid_of(variable.get("guid"))
        name = (variable.get("name") or "").strip()
        if variable_guid is None or not name:
            continue
        kind = _ATTRIBUTE_TYPES.get(variable.get("typeOfVariable") or "", "text")
        try:
            definition = study.define_attribute(name, kind)
        except StudyError:  # two variables of one name: the second shares the first's key
            definition = next(
                a for a in study.data.attributes if a.label.casefold() == name.casefold()
            )
        keys[variable_guid] = definition.key
        _remember(guids, "variable", definition.key, variable_guid)
    return keys


def _cases(project: _Project, guids: dict[str, str]) -> dict[str, tuple[str, ET.Element]]:
    """Source GUID -> (participant, the case element) of the first case naming it."""
    by_source = {}
    for case in project.all("Cases", "Case"):
        name = (case.get("name") or "").strip()
        case_guid = guid_of(case.get("guid"))
        if case_guid and name:
            _remember(guids, "case", name, case_guid)
        for ref in case.findall(tag(project.ns, "SourceRef")):
            source = guid_of(ref.get("targetGUID"))
            if source and source not in by_source:
                by_source[source] = (name, case)
    return by_source


def _values(project: _Project, element: ET.Element, variables: dict[str, str]) -> dict[str, str]:
    """Attribute key -> value text, from the VariableValues of `element`."""
    values = {}
    for value in element.findall(tag(project.ns, "VariableValue")):
        ref = value.find(tag(project.ns, "VariableRef"))
        key = variables.get(guid_of(ref.get("targetGUID")) or "") if ref is not None else None
        given = [child.text for child in value if child is not ref and child.text is not None]
        if key and given and given[0].strip():
            values[key] = given[0].strip()
    return values


def _remember(guids: dict[str, str], kind: str, key: str, guid: str) -> None:
    if derived_guid(kind, key) != guid:
        guids[f"{kind}:{key}"] = guid


class _Positions:
    """Maps a position of the source, counted as its tool counts, to our normalised text
    (LF line ends, NFC)."""

    def __init__(self, raw: str, count_crlf_once: bool) -> None:
        self.raw = raw
        self._crlf = [m.start() for m in re.finditer("\r\n", raw)]
        # With CRLF counted once, where each CRLF is as the tool counts.
        self._once = [at - k for k, at in enumerate(self._crlf)] if count_crlf_once else None
        lf = raw.replace("\r\n", "\n").replace("\r", "\n")
        self._lf = lf
        self.text = unicodedata.normalize("NFC", lf)
        self._nfc = self.text != lf
        # The length as the tool counts it, to check positions against.
        self.length = len(raw) - (len(self._crlf) if count_crlf_once else 0)

    def __call__(self, position: int) -> int:
        index = position
        if self._once is not None:  # CRLF counted once: find the raw index
            index = position + bisect_left(self._once, position)
        index -= bisect_left(self._crlf, index)  # each CRLF before it became one LF
        return len(unicodedata.normalize("NFC", self._lf[:index])) if self._nfc else index


def _source(
    project: _Project,
    element: ET.Element,
    study: Study,
    book: Codebook,
    notes: dict[str, tuple[str, str]],
    used_notes: set[str],
    variables: dict[str, str],
    cases: dict[str, tuple[str, ET.Element]],
    guids: dict[str, str],
    report: ImportReport,
) -> None:
    name = (element.get("name") or "").strip() or "Interview"
    source_guid = guid_of(element.get("guid")) or derived_guid("source-name", name)
    raw = _text_of(project, element)
    if raw is None:
        report.not_imported.append(f"text source “{name}”: its text is not in the file")
        return
    positions = _Positions(raw, project.count_crlf_once)
    if not positions.text.strip():
        report.not_imported.append(f"text source “{name}”: its text is empty")
        return
    path = _free_path(study.folder / "transcripts", name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(positions.text, encoding="utf-8", newline="\n")
    entry = study.add_interview(path, title=name)
    _remember(guids, "source", entry.id, source_guid)
    report.interviews += 1
    document = load_document(path)
    text = document.text
    links = project.links
    tied = _tied_notes(
        project, element, links, notes, used_notes, guids, ("research-notes", entry.id)
    )
    highlights = []
    for selection in element.findall(tag(project.ns, "PlainTextSelection")):
        h = _selection(project, selection, positions, text, book, name, report, guids)
        if h is None:
            continue
        parts = [(selection.findtext(tag(project.ns, "Description")) or "").strip()]
        parts += _tied_notes(project, selection, links, notes, used_notes, guids, ("note", h.id))
        h = replace(h, note="\n\n".join(p for p in parts if p))
        report.notes += bool(h.note)
        highlights.append(h)
    if element.findall(tag(project.ns, "Coding")):
        report.not_imported.append(
            f"the codings of the whole of “{name}”: only passages are coded here"
        )
    highlights.sort(key=lambda h: (h.start, h.end))
    report.highlights += len(highlights)
    notes_data = NotesData(
        document=document.meta(), codebook=book, highlights=highlights, notes="\n\n".join(tied)
    )
    report.notes += bool(tied)
    save_notes(study.notes_path(entry), notes_data)
    participant, case = cases.get(source_guid, ("", None))
    values = _values(project, case, variables) if case is not None else {}
    values.update(_values(project, element, variables))
    if participant:
        study.update_interview(entry.id, participant=participant)
    for key, value in values.items():
        try:
            study.set_attribute(entry.id, key, value)
        except StudyError as exc:  # a value its type refuses: said, not guessed
            report.not_imported.append(f"“{name}”: {exc}")


def _tied_notes(
    project: _Project,
    element: ET.Element,
    links: dict[str, list[str]],
    notes: dict[str, tuple[str, str]],
    used: set[str],
    guids: dict[str, str],
    kind_key: tuple[str, str],
) -> list[str]:
    """The texts of the notes `element` refers to (NoteRef) or a Link ties to it."""
    refs = [guid_of(r.get("targetGUID")) for r in element.findall(tag(project.ns, "NoteRef"))]
    refs += links.get(guid_of(element.get("guid")) or "", [])
    texts = []
    for ref in dict.fromkeys(r for r in refs if r and r in notes):
        used.add(ref)
        texts.append(notes[ref][1])
        if len(texts) == 1:
            _remember(guids, *kind_key, ref)
    return texts


def _selection(
    project: _Project,
    selection: ET.Element,
    positions: _Positions,
    text: str,
    book: Codebook,
    source: str,
    report: ImportReport,
    guids: dict[str, str],
) -> Highlight | None:
    name = selection.get("name") or selection.get("guid") or "a selection"
    try:
        start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
    except ValueError:
        report.not_imported.append(f"selection “{name}” in “{source}”: no positions")
        return None
    if not 0 <= start < end <= positions.length:
        report.not_imported.append(
            f"selection “{name}” in “{source}”: positions {start}–{end} do not fit its text "
            f"of {positions.length} characters"
        )
        return None
    a, b = positions(start), positions(end)
    hid = guid_of(selection.get("guid")) or derived_guid("selection", f"{source}/{start}/{end}")
    if not 0 <= a < b <= len(text):
        report.not_imported.append(f"selection “{name}” in “{source}”: an empty passage")
        return None
    codes = []
    for coding in selection.findall(tag(project.ns, "Coding")):
        ref = coding.find(tag(project.ns, "CodeRef"))
        code_id = guid_of(ref.get("targetGUID")) if ref is not None else None
        if code_id and code_id in book:
            codes.append(code_id)
            coding_guid = guid_of(coding.get("guid"))
            if coding_guid:
                _remember(guids, "coding", f"{hid}/{code_id}", coding_guid)
        else:
            report.not_imported.append(
                f"a coding of “{name}” in “{source}”: its code is not in the codebook"
            )
    report.codings += len(dict.fromkeys(codes))
    created = _stamp(selection.get("creationDateTime"))
    return replace(
        make_highlight(text, a, b),
        id=hid,
        codes=tuple(dict.fromkeys(codes)),
        created=created,
        modified=_stamp(selection.get("modifiedDateTime"), created),
    )

def _stamp(value: str | None, default: str | None = None) -> str:
    if value:
        try:
            stamp = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            stamp = stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
            return stamp.replace(microsecond=0).isoformat()
    return default or now_iso()


def _free_path(folder: Path, name: str) -> Path:
    stem = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" ._")[:80] or "source"
    stem = stem.removesuffix(".txt")
    candidate, n = folder / f"{stem}.txt", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}.txt"
    return candidate
