"""A zip whose bytes depend on its content only: fixed times, deflated. The same REFI-QDA
project or Word summary is then the same file, whenever it is written. It is written into
an open file as members come, a file on disk (a recording) streamed in by chunks: a study's
hours of recordings were held in memory whole, twice."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

ZIP_TIME = (2000, 1, 1, 0, 0, 0)
CHUNK_BYTES = 2**20  # of a file streamed into the zip at a time


class DeterministicZip:
    """Members added in order to `file`, each dated ZIP_TIME; leaving the `with` block writes
    the zip's directory (`file` stays open). `file` is seekable: zipfile writes a member's
    sizes after it into one that is not, other bytes."""

    def __init__(self, file: BinaryIO) -> None:
        self._zip = zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED)

    def __enter__(self) -> DeterministicZip:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._zip.close()

    def add(self, name: str, data: bytes, compress: bool = True) -> None:
        """`compress` False for what is compressed already (a recording)."""
        self._zip.writestr(_info(name, compress), data)

    def add_file(
        self,
        name: str,
        path: Path,
        compress: bool = True,
        wrote: Callable[[int], None] | None = None,
    ) -> None:
        """`path`'s bytes as `add` puts them, read CHUNK_BYTES at a time; `wrote(count)`
        after each chunk (it may raise, to stop)."""
        info = _info(name, compress)
        with path.open("rb") as source:
            # Its size known first, as `add` knows it: the same header (zip64 or not).
            info.file_size = os.fstat(source.fileno()).st_size
            with self._zip.open(info, "w") as member:
                while chunk := source.read(CHUNK_BYTES):
                    member.write(chunk)
                    if wrote is not None:
                        wrote(len(chunk))


def _info(name: str, compress: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    return info


def undated(package: bytes) -> bytes:
    """A zip written by another library (python-docx dates its members now) made
    deterministic, its members kept in order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, DeterministicZip(buffer) as out:
        for member in source.infolist():
            out.add(member.filename, source.read(member))
    return buffer.getvalue()
