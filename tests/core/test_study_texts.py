"""Tests of reader.core.study_texts: the compact copy search keeps of each interview reads
as the session it was made from; sessions for exports, the open one pinned."""

from __future__ import annotations

import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.annotations import make_highlight
from reader.core.codebook import codes_for_tags
from reader.core.document import Document
from reader.core.search import SessionText, search_everything, search_interview
from reader.core.session import Session
from reader.core.store import save_notes
from reader.core.study import open_study
from reader.core.study_texts import InterviewText, StudyTexts

FILM = (
    "An interview about film.\n"
    "Q: Scene 🎬 starts where? The café scene, with 映画 and עברית text?\n"
    "A: It starts at dawn. We shot 🎬🎬 twice. Filmmakers film films.\n"
    "Q: And the ending?\n"
    "A: The ending was improvised on the day, 𝔣𝔦𝔩𝔪 in fraktur.\n"
)


def make_session(text: str) -> Session:
    document = Document(text=text, title="Film", source="/tmp/film.txt", encoding="utf-8")
    return Session.open(document, None)


def film_session() -> Session:
    session = make_session(FILM)
    for quote, note, tags in (
        ("It starts at dawn", "Dawn light, a film", ()),
        ("improvised", "Ask 🎬 about the script", ("method", "films")),
    ):
        start = FILM.index(quote)
        session.add_highlight(
            replace(
                make_highlight(FILM, start, start + len(quote)),
                note=note,
                codes=codes_for_tags(tags, session.notes.codebook),
            )
        )
    session.notes.notes = "# Themes\nA film 🎬 about film.\n"
    return session


def test_the_compact_copy_holds_what_search_reads() -> None:
    session = film_session()
    kept = InterviewText(session)
    assert kept.text == FILM and kept.research == session.notes.notes
    assert kept.quotes == SessionText(session).quotes
    assert kept.quotes[1].tags == ("method", "films")
    for query, options in (("film", {}), ("FILM", {"case": True}), (r"🎬+", {"regex": True})):
        assert search_interview(kept, query, **options) == search_everything(
            session, query, **options
        )


def test_an_empty_interview() -> None:
    empty = InterviewText(make_session(""))
    assert empty.text == "" and empty.quotes == [] and empty.place_label(0) == "Intro"


LINES = st.lists(
    st.sampled_from(["Q: Why?", "A: Because.", "Intro words.", "", "Q: And? 🎬", "P: Yes"]),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(LINES)
def test_place_labels_are_the_sessions(lines: list[str]) -> None:
    session = make_session("\n".join(lines))
    kept = InterviewText(session)
    for offset in range(len(session.document.text) + 1):
        assert kept.place_label(offset) == session.place_label(offset), offset


def test_exports_get_sessions_the_open_one_pinned(tmp_path: Path) -> None:
    (tmp_path / "P1.txt").write_text("Q: Nights?\nA: Long.\n", encoding="utf-8")
    (tmp_path / "P2.txt").write_text("Q: Days?\nA: Short.\n", encoding="utf-8")
    study = open_study(tmp_path)
    first, second = study.interviews
    texts = StudyTexts(study)
    loaded = texts.get(first)
    assert loaded is not None and texts.kept() == 1  # the export's load serves search too
    assert texts.get(first).session is not loaded.session  # sessions are not kept
    pinned = study.open_session(second)
    pinned.notes.notes = "unsaved"
    texts.put(second.id, pinned)
    assert texts.get(second).session is pinned
    assert texts.search(second).interview.research == "unsaved"
    texts.forget(second.id)
    assert texts.search(second).interview.research == ""
    save_notes(study.notes_path(first), study.open_session(first).notes)  # a new stamp
    assert texts.search(first).interview.text == "Q: Nights?\nA: Long.\n"


def test_warming_loads_the_first_few_and_a_search_keeps_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search in the study's order, again, reads no interview again: every one is kept
    (a bound below the study's size dropped each before the next search came back)."""
    from reader.core import study_texts

    for n in range(4):
        (tmp_path / f"P{n}.txt").write_text(f"Q: Why?\nA: Because {n}.\n", "utf-8")
    study = open_study(tmp_path)
    monkeypatch.setattr(study_texts, "WARM", 2)
    texts = StudyTexts(study)
    loaded: list[str] = []
    real = study.open_session
    monkeypatch.setattr(study, "open_session", lambda e: loaded.append(e.id) or real(e))
    texts.warm()
    assert loaded == [e.id for e in study.interviews[:2]]
    for _ in range(2):
        assert [texts.search(e) is not None for e in study.interviews] == [True] * 4
    assert loaded == [e.id for e in study.interviews] and texts.kept() == 4


def test_a_kept_copy_names_its_codes_as_the_study_names_them_now(tmp_path: Path) -> None:
    """A code renamed in the Codebook changes study.json alone: the kept copy, its files
    unchanged, found the passage by the old name and not by the new one until restart."""
    (tmp_path / "P1.txt").write_text("Q: Nights?\nA: Coffee, always.\n", encoding="utf-8")
    study = open_study(tmp_path)
    (entry,) = study.interviews
    drinks = study.writable_codebook().create("Drinks")
    session = study.open_session(entry)
    start = session.document.text.index("Coffee")
    session.add_highlight(
        make_highlight(session.document.text, start, start + 6).edited(codes=(drinks.id,))
    )
    save_notes(study.notes_path(entry), session.notes)
    texts = StudyTexts(study)
    assert texts.search(entry).interview.quotes[0].tags == ("Drinks",)
    study.writable_codebook().rename(drinks.id, "Beverages")
    kept = texts.search(entry).interview
    assert kept.quotes[0].tags == ("Beverages",)
    found = search_interview(kept, "beverages")
    assert [kind for kind, results in found.items() if results] == ["tags"]


def _waiting(thread: threading.Thread) -> bool:
    """Whether `thread` waits on an Event now."""
    frame = sys._current_frames().get(thread.ident or 0)
    while frame is not None:
        if frame.f_code.co_name == "wait" and frame.f_code.co_filename == threading.__file__:
            return True
        frame = frame.f_back
    return False


def test_an_interview_the_warming_is_loading_is_not_loaded_again_by_a_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search just after a study opened goes through the interviews in the order the
    background warming loads them: each one it reached while the warming was loading it
    was loaded a second time (85 of 300). It waits for that load and reads its copy."""
    (tmp_path / "P0.txt").write_text("Q: Why?\nA: Because.\n", "utf-8")
    study = open_study(tmp_path)
    texts = StudyTexts(study)
    entry = study.interviews[0]
    held, go = threading.Event(), threading.Event()
    loaded: list[str] = []
    real = study.open_session

    def opening(e: object) -> Session:
        loaded.append(entry.id)
        if len(loaded) == 1:  # the warming's load, held while the search comes
            held.set()
            assert go.wait(30)
        return real(e)

    monkeypatch.setattr(study, "open_session", opening)
    warming = threading.Thread(target=texts.warm)
    warming.start()
    assert held.wait(30)
    found: list[object] = []
    searching = threading.Thread(target=lambda: found.append(texts.search(entry)))
    searching.start()
    while searching.is_alive() and not _waiting(searching):
        searching.join(0.01)
    go.set()
    warming.join(30)
    searching.join(30)
    assert loaded == [entry.id]
    assert found == [texts.search(entry)] and found[0] is not None
