"""The notes file, version 2: what it holds, and its conversion to and from JSON.

Version 2 added the codebook (`codes`) and made each highlight carry code ids (`codes`)
where version 1 had tags (words); a version 1 file is migrated on reading: each tag
becomes a code (reader.core.codebook).
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from functools import cache
from typing import Any

import orjson

from reader import APP_NAME, __version__
from reader.core import json_bytes
from reader.core.annotations import DEFAULT_COLORS, Highlight
from reader.core.codebook import Codebook, codes_for_tags, unknown_code
from reader.core.interview import Role
from reader.core.json_errors import why_not_json
from reader.core.json_memo import by_json
from reader.core.line_ends import lf_line_ends

FORMAT = "interview-reader-notes"
VERSION = 2


class NotesFormatError(Exception):
    """Bytes that are not a notes file this build can read; the message is for the user."""


class NewerVersionError(NotesFormatError):
    """A notes file written by a newer build: readable only by that build, never overwritten."""

    def __init__(self, version: float) -> None:
        self.version = version
        super().__init__(
            f"it was written by a newer Interview Reader (format version {version}; "
            f"this build reads up to {VERSION})"
        )

    def by_whom(self) -> str:
        """Who wrote the file, to follow "were written" where what it means is said first."""
        return (
            f"by a newer Interview Reader (format {self.version}; this one reads up to {VERSION})"
        )


@dataclass(frozen=True)
class RoleCorrection:
    """The reader's role for the paragraph at `start`; `quote` finds it again if it moved."""

    start: int
    quote: str
    role: Role


@dataclass(frozen=True)
class RecordingRef:
    """The recording of the interview: `path` relative to the notes file's folder (or
    absolute when it is on another drive), where playback stood in `position_ms`."""

    path: str
    position_ms: int = 0
    # Keys this build does not know (a newer build's sync offset): written back as they came.
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_json(self) -> dict[str, Any]:
        return {**self.extra, "path": self.path, "position_ms": self.position_ms}


@dataclass
class NotesData:
    """Everything the notes file holds for one document."""

    document: dict[str, Any]
    colors: dict[str, str] = field(
        default_factory=lambda: {cid: label for cid, (label, _) in DEFAULT_COLORS.items()}
    )
    highlights: list[Highlight] = field(default_factory=list)
    notes: str = ""
    # The interview's own codebook when it is opened alone; in a study, a copy of the
    # study's (study.json decides), kept so the interview opens alone with its code names.
    codebook: Codebook = field(default_factory=Codebook)
    roles: list[RoleCorrection] = field(default_factory=list)
    speakers: dict[str, str] = field(default_factory=dict)
    # Speaker (the name shown) -> the side they are on: Role.QUESTION asks, Role.ANSWER answers.
    sides: dict[str, Role] = field(default_factory=dict)
    recording: RecordingRef | None = None
    # Playback ▸ Detach Recording: none is looked for beside the transcript any more.
    recording_detached: bool = False
    # Keys this build does not know (a newer build's, another tool's), at the top and on
    # each highlight (by id): written back as they came, never dropped by a save here.
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    highlight_extra: dict[str, dict[str, Any]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # What loading repaired (never saved): told to the user when the notes open.
    notices: list[str] = field(default_factory=list, compare=False, repr=False)
    # The ids loading found on highlights but not in `codebook`, and named "Unknown code …"
    # there (never saved as such): a study that has them, or adopts them, says no notice.
    unknown_codes: list[str] = field(default_factory=list, compare=False, repr=False)

    def to_json(self, native_highlights: bool = False) -> dict[str, Any]:
        """The file's object with a stable key order, highlights last since they are long.

        `native_highlights` leaves the Highlight dataclasses for orjson to serialise in
        Rust (their fields are in file order): ~3x faster at 10,000 highlights.
        """
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "generator": f"{APP_NAME} {__version__}",
            "document": self.document,
            "colors": self.colors,
            "codes": self.codebook.to_json(),
        }
        if self.roles or self.speakers or self.sides:
            data["structure"] = {
                "roles": [
                    {"start": r.start, "quote": r.quote, "role": str(r.role)} for r in self.roles
                ],
                "speakers": self.speakers,
            }
            if self.sides:  # added in 0.2; left out when empty, so older files stay the same
                data["structure"]["sides"] = {name: str(r) for name, r in self.sides.items()}
        if self.recording is not None:
            data["recording"] = self.recording.to_json()
        if self.recording_detached:  # added in 0.2; left out when false, as in older files
            data["recording_detached"] = True
        for key, value in self.extra.items():
            data.setdefault(key, value)
        data["notes"] = self.notes
        if self.highlight_extra:
            data["highlights"] = [self._highlight(h, native_highlights) for h in self.highlights]
        elif native_highlights:  # the usual file: no Python call for each highlight
            data["highlights"] = list(self.highlights)
        else:
            data["highlights"] = [h.to_json() for h in self.highlights]
        return data

    def _highlight(self, h: Highlight, native: bool) -> Highlight | dict[str, Any]:
        """`h` as the file has it: with the keys it came with that this build does not
        know; else, `native`, the dataclass itself, for orjson to write."""
        extra = self.highlight_extra.get(h.id)
        if extra is not None:
            return {**h.to_json(), **extra}  # its own first, as every highlight has them
        return h if native else h.to_json()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NotesData:
        """Build from an object that already passed `validate`."""
        structure = data.get("structure", {})
        colors = {cid: label for cid, (label, _) in DEFAULT_COLORS.items()}
        colors.update(data["colors"])
        highlights = [_highlight(h) for h in data["highlights"]]
        highlights, renamed = _unique_ids(highlights)
        notices = []
        if renamed:
            notices.append(
                f"{renamed} highlight{'s' if renamed > 1 else ''} shared an id with another "
                "and got a new one; both are kept."
            )
        codebook = Codebook.from_json(data["codes"])
        unknown = _add_unknown_codes(codebook, highlights)
        if unknown:
            notices.append(unknown_codes_notice(len(unknown)))
        return cls(
            document=data["document"],
            colors=colors,
            codebook=codebook,
            highlights=highlights,
            notices=notices,
            unknown_codes=unknown,
            notes=lf_line_ends(data["notes"]),  # as the editor holds them, and compares
            roles=[
                RoleCorrection(int(r["start"]), r.get("quote", ""), Role(r["role"]))
                for r in structure.get("roles", [])
            ],
            speakers=dict(structure.get("speakers", {})),
            sides={name: Role(r) for name, r in structure.get("sides", {}).items()},
            recording=(
                RecordingRef(
                    r["path"],
                    int(r.get("position_ms", 0)),
                    {k: v for k, v in r.items() if k not in ("path", "position_ms")},
                )
                if (r := data.get("recording"))
                else None
            ),
            recording_detached=data.get("recording_detached", False),
            extra={k: v for k, v in data.items() if k not in _KNOWN_KEYS},
            highlight_extra={
                h["id"]: {k: v for k, v in h.items() if k not in _KNOWN_HIGHLIGHT_KEYS}
                for h in data["highlights"]
                if not h.keys() <= _KNOWN_HIGHLIGHT_KEYS
            },
        )


_KNOWN_KEYS = frozenset(
    {"format", "version", "generator", "document", "colors", "codes", "structure"}
    | {"recording", "recording_detached", "notes", "highlights"}
)
_KNOWN_HIGHLIGHT_KEYS = frozenset(f.name for f in fields(Highlight))


def _highlight(h: dict[str, Any]) -> Highlight:
    """A highlight of a file that passed `validate`, so every field the schema requires is
    there. Its fields are set as the frozen dataclass's own __init__ would set them, less
    that __init__'s call of object.__setattr__ for each: 10,000 highlights are made in half
    the time (a test holds these names to Highlight's fields)."""
    highlight = object.__new__(Highlight)
    highlight.__dict__.update(
        id=h["id"],
        start=int(h["start"]),  # the schema lets 5.0 pass as an integer; offsets index strings
        end=int(h["end"]),
        # As the text is read: a quote of a text that held U+2029 (made a line end since)
        # is on its words still, not "at a new place".
        exact=lf_line_ends(h["exact"]),
        prefix=lf_line_ends(h["prefix"]),
        suffix=lf_line_ends(h["suffix"]),
        color=h["color"],
        note=lf_line_ends(h["note"]),
        codes=tuple(h["codes"]),
        created=h["created"],
        modified=h["modified"],
        orphan=h.get("orphan", False),
    )
    return highlight


def _unique_ids(highlights: list[Highlight]) -> tuple[list[Highlight], int]:
    """Highlights with every id unique (a hand edit or a bad merge can copy one); how many
    were given a new id. Ids are looked up by id, so a duplicate would hide a highlight."""
    if len({h.id for h in highlights}) == len(highlights):
        return highlights, 0  # as nearly always: one set, not a test and an add for each
    seen: set[str] = set()
    renamed = 0
    unique = []
    for h in highlights:
        if h.id in seen:
            h = replace(h, id=str(uuid.uuid4()))
            renamed += 1
        seen.add(h.id)
        unique.append(h)
    return unique, renamed


def _add_unknown_codes(codebook: Codebook, highlights: list[Highlight]) -> list[str]:
    """Put a code in the codebook for each id a highlight carries that it lacks (a hand
    edit, a study interview whose copy is behind), so no coding is lost; their ids."""
    used = {code_id for h in highlights for code_id in h.codes}
    if all(code_id in codebook for code_id in used):
        return []  # each id asked once, not once for each passage it codes
    added = []
    for h in highlights:
        for code_id in h.codes:
            if code_id not in codebook:
                codebook.codes.append(unknown_code(code_id))
                added.append(code_id)
    return added


def unknown_codes_notice(count: int) -> str:
    """What loading says of `count` codes `_add_unknown_codes` added ("" for none)."""
    if not count:
        return ""
    were = "were" if count > 1 else "was"
    return (
        f"{count} code{'s' if count > 1 else ''} used by highlights {were} not in the "
        f"codebook and {were} added as “Unknown code …”."
    )


MAX_OFFSET = 9007199254740991  # the schema's bound: the largest integer JSON keeps exact
_HIGHLIGHT_KEYS = frozenset(
    {"id", "start", "end", "exact", "prefix", "suffix", "color", "note", "codes"}
    | {"created", "modified"}
)
_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")


@cache
def _date_time() -> re.Pattern[str]:
    from reader.core.notes_validator import REGEX_PATTERNS

    return REGEX_PATTERNS["date-time_re_pattern"]


_ID = re.compile(r"[0-9a-fA-F-]{36}\Z")
_CODE_COLOR = re.compile(r"#[0-9a-fA-F]{6}\Z")


def _schema_check() -> Callable[[Any], Any]:
    """The validator generated from the schema (reader/core/notes_validator.py)."""
    from reader.core.notes_validator import (
        validate_https___interview_reader_example_notes_schema_json as check,
    )

    return check


def highlight_passes(h: Any) -> bool:
    """The schema's rules for one highlight, checked directly: ten times faster than the
    generic validator on 10,000 highlights. Never more lenient than the schema; what fails
    here goes to the generated validator, which decides and says why."""
    if type(h) is not dict or not h.keys() >= _HIGHLIGHT_KEYS:
        return False
    start, end, codes, date_time = h["start"], h["end"], h["codes"], _date_time()
    created, modified = h["created"], h["modified"]
    return (
        type(h["id"]) is str
        and _ID.match(h["id"]) is not None
        and type(start) is int
        and type(end) is int
        and 0 <= start <= MAX_OFFSET
        and 0 <= end <= MAX_OFFSET
        and type(h["exact"]) is str
        and len(h["exact"]) >= 1
        and type(h["prefix"]) is str
        and len(h["prefix"]) <= 32
        and type(h["suffix"]) is str
        and len(h["suffix"]) <= 32
        and type(h["color"]) is str
        and type(h["note"]) is str
        and type(codes) is list
        and (not codes or all(type(c) is str and _GUID.match(c) is not None for c in codes))
        and type(created) is str
        and date_time.match(created) is not None
        and type(modified) is str
        and (modified == created or date_time.match(modified) is not None)
        and type(h.get("orphan", False)) is bool
    )


def code_passes(code: Any) -> bool:
    """The schema's rules for one code of the codebook, checked directly, as
    `highlight_passes` checks a highlight: a study's 1,000 codes are copied into each of
    its notes files, and the generic validator took 14 ms for them, in every file."""
    if type(code) is not dict:
        return False
    code_id, name, parent = code.get("id"), code.get("name"), code.get("parent", "")
    color = code.get("color", "#000000")
    return (
        type(code_id) is str
        and _GUID.match(code_id) is not None
        and type(name) is str
        and name != ""
        and type(color) is str
        and _CODE_COLOR.match(color) is not None
        and type(code.get("description", "")) is str
        and type(code.get("codable", True)) is bool
        and type(parent) is str
        and (parent == "" or _GUID.match(parent) is not None)
    )


@by_json
def codes_pass(codes: list[Any]) -> bool:
    """`code_passes` for each code. Each notes file of a study carries the study's
    codebook: the same codes (the same JSON) are checked once (1,000: 1.6 ms a file)."""
    return all(code_passes(code) for code in codes)


def validate(data: Any) -> None:
    """Raise NotesFormatError unless `data` is a notes object this build understands."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotesFormatError("it is not an Interview Reader notes file")
    version = data.get("version")
    # JSON Schema counts 2.0 as an integer, so a float version must be caught here too.
    if isinstance(version, int | float) and version > VERSION:
        raise NewerVersionError(version)
    # Generated ahead from the schema (no compiling at start-up); the highlights and the
    # codes, by far the most of a file, are checked directly, and the schema sees them
    # only when one is doubtful (it then decides, and says why).
    from reader.core.schema_errors import JsonSchemaException

    checked = dict(data)
    highlights, codes = data.get("highlights"), data.get("codes")
    if isinstance(highlights, list) and all(highlight_passes(h) for h in highlights):
        checked["highlights"] = []
    if isinstance(codes, list) and codes_pass(codes):
        checked["codes"] = []
    try:
        _schema_check()(checked)
    except JsonSchemaException as exc:
        raise NotesFormatError(f"it does not match the notes format ({exc.message})") from exc
    for h in data["highlights"]:
        if h["end"] <= h["start"]:
            raise NotesFormatError(f"highlight {h['id']} ends before it starts")


# The format's history. Each entry upgrades a file object of version N to N + 1; a change
# of the format adds one here, raises VERSION and keeps an old file in tests/data.
#   1 (0.1.0): format, version, generator, document, colors, structure, notes, highlights.
#     Additions readable by older builds of version 1 (they ignore them): document.format,
#     structure.sides.
#   2: the codebook (`codes`); a highlight's `tags` (words) became `codes` (code ids).
#     Additions readable by older builds of version 2: recording_detached.


def _tags_to_codes(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2: each tag becomes a top-level code, its id derived from the tag (so
    the files of one study agree), in the order the tags first appear."""
    book = Codebook()
    highlights = data.get("highlights")
    if isinstance(highlights, list):  # else left for validation to refuse
        upgraded = []
        for h in highlights:
            if isinstance(h, dict):
                tags = h.get("tags", [])
                words = [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []
                h = {k: v for k, v in h.items() if k != "tags"}
                h["codes"] = list(codes_for_tags(words, book))
            upgraded.append(h)
        data = {**data, "highlights": upgraded}
    return {**data, "version": 2, "codes": book.to_json()}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _tags_to_codes}


def migrate(data: Any) -> tuple[Any, int | None]:
    """(data at the current version, the version it was migrated from or None)."""
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(version, int) or isinstance(version, bool):
        return data, None
    original = version = data["version"]
    while version < VERSION:
        if version not in MIGRATIONS:
            raise NotesFormatError(f"format version {version} is not one this build knows")
        data = MIGRATIONS[version](data)
        version = data["version"]
    return data, (original if original != VERSION else None)


def parse(raw: bytes, *, passed: bool = False) -> NotesData:
    """NotesData from the file's bytes, or NotesFormatError saying what is wrong. `passed`:
    these very bytes passed the checks before (reader.core.checked_notes)."""
    return parse_migrating(raw, passed=passed)[0]


def parse_migrating(raw: bytes, *, passed: bool = False) -> tuple[NotesData, int | None]:
    """Like `parse`, also saying which older version the file was migrated from."""
    try:
        data = json_bytes.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise NotesFormatError(f"it is not valid JSON ({why_not_json(exc)})") from exc
    if isinstance(data, dict) and data.get("format") == FORMAT:
        data, migrated_from = migrate(data)
        if passed and data.get("version") == VERSION:
            # The same bytes pass again. Should they not be what passed (a forged entry),
            # what cannot be read is validated, which says why.
            with contextlib.suppress(LookupError, TypeError, ValueError, AttributeError):
                return NotesData.from_json(data), migrated_from
    else:
        migrated_from = None
    validate(data)
    notes = NotesData.from_json(data)
    if migrated_from is not None:  # an older version's keys are no newer build's: gone
        notes.extra, notes.highlight_extra = {}, {}
    return notes, migrated_from


def salvaged(raw: bytes) -> tuple[NotesData, int] | None:
    """What can be read of notes whose file fails `validate` for some of its highlights
    alone (a hand edit, another tool: an end before its start, an offset of 1.5): the
    notes without those, and how many they were. None when more is wrong than that.
    One bad highlight made the whole file unreadable, and the notes opened empty."""
    try:
        data = json_bytes.loads(raw)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        data, migrated_from = migrate(data)
        highlights = data["highlights"]
        if not isinstance(highlights, list):
            return None
        good = [h for h in highlights if _readable(data, h)]
        if len(good) == len(highlights):
            return None
        data = {**data, "highlights": good}
        validate(data)
        notes = NotesData.from_json(data)
        if migrated_from is not None:  # as `parse_migrating` reads it
            notes.extra, notes.highlight_extra = {}, {}
        return notes, len(highlights) - len(good)
    except (orjson.JSONDecodeError, NotesFormatError, LookupError, TypeError, ValueError):
        return None


def _readable(data: dict[str, Any], h: Any) -> bool:
    """Whether the highlight `h` of the file's `data` is one this build reads."""
    if not highlight_passes(h):
        try:  # the schema decides what the quick check doubts
            validate({**data, "highlights": [h]})
        except NotesFormatError:
            return False
    return bool(h["end"] > h["start"])


def serialise(notes: NotesData) -> bytes:
    """UTF-8 JSON, indented for people and diff tools, non-ASCII kept as it is."""
    return encode(notes.to_json(native_highlights=True))


def encode(data: dict[str, Any]) -> bytes:
    """`NotesData.to_json(native_highlights=True)` as the notes file's bytes (serialise
    in two steps: the autosave gathers on the GUI thread and encodes in its worker)."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
