"""Browsing the plans without typing: what menus and buttons show.

The Telegram commands (/nhiemvu, /coquan, /quy, /kinhphi, /timkiem) and the task-card
buttons call these, so the logic lives in the core and the front end only renders.
Everything returns plain data or an :class:`~ipbot.answers.Answer`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipbot.answers import Answer, Context, Section
from ipbot.describe import task_heading, task_source
from ipbot.plan_answers import plan_budget, responsibilities, task_list
from ipbot.qa import Answerer
from ipbot.reading.index import TaskRef
from ipbot.reading.parse import understand
from ipbot.task_answers import TASK_INTENTS, answer_about_tasks
from ipbot.turn import Turn

__all__ = ["FACETS", "Browser", "Item"]

FACETS = ("card", "lead", "coop", "budget", "objective", "time", "source")


@dataclass(frozen=True)
class Item:
    """A menu entry: an id to act on, a label to show, how many tasks it holds."""

    id: str
    label: str
    count: int = 0


class Browser:
    """Menu data and direct look-ups over the same knowledge as the answerer."""

    def __init__(self, answerer: Answerer) -> None:
        self.answerer = answerer
        self.index = answerer.index

    def _turn(self, plan_ids: list[str], text: str = "") -> Turn:
        plans = [self.index.plans[p] for p in plan_ids if p in self.index.plans]
        return Turn(self.index, understand(self.index, text), Context(), plans, explicit=True)

    def plans(self) -> list[Item]:
        return [Item(p.id, p.short_title, len(p.tasks)) for p in self.index.plans.values()]

    def has_plan(self, plan_id: str) -> bool:
        return plan_id in self.index.plans

    def groups(self, plan_id: str) -> list[Item]:
        plan = self.index.plans[plan_id]
        return [Item(g.number, g.title, sum(t.group == g.number for t in plan.tasks)) for g in plan.groups]

    def tasks(self, plan_id: str, group: str | None = None) -> list[Item]:
        plan = self.index.plans[plan_id]
        return [Item(t.number, f"{t.number} — {t.title}") for t in plan.tasks if group is None or t.group == group]

    def agencies(self, plan_id: str) -> list[Item]:
        """Agencies that lead or join a task, most tasks first; else those with duties."""
        plan = self.index.plans[plan_id]
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
            agency = self.answerer.knowledge.agency(plan, slug)
            if agency.scope != "generic":
                items.append(Item(slug, agency.short or agency.name, n))
        return sorted(items, key=lambda i: (-i.count, i.label))

    def task_facet(self, plan_id: str, number: str, facet: str) -> Answer | None:
        """One task's card, or one facet of it (lead, coop, budget, objective, time, source)."""
        plan = self.index.plans.get(plan_id)
        task = next((t for t in plan.tasks if t.number == number), None) if plan else None
        if plan is None or task is None:
            return None
        turn = self._turn([plan_id])
        ref = TaskRef(plan_id, number)
        if facet == "source":
            lines = [f"«{task.content}»"]
            if task.objective:
                lines.append(f"Mục tiêu: «{task.objective}»")
            section = Section(lines, f"{task_heading(task)} — trích văn bản", task_source(plan, task, table=True))
            return turn.reply("source", [section], True, plans=[plan], tasks=[ref])
        if facet not in TASK_INTENTS:
            facet = "card"
        return answer_about_tasks(turn, [facet], [ref])

    def agency_tasks(self, plan_id: str, slug: str) -> tuple[Answer, list[str]]:
        """The tasks an agency leads or joins (numbers too, for buttons); its duties when it has none."""
        plan = self.index.plans[plan_id]
        refs = [TaskRef(plan_id, t.number) for t in plan.tasks if slug in t.lead or slug in t.cooperating]
        name = self.answerer.knowledge.agency(plan, slug).name
        turn = self._turn([plan_id])
        if not refs:
            return responsibilities(turn, [plan], [slug]), []
        answer = task_list(
            turn, [plan], refs, f"Nhiệm vụ {name} chủ trì hoặc phối hợp", "tasks_by_agency", agencies=[slug]
        )
        return answer, [r.number for r in refs]

    def quarter_tasks(self, plan_id: str, quarter: int) -> Answer:
        return self.answerer.answer(f"quý {quarter} có những nhiệm vụ nào", Context(plan_id=plan_id))

    def budget(self, plan_id: str) -> Answer:
        return plan_budget(self._turn([plan_id], "tổng kinh phí bao nhiêu"), [self.index.plans[plan_id]])

    def search(self, keyword: str, plan_id: str | None = None) -> Answer:
        """Tasks whose text covers the keyword (folded, typo-tolerant), across plans unless one is chosen."""
        plan_ids = [plan_id] if plan_id else list(self.index.plans)
        hits = [h for h in self.index.rank_tasks(keyword, plan_ids) if h.score >= 0.5]
        turn = self._turn(plan_ids, keyword)
        refs = [h.item for h in hits[:15] if isinstance(h.item, TaskRef)]
        if not refs:
            return self.answerer.answer(keyword, Context(plan_id=plan_id))
        plans = [self.index.plans[p] for p in plan_ids]
        return task_list(turn, plans, refs, f"Kết quả tìm «{keyword}»", "search")
