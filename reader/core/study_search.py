"""Searching a whole study: every interview through search.search_everything, grouped by
interview and kind, filterable by attribute values; and the study memo, which spans them.

Interviews are loaded on first use and kept, compactly (study_texts.StudyTexts). `search_study`
yields each interview's results as soon as they are found, so a window can show the first
ones before the last interview is searched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reader.core.search import (
    DEFAULT_LIMIT,
    KINDS,
    Query,
    ResultList,
    line_results,
    search_interview,
)
from reader.core.study import Study
from reader.core.study_file import InterviewEntry
from reader.core.study_texts import StudyTexts

MEMO = "memo"  # the kind of the study memo's results
# Results listed of each kind across the study, shared out among the interviews searched:
# 500 of each kind in each of 300 interviews ("ka") were 222,000 rows, 620 MB, and the
# window held for 0.3-0.6 s at each interview painted and at the next search. Every result
# is still counted, and fewer interviews searched (a filter) list more of each.
STUDY_LISTED = 5_000
LEAST_LISTED = 10  # of each kind in each interview, however many are searched


@dataclass
class InterviewResults:
    """One interview's results by kind (see search.KINDS), each capped at `limit`."""

    interview: InterviewEntry
    results: dict[str, ResultList]
    problem: str = ""

    @property
    def total(self) -> int:
        return sum(r.total for r in self.results.values())

    def counts(self) -> dict[str, int]:
        return {kind: r.total for kind, r in self.results.items() if r.total}


@dataclass
class StudyResults:
    """Every interview with a result, in the study's order, and the totals by kind; the
    study memo's results (`search_memo`) apart, not in the totals by kind."""

    interviews: list[InterviewResults] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    memo: ResultList = field(default_factory=ResultList)

    @property
    def total(self) -> int:
        return sum(self.totals.values()) + self.memo.total

    def add(self, found: InterviewResults) -> None:
        self.interviews.append(found)
        for kind, count in found.counts().items():
            self.totals[kind] += count


def search_study(
    study: Study,
    query: str,
    *,
    case: bool = False,
    whole_word: bool = False,
    regex: bool = False,
    diacritics: bool = False,
    filters: dict[str, set[Any]] | None = None,
    texts: StudyTexts | None = None,
    limit: int | None = None,
    every: bool = False,
) -> Iterator[InterviewResults]:
    """Results interview by interview, in the study's order, skipping those without any
    unless `every` (so a caller can pace itself one interview at a time). Each kind lists
    at most `limit` results in each interview (None: `listed_each` of those searched).

    `filters` keeps the interviews whose attribute values are in the given sets (see
    Study.matching). Raises SearchError for a bad regular expression before yielding.
    """
    texts = texts or StudyTexts(study)
    if not query:
        return
    options = {"case": case, "whole_word": whole_word, "regex": regex, "diacritics": diacritics}
    Query(query, **options)  # a bad regex fails here
    searched = study.matching(filters)
    limit = listed_each(len(searched)) if limit is None else limit
    for entry in searched:
        found = texts.search(entry)
        if found is None:
            continue
        results = search_interview(found.interview, query, limit=limit, **options)
        one = InterviewResults(entry, results, found.problem)
        if one.total or every:
            yield one


def listed_each(interviews: int) -> int:
    """How many results of each kind an interview lists when `interviews` are searched."""
    return max(LEAST_LISTED, min(DEFAULT_LIMIT, STUDY_LISTED // max(1, interviews)))


def search_memo(
    memo: str, query: str, *, limit: int = DEFAULT_LIMIT, **options: bool
) -> ResultList:
    """Where `query` is in the study memo (its text as being edited), by line and with
    links read as their text, as in an interview's research notes; kind MEMO. `options`
    are Query's (case, whole_word, regex, diacritics). Raises SearchError for a bad
    regular expression."""
    return line_results(memo, Query(query, **options), limit, MEMO) if query else ResultList()


def collect(results: Iterator[InterviewResults]) -> StudyResults:
    """All of `search_study`'s results at once, with the totals by kind."""
    collected = StudyResults()
    for found in results:
        if found.total:
            collected.add(found)
    return collected
