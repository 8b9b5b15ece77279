"""Every theme keeps text readable (WCAG 2 contrast) on the page and on every highlight,
and no highlight can be taken for the selection."""

from __future__ import annotations

from itertools import combinations

import pytest

from reader.core.annotations import COLOR_IDS, DEFAULT_COLORS, UNKNOWN_COLOR_HEX, color_hex
from reader.core.color_difference import chroma_and_hue, color_difference, hue_apart
from reader.core.palettes import (
    HUE_SHOWN,
    MIN_CONTRAST,
    PALETTES,
    SELECTION_APART,
    SELECTION_CLEARLY_APART,
    SELECTION_HUE_APART,
    SWATCHES_APART,
    THEME_NAMES,
    contrast_ratio,
    highlight_background,
    match_tint,
    mix,
    palette_for,
    parse_hex,
    relative_luminance,
)


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    # Reference pairs from the WCAG 2 understanding documents and WebAIM's checker.
    assert contrast_ratio(parse_hex("#777777"), parse_hex("#ffffff")) == pytest.approx(
        4.48, abs=0.01
    )
    assert contrast_ratio(parse_hex("#0000ff"), parse_hex("#ffffff")) == pytest.approx(
        8.59, abs=0.01
    )
    assert relative_luminance((255, 255, 255)) == pytest.approx(1.0)


@pytest.mark.parametrize("name", list(PALETTES))
def test_a_colour_id_no_theme_knows_is_grey_as_in_the_exports(name: str) -> None:
    """A colour id of a newer build, or written by hand, is no label the user chose:
    every theme, print and the exports show it grey (color_hex), not as the first colour."""
    palette = PALETTES[name]
    for unknown in ("teal", "", "YELLOW", "x" * 1000):
        assert palette.swatch(unknown) == color_hex(unknown) == UNKNOWN_COLOR_HEX
    background = parse_hex(highlight_background(palette, "teal"))
    assert max(background) - min(background) < 12  # grey on every page
    if not palette.swatches:
        assert [palette.swatch(c) for c in COLOR_IDS] == [h for _, h in DEFAULT_COLORS.values()]


@pytest.mark.parametrize("name", list(PALETTES))
def test_text_on_the_page_is_readable(name: str) -> None:
    palette = PALETTES[name]
    base = parse_hex(palette.base)
    for text in palette.text_colors():
        assert contrast_ratio(parse_hex(text), base) >= MIN_CONTRAST, text
    selection = parse_hex(palette.selection)
    assert contrast_ratio(parse_hex(palette.selection_text), selection) >= MIN_CONTRAST


@pytest.mark.parametrize("name", list(PALETTES))
@pytest.mark.parametrize("color_id", COLOR_IDS)
def test_text_on_every_highlight_is_readable(name: str, color_id: str) -> None:
    palette = PALETTES[name]
    background = parse_hex(highlight_background(palette, color_id))
    for text in palette.text_colors():
        assert contrast_ratio(parse_hex(text), background) >= MIN_CONTRAST, (text, background)


@pytest.mark.parametrize("name", list(PALETTES))
@pytest.mark.parametrize("color_id", COLOR_IDS)
def test_a_highlight_never_looks_like_the_selection(name: str, color_id: str) -> None:
    """Apart in lightness, and clearly so or in hue too: Dark's blue highlight was the
    selection's blue, 1.9:1 darker."""
    palette = PALETTES[name]
    background = parse_hex(highlight_background(palette, color_id))
    selection = parse_hex(palette.selection)
    lightness = contrast_ratio(background, selection)
    assert lightness >= SELECTION_APART
    if lightness < SELECTION_CLEARLY_APART:
        assert min(chroma_and_hue(background)[0], chroma_and_hue(selection)[0]) >= HUE_SHOWN
        assert hue_apart(background, selection) >= SELECTION_HUE_APART
    # And it still shows its colour: apart from the page.
    assert color_difference(background, parse_hex(palette.base)) >= 10


@pytest.mark.parametrize("name", list(PALETTES))
def test_any_two_highlight_colours_are_told_apart(name: str) -> None:
    """Dark's "Key quote" (olive) and "Question" (brown) were taken for each other."""
    palette = PALETTES[name]
    fills = {c: parse_hex(highlight_background(palette, c)) for c in COLOR_IDS}
    close = {
        (a, b): round(color_difference(fills[a], fills[b]), 1)
        for a, b in combinations(COLOR_IDS, 2)
        if color_difference(fills[a], fills[b]) < SWATCHES_APART
    }
    assert close == {}


@pytest.mark.parametrize("name", list(PALETTES))
def test_text_is_readable_on_every_find_match_highlight_and_selection(name: str) -> None:
    """Every text colour on a match or the current match, over the page or any highlight;
    the selection covers them all with its own colours. In Dark a match over a highlight
    took the question and secondary text to 3.2:1, the current match to 2.8:1."""
    palette = PALETTES[name]
    tint = match_tint(palette)
    poor = []
    for under in [palette.base] + [highlight_background(palette, c) for c in COLOR_IDS]:
        for amount in (0.0, tint.amount):
            background = mix(parse_hex(under), parse_hex(tint.color), amount)
            for text in palette.text_colors():
                ratio = contrast_ratio(parse_hex(text), background)
                if ratio < MIN_CONTRAST:
                    poor.append((text, under, amount, round(ratio, 2)))
    assert poor == []
    selection = parse_hex(palette.selection)
    assert contrast_ratio(parse_hex(palette.selection_text), selection) >= MIN_CONTRAST
    # The current match has its own fill, its text redrawn on it in its own ink.
    current = parse_hex(tint.current)
    assert contrast_ratio(parse_hex(tint.current_text), current) >= MIN_CONTRAST
    # And a match shows on the page; the current one stands clearly apart from the others
    # (the same amber a shade deeper, it was 10 from them: in Dark hardly seen).
    page = parse_hex(palette.base)
    match = mix(page, parse_hex(tint.color), tint.amount)
    assert color_difference(page, match) >= 10
    assert color_difference(match, current) >= 20


@pytest.mark.parametrize("name", [n for n, p in PALETTES.items() if p.dark])
@pytest.mark.parametrize("color_id", COLOR_IDS)
def test_a_highlight_stands_out_of_a_dark_page(name: str, color_id: str) -> None:
    """On a dark page a fill shows by its lightness more than its hue: at 1.5:1 they were
    hard to see."""
    palette = PALETTES[name]
    background = parse_hex(highlight_background(palette, color_id))
    assert contrast_ratio(background, parse_hex(palette.base)) >= 1.7


def test_system_theme_follows_the_desktop() -> None:
    assert palette_for("system", system_is_dark=True).dark
    assert not palette_for("system", system_is_dark=False).dark
    assert palette_for("high-contrast", system_is_dark=False).name == "high-contrast"
    assert palette_for("nonsense", system_is_dark=False).name == "light"
    assert set(THEME_NAMES) == {"system", *PALETTES}


@pytest.mark.parametrize("name", list(PALETTES))
def test_greyed_out_text_is_readable_but_plainly_lighter(name: str) -> None:
    palette = PALETTES[name]
    disabled, text = parse_hex(palette.disabled()), parse_hex(palette.text)
    for page in (parse_hex(palette.base), parse_hex(palette.window)):
        assert contrast_ratio(disabled, page) >= palette.disabled_contrast
    # Against the muted text (margin labels, tips) too: a greyed-out item must not pass
    # for a secondary one, nor for an enabled one.
    muted = parse_hex(palette.muted())
    assert contrast_ratio(disabled, text) >= 2.0
    assert contrast_ratio(disabled, muted) >= 1.5
