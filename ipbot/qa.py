"""The question-answering core: a question (and the conversation so far) → an Answer.

No Telegram, no printing: front ends call :meth:`Answerer.answer` and render the
result. The flow is: understand the question (:mod:`ipbot.understand`), decide which
plans it is about (explicit province/year/number, then the conversation's plan, then
a unique match), find the task(s) it names, route to a handler by what it asks, and
fall back to quoting the passage that best explains the question. When nothing
explains enough of it, the answer says so and offers what it can answer.
"""

from __future__ import annotations

import logging
import re

from ipbot import phrases
from ipbot.answers import Answer, Context, Section, Suggestion
from ipbot.matching import Index, TaskRef
from ipbot.models import Plan
from ipbot.plan_answers import (
    budget_by_group,
    budget_by_source,
    budget_largest,
    document_info,
    passage_answer,
    plan_budget,
    plans_list,
    quarter_title,
    reporting,
    responsibilities,
    targets,
    task_list,
)
from ipbot.store import Knowledge
from ipbot.text import fold
from ipbot.task_answers import answer_about_tasks
from ipbot.turn import Turn
from ipbot.understand import CUES, Query, understand

__all__ = ["MAX_QUESTION", "Answerer"]

log = logging.getLogger(__name__)

MAX_QUESTION = 500
"""Characters of a question that are read; longer input is cut (and the user told)."""

TASK_MATCH = 0.55
"""Least share of the question a task must explain to be taken as the one meant."""
TIE = 0.06
MAX_TIED = 3
PASSAGE_MATCH = 0.6
SUGGEST = 0.3

_TASK_FACETS = ("lead", "coop", "time", "budget", "objective", "quantity", "training")


class Answerer:
    """Answers questions over one :class:`~ipbot.store.Knowledge` (built once, reused)."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.index = Index(knowledge)

    def answer(self, question: str, context: Context | None = None) -> Answer:
        """Answer one question; never raises, whatever the input."""
        context = context or Context()
        try:
            return self._answer(str(question), context)
        except Exception:  # the core must answer politely whatever happens
            log.exception("failed to answer %r", question[:200] if isinstance(question, str) else question)
            return Answer([Section([phrases.INTERNAL_ERROR])], False, "error", context=context)

    # ------------------------------------------------------------------ routing
    def _answer(self, question: str, context: Context) -> Answer:
        too_long = len(question) > MAX_QUESTION
        q = understand(self.index, question[:MAX_QUESTION])
        if not re.search(r"[a-z0-9]", q.folded):
            return Answer([Section([phrases.EMPTY])], False, "empty", context=context,
                          suggestions=[Suggestion(s, s) for s in phrases.HELP_EXAMPLES])
        answer = self._route(q, context)
        if too_long:
            answer.sections.insert(0, Section([phrases.TOO_LONG.format(limit=MAX_QUESTION)]))
        return answer

    def _route(self, q: Query, context: Context) -> Answer:
        small = self._small_talk(q, context)
        if small is not None:
            return small
        plans, explicit, missing = self._resolve_plans(q, context)
        turn = Turn(self.index, q, context, plans, explicit)
        if missing:
            return self._no_plan(turn, missing)
        if q.has("out_of_domain"):
            return self._not_found(turn)
        if q.has("plans") and not q.content_tokens:
            return plans_list(turn)
        self._find_tasks(turn)
        for handler in (self._document, self._reporting, self._targets, self._budget_views,
                        self._agency, self._quarter, self._task, self._topic, self._followup):
            answer = handler(turn)
            if answer is not None:
                return answer
        return self._search(turn)

    # ------------------------------------------------------------------ small talk
    def _small_talk(self, q: Query, context: Context) -> Answer | None:
        rest = fold(q.content)
        for cue in ("greeting", "thanks", "help"):
            rest = re.sub(CUES[cue], " ", rest)
        substantive = q.task_numbers or q.agencies or self.index.content_tokens(rest) or q.has(
            "lead", "coop", "budget", "time", "targets", "reporting", "document", "objective")
        if q.has("help") and not (q.task_numbers or q.agencies):
            lines = [phrases.HELP_INTRO, *[f"• {t}" for t in phrases.HELP_TOPICS]]
            lines += [f"Các kế hoạch: {', '.join(p.short_title for p in self.index.plans.values())}."]
            return Answer([Section(lines)], True, "help", context=context,
                          suggestions=[Suggestion(s, s) for s in phrases.HELP_EXAMPLES])
        if substantive:
            return None
        if q.has("thanks"):
            return Answer([Section([phrases.THANKS])], True, "thanks", context=context)
        if q.has("greeting"):
            lines = [phrases.GREETING, phrases.HELP_INTRO, *[f"• {t}" for t in phrases.HELP_TOPICS]]
            return Answer([Section(lines)], True, "greeting", context=context,
                          suggestions=[Suggestion(s, s) for s in phrases.HELP_EXAMPLES])
        return None

    # ------------------------------------------------------------------ plans
    def _resolve_plans(self, q: Query, context: Context) -> tuple[list[Plan], bool, str | None]:
        """(plans, explicit, what is missing): explicit selectors, then context, then all."""
        every = list(self.index.plans.values())
        cands = every
        explicit = False
        if q.provinces:
            cands = [p for p in cands if p.province_id in q.provinces]
            explicit = True
        if q.plan_numbers:
            numbered = [p for p in cands if p.number and p.number.split("/")[0].strip() in q.plan_numbers]
            if numbered:
                cands, explicit = numbered, True
        plan_years = [y for y in q.years if any(p.year_start <= y <= p.year_end for p in every)
                      or not any(y in (p.horizon, *(t.year for t in p.targets)) for p in every)]
        if plan_years:
            annual = [p for p in cands if p.year_start == p.year_end and p.year_start in plan_years]
            ranged = [p for p in cands if any(p.year_start <= y <= p.year_end for y in plan_years)]
            chosen = annual or ranged
            if not chosen:
                where = ", ".join(sorted({p.province for p in cands})) if q.provinces else "tỉnh nào"
                return cands, True, f"{where} năm {', '.join(map(str, plan_years))}"
            if annual and ranged and not q.provinces:
                chosen = annual
            cands, explicit = chosen, True
        if explicit:
            return cands, True, None
        for pid in (context.plan_id, context.default_plan_id):
            if pid and pid in self.index.plans:
                return [self.index.plans[pid]], False, None
        return every, False, None

    def _no_plan(self, turn: Turn, missing: str) -> Answer:
        have = ", ".join(p.short_title for p in self.index.plans.values())
        lines = [phrases.NO_PLAN_FOR.format(what=missing), phrases.AVAILABLE_PLANS.format(plans=have)]
        suggestions = [Suggestion(p.short_title, f"tổng kinh phí kế hoạch {p.province} {p.year_start}")
                       for p in self.index.plans.values()]
        return turn.reply("no_plan", [Section(lines)], False, plans=[], suggestions=suggestions)

    # ------------------------------------------------------------------ tasks
    def _find_tasks(self, turn: Turn) -> None:
        """Tasks the question names by number, by content, or (follow-up) from context."""
        q = turn.query
        plan_ids = [p.id for p in turn.plans]
        if q.task_numbers or q.group_numbers:
            refs = self.index.find_numbered_tasks(q.task_numbers + q.group_numbers, plan_ids)
            if not refs and not turn.explicit:
                refs = self.index.find_numbered_tasks(q.task_numbers + q.group_numbers, list(self.index.plans))
            if refs:
                self._narrow(turn, refs)
                turn.tasks, turn.task_how = refs, "number"
                return
        if q.content_tokens:
            hits = self._task_hits(turn, q.content, plan_ids)
            if hits:
                turn.tasks, turn.task_how = hits, "content"
                return
        ctx_tasks = [TaskRef(*t.split(":", 1)) for t in turn.context.task_ids if t.split(":", 1)[0] in plan_ids]
        if ctx_tasks and not q.content_tokens:
            turn.tasks, turn.task_how = ctx_tasks, "context"

    def _narrow(self, turn: Turn, refs: list[TaskRef]) -> None:
        turn.plans = [p for p in turn.plans if p.id in {r.plan_id for r in refs}] or turn.plans

    def _task_hits(self, turn: Turn, content: str, plan_ids: list[str]) -> list[TaskRef]:
        hits = self.index.rank_tasks(content, plan_ids)
        if (not hits or hits[0].score < TASK_MATCH) and not turn.explicit:
            hits = self.index.rank_tasks(content, list(self.index.plans))
        if not hits or hits[0].score < TASK_MATCH:
            return []
        top = hits[0].score
        tied = [h.item for h in hits if h.score >= top - TIE]
        if len(tied) > MAX_TIED:
            return []  # a topic shared by many tasks, not one task: lists handle it
        return [r for r in tied if isinstance(r, TaskRef)]

    # ------------------------------------------------------------------ handlers
    def _document(self, turn: Turn) -> Answer | None:
        q = turn.query
        if not q.has("document") or (turn.task_how == "number" and not q.has("document")):
            return None
        if turn.tasks and turn.task_how != "context" and q.has("time") and not re.search(r"ban hanh|ra doi|ky", q.folded):
            return None
        plans = self._plans_for(turn, lambda p: True)
        wants_decision = re.search(r"quyet dinh|\bqd\b|can cu|phe duyet", q.folded)
        if wants_decision and not turn.explicit:
            scored = []
            for plan in plans:
                texts = " ".join(r.text + " " + (r.issuer or "") for r in plan.implements)
                scored.append((self.index.coverage(self.index.query_grams(q.content)[1],
                                                   self.index.doc_grams(texts))[0], plan))
            best = max(s for s, _ in scored) if scored else 0
            plans = [p for s, p in scored if s >= best - 0.05] if best > 0 else plans
        return document_info(turn, plans)

    def _reporting(self, turn: Turn) -> Answer | None:
        if not turn.query.has("reporting"):
            return None
        if turn.tasks and turn.task_how == "number":
            return None
        return reporting(turn, turn.plans)

    def _targets(self, turn: Turn) -> Answer | None:
        q = turn.query
        follow = turn.context.intent == "targets" and not turn.explicit and not q.task_numbers and (
            q.has("compare") or (q.years and not q.content_tokens))
        asks = q.has("targets") or (q.has("objective") and not turn.tasks and any(y in (2025, 2030) for y in q.years))
        if q.has("statistics") and not asks and q.content_tokens:
            hits = self.index.rank_passages(q.content, [p.id for p in turn.plans], kinds=["target"])
            asks = bool(hits) and hits[0].score >= PASSAGE_MATCH
        if not (asks or follow) or turn.task_how == "number":
            return None
        if turn.tasks and turn.task_how == "content" and q.has("quantity"):
            return None
        plans = [p for p in turn.plans if p.targets]
        if not plans:
            if turn.tasks:
                return None
            return turn.reply("targets", [Section([f"{', '.join(p.short_title for p in turn.plans)} không có mục chỉ tiêu "
                                                   "định lượng riêng; số lượng được ghi trong từng nhiệm vụ."])],
                              False)
        years = [y for y in q.years if any(t.year == y for p in plans for t in p.targets)]
        stray = [y for y in q.years if y not in years and not any(p.year_start == p.year_end == y for p in plans)]
        if stray and (q.has("statistics") or q.has("quantity")):
            have = sorted({t.year for p in plans for t in p.targets})
            lines = [f"Kế hoạch không có số liệu thống kê hay chỉ tiêu cho năm {', '.join(map(str, stray))}; "
                     f"chỉ đặt chỉ tiêu đến năm {' và '.join(map(str, have))}."]
            return turn.reply("targets", [Section(lines)], False, plans=plans)
        return targets(turn, plans, years)

    def _budget_views(self, turn: Turn) -> Answer | None:
        q = turn.query
        if q.has("in_words", "amount") and not turn.tasks:
            return plan_budget(turn, turn.plans)
        if not q.has("budget"):
            return None
        if q.sources and (q.has("list") or not turn.tasks):
            return budget_by_source(turn, turn.plans)
        if q.has("largest"):
            return budget_largest(turn, turn.plans)
        if q.has("by_group"):
            return budget_by_group(turn, turn.plans)
        if turn.tasks and not q.has("compare"):
            return None
        if q.agencies and q.has("list"):
            return None
        plans = turn.plans
        return plan_budget(turn, plans)

    def _agency(self, turn: Turn) -> Answer | None:
        q = turn.query
        if not q.agencies:
            return None
        role_cue = q.has("lead", "coop") or re.search(r"tham gia|phu trach", q.folded)
        strong_task = turn.tasks and turn.task_how == "number"
        if strong_task:
            return None
        if q.has("responsibility") and not re.search(r"chu tri|phu trach chinh", q.folded) or (
            not role_cue and not q.has("list") and not turn.tasks
        ):
            if any(r for p in turn.plans for r in p.responsibilities if set(q.agencies) & set(r.agencies)):
                return responsibilities(turn, turn.plans, q.agencies)
        if role_cue or q.has("list"):
            return self._tasks_of_agency(turn)
        return None

    def _tasks_of_agency(self, turn: Turn) -> Answer:
        q = turn.query
        lead = bool(re.search(r"chu tri|phu trach|dung ra|dau moi|cam dau", q.folded))
        coop = bool(re.search(r"phoi hop|ho tro", q.folded))
        role = "lead" if lead and not coop else "coop" if coop and not lead else "any"
        slug = q.agencies[0]
        refs = []
        for plan in turn.plans:
            for task in plan.tasks:
                roles = (task.lead if role in ("lead", "any") else []) + (task.cooperating if role in ("coop", "any") else [])
                if slug in roles and self._task_passes(turn, task):
                    refs.append(TaskRef(plan.id, task.number))
        name = self._agency_name(turn, slug)
        what = {"lead": "chủ trì", "coop": "phối hợp", "any": "chủ trì hoặc phối hợp"}[role]
        title = f"Nhiệm vụ {name} {what}"
        if q.quarters:
            title += f" trong {quarter_title(q.quarters).split(' trong ', 1)[1]}"
        if not refs:
            has_roles = any(t.lead or t.cooperating for p in turn.plans for t in p.tasks)
            if not has_roles:
                resp = responsibilities(turn, turn.plans, q.agencies)
                if resp.answered:
                    return resp
            lines = [f"Không có nhiệm vụ nào {name} {what}"
                     + (f" trong {quarter_title(q.quarters).split(' trong ', 1)[1]}" if q.quarters else "")
                     + f" trong {', '.join(p.short_title for p in turn.plans)}."]
            return turn.reply("tasks_by_agency", [Section(lines)], False, agencies=[slug])
        return task_list(turn, turn.plans, refs, title, "tasks_by_agency", agencies=[slug])

    def _agency_name(self, turn: Turn, slug: str) -> str:
        for plan in turn.plans or self.index.plans.values():
            try:
                return self.knowledge.agency(plan, slug).name
            except KeyError:
                continue
        return slug

    def _task_passes(self, turn: Turn, task) -> bool:
        """Quarter and topic filters for list questions."""
        q = turn.query
        if q.quarters:
            tl = task.timeline
            if tl is None or not set(q.quarters) & set(tl.quarters):
                return False
        if q.has("whole_year"):
            if task.timeline is None or not task.timeline.whole_year:
                return False
        if q.content_tokens:
            score = self.index.coverage(self.index.query_grams(q.content)[1],
                                        self.index.doc_grams(_task_words(task)))[0]
            if score <= 0:
                return False
        return True

    def _quarter(self, turn: Turn) -> Answer | None:
        q = turn.query
        if not (q.quarters or (q.has("whole_year") and q.has("list"))):
            return None
        if turn.tasks and turn.task_how in ("number",) :
            return None
        if turn.tasks and turn.task_how == "content" and not q.has("list"):
            return None
        plans = [p for p in turn.plans if any(t.timeline for t in p.tasks)]
        if not plans:
            names = ", ".join(p.short_title for p in turn.plans)
            lines = [f"{names} không chia nhiệm vụ theo quý (không nêu thời gian từng nhiệm vụ)."]
            return turn.reply("tasks_by_quarter", [Section(lines)], False)
        refs = [TaskRef(p.id, t.number) for p in plans for t in p.tasks if self._task_passes(turn, t)]
        title = quarter_title(q.quarters) if q.quarters else "Nhiệm vụ thực hiện cả năm (không gắn với quý)"
        extra: dict[str, list[str]] = {}
        if q.quarters:
            for p in plans:
                whole = [t for t in p.tasks if t.timeline and t.timeline.whole_year and self._passes_topic(turn, t)]
                if whole:
                    extra[p.id] = [f"Thực hiện cả năm: " + "; ".join(f"{t.number}" for t in whole) + "."]
        return task_list(turn, plans, refs, title, "tasks_by_quarter", extra=extra)

    def _passes_topic(self, turn: Turn, task) -> bool:
        q = turn.query
        if not q.content_tokens:
            return True
        return self.index.coverage(self.index.query_grams(q.content)[1],
                                   self.index.doc_grams(_task_words(task)))[0] > 0

    def _task(self, turn: Turn) -> Answer | None:
        if not turn.tasks:
            return None
        q = turn.query
        if turn.task_how == "content" and len(turn.tasks) > 3:
            return None
        if turn.task_how == "content" and q.has("list", "topic") and not q.has(*_TASK_FACETS):
            return None
        facets = [f for f in _TASK_FACETS if q.has(f)]
        if "training" in facets:
            facets = ["training"]
        if "quantity" in facets and "budget" in facets:
            facets.remove("quantity")
        if "objective" in facets and "content" in q.cues and "training" not in facets:
            pass
        if not facets and turn.task_how == "context":
            if q.has("content") or q.has("objective"):
                facets = ["card"]
            elif turn.context.intent in ("lead_agency", "cooperating_agencies", "timeline", "budget", "objective"):
                return None
            else:
                facets = ["card"]
        facets = facets or ["card"]
        return answer_about_tasks(turn, facets, turn.tasks)

    def _topic(self, turn: Turn) -> Answer | None:
        """'Nhiệm vụ nào liên quan đến OCOP?': every task whose text covers the topic."""
        q = turn.query
        if not q.content_tokens:
            return None
        hits = self.index.rank_tasks(q.content, [p.id for p in turn.plans])
        good = [h for h in hits if h.score >= 0.75]
        if not good or not (q.has("list", "topic") or len(good) > 3):
            return None
        refs = [h.item for h in good if isinstance(h.item, TaskRef)]
        plans = [p for p in turn.plans if any(r.plan_id == p.id for r in refs)]
        refs.sort(key=lambda r: (list(self.index.plans).index(r.plan_id), _order(self.index, r)))
        return task_list(turn, plans, refs, "Nhiệm vụ liên quan", "search")

    def _followup(self, turn: Turn) -> Answer | None:
        """A bare follow-up ("còn năm 2022 thì sao?") repeats the last intent with new entities."""
        q = turn.query
        ctx = turn.context
        if not ctx.intent or q.content_tokens:
            return None
        if ctx.intent == "plan_budget" and turn.explicit:
            return plan_budget(turn, turn.plans)
        if ctx.intent == "document" and turn.explicit:
            return document_info(turn, turn.plans)
        if ctx.intent == "targets":
            return targets(turn, [p for p in turn.plans if p.targets], q.years)
        return None

    def _search(self, turn: Turn) -> Answer:
        """Quote the passage that explains the question best, or say nothing fits."""
        q = turn.query
        if q.content_tokens:
            hits = self.index.rank_passages(q.content, [p.id for p in turn.plans])
            if hits and hits[0].score >= PASSAGE_MATCH:
                top = hits[0].score
                chosen = [h.item for h in hits if h.score >= top - 0.02][:2]
                return passage_answer(turn, [c for c in chosen if not isinstance(c, TaskRef)])
        return self._not_found(turn)

    def _not_found(self, turn: Turn) -> Answer:
        q = turn.query
        suggestions: list[Suggestion] = []
        if q.content_tokens and not q.has("out_of_domain"):
            for hit in self.index.rank_tasks(q.content)[:3]:
                if hit.score >= SUGGEST and isinstance(hit.item, TaskRef):
                    task = self.index.tasks[hit.item.id]
                    plan = self.index.plans[hit.item.plan_id]
                    suggestions.append(Suggestion(f"{task.title} ({plan.short_title})",
                                                  f"chi tiết nhiệm vụ {task.number} {_plan_words(plan)}"))
        lines = [phrases.NOT_UNDERSTOOD, phrases.NOT_UNDERSTOOD_HINT]
        if suggestions:
            lines.append(phrases.DID_YOU_MEAN + " " + "; ".join(s.label for s in suggestions))
        else:
            suggestions = [Suggestion(s, s) for s in phrases.HELP_EXAMPLES]
        return turn.reply("not_found", [Section(lines)], False, plans=[], suggestions=suggestions)

    def _plans_for(self, turn: Turn, keep) -> list[Plan]:
        return [p for p in turn.plans if keep(p)] or turn.plans


def _plan_words(plan: Plan) -> str:
    return f"năm {plan.year_start} {plan.province}" if plan.year_start == plan.year_end else plan.province


def _task_words(task) -> str:
    return " ".join([task.title, task.content, task.objective or "", " ".join(task.topics)])


def _order(index: Index, ref: TaskRef) -> int:
    numbers = [t.number for t in index.plans[ref.plan_id].tasks]
    return numbers.index(ref.number)
