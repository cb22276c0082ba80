"""What the build stores ready-made is what start-up and reading would otherwise make: the plan models
(pickled, equal parts shared), the documents' word pairs and the places that are their ordinary words;
and the answering core keeps a bounded number of task models."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import pytest

from ipbot.assistant import Assistant
from ipbot.plans import db as plan_db_module
from ipbot.plans.db import PlanDB
from ipbot.plans.models import Plan
from ipbot.plans.pickled import dump_plans, load_plans
from ipbot.plans.store import Knowledge
from ipbot.reading.index import corpus_pairs
from ipbot.reading.places import common_forms


def _json_plans(db_path: Path) -> dict[str, Plan]:
    conn = sqlite3.connect(db_path)
    try:
        return {i: Plan.model_validate_json(j) for i, j in conn.execute("select id, json from plans order by id")}
    finally:
        conn.close()


def test_the_stored_models_are_the_plans_json(knowledge: Knowledge, db_path: Path) -> None:
    from_json = _json_plans(db_path)
    assert list(knowledge.plans) == list(from_json)
    for plan_id, plan in knowledge.plans.items():
        assert plan == from_json[plan_id]
        assert plan.model_dump_json() == from_json[plan_id].model_dump_json()


def test_equal_parts_are_one_object_and_a_changed_copy_its_own(db_path: Path) -> None:
    plans = list(_json_plans(db_path).values())
    loaded = load_plans(dump_plans(plans))
    assert loaded == plans
    tasks = [t for p in loaded for t in p.tasks]
    sets = {id(t.__pydantic_fields_set__) for t in tasks}
    assert len(sets) < len(tasks)  # shared, not one set per task
    copy = tasks[0].model_copy(update={"title": "khác"})
    assert copy.title == "khác" and tasks[0].title != "khác"
    assert copy.__pydantic_fields_set__ is not tasks[0].__pydantic_fields_set__


def test_a_pickle_naming_anything_but_plan_models_is_not_loaded() -> None:
    assert load_plans(pickle.dumps([Path("/etc/passwd")])) is None
    assert load_plans(pickle.dumps(["not a plan"])) is None
    assert load_plans(b"garbage") is None


def test_a_database_without_stored_models_still_loads(knowledge: Knowledge, db_path: Path, tmp_path: Path) -> None:
    from ipbot.plans.store import read_knowledge

    copy = tmp_path / "old.db"
    copy.write_bytes(db_path.read_bytes())
    conn = sqlite3.connect(copy)
    conn.execute("update plan_models set python = 'another python'")
    conn.commit()
    conn.close()
    assert read_knowledge(copy).plans == knowledge.plans


def test_stored_corpus_words_are_the_ones_made_from_the_corpus(assistant: Assistant) -> None:
    reader = assistant.reader
    index = reader.index
    folded = index.corpus("folded")
    never = lambda: pytest.fail("the stored words were not used")  # noqa: E731
    assert index.corpus_pairs(never) == corpus_pairs(folded)
    assert index.common_forms(reader.places, never) == common_forms(reader.places, folded)
    assert "ke hoach" in index.corpus_pairs(never)


def test_task_models_kept_are_bounded(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_db_module, "TASKS_KEPT", 5)
    db = PlanDB(db_path)
    try:
        ids = [r[0] for r in db.conn.execute("select id from tasks order by id limit 12")]
        first = db.tasks(ids)
        assert [f"{t.number}" for t in first] == [i.split(":", 1)[1] for i in ids]
        assert len(db._task_models) == 5
        assert db.tasks(ids[:2]) == first[:2]  # built again, equal
        assert list(db._task_models)[-2:] == ids[:2]
        assert db.tasks([*ids[:1], "no-such:task"]) == first[:1]
    finally:
        db.close()
