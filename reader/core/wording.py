"""Numbers and lists in the sentences the user reads: "1 highlight", "a, b and c"."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """`number` and `noun`, with an "s" unless it is one: "1 coding", "12 coded passages",
    "180,969 words" (thousands set apart, as English writes them)."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def listed(names: list[str]) -> str:
    """“a”, “a and b”, “a, b and c”."""
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
