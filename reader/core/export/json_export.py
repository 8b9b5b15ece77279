"""The full model as one JSON object: the notes file's content plus the segments in order."""

from __future__ import annotations

from typing import Any

import orjson

from reader.core.session import Session


def model_json(session: Session) -> dict[str, Any]:
    text = session.document.text
    data: dict[str, Any] = {}
    for key, value in session.notes.to_json().items():
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
    return data


def export_json(session: Session) -> bytes:
    return orjson.dumps(model_json(session), option=orjson.OPT_INDENT_2) + b"\n"
