"""Shortening a text for a preview: at a word's end, with "…", never inside a character.

The one rule for previews cut to a number of code points (the outline's questions): the
cut falls at the last word boundary that leaves room for the "…", and what it leaves ends
in a word, not in a space or a comma. Scripts written without spaces (Chinese, Japanese)
may break between any two of their characters, as lines do; a single word longer than
half the room is cut inside, as nothing else would show of it. A cut never splits what
reads as one character: an accent from its letter, an emoji from its skin tone, the parts
of a family emoji or a flag.
"""

from __future__ import annotations

import unicodedata

ELLIPSIS = "…"

# Characters a line may break before or after without a space (UAX #14's ideographic class,
# roughly): CJK ideographs, kana, their punctuation and full-width forms, and emoji.
_WIDE = (
    (0x2E80, 0x303F),  # CJK radicals, symbols and punctuation
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x31F0, 0x31FF),  # katakana extensions
    (0x3400, 0x4DBF),  # ideographs, extension A
    (0x4E00, 0x9FFF),  # ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFF00, 0xFFEF),  # full-width forms, half-width katakana
    (0x2600, 0x27BF),  # symbols and dingbats, many of them emoji
    (0x1F000, 0x1FAFF),  # emoji
    (0x20000, 0x3FFFF),  # ideographs, extensions B and on
)
_ZWJ = "\u200d"


def shorten(text: str, limit: int) -> str:
    """`text` if it has at most `limit` code points; else its start and "…", `limit` code
    points at most, cut as the module says."""
    if len(text) <= limit:
        return text
    room = max(0, limit - len(ELLIPSIS))
    cut = _last_word_end(text, room)
    if cut <= room // 2:  # one long word (or none): cut it, not whole words away
        cut = _character_start(text, room)
    head = _without_trailing_punctuation(text[:cut])
    if not head:  # nothing but spaces and punctuation before the cut
        head = text[: _character_start(text, room)].rstrip()
    return head + ELLIPSIS


def _last_word_end(text: str, room: int) -> int:
    """The largest cut at most `room` between two words (0 when there is none)."""
    for cut in range(room, 0, -1):
        before, after = text[cut - 1], text[cut]
        if _continues(text, cut):
            continue
        if after.isspace() or before.isspace() or _wide(before) or _wide(after):
            return cut
    return 0


def _character_start(text: str, cut: int) -> int:
    """`cut`, or the start of the character (grapheme cluster) it falls inside."""
    while cut > 0 and _continues(text, cut):
        cut -= 1
    return cut


def _continues(text: str, cut: int) -> bool:
    """Whether text[cut] belongs to the character before it: an accent, a variation
    selector, a skin tone, either side of a zero-width joiner, a flag's second half."""
    if cut <= 0 or cut >= len(text):
        return False
    char, before = text[cut], text[cut - 1]
    if char == _ZWJ or before == _ZWJ:
        return True
    if unicodedata.category(char) in ("Mn", "Mc", "Me") or 0xFE00 <= ord(char) <= 0xFE0F:
        return True
    if 0x1F3FB <= ord(char) <= 0x1F3FF or 0xE0020 <= ord(char) <= 0xE007F:
        return True  # a skin tone; a tag of a subdivision flag
    if _regional(char) and _regional(before):
        run = 0  # regional indicators pair up from the first of a run
        while cut - run - 1 >= 0 and _regional(text[cut - run - 1]):
            run += 1
        return run % 2 == 1
    return False


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _wide(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _WIDE)


def _without_trailing_punctuation(head: str) -> str:
    end = len(head)
    while end and (head[end - 1].isspace() or unicodedata.category(head[end - 1])[0] == "P"):
        end -= 1
    return head[:end]
