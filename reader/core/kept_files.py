"""Files an export made in the window never replaces, whatever name the user gives it: a
study's own files (study.json, the memo, their copies), an interview's notes, a
transcript a study lists, and a recording. The save dialog's "Replace?" is the question a
user answers yes to for last week's export, so it guards none of these: a whole-study
export saved as study.json was set aside as damaged at the next opening, and a summary
saved over another interview's transcript took its words. The command line refuses the
files an export reads (cli_output.files_read), and a recording too."""

from __future__ import annotations

from pathlib import Path

from reader.core.media_suffixes import SUFFIXES as MEDIA_SUFFIXES
from reader.core.study_scan import is_notes_file, is_study_file


def why_kept(path: Path) -> str:
    """What `path` is ("it is …"), when it is such a file; "" for any other (an older
    export, a new name)."""
    try:
        if not path.is_file():
            return ""
    except OSError:
        return ""
    if is_study_file(path):
        return "it is the study's own file"
    if is_notes_file(path):
        return "it is an interview's notes file"
    if path.suffix.lower() in MEDIA_SUFFIXES:  # typed "P01.wav": no export is one
        return "it is a recording"
    from reader.core.study import study_of  # a study's modules: on first use

    listed = study_of(path)
    return f"it is the transcript of “{listed[1].title}” in the study" if listed else ""
