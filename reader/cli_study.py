"""The study folder a command reads (an export): opened without writing into it, what
opening found said, and refused where it is no study and holds no transcript (a mistyped
folder, a folder of PDFs), where an empty export said nothing and the command succeeded."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli_messages import say

if TYPE_CHECKING:
    from reader.core.study import Study

ADD = "add transcripts to it, or give another folder."


def study_to_read(folder: Path) -> Study | str:
    """The study in `folder`, or the one-line reason there is none to read."""
    from reader.core.study import StudyError, open_study
    from reader.core.study_scan import no_interviews_words

    try:
        study = open_study(folder, touch_disk=False)
    except StudyError as exc:
        return f"{str(exc).rstrip('.')}."
    for warning in study.warnings:
        say(warning)
    if not study.interviews and not study.file.exists():  # a study.json of codes alone is one
        words = no_interviews_words(folder, ADD)
        return f"{folder}: {words[0].lower()}{words[1:]}"
    return study
