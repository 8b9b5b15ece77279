"""Opening things: New Study…, Open Study…, Open Interview…, Open Recent, files and
folders dropped on the window, what opens at start-up, what opens when the open interview
leaves the study; and the library's dialogs (add interviews, locate a transcript, define
an attribute).

The Open dialogs start in the folder used last, never in the app's own (where the bundled
sample is), which the core refuses as a study (study_places.app_folder). Opening a file
that the open study lists switches to it; any other file closes the study and opens
alone, as before studies.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMenu, QMessageBox

from reader.core.study_places import FILE_NAME, study_folders
from reader.core.wording import counted
from reader.ui.after_paint import AfterPaint
from reader.ui.dropped import dropped_paths
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.library import unreadable
from reader.ui.library.awaited_study import AwaitedStudy
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.recent import Recent, RecentList
from reader.ui.library.switcher import InterviewSwitcher

if TYPE_CHECKING:  # the study modules load when a study opens (start-up, #17)
    from reader.core.study import Study

_SUFFIXES = "*.txt *.md *.markdown *.vtt *.srt *.json *.tsv *.csv *.lrc *.docx *.odt *.rtf *.doc"
TRANSCRIPTS = f"Interviews ({_SUFFIXES});;All files (*)"


class StudyActions(QObject):
    nothingToOpen = Signal(str)  # why; unsaved notes were asked about before, once
    added = Signal()  # interviews added (a dialog, a drop): the window shows them

    def __init__(
        self,
        window: QMainWindow,
        interview: OpenInterview,
        owner: OpenStudy,
        switcher: InterviewSwitcher,
        settings: QSettings,
    ) -> None:
        super().__init__(window)
        self.window, self.interview, self.owner, self.switcher = window, interview, owner, switcher
        self.settings = settings
        self.recent = RecentList(settings)
        self.awaited = AwaitedStudy(self, self.open_folder, interview.status.emit, window)
        switcher.switched.connect(self._remember_interview)
        switcher.switched.connect(self.awaited.switched)
        # Once the step is done (a redo, an undone Add, another program's change).
        owner.interviewsChanged.connect(self._follow_list, Qt.ConnectionType.QueuedConnection)
        owner.changed.connect(self._open_when_emptied, Qt.ConnectionType.QueuedConnection)
        self._emptied = False  # the last interview open left the study, none opened after
        self._unopenable: set[str] = set()  # tried meanwhile: not tried again at each change
        self.memo_saved: Callable[[], bool] = lambda: True  # the study memo's (ui/memo)
        self.memo_rescued: Callable[[], str] = lambda: ""  # its rescue line, once closed
        self.first_paint_due = False  # opening at start: what can wait for the paint does
        window.setAcceptDrops(True)  # files and folders dropped anywhere on the window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind in (QEvent.Type.DragEnter, QEvent.Type.Drop):
            assert isinstance(event, QDropEvent)  # a QDragEnterEvent is one too
            paths = dropped_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                if kind == QEvent.Type.Drop:
                    # After the drop returns: opening may ask in a modal dialog.
                    QTimer.singleShot(0, lambda: self.dropped(paths))
                return True
        return super().eventFilter(watched, event)

    # Opening -----------------------------------------------------------------------------

    def open_at_start(self, path: Path | None, notes: Path | None, fallback: Path) -> bool:
        """What the command line names; else what was open last; else `fallback`. The
        recent list takes it once the reader has painted, and its notes' lock too."""
        self.recent.hold()
        AfterPaint(self.window, self.recent.release).start()
        self.interview.lock_after_paint = self.first_paint_due = True
        try:  # this open only: a later one locks at once, even after an error here
            last = self.recent.last() if path is None and notes is None else None
            opened = last is not None and self.open_path(last.path, last.notes, recent=True)
            with self.awaited.kept():  # the last study, being written, opens once it is done
                return opened or self.open_path(path or fallback, notes)
        finally:
            self.interview.lock_after_paint = self.first_paint_due = False

    def open_path(self, path: Path, notes: Path | None = None, recent: bool = False) -> bool:
        path = Path(path)
        if path.is_dir():
            return self.open_folder(path)
        study = self.owner.study
        if study is not None and notes is None:
            resolved = path.resolve()
            for entry in study.interviews:
                if study._resolved(entry) == resolved:
                    return self.switcher.open(entry.id)
        folders = study_folders(path.resolve()) if notes is None else []
        if folders:  # the study modules load only where a study may list it
            from reader.core.study import study_of

            found = study_of(path, folders)  # its notes are the study's: alone, it had none
            if found is not None:
                listing, entry = found  # read once; read-only, read again for work
                reuse = None if listing.read_only else listing
                return self.open_folder(listing.folder, entry.id, reuse)
        opened = self.may_close_study() and self.interview.open(path, notes, from_recent=recent)
        if not opened:
            return False  # asked for meanwhile, a study being written still opens once done
        self.awaited.forget()
        self.owner.close()
        self.recent.add(path, study=False, notes=notes, opened=self.interview.notes_path)
        return True

    def open_folder(self, folder: Path, interview_id: str = "", study: Study | None = None) -> bool:
        """Open `folder` as the study (`study`, when already opened from it) at
        `interview_id`, else its interview open last there (or its first). Whether to let
        go what cannot be saved is asked first, once: Cancel leaves all as it was."""
        from reader.core.study import StudyBeingWrittenError  # loaded with the study

        if not self.may_close_study() or not self.interview.may_discard_unsaved():
            return False  # Cancel: a study being written, asked for before, still opens
        self.awaited.forget()
        try:
            problem = self.owner.open(folder, study)
        except StudyBeingWrittenError as exc:
            self.awaited.wait(folder, interview_id, exc.wait_ms)
            return False
        if problem:
            QMessageBox.warning(self.window, "Cannot open the study", problem)
            return False
        study = self.owner.study
        assert study is not None
        self.recent.add(study.folder, study=True)
        ids = [e.id for e in study.interviews if not study.is_missing(e)]
        last = interview_id if interview_id in ids else self.recent.last_interview(study.folder)
        listed = self.switcher.panel.visible_ids()  # the Library's order
        present = set(ids)  # asked once per id listed: 1.4 ms for 500 as a list
        candidates = [i for i in dict.fromkeys([last, *listed, *ids]) if i in present]
        self._open_first(candidates)
        if self.first_paint_due:  # behind what the interview's lock, taken after it, says
            AfterPaint(self.window, partial(QTimer.singleShot, 0, self.owner.tell_notice)).start()
        else:
            self.owner.tell_notice()
        return True

    def _remember_interview(self, interview_id: str) -> None:
        if self.owner.study is not None and interview_id:
            self.recent.remember_interview(self.owner.study.folder, interview_id)

    def choose_interview(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Open Interview", self.recent.folder(), TRANSCRIPTS
        )
        if path:
            self.open_path(Path(path))

    def choose_study(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, "Open Study — a folder of interviews", self.recent.folder()
        )
        if folder:
            self.open_folder(Path(folder))

    def new_study(self) -> None:
        """A study in a chosen (usually new, empty) folder, written at once; the
        transcripts already in it become its interviews."""
        folder = QFileDialog.getExistingDirectory(
            self.window, "New Study — choose or create its folder", self.recent.folder()
        )
        if not folder:
            return
        had_file = (Path(folder) / FILE_NAME).exists()
        if not self.open_folder(Path(folder)) or had_file:
            return
        self.owner.save()
        study = self.owner.study
        assert study is not None
        count, name = len(study.interviews), study.folder.name
        self.owner.status.emit(
            f"New study of {counted(count, 'interview')} from “{name}”."
            if count
            else f"New study in “{name}”: add interviews with the Library's Add button or "
            "by dropping files on the window.",
            8000,
        )

    def fill_recent_menu(self, menu: QMenu) -> None:
        self.recent.fill_menu(menu, self._open_recent)

    def _open_recent(self, item: Recent) -> None:
        if not item.path.exists():
            opens = "Open Study…" if item.study else "Open Interview…"
            said = f"{item.path} is not there any more: moved or renamed, or on a drive not "
            said += f"connected. File ▸ {opens} opens it where it is now."
            QMessageBox.warning(self.window, "Not there", said)
            return
        self.open_path(item.path, item.notes, recent=True)

    def dropped(self, paths: list[Path]) -> None:
        """Files and folders dropped on the window: into the open study, or opened."""
        paths = [p for p in paths if p.exists()]
        if not paths:
            return
        single = paths[0]
        if self.owner.study is None or (single.is_dir() and (single / FILE_NAME).exists()):
            self.open_path(single)
        elif self.owner.read_only:
            self.owner.message.emit(self.owner.why_read_only())
        else:
            self._added(self.owner.add_files(paths))

    # The library's dialogs -----------------------------------------------------------------

    def add_files(self) -> None:
        if self.owner.study is None or self.owner.read_only:
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Add Interviews to the Study", self.recent.folder(), TRANSCRIPTS
        )
        if paths:
            self.recent.set_folder(Path(paths[0]).parent)
            self._added(self.owner.add_files([Path(p) for p in paths]))

    def add_folder(self) -> None:
        if self.owner.study is None or self.owner.read_only:
            return
        folder = QFileDialog.getExistingDirectory(
            self.window, "Add a Folder of Interviews", self.recent.folder()
        )
        if folder:
            self._added(self.owner.add_files([Path(folder)]))

    def _added(self, entries: list) -> None:
        if entries:
            count = len(entries)
            self.owner.status.emit(f"Added {counted(count, 'interview')}.", 5000)
            if not self.switcher.current:
                self.switcher.open(entries[0].id)
            self.added.emit()

    def relocate(self, interview_id: str) -> None:
        study = self.owner.study
        if study is None or study.read_only:
            return
        entry = study.interview(interview_id)
        path, _ = QFileDialog.getOpenFileName(
            self.window, f"Where is “{entry.title}” now?", self.recent.folder(), TRANSCRIPTS
        )
        if path and self.owner.relocate(interview_id, Path(path)):
            self.switcher.open(interview_id)

    def remove(self, interview_id: str) -> None:
        """Delete in the Library: the interview leaves the study's list (its files stay).
        The open one gives way first, so that nothing typed goes to an interview the study
        no longer lists; when it cannot (its notes could not be written and the user kept
        them), it stays in the study."""
        if self.owner.study is None or self.owner.read_only:
            return
        if interview_id != self.switcher.current or self._give_way(interview_id):
            self.owner.remove(interview_id)

    def _follow_list(self, _came: list[str], went: list[str]) -> None:
        """The open interview left the study's list otherwise (a removal redone, its
        adding undone, taken out by another program): it gives way."""
        study, current = self.owner.study, self.switcher.current
        # Queued: a step undone since may have brought it back.
        if study is not None and current in went and all(e.id != current for e in study.interviews):
            self._give_way(current)

    def _open_when_emptied(self) -> None:
        """With none open since the last one left, one that can open (back by Undo, or
        its transcript located) opens."""
        study = self.owner.study
        if study is not None and self._emptied and not self.switcher.current:
            ids = [e.id for e in study.interviews if e.id not in self._unopenable]
            last = self.recent.last_interview(study.folder)  # first: Undo may have brought it back
            ready = list(dict.fromkeys([last, *ids] if last in ids else ids))
            self._emptied = not (ready and self._open_first(ready))

    def _give_way(self, leaving: str) -> bool:
        """Open the interview listed after `leaving` (as the Library shows them), else the
        one before, else another of the study's; with none that opens, show none. False
        when the open interview's notes could not be written and the user kept it."""
        study = self.owner.study
        assert study is not None
        if not self.interview.may_discard_unsaved():
            return False
        after, before = self.switcher.neighbours(leaving)
        others = [e.id for e in study.interviews if e.id != leaving]
        self._unopenable.clear()
        self._emptied = not self._open_first(
            list(dict.fromkeys([*after, *before, *others])),
            "No other interview of the study can open: locate a missing transcript in the "
            "Library (right-click, or Shift+F10, ▸ Locate Transcript…)."
            if others
            else "No interview is left in the study: add some with the Library's Add "
            "button or drop files on the window.",
        )
        return True

    def _open_first(self, candidates: list[str], none_open: str = "") -> bool:
        """Open the first of `candidates` that opens, those whose transcript is missing
        passed over (whether to let unsaved notes go was asked before); with none, show
        none, saying `none_open` (else why none opened). The transcripts that could not be
        read are said after, in one dialog, and the status line names the interviews that
        failed; they are not tried again while none is open (`_unopenable`)."""
        study = self.owner.study
        assert study is not None
        failed: list[str] = []
        opened = False
        with unreadable.gathered(self.interview) as why, self.awaited.kept():  # the app's choice
            for candidate in (c for c in candidates if not study.is_missing(c)):
                if opened := self.switcher.open(candidate, asked=True):
                    break
                failed.append(candidate)
            else:
                # The interview open before must not look like one of this study's.
                self.nothingToOpen.emit(none_open or _why_none_open(study, failed))
        self._unopenable.update(failed)
        if failed and opened:
            title = study.interview(self.switcher.current).title
            self.owner.status.emit(
                f"{_titles(study, failed)} could not be opened; “{title}” is open instead.", 15000
            )
        titles = {study.transcript_path(e): e.title for e in map(study.interview, failed)}
        unreadable.tell(self.window, [(t, why[p]) for p, t in titles.items() if p in why])
        return opened

    def new_attribute(self) -> None:
        if self.owner.study is None or self.owner.read_only:
            return
        from reader.ui.library.attribute_dialog import AttributeDialog  # on first use

        dialog = AttributeDialog(self.window)
        while dialog.exec() == QDialog.DialogCode.Accepted:  # again while it is refused
            name, kind, choices = dialog.name.text(), dialog.type_name(), dialog.choices()
            if self.owner.define_attribute(name, kind, choices):
                return

    def edit_attribute(self, key: str) -> None:
        study = self.owner.study
        if study is None or study.read_only:
            return
        definition = study.attribute(key)
        from reader.ui.library.attribute_dialog import AttributeDialog

        dialog = AttributeDialog(self.window, definition)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.choices() if definition.type == "choice" else None
        choices = chosen if chosen is not None and tuple(chosen) != definition.options else None
        if dialog.name.text().strip() != definition.label or choices is not None:
            self.owner.change_attribute(key, dialog.name.text(), choices)

    def may_close_study(self) -> bool:
        """Write what study.json could not take yet; if it still cannot, ask whether to
        close the study and lose those changes."""
        if not self.memo_saved():
            return False
        if not self.owner.unsaved or self.owner.save():
            return True
        from reader.ui.library.rescued_study import may_close_unsaved  # not at start-up

        assert self.owner.study is not None
        return may_close_unsaved(self.window, self.owner.study, self.owner.kept_copy)

    def close(self, rescue: bool = False) -> str:
        """The window closes: the study's last state written, its lock released. When the
        system ends the app (`rescue`: nobody was asked), what study.json cannot take goes
        to a rescue copy in the data folder; the line that reports it, if any."""
        self.recent.release()  # closed before its first paint
        report = ""
        if self.owner.unsaved and not self.owner.save() and rescue:
            from reader.ui.library.rescued_study import rescue_study

            assert self.owner.study is not None
            report = rescue_study(self.owner.study, self.owner.kept_copy)
        self.owner.close()  # the memo's, whatever `rescue`, kept by closing it
        return " ".join(filter(None, (report, self.memo_rescued())))


def _titles(study: Study, ids: list[str], most: int = 3) -> str:
    """“A”, “B” and “C” (“A”, “B” and 5 others): the interviews named in one line."""
    titles = [f"“{study.interview(i).title}”" for i in ids[:most]]
    if len(ids) > most:
        titles[-1] = f"{len(ids) - most + 1} others"
    return " and ".join([", ".join(titles[:-1]), titles[-1]] if len(titles) > 1 else titles)


def _why_none_open(study: Study, failed: list[str]) -> str:
    """What the empty reader says when opening a study showed no interview."""
    if failed:  # there, but none could be read (the warnings said why)
        return (
            f"{_titles(study, failed)} could not be opened: choose another interview in the "
            "Library."
        )
    if study.interviews:
        return (
            "None of this study's transcripts is where study.json says: locate them "
            "in the Library (right-click, or Shift+F10, ▸ Locate Transcript…)."
        )
    from reader.core.study_scan import no_interviews_words  # loaded with the study

    return no_interviews_words(study.folder)
