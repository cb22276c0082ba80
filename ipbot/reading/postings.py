"""The inverted index's postings: one compact array of document numbers per word or pair, over every plan.

Why: documents are numbered plan by plan, so a plan's documents are one run of numbers, and one sorted
array per word, cut by a plan's run, says what a posting list per plan per word said. At 300 plans the
lists per plan were 482,000 tuples in 600 dictionaries (43 MB of the 67 MB the loaded index held); one
``array('i')`` per word is a few MB, and loads from the stored bytes without making an object per list.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence

__all__ = ["Postings", "Selection"]

RUNS_PER_DOC = 8
"""A word's documents are cut by the plans' runs (two bisections a run) when it has more than this many
documents per run; fewer are each looked up (whose plan they are in): the cheaper of the two."""


class Selection:
    """Some plans' documents: the plans, and their runs of document numbers, adjacent runs merged."""

    __slots__ = ("plans", "runs")

    def __init__(self, plans: frozenset[str], runs: list[tuple[int, int]]) -> None:
        self.plans = plans
        self.runs = runs


class Postings:
    """Word or pair → the documents that have it, ascending; document → its plan.

    >>> p = Postings.make({"tom": [0, 2], "ca": [1]}, ["a", "a", "b"])
    >>> list(p.docs_in("tom", p.select(["b"]))), p.count("tom", p.select(["a"]))
    ([2], 1)
    """

    __slots__ = ("_docs", "_plan_of", "_runs")

    def __init__(self, docs: dict[str, array[int]], plan_of: Sequence[str]) -> None:
        self._docs = docs
        self._plan_of = plan_of
        runs: dict[str, list[tuple[int, int]]] = {}
        for doc, plan in enumerate(plan_of):
            own = runs.setdefault(plan, [])
            if own and own[-1][1] == doc:
                own[-1] = (own[-1][0], doc + 1)
            else:  # plans are numbered in runs; a plan in several runs still counts right
                own.append((doc, doc + 1))
        self._runs = runs

    @classmethod
    def make(cls, docs: dict[str, Iterable[int]], plan_of: Sequence[str]) -> Postings:
        """From lists of ascending document numbers."""
        return cls({gram: array("i", numbers) for gram, numbers in docs.items()}, plan_of)

    def dump(self) -> dict[str, bytes]:
        """Each word's array as bytes (marshal stores bytes whole; the Python tag guards their layout)."""
        return {gram: numbers.tobytes() for gram, numbers in self._docs.items()}

    @classmethod
    def load(cls, stored: dict[str, bytes], plan_of: Sequence[str]) -> Postings:
        docs: dict[str, array[int]] = {}
        for gram, raw in stored.items():
            numbers = array("i")
            numbers.frombytes(raw)
            docs[gram] = numbers
        return cls(docs, plan_of)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Postings):
            return NotImplemented
        return self._docs == other._docs and list(self._plan_of) == list(other._plan_of)

    __hash__ = None  # type: ignore[assignment]

    @property
    def plan_of(self) -> Sequence[str]:
        """Document number → its plan."""
        return self._plan_of

    def items(self) -> Iterator[tuple[str, Sequence[int]]]:
        """(word, its documents ascending) for every word."""
        return iter(self._docs.items())

    def get(self, gram: str) -> Sequence[int]:
        """The documents of every plan that have the word, ascending."""
        return self._docs.get(gram, ())

    def select(self, plan_ids: Iterable[str]) -> Selection:
        """The documents of these plans, for :meth:`docs_in` and :meth:`count` (made once for many words)."""
        plans = frozenset(plan_ids)
        runs = sorted(run for plan in plans for run in self._runs.get(plan, ()))
        merged: list[tuple[int, int]] = []
        for start, end in runs:
            if merged and merged[-1][1] == start:
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        return Selection(plans, merged)

    def docs_in(self, gram: str, selection: Selection | None) -> Iterator[int]:
        """The documents of the selected plans (None: of every plan) that have the word, ascending."""
        docs = self._docs.get(gram)
        if not docs:
            return iter(())
        if selection is None:
            return iter(docs)
        if len(docs) > RUNS_PER_DOC * len(selection.runs):
            return (doc for start, end in selection.runs for doc in _cut(docs, start, end))
        plans, plan_of = selection.plans, self._plan_of
        return (doc for doc in docs if plan_of[doc] in plans)

    def count(self, gram: str, selection: Selection) -> int:
        """How many documents of the selected plans have the word."""
        docs = self._docs.get(gram)
        if not docs:
            return 0
        if len(docs) > RUNS_PER_DOC * len(selection.runs):
            return sum(bisect_left(docs, end) - bisect_left(docs, start) for start, end in selection.runs)
        plans, plan_of = selection.plans, self._plan_of
        return sum(1 for doc in docs if plan_of[doc] in plans)


def _cut(docs: array[int], start: int, end: int) -> array[int]:
    """The documents numbered from ``start`` to before ``end``."""
    low = bisect_left(docs, start)
    return docs[low : bisect_left(docs, end, low)]
