"""A test run ends cleanly: offscreen Qt kept what our editors copied in a static deleted
after Python had ended, and a run of any test that copied crashed on exit (139)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COPYING_TEST = (
    "tests/ui/reading/test_long_paragraph.py::"
    "test_a_highlight_and_a_copy_across_a_break_are_the_words_with_their_space"
)


def test_a_run_of_a_test_that_copies_exits_without_a_crash() -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", COPYING_TEST],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stdout[-2000:] + ran.stderr[-2000:]
