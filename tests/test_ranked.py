"""A ranking made as far as it is read is, read in any way, the ranking made at once and sorted."""

from __future__ import annotations

import itertools

import pytest

from ipbot.reading.ranked import Group, Ranked

# (score, documents) per group; a document's key is its name, so ties are told apart by it
GROUPS = [
    (0.5, ["d", "b"]),
    (0.9, ["z"]),
    (0.5, ["a", "c"]),
    (0.2, ["e"]),
    (0.9, ["y", "x"]),
]


def _plain(keep: set[str] | None) -> list[tuple[float, str]]:
    hits = [(score, doc) for score, docs in GROUPS for doc in docs if keep is None or doc in keep]
    return sorted(hits, key=lambda h: (-h[0], h[1]))


def _ranked(keep: set[str] | None, made: list[str] | None = None) -> Ranked[tuple[float, str]]:
    def hit(score: float, doc: str) -> tuple[float, str]:
        if made is not None:
            made.append(doc)
        return score, doc

    groups = [Group(score, docs, lambda doc, s=score: hit(s, doc)) for score, docs in GROUPS]
    return Ranked(groups, key=lambda doc: doc, keep=None if keep is None else keep.__contains__)


@pytest.mark.parametrize("keep", [None, {"a", "b", "x", "e"}, {"e"}, set()])
def test_read_in_any_way_it_is_the_sorted_ranking(keep: set[str] | None) -> None:
    plain = _plain(keep)
    assert list(_ranked(keep)) == plain
    assert len(_ranked(keep)) == len(plain)
    assert bool(_ranked(keep)) == bool(plain)
    assert _ranked(keep) == plain
    for n in range(len(plain) + 2):
        assert _ranked(keep)[:n] == plain[:n]
    for i in range(-len(plain), len(plain)):
        assert _ranked(keep)[i] == plain[i]
    assert _ranked(keep)[1:4] == plain[1:4]
    assert _ranked(keep)[::-1] == plain[::-1]
    # reading adds two rankings with "+" (tasks then passages)
    assert _ranked(keep) + [(0.0, "q")] == [*plain, (0.0, "q")]  # noqa: RUF005
    assert [(1.0, "q")] + _ranked(keep) == [(1.0, "q"), *plain]  # noqa: RUF005


def test_hits_are_made_only_for_the_scores_read() -> None:
    made: list[str] = []
    ranked = _ranked(None, made)
    assert ranked[0] == (0.9, "x")
    assert sorted(made) == ["x", "y", "z"]  # the best score's groups, not the others
    assert list(itertools.islice(ranked, 4)) == [(0.9, "x"), (0.9, "y"), (0.9, "z"), (0.5, "a")]
    assert "e" not in made
    assert len(ranked) == 8 and "e" not in made  # counted, not made


def test_an_index_past_the_end_raises() -> None:
    with pytest.raises(IndexError):
        _ranked({"e"})[1]
