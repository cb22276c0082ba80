"""The Bot API client under network faults (issue 12, points 9 and 11), through the stand-in server.

Before: three 502s in 0.6 s dropped an answer without a word; a sendMessage that timed out on our
side after it had reached Telegram was sent again (two or three copies); an update the library
could not parse made the polling loop ask for it again at once, forever (11,885 log lines in 30 s).
Each test injects one fault and counts what the issue counts: answers lost, copies, tracebacks.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import time
from typing import Any

import pytest
from fake_botapi import Call, FakeBotAPI
from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram_helpers import (
    BOT_USERNAME,
    GROUP_ID,
    TOKEN,
    USER_ID,
    RunningBot,
    assert_well_formed,
    is_restart_note,
)

from ipbot import phrases
from ipbot.frontends.telegram import delivery
from ipbot.frontends.telegram.bot import Services
from ipbot.frontends.telegram.delivery import BotAPIRequest, backoff, may_have_arrived

LEAD_AGENCY = "Sở Khoa học và Công nghệ"
QUESTION = "Ai chủ trì nhiệm vụ 3.3?"
NOTE = html.escape(phrases.ANSWER_MAYBE_MISSING)
# python-telegram-bot warns whenever it reads a 429's retry_after itself (moving from int to timedelta)
pytestmark = pytest.mark.filterwarnings("ignore:Deprecated since version v22.2:telegram.warnings.PTBDeprecationWarning")


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The production delays (0.5 s doubling, a 5 s read timeout) scaled down, so each test takes
    a second, not ten; the logic is the same."""
    monkeypatch.setattr(delivery, "FIRST_DELAY", 0.05)
    monkeypatch.setattr(delivery, "MAX_DELAY", 0.4)
    monkeypatch.setattr(delivery, "READ_TIMEOUT", 0.5)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def error_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def answers(api: FakeBotAPI, chat_id: int = USER_ID) -> list[dict[str, Any]]:
    """Messages that reached the chat (as the server keeps them: only calls that took effect)."""
    return [m for m in api.sent_messages() if m["chat"]["id"] == chat_id and LEAD_AGENCY in m.get("text", "")]


def notes(api: FakeBotAPI) -> list[Call]:
    return [c for c in api.calls("sendMessage") if c.params.get("text") == NOTE]


# ---------------------------------------------------------------- the client alone
def client(api: FakeBotAPI, **options: Any) -> Bot:
    return Bot(TOKEN, base_url=api.base_url, request=BotAPIRequest(chat_tag=lambda c: f"tag{c % 7}", **options))


def test_flood_control_is_waited_out_as_the_api_asks(api: FakeBotAPI) -> None:
    api.fail_next("sendMessage", error_code=429, retry_after=1)

    async def scenario() -> float:
        async with client(api) as bot:
            started = time.monotonic()
            await bot.send_message(USER_ID, "xin chào")
            return time.monotonic() - started

    assert run(scenario()) >= 1.0  # retry_after honoured (and a little more, never less)
    assert len(api.calls("sendMessage")) == 2 and len(api.sent_messages()) == 1


def test_flood_control_asking_too_long_a_wait_fails_at_once(api: FakeBotAPI, caplog: pytest.LogCaptureFixture) -> None:
    api.fail_next("sendMessage", error_code=429, retry_after=3600)

    async def scenario() -> None:
        async with client(api) as bot:
            with pytest.raises(RetryAfter):
                await bot.send_message(USER_ID, "xin chào")

    with caplog.at_level(logging.WARNING):
        run(scenario())
    assert len(api.calls("sendMessage")) == 1
    assert "failed for good after 1 attempts (flood control, retry after 3600 s)" in caplog.text


@pytest.mark.parametrize("failures", [1, 3, 4])
def test_bad_gateways_are_retried_with_growing_spread_delays(
    api: FakeBotAPI, caplog: pytest.LogCaptureFixture, failures: int
) -> None:
    """The issue's three 502s in 0.6 s, and four: the message arrives once."""
    api.fail_next("sendMessage", error_code=502, times=failures)

    async def scenario() -> None:
        async with client(api) as bot:
            await bot.send_message(USER_ID, "xin chào")

    with caplog.at_level(logging.WARNING):
        run(scenario())
    assert len(api.calls("sendMessage")) == failures + 1 and len(api.sent_messages()) == 1
    waits = [float(w) for w in re.findall(r"retrying in ([0-9.]+) s", caplog.text)]
    assert len(waits) == failures
    assert "to chat #tag" in caplog.text and str(USER_ID) not in caplog.text  # the chat by its hash only


def test_a_gateway_down_longer_than_the_retries_is_logged_once_with_its_chat(
    api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    api.fail_next("sendMessage", error_code=503, times=10)

    async def scenario() -> None:
        async with client(api) as bot:
            with pytest.raises(NetworkError):
                await bot.send_message(USER_ID, "xin chào")

    with caplog.at_level(logging.WARNING):
        run(scenario())
    assert len(api.calls("sendMessage")) == delivery.ATTEMPTS
    [gave_up] = [r.getMessage() for r in caplog.records if "for good" in r.getMessage()]
    assert f"to chat #tag{USER_ID % 7}" in gave_up and "Service Unavailable" in gave_up


def test_a_refused_connection_is_retried_and_the_call_made_once_the_api_is_back() -> None:
    """Nothing listens at first (connection refused: the request never left), then the server starts."""
    with FakeBotAPI() as probe:
        port = probe.port

    async def scenario() -> FakeBotAPI:
        api = FakeBotAPI(port=port)
        bot = Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot", request=BotAPIRequest(first_delay=0.2))
        sending = asyncio.create_task(bot.send_message(USER_ID, "xin chào"))
        await asyncio.sleep(0.3)
        api.start()
        try:
            await asyncio.wait_for(sending, 10)
        finally:
            await bot.shutdown()
            api.stop()
        return api

    api = run(scenario())
    assert len(api.sent_messages()) == 1


@pytest.mark.parametrize("delivered", [True, False])
def test_a_send_whose_connection_dropped_is_not_sent_again(api: FakeBotAPI, delivered: bool) -> None:
    """The client cannot tell a drop before the call took effect from one after: sending again would
    make a copy in the second case, so it never does."""
    api.drop_next("sendMessage", delivered=delivered)

    async def scenario() -> None:
        async with client(api) as bot:
            with pytest.raises(NetworkError) as caught:
                await bot.send_message(USER_ID, "xin chào")
            assert may_have_arrived(caught.value)

    run(scenario())
    assert len(api.calls("sendMessage")) == 1
    assert len(api.sent_messages()) == int(delivered)


def test_a_send_that_timed_out_after_it_was_done_is_not_sent_again(api: FakeBotAPI) -> None:
    api.delay_next("sendMessage", 1.0)

    async def scenario() -> None:
        async with client(api, read_timeout=0.3) as bot:
            with pytest.raises(TimedOut):
                await bot.send_message(USER_ID, "xin chào")

    run(scenario())
    assert len(api.calls("sendMessage")) == 1 and len(api.sent_messages()) == 1  # one copy, not two or three


def test_an_edit_whose_connection_dropped_is_made_again(api: FakeBotAPI) -> None:
    """An edit is the same made twice, so it is repeated even when it may have arrived."""

    async def scenario() -> str:
        async with client(api) as bot:
            sent = await bot.send_message(USER_ID, "một")
            api.drop_next("editMessageText", delivered=False)
            edited = await bot.edit_message_text("hai", chat_id=USER_ID, message_id=sent.message_id)
            return str(getattr(edited, "text", ""))

    assert run(scenario()) == "hai"
    assert len(api.calls("editMessageText")) == 2


def test_which_failures_may_have_arrived() -> None:
    import httpx

    def caused(exc: Exception, cause: BaseException | None) -> Exception:
        exc.__cause__ = cause
        return exc

    request = httpx.Request("POST", "http://127.0.0.1/")
    arrived = [
        caused(TimedOut(), httpx.ReadTimeout("read", request=request)),
        caused(NetworkError("x"), httpx.RemoteProtocolError("Server disconnected", request=request)),
        caused(NetworkError("x"), httpx.ReadError("reset", request=request)),
    ]
    not_arrived = [
        caused(TimedOut(), httpx.ConnectTimeout("connect", request=request)),
        caused(TimedOut(), httpx.PoolTimeout("pool", request=request)),
        caused(NetworkError("x"), httpx.ConnectError("refused", request=request)),
        caused(NetworkError("x"), httpx.WriteError("broken pipe", request=request)),
        NetworkError("Bad Gateway"),  # the gateway answered 502
        RetryAfter(3),
    ]
    assert [may_have_arrived(e) for e in arrived] == [True] * len(arrived)
    assert [may_have_arrived(e) for e in not_arrived] == [False] * len(not_arrived)


def test_backoff_doubles_to_a_cap_and_spreads_each_delay() -> None:
    delays = backoff(first=0.5, cap=4.0, jitter=0.25)
    got = [next(delays) for _ in range(200)]
    for delay, base in zip(got, [0.5, 1, 2, 4] + [4] * 196, strict=True):
        assert 0.75 * base <= delay <= 1.25 * base
    assert len({round(d, 6) for d in got[4:]}) > 150  # spread: clients failing together come back apart


# ---------------------------------------------------------------- the whole bot
def test_three_bad_gateways_on_an_answer_still_answer_once(api: FakeBotAPI, services: Services) -> None:
    async def scenario() -> None:
        async with RunningBot(api, services.settings, services) as bot:
            api.fail_next("sendMessage", error_code=502, times=3)
            api.push_update(api.message_update(QUESTION))
            await api.wait_for("sendMessage", count=4, timeout=10)
            await bot.settle(0.3)

    run(scenario())
    assert len(answers(api)) == 1 and not notes(api)
    assert_well_formed(api)


@pytest.mark.parametrize("fault", ["timeout after delivery", "dropped after delivery", "dropped before delivery"])
def test_an_answer_that_may_not_have_arrived_is_never_sent_twice_and_the_user_is_told(
    api: FakeBotAPI, services: Services, caplog: pytest.LogCaptureFixture, fault: str
) -> None:
    """One copy at most, and one short note: the answer is then never lost silently (when the
    answer did not arrive, the note says to ask again; when it did, the note is all that is extra)."""
    if fault == "timeout after delivery":
        api.delay_next("sendMessage", 1.2)
    else:
        api.drop_next("sendMessage", delivered=fault == "dropped after delivery")

    async def scenario() -> None:
        async with RunningBot(api, services.settings, services) as bot:
            api.push_update(api.message_update(QUESTION))
            await api.wait_for("sendMessage", count=2, timeout=10)
            await bot.settle(0.5)

    with caplog.at_level(logging.INFO):
        run(scenario())
    assert len(answers(api)) == (0 if fault == "dropped before delivery" else 1)  # never two
    assert [c.params["chat_id"] for c in notes(api)] == [str(USER_ID)]
    assert "not sent again, as it may have arrived" in caplog.text
    assert str(USER_ID) not in caplog.text.replace(f"chat_id={USER_ID}", "")  # the chat by its hash
    assert not error_records(caplog)


def test_a_button_edit_whose_connection_dropped_is_made_again_without_a_note(
    api: FakeBotAPI, services: Services
) -> None:
    async def scenario() -> Call:
        async with RunningBot(api, services.settings, services) as bot:
            await bot.ask("/kehoach")
            api.drop_next("editMessageText", delivered=True)
            return await bot.press("p:ninh-thuan-2023", message_id=bot.last_message_id())

    edit = run(scenario())
    assert "2023" in edit.params["text"] and len(api.calls("editMessageText")) == 2
    assert not notes(api)


# ---------------------------------------------------------------- 11. an update the library cannot parse
UNREADABLE = [
    {"message": 5},
    {"message": {"message_id": "x"}},
    {"message": {"message_id": 1, "date": "zz", "chat": {"id": 1, "type": "private"}}},
    {"callback_query": {"id": "1"}},
    {"message": {"message_id": 1, "date": 0, "chat": "x"}},
    {"message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "entities": [{"type": "bold"}]}},
]


def test_an_update_that_cannot_be_parsed_is_skipped_once_and_logged_once(
    api: FakeBotAPI, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    mention = [{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}]

    async def scenario() -> tuple[int, Call, Call]:
        async with RunningBot(api, services.settings, services) as bot:
            for update in UNREADABLE:
                api.push_update(update)
            before = len(api.calls("getUpdates"))
            private = await bot.ask(QUESTION)  # the updates after them are still answered
            group = await bot.ask(f"@{BOT_USERNAME} {QUESTION}", chat_type="group", entities=mention)
            await asyncio.sleep(1.0)
            return len(api.calls("getUpdates")) - before, private, group

    with caplog.at_level(logging.INFO):
        polled, private, group = run(scenario())
    assert LEAD_AGENCY in private.params["text"] and group.params["chat_id"] == str(GROUP_ID)
    skipped = [r.getMessage() for r in caplog.records if "cannot be read" in r.getMessage()]
    assert len(skipped) == len(UNREADABLE)  # once each
    assert not api.pending_updates()  # confirmed to Telegram: it will not send them again
    assert polled < 40  # before: thousands of getUpdates a second, each logging the raw update
    assert not error_records(caplog)
    assert "'zz'" not in caplog.text  # what the update held is not logged, only its kind
    assert not [c for c in api.calls("sendMessage") if is_restart_note(c)]
