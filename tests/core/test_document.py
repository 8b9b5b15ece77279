"""Tests of loading an interview file: decoding, refusing non-text, normalising, metadata."""

from __future__ import annotations

import codecs
import hashlib
import os
import random
import threading
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.document import (
    Document,
    DocumentError,
    decode,
    load_document,
    normalise,
    text_sha256,
    title_from_name,
)

BUNDLED = Path(__file__).parents[2] / "resources" / "her-smell-interview.txt"
SAMPLE = "Q: Was it scripted?\nA: Everything — “every word”.\n"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- encodings --------------------------------------------------------------------------


def test_utf8_without_bom(tmp_path: Path) -> None:
    """Plain UTF-8 is read as it is, without a notice."""
    doc = load_document(write(tmp_path, "a.txt", SAMPLE.encode("utf-8")))
    assert doc.text == SAMPLE
    assert doc.encoding == "utf-8"
    assert doc.notice == ""


def test_utf8_with_bom_drops_the_bom(tmp_path: Path) -> None:
    """A UTF-8 BOM is not part of the text, so offsets do not shift by one."""
    doc = load_document(write(tmp_path, "a.txt", codecs.BOM_UTF8 + SAMPLE.encode("utf-8")))
    assert doc.text == SAMPLE
    assert not doc.text.startswith("\ufeff")
    assert doc.notice == ""


def test_a_bom_written_twice_is_dropped_twice(tmp_path: Path) -> None:
    """Found by a random REFI-QDA round trip: the second BOM was the text's first
    character, which the .qdpx's source file began with, and which its import took for a
    BOM: each passage of the interview came back a character early."""
    data = codecs.BOM_UTF8 * 2 + SAMPLE.encode("utf-8")
    assert load_document(write(tmp_path, "a.txt", data)).text == SAMPLE


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    """UTF-16 in either byte order is recognised by its BOM; the BOM is dropped."""
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text = SAMPLE + "🎬 𠀋 שלום\n"
    doc = load_document(write(tmp_path, "a.txt", bom + text.encode(codec)))
    assert doc.text == text
    assert doc.notice == ""


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_with_bom(tmp_path: Path, codec: str) -> None:
    """UTF-32 is told apart from UTF-16 LE although their BOMs share two bytes."""
    bom = codecs.BOM_UTF32_LE if codec.endswith("le") else codecs.BOM_UTF32_BE
    doc = load_document(write(tmp_path, "a.txt", bom + SAMPLE.encode(codec)))
    assert doc.text == SAMPLE


def test_cp1252_curly_quotes_are_decoded_with_a_notice(tmp_path: Path) -> None:
    """Windows curly quotes become “ ” (no mojibake) and the user is told it was not UTF-8."""
    doc = load_document(write(tmp_path, "win.txt", b"\x93Hi\x94 she said \x96 it\x92s fine.\n"))
    assert doc.text == "“Hi” she said – it’s fine.\n"
    assert doc.encoding == "cp1252"
    assert "not Unicode (UTF-8) text" in doc.notice
    assert "win.txt" in doc.notice
    for mojibake in ("â€", "Ã", "\ufffd", "\x93", "\x94"):
        assert mojibake not in doc.text


def test_a_file_read_as_a_guessed_encoding_says_how_to_fix_wrong_letters(tmp_path: Path) -> None:
    """Mac Roman, cp1251 and Shift-JIS files read as cp1252 show wrong letters: the notice
    says what to do about it."""
    doc = load_document(write(tmp_path, "ru.txt", "Интервьюер: Привет.\n".encode("cp1251")))
    assert doc.notice == (
        "ru.txt is not Unicode (UTF-8) text; it was read as Western European (Windows-1252)"
        " text. If letters look wrong, save the file as Unicode (UTF-8) and open it again."
    )


def test_mac_roman_text_is_read_as_mac_roman(tmp_path: Path) -> None:
    """Found by a new user's transcript that Word for Mac saved as plain text: its curly
    quotes and accents read as cp1252 showed "ItÕs", "ÒhowÓ", "cafŽ". Where Mac OS Roman's
    quotes show, the file is read as Mac OS Roman, and the notice says so."""
    text = "Interviewer: So “how” did it start — really?\rP3: It’s a long story… café first.\r"
    doc = load_document(write(tmp_path, "mac.txt", text.encode("mac_roman")))
    assert doc.text == text.replace("\r", "\n")
    assert doc.notice == (
        "mac.txt is not Unicode (UTF-8) text; it was read as Western European (Mac OS Roman)"
        " text. If letters look wrong, save the file as Unicode (UTF-8) and open it again."
    )
    # Windows' quotes, and cp1252's Õ among letters once, stay cp1252's.
    windows = "“Hi” she said – it’s fine. PÕE.\n"
    assert load_document(write(tmp_path, "win.txt", windows.encode("cp1252"))).text == windows
    # Spanish and Portuguese capitals in cp1252 (Ó, Õ, Ò) are no Mac quotes: "TRANSCRIPCIÓN"
    # and "SESIÓN" made a Spanish transcript Mac OS Roman, every accent a wrong sign.
    for words in (
        "TRANSCRIPCIÓN DE LA SESIÓN\nEntrevistador: ¿Cómo empezó la educación?\n",
        "A SITUAÇÃO PÕE EM CAUSA, DISSE O JOÃO. ELE PÕE\nAna: não sei.\n",
        "ÒPERA I ÒRGAN\nAna: això és tot.\n",
        # Catalan's Ò opening a name or a word, with no Mac ” after it: "Òscar" twice made
        # a Catalan transcript Mac OS Roman ("“scar", "comenÁar").
        "Entrevistador: Bon dia, Òscar.\nÒscar: Òbviament, vaig començar l'any 2015.\n",
    ):
        assert load_document(write(tmp_path, "es.txt", words.encode("cp1252"))).text == words


def test_latin1_bytes_are_decoded(tmp_path: Path) -> None:
    """Latin-1 accented letters decode to the right characters, with a notice."""
    doc = load_document(write(tmp_path, "l1.txt", "Grüße aus Köln, señor.\n".encode("latin-1")))
    assert doc.text == "Grüße aus Köln, señor.\n"
    assert "not Unicode (UTF-8) text" in doc.notice


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    """0x81 has no cp1252 character; such a file is still read, as latin-1."""
    doc = load_document(write(tmp_path, "l1.txt", b"caf\xe9 \x81 ok\n"))
    assert doc.encoding == "latin-1"
    assert doc.text == "café \x81 ok\n"
    assert "read as Western European (ISO-8859-1) text" in doc.notice


def test_utf8_with_a_stray_windows_byte_keeps_its_utf8(tmp_path: Path) -> None:
    """One cp1252 apostrophe pasted into UTF-8 text read the whole file as cp1252: every
    "é" became "Ã©". The stray byte alone is read as cp1252 now, and the notice says so."""
    data = (
        "Caf\u00e9 in Z\u00fcrich \u2013 \u4e2d\u6587, \u00d1and\u00fa.\n".encode()
        + b"It\x92s ours.\n"
    )
    doc = load_document(write(tmp_path, "mixed.txt", data))
    assert doc.text == "Café in Zürich – 中文, Ñandú.\nIt’s ours.\n"
    assert doc.encoding == "utf-8"
    assert doc.notice == (
        "mixed.txt is Unicode (UTF-8) text but for 1 character that is not; it was read as"
        " Western European (Windows-1252) text."
    )
    two = decode("\u00e9\u00e9\u00e9".encode() + b" \x93\x81", "x.txt")
    assert two == (
        "ééé “\x81",
        "utf-8",
        "x.txt is Unicode (UTF-8) text but for 2 characters that are not; they were read as"
        " Western European (Windows-1252) text.",
    )


def test_legacy_text_whose_bytes_happen_to_be_utf8_stays_legacy() -> None:
    """Latin-1 "Ã©" is the bytes of UTF-8 "é", German cp1252 "ß“" those of a two-byte
    character: with stray bytes past twice as many, the file is legacy text. A
    three-byte character (’) counts four times: a Windows ’ pasted into UTF-8 is not."""
    legacy = "Ã© \u00e9t\u00e9 d\u00e9j\u00e0"
    assert decode(legacy.encode("latin-1"), "x.txt")[:2] == (legacy, "cp1252")
    german = "Spa\u00df\u201c und M\u00fche \u00fcber alles sch\u00f6n"
    assert decode(german.encode("cp1252"), "x.txt")[:2] == (german, "cp1252")
    pasted = "Zo\u00eb said \u201cyes\u201d ".encode() + b"don\x92t, it\x92s, we\x92re"
    assert decode(pasted, "x.txt")[:2] == ("Zoë said “yes” don’t, it’s, we’re", "utf-8")


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"\x93Hi\x94", "read as Western European (Windows-1252) text"),
        (b"caf\xe9 \x81", "read as Western European (ISO-8859-1) text"),
        ("It’s “so” ".encode("mac_roman") * 2, "read as Western European (Mac OS Roman) text"),
        ("é".encode() + b"\x92", "read as Western European (Windows-1252) text"),
        ("Hi, Ana.".encode("utf-16-le"), "read as Unicode (UTF-16) text"),
        (codecs.BOM_UTF8 + b"\xff", "is not valid Unicode (UTF-8) text"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "is not valid Unicode (UTF-16) text"),
        (codecs.BOM_UTF32_BE + b"\xff\xff\xff", "is not valid Unicode (UTF-32) text"),
    ],
)
def test_how_a_file_was_read_is_said_in_words(data: bytes, said: str) -> None:
    """The notice said a file was "read as cp1252", which told users nothing: each
    encoding is named in words, its standard name in brackets."""
    try:
        notice = decode(data, "x.txt")[2]
    except DocumentError as error:
        notice = str(error)
    assert said in notice
    for python_name in ("cp1252", "latin", "mac_roman", "sig", "-le", "-be", "UTF-16 from"):
        assert python_name not in notice.lower()


def test_decode_reports_the_guess() -> None:
    """decode() returns (text, encoding, notice) and names the file in the notice."""
    assert decode(b"ok", "x.txt") == ("ok", "utf-8", "")
    text, encoding, notice = decode(b"\x93ok\x94", "x.txt")
    assert (text, encoding) == ("“ok”", "cp1252")
    assert notice.startswith("x.txt is not Unicode (UTF-8) text")


# --- refused files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b" ", b"\n\n\r\n\t  \n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"  \n", "\u3000\n".encode()],
    ids=["empty", "space", "blank-lines", "bom-only", "bom-spaces", "ideographic-space"],
)
def test_empty_or_whitespace_only_file_is_refused(tmp_path: Path, data: bytes) -> None:
    """A file with no visible text is refused with a message that says it is empty."""
    with pytest.raises(DocumentError, match=r"^empty\.txt is empty\.$"):
        load_document(write(tmp_path, "empty.txt", data))


def test_utf16_whitespace_only_is_refused(tmp_path: Path) -> None:
    """Whitespace is found empty after decoding too, not just as ASCII bytes."""
    data = codecs.BOM_UTF16_LE + " \n \n".encode("utf-16-le")
    with pytest.raises(DocumentError, match="is empty"):
        load_document(write(tmp_path, "empty.txt", data))


@pytest.mark.parametrize(
    "data",
    [
        PNG_HEADER + bytes(range(256)) * 4,
        b"some text\x00with a NUL byte\n",
        b"\x7fELF\x02\x01\x01\x00\x00\x00" + b"\x00" * 64,
        b"".join(bytes([b]) for b in range(1, 32) if b not in (9, 10, 12, 13)) * 4,
        random.Random(1).randbytes(4096),
        random.Random(2).randbytes(100_000),
    ],
    ids=["png", "nul", "elf", "controls", "random-4k", "random-100k"],
)
def test_binary_file_is_refused(tmp_path: Path, data: bytes) -> None:
    """Binary data is refused with a message saying it is not a text interview."""
    with pytest.raises(DocumentError, match="binary file"):
        load_document(write(tmp_path, "image.png", data))


def test_a_recording_opened_as_an_interview_names_its_transcript(tmp_path: Path) -> None:
    """Found by the recording review: it said "binary file, not a text interview"."""
    recording = write(tmp_path, "talk.WAV", b"RIFF\x00\x00\x00\x00WAVEfmt " + bytes(64))
    with pytest.raises(DocumentError, match="is a recording, not a transcript"):
        load_document(recording)
    write(tmp_path, "talk.vtt", b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n")
    with pytest.raises(DocumentError, match=r"open its transcript, talk\.vtt, and the recording"):
        load_document(recording)


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE])
def test_bom_with_undecodable_bytes_is_refused(tmp_path: Path, bom: bytes) -> None:
    """A BOM followed by bytes its encoding cannot decode is refused, not guessed at."""
    with pytest.raises(DocumentError, match=r"is not valid Unicode \(UTF-(8|16|32)\) text\."):
        load_document(write(tmp_path, "bad.txt", bom + b"\xff\xfe\xfd"))


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2048))
def test_any_bytes_load_or_raise_document_error(tmp_path: Path, data: bytes) -> None:
    """Whatever the bytes, loading gives a normalised non-empty text or a DocumentError."""
    path = write(tmp_path, "any.txt", data)
    try:
        doc = load_document(path)
    except DocumentError as exc:
        assert str(exc)
        assert "\n" not in str(exc)
        return
    assert doc.text.strip()
    assert normalise(doc.text) == doc.text
    assert "\x00" not in doc.text


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=1, max_size=512))
def test_bytes_with_a_nul_are_refused(tmp_path: Path, data: bytes) -> None:
    """A NUL byte in a file without a BOM means binary, unless the bytes read as UTF-16."""
    try:
        doc = load_document(write(tmp_path, "nul.bin", b"a" + data + b"\x00"))
    except DocumentError as exc:
        assert "binary file" in str(exc) or "empty" in str(exc)
        return
    assert doc.encoding.startswith("utf-16") and "byte order mark" in doc.notice


def test_missing_file_is_refused(tmp_path: Path) -> None:
    """A path that does not exist is refused with a message naming it."""
    path = tmp_path / "nowhere.txt"
    with pytest.raises(DocumentError, match=r"nowhere\.txt does not exist"):
        load_document(path)


def test_folder_is_refused(tmp_path: Path) -> None:
    """A folder is refused with a message saying it is a folder."""
    folder = tmp_path / "interviews"
    folder.mkdir()
    with pytest.raises(DocumentError, match="is a folder"):
        load_document(folder)


# --- titles -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("# Her Smell\n\nQ: Hi?\n", "Her Smell"),
        ("Intro line.\n\n## The Interview ##\nQ: Hi?\n", "The Interview"),
        ("#hashtag line\n# Real Title\n", "Real Title"),
        ("#\nNot a heading\n# Second\n", "Second"),
        ("# \n# After an empty heading\n", "After an empty heading"),
        ("# Learning C#\n", "Learning C#"),
        ("   # Indented up to three\n", "Indented up to three"),
        ("### Perry on “Her Smell” 🎬   \n", "Perry on “Her Smell” 🎬"),
    ],
)
def test_markdown_title_is_the_first_heading(tmp_path: Path, text: str, title: str) -> None:
    """A .md file's title is the text of its first ATX heading, on that line only."""
    doc = load_document(write(tmp_path, "notes.md", text.encode()))
    assert doc.title == title


def test_markdown_without_heading_is_named_after_the_file(tmp_path: Path) -> None:
    """Without a heading the file name, made readable, is the title."""
    doc = load_document(write(tmp_path, "alex-ross_perry interview.md", b"No heading here.\n"))
    assert doc.title == "Alex Ross Perry Interview"


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("NYC-interview.txt", "NYC Interview"),  # a word with a capital keeps its case
        ("P01_ana.txt", "P01 Ana"),
        ("iPhone notes.md", "iPhone Notes"),
        ("QA.md", "QA"),
        ("p01_ana.txt", "P01 Ana"),  # a word in lower case gets a capital
        ("qa.md", "Qa"),  # nothing in the name tells an acronym from a word
    ],
)
def test_a_title_from_a_file_name_keeps_the_capitals_written(
    tmp_path: Path, name: str, title: str
) -> None:
    doc = load_document(write(tmp_path, name, b"Q: Hello?\nA: Hi.\n"))
    assert doc.title == title


@given(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,20}", fullmatch=True))
def test_a_title_from_a_name_changes_no_letter_but_lowercase_initials(stem: str) -> None:
    title = title_from_name(Path(f"{stem}.txt"))
    words = [w for w in stem.replace("_", " ").replace("-", " ").split() if w]
    assert len(title.split()) == len(words)
    for word, written in zip(words, title.split(), strict=True):
        if word.lower() != word:  # written with a capital: kept as it is
            assert written == word
        else:
            assert written == word[:1].upper() + word[1:]


def test_txt_heading_is_not_a_title(tmp_path: Path) -> None:
    """Only Markdown files take their title from a heading."""
    doc = load_document(write(tmp_path, "her-smell.txt", b"# Not a title\nText.\n"))
    assert doc.title == "Her Smell"


# --- normalisation and metadata ---------------------------------------------------------


def test_crlf_and_lone_cr_become_lf(tmp_path: Path) -> None:
    """Windows and old-Mac line ends both end up as LF, CRLF as one LF."""
    doc = load_document(write(tmp_path, "a.txt", b"one\r\ntwo\rthree\n\r\nfour\r\r"))
    assert doc.text == "one\ntwo\nthree\n\nfour\n\n"


def test_combining_marks_are_composed(tmp_path: Path) -> None:
    """NFC: e + COMBINING ACUTE is stored as é, so offsets match what is shown."""
    decomposed = "Cafe\u0301 Ame\u0301lie, n\u0303, A\u030a\n"
    doc = load_document(write(tmp_path, "a.txt", decomposed.encode()))
    assert doc.text == "Café Amélie, ñ, Å\n"
    assert unicodedata.is_normalized("NFC", doc.text)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_normalise_is_idempotent_lf_only_and_nfc(text: str) -> None:
    """normalise() leaves no CR, gives NFC, and changes nothing the second time."""
    once = normalise(text)
    assert "\r" not in once
    assert unicodedata.is_normalized("NFC", once)
    assert normalise(once) == once


def test_sha256_and_length_are_of_the_normalised_text(tmp_path: Path) -> None:
    """The hash and length describe the text offsets refer to, not the bytes on disk."""
    raw = "Cafe\u0301\r\n🎬 𠀋\r\n"
    expected = "Café\n🎬 𠀋\n"
    path = write(tmp_path, "a.txt", codecs.BOM_UTF8 + raw.encode())
    doc = load_document(path)
    assert doc.text == expected
    assert doc.length == len(expected) == 9  # code points, not UTF-8 bytes or UTF-16 units
    assert doc.sha256 == hashlib.sha256(expected.encode("utf-8")).hexdigest()
    assert doc.sha256 == text_sha256(expected)
    assert doc.meta() == {
        "title": "A",
        "source": str(path.resolve()),
        "sha256": doc.sha256,
        "length": 9,
    }


def test_same_text_saved_differently_has_the_same_hash(tmp_path: Path) -> None:
    """UTF-16 with CRLF and UTF-8 with LF of the same text give the same document hash."""
    a = load_document(write(tmp_path, "a.txt", "Q: Café?\nA: Oui.\n".encode()))
    b_bytes = codecs.BOM_UTF16_BE + "Q: Cafe\u0301?\r\nA: Oui.\r\n".encode("utf-16-be")
    b = load_document(write(tmp_path, "b.txt", b_bytes))
    assert (a.sha256, a.length) == (b.sha256, b.length)


def test_bundled_interview_loads() -> None:
    """The bundled interview is UTF-8 and needs no notice."""
    doc = load_document(BUNDLED)
    assert isinstance(doc, Document)
    assert doc.encoding == "utf-8"
    assert doc.notice == ""
    assert doc.title == "Her Smell Interview"
    assert doc.source == str(BUNDLED.resolve())


def test_twenty_megabyte_file_loads(tmp_path: Path) -> None:
    """A ~20 MB interview, the size the app promises to handle, loads whole."""
    chunk = BUNDLED.read_bytes()
    copies = 20 * 2**20 // len(chunk) + 1
    path = write(tmp_path, "big.txt", chunk * copies)
    assert path.stat().st_size >= 20 * 2**20
    doc = load_document(path)
    one = chunk.decode("utf-8")
    assert doc.length == len(one) * copies
    assert doc.text[: len(one)] == one
    assert doc.text[-len(one) :] == one


# --- what is not a regular file (issue 10) ----------------------------------------------


def _load_in_thread(path: Path) -> tuple[threading.Thread, dict[str, object]]:
    """Load `path` in a daemon thread, so a load that blocks fails the test, not the run."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["document"] = load_document(path)
        except DocumentError as exc:
            outcome["error"] = str(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=30)
    return thread, outcome


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    """A named pipe with no writer would block open() and read() forever: refused."""
    fifo = tmp_path / "interview.txt"
    os.mkfifo(fifo)
    thread, outcome = _load_in_thread(fifo)
    assert not thread.is_alive(), "loading a FIFO blocked"
    assert "not a regular file" in str(outcome.get("error"))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_device_is_refused(device: str) -> None:
    """/dev/zero never ends and /dev/null is empty: both are refused as devices."""
    thread, outcome = _load_in_thread(Path(device))
    assert not thread.is_alive(), f"loading {device} blocked"
    assert "not a regular file" in str(outcome.get("error"))


def test_symlink_to_a_regular_file_loads(tmp_path: Path) -> None:
    target = write(tmp_path, "real.txt", SAMPLE.encode())
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert load_document(link).text == SAMPLE


# --- UTF-16 without a BOM (issue 10) ------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(tmp_path: Path, codec: str) -> None:
    """Latin text in UTF-16 has a NUL in every other byte: read as UTF-16, with a notice."""
    text = SAMPLE + "Grüße, 🎬 and 東京 too.\n"
    doc = load_document(write(tmp_path, "nobom.txt", text.encode(codec)))
    assert doc.text == text
    assert doc.encoding == codec
    assert "byte order mark" in doc.notice


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "采访者：你每天几点起床？\n李明：我六点起床，然后坐地铁去公司。\n",
        "المحاور: كيف كان يومك الأول في العمل؟\nليلى: كان طويلا، لكنه كان جميلا.\n",
        "מראיין: איך היה היום הראשון שלך בעבודה?\nנועה: ארוך, אבל טוב מאוד.\n",
    ],
    ids=["chinese", "arabic", "hebrew"],
)
def test_utf16_without_bom_of_another_script_is_recognised(
    tmp_path: Path, codec: str, text: str
) -> None:
    """An interview in Chinese, Arabic or Hebrew saved again as UTF-16 without a byte order
    mark (an editor's "UTF-16 LE") was refused as "a binary file", its highlights with it:
    only its spaces, line ends and punctuation have a NUL byte, too few for the count of
    NULs that tells Latin text."""
    doc = load_document(write(tmp_path, "nobom.txt", text.encode(codec)))
    assert doc.text == text
    assert doc.encoding == codec and "byte order mark" in doc.notice


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_of_chinese_with_many_a_one_is_recognised(
    tmp_path: Path, codec: str
) -> None:
    """A Chinese interview saved as UTF-16 without a byte order mark was still "a binary
    file" where "一" (U+4E00) and "开" (U+5F00), common letters, put as many NULs at one
    offset as its line ends at the other, and read in the wrong byte order where they
    were as many."""
    text = (
        "采访者：您能先介绍一下自己吗？\n\n受访者：我叫李明，在一家工厂工作了十几年。"
        "一开始我是做普通工人的。\n\n采访者：工作中最难的是什么？\n\n受访者：最难的是夜班。"
        "一个星期要上三四个夜班，一开始身体有点吃不消。\n"
    )
    doc = load_document(write(tmp_path, "nobom.txt", text.encode(codec)))
    assert doc.text == text
    assert doc.encoding == codec and "byte order mark" in doc.notice


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_of_chinese_with_latin_labels_is_recognised(
    tmp_path: Path, codec: str
) -> None:
    """A Chinese interview with its labels in Latin letters ("Interviewer:", or times
    "[00:01:02] 采访者：") saved as UTF-16 without a byte order mark was "a binary file":
    the NULs of "一" and "开" at one offset were more than a tenth of the labels' at the
    other, the rule that told binary data, whose decoded text has controls."""
    text = "Interviewer: 你是怎么开始做护士的？\nAna: 一开始我在夜班工作，后来换到白班。\n" * 40
    doc = load_document(write(tmp_path, "nobom.txt", text.encode(codec)))
    assert doc.text == text
    assert doc.encoding == codec and "byte order mark" in doc.notice


def test_utf16_without_bom_in_a_transcript_format(tmp_path: Path) -> None:
    data = "1\n00:00:01,000 --> 00:00:02,000\nAna: Olá!\n".encode("utf-16-le")
    assert load_document(write(tmp_path, "a.srt", data)).text == "Ana: Olá!\n"


def test_utf16_without_bom_of_letters_with_a_nul_byte_is_recognised() -> None:
    """A Chinese subtitle file a Windows tool saved as UTF-16 without a byte order mark
    was refused as "a binary file": "一" (U+4E00) and an emoji's second half have a NUL
    where its ASCII has none."""
    path = Path(__file__).parents[1] / "data" / "transcripts" / "chinese-utf16le-no-bom.srt"
    doc = load_document(path)
    assert doc.encoding == "utf-16-le" and "byte order mark" in doc.notice
    assert doc.text.startswith("采访者: 你第一次来这个城市是什么时候？\n\n李明: 一九九八年")
    assert [(t.speaker, t.start_ms) for t in doc.turns] == [
        ("采访者", 1000),
        ("李明", 4500),
        ("采访者", 9500),
        ("李明", 11500),
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x00\x00\x00ab\x00\x00cd\x00\x00",  # NULs at both parities
        "Hi\x01\x02\x03\x04 there".encode("utf-16-le"),  # controls once decoded
        b"a\x00b\x00c",  # odd length
        b"A\x00" * 6 + b"\x00\xd8",  # "AAAAAA" and a lone surrogate
    ],
    ids=["both-parities", "controls", "odd-length", "lone-surrogates"],
)
def test_nul_bytes_that_are_not_utf16_stay_binary(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(DocumentError, match="binary file"):
        load_document(write(tmp_path, "x.bin", data))
