"""Faults around the Telegram front end, injected through the stand-in Bot API (tests/fake_botapi.py).

Each test here failed before its fix: one unreachable subscriber stopped the reminders of every
chat after it (issue 12, point 2). The figures each test checks are the issue's: answers lost,
tracebacks in the log, chat ids in the log.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import logging
from typing import Any

import pytest
from fake_botapi import Call, FakeBotAPI
from pydantic import ValidationError
from telegram_helpers import ADMIN_ID, USER_ID, RunningBot, assert_well_formed
from test_telegram_bot import (  # noqa: F401  (fixtures, shared with the main Telegram tests)
    _loopback_only,
    api,
    make_services,
    plan_db,
    services,
    settings,
)

from ipbot import phrases
from ipbot.config import Settings
from ipbot.frontends.telegram.bot import VIETNAM, Services
from ipbot.frontends.telegram.media import SUBSCRIPTIONS

# the day before Thái Bình's reporting deadline (15/10): every all-plans subscription has a reminder
DEADLINE_EVE = dt.date(2026, 10, 14)
# nine-digit ids, so a search of the log for them cannot match by chance; visited in this order
BLOCKED, GONE, TOO_LONG, OFFLINE, MIGRATED, HEALTHY = range(900_000_001, 900_000_007)
SUPERGROUP = -1_009_000_000_007


def to_admin(call: Call) -> bool:
    return bool(call.params.get("chat_id") == str(ADMIN_ID))


def error_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


# ---------------------------------------------------------------- 2. reminders, one chat at a time
def test_unreachable_subscribers_are_dropped_and_the_others_still_reminded(
    api: FakeBotAPI, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    services.today = lambda: DEADLINE_EVE
    for chat in (BLOCKED, GONE, TOO_LONG, OFFLINE, MIGRATED, HEALTHY):
        services.store.put(SUBSCRIPTIONS, chat, {"plan": None})
    api.fail_chat(BLOCKED, 403, "Forbidden: bot was blocked by the user")
    api.fail_chat(GONE, 400, "Bad Request: chat not found")
    api.fail_chat(TOO_LONG, 400, "Bad Request: message is too long")
    api.fail_chat(OFFLINE, 502, "Bad Gateway")
    api.fail_chat(MIGRATED, 400, "Bad Request: group chat was upgraded to a supergroup chat",
                  parameters={"migrate_to_chat_id": SUPERGROUP})  # fmt: skip

    async def scenario() -> str:
        async with RunningBot(api, services.settings, services):
            api.push_update(api.message_update("/guinhac", user_id=ADMIN_ID))
            [report] = await api.wait_for("sendMessage", timeout=20, predicate=to_admin)
            return str(report.params["text"])

    with caplog.at_level(logging.INFO):
        report = run(scenario())
    tried = [c.params["chat_id"] for c in api.calls("sendMessage") if not to_admin(c)]
    delivered = set(tried) - {str(chat) for chat in (BLOCKED, GONE, TOO_LONG, OFFLINE, MIGRATED)}
    assert delivered == {str(HEALTHY), str(SUPERGROUP)}  # after five failing chats, and the migrated group's new id
    assert set(services.store.all(SUBSCRIPTIONS)) == {str(TOO_LONG), str(OFFLINE), str(HEALTHY), str(SUPERGROUP)}
    dropped = [r.getMessage() for r in caplog.records if "subscription dropped" in r.getMessage()]
    assert len(dropped) == 2, dropped  # one line per dead chat
    for chat in (BLOCKED, GONE, TOO_LONG, OFFLINE, MIGRATED, HEALTHY, SUPERGROUP):
        assert str(chat).lstrip("-") not in caplog.text  # chats are named by a hash, never by id
    assert not error_records(caplog)  # nothing the loop expects is a traceback
    assert html.escape(phrases.REMINDERS_DROPPED.format(dropped=2)) in report
    assert html.escape(phrases.REMINDERS_SENT.format(sent=2, reached=2)) in report
    assert html.escape(phrases.REMINDERS_FAILED.format(failed=2)) in report
    assert_well_formed(api)


def test_only_admins_run_the_reminders(api: FakeBotAPI, services: Services) -> None:
    services.today = lambda: DEADLINE_EVE
    services.store.put(SUBSCRIPTIONS, HEALTHY, {"plan": None})

    async def scenario() -> str:
        async with RunningBot(api, services.settings, services) as bot:
            refused = await bot.ask("/guinhac")
            await bot.settle(0.2)
            return str(refused.params["text"])

    assert run(scenario()) == html.escape(phrases.ADMIN_ONLY)
    assert [c.params["chat_id"] for c in api.calls("sendMessage")] == [str(USER_ID)]


def test_an_ordinary_day_reports_nothing_due(api: FakeBotAPI, services: Services) -> None:
    services.today = lambda: dt.date(2026, 11, 3)
    services.store.put(SUBSCRIPTIONS, HEALTHY, {"plan": None})

    async def scenario() -> str:
        async with RunningBot(api, services.settings, services) as bot:
            return str((await bot.ask("/guinhac", user_id=ADMIN_ID)).params["text"])

    report = run(scenario())
    assert html.escape(phrases.REMINDERS_NONE_DUE) in report and "03/11/2026" in report
    assert len(api.calls("sendMessage")) == 1


def test_the_daily_run_time_is_a_setting_in_vietnam_time(
    api: FakeBotAPI, settings: Settings, services: Services
) -> None:
    services.settings = settings.model_copy(update={"reminder_time": dt.time(6, 15)})

    async def scenario() -> dt.datetime:
        async with RunningBot(api, services.settings, services) as bot:
            assert bot.application.job_queue is not None
            [job] = bot.application.job_queue.get_jobs_by_name("reminders")
            assert job.next_t is not None
            return job.next_t

    when = run(scenario()).astimezone(VIETNAM)
    assert (when.hour, when.minute, when.second) == (6, 15, 0)


@pytest.mark.parametrize(("value", "expected"), [("06:15:00", dt.time(6, 15)), ("7:05", dt.time(7, 5)), (None, None)])
def test_reminder_time_setting(value: str | None, expected: dt.time | None) -> None:
    extra = {"IPBOT_REMINDER_TIME": value} if value else {}
    assert Settings(_env_file=None, **extra).reminder_time == (expected or dt.time(7, 30))  # type: ignore[call-arg]


@pytest.mark.parametrize("value", ["24:00:00", "07:60:00", "7h30", "07:30:00+02:00", "", "sáng"])
def test_a_bad_reminder_time_is_refused_with_the_setting_named(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, IPBOT_REMINDER_TIME=value)  # type: ignore[call-arg]
    assert "IPBOT_REMINDER_TIME" in str(caught.value) and "HH:MM:SS" in str(caught.value)


def run(coro: Any) -> Any:
    return asyncio.run(coro)
