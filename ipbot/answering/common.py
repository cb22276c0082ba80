"""What every family of answers shares: building an Answer, naming plans, describing filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from ipbot.answers import Answer, Attachment, Section, Suggestion
from ipbot.describe import plan_period, shorten
from ipbot.plans.db import ALL_BUT, PlanDB, PlanInfo
from ipbot.requests import Field, Filters, Measure, Request, Role
from ipbot.text import figure, quarters_text

__all__ = [
    "Reach",
    "among_chosen",
    "date_text",
    "filters_phrase",
    "measure_phrase",
    "percent",
    "period",
    "plans_of",
    "reply",
]

Reach = tuple[list[str], bool]
"""What a family's answer would be about (its ``plan_ids``) and whether it answers (``answered``), worked
out from the tables without building the answer: all a summary of many plans shows of it."""


def reply(
    request: Request,
    sections: list[Section],
    answered: bool,
    *,
    plans: Sequence[str] = (),
    tasks: Sequence[str] = (),
    listed: Sequence[str] = (),
    agencies: Sequence[str] = (),
    suggestions: Sequence[Suggestion] = (),
    attachments: Sequence[Attachment] = (),
    intent: str | None = None,
) -> Answer:
    """The answer to one request, with what it was about (for the next turn's context)."""
    return Answer(
        sections=sections,
        answered=answered,
        intent=intent or request.intent,
        plan_ids=list(dict.fromkeys(plans)),
        task_ids=list(dict.fromkeys(tasks)),
        listed=list(dict.fromkeys(listed)),
        agency_ids=list(dict.fromkeys(agencies)),
        suggestions=list(suggestions),
        attachments=list(attachments),
    )


def plans_of(db: PlanDB, request: Request) -> list[PlanInfo]:
    """The plans a request names, or every plan."""
    return [db.plan(p) for p in (request.plans or db.plan_ids)]


def date_text(iso: str) -> str:
    """'2026-11-30' as the plans write dates: '30/11/2026'."""
    return f"{dt.date.fromisoformat(iso):%d/%m/%Y}"


def period(plan: PlanInfo) -> str:
    return plan_period(plan.year_start, plan.year_end)


def percent(part: Decimal, whole: Decimal) -> str:
    """A share in the plans' style: ``27,73%``, ``30%``."""
    value = (part * 100 / whole).quantize(Decimal("0.01"))
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return text.replace(".", ",").rstrip("0").rstrip(",") + "%" if "." in text else text + "%"


def measure_phrase(plan: PlanInfo, measure: Measure, source: str | None = None) -> str:
    """How an amount of a budget row is called: 'tổng kinh phí thực hiện', 'phân bổ năm 2023'…"""
    year = f" năm {plan.year_start}" if plan.annual else " trong kỳ"
    src = plan.source(source.removeprefix(ALL_BUT)) if source else None
    from_source = f" từ {src.label}" if src else ""
    if src and source and source.startswith(ALL_BUT):
        from_source = f" (không tính {src.label})"
    return {
        Measure.TOTAL: "tổng kinh phí thực hiện (cả nhiệm vụ)",
        Measure.ALLOCATION: f"kinh phí phân bổ{year}{from_source}",
        Measure.REMAINING: f"phần còn phải bố trí sau{year} (tổng kinh phí trừ phân bổ{year}{from_source})",
        Measure.RATIO: f"tỷ lệ được bố trí{year}{from_source} so với tổng kinh phí",
        Measure.STATED: f"{src.name}" if src else f"tổng kinh phí {period(plan)}",
    }[measure]


_ROLE_WORDS = {
    Role.LEAD: "chủ trì",
    Role.COOPERATING: "phối hợp",
    Role.ANY: "chủ trì hoặc phối hợp",
    Role.DUTY: "được giao việc",
}
_FIELD_WORDS = {
    Field.LEAD: "cơ quan chủ trì",
    Field.COOPERATING: "cơ quan phối hợp",
    Field.TIME: "thời gian (quý, năm)",
    Field.BUDGET: "kinh phí trong bảng dự toán",
    Field.OBJECTIVE: "mục tiêu riêng",
    Field.QUANTITY: "số lượng cụ thể",
    Field.DURATION: "tổng thời gian thực hiện",
}
_STATUS_WORDS = {
    "row": "có dòng kinh phí trong bảng dự toán",
    "recurring": "ghi «Hoạt động thường xuyên» trong bảng dự toán",
    "no_row": "không có dòng trong bảng dự toán",
    "not_itemised": "không có kinh phí riêng",
}
_CMP_WORDS = {"<": "dưới", "<=": "không quá", ">": "trên", ">=": "từ", "=": "đúng"}


def filters_phrase(db: PlanDB, plan: PlanInfo, f: Filters) -> str:
    """The filters in words, after 'Nhiệm vụ': 'do Sở Khoa học và Công nghệ chủ trì, trong Quý II'."""
    parts: list[str] = []
    if f.agency:
        names = [db.agency_name(plan.id, a) for a in (f.agency, *f.also)]
        name = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} hoặc {names[-1]}"
        role = _ROLE_WORDS.get(f.role, "chủ trì hoặc phối hợp")
        if f.negate:
            extra = " (kể cả đồng chủ trì)" if f.role is Role.LEAD else ""
            parts.append(f"{name} không {role}{extra}")
        elif f.partner and f.partner_role is f.role and f.role is not Role.ANY:
            parts.append(f"{name} và {db.agency_name(plan.id, f.partner)} cùng {role}")  # (the partner said here)
        else:
            parts.append(f"{name} {role}" + (" một mình (không tính đồng chủ trì)" if f.alone else ""))
    if f.partner and not (f.partner_role is f.role and f.role is not Role.ANY and not f.negate):
        has = "không có" if f.partner_absent else "có"
        parts.append(
            f"{has} {db.agency_name(plan.id, f.partner)} {_ROLE_WORDS.get(f.partner_role, 'chủ trì hoặc phối hợp')}"
        )
    if f.co_led:
        parts.append("có từ hai cơ quan chủ trì trở lên (đồng chủ trì)")
    if f.agency_kind:
        parts.append(f"có {_KIND_WORDS.get(f.agency_kind, f.agency_kind)} {_ROLE_WORDS.get(f.role, 'tham gia')}")
    if f.groups:
        numbers = [g.split(":", 1)[1] for g in f.groups if g.startswith(f"{plan.id}:")]
        for number in numbers:
            group = plan.group(number)
            parts.append(f"thuộc nhóm {number}" + (f" ({shorten(group.title, 70)})" if group else ""))
    if f.quarters and f.starting:
        parts.append(f"bắt đầu triển khai từ {quarters_text(list(f.quarters))}")
    elif f.quarters:
        if f.exact_quarters and len(f.quarters) > 1:  # a span exactly: the row's "Quý I–II", not one inside it
            parts.append(f"ghi thời gian đúng {quarters_text(list(f.quarters))}")
        else:
            only = "chỉ " if f.exact_quarters else ""
            parts.append(f"triển khai {only}trong {quarters_text(list(f.quarters))}")
    if f.whole_year:
        parts.append("thực hiện cả năm (không gắn với quý)")
    if f.source:
        src = plan.source(f.source)
        refused = "không " if f.negate and not f.agency else ""  # with no agency, negate turns the source test
        only = "chỉ " if f.source_alone and not refused else ""
        parts.append(f"{refused}{only}dùng {src.label if src else f.source}")
    if set(f.status) == {"row", "recurring"} and Field.BUDGET in f.has:
        pass  # "có ghi kinh phí trong bảng dự toán" below says it
    elif set(f.status) == {"row", "recurring"}:  # a row, with figures or with words
        parts.append("có dòng trong bảng dự toán")
    elif set(f.status) == {"no_row", "recurring"}:  # no amount of its own
        parts.append("không ghi số tiền riêng (không có dòng trong bảng dự toán, hoặc dòng chỉ ghi chữ)")
    else:
        parts += [_STATUS_WORDS[s] for s in f.status if s in _STATUS_WORDS]
    if f.amount is not None:
        what = measure_phrase(plan, f.amount.measure, f.amount.source)
        if f.amount.measure is Measure.STATED and not f.amount.source:
            parts.append(f"có một cột ghi đúng {figure(f.amount.value)} triệu đồng")
        elif f.amount.measure is Measure.STATED:
            source = plan.source(f.amount.source)
            parts.append(f"có cột {source.label if source else what} ghi đúng {figure(f.amount.value)} triệu đồng")
        elif f.amount.measure is Measure.REMAINING and f.amount.op == ">" and not f.amount.value:
            parts.append("có tổng kinh phí lớn hơn phần phân bổ trong năm")
        elif f.amount.measure is Measure.REMAINING and f.amount.op == "=" and not f.amount.value:
            parts.append("có tổng kinh phí bằng phần phân bổ trong năm (làm xong trong năm)")
        else:
            parts.append(f"có {what} {_CMP_WORDS.get(f.amount.op, f.amount.op)} {figure(f.amount.value)} triệu đồng")
    if f.duration is not None:
        compared = "" if f.duration_op == "=" else f"{_CMP_WORDS[f.duration_op]} "
        parts.append(f"có tổng thời gian thực hiện {compared}{f.duration} tháng")
    if f.excluded:
        parts.append("trừ nhiệm vụ " + ", ".join(i.split(":", 1)[1] for i in f.excluded))
    parts += [f"có ghi {_FIELD_WORDS[x]}" for x in f.has if x in _FIELD_WORDS]
    parts += [f"không ghi {_FIELD_WORDS[x]}" for x in f.lacks if x in _FIELD_WORDS]
    return ", ".join(parts)


_KIND_WORDS = {
    "association": "hội, hiệp hội",
    "department": "sở, ngành",
    "local": "địa phương",
    "media": "cơ quan báo chí",
    "central": "cơ quan trung ương",
    "enforcement": "cơ quan thực thi",
}


def among_chosen(f: Filters, plan_id: str | None = None) -> str:
    """ " trong số 4.1, 5.1, …" when the tasks were chosen by their words ("các lớp tập huấn Quý I"): none of
    them passing is not none of the plan's tasks passing (the chosen of one plan, or of any)."""
    chosen = [i.split(":", 1)[1] for i in f.ids if ":" in i and (plan_id is None or i.startswith(f"{plan_id}:"))]
    return f" trong số {', '.join(chosen)}" if chosen else ""
