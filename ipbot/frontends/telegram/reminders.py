"""Dates the plans set, and the reminders due on a given day.

Three kinds of date come from the data, never from code: the quarter a task starts
(its timeline), the reporting deadline ("trước ngày 15 tháng 10" every year of the
plan), and dated occasions the plan names (``events``: World IP Day, 26/4). A reminder
is sent the day before and on the day. Pure functions: the Telegram JobQueue calls
:func:`due` once a day with today's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ipbot.describe import agency_list, task_heading
from ipbot.plans.models import Plan
from ipbot.plans.store import Knowledge
from ipbot.text import quarter_name

__all__ = ["Occasion", "Reminder", "due", "occasions", "upcoming"]

_QUARTER_START = {1: 1, 2: 4, 3: 7, 4: 10}


@dataclass(frozen=True)
class Occasion:
    """A date a plan sets, with what to say about it."""

    date: dt.date
    plan_id: str
    text: str
    source: str


@dataclass(frozen=True)
class Reminder:
    occasion: Occasion
    days_before: int  # 1: tomorrow, 0: today

    @property
    def text(self) -> str:
        when = "Ngày mai" if self.days_before == 1 else "Hôm nay"
        return f"⏰ {when} ({self.occasion.date:%d/%m/%Y}): {self.occasion.text}\n{self.occasion.source}"


def _years(plan: Plan) -> range:
    """Yearly dates repeat through the plan's horizon ("định hướng đến năm 2030")."""
    return range(plan.year_start, max(plan.year_end, plan.horizon or plan.year_end) + 1)


def occasions(knowledge: Knowledge, plan: Plan) -> Iterator[Occasion]:
    """Every date the plan sets."""
    for task in plan.tasks:
        tl = task.timeline
        if tl and tl.quarters and tl.year:
            first = min(tl.quarters)
            yield Occasion(
                dt.date(tl.year, _QUARTER_START[first], 1),
                plan.id,
                f"bắt đầu {quarter_name(first)}: {task_heading(task)} — {task.title}.",
                f"Nguồn: {plan.short_title}, mục {task.section}.",
            )
    r = plan.reporting
    if r and r.deadline_day and r.deadline_month:
        for year in _years(plan):
            yield Occasion(
                dt.date(year, r.deadline_month, r.deadline_day),
                plan.id,
                f"hạn gửi báo cáo kết quả thực hiện kế hoạch ({r.deadline}) về "
                f"{agency_list(knowledge.agency(plan, s).name for s in r.recipient) or 'cơ quan đầu mối'}.",
                f"Nguồn: {plan.short_title}, mục {r.section}.",
            )
    for event in plan.events:
        for year in [event.year] if event.year else _years(plan):
            yield Occasion(
                dt.date(year, event.month, event.day),
                plan.id,
                event.title + (f" (nhiệm vụ {event.task})" if event.task else "") + ".",
                f"Nguồn: {plan.short_title}, mục {event.section}.",
            )


def due(knowledge: Knowledge, plans: Iterable[Plan], today: dt.date) -> list[Reminder]:
    """Reminders to send today: occasions tomorrow (the day before) and today."""
    out = []
    for plan in plans:
        for occasion in occasions(knowledge, plan):
            delta = (occasion.date - today).days
            if delta in (0, 1):
                out.append(Reminder(occasion, delta))
    return sorted(out, key=lambda r: (r.occasion.date, r.occasion.plan_id, r.occasion.text))


def upcoming(knowledge: Knowledge, plans: Iterable[Plan], today: dt.date, limit: int = 5) -> list[Occasion]:
    """The next dates from today on (for the subscription confirmation)."""
    future = [o for plan in plans for o in occasions(knowledge, plan) if o.date >= today]
    return sorted(future, key=lambda o: o.date)[:limit]
