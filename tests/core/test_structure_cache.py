"""The structure cache: used only when it is right, rebuilt whenever it is not."""

from __future__ import annotations

import os
from dataclasses import FrozenInstanceError, fields, replace
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core import structure_cache
from reader.core.document import Document, Turn, load_document
from reader.core.hashing import sha256_hex
from reader.core.interview import Role, Segment, detect_segments
from reader.core.structure_cache import MIN_CHARS, detected_segments
from tests.conftest import BUNDLED


@pytest.fixture
def long_document() -> Document:
    """The bundled interview repeated past MIN_CHARS, each copy numbered (no two alike)."""
    bundled = load_document(BUNDLED).text
    copies = MIN_CHARS // len(bundled) + 1
    text = "".join(f"{bundled.rstrip()} [{n}]\n" for n in range(copies))
    return Document(text=text, title="Long", source="/tmp/long.txt", encoding="utf-8")


def with_turn(document: Document, speaker: str, *times: int | None) -> Document:
    """The document as a timed file gives it: a turn of `speaker` over its first paragraph."""
    first = detect_segments(document.text)[0]
    turns = (Turn(first.start, first.end, speaker, *times),)
    return replace(document, source="/tmp/long.vtt", turns=turns)


def entry(folder: Path, document: Document) -> Path:
    return folder / f"{document.sha256}.json"


def test_a_long_text_is_cached_and_read_back_the_same(tmp_path: Path, long_document) -> None:
    expected = detect_segments(long_document.text)
    assert detected_segments(long_document, tmp_path) == expected
    assert entry(tmp_path, long_document).exists()
    assert detected_segments(long_document, tmp_path) == expected


def test_the_data_folder_is_the_default(long_document) -> None:
    detected_segments(long_document)
    assert entry(structure_cache.cache_folder(), long_document).exists()


def test_a_short_text_leaves_no_file(tmp_path: Path) -> None:
    document = load_document(BUNDLED)
    assert detected_segments(document, tmp_path) == detect_segments(document.text)
    assert not list(tmp_path.iterdir())


def test_the_cached_entry_is_what_is_used(tmp_path: Path, long_document) -> None:
    """Not detected again: an entry changed behind the cache's back (keeping its key) is
    what comes back, so a hit saves the detection."""
    detected_segments(long_document, tmp_path)
    path = entry(tmp_path, long_document)
    data = orjson.loads(path.read_bytes())
    data["segments"][0][2] = list(Role).index(Role.CLOSING)
    path.write_bytes(orjson.dumps(data))
    assert detected_segments(long_document, tmp_path)[0].role is Role.CLOSING


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[: len(raw) // 2],  # cut short
        lambda raw: b"\x00\xff" * 100,  # binary
        lambda raw: b"[]",
        lambda raw: b'{"key": 1}',
        lambda raw: raw.replace(b'"segments":[[', b'"segments":[["x",', 1),
        lambda raw: raw.replace(b'"segments":[[', b'"segments":[[1.5,', 1),
        lambda raw: raw.replace(b'"speakers":[', b'"speakers":[1,', 1),
    ],
)
def test_a_corrupt_entry_is_ignored_and_rewritten(tmp_path: Path, long_document, damage) -> None:
    expected = detect_segments(long_document.text)
    detected_segments(long_document, tmp_path)
    path = entry(tmp_path, long_document)
    path.write_bytes(damage(path.read_bytes()))
    assert detected_segments(long_document, tmp_path) == expected
    key = structure_cache.cache_key(long_document.sha256, long_document.text, ())
    assert structure_cache.read_entry(path, key, len(long_document.text)) == expected  # mended


def segments_rewritten(path: Path, change) -> None:
    data = orjson.loads(path.read_bytes())
    data["segments"] = change(data["segments"])
    path.write_bytes(orjson.dumps(data))


@pytest.mark.parametrize(
    "change",
    [
        lambda rows: [[0, 10**9, *rows[0][2:]], *rows[1:]],  # past the text's end
        lambda rows: [rows[1], rows[0], *rows[2:]],  # out of order
        lambda rows: [[5, 5, *rows[0][2:]], *rows[1:]],  # empty
        lambda rows: [[-1, *rows[0][1:]], *rows[1:]],  # negative
        lambda rows: [rows[0], [rows[0][0], *rows[1][1:]], *rows[2:]],  # overlapping
        lambda rows: [[*rows[0][:2], 99, *rows[0][3:]], *rows[1:]],  # no such role
        lambda rows: [[*rows[0][:4], 7, rows[0][5]], *rows[1:]],  # a time that is no text
        lambda rows: [[*rows[0][:5], None], *rows[1:]],  # a label that is no text
    ],
)
def test_segments_that_do_not_fit_the_text_are_ignored(
    tmp_path: Path, long_document, change
) -> None:
    expected = detect_segments(long_document.text)
    detected_segments(long_document, tmp_path)
    segments_rewritten(entry(tmp_path, long_document), change)
    assert detected_segments(long_document, tmp_path) == expected


def test_a_stale_entry_is_ignored(tmp_path: Path, long_document, monkeypatch) -> None:
    """Made by another detector (another version of the app), for other turns, or for a
    text of another length under the same name: detected again."""
    detected_segments(long_document, tmp_path)
    path = entry(tmp_path, long_document)
    segments_rewritten(
        path, lambda rows: [[*row[:2], list(Role).index(Role.ASIDE), *row[3:]] for row in rows]
    )
    monkeypatch.setattr(structure_cache, "detector_version", lambda: "another detector")
    fresh = detected_segments(long_document, tmp_path)
    assert fresh == detect_segments(long_document.text)
    assert Role.QUESTION in {s.role for s in fresh}


def test_the_turns_of_the_file_are_part_of_the_key(tmp_path: Path, long_document) -> None:
    detected_segments(long_document, tmp_path)
    document = with_turn(long_document, "Somebody")
    expected = detect_segments(document.text, document.turns)
    assert expected != detect_segments(document.text)
    assert detected_segments(document, tmp_path) == expected


turns_lists = st.lists(
    st.builds(
        Turn,
        st.integers(0, 10),
        st.integers(0, 10),
        st.sampled_from(["", "Ana", "ana", "Ünïcode 🎬", "\ud800"]),  # a lone surrogate too
        st.none() | st.integers(0, 2) | st.just(2**70),  # past 64 bits: no JSON for it
        st.none() | st.integers(0, 2),
    ),
    max_size=3,
)


@given(turns_lists, turns_lists)
def test_the_key_is_the_same_for_the_same_turns_only(first, second) -> None:
    key = structure_cache.cache_key
    assert key("f" * 64, "text", first) == key("f" * 64, "text", list(first))
    assert key("f" * 64, "text", tuple(first)) == key("f" * 64, "text", [*first])
    assert (key("f" * 64, "text", first) == key("f" * 64, "text", second)) == (first == second)


def test_an_entry_keyed_the_old_way_misses(tmp_path: Path, long_document) -> None:
    """Entries keyed by the turns' repr (before 2026-11) are detected again, not used."""
    document = with_turn(long_document, "Somebody", 1000, 2000)
    expected = detect_segments(document.text, document.turns)
    old_digest = sha256_hex(repr(document.turns).encode())
    old_key = f"{structure_cache.detector_version()}:{document.sha256}:{len(document.text)}:"
    wrong = [Segment(Role.ASIDE, s.speaker, s.start, s.end, s.timestamp, s.label) for s in expected]
    structure_cache.write_entry(entry(tmp_path, document), old_key + old_digest, wrong)
    assert detected_segments(document, tmp_path) == expected
    assert detected_segments(document, tmp_path) == expected  # rewritten with the new key


@pytest.mark.parametrize(
    ("speaker", "start_ms", "cached"),
    [("Ana", 2**70, True), ("Some\ud800body", None, False), ("Some\ud800body", 2**70, False)],
)
def test_turns_with_no_json_are_detected(
    tmp_path: Path, long_document, speaker: str, start_ms: int | None, cached: bool
) -> None:
    """A time past 64 bits (keyed by the turns' repr) is cached; a speaker's name with a
    lone surrogate cannot be written, so it is detected each time."""
    document = with_turn(long_document, speaker, start_ms)
    expected = detect_segments(document.text, document.turns)
    assert detected_segments(document, tmp_path) == expected
    assert entry(tmp_path, document).exists() == cached
    assert detected_segments(document, tmp_path) == expected


def test_an_unwritable_folder_costs_only_the_cache(tmp_path: Path, long_document) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert detected_segments(long_document, blocked) == detect_segments(long_document.text)


def test_without_remember_the_cache_is_read_but_never_written_nor_reordered(
    tmp_path: Path, long_document
) -> None:
    """Work over a whole study reads the cache and leaves it as the window left it."""
    assert detected_segments(long_document, tmp_path, remember=False) == detect_segments(
        long_document.text
    )
    assert not list(tmp_path.glob("*.json"))
    detected_segments(long_document, tmp_path)  # the window opened it: written
    (entry,) = tmp_path.glob("*.json")
    old = 1_000_000_000
    os.utime(entry, (old, old))
    assert detected_segments(long_document, tmp_path, remember=False)
    assert entry.stat().st_mtime == old


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    for n in range(structure_cache.KEEP_FILES + 3):
        (tmp_path / f"{n:064x}.json").write_text("{}")
    structure_cache.prune(tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == structure_cache.KEEP_FILES


def test_the_detector_version_follows_its_code() -> None:
    version = structure_cache.detector_version()
    assert version == structure_cache.detector_version()
    assert len(version) == 64


def test_roles_and_speakers_survive_the_round_trip(tmp_path: Path) -> None:
    segments = [
        Segment(Role.QUESTION, "Interviewer", 0, 5, "00:01", "Q"),
        Segment(Role.ANSWER, "Ünïcode 🎬", 6, 10),
        Segment(Role.ASIDE, "", 11, 12),
    ]
    path = tmp_path / "entry.json"
    structure_cache.write_entry(path, "k", segments)
    assert structure_cache.read_entry(path, "k", 12) == segments
    assert structure_cache.read_entry(path, "other key", 12) is None
    assert structure_cache.read_entry(path, "k", 11) is None


def test_a_speaker_that_is_no_text_spoils_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "entry.json"
    structure_cache.write_entry(path, "k", [Segment(Role.ANSWER, "Moss", 0, 5)])
    data = orjson.loads(path.read_bytes())
    path.write_bytes(orjson.dumps({**data, "speakers": [7]}))
    assert structure_cache.read_entry(path, "k", 5) is None


def test_read_segments_are_whole_dataclass_instances(tmp_path: Path) -> None:
    """Segments are read without their dataclass's __init__ (for speed): each has exactly
    Segment's fields, equals and hashes as the one __init__ makes, and stays frozen."""
    segments = [Segment(Role.QUESTION, "Interviewer", 0, 5, "00:01", "Q")]
    path = tmp_path / "entry.json"
    structure_cache.write_entry(path, "k", segments)
    [read] = structure_cache.read_entry(path, "k", 5) or []
    made = Segment(*(getattr(read, f.name) for f in fields(Segment)))
    assert vars(read) == vars(made)
    assert read == made and hash(read) == hash(made) and repr(read) == repr(made)
    with pytest.raises(FrozenInstanceError):
        read.label = "A"  # type: ignore[misc]
