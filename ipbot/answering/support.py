"""What a business or cooperative asks most: what support is there for me, and whom do I ask.

The answer leads with the tasks that offer the support, each with the agency that leads
it (the one to contact); a product the plans never name is said so first. Whom to
contact today comes from the operators' ``data/contacts.yaml`` and is labelled as not
from the plans: since 1 July 2025 the provinces the plans belong to have merged.
"""

from __future__ import annotations

from ipbot.answering.common import date_text, plans_of, reply
from ipbot.answers import Answer, Section, Suggestion
from ipbot.describe import agency_list, shorten, task_line
from ipbot.plans.db import PlanDB, PlanInfo
from ipbot.requests import Field, Filters, Items, Request
from ipbot.text import fold

__all__ = ["contact_lines", "contacts", "support"]

SUPPORT_CONTENT = 140
"""How much of each task's content a support answer shows: enough to tell what it offers."""
SUPPORT_ALONE = 420
"""The one task a support answer found is the answer: what it offers, said in full (or nearly)."""


def support(db: PlanDB, request: Request) -> Answer:
    """The tasks that support the need, plan by plan, each with its lead agency to contact."""
    f = request.filters
    plans = plans_of(db, request)
    sections: list[Section] = []
    ids: list[str] = []
    for plan in plans:
        mine = [t for t in f.ids if t.startswith(f"{plan.id}:")]
        tasks = db.tasks(mine)
        if not tasks:
            continue
        ids += mine
        lines = []
        room = SUPPORT_ALONE if len(f.ids) == 1 else SUPPORT_CONTENT
        for task in tasks:
            who = agency_list(task.named(s, db.agency_name(plan.id, s)) for s in task.lead)
            ask = f"liên hệ {who} (chủ trì)" if who else _focal(db, plan)
            # how much it offers ("tối thiểu 06 sản phẩm OCOP"), often at the end of a content cut short
            counts = [q.text for q in task.quantities if fold(q.text) not in fold(task.title)]
            offered = f" ({'; '.join(counts)})" if counts else ""
            lines.append(f"• {task_line(task)}{offered}: {shorten(task.content, room)} — {ask}.")
            # what it offers, often said there: the one support found, or the first of two
            if task.objective and (len(f.ids) == 1 or (len(f.ids) == 2 and task is tasks[0])):
                lines.append(f"Mục tiêu: {shorten(task.objective, room)}")
        where = ", ".join(dict.fromkeys(f"mục {t.section}" for t in tasks))
        sections.append(Section(lines, f"Hỗ trợ trong {plan.short_title}", f"Nguồn: {plan.short_title}, {where}."))
    if not ids:
        names = ", ".join(p.short_title for p in plans)
        return reply(request, [Section([f"{names}: không có nhiệm vụ hỗ trợ phù hợp."])], False, plans=request.plans)
    if f.words:  # a product the plans never name: said first, before the general support
        sections.insert(0, Section([f"Kế hoạch không nêu riêng «{', '.join(f.words)}»; các hỗ trợ chung phù hợp:"]))
    handover = contact_lines(db, plans)
    if handover:
        sections.append(Section(handover))
    suggestions = [
        Suggestion(
            f"Nhiệm vụ {tid.split(':', 1)[1]}",
            Request(items=Items.TASKS, plans=(tid.split(":", 1)[0],), filters=Filters(ids=(tid,)), show=(Field.CARD,)),
        )
        for tid in ids[:6]
    ]
    return reply(request, sections, bool(ids), plans=[p.id for p in plans], listed=ids, suggestions=suggestions)


def _focal(db: PlanDB, plan: PlanInfo) -> str:
    """A task with no lead of its own: the agency the plan says to report to."""
    if not plan.closing_recipient:
        return "kế hoạch không giao cơ quan chủ trì riêng"
    names = agency_list(db.agency_name(plan.id, s) for s in plan.closing_recipient)
    return f"kế hoạch không giao chủ trì riêng; cơ quan kế hoạch giao tổng hợp: {names}"


def contact_lines(db: PlanDB, plans: list[PlanInfo], national: bool = False) -> list[str]:
    """Whom to contact today, for the plans' provinces (and the national IP office when asked),
    from the operators' list, said to be theirs and dated."""
    entries = []
    for plan in plans:
        # the agency the plan reports to, where the operators list it; else any office of the province
        found = [c for slug in plan.closing_recipient for c in db.contacts(plan.province, slug)]
        entries += found or db.contacts(plan.province)
    if national or not entries:
        entries += db.contacts()
    entries = list({c.id: c for c in entries}.values())
    if not entries:
        return []
    updated = db.contacts_updated
    head = "Liên hệ (danh bạ do quản trị viên cập nhật"
    head += f" ngày {date_text(updated)}" if updated else ""
    lines = [head + ", không lấy từ kế hoạch):"]
    for c in entries:
        details = "; ".join(x for x in (c.address, c.phone, c.email, c.website) if x)
        line = f"• {c.name}" + (f": {details}" if details else "")
        if c.note:
            line += f". {c.note}"
        lines.append(line)
    return lines


def contacts(db: PlanDB, request: Request) -> Answer:
    """Phone numbers, addresses, a person to talk to: not in the plans; the operators' list if any."""
    plans = [db.plan(p) for p in request.plans]  # the plan named, or the conversation's
    lines = ["Các kế hoạch SHTT không ghi số điện thoại, địa chỉ hay người liên hệ."]
    handover = contact_lines(db, plans, national=True)
    sections = [Section(lines)]
    if handover:
        sections.append(Section(handover))
    return reply(request, sections, False, plans=[p.id for p in plans])
