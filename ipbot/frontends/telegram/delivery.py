"""Bot API calls that survive a flaky network without sending anything twice.

Why: the Bot API fails in ways that need different answers, and the bot once got them wrong both
ways. Three 502s in 0.6 s dropped an answer (three quick retries, then silence), and a
sendMessage that timed out on our side after it had reached Telegram was sent again, two or
three copies. What a failure says about the request decides here:

- the API answered 429: nothing was done; wait ``retry_after`` (and a little more, so many
  clients told the same second do not all come back at once), then repeat;
- the API or its gateway answered 5xx, or the request never left (connection refused, no free
  connection, the request not fully written): nothing was done; repeat after a delay that
  doubles, spread by ±25 % (:func:`backoff`), at most ``attempts`` times;
- the request was sent and no answer came (a read timeout, the connection dropped): Telegram may
  have done it. A call that is the same done twice (an edit, getMe, setMyCommands…) is
  repeated; one that is not (a message, a photo, a callback answer) is never sent again: the
  update it answers is marked (:meth:`~ipbot.frontends.telegram.inbox.Inbox.uncertain`) and
  its chat gets one short note that an answer may be missing, once its handling is over.

A call that finally fails is logged once with its method and its chat, the chat named by a
keyed hash (never its id), and raised to the caller.

This is also where the updates Telegram sends are first seen: one python-telegram-bot cannot
parse made its polling loop ask for it again at once, forever (11,885 log lines in 30 s).
:meth:`BotAPIRequest.post` hands getUpdates' answer on with such an update replaced by its bare
``update_id`` (which nothing handles), so it is skipped once and logged once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import re
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import httpx
from telegram import Update
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import ApplicationBuilder
from telegram.request import BaseRequest, HTTPXRequest, RequestData
from telegram.warnings import PTBDeprecationWarning

from ipbot.frontends.telegram.inbox import Inbox
from ipbot.frontends.telegram.lanes import PerChatUpdates
from ipbot.frontends.telegram.state import StateStore

__all__ = ["BotAPIRequest", "Unreadable", "backoff", "may_have_arrived", "reliable", "repeatable", "visible"]

log = logging.getLogger(__name__)

ATTEMPTS = 5
"""Tries of a call that failed without being done: 0.5 + 1 + 2 + 4 s ≈ 7.5 s of waiting at most."""
FIRST_DELAY = 0.5
MAX_DELAY = 8.0
LONGEST_WAIT = 60.0
"""A 429 asking for a longer wait than this is not waited out: the call fails (and is logged)."""
READ_TIMEOUT = 5.0
"""How long a call waits for Telegram's answer (python-telegram-bot's default)."""

REPEATABLE = frozenset(
    {
        "getme",
        "getchat",
        "getchatmember",
        "getfile",
        "getwebhookinfo",
        "getmycommands",
        "setmycommands",
        "deletemycommands",
        "setmydescription",
        "setmyshortdescription",
        "setwebhook",
        "deletewebhook",
        "sendchataction",
        "editmessagetext",
        "editmessagecaption",
        "editmessagereplymarkup",
        "editmessagemedia",
    }
)
"""Calls that are the same done once or twice: repeated even when the first may have arrived (a
second identical edit is refused as "not modified", which callers already treat as done)."""

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.WriteError, httpx.WriteTimeout)
"""Failures before the whole request left: Telegram cannot have acted on it."""


def backoff(first: float = 1.0, cap: float = 60.0, jitter: float = 0.25) -> Iterator[float]:
    """Delays that double from ``first`` up to ``cap``, each spread by ±``jitter`` so that many
    clients failing together (bots restarted at once, one chat's messages) do not knock at once."""
    delay = first
    while True:
        yield delay * random.uniform(1 - jitter, 1 + jitter)
        delay = min(cap, delay * 2)


def repeatable(method: str) -> bool:
    return method.lower() in REPEATABLE


def visible(method: str) -> bool:
    """Whether a call shows the user something in a chat (a reply to what they sent)."""
    name = method.lower()
    return (name.startswith("send") and name != "sendchataction") or name.startswith(("edit", "copy", "forward"))


def may_have_arrived(exc: TelegramError) -> bool:
    """Whether Telegram may have acted on a call that failed with ``exc``: it was sent whole and
    no answer came back. An answer with an error status (429, 5xx, 4xx) says it was not done;
    a connection that could not be made or a request not fully written cannot have been."""
    if isinstance(exc, RetryAfter) or not isinstance(exc, NetworkError):
        return False
    cause = exc.__cause__
    if not isinstance(cause, httpx.HTTPError):
        return False  # Telegram answered (an error status), or PTB's own check failed first
    return not isinstance(cause, _NOT_SENT)


def _seconds(exc: RetryAfter) -> float:
    """``retry_after`` in seconds, whichever type this python-telegram-bot gives (it is moving from
    int to timedelta, and warns on each read meanwhile)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = exc.retry_after
    return wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)


class BotAPIRequest(HTTPXRequest):
    """python-telegram-bot's HTTP client with the retries described above.

    ``inbox`` learns which update a reply goes out for (and which may be missing); ``chat_tag``
    names a chat in log lines (a keyed hash). ``updates``: the client of getUpdates, whose
    failures python-telegram-bot's polling loop retries itself; here only unreadable updates
    are taken out."""

    def __init__(
        self,
        *,
        inbox: Inbox | None = None,
        chat_tag: Callable[[int], str] | None = None,
        updates: bool = False,
        attempts: int | None = None,
        first_delay: float | None = None,
        max_delay: float | None = None,
        longest_wait: float | None = None,
        **httpx_options: Any,
    ) -> None:
        """Unset numbers are this module's constants as they are when the client is made."""
        httpx_options.setdefault("connection_pool_size", 1 if updates else 256)
        httpx_options.setdefault("read_timeout", READ_TIMEOUT)
        super().__init__(**httpx_options)
        self.inbox = inbox
        self.chat_tag = chat_tag
        self.updates = updates
        self.attempts = max(1, ATTEMPTS if attempts is None else attempts)
        self.first_delay = FIRST_DELAY if first_delay is None else first_delay
        self.max_delay = MAX_DELAY if max_delay is None else max_delay
        self.longest_wait = LONGEST_WAIT if longest_wait is None else longest_wait
        self.unreadable = Unreadable()

    async def post(
        self,
        url: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> Any:
        method = url.rsplit("/", 1)[-1]

        async def once() -> Any:
            return await super(BotAPIRequest, self).post(
                url,
                request_data,
                read_timeout=read_timeout,
                write_timeout=write_timeout,
                connect_timeout=connect_timeout,
                pool_timeout=pool_timeout,
            )

        if method.lower() == "getupdates":
            if self.inbox is not None:
                await self.inbox.confirming()  # its offset confirms the updates taken: kept first
            result = await once()
            return self.readable(result) if isinstance(result, list) else result
        if method.lower() == "getme":
            return await once()  # start-up waits for the API with a backoff of its own (startup.wait_for_api)
        if self.inbox is not None and visible(method):
            await self.inbox.sending()
        return await self._with_retries(method, request_data, once)

    async def _with_retries(self, method: str, request_data: RequestData | None, once: Callable[[], Any]) -> Any:
        delays = backoff(self.first_delay, self.max_delay)
        attempt = 0
        while True:
            attempt += 1
            try:
                return await once()
            except BadRequest:
                raise  # permanent (a NetworkError to python-telegram-bot, but sending again cannot help)
            except RetryAfter as exc:
                asked = _seconds(exc)
                wait = asked * random.uniform(1.0, 1.1) + 0.05
                reason = f"flood control, retry after {asked:g} s"
                if wait > self.longest_wait or attempt >= self.attempts:
                    self._gave_up(method, request_data, reason, attempt)
                    raise
            except NetworkError as exc:  # timeouts, dropped connections, 5xx
                reason = _reason(exc)
                if may_have_arrived(exc) and not repeatable(method):
                    self._maybe_delivered(method, request_data, reason)
                    raise
                if attempt >= self.attempts:
                    self._gave_up(method, request_data, reason, attempt)
                    raise
                wait = next(delays)
            log.warning(
                "Bot API %s%s failed (%s), attempt %d of %d; retrying in %.1f s",
                method,
                self._chat(request_data),
                reason,
                attempt,
                self.attempts,
                wait,
            )
            await asyncio.sleep(wait)

    def _gave_up(self, method: str, request_data: RequestData | None, reason: str, attempts: int) -> None:
        log.warning(
            "Bot API %s%s failed for good after %d attempts (%s)", method, self._chat(request_data), attempts, reason
        )

    def _maybe_delivered(self, method: str, request_data: RequestData | None, reason: str) -> None:
        log.warning(
            "Bot API %s%s got no answer (%s); not sent again, as it may have arrived",
            method,
            self._chat(request_data),
            reason,
        )
        if self.inbox is not None and visible(method):  # a lost toast is not worth a message
            self.inbox.uncertain()

    def _chat(self, request_data: RequestData | None) -> str:
        """`` to chat #<hash>`` for a log line, or nothing (never the chat's id)."""
        if request_data is None or self.chat_tag is None:
            return ""
        chat_id = request_data.parameters.get("chat_id")
        if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
            chat_id = int(chat_id)
        return f" to chat #{self.chat_tag(chat_id)}" if isinstance(chat_id, int) else ""

    # ------------------------------------------------------------------ updates
    def readable(self, updates: list[Any]) -> list[Any]:
        """getUpdates' answer with every update python-telegram-bot cannot parse replaced by its
        bare ``update_id``: polling moves past it, nothing handles it, and it is logged once
        (:class:`Unreadable`)."""
        try:
            Update.de_list(updates, None)
            return updates  # the usual case: parsed once more, all at once
        except Exception:
            pass
        kept: list[Any] = []
        for raw in updates:
            try:
                Update.de_json(raw, None)
                kept.append(raw)
                continue
            except Exception as exc:
                update_id = self.unreadable.skip(raw, exc)
            if update_id is not None:
                kept.append({"update_id": update_id})
        return kept


_FIELD = re.compile(r"[a-z_]{1,40}")
"""What a field of an update is named (``message``, ``callback_query``…): only such names are logged."""


class Unreadable:
    """Updates python-telegram-bot cannot parse, skipped: each logged once, with its id, the kind of
    failure and its top-level field names — never what it holds (text, ids, names). Polling
    (:meth:`BotAPIRequest.readable`) and the webhook (:mod:`.webhook`) both skip them here."""

    def __init__(self, remember: int = 10_000) -> None:
        self.remember = remember
        self._logged: set[object] = set()

    def skip(self, raw: object, exc: BaseException) -> int | None:
        """Log ``raw`` once (not again when Telegram or a restart brings it back); its update id,
        if it has a usable one."""
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            update_id = None
        if isinstance(raw, dict):
            names = [k for k in sorted(k for k in raw if isinstance(k, str)) if _FIELD.fullmatch(k)][:6]
            shape = f"fields {names}"
        else:
            shape = "not a JSON object"
        problem = type(exc).__name__
        key = update_id if update_id is not None else (problem, shape)
        if key not in self._logged:
            if len(self._logged) < self.remember:
                self._logged.add(key)
            log.warning("update %s skipped: it cannot be read (%s; %s)", update_id, problem, shape)
        return update_id


def _reason(exc: TelegramError) -> str:
    cause = exc.__cause__
    if isinstance(cause, httpx.HTTPError):
        return type(cause).__name__
    return str(exc) or type(exc).__name__


def reliable(builder: ApplicationBuilder, store: StateStore) -> ApplicationBuilder:  # type: ignore[type-arg]
    """``builder`` with the Bot API clients above, the inbox as its update queue and updates
    handled a lane per chat, telling the inbox when each begins and ends (see :mod:`.inbox`)."""
    inbox = Inbox(store)
    return (
        builder.request(BotAPIRequest(inbox=inbox, chat_tag=store.chat_tag))
        .get_updates_request(BotAPIRequest(inbox=inbox, updates=True))
        .update_queue(inbox.queue)
        .concurrent_updates(PerChatUpdates(hooks=inbox))
    )
