"""The measurement of where re-anchoring puts highlights (bench/anchoring_accuracy.py), at a
toy size: the same seed gives the same figures, and every highlight is counted once."""

from __future__ import annotations

from bench.anchoring_accuracy import measure, rows, seed_ranges, table


def test_a_seed_gives_the_same_counts_each_time():
    first = measure(3, docs=2)
    assert first == measure(3, docs=2)
    assert set(first) <= {"right", "not found", "wrong"}
    assert sum(first.values()) > 60  # two documents of 30 turns or more


def test_the_table_has_a_row_for_each_range_of_seeds():
    ranges = seed_ranges("1-2,7")
    assert ranges == [(1, 2), (7, 7)]
    shown = table([(span, 1 / 3, measure(span[0], docs=1, share=1 / 3)) for span in ranges])
    cells = [line.split(" | ")[:2] for line in shown.splitlines()[2:]]
    assert cells == [["| 1–2", "a third"], ["| 7–7", "a third"]]


def test_a_share_of_the_turns_highlights_fewer_of_the_same_documents():
    assert sum(measure(4, docs=2, share=1 / 3).values()) < sum(measure(4, docs=2).values()) / 2


def test_make_bench_rows_are_shares_of_the_highlights():
    wrong, not_found, wrong_of_a_third = rows("4. Re-anchoring", range(1, 3), docs=1)
    assert wrong.unit == not_found.unit == wrong_of_a_third.unit == "%"
    assert len(wrong.value) == 2 and all(0 <= v <= 100 for v in wrong.value)
