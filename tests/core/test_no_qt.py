"""The core model and the headless export must work without importing Qt at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).parents[2]


XDG_KINDS = ("DATA", "CONFIG", "CACHE")


def run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter, so modules imported by other tests do not count."""
    env = {
        **os.environ,  # the user's folders never: data, settings and cache in tmp_path
        **{f"XDG_{kind}_HOME": str(tmp_path / f"xdg-{kind.lower()}") for kind in XDG_KINDS},
    }
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_importing_every_core_module_does_not_import_qt(tmp_path: Path) -> None:
    """reader.core and every module below it import without PySide6."""
    result = run_python(
        """
        import importlib, json, pkgutil, sys
        import reader.core
        names = ["reader.core"]
        for info in pkgutil.walk_packages(reader.core.__path__, "reader.core."):
            importlib.import_module(info.name)
            names.append(info.name)
        qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
        print(json.dumps({"modules": names, "qt": qt}))
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # The walk really covered the package, sub-packages included.
    assert {
        "reader.core.document",
        "reader.core.offsets",
        "reader.core.notes_file",
        "reader.core.store",
        "reader.core.session",
        "reader.core.anchoring",
        "reader.core.interview",
        "reader.core.export.json_export",
    } <= set(report["modules"])
    assert report["qt"] == []


def test_cli_export_does_not_import_qt(tmp_path: Path) -> None:
    """reader.app.main(["export", ...]) exports without PySide6 in sys.modules."""
    out = tmp_path / "model.json"
    result = run_python(
        f"""
        import sys
        from reader.app import main
        code = main(["export", "--format", "json", "-o", {str(out)!r}])
        print(code, "PySide6" in sys.modules, "shiboken6" in sys.modules)
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "False", "False"]
    assert json.loads(out.read_bytes())["segments"]
