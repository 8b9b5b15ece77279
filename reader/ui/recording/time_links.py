"""Time links in the notes: Ctrl+Shift+T puts a link to the recording's time at the notes'
caret (in the study memo, naming the interview), and following one plays from its time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from reader.core.sync import format_time, link_end_ms, link_ms, link_rounded, time_link
from reader.ui.notes.notes_pane import NotesPane

REFUSED_MS = 5000


class Playing(Protocol):
    """What of the recording (recording.py, which makes these) time links need."""

    say: Callable[[str, int], None]  # in the status line, with the recording's messages
    stop_at: int | None  # where playing pauses: Play Paragraph's end, a link's ("#t=35,38")

    def playable(self) -> object | None: ...  # None after saying why it cannot play

    def position(self) -> int: ...

    def seek(self, ms: int, play: bool = False) -> bool: ...


class TimeLinks:
    def __init__(self, recording: Playing, notes: NotesPane) -> None:
        self._recording, self._notes = recording, notes
        self.naming = lambda: ("", "")  # in the study memo: its interview's (memo/wiring.py)

    def insert(self) -> None:
        """A link to the current time at the notes' caret, a step of their undo of its own,
        the notes taking the focus; following it plays from there. Notes that take no
        typing (a study memo that is not UTF-8, say) are left as they are, and the status
        line says why."""
        recording, editor = self._recording, self._notes.editor
        if recording.playable() is None:
            return
        if editor.isReadOnly():
            recording.say(self._notes.why_read_only(), REFUSED_MS)
            return
        from reader.ui.notes.formatting import own_step

        ms, (name, place) = recording.position(), self.naming()
        cursor = editor.textCursor()
        cursor.setPosition(cursor.selectionEnd())  # after selected words, not over them
        with own_step(cursor):  # Ctrl+Z takes the link alone back, not the words before
            cursor.insertText(time_link(ms, name, place) + " ")
        editor.setTextCursor(cursor)
        # Pressed while reading, Ctrl+Z there took back the interview's last highlight.
        self._notes.take_focus()
        where = "the study memo" if name else "your notes"
        recording.say(f"Inserted {format_time(link_rounded(ms))} in {where}.", 3000)

    def follow(self, url: str) -> None:
        """#t=… links in the notes play from their time, and to their end where they give
        one ("#t=35,38", a W3C media fragment); other links are someone else's."""
        ms = link_ms(url)
        if ms is not None and self._recording.seek(ms, play=True):
            self._recording.stop_at = link_end_ms(url)
