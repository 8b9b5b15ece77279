"""Menu letters for texts not known in advance (fonts installed, a study's attributes, the
paragraph roles): each its own, clear of the letters its menu already uses."""

from __future__ import annotations


def with_mnemonics(names: list[str], taken: str = "") -> list[str]:
    """`names` as menu texts, each with its own letter, none of `taken`: a word's first
    letter if free, else any free letter or digit (fonts installed differ from one computer
    to the next)."""
    used: set[str] = {_key(c) for c in taken}
    texts = []
    for name in names:
        words = [i for i, c in enumerate(name) if c.isalnum() and (i == 0 or name[i - 1] == " ")]
        spots = [*words, *(i for i, c in enumerate(name) if c.isalnum())]
        at = next((i for i in spots if _key(name[i]) not in used), None)
        escaped = [c.replace("&", "&&") for c in name]
        if at is not None:
            used.add(_key(name[at]))
            escaped[at] = "&" + escaped[at]
        texts.append("".join(escaped))
    return texts


def _key(char: str) -> str:
    """The letter as a key press gives it: one character ("İ" lowers to two, "i" and a dot)."""
    return char.lower()[0]
