"""Start-up of the Telegram bot: what it needs, opened so that every fault is one clear line.

Why a module of its own: a start-up fault used to be a bare traceback (a corrupt state file, a
read-only state folder, a state path that is a directory, a webhook without its secret) or a
refusal to start at all (plan data that fails validation even though the database built from the
last good data is right there; with the README's systemd unit, a restart loop every 5 s), and a
Bot API that refused connections ended the process. Here each fault becomes a
:class:`StartupFault` carrying one line for the operator, the old plans are served when the new
data is broken (and /thongke says so), and the API is retried with backoff until it answers.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
import sqlite3
from collections.abc import Iterator

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, RetryAfter

from ipbot.assistant import Assistant
from ipbot.config import Settings
from ipbot.frontends.browse import Browser
from ipbot.frontends.telegram.bot import Services, UserRateLimiter, data_problem
from ipbot.frontends.telegram.delivery import backoff
from ipbot.frontends.telegram.state import StateFault, StateStore
from ipbot.plans.store import DataInvalid, read_knowledge

__all__ = [
    "StartupFault",
    "backoff",
    "check_webhook",
    "open_assistant",
    "open_services",
    "open_state",
    "wait_for_api",
]

log = logging.getLogger(__name__)

WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{16,256}")
"""Telegram allows 1–256 characters of these; fewer than 16 can be guessed."""


class StartupFault(Exception):
    """The bot cannot start; the message is the one line the operator needs."""


def open_services(settings: Settings) -> Services:
    """The core and the state database, or a :class:`StartupFault`."""
    assistant, problem = open_assistant(settings)
    store = open_state(settings)
    return Services(
        settings,
        assistant,
        Browser(assistant.knowledge),
        store,
        UserRateLimiter(settings.user_rate),
        data_problem=problem,
    )


def open_state(settings: Settings) -> StateStore:
    """The state database with the settings' hash key and retention, or a :class:`StartupFault`."""
    key = settings.hash_key.get_secret_value().encode() if settings.hash_key else None
    try:
        return StateStore(settings.state_path, key, retention_days=settings.retention_days)
    except StateFault as exc:
        raise StartupFault(str(exc)) from None


def open_assistant(settings: Settings) -> tuple[Assistant, str | None]:
    """The core over the plan database, rebuilt when data/ changed. When data/ has errors, the
    database built last time is served and the second value says what is wrong (for /thongke);
    only with no such database is it a :class:`StartupFault`."""
    database = settings.database
    try:
        return Assistant.open(settings), None
    except DataInvalid as exc:
        first = " ".join((str(exc.problems[0]) if exc.problems else str(exc)).split())  # one line, always
        try:
            knowledge = read_knowledge(database)
        except (sqlite3.Error, OSError, ValueError):
            raise StartupFault(
                f"the plan data in {settings.data_dir} has {len(exc.problems)} errors and there is no earlier "
                f"database at {database} to serve; run `ipbot check-data`. First error: {first}"
            ) from None
        log.warning(
            "the plan data in %s has %d errors, so the database built earlier (%s) is served until they are "
            "fixed; run `ipbot check-data`. First error: %s",
            settings.data_dir,
            len(exc.problems),
            database,
            first,
        )
        return Assistant(dataclasses.replace(knowledge, data_dir=settings.data_dir)), data_problem(exc)
    except (sqlite3.Error, OSError) as exc:
        raise StartupFault(f"cannot build or read the plan database {database}: {exc}") from None


def check_webhook(settings: Settings) -> None:
    """Webhook mode only with a URL and a secret Telegram sends back with every update: without
    the secret, anyone who finds the URL can post forged updates (an admin's /taidulieu, a
    /thongke sent to any chat)."""
    if not settings.webhook_url:
        raise StartupFault("webhook mode needs IPBOT_WEBHOOK_URL (the public HTTPS address of the bot)")
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    if not WEBHOOK_SECRET.fullmatch(secret):
        why = "is not set" if not secret else "must be 16 to 256 characters of A-Z, a-z, 0-9, _ and -"
        raise StartupFault(
            f"webhook mode refuses to start: IPBOT_WEBHOOK_SECRET {why} (make one with "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
        )


async def wait_for_api(bot: Bot, delays: Iterator[float] | None = None) -> int:
    """Initialise ``bot`` (its getMe), retrying while the API cannot be reached: a bot started
    before the network, or during an outage, waits instead of exiting. A refused token is not
    retried (:class:`InvalidToken` propagates). Returns how many attempts failed."""
    delays = backoff() if delays is None else delays
    failed = 0
    while True:
        try:
            await bot.initialize()
            return failed
        except InvalidToken:
            raise
        except RetryAfter as exc:
            wait = exc.retry_after
            delay = wait if isinstance(wait, (int, float)) else wait.total_seconds()
            reason = "flood control"
        except NetworkError as exc:  # connection refused, DNS, timeouts, 5xx
            delay, reason = next(delays), str(exc) or type(exc).__name__
        failed += 1
        log.warning("Telegram API not reachable (%s); attempt %d failed, retrying in %.1f s", reason, failed, delay)
        await asyncio.sleep(delay)
