"""Answers about one task (or the same question for a few tasks): who, when, how much, why.

Each field function returns ``(lines, stated)`` for one task: ``stated`` is False when
the plan does not give what was asked, and the lines then say so and what the plan does
say about the task, never filling the gap from another plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from ipbot.answering.changes import changes
from ipbot.answering.common import Reach, period, reply
from ipbot.answers import Answer, Section, Suggestion
from ipbot.describe import agency_list, budget_lines, shorten, task_heading, task_source, timeline_phrase
from ipbot.plans.db import PlanDB, PlanInfo
from ipbot.plans.models import Quantity, Task
from ipbot.requests import Field, Filters, Items, Reason, Request
from ipbot.text import expand, figure, fold, money

__all__ = ["FIELDS", "lookup_tasks", "task_label"]

Lines = tuple[list[str], bool]


def _plan_year(plan: PlanInfo) -> str:
    return f"Kế hoạch {period(plan)}"


def _names(db: PlanDB, plan: PlanInfo, task: Task, slugs: list[str], said: str | None = None) -> str:
    """Agency names; generic phrases in the document's own words (the task's record, or where ``said`` has them)."""
    return agency_list(task.named(s, db.agency_as_said(plan.id, s, said)) for s in slugs)


def _what_it_says(db: PlanDB, plan: PlanInfo, task: Task) -> str:
    """A one-line reminder of the task, for answers that must say 'not stated'."""
    parts = [f"Nội dung: {shorten(task.content, 320)}"]
    if task.lead:
        parts.append(f"chủ trì: {_names(db, plan, task, task.lead)}")
    when = timeline_phrase(task)
    if when:
        parts.append(f"thời gian: {when}")
    text = "; ".join(parts)
    return text if text.endswith(("…", ".")) else text + "."


def _lead(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    if not task.lead:
        said = task.lead_note or f"{_plan_year(plan)} không nêu cơ quan chủ trì nhiệm vụ này."
        return [said, _what_it_says(db, plan, task)], False
    verb = "đồng chủ trì" if len(task.lead) > 1 else "chủ trì"
    lines = [f"Cơ quan {verb}: {_names(db, plan, task, task.lead)}."]
    if task.cooperating:
        lines.append(f"Phối hợp: {_names(db, plan, task, task.cooperating, task.cooperating_text)}.")
    # where another part of the document names another lead, both are the document's: said, not chosen
    lines += [f"Lưu ý: {d.note}" for d in plan.discrepancies if d.task == task.number]
    return lines, True


def _coop(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    if not task.cooperating:
        lead = f" Cơ quan chủ trì: {_names(db, plan, task, task.lead)}." if task.lead else ""
        return [f"{_plan_year(plan)} không nêu cơ quan phối hợp cho nhiệm vụ này.{lead}"], False
    names = _names(db, plan, task, task.cooperating, task.cooperating_text)
    lines = [f"Cơ quan phối hợp: {names}."]
    unnamed = _unnamed(task.cooperating_text or "", names, plan.province)
    if unnamed:  # "…, các hợp tác xã cói": words of the document no agency of the registry stands for
        lines.append(f"Văn bản ghi thêm: {'; '.join(unnamed)}.")
    if task.lead:
        lines.append(f"Chủ trì: {_names(db, plan, task, task.lead)}.")
    return lines, True


# words that name no body of their own: "các", "tỉnh", and the kinds of place ("thị xã", "phường")
_NAME_FILLERS = frozenset(
    {"cac", "va", "tinh", "nhung", "co", "lien", "quan", "thi", "xa", "huyen", "phuong", "thanh", "pho", "dac", "khu"}
)


def _unnamed(said: str, names: str, province: str) -> list[str]:
    """The parts of a task's cooperating agencies, as the document lists them, that none of the names given says:
    fewer than half of their words are in the names (abbreviations spelt out; the province's name, "tỉnh" and
    place words such as "thị xã" left out)."""
    given = set(expand(fold(names)).replace(",", " ").replace(";", " ").split())
    out = []
    for piece in re.split(r"[;,]|\s+và\s+", said):
        words = set(expand(fold(piece)).split()) - _NAME_FILLERS - set(fold(province).split())
        if len(words) >= 3 and len(words & given) * 2 < len(words):
            out.append(piece.strip().rstrip("."))
    return out


# When a task's own wording says when it happens: a condition or a rhythm. Dates are left out:
# "đến năm 2025" in a task is as often the title of a resolution it cites as its own deadline.
_TIME_CLAUSE_RE = re.compile(
    r"\((khi [^)]+)\)|(?<!\w)((?:định kỳ|hằng năm|hàng năm)\s+(?:tổ chức|thực hiện|báo cáo|rà soát)[^.;]*)",
    re.IGNORECASE,
)


def _time(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    when = timeline_phrase(task)
    lines: list[str] = []
    if when:
        lines.append(f"Thời gian triển khai: {when}.")
    if task.duration_months:
        lines.append(f"Tổng thời gian thực hiện nhiệm vụ: {task.duration_months} tháng.")
    if lines:
        return lines, True
    m = _TIME_CLAUSE_RE.search(task.content)
    if m:  # "… (khi Trung ương hoàn thành công tác xây dựng hệ thống cơ sở dữ liệu)"
        clause = next(g for g in m.groups() if g)
        return [
            f"{_plan_year(plan)} không ghi quý hay năm cho nhiệm vụ này; nội dung nhiệm vụ nêu thời điểm: «{clause}».",
            _what_it_says(db, plan, task),
        ], True
    return [
        f"{_plan_year(plan)} không nêu quý hay thời gian thực hiện nhiệm vụ này "
        f"(kế hoạch chỉ áp dụng cho năm {plan.year_start})."
        if plan.annual
        else f"{_plan_year(plan)} không nêu thời gian thực hiện riêng cho nhiệm vụ này.",
        _what_it_says(db, plan, task),
    ], False


def _duration(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    """'tổng thời gian thực hiện bao lâu': the task's whole length, which only some rows of a table state."""
    if task.duration_months:
        return [f"Tổng thời gian thực hiện nhiệm vụ: {task.duration_months} tháng."], True
    when = timeline_phrase(task)
    if when and re.search(
        r"\b\d+\s*(?:tháng|năm)\b(?!\s*\d)", when
    ):  # "24 tháng, từ tháng 6 năm 2024 …": said as written
        return [f"Thời gian thực hiện: {when}."], True
    stated = f"; chỉ ghi thời gian triển khai: {when}" if when else ""
    return [f"{_plan_year(plan)} không ghi tổng thời gian thực hiện nhiệm vụ này{stated}."], False


def _source_label(plan: PlanInfo) -> Callable[[str], str]:
    def label(key: str) -> str:
        source = plan.source(key)
        return source.label if source else key

    return label


def _budget(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    lines, stated = budget_lines(task, plan.year_start if plan.annual else None, _source_label(plan))
    if not stated:
        if plan.budget_total is not None:
            lines.append(f"Kế hoạch chỉ nêu tổng kinh phí chung của cả kế hoạch (mục {plan.budget_section}).")
        elif plan.funding_text:
            lines.append(f"Về nguồn kinh phí, kế hoạch chỉ ghi: {plan.funding_text}")
    return lines, stated


def _sources(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    """'kinh phí lấy từ nguồn nào': the task's money by source; where the plan gives no task its own money, its
    one statement of where all of it comes from answers the question."""
    lines, stated = _budget(db, plan, task)
    return lines, stated or (task.budget.status != "row" and bool(plan.funding_text) and plan.budget_total is None)


def _one_count(task: Task) -> tuple[Quantity | None, dict[str, Decimal]]:
    """The one count a task's money divides by ("05 sản phẩm OCOP"; none for a count per place, "mỗi huyện 02
    lớp", or several counts) and the amounts it states ({"tổng kinh phí": …, "phân bổ": …})."""
    counted = [q for q in task.quantities if not q.per_each and q.value]
    amounts = {what: v for what, v in (("tổng kinh phí", task.budget.total), ("phân bổ", _allocated(task))) if v}
    return (counted[0] if len(counted) == 1 else None), amounts


def _unit_prices(task: Task) -> tuple[str, dict[str, Decimal]]:
    """The unit a task counts by and its money per unit, or ("", {}) when it states no one count or no amount."""
    count, amounts = _one_count(task)
    if count is None or not amounts:
        return "", {}
    return count.unit.split(",")[0].strip(), {what: v / count.value for what, v in amounts.items()}


def _unit_prices_compared(tasks: list[Task]) -> list[str]:
    """Two tasks' money per unit side by side ("một lớp cho sinh viên gấp mấy lần một lớp 5.1"): how many times
    and how much apart, on the total both state (else their allocations)."""
    if len(tasks) != 2:
        return []
    (unit_a, a), (unit_b, b) = (_unit_prices(t) for t in tasks)
    what = next((w for w in ("tổng kinh phí", "phân bổ") if w in a and w in b), None)
    if what is None or fold(unit_a).split()[:1] != fold(unit_b).split()[:1]:
        return []  # a class beside a product compares nothing
    (big, x), (small, y) = sorted(zip(tasks, (a[what], b[what]), strict=True), key=lambda p: -p[1])
    unit = unit_a.split()[0]
    times = f"{x / y:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return [
        f"So sánh ({what}, phép tính do trợ lý làm): mỗi {unit} của {big.number} là {money(x)}, gấp {times} lần "
        f"mỗi {unit} của {small.number} ({money(y)}); chênh nhau {money(x - y)}."
    ]


def _per_unit(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    """'bình quân mỗi sản phẩm bao nhiêu': each stated amount divided by the one count the task states
    ("05 sản phẩm OCOP"); a count per place ("mỗi huyện 02 lớp") or several counts divide into nothing."""
    q, amounts = _one_count(task)
    if q is None or not amounts:
        each = next((x.text for x in task.quantities if x.per_each), None)
        why = (
            "không ghi số tiền"
            if q is not None
            else f"số lượng tính cho từng nơi («{each}»)"
            if each
            else "không nêu một số lượng duy nhất"
        )
        return [f"Không chia bình quân được: {why}."], False
    unit = q.unit.split(",")[0].strip()
    year = f" năm {plan.year_start}" if plan.annual else ""
    lines = [
        f"Bình quân mỗi {unit} ({what}{year if what == 'phân bổ' else ''}): "
        f"{money(v / q.value)} (= {figure(v)} : {figure(q.value)}, phép chia do trợ lý tính)."
        for what, v in amounts.items()
    ]
    return lines, True


def _detail(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    """'học trong mấy ngày, tổ chức ở đâu': no plan records such a detail; its own words are all it says."""
    said = f"Nội dung: {shorten(task.content, 320)}"
    counts = "; ".join(q.text for q in task.quantities)
    stated = f" (chỉ ghi số lượng: {counts})" if counts else ""
    return [f"{_plan_year(plan)} không nêu chi tiết này cho nhiệm vụ{stated}.", said], False


def _allocated(task: Task) -> Decimal | None:
    values = [v for v in task.budget.allocation.values() if v is not None]
    return sum(values, Decimal(0)) if values else None


def _objective(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    if task.objective:
        lines = [f"Mục tiêu: {task.objective}"]
        if task.objective_table and task.objective_table != task.objective:
            lines.append(f"Bảng dự toán ghi mục tiêu: {task.objective_table}")
        return lines, True
    # no separate objective: the task's own wording says what it is for ("… nhằm …", "thông qua …")
    return [f"{_plan_year(plan)} không tách riêng mục tiêu cho nhiệm vụ này; nội dung nhiệm vụ: {task.content}"], True


def _quantity(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    if task.quantities:
        items = "; ".join(q.text for q in task.quantities)
        return [f"Số lượng theo kế hoạch: {items}.", f"Nội dung: {shorten(task.content, 320)}"], True
    return [f"{_plan_year(plan)} không nêu số lượng cụ thể cho nhiệm vụ này.", f"Nội dung: {task.content}"], False


def _training(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    if task.training_content:
        # the task's own sentence says for whom ("… cho cán bộ quản lý, doanh nghiệp")
        return [f"Nội dung tập huấn: {task.training_content}", f"Nhiệm vụ: {task.content}"], True
    lines, _ = _card(db, plan, task)
    # a class the task's own words describe, for whom and on what ("Tổ chức 02 lớp tập huấn cho học sinh, sinh viên
    # … về sở hữu trí tuệ"): that answers what training there is, though no syllabus is given
    described = bool(re.search(r"\b(?:lop|tap huan|boi duong|dao tao)\b.*\bcho\b", fold(task.content)))
    return [f"{_plan_year(plan)} không nêu riêng nội dung tập huấn cho nhiệm vụ này.", *lines], described


def _notes(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    """Ghi chú: the table's note and what the data records beside the task."""
    notes = [f"Ghi chú (bảng dự toán): {task.budget.note}."] if task.budget.note else []
    notes += [n for n in task.notes if not n.startswith("Bảng dự toán:")]
    if notes:
        return notes, True
    return [f"{_plan_year(plan)} không ghi chú gì thêm cho nhiệm vụ này.", f"Nội dung: {task.content}"], False


def _group(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    group = plan.group(task.group)
    if group is None:
        return [f"{_plan_year(plan)} không chia nhiệm vụ này vào nhóm nào."], False
    return [f"Thuộc nhóm {group.number}: {group.title}."], True


def _content(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    return [task.content], True


def _quote(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    lines = [f"«{task.content}»"]
    if task.objective:
        lines.append(f"Mục tiêu: «{task.objective}»")
    return lines, True


def _card(db: PlanDB, plan: PlanInfo, task: Task) -> Lines:
    """The task card: everything the plan says about the task, briefly."""
    lines = [task.content]
    if task.objective:
        lines.append(f"Mục tiêu: {shorten(task.objective, 600)}")  # one sentence or two: whole (its details are asked)
    if task.training_content:
        lines.append(f"Nội dung tập huấn: {task.training_content}")
    if task.lead:
        lines.append(f"Chủ trì: {_names(db, plan, task, task.lead)}.")
    elif task.lead_note:
        lines.append(task.lead_note)
    if task.cooperating:
        lines.append(f"Phối hợp: {_names(db, plan, task, task.cooperating, task.cooperating_text)}.")
    when = timeline_phrase(task)
    if when:
        lines.append(
            f"Thời gian: {when}" + (f"; tổng thời gian {task.duration_months} tháng." if task.duration_months else ".")
        )
    if task.budget.status in ("row", "recurring"):
        lines += _budget(db, plan, task)[0]
    return lines, True


FIELDS: dict[Field, Callable[[PlanDB, PlanInfo, Task], Lines]] = {
    Field.LEAD: _lead,
    Field.COOPERATING: _coop,
    Field.TIME: _time,
    Field.DURATION: _duration,
    Field.BUDGET: _budget,
    Field.SOURCES: _sources,
    Field.OBJECTIVE: _objective,
    Field.QUANTITY: _quantity,
    Field.TRAINING: _training,
    Field.NOTES: _notes,
    Field.GROUP: _group,
    Field.CONTENT: _content,
    Field.QUOTE: _quote,
    Field.CARD: _card,
    Field.AVERAGE: _per_unit,
    Field.DETAIL: _detail,
}
_TABLE_FIELDS = {Field.LEAD, Field.COOPERATING, Field.TIME, Field.BUDGET, Field.CARD}
_FOLLOW_UPS = (
    (Field.LEAD, "Ai chủ trì?"),
    (Field.COOPERATING, "Cơ quan phối hợp"),
    (Field.BUDGET, "Kinh phí"),
    (Field.TIME, "Thời gian"),
    (Field.OBJECTIVE, "Mục tiêu"),
)


def _role_line(line: str) -> tuple[str, str] | str:
    """ "Cơ quan phối hợp: X." and "Phối hợp: X." say one thing (asked "ai chủ trì, ai phối hợp", the
    lead's lines name the partners and the partners' lines the lead): said once."""
    label, sep, names = line.partition(": ")
    role = next((r for r in ("chủ trì", "phối hợp") if label.lower().endswith(r)), None)  # ("đồng chủ trì" too)
    return (role, names) if sep and role and len(label.split()) <= 5 else line


def task_label(db: PlanDB, task_id: str) -> str:
    """'3.3 — Chỉ dẫn địa lý Thịt cừu Ninh Thuận (Kế hoạch SHTT năm 2023 tỉnh Ninh Thuận)', for buttons."""
    plan_id = task_id.split(":", 1)[0]
    task = db.task(task_id)
    return f"{task.number} — {task.title} ({db.plan(plan_id).short_title})" if task else task_id


def lookup_tasks_reach(db: PlanDB, request: Request) -> Reach | None:
    """The plans of the tasks :func:`lookup_tasks` shows, and whether it states any field asked (it looks
    at tasks only until one does)."""
    ids = db.task_ids(request.plans or db.plan_ids, request.filters)
    if not ids:
        return None
    fields = [f for f in request.show if f in FIELDS] or [Field.CARD]
    stated = any(
        FIELDS[fld](db, db.plan(task_id.split(":", 1)[0]), task)[1]
        for task_id in ids
        for task in db.tasks([task_id])
        for fld in fields
    )
    return [i.split(":", 1)[0] for i in ids], stated


_QUOTED_AS = ("Nhiệm vụ: ", "Nội dung: ")


def _said(line: str, lines: list[str]) -> bool:
    """The line's text is already there, labelled or bare ("Nhiệm vụ: X" beside "X")."""
    bare = next((line[len(p) :] for p in _QUOTED_AS if line.startswith(p)), line)
    return any(bare == next((x[len(p) :] for p in _QUOTED_AS if x.startswith(p)), x) for x in lines)


def lookup_tasks(db: PlanDB, request: Request) -> Answer:
    """The asked fields (lead, time, budget…) of each chosen task, labelled by plan when useful."""
    ids = db.task_ids(request.plans or db.plan_ids, request.filters)
    fields = [f for f in request.show if f in FIELDS] or [Field.CARD]
    if not ids:
        nothing = Request(items=Items.NOTHING, reason=Reason.NOT_FOUND, plans=request.plans)
        return reply(nothing, [Section(["Không tìm thấy nhiệm vụ này trong kế hoạch."])], False)
    sections, stated_any = [], False
    several_plans = len({i.split(":", 1)[0] for i in ids}) > 1
    # "mỗi lớp tốn bao nhiêu": the money per item is what is asked; the task's money only shows what it divides
    per_item = Field.AVERAGE in fields and set(fields) <= {Field.BUDGET, Field.AVERAGE}
    for task_id, task in zip(ids, db.tasks(ids), strict=True):
        plan = db.plan(task_id.split(":", 1)[0])
        lines: list[str] = []
        for fld in fields:
            got, stated = FIELDS[fld](db, plan, task)
            if Field.CONTENT in fields and fld is not Field.CONTENT:
                got = [line for line in got if not line.startswith("Nội dung: ")]  # said whole above
            # (a task's sentence some fields quote, "Nhiệm vụ: …", said once)
            lines += [line for line in got if _role_line(line) not in map(_role_line, lines) and not _said(line, lines)]
            stated_any |= stated and (fld is Field.AVERAGE or not per_item)
        title = f"{task_heading(task)} — {task.title}"
        counts = [q.text for q in task.quantities if fold(q.text) not in fold(task.title)]
        if counts and not {Field.QUANTITY, Field.CARD} & set(fields):
            title += f" ({'; '.join(counts)})"  # "có lớp nào không, ai tổ chức?": how many, said at once
        if len(ids) > 1 or several_plans or not request.explicit:
            title += f" ({plan.short_title})"
        source = task_source(plan.short_title, task, table=bool(_TABLE_FIELDS.intersection(fields)))
        sections.append(Section(lines, title, source))
    if len(ids) == 2 and {Field.LEAD, Field.QUANTITY, Field.CONTENT} & set(fields):
        # one task in two years of a province ("… năm 2022 và 2023 ai chủ trì, có đổi không?"): what changed
        (p1, t1), (p2, t2) = sorted(
            ((db.plan(i.split(":", 1)[0]), t) for i, t in zip(ids, db.tasks(ids), strict=True)),
            key=lambda pt: pt[0].year_start,
        )
        if p1.id != p2.id and p1.province_id == p2.province_id:
            said = changes(db, (p1, t1), (p2, t2), count=Field.LEAD not in fields or len(fields) > 1)
            if said:
                # what changed first: it is what such a question asks
                sections.insert(
                    0, Section(said, f"Nhiệm vụ {t1.number} ({p1.year_start}) và {t2.number} ({p2.year_start})")
                )
    if Field.AVERAGE in fields:
        compared = _unit_prices_compared(db.tasks(ids))
        if compared:
            sections.append(Section(compared))
    first = ids[0]
    suggestions = [
        Suggestion(label, request.but(filters=Filters(ids=(first,)), show=(fld,)))
        for fld, label in _FOLLOW_UPS
        if fld not in fields
    ][:4]
    return reply(
        request,
        sections,
        stated_any,
        plans=[i.split(":", 1)[0] for i in ids],
        tasks=ids,
        suggestions=suggestions,
    )
