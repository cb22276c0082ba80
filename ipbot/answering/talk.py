"""Small talk, and the honest replies when nothing in the plans answers the message.

A reply that cannot answer says what it understood, why the plans do not answer it,
and offers what they do answer as buttons (each a typed request).
"""

from __future__ import annotations

from ipbot import phrases
from ipbot.answering import many
from ipbot.answering.common import period, reply
from ipbot.answering.support import contact_lines
from ipbot.answering.tasks import task_label
from ipbot.answers import Answer, Section, Suggestion
from ipbot.plans.db import PlanDB
from ipbot.requests import Field, Filters, Items, Op, Reason, Request

__all__ = ["examples", "nothing", "reason_line", "talk"]


def examples(db: PlanDB) -> list[Suggestion]:
    """Example questions as buttons, made from whatever plans are loaded (no plan named in code)."""
    out: list[Suggestion] = []
    plans = [db.plan(p) for p in db.plan_ids]
    for plan in plans:
        led = db.task_ids([plan.id], Filters(agency=None, has=(Field.LEAD,)))
        if led:
            task = db.task(led[0])
            if task is not None:
                label = f"Ai chủ trì «{task.title}»?"
                out.append(
                    Suggestion(
                        label,
                        Request(
                            items=Items.TASKS, plans=(plan.id,), filters=Filters(ids=(led[0],)), show=(Field.LEAD,)
                        ),
                    )
                )
                break
    with_total = [p for p in plans if p.budget_total is not None]
    if with_total:
        plan = max(with_total, key=lambda p: p.year_start)
        out.append(
            Suggestion(
                f"Tổng kinh phí {period(plan)} ({plan.province})",
                Request(items=Items.BUDGET, plans=(plan.id,), explicit=True),
            )
        )
    for plan in plans:
        quarters = db.task_ids([plan.id], Filters(quarters=(2,)))
        if quarters:
            out.append(
                Suggestion(
                    f"Việc Quý II {period(plan)} ({plan.province})",
                    Request(
                        items=Items.TASKS, op=Op.LIST, plans=(plan.id,), explicit=True, filters=Filters(quarters=(2,))
                    ),
                )
            )
            break
    for plan in plans:
        if db.targets(plan.id):
            out.append(
                Suggestion(
                    f"Chỉ tiêu của {plan.province}",
                    Request(items=Items.TARGETS, op=Op.LIST, plans=(plan.id,), explicit=True),
                )
            )
            break
    return out


def _help_lines(db: PlanDB, *, plans: bool = True) -> list[str]:
    lines = [phrases.HELP_INTRO, *[f"• {t}" for t in phrases.HELP_TOPICS]]
    if not plans:
        return lines
    if len(db.plan_ids) <= many.MAX_PLANS:
        return [*lines, phrases.HELP_PLANS.format(plans=", ".join(db.plan(p).short_title for p in db.plan_ids))]
    # every province's plans by title would be a dozen messages: how many, whose, and how to pick one
    return [*lines, phrases.AVAILABLE_MANY.format(overview=many.overview(db, db.plan_ids)), phrases.PLANS_NARROW]


def talk(db: PlanDB, request: Request) -> Answer:
    kind = request.show[0] if request.show else Field.HELP
    if kind is Field.GREETING:
        lines = [phrases.GREETING, *_help_lines(db, plans=False)]
        return reply(request, [Section(lines)], True, suggestions=examples(db))
    if kind is Field.THANKS:
        return reply(request, [Section([phrases.THANKS])], True)
    if kind is Field.COMPLAINT:  # "sai rồi": say sorry, how to ask again, and whom to ask instead
        plans = [db.plan(p) for p in db.plan_ids]
        handover = contact_lines(db, plans, national=True)
        lines = [phrases.COMPLAINT, phrases.COMPLAINT_HOW]
        return reply(request, [Section(lines), *([Section(handover)] if handover else [])], False)
    if kind is Field.GOODBYE:
        return reply(request, [Section([phrases.GOODBYE])], True, intent="thanks")
    if kind is Field.EMPTY:
        return reply(request, [Section([phrases.EMPTY])], False, suggestions=examples(db))
    if kind is Field.UNREADABLE:
        return reply(request, [Section([phrases.UNREADABLE])], False, suggestions=examples(db))
    return reply(request, [Section(_help_lines(db))], True, suggestions=examples(db))


def _label(db: PlanDB, request: Request) -> str:
    """A button label for a suggested request."""
    if request.items is Items.TASKS and request.op is Op.LOOKUP and request.filters.ids:
        return task_label(db, request.filters.ids[0])
    if request.items is Items.TASKS and request.op is Op.LIST and len(request.plans) == 1:
        return f"Các nhiệm vụ của {db.plan(request.plans[0]).short_title}"
    if len(request.plans) == 1:
        return db.plan(request.plans[0]).short_title
    return "Xem"


def _suggest(db: PlanDB, request: Request) -> list[Suggestion]:
    return [Suggestion(_label(db, alt), alt) for alt in request.alternatives]


def reason_line(db: PlanDB, request: Request) -> str:
    """Why a request made for something the plans do not state is not answered (put before what they do say)."""
    f = request.filters
    if request.reason is Reason.NO_STATISTICS:
        if f.year and request.items is not Items.TARGETS:
            return f"Kế hoạch không có số liệu thống kê hay chỉ tiêu cho năm {f.year}."
        if request.items is Items.TARGETS:
            return "Kế hoạch không có số liệu về tình hình thực tế hiện nay; kế hoạch chỉ đặt chỉ tiêu:"
        said = "Kế hoạch không ghi kết quả thực hiện (đã làm được gì, đã cấp, bảo hộ hay xử lý bao nhiêu)"
        return f"{said}." if request.items is Items.NOTHING else f"{said}; kế hoạch chỉ nêu:"
    if request.reason is Reason.NOT_STATED and request.items is Items.TARGETS:
        about = f" về «{', '.join(f.words)}»" if f.words else ""
        if f.year:
            return f"Kế hoạch không đặt chỉ tiêu nào{about} cho mốc năm {f.year}. Các chỉ tiêu đặt cho mốc đó:"
        return f"Kế hoạch không đặt chỉ tiêu nào{about}. Các chỉ tiêu kế hoạch đặt ra:"
    if f.words:
        return f"Kế hoạch không nêu riêng «{', '.join(f.words)}»."
    return "Kế hoạch không nêu điều này."


def _offered(db: PlanDB, provinces: tuple[str, ...]) -> list[str]:
    """The plans offered as buttons: every plan when there are a few; else the plans of the provinces
    named (at most :data:`~ipbot.answering.many.MAX_BUTTONS`), none when they have none."""
    if len(db.plan_ids) <= many.MAX_PLANS:
        return list(db.plan_ids)
    return [p for p in db.plan_ids if db.plan(p).province in provinces][: many.MAX_BUTTONS]


def _available_summary(db: PlanDB, provinces: tuple[str, ...]) -> list[str]:
    """What there is, when there are too many plans to name: a named province's own plans ("Ninh Thuận
    có: …", it may be only the year that has none), how many plans of which provinces, how to narrow."""
    lines = []
    for province in provinces:
        own = [db.plan(p).short_title for p in db.plan_ids if db.plan(p).province == province]
        if own:
            lines.append(phrases.PROVINCE_PLANS.format(province=province, plans="; ".join(own)))
    lines.append(phrases.AVAILABLE_MANY.format(overview=many.overview(db, db.plan_ids)))
    lines.append(phrases.PLANS_NARROW_BUTTONS if _offered(db, provinces) else phrases.PLANS_NARROW)
    return lines


def _instead(db: PlanDB, request: Request) -> list[str]:
    """The tasks a "not here" answer offers instead: another plan's ("Kế hoạch … có: …"), or the plan asked about's
    own on the same topic ("Cùng chủ đề, …")."""
    lines = []
    for alt in request.alternatives:
        for tid in alt.filters.ids:
            task, plan = db.task(tid), db.plan(tid.split(":", 1)[0])
            if task is None:
                continue
            said = f"{plan.short_title} có: nhiệm vụ {task.number} — {task.title}."
            lines.append(f"Cùng chủ đề, {said}" if plan.id in request.plans else said)
    return lines


def nothing(db: PlanDB, request: Request) -> Answer:
    """Nothing answerable: say why, and what can be answered instead."""
    reason = request.reason or Reason.NOT_FOUND
    f = request.filters
    suggestions = _suggest(db, request)
    plans = [db.plan(p) for p in request.plans]
    names = ", ".join(p.short_title for p in plans)
    if reason is Reason.NO_PLAN:
        what = ", ".join(f.words) or "tỉnh nào"
        if f.year:
            what += f" năm {f.year}"
        lines = [phrases.NO_PLAN_FOR.format(what=what)]
        if plans and f.words:
            former = ", ".join(dict.fromkeys(p.province for p in plans))
            lines.append(
                phrases.MERGED.format(former=former, new=f.words[0])
                + " "
                + phrases.FORMER_PLANS.format(plans="; ".join(f"{p.province} {period(p)}" for p in plans))
            )
        elif len(db.plan_ids) <= many.MAX_PLANS:
            have = ", ".join(db.plan(p).short_title for p in db.plan_ids)
            lines.append(phrases.AVAILABLE_PLANS.format(plans=have))
        else:
            lines += _available_summary(db, f.words)
        if not suggestions:
            offered = request.plans or _offered(db, f.words)
            suggestions = [
                Suggestion(db.plan(p).short_title, Request(items=Items.BUDGET, plans=(p,), explicit=True))
                for p in offered
            ]
        return reply(request, [Section(lines)], False, suggestions=suggestions)
    if reason is Reason.ELSEWHERE:
        asked = Field.CONTINUES in request.show  # "KH 2022 có nhiệm vụ nào về X không?": the answer is no
        lines = [f"Không. {names} không có nhiệm vụ này." if asked else f"{names} không có nhiệm vụ này."]
        lines += _instead(db, request)
        return reply(request, [Section(lines)], asked, plans=request.plans, suggestions=suggestions)
    if reason is Reason.NO_ANALOG:
        asked = Field.CONTINUES in request.show  # "còn nhiệm vụ này không?": the answer is no
        lines = ["Không."] if asked else []
        for tid in f.ids:
            task = db.task(tid)
            if task is not None:
                source = db.plan(tid.split(":", 1)[0]).short_title
                lines.append(
                    f"{names} không có nhiệm vụ tương ứng với nhiệm vụ {task.number} ({task.title}) của {source}."
                )
        lines += _instead(db, request)  # what the plan asked has on the same topic
        lines.append("Bạn có thể xem các nhiệm vụ của kế hoạch này.")
        overview = [
            Suggestion(
                f"Các nhiệm vụ của {p.short_title}",
                Request(items=Items.TASKS, op=Op.LIST, plans=(p.id,), explicit=True),
            )
            for p in plans
        ]
        # (what it offers on the same topic is what "ai phối hợp?" next is asked of)
        offered = [tid for alt in request.alternatives for tid in alt.filters.ids]
        return reply(
            request, [Section(lines)], asked, plans=request.plans, listed=offered, suggestions=overview + suggestions
        )
    if reason is Reason.WRONG_NUMBER:
        said = ", ".join(f.words)
        lines = [f"{names} không có nhiệm vụ số {said}." if names else f"Chưa rõ «{said}» là nhiệm vụ nào."]
        if suggestions:
            lines.append(phrases.DID_YOU_MEAN + " " + "; ".join(s.label for s in suggestions))
        return reply(request, [Section(lines)], False, plans=request.plans, suggestions=suggestions)
    if reason is Reason.AMBIGUOUS:
        return reply(request, [Section([phrases.WHICH_PLAN])], False, suggestions=suggestions)
    if reason is Reason.NO_REFERENT:
        overview = [
            Suggestion(
                f"Các nhiệm vụ của {p.short_title}",
                Request(items=Items.TASKS, op=Op.LIST, plans=(p.id,), explicit=True),
            )
            for p in plans
        ]
        which = (
            phrases.WHICH_GROUP
            if Field.GROUP in request.show
            else phrases.WHICH_AGENCY
            if Field.AGENCY in request.show
            else phrases.WHICH_TASK
        )
        return reply(request, [Section([which])], False, plans=request.plans, suggestions=overview)
    if reason is Reason.OUT_OF_SCOPE:
        sections = [Section([phrases.OUT_OF_SCOPE])]
        if Field.CONTACT in request.show:  # procedures, fees, the law: the IP office answers those
            handover = contact_lines(db, plans, national=True)
            sections += [Section(handover)] if handover else []
        return reply(request, sections, False, suggestions=suggestions or examples(db))
    if reason in (Reason.NO_STATISTICS, Reason.UNSUPPORTED):
        return reply(
            request, [Section([reason_line(db, request)])], False, plans=request.plans, suggestions=suggestions
        )
    lines = [phrases.NOT_UNDERSTOOD]
    if f.words:
        lines = [f"Các kế hoạch SHTT hiện có không nhắc đến «{', '.join(f.words)}»."]
    lines.append(phrases.NOT_UNDERSTOOD_HINT)
    if suggestions:
        lines.append(phrases.DID_YOU_MEAN + " " + "; ".join(s.label for s in suggestions))
    else:
        suggestions = examples(db)
    # (the plan the question named stays the conversation's, for the correction or question after it)
    return reply(request, [Section(lines)], False, plans=request.plans, suggestions=suggestions)
