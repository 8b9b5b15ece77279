"""The full model as one JSON object: the notes file's content plus the segments in order,
and, for a transcript file that gave them, its turns (speaker, offsets, start_ms and end_ms
or null) and its cues (where each timed cue's words start, start_ms, end_ms or null).

Each highlight also carries `segment` (index into `segments`) and `question` (its question
number; null before Q1, in asides and for orphans). In a timed transcript (a file's times,
or times written in the text), the model has `times`, the places whose time the margin
shows (offset and ms), and each highlight `time`, its paragraph's as the margin shows it
("12:05"; null for an orphan), and `spoken_ms`, when its first words are said (null
before the first time). Filters leave out highlights only.
"""

from __future__ import annotations

from typing import Any

import orjson

from reader.core.export.common import (
    DEFAULT_OPTIONS,
    ExportOptions,
    Progress,
    place,
    place_timed,
    selected,
)
from reader.core.session import Session


def model_json(session: Session, options: ExportOptions = DEFAULT_OPTIONS) -> dict[str, Any]:
    text = session.document.text
    times = session.sync_table()
    timed = len(times) > 0  # untimed, the export keeps the shape it always had
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
            if session.document.cues:
                data["cues"] = [
                    {"start": start, "start_ms": start_ms, "end_ms": end_ms}
                    for start, start_ms, end_ms in session.document.cues
                ]
            if timed:
                data["times"] = [{"start": start, "ms": ms} for start, ms in times.marks]
    highlights = selected(session, options)
    progress = Progress(options, len(highlights))
    data["highlights"] = []
    for h in progress.each(highlights):
        placed = place_timed(session, h, times) if timed else place(session, h)
        item = {**h.to_json(), "segment": placed.segment, "question": placed.question}
        if timed:
            spoken = times.ms_at(h.start) if placed.segment is not None else None
            item |= {"time": placed.time or None, "spoken_ms": spoken}
        data["highlights"].append(item)
    return data


def export_json(session: Session, options: ExportOptions = DEFAULT_OPTIONS) -> bytes:
    return orjson.dumps(model_json(session, options), option=orjson.OPT_INDENT_2) + b"\n"
