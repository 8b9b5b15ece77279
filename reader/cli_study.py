"""The study folder a command reads (an export): opened without writing into it, what
opening found said, and refused where it is no study and holds no transcript (a mistyped
folder, a folder of PDFs), where an empty export said nothing and the command succeeded,
or holds the transcripts of a study above it (exported without their notes), or has a
change across its interviews not finished in every notes file (an export showed half a
code merge after the app was stopped in it)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli_messages import reason, say

if TYPE_CHECKING:
    from reader.core.study import InterviewEntry, Study

ADD = "add transcripts to it, or give another folder."
NOTES_OF_A_STUDY = "--notes names one interview's notes; a study keeps its own."


def study_to_read(folder: Path, notes: Path | None = None) -> Study | str:
    """The study in `folder`, or the one-line reason there is none to read (or that
    `notes`, given with --notes, has no place in it: every export refuses it alike)."""
    from reader.core.study import StudyError, open_study
    from reader.core.study_scan import no_interviews_words

    if notes is not None:
        return NOTES_OF_A_STUDY
    try:
        study = open_study(folder, touch_disk=False)
    except StudyError as exc:
        return f"{reason(exc)}."
    for warning in study.warnings:
        say(warning)
    if words := unfinished_change(study):
        return words
    if not study.interviews and not study.file.exists():  # a study.json of codes alone is one
        words = no_interviews_words(folder, ADD)
        return f"{folder}: {words[0].lower()}{words[1:]}"
    if not study.file.exists() and (holding := _study_holding(study)) is not None:
        return (
            f"{folder} holds interviews of the study in {holding}, which keeps their notes; "
            "give that folder."
        )
    return study


def _study_holding(study: Study) -> Path | None:
    """The folder of the study above `study`'s (a folder with no study.json) that lists its
    first interview: `export STUDY/transcripts` (where an imported project's transcripts
    go) exported each interview without its notes, "0 highlights", and succeeded."""
    from reader.core.study import study_of

    found = study_of(study.transcript_path(study.interviews[0]))
    if found is None:
        return None
    holding, folder = found[0].folder.resolve(), study.folder.resolve()
    return holding if holding != folder and folder.is_relative_to(holding) else None


def unfinished_change(study: Study) -> str:
    """Why the study is not to be read yet, "" when it is: a code merge or deletion, or a
    speaker renamed, across its interviews, recorded and not yet in every notes file
    (core/under_way.py). Refused rather than finished here: finishing writes notes files,
    which the window holding the study may be writing (the change may be its own, under
    way), and an export never writes into a study."""
    from reader.core.code_change_record import code_change_path
    from reader.core.speaker_rename import rename_path

    if not any(p.exists() for p in (code_change_path(study.file), rename_path(study.file))):
        return ""
    return (
        f"{study.folder}: a change across the study's interviews (codes merged or deleted, "
        "or a speaker renamed) is not finished in every interview's notes yet, and its "
        "notes read now would show it half done. Open the study in Interview Reader, which "
        "finishes it (if it is open, close it and open it again), then try again."
    )


@cache
def study_listing(document: Path) -> tuple[Study, InterviewEntry] | None:
    """The study that lists `document` and its entry there (`study_of`), looked up once a
    command (main forgets it after each): an interview of a study exported alone asked
    three times (for its notes, the files -o must not write over, a .qdpx's record), each
    parsing study.json and scanning the folder, and the three could disagree."""
    from reader.core.study import study_of

    return study_of(document)
