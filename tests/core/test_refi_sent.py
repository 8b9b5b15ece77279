"""The record of what a study sent as .qdpx (reader/core/refi/sent.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reader.core.annotations import Highlight, make_highlight
from reader.core.refi.sent import (
    KEPT,
    SENT_FILE,
    Carried,
    Sending,
    read_sent,
    record_received,
    record_sent,
)

TEXT = "one two three four five"


def a_highlight(n: int, *codes: str):
    return replace(make_highlight(TEXT, 0, 3), id=f"h{n}", codes=codes)


def carried(*highlights: Highlight) -> Carried:
    return Carried(highlights)


def test_what_was_sent_is_found_and_nothing_else(tmp_path: Path) -> None:
    record_sent(
        tmp_path, [("p1", carried(a_highlight(1, "a", "b"))), ("p2", carried())], "2026-01-01"
    )
    sent = read_sent(tmp_path)
    assert sent["p1"].has("h1") and not sent["p1"].has("h2") and not sent["p2"].has("h1")
    assert sent["p1"].had("h1", "a") and sent["p1"].had("h1", "b")
    assert not sent["p1"].had("h1", "c") and not sent["p1"].had("h2", "a")
    assert "p3" not in sent
    assert sent["p1"].spanned("h1", 0, 3)
    assert not sent["p1"].spanned("h1", 0, 4) and not sent["p1"].spanned("h2", 0, 3)
    # The passage and its codes, whatever the id they come back under.
    assert sent["p1"].sent_over(0, 3) and sent["p1"].sent_over(0, 3, ("b", "a"))
    assert sent["p1"].sent_over(0, 3, ("b",)) and not sent["p1"].sent_over(0, 3, ("a", "c"))
    assert not sent["p1"].sent_over(0, 4) and not sent["p2"].sent_over(0, 3)


def test_the_last_exports_are_kept_and_an_export_sent_again_is_one(tmp_path: Path) -> None:
    for n in range(KEPT + 2):
        record_sent(tmp_path, [("p1", carried(a_highlight(n)))], f"2026-01-0{n + 1}")
    record_sent(tmp_path, [("p1", carried(a_highlight(KEPT + 1)))], "2026-02-01")  # the same again
    exports = json.loads((tmp_path / SENT_FILE).read_bytes())["exports"]
    assert [e["time"] for e in exports] == ["2026-01-03", "2026-01-04", "2026-02-01"][-KEPT:]
    sent = read_sent(tmp_path)["p1"]
    assert [sent.has(f"h{n}") for n in range(KEPT + 2)] == [False, False, True, True, True]


def test_an_interview_exported_alone_again_and_again_keeps_the_studys_export(
    tmp_path: Path,
) -> None:
    record_sent(
        tmp_path, [("p1", carried(a_highlight(1))), ("p2", carried(a_highlight(2)))], "2026-01-01"
    )
    for n in range(KEPT + 1):  # p1 alone, each time with another highlight
        record_sent(tmp_path, [("p1", carried(a_highlight(10 + n)))], f"2026-01-0{n + 2}")
    sent = read_sent(tmp_path)
    assert sent["p2"].has("h2")  # its only export is still asked
    assert [sent["p1"].has(f"h{10 + n}") for n in range(KEPT + 1)] == [False, True, True, True]
    assert sent["p1"].has("h1")  # the study's export, kept for p2, holds it too
    exports = json.loads((tmp_path / SENT_FILE).read_bytes())["exports"]
    assert [e["time"] for e in exports] == ["2026-01-01", "2026-01-03", "2026-01-04", "2026-01-05"]


def test_an_export_is_recorded_when_told_and_only_in_a_study(tmp_path: Path) -> None:
    sending = Sending(tmp_path, (("p1", carried(a_highlight(1))),))
    assert not (tmp_path / SENT_FILE).exists()  # made, not yet written: nothing recorded
    assert sending.record() == "" and read_sent(tmp_path)["p1"].has("h1")
    assert Sending().record() == ""  # an interview opened alone: nowhere to record


def test_the_participant_and_values_sent_are_found_and_no_others(tmp_path: Path) -> None:
    sent = Carried((), "Ana", {"years": 12, "role": "nurse", "started": "2020-05-01"})
    record_sent(tmp_path, [("p1", sent), ("p2", Carried())], "2026-01-01")
    p1, p2 = read_sent(tmp_path)["p1"], read_sent(tmp_path)["p2"]
    assert p1.named("Ana") and not p1.named("Ben") and not p2.named("Ana")
    assert p1.gave("years", 12) and p1.gave("role", "nurse") and p1.gave("started", "2020-05-01")
    assert not p1.gave("years", 13) and not p1.gave("years", "12") and not p1.gave("role", "12")
    assert not p2.gave("years", 12)


def test_a_record_written_before_values_were_recorded_is_read(tmp_path: Path) -> None:
    """The file an earlier build wrote (highlight h1 sent with code a): its highlights are
    known; no value is, so each value empty here is filled in, as it was, nor a passage
    without its id."""
    (tmp_path / SENT_FILE).write_text(
        '{"format": "interview-reader-refi-sent", "version": 1, "exports": '
        '[{"time": "2026-01-01", "interviews": {"p1": "u2EmQVfh42zH0aLN"}}]}'
    )
    sent = read_sent(tmp_path)["p1"]
    assert sent.has("h1") and sent.had("h1", "a") and not sent.has("h2")
    assert not sent.named("Ana") and not sent.gave("years", 12)
    assert not sent.sent_over(0, 3)  # nor passages without ids: as before, they come
    record_received(tmp_path, {"p1": Carried((), "Ana", {"years": 12})})  # joins it
    assert read_sent(tmp_path)["p1"].named("Ana") and read_sent(tmp_path)["p1"].has("h1")


def test_what_came_back_joins_the_newest_export_and_is_written_only_when_new(
    tmp_path: Path,
) -> None:
    record_received(tmp_path, {"p1": carried(a_highlight(9))})  # no record: none made
    assert not (tmp_path / SENT_FILE).exists()
    record_sent(tmp_path, [("p1", carried(a_highlight(1, "a")))], "2026-01-01")
    record_received(tmp_path, {"p1": carried(a_highlight(1, "a", "z"), a_highlight(2))})
    sent = read_sent(tmp_path)["p1"]
    assert sent.has("h2") and sent.had("h1", "z") and sent.had("h1", "a")
    written = (tmp_path / SENT_FILE).stat().st_mtime_ns, (tmp_path / SENT_FILE).read_bytes()
    record_received(tmp_path, {"p1": carried(a_highlight(2))})
    assert ((tmp_path / SENT_FILE).stat().st_mtime_ns, (tmp_path / SENT_FILE).read_bytes()) == (
        written
    )


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff\xfe binary",
        b'{"format": "interview-reader-refi-sent", "version": 1, "exports": [',
        b"[]",
        b'{"format": "something-else", "version": 1, "exports": []}',
        b'{"format": "interview-reader-refi-sent", "version": 2, "exports": []}',
        b'{"format": "interview-reader-refi-sent", "version": 1, "exports": {}}',
        b'{"format": "interview-reader-refi-sent", "version": 1, "exports": [{"time": 1}]}',
        b'{"format": "interview-reader-refi-sent", "version": 1, '
        b'"exports": [{"interviews": {"p1": "not base64!"}}]}',
        b'{"format": "interview-reader-refi-sent", "version": 1, '
        b'"exports": [{"interviews": {"p1": 12}}]}',
        '{"format": "interview-reader-refi-sent", "é": 1}'.encode("latin-1"),
    ],
)
def test_a_record_that_cannot_be_read_is_no_record(tmp_path: Path, content: bytes) -> None:
    """Then a project merges as into a study never sent: nothing is lost."""
    (tmp_path / SENT_FILE).write_bytes(content)
    assert read_sent(tmp_path) == {}
    record_received(tmp_path, {"p1": carried(a_highlight(1))})  # not rewritten, not an error
    assert (tmp_path / SENT_FILE).read_bytes() == content
    record_sent(tmp_path, [("p1", carried(a_highlight(1)))], "2026-01-01")  # a new record
    assert read_sent(tmp_path)["p1"].has("h1")


def test_a_study_of_500_interviews_of_200_highlights_has_a_small_record(tmp_path: Path) -> None:
    """Eight characters a highlight, its passage with and without its id, and its coding
    with and without: 100,000 highlights of passages of their own with a code each are
    4 MB, in a file of their own (study.json stays as it is: test_refi_merge)."""

    def highlight(n: int) -> Highlight:
        return replace(a_highlight(n, "code"), start=n % 1000, end=n % 1000 + 3)

    interviews = [
        (f"interview-{i:03}", carried(*(highlight(i * 1000 + n) for n in range(200))))
        for i in range(500)
    ]
    record_sent(tmp_path, interviews, "2026-01-01")
    assert (tmp_path / SENT_FILE).stat().st_size < 500 * 200 * 5 * 8 + 500 * 40
    sent = read_sent(tmp_path)
    assert len(sent) == 500 and sent["interview-499"].had("h499199", "code")
