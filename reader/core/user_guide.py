"""The user guide the app shows (Help ▸ User Guide): the README's part for users, from
its first study to its exports, without the developers' (speed figures, the tree's
layout). One text, so the guide in the app and the one on the page never differ."""

from __future__ import annotations

import re
from pathlib import Path

FIRST_HEADING = "## Your first study"
AFTER_LAST = "## Speed"  # the developers' part begins
TITLE = "# Interview Reader: User Guide"


class GuideMissingError(Exception):
    """The README is not where the app was installed from (a wheel without it)."""


def guide_markdown(readme: str) -> str:
    """The user's part of `readme`, under the guide's title; GuideMissingError when it lacks it."""
    start = _heading_at(readme, FIRST_HEADING)
    end = _heading_at(readme, AFTER_LAST, start) if start >= 0 else -1
    if start < 0:
        raise GuideMissingError("the README holds no user guide")
    return f"{TITLE}\n\n{readme[start : end if end >= 0 else len(readme)].rstrip()}\n"


def read_guide(readme: Path) -> str:
    """The guide from the README file; GuideMissingError, saying where, when it cannot be read."""
    try:
        return guide_markdown(readme.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GuideMissingError(f"{readme} cannot be read ({exc})") from None


def _heading_at(text: str, heading: str, after: int = 0) -> int:
    """Where the line starting with `heading` begins, -1 when there is none."""
    found = re.compile(rf"^{re.escape(heading)}", re.MULTILINE).search(text, after)
    return found.start() if found else -1


def heading_anchor(heading: str) -> str:
    """The anchor a heading gets on a Git host's page, which the README's links name:
    lower case, punctuation dropped, spaces made hyphens ("Working with NVivo, ATLAS.ti"
    → "working-with-nvivo-atlasti")."""
    kept = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return kept.replace(" ", "-")
