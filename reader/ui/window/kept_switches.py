"""Switches kept between sessions, as they were last turned: the notes' preview (Format ▸
Preview Notes), Playback ▸ Follow Along and Typist's Loop. Each is written to the settings
when it turns, and turned as written when the window is made (its handlers connected
first, so that turning it does what the user's turning did)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from reader.ui.window.actions import Actions


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
