"""reader/core/word_lists.py: Word's list paragraphs as HTML lists."""

from __future__ import annotations

from reader.core.word_lists import html_lists


def item(level: int, marker: str, words: str) -> str:
    return (
        f"<p class=MsoListParagraph style='mso-list:l0 level{level} lfo1'>"
        f"<![if !supportLists]><span>{marker}<span>&nbsp;&nbsp; </span></span><![endif]>"
        f"{words}</p>"
    )


def test_items_nest_by_level_and_number_by_their_marker() -> None:
    page = (
        item(1, "a)", "one") + item(2, "o", "inner") + item(2, "§", "again") + item(1, "b)", "two")
    )
    assert html_lists(page) == (
        "<ol><li>one</li><ul><li>inner</li><li>again</li></ul><li>two</li></ol>"
    )


def test_words_between_items_end_the_list_and_other_pages_are_left_alone() -> None:
    page = item(1, "·", "one") + "<p>Then</p>" + item(1, "·", "two")
    assert html_lists(page) == "<ul><li>one</li></ul><p>Then</p><ul><li>two</li></ul>"
    assert html_lists("<p>no list</p>") == "<p>no list</p>"
