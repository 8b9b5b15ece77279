"""Loading an interview file: decoding, refusing what is not text, normalising the text.

Plain text is read as it is. Transcripts in other shapes (subtitles, Whisper JSON and
tables, Word, OpenDocument and Rich Text files, Markdown, Otter text) are turned into plain
text by a module of reader.core.transcripts, imported only when a file of its kind is
opened.
"""

from __future__ import annotations

import codecs
import importlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from reader.core.hashing import sha256_hex
from reader.core.line_ends import lf_line_ends
from reader.core.media_suffixes import SUFFIXES as RECORDING_SUFFIXES
from reader.core.other_documents import doc_kind, is_doc_name, why_not_read
from reader.core.timed_lines import may_have_headers

MAX_BYTES = 64 * 1024 * 1024  # far above the 20 MB the app promises; refuses runaway files
# Subtitles and structured transcripts hold more markup than words: 32 MB of .srt is about
# a hundred hours of speech, so a larger one is refused before it is parsed.
MAX_TRANSCRIPT_BYTES = 32 * 1024 * 1024
PLAIN_TEXT = "text"
NAME_NOT_TEXT = "a name in its path is not UTF-8 text (rename it)"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: they share the first two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A byte that is not UTF-8 (surrogateescape'd), and the characters beyond ASCII that UTF-8
# writes in two bytes, and in three or four. Patterns, not compiled: only a file that is
# not clean UTF-8 needs them, and compiling the last took 5 ms of every start (re caches).
_STRAY_BYTE = "[\udc80-\udcff]"
_TWO_BYTES = "[\x80-\u07ff]"
_MORE_BYTES = "[\u0800-\udc7f\udd00-\U0010ffff]"
# Mac OS Roman's ’ between small letters, “ opening a word (a ” to close it later on its
# line), ” after a small letter or a stop; cp1252's quotes, dashes and ellipsis. Those bytes
# are cp1252's capitals Õ, Ò, Ó: among capitals ("SESIÓN", "PÕE") they are Spanish or
# Portuguese, not quotes, and Catalan opens words with Ò ("Òscar", "Òbviament"). Patterns,
# not compiled: only 8-bit text that is not UTF-8 needs them.
_MAC_QUOTES = (
    rb"[a-z]\xd5[a-z]|(?<![A-Za-z])\xd2[A-Za-z][a-z](?=[^\n\r\xd2\xd3]*[a-z.,!?]\xd3)"
    rb"|[a-z.,!?]\xd3"
)
_WINDOWS_QUOTES = rb"[\x85\x91-\x97]"
# Each encoding a file may be read in, as users know it: "cp1252" said nothing to them. The
# standard name stays in brackets, for whoever sets an editor's encoding to match.
_ENCODINGS_IN_WORDS = {
    "utf-8": "Unicode (UTF-8)",
    "utf-8-sig": "Unicode (UTF-8)",
    "utf-16": "Unicode (UTF-16)",
    "utf-16-le": "Unicode (UTF-16)",
    "utf-16-be": "Unicode (UTF-16)",
    "utf-32": "Unicode (UTF-32)",
    "cp1252": "Western European (Windows-1252)",
    "latin-1": "Western European (ISO-8859-1)",
    "mac_roman": "Western European (Mac OS Roman)",
}
_SAVE_AS_UTF8 = "If letters look wrong, save the file as Unicode (UTF-8) and open it again."
# C0 controls other than tab, LF, FF and CR: a text file has (almost) none of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class DocumentError(Exception):
    """A file that cannot be opened as an interview; the message is for the user."""


class EmptyTranscriptError(DocumentError):
    """A file that holds no transcript at all: empty, or subtitles with no words. A study's
    scan of a folder says so of a small one, read whole, rather than add it."""


# A timed cue of a transcript file: where its words start in the text, when they start
# and, when the file says, when they end (milliseconds from the recording's start).
CueTime = tuple[int, int, int | None]


@dataclass(frozen=True)
class Turn:
    """One speaker's turn in a transcript read from a timed or structured file.

    `text[start:end]` is the turn (its "Name: " label included; a turn may span several
    paragraphs). `speaker` is the name as the file gives it, "" when it gives none;
    `typed` when the reader took it from a label typed in the text ("Note: …"), not from a
    field of the file (a voice span, a JSON speaker), so the rules for labels in text
    apply to it. Times are milliseconds from the start of the recording, None when unknown.
    """

    start: int
    end: int
    speaker: str
    start_ms: int | None = None
    end_ms: int | None = None
    typed: bool = False


@dataclass(frozen=True)
class Span:
    """Formatting of `text[start:end]` in a rendered Markdown file, for the reader to style.

    `kind` is "heading1" to "heading6", "strong", "emphasis", "code", "link" (with `url`),
    "blockquote" or "list_item".
    """

    start: int
    end: int
    kind: str
    url: str = ""


@dataclass(frozen=True)
class Document:
    """A loaded interview: `text` is the normalised text every offset refers to."""

    text: str
    title: str
    source: str
    encoding: str
    notice: str = ""  # shown to the user when the file was decoded with a guess
    format: str = PLAIN_TEXT  # "text", "markdown", "webvtt", "srt", "whisper-json", ...
    turns: tuple[Turn, ...] = ()  # speakers and times, for formats that give them
    spans: tuple[Span, ...] = ()  # formatting, for Markdown
    created: str = ""  # YYYY-MM-DD a Word document's properties give; "" when none
    # Each timed cue's (offset, start_ms, end_ms) in text order, the cues inside a turn
    # too: the recording is followed by them inside a long turn (reader.core.sync).
    cues: tuple[CueTime, ...] = ()

    @property
    def length(self) -> int:
        return len(self.text)

    @cached_property
    def sha256(self) -> str:  # ~8 ms for 5 MB, asked for several times on opening
        return text_sha256(self.text)

    def meta(self) -> dict[str, object]:
        """The `document` object of the notes file and of exports.

        `format` is left out for plain text, so notes files on .txt interviews are
        unchanged; any other source format is recorded.
        """
        meta: dict[str, object] = {
            "title": self.title,
            "source": self.source,
            "sha256": self.sha256,
            "length": self.length,
        }
        if self.format != PLAIN_TEXT:
            meta["format"] = self.format
        return meta


def named_in_text(path: str | Path) -> bool:
    """Whether every name along `path` is UTF-8 text. Python keeps a name's other bytes
    (a Latin-1 "café.txt" from an old zip) as lone surrogates, which no JSON or XML file
    can hold: such a file cannot have notes, nor be a study's, nor go to REFI-QDA."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_name(path: str | Path) -> str:
    """`path` as a message can show it: a byte that is not UTF-8 as "\ufffd"."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def text_sha256(text: str) -> str:
    return sha256_hex(text.encode("utf-8"))


def normalise(text: str) -> str:
    """LF line ends and NFC, so offsets do not depend on how the file was saved."""
    return unicodedata.normalize("NFC", lf_line_ends(text))


def opening_feff_kept(text: str) -> str:
    """`text` as it survives being written to a file or given to Qt: a U+FEFF opening it
    (a zero-width no-break space opening a Word file or a cue), which every reader takes
    for a byte order mark and drops (Qt's insertText too), made U+2060, the word joiner
    that does its job. Its length unchanged, every offset into it holds; dropped, each
    passage after it was one character late."""
    return "\u2060" + text[1:] if text.startswith("\ufeff") else text


def _in_words(encoding: str) -> str:
    """`encoding` (Python's name, as Document.encoding holds it) as the user is told of it:
    "Western European (Windows-1252)" for "cp1252"."""
    return _ENCODINGS_IN_WORDS.get(encoding, encoding)


def bom_encoding(data: bytes) -> str:
    """The encoding whose byte order mark `data` starts with (the mark read with the
    text); "" for none."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), "")


def decode(data: bytes, name: str = "the file") -> tuple[str, str, str]:
    """(text, encoding, notice) of `data`; raises DocumentError for empty or binary data."""
    if not data or data.isspace():  # strip() would copy megabytes to say this
        raise EmptyTranscriptError(f"{name} is empty.")
    if encoding := bom_encoding(data):
        try:
            # A BOM written twice (a tool that adds one to a file that had one) is a BOM
            # too. Read as the text's first character, it was a BOM again to whatever read
            # the text as written back (a .qdpx's source, re-imported: each passage of the
            # interview a character early, those at its end left out).
            return data.decode(encoding).lstrip("\ufeff"), encoding, ""
        except UnicodeDecodeError as exc:
            raise DocumentError(f"{name} is not valid {_in_words(encoding)} text.") from exc
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return (
                utf16,
                f"utf-16-{utf16_order(data)}",
                f"{name} was read as {_in_words('utf-16')} text, as its bytes suggest"
                f" (it has no byte order mark to say so). {_SAVE_AS_UTF8}",
            )
        raise DocumentError(f"{name} looks like a binary file, not a text interview.")
    try:
        return data.decode("utf-8"), "utf-8", ""
    except UnicodeDecodeError:
        pass
    mixed = _utf8_with_stray_bytes(data, name)
    if mixed is not None:
        return mixed
    # Legacy 8-bit text: Mac OS Roman where its curly quotes show, as Word for Mac's plain
    # text writes it ("It\xd5s", "\xd2so\xd3", read as cp1252 "ItÕs", "ÒsoÓ"); else cp1252,
    # which covers Windows' curly quotes; latin-1 decodes any byte.
    for encoding in ("mac_roman", "cp1252", "latin-1")[0 if _mac_roman(data) else 1 :]:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Which legacy encoding is a guess (Mac Roman, cp1251, Shift-JIS read so show wrong
        # letters): the way out is the user's editor.
        return (
            text,
            encoding,
            f"{name} is not {_in_words('utf-8')} text; it was read as"
            f" {_in_words(encoding)} text. {_SAVE_AS_UTF8}",
        )
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _utf8_with_stray_bytes(data: bytes, name: str) -> tuple[str, str, str] | None:
    """UTF-8 text with a few bytes that are not (a Windows editor's ’ pasted in): those
    bytes read as cp1252 (else latin-1), the rest as UTF-8. Read whole as cp1252, every
    "é" of it would be "Ã©". None for legacy text, whose stray bytes (each accented
    letter) outnumber the UTF-8 characters its bytes form by chance, two-byte ones ("ß“"
    in German); a character of three bytes or four (’ – “, CJK) is strong evidence of
    UTF-8 and counts four times. A file of as many stray bytes as accents is ambiguous:
    legacy past twice as many."""
    text = data.decode("utf-8", "surrogateescape")  # each stray byte a lone surrogate
    stray = len(re.findall(_STRAY_BYTE, text))
    evidence = len(re.findall(_TWO_BYTES, text)) + 4 * len(re.findall(_MORE_BYTES, text))
    if evidence * 2 < stray:
        return None
    text = re.sub(_STRAY_BYTE, lambda m: _legacy_byte(ord(m[0]) - 0xDC00), text)
    notice = (
        f"{name} is {_in_words('utf-8')} text but for {stray} character"
        f"{'s' * (stray > 1)} that {'are' if stray > 1 else 'is'} not;"
        f" {'they were' if stray > 1 else 'it was'} read as {_in_words('cp1252')} text."
    )
    return text, "utf-8", notice


def _mac_roman(data: bytes) -> bool:
    """Whether 8-bit text is Mac OS Roman: its curly quotes (’ between letters, “ before a
    word, ” after one) outnumber twice over Windows' (cp1252's ‘ ’ “ ” – — …) in its
    first megabyte, and there are two at least. Those bytes are letters in cp1252 (Õ, Ò,
    Ó), seldom so placed."""
    head = data[: 1 << 20]
    mac = len(re.findall(_MAC_QUOTES, head))
    return mac >= 2 and mac > 2 * len(re.findall(_WINDOWS_QUOTES, head))


def _legacy_byte(byte: int) -> str:
    try:
        return bytes((byte,)).decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return chr(byte)


def utf16_order(data: bytes) -> str:
    """ "le" or "be": the byte order of UTF-16 text whose NULs sit at odd or even offsets."""
    sample = data[:4096]
    # Line ends and spaces first: Chinese has as many NULs in its letters ("一" U+4E00,
    # "开" U+5F00) as in them, at the other offset, more in a text of few line ends.
    even, odd = sample[0::2], sample[1::2]
    blank = b"\n\r "
    le = sum(1 for low, high in zip(even, odd, strict=False) if high == 0 and low in blank)
    be = sum(1 for high, low in zip(even, odd, strict=False) if high == 0 and low in blank)
    if le != be:
        return "le" if le > be else "be"
    return "le" if odd.count(0) >= even.count(0) else "be"


def _utf16_without_bom(data: bytes) -> str | None:
    """`data` decoded as UTF-16 when its bytes say so, else None.

    Text in a Latin script saved as UTF-16 has a NUL in (nearly) every other byte and
    few in the others (those of "一" U+4E00, "Ā" U+0100, an emoji's second half U+DE00:
    one such letter made a Chinese subtitle file "binary"); binary data has NULs at both.
    The decoded text must also be free of control characters, so a chance pattern in
    binary data is not taken for text. Chinese, Arabic or Hebrew text has NULs only in
    its spaces, line ends and digits, far fewer, and Chinese as many at the other offset
    (in "一" U+4E00, "开" U+5F00, common letters): it must read as words (`_words`).
    """
    if len(data) % 2 or len(data) < 8:
        return None
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    units = len(sample) // 2
    few = max(even, odd) < units * 0.3
    # NULs at both offsets: binary data, or Chinese whose "一" and "开" match the NULs of
    # its labels, times and spaces ("[00:01:02] Interviewer: 一开始…"), told by its words.
    both = min(even, odd) * 10 > max(even, odd)
    try:
        text = data.decode(f"utf-16-{utf16_order(data)}")
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(text) or "\ufffe" in text or "\uffff" in text:
        return None
    if (few or both) and not _words(text[:2048]):
        return None
    return text


def _words(sample: str) -> bool:
    """Whether `sample`, read from bytes with few NULs, is words: long enough to tell,
    with a space or a line end, and (but for one in a hundred, a letter newer than this
    Python) no character that Unicode leaves unassigned or private. UTF-16 units read
    from random bytes are of those about one time in six."""
    if len(sample) < 32 or not (" " in sample or "\n" in sample):
        return False
    unknown = sum(unicodedata.category(c) in ("Cn", "Co") for c in sample)
    return unknown * 100 <= len(sample)


def _title_of(text: str, path: Path) -> str:
    """A Markdown file's first heading, else the file name made readable."""
    if path.suffix.lower() in {".md", ".markdown"}:
        # ATX heading on one line; a closing "#" run counts only after a space ("C#" stays).
        match = re.search(
            r"^ {0,3}#{1,6}[ \t]+(\S.*?)(?:[ \t]+#+)?[ \t]*$", text[:20000], re.MULTILINE
        )
        if match:
            return match.group(1)
    return title_from_name(path)


def title_from_name(path: Path) -> str:
    """The file name made readable: separators become spaces, and each word in lower case
    gets a capital ("p01_ana" -> "P01 Ana"); a word with a capital keeps its case, written
    so on purpose ("NYC-interview" -> "NYC Interview", "iPhone notes" -> "iPhone Notes")."""
    words = [w for w in re.split(r"[-_\s]+", path.stem) if w]
    return " ".join(w if w.lower() != w else w[:1].upper() + w[1:] for w in words) or path.name


# Suffix -> (module of reader.core.transcripts, whether it reads the raw bytes). Text
# shapes are decoded here first. A .txt where some line ends in a time goes through the
# Otter reader, which leaves any text not in Otter's or Teams' shape as it is.
_READERS = {
    ".txt": ("otter", False),
    ".md": ("markdown", False),
    ".markdown": ("markdown", False),
    ".vtt": ("webvtt", False),
    ".srt": ("subrip", False),
    ".json": ("whisper", False),
    ".tsv": ("whisper_table", False),
    ".csv": ("whisper_table", False),
    ".lrc": ("lrc", False),
    ".docx": ("word", True),
    ".odt": ("opendocument", True),
    ".rtf": ("rtf", True),
}


def is_transcript_file(path: Path) -> bool:
    """Whether `path`'s suffix is one a transcript is opened with; a .json may be one or
    annotations, so it is not said to be one here."""
    suffix = path.suffix.lower()
    return suffix in _READERS and suffix != ".json"


def _recording_not_transcript(path: Path) -> str:
    """What to open for a recording: its transcript, which plays it."""
    for suffix in _READERS:
        if (transcript := path.with_suffix(suffix)).is_file():
            return (
                f"{path.name} is a recording: open its transcript, {transcript.name}, and the "
                "recording plays with it."
            )
    return (
        f"{path.name} is a recording, not a transcript: open its transcript, and a recording "
        "beside it with its name plays with it."
    )


# The header of Whisper's table of segments (whisper_table), saved as .txt too; a study's
# scan takes no other table (study_scan.sniff).
WHISPER_TABLE_HEAD = r"\s*start([\t,])end\1(?:speaker\1)?text[ \t]*(?:\n|$)"
# What Whisper's text of segments opens with: whisper.cpp's channel ("(speaker 0) "),
# WhisperX's speaker ("[SPEAKER_00]: "), or the segment's times ("[00:16.020 --> 00:41.090]",
# faster-whisper's "[0.00s -> 7.00s]"): read by whisper_text, which gives None for a text
# that only opens so.
_WHISPER_TEXT_HEAD = (
    r"\s*(?:\(speaker |\[SPEAKER_\d+\]:[ \t]|\[[\d:.,]+[ \t]*-->|\[\d+(?:\.\d+)?s[ \t]*->)"
)
# The tags that open lyrics (lrc), whisper.cpp's "[by:whisper.cpp]" first, saved as .txt too,
# and the timed line under them: a text opening with a note "[length: 45 minutes]" is text.
_LYRICS_HEAD = (
    r"(?:\s*\[(?:by|ti|ar|al|au|length|offset|re|ve):[^\]\n]*\][ \t]*\n)+\s*\[\d+:\d{2}[.:\]]"
)
# Zoom's chat saved on the computer: its first message's time of day, "From" and its sender.
_ZOOM_CHAT_HEAD = r"\s*\d{1,2}:\d{2}:\d{2}[ \t]+From[ \t]"
# SubRip's opening: a cue number over a timing, or a timing ("00:00:01,000 --> ..."). A
# string, compiled by `re` when a subtitle file is opened, not at start-up.
_SUBRIP_START = r"\s*(?:\d+[ \t]*\n)?[ \t]*[\d:,.]+[ \t]*-->"


def _subtitles_as_they_are(module: str, text: str) -> str:
    """The reader of subtitles named with another suffix, as many convert them by
    renaming: SubRip saved as .vtt, WebVTT as .srt (both were refused), either as .txt
    (read as prose: its cue numbers and timings became the speakers' words)."""
    if module in ("webvtt", "otter", "") and not text.startswith("WEBVTT"):
        return "subrip" if re.match(_SUBRIP_START, text) else module
    if module in ("subrip", "otter", "") and re.match(r"WEBVTT(?:[ \t\n]|$)", text):
        return "webvtt"
    return module


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path`, refusing anything but a regular file of at most `limit` bytes.

    A FIFO or a device would block or never end: both are refused by os.stat before
    opening, and O_NONBLOCK with fstat closes the gap if the path changed in between.
    """
    name = path.name
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(f"{path} is a folder, not a text file.")
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(f"{path} is not a regular file (a pipe or a device).")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise DocumentError(f"{path} is not a regular file (a pipe or a device).")
            if info.st_size > limit:
                raise DocumentError(
                    f"{name} is {info.st_size // 2**20} MB; the limit for this kind of file "
                    f"is {limit // 2**20} MB."
                )
            return handle.read(limit + 1)[:limit]
    except FileNotFoundError as exc:
        raise DocumentError(f"{path} does not exist.") from exc
    except IsADirectoryError as exc:
        raise DocumentError(f"{path} is a folder, not a text file.") from exc
    except OSError as exc:
        raise DocumentError(f"{path} cannot be read: {exc.strerror or exc}.") from exc


def decode_text(data: bytes, name: str) -> tuple[str, str, str]:
    """(normalised text, encoding, notice) of a text file, or DocumentError."""
    raw, encoding, notice = decode(data, name)
    text = normalise(raw)
    if len(_CONTROL.findall(text[:65536])) > 8:
        raise DocumentError(f"{name} looks like a binary file, not a text interview.")
    if not text or text.isspace():
        raise EmptyTranscriptError(f"{name} is empty.")
    return text, encoding, notice


def load_document(path: str | Path) -> Document:
    """Read, decode and normalise an interview file, or raise DocumentError.

    The file is only read, never written.
    """
    path = Path(path)
    name = path.name
    if not named_in_text(os.path.abspath(path)):
        raise DocumentError(f"{shown_name(path)} cannot be opened: {NAME_NOT_TEXT}.")
    if path.suffix.lower() in RECORDING_SUFFIXES:
        raise DocumentError(_recording_not_transcript(path))
    # A Pages document, a PDF…: by its suffix before reading (a Pages document may be a
    # folder), by its first bytes after (a PDF saved as .txt, opened as its markup; a .doc).
    if not is_doc_name(path) and (reason := why_not_read(path, b"")):
        raise DocumentError(f"{name} cannot be opened: {reason}.")
    module, binary = _READERS.get(path.suffix.lower(), ("", False))
    plain = ("", "otter", "markdown", "whisper_table")  # or a table of turns, left as it is
    limit = MAX_TRANSCRIPT_BYTES if module not in plain else MAX_BYTES
    data = read_regular_file(path, limit)
    if reason := why_not_read(path, data[:64]):
        raise DocumentError(f"{name} cannot be opened: {reason}.")
    if is_doc_name(path):  # Rich Text (below), a Word document or text saved as .doc
        module, binary = ("word", True) if doc_kind(data[:64]) == "docx" else ("otter", False)
    if data.lstrip()[:5] == b"{\\rtf":  # Rich Text whatever its suffix (TextEdit's as .txt)
        module, binary = "rtf", True
    text, encoding, notice = ("", "", "") if binary else decode_text(data, name)
    if module == "otter" and not may_have_headers(text):
        module = ""
    module = _subtitles_as_they_are(module, text)
    if module in ("", "otter") and re.match(WHISPER_TABLE_HEAD, text):
        module = "whisper_table"  # Whisper's .tsv or whisper.cpp's .csv renamed
    if module in ("", "otter") and re.match(_LYRICS_HEAD, text):
        module = "lrc"
    if module in ("", "otter") and re.match(_WHISPER_TEXT_HEAD, text):
        module = "whisper_text"  # Whisper's text of segments with their times or speakers
    if module in ("", "otter") and re.match(_ZOOM_CHAT_HEAD, text):
        module = "zoom_chat"
    if not module:
        return Document(text, _title_of(text, path), str(path.resolve()), encoding, notice)
    reader = importlib.import_module(f"reader.core.transcripts.{module}")
    parsed = reader.parse(data if binary else text, name)
    if parsed is None:  # a .txt not in Otter's shape, a table not Whisper's: the text as it is
        return Document(text, _title_of(text, path), str(path.resolve()), encoding, notice)
    return Document(
        text=parsed.text,
        title=parsed.title or _title_of(text, path),
        source=str(path.resolve()),
        encoding=encoding or parsed.encoding,
        notice=" ".join(part for part in (notice, parsed.notice) if part),
        format=parsed.format,
        turns=parsed.turns,
        spans=parsed.spans,
        created=parsed.created,
        cues=parsed.cues,
    )
