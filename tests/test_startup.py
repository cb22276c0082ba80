"""Start-up faults of the real process (issue 12, points 6 and 7).

Before: plan data that failed validation refused start-up even with the last good database present
(a restart loop under systemd); a corrupt or truncated state file, a read-only state folder, a state
path that is a directory, a non-UTF-8 source text or a bad environment value gave bare tracebacks;
an API that refused connections ended the process; webhook mode started without a secret and took
forged updates.

Now each is one clear line and no traceback: the faults the bot cannot get past end it with status 2
and that line (before it contacts Telegram); the others are said once in the log and the bot
answers — the old plans served (and /thongke says why), a damaged state file moved aside, the API
retried with backoff until it answers.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import repeat
from pathlib import Path
from typing import Any

import httpx
import pytest
from fake_botapi import Call, FakeBotAPI
from telegram import Bot
from telegram.error import InvalidToken
from telegram_helpers import ADMIN_ID, TOKEN, BotProcess, MakeServices, bot_env, make_settings

from ipbot import phrases
from ipbot.assistant import Assistant
from ipbot.config import Settings
from ipbot.frontends.cli import main
from ipbot.frontends.telegram.bot import build_application, webhook_options
from ipbot.frontends.telegram.startup import StartupFault, backoff, check_webhook, wait_for_api
from ipbot.frontends.telegram.state import StateStore
from ipbot.frontends.telegram.webhook import Webhook

LEAD_AGENCY = "Sở Khoa học và Công nghệ"
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


def answers_a_question(api: FakeBotAPI, bot: BotProcess) -> str:
    """The bot's answer to a question asked now (its start-up done)."""
    api.push_update(api.message_update("Ai chủ trì nhiệm vụ 3.3?"))
    [answer] = api.wait_for_sync("sendMessage", timeout=30)
    return str(answer.params["text"])


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` made read-only: by its mode, or — for root, whom modes do not stop — immutable."""
    if os.geteuid() != 0:
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(0o755 if path.is_dir() else 0o644)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True, check=False).returncode:
        pytest.skip("root, and this file system cannot make a file immutable")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state" / "ipbot-state.sqlite3"


# ---------------------------------------------------------------- faults that end the process, in one line
BAD_SETTINGS = [
    ("IPBOT_REMINDER_TIME", "25:00", "IPBOT_REMINDER_TIME: must be a time of day HH:MM:SS"),
    ("IPBOT_USER_RATE", "many", "IPBOT_USER_RATE: Input should be a valid integer"),
    ("ADMIN_IDS", "me,you", "ADMIN_IDS: must be numeric Telegram user ids"),
    ("IPBOT_HASH_KEY", "too-short", "IPBOT_HASH_KEY: must be at least 16 characters"),
    ("IPBOT_RETENTION_DAYS", "0", "IPBOT_RETENTION_DAYS: Input should be greater than 0"),
    ("IPBOT_MODE", "push", "IPBOT_MODE: Input should be 'polling' or 'webhook'"),
]


def test_a_bad_setting_ends_the_real_process_with_one_line(api: FakeBotAPI, state: Path, plan_db: Path) -> None:
    status, lines = refused(bot_env(api.base_url, state, plan_db, IPBOT_REMINDER_TIME="7h30"), state.parent)
    assert status == 2 and len(lines) == 1 and "Traceback" not in lines[0], lines
    assert lines[0].startswith("ipbot: invalid settings: IPBOT_REMINDER_TIME: must be a time of day HH:MM:SS")
    assert not api.calls()  # refused before anything else


@pytest.mark.parametrize(("setting", "value", "said"), BAD_SETTINGS)
def test_a_bad_setting_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    setting: str,
    value: str,
    said: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv(setting, value)
    assert main(["run"]) == 2
    out, err = capsys.readouterr()
    assert not out and err.count("\n") == 1 and said in err, err


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


def test_a_state_path_that_is_a_directory(api: FakeBotAPI, state: Path, plan_db: Path) -> None:
    state.mkdir(parents=True)
    status, lines = refused(bot_env(api.base_url, state, plan_db), state.parent.parent)
    assert status == 2 and len(lines) == 1, lines
    assert f"the state path {state} is a directory; IPBOT_STATE_PATH must name a file" in lines[0]
    assert not api.calls()


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_state_folder_or_file(api: FakeBotAPI, state: Path, plan_db: Path, what: str) -> None:
    StateStore(state, b"k" * 32).close()  # it worked yesterday
    env = bot_env(api.base_url, state, plan_db, IPBOT_HASH_KEY="k" * 32)
    with read_only(state.parent if what == "folder" else state):
        status, lines = refused(env, state.parent.parent)
    assert status == 2 and len(lines) == 1, lines
    assert f"cannot use the state database {state}" in lines[0] and "Traceback" not in lines[0]
    assert "read-only" in lines[0] or "unable to open" in lines[0]
    assert not api.calls()


def test_invalid_data_and_no_earlier_database(api: FakeBotAPI, state: Path, data_copy: Path) -> None:
    (data_copy / "plans" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    env = bot_env(api.base_url, state, state.parent / "never-built.db", IPBOT_DATA_DIR=str(data_copy))
    status, lines = refused(env, state.parent)
    assert status == 2 and len(lines) == 1, lines
    assert "has 1 errors and there is no earlier database" in lines[0] and "broken.yaml" in lines[0]


# ---------------------------------------------------------------- faults the bot gets past, said once
@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_state_file_is_moved_aside_and_the_bot_answers(
    api: FakeBotAPI, state: Path, plan_db: Path, damage: str
) -> None:
    if damage == "garbage":
        state.parent.mkdir(parents=True)
        state.write_bytes(b"not a database, whatever it was\n" * 200)
    else:
        store = StateStore(state)
        for n in range(300):
            store.log_question(n, f"câu hỏi số {n} " * 20, False, "none")
        store.close()
        os.truncate(state, state.stat().st_size // 2)
    with BotProcess(bot_env(api.base_url, state, plan_db), state.parent) as bot:
        answer = answers_a_question(api, bot)
        assert bot.stop() == 0
    assert LEAD_AGENCY in answer
    [line] = [line for line in bot.output.splitlines() if "is damaged" in line]
    assert "moved aside" in line and "Traceback" not in bot.output
    assert len(list(state.parent.glob("ipbot-state.sqlite3.corrupt-*"))) == 1  # kept, for whoever recovers it


@pytest.mark.parametrize("breakage", ["invalid yaml", "non-UTF-8 source text"])
def test_invalid_data_with_an_earlier_database_serves_the_old_plans_and_says_why(
    api: FakeBotAPI, state: Path, plan_db: Path, data_copy: Path, breakage: str
) -> None:
    if breakage == "invalid yaml":
        (data_copy / "plans" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
        culprit = "broken.yaml"
    else:
        (data_copy / "sources" / "ninh-thuan-2023.txt").write_bytes(b"K\xe1 ho\xff\xfe ch\n")
        culprit = "ninh-thuan-2023.txt"
    env = bot_env(api.base_url, state, plan_db, IPBOT_DATA_DIR=str(data_copy))
    with BotProcess(env, state.parent) as bot:
        answer = answers_a_question(api, bot)
        api.push_update(api.message_update("/thongke", user_id=ADMIN_ID, chat_id=ADMIN_ID))
        [stats] = api.wait_for_sync("sendMessage", count=2, timeout=30)[1:]
        assert bot.stop() == 0
    assert LEAD_AGENCY in answer  # the plans of the database built before
    [line] = [line for line in bot.output.splitlines() if "the database built earlier" in line]
    assert culprit in line and "ipbot check-data" in line and "Traceback" not in bot.output
    assert stats.params["text"].startswith("⚠️ " + phrases.DATA_PROBLEM.split("{")[0])
    assert culprit in stats.params["text"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_api_refusing_connections_is_retried_until_it_answers(state: Path, plan_db: Path) -> None:
    port = free_port()  # nothing listens there yet: connections are refused
    env = bot_env(f"http://127.0.0.1:{port}/bot", state, plan_db)
    with BotProcess(env, state.parent) as bot:
        bot.wait_for_output("retrying in")
        with FakeBotAPI(port=port) as late:
            answer = answers_a_question(late, bot)
            assert bot.stop() == 0
    assert LEAD_AGENCY in answer
    retries = [line for line in bot.output.splitlines() if "Telegram API not reachable" in line]
    assert retries and all("retrying in" in line for line in retries)
    assert "Traceback" not in bot.output


def test_wait_for_api_backs_off_and_gives_up_only_on_a_refused_token(caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()

    async def scenario() -> int:
        bot = Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot")
        waiting = asyncio.create_task(wait_for_api(bot, repeat(0.05)))
        while not [r for r in caplog.records if "not reachable" in r.getMessage()]:
            await asyncio.sleep(0.01)
        with FakeBotAPI(port=port):
            failed = await asyncio.wait_for(waiting, 10)
            await bot.shutdown()
        return failed

    with caplog.at_level(logging.WARNING):
        failed = asyncio.run(scenario())
    assert failed >= 1 and len([r for r in caplog.records if "not reachable" in r.getMessage()]) == failed

    async def refused_token() -> None:
        with FakeBotAPI() as api:
            api.fail_next("getMe", error_code=401, description="Unauthorized")
            await wait_for_api(Bot(TOKEN, base_url=api.base_url), repeat(0.05))

    with pytest.raises(InvalidToken):
        asyncio.run(refused_token())


def test_backoff_doubles_to_a_cap_with_jitter() -> None:
    delays = backoff(first=1.0, cap=8.0, jitter=0.25)
    got: list[Any] = [next(delays) for _ in range(6)]
    for delay, base in zip(got, [1, 2, 4, 8, 8, 8], strict=True):
        assert 0.75 * base <= delay <= 1.25 * base


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
        webhook = Webhook(app, **options)  # the server run_bot runs (webhook.py)
        await webhook.start()
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
            await webhook.stop()
            await app.stop()
            await app.shutdown()
        return statuses, answered

    statuses, answered = asyncio.run(scenario())
    assert statuses == [403, 403, 200]
    assert len(answered) == 1  # only the update with the secret reached /thongke
    [webhook] = api.calls("setWebhook")
    assert webhook.params["secret_token"] == GOOD_SECRET and webhook.params["url"].endswith(options["url_path"])
