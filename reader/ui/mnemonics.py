"""Menu letters for texts not known in advance (fonts installed, a study's attributes, the
paragraph roles): each its own, clear of the letters its menu already uses."""

from __future__ import annotations


def with_mnemonics(names: list[str], taken: str = "") -> list[str]:
    """`names` as menu texts, each with its own letter, none of `taken`: a word's first
    letter if free, else any free letter or digit (fonts installed differ from one computer
    to the next)."""
    used: set[str] = set(taken.lower())
    texts = []
    for name in names:
        words = [i for i, c in enumerate(name) if c.isalnum() and (i == 0 or name[i - 1] == " ")]
        spots = [*words, *(i for i, c in enumerate(name) if c.isalnum())]
        at = next((i for i in spots if name[i].lower() not in used), None)
        escaped = [c.replace("&", "&&") for c in name]
        if at is not None:
            used.add(name[at].lower())
            escaped[at] = "&" + escaped[at]
        texts.append("".join(escaped))
    return texts
