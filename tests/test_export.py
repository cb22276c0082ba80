"""Spreadsheet export: the workbook opens, one row per task, amounts as numbers that sum like the data."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ipbot.files import export
from ipbot.plans.store import Knowledge

HEADER_ROW = 4  # title, number and date, a blank row, then the header


def _table(ws: Worksheet) -> tuple[list[object], list[tuple[object, ...]]]:
    """The header and the task rows (without the totals under them)."""
    header = [c.value for c in ws[HEADER_ROW]]
    rows = [
        r for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if not str(r[0]).startswith(("Cộng", "Dòng"))
    ]
    return header, rows


@pytest.mark.parametrize("plan_id", ["ninh-thuan-2022", "ninh-thuan-2023", "thai-binh-2021-2030"])
def test_workbook_has_a_row_per_task(knowledge: Knowledge, plan_id: str) -> None:
    plan = knowledge.plans[plan_id]
    wb = load_workbook(io.BytesIO(export.to_xlsx(knowledge, plan)))
    ws = wb["Nhiệm vụ"]
    header, rows = _table(ws)
    assert header[:3] == ["Số TT", "Nhóm nhiệm vụ", "Nội dung"]
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    numbers = [row[0] for row in rows]
    assert numbers == [f"({t.label})" if t.label else t.number for t in plan.tasks]  # only the document's numbers
    assert ws.column_dimensions["C"].width >= 60


@pytest.mark.parametrize("plan_id", ["ninh-thuan-2022", "ninh-thuan-2023", "thai-binh-2021-2030"])
def test_workbook_is_ready_to_print(knowledge: Knowledge, plan_id: str) -> None:
    plan = knowledge.plans[plan_id]
    ws = load_workbook(io.BytesIO(export.to_xlsx(knowledge, plan)))["Nhiệm vụ"]
    assert ws["A1"].value == plan.title
    if plan.number:
        assert f"Số {plan.number}" in ws["A2"].value
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"  # the header on every printed page
    last = [c.value for c in ws[ws.max_row]]
    assert any(str(v).startswith(("Cộng", "Dòng «Cộng»")) for v in last[:1])


def test_workbook_totals_row_adds_the_rows_and_shows_the_tables_own_total(knowledge: Knowledge) -> None:
    plan = knowledge.plans["ninh-thuan-2023"]
    ws = load_workbook(io.BytesIO(export.to_xlsx(knowledge, plan)))["Nhiệm vụ"]
    header = [c.value for c in ws[HEADER_ROW]]
    total_col = header.index("Tổng kinh phí thực hiện (triệu đồng)")
    by_label = {row[0]: row for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert by_label["Cộng các dòng"][total_col] == pytest.approx(8867.6)
    assert by_label["Dòng «Cộng» bảng dự toán ghi"][total_col] == pytest.approx(9128.6)  # as printed


def test_workbook_notes_are_the_documents_not_the_curators(knowledge: Knowledge) -> None:
    plan = knowledge.plans["ninh-thuan-2022"]
    ws = load_workbook(io.BytesIO(export.to_xlsx(knowledge, plan)))["Nhiệm vụ"]
    text = " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    for task in plan.tasks:
        for note in task.notes:
            assert note not in text


def test_workbook_amounts_are_numbers_that_sum_like_the_data(knowledge: Knowledge) -> None:
    plan = knowledge.plans["ninh-thuan-2023"]
    ws = load_workbook(io.BytesIO(export.to_xlsx(knowledge, plan)))["Nhiệm vụ"]
    header, rows = _table(ws)
    total_col = header.index("Tổng kinh phí thực hiện (triệu đồng)")
    science_col = header.index("NS sự nghiệp khoa học (triệu đồng)")
    totals = [r[total_col] for r in rows if r[total_col] is not None]
    assert all(isinstance(v, int | float) for v in totals)
    assert round(sum(totals), 1) == 8867.6  # the rows, not the table's stated 9.128,6
    assert round(sum(r[science_col] or 0 for r in rows), 1) == 1017.6
    row_3_3 = next(r for r in rows if r[0] == "3.3")
    assert row_3_3[header.index("Cơ quan chủ trì")] == "Sở Khoa học và Công nghệ"
    assert row_3_3[header.index("Thời gian")] == "Quý I năm 2023"
    assert row_3_3[header.index("Thời gian thực hiện (tháng)")] == 24


def test_summary_sheet_states_the_plan_totals(knowledge: Knowledge) -> None:
    plan = knowledge.plans["ninh-thuan-2023"]
    summary = load_workbook(io.BytesIO(export.to_xlsx(knowledge, plan)))["Tổng hợp"]
    values = {row[0]: row[1] for row in summary.iter_rows(values_only=True)}
    assert values["Tổng kinh phí kế hoạch (triệu đồng)"] == pytest.approx(3832.6)


def test_csv_matches_the_data(knowledge: Knowledge) -> None:
    plan = knowledge.plans["ninh-thuan-2023"]
    data = export.to_csv(knowledge, plan)
    assert data.startswith("\ufeff".encode())
    reader = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(reader) == len(plan.tasks) + 1
    by_number = {row[0]: row for row in reader[1:]}
    header = reader[0]
    assert Decimal(by_number["3.1"][header.index("Đề xuất NSTU hỗ trợ (triệu đồng)")]) == Decimal("2000")
    assert by_number["3.2"][header.index("Kinh phí (tình trạng)")] == "Hoạt động thường xuyên"
