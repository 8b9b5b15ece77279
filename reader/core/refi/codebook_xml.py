"""The code tree as REFI-QDA `Code` elements, shared by projects and `.qdc` codebooks.

A codebook alone is `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>...`; inside a
project the same tree sits in `urn:QDA-XML:project:1.0`. Our code ids are GUIDs already,
so they are written as they are and read back as they were (braces and case dropped).
"""

from __future__ import annotations

import codecs
import contextlib
import pyexpat
import re
import unicodedata
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from reader import APP_NAME, __version__
from reader.core.codebook import MAX_NAME_CHARS, Code, Codebook, clean_name, is_color
from reader.core.refi.left_out import LeftOut
from reader.core.shorten import shorten
from reader.core.wording import counted
from reader.core.xml_chars import make_xml_safe

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"{APP_NAME} {__version__}"
READ_VERSION = (1, 0)  # of the REFI-QDA format, the number its namespaces end in
# GUIDs derived for what has no GUID of its own (a source, a coding, a note), so that
# exporting the same study twice gives the same file.
GUID_NAMESPACE = uuid.UUID("0b7e7f0c-5f8e-5d1a-9d3c-2a6f4e8b1c55")
_SHORT_COLOR = re.compile(r"#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])")
# A colour with its opacity after it (#RRGGBBAA, as CSS writes it) or without its "#":
# outside the schema's #RRGGBB, and each such code was given the palette's next colour.
_LOOSE_COLOR = re.compile(r"#?([0-9a-fA-F]{6})(?:[0-9a-fA-F]{2})?")


EXPORT_AGAIN = "export it again from the program that made it"  # what a refused file asks


class RefiError(Exception):
    """A file that is not REFI-QDA this build can read; one line for the user."""


def derived_guid(kind: str, key: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))


def guid_of(value: str | None) -> str | None:
    """A GUID attribute as we store it (lower case, no braces), None if it is not one."""
    if not value:
        return None
    try:
        return str(uuid.UUID(value.strip().strip("{}")))
    except ValueError:
        return None


def tag(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}" if ns else name


def code_elements(parent: ET.Element, book: Codebook, ns: str, under: str = "") -> None:
    """Append the codes below `under` (the top when "") to `parent`, depth first."""
    for code in book.children(under):
        element = ET.SubElement(
            parent,
            tag(ns, "Code"),
            {
                "guid": code.id,
                "name": code.name,
                "isCodable": "true" if code.codable else "false",
                "color": code.color,
            },
        )
        if code.description:
            ET.SubElement(element, tag(ns, "Description")).text = code.description
        code_elements(element, book, ns, code.id)


@dataclass
class ReadCodes:
    """A REFI-QDA codebook read, and what of it could not be imported; `note_refs`: code
    id -> the GUIDs of the notes its NoteRefs name (a project's memos on the code, which
    qdpx_import joins to its memo)."""

    book: Codebook = field(default_factory=Codebook)
    not_imported: list[LeftOut] = field(default_factory=list)
    note_refs: dict[str, list[str]] = field(default_factory=dict)


def read_codes(codes: ET.Element | None, ns: str) -> ReadCodes:
    """The tree under a `Codes` element. A code without a usable GUID gets one derived
    from its name and place; a repeated GUID or a nameless code is reported and left out,
    the codes below it kept in its place (under its parent): one bad code does not take
    a branch of good ones with it."""
    read = ReadCodes()
    if codes is None:
        return read

    def walk(element: ET.Element, parent: str, path: str) -> None:
        for item in element.findall(tag(ns, "Code")):
            whole = clean_name(item.get("name") or "")  # NFC: a Mac's "e" + U+0301 is "é"
            name = whole if len(whole) <= MAX_NAME_CHARS else shorten(whole, MAX_NAME_CHARS)
            where = f"{path} / {name or '?'}" if path else name or "?"
            code_id = guid_of(item.get("guid")) or derived_guid("code", where)
            why = "it has no name" if not name else ""
            why = why or ("its GUID is used twice" if code_id in read.book else "")
            if why:
                below = len(item.findall(tag(ns, "Code")))
                if below:
                    is_kept = "is kept" if below == 1 else "are kept"
                    why += f"; the {counted(below, 'code')} below it {is_kept} in its place"
                read.not_imported.append(LeftOut("code", where, why))
                walk(item, parent, where)
                continue
            description = unicodedata.normalize(
                "NFC", (item.findtext(tag(ns, "Description")) or "").strip()
            ).replace("\r\n", "\n")  # Windows line ends, escaped (&#13;)
            if name != whole:  # too long for a code's name: its memo starts with all of it
                description = f"{whole}\n\n{description}".strip()
                why = f"its name is cut to {MAX_NAME_CHARS} characters, all of it in its memo"
                read.not_imported.append(LeftOut("code", where, why))
            color = (item.get("color") or "").strip()
            if _SHORT_COLOR.fullmatch(color):  # #abc is #aabbcc
                color = _SHORT_COLOR.sub(r"#\1\1\2\2\3\3", color)
            elif loose := _LOOSE_COLOR.fullmatch(color):
                color = f"#{loose[1]}"
            read.book.codes.append(
                Code(
                    id=code_id,
                    name=name,
                    color=color.lower() if is_color(color) else read.book.next_color(),
                    description=description,
                    codable=(item.get("isCodable") or "true").strip().lower() in ("true", "1"),
                    parent=parent,
                )
            )
            refs = [guid_of(r.get("targetGUID")) for r in item.findall(tag(ns, "NoteRef"))]
            if any(refs):
                read.note_refs[code_id] = [ref for ref in refs if ref]
            walk(item, code_id, where)

    walk(codes, "", "")
    read.book = Codebook.from_json(read.book.to_json())  # tree order, repaired
    return read


def export_qdc(book: Codebook) -> bytes:
    """A `.qdc` codebook; RefiError for an empty codebook (`Codes` needs a `Code`)."""
    if not len(book):
        raise RefiError("the codebook is empty; a REFI-QDA codebook needs at least one code")
    ET.register_namespace("", CODEBOOK_NS)
    root = ET.Element(tag(CODEBOOK_NS, "CodeBook"), {"origin": ORIGIN})
    code_elements(ET.SubElement(root, tag(CODEBOOK_NS, "Codes")), book, CODEBOOK_NS)
    ET.indent(root)
    make_xml_safe(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def import_qdc(data: bytes) -> ReadCodes:
    """The codebook of a `.qdc` (or of a project's CodeBook, whichever namespace)."""
    root = parse_xml(data)
    ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    if not root.tag.endswith("CodeBook") and not root.tag.endswith("Project"):
        raise RefiError("it is not a REFI-QDA codebook")
    book = root if root.tag.endswith("CodeBook") else root.find(tag(ns, "CodeBook"))
    codes = None if book is None else book.find(tag(ns, "Codes"))
    read = read_codes(codes, ns)
    read.not_imported[:0] = newer_version(ns)
    return read


def newer_version(ns: str) -> list[LeftOut]:
    """What of a file in a namespace of a newer version of the format than this app reads
    (`urn:QDA-XML:project:2.1`) is left out: what that version adds (the names this app
    knows are read from it as ever); none for a version it reads."""
    version = ns.rpartition(":")[2] if ns.startswith("urn:QDA-XML:") else ""
    try:
        number = tuple(int(part) for part in version.split("."))
    except ValueError:
        return []
    if number <= READ_VERSION:
        return []
    read = ".".join(map(str, READ_VERSION))
    return [LeftOut("newer version", version, f"this app reads {read}, and names none of it")]


# A "&" that starts no reference, a "<" that starts no markup: never XML, as a tool that
# writes a text unescaped leaves them (QualCoder's annotation, "Q&A: pay < 3 years", in
# its Note's PlainTextContent since 2023).
_BARE_AMPERSAND = re.compile(rb"&(?!(?:[A-Za-z_:][\w.:-]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
_BARE_LESS_THAN = re.compile(rb"<(?![A-Za-z_:/!?\x80-\xff])")


# A declaration of UTF-16 (or "unicode") before bytes of one byte a character: .NET's
# XmlWriter on a StringWriter declares the string's UTF-16, and the file is then saved as
# UTF-8. Refused ("encoding specified in XML declaration is incorrect"); real UTF-16 has
# a zero byte in each character of "<?xml", so this never matches it.
_UTF16_DECLARED = re.compile(
    rb"""(\A<\?xml[^>]*?\bencoding\s*=\s*["'])(?:utf-16\w*|unicode)(["'])""", re.IGNORECASE
)
_CDATA = re.compile(rb"(<!\[CDATA\[.*?\]\]>)", re.DOTALL)
_DECLARED = re.compile(rb"""(\A<\?xml[^>]*?\bencoding\s*=\s*["'])([\w.:-]+)(["'])""")
_ONE_BYTE = {"ascii", "iso8859-1", "iso8859-15", "cp1252"}  # as codecs.lookup names them


def declared_but_utf8(data: bytes) -> str:
    """The one-byte encoding ("ISO-8859-1", "windows-1252") the XML declaration of `data`
    names where its bytes are UTF-8 with letters beyond ASCII, which are then read as UTF-8
    ("" when not so): read as declared, "José" was "JosÃ©". Text truly in one of those
    with an accented letter is almost never valid UTF-8, and keeps its declaration."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    found = _DECLARED.match(data)
    if found is None or data.isascii():
        return ""
    declared = found[2].decode("ascii")
    try:
        if codecs.lookup(declared).name not in _ONE_BYTE:
            return ""
        data.decode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return ""
    return declared


def _mended(data: bytes) -> bytes:
    return _BARE_LESS_THAN.sub(b"&lt;", _BARE_AMPERSAND.sub(b"&amp;", data))


def parse_xml(data: bytes) -> ET.Element:
    """The root element; RefiError for what is not XML. A UTF-8 BOM is allowed, and a
    bare "&" or "<" is read as the character it stands for: the whole project was
    refused for one note's "Q&A", where no other reading of the file is possible. A
    declaration of UTF-16, or of one byte a character, over UTF-8 is read as UTF-8."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    if _UTF16_DECLARED.match(data) or declared_but_utf8(data):
        data = _DECLARED.sub(rb"\1utf-8\3", data, count=1)
    try:
        return _safely_parsed(data)
    except ET.ParseError as exc:
        error = RefiError(
            f"it is not valid XML ({exc}): it is damaged or cut short; {EXPORT_AGAIN}"
        )
    # Outside CDATA sections, whose "&" and "<" are characters already.
    mended = b"".join(
        part if part.startswith(b"<![CDATA[") else _mended(part) for part in _CDATA.split(data)
    )
    if mended != data:
        with contextlib.suppress(ET.ParseError):
            return _safely_parsed(mended)
    raise error


class _DeclaredError(Exception):
    """The first element is reached: the declarations before it were all read."""


def _safely_parsed(data: bytes) -> ET.Element:
    """`ET.fromstring`, refusing the entity declarations no tool writes and a crafted file
    does: one naming a file or address to read in its place (the parser reads none, but
    said only "not valid XML"), and one built of others, whose few lines swell to
    gigabytes ("billion laughs": only expat 2.4 and later stop that, and a Python may be
    built with an older one). A plain entity (`<!ENTITY w "Work">`) is read. The
    declarations come before the first element, where their reading stops."""

    def declared(name: str, _parameter: bool, value: str | None, *_where: str | None) -> None:
        if value is None:  # a system or public id in its place
            raise RefiError(
                f"its project file asks to read another file in place of “{name}” (an "
                f"external XML entity), which this app never does: {EXPORT_AGAIN}"
            )
        if "&" in value:
            raise RefiError(
                f"its project file builds “{name}” of other XML entities, which can swell "
                f"to gigabytes: no program exports a project so; {EXPORT_AGAIN}"
            )

    def started(*_: object) -> None:
        raise _DeclaredError

    checker = pyexpat.ParserCreate()
    checker.EntityDeclHandler = declared
    checker.StartElementHandler = started
    with contextlib.suppress(_DeclaredError, pyexpat.ExpatError):  # ET says what is not XML
        checker.Parse(data, True)
    return ET.fromstring(data)
