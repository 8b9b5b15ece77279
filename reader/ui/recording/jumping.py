"""Jumping by time: from a place in the text to the time it is spoken (Ctrl+click in the
text, Play Paragraph), stopping at the paragraph's end; from the time playing to the
words said then (Go to Words Being Said); to a time typed (Go to Time…); and the
transcript's times for the recording on show, the last stretch ending with the recording."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from reader.ui.interview.open_interview import OpenInterview
from reader.ui.reading.reader_view import ReaderView
from reader.ui.recording import time_links
from reader.ui.recording.availability import NO_TIMES

if TYPE_CHECKING:
    from reader.core.session import Session
    from reader.core.sync import SyncTable

NOTHING_SAID = "Nothing is said yet: the transcript's first time is later in the recording."
TIME_FORMS = "1:23 or 1:02:03"  # how a time is typed for Go to Time…


class Playing(time_links.Playing, Protocol):
    """What of the recording (recording.py, which makes the jumps) jumping needs."""

    table: SyncTable | None  # the times of the transcript on show


def times(session: Session, duration_ms: int) -> SyncTable:
    """The transcript's times, the last stretch ending with the recording once its length
    is known (Play Paragraph stops at the end of the last paragraph too)."""
    return session.sync_table().ending_at(duration_ms)


class TimeJumps:
    def __init__(self, recording: Playing, interview: OpenInterview, reader: ReaderView) -> None:
        self._recording, self._interview, self._reader = recording, interview, reader

    def play_from(
        self, offset: int, until_end_of_paragraph: bool = False, until: int | None = None
    ) -> None:
        """Play from the time `offset` in the text is spoken; to the end of its paragraph,
        or to the time the words ending at `until` are said."""
        recording, session = self._recording, self._interview.session
        table = recording.table
        if recording.playable() is None or session is None or table is None:
            return
        if not len(table):
            recording.say(NO_TIMES, 5000)
            return
        ms = table.ms_at(offset)
        if ms is None:
            recording.say("This part of the transcript comes before any time.", 4000)
            return
        segment = session.segment_at(offset)
        text = session.document.text
        stop = until if until is not None else segment.end if segment else None
        end = table.end_ms(stop, text) if until_end_of_paragraph and stop is not None else None
        if recording.seek(ms, play=True):  # not past the recording's end
            recording.stop_at = end if end is not None and end > ms else None

    def play_paragraph(self) -> None:
        """Ctrl+Shift+Space: the paragraph at the reader's caret, from its start to its end;
        words selected, or a highlight, from their start to the end of the paragraph they
        end in (it played the caret's paragraph alone, at the selection's end, and stopped
        at the end of the caret's paragraph, though the highlight went on over two more)."""
        session, reader = self._interview.session, self._reader
        if session is None or reader.reading is None:
            return
        offset = reader.cursor_offset()
        highlight = reader.current_highlight()
        passage = reader.selected_range()
        if passage is None and highlight is not None:
            passage = highlight.start, highlight.end
        if passage is not None:
            start, end = passage
            last = session.segment_at(max(start, end - 1))
            until = last.end if last is not None else end
            self.play_from(start, until_end_of_paragraph=True, until=until)
            return
        segment = session.segment_at(offset)
        self.play_from(segment.start if segment else offset, until_end_of_paragraph=True)

    def go_to_said(self) -> None:
        """Ctrl+J: the reader's caret at the start of the word being said, in view, with the
        focus, to select and highlight what was just heard from the keys: following moves
        the view, not the caret, and Shift+Down selected from where it had been left."""
        recording, session, reader = self._recording, self._interview.session, self._reader
        table = recording.table
        if recording.playable() is None or session is None or table is None:
            return
        offset = table.offset_at(recording.position())
        if offset is None:
            recording.say(NOTHING_SAID, 4000)
            return
        text = session.document.text
        while offset > 0 and not text[offset - 1].isspace():  # to its word's start
            offset -= 1
        reader.select_span(offset, offset)

    def go_to_time(self) -> None:
        """Ctrl+T: the recording at a time typed ("25:14", "1:02:03", seconds), playing
        or paused as it was: "at 25:14 she says…" had only the slider, a few seconds wide."""
        from reader.core.sync import format_time, link_ms

        recording = self._recording
        if recording.playable() is None:
            return
        from reader.ui.dialogs import get_text  # dialogs load on first use, not at start-up

        typed, ok = get_text(
            self._reader.window(),
            "Go to Time",
            f"Time in the recording ({TIME_FORMS}):",
            format_time(recording.position()),
            "Time in the recording",
            f"Where the recording goes on Enter, written as {TIME_FORMS}",
        )
        typed = typed.strip()
        if not ok or not typed:
            return
        ms = link_ms(f"#t={typed}")  # as a time link in the notes gives it
        if ms is None:
            recording.say(f"“{typed}” is no time: write it as {TIME_FORMS}.", 5000)
            return
        recording.seek(ms)
