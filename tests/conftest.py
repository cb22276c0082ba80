"""Shared fixtures: the bundled data built once into a temporary database, a core over it, and the
Telegram side (the stand-in Bot API server, settings pointing at it, Services over the core)."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_botapi import FakeBotAPI
from hypothesis import HealthCheck, settings
from telegram_helpers import MakeServices, make_settings

from ipbot.assistant import Assistant, build
from ipbot.config import DEFAULT_DATA_DIR, Settings
from ipbot.frontends.browse import Browser
from ipbot.frontends.telegram.bot import Services, UserRateLimiter
from ipbot.frontends.telegram.startup import open_state
from ipbot.plans.store import Knowledge, read_knowledge

# Generated-input tests (tests/test_generated_inputs.py) take their number of examples from a
# hypothesis profile: "quick" in the normal run (a few seconds), "thorough" (10,000 examples each)
# with IPBOT_HYPOTHESIS=thorough. Tests that name their own max_examples keep it.
_UNHURRIED = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
settings.register_profile("quick", max_examples=150, **_UNHURRIED)
settings.register_profile("thorough", max_examples=10_000, **_UNHURRIED)
settings.load_profile(os.environ.get("IPBOT_HYPOTHESIS", "quick"))

TESTS = Path(__file__).resolve().parent
FIXTURE_PLAN = TESTS / "data" / "fixture-plan"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DEFAULT_DATA_DIR


@pytest.fixture(scope="session")
def db_path(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("db") / "ipbot.db"
    build(data_dir, path)
    return path


@pytest.fixture(scope="session")
def knowledge(db_path: Path) -> Knowledge:
    return read_knowledge(db_path)


@pytest.fixture(scope="session")
def assistant(knowledge: Knowledge) -> Assistant:
    return Assistant(knowledge)


@pytest.fixture
def data_copy(tmp_path: Path, data_dir: Path) -> Path:
    """A writable copy of data/ (plans, sources, registry) to mutate in a test."""
    target = tmp_path / "data"
    shutil.copytree(data_dir, target, ignore=shutil.ignore_patterns("*.db", "*.db-*", "*.tmp"))
    return target


def add_fixture_plan(data: Path) -> None:
    """Add the fictional Bình Lâm 2024 plan: one YAML file and its source text."""
    shutil.copy(FIXTURE_PLAN / "binh-lam-2024.yaml", data / "plans" / "binh-lam-2024.yaml")
    shutil.copy(FIXTURE_PLAN / "binh-lam-2024.txt", data / "sources" / "binh-lam-2024.txt")


# ---------------------------------------------------------------- the Telegram side
@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may reach the network: only 127.0.0.1 / localhost resolve (every test, not only Telegram's)."""
    real = socket.getaddrinfo

    def local_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in ("127.0.0.1", "localhost", b"127.0.0.1", b"localhost", None):
            raise OSError(f"tests must not touch the network (tried {host!r})")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:  # stopped even when the test fails
        yield server


@pytest.fixture
def plan_db(tmp_path: Path, db_path: Path) -> Path:
    """A private copy of the session's plan database, so /taidulieu never writes a shared file."""
    target = tmp_path / "plans" / "ipbot.db"
    target.parent.mkdir()
    shutil.copy(db_path, target)
    return target


@pytest.fixture
def settings(api: FakeBotAPI, tmp_path: Path, plan_db: Path) -> Settings:
    return make_settings(api, tmp_path / "state.sqlite3", plan_db)


def _services(settings: Settings, assistant: Any, limit: int = 1000) -> Services:
    """Services over the session's core (no database rebuild) and a StateStore on settings.state_path."""
    return Services(settings, assistant, Browser(assistant.knowledge), open_state(settings), UserRateLimiter(limit))


@pytest.fixture
def make_services() -> Iterator[MakeServices]:
    """Build Services (each with a NEW StateStore); their state files are closed after the test."""
    made: list[Services] = []

    def make(settings: Settings, assistant: Any, limit: int = 1000) -> Services:
        made.append(_services(settings, assistant, limit))
        return made[-1]

    yield make
    for services in made:
        services.store.close()


@pytest.fixture
def services(settings: Settings, assistant: Assistant, make_services: MakeServices) -> Services:
    return make_services(settings, assistant)
