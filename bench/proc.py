"""Running benchmark children: each is `python -m bench.<module> MODE OPTIONS`, OPTIONS a
JSON object of keyword arguments, and reports one JSON line on stdout, so Qt's chatter on
stderr never gets in the way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MARK = "BENCH-RESULT "
CHILD_TIMEOUT_S = 600


class ChildError(RuntimeError):
    """A child that failed or said nothing; the message holds the end of its stderr."""


def child_args() -> tuple[str, dict[str, Any]]:
    """In a child: its mode and options."""
    return sys.argv[1], json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}


def emit(result: dict[str, Any]) -> None:
    """In a child: hand `result` to the parent."""
    sys.stdout.write(MARK + json.dumps(result) + "\n")
    sys.stdout.flush()


def child_env(home: Path, pycache: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a child: offscreen Qt, and data and settings under `home`.

    With `pycache`, bytecode is cached there (PYTHONPYCACHEPREFIX), as an installed app
    has its .pyc files; without, the caller's setting stands (PYTHONDONTWRITEBYTECODE=1
    makes every start compile the app's modules from source again).
    """
    env = dict(os.environ)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
    )
    env.update(extra)
    (home / "runtime").mkdir(parents=True, exist_ok=True, mode=0o700)
    return env


def scratch_dir(prefix: str) -> Path:
    """A new folder for a child's files, inside its home when it has one (the bench's
    temporary folder, removed at the end), else in the system's temporary folder."""
    data_home = os.environ.get("XDG_DATA_HOME")
    parent = Path(data_home).parent if data_home else None
    return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))


def run_child(module: str, mode: str, options: dict[str, Any], env: dict[str, str]) -> Any:
    """Run a child and return its result. The spawn time goes to the child as BENCH_T0_NS
    (CLOCK_MONOTONIC is system-wide on Linux)."""
    args = [mode, json.dumps(options)]
    env = dict(env, BENCH_T0_NS=str(time.monotonic_ns()))
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{module}", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])
    tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
    raise ChildError(f"bench.{module} {' '.join(args)} exited with {done.returncode}:\n{tail}")
