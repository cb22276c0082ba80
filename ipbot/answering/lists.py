"""Lists and counts over a plan: tasks, agencies, groups, duties, targets; two plans compared.

The result comes first ("13 nhiệm vụ", "5 cơ quan"), then the items it counts, so an
official can check it against the document. Every selection is SQL over the plan tables
(:class:`~ipbot.plans.db.PlanDB`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ipbot.answering.changes import changes
from ipbot.answering.common import Reach, among_chosen, filters_phrase, percent, plans_of, reply
from ipbot.answers import Answer, Section, Suggestion
from ipbot.describe import agency_list, shorten, task_line, timeline_phrase
from ipbot.plans.db import NO_FILTERS, PlanDB, PlanInfo
from ipbot.plans.models import Quantity, Task
from ipbot.requests import Field, Filters, Items, Measure, Op, Request, Role
from ipbot.text import figure, fold, money, quarters_text

__all__ = [
    "compare_tasks",
    "count_agencies",
    "count_tasks",
    "list_agencies",
    "list_groups",
    "list_partners",
    "list_tasks",
    "rank_agencies",
    "sum_durations",
    "sum_quantities",
]

MAX_LIST = 30
MIN_ANALOG = 0.5
HELD_ELSEWHERE = 0.7
"""Least likeness for "(năm 2023 vẫn có, ở 3.6 …)": a loose namesake (a patent beside a plant variety) says nothing."""
"""Least two-way similarity for a task of one year's plan to count as the same task in another year's."""


def _by_plan(ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for tid in ids:
        out.setdefault(tid.split(":", 1)[0], []).append(tid)
    return out


def _list_line(db: PlanDB, plan: PlanInfo, task: Task, request: Request, detailed: int = 0) -> str:
    """Number and name; with few items, the content itself; the count when the task states one."""
    line = task_line(task, 100)
    whole = len(" ".join(task.content.split()).rstrip(".; ")) <= len(line.split(" — ", 1)[-1])  # (the line says it all)
    if Field.CONTENT in request.show and not whole:
        line += f": {task.content}"
    elif detailed and not whole:
        line += f": {shorten(task.content, detailed)}"
    counts = [q.text for q in task.quantities if fold(q.text) not in fold(line)]
    if counts:
        line += f" ({'; '.join(counts)})"
    f = request.filters
    not_led = f.negate and f.agency and f.role is Role.LEAD  # "không do Sở X chủ trì": then who does
    if (Field.LEAD in request.show or not_led or f.co_led) and task.lead:
        line += f" — chủ trì: {agency_list(task.named(s, db.agency_name(plan.id, s)) for s in task.lead)}"
    elif f.agency and f.role in (Role.LEAD, Role.ANY) and not f.negate and len(task.lead) > 1 and f.agency in task.lead:
        # the tasks an agency leads: one it leads with another says with whom ("Sở TT&TT chủ trì … 1.c": with
        # Sở KH&CN)
        others = [task.named(s, db.agency_name(plan.id, s)) for s in task.lead if s != f.agency]
        line += f" — đồng chủ trì với {agency_list(others)}"
    if Field.COOPERATING in request.show:
        cooperating = task.cooperating_text or agency_list(
            task.named(s, db.agency_name(plan.id, s)) for s in task.cooperating
        )
        line += f" — phối hợp: {cooperating or 'không ghi'}"
    if f.amount is not None and f.amount.measure is Measure.STATED:
        # picked by a figure in any column: every figure of its row, the one asked among them
        columns = [f"{_source_label(plan, k)} {money(v)}" for k, v in task.budget.allocation.items()]
        total = [f"tổng {money(task.budget.total)}"] if task.budget.total is not None else []
        line += " — " + "; ".join([*columns, *total])
    elif f.amount is not None and task.budget.total is not None:
        line += f" — tổng {money(task.budget.total)}"
    elif (Field.BUDGET in f.has or f.source or Field.BUDGET in request.show) and task.budget.allocation:
        # rows picked by their money ("dòng nào có số tiền", "lấy từ NS sự nghiệp"): the amounts themselves
        line += " — " + "; ".join(f"{_source_label(plan, k)} {money(v)}" for k, v in task.budget.allocation.items())
    elif Field.BUDGET in request.show and task.budget.status in _NO_FIGURE:
        # "kinh phí ghi thế nào" of a row without a figure: what it says instead
        line += f" — {_NO_FIGURE[task.budget.status]}"
    if Field.OBJECTIVE in request.show and task.objective:
        line += f" — mục tiêu: {shorten(task.objective, 160)}"
    when = timeline_phrase(task)
    if when and (f.quarters or Field.TIME in request.show):
        line += f" ({when})"
    if task.duration_months and (Field.DURATION in f.has or f.duration):
        line += f" — tổng thời gian thực hiện {task.duration_months} tháng"  # the length they were chosen by
    return line


_NO_FIGURE = {
    "recurring": "kinh phí ghi «Hoạt động thường xuyên» (không có số tiền)",
    "no_row": "không có dòng trong bảng dự toán",
}
"""What a task's money line says when the table gives it no figure."""


def _source_label(plan: PlanInfo, key: str) -> str:
    source = plan.source(key)
    return source.label if source else key


def _sources(plan: PlanInfo, ids: Sequence[str], tasks: Sequence[Task]) -> str:
    return _source_line(plan, [t.section for t in tasks], any(t.budget.row for t in tasks))


def _cited(db: PlanDB, plan: PlanInfo, ids: Sequence[str]) -> str:
    """:func:`_sources` of these tasks, read from the tables without building them (a count over every
    plan built each task it counted only to name its section)."""
    return _source_line(plan, *db.cited(ids))


def _source_line(plan: PlanInfo, sections: Sequence[str], numbered: bool) -> str:
    """ "Nguồn: <plan>, mục II, III và bảng dự toán.": the sections' parts, and the table when a task has a row."""
    parts = dict.fromkeys(s.split(",")[0].split(".")[0] for s in sections) or {"II": None}
    # "II", "IV" are the document's parts; a table's rows ("Bảng nhiệm vụ, dòng 7") are that table, named once
    marks = [p for p in parts if " " not in p]
    tables = [p[:1].lower() + p[1:] for p in parts if " " in p]
    where = ", ".join([*([f"mục {', '.join(marks)}"] if marks else []), *tables])
    if plan.table_title is not None and numbered:
        where += " và bảng dự toán"
    return f"Nguồn: {plan.short_title}, {where}."


def list_tasks(db: PlanDB, request: Request) -> Answer:
    """The tasks that pass the filters, plan by plan, the count first."""
    plans = plans_of(db, request)
    ids = db.task_ids([p.id for p in plans], request.filters)
    by_plan = _by_plan(ids)
    sections = []
    for plan in plans:
        mine = by_plan.get(plan.id, [])
        what = filters_phrase(db, plan, request.filters)
        title = f"Nhiệm vụ {what}" if what else ("Nhiệm vụ liên quan" if request.filters.ids else "Các nhiệm vụ")
        if not mine:
            continue
        tasks = db.tasks(mine[:MAX_LIST])
        detailed = 500 if len(ids) == 1 else 240 if len(ids) <= 3 else 0
        lines = [f"{len(mine)} nhiệm vụ:"] if len(mine) > 1 else []
        lines += [f"• {_list_line(db, plan, t, request, detailed)}" for t in tasks]
        if len(mine) > MAX_LIST:
            lines.append(f"… và {len(mine) - MAX_LIST} nhiệm vụ khác.")
        lines += _whole_year_note(db, plan, request)
        sections.append(Section(lines, f"{title} — {plan.short_title}", _sources(plan, mine, tasks)))
    if (
        not ids
        and request.filters.quarters
        and not any(db.count_tasks([p.id], Filters(has=(Field.TIME,))) for p in plans)
    ):
        names = ", ".join(p.short_title for p in plans)
        line = f"{names} không chia nhiệm vụ theo quý (không nêu thời gian từng nhiệm vụ)."
        return reply(request, [Section([line])], False, plans=[p.id for p in plans])
    if not ids:
        other = _other_role(db, request, plans) or _spanning(db, request, plans)
        if other is not None:
            return other
        names = ", ".join(p.short_title for p in plans)
        what = filters_phrase(db, plans[0], request.filters) if plans else ""
        # "các lớp tập huấn Quý I": none of the classes, which is not none of the plan's tasks
        line = f"{names}: không có nhiệm vụ nào{among_chosen(request.filters)} {what}".rstrip() + "."
        # an agency the plan does give work to, in "Tổ chức thực hiện": "no task" is the plan's answer about it
        # (one it never names is not: "giao Cục QLTT nhiệm vụ gì" of a plan without it)
        agency = request.filters.agency
        entries = [e for p in plans for e in db.duties([p.id], agency=agency)] if agency else []
        if entries and not request.filters.ids and not request.filters.groups:
            where = ", ".join(dict.fromkeys(e.section for e in entries))
            name = db.agency_name(plans[0].id, agency)
            said = f"{name} được giao việc ở mục {where} (Tổ chức thực hiện)."
            return reply(request, [Section([line, said])], True, plans=[p.id for p in plans])
        f = request.filters
        if f.negate and f.ids and agency and plans:
            # "trong 2 nv đó cái nào không phải Sở KH&CN chủ trì": none, which answers it: every one is the agency's
            name = db.agency_name(plans[0].id, agency)
            numbers = ", ".join(t.number for t in db.tasks(list(f.ids)))
            part = {Role.LEAD: f"do {name} chủ trì", Role.COOPERATING: f"có {name} phối hợp"}.get(
                f.role, f"có {name} tham gia"
            )
            said = f"Cả {len(f.ids)} nhiệm vụ ({numbers}) đều {part}."
            return reply(request, [Section([line, said])], True, plans=[p.id for p in plans])
        # asked whether there is one ("sở này có được giao nhiệm vụ nào không?"), "no" is the answer; asked which
        # ("giao Cục QLTT nhiệm vụ gì") of a plan that never names the agency, the plan does not say
        whether = Field.CONTINUES in request.show
        return reply(request, [Section([f"Không. {line}" if whether else line])], whether, plans=[p.id for p in plans])
    suggestions = [
        Suggestion(
            f"Nhiệm vụ {tid.split(':', 1)[1]}",
            Request(items=Items.TASKS, plans=(tid.split(":", 1)[0],), filters=Filters(ids=(tid,)), show=(Field.CARD,)),
        )
        for tid in ids[:6]
    ]
    agencies = [request.filters.agency] if request.filters.agency else []
    return reply(
        request,
        sections,
        True,
        plans=list(by_plan),
        tasks=ids if len(ids) == 1 else [],
        listed=ids,
        agencies=agencies,
        suggestions=suggestions,
    )


def _spanning(db: PlanDB, request: Request, plans: list[PlanInfo]) -> Answer | None:
    """None in that quarter alone ("còn quý III?" after "đúng Quý I"): the tasks whose time runs through it
    ("Quý III-IV") are what the person can use, after the plain "none"."""
    f = request.filters
    if not f.exact_quarters or not f.quarters:
        return None
    wider = request.but(filters=f.model_copy(update={"exact_quarters": False}))
    if not db.task_ids([p.id for p in plans], wider.filters):
        return None
    names = ", ".join(p.short_title for p in plans)
    what = filters_phrase(db, plans[0], f)
    answer = list_tasks(db, wider)
    answer.sections.insert(0, Section([f"{names}: không có nhiệm vụ nào {what}; các nhiệm vụ kéo dài qua quý đó:"]))
    return answer


def _other_role(db: PlanDB, request: Request, plans: list[PlanInfo]) -> Answer | None:
    """'Sở Công Thương có chủ trì nhiệm vụ nào không?' — none; the tasks it takes the other part in
    are the rest of the answer (a plain "no" for an agency the plan does give work)."""
    f = request.filters
    if not f.agency or f.negate or f.role not in (Role.LEAD, Role.COOPERATING):
        return None
    if f.model_copy(update={"agency": None, "role": Role.ANY, "alone": False, "status": ()}) != Filters():
        return None  # other filters narrowed it: the "no" is about them (a row of the budget table narrows both sides)
    role = Role.COOPERATING if f.role is Role.LEAD else Role.LEAD
    sections, listed = [], []
    for plan in plans:
        theirs = db.task_ids([plan.id], f.model_copy(update={"role": role, "alone": False}))
        if not theirs:
            continue
        name = db.agency_name(plan.id, f.agency)
        asked, instead = ("chủ trì", "phối hợp") if f.role is Role.LEAD else ("phối hợp", "chủ trì")
        lines = [f"{name} không {asked} nhiệm vụ nào; {instead} {len(theirs)} nhiệm vụ:"]
        tasks = db.tasks(theirs[:MAX_LIST])
        # the tasks it only takes part in: who leads them ("X được nhắc trong nhiệm vụ nào, ai chủ trì?")
        shown = request.but(show=(*request.show, Field.LEAD)) if f.role is Role.LEAD else request
        lines += [f"• {_list_line(db, plan, t, shown)}" for t in tasks]
        sections.append(Section(lines, plan.short_title, _sources(plan, theirs, tasks)))
        listed += theirs
    if not sections:
        return None
    return reply(request, sections, True, plans=[p.id for p in plans], listed=listed, agencies=[f.agency])


def _whole_year_note(db: PlanDB, plan: PlanInfo, request: Request) -> list[str]:
    """A quarter's list also names the tasks that run all year (they run in that quarter too)."""
    f = request.filters
    if not f.quarters or f.exact_quarters:  # (the quarters exactly: a task of the whole year is not one of them)
        return []
    whole = db.task_ids([plan.id], f.model_copy(update={"quarters": (), "whole_year": True}))
    if not whole:
        return []
    return ["Thực hiện cả năm: " + "; ".join(f"{t.number} — {t.title}" for t in db.tasks(whole)) + "."]


def _quarters_alone(db: PlanDB, plan: PlanInfo, request: Request, ids: list[str]) -> list[str]:
    """A count of a quarter's tasks that takes in tasks running on into other quarters ("Quý I–II" in Quý II):
    how many run in the quarter alone, so both readings of "triển khai trong quý II" are answered."""
    f = request.filters
    if not f.quarters or f.exact_quarters or f.starting:
        return []
    alone = set(db.task_ids([plan.id], f.model_copy(update={"exact_quarters": True})))
    wider = [t for tid, t in zip(ids, db.tasks(ids), strict=True) if tid not in alone]
    if not wider or not alone:
        return []
    spans = "; ".join(f"{t.number} ({quarters_text(t.timeline.quarters)})" if t.timeline else t.number for t in wider)
    return [
        f"Trong đó {len(alone)} nhiệm vụ chỉ ghi {quarters_text(list(f.quarters))}; "
        f"{len(wider)} nhiệm vụ kéo dài qua quý khác: {spans}."
    ]


def count_tasks_reach(db: PlanDB, request: Request) -> Reach:
    return [p.id for p in plans_of(db, request)], True  # a count answers for every plan, be it 0


def count_tasks(db: PlanDB, request: Request) -> Answer:
    """How many tasks pass the filters, out of how many, and which."""
    plans = plans_of(db, request)
    sections, listed = [], []
    for plan in plans:
        ids = db.task_ids([plan.id], request.filters)
        listed += ids
        # out of the rows of the table when the count is of its rows ("bao nhiêu dòng"), else of every task
        of_rows = "row" in request.filters.status and "no_row" not in request.filters.status
        # an agency's tasks within a group ("nhóm 5 gồm mấy nhiệm vụ, Sở KH&CN chủ trì mấy cái"): out of the group's
        groups = tuple(g for g in request.filters.groups if g.startswith(f"{plan.id}:"))
        within = groups if groups and (request.filters.agency or request.filters.quarters) else ()
        base = Filters(status=("row", "recurring") if of_rows else (), groups=within)
        total = db.count_tasks([plan.id], base)
        what = filters_phrase(db, plan, request.filters)
        head = f"{len(ids)} nhiệm vụ"
        if what:
            head += f" {what}" if not request.filters.agency else f" do {what}"
            whole = f"{total} dòng nhiệm vụ của bảng dự toán" if of_rows else f"{total} nhiệm vụ"
            if within:
                whole += f" của nhóm {', '.join(g.split(':', 1)[1] for g in within)}"
            share = (
                f", tức {percent(Decimal(len(ids)), Decimal(total))}" if Field.SHARE in request.show and total else ""
            )
            head += f" (trên tổng số {whole}{share})"
        lines = [head + "."]
        lines += _quarters_alone(db, plan, request, ids)
        detailed = 150 if len(ids) <= 3 else 0
        lines += [f"• {_list_line(db, plan, t, request, detailed)}" for t in db.tasks(ids[:MAX_LIST])]
        sections.append(Section(lines, plan.short_title, _cited(db, plan, ids)))
    if len(plans) > 1:  # one request over several plans is a count of them together
        sections.insert(0, Section([f"Cộng {len(plans)} kế hoạch: {len(listed)} nhiệm vụ."]))
    return reply(request, sections, True, plans=[p.id for p in plans], listed=listed)


def sum_durations(db: PlanDB, request: Request) -> Answer:
    """ "Các nhiệm vụ có ghi tổng thời gian thực hiện kéo dài trung bình bao nhiêu tháng?": the months the
    selected tasks state they run, added up and, when asked, averaged over the tasks that state them."""
    sections, listed = [], []
    for plan in plans_of(db, request):
        ids = db.task_ids([plan.id], request.filters)
        timed = [(tid, t) for tid, t in zip(ids, db.tasks(ids), strict=True) if t.duration_months]
        if not timed:
            continue
        listed += [tid for tid, _ in timed]
        months = [t.duration_months or 0 for _, t in timed]
        total = sum(months)
        lines = [f"{len(timed)} nhiệm vụ ghi tổng thời gian thực hiện, cộng lại {total} tháng."]
        if Field.AVERAGE in request.show:
            mean = (Decimal(total) / len(timed)).quantize(Decimal("0.1")).normalize()
            lines.insert(0, f"Trung bình {figure(mean)} tháng mỗi nhiệm vụ ({total} : {len(timed)}).")
        lines += [f"• {task_line(t, 90)}: {t.duration_months} tháng" for _, t in timed]
        sections.append(Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, bảng dự toán kinh phí."))
    if not sections:
        names = ", ".join(p.short_title for p in plans_of(db, request))
        return reply(request, [Section([f"{names} không ghi tổng thời gian thực hiện của nhiệm vụ nào."])], False)
    return reply(request, sections, True, plans=request.plans, listed=listed)


def by_duration(db: PlanDB, request: Request) -> Answer:
    """ "Nhiệm vụ nào kéo dài lâu nhất?": the task(s) stating the most (``Op.MAX``) or fewest (``Op.MIN``) months
    of total time; tasks that state none are said apart, not ranked."""
    longest = request.op is Op.MAX
    sections, top = [], []
    for plan in plans_of(db, request):
        ids = db.task_ids([plan.id], request.filters)
        tasks = db.tasks(ids)
        timed = [t for t in tasks if t.duration_months]
        if not timed:
            continue
        months = (max if longest else min)(t.duration_months or 0 for t in timed)
        first = [t for t in timed if t.duration_months == months]
        top += [f"{plan.id}:{t.number}" for t in first]
        word = "dài" if longest else "ngắn"
        scope = filters_phrase(db, plan, request.filters)
        head = f"Nhiệm vụ có thời gian thực hiện {word} nhất" + (f" (trong các nhiệm vụ {scope})" if scope else "")
        lines = [f"Tổng thời gian thực hiện {word} nhất: {months} tháng."]
        lines += [f"• {task_line(t, 90)}" for t in first]
        unstated = [t.number for t in tasks if not t.duration_months]
        if unstated:
            lines.append(f"Không ghi tổng thời gian thực hiện: {', '.join(unstated)}.")
        source = f"Nguồn: {plan.short_title}, bảng dự toán kinh phí."
        sections.append(Section(lines, f"{head} — {plan.short_title}", source))
    if not sections:
        names = ", ".join(p.short_title for p in plans_of(db, request))
        return reply(request, [Section([f"{names} không ghi tổng thời gian thực hiện của nhiệm vụ nào."])], False)
    return reply(request, sections, True, plans=request.plans, tasks=top[:1] if len(top) == 1 else [], listed=top)


def _counted(request: Request) -> tuple[str, Filters]:
    """What a sum of counts adds up (the words of the thing, "lop tap huan") and the tasks it looks in."""
    head = request.filters.words[0] if request.filters.words else ""
    return head, request.filters.model_copy(update={"words": (), "has": (*request.filters.has, Field.QUANTITY)})


def sum_quantities_reach(db: PlanDB, request: Request) -> Reach:
    """:func:`sum_quantities` is about every plan asked; it answers when a task there counts the thing."""
    plans = [p.id for p in plans_of(db, request)]
    head, chosen = _counted(request)
    units = db.quantity_units(db.task_ids(plans, chosen))
    # (a count is of the thing by its unit alone: one of each unit, not every task's, is built to ask)
    return plans, any(Quantity.model_construct(unit=u, text=u).counts(head) for u in units)


def sum_quantities(db: PlanDB, request: Request) -> Answer:
    """ "Tổng cộng bao nhiêu lớp tập huấn?": the counts the selected tasks state of that thing, added up.

    A count per place ("mỗi huyện 02 lớp") is shown but not added: the plan does not say how many places.
    """
    plans = plans_of(db, request)
    head, chosen = _counted(request)
    sections, listed = [], []
    grand, least_any, nouns, heads = Decimal(0), False, set(), set()
    for plan in plans:
        counted: list[tuple[Task, Quantity]] = []
        ids = db.task_ids([plan.id], chosen)
        for tid, task in zip(ids, db.tasks(ids), strict=True):
            found = [q for q in task.quantities if q.counts(head)]
            counted += [(task, q) for q in found]
            listed += [tid] if found else []
        if not counted:
            continue
        added = [(t, q) for t, q in counted if not q.per_each]
        each = [(t, q) for t, q in counted if q.per_each]
        units = {q.unit for _, q in added}
        noun = units.pop() if len(units) == 1 else " ".join(counted[0][1].unit.split()[: len(head.split())])
        least = "ít nhất " if any("toi thieu" in fold(q.text) for _, q in added) else ""
        what = filters_phrase(db, plan, request.filters)
        subtotal = sum((q.value for _, q in added), Decimal(0))
        grand, least_any = grand + subtotal, least_any or bool(least)
        nouns.add(noun)
        # the plans may word the thing differently ("lớp tập huấn", "lớp"): together, by what the question named
        heads.add(" ".join(counted[0][1].unit.split()[: len(head.split())]))
        head_line = f"Tổng cộng {least}{figure(subtotal)} {noun}"
        head_line += f" theo các nhiệm vụ {what}" if what else " theo các nhiệm vụ của kế hoạch"
        lines = [head_line + (f" (chưa kể số {noun} tính theo từng địa phương)." if each else ".")]
        lines += [f"• {task_line(t, 90)}: {q.text}" for t, q in added]
        lines += [f"• {task_line(t, 90)}: {q.text} — không cộng được, vì tính cho từng nơi" for t, q in each]
        sections.append(Section(lines, plan.short_title, _sources(plan, listed, [t for t, _ in counted])))
    if len(sections) > 1:  # "gộp hai năm": the plans' counts together, first
        noun = nouns.pop() if len(nouns) == 1 else min(heads, key=len)
        both = f"Cộng {len(sections)} kế hoạch: {'ít nhất ' if least_any else ''}{figure(grand)} {noun}."
        sections.insert(0, Section([both]))
    if not sections:
        names = ", ".join(p.short_title for p in plans)
        line = f"{names}: không nhiệm vụ nào ghi số lượng như vậy."
        return reply(request, [Section([line])], False, plans=[p.id for p in plans])
    return reply(request, sections, True, plans=[p.id for p in plans], listed=listed)


def list_tasks_reach(db: PlanDB, request: Request) -> Reach | None:
    """The plans :func:`list_tasks` answers from, in its order, when some task passes the filters."""
    by_plan = _by_plan(db.task_ids([p.id for p in plans_of(db, request)], request.filters))
    return (list(by_plan), True) if by_plan else None


def list_groups_reach(db: PlanDB, request: Request) -> Reach:
    return list(request.plans or db.plan_ids), any(p.groups for p in plans_of(db, request))


def list_groups(db: PlanDB, request: Request) -> Answer:
    """A plan's task groups with the number of tasks in each (also the answer to 'how many groups')."""
    sections, top = [], []
    for plan in plans_of(db, request):
        if not plan.groups:
            sections.append(Section([f"{plan.short_title} không chia nhiệm vụ theo nhóm."], plan.short_title))
            continue
        counted = [(g, db.count_tasks([plan.id], Filters(groups=(f"{plan.id}:{g.number}",)))) for g in plan.groups]
        total = db.count_tasks([plan.id])
        head = f"{len(plan.groups)} nhóm nhiệm vụ, {total} nhiệm vụ:"
        if request.op in (Op.MAX, Op.MIN):  # "nhóm nào có nhiều nhiệm vụ nhất": that group first, then the rest
            counted.sort(key=lambda gn: gn[1], reverse=request.op is Op.MAX)
            best = [(g, n) for g, n in counted if n == counted[0][1]]
            word = "nhiều" if request.op is Op.MAX else "ít"
            if len(best) == 1:
                g, n = best[0]
                head = f"Nhóm {g.number} ({g.title}) có {word} nhiệm vụ nhất: {n} nhiệm vụ"
                head += f" ({percent(Decimal(n), Decimal(total))} tổng số nhiệm vụ)" if total else ""
            else:  # a tie: every group that shares the count, said once
                named = " và ".join(f"Nhóm {g.number} ({shorten(g.title, 60)})" for g, _ in best)
                head = f"{len(best)} nhóm cùng có {word} nhiệm vụ nhất, mỗi nhóm {best[0][1]} nhiệm vụ: {named}"
            head += f". Cả kế hoạch có {len(plan.groups)} nhóm, {total} nhiệm vụ:"
            # (their tasks are what "nhóm đó gồm những gì" asks next)
            top += db.task_ids([plan.id], Filters(groups=tuple(f"{plan.id}:{g.number}" for g, _ in best)))
        lines = [f"• Nhóm {g.number}: {g.title} ({n} nhiệm vụ)" for g, n in counted]
        sections.append(Section([head, *lines], plan.short_title, f"Nguồn: {plan.short_title}, phần nhiệm vụ."))
    answered = any(p.groups for p in plans_of(db, request))
    suggestions = [
        Suggestion(p.short_title, Request(items=Items.TASKS, op=Op.LIST, plans=(p.id,), explicit=True))
        for p in plans_of(db, request)
    ]
    return reply(request, sections, answered, plans=request.plans or db.plan_ids, listed=top, suggestions=suggestions)


def _agency_sections(db: PlanDB, request: Request, count: bool) -> tuple[list[Section], bool]:
    f = request.filters
    role = f.role
    sections, found_any = [], False
    for plan in plans_of(db, request):
        pairs = [s for p, s in db.agencies_in([plan.id], role, f, f.exclude_role) if p == plan.id]
        if f.agency_kind:
            pairs = [s for s in pairs if db.agency(plan.id, s).kind == f.agency_kind]
        role_words = {
            Role.LEAD: "chủ trì (kể cả đồng chủ trì)",
            Role.COOPERATING: "phối hợp",
            Role.ANY: "chủ trì hoặc phối hợp",
            Role.DUTY: "được giao việc ở phần Tổ chức thực hiện",
        }[role]
        if role is Role.DUTY and f.ids:  # the agencies one entry names together
            entries = [i.split(":", 1)[1] for i in f.ids if i.startswith(f"{plan.id}:")]
            role_words = f"cùng được giao ở mục {', '.join(entries)} (Tổ chức thực hiện)"
            if len(entries) > 1:  # the entries whose words the question said, one agency (or a few) each
                role_words = f"được giao việc ở các mục {', '.join(entries)} (Tổ chức thực hiện)"
        scope = filters_phrase(db, plan, f.model_copy(update={"agency": None, "agency_kind": None, "ids": ()}))
        noun = {"department": "sở", "association": "tổ chức hội, đoàn thể"}.get(f.agency_kind or "", "cơ quan")
        kinds = {db.agency(plan.id, s).kind for s in pairs}
        if not f.agency_kind and len(kinds) == 1:
            # all of one kind: named as what they are ("4 tổ chức cùng được giao ở mục V.10")
            noun = {"department": "sở", "association": "tổ chức"}.get(kinds.pop(), noun)
        head = f"{len(pairs)} {noun} {role_words}"
        if f.exclude_role is not None:
            never = {Role.ANY: "không có tên trong", Role.LEAD: "không chủ trì", Role.COOPERATING: "không phối hợp ở"}
            head += f" nhưng {never.get(f.exclude_role, 'không có tên trong')} nhiệm vụ nào"
        if scope:
            head += f" ở các nhiệm vụ {scope}"
        lines = [head + (":" if pairs else ".")]
        if not pairs and role is not Role.DUTY and not db.agencies_in([plan.id], Role.ANY, NO_FILTERS):
            # Thái Bình names no agency task by task: it assigns work agency by agency, in its last part
            lines = [
                "Kế hoạch không giao cơ quan chủ trì, phối hợp theo từng nhiệm vụ; việc được phân công theo "
                "từng cơ quan ở phần Tổ chức thực hiện."
            ]
        for slug in pairs:
            name = db.agency_name(plan.id, slug)
            if role is Role.DUTY:
                lines.append(f"• {name}")
                continue
            mine = db.task_ids([plan.id], f.model_copy(update={"agency": slug, "role": role, "negate": False}))
            numbers = ", ".join(t.split(":", 1)[1] for t in mine)
            lines.append(f"• {name} ({len(mine)} nhiệm vụ: {numbers})")
        found_any |= bool(pairs)
        where = "phần Tổ chức thực hiện" if role is Role.DUTY or f.exclude_role else "phần nhiệm vụ"
        sections.append(Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, {where}."))
    return sections, found_any or count


def list_agencies_reach(db: PlanDB, request: Request) -> Reach | None:
    """:func:`list_agencies` (not an agency's partners) is about every plan asked; it answers when one of them
    has an agency in the role asked: one query over the plans, where the answer asks plan by plan."""
    f = request.filters
    if f.agency and f.role is not Role.DUTY:
        return _partners_reach(db, request)
    pairs = db.agencies_in([p.id for p in plans_of(db, request)], f.role, f, f.exclude_role)
    found = any(not f.agency_kind or db.agency(p, s).kind == f.agency_kind for p, s in pairs)
    return list(request.plans), found


def list_agencies(db: PlanDB, request: Request) -> Answer:
    if request.filters.agency and request.filters.role is not Role.DUTY:
        return list_partners(db, request)
    sections, answered = _agency_sections(db, request, count=False)
    return reply(request, sections, answered, plans=request.plans)


def rank_agencies(db: PlanDB, request: Request) -> Answer:
    """ "Cơ quan nào chủ trì nhiều nhiệm vụ nhất?": the agency (or the tied ones) at that end, then every one
    with its count, most first."""
    f, smallest = request.filters, request.op is Op.MIN
    role = f.role if f.role is not Role.ANY else Role.LEAD
    sections, found_any = [], False
    for plan in plans_of(db, request):
        pairs = [s for p, s in db.agencies_in([plan.id], role, f) if p == plan.id]
        if f.agency_kind:
            pairs = [s for s in pairs if db.agency(plan.id, s).kind == f.agency_kind]
        counted = [(s, db.task_ids([plan.id], f.model_copy(update={"agency": s, "role": role}))) for s in pairs]
        counted.sort(key=lambda c: len(c[1]) if smallest else -len(c[1]))
        if not counted:
            sections.append(Section([f"{plan.short_title} không giao cơ quan {_ROLE_OF[role]} cho nhiệm vụ nào."]))
            continue
        found_any = True
        end = len(counted[0][1])
        top = [db.agency_name(plan.id, s) for s, ids in counted if len(ids) == end]
        word = "ít" if smallest else "nhiều"
        # out of the tasks ranked over (a group's, a quarter's, or the plan's)
        total = db.count_tasks([plan.id], f.model_copy(update={"role": Role.ANY, "agency": None, "agency_kind": None}))
        head = f"{' và '.join(top)} {_ROLE_OF[role]} {word} nhiệm vụ nhất: {end} trên {total} nhiệm vụ"
        scope = filters_phrase(db, plan, f.model_copy(update={"role": Role.ANY, "agency_kind": None}))
        head += f" {scope}." if scope else "."
        lines = [head] + [
            f"• {db.agency_name(plan.id, s)}: {len(ids)} ({', '.join(t.split(':', 1)[1] for t in ids)})"
            for s, ids in counted
        ]
        sections.append(Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, phần nhiệm vụ."))
    return reply(request, sections, found_any, plans=request.plans)


def _partners_reach(db: PlanDB, request: Request) -> Reach:
    """:func:`list_partners` is about the plans asked; it answers when the agency shares a task there with
    one that is no generic group: the tasks' agencies read from the tables, not from the tasks built."""
    f = request.filters
    me = f.agency or ""
    plans = [p.id for p in plans_of(db, request)]
    found = False
    for own, others in ((Role.LEAD, (Role.LEAD, Role.COOPERATING)), (Role.COOPERATING, (Role.LEAD,))):
        if f.role not in (Role.ANY, own) or found:
            continue
        ids = db.task_ids(plans, f.model_copy(update={"role": own, "negate": False}))
        found = any(s != me and db.agency(p, s).scope != "generic" for p, s in db.task_agencies(ids, others))
    return list(request.plans), found


def list_partners(db: PlanDB, request: Request) -> Answer:
    """ "Những ai phối hợp với Sở KH&CN?": the agencies that share tasks with one agency.

    Who works with an agency depends on its part: on the tasks it leads, the others cooperate (or
    co-lead); on the tasks it cooperates on, another leads. Both are listed (or the one its role
    asks), each partner with the tasks shared, most first, so "ai hay phối hợp nhất" is answered
    by the first line. Generic groups ("các sở, ngành liên quan") are no partner one can call.
    """
    f = request.filters
    me = f.agency or ""
    sides = [
        (Role.LEAD, "phối hợp hoặc đồng chủ trì ở {n} nhiệm vụ {name} chủ trì"),
        (Role.COOPERATING, "chủ trì {n} nhiệm vụ {name} phối hợp"),
    ]
    sections, found = [], False
    for plan in plans_of(db, request):
        name = db.agency_name(plan.id, me)
        lines: list[str] = []
        for own, words in sides:
            if f.role not in (Role.ANY, own):
                continue
            ids = db.task_ids([plan.id], f.model_copy(update={"role": own, "negate": False}))
            shared: dict[str, list[str]] = {}
            for task in db.tasks(ids):
                others = [*task.lead, *task.cooperating] if own is Role.LEAD else task.lead
                for slug in dict.fromkeys(others):
                    if slug != me and db.agency(plan.id, slug).scope != "generic":
                        shared.setdefault(slug, []).append(task.number)
            if not ids:
                continue
            ranked = sorted(shared.items(), key=lambda kv: -len(kv[1]))
            head = f"{len(ranked)} cơ quan " + words.format(n=len(ids), name=name)
            lines.append(head + (":" if ranked else "."))
            lines += [f"• {db.agency_name(plan.id, s)} ({len(t)} nhiệm vụ: {', '.join(t)})" for s, t in ranked]
            found |= bool(ranked)
        if not lines:
            scope = filters_phrase(db, plan, f.model_copy(update={"agency": None}))
            lines = [f"{name} không chủ trì hay phối hợp nhiệm vụ nào {scope}".rstrip() + "."]
        sections.append(Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, phần nhiệm vụ."))
    return reply(request, sections, found, plans=request.plans)


def count_agencies_reach(db: PlanDB, request: Request) -> Reach:
    return list(request.plans), True  # a count answers, be it 0


def count_agencies(db: PlanDB, request: Request) -> Answer:
    sections, answered = _agency_sections(db, request, count=True)
    return reply(request, sections, answered, plans=request.plans)


def compare_tasks(db: PlanDB, request: Request) -> Answer:
    """Two plans of one province: which tasks continue (and with what changes), which are new or dropped."""
    if len(request.plans) != 2:
        return list_tasks(db, request)
    old, new = sorted((db.plan(p) for p in request.plans), key=lambda p: p.year_start)
    old_ids, new_ids = db.task_ids([old.id], request.filters), db.task_ids([new.id], request.filters)
    if request.filters.ids and not request.filters.agency:
        # the tasks on a topic: each one's namesake the other year is compared too, though worded otherwise
        new_ids += [a for t in old_ids if (a := _namesake(db, t, new.id)) and a not in new_ids]
        old_ids += [a for t in new_ids if (a := _namesake(db, t, old.id)) and a not in old_ids]
    pairs: list[tuple[str, str]] = []
    elsewhere: dict[str, str] = {}  # a task of the selection whose namesake the other year falls outside it
    for tid in old_ids:
        found = db.analog(tid, new.id)
        if found and found[1] >= MIN_ANALOG and found[0] in new_ids:
            pairs.append((tid, found[0]))
        elif found and found[1] >= HELD_ELSEWHERE:
            elsewhere[tid] = found[0]
    for tid in new_ids:
        found = db.analog(tid, old.id)
        if tid not in {n for _, n in pairs} and found and found[1] >= HELD_ELSEWHERE and found[0] not in old_ids:
            elsewhere[tid] = found[0]
    kept_new = {n for _, n in pairs}
    dropped = [t for t in old_ids if t not in {o for o, _ in pairs}]
    added = [t for t in new_ids if t not in kept_new]
    agency = request.filters.agency
    if agency:
        # one agency's part in two years: "chỉ có năm 2022" would be wrong of a task that goes on
        # under another lead, so such a task says who has it the other year
        who = _ROLE_OF.get(request.filters.role, "tham gia")
        among = " liên quan đến điều được hỏi" if request.filters.ids else ""  # a topic's tasks only
        lines = [
            f"{db.agency_name(old.id, agency)} {who} {len(old_ids)} nhiệm vụ{among} năm {old.year_start} "
            f"và {len(new_ids)} nhiệm vụ năm {new.year_start}; {len(pairs)} nhiệm vụ có ở cả hai năm."
        ]
    else:
        lines = [
            f"{len(pairs)} nhiệm vụ có ở cả hai năm; {len(dropped)} nhiệm vụ chỉ có ở {old.short_title}; "
            f"{len(added)} nhiệm vụ mới ở {new.short_title}."
        ]
        if request.filters == Filters() and old.budget_total and new.budget_total:
            # the two plans as a whole: their money too, the first thing an official compares
            change = new.budget_total - old.budget_total
            trend = "tăng" if change >= 0 else "giảm"
            lines.append(
                f"Tổng kinh phí: năm {old.year_start} {money(old.budget_total)}, năm {new.year_start} "
                f"{money(new.budget_total)} ({trend} {money(abs(change))})."
            )
    changed_at = len(lines)  # (the tasks kept go here when they are what was asked: "nv nào giống nhau")
    if dropped:
        lines.append(
            f"Có năm {old.year_start}, không còn năm {new.year_start}:" if not agency else f"Chỉ năm {old.year_start}:"
        )
        lines += [f"• {task_line(t, 90)}{_held_elsewhere(db, new, elsewhere.get(i))}" for i, t in _each(db, dropped)]
    if added:
        lines.append(f"Mới năm {new.year_start}:" if not agency else f"Chỉ năm {new.year_start}:")
        lines += [f"• {task_line(t, 90)}{_held_elsewhere(db, old, elsewhere.get(i))}" for i, t in _each(db, added)]
    kept_at = len(lines)
    if pairs:
        lines.append("Có ở cả hai năm:")
        for o, n in pairs:
            a, b = db.task(o), db.task(n)
            if a is None or b is None:
                continue
            change = ""
            if a.lead != b.lead and a.lead and b.lead:
                change = (
                    f" — chủ trì đổi từ {agency_list(db.agency_name(old.id, s) for s in a.lead)} "
                    f"sang {agency_list(db.agency_name(new.id, s) for s in b.lead)}"
                )
            lines.append(
                f"• {a.number} ({old.year_start}) ↔ {b.number} ({new.year_start}): {shorten(b.title, 70)}{change}"
            )
            if len(pairs) <= _SIDE_BY_SIDE and not agency:
                # one task in two years: what each year says it does, and how many, side by side
                for plan, task in ((old, a), (new, b)):
                    said = shorten(task.content, 170)
                    counted = "; ".join(q.text for q in task.quantities if q.text not in said)
                    lines.append(f"  – Năm {plan.year_start}: {said}" + (f" ({counted})" if counted else ""))
                lines += [f"  – {line}" for line in changes(db, (old, a), (new, b))]
    if Field.CONTINUES in request.show:
        lines = [*lines[:changed_at], *lines[kept_at:], *lines[changed_at:kept_at]]
    title = f"{old.short_title} so với {new.short_title}"
    source = f"Nguồn: {old.short_title} và {new.short_title}, phần nhiệm vụ (so khớp theo nội dung)."
    # one task in both years: "năm 2023 làm quý mấy?" next is about it
    tasks = list(pairs[0]) if len(pairs) == 1 and not dropped and not added else []
    return reply(request, [Section(lines, title, source)], True, plans=[old.id, new.id], tasks=tasks)


_SIDE_BY_SIDE = 2  # at most this many tasks going on in both years: each year's own words are shown


def _namesake(db: PlanDB, tid: str, plan_id: str) -> str | None:
    found = db.analog(tid, plan_id)
    return found[0] if found and found[1] >= MIN_ANALOG else None


def _each(db: PlanDB, ids: list[str]) -> list[tuple[str, Task]]:
    return [(i, t) for i in ids if (t := db.task(i)) is not None]


_ROLE_OF = {Role.LEAD: "chủ trì", Role.COOPERATING: "phối hợp", Role.ANY: "tham gia"}


def _held_elsewhere(db: PlanDB, plan: PlanInfo, tid: str | None) -> str:
    """' (năm 2023 vẫn có, ở 3.4 do Sở NN&PTNT chủ trì)': the namesake the other year, outside the selection."""
    task = db.task(tid) if tid else None
    if task is None:
        return ""
    lead = f" do {agency_list(db.agency_name(plan.id, s) for s in task.lead)} chủ trì" if task.lead else ""
    return f" (năm {plan.year_start} vẫn có, ở {task.label or task.number}{lead})"


def count_duties(db: PlanDB, request: Request) -> Answer:
    """How many entries "Tổ chức thực hiện" has; of one agency, how many points (a, b, c…) it is given."""
    if request.filters.agency:
        return _count_agency_duties(db, request)
    sections = []
    for plan in plans_of(db, request):
        entries = db.duties([plan.id])
        named = {i.split(":", 1)[1] for i in request.filters.ids if i.startswith(f"{plan.id}:")}
        # "mục IV.2 có bao nhiêu mục con": the entries under the one named, not the heading over them
        parts = [e for e in entries if e.section.rsplit(".", 1)[0] in named]
        if parts:
            head = ", ".join(sorted({e.section.rsplit(".", 1)[0] for e in parts}))
            lines = [f"Mục {head} có {len(parts)} mục con:"]
            lines += [f"• {shorten(e.heading, 90)}" for e in parts]
        else:
            lines = [f"{len(entries)} mục giao việc cho các cơ quan, đơn vị:"]
            lines += [f"• {e.section.split('.')[-1]}. {shorten(e.heading, 90)}" for e in entries]
        sections.append(Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, phần Tổ chức thực hiện."))
    return reply(request, sections, True, plans=request.plans)


def count_targets(db: PlanDB, request: Request) -> Answer:
    sections, any_found = [], False
    for plan in plans_of(db, request):
        rows = db.targets(plan.id, request.filters.year)
        if not rows:
            continue
        any_found = True
        years = sorted({r["year"] for r in rows})
        lines = [f"{len(rows)} chỉ tiêu" + (f" đến năm {' và '.join(map(str, years))}" if years else "") + ":"]
        lines += [f"• {r['text']}" for r in rows]
        sections.append(
            Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, mục {rows[0]['section'].rsplit('.', 2)[0]}.")
        )
    if not any_found:
        sections = [Section(["Kế hoạch không đặt chỉ tiêu định lượng riêng."])]
    return reply(request, sections, any_found, plans=request.plans)


def _count_agency_duties(db: PlanDB, request: Request) -> Answer:
    """ "Sở KH&CN được giao bao nhiêu đầu việc": the points of the entries that name the agency."""
    if request.filters.also:
        return _count_duties_together(db, request)
    agency = request.filters.agency
    sections, any_found = [], False
    for plan in plans_of(db, request):
        name = db.agency_name(plan.id, agency)
        entries = db.duties([plan.id], agency=agency)
        if not entries:
            sections.append(Section([f"Phần Tổ chức thực hiện không có mục giao việc cho {name}."], plan.short_title))
            continue
        any_found = True
        items = [(label, text) for e in entries for label, text in e.duties]
        where = ", ".join(e.section for e in entries)
        shared = any(len(e.agencies) > 1 for e in entries)
        together = " (chung với cơ quan khác)" if shared else ""
        if any(label for label, _ in items):
            lines = [f"{name} được giao {_points(items)} ở mục {where}{together}:"]
            lines += [f"• {label + ') ' if label else ''}{shorten(text, 110)}" for label, text in items]
        else:  # one paragraph, not points: there is nothing to count, only what it says
            lines = [f"Mục {where}{together} giao {name}: {shorten(' '.join(t for _, t in items), 400)}"]
        sections.append(
            Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, mục {where} (Tổ chức thực hiện).")
        )
    return reply(request, sections, any_found, plans=request.plans, agencies=[agency] if agency else [])


def _points(items: list[tuple[str, str]]) -> str:
    """ "4 việc (4 điểm, a–d)": the count in the two words people ask it by, and the points' letters."""
    labels = [label for label, _ in items if label]
    span = f", {labels[0]}–{labels[-1]}" if len(labels) == len(items) and len(labels) > 1 else ""
    return f"{len(items)} việc ({len(items)} điểm{span})"


def _count_duties_together(db: PlanDB, request: Request) -> Answer:
    """The points several agencies are given, each and together; an entry they share is counted once."""
    agencies = [a for a in (request.filters.agency, *request.filters.also) if a]
    sections, any_found = [], False
    for plan in plans_of(db, request):
        lines, seen = [], {}
        for agency in agencies:
            entries = db.duties([plan.id], agency=agency)
            points = sum(len(e.duties) for e in entries)
            where = ", ".join(e.section for e in entries) or "không có mục nào"
            lines.append(f"• {db.agency_name(plan.id, agency)}: {points} việc (mục {where})")
            seen.update({e.section: len(e.duties) for e in entries})
        if not seen:
            continue
        any_found = True
        total = sum(seen.values())
        shared = (
            " (mục giao chung chỉ tính một lần)"
            if len(seen) < sum(1 for a in agencies for _ in db.duties([plan.id], agency=a))
            else ""
        )
        lines.insert(0, f"Tổng cộng {total} việc ({total} điểm) giao cho {len(agencies)} cơ quan{shared}:")
        sections.append(Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, phần Tổ chức thực hiện."))
    if not sections:
        return reply(request, [Section(["Phần Tổ chức thực hiện không có mục giao việc cho các cơ quan này."])], False)
    return reply(request, sections, any_found, plans=request.plans, agencies=agencies)


def by_start_reach(db: PlanDB, request: Request) -> Reach:
    """:func:`by_start` answers about the plans asked when a task there names a quarter, else about every plan."""
    plans = plans_of(db, request)
    if db.any_timed([p.id for p in plans], request.filters):
        return list(request.plans), True
    return [p.id for p in plans], False


def by_start(db: PlanDB, request: Request) -> Answer:
    """The task(s) that start latest (``Op.MAX``) or earliest (``Op.MIN``) in the year: by the first quarter
    their timeline names; tasks set for the whole year, or with no time, are said apart, not ranked."""
    latest = request.op is Op.MAX
    f = request.filters
    sections, top = [], []
    for plan in plans_of(db, request):
        tasks = db.tasks(db.task_ids([plan.id], f))
        timed = [t for t in tasks if t.timeline and t.timeline.quarters]
        if not timed:
            continue
        start = (max if latest else min)(min(t.timeline.quarters) for t in timed if t.timeline)
        first = [t for t in timed if t.timeline and min(t.timeline.quarters) == start]
        top += [f"{plan.id}:{t.number}" for t in first]
        word = "muộn" if latest else "sớm"
        scope = filters_phrase(db, plan, f)
        head = f"Nhiệm vụ triển khai {word} nhất trong năm" + (f" (trong các nhiệm vụ {scope})" if scope else "")
        lines = [f"Bắt đầu từ {quarters_text([start])}:"]
        lines += [f"• {t.number} — {shorten(t.title, 80)}: {timeline_phrase(t)}" for t in first]
        untimed = [t.number for t in tasks if t not in timed]
        if untimed:
            lines.append(f"Không gắn với quý (ghi cả năm hoặc không ghi thời gian): {', '.join(untimed)}.")
        sections.append(Section(lines, f"{head} — {plan.short_title}", _sources(plan, [], first)))
    if not sections:
        plans = plans_of(db, request)
        names = ", ".join(p.short_title for p in plans)
        line = (
            f"{names} không ghi quý triển khai cho nhiệm vụ nào (chỉ ghi cả năm hoặc không ghi thời gian), "
            "nên không có việc nào bắt đầu sớm hay muộn hơn việc khác."
        )
        return reply(request, [Section([line])], False, plans=[p.id for p in plans])
    return reply(request, sections, True, plans=request.plans, tasks=top[:1] if len(top) == 1 else [], listed=top)
