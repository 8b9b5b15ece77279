"""The find options (Match case, Whole word, Regular expression, Match diacritics) of the
find bar and of the Search panel, each kept in the settings under its own key ("find/…",
"search/…"), so a restart keeps what the user set; Match diacritics greyed out while a
regular expression is on, which matches diacritics as written; Alt+A, Alt+W, Alt+R and
Alt+D turning them while the keyboard is in their pane. The query searched last is kept
too (`keep_query`), and a selection taken for the query (`as_query`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QToolButton, QWidget

from reader.ui.settings import settings

PREFILL_MAX_CHARS = 200  # a longer selection is no query

KEYS = {  # an option (as Query takes it) and its key under the prefix
    "case": "match-case",
    "whole_word": "whole-word",
    "regex": "regular-expression",
    "diacritics": "match-diacritics",
}


# Alt+A, as in the label "Aa": Alt+C is the Codes menu's.
OPTION_KEYS = {"case": "Alt+A", "whole_word": "Alt+W", "regex": "Alt+R", "diacritics": "Alt+D"}
LABELS = {  # an option's button: its text and its name
    "case": ("Aa", "Match case"),
    "whole_word": ("ab", "Whole word"),
    "regex": (".*", "Regular expression"),
    "diacritics": ("é", "Match diacritics"),
}


def option_key(prefix: str, option: str) -> str:
    return f"{prefix}/{KEYS[option]}"


def checked(buttons: dict[str, QToolButton]) -> dict[str, bool]:
    """The options as Query takes them (case=..., whole_word=...)."""
    return {option: button.isChecked() for option, button in buttons.items()}


def option_buttons(
    prefix: str, pane: QWidget, changed: Callable[[], None]
) -> dict[str, QToolButton]:
    """The option buttons of the find bar or the Search panel, by option (as KEYS):
    compact, checked as the settings have them (quietly: nothing was searched yet), each
    written there and calling `changed` when it turns, and each turned by its key
    (OPTION_KEYS) while the keyboard is in `pane`, each pane its own (a button's own
    shortcut served the whole window, and the panel's Alt+A turned the find bar's)."""
    store = settings()
    buttons = {}
    for option, (text, name) in LABELS.items():
        button = buttons[option] = QToolButton()
        button.setText(text)
        button.setAccessibleName(name)
        button.setToolTip(f"{name}  ({OPTION_KEYS[option]})")
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance("Aa") + 16)
        shortcut = QShortcut(QKeySequence(OPTION_KEYS[option]), pane)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(button.click)  # nothing while it is greyed out
        key = option_key(prefix, option)
        button.setChecked(bool(store.value(key, False, type=bool)))
        button.toggled.connect(lambda on, key=key: settings().setValue(key, on))
        button.toggled.connect(lambda _on: changed())
    font = buttons["whole_word"].font()
    font.setUnderline(True)  # "ab" underlined: a word on its own
    buttons["whole_word"].setFont(font)
    diacritics, tip = buttons["diacritics"], buttons["diacritics"].toolTip()

    def follow(on: bool) -> None:
        diacritics.setEnabled(not on)
        diacritics.setToolTip(f"{tip}: a regular expression matches them as written" if on else tip)

    buttons["regex"].toggled.connect(follow)
    follow(buttons["regex"].isChecked())
    return buttons


def keep_query(key: str, query: str) -> None:
    """`query`, searched now, is kept under `key` for the next start: written only when it
    changed, as each write syncs the settings file (not at every keystroke or refresh)."""
    store = settings()
    if store.value(key, "") != query:
        store.setValue(key, query)


def as_query(selected: str) -> str:
    """A selection as a search query, or "" when it is not one (several lines, too long)."""
    if "\n" in selected or "\u2029" in selected or len(selected) > PREFILL_MAX_CHARS:
        return ""
    return selected if selected.strip() else ""
