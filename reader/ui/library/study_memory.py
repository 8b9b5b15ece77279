"""What a panel remembers of each study in the settings (the Library's sort and filter,
library_memory.py; the Annotations list's filters, annotations/filter_memory.py): put
back as a study opens, written as it changes, and the words typed in its filter written
once typing pauses (each write syncs the settings file), or as the study closes or the
app quits."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer
from PySide6.QtWidgets import QLineEdit

from reader.ui.library.open_study import OpenStudy
from reader.ui.settings import SettingsMap

KEEP = 50  # studies
TYPED_MS = 1000


class StudyMemory(QObject):
    """Kept in `store` under `key`, by study; `restore` puts it back, `_save` writes it."""

    def __init__(
        self,
        parent: QObject,
        owner: OpenStudy,
        store: QSettings | None,
        key: str,
        typed: QLineEdit,
    ) -> None:
        super().__init__(parent)
        self.owner = owner
        self.store = SettingsMap(store, key, KEEP)
        self._typed = QTimer(self, singleShot=True, interval=TYPED_MS)
        self._typed.timeout.connect(self._save)
        owner.opened.connect(self.restore)
        owner.closed.connect(self._save_typed)  # first: then the study is still known
        QCoreApplication.instance().aboutToQuit.connect(self._save_typed)
        typed.textChanged.connect(self._typed.start)

    def restore(self, *_args: object) -> None:
        raise NotImplementedError

    def _save(self, *_args: object) -> None:
        raise NotImplementedError

    def _save_typed(self) -> None:
        if self._typed.isActive():
            self._save()
