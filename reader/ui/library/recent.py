"""What was open lately (studies and single interviews), kept in the window's settings:
File ▸ Open Recent, reopening the last one at start-up, the interview open last in each
study, and the folder the Open dialogs start in."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from reader.core.hashing import sha256_hex
from reader.core.notes_location import default_notes_path
from reader.core.study_places import app_folder
from reader.ui.settings import SettingsMap

KEY = "recent/items"
FOLDER_KEY = "recent/folder"
KEEP = 10
LAST_KEY = "recent/study-interview"  # study folder -> the interview open there last
LAST_KEEP = 200


@dataclass(frozen=True)
class Recent:
    """An interview or study in the recent list."""

    path: Path
    study: bool  # a study folder; else an interview (with its notes file, if chosen)
    notes: Path | None = None

    def label(self) -> str:
        return f"{self.path.name or self.path}{'  (study)' if self.study else ''}"


def menu_labels(items: list[Recent]) -> list[str]:
    """Open Recent's texts: numbered 1–9 (the menu letter, then a digit reopens one), and a
    name that two items share followed by its folder ("interviews — ~/Projects/Nurses")."""
    names = [i.path.name or str(i.path) for i in items]
    texts = []
    for number, (item, name) in enumerate(zip(items, names, strict=True), 1):
        text = item.label()
        if names.count(name) > 1:
            text = f"{text} — {_shown(item.path.parent)}"
        text = text.replace("&", "&&")  # "Q&A.txt", "~/Q&A" shown so, no letter
        texts.append(f"&{number} {text}" if number <= 9 else text)
    return texts


def _shown(folder: Path) -> str:
    home = Path.home()
    return f"~/{folder.relative_to(home)}" if folder.is_relative_to(home) else str(folder)


class RecentList:
    def __init__(self, settings: QSettings) -> None:
        self._settings = settings
        self._held: dict[str, str] | None = None  # writes waiting for `release`
        self._last_open = SettingsMap(settings, LAST_KEY, LAST_KEEP)
        self._held_last: dict[str, str] = {}  # study folder's key -> interview id, held

    def hold(self) -> None:
        """Keep writes in memory until `release`: each write syncs the settings file to
        disk (a few ms, more on a busy disk), which at start-up the user would wait for
        before the window first paints (#17)."""
        self._held = {}

    def release(self) -> None:
        held, self._held = self._held or {}, None
        for key, value in held.items():
            self._set(key, value)
        held_last, self._held_last = self._held_last, {}
        for folder_key, interview_id in held_last.items():
            self._last_open.put(folder_key, interview_id)

    def _value(self, key: str, default: str = "") -> str:
        if self._held is not None and key in self._held:
            return self._held[key]
        return str(self._settings.value(key, default))

    def items(self) -> list[Recent]:
        """Newest first; entries that cannot be read are dropped, never raised."""
        try:
            raw = json.loads(self._value(KEY, "[]"))
            return [
                Recent(Path(i["path"]), bool(i.get("study")), _path(i.get("notes")))
                for i in raw
                if isinstance(i, dict) and isinstance(i.get("path"), str)
            ]
        except (ValueError, TypeError):
            return []

    def add(
        self, path: Path, study: bool, notes: Path | None = None, opened: Path | None = None
    ) -> None:
        """`opened`: the notes an interview opened with, kept in place of `notes` where
        they were chosen elsewhere (Locate… for notes on a drive not connected: asked for
        again at each start), not the data folder's (the drive's are asked for again)."""
        if notes is not None and opened is not None and opened != default_notes_path(path):
            notes = opened
        item = Recent(Path(path).absolute(), study, notes.absolute() if notes else None)
        kept = [item, *(i for i in self.items() if i.path != item.path)][:KEEP]
        listed = [
            {"path": str(i.path), "study": i.study, "notes": str(i.notes or "")} for i in kept
        ]
        self._set(KEY, json.dumps(listed))
        self.set_folder(item.path if study else item.path.parent)

    def set_folder(self, folder: Path) -> None:
        """The Open dialogs start in `folder` from now on; never in the app's own (the
        bundled sample's, opened at a first start): Enter there made the app a study."""
        if not app_folder(folder):
            self._set(FOLDER_KEY, str(folder))

    def _set(self, key: str, value: str) -> None:
        """Written only when it changes: each write is a sync of the settings file to disk,
        and reopening what was open last (every start) changes nothing."""
        if self._held is not None:
            self._held[key] = value
        elif self._settings.value(key) != value:
            self._settings.setValue(key, value)

    def last(self) -> Recent | None:
        """The newest item still on disk."""
        return next((i for i in self.items() if i.path.exists()), None)

    def clear(self) -> None:
        if self._held is not None:
            self._held.pop(KEY, None)
        self._settings.remove(KEY)

    def remember_interview(self, folder: Path, interview_id: str) -> None:
        """`interview_id` is the one open last in the study at `folder`."""
        key = _folder_key(folder)
        if self._held is not None:
            self._held_last.pop(key, None)
            self._held_last[key] = interview_id
        else:
            self._last_open.put(key, interview_id)

    def last_interview(self, folder: Path) -> str:
        """The interview open last in the study at `folder`; "" if none was."""
        key = _folder_key(folder)
        return self._held_last.get(key) or str(self._last_open.get(key) or "")

    def folder(self) -> str:
        """Where an Open dialog starts: the last folder of the user's own used, else the
        home folder (an older build remembered the sample's)."""
        folder = self._value(FOLDER_KEY)
        own = folder and Path(folder).is_dir() and not app_folder(Path(folder))
        return folder if own else str(Path.home())

    def fill_menu(self, menu: QMenu, open_item: Callable[[Recent], None]) -> None:
        """File ▸ Open Recent: each item (`menu_labels`) opened by `open_item`, then Clear."""
        menu.clear()
        items = self.items()
        for item, label in zip(items, menu_labels(items), strict=True):
            action = menu.addAction(label, lambda i=item: open_item(i))
            action.setToolTip(str(item.path))
            action.setStatusTip(str(item.path))
        if not items:
            menu.addAction("Nothing opened yet").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("&Clear the List", self.clear)


def _path(value: object) -> Path | None:
    return Path(value) if isinstance(value, str) and value else None


def _folder_key(folder: Path) -> str:
    return sha256_hex(str(folder).encode("utf-8"))[:16]
