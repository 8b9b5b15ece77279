"""The settings file (an INI file in the user's config folder: window state, what is
remembered between sessions), and maps kept as JSON in one of its keys, the newest entry
last and at most `keep` of them: what the app remembers for each study or interview (the
interview open last in a study, each interview's place, each study's Library view).
Written only when they change: each write syncs the settings file to disk."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QSettings

from reader import APP_ID
from reader.core.backups import DEFAULT_KEEP


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_ID, APP_ID)


def keep_backups(settings: QSettings) -> int:
    """How many of the newest backups of a notes file are kept (core/backups.py)."""
    value = settings.value("backups/keep", DEFAULT_KEEP)
    try:
        return max(1, int(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_KEEP


class SettingsMap:
    def __init__(self, settings: QSettings | None, key: str, keep: int) -> None:
        self.settings, self.key, self.keep = settings, key, keep

    def _stored(self) -> dict[str, Any]:
        if self.settings is None:
            return {}
        try:
            value = json.loads(str(self.settings.value(self.key, "{}")))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def get(self, name: str) -> Any:
        return self._stored().get(name)

    def put(self, name: str, value: Any) -> None:
        """`name` holds `value`, now the newest; the oldest beyond `keep` go."""
        stored = self._stored()
        if self.settings is None or list(stored.items())[-1:] == [(name, value)]:
            return
        stored.pop(name, None)
        stored[name] = value
        self.settings.setValue(self.key, json.dumps(dict(list(stored.items())[-self.keep :])))
