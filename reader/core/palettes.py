"""The app's colour themes and the rules that keep them readable (WCAG 2 contrast).

Plain data and arithmetic, no Qt: the UI turns a `Palette` into a QPalette. Highlight
backgrounds are not hand-picked per theme: each swatch is blended into the page as far
as it can go while every text colour on it (body, question, muted) keeps a contrast of at
least `MIN_CONTRAST` and the highlight stays clearly apart from the selection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from reader.core.annotations import COLOR_IDS, color_hex
from reader.core.color_difference import chroma_and_hue, hue_apart

MIN_CONTRAST = 4.5  # WCAG 2 AA for body text
# A highlight and the selection must never be mistaken for one another: their backgrounds
# differ at least this much in contrast ratio (lightness), whatever their hues, and either
# clearly in lightness or in hue (CIELAB degrees, both colourful enough to show one). In the
# dark theme the blue highlight stood 1.9:1 from the selection and looked like it: the same
# blue. 30 degrees is about one named hue from the next (blue to violet, orange to yellow).
SELECTION_APART = 1.6
SELECTION_CLEARLY_APART = 3.0
SELECTION_HUE_APART = 30.0
HUE_SHOWN = 10.0  # CIELAB chroma: a colour duller than this shows no hue to tell it by
# Any two highlight colours of a theme differ by at least this CIEDE2000 difference. About 1
# tells two colours apart side by side; a highlight's colour is told from memory, one
# passage at a time, and "Key quote" and "Question" at 12.7 (olive and brown) were taken
# for each other in the dark theme. The dark fills all have one lightness (the text on
# them keeps 4.5:1), so hue and chroma alone must carry the difference.
SWATCHES_APART = 15.0
# WCAG 1.4.11 asks 3:1 of a control's parts; a little more, as the edge is a thin line.
EDGE_CONTRAST = 3.5
# A popup over the page (the code picker) stands apart from it by its background as well as
# its edge: on the window's colour, 1.1:1 against the page, it looked like a hole in the page.
RAISED_APART = 1.25
# A tab bar's current tab is filled toward the accent until it stands this far from the
# other tabs, on the window: Fusion's shades made Dark's current tab the darker of two (it
# read as the other one) and left High Contrast's both black, told by an underline alone.
TAB_APART = 1.5
# A scroll bar's handle against its groove: WCAG 1.4.11's 3:1 for a control's parts, on
# the window's colour, with room for the groove a shade darker than it (3.3:1 on it in Light).
HANDLE_APART = 3.8
THEME_NAMES = ("system", "light", "dark", "high-contrast")
THEME_LABELS = {
    "system": "&System",
    "light": "&Light",
    "dark": "&Dark",
    "high-contrast": "&High Contrast",
}

Rgb = tuple[int, int, int]


def parse_hex(color: str) -> Rgb:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def to_hex(rgb: Rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def mix(a: Rgb, b: Rgb, amount: float) -> Rgb:
    """`amount` of b over a."""
    return (
        round(a[0] + (b[0] - a[0]) * amount),
        round(a[1] + (b[1] - a[1]) * amount),
        round(a[2] + (b[2] - a[2]) * amount),
    )


def softened(ink: Rgb, back: Rgb, amount: float, contrast: float = MIN_CONTRAST) -> Rgb:
    """`ink` taken `amount` toward `back`, or less, as far as it keeps `contrast` on it."""
    while amount > 0 and contrast_ratio(mix(ink, back, amount), back) < contrast:
        amount -= 0.01
    return mix(ink, back, max(amount, 0.0))


def relative_luminance(rgb: Rgb) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Rgb, b: Rgb) -> float:
    """WCAG 2 contrast ratio, 1 (none) to 21 (black on white)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class Palette:
    """One theme's colours, as #rrggbb."""

    name: str
    dark: bool
    window: str
    base: str
    alternate: str
    text: str
    accent: str  # questions and links
    selection: str
    selection_text: str
    button: str
    mid: str  # borders
    banner: tuple[str, str, str]  # background, border, text
    swatch_amount: float  # how much of the swatch a highlight starts with
    muted_contrast: float = MIN_CONTRAST + 2.2  # secondary text against the page
    swatches: tuple[tuple[str, str], ...] = ()  # (colour id, #rrggbb) over DEFAULT_COLORS
    pane_lines: bool = False  # lines in `mid` between the panes, and around text fields
    # Greyed-out items against the page: readable, but plainly lighter than the muted text
    # (at the muted text's contrast, a greyed-out menu item looked like an enabled one).
    disabled_contrast: float = 3.2
    edge_contrast: float = EDGE_CONTRAST  # check boxes' and radio buttons' edges

    @cache  # noqa: B019 - palettes are a few module constants
    def muted(self) -> str:
        """Secondary text (margin labels, asides): as far toward the page as it may go
        while staying readable on the page and on every highlight."""
        text, base = parse_hex(self.text), parse_hex(self.base)
        return to_hex(softened(text, base, 0.45, self.muted_contrast))

    @cache  # noqa: B019 - as muted(): asked for at every paint of a greyed-out box
    def disabled(self) -> str:
        """Greyed-out text: the text taken toward the page until its contrast with the
        page and the window falls to `disabled_contrast`."""
        return self._toward_page(self.disabled_contrast)

    @cache  # noqa: B019 - as muted(): asked for at every paint of a check box
    def edge(self) -> str:
        """The edge of a check box or radio button: as soft as it may be while it keeps
        `edge_contrast` against the page and the window (Fusion's is the window a shade
        darker: black on black in High Contrast, 1.2:1 in Dark)."""
        return self._toward_page(self.edge_contrast)

    @cache  # noqa: B019 - as muted()
    def raised(self) -> str:
        """The background of a popup over the page: the page taken toward the text until
        the two stand `RAISED_APART`."""
        return to_hex(_apart(parse_hex(self.base), parse_hex(self.text), RAISED_APART))

    @cache  # noqa: B019 - as muted(): asked for at every paint of a tab
    def current_tab(self) -> str:
        """The fill of a tab bar's current tab: the window taken toward the accent until
        the two stand `TAB_APART` (the other tabs are the window's)."""
        return to_hex(_apart(parse_hex(self.window), parse_hex(self.accent), TAB_APART))

    @cache  # noqa: B019 - as muted(): asked for at every paint of a scroll bar
    def scroll_handle(self) -> str:
        """A scroll bar's handle: the window taken toward the text until the two stand
        `HANDLE_APART` (Fusion's groove is the window a shade darker)."""
        return to_hex(_apart(parse_hex(self.window), parse_hex(self.text), HANDLE_APART))

    def popup_edge(self) -> str:
        """The edge of a popup over the page: the check boxes' edge; where every pane is
        lined in white (High Contrast), the accent, as the field with the keyboard is, so
        the popup is not taken for one more pane."""
        return self.accent if self.pane_lines else self.edge()

    def _toward_page(self, contrast: float) -> str:
        """The text taken toward the page as far as it keeps `contrast` with the page and
        the window."""
        text, pages = parse_hex(self.text), (parse_hex(self.base), parse_hex(self.window))

        def enough(amount: float) -> bool:
            color = mix(text, pages[0], amount)
            return min(contrast_ratio(color, page) for page in pages) >= contrast

        amount = 0.0
        while amount < 1 and enough(amount + 0.01):
            amount += 0.01
        return to_hex(mix(text, pages[0], amount))

    def text_colors(self) -> list[str]:
        return [self.text, self.accent, self.muted()]

    def swatch(self, color_id: str) -> str:
        """The theme's own swatch for `color_id`, else the default one (grey if unknown)."""
        return dict(self.swatches).get(color_id) or color_hex(color_id)


def _apart(start: Rgb, goal: Rgb, contrast: float) -> Rgb:
    """`start` taken toward `goal` until the two stand `contrast` apart."""
    amount = 0.0
    while amount < 1 and contrast_ratio(mix(start, goal, amount), start) < contrast:
        amount += 0.01
    return mix(start, goal, amount)


def _text_readable(palette: Palette, background: Rgb) -> bool:
    texts = [parse_hex(c) for c in palette.text_colors()]
    return all(contrast_ratio(t, background) >= MIN_CONTRAST + 0.05 for t in texts)


def _readable(palette: Palette, background: Rgb) -> bool:
    return _text_readable(palette, background) and apart_from_selection(
        background, parse_hex(palette.selection)
    )


def apart_from_selection(background: Rgb, selection: Rgb) -> bool:
    """Whether a highlight's background cannot be taken for the selection: apart in
    lightness, and clearly so or in hue too."""
    lightness = contrast_ratio(background, selection)
    if lightness >= SELECTION_CLEARLY_APART:
        return True
    colourful = min(chroma_and_hue(background)[0], chroma_and_hue(selection)[0]) >= HUE_SHOWN
    return (
        lightness >= SELECTION_APART
        and colourful
        and hue_apart(background, selection) >= SELECTION_HUE_APART
    )


@cache
def highlight_background(palette: Palette, color_id: str) -> str:
    """The highlight's background in this theme: the swatch blended into the page, less
    and less of it until the text on it is readable and it is unlike the selection."""
    return to_hex(_blended(palette, palette.swatch(color_id), _readable))


def _blended(palette: Palette, swatch: str, fits: Callable[[Palette, Rgb], bool]) -> Rgb:
    """`swatch` blended into the page from `swatch_amount`, less and less of it until the
    result fits."""
    base, color = parse_hex(palette.base), parse_hex(swatch)
    amount = palette.swatch_amount
    while amount > 0.05 and not fits(palette, mix(base, color, amount)):
        amount -= 0.01
    return mix(base, color, amount)


MATCH_SWATCH = "#ffa000"  # find matches' amber: no highlight colour's
MATCH_AMOUNT = 0.5  # of the tint over what is under a match
# The current match: the amber itself, its words drawn again over it in this ink (a fill
# under the theme's own text could be no brighter than the tint, hardly seen in Dark).
MATCH_INK = "#1d1d1f"


@dataclass(frozen=True)
class MatchTint:
    """How find matches are painted: `color` laid under the text, over the page or a
    highlight, `amount` of it; the current one filled with `current` over the text, its
    words drawn again in `current_text`."""

    color: str
    amount: float
    current: str = MATCH_SWATCH
    current_text: str = MATCH_INK


@cache
def match_tint(palette: Palette) -> MatchTint:
    """The find matches' tint: the amber blended into the page as a highlight is, as far
    as the text stays readable on it and on each highlight with a match's share of it
    over them (a mix of two far hues is darker than either: half of Light's amber over
    its blue took the secondary text under 4.5:1)."""
    unders = [parse_hex(palette.base)]
    unders += [parse_hex(highlight_background(palette, c)) for c in COLOR_IDS]

    def fits(palette: Palette, tint: Rgb) -> bool:
        return all(_text_readable(palette, mix(u, tint, MATCH_AMOUNT)) for u in unders) and (
            _text_readable(palette, tint)
        )

    return MatchTint(to_hex(_blended(palette, MATCH_SWATCH, fits)), MATCH_AMOUNT)


LIGHT = Palette(
    name="light",
    dark=False,
    window="#efeeeb",
    base="#fdfcfa",
    alternate="#f4f2ee",
    text="#1d1d1f",
    accent="#1f4e8c",
    selection="#2f5fb3",
    selection_text="#ffffff",
    button="#e9e7e3",
    mid="#b9b6b0",
    banner=("#fff4ce", "#e0c97a", "#3d3000"),
    swatch_amount=0.55,
    # Pink a rose and purple a violet: the pastels of the default pink and purple, at the
    # lightness the text on them allows, were 11.4 apart (SWATCHES_APART).
    swatches=(("pink", "#f27a9a"), ("purple", "#a08cf2")),
)
# Purer hues than the light theme's pastels: a fill this dark shows its colour only when the
# swatch has some to give. At one lightness they are told apart by hue alone (SWATCHES_APART):
# yellow leans to green and orange to red, else olive and brown; blue leans to cyan, away
# from the selection's blue; pink to red, away from purple.
DEEP_SWATCHES = (
    ("yellow", "#e0c800"),
    ("green", "#3aa35c"),
    ("blue", "#199ad0"),
    ("pink", "#e84876"),
    ("purple", "#b45ae8"),
    ("orange", "#f0701c"),
)
DARK = Palette(
    name="dark",
    dark=True,
    window="#23252a",
    base="#1b1c20",
    alternate="#24262b",
    text="#e6e4df",
    accent="#8ab4f8",
    selection="#3a6cc0",  # light text stays readable on it, selected or not
    selection_text="#ffffff",
    button="#30333a",
    mid="#4a4e57",
    banner=("#4a3c10", "#7a6420", "#fff1c2"),
    swatch_amount=0.6,
    # Lighter secondary text lets the highlights be stronger (1.7:1 against the page,
    # against 1.5:1: they were hard to see): the text on them still keeps its 4.5:1.
    muted_contrast=8.0,
    swatches=DEEP_SWATCHES,
)
HIGH_CONTRAST = Palette(
    name="high-contrast",
    dark=True,
    window="#000000",
    base="#000000",
    alternate="#101010",
    text="#ffffff",
    accent="#ffff5c",
    selection="#ffffff",
    selection_text="#000000",
    button="#3a3a3a",  # scroll bar handles and buttons must show on black
    mid="#ffffff",
    banner=("#000000", "#ffff5c", "#ffff5c"),
    swatch_amount=0.6,
    muted_contrast=11.0,
    disabled_contrast=5.0,  # lighter than the text, still plain to read on black
    edge_contrast=11.0,  # as plain as the muted text
    pane_lines=True,  # every pane is black: they need lines to tell them apart
    swatches=DEEP_SWATCHES,
)
PALETTES = {p.name: p for p in (LIGHT, DARK, HIGH_CONTRAST)}


def palette_for(theme_name: str, system_is_dark: bool) -> Palette:
    """The palette a theme setting means; "system" follows the desktop's light or dark."""
    if theme_name in PALETTES:
        return PALETTES[theme_name]
    return DARK if system_is_dark else LIGHT
