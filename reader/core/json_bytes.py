"""JSON files as editors save them. Notepad and some editors start UTF-8 with a byte order
mark, which JSON forbids and orjson refuses; an editor may save UTF-16 or UTF-32, which a
mark says (read as a transcript's is: `bom_encoding`). Every file a user may have edited
by hand (notes, study.json, annotations from another tool) is read through `loads`."""

from __future__ import annotations

import codecs
import contextlib
from typing import Any

import orjson

from reader.core.document import bom_encoding


def utf8_json(raw: bytes) -> bytes:
    """The file's JSON as UTF-8 without a byte order mark."""
    encoding = bom_encoding(raw)
    if encoding == "utf-8-sig":
        return raw.removeprefix(codecs.BOM_UTF8)  # no copy of the text to re-encode
    if encoding:
        with contextlib.suppress(UnicodeDecodeError):  # else JSON's own error says it
            return raw.decode(encoding).encode("utf-8")
    return raw


def loads(raw: bytes) -> Any:
    """orjson.loads of the file's bytes, a byte order mark and all; orjson.JSONDecodeError
    for what is not JSON."""
    return orjson.loads(utf8_json(raw))
