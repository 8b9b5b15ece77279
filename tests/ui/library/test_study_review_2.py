"""Found by a review of studies and the codebook (2026-12-03): an attribute named like a
Library column, a transcript renamed while the study is open, two codes that read alike
in Merge Codes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from reader.ui.library.new_transcripts import NewTranscripts
from reader.ui.window.main_window import MainWindow
from tests.ui.test_library import study_json, titles


def test_an_attribute_named_title_has_its_own_column(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """Typing a participant's job title into a "Title" attribute renamed the interview."""
    window = make_study_window(folder)
    owner, study = window.study, window.study.study
    assert owner.define_attribute("Title", "text", [])
    assert owner.define_attribute("Participant", "text", [])
    model = window.library.model
    qtbot.waitUntil(lambda: model.columnCount() == 8)
    assert [a.key for a in study.data.attributes] == ["title-2", "participant-2"]
    assert model.setData(model.index(0, 6), "Head nurse")
    assert model.setData(model.index(0, 7), "Recruited via flyer")
    entry = study.interviews[0]
    assert entry.title == "P01 Ana" and entry.participant == ""
    assert entry.attributes == {"title-2": "Head nurse", "participant-2": "Recruited via flyer"}
    qtbot.waitUntil(lambda: model.index(0, 6).data() == "Head nurse")
    assert study_json(folder)["interviews"][0]["title"] == "P01 Ana"


def highlight_coffee(window: MainWindow, qtbot: Any) -> None:
    """ "coffee" in P01 Ana highlighted with H."""
    text = window.interview.session.document.text
    start = text.index("coffee")
    window.reader.select_span(start, start + 6)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_H)


def renamed_and_offered(window: MainWindow, folder: Path, qtbot: Any) -> NewTranscripts:
    """P01 Ana highlighted and its notes written, then its transcript renamed on disk."""
    highlight_coffee(window, qtbot)
    window.switcher.step(1)  # away: P01's notes are written
    os.rename(folder / "P01 Ana.txt", folder / "P01 Ana (final).txt")
    qtbot.waitUntil(lambda: "missing transcript" in window.banner.text(), timeout=5000)
    (offer,) = window.study.findChildren(NewTranscripts)
    return offer


def test_a_transcript_renamed_while_open_is_offered_as_its_interviews(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    window.study.save()
    offer = renamed_and_offered(window, folder, qtbot)
    assert window.banner.text() == (
        "The missing transcript of “P01 Ana” is in the folder as “P01 Ana (final).txt”."
    )
    assert [button.text() for button in window.banner.buttons] == ["Use It", "Dismiss"]
    window.banner.buttons[0].click()
    model = window.library.model
    qtbot.waitUntil(lambda: not model.rows[0].missing)
    assert len(model.rows) == 3
    assert (model.rows[0].title, model.rows[0].highlights) == ("P01 Ana", 1)
    assert study_json(folder)["interviews"][0]["path"] == "P01 Ana (final).txt"
    assert not offer.moved and window.banner.isHidden()
    # The Library has the focus, so Edit ▸ Undo, as the status line says, is the study's.
    qtbot.waitUntil(lambda: window.library.view.hasFocus())
    assert window.window_actions.undo.text().replace("&", "") == "Undo Locate Transcript"
    window.window_actions.undo.trigger()
    assert study_json(folder)["interviews"][0]["path"] == "P01 Ana.txt"


def test_a_renamed_transcript_and_a_new_one_are_offered_together(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    window.study.save()
    (folder / "P11 Ivo.txt").write_text("Q: Nights?\nA: Long ones.\n", encoding="utf-8")
    renamed_and_offered(window, folder, qtbot)
    qtbot.waitUntil(lambda: "P11 Ivo.txt" in window.banner.text(), timeout=5000)
    assert window.banner.text() == (
        "The missing transcript of “P01 Ana” is in the folder as “P01 Ana (final).txt”. "
        "1 new transcript in the study folder: “P11 Ivo.txt”."
    )
    buttons = {button.text(): button for button in window.banner.buttons}
    window.reader.setFocus()
    buttons["Add"].click()  # the new one added; the renamed one still offered
    qtbot.waitUntil(lambda: titles(window)[-1] == "P11 Ivo")
    assert window.window_actions.undo.text().replace("&", "") == "Undo Add Interview"
    assert window.banner.text().startswith("The missing transcript of “P01 Ana”")
    window.banner.buttons[0].click()
    qtbot.waitUntil(lambda: not window.library.model.rows[0].missing)
    assert len(titles(window)) == 4
    assert study_json(folder)["interviews"][0]["path"] == "P01 Ana (final).txt"


def test_a_renamed_transcript_with_new_words_is_a_new_transcript(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    window.study.save()
    window.switcher.step(1)
    window.switcher.step(-1)
    window.switcher.step(1)  # P01's notes exist
    old = folder / "P01 Ana.txt"
    text = old.read_text(encoding="utf-8")
    old.unlink()
    (folder / "P01 Ana (edited).txt").write_text(text + "\nQ: One more?\nA: No.\n", "utf-8")
    qtbot.waitUntil(lambda: "new transcript" in window.banner.text(), timeout=5000)
    assert [button.text() for button in window.banner.buttons] == ["Add", "Dismiss"]


def test_merge_codes_tells_apart_two_codes_that_read_alike(
    make_study_window: Any, folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """Stress under Work, and a code named "Work / Stress": Merge picked the first."""
    from tests.ui.test_codebook import code_with_keys

    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Tired")
    hub, panel = window.codebook.hub, window.codebook.panel
    window.codebook.dock.show()
    work = hub.create("Work")
    nested = hub.create("Stress", parent=work.id)
    top = hub.create("Work / Stress")
    tired = hub.book.find("Tired").id
    panel.set_current(tired)
    targets = [code.id for _, code in hub.book.tree() if code.id != tired]
    dialogs.item_answers.append((targets.index(top.id), True))
    panel.merge_code()
    (highlight,) = window.interview.session.notes.highlights
    assert highlight.codes == (top.id,)
    assert nested.id in hub.book


def test_a_column_sorts_accented_names_among_the_others(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    owner, study = window.study, window.study.study
    for entry, name in zip(study.interviews, ["Zoé", "Émile", "ana"], strict=True):
        assert owner.rename(entry.id, participant=name)
    participant = 4
    window.library.view.sortByColumn(participant, Qt.SortOrder.AscendingOrder)
    proxy = window.library.proxy
    qtbot.waitUntil(lambda: proxy.index(0, participant).data() == "ana")
    shown = [proxy.index(row, participant).data() for row in range(proxy.rowCount())]
    assert shown == ["ana", "Émile", "Zoé"]


def test_a_choice_column_sorts_in_the_order_of_its_choices(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """Sorted by "Experience" (Under 1 year, 1-5 years, Over 5 years), the Library put
    1-5 years, Over 5 years, Under 1 year: the alphabet's order, not the choices'."""
    window = make_study_window(folder)
    owner, study = window.study, window.study.study
    choices = ["Under 1 year", "1-5 years", "Over 5 years"]
    assert owner.define_attribute("Experience", "choice", choices)
    for entry, value in zip(study.interviews, reversed(choices), strict=True):
        assert owner.set_attribute(entry.id, "experience", value)
    model, column = window.library.model, 6
    qtbot.waitUntil(lambda: model.index(0, column).data() == "Over 5 years")
    window.library.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    proxy = window.library.proxy
    qtbot.waitUntil(lambda: proxy.index(0, column).data() != "Over 5 years")
    assert [proxy.index(row, column).data() for row in range(proxy.rowCount())] == choices


def test_the_filter_looks_at_words_not_counts(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """ "10" typed in the Library's filter to find P10 Cem kept P01 Ana too, read to 10 %,
    and "2" any interview with 2 highlights: the counts were filtered as words."""
    window = make_study_window(folder)
    library = window.library
    first = window.study.study.interviews[0].id
    library.model.set_read(first, 0.1)
    qtbot.waitUntil(lambda: library.model.index(0, 3).data() == "10 %")
    qtbot.keyClicks(library.filter, "10")
    proxy = library.proxy
    qtbot.waitUntil(lambda: proxy.rowCount() < 3)
    assert [proxy.index(row, 0).data() for row in range(proxy.rowCount())] == ["P10 Cem"]


def test_a_renamed_transcript_is_offered_again_when_its_interview_is_opened(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """Found by the study review: the banner's offer gave way to the next interview, and
    opening the missing one offered only Locate Transcript…, the file picked by hand."""
    window = make_study_window(folder)
    window.study.save()
    renamed_and_offered(window, folder, qtbot)
    study = window.study.study
    ana = study.interviews[0].id
    window.switcher.step(1)  # on to the next: the offer gives way
    assert "missing transcript" not in window.banner.text()
    window.switcher.open(ana)
    assert window.banner.text() == (
        f"The transcript of “P01 Ana” is not at {folder / 'P01 Ana.txt'}; “P01 Ana (final).txt” "
        "in the study folder holds its text; its notes are kept."
    )
    assert [button.text() for button in window.banner.buttons][:2] == [
        "Use It",
        "Locate Transcript…",
    ]
    window.banner.buttons[0].click()
    qtbot.waitUntil(lambda: window.switcher.current == ana)
    assert len(window.interview.session.notes.highlights) == 1
    assert study_json(folder)["interviews"][0]["path"] == "P01 Ana (final).txt"


def test_a_transcript_renamed_while_the_study_was_closed_is_offered_when_opened(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    window.study.save()
    highlight_coffee(window, qtbot)
    window.close()  # P01's notes written, with the hash of its text
    os.rename(folder / "P01 Ana.txt", folder / "P01 Ana (final).txt")
    again = make_study_window(folder)
    ana = again.study.study.interviews[0].id
    again.switcher.open(ana)
    assert "“P01 Ana (final).txt” in the study folder holds its text" in again.banner.text()
    again.banner.buttons[0].click()
    qtbot.waitUntil(lambda: again.switcher.current == ana)


def test_a_transcript_with_no_notes_yet_renamed_while_open_is_offered_as_its_interviews(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """An interview given a participant but not highlighted yet has no notes file to say
    its text: renamed on disk, its transcript was offered as a new one, and Add made an
    empty twin, the participant left on the missing entry (the study review's finding 1).
    The file is known by its place on the disk."""
    window = make_study_window(folder)
    owner = window.study
    assert owner.study is not None
    ben = owner.study.interviews[1]
    assert owner.rename(ben.id, participant="Bea")
    assert not owner.study.notes_path(ben).exists()
    os.rename(folder / "P02 Ben.txt", folder / "P02 Bea.txt")
    qtbot.waitUntil(lambda: "missing transcript" in window.banner.text(), timeout=5000)
    assert window.banner.text() == (
        "The missing transcript of “P02 Ben” is in the folder as “P02 Bea.txt”."
    )
    window.banner.buttons[0].click()  # Use It
    rows = [i for i in study_json(folder)["interviews"] if i["path"].startswith("P02")]
    assert [(i["path"], i.get("participant")) for i in rows] == [("P02 Bea.txt", "Bea")]
