"""What the notes editor's formatting keys do to its Markdown: bold, italic and code on
the selection, links, headings, list items and quotes on its lines, Tab in lists, and a
block (a quote) put in."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QGuiApplication, QTextBlock, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from reader.core.markdown_emphasis import toggle_at, wrap
from reader.core.markdown_lines import marker_end, toggle_prefix
from reader.core.markdown_links import link_toggle
from reader.core.markdown_lists import counted_on, indented
from reader.core.offsets import Utf16Index

_FENCE = re.compile(r"^\s*(```|~~~)")  # a line opening or closing a fenced code block
MAX_COUNTED_ON = 2000  # lines below an item Enter or Tab moved, read for the list's next items


def wrap_selection(editor: QPlainTextEdit, marker: str) -> None:
    """**bold**, *italic* or `code` around the selection (`wrap`), or taken off it; at
    the caret, a toggle (`toggle_at`): in a word, on the word."""
    cursor = editor.textCursor()
    if cursor.hasSelection():
        _wrap_lines(editor, marker)
        return
    block, line = cursor.block(), cursor.block().text()
    index = Utf16Index(line)  # Qt counts UTF-16 units; an emoji on the line takes two
    start, end, replacement, after = toggle_at(
        line, index.to_code_point(cursor.positionInBlock()), marker
    )
    cursor.setPosition(block.position() + index.to_utf16(start))
    cursor.setPosition(block.position() + index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    if start != end or replacement:
        with own_step(cursor):
            cursor.insertText(replacement)
    cursor.setPosition(block.position() + index.to_utf16(after))
    editor.setTextCursor(cursor)


@contextmanager
def own_step(cursor: QTextCursor) -> Iterator[None]:
    """An edit as a step of undo of its own: an insert alone would join the word typed
    before it (Qt merges adjacent inserts), and Ctrl+Z would take both back. After an
    edit block, Qt still joins what is typed next to it, unless the document is marked
    unmodified; nothing in the app reads that mark (saving keeps its own)."""
    cursor.beginEditBlock()
    try:
        yield
    finally:
        cursor.endEditBlock()
        cursor.document().setModified(False)


def replace_spans(document: QTextDocument, text: str, edits: list[tuple[int, int, str]]) -> None:
    """Each [start, end) of `text`, the document's typed text (code points), replaced as
    `edits` (in order, apart) have it: one step of undo."""
    index, cursor = Utf16Index(text), QTextCursor(document)
    with own_step(cursor):
        for start, end, new in reversed(edits):  # from the end: the places before stay
            cursor.setPosition(index.to_utf16(start))
            cursor.setPosition(index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(new)


def _wrap_lines(editor: QPlainTextEdit, marker: str) -> None:
    """Each selected line's words wrapped (or unwrapped) on their own: emphasis ends
    with its paragraph in CommonMark. A line's own mark ("- ", "> ") stays outside; the
    words stay selected, so that another key can act on them. One step of undo."""
    cursor = editor.textCursor()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    first = last = None
    selection_end = QTextCursor(cursor)  # moved on by the markers put in before it
    selection_end.setPosition(end)
    with own_step(cursor):
        for block in _selected_blocks(editor.document(), start, end):
            line, base, end = block.text(), block.position(), selection_end.position()
            index = Utf16Index(line)
            a = index.to_code_point(max(start - base, 0))
            b = index.to_code_point(min(end - base, index.length_u16))
            a = max(a, marker_end(line))
            if a >= b:
                continue
            written, a, b = wrap(line, a, b, marker)
            _replace_line(block, written)
            index = Utf16Index(written)
            first = base + index.to_utf16(a) if first is None else first
            last = base + index.to_utf16(b)
    if first is not None and last is not None:
        cursor.setPosition(first)
        cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)


def _selected_blocks(document: QTextDocument, start: int, end: int) -> list[QTextBlock]:
    """The lines [start, end] touches; a selection made with Shift+Down ends at the
    start of the next line, which is not one of them."""
    block, last = document.findBlock(start), document.findBlock(end)
    if end > start and end == last.position():
        last = last.previous()
    blocks = [block]
    while block != last and block.isValid():
        block = block.next()
        blocks.append(block)
    return blocks


def set_line_prefix(editor: QPlainTextEdit, prefix: str) -> None:
    """Make each selected line a heading ("## "), list item ("- ") or quote ("> ").

    The same prefix again removes it, as toggles do in word processors
    (`toggle_prefix`).
    """
    blocks = _lines_selected(editor)
    _rewrite(editor, blocks, toggle_prefix([b.text() for b in blocks], prefix))


def indent_items(editor: QPlainTextEdit, outdent: bool) -> bool:
    """Tab (Shift+Tab) on list items: the caret's line, or every line selected, one level
    in (out), numbers counting at their new depth and the list's items below counting on
    (`indented`), in one step of undo. False when none of the lines is a list item."""
    blocks = _lines_selected(editor)
    below = _blocks_below(blocks[-1])
    lines = indented(
        [b.text() for b in blocks], _lines_above(blocks[0]), outdent, (b.text() for b in below)
    )
    if lines is None:
        return False
    blocks += below[: len(lines) - len(blocks)]
    _rewrite(editor, blocks, lines)
    return True


def tab_makes_code(editor: QPlainTextEdit) -> bool:
    """Whether a tab typed here would indent whole lines, which Markdown shows as code:
    at a line's start (after nothing but spaces), or over a selection of several lines."""
    cursor = editor.textCursor()
    document = editor.document()
    block = document.findBlock(cursor.selectionStart())
    if block != document.findBlock(cursor.selectionEnd()):
        return True
    text = block.text()
    before = text[: Utf16Index(text).to_code_point(cursor.selectionStart() - block.position())]
    return not before.strip()


def insert_link(editor: QPlainTextEdit, tell: Callable[[str], None]) -> None:
    """Ctrl+K: the selection (or the word at the caret) made a link's words, with the
    clipboard's web address if it holds one, or a link made words again (`link_toggle`);
    the caret where the link still wants something. Across paragraphs (they were joined
    into one), or over words holding a link, nothing, and `tell` says why."""
    cursor = editor.textCursor()
    if "\u2029" in cursor.selectedText():  # Qt's paragraph separator
        tell("Ctrl+K links words in one paragraph: select fewer.")
        return
    line, base = cursor.block().text(), cursor.block().position()
    index = Utf16Index(line)  # Qt counts UTF-16 units; an emoji on the line takes two
    start = index.to_code_point(cursor.selectionStart() - base)
    end = index.to_code_point(cursor.selectionEnd() - base)
    if start < end:  # the line's own mark ("> ", "- ") stays outside, as emphasis leaves it
        start = min(max(start, marker_end(line)), end)
    start, end, replacement, caret = link_toggle(
        line, start, end, QGuiApplication.clipboard().text()
    )
    if start < end and replacement == line[start:end]:
        tell("Ctrl+K links words with no link in them: these hold one already.")
        return
    cursor.setPosition(base + index.to_utf16(start))
    cursor.setPosition(base + index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    with own_step(cursor):
        cursor.insertText(replacement)
    after = line[:start] + replacement  # the line up to the replacement's end
    cursor.setPosition(base + Utf16Index(after).to_utf16(caret))
    editor.setTextCursor(cursor)


def _lines_selected(editor: QPlainTextEdit) -> list[QTextBlock]:
    cursor = editor.textCursor()
    return _selected_blocks(editor.document(), cursor.selectionStart(), cursor.selectionEnd())


def _lines_above(block: QTextBlock) -> Iterator[str]:
    """The lines above `block`, nearest first, read as far as their reader wants."""
    block = block.previous()
    while block.isValid():
        yield block.text()
        block = block.previous()


def _blocks_below(block: QTextBlock) -> list[QTextBlock]:
    """The lines below `block`, as many as a list's next items are looked for in."""
    below: list[QTextBlock] = []
    block = block.next()
    while block.isValid() and len(below) < MAX_COUNTED_ON:
        below.append(block)
        block = block.next()
    return below


def _rewrite(editor: QPlainTextEdit, blocks: list[QTextBlock], lines: list[str]) -> None:
    """The `blocks` made the `lines`, in one step of undo."""
    with own_step(editor.textCursor()):
        for block, line in zip(blocks, lines, strict=True):
            _replace_line(block, line)


def in_code_block(document: QTextDocument, position: int) -> bool:
    """Whether the line at `position` is inside a fenced code block (an odd number of
    fence lines above it): a "- " there is code, no list to go on with."""
    fence, fences = QRegularExpression(_FENCE.pattern), 0
    while position > 0:
        found = document.find(fence, position - 1, QTextDocument.FindFlag.FindBackward)
        if found.isNull():
            break
        fences, position = fences + 1, found.block().position()
    return fences % 2 == 1


def _code_block_end(block: QTextBlock) -> QTextBlock | None:
    """The fence line closing the fenced code block `block` is in, or opens (the last line
    where none does); None outside one."""
    fence = _FENCE.match(block.text())
    inside = in_code_block(block.document(), block.position())
    if fence and inside:
        return block  # the closing fence itself
    if not fence and not inside:
        return None
    end = block.next()
    while end.isValid() and not _FENCE.match(end.text()):
        end = end.next()
    return end if end.isValid() else block.document().lastBlock()


def insert_block(editor: QPlainTextEdit, markdown: str) -> QTextCursor:
    """Insert a Markdown block at the caret, on lines of its own (a selection stays);
    what was inserted, selected. In a fenced code block, after it: inside, a quote was
    code, its link back shown as typed and leading nowhere."""
    cursor = editor.textCursor()
    cursor.clearSelection()
    if (end := _code_block_end(cursor.block())) is not None:
        cursor.setPosition(end.position())
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    # One blank line between it and the text on either side, not two (a quote put in
    # a list left two before its next item), and an empty line after it at the end.
    if cursor.positionInBlock() > 0:
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        lead, after = "\n\n", cursor.block().next()
        trail = "\n" if after.isValid() and after.text().strip() else ""
    else:
        before, after = cursor.block().previous(), cursor.block()
        lead = "\n" if before.isValid() and before.text().strip() else ""
        trail = "\n\n" if after.text().strip() else "\n"
    if cursor.atEnd():
        trail = "\n\n"
    start = cursor.position()
    with own_step(cursor):
        cursor.insertText(lead + markdown.rstrip("\n") + trail)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    inserted = QTextCursor(cursor)
    inserted.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
    return inserted


def count_on(editor: QPlainTextEdit, block: QTextBlock) -> None:
    """The numbered items below the one Enter just made at `block` counted on from it,
    in Enter's own step of undo (`counted_on`)."""
    blocks = [block, *_blocks_below(block)]
    lines = counted_on([b.text() for b in blocks])
    changed = [(b, line) for b, line in zip(blocks, lines, strict=True) if b.text() != line]
    if changed:
        cursor = editor.textCursor()
        cursor.joinPreviousEditBlock()
        for b, line in changed:
            _replace_line(b, line)
        cursor.endEditBlock()


def _replace_line(block: QTextBlock, line: str) -> None:
    """Make `block`'s text `line`, replacing only what differs: the caret, and cursors kept
    elsewhere (a quote's place for its undo), stay by the text they were at."""
    old = block.text()
    if old == line:
        return
    same_start = 0
    while same_start < min(len(old), len(line)) and old[same_start] == line[same_start]:
        same_start += 1
    same_end = 0
    while (
        same_end < min(len(old), len(line)) - same_start
        and old[-1 - same_end] == line[-1 - same_end]
    ):
        same_end += 1
    index = Utf16Index(old)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + index.to_utf16(same_start))
    end = block.position() + index.to_utf16(len(old) - same_end)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(line[same_start : len(line) - same_end])
