from __future__ import annotations

from reader.core.wording import counted


def test_counted_says_one_thing_or_many() -> None:
    assert counted(1, "coded passage") == "1 coded passage"
    assert [counted(n, "coding") for n in (0, 2)] == ["0 codings", "2 codings"]
