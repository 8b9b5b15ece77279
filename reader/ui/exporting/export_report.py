"""How every export says it is done, whatever its format (Markdown, HTML, CSV, JSON, W3C,
REFI-QDA, PDF, print to a file): the status line, with the file's whole path. The banner
above the panes only for what the user should see to the end: what an export left out
(interviews it could not read, passages not found in their text), a line that Dismiss or
Escape hides and that the next export takes back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from reader.core.store import describe_os_error
from reader.ui.window.banner import Banner

STATUS_MS = 10_000  # long enough to read a path


class ExportReport:
    def __init__(self, status: Callable[[str, int], None], banner: Banner, parent: QWidget) -> None:
        self._status = status
        self._banner = banner
        self._parent = parent
        self._shown = ""  # the banner line this report showed last

    def exported(
        self, path: str | Path, left_out: Sequence[str] = (), what: str = "", caution: str = ""
    ) -> None:
        """`path` written (`what` it holds, e.g. "12 codes"); a line for `left_out` and for
        a `caution` about the file (cells Excel would cut)."""
        self.say(f"Exported {f'{what} ' if what else ''}to {path}")
        name = Path(path).name
        lines = [f"Left out of {name}: {'; '.join(left_out)}"] if left_out else []
        if caution:
            lines.append(f"In {name}, {caution}.")
        if lines:
            self._shown = " ".join(lines)
            self._banner.show_message(self._shown, [])

    def say(self, text: str) -> None:
        """`text` in the status line; a line an earlier export left in the banner goes."""
        if self._shown and self._banner.isVisible() and self._banner.text() == self._shown:
            self._banner.show_message("")
        self._shown = ""
        self._status(text, STATUS_MS)

    def failed(self, path: str | Path, why: OSError | str, doing: str = "Export") -> None:
        """`path` could not be written: a problem the user must see, in a box of its own
        titled as what was `doing` ("Export", "Print")."""
        self.say(f"Nothing was {doing.lower()}ed.")
        reason = describe_os_error(why) if isinstance(why, OSError) else why
        text = f"{path} could not be written: {reason}"
        QMessageBox.warning(self._parent, doing, text)
