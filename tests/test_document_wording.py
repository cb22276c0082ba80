"""A generic agency group is matched by its registry id but shown in the document's own words."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ipbot.assistant import Assistant
from ipbot.files import export
from ipbot.frontends.render import plain_text
from ipbot.plans.checks import check_catalogue
from ipbot.plans.load import load_catalogue
from ipbot.plans.store import Knowledge

# the places an independent check found a registry name standing in for the document's words
WORDING = [
    ("ninh-thuan-2023", "3.1", "Các chủ sở hữu quyền SHCN", "doanh nghiệp"),
    ("ninh-thuan-2023", "5.4", "Các sở ngành và đơn vị có liên quan", "Các sở, ban, ngành liên quan"),
    ("ninh-thuan-2023", "5.5", "Các sở ngành và đơn vị có liên quan", "Các sở, ban, ngành liên quan"),
    ("ninh-thuan-2022", "5.d", "Các sở ngành và đơn vị có liên quan", "Các sở, ban, ngành liên quan"),
    ("ninh-thuan-2022", "3.e", "các cơ quan, địa phương và đơn vị liên quan", "Các cơ quan, đơn vị liên quan"),
]


@pytest.mark.parametrize(("plan_id", "number", "words", "not_said"), WORDING)
def test_the_task_card_says_what_the_document_says(
    assistant: Assistant, plan_id: str, number: str, words: str, not_said: str
) -> None:
    year = plan_id.rsplit("-", 1)[1]
    text = plain_text(assistant.ask(f"nhiệm vụ {number} năm {year} gồm những gì"))
    assert words in text
    assert not_said not in text


@pytest.mark.parametrize(("plan_id", "number", "words", "not_said"), WORDING)
def test_the_workbook_says_what_the_document_says(
    knowledge: Knowledge, plan_id: str, number: str, words: str, not_said: str
) -> None:
    plan = knowledge.plans[plan_id]
    ws = load_workbook(io.BytesIO(export.to_xlsx(knowledge, plan)))["Nhiệm vụ"]
    row = next(r for r in ws.iter_rows(values_only=True) if r[0] == number)
    cooperating = row[7]
    assert words in cooperating and not_said not in cooperating


def test_the_registry_id_still_matches(knowledge: Knowledge) -> None:
    task = next(t for t in knowledge.plans["ninh-thuan-2023"].tasks if t.number == "3.1")
    assert "chu-so-huu" in task.cooperating
    assert task.named("chu-so-huu", "Các chủ sở hữu, doanh nghiệp") == "Các chủ sở hữu quyền SHCN"
    assert task.named("co-quan-chuyen-mon", "Cơ quan chuyên môn liên quan") == "Cơ quan chuyên môn liên quan"


@pytest.mark.parametrize(
    ("said", "message"),
    [
        ("    so-tai-chinh: Sở Tài chính\n", "is neither a lead nor a cooperating agency"),
        ("    chu-so-huu: Các chủ sở hữu và doanh nghiệp\n", "is not in the document"),
    ],
)
def test_check_data_refuses_words_the_task_does_not_have(
    tmp_path: Path, data_dir: Path, said: str, message: str
) -> None:
    target = tmp_path / "data"
    shutil.copytree(data_dir, target)
    path = target / "plans" / "ninh-thuan-2023.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "    chu-so-huu: Các chủ sở hữu quyền SHCN\n"
    assert anchor in text
    path.write_text(text.replace(anchor, said), encoding="utf-8")
    errors = [str(p) for p in check_catalogue(load_catalogue(target)) if p.level == "error"]
    assert any(message in e and "tasks[3.1].said" in e for e in errors), errors


def test_recorded_inconsistencies_are_the_documents(data_dir: Path) -> None:
    """A change between two years' plans and two standard spellings are not inconsistencies of a document."""
    cat = load_catalogue(data_dir)
    ids = {p: {d.id for d in plan.discrepancies} for p, plan in cat.plans.items()}
    assert "ocop-registration-lead-2023" not in ids["ninh-thuan-2022"]
    assert "slip-ba-ti" not in ids["ninh-thuan-2023"]
    assert {"conflict-iv2i-task-5d", "iv2c-gddt-no-task"} <= ids["ninh-thuan-2022"]
