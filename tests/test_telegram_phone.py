"""Telegram on a phone (issue 10), through the stand-in Bot API server: the answer first and short,
the rest behind buttons that edit in place, each figure once, the year before a tap away, one
result per plan inline, and "sai rồi" understood as a complaint.

Facts asserted on are stable plan facts (Ninh Thuận 2023 totals 3.832,6 triệu đồng, 5.540 in 2022;
Quý II of 2023 has eight tasks that add up to 2.827,6), not exact wording.
"""

from __future__ import annotations

import asyncio
import html
import re
from typing import Any

import pytest
from fake_botapi import Call, FakeBotAPI
from telegram_helpers import (
    PLAN_2022,
    PLAN_2023,
    RunningBot,
    assert_telegram_html,
    assert_well_formed,
    buttons,
)

from ipbot import phrases
from ipbot.assistant import Assistant
from ipbot.config import Settings
from ipbot.frontends.render import html_text
from ipbot.frontends.telegram.bot import Services
from ipbot.frontends.telegram.brief import MAX_LINES, MAX_ROWS, ROW
from ipbot.requests import Field, Items

LEAD_AGENCY = "Sở Khoa học và Công nghệ"
_TAG = re.compile(r"</?[bi]>")


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def shown(text: str) -> list[str]:
    """The lines of a sent text as a phone shows them (tags gone, entities read)."""
    return [html.unescape(_TAG.sub("", line)) for line in text.split("\n")]


def rows(text: str) -> int:
    """How many rows of a phone's message bubble the text takes (a blank line is one)."""
    return sum(max(1, -(-len(line) // ROW)) for line in shown(text))


def labelled(call: Call, label: str) -> str:
    [data] = [d for text, d in buttons(call) if text == label]
    return data


# ---------------------------------------------------------------- the first message
SHORT = [
    "Ai chủ trì nhiệm vụ 3.3?",
    "nhiệm vụ 3.3 năm 2023",
    "Tổng kinh phí kế hoạch năm 2023 của Ninh Thuận là bao nhiêu?",
    "Quý II năm 2023 có những việc gì?",
    "Thái Bình đặt chỉ tiêu gì đến năm 2025?",
    "Sở Nông nghiệp và PTNT Thái Bình có trách nhiệm gì?",
    "nhiệm vụ nào liên quan đến OCOP",
    "Trong KH năm 2022, những việc nào giao Sở Khoa học và Công nghệ chủ trì?",
    "thời tiết hôm nay thế nào",
    "sai rồi",
]


@pytest.mark.parametrize("question", SHORT)
def test_first_message_is_the_answer_in_about_eight_lines(
    api: FakeBotAPI, settings: Settings, services: Services, question: str
) -> None:
    async def scenario() -> Call:
        async with RunningBot(api, settings, services) as bot:
            return await bot.ask(question)

    call = run(scenario())
    text = call.params["text"]
    assert len(text.split("\n")) <= MAX_LINES, text
    assert rows(text) <= MAX_ROWS + 1, text  # a blank line between two plans' parts may add one
    assert text.startswith("<b>"), text  # the answer (or, for a list, what it lists) in bold, first
    assert "`" not in text and "dòng lệnh" not in text.lower() and "command line" not in text.lower()
    full = html_text(services.assistant.ask(question))
    if len(full) > len(text) + 40:  # something was left out: «Chi tiết» brings it back
        assert labelled(call, phrases.DETAILS).startswith("v:")
    assert_well_formed(api)


def test_details_show_the_whole_answer_in_place_and_collapse_again(
    api: FakeBotAPI, settings: Settings, services: Services
) -> None:
    question = "nhiệm vụ 3.3 năm 2023"

    async def scenario() -> tuple[Call, Call, Call, int]:
        async with RunningBot(api, settings, services) as bot:
            first = await bot.ask(question)
            message_id = bot.last_message_id()
            sent = len(api.calls("sendMessage"))
            full = await bot.press(labelled(first, phrases.DETAILS), message_id=message_id)
            back = await bot.press(labelled(full, phrases.COLLAPSE), message_id=message_id)
            return first, full, back, len(api.calls("sendMessage")) - sent

    first, full, back, new_messages = run(scenario())
    assert new_messages == 0  # in place: no new message in the chat
    expected = html_text(services.assistant.ask(question))
    assert full.params["text"] == expected  # the whole card, the terminal's text, with its source
    assert "Nguồn: " in full.params["text"] and "1.200 triệu đồng" in full.params["text"]
    assert back.params["text"] == first.params["text"]
    for call in (full, back):  # 👍 / 👎 stay under the answer whichever way it is shown
        assert [label for label, _ in buttons(call)][-2:] == [phrases.RATE_UP, phrases.RATE_DOWN]
    assert_well_formed(api)


def test_task_card_says_who_when_and_how_much(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> Call:
        async with RunningBot(api, settings, services) as bot:
            return await bot.ask("nhiệm vụ 3.3 năm 2023")

    call = run(scenario())
    lines = shown(call.params["text"])
    assert lines[0].startswith("3.3 · Chỉ dẫn địa lý Thịt cừu") and lines[0].endswith("Ninh Thuận 2023")
    assert LEAD_AGENCY in lines[1]
    assert "Quý I năm 2023" in lines[2]
    assert "300 triệu đồng" in lines[3]
    labels = [label for label, _ in buttons(call)]
    assert labels[0] == phrases.DETAILS
    for facet in ("budget", "objective", "time", "source", "lead"):
        assert phrases.FACET_LABELS[facet] in labels, facet
    assert phrases.FACET_LABELS["card"] not in labels  # the card is what is shown


def test_plan_budget_says_each_figure_once(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    question = "Tổng kinh phí kế hoạch năm 2023 của Ninh Thuận là bao nhiêu?"

    async def scenario() -> tuple[Call, Call, Call]:
        async with RunningBot(api, settings, services) as bot:
            first = await bot.ask(question)
            message_id = bot.last_message_id()
            [previous] = await bot.send(api.callback_update(labelled(first, phrases.PREVIOUS_YEAR)))
            sources = await bot.press(labelled(first, phrases.SOURCES_BUTTON), message_id=message_id)
            return first, previous, sources

    first, previous, sources = run(scenario())
    text = html.unescape(first.params["text"])
    assert shown(first.params["text"])[0] == "Tổng kinh phí năm 2023: 3.832,6 triệu đồng"
    for figure in ("3.832,6", "1.062,6", "770", "2.000", "9.128,6"):
        assert len(re.findall(rf"(?<![\d.,]){re.escape(figure)}(?![\d,])", text)) == 1, figure
    assert "3.832.600.000" not in text and "tỷ" not in text and "bằng chữ" not in text
    # the core's answer, for the terminal and the eval sets, still gives all of them
    full = html_text(services.assistant.ask(question))
    assert "3.832.600.000" in full and "bằng chữ" in full
    # the year before: answered below, both plans and the change, each figure once
    lines = shown(previous.params["text"])
    assert lines[0] == "Ninh Thuận 2022: 5.540 triệu đồng"
    assert lines[1] == "Ninh Thuận 2023: 3.832,6 triệu đồng (giảm 1.707,4 triệu so với năm 2022)"
    # «Nguồn» adds the source under the brief, in place
    assert sources.params["text"].startswith(first.params["text"])
    assert "<i>Nguồn: Kế hoạch SHTT năm 2023 tỉnh Ninh Thuận, mục III.</i>" in sources.params["text"]
    assert_well_formed(api)


def test_a_list_keeps_its_title_and_count_and_its_tasks_are_the_buttons(
    api: FakeBotAPI, settings: Settings, services: Services
) -> None:
    async def scenario() -> tuple[Call, Call]:
        async with RunningBot(api, settings, services) as bot:
            listed = await bot.ask("Quý II năm 2023 có những việc gì?")
            [money] = await bot.send(api.callback_update(labelled(listed, phrases.BUDGET_BUTTON)))
            return listed, money

    listed, money = run(scenario())
    assert shown(listed.params["text"]) == ["Nhiệm vụ triển khai trong Quý II — Ninh Thuận 2023", "8 nhiệm vụ:"]
    tasks = [label for label, data in buttons(listed) if data.startswith(("r:", "h:"))]
    assert len(tasks) == 8 and tasks[0].startswith("3.2 · ")
    labels = [label for label, _ in buttons(listed)]
    assert labels[:2] == [phrases.DETAILS, phrases.SOURCES_BUTTON]  # above the tasks
    # «Kinh phí»: the eight tasks' money added up, the answer first
    assert "2.827,6 triệu đồng" in shown(money.params["text"])[0]
    assert_well_formed(api)


def test_the_year_before_of_one_task_shows_both_years(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> Call:
        async with RunningBot(api, settings, services) as bot:
            lead = await bot.ask("ai chủ trì nhiệm vụ 3.4 năm 2023")
            [both] = await bot.send(api.callback_update(labelled(lead, phrases.PREVIOUS_YEAR)))
            return both

    text = run(scenario()).params["text"]
    assert "3.e" in text and "3.4" in text  # 2022's task 3.e is 2023's 3.4 (the plans match them by content)
    assert_well_formed(api)


def test_no_chart_button_where_there_is_nothing_to_draw(
    api: FakeBotAPI, settings: Settings, services: Services
) -> None:
    async def scenario() -> dict[str, Call]:
        async with RunningBot(api, settings, services) as bot:
            out = {}
            for plan in ("thai-binh-2021-2030", PLAN_2022, PLAN_2023):
                await bot.press(f"p:{plan}")
                out[plan] = await bot.ask("/kinhphi")
            return out

    out = run(scenario())
    assert phrases.CHART_BUTTON not in dict(buttons(out["thai-binh-2021-2030"]))  # no figure at all
    assert phrases.CHART_BUTTON not in dict(buttons(out[PLAN_2022]))  # a total, nothing to set beside it
    assert phrases.CHART_BUTTON in dict(buttons(out[PLAN_2023]))
    assert phrases.PREVIOUS_YEAR in dict(buttons(out[PLAN_2023]))
    assert phrases.PREVIOUS_YEAR not in dict(buttons(out[PLAN_2022]))  # no plan the year before


def test_old_answer_buttons_still_work_after_a_restart(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: Any
) -> None:
    first = make_services(settings, assistant)

    async def ask() -> tuple[str, int]:
        async with RunningBot(api, settings, first) as bot:
            call = await bot.ask("Quý II năm 2023 có những việc gì?")
            return labelled(call, phrases.DETAILS), bot.last_message_id()

    data, message_id = run(ask())
    first.store.close()
    second = make_services(settings, assistant)  # a new state store on the same file

    async def press() -> Call:
        async with RunningBot(api, settings, second) as bot:
            return await bot.press(data, message_id=message_id)

    full = run(press())
    assert "5.5 — Tập huấn SHTT cho học sinh, sinh viên" in full.params["text"]


# ---------------------------------------------------------------- "sai rồi"
@pytest.mark.parametrize("said", ["sai rồi", "sai rồi bot ơi", "trả lời sai", "sai roi", "bot trả lời sai rồi"])
def test_wrong_is_read_as_a_complaint(assistant: Assistant, said: str) -> None:
    answer = assistant.ask(said)
    [request] = answer.requests
    assert request.items is Items.TALK and request.show == (Field.COMPLAINT,)
    assert answer.sections[0].lines[0] == phrases.COMPLAINT
    assert any("Liên hệ" in line for s in answer.sections for line in s.lines)  # the hand-over


@pytest.mark.parametrize(
    "question", ["Nhiệm vụ xử lý vi phạm, sai phạm về SHTT do ai chủ trì?", "sai rồi, ý tôi là kinh phí nhiệm vụ 3.3"]
)
def test_a_question_with_wrong_in_it_is_still_a_question(assistant: Assistant, question: str) -> None:
    assert all(Field.COMPLAINT not in r.show for r in assistant.ask(question).requests)


def test_complaint_gets_a_short_reply_offering_feedback_and_a_contact(
    api: FakeBotAPI, settings: Settings, services: Services
) -> None:
    async def scenario() -> Call:
        async with RunningBot(api, settings, services) as bot:
            await bot.ask("Ai chủ trì nhiệm vụ 3.3?")
            return await bot.ask("sai rồi bot ơi")

    call = run(scenario())
    lines = shown(call.params["text"])
    assert lines[0] == phrases.COMPLAINT
    assert lines[1] == phrases.COMPLAINT_FEEDBACK and "/gopy" in lines[1]
    assert any("Liên hệ" in line for line in lines)
    assert len(lines) <= MAX_LINES
    assert not any(label in (phrases.RATE_UP, phrases.RATE_DOWN) for label, _ in buttons(call))
    assert_well_formed(api)


# ---------------------------------------------------------------- inline mode
def test_inline_answer_is_one_result_per_plan(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> Call:
        async with RunningBot(api, settings, services) as bot:
            [call] = await bot.send(api.inline_update("nhiệm vụ nào liên quan đến OCOP"), "answerInlineQuery")
            return call

    results = run(scenario()).params["results"]
    answer = services.assistant.ask("nhiệm vụ nào liên quan đến OCOP")
    assert len(answer.plan_ids) == 3
    assert len(results) == 3
    labels = ["Ninh Thuận 2022", "Ninh Thuận 2023", "Thái Bình 2021–2025"]
    for result, label, other in zip(results, labels, [labels[1], labels[2], labels[0]], strict=True):
        assert label in result["title"]
        content = result["input_message_content"]["message_text"]
        assert_telegram_html(content)
        plan = next(p for p in services.browser.plans() if p.label == other)
        assert services.browser.title(plan.id) not in content  # each result holds its plan only
    assert len({r["id"] for r in results}) == 3


def test_empty_inline_query_offers_how_to_ask_and_examples(
    api: FakeBotAPI, settings: Settings, services: Services
) -> None:
    async def scenario() -> Call:
        async with RunningBot(api, settings, services) as bot:
            [call] = await bot.send(api.inline_update(""), "answerInlineQuery")
            return call

    results = run(scenario()).params["results"]
    assert len(results) >= 3
    for result in results:
        text = html.unescape(result["input_message_content"]["message_text"])
        assert not text.rstrip().endswith(":"), text  # nothing that stops half way
        assert "`" not in text
    assert any("3.832,6" in r["description"] for r in results)  # an example answered, not only named


# ---------------------------------------------------------------- nothing said for a terminal
def test_nothing_sent_says_command_line_or_has_backticks(
    api: FakeBotAPI, settings: Settings, services: Services
) -> None:
    async def scenario() -> None:
        async with RunningBot(api, settings, services) as bot:
            await bot.press(f"p:{PLAN_2023}")
            for text in ("/start", "/help", "/kinhphi", "/xuat", "/nhacnho", "biểu đồ kinh phí năm 2023"):
                api.push_update(api.message_update(text))
            await api.wait_for("sendMediaGroup", timeout=30)
            await bot.settle(0.5, limit=30)

    run(scenario())
    said = [c.params.get("text", "") for c in api.calls() if c.method in ("sendMessage", "editMessageText")]
    said += [c.params.get("caption", "") for c in api.calls() if c.method in ("sendPhoto", "sendDocument")]
    said += [caption for c in api.calls("sendMediaGroup") for _, caption in FakeBotAPI.album(c)]
    assert len(said) >= 7
    for text in said:
        assert "`" not in text and "dòng lệnh" not in text.lower() and "command line" not in text.lower()
        assert "ipbot chart" not in text and "ipbot ask" not in text
