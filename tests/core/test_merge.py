"""Three-way merge of notes files: nothing written on either side is silently lost."""

from __future__ import annotations

import os
import random
from dataclasses import replace

import pytest

from reader.core.annotations import Highlight, make_highlight
from reader.core.interview import Role
from reader.core.merge import merge
from reader.core.notes_file import NotesData, RecordingRef, RoleCorrection

TEXT = "The movie is wild. Everything is scripted. No improvising. Rehearsal was right."
DOC = {"title": "t", "source": "/t.txt", "sha256": "0" * 64, "length": len(TEXT)}


def hl(word: str, **changes: object) -> Highlight:
    start = TEXT.index(word)
    return replace(make_highlight(TEXT, start, start + len(word)), **changes)


def notes(*highlights: Highlight, text: str = "") -> NotesData:
    return NotesData(document=dict(DOC), highlights=list(highlights), notes=text)


def later(h: Highlight, **changes: object) -> Highlight:
    return replace(h, modified="2099-01-01T00:00:00+00:00", **changes)


def test_additions_on_both_sides_are_kept() -> None:
    a, b, c = hl("wild"), hl("scripted"), hl("Rehearsal")
    base = notes(a)
    result = merge(base, notes(a, b), notes(a, c), "the other copy")
    assert [h.id for h in result.notes.highlights] == [a.id, b.id, c.id]
    assert result.added == [c.id]


def test_later_edit_wins_and_deletion_there_applies_here() -> None:
    a, b = hl("wild"), hl("scripted")
    base = notes(a, b)
    theirs = notes(later(a, note="edited there"))  # b deleted there, a edited
    result = merge(base, notes(a, b), theirs, "x")
    assert [h.note for h in result.notes.highlights] == ["edited there"]
    assert result.updated == [a.id] and result.removed == [b.id]


def test_edit_here_survives_deletion_there() -> None:
    a = hl("wild")
    result = merge(notes(a), notes(later(a, note="mine")), notes(), "x")
    assert [h.note for h in result.notes.highlights] == ["mine"]


def test_deleted_here_stays_deleted_unless_edited_there() -> None:
    a, b = hl("wild"), hl("scripted")
    base = notes(a, b)
    result = merge(base, notes(), notes(a, later(b, note="keep me")), "x")
    assert [h.id for h in result.notes.highlights] == [b.id]


def test_free_notes_changed_on_one_side_take_that_side() -> None:
    base = notes(text="base")
    assert merge(base, notes(text="base"), notes(text="theirs"), "x").notes.notes == "theirs"
    assert merge(base, notes(text="ours"), notes(text="base"), "x").notes.notes == "ours"


def test_free_notes_conflict_keeps_both() -> None:
    result = merge(notes(text="base"), notes(text="ours"), notes(text="theirs"), "laptop")
    assert result.notes_conflicts == 1
    assert result.notes.notes.startswith("<<<<<<< your notes\nours\n=======")
    assert "laptop\ntheirs\n>>>>>>>" in result.notes.notes
    again = merge(notes(text="base"), result.notes, notes(text="theirs"), "laptop")
    assert not again.notes_conflicts and again.notes.notes == result.notes.notes


def test_without_base_nothing_is_deleted() -> None:
    a, b = hl("wild"), hl("scripted")
    result = merge(None, notes(a), notes(b), "conflict copy")
    assert {h.id for h in result.notes.highlights} == {a.id, b.id}
    assert "conflict copy" in result.message("conflict copy")


def test_label_speaker_and_role_changes_count_as_changes() -> None:
    base = notes()
    theirs = notes()
    theirs.colors = {**theirs.colors, "yellow": "Striking"}
    theirs.speakers = {"Interviewee": "Alex Ross Perry"}
    result = merge(base, notes(), theirs, "laptop")
    assert result.changed and result.other_changes
    assert result.notes.colors["yellow"] == "Striking"
    assert result.notes.speakers == {"Interviewee": "Alex Ross Perry"}
    assert not merge(base, notes(), notes(), "laptop").changed


def test_a_role_side_or_speaker_changed_on_one_side_only_is_that_sides() -> None:
    """A paragraph's role corrected, a speaker's side set or a rename taken back on another
    machine was lost: ours, untouched since, won whole, and the merge said nothing came."""
    base = notes()
    base.roles = [RoleCorrection(0, "The movie", Role.QUESTION)]
    base.speakers = {"Interviewee": "Alex"}
    ours = replace(base, roles=list(base.roles), speakers=dict(base.speakers), notes="mine")
    theirs = replace(base, roles=[RoleCorrection(0, "The movie", Role.ANSWER)], speakers={})
    theirs.sides = {"Alex": Role.ANSWER}
    result = merge(base, ours, theirs, "laptop")
    assert result.changed and result.other_changes
    assert result.notes.roles == theirs.roles
    assert (result.notes.speakers, result.notes.sides) == ({}, {"Alex": Role.ANSWER})
    # Changed on both sides: ours, as before.
    ours.roles = [RoleCorrection(0, "The movie", Role.ASIDE)]
    assert merge(base, ours, theirs, "laptop").notes.roles == ours.roles


def test_a_change_on_one_side_only_wins_whatever_its_time() -> None:
    """Codes added there in the same second as (or a clock behind) the version here: the
    side that changed wins, as the module says; a colour changed on both, the later."""
    a = hl("wild")
    there = replace(a, codes=("c1",))  # the same `modified`
    result = merge(notes(a), notes(a), notes(there), "x")
    assert result.notes.highlights == [there] and result.updated == [a.id]
    earlier = replace(a, note="older clock", modified="2000-01-01T00:00:00+00:00")
    assert merge(notes(a), notes(a), notes(earlier), "x").notes.highlights == [earlier]
    mine = replace(a, note="here", modified="2000-01-01T00:00:00+00:00")
    assert merge(notes(a), notes(mine), notes(a), "x").notes.highlights == [mine]
    mine, theirs = replace(mine, color="green"), later(a, color="blue")
    assert merge(notes(a), notes(mine), notes(theirs), "x").notes.highlights == [
        replace(theirs, note="here")
    ]


def test_a_highlight_changed_on_both_sides_keeps_each_sides_change() -> None:
    """A note written here and a code applied there (or a colour changed there) are both
    kept: the later version whole lost the other's."""
    a = hl("wild", codes=("c1", "c2"))
    here = replace(
        a, note="my note", codes=("c1", "c2", "c3"), modified="2090-01-01T00:00:00+00:00"
    )
    there = later(a, color="green", codes=("c2", "c4"))  # c1 removed there, c4 added
    result = merge(notes(a), notes(here), notes(there), "laptop")
    [merged] = result.notes.highlights
    assert merged.note == "my note" and merged.color == "green"
    assert merged.codes == ("c2", "c3", "c4")
    assert result.updated == [a.id] and not result.note_conflicts


def test_a_highlight_note_changed_on_both_sides_keeps_both_versions() -> None:
    a = hl("wild", note="first line\nsecond line")
    here = replace(a, note="first line, mine\nsecond line", modified="2090-01-01T00:00:00+00:00")
    there = later(a, note="first line, theirs\nsecond line\nthird line")
    result = merge(notes(a), notes(here), notes(there), "laptop")
    [merged] = result.notes.highlights
    assert "first line, mine" in merged.note and "first line, theirs" in merged.note
    assert merged.note.startswith("<<<<<<< your notes\n") and "third line" in merged.note
    assert result.note_conflicts == [a.id]
    assert "the notes of 1 highlight, changed on both sides" in result.message("laptop")


def test_keys_this_build_does_not_know_come_with_another_programs_version() -> None:
    """A newer build elsewhere wrote a key of its own, at the top and on a highlight,
    while this window had the notes open: the merge dropped them, and the save after."""
    a = hl("movie")
    base = notes(a)
    ours = replace(base, extra={"ours": 1}, highlight_extra={})
    b = hl("scripted")
    theirs = replace(
        notes(a, b),
        extra={"study_link": "x"},
        highlight_extra={a.id: {"page": 3}, b.id: {"page": 4}},
    )
    result = merge(base, ours, theirs, "another program")
    assert result.notes.extra == {"ours": 1, "study_link": "x"}
    assert result.notes.highlight_extra == {a.id: {"page": 3}, b.id: {"page": 4}}
    # Only they differ: still a change to take, or the next save writes theirs without.
    only = replace(base, extra={"study_link": "x"})
    assert merge(base, base, only, "another program").changed


MERGES = int(os.environ.get("RANDOM_MERGES", "60"))


def _edited(rng: random.Random, base: NotesData, side: str) -> NotesData:
    """`base` as one machine left it: highlights added, deleted and noted on, lines of the
    free-form notes added and deleted, a paragraph's role and a speaker's name corrected."""
    highlights = {h.id: h for h in base.highlights}
    for _ in range(rng.randint(0, 4)):
        if rng.random() < 0.3 or not highlights:
            start = rng.randrange(len(TEXT) - 1)
            made = make_highlight(TEXT, start, min(len(TEXT), start + rng.randint(1, 20)))
            highlights[made.id] = made
        elif rng.random() < 0.4:
            del highlights[rng.choice(sorted(highlights))]
        else:
            h = highlights[rng.choice(sorted(highlights))]
            highlights[h.id] = later(h, note=f"{h.note}\n{side} {rng.randint(0, 99)}")
    lines = base.notes.splitlines()
    for _ in range(rng.randint(0, 3)):
        if lines and rng.random() < 0.4:
            del lines[rng.randrange(len(lines))]
        else:
            lines.insert(rng.randint(0, len(lines)), f"{side} line {rng.randint(0, 99)}")
    roles = {r.start: r for r in base.roles}
    if rng.random() < 0.5:
        start = rng.choice([0, 19, 43])
        roles[start] = RoleCorrection(start, TEXT[start : start + 10], rng.choice(list(Role)))
    speakers = dict(base.speakers)
    if rng.random() < 0.4:
        speakers[rng.choice(["Nurse", "Interviewer"])] = f"{side} name"
    return replace(
        base,
        highlights=sorted(highlights.values(), key=lambda h: (h.start, h.end, h.id)),
        notes="\n".join(lines),
        roles=sorted(roles.values(), key=lambda r: r.start),
        speakers=speakers,
    )


def _kept(notes: NotesData) -> tuple[object, ...]:
    return notes.highlights, notes.roles, notes.speakers


@pytest.mark.parametrize("seed", range(MERGES), ids=lambda seed: f"seed-{seed}")
def test_random_edits_on_two_machines_merge_without_loss(seed: int) -> None:
    """Each side's new highlights and lines are kept, a highlight changed on one side only
    is that side's, one deleted on one side and left on the other is gone; merged with
    the base, one side is itself, and merging the result again changes nothing."""
    rng = random.Random(seed)
    base = notes(*(hl(w) for w in rng.sample(["movie", "wild", "scripted", "Rehearsal"], 2)))
    base.notes = "first\nsecond\nthird"
    base.roles, base.speakers = [RoleCorrection(0, TEXT[:10], Role.QUESTION)], {"Nurse": "Ana"}
    ours, theirs = _edited(rng, base, "ours"), _edited(rng, base, "theirs")
    result = merge(base, ours, theirs, "laptop")
    merged = {h.id: h for h in result.notes.highlights}
    was = {h.id: h for h in base.highlights}
    sides = [{h.id: h for h in side.highlights} for side in (ours, theirs)]
    for one, other in (sides, sides[::-1]):
        for hid, h in one.items():
            if hid not in was or (h != was[hid] and other.get(hid, was[hid]) == was[hid]):
                assert merged[hid] == h
        for hid, h in was.items():
            if hid not in one and other.get(hid) == h:
                assert hid not in merged
    lines = result.notes.notes.splitlines()
    new_lines = [line for side in (ours, theirs) for line in side.notes.splitlines()]
    assert all(line in lines for line in new_lines if " line " in line)
    assert not merge(base, ours, base, "laptop").changed
    assert _kept(merge(base, base, theirs, "laptop").notes) == _kept(theirs)
    assert not merge(base, result.notes, result.notes, "laptop").changed


def test_a_recording_attached_or_detached_on_one_side_only_is_that_sides() -> None:
    """Found by the random merges: attached on the other machine, the recording was lost to
    the next save here, and the merge said nothing had come."""
    base = NotesData(document={"title": "t"}, notes="a\n")
    attached = replace(base, recording=RecordingRef("P01.m4a", 5000))
    came = merge(base, replace(base), attached, "x")
    assert came.notes.recording == RecordingRef("P01.m4a", 5000) and came.changed
    assert "a recording attached" in came.message("x")
    detached = replace(attached, recording=None, recording_detached=True)
    gone = merge(attached, replace(attached), detached, "x")
    assert gone.notes.recording is None and gone.notes.recording_detached
    assert "the recording detached" in gone.message("x")


def test_where_a_recording_was_played_to_there_is_no_change_here() -> None:
    base = NotesData(document={"title": "t"}, recording=RecordingRef("P01.m4a", 0))
    played_there = replace(base, recording=RecordingRef("P01.m4a", 90_000))
    played_here = replace(base, recording=RecordingRef("P01.m4a", 1_000))
    result = merge(base, played_here, played_there, "x")
    assert result.notes.recording == played_here.recording and not result.changed
    other = replace(base, recording=RecordingRef("P01-take2.m4a", 0))
    kept = merge(base, replace(base, recording=RecordingRef("P01.mp3", 0)), other, "x")
    assert kept.notes.recording == RecordingRef("P01.mp3", 0)  # changed on both: ours


def test_a_conflict_copy_brings_a_recording_only_where_there_was_none() -> None:
    ours = NotesData(document={"title": "t"})
    theirs = replace(ours, recording=RecordingRef("P01.m4a", 0))
    assert merge(None, ours, theirs, "x").notes.recording == theirs.recording
    detached_here = replace(ours, recording_detached=True)
    assert merge(None, detached_here, theirs, "x").notes.recording is None
