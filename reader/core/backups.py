"""Rolling backups of a notes file, in a `backups/` folder beside it.

The newest `keep` are kept (a setting), and besides them the newest of each of the last
`DAILY_DAYS` days that has none among them: a heavy day of editing cannot push out
yesterday's or last Tuesday's notes.

A backup is named by the local time it was made, with that time's offset from UTC
(NAME.20261204-092411+0100.json), and ordered by the instant the two give: a laptop taken
west, a clock put back an hour in autumn, or a study synced with a colleague in another
time zone made earlier backups look newer, and each new one was pruned as it was made.
Names without an offset (before it) are read as local times. A clock that ran ahead and
was put right names the next backups after the newest (`CLOCK_PUT_BACK_MOST`); backups
named further ahead than that are ordered below all others."""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple, TypeVar

import orjson

from reader.core.notes_file import NotesData, NotesFormatError, parse
from reader.core.store import atomic_write, describe_os_error, file_stamp, rescue_copy
from reader.core.wording import counted

_Read = TypeVar("_Read")

DEFAULT_KEEP = 20
INTERVAL_SECONDS = 10 * 60  # while editing, at most one backup per ten minutes
DAILY_DAYS = 30  # today and the 29 days before: each keeps its newest backup
# A newest backup at most this far ahead of the clock was made while the clock ran ahead
# and was then put right; further ahead, the clock that named it was wrong, and is not
# followed.
CLOCK_PUT_BACK_MOST = timedelta(days=2)
_STAMP = "%Y%m%d-%H%M%S"
_OFFSET = "%z"  # +0100, -0500: after the stamp, so that the name gives an instant
# Every backup was NAME.STAMP.json before they took their file's extension (the study
# memo's are .md): a notes file of another name (--notes takes any) lists those too.
_OLDER_SUFFIX = ".json"
TEXT_SUFFIX = ".md"  # a text file's backups (the study memo's): words, no highlights
# Where playback stood in a notes file's recording (notes_file.RecordingRef), as written.
_POSITION_KEY = b'"position_ms":'
_POSITION = re.compile(rb'"position_ms": *\d+')
_POSITION_DIGITS = 16  # the most a position's digits can differ by (2**53)


@dataclass(frozen=True)
class BackupInfo:
    """A backup of a notes file, with what the user needs to choose it."""

    path: Path
    time: datetime  # the local time here (naive)
    highlights: int  # -1 when the backup cannot be read
    words: int

    def when(self) -> str:
        return self.time.strftime("%Y-%m-%d %H:%M:%S")

    def holds(self) -> str:
        if self.path.suffix == TEXT_SUFFIX:
            return counted(self.words, "word")
        return f"{counted(self.highlights, 'highlight')} and {counted(self.words, 'word')} of notes"

    def describe(self) -> str:
        return f"{self.when()} — {self.holds() if self.highlights >= 0 else 'unreadable'}"


def backup_dir(notes_path: Path) -> Path:
    return notes_path.parent / "backups"


def file_away(copy: Path, notes_path: Path) -> None:
    """A copy merged into the notes at `notes_path` (a sync tool's conflict copy, a rescued
    one) moved into their backups: kept, and not offered again. Left where it is when it
    cannot be moved (from the data folder, on another disk, say)."""
    folder = backup_dir(notes_path)
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        shutil.move(copy, folder / copy.name)


def _pattern(notes_path: Path, older: bool) -> re.Pattern[str]:
    """The names of `notes_path`'s backups; with `older`, those named .json before too."""
    suffixes = {notes_path.suffix, _OLDER_SUFFIX} if older else {notes_path.suffix}
    ends = "|".join(re.escape(suffix) for suffix in sorted(suffixes))
    return re.compile(
        rf"{re.escape(notes_path.stem)}\.(\d{{8}}-\d{{6}}(?:[+-]\d{{4}})?)(?:-(\d+))?(?:{ends})$"
    )


def make_backup(
    notes_path: Path, data: bytes, keep: int = DEFAULT_KEEP, now: datetime | None = None
) -> Path:
    """Write `data` as NAME.YYYYmmdd-HHMMSS+HHMM.EXT in backups/ (EXT the file's own; `now`
    is the time in its name, local where it has no zone), then prune, never the one just
    written; the newest itself when it holds `data` already (switching interviews backs
    each up as it opens: copies of the same notes would push out older backups). The
    folder is listed once."""
    now = now or datetime.now()
    now = now if now.tzinfo is not None else now.astimezone()  # naive: local
    found = _backups(notes_path, now=now)
    if found and _holds(found[0].path, data):
        return found[0].path
    if found and now < found[0].time < now + CLOCK_PUT_BACK_MOST:
        # The clock was put back (it ran ahead): named after the newest, else it sorted
        # below the backups made while it ran ahead, was offered after them and pruned.
        now = (found[0].time + timedelta(seconds=1)).astimezone(now.tzinfo)
    stamp = now.strftime(_STAMP + _OFFSET)
    second = now.replace(microsecond=0)
    # Within one second a counter keeps the names apart, always above the ones in use
    # (reusing a pruned name would sort the newest backup as the oldest).
    counter = max((b.counter for b in found if b.time == second), default=0) + 1
    suffix = "" if counter == 1 else f"-{counter}"
    name = f"{notes_path.stem}.{stamp}{suffix}{notes_path.suffix}"  # .json; the memo's .md
    target = backup_dir(notes_path) / name
    atomic_write(target, data)
    # First whatever the names say: a clock set wrong ahead before cannot prune it.
    _prune([_Backup(second, counter, target), *found], keep, now.date())
    return target


class Kept(NamedTuple):
    """Where `keep_before_merge` put a version."""

    backup: Path | None  # in the backups
    rescued: Path | None  # else a rescue copy, offered when the file opens again
    why: str  # why there is no backup ("" when there is)

    def said(self, in_backup: str, nowhere: str) -> str:
        """Where the version is, in the message of the merge that took words out of it:
        `in_backup` where a backup has it; `nowhere` where nothing could (after "nor
        copied")."""
        if self.backup is not None:
            return in_backup
        failed = f" Your version from before could not be backed up ({self.why})"
        if self.rescued is not None:
            return f"{failed}; a copy of it is kept as {self.rescued}."
        return f"{failed} nor copied{nowhere}"


def keep_before_merge(
    path: Path, data: bytes, keep: int, name: Path | None = None, rescue_name: Path | None = None
) -> Kept:
    """`data`, the user's version of the file at `path` that a merge is about to take
    words out of, in its backups (named after `name`, default `path`), else in a rescue
    copy (named after `rescue_name`): a full disk left it nowhere, and the message said
    it was in a backup."""
    try:
        return Kept(make_backup(name or path, data, keep), None, "")
    except OSError as exc:
        return Kept(None, rescue_copy(path, data, rescue_name), describe_os_error(exc))


def backup_file(notes_path: Path, keep: int = DEFAULT_KEEP) -> Path | None:
    """Back up the notes file as it is on disk now; None when there is none yet."""
    try:
        data = notes_path.read_bytes()
    except FileNotFoundError:
        return None
    return make_backup(notes_path, data, keep)


class _Backup(NamedTuple):
    time: datetime  # in its name, to the second: an instant (aware)
    counter: int  # keeps the names of one second apart: 1, 2, ...
    path: Path


def _backups(notes_path: Path, older: bool = False, now: datetime | None = None) -> list[_Backup]:
    """Newest first (`_newest_first`); with `older`, the ones named .json before as well
    (only listed and read, never pruned: beside NAME.notes, NAME.json's are named so too)."""
    pattern = _pattern(notes_path, older)
    found = []
    folder = backup_dir(notes_path)
    if folder.is_dir():
        for path in folder.iterdir():
            match = pattern.match(path.name)
            time = _stamped(match.group(1)) if match else None
            if match and time is not None:
                found.append(_Backup(time, int(match.group(2) or 1), path))
    return _newest_first(found, now)


def _stamped(stamp: str) -> datetime | None:
    """The instant a backup's name gives, a local time where it has no offset; None for
    digits that are no time (not ours)."""
    try:
        if len(stamp) > len("YYYYmmdd-HHMMSS"):
            return datetime.strptime(stamp, _STAMP + _OFFSET)
        return datetime.strptime(stamp, _STAMP).astimezone()
    except ValueError:
        return None


def _newest_first(found: list[_Backup], now: datetime | None = None) -> list[_Backup]:
    """Within one second, by the counter that keeps their names apart. Those named more
    than CLOCK_PUT_BACK_MOST after `now` (default the clock's) come last: the clock that
    named them was wrong, and what they hold is not known to be newer than any other
    (found by the safety review: they outranked every backup made once it was right, so
    each new one was pruned as the next was made, and the latest offered was theirs)."""
    believed = (now or datetime.now().astimezone()) + CLOCK_PUT_BACK_MOST
    return sorted(found, key=lambda b: (b.time <= believed, b.time, b.counter), reverse=True)


def _holds(path: Path, data: bytes) -> bool:
    """Whether the backup at `path` holds `data`, or the same notes with playback
    elsewhere in their recording: listening saves its place every 30 s, and hours of it
    pushed every backup of the day's writing out."""
    try:
        size = path.stat().st_size
        if size == len(data):
            return path.read_bytes() == data
        if abs(size - len(data)) > _POSITION_DIGITS or _POSITION_KEY not in data:
            return False
        return _POSITION.sub(b"", path.read_bytes()) == _POSITION.sub(b"", data)
    except OSError:
        return False


def prune(notes_path: Path, keep: int, today: date | None = None) -> None:
    """Delete the backups that are neither among the newest `keep` nor the newest of a
    day of the last DAILY_DAYS up to `today` that has none among those."""
    _prune(_backups(notes_path), keep, today)


def _prune(found: list[_Backup], keep: int, today: date | None) -> None:
    """`prune` of the backups `found` (newest first)."""
    newest = found[: max(1, keep)]
    today = today or date.today()
    days = {time.astimezone().date() for time, _, _ in newest}
    for time, _, path in found[len(newest) :]:
        day = time.astimezone().date()
        if day not in days and (today - day).days < DAILY_DAYS:
            days.add(day)  # newest first: this is the day's newest
            continue
        path.unlink(missing_ok=True)


def list_backups(notes_path: Path) -> list[BackupInfo]:
    """The backups of `notes_path`, newest first, with what each holds (counted, not
    checked: choosing one reads it whole)."""
    return [_described(time, path) for time, _, path in _backups(notes_path, older=True)]


# What each backup listed holds, by its path and stamp: a backup is never changed, and
# listing 40 backups of 500 KB took half a second of the GUI thread at every File ▸
# Restore from Backup… when each was parsed.
_counts: dict[Path, tuple[tuple[int, int] | None, int, int]] = {}


def _described(time: datetime, path: Path) -> BackupInfo:
    """`time` shown as the local time here of its instant (one made in another time zone
    too)."""
    stamp = file_stamp(path)
    known = _counts.get(path)
    if known is None or known[0] != stamp:
        known = (stamp, *_counted(path))
        _counts[path] = known
    return BackupInfo(path, time.astimezone().replace(tzinfo=None), known[1], known[2])


def _counted(path: Path) -> tuple[int, int]:
    """The highlights and words of notes a backup holds; (-1, 0) when it cannot be read."""
    try:
        raw = path.read_bytes()
        if path.suffix == TEXT_SUFFIX:
            return 0, len(raw.decode("utf-8-sig").split())
        return _counted_json(raw)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # JSON's, UTF-8's
        return -1, 0


# In JSON a quote inside a string is escaped: `"exact":` is always a key, and only a
# highlight has it; `"notes":` only the file itself. Found by bytes, they count a notes
# file of 500 KB in a fraction of a millisecond; loading it took 8 ms.
_HIGHLIGHT_KEY = b'"exact":'
_NOTES_TEXT = re.compile(rb'"notes":\s*("(?:[^"\\]++|\\.)*+")')


def _counted_json(raw: bytes) -> tuple[int, int]:
    found = _NOTES_TEXT.search(raw)
    if found is None or not raw.rstrip().endswith(b"}"):  # not as written: loaded whole
        data = orjson.loads(raw)
        return len(data["highlights"]), len(data["notes"].split())
    return raw.count(_HIGHLIGHT_KEY), len(orjson.loads(found.group(1)).split())


class ReadBackup(NamedTuple):
    info: BackupInfo
    notes: NotesData


def latest_backup(notes_path: Path) -> ReadBackup | None:
    """The newest backup that can be read, with its notes (opening it reads it no more);
    None when there is none. The ones before it are read, the older ones not."""
    found = newest_readable(notes_path, parse)
    return ReadBackup(*found) if found is not None else None


def newest_readable(
    notes_path: Path, read: Callable[[bytes], _Read]
) -> tuple[BackupInfo, _Read] | None:
    """The newest backup `read` can read (it raises NotesFormatError or ValueError when it
    cannot), with what it read; None when there is none."""
    for time, _, path in _backups(notes_path, older=True):
        try:
            found = read(path.read_bytes())
        except (OSError, NotesFormatError, ValueError):
            continue
        return _described(time, path), found
    return None
