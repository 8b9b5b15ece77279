"""Why notes or a study are read-only, worded once (reader/core/read_only.py)."""

from __future__ import annotations

import pytest

from reader.core.read_only import SAVE_AS_WAY_OUT, ReadOnly, why_read_only


def test_nothing_read_only_says_nothing() -> None:
    assert why_read_only(None) == why_read_only(None, in_study=True, then="x") == ""


@pytest.mark.parametrize("cause", [ReadOnly.NOTES_IN_USE, ReadOnly.NOTES_FILE])
def test_a_lone_interviews_notes_name_the_way_out(cause: ReadOnly) -> None:
    assert why_read_only(cause) == f"{cause.value} {SAVE_AS_WAY_OUT}"
    # A study's notes stay in the study: Save Notes As… copies them, no way out.
    assert why_read_only(cause, in_study=True) == cause.value


@pytest.mark.parametrize("cause", [ReadOnly.STUDY_IN_USE, ReadOnly.STUDY_FILE])
def test_a_study_has_no_way_out_by_save_as(cause: ReadOnly) -> None:
    assert why_read_only(cause) == why_read_only(cause, in_study=True) == cause.value


def test_what_it_means_comes_between_the_reason_and_the_way_out() -> None:
    said = why_read_only(ReadOnly.NOTES_IN_USE, then="The speakers can be seen, not changed.")
    assert said.index("editing them.") < said.index("speakers") < said.index("Save Notes As")


def test_each_reason_is_one_sentence_that_says_read_only() -> None:
    for cause in ReadOnly:
        assert "read-only" in cause.value and cause.value.endswith(".")
        assert cause.value.count(".") == 1
    assert "newer" in ReadOnly.STUDY_FILE.value and "window" not in ReadOnly.STUDY_FILE.value
