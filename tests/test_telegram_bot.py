"""End-to-end and handler-level tests of the Telegram front end (ipbot/frontends/telegram/bot.py).

The real Application from :func:`ipbot.frontends.telegram.bot.build_application` polls the stand-in Bot API server
(tests/fake_botapi.py) over HTTP on 127.0.0.1; the tests push updates and assert on the calls the bot makes
(method, chat, text facts, HTML validity, buttons). Facts asserted on are stable plan facts (task 3.3 of
Ninh Thuận 2023 is led by Sở Khoa học và Công nghệ, 300 / 1.200 triệu đồng), not exact wording.

Each bug found while writing them has a test here that failed before its fix.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import html
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from fake_botapi import Call, FakeBotAPI
from telegram import Chat, Message, MessageEntity, User
from telegram_helpers import (
    ADMIN_ID,
    BOT_USERNAME,
    CALLBACK_LIMIT,
    GROUP_ID,
    PLAN_2022,
    PLAN_2023,
    USER_ID,
    MakeServices,
    RunningBot,
    assert_telegram_html,
    assert_well_formed,
    buttons,
    callback_data,
    html_problems,
    make_settings,
)

from ipbot import phrases
from ipbot.answers import Answer, Context, Section
from ipbot.assistant import Assistant
from ipbot.config import Settings
from ipbot.frontends.browse import LABEL_WIDTH, Browser
from ipbot.frontends.render import TELEGRAM_LIMIT, html_text, split_message
from ipbot.frontends.telegram.bot import (
    SERVICES,
    Services,
    UserRateLimiter,
    _addressed_to_bot,
    _button,
    _keyboard,
    _task_keyboard,
    build_application,
    button_data,
)
from ipbot.frontends.telegram.state import StateStore
from ipbot.requests import Request

LEAD_AGENCY = "Sở Khoa học và Công nghệ"
COMMANDS = [
    "start",
    "help",
    "kehoach",
    "nhiemvu",
    "coquan",
    "kinhphi",
    "quy",
    "timkiem",
    "gopy",
    "bieudo",
    "xuat",
    "nhacnho",
    "huynhac",
]
# PTB 22.8 warns about an int ``retry_after`` inside RetryAfter.__init__ itself (the server sends ints).
RETRY_AFTER_WARNING = "ignore:Deprecated since version v22.2:telegram.warnings.PTBDeprecationWarning"


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def facet_data(plan_id: str, number: str, facet: str) -> str:
    """The callback data of a task-card button, as the bot makes it."""
    return button_data("r:" + Browser.task_request(plan_id, number, facet).pack())


def quarter_data(plan_id: str, quarter: int) -> str:
    return button_data("r:" + Browser.quarter_request(plan_id, quarter).pack())


def _stored(services: Services, request: Request) -> str:
    """Callback data for a request that no keyboard showed (as if shown long ago)."""
    return _button("x", "r:" + request.pack(), services.store).callback_data


def error_records(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]


# ---------------------------------------------------------------- 1. start-up
def test_startup_registers_vietnamese_commands(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> None:
        async with RunningBot(api, settings, services):
            await api.wait_for("setMyCommands")

    run(scenario())
    [call] = api.calls("setMyCommands")
    commands = call.params["commands"]
    assert [c["command"] for c in commands] == COMMANDS
    assert {c["command"]: c["description"] for c in commands} == phrases.COMMANDS
    for c in commands:
        assert 1 <= len(c["description"]) <= 256
    assert not {"thongke", "taidulieu", "guinhac"} & {c["command"] for c in commands}  # admin commands stay unlisted
    assert [c.method for c in api.calls()][:1] == ["getMe"]


def test_services_survive_initialize(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> tuple[Call, bool]:
        async with RunningBot(api, settings, services) as bot:
            kept = SERVICES in bot.application.bot_data
            call = await bot.ask("Ai chủ trì nhiệm vụ 3.3?")
            return call, kept

    call, kept = run(scenario())
    assert call.params["text"] != phrases.ERROR_REPLY
    assert LEAD_AGENCY in call.params["text"]
    assert kept


def test_persistence_update_leaves_services_alone(settings: Settings, services: Services) -> None:
    async def scenario() -> None:
        app = build_application(settings, services, rate_limit=False, persistence_interval=0.2)
        assert app.bot_data[SERVICES] is services  # as after build_application(), or a post_init fix
        app.chat_data[42]["plan"] = PLAN_2023
        app.mark_data_for_update_persistence(chat_ids=42)
        await app.update_persistence()  # would raise TypeError if bot_data (the services) were copied

    run(scenario())
    assert services.store.flush()
    assert services.store.all("bot_data") == {}
    assert services.store.chat_data(42) == {"plan": PLAN_2023}
    assert services.store.get("chat_data", 42) is None  # stored under a keyed hash, never the chat id


# ---------------------------------------------------------------- 2-3. questions and the task card
@pytest.mark.parametrize("question", ["Ai chủ trì nhiệm vụ 3.3?", "ai chu tri nhiem vu 3.3"])
def test_private_question_answered_with_source_and_task_buttons(
    api: FakeBotAPI, settings: Settings, services: Services, question: str, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> Call:
        async with RunningBot(api, settings, services) as bot:
            return await bot.ask(question)

    call = run(scenario())
    text = call.params["text"]
    assert call.params["chat_id"] == str(USER_ID)
    first, *rest = text.split("\n")
    assert first.startswith("<b>") and LEAD_AGENCY in first  # the answer first, in one line
    assert "<i>" in text and "3.3" in rest[0]  # then what it is about, in italics
    assert len(text.split("\n")) <= 8
    assert call.params["parse_mode"] == "HTML"  # from Defaults, not passed by the handler
    assert call.params["link_preview_options"] == {"is_disabled": True}
    assert_telegram_html(text)
    rows = call.params["reply_markup"]["inline_keyboard"]
    facets = [b["callback_data"] for row in rows[:-1] for b in row]
    assert facets and all(d.startswith(("r:", "h:", "v:")) for d in facets)
    assert facet_data(PLAN_2023, "3.3", "budget") in facets
    assert facet_data(PLAN_2023, "3.3", "source") in facets  # the source: the document's words, a tap away
    assert [b["text"] for b in rows[-1]] == [phrases.RATE_UP, phrases.RATE_DOWN]  # 👍 / 👎 under the answer
    assert_well_formed(api)
    assert not error_records(caplog)


def test_task_card_button_edits_the_message(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> tuple[int, Call, Call, Call]:
        async with RunningBot(api, settings, services) as bot:
            await bot.ask("Ai chủ trì nhiệm vụ 3.3?")
            message_id = bot.last_message_id()
            edit = await bot.press(facet_data(PLAN_2023, "3.3", "budget"), message_id=message_id)
            [answered] = api.calls("answerCallbackQuery")
            follow_up = await bot.ask("còn ai chủ trì?")  # the button set the conversation's task
            return message_id, edit, answered, follow_up

    message_id, edit, answered, follow_up = run(scenario())
    text = edit.params["text"]
    assert "300 triệu đồng" in text
    assert "1.200 triệu đồng" in text
    assert edit.params["chat_id"] == str(USER_ID)
    assert int(edit.params["message_id"]) == message_id
    data = callback_data(edit)
    assert data and facet_data(PLAN_2023, "3.3", "budget") not in data  # the facet just shown is not offered again
    assert facet_data(PLAN_2023, "3.3", "lead") in data
    assert answered.params["callback_query_id"]
    assert "text" not in answered.params  # a silent acknowledgement
    assert LEAD_AGENCY in follow_up.params["text"]
    assert_well_formed(api)


_FACET_CASES = ["budget", "objective", "source", "lead", "time", "card"]


@pytest.mark.parametrize("facet", _FACET_CASES)
def test_task_keyboard_hides_the_facet_just_shown(assistant: Assistant, tmp_path: Path, facet: str) -> None:
    store = StateStore(tmp_path / "s.sqlite3")
    answer = assistant.run(Browser.task_request(PLAN_2023, "3.3", facet))
    keyboard = _task_keyboard(answer, store)
    assert keyboard is not None
    data = [b.callback_data for row in keyboard.inline_keyboard for b in row]
    assert facet_data(PLAN_2023, "3.3", facet) not in data
    assert len(data) == len(phrases.FACET_LABELS) - 1


def test_lead_question_does_not_offer_lead_button(assistant: Assistant, tmp_path: Path) -> None:
    answer = assistant.ask("ai chủ trì nhiệm vụ 3.3")
    keyboard = _task_keyboard(answer, StateStore(tmp_path / "s.sqlite3"))
    assert keyboard is not None
    assert facet_data(PLAN_2023, "3.3", "lead") not in [
        b.callback_data for row in keyboard.inline_keyboard for b in row
    ]


# ---------------------------------------------------------------- 4. HTML escaping
def test_user_text_is_always_escaped(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    nasty = "<b>x</b> & <script>alert(1)</script>"

    async def scenario() -> dict[str, Any]:
        async with RunningBot(api, settings, services) as bot:
            out: dict[str, Any] = {}
            out["question"] = await bot.ask(nasty)
            out["search"] = await bot.ask(f"/timkiem {nasty}")
            out["start"] = await bot.ask("/start", first_name="<Tom & Jerry>")
            out["feedback"] = await bot.ask(f"/gopy {nasty}")
            out["stats"] = await bot.ask("/thongke", user_id=ADMIN_ID)
            [out["inline"]] = await bot.send(api.inline_update(nasty), "answerInlineQuery")
            return out

    out = run(scenario())
    for name in ("question", "search", "start", "feedback", "stats"):
        text = out[name].params["text"]
        assert not html_problems(text), (name, text)
        assert "<script>" not in text and "<b>x</b>" not in text, name
    assert "&lt;Tom &amp; Jerry&gt;" in out["start"].params["text"]
    stats = out["stats"].params["text"]
    assert "&lt;script&gt;" in stats  # the unanswered question and the feedback, escaped
    [result] = out["inline"].params["results"]
    assert_telegram_html(result["input_message_content"]["message_text"])
    assert "<script>" not in result["input_message_content"]["message_text"]
    assert_well_formed(api)


def test_html_checker_rejects_what_telegram_rejects() -> None:
    assert not html_problems("<b>Nhiệm vụ 3.3</b>\nA &amp; B &lt;3 &#x27;x&#x27;\n<i>Nguồn: <b>x</b></i>")
    assert html_problems("<script>x</script>")
    assert html_problems("<b>x<i>y</b></i>")
    assert html_problems("<b>x")
    assert html_problems("a & b")
    assert html_problems("a < b")
    assert html_problems('<b class="x">y</b>')


# ---------------------------------------------------------------- 5. long answers
def test_split_message_keeps_every_chunk_within_the_limit() -> None:
    lines = [f"<b>Mục {i}</b>\n" + "\n".join(f"• dòng {i}.{j} — A &amp; B" for j in range(20)) for i in range(30)]
    paragraphs = "\n\n".join(lines)
    one_line = " ".join(["từ"] * 3400)  # ~10 000 characters on one line, split at spaces
    no_spaces = "x" * 10_000
    for text in (paragraphs, one_line, no_spaces, paragraphs[:10_000]):
        assert len(text) >= 10_000 or text is paragraphs
        chunks = split_message(text)
        assert len(chunks) >= 2
        assert all(0 < len(c) <= TELEGRAM_LIMIT for c in chunks)
        assert "".join("".join(chunks).split()) == "".join(text.split())  # nothing lost or reordered
    chunks = split_message(paragraphs)
    assert "\n\n".join(chunks) == paragraphs  # split at paragraph boundaries only
    for chunk in chunks:
        assert_telegram_html(chunk)
    assert split_message("ngắn") == ["ngắn"]
    assert split_message("x" * TELEGRAM_LIMIT) == ["x" * TELEGRAM_LIMIT]


def test_split_message_never_cuts_an_entity() -> None:
    text = html.escape("&" * 3000)  # "&amp;" × 3000, one 15 000-character line
    for chunk in split_message(text):
        assert_telegram_html(chunk)


class LongAssistant(Assistant):
    """The real core, except that questions containing 'dài' get a ~25 000-character answer about task 3.3."""

    def __init__(self, real: Assistant) -> None:
        super().__init__(real.knowledge)

    def ask(self, text: str, context: Context | None = None) -> Answer:
        if "dài" not in text:
            return super().ask(text, context)
        sections = [
            Section([f"• dòng {i}.{j} — nội dung <&> «trích»" for j in range(25)], f"Phần {i} <b>", f"Nguồn: mục {i}")
            for i in range(25)
        ]
        return Answer(sections, True, "search", [PLAN_2023], [f"{PLAN_2023}:3.3"], context=Context(plan_id=PLAN_2023))


def test_long_answer_is_split_with_keyboard_on_the_last_part(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: MakeServices
) -> None:
    long_assistant = LongAssistant(assistant)
    services = make_services(settings, long_assistant)
    full = html_text(long_assistant.ask("dài"))
    expected = split_message(full)
    assert len(full) > 3 * TELEGRAM_LIMIT and len(expected) >= 4

    async def scenario() -> list[Call]:
        async with RunningBot(api, settings, services) as bot:
            return await bot.send(api.message_update("cho một câu trả lời dài"), count=len(expected))

    calls = run(scenario())
    sent = [c.params["text"] for c in calls]
    assert sent == expected
    assert "\n\n".join(sent) == full
    assert all(len(t) <= TELEGRAM_LIMIT for t in sent)
    assert [bool(buttons(c)) for c in calls] == [False] * (len(calls) - 1) + [True]
    assert "&lt;&amp;&gt;" in sent[0]
    assert_well_formed(api)


def test_budget_command_for_every_plan_fits_telegram(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    plans = services.browser.plans()

    async def scenario() -> list[Call]:
        async with RunningBot(api, settings, services) as bot:
            calls = await bot.send(api.message_update("/kinhphi"))
            await bot.settle(0.2)
            return calls

    calls = run(scenario())
    assert len(api.calls("sendMessage")) == 1  # every plan in one message, not one message per plan
    [call] = calls
    text = call.params["text"]
    for plan in plans:
        assert f"<b>{html.escape(plan.label)}</b>: " in text  # a line each, the plan named first
    assert "3.832,6 triệu đồng" in text and "5.540 triệu đồng" in text
    assert "giảm 1.707,4 triệu so với năm 2022" in text  # 2023 against 2022, beside 2023
    assert len(text.split("\n")) <= 8
    labels = dict(buttons(call))
    assert labels[phrases.CHART_BUTTON].startswith(("q:", "h:"))  # a tap for the charts, answered below
    assert labels[phrases.DETAILS].startswith("v:")  # the sources and the table's totals, in place
    assert_well_formed(api)


# ---------------------------------------------------------------- 6. commands
def test_start_and_help(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> tuple[Call, Call, Call]:
        async with RunningBot(api, settings, services) as bot:
            start = await bot.ask("/start", first_name="Lan")
            first_example = callback_data(start)[0]
            [example] = await bot.send(api.callback_update(first_example, message_id=bot.last_message_id()))
            help_call = await bot.ask("/help")
            return start, example, help_call

    start, example, help_call = run(scenario())
    text = start.params["text"]
    assert "Xin chào Lan" in text
    data = callback_data(start)
    assert len(data) >= 3
    assert all(d.startswith(("q:", "h:")) for d in data)
    assert all(label for label, _ in buttons(start))
    # the first example asks who leads a task
    assert LEAD_AGENCY in example.params["text"]
    assert "/timkiem" in help_call.params["text"] and "/kehoach" in help_call.params["text"]
    assert all(d.startswith(("q:", "h:")) for d in callback_data(help_call))
    assert_well_formed(api)


def test_plans_command_sets_and_clears_the_default_plan(
    api: FakeBotAPI, settings: Settings, services: Services
) -> None:
    async def scenario() -> dict[str, Any]:
        async with RunningBot(api, settings, services) as bot:
            out: dict[str, Any] = {"menu": await bot.ask("/kehoach")}
            menu_id = bot.last_message_id()
            out["chosen"] = await bot.press(f"p:{PLAN_2022}", message_id=menu_id)
            out["plan"] = dict(bot.application.chat_data[USER_ID])
            out["stored"] = services.store.chat_data(USER_ID)  # on disk when the confirmation is sent
            out["quarter"] = await bot.ask("Quý II có những việc gì?")
            out["cleared"] = await bot.press("p:*", message_id=menu_id)
            out["after"] = dict(bot.application.chat_data[USER_ID])
            out["stored after"] = services.store.chat_data(USER_ID)
            return out

    out = run(scenario())
    data = callback_data(out["menu"])
    assert set(data) == {f"p:{p.id}" for p in services.browser.plans()} | {"p:*"}
    chosen = out["chosen"].params["text"]
    assert "năm 2022" in chosen and "Ninh Thuận" in chosen
    assert "reply_markup" not in out["chosen"].params
    assert out["plan"]["plan"] == PLAN_2022
    assert out["stored"]["plan"] == PLAN_2022
    assert "không chia nhiệm vụ theo quý" in out["quarter"].params["text"]
    assert out["cleared"].params["text"] == html.escape(phrases.PLAN_CLEARED)
    assert "plan" not in out["after"] and "plan" not in out["stored after"]
    assert_well_formed(api)


def test_tasks_command_browses_groups_tasks_and_cards(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> dict[str, Any]:
        async with RunningBot(api, settings, services) as bot:
            out: dict[str, Any] = {"pick": await bot.ask("/nhiemvu")}  # no default plan yet: choose one
            out["groups_via_pick"] = await bot.press(f"n:{PLAN_2023}", message_id=bot.last_message_id())
            await bot.press(f"p:{PLAN_2023}")
            out["groups"] = await bot.ask("/nhiemvu")
            menu_id = bot.last_message_id()
            out["tasks"] = await bot.press(f"g:{PLAN_2023}:3:0", message_id=menu_id)
            out["card"] = await bot.press(facet_data(PLAN_2023, "3.3", "card"), message_id=menu_id)
            return out

    out = run(scenario())
    assert out["pick"].params["text"] == html.escape(phrases.PICK_PLAN_FIRST)
    assert set(callback_data(out["pick"])) == {f"n:{p.id}" for p in services.browser.plans()}
    for key in ("groups_via_pick", "groups"):
        groups = callback_data(out[key])
        assert groups and all(d.startswith(f"g:{PLAN_2023}:") for d in groups)
        assert f"g:{PLAN_2023}:3:0" in groups
    tasks = callback_data(out["tasks"])
    assert facet_data(PLAN_2023, "3.3", "card") in tasks
    group_3 = [t.id for t in services.browser.tasks(PLAN_2023, "3")]
    assert tasks == [facet_data(PLAN_2023, number, "card") for number in group_3] + [f"n:{PLAN_2023}:0"]
    assert buttons(out["tasks"])[-1] == (phrases.BACK_TO_GROUPS, f"n:{PLAN_2023}:0")  # a way back to the groups
    card = out["card"].params["text"]
    assert "3.3" in card and LEAD_AGENCY in card
    assert_well_formed(api)


def test_menus_paginate(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    agencies = services.browser.agencies(PLAN_2022)
    assert len(agencies) > 8  # more than one page

    async def scenario() -> tuple[Call, Call, Call]:
        async with RunningBot(api, settings, services) as bot:
            await bot.press(f"p:{PLAN_2022}")
            first = await bot.ask("/coquan")
            menu_id = bot.last_message_id()
            second = await bot.press(f"o:{PLAN_2022}:1", message_id=menu_id)
            back = await bot.press(f"o:{PLAN_2022}:0", message_id=menu_id)
            return first, second, back

    first, second, back = run(scenario())
    assert [label for label, _ in buttons(first)][-1] == phrases.NEXT
    assert (phrases.NEXT, f"o:{PLAN_2022}:1") in buttons(first)
    assert (phrases.PREVIOUS, f"o:{PLAN_2022}:0") in buttons(second)
    assert len(callback_data(first, "a:")) == 8
    assert len(callback_data(second, "a:")) == len(agencies) - 8
    assert callback_data(back) == callback_data(first)
    assert_well_formed(api)


def test_agencies_command_lists_tasks_of_an_agency(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> tuple[Call, Call]:
        async with RunningBot(api, settings, services) as bot:
            await bot.press(f"p:{PLAN_2023}")
            menu = await bot.ask("/coquan")
            tasks = await bot.press(f"a:{PLAN_2023}:so-khcn", message_id=bot.last_message_id())
            return menu, tasks

    menu, tasks = run(scenario())
    agencies = callback_data(menu, "a:")
    assert f"a:{PLAN_2023}:so-khcn" in agencies
    text = tasks.params["text"]
    assert LEAD_AGENCY in text
    assert facet_data(PLAN_2023, "3.3", "card") in callback_data(tasks)
    assert_well_formed(api)


def test_quarter_command(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> tuple[Call, Call, Call, Call]:
        async with RunningBot(api, settings, services) as bot:
            await bot.press(f"p:{PLAN_2023}")
            menu = await bot.ask("/quy")
            menu_id = bot.last_message_id()
            q2 = await bot.press(quarter_data(PLAN_2023, 2), message_id=menu_id)
            none = await bot.press(_stored(services, Browser.quarter_request(PLAN_2022, 2)), message_id=menu_id)
            side_by_side = await bot.press(_stored(services, Browser.quarters_request(PLAN_2023)), message_id=menu_id)
            return menu, q2, none, side_by_side

    menu, q2, none, side_by_side = run(scenario())
    four = [quarter_data(PLAN_2023, q) for q in (1, 2, 3, 4)]
    assert callback_data(menu) == [*four, _stored(services, Browser.quarters_request(PLAN_2023))]
    assert [label for label, _ in buttons(menu)] == ["Quý I", "Quý II", "Quý III", "Quý IV", "So sánh 4 quý"]
    assert "Quý II: 8 nhiệm vụ" in side_by_side.params["text"]
    assert "Quý II" in q2.params["text"]
    assert facet_data(PLAN_2023, "5.5", "card") in callback_data(q2)  # the tasks are the buttons
    assert "không chia nhiệm vụ theo quý" in none.params["text"]
    assert_well_formed(api)


def test_search_and_feedback_commands(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> dict[str, Call]:
        async with RunningBot(api, settings, services) as bot:
            return {
                "search": await bot.ask("/timkiem OCOP"),
                "search_usage": await bot.ask("/timkiem"),
                "feedback": await bot.ask("/gopy Bot nên có thêm kế hoạch năm 2024"),
                "feedback_usage": await bot.ask("/gopy"),
            }

    out = run(scenario())
    labels = [label for label, data in buttons(out["search"]) if data.startswith(("r:", "h:"))]
    assert len(labels) == 8 and phrases.NEXT in dict(buttons(out["search"]))  # a button per task found, paged
    assert {label.split(" · ")[0] for label in labels} == {"NT 2022", "NT 2023"}  # lists mixing plans name them short
    assert "nhiệm vụ" in out["search"].params["text"]
    assert out["search_usage"].params["text"] == html.escape(phrases.SEARCH_USAGE)
    assert out["feedback"].params["text"] == html.escape(phrases.FEEDBACK_THANKS)
    assert out["feedback_usage"].params["text"] == html.escape(phrases.FEEDBACK_USAGE)
    stored = services.store.feedback()
    assert [text for _, text in stored] == ["Bot nên có thêm kế hoạch năm 2024"]
    assert_well_formed(api)


def test_expired_and_unknown_buttons(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    request = Browser.task_request(PLAN_2023, "3.3", "budget")
    services.store.put("button", "0123456789ab", "r:" + request.pack())  # as _button() stores long data

    async def scenario() -> dict[str, Any]:
        async with RunningBot(api, settings, services) as bot:
            out: dict[str, Any] = {}
            before = len(api.calls("answerCallbackQuery"))
            api.push_update(api.callback_update("zzz:1"))
            [out["unknown"]] = (await api.wait_for("answerCallbackQuery", count=before + 1))[before:]
            api.push_update(api.callback_update("h:000000000000"))
            [out["lost_hash"]] = (await api.wait_for("answerCallbackQuery", count=before + 2))[before + 1 :]
            out["no_task"] = await bot.press(_stored(services, Browser.task_request("no-such-plan", "9.9", "budget")))
            out["bad_quarter"] = await bot.press("r:{not a request")
            out["no_group"] = await bot.press("g:no-such-plan:1:0")
            out["lost_question"] = await bot.press("q:000000000000")
            out["hashed"] = await bot.press("h:0123456789ab")
            await bot.settle(0.2)
            return out

    out = run(scenario())
    for key in ("unknown", "lost_hash"):
        assert out[key].params.get("text") == phrases.BUTTON_EXPIRED
    for key in ("no_task", "bad_quarter", "no_group", "lost_question"):
        assert out[key].params["text"] == html.escape(phrases.BUTTON_EXPIRED), key
    assert "300 triệu đồng" in out["hashed"].params["text"]  # h:<key> resolves to the stored request
    assert not api.calls("sendMessage")
    assert_well_formed(api)


def test_long_button_data_is_stored_under_a_hash(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "s.sqlite3")
    long_data = f"a:{PLAN_2023}:" + "co-quan-rat-dai-" * 4 + "so-khcn"
    assert len(long_data.encode()) > 64
    button = _button("Cơ quan", long_data, store)
    assert button.callback_data == "h:" + hashlib.sha1(long_data.encode()).hexdigest()[:12]
    assert store.get("button", button.callback_data[2:]) == long_data
    short = _button("Cơ quan", f"a:{PLAN_2023}:so-khcn", store)
    assert short.callback_data == f"a:{PLAN_2023}:so-khcn"
    assert len(_button("x" * 100, "p:*", store).text) == 60


# ---------------------------------------------------------------- 7. admin commands
def test_admin_commands(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> dict[str, Call]:
        async with RunningBot(api, settings, services) as bot:
            out = {}
            out["refused_stats"] = await bot.ask("/thongke")
            out["refused_reload"] = await bot.ask("/taidulieu")
            await bot.ask("Ai chủ trì nhiệm vụ 3.3?")
            await bot.ask("thời tiết hôm nay thế nào")
            out["stats"] = await bot.ask("/thongke", user_id=ADMIN_ID)
            out["reload"] = await bot.ask("/taidulieu", user_id=ADMIN_ID)
            out["after_reload"] = await bot.ask("Ai chủ trì nhiệm vụ 3.3?")
            return out

    assistant_before = services.assistant
    out = run(scenario())
    for key in ("refused_stats", "refused_reload"):
        assert out[key].params["text"] == html.escape(phrases.ADMIN_ONLY)
        assert out[key].params["chat_id"] == str(USER_ID)
    stats = out["stats"].params["text"]
    assert html.escape(phrases.STATS_TITLE) in stats
    assert "2 câu hỏi" in stats and "1 người hỏi" in stats and "50%" in stats
    assert "thời tiết hôm nay thế nào" in stats  # the top unanswered question
    assert out["stats"].params["chat_id"] == str(ADMIN_ID)
    reload_text = out["reload"].params["text"]
    assert reload_text.startswith(phrases.RELOADED.split("{")[0])
    assert f"{len(services.browser.plans())} kế hoạch" in reload_text
    assert services.assistant is not assistant_before  # a fresh core was swapped in
    assert LEAD_AGENCY in out["after_reload"].params["text"]
    assert_well_formed(api)


def test_reload_with_broken_data_keeps_the_old_core(
    api: FakeBotAPI, tmp_path: Path, plan_db: Path, data_copy: Path, assistant: Assistant, make_services: MakeServices
) -> None:
    settings = make_settings(api, tmp_path / "state.sqlite3", plan_db, IPBOT_DATA_DIR=data_copy)
    services = make_services(settings, assistant)
    (data_copy / "plans" / f"{PLAN_2023}.yaml").write_text("id: [unclosed\n", encoding="utf-8")

    async def scenario() -> tuple[Call, Call, Call]:
        async with RunningBot(api, settings, services) as bot:
            failed = await bot.ask("/taidulieu", user_id=ADMIN_ID)
            still = await bot.ask("Ai chủ trì nhiệm vụ 3.3?")
            stats = await bot.ask("/thongke", user_id=ADMIN_ID)
            return failed, still, stats

    failed, still, stats = run(scenario())
    assert failed.params["text"].startswith(html.escape(phrases.RELOAD_FAILED.split("(")[0]))
    assert services.assistant is assistant
    assert LEAD_AGENCY in still.params["text"]
    # /thongke says it too, until data that loads is there
    assert stats.params["text"].startswith("⚠️ " + html.escape(phrases.DATA_PROBLEM.split("{")[0]))
    assert f"{PLAN_2023}.yaml" in stats.params["text"]
    assert_well_formed(api)


# ---------------------------------------------------------------- 8. groups
def test_group_chats_answer_only_when_addressed(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    question = "ai chủ trì nhiệm vụ 3.3"
    group = {"chat_type": "supergroup"}

    async def scenario() -> dict[str, Any]:
        async with RunningBot(api, settings, services) as bot:
            out: dict[str, Any] = {}
            api.push_update(api.message_update(question, **group))
            api.push_update(
                api.message_update(
                    f"@someone_else {question}", entities=[{"type": "mention", "offset": 0, "length": 13}], **group
                )
            )
            api.push_update(api.message_update("/start@another_bot", **group))
            await bot.settle(0.4)
            out["silent"] = len(api.calls("sendMessage"))

            text = f"@{BOT_USERNAME} {question}"
            mention = api.message_update(
                text, entities=[{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}], **group
            )
            [out["mention"]] = await bot.send(mention)
            out["mention_id"] = mention["message"]["message_id"]
            bot_message = bot.last_message_id(GROUP_ID)
            [out["reply"]] = await bot.send(api.message_update("còn kinh phí thì sao?", reply_to=bot_message, **group))
            middle = f"Cho hỏi @{BOT_USERNAME.upper()} {question}"
            [out["middle"]] = await bot.send(
                api.message_update(
                    middle,
                    entities=[{"type": "mention", "offset": middle.index("@"), "length": len(BOT_USERNAME) + 1}],
                    **group,
                )
            )
            [out["start"]] = await bot.send(api.message_update(f"/start@{BOT_USERNAME}", **group))
            await bot.settle(0.3)
            out["total"] = len(api.calls("sendMessage"))
            return out

    out = run(scenario())
    assert out["silent"] == 0
    mention = out["mention"]
    assert mention.params["chat_id"] == str(GROUP_ID)
    assert LEAD_AGENCY in mention.params["text"]
    assert mention.params.get("reply_parameters", {}).get("message_id") == out["mention_id"]  # threaded reply
    assert "300 triệu đồng" in out["reply"].params["text"]  # follow-up context is the group's
    assert LEAD_AGENCY in out["middle"].params["text"]
    assert "Xin chào" in out["start"].params["text"]
    assert out["total"] == 4
    assert_well_formed(api)


def _group_message(text: str, entities: list[MessageEntity] | None = None, reply_to: Message | None = None) -> Message:
    chat = Chat(GROUP_ID, Chat.SUPERGROUP, title="Nhóm")
    return Message(
        7,
        dt.datetime.now(dt.UTC),
        chat,
        from_user=User(USER_ID, "Lan", False),
        text=text,
        entities=entities,
        reply_to_message=reply_to,
    )


def _mention(text: str, who: str = f"@{BOT_USERNAME}") -> MessageEntity:
    start = text.index(who)
    return MessageEntity(
        MessageEntity.MENTION, len(text[:start].encode("utf-16-le")) // 2, len(who.encode("utf-16-le")) // 2
    )


def test_addressed_to_bot() -> None:
    bot_user = User(4242, "ipbot", True, username=BOT_USERNAME)
    q = "ai chủ trì nhiệm vụ 3.3"

    def addressed(message: Message) -> str | None:
        return _addressed_to_bot(message, BOT_USERNAME, 4242)

    text = f"@{BOT_USERNAME} {q}"
    assert addressed(_group_message(text, [_mention(text)])) == q
    text = f"Cho hỏi @{BOT_USERNAME}, {q}?"
    assert " ".join(addressed(_group_message(text, [_mention(text)])).split()) == f"Cho hỏi , {q}?"
    text = f"@{BOT_USERNAME.upper()} {q}"
    assert addressed(_group_message(text, [_mention(text, f"@{BOT_USERNAME.upper()}")])) == q
    text = f"@other_bot {q}"
    assert addressed(_group_message(text, [_mention(text, "@other_bot")])) is None
    assert addressed(_group_message(q)) is None
    assert addressed(_group_message(f"@{BOT_USERNAME} {q}")) is None  # no entity: Telegram did not mark it
    from_bot = _group_message("...")
    from_bot = Message(3, from_bot.date, from_bot.chat, from_user=bot_user, text="câu trả lời")
    assert addressed(_group_message(f"  {q}  ", reply_to=from_bot)) == q
    from_human = Message(4, from_bot.date, from_bot.chat, from_user=User(5, "Minh", False), text="x")
    assert addressed(_group_message(q, reply_to=from_human)) is None


def test_addressed_to_bot_with_emoji_before_the_mention() -> None:
    text = f"😀 @{BOT_USERNAME} ai chủ trì nhiệm vụ 3.3"
    question = _addressed_to_bot(_group_message(text, [_mention(text)]), BOT_USERNAME, 4242)
    assert question == "😀 ai chủ trì nhiệm vụ 3.3"


# ---------------------------------------------------------------- 9. inline mode
def test_inline_queries(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> tuple[Call, Call]:
        async with RunningBot(api, settings, services) as bot:
            [answer] = await bot.send(api.inline_update("ai chu tri nha dam"), "answerInlineQuery")
            [empty] = await bot.send(api.inline_update("   "), "answerInlineQuery")
            return answer, empty

    answer, empty = run(scenario())
    results = answer.params["results"]
    assert results
    content = results[0]["input_message_content"]
    assert LEAD_AGENCY in content["message_text"]
    assert content.get("parse_mode") == "HTML"  # Defaults reach inline results too
    assert_telegram_html(content["message_text"])
    assert len(content["message_text"]) <= TELEGRAM_LIMIT
    for result in results:
        assert result["type"] == "article"
        assert 0 < len(result["id"].encode()) <= 64
        assert 0 < len(result["title"]) <= 100
    assert answer.params["inline_query_id"]
    help_result, *examples = empty.params["results"]
    assert help_result["id"] == "help"
    assert help_result["title"] == phrases.INLINE_HELP_TITLE
    assert BOT_USERNAME in help_result["description"]
    sent = help_result["input_message_content"]["message_text"]
    assert sent == html.escape(phrases.INLINE_HELP_MESSAGE.format(bot=BOT_USERNAME))
    assert sent.rstrip().endswith(".") and not sent.rstrip().endswith(":")  # a whole sentence, nothing dangling
    assert examples and all(r["title"].startswith("Ví dụ:") for r in examples)  # example answers, ready to send
    for result in examples:
        assert_telegram_html(result["input_message_content"]["message_text"])
    assert not api.calls("sendMessage")


# ---------------------------------------------------------------- 10. persistence across restarts
def test_default_plan_and_context_survive_a_restart(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: MakeServices
) -> None:
    first = make_services(settings, assistant)
    other_user = 2002

    async def before() -> int:
        async with RunningBot(api, settings, first) as bot:
            await bot.ask("/kehoach")
            await bot.press(f"p:{PLAN_2022}", message_id=bot.last_message_id())
            await bot.ask("/kehoach")  # a second menu, left untouched
            menu_id = bot.last_message_id()
            await bot.ask("ai chủ trì nhiệm vụ 3.4 năm 2023", user_id=other_user)
            return menu_id

    menu_id = run(before())
    first.store.close()

    second = make_services(settings, assistant)  # a NEW StateStore on the same file
    assert second.store is not first.store

    async def after() -> tuple[dict[str, Any], Call, Call, Call]:
        async with RunningBot(api, settings, second) as bot:
            assert USER_ID not in bot.application.chat_data  # keyed by a hash on disk: read at the chat's next update
            quarter = await bot.ask("Quý II có những việc gì?")
            chat_data = dict(bot.application.chat_data[USER_ID])
            follow_up = await bot.ask("còn kinh phí thì sao?", user_id=other_user)
            # the old /kehoach message's buttons still work after the restart (self-describing data)
            again = await bot.press(f"p:{PLAN_2023}", message_id=menu_id)
            return chat_data, quarter, follow_up, again

    chat_data, quarter, follow_up, again = run(after())
    assert chat_data["plan"] == PLAN_2022
    text = quarter.params["text"]
    assert "không chia nhiệm vụ theo quý" in text and "2022" in text
    assert "150 triệu đồng" in follow_up.params["text"]
    assert "3.4" in follow_up.params["text"]
    assert "2023" in again.params["text"]
    assert_well_formed(api)


# ---------------------------------------------------------------- 11. robustness
@pytest.mark.filterwarnings(RETRY_AFTER_WARNING)
def test_flood_control_and_bad_gateway_are_retried(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> tuple[list[Call], float, list[Call]]:
        async with RunningBot(api, settings, services) as bot:
            api.fail_next("sendMessage", error_code=429, retry_after=1)
            started = time.monotonic()
            flood = await bot.send(api.message_update("Ai chủ trì nhiệm vụ 3.3?"), count=2)
            waited = time.monotonic() - started
            api.fail_next("sendMessage", error_code=502)
            gateway = await bot.send(api.message_update("ai chu tri nhiem vu 3.3"), count=2)
            await bot.settle(0.2)
            return flood, waited, gateway

    flood, waited, gateway = run(scenario())
    for attempts in (flood, gateway):
        assert len(attempts) == 2
        assert attempts[0].params["text"] == attempts[1].params["text"]  # the same answer, sent again
        assert LEAD_AGENCY in attempts[1].params["text"]
    assert waited >= 0.9  # retry_after was honoured
    assert len(api.calls("sendMessage")) == 4
    assert_well_formed(api)


def test_bad_request_is_not_retried(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> None:
        async with RunningBot(api, settings, services) as bot:
            api.fail_next("sendMessage", error_code=400, description="Bad Request: can't parse entities")
            api.push_update(api.message_update("Ai chủ trì nhiệm vụ 3.3?"))
            await api.wait_for("sendMessage")
            await bot.settle(0.5)

    run(scenario())
    attempts = [c for c in api.calls("sendMessage") if LEAD_AGENCY in c.params["text"]]
    assert len(attempts) == 1


@pytest.mark.filterwarnings(RETRY_AFTER_WARNING)
def test_with_the_aio_rate_limiter(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> tuple[Call, list[Call], Call]:
        async with RunningBot(api, settings, services, rate_limit=True) as bot:
            start = await bot.ask("/start")
            api.fail_next("sendMessage", error_code=429, retry_after=1)
            flood = await bot.send(api.message_update("Ai chủ trì nhiệm vụ 3.3?"), count=2)
            group = await bot.ask(f"/start@{BOT_USERNAME}", chat_type="group")
            return start, flood, group

    start, flood, group = run(scenario())
    assert "Xin chào" in start.params["text"]
    assert LEAD_AGENCY in flood[-1].params["text"]
    assert group.params["chat_id"] == str(GROUP_ID)
    assert_well_formed(api)


def test_per_user_rate_limit(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: MakeServices
) -> None:
    services = make_services(settings, assistant, limit=3)

    async def scenario() -> tuple[list[Call], Call]:
        async with RunningBot(api, settings, services) as bot:
            for _ in range(6):
                api.push_update(api.message_update("Ai chủ trì nhiệm vụ 3.3?"))
            calls = await api.wait_for("sendMessage", count=4)
            await bot.settle(0.4)
            calls = api.calls("sendMessage")
            other = await bot.ask("Ai chủ trì nhiệm vụ 3.3?", user_id=2002)
            return calls, other

    calls, other = run(scenario())
    assert len(calls) == 4
    assert [c.params["text"] for c in calls].count(phrases.SLOW_DOWN) == 1
    assert sum(LEAD_AGENCY in c.params["text"] for c in calls) == 3
    assert calls[3].params["text"] == phrases.SLOW_DOWN
    assert LEAD_AGENCY in other.params["text"]  # another user is not limited
    assert_well_formed(api)


def test_suggested_question_buttons_count_against_the_rate_limit(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: MakeServices
) -> None:
    services = make_services(settings, assistant, limit=3)

    async def scenario() -> tuple[list[str], Call]:
        async with RunningBot(api, settings, services) as bot:
            start = await bot.ask("/start")  # a command spends the budget too
            example = callback_data(start)[0]
            for _ in range(2):
                await bot.send(api.callback_update(example, message_id=bot.last_message_id()))
            [toast] = await bot.send(
                api.callback_update(example, message_id=bot.last_message_id()), "answerCallbackQuery"
            )
            await bot.settle(0.2)
            return [c.params["text"] for c in api.calls("sendMessage")[1:]], toast

    replies, toast = run(scenario())
    assert len(replies) == 2 and all(LEAD_AGENCY in r for r in replies)  # the third press sent nothing
    assert toast.params["text"].startswith("Bạn bấm hơi nhanh")  # but the button stopped spinning
    assert_well_formed(api)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("😀🎉👍", id="emoji-only"),
        pytest.param("nhiệm vụ " * 560, id="5000-chars"),
        pytest.param("\x07\x1b[31m ai chủ trì nhiệm vụ 3.3 \u200b\u202e\ufeff", id="control-chars"),
        pytest.param("&lt; &amp; </b> <i>", id="html-like"),
    ],
)
def test_odd_inputs_get_a_reply(
    api: FakeBotAPI, settings: Settings, services: Services, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> Call:
        async with RunningBot(api, settings, services) as bot:
            call = await bot.ask(text)
            await bot.settle(0.2)
            return call

    call = run(scenario())
    assert call.params["text"]
    assert call.params["text"] != phrases.ERROR_REPLY
    assert len(api.calls("sendMessage")) == 1
    assert not error_records(caplog)
    assert_well_formed(api)


# ---------------------------------------------------------------- 12. privacy of the question log
def test_question_log_keeps_hashed_user_ids_only(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    user_id = 987_654_321
    answered_q = "Ai chủ trì nhiệm vụ 3.3?"
    unanswered_q = "thời tiết hôm nay thế nào"

    async def scenario() -> None:
        async with RunningBot(api, settings, services) as bot:
            await bot.ask(answered_q, user_id=user_id)
            await bot.ask(unanswered_q, user_id=user_id)
            await bot.send(api.inline_update("ai chu tri nha dam", user_id=user_id), "answerInlineQuery")
            await bot.ask("Ai chủ trì nhiệm vụ 3.4?", user_id=user_id)
            await bot.ask("/gopy rất hữu ích", user_id=user_id)

    run(scenario())
    with sqlite3.connect(settings.state_path) as conn:
        rows = conn.execute("select ts, day, user_hash, answered, intent, question from questions").fetchall()
        feedback = conn.execute("select user_hash, chat_type, text from feedback").fetchall()
        stored = conn.execute("select kind, key, value from kv").fetchall()
    assert len(rows) == 3  # the inline query is not logged: Telegram sends one per keystroke
    assert not [r for r in stored if r[0] == "user_data"]  # no per-user records at all
    for row in [*rows, *feedback, *[r for r in stored if r[0] != "chat_data"]]:
        assert all(str(user_id) not in str(value) for value in row), row
    expected_hash = services.store.user_hash(user_id)
    assert {r[2] for r in rows} == {expected_hash} == {f[0] for f in feedback}
    assert len(expected_hash) == 16 and expected_hash != str(user_id)
    assert sorted((r[3], r[5]) for r in rows) == [(0, unanswered_q), (1, None), (1, None)]
    [day] = services.store.daily_stats()
    assert (day.questions, day.answered, day.users) == (3, 2, 1)


# ---------------------------------------------------------------- 13. handler-level
def test_user_rate_limiter_with_explicit_times() -> None:
    limiter = UserRateLimiter(3, window=60.0)
    t = 1000.0
    assert [limiter.check(1, t + i) for i in range(3)] == ["ok", "ok", "ok"]
    assert limiter.check(1, t + 3) == "warn"  # told once
    assert limiter.check(1, t + 4) == "drop"  # then silently ignored
    assert limiter.check(1, t + 59) == "drop"
    assert limiter.check(2, t + 4) == "ok"  # per user
    assert limiter.check(1, t + 60.5) == "ok"  # the first question left the window
    assert limiter.check(1, t + 60.6) == "drop"  # still within a minute of the warning
    assert limiter.check(1, t + 63.5) == "ok"  # two more left the window (refusals never count)
    assert limiter.check(1, t + 63.6) == "ok"
    assert limiter.check(1, t + 63.7) == "warn"  # a new window: warned again
    fresh = UserRateLimiter(1, window=10.0)
    assert [fresh.check(5, 1.0 + i) for i in range(4)] == ["ok", "warn", "drop", "drop"]
    assert fresh.check(5, 11.5) == "ok"


def test_services_reload_swaps_the_core(settings: Settings, assistant: Assistant, make_services: MakeServices) -> None:
    services = make_services(settings, assistant)
    plans, tasks = services.reload()
    assert plans >= 3 and tasks > plans
    assert services.assistant is not assistant
    assert services.browser.knowledge is services.assistant.knowledge
    assert LEAD_AGENCY in html_text(services.assistant.ask("ai chủ trì nhiệm vụ 3.3"))


def test_build_application_wires_every_command(settings: Settings, services: Services) -> None:
    app = build_application(settings, services, rate_limit=False, persistence_interval=0.2)
    commands = {c for handlers in app.handlers.values() for h in handlers for c in getattr(h, "commands", ())}
    assert commands == set(COMMANDS) | {"thongke", "taidulieu", "guinhac"}
    assert app.bot_data[SERVICES] is services
    assert app.persistence is not None and app.persistence.update_interval == 0.2
    assert app.bot.rate_limiter is None
    assert build_application(settings, services).bot.rate_limiter is not None


def test_several_tasks_offer_a_choice_of_cards(assistant: Assistant, tmp_path: Path) -> None:
    answer = assistant.ask("ai chủ trì nhiệm vụ hỗ trợ đăng ký bảo hộ cho sản phẩm OCOP")
    assert len(answer.task_ids) > 1, answer.task_ids
    keyboard = _keyboard(answer, StateStore(tmp_path / "s.sqlite3"))
    assert keyboard is not None
    data = [b.callback_data for row in keyboard.inline_keyboard for b in row]
    assert data == [facet_data(*t.split(":", 1), "card") for t in answer.task_ids[:6]]
    assert all(len(d.encode()) <= CALLBACK_LIMIT for d in data)


# ---------------------------------------------------------------- 14. charts, exports, reminders
def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_chart_command_sends_one_album(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> list[Call]:
        async with RunningBot(api, settings, services) as bot:
            await bot.press(f"p:{PLAN_2023}")
            albums = await bot.send(api.message_update("/bieudo"), "sendMediaGroup", timeout=30)
            await bot.settle(0.2)
            return albums

    [album] = run(scenario())
    photos = FakeBotAPI.album(album)
    assert len(photos) == 2  # by group and by source, in one message
    assert not api.calls("sendPhoto")
    for upload, _ in photos:
        assert _png_size(upload.data) == (1080, 1350)  # a phone's 4:5
    captions = [caption for _, caption in photos]
    assert captions[0] and not any(captions[1:])  # one caption, under the album
    assert "Theo nhóm nhiệm vụ" in captions[0] and "Theo nguồn" in captions[0]
    assert "3.517,6" in captions[0] and "3.832,6" in captions[0]  # the two sums, and why they differ
    [text] = [c.params["text"] for c in api.calls("sendMessage") if "Biểu đồ" in c.params["text"]]
    assert len(text.split("\n")) <= 8
    assert_well_formed(api)


def test_chart_asked_in_words_sends_an_album(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> list[Call]:
        async with RunningBot(api, settings, services) as bot:
            return await bot.send(api.message_update("biểu đồ kinh phí năm 2023"), "sendMediaGroup", timeout=30)

    [album] = run(scenario())
    assert len(FakeBotAPI.album(album)) == 2


def test_export_command_sends_the_workbook_and_csv_on_request(
    api: FakeBotAPI, settings: Settings, services: Services
) -> None:
    async def scenario() -> tuple[list[Call], list[Call]]:
        async with RunningBot(api, settings, services) as bot:
            await bot.send(api.message_update("/xuat"))  # no plan chosen: a choice of plans
            workbook = await bot.send(api.callback_update(f"x:{PLAN_2023}"), "sendDocument", timeout=30)
            [csv_button] = [d for label, d in buttons(workbook[0]) if label == phrases.CSV_BUTTON]
            csv = await bot.send(api.callback_update(csv_button), "sendDocument", timeout=30)
            await bot.settle(0.2)
            return workbook, csv

    workbook, csv = run(scenario())
    assert [c.params["document"].filename for c in workbook] == [f"{PLAN_2023}.xlsx"]  # no CSV unasked
    assert workbook[0].params["document"].data[:2] == b"PK"  # a zip container, as every .xlsx
    assert [c.params["document"].filename for c in csv] == [f"{PLAN_2023}.csv"]
    assert len(api.calls("sendDocument")) == 2


def test_reminders_fire_for_subscribed_chats_only_and_survive_restart(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: MakeServices
) -> None:
    from ipbot.frontends.telegram.media import send_reminders

    subscribed, other = 5001, 5002

    async def scenario() -> list[Call]:
        first = make_services(settings, assistant)
        async with RunningBot(api, settings, first) as bot:
            await bot.send(api.message_update("/nhacnho", chat_id=subscribed, user_id=subscribed))
            await bot.send(api.message_update("/nhacnho", chat_id=other, user_id=other))
            await bot.send(api.message_update("/huynhac", chat_id=other, user_id=other))
        # a restart: new services, new state store on the same file; the day before Thái Bình's 15/10 deadline
        second = make_services(settings, assistant)
        second.today = lambda: dt.date(2026, 10, 14)
        async with RunningBot(api, settings, second) as bot:
            api.clear()
            bot.application.job_queue.run_once(send_reminders, 0)
            await api.wait_for("sendMessage")
            await bot.settle(0.3)
            return api.calls("sendMessage")

    sent = run(scenario())
    assert [c.params["chat_id"] for c in sent] == [str(subscribed)]
    assert "15/10/2026" in sent[0].params["text"] and "Sở Khoa học và Công nghệ" in sent[0].params["text"]


def test_no_reminder_on_an_ordinary_day(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: MakeServices
) -> None:
    from ipbot.frontends.telegram.media import send_reminders

    async def scenario() -> int:
        services = make_services(settings, assistant)
        services.today = lambda: dt.date(2026, 11, 3)
        async with RunningBot(api, settings, services) as bot:
            await bot.send(api.message_update("/nhacnho"))
            api.clear()
            bot.application.job_queue.run_once(send_reminders, 0)
            await bot.settle(0.5)
            return len(api.calls("sendMessage"))

    assert run(scenario()) == 0


# ---------------------------------------------------------------- on a phone: taps, labels, no dead ends
def test_rating_an_answer_is_one_tap_without_a_new_message(
    api: FakeBotAPI, settings: Settings, services: Services
) -> None:
    async def scenario() -> tuple[Call, Call, Call, Call]:
        async with RunningBot(api, settings, services) as bot:
            answer = await bot.ask("Ai chủ trì nhiệm vụ 3.3?")
            answer_id = bot.last_message_id()
            down = next(d for label, d in buttons(answer) if label == phrases.RATE_DOWN)
            sent_before = len(api.calls("sendMessage"))
            edit = await bot.press(down, method="editMessageReplyMarkup", message_id=answer_id)
            [toast] = api.calls("answerCallbackQuery")[-1:]
            assert len(api.calls("sendMessage")) == sent_before  # no new message in the chat
            stats = await bot.ask("/thongke", user_id=ADMIN_ID, chat_id=ADMIN_ID)
            return answer, edit, toast, stats

    answer, edit, toast, stats = run(scenario())
    assert toast.params["text"] == phrases.RATED_DOWN
    kept = [b["callback_data"] for row in edit.params["reply_markup"]["inline_keyboard"] for b in row]
    assert kept and not any(d.startswith("f:") for d in kept)  # 👍 / 👎 gone, the facet buttons stay
    assert services.store.rating_totals() == (0, 1)
    assert phrases.STATS_RATINGS.format(up=0, down=1) in html.unescape(stats.params["text"])
    first_line = html.unescape(answer.params["text"]).split("\n", 1)[0]
    assert first_line.replace("<b>", "").replace("</b>", "") in html.unescape(stats.params["text"])
    assert_well_formed(api)


def test_unknown_command_gets_a_reply_in_private_and_when_addressed(
    api: FakeBotAPI, settings: Settings, services: Services
) -> None:
    group = -100123

    async def scenario() -> tuple[Call, Call, int]:
        async with RunningBot(api, settings, services) as bot:
            private = await bot.ask("/lichhop")
            before = len(api.calls("sendMessage"))
            api.push_update(api.message_update("/lichhop@other_bot", chat_id=group, chat_type="group"))
            await bot.settle(0.3)
            silent = len(api.calls("sendMessage")) - before
            addressed = await bot.ask(f"/lichhop@{BOT_USERNAME}", chat_id=group, chat_type="group")
            return private, addressed, silent

    private, addressed, silent = run(scenario())
    expected = html.escape(phrases.UNKNOWN_COMMAND.format(command="lichhop"))
    assert private.params["text"] == expected
    assert addressed.params["text"] == expected
    assert silent == 0  # another bot's command in a group is not ours to answer
    assert "/help" in expected and "/gopy" in expected


def test_descriptions_and_help_list_every_command(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> Call:
        async with RunningBot(api, settings, services) as bot:
            await api.wait_for("setMyShortDescription")
            return await bot.ask("/help")

    help_call = run(scenario())
    [description] = api.calls("setMyDescription")
    [short] = api.calls("setMyShortDescription")
    assert description.params["description"] == phrases.DESCRIPTION and len(phrases.DESCRIPTION) <= 512
    assert short.params["short_description"] == phrases.SHORT_DESCRIPTION and len(phrases.SHORT_DESCRIPTION) <= 120
    for command in phrases.COMMANDS:
        assert f"/{command}" in help_call.params["text"], command


def test_menu_labels_are_short_and_distinct(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> tuple[Call, dict[str, Call]]:
        async with RunningBot(api, settings, services) as bot:
            plans = await bot.ask("/kehoach")
            groups = {}
            for plan in services.browser.plans():
                groups[plan.id] = await bot.press(f"n:{plan.id}", message_id=bot.last_message_id())
            return plans, groups

    plans, groups = run(scenario())
    plan_labels = [label for label, _ in buttons(plans)]
    assert "Ninh Thuận 2023" in plan_labels and "Thái Bình 2021–2025" in plan_labels
    assert len(set(plan_labels)) == len(plan_labels)
    for plan_id, call in groups.items():
        labels = [label for label, data in buttons(call) if data.startswith("g:")]
        assert labels and len(set(labels)) == len(labels), plan_id
        assert all(len(label) <= LABEL_WIDTH for label in labels), labels
        assert all(not label.startswith(("Nhóm", "1. Nhóm")) for label in labels)
    assert any(label.startswith("3 · Khai thác TSTT") for label, _ in buttons(groups[PLAN_2023]))


def test_quarter_menu_says_up_front_when_a_plan_has_no_quarters(
    api: FakeBotAPI, settings: Settings, services: Services
) -> None:
    async def scenario() -> Call:
        async with RunningBot(api, settings, services) as bot:
            await bot.press(f"p:{PLAN_2022}")
            return await bot.ask("/quy")

    menu = run(scenario())
    assert "không chia nhiệm vụ theo quý" in menu.params["text"]
    assert callback_data(menu) == [f"n:{PLAN_2022}:0"]  # a way on, not Quý I–IV that lead nowhere


def test_every_listed_task_has_a_button_paged_in_place(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    question = "Thái Bình có những nhiệm vụ nào?"
    listed = services.assistant.ask(question).listed
    assert len(listed) > 8

    async def scenario() -> list[list[str]]:
        async with RunningBot(api, settings, services) as bot:
            call = await bot.ask(question)
            message_id = bot.last_message_id()
            pages = [callback_data(call)]
            while (more := [d for label, d in buttons(call) if label == phrases.NEXT]) and len(pages) < 10:
                call = await bot.press(more[0], method="editMessageReplyMarkup", message_id=message_id)
                pages.append(callback_data(call))
            return pages

    pages = run(scenario())
    opened = [d for page in pages for d in page if d.startswith(("r:", "h:"))]
    assert len(pages) == -(-len(listed) // 8)
    assert len(opened) == len(listed)  # every task, each once
    assert all(any(d.startswith("f:") for d in page) for page in pages)  # 👍 / 👎 stay while paging
    assert_well_formed(api)


def test_no_reminders_promised_when_no_date_is_left(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: MakeServices
) -> None:
    services = make_services(settings, assistant)
    services.today = lambda: dt.date(2099, 1, 1)

    async def scenario() -> Call:
        async with RunningBot(api, settings, services) as bot:
            return await bot.ask("/nhacnho")

    call = run(scenario())
    assert "chưa bật nhắc việc" in call.params["text"]
    assert services.store.subscriptions() == []


class _SlowCore:
    """The session's core, where one question takes ``seconds`` to answer (as a long list can at
    300 plans); everything else is the real core's."""

    def __init__(self, assistant: Assistant, slow: str, seconds: float) -> None:
        self.assistant, self.slow, self.seconds = assistant, slow, seconds

    def __getattr__(self, name: str) -> Any:
        return getattr(self.assistant, name)

    def ask(self, message: str, context: Context | None = None) -> Answer:
        if message == self.slow:
            time.sleep(self.seconds)  # CPU-bound work would hold the event loop just the same
        return self.assistant.ask(message, context)


def test_a_slow_answer_holds_up_no_other_chat(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: MakeServices
) -> None:
    """The core answers off the event loop: while one chat's answer is being worked out, another chat's
    command that needs no answer from the core (the export menu) is served at once, and the slow
    answer still comes, whole. Before, the answer ran on the event loop and every chat waited for it."""
    slow = "Ai chủ trì nhiệm vụ 3.3 năm 2023?"
    services = make_services(settings, _SlowCore(assistant, slow, seconds=1.5))
    other = 2002

    async def scenario() -> list[Call]:
        async with RunningBot(api, settings, services):
            api.push_update(api.message_update(slow))
            await asyncio.sleep(0.3)  # the slow answer is being worked out
            api.push_update(api.message_update("/xuat", user_id=other, chat_id=other))
            return await api.wait_for("sendMessage", count=2, timeout=20)

    first, second = run(scenario())
    assert str(first.params["chat_id"]) == str(other) and phrases.PICK_EXPORT in first.params["text"]
    assert str(second.params["chat_id"]) == str(USER_ID) and LEAD_AGENCY in second.params["text"]
