"""Start-up of the Telegram bot: what it needs, checked so that a fault is one clear line.

Why a module of its own: webhook mode started without a secret token, so anyone who found the
webhook's URL could post forged updates (an admin's /taidulieu, a /thongke sent to any chat).
Each start-up check raises a :class:`StartupFault` carrying one line for the operator.
"""

from __future__ import annotations

import re

from ipbot.config import Settings

__all__ = ["StartupFault", "check_webhook"]

WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{16,256}")
"""Telegram allows 1–256 characters of these; fewer than 16 can be guessed."""


class StartupFault(Exception):
    """The bot cannot start; the message is the one line the operator needs."""


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
