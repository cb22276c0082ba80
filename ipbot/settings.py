"""The settings model: every setting, read from the environment and an optional ``.env`` file.

Imported through :mod:`ipbot.config` (``from ipbot.config import Settings``), which loads it, and
pydantic-settings with it, only when something asks for it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from ipbot.config import DEFAULT_DATA_DIR

__all__ = ["Settings"]

MIN_HASH_KEY = 16


class Settings(BaseSettings):
    """Everything configurable, with defaults that run the bundled data locally."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_file_url: str | None = None
    mode: Literal["polling", "webhook"] = Field("polling", alias="IPBOT_MODE")
    webhook_url: str | None = Field(None, alias="IPBOT_WEBHOOK_URL")
    webhook_listen: str = Field("127.0.0.1", alias="IPBOT_WEBHOOK_LISTEN")
    webhook_port: int = Field(8443, alias="IPBOT_WEBHOOK_PORT")
    webhook_secret: SecretStr | None = Field(None, alias="IPBOT_WEBHOOK_SECRET")
    admin_ids: Annotated[list[int], NoDecode] = []
    data_dir: Path = Field(DEFAULT_DATA_DIR, alias="IPBOT_DATA_DIR")
    db_path: Path | None = Field(None, alias="IPBOT_DB_PATH")
    state_path: Path = Field(Path("state/ipbot-state.sqlite3"), alias="IPBOT_STATE_PATH")
    user_rate: int = Field(20, alias="IPBOT_USER_RATE", description="questions per minute per user")
    hash_key: SecretStr | None = Field(
        None,
        alias="IPBOT_HASH_KEY",
        description="the key of the hashes that stand for users and chats in the state database",
    )
    retention_days: int = Field(
        90, alias="IPBOT_RETENTION_DAYS", gt=0, description="how long question text and feedback are kept"
    )
    reminder_time: dt.time = Field(
        dt.time(7, 30), alias="IPBOT_REMINDER_TIME", description="when the daily reminders go out, Vietnam time"
    )

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]
            if not all(p.lstrip("-").isdigit() for p in parts):
                raise ValueError("must be numeric Telegram user ids separated by commas, e.g. 123456789,987654321")
            return [int(p) for p in parts]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("reminder_time", mode="before")
    @classmethod
    def _clock(cls, value: object) -> object:
        """HH:MM:SS on the Vietnam clock (UTC+7), so an operator never has to convert to UTC; a zone
        written into the value would contradict that, so it is refused rather than silently mixed."""
        if isinstance(value, dt.time) and value.tzinfo is None:
            return value
        found = re.fullmatch(r"\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*", value) if isinstance(value, str) else None
        if found:
            hour, minute, second = int(found[1]), int(found[2]), int(found[3] or 0)
            if hour < 24 and minute < 60 and second < 60:
                return dt.time(hour, minute, second)
        raise ValueError("must be a time of day HH:MM:SS in Vietnam time (UTC+7), e.g. 07:30:00")

    @field_validator("hash_key")
    @classmethod
    def _long_key(cls, value: SecretStr | None) -> SecretStr | None:
        """A short key can be guessed, and with it every hash in the state database undone."""
        if value is not None and len(value.get_secret_value().strip()) < MIN_HASH_KEY:
            raise ValueError(f"must be at least {MIN_HASH_KEY} characters (or unset: the bot then makes one)")
        return value

    @property
    def database(self) -> Path:
        return self.db_path or self.data_dir / "ipbot.db"
