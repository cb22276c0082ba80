"""A plan's tasks as a spreadsheet (Excel via openpyxl, or CSV): one row per task.

Every column an official would paste into a report; amounts stay numbers (million VND)
so they can be summed in Excel. The workbook is ready to print and hand on: the plan's
title, number and date on top, landscape A4 fitted to the page width, the header
repeated on every page, a totals row. Only the document's own words go in: a task the
document leaves unnumbered is cited as the document places it, and the notes column is
the budget table's «Ghi chú», not the curators' notes. Pure functions returning bytes:
the Telegram bot sends them as documents, the CLI writes them to files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal

from ipbot.describe import agency_list, timeline_phrase
from ipbot.plans.models import Plan, Task
from ipbot.plans.store import Knowledge

__all__ = ["columns", "heading", "rows", "to_csv", "to_xlsx"]

_FIXED = [
    ("Số TT", 8),
    ("Nhóm nhiệm vụ", 40),
    ("Nội dung", 70),
    ("Mục tiêu", 60),
    ("Thời gian", 16),
    ("Thời gian thực hiện (tháng)", 12),
    ("Cơ quan chủ trì", 34),
    ("Cơ quan phối hợp", 44),
    (_TASK_TOTAL := "Tổng kinh phí thực hiện (triệu đồng)", 16),
]
_TAIL = [("Kinh phí (tình trạng)", 22), ("Ghi chú (bảng dự toán)", 40), ("Mục trong văn bản", 14)]
_TOTALS = "Cộng các dòng"
_STATED = "Dòng «Cộng» bảng dự toán ghi"


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
    return [
        f"({task.label})" if task.label else task.number,
        groups.get(task.group, task.group),
        task.content,
        task.objective or "",
        timeline_phrase(task) or "",
        task.duration_months,
        agency_list(task.named(s, knowledge.agency(plan, s).name) for s in task.lead) or (task.lead_note or ""),
        agency_list(task.named(s, knowledge.agency(plan, s).name) for s in task.cooperating),
        b.total,
        *[b.allocation.get(s.key) for s in plan.budget.sources],
        _STATUS[b.status],
        b.note or "",
        task.section,
    ]


def _stated_row(plan: Plan, cols: list[tuple[str, int]]) -> list[object] | None:
    """The budget table's printed «Cộng» row under the same columns, or None without a table."""
    table = plan.budget.table
    if table is None:
        return None
    row: list[object] = [_STATED] + [None] * (len(cols) - 1)
    names = [name for name, _ in cols]
    if table.stated_task_total is not None:
        row[names.index(_TASK_TOTAL)] = float(table.stated_task_total)
    for source in plan.budget.sources:
        if source.key in table.stated_allocation:
            row[names.index(f"{source.label} (triệu đồng)")] = float(table.stated_allocation[source.key])
    return row


def heading(plan: Plan) -> list[str]:
    """The lines above the table: title, then number, date and issuer as the document gives them."""
    issued = [f"Số {plan.number}" if plan.number else "", plan.issued_text or "", plan.issuer or ""]
    second = ", ".join(part for part in issued if part)
    return [plan.title] + ([second] if second else [])


def to_csv(knowledge: Knowledge, plan: Plan) -> bytes:
    """UTF-8 with a BOM so Excel opens the Vietnamese text correctly; decimal point as written."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _ in columns(plan)])
    for row in rows(knowledge, plan):
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(knowledge: Knowledge, plan: Plan) -> bytes:
    """An Excel workbook: a sheet of tasks ready to print (title block, header, totals row)
    and a sheet of the plan's stated totals."""
    from openpyxl import Workbook  # only exports need it
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    cols = columns(plan)
    last = get_column_letter(len(cols))
    lines = heading(plan)
    for n, text in enumerate(lines, start=1):
        ws.cell(row=n, column=1, value=text)
        ws.merge_cells(f"A{n}:{last}{n}")
    ws["A1"].font = Font(bold=True, size=13)
    header_row = len(lines) + 2  # a blank row between the title block and the table
    for i, (name, _) in enumerate(cols, start=1):
        ws.cell(row=header_row, column=i, value=name)
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    data = list(rows(knowledge, plan))
    for row in data:
        ws.append([float(v) if isinstance(v, Decimal) else v for v in row])
    money = [i for i, (name, _) in enumerate(cols) if "triệu đồng" in name]
    totals: list[object] = [_TOTALS] + [None] * (len(cols) - 1)
    for i in money:
        column = [v for v in (row[i] for row in data) if isinstance(v, Decimal)]
        totals[i] = float(sum(column, Decimal(0))) if column else None
    ws.append(totals)
    stated = _stated_row(plan, cols)
    if stated is not None:  # the table's own «Cộng», beside the rows added up (they may differ)
        ws.append(stated)
    for row in ws.iter_rows(min_row=header_row + len(data) + 1):
        for cell in row:
            cell.font = Font(bold=True)
    for i, (_, width) in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows(min_row=header_row + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column - 1 in money and cell.value is not None:
                cell.number_format = "#,##0.0##"
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + len(data)}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True

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
