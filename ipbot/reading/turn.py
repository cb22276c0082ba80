"""One message being read: the parsed query, the plans in play, what it names."""

from __future__ import annotations

from dataclasses import dataclass, field

from ipbot.answers import Context
from ipbot.plans.models import Plan
from ipbot.reading.index import TaskRef
from ipbot.reading.parse import Query
from ipbot.requests import Field, Items, Op, Request

__all__ = ["FIELD_OF_CUE", "STRONG_MATCH", "TASK_FACETS", "Turn"]

FIELD_OF_CUE = {
    "lead": Field.LEAD,
    "coop": Field.COOPERATING,
    "time": Field.TIME,
    "budget": Field.BUDGET,
    "objective": Field.OBJECTIVE,
    "quantity": Field.QUANTITY,
    "training": Field.TRAINING,
    "notes": Field.NOTES,
    "group_of": Field.GROUP,
    "unstated_detail": Field.DETAIL,
    "unstated_names": Field.DETAIL,
}
"""The parts of one task a question cue asks for (facets.yaml names the cues)."""
TASK_FACETS = tuple(FIELD_OF_CUE)

STRONG_MATCH = 0.7
"""Share of the question a task's words must explain for the question to be about that one task."""


@dataclass
class Turn:
    """One message being read: the parsed query, the plans in play, what it names."""

    query: Query
    context: Context
    plans: list[Plan]
    explicit: bool  # the message itself names the plan (province, year, number)
    asked_plans: list[Plan] = field(
        default_factory=list
    )  # the plans as the message named them, before tasks narrowed them
    tasks: list[TaskRef] = field(default_factory=list)
    task_how: str = ""  # "number", "content", "context", "analog", "no_analog"
    elsewhere: list[TaskRef] = field(default_factory=list)  # the task asked for, found in another plan
    unknown_words: list[str] = field(default_factory=list)  # words the plans never use
    named_one_by_one: bool = False  # the tasks were listed by name ("ba lớp (lớp A, lớp B, lớp C)")
    groups_named: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)  # by the plans in play

    @property
    def plan_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.plans)

    def request(self, items: Items, op: Op = Op.LOOKUP, plans: list[Plan] | None = None, **kw: object) -> Request:
        """A request over this turn's plans (or the ones given)."""
        chosen = plans if plans is not None else self.plans
        return Request(items=items, op=op, plans=tuple(p.id for p in chosen), explicit=self.explicit, **kw)
