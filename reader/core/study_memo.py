"""The study memo: the research notes that span a study's interviews (themes, comparisons,
decisions), a plain Markdown file beside study.json, and the links its quotes and times
make back to a passage, or a moment of the recording, of one interview.

It is `memo.md` by convention, not named in study.json: any tool (an editor, git, a sync
tool, a reader of the folder) finds it where it expects a study's notes; a study made by
an older build gains one without a new study.json version, which would open read-only
there; and two machines name the same file, so a sync conflict is a conflict of one text
file, merged by lines as the interview notes' text is (core/text_merge.py).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from reader.core.backups import BackupInfo, newest_readable
from reader.core.line_ends import lf_line_ends
from reader.core.markdown_links import QUOTE_SCHEME
from reader.core.store import atomic_write
from reader.core.study_places import MEMO_FILE

MEMO_NOTE_NAME = "Study memo"  # its name as a REFI-QDA note, and its title
# interview:<id>, then that interview's own link: #h-<highlight id>, or #t=<seconds>.
_PLACE = re.compile(r"interview:([a-z0-9][a-z0-9-]{0,79})(#h-[^\s()]+|#t=[^\s()]+)")


class MemoUnreadableError(Exception):
    """memo.md holds something that is not text: it is left as it is; for the user."""


def relinked(memo: str, moved: Callable[[str, str], str | None]) -> str:
    """`memo` with each link to a place in an interview (`interview:<id>#h-…`, `#t=…`)
    leading to the interview `moved(id, "#h-…")` names instead; None leaves it."""

    def relink(link: re.Match[str]) -> str:
        new = moved(link[1], link[2])
        return f"interview:{new}{link[2]}" if new else link[0]

    return _PLACE.sub(relink, memo)


def memo_path(study_folder: Path) -> Path:
    return study_folder / MEMO_FILE


def read_memo(path: Path) -> str:
    """The memo's text ("" when there is none yet), line ends as "\\n"; MemoUnreadableError
    when the file is not UTF-8 text (a binary file, another encoding): writing over it
    would lose what it holds."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ""
    return memo_text(raw, path)


def memo_text(raw: bytes, path: Path) -> str:
    """`raw`, the bytes of the memo at `path`, as text; MemoUnreadableError if they are none."""
    if b"\x00" in raw:
        raise MemoUnreadableError(f"{path} is not a text file; it is left as it is.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MemoUnreadableError(
            f"{path} is not UTF-8 text; it is left as it is (save it as UTF-8 to write in it)."
        ) from None
    return lf_line_ends(text)


def begun_memo_text(raw: bytes, path: Path) -> str:
    """`raw`, the start of the memo at `path` that another program is still writing, as
    text: a letter cut in two at its end is left out, to come with the rest of the write
    (read as it is, a memo that is fine was said not to be UTF-8 text, and read-only)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(raw, final=False)
    except UnicodeDecodeError:  # not UTF-8 before its end either: memo_text says so
        return memo_text(raw, path)
    return memo_text(raw[: len(raw) - len(decoder.getstate()[0])], path)


def latest_memo_backup(backup_name: Path) -> tuple[BackupInfo, str] | None:
    """The newest backup of the memo that is text, and that text; None when there is none.
    `backup_name`: what its backups are named after (the study's notes folder's memo.md).
    OSError when the backups cannot be listed."""

    def text_of(raw: bytes) -> str:
        try:
            return memo_text(raw, backup_name)
        except MemoUnreadableError as exc:
            raise ValueError(str(exc)) from None

    return newest_readable(backup_name, text_of)


def memo_bytes(text: str) -> bytes:
    return text.encode("utf-8")


def write_memo(path: Path, text: str) -> None:
    """Write the memo atomically; its study folder must be there (a study renamed while
    open is not made again at its old place: store.atomic_write's `parents`)."""
    atomic_write(path, memo_bytes(text), parents=False)


def interview_place(interview_id: str) -> str:
    """Where a link in the memo leads, before the interview's own link ("#h-…", "#t=…")."""
    return f"{QUOTE_SCHEME}{interview_id}"


def quote_target(interview_id: str, highlight_id: str) -> str:
    return f"{interview_place(interview_id)}#h-{highlight_id}"


def linked_place(url: str) -> tuple[str, str] | None:
    """(interview id, that interview's own link) of a link in the memo to a passage
    ("#h-<highlight id>") or a time of its recording ("#t=<seconds>", sync.time_link);
    None for another link."""
    match = _PLACE.fullmatch(url)
    return (match.group(1), match.group(2)) if match else None


def quoted_passage(url: str) -> tuple[str, str] | None:
    """(interview id, highlight id) of a quote's link in the memo; None for another link."""
    found = linked_place(url)
    return (found[0], found[1][3:]) if found and found[1].startswith("#h-") else None


def as_exported(memo: str, recordings: Mapping[str, str] | None = None) -> str:
    """The memo with each link to an interview's passage or time as the interview's own
    link ("#h-…", "#t=…"), which an export of the whole study resolves as it does the
    interviews' notes (export.common.linked_notes): one page holds every passage. A time
    leads into its interview's recording where `recordings` (interview id: how the export
    links to it, ExportOptions.recording) has one. A link in code (a code block or span)
    is left as typed."""
    from reader.core.notes_markdown import links_outside_code  # markdown-it: exports only

    def own(match: re.Match[str]) -> str:
        found = linked_place(match.group(2))
        if not found:
            return match.group(0)
        interview, link = found
        recording = (recordings or {}).get(interview, "") if link.startswith("#t=") else ""
        return f"[{match.group(1)}]({recording}{link})"

    return links_outside_code(memo, own)


def with_notes(memo: str, notes: list[tuple[str, str]]) -> tuple[str, int]:
    """The memo with `notes` ((name, text) each: a project's notes tied to no source)
    added at its end, each under a heading of its name; a study memo coming into an empty
    memo is the memo itself. A note whose text the memo holds already is not added twice
    (a project exported and imported again). The new memo and how many were added."""
    added = 0
    for name, text in notes:
        body = text.strip().replace("\r\n", "\n")
        if not body or body in memo:
            continue
        added += 1
        if not memo.strip() and name == MEMO_NOTE_NAME:  # as it was, an indent kept
            memo = text.replace("\r\n", "\n").strip("\n") + "\n"
        else:
            lead = memo.rstrip("\n") + "\n\n" if memo.strip() else ""
            memo = f"{lead}## {' '.join(name.split()) or 'Note'}\n\n{body}\n"
    return memo, added


def add_to_memo(study_folder: Path, notes: list[tuple[str, str]]) -> int:
    """Add `notes` to the study's memo on disk (see `with_notes`); how many were added.
    MemoUnreadableError or OSError when the memo cannot be read or written."""
    path = memo_path(study_folder)
    memo = read_memo(path)
    new, added = with_notes(memo, notes)
    if new != memo:
        write_memo(path, new)
    return added
