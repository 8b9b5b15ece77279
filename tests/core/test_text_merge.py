"""The free-form notes merged by lines: clean one-sided changes, bounded conflicts."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.text_merge import (
    changed_parts,
    changed_span,
    kept_place,
    lines_removed,
    merge_text,
)

BASE = "# Themes\n\nfamily\nmoney\nfame\n"


def test_changes_on_different_lines_both_apply() -> None:
    ours = BASE.replace("family", "family and friends")
    theirs = BASE.replace("fame", "fame, and its cost")
    merged = merge_text(BASE, ours, theirs, "laptop")
    assert merged.conflicts == 0
    assert merged.text == "# Themes\n\nfamily and friends\nmoney\nfame, and its cost\n"


def test_only_lines_changed_on_both_sides_are_kept_twice() -> None:
    ours = BASE.replace("money", "money (ours)")
    theirs = BASE.replace("money", "money (theirs)")
    merged = merge_text(BASE, ours, theirs, "laptop")
    assert merged.conflicts == 1
    assert merged.text.count("family") == 1 and merged.text.count("fame") == 1
    assert "money (ours)\n=======" in merged.text and "money (theirs)\n>>>>>>>" in merged.text


def test_merging_the_same_change_twice_changes_nothing() -> None:
    ours = BASE.replace("money", "money (ours)")
    theirs = BASE.replace("money", "money (theirs)")
    once = merge_text(BASE, ours, theirs, "laptop").text
    assert merge_text(BASE, once, theirs, "laptop").text == once
    clean = BASE + "new line\n"
    assert merge_text(BASE, clean, clean, "laptop").text == clean


def test_a_sync_tool_rewriting_the_file_does_not_grow_the_notes() -> None:
    """The report: 41 rewrites in 25 s grew 200 characters of notes to 456,674."""
    base, ours = BASE, BASE + "typing on\n"
    for n in range(41):
        theirs = base.replace(f"family{n - 1 if n else ''}", f"family{n}")  # another line
        ours = merge_text(base, ours, theirs, "sync").text
        base = theirs  # what was merged becomes the base of the next merge
    assert len(ours) < 2 * len(BASE) + 20
    assert ours.endswith("typing on\n") and "family40" in ours and "<<<" not in ours


def test_without_a_base_nothing_is_deleted() -> None:
    merged = merge_text(None, "a\nb\n", "a\nc\n", "copy")
    assert "b" in merged.text and "c" in merged.text
    assert merge_text(None, "a\nb\nc\n", "a\nc\n", "copy").text == "a\nb\nc\n"


def test_a_line_added_after_the_last_one_merges_cleanly() -> None:
    """Notes end with no line end: the last line, "Shared line", was not the same line as
    "Shared line\n" in a sync tool's conflict copy that went on after it, and merging the
    copy kept both versions between markers instead of adding its line."""
    assert merge_text(None, "Shared line", "Shared line\nFrom the laptop", "copy").text == (
        "Shared line\nFrom the laptop"
    )
    both_added = merge_text("A\nB", "A\nB\nmine", "A\nB\ntheirs", "copy").text
    assert both_added.startswith("A\nB\n<<<<<<< your notes\nmine\n")  # B not kept twice


def test_last_line_without_newline_keeps_markers_on_their_own_lines() -> None:
    merged = merge_text("x", "ours", "theirs", "laptop")
    assert all(
        line in ("ours", "theirs") or line.startswith(("<<<", "===", ">>>"))
        for line in merged.text.splitlines()
    )


# Distinct lines, as prose has: repeated identical lines make any line merge ambiguous.
lines = st.lists(
    st.sampled_from(["a\n", "b\n", "c\n", "d\n", "é 🎬\n", "f\n"]), max_size=6, unique=True
)


@given(lines, lines, lines)
def test_one_sided_changes_always_merge_cleanly(
    base: list[str], ours: list[str], _: list[str]
) -> None:
    base_text, our_text = "".join(base), "".join(ours)
    assert merge_text(base_text, our_text, base_text, "x").text == our_text
    assert merge_text(base_text, base_text, our_text, "x").text == our_text or not our_text.strip()


@given(lines, lines, lines)
def test_merged_notes_never_grow_past_both_versions(
    base: list[str], ours: list[str], theirs: list[str]
) -> None:
    """Each merge adds at most the other side's lines and three marker lines a conflict;
    and, as the window does, once the other version is the base, it changes nothing."""
    b, o, t = ("".join(x) for x in (base, ours, theirs))
    merged = merge_text(b, o, t, "x")
    assert len(merged.text.splitlines()) <= len(ours) + len(theirs) + 3 * merged.conflicts
    assert merge_text(t, merged.text, t, "x").text == merged.text


@pytest.mark.parametrize(
    ("old", "new", "edit"),
    [
        ("abc", "abc", (3, 3, "")),
        ("", "new", (0, 0, "new")),
        ("line one\nline two\n", "line one\nline 2\n", (14, 17, "2")),
        ("aaa", "aaaa", (3, 3, "a")),  # the edit as late as it can be
        ("abcabc", "abc", (3, 6, "")),
        ("x🌙y", "x🌙zy", (2, 2, "z")),  # code points
    ],
)
def test_changed_span_is_the_one_edit_between_two_texts(old, new, edit) -> None:
    start, end, middle = changed_span(old, new)
    assert (start, end, middle) == edit
    assert old[:start] + middle + old[end:] == new


@given(st.text(), st.text())
def test_changed_span_makes_any_text_into_any_other(old: str, new: str) -> None:
    start, end, middle = changed_span(old, new)
    assert old[:start] + middle + old[end:] == new


@given(
    st.lists(st.sampled_from(["a\n", "b\n", "\n", "cé\n", "🎬 d\n", "e"]), max_size=12),
    st.lists(st.sampled_from(["a\n", "b\n", "\n", "x\n", "🎬 d\n", "e"]), max_size=12),
)
def test_the_parts_changed_make_the_new_text_and_leave_the_lines_both_keep(
    old_lines: list[str], new_lines: list[str]
) -> None:
    old, new = "".join(old_lines), "".join(new_lines)
    parts = changed_parts(old, new)
    rebuilt = old
    for start, end, middle in reversed(parts):
        rebuilt = rebuilt[:start] + middle + rebuilt[end:]
    assert rebuilt == new
    assert all(a[1] <= b[0] for a, b in pairwise(parts))


def test_a_place_between_two_changes_is_left_out_of_both() -> None:
    """A typing cursor after "First paragraph." stays there: the title and the end change."""
    old = "Title\n\nFirst paragraph.\n\nSecond"
    new = "Title (laptop)\n\nFirst paragraph.\n\nSecond\n\nBy sync."
    caret = old.index("First paragraph.") + len("First paragraph.")
    parts = changed_parts(old, new)
    assert len(parts) == 2 and not any(start <= caret < end for start, end, _ in parts)


def test_a_line_that_only_grew_is_not_removed() -> None:
    """Found by the notes review: a rescued copy that only added words to a line said
    "1 line of your notes removed", just when it should reassure."""
    assert lines_removed("Saved part.\nKept.", "Saved part. Unsaved part typed.\nKept.") == 0
    assert lines_removed("Saved part.\nGone.", "Saved part. More.") == 1
    assert lines_removed("Yes\nNo", "No. Yesterday, yes.") == 1  # not at either end


def test_a_caret_at_the_end_of_a_line_put_in_a_conflict_block_stays_with_its_words() -> None:
    """Found by the notes review: typing at the end of the notes' last line (no line end)
    when another program changed that line, the caret landed below the conflict block,
    and the rest of the sentence was typed outside the user's own version."""
    ours = "Line one. Mine 🎬"
    merged = merge_text("Line one.", ours, "Line one. Theirs", "a sync").text
    assert merged.startswith("<<<<<<<") and merged.count("Line one. Mine 🎬\n") == 1
    place = kept_place(ours, merged, len(ours))
    assert place is not None and merged[:place].endswith("\nLine one. Mine 🎬")


@pytest.mark.parametrize(
    ("old", "new", "place", "kept"),
    [
        ("a\nb\nc", "a\nX\nb\nc", 3, 5),  # a line put in above: with its words
        ("a\nb", "X\na\nb", 0, 2),  # at a line's start, a line put in before it
        ("a\nb\nc", "a\nb\nc\nd", 5, 5),  # at the end, a line put in after
        ("abc", "abXc", 3, 4),  # after the change, as far from it
        ("abc", "abXc", 1, 1),  # before it
        ("abc", "abXc", 2, None),  # where its line changed: as Qt puts it
        ("a\n", "a\nb\n", 2, None),  # after the last line end
        ("", "x", 0, None),
    ],
)
def test_a_place_is_kept_by_the_lines_both_texts_have(
    old: str, new: str, place: int, kept: int | None
) -> None:
    assert kept_place(old, new, place) == kept


@given(
    st.lists(st.sampled_from(["a\n", "b\n", "\n", "cé\n", "🎬 d\n", "e"]), max_size=8),
    st.lists(st.sampled_from(["a\n", "b\n", "\n", "x\n", "🎬 d\n", "e"]), max_size=8),
    st.integers(min_value=0, max_value=40),
)
@example(["e", "e"], ["a\n", "e"], 2)  # changed before it on its line: kept after "e"
def test_a_kept_place_is_in_the_new_text_after_the_same_words(
    old_lines: list[str], new_lines: list[str], place: int
) -> None:
    """After the words of its line before it, or, the change being earlier on its line,
    after those between the change and it (a caret at the end of "hello wor" stays after
    "wor" when another program makes "hello" "hi")."""
    old, new = "".join(old_lines), "".join(new_lines)
    place = min(place, len(old))
    kept = kept_place(old, new, place)
    if kept is not None:
        line_start = old.rfind("\n", 0, place) + 1
        _, change_end, _ = changed_span(old, new)
        since = max(line_start, change_end) if place > change_end else line_start
        assert 0 <= kept <= len(new)
        assert new[:kept].endswith(old[since:place])
