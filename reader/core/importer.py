"""Import of W3C Web Annotations (as the w3c export writes them, or from other tools).

`import_w3c` reads an AnnotationCollection (its embedded pages), an AnnotationPage, a
single Annotation or a JSON list of them, and returns the new highlights anchored in the
session's text by their quote. It never changes the session: the caller adds the
highlights, so the UI can make the import one undoable step.

Annotations are anchored by TextQuoteSelector and TextPositionSelector, alone or in
refinedBy chains of them; the others (a whole resource, a FragmentSelector, an SVG area,
a quote over MAX_QUOTE_CHARS) are not imported and are named in the result's summary.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from reader.core import json_bytes
from reader.core.anchoring import AnchorStatus, anchor, best_occurrence
from reader.core.annotations import CONTEXT_CHARS, DEFAULT_COLOR, NO_COLOR, Highlight, now_iso
from reader.core.codebook import MAX_NAME_CHARS as MAX_CODE_NAME_CHARS
from reader.core.codebook import (
    PATH_SEPARATOR,
    Code,
    Codebook,
    clean_name,
    codes_for_tags,
    tag_code_id,
)
from reader.core.document import normalise
from reader.core.export.w3c_export import (
    CODE_PATH_PROPERTY,
    COLOR_PROPERTY,
    OUR_NAMESPACE,
    OUR_PREFIX,
)
from reader.core.json_errors import why_not_json
from reader.core.line_ends import lf_line_ends
from reader.core.session import Session


def _keys(own_property: str) -> tuple[str, str]:
    """Our property as we write it and as a JSON-LD tool may have expanded it."""
    return own_property, own_property.replace(f"{OUR_PREFIX}:", OUR_NAMESPACE, 1)


COLOR_KEYS = _keys(COLOR_PROPERTY)
CODE_PATH_KEYS = _keys(CODE_PATH_PROPERTY)
# A tag: a code's name, or the names on its path (our export's, for two codes of one name).
Tag = str | tuple[str, ...]
MAX_PAGES = 10_000  # embedded "next" pages followed at most, so a cycle cannot hang us
# A highlight is a passage, not a book: a longer quote (about 40 pages) is refused, so that
# a hostile or broken file cannot make anchoring crawl or the notes file balloon.
MAX_QUOTE_CHARS = 100_000
TOO_LONG = f"a quote over {MAX_QUOTE_CHARS:,} characters"
MAX_REFINEMENTS = 16  # refinedBy links followed at most
MAX_NAME_CHARS = 200  # of an annotation's id, as the summary names it
TEXT_SELECTORS = ("TextQuoteSelector", "TextPositionSelector")


class AnnotationImportError(Exception):
    """Input that is not W3C Web Annotation JSON this build can read; one line for the user."""


@dataclass(frozen=True)
class NotImported:
    """An annotation left out: its id (or "annotation N", its place in the file) and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """`added`: new highlights, in document order, orphans included (`orphan=True`).

    `skipped`: annotations already present (same id, or same start, end and quote).
    `orphaned`: how many of `added` were not found in the current text.
    `not_imported`: the annotations left out, in file order, each with its reason.
    `codes`: the codes the annotations' tags became that the session's codebook lacks; the
    caller adds them with the highlights (`add_to`).
    """

    added: list[Highlight] = field(default_factory=list)
    skipped: int = 0
    orphaned: int = 0
    not_imported: list[NotImported] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)

    def add_to(self, session: Session) -> None:
        """Add the new codes and highlights to `session` (the non-undoable way)."""
        session.notes.codebook.codes.extend(self.codes)
        for highlight in self.added:
            session.add_highlight(highlight)

    @property
    def too_long(self) -> int:
        """Annotations refused for a quote over MAX_QUOTE_CHARS."""
        return sum(n.reason == TOO_LONG for n in self.not_imported)

    @property
    def unusable(self) -> int:
        """Annotations with no text quote or position we can anchor them by."""
        return len(self.not_imported) - self.too_long

    def message(self) -> str:
        """E.g. "Imported 3 annotations (1 already present, 0 not found in the text)", then
        one line naming each annotation not imported and why."""
        noun = "annotation" if len(self.added) == 1 else "annotations"
        text = (
            f"Imported {len(self.added)} {noun} ({self.skipped} already present, "
            f"{self.orphaned} not found in the text"
        )
        if self.unusable:
            text += f", {self.unusable} without a selector we can anchor"
        if self.too_long:
            text += f", {self.too_long} skipped for {TOO_LONG}"
        lines = [text + ")"]
        lines.extend(f"  not imported: {n.name}: {n.reason}" for n in self.not_imported)
        return "\n".join(lines)


def import_w3c(session: Session, data: bytes) -> ImportResult:
    """New highlights for the annotations in `data`; AnnotationImportError for bad input."""
    try:
        parsed = json_bytes.loads(data)
    except orjson.JSONDecodeError as exc:
        raise AnnotationImportError(f"the file is not valid JSON ({why_not_json(exc)})") from None
    annotations = list(_annotations(parsed))
    text = session.document.text
    ids = {h.id for h in session.notes.highlights}
    spans = {(h.start, h.end, h.exact) for h in session.notes.highlights}
    book = session.notes.codebook.copy()  # tags become codes here; the session's stays as it is
    added: list[Highlight] = []
    not_imported: list[NotImported] = []
    skipped = orphaned = 0
    for number, item in enumerate(annotations, start=1):
        provisional = _highlight(item, text, session.notes.colors, book)
        if isinstance(provisional, str):
            not_imported.append(NotImported(_name(item, number), provisional))
            continue
        if provisional.id in ids:
            skipped += 1
            continue
        result = anchor(text, provisional)
        h = result.highlight
        if (h.start, h.end, h.exact) in spans:  # as the notes have it: imported before
            skipped += 1
            continue
        ids.add(h.id)  # not its span: two highlights of the same words both come
        orphaned += result.status == AnchorStatus.ORPHANED
        added.append(h)
    added.sort(key=lambda h: (h.start, h.end))
    known = session.notes.codebook
    used = {code_id for h in added for code_id in h.codes}
    used |= {above.id for code_id in used for above in book.ancestors(code_id)}
    codes = [c for c in book if c.id not in known and c.id in used]
    return ImportResult(added, skipped, orphaned, not_imported, codes)


# --- reading the JSON-LD ------------------------------------------------------------------


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("type", node.get("@type"))
    values = value if isinstance(value, list) else [value]
    # Expanded or prefixed forms: "oa:Annotation", "http://www.w3.org/ns/oa#Annotation".
    return {v.rsplit("#", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)}


def _annotations(data: Any) -> Iterator[dict[str, Any]]:
    """Every Annotation object in a collection, page, annotation or list of them."""
    if isinstance(data, list):
        for item in data:
            yield from _annotations(item)
        return
    if not isinstance(data, dict):
        raise AnnotationImportError("the file holds no W3C Web Annotations")
    types = _types(data)
    if "Annotation" in types or ("target" in data and not types):
        yield data
    elif "AnnotationPage" in types:
        yield from _page_items(data)
    elif "AnnotationCollection" in types:
        page = data.get("first")
        if page is None:
            if data.get("total", 0):
                raise AnnotationImportError("the annotation collection has no first page")
            return
        if not isinstance(page, dict):
            raise AnnotationImportError(
                "the annotation collection refers to its pages by address; "
                "only collections with embedded pages can be imported"
            )
        for _ in range(MAX_PAGES):
            yield from _page_items(page)
            page = page.get("next")
            if not isinstance(page, dict):
                return
    else:
        raise AnnotationImportError(
            "the file holds no W3C Web Annotations (no Annotation, AnnotationPage "
            "or AnnotationCollection)"
        )


def _page_items(page: dict[str, Any]) -> Iterator[dict[str, Any]]:
    items = page.get("items", [])
    if not isinstance(items, list):
        raise AnnotationImportError("an annotation page's items are not a list")
    for item in items:
        if not isinstance(item, dict):
            raise AnnotationImportError("an annotation page holds something not an annotation")
        yield item


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _printable(value: str) -> str:
    """`value` from the file, safe to print on one line: no line breaks or terminal escapes,
    at most MAX_NAME_CHARS characters."""
    value = "".join(c if c.isprintable() else "\ufffd" for c in value[: MAX_NAME_CHARS + 1])
    return value if len(value) <= MAX_NAME_CHARS else value[: MAX_NAME_CHARS - 1] + "…"


def _name(annotation: dict[str, Any], number: int) -> str:
    value = annotation.get("id", annotation.get("@id"))
    if isinstance(value, str) and value.strip():
        return _printable(value)
    return f"annotation {number}"


@dataclass(frozen=True)
class _Selection:
    """What an annotation selects: its quote and context, and where the quote is expected
    (None: wherever its context fits best)."""

    exact: str
    prefix: str
    suffix: str
    start: int | None


def _kind(selector: Any) -> str:
    if not isinstance(selector, dict):
        return "a selector given by address"
    types = _types(selector)
    known = [t for t in TEXT_SELECTORS if t in types]
    return known[0] if known else _printable(min(types, default="a selector without a type"))


def _chain(selector: dict[str, Any]) -> list[Any]:
    """The selector and those refining it, outermost first (refinedBy: the first one)."""
    chain: list[Any] = [selector]
    while isinstance(chain[-1], dict) and len(chain) <= MAX_REFINEMENTS:
        refined = _as_list(chain[-1].get("refinedBy"))
        if not refined:
            break
        chain.append(refined[0])
    return chain


def _selection(annotation: dict[str, Any], text: str) -> _Selection | str:
    """What the first target we can anchor selects in `text`, or why none can be."""
    reasons: list[str] = []
    for target in _as_list(annotation.get("target")):
        selectors = _as_list(target.get("selector")) if isinstance(target, dict) else []
        if not selectors:
            reasons.append("no selector: it annotates a whole resource")
            continue
        simple: dict[str, dict[str, Any]] = {}  # alternatives: the first of each kind
        refined: list[list[Any]] = []
        for selector in selectors:
            chain = _chain(selector)
            kinds = [_kind(s) for s in chain]
            if any(kind not in TEXT_SELECTORS for kind in kinds):
                reasons.append(f"{' refined by '.join(kinds)}, not a text quote or position")
            elif len(chain) > 1:
                refined.append(chain)
            else:
                simple.setdefault(kinds[0], selector)
        if simple:
            return _simple(simple.get(TEXT_SELECTORS[0]), simple.get(TEXT_SELECTORS[1]), text)
        if refined:
            return _refined(refined[0], text)
    return reasons[0] if reasons else "no target"


def _quote(selector: dict[str, Any]) -> tuple[str, str, str] | str:
    """(exact, prefix, suffix) of a TextQuoteSelector, normalised; TOO_LONG if one is."""
    parts = [selector.get(key) for key in ("exact", "prefix", "suffix")]
    if any(isinstance(p, str) and len(p) > MAX_QUOTE_CHARS for p in parts):
        return TOO_LONG
    exact, prefix, suffix = (_string(p) for p in parts)
    # The notes file keeps CONTEXT_CHARS of context, the characters next to the quote.
    return exact, prefix[-CONTEXT_CHARS:], suffix[:CONTEXT_CHARS]


def _span(selector: dict[str, Any], lo: int, hi: int) -> tuple[int, int] | None:
    """The absolute span of a TextPositionSelector applied to text[lo:hi], if inside it."""
    start, end = _offset(selector.get("start")), _offset(selector.get("end"))
    if start is None or end is None or end <= start or lo + end > hi:
        return None
    return lo + start, lo + end


def _simple(
    quote: dict[str, Any] | None, position: dict[str, Any] | None, text: str
) -> _Selection | str:
    """A quote and a position, alternatives for the same passage; the quote wins."""
    span = _span(position, 0, 2**53) if position else None
    if quote is not None:
        found = _quote(quote)
        if isinstance(found, str):
            return found
        if found[0]:
            return _Selection(*found, span[0] if span else None)
    if span is None or span[1] > len(text):
        return "no quote, and no position inside the text"
    return _Selection(text[span[0] : span[1]], "", "", span[0])


def _refined(chain: list[dict[str, Any]], text: str) -> _Selection | str:
    """A chain of quotes and positions, each selecting within what the one before selected."""
    lo, hi = 0, len(text)
    for depth, selector in enumerate(chain, start=1):
        last = depth == len(chain)
        if "TextPositionSelector" in _types(selector):
            span = _span(selector, lo, hi)
            if span is None:
                return "a refined position outside the text"
            lo, hi = span
            continue
        found = _quote(selector)
        if isinstance(found, str):
            return found
        exact, prefix, suffix = found
        if not exact:
            return "an empty quote"
        inside = text[lo:hi]
        if exact not in inside:
            if last:  # not where the chain points: the quote alone finds it, or an orphan
                return _Selection(exact, prefix, suffix, None)
            return "a refined quote not found in the text"
        lo = lo + best_occurrence(inside, exact, prefix, suffix)
        hi = lo + len(exact)
        if last:
            return _Selection(exact, prefix, suffix, lo)
    return _Selection(text[lo:hi], "", "", lo)  # the chain ended with a position


def _string(value: Any) -> str:
    return normalise(value) if isinstance(value, str) else ""


def _offset(value: Any) -> int | None:
    """A non-negative whole number (5.0 counts), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not (value.is_integer() and value < 2**53):
        return None
    return int(value) if value >= 0 else None


def _highlight(
    annotation: dict[str, Any], text: str, colors: dict[str, str], book: Codebook
) -> Highlight | str:
    """A provisional highlight, not yet anchored; or why the annotation cannot be imported."""
    selection = _selection(annotation, text)
    if isinstance(selection, str):
        return selection
    exact, prefix, suffix = selection.exact, selection.prefix, selection.suffix
    start = selection.start
    if start is None:
        start = best_occurrence(text, exact, prefix, suffix)
    note, tags, color = _bodies(annotation, colors)
    if any(annotation.get(key) == NO_COLOR for key in COLOR_KEYS):
        color = NO_COLOR  # ours, a passage only coded (reader/core/export/w3c_export.py)
    created = _timestamp(annotation.get("created"))
    return Highlight(
        id=_highlight_id(annotation.get("id", annotation.get("@id"))),
        start=start,
        end=start + len(exact),  # the quote is what counts; a position may be in UTF-16
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        color=color,
        note=note,
        codes=tuple(dict.fromkeys(code for tag in tags for code in _tag_codes(tag, book))),
        created=created,
        modified=_timestamp(annotation.get("modified"), created),
    )


def _tag_codes(tag: Tag, book: Codebook) -> tuple[str, ...]:
    """The code a tag names: at its path where the export wrote one for two codes of one
    name ("Work / Stress", "Home / Stress"; made, with the codes above it, where the book
    lacks it); else the one code of the book its words name as a path ("Work / Stress"
    typed in another tool), else the code of its name (`codes_for_tags`: "Work / life
    balance", a name of its own, stays one)."""
    if isinstance(tag, str):
        found = book.named(tag) if "/" in tag else []
        return (found[0],) if len(found) == 1 else codes_for_tags([tag], book)
    names = [clean_name(name)[:MAX_CODE_NAME_CHARS] for name in tag]
    if not all(names):
        return codes_for_tags([PATH_SEPARATOR.join(tag)], book)
    parent = ""
    for depth, name in enumerate(names, start=1):
        code = book.find(name, parent)
        if code is None:
            code_id = tag_code_id(PATH_SEPARATOR.join(names[:depth]))
            code = book.get(code_id) or book.create(name, parent=parent, code_id=code_id)
        parent = code.id
    return (parent,)


def _bodies(annotation: dict[str, Any], colors: dict[str, str]) -> tuple[str, tuple[Tag, ...], str]:
    """(note, tags, colour id) from the annotation's bodies; colour and code paths from our
    own properties."""
    notes: list[str] = []
    tags: list[Tag] = []
    color = label = None
    if isinstance(annotation.get("bodyValue"), str):
        notes.append(annotation["bodyValue"])
    for item in _as_list(annotation.get("body")):
        body = _choice(item)
        if not isinstance(body, dict):
            continue  # an IRI body: nothing to read
        value = body.get("value", body.get("rdf:value"))
        purposes = {p for p in _as_list(body.get("purpose")) if isinstance(p, str)}
        own = [body[key] for key in COLOR_KEYS if isinstance(body.get(key), str)]
        if own and color is None:
            color = own[0]
        if not isinstance(value, str):
            continue
        if "tagging" in purposes:
            tag = _code_path(body) or value
            if value and tag not in tags:
                tags.append(tag)
        elif "classifying" in purposes:
            label = label or value
        elif value:
            notes.append(value)
    # Line ends as the app writes them: a "\r" kept went out of a Word export as a break.
    note = lf_line_ends("\n\n".join(notes))
    return note, tuple(tags), _color(colors, color, label)


def _code_path(body: dict[str, Any]) -> tuple[str, ...] | None:
    """The names on a code's path that our export put beside its tag, if any."""
    for key in CODE_PATH_KEYS:
        names = body.get(key)
        if isinstance(names, list) and names and all(isinstance(n, str) for n in names):
            return tuple(names)
    return None


def _choice(body: Any) -> Any:
    """A Choice's first item, its default; any other body as it is."""
    if isinstance(body, dict) and "Choice" in _types(body):
        return next(iter(_as_list(body.get("items"))), None)
    return body


def _color(colors: dict[str, str], color: str | None, label: str | None) -> str:
    """Our colour id if the session knows it, else the colour whose label matches."""
    if color and color in colors:
        return color
    if label:
        wanted = label.strip().casefold()
        for cid, name in colors.items():
            if name.strip().casefold() == wanted:
                return cid
    return DEFAULT_COLOR


def _highlight_id(value: Any) -> str:
    """Our UUID kept; another tool's id gives a UUID derived from it, so importing the same
    file twice recognises its annotations; no id gives a new one."""
    if isinstance(value, str):
        candidate = value.removeprefix("urn:uuid:")
        try:
            return str(uuid.UUID(candidate))
        except ValueError:
            if value.strip():
                return str(uuid.uuid5(uuid.NAMESPACE_URL, value))
    return str(uuid.uuid4())


def _timestamp(value: Any, default: str | None = None) -> str:
    """An ISO 8601 time with a zone (UTC when it had none), or `default`/now if unreadable."""
    if isinstance(value, str):
        try:
            stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=UTC)
            return stamp.isoformat()
    return default or now_iso()
