"""Faults around the Telegram front end, injected through the stand-in Bot API (tests/fake_botapi.py).

Each test here failed before its fix: one unreachable subscriber stopped the reminders of every
chat after it (issue 12, point 2); a start-up refused with 401 or 404 printed the token (point 3);
/gopy stored anything, any number of times (point 5); an edited message was answered and stored
again, and forged button data gave tracebacks or was answered as if real (point 11).
The figures each test checks are the issue's: answers lost, tracebacks in the log, chat ids and
the token in the log.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import io
import json
import logging
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fake_botapi import Call, FakeBotAPI
from pydantic import ValidationError
from telegram.error import InvalidToken
from telegram_helpers import (
    ADMIN_ID,
    BOT_USERNAME,
    PLAN_2022,
    PLAN_2023,
    USER_ID,
    MakeServices,
    RunningBot,
    assert_well_formed,
    buttons,
    make_settings,
)

from ipbot import phrases
from ipbot.answers import Context
from ipbot.assistant import Assistant
from ipbot.config import Settings
from ipbot.frontends.browse import FACETS, Browser
from ipbot.frontends.telegram import delivery
from ipbot.frontends.telegram.bot import (
    FEEDBACK_LENGTH,
    FEEDBACK_PER_HOUR,
    VIETNAM,
    Services,
    UserRateLimiter,
    _button,
    build_application,
)
from ipbot.frontends.telegram.media import ReminderRun, remind
from ipbot.frontends.telegram.redact import MASK, SecretFilter, install
from ipbot.requests import Filters, Items, Op, Request, Role

SETS = Path(__file__).resolve().parent / "data"  # question sets kept in the repository (a clean clone has them)

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
    api: FakeBotAPI, services: Services, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "FIRST_DELAY", 0.05)  # the 502 chat's retries, scaled down
    services.today = lambda: DEADLINE_EVE
    for chat in (BLOCKED, GONE, TOO_LONG, OFFLINE, MIGRATED, HEALTHY):
        services.store.subscribe(chat, None)
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
    assert {s.chat_id for s in services.store.subscriptions()} == {TOO_LONG, OFFLINE, HEALTHY, SUPERGROUP}
    dropped = [r.getMessage() for r in caplog.records if "subscription dropped" in r.getMessage()]
    assert len(dropped) == 2, dropped  # one line per dead chat
    for chat in (BLOCKED, GONE, TOO_LONG, OFFLINE, MIGRATED, HEALTHY, SUPERGROUP):
        assert str(chat).lstrip("-") not in caplog.text  # chats are named by a hash, never by id
    assert not error_records(caplog)  # nothing the loop expects is a traceback
    assert html.escape(phrases.REMINDERS_DROPPED.format(dropped=2)) in report
    assert html.escape(phrases.REMINDERS_SENT.format(due=6, sent=2, reached=2)) in report
    assert html.escape(phrases.REMINDERS_FAILED.format(failed=2)) in report
    assert_well_formed(api)


def test_only_admins_run_the_reminders(api: FakeBotAPI, services: Services) -> None:
    services.today = lambda: DEADLINE_EVE
    services.store.subscribe(HEALTHY, None)

    async def scenario() -> str:
        async with RunningBot(api, services.settings, services) as bot:
            refused = await bot.ask("/guinhac")
            await bot.settle(0.2)
            return str(refused.params["text"])

    assert run(scenario()) == html.escape(phrases.ADMIN_ONLY)
    assert [c.params["chat_id"] for c in api.calls("sendMessage")] == [str(USER_ID)]


def test_an_ordinary_day_reports_nothing_due(api: FakeBotAPI, services: Services) -> None:
    services.today = lambda: dt.date(2026, 11, 3)
    services.store.subscribe(HEALTHY, None)

    async def scenario() -> str:
        async with RunningBot(api, services.settings, services) as bot:
            return str((await bot.ask("/guinhac", user_id=ADMIN_ID)).params["text"])

    report = run(scenario())
    assert html.escape(phrases.REMINDERS_NONE_DUE) in report and "03/11/2026" in report
    assert len(api.calls("sendMessage")) == 1


def test_a_run_whose_every_due_chat_failed_does_not_say_nothing_was_due() -> None:
    report = ReminderRun(DEADLINE_EVE, subscribed=1, due=1, dropped=1).report()
    assert phrases.REMINDERS_SENT.format(due=1, sent=0, reached=0) in report
    assert phrases.REMINDERS_DROPPED.format(dropped=1) in report
    assert phrases.REMINDERS_NONE_DUE not in report


def test_subscriptions_that_cannot_be_read_are_said_not_taken_for_nothing_due(
    services: Services, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    services.today = lambda: DEADLINE_EVE
    services.store.subscribe(HEALTHY, None)

    def locked() -> list[Any]:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(services.store, "subscriptions", locked)
    with caplog.at_level(logging.WARNING):
        report = run(remind(None, services)).report()  # type: ignore[arg-type]  # no chat to send to
    assert report == phrases.REMINDERS_UNREADABLE.format(day="14/10/2026")
    assert phrases.REMINDERS_NONE_DUE not in report
    assert [r.getMessage() for r in caplog.records] == [
        "reminders: the subscriptions cannot be read (database is locked); none sent"
    ]
    assert not error_records(caplog)


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


# ---------------------------------------------------------------- 3. the token never in a log line
REAL_LOOKING_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
SECRET_PART = REAL_LOOKING_TOKEN.split(":", 1)[1]


def leaks(text: str) -> bool:
    return SECRET_PART in text or quote(REAL_LOOKING_TOKEN, safe="") in text


class _Url:
    """An argument whose str() holds the token, as httpx logs its request URLs."""

    def __str__(self) -> str:
        return f"http://127.0.0.1/bot{REAL_LOOKING_TOKEN}/getMe"


def test_the_filter_masks_message_arguments_traceback_and_stack() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    handler.addFilter(SecretFilter([REAL_LOOKING_TOKEN]))
    logger = logging.getLogger("test.redact")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning(f"in the message {REAL_LOOKING_TOKEN}")
        logger.warning("in a str argument %s", REAL_LOOKING_TOKEN)
        logger.warning("in an object argument %s", _Url())
        logger.warning("in a mapping %(url)s", {"url": _Url()})
        logger.warning("URL-quoted %s", quote(REAL_LOOKING_TOKEN, safe=""))
        logger.warning("the secret part alone %s", SECRET_PART)
        try:
            raise ValueError(f"The token `{REAL_LOOKING_TOKEN}` was rejected by the server.")
        except ValueError:
            logger.exception("in a traceback")
        logger.warning("in a stack %s", "x", stack_info=True, extra={"token": REAL_LOOKING_TOKEN})
        logger.warning("nothing to hide: 123456789 and ABC")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    out = stream.getvalue()
    assert not leaks(out), out
    assert out.count(MASK) >= 7
    assert "nothing to hide: 123456789 and ABC" in out  # text without the token is left alone


def test_the_filter_never_raises_on_a_malformed_call() -> None:
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "two %s %s", ("one",), None)
    assert SecretFilter([REAL_LOOKING_TOKEN]).filter(record)
    assert record.msg == "two %s %s"  # left for the formatter to report as a logging error


@pytest.mark.parametrize(("status", "description"), [(401, "Unauthorized"), (404, "Not Found")])
def test_startup_refused_by_the_api_never_prints_the_token(
    api: FakeBotAPI, db_path: Path, tmp_path: Path, status: int, description: str
) -> None:
    """The real process, as systemd runs it: everything it writes to stdout and stderr is read."""
    api.fail_next("getMe", times=20, error_code=status, description=description)
    env = {
        "TELEGRAM_BOT_TOKEN": REAL_LOOKING_TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "IPBOT_DB_PATH": str(db_path),
        "IPBOT_STATE_PATH": str(tmp_path / "state.sqlite3"),
        "HOME": str(tmp_path),
        "PATH": "",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "ipbot", "run"], env=env, cwd=tmp_path, capture_output=True, timeout=60, check=False
    )
    output = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    assert proc.returncode != 0
    assert api.calls("getMe"), "the bot never reached the stand-in server"
    assert not leaks(output), output[-2000:]
    assert "TELEGRAM_BOT_TOKEN" in output  # the operator is told what to check
    assert len(output.strip().splitlines()) == 1 and "Traceback" not in output, output  # one line, no traceback


def test_no_log_line_carries_the_token_at_debug_level(
    api: FakeBotAPI,
    tmp_path: Path,
    plan_db: Path,
    assistant: Assistant,
    make_services: MakeServices,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """In process, every logger at DEBUG (httpx logs each request URL): start-ups refused with 401
    and 404 as run_polling does them, then a bot that works, answers, and retries a 502."""
    settings = make_settings(api, tmp_path / "state.sqlite3", plan_db, telegram_bot_token=REAL_LOOKING_TOKEN)
    secret_filter = SecretFilter([REAL_LOOKING_TOKEN])
    caplog.set_level(logging.DEBUG)
    handlers = install(secret_filter)
    assert caplog.handler in handlers
    try:
        for status in (401, 404):
            api.fail_next("getMe", error_code=status, description="refused")
            application = build_application(settings, make_services(settings, assistant), rate_limit=False)
            with pytest.raises(InvalidToken):
                application.run_polling(stop_signals=None, close_loop=False)

        async def scenario() -> None:
            async with RunningBot(api, settings, make_services(settings, assistant)) as bot:
                api.fail_next("sendMessage", error_code=502)
                await bot.ask("Ai chủ trì nhiệm vụ 3.3?")

        run(scenario())
    finally:
        for handler in handlers:
            handler.removeFilter(secret_filter)
    lines = caplog.text + "".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert not leaks(lines)
    assert MASK in caplog.text and "getMe" in caplog.text  # the URLs were logged, masked
    assert "Bot API sendMessage to chat #" in caplog.text and "retrying in" in caplog.text  # the 502 was logged too


# ---------------------------------------------------------------- 5. /gopy: length and count capped
def test_feedback_longer_than_the_limit_is_refused_with_the_limit_stated(api: FakeBotAPI, services: Services) -> None:
    async def scenario() -> tuple[Call, Call]:
        async with RunningBot(api, services.settings, services) as bot:
            too_long = await bot.ask("/gopy " + "ý" * (FEEDBACK_LENGTH + 1))
            just_fits = await bot.ask("/gopy " + "a" * FEEDBACK_LENGTH)
            return too_long, just_fits

    too_long, just_fits = run(scenario())
    assert too_long.params["text"] == html.escape(phrases.FEEDBACK_TOO_LONG.format(length="1.001", limit="1.000"))
    assert just_fits.params["text"] == html.escape(phrases.FEEDBACK_THANKS)
    assert [len(text) for _, text in services.store.feedback()] == [FEEDBACK_LENGTH]  # refused whole, not cut


def test_feedback_per_user_and_hour(api: FakeBotAPI, services: Services) -> None:
    other = USER_ID + 1

    async def scenario() -> tuple[list[str], int, str]:
        async with RunningBot(api, services.settings, services) as bot:
            replies = [str((await bot.ask(f"/gopy góp ý số {n}")).params["text"]) for n in range(FEEDBACK_PER_HOUR + 1)]
            before = len(api.calls("sendMessage"))
            api.push_update(api.message_update("/gopy thêm một lần nữa"))  # refused again within the minute: silence
            await bot.settle(0.3)
            silent = len(api.calls("sendMessage")) - before
            other_user = await bot.ask("/gopy tôi là người khác", user_id=other, chat_id=other)
            return replies, silent, str(other_user.params["text"])

    replies, silent, other_reply = run(scenario())
    thanks = html.escape(phrases.FEEDBACK_THANKS)
    assert replies[:FEEDBACK_PER_HOUR] == [thanks] * FEEDBACK_PER_HOUR
    assert replies[-1] == html.escape(phrases.FEEDBACK_TOO_MANY.format(limit=FEEDBACK_PER_HOUR, minutes=60))
    assert silent == 0
    assert other_reply == thanks  # one user's cap is theirs alone
    stored = [text for _, text in services.store.feedback(limit=100)]
    assert len(stored) == FEEDBACK_PER_HOUR + 1 and "thêm một lần nữa" not in stored


def test_rate_limiter_window_warning_interval_and_wait() -> None:
    limiter = UserRateLimiter(2, window=3600.0, warn_every=60.0)
    assert [limiter.check(1, now=t) for t in (0.0, 10.0)] == ["ok", "ok"]
    assert limiter.wait(1, now=20.0) == 3580.0
    assert [limiter.check(1, now=t) for t in (20.0, 30.0, 81.0)] == [
        "warn",
        "drop",
        "warn",
    ]  # told again after a minute
    assert limiter.check(2, now=30.0) == "ok" and limiter.wait(2, now=30.0) == 0.0
    assert limiter.check(1, now=3601.0) == "ok"  # the first one left the hour


# ---------------------------------------------------------------- 11. edited messages, forged buttons
def _edited(update: dict[str, Any], text: str) -> dict[str, Any]:
    """The same message, edited: Telegram sends it again as ``edited_message``."""
    return {"edited_message": {**update["message"], "text": text, "edit_date": int(time.time())}}


def test_edited_messages_are_not_answered_or_stored_again(api: FakeBotAPI, services: Services) -> None:
    question = api.message_update("Ai chủ trì nhiệm vụ 3.3?")
    feedback = api.message_update("/gopy Bot nên có thêm kế hoạch năm 2024")
    mention = [{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}]
    in_group = api.message_update(f"@{BOT_USERNAME} ai chủ trì nhiệm vụ 3.3", chat_type="group", entities=mention)

    async def scenario() -> int:
        async with RunningBot(api, services.settings, services) as bot:
            for update in (question, feedback, in_group):
                await bot.send(update)
            answered = len(api.calls("sendMessage"))
            api.push_update(_edited(question, "Ai phối hợp nhiệm vụ 3.3?"))
            api.push_update(_edited(feedback, "/gopy Bot nên có thêm kế hoạch năm 2025"))
            api.push_update(_edited(in_group, f"@{BOT_USERNAME} ai phối hợp nhiệm vụ 3.3"))
            await bot.settle(0.3)
            return len(api.calls("sendMessage")) - answered

    assert run(scenario()) == 0
    assert [text for _, text in services.store.feedback()] == ["Bot nên có thêm kế hoạch năm 2024"]
    assert sum(day.questions for day in services.store.daily_stats()) == 2  # the two questions, once each


FORGED_TOASTS = [
    "zzz:1",
    "f:+:999999",  # a rating for a question never logged
    "f:+:99999999999999999999999999",  # beyond SQLite's integers: was a traceback and an apology
    "f:x:1",
    "x:no-plan",  # may sit under a document, which has no text to replace
    "x:csv:",
    "h:zzz",
]
FORGED_EDITS = [
    "p:no-plan",
    "n:no-plan:0",
    f"g:{PLAN_2023}:99:0",  # no group 99: was an empty menu
    f"g:{PLAN_2023}",
    f"a:{PLAN_2023}:no-such-agency",  # was answered with the slug as if an agency
    f"a:{PLAN_2023}",
    "a:no-plan:so-khcn",
    "r:{}",
    "r:" + "{" * 60,
    "q:garbage",
    "t:nokey:0",
]
FORGED_REQUESTS = [
    Request(items=Items.TASKS, op=Op.LIST, plans=(PLAN_2023,), filters=Filters(agency="no-such", role=Role.ANY)),
    Request(items=Items.DUTIES, plans=(PLAN_2023,), filters=Filters(agency="no-such", role=Role.DUTY)),
    Browser.quarter_request(PLAN_2023, 9),  # was a KeyError in the core: a traceback and an apology
    Request(items=Items.TASKS, op=Op.LIST, plans=(PLAN_2023,), filters=Filters(groups=(f"{PLAN_2023}:99",))),
    Browser.task_request("no-such-plan", "3.3"),
]


def test_forged_buttons_get_a_short_reply_and_no_traceback(
    api: FakeBotAPI, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    forged_requests = [
        _button("x", f"{kind}:{request.pack()}", services.store).callback_data
        for request in FORGED_REQUESTS
        for kind in ("r", "q")
    ]

    async def scenario() -> tuple[list[Call], list[Call]]:
        async with RunningBot(api, services.settings, services) as bot:
            for n, data in enumerate(FORGED_TOASTS, 1):
                api.push_update(api.callback_update(data))
                await api.wait_for("answerCallbackQuery", count=n)
            edits = [await bot.press(data) for data in FORGED_EDITS + forged_requests]
            await bot.settle(0.2)
            return api.calls("answerCallbackQuery")[: len(FORGED_TOASTS)], edits

    with caplog.at_level(logging.INFO):
        toasts, edits = run(scenario())
    assert [c.params.get("text") for c in toasts] == [phrases.BUTTON_EXPIRED] * len(FORGED_TOASTS)
    expired = html.escape(phrases.BUTTON_EXPIRED)
    assert [(d, c.params["text"]) for d, c in zip(FORGED_EDITS + forged_requests, edits, strict=True)] == [
        (d, expired) for d in FORGED_EDITS + forged_requests
    ]
    assert not error_records(caplog)
    assert not api.calls("sendMessage") and not api.calls("sendDocument")
    assert services.store.rating_totals() == (0, 0)  # nothing stored for a forged rating
    assert_well_formed(api)


def test_a_page_past_the_end_shows_the_last_page(api: FakeBotAPI, services: Services) -> None:
    async def scenario() -> Call:
        async with RunningBot(api, services.settings, services) as bot:
            return await bot.press(f"o:{PLAN_2022}:999")

    labels = [label for label, _ in buttons(run(scenario()))]
    assert len(services.browser.agencies(PLAN_2022)) in range(9, 17)  # two pages
    assert phrases.PREVIOUS in labels and phrases.NEXT not in labels
    assert len(labels) == len(services.browser.agencies(PLAN_2022)) - 8 + 1  # the second page, and «


def test_every_button_the_bot_makes_is_accepted(assistant: Assistant) -> None:
    """The check that refuses forged requests must never refuse the bot's own: every suggestion and
    task button of every answer to two kept question sets, and every menu entry."""
    browser = Browser(assistant.knowledge)
    made: list[Request] = []
    for path in (SETS / "eval_extra.jsonl", SETS / "eval_fresh15.jsonl"):
        contexts: dict[str, Context] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            session = q.get("session")
            answer = assistant.ask(q["question"], contexts.get(session, Context()) if session else Context())
            if session:
                contexts[session] = answer.context
            made += [s.request for s in answer.suggestions]
            made += [Browser.task_request(*t.split(":", 1), facet) for t in answer.task_ids for facet in FACETS]
    for plan in browser.plans():
        made += [browser.agency_request(plan.id, a.id) for a in browser.agencies(plan.id)]
        made += [Browser.quarter_request(plan.id, q) for q in (1, 2, 3, 4)]
        assert all(browser.has_group(plan.id, g.id) for g in browser.groups(plan.id))
    assert len(made) > 500
    assert [r.pack() for r in made if not browser.accepts(r)] == []


def _forged_data(browser: Browser, count: int, seed: int) -> list[str]:
    """Button data as a forger would try it: every kind of button with plans, pages and ids made up,
    the bot's own requests with one filter changed (a quarter 9, an agency or group that does not
    exist), ratings with numbers of any size. Seeded, so a failure can be replayed."""
    rnd = random.Random(seed)
    plans = [p.id for p in browser.plans()] + ["no-plan", "", "*"]
    junk = ["", ":", "-1", "999", "0", "x", "é", "\x00", "9" * 30, "null", "[]", "{}"]
    requests = [Browser.quarter_request(p, 1) for p in plans[:3]]
    requests += [browser.agency_request(p, a.id) for p in plans[:3] for a in browser.agencies(p)[:3]]
    changes: dict[str, Callable[[], object]] = {
        "quarters": lambda: [rnd.randint(-3, 12)],
        "agency": lambda: rnd.choice(["zz", "", "so-khcn", "ubnd", "so-x"]),
        "groups": lambda: [rnd.choice(plans) + ":" + rnd.choice(["1", "99", "x", ""])],
        "ids": lambda: [rnd.choice(plans) + ":" + rnd.choice(["3.3", "99", "V.1", "t1", ""])],
    }
    out = []
    for _ in range(count):
        kind = rnd.choice("pnoygartqfxhz")
        if kind == "f":
            out.append(f"f:{rnd.choice('+-x')}:{rnd.randint(0, 10 ** rnd.randint(1, 30))}")
        elif kind in "rq" and rnd.random() < 0.7:
            packed = json.loads(rnd.choice(requests).pack())
            field = rnd.choice(list(changes))
            packed["filters"] = {**packed.get("filters", {}), field: changes[field]()}
            out.append(f"{kind}:{json.dumps(packed, separators=(',', ':'))}")
        else:
            out.append(kind + ":" + ":".join(rnd.choice(plans + junk) for _ in range(rnd.randint(0, 3))))
    return out


def test_random_forged_buttons_never_raise(
    api: FakeBotAPI, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    """Before: of 600 such presses, 17 ended in a traceback and an apology, 12 left the button spinning."""
    presses = [
        _button("x", data, services.store).callback_data for data in _forged_data(services.browser, 150, seed=12)
    ]

    async def scenario() -> None:
        async with RunningBot(api, services.settings, services) as bot:
            for n, data in enumerate(presses, 1):
                api.push_update(api.callback_update(data))
                await api.wait_for("answerCallbackQuery", count=n)  # every press answered: no spinning button
            await bot.settle(0.3)

    with caplog.at_level(logging.INFO):
        run(scenario())
    assert not error_records(caplog)
    assert phrases.ERROR_REPLY not in {c.params.get("text") for c in api.calls("sendMessage")}
    assert_well_formed(api)
