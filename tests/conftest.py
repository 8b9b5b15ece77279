"""Shared fixtures: every test gets its own home, data and settings folders; Qt runs offscreen.

Tests marked `permissions` are skipped as root, whom the OS lets write anywhere; .ci/run
runs the suite a second time as an unprivileged user, so they still run in CI.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from reader.core import half_written, notes_file

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# No test asserts a duration, hypothesis's deadline (200 ms an example) neither: on a
# loaded machine an example that writes files passed it and failed a run. In CI each run
# tries the same examples, so a red run is one a change made; elsewhere they vary, to
# find more (as one did a wrong property of kept_place).
settings.register_profile("tests", deadline=None, derandomize=os.environ.get("CI") == "true")
settings.load_profile("tests")

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
BUNDLED = ROOT / "resources" / "her-smell-interview.txt"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason="root ignores file permissions (.ci/run runs it unprivileged)")
    for item in items:
        if AS_ROOT and item.get_closest_marker("permissions"):
            item.add_marker(skip)


def _at_the_top() -> set[str]:
    """What the repository's top folder holds, but for tools' caches and hidden names."""
    return {
        p.name
        for p in ROOT.iterdir()
        if not p.name.startswith(".") and p.name != "__pycache__" and p.suffix != ".egg-info"
    }


@pytest.fixture(scope="session", autouse=True)
def nothing_left_in_the_repository() -> Iterator[None]:
    """Tests write in tmp_path alone: a command-line test's `-o p`, relative to the
    repository, left a file there that two commits carried."""
    before = _at_the_top()
    yield
    left = _at_the_top() - before
    assert not left, f"tests left {sorted(left)} in {ROOT}"


# The autouse fixtures patch with a MonkeyPatch of their own, not the test's `monkeypatch`:
# a test's `monkeypatch.undo()` (a full disk given room again) undid them too, and the
# window, closed after the test by pytest-qt, wrote into the runner's own data folder.


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path) -> Iterator[Path]:
    """Point the user's home, data and config folders into tmp_path (platformdirs reads XDG_*).

    The home is not created: nothing may depend on the runner's home, or on one existing.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(tmp_path / "home"))
        patch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
        # The temporary folder too (beside tmp_path, which some tests list): rescue copies
        # go there when the data folder fails.
        temporary = tmp_path.with_name(tmp_path.name + "-tmp")
        temporary.mkdir(exist_ok=True)
        patch.setattr(tempfile, "tempdir", str(temporary))
        yield tmp_path


@pytest.fixture(autouse=True)
def writes_done_at_once() -> Iterator[None]:
    """Another program's version a test writes is whole at once, though it look cut off (a
    test of a spoilt file, a memo without its last line end) or be a memo just written; the
    tests of reader/core/half_written.py wait as the app does."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(half_written, "WHOLE_AFTER_NS", 0)
        patch.setattr(half_written, "SETTLE_NS", 0)
        yield


@pytest.fixture
def bundled_text() -> str:
    return BUNDLED.read_text(encoding="utf-8")


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Each object notes_file.validate is asked to check."""
    seen: list[Any] = []
    real = notes_file.validate

    def counting(data: Any) -> None:
        seen.append(data)
        real(data)

    monkeypatch.setattr(notes_file, "validate", counting)
    return seen
