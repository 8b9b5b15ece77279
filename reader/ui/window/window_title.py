"""The window's title: the app, the study open, and the interview open by the name the
study gives it (renamed in the Library, the title follows), else its transcript's."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reader import APP_NAME

if TYPE_CHECKING:  # the study modules load when a study opens (start-up, #17)
    from reader.core.session import Session
    from reader.core.study import Study


def window_title(
    study: Study | None, current: str, session: Session | None, read_only: bool
) -> str:
    """`current`: the study's interview open, when `session` is its transcript (the
    switcher names it once the session is open)."""
    named = f" — {study.data.title}" if study is not None else ""
    if session is None:
        return f"{APP_NAME}{named} — no interview open" if study is not None else APP_NAME
    title = session.document.title
    entry = next((e for e in study.interviews if e.id == current), None) if study else None
    if study is not None and entry is not None:
        source = os.path.normpath(session.document.source)
        title = entry.title if str(study.transcript_path(entry)) == source else title
    return f"{APP_NAME}{named} — {title}{' (read-only)' if read_only else ''}"
