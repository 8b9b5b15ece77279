"""`main.py export DIR --format qdpx|qdc` and `main.py import-qdpx FILE DIR`."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from reader.core.refi.codebook_xml import export_qdc
from reader.core.refi.qdpx_export import export_study_qdpx
from reader.core.study import open_study
from tests.core.test_cli import run
from tests.core.test_export_samples import BUNDLED
from tests.core.test_refi import FIXTURES, assert_valid, coded_study


def test_export_a_study_as_qdpx_and_qdc(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    out = tmp_path / "out.qdpx"
    result = run(tmp_path, "export", study.folder, "--format", "qdpx", "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    assert out.read_bytes() == export_study_qdpx(open_study(study.folder))[0]
    result = run(tmp_path, "export", study.folder, "--format=qdc")
    assert result.returncode == 0 and result.stdout == export_qdc(study.codebook)
    crlf = run(tmp_path, "export", study.folder, "--format", "qdpx", "--crlf")
    with zipfile.ZipFile(io.BytesIO(crlf.stdout)) as archive:
        assert_valid(archive.read("project.qde"))
        texts = [archive.read(n) for n in archive.namelist() if n.startswith("sources/")]
    assert all(b"\r\n" in text for text in texts)


def test_export_one_interview_as_qdpx(tmp_path: Path) -> None:
    result = run(tmp_path, "export", BUNDLED, "--format", "qdpx")
    assert result.returncode == 0, result.stderr.decode()
    with zipfile.ZipFile(io.BytesIO(result.stdout)) as archive:
        assert_valid(archive.read("project.qde"))
    empty = run(tmp_path, "export", BUNDLED, "--format", "qdc")
    assert empty.returncode == 1 and b"codebook is empty" in empty.stderr


def test_import_qdpx_makes_a_new_study_and_names_what_was_left_out(tmp_path: Path) -> None:
    target = tmp_path / "from-nvivo"
    result = run(tmp_path, "import-qdpx", FIXTURES / "nvivo.qdpx", target)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert out.startswith("Imported 1 interview(s), 3 code(s)")
    assert "not imported: picture source “Ward plan”" in out
    assert [e.title for e in open_study(target).interviews] == ["Ana, night 1"]
    again = run(tmp_path, "import-qdpx", FIXTURES / "nvivo.qdpx", target)
    assert again.returncode == 1 and b"not an empty folder" in again.stderr
    broken = tmp_path / "broken.qdpx"
    broken.write_bytes(b"not a zip")
    bad = run(tmp_path, "import-qdpx", broken, tmp_path / "x")
    assert bad.returncode == 1 and bad.stderr.count(b"\n") == 1
