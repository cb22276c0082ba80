"""A plan's tasks as a spreadsheet (Excel via openpyxl, or CSV): one row per task.

Every column an official would paste into a report; amounts stay numbers (million VND)
so they can be summed in Excel, and the header is frozen. Pure functions returning
bytes: the Telegram bot sends them as documents, the CLI writes them to files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal

from ipbot.describe import agency_list, timeline_phrase
from ipbot.plans.models import Plan, Task
from ipbot.plans.store import Knowledge

__all__ = ["columns", "rows", "to_csv", "to_xlsx"]

_FIXED = [
    ("Số TT", 8),
    ("Nhóm nhiệm vụ", 40),
    ("Nội dung", 70),
    ("Mục tiêu", 60),
    ("Thời gian", 16),
    ("Thời gian thực hiện (tháng)", 12),
    ("Cơ quan chủ trì", 34),
    ("Cơ quan phối hợp", 44),
    ("Tổng kinh phí thực hiện (triệu đồng)", 16),
]
_TAIL = [("Kinh phí (tình trạng)", 22), ("Ghi chú", 50), ("Mục trong văn bản", 14)]


_STATUS = {
    "row": "Có trong bảng dự toán",
    "recurring": "Hoạt động thường xuyên",
    "no_row": "Không có dòng trong bảng dự toán",
    "not_itemised": "Kế hoạch không nêu kinh phí từng nhiệm vụ",
}


def columns(plan: Plan) -> list[tuple[str, int]]:
    """Header names and widths: the fixed columns, one per funding source, then the rest."""
    sources = [(f"{s.label} (triệu đồng)", 16) for s in plan.budget.sources]
    return [*_FIXED, *sources, *_TAIL]


def rows(knowledge: Knowledge, plan: Plan) -> Iterator[list[object]]:
    """One list of cell values per task, in document order (amounts as Decimal or None)."""
    groups = {g.number: g.title for g in plan.groups}
    for task in plan.tasks:
        yield _row(knowledge, plan, task, groups)


def _row(knowledge: Knowledge, plan: Plan, task: Task, groups: dict[str, str]) -> list[object]:
    b = task.budget
    notes = [n for n in ([b.note] if b.note else []) + task.notes if n]
    return [
        task.number,
        groups.get(task.group, task.group),
        task.content,
        task.objective or "",
        timeline_phrase(task) or "",
        task.duration_months,
        agency_list(knowledge.agency(plan, s).name for s in task.lead) or (task.lead_note or ""),
        agency_list(knowledge.agency(plan, s).name for s in task.cooperating),
        b.total,
        *[b.allocation.get(s.key) for s in plan.budget.sources],
        _STATUS[b.status],
        "\n".join(notes),
        task.section,
    ]


def to_csv(knowledge: Knowledge, plan: Plan) -> bytes:
    """UTF-8 with a BOM so Excel opens the Vietnamese text correctly; decimal point as written."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _ in columns(plan)])
    for row in rows(knowledge, plan):
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(knowledge: Knowledge, plan: Plan) -> bytes:
    """An Excel workbook: a sheet of tasks (frozen header, widths, number formats) and totals."""
    from openpyxl import Workbook  # only exports need it
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    cols = columns(plan)
    ws.append([name for name, _ in cols])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows(knowledge, plan):
        ws.append([float(v) if isinstance(v, Decimal) else v for v in row])
    money_columns = [i for i, (name, _) in enumerate(cols, start=1) if "triệu đồng" in name]
    for i, (_, width) in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column in money_columns and cell.value is not None:
                cell.number_format = "#,##0.0##"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions

    summary = wb.create_sheet("Tổng hợp")
    summary.append(["Kế hoạch", plan.title])
    summary.append(["Nguồn", f"{plan.source_file}"])
    if plan.budget.total is not None:
        summary.append(["Tổng kinh phí kế hoạch (triệu đồng)", float(plan.budget.total)])
    for source in plan.budget.sources:
        if source.amount is not None:
            summary.append([f"{source.long_label or source.label} (triệu đồng)", float(source.amount)])
    summary.column_dimensions["A"].width = 50
    summary.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
