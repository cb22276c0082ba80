"""A guarded pattern finds exactly what the pattern finds: the guard only skips texts it cannot match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ipbot.reading.lexicon import default_lexicon
from ipbot.reading.literals import compile_guarded
from ipbot.reading.parse import folded_question
from ipbot.text import expand, shape

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("pattern", "needles"),
    [
        (r"(?<![a-z0-9])(?:ai chu tri|chu tri)(?![a-z0-9])", ("ai chu tri", "chu tri")),
        (r"bao\s+nhieu", ("nhieu",)),  # the longest run of each alternative
        (r"(?:kinh phi|tien)+ (?:la )?bao nhieu", ("bao nhieu",)),  # an optional part promises nothing
        (r"nhom (?:\d+|[ivx]+)", ("nhom ",)),
        (r"\bq[1-4]\b|quy", None),  # a one-letter run lets everything through: no guard
        (r"(?i)chu tri", None),  # case-blind: no guard
        (r"(?:a|bc)?d", None),
    ],
)
def test_needles(pattern: str, needles: tuple[str, ...] | None) -> None:
    guarded = compile_guarded(pattern)
    assert guarded.needles == needles
    assert guarded.pattern == re.compile(pattern)


@pytest.mark.parametrize(
    "text", ["ai chu tri nhiem vu 3.3", "Ai chủ trì", "kinh phi bao  nhieu", "nhom 4 co gi", "", "chu  tri"]
)
def test_same_matches(text: str) -> None:
    for pattern in [r"(?<![a-z0-9])(?:ai chu tri|chu tri)(?![a-z0-9])", r"bao\s+nhieu", r"nhom (?:\d+|[ivx]+)"]:
        guarded = compile_guarded(pattern)
        assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in re.finditer(pattern, text)]
        assert (guarded.search(text) is None) == (re.search(pattern, text) is None)


def test_every_cue_finds_what_its_pattern_finds() -> None:
    """Over the questions of two sets, as reading gives them to the cues (folded, expanded, shaped)."""
    lexicon = default_lexicon()
    texts: set[str] = set()
    for name in ("eval_fresh7_final.jsonl", "eval_fresh8.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            question = json.loads(line)["question"]
            folded = folded_question(question)
            texts |= {folded, expand(folded), shape(question)}
    guards = {**lexicon._compiled, **lexicon._questions}
    assert sum(g.needles is not None for g in guards.values()) > len(guards) * 0.9
    for name, guarded in guards.items():
        assert guarded.pattern == re.compile(guarded.pattern.pattern), name
        for text in texts:
            found = [m.span() for m in guarded.pattern.finditer(text)]
            assert [m.span() for m in guarded.finditer(text)] == found, (name, text)
