"""Patterns compiled with the words every match must contain, so a text without them is not searched.

Why: reading tries a hundred cue patterns on every question, each an alternation of phrases behind a
word boundary (``(?<![a-z0-9])(?:ai chu tri|…)``), which the regex engine can only try at every position
of the text in turn; most cues are absent from most questions. Each alternative of a cue has a literal
run of letters ("chu tri", "bao nhieu"): when none of a cue's runs is a substring of the text (one fast
``in`` each), the pattern cannot match and is not run. The runs are read from the parse the compiler
makes anyway, so finding them costs no second parse; answers are those of the pattern alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["Guarded", "compile_guarded"]

try:  # CPython's parser and compiler (as ipbot.reading.compiled uses them); elsewhere no guard
    import _sre
    from re import _compiler, _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - not CPython 3.11+
    _parser = None

MIN_LITERAL = 2
"""A guard of one-letter runs would let nearly every text through: none is kept."""


class Guarded:
    """A compiled pattern and the literals one of which each of its matches contains (None: no guard)."""

    __slots__ = ("needles", "pattern")

    def __init__(self, pattern: re.Pattern[str], needles: tuple[str, ...] | None) -> None:
        self.pattern = pattern
        self.needles = needles

    def possible(self, text: str) -> bool:
        """False only when the pattern cannot match the text (it has none of the literals)."""
        needles = self.needles
        if needles is None:
            return True
        for needle in needles:  # noqa: SIM110 - a loop, not any() over a generator: this runs 100 times a question
            if needle in text:
                return True
        return False

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.possible(text) else None

    def finditer(self, text: str) -> Any:
        return self.pattern.finditer(text) if self.possible(text) else iter(())

    def sub(self, replacement: str, text: str) -> str:
        return self.pattern.sub(replacement, text) if self.possible(text) else text


@lru_cache(maxsize=1024)
def compile_guarded(pattern: str, flags: int = 0) -> Guarded:
    """``re.compile(pattern, flags)`` with its guard, both from one parse (``re.error`` as re.compile raises).

    Kept like ``re.compile``'s own cache: a lexicon with the plans' topics compiles its cues again."""
    if _parser is None or flags & re.IGNORECASE:
        return Guarded(re.compile(pattern, flags), None)
    parsed = _parser.parse(pattern, flags)
    flags = flags | parsed.state.flags
    if flags & re.IGNORECASE:  # an inline (?i) makes the literals case-blind
        return Guarded(re.compile(pattern, flags), None)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    compiled = _sre.compile(pattern, flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    found = _required(parsed.data)
    usable = found is not None and min(map(len, found)) >= MIN_LITERAL
    return Guarded(compiled, tuple(sorted(found)) if usable and found is not None else None)


def _required(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Literals one of which every match of a parsed sequence contains, or None when no such set is known.

    Letters in a row are a run the match contains as written; a group, a branch (one set for each
    alternative, joined) or a repeat of at least one time stands for what it contains; anything else
    (classes, anchors, look-arounds, optional parts) breaks a run and promises nothing. Of the sets found,
    the one whose shortest literal is longest is kept (it lets fewest texts through)."""
    found: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _constants.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append({"".join(run)})
            run = []
        inner: set[str] | None = None
        if op is _constants.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            inner = None if add_flags or del_flags else _required(sub.data)
        elif op is _constants.BRANCH:
            inner = set()
            for alternative in av[1]:
                each = _required(alternative.data)
                if each is None:
                    inner = None
                    break
                inner |= each
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT) and av[0] >= 1:
            inner = _required(av[2].data)
        if inner:
            found.append(inner)
    if run:
        found.append({"".join(run)})
    if not found:
        return None
    return max(found, key=lambda s: (min(map(len, s)), -len(s)))
