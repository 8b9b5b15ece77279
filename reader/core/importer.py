"""Import of W3C Web Annotations (as the w3c export writes them, or from other tools).

`import_w3c` reads an AnnotationCollection (its embedded pages), an AnnotationPage, a
single Annotation or a JSON list of them, and returns the new highlights anchored in the
session's text by their quote. It never changes the session: the caller adds the
highlights, so the UI can make the import one undoable step.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from reader.core.anchoring import AnchorStatus, anchor, best_occurrence
from reader.core.annotations import DEFAULT_COLOR, Highlight, now_iso
from reader.core.document import normalise
from reader.core.session import Session

COLOR_PROPERTY = "interviewReader:color"
MAX_PAGES = 10_000  # embedded "next" pages followed at most, so a cycle cannot hang us


class AnnotationImportError(Exception):
    """Input that is not W3C Web Annotation JSON this build can read; one line for the user."""


@dataclass(frozen=True)
class ImportResult:
    """`added`: new highlights, in document order, orphans included (`orphan=True`).

    `skipped`: annotations already present (same id, or same start, end and quote).
    `orphaned`: how many of `added` were not found in the current text.
    `unusable`: annotations with no text quote or position to anchor them by.
    """

    added: list[Highlight] = field(default_factory=list)
    skipped: int = 0
    orphaned: int = 0
    unusable: int = 0

    def message(self) -> str:
        """E.g. "Imported 3 annotations (1 already present, 0 not found in the text)"."""
        noun = "annotation" if len(self.added) == 1 else "annotations"
        text = (
            f"Imported {len(self.added)} {noun} ({self.skipped} already present, "
            f"{self.orphaned} not found in the text"
        )
        if self.unusable:
            text += f", {self.unusable} without a text selector"
        return text + ")"


def import_w3c(session: Session, data: bytes) -> ImportResult:
    """New highlights for the annotations in `data`; AnnotationImportError for bad input."""
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise AnnotationImportError(f"the file is not valid JSON ({exc})") from None
    annotations = list(_annotations(parsed))
    text = session.document.text
    ids = {h.id for h in session.notes.highlights}
    spans = {(h.start, h.end, h.exact) for h in session.notes.highlights}
    added: list[Highlight] = []
    skipped = orphaned = unusable = 0
    for item in annotations:
        provisional = _highlight(item, text, session.notes.colors)
        if provisional is None:
            unusable += 1
            continue
        if provisional.id in ids:
            skipped += 1
            continue
        result = anchor(text, provisional)
        h = result.highlight
        if (h.start, h.end, h.exact) in spans:
            skipped += 1
            continue
        ids.add(h.id)
        spans.add((h.start, h.end, h.exact))
        orphaned += result.status == AnchorStatus.ORPHANED
        added.append(h)
    added.sort(key=lambda h: (h.start, h.end))
    return ImportResult(added, skipped, orphaned, unusable)


# --- reading the JSON-LD ------------------------------------------------------------------


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("type", node.get("@type"))
    values = value if isinstance(value, list) else [value]
    # Expanded or prefixed forms: "oa:Annotation", "http://www.w3.org/ns/oa#Annotation".
    return {v.rsplit("#", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)}


def _annotations(data: Any) -> Iterator[dict[str, Any]]:
    """Every Annotation object in a collection, page, annotation or list of them."""
    if isinstance(data, list):
        for item in data:
            yield from _annotations(item)
        return
    if not isinstance(data, dict):
        raise AnnotationImportError("the file holds no W3C Web Annotations")
    types = _types(data)
    if "Annotation" in types or ("target" in data and not types):
        yield data
    elif "AnnotationPage" in types:
        yield from _page_items(data)
    elif "AnnotationCollection" in types:
        page = data.get("first")
        if page is None:
            if data.get("total", 0):
                raise AnnotationImportError("the annotation collection has no first page")
            return
        if not isinstance(page, dict):
            raise AnnotationImportError(
                "the annotation collection refers to its pages by address; "
                "only collections with embedded pages can be imported"
            )
        for _ in range(MAX_PAGES):
            yield from _page_items(page)
            page = page.get("next")
            if not isinstance(page, dict):
                return
    else:
        raise AnnotationImportError(
            "the file holds no W3C Web Annotations (no Annotation, AnnotationPage "
            "or AnnotationCollection)"
        )


def _page_items(page: dict[str, Any]) -> Iterator[dict[str, Any]]:
    items = page.get("items", [])
    if not isinstance(items, list):
        raise AnnotationImportError("an annotation page's items are not a list")
    for item in items:
        if not isinstance(item, dict):
            raise AnnotationImportError("an annotation page holds something not an annotation")
        yield item


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _selectors(annotation: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The first TextQuoteSelector and TextPositionSelector among the annotation's targets."""
    quote = position = None
    for target in _as_list(annotation.get("target")):
        if not isinstance(target, dict):
            continue  # a bare IRI: the whole document, nothing to anchor
        for selector in _as_list(target.get("selector")):
            if not isinstance(selector, dict):
                continue
            types = _types(selector)
            if quote is None and "TextQuoteSelector" in types:
                quote = selector
            elif position is None and "TextPositionSelector" in types:
                position = selector
        if quote or position:
            break
    return quote, position


def _string(value: Any) -> str:
    return normalise(value) if isinstance(value, str) else ""


def _offset(value: Any) -> int | None:
    """A non-negative whole number (5.0 counts), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not (value.is_integer() and value < 2**53):
        return None
    return int(value) if value >= 0 else None


def _highlight(annotation: dict[str, Any], text: str, colors: dict[str, str]) -> Highlight | None:
    """A provisional highlight, not yet anchored; None without a quote or position."""
    quote, position = _selectors(annotation)
    start = end = None
    if position is not None:
        start, end = _offset(position.get("start")), _offset(position.get("end"))
        if start is None or end is None or end <= start:
            start = end = None
    exact = _string(quote.get("exact")) if quote else ""
    prefix = _string(quote.get("prefix")) if quote else ""
    suffix = _string(quote.get("suffix")) if quote else ""
    if not exact:
        if start is None or end is None or end > len(text):
            return None
        exact = text[start:end]
    if start is None:
        start = best_occurrence(text, exact, prefix, suffix)
    note, tags, color = _bodies(annotation, colors)
    created = _timestamp(annotation.get("created"))
    return Highlight(
        id=_highlight_id(annotation.get("id", annotation.get("@id"))),
        start=start,
        end=start + len(exact),  # the quote is what counts; a position may be in UTF-16
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        color=color,
        note=note,
        tags=tags,
        created=created,
        modified=_timestamp(annotation.get("modified"), created),
    )


def _bodies(annotation: dict[str, Any], colors: dict[str, str]) -> tuple[str, tuple[str, ...], str]:
    """(note, tags, colour id) from the annotation's bodies; colour from our own property."""
    notes: list[str] = []
    tags: list[str] = []
    color = label = None
    if isinstance(annotation.get("bodyValue"), str):
        notes.append(annotation["bodyValue"])
    for body in _as_list(annotation.get("body")):
        if not isinstance(body, dict):
            continue  # an IRI body: nothing to read
        value = body.get("value", body.get("rdf:value"))
        purposes = {p for p in _as_list(body.get("purpose")) if isinstance(p, str)}
        if isinstance(body.get(COLOR_PROPERTY), str) and color is None:
            color = body[COLOR_PROPERTY]
        if not isinstance(value, str):
            continue
        if "tagging" in purposes:
            if value and value not in tags:
                tags.append(value)
        elif "classifying" in purposes:
            label = label or value
        elif value:
            notes.append(value)
    return "\n\n".join(notes), tuple(tags), _color(colors, color, label)


def _color(colors: dict[str, str], color: str | None, label: str | None) -> str:
    """Our colour id if the session knows it, else the colour whose label matches."""
    if color and color in colors:
        return color
    if label:
        wanted = label.strip().casefold()
        for cid, name in colors.items():
            if name.strip().casefold() == wanted:
                return cid
    return DEFAULT_COLOR


def _highlight_id(value: Any) -> str:
    if isinstance(value, str):
        candidate = value.removeprefix("urn:uuid:")
        try:
            return str(uuid.UUID(candidate))
        except ValueError:
            pass
    return str(uuid.uuid4())


def _timestamp(value: Any, default: str | None = None) -> str:
    """An ISO 8601 time with a zone (UTC when it had none), or `default`/now if unreadable."""
    if isinstance(value, str):
        try:
            stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=UTC)
            return stamp.isoformat()
    return default or now_iso()
