"""Numbers and lists in the sentences the user reads: "1 highlight", "a, b and c"; the
words of notes, as a word count gives them."""

from __future__ import annotations

import re
import unicodedata

_WORD_CHAR = re.compile(r"[^\W_]")  # a letter or a digit, in any script
# What Markdown and typing set between words without being one: "##", "*", ">", "---".
_MARK_STARTS = frozenset("#*>+-_=`~|:.!?,;()[]{}\"'—–•/\\")
# Chinese and Japanese set no spaces between words: a word processor counts each ideograph
# and kana as one. (Korean sets spaces between its words: Hangul is counted by them.) A
# string, compiled by `re` for the first notes that are not ASCII: compiling its range
# beyond the first plane takes 2.5 ms, which every start paid.
_CJK_CHAR = (
    "[\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9d\U00020000-\U0003134f]"
)


def counted(number: int, noun: str) -> str:
    """`number` and `noun`, with an "s" unless it is one: "1 coding", "12 coded passages",
    "180,969 words" (thousands set apart, as English writes them)."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def listed(names: list[str]) -> str:
    """“a”, “a and b”, “a, b and c”."""
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def words_in(notes: str) -> int:
    """The words of Markdown notes, as their reader counts them: the marks standing alone
    ("## Themes", "* point", "> quote", "---") are none; "**point**" is one; each Chinese
    or Japanese character is one ("看護師です" five), as word processors count them."""
    tokens = notes.split()
    spaced = len(tokens) - sum(
        1 for token in tokens if token[0] in _MARK_STARTS and _WORD_CHAR.search(token) is None
    )
    if notes.isascii() or not re.search(_CJK_CHAR, notes):  # the usual case, a pass quicker
        return spaced
    return spaced + sum(_cjk_words_beyond_one(token) for token in tokens)


def _cjk_words_beyond_one(token: str) -> int:
    """How many words `token` holds beyond the one counted for it above (an ideograph is a
    letter to `_WORD_CHAR`): "Word中文" three, "**中文**" two, so two and one more."""
    ideographs = len(re.findall(_CJK_CHAR, token))
    if not ideographs:
        return 0
    between = sum(1 for piece in re.split(_CJK_CHAR, token) if _WORD_CHAR.search(piece))
    return ideographs + between - 1


def word_at(line: str, caret: int) -> tuple[int, int] | None:
    """[start, end) of the word the caret is inside, not at either end of (letters and
    digits, with the ' - _ between them: "don't", "snake_case"), or None."""
    start = end = caret
    while start > 0 and _in_word(line[start - 1]):
        start -= 1
    while end < len(line) and _in_word(line[end]):
        end += 1
    while start < end and not line[start].isalnum():
        start += 1
    while end > start and not _in_word(line[end - 1], edge=True):
        end -= 1
    return (start, end) if start < caret < end else None


def _in_word(char: str, edge: bool = False) -> bool:
    return (
        char.isalnum()
        or unicodedata.category(char).startswith("M")  # an accent typed apart, "é"
        or (not edge and char in "'’-_")
    )
