"""Updates of different chats at once, the updates of one chat in order.

Why: python-telegram-bot handles one update at a time by default, so anything one chat waits for
— a chart being drawn, a choice being written to a state database another process has locked —
held up every other chat (a 12-second lock once blocked the whole bot). Running every update at
once would let two quick messages of one chat overtake each other and read the conversation's
context before the earlier one kept it; a lane per chat keeps that order.

Each update's handling is also where the inbox (:mod:`.inbox`) learns that an update is being
handled and when it is over, so that one a crash interrupts is taken up after the restart.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable
from typing import Any, Protocol

from telegram import Update
from telegram.ext import BaseUpdateProcessor

__all__ = ["PerChatUpdates", "UpdateHooks", "lane"]


class UpdateHooks(Protocol):
    """Told when each update's handling begins (in the task that handles it) and ends."""

    def begin(self, update: object) -> contextvars.Token[int | None]: ...

    async def end(self, update: object, token: contextvars.Token[int | None]) -> None: ...


def lane(update: object) -> object:
    """The lane an update runs in: its chat, else its user (inline queries have no chat), else
    one shared lane for updates that name neither."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
    return ("other", None)


class PerChatUpdates(BaseUpdateProcessor):
    """At most ``max_concurrent_updates`` updates at once, one at a time within a lane."""

    def __init__(self, max_concurrent_updates: int = 256, hooks: UpdateHooks | None = None) -> None:
        super().__init__(max_concurrent_updates)
        self.hooks = hooks
        self._locks: dict[object, asyncio.Lock] = {}
        self._waiting: dict[object, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = lane(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:  # asyncio.Lock wakes its waiters in the order they came
                if self.hooks is None:
                    await coroutine
                else:
                    token = self.hooks.begin(update)
                    try:
                        await coroutine
                    finally:
                        await self.hooks.end(update, token)
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # forget idle lanes, so memory follows the chats active now
                del self._waiting[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up: lanes are made as chats appear."""

    async def shutdown(self) -> None:
        """Nothing to free: the application awaits the updates still running before this."""
