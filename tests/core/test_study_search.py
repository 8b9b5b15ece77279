"""Search across a study: grouped by interview and kind, counted, filtered by attribute,
with missing transcripts and unreadable notes handled."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.annotations import make_highlight
from reader.core.search import SearchError, search_everything
from reader.core.store import save_notes
from reader.core.study import Study, open_study
from reader.core.study_search import collect, search_memo, search_study
from reader.core.study_texts import StudyTexts

TEXTS = {
    "P1.txt": "Q: How was the night shift?\nA: Long. The handover was chaotic.\n",
    "P2.txt": "Q: And the handover?\nA: Calm, always calm, the handover is a ritual.\n",
    "P3.txt": "Q: Breaks?\nA: Never enough. Café at 3 am. 🎬\n",
}


@pytest.fixture
def study(tmp_path: Path) -> Study:
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    study = open_study(tmp_path)
    study.define_attribute("Role", "choice", ["nurse", "doctor"])
    study.set_attribute(study.interviews[0].id, "role", "nurse")
    study.set_attribute(study.interviews[1].id, "role", "doctor")
    session = study.open_session(study.interviews[0])
    text = session.document.text
    start = text.index("handover")
    session.add_highlight(make_highlight(text, start, start + 8).edited(note="handover again"))
    save_notes(study.notes_path(study.interviews[0]), session.notes)
    study.save()
    return study


def test_results_are_grouped_by_interview_and_kind_with_counts(study: Study) -> None:
    results = collect(search_study(study, "handover"))
    assert [r.interview.title for r in results.interviews] == ["P1", "P2"]
    assert results.interviews[0].counts() == {"document": 1, "quotes": 1, "notes": 1}
    assert results.interviews[1].counts() == {"document": 2}
    assert results.totals["document"] == 3 and results.total == 5
    assert results.interviews[1].results["document"][0].label == "Q1"


def test_filter_by_attribute(study: Study) -> None:
    results = collect(search_study(study, "handover", filters={"role": {"doctor"}}))
    assert [r.interview.title for r in results.interviews] == ["P2"]
    assert collect(search_study(study, "handover", filters={"role": set()})).total == 0


def test_options_and_unicode(study: Study) -> None:
    assert collect(search_study(study, "CAFÉ")).total == 1
    assert collect(search_study(study, "CAFÉ", case=True)).total == 0
    assert collect(search_study(study, "hand", whole_word=True)).total == 0
    assert collect(search_study(study, r"c\w+m", regex=True)).totals["document"] == 2
    assert collect(search_study(study, "")).total == 0
    with pytest.raises(SearchError):
        next(search_study(study, "(", regex=True))


def test_diacritics_are_ignored_unless_they_are_to_match(study: Study) -> None:
    assert collect(search_study(study, "cafe")).total == 1
    assert collect(search_study(study, "cafe", diacritics=True)).total == 0
    assert collect(search_study(study, "HÄNDOVER")).totals["document"] == 3
    found = collect(search_study(study, "CAFE"))
    text = TEXTS["P3.txt"]
    (result,) = found.interviews[0].results["document"]
    assert text[result.start : result.end] == "Café"
    assert result.snippet[result.snippet_start : result.snippet_end] == "Café"


@pytest.mark.parametrize(
    ("text", "found_in_it"),
    [
        ("Q: “Was it hard?” she said — 夜勤 🎬\nA: It’s hard, it’s “HARD”.\n", 5),
        ("Q: Straße or STRASSE? Ünï?\nA: İstanbul’s ΟΔΟΣ, café CAFÉ.\n", 5),
        ("Q: Plain?\nA: Plain ASCII, hard and plain.\n", 4),
    ],
    ids=["caseless beyond ascii", "capitals beyond ascii", "ascii"],
)
def test_a_studys_kept_text_is_searched_as_its_open_session_is(
    tmp_path: Path, text: str, found_in_it: int
) -> None:
    """The study's compact copy keeps its text's characters beyond ASCII (found once, not
    at each search): what a search finds in it is what it finds in the interview open."""
    (tmp_path / "P1.txt").write_text(text, encoding="utf-8")
    study = open_study(tmp_path)
    texts, session = StudyTexts(study), study.open_session(study.interviews[0])
    found = 0
    for query in ("it's hard", "hard", "strasse", "istanbul", "cafe", "plain", "夜勤"):
        (kept,) = search_study(study, query, texts=texts, every=True)
        assert kept.results["document"] == search_everything(session, query)["document"]
        found += len(kept.results["document"])
    assert found == found_in_it


TURNS = (
    "Date: 2 June 2025\n\n"
    "Interviewer: Did you ever get a break?\n"
    "SPEAKER_01: Break? We never had a break.\n"
    "Interviewer: Never?\n"
    "Ben: Breaks were for others.\n"
    "Interviewer: And nights?\n"
    "SPEAKER_01: Nights were long.\n"
)


def test_each_result_in_the_text_says_who_speaks_there_as_renamed(tmp_path: Path) -> None:
    """Search Everything's rows say whose words a match is in, by the name the reader gave
    (Rename Speaker), from the interview's kept copy and from it open alike; a match in the
    label itself, or at a turn's very start, is that turn's; outside the text, nobody's."""
    (tmp_path / "P1.txt").write_text(TURNS, encoding="utf-8")
    study = open_study(tmp_path)
    session = study.open_session(study.interviews[0])
    session.rename_speaker("SPEAKER_01", "Siobhán")
    start = TURNS.index("We never")
    session.add_highlight(make_highlight(TURNS, start, start + 8).edited(note="a break!"))
    save_notes(study.notes_path(study.interviews[0]), session.notes)
    session = study.open_session(study.interviews[0])
    expected = {
        "break": ["Interviewer", "Siobhán", "Siobhán", "Ben"],
        "SPEAKER_01": ["Siobhán", "Siobhán"],  # in the label
        "Ben": ["Ben"],  # at the turn's very start
        "2 June": [""],  # a line nobody says
    }
    for query, speakers in expected.items():
        (kept,) = search_study(study, query, texts=StudyTexts(study))
        document = kept.results["document"]
        assert [r.speaker for r in document] == speakers, query
        assert document == search_everything(session, query)["document"]
    (kept,) = search_study(study, "break", every=True)
    assert [r.speaker for r in kept.results["notes"]] == [""]


def test_a_snippet_in_a_turn_starts_at_its_words_not_its_label(tmp_path: Path) -> None:
    """The row names who speaks ("Q1 · Siobhán"), so a snippet of a match near a turn's
    start leaves out the transcript's own label ("SPEAKER_01: "), the match still bold at
    its characters; a match in the label itself keeps the label, where it was found."""
    (tmp_path / "P1.txt").write_text(TURNS, encoding="utf-8")
    study = open_study(tmp_path)
    session = study.open_session(study.interviews[0])
    session.rename_speaker("SPEAKER_01", "Siobhán")
    save_notes(study.notes_path(study.interviews[0]), session.notes)
    session = study.open_session(study.interviews[0])
    expected = {
        "never had": "Break? We **never had** a break.",
        "had a break": "Break? We never **had a break**.",
        "Nights": "**Nights** were long.",
        "SPEAKER_01: Break": "**SPEAKER_01: Break**? We never had a break.",  # the label's
        "01": "SPEAKER_**01**: Break? We never had a break.",
        "Date": "**Date**: 2 June 2025",  # no speaker, no label: as it is
    }
    for query, shown in expected.items():
        (kept,) = search_study(study, query, texts=StudyTexts(study))
        result = next(r for r in kept.results["document"] if r.speaker in ("Siobhán", ""))
        a, b = result.snippet_start, result.snippet_end
        assert f"{result.snippet[:a]}**{result.snippet[a:b]}**{result.snippet[b:]}" == shown
        assert result.snippet[a:b] == TURNS[result.start : result.end]
        assert kept.results["document"] == search_everything(session, query)["document"]


def test_results_come_interview_by_interview(study: Study) -> None:
    results = search_study(study, "the")
    first = next(results)
    assert first.interview.title == "P1"  # found before the others were searched


def test_every_interview_comes_when_asked_so_a_caller_can_pace_itself(study: Study) -> None:
    every = list(search_study(study, "handover", every=True))
    assert [(r.interview.title, r.total) for r in every] == [("P1", 3), ("P2", 2), ("P3", 0)]
    assert collect(iter(every)).total == 5 and len(collect(iter(every)).interviews) == 2


def test_missing_transcript_is_searched_in_its_notes(study: Study, tmp_path: Path) -> None:
    os.remove(tmp_path / "P1.txt")
    results = collect(search_study(study, "handover"))
    first = results.interviews[0]
    assert first.interview.title == "P1" and first.problem
    assert first.counts() == {"quotes": 1, "notes": 1}


def test_unreadable_notes_are_skipped_and_said(study: Study) -> None:
    study.notes_path(study.interviews[0]).write_bytes(b"{not json")
    texts = StudyTexts(study)
    results = collect(search_study(study, "handover", texts=texts))
    assert [r.interview.title for r in results.interviews] == ["P2"]
    assert "cannot be read" in texts.problems[study.interviews[0].id]


def test_kept_texts_follow_changes_on_disk_and_the_open_session(study: Study) -> None:
    texts = StudyTexts(study)
    assert collect(search_study(study, "ritual", texts=texts)).total == 1
    path = study.transcript_path(study.interviews[1])
    path.write_text("Q: Now?\nA: No ritual, no rituals at all.\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different modification time, whatever the clock
    assert collect(search_study(study, "ritual", texts=texts)).totals["document"] == 2
    session = study.open_session(study.interviews[2])
    session.notes.notes = "unsaved ritual"
    texts.put(study.interviews[2].id, session)
    assert collect(search_study(study, "ritual", texts=texts)).totals["research"] == 1


def test_kept_texts_are_bounded_least_recently_used_first_the_pinned_kept(study: Study) -> None:
    texts = StudyTexts(study, max_kept=2)
    first, _, third = study.interviews
    pinned = study.open_session(third)
    texts.put(third.id, pinned)
    assert collect(search_study(study, "handover", texts=texts)).total == 5
    assert texts.kept() == 2 and texts.get(third).session is pinned  # never dropped
    texts.warm()
    assert texts.warmed and texts.kept() == 2
    assert texts.get(first) is not None and texts.kept() == 2


MEMO_TEXT = (
    "# Themes\n\n"
    "The Handover is a ritual: > handover [↩ P2, Q1](interview:p2-0a1b2c3d#h-3afd)\n"
    "Café breaks at night.\n"
)


def test_the_memo_is_searched_by_line_with_its_links_read_as_their_text() -> None:
    found = search_memo(MEMO_TEXT, "handover")
    assert [(r.kind, r.label, r.line) for r in found] == [("memo", "Line 3", 3)] * 2
    first, second = found
    assert MEMO_TEXT[first.start : first.end] == "Handover"
    assert second.snippet.endswith("handover ↩ P2, Q1")  # the link as it reads
    assert second.snippet[second.snippet_start : second.snippet_end] == "handover"
    # The link's target is text too, but not what is read: a match there is none.
    assert search_memo(MEMO_TEXT, "p2-0a1b") == []


def test_the_memo_takes_the_find_options() -> None:
    assert len(search_memo(MEMO_TEXT, "HANDOVER")) == 2
    assert len(search_memo(MEMO_TEXT, "handover", case=True)) == 1
    assert len(search_memo(MEMO_TEXT, "cafe")) == 1
    assert len(search_memo(MEMO_TEXT, "cafe", diacritics=True)) == 0
    assert len(search_memo(MEMO_TEXT, "hand", whole_word=True)) == 0
    assert len(search_memo(MEMO_TEXT, r"^Caf\w", regex=True)) == 1
    assert search_memo(MEMO_TEXT, "") == [] and search_memo("", "handover") == []
    with pytest.raises(SearchError):
        search_memo(MEMO_TEXT, "(", regex=True)
    capped = search_memo("night\n" * 600, "night", limit=500)
    assert len(capped) == 500 and capped.total == 600 and capped.more


def test_the_memo_counts_in_the_studys_total_not_its_kinds(study: Study) -> None:
    results = collect(search_study(study, "handover"))
    results.memo = search_memo(MEMO_TEXT, "handover")
    assert results.total == 7 and results.totals["document"] == 3


def test_a_large_study_lists_fewer_of_each_interviews_results_but_counts_them_all(
    tmp_path: Path,
) -> None:
    for i in range(12):
        (tmp_path / f"P{i:02d}.txt").write_text("Q: Shifts?\nA: " + "night " * 600, "utf-8")
    study = open_study(tmp_path)
    study.define_attribute("Role", "choice", ["nurse", "doctor"])
    for entry in study.interviews[:2]:
        study.set_attribute(entry.id, "role", "nurse")
    found = collect(search_study(study, "night"))
    assert found.totals["document"] == 12 * 600
    assert {len(r.results["document"]) for r in found.interviews} == {5_000 // 12}
    nurses = collect(search_study(study, "night", filters={"role": {"nurse"}}))
    assert [len(r.results["document"]) for r in nurses.interviews] == [500, 500]
    assert [
        len(r.results["document"])
        for r in collect(search_study(study, "night", limit=3)).interviews
    ] == [3] * 12
