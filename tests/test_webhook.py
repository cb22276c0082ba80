"""Webhook mode end to end (issue 12, point 11, and its privacy): the bot as systemd runs it, in a
process of its own, with Telegram's POSTs sent to it on 127.0.0.1 and the stand-in Bot API behind.

Before: python-telegram-bot's webhook answered an update it could not parse with 400 and logged
it whole at CRITICAL — the user's text, ids and name — so Telegram, which repeats what got no 2xx,
delivered it again and it was logged in full again. Now it is skipped once and logged once without
its content, and Telegram gets 200. No log line of the process holds a user's text or an id.
"""

from __future__ import annotations

import asyncio
import html
import logging
import socket
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from fake_botapi import FakeBotAPI
from telegram_helpers import BotProcess, MakeServices, bot_env, make_settings

from ipbot.assistant import Assistant
from ipbot.frontends.telegram.bot import build_application, webhook_options
from ipbot.frontends.telegram.webhook import SECRET_HEADER, Webhook

SECRET = "s3cr3t-token_for-the-webhook"
URL = "https://bot.example.vn/ipbot"
PERSON = 735_118_264
"""The sender of the malformed update: a private chat's id is its user's id."""
ASKER = 418_552_907
PRIVATE_TEXT = "Số của tôi là 0912 345 678, chuyện riêng tư"
QUESTION = "Ai chủ trì nhiệm vụ 3.3?"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def message(update_id: int, person: int, text: str, date: Any = 1_700_000_000) -> dict[str, Any]:
    """A private message as Telegram posts it; ``date="zz"`` makes it one the library cannot parse."""
    user = {"id": person, "is_bot": False, "first_name": "Lan", "username": "lan_nguyen", "language_code": "vi"}
    chat = {"id": person, "type": "private", "first_name": "Lan", "username": "lan_nguyen"}
    return {
        "update_id": update_id,
        "message": {"message_id": 7, "date": date, "chat": chat, "from": user, "text": text},
    }


MALFORMED = message(500, PERSON, PRIVATE_TEXT, date="zz")
FORBIDDEN = [PRIVATE_TEXT, "0912 345 678", "riêng tư", str(PERSON), "lan_nguyen", QUESTION, str(ASKER), "'zz'"]
"""What neither update may put in any log line: the texts, the ids, the username."""


def test_an_unreadable_webhook_update_is_skipped_once_and_logged_once_without_its_content(
    api: FakeBotAPI, tmp_path: Path, plan_db: Path
) -> None:
    port = free_port()
    state = tmp_path / "state" / "ipbot-state.sqlite3"
    env = bot_env(
        api.base_url,
        state,
        plan_db,
        IPBOT_MODE="webhook",
        IPBOT_WEBHOOK_URL=URL,
        IPBOT_WEBHOOK_SECRET=SECRET,
        IPBOT_WEBHOOK_LISTEN="127.0.0.1",
        IPBOT_WEBHOOK_PORT=str(port),
    )
    with BotProcess(env, tmp_path / "run") as bot:
        bot.wait_for_output("webhook: listening", timeout=60)
        [hook] = api.calls("setWebhook")
        assert hook.params["url"].startswith(URL) and hook.params["secret_token"] == SECRET
        url = f"http://127.0.0.1:{port}/{hook.params['url'].rsplit('/', 1)[-1]}"
        statuses = []
        with httpx.Client(timeout=10) as client:
            for _ in range(3):  # as Telegram would, had it not had a 2xx the first time
                statuses.append(client.post(url, json=MALFORMED, headers={SECRET_HEADER: SECRET}).status_code)
            statuses.append(
                client.post(url, json=MALFORMED, headers={SECRET_HEADER: "guessed-wrong-secret"}).status_code
            )
            statuses.append(client.post(url, json=MALFORMED).status_code)  # no secret at all
            not_json = (PRIVATE_TEXT + "{").encode()
            statuses.append(client.post(url, content=not_json, headers={SECRET_HEADER: SECRET}).status_code)
            valid = message(501, ASKER, QUESTION)
            statuses.append(client.post(url, json=valid, headers={SECRET_HEADER: SECRET}).status_code)
        [answer] = api.wait_for_sync("sendMessage", predicate=lambda c: c.params["chat_id"] == str(ASKER), timeout=30)
        assert bot.stop() == 0
    output = bot.output
    assert statuses == [200, 200, 200, 403, 403, 200, 200]  # 200: Telegram does not deliver it again
    assert "Sở Khoa học và Công nghệ" in answer.params["text"]  # the valid update is answered
    assert not [c for c in api.calls("sendMessage") if c.params["chat_id"] == str(PERSON)]  # the broken one is not
    skipped = [line for line in output.splitlines() if "cannot be read" in line]
    assert len([line for line in skipped if "update 500 skipped" in line]) == 1, skipped  # once, not three times
    assert len(skipped) == 2, skipped  # and the body that was not JSON, once
    assert len([line for line in output.splitlines() if "secret token refused" in line]) == 1
    for text in FORBIDDEN:
        assert text not in output, text
    assert SECRET not in output and "guessed-wrong-secret" not in output
    assert "Traceback" not in output and " CRITICAL " not in output and " ERROR " not in output
    assert not list(state.parent.glob("*.corrupt-*"))


def test_the_webhook_answers_each_kind_of_post_and_logs_no_content(
    api: FakeBotAPI,
    tmp_path: Path,
    plan_db: Path,
    assistant: Assistant,
    make_services: MakeServices,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """In process, every logger at DEBUG for ipbot's own: what each POST gets, and what is logged."""
    settings = make_settings(
        api,
        tmp_path / "state.sqlite3",
        plan_db,
        IPBOT_MODE="webhook",
        IPBOT_WEBHOOK_URL=URL,
        IPBOT_WEBHOOK_SECRET=SECRET,
        IPBOT_WEBHOOK_PORT=free_port(),
    )
    services = make_services(settings, assistant)
    options = webhook_options(settings)
    url = f"http://127.0.0.1:{options['port']}/{options['url_path']}"
    times = iter([1000.0, 1001.0, 1002.0, 1100.0])  # a fourth refusal more than a minute after the first
    bodies: list[tuple[dict[str, str], bytes]] = [
        ({}, b"{}"),
        ({SECRET_HEADER: "x" * 30}, b"{}"),
        ({SECRET_HEADER: SECRET + "x"}, b"{}"),
        ({SECRET_HEADER: SECRET}, b"\xff\xfe not utf-8"),
        ({SECRET_HEADER: SECRET}, b"[1, 2]"),
        ({SECRET_HEADER: SECRET}, b"[" * 5000 + b"]" * 5000),  # deeper than the parser goes
        (
            {SECRET_HEADER: SECRET},
            b'{"update_id": 9, "message": {"message_id": "x", "text": "' + PRIVATE_TEXT.encode() + b'"}}',
        ),
        ({SECRET_HEADER: SECRET}, b'{"update_id": 10}'),  # parses: nothing in it to handle
        ({SECRET_HEADER: ""}, b"{}"),
    ]

    async def scenario() -> list[int]:
        app = build_application(settings, services, rate_limit=False)
        await app.initialize()
        await app.start()
        hook = Webhook(app, **options)
        hook.clock = lambda: next(times)
        await hook.start()
        try:
            async with httpx.AsyncClient() as client:
                statuses = []
                for headers, body in bodies:
                    headers = {"Content-Type": "application/json", **headers}
                    statuses.append((await client.post(url, content=body, headers=headers)).status_code)
                get = await client.get(url)
                statuses.append(get.status_code)
        finally:
            await hook.stop()
            await app.stop()
            await app.shutdown()
        return statuses

    with caplog.at_level(logging.DEBUG, logger="ipbot"):
        statuses = asyncio.run(scenario())
    assert statuses == [403, 403, 403, 200, 200, 200, 200, 200, 403, 405]
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("ipbot")]
    assert len([line for line in lines if "cannot be read" in line]) == 4, lines
    refusals = [line for line in lines if "secret token refused" in line]
    assert refusals == [  # the first at once, the next a minute later with the count since
        "webhook: requests without the right secret token refused (403): 1 since the last such line",
        "webhook: requests without the right secret token refused (403): 3 since the last such line",
    ]
    assert not [line for line in lines if PRIVATE_TEXT in line or "0912" in line]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def test_a_port_already_taken_is_one_line(api: FakeBotAPI, tmp_path: Path, plan_db: Path) -> None:
    """A second bot (or anything) on the webhook's port: one line and exit status 2, no traceback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        state = tmp_path / "state" / "ipbot-state.sqlite3"
        env = bot_env(
            api.base_url,
            state,
            plan_db,
            IPBOT_MODE="webhook",
            IPBOT_WEBHOOK_URL=URL,
            IPBOT_WEBHOOK_SECRET=SECRET,
            IPBOT_WEBHOOK_PORT=str(port),
        )
        with BotProcess(env, tmp_path / "run") as bot:
            status = bot.wait(60)
    lines = [line for line in bot.output.splitlines() if line.strip()]
    assert status == 2 and "Traceback" not in bot.output, bot.output
    assert [line for line in lines if "cannot start" in line and f"cannot listen on 127.0.0.1:{port}" in line]
    assert not api.calls("setWebhook")


def test_kill_9_after_the_200_loses_no_webhook_update(api: FakeBotAPI, tmp_path: Path, plan_db: Path) -> None:
    """Telegram forgets an update at the webhook's 200, so each is in the inbox before it: three
    questions from one chat answered 200, the first's answer on its way (held by the server) at a
    kill -9. After the restart (webhook mode again, nothing sent again by Telegram) the two waiting
    are answered once and the first gets one note (its answer may have arrived)."""
    port = free_port()
    state = tmp_path / "state" / "ipbot-state.sqlite3"
    env = bot_env(
        api.base_url,
        state,
        plan_db,
        IPBOT_MODE="webhook",
        IPBOT_WEBHOOK_URL=URL,
        IPBOT_WEBHOOK_SECRET=SECRET,
        IPBOT_WEBHOOK_PORT=str(port),
        IPBOT_USER_RATE="1000",
    )
    questions = ["Ai chủ trì nhiệm vụ 3.3?", "Ai chủ trì nhiệm vụ 3.4?", "Kinh phí nhiệm vụ 3.3 năm 2023?"]
    api.hold("sendMessage")
    with BotProcess(env, tmp_path, "killed") as bot:
        bot.wait_for_output("webhook: listening", timeout=60)
        url = f"http://127.0.0.1:{port}/{api.calls('setWebhook')[0].params['url'].rsplit('/', 1)[-1]}"
        with httpx.Client(timeout=10) as client:
            for n, question in enumerate(questions):
                update = {**message(600 + n, ASKER, question), "update_id": 600 + n}
                update["message"]["message_id"] = 70 + n
                assert client.post(url, json=update, headers={SECRET_HEADER: SECRET}).status_code == 200
        api.wait_for_sync("setMyCommands", timeout=30)
        deadline = time.monotonic() + 30
        while not api.held("sendMessage") and time.monotonic() < deadline:
            time.sleep(0.02)
        assert api.held("sendMessage") == 1  # the first answer on its way, the others waiting their turn
        bot.kill()
    api.release("sendMessage", deliver=False)  # lost with the process
    with BotProcess(env, tmp_path, "restarted") as bot:
        api.wait_for_sync("sendMessage", count=1 + len(questions), timeout=60)
        time.sleep(0.5)
        assert bot.stop() == 0
    first, *after = api.calls("sendMessage")  # the held answer (lost with the process), then the restart's
    assert "Sở Khoa học và Công nghệ" in first.params["text"]
    notes = [c for c in after if str(c.params["text"]).startswith(html.escape("Bot vừa khởi động lại"))]
    answers = [str(c.params["text"]) for c in after if c not in notes]
    assert [n.params["reply_parameters"]["message_id"] for n in notes] == [70]  # one note, on the first question
    assert len(answers) == 2, answers  # the two waiting, once each
    assert "Sở Khoa học và Công nghệ" in answers[0] and "triệu" in answers[1], answers  # in their order
    for name in ("killed", "restarted"):
        output = (tmp_path / f"{name}.log").read_text()
        assert "Traceback" not in output and str(ASKER) not in output and questions[0] not in output
