"""One posting array per word, cut by the plans' runs of documents, says what one list per plan per word said."""

from __future__ import annotations

import itertools
import random

import pytest

from ipbot.reading import postings as postings_module
from ipbot.reading.postings import Postings

# documents numbered plan by plan, as the index numbers them; "c" again at the end (two runs of one plan)
PLAN_OF = ["a"] * 5 + ["b"] * 3 + ["c"] * 40 + ["d"] * 2 + ["c"] * 4
WORDS = ["tom", "ca", "nha dam", "ocop", "muoi"]


def _docs() -> dict[str, list[int]]:
    """Each word in a share of the documents, from a few to most (both ways of cutting are taken)."""
    rng = random.Random(11)
    share = dict(zip(WORDS, (0.02, 0.2, 0.5, 0.9, 1.0), strict=True))
    return {w: [d for d in range(len(PLAN_OF)) if rng.random() < share[w]] for w in WORDS}


def _per_plan(docs: dict[str, list[int]]) -> dict[str, dict[str, list[int]]]:
    """The lists per plan per word of before."""
    out: dict[str, dict[str, list[int]]] = {}
    for word, numbers in docs.items():
        for doc in numbers:
            out.setdefault(PLAN_OF[doc], {}).setdefault(word, []).append(doc)
    return out


SELECTIONS = [set(c) for n in range(5) for c in itertools.combinations("abcdz", n)]


@pytest.mark.parametrize("runs_per_doc", [0, postings_module.RUNS_PER_DOC, 1_000])
def test_cut_by_plans_it_is_the_lists_per_plan(monkeypatch: pytest.MonkeyPatch, runs_per_doc: int) -> None:
    monkeypatch.setattr(postings_module, "RUNS_PER_DOC", runs_per_doc)  # bisected runs, looked-up plans, both
    docs = _docs()
    per_plan = _per_plan(docs)
    postings = Postings.make(docs, PLAN_OF)
    for plans, word in itertools.product(SELECTIONS, [*WORDS, "unknown"]):
        selection = postings.select(plans)
        wanted = sorted(d for p in plans for d in per_plan.get(p, {}).get(word, []))
        assert list(postings.docs_in(word, selection)) == wanted, (plans, word)
        assert postings.count(word, selection) == len(wanted), (plans, word)
    assert {w: list(postings.docs_in(w, None)) for w in docs} == docs


def test_adjacent_plans_make_one_run_and_a_plan_in_two_runs_keeps_both() -> None:
    postings = Postings.make({}, PLAN_OF)
    assert postings.select({"a", "b"}).runs == [(0, 8)]
    assert postings.select({"c"}).runs == [(8, 48), (50, 54)]
    assert postings.select({"c", "d"}).runs == [(8, 54)]
    assert postings.select({"z"}).runs == []


def test_stored_and_loaded_it_is_the_same() -> None:
    docs = _docs()
    postings = Postings.make(docs, PLAN_OF)
    loaded = Postings.load(postings.dump(), PLAN_OF)
    assert loaded == postings
    assert {w: list(d) for w, d in loaded.items()} == docs
    assert loaded != Postings.make({**docs, "tom": docs["tom"][1:]}, PLAN_OF)
