"""A ranking whose hits are made only as far as they are read.

Why: over most of 300 plans a ranking matches a few hundred groups of documents worded alike, and
thousands of documents (every province's copy of a task), while its callers read the best one, two or
eight (``ranking[:1]``, ``hits[0].score``) and stop. Making and sorting a hit per document cost 5–10 ms
a ranking, several rankings a question. A :class:`Ranked` sorts the groups (one score each) and makes
the hits of one score at a time, in the order the plain ranking has: best first, equals by their key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar, overload

__all__ = ["Group", "Ranked"]

H = TypeVar("H")


class Group(Generic[H]):
    """Documents that score alike: their score, and how to make their hits once they are read."""

    __slots__ = ("docs", "make", "score")

    def __init__(self, score: float, docs: Sequence[int], make: Callable[[int], H]) -> None:
        self.score = score
        self.docs = docs
        self.make = make  # document → its hit


class Ranked(Sequence[H]):
    """Hits best first, equal scores in the order of ``key(doc)``: a read-only sequence that makes them as
    it is read (an index, a slice, iteration); ``keep`` leaves documents out (other plans, other kinds).
    ``len`` counts without making them."""

    __slots__ = ("_groups", "_hits", "_keep", "_key", "_len", "_next")

    def __init__(
        self, groups: list[Group[H]], key: Callable[[int], object], keep: Callable[[int], bool] | None = None
    ) -> None:
        groups.sort(key=lambda g: -g.score)  # stable; the groups of one score are merged by key below
        self._groups = groups
        self._key = key
        self._keep = keep
        self._hits: list[H] = []
        self._next = 0  # the first group not yet made
        self._len: int | None = None

    def _more(self) -> bool:
        """Make the hits of the next score; False when every group is made."""
        groups = self._groups
        if self._next >= len(groups):
            return False
        score = groups[self._next].score
        end = self._next
        while end < len(groups) and groups[end].score == score:
            end += 1
        keep = self._keep
        tier = [(doc, g.make) for g in groups[self._next : end] for doc in g.docs if keep is None or keep(doc)]
        key = self._key
        tier.sort(key=lambda dm: key(dm[0]))
        self._hits += [make(doc) for doc, make in tier]
        self._next = end
        return True

    def _upto(self, n: int) -> None:
        while len(self._hits) < n and self._more():
            pass

    def _all(self) -> list[H]:
        while self._more():
            pass
        return self._hits

    @property
    def made(self) -> int:
        """Hits made so far (what the ranking holds in memory)."""
        return len(self._hits) + len(self._groups)

    @overload
    def __getitem__(self, i: int) -> H: ...

    @overload
    def __getitem__(self, i: slice) -> list[H]: ...

    def __getitem__(self, i: int | slice) -> H | list[H]:
        if isinstance(i, slice):
            stop, step = i.stop, i.step
            if stop is not None and stop >= 0 and (i.start is None or i.start >= 0) and (step is None or step > 0):
                self._upto(stop)
                return self._hits[i]
            return self._all()[i]
        if i >= 0:
            self._upto(i + 1)
            return self._hits[i]
        return self._all()[i]

    def __iter__(self) -> Iterator[H]:
        n = 0
        while True:
            while n < len(self._hits):
                yield self._hits[n]
                n += 1
            if not self._more():
                return

    def __len__(self) -> int:
        if self._len is None:
            if self._next >= len(self._groups):
                self._len = len(self._hits)
            else:
                keep, rest = self._keep, self._groups[self._next :]
                if keep is None:
                    self._len = len(self._hits) + sum(len(g.docs) for g in rest)
                else:
                    self._len = len(self._hits) + sum(1 for g in rest for doc in g.docs if keep(doc))
        return self._len

    def __bool__(self) -> bool:
        self._upto(1)
        return bool(self._hits)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Ranked | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __add__(self, other: Sequence[H]) -> list[H]:
        return [*self, *other]

    def __radd__(self, other: Sequence[H]) -> list[H]:
        return [*other, *self]

    def __repr__(self) -> str:
        return f"Ranked({len(self._hits)} made, {len(self._groups) - self._next} groups to go)"
