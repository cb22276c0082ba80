"""Answering: typed requests in, answers out, by SQL over the plan database.

One module per family of requests; :class:`Answerer` picks the family by the request's
items and operation. Nothing here sees the words the user typed: what to select, show
and compute arrives in the :class:`~ipbot.requests.Request`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from ipbot import phrases
from ipbot.answering import citations, document, lists, many, money, quarters, support, talk, tasks
from ipbot.answering.common import Reach, reply
from ipbot.answers import Answer, Section
from ipbot.plans.db import PlanDB
from ipbot.requests import Items, Measure, Op, Request

__all__ = ["Answerer"]

log = logging.getLogger(__name__)

Family = Callable[[PlanDB, Request], Answer]

_BY_OP: dict[tuple[Items, Op], Family] = {
    (Items.TASKS, Op.LOOKUP): tasks.lookup_tasks,
    (Items.TASKS, Op.LIST): lists.list_tasks,
    (Items.TASKS, Op.COUNT): lists.count_tasks,
    (Items.TASKS, Op.COMPARE): lists.compare_tasks,
    (Items.TASKS, Op.SUM): money.sum_rows,
    (Items.TASKS, Op.MAX): money.largest,
    (Items.TASKS, Op.MIN): money.largest,
    (Items.TASKS, Op.SHARE): money.share,
    (Items.TASKS, Op.DIFFERENCE): money.difference,
    (Items.SOURCES, Op.MAX): money.largest_source,
    (Items.SOURCES, Op.MIN): money.largest_source,
    (Items.SOURCES, Op.SHARE): money.share,
    (Items.SOURCES, Op.DIFFERENCE): money.difference,
    (Items.BUDGET, Op.SHARE): money.share,
    (Items.BUDGET, Op.SUM): money.stated_sum,
    (Items.BUDGET, Op.DIFFERENCE): money.difference,
    (Items.BUDGET, Op.MAX): money.rank_plans,
    (Items.BUDGET, Op.MIN): money.rank_plans,
    (Items.GROUPS, Op.SUM): money.by_group,
    (Items.GROUPS, Op.MAX): lists.list_groups,
    (Items.GROUPS, Op.MIN): lists.list_groups,
    (Items.AGENCIES, Op.COUNT): lists.count_agencies,
    (Items.AGENCIES, Op.MAX): lists.rank_agencies,
    (Items.AGENCIES, Op.MIN): lists.rank_agencies,
    (Items.DUTIES, Op.COUNT): lists.count_duties,
    (Items.TARGETS, Op.COUNT): lists.count_targets,
    (Items.TARGETS, Op.DIFFERENCE): document.target_difference,
    (Items.OBJECTIVES, Op.COMPARE): document.compare_objectives,
}
_BY_MEASURE: dict[tuple[Items, Op, Measure], Family] = {
    (Items.TASKS, Op.SUM, Measure.QUANTITY): lists.sum_quantities,
    (Items.TASKS, Op.SUM, Measure.DURATION): lists.sum_durations,
    (Items.TASKS, Op.MAX, Measure.DURATION): lists.by_duration,
    (Items.TASKS, Op.MIN, Measure.DURATION): lists.by_duration,
    (Items.TASKS, Op.MAX, Measure.START): lists.by_start,
    (Items.TASKS, Op.MIN, Measure.START): lists.by_start,
}
_BY_ITEMS: dict[Items, Family] = {
    Items.TASKS: lists.list_tasks,
    Items.AGENCIES: lists.list_agencies,
    Items.GROUPS: lists.list_groups,
    Items.QUARTERS: quarters.by_quarter,
    Items.BUDGET: money.plan_budget,
    Items.SOURCES: money.source_tasks,
    Items.DOCUMENT: document.document,
    Items.CITATIONS: citations.citations,
    Items.OBJECTIVES: document.objectives,
    Items.TARGETS: document.targets,
    Items.DUTIES: document.duties,
    Items.REPORTING: document.reporting,
    Items.RECIPIENTS: document.recipients,
    Items.PASSAGES: document.passages,
    Items.DISCREPANCIES: document.discrepancies,
    Items.PLANS: document.plans_list,
    Items.FILES: document.files,
    Items.SUPPORT: support.support,
    Items.CONTACTS: support.contacts,
    Items.TALK: talk.talk,
    Items.NOTHING: talk.nothing,
}


_REACH: dict[Family, Callable[[PlanDB, Request], Reach | None]] = {
    tasks.lookup_tasks: tasks.lookup_tasks_reach,
    lists.list_tasks: lists.list_tasks_reach,
    lists.list_groups: lists.list_groups_reach,
    quarters.by_quarter: quarters.by_quarter_reach,
    lists.count_tasks: lists.count_tasks_reach,
    lists.sum_quantities: lists.sum_quantities_reach,
    lists.by_start: lists.by_start_reach,
    lists.count_agencies: lists.count_agencies_reach,
    money.sum_rows: money.with_rows_reach,
    money.largest: money.with_rows_reach,
    money.by_group: money.with_rows_reach,
    money.source_tasks: money.source_tasks_reach,
    money.plan_budget: money.plan_budget_reach,
    document.targets: document.targets_reach,
    document.duties: document.duties_reach,
    document.objectives: document.objectives_reach,
    document.recipients: document.recipients_reach,
    lists.list_agencies: lists.list_agencies_reach,
}
"""For the families whose answer over many plans is costly to build: what it would be about, from the
tables alone. Past :data:`~ipbot.answering.many.MAX_PLANS` plans only a summary is shown, and it needs no
more than that (with every province's plans, building each plan's part first took up to seconds)."""


class Answerer:
    """Serves requests over one plan database (opened once, read-only)."""

    def __init__(self, db: PlanDB) -> None:
        self.db = db

    def answer(self, request: Request) -> Answer:
        """Answer one request; never raises."""
        try:
            return self._answer(request)
        except Exception:  # the core must answer politely whatever happens
            log.exception("failed to answer %s", request.pack()[:300])
            return reply(request, [Section([phrases.INTERNAL_ERROR])], False, intent="error")

    def _known(self, request: Request) -> Request:
        """The request without the plans the database does not have (a button from before a reload)."""
        known = self.db.known_plans
        unknown = [p for p in request.plans if p not in known]
        return request.but(plans=tuple(p for p in request.plans if p in known)) if unknown else request

    @staticmethod
    def _family(request: Request) -> Family:
        return (_BY_MEASURE.get((request.items, request.op, request.measure)) if request.measure else None) or (
            _BY_OP.get((request.items, request.op)) or _BY_ITEMS[request.items]
        )

    def _answer(self, request: Request) -> Answer:
        request = self._known(request)
        answer = self._family(request)(self.db, request)
        if request.reason is not None and request.items not in (Items.NOTHING, Items.CONTACTS):
            # asked for something the plans do not state: say so, then what they do state
            answer.sections.insert(0, Section([talk.reason_line(self.db, request)]))
            answer.answered = False
        elif request.instead_of and answer.answered:
            # the conversation's plan has nothing on it and another plan has: say so before that plan's answer
            asked = ", ".join(self.db.plan(p).short_title for p in request.instead_of if p in self.db.known_plans)
            found = ", ".join(self.db.plan(p).short_title for p in dict.fromkeys(answer.plan_ids))
            if asked and found:
                answer.sections.insert(0, Section([phrases.INSTEAD_OF.format(asked=asked, found=found)]))
        return answer

    def _beyond_one_answer(self, request: Request) -> Answer | None:
        """What a summary needs of the answer (its plans, whether it answers, its intent) when it would be
        about more plans than one answer shows, without building it; None when it would not be, or when
        only building it tells."""
        if request.reason is not None or len(request.plans or self.db.plan_ids) <= many.MAX_PLANS:
            return None  # a few plans (always so with the three real ones): the answer itself
        request = self._known(request)
        reach = self._reach(request)
        if reach is None or len(dict.fromkeys(reach[0])) <= many.MAX_PLANS:
            return None
        plans, answered = reach
        return reply(request, [], answered, plans=plans)

    def _reach(self, request: Request) -> Reach | None:
        """The plans a request's answer would be about and whether it answers, without building it; None when
        its family cannot tell, or the probe fails (the answer itself then says what went wrong)."""
        probe = _REACH.get(self._family(request))
        try:
            return probe(self.db, request) if probe is not None else None
        except Exception:
            log.exception("failed to size up %s", request.pack()[:300])
            return None

    def _in_force(self, request: Request, answer: Answer) -> Answer:
        """A request the message named no plan for, that plans of several cycles answer: the latest cycle's
        plans answer it, and the earlier ones are counted (see :func:`~ipbot.answering.many.latest_cycle`)."""
        if request.explicit or request.reason is not None or len(answer.plan_ids) <= many.MAX_PLANS:
            return answer
        latest = many.latest_cycle(self.db, answer.plan_ids)
        if not latest or len(latest) == len(answer.plan_ids):
            return answer
        narrowed = request.but(plans=tuple(latest))
        found = self._beyond_one_answer(narrowed) or self.answer(narrowed)
        if not found.answered:
            return answer
        return many.earlier(self.db, found, [p for p in answer.plan_ids if p not in latest])

    def _summary_only(self, requests: Sequence[Request]) -> Answer | None:
        """The summary a message's requests end in when together they are about more plans than one answer
        shows (one count per plan of every province: 300 requests), worked out from each request's reach
        without building its answer; None when one of them must be built to tell.

        A summary shows only the answers' plans, whether one answers and the first answering one's intent,
        which the reaches give: building the 300 answers first took half a second to show none of them."""
        light: list[Answer] = []
        for request in requests:
            if request.reason is not None or request.items is Items.PASSAGES:
                return None  # a reason line changes what answers; passages may be left out (_quotes_that_fit)
            known = self._known(request)
            reach = self._reach(known)
            if reach is None:
                return None
            if len(dict.fromkeys(reach[0])) > many.MAX_PLANS:  # as answer_all does it (it may be narrowed)
                light.append(self._in_force(request, self._beyond_one_answer(request) or self.answer(request)))
            else:
                light.append(reply(known, [], reach[1], plans=reach[0]))
        plans = [p for p in dict.fromkeys(p for a in light for p in a.plan_ids) if p in self.db.known_plans]
        if len(plans) <= many.MAX_PLANS:
            return None
        first = next((a for a in light if a.answered), light[0])
        answered = any(a.answered for a in light)
        return many.summary(self.db, requests, plans, Answer([], answered, first.intent, plan_ids=plans))

    def answer_all(self, requests: Sequence[Request]) -> Answer:
        """Several requests from one message, answered in order as one answer."""
        asked = dict.fromkeys(p for r in requests for p in (r.plans or self.db.plan_ids))
        if len(requests) > 1 and len(asked) > many.MAX_PLANS:  # (never so with the three real plans)
            summarised = self._summary_only(requests)
            if summarised is not None:
                return summarised
        answers = [self._in_force(r, self._beyond_one_answer(r) or self.answer(r)) for r in requests]
        answers = _quotes_that_fit(requests, answers)
        if len(answers) == 1:
            return many.fit(self.db, requests, answers[0])
        first = next((a for a in answers if a.answered), answers[0])
        every = [s for a in answers for s in a.sections]
        combined = Answer(
            # two questions of a message answered by the same passage ("vai trò của Sở GD&ĐT …? được giao cùng
            # với sở nào?"): it is shown once
            # (the same lines in another order too: "… là cho năm nào? đến 2030 là bn?" ranked one milestone's
            # targets twice)
            sections=[s for i, s in enumerate(every) if _said(s) not in {_said(t) for t in every[:i]}],
            answered=any(a.answered for a in answers),
            intent=first.intent,
            plan_ids=list(dict.fromkeys(p for a in answers for p in a.plan_ids)),
            task_ids=list(dict.fromkeys(t for a in answers for t in a.task_ids)),
            agency_ids=list(dict.fromkeys(x for a in answers for x in a.agency_ids)),
            # "… mấy lớp? Mỗi lớp bao nhiêu tiền?" then "cộng 3 lớp đó lại": the last list the message showed
            # (the longest: "mấy lớp? lớp nào nhiều tiền nhất?" then "cộng mấy lớp đó lại" adds up the classes)
            listed=max((a.listed for a in reversed(answers)), key=len, default=[]),
            suggestions=[s for a in answers for s in a.suggestions][:4],
            attachments=[x for a in answers for x in a.attachments],
        )
        return many.fit(self.db, requests, combined)


def _said(section: Section) -> tuple[str | None, frozenset[str], str | None]:
    """What a section says, whatever the order of its lines."""
    return section.title, frozenset(section.lines), section.source


def _quotes_that_fit(requests: Sequence[Request], answers: list[Answer]) -> list[Answer]:
    """The answers, less the passages quoted past one message: reading gives several passages, best ranked
    first, when it cannot tell which one a question means (six duty entries of 700 characters did not fit).
    The question's other answers are all kept, whatever their length, and at least one passage."""
    quoted = [r.items is Items.PASSAGES for r in requests]
    room = many.MESSAGE_LIMIT - many.ROOM_AROUND
    room -= sum(many.size(s) for a, q in zip(answers, quoted, strict=True) if not q for s in a.sections)
    kept: list[Answer] = []
    first = True
    for answer, quote in zip(answers, quoted, strict=True):
        if quote:
            more = sum(many.size(s) for s in answer.sections)
            if not first and more > room:
                continue
            room -= more
            first = False
        kept.append(answer)
    return kept
