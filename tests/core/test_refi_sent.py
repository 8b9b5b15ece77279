"""The record of what a study sent as .qdpx (reader/core/refi/sent.py)."""

from __future__ import annotations

import base64
import json
import tempfile
import threading
from dataclasses import replace
from hashlib import sha256
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import given
from hypothesis import strategies as st

import reader.core.refi.sent as sent_module
from reader.core.annotations import Highlight, make_highlight
from reader.core.refi.sent import (
    KEPT,
    LOCK_FILE,
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


SPANS = st.tuples(st.integers(0, 4), st.integers(1, 3)).map(lambda s: (s[0], s[0] + s[1]))
PLACED = st.dictionaries(st.integers(0, 5), SPANS, max_size=6)  # highlight n -> its passage
SPAN_RANGE = [(start, end) for start in range(5) for end in range(start + 1, start + 4)]


def placed(highlights: dict[int, tuple[int, int]]) -> tuple[Highlight, ...]:
    return tuple(
        replace(a_highlight(n), start=start, end=end) for n, (start, end) in highlights.items()
    )


@given(
    exports=st.lists(PLACED, min_size=1, max_size=4),
    came=st.lists(PLACED, max_size=2),
    here=PLACED,
)
def test_a_highlight_sent_over_another_passage_is_one_that_may_have_been_resized(
    exports: list[dict[int, tuple[int, int]]],
    came: list[dict[int, tuple[int, int]]],
    here: dict[int, tuple[int, int]],
) -> None:
    """Exported, over passages that change between exports, some coming back over others:
    every highlight here that the record has over a passage other than its own is among
    those that may have been resized (a merge looks only there for the one sent over a
    passage deleted here)."""
    with tempfile.TemporaryDirectory() as folder:
        for n, sent in enumerate(exports):
            record_sent(Path(folder), [("p1", carried(*placed(sent)))], f"2026-01-0{n + 1}")
        for back in came:
            record_received(Path(folder), {"p1": carried(*placed(back))})
        sent = read_sent(Path(folder))["p1"]
    maybe = {h.id for h in sent.maybe_resized(placed(here))}
    for h in placed(here):
        elsewhere = [s for s in SPAN_RANGE if s != (h.start, h.end) and sent.spanned(h.id, *s)]
        assert not elsewhere or h.id in maybe


def test_each_export_that_sent_a_highlight_over_its_passage_here_tells_it_was_not_resized(
    tmp_path: Path,
) -> None:
    """h1 sent over 0–3 then resized to 0–5 and sent again: a file of the first export
    may come back over 0–3, so h1 over 0–5 may have been resized; h2, sent twice over
    0–3, was not. A run an older build has added to (no count of its own) says nothing:
    each highlight sent may have been resized."""
    h1, h2 = a_highlight(1), a_highlight(2)
    wide = replace(h1, end=5)
    record_sent(tmp_path, [("p1", carried(h1, h2))], "2026-01-01")
    assert read_sent(tmp_path)["p1"].maybe_resized([h1, h2]) == []
    assert read_sent(tmp_path)["p1"].maybe_resized([wide, h2]) == [wide]
    record_sent(tmp_path, [("p1", carried(wide, h2))], "2026-01-02")
    assert read_sent(tmp_path)["p1"].maybe_resized([wide, h2]) == [wide]

    older = tmp_path / "older"
    older.mkdir()
    record_sent(older, [("p1", carried(h1, h2))], "2026-01-01")
    record = json.loads((older / SENT_FILE).read_bytes())
    run = base64.b64decode(record["exports"][0]["interviews"]["p1"])
    grown = run + sha256(b"span:h2/0/5").digest()[:6]  # as an older build's record_received
    record["exports"][0]["interviews"]["p1"] = base64.b64encode(grown).decode("ascii")
    (older / SENT_FILE).write_text(json.dumps(record))
    assert read_sent(older)["p1"].maybe_resized([h1, h2]) == [h1, h2]


def test_an_export_waits_while_another_records_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two exports at once (two windows, the command line) each read the record, added
    theirs and wrote it: the one written second lost the other's."""
    record_sent(tmp_path, [("p1", carried(a_highlight(1)))], "2026-01-01")
    reading = threading.Event()
    read = sent_module._exports
    monkeypatch.setattr(sent_module, "_exports", lambda path: (reading.set(), read(path))[1])
    second = threading.Thread(
        target=record_sent, args=(tmp_path, [("p2", carried())], "2026-01-02")
    )
    with FileLock(tmp_path / LOCK_FILE):  # another export, recording its own
        second.start()
        assert not reading.wait(0.3)  # the record is not read while the other writes it
        others = {"time": "2026-01-01T12:00:00Z", "interviews": {"p3": ""}}
        sent_module._write(tmp_path, [*(e.record for e in read(tmp_path / SENT_FILE)), others])
    second.join(10)
    assert read_sent(tmp_path).keys() == {"p1", "p2", "p3"}


def test_a_project_sent_back_into_a_study_never_exported_leaves_no_lock(tmp_path: Path) -> None:
    record_received(tmp_path, {"p1": carried(a_highlight(1))})
    assert list(tmp_path.iterdir()) == []
