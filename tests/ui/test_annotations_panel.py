"""The Annotations panel: every highlight in order, filtered, and driven from the keyboard."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDockWidget, QToolButton
from shiboken6 import delete

from reader.core.annotations import COLOR_IDS, NO_COLOR, make_highlight
from reader.core.codebook import codes_for_tags
from reader.ui import painting
from reader.ui.annotations.panel import ID_ROLE, NO_HIGHLIGHTS, AnnotationsPanel
from reader.ui.clear_button import placeholder_cuts
from reader.ui.interview.commands import AddHighlightCommand, EditHighlightCommand
from reader.ui.interview.controller import Controller
from reader.ui.window.main_window import MainWindow
from tests.conftest import BUNDLED, DATA
from tests.ui.test_codebook import code_with_keys, two_stresses
from tests.ui.test_highlights import highlight_with_key

INTRO = (100, 140)  # inside the introduction, before any question
Q1 = (1900, 1950)  # inside the answer to question 1
Q2 = (2450, 2500)  # inside the answer to question 2


@pytest.fixture
def controller(window: MainWindow) -> Controller:
    return window.interview.controller


@pytest.fixture
def panel(qtbot, window: MainWindow) -> AnnotationsPanel:
    panel = AnnotationsPanel(window.interview)
    qtbot.addWidget(panel)
    panel.resize(360, 600)
    panel.show()
    return panel


def tagged(controller: Controller, changes: dict) -> dict:
    """`changes` with tags (names) turned into codes of the session's codebook."""
    if "tags" in changes:
        book = controller.session.notes.codebook
        changes["codes"] = codes_for_tags(changes.pop("tags"), book)
    return changes


def add(controller: Controller, span: tuple[int, int], color: str = "yellow", **changes) -> str:
    highlight = controller.add_highlight(*span, color)
    tagged(controller, changes)
    if changes:
        controller.edit_highlight(highlight.id, "Edit Note", **changes)
    return highlight.id


def test_rows_in_document_order_with_count(panel: AnnotationsPanel, controller) -> None:
    assert panel.visible_ids() == [] and panel.count_text() == NO_HIGHLIGHTS  # says how
    second = add(controller, Q2)
    first = add(controller, INTRO)
    middle = add(controller, Q1)
    assert panel.visible_ids() == [first, middle, second]
    assert panel.count_text() == "3 highlights"


def test_rows_name_their_question(panel: AnnotationsPanel, controller) -> None:
    add(controller, INTRO)
    add(controller, Q1, "green", note="Why <this>?", tags=("craft",))
    model = panel.view.model()
    assert "<b>Key quote · Intro</b>" in tooltip(panel, 0)
    q1 = tooltip(panel, 1)
    assert "<b>Method · Q1</b>" in q1 and "<i>Why &lt;this&gt;?</i>" in q1 and "Codes: craft" in q1
    assert controller.session.document.text[slice(*Q1)].split()[1] in q1
    assert model.index(1, 0).data() == " ".join(
        controller.session.document.text[slice(*Q1)].split()
    )


def tooltip(panel: AnnotationsPanel, row: int) -> str:
    return panel.view.model().index(row, 0).data(Qt.ItemDataRole.ToolTipRole)


def spoken(panel: AnnotationsPanel, row: int) -> str:
    """What a screen reader says of the row."""
    return panel.view.model().index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)


def painted_label(panel: AnnotationsPanel, row: int) -> str:
    """The row's first line as the delegate paints it (single spaces around each dot)."""
    entry = panel._model.rows[row]
    assert entry is not None
    return " ".join(panel._model.label(entry, "  ·  ").split())


def test_rows_say_when_and_who_in_a_timed_transcript_with_names(make_window, qtbot) -> None:
    """An Otter transcript of a recording: a row says its question, when the turn starts
    and who speaks, on screen, in its tooltip and to a screen reader; a rename follows."""
    window = make_window(DATA / "journalist" / "okonkwo-otter.txt")
    highlight_with_key(window, qtbot, "There was no vote", key=Qt.Key.Key_2)
    highlight_with_key(window, qtbot, "My mum's flat", key=Qt.Key.Key_1)
    qtbot.keyClick(window.reader, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    panel = window.annotations
    qtbot.waitUntil(lambda: len(panel.visible_ids()) == 2)
    late = "Key quote · Q3 · 1:02:09 · Ade Okonkwo"
    assert painted_label(panel, 0) == "Method · Q2 · 12:47 · Ade Okonkwo"
    assert painted_label(panel, 1) == late
    assert f"<b>{late}</b>" in tooltip(panel, 1)
    assert spoken(panel, 1) == f"{late}: My mum's flat"
    window.interview.controller.rename_speaker("Ade Okonkwo", "Adeola Okonkwo")
    assert spoken(panel, 1) == "Key quote · Q3 · 1:02:09 · Adeola Okonkwo: My mum's flat"
    window.interview.controller.undo_stack.undo()
    assert spoken(panel, 1) == f"{late}: My mum's flat"


def test_rows_of_an_untimed_text_without_names_say_neither(make_window, qtbot, tmp_path) -> None:
    path = tmp_path / "talk.txt"
    path.write_text("Why was the fund moved?\n\nThere was no vote, it was delegated.\n", "utf-8")
    window = make_window(path)
    highlight_with_key(window, qtbot, "no vote", key=Qt.Key.Key_1)
    qtbot.keyClick(window.reader, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    panel = window.annotations
    qtbot.waitUntil(lambda: len(panel.visible_ids()) == 1)
    assert painted_label(panel, 0) == "Key quote · Q1"
    assert "<b>Key quote · Q1</b>" in tooltip(panel, 0)
    assert spoken(panel, 0) == "Key quote · Q1: no vote"


def test_text_filter_matches_quote_note_and_tags(panel: AnnotationsPanel, controller) -> None:
    text = controller.session.document.text
    by_quote = add(controller, INTRO)
    by_note = add(controller, Q1, note="Casting CHOICES")
    by_tag = add(controller, Q2, tags=("choices-tag",))
    word = text[slice(*INTRO)].split()[1]
    panel.filter_edit.setText(word.upper())
    assert by_quote in panel.visible_ids()
    panel.filter_edit.setText("casting choices")
    assert panel.visible_ids() == [by_note]
    panel.filter_edit.setText("choices")
    assert panel.visible_ids() == [by_note, by_tag]
    assert panel.count_text() == "2 of 3"
    panel.filter_edit.setText("nothing like this anywhere")
    assert panel.visible_ids() == [] and panel.count_text() == "0 of 3"
    panel.filter_edit.clear()
    assert panel.count_text() == "3 highlights, 1 coded"


def test_text_filter_ignores_accents_as_find_does(
    qtbot, panel: AnnotationsPanel, controller
) -> None:
    """Typed without accents, a name finds the highlights about it, as Ctrl+F finds it."""
    by_note = add(controller, Q1, note="Siobhán Ní Bhriain said it’s late")
    by_tag = add(controller, Q2, tags=("José Müller",))
    panel.filter_edit.setFocus()
    qtbot.keyClicks(panel.filter_edit, "siobhan")
    assert panel.visible_ids() == [by_note]
    panel.filter_edit.setText("it's late")
    assert panel.visible_ids() == [by_note]
    panel.filter_edit.setText("JOSE muller")
    assert panel.visible_ids() == [by_tag]
    panel.filter_edit.setText("Müller")
    assert panel.visible_ids() == [by_tag]


def said_when_empty(view: QAbstractItemView, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What `view` paints over its empty viewport (painting.EmptyListText), if anything."""
    said: list[str] = []
    monkeypatch.setattr(painting, "paint_empty_text", lambda _view, text, *_: said.append(text))
    view.viewport().grab()
    monkeypatch.undo()
    return said


def test_a_list_filtered_to_nothing_says_so_and_what_clears_it(
    panel: AnnotationsPanel, controller, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At "0 of 1" the list was blank: it says that nothing matches and that Show All (which
    the count shows) clears the filters; Escape in the filter empties it."""
    assert said_when_empty(panel.view, monkeypatch) == []  # none yet: the count says how
    add(controller, INTRO, "green")
    panel.filter_edit.setText("zzz")
    assert panel.count_text() == "0 of 1" and panel.show_all.isVisible()
    matches = "No highlight matches “zzz”. Show\u00a0All clears the filter."
    assert said_when_empty(panel.view, monkeypatch) == [matches]
    panel.color_filter.setCurrentIndex(panel.color_filter.findData("green"))
    passes = "No highlight passes these filters. Show\u00a0All clears them."
    assert said_when_empty(panel.view, monkeypatch) == [passes]
    image = panel.view.viewport().grab().toImage()  # drawn: more than the background
    assert len({image.pixelColor(x, 14).name() for x in range(image.width())}) > 1
    panel.show_all.click()
    assert len(panel.visible_ids()) == 1 and said_when_empty(panel.view, monkeypatch) == []
    panel.filter_edit.setText("zzz")
    QTest.keyClick(panel.filter_edit, Qt.Key.Key_Escape)
    assert panel.filter_edit.text() == "" and len(panel.visible_ids()) == 1


def test_colour_and_tag_filters_combine(panel: AnnotationsPanel, controller) -> None:
    a = add(controller, INTRO, "green", tags=("craft",))
    b = add(controller, Q1, "green", tags=("Acting", "craft"))
    c = add(controller, Q2, "blue", tags=("craft",))
    colors = [panel.color_filter.itemText(i) for i in range(panel.color_filter.count())]
    assert colors[0] == "All colours" and colors[1:] == list(
        controller.session.notes.colors.values()
    )
    assert not panel.color_filter.itemIcon(1).isNull()
    tags = [panel.tag_filter.itemText(i) for i in range(1, panel.tag_filter.count())]
    assert panel.tag_filter.itemText(0) == "All codes" and tags == ["Acting", "craft"]

    panel.color_filter.setCurrentIndex(panel.color_filter.findData("green"))
    assert panel.visible_ids() == [a, b]
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findText("Acting"))
    assert panel.visible_ids() == [b] and panel.count_text() == "1 of 3"
    panel.color_filter.setCurrentIndex(0)
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findText("craft"))
    assert panel.visible_ids() == [a, b, c]


def test_colour_labels_follow_renames(panel: AnnotationsPanel, controller) -> None:
    add(controller, Q1, "green")
    panel.color_filter.setCurrentIndex(panel.color_filter.findData("green"))
    controller.set_color_labels({**controller.session.notes.colors, "green": "Casting"})
    assert panel.color_filter.currentText() == "Casting"  # the filter stays on green
    assert "Casting · Q1" in tooltip(panel, 0)
    controller.undo_stack.undo()
    assert panel.color_filter.itemText(COLOR_IDS.index("green") + 1) == "Method"


def test_keyboard_jumps_edits_and_deletes(qtbot, panel: AnnotationsPanel, controller) -> None:
    ids = [add(controller, span) for span in (INTRO, Q1, Q2)]
    panel.select(ids[0])
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert panel.current_id() == ids[1]
    with qtbot.waitSignal(panel.jumpRequested) as jump:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert jump.args == [ids[1]]
    with qtbot.waitSignal(panel.editNoteRequested) as edit:
        qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    assert edit.args == [ids[1]]

    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert panel.visible_ids() == [ids[0], ids[2]]
    assert controller.session.highlight(ids[1]) is None
    assert panel.current_id() == ids[2]  # the next row takes over
    qtbot.keyClick(panel.view, Qt.Key.Key_Backspace)
    assert panel.visible_ids() == [ids[0]] and panel.current_id() == ids[0]

    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert panel.visible_ids() == ids and panel.count_text() == "3 highlights"


def test_click_jumps(qtbot, panel: AnnotationsPanel, controller) -> None:
    first = add(controller, INTRO)
    rect = panel.view.visualRect(panel.view.model().index(0, 0))
    with qtbot.waitSignal(panel.jumpRequested) as jump:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert jump.args == [first]


def test_return_in_the_filter_enters_the_list(qtbot, panel: AnnotationsPanel, controller) -> None:
    ids = [add(controller, span, tags=("t",)) for span in (INTRO, Q1)]
    panel.filter_edit.setFocus()
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Return)
    assert panel.view.hasFocus() and panel.current_id() == ids[0]


def test_updates_live_and_keeps_current_row(panel: AnnotationsPanel, controller) -> None:
    first = add(controller, Q1)
    panel.select(first)
    second = add(controller, INTRO)
    assert panel.visible_ids() == [second, first] and panel.current_id() == first
    controller.edit_highlight(
        first, "Edit Note", **tagged(controller, {"note": "Now with a note", "tags": ("later",)})
    )
    assert panel.current_id() == first
    assert panel.tag_filter.findText("later") == 1
    panel.filter_edit.setText("with a note")
    assert panel.visible_ids() == [first]
    controller.delete_highlight(first)
    assert panel.visible_ids() == [] and panel.count_text() == "0 of 1"
    assert panel.tag_filter.count() == 1  # "later" is no longer in use


def test_orphans_listed_apart(qtbot, panel: AnnotationsPanel, controller) -> None:
    anchored = add(controller, Q2)
    lost = replace(
        make_highlight(controller.session.document.text, *INTRO), orphan=True, note="Kept"
    )
    controller.session.add_highlight(lost)
    panel.reload()
    assert panel.visible_ids() == [anchored, lost.id]
    header = panel.view.model().index(1, 0)
    assert header.data() == "Not found in the current text (1)"
    assert not header.flags() & Qt.ItemFlag.ItemIsSelectable
    assert panel.count_text() == "2 highlights"

    panel.select(anchored)
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)  # over the header
    assert panel.current_id() == lost.id
    with qtbot.assertNotEmitted(panel.jumpRequested):
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    with qtbot.waitSignal(panel.editNoteRequested) as edit:
        qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    assert edit.args == [lost.id]
    panel.filter_edit.setText("kept")
    assert panel.visible_ids() == [lost.id]
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert panel.visible_ids() == [] and panel.view.model().rowCount() == 0  # no header


def test_the_panel_follows_the_interview_that_is_open(
    qtbot, panel: AnnotationsPanel, window: MainWindow, controller, make_window, tmp_path
) -> None:
    add(controller, INTRO)
    # Another window's interview is not this panel's.
    other = make_window(notes=tmp_path / "other.json").interview.controller
    add(other, Q1)
    assert len(panel.visible_ids()) == 1
    # Another interview opened in this window replaces the rows.
    assert window.open_document(BUNDLED, tmp_path / "third.json")
    assert panel.visible_ids() == []
    added = add(window.interview.controller, Q2)
    assert panel.visible_ids() == [added]


def test_ten_thousand_highlights(panel: AnnotationsPanel, controller) -> None:
    session = controller.session
    text = session.document.text
    for i in range(10_000):
        start = (i * 7) % (len(text) - 40)
        session.add_highlight(make_highlight(text, start, start + 30, COLOR_IDS[i % 6]))
    panel.reload()
    assert panel.count_text() == "10,000 highlights"
    panel.color_filter.setCurrentIndex(panel.color_filter.findData("blue"))
    assert len(panel.visible_ids()) == 10_000 // 6 + (1 if 10_000 % 6 > 2 else 0)
    panel.filter_edit.setText("the")
    assert 0 < len(panel.visible_ids()) < 10_000
    panel.grab()  # paints the visible rows


# Incremental updates -------------------------------------------------------------------------

STARTS = (100, 104, 1900, 2450, 3000)  # few spans, so equal (start, end) keys are common
WORDS = ("", "alpha", "gamma", "beta note", "the")
COLORS = (*COLOR_IDS[:3], NO_COLOR)  # a passage only coded has none


def rebuilt(panel: AnnotationsPanel, controller: Controller) -> AnnotationsPanel:
    """A panel built from scratch on `controller`, filtered as `panel` is."""
    fresh = AnnotationsPanel(panel._interview)
    fresh.show()  # a hidden panel waits to be shown before it builds its rows
    fresh.reload()
    fresh.filter_edit.setText(panel.filter_edit.text())
    for mine, theirs in (
        (panel.color_filter, fresh.color_filter),
        (panel.tag_filter, fresh.tag_filter),
    ):
        data = mine.currentData()
        theirs.setCurrentIndex(0 if data is None else theirs.findData(data))
    return fresh


def combo_items(combo) -> list[tuple[str, object]]:
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def assert_like_rebuilt(panel: AnnotationsPanel, controller: Controller) -> None:
    fresh = rebuilt(panel, controller)
    try:
        assert panel.visible_ids() == fresh.visible_ids()
        assert panel.count_text() == fresh.count_text()
        for mine, theirs in (
            (panel.tag_filter, fresh.tag_filter),
            (panel.color_filter, fresh.color_filter),  # "No colour" while any has none
        ):
            assert combo_items(mine) == combo_items(theirs)
            assert mine.currentData() == theirs.currentData()
        model, theirs = panel.view.model(), fresh.view.model()
        rows = [model.index(r, 0) for r in range(model.rowCount())]
        assert [(i.data(), i.data(ID_ROLE), i.data(Qt.ItemDataRole.ToolTipRole)) for i in rows] == [
            (i.data(), i.data(ID_ROLE), i.data(Qt.ItemDataRole.ToolTipRole))
            for i in (theirs.index(r, 0) for r in range(theirs.rowCount()))
        ]
    finally:
        delete(fresh)  # disconnected at once: it must not follow the next changes


def random_change(rng: random.Random, panel: AnnotationsPanel, controller: Controller) -> None:
    session = controller.session
    ids = [h.id for h in session.notes.highlights]
    kind = rng.choice(["add", "add", "orphan", "delete", "edit", "edit", "move", "undo", "redo"])
    if kind in ("add", "orphan") or not ids:
        start = rng.choice(STARTS)
        highlight = make_highlight(session.document.text, start, start + rng.choice((20, 40)))
        highlight = replace(highlight, color=rng.choice(COLORS), orphan=kind == "orphan")
        controller.undo_stack.push(AddHighlightCommand(controller, highlight))
    elif kind == "delete":
        controller.delete_highlight(rng.choice(ids))
    elif kind == "edit":
        changes = rng.choice(
            [
                {"note": rng.choice(WORDS)},
                {"tags": tuple(rng.sample(["a", "B", "c"], rng.randint(0, 2)))},
                {"color": rng.choice(COLORS)},
            ]
        )
        controller.edit_highlight(rng.choice(ids), "Edit", **tagged(controller, changes))
    elif kind == "move":  # found again, or lost: the row changes section
        before = session.highlight(rng.choice(ids))
        assert before is not None
        after = before.edited(orphan=not before.orphan)
        controller.undo_stack.push(EditHighlightCommand(controller, before, after, "Reanchor"))
    elif kind == "undo":
        controller.undo_stack.undo()
    else:
        controller.undo_stack.redo()


def filters_chosen(panel: AnnotationsPanel) -> tuple[object, object]:
    return panel.tag_filter.currentData(), panel.color_filter.currentData()


def random_filter(rng: random.Random, panel: AnnotationsPanel) -> None:
    combo = rng.choice([panel.filter_edit, panel.color_filter, panel.tag_filter])
    if combo is panel.filter_edit:
        panel.filter_edit.setText(rng.choice(WORDS))
    else:
        combo.setCurrentIndex(rng.randrange(combo.count()))


@pytest.mark.parametrize("seed", range(4))
def test_incremental_updates_match_a_rebuild(
    panel: AnnotationsPanel, controller: Controller, seed: int
) -> None:
    rng = random.Random(seed)
    resets: list[bool] = []
    panel.view.model().modelReset.connect(lambda: resets.append(True))
    for _ in range(120):
        if rng.random() < 0.15:
            random_filter(rng, panel)
            assert_like_rebuilt(panel, controller)
            continue
        visible = panel.visible_ids()
        if visible and rng.random() < 0.7:
            panel.select(rng.choice(visible))
        current, filters = panel.current_id(), filters_chosen(panel)
        resets.clear()
        random_change(rng, panel, controller)
        assert_like_rebuilt(panel, controller)
        if filters_chosen(panel) == filters:  # (not fallen back, its choice gone)
            assert not resets  # one row changed, not the whole list
        now = panel.visible_ids()
        if current in now:
            assert panel.current_id() == current
        elif current is not None and now:
            # The current row went away: the one after it takes over, or else the one before.
            i = visible.index(current)
            assert panel.current_id() == next(
                (h for h in visible[i + 1 :] if h in now), visible[i - 1] if i else None
            )


def test_orphans_header_comes_and_goes(panel: AnnotationsPanel, controller: Controller) -> None:
    text = controller.session.document.text
    anchored = add(controller, Q2)

    def lose(span: tuple[int, int], note: str = "") -> str:
        lost = replace(make_highlight(text, *span), orphan=True, note=note)
        controller.undo_stack.push(AddHighlightCommand(controller, lost))
        return lost.id

    def header() -> str | None:
        model = panel.view.model()
        rows = [model.index(r, 0) for r in range(model.rowCount())]
        headers = [i for i in rows if i.data(ID_ROLE) is None]
        assert len(headers) <= 1
        return headers[0].data() if headers else None

    assert header() is None
    first = lose(INTRO, note="kept")
    assert header() == "Not found in the current text (1)"
    second = lose(Q1)
    assert panel.visible_ids() == [anchored, first, second]
    assert header() == "Not found in the current text (2)"
    panel.filter_edit.setText("kept")
    assert panel.visible_ids() == [first] and header() == "Not found in the current text (1)"
    controller.edit_highlight(first, "Edit Note", note="")  # filtered out: the header goes
    assert panel.visible_ids() == [] and panel.view.model().rowCount() == 0
    controller.undo_stack.undo()
    assert header() == "Not found in the current text (1)"
    panel.filter_edit.clear()
    controller.delete_highlight(second)
    assert header() == "Not found in the current text (1)"
    controller.delete_highlight(first)
    assert header() is None and panel.visible_ids() == [anchored]
    assert panel.view.model().rowCount() == 1
    controller.undo_stack.undo()
    assert header() == "Not found in the current text (1)"
    assert panel.visible_ids() == [anchored, first]


def test_cards_are_as_tall_as_their_text(qtbot, panel: AnnotationsPanel, controller) -> None:
    """In a dock as narrow as at 1024 px, a one-line card is short, codes that do not fit
    beside the label go on a line of their own (no "+2"), and a long quote stops at three
    lines."""
    panel.resize(220, 600)
    text = controller.session.document.text

    def word(w: str) -> tuple[int, int]:
        return text.index(w), text.index(w) + len(w)

    short = add(controller, word("Hollywood"))
    coded = add(controller, word("hegemony"), "blue", tags=("Fatigue", "Land tenure"))
    noted = add(controller, word("Clearly"), "green", note="Ask again")
    long = add(controller, (Q2[0], Q2[0] + 900))  # wrapped, then elided
    assert not panel.view.uniformItemSizes()
    rows = {i: r for r, i in enumerate(panel.visible_ids())}
    model, line = panel.view.model(), panel.view.fontMetrics().lineSpacing()

    def height(highlight_id: str) -> int:
        QApplication.processEvents()  # the view lays its rows out from the event loop
        return panel.view.visualRect(model.index(rows[highlight_id], 0)).height()

    assert height(short) < 3.5 * line  # label and one line of quote: ~85 px before
    assert height(short) + line <= height(coded) < height(short) + 2 * line  # a codes line
    assert height(short) + line <= height(noted) < height(short) + 2 * line  # a note line
    assert height(long) == height(short) + 2 * line  # three lines of quote, no more
    # Wide enough, the codes sit beside the label again: the card is as short as the first.
    panel.resize(900, 600)
    qtbot.waitUntil(lambda: height(coded) == height(short))
    panel.grab()  # paints chips beside the label, and below it before


def test_a_code_too_long_for_a_narrow_card_shows_elided_not_as_plus_one(
    window: MainWindow, qtbot
) -> None:
    # At 1024 px a passage coded "Work and the workplace" showed "+1" and no code at all.
    hub = window.codebook.hub
    name = "Informal knowledge transfer between shifts and wards"
    code = hub.create(name)
    assert code is not None
    hub.update(code.id, color="#123456")
    code_with_keys(window, qtbot, window.interview.session.document.text.split()[3], name)
    window.window_actions.focus_annotations.trigger()
    panel = window.annotations
    dock = window.findChild(QDockWidget, "annotations-dock")
    window.resizeDocks([dock], [200], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: len(panel._model.rows) == 1 and panel.view.viewport().width() < 200)
    image = panel.view.viewport().grab().toImage()
    rect = panel.view.visualRect(panel.view.model().index(0, 0))
    painted = {
        image.pixelColor(x, y).name()
        for x in range(rect.left(), rect.right())
        for y in range(rect.top(), rect.bottom())
    }
    assert "#123456" in painted  # its chip's dot: the chip shows, its name elided


def test_a_chips_name_is_whole_where_it_fits(qapp) -> None:
    # Elided at its own advance, "… by the handheld scann…" had room for "scanner".
    from reader.ui.annotations.delegate import _scaled, chip_label

    metrics = QFontMetrics(_scaled(QFont(), 0.86))  # the chips' font
    name = "Surveillance and measurement by the handheld scanner"
    assert chip_label(metrics, name, metrics.horizontalAdvance(name)) == name
    assert chip_label(metrics, name, metrics.horizontalAdvance(name) // 2).endswith("…")


def test_a_long_list_has_one_height(panel: AnnotationsPanel, controller, qtbot) -> None:
    """Beyond FIT_ROWS the view measures one card for all (10,000 rows stay quick)."""
    from reader.ui.annotations.delegate import FIT_ROWS

    session, text = controller.session, controller.session.document.text
    for i in range(FIT_ROWS + 1):
        start = (i * 7) % (len(text) - 400)
        session.add_highlight(make_highlight(text, start, start + (30 if i % 2 else 300)))
    add(controller, Q1, note="A note\nover two lines", tags=("craft", "acting", "casting"))
    lost = replace(make_highlight(text, *INTRO), orphan=True)
    controller.undo_stack.push(AddHighlightCommand(controller, lost))
    panel.reload()
    assert panel.view.uniformItemSizes()
    model = panel.view.model()
    # Laid out a batch at a time (CARDS_PER_BATCH): on a busy machine one pass of the event
    # loop left the twentieth card to the next.
    qtbot.waitUntil(lambda: panel.view.visualRect(model.index(19, 0)).height() > 0)
    heights = {panel.view.visualRect(model.index(r, 0)).height() for r in range(20)}
    assert len(heights) == 1 and heights.pop() > 3 * panel.view.fontMetrics().lineSpacing()
    panel.grab()  # paints the header, a note, tag chips and an orphan


def test_the_code_filter_offers_two_codes_of_one_name_apart(window: MainWindow, qtbot) -> None:
    """Work / Stress and Home / Stress: an entry each, in its own colour; picking one with
    the keyboard lists its passage alone."""
    at_work, at_home = two_stresses(window, qtbot)
    window.window_actions.focus_annotations.trigger()
    panel = window.annotations
    qtbot.waitUntil(lambda: panel.count_text() == "2 coded passages")  # coded, no colour
    combo = panel.tag_filter
    items = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
    assert items == [  # in the codebook's order
        ("All codes", None),
        ("Work / Stress", at_work.id),
        ("Home / Stress", at_home.id),
    ]
    swatches = [combo.itemIcon(i).pixmap(8, 8).toImage().pixelColor(4, 4).name() for i in (1, 2)]
    assert swatches == [at_work.color, at_home.color]
    worked = {h.codes[0]: h.id for h in window.interview.session.notes.highlights}
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert panel.visible_ids() == [worked[at_work.id]] and panel.count_text() == "1 of 2"
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert panel.visible_ids() == [worked[at_home.id]]
    # Renamed apart, the entries follow: "Stress" alone, "Strain" alone, the filter kept.
    window.codebook.hub.update(at_home.id, "Rename Code", name="Strain")
    texts = [combo.itemText(i) for i in range(1, combo.count())]
    assert texts == ["Stress", "Strain"] and combo.currentText() == "Strain"
    assert panel.visible_ids() == [worked[at_home.id]]


def test_ctrl_3_on_a_highlight_makes_it_the_current_row(make_window, qtbot) -> None:
    """From the reader's highlight, Ctrl+3 and Delete (or F2, Enter) act on that one: the
    panel's current row was its first, so Delete removed another highlight."""
    window = make_window(DATA / "journalist" / "okonkwo-otter.txt")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    highlight_with_key(window, qtbot, "There was no vote", key=Qt.Key.Key_1)
    highlight_with_key(window, qtbot, "My mum's flat", key=Qt.Key.Key_1)
    qtbot.keyClick(window.reader, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = window.annotations.view
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    kept = [h.exact for h in window.interview.session.notes.highlights]
    assert kept == ["There was no vote"]


def test_the_filter_finds_a_speaker_a_question_and_a_time(make_window, qtbot) -> None:
    """What a row says of its place is searched too: "hannah" keeps the interviewer's
    highlights, "q3" that question's, "1:02" the turn at that time; a rename follows."""
    window = make_window(DATA / "journalist" / "okonkwo-otter.txt")
    highlight_with_key(window, qtbot, "Who decided to move", key=Qt.Key.Key_1)
    highlight_with_key(window, qtbot, "There was no vote", key=Qt.Key.Key_2)
    highlight_with_key(window, qtbot, "My mum's flat", key=Qt.Key.Key_1)
    qtbot.keyClick(window.reader, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    panel = window.annotations
    qtbot.waitUntil(lambda: len(panel.visible_ids()) == 3)
    ids = {h.exact: h.id for h in window.interview.session.notes.highlights}
    panel.filter_edit.setFocus()
    qtbot.keyClicks(panel.filter_edit, "hannah")
    assert panel.visible_ids() == [ids["Who decided to move"]]
    panel.filter_edit.setText("OKONKWO")
    assert panel.visible_ids() == [ids["There was no vote"], ids["My mum's flat"]]
    panel.filter_edit.setText("q3")
    assert panel.visible_ids() == [ids["My mum's flat"]]
    panel.filter_edit.setText("1:02")
    assert panel.visible_ids() == [ids["My mum's flat"]]
    window.interview.controller.rename_speaker("Ade Okonkwo", "Adeola Okonkwo")
    panel.filter_edit.setText("adeola")
    qtbot.waitUntil(lambda: len(panel.visible_ids()) == 2)


def test_the_count_wraps_after_its_colon_or_comma_only() -> None:
    """In a narrow dock "1 highlight, 1 coded passage" broke as "1 coded / passage"."""
    from reader.core.annotations import NO_COLOR, make_highlight
    from reader.ui.annotations.show_all import count_line

    text = "One two three."
    marked = make_highlight(text, 0, 3, "green")
    coded = make_highlight(text, 4, 7, NO_COLOR).edited(codes=("c1",))
    assert count_line([marked, coded]) == "2\u00a0passages: 1\u00a0highlighted, 1\u00a0coded"
    assert count_line([coded]) == "1\u00a0coded\u00a0passage"


def test_typing_in_the_list_goes_to_the_filter_and_a_backspace_corrects_it_there(
    panel: AnnotationsPanel, controller, window: MainWindow, qtbot
) -> None:
    """Letters went to Qt's type-ahead, and a Backspace to correct them deleted the
    current highlight, saying nothing."""
    add(controller, Q1)
    add(controller, Q2)
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.view.model().index(0, 0))
    qtbot.keyClicks(panel.view, "smel")
    assert panel.filter_edit.hasFocus() and panel.filter_edit.text() == "smel"
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Backspace)
    assert panel.filter_edit.text() == "sme"
    assert len(controller.session.notes.highlights) == 2
    panel.filter_edit.clear()
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.view.model().index(0, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert len(controller.session.notes.highlights) == 1
    assert window.statusBar().currentMessage() == "Highlight deleted. Edit ▸ Undo brings it back."


def test_the_arrows_in_the_list_show_each_highlight_and_quote_it(window: MainWindow, qtbot) -> None:
    """Edit's Quote in Notes and Copy as Quotation were greyed with a row chosen by the
    arrows: they act on the reader's highlight, which only Enter or a click set."""
    for words in ("Elisabeth Moss", "home movie"):
        highlight_with_key(window, qtbot, words, key=Qt.Key.Key_1)
    first, second = sorted(window.interview.session.notes.highlights, key=lambda h: h.start)
    qtbot.keyClick(window.reader, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = window.annotations.view
    qtbot.waitUntil(view.hasFocus)
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert window.reader.current_highlight_id == second.id
    actions = window.window_actions
    assert actions.quote_in_notes.isEnabled() and actions.copy_quotation.isEnabled()
    actions.copy_quotation.trigger()
    assert "home movie" in QApplication.clipboard().text()
    qtbot.keyClick(view, Qt.Key.Key_Up)
    actions.quote_in_notes.trigger()
    assert first.id in window.notes_editor.toPlainText()
    assert view.hasFocus()  # the list keeps the keys
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    place = window.reader.verticalScrollBar().value()
    window.annotations.view.setCurrentIndex(QModelIndex())
    qtbot.keyClick(window.reader, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(view.hasFocus)
    assert window.reader.verticalScrollBar().value() == place  # the reader stayed
    assert window.annotations.current_id() == first.id  # chosen (list_entry.py), not shown
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert window.reader.current_highlight_id == first.id


def test_the_filters_placeholder_is_cut_after_a_word_in_a_narrow_dock(
    window: MainWindow, qtbot
) -> None:
    """Under the Library at 1024x640 the field is ~105 px wide: Qt cut its placeholder
    inside a word, "Filter quo…". It shows the most words it has room for, whole."""
    panel = AnnotationsPanel(window.interview)
    qtbot.addWidget(panel)
    panel.show()
    edit, whole = panel.filter_edit, "Filter quotes, notes, codes"
    shown = {}
    for width in (420, 170, 120):
        panel.resize(width, 400)
        qtbot.waitUntil(lambda: edit.width() < panel.width())
        QApplication.processEvents()
        text, (clear,) = edit.placeholderText(), edit.findChildren(QToolButton)
        room = edit.contentsRect().width() - 12 - clear.width()  # Qt keeps the ✕'s place
        assert edit.fontMetrics().horizontalAdvance(text) <= room
        shown[width] = text
    assert shown[420] == whole
    assert shown[170] != whole and shown[170] in placeholder_cuts(whole)
    assert placeholder_cuts(whole)[1:] == ["Filter quotes, notes…", "Filter quotes…", "Filter…"]


def test_a_row_says_its_codes_and_its_note_to_a_screen_reader(
    panel: AnnotationsPanel, controller
) -> None:
    """A card shows its codes as chips and its note under the quote; a screen reader
    going down the list heard the place and the quote alone."""
    add(controller, Q1, "green", note="Why <this>?\nAsk again.", tags=["craft", "bread"])
    end = controller.session.document.text.index(".", Q2[0]) + 1
    add(controller, (end - 30, end), note="Later.")  # its quote ends in "."
    said = spoken(panel, 0)
    assert said.startswith("Method · Q1: ")
    assert said.endswith(". Codes: craft, bread. Note: Why <this>? Ask again.")
    later = spoken(panel, 1)
    assert "Codes" not in later and later.endswith(". Note: Later.") and ".." not in later
