"""W3C Web Annotation (https://www.w3.org/TR/annotation-model/): one AnnotationCollection.

The collection embeds a single AnnotationPage holding every highlight as an Annotation.
Each one targets the document through a SpecificResource with a TextQuoteSelector and a
TextPositionSelector (two alternatives, as the model defines a list of selectors);
positions count Unicode code points of the normalised text (LF line ends, NFC), as the
model asks. Orphans carry the quote selector only, since their old offsets point nowhere
in the current text.

The collection's id is a UUID derived from the document's hash and the exported highlight
ids, and the page's id one derived from it, so exporting the same highlights twice gives
the same file. One interview gives one collection: a study exports one per interview.

It passes every MUST of the W3C's annotation-model test suite (tests/core/test_w3c_suite.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Set
from pathlib import PurePath
from typing import Any

import orjson

from reader import APP_NAME, __version__
from reader.core.annotations import NO_COLOR, Highlight
from reader.core.export.common import (
    DEFAULT_OPTIONS,
    ExportOptions,
    Progress,
    color_label,
    selected,
)
from reader.core.session import Session

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Our one extra property, the colour id next to its label ("classifying"), or on the
# annotation itself as "" for a passage only coded (NO_COLOR), is a compact IRI:
# the inline context defines its prefix, so JSON-LD tools expand it instead of dropping it.
OUR_PREFIX = "interviewReader"
OUR_NAMESPACE = "urn:x-interview-reader:"
COLOR_PROPERTY = f"{OUR_PREFIX}:color"
# A code named by its path ("Work / Stress", two codes sharing a name): the names on the path,
# so that the import makes that path, and splits no name that holds " / " itself.
CODE_PATH_PROPERTY = f"{OUR_PREFIX}:codePath"
NOTE_FORMAT = "text/markdown"
LABEL_FORMAT = "text/plain"  # tags and colour labels
# BCP 47 "undetermined": the notes file does not record which language notes are written in.
LANGUAGE = "und"
# The person who kept the notes; the notes file names nobody, and the export does not guess
# a name from the computer's account.
CREATOR: dict[str, Any] = {"type": "Person"}
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
        return f"{OUR_NAMESPACE}{highlight_id}"


def textual_body(value: str, purpose: str, text_format: str, created: str) -> dict[str, Any]:
    """A TextualBody with what the model says a body SHOULD have: format, language,
    creator and created (the highlight's: the app does not time each edit of a note)."""
    return {
        "type": "TextualBody",
        "value": value,
        "format": text_format,
        "language": LANGUAGE,
        "purpose": purpose,
        "creator": dict(CREATOR),
        "created": created,
    }


def annotation(
    session: Session, h: Highlight, source: str, shared: Set[str] = frozenset()
) -> dict[str, Any]:
    """The highlight as a Web Annotation; `shared`: the codes whose name another has."""
    body: list[dict[str, Any]] = []
    if h.note:
        body.append(textual_body(h.note, "commenting", NOTE_FORMAT, h.created))
    book = session.notes.codebook
    # By label: two codes of one name by their paths ("Work / Stress"); a code below
    # another with its path beside it too, which the import reads back as that tree (the
    # label alone made "Body / Fatigue" a "Fatigue" at the top), and one at the top whose
    # name a code below another has (read back as the first code of that name).
    for code_id, tag in zip(h.codes, session.code_labels(h), strict=True):
        tagging = textual_body(tag, "tagging", LABEL_FORMAT, h.created)
        code = book.get(code_id)
        above = [a.name for a in reversed(book.ancestors(code_id))] if code else []
        if code is not None and (above or tag != code.name or code_id in shared):
            tagging[CODE_PATH_PROPERTY] = [*above, code.name]
        body.append(tagging)
    if h.color != NO_COLOR:  # a passage only coded has no colour to classify it by
        label = color_label(session, h.color)
        colour = textual_body(label, "classifying", LABEL_FORMAT, h.created)
        body.append({**colour, COLOR_PROPERTY: h.color})
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix}
    ]
    if not h.orphan:
        selectors.append({"type": "TextPositionSelector", "start": h.start, "end": h.end})
    motivation = "commenting" if h.note else "highlighting" if h.color else "tagging"
    made = {
        "id": annotation_id(h.id),
        "type": "Annotation",
        "motivation": motivation,
        "creator": dict(CREATOR),
        "created": h.created,
        "modified": h.modified,
        "body": body,
        "target": {"type": "SpecificResource", "source": source, "selector": selectors},
    }
    if h.color == NO_COLOR:  # said, so that importing it back gives no colour either
        made[COLOR_PROPERTY] = NO_COLOR
    return made


def collection_uuid(session: Session, highlights: list[Highlight]) -> uuid.UUID:
    name = "\n".join([session.document.sha256, *(h.id for h in highlights)])
    return uuid.uuid5(_COLLECTION_NAMESPACE, name)


def collection(session: Session, options: ExportOptions = DEFAULT_OPTIONS) -> dict[str, Any]:
    highlights = selected(session, options)
    progress = Progress(options, len(highlights))
    source = target_source(session)
    shared = session.notes.codebook.sharing_names()
    items = [annotation(session, h, source, shared) for h in progress.each(highlights)]
    own = collection_uuid(session, highlights)
    page_id = uuid.uuid5(own, "page 0").urn  # the only page, so also the last
    return {
        "@context": [ANNO_CONTEXT, {OUR_PREFIX: OUR_NAMESPACE}],
        "id": own.urn,
        "type": "AnnotationCollection",
        "label": session.document.title,
        "generator": {"type": "Software", "name": f"{APP_NAME} {__version__}"},
        "total": len(items),
        "last": page_id,
        "first": {
            "id": page_id,
            "type": "AnnotationPage",
            # The specification's own form: the suite's page tests want an object here.
            "partOf": {"id": own.urn, "label": session.document.title, "total": len(items)},
            "startIndex": 0,
            "items": items,
        },
    }


def export_w3c(session: Session, options: ExportOptions = DEFAULT_OPTIONS) -> bytes:
    return orjson.dumps(collection(session, options), option=orjson.OPT_INDENT_2) + b"\n"
