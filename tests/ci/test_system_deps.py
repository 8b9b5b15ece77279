"""`.ci/system-deps.sh`: an ordinary user is told the one apt-get line; only root installs.

dpkg-query, id and apt-get are stand-ins on PATH, so the tests run the same for any user.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / ".ci" / "system-deps.sh"


def run(tmp_path: Path, kind: str, uid: int, missing: set[str]) -> subprocess.CompletedProcess:
    """The script with `missing` packages absent, as user `uid`; apt-get calls go to a log."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    absent = " ".join(missing)
    stubs = {
        # The package is the last argument.
        "dpkg-query": f'for p; do :; done\ncase " {absent} " in *" $p "*) exit 1;; esac\n'
        "printf 'install ok installed'",
        "id": f"echo {uid}",
        "apt-get": f'echo "$@" >> {tmp_path / "apt.log"}',
    }
    for name, body in stubs.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path)}
    return subprocess.run(
        ["bash", str(SCRIPT), kind], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("uid", [0, 1000])
def test_all_present_is_silent(tmp_path: Path, uid: int) -> None:
    result = run(tmp_path, "test", uid, missing=set())
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert not (tmp_path / "apt.log").exists()


def test_ordinary_user_is_told_the_one_line_and_nothing_is_installed(tmp_path: Path) -> None:
    result = run(tmp_path, "test", 1000, missing={"xvfb", "python3-venv"})
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == "  sudo apt-get install python3-venv xvfb"
    assert not (tmp_path / "apt.log").exists()


def test_run_does_not_ask_for_the_test_tools(tmp_path: Path) -> None:
    assert run(tmp_path, "run", 1000, missing={"xvfb", "xdotool"}).returncode == 0


def test_root_installs_what_is_missing(tmp_path: Path) -> None:
    result = run(tmp_path, "run", 0, missing={"libxcb-cursor0"})
    assert result.returncode == 0
    calls = (tmp_path / "apt.log").read_text().splitlines()
    assert calls == ["update -qq", "install -y -qq --no-install-recommends libxcb-cursor0"]
