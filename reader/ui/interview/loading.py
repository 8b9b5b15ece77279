"""Reading an interview file and detecting its structure, off the GUI thread when large.

A large transcript (tens of MB of subtitles, a long .docx) takes seconds to parse. The file
is read and parsed by `load_document`, and its structure detected (or found in the cache,
reader.core.structure_cache), in a worker thread; the window stays painted behind a
window-modal progress dialog, shown at once so that nothing else can be started meanwhile,
which says what is happening and can cancel (the worker's result is then dropped). Small
files are read at once, as before.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from reader.core.document import Document, load_document
from reader.core.interview import Segment
from reader.core.structure_cache import detected_segments

BACKGROUND_BYTES = 2 * 1024 * 1024  # below this, reading takes well under a second
# ... but a .docx or .odt is zipped XML, of a tenth the size or less: 200 KB of one is a
# three-hour Teams transcript, half a second to read; Rich Text's markup is read at about
# 3 MB a second.
PACKED_BACKGROUND_BYTES = 100 * 1024
PACKED_SUFFIXES = frozenset({".docx", ".odt", ".rtf", ".doc"})  # a .doc is often Rich Text
# The progress dialog shows only once reading has taken this long: 5 MB is read in about
# 0.1 s, and a dialog flashed for that long is noise (and 10-17 ms of the GUI thread's).
SHOW_PROGRESS_MS = 400


@dataclass(frozen=True)
class Loaded:
    """A document read, with its detected structure (for Session.open)."""

    document: Document
    detected: list[Segment]


def in_background(path: Path, size: int) -> bool:
    """Whether the file at `path`, `size` bytes, is read off the GUI thread: whether it
    may take long enough to read that the window would stop answering."""
    packed = path.suffix.lower() in PACKED_SUFFIXES
    return size >= (PACKED_BACKGROUND_BYTES if packed else BACKGROUND_BYTES)


def read(path: Path) -> Loaded:
    """The document at `path` and its structure; DocumentError as `load_document` raises."""
    document = load_document(path)
    return Loaded(document, detected_segments(document))


class _Finished(QObject):
    done = Signal()  # emitted from the worker; delivered on the GUI thread (queued)


def load(path: Path, parent: QWidget | None) -> Loaded | None:
    """The document at `path` with its structure; None when the user cancelled. Raises
    DocumentError (for a file that cannot be opened) as `load_document` does."""
    try:
        size = os.stat(path).st_size
    except OSError:
        size = 0  # load_document says what is wrong with the path
    if not in_background(path, size):
        return read(path)
    result: list[Loaded | BaseException] = []
    finished = _Finished()

    def work() -> None:
        try:
            result.append(read(path))
        except BaseException as exc:  # raised again on the GUI thread, as a small file's
            result.append(exc)
        finally:
            finished.done.emit()

    traditional = QLocale.DataSizeFormat.DataSizeTraditionalFormat  # "207 kB", "5 MB"
    shown_size = QLocale().formattedDataSize(size, 0, traditional)
    dialog = QProgressDialog(f"Reading {path.name} ({shown_size})…", "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Opening Interview")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    loop = QEventLoop()
    finished.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(loop.quit)
    threading.Thread(target=work, name="load-interview", daemon=True).start()
    # Until the dialog shows, the user's keys and clicks wait (the window must not open
    # another interview, or take typing into these notes, while this one is read).
    QTimer.singleShot(SHOW_PROGRESS_MS, loop, loop.quit)
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    if not result:  # still reading: the dialog, with its Cancel, takes them from now on
        if parent is not None and not parent.window().isVisible():
            parent.window().show()  # at start-up: the window, not nothing, while it reads
        dialog.show()
        loop.exec()
    cancelled = dialog.wasCanceled() and not result
    dialog.close()
    dialog.deleteLater()
    if cancelled:
        return None
    outcome = result[0]
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome
