"""The full model as one JSON object: the notes file's content plus the segments in order,
and, for a transcript file that gave them, its turns (speaker, offsets, start_ms and end_ms
or null).

Each highlight also carries `segment` (index into `segments`) and `question` (its question
number; null before Q1, in asides and for orphans). Filters leave out highlights only.
"""

from __future__ import annotations

from typing import Any

import orjson

from reader.core.export.common import DEFAULT_OPTIONS, ExportOptions, Progress, place, selected
from reader.core.session import Session


def model_json(session: Session, options: ExportOptions = DEFAULT_OPTIONS) -> dict[str, Any]:
    text = session.document.text
    data: dict[str, Any] = {}
    for key, value in session.notes.to_json(native_highlights=True).items():
        data[key] = value
        if key == "document":
            data["segments"] = [
                {
                    "role": str(seg.role),
                    "speaker": seg.speaker,
                    "start": seg.start,
                    "end": seg.end,
                    "text": text[seg.start : seg.end],
                }
                for seg in session.segments
            ]
            turns = session.document.turns
            if turns:  # plain text has none: its export keeps the shape it always had
                data["turns"] = [
                    {
                        "speaker": turn.speaker,
                        "start": turn.start,
                        "end": turn.end,
                        "start_ms": turn.start_ms,
                        "end_ms": turn.end_ms,
                    }
                    for turn in turns
                ]
    highlights = selected(session, options)
    progress = Progress(options, len(highlights))
    data["highlights"] = []
    for h in progress.each(highlights):
        placed = place(session, h)
        data["highlights"].append(
            {**h.to_json(), "segment": placed.segment, "question": placed.question}
        )
    return data


def export_json(session: Session, options: ExportOptions = DEFAULT_OPTIONS) -> bytes:
    return orjson.dumps(model_json(session, options), option=orjson.OPT_INDENT_2) + b"\n"
