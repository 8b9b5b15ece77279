"""Why a file is not JSON, in words: what orjson says, but for bytes that are no UTF-8 text,
of which it says "str is not valid UTF-8: surrogates not allowed"."""

from __future__ import annotations

import orjson


def why_not_json(exc: orjson.JSONDecodeError) -> str:
    if "not valid UTF-8" in exc.msg:  # a binary file, or UTF-16 from a Windows tool
        return "its bytes are not UTF-8 text"
    return str(exc)
