"""Which recording the open interview has: File ▸ Attach Recording…, the player bar's
Locate…, a recording dropped on the window, and Playback ▸ Detach Recording. Each is a
step of the interview's undo, so a recording detached by mistake comes back with Edit ▸
Undo, where it stood."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QDropEvent, QUndoCommand
from PySide6.QtWidgets import QMainWindow

from reader.core.media_suffixes import SUFFIXES
from reader.core.notes_file import RecordingRef
from reader.core.recording import stored_path
from reader.ui.dropped import dropped_paths
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.recording.attach_dialog import ask_for_recording

# The notes' recording (None: none), and whether one was detached (none is looked for
# beside the transcript then).
Attached = tuple[RecordingRef | None, bool]


class Shown(Protocol):
    """What of the recording (recording.py, which shows it) attaching needs."""

    say: Callable[[str, int], None]  # in the status line, with the recording's messages
    path: Path | None  # the recording shown in the bar, playable or not

    def place_for(self, path: Path) -> int: ...  # where `path` starts once attached

    def remember_position(self, save: bool) -> None: ...

    def show(self, ref: RecordingRef | None, detached: bool) -> None: ...


class RecordingStep(QUndoCommand):
    """The interview's recording changed to `after`; undone, back to the one before, each
    where it stood when left (it played on meanwhile). Where another machine's notes
    (merged) have changed it since, it is left as they have it, and the step goes."""

    def __init__(
        self,
        text: str,
        now: Callable[[], Attached],
        show: Callable[[RecordingRef | None, bool], None],
        after: Attached,
    ) -> None:
        super().__init__(text)
        self._now, self._show, self._after = now, show, after
        self._before: Attached | None = None  # known once done

    def redo(self) -> None:
        now = self._now()
        if self._before is not None and not _same(now, self._before):
            self.setObsolete(True)
            return
        self._before = now
        self._show(*self._after)

    def undo(self) -> None:
        now = self._now()
        if self._before is None or not _same(now, self._after):
            self.setObsolete(True)
            return
        self._after = now
        self._show(*self._before)


def _same(one: Attached, other: Attached) -> bool:
    """The same recording (wherever it plays), or none alike."""
    return (one[0] and one[0].path, one[1]) == (other[0] and other[0].path, other[1])


class Attaching(QObject):
    def __init__(self, shown: Shown, interview: OpenInterview, window: QMainWindow) -> None:
        super().__init__(window)
        self._shown, self._interview, self._window = shown, interview, window
        # Made after the study's drops (library/study_actions.py), so asked before them
        # (the filter installed last is asked first): a recording dropped alone is the
        # open interview's, not a file for the study, nor a transcript to open.
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = dropped_paths(event.mimeData())
            path = paths[0] if len(paths) == 1 else Path()
            if path.suffix.lower() in SUFFIXES and path.is_file() and self._interview.session:
                event.acceptProposedAction()
                # After the drop returns: a read-only refusal is said, not asked.
                QTimer.singleShot(0, self, lambda: self._dropped(path))
                return True
        return super().eventFilter(watched, event)

    def _dropped(self, path: Path) -> None:
        if self._interview.session is not None and not self._refused_read_only():
            self.attach(path)

    def choose(self) -> None:
        """File ▸ Attach Recording…, and Locate… for a missing one."""
        session = self._interview.session
        if session is None:
            self._shown.say("Open an interview first.", 4000)
            return
        if self._refused_read_only():
            return
        path = ask_for_recording(self._window, self._shown.path, Path(session.document.source))
        if path is not None:
            self.attach(path)

    def attach(self, path: Path) -> None:
        notes_path = self._interview.notes_path
        if self._interview.session is None or notes_path is None:
            return
        ref = RecordingRef(stored_path(path, notes_path), self._shown.place_for(path))
        self._step("Attach Recording", ref)

    def detach(self) -> None:
        if self._interview.session is None or self._shown.path is None:
            return
        if not self._refused_read_only():
            self._step("Detach Recording", None)
            self._shown.say("The recording was detached from this interview.", 4000)

    def _refused_read_only(self) -> bool:
        """Read-only notes keep their recording: a change would be shown, never saved."""
        if self._interview.read_only:
            self._shown.say(self._interview.why_read_only(), 5000)
        return self._interview.read_only

    def _step(self, text: str, ref: RecordingRef | None) -> None:
        controller = self._interview.controller
        if controller is not None:
            step = RecordingStep(text, self._now, self._shown.show, (ref, ref is None))
            controller.undo_stack.push(step)

    def _now(self) -> Attached:
        """The open interview's recording as its notes have it, with where it plays now."""
        self._shown.remember_position(save=False)
        session = self._interview.session
        notes = session.notes if session is not None else None
        return (notes.recording, notes.recording_detached) if notes else (None, False)
