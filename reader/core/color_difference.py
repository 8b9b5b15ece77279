"""How different two colours look: CIELAB and its hue angle, and CIEDE2000's colour
difference (Sharma, Wu and Dalal's formulation), for the themes' rules in palettes.py.

Contrast ratios (WCAG) see lightness only: the dark theme's blue highlight and the
selection stood 1.9:1 apart and looked alike, being the same blue.
"""

from __future__ import annotations

import math

Rgb = tuple[int, int, int]
Lab = tuple[float, float, float]

_WHITE = (0.95047, 1.0, 1.08883)  # D65, as sRGB's
_EPSILON, _KAPPA = 216 / 24389, 24389 / 27


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def lab(rgb: Rgb) -> Lab:
    """CIELAB (D65) of an sRGB colour: L* 0 to 100, a* and b* about -128 to 127."""
    r, g, b = (_linear(c) for c in rgb)
    xyz = (
        0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
        0.2126729 * r + 0.7151522 * g + 0.0721750 * b,
        0.0193339 * r + 0.1191920 * g + 0.9503041 * b,
    )

    def f(t: float) -> float:
        return t ** (1 / 3) if t > _EPSILON else (_KAPPA * t + 16) / 116

    fx, fy, fz = (f(v / w) for v, w in zip(xyz, _WHITE, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def chroma_and_hue(rgb: Rgb) -> tuple[float, float]:
    """CIELAB chroma (0 for a grey) and hue angle in degrees, 0 to 360."""
    _, a, b = lab(rgb)
    return math.hypot(a, b), math.degrees(math.atan2(b, a)) % 360


def hue_apart(a: Rgb, b: Rgb) -> float:
    """How far apart two colours' CIELAB hues are, in degrees (0 to 180)."""
    return abs((chroma_and_hue(a)[1] - chroma_and_hue(b)[1] + 180) % 360 - 180)


def ciede2000(first: Lab, second: Lab) -> float:
    """CIEDE2000 colour difference: about 1 where two colours side by side just differ."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1, a2 = a1 * (1 + g), a2 * (1 + g)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, a2)) % 360 if c2 else 0.0
    dh = 0.0
    if c1 * c2:
        dh = h2 - h1 if abs(h2 - h1) <= 180 else h2 - h1 - math.copysign(360, h2 - h1)
    d_l, d_c = l2 - l1, c2 - c1
    d_h = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, c_mean = (l1 + l2) / 2, (c1 + c2) / 2
    h_mean = h1 + h2
    if c1 * c2:
        h_mean = (h1 + h2) / 2 if abs(h1 - h2) <= 180 else (h1 + h2 + 360) / 2 % 360
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    rotation = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(c_mean**7 / (c_mean**7 + 25**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_mean, 1 + 0.015 * c_mean * t
    r_t = -math.sin(math.radians(2 * rotation)) * r_c
    return math.sqrt(
        (d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h)
    )


def color_difference(a: Rgb, b: Rgb) -> float:
    """CIEDE2000 between two sRGB colours."""
    return ciede2000(lab(a), lab(b))
