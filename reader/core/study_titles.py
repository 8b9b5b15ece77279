"""The titles of a study's interviews: each new interview gets one no other has, told
apart from the interviews of the same name by what differs between their files.

Two transcripts named alike in two folders are titled after their folders, "P01
(site-a)" and "P01 (site-b)"; two in one folder after their kinds, "P01 (TXT)" and "P01
(MD)", or their file names when their kinds are alike too. A number comes last, for a
title someone chose already: "P01 (site-a, 2)". An interview's title never changes when
another is added: a transcript added later is told apart from those there already.
A title given elsewhere (a REFI-QDA import's, two machines' renames merged) is numbered
by the same rule when another has it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from unicodedata import normalize

from reader.core.document import title_from_name


def title_key(title: str) -> str:
    """A title as a reader tells titles apart: case, spacing and how its accents are
    written aside ("p01  ana" is the title "P01 Ana" already, "Zoë" pasted from a Mac
    with its mark apart is "Zoë")."""
    return normalize("NFC", " ".join(title.split())).casefold()


def _by_name() -> defaultdict[str, list[str]]:
    return defaultdict(list)


@dataclass
class Titles:
    """The titles taken in a study (by `title_key`), and the paths of the interviews
    titled after each name: the name itself, or the name told apart ("P01 (site-a)").
    Titles are only ever added, so the numbers tried for a title are remembered and never
    tried again: a folder of thousands of one name is titled in linear time."""

    taken: set[str] = field(default_factory=set)
    named: defaultdict[str, list[str]] = field(default_factory=_by_name)
    _numbers: dict[tuple[str, str], int] = field(default_factory=dict)  # next to try

    @classmethod
    def of(cls, interviews: Iterable[tuple[str, str]]) -> Titles:
        """The titles of a study's interviews, (title, path) each."""
        titles = cls()
        for title, path in interviews:
            titles.add(title, path)
        return titles

    def add(self, title: str, path: str) -> None:
        """An interview's title, taken as it is (one there already, or one chosen)."""
        key = title_key(title)
        self.taken.add(key)
        self.named[key].append(path)
        if key.endswith(")"):  # its name told apart? (a study's thousands stay quick)
            name = title_key(title_from_name(Path(path)))
            if key.startswith(f"{name} ("):
                self.named[name].append(path)

    def new(self, files: list[tuple[str, str]]) -> list[str]:
        """Titles for new interviews, (its name's title, its path as the study has it)
        each, added at once: those of one name are told apart all alike, from each other
        and from the interviews titled after that name already."""
        groups: dict[str, list[int]] = defaultdict(list)
        for index, (name, _path) in enumerate(files):
            groups[title_key(name)].append(index)
        titles = [""] * len(files)
        for key, indexes in groups.items():
            paths = [files[i][1] for i in indexes]
            others = self.named[key]
            labels = _labels(paths, others) if len(paths) > 1 or others else [""]
            for index, label in zip(indexes, labels, strict=True):
                titles[index] = self.free(files[index][0], label)
            others += paths
        return titles

    def free(self, name: str, label: str = "") -> str:
        """`name (label)`, or `name` for no label, with the lowest number free if taken
        ("Night (2)"), taken from now on: the one rule for a title not chosen here (an
        import's, a merge's), as for a new interview's."""
        title = f"{name} ({label})" if label else name
        if title_key(title) in self.taken:
            number = self._numbers.get((title_key(name), label), 2)
            while title_key(title) in self.taken:
                title = f"{name} ({label}, {number})" if label else f"{name} ({number})"
                number += 1
            self._numbers[(title_key(name), label)] = number
        self.taken.add(title_key(title))
        return title


def _labels(files: list[str], others: list[str]) -> list[str]:
    """What tells each of `files` apart from the rest of them and from `others` (paths of
    files of the same name): its folder, past the folders all share, when they are in
    several; its kind ("TXT") when another is in its folder, or its file name when one
    there is of its kind too. "" for a file told apart by nothing: alone at the top of
    their folders."""
    group = [PurePosixPath(path) for path in (*files, *others)]
    folders = [path.parent.parts for path in group]
    shared = _shared_start(folders) if len(set(folders)) > 1 else None
    kinds = Counter((path.parent.parts, path.suffix.casefold()) for path in group)
    in_folder = Counter(folders)
    labels = []
    for path in group[: len(files)]:
        parts = []
        if shared is not None and path.parent.parts[shared:]:
            parts.append("/".join(path.parent.parts[shared:]))
        if in_folder[path.parent.parts] > 1:
            kind = path.suffix.casefold()
            alone = kind and kinds[(path.parent.parts, kind)] == 1
            parts.append(kind[1:].upper() if alone else path.name)
        labels.append(", ".join(parts))
    return labels


def _shared_start(folders: list[tuple[str, ...]]) -> int:
    """How many folders, from the top, all of `folders` share."""
    first, last = min(folders), max(folders)
    shared = 0
    while shared < min(len(first), len(last)) and first[shared] == last[shared]:
        shared += 1
    return shared
