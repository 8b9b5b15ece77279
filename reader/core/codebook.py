"""The codebook: a tree of codes, each with a stable id, and the codings that apply them.

A code has a GUID that never changes, a name, a colour (#RRGGBB), a description (a
Markdown memo) and whether it can be applied to a passage or is only a category above
other codes. The tree is kept flat: each code names its parent ("" at the top), siblings
in list order, so that a file's codes merge by id like highlights do.

A coding is a highlight carrying a code's id (`Highlight.codes`); one passage can carry
several. The highlight's colour label is a separate dimension and stays as it is.

Every change returns what undo needs; nothing here touches disk. The codebook lives in
study.json for a study and in the notes file for an interview opened alone.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from reader.core.annotations import NO_COLOR, Highlight, left_showing
from reader.core.json_memo import by_json
from reader.core.undone import fields_undone
from reader.core.wording import counted

# Codes made from tags get ids derived from the tag, so that the notes files of one study,
# migrated one by one, and the study's own tag list agree on every tag's code.
TAG_NAMESPACE = uuid.UUID("7d0c4a8e-3c1b-5f7e-9a51-6b2d8e4f1a30")
# Distinct, and new codes take the next unused one. A few sit close to some theme's page
# (navy on black, lavender on white): the reader edges those (theme.faint_on_page).
PALETTE = (
    "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6",
    "#bfef45", "#469990", "#9a6324", "#800000", "#808000", "#000075", "#dcbeff",
)  # fmt: skip
# A code the codebook lacks (an id from a newer file, or a code deleted from the book a
# notes file was copied from) is this grey on screen, in print, in the margin's stripes,
# in the Annotations list and in the exports: it passes for no code's colour, and a line
# or a stripe of it keeps 3:1 against every theme's page (3.5:1 on the light one).
UNKNOWN_CODE_HEX = "#888888"
_COLOR_RE = re.compile(r"#[0-9a-fA-F]{6}")
MAX_NAME_CHARS = 200
PATH_SEPARATOR = " / "  # between the names of a code's path, "Work / Stress"
# Control characters but those str.split() takes for spaces (a tab, a line end, a form feed).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


class CodebookError(Exception):
    """A change the codebook refuses; the message is for the user."""


@dataclass(frozen=True)
class Code:
    """One code. `parent` is the id of the code above it, "" at the top of the tree."""

    id: str
    name: str
    color: str = PALETTE[0]
    description: str = ""
    codable: bool = True
    parent: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "color": self.color,
            "description": self.description,
            "codable": self.codable,
            "parent": self.parent,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Code:
        return cls(
            id=data["id"],
            name=data["name"],
            color=data.get("color") or PALETTE[0],
            description=data.get("description", ""),
            codable=bool(data.get("codable", True)),
            parent=data.get("parent") or "",
        )


def unknown_code(code_id: str) -> Code:
    """The code a passage's id that no codebook has becomes, so that no coding is lost: named
    after its id's first digits, grey as such an id is drawn, until the user changes it."""
    return Code(id=code_id, name=f"Unknown code {code_id[:8]}", color=UNKNOWN_CODE_HEX)


def tag_code_id(tag: str) -> str:
    """The id of the code a tag becomes: the same tag, whatever its case and spacing,
    gives the same id in every file."""
    return str(uuid.uuid5(TAG_NAMESPACE, _name_key(tag)))


def is_color(value: str) -> bool:
    return bool(_COLOR_RE.fullmatch(value))


@dataclass
class Codebook:
    """The codes in tree order: a parent before its children, siblings in list order."""

    codes: list[Code] = field(default_factory=list)
    # Code id -> its position in `codes`, checked at each use and rebuilt when the list has
    # changed under it: lookups by id are constant time, with 1,000 codes on every coding.
    _at: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    # The codes `_at` was made from: an id it lacks is unknown while `codes` is as they were.
    _indexed: list[Code] = field(default_factory=list, repr=False, compare=False)
    # `labels()` and the codes it was made from, for `labels_of` (an export's every row).
    _labelled: tuple[list[Code], dict[str, str]] = field(
        default_factory=lambda: ([], {}), repr=False, compare=False
    )

    # Reading -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.codes)

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __contains__(self, code_id: object) -> bool:
        return isinstance(code_id, str) and self.get(code_id) is not None

    def color_of(self, code_id: str) -> str:
        """The code's colour; UNKNOWN_CODE_HEX for an id the book does not know."""
        code = self.get(code_id)
        return code.color if code is not None else UNKNOWN_CODE_HEX

    def first_color(self, code_ids: Sequence[str]) -> str:
        """The colour of the first of `code_ids` (a passage's codes), which a passage with
        no colour shows by; UNKNOWN_CODE_HEX when it has none or the book lacks it."""
        return self.color_of(code_ids[0] if code_ids else "")

    def get(self, code_id: str) -> Code | None:
        """The code of that id, None if there is none. `codes` may have changed behind
        the index (its users change the list in place): it is made again on a miss when
        the list is not as it was made from. An id the book lacks (a new code's, an
        unknown one's on each of its passages) costs a comparison of the list, each code
        by identity, not an index made again."""
        if not code_id:
            return None
        at = self._at.get(code_id)
        if at is not None and at < len(self.codes) and self.codes[at].id == code_id:
            return self.codes[at]
        if self.codes == self._indexed:
            return None
        self._indexed = list(self.codes)
        self._at = {c.id: i for i, c in enumerate(self._indexed)}
        at = self._at.get(code_id)
        return None if at is None else self.codes[at]

    def code(self, code_id: str) -> Code:
        found = self.get(code_id)
        if found is None:
            raise CodebookError(f"The codebook has no code {code_id!r}.")
        return found

    def children(self, parent: str = "") -> list[Code]:
        return [c for c in self.codes if c.parent == parent]

    def _below(self) -> dict[str, list[Code]]:
        """Parent id -> its children in order, in one pass (children() for all is n²)."""
        below: dict[str, list[Code]] = {}
        for code in self.codes:
            below.setdefault(code.parent, []).append(code)
        return below

    def descendants(self, code_id: str) -> list[Code]:
        """Every code below `code_id`, depth first, in tree order."""
        return [code for _, code in self._walk(code_id, self._below())]

    def _walk(self, top: str, below: dict[str, list[Code]]) -> list[tuple[int, Code]]:
        """(depth, code) below `top`, depth first, without recursion."""
        found: list[tuple[int, Code]] = []
        stack = [(0, c) for c in reversed(below.get(top, []))]
        seen: set[str] = set()
        while stack:
            depth, code = stack.pop()
            if code.id in seen:  # a cycle in a hand-edited file
                continue
            seen.add(code.id)
            found.append((depth, code))
            stack.extend((depth + 1, c) for c in reversed(below.get(code.id, [])))
        return found

    def carried(self, code_ids: Set[str]) -> list[Code]:
        """The codes of `code_ids` and the codes above them, in the book's order: what a
        notes file's copy of the codebook needs to name its passages' codes."""
        needed = set(code_ids)
        for code_id in code_ids:
            needed.update(code.id for code in self.ancestors(code_id))
        return [code for code in self.codes if code.id in needed]

    def ancestors(self, code_id: str) -> list[Code]:
        """The codes above `code_id`, nearest first."""
        found: list[Code] = []
        code = self.get(code_id)
        while code is not None and code.parent:
            code = self.get(code.parent)
            if code is None or code in found:  # a cycle in a hand-edited file
                break
            found.append(code)
        return found

    def tree(self) -> list[tuple[int, Code]]:
        """(depth, code) depth first, as a tree view lists them."""
        return self._walk("", self._below())

    def path(self, code_id: str, separator: str = PATH_SEPARATOR) -> str:
        """ "Emotions / Fear" for the code Fear under Emotions."""
        code = self.code(code_id)
        names = [a.name for a in reversed(self.ancestors(code_id))]
        return separator.join([*names, code.name])

    def labels(self) -> dict[str, str]:
        """Code id -> what names it in one line: its name, or its path where another code
        has that name ("Work / Stress" and "Home / Stress", "Trust" alone)."""
        shared = self.sharing_names()
        return {c.id: self.path(c.id) if c.id in shared else c.name for c in self.codes}

    def sharing_names(self) -> set[str]:
        """The ids of the codes whose name another code has too (case and spaces ignored)."""
        shared = Counter(_name_key(c.name) for c in self.codes)
        return {c.id for c in self.codes if shared[_name_key(c.name)] > 1}

    def labels_of(self, code_ids: Iterable[str]) -> tuple[str, ...]:
        """The `labels()` of `code_ids`, in their order; an unknown id shows as itself."""
        made_from, labels = self._labelled
        if self.codes != made_from:
            self._labelled = (list(self.codes), labels := self.labels())
        return tuple(labels.get(i, i) for i in code_ids)

    def names(self, code_ids: Iterable[str]) -> tuple[str, ...]:
        """The names of `code_ids`, in their order; an unknown id shows as itself."""
        return tuple(code.name if (code := self.get(i)) else i for i in code_ids)

    def find(self, name: str, parent: str | None = None) -> Code | None:
        """The code called `name` (case and spaces ignored), under `parent` if given."""
        wanted = _name_key(name)
        for code in self.codes:
            if _name_key(code.name) == wanted and (parent is None or code.parent == parent):
                return code
        return None

    def named(self, text: str) -> list[str]:
        """The ids of the codes `text` names, as a user types it: every code of that name,
        or the one at a path from the top ("Work / Stress", "Work/Stress"; "/Stress" for a
        top-level one); case and spaces ignored, [] for none. A name holding "/"
        ("and/or") matches as a name too."""
        wanted = _name_key(text)
        # A path is read whole, as the names on it joined, so that a name holding "/"
        # is on a path too ("Work / and/or", as an export names it); "/Stress": from the top.
        path = _path_key(text).removeprefix("/") if "/" in text else None
        found = []
        for code in self.codes:
            if _name_key(code.name) == wanted or (
                path is not None
                and _path_key(
                    "/".join([*(a.name for a in reversed(self.ancestors(code.id))), code.name])
                )
                == path
            ):
                found.append(code.id)
        return found

    def new_place(self, typed: str) -> tuple[str, str]:
        """(parent id, name) of a new code typed as a path to it, as the picker lists codes:
        "Work / Night shifts" is "Night shifts" under the one code "Work / …" names; a
        name whose "/" starts no such path ("and/or") is a top-level code's whole name."""
        head, slash, tail = typed.rpartition("/")
        above = self.named(head) if slash and head.strip() and tail.strip() else []
        if len(above) == 1:
            return above[0], clean_name(tail)
        return "", clean_name(typed)

    def ids_named(self, texts: Iterable[str]) -> frozenset[str]:
        """The ids of the codes each of `texts` names (`named`); CodebookError naming the
        first that names none."""
        ids: set[str] = set()
        for text in texts:
            found = self.named(text)
            if not found:
                raise CodebookError(
                    f"No code is called {text!r}: give a code's name, or its path "
                    "(Work / Stress) where codes share a name."
                )
            ids.update(found)
        return frozenset(ids)

    def copy(self) -> Codebook:
        return Codebook(list(self.codes))

    # Changing ----------------------------------------------------------------------------

    def create(
        self,
        name: str,
        *,
        parent: str = "",
        color: str = "",
        description: str = "",
        codable: bool = True,
        code_id: str = "",
        index: int | None = None,
    ) -> Code:
        """A new code at the end of `parent`'s children (or at sibling `index`)."""
        code = _new_code(Code(code_id, name, color, description, codable, parent), self.next_color)
        if parent:
            self.code(parent)
        there = self.find(code.name, parent)
        if there is not None and not there.codable:  # typed in the picker, which omits it
            raise CodebookError(
                f"“{there.name}” is a category: it holds codes and is not applied to "
                "passages. Choose one of its codes, or name the new code otherwise."
            )
        if there is not None:
            raise self._taken(there)
        if code.id in self:
            raise CodebookError(f"The codebook has a code {code.id!r} already.")
        self._insert(code, index)
        return code

    def next_color(self) -> str:
        """The first palette colour no code uses, else the palette in turn."""
        return _next_color({c.color.lower() for c in self.codes}, len(self.codes))

    def update(self, code_id: str, **changes: Any) -> Code:
        """Change name, color, description or codable; returns the old code, for undo."""
        old = self.code(code_id)
        unknown = set(changes) - {"name", "color", "description", "codable"}
        if unknown:
            raise CodebookError(f"A code has no {', '.join(sorted(unknown))}.")
        if "name" in changes:
            changes["name"] = _checked_name(changes["name"])
            other = self.find(changes["name"], old.parent)
            if other is not None and other.id != code_id:
                raise self._taken(other)
        if "color" in changes:
            changes["color"] = _checked_color(changes["color"])
        self.put(replace(old, **changes))
        return old

    def undo_update(self, old: Code, new: Code) -> None:
        """Undo the update that made `old` into `new`: the fields it changed go back where
        they are still as it left them (another program's change since stays); nothing
        when another program deleted the code since."""
        if old.id not in self:
            return
        back = fields_undone(old, new, self.code(old.id))
        other = self.find(back.name, back.parent)
        if other is not None and other.id != old.id:  # another program's code, named since
            raise self._taken(other)
        self.put(back)

    def _taken(self, other: Code) -> CodebookError:
        """The refusal of a name `other` has beside it, said where: "There is a code “work”
        there already" named neither the code there ("Work") nor the place (Alt+Right, a
        drop under another code)."""
        parent = self.get(other.parent)
        if parent is None:
            return CodebookError(f"There is a top-level code “{other.name}” already.")
        return CodebookError(f"“{parent.name}” has a sub-code “{other.name}” already.")

    def rename(self, code_id: str, name: str) -> Code:
        return self.update(code_id, name=name)

    def put(self, code: Code) -> None:
        """Put a code in the place of the one with its id."""
        index = self.codes.index(self.code(code.id))
        self.codes[index] = code

    def stays(self, code_id: str, parent: str = "", index: int | None = None) -> bool:
        """Whether `move` with these would leave the code where it is (dropped in place)."""
        code = self.code(code_id)
        if code.parent != parent:
            return False
        siblings = self.children(parent)
        last = len(siblings) - 1
        return siblings.index(code) == (last if index is None else min(max(0, index), last))

    def move(
        self, code_id: str, parent: str = "", index: int | None = None, *, going: str = ""
    ) -> tuple[str, int]:
        """Put the code (with the codes below it) under `parent` at sibling `index` (the
        end when None). Returns (old parent, old sibling index), for undo. The code `going`
        (merged, about to go) may have its name there."""
        code = self.code(code_id)
        if parent and (parent == code_id or parent in {d.id for d in self.descendants(code_id)}):
            raise CodebookError("A code cannot go below itself.")
        if parent:
            self.code(parent)
        other = self.find(code.name, parent)
        if other is not None and other.id not in (code_id, going):
            raise self._taken(other)
        old = (code.parent, self.children(code.parent).index(code))
        subtree = [code, *self.descendants(code_id)]
        moving = {c.id for c in subtree}
        self.codes = [c for c in self.codes if c.id not in moving]
        self._insert(replace(code, parent=parent), index)
        at = self.codes.index(self.code(code_id)) + 1
        self.codes[at:at] = subtree[1:]
        return old

    def move_back(self, code_id: str, parent: str, index: int) -> None:
        """Undo of `move`, given what it returned; nothing when the code, or the one it was
        under, was deleted since (by another program: there is no place to go back to)."""
        if code_id in self and (not parent or parent in self):
            self.move(code_id, parent, index)

    def delete(self, code_id: str) -> frozenset[str]:
        """Take out the code and every code below it; returns their ids. The caller takes
        them off the highlights (`recode`), having shown how many; undo puts back a copy
        of the whole book, taken before."""
        self.code(code_id)
        gone = frozenset({code_id, *(d.id for d in self.descendants(code_id))})
        self.codes = [c for c in self.codes if c.id not in gone]
        return gone

    def merge(self, source_id: str, target_id: str) -> dict[str, str]:
        """Merge `source` into `target`: the codes below `source` move below `target`, one
        named as a code below `target` merging into it (depth first), and `source` goes;
        a `target` below `source` takes its place first (a parent merged into its child).
        Returns each merged code's id -> the id it merged into: the mapping for `recode`."""
        source = self.code(source_id)
        self.code(target_id)
        if source_id == target_id:
            raise CodebookError("A code cannot be merged into itself.")
        if target_id in {d.id for d in self.descendants(source_id)}:
            # Work into its own "Work": the one it leaves in its place has its name.
            at = self.children(source.parent).index(source)
            self.move(target_id, source.parent, at, going=source_id)
        merged = {source_id: target_id}
        for child in self.children(source_id):
            clash = self.find(child.name, target_id)
            if clash is not None:  # two codes of the same name meet: they merge too
                merged |= self.merge(child.id, clash.id)
            else:
                self.move(child.id, target_id)
        self.delete(source_id)
        # Each to the code it ends in: merged into its parent, Work / Stress / Stress meets
        # the source itself and merges into it, which then goes too.
        for code_id, into in merged.items():
            while into in merged and merged[into] != into:
                into = merged[into]
            merged[code_id] = into
        return merged

    def _insert(self, code: Code, index: int | None) -> None:
        """Insert `code` among its parent's children at sibling `index` (end when None)."""
        siblings = self.children(code.parent)
        if index is None or index >= len(siblings):
            # After the last sibling's subtree, else right after the parent, else at the end.
            if siblings:
                last = siblings[-1]
                tail = self.descendants(last.id)
                anchor = tail[-1] if tail else last
                at = self.codes.index(anchor) + 1
            elif code.parent:
                at = self.codes.index(self.code(code.parent)) + 1
            else:
                at = len(self.codes)
        else:
            at = self.codes.index(siblings[max(0, index)])
        self.codes.insert(at, code)

    # Files -------------------------------------------------------------------------------

    def named_apart(self) -> list[str]:
        """Number ("Trust (2)") each code named as an earlier one beside it, which a merge
        of two files that each made "Trust" leaves; the paths of those numbered."""
        used: set[tuple[str, str]] = set()
        numbered = []
        for _, code in self.tree():
            name = _numbered(code.name, code.parent, used)
            used.add((code.parent, _name_key(name)))
            if name != code.name:
                self.put(replace(code, name=name))
                numbered.append(self.path(code.id))
        return numbered

    def to_json(self) -> list[dict[str, Any]]:
        return [c.to_json() for c in self.codes]

    @classmethod
    def from_json(cls, data: Sequence[Mapping[str, Any]]) -> Codebook:
        """The codes of a file, repaired (`repaired`). Each notes file of a study carries
        the study's codebook: the same 1,000 codes are made and repaired once (5 ms a
        file), and the books of the other files hold the same Code objects."""
        return cls(codes=list(_repaired_codes(data)))

    @classmethod
    def repaired(cls, given: Iterable[Code]) -> Codebook:
        """`given` as a tree: a duplicate id is dropped, an unknown parent or a cycle puts
        the code at the top, and parents come before their children. The codes are kept,
        not copied (a Code never changes): a study's 1,000 are in every interview's notes."""
        codes: dict[str, Code] = {}
        for code in given:
            codes.setdefault(code.id, code)
        for code_id, code in list(codes.items()):
            if code.parent and (code.parent not in codes or _cycles(codes, code_id)):
                codes[code_id] = replace(code, parent="")
        below: dict[str, list[Code]] = {}
        for code in codes.values():
            below.setdefault(code.parent, []).append(code)
        book = cls()
        # Depth first without recursion (a deep hand-made tree must not exhaust the stack),
        # one pass over the codes: a notes file carries the study's 1,000 codes.
        stack = list(reversed(below.get("", [])))
        while stack:
            code = stack.pop()
            book.codes.append(code)
            stack.extend(reversed(below.get(code.id, [])))
        return book


@by_json  # a few studies' codebooks
def _repaired_codes(data: Sequence[Mapping[str, Any]]) -> tuple[Code, ...]:
    return tuple(Codebook.repaired(Code.from_json(item) for item in data))


def _cycles(codes: Mapping[str, Code], code_id: str) -> bool:
    seen = {code_id}
    parent = codes[code_id].parent
    while parent:
        if parent in seen:
            return True
        seen.add(parent)
        parent = codes[parent].parent if parent in codes else ""
    return False


def clean_name(name: str) -> str:
    """A code's name as kept: without control characters (a backspace pasted from a
    file, which no Word or XML file can hold), its runs of spaces as one space, and NFC
    ("é" typed here and "e" + U+0301 from a Mac's file are one name, not two codes)."""
    return unicodedata.normalize("NFC", " ".join(_CONTROL.sub("", name).split()))


def _name_key(name: str) -> str:
    return clean_name(name).casefold()


def _path_key(path: str) -> str:
    """A path as `named` compares it: its names' keys, without spaces around the "/"."""
    return "/".join(part.strip() for part in _name_key(path).split("/"))


def _new_code(code: Code, next_color: Callable[[], str]) -> Code:
    """`code` as a codebook takes a new one (`create`, `add_codebook`): its name cleaned
    and checked, its colour checked, or `next_color()` when it has none, and an id made
    when it has none. CodebookError for a name or a colour refused."""
    return replace(
        code,
        id=code.id or str(uuid.uuid4()),
        name=_checked_name(code.name),
        color=_checked_color(code.color) if code.color else next_color(),
    )


def _checked_name(name: str) -> str:
    name = clean_name(str(name))
    if not name:
        raise CodebookError("A code needs a name.")
    if len(name) > MAX_NAME_CHARS:
        raise CodebookError(f"A code's name has at most {MAX_NAME_CHARS} characters.")
    return name


def _checked_color(color: str) -> str:
    if not is_color(color):
        raise CodebookError(f"A colour is written #RRGGBB, not {color!r}.")
    return color.lower()


def _next_color(used: Set[str], count: int) -> str:
    """The first palette colour not `used` (lower case), else the palette in turn."""
    return next((c for c in PALETTE if c not in used), PALETTE[count % len(PALETTE)])


# Codings -------------------------------------------------------------------------------


def add_code(highlight: Highlight, code_id: str) -> Highlight:
    """The highlight with `code_id` added (last); the same highlight if it had it."""
    if code_id in highlight.codes:
        return highlight
    return highlight.edited(codes=(*highlight.codes, code_id))


def remove_code(highlight: Highlight, code_id: str) -> Highlight:
    if code_id not in highlight.codes:
        return highlight
    return highlight.edited(codes=tuple(c for c in highlight.codes if c != code_id))


class Joined(NamedTuple):
    """Coding a span where passages only coded already carry some of its codes."""

    start: int
    end: int
    passages: list[Highlight]  # each to lose the codes applied: they cover it now


def joined_coding(
    overlapping: Iterable[Highlight], start: int, end: int, codes: Sequence[str]
) -> Joined:
    """[start, end) coded with `codes`, joined to the passages only coded (no colour, no
    note) among `overlapping` that carry one of them, as NVivo and MAXQDA code: a
    selection that extends a coded passage (or lies over part of one) makes one passage
    of the code over both, not a second on the same words. A passage with a colour or a
    note is the user's own and stays as it is."""
    wanted = set(codes)
    passages = [
        h
        for h in overlapping
        if wanted.intersection(h.codes) and h.color == NO_COLOR and not h.note and not h.orphan
    ]
    return Joined(
        min([start, *(h.start for h in passages)]),
        max([end, *(h.end for h in passages)]),
        passages,
    )


def recode(
    highlights: Iterable[Highlight],
    mapping: Mapping[str, str] | None = None,
    removed: Set[str] = frozenset(),
    quoted: Set[str] = frozenset(),
) -> list[tuple[int, Highlight, Highlight | None]]:
    """(index, as it was, as it becomes) for each highlight carrying a code of `mapping`
    (old id -> new id, a merge: two codes that become one are kept once) or of `removed`
    (deleted codes), in list order. As it becomes is None when the passage goes: a
    passage that shows nothing once its codes are off is removed, as when its last code
    is taken off in the reader, unless a quote links to it (`quoted`: `left_showing`).
    A merge never removes one."""
    mapping = mapping or {}
    changed: list[tuple[int, Highlight, Highlight | None]] = []
    for index, h in enumerate(highlights):
        if any(c in mapping or c in removed for c in h.codes):
            codes = dict.fromkeys(mapping.get(c, c) for c in h.codes if c not in removed)
            after = h.edited(codes=tuple(codes))
            changed.append((index, h, left_showing(after, lambda: quoted)))
    return changed


def coding_sets(highlights: Iterable[Highlight]) -> Counter[frozenset[str]]:
    """Each set of codes a passage carries -> how many passages carry that set: what a
    code's total with its sub-codes is counted from, each passage once (a passage coded
    with two sub-codes is one passage of their parent). A study has few such sets."""
    return Counter(frozenset(h.codes) for h in highlights if h.codes)


def codes_in_sets(sets: Counter[frozenset[str]]) -> Counter[str]:
    """Code id -> passages carrying it, from `coding_sets`."""
    counts = Counter[str]()
    for codes, n in sets.items():
        for c in codes:
            counts[c] += n
    return counts


def category_refusal(book: Codebook, code_id: str, counts: Mapping[str, int]) -> str:
    """Why the code cannot become a category ("" when it can): its passages would drop
    out of every picture and count, as a category holds none."""
    n = counts.get(code_id, 0)
    if not n:
        return ""
    name = book.code(code_id).name
    return (
        f"“{name}” cannot be a category: {counted(n, 'passage')} "
        f"{'is' if n == 1 else 'are'} coded with it, and a category holds none. Give "
        f"{'it' if n == 1 else 'them'} one of its sub-codes first, then tick Category."
    )


def deletion_question(
    book: Codebook, code_id: str, kept: int, gone: int, interviews: int = 0
) -> str:
    """Delete Code's question: what the code (and its sub-codes) take with them; `kept`
    passages lose them and stay, `gone` (no colour, no note, no other code) go, in
    `interviews` of a study (0: not said, an interview alone)."""
    below = book.descendants(code_id)
    also = f" and its {counted(len(below), 'sub-code')}" if below else ""
    it = "them" if below else "it"
    lose = f"{counted(kept, 'coded passage').capitalize()} will lose {it}"
    # A passage with no colour or note that has no other code goes: nothing would show it.
    removed = f"{counted(gone, 'passage')} coded only with {it}"
    removed += " (no colour, no note) will be removed."
    if not kept and not gone:  # not "0 coded passages will lose it"
        what = f"No passage is coded with {it}."
    elif not gone:
        what = f"{lose}; the highlights themselves stay."
    elif kept:
        what = f"{lose}; {removed}"
    else:
        what = removed
    if interviews and (kept or gone):  # a code used across the study: how far it reaches
        what = f"In {counted(interviews, 'interview')}, {what[0].lower()}{what[1:]}"
    return (
        f"Delete the code “{book.path(code_id)}”{also}?\n\n"
        f"{what} Edit ▸ Undo brings everything back."
    )


def merge_refusal(book: Codebook, source: str, target: str, counts: Mapping[str, int]) -> str:
    """Why `source` cannot merge into `target` ("" when it can): a code with passages would
    merge into a category (the target, or a sub-code of it whose name one below `source`
    shares), whose passages would drop out of every picture and count."""
    try:
        mapping = book.copy().merge(source, target)
    except CodebookError:
        return ""  # refused as the merge itself says
    for merged, into in mapping.items():
        n, category = counts.get(merged, 0), book.code(into)
        if n and not category.codable:
            return (
                f"“{book.code(merged).name}” cannot merge into “{category.name}”: a category "
                f"holds no passages, and {counted(n, 'passage')} "
                f"{'is' if n == 1 else 'are'} coded with it. Merge it into one of "
                f"“{category.name}”'s sub-codes, or untick Category first."
            )
    return ""


def codes_for_tags(tags: Iterable[str], book: Codebook) -> tuple[str, ...]:
    """The code ids for `tags` (names), creating a top-level code for each unknown one
    (its id derived from the name, its colour the next unused): how tags from a version 1
    file, an import or the tags dialog become codes."""
    ids: list[str] = []
    for tag in tags:
        name = clean_name(tag)[:MAX_NAME_CHARS]
        if not name:
            continue
        found = _tagged(book, name)
        if found.id not in ids:
            ids.append(found.id)
    return tuple(ids)


def _tagged(book: Codebook, name: str) -> Code:
    """The code a tag names: one that takes passages, the top-level one first where codes
    under several parents share the name; where only a category has it, a code of the
    name under it (a category holds no passages: a tag "emotions" coded passages with the
    category Emotions); else a new top-level code."""
    key = _name_key(name)
    named = sorted(
        (c for c in book.codes if _name_key(c.name) == key), key=lambda c: bool(c.parent)
    )
    codable = [c for c in named if c.codable]
    if codable:
        return codable[0]
    code_id = tag_code_id(name)
    if (renamed := book.get(code_id)) is not None and renamed.codable:  # renamed since
        return renamed
    parent = named[0].id if named else ""
    while (deeper := book.find(name, parent)) is not None:  # categories all the way down
        parent = deeper.id
    return book.create(name, parent=parent, code_id="" if code_id in book else code_id)


class AddedCodes(NamedTuple):
    """What `add_codebook` did: the paths of the codes added and of those there already,
    and each of the other codebook's ids -> the id it has in the book now; of those there
    already, the ones that took the other's description (they had none) and the ones the
    other names otherwise ("Light (“Lumière”)": renamed there, the name here stays); of
    those added, the ones whose name a code elsewhere in the book has (perhaps the same
    idea); and `memos`, the paths of the codes whose memo gained the other's paragraphs
    (refi.qdpx_merge.join_memos sets them: the book only takes a memo where it has none);
    and `numbered`, the paths of the codes added under a number ("Trust (2)") because a
    code beside them in the other codebook, or in the book, has their name."""

    added: list[str]
    known: list[str]
    same: dict[str, str]
    described: list[str]
    elsewhere: list[str]
    renamed: list[str]
    memos: Sequence[str] = ()
    numbered: Sequence[str] = ()

    def lines(self) -> list[str]:
        """The sentences an import says beyond how many codes it added."""
        said = (
            ("Already in the codebook", self.known),
            ("Memo taken from the file (the code had none)", self.described),
            (
                "Added beside a code of the same name elsewhere (Ctrl+M in the Codebook "
                "merges two that are one)",
                self.elsewhere,
            ),
            ("Named otherwise in the file, kept as named here", self.renamed),
            ("Memo written on in the file, its new paragraphs added", self.memos),
            ("Named as another code beside it, numbered to tell them apart", self.numbered),
        )
        return [f"{what}: {_listed(paths)}." for what, paths in said if paths]


def _listed(names: Sequence[str], most: int = 8) -> str:
    more = f", … ({len(names) - most} more)" if len(names) > most else ""
    return ", ".join(names[:most]) + more


def add_codebook(book: Codebook, other: Codebook) -> AddedCodes:
    """Add `other`'s codes to `book` (an imported .qdc or project): a code `book` has by
    id, or by name in the same place, is taken as the same code, and its codes below go
    under it; it keeps its colour and description, but takes the other's description
    when it has none (a supervisor's codebook defining the codes a student made). By name
    only a code the book had before, and only once: two codes of `other` of one name in
    one place (MAXQDA's "Trust" twice, of two GUIDs) stay two, the later one numbered
    ("Trust (2)"), their codings apart."""
    # The book is indexed once, and the codes added are put in place in one pass at the
    # end: looking each code up in the whole book three times (`find`, `create`), and
    # inserting it, held the window 2 s for a 1,000-code .qdc into a 1,000-code book.
    by_id = {c.id: c for c in book.codes if c.id}
    places: dict[tuple[str, str], Code] = {}  # (parent, name key) -> the first code there
    for c in book.codes:
        places.setdefault((c.parent, _name_key(c.name)), c)
    names = {key for _, key in places}
    used = set(places)  # (parent, name key) of the book's codes and of those added
    matched = {c.id for c in other if c.id in by_id}  # the book's codes taken (by id first)
    numbered: list[str] = []  # ids
    colors = {c.color.lower() for c in book.codes}
    taken: dict[str, Code] = {}  # id -> the code with the other's description
    below: dict[str, list[Code]] = {}  # parent id -> the codes added under it, in order
    same: dict[str, str] = {}  # other's id -> book's id
    added: list[str] = []  # ids, named by their paths at the end
    known: list[str] = []
    described: list[str] = []
    elsewhere: list[str] = []  # names
    renamed: list[tuple[str, str]] = []  # (id, the other's name)
    try:
        for code in other:  # parents before children
            parent = same.get(code.parent, "")
            key = _name_key(code.name)
            found = by_id.get(code.id)
            if found is None and (named := places.get((parent, key))) is not None:
                found = None if named.id in matched else named
            if found is not None:
                matched.add(found.id)
                same[code.id] = found.id
                known.append(found.id)
                if found.name != code.name:
                    renamed.append((found.id, code.name))
                if code.description.strip() and not found.description.strip():
                    now = taken[found.id] = replace(found, description=code.description)
                    by_id[found.id] = now
                    place = (found.parent, _name_key(found.name))
                    if places.get(place) is found:
                        places[place] = now
                    described.append(found.id)
                continue
            if key in names and (parent, key) not in used:
                elsewhere.append(code.name)
            name = _numbered(code.name, parent, used)
            made = _new_code(
                replace(code, parent=parent, name=name),
                lambda: _next_color(colors, len(book.codes) + len(added)),
            )
            if name != code.name:
                numbered.append(made.id)
            below.setdefault(parent, []).append(made)
            by_id[made.id] = made
            used.add((parent, _name_key(made.name)))
            names.add(key)
            colors.add(made.color)
            same[code.id] = made.id
            added.append(made.id)
    finally:  # what was added before a code the book refuses stays, as `create` left it
        book.codes[:] = [taken.get(c.id, c) for c in _with_added(book.codes, below)]
    return AddedCodes(
        [book.path(i) for i in added],
        [book.path(i) for i in known],
        same,
        [book.path(i) for i in described],
        elsewhere,
        [f"{book.path(i)} (“{name}”)" for i, name in renamed],
        numbered=[book.path(i) for i in numbered],
    )


def _numbered(name: str, parent: str, used: Set[tuple[str, str]]) -> str:
    """`name`, or "name (2)", "name (3)"… the first not `used` under `parent`."""
    candidate, n = name, 1
    while (parent, _name_key(candidate)) in used:
        n += 1
        suffix = f" ({n})"
        candidate = clean_name(name)[: MAX_NAME_CHARS - len(suffix)] + suffix
    return candidate


def _with_added(codes: list[Code], below: Mapping[str, list[Code]]) -> list[Code]:
    """`codes` (in tree order) with the codes added `below` each parent id ("": the top)
    where `create` puts each: after its parent's children and the codes below them. One
    pass: a code's subtree ends where a code comes that is not below it."""
    pending = dict(below)
    out: list[Code] = []

    def close(parent: str) -> None:  # the codes added below `parent`, depth first
        stack = list(reversed(pending.pop(parent, [])))
        while stack:
            code = stack.pop()
            out.append(code)
            stack.extend(reversed(pending.pop(code.id, [])))

    open_ids: list[str] = []  # the code last listed and the codes above it, top first
    for code in codes:
        while open_ids and open_ids[-1] != code.parent:
            close(open_ids.pop())
        out.append(code)
        open_ids.append(code.id)
    for code_id in reversed(open_ids):
        close(code_id)
    close("")
    return out
