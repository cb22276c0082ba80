"""The regression gate: every question set in tests/data (and the dev sets beside the repository,
when present) answered as ``score.py`` judges; a question that passed before must still pass.

The misses we know of are recorded in tests/data/known_misses.json, each with why it fails;
record them again (``python tests/question_sets.py --record``) after a change that fixes some,
and read the diff: a new entry is a regression to explain in the commit, not to hide.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from question_sets import KNOWN_MISSES, SETS, SHARED, misses

from ipbot.assistant import Assistant

KNOWN: dict[str, dict[str, str]] = json.loads(KNOWN_MISSES.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", [*SETS, *(p for p in SHARED if p.exists())], ids=lambda p: p.name)
def test_no_question_that_passed_fails_now(assistant: Assistant, path: Path) -> None:
    failed = misses(assistant, path)
    known = KNOWN.get(path.name, {})
    new = {qid: why for qid, why in failed.items() if qid not in known}
    assert not new, f"{path.name}: {len(new)} new misses: {new}"
    fixed = sorted(set(known) - set(failed))
    assert not fixed, f"{path.name}: {fixed} pass now: record the misses again so the list stays true"


def test_every_set_is_recorded() -> None:
    """A set added to tests/data must have its misses recorded (an empty list is fine)."""
    assert {p.name for p in SETS} <= set(KNOWN)
