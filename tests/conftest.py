"""Shared fixtures: the bundled data built once into a temporary database, and a core over it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ipbot.assistant import Assistant, build
from ipbot.config import DEFAULT_DATA_DIR
from ipbot.plans.store import Knowledge, read_knowledge

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
