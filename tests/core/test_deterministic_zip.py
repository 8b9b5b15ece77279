"""The zip whose bytes depend on its content only: a file streamed into it by chunks gives
the bytes it gives added whole."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from reader.core import deterministic_zip
from reader.core.deterministic_zip import DeterministicZip


@pytest.mark.parametrize("compress", [True, False])
def test_a_file_streamed_in_by_chunks_is_the_zip_it_was_added_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compress: bool
) -> None:
    monkeypatch.setattr(deterministic_zip, "CHUNK_BYTES", 1000)
    data = os.urandom(3456) + b"the same words again " * 500  # 13,956 bytes
    path = tmp_path / "night.mp3"
    path.write_bytes(data)
    whole, streamed = io.BytesIO(), io.BytesIO()
    counted: list[int] = []
    with DeterministicZip(whole) as out:
        out.add("project.qde", b"<Project/>")
        out.add("sources/night.mp3", data, compress=compress)
    with DeterministicZip(streamed) as out:
        out.add("project.qde", b"<Project/>")
        out.add_file("sources/night.mp3", path, compress=compress, wrote=counted.append)
    assert streamed.getvalue() == whole.getvalue()
    assert counted == [1000] * 13 + [956]
    with zipfile.ZipFile(streamed) as archive:
        assert archive.read("sources/night.mp3") == data
