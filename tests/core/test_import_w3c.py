"""Import of W3C Web Annotations: round trip with the w3c export, duplicates, other shapes."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.annotations import DEFAULT_COLOR, NO_COLOR, Highlight, make_highlight
from reader.core.codebook import Codebook, tag_code_id
from reader.core.document import Document, load_document
from reader.core.export import ExportOptions, export
from reader.core.importer import (
    MAX_QUOTE_CHARS,
    AnnotationImportError,
    ImportResult,
    import_w3c,
)
from reader.core.notes_file import parse, serialise
from reader.core.session import Session
from tests.core.test_export_samples import (
    ORPHAN_QUOTE,
    ROOT,
    SPECIAL_NOTE,
    empty_session,
    sample_id,
    sample_session,
)

TEXT = "Intro 🎬 line.\n\nQ: What about the sea?\nA: The sea, the sea. I love the sea.\n"


def w3c(session: Session, options: ExportOptions | None = None) -> bytes:
    return export(session, "w3c", options)


def key(h: Highlight) -> tuple[Any, ...]:
    return (h.id, h.start, h.end, h.exact, h.color, h.note, h.codes, h.orphan)


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


def test_a_file_saved_with_a_byte_order_mark_imports_as_without() -> None:
    data = w3c(sample_session())
    with_mark = import_w3c(empty_session(), b"\xef\xbb\xbf" + data).added
    assert [key(h) for h in with_mark] == [key(h) for h in import_w3c(empty_session(), data).added]


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
    data = w3c(sample_session(), ExportOptions(codes=frozenset({tag_code_id("method")})))
    result = import_w3c(empty_session(), data)
    assert sorted(h.id for h in result.added) == [sample_id(3), sample_id(4)]
    special = next(h for h in result.added if h.id == sample_id(4))
    assert special.note == SPECIAL_NOTE
    names = Codebook(result.codes).names(special.codes)
    assert names == ("method", "a|b", "c,d", '"quoted"', "#hash")


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


def test_a_notes_line_ends_are_the_apps() -> None:
    """A note of "\\r\\n" lines kept its "\\r", which a Word export made a break each."""
    body = [{"type": "TextualBody", "value": "line one\r\nline two\rline three"}]
    h = only(import_w3c(small_session(), orjson.dumps(annotation(exact="the sea", body=body))))
    assert h.note == "line one\nline two\nline three"


def test_annotation_without_selector_is_counted_and_named() -> None:
    item = {"type": "Annotation", "target": "https://example.org/doc", "bodyValue": "page note"}
    result = import_w3c(small_session(), orjson.dumps(item))
    assert (result.added, result.unusable) == ([], 1)
    assert result.message() == (
        "Imported 0 annotations (0 already present, 0 not found in the text, "
        "1 without a selector we can anchor)\n"
        "  not imported: annotation 1: no selector: it annotates a whole resource"
    )


def test_bodies_give_note_tags_and_colour() -> None:
    body = [
        {"type": "TextualBody", "value": "first", "purpose": "commenting"},
        {"type": "TextualBody", "value": "second"},
        {"type": "TextualBody", "value": "sea", "purpose": "tagging"},
        {"type": "TextualBody", "value": "sea", "purpose": "tagging"},
        {"type": "TextualBody", "value": "method", "purpose": "classifying"},
        "https://example.org/an-iri-body",
    ]
    result = import_w3c(small_session(), orjson.dumps(annotation(exact="Intro", body=body)))
    h = only(result)
    assert h.note == "first\n\nsecond"
    assert Codebook(result.codes).names(h.codes) == ("sea",)  # the tag became a code
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
    assert foreign.id == str(uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/anno/1"))
    nameless = {**annotation(exact="Intro"), "id": ""}
    assert uuid.UUID(only(import_w3c(small_session(), orjson.dumps(nameless))).id).version == 4


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


# --- refinedBy chains, selectors we cannot anchor, the specification's examples -------------


def target(selector: Any, id: str = "https://example.org/anno/chain") -> dict[str, Any]:
    return {
        "id": id,
        "type": "Annotation",
        "target": {"type": "SpecificResource", "source": "https://x/doc", "selector": selector},
    }


def quote(exact: str, **context: str) -> dict[str, Any]:
    return {"type": "TextQuoteSelector", "exact": exact, **context}


def position(start: int, end: int) -> dict[str, Any]:
    return {"type": "TextPositionSelector", "start": start, "end": end}


def test_a_position_refined_by_a_quote_finds_the_quote_inside_it() -> None:
    """Alone, "the sea" is first found in the question; within the answer, in the answer."""
    answer = TEXT.index("A: ")
    in_answer = TEXT.index("the sea", answer)
    assert TEXT.index("the sea") < answer
    chain = {**position(answer, len(TEXT)), "refinedBy": quote("the sea")}
    h = only(import_w3c(small_session(), orjson.dumps(target(chain))))
    assert (h.start, h.end, h.orphan) == (in_answer, in_answer + 7, False)


def test_a_quote_refined_by_a_position_selects_within_the_quote() -> None:
    chain = {**quote("What about the sea?"), "refinedBy": position(11, 18)}
    h = only(import_w3c(small_session(), orjson.dumps(target(chain))))
    assert h.exact == "the sea" and TEXT[h.start : h.end] == "the sea"
    assert h.start == TEXT.index("What about the sea?") + 11


def test_a_chain_of_three_and_refinedby_as_a_list() -> None:
    inner = {**quote("sea"), "refinedBy": [position(1, 2)]}
    chain = {
        **position(0, len(TEXT)),
        "refinedBy": [{**quote("I love the sea"), "refinedBy": inner}],
    }
    h = only(import_w3c(small_session(), orjson.dumps(target(chain))))
    assert h.exact == "e" and h.start == TEXT.index("I love the sea") + len("I love the s")


def test_a_refined_quote_missing_from_its_range_is_looked_for_everywhere() -> None:
    chain = {**position(0, 5), "refinedBy": quote("I love the sea")}
    h = only(import_w3c(small_session(), orjson.dumps(target(chain))))
    assert (h.start, h.orphan) == (TEXT.index("I love the sea"), False)


@pytest.mark.parametrize(
    ("selector", "reason"),
    [
        ({**position(0, 5), "refinedBy": position(3, 9)}, "a refined position outside the text"),
        (
            {**quote("nowhere"), "refinedBy": position(0, 2)},
            "a refined quote not found in the text",
        ),
        (
            {"type": "FragmentSelector", "value": "para5", "refinedBy": quote("the sea")},
            "FragmentSelector refined by TextQuoteSelector, not a text quote or position",
        ),
        ({"type": "CssSelector", "value": "p"}, "CssSelector, not a text quote or position"),
        (
            "https://example.org/selector1",
            "a selector given by address, not a text quote or position",
        ),
        ({"exact": "the sea"}, "a selector without a type, not a text quote or position"),
        (position(10, 10_000), "no quote, and no position inside the text"),
    ],
)
def test_selectors_we_cannot_anchor_are_named_with_their_reason(selector: Any, reason: str) -> None:
    result = import_w3c(small_session(), orjson.dumps(target(selector)))
    assert result.added == []
    assert [(n.name, n.reason) for n in result.not_imported] == [
        ("https://example.org/anno/chain", reason)
    ]
    assert f"  not imported: https://example.org/anno/chain: {reason}" in result.message()


def test_a_text_selector_among_alternatives_is_used() -> None:
    selectors = [{"type": "FragmentSelector", "value": "p1"}, quote("What about the sea?")]
    h = only(import_w3c(small_session(), orjson.dumps(target(selectors))))
    assert TEXT[h.start : h.end] == "What about the sea?"


SPEC_EXAMPLES = ROOT.parent / "shared" / "w3c-annotation-tests" / "spec-examples"
# Their selectors are text quotes or positions (anno24's positions fit the bundled text).
ANCHORABLE = {"anno23", "anno24"}


@pytest.mark.skipif(
    not SPEC_EXAMPLES.is_dir(),
    reason=f"the Web Annotation specification's examples are not at {SPEC_EXAMPLES} "
    "(../shared/w3c-annotation-tests, outside the project, not copied into it)",
)
def test_every_specification_example_is_imported_or_named() -> None:
    session = empty_session()
    text = session.document.text
    examples = sorted(SPEC_EXAMPLES.glob("anno*.json"))
    assert len(examples) == 43
    for path in examples:
        data = path.read_bytes()
        result = import_w3c(session, data)
        example_id = orjson.loads(data)["id"]
        if path.stem in ANCHORABLE:
            (h,) = result.added
            assert h.orphan or text[h.start : h.end] == h.exact
        else:
            assert result.added == []
            (left_out,) = result.not_imported
            assert left_out.name == example_id
            assert f"not imported: {example_id}: " in result.message()
    anchored = import_w3c(session, (SPEC_EXAMPLES / "anno24.json").read_bytes()).added[0]
    assert (anchored.start, anchored.end) == (412, 795)
    # The collection of all of them: each annotation added or named, none lost silently.
    result = import_w3c(session, (SPEC_EXAMPLES / "collection1.json").read_bytes())
    assert len(result.added) == 2 and result.orphaned == 1  # "anotation" is not in our text
    assert len(result.not_imported) == 41 == result.unusable
    assert result.message().count("\n  not imported: ") == 41
    reasons = {n.name.rsplit("/", 1)[-1]: n.reason for n in result.not_imported}
    assert (
        reasons["anno29"]
        == "FragmentSelector refined by TextQuoteSelector, not a text quote or position"
    )
    assert reasons["anno1"] == "no selector: it annotates a whole resource"


# --- size limits and odd values ----------------------------------------------------------------


def long_session(size: int) -> Session:
    text = "".join(f"{i:07d} " for i in range(size // 8 + 1))[:size]
    return Session.open(Document(text=text, title="L", source="/tmp/l.txt", encoding="utf-8"), None)


def test_quotes_over_the_limit_are_refused_and_counted() -> None:
    session = long_session(MAX_QUOTE_CHARS + 20_000)
    text = session.document.text
    fits = annotation(exact=text[8 : 8 + MAX_QUOTE_CHARS], id=f"urn:uuid:{uuid.uuid4()}")
    too_long = annotation(exact=text[8 : 9 + MAX_QUOTE_CHARS], id="https://x/long")
    long_prefix = annotation(exact="0000001", prefix="p" * (MAX_QUOTE_CHARS + 1), id="https://x/p")
    result = import_w3c(session, orjson.dumps([fits, too_long, long_prefix]))
    (h,) = result.added
    assert (h.start, h.end, h.orphan) == (8, 8 + MAX_QUOTE_CHARS, False)
    assert (result.too_long, result.unusable) == (2, 0)
    assert result.message().splitlines() == [
        "Imported 1 annotation (0 already present, 0 not found in the text, "
        "2 skipped for a quote over 100,000 characters)",
        "  not imported: https://x/long: a quote over 100,000 characters",
        "  not imported: https://x/p: a quote over 100,000 characters",
    ]


def test_long_context_is_cut_to_what_the_notes_file_keeps() -> None:
    """An orphan keeps the file's prefix and suffix: cut to 32 characters, the notes stay valid."""
    session = small_session()
    item = annotation(exact="nowhere in this text", prefix="b" * 40 + "<", suffix=">" + "a" * 40)
    h = only(import_w3c(session, orjson.dumps(item)))
    assert h.orphan and (h.prefix, h.suffix) == ("b" * 31 + "<", ">" + "a" * 31)
    session.add_highlight(h)
    parse(serialise(session.notes))


def test_our_colour_property_is_read_expanded_too() -> None:
    body = [
        {
            "type": "TextualBody",
            "value": "x",
            "purpose": "classifying",
            "urn:x-interview-reader:color": "purple",
        }
    ]
    assert (
        only(import_w3c(small_session(), orjson.dumps(annotation(exact="Intro", body=body)))).color
        == "purple"
    )


def test_a_choice_body_gives_its_first_item() -> None:
    body = [
        {
            "type": "Choice",
            "items": [
                {"type": "TextualBody", "value": "default", "purpose": "describing"},
                {"type": "TextualBody", "value": "other", "purpose": "describing"},
            ],
        },
        {"type": "Choice", "items": []},
    ]
    h = only(import_w3c(small_session(), orjson.dumps(annotation(exact="Intro", body=body))))
    assert h.note == "default"


def test_reexporting_what_was_imported_gives_the_same_annotations() -> None:
    """Export, import into a fresh notes file with the same colours, export again: the same
    annotations (the orphan, which has no position, may come first)."""
    source = sample_session()
    target_session = empty_session()
    target_session.notes.colors.update(source.notes.colors)
    import_w3c(target_session, w3c(source)).add_to(target_session)
    before, after = (orjson.loads(w3c(s))["first"]["items"] for s in (source, target_session))
    assert {i["id"]: i for i in after} == {i["id"]: i for i in before}
    assert import_w3c(target_session, w3c(target_session)).added == []


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
    assert import_w3c(small_session(), data) == ImportResult([], 0, 0, [])


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
        "FragmentSelector",
        "Choice",
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
        "refinedBy",
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


def test_names_and_types_from_the_file_are_printed_safely() -> None:
    """A hostile id or selector type cannot add lines or terminal escapes to the summary."""
    item = target({"type": "Evil\x1b[2J\nSelector"}, id="https://x/\x1b[31mred\nnot imported: fake")
    item["id"] += "x" * 500
    message = import_w3c(small_session(), orjson.dumps(item)).message()
    assert "\x1b" not in message and len(message.splitlines()) == 2
    (line,) = message.splitlines()[1:]
    assert line.startswith("  not imported: https://x/\ufffd[31mred\ufffdnot imported: fake")
    assert "Evil\ufffd[2J\ufffdSelector, not a text quote or position" in line
    assert len(line) < 400


def test_a_passage_with_no_colour_comes_back_with_none() -> None:
    from tests.core.test_export_formats import coded_session

    source = coded_session()
    target = small_session()
    target.notes.codebook = source.notes.codebook.copy()
    added = import_w3c(target, w3c(source)).added
    assert [(h.exact, h.color, h.codes) for h in added] == [
        (h.exact, h.color, h.codes) for h in source.notes.highlights
    ]
    assert added[1].color == NO_COLOR
    # Another tool's tagging annotation, with no colour of ours, is highlighted as before.
    tagged = annotation(
        exact="love", body=[{"type": "TextualBody", "value": "sea", "purpose": "tagging"}]
    )
    assert only(import_w3c(small_session(), orjson.dumps(tagged))).color == DEFAULT_COLOR


def test_two_codes_of_one_name_come_back_as_two() -> None:
    """Work / Stress and Home / Stress on one passage were exported as "Stress" twice and
    imported back as one code: the export names them by their paths, which the import
    finds in the codebook, or makes with the codes above them."""
    from tests.core.test_export_formats import coded_session

    source = coded_session()
    book = source.notes.codebook
    work, home = book.create("Work"), book.create("Home")
    stresses = (book.create("Stress", parent=work.id).id, book.create("Stress", parent=home.id).id)
    sea = source.notes.highlights[0]
    source.replace_highlight(replace(sea, codes=stresses))
    tags = [b["value"] for b in orjson.loads(w3c(source))["first"]["items"][0]["body"]]
    assert tags[:2] == ["Work / Stress", "Home / Stress"]
    # Into the notes it came from: the same two codes.
    assert import_w3c(small_session_with(book), w3c(source)).added[0].codes == stresses
    # Into notes with no codebook: the tree is made again, a code "a/b" stays one name.
    either = book.create("and/or")
    source.replace_highlight(replace(sea, codes=(*stresses, either.id)))
    result = import_w3c(small_session(), w3c(source))
    made = Codebook(result.codes)
    assert [made.path(c) for c in result.added[0].codes] == [
        "Work / Stress",
        "Home / Stress",
        "and/or",
    ]


def test_a_code_below_another_comes_back_below_it() -> None:
    """Body / Fatigue went out as "Fatigue" alone and came back at the top, without Body."""
    from tests.core.test_export_formats import coded_session

    source = coded_session()
    book = source.notes.codebook
    fatigue = book.create("Fatigue", parent=book.create("Body").id)
    sea = source.notes.highlights[0]
    source.replace_highlight(replace(sea, codes=(fatigue.id,)))
    result = import_w3c(small_session(), w3c(source))
    made = Codebook(result.codes)
    assert [made.path(c) for c in result.added[0].codes] == ["Body / Fatigue"]


def test_a_code_whose_name_holds_a_slash_comes_back_as_one_code() -> None:
    """A code named "Work / life balance" came back, read as a path, as "life balance"
    under a new code "Work". Only a path the export marks as one is made as a path."""
    from tests.core.test_export_formats import coded_session

    source = coded_session()
    balance = source.notes.codebook.create("Work / life balance")
    sea = source.notes.highlights[0]
    source.replace_highlight(replace(sea, codes=(balance.id,)))
    result = import_w3c(small_session(), w3c(source))
    made = Codebook(result.codes)
    assert [made.path(c) for c in result.added[0].codes] == ["Work / life balance"]
    assert "Work" not in [c.name for c in result.codes]


def small_session_with(book: Codebook) -> Session:
    session = small_session()
    session.notes.codebook = book.copy()
    return session


def text_session(tmp_path: Path, text: str) -> Session:
    """A session of `text` saved as t.txt, as a transcript opened."""
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    return Session.open(load_document(tmp_path / "t.txt"), None)


def highlighted(session: Session, words: str, color: str = "yellow", **changes: Any) -> None:
    text = session.document.text
    start = text.index(words)
    session.add_highlight(make_highlight(text, start, start + len(words), color).edited(**changes))


def test_w3c_round_trip_keeps_a_top_level_code_apart_from_a_sub_code_of_its_name(
    tmp_path: Path,
) -> None:
    """Codes "Work / Stress" and a top-level "Stress": the top-level one went out as a bare
    "Stress", read back as the first code of that name, "Work / Stress", made by the
    annotation before: both passages came back coded Work / Stress, unsaid."""
    session = text_session(tmp_path, "Q: How was work?\nA: Work stress was high. Plain stress.\n")
    book = session.notes.codebook
    under = book.create("Stress", parent=book.create("Work").id)
    top = book.create("Stress")
    highlighted(session, "Work stress was high.", codes=(under.id,))
    highlighted(session, "Plain stress.", codes=(top.id,))
    back = text_session(tmp_path, session.document.text)
    import_w3c(back, export(session, "w3c")).add_to(back)
    paths = {h.exact: [back.notes.codebook.path(c) for c in h.codes] for h in back.notes.highlights}
    assert paths == {"Work stress was high.": ["Work / Stress"], "Plain stress.": ["Stress"]}


def test_w3c_round_trip_keeps_two_highlights_of_the_same_words(tmp_path: Path) -> None:
    """A "Key quote" and a "Method" on one passage, each with its note: the second was
    taken for one already present (the first, just imported) and dropped with its note."""
    session = text_session(tmp_path, "Q: How?\nA: We rehearse every scene twice.\n")
    highlighted(session, "We rehearse every scene twice.", "yellow", note="key claim")
    highlighted(session, "We rehearse every scene twice.", "green", note="method: rehearsal")
    back = text_session(tmp_path, session.document.text)
    result = import_w3c(back, export(session, "w3c"))
    result.add_to(back)
    assert sorted(h.note for h in back.notes.highlights) == ["key claim", "method: rehearsal"]
    assert result.skipped == 0
