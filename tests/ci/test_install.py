"""The install `make run` and `make test` do, as a new user sees it: no warnings printed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_editable_install_prints_no_warning(tmp_path: Path) -> None:
    """pip's editable build of the project (what the Makefile runs) says nothing alarming."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--editable", str(ROOT),
         "--prefix", str(tmp_path / "prefix")],
        capture_output=True, text=True, timeout=170,
    )  # fmt: skip
    if result.returncode != 0 and "Could not find a version" in result.stderr:
        pytest.skip("no package index reachable for the build's setuptools")
    assert result.returncode == 0, result.stderr
    # This machine's pip configuration may name find-links folders that are absent; those
    # lines are pip's own, about the machine, not about the project.
    said = [line for line in result.stderr.splitlines() if "is ignored: it is neither" not in line]
    assert not [line for line in said if line.strip()], "\n".join(said)
    pth = list((tmp_path / "prefix").rglob("__editable__.*.pth"))
    assert [p.read_text().strip() for p in pth] == [str(ROOT.resolve())]


def planned(target: str, venv: Path) -> str:
    """What `make TARGET` would run with the virtual environment at `venv` (make -n)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = subprocess.run(
        ["make", "-n", "-C", str(ROOT), target, f"VENV={venv}"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_run_installs_the_app_alone_and_make_test_its_extras(tmp_path: Path) -> None:
    """`make run` installed the test and bench extras too (pytest, hypothesis, ruff, lxml,
    pyinstrument: a 757 MB venv). It installs the app; `make test`, `make lint` and
    `make bench` add theirs, also after a `make run`."""
    venv = tmp_path / ".venv"
    run = planned("run", venv)
    assert "-m venv" in run and "install --quiet -e ." in run and "[test" not in run
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").touch()  # as `make run` leaves it
    (venv / ".installed-app").touch()
    assert "pip install" not in planned("run", venv)
    for target, extras in (("test", ".[test]"), ("lint", ".[test]"), ("bench", ".[bench]")):
        plan = planned(target, venv)
        assert f'-e "{extras}"' in plan and "-m venv" not in plan, target
