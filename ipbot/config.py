"""Settings: the only place that reads the environment (and an optional ``.env`` file).

The full :class:`Settings` (pydantic-settings, which pulls in asyncio and ssl) is loaded the first
time it is asked for. ``ipbot ask`` needs only where the data and the database are: without a
``.env`` file to read, :func:`light_paths` gives them from the environment alone, so a one-question
process starts without it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ipbot.settings import Settings

__all__ = ["DEFAULT_DATA_DIR", "ENV_FILE", "Paths", "Settings", "light_paths"]

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ENV_FILE = ".env"


def __getattr__(name: str) -> object:
    if name == "Settings":
        from ipbot.settings import Settings

        return Settings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Paths:
    """Where the plan data and the plan database are: what answering a question needs."""

    data_dir: Path = DEFAULT_DATA_DIR
    db_path: Path | None = None

    @property
    def database(self) -> Path:
        return self.db_path or self.data_dir / "ipbot.db"


def light_paths() -> Paths | None:
    """The data and database paths from the environment (``IPBOT_DATA_DIR``, ``IPBOT_DB_PATH``), as
    :class:`Settings` reads them; ``None`` when a ``.env`` file is there to read (then ask Settings)."""
    if Path(ENV_FILE).exists():
        return None
    data = os.environ.get("IPBOT_DATA_DIR")
    db = os.environ.get("IPBOT_DB_PATH")
    return Paths(Path(data) if data else DEFAULT_DATA_DIR, Path(db) if db else None)
