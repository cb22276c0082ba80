"""Answers about one task (or the same question for a few tasks): who, when, how much, why.

Each function returns ``(lines, stated)`` for one task: ``stated`` is False when the
plan does not give what was asked, and the lines then say so and what the plan does
say about the task, never filling the gap from another plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipbot.answers import Answer, Section, Suggestion
from ipbot.describe import agency_list, budget_lines, shorten, task_heading, task_source, timeline_phrase
from ipbot.plans.models import Plan, Task
from ipbot.reading.index import TaskRef
from ipbot.turn import Turn

__all__ = ["TASK_INTENTS", "answer_about_tasks"]

Lines = tuple[list[str], bool]


def _plan_year(plan: Plan) -> str:
    if plan.year_start == plan.year_end:
        return f"Kế hoạch năm {plan.year_start}"
    return f"Kế hoạch giai đoạn {plan.year_start}–{plan.year_end}"


def _what_it_says(turn: Turn, plan: Plan, task: Task) -> str:
    """A one-line reminder of the task, for answers that must say 'not stated'."""
    parts = [f"Nội dung: {shorten(task.content, 160)}"]
    if task.lead:
        parts.append(f"chủ trì: {agency_list(turn.knowledge, plan, task.lead)}")
    when = timeline_phrase(task)
    if when:
        parts.append(f"thời gian: {when}")
    text = "; ".join(parts)
    return text if text.endswith(("…", ".")) else text + "."


def _lead(turn: Turn, plan: Plan, task: Task) -> Lines:
    if not task.lead:
        said = task.lead_note or f"{_plan_year(plan)} không nêu cơ quan chủ trì nhiệm vụ này."
        return [said, _what_it_says(turn, plan, task)], False
    names = agency_list(turn.knowledge, plan, task.lead)
    verb = "đồng chủ trì" if len(task.lead) > 1 else "chủ trì"
    lines = [f"Cơ quan {verb}: {names}."]
    if task.cooperating:
        lines.append(f"Phối hợp: {agency_list(turn.knowledge, plan, task.cooperating)}.")
    return lines, True


def _coop(turn: Turn, plan: Plan, task: Task) -> Lines:
    if not task.cooperating:
        lead = f" Cơ quan chủ trì: {agency_list(turn.knowledge, plan, task.lead)}." if task.lead else ""
        return [f"{_plan_year(plan)} không nêu cơ quan phối hợp cho nhiệm vụ này.{lead}"], False
    lines = [f"Cơ quan phối hợp: {agency_list(turn.knowledge, plan, task.cooperating)}."]
    if task.lead:
        lines.append(f"Chủ trì: {agency_list(turn.knowledge, plan, task.lead)}.")
    return lines, True


def _time(turn: Turn, plan: Plan, task: Task) -> Lines:
    when = timeline_phrase(task)
    lines: list[str] = []
    if when:
        lines.append(f"Thời gian triển khai: {when}.")
    if task.duration_months:
        lines.append(f"Tổng thời gian thực hiện nhiệm vụ: {task.duration_months} tháng.")
    if lines:
        return lines, True
    clause = _time_clause(task.content)
    if clause:  # "… (khi Trung ương hoàn thành công tác xây dựng hệ thống cơ sở dữ liệu)"
        return [
            f"{_plan_year(plan)} không ghi quý hay năm cho nhiệm vụ này; nội dung nhiệm vụ nêu thời điểm: «{clause}».",
            _what_it_says(turn, plan, task),
        ], True
    return [
        f"{_plan_year(plan)} không nêu quý hay thời gian thực hiện nhiệm vụ này "
        f"(kế hoạch chỉ áp dụng cho năm {plan.year_start})."
        if plan.year_start == plan.year_end
        else f"{_plan_year(plan)} không nêu thời gian thực hiện riêng cho nhiệm vụ này.",
        _what_it_says(turn, plan, task),
    ], False


# When a task's own wording says when it happens: a condition or a rhythm. Dates are left out:
# "đến năm 2025" in a task is as often the title of a resolution it cites as its own deadline.
_TIME_CLAUSE_RE = re.compile(
    r"\((khi [^)]+)\)|(?<!\w)((?:định kỳ|hằng năm|hàng năm)\s+(?:tổ chức|thực hiện|báo cáo|rà soát)[^.;]*)",
    re.IGNORECASE,
)


def _time_clause(content: str) -> str | None:
    m = _TIME_CLAUSE_RE.search(content)
    return next(g for g in m.groups() if g) if m else None


def _budget(turn: Turn, plan: Plan, task: Task) -> Lines:
    lines, stated = budget_lines(plan, task)
    if not stated:
        if plan.budget.total is not None:
            lines.append(f"Kế hoạch chỉ nêu tổng kinh phí chung của cả kế hoạch (mục {plan.budget.section}).")
        elif plan.budget.funding_text:
            lines.append(f"Về nguồn kinh phí, kế hoạch chỉ ghi: {plan.budget.funding_text}")
    return lines, stated


def _objective(turn: Turn, plan: Plan, task: Task) -> Lines:
    if task.objective:
        lines = [f"Mục tiêu: {task.objective}"]
        if task.objective_table and task.objective_table != task.objective:
            lines.append(f"Bảng dự toán ghi mục tiêu: {task.objective_table}")
        return lines, True
    # no separate objective: the task's own wording says what it is for ("… nhằm …", "thông qua …")
    return [f"{_plan_year(plan)} không tách riêng mục tiêu cho nhiệm vụ này; nội dung nhiệm vụ: {task.content}"], True


def _quantity(turn: Turn, plan: Plan, task: Task) -> Lines:
    if task.quantities:
        items = "; ".join(q.text for q in task.quantities)
        return [f"Số lượng theo kế hoạch: {items}.", f"Nội dung: {shorten(task.content, 220)}"], True
    return [f"{_plan_year(plan)} không nêu số lượng cụ thể cho nhiệm vụ này.", f"Nội dung: {task.content}"], False


def _training(turn: Turn, plan: Plan, task: Task) -> Lines:
    if task.training_content:
        return [f"Nội dung tập huấn: {task.training_content}"], True
    lines, _ = _card(turn, plan, task)
    return [f"{_plan_year(plan)} không nêu riêng nội dung tập huấn cho nhiệm vụ này.", *lines], False


def _notes(turn: Turn, plan: Plan, task: Task) -> Lines:
    """Ghi chú: the table's note and what the data records beside the task."""
    notes = [f"Ghi chú (bảng dự toán): {task.budget.note}."] if task.budget.note else []
    notes += [n for n in task.notes if not n.startswith("Bảng dự toán:")]
    if notes:
        return notes, True
    return [f"{_plan_year(plan)} không ghi chú gì thêm cho nhiệm vụ này.", f"Nội dung: {task.content}"], False


def _card(turn: Turn, plan: Plan, task: Task) -> Lines:
    """The task card: everything the plan says about the task, briefly."""
    lines = [task.content]
    if task.objective:
        lines.append(f"Mục tiêu: {shorten(task.objective, 220)}")
    if task.training_content:
        lines.append(f"Nội dung tập huấn: {task.training_content}")
    if task.lead:
        lines.append(f"Chủ trì: {agency_list(turn.knowledge, plan, task.lead)}.")
    elif task.lead_note:
        lines.append(task.lead_note)
    if task.cooperating:
        lines.append(f"Phối hợp: {agency_list(turn.knowledge, plan, task.cooperating)}.")
    when = timeline_phrase(task)
    if when:
        lines.append(
            f"Thời gian: {when}" + (f"; tổng thời gian {task.duration_months} tháng." if task.duration_months else ".")
        )
    if task.budget.status in ("row", "recurring"):
        lines += budget_lines(plan, task)[0]
    return lines, True


TASK_INTENTS: dict[str, Callable[[Turn, Plan, Task], Lines]] = {
    "lead": _lead,
    "coop": _coop,
    "time": _time,
    "budget": _budget,
    "objective": _objective,
    "quantity": _quantity,
    "training": _training,
    "notes": _notes,
    "card": _card,
}
_INTENT_NAMES = {
    "lead": "lead_agency",
    "coop": "cooperating_agencies",
    "time": "timeline",
    "budget": "budget",
    "objective": "objective",
    "quantity": "quantity",
    "training": "task_card",
    "notes": "task_card",
    "card": "task_card",
}
_FOLLOW_UPS = [
    ("lead", "Ai chủ trì?", "ai chủ trì nhiệm vụ {n} {y}"),
    ("coop", "Cơ quan phối hợp", "cơ quan phối hợp nhiệm vụ {n} {y}"),
    ("budget", "Kinh phí", "kinh phí nhiệm vụ {n} {y}"),
    ("time", "Thời gian", "nhiệm vụ {n} {y} làm vào quý mấy"),
    ("objective", "Mục tiêu", "mục tiêu nhiệm vụ {n} {y}"),
]


def _plan_key(plan: Plan) -> str:
    """Words that select this plan again in a suggested question."""
    if plan.year_start == plan.year_end:
        return f"năm {plan.year_start} {plan.province}"
    return plan.province


def answer_about_tasks(turn: Turn, intents: list[str], refs: list[TaskRef]) -> Answer:
    """Answer the asked facets (lead, time, budget…) for each task, labelled by plan."""
    sections: list[Section] = []
    stated_any = False
    table_facets = {"lead", "coop", "time", "budget", "card"}
    for ref in refs:
        plan, task = turn.plan(ref.plan_id), turn.task(ref)
        lines: list[str] = []
        for intent in intents:
            got, stated = TASK_INTENTS[intent](turn, plan, task)
            lines += got
            stated_any |= stated
        title = f"{task_heading(task)} — {task.title}"
        if len(refs) > 1 or len({r.plan_id for r in refs}) > 1 or not turn.explicit:
            title += f" ({plan.short_title})"
        uses_table = bool(table_facets.intersection(intents))
        sections.append(Section(lines=lines, title=title, source=task_source(plan, task, table=uses_table)))
    first = refs[0]
    plan = turn.plan(first.plan_id)
    suggestions = [
        Suggestion(label, query.format(n=first.number, y=_plan_key(plan)))
        for facet, label, query in _FOLLOW_UPS
        if facet not in intents
    ][:4]
    name = _INTENT_NAMES[intents[0]]
    plans = [turn.plan(pid) for pid in dict.fromkeys(r.plan_id for r in refs)]
    return turn.reply(name, sections, stated_any, plans=plans, tasks=refs, suggestions=suggestions)
