"""One question being answered: the parsed query, the plans in play, the context.

Handlers in :mod:`ipbot.task_answers` and :mod:`ipbot.plan_answers` receive a
:class:`Turn` and return an :class:`~ipbot.answers.Answer`; the helpers here keep the
way answers are assembled (sources, context updates) in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ipbot.answers import Answer, Context, Section, Suggestion
from ipbot.plans.models import Plan, Task
from ipbot.plans.store import Knowledge
from ipbot.reading.index import Index, TaskRef
from ipbot.reading.parse import Query

__all__ = ["Turn"]


@dataclass
class Turn:
    index: Index
    query: Query
    context: Context
    plans: list[Plan]
    explicit: bool  # the question itself names the plan (province, year, number)
    tasks: list[TaskRef] = field(default_factory=list)
    task_how: str = ""  # "number", "content", "context", "analog", "no_analog"
    elsewhere: list[TaskRef] = field(default_factory=list)  # the task asked for, found in another plan
    unknown_words: list[str] = field(default_factory=list)  # words the plans never use

    @property
    def knowledge(self) -> Knowledge:
        return self.index.knowledge

    def task(self, ref: TaskRef) -> Task:
        return self.index.tasks[ref.id]

    def plan(self, plan_id: str) -> Plan:
        return self.index.plans[plan_id]

    def reply(
        self,
        intent: str,
        sections: list[Section],
        answered: bool,
        *,
        plans: list[Plan] | None = None,
        tasks: list[TaskRef] | None = None,
        agencies: list[str] | None = None,
        suggestions: list[Suggestion] | None = None,
        year: int | None = None,
    ) -> Answer:
        """Build the answer and the context the next turn will see."""
        plans = plans if plans is not None else self.plans
        tasks = tasks if tasks is not None else []
        plan_ids = [p.id for p in plans]
        ctx = self.context.model_copy()
        if len(plan_ids) == 1:
            ctx.plan_id = plan_ids[0]
        if tasks:
            ctx.task_ids = [t.id for t in tasks]
        elif plans and ctx.task_ids and not any(t.split(":")[0] in plan_ids for t in ctx.task_ids):
            ctx.task_ids = []
        if agencies:
            ctx.agency = agencies[0]
        if intent not in ("greeting", "thanks", "help", "not_found", "empty"):
            ctx.intent = intent
        if year is not None:
            ctx.year = year
        return Answer(
            sections=sections,
            answered=answered,
            intent=intent,
            plan_ids=plan_ids,
            task_ids=[t.id for t in tasks],
            agency_ids=list(agencies or []),
            suggestions=list(suggestions or []),
            context=ctx,
        )
