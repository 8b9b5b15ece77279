"""The quick code picker: a small popup beside the passage. Type to filter (fuzzy: "trst"
finds Trust), Up/Down to choose, Enter applies and closes, Ctrl+Enter applies and stays
open for another code (on the code applied, what was typed kept); a name no code has
offers to create it, first unless it is a slip on a code's name or part of one. The codes
the passage carries already are ticked; with nothing typed the first code it does not
carry is chosen. Enter on a ticked code leaves it on and says so: Delete takes it off
(a habitual Enter took off the code a passage was just given), as a click on it does.

It is as tall as the codes it may list (none: a line saying how to make one), and edged and
raised off the page in every theme: borderless on the page's colours, it looked like a hole
cut in the reader, the words at its edges cut mid-word.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.codebook import Code, Codebook
from reader.core.offsets import Utf16Index
from reader.core.palettes import Palette
from reader.ui.edit_menus import letter_edit_menus
from reader.ui.theme import color_icon, current

ID_ROLE = Qt.ItemDataRole.UserRole
NEW_ROLE = Qt.ItemDataRole.UserRole + 1
MATCH_CUTOFF = 55  # rapidfuzz WRatio: below it a code is no match for what was typed
NEAR_TYPO = 80  # rapidfuzz ratio: from it what was typed is taken for a slip on a code's name
SHOWN = 60
GAP = 4  # between the passage and the picker
ARROWS_SPELT = 3  # the hint's "↓↓↓" to the new code's row; further, "↓ ×12"
HEIGHT = 320  # where the screen has room: ten codes or so in sight
EMPTY = "No codes to apply yet. Type a name and press Enter to make one."
# Lines break only after a "·" (no-break spaces within each key's words): "Del takes a ✓"
# ended a line with "code off" on the next.
KEYS = ("Enter applies", "Ctrl+Enter applies another", "Del takes a ✓ code off", "Esc closes")
HINT = "\u00a0· ".join(words.replace(" ", "\u00a0") for words in KEYS)


def ranked(query: str, book: Codebook, recent: Sequence[str] = ()) -> list[Code]:
    """The codes that can be applied, best first: with no query the recent ones, then the
    tree; else those whose path holds the query, then fuzzy matches: slips on a name first,
    then by score."""
    codable = [c for _, c in book.tree() if c.codable]
    if not query.strip():
        first: list[Code] = []  # once each: two numbers may hold one code (one merged into it)
        for code in (book.get(i) for i in recent):
            if code is not None and code.codable and code not in first:
                first.append(code)
        return first + [c for c in codable if c not in first]
    from rapidfuzz import fuzz, process, utils

    paths = {c.id: book.path(c.id) for c in codable}
    wanted = query.casefold().strip()
    exact = [c for c in codable if c.name.casefold() == wanted]
    within = [c for c in codable if wanted in paths[c.id].casefold() and c not in exact]
    within.sort(key=lambda c: (not c.name.casefold().startswith(wanted), len(paths[c.id])))
    fuzzy = process.extract(
        query,
        paths,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=SHOWN,
        score_cutoff=MATCH_CUTOFF,
    )
    taken = {c.id for c in exact + within}
    by_id = {c.id: c for c in codable}
    matches = [by_id[key] for _, _, key in fuzzy if key not in taken]
    # Typos first: WRatio scores "Style" for "Industry" above a slip like "Stres".
    matches.sort(key=lambda c: not resembles(query, c.name, paths[c.id]))
    return exact + within + matches


def resembles(typed: str, name: str, path: str) -> bool:
    """Whether `typed` is taken for the code `name` (at `path`): part of its path, or a
    slip on its name or path ("suport" for Support). A mere fuzzy likeness ("Industry" and
    Style share letters) is not: that is a name for a new code."""
    from rapidfuzz import fuzz, utils

    if " ".join(typed.split()).casefold() in path.casefold():
        return True
    return any(
        fuzz.ratio(typed, them, processor=utils.default_process) >= NEAR_TYPO
        for them in (name, path)
    )


def extends(typed: str, name: str, path: str) -> bool:
    """Whether `typed` holds every word of the code `name` and more (a new, narrower code),
    not being part of the code's `path` ("Work / Stress" finds Stress under Work)."""
    if typed.casefold() in path.casefold():
        return False
    words, theirs = (set(t.casefold().replace("-", " ").split()) for t in (typed, name))
    return theirs < words


def frame_sheet(palette: Palette) -> str:
    """The picker's edge and background in `palette`: 2 px where the edge is the accent."""
    width = 2 if palette.pane_lines else 1
    return (
        f"#code-picker {{ background: {palette.raised()};"
        f" border: {width}px solid {palette.popup_edge()}; }}"
    )


class CodePicker(QFrame):
    picked = Signal(str, str, bool)  # code id ("" for a new code), its name, keep open
    takenOff = Signal(str, bool)  # a ticked code's id, keep open
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("code-picker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.book = Codebook()
        self.recent: list[str] = []
        self.on: set[str] = set()  # the codes the passage carries
        self.title = QLabel()
        self.title.setStyleSheet("color: palette(placeholder-text);")
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Type a code's name")
        self.edit.setAccessibleName("Code name")
        letter_edit_menus(self.edit)
        self.edit.textEdited.connect(self.refill)
        self.edit.installEventFilter(self)
        self.list = QListWidget()
        self.list.setAccessibleName("Codes")
        self.list.setAccessibleDescription("The codes the name typed finds; Enter applies one")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The focus stays in the field while Up and Down go along the list: the field says
        # which row Enter applies (a screen reader hears the change).
        self.list.currentItemChanged.connect(self._say_current)
        # Its size hint is its rows' height: the picker fits a short list (open_at).
        self.list.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        # A sub-code's path longer than the picker is elided in its middle, keeping the
        # parent's start and the code's own name (whole in its tooltip): a scroll bar
        # across took a row's height and showed neither.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.itemClicked.connect(lambda item: self._apply(item, keep_open=False))
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text); padding: 6px 2px;")
        self.hint = hint = QLabel(HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text); font-size: small;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(hint)
        self.resize(340, HEIGHT)

    def _say_current(self, item: QListWidgetItem | None) -> None:
        said = f"Enter: {item.text()}" if item is not None else "No code to apply"
        self.edit.setAccessibleDescription(said)

    def open_at(
        self, passage: QRect, book: Codebook, on: Sequence[str], recent: Sequence[str], quote: str
    ) -> None:
        """Open beside `passage` (global): below it, or above it where the screen has no
        room below; never on it, so the words being coded stay in sight."""
        self.book, self.on, self.recent = book, set(on), list(recent)
        self.setStyleSheet(frame_sheet(current()))  # the theme may have changed since
        shown = " ".join(quote.split())
        self.title.setText(f"Code “{shown[:40]}{'…' if len(shown) > 40 else ''}”")
        self.edit.clear()
        self.refill()
        # Every code is listed now; typing narrows them, with a row for a new name.
        fitting = min(HEIGHT, self.sizeHint().height() + max(0, self.list.sizeHintForRow(0)))
        self.resize(self.width(), fitting)
        where = passage.bottomLeft() + QPoint(0, GAP)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            below = screen.bottom() - GAP - where.y()  # a gap at the screen's edge too
            above = passage.top() - GAP - (screen.top() + GAP)
            # Where neither side has room (a few lines selected mid-screen, a short
            # screen), the roomier one, the list shorter: on the passage it hid it.
            room = min(fitting, max(below, above))
            self.resize(self.width(), max(room, self.minimumSizeHint().height()))
            if below < self.height():
                where.setY(max(screen.top() + GAP, passage.top() - GAP - self.height()))
            where.setX(max(screen.left(), min(where.x(), screen.right() - self.width())))
        self.move(where)
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus()

    def set_on(self, on: Sequence[str], changed: str) -> None:
        """After the code `changed` was applied or taken off with the picker kept open:
        what was typed stays, selected (typing replaces it), the list on that code."""
        self.on = set(on)
        self.refill()
        self.edit.selectAll()
        rows = (self.list.item(i) for i in range(self.list.count()))
        current = next((item for item in rows if item.data(ID_ROLE) == changed), None)
        if current is not None:
            self.list.setCurrentItem(current)

    def refill(self) -> None:
        query = self.edit.text()
        self.hint.setText(HINT)
        self.list.clear()
        found = ranked(query, self.book, self.recent)
        codes = found[:SHOWN]
        if len(found) > SHOWN:  # said: 60 rows of 500 codes looked like the whole codebook
            cut = f"The first {SHOWN} found: type more to narrow them"
            if not query.strip():
                cut = f"{SHOWN} of {len(found)} codes listed: type to find the others"
            self.hint.setText(f"{cut}. {HINT}")
        for code in codes:
            mark = "✓ " if code.id in self.on else ""
            path = self.book.path(code.id)
            item = QListWidgetItem(color_icon(code.color), f"{mark}{path}")
            item.setData(ID_ROLE, code.id)
            keys = f" (Alt+{self.recent.index(code.id) + 1})" if code.id in self.recent[:9] else ""
            item.setToolTip(f"{path}{keys}")
            self.list.addItem(item)
        name = " ".join(query.split())
        # Typed as a path ("Work / Night shifts"), it is made under that code, and said so:
        # it was a top-level code named "Work / Night shifts", like none in the tree.
        parent, new = self.book.new_place(name) if name else ("", "")
        made = any(c.name.casefold() == name.casefold() for c in codes)
        there = self.book.find(new, parent)  # a category's: offered, and said to be one
        if name and not made and (there is None or not there.codable):
            under = f" under “{self.book.path(parent)}”" if parent else ""
            item = QListWidgetItem(f"+ New code “{new}”{under}")
            item.setData(NEW_ROLE, name)
            # Codes the name is a slip on or part of stay first, so Enter takes them; one
            # merely like it ("Industry", "Style") or holding a code's words and more
            # ("Support from family" by "Support") goes below: Enter makes the new code.
            place = 0
            for code in codes:
                path = self.book.path(code.id)
                if not resembles(name, code.name, path) or extends(name, code.name, path):
                    break
                place += 1
            self.list.insertItem(place, item)
            if place:  # said: "Work" and Enter applied "Workplace surveillance", unseen
                first = self.book.path(codes[0].id)
                # To the new code's row: twelve "Level …" codes above it wrote "↓" twelve times.
                arrows = "↓" * place if place <= ARROWS_SPELT else f"↓ ×{place}"
                self.hint.setText(f"Enter applies “{first}”; {arrows} for a new code “{name}”.")
        if self.list.count():  # the best match; with nothing typed, a code to apply
            rows = range(self.list.count()) if not name else ()
            unticked = (i for i in rows if self.list.item(i).data(ID_ROLE) not in self.on)
            self.list.setCurrentRow(next(unticked, 0))
        self.list.setVisible(self.list.count() > 0)
        self.empty.setVisible(self.list.count() == 0)

    def eventFilter(self, watched: object, event: object) -> bool:
        if (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == event.Type.KeyPress
        ):
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                self._step(key)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                keep = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
                item = self.list.currentItem()
                if item is not None and item.data(ID_ROLE) in self.on:
                    name = self.book.path(item.data(ID_ROLE))
                    self.hint.setText(f"“{name}” is on this passage already. Del takes it off.")
                elif item is not None:
                    self._apply(item, keep_open=keep)
                return True
            if key == Qt.Key.Key_Delete and self._deletes_the_code():
                self.takenOff.emit(self.list.currentItem().data(ID_ROLE), True)
                return True
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
        return super().eventFilter(watched, event)

    def _step(self, key: int) -> None:
        """Up and Down a row, Page Up and Page Down the rows in sight (they went one row:
        sixty codes took sixty presses), as far as the list goes."""
        rows = 1
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            rows = max(1, self.list.viewport().height() // max(1, self.list.sizeHintForRow(0)) - 1)
        up = key in (Qt.Key.Key_Up, Qt.Key.Key_PageUp)
        row = self.list.currentRow() + (-rows if up else rows)
        if self.list.count():
            self.list.setCurrentRow(min(max(row, 0), self.list.count() - 1))

    def _deletes_the_code(self) -> bool:
        """Whether Delete takes the ticked code chosen off, rather than editing the text:
        with the caret at the text's end, or the text all selected (as Ctrl+Enter leaves
        it, to be typed over)."""
        item, edit = self.list.currentItem(), self.edit
        if item is None or item.data(ID_ROLE) not in self.on:
            return False
        if edit.hasSelectedText():
            return edit.selectedText() == edit.text()
        return edit.cursorPosition() == Utf16Index(edit.text()).length_u16  # Qt's count

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.closed.emit()

    def _apply(self, item: QListWidgetItem, keep_open: bool) -> None:
        if item.data(ID_ROLE) in self.on:  # a click on a ticked code: aimed at, taken off
            self.hide()
            self.takenOff.emit(item.data(ID_ROLE), False)
            return
        new_name = item.data(NEW_ROLE)
        code_id = "" if new_name else str(item.data(ID_ROLE))
        name = str(new_name) if new_name else self.book.code(code_id).name
        if not keep_open:
            self.hide()
        self.picked.emit(code_id, name, keep_open)
