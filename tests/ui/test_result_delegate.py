"""Search Everything's results in a narrow dock: a snippet wraps onto up to three lines
with the match in sight, every result as tall as the others, the place in a short column,
the whole snippet in the tooltip; only the rows in sight are laid out when painting."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QTreeWidget

from reader.core.search import SNIPPET_CHARS, Result, ResultList
from reader.ui.find import result_delegate
from reader.ui.find.result_delegate import (
    ELLIPSIS,
    MAX_LINES,
    ResultDelegate,
    cut_before,
    kind_group,
    shown_end,
    snippet_layout,
)

BEFORE = "Writer and director Alex Ross Perry is not interested in making "
AFTER = "s the way Hollywood wants him to. He has a very respectable and dense process"


def result(before: str = BEFORE, match: str = "movie", after: str = AFTER, label: str = "Q1"):
    snippet = before + match + after
    start = len(before)
    return Result("document", label, snippet, start, start + len(match), 0, len(match))


def shown(layout: Any, lines: int) -> str:
    """The text of the first `lines` lines of `layout`."""
    return layout.text()[: shown_end(layout, lines)]


def tree_of(qtbot: Any, results: list[Result], width: int = 200) -> QTreeWidget:
    """A results tree as the Search dock shows it, `width` px wide."""
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    tree.setHeaderHidden(True)
    tree.setIndentation(10)
    tree.setItemDelegate(ResultDelegate(tree))
    group, _children = kind_group("In the interview", "document", ResultList(results))
    tree.addTopLevelItem(group)
    group.setExpanded(True)
    tree.resize(width, 500)
    tree.show()
    qtbot.waitExposed(tree)
    QApplication.processEvents()
    return tree


def test_in_a_200_px_dock_a_result_wraps_onto_three_lines_of_even_height(qtbot: Any) -> None:
    results = [result(), result(before="", after=" is wild."), result(label="Intro")]
    tree = tree_of(qtbot, results)
    group = tree.topLevelItem(0)
    line = tree.fontMetrics().lineSpacing()
    heights = {tree.visualItemRect(group.child(i)).height() for i in range(group.childCount())}
    assert len(heights) == 1  # every result alike, short or long: a quick scan
    assert heights.pop() >= MAX_LINES * line
    assert tree.visualItemRect(group).height() < 2 * line  # the group, one line
    assert group.child(0).toolTip(0) == f"Q1: {results[0].snippet}"


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
    visible = shown(layout, lines)
    assert bold.start < len(visible)  # the match starts on a line shown
    assert layout.lineCount() <= lines  # "…" where the rest is cut
    assert layout.text()[bold.start : bold.start + bold.length] == match[: bold.length]


def test_a_paint_lays_out_only_the_rows_in_sight(qtbot: Any, monkeypatch: Any) -> None:
    """Hundreds of results: a paint lays out the snippets of the rows it shows."""
    tree = tree_of(qtbot, [result(label=f"Q{i}") for i in range(600)])
    laid_out: list[str] = []
    real = result_delegate.snippet_layout

    def counting(one: Result, *args: Any) -> Any:
        laid_out.append(one.label)
        return real(one, *args)

    monkeypatch.setattr(result_delegate, "snippet_layout", counting)
    tree.viewport().repaint()
    rows = tree.viewport().height() // tree.visualItemRect(tree.topLevelItem(0).child(0)).height()
    assert 0 < len(laid_out) <= rows + 2
    laid_out.clear()
    tree.verticalScrollBar().setValue(tree.verticalScrollBar().maximum())
    tree.viewport().repaint()
    assert "Q599" in laid_out and len(laid_out) <= rows + 2
