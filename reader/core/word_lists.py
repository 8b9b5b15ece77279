"""Microsoft Word's lists as HTML lists. Word puts no <ul> or <ol> on the clipboard: each
item is a paragraph styled "mso-list:l1 level2", its bullet or number written as text
inside <![if !supportLists]>…<![endif]> with a run of no-break spaces, which pasted as
"·" and seven no-break spaces before the item's words. Here each run of such paragraphs
becomes a list, nested by its level, numbered where Word's marker is a number or a
letter with "." or ")"."""

from __future__ import annotations

import html
import re

_ITEM = re.compile(
    r"<p\b[^>]*?mso-list:\s*l\d+\s+level(?P<level>\d+)[^>]*>(?P<body>.*?)</p\s*>",
    re.DOTALL | re.IGNORECASE,
)
_MARKER = re.compile(r"<!\[if !supportLists\]>(.*?)<!\[endif\]>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_NUMBER = re.compile(r"\(?[0-9]{1,4}[.)]|\(?[a-zA-Z]{1,5}[.)]")
_BETWEEN = re.compile(r"(?:\s|<!--.*?-->)*", re.DOTALL)  # what a run of items may hold


def html_lists(page: str) -> str:
    """`page` with Word's list paragraphs as nested <ul> and <ol> lists."""
    if "mso-list" not in page:
        return page
    out: list[str] = []
    open_lists: list[str] = []  # the tags of the lists open, outermost first
    done = 0
    for item in _ITEM.finditer(page):
        between = page[done : item.start()]
        if open_lists and not _BETWEEN.fullmatch(between):
            out.append(_closed(open_lists, 0))
        out.append(between)
        marker = _MARKER.search(item["body"])
        words = _TAG.sub("", marker[1]) if marker else ""
        tag = "ol" if _NUMBER.fullmatch(html.unescape(words).strip(" \xa0")) else "ul"
        level = max(1, int(item["level"]))
        out.append(
            _closed(open_lists, level if open_lists[level - 1 : level] == [tag] else level - 1)
        )
        while len(open_lists) < level:
            open_lists.append(tag)
            out.append(f"<{tag}>")
        body = _MARKER.sub("", item["body"], count=1)
        out.append(f"<li>{body}</li>")
        done = item.end()
    out.append(_closed(open_lists, 0))
    out.append(page[done:])
    return "".join(out)


def _closed(open_lists: list[str], keep: int) -> str:
    """The closing tags of the lists open beyond the first `keep`, which stay open."""
    closing = "".join(f"</{tag}>" for tag in reversed(open_lists[keep:]))
    del open_lists[keep:]
    return closing
