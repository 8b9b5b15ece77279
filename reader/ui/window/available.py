"""An action on or off, and its tips saying why when off: every greyed menu item says why
in its tip (README), the window's (action_states), the text fields' Edit items
(text_editing) and the notes editor's own (Paste as Plain Text, Replace…)."""

from __future__ import annotations

from PySide6.QtGui import QAction


def set_available(action: QAction, why_not: str) -> None:
    """On, with its usual tip (kept in whatsThis by actions._action); or off, with its
    tooltip and status tip saying why (the menus show tooltips, the status line status
    tips)."""
    action.setEnabled(not why_not)
    action.setStatusTip(why_not or action.whatsThis())
    action.setToolTip(why_not)  # none of its own when it can act: the menu shows its text
