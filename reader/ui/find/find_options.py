"""The find options (Match case, Whole word, Regular expression, Match diacritics) of the
find bar and of the Search panel, each kept in the settings under its own key ("find/…",
"search/…"), so a restart keeps what the user set; Match diacritics greyed out while a
regular expression is on, which matches diacritics as written; Alt+A, Alt+W, Alt+R and
Alt+D turning them while the keyboard is in their pane. The query searched last is kept
too (`keep_query`), and a selection taken for the query (`as_query`)."""

from __future__ import annotations

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


def option_key(prefix: str, option: str) -> str:
    return f"{prefix}/{KEYS[option]}"


def checked(buttons: dict[str, QToolButton]) -> dict[str, bool]:
    """The options as Query takes them (case=..., whole_word=...)."""
    return {option: button.isChecked() for option, button in buttons.items()}


def keep_options(
    prefix: str,
    pane: QWidget,
    case: QToolButton,
    whole_word: QToolButton,
    regex: QToolButton,
    diacritics: QToolButton,
) -> dict[str, QToolButton]:
    """Check the option buttons as the settings have them, quietly (nothing was searched
    yet), and write each there when it turns; each turned by its key (OPTION_KEYS) while
    the keyboard is in `pane`: the find bar's and the Search panel's, each its own (a
    button's own shortcut served the whole window, and the panel's Alt+A turned the find
    bar's). The buttons by option (as KEYS)."""
    buttons = {"case": case, "whole_word": whole_word, "regex": regex, "diacritics": diacritics}
    for option, button in buttons.items():
        keys = OPTION_KEYS[option]
        shortcut = QShortcut(QKeySequence(keys), pane)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(button.click)  # nothing while it is greyed out
        button.setToolTip(f"{button.toolTip()}  ({keys})")
    store = settings()
    for option, button in buttons.items():
        key = option_key(prefix, option)
        button.blockSignals(True)
        button.setChecked(bool(store.value(key, False, type=bool)))
        button.blockSignals(False)
        button.toggled.connect(lambda on, key=key: settings().setValue(key, on))
    tip = diacritics.toolTip()

    def follow(on: bool) -> None:
        diacritics.setEnabled(not on)
        diacritics.setToolTip(f"{tip}: a regular expression matches them as written" if on else tip)

    regex.toggled.connect(follow)
    follow(regex.isChecked())
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
