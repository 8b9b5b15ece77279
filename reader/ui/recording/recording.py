"""The recording of the open interview: showing it (found beside the transcript, or
attached: attaching.py), playing it from the bar and the keys, pausing at its end,
following along in the reader, jumping by time (jumping.py), time links in the notes
(time_links.py), the position kept.

The player (QtMultimedia with it) is made only once a recording is open; what goes wrong
is said once, in the bar and the status line, and the reader goes on as before."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow

from reader.core.notes_file import RecordingRef
from reader.core.recording import find, locate, same_stored, stored_path, what_is_wrong
from reader.core.session import Session
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.notes.notes_pane import NotesPane
from reader.ui.passing_status import PassingStatus
from reader.ui.reading.reader_view import ReaderView
from reader.ui.recording.attaching import Attaching
from reader.ui.recording.availability import NO_TIMES, Availability, PlaybackState
from reader.ui.recording.jumping import TimeJumps, times
from reader.ui.recording.player_bar import PlayerBar
from reader.ui.window.actions import Playback

if TYPE_CHECKING:  # made with the first recording: start-up imports none of them
    from reader.core.sync import SyncTable
    from reader.ui.recording.follow import FollowOverlay
    from reader.ui.recording.media import Player
    from reader.ui.recording.time_links import TimeLinks
    from reader.ui.recording.video import VideoDock

SKIP_MS = 5000
LOOP_BACK_MS = 2000  # the typist's loop: every pause goes back this far
SAVE_EVERY_MS = 30_000  # while playing, the position is saved this often
SILENT = "No sound device was found: the recording plays silently"
NO_SOUND = f"{SILENT}; its times and following along still work."
NO_SOUND_NO_TIMES = f"{SILENT}. {NO_TIMES}"  # not that following along works


class Recording(QObject):
    def __init__(
        self,
        interview: OpenInterview,
        reader: ReaderView,
        notes: NotesPane,
        bar: PlayerBar,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self._interview, self._reader, self._notes, self._window = interview, reader, notes, window
        self.bar = bar
        self._overlay: FollowOverlay | None = None
        self._following = True
        self.player: Player | None = None
        self.path: Path | None = None
        self.table: SyncTable | None = None
        self._pending_seek: int | None = None
        self.stop_at: int | None = None  # Play Paragraph pauses at the paragraph's end
        self.jumps = TimeJumps(self, interview, reader)
        self._saved_ms, self._told_silent = 0, False
        self._problem = ""  # why the recording cannot play, said again if play is asked for
        self._status = PassingStatus(interview.status.emit, window.statusBar())
        self.say = self._status.say  # what is said of the recording goes with it
        self._picture = False  # the recording shown has a picture (View ▸ Video)
        self.video: VideoDock | None = None  # made with the first recording
        self._availability: Availability | None = None
        self._time_links: TimeLinks | None = None
        # The bar and the overlay are this feature's own parts.
        bar.seekRequested.connect(self.seek)
        self.attaching = Attaching(self, interview, window)
        bar.locateRequested.connect(self.attaching.choose)

    def connect_playback(self, playback: Playback) -> None:
        """Follow the open interview, and answer the Playback menu and keys."""
        interview = self._interview
        interview.opened.connect(self.interview_opened)
        interview.replaced.connect(self.interview_replaced)
        interview.aboutToClose.connect(self.interview_closing)
        interview.readOnlyChanged.connect(lambda _read_only: self._show_state())
        self._notes.linkActivated.connect(lambda url: self.time_links.follow(url))
        playback.attach.triggered.connect(self.attaching.choose)
        playback.detach.triggered.connect(self.attaching.detach)
        playback.play.triggered.connect(self.toggle)
        playback.back.triggered.connect(lambda: self.skip(-SKIP_MS))
        playback.forward.triggered.connect(lambda: self.skip(SKIP_MS))
        playback.play_paragraph.triggered.connect(self.jumps.play_paragraph)
        playback.go_to_said.triggered.connect(self.jumps.go_to_said)
        playback.go_to_time.triggered.connect(self.jumps.go_to_time)
        playback.insert_time.triggered.connect(lambda: self.time_links.insert())
        playback.follow.toggled.connect(self.set_follow)
        self._playback = playback
        for speed in playback.speeds:
            speed.triggered.connect(lambda _=False, a=speed: self.set_rate(a.data()))
        self._availability = Availability(playback)
        self._show_state()

    def _show_state(self, closing: bool = False) -> None:
        """The one place that turns the Playback actions (and Locate…) on or off: after
        opening, closing, attaching, detaching, a failure to play, or read-only changing."""
        interview = self._interview
        open_ = interview.session is not None and not closing
        read_only = interview.why_read_only() if open_ else ""
        attached = open_ and self.path is not None
        untimed = attached and self.table is not None and not len(self.table)
        state = PlaybackState(open_, read_only, attached, self._problem, self._picture, untimed)
        if self._availability is not None:
            self._availability.show(state)
        self.bar.set_locatable(open_ and not read_only)

    @property
    def overlay(self) -> FollowOverlay:
        """Made with the first recording: start-up puts nothing on the reader for it."""
        if self._overlay is None:
            from reader.ui.recording.follow import FollowOverlay

            self._overlay = FollowOverlay(self._reader)
            self._overlay.following = self._following
            self._overlay.timeClicked.connect(lambda ms: self.seek(ms, play=True))
            self._overlay.offsetClicked.connect(self.jumps.play_from)
        return self._overlay

    @property
    def time_links(self) -> TimeLinks:
        """Made with the first time link inserted or followed: start-up imports none of it."""
        if self._time_links is None:
            from reader.ui.recording.time_links import TimeLinks

            self._time_links = TimeLinks(self, self._notes)
        return self._time_links

    # Opening and closing ---------------------------------------------------------------

    def interview_opened(self, session: Session) -> None:
        """Show the interview's recording, or one found beside the transcript (also when
        the one named is missing: the folder moved, or both files were renamed)."""
        self._show_state()  # Attach Recording…; the rest once the recording is shown
        notes_path = self._interview.notes_path
        located = find(session.notes, session.document.source, notes_path)
        if located is None or notes_path is None:
            return
        ref = session.notes.recording
        if located.beside:  # a change to the notes, saved as any other
            position = ref.position_ms if ref is not None else 0
            ref = RecordingRef(stored_path(located.path, notes_path), position)
            self._controller_set(ref)
        if ref is None:
            return
        self.table = self._times(session)
        start = located.path, ref.position_ms, located.problem
        # After the window has shown the interview (the player is not start-up's work), if
        # it is still open: another opened in the same turn did not get this one's recording.
        QTimer.singleShot(0, lambda: self._interview.session is session and self._start(*start))

    def interview_replaced(self, session: Session) -> None:
        """Reloaded or merged: times of the text as it is now; the recording another
        machine attached or detached (merged from a sync tool's copy) shown instead."""
        notes_path, ref = self._interview.notes_path, session.notes.recording
        if not same_stored(ref and ref.path, self.path, notes_path):
            self._let_go(remember=False)  # the place in the one played is not the other's
            self.interview_opened(session)
        elif self.path is not None:
            self._show_times(self._times(session))
            self._show_state()  # times added or taken away by the edit

    def interview_closing(self) -> None:
        """Before the notes are written for the last time: keep the position, let go."""
        self._let_go()
        self._show_state(closing=True)

    def _let_go(self, remember: bool = True) -> None:
        if remember:
            self.remember_position(save=True)
        if self.player is not None:
            self.player.close()
        self.path, self.table, self.stop_at, self._picture = None, None, None, False
        self._problem, self._saved_ms, self._pending_seek = "", 0, None  # none for the next
        if self._overlay is not None:
            self._overlay.set_table(None)
        self.bar.hide()
        if self.video is not None:
            self.video.hide_picture()
        self._status.take_back()

    def _start(self, path: Path, position_ms: int, problem: str = "") -> None:
        if self._interview.session is None:
            return
        self.path = path
        self._saved_ms = position_ms
        self._problem = ""
        self.bar.show_recording(path.name, str(path))
        self._show_state()
        self.bar.set_position(position_ms)
        self.overlay.set_table(self.table)
        if self.table is not None and not len(self.table):
            self.say(NO_TIMES, 8000)
        if problem:
            self._cannot_play(problem)
            return
        from reader.ui.recording.media import MediaUnavailableError

        try:
            player = self._player()
        except MediaUnavailableError as exc:
            self._cannot_play(str(exc))
            return
        self._pending_seek = position_ms
        player.open(path)
        if player.silent and not self._told_silent:
            self._told_silent = True
            untimed = self.table is not None and not len(self.table)
            self.say(NO_SOUND_NO_TIMES if untimed else NO_SOUND, 8000)

    def _player(self) -> Player:
        if self.player is None:
            from reader.ui.recording.media import Player

            player = Player(self)
            # At the speed checked in Playback ▸ Speed: the one chosen last (kept_switches.py).
            player.set_rate(next((a.data() for a in self._playback.speeds if a.isChecked()), 1))
            player.positionChanged.connect(self._position_changed)
            player.durationChanged.connect(self._duration_known)
            player.playingChanged.connect(self.bar.set_playing)
            player.loaded.connect(self._loaded)
            player.failed.connect(self._cannot_play)
            player.videoChanged.connect(self._show_video)
            self.player = player
        return self.player

    def _times(self, session: Session) -> SyncTable:
        return times(session, self.player.duration() if self.player is not None else 0)

    def _duration_known(self, ms: int) -> None:
        self.bar.set_duration(ms)
        if self.table is not None and (ended := self.table.ending_at(ms)) is not self.table:
            self._show_times(ended)

    def _show_times(self, table: SyncTable) -> None:
        """`table` in place of the times shown, the paragraph being said marked again
        where it stands, not scrolled to (paused, it lost its mark until played)."""
        self.table = table
        self.overlay.set_table(table)
        self.overlay.open_quietly()
        self.overlay.show_position(self.position())

    def _loaded(self) -> None:
        ms, self._pending_seek = self._pending_seek, None
        if self.player is not None and ms is not None and ms != self.player.position():
            self.overlay.open_quietly(ms == self._saved_ms)  # its place: the reader's too
            self.player.seek(ms)

    def _cannot_play(self, problem: str) -> None:
        self._problem = problem
        path = self.path
        short = f"{path.name} {what_is_wrong(path)}" if path else "The recording cannot be played"
        self.bar.set_playable(False, problem, short)  # the whole sentence in its tip
        self.say(problem, 10_000)
        self._show_state()

    # Attaching (attaching.py asks) ------------------------------------------------------

    def place_for(self, path: Path) -> int:
        """Where `path` starts once attached: locating a missing or unplayable file keeps
        its place; another recording starts at its beginning."""
        return self.position() if path == self.path or self._problem else 0

    def show(self, ref: RecordingRef | None, detached: bool) -> None:
        """The recording `ref` names (None: none) in place of the one shown, also in the
        notes: attaching and detaching, done and undone (attaching.py)."""
        session, notes_path = self._interview.session, self._interview.notes_path
        self._let_go(remember=False)  # its place is in the step that let it go
        self._controller_set(ref, detached=detached)
        if session is None or notes_path is None or ref is None:
            self._show_state()
            return
        located = locate(ref.path, notes_path)
        self.table = self._times(session)
        self._start(located.path, ref.position_ms, located.problem)

    def _controller_set(
        self, ref: RecordingRef | None, save: bool = True, detached: bool | None = None
    ) -> None:
        if self._interview.controller is not None:
            self._interview.controller.set_recording(ref, save, detached)

    # Playing -----------------------------------------------------------------------------

    def playable(self) -> Player | None:
        if self._problem and self.path is not None:
            self.say(self._problem, 10_000)
            return None
        if self.player is None or self.path is None:
            if self._interview.session is not None:
                self.say("No recording is attached: File ▸ Attach Recording… adds one.", 5000)
            return None
        return self.player

    def toggle(self) -> None:
        player = self.playable()
        if player is None:
            return
        if player.is_playing():
            self.pause()
        else:
            if 0 < player.duration() <= player.position():  # at the end: from the start
                player.seek(0)
            player.play()

    def pause(self) -> None:
        player = self.playable()
        if player is None:
            return
        player.pause()
        self.stop_at = None
        if self._playback.typist_loop.isChecked():  # a typist's pause steps back a little
            player.seek(player.position() - LOOP_BACK_MS)
        self.remember_position(save=True)

    def skip(self, delta_ms: int) -> None:
        """Back or on a few seconds; inside Play Paragraph, still stopping at its end."""
        player = self.playable()
        if player is not None:
            stop_at = self.stop_at
            if self.seek(self.position() + delta_ms):
                self.stop_at = stop_at

    def seek(self, ms: int, play: bool = False) -> bool:
        """Go to `ms` (and play): a new place, so Play Paragraph's stop is gone (a time
        clicked in the margin paused at the last paragraph's end). False where it could
        not go there: no recording, or past its end (then at its end, paused)."""
        player = self.playable()
        self.stop_at = None
        if player is None:
            return False
        went = True
        if 0 < player.duration() <= ms:  # Qt would go on "playing" at the end, silent
            from reader.core.sync import format_time

            end = player.duration()
            if ms > end:  # the slider taken to its end is no place after it
                said = f"{format_time(ms)} is after the end of the recording ({format_time(end)})."
                self.say(said, 6000)
            ms, play, went = end, False, ms == end
            player.pause()
        if self._pending_seek is not None:  # not loaded yet: go there once it is
            self._pending_seek = ms
        player.seek(ms)
        if play:
            player.play()
        elif not player.is_playing():
            self.remember_position(save=True)
        return went

    def set_rate(self, rate: float) -> None:
        if self.player is not None:
            self.player.set_rate(rate)
        self.bar.set_rate(rate)

    def set_follow(self, on: bool) -> None:
        self._following = on
        if self._overlay is not None:
            self._overlay.following = on
            if on and self.player is not None:
                self._overlay.show_position(self.player.position(), now=True)

    def position(self) -> int:
        """Where playback stands; for a recording that cannot play, where it stood."""
        if self._pending_seek is not None:
            return self._pending_seek
        if self.player is None or self._problem:
            return self._saved_ms
        return self.player.position()

    def _position_changed(self, ms: int) -> None:
        self.bar.set_position(ms)
        self.overlay.show_position(ms)
        player = self.player
        if player is not None and 0 < player.duration() <= ms and player.is_playing():
            player.pause()  # at its end, where Qt went on "playing", silent, showing Pause
            self.stop_at = None
            self.remember_position(save=True)
        elif self.stop_at is not None and ms >= self.stop_at and self.player is not None:
            self.stop_at = None
            self.pause()
        elif abs(ms - self._saved_ms) >= SAVE_EVERY_MS:
            self.remember_position(save=True)

    def remember_position(self, save: bool) -> None:
        session = self._interview.session
        if session is None or session.notes.recording is None or self.path is None:
            return
        ms = self.position()
        if ms != session.notes.recording.position_ms:
            self._saved_ms = ms
            self._controller_set(replace(session.notes.recording, position_ms=ms), save)

    # Video -------------------------------------------------------------------------------

    def _show_video(self, has_video: bool) -> None:
        if self.player is None:
            return
        if self.video is None:
            from reader.ui.recording.video import VideoDock

            self.video = VideoDock(self._window, self._playback.video)
        self._picture = has_video
        self.video.show_picture(self.player, has_video)
        self._show_state()  # View ▸ Video on or off
