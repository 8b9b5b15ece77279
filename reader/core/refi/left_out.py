"""What a REFI-QDA import left out, and why, as records: the report's line for each, and
the lines that say what was left out for one reason once ("23 picture sources (“Plan”, …
and 20 more): it has no text to read"), made from the same records.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.wording import counted

NAMED = 3  # of a group of things left out for one reason, the names said

# The line of a kind not said as "text source “P1”: why": a part said by what it is part
# of, or a number of parts of one source (`LeftOut.count`).
_SAID = {
    ("coding", False): "a coding of {named}: {why}",
    ("recording", False): "the recording of {named}: {why}",
    ("whole-source coding", False): "the codings of the whole of {named}: {why}",
    ("attribute value", False): "{named}: {why}",
    ("selection", True): "the {counted} in {named}: {why}",
    ("time", True): "{counted} of {named} inside or at the end of a line: {why}",
    ("unwritable time", True): "{counted} of {named} {why}",
    ("passage", True): "{counted} of the recording of {named} {why}",
    ("PDF passage", True): "{counted} of the PDF {named} {why}",
    ("newer version", False): "what version {name} of the REFI-QDA format adds: {why}",
}
# The noun a count of parts says ("1 time", "3 times"), where the kind's name is longer.
_COUNTED_AS = {"unwritable time": "time", "PDF passage": "passage"}


@dataclass(frozen=True)
class LeftOut:
    """One thing an import left out. `what`: its kind, a noun that takes an "s" ("text
    source", "selection"); `name`: its name in the project (for a part of a source said by
    that source, such as a recording, the source's); `why`: the reason, as said after it.
    `source`: the source it is in, when its name alone does not say (a selection's).
    `count`: for a number of parts of one source left out together, how many (else 0)."""

    what: str
    name: str
    why: str
    source: str = ""
    count: int = 0

    @property
    def named(self) -> str:
        """Its name as a line says it: “a” in “P1”."""
        return f"“{self.name}”" + (f" in “{self.source}”" if self.source else "")

    @property
    def line(self) -> str:
        said = _SAID.get((self.what, bool(self.count)), "{what} {named}: {why}")
        return said.format(
            what=self.what,
            name=self.name,
            named=self.named,
            why=self.why,
            counted=counted(self.count, _COUNTED_AS.get(self.what, self.what)),
        )


def grouped_lines(left_out: list[LeftOut]) -> list[str]:
    """A line for what was left out for one reason, naming the first few of its kind, in
    the order each kind and reason first came; a thing alone, or a count, keeps its line."""
    groups: dict[tuple[str, str] | int, list[LeftOut]] = {}
    for number, item in enumerate(left_out):
        key = number if item.count else (item.what, item.why)
        groups.setdefault(key, []).append(item)
    lines = []
    for items in groups.values():
        if len(items) == 1:
            lines.append(items[0].line)
            continue
        said = ", ".join(item.named for item in items[:NAMED])
        more = f" and {len(items) - NAMED} more" if len(items) > NAMED else ""
        lines.append(f"{len(items)} {items[0].what}s ({said}{more}): {items[0].why}")
    return lines
