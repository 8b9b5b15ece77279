from __future__ import annotations

from reader.core.wording import counted


def test_counted_says_one_thing_or_many() -> None:
    assert counted(1, "coded passage") == "1 coded passage"
    assert [counted(n, "coding") for n in (0, 2)] == ["0 codings", "2 codings"]
    assert counted(180_969, "word") == "180,969 words"


def test_listed_joins_names_as_a_sentence_does() -> None:
    from reader.core.wording import listed

    assert [listed(n) for n in (["a"], ["a", "b"], ["a", "b", "c"])] == [
        "a",
        "a and b",
        "a, b and c",
    ]
