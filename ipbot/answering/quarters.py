"""Quarter by quarter: how many tasks run in each quarter of a plan year, and the money of their rows.

An official writing a quarterly report asks "quý nào nhiều việc nhất", "mỗi quý bao nhiêu nhiệm vụ, bao nhiêu
tiền", "quý I và quý II quý nào nhiều hơn". A task whose timeline spans several quarters ("Quý I–II") runs in
each of them, so it is counted in each and its money too: the answer says so rather than split an amount the
plan never splits, and names the tasks of every quarter, since those are what the report lists next. Tasks the
plan runs all year, or gives no time, belong to no quarter and are named apart.
"""

from __future__ import annotations

from decimal import Decimal

from ipbot.answering.common import Reach, filters_phrase, plans_of, reply
from ipbot.answers import Answer, Section
from ipbot.plans.db import PlanDB, PlanInfo
from ipbot.requests import Field, Measure, Op, Request
from ipbot.text import money, quarter_name, quarters_text

__all__ = ["by_quarter", "by_quarter_reach"]

_ALL = (1, 2, 3, 4)


def by_quarter_reach(db: PlanDB, request: Request) -> Reach:
    plans = [p.id for p in plans_of(db, request)]
    return plans, any(db.any_timed([p]) for p in plans)


def by_quarter(db: PlanDB, request: Request) -> Answer:
    """Each quarter asked (every quarter when none is named): its tasks, their count and, when money is asked
    (``request.measure``) or the operation adds up, their rows' money; MAX / MIN put the top (or bottom) first."""
    sections: list[Section] = []
    answered_plans: list[str] = []
    listed: list[str] = []
    for plan in plans_of(db, request):
        if not db.any_timed([plan.id]):
            sections.append(
                Section([f"{plan.short_title} không chia nhiệm vụ theo quý (không nêu thời gian từng nhiệm vụ)."])
            )
            continue
        section, top = _plan_quarters(db, plan, request)
        sections.append(section)
        answered_plans.append(plan.id)
        listed += top
    if not answered_plans:
        return reply(request, sections, False, plans=[p.id for p in plans_of(db, request)])
    return reply(request, sections, True, plans=answered_plans, listed=listed)


def _plan_quarters(db: PlanDB, plan: PlanInfo, request: Request) -> tuple[Section, list[str]]:
    asked = request.filters.quarters or _ALL
    with_money = plan.has_rows and (request.measure is not None or request.op is Op.SUM)
    measure = request.measure if request.measure in (Measure.TOTAL, Measure.ALLOCATION) else Measure.ALLOCATION
    chosen = request.filters.model_copy(update={"quarters": (), "exact_quarters": False})  # an agency, a group…
    rows: list[tuple[int, list[str], Decimal | None]] = []
    for n in asked:
        f = chosen.model_copy(update={"quarters": (n,)})
        ids = db.task_ids([plan.id], f)
        rows.append((n, ids, db.sum([plan.id], measure, f) if with_money else None))
    what = "phân bổ trong năm" if measure is Measure.ALLOCATION else "tổng kinh phí thực hiện"
    lines: list[str] = []
    top: list[str] = []
    if request.op in (Op.MAX, Op.MIN) and rows:
        by_money = request.measure is not None and with_money
        key = (lambda r: r[2] or Decimal(0)) if by_money else (lambda r: Decimal(len(r[1])))
        ranked = sorted(rows, key=key, reverse=request.op is Op.MAX)
        best = [r for r in ranked if key(r) == key(ranked[0])]
        word = ("nhiều" if request.op is Op.MAX else "ít") + (" tiền" if by_money else " nhiệm vụ")
        names = " và ".join(quarter_name(n) for n, _, _ in best)
        amount = money(best[0][2] or Decimal(0)) if by_money else f"{len(best[0][1])} nhiệm vụ"
        amount += f" ({what})" if by_money else ""
        if len(best) == len(rows) > 1:  # "quý III và quý IV": the same, which is the answer
            lines.append(f"{names} ngang nhau: mỗi quý {amount}.")
        elif len(best) > 1:
            lines.append(f"{names} cùng {word} nhất: mỗi quý {amount}.")
        elif len(rows) == 2:  # "quý I và quý III quý nào ít tiền hơn": the one against the other
            other = ranked[1]
            said = money(other[2] or Decimal(0)) if by_money else f"{len(other[1])} nhiệm vụ"
            lines.append(f"{names} {word} hơn {quarter_name(other[0])}: {amount}, so với {said}.")
        else:
            among = f" (trong {', '.join(quarter_name(n) for n in asked)})" if request.filters.quarters else ""
            lines.append(f"{names} {word} nhất{among}: {amount}.")
        top = [t for _, ids, _ in best for t in ids]
    else:  # the first line says what follows (a phone shows it first)
        lines.append("Số nhiệm vụ triển khai trong từng quý" + (f" và {what} của chúng:" if with_money else ":"))
    for n, ids, amount in rows:
        if not ids:
            lines.append(f"• {quarter_name(n)}: không có nhiệm vụ nào")
            continue
        line = f"• {quarter_name(n)}: {len(ids)} nhiệm vụ ({_numbers(ids)})"
        if amount is not None:
            line += f" — {what} {money(amount)}"
        lines.append(line)
    spanning = [
        t for t in db.tasks(db.task_ids([plan.id], chosen.model_copy(update={"quarters": asked}))) if _spans(t.timeline)
    ]
    if spanning:
        said = "; ".join(f"{t.number} ({quarters_text(t.timeline.quarters)})" for t in spanning if t.timeline)
        lines.append(f"Nhiệm vụ kéo dài nhiều quý được tính ở mỗi quý: {said}.")
    whole = db.task_ids([plan.id], chosen.model_copy(update={"whole_year": True}))
    if whole:
        lines.append(f"Thực hiện cả năm (không tính vào quý nào): {_numbers(whole)}.")
    untimed = db.task_ids([plan.id], chosen.model_copy(update={"lacks": (*chosen.lacks, Field.TIME)}))
    if untimed and not request.filters.quarters:
        lines.append(f"Không ghi thời gian: {_numbers(untimed)}.")
    source = f"Nguồn: {plan.short_title}, mục II" + (" và bảng dự toán (cột thời gian)." if plan.has_rows else ".")
    scope = filters_phrase(db, plan, chosen)
    title = f"Nhiệm vụ {scope} theo quý" if scope else "Nhiệm vụ theo quý"
    return Section(lines, f"{title} — {plan.short_title}", source), top


def _spans(timeline: object) -> bool:
    quarters = getattr(timeline, "quarters", None) or []
    return len(quarters) > 1


def _numbers(ids: list[str]) -> str:
    return ", ".join(t.split(":", 1)[1] for t in ids)
