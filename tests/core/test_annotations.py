"""reader/core/annotations.py: what a list of highlights is called, by kind."""

from __future__ import annotations

from reader.core.annotations import NO_COLOR, count_label, make_highlight

TEXT = "Night shifts start with coffee and the handover."


def passage(color: str, *codes: str) -> object:
    return make_highlight(TEXT, 0, 5, color).edited(codes=codes)


def test_a_count_says_how_many_passages_are_highlighted_and_how_many_coded() -> None:
    """Three passages coded, one of them also in a colour, were "1 highlight, 2 coded
    passages": a user who coded three read it as wrong. A count names what every passage
    is, then how many are of the other kind."""
    assert count_label([passage("yellow")]) == "1 highlight"
    assert count_label([passage("yellow"), passage("green")]) == "2 highlights"
    assert count_label([passage(NO_COLOR, "c1")]) == "1 coded passage"
    assert count_label([passage("blue", "c1"), passage("green", "c2")]) == "2 coded highlights"
    coded = [passage("yellow", "c1"), passage(NO_COLOR, "c1"), passage(NO_COLOR, "c2")]
    assert count_label(coded) == "3 coded passages, 1 highlighted"
    assert count_label([passage("yellow", "c1"), passage("pink")]) == "2 highlights, 1 coded"
    mixed = [passage("yellow")] * 3 + [passage(NO_COLOR, "c1")] * 2
    assert count_label(mixed) == "5 passages: 3 highlighted, 2 coded"
    noted = passage(NO_COLOR).edited(note="a note alone")
    assert count_label([passage("yellow"), noted]) == "2 passages: 1 highlighted"
    assert count_label([]) == "0 highlights"
