"""Webhook mode and its secret (issue 12, point 6).

Before: webhook mode started without ``IPBOT_WEBHOOK_SECRET`` and accepted forged updates,
including an admin's /taidulieu and a /thongke sent to an arbitrary chat. Now it refuses to start
without a secret of 16 to 256 characters of ``A-Z a-z 0-9 _ -``, with one log line and exit
status 2, before anything is opened or sent.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fake_botapi import Call, FakeBotAPI
from telegram_helpers import ADMIN_ID, bot_env, make_settings
from test_telegram_bot import MakeServices, _loopback_only, api, make_services, plan_db  # noqa: F401  (fixtures)

from ipbot.assistant import Assistant
from ipbot.config import Settings
from ipbot.frontends.telegram.bot import build_application, webhook_options
from ipbot.frontends.telegram.startup import StartupFault, check_webhook

GOOD_SECRET = "s3cr3t-token_for-the-webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def refused(env: dict[str, str], folder: Path) -> tuple[int, list[str]]:
    """Run the bot to its end; its exit status and the lines it wrote (stdout and stderr)."""
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [sys.executable, "-m", "ipbot", "run"], env=env, cwd=folder, capture_output=True, timeout=60, check=False
    )
    text = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    return proc.returncode, [line for line in text.splitlines() if line.strip()]


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state" / "ipbot-state.sqlite3"


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ({}, "IPBOT_WEBHOOK_SECRET is not set"),
        ({"IPBOT_WEBHOOK_SECRET": "change-me"}, "must be 16 to 256 characters"),
        ({"IPBOT_WEBHOOK_SECRET": "sixteen chars but spaces"}, "must be 16 to 256 characters"),
        ({"IPBOT_WEBHOOK_SECRET": GOOD_SECRET, "IPBOT_WEBHOOK_URL": ""}, "needs IPBOT_WEBHOOK_URL"),
    ],
)
def test_webhook_mode_needs_an_adequate_secret(extra: dict[str, str], said: str) -> None:
    values = {"IPBOT_MODE": "webhook", "IPBOT_WEBHOOK_URL": "https://bot.example.vn", **extra}
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    with pytest.raises(StartupFault, match=said):
        check_webhook(settings)


def test_webhook_mode_without_a_secret_ends_the_real_process_with_one_line(
    api: FakeBotAPI, state: Path, plan_db: Path
) -> None:
    env = bot_env(api.base_url, state, plan_db, IPBOT_MODE="webhook", IPBOT_WEBHOOK_URL="https://bot.example.vn")
    status, lines = refused(env, state.parent)
    assert status == 2 and len(lines) == 1 and "IPBOT_WEBHOOK_SECRET is not set" in lines[0], lines
    assert "Traceback" not in lines[0] and "CRITICAL" in lines[0]
    assert not api.calls() and not state.exists()  # nothing opened, no webhook set


def test_an_adequate_webhook_secret_passes() -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, IPBOT_MODE="webhook", IPBOT_WEBHOOK_URL="https://x.vn", IPBOT_WEBHOOK_SECRET=GOOD_SECRET
    )
    check_webhook(settings)  # no StartupFault
    with pytest.raises(StartupFault, match="IPBOT_WEBHOOK_SECRET"):
        check_webhook(settings.model_copy(update={"webhook_secret": None}))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_forged_update_without_the_secret_is_refused(
    api: FakeBotAPI, state: Path, plan_db: Path, assistant: Assistant, make_services: MakeServices
) -> None:
    """The webhook as run_bot sets it up, on 127.0.0.1: an update posted without Telegram's secret
    header (or with a wrong one) is refused with 403 and never handled; Telegram's own is answered."""
    settings = make_settings(
        api,
        state,
        plan_db,
        IPBOT_MODE="webhook",
        IPBOT_WEBHOOK_URL="https://bot.example.vn/ipbot",
        IPBOT_WEBHOOK_SECRET=GOOD_SECRET,
        IPBOT_WEBHOOK_PORT=free_port(),
    )
    services = make_services(settings, assistant)
    options = webhook_options(settings)
    url = f"http://127.0.0.1:{options['port']}/{options['url_path']}"

    async def scenario() -> tuple[list[int], list[Call]]:
        app = build_application(settings, services, rate_limit=False)
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(**options)
        try:
            statuses = []
            async with httpx.AsyncClient() as client:
                for headers in ({}, {SECRET_HEADER: "guessed-but-wrong-secret"}, {SECRET_HEADER: GOOD_SECRET}):
                    update = api.message_update("/thongke", user_id=ADMIN_ID, chat_id=ADMIN_ID)
                    update["update_id"] = len(statuses) + 1
                    response = await client.post(url, json=update, headers=headers)
                    statuses.append(response.status_code)
            answered = await api.wait_for("sendMessage")
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
        return statuses, answered

    statuses, answered = asyncio.run(scenario())
    assert statuses == [403, 403, 200]
    assert len(answered) == 1  # only the update with the secret reached /thongke
    [webhook] = api.calls("setWebhook")
    assert webhook.params["secret_token"] == GOOD_SECRET and webhook.params["url"].endswith(options["url_path"])
