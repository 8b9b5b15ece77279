"""reader/ui/codebook/picker.py: the code picker opens beside the passage, never on it,
edged and raised off the page in every theme, as tall as the codes it lists."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget

from reader.core.codebook import Codebook
from reader.core.palettes import LIGHT, PALETTES, RAISED_APART, contrast_ratio, parse_hex
from reader.ui import theme
from reader.ui.codebook.picker import EMPTY, HEIGHT, HINT, CodePicker
from reader.ui.wrapped_text import wrapped_lines

NON_TEXT_CONTRAST = 3.0  # WCAG 1.4.11, for the parts of a control


def book_of(count: int) -> Codebook:
    book = Codebook()
    for number in range(count):
        book.create(f"Code {number + 1}")
    return book


@pytest.fixture
def owner(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def opened(owner: QWidget, book: Codebook) -> CodePicker:
    picker = CodePicker(owner)
    screen = picker.screen().availableGeometry()
    picker.open_at(QRect(screen.left() + 200, screen.top() + 40, 300, 20), book, (), (), "words")
    return picker


@pytest.mark.parametrize("where", ["top", "middle", "bottom"])
def test_the_picker_leaves_the_passage_in_sight(qtbot, where: str) -> None:
    """A few lines selected mid-screen (a whole answer, Ctrl+Shift+Down), or one line on a
    1024x640 screen: neither side had room for the picker's 320 pixels, and it went up to
    the screen's top and lay on the passage. It takes the roomier side now, as tall as
    that side lets it (its list scrolls)."""
    owner = QWidget()
    qtbot.addWidget(owner)
    picker = CodePicker(owner)
    screen = picker.screen().availableGeometry()
    height = screen.height() - 2 * 300 if where == "middle" else 20  # 300 left each side
    y = {"top": screen.top() + 40, "middle": screen.top() + 300}.get(where)
    passage = QRect(screen.left() + 200, y or screen.bottom() - 60, 300, height)
    picker.open_at(passage, book_of(20), (), (), "the passage")
    frame = picker.frameGeometry()
    assert not frame.intersects(passage)
    assert screen.contains(frame)
    if where != "middle":
        assert (frame.top() > passage.bottom()) == (where == "top")  # below, unless no room
        assert frame.height() >= 320


def test_a_new_name_that_extends_a_code_makes_a_new_code_on_enter(
    make_window, tmp_path, qtbot, notes_path
) -> None:
    """Building a codebook, a student types "Support from family" beside "Support": Enter
    applied "Support" (the fuzzy match was first), silently coding the passage wrong. A
    name holding a code's words and more is the new code; a typo still finds its code."""
    from tests.ui.test_codebook import code_with_keys, names
    from tests.ui.test_highlights import wait_saved

    doc = tmp_path / "talk.txt"
    doc.write_text(
        "Q: Who helps you?\nA: My sister helps, and the coordinators now and then.\n", "utf-8"
    )
    window = make_window(doc)
    code_with_keys(window, qtbot, "coordinators", "Support")
    code_with_keys(window, qtbot, "Who helps", "Self-care")
    code_with_keys(window, qtbot, "My sister helps", "Support from family")
    code_with_keys(window, qtbot, "now and then", "suport")  # a typo: the code it meant
    code_with_keys(window, qtbot, "helps, and", "Self-care routines")
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == 5)
    coded = {h["exact"]: [names(data)[c] for c in h["codes"]] for h in data["highlights"]}
    assert coded == {
        "coordinators": ["Support"],
        "My sister helps": ["Support from family"],
        "now and then": ["Support"],
        "Who helps": ["Self-care"],
        "helps, and": ["Self-care routines"],
    }


def test_a_new_name_merely_like_a_code_makes_a_new_code_on_enter(
    make_window, tmp_path, qtbot, notes_path
) -> None:
    """Typing "Industry" with a code Style, or "Stress" with Process, and Enter applied
    Style and Process: any fuzzy likeness went before "+ New code". Only a slip on a
    code's name ("Proces") or part of one ("Sty") is taken for that code now."""
    from tests.ui.test_codebook import code_with_keys, names
    from tests.ui.test_highlights import wait_saved

    doc = tmp_path / "talk.txt"
    doc.write_text("Q: Why?\nA: Alpha beta gamma delta epsilon zeta eta theta.\n", "utf-8")
    window = make_window(doc)
    for word, typed in [
        ("Alpha", "Style"),
        ("beta", "Process"),
        ("gamma", "Industry"),
        ("delta", "Stress"),
        ("epsilon", "Proces"),
        ("zeta", "sty"),
    ]:
        code_with_keys(window, qtbot, word, typed)
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == 6)
    coded = {h["exact"]: [names(data)[c] for c in h["codes"]] for h in data["highlights"]}
    assert coded == {
        "Alpha": ["Style"],
        "beta": ["Process"],
        "gamma": ["Industry"],
        "delta": ["Stress"],
        "epsilon": ["Process"],
        "zeta": ["Style"],
    }
    assert sorted(names(data).values()) == ["Industry", "Process", "Stress", "Style"]
    # What Enter does is said where it is not the name typed: "Work" and Enter applied
    # "Workplace surveillance", unseen (the study review's F4).
    picker = window.codebook.coding.picker
    window.reader.select_span(0, 2)
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    qtbot.keyClicks(picker.edit, "Sty")
    assert picker.hint.text() == "Enter applies “Style”; ↓ for a new code “Sty”."
    qtbot.keyClicks(picker.edit, "lish")
    assert picker.hint.text() == HINT  # the new code is first


@pytest.mark.parametrize("name", list(PALETTES))
def test_the_picker_is_edged_and_raised_off_the_page_in_every_theme(owner, name: str) -> None:
    """Borderless on the page's black (High Contrast) or on a grey 1.1:1 from it (Dark), the
    picker looked like a hole cut in the reader and the notes, their words cut mid-word."""
    palette = PALETTES[name]
    theme.apply_palette(palette)
    try:
        image = opened(owner, book_of(3)).grab().toImage()
    finally:
        theme.apply_palette(LIGHT)
    middle = image.height() // 2
    edge = image.pixelColor(0, middle).name()
    inside = image.pixelColor(3, middle).name()  # within the edge, left of the list
    assert edge == palette.popup_edge()
    for behind in (palette.base, palette.window):  # the reader, the notes; a dock
        assert contrast_ratio(parse_hex(edge), parse_hex(behind)) >= NON_TEXT_CONTRAST
    assert inside == palette.raised()
    assert contrast_ratio(parse_hex(inside), parse_hex(palette.base)) >= RAISED_APART
    for text in (palette.text, palette.muted()):  # its title and hint, on its background
        assert contrast_ratio(parse_hex(text), parse_hex(inside)) >= 4.5


def test_with_no_codes_the_picker_says_how_to_make_one(owner, qtbot) -> None:
    """A first code: some 300 px of empty list, and nothing said what to do."""
    picker = opened(owner, Codebook())
    assert picker.empty.isVisible() and picker.empty.text() == EMPTY
    assert not picker.list.isVisible()
    assert picker.height() < HEIGHT / 2
    qtbot.keyClicks(picker.edit, "Trust")
    assert picker.list.isVisible() and not picker.empty.isVisible()
    assert picker.list.item(0).text() == "+ New code “Trust”"
    assert picker.list.visualItemRect(picker.list.item(0)).bottom() < picker.list.height()


def test_a_few_codes_fill_the_picker_and_a_new_name_still_fits(owner, qtbot) -> None:
    picker = opened(owner, book_of(3))
    assert picker.height() < HEIGHT * 2 / 3 and picker.list.count() == 3
    qtbot.keyClicks(picker.edit, "Code")  # all three, and a new code of that name
    assert picker.list.count() == 4
    assert picker.list.verticalScrollBar().maximum() == 0


def test_ctrl_enter_keeps_the_row_and_enter_never_takes_a_code_off(
    make_window, tmp_path, qtbot
) -> None:
    """Ctrl+Enter (apply, stay open) put the list back at the top, the first row chosen,
    so a second Ctrl+Enter applied an unrelated code; and C on a coded passage listed its
    last code first, ticked and chosen, so a habitual Enter took it off. The row stays on
    the code applied, what was typed stays (selected: typing replaces it); C chooses the
    first code not on the passage; Enter on a ticked code leaves it on and says so;
    Delete takes it off."""
    from PySide6.QtCore import Qt

    from tests.ui.test_highlights import select

    doc = tmp_path / "talk.txt"
    doc.write_text("Q: Why?\nA: I was tired and I felt guilty.\n", "utf-8")
    window = make_window(doc)
    hub = window.codebook.hub
    for name in ("Anger", "Burnout", "Guilt", "Joy"):
        hub.create(name)
    text = window.interview.session.document.text
    select(window, qtbot, text.index("I felt"), text.index("guilty") + 6)

    def codes() -> list[str]:
        (h,) = window.interview.session.notes.highlights
        return [hub.book.code(c).name for c in h.codes]

    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    picker = window.codebook.coding.picker
    qtbot.keyClicks(picker.edit, "gilt")
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return, ctrl)
    assert codes() == ["Guilt"] and picker.isVisible()
    assert picker.edit.text() == picker.edit.selectedText() == "gilt"
    assert picker.list.currentItem().text() == "✓ Guilt"
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return, ctrl)  # again: nothing else applied
    assert codes() == ["Guilt"]
    assert "already" in picker.hint.text()
    qtbot.keyClicks(picker.edit, "burn")  # replaces "gilt"
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return, ctrl)
    assert codes() == ["Guilt", "Burnout"]
    qtbot.keyClick(picker.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(window.reader, Qt.Key.Key_C)  # the codes used last first, both ticked
    assert picker.list.currentItem().text() == "Anger"
    qtbot.keyClick(picker.edit, Qt.Key.Key_Up)
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)  # on ✓ Guilt: it stays
    assert codes() == ["Guilt", "Burnout"] and picker.isVisible()
    qtbot.keyClick(picker.edit, Qt.Key.Key_Delete)
    assert codes() == ["Burnout"] and picker.isVisible()
    assert picker.list.currentItem().text() == "Guilt"


def test_delete_takes_a_code_off_only_with_the_caret_at_the_end_of_an_emoji(
    make_window, tmp_path, qtbot
) -> None:
    """The caret's place was compared with the typed text's length in characters, where
    Qt counts an emoji as two: at the end of "🎬", Delete did nothing; between "🎬🎬",
    it took the code off the passage instead of deleting the emoji after the caret."""
    from tests.ui.test_highlights import select

    doc = tmp_path / "talk.txt"
    doc.write_text("Q: Why?\nA: We filmed it all at night.\n", "utf-8")
    window = make_window(doc)
    hub = window.codebook.hub
    hub.create("🎬🎬")
    text = window.interview.session.document.text
    select(window, qtbot, text.index("We"), text.index(" at night"))
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    picker = window.codebook.coding.picker
    picker.edit.insert("🎬🎬")
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    (h,) = window.interview.session.notes.highlights
    assert [hub.book.code(c).name for c in h.codes] == ["🎬🎬"] and picker.isVisible()
    qtbot.keyClick(picker.edit, Qt.Key.Key_End)
    qtbot.keyClick(picker.edit, Qt.Key.Key_Left)  # between the two emoji
    qtbot.keyClick(picker.edit, Qt.Key.Key_Delete)
    assert picker.edit.text() == "🎬"
    assert [hub.book.code(c).name for c in window.interview.session.notes.highlights[0].codes]
    qtbot.keyClick(picker.edit, Qt.Key.Key_Delete)  # at the end: the code goes
    assert not window.interview.session.notes.highlights


def test_a_long_sub_code_is_elided_in_its_middle_with_no_scroll_bar_across(owner) -> None:
    """At 1024 px a long sub-code's path ran past the picker: a scroll bar across took a
    row's room, and the code's own name, at the path's end, was out of sight."""
    book = book_of(3)
    work = book.create("Work and the workplace")
    long = book.create("Surveillance and measurement by the handheld scanner", parent=work.id)
    picker = opened(owner, book)
    path = book.path(long.id)
    row = next(r for r in range(picker.list.count()) if picker.list.item(r).text() == path)
    assert picker.list.fontMetrics().horizontalAdvance(path) > picker.list.viewport().width()
    assert not picker.list.horizontalScrollBar().isVisible()
    assert picker.list.textElideMode() == Qt.TextElideMode.ElideMiddle  # "Work an…scanner"
    assert picker.list.item(row).toolTip() == path  # whole


def test_the_hint_breaks_its_lines_between_keys_only(owner) -> None:
    """ "Del takes a ✓" ended a line, "code off" began the next."""
    picker = opened(owner, book_of(3))
    hint = picker.hint
    lines = wrapped_lines(hint.text(), hint.font(), hint.contentsRect().width(), 5)
    assert len(lines) > 1  # as narrow as the picker is
    assert all(line.endswith("·") for line in lines[:-1]), lines


def test_the_way_down_to_a_new_code_is_counted_not_drawn(owner) -> None:
    """Typing "lev" among twelve codes "Level 1" … "Level 12" put "+ New code" below them
    all, and the hint read "↓↓↓↓↓↓↓↓↓↓↓↓ for a new code “lev”."."""
    book = Codebook()
    for number in range(12):
        book.create(f"Level {number + 1}")
    picker = opened(owner, book)
    picker.edit.setText("lev")
    picker.refill()
    assert picker.list.item(12).text() == "+ New code “lev”"
    assert picker.hint.text() == "Enter applies “Level 1”; ↓ ×12 for a new code “lev”."


def test_page_down_and_page_up_go_a_page_of_codes(owner, qtbot) -> None:
    """Page Down moved one row, as Down does: the sixtieth of sixty codes took sixty
    presses. It goes the rows in sight now, and stops at the list's ends."""
    picker = opened(owner, book_of(60))
    qtbot.waitExposed(picker)
    in_sight = picker.list.viewport().height() // picker.list.sizeHintForRow(0)
    assert picker.list.currentRow() == 0 and in_sight > 3
    qtbot.keyClick(picker.edit, Qt.Key.Key_PageDown)
    assert picker.list.currentRow() == in_sight - 1
    for _ in range(60):
        qtbot.keyClick(picker.edit, Qt.Key.Key_PageDown)
    assert picker.list.currentRow() == 59
    qtbot.keyClick(picker.edit, Qt.Key.Key_PageUp)
    assert picker.list.currentRow() == 59 - (in_sight - 1)
    qtbot.keyClick(picker.edit, Qt.Key.Key_Up)
    assert picker.list.currentRow() == 59 - in_sight


def test_a_list_cut_at_sixty_codes_says_so(owner) -> None:
    """Opened on a codebook of 500 codes, the picker listed the first 60 as if they were
    all; it says how many are listed and that typing finds the others."""
    picker = opened(owner, book_of(500))
    assert picker.list.count() == 60
    assert picker.hint.text() == f"60 of 500 codes listed: type to find the others. {HINT}"
    picker.edit.setText("code 1")  # Code 1, then Code 10 … Code 199: 111 codes
    picker.refill()
    assert picker.hint.text() == f"The first 60 found: type more to narrow them. {HINT}"
    picker.edit.setText("code 49")
    picker.refill()
    assert picker.hint.text() == HINT  # "Code 49", "Code 490" … "Code 499": all listed


def test_a_new_code_typed_as_a_path_is_made_under_that_code(window, qtbot) -> None:
    """The picker finds codes by their paths ("Work / Stress"), so a user types one: a new
    "Work / Night shifts" was made a top-level code of that whole name, which read in every
    list as a sub-code of Work and was none. It is made under Work, and the row says so."""
    from tests.ui.test_codebook import code_with_keys

    code_with_keys(window, qtbot, "respectable", "Work")
    hub = window.codebook.hub
    work = hub.book.find("Work")
    assert work is not None
    text = window.interview.session.document.text
    start = text.index("corporate")
    window.reader.select_span(start, start + len("corporate"))
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    picker = window.codebook.coding.picker
    qtbot.keyClicks(picker.edit, "work / Night shifts")
    rows = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert "+ New code “Night shifts” under “Work”" in rows
    picker.list.setCurrentRow(rows.index("+ New code “Night shifts” under “Work”"))
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    night = hub.book.find("Night shifts")
    assert night is not None and night.parent == work.id
    assert [len(h.codes) for h in window.interview.session.notes.highlights] == [1, 1]
    assert hub.book.new_place("and/or") == ("", "and/or")  # no code "and": a name
