"""Money: a plan's budget and sources, and sums, shares, differences and rankings of its rows.

Figures are computed by SQL over the budget table's rows (:class:`~ipbot.plans.db.PlanDB`)
and shown with the rows they come from, so an official can check them. Where the
document's own totals differ from the sum of its rows, both are given as the document's
inconsistency; a plan that itemises no task budget says so instead of answering with
its plan total.
"""

from __future__ import annotations

from decimal import Decimal

from ipbot import phrases
from ipbot.answering.common import (
    Reach,
    among_chosen,
    filters_phrase,
    measure_phrase,
    percent,
    period,
    plans_of,
    reply,
)
from ipbot.answers import Answer, Section
from ipbot.describe import agency_list, shorten, task_name
from ipbot.plans.db import ALL_BUT, BudgetRow, PlanDB, PlanInfo, column
from ipbot.plans.models import Task
from ipbot.requests import Field, Figure, Filters, Measure, Op, Request, Role
from ipbot.text import figure, money, money_words

__all__ = [
    "by_group",
    "difference",
    "largest",
    "plan_budget",
    "share",
    "source_tasks",
    "sum_rows",
]


def _table_source(plan: PlanInfo) -> str:
    return f"Nguồn: {plan.short_title}, bảng dự toán kinh phí."


def _no_table(request: Request, plans: list[PlanInfo]) -> Answer:
    names = ", ".join(p.short_title for p in plans)
    lines = [f"{names} không có kinh phí theo từng nhiệm vụ, nên không thể cộng, so sánh hay xếp theo nhiệm vụ."]
    for plan in plans:
        if plan.budget_total is not None:
            lines.append(
                f"{plan.short_title} chỉ nêu tổng kinh phí: {money(plan.budget_total)} (mục {plan.budget_section})."
            )
        elif plan.funding_text:
            lines.append(f"{plan.short_title} chỉ nêu nguồn kinh phí: {plan.funding_text}")
    return reply(request, [Section(lines)], False, plans=[p.id for p in plans])


def _spread_evenly(db: PlanDB, request: Request, plans: list[PlanInfo]) -> Answer:
    """ "Chia đều tổng kinh phí năm 2022 cho các nhiệm vụ thì bình quân bao nhiêu?" of a plan with no money per
    task: its stated total divided by its tasks, said to be a division, not a figure the plan gives."""
    sections = []
    for plan in plans:
        count = db.count_tasks([plan.id], request.filters)
        if plan.budget_total is None or not count:
            continue
        mean = (plan.budget_total / count).quantize(Decimal("0.1")).normalize()
        lines = [
            f"Bình quân {money(mean)} mỗi nhiệm vụ: tổng kinh phí {money(plan.budget_total)} chia đều cho {count} "
            "nhiệm vụ.",
            "Đây là phép chia; kế hoạch không ghi kinh phí của từng nhiệm vụ.",
        ]
        sections.append(Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, mục {plan.budget_section}."))
    if not sections:
        return _no_table(request, plans)
    return reply(request, sections, True, plans=[p.id for p in plans])


def _recorded(plan: PlanInfo, check: str) -> list[str]:
    """The recorded discrepancy for a check, in a sentence (the document is inconsistent here)."""
    return [
        f"Lưu ý: dòng «Cộng» của bảng ghi {figure(Decimal(d.stated or 0))} triệu đồng, nhưng cộng các dòng "
        f"chỉ được {figure(Decimal(d.computed or 0))} triệu đồng, lệch "
        f"{figure(abs(Decimal(d.stated or 0) - Decimal(d.computed or 0)))} triệu đồng ({phrases.AS_PRINTED})."
        for d in plan.discrepancies
        if d.check == check
    ]


# ---------------------------------------------------------------- the plan budget
def _states_budget(plan: PlanInfo, request: Request) -> bool:
    """Whether :func:`plan_budget` answers for this plan: a total, or (unless only the total is asked) the
    words that say where the money comes from."""
    wants_total_only = Field.TOTAL in request.show and Field.SOURCES not in request.show
    if plan.budget_total is not None:
        return True
    return not any(s.amount is not None for s in plan.sources) and bool(plan.funding_text) and not wants_total_only


def plan_budget_reach(db: PlanDB, request: Request) -> Reach:
    plans = plans_of(db, request)
    return [p.id for p in plans], any(_states_budget(p, request) for p in plans)


def plan_budget(db: PlanDB, request: Request) -> Answer:
    """Totals and sources per plan, and the difference when two plans are asked about."""
    wants_sources_only = Field.SOURCES in request.show and Field.TOTAL not in request.show
    sections, stated_any = [], False
    totals: list[tuple[PlanInfo, Decimal]] = []
    plans = plans_of(db, request)
    for plan in plans:
        lines: list[str] = []
        before = stated_any
        if plan.budget_total is not None:
            totals.append((plan, plan.budget_total))
            words = f" (bằng chữ: {plan.budget_in_words})" if plan.budget_in_words else ""
            text = plan.budget_total_text or money_words(plan.budget_total)
            shown = money(plan.budget_total)
            # "5.540.000.000 đồng = 5.540 triệu đồng"; a total the document states in millions is said once
            amount = shown if shown.startswith(text) else f"{text} = {shown}"
            lines.append(f"Tổng kinh phí {period(plan)}: {amount}{words}.")
            stated_any = True
        else:
            lines.append("Kế hoạch không nêu số tiền cụ thể (tổng hay từng nhiệm vụ).")
        with_amounts = [s for s in plan.sources if s.amount is not None]
        total = plan.budget_total
        if with_amounts and Field.SHARE in request.show and total:
            # "mỗi nguồn chiếm bao nhiêu %": each source's share of the stated total, first
            shares = "; ".join(f"{s.name}: {money(s.amount)} ({percent(s.amount, total)})" for s in with_amounts)
            lines.insert(0, f"Tỷ lệ từng nguồn trên tổng {money(total)}: {shares}.")
        elif with_amounts:
            lines.append("Trong đó: " + "; ".join(f"{s.name}: {money(s.amount)}" for s in with_amounts) + ".")
        elif plan.funding_text:
            lines.append(f"Nguồn kinh phí: {plan.funding_text}")
        if plan.budget_by_year:
            parts = "; ".join(f"năm {y}: {money(v)}" for y, v in sorted(plan.budget_by_year.items()))
            lines.append(f"Theo năm: {parts}.")
        year = request.filters.year
        if year in plan.budget_by_year:  # "riêng năm 2024 bố trí bao nhiêu" of a plan that splits its money by year
            lines.insert(0, f"Kinh phí năm {year}: {money(plan.budget_by_year[year])}.")
            stated_any = True
        elif year and plan.year_start <= year <= plan.year_end and plan.year_start != plan.year_end:
            # one year of a plan over several: its money is the period's, not split by year
            whole = f"; chỉ nêu kinh phí cả {period(plan)}" if plan.budget_total is not None else ""
            lines.insert(0, f"Kế hoạch không nêu kinh phí riêng cho năm {year}{whole}.")
            sections.append(Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, mục {plan.budget_section}."))
            stated_any = before  # the period's total does not answer the year asked
            continue
        stated_any |= _states_budget(plan, request)
        if Field.SHARE in request.show and not (with_amounts and total):
            lines.insert(0, "Kế hoạch không nêu số tiền của từng nguồn, nên không tính được mỗi nguồn chiếm bao nhiêu.")
            stated_any = before
        whole, given = plan.stated_task_total, plan.budget_total
        if request.measure is Measure.REMAINING and whole is not None and given:
            # "theo dòng Tổng cộng, phần chưa bố trí trong năm": the table's two printed totals, subtracted
            lines.insert(
                0,
                f"Theo dòng tổng của bảng dự toán, phần kinh phí chưa bố trí trong năm {plan.year_start}: "
                f"{money(whole - given)} (= {figure(whole)} − {figure(given)} triệu đồng).",
            )
        elif request.measure is Measure.RATIO and whole and given:
            # "… phần phân bổ bằng bao nhiêu phần trăm tổng kinh phí thực hiện": one printed total over the other
            lines.insert(
                0,
                f"Theo dòng tổng của bảng dự toán, phần phân bổ năm {plan.year_start} bằng {percent(given, whole)} "
                f"tổng kinh phí thực hiện (= {figure(given)} / {figure(whole)} triệu đồng).",
            )
        if plan.stated_task_total is not None and not wants_sources_only:
            lines += _recorded(plan, "table.task_total")
            lines.append(
                f"Bảng dự toán ghi tổng kinh phí thực hiện các nhiệm vụ (cả thời gian thực hiện) là "
                f"{money(plan.stated_task_total)}; phần phân bổ trong năm là {money(plan.budget_total or Decimal(0))}."
            )
        if plan.table_missing:
            lines.append(
                "Kế hoạch dẫn chiếu bảng tổng hợp kinh phí nhưng bảng không có trong văn bản, "
                "nên không có kinh phí từng nhiệm vụ."
            )
        sections.append(Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, mục {plan.budget_section}."))
    if len(totals) == 2:
        (p1, t1), (p2, t2) = sorted(totals, key=lambda pt: pt[0].year_start)
        diff = t2 - t1
        trend = "giảm" if diff < 0 else "tăng"
        share = f" ({percent(abs(diff), t1)})" if t1 else ""  # "giảm bao nhiêu phần trăm": of the earlier year's
        sections.append(Section([f"So sánh: {period(p2)} {trend} {money(abs(diff))}{share} so với {period(p1)}."]))
    return reply(request, sections, stated_any, plans=[p.id for p in plans])


def rank_plans(db: PlanDB, request: Request) -> Answer:
    """ "Kế hoạch nào có tổng kinh phí lớn nhất?": the plans by the totals they state (a plan that states no
    amount is said to, never ranked); with none stated, each plan's budget as :func:`plan_budget` gives it."""
    plans = plans_of(db, request)
    stated = sorted(
        (p for p in plans if p.budget_total is not None),
        key=lambda p: p.budget_total or Decimal(0),
        reverse=request.op is Op.MAX,
    )
    if not stated:
        return plan_budget(db, request.but(op=Op.LOOKUP))
    one_province = len({p.province_id for p in plans}) == 1
    name = period if one_province else (lambda p: p.short_title)
    ends = [p for p in stated if p.budget_total == stated[0].budget_total]
    word = "lớn nhất" if request.op is Op.MAX else "nhỏ nhất"
    lines = [
        f"Tổng kinh phí {word}: " + " và ".join(f"{p.short_title} ({money(p.budget_total or 0)})" for p in ends) + "."
    ]
    if len(stated) > 1:
        lines.append("Theo thứ tự: " + "; ".join(f"{name(p)}: {money(p.budget_total or 0)}" for p in stated) + ".")
    silent = [p.short_title for p in plans if p.budget_total is None]
    if silent:
        lines.append(f"Không nêu số tiền: {', '.join(silent)}.")
    source = "Nguồn: " + "; ".join(f"{p.short_title}, mục {p.budget_section}" for p in stated) + "."
    return reply(request, [Section(lines, None, source)], True, plans=[p.id for p in plans])


def with_rows_reach(db: PlanDB, request: Request) -> Reach | None:
    """The plans :func:`sum_rows`, :func:`largest` and :func:`by_group` answer from: those with a budget table."""
    with_rows = [p.id for p in plans_of(db, request) if p.has_rows]
    return (with_rows, True) if with_rows else None


def source_tasks_reach(db: PlanDB, request: Request) -> Reach | None:
    """The plans :func:`source_tasks` answers from: those with a budget table and that funding source."""
    key = request.filters.source
    plans = [p.id for p in plans_of(db, request) if p.has_rows and key and p.source(key)]
    return (plans, True) if plans else None


def source_tasks(db: PlanDB, request: Request) -> Answer:
    """A funding source: its stated amount and the tasks that draw on it."""
    key = request.filters.source
    sections, drawing = [], []
    plans = [p for p in plans_of(db, request) if p.has_rows and key and p.source(key)]
    for plan in plans:
        source = plan.source(key or "")
        if source is None:
            continue
        rows = [r for r in db.budget_rows([plan.id], Filters(source=key)) if key in r.by_source]
        drawing += [r.task_id for r in rows]
        lines = []
        if source.amount is not None:
            name = source.name if str(plan.year_start) in source.name else f"{source.name} {period(plan)}"
            lines.append(f"{name}: {money(source.amount)} (mục {plan.budget_section}).")
        if not rows:
            lines.append(f"Không nhiệm vụ nào có kinh phí từ {source.label}.")
        else:
            lines.append("Các nhiệm vụ dùng nguồn này:")
            # what each is about and who leads it: "which districts put in their budget" is asked of a source
            named = _named_rows(db, plan, rows)
            lines += [
                f"{line}: {money(r.by_source[source.key])}{_of_total(r, r.by_source[source.key])}"
                for line, r in zip(named, rows, strict=True)
            ]
            total = sum((r.by_source[source.key] for r in rows), Decimal(0))
            if source.amount is None:
                lines.append(f"Cộng các dòng: {money(total)}.")
            elif source.amount != total:  # the stated figure stands; the difference is the document's
                gap = money(abs(source.amount - total))
                lines.append(phrases.ROWS_DISAGREE.format(rows=money(total), stated=money(source.amount), gap=gap))
                if Field.GAP in request.show:  # "khớp với con số ở mục III không?": no, by how much, first
                    lines.insert(
                        0, f"Không khớp: các dòng cộng lại {money(total)}, lệch {gap} so với mục {plan.budget_section}."
                    )
            elif Field.GAP in request.show:
                lines.insert(0, f"Khớp: các dòng cộng lại đúng {money(total)} như mục {plan.budget_section}.")
        sections.append(Section(lines, f"{source.label} — {plan.short_title}", _table_source(plan)))
    if not sections:
        return _no_table(request, plans_of(db, request))
    # one task drawing on the source is what "it" means next ("còn thời gian?")
    return reply(request, sections, True, plans=[p.id for p in plans], tasks=drawing if len(drawing) == 1 else [])


# ---------------------------------------------------------------- rows: sum, rank
def _row_terms(rows: list[BudgetRow], measure: Measure, source: str | None) -> tuple[list[str], list[str]]:
    """'3.1 (4.800)' for each row that states the measure; what the others say instead."""
    terms, others = [], []
    for r in rows:
        value = r.value(measure, source)
        if value is not None and r.status == "row":
            terms.append(f"{r.number} ({figure(value)})")
        elif r.status == "recurring":
            others.append(f"{r.number} ghi «{r.note or 'Hoạt động thường xuyên'}»")
    return terms, others


FEW_ROWS = 3
"""Rows a selection added up that the conversation then talks about as "nv đó" (more are a column's sum)."""


def _rows_filters(f: Filters) -> Filters:
    """The filters that choose the rows of a sum or a ranking: a source named is the column added up, not a
    choice of rows, unless only the rows drawing on it alone are asked ("chỉ dùng NS sự nghiệp khoa học")."""
    return f.model_copy(update={"source": f.source if f.source_alone else None, "without_source": None})


def sum_rows(db: PlanDB, request: Request) -> Answer:
    """The sum of a budget column over the rows that pass the filters, with its terms."""
    measure = request.measure or Measure.TOTAL
    source = column(request.filters) if measure is not Measure.TOTAL else None
    f = _rows_filters(request.filters)
    plans = plans_of(db, request)
    with_rows = [p for p in plans if p.has_rows]
    if not with_rows and Field.AVERAGE in request.show:
        return _spread_evenly(db, request, plans)
    if not with_rows:
        return _no_table(request, plans)
    sections, added = [], []
    compared = True  # a gap asked is answered only where the document prints a figure to compare with
    for plan in with_rows:
        ids = db.task_ids([plan.id], f)
        rows = db.budget_rows_of(ids)
        added += [r.task_id for r in rows if r.value(measure, source) is not None and r.status == "row"]
        total = db.sum([plan.id], measure, f, source)
        what = measure_phrase(plan, measure, source)
        scope = filters_phrase(db, plan, f)
        scope = f" các nhiệm vụ {scope}" if scope else (" các nhiệm vụ đã chọn" if f.ids else " cả bảng dự toán")
        if not ids:  # nothing passes: say so, not "Cộng …: 0 triệu đồng" as if rows had been added
            sections.append(
                Section(
                    [
                        f"Không có nhiệm vụ nào{among_chosen(f, plan.id)}{scope.removeprefix(' các nhiệm vụ')}, "
                        f"nên không có {what} nào để cộng."
                    ],
                    plan.short_title,
                    _table_source(plan),
                )
            )
            continue
        lines = [f"Cộng {what} của{scope}: {money(total)}."]
        terms, others = _row_terms(rows, measure, source)
        one = rows[0] if len(ids) == 1 and len(rows) == 1 and measure is Measure.REMAINING and not source else None
        whole, given = (one.value(Measure.TOTAL), one.value(Measure.ALLOCATION)) if one else (None, None)
        if one is not None and whole is not None and given is not None:
            # "phần còn lại phải bố trí sau năm 2023" of the task talked about: the subtraction, not a sum of one
            task = db.task(ids[0])
            lines = [
                f"Nhiệm vụ {task.number if task else ids[0]}: {what} là {money(total)}.",
                f"= {figure(whole)} (tổng kinh phí thực hiện) − {figure(given)} (phân bổ năm {plan.year_start}) "
                "(triệu đồng).",
            ]
            terms = []
        elif terms:
            lines.append("= " + " + ".join(terms) + " (triệu đồng).")
            if Field.CONTENT in request.show and len(terms) <= NAMED_ROWS:
                led = f.agency is not None and f.role is Role.LEAD and not f.also  # (the lead is then the one asked)
                lines += _named_rows(db, plan, [r for r in rows if r.value(measure, source) is not None], not led)
        if Field.AVERAGE in request.show and terms:
            # "trung bình mỗi nhiệm vụ": over the rows that state an amount, which are the ones added
            mean = (total / len(terms)).quantize(Decimal("0.01")).normalize()
            lines.insert(0, f"Trung bình mỗi nhiệm vụ có ghi số: {money(mean)} ({figure(total)} : {len(terms)}).")
        no_row = db.numbers_without_row(ids)
        if others:
            lines.append("; ".join(others) + " (không có số tiền).")
        if no_row:
            lines.append(f"Không có dòng trong bảng dự toán: {', '.join(no_row)}.")
        left_out = source[len(ALL_BUT) :] if source and source.startswith(ALL_BUT) else None
        if measure is Measure.ALLOCATION and (not source or left_out):
            # (every source but one: which of the others it came from, "tỉnh bỏ ra bn, từ nguồn nào")
            kept = [s for s in plan.sources if s.key != left_out]
            parts = [(s, db.sum([plan.id], Measure.ALLOCATION, f, s.key)) for s in kept]
            parts = [(s, v) for s, v in parts if v]
            if parts:
                lines.append("Theo nguồn: " + "; ".join(f"{s.label} {money(v)}" for s, v in parts) + ".")
        with_value = {r.task_id for r in db.budget_rows([plan.id]) if r.status == "row" and r.value(measure, source)}
        here = {r.task_id for r in rows if r.status == "row" and r.value(measure, source)}
        # every row of the table ("các dòng" included), or every row of the column named ("hai dòng đó" of NS khác)
        whole_column = f.model_copy(update={"status": ()}) == Filters() or (source and here == with_value)
        if Field.GAP in request.show:
            # "vậy lệch nhau bn?": the gap first, then the sum it is taken from
            stated = _stated(plan, measure, source) if whole_column else None
            compared = compared and stated is not None
            lines.insert(0, _gap(stated, total) if stated is not None else _no_printed_figure(scope))
        elif whole_column:
            lines += _stated_beside(plan, measure, source, total)
        sections.append(Section(lines, plan.short_title, _table_source(plan)))
    # the tasks added up stay what the conversation is about ("thế riêng năm 2023 hai nhiệm vụ đó…"), those a
    # selection chose too ("còn quý III?" … "nv đó năm 2023 được phân bổ bao nhiêu": the one row of Quý III)
    chosen = [i for i in request.filters.ids if i != "-"] or (list(added) if len(added) <= FEW_ROWS else [])
    # the rows added are what "cái thứ hai" next counts in
    return reply(request, sections, compared, plans=[p.id for p in with_rows], tasks=chosen, listed=added)


NAMED_ROWS = 8
"""Rows a sum names one by one when the question asks which tasks it adds up (more are a list's to show)."""


def _named_rows(db: PlanDB, plan: PlanInfo, rows: list[BudgetRow], leads: bool = True) -> list[str]:
    """The rows of a sum, each with what the task is about and who leads it."""
    tasks = dict(zip([r.task_id for r in rows], db.tasks([r.task_id for r in rows]), strict=False))
    out = []
    for r in rows:
        task = tasks.get(r.task_id)
        name = task_name(task) if task else shorten(r.title, 90)
        out.append(f"• {r.number} — {name}{_led_by(db, plan, task) if leads else ''}")
    return out


def _of_total(row: BudgetRow, part: Decimal) -> str:
    """' (tổng kinh phí cả nhiệm vụ: 1.600 triệu đồng)' when the source pays only part of the task."""
    return f" (tổng kinh phí cả nhiệm vụ: {money(row.total)})" if row.total is not None and row.total != part else ""


def _led_by(db: PlanDB, plan: PlanInfo, task: Task | None) -> str:
    """' (chủ trì: Sở …)', or nothing when the task names no lead."""
    if task is None or not task.lead:
        return ""
    return f" (chủ trì: {agency_list(task.named(s, db.agency_as_said(plan.id, s, None)) for s in task.lead)})"


def _stated(plan: PlanInfo, measure: Measure, source: str | None) -> Decimal | None:
    """The figure the document prints for the whole column (its 'Cộng' row), if any."""
    if source and source.startswith(ALL_BUT):
        return None  # the table states no sum of "every source but one"
    if measure is Measure.TOTAL:
        return plan.stated_task_total
    if measure is Measure.ALLOCATION:
        src = plan.source(source) if source else None
        return src.table_amount if src else plan.budget_total
    return None


def _gap(stated: Decimal, total: Decimal) -> str:
    """The first line of a gap asked: how far the rows' sum is from the document's own figure."""
    if stated == total:
        return f"Không lệch: dòng «Cộng» ghi {money(stated)}, đúng bằng tổng các dòng."
    return (
        f"Không khớp, lệch {money(abs(stated - total))}: dòng «Cộng» của bảng dự toán ghi {money(stated)}, "
        f"cộng các dòng được {money(total)} (văn bản không thống nhất, số liệu giữ nguyên như văn bản)."
    )


def _no_printed_figure(scope: str) -> str:
    """A gap asked of rows the document prints no figure for: nothing to compare with."""
    return f"Văn bản không ghi con số tổng riêng cho{scope}, nên không có gì để so với tổng các dòng."


def _stated_beside(plan: PlanInfo, measure: Measure, source: str | None, total: Decimal) -> list[str]:
    """The whole table summed: the document's own 'Cộng' row beside it, when they differ."""
    stated = _stated(plan, measure, source)
    if stated is None or stated == total:
        return []
    return [
        f"Lưu ý: dòng «Cộng» của bảng dự toán ghi {money(stated)}, khác tổng các dòng {money(total)} "
        f"(lệch {money(abs(stated - total))}; văn bản không thống nhất, số liệu giữ nguyên như văn bản)."
    ]


def largest(db: PlanDB, request: Request) -> Answer:
    """The row(s) with the largest (or smallest) amount, share or remainder."""
    measure = request.measure or Measure.TOTAL
    source = column(request.filters)
    f = _rows_filters(request.filters)
    smallest = request.op is Op.MIN
    plans = plans_of(db, request)
    with_rows = [p for p in plans if p.has_rows]
    if not with_rows and Field.AVERAGE in request.show:
        return _spread_evenly(db, request, plans)
    if not with_rows:
        return _no_table(request, plans)
    sections, top = [], []
    for plan in with_rows:
        rows = [r for r in db.budget_rows([plan.id], f) if r.value(measure, source) is not None and r.status == "row"]
        rows.sort(key=lambda r: r.value(measure, source) or Decimal(0), reverse=not smallest)
        what = measure_phrase(plan, measure, source)
        scope = filters_phrase(db, plan, f)
        rank = _RANK_WORDS.get(request.position, f"thứ {request.position}")
        head = f"Nhiệm vụ có {what} {'thấp' if smallest else 'cao'} {rank}"
        if request.limit:  # the whole ranking asked ("xếp từ cao xuống thấp")
            head = f"Các nhiệm vụ xếp theo {what}, từ {'thấp lên cao' if smallest else 'cao xuống thấp'}"
        if scope:
            head += f" (trong các nhiệm vụ {scope})"
        lines = []
        if request.limit:
            ranked = rows[: request.limit]
            lines += [
                f"{i}. {r.number} — {shorten(r.title, 60)}: {_show(r, measure, source)}"
                for i, r in enumerate(ranked, 1)
            ]
            lines += ["Không có dòng nào phù hợp."] if not ranked else []
            top += [r.task_id for r in ranked]
            sections.append(Section(lines, f"{head} — {plan.short_title}", _table_source(plan)))
            continue
        amounts = list(dict.fromkeys(r.value(measure, source) or Decimal(0) for r in rows))
        if request.position > 1:  # the n-th distinct amount, the rows above it shown after
            rows = [r for r in rows if (r.value(measure, source) or 0) in amounts[request.position - 1 :]]
        if rows and len(amounts) >= request.position:
            best = rows[0].value(measure, source) or Decimal(0)
            tied = [r for r in rows if r.value(measure, source) == best]
            top += [r.task_id for r in tied]
            if len(tied) > 1:  # "xuất hiện ở mấy dòng": the rows that share the amount, counted
                lines.append(f"{len(tied)} dòng cùng mức {money(best)}:")
            for r in tied:
                lines.append(
                    f"{r.number} — {shorten(r.title, 80)}: {_show(r, measure, source)}{_lead(db, r, request.show)}."
                )
            for r in rows[len(tied) : len(tied) + 4]:
                lines.append(f"• {r.number} — {shorten(r.title, 60)}: {_show(r, measure, source)}")
        else:
            lines.append("Không có dòng nào phù hợp.")
        sections.append(Section(lines, f"{head} — {plan.short_title}", _table_source(plan)))
    # "nó làm trong bao lâu?" next is about the top row; "mấy dòng đó cộng lại" about the tied ones
    return reply(
        # (rows tied at the top are all "nv đó": a task talked about before them is not)
        request,
        sections,
        True,
        plans=[p.id for p in with_rows],
        tasks=top if len(top) <= FEW_ROWS else [],
        listed=top,
    )


def _lead(db: PlanDB, row: BudgetRow, show: tuple[Field, ...] = ()) -> str:
    """ "; chủ trì: Sở KH&CN" after a row, when who leads it was asked."""
    if Field.LEAD not in show:
        return ""
    task = db.task(row.task_id)
    names = agency_list(db.agency_name(row.plan_id, s) for s in task.lead) if task and task.lead else "không ghi"
    return f"; chủ trì: {names}"


_RANK_WORDS = {1: "nhất", 2: "thứ hai", 3: "thứ ba", 4: "thứ tư", 5: "thứ năm", 6: "thứ sáu", 7: "thứ bảy"}


def stated_sum(db: PlanDB, request: Request) -> Answer:
    """Several stated amounts added up ("không tính trung ương": the other sources), and their share."""
    parts = [_figure(db, request, f) for f in request.figures]
    values = [v for _, v, _ in parts if v is not None]
    if not parts or len(values) != len(parts):
        return _unsupported(request)
    plans = list({p.id: p for _, _, p in parts}.values())
    plan = plans[0]
    total = sum(values, Decimal(0))
    names = " và ".join(_cap(what) if n == 0 else what[:1].lower() + what[1:] for n, (what, _, _) in enumerate(parts))
    lines = [f"{names} cộng lại: {money(total)}.", "= " + " + ".join(figure(v) for v in values) + " triệu đồng."]
    every = {s.key for s in plan.sources if s.amount is not None} == {f.source for f in request.figures}
    if len(plans) == 1 and plan.budget_total and every:
        # every source the plan states: checked against its total ("3 nguồn cộng lại có khớp với tổng không?")
        gap = total - plan.budget_total
        said = "Khớp với" if not gap else f"Không khớp, lệch {money(abs(gap))} so với"
        lines.insert(0, f"{said} tổng kinh phí {period(plan)} ({money(plan.budget_total)}).")
    elif len(plans) == 1 and plan.budget_total:
        lines.append(
            f"Chiếm {percent(total, plan.budget_total)} tổng kinh phí {period(plan)} ({money(plan.budget_total)})."
        )
    title = " và ".join(p.short_title for p in plans)
    source = "Nguồn: " + "; ".join(f"{p.short_title}, mục {p.budget_section}" for p in plans) + "."
    return reply(request, [Section(lines, title, source)], True, plans=[p.id for p in plans])


def largest_source(db: PlanDB, request: Request) -> Answer:
    """'Nguồn nào lớn nhất, chiếm bao nhiêu %?': the plan's funding sources by their stated amounts."""
    smallest = request.op is Op.MIN
    sections, plans = [], []
    for plan in plans_of(db, request):
        stated = [s for s in plan.sources if s.amount is not None]
        if not stated:
            continue
        stated.sort(key=lambda s: s.amount or Decimal(0), reverse=not smallest)
        top, total = stated[0], plan.budget_total
        share = f", chiếm {percent(top.amount, total)} tổng kinh phí {period(plan)}" if total else ""
        lines = [f"Nguồn {'nhỏ' if smallest else 'lớn'} nhất: {top.name} — {money(top.amount)}{share}."]
        lines += [f"• {s.name}: {money(s.amount)}" for s in stated[1:]]
        sections.append(Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, mục {plan.budget_section}."))
        plans.append(plan.id)
    if not sections:
        return _no_table(request, plans_of(db, request))
    return reply(request, sections, True, plans=plans)


def _show(row: BudgetRow, measure: Measure, source: str | None) -> str:
    alloc = row.value(Measure.ALLOCATION, source)
    total = row.total or Decimal(0)
    if measure is Measure.RATIO:
        return f"{percent(alloc or Decimal(0), total)} ({figure(alloc or Decimal(0))}/{figure(total)} triệu đồng)"
    if measure is Measure.REMAINING:
        return (
            f"còn {money(total - (alloc or Decimal(0)))} (tổng {figure(total)}, phân bổ {figure(alloc or Decimal(0))})"
        )
    if measure is Measure.ALLOCATION:
        return f"{money(alloc or Decimal(0))} (tổng cả nhiệm vụ {money(total)})"
    return f"tổng {money(total)}; phân bổ {money(row.allocation or Decimal(0))}"


def by_group(db: PlanDB, request: Request) -> Answer:
    """Whole-task totals and this year's allocation, summed group by group."""
    plans = plans_of(db, request)
    with_rows = [p for p in plans if p.has_rows]
    if not with_rows and Field.AVERAGE in request.show:
        return _spread_evenly(db, request, plans)
    if not with_rows:
        return _no_table(request, plans)
    sections = []
    for plan in with_rows:
        lines = []
        ranked: list[tuple[Decimal, str]] = []
        for group in plan.groups:
            f = Filters(groups=(f"{plan.id}:{group.number}",))
            rows = [r for r in db.budget_rows([plan.id], f) if r.status == "row"]
            if not rows:
                lines.append(f"• Nhóm {group.number} ({shorten(group.title, 60)}): không có dòng trong bảng dự toán")
                continue
            total = db.sum([plan.id], Measure.TOTAL, f)
            alloc = db.sum([plan.id], Measure.ALLOCATION, f)
            lines.append(
                f"• Nhóm {group.number} ({shorten(group.title, 60)}): tổng {money(total)}; "
                f"phân bổ trong năm {money(alloc)}"
            )
            ranked.append((alloc if request.measure is Measure.ALLOCATION else total, f"Nhóm {group.number}"))
        if request.measure is not None and ranked:
            # "nhóm nào nhiều tiền nhất": the top and the bottom of the column asked, first
            ranked.sort(key=lambda vg: vg[0], reverse=True)
            what = "phân bổ trong năm" if request.measure is Measure.ALLOCATION else "tổng kinh phí"
            (hi, top), (lo, bottom) = ranked[0], ranked[-1]
            lines.insert(0, f"Cao nhất ({what}): {top}, {money(hi)}; thấp nhất: {bottom}, {money(lo)}.")
        sections.append(
            Section(
                lines,
                f"Kinh phí theo nhóm — {plan.short_title}",
                f"Nguồn: {plan.short_title}, bảng dự toán (cộng các dòng theo nhóm).",
            )
        )
    return reply(request, sections, True, plans=[p.id for p in with_rows])


# ---------------------------------------------------------------- shares and differences
def _figure(db: PlanDB, request: Request, fig: Figure) -> tuple[str, Decimal | None, PlanInfo]:
    """(what it is, its value, its plan) for one figure of a share or difference."""
    plan = db.plan(fig.plan or (request.plans or db.plan_ids)[0])
    if fig.measure is Measure.STATED:
        if fig.source:
            src = plan.source(fig.source)
            return (src.name if src else fig.source), (src.amount if src else None), plan
        return f"tổng kinh phí {period(plan)}", plan.budget_total, plan
    if not plan.has_rows:
        return measure_phrase(plan, fig.measure, fig.source), None, plan
    what = measure_phrase(plan, fig.measure, fig.source)
    scope = filters_phrase(db, plan, fig.filters)
    if fig.filters.ids and not scope:
        numbers = ", ".join(i.split(":", 1)[1] for i in fig.filters.ids)
        scope = f"nhiệm vụ {numbers}"
    elif scope:
        scope = f"các nhiệm vụ {scope}"
    label = f"{what} của {scope}" if scope else what
    if fig.measure is Measure.RATIO:
        rows = db.budget_rows([plan.id], fig.filters)
        total = sum((r.total or Decimal(0) for r in rows), Decimal(0))
        alloc = sum(
            ((r.by_source.get(fig.source) if fig.source else r.allocation) or Decimal(0) for r in rows), Decimal(0)
        )
        return label, (alloc / total if total else None), plan
    return label, db.sum([plan.id], fig.measure, fig.filters, fig.source), plan


def share(db: PlanDB, request: Request) -> Answer:
    """figures[0] as a share of figures[1]."""
    if len(request.figures) != 2:
        return _unsupported(request)
    (a_what, a, plan), (b_what, b, other) = (_figure(db, request, f) for f in request.figures)
    if a is None or not b:
        return _no_table(request, [plan]) if not plan.has_rows else _unsupported(request)
    if other.id != plan.id:  # two plans' figures: one is so much of the other, not a part of it
        lines = [f"{_cap(a_what)} bằng {percent(a, b)} {b_what}.", f"= {figure(a)} / {figure(b)} triệu đồng."]
        source = (
            f"Nguồn: {plan.short_title} (mục {plan.budget_section}); {other.short_title} (mục {other.budget_section})."
        )
        return reply(request, [Section(lines, None, source)], True, plans=[plan.id, other.id])
    lines = [
        f"{_cap(a_what)} là {money(a)}, chiếm {percent(a, b)} {b_what}.",
        f"= {figure(a)} / {figure(b)} triệu đồng.",
    ]
    return reply(
        request,
        [Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, mục {plan.budget_section} và bảng dự toán.")],
        True,
        plans=[plan.id],
    )


def difference(db: PlanDB, request: Request) -> Answer:
    """figures[0] − figures[1], said as 'more / less by'."""
    if len(request.figures) != 2:
        return _unsupported(request)
    (a_what, a, plan), (b_what, b, plan_b) = (_figure(db, request, f) for f in request.figures)
    if a is None or b is None:
        return _no_table(request, [plan]) if not plan.has_rows else _unsupported(request)
    diff = a - b
    more = "nhiều hơn" if diff >= 0 else "ít hơn"
    lines = [
        f"{_cap(a_what)} ({money(a)}) {more} {b_what} ({money(b)}): {money(abs(diff))}.",
        f"= {figure(a)} − {figure(b)} = {figure(diff)} triệu đồng.",
    ]
    if b:  # the change as a share of the second figure: "giảm 30,82% so với năm 2022"
        trend = "cao hơn" if diff >= 0 else "thấp hơn"
        against = f" so với {b_what}" if len(b_what) <= 40 else ""  # a long label was just given above
        # "gấp mấy lần": the larger as a multiple of the smaller, whichever was named first
        big, small = (a, b) if a >= b else (b, a)
        ratio = figure((big / small).quantize(Decimal("0.01"))) if small > 0 else ""
        times = f" ({figure(big)} gấp {ratio} lần {figure(small)})" if ratio and big != small else ""
        lines.append(f"Tức là {trend} {percent(abs(diff), b)}{against}{times}.")
    if plan.id != plan_b.id and plan.year_start != plan_b.year_start:
        # two years of a plan: the change from the earlier to the later, as a share of the earlier ("năm 2023 giảm
        # bao nhiêu phần trăm": of what 2022 had)
        (y0, v0), (y1, v1) = sorted([(plan.year_start, a), (plan_b.year_start, b)])
        if v0:
            change = "tăng" if v1 > v0 else "giảm"
            lines.insert(
                0, f"Từ năm {y0} sang năm {y1}: {change} {money(abs(v1 - v0))}, tức {percent(abs(v1 - v0), v0)}."
            )
    title = plan.short_title if plan.id == plan_b.id else f"{plan.short_title} và {plan_b.short_title}"
    return reply(
        request,
        [Section(lines, title, f"Nguồn: {title}, mục kinh phí và bảng dự toán.")],
        True,
        plans=[plan.id, plan_b.id],
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _unsupported(request: Request) -> Answer:
    return reply(
        request, [Section(["Kế hoạch không nêu đủ số liệu để tính phép so sánh này."])], False, plans=request.plans
    )
