"""Generated inputs through the core and through the Telegram bot: never a traceback, always a
polite Vietnamese reply (issue 12: "a hypothesis suite of at least 10,000 inputs").

Messages are drawn from Vietnamese words as people type them (with and without diacritics, chat
shorthand, task numbers, provinces, years), from any Unicode, and from garbage (control
characters, zero-width and combining marks, 4,096-character runs); commands are the bot's own,
unknown ones and admin ones, with random arguments; button data is random, or shaped like the
bot's own with made-up plans, pages, agencies and requests; inline queries are random text.

How many: the hypothesis profile in tests/conftest.py — "quick" (150 examples per test) in the
normal run, about 10 s for the two; ``IPBOT_HYPOTHESIS=thorough`` runs 10,000 per test (the figure
the README gives, with its time).
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import logging
import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fake_botapi import Call, FakeBotAPI
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram_helpers import (
    ADMIN_ID,
    BOT_USERNAME,
    CALLBACK_LIMIT,
    PLAN_2022,
    PLAN_2023,
    TELEGRAM_LIMIT,
    MakeServices,
    RunningBot,
    html_problems,
)

from ipbot import phrases
from ipbot.answers import Context
from ipbot.assistant import Assistant
from ipbot.config import Settings
from ipbot.frontends.browse import Browser
from ipbot.frontends.render import html_text
from ipbot.frontends.telegram.bot import _button
from ipbot.frontends.telegram.state import StateStore
from ipbot.requests import Filters, Items, Op, Request, Role

VIETNAMESE = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.I)
WORDS = (
    "ai chủ trì phối hợp nhiệm vụ kinh phí bao nhiêu tổng cộng năm quý I II III IV sở khoa học công nghệ "
    "ninh thuận thái bình kế hoạch chỉ tiêu nguồn ngân sách trung ương tỉnh huyện doanh nghiệp hỗ trợ "
    "OCOP chỉ dẫn địa lý nhãn hiệu tập huấn lớp so sánh với còn thì sao không tính trừ những gì mấy "
    "ai chu tri nhiem vu kinh phi bao nhieu nam quy so khoa hoc ko k dc vs j đó kia này cái 2022 2023 "
    "2024 2025 3.3 3.4 5.3 1.1 II.3 triệu đồng % ? ! , . … ( ) « » - / : ; 👍 🙂 và hoặc của cho"
).split()
COMMANDS = [*phrases.COMMANDS, "thongke", "taidulieu", "guinhac", "khongco", "Start", "HELP", "x" * 40]
PLANS = [PLAN_2022, PLAN_2023, "thai-binh-2023", "no-plan", "", "*", "../etc", "9" * 30]
GARBAGE = [
    "\x00",
    "\u200b",
    "\u200f",
    "\u202e",
    "\ufeff",
    "\u0301" * 20,
    "ﷺ",
    "𝕏",
    "\U0001f600" * 3,
    "\n" * 5,
    "\t",
    "<b>",
    "</i>",
    "&amp;",
    "&",
    "<",
    "{" * 40,
    "[" * 40,
    "%s%d",
    "' OR 1=1 --",
    "a" * 4096,
    "ư" * 4096,
]


# ---------------------------------------------------------------- strategies
def _typed(word: str, draw_case: int) -> str:
    return word.upper() if draw_case == 1 else word.capitalize() if draw_case == 2 else word


vietnamese = st.lists(
    st.tuples(st.sampled_from(WORDS), st.integers(0, 5)).map(lambda t: _typed(*t)), min_size=1, max_size=25
).map(" ".join)
unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
garbage = st.lists(st.sampled_from(GARBAGE) | unicode_text | vietnamese, min_size=1, max_size=4).map(
    lambda parts: "".join(parts)[:TELEGRAM_LIMIT]
)
messages = st.one_of(vietnamese, vietnamese, unicode_text, garbage).filter(lambda t: t.strip() != "")


def _command(name: str, mention: bool, args: str) -> str:
    return f"/{name}{'@' + BOT_USERNAME if mention else ''}{' ' + args if args else ''}"[:TELEGRAM_LIMIT]


commands = st.builds(
    _command, st.sampled_from(COMMANDS), st.booleans(), st.one_of(st.just(""), vietnamese, unicode_text, garbage)
)


def _request_data(kind: str, request: Request) -> str:
    return f"{kind}:{request.pack()}"


_requests = st.one_of(
    st.builds(Browser.task_request, st.sampled_from(PLANS), st.sampled_from(["3.3", "99", "V.1", "", "3.3.3"])),
    st.builds(Browser.quarter_request, st.sampled_from(PLANS), st.integers(-3, 12)),
    st.builds(
        lambda plan, agency: Request(
            items=Items.TASKS, op=Op.LIST, plans=(plan,), filters=Filters(agency=agency, role=Role.ANY)
        ),
        st.sampled_from(PLANS),
        st.sampled_from(["so-khcn", "zz", "", "ubnd"]),
    ),
)
button_data = st.one_of(
    st.text(max_size=64),
    st.builds(
        lambda kind, parts: kind + ":" + ":".join(parts),
        st.sampled_from(list("pnoygartqfxhz")),
        st.lists(st.sampled_from(PLANS) | st.sampled_from(["0", "1", "99", "-1", "+", "x", "é"]), max_size=3),
    ),
    st.builds(_request_data, st.sampled_from(["r", "q"]), _requests),
    st.builds(lambda v, n: f"f:{v}:{n}", st.sampled_from("+-x"), st.integers(0, 10**25)),
).filter(lambda d: len(d.encode()) > 0)
"""Data longer than Telegram's 64 bytes goes, as the bot's own does, under a hash (``h:…``)."""


# ---------------------------------------------------------------- the core
@given(st.lists(messages, min_size=1, max_size=3))
def test_the_core_answers_any_message_politely(assistant: Assistant, conversation: list[str]) -> None:
    """One to three messages in a row, each with the context the one before left."""
    context = Context()
    for message in conversation:
        answer = assistant.ask(message, context)
        context = answer.context
        text = html_text(answer)
        assert answer.intent != "error", (message, text)
        assert text.strip() and VIETNAMESE.search(text), (message, text)
        assert not html_problems(text), (message, text)


# ---------------------------------------------------------------- the Telegram bot
class BotThread:
    """The real application, polling the stand-in server from an event loop of its own in a thread,
    so that hypothesis (which is not async) can push one update per example and wait for its reply."""

    def __init__(self, api: FakeBotAPI, settings: Settings, services: Any) -> None:
        self.bot = RunningBot(api, settings, services)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> BotThread:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.bot.__aenter__(), self.loop).result(30)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            asyncio.run_coroutine_threadsafe(self.bot.__aexit__(None, None, None), self.loop).result(30)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)


REPLIES = ("sendMessage", "editMessageText", "sendPhoto", "sendDocument")
ids = itertools.count(10_000_000)


def _replies(api: FakeBotAPI, chat_id: int) -> list[Call]:
    return [c for c in api.calls() if c.method in REPLIES and c.params.get("chat_id") == str(chat_id)]


def _wait(found: Any, timeout: float = 30.0) -> list[Call]:
    deadline = time.monotonic() + timeout
    while not (calls := found()) and time.monotonic() < deadline:
        time.sleep(0.002)
    return list(calls)


@pytest.fixture
def running(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, make_services: MakeServices
) -> Iterator[tuple[FakeBotAPI, StateStore, list[logging.LogRecord]]]:
    """One bot for every example (a new chat and user each, so no budget or feedback cap is reached),
    and the error records logged meanwhile."""
    services = make_services(settings, assistant, limit=10**9)
    errors: list[logging.LogRecord] = []

    class Errors(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.ERROR or record.exc_info:
                errors.append(record)

    handler = Errors()
    logging.getLogger().addHandler(handler)
    try:
        with BotThread(api, settings, services):
            yield api, services.store, errors
    finally:
        logging.getLogger().removeHandler(handler)


def _check_text(text: str, what: object) -> None:
    assert text.strip(), what
    assert text != html.escape(phrases.ERROR_REPLY), what  # the error handler's apology
    assert len(text) <= TELEGRAM_LIMIT and not html_problems(text), (what, text[:300])
    assert VIETNAMESE.search(text) or re.search(r"\d", text), (what, text[:300])


updates = st.one_of(
    st.tuples(st.just("message"), messages),
    st.tuples(st.just("command"), commands),
    st.tuples(st.just("button"), button_data),
    st.tuples(st.just("inline"), messages.map(lambda t: t[:256])),
)


@given(update=updates)
def test_the_bot_replies_to_any_update_politely(
    running: tuple[FakeBotAPI, StateStore, list[logging.LogRecord]], update: tuple[str, str]
) -> None:
    """A message or a command in a private chat gets a message; a button press gets its callback
    answered (and its message edited, or a short toast); an inline query gets results. None of
    it is the error handler's apology, all of it valid Telegram HTML in Vietnamese, and nothing is
    logged as an error."""
    api, store, errors = running
    kind, value = update
    user = next(ids)
    if user == ADMIN_ID:
        user = next(ids)
    logged = len(errors)
    if kind in ("message", "command"):
        api.push_update(api.message_update(value, user_id=user, chat_id=user))
        replies = _wait(lambda: _replies(api, user))
        assert replies, (kind, value)
        for call in replies:
            if call.method in ("sendMessage", "editMessageText"):
                _check_text(str(call.params["text"]), (kind, value))
    elif kind == "button":
        if len(value.encode()) > CALLBACK_LIMIT:
            value = _button("x", value, store).callback_data or ""
        pushed = api.push_update(api.callback_update(value, chat_id=user, user_id=user))
        query_id = pushed["callback_query"]["id"]
        [answered] = _wait(
            lambda: [c for c in api.calls("answerCallbackQuery") if c.params["callback_query_id"] == query_id]
        )
        if answered.params.get("text"):
            _check_text(str(answered.params["text"]), (kind, value))
        for call in _replies(api, user):
            if call.method in ("sendMessage", "editMessageText"):
                _check_text(str(call.params["text"]), (kind, value))
    else:
        pushed = api.push_update(api.inline_update(value, user_id=user))
        query_id = pushed["inline_query"]["id"]
        [answered] = _wait(
            lambda: [c for c in api.calls("answerInlineQuery") if c.params["inline_query_id"] == query_id]
        )
        results = answered.params["results"]
        assert results, (kind, value)
        for result in results:
            _check_text(str(result["input_message_content"]["message_text"]), (kind, value))
    assert len(errors) == logged, [r.getMessage() for r in errors[logged:]]


def test_the_generators_make_what_they_claim() -> None:
    """The strategies reach what the suite says it tries: Vietnamese with diacritics, control
    characters, 4,096-character messages, unknown commands, forged and well-formed button data."""
    seen: dict[str, bool] = {}

    @settings(max_examples=400, derandomize=True)  # the same draws every run: this test cannot flicker
    @given(messages, commands, button_data)
    def sample(message: str, command: str, data: str) -> None:
        seen["diacritics"] = seen.get("diacritics") or bool(VIETNAMESE.search(message))
        seen["control"] = seen.get("control") or any(ord(c) < 32 for c in message)
        seen["long"] = seen.get("long") or len(message) >= 4000
        seen["unknown command"] = seen.get("unknown command") or command.startswith("/khongco")
        seen["request button"] = seen.get("request button") or data.startswith(("r:{", "q:{"))
        seen["rating button"] = seen.get("rating button") or data.startswith("f:")
        json.dumps([message, command, data])  # all of it can travel as an update

    sample()
    assert seen == dict.fromkeys(seen, True) and len(seen) == 6, seen
