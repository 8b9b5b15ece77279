"""The study memo's file and its quotes' links (reader/core/study_memo.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.markdown_links import LINK, quote
from reader.core.study_memo import (
    MEMO_NOTE_NAME,
    MemoUnreadableError,
    add_to_memo,
    begun_memo_text,
    interview_place,
    linked_place,
    memo_path,
    quote_target,
    quoted_passage,
    read_memo,
    with_notes,
    write_memo,
)


def test_no_memo_yet_reads_empty_and_writing_makes_it(tmp_path: Path) -> None:
    path = memo_path(tmp_path)
    assert path == tmp_path / "memo.md"
    assert read_memo(path) == ""
    write_memo(path, "# Themes\n\nNights — “long” 🌙\n")
    assert path.read_bytes() == "# Themes\n\nNights — “long” 🌙\n".encode()
    assert read_memo(path) == "# Themes\n\nNights — “long” 🌙\n"
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]  # no temporary file left


def test_writing_is_atomic_a_failed_write_leaves_the_old_memo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = memo_path(tmp_path)
    write_memo(path, "old words\n")

    def crash(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_memo(path, "new words\n")
    assert read_memo(path) == "old words\n"
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]


def test_a_moved_study_folder_is_not_made_again(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_memo(memo_path(tmp_path / "gone"), "words")
    assert not (tmp_path / "gone").exists()


def test_a_read_only_folder_refuses_and_keeps_the_memo(tmp_path: Path) -> None:
    path = memo_path(tmp_path)
    write_memo(path, "kept\n")
    tmp_path.chmod(0o555)
    try:
        if os.access(tmp_path, os.W_OK):
            pytest.skip("running as a user who writes anywhere")
        with pytest.raises(PermissionError):
            write_memo(path, "lost?\n")
    finally:
        tmp_path.chmod(0o755)
    assert read_memo(path) == "kept\n"


@pytest.mark.parametrize(
    "raw, text",
    [
        (b"\xef\xbb\xbfBOM\r\nand CRLF\r\n", "BOM\nand CRLF\n"),
        (b"old Mac\rline ends", "old Mac\nline ends"),
        (b"", ""),
    ],
)
def test_what_other_editors_write_is_read(tmp_path: Path, raw: bytes, text: str) -> None:
    memo_path(tmp_path).write_bytes(raw)
    assert read_memo(memo_path(tmp_path)) == text


@pytest.mark.parametrize("raw", [b"caf\xe9 in Latin-1", b"\x89PNG\r\n\x1a\n\x00\x00", b"\x00"])
def test_what_is_not_utf8_text_is_unreadable(tmp_path: Path, raw: bytes) -> None:
    memo_path(tmp_path).write_bytes(raw)
    with pytest.raises(MemoUnreadableError, match=r"memo\.md"):
        read_memo(memo_path(tmp_path))


def test_a_huge_memo_round_trips(tmp_path: Path) -> None:
    text = "- a line of the memo 🌙\n" * 200_000
    write_memo(memo_path(tmp_path), text)
    assert read_memo(memo_path(tmp_path)) == text


def test_a_quote_links_to_its_interview_and_passage() -> None:
    target = quote_target("p01-ana-3f9a2c1b", "3afddd8e-0154-4a4e-9d7c-1b2a3c4d5e6f")
    block = quote("Nights\n\n are   long.\nVery.", "P01 [pilot], Q4", target)
    assert block == (
        "> Nights\n>\n> are long.\n>\n> Very. [↩\u00a0P01 (pilot), Q4]"
        "(interview:p01-ana-3f9a2c1b#h-3afddd8e-0154-4a4e-9d7c-1b2a3c4d5e6f)"
    )
    (match,) = LINK.finditer(block)
    assert quoted_passage(match.group(2)) == (
        "p01-ana-3f9a2c1b",
        "3afddd8e-0154-4a4e-9d7c-1b2a3c4d5e6f",
    )


@pytest.mark.parametrize(
    "url", ["#h-1", "https://example.org", "interview:#h-1", "interview:Ab#h-1", "interview:a"]
)
def test_other_links_are_no_quotes(url: str) -> None:
    assert quoted_passage(url) is None


def test_a_time_in_the_memo_names_its_interview_and_links_to_its_recording() -> None:
    from reader.core.sync import link_ms, time_link

    link = time_link(725_040, "P01 [pilot] Ana", interview_place("p01-ana-3f9a2c1b"))
    assert link == "[▶ P01 (pilot) Ana, 12:05](interview:p01-ana-3f9a2c1b#t=725)"
    (match,) = LINK.finditer(link)
    place = linked_place(match.group(2))
    assert place == ("p01-ana-3f9a2c1b", "#t=725")
    assert link_ms(place[1]) == 725_000
    assert quoted_passage(match.group(2)) is None  # a time, not a quote
    assert linked_place(quote_target("p01-a", "3afd")) == ("p01-a", "#h-3afd")
    for other in ("interview:p01#x=1", "interview:p01#t=", "#t=725", "interview:p01#t=1 2"):
        assert linked_place(other) is None


@given(st.from_regex(r"[a-z0-9][a-z0-9-]{0,30}", fullmatch=True), st.uuids())
def test_every_quote_target_reads_back(interview_id: str, highlight: object) -> None:
    assert quoted_passage(quote_target(interview_id, str(highlight))) == (
        interview_id,
        str(highlight),
    )


def test_notes_join_the_memo_under_their_names_once() -> None:
    assert with_notes("", [(MEMO_NOTE_NAME, "Ours.\n")]) == ("Ours.\n", 1)
    # The study memo itself comes as it was: a first line's indent is Markdown's.
    assert with_notes("", [(MEMO_NOTE_NAME, "    code\r\nOurs.\n")]) == ("    code\nOurs.\n", 1)
    assert with_notes("", [("Loose  memo", "Theirs.")]) == ("## Loose memo\n\nTheirs.\n", 1)
    memo, added = with_notes("Mine.", [("A", "One."), ("B", "  "), ("C", "Mine.")])
    assert (memo, added) == ("Mine.\n\n## A\n\nOne.\n", 1)
    assert with_notes(memo, [("A", "One.")]) == (memo, 0)


def test_adding_to_a_memo_on_disk(tmp_path: Path) -> None:
    assert add_to_memo(tmp_path, []) == 0
    assert not memo_path(tmp_path).exists()  # nothing to add: no file made
    assert add_to_memo(tmp_path, [("Memo", "Text")]) == 1
    assert read_memo(memo_path(tmp_path)) == "## Memo\n\nText\n"


def test_a_quotes_label_in_the_memo_names_a_speaker_once() -> None:
    from reader.core.markdown_links import quote_label

    assert quote_label("", "Kenji Sato", "Q7") == "Kenji Sato, Q7"  # in the interview's notes
    assert quote_label("", "", "Q7") == "Q7"
    assert quote_label("P01 Ana", "Ana", "Q3") == "P01 Ana, Q3"  # the title names her
    assert quote_label("P01 Ana", "Anabel", "Q3") == "P01 Ana, Anabel, Q3"
    assert quote_label("Night shifts", "Siobhán Ní Bhriain", "Q2") == (
        "Night shifts, Siobhán Ní Bhriain, Q2"
    )
    assert quote_label("P01 ANA", "Ana", "") == "P01 ANA"
    assert quote_label("P02", "", "Intro") == "P02, Intro"


def test_the_start_of_a_memo_being_written_is_text_without_the_letter_cut_at_its_end() -> None:
    raw = "Über die Nächte\nÄrger".encode()
    begun = raw[: raw.index("Ärger".encode()) + 1]  # inside the "Ä"
    assert begun_memo_text(begun, Path("memo.md")) == "Über die Nächte\n"
    assert begun_memo_text(b"\xef\xbb\xbfNights\r\n", Path("memo.md")) == "Nights\n"
    with pytest.raises(MemoUnreadableError):  # not UTF-8 before its end either
        begun_memo_text("Ärger\nÄ".encode("latin-1"), Path("memo.md"))
