"""A plan brings its own words: abbreviations added to the global ones, and topic words read as needs.

Without the plan's vocabulary neither question below is understood (the bundled data answers
"chưa tìm thấy"); with it, both land on the plan's task. The abbreviations are process-wide, so
every test leaves them as it found them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from ipbot.assistant import Assistant, build
from ipbot.frontends.render import plain_text
from ipbot.plans.load import load_catalogue
from ipbot.plans.models import Vocabulary
from ipbot.plans.store import DataInvalid, read_knowledge
from ipbot.text import canon, expand, fold, plan_abbreviations, use_plan_abbreviations


@pytest.fixture(autouse=True)
def _restore_abbreviations() -> Iterator[None]:
    before = plan_abbreviations()
    yield
    use_plan_abbreviations(before)


def _add_vocabulary(data: Path, plan_id: str, vocabulary: dict[str, object]) -> None:
    path = data / "plans" / f"{plan_id}.yaml"
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    plan["vocabulary"] = vocabulary
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_vocabulary_is_kept_folded() -> None:
    v = Vocabulary(abbreviations={"TCNT": "Thịt cừu Ninh Thuận"}, topics={"lô hội": ["nha đam"]})
    assert v.abbreviations == {"tcnt": "thit cuu ninh thuan"}
    with pytest.raises(ValueError, match="has no words"):
        Vocabulary(abbreviations={"…": "x"})
    with pytest.raises(ValueError, match="names none"):
        Vocabulary(topics={"lô hội": []})


def test_a_plans_words_are_understood(data_copy: Path, tmp_path: Path) -> None:
    _add_vocabulary(data_copy, "ninh-thuan-2022", {"topics": {"lô hội": ["nha đam"]}})
    _add_vocabulary(data_copy, "ninh-thuan-2023", {"abbreviations": {"TCNT": "thịt cừu Ninh Thuận"}})
    target = tmp_path / "ipbot.db"
    build(data_copy, target)
    assert expand(fold("TCNT")) == "thit cuu ninh thuan"
    assistant = Assistant(read_knowledge(target))
    try:
        aloe = assistant.ask("ai chủ trì nhiệm vụ lô hội năm 2022")
        assert aloe.answered and "nha đam" in canon(plain_text(aloe))
        sheep = assistant.ask("TCNT 2023 ai chủ trì")
        assert sheep.answered and "3.3" in plain_text(sheep) and "Sở Khoa học và Công nghệ" in plain_text(sheep)
    finally:
        assistant.close()


def test_reading_the_database_brings_the_plans_abbreviations_back(data_copy: Path, tmp_path: Path) -> None:
    _add_vocabulary(data_copy, "ninh-thuan-2023", {"abbreviations": {"TCNT": "thịt cừu Ninh Thuận"}})
    target = tmp_path / "ipbot.db"
    build(data_copy, target)
    use_plan_abbreviations({})  # a fresh process: only the database knows the plan's words
    assert expand("tcnt") == "tcnt"
    read_knowledge(target)
    assert expand("tcnt") == "thit cuu ninh thuan"


def test_a_plan_may_not_redefine_an_abbreviation(data_copy: Path, tmp_path: Path) -> None:
    _add_vocabulary(data_copy, "ninh-thuan-2023", {"abbreviations": {"KH": "khoa học"}})
    problems = [p for p in load_catalogue(data_copy).errors if p.where.startswith("vocabulary")]
    assert [(p.file, p.where) for p in problems] == [("ninh-thuan-2023.yaml", "vocabulary.abbreviations.kh")]
    with pytest.raises(DataInvalid, match="already means 'ke hoach'"):
        build(data_copy, tmp_path / "ipbot.db")
