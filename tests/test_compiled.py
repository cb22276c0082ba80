"""Patterns made from parts compiled at build time are the patterns Python compiles (same text, flags, code)."""

from __future__ import annotations

import re

import pytest

from ipbot.assistant import Assistant
from ipbot.plans.store import Knowledge
from ipbot.reading import compiled
from ipbot.reading.index import _stored_patterns, agency_surface_pattern

PATTERNS = [
    (r"(?<!\w)(?:so khoa hoc(?:\s+(?:va|cac))?\s+cong nghe|so tttt)(?!\w)", 0),
    (r"(?P<year>\d{4})\s*-\s*(\d{2,4})", 0),
    (r"quý\s+(?:[1-4]|I{1,3}|IV)\b", re.IGNORECASE),
    (r"^\s*$", re.MULTILINE),
    (r"[\"'“”]([^\"'“”]{3,80})[\"'“”]", 0),
]


@pytest.mark.skipif(compiled.TAG is None, reason="parts are made by CPython's compiler only")
@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_pattern_from_its_parts_is_the_compiled_pattern(pattern: str, flags: int) -> None:
    made = compiled.from_parts(pattern, compiled.compile_parts(pattern, flags), flags)
    plain = re.compile(pattern, flags)
    assert made == plain  # equal only with the same text, flags and code
    assert made.groupindex == plain.groupindex and made.groups == plain.groups
    text = "Quý II 2021 - 2025, sở khoa hoc va cong nghe, 'so tttt' và\n\n"
    assert [m.span() for m in made.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("parts", [None, (), (0, [1, 2, 3], 0, {}, ()), "not parts"])
def test_parts_that_cannot_be_used_compile_the_pattern_as_usual(parts: object) -> None:
    pattern, flags = PATTERNS[1]
    assert compiled.from_parts(pattern, parts, flags) == re.compile(pattern, flags)


def test_the_build_stores_the_agency_names_pattern_and_the_index_uses_it(
    knowledge: Knowledge, assistant: Assistant
) -> None:
    pattern = agency_surface_pattern(knowledge.agencies.values())
    if compiled.TAG is not None:
        assert pattern in _stored_patterns(knowledge)
    assert assistant.reader.index._agency_surface == re.compile(pattern)
    assert agency_surface_pattern(reversed(list(knowledge.agencies.values()))) == pattern  # the same every start
