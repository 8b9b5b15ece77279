"""Documents a transcript is often kept in that the app does not read: opening one says
what it is and what to do (reader/core/other_documents.py). Contents are made up."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.document import DocumentError, load_document

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # an older Office file's first bytes


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("P02.doc", OLE, "an older Word document (.doc): open it in Word or LibreOffice"),
        ("P04.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n", "a PDF"),
        ("P04 (copy).txt", b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n", "a PDF"),
        ("P05.xlsx", b"PK\x03\x04" + bytes(60), "a spreadsheet: save it as tab-separated"),
    ],
)
def test_a_document_not_read_says_what_it_is_and_what_to_do(
    tmp_path: Path, name: str, content: bytes, said: str
) -> None:
    """Found by a new user's first transcripts: a .doc and a .xlsx were "a binary file, not
    a text interview", with nothing said of what to do, and a PDF saved as .txt opened as
    its markup."""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as error:
        load_document(path)
    assert str(error.value).startswith(f"{name} cannot be opened: it is {said}")
    assert "save it as" in str(error.value) or "export" in str(error.value)


def test_a_pages_document_kept_as_a_folder(tmp_path: Path) -> None:
    """Pages keeps a document as a folder on some Macs: it was "a folder, not a text file"."""
    (tmp_path / "P06.pages" / "Index").mkdir(parents=True)
    with pytest.raises(DocumentError, match=r"P06\.pages cannot be opened: it is a Pages doc"):
        load_document(tmp_path / "P06.pages")
