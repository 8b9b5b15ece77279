"""The transcripts a study could not open, said in one dialog: opening a study (or moving
on from an interview that left it) tries its interviews until one opens, and a dialog for
each spoilt file stood between the user and the study, one after another, before the
status line said what had happened."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from reader.ui.interview.open_interview import OpenInterview

NAMED = 5  # titles in the dialog's text; the rest are counted, and all in its details


@contextmanager
def gathered(interview: OpenInterview) -> Iterator[dict[Path, str]]:
    """While open, what `interview` cannot read is noted (path: why), not said."""
    interview.unreadable = found = {}
    try:
        yield found
    finally:
        interview.unreadable = None


def tell(parent: QWidget | None, unreadable: list[tuple[str, str]]) -> None:
    """One warning for the (title, why) of every transcript that could not be read."""
    if len(unreadable) <= 1:  # one says why in its own words, as when opened alone
        for _title, why in unreadable:
            QMessageBox.warning(parent, "Cannot open the interview", why)
        return
    titles = [f"“{title}”" for title, _ in unreadable[:NAMED]]
    if len(unreadable) > NAMED:
        titles.append(f"… and {len(unreadable) - NAMED} more.")
    lines = [f"{len(unreadable)} transcripts could not be read:", *titles]
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Cannot open some interviews",
        "\n".join([*lines, "", "Show Details… says why for each."]),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setDetailedText("\n\n".join(f"“{title}”: {why}" for title, why in unreadable))
    box.exec()
