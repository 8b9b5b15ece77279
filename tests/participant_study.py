"""A study whose transcripts name their participants in the ways transcripts do, for the
tests of Fill Participants and Dates from Transcripts (tests/core/test_participants.py and
tests/ui/library/test_transcript_filling.py).

P01 Zoom's `<v Name>` voice tags; P02 "Siobhán:" labels; P03 Otter's name lines; P04 a
group (Ana and Ben answer); P05 "Speaker 1"/"Speaker 2"; P06 a participant the user typed
(the transcript names Tamati); P07 a Q&A without names; P08 a notes file that puts Rosa
Diaz, who asks more, on the answering side (detection has her asking). P03's Otter header
gives its date; P02's "Date:" line gives one too, but the user typed another.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.core.document import load_document
from reader.core.interview import Role
from reader.core.notes_file import NotesData
from reader.core.store import save_notes
from reader.core.study import open_study
from tests.conftest import DATA

SOURCE = DATA / "participants"
TYPED = "Aroha Ngata"
FILLED = {
    "P01": "José Ángel Muñoz",
    "P02": "Siobhán",
    "P03": "Kwame Mensah",
    "P06": TYPED,
    "P08": "Rosa Diaz",
}
TYPED_DATE = "2025-06-03"
DATED = {"P02": TYPED_DATE, "P03": "2025-09-15"}
REPORT = (
    "Filled 4 participants and 1 date. 3 participants left empty: P04 (two speakers answer: "
    "Ana, Ben), P05 (only a generic label answers: Speaker 2), P07 (no speaker named)."
)


def write_participant_study(folder: Path) -> Path:
    """The study in `folder` (made), saved, P06's participant and P02's date typed, P08's
    sides corrected."""
    folder.mkdir(parents=True)
    for path in sorted(SOURCE.iterdir()):
        shutil.copy(path, folder / path.name)
    study = open_study(folder)
    by_title = {entry.title: entry for entry in study.interviews}
    study.update_interview(by_title["P06"].id, participant=TYPED)
    study.update_interview(by_title["P02"].id, date=TYPED_DATE)
    sides = by_title["P08"]
    meta = load_document(study.transcript_path(sides)).meta()
    corrected = {"Rosa Diaz": Role.ANSWER, "Omar Haddad": Role.QUESTION}
    save_notes(study.notes_path(sides), NotesData(document=meta, sides=corrected))
    study.save()
    return folder
