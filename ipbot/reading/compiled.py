"""Regular expressions compiled at build time and stored, so that a start does not compile them again.

Why: Python compiles a pattern in pure Python (parse, then code generation); the agency names as typed
(:meth:`~ipbot.reading.index.Index.agency_spans`) are one alternation of some five hundred names with
"và"/"các" optional between their words, and compiling it took 0.3 s of every ``ipbot ask`` at 300 plans.
What compiling makes is a list of integers that the C engine (``_sre``) turns into a pattern object at
once: that list is worked out at build time, stored beside the index, and handed to the engine at start.

The list is the engine's private format: it is used only when the Python that reads it is the one that
made it (:data:`TAG`), and only for the very pattern text it was made from; otherwise the pattern is
compiled as usual. Tests hold the pattern made from stored parts equal to the one compiled (a pattern
compares equal only with the same text, flags and code).
"""

from __future__ import annotations

import re
import sys
from typing import Any

__all__ = ["TAG", "Parts", "compile_parts", "from_parts"]

try:  # CPython's engine and compiler; any other Python compiles as usual
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    TAG: str | None = f"{sys.implementation.cache_tag}-{sys.version_info[:3]}-sre{_sre.MAGIC}-{_sre.CODESIZE}"
except (ImportError, AttributeError):  # pragma: no cover - not CPython 3.11+
    TAG = None

Parts = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What :func:`_sre.compile` takes besides the pattern text: flags, code, groups, group names both ways."""


def compile_parts(pattern: str, flags: int = 0) -> Parts | None:
    """What ``re.compile(pattern, flags)`` hands the engine (as ``re._compiler.compile`` works it out)."""
    if TAG is None:
        return None
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    # plain ints: the compiler's opcodes are an int subclass that marshal does not store
    flags = int(flags | parsed.state.flags)
    return flags, [int(c) for c in code], int(parsed.state.groups - 1), groupindex, tuple(indexgroup)


def from_parts(pattern: str, parts: Any, flags: int = 0) -> re.Pattern[str]:
    """The pattern from parts :func:`compile_parts` made of it (with these flags); compiled as usual when
    there are none or they cannot be used."""
    if TAG is not None and parts is not None:
        try:
            flags, code, groups, groupindex, indexgroup = parts
            return _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))  # type: ignore[no-any-return]
        except (TypeError, ValueError, RuntimeError):
            pass
    return re.compile(pattern, flags)
