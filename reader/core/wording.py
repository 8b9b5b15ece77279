"""Numbers in the sentences the user reads: "1 highlight", "3 highlights"."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """`number` and `noun`, with an "s" unless it is one: "1 coding", "12 coded passages"."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
