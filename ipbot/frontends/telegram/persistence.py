"""PTB persistence over :class:`~ipbot.frontends.telegram.state.StateStore` (SQLite, JSON values, transactions).

PicklePersistence can leave a corrupt file when the process dies mid-write, and
22.8 has a bug where dropped data comes back; here every update is one SQLite
transaction and a drop is a ``delete``. Only JSON-serialisable data is stored, which
is all ipbot keeps (chat settings and conversation context).
"""

from __future__ import annotations

from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

from ipbot.frontends.telegram.state import StateStore

__all__ = ["SQLitePersistence"]


class SQLitePersistence(BasePersistence[dict[str, Any], dict[str, Any], dict[str, Any]]):
    """Chat and user data in SQLite.

    ``bot_data`` is not persisted: it holds the running services (the core, the state
    store), which are rebuilt at start-up; callback data is not used either, because
    buttons carry self-describing data that survives restarts on its own.
    """

    def __init__(self, store: StateStore, update_interval: float = 2.0) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, user_data=False, callback_data=False),
            update_interval=update_interval,
        )
        self.store = store

    async def get_user_data(self) -> dict[int, dict[str, Any]]:
        return {int(k): dict(v) for k, v in self.store.all("user_data").items()}  # type: ignore[call-overload]

    async def get_chat_data(self) -> dict[int, dict[str, Any]]:
        return {int(k): dict(v) for k, v in self.store.all("chat_data").items()}  # type: ignore[call-overload]

    async def get_bot_data(self) -> dict[str, Any]:
        value = self.store.get("bot_data", "bot", {})
        return dict(value) if isinstance(value, dict) else {}

    async def get_callback_data(self) -> Any:
        return None

    async def get_conversations(self, name: str) -> dict[tuple[int | str, ...], object]:
        stored = self.store.all(f"conversation:{name}")
        return {tuple(_decode_key(k)): v for k, v in stored.items()}  # type: ignore[misc]

    async def update_conversation(self, name: str, key: tuple[int | str, ...], new_state: object | None) -> None:
        if new_state is None:
            self.store.delete(f"conversation:{name}", _encode_key(key))
        else:
            self.store.put(f"conversation:{name}", _encode_key(key), new_state)

    async def update_user_data(self, user_id: int, data: dict[str, Any]) -> None:
        self.store.put("user_data", user_id, data)

    async def update_chat_data(self, chat_id: int, data: dict[str, Any]) -> None:
        self.store.put("chat_data", chat_id, data)

    async def update_bot_data(self, data: dict[str, Any]) -> None:
        self.store.put("bot_data", "bot", data)

    async def update_callback_data(self, data: Any) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        self.store.delete("chat_data", chat_id)

    async def drop_user_data(self, user_id: int) -> None:
        self.store.delete("user_data", user_id)

    async def refresh_user_data(self, user_id: int, user_data: dict[str, Any]) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[str, Any]) -> None:
        return None

    async def refresh_bot_data(self, bot_data: dict[str, Any]) -> None:
        return None

    async def flush(self) -> None:
        return None  # every update is already committed


def _encode_key(key: tuple[int | str, ...]) -> str:
    return ",".join(str(part) for part in key)


def _decode_key(text: str) -> list[int | str]:
    return [int(p) if p.lstrip("-").isdigit() else p for p in text.split(",")]
