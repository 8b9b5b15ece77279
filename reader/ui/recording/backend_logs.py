"""Quiet in the terminal while a recording opens: Qt's multimedia backend and FFmpeg
printed about fifteen lines there on every start with a recording (libraries looked for
and not needed, the sound server it could not reach, FFmpeg's dump of the file's streams).

What the user must know is said in the app (the recording bar says when a file cannot
play or no sound device was found). Errors still reach the terminal, and a developer
turns the rest back on with the variables Qt documents (QT_LOGGING_RULES, which Qt reads
after our rules, or QT_FFMPEG_DEBUG), which this leaves alone.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QLibraryInfo,
    QLoggingCategory,
    QtMsgType,
    qFormatLogMessage,
    qInstallMessageHandler,
)

# Set before QtMultimedia loads: it looks for PipeWire as it is imported.
MULTIMEDIA_RULES = "\n".join(
    f"qt.multimedia.*.{level}=false" for level in ("debug", "info", "warning")
)
AV_LOG_ERROR = 16  # libavutil/log.h: what FFmpeg still prints
# Said by Qt's PulseAudio backend in no category when no sound server answers; the app
# says "No sound device was found" instead.
SOUND_SERVER_WARNING = "PulseAudioService:"
AVUTIL_NAMES = ("libavutil.so.*", "libavutil.*.dylib", "avutil-*.dll")


def quiet_multimedia_categories() -> None:
    QLoggingCategory.setFilterRules(MULTIMEDIA_RULES)


def quiet_ffmpeg() -> None:
    """FFmpeg prints errors only. Call once QtMultimedia's FFmpeg backend has loaded (a
    QMediaPlayer exists): its libavutil is then the one found beside Qt's libraries."""
    if "QT_FFMPEG_DEBUG" in os.environ:
        return
    for folder in {
        QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath),
        QLibraryInfo.path(QLibraryInfo.LibraryPath.BinariesPath),
    }:
        for name in AVUTIL_NAMES:
            for library in sorted(Path(folder).glob(name)):
                with suppress(OSError, AttributeError):  # not a library; an FFmpeg without it
                    ctypes.CDLL(str(library)).av_log_set_level(AV_LOG_ERROR)
                    return


@contextmanager
def without_sound_server_warning() -> Iterator[None]:
    """While the player and its audio output are made (on this thread, before any of its
    own threads run): the PulseAudio warning is dropped, every other message goes on."""
    previous: Any = None

    def handler(kind: QtMsgType, context: Any, message: str) -> None:
        if message.startswith(SOUND_SERVER_WARNING):
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(qFormatLogMessage(kind, context, message), file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
