"""Strategy cycles: which plans a question that names no plan is about.

The provinces' multi-year plans follow the national strategy's cycles (2016–2020, 2021–2025 …), and their
annual plans fall inside them. Once the plans of a cycle are there, an earlier cycle's plans, multi-year
and annual, are history, whatever the province: a question that names no province, year or plan
("kinh phí nhiệm vụ 3.3") is about the plans in force, as a search of legal documents shows the
documents in force first. Plans of an earlier cycle are still asked about by their province or years.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

__all__ = ["Period", "latest_cycle_start"]


class Period(Protocol):
    """What a plan's cycle is read from (a plan model, or a plan's row in the database)."""

    @property
    def year_start(self) -> int: ...

    @property
    def year_end(self) -> int: ...


def latest_cycle_start(plans: Iterable[Period]) -> int | None:
    """The year the latest cycle starts: a plan is of it when it runs in that year or after it. None when
    no plan spans several years (every plan is then of the latest cycle).

    The cycle is the latest multi-year plan's span, reaching back over the multi-year plans that run into
    it: a province's plan for 2024–2025 is the end of the cycle Thái Bình's 2021–2025 plan runs in, and
    makes no plan of 2022 history.

    >>> from types import SimpleNamespace as P
    >>> latest_cycle_start([P(year_start=2016, year_end=2020), P(year_start=2021, year_end=2025)])
    2021
    >>> latest_cycle_start([P(year_start=2021, year_end=2025), P(year_start=2024, year_end=2025)])
    2021
    """
    spans = sorted(((p.year_start, p.year_end) for p in plans if p.year_start != p.year_end), reverse=True)
    if not spans:
        return None
    since = spans[0][0]
    for start, end in spans[1:]:
        if end >= since:
            since = min(since, start)
    return since
