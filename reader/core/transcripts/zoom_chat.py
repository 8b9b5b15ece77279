"""Zoom's meeting chat saved on the computer (`meeting_saved_chat.txt`): a line for each
message, its time of day and who sent it to whom, "10:02:33 From Ana Silva to Everyone:"
with the words on the lines under it, each led by a tab (Zoom 5.10 on), or after the
colon on the same line ("10:02:33 From Ana Silva to Everyone : Hi", "10:02:33\t From  Ana
Silva : Hi", older versions). The chat saved with a cloud recording ("00:58:04\tAna
Silva:\tHi") is a labelled text, read as one; so is a text whose first line only looks like
a message ("10:02:33 From the start, we…").

Each message is a turn of its sender; one sent to someone in particular says so first,
"(to Ben Okafor, direct message)". Its times, of the day, are counted from the first
message, as those of Zoom's saved captions are (`from_paragraphs`).
"""

from __future__ import annotations

import re

from reader.core.transcripts import Para, Parsed, from_paragraphs

# A message's first line. The name goes to the first " to " (" To " in some versions),
# the recipient to the colon.
_MESSAGE_RE = re.compile(
    r"(?P<time>\d{1,2}:\d{2}:\d{2})[ \t]+From[ \t]+(?P<name>[^\n]+?)"
    r"(?:[ \t]+[Tt]o[ \t]+(?P<to>[^\n]+?))?[ \t]*:(?:[ \t]+(?P<words>[^\n]*))?"
)
# The colon a message's head ends with, before its words or at the line's end: a line
# without one is no message's head, not tried against `_MESSAGE_RE`, whose names (any
# words up to a colon) took minutes to fail on a long line ("10:02:33 From the kitchen we
# went to…", a whole transcript on one line of 500 KB).
_HEAD_END_RE = re.compile(r":(?:[ \t]|$)", re.MULTILINE)
_EVERYONE = {"everyone", "all panelists", "all panellists"}
_PRIVATE_RE = re.compile(r"\s*\((?:direct message|privately|private)\)\s*$", re.IGNORECASE)


def parse(text: str, name: str) -> Parsed | None:
    paras: list[Para] = []
    recipient = ""  # of the message whose words are yet to come
    for line in text.split("\n"):
        line = line.rstrip()
        message = _MESSAGE_RE.fullmatch(line) if _HEAD_END_RE.search(line) else None
        if message is None:
            if not paras and line.strip():
                return None  # "10:02:33 From the start, we…": a text of another shape
            if line.strip():  # the message's words go on
                paras.append(Para(f"{recipient}{line.strip()}"))
                recipient = ""
            continue
        paras.append(Para(f"[{message['name'].strip()}] {message['time']}"))
        recipient = _recipient(message["to"] or "")
        if words := (message["words"] or "").strip():
            paras.append(Para(f"{recipient}{words}"))
            recipient = ""
    return from_paragraphs(paras, "zoom-chat", name, "", headers=True)


def _recipient(to: str) -> str:
    """What opens the words of a message sent to `to`: "(to Ben Okafor, direct message) ",
    nothing for one sent to everyone."""
    if not to.strip() or to.strip().casefold() in _EVERYONE:
        return ""
    private = _PRIVATE_RE.search(to)
    who = to[: private.start()] if private else to
    return f"(to {who.strip()}{', direct message' if private else ''}) "
