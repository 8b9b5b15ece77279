"""Which Playback actions can act now: greyed out in the menus, on the player bar and for
their keys when they cannot, with the reason in their tips. Recording (recording.py)
knows the state and tells it here whenever it changes. View ▸ Video is on exactly when
the recording has a picture; the video dock (video.py) only follows whether it is checked."""

from __future__ import annotations

from dataclasses import dataclass

from reader.ui.window.actions import Playback
from reader.ui.window.available import set_available

NO_INTERVIEW = "Open an interview first."
NO_RECORDING = "Attach a recording first (File ▸ Attach Recording…)."
NO_VIDEO = "Attach a video recording first (File ▸ Attach Recording…)."
NO_PICTURE = "This recording has no picture."
NO_TIMES = "This transcript has no times, so the recording cannot follow the text."


@dataclass(frozen=True)
class PlaybackState:
    """What the playback actions depend on."""

    interview_open: bool
    read_only: str  # why the open interview's notes cannot be changed; "" when they can
    attached: bool  # a recording is shown in the bar, playable or not
    problem: str = ""  # why the attached recording cannot play
    picture: bool = False  # the attached recording has a picture to show
    untimed: bool = False  # the transcript has no times: no paragraph has its time

    def why_not_follow(self) -> str:
        """Why Play Paragraph and Follow Along cannot act now; "" when they can."""
        return self.why_not_play() or (NO_TIMES if self.untimed else "")

    def why_not_play(self) -> str:
        """Why the recording cannot play now; "" when it can."""
        if not self.interview_open:
            return NO_INTERVIEW
        return NO_RECORDING if not self.attached else self.problem

    def why_not_change(self) -> str:
        """Why no recording can be attached (or located) now; "" when one can."""
        return self.read_only if self.interview_open else NO_INTERVIEW

    def why_not_video(self) -> str:
        """Why View ▸ Video has nothing to show; "" when the recording has a picture."""
        if not self.interview_open:
            return NO_INTERVIEW
        if not self.attached:
            return NO_VIDEO
        return "" if self.picture else self.problem or NO_PICTURE


class Availability:
    def __init__(self, playback: Playback) -> None:
        self._playback = playback
        playing = [
            playback.play,
            playback.back,
            playback.forward,
            playback.go_to_time,
            playback.typist_loop,
            *playback.speeds,
        ]
        self._playing = playing

    def show(self, state: PlaybackState) -> None:
        playback, why_not_play = self._playback, state.why_not_play()
        for action in self._playing:
            set_available(action, why_not_play)
        if playback.speed_menu is not None:  # Playback ▸ Speed, greyed with its speeds
            playback.speed_menu.setEnabled(not why_not_play)
            set_available(playback.speed_menu.menuAction(), why_not_play)
        for action in (playback.play_paragraph, playback.go_to_said, playback.follow):
            set_available(action, state.why_not_follow())
        set_available(playback.insert_time, why_not_play or state.read_only)
        set_available(playback.attach, state.why_not_change())
        set_available(playback.video, state.why_not_video())
        attached = "" if state.attached else "No recording is attached."
        set_available(playback.detach, state.why_not_change() or attached)
