"""W3C Web Annotation (https://www.w3.org/TR/annotation-model/): one AnnotationCollection.

The collection embeds a single AnnotationPage holding every highlight as an Annotation.
Each one targets the document by a TextQuoteSelector and a TextPositionSelector (two
alternatives, as the model defines a list of selectors); positions count Unicode code
points of the normalised text (LF line ends, NFC), as the model asks. Orphans carry the
quote selector only, since their old offsets point nowhere in the current text.

The collection's id is a UUID derived from the document's hash and the exported highlight
ids, so exporting the same highlights twice gives the same file.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

import orjson

from reader import APP_NAME, __version__
from reader.core.annotations import Highlight
from reader.core.export.common import (
    DEFAULT_OPTIONS,
    ExportOptions,
    Progress,
    color_label,
    selected,
)
from reader.core.session import Session

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
COLOR_PROPERTY = "interviewReader:color"  # the colour id, next to its label ("classifying")
NOTE_FORMAT = "text/markdown"
_COLLECTION_NAMESPACE = uuid.UUID("5b0c3a55-4f0e-4d7c-9a63-1b3f6f1f8e21")


def target_source(session: Session) -> str:
    """A file: URI for the document, or a urn naming its text by hash when it has no path."""
    source = session.document.source
    path = PurePath(source)
    if source and path.is_absolute():
        return path.as_uri()
    return f"urn:sha256:{session.document.sha256}"


def annotation_id(highlight_id: str) -> str:
    try:
        return uuid.UUID(highlight_id).urn
    except ValueError:  # not a UUID (the notes schema wants one): keep it, as a urn of ours
        return f"urn:x-interview-reader:{highlight_id}"


def annotation(session: Session, h: Highlight, source: str) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if h.note:
        body.append(
            {"type": "TextualBody", "value": h.note, "format": NOTE_FORMAT, "purpose": "commenting"}
        )
    body.extend({"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in h.tags)
    body.append(
        {
            "type": "TextualBody",
            "value": color_label(session, h.color),
            "purpose": "classifying",
            COLOR_PROPERTY: h.color,
        }
    )
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix}
    ]
    if not h.orphan:
        selectors.append({"type": "TextPositionSelector", "start": h.start, "end": h.end})
    return {
        "id": annotation_id(h.id),
        "type": "Annotation",
        "motivation": "commenting" if h.note else "highlighting",
        "created": h.created,
        "modified": h.modified,
        "body": body,
        "target": {"source": source, "selector": selectors},
    }


def collection_id(session: Session, highlights: list[Highlight]) -> str:
    name = "\n".join([session.document.sha256, *(h.id for h in highlights)])
    return uuid.uuid5(_COLLECTION_NAMESPACE, name).urn


def collection(session: Session, options: ExportOptions = DEFAULT_OPTIONS) -> dict[str, Any]:
    highlights = selected(session, options)
    progress = Progress(options, len(highlights))
    source = target_source(session)
    items = [annotation(session, h, source) for h in progress.each(highlights)]
    return {
        "@context": CONTEXT,
        "id": collection_id(session, highlights),
        "type": "AnnotationCollection",
        "label": session.document.title,
        "generator": {"type": "Software", "name": f"{APP_NAME} {__version__}"},
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def export_w3c(session: Session, options: ExportOptions = DEFAULT_OPTIONS) -> bytes:
    return orjson.dumps(collection(session, options), option=orjson.OPT_INDENT_2) + b"\n"
