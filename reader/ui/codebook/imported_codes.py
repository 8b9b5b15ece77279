"""The codes an import of annotations brought (their tags) as the import is done, undone
and redone: in a study its codebook follows them (loaded on an import's first step)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.code_adoption import taken_back

if TYPE_CHECKING:
    from reader.core.codebook import Code
    from reader.ui.codebook.hub import CodebookHub


def follow_import(hub: CodebookHub, taken_out: list[Code]) -> None:
    """The open interview's import was done or redone (`taken_out` empty): in a study, its
    codes join the study's codebook at once, as on opening; or undone (`taken_out`: the
    codes it took out of the notes): those no interview of the study carries leave it."""
    study = hub.study
    writable = taken_out and study is not None and study.can_write()
    if writable and taken_back(study.writable_codebook(), taken_out, set(hub.counts())):
        hub.owner.save()
    hub.notes_brought()
    hub.changed.emit()  # the Codebook lists them, or no more
