"""Writing in the research notes as in a word processor: Ctrl+Z takes back a word or a
burst of typing (reader/ui/notes/typing_steps.py), not the paragraph typed without Enter;
a web page pastes as Markdown (notes/pasting.py); a right-to-left paragraph sits flush
right (interview/notes_document.py)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QAction, QImage, QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from reader.ui.notes import typing_steps
from reader.ui.notes.notes_editor import NotesEditor
from reader.ui.notes.notes_words import NO_PICTURES, NOTES_READ_ONLY, ONLY_IN_NOTES
from reader.ui.notes.pasting import pasted_text
from reader.ui.window.main_window import MainWindow
from reader.ui.window.text_editing import INTERVIEW_KEPT, NO_FIELD, NO_SELECTION

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def undo(notes: NotesEditor, qtbot) -> str:
    qtbot.keyClick(notes, Qt.Key.Key_Z, CTRL)
    return notes.toPlainText()


def test_ctrl_z_takes_back_the_last_word_and_the_file_keeps_the_rest(
    window: MainWindow, notes: NotesEditor, notes_path: Path, qtbot
) -> None:
    qtbot.keyClicks(notes, "Night shifts felt lonely.")
    assert undo(notes, qtbot) == "Night shifts felt "
    assert undo(notes, qtbot) == "Night shifts "
    qtbot.keyClick(notes, Qt.Key.Key_Y, CTRL)
    assert notes.toPlainText() == "Night shifts felt "
    window.close()  # saves now
    assert orjson.loads(notes_path.read_bytes())["notes"] == "Night shifts felt "


def test_a_pause_ends_a_step_even_in_a_word(
    notes: NotesEditor, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(typing_steps, "PAUSE_S", 0.05)
    qtbot.keyClicks(notes, "coff")
    qtbot.wait(80)
    qtbot.keyClicks(notes, "ee")
    assert undo(notes, qtbot) == "coff"


def test_a_run_of_backspaces_stays_one_step_and_input_methods_type_words(
    notes: NotesEditor, qtbot
) -> None:
    qtbot.keyClicks(notes, "first words")
    for _ in range(5):
        qtbot.keyClick(notes, Qt.Key.Key_Backspace)
    assert undo(notes, qtbot) == "first words"  # the deleting at once, as Qt does
    notes.clear()
    for word in ("שלום", " ", "עולם"):  # as an input method commits them
        event = QInputMethodEvent()
        event.setCommitString(word)
        QApplication.sendEvent(notes, event)
    assert undo(notes, qtbot) == "שלום "


def test_each_paragraph_is_aligned_by_its_own_direction(notes: NotesEditor, qtbot) -> None:
    notes.insertPlainText("המשתתפת תיארה את משמרות הלילה\nNight shifts\n- مرحبا بالعالم")
    qtbot.waitUntil(lambda: notes.document().lastBlock().layout().lineCount() > 0)
    notes.viewport().repaint()  # its blocks drawn, so laid out as shown
    width = notes.viewport().width()

    def start_x(number: int) -> float:
        return notes.document().findBlockByNumber(number).layout().lineAt(0).cursorToX(0)[0]

    assert start_x(0) > width * 0.8  # Hebrew: starts at the right edge
    assert start_x(1) < width * 0.2
    assert start_x(2) > width * 0.8  # an Arabic list item too


def clipboard(html: str = "", text: str = "") -> None:
    data = QMimeData()
    if html:
        data.setHtml(html)
    if text:
        data.setText(text)
    QApplication.clipboard().setMimeData(data)


PAGE = (
    '<h2 style="color:#202122">Findings</h2><p>Nurses <b>improvised</b> on <i>night</i> '
    'shifts, as <a href="https://example.org/shift_(work)" title="Shift">the report</a> '
    "says at length, in a paragraph much longer than the eighty columns of Qt's writer."
    '<img src="file:///dev/zero" alt="chart"></p><ul><li>coffee</li><li>the handover</li></ul>'
)


def test_a_web_page_pastes_as_markdown_and_ctrl_shift_v_as_plain_text(
    notes: NotesEditor, qtbot
) -> None:
    clipboard(PAGE, "Findings\nNurses improvised on night shifts…")
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    assert notes.toPlainText() == (
        "## Findings\n\nNurses **improvised** on *night* shifts, as "
        "[the report](https://example.org/shift_(work)) says at length, in a paragraph much "
        "longer than the eighty columns of Qt's writer.\n\n- coffee\n- the handover"
    )
    notes.clear()
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL | SHIFT)
    assert notes.toPlainText() == "Findings\nNurses improvised on night shifts…"
    notes.clear()
    clipboard("<p>only <b>HTML</b> here</p>")  # as some programs copy
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    assert notes.toPlainText() == "only **HTML** here"
    notes.clear()
    code = "def f(x):\n    return x * 2"  # a code editor's copy: its text, not code spans
    clipboard('<div style="white-space: pre"><div>def f(x):</div><div>    return x * 2</div>', code)
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    assert notes.toPlainText() == code


def test_a_picture_copied_pastes_nothing_and_says_why(notes: NotesEditor, qtbot) -> None:
    """A browser's Copy Image put U+FFFC, an invisible object mark, in the notes; a picture
    alone (a screenshot) pasted nothing, unsaid."""
    said: list[str] = []
    notes.said.connect(said.append)
    qtbot.keyClicks(notes, "chart")
    notes.selectAll()
    clipboard('<img src="https://example.org/chart.png" alt="">')
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    QApplication.clipboard().setImage(picture)
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    assert notes.toPlainText() == "chart" and notes.textCursor().hasSelection()
    assert said == [NO_PICTURES] * 2


def test_an_address_pasted_over_words_links_them_and_notes_copy_as_written(
    notes: NotesEditor, qtbot
) -> None:
    notes.setPlainText("see the report here")
    cursor = notes.textCursor()
    cursor.setPosition(4)
    cursor.setPosition(14, QTextCursor.MoveMode.KeepAnchor)
    notes.setTextCursor(cursor)
    clipboard(text="https://example.org/r ")
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    assert notes.toPlainText() == "see [the report](https://example.org/r) here"
    notes.selectAll()
    qtbot.keyClick(notes, Qt.Key.Key_C, CTRL)
    qtbot.keyClick(notes, Qt.Key.Key_End)
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)  # its own Markdown, not escaped as a page's
    assert notes.toPlainText() == "see [the report](https://example.org/r) here" * 2


def test_words_copied_in_the_reader_paste_as_they_are(
    make_window, notes_path: Path, tmp_path: Path, qtbot
) -> None:
    """The reader's copy carries its HTML (questions in bold); pasted as a web page's, its
    words came escaped ("\\[laughs]", "\\*hardest*") and its questions in "**…**"."""
    transcript = tmp_path / "t.txt"
    transcript.write_text(
        "Interviewer: What is *hardest* about nights?\n\n"
        "Ana: The hour_before_dawn [laughs] - when 1. nobody talks.\n",
        encoding="utf-8",
    )
    window = make_window(transcript, notes_path)
    window.reader.selectAll()
    qtbot.keyClick(window.reader, Qt.Key.Key_C, CTRL)
    copied = QApplication.clipboard().text()
    assert "[laughs]" in copied
    notes = window.notes_editor
    notes.setFocus()
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    assert notes.toPlainText() == copied


WORD_ITEM = (
    "<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level{} lfo1'>"
    "<![if !supportLists]><span style='font-family:Symbol'>{}<span style='font:7.0pt "
    '"Times New Roman"\'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>'
    "{} item<o:p></o:p></p>\n"
)


@pytest.mark.parametrize(
    ("html", "pasted"),
    [
        (  # <br>: a line break each, as the page shows them
            "<p>Ana Smith<br>12 High Street<br>London</p>",
            "Ana Smith\n12 High Street\nLondon",
        ),
        ("<div>Roses are red</div><div>Violets are blue</div>", "Roses are red\nViolets are blue"),
        (  # nothing a page says escaped
            "<p>file_name and 2*3*4 at [00:01:23] Ana: &lt;3 &lt;tag&gt; `tick` \\o/ 1. # - x</p>",
            "file_name and 2*3*4 at [00:01:23] Ana: <3 <tag> `tick` \\o/ 1. # - x",
        ),
        (  # preformatted lines as lines, not a blank one after each
            "<p>Line one<br>Line two</p><pre>code a\ncode b</pre><p>after</p>",
            "Line one\nLine two\n\n```\ncode a\ncode b\n```\n\nafter",
        ),
        (  # a "|" in a cell escaped, its lines one: a Markdown cell holds one line
            "<table><tr><td>a|x</td><td>b</td></tr><tr><td>1</td><td>2<br>3</td></tr></table>",
            "| a\\|x | b |\n| --- | --- |\n| 1 | 2 3 |",
        ),
        (
            "<table><tr><th>Code</th><th>Count</th></tr>"
            "<tr><td><b>Night</b> <code>x</code></td><td>3</td></tr></table>",
            "| Code | Count |\n| --- | --- |\n| **Night** `x` | 3 |",
        ),
        (
            "<blockquote><p>quoted<br>twice</p></blockquote><ul><li>one<ul><li>two</li></ul>"
            '</li><li>three</li></ul><ol start="3"><li>x</li></ol><h3>A <i>Head</i></h3>',
            "> quoted\n> twice\n\n- one\n    - two\n- three\n\n3. x\n\n### A *Head*",
        ),
        (  # emphasis around the words, not their spaces; a link's address kept
            '<p>a<b> bold </b>and <b><i>both</i></b><b> then</b> <a href="https://x.org/a b">'
            'l<i>in</i>k</a> <a href="#top">top</a> <a href="https://x.org">https://x.org</a></p>',
            "a **bold** and ***both* then** [l*in*k](https://x.org/a%20b) top https://x.org",
        ),
        (  # a quote of several paragraphs, one inside it: Qt marks the first alone
            "<blockquote><p>one</p><blockquote><p>deep</p></blockquote><p>two</p></blockquote>"
            "<p>after</p>",
            "> one\n>\n> > deep\n>\n> two\n\nafter",
        ),
        (  # punctuation inside emphasis that touches a letter outside it goes outside
            "<p><b>“quoted”</b>word, a<i>(b)</i>c, <b>“free”</b> words</p>",
            "**“quoted**”word, a(*b*)c, **“free”** words",
        ),
        (  # Google Docs: its whole copy in a <b> that is not bold, its bold in spans
            '<b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr">'
            '<span style="font-weight:700">Bold</span><span style="font-weight:400"> plain'
            "</span></p></b>",
            "**Bold** plain",
        ),
        (  # Word: lists are paragraphs, their markers text (found by the notes review)
            WORD_ITEM.format(1, "·", "First")
            + WORD_ITEM.format(2, "o", "Under it")
            + WORD_ITEM.format(1, "·", "Second")
            + "<p>Between</p>"
            + WORD_ITEM.format(1, "1.", "Numbered")
            + WORD_ITEM.format(1, "2.", "Next"),
            "- First item\n    - Under it item\n- Second item\n\nBetween\n\n"
            "1. Numbered item\n2. Next item",
        ),
    ],
)
def test_a_page_pastes_its_words_as_they_are_with_its_structure(
    qapp, html: str, pasted: str
) -> None:
    copied = QMimeData()  # what Ctrl+V in the notes is given (the test above presses it)
    copied.setHtml(html)
    copied.setText("the page's text")
    assert pasted_text(copied, "") == pasted


def test_paste_as_plain_text_acts_only_in_the_notes_with_the_focus(
    window: MainWindow, notes: NotesEditor, qtbot
) -> None:
    """Edit ▸ Paste as Plain Text with the focus in the reader, or the preview showing,
    pasted into the notes out of sight (and the autosave wrote it)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    paste_plain = window.window_actions.paste_plain
    notes.setPlainText("My notes")
    clipboard(text="CLIPBOARD")
    assert paste_plain.isEnabled()
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    assert not paste_plain.isEnabled()
    paste_plain.trigger()  # as the menu would, were it on
    window.window_actions.toggle_preview.setChecked(True)
    window.notes_pane.preview.setFocus()
    qtbot.waitUntil(window.notes_pane.preview.hasFocus)
    assert not paste_plain.isEnabled()
    paste_plain.trigger()
    assert notes.toPlainText() == "My notes"
    window.window_actions.toggle_preview.setChecked(False)
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    assert paste_plain.isEnabled()
    notes.setReadOnly(True)  # as read-only notes are
    assert not paste_plain.isEnabled()
    notes.setReadOnly(False)
    paste_plain.trigger()
    assert notes.toPlainText() == "CLIPBOARDMy notes"


def test_a_page_starting_with_preformatted_lines_pastes(notes: NotesEditor, qtbot) -> None:
    """Its first block was a code block: the paste raised inside Qt's paste, and the app
    crashed with the notes typed since the last save."""
    clipboard("<pre>make test</pre><p>runs the tests</p>", "make test\nruns the tests")
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    assert notes.toPlainText() == "```\nmake test\n```\n\nruns the tests"


@pytest.mark.parametrize(
    ("key", "typed", "after"),
    [
        (Qt.Key.Key_B, "night ", "night ****"),
        (Qt.Key.Key_QuoteLeft, "night ", "night ``"),
        (Qt.Key.Key_K, "see ", "see []()"),
    ],
)
def test_a_format_key_after_typing_is_an_undo_step_of_its_own(
    notes: NotesEditor, qtbot, key: Qt.Key, typed: str, after: str
) -> None:
    """Ctrl+B, Ctrl+` and Ctrl+K with nothing selected joined the word typed before them,
    and Ctrl+Z took the word back with the marks."""
    qtbot.keyClicks(notes, typed)
    qtbot.keyClick(notes, key, CTRL)
    assert notes.toPlainText() == after
    assert undo(notes, qtbot) == typed


def test_bold_on_a_line_of_emoji_wraps_all_of_it(notes: NotesEditor, qtbot) -> None:
    """An emoji takes two of Qt's positions: the selection's end, counted so, was cut to
    the line's length in characters, and the last words were left outside the marks."""
    notes.setPlainText("🌙 night 🌙 shifts 🌙")
    notes.selectAll()
    qtbot.keyClick(notes, Qt.Key.Key_B, CTRL)
    assert notes.toPlainText() == "**🌙 night 🌙 shifts 🌙**"
    assert notes.textCursor().selectedText() == "🌙 night 🌙 shifts 🌙"


def test_edit_cut_copy_paste_and_select_all_act_on_the_field_with_the_keyboard(
    window: MainWindow, notes: NotesEditor, qtbot
) -> None:
    """The Edit menu had Paste as Plain Text but no Cut, Copy, Paste or Select All: a
    mouse user had only the fields' own context menus. Each is greyed where it would do
    nothing, as the menu opens: the reader is read-only."""
    actions = window.window_actions
    four = (actions.cut, actions.copy, actions.paste, actions.select_all)
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")

    def show_states() -> None:
        edit.aboutToShow.emit()  # as the menu opens over the field with the keyboard

    def chosen(action: QAction) -> None:
        """`action` from the Edit menu: the menu opens (its states), then it is chosen."""
        show_states()
        assert action.isEnabled()
        action.trigger()

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    show_states()
    assert [a.isEnabled() for a in four] == [False, False, False, True]
    # Each greyed item's tip says why, as every other one's does (the guide review).
    tips = [INTERVIEW_KEPT, NO_SELECTION, INTERVIEW_KEPT, "Select all the text"]
    assert [a.statusTip() for a in four] == tips
    assert actions.paste_plain.toolTip() == actions.replace.toolTip() == ONLY_IN_NOTES
    chosen(actions.select_all)
    show_states()
    assert [a.isEnabled() for a in four] == [False, True, False, True]
    assert actions.copy.statusTip() == "Copy the selected words"
    chosen(actions.copy)
    assert QApplication.clipboard().text().startswith(window.reader.toPlainText()[:40])
    notes.setPlainText("My notes")
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    chosen(actions.select_all)
    chosen(actions.cut)
    assert notes.toPlainText() == "" and QApplication.clipboard().text() == "My notes"
    chosen(actions.paste)
    chosen(actions.paste)
    assert notes.toPlainText() == "My notesMy notes"
    assert actions.paste_plain.isEnabled() and actions.paste_plain.statusTip().startswith("Paste")
    notes.setReadOnly(True)
    assert actions.replace.toolTip() == NOTES_READ_ONLY
    window.menuBar().setFocus()  # no field has the keyboard
    qtbot.waitUntil(lambda: not notes.hasFocus())
    show_states()
    assert [a.toolTip() for a in four] == [NO_FIELD] * 4


def test_words_typed_after_a_paste_are_undone_without_it(notes: NotesEditor, qtbot) -> None:
    """Qt joined them to the paste: Ctrl+Z on "for" took back the pasted passage too."""
    qtbot.keyClicks(notes, "Quote: ")
    clipboard(text="night shifts felt endless")
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    qtbot.keyClicks(notes, " for")
    assert undo(notes, qtbot) == "Quote: night shifts felt endless"
    assert undo(notes, qtbot) == "Quote: "


def test_undoing_a_paste_of_long_lines_raises_nothing(notes: NotesEditor, qtbot) -> None:
    """Found by the notes review: Qt asked the layout for the rectangle of a paragraph the
    undo had just removed, whose layout is None, and the aligning raised out of every
    event filter (a screenful of tracebacks at each Ctrl+Z)."""
    qtbot.keyClicks(notes, "Before.")
    notes.insertPlainText(("Lorem ipsum dolor sit amet. " * 40 + "\n") * 2)
    qtbot.keyClicks(notes, "after")
    notes.viewport().repaint()
    undo(notes, qtbot)
    assert undo(notes, qtbot) == "Before."
    notes.viewport().repaint()
    layout = notes.document().documentLayout()
    assert layout.blockBoundingRect(notes.document().findBlockByNumber(99)).isNull()


def test_escape_in_the_notes_says_how_to_leave_them_and_the_typing_stays(
    window: MainWindow, notes: NotesEditor, notes_path: Path, qtbot
) -> None:
    """Escape goes back to the reader from every pane but the notes, where what was typed
    next would have gone to the reader's keys (H highlights). It did nothing there, unsaid,
    and a keyboard user pressing it to get back to the interview was stuck; Tab at a
    line's start said what it would do, not how to leave. Both now name the keys that
    leave; the typing goes on in the notes."""
    qtbot.keyClicks(notes, "Night")
    qtbot.keyClick(notes, Qt.Key.Key_Escape)
    told = window.statusBar().currentMessage()
    assert "Ctrl+1" in told and "F6" in told
    assert notes.hasFocus()
    qtbot.keyClicks(notes, " shifts")
    notes.moveCursor(QTextCursor.MoveOperation.StartOfBlock)
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    assert "Ctrl+Tab" in window.statusBar().currentMessage()
    assert "Ctrl+Tab" in notes.accessibleDescription()  # a screen reader says it on entering
    window.close()  # saves now
    saved = orjson.loads(notes_path.read_bytes())
    assert (saved["notes"], saved["highlights"]) == ("Night shifts", [])
