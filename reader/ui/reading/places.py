"""Where the reader and the research notes stood in each interview: the reader's scroll,
caret and selection, the notes' scroll and caret. Kept when an interview is left (another
opens, the study or the window closes) and given back when it opens again, while
switching in a study and after a restart alike (in the settings file, by notes file, the
last KEEP interviews). Positions are kept in code points, as every offset the app
writes (reader/core/offsets.py), and turned into Qt's UTF-16 units when put back."""

from __future__ import annotations

from dataclasses import astuple, dataclass, replace

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, QTimer
from PySide6.QtWidgets import QPlainTextEdit

from reader.core.offsets import Utf16Index
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.reading.reader_view import ReaderView
from reader.ui.settings import SettingsMap

KEY = "places/by-notes"
KEEP = 100


@dataclass(frozen=True)
class Place:
    """Where the user was in an interview: the reader's and the notes' place."""

    top: int  # the reader's first character in sight
    below_top: int  # pixels its paragraph's top is scrolled past
    anchor: int
    position: int
    notes_scroll: int
    notes_position: int


class Places(QObject):
    def __init__(
        self,
        interview: OpenInterview,
        reader: ReaderView,
        notes: QPlainTextEdit,
        settings: QSettings,
    ) -> None:
        super().__init__(interview)
        self.interview, self.reader, self.notes = interview, reader, notes
        self._stored = SettingsMap(settings, KEY, KEEP)
        self._pending: Place | None = None  # for a reader not shown yet (a start)
        interview.aboutToClose.connect(self.keep)
        interview.opened.connect(self.restore)
        reader.installEventFilter(self)

    def get(self, key: str) -> Place | None:
        value = self._stored.get(key)
        if not isinstance(value, list) or len(value) != 6:
            return None
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            return None
        return Place(*value)

    def keep(self) -> None:
        """The open interview's place, as the interview is left."""
        path = self.interview.notes_path
        if path is None:
            return
        place = self._pending or self._take()
        if not self._notes_shown():  # the study memo shows: the notes' place as it was
            kept = self.get(str(path.absolute()))
            place = replace(place, notes_scroll=0, notes_position=0)
            if kept is not None:
                place = replace(
                    place, notes_scroll=kept.notes_scroll, notes_position=kept.notes_position
                )
        self._stored.put(str(path.absolute()), list(astuple(place)))

    def _notes_shown(self) -> bool:
        """Whether the notes editor shows this interview's notes (not the study memo)."""
        return self.notes.document() is self.interview.notes_document

    def _take(self) -> Place:
        reader, cursor = self.reader, self.reader.textCursor()
        top = reader.cursorForPosition(QPoint(0, 0)).block()
        block_top = reader.document().documentLayout().blockBoundingRect(top).top()
        below = reader.verticalScrollBar().value() - round(block_top)
        reading = reader.reading
        assert reading is not None  # an interview is open
        return Place(
            reading.to_model(top.position()),
            below,
            reading.to_model(cursor.anchor()),
            reading.to_model(cursor.position()),
            self.notes.verticalScrollBar().value(),
            self._notes_index().to_code_point(self.notes.textCursor().position()),
        )

    def _notes_index(self) -> Utf16Index:
        return Utf16Index(self.notes.toPlainText())

    def restore(self, *_args: object) -> None:
        path = self.interview.notes_path
        place = self.get(str(path.absolute())) if path is not None else None
        self._pending = None
        if place is None:
            return
        if self.reader.isVisible():
            self._put(place)
        else:  # laid out at its size once shown: a scroll put before would be off
            self._pending = place

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._pending is not None:
            # After the reader's own first show, which scrolls to the caret; before it paints.
            QTimer.singleShot(0, self, self._put_pending)
        return False

    def _put_pending(self) -> None:
        if self._pending is not None:
            place, self._pending = self._pending, None
            self._put(place)

    def _put(self, place: Place) -> None:
        reading = self.reader.reading
        if reading is None:
            return
        document = self.reader.document()
        size = document.characterCount() - 1
        cursor = self.reader.textCursor()
        cursor.setPosition(min(reading.to_qt(place.anchor), size))
        cursor.setPosition(min(reading.to_qt(place.position), size), cursor.MoveMode.KeepAnchor)
        self.reader.setTextCursor(cursor)
        # Laid out up to that paragraph (a long text is laid out a page at a time).
        block = document.findBlock(min(reading.to_qt(place.top), size))
        block_top = document.documentLayout().blockBoundingRect(block).top()
        self.reader.verticalScrollBar().setValue(round(block_top) + place.below_top)
        if not self._notes_shown():
            return
        notes_cursor = self.notes.textCursor()
        notes_at = self._notes_index().to_utf16(place.notes_position)
        notes_cursor.setPosition(min(notes_at, self.notes.document().characterCount() - 1))
        self.notes.setTextCursor(notes_cursor)
        self.notes.verticalScrollBar().setValue(place.notes_scroll)
