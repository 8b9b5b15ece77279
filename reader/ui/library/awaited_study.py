"""A study whose study.json another program is writing as it is opened (it looks half
written: reader/core/half_written.py) opens by itself once that write is done, unless
something else was opened meanwhile; the status bar says so until then, and no longer
after (it said the study was coming when it was not). Before, a warning said to try again
in a few seconds, and at start-up the sample opened instead. It waits for a dialog open
then (a highlight's note being written) to close: opened under it, the study closed the
interview the dialog was for, and what was typed in it went nowhere."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from reader.ui.passing_status import PassingStatus

AFTER_DIALOG_MS = 250  # how often a dialog open when the study's moment came is looked at


class AwaitedStudy(QObject):
    """Opens an awaited study (`open_folder(folder, interview_id)`) once its wait is over;
    `say(text, ms)` puts a line on `window`'s status bar."""

    def __init__(
        self,
        parent: QObject,
        open_folder: Callable[[Path, str], bool],
        say: Callable[[str, int], None],
        window: QMainWindow,
    ) -> None:
        super().__init__(parent)
        self._open_folder, self._status = open_folder, PassingStatus(say, window.statusBar())
        self._awaited: tuple[Path, str] | None = None
        self._timed: tuple[Path, str] | None = None  # what `moment` was started for
        self._keeping = False  # what opens is the app's choice, not the user's (`kept`)
        # One timer, not one a wait: a wait asked again restarts it.
        self.moment = QTimer(self, singleShot=True)
        self.moment.timeout.connect(lambda: self._open(self._timed))

    def wait(self, folder: Path, interview_id: str, wait_ms: int) -> None:
        self._awaited = awaited = folder, interview_id
        self._status.say(
            f"Another program is writing the study “{folder.name}”: it opens in a moment, "
            "once that is done.",
            wait_ms + 2000,
        )
        self._timed = awaited
        self.moment.start(wait_ms)

    def forget(self) -> None:
        """Something else is opened: the awaited study no longer is, nor said to be."""
        if self._awaited is not None and not self._keeping:
            self._status.take_back()
            self._awaited = None

    def switched(self, interview_id: str) -> None:
        """Another interview of the study open is open (`interview_id`; "" for none): opened
        meanwhile, as one opened by its file is, it stays open."""
        if interview_id:
            self.forget()

    @contextmanager
    def kept(self) -> Iterator[None]:
        """Still awaited, and said to be, after what the app opens meanwhile of itself (at
        start-up, the sample in its place; the next interview, the one open having left the
        study): only what the user opens cancels the wait."""
        keeping, self._keeping = self._keeping, True
        try:
            yield
        finally:
            self._keeping = keeping

    def _open(self, awaited: tuple[Path, str] | None) -> None:
        if awaited is None or self._awaited != awaited:
            return  # something else was opened meanwhile
        if QApplication.activeModalWidget() is not None:
            self.moment.start(AFTER_DIALOG_MS)
            return
        self._awaited = None
        self._open_folder(*awaited)  # waits again if the write is still under way
