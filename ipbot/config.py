"""Settings: the only place that reads the environment (and an optional ``.env`` file)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["DEFAULT_DATA_DIR", "Settings"]

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


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

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(v) for v in value.replace(";", ",").split(",") if v.strip()]
        if isinstance(value, int):
            return [value]
        return value

    @property
    def database(self) -> Path:
        return self.db_path or self.data_dir / "ipbot.db"
