"""Where the reading pane breaks a paragraph too long for Qt to lay out at once.

Qt lays a paragraph (a block) out whole, at every resize and on the first paint: one of
5 MB, a transcript saved without line ends, took 0.3 to 0.9 s a layout and 6.7 s to open.
The pane shows such a paragraph as several, each break a space shown as a line end, so
the text keeps its length and every offset into it holds.
"""

from __future__ import annotations

import re

LONG_PARAGRAPH = 4000  # characters: Qt lays 4,000 out in about 2 ms
PIECE = 1500  # a piece ends at the first sentence end this many characters after its start

# A sentence's end (Latin, CJK, Arabic, Urdu, Devanagari), any closing quotes or brackets,
# then the space to break at, before the next sentence's first character. Compiled on the
# first long paragraph (re keeps it), not at start-up, which every reading pane pays.
_SENTENCE_END = r"[.!?…。！？؟۔।][\"'”’»)\]]* (?=\S)"


def paragraph_breaks(text: str, start: int, end: int) -> list[int]:
    """The offsets of the spaces in `text[start:end]` the pane shows as line ends, none when
    the paragraph is not longer than LONG_PARAGRAPH: each piece ends at a sentence's end
    between PIECE and LONG_PARAGRAPH characters, else at its last space before
    LONG_PARAGRAPH, else at the first space after (words without spaces, as Chinese and
    Japanese are written, cannot be broken without changing the text)."""
    sentence_end = re.compile(_SENTENCE_END)
    breaks: list[int] = []
    piece = start
    while end - piece > LONG_PARAGRAPH:
        limit = piece + LONG_PARAGRAPH
        sentence = sentence_end.search(text, piece + PIECE, limit)
        if sentence is not None:
            space = sentence.end() - 1
        else:
            space = text.rfind(" ", piece + PIECE, limit)
            if space < 0:
                space = text.find(" ", limit, end - 1)
                if space < 0:
                    break
        breaks.append(space)
        piece = space + 1
    return breaks
