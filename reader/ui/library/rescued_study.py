"""The study's changes study.json could not take (a full disk, the folder renamed while
open), kept in a rescue copy in the data folder when the app ends or the user closes the
study anyway, and offered for merging when the study opens again: as the notes' and the
memo's are (persistence/offered_copies.py). Loaded when first needed (start-up, #17)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QWidget

from reader.core.read_only import ReadOnly
from reader.core.store import (
    came_from,
    rescue_copy,
    rescued_copies,
    rescued_line,
    rewrite_rescued,
)
from reader.core.study_file import StudyFormatError
from reader.core.study_unsaved import cancel_keeps, kept_now, unsaved_read_only
from reader.ui.persistence.offered_copies import (
    BannerActions,
    kept_where,
    merge_each,
    put_away_said,
    rescued_said,
    show_folder,
)

if TYPE_CHECKING:
    from reader.core.study import Study


def rescue_name(study: Study) -> Path:
    """What a rescue copy of `study` is named after: its folder ("Night shifts study.json")."""
    return study.file.with_name(f"{study.folder.name} {study.file.name}")


def keep_unsaved(study: Study, kept: Path | None = None) -> Path | None:
    """What study.json cannot take, in `kept`, the rescue copy of it made since saving began
    to fail, written over; else (none yet, or gone: merged, put away, taken back) in a new
    one, so that a crash or a kill before a save succeeds loses none of it. Where; None if
    nowhere."""
    if kept is not None and rewrite_rescued(kept, study.to_bytes()):
        return kept
    return rescue_copy(study.file, study.to_bytes(), rescue_name(study), study.read_hash)


def rescue_study(study: Study, kept: Path | None = None) -> str:
    """study.json cannot take the study as the app is made to end: its content goes to a
    rescue copy (`kept`, if one was made); the report line."""
    return rescued_line("the study", study.file, keep_unsaved(study, kept))


def kept_read_only(study: Study, since: str, kept: Path | None = None) -> tuple[str, bool]:
    """`study` turned read-only here with changes made `since` study.json has not taken:
    what becomes of them, in words, and whether they are kept in a rescue copy now. Only
    another window's lock (let go, they are saved) keeps them in this window alone."""
    cause = study.read_only_cause
    assert cause is not None
    copy = None
    if kept_now(cause):  # never written from here
        copy = keep_unsaved(study, kept)
    return unsaved_read_only(cause, since, copy), copy is not None


def may_close_unsaved(parent: QWidget, study: Study, kept: Path | None = None) -> bool:
    """study.json cannot take the study's last changes: whether to close it anyway, as the
    user is asked. A copy is kept first (in `kept`, if one was made), so that the question
    says where."""
    copy = keep_unsaved(study, kept)
    unsaved = f"The study's last changes could not be saved to {study.file}."
    return ask_to_close(parent, "Study not saved", unsaved, copy, study.read_only_cause)


def ask_to_close(
    parent: QWidget,
    title: str,
    unsaved: str,
    copy: Path | None,
    cause: ReadOnly | None,
    file: str = "study.json",
) -> bool:
    """Whether to close the study though `file` did not take what `unsaved` says, kept in
    `copy` (None: none could be), as the user is asked, while the study is read-only for
    `cause`; cancelled, the copy goes (the study is still open, and what becomes of them
    is said)."""
    from reader.ui.dialogs import may_discard

    where, cancel = kept_where(copy, "the study"), cancel_keeps(cause, file)
    go_on = may_discard(parent, title, f"{unsaved}\n\nClose it anyway? {where} ({cancel})")
    if copy is not None and not go_on:
        copy.unlink(missing_ok=True)
    return go_on


class StudyOwner(Protocol):
    """What owns the open study (library/open_study.py): the study, and what says so."""

    study: Study | None
    status: Any  # Signal(str, int)
    message: Any  # Signal(str)

    def study_edited(self) -> None: ...


def rescued_offer(owner: StudyOwner) -> tuple[str, BannerActions] | None:
    """The banner's words and buttons offering the rescue copies of the study `owner` has
    open that hold other than its study.json; None when there are none. Merged, the study
    is edited (saved and shown again). Read-only here, they are named and shown, to be
    merged once it can be changed (another window lets it go, or it opens writable)."""
    study = owner.study
    if study is None:
        return None
    try:
        raw: bytes | None = study.file.read_bytes()
    except OSError:
        raw = None
    copies = rescued_copies(rescue_name(study), study.file, raw)
    if not copies:
        return None
    said = rescued_said(copies, "the study", "study.json")
    if study.read_only:
        return f"{said} Merging waits until the study can be changed here.", [show_folder(copies)]
    # Made from study.json as it is now: what they changed or removed is taken so.
    descended = [copy for copy in copies if came_from(copy, raw)]
    kept = study.notes_dir / study.file.name  # filed with the notes' backups

    def merge_one(copy: Path) -> bool:
        if study.read_only:
            return False
        try:
            study.merge_copy(copy.read_bytes(), copy in descended)
        except (OSError, StudyFormatError):
            return False
        return True

    def merge_them() -> None:
        merged = merge_each(copies, merge_one, kept)
        if merged:
            owner.study_edited()
            copies_said = "the rescued copy" if merged == 1 else f"{merged} rescued copies"
            owner.status.emit(f"Merged {copies_said} into the study.", 8000)
        if merged < len(copies):
            owner.message.emit("A rescued copy of the study could not be merged; it is left.")

    def put_away() -> None:
        owner.message.emit(put_away_said(copies, kept))

    actions: BannerActions = [("Merge Into Study", merge_them), show_folder(copies)]
    actions.append(("Put Away", put_away))
    return said, actions
