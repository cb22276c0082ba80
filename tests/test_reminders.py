"""Reminders: the dates the plans set, due the day before and on the day."""

from __future__ import annotations

import datetime as dt

import pytest

from ipbot.frontends.telegram.reminders import due, occasions, upcoming
from ipbot.plans.store import Knowledge


def test_reporting_deadline_every_year_to_the_horizon(knowledge: Knowledge) -> None:
    plan = knowledge.plans["thai-binh-2021-2030"]
    deadlines = [o.date for o in occasions(knowledge, plan) if "hạn gửi báo cáo" in o.text]
    assert deadlines == [dt.date(year, 10, 15) for year in range(2021, 2031)]


def test_task_quarters_and_world_ip_day(knowledge: Knowledge) -> None:
    found = {(o.date, o.text.split(":")[0]) for o in occasions(knowledge, knowledge.plans["ninh-thuan-2023"])}
    assert (dt.date(2023, 7, 1), "bắt đầu Quý III") in found  # task 3.1, Quý III–IV
    assert any(date == dt.date(2023, 4, 26) for date, _ in found)  # Kỷ niệm ngày SHTT Thế giới 26/4


@pytest.mark.parametrize(("today", "days_before"), [(dt.date(2026, 10, 14), 1), (dt.date(2026, 10, 15), 0)])
def test_due_the_day_before_and_on_the_day(knowledge: Knowledge, today: dt.date, days_before: int) -> None:
    reminders = due(knowledge, knowledge.plans.values(), today)
    assert [r.days_before for r in reminders] == [days_before]
    assert "Sở Khoa học và Công nghệ" in reminders[0].text
    assert "mục VI" in reminders[0].text


def test_nothing_due_on_other_days(knowledge: Knowledge) -> None:
    assert due(knowledge, knowledge.plans.values(), dt.date(2026, 10, 16)) == []
    assert due(knowledge, knowledge.plans.values(), dt.date(2026, 11, 22)) == []


def test_upcoming_lists_future_dates_in_order(knowledge: Knowledge) -> None:
    dates = [o.date for o in upcoming(knowledge, knowledge.plans.values(), dt.date(2026, 11, 22), limit=3)]
    assert dates == [dt.date(2027, 10, 15), dt.date(2028, 10, 15), dt.date(2029, 10, 15)]
