"""Rolling backups beside the notes file."""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import backups
from reader.core.annotations import make_highlight
from reader.core.notes_file import NotesData, RecordingRef, serialise
from reader.core.store import save_notes


def sample(n: int) -> NotesData:
    text = "one two three four five"
    doc = {"title": "t", "source": "/t", "sha256": "0" * 64, "length": len(text)}
    return NotesData(
        document=doc,
        highlights=[make_highlight(text, i, i + 2) for i in range(n)],
        notes="word " * n,
    )


def test_backup_of_file_and_listing(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    assert backups.backup_file(path) is None
    save_notes(path, sample(3))
    made = backups.backup_file(path)
    assert made is not None and made.parent == tmp_path / "backups"
    assert made.read_bytes() == path.read_bytes()
    (info,) = backups.list_backups(path)
    assert (info.highlights, info.words) == (3, 3)
    assert "3 highlights and 3 words" in info.describe()


def test_same_second_backups_do_not_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    first = backups.make_backup(path, serialise(sample(1)))
    second = backups.make_backup(path, serialise(sample(2)))
    assert first != second and first.exists() and second.exists()


def test_only_the_newest_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    for n in range(7):
        backups.make_backup(path, serialise(sample(n)), keep=5)
    kept = backups.list_backups(path)
    assert len(kept) == 5
    assert [b.highlights for b in kept] == [6, 5, 4, 3, 2]


def test_a_backup_lists_its_folder_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It runs on every interview switch; the backups folder may hold dozens."""
    path = tmp_path / "notes.json"
    for n in range(4):
        backups.make_backup(path, serialise(sample(n)), keep=2)
    listed: list[Path] = []
    real = Path.iterdir
    monkeypatch.setattr(Path, "iterdir", lambda folder: listed.append(folder) or real(folder))
    backups.make_backup(path, serialise(sample(9)), keep=2)
    assert listed == [tmp_path / "backups"]
    monkeypatch.undo()
    assert [b.highlights for b in backups.list_backups(path)] == [9, 3]


def test_unreadable_backup_is_listed_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    backups.make_backup(path, b"{broken")
    (info,) = backups.list_backups(path)
    assert info.highlights == -1 and "unreadable" in info.describe()


def test_other_files_in_backups_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "other.20260101-000000.json").write_text("{}")
    (tmp_path / "backups" / "notes.txt").write_text("x")
    assert backups.list_backups(path) == []


def test_the_same_notes_again_make_no_second_backup(tmp_path: Path) -> None:
    """A copy like the newest would only push the oldest out (switching interviews backs
    each up as it opens)."""
    path, data = tmp_path / "notes.json", serialise(sample(2))
    first = backups.make_backup(path, serialise(sample(1)), keep=2)
    backups.make_backup(path, data, keep=2)
    again = backups.make_backup(path, data, keep=2)
    assert [b.highlights for b in backups.list_backups(path)] == [2, 1]
    assert first.exists() and again == backups.list_backups(path)[0].path


def test_listening_alone_makes_no_new_backups(tmp_path: Path) -> None:
    """Found by the recording review: playback's place is saved every 30 s, and each
    save ten minutes after a backup made one more, the same notes at another position:
    hours of listening pushed every backup of the day's writing out."""
    path = tmp_path / "notes.json"
    draft = sample(1)
    draft.recording = RecordingRef("talk.wav", 0)
    backups.make_backup(path, serialise(draft), keep=3)
    for ms in (900, 31_000, 1_830_000, 123_456_789):
        draft.recording = RecordingRef("talk.wav", ms)
        backups.make_backup(path, serialise(draft), keep=3)
    draft.notes += " more"
    backups.make_backup(path, serialise(draft), keep=3)
    assert [b.words for b in backups.list_backups(path)] == [2, 1]


# Keeping the newest of each recent day ---------------------------------------------------

TODAY = datetime(2026, 12, 1, 18, 0, 0)


def offset(local: datetime) -> str:
    """The offset from UTC a backup made at `local` (a local time) is named with."""
    return local.astimezone().strftime("%z")


def made_up(n: int) -> bytes:
    """Backup contents that differ (what they hold is not read here)."""
    return b'{"n": %d}' % n


def times_kept(path: Path) -> list[datetime]:
    return [b.time for b in backups.list_backups(path)]


def test_a_heavy_day_of_editing_keeps_the_newest_of_each_earlier_day(tmp_path: Path) -> None:
    """Forty backups today (keep 20) would push out every older one; the newest of each
    of the last 30 days stays, so "yesterday" and "last Tuesday" can be restored."""
    path = tmp_path / "notes.json"
    n = 0
    for days_ago in range(40, 0, -1):  # two backups a day, morning and evening
        for hour in (9, 17):
            n += 1
            when = (TODAY - timedelta(days=days_ago)).replace(hour=hour)
            backups.make_backup(path, made_up(n), keep=20, now=when)
    for minute in range(40):  # today: one every ten minutes
        n += 1
        backups.make_backup(
            path,
            made_up(n),
            keep=20,
            now=TODAY.replace(hour=8, minute=0) + timedelta(minutes=10 * minute),
        )
    kept = times_kept(path)
    today = [t for t in kept if t.date() == TODAY.date()]
    earlier = [t for t in kept if t.date() != TODAY.date()]
    assert len(today) == 20 and today[0] == TODAY.replace(hour=8) + timedelta(minutes=390)
    # the evening's backup of each of the 29 days before today; none older
    assert earlier == [(TODAY - timedelta(days=d)).replace(hour=17) for d in range(1, 30)]


def test_a_day_among_the_newest_keeps_no_extra_backup(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    yesterday = TODAY - timedelta(days=1)
    for n, when in enumerate(
        [yesterday.replace(hour=9), yesterday.replace(hour=17), TODAY.replace(hour=9), TODAY]
    ):
        backups.make_backup(path, made_up(n), keep=2, now=when)
    assert times_kept(path) == [TODAY, TODAY.replace(hour=9), yesterday.replace(hour=17)]
    backups.make_backup(path, made_up(9), keep=3, now=TODAY + timedelta(minutes=1))
    # yesterday's evening is among the newest three: its morning was already gone
    assert times_kept(path)[-1] == yesterday.replace(hour=17)


def test_backups_older_than_thirty_days_go_beyond_the_newest(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    for n, days_ago in enumerate([45, 31, 30, 29, 2]):
        when = TODAY - timedelta(days=days_ago)
        backups.make_backup(path, made_up(n), keep=1, now=when)
    backups.prune(path, keep=1, today=TODAY.date())
    assert times_kept(path) == [TODAY - timedelta(days=d) for d in (2, 29)]


def test_pruning_keeps_everything_within_the_newest(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    for n, days_ago in enumerate([400, 200, 100]):
        when = TODAY - timedelta(days=days_ago)
        backups.make_backup(path, made_up(n), keep=5, now=when)
    assert len(times_kept(path)) == 3


@settings(max_examples=40, deadline=None)
@given(
    offsets=st.lists(st.integers(0, 60 * 24 * 45), min_size=1, max_size=40, unique=True),
    keep=st.integers(1, 8),
)
def test_kept_are_the_newest_and_the_newest_of_each_recent_day(
    offsets: list[int], keep: int
) -> None:
    """Property: for any backup times (minutes before TODAY), pruning keeps exactly the
    newest `keep` and the newest of each of the last 30 days that has none among them."""
    times = sorted((TODAY - timedelta(minutes=m)).replace(second=0) for m in offsets)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.json"
        (path.parent / "backups").mkdir()
        for t in times:
            stamp = t.strftime("%Y%m%d-%H%M%S")
            (path.parent / "backups" / f"notes.{stamp}.json").write_bytes(b"{}")
        backups.prune(path, keep, TODAY.date())
        newest = sorted(times, reverse=True)[:keep]
        days = {t.date() for t in newest}
        expected = set(newest)
        for t in sorted(times, reverse=True):
            recent = (TODAY.date() - t.date()).days < 30
            if t.date() not in days and recent:
                days.add(t.date())
                expected.add(t)
        assert set(times_kept(path)) == expected
        assert all(
            any(k.date() == t.date() for k in times_kept(path))
            for t in times
            if (date(2026, 12, 1) - t.date()).days < 30
        )


@pytest.mark.parametrize("missing", [True, False])
def test_open_latest_backup_reads_each_backup_once_and_no_older_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, missing: bool
) -> None:
    """A notes file missing, or set aside: the newest readable backup is offered and
    opened from one read; the unreadable one after it is passed over, older ones unread."""
    from reader.core import checked_notes, notes_file, notes_opening

    path = tmp_path / "notes.json"
    older, newer = serialise(sample(2)), serialise(sample(5))
    for n, data in enumerate([older, newer, b"{broken"]):
        backups.make_backup(path, data, now=datetime(2026, 5, 1, 12, 0, n))
    if not missing:
        path.write_bytes(b"{broken too")
    parsed: list[bytes] = []
    for module in (backups, checked_notes):  # backups', and the notes file's
        monkeypatch.setattr(
            module, "parse", lambda raw, **how: parsed.append(raw) or notes_file.parse(raw, **how)
        )
    read = notes_opening.read_notes(path)
    assert read.recovery is not None
    assert read.recovery.choices()[0] == notes_opening.LATEST_BACKUP
    assert "2026-05-01 12:00:01" in read.recovery.choose(notes_opening.LATEST_BACKUP).messages[0]
    opened = read.recovery.choose(notes_opening.LATEST_BACKUP).notes
    assert opened is not None and len(opened.highlights) == 5
    assert parsed.count(newer) == parsed.count(b"{broken") == 1 and older not in parsed


def test_latest_backup_is_none_without_a_readable_one(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    assert backups.latest_backup(path) is None
    backups.make_backup(path, b"{broken")
    assert backups.latest_backup(path) is None


def test_a_notes_file_not_named_json_keeps_its_older_json_named_backups(tmp_path: Path) -> None:
    """Notes named by --notes, "study.notes": its backups were study.STAMP.json before
    they took its extension. They are listed and opened with the new ones, newest first,
    and never pruned (study.json's, beside it, are named so too)."""
    from reader.core import notes_opening

    path = tmp_path / "study.notes"
    folder = backups.backup_dir(path)
    folder.mkdir()
    older = folder / "study.20260501-120000.json"
    older.write_bytes(serialise(sample(2)))
    (folder / "other.20260501-120000.json").write_bytes(serialise(sample(1)))  # not its
    assert [b.path for b in backups.list_backups(path)] == [older]
    found = backups.latest_backup(path)
    assert found is not None and found.info.path == older  # offered for a missing file
    assert notes_opening.read_notes(path).recovery is not None
    newer = [
        backups.make_backup(path, serialise(sample(n)), keep=1, now=datetime(2026, 5, 2, 9, n))
        for n in (3, 4)
    ]
    newer_time = datetime(2026, 5, 2, 9, 4)
    assert newer[1].name == f"study.20260502-090400{offset(newer_time)}.notes"
    assert not newer[0].exists()
    assert [b.path for b in backups.list_backups(path)] == [newer[1], older]
    latest = backups.latest_backup(path)
    assert latest is not None and latest.info.highlights == 4


def test_a_notes_file_without_an_extension_lists_both_names(tmp_path: Path) -> None:
    path = tmp_path / "notes"
    folder = backups.backup_dir(path)
    folder.mkdir()
    older = folder / "notes.20260501-120000.json"
    older.write_bytes(serialise(sample(2)))
    newer = backups.make_backup(path, serialise(sample(3)), now=datetime(2026, 5, 2))
    assert newer.name == f"notes.20260502-000000{offset(datetime(2026, 5, 2))}"
    assert [b.path for b in backups.list_backups(path)] == [newer, older]


def test_listing_counts_without_parsing_and_reads_each_backup_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File ▸ Restore from Backup… lists dozens of backups on the GUI thread: each is
    counted, not checked whole (choosing one parses it), and read again only once changed."""
    path = tmp_path / "notes.json"
    for n in range(3):
        backups.make_backup(path, serialise(sample(n + 1)), now=datetime(2026, 5, 1, 12, 0, n))
    monkeypatch.setattr(backups, "parse", lambda *_a, **_k: pytest.fail("parsed"))
    assert [b.highlights for b in backups.list_backups(path)] == [3, 2, 1]
    read: list[Path] = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: read.append(p) or real_read(p))
    assert [b.words for b in backups.list_backups(path)] == [3, 2, 1]
    assert read == []


def test_a_text_backup_counts_its_words(tmp_path: Path) -> None:
    """The study memo's (memo.md): words, no highlights."""
    path = tmp_path / "memo.md"
    backups.make_backup(path, b"Themes of the night shift\n")
    (info,) = backups.list_backups(path)
    assert info.holds() == "5 words"


def test_counting_is_not_fooled_by_keys_written_in_the_notes(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    notes = sample(2)
    notes.notes = 'He wrote "exact": and "notes": "x" \\ in his notes'
    notes.highlights[0] = dataclasses.replace(notes.highlights[0], note='"exact": "notes": ')
    backups.make_backup(path, serialise(notes))
    (info,) = backups.list_backups(path)
    assert (info.highlights, info.words) == (2, len(notes.notes.split()))


def test_a_backup_made_after_the_clock_went_back_is_kept_and_is_the_latest(
    tmp_path: Path,
) -> None:
    """A laptop taken west (or a study synced with a colleague there): the twenty backups
    named by Berlin's clock looked newer than each one made after, which was pruned as it
    was made, and the latest offered was Berlin's."""
    path = tmp_path / "notes.json"
    berlin, new_york = timezone(timedelta(hours=1)), timezone(timedelta(hours=-5))
    for n in range(20):
        backups.make_backup(path, made_up(n), now=datetime(2026, 12, 4, 14, n, tzinfo=berlin))
    later = datetime(2026, 12, 4, 8, 30, tzinfo=new_york)  # 14:30 in Berlin
    made = backups.make_backup(path, serialise(sample(7)), now=later)
    assert made.exists() and made.name == "notes.20261204-083000-0500.json"
    listed = backups.list_backups(path)
    assert listed[0].path == made and listed[0].time == later.astimezone().replace(tzinfo=None)
    found = backups.latest_backup(path)
    assert found is not None and found.info.path == made
    again = backups.make_backup(path, made_up(99), now=later + timedelta(minutes=10))
    assert made.exists() and again.exists() and len(backups.list_backups(path)) == 20


def test_the_backup_just_made_is_never_pruned_by_names_that_look_newer(tmp_path: Path) -> None:
    """Backups named by a clock set wrong ahead (no offset in their names: before it was
    written) still sort first; the one just made is kept all the same."""
    path = tmp_path / "notes.json"
    folder = backups.backup_dir(path)
    folder.mkdir()
    for n in range(3):
        (folder / f"notes.20300101-12000{n}.json").write_bytes(made_up(n))
    made = backups.make_backup(path, made_up(9), keep=3)
    assert made.exists() and len(backups.list_backups(path)) == 3


def test_names_without_an_offset_are_local_times_among_the_new_ones(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    folder = backups.backup_dir(path)
    folder.mkdir()
    older = folder / "notes.20261201-120000.json"
    older.write_bytes(made_up(1))
    newer = backups.make_backup(path, made_up(2), now=datetime(2026, 12, 1, 12, 0, 1))
    assert [b.path for b in backups.list_backups(path)] == [newer, older]
    assert backups.list_backups(path)[1].time == datetime(2026, 12, 1, 12, 0, 0)


def test_backups_made_after_the_clock_is_put_back_stay_the_newest(tmp_path: Path) -> None:
    """Found by the safety review: backups made while the clock ran an hour ahead
    outranked every one made after it was put right, which were pruned down to the one
    just made, and the newest offered (a damaged notes file, Restore from Backup…) was
    from before the clock was put right."""
    notes = tmp_path / "notes" / "p01.json"
    notes.parent.mkdir()
    ahead = datetime(2026, 12, 5, 12, 0, tzinfo=timezone(timedelta(hours=1)))
    for i in range(20):
        backups.make_backup(
            notes, f'{{"v": "ahead {i}"}}'.encode(), now=ahead + timedelta(minutes=i)
        )
    right = ahead - timedelta(minutes=35)
    for i in range(5):
        backups.make_backup(
            notes, f'{{"v": "right {i}"}}'.encode(), now=right + timedelta(minutes=10 * i)
        )
    kept = [b.path.read_text() for b in backups.list_backups(notes)]
    assert kept[:5] == [f'{{"v": "right {i}"}}' for i in reversed(range(5))]
    # A clock that named a backup days ahead was wrong: it is not followed.
    far = datetime(2030, 1, 1, tzinfo=UTC)
    backups.make_backup(notes, b'{"v": "far"}', now=far)
    latest = backups.make_backup(notes, b'{"v": "now"}', now=right + timedelta(hours=1))
    assert "20261205" in latest.name


def test_backups_named_days_ahead_by_a_wrong_clock_come_after_every_other(
    tmp_path: Path,
) -> None:
    """Found by the safety review: backups named a week ahead (a clock set wrong, a
    colleague's in a synced folder) outranked every one made since, so each new backup
    pruned the one before, and the latest offered for damaged notes was theirs."""
    notes = tmp_path / "notes" / "p01.json"
    notes.parent.mkdir()
    now = datetime.now().astimezone()

    def version(words: str) -> bytes:
        return serialise(dataclasses.replace(sample(0), notes=words))

    for i in range(20):
        backups.make_backup(notes, version(f"ahead {i}"), now=now + timedelta(days=7, hours=i))
    made = [
        backups.make_backup(notes, version(f"real {i}"), now=now + timedelta(minutes=10 * i))
        for i in range(3)
    ]
    assert all(path.exists() for path in made)
    listed = backups.list_backups(notes)
    assert [b.path for b in listed[:3]] == made[::-1]
    latest = backups.latest_backup(notes)
    assert latest is not None and latest.notes.notes == "real 2"
