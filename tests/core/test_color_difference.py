"""CIELAB and CIEDE2000 against published reference values."""

from __future__ import annotations

import pytest

from reader.core.color_difference import ciede2000, color_difference, hue_apart, lab


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [  # pairs 1, 4, 7, 17 and 25 of Sharma, Wu and Dalal's test data (2005)
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ],
)
def test_ciede2000_matches_the_reference_pairs(first, second, expected) -> None:
    assert ciede2000(first, second) == pytest.approx(expected, abs=1e-4)
    assert ciede2000(second, first) == pytest.approx(expected, abs=1e-4)


def test_srgb_to_lab_and_hue() -> None:
    assert lab((255, 255, 255)) == pytest.approx((100.0, 0.0, 0.0), abs=0.01)
    assert lab((255, 0, 0)) == pytest.approx((53.24, 80.09, 67.20), abs=0.02)
    assert color_difference((10, 20, 30), (10, 20, 30)) == 0
    assert hue_apart((255, 0, 0), (0, 255, 255)) == pytest.approx(180, abs=25)
    assert hue_apart((200, 40, 40), (190, 30, 30)) < 5
