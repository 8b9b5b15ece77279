"""Search Everything's results: a snippet on one line with the match in sight, its place
beside it, or above it in a narrow dock, the whole snippet in the tooltip; only the rows in
sight (and the last page, for the scroll bar) are laid out, each once."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QTreeWidget, QTreeWidgetItem

from reader.core.offsets import Utf16Index
from reader.core.search import SNIPPET_CHARS, Result, ResultList
from reader.ui.find import result_delegate
from reader.ui.find.result_delegate import (
    ELLIPSIS,
    MAX_LINES,
    PAD,
    ResultDelegate,
    cut_before,
    kind_group,
    shown_end,
    snippet_layout,
)

BEFORE = "Writer and director Alex Ross Perry is not interested in making "
AFTER = "s the way Hollywood wants him to. He has a very respectable and dense process"


def result(
    before: str = BEFORE,
    match: str = "movie",
    after: str = AFTER,
    label: str = "Q1",
    speaker: str = "",
):
    snippet = before + match + after
    start = len(before)
    return Result(
        "document", label, snippet, start, start + len(match), 0, len(match), speaker=speaker
    )


def shown(layout: Any, lines: int) -> str:
    """The text of the first `lines` lines of `layout`."""
    return layout.text()[: shown_end(layout, lines)]


def tree_of(qtbot: Any, results: list[Result], width: int = 200, depth: int = 1) -> QTreeWidget:
    """A results tree as the Search dock shows it, `width` px wide; the results `depth`
    levels in (a study's are three: interview, kind, result)."""
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    tree.setHeaderHidden(True)
    tree.setIndentation(10)
    tree.setItemDelegate(ResultDelegate(tree))
    group, _children = kind_group("In the interview", "document", ResultList(results))
    for _ in range(depth - 1):
        outer = QTreeWidgetItem(["Interview"])
        outer.addChild(group)
        group = outer
    tree.addTopLevelItem(group)
    tree.expandAll()
    tree.resize(width, 500)
    tree.show()
    qtbot.waitExposed(tree)
    QApplication.processEvents()
    return tree


@pytest.mark.parametrize(("width", "depth"), [(150, 3), (200, 3), (200, 1)])
def test_a_narrow_dock_shows_each_result_in_two_lines(qtbot: Any, width: int, depth: int) -> None:
    """At a 1024x640 window the dock is about 150 px wide: a snippet wrapped onto three
    lines of a word or two each beside its place. Now the place is on a line of its own
    and the snippet on one line under it, the match in sight, the rest in the tooltip."""
    short = result(before="Speaker 2: ", match="Thank", after=" you.", label="Q2")
    medium = result(before="So ", after=" about the band?", label="Q3")
    results = [result(), short, medium, result(label="Intro"), result(label="#method-notes")]
    tree = tree_of(qtbot, results, width, depth)
    group = tree.topLevelItem(0)
    for _ in range(depth - 1):
        group = group.child(0)
    line = tree.fontMetrics().lineSpacing()
    delegate = tree.itemDelegate()
    for i, one in enumerate(results):
        assert tree.visualItemRect(group.child(i)).height() == MAX_LINES * line + 2 * PAD
        row = delegate._rows[one]
        assert row.above and row.snippet.lineCount() == 1
        assert one.snippet[one.snippet_start : one.snippet_end] in row.snippet.text()
        assert group.child(i).toolTip(0) == f"{one.label}: {one.snippet}"
    assert tree.visualItemRect(group).height() < 2 * line  # the group, one line


def test_rows_follow_the_width_and_a_long_place_takes_a_line_of_its_own(qtbot: Any) -> None:
    short = result(before="", match="Yes", after=".", label="#method-and-approach")
    tree = tree_of(qtbot, [short])
    row = tree.topLevelItem(0).child(0)
    line = tree.fontMetrics().lineSpacing()
    assert tree.visualItemRect(row).height() == 2 * line + 2 * PAD  # the place, then "Yes."
    tree.resize(900, 500)  # wide: the place beside the snippet
    QApplication.processEvents()
    assert tree.visualItemRect(row).height() == line + 2 * PAD


@pytest.mark.parametrize(("width", "above"), [(150, True), (900, False)])
def test_each_result_names_who_speaks_there_and_their_snippets_line_up(
    qtbot: Any, width: int, above: bool
) -> None:
    """Who speaks where a result is follows its place ("Q3 · Ben"): on the line above the
    snippet in a narrow dock; beside it in a wide one, in a column that lines up the
    snippets whatever the name's length (a long one cut, whole in the tooltip)."""
    named = "Dr. Maria Fernández-López de la Vega"
    results = [
        result(label="Q3", speaker="Ben"),
        result(label="Q12", speaker="Interviewer"),
        result(label="Q12", speaker=named),
        result(label="Intro"),  # a line nobody says
    ]
    tree = tree_of(qtbot, results, width, depth=3)
    group = tree.topLevelItem(0).child(0).child(0)
    line = tree.fontMetrics().lineSpacing()
    rows = [tree.itemDelegate()._rows[one] for one in results]
    assert [row.above for row in rows] == [above] * 4
    assert len({row.column for row in rows}) == 1  # the snippets line up
    metrics = tree.fontMetrics()
    assert above or rows[1].column >= metrics.horizontalAdvance("Q12 · Interviewer")
    for i in range(len(results)):
        assert tree.visualItemRect(group.child(i)).height() == (1 + above) * line + 2 * PAD
    assert group.child(0).toolTip(0) == f"Q3 · Ben: {BEFORE}movie{AFTER}"
    assert group.child(2).toolTip(0).startswith(f"Q12 · {named}: ")
    assert group.child(3).toolTip(0).startswith("Intro: ")


def test_a_row_is_laid_out_once_measured_then_painted_at_any_depth(
    qtbot: Any, monkeypatch: Any
) -> None:
    """The row's height and its paint come from one layout: the same width, so the same
    lines (a paint at another width would cut the snippet or leave a gap)."""
    tree = tree_of(qtbot, [result(label=f"Q{i}") for i in range(5)], depth=3)
    laid_out = count_layouts(monkeypatch)
    measure_again(tree)
    assert sorted(laid_out) == [f"Q{i}" for i in range(5)]


def test_a_wide_dock_gives_fewer_lines(qtbot: Any) -> None:
    tree = tree_of(qtbot, [result()], width=200)
    narrow = tree.visualItemRect(tree.topLevelItem(0).child(0)).height()
    tree.resize(900, 500)
    QApplication.processEvents()
    assert tree.visualItemRect(tree.topLevelItem(0).child(0)).height() < narrow


def test_the_match_is_in_sight_and_bold_and_the_cut_is_marked(qapp: Any) -> None:
    font = QFont(QApplication.font())
    layout = snippet_layout(result(), font, 110, 3)
    text = shown(layout, 3)
    assert layout.lineCount() <= 3
    assert "movie" in text
    assert text.startswith(ELLIPSIS) and text.endswith(ELLIPSIS)  # both sides cut
    (bold,) = layout.formats()
    assert text[bold.start : bold.start + bold.length] == "movie"
    assert bold.format.fontWeight() == QFont.Weight.Bold


@pytest.mark.parametrize("before", ["🎬🎬🎬 the film ", "שלום 🎬 the ", "e\u0301te\u0301 中文 "])
@pytest.mark.parametrize("width", [110, 400])
def test_the_bold_is_the_match_after_emoji_and_marks(qapp: Any, before: str, width: int) -> None:
    """The layout counts UTF-16 units, the snippet's offsets code points: the bold range
    still covers the match, and what is shown is cut at a character, never inside one."""
    layout = snippet_layout(result(before=before, match="word"), QApplication.font(), width, 3)
    (bold,) = layout.formats()
    units = layout.text().encode("utf-16-le")
    assert units[2 * bold.start : 2 * (bold.start + bold.length)].decode("utf-16-le") == "word"
    assert shown(layout, 3).encode("utf-16", "strict")  # no lone surrogate


def test_a_short_snippet_is_whole(qapp: Any) -> None:
    layout = snippet_layout(result(before="The ", after=" is wild."), QApplication.font(), 110, 3)
    assert layout.text() == "The movie is wild."


def test_an_empty_or_huge_snippet(qapp: Any) -> None:
    empty = snippet_layout(result("", "", ""), QApplication.font(), 110, 3)
    assert empty.text() == "" and shown_end(empty, 3) == 0
    huge = snippet_layout(result("word " * 2000, "x" * 5000, " word" * 2000), qapp.font(), 110, 3)
    assert huge.lineCount() <= 3
    assert huge.text().startswith(ELLIPSIS + "xxx") and huge.text().endswith(ELLIPSIS)


def test_cut_before_keeps_whole_words(qapp: Any) -> None:
    metrics = QFontMetrics(QApplication.font())
    cut = cut_before(BEFORE, metrics, 80)
    assert cut.startswith(ELLIPSIS) and BEFORE.endswith(cut[1:])
    assert BEFORE[len(BEFORE) - len(cut) + 1 - 1] == " "  # it begins at a word
    assert cut_before("short ", metrics, 200) == "short "


words = st.lists(
    st.text(alphabet="abcdefghij 陈师傅🎬", min_size=1, max_size=12), min_size=0, max_size=12
)


@settings(max_examples=60, deadline=None)
# Context before the match with no space in it, in a narrow column: cut at the match's
# words, it still took a third line.
@example(before=["傅aaaaabi"], match="x", after=["a", "a"], width=60, lines=2)
@given(
    before=words,
    match=st.text(alphabet="xyz陈", min_size=1, max_size=3 * SNIPPET_CHARS),
    after=words,
    width=st.integers(60, 400),  # the snippet column of a 200 px dock: about 95
    lines=st.integers(1, 3),
)
def test_the_match_begins_within_the_lines_shown(
    qapp: Any, before: list[str], match: str, after: list[str], width: int, lines: int
) -> None:
    """Whatever the context and width, the match (its start, when long) is shown, in
    at most `lines` lines."""
    one = result(" ".join(before), match, " ".join(after))
    layout = snippet_layout(one, QApplication.font(), width, lines)
    (bold,) = layout.formats()
    index = Utf16Index(layout.text())  # the bold range counts UTF-16 units; str, code points
    start, end = index.to_code_point(bold.start), index.to_code_point(bold.start + bold.length)
    visible = shown(layout, lines)
    assert start < len(visible)  # the match starts on a line shown
    assert layout.lineCount() <= lines  # "…" where the rest is cut
    assert layout.text()[start:end] == match[: end - start]


def measure_again(tree: QTreeWidget) -> None:
    """Measure and paint the rows as when the dock's width changes."""
    delegate = tree.itemDelegate()
    assert isinstance(delegate, ResultDelegate)
    delegate.forget()
    tree.doItemsLayout()
    tree.viewport().repaint()


def count_layouts(monkeypatch: Any) -> list[str]:
    """The labels of the results whose snippets are laid out from now on."""
    laid_out: list[str] = []
    real = result_delegate.snippet_layout

    def counting(one: Result, *args: Any) -> Any:
        laid_out.append(one.label)
        return real(one, *args)

    monkeypatch.setattr(result_delegate, "snippet_layout", counting)
    return laid_out


def test_thousands_of_results_lay_out_only_the_rows_in_sight(qtbot: Any, monkeypatch: Any) -> None:
    """Measured and painted: the rows in sight, and the last page (the scroll bar counts
    its rows); the others only when scrolled to, each once."""
    tree = tree_of(qtbot, [result(label=f"Q{i}") for i in range(3000)])
    laid_out = count_layouts(monkeypatch)
    measure_again(tree)
    rows = tree.viewport().height() // tree.visualItemRect(tree.topLevelItem(0).child(0)).height()
    assert len(laid_out) == len(set(laid_out)) <= 2 * (rows + 2)
    assert "Q0" in laid_out and "Q1500" not in laid_out
    laid_out.clear()
    tree.verticalScrollBar().setValue(tree.verticalScrollBar().maximum())
    tree.viewport().repaint()
    assert "Q1500" not in laid_out and len(laid_out) <= rows + 2  # the last page: measured
    tree.viewport().repaint()
    assert len(laid_out) <= rows + 2  # painted again: kept laid out


def test_a_dragged_width_measures_the_rows_once_before_they_are_painted(
    qtbot: Any, monkeypatch: Any
) -> None:
    """A dock dragged wider resizes the tree at every pixel; the rows were measured at each
    one. Now once, from the event loop, at the width the drag reached; a paint before it
    (the window system's) draws the rows as they were, and lays out nothing."""
    results = [result(label=f"Q{i}") for i in range(5)]
    tree = tree_of(qtbot, results)
    laid_out = count_layouts(monkeypatch)
    for width in range(201, 901, 10):  # seventy steps, before the event loop runs again
        tree.resize(width, 500)
    assert laid_out == []
    tree.viewport().repaint()
    assert laid_out == []  # painting only draws
    QApplication.processEvents()
    assert sorted(laid_out) == [f"Q{i}" for i in range(5)]  # measured, then painted: once
    line = tree.fontMetrics().lineSpacing()
    rows = [tree.visualItemRect(tree.topLevelItem(0).child(i)) for i in range(5)]
    assert all(r.height() == line + 2 * PAD for r in rows)  # at the width reached: wide


def test_scrolling_through_thousands_keeps_only_the_rows_used_last(
    qtbot: Any, monkeypatch: Any
) -> None:
    """Each row laid out is kept for its paints, but only the KEPT_ROWS used last: scrolling
    through every result of a big search held all of them (~6 KB each) until the next one.
    A row let go is laid out again when it shows again, and painted whole."""
    monkeypatch.setattr(result_delegate, "KEPT_ROWS", 40)
    tree = tree_of(qtbot, [result(label=f"Q{i}") for i in range(400)])
    delegate = tree.itemDelegate()
    bar = tree.verticalScrollBar()
    for value in range(0, bar.maximum() + 1, max(1, bar.pageStep())):
        bar.setValue(value)
        tree.viewport().repaint()
    assert len(delegate._rows) <= 40
    laid_out = count_layouts(monkeypatch)
    bar.setValue(0)
    tree.viewport().repaint()
    assert "Q0" in laid_out  # let go while scrolling down, laid out again
    first = tree.topLevelItem(0).child(0)
    line = tree.fontMetrics().lineSpacing()
    assert tree.visualItemRect(first).height() == MAX_LINES * line + 2 * PAD
