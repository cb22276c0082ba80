"""Consistency checks run on every load (``ipbot check-data`` prints them).

The documents are not always consistent, and the data must say so rather than hide
it: a stated total that differs from the sum of its parts is an error unless the plan
records it as a :class:`~ipbot.plans.models.Discrepancy` with the same two figures, in which
case it is reported as a note.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ipbot.plans.load import Catalogue, Problem
from ipbot.plans.models import Plan
from ipbot.text import fold

__all__ = ["check_catalogue", "figure"]


def figure(amount: Decimal) -> str:
    """How checks print an amount: plain decimal, no separators (``9128.6``)."""
    text = format(Decimal(amount).normalize(), "f")
    return text


def _sum(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


def _figure_checks(plan: Plan) -> Iterator[tuple[str, str, Decimal, Decimal]]:
    """Yield (check id, where, stated, computed) for every total the document states."""
    budget = plan.budget
    amounts = [s.amount for s in budget.sources if s.amount is not None]
    if budget.total is not None and amounts:
        yield "budget.sources_sum", f"budget ({budget.section})", budget.total, _sum(amounts)
    table = budget.table
    if table is None:
        return
    rows = [t.budget for t in plan.tasks if t.budget.status == "row"]
    if table.stated_task_total is not None:
        totals = [b.total for b in rows if b.total is not None]
        yield "table.task_total", "budget.table (Cộng, Tổng kinh phí)", table.stated_task_total, _sum(totals)
    for key_, stated in table.stated_allocation.items():
        parts = [b.allocation[key_] for b in rows if key_ in b.allocation]
        yield f"table.allocation.{key_}", f"budget.table (Cộng, {key_})", stated, _sum(parts)
        source = next((s for s in budget.sources if s.key == key_), None)
        if source is not None and source.amount is not None:
            yield f"table.vs_sources.{key_}", f"budget.sources[{key_}]", stated, source.amount
    if table.stated_grand_total is not None and table.stated_allocation:
        yield (
            "table.grand_total",
            "budget.table (Tổng cộng)",
            table.stated_grand_total,
            _sum(list(table.stated_allocation.values())),
        )
    if table.stated_grand_total is not None and budget.total is not None:
        yield "table.vs_total", "budget.total", table.stated_grand_total, budget.total


def _check_figures(plan: Plan, file: str) -> Iterator[Problem]:
    recorded = {d.check: d for d in plan.discrepancies if d.check}
    seen: set[str] = set()
    for check, where, stated, computed in _figure_checks(plan):
        seen.add(check)
        entry = recorded.get(check)
        if stated == computed:
            if entry is not None:
                yield Problem(
                    "error",
                    file,
                    f"discrepancies[{entry.id}]",
                    f"recorded mismatch for {check}, but {figure(stated)} now equals the sum",
                )
            continue
        if entry is None:
            yield Problem(
                "error",
                file,
                where,
                f"unrecorded mismatch ({check}): stated {figure(stated)}, sum of parts {figure(computed)}",
            )
        elif (entry.stated, entry.computed) != (figure(stated), figure(computed)):
            yield Problem(
                "error",
                file,
                f"discrepancies[{entry.id}]",
                f"{check}: recorded {entry.stated} vs {entry.computed}, "
                f"data gives {figure(stated)} vs {figure(computed)}",
            )
        else:
            yield Problem(
                "note",
                file,
                where,
                f"recorded discrepancy {entry.id}: stated {entry.stated}, sum of parts {entry.computed}",
            )
    for check, entry in recorded.items():
        if check not in seen:
            yield Problem("error", file, f"discrepancies[{entry.id}]", f"unknown check {check!r}")


def _check_tasks(plan: Plan, file: str, cat: Catalogue) -> Iterator[Problem]:
    numbers: set[str] = set()
    groups = {g.number for g in plan.groups}
    source_keys = {s.key for s in plan.budget.sources}
    source_text = fold(cat.sources.get(plan.id, ""))
    for task in plan.tasks:
        where = f"tasks[{task.number}]"
        if task.number in numbers:
            yield Problem("error", file, where, "duplicate task number")
        numbers.add(task.number)
        if groups and task.group not in groups:
            yield Problem("error", file, f"{where}.group", f"unknown group {task.group!r}")
        if not task.lead and not task.lead_note:
            yield Problem("error", file, f"{where}.lead", "no lead agency and no lead_note saying the plan names none")
        for key_ in task.budget.allocation:
            if key_ not in source_keys:
                yield Problem("error", file, f"{where}.budget.allocation", f"unknown funding source {key_!r}")
        if task.budget.status == "row" and task.budget.total is None and not task.budget.allocation:
            yield Problem("error", file, f"{where}.budget", "status 'row' but no figures")
        if task.budget.status in ("no_row", "not_itemised", "recurring") and (
            task.budget.total is not None or task.budget.allocation
        ):
            yield Problem("error", file, f"{where}.budget", f"status {task.budget.status!r} but figures given")
        if task.budget.status == "not_itemised" and plan.budget.table is not None:
            yield Problem(
                "error", file, f"{where}.budget.status", "the plan has a table: use 'row', 'recurring' or 'no_row'"
            )
        if source_text and fold(task.content)[:60] not in source_text:
            yield Problem("warning", file, f"{where}.content", "opening words not found in the source text")
        for slug, words in task.said.items():  # the words answers show must be the task's agency, as written
            if slug not in (*task.lead, *task.cooperating):
                yield Problem("error", file, f"{where}.said", f"{slug!r} is neither a lead nor a cooperating agency")
            elif fold(words) not in fold(f"{task.content} {task.cooperating_text or ''}") and (
                not source_text or fold(words) not in source_text
            ):
                yield Problem("error", file, f"{where}.said", f"{words!r} is not in the document")


def _agency_mentions(plan: Plan) -> Iterator[tuple[str, str]]:
    for task in plan.tasks:
        for slug in task.lead:
            yield f"tasks[{task.number}].lead", slug
        for slug in task.cooperating:
            yield f"tasks[{task.number}].cooperating", slug
    for resp in plan.responsibilities:
        for slug in resp.agencies:
            yield f"responsibilities[{resp.section}].agencies", slug
    if plan.reporting:
        for slug in [*plan.reporting.recipient, *plan.reporting.forward_to]:
            yield "reporting", slug
    for slug in plan.closing_recipient:
        yield "closing_recipient", slug


def check_catalogue(cat: Catalogue) -> list[Problem]:
    """All problems: load errors first, then per-plan checks, then recorded notes."""
    problems = list(cat.problems)
    for plan in cat.plans.values():
        file = cat.files[plan.id].name
        for where, slug in _agency_mentions(plan):
            try:
                cat.agency(plan, slug)
            except KeyError:
                problems.append(Problem("error", file, where, f"unknown agency {slug!r} (not in agencies.yaml)"))
        problems.extend(_check_tasks(plan, file, cat))
        problems.extend(_check_figures(plan, file))
        for target in plan.targets:  # a unit is the document's own words for what the figure counts
            if target.unit and fold(target.unit) not in fold(target.text):
                where = f"targets[{target.id}].unit"
                problems.append(Problem("error", file, where, f"{target.unit!r} is not in the target's text"))
        if plan.year_end < plan.year_start:
            problems.append(Problem("error", file, "year_end", "ends before it starts"))
        for d in plan.discrepancies:
            if not d.check:
                problems.append(Problem("note", file, d.where, f"recorded ({d.kind}) {d.id}: {d.note}"))
        for note in plan.draft_notes:
            problems.append(Problem("warning", file, "draft_notes", f"to review: {note}"))
    order = {"error": 0, "warning": 1, "note": 2}
    return sorted(problems, key=lambda p: order.get(p.level, 3))
