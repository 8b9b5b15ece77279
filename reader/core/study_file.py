"""The study file (`study.json`), version 2: what it holds, and its conversion to and from JSON.

A study is a folder: this file lists its interviews in order, their attributes, the
attribute definitions, the colour labels and the codebook the study shares, and settings.
Version 2 replaced the tag vocabulary (`tags`) by the codebook (`codes`). Each
interview's highlights and notes live in its own notes file (`notes/<id>.json`, the format
of notes_file), so a sync conflict touches one interview. See docs/study-format.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from unicodedata import normalize

import orjson

from reader import APP_NAME, __version__
from reader.core import json_bytes
from reader.core.annotations import DEFAULT_COLORS
from reader.core.codebook import Codebook, codes_for_tags
from reader.core.json_errors import why_not_json
from reader.core.study_places import slug

FORMAT = "interview-reader-study"
VERSION = 2

ATTRIBUTE_TYPES = ("text", "number", "date", "choice")
# An interview's own fields and the Library's columns of counts, known by these keys in
# the Library, its sort and filters (`--where`): no attribute is keyed so.
FIXED_KEYS = frozenset(
    {"id", "path", "title", "participant", "date", "highlights", "notes", "read"}
)
AttributeValue = str | int | float


class StudyFormatError(Exception):
    """Bytes that are not a study file this build can read; the message is for the user."""


class NewerStudyError(StudyFormatError):
    """A study file written by a newer build: opened read-only, never overwritten."""


class AttributeValueError(ValueError):
    """A value an attribute cannot take, or a definition that cannot be made; for the user."""


@dataclass(frozen=True)
class AttributeDef:
    """A user-defined column ("variable" in QDA tools). `key` never changes; `label` may."""

    key: str
    label: str
    type: str  # one of ATTRIBUTE_TYPES
    options: tuple[str, ...] = ()  # the choices of a "choice" attribute, in order

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"key": self.key, "label": self.label, "type": self.type}
        if self.type == "choice":
            data["options"] = list(self.options)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AttributeDef:
        return cls(data["key"], data["label"], data["type"], tuple(data.get("options", ())))

    def check(self, value: Any) -> AttributeValue | None:
        """`value` as stored for this attribute, None for "no value"; AttributeValueError if
        it is not one (a number that is not finite or a whole number beyond 64 bits, a date
        not YYYY-MM-DD, an unknown choice)."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if self.type == "text":
            if not isinstance(value, str):
                raise AttributeValueError(f"{self.label} takes text, not {value!r}.")
            return normalize("NFC", value)  # one way to write "é", as a transcript's text
        if self.type == "number":
            return _number(value, self.label)
        if self.type == "date":
            return check_date(value, self.label)
        text = normalize("NFC", value if isinstance(value, str) else str(value))
        if text in self.options:
            return text
        # "nurse" for the choice "Nurse" (after --where, or typed into study.json by hand,
        # which set the whole file aside) is that choice, as Change Attribute… takes it.
        folded = text.strip().casefold()
        same = next((o for o in self.options if o.casefold() == folded), None)
        if same is None:
            choices = ", ".join(self.options) or "none defined yet"
            raise AttributeValueError(f"{self.label} is one of: {choices}; not {text!r}.")
        return same


def _number(value: Any, label: str) -> int | float:
    refused = AttributeValueError(f"{label} takes a number, not {value!r}.")
    number = value
    if isinstance(value, bool):
        raise refused
    if isinstance(value, str):
        if _GROUPED.fullmatch(value.strip()):  # "45,000" read as 45.000 was 45
            raise AttributeValueError(
                f"{label} takes a number, not {value!r}: write it without a separator "
                "between thousands (45000), with a decimal comma or point (34,5 or 34.5; "
                "three decimals as 1.1250)."
            )
        text = value.strip().replace(",", ".")
        try:  # a whole number as written (a float rounds those beyond 2⁵³)
            number = int(text) if text.lstrip("+-").isdigit() else float(text) if text else None
        except ValueError:
            raise refused from None
    if not isinstance(number, int | float) or not math.isfinite(number):
        raise refused
    number = int(number) if isinstance(number, float) and number.is_integer() else number
    if isinstance(number, int) and not _INT64_MIN <= number <= _INT64_MAX:
        # study.json's writer (orjson) takes 64-bit whole numbers, as the QDA tools do.
        raise AttributeValueError(
            f"{label} takes a number, not {value!r}: a whole number is kept between −2⁶³ "
            "and 2⁶³ − 1."
        )
    return number


_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
# Thousands set apart: "45,000", "1,000,000", "45.000", "1.000.000" (English and German
# alike: "45.000" was 45 without a word); not 0,125 or 0.125.
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(?:[,.]\d{3})+")


def check_date(value: Any, label: str = "The date") -> str:
    """An ISO calendar date, YYYY-MM-DD, as a string; AttributeValueError otherwise."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return date.fromisoformat(text).isoformat()
            except ValueError:
                pass
    raise AttributeValueError(f"{label} takes a date written YYYY-MM-DD, not {value!r}.")


@dataclass(frozen=True)
class InterviewEntry:
    """One interview of the study. `id` never changes: it names the notes file.

    `path` is the transcript, POSIX separators, relative to the study folder (it may start
    with ../); absolute only where no relative path exists (another drive).
    """

    id: str
    path: str
    title: str
    participant: str = ""
    date: str = ""  # YYYY-MM-DD or ""
    attributes: dict[str, AttributeValue] = field(default_factory=dict)
    added: str = ""
    modified: str = ""

    def to_json(self, order: Mapping[str, int]) -> dict[str, Any]:
        """The interview's object; `order` ranks attribute keys (defined order first)."""
        keys = sorted(self.attributes, key=lambda k: (order.get(k, len(order)), k))
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "participant": self.participant,
            "date": self.date,
            "attributes": {k: self.attributes[k] for k in keys},
            "added": self.added,
            "modified": self.modified,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> InterviewEntry:
        return cls(
            id=data["id"],
            path=data["path"],
            title=data["title"],
            participant=data.get("participant", ""),
            date=data.get("date", ""),
            attributes=dict(data.get("attributes", {})),
            added=data.get("added", ""),
            modified=data.get("modified", ""),
        )


def default_colors() -> dict[str, str]:
    return {cid: label for cid, (label, _) in DEFAULT_COLORS.items()}


@dataclass
class StudyData:
    """Everything study.json holds."""

    title: str
    interviews: list[InterviewEntry] = field(default_factory=list)
    attributes: list[AttributeDef] = field(default_factory=list)
    colors: dict[str, str] = field(default_factory=default_colors)
    codebook: Codebook = field(default_factory=Codebook)
    settings: dict[str, Any] = field(default_factory=dict)

    def copy(self) -> StudyData:
        """A copy whose lists and dicts can change without touching this one (entries and
        definitions are frozen, so they are shared)."""
        return StudyData(
            title=self.title,
            interviews=list(self.interviews),
            attributes=list(self.attributes),
            colors=dict(self.colors),
            codebook=self.codebook.copy(),
            settings=orjson.loads(orjson.dumps(self.settings)),
        )

    def to_json(self) -> dict[str, Any]:
        """The file's object with a stable key order; interviews last since they are long."""
        order = {a.key: i for i, a in enumerate(self.attributes)}
        return {
            "format": FORMAT,
            "version": VERSION,
            "generator": f"{APP_NAME} {__version__}",
            "title": self.title,
            "attributes": [a.to_json() for a in self.attributes],
            "colors": self.colors,
            "codes": self.codebook.to_json(),
            "settings": self.settings,
            "interviews": [i.to_json(order) for i in self.interviews],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StudyData:
        """Build from an object that already passed `validate`. An attribute keyed like a
        fixed field (made before FIXED_KEYS were kept from attributes) gets a key of its
        own, its values with it."""
        colors = default_colors()
        colors.update(data.get("colors", {}))
        attributes = [AttributeDef.from_json(a) for a in data.get("attributes", [])]
        definitions = {a.key: a for a in attributes}
        interviews = [
            _as_kept(InterviewEntry.from_json(i), definitions) for i in data["interviews"]
        ]
        if any(a.key in FIXED_KEYS for a in attributes):
            keys = {a.key for a in attributes}
            moved = {}
            for a in attributes:
                if a.key in FIXED_KEYS:
                    moved[a.key] = attribute_key(a.label, lambda key: key in keys)
                    keys.add(moved[a.key])
            attributes = [replace(a, key=moved.get(a.key, a.key)) for a in attributes]
            interviews = [
                replace(entry, attributes={moved.get(k, k): v for k, v in entry.attributes.items()})
                for entry in interviews
            ]
        return cls(
            title=data["title"],
            interviews=interviews,
            attributes=attributes,
            colors=colors,
            codebook=Codebook.from_json(data.get("codes", [])),
            settings=dict(data.get("settings", {})),
        )


def _as_kept(entry: InterviewEntry, definitions: Mapping[str, AttributeDef]) -> InterviewEntry:
    """`entry` with its values as the app keeps them (`AttributeDef.check`): an Age typed
    into study.json by hand as "42" stayed the text "42", which no filter Age 42 found and
    which sorted apart from the numbers."""
    values = {k: definitions[k].check(v) for k, v in entry.attributes.items()}
    kept = {k: v for k, v in values.items() if v is not None}
    return entry if kept == entry.attributes else replace(entry, attributes=kept)


def attribute_key(label: str, taken: Callable[[str], bool] = lambda _: False) -> str:
    """A stable key for a new attribute, from its label: "Years in post" -> "years-in-post";
    never a fixed field's ("Title" -> "title-2")."""
    base = slug(label) or "attribute"
    candidate, n = base, 1
    while candidate in FIXED_KEYS or taken(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


# Validation, migration, parsing ----------------------------------------------------------


def validate(data: Any, *, allow_newer: bool = False) -> None:
    """Raise StudyFormatError unless `data` is a study object this build understands.

    `allow_newer` checks a newer version's file against this build's schema all the same,
    to open it read-only when its layout has not changed in ways this build relies on;
    NewerStudyError when it has.
    """
    from reader.core.schema_errors import JsonSchemaException
    from reader.core.study_validator import (  # generated from the schema ahead (#17)
        validate_https___interview_reader_example_study_schema_json as schema_check,
    )

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StudyFormatError("it is not an Interview Reader study file")
    version = data.get("version")
    # JSON Schema counts 2.0 as an integer, so a float version must be caught here too.
    newer = isinstance(version, int | float) and version > VERSION
    message = (
        f"it was written by a newer Interview Reader (format version {version}; "
        f"this build reads up to {VERSION})"
    )
    if newer and not allow_newer:
        raise NewerStudyError(message)
    # As notes_file.validate: the interviews and codes, the most of a study's file, are
    # checked directly; the schema sees them only when one is doubtful, and says why.
    from reader.core.notes_file import codes_pass

    checked = {**data, "version": VERSION} if newer else dict(data)
    interviews, codes = data.get("interviews"), data.get("codes")
    if isinstance(interviews, list) and all(map(interview_passes, interviews)):
        checked["interviews"] = []
    if isinstance(codes, list) and codes_pass(codes):
        checked["codes"] = []
    try:
        schema_check(checked)
        _check_consistency(data)
    except (JsonSchemaException, StudyFormatError) as exc:
        if newer:  # its layout changed in a way this build cannot read
            raise NewerStudyError(message) from exc
        reason = _date_typed(exc, data) or getattr(exc, "message", None) or str(exc)
        raise StudyFormatError(f"it does not match the study format ({reason})") from exc


_INTERVIEW_DATE = re.compile(r"data\.interviews\[(\d+)\]\.date")


def _date_typed(exc: Exception, data: dict[str, Any]) -> str:
    """An interview's date typed into study.json by hand ("5/3/2024") said in words that
    name the interview and how a date is written, where the schema said only
    "data.interviews[1].date cannot be validated by any definition"; "" for other faults."""
    found = _INTERVIEW_DATE.fullmatch(getattr(exc, "name", None) or "")
    if found is None:
        return ""
    entry = data["interviews"][int(found[1])]
    named = _named(entry)
    return f"the interview {named} has the date {entry['date']!r}, where one is written YYYY-MM-DD"


def _named(entry: Mapping[str, Any]) -> str:
    """An interview of study.json as one editing it by hand finds it: by its title."""
    title = entry.get("title")
    return f"“{title}”" if isinstance(title, str) and title.strip() else str(entry.get("id"))


_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,79}\Z")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def interview_passes(entry: Any) -> bool:
    """The schema's rules for one interview of the study, checked directly (as
    notes_file.highlight_passes): the generic validator took 9 ms for 500. Never more
    lenient than the schema."""
    if type(entry) is not dict:
        return False
    key, path, date = entry.get("id"), entry.get("path"), entry.get("date", "")
    values = entry.get("attributes", {})
    return (
        type(key) is str
        and _KEY.match(key) is not None
        and type(path) is str
        and path != ""
        and type(entry.get("title")) is str
        and type(entry.get("participant", "")) is str
        and type(date) is str
        and (date == "" or _DAY.match(date) is not None)
        and type(values) is dict
        and all(type(value) in (str, int, float) for value in values.values())
        and type(entry.get("added", "")) is str
        and type(entry.get("modified", "")) is str
    )


def _check_consistency(data: dict[str, Any]) -> None:
    """What the schema cannot say: unique ids and keys, values that fit their definitions."""
    seen: dict[str, Mapping[str, Any]] = {}
    for interview in data["interviews"]:  # an entry copied to add one, its id kept
        if (twin := seen.setdefault(interview["id"], interview)) is not interview:
            raise StudyFormatError(
                f"the interviews {_named(twin)} and {_named(interview)} have the same id "
                f"{interview['id']!r}; give {_named(interview)} one of its own (an id names "
                "its interview's notes file)"
            )
    keys = [a["key"] for a in data.get("attributes", [])]
    if len(set(keys)) != len(keys):
        twice = next(key for key in keys if keys.count(key) > 1)
        raise StudyFormatError(f"two attributes have the same key {twice!r}")
    definitions = {a["key"]: AttributeDef.from_json(a) for a in data.get("attributes", [])}
    for interview in data["interviews"]:
        for key, value in interview.get("attributes", {}).items():
            definition = definitions.get(key)
            if definition is None:
                raise StudyFormatError(
                    f"interview {_named(interview)} has a value for the undefined attribute {key!r}"
                )
            try:
                definition.check(value)
            except AttributeValueError as exc:
                raise StudyFormatError(f"interview {_named(interview)}: {exc}") from exc


# The format's history. Each entry upgrades a file object of version N to N + 1; a change
# of the format adds one here, raises VERSION and keeps an old file in tests/data.
#   1 (0.1.0): format, version, generator, title, attributes, colors, tags, settings,
#              interviews.
#   2: the codebook (`codes`) in place of the tag vocabulary (`tags`).


def _tags_to_codes(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2: each tag becomes a top-level code with the id its notes files'
    migration gives it (reader.core.codebook.tag_code_id)."""
    tags = data.get("tags", [])
    words = [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []
    book = Codebook()
    codes_for_tags(words, book)
    upgraded = {k: v for k, v in data.items() if k != "tags"}
    return {**upgraded, "version": 2, "codes": book.to_json()}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _tags_to_codes}


def migrate(data: dict[str, Any]) -> tuple[dict[str, Any], int | None]:
    """(data at the current version, the version it was migrated from or None)."""
    original = data.get("version")
    if not isinstance(original, int) or original >= VERSION:
        return data, None
    version = original
    while version < VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise StudyFormatError(f"study format version {version} is not one this build knows")
        data = step(data)
        version = data["version"]
    return data, original


@dataclass
class ParsedStudy:
    """A study.json read, migrated or not, and whether a newer build wrote it."""

    data: StudyData
    migrated_from: int | None = None
    newer: bool = False  # written by a newer build: open read-only


def parse(raw: bytes, *, allow_newer: bool = False) -> ParsedStudy:
    """The study from the file's bytes, or StudyFormatError saying what is wrong.

    With `allow_newer`, a newer version's file that this build can still read comes back
    with `newer` set instead of raising NewerStudyError.
    """
    try:
        data = json_bytes.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StudyFormatError(f"it is not valid JSON ({why_not_json(exc)})") from exc
    migrated_from = None
    if isinstance(data, dict) and data.get("format") == FORMAT:
        data, migrated_from = migrate(data)
    validate(data, allow_newer=allow_newer)
    newer = isinstance(data.get("version"), int | float) and data["version"] > VERSION
    return ParsedStudy(StudyData.from_json(data), migrated_from, newer)


def serialise(study: StudyData) -> bytes:
    """UTF-8 JSON, indented for people and diff tools, non-ASCII kept as it is. Settings
    are written with sorted keys, the rest in the order of `StudyData.to_json`."""
    data = study.to_json()
    data["settings"] = orjson.loads(orjson.dumps(data["settings"], option=orjson.OPT_SORT_KEYS))
    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
