"""Retrieval across a study: passages of a code or a boolean of codes, the count matrix by
interview and by attribute, co-occurrence, and the passages as CSV and Markdown."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from reader.core.annotations import make_highlight
from reader.core.codebook import Codebook
from reader.core.codebook_retrieval import (
    NO_VALUE,
    CodeQuery,
    co_occurrence,
    code_matrix,
    passages_csv,
    passages_markdown,
    placed,
    retrieve,
    study_codings,
)
from reader.core.notes_file import NotesData
from reader.core.store import save_notes
from reader.core.study import open_study
from reader.core.study_file import InterviewEntry
from tests.core.test_refi import coded_study

TEXT = "Q: How?\nA: Slowly and then all at once.\n"


def coded(book: Codebook) -> list[tuple[InterviewEntry, NotesData]]:
    feel = book.create("Feelings", codable=False)
    fear, joy = book.create("Fear", parent=feel.id), book.create("Joy", parent=feel.id)
    time = book.create("Time")

    def h(start: int, end: int, *codes: str):
        return make_highlight(TEXT, start, end).edited(codes=codes)

    one = NotesData(document={}, highlights=[h(11, 17, fear.id, time.id), h(15, 25, joy.id)])
    two = NotesData(document={}, highlights=[h(11, 17, joy.id), h(30, 38, time.id)])
    three = NotesData(document={}, highlights=[])
    return [
        (InterviewEntry("a", "a.txt", "A", participant="Ana", attributes={"role": "nurse"}), one),
        (InterviewEntry("b", "b.txt", "B", attributes={"role": "doctor"}), two),
        (InterviewEntry("c", "c.txt", "C"), three),
    ]


def test_passages_of_a_code_a_category_and_booleans() -> None:
    book = Codebook()
    data = coded(book)
    fear, joy, time = (book.find(n).id for n in ("Fear", "Joy", "Time"))
    feel = book.find("Feelings").id

    def quotes(query: CodeQuery) -> list[tuple[str, str]]:
        return [(p.title, p.highlight.exact) for p in retrieve(data, book, query)]

    assert quotes(CodeQuery.of(time)) == [("A", "Slowly"), ("B", " at once")]
    assert quotes(CodeQuery.of(feel)) == [("A", "Slowly"), ("A", "ly and the"), ("B", "Slowly")]
    # And: the first code's passages that the second is on, or on a passage overlapping
    # them (A's "ly and the", Joy, overlaps "Slowly", Time); not: those it is on neither.
    assert quotes(CodeQuery(frozenset({feel}), meeting=frozenset({time}))) == [
        ("A", "Slowly"),
        ("A", "ly and the"),
    ]
    assert quotes(CodeQuery(frozenset({joy}), not_meeting=frozenset({time}))) == [
        ("B", "Slowly"),
    ]
    assert quotes(CodeQuery(frozenset({fear, time}))) == [("A", "Slowly"), ("B", " at once")]
    assert quotes(CodeQuery(frozenset({feel}), descendants=False)) == []
    (first, *_) = retrieve(data, book, CodeQuery.of(time))
    assert first.participant == "Ana" and first.attributes == {"role": "nurse"}
    assert first.code_names == ("Fear", "Time")


def test_a_sentence_coded_inside_a_coded_turn_is_found_by_and_as_co_occurrence_counts_it() -> None:
    """A whole answer coded Burnout and a sentence in it coded Guilt: "Guilt and Burnout"
    found nothing (it asked for both codes on one passage), while the co-occurrence picture
    counted them as meeting. Overlapping passages meet for both now; the passage listed is
    the first code's, the codes met on the passages overlapping it named beside it."""
    book = Codebook()
    burnout, guilt = book.create("Burnout"), book.create("Guilt")
    text = "Q: And then?\nA: I was exhausted. I felt guilty about it. Then I left.\n"
    turn = make_highlight(text, text.index("I was"), len(text) - 1).edited(codes=(burnout.id,))
    start = text.index("I felt")
    sentence = make_highlight(text, start, start + 23).edited(codes=(guilt.id,))
    notes = NotesData(document={}, highlights=[turn, sentence])
    data = [(InterviewEntry("a", "a.txt", "A"), notes)]

    def found(first: str, *, meeting: str = "", not_meeting: str = "") -> list[tuple[str, ...]]:
        query = CodeQuery(
            frozenset({first}),
            meeting=frozenset({meeting} - {""}),
            not_meeting=frozenset({not_meeting} - {""}),
        )
        return [(p.highlight.exact, *p.meets) for p in retrieve(data, book, query)]

    assert found(guilt.id, meeting=burnout.id) == [("I felt guilty about it.", "Burnout")]
    # The exports say so as the list does (found by the coding review: they did not).
    both = retrieve(data, book, CodeQuery(frozenset({guilt.id}), meeting=frozenset({burnout.id})))
    (row,) = csv.DictReader(io.StringIO(passages_csv(both).decode("utf-8-sig")))
    assert (row["codes"], row["overlaps"]) == ("Guilt", "Burnout")
    assert "#Guilt · overlaps Burnout" in passages_markdown(both, "Guilt and Burnout").decode()
    assert found(burnout.id, meeting=guilt.id) == [(turn.exact, "Guilt")]
    assert co_occurrence(data, book).count(guilt.id, burnout.id) == 1
    assert found(guilt.id, not_meeting=burnout.id) == []
    assert found(burnout.id, not_meeting=guilt.id) == []
    elsewhere = make_highlight(text, 0, 2).edited(codes=(burnout.id,))  # "Q:", apart
    notes.highlights.append(elsewhere)
    assert found(burnout.id, not_meeting=guilt.id) == [("Q:",)]
    assert found(burnout.id, meeting=guilt.id) == [(turn.exact, "Guilt")]


def test_matrix_by_interview_and_by_attribute() -> None:
    book = Codebook()
    data = coded(book)
    matrix = code_matrix(data, book)
    assert matrix.columns == ["a", "b", "c"] and matrix.column_labels == ["A", "B", "C"]
    assert matrix.row_labels == ["Feelings", "Feelings / Fear", "Feelings / Joy", "Time"]
    assert matrix.counts == [[0, 0, 0], [1, 0, 0], [1, 1, 0], [1, 1, 0]]
    rolled = code_matrix(data, book, descendants=True)
    assert rolled.counts[0] == [2, 1, 0]  # a passage with Fear and Joy would count once
    by_role = code_matrix(data, book, "role", order=["nurse"])
    assert by_role.columns == by_role.column_labels == ["nurse", "doctor", NO_VALUE]
    assert by_role.count(book.find("Time").id, "doctor") == 1
    rows = list(csv.reader(io.StringIO(matrix.to_csv().decode("utf-8-sig"))))
    assert rows[0] == ["code", "A", "B", "C"] and rows[4] == ["Time", "1", "1", "0"]
    # With the Total column the picture shows (found by the coding review: left out).
    rows = list(csv.reader(io.StringIO(matrix.to_csv(totals=True).decode("utf-8-sig"))))
    assert rows[0][-1] == "total" and rows[4] == ["Time", "1", "1", "0", "2"]


def test_co_occurrence_on_the_same_and_overlapping_passages() -> None:
    book = Codebook()
    data = coded(book)
    matrix = co_occurrence(data, book)
    fear, joy, time = (book.find(n).id for n in ("Fear", "Joy", "Time"))
    assert matrix.count(fear, time) == matrix.count(time, fear) == 1  # the same passage
    assert matrix.count(fear, joy) == 1  # overlapping passages in A
    assert matrix.count(joy, time) == 1  # A's "Slowly" (Time) overlaps "ly and the" (Joy)
    assert matrix.count(time, time) == 2  # the diagonal: codings
    feel = book.find("Feelings").id
    assert matrix.count(feel, time) == 0  # a category codes nothing itself
    rolled = co_occurrence(data, book, descendants=True)  # Pictures' "Count sub-codes too"
    assert rolled.count(feel, feel) == 3  # its codes' passages, each once
    assert rolled.count(feel, time) == 2  # as Fear and Joy do
    assert rolled.count(time, feel) == 1  # B's Time passage meets no feeling: "Time and Feelings"
    assert rolled.count(fear, time) == matrix.count(fear, time)  # the codes' own: as they were


def test_a_co_occurrence_cell_counts_the_passages_and_lists() -> None:
    """One A passage overlapping two B passages: the cell A × B said 2 (pairs of
    passages) and so did B × A, while "A and B" listed one passage and "B and A" two. A
    cell now counts its row code's passages that its column code is on or overlaps."""
    book = Codebook()
    a, b = book.create("A"), book.create("B")
    text = "A: one two three four five six.\n"

    def h(first: str, last: str, code: str):
        span = text.index(first), text.index(last) + len(last)
        return make_highlight(text, *span).edited(codes=(code,))

    notes = NotesData(
        document={},
        highlights=[h("one", "five", a.id), h("two", "two", b.id), h("four", "six", b.id)],
    )
    data = [(InterviewEntry("i", "i.txt", "I"), notes)]
    matrix = co_occurrence(data, book)

    def listed(first: str, second: str) -> int:
        query = CodeQuery(frozenset({first}), meeting=frozenset({second}))
        return len(retrieve(data, book, query))

    assert matrix.count(a.id, b.id) == listed(a.id, b.id) == 1
    assert matrix.count(b.id, a.id) == listed(b.id, a.id) == 2
    assert (matrix.count(a.id, a.id), matrix.count(b.id, b.id)) == (1, 2)


def test_passages_written_as_csv_and_markdown(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    light = study.codebook.find("Light").id
    passages = placed(study, retrieve(study_codings(study), study.codebook, CodeQuery.of(light)))
    assert [(p.title, p.speaker, p.question) for p in passages][:1] == [("P1", "Interviewer", 1)]
    (role,) = (a for a in study.data.attributes if a.key == "role")
    rows = list(csv.DictReader(io.StringIO(passages_csv(passages, [role]).decode("utf-8-sig"))))
    assert [r["quote"] for r in rows] == ["🌙", "With the handover", "Days only. 🌞"]
    assert rows[1]["codes"] == "Handover;Light" and rows[1]["Role"] == "nurse"
    markdown = passages_markdown(passages, "Light").decode()
    assert markdown.startswith(
        "# Light\n\n3 passages, exported from Interview Reader.\n\n## P1 (Ana)\n"
    )
    # Its codes as the research summary tags them (a note app's nested tags, a name with
    # a space in one tag), not "#Night shift", which a note app reads as "#Night".
    assert "> With the handover" in markdown and "#Work/Handover #Light" in markdown
    assert open_study(study.folder).codebook == study.codebook
    night = study.writable_codebook().create("Night shift", parent=light)
    coded = [
        (e, replace(n, highlights=[h.edited(codes=(night.id,)) for h in n.highlights]))
        for e, n in study_codings(study)
    ]
    passages = retrieve(coded, study.codebook, CodeQuery.of(night.id))
    assert "#Light/Night_shift\n" in passages_markdown(passages, "Nights").decode()


def test_two_codes_of_one_name_are_told_apart_in_the_csv() -> None:
    """Both passages said "Stress" in the CSV's codes column; one passage is "1 passage"."""
    book = Codebook()
    home = book.create("Home")
    stress, home_stress = book.create("Stress"), book.create("Stress", parent=home.id)
    one = NotesData(
        document={},
        highlights=[
            make_highlight(TEXT, 0, 2).edited(codes=(stress.id,)),
            make_highlight(TEXT, 11, 17).edited(codes=(home_stress.id,)),
        ],
    )
    data = [(InterviewEntry("a", "a.txt", "A"), one)]
    passages = retrieve(data, book, CodeQuery(frozenset({stress.id, home_stress.id})))
    rows = list(csv.DictReader(io.StringIO(passages_csv(passages, []).decode("utf-8-sig"))))
    assert [r["codes"] for r in rows] == ["Stress", "Home / Stress"]
    one = passages_markdown(passages[:1], "Stress").decode()
    assert "\n\n1 passage, exported from Interview Reader.\n\n" in one


def test_a_passage_is_placed_as_an_export_places_it_with_its_turns_time(tmp_path: Path) -> None:
    """The Coded Passages list and the exports say the same speaker, question and time."""
    from reader.core.codebook_retrieval import Passage, placed_in
    from reader.core.document import load_document
    from reader.core.export.common import place_all
    from reader.core.session import Session
    from reader.core.sync import SyncTable

    path = tmp_path / "timed.txt"
    path.write_text(
        "[00:01:05] Interviewer: How did it go?\n\n[00:02:10] Ana: Slowly, then all at once.\n"
    )
    session = Session.open(load_document(path), None)
    text = session.document.text
    start = text.index("Slowly")
    session.add_highlight(make_highlight(text, start, start + 6))
    (highlight,) = session.notes.highlights
    (exported,) = place_all(session, [highlight])
    passage = Passage("p", "P", "Ana", {}, highlight, ())
    times = SyncTable.of(session.document, session.segments)
    listed = placed_in(passage, session, times)
    assert (listed.speaker, listed.question, listed.time) == ("Ana", 1, "2:10")
    assert (exported.speaker, exported.question, exported.time) == ("Ana", 1, "2:10")
    # Read in its context: the rest of its turn, not the label before it (its speaker and
    # time are said already).
    assert (listed.before, listed.after) == ("", ", then all at once.")
    start = text.index("then")
    session.add_highlight(make_highlight(text, start, start + 4))
    then = next(h for h in session.notes.highlights if h.exact == "then")
    listed = placed_in(replace(passage, highlight=then), session, times)
    assert (listed.before, listed.after) == ("Slowly, ", " all at once.")


def test_a_passage_of_a_transcript_changed_since_is_placed_where_its_words_are_now(
    tmp_path: Path,
) -> None:
    """Words put in before a coded passage in a transcript not opened since: the list
    showed it amid the words at its old place (the study review's F2)."""
    study = coded_study(tmp_path / "study")
    p2 = study.interviews[1]
    transcript = study.folder / p2.path
    transcript.write_text("Q: And you, after the long shift?\nA: Days only. 🌞\n", "utf-8")
    light = study.codebook.find("Light")
    assert light is not None
    passages = retrieve(study_codings(study), study.codebook, CodeQuery.of(light.id))
    (passage,) = [p for p in passages if p.interview_id == p2.id]
    assert passage.highlight.start == len("Q: And you?\nA: ")  # as the notes file has it
    (shown,) = placed(study, [passage])
    assert shown.highlight.exact == "Days only. 🌞"
    assert shown.highlight.start == len("Q: And you, after the long shift?\nA: ")
    assert (shown.before, shown.after) == ("", "")


def test_coded_passages_in_html_read_each_in_its_own_direction() -> None:
    """An Arabic quote, note, participant and interview among English ones: every block
    of the page takes the direction of its first letter (dir="auto")."""
    from reader.core.codebook_retrieval import Passage, passages_html
    from tests.core.test_export_formats import ARABIC, astray_rtl, check_html

    start = ARABIC.index("القهوة هي البيت.")
    quote = make_highlight(ARABIC, start, start + len("القهوة هي البيت."), "green")
    start = ARABIC.index("The city is loud")
    city = make_highlight(ARABIC, start, start + len("The city is loud"), "green")
    passages = [
        Passage("i1", "مقابلة", "يوسف العلي", {}, quote.edited(note="Home, قال يوسف."), ("مقهى",)),
        Passage("i2", "P2", "Ana", {}, city, ("city",)),
    ]
    page = passages_html(passages, "مقهى and city").decode()
    check_html(page)
    assert astray_rtl(page) == []
    assert '<h2 dir="auto" id="مقابلة-يوسف-العلي">مقابلة (يوسف العلي)</h2>' in page
    assert '<blockquote dir="auto">\n<p dir="auto">القهوة هي البيت.</p>' in page
    assert '<p dir="auto">Home, قال يوسف.</p>' in page


def test_passages_are_exported_as_the_interviews_csv_and_summary_write_them(
    tmp_path: Path,
) -> None:
    """Found by the exports review: the Coded Passages CSV wrote "1:10", which a
    spreadsheet reads as 1 hour 10 minutes, and the code "Pay;Hours" as the two codes
    "Pay" and "Hours"; its Markdown (and HTML) made a note of several lines a heading and
    lists."""
    from reader.core.export.study_export import export_study

    (tmp_path / "P1.vtt").write_text(
        "WEBVTT\n\n00:01:05.000 --> 00:01:09.000\n<v Interviewer>How was the night?\n\n"
        "00:01:10.000 --> 00:01:15.000\n<v Ana>Long, and the staffing was bad.\n",
        encoding="utf-8",
    )
    study = open_study(tmp_path)
    code = study.writable_codebook().create("Pay;Hours")
    entry = study.interviews[0]
    session = study.open_session(entry)
    text = session.document.text
    start = text.index("staffing")
    note = "Total\n===\n- not a list\n1. not numbered"
    session.add_highlight(
        make_highlight(text, start, start + 8).edited(codes=(code.id,), note=note)
    )
    save_notes(study.notes_path(entry), session.notes)
    passages = placed(study, retrieve(study_codings(study), study.codebook, CodeQuery.of(code.id)))
    (row,) = csv.DictReader(io.StringIO(passages_csv(passages).decode("utf-8-sig")))
    (interviews,) = csv.DictReader(io.StringIO(export_study(study, "csv")[0].decode("utf-8-sig")))
    assert (row["time"], row["codes"]) == (interviews["time"], interviews["codes"])
    assert (row["time"], row["codes"]) == ("0:01:10", "Pay\\;Hours")
    markdown = passages_markdown(passages, "Pay").decode()
    assert "\n\nTotal\n\n\\===\n\n\\- not a list\n\n1\\. not numbered\n" in markdown
