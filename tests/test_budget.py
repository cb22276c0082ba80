"""One per-user budget for everything a user can make the bot do (issue 12, point 5).

Before: only typed questions were counted; 60 /bieudo in three seconds produced 180 photos and
made a second user wait 42 s, and 200 button presses, /timkiem and /gopy all went through. Now
questions, commands, buttons and inline queries spend one budget (``IPBOT_USER_RATE`` a minute),
charts and workbooks five times as much, and what is over budget gets a polite reply once a
minute (a message), a toast (a button) or a one-line result (an inline query) — nothing else.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from fake_botapi import Call, FakeBotAPI
from telegram_helpers import (
    BOT_USERNAME,
    GROUP_ID,
    PLAN_2023,
    USER_ID,
    MakeServices,
    RunningBot,
    assert_well_formed,
    callback_data,
)

from ipbot import phrases
from ipbot.assistant import Assistant
from ipbot.config import Settings
from ipbot.frontends.telegram.bot import FILE_COST, UserRateLimiter

LEAD_AGENCY = "Sở Khoa học và Công nghệ"
OTHER = 2002


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def to(chat: int) -> Any:
    return lambda call: call.params.get("chat_id") == str(chat)


def test_the_budget_counts_costs_and_says_how_long_to_wait() -> None:
    limiter = UserRateLimiter(10, window=60.0)
    assert [limiter.check(1, now=0.0, cost=c) for c in (1, FILE_COST, 1)] == ["ok", "ok", "ok"]  # 7 of 10
    assert limiter.check(1, now=1.0, cost=FILE_COST) == "warn"  # 12 would be over
    assert limiter.wait(1, now=1.0, cost=FILE_COST) == pytest.approx(59.0)  # once the first two leave
    assert limiter.check(1, now=2.0, cost=1) == "ok"  # a cheap action still fits (8 of 10)
    assert limiter.wait(1, now=2.0, cost=1) == 0.0
    assert limiter.check(1, now=3.0, cost=3) == "drop"  # told once a minute, then silence
    limiter.spend(1, 4, now=4.0)  # what a chart asked in words turned out to cost: over budget now
    assert limiter.check(1, now=5.0) == "drop"
    assert limiter.check(1, now=61.0, cost=FILE_COST) == "ok"  # the first three left the window: 5 + 5
    assert limiter.check(1, now=61.5) == "warn"  # over again, a minute after the last warning: told again
    assert limiter.check(1, now=62.0) == "drop"
    assert limiter.check(2, now=5.0, cost=99) == "ok"  # more than the whole budget: the whole budget
    assert limiter.check(2, now=6.0) == "warn"


def test_one_budget_for_questions_commands_buttons_and_inline_queries(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: MakeServices
) -> None:
    services = make_services(settings, assistant, limit=5)

    async def scenario() -> dict[str, Any]:
        async with RunningBot(api, settings, services) as bot:
            out: dict[str, Any] = {}
            start = await bot.ask("/start")  # 1
            example = callback_data(start)[0]
            await bot.send(api.callback_update(example, message_id=bot.last_message_id()))  # 2
            await bot.ask("/timkiem OCOP")  # 3
            await bot.send(api.inline_update("ai chủ trì nhiệm vụ 3.3"), "answerInlineQuery")  # 4
            await bot.ask("/gopy rất tốt")  # 5: the budget is spent
            out["question"] = await bot.ask("Ai chủ trì nhiệm vụ 3.3?")  # over: told once
            sent = len(api.calls("sendMessage"))
            for text in ("/timkiem OCOP", "/gopy lần nữa", "Ai chủ trì nhiệm vụ 3.4?", "/kinhphi"):
                api.push_update(api.message_update(text))  # over, already told: silence
            before = len(api.calls("answerCallbackQuery"))
            api.push_update(api.callback_update(example, message_id=bot.last_message_id()))
            [out["toast"]] = (await api.wait_for("answerCallbackQuery", count=before + 1))[before:]
            [*_, out["inline"]] = await bot.send(api.inline_update("kinh phí năm 2023"), "answerInlineQuery")
            await bot.settle(0.3)
            out["silent"] = len(api.calls("sendMessage")) - sent
            out["other"] = await bot.ask("Ai chủ trì nhiệm vụ 3.3?", user_id=OTHER, chat_id=OTHER)
            out["feedback"] = [text for _, text in services.store.feedback()]
            return out

    out = run(scenario())
    assert out["question"].params["text"] == phrases.SLOW_DOWN
    assert out["silent"] == 0
    assert out["toast"].params["text"].startswith("Bạn bấm hơi nhanh, xin chờ khoảng ")
    [result] = out["inline"].params["results"]
    assert result["title"] == phrases.SLOW_DOWN_TITLE
    assert LEAD_AGENCY in out["other"].params["text"]  # another user has a budget of their own
    assert out["feedback"] == ["rất tốt"]
    assert_well_formed(api)


def test_a_flood_of_charts_is_cut_at_the_budget_and_holds_up_no_one_else(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: MakeServices
) -> None:
    services = make_services(settings, assistant, limit=20)
    charts = (20 - 1) // FILE_COST  # three /bieudo fit in what the plan choice left of the budget

    async def scenario() -> tuple[list[Call], list[Call], float, float]:
        async with RunningBot(api, settings, services) as bot:
            await bot.press(f"p:{PLAN_2023}")  # 1
            for _ in range(60):
                api.push_update(api.message_update("/bieudo"))
            started = time.monotonic()
            api.push_update(api.message_update("Ai chủ trì nhiệm vụ 3.3?", user_id=OTHER, chat_id=OTHER))
            [other] = await api.wait_for("sendMessage", predicate=to(OTHER), timeout=30)
            waited = time.monotonic() - started
            # charts are slow to draw on a busy machine: wait for every album that fits, then for quiet
            await api.wait_for("sendMediaGroup", count=charts, timeout=60)
            await bot.settle(1.0, limit=60)
            flood_took = time.monotonic() - started
            return api.calls("sendMediaGroup"), [other, *api.calls("sendMessage")], waited, flood_took

    albums, messages, waited, flood_took = run(scenario())
    assert len(albums) == charts and all(len(FakeBotAPI.album(a)) == 2 for a in albums)  # not 120 photos
    refusals = [m for m in messages if m.params.get("chat_id") == str(USER_ID)]
    assert [m.params["text"] for m in refusals][-1].startswith("Biểu đồ và tệp Excel cần nhiều thời gian")
    assert len([m for m in refusals if m.params["text"].startswith("Biểu đồ và tệp Excel")]) == 1  # told once
    assert LEAD_AGENCY in messages[0].params["text"]
    assert waited < max(5.0, flood_took)  # answered without waiting for the charts before it


def test_two_hundred_button_presses_each_get_an_answer_and_only_the_budget_is_served(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: MakeServices
) -> None:
    services = make_services(settings, assistant, limit=10)

    async def scenario() -> tuple[int, int, list[Call]]:
        async with RunningBot(api, settings, services) as bot:
            await bot.ask("/kehoach")  # 1
            menu = bot.last_message_id()
            api.clear()
            for _ in range(200):
                api.push_update(api.callback_update(f"n:{PLAN_2023}:0", message_id=menu))
            answered = await api.wait_for("answerCallbackQuery", count=200, timeout=30)
            await bot.settle(0.3)
            return len(api.calls("editMessageText")), len(answered), answered

    edits, answered, toasts = run(scenario())
    assert answered == 200  # no button left spinning
    assert edits == 9  # the rest of the budget
    assert sum(str(c.params.get("text", "")).startswith("Bạn bấm hơi nhanh") for c in toasts) == 191


def test_group_messages_not_for_the_bot_cost_nothing(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: MakeServices
) -> None:
    services = make_services(settings, assistant, limit=2)

    async def scenario() -> Call:
        async with RunningBot(api, settings, services) as bot:
            for _ in range(30):  # people talking among themselves, and to another bot
                api.push_update(api.message_update("chào cả nhà", chat_type="group"))
                api.push_update(api.message_update("/start@other_bot", chat_type="group"))
            await bot.settle(0.3)
            assert not api.calls("sendMessage")
            mention = [{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}]
            return await bot.ask(f"@{BOT_USERNAME} Ai chủ trì nhiệm vụ 3.3?", chat_type="group", entities=mention)

    answer = run(scenario())
    assert answer.params["chat_id"] == str(GROUP_ID) and LEAD_AGENCY in answer.params["text"]


def test_a_chart_asked_in_words_costs_what_a_chart_command_costs(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: MakeServices
) -> None:
    services = make_services(settings, assistant, limit=2 * FILE_COST)

    async def scenario() -> str:
        async with RunningBot(api, settings, services) as bot:
            for _ in range(2):
                await bot.send(api.message_update("biểu đồ kinh phí năm 2023"), "sendMediaGroup", timeout=30)
            return str((await bot.ask("Ai chủ trì nhiệm vụ 3.3?")).params["text"])

    assert run(scenario()) == phrases.SLOW_DOWN
