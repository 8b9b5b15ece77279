"""A zip whose bytes depend on its content only: fixed times, deflated. The same REFI-QDA
project or Word summary is then the same file, whenever it is written."""

from __future__ import annotations

import io
import zipfile

ZIP_TIME = (2000, 1, 1, 0, 0, 0)


class DeterministicZip:
    """Members added in order, each dated ZIP_TIME; `bytes` closes it."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._zip = zipfile.ZipFile(self._buffer, "w", zipfile.ZIP_DEFLATED)

    def add(self, name: str, data: bytes, compress: bool = True) -> None:
        """`compress` False for what is compressed already (a recording)."""
        info = zipfile.ZipInfo(name, ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        self._zip.writestr(info, data)

    def bytes(self) -> bytes:
        self._zip.close()
        return self._buffer.getvalue()


def undated(package: bytes) -> bytes:
    """A zip written by another library (python-docx dates its members now) made
    deterministic, its members kept in order."""
    out = DeterministicZip()
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        for member in source.infolist():
            out.add(member.filename, source.read(member))
    return out.bytes()
