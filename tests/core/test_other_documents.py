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


DATA = Path(__file__).parent.parent / "data" / "transcripts"


@pytest.mark.parametrize("name", ["rtf-saved-as.doc", "text-saved-as.doc"])
def test_a_doc_that_is_rich_text_or_text_opens_as_what_it_is(name: str) -> None:
    """Word, WordPad and many transcription tools save Rich Text under .doc, and some save
    plain text so: each was refused as "an older Word document (.doc)", by its suffix."""
    document = load_document(DATA / name)
    assert document.text.strip().split("\n\n") == [
        "Interviewer: How did you come to the city?",
        "Ana: By bus, in 2015.",
        "Interviewer: And the first weeks?",
        "Ana: Hard. I knew nobody.",
    ]


def test_a_word_document_renamed_doc_opens(tmp_path: Path) -> None:
    """A .docx renamed .doc (Word opens it without a word) was refused by its suffix."""
    import docx

    document = docx.Document()
    for line in ("Interviewer: Hi?", "Ana: Hello."):
        document.add_paragraph(line)
    path = tmp_path / "P07.doc"
    document.save(str(path))
    assert load_document(path).text.strip() == "Interviewer: Hi?\n\nAna: Hello."


@pytest.mark.parametrize(
    "content",
    [
        OLE,
        b"<html xmlns:o='urn:schemas-microsoft-com:office:office'><body>Q: Hi?</body></html>",
        b"\xdb\xa5-\x00\x00\x00\x09\x04\x00\x00",  # Word 2's own format
    ],
)
def test_a_doc_in_words_own_format_still_says_to_save_it_as_docx(
    tmp_path: Path, content: bytes
) -> None:
    """Word 97's own format, and a web page saved as .doc, are not read: said as before."""
    path = tmp_path / "P02.doc"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=r"^P02\.doc cannot be opened: it is an older Word"):
        load_document(path)
