"""reader/core/annotations.py: what a list of highlights is called, by kind."""

from __future__ import annotations

from reader.core.annotations import NO_COLOR, count_label, make_highlight

TEXT = "Night shifts start with coffee and the handover."


def passage(color: str) -> object:
    return make_highlight(TEXT, 0, 5, color)


def test_a_count_names_highlights_and_coded_passages_apart() -> None:
    assert count_label([passage("yellow")]) == "1 highlight"
    assert count_label([passage("yellow"), passage("green")]) == "2 highlights"
    assert count_label([passage(NO_COLOR)]) == "1 coded passage"
    mixed = [passage("yellow")] * 3 + [passage(NO_COLOR)] * 2
    assert count_label(mixed) == "3 highlights, 2 coded passages"
    assert count_label([]) == "0 highlights"
