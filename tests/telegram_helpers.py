"""Helpers for the end-to-end tests of the Telegram front end (tests/test_telegram_bot.py).

``RunningBot`` starts the real :func:`ipbot.frontends.telegram.bot.build_application` against the stand-in Bot API
server (:mod:`fake_botapi`), in the same order as ``Application.run_polling`` (initialize, post_init, start,
start polling), and always stops it again. The other helpers check what the bot sent: Telegram HTML
validity, message length, button data size.
"""

from __future__ import annotations

import asyncio
import html
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from types import TracebackType
from typing import Any

from fake_botapi import Call, FakeBotAPI
from telegram.ext import Application

from ipbot import phrases
from ipbot.config import Settings
from ipbot.frontends.telegram.bot import Services, build_application

TOKEN = "123:ABC"
BOT_USERNAME = "ipbot_test_bot"
USER_ID = 1001  # the stand-in server's default user; a private chat's id is the user's id
ADMIN_ID = 1
GROUP_ID = -1_000_000_000_000 - USER_ID  # the stand-in server's default group chat id for USER_ID
PLAN_2022 = "ninh-thuan-2022"
PLAN_2023 = "ninh-thuan-2023"
MakeServices = Callable[..., Services]
"""Build Services (each with a new StateStore): the ``make_services`` fixture (tests/conftest.py)."""
TELEGRAM_LIMIT = 4096
CALLBACK_LIMIT = 64
ALLOWED_TAGS = frozenset({"b", "i"})
#: Telegram HTML knows only these named entities, and numeric ones.
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)\s*/?>")
#: Methods whose text the bot produces (everything except polling and start-up calls).
TEXT_METHODS = ("sendMessage", "editMessageText")


def make_settings(api: FakeBotAPI, state_path: Any, db_path: Any, **extra: Any) -> Settings:
    """Settings for a test: the stand-in server, temporary state and plan database, no .env file.

    Fields with an alias (``IPBOT_*``) must be given by alias: the model does not set ``populate_by_name``.
    """
    values: dict[str, Any] = {
        "telegram_bot_token": TOKEN,
        "telegram_api_base_url": api.base_url,
        "telegram_api_file_url": api.base_file_url,
        "admin_ids": [ADMIN_ID],
        "IPBOT_STATE_PATH": state_path,
        "IPBOT_DB_PATH": db_path,
        "IPBOT_USER_RATE": 1000,
    }
    values.update(extra)
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    assert settings.telegram_api_base_url.startswith("http://127.0.0.1:"), "tests only talk to 127.0.0.1"
    return settings


# ---------------------------------------------------------------- checks on what the bot sent
class _TelegramHTML(HTMLParser):
    """Collects problems of a text sent with parse_mode=HTML: unknown tags, attributes, bad nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}> not allowed")
        if attrs:
            self.problems.append(f"attributes on <{tag}>: {attrs}")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> does not close {self.stack[-1:] or 'anything'}")
        else:
            self.stack.pop()

    def handle_comment(self, data: str) -> None:
        self.problems.append("comment")

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"declaration {decl!r}")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"declaration {data!r}")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"processing instruction {data!r}")


def html_problems(text: str) -> list[str]:
    """Why ``text`` would be rejected by Telegram's HTML parse mode (empty when it is fine)."""
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    problems = list(parser.problems)
    if parser.stack:
        problems.append(f"unclosed tags {parser.stack}")
    # every '<' and '>' must belong to an allowed tag, every '&' must start an entity
    bare = _TAG.sub("", text)
    if "<" in bare or ">" in bare:
        problems.append("bare '<' or '>' outside a tag")
    if _ENTITY.sub("", bare).count("&"):
        problems.append("bare '&' outside an entity")
    return problems


def assert_telegram_html(text: str) -> None:
    problems = html_problems(text)
    assert not problems, f"invalid Telegram HTML ({problems}): {text[:300]!r}"


def buttons(call: Call) -> list[tuple[str, str]]:
    """(label, callback_data) of every inline button of a sendMessage/editMessageText call, row by row."""
    markup = call.params.get("reply_markup")
    if not isinstance(markup, dict):
        return []
    return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]


def callback_data(call: Call, prefix: str = "") -> list[str]:
    return [data for _, data in buttons(call) if data.startswith(prefix)]


def assert_well_formed(api: FakeBotAPI) -> None:
    """Every text the bot sent or edited: HTML parse mode (Defaults), valid HTML, ≤ 4096 characters,
    button data ≤ 64 bytes, and never the error handler's apology."""
    for method in TEXT_METHODS:
        for call in api.calls(method):
            text = call.params.get("text", "")
            assert text, f"empty {method}"
            assert call.params.get("parse_mode") == "HTML", call.params
            assert len(text) <= TELEGRAM_LIMIT, f"{method} text of {len(text)} characters"
            assert_telegram_html(text)
            assert text != phrases.ERROR_REPLY, "the error handler answered"
            for label, data in buttons(call):
                assert 0 < len(data.encode()) <= CALLBACK_LIMIT, (label, data)
                assert label


RESTART_NOTES = tuple(
    html.escape(text.split("{", 1)[0])
    for text in (
        phrases.RESTART_NOT_ANSWERED,
        phrases.RESTART_MAYBE_ANSWERED,
        phrases.RESTART_BUTTON,
        phrases.RESTART_MAYBE_BUTTON,
        phrases.ANSWER_MAYBE_MISSING,
    )
)


def is_restart_note(call: Call) -> bool:
    """A note of the inbox (ipbot/frontends/telegram/inbox.py) rather than an answer: after a
    restart, about what a crash interrupted, or about an answer that may be missing."""
    return str(call.params.get("text", "")).startswith(RESTART_NOTES)


def texts(calls: list[Call]) -> str:
    return "\n".join(c.params.get("text", "") for c in calls)


# ---------------------------------------------------------------- the running application
class RunningBot:
    """``async with RunningBot(api, settings, services) as bot:`` — a real ipbot Application, polling the
    stand-in server, stopped on exit even when the test fails."""

    def __init__(
        self,
        api: FakeBotAPI,
        settings: Settings,
        services: Services,
        *,
        rate_limit: bool = False,
        persistence_interval: float = 0.2,
    ) -> None:
        self.api = api
        self.settings = settings
        self.services = services
        self.rate_limit = rate_limit
        self.persistence_interval = persistence_interval
        self.app: Application | None = None

    @property
    def application(self) -> Application:
        assert self.app is not None, "not started"
        return self.app

    async def __aenter__(self) -> RunningBot:
        app = build_application(
            self.settings, self.services, rate_limit=self.rate_limit, persistence_interval=self.persistence_interval
        )
        self.app = app
        try:
            await app.initialize()
            if app.post_init is not None:  # run_polling() calls post_init between initialize and start
                await app.post_init(app)
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
        except BaseException:
            await self._stop()
            raise
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._stop()

    async def _stop(self) -> None:
        app = self.app
        if app is None:
            return
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()

    # ------------------------------------------------------------ driving it
    async def send(
        self, update: dict[str, Any], method: str = "sendMessage", count: int = 1, timeout: float = 8.0
    ) -> list[Call]:
        """Push an update and wait for ``count`` new ``method`` calls; returns the new calls."""
        before = len(self.api.calls(method))
        self.api.push_update(update)
        calls = await self.api.wait_for(method, count=before + count, timeout=timeout)
        return calls[before:]

    async def ask(self, text: str, **kwargs: Any) -> Call:
        """A private (or, with chat_type, group) message; returns the single reply."""
        [call] = await self.send(self.api.message_update(text, **kwargs))
        return call

    async def press(
        self,
        data: str,
        method: str = "editMessageText",
        message_id: int | None = None,
        chat_id: int = USER_ID,
        user_id: int = USER_ID,
        **kwargs: Any,
    ) -> Call:
        """Press an inline button; waits for the answerCallbackQuery and one ``method`` call."""
        before = len(self.api.calls("answerCallbackQuery"))
        update = self.api.callback_update(data, chat_id=chat_id, user_id=user_id, message_id=message_id, **kwargs)
        [call] = await self.send(update, method)
        await self.api.wait_for("answerCallbackQuery", count=before + 1)
        return call

    def last_message_id(self, chat_id: int = USER_ID) -> int:
        """The id of the newest message the bot sent to ``chat_id`` (to press its buttons)."""
        ids = [m["message_id"] for m in self.api.sent_messages() if m["chat"]["id"] == chat_id]
        assert ids, f"the bot sent nothing to {chat_id}"
        return max(ids)

    async def settle(self, quiet: float = 0.3, limit: float = 5.0) -> None:
        """Wait until the bot made no call (other than polling) for ``quiet`` seconds."""
        deadline = time.monotonic() + limit

        def activity() -> int:
            return sum(1 for c in self.api.calls() if c.method.lower() != "getupdates")

        seen = activity()
        while time.monotonic() < deadline:
            await asyncio.sleep(quiet)
            now = activity()
            if now == seen and not self.api.pending_updates() and self.application.update_queue.empty():
                return
            seen = now


# ---------------------------------------------------------------- the real process
def bot_env(api_url: str, state_path: Path, db_path: Path, **extra: str) -> dict[str, str]:
    """The environment of ``python -m ipbot run`` in a test: the stand-in server, temporary files, no
    network (``PATH`` empty, ``HOME`` a temporary folder so no user config is read)."""
    env = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api_url,
        "IPBOT_DB_PATH": str(db_path),
        "IPBOT_STATE_PATH": str(state_path),
        "ADMIN_IDS": str(ADMIN_ID),
        "HOME": str(state_path.parent),
        "PATH": "",
    }
    env.update(extra)
    return env


class BotProcess:
    """``with BotProcess(env, folder) as bot:`` — the bot as systemd runs it, in a process of its
    own (so it can be killed with SIGKILL), everything it writes kept in a file; killed on exit
    if still running."""

    def __init__(self, env: dict[str, str], folder: Path, name: str = "bot") -> None:
        self.env = env
        self.folder = folder
        self.log_path = folder / f"{name}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BotProcess:
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "wb") as log:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "ipbot", "run"],
                env=self.env,
                cwd=self.folder,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.kill()

    @property
    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def wait_for_output(self, text: str, timeout: float = 20.0) -> str:
        """Poll the output until it holds ``text`` (or the process ended, or time ran out: AssertionError)."""
        deadline = time.monotonic() + timeout
        while text not in (out := self.output):
            if self.proc is not None and self.proc.poll() is not None:
                raise AssertionError(f"the bot exited ({self.proc.returncode}) without printing {text!r}:\n{out}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {text!r} within {timeout}s:\n{out}")
            time.sleep(0.02)
        return out

    def wait(self, timeout: float = 30.0) -> int:
        """Wait for the process to end by itself; its exit status."""
        assert self.proc is not None
        return self.proc.wait(timeout)

    def kill(self) -> None:
        """SIGKILL, as ``kill -9``: nothing the bot holds in memory survives, no handler runs."""
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM, as systemd stops it; the exit status."""
        assert self.proc is not None
        self.proc.terminate()
        return self.proc.wait(timeout)
