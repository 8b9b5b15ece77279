"""What is said of the study's changes study.json has not taken yet (a full disk), or its
memo's memo.md has not, once the study is read-only here: what is not saved, what the app
does with them, and what the user can do. Worded once, for the banner and for the question
asked at closing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reader.core.read_only import ReadOnly


def since_words(since: datetime, now: datetime) -> str:
    """'since 14:02' (today), 'since 2026-05-02 14:02' (before)."""
    return f"since {since:%H:%M}" if since.date() == now.date() else f"since {since:%Y-%m-%d %H:%M}"


MEMO_CHANGES = "Your changes to the study memo"  # `changes` of the memo, in memo.md


def kept_now(cause: ReadOnly) -> bool:
    """Whether changes not saved as the study turned read-only (`cause`) are kept in a
    rescue copy at once: they can never be written from here. Only another window's lock,
    let go, lets them be saved."""
    return cause is not ReadOnly.STUDY_IN_USE


def unsaved_read_only(
    cause: ReadOnly,
    since: str,
    copy: Path | None,
    changes: str = "Your changes",
    file: str = "study.json",
) -> str:
    """The study turned read-only here (`cause`) with `changes` made `since` not in `file`:
    kept in this window until another window lets the study go, or else in `copy`, written
    now (None: none could be)."""
    if not kept_now(cause):
        return (
            f"{changes} {since} are not in {file}: they are kept in this window, and saved "
            "here once the other window closes the study (close it there to have them saved "
            "now). Closing the study here keeps them in a copy instead."
        )
    unsaved = f"{changes} {since} are not in {file}, and this Interview Reader cannot write "
    unsaved += "them there"
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


def cancel_keeps(cause: ReadOnly | None, file: str = "study.json") -> str:
    """What Cancel does to the study's unsaved changes (its memo's: `file`) in the question
    whether to close the study without them, while it is read-only for `cause` (None: it
    is not)."""
    if cause is None:
        return "Cancel keeps it open; saving is tried again."
    if cause is ReadOnly.STUDY_IN_USE:
        return "Cancel keeps it open, and they are saved once the other window closes the study."
    return f"Cancel keeps it open, read-only: this Interview Reader cannot write them to {file}."
