"""Every message or button press taken from Telegram is answered, or its sender told, even when
the bot is killed before answering it.

Why: Telegram forgets an update as soon as the bot confirms it — with long polling, by asking for
the next batch, which python-telegram-bot does before the updates just taken are handled; with a
webhook, by answering 200. A kill -9 (an out-of-memory kill, a power cut) in between lost them
without a trace: 194 of 600 updates once went unanswered.

So each one is written to the state database before it is confirmed and deleted once handled:
both polling and the webhook put what they take in :class:`InboxQueue`, which writes it; the
webhook's answer waits for the row, and polling waits for the rows of a whole batch before it asks
for the next (:meth:`Inbox.confirming`, from the Bot API client). Handling
marks the moment a reply starts to go out (:meth:`Inbox.sending`, from the Bot API client). At
start-up what is left is taken up once (:meth:`Inbox.replay`):

- no reply had started: answered now, as if just sent;
- a reply had started: the user may have it, so it is not sent again (no copies); one short note
  says the bot restarted while answering, and to send the question again if the answer is missing;
- it was taken up once already after an earlier restart (it may be what brings the bot down), it
  is older than a day, or it is a button press (Telegram has expired its query by now): one short
  apology asking to send or press it again.

A reply the Bot API client could not be sure of (sent, then no answer: it is not sent again)
earns the chat one note when the update's handling ends (:meth:`Inbox.uncertain`).

Only messages and button presses are kept (an inline query is a search box that is stale within
seconds; edited messages are not answered), in a private chat or addressed to the bot in a
group, without the sender's names, sealed (:class:`~.privacy.Sealer`). A row lives from when
the update is taken until it is handled, usually well under a second. When the state database
is locked or failing, updates are handled without waiting for it (each write waits at most
``wait`` seconds, then none waits until one succeeds again): the bot answers as before, with
the old risk until the disk is back.
"""

from __future__ import annotations

import asyncio
import contextvars
import html
import json
import logging
import sqlite3
import time
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from telegram import Message, ReplyParameters, Update
from telegram.error import TelegramError
from telegram.ext import Application

from ipbot import phrases
from ipbot.frontends.telegram.state import DAY, Pending, StateStore

__all__ = ["CURRENT_UPDATE", "Inbox", "InboxQueue", "Replayed", "minimal", "worth_keeping"]

log = logging.getLogger(__name__)

CURRENT_UPDATE: contextvars.ContextVar[int | None] = contextvars.ContextVar("ipbot_update", default=None)
"""The id of the update whose handling is running (set by :mod:`.lanes` around each update)."""
WAIT = 1.0
"""The longest an update waits for its row (a healthy disk takes a millisecond)."""
CONFIRM_WAIT = 5.0
"""The longest polling waits for a batch's rows (behind other writes) before confirming it."""
REPLAY_AGE = DAY
"""Older than this, an update is not answered after a restart but apologised for (Telegram
itself keeps updates for a day)."""
QUOTE = 60
"""How much of a question a note quotes."""
_PROFILE = frozenset(
    {"username", "last_name", "language_code", "is_premium", "added_to_attachment_menu", "bio", "photo"}
)


def worth_keeping(update: Update) -> bool:
    """A message with text in a private chat, one in a group that may be for the bot (a command,
    a mention, a reply to a bot), or a button press: what gets a reply."""
    query = update.callback_query
    if query is not None:
        return bool(query.data) and query.message is not None
    message = update.message
    if message is None or not message.text:
        return False
    if message.chat.type == "private" or message.text.startswith("/"):
        return True
    replied = message.reply_to_message
    return bool(message.entities) or bool(replied and replied.from_user and replied.from_user.is_bot)


def minimal(data: dict[str, Any]) -> dict[str, Any]:
    """An update as kept: what answering it needs, without the profile fields of the people and
    chats in it (usernames, last names, language…) nor the text of a message it replies to."""

    def strip(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            kept = {k: strip(v, k) for k, v in value.items() if k not in _PROFILE}
            if key == "reply_to_message":  # only who it replied to matters (the bot, in a group)
                kept = {k: kept[k] for k in ("message_id", "date", "chat", "from") if k in kept}
            return kept
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(data)


@dataclass
class Replayed:
    """What :meth:`Inbox.replay` did at start-up."""

    answered: int = 0
    told: int = 0
    dropped: int = 0


class InboxQueue(asyncio.Queue):  # type: ignore[type-arg]  # python-telegram-bot's update queue
    """The application's update queue: an update is kept in the inbox before ``put`` returns, so
    before polling or the webhook confirm it to Telegram; an update taken already (Telegram
    sends it again when the bot stopped before confirming it) is not put twice."""

    def __init__(self, inbox: Inbox) -> None:
        super().__init__()
        self.inbox = inbox

    async def put(self, item: object) -> None:
        if isinstance(item, Update) and not await self.inbox.receive(item):
            return
        await super().put(item)


class Inbox:
    """The updates taken and not yet handled, kept in the state database (see the module)."""

    def __init__(self, store: StateStore, wait: float = WAIT) -> None:
        self.store = store
        self.wait = wait
        self.queue = InboxQueue(self)
        self._seen: OrderedDict[int, None] = OrderedDict()
        self._kept: set[int] = set()
        self._sending: set[int] = set()
        self._uncertain: set[int] = set()
        self._healthy = True
        self._last: Future[Any] | None = None
        self.polling = False
        """Set at the first getUpdates: rows are then waited for before each confirmation, not
        before each update is handled (:meth:`confirming`)."""

    # ------------------------------------------------------------------ while running
    async def receive(self, update: Update) -> bool:
        """Keep ``update`` (waiting for its row); False when it was taken already."""
        update_id = update.update_id
        if update_id in self._seen:
            log.info("update %d was taken already; not handled twice", update_id)
            return False
        self._see(update_id)
        if worth_keeping(update):
            self._kept.add(update_id)
            body = json.dumps(minimal(update.to_dict()), ensure_ascii=False)
            self._last = self.store.enqueue("inbox", self.store.inbox_add, update_id, body)
            if not self.polling:  # a webhook confirms the update when this returns
                await self._wait(self._last)
        return True

    async def confirming(self) -> None:
        """Polling is about to confirm every update taken so far (getUpdates with the next offset):
        wait for their rows, all at once rather than one by one as they are taken."""
        self.polling = True
        if self._last is not None and not self._last.done():
            await self._wait(self._last, max(self.wait, CONFIRM_WAIT))

    def begin(self, update: object) -> contextvars.Token[int | None]:
        """Handling of ``update`` starts (in its own task): the Bot API client can tell which
        update a reply is for."""
        return CURRENT_UPDATE.set(update.update_id if isinstance(update, Update) else None)

    async def end(self, update: object, token: contextvars.Token[int | None]) -> None:
        """Handling of ``update`` is over (answered, refused, or failed and apologised for): its
        row goes; a reply that may be missing gets its note first."""
        CURRENT_UPDATE.reset(token)
        if not isinstance(update, Update):
            return
        update_id = update.update_id
        self._sending.discard(update_id)
        if update_id in self._uncertain:
            self._uncertain.discard(update_id)
            await self._tell(update, phrases.ANSWER_MAYBE_MISSING)
        if update_id in self._kept:
            self._kept.discard(update_id)
            self.store.enqueue("inbox", self.store.inbox_done, update_id)

    async def sending(self) -> None:
        """A reply to the update being handled is about to go out: from now on a restart must not
        send it again. Waits for the mark (once per update)."""
        update_id = CURRENT_UPDATE.get()
        if update_id is None or update_id not in self._kept or update_id in self._sending:
            return
        self._sending.add(update_id)
        await self._wait(self.store.enqueue("inbox", self.store.inbox_sending, update_id))

    def uncertain(self) -> None:
        """A reply to the update being handled was sent and got no answer (so it is not sent
        again): its chat gets a note when the handling ends."""
        update_id = CURRENT_UPDATE.get()
        if update_id is not None:
            self._uncertain.add(update_id)

    def _see(self, update_id: int) -> None:
        self._seen[update_id] = None
        if len(self._seen) > 10_000:
            self._seen.popitem(last=False)

    async def _wait(self, written: Future[Any], timeout: float | None = None) -> None:
        """Wait for a row at most ``wait`` seconds, and not at all while the database is failing."""
        if not self._healthy:
            written.add_done_callback(self._recovered)
            return
        try:
            done = await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(written)), timeout or self.wait)
        except TimeoutError:
            done = None
        if done is None:
            self._healthy = False
            log.warning("inbox: the state database does not answer; updates are handled without it until it does")
            written.add_done_callback(self._recovered)

    def _recovered(self, written: Future[Any]) -> None:
        if written.result() is not None and not self._healthy:
            self._healthy = True
            log.info("inbox: the state database answers again")

    # ------------------------------------------------------------------ at start-up
    async def replay(self, application: Application) -> Replayed:  # type: ignore[type-arg]
        """Take up what was left when the bot last stopped (see the module); call it before the
        application starts handling updates."""
        done = Replayed()
        try:
            pending = self.store.inbox_pending()
        except sqlite3.Error as exc:
            log.warning("inbox: updates left at the last stop not read (%s)", exc)
            return done
        now = time.time()
        for row in pending:
            self._see(row.update_id)
            try:
                if row.body is None:
                    raise ValueError("sealed under another key")
                update = Update.de_json(json.loads(row.body), application.bot)
            except Exception as exc:
                log.warning("inbox: update %d cannot be read back (%s); dropped", row.update_id, type(exc).__name__)
                self._forget(row.update_id)
                done.dropped += 1
                continue
            note = _note(row, update, now)
            if note is None:
                await self._wait(self.store.enqueue("inbox", self.store.inbox_retry, row.update_id))
                self._kept.add(row.update_id)
                await asyncio.Queue.put(self.queue, update)  # kept already: not through receive()
                done.answered += 1
                continue
            # the row goes first: a crash while telling means no note rather than two
            await self._wait(self._forget(row.update_id))
            done.told += await self._tell(update, note)
        if pending:
            log.info(
                "inbox: %d updates were not handled when the bot stopped: %d taken up again, %d chats told, %d dropped",
                len(pending),
                done.answered,
                done.told,
                done.dropped,
            )
        return done

    def _forget(self, update_id: int) -> Future[None]:
        return self.store.enqueue("inbox", self.store.inbox_done, update_id)

    async def _tell(self, update: Update, text: str) -> bool:
        """One short message to the update's chat, as a reply to what it is about."""
        chat = update.effective_chat
        if chat is None:
            return False
        message = update.effective_message
        reply = ReplyParameters(message.message_id, allow_sending_without_reply=True) if message else None
        try:
            await update.get_bot().send_message(chat.id, html.escape(text), reply_parameters=reply)
        except TelegramError as exc:
            log.warning("inbox: chat #%s not told (%s)", self.store.chat_tag(chat.id), exc)
            return False
        return True


def _note(row: Pending, update: Update, now: float) -> str | None:
    """What to tell the chat instead of handling ``update`` again, or None to handle it."""
    if update.callback_query is not None:
        return phrases.RESTART_MAYBE_BUTTON if row.state == "sending" else phrases.RESTART_BUTTON
    message = update.effective_message
    text = message.text if isinstance(message, Message) and message.text else ""
    question = " ".join(text.split())
    question = question if len(question) <= QUOTE else question[: QUOTE - 1].rstrip() + "…"
    if row.state == "sending":
        return phrases.RESTART_MAYBE_ANSWERED.format(question=question)
    if row.attempts >= 1 or now - row.ts > REPLAY_AGE:
        return phrases.RESTART_NOT_ANSWERED.format(question=question)
    return None


async def replay_pending(application: Application) -> Replayed:  # type: ignore[type-arg]
    """:meth:`Inbox.replay` for an application wired by :func:`~.delivery.reliable` (else nothing)."""
    queue = application.update_queue
    return await queue.inbox.replay(application) if isinstance(queue, InboxQueue) else Replayed()
