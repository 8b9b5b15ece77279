"""Numbers and lists in the sentences the user reads: "1 highlight", "a, b and c"; the
words of notes, as a word count gives them."""

from __future__ import annotations

import re

_WORD_CHAR = re.compile(r"[^\W_]")  # a letter or a digit, in any script
# What Markdown and typing set between words without being one: "##", "*", ">", "---".
_MARK_STARTS = frozenset("#*>+-_=`~|:.!?,;()[]{}\"'—–•/\\")


def counted(number: int, noun: str) -> str:
    """`number` and `noun`, with an "s" unless it is one: "1 coding", "12 coded passages",
    "180,969 words" (thousands set apart, as English writes them)."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def listed(names: list[str]) -> str:
    """“a”, “a and b”, “a, b and c”."""
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def words_in(notes: str) -> int:
    """The words of Markdown notes, as their reader counts them: the marks standing alone
    ("## Themes", "* point", "> quote", "---") are none; "**point**" is one."""
    tokens = notes.split()
    return len(tokens) - sum(
        1 for token in tokens if token[0] in _MARK_STARTS and _WORD_CHAR.search(token) is None
    )
