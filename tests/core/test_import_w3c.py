"""Import of W3C Web Annotations: round trip with the w3c export, duplicates, other shapes."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.annotations import DEFAULT_COLOR, Highlight
from reader.core.document import Document
from reader.core.export import ExportOptions, export
from reader.core.importer import AnnotationImportError, ImportResult, import_w3c
from reader.core.notes_file import parse, serialise
from reader.core.session import Session
from tests.core.test_export_samples import (
    ORPHAN_QUOTE,
    SPECIAL_NOTE,
    empty_session,
    sample_id,
    sample_session,
)

TEXT = "Intro 🎬 line.\n\nQ: What about the sea?\nA: The sea, the sea. I love the sea.\n"


def w3c(session: Session, options: ExportOptions | None = None) -> bytes:
    return export(session, "w3c", options)


def key(h: Highlight) -> tuple[Any, ...]:
    return (h.id, h.start, h.end, h.exact, h.color, h.note, h.tags, h.orphan)


def annotation(**selectors: Any) -> dict[str, Any]:
    """An annotation of another tool: no colour property, a quote and/or a position."""
    selector = []
    if "exact" in selectors:
        selector.append(
            {
                "type": "TextQuoteSelector",
                "exact": selectors["exact"],
                "prefix": selectors.get("prefix", ""),
                "suffix": selectors.get("suffix", ""),
            }
        )
    if "start" in selectors:
        selector.append(
            {"type": "TextPositionSelector", "start": selectors["start"], "end": selectors["end"]}
        )
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": selectors.get("id", "https://example.org/anno/1"),
        "type": "Annotation",
        "body": selectors.get("body", []),
        "target": {"source": "https://example.org/doc", "selector": selector},
    }


def small_session() -> Session:
    document = Document(text=TEXT, title="Sea", source="/tmp/sea.txt", encoding="utf-8")
    return Session.open(document, None)


def only(result: ImportResult) -> Highlight:
    (h,) = result.added
    return h


# --- round trip -----------------------------------------------------------------------------


def test_export_then_import_gives_back_the_same_highlights() -> None:
    source = sample_session()
    target = empty_session()
    result = import_w3c(target, w3c(source))
    assert (result.skipped, result.orphaned, result.unusable) == (0, 1, 0)
    originals = {h.id: h for h in source.notes.highlights}
    assert {h.id for h in result.added} == set(originals)
    for h in result.added:
        original = originals[h.id]
        if original.orphan:
            # Orphans travel without a position: same quote, note, tags; offsets are new.
            assert h.orphan and h.exact == ORPHAN_QUOTE
            assert key(h)[3:] == key(original)[3:]
        else:
            assert h == original  # offsets, context, colour, note, tags and timestamps
    assert target.notes.highlights == []  # the caller adds them


def test_imported_highlights_are_saved_and_read_back() -> None:
    """The new highlights make a valid notes file (schema checked on parse)."""
    target = empty_session()
    for h in import_w3c(target, w3c(sample_session())).added:
        target.add_highlight(h)
    again = parse(serialise(target.notes))
    assert [key(h) for h in again.highlights] == [key(h) for h in target.notes.highlights]


def test_importing_twice_adds_nothing() -> None:
    data = w3c(sample_session())
    target = empty_session()
    for h in import_w3c(target, data).added:
        target.add_highlight(h)
    second = import_w3c(target, data)
    assert second.added == []
    assert second.skipped == 8
    assert second.message() == "Imported 0 annotations (8 already present, 0 not found in the text)"


def test_import_into_the_session_it_came_from_adds_nothing() -> None:
    session = sample_session()
    assert import_w3c(session, w3c(session)).skipped == 8


def test_same_span_under_another_id_is_a_duplicate() -> None:
    session = sample_session()
    h = session.highlight(sample_id(4))
    assert h is not None
    item = annotation(exact=h.exact, start=h.start, end=h.end, id=f"urn:uuid:{uuid.uuid4()}")
    result = import_w3c(session, orjson.dumps(item))
    assert (result.added, result.skipped) == ([], 1)


def test_duplicates_inside_one_file_are_added_once() -> None:
    item = annotation(exact="I love the sea", id=f"urn:uuid:{uuid.uuid4()}")
    result = import_w3c(small_session(), orjson.dumps([item, item]))
    assert len(result.added) == 1 and result.skipped == 1


def test_filtered_export_imports_only_those() -> None:
    data = w3c(sample_session(), ExportOptions(tags=frozenset({"method"})))
    result = import_w3c(empty_session(), data)
    assert sorted(h.id for h in result.added) == [sample_id(3), sample_id(4)]
    special = next(h for h in result.added if h.id == sample_id(4))
    assert special.note == SPECIAL_NOTE
    assert special.tags == ("method", "a|b", "c,d", '"quoted"', "#hash")


# --- shapes of input --------------------------------------------------------------------------


def test_single_annotation_page_and_list_are_accepted() -> None:
    item = annotation(exact="What about the sea?")
    for data in (item, [item], {"type": "AnnotationPage", "items": [item]}):
        h = only(import_w3c(small_session(), orjson.dumps(data)))
        assert TEXT[h.start : h.end] == "What about the sea?"


def test_collection_with_embedded_next_pages() -> None:
    first = annotation(exact="Intro", id=f"urn:uuid:{uuid.uuid4()}")
    second = annotation(exact="line.", id=f"urn:uuid:{uuid.uuid4()}")
    data = {
        "type": "AnnotationCollection",
        "first": {"type": "AnnotationPage", "items": [first], "next": {"items": [second]}},
    }
    result = import_w3c(small_session(), orjson.dumps(data))
    assert [h.exact for h in result.added] == ["Intro", "line."]


def test_quote_without_position_prefers_the_matching_context() -> None:
    """ "the sea" occurs four times; prefix and suffix choose the last one."""
    last = TEXT.rindex("the sea")
    item = annotation(exact="the sea", prefix="I love ", suffix=".\n")
    h = only(import_w3c(small_session(), orjson.dumps(item)))
    assert (h.start, h.end) == (last, last + len("the sea"))
    assert not h.orphan


def test_position_without_quote_takes_the_text() -> None:
    start = TEXT.index("🎬")
    item = annotation(start=start, end=start + 6)
    h = only(import_w3c(small_session(), orjson.dumps(item)))
    assert h.exact == "🎬 line"
    assert (h.start, h.end) == (start, start + 6)


def test_positions_are_code_points_with_emoji() -> None:
    start = TEXT.index("line.")
    item = annotation(exact="line.", start=start, end=start + 5)
    h = only(import_w3c(small_session(), orjson.dumps(item)))
    assert (h.start, h.end) == (start, start + 5)
    assert TEXT[h.start : h.end] == "line."


def test_unknown_quote_becomes_an_orphan_that_keeps_its_note() -> None:
    body = [{"type": "TextualBody", "value": "keep me", "purpose": "commenting"}]
    item = annotation(exact="a sentence that is nowhere in the text at all", body=body)
    result = import_w3c(small_session(), orjson.dumps(item))
    h = only(result)
    assert h.orphan and h.note == "keep me" and result.orphaned == 1
    assert "1 not found in the text" in result.message()


def test_annotation_without_selector_is_counted_not_added() -> None:
    item = {"type": "Annotation", "target": "https://example.org/doc", "bodyValue": "page note"}
    result = import_w3c(small_session(), orjson.dumps(item))
    assert (result.added, result.unusable) == ([], 1)
    assert result.message().endswith(", 1 without a text selector)")


def test_bodies_give_note_tags_and_colour() -> None:
    body = [
        {"type": "TextualBody", "value": "first", "purpose": "commenting"},
        {"type": "TextualBody", "value": "second"},
        {"type": "TextualBody", "value": "sea", "purpose": "tagging"},
        {"type": "TextualBody", "value": "sea", "purpose": "tagging"},
        {"type": "TextualBody", "value": "method", "purpose": "classifying"},
        "https://example.org/an-iri-body",
    ]
    h = only(import_w3c(small_session(), orjson.dumps(annotation(exact="Intro", body=body))))
    assert h.note == "first\n\nsecond"
    assert h.tags == ("sea",)
    assert h.color == "green"  # the label "Method", matched without regard to case


def test_colour_property_wins_over_the_label_and_unknown_falls_back() -> None:
    def colour_of(body: list[dict[str, Any]]) -> str:
        item = annotation(exact="Intro", body=body)
        return only(import_w3c(small_session(), orjson.dumps(item))).color

    classifying = {"type": "TextualBody", "value": "Method", "purpose": "classifying"}
    assert colour_of([{**classifying, "interviewReader:color": "purple"}]) == "purple"
    assert colour_of([{**classifying, "interviewReader:color": "plaid"}]) == "green"
    assert colour_of([{**classifying, "value": "Nothing like it"}]) == DEFAULT_COLOR
    assert colour_of([]) == DEFAULT_COLOR


def test_ids_and_timestamps() -> None:
    own = str(uuid.uuid4())
    item = {
        **annotation(exact="Intro", id=f"urn:uuid:{own.upper()}"),
        "created": "2025-03-04T05:06:07Z",
        "modified": "not a date",
    }
    h = only(import_w3c(small_session(), orjson.dumps(item)))
    assert h.id == own
    assert h.created == "2025-03-04T05:06:07+00:00"
    assert h.modified == h.created
    foreign = only(import_w3c(small_session(), orjson.dumps(annotation(exact="Intro"))))
    assert uuid.UUID(foreign.id).version == 4


def test_quotes_are_normalised_like_the_document() -> None:
    """A quote saved with CRLF or in NFD is found in the normalised text."""
    session = Session.open(
        Document(text="Café au lait.\nNext line.", title="c", source="/c", encoding="utf-8"), None
    )
    item = annotation(exact="Cafe\u0301 au lait.\r\nNext")
    h = only(import_w3c(session, orjson.dumps(item)))
    assert (h.start, h.exact, h.orphan) == (0, "Café au lait.\nNext", False)


def test_import_does_not_change_the_session() -> None:
    session = sample_session()
    before = serialise(session.notes)
    other = replace(session.notes.highlights[0], id=str(uuid.uuid4()), start=0, end=5)
    item = annotation(exact=session.document.text[0:5], id=f"urn:uuid:{other.id}")
    assert import_w3c(session, orjson.dumps(item)).added
    assert serialise(session.notes) == before


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not valid JSON"),
        (b"\xff\xfe garbage", "not valid JSON"),
        (b'{"type": "Annotation", "target": ', "not valid JSON"),
        (b"42", "no W3C Web Annotations"),
        (b'{"format": "interview-reader-notes"}', "no W3C Web Annotations"),
        (b'{"type": "AnnotationCollection", "total": 3, "first": "https://x/p1"}', "by address"),
        (b'{"type": "AnnotationPage", "items": {"a": 1}}', "not a list"),
        (b'{"type": "AnnotationPage", "items": [3]}', "not an annotation"),
    ],
)
def test_bad_input_raises_one_line(data: bytes, message: str) -> None:
    with pytest.raises(AnnotationImportError) as info:
        import_w3c(small_session(), data)
    text = str(info.value)
    assert message in text
    assert "\n" not in text


def test_empty_collection_imports_nothing() -> None:
    data = b'{"type": "AnnotationCollection", "total": 0}'
    assert import_w3c(small_session(), data) == ImportResult([], 0, 0, 0)


def test_odd_positions_fall_back_to_the_quote() -> None:
    start = TEXT.index("What about")
    for position in (
        (start + 0.0, start + 10.0),
        (-3, 5),
        (2**60, 2**60 + 10),
        (1e300, 1e300 + 10),
        (7.5, 9),
        ("1", "2"),
    ):
        item = annotation(exact="What about", start=position[0], end=position[1])
        h = only(import_w3c(small_session(), orjson.dumps(item)))
        assert (h.start, h.end, h.orphan) == (start, start + 10, False)


_WORDS = st.sampled_from(
    [
        "Annotation",
        "AnnotationPage",
        "AnnotationCollection",
        "TextQuoteSelector",
        "TextPositionSelector",
        "TextualBody",
        "tagging",
        "commenting",
        "classifying",
        "sea",
        "the sea",
        "urn:uuid:00000000-0000-4000-8000-000000000001",
        "2025-01-01T00:00:00Z",
        "",
    ]
)
_KEYS = st.sampled_from(
    [
        "type",
        "items",
        "first",
        "next",
        "total",
        "id",
        "target",
        "selector",
        "exact",
        "prefix",
        "suffix",
        "start",
        "end",
        "body",
        "bodyValue",
        "value",
        "purpose",
        "created",
        "modified",
        "interviewReader:color",
    ]
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 200) | st.floats(-5, 200) | _WORDS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=6),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_any_json_imports_or_raises_annotation_import_error(data: Any) -> None:
    """Whatever the JSON, the result is highlights that fit the text, or the one error."""
    session = small_session()
    try:
        result = import_w3c(session, orjson.dumps(data))
    except AnnotationImportError as exc:
        assert "\n" not in str(exc)
        return
    for h in result.added:
        assert h.exact and h.end - h.start == len(h.exact)
        if not h.orphan:
            assert TEXT[h.start : h.end] == h.exact
        uuid.UUID(h.id)
    parse(serialise(replace(session.notes, highlights=result.added)))  # schema-valid
