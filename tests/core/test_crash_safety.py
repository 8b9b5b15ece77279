"""A process killed while saving notes leaves the previous or the new file, never half of one.

A child process (crash_child.py) saves state 0, 1, 2, ... of a notes file in a loop and
prints each n once its save_notes returned. The test kills it with SIGKILL at a random
moment after a random number of saves, 200 times over the same file (in four tests of 50,
which xdist's workers share), and checks what is left on disk each time. Waiting for the
saves, rather than for a time alone, spreads the kills over many states however slowly
the machine saves (a CI run on a busy machine saw only states 0 to 4 in 40 ms).
"""

from __future__ import annotations

import random
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.core.notes_file import parse, serialise
from tests.core.crash_child import state

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).resolve().with_name("crash_child.py")
RUNS = 50  # in each of the SEEDS' tests
SEEDS = (20240607, 20240608, 20240609, 20240610)
MAX_SAVES = 12  # the kill comes after 1 to MAX_SAVES saves the child printed...
MAX_DELAY = 0.020  # ...and up to this many seconds more, to land anywhere in the next save

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")


def kill_while_saving(path: Path, saves: int, delay: float) -> list[int]:
    """Start the child, kill it `delay` seconds after its `saves`-th save; the n it printed."""
    with subprocess.Popen(
        [sys.executable, str(CHILD), str(path)],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            # The synchronisation: each line is a state on disk.
            read = "".join(child.stdout.readline() for _ in range(saves))
            if read.count("\n") == saves:
                threading.Event().wait(delay)
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
        # Read through the file objects: communicate() would skip what readline() buffered.
        rest, err = child.stdout.read(), child.stderr.read()
    assert read, f"the child saved nothing; it said:\n{err}"
    assert child.returncode == -signal.SIGKILL, f"the child exited on its own:\n{err}"
    return [int(line) for line in (read + rest).splitlines()]


@pytest.mark.parametrize("seed", SEEDS)
def test_killed_saves_leave_an_old_or_new_file_intact(tmp_path: Path, seed: int) -> None:
    folder = tmp_path / "notes"
    path = folder / "interview.json"
    temp = re.compile(rf"\.{re.escape(path.name)}\..+\.tmp")
    rng = random.Random(seed)
    states_seen: set[int] = set()
    for run in range(RUNS):
        printed = kill_while_saving(path, rng.randint(1, MAX_SAVES), rng.uniform(0.0, MAX_DELAY))
        assert printed == list(range(len(printed))), f"run {run}: states out of order"
        last = printed[-1]

        raw = path.read_bytes()
        notes = parse(raw)  # valid JSON that matches the schema
        match = re.match(r"state (\d+) ", notes.notes)
        assert match, f"run {run}: notes do not start with a state number"
        n = int(match.group(1))
        # Every printed state was saved in full before the print; the kill may land between
        # the save of the next one and its print, but never further on.
        assert last <= n <= last + 1, f"run {run}: file holds state {n}, child printed {last}"
        assert raw == serialise(state(n)), f"run {run}: file differs from state {n}"
        assert notes == state(n)
        states_seen.add(n)

        others = sorted(p.name for p in folder.iterdir() if p != path)
        temps = [name for name in others if temp.fullmatch(name)]
        assert others == temps, f"run {run}: unexpected files {others}"
        assert len(temps) <= 1, f"run {run}: more than one temp file left: {temps}"
        for name in temps:  # a write the kill interrupted; the real file is intact
            (folder / name).unlink()
    # The kills landed at different points of the loop, not always at the same state.
    assert len(states_seen) > 5
