"""PTB persistence over :class:`~ipbot.frontends.telegram.state.StateStore` (SQLite, JSON values, transactions).

PicklePersistence can leave a corrupt file when the process dies mid-write, and 22.8 has a bug
where dropped data comes back; here every update is one SQLite transaction and a drop is a
``delete``. Only JSON-serialisable data is stored, which is all ipbot keeps (a chat's plan and
conversation context).

A chat's data is stored under a keyed hash of its id (never the id), so nothing can be loaded
at start-up by id: each chat's data is read the first time one of its updates arrives
(:meth:`SQLitePersistence.refresh_chat_data`, which PTB calls before every update). The handlers
write a chat's data as soon as they change it; PTB's periodic :meth:`update_chat_data` is only a
backstop, and writes nothing when the data is what was written last.
"""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

from ipbot.frontends.telegram.state import StateStore

__all__ = ["SQLitePersistence"]


class SQLitePersistence(BasePersistence[dict[str, Any], dict[str, Any], dict[str, Any]]):
    """Chat data in SQLite, keyed by a keyed hash of the chat id.

    ``bot_data`` is not persisted: it holds the running services (the core, the state store),
    which are rebuilt at start-up; user data is not kept at all; callback data is not used
    either, because buttons carry self-describing data that survives restarts on its own.
    """

    def __init__(self, store: StateStore, update_interval: float = 60.0) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, user_data=False, chat_data=True, callback_data=False),
            update_interval=update_interval,
        )
        self.store = store
        self._loaded: set[int] = set()

    async def get_user_data(self) -> dict[int, dict[str, Any]]:
        return {}

    async def get_chat_data(self) -> dict[int, dict[str, Any]]:
        return {}  # stored under hashes: each chat's data is read at its first update

    async def get_bot_data(self) -> dict[str, Any]:
        return {}

    async def get_callback_data(self) -> Any:
        return None

    async def get_conversations(self, name: str) -> dict[tuple[int | str, ...], object]:
        return {}

    async def update_conversation(self, name: str, key: tuple[int | str, ...], new_state: object | None) -> None:
        return None

    async def update_user_data(self, user_id: int, data: dict[str, Any]) -> None:
        return None

    async def update_chat_data(self, chat_id: int, data: dict[str, Any]) -> None:
        self.store.save_chat(chat_id, data)

    async def update_bot_data(self, data: dict[str, Any]) -> None:
        return None

    async def update_callback_data(self, data: Any) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        self._loaded.discard(chat_id)
        self.store.drop_chat(chat_id)

    async def drop_user_data(self, user_id: int) -> None:
        return None

    async def refresh_user_data(self, user_id: int, user_data: dict[str, Any]) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[str, Any]) -> None:
        """The chat's stored data, read once, at its first update since start-up (later, the data in
        memory is the newer one)."""
        if chat_id in self._loaded:
            return
        self._loaded.add(chat_id)
        stored = self.store.chat_data(chat_id)
        for key, value in stored.items():
            chat_data.setdefault(key, value)

    async def refresh_bot_data(self, bot_data: dict[str, Any]) -> None:
        return None

    async def flush(self) -> None:
        await asyncio.to_thread(self.store.flush)  # the writes already enqueued; PTB calls this at shutdown
