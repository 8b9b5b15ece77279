from __future__ import annotations

import pytest

from reader.core.wording import counted, words_in


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


@pytest.mark.parametrize(
    ("notes", "words"),
    [
        ("## Decisions\n\n* first **point**\n\n> a quote", 5),
        ("# Themes\nSome **bold** idea and a [link](https://example.org).", 7),
        ("---\n- one\n+ two\n1. three\n| a | b |\n```\n~~~", 6),  # "1." a word
        ("Café 中文 — 2024 ¿qué?", 5),
        ("", 0),
        ("私は看護師です。", 7),  # each kanji and kana a word, as word processors count
        ("- **中文** and Word中文", 6),
        ("한국어 문장입니다", 2),  # Korean sets spaces between its words
    ],
)
def test_words_in_notes_leave_the_marks_out(notes: str, words: int) -> None:
    """The status bar said "8 words" for five: "##", "*" and ">" were counted; and a
    Japanese or Chinese sentence, with no spaces, was one word."""
    assert words_in(notes) == words
