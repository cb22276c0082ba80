"""The webhook: the small HTTP server Telegram posts updates to, in place of python-telegram-bot's.

Why not the library's (``Application.run_webhook``, ``telegram.ext._utils.webhookhandler``):
an update it cannot parse it logs whole, at CRITICAL ("Received data was: …": the user's text,
their ids and names), and answers 400. Telegram repeats a delivery that got no 2xx and gives up
only "after a reasonable amount of attempts" (Bot API, setWebhook), so the same update came back
and was logged in full again each time. Its DEBUG lines also print every update received and the
secret a refused request carried. Polling already skips such an update once and logs it once,
without its content (:class:`~.delivery.Unreadable`); here the webhook does the same.

What a POST gets:

- no ``X-Telegram-Bot-Api-Secret-Token`` or a wrong one: 403, nothing read (a forged
  ``/taidulieu`` goes nowhere); a log line at most once a minute, with how many were refused,
  never what they carried;
- a body that is not an update the library can parse (not JSON, not an object, a field of the
  wrong type): 200, and the update is skipped, logged once (its id, the kind of failure, its
  field names). 200, not 400: the same bytes will never parse, and an error status only makes
  Telegram send them again; the secret is checked first, so only Telegram gets this 200;
- an update: 200 once it is in the application's queue, which keeps it in the inbox before
  ``put`` returns (:class:`~.inbox.InboxQueue`): Telegram forgets it at this answer.

No access log (one line per update is noise, and the path is made from the token's hash). The
run (:func:`run_webhook`) keeps python-telegram-bot's order — initialise, ``post_init``, listen and
set the webhook, start; on SIGINT, SIGTERM or SIGABRT: stop listening, stop (handling what is
queued), ``post_stop``, shut down, ``post_shutdown`` — with public API only.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
import time
from collections.abc import Sequence
from types import TracebackType
from typing import Any

import tornado.web
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ExtBot
from tornado.httpserver import HTTPServer

from ipbot.frontends.telegram.delivery import Unreadable

__all__ = ["SECRET_HEADER", "Webhook", "WebhookFault", "run_webhook"]

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
REFUSAL_LOG_EVERY = 60.0
"""Seconds between two log lines about refused requests (a flood of forged posts is one line a minute)."""
MAX_CONNECTIONS = 40
"""What Telegram may open at once (its default, and python-telegram-bot's)."""
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGABRT)


class WebhookFault(Exception):
    """The webhook cannot be set up (the port is taken, Telegram refused the URL): one line."""


class Webhook:
    """Listens on ``listen:port`` for Telegram's POSTs to ``/url_path`` and tells Telegram to send
    them to ``webhook_url`` (:meth:`start`); :meth:`receive` decides what each POST gets."""

    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        *,
        listen: str,
        port: int,
        url_path: str,
        webhook_url: str,
        secret_token: str,
        allowed_updates: Sequence[str] | None = None,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        if not secret_token:  # startup.check_webhook refuses to start without one; never serve without it
            raise WebhookFault("the webhook needs a secret token")
        self.application = application
        self.listen = listen
        self.port = port
        self.path = "/" + url_path.strip("/")
        self.webhook_url = webhook_url
        self.allowed_updates = allowed_updates
        self.max_connections = max_connections
        self.unreadable = Unreadable()
        self.refused = 0
        """Requests refused for a missing or wrong secret since start."""
        self.clock = time.monotonic
        self._secret = secret_token.encode()
        self._refusals_logged = 0
        self._refusal_logged_at: float | None = None
        app = _App([(rf"{self.path}/?", _Endpoint, {"webhook": self})])
        self._server = HTTPServer(app, xheaders=False)
        self._listening = False

    async def start(self) -> None:
        """Listen first, then tell Telegram where to post: an update it sends at once finds the
        server up. :class:`WebhookFault` when either fails."""
        try:
            self._server.listen(self.port, address=self.listen)
        except OSError as exc:
            raise WebhookFault(
                f"the webhook cannot listen on {self.listen}:{self.port}: {exc.strerror or exc}"
            ) from None
        self._listening = True
        try:
            await self.application.bot.set_webhook(
                url=self.webhook_url,
                allowed_updates=self.allowed_updates,
                max_connections=self.max_connections,
                secret_token=self._secret.decode(),
            )
        except TelegramError as exc:
            await self.stop()
            raise WebhookFault(f"Telegram did not set the webhook ({exc})") from None
        log.info("webhook: listening on %s:%d", self.listen, self.port)

    async def stop(self) -> None:
        """Stop taking requests (those in progress are cut: Telegram sends them again)."""
        if not self._listening:
            return
        self._listening = False
        self._server.stop()
        await self._server.close_all_connections()

    async def receive(self, secret: str | None, body: bytes) -> int:
        """What one POST gets (see the module): 403, or 200 once the update is skipped or queued."""
        if secret is None or not hmac.compare_digest(secret.encode(errors="replace"), self._secret):
            self._refuse()
            return 403
        data: Any = None
        try:
            data = json.loads(body)
            if not isinstance(data, dict):
                raise TypeError("not a JSON object")
            update = Update.de_json(data, self.application.bot)
        except Exception as exc:  # whatever fails to parse fails the same way every time: skip it
            self.unreadable.skip(data, exc)
            return 200
        bot = self.application.bot
        if isinstance(bot, ExtBot):  # as the library does: buttons with arbitrary data, if ever enabled
            bot.insert_callback_data(update)
        await self.application.update_queue.put(update)
        return 200

    def _refuse(self) -> None:
        self.refused += 1
        now = self.clock()
        if self._refusal_logged_at is not None and now - self._refusal_logged_at < REFUSAL_LOG_EVERY:
            return
        log.warning(
            "webhook: requests without the right secret token refused (403): %d since the last such line",
            self.refused - self._refusals_logged,
        )
        self._refusal_logged_at, self._refusals_logged = now, self.refused


class _App(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """No access log (see the module)."""


class _Endpoint(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("POST",)  # type: ignore[assignment]

    def initialize(self, webhook: Webhook) -> None:
        self.webhook = webhook

    async def post(self) -> None:
        status = await self.webhook.receive(self.request.headers.get(SECRET_HEADER), self.request.body)
        self.set_status(status)
        await self.finish()

    def log_exception(
        self, typ: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Tornado's own line names the request (its path, made from the token's hash); a bug in
        handling it still gets its traceback, which holds no update."""
        if isinstance(value, tornado.web.HTTPError):
            return  # a 405 for a GET, a body too large: the status is the answer
        log.error("webhook: a request failed", exc_info=(typ, value, tb) if typ and value else None)


def run_webhook(application: Application, webhook: Webhook) -> None:  # type: ignore[type-arg]
    """Run ``application`` taking updates from ``webhook`` until a stop signal, on the current
    event loop, in python-telegram-bot's order (see the module); the loop is closed at the end.
    A :class:`WebhookFault` at start-up propagates after everything is shut down."""
    loop = asyncio.get_event_loop()
    for sig in STOP_SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows, nor off the main thread
            loop.add_signal_handler(sig, _exit)
    try:
        loop.run_until_complete(application.initialize())
        if application.post_init is not None:
            loop.run_until_complete(application.post_init(application))
        loop.run_until_complete(webhook.start())
        loop.run_until_complete(application.start())
        loop.run_forever()
    except (KeyboardInterrupt, SystemExit):
        log.info("webhook: stopping")
    finally:
        try:
            loop.run_until_complete(webhook.stop())
            if application.running:
                loop.run_until_complete(application.stop())
                if application.post_stop is not None:
                    loop.run_until_complete(application.post_stop(application))
            loop.run_until_complete(application.shutdown())
            if application.post_shutdown is not None:
                loop.run_until_complete(application.post_shutdown(application))
        finally:
            loop.close()


def _exit() -> None:
    """A stop signal ends :func:`run_webhook`'s loop where it stands, as the library's run does."""
    raise SystemExit
