"""Answers about a plan as a whole, or about many of its tasks at once.

Budget totals and sources, budget views across tasks, tasks by quarter, agency or
topic, targets, duties from "Tổ chức thực hiện", the reporting regime and the
document itself. Each answer is labelled by plan when more than one is in play.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ipbot import phrases
from ipbot.answers import Answer, Section, Suggestion
from ipbot.describe import agency_list, agency_name, shorten, task_line, timeline_phrase
from ipbot.plans.models import Plan, Task, TextBlock
from ipbot.reading.index import Passage, TaskRef
from ipbot.text import figure, fold, money, money_words, quarters_text, tokens
from ipbot.turn import Turn

__all__ = [
    "budget_by_group",
    "budget_by_source",
    "budget_largest",
    "chart_attachments",
    "document_info",
    "files_answer",
    "passage_answer",
    "plan_budget",
    "plans_list",
    "reporting",
    "responsibilities",
    "targets",
    "task_list",
]

MAX_LIST = 30


def _label(plan: Plan) -> str:
    return plan.short_title


def _year_word(plan: Plan) -> str:
    return (
        f"năm {plan.year_start}" if plan.year_start == plan.year_end else f"giai đoạn {plan.year_start}–{plan.year_end}"
    )


# ---------------------------------------------------------------- plans and document
def plans_list(turn: Turn) -> Answer:
    lines = []
    for plan in turn.index.plans.values():
        period = _year_word(plan) + (f", định hướng đến {plan.horizon}" if plan.horizon else "")
        lines.append(f"• {plan.title} ({period}): {len(plan.tasks)} nhiệm vụ.")
    suggestions = [Suggestion(p.short_title, f"tổng kinh phí {_select(p)}") for p in turn.index.plans.values()]
    return turn.reply(
        "plans",
        [Section(lines, "Các kế hoạch đang có:")],
        True,
        plans=list(turn.index.plans.values()),
        suggestions=suggestions,
    )


def _select(plan: Plan) -> str:
    if plan.year_start == plan.year_end:
        return f"kế hoạch năm {plan.year_start} {plan.province}"
    return f"kế hoạch {plan.province}"


def document_info(turn: Turn, plans: list[Plan]) -> Answer:
    """Number, date, signer, decisions implemented, period: whichever the question asks."""
    f = turn.query.folded
    want_decision = any(
        w in f for w in ("quyet dinh", "qd", "can cu", "phe duyet", "trien khai quyet", "thuc hien quyet")
    )
    want_signer = any(w in f for w in ("ky", "chuc danh", "chuc vu"))
    want_number = any(w in f for w in ("so hieu", "ky hieu", "so may", "so bao nhieu"))
    want_date = any(w in f for w in ("ngay", "ban hanh", "ra doi", "thang may", "nam nao", "khi nao", "bao gio"))
    want_period = any(w in f for w in ("dinh huong", "giai doan", "den nam", "toi nam", "thoi ky"))
    want_all = not any((want_decision, want_signer, want_number, want_date, want_period))
    if want_decision:
        want_date = False  # "quyết định … ban hành ngày nào" asks the decision's date
    if want_signer and "ky hieu" in f and not any(w in f for w in ("nguoi ky", "ai ky", "ky boi", "chuc")):
        want_signer = False
    sections, stated_any = [], False
    for plan in plans:
        lines: list[str] = []
        stated = False
        if want_all or want_number:
            if plan.number:
                lines.append(f"Số hiệu: {plan.number}.")
                stated = True
            else:
                lines.append("Văn bản không ghi số hiệu. " + (plan.number_note or ""))
        if want_all or want_date:
            if plan.issued:
                lines.append(f"Ngày ban hành: {plan.issued:%d/%m/%Y} ({plan.issued_text or ''}).".replace(" ()", ""))
                stated = True
            elif plan.issued_month:
                year, month = plan.issued_month.split("-")
                lines.append(
                    f"Văn bản để trống ngày ban hành (ghi «{plan.issued_text}»): ban hành tháng {month}/{year}."
                )
                stated = "ngay" not in f or "thang" in f
            else:
                lines.append("Văn bản không ghi ngày ban hành.")
        if want_all or want_signer:
            if plan.signer:
                cap = f" ({plan.signer.capacity})" if plan.signer.capacity else ""
                lines.append(f"Người ký: {plan.signer.name}, {plan.signer.title}{cap}.")
                stated = True
            else:
                lines.append("Văn bản không có phần ký (người ký, chức vụ).")
        if want_all or want_period:
            period = _year_word(plan) + (f", định hướng đến năm {plan.horizon}" if plan.horizon else "")
            lines.append(f"Tên văn bản: {plan.title}. Thời kỳ: {period}.")
            stated = True
        if want_all or want_decision:
            lines += [f"Lưu ý: {d.note}" for d in plan.discrepancies if d.kind == "citation"]
            for ref in plan.implements:
                when = f" ngày {ref.date:%d/%m/%Y}" if ref.date else ""
                by = f" của {ref.issuer}" if ref.issuer else ""
                about = f": {ref.title}" if ref.title else ""
                lines.append(f"Căn cứ: Quyết định số {ref.number}{when}{by}{about}.")
                stated = True
        if want_all:
            lines.append(f"Cơ quan ban hành: {plan.issuer}.")
        stated_any |= stated
        sections.append(Section(lines, plan.title, f"Nguồn: {_label(plan)}, phần đầu và phần ký của văn bản."))
    return turn.reply("document", sections, stated_any, plans=plans)


# ---------------------------------------------------------------- budget
def plan_budget(turn: Turn, plans: list[Plan]) -> Answer:
    """Totals and sources per plan, and the difference when comparing two plans."""
    f = turn.query.folded
    asks_source = bool(re.search(r"nguon|tu dau|lay tien", f)) and "bao nhieu" not in f
    asks_amount = not asks_source and any(w in f for w in ("bao nhieu", "tong", "tien", "het", "muc", "chu", "may"))
    sections, stated_any = [], False
    totals: list[tuple[Plan, Decimal]] = []
    for plan in plans:
        b = plan.budget
        lines: list[str] = []
        if b.total is not None:
            totals.append((plan, b.total))
            words = f" (bằng chữ: {b.in_words})" if b.in_words else ""
            lines.append(
                f"Tổng kinh phí {_year_word(plan)}: {b.total_text or money_words(b.total)} = {money(b.total)}{words}."
            )
            stated_any = True
        else:
            lines.append("Kế hoạch không nêu số tiền cụ thể (tổng hay từng nhiệm vụ).")
        with_amounts = [s for s in b.sources if s.amount is not None]
        if with_amounts:
            lines.append(
                "Trong đó: " + "; ".join(f"{s.long_label or s.label}: {money(s.amount)}" for s in with_amounts) + "."
            )
        elif b.funding_text:
            lines.append(f"Nguồn kinh phí: {b.funding_text}")
            if not asks_amount:
                stated_any = True
        if b.table is not None and b.table.stated_task_total is not None:
            lines += _recorded(plan, "table.task_total")
            lines.append(
                f"Bảng dự toán ghi tổng kinh phí thực hiện các nhiệm vụ (cả thời gian thực hiện) là "
                f"{money(b.table.stated_task_total)}; phần phân bổ trong năm là {money(b.total or Decimal(0))}."
            )
        if b.table_missing:
            lines.append(
                "Kế hoạch dẫn chiếu bảng tổng hợp kinh phí nhưng bảng không có trong văn bản, "
                "nên không có kinh phí từng nhiệm vụ."
            )
        sections.append(Section(lines, _label(plan), f"Nguồn: {_label(plan)}, mục {b.section}."))
    if len(totals) == 2:
        (p1, t1), (p2, t2) = sorted(totals, key=lambda pt: pt[0].year_start)
        diff = t2 - t1
        trend = "giảm" if diff < 0 else "tăng"
        sections.append(Section([f"So sánh: {_year_word(p2)} {trend} {money(abs(diff))} so với {_year_word(p1)}."]))
    return turn.reply("plan_budget", sections, stated_any, plans=plans)


def _recorded(plan: Plan, check: str) -> list[str]:
    """The recorded discrepancy for a check, in a sentence (the document is inconsistent here)."""
    return [
        f"Lưu ý: dòng «Cộng» của bảng ghi {figure(Decimal(d.stated or 0))} triệu đồng, nhưng cộng các dòng "
        f"chỉ được {figure(Decimal(d.computed or 0))} "
        "triệu đồng (văn bản không thống nhất; số liệu giữ nguyên như văn bản)."
        for d in plan.discrepancies
        if d.check == check
    ]


def _table_plans(plans: list[Plan]) -> list[Plan]:
    return [p for p in plans if any(t.budget.status == "row" for t in p.tasks)]


def _no_table(turn: Turn, plans: list[Plan], intent: str) -> Answer:
    names = ", ".join(_label(p) for p in plans)
    lines = [f"{names} không có kinh phí theo từng nhiệm vụ, nên không thể xếp hay cộng theo nhiệm vụ."]
    return turn.reply(intent, [Section(lines)], False, plans=plans)


def budget_by_source(turn: Turn, plans: list[Plan]) -> Answer:
    """Which tasks draw on the funding source(s) named in the question."""
    sections = []
    for plan in _table_plans(plans):
        for source in plan.budget.sources:
            if source.key not in turn.query.sources:
                continue
            rows = [(t, t.budget.allocation[source.key]) for t in plan.tasks if source.key in t.budget.allocation]
            lines = []
            if source.amount is not None:
                name = source.long_label or source.label
                if str(plan.year_start) not in name:  # the document's label may carry the year already
                    name += f" {_year_word(plan)}"
                lines.append(f"{name}: {money(source.amount)} (mục {plan.budget.section}).")
            if not rows:
                lines.append(f"Không nhiệm vụ nào có kinh phí từ {source.label}.")
            else:
                lines.append("Các nhiệm vụ dùng nguồn này:")
                lines += [f"• {task_line(t, 90)}: {money(a)}" for t, a in rows]
                total = sum((a for _, a in rows), Decimal(0))
                if source.amount is None:
                    lines.append(f"Cộng các dòng: {money(total)}.")
                elif source.amount != total:  # the stated figure stands; the difference is the document's
                    lines.append(phrases.ROWS_DISAGREE.format(rows=money(total), stated=money(source.amount)))
            sections.append(
                Section(lines, f"{source.label} — {_label(plan)}", f"Nguồn: {_label(plan)}, bảng dự toán kinh phí.")
            )
    if not sections:
        return _no_table(turn, plans, "budget_by_source")
    refs = [
        TaskRef(p.id, t.number)
        for p in plans
        for t in p.tasks
        if any(k in t.budget.allocation for k in turn.query.sources)
    ]
    return turn.reply("budget_by_source", sections, True, plans=plans, tasks=refs[:1] if len(refs) == 1 else [])


def budget_largest(turn: Turn, plans: list[Plan], sources: set[str] | None = None) -> Answer:
    """Tasks by size of budget: the whole-task total, or one source's allocation when named."""
    sections = []
    smallest = any(w in turn.query.folded for w in ("it nhat", "nho nhat", "thap nhat"))
    for plan in _table_plans(plans):
        if sources:
            rows = [
                (t, sum((a for k, a in t.budget.allocation.items() if k in sources), Decimal(0)))
                for t in plan.tasks
                if set(t.budget.allocation) & sources
            ]
        else:
            rows = [(t, t.budget.total) for t in plan.tasks if t.budget.total is not None]
        rows.sort(key=lambda r: r[1], reverse=not smallest)
        lines = []
        for t, amount in rows[:5]:
            alloc = sum(t.budget.allocation.values(), Decimal(0))
            if sources:
                lines.append(
                    f"• {task_line(t, 80)}: {money(amount)} (tổng cả nhiệm vụ {money(t.budget.total or alloc)})"
                )
            else:
                lines.append(f"• {task_line(t, 80)}: tổng {money(amount)}; phân bổ {_year_word(plan)} {money(alloc)}")
        label = ", ".join(s.label for s in plan.budget.sources if sources and s.key in sources)
        what = f" từ {label}" if label else ""
        title = f"Nhiệm vụ có kinh phí{what} thấp nhất" if smallest else f"Nhiệm vụ có kinh phí{what} lớn nhất"
        title += f" — {_label(plan)}"
        sections.append(Section(lines, title, f"Nguồn: {_label(plan)}, bảng dự toán kinh phí."))
    if not sections:
        return _no_table(turn, plans, "budget_largest")
    return turn.reply("budget_largest", sections, True, plans=plans)


def budget_by_group(turn: Turn, plans: list[Plan]) -> Answer:
    sections = []
    for plan in _table_plans(plans):
        lines = []
        for group in plan.groups:
            tasks = [t for t in plan.tasks if t.group == group.number]
            if not any(t.budget.status == "row" for t in tasks):
                lines.append(f"• Nhóm {group.number} ({shorten(group.title, 60)}): không có dòng trong bảng dự toán")
                continue
            total = sum((t.budget.total for t in tasks if t.budget.total is not None), Decimal(0))
            alloc = sum((sum(t.budget.allocation.values(), Decimal(0)) for t in tasks), Decimal(0))
            lines.append(
                f"• Nhóm {group.number} ({shorten(group.title, 60)}): tổng {money(total)}; "
                f"phân bổ trong năm {money(alloc)}"
            )
        sections.append(
            Section(
                lines,
                f"Kinh phí theo nhóm — {_label(plan)}",
                f"Nguồn: {_label(plan)}, bảng dự toán (cộng các dòng theo nhóm).",
            )
        )
    if not sections:
        return _no_table(turn, plans, "budget_by_group")
    return turn.reply("budget_by_group", sections, True, plans=plans)


# ---------------------------------------------------------------- task lists
def task_list(
    turn: Turn,
    plans: list[Plan],
    refs: list[TaskRef],
    title: str,
    intent: str,
    *,
    agencies: list[str] | None = None,
    extra: dict[str, list[str]] | None = None,
) -> Answer:
    """A list of tasks, grouped by plan, each line 'number — content' (shortened)."""
    sections = []
    by_plan: dict[str, list[TaskRef]] = {}
    for ref in refs:
        by_plan.setdefault(ref.plan_id, []).append(ref)
    for plan in plans:
        mine = by_plan.get(plan.id, [])
        detailed = 500 if len(refs) == 1 else 150 if len(refs) <= 3 else 0
        lines = [f"• {_list_line(turn, plan, turn.task(r), detailed)}" for r in mine[:MAX_LIST]]
        if len(mine) > MAX_LIST:
            lines.append(f"… và {len(mine) - MAX_LIST} nhiệm vụ khác.")
        lines += (extra or {}).get(plan.id, [])
        if lines:
            romans = dict.fromkeys(turn.task(r).section.split(".")[0] for r in mine) or {"II": None}
            where = "mục " + ", ".join(romans)
            if plan.budget.table is not None:
                where += " và bảng dự toán"
            sections.append(Section(lines, f"{title} — {_label(plan)}", f"Nguồn: {_label(plan)}, {where}."))
    answered = bool(refs)
    suggestions = [
        Suggestion(f"Nhiệm vụ {r.number}", f"chi tiết nhiệm vụ {r.number} {_select(turn.plan(r.plan_id))}")
        for r in refs[:4]
    ]
    used = [p for p in plans if p.id in by_plan]
    return turn.reply(
        intent,
        sections,
        answered,
        plans=used or plans,
        tasks=refs if len(refs) == 1 else [],
        agencies=agencies,
        suggestions=suggestions,
    )


def _list_line(turn: Turn, plan: Plan, task: Task, detailed: int = 0) -> str:
    """Number and name; with few items, the content itself; the count when the task states one."""
    line = task_line(task, 100)
    if detailed:
        line += f": {shorten(task.content, detailed)}"
    counts = [q.text for q in task.quantities if fold(q.text) not in fold(line)]
    if counts:
        line += f" ({'; '.join(counts)})"
    when = timeline_phrase(task)
    return f"{line} ({when})" if when and turn.query.quarters else line


# ---------------------------------------------------------------- duties, targets, reporting
def responsibilities(turn: Turn, plans: list[Plan], slugs: list[str], sections: list[str] | None = None) -> Answer:
    """What 'Tổ chức thực hiện' assigns to the agencies, best-matching duty first."""
    wanted = sections
    sections = []
    content = turn.query.content
    for plan in plans:
        entries = [
            r
            for r in plan.responsibilities
            if any(s in r.agencies for s in slugs) and (wanted is None or r.section in wanted)
        ]
        if len(slugs) > 1:
            both = [r for r in entries if all(s in r.agencies for s in slugs)]
            entries = both or entries
        for resp in entries:
            duties = list(resp.duties)
            query = turn.index.query_grams(content)[1] if content else set()
            if content:
                ranked = sorted(duties, key=lambda d: -turn.index.coverage(query, turn.index.doc_grams(d.text))[0])
                duties = ranked
            lines = []
            budget = 1500 if len(entries) == 1 and query else 900
            for d in duties:
                label = f"{d.label}) " if d.label else ""
                text = shorten(d.text, max(200, budget)) if budget > 0 else None
                if text is None:
                    break
                lines.append(f"• {label}{text}")
                budget -= len(text)
            heading = resp.heading.split(") ", 1)[-1] if ") " in resp.heading[:4] else resp.heading
            sections.append(
                Section(
                    lines,
                    f"{heading} — {_label(plan)}",
                    f"Nguồn: {_label(plan)}, mục {resp.section} (Tổ chức thực hiện).",
                )
            )
    if not sections:
        names = ", ".join(agency_name(turn.knowledge, plans, s) for s in slugs)
        lines = [
            f"Phần Tổ chức thực hiện của {', '.join(_label(p) for p in plans)} không giao riêng nhiệm vụ cho {names}."
        ]
        return turn.reply("responsibility", [Section(lines)], False, plans=plans, agencies=slugs)
    return turn.reply("responsibility", sections, True, plans=plans, agencies=slugs)


def targets(turn: Turn, plans: list[Plan], years: list[int]) -> Answer:
    sections = []
    content = turn.query.content
    query = turn.index.query_grams(content)[1] if content else set()
    for plan in plans:
        chosen = [t for t in plan.targets if not years or t.year in years]
        if query and len(chosen) > 1:
            chosen.sort(key=lambda t: -turn.index.coverage(query, turn.index.doc_grams(t.text))[0])
            # keep the document order when nothing in the question singles a target out
            if turn.index.coverage(query, turn.index.doc_grams(chosen[0].text))[0] < 0.3:
                chosen = [t for t in plan.targets if not years or t.year in years]
        if not chosen:
            continue
        for year in sorted({t.year for t in chosen}):
            lines = [f"• {t.text}" for t in chosen if t.year == year]
            sections.append(
                Section(
                    lines,
                    f"Chỉ tiêu đến năm {year} — {_label(plan)}",
                    f"Nguồn: {_label(plan)}, mục {chosen[0].section.rsplit('.', 2)[0]}.",
                )
            )
    if not sections:
        have = sorted({t.year for p in plans for t in p.targets})
        hint = f" Kế hoạch có chỉ tiêu cho: {', '.join(map(str, have))}." if have else ""
        return turn.reply("targets", [Section([f"Kế hoạch không nêu chỉ tiêu cho mốc này.{hint}"])], False, plans=plans)
    return turn.reply("targets", sections, True, plans=plans, year=years[0] if len(years) == 1 else None)


def reporting(turn: Turn, plans: list[Plan]) -> Answer:
    """The reporting regime, and whom to tell about difficulties (the closing paragraph)."""
    f = turn.query.folded
    asks_difficulty = any(w in f for w in ("kho khan", "vuong mac", "phan anh"))
    sections, stated_any = [], False
    for plan in plans:
        lines: list[str] = []
        src = ""
        if plan.reporting and not asks_difficulty:
            r = plan.reporting
            to = agency_list(turn.knowledge, plan, r.recipient) if r.recipient else ""
            lines.append(r.text)
            if r.deadline:
                lines.append(f"Hạn: {r.deadline} ({r.frequency.lower() if r.frequency else 'hằng năm'}); gửi về {to}.")
            stated_any = True
            src = f"mục {r.section}"
        elif plan.closing and (asks_difficulty or not plan.reporting):
            if not asks_difficulty:
                lines.append("Kế hoạch không quy định chế độ, thời hạn báo cáo định kỳ.")
            lines.append(plan.closing)
            if plan.closing_recipient:
                lines.append(f"Đầu mối tiếp nhận: {agency_list(turn.knowledge, plan, plan.closing_recipient)}.")
            stated_any |= asks_difficulty
            src = "đoạn cuối phần Tổ chức thực hiện"
        if lines:
            sections.append(Section(lines, _label(plan), f"Nguồn: {_label(plan)}, {src}."))
        else:
            sections.append(Section(["Kế hoạch không quy định chế độ, thời hạn báo cáo."], _label(plan)))
    return turn.reply("reporting", sections, stated_any, plans=plans)


def plan_objectives(turn: Turn, plans: list[Plan]) -> Answer:
    """The plan's purposes and general objectives (section I/II), shortened for a phone."""
    sections = []
    wanted = set(tokens(turn.query.content))
    general = re.search(r"muc tieu chung", turn.query.folded) is not None
    for plan in plans:
        blocks = [b for b in plan.objectives if b.kind in ("purpose", "general_objective", "objective")]
        if not blocks:
            continue
        # "mục tiêu chung" is section II.1 where the plan has one, not the purposes of section I;
        # then the block that shares most words with the question comes first
        if general and any(b.kind == "general_objective" for b in blocks):
            blocks = [b for b in blocks if b.kind == "general_objective"]
        blocks.sort(key=lambda b: -len(wanted & set(tokens(b.text))))
        lines = [f"• {shorten(b.text, 320)}" for b in blocks[:4]]
        where = ", ".join(dict.fromkeys(b.section for b in blocks[:4]))
        sections.append(
            Section(lines, f"{_objectives_title(blocks[:4])} — {_label(plan)}", f"Nguồn: {_label(plan)}, mục {where}.")
        )
    if not sections:
        return turn.reply("objective", [Section(["Kế hoạch không nêu mục tiêu chung."])], False, plans=plans)
    return turn.reply("objective", sections, True, plans=plans)


def _objectives_title(blocks: list[TextBlock]) -> str:
    return "Mục tiêu chung" if all(b.kind == "general_objective" for b in blocks) else "Mục đích, mục tiêu"


def recipients(turn: Turn, plans: list[Plan]) -> Answer:
    """'Nơi nhận': to whom the document was sent, best-matching line first."""
    sections = []
    grams = turn.index.query_grams(turn.query.content)[1] if turn.query.content_tokens else set()
    for plan in plans:
        if not plan.recipients:
            sections.append(Section(["Văn bản không có phần «Nơi nhận»."], _label(plan)))
            continue
        lines = list(plan.recipients)
        if grams:
            lines.sort(key=lambda line: -turn.index.coverage(grams, turn.index.doc_grams(line))[0])
        sections.append(
            Section(
                [f"• {line}" for line in lines], f"Nơi nhận — {_label(plan)}", f"Nguồn: {_label(plan)}, phần Nơi nhận."
            )
        )
    answered = any(p.recipients for p in plans)
    return turn.reply("document", sections, answered, plans=plans)


# ---------------------------------------------------------------- passages
def passage_answer(turn: Turn, passages: list[Passage]) -> Answer:
    """Quote the passages that answer the question, with their sections."""
    sections = []
    plans = []
    for p in passages:
        plan = turn.plan(p.plan_id)
        plans.append(plan)
        kind = {
            "responsibility": "Tổ chức thực hiện",
            "target": "Chỉ tiêu",
            "objective": "Mục tiêu",
            "reporting": "Chế độ báo cáo",
            "closing": "Tổ chức thực hiện",
            "document": "Căn cứ",
            "budget": "Kinh phí",
            "recipients": "Nơi nhận",
        }.get(p.kind, "")
        lines, section = _duties_asked(turn, plan, p) or ([shorten(p.text, 700)], p.section)
        sections.append(
            Section(
                lines,
                f"{kind} — {_label(plan)}",
                f"Nguồn: {_label(plan)}, mục {section}." if section else f"Nguồn: {_label(plan)}.",
            )
        )
    unique = list({p.id: p for p in plans}.values())
    return turn.reply("search", sections, True, plans=unique)


MIN_DUTY_WORDS = 3
"""Question words a duty must share to be quoted alone rather than the agency's whole entry."""


def _duties_asked(turn: Turn, plan: Plan, passage: Passage) -> tuple[list[str], str] | None:
    """The duties of a long "Tổ chức thực hiện" entry that the question is about, not all of them.

    An agency's entry runs to five or more duties; a phone screen should show the one asked
    about ("hỗ trợ chuyên môn … chỉ dẫn địa lý" is duty d of V.1), cited to its letter.
    """
    if passage.kind != "responsibility":
        return None
    entry = next((r for r in plan.responsibilities if r.section == passage.section), None)
    if entry is None or len(entry.duties) < 3:
        return None
    wanted = set(tokens(turn.query.full_content))
    scored = [(len(wanted & set(tokens(d.text))), d) for d in entry.duties]
    best = max(score for score, _ in scored)
    if best < MIN_DUTY_WORDS:
        return None
    picked = [d for score, d in scored if score >= max(MIN_DUTY_WORDS, best - 1)][:3]
    lines = [f"{entry.heading}:"] + [f"{d.label}) {d.text}" if d.label else f"• {d.text}" for d in picked]
    one = picked[0].label if len(picked) == 1 and picked[0].label else None
    return lines, f"{entry.section}.{one}" if one else entry.section


def quarter_title(quarters: list[int]) -> str:
    return f"Nhiệm vụ triển khai trong {quarters_text(quarters)}"


# ---------------------------------------------------------------- charts and exports
def chart_attachments(plans: list[Plan]) -> list[str]:
    """Which charts the data can draw: by group (a budget table), by source (stated amounts), 2 plans compared."""
    out = []
    for plan in plans:
        if any(t.budget.status == "row" for t in plan.tasks):
            out.append(f"chart:by_group:{plan.id}")
        if any(s.amount is not None for s in plan.budget.sources):
            out.append(f"chart:by_source:{plan.id}")
    with_totals = [p.id for p in plans if p.budget.total is not None]
    if len(with_totals) >= 2:
        out.append("chart:compare:" + ",".join(with_totals))
    return out


def files_answer(turn: Turn, kind: str) -> Answer:
    """A chart or a spreadsheet asked for in words: the front end renders the attachments."""
    plans = turn.plans
    if kind == "chart":
        attachments = chart_attachments(plans)
        if not attachments:
            names = ", ".join(_label(p) for p in plans)
            return turn.reply("chart", [Section([f"{names} không có số liệu kinh phí để vẽ biểu đồ."])], False)
        budget = plan_budget(turn, [p for p in plans if p.budget.total is not None] or plans)
        lines = ["Biểu đồ kinh phí (gửi kèm dưới dạng ảnh trong Telegram; dùng lệnh `ipbot chart` trên máy tính)."]
        answer = turn.reply("chart", [Section(lines), *budget.sections], True, plans=plans)
    else:
        attachments = [f"export:{fmt}:{p.id}" for p in plans for fmt in ("xlsx", "csv")]
        lines = [
            f"Danh sách nhiệm vụ của {', '.join(_label(p) for p in plans)} dạng bảng tính Excel và CSV "
            "(gửi kèm trong Telegram; dùng lệnh `ipbot export` trên máy tính)."
        ]
        answer = turn.reply("export", [Section(lines)], True, plans=plans)
    answer.attachments = attachments
    return answer
