"""A study's codings counted off the GUI thread (reader/ui/codebook/code_counts.py and
counting.py): the Codebook shows the open interview's counts, its heading muted, until
the others' come in, then the study's in place; a count made stale meanwhile is never
shown; closing the window or the study while it runs is safe."""

from __future__ import annotations

import re
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.core import notes_files_cache
from reader.core.annotations import make_highlight
from reader.core.codebook import codes_in_sets, coding_sets
from reader.core.store import load_notes, save_notes
from reader.core.study import open_study
from reader.ui.codebook import counting
from reader.ui.codebook.model import COUNTING, COUNTS_NAMED, CodeTreeModel
from reader.ui.window.main_window import MainWindow

WORDS = {  # words of each talk (tests/ui/conftest.py TALKS) to code "Drinks"
    "P01 Ana": ["coffee"],
    "P02 Ben": ["dawn", "nobody"],
    "P10 Cem": [],
}


def drinks_study(folder: Path, words: dict[str, list[str]] = WORDS) -> None:
    """The three talks, coded "Drinks": Ana once, Ben twice, Cem never (3 in all, whichever
    is open: what a stale count adds up is another number)."""
    study = open_study(folder)
    drinks = study.writable_codebook().create("Drinks")
    for entry in study.interviews:
        session = study.open_session(entry)
        text = session.document.text
        for word in words[entry.title]:
            start = text.index(word)
            highlight = make_highlight(text, start, start + len(word))
            session.add_highlight(highlight.edited(codes=(drinks.id,)))
        save_notes(study.notes_path(entry), session.notes)
    study.save()


class Gate:
    """The notes files' reader, patched: records on which thread each file was read and,
    while closed, holds the worker before its first file."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reads: list[tuple[Path, bool]] = []  # (path, on the GUI thread)
        self.open = threading.Event()
        self.waiting = threading.Event()
        monkeypatch.setattr(notes_files_cache, "load_notes", self.load)

    def load(self, path: Path) -> Any:
        on_gui = threading.current_thread() is threading.main_thread()
        if not on_gui:
            self.waiting.set()
            assert self.open.wait(30)
        self.reads.append((path, on_gui))
        return load_notes(path)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    return Gate(monkeypatch)


def worker_idle() -> None:
    """Back once every count given to the worker has ended (and sent what it found):
    what it sent waits in the GUI thread's queue, as this blocks that thread."""
    assert counting._pool is not None
    counting._pool.submit(lambda: None).result(timeout=30)


def drinks_cell(window: MainWindow) -> str:
    hub = window.codebook.hub
    index = window.codebook.panel.model.index_of(hub.book.find("Drinks").id, 1)
    return str(index.data())


def expected(folder: Path) -> Counter[str]:
    """The study's counts as the GUI thread counted them before: each notes file read
    from disk, the open interview's as its file has them (nothing edited)."""
    study = open_study(folder)
    total = Counter[str]()
    for entry in study.interviews:
        notes = load_notes(study.notes_path(entry))
        assert notes is not None
        total.update(codes_in_sets(coding_sets(notes.highlights)))
    return total


def test_the_counts_come_in_from_the_worker_in_place(
    make_study_window, folder: Path, qtbot, gate: Gate
) -> None:
    drinks_study(folder)
    window = make_study_window(folder)
    hub, panel = window.codebook.hub, window.codebook.panel
    drinks = hub.book.find("Drinks").id
    open_title = window.header_line.text().split("</b>")[0].removeprefix("<b>")
    qtbot.waitUntil(gate.waiting.is_set)  # the worker waits at its first file: still counting
    model = panel.model
    assert drinks_cell(window) == str(len(WORDS[open_title]))  # the open interview's
    assert hub.tally.counting
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == COUNTING
    tip = str(model.index_of(drinks, 1).data(Qt.ItemDataRole.ToolTipRole))
    assert tip.endswith(f"in this interview. {COUNTING}")
    panel.set_current(drinks)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))

    gate.open.set()
    qtbot.waitUntil(lambda: drinks_cell(window) == "3")
    assert not hub.tally.counting and resets == []  # in place: no reset, nothing redrawn anew
    assert panel.current_id() == drinks
    tip = model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == COUNTS_NAMED
    assert model.counts == expected(folder) == hub.counts()
    others = {p for p, _ in gate.reads} - {window.interview.notes_path}
    assert len(others) == 2  # the other interviews' files, read by the worker only
    assert all(not on_gui for p, on_gui in gate.reads if p in others)


def test_a_count_made_stale_by_a_switch_is_never_shown(
    make_study_window, folder: Path, qtbot, gate: Gate
) -> None:
    """The worker has counted the others of Ana (Ben and Cem: 2); before that reaches the
    GUI thread, Ben is opened: taken, it would show 2 + Ben's 2 = 4. It is dropped, and
    the count made again for Ben gives 3."""
    drinks_study(folder)
    window = make_study_window(folder)
    hub = window.codebook.hub
    assert window.header_line.text().startswith("<b>P01 Ana</b>")
    shown: list[str] = []
    window.codebook.panel.model.dataChanged.connect(lambda *_: shown.append(drinks_cell(window)))
    qtbot.waitUntil(gate.waiting.is_set)
    gate.open.set()
    worker_idle()  # Ana's others counted and sent, not yet received
    window.switcher.step(1)
    assert window.header_line.text().startswith("<b>P02 Ben</b>")
    qtbot.waitUntil(lambda: not hub.tally.counting)
    assert drinks_cell(window) == "3" and "4" not in shown
    assert hub.counts() == expected(folder)


def test_a_count_made_stale_by_a_merge_while_reading_is_dropped_at_once(
    make_study_window, folder: Path, qtbot, gate: Gate, dialogs
) -> None:
    """Merging rewrites the other interviews' files while the worker reads them: the count
    under way stops; the merge's dialog says the study's number, counted then."""
    drinks_study(folder)
    window = make_study_window(folder)
    hub, panel = window.codebook.hub, window.codebook.panel
    hub.create("Beverages")
    drinks = hub.book.find("Drinks").id
    qtbot.waitUntil(gate.waiting.is_set)
    panel.set_current(drinks)
    dialogs.item_answers.append((0, True))  # the only other code: Beverages
    panel.merge_code()
    assert ("item", "Merge Codes: Merge “Drinks” (3 coded passages) into:") in dialogs.shown
    beverages = hub.book.find("Beverages").id
    assert hub.counts() == {beverages: 3}
    gate.open.set()
    worker_idle()
    qtbot.waitUntil(lambda: not hub.tally.counting)
    assert panel.model.counts == {beverages: 3}


def test_once_counted_a_merge_counts_again_at_once_without_a_dip(
    make_study_window, folder: Path, qtbot, gate: Gate, dialogs
) -> None:
    """The study's counts in, a merge (and its undo) rewrites the others' files: they are
    counted again at once (only those files parsed again), never shown as the open
    interview's alone meanwhile."""
    drinks_study(folder)
    gate.open.set()
    window = make_study_window(folder)
    hub, panel = window.codebook.hub, window.codebook.panel
    hub.create("Beverages")
    qtbot.waitUntil(lambda: drinks_cell(window) == "3")
    dipped: list[bool] = []
    hub.countsChanged.connect(lambda: dipped.append(hub.tally.counting))
    panel.set_current(hub.book.find("Drinks").id)
    dialogs.item_answers.append((0, True))  # the only other code: Beverages
    panel.merge_code()
    beverages = hub.book.find("Beverages").id
    assert panel.model.counts == {beverages: 3}
    panel.view.setFocus()
    window.window_actions.undo.trigger()
    assert drinks_cell(window) == "3"
    assert dipped and not any(dipped)


@pytest.mark.parametrize("sent", [False, True], ids=["reading", "sent-not-received"])
def test_closing_the_window_while_counting_is_safe(
    folder: Path, qtbot, gate: Gate, dialogs, sent: bool
) -> None:
    """Closed and deleted while the worker reads (it stops at its next file and sends
    nothing), or once it has sent its counts and before they are received (Qt drops them
    with their receiver): nothing is emitted into the objects gone."""
    drinks_study(folder)
    window = MainWindow()  # not the fixture's: it would close the window deleted here
    window.show()
    qtbot.waitExposed(window)
    assert window.study_actions.open_path(folder)
    qtbot.waitUntil(gate.waiting.is_set)
    if sent:
        gate.open.set()
        worker_idle()
    assert window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
    gate.open.set()
    worker_idle()
    QApplication.processEvents()  # what the worker sent: nobody to receive it
    read = [on_gui for _, on_gui in gate.reads].count(False)
    assert read == (2 if sent else 1)  # stopped at once when it was still reading


def test_another_study_opened_while_counting_shows_its_own_counts(
    make_study_window, folder: Path, tmp_path: Path, qtbot, gate: Gate
) -> None:
    """The first study closes while the worker holds in its files; the second's counts are
    its own (Drinks once, in Cem), never the first's 3."""
    drinks_study(folder)
    second = tmp_path / "second"
    second.mkdir()
    for talk in folder.glob("*.txt"):
        (second / talk.name).write_bytes(talk.read_bytes())
    drinks_study(second, {"P01 Ana": [], "P02 Ben": [], "P10 Cem": ["coffee"]})
    window = make_study_window(folder)
    hub = window.codebook.hub
    shown: list[str] = []
    window.codebook.panel.model.dataChanged.connect(lambda *_: shown.append(drinks_cell(window)))
    qtbot.waitUntil(gate.waiting.is_set)
    assert window.study_actions.open_path(second)
    assert hub.study is not None and hub.study.folder == second
    gate.open.set()
    qtbot.waitUntil(lambda: not hub.tally.counting)
    assert drinks_cell(window) == "1" and "3" not in shown
    assert hub.counts() == expected(second)


def test_a_count_under_way_ends_at_its_next_file_as_the_app_quits(
    make_study_window, folder: Path, qtbot, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python waits for the worker's thread at exit: quitting (aboutToQuit, connected once
    with the worker) must not read the rest of a study first."""
    monkeypatch.setattr(counting, "_quitting", threading.Event())  # this test's quit only
    drinks_study(folder)
    window = make_study_window(folder)
    qtbot.waitUntil(gate.waiting.is_set)
    counting._quitting.set()
    gate.open.set()
    worker_idle()
    assert [on_gui for _, on_gui in gate.reads].count(False) == 1  # then it stopped
    QApplication.processEvents()
    assert window.codebook.hub.tally.counting  # nothing came: the open interview's alone


def test_each_coding_moves_only_its_codes_and_those_above_them(
    make_study_window, folder: Path, qtbot
) -> None:
    """Passages of the open interview coded, recoded and uncoded one step at a time, as the
    Code picker does: after each, the tree shows what counting every code again shows (a
    category's total included, each passage once, as Retrieve counts them; a count back to
    none), and only the cells that changed are told (#17: with 1,000 codes, counting all
    again took 2 ms of each coding)."""
    drinks_study(folder)
    window = make_study_window(folder)
    hub, model = window.codebook.hub, window.codebook.panel.model
    qtbot.waitUntil(lambda: not hub.tally.counting)
    drinks = hub.book.find("Drinks").id
    beverages = hub.create("Beverages")
    assert beverages is not None
    tea = hub.create("Tea", parent=beverages.id)
    assert tea is not None and hub.move(drinks, beverages.id)
    session = window.interview.session
    assert session is not None
    text = session.document.text
    words = [m.span() for m in re.finditer(r"\w{5,}", text) if m.group() != "coffee"][:2]
    controller = window.interview.controller
    assert controller is not None
    added = [controller.add_highlight(start, end, "yellow") for start, end in words]
    passages = [h.id for h in added if h is not None]  # coloured: uncoded, they stay
    told: list[str] = []
    model.dataChanged.connect(lambda first, *_: told.append(model.code_id(first)))
    steps = [  # and Beverages' cell after it, the study's three Drinks and these
        (passages[0], (tea.id,), "0 (4)"),
        (passages[1], (tea.id, drinks), "0 (5)"),  # one passage, under Beverages twice
        (passages[0], (drinks,), "0 (5)"),  # Beverages' total stays as it was
        (passages[1], (), "0 (4)"),
        (passages[0], (), "0 (3)"),
    ]
    shown = CodeTreeModel(hub)
    for passage, codes, total in steps:
        told.clear()
        hub.set_codes(passage, codes)
        assert model.index_of(beverages.id, 1).data() == total
        counted_again = CodeTreeModel(hub)
        assert dict(+model.counts) == dict(+counted_again.counts)
        assert model.totals == counted_again.totals
        moved = {
            code_id
            for code_id in counted_again.ids
            if counted_again.counts[code_id] != shown.counts[code_id]
            or counted_again.totals.get(code_id) != shown.totals.get(code_id)
        }
        assert set(told) == moved and len(told) == len(moved)
        shown = counted_again
    assert model.index_of(tea.id, 1).data() == "0"


def test_a_code_says_how_many_interviews_it_is_in_and_keeps_count(
    make_study_window, folder: Path, qtbot
) -> None:
    """Under the tree and in the name's tooltip (the name a narrow dock cuts, whole): its
    passages and the interviews they are in, as interviews are switched and coded."""
    from tests.ui.test_codebook import code_with_keys

    drinks_study(folder)
    window = make_study_window(folder)
    hub, panel = window.codebook.hub, window.codebook.panel
    drinks = hub.book.find("Drinks").id
    panel.set_current(drinks)
    qtbot.waitUntil(lambda: panel.use.text() == "3 passages in 2 interviews")
    tip = str(panel.model.index_of(drinks).data(Qt.ItemDataRole.ToolTipRole))
    assert "<b>Drinks</b>" in tip and "3 passages in 2 interviews" in tip  # no description
    for _ in range(2):
        window.switcher.step(1)
        assert panel.use.text() == "3 passages in 2 interviews"
    assert window.switcher.current == hub.study.interviews[2].id  # Cem's: no Drinks yet
    code_with_keys(window, qtbot, "coffee", "Drinks")
    assert panel.use.text() == "4 passages in 3 interviews"


def test_a_code_with_sub_codes_says_its_whole_use_in_a_narrow_dock(
    make_study_window, folder: Path, qtbot
) -> None:
    """Its use and its sub-codes' took one line, cut at 1024×640 ("1 passage in 1
    interview; 2…"): it wraps to the lines it needs, the rest of the panel below them."""
    drinks_study(folder)
    study = open_study(folder)
    study.writable_codebook().create("Tea", parent=study.codebook.find("Drinks").id)
    study.save()
    window = make_study_window(folder)
    window.resize(1024, 640)
    panel = window.codebook.panel
    panel.parentWidget().show()
    panel.set_current(window.codebook.hub.book.find("Drinks").id)
    qtbot.waitUntil(lambda: "its sub-codes" in panel.use.text())
    qtbot.waitUntil(lambda: panel.use.isVisible() and panel.use.width() < 300)
    assert not panel.use.is_elided()
    lines = panel.use.height() // panel.use.fontMetrics().height()
    assert lines >= 2 and panel.use.geometry().bottom() < panel.color_button.geometry().top()


def counted_after_switching(
    window: MainWindow, qtbot, monkeypatch, looks: list[Any]
) -> list[object]:
    """Ctrl+PgDn, and the notes folder's look after it by the Codebook's counts: the
    counts of every interview made again meanwhile (NotesFilesCache.coding_sets calls)."""
    hub, cache = window.codebook.hub, window.study.notes_files
    counted: list[object] = []
    coding_sets = cache.coding_sets
    monkeypatch.setattr(cache, "coding_sets", lambda *a: counted.append(a) or coding_sets(*a))

    def counts_looked() -> int:
        return sum(watch.parent() is hub.tally for watch in looks)

    before = counts_looked()
    window.switcher.step(1)
    qtbot.waitUntil(lambda: counts_looked() > before)
    return counted


@pytest.fixture
def looks(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The DiskWatch looks made from now on (each watch, once things settled)."""
    from reader.ui.persistence.file_guard import DiskWatch

    looked: list[Any] = []
    settled = DiskWatch._settled
    monkeypatch.setattr(DiskWatch, "_settled", lambda watch: (settled(watch), looked.append(watch)))
    return looked


def test_the_interview_left_is_not_counted_again_from_its_file(
    make_study_window, folder: Path, qtbot, monkeypatch, looks: list[Any]
) -> None:
    """Ctrl+PgDn saves the interview left, whose codings join the others' as it goes; the
    notes folder's watch then saw a file changed and counted every file again (90 ms of
    each switch in a study of 300). Another program's write is still counted."""
    from tests.ui.test_codebook import code_with_keys

    drinks_study(folder)
    window = make_study_window(folder)
    hub = window.codebook.hub
    qtbot.waitUntil(lambda: drinks_cell(window) == "3")
    code_with_keys(window, qtbot, "handover", "Drinks")
    assert drinks_cell(window) == "4"
    assert counted_after_switching(window, qtbot, monkeypatch, looks) == []
    assert drinks_cell(window) == "4" and hub.counts() == expected(folder)
    study = open_study(folder)  # another program codes Cem's "coffee"
    cem = study.interviews[2]
    session = study.open_session(cem)
    start = session.document.text.index("coffee")
    coded = make_highlight(session.document.text, start, start + 6)
    session.add_highlight(coded.edited(codes=(hub.book.find("Drinks").id,)))
    save_notes(study.notes_path(cem), session.notes)
    qtbot.waitUntil(lambda: drinks_cell(window) == "5")


def test_the_interview_left_unwritten_is_counted_again_from_its_file(
    make_study_window, folder: Path, qtbot, monkeypatch, looks: list[Any]
) -> None:
    """An interview whose notes could not be written as it was left does not hold in its
    file the codings that joined the others' then: the counts are made again from the
    files, as the study has them."""
    from tests.ui.test_codebook import code_with_keys

    drinks_study(folder)
    window = make_study_window(folder)
    qtbot.waitUntil(lambda: drinks_cell(window) == "3")
    code_with_keys(window, qtbot, "handover", "Drinks")
    monkeypatch.setattr(window.interview.saver, "flush", lambda: True)  # nothing written
    assert counted_after_switching(window, qtbot, monkeypatch, looks) != []
    assert drinks_cell(window) == "3" and window.codebook.hub.counts() == expected(folder)
