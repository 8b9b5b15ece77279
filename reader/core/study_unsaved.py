"""What is said of the study's changes study.json has not taken yet (a full disk) once the
study is read-only here: what is not saved, what the app does with them, and what the user
can do. Worded once, for the banner and for the question asked at closing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reader.core.read_only import ReadOnly


def since_words(since: datetime, now: datetime) -> str:
    """'since 14:02' (today), 'since 2026-05-02 14:02' (before)."""
    return f"since {since:%H:%M}" if since.date() == now.date() else f"since {since:%Y-%m-%d %H:%M}"


def unsaved_read_only(cause: ReadOnly, since: str, copy: Path | None) -> str:
    """The study turned read-only here (`cause`) with changes made `since` not in
    study.json: kept in this window until another window lets the study go, or else in
    `copy`, written now (None: none could be)."""
    if cause is ReadOnly.STUDY_IN_USE:
        return (
            f"Your changes {since} are not in study.json: they are kept in this window, and "
            "saved here once the other window closes the study (close it there to have them "
            "saved now). Closing the study here keeps them in a copy instead."
        )
    unsaved = (
        f"Your changes {since} are not in study.json, and this Interview Reader cannot "
        "write them there"
    )
    if copy is None:
        return (
            f"{unsaved}; no copy of them could be kept either (the app's data folder and the "
            "temporary folder cannot be written): they are only in this window, and closing "
            "the study asks before they go."
        )
    return (
        f"{unsaved}: they are kept in a copy, {copy}, offered for merging when the study "
        "opens here and can be changed; or make them again in the Interview Reader that "
        "saved it."
    )


def cancel_keeps(cause: ReadOnly | None) -> str:
    """What Cancel does to the study's unsaved changes in the question whether to close the
    study without them, while it is read-only for `cause` (None: it is not)."""
    if cause is None:
        return "Cancel keeps it open; saving is tried again."
    if cause is ReadOnly.STUDY_IN_USE:
        return "Cancel keeps it open, and they are saved once the other window closes the study."
    return "Cancel keeps it open, read-only: this Interview Reader cannot write them to study.json."
