"""A file read again only when its size or time changed (reader/core/stamp_cache.py)."""

from __future__ import annotations

import os
from pathlib import Path

from reader.core.stamp_cache import StampCache


def counting_reader() -> tuple[StampCache[str], list[Path]]:
    loads: list[Path] = []

    def load(path: Path) -> str:
        loads.append(path)
        try:
            return path.read_text("utf-8")
        except OSError as exc:
            return f"unreadable: {type(exc).__name__}"

    return StampCache(load), loads


def test_a_file_is_read_once_while_its_size_and_time_stay(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text("one", "utf-8")
    cache, loads = counting_reader()
    assert cache(path) == cache(path) == "one" and loads == [path]
    path.write_text("three", "utf-8")  # another size
    assert cache(path) == "three" and len(loads) == 2
    stat = path.stat()
    path.write_text("seven", "utf-8")  # the same size: its time tells
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert cache(path) == "seven" and len(loads) == 3
    cache.clear()
    assert cache(path) == "seven" and len(loads) == 4


def test_a_file_that_is_not_there_is_loaded_each_time_and_forgotten(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text("one", "utf-8")
    cache, loads = counting_reader()
    assert cache(path) == "one"
    path.unlink()
    assert cache(path) == cache(path) == "unreadable: FileNotFoundError" and len(loads) == 3
    path.write_text("one", "utf-8")  # back, perhaps with the very stamp it had
    assert cache(path) == "one" and len(loads) == 4


def test_paths_are_kept_apart(tmp_path: Path) -> None:
    cache, loads = counting_reader()
    for name in ("a", "b"):
        (tmp_path / name).write_text(name, "utf-8")
    assert [cache(tmp_path / n) for n in ("a", "b", "a", "b")] == ["a", "b", "a", "b"]
    assert len(loads) == 2
