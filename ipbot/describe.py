"""Plan facts as short Vietnamese phrases: agencies, timelines, money, citations.

Pure functions from models and plain values to strings, shared by answers, exports and
reminders, so the same fact is always worded the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal

from ipbot.plans.models import Task
from ipbot.text import money, quarters_text

__all__ = [
    "agency_list",
    "budget_lines",
    "plan_period",
    "shorten",
    "task_heading",
    "task_line",
    "task_name",
    "task_source",
    "timeline_phrase",
]


def shorten(text: str, limit: int = 110) -> str:
    """Cut at a word boundary with an ellipsis, for lists on a phone screen."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.(")
    return cut + "…"


def agency_list(names: Iterable[str]) -> str:
    """Full names, semicolon-separated (names contain commas): 'Sở Văn hóa, Thể thao và Du lịch; Sở Y tế'."""
    return "; ".join(names)


def plan_period(year_start: int, year_end: int) -> str:
    """'năm 2023' or 'giai đoạn 2021–2025'."""
    return f"năm {year_start}" if year_start == year_end else f"giai đoạn {year_start}–{year_end}"


def task_heading(task: Task) -> str:
    """'Nhiệm vụ 3.3' or the label the data gives an unnumbered item."""
    if task.label:
        return f"Nhiệm vụ {task.number} ({task.label})"
    return f"Nhiệm vụ {task.number}"


def task_line(task: Task, limit: int = 110) -> str:
    """One list line: number and short name, '3.3 — Chỉ dẫn địa lý Thịt cừu Ninh Thuận' (an imported task's whole
    first sentence when its short title is that sentence cut short, see :func:`task_name`)."""
    name = task_name(task, max(limit, 150)) if len(task.title) <= limit else shorten(task.title, limit)
    return f"{task.number} — {name}"


def task_name(task: Task, limit: int = 150) -> str:
    """A task's name in a list that must say what it is about: its content's first sentence when that begins
    with the short title and is not long ("… chỉ dẫn địa lý “Bắc Kạn” cho sản phẩm quả hồng không hạt", the
    product the title leaves out), else the short title."""
    first = re.split(r"(?<=[^\W\d]|[”)])\.\s+(?=[A-ZĐÀ-Ỹ])|;\s|\n", task.content.strip(), maxsplit=1)[0]
    first = re.sub(r'"([^"\n]*)"', r"“\1”", " ".join(first.split()).rstrip(".;:, "))  # (quotes as the title has them)
    if len(first) <= limit and task.title and first.lower().startswith(task.title.lower()):
        return first
    return shorten(task.title, min(limit, 90))


def task_source(plan_title: str, task: Task, table: bool = False) -> str:
    """Where a task's facts come from: the narrative section, or its budget-table row."""
    where = f"mục {task.section}"
    if table and task.budget.row:
        where += f" và bảng dự toán, dòng {task.budget.row.rstrip('.')}"
    return f"Nguồn: {plan_title}, {where}."


# A time the document writes with its own year beside a quarter or a span ("Quý I–II/2024", "2023–2025",
# "Quý III/2024 – Quý II/2025") or as a rhythm ("Hằng năm"): said as written, as rebuilding it from the
# quarters and one year would lose the span or change the words a reader looks for.
# So is a time in months, a length, two years, or a rhythm after quarters ("24 tháng, từ tháng 6 năm 2024 đến tháng 5
# năm 2026", "tháng 4 năm 2025", "Quý IV năm 2024 và Quý IV năm 2025", "Quý II - Quý III hằng năm").
_AS_WRITTEN_RE = re.compile(
    r"20\d\d\s*[-–—/]\s*(?:Quý\s+)?\w+|/\s*20\d\d|(?:hằng|hàng)\s+năm|thường xuyên|tháng\s+\d|\d+\s+tháng"
    r"|20\d\d\s+(?:và|đến)\s",
    re.I,
)


def timeline_phrase(task: Task) -> str | None:
    """'Quý III–IV năm 2023', 'cả năm 2023', the document's own words when they carry their year
    ('Quý I–II/2024', '2023–2025'), or None when the plan gives no time."""
    tl = task.timeline
    if tl is None:
        return None
    if _AS_WRITTEN_RE.search(tl.text):
        return tl.text
    if tl.whole_year:
        return f"cả năm {tl.year}" if tl.year else tl.text
    if tl.quarters:
        text = quarters_text(tl.quarters)
        return f"{text} năm {tl.year}" if tl.year else text
    return tl.text


def budget_lines(task: Task, year: int | None, source_label: Callable[[str], str]) -> tuple[list[str], bool]:
    """The task's budget in words, and whether the plan states one at all.

    The whole-task total and the plan year's allocation (``year`` for an annual plan) are
    kept apart and both named, because the table's "Tổng kinh phí thực hiện" covers the
    task's whole life.
    """
    b = task.budget
    year_text = f"năm {year}" if year else "trong kỳ kế hoạch"
    lines: list[str] = []
    if b.status == "row":
        if b.allocation:
            parts = [f"{money(a)} từ {source_label(k)}" for k, a in b.allocation.items()]
            alloc_total = sum(b.allocation.values(), Decimal(0))
            if len(parts) > 1:
                lines.append(f"Phân bổ {year_text}: {money(alloc_total)}, gồm " + "; ".join(parts) + ".")
            else:
                lines.append(f"Phân bổ {year_text}: {parts[0]}.")
        if b.total is not None:
            life = f" (thời gian thực hiện {task.duration_months} tháng)" if task.duration_months else ""
            lines.append(f"Tổng kinh phí thực hiện cả nhiệm vụ: {money(b.total)}{life}.")
            given = sum(b.allocation.values(), Decimal(0)) if b.allocation else None
            if given is not None and year and b.total > given:
                # a task that runs past the plan's year: what is left to allocate after it (total − allocation)
                lines.append(f"Còn phải bố trí sau năm {year}: {money(b.total - given)}.")
        if b.note:
            lines.append(f"Ghi chú: {b.note}.")
        # the table's own wording sometimes gives the unit cost ("02 lớp/năm x 40 triệu đồng/lớp")
        lines += [n for n in task.notes if n.startswith("Bảng dự toán") and "triệu" in n]
        return lines, True
    if b.status == "recurring":
        return [f"Bảng dự toán ghi: «{b.note or 'Hoạt động thường xuyên'}» — không ghi số tiền riêng."], True
    if b.status == "no_row":
        return ["Bảng dự toán của kế hoạch không có dòng cho nhiệm vụ này, nên kế hoạch không nêu kinh phí."], False
    return ["Kế hoạch không nêu kinh phí riêng cho từng nhiệm vụ."], False
