"""Browsing the plans without typing: what menus show, and the request each choice makes.

The Telegram commands (/nhiemvu, /coquan, /quy, /kinhphi) and the task-card buttons
use these. A choice becomes a typed :class:`~ipbot.requests.Request`, answered by the
same core as a typed question; nothing here composes Vietnamese questions.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipbot.plans.models import Plan
from ipbot.plans.store import Knowledge
from ipbot.requests import Field, Filters, Items, Measure, Op, Request, Role

__all__ = ["FACETS", "LABEL_WIDTH", "Browser", "Item", "fit", "plan_label"]

LABEL_WIDTH = 40
"""About what a phone shows of a full-width button before Telegram cuts it with '…'."""

FACETS: dict[str, Field] = {
    "card": Field.CARD,
    "lead": Field.LEAD,
    "coop": Field.COOPERATING,
    "budget": Field.BUDGET,
    "objective": Field.OBJECTIVE,
    "time": Field.TIME,
    "source": Field.QUOTE,
}
"""Task-card buttons: the label key in :data:`ipbot.phrases.FACET_LABELS` → the field shown."""


@dataclass(frozen=True)
class Item:
    """A menu entry: an id to act on, a label to show, how many tasks it holds."""

    id: str
    label: str
    count: int = 0


def fit(text: str, width: int = LABEL_WIDTH) -> str:
    """``text`` cut at a word boundary to ``width`` characters, with '…' when cut.

    Telegram cuts a long button label at the screen's edge, usually before the words that
    tell two buttons apart; cutting here keeps the label's start and says it was cut.
    """
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + "…"


def plan_label(plan: Plan) -> str:
    """A plan as a button names it: province and years ('Ninh Thuận 2023', 'Thái Bình 2021–2025')."""
    years = str(plan.year_start) if plan.year_end == plan.year_start else f"{plan.year_start}–{plan.year_end}"
    return f"{plan.province} {years}"


def _initials(province: str) -> str:
    return "".join(w[0] for w in province.split()).upper()


class Browser:
    """Menu entries over the loaded plans, and the requests menu choices make."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge

    def plans(self) -> list[Item]:
        return [Item(p.id, plan_label(p), len(p.tasks)) for p in self.knowledge.plans.values()]

    def title(self, plan_id: str) -> str:
        """The plan's title as the answers' sources name it."""
        return self.knowledge.plans[plan_id].short_title

    def has_plan(self, plan_id: str) -> bool:
        return plan_id in self.knowledge.plans

    def groups(self, plan_id: str) -> list[Item]:
        """The plan's task groups, each labelled as its button: number, short name, task count."""
        plan = self.knowledge.plans[plan_id]
        items = []
        for g in plan.groups:
            count = sum(t.group == g.number for t in plan.tasks)
            room = LABEL_WIDTH - len(f"{g.number} ·  ({count})")
            items.append(Item(g.number, f"{g.number} · {fit(g.short or g.title, room)} ({count})", count))
        return items

    def tasks(self, plan_id: str, group: str | None = None) -> list[Item]:
        plan = self.knowledge.plans[plan_id]
        return [Item(t.number, fit(f"{t.number} · {t.title}")) for t in plan.tasks if group is None or t.group == group]

    def agencies(self, plan_id: str) -> list[Item]:
        """Agencies that lead or join a task, most tasks first; else those with duties."""
        plan = self.knowledge.plans[plan_id]
        counts: dict[str, int] = {}
        for task in plan.tasks:
            for slug in dict.fromkeys([*task.lead, *task.cooperating]):
                counts[slug] = counts.get(slug, 0) + 1
        if not counts:
            for resp in plan.responsibilities:
                for slug in resp.agencies:
                    counts.setdefault(slug, 0)
        items = []
        for slug, n in counts.items():
            agency = self.knowledge.agency(plan, slug)
            if agency.scope != "generic":
                items.append(Item(slug, agency.short or agency.name, n))
        # most tasks first; agencies with as many (or only duties) in the order the plan names them
        return sorted(items, key=lambda i: -i.count)

    def task_label(self, plan_id: str, number: str, with_plan: bool = False) -> str:
        """A task's button: its number and the start of its title, after the plan when lists mix
        plans (named short, 'NT 2023', so the title still shows)."""
        plan = self.knowledge.plans.get(plan_id)
        task = next((t for t in plan.tasks if t.number == number), None) if plan else None
        label = f"{number} · {task.title}" if task else f"Nhiệm vụ {number}"
        return fit(f"{self.plan_tag(plan)} · {label}" if plan and with_plan else label)

    def plan_tag(self, plan: Plan) -> str:
        """A plan in a few letters: the province's initials and the years ('NT 2023', 'TB 2021–25'),
        or its full label when two loaded provinces share the initials."""
        initials = _initials(plan.province)
        if any(
            p.province != plan.province and _initials(p.province) == initials for p in self.knowledge.plans.values()
        ):
            return plan_label(plan)
        years = (
            str(plan.year_start) if plan.year_end == plan.year_start else f"{plan.year_start}–{plan.year_end % 100:02d}"
        )
        return f"{initials} {years}"

    def has_task(self, plan_id: str, number: str) -> bool:
        plan = self.knowledge.plans.get(plan_id)
        return plan is not None and any(t.number == number for t in plan.tasks)

    def has_group(self, plan_id: str, group: str) -> bool:
        plan = self.knowledge.plans.get(plan_id)
        return plan is not None and any(g.number == group for g in plan.groups)

    def has_agency(self, plan_id: str, slug: str) -> bool:
        """Whether the agency menu of the plan (/coquan) offers this agency."""
        return self.has_plan(plan_id) and any(item.id == slug for item in self.agencies(plan_id))

    def accepts(self, request: Request) -> bool:
        """Whether a request that came back with a button names only what the plans hold.

        Button data comes from the user's side: an outdated or forged button (an unknown plan,
        agency or group, a quarter 9) is refused here with a short reply, before it reaches the
        core, which expects the requests it builds itself and would answer with an error."""
        plans = {*request.plans, *(f.plan for f in request.figures if f.plan)}
        plans |= {i.partition(":")[0] for f in [request.filters, *(g.filters for g in request.figures)] for i in f.ids}
        if not all(self.has_plan(p) for p in plans):
            return False
        scope = [self.knowledge.plans[p] for p in sorted(plans)] or list(self.knowledge.plans.values())
        filters = [request.filters, *(f.filters for f in request.figures)]
        return all(self._known(f, scope) for f in filters) and all(self.accepts(a) for a in request.alternatives)

    def _known(self, filters: Filters, scope: list[Plan]) -> bool:
        if any(q not in (1, 2, 3, 4) for q in filters.quarters):
            return False
        if filters.agency is not None and not any(self._in_registry(plan, filters.agency) for plan in scope):
            return False
        return all(self.has_group(*group.partition(":")[::2]) for group in filters.groups)

    def _in_registry(self, plan: Plan, slug: str) -> bool:
        try:
            self.knowledge.agency(plan, slug)
        except KeyError:
            return False
        return True

    # ------------------------------------------------------------------ what a choice asks
    @staticmethod
    def task_request(plan_id: str, number: str, facet: str = "card") -> Request:
        """One task's card, or one facet of it."""
        return Request(
            items=Items.TASKS,
            plans=(plan_id,),
            explicit=True,
            filters=Filters(ids=(f"{plan_id}:{number}",)),
            show=(FACETS.get(facet, Field.CARD),),
        )

    def agency_request(self, plan_id: str, slug: str) -> Request:
        """The tasks an agency leads or joins; its duties when it has none."""
        plan = self.knowledge.plans[plan_id]
        if any(slug in t.lead or slug in t.cooperating for t in plan.tasks):
            return Request(
                items=Items.TASKS,
                op=Op.LIST,
                plans=(plan_id,),
                explicit=True,
                filters=Filters(agency=slug, role=Role.ANY),
            )
        return Request(
            items=Items.DUTIES, plans=(plan_id,), explicit=True, filters=Filters(agency=slug, role=Role.DUTY)
        )

    def agency_task_numbers(self, plan_id: str, slug: str) -> list[str]:
        plan = self.knowledge.plans[plan_id]
        return [t.number for t in plan.tasks if slug in t.lead or slug in t.cooperating]

    def has_quarters(self, plan_id: str) -> bool:
        return any(t.timeline and t.timeline.quarters for t in self.knowledge.plans[plan_id].tasks)

    @staticmethod
    def quarter_request(plan_id: str, quarter: int) -> Request:
        return Request(
            items=Items.TASKS,
            op=Op.LIST,
            plans=(plan_id,),
            explicit=True,
            filters=Filters(quarters=(quarter,)),
            show=(Field.TIME,),
        )

    @staticmethod
    def quarters_request(plan_id: str) -> Request:
        """The four quarters side by side: each one's tasks and this year's money (the /quy menu's last button)."""
        return Request(items=Items.QUARTERS, plans=(plan_id,), explicit=True, measure=Measure.ALLOCATION)

    @staticmethod
    def budget_request(*plan_ids: str) -> Request:
        """The budget summary of the plans (several are answered in one message, compared)."""
        return Request(items=Items.BUDGET, plans=plan_ids, explicit=True)

    @staticmethod
    def files_request(plan_ids: tuple[str, ...], field: Field) -> Request:
        return Request(items=Items.FILES, plans=plan_ids, explicit=True, show=(field,))
