"""The importer drafts plan files from documents: measured against the curated files, and usable as is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ipbot.assistant import Assistant, build
from ipbot.frontends.cli import main
from ipbot.frontends.render import plain_text
from ipbot.plans.checks import check_catalogue
from ipbot.plans.importing import draft_plan, finish, score_draft, to_yaml
from ipbot.plans.load import load_catalogue, load_registry
from ipbot.plans.models import Plan
from ipbot.plans.store import read_knowledge

DOCUMENTS = ["ninh-thuan-2022", "ninh-thuan-2023", "thai-binh-2021-2030"]
UNSEEN = Path(__file__).parent / "data" / "unseen"


@pytest.fixture(scope="module")
def registry(data_dir: Path) -> list:
    return load_registry(data_dir / "agencies.yaml")


@pytest.mark.parametrize("plan_id", DOCUMENTS)
def test_draft_matches_the_curated_file(data_dir: Path, registry: list, plan_id: str) -> None:
    curated = load_catalogue(data_dir).plans[plan_id]
    draft = finish(draft_plan(data_dir / "sources" / f"{plan_id}.txt", registry))
    score = score_draft(draft, curated)
    print(
        f"{plan_id}: {score.all_three}/{score.tasks} tasks with lead, timeline and budget right "
        f"({score.share:.0%}); lead {score.lead}, timeline {score.timeline}, budget {score.budget}"
    )
    assert score.found == score.tasks
    assert score.share >= 0.9
    assert Plan.model_validate(draft.data).number == curated.number


def _data_dir_with(tmp_path: Path, data_dir: Path, draft_yaml: str, source: Path, plan_id: str) -> Path:
    target = tmp_path / "data"
    (target / "plans").mkdir(parents=True)
    (target / "sources").mkdir()
    shutil.copy(data_dir / "agencies.yaml", target / "agencies.yaml")
    (target / "plans" / f"{plan_id}.yaml").write_text(draft_yaml, encoding="utf-8")
    shutil.copy(source, target / "sources" / f"{plan_id}.txt")
    return target


@pytest.mark.parametrize("plan_id", DOCUMENTS)
def test_draft_passes_check_data_with_warnings_only(
    tmp_path: Path, data_dir: Path, registry: list, plan_id: str
) -> None:
    source = data_dir / "sources" / f"{plan_id}.txt"
    draft = finish(draft_plan(source, registry))
    target = _data_dir_with(tmp_path, data_dir, to_yaml(draft), source, plan_id)
    problems = check_catalogue(load_catalogue(target))
    assert [str(p) for p in problems if p.level == "error"] == []
    assert len([p for p in problems if p.level == "warning"]) == len(draft.notes)


def test_docx_documents_import_like_text(tmp_path: Path, data_dir: Path, registry: list) -> None:
    from docx import Document

    doc = Document()
    lines = (data_dir / "sources" / "ninh-thuan-2023.txt").read_text(encoding="utf-8").splitlines()
    table_rows = [line.split("\t") for line in lines if "\t" in line]
    for line in lines:
        if "\t" not in line:
            doc.add_paragraph(line)
    width = max(len(r) for r in table_rows)
    table = doc.add_table(rows=len(table_rows), cols=width)
    for r, cells in enumerate(table_rows):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    path = tmp_path / "ke-hoach.docx"
    doc.save(path)
    draft = finish(draft_plan(path, registry))
    curated = load_catalogue(data_dir).plans["ninh-thuan-2023"]
    assert score_draft(draft, curated).share >= 0.9


def test_import_text_command_writes_a_plan_the_bot_can_answer(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "data"
    (target / "plans").mkdir(parents=True)
    (target / "sources").mkdir()
    shutil.copy(data_dir / "agencies.yaml", target / "agencies.yaml")
    monkeypatch.setenv("IPBOT_DATA_DIR", str(target))
    monkeypatch.setenv("IPBOT_DB_PATH", str(tmp_path / "ipbot.db"))
    assert main(["import-text", str(data_dir / "sources" / "ninh-thuan-2023.txt")]) == 0
    assert (target / "plans" / "ninh-thuan-2023.yaml").exists()
    assert main(["import-text", str(data_dir / "sources" / "ninh-thuan-2023.txt")]) == 1  # never overwrites
    assert main(["check-data", "--data", str(target)]) == 0
    build(target, tmp_path / "ipbot.db")
    answer = Assistant(read_knowledge(tmp_path / "ipbot.db")).ask("ai chủ trì nhiệm vụ 3.3 năm 2023")
    assert answer.answered and "Sở Khoa học và Công nghệ" in plain_text(answer)


# ---------------------------------------------------------------- documents the importer has never seen
def _score_against_key(draft, key: dict, registry: list) -> tuple[int, int]:
    """Tasks of the key whose lead, timeline and budget the draft gets right (names resolved alike)."""
    from decimal import Decimal

    from ipbot.plans.importing import AgencyMatcher

    matcher = AgencyMatcher(registry, key["province"])
    drafted = {t["number"]: t for t in draft.data["tasks"]}
    labels = {s["key"]: s["label"] for s in draft.data["budget"]["sources"]}
    right = 0
    for expected in key["tasks"]:
        task = drafted.get(expected["number"])
        if task is None:
            continue
        lead = [s for name in expected["lead"] for s in matcher.resolve(name)[0]]
        timeline = task.get("timeline") or {}
        budget = task["budget"]
        allocation = {labels[k]: Decimal(str(v)) for k, v in budget.get("allocation", {}).items()}
        total = Decimal(str(budget["total"])) if budget.get("total") is not None else None
        ok = (
            task["lead"] == lead
            and list(timeline.get("quarters", [])) == expected["quarters"]
            and bool(timeline.get("whole_year")) == expected["whole_year"]
            and budget["status"] == expected["budget_status"]
            and total == (Decimal(expected["total"]) if expected["total"] is not None else None)
            and allocation == {k: Decimal(v) for k, v in expected["allocation"].items()}
        )
        right += ok
    return right, len(key["tasks"])


@pytest.mark.parametrize("name", ["lam-giang-2024", "son-ha-2022-2026"])
def test_unseen_province_documents(tmp_path: Path, data_dir: Path, registry: list, name: str) -> None:
    import json

    key = json.loads((UNSEEN / f"{name}.key.json").read_text(encoding="utf-8"))
    source = UNSEEN / f"{name}.txt"
    draft = finish(draft_plan(source, registry))
    plan = Plan.model_validate(draft.data)
    assert (plan.number, plan.province, plan.year_start, plan.year_end) == (
        key["number"],
        key["province"],
        key["year_start"],
        key["year_end"],
    )
    assert plan.issued is not None and plan.issued.isoformat() == key["issued"]
    assert plan.signer is not None and plan.signer.name == key["signer"]["name"]
    right, total = _score_against_key(draft, key, registry)
    print(f"{name}: {right}/{total} tasks with lead, timeline and budget right ({right / total:.0%})")
    assert right / total >= 0.9
    # usable as it stands: passes check-data and the plan is answerable, new province and agencies included
    target = _data_dir_with(tmp_path, data_dir, to_yaml(draft), source, plan.id)
    assert [str(p) for p in check_catalogue(load_catalogue(target)) if p.level == "error"] == []
    build(target, tmp_path / "ipbot.db")
    assistant = Assistant(read_knowledge(tmp_path / "ipbot.db"))
    first = key["tasks"][0]
    answer = assistant.ask(f"ai chủ trì nhiệm vụ {first['number']} tỉnh {key['province']}")
    assert answer.plan_ids == [plan.id]


# ---------------------------------------------------------------- how agencies are read
@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Sở Khoa học và Công nghệ, Ủy ban nhân dân các huyện có sản phẩm", ["so-khcn", "ubnd-huyen"]),
        ("Ủy ban nhân dân tỉnh", ["ubnd-tinh"]),
        # a new agency's name runs on across a comma only into a capitalised piece
        ("Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh", ["trung-tam-xuc-tien-dau-tu-thuong-mai-va"]),
        ("Trung tâm Khuyến nông tỉnh, doanh nghiệp, hợp tác xã", ["trung-tam-khuyen-nong-tinh"]),
        ("Trung tâm Khuyến nông; Trường Cao đẳng Sơn Hà", ["trung-tam-khuyen-nong", "truong-cao-dang-son-ha"]),
    ],
)
def test_agency_names_in_a_new_document(registry: list, text: str, ids: list[str]) -> None:
    from ipbot.plans.importing import AgencyMatcher

    assert AgencyMatcher(registry, "Sơn Hà").resolve(text)[0] == ids


@pytest.mark.parametrize(
    "content",
    [
        "Làm X (Chủ trì: Sở Công Thương; phối hợp: Sở Tài chính).",
        "Làm X (Chủ trì: Sở Công Thương, phối hợp: Sở Tài chính).",
        "Làm X (Sở Công Thương chủ trì, Sở Tài chính phối hợp).",
    ],
)
def test_roles_written_inside_a_task(registry: list, content: str) -> None:
    from ipbot.plans.importing import AgencyMatcher
    from ipbot.plans.importing.tasks import inline_roles as _inline_roles

    task = {"number": "III.1.a", "content": content, "lead": [], "cooperating": []}
    _inline_roles(task, AgencyMatcher(registry, "Sơn Hà"), [])
    assert (task["lead"], task["cooperating"], task["content"]) == (["so-cong-thuong"], ["so-tai-chinh"], "Làm X.")


def test_leads_by_reference_skip_what_the_agency_only_cooperates_on() -> None:
    from ipbot.plans.importing.tasks import leads_by_reference as _leads_by_reference

    tasks = [{"number": n, "lead": []} for n in ("III.1.c", "III.2.b", "III.4.b")]
    duty = "Chủ trì thực hiện nhiệm vụ tại điểm c khoản 1 và điểm b khoản 2; phối hợp thực hiện điểm b khoản 4 Mục III"
    responsibilities = [{"section": "V.1", "agencies": ["so-khcn"], "duties": [{"text": duty}]}]
    _leads_by_reference(responsibilities, tasks, [])
    assert [t["lead"] for t in tasks] == [["so-khcn"], ["so-khcn"], []]
