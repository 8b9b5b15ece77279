"""Switches kept between sessions, as they were last turned: the notes' preview (Format ▸
Preview Notes), Playback ▸ Follow Along and Typist's Loop. Each is written to the settings
when it turns, and turned as written when the window is made (its handlers connected
first, so that turning it does what the user's turning did).

The playback speed too: one for the whole app, as media players keep it, written when
another is chosen and checked in Playback ▸ Speed when the window is made. The player,
made with the first recording, plays at the speed checked there."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from reader.ui.window.actions import Actions

SPEED_KEY = "playback/speed"


def keep_switches(actions: Actions, store: QSettings) -> None:
    playback = actions.playback
    for key, action in (
        ("view/preview-notes", actions.toggle_preview),
        ("playback/follow-along", playback.follow),
        ("playback/typist-loop", playback.typist_loop),
    ):
        if store.contains(key):
            action.setChecked(bool(store.value(key, False, type=bool)))
        action.toggled.connect(lambda on, key=key: store.setValue(key, on))
    kept = _rate(store.value(SPEED_KEY))  # None: none kept, or not a number
    for speed in playback.speeds:
        if kept == speed.data():
            speed.setChecked(True)
        speed.triggered.connect(lambda _on=False, a=speed: _keep_speed(store, a.data()))


def _rate(value: object) -> float | None:
    try:
        return float(str(value))
    except ValueError:
        return None


def _keep_speed(store: QSettings, rate: float) -> None:
    """Written when it changes: each write syncs the settings file."""
    if _rate(store.value(SPEED_KEY)) != rate:
        store.setValue(SPEED_KEY, rate)
