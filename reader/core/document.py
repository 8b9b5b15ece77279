"""Loading an interview file: decoding, refusing what is not text, normalising the text."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

MAX_BYTES = 64 * 1024 * 1024  # far above the 20 MB the app promises; refuses runaway files
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: they share the first two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, LF, FF and CR: a text file has (almost) none of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class DocumentError(Exception):
    """A file that cannot be opened as an interview; the message is for the user."""


@dataclass(frozen=True)
class Document:
    """A loaded interview: `text` is the normalised text every offset refers to."""

    text: str
    title: str
    source: str
    encoding: str
    notice: str = ""  # shown to the user when the file was decoded with a guess

    @property
    def length(self) -> int:
        return len(self.text)

    @cached_property
    def sha256(self) -> str:  # ~8 ms for 5 MB, asked for several times on opening
        return text_sha256(self.text)

    def meta(self) -> dict[str, object]:
        """The `document` object of the notes file and of exports."""
        return {
            "title": self.title,
            "source": self.source,
            "sha256": self.sha256,
            "length": self.length,
        }


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise(text: str) -> str:
    """LF line ends and NFC, so offsets do not depend on how the file was saved."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode(data: bytes, name: str = "the file") -> tuple[str, str, str]:
    """(text, encoding, notice) of `data`; raises DocumentError for empty or binary data."""
    if not data.strip():
        raise DocumentError(f"{name} is empty.")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, ""
            except UnicodeDecodeError as exc:
                raise DocumentError(f"{name} is not valid {encoding.upper()} text.") from exc
    if b"\x00" in data[:65536]:
        raise DocumentError(f"{name} looks like a binary file, not a text interview.")
    try:
        return data.decode("utf-8"), "utf-8", ""
    except UnicodeDecodeError:
        pass
    # Legacy 8-bit text: cp1252 covers Windows' curly quotes; latin-1 decodes any byte.
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, encoding, f"{name} is not UTF-8; it was read as {encoding}."
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _title_of(text: str, path: Path) -> str:
    """A Markdown file's first heading, else the file name made readable."""
    if path.suffix.lower() in {".md", ".markdown"}:
        # ATX heading on one line; a closing "#" run counts only after a space ("C#" stays).
        match = re.search(
            r"^ {0,3}#{1,6}[ \t]+(\S.*?)(?:[ \t]+#+)?[ \t]*$", text[:20000], re.MULTILINE
        )
        if match:
            return match.group(1)
    words = re.split(r"[-_\s]+", path.stem)
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or path.name


def load_document(path: str | Path) -> Document:
    """Read, decode and normalise an interview file, or raise DocumentError."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(
                f"{name} is {size // 2**20} MB; the limit is {MAX_BYTES // 2**20} MB."
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise DocumentError(f"{path} does not exist.") from exc
    except IsADirectoryError as exc:
        raise DocumentError(f"{path} is a folder, not a text file.") from exc
    except OSError as exc:
        raise DocumentError(f"{path} cannot be read: {exc.strerror or exc}.") from exc
    raw, encoding, notice = decode(data, name)
    text = normalise(raw)
    if len(_CONTROL.findall(text[:65536])) > 8:
        raise DocumentError(f"{name} looks like a binary file, not a text interview.")
    if not text.strip():
        raise DocumentError(f"{name} is empty.")
    return Document(
        text=text,
        title=_title_of(text, path),
        source=str(path.resolve()),
        encoding=encoding,
        notice=notice,
    )
