"""The notes file, version 1: what it holds, and its conversion to and from JSON."""

from __future__ import annotations

import codecs
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import orjson

from reader import APP_NAME, __version__
from reader.core.annotations import DEFAULT_COLORS, Highlight
from reader.core.interview import Role
from reader.resources import NOTES_SCHEMA

FORMAT = "interview-reader-notes"
VERSION = 1


class NotesFormatError(Exception):
    """Bytes that are not a notes file this build can read; the message is for the user."""


class NewerVersionError(NotesFormatError):
    """A notes file written by a newer build: readable only by that build, never overwritten."""


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

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "position_ms": self.position_ms}


@dataclass
class NotesData:
    """Everything the notes file holds for one document."""

    document: dict[str, Any]
    colors: dict[str, str] = field(
        default_factory=lambda: {cid: label for cid, (label, _) in DEFAULT_COLORS.items()}
    )
    highlights: list[Highlight] = field(default_factory=list)
    notes: str = ""
    roles: list[RoleCorrection] = field(default_factory=list)
    speakers: dict[str, str] = field(default_factory=dict)
    recording: RecordingRef | None = None
    # What loading repaired (never saved): told to the user when the notes open.
    notices: list[str] = field(default_factory=list, compare=False, repr=False)

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
        }
        if self.roles or self.speakers:
            data["structure"] = {
                "roles": [
                    {"start": r.start, "quote": r.quote, "role": str(r.role)} for r in self.roles
                ],
                "speakers": self.speakers,
            }
        if self.recording is not None:
            data["recording"] = self.recording.to_json()
        data["notes"] = self.notes
        data["highlights"] = (
            list(self.highlights) if native_highlights else [h.to_json() for h in self.highlights]
        )
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NotesData:
        """Build from an object that already passed `validate`."""
        structure = data.get("structure", {})
        colors = {cid: label for cid, (label, _) in DEFAULT_COLORS.items()}
        colors.update(data["colors"])
        # The schema lets 5.0 pass as an integer; offsets index strings, so make them int.
        highlights = [
            Highlight.from_json({**h, "start": int(h["start"]), "end": int(h["end"])})
            for h in data["highlights"]
        ]
        highlights, renamed = _unique_ids(highlights)
        notices = []
        if renamed:
            notices.append(
                f"{renamed} highlight{'s' if renamed > 1 else ''} shared an id with another "
                "and got a new one; both are kept."
            )
        return cls(
            document=data["document"],
            colors=colors,
            highlights=highlights,
            notices=notices,
            notes=data["notes"],
            roles=[
                RoleCorrection(int(r["start"]), r.get("quote", ""), Role(r["role"]))
                for r in structure.get("roles", [])
            ],
            speakers=dict(structure.get("speakers", {})),
            recording=(
                RecordingRef(r["path"], int(r.get("position_ms", 0)))
                if (r := data.get("recording"))
                else None
            ),
        )


def _unique_ids(highlights: list[Highlight]) -> tuple[list[Highlight], int]:
    """Highlights with every id unique (a hand edit or a bad merge can copy one); how many
    were given a new id. Ids are looked up by id, so a duplicate would hide a highlight."""
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


@cache
def _schema_validator() -> Any:
    import fastjsonschema  # compiled on first use only: start-up without a notes file skips it

    return fastjsonschema.compile(orjson.loads(NOTES_SCHEMA.read_bytes()))


def validate(data: Any) -> None:
    """Raise NotesFormatError unless `data` is a notes object this build understands."""
    import fastjsonschema

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotesFormatError("it is not an Interview Reader notes file")
    version = data.get("version")
    # JSON Schema counts 2.0 as an integer, so a float version must be caught here too.
    if isinstance(version, int | float) and version > VERSION:
        raise NewerVersionError(
            f"it was written by a newer Interview Reader (format version {version}; "
            f"this build reads up to {VERSION})"
        )
    try:
        _schema_validator()(data)
    except fastjsonschema.JsonSchemaException as exc:
        raise NotesFormatError(f"it does not match the notes format ({exc.message})") from exc
    for h in data["highlights"]:
        if h["end"] <= h["start"]:
            raise NotesFormatError(f"highlight {h['id']} ends before it starts")


# The format's history. Each entry upgrades a file object of version N to N + 1; a change
# of the format adds one here, raises VERSION and keeps an old file in tests/data.
#   1 (0.1.0): format, version, generator, document, colors, structure, notes, highlights.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def migrate(data: Any) -> tuple[Any, int | None]:
    """(data at the current version, the version it was migrated from or None)."""
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        return data, None
    original = version = data["version"]
    while version < VERSION:
        if version not in MIGRATIONS:
            raise NotesFormatError(f"format version {version} is not one this build knows")
        data = MIGRATIONS[version](data)
        version = data["version"]
    return data, (original if original != VERSION else None)


def parse(raw: bytes) -> NotesData:
    """NotesData from the file's bytes, or NotesFormatError saying what is wrong."""
    return parse_migrating(raw)[0]


def parse_migrating(raw: bytes) -> tuple[NotesData, int | None]:
    """Like `parse`, also saying which older version the file was migrated from."""
    try:
        # Notepad and some editors start UTF-8 with a byte order mark; JSON forbids it.
        data = orjson.loads(raw.removeprefix(codecs.BOM_UTF8))
    except orjson.JSONDecodeError as exc:
        raise NotesFormatError(f"it is not valid JSON ({exc})") from exc
    if isinstance(data, dict) and data.get("format") == FORMAT:
        data, migrated_from = migrate(data)
    else:
        migrated_from = None
    validate(data)
    return NotesData.from_json(data), migrated_from


def serialise(notes: NotesData) -> bytes:
    """UTF-8 JSON, indented for people and diff tools, non-ASCII kept as it is."""
    return orjson.dumps(notes.to_json(native_highlights=True), option=orjson.OPT_INDENT_2) + b"\n"
