"""The player bar under the reader: play and pause, skip, speed, position, length and a
seek slider, plus the typist's loop and follow-along switches. It shows and asks; the
recording's owner (recording.py) plays."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSlider,
    QToolButton,
    QWidget,
)

from reader.ui import theme
from reader.ui.elided_label import ElidedLabel

NAME_WIDTH = 320  # pixels at most of the file's name or a problem; the tip holds all of it
NAME_SHOWN_FROM = 640  # the bar's width in pixels from which the file's name shows

# A slider holds 32-bit values: 596 hours in ms. A notes file may say more (a hand edit).
SLIDER_MOST = 2**31 - 1


class PlayerBar(QWidget):
    seekRequested = Signal(int)  # milliseconds
    locateRequested = Signal()  # the recording is missing or cannot play: choose another

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("player-bar")
        self.setAccessibleName("Recording player")
        self._actions: tuple[QAction, QAction, QAction, list[QAction], list[QAction]] | None = None
        self._buttons: list[QToolButton] = []
        self._locatable = True  # Locate… changes the notes: not while they are read-only
        self._focus_sent_to: QWidget | None = None  # where the keys went as it hid
        self._playing = False
        self.hide()

    def set_actions(
        self,
        back: QAction,
        play: QAction,
        forward: QAction,
        speeds: list[QAction],
        switches: list[QAction],
    ) -> None:
        """The window's actions, shown as buttons once there is a recording (start-up
        makes no widget for a bar it may never show); their keys and tips come with them."""
        self._actions = (back, play, forward, speeds, switches)
        self._play = play

    def _build(self) -> None:
        assert self._actions is not None
        back, play, forward, speeds, switches = self._actions
        # A hairline above, so the bar reads as the reader's own footer.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("#player-bar { border-top: 1px solid palette(mid); }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(4)
        for action in (back, play, forward):
            layout.addWidget(self._button(action, Qt.ToolButtonStyle.ToolButtonIconOnly))
        self.set_playing(self._playing)  # its icons, and the play button's name
        self.position_label = QLabel("0:00")
        self.length_label = QLabel("0:00")
        self.position_label.setAccessibleName("Position")
        self.length_label.setAccessibleName("Length of the recording")
        for label in (self.position_label, self.length_label):
            label.setFont(theme.ui_font())
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance("0:00:00") + 4)
        self.position_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("player-slider")
        self.slider.setAccessibleName("Position in the recording")
        self.slider.setMinimumWidth(80)
        self.slider.setPageStep(5000)
        self.slider.setSingleStep(1000)
        self.slider.sliderReleased.connect(lambda: self.seekRequested.emit(self.slider.value()))
        self.slider.sliderMoved.connect(self._show_time)  # dragged: where it would land
        self.slider.actionTriggered.connect(self._slider_action)
        self.slider.installEventFilter(self)  # Space plays, as on a player's own slider
        self.speed = QToolButton()
        self.speed.setObjectName("player-speed")
        self.speed.setToolTip("Playback speed (the pitch is kept)")
        self.speed.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.speed.setAutoRaise(True)
        self.set_rate(next((a.data() for a in speeds if a.isChecked()), 1.0))
        menu = QMenu(self.speed)
        menu.addActions(speeds)
        self.speed.setMenu(menu)
        # Shortened in the middle, where names differ least: a long one widened the window.
        # It asks for little: the bar with Locate… is about as wide as the reader's minimum.
        self.name_label = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle, minimum_chars=3)
        self.name_label.setMaximumWidth(NAME_WIDTH)
        self.name_label.setObjectName("player-name")
        self.name_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted
        self.locate_button = QToolButton()
        self.locate_button.setText("Locate…")
        self.locate_button.setToolTip("Choose the recording's file")
        self.locate_button.clicked.connect(self.locateRequested)
        self.locate_button.setEnabled(self._locatable)
        layout.addSpacing(6)
        layout.addWidget(self.position_label)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.length_label)
        layout.addSpacing(6)
        layout.addWidget(self.speed)
        for action in switches:
            layout.addWidget(self._button(action, Qt.ToolButtonStyle.ToolButtonTextOnly))
        layout.addSpacing(6)
        layout.addWidget(self.name_label)
        layout.addWidget(self.locate_button)

    def _button(self, action: QAction, style: Qt.ToolButtonStyle) -> QToolButton:
        button = _ActionButton(action)
        button.setToolButtonStyle(style)
        button.setAutoRaise(True)
        self._buttons.append(button)
        return button

    # What the player says ----------------------------------------------------------------

    def show_recording(self, name: str, where: str) -> None:
        if not self._buttons:
            self._build()
        self.name_label.setText(name, tip=where)
        self.slider.setToolTip(where)  # the name may not show (_fit_name)
        self.set_playable(True)
        self.set_duration(0)
        self.set_position(0)
        self.show()
        # Locate… pressed: on to Play (the slider while Play waits for the file), not to
        # where Qt sent the focus as the bar hid (the notes' Bold), if it is still there.
        sent_to, self._focus_sent_to = self._focus_sent_to, None
        if sent_to is not None and QApplication.focusWidget() is sent_to:
            play = self._buttons[1]
            (play if play.isEnabled() else self.slider).setFocus()

    def keyboard_stop(self) -> QWidget | None:
        """Where F6 puts the keys in the bar (window/pane_cycle.py): the slider, whose
        arrows seek (Ctrl+Space plays from anywhere); Locate… while the recording cannot
        play; None while nothing in it can take them."""
        controls = (self.slider, self.locate_button, *self._buttons) if self._buttons else ()
        return next((c for c in controls if c.isVisibleTo(self) and c.isEnabled()), None)

    def setVisible(self, visible: bool) -> None:
        """Hidden between two recordings (Locate…, Attach…): where the keys went, if
        they were here."""
        focus = QApplication.focusWidget()
        had_focus = not visible and focus is not None and self.isAncestorOf(focus)
        super().setVisible(visible)
        if had_focus:
            self._focus_sent_to = QApplication.focusWidget()

    def set_playable(self, playable: bool, problem: str = "", short: str = "") -> None:
        """Controls on, or off with the reason shown in place of the file's name (`short`,
        "talk.wav is missing", where the bar has room for a few words; the whole sentence
        in its tip) and a button to choose the file. (The buttons follow their actions,
        which the recording turns on and off.)"""
        self.speed.setEnabled(playable)
        # Their room goes to the reason (at 1024 pixels the bar had a few letters for it).
        for widget in (self.position_label, self.slider, self.length_label):
            widget.setVisible(playable)
        self.locate_button.setVisible(not playable)
        if problem:
            self.name_label.setText(short or problem, tip=problem)
        self._fit_name()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_name()

    def _fit_name(self) -> None:
        """The file's name only where the slider keeps its room (at 1024 pixels it had 80,
        45 seconds of an hour a pixel, for "Inter…1.wav"); its tip and the slider's hold
        the name. A reason the recording cannot play always shows."""
        if self._buttons:
            playing_room = self.width() >= NAME_SHOWN_FROM
            self.name_label.setVisible(playing_room or self.locate_button.isVisibleTo(self))

    def set_locatable(self, locatable: bool) -> None:
        self._locatable = locatable
        if self._buttons:
            self.locate_button.setEnabled(locatable)

    def set_position(self, ms: int) -> None:
        """Where it plays; while the slider is dragged, it shows where that would land."""
        if not self.slider.isSliderDown():
            self._show_time(ms)
            self.slider.blockSignals(True)
            self.slider.setValue(min(ms, SLIDER_MOST))
            self.slider.blockSignals(False)

    def _show_time(self, ms: int) -> None:
        from reader.core.sync import format_time  # loaded with the first recording

        shown = format_time(ms)
        if shown != self.position_label.text():
            self.position_label.setText(shown)
            self._describe()

    def set_duration(self, ms: int) -> None:
        from reader.core.sync import format_time

        self.slider.setRange(0, min(max(0, ms), SLIDER_MOST))
        self.length_label.setText(format_time(ms))
        self._describe()

    def _describe(self) -> None:
        """The slider's value as a screen reader says it ("0:12 of 0:40"): its own is in
        milliseconds ("12300")."""
        where = f"{self.position_label.text()} of {self.length_label.text()}"
        self.slider.setAccessibleDescription(where)

    def set_playing(self, playing: bool) -> None:
        self._playing = playing
        self._paint_icons()
        if self._buttons:  # what the button does now, for a screen reader: its icon shows it
            self._buttons[1].setAccessibleName("Pause" if playing else "Play")

    def _paint_icons(self) -> None:
        """The buttons' icons (and the Playback menu's) in this palette's text colours."""
        from reader.ui.recording.transport_icons import transport_icon

        assert self._actions is not None
        back, play, forward, _, _ = self._actions
        kinds = ((back, "back"), (play, "pause" if self._playing else "play"), (forward, "forward"))
        for action, kind in kinds:
            action.setIcon(transport_icon(kind, self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        """A theme chosen, or the system's scheme changed: the icons take its colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._buttons:
            self._paint_icons()

    def set_rate(self, rate: float) -> None:
        self.speed.setText(f"{rate:g}×")
        self.speed.setAccessibleName(f"Playback speed {rate:g}×")  # "1×" alone said nothing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Space on the slider, where F6 puts the keys, plays or pauses (it did nothing)."""
        if watched is self.slider and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Space and not event.modifiers():
                self._play.trigger()
                return True
        return super().eventFilter(watched, event)

    def _slider_action(self, action: int) -> None:
        """A click or a key on the slider (not a drag, told on release) seeks at once."""
        if action != QSlider.SliderAction.SliderMove.value:
            self.seekRequested.emit(self.slider.sliderPosition())


class _ActionButton(QToolButton):
    """A button for one of the window's actions. Its tip names the action and its key, or
    says why it cannot act; told again after each change of the action, which resets it."""

    def __init__(self, action: QAction) -> None:
        super().__init__()
        self.setDefaultAction(action)
        action.changed.connect(self._tell)
        self._tell()

    def _tell(self) -> None:
        action = self.defaultAction()
        name = action.text().replace("&", "")
        if not action.isEnabled():  # its status tip says why
            self.setToolTip(f"{name}: {action.statusTip()}")
            return
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.setToolTip(f"{name} ({key})" if key else action.statusTip() or name)
