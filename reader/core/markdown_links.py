"""Markdown links, `[text](target)`, as the research notes hold them: one pattern for all
that reads them (the notes editor's styling and Ctrl+click, Search Everything's results,
the exports' links back to highlights), so that they agree on what a link is.

A target may hold parentheses in pairs, one deep, as web addresses do
(`https://en.wikipedia.org/wiki/Shift_(work)`); the text holds no brackets nor a line break.
"""

from __future__ import annotations

import re

TARGET = r"(?:[^()\s]|\([^()\s]*\))*"  # each character starts one alternative: linear time
LINK = re.compile(rf"\[([^\[\]\n]*)\]\(({TARGET})\)")  # groups: the text, the target
