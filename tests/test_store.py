"""Facts round-trip from the curated files into SQLite; the build is atomic and fresh."""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import add_fixture_plan

from ipbot.assistant import Assistant, build
from ipbot.frontends.render import plain_text
from ipbot.plans.store import (
    DataInvalid,
    build_database,
    data_fingerprint,
    ensure_database,
    open_readonly,
    read_knowledge,
    search,
)


def _task(db_path: Path, plan_id: str, number: str) -> dict:
    db = open_readonly(db_path)
    try:
        row = db.execute("select * from tasks where id = ?", [f"{plan_id}:{number}"]).fetchone()
        columns = [d[0] for d in db.execute("select * from tasks limit 0").description]
        return dict(zip(columns, row, strict=True))
    finally:
        db.conn.close()


def _query(db_path: Path, sql: str, params: list | None = None) -> list[tuple]:
    db = open_readonly(db_path)
    try:
        return [tuple(row) for row in db.execute(sql, params or []).fetchall()]
    finally:
        db.conn.close()


def _roles(db_path: Path, plan_id: str, number: str, role: str) -> list[str]:
    rows = _query(
        db_path,
        "select a.name from task_agencies ta join agencies a on a.id = ta.agency_id "
        "where ta.task_id = ? and ta.role = ? order by ta.position",
        [f"{plan_id}:{number}", role],
    )
    return [r[0] for r in rows]


@pytest.mark.parametrize(
    ("plan_id", "tasks", "targets", "responsibilities"),
    [
        ("ninh-thuan-2022", 18, 2, 12),
        ("ninh-thuan-2023", 15, 1, 5),
        ("thai-binh-2021-2030", 29, 12, 12),
    ],
)
def test_counts_per_plan(db_path: Path, plan_id: str, tasks: int, targets: int, responsibilities: int) -> None:
    assert _query(db_path, "select count(*) from tasks where plan_id = ?", [plan_id])[0][0] == tasks
    assert _query(db_path, "select count(*) from targets where plan_id = ?", [plan_id])[0][0] == targets
    assert _query(db_path, "select count(*) from duties where plan_id = ?", [plan_id])[0][0] == responsibilities


def _row(db_path: Path, number: str) -> dict:
    """A 2023 budget row, amounts in million VND (stored as whole đồng)."""
    db = open_readonly(db_path)
    try:
        cursor = db.execute("select * from budget_rows where task_id = ?", [f"ninh-thuan-2023:{number}"])
        columns = [d[0] for d in cursor.description]
        row = dict(zip(columns, cursor.fetchone(), strict=True))
    finally:
        db.conn.close()
    return {
        k: (None if v is None else Decimal(v) / 1_000_000)
        if k.startswith("src_") or k in ("total", "allocation")
        else v
        for k, v in row.items()
    }


def test_2023_task_3_3_round_trips(db_path: Path) -> None:
    row = _task(db_path, "ninh-thuan-2023", "3.3")
    assert row["timeline"] == "Quý I"
    assert _query(db_path, "select quarter from task_quarters where task_id = 'ninh-thuan-2023:3.3'") == [(1,)]
    assert row["duration_months"] == 24
    assert _roles(db_path, "ninh-thuan-2023", "3.3", "lead") == ["Sở Khoa học và Công nghệ"]
    budget = _row(db_path, "3.3")
    assert budget["total"] == Decimal("1200")
    assert budget["src_ns_khoa_hoc"] == Decimal("300") and budget["src_nstu"] is None


@pytest.mark.parametrize(
    ("number", "total", "allocation"),
    [
        ("3.1", "4800", {"ns_khoa_hoc": "200", "nstu": "2000"}),
        ("3.4", "500", {"ns_khoa_hoc": "150"}),
        ("4.1", "9.2", {"ns_khoa_hoc": "9.2"}),
        ("5.3", "420", {"ns_khac": "420"}),
        ("5.5", "80", {"ns_khac": "80"}),
    ],
)
def test_2023_budget_rows(db_path: Path, number: str, total: str, allocation: dict[str, str]) -> None:
    row = _row(db_path, number)
    assert row["total"] == Decimal(total)
    by_source = {k[4:]: v for k, v in row.items() if k.startswith("src_") and v is not None}
    assert by_source == {k: Decimal(v) for k, v in allocation.items()}
    assert row["allocation"] == sum(by_source.values(), Decimal(0))


@pytest.mark.parametrize(
    ("number", "status"),
    [("3.2", "recurring"), ("5.4", "recurring"), ("2", "no_row"), ("3.5", "no_row"), ("4.2", "no_row")],
)
def test_2023_tasks_without_figures(db_path: Path, number: str, status: str) -> None:
    row = _task(db_path, "ninh-thuan-2023", number)
    assert row["budget_status"] == status
    figures = _query(db_path, "select total from budget_rows where task_id = ?", [f"ninh-thuan-2023:{number}"])
    assert figures in ([], [(None,)])  # no row, or a row that states no figure


def test_2022_nha_dam_has_two_leads_and_no_budget(db_path: Path) -> None:
    assert _roles(db_path, "ninh-thuan-2022", "3.c", "lead") == [
        "Sở Khoa học và Công nghệ",
        "Sở Nông nghiệp và Phát triển nông thôn",
    ]
    row = _task(db_path, "ninh-thuan-2022", "3.c")
    assert row["budget_status"] == "not_itemised"
    assert row["timeline"] is None


def test_plan_level_figures(db_path: Path) -> None:
    totals = dict(_query(db_path, "select id, budget_total from plans"))
    assert totals["ninh-thuan-2022"] == 5_540_000_000  # whole đồng
    assert totals["ninh-thuan-2023"] == 3_832_600_000
    assert totals["thai-binh-2021-2030"] is None
    sources = dict(_query(db_path, "select key, amount from sources where plan_id = 'ninh-thuan-2023'"))
    assert {k: Decimal(v) / 1_000_000 for k, v in sources.items()} == {
        "ns_khoa_hoc": Decimal("1062.6"),
        "ns_khac": Decimal("770"),
        "nstu": Decimal("2000"),
    }


def test_thai_binh_document_and_targets(db_path: Path) -> None:
    plan = _query(db_path, "select number, issued, signer from plans where id = 'thai-binh-2021-2030'")[0]
    assert plan == ("160/KH-UBND", "2021-11-23", "Trần Thị Bích Hằng")
    texts = [
        r[0] for r in _query(db_path, "select text from targets where plan_id = 'thai-binh-2021-2030' and year = 2025")
    ]
    assert any("Tối thiểu 250" in t for t in texts)
    assert any("8-10%" in t for t in texts)
    texts_2030 = " ".join(r[0] for r in _query(db_path, "select text from targets where year = 2030"))
    assert "350" in texts_2030 and "10-12%" in texts_2030


def test_responsibilities_resolve_to_province_agencies(db_path: Path) -> None:
    rows = _query(
        db_path, "select agency_id from duty_agencies where plan_id = 'thai-binh-2021-2030' and section = 'V.4'"
    )
    assert rows == [("thai-binh/so-cong-thuong",)]


def test_discrepancies_recorded(db_path: Path) -> None:
    rows = dict(
        _query(
            db_path,
            "select \"check\", stated || ' vs ' || computed from discrepancies "
            "where plan_id = 'ninh-thuan-2023' and \"check\" is not null",
        )
    )
    assert rows == {
        "table.task_total": "9128.6 vs 8867.6",
        "table.allocation.ns_khoa_hoc": "1062.6 vs 1017.6",
        "table.allocation.ns_khac": "770 vs 500",
    }


def test_fts_finds_folded_text(db_path: Path) -> None:
    hits = search(db_path, "nha dam")
    assert hits and hits[0]["plan_id"] == "ninh-thuan-2022" and hits[0]["ref"] == "3.c"
    assert search(db_path, "Đăng ký") and search(db_path, "dang ky")
    assert search(db_path, '"; drop table tasks; --') == []


def test_database_is_read_only(db_path: Path) -> None:
    db = open_readonly(db_path)
    with pytest.raises(sqlite3.OperationalError):
        db.execute("delete from tasks")
    db.conn.close()


def test_build_is_reproducible(tmp_path: Path, data_dir: Path, db_path: Path) -> None:
    other = tmp_path / "again.db"
    build(data_dir, other)
    tables = ("plans", "tasks", "task_agencies", "budget_rows", "targets", "duties", "duty_items", "task_analogs")
    for table in tables:
        assert _query(other, f"select * from {table} order by 1") == _query(
            db_path, f"select * from {table} order by 1"
        )


def test_failed_build_keeps_the_old_database(data_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "ipbot.db"
    build_database(data_copy, target)
    before = target.read_bytes()
    path = data_copy / "plans" / "ninh-thuan-2023.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("total: 1200", "total: 1300", 1), encoding="utf-8")
    with pytest.raises(DataInvalid):
        build_database(data_copy, target)
    assert target.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp"))


def test_ensure_database_rebuilds_when_data_changes(data_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "ipbot.db"
    ensure_database(data_copy, target)
    assert read_knowledge(target).fingerprint == data_fingerprint(data_copy)
    mtime = target.stat().st_mtime_ns
    ensure_database(data_copy, target)  # unchanged data: no rebuild
    assert target.stat().st_mtime_ns == mtime
    path = data_copy / "plans" / "ninh-thuan-2022.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["short_title"] = "Kế hoạch SHTT 2022 (sửa)"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ensure_database(data_copy, target)
    assert read_knowledge(target).plans["ninh-thuan-2022"].short_title == "Kế hoạch SHTT 2022 (sửa)"


def test_fourth_plan_is_a_data_change(data_copy: Path, tmp_path: Path) -> None:
    add_fixture_plan(data_copy)
    target = tmp_path / "ipbot.db"
    build(data_copy, target)
    knowledge = read_knowledge(target)
    assert set(knowledge.plans) == {"ninh-thuan-2022", "ninh-thuan-2023", "thai-binh-2021-2030", "binh-lam-2024"}
    assert knowledge.agencies["binh-lam/tt-khuyen-nong"].name == "Trung tâm Khuyến nông tỉnh Bình Lâm"
    assert knowledge.agencies["binh-lam/so-khcn"].name == "Sở Khoa học và Công nghệ"
    assert _roles(target, "binh-lam-2024", "1.2", "cooperating") == ["Trung tâm Khuyến nông tỉnh Bình Lâm"]
    # and the new plan is answerable, new province and agency included, with no code change
    assistant = Assistant(knowledge)
    answer = assistant.ask("Bình Lâm: ai phối hợp tập huấn cho hợp tác xã?")
    assert answer.answered and answer.plan_ids == ["binh-lam-2024"]
    assert "Trung tâm Khuyến nông" in plain_text(answer)
    reporting = assistant.ask("hạn báo cáo kế hoạch năm 2024 là khi nào")
    assert not reporting.answered and "không quy định" in plain_text(reporting)


def test_fingerprint_covers_the_words_documents_are_tokenised_with(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stored document tokens depend on data/lexicon/abbreviations.yaml: editing it rebuilds the database."""
    from ipbot.plans import store
    from ipbot.text import WORDS_FILE

    assert WORDS_FILE in store._LEXICON_FILES
    before = data_fingerprint(data_copy)
    edited = tmp_path / "abbreviations.yaml"
    edited.write_text(WORDS_FILE.read_text(encoding="utf-8").replace("{to: hop tac xa,", "{to: hop tac xa xa,"))
    monkeypatch.setattr(store, "_LEXICON_FILES", (edited,))
    assert data_fingerprint(data_copy) != before


def test_a_score_does_not_depend_on_the_order_a_set_iterates_in(assistant: Assistant) -> None:
    """Word weights summed in another order must give the very same score (math.fsum), or ties and
    thresholds would fall differently under another PYTHONHASHSEED and answers would change run to run."""
    index = assistant.reader.index
    grams = index.vocabulary[:400]
    doc = set(grams[::3])
    assert index.coverage(grams, doc)[0] == index.coverage(list(reversed(grams)), doc)[0]


def test_a_column_no_sampled_row_fills_keeps_its_type(tmp_path: Path, data_dir: Path) -> None:
    """At 300 generated plans the first tasks state no length: the column must still be INTEGER, or a
    later "24" is stored as text and an average of months adds an int to a str."""
    data = tmp_path / "data"
    shutil.copytree(data_dir, data, ignore=shutil.ignore_patterns("*.db", "*.db-*"))
    for path in (data / "plans").glob("*.yaml"):
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        for task in plan.get("tasks", []):
            task.pop("duration_months", None)
        path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build_database(data, tmp_path / "ipbot.db")
    types = {row[1]: row[2] for row in _query(tmp_path / "ipbot.db", "pragma table_info(tasks)")}
    assert types["duration_months"] == "INTEGER" and types["year"] == "INTEGER"
