"""The question-answering core: a question (and the conversation so far) → an Answer.

No Telegram, no printing: front ends call :meth:`Answerer.answer` and render the
result. The flow is: understand the question (:mod:`ipbot.reading.parse`), decide which
plans it is about (explicit province/year/number, then the conversation's plan, then
every plan), find the task(s) it names, route to a handler by what it asks, and fall
back to quoting the passage that best explains the question. When nothing explains
enough of it, the answer says so and offers what it can answer.
"""

from __future__ import annotations

import logging
import re
from contextvars import ContextVar

from ipbot import phrases
from ipbot.answers import Answer, Context, Section, Suggestion
from ipbot.describe import agency_name
from ipbot.plan_answers import (
    budget_by_group,
    budget_by_source,
    budget_largest,
    document_info,
    files_answer,
    passage_answer,
    plan_budget,
    plan_objectives,
    plans_list,
    quarter_title,
    recipients,
    reporting,
    responsibilities,
    targets,
    task_list,
)
from ipbot.plans.models import Plan, Task
from ipbot.plans.store import Knowledge
from ipbot.reading.index import Hit, Index, Passage, TaskRef, task_text
from ipbot.reading.parse import CUE_RE, Query, understand
from ipbot.reading.places import provinces_in
from ipbot.task_answers import answer_about_tasks
from ipbot.text import fold
from ipbot.turn import Turn

__all__ = ["MAX_QUESTION", "Answerer"]

log = logging.getLogger(__name__)

_UNKNOWN: ContextVar[bool] = ContextVar("unknown_words", default=False)
"""Whether the question being answered has words the plans never use (per call, thread- and task-safe)."""

MAX_QUESTION = 500
"""Characters of a question that are read; longer input is cut (and the user told)."""

TASK_MATCH = 0.55
"""Least share of the question a task must explain to be taken as the one meant."""
MIN_EVIDENCE = 3.0
"""Least summed word weight of a match: one common word ("tổng", "đồng") is not enough."""
TIE = 0.06
MAX_TIED = 3
PASSAGE_MATCH = 0.6
TOPIC_MATCH = 0.75
TOPIC_EVIDENCE = 1.5
STRONG_MATCH = 0.7
UNASSIGNED_DUTY = 0.5
"""Least share of a who-question a duty must explain to answer for a task the plan assigns to nobody."""
ANALOG = 0.5
PASSAGE_LEAD = 0.1
ELSEWHERE_LEAD = 0.25
WHICH_SPREAD = 0.2
"""How much better a passage must explain a question than the best task to be preferred."""
"""Least two-way similarity for a task of another plan to count as "the same task"."""
RARE_MATCH = 0.45
RARE_EVIDENCE = 8.0
SUGGEST = 0.3

_TASK_FACETS = ("lead", "coop", "time", "budget", "objective", "quantity", "training", "notes")
_FACET_OF_INTENT = {
    "lead_agency": "lead",
    "cooperating_agencies": "coop",
    "timeline": "time",
    "budget": "budget",
    "objective": "objective",
    "quantity": "quantity",
    "task_card": "card",
}
# Answers about a plan's money as a whole: a funding source named next ("còn nguồn khác?") asks
# for that source's share, not for the budget of the task the answer happened to list.
_PLAN_BUDGET_INTENTS = frozenset({"plan_budget", "budget_by_source", "budget_by_group", "budget_largest"})


class Answerer:
    """Answers questions over one :class:`~ipbot.plans.store.Knowledge` (built once, reused)."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.index = Index(knowledge)

    def answer(self, question: str, context: Context | None = None) -> Answer:
        """Answer one question; never raises, whatever the input."""
        context = self._valid(context or Context())
        try:
            return self._answer(str(question), context)
        except Exception:  # the core must answer politely whatever happens
            log.exception("failed to answer %r", str(question)[:200])
            return Answer([Section([phrases.INTERNAL_ERROR])], False, "error", context=context)

    def _valid(self, context: Context) -> Context:
        """Drop what a stored context names that the data no longer has (after a reload)."""
        plans, tasks = self.index.plans, self.index.tasks
        return context.model_copy(
            update={
                "plan_id": context.plan_id if context.plan_id in plans else None,
                "default_plan_id": context.default_plan_id if context.default_plan_id in plans else None,
                "task_ids": [t for t in context.task_ids if t in tasks],
            }
        )

    # ------------------------------------------------------------------ routing
    def _answer(self, question: str, context: Context) -> Answer:
        too_long = len(question) > MAX_QUESTION
        q = understand(self.index, question[:MAX_QUESTION])
        if not re.search(r"[a-z0-9]", q.folded):
            return Answer(
                [Section([phrases.EMPTY])],
                False,
                "empty",
                context=context,
                suggestions=[Suggestion(s, s) for s in phrases.HELP_EXAMPLES],
            )
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
        # words the plans never use ("5 sao") mean the question may be about something else
        turn.unknown_words = [t for t in q.content_tokens if not self.index.known(t)]
        _UNKNOWN.set(bool(turn.unknown_words))
        if missing:
            return self._no_plan(turn, missing)
        if q.has("out_of_domain"):
            return self._not_found(turn)
        if q.has("plans") and not q.content_tokens:
            return plans_list(turn)
        if q.has("chart", "export"):
            return files_answer(turn, "chart" if q.has("chart") else "export")
        self._find_tasks(turn)
        for handler in (
            self._recipients,
            self._document,
            self._reporting,
            self._targets,
            self._which_agencies,
            self._plan_objectives,
            self._budget_views,
            self._agency,
            self._quarter,
            self._task,
            self._topic,
            self._all_tasks,
            self._followup,
        ):
            answer = handler(turn)
            if answer is not None:
                return answer
        return self._search(turn)

    # ------------------------------------------------------------------ small talk
    def _small_talk(self, q: Query, context: Context) -> Answer | None:
        rest = fold(q.content)
        for cue in ("greeting", "thanks", "help", "goodbye"):
            rest = CUE_RE[cue].sub(" ", rest)
        words = self.index.content_tokens(rest)
        if words and q.has("thanks", "greeting", "goodbye"):
            # "Cảm ơn, thông tin rất hữu ích!": words that name nothing in the plans are chit-chat
            hits = self.index.rank_tasks(rest) + self.index.rank_passages(rest)
            words = words if any(h.score >= 0.5 and h.evidence >= MIN_EVIDENCE for h in hits) else []
        substantive = (
            q.task_numbers
            or q.agencies
            or words
            or q.has("lead", "coop", "budget", "time", "targets", "reporting", "document", "objective")
        )
        if q.has("help") and not (q.task_numbers or q.agencies):
            lines = [phrases.HELP_INTRO, *[f"• {t}" for t in phrases.HELP_TOPICS]]
            lines += [f"Các kế hoạch: {', '.join(p.short_title for p in self.index.plans.values())}."]
            return _with_examples(lines, "help", context)
        if substantive:
            return None
        if q.has("goodbye"):
            return Answer([Section([phrases.GOODBYE])], True, "thanks", context=context)
        if q.has("thanks"):
            return Answer([Section([phrases.THANKS])], True, "thanks", context=context)
        if q.has("greeting"):
            lines = [phrases.GREETING, phrases.HELP_INTRO, *[f"• {t}" for t in phrases.HELP_TOPICS]]
            return _with_examples(lines, "greeting", context)
        return None

    # ------------------------------------------------------------------ plans
    def _resolve_plans(self, q: Query, context: Context) -> tuple[list[Plan], bool, str | None]:
        """(plans, explicit, what is missing): explicit selectors, then context, then all."""
        every = list(self.index.plans.values())
        known = {fold(p.province) for p in every}
        foreign = [name for name in provinces_in(q.raw) if fold(name) not in known]
        if foreign and not q.provinces:
            return [], True, f"tỉnh/thành phố {', '.join(foreign)}"
        cands = every
        explicit = False
        if q.provinces:
            cands = [p for p in cands if p.province_id in q.provinces]
            explicit = True
        if q.plan_numbers:
            numbered = [p for p in cands if p.number and p.number.split("/")[0].strip() in q.plan_numbers]
            if numbered:
                cands, explicit = numbered, True
        plan_years = [
            y
            for y in q.years
            if any(p.year_start <= y <= p.year_end for p in every)
            or not any(y in (p.horizon, *(t.year for t in p.targets)) for p in every)
        ]
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
        suggestions = [
            Suggestion(p.short_title, f"tổng kinh phí kế hoạch {p.province} {p.year_start}")
            for p in self.index.plans.values()
        ]
        return turn.reply("no_plan", [Section(lines)], False, plans=[], suggestions=suggestions)

    # ------------------------------------------------------------------ matching helpers
    def _good(self, hits: list[Hit], threshold: float = TASK_MATCH) -> list[Hit]:
        """Hits that explain enough of the question, with enough evidence, near the best one.

        Rare words are evidence enough for a lower share ("Google, Facebook" names one task).
        """
        if not hits or hits[0].evidence < MIN_EVIDENCE:
            return []
        if hits[0].score < threshold and not (
            hits[0].score >= RARE_MATCH and hits[0].evidence >= RARE_EVIDENCE and not _UNKNOWN.get()
        ):
            return []
        top = hits[0].score
        return [h for h in hits if h.score >= top - TIE and h.evidence >= MIN_EVIDENCE]

    def _is_topic(self, turn: Turn) -> bool:
        """The leftover words name a topic some task is really about (not stray words)."""
        q = turn.query
        if not q.content_tokens:
            return False
        return bool(self._good(self.index.rank_tasks(q.content, [p.id for p in turn.plans]), 0.5))

    def _strong_task(self, turn: Turn) -> bool:
        hits = self.index.rank_tasks(turn.query.content, [p.id for p in turn.plans])
        return bool(hits) and hits[0].score >= STRONG_MATCH

    def _covers(self, turn: Turn, task: Task) -> bool:
        grams = self.index.query_grams(turn.query.content)[1]
        return self.index.coverage(grams, self.index.doc_grams(_task_words(task)))[0] > 0

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
                turn.plans = [p for p in turn.plans if p.id in {r.plan_id for r in refs}] or turn.plans
                turn.tasks, turn.task_how = refs, "number"
                return
        if q.content_tokens:
            hits = self._task_hits(turn, q.content, plan_ids)
            if hits and not (turn.context.task_ids and q.has("refer")):
                turn.tasks, turn.task_how = hits, "content"
                return
            weak = len(q.content_tokens) <= 2 and q.has(*_TASK_FACETS) and not q.has("list")
            if not (q.has("refer") or weak):
                return
        ctx_tasks = [TaskRef(*t.split(":", 1)) for t in turn.context.task_ids]
        if not ctx_tasks:
            return
        here = [t for t in ctx_tasks if t.plan_id in plan_ids]
        if here:
            turn.tasks, turn.task_how = here, "context"
        elif turn.explicit:
            analogs = self._analogs(ctx_tasks, plan_ids)
            turn.tasks, turn.task_how = (analogs, "analog") if analogs else (ctx_tasks, "no_analog")

    def _analogs(self, refs: list[TaskRef], plan_ids: list[str]) -> list[TaskRef]:
        """The same task in another plan ("thế còn năm 2022?"): clearly alike, both ways."""
        found = []
        for ref in refs:
            candidates = [TaskRef(p, t.number) for p in plan_ids for t in self.index.plans[p].tasks]
            scored = sorted(((self.index.similarity(ref, c), c) for c in candidates), key=lambda sc: -sc[0])
            if scored and scored[0][0] >= ANALOG:
                found.append(scored[0][1])
        return list(dict.fromkeys(found))

    def _task_hits(self, turn: Turn, content: str, plan_ids: list[str]) -> list[TaskRef]:
        good = self._good(self.index.rank_tasks(content, plan_ids))
        if turn.explicit and (not good or good[0].score < STRONG_MATCH):
            # a weak match in the plan named, a clear one in another plan: the task is not in this plan
            elsewhere = self._good(self.index.rank_tasks(content, [p for p in self.index.plans if p not in plan_ids]))
            here = good[0].score if good else 0.0
            if elsewhere and elsewhere[0].score >= max(here + ELSEWHERE_LEAD, STRONG_MATCH):
                turn.elsewhere = [h.item for h in elsewhere if isinstance(h.item, TaskRef)][:2]
                return []
        # an annual plan's targets repeat its tasks' words: only duties, objectives, reporting compete
        passages = self.index.rank_passages(content, plan_ids, ["responsibility", "objective", "reporting"])
        if (
            good
            and passages
            and passages[0].score >= good[0].score + PASSAGE_LEAD
            and passages[0].evidence >= MIN_EVIDENCE
        ):
            return []  # a duty, target or objective explains the question better than any task
        if (
            not good
            and not turn.explicit
            and not self._good(self.index.rank_passages(content, plan_ids), PASSAGE_MATCH)
        ):
            # nothing in the conversation's plan explains it: look in every plan
            good = self._good(self.index.rank_tasks(content, list(self.index.plans)))
        if not good or len(good) > MAX_TIED:
            return []  # nothing, or a topic shared by many tasks: lists handle it
        return [h.item for h in good if isinstance(h.item, TaskRef)]

    # ------------------------------------------------------------------ document and reporting
    def _recipients(self, turn: Turn) -> Answer | None:
        if not turn.query.has("recipients") or turn.task_how == "number":
            return None
        plans = [p for p in turn.plans if p.recipients] or turn.plans
        return recipients(turn, plans)

    def _document(self, turn: Turn) -> Answer | None:
        q = turn.query
        strong = q.has("document")
        weak = q.has("document_weak") and not turn.tasks and not q.content_tokens and not q.has("time")
        weak = weak or (
            q.has("document_weak")
            and not turn.tasks
            and re.search(r"\b(ke hoach|kh)\b", q.folded)
            and not q.has("reporting", "time")
        )
        if not (strong or weak) or turn.task_how == "number":
            return None
        about_plan = re.search(r"ban hanh|ra doi|\bky\b|quyet dinh|\bqd\b|phe duyet", q.folded)
        if turn.tasks and turn.task_how == "content" and (not about_plan or self._cites_task(turn)):
            return None  # "NQ 14-NQ/TU … ban hành ngày nào" is in the task's own text
        if q.content_tokens and not re.search(r"quyet dinh|\bqd\b|ban hanh|nguoi ky|ai ky|so hieu", q.folded):
            good = self._good(self.index.rank_passages(q.content, [p.id for p in turn.plans]), STRONG_MATCH)
            passages = [h.item for h in good if isinstance(h.item, Passage) and h.item.kind != "document"]
            if passages:
                return passage_answer(turn, passages[:2])  # "sơ kết sau mấy năm" is in a duty
        plans = turn.plans
        if re.search(r"quyet dinh|\bqd\b|can cu|phe duyet", q.folded) and not turn.explicit:
            grams = self.index.query_grams(q.content)[1]
            scored = [
                (
                    self.index.coverage(
                        grams, self.index.doc_grams(" ".join(f"{r.text} {r.issuer or ''}" for r in p.implements))
                    )[0],
                    p,
                )
                for p in plans
            ]
            best = max((s for s, _ in scored), default=0)
            if best > 0:
                plans = [p for s, p in scored if s >= best - 0.05]
        return document_info(turn, plans)

    def _cites_task(self, turn: Turn) -> bool:
        """The question's numbers (a resolution's "14") appear in the matched task's text."""
        numbers = set(re.findall(r"\b\d{1,4}\b", turn.query.content))
        return bool(numbers) and any(
            numbers <= set(re.findall(r"\b\d{1,4}\b", self.index.tasks[r.id].content)) for r in turn.tasks
        )

    def _reporting(self, turn: Turn) -> Answer | None:
        q = turn.query
        if not q.has("reporting") or turn.task_how == "number":
            return None
        if any(p.reporting for p in turn.plans) and not re.search(r"kho khan|vuong mac", q.folded):
            return reporting(turn, [p for p in turn.plans if p.reporting])
        if q.content_tokens and not re.search(r"kho khan|vuong mac", q.folded):
            kinds = ["reporting", "closing", "responsibility", "recipients"]
            hits = self._good(self.index.rank_passages(q.content, [p.id for p in turn.plans], kinds), 0.5)
            passages = [h.item for h in hits if isinstance(h.item, Passage)]
            if passages and passages[0].kind not in ("reporting", "closing"):
                return passage_answer(turn, passages[:2])
        return reporting(turn, turn.plans)

    def _targets(self, turn: Turn) -> Answer | None:
        q = turn.query
        target_years = {t.year for p in turn.plans for t in p.targets}
        follow = (
            turn.context.intent == "targets"
            and not turn.explicit
            and not q.task_numbers
            and (q.has("compare") or (q.years and not q.content_tokens))
        )
        if q.has("general_objective"):
            return None
        # 2025, 2030 name targets; an annual plan's own year ("mục tiêu … năm 2022") names the plan
        horizon_years = target_years - {p.year_start for p in turn.plans if p.year_start == p.year_end}
        asks = q.has("targets") or (q.has("objective") and not turn.tasks and bool(horizon_years & set(q.years)))
        other = q.has("budget", "lead", "coop", "time", "reporting", "document", "recipients")
        numeric = q.has("statistics", "quantity") or (q.has("objective") and re.search(r"bao nhieu|\bmay\b", q.folded))
        if not asks and not other and q.content_tokens and (numeric or horizon_years & set(q.years)):
            plan_ids = [p.id for p in turn.plans]
            hits = self._good(self.index.rank_passages(q.content, plan_ids, ["target"]), 0.5)
            task_best = max((h.score for h in self.index.rank_tasks(q.content, plan_ids)[:1]), default=0.0)
            named_year = bool(horizon_years & set(q.years)) and bool(hits) and hits[0].score >= PASSAGE_MATCH
            asks = bool(hits) and (hits[0].score >= task_best - 0.05 or q.has("statistics") or named_year)
        if not (asks or follow) or turn.task_how == "number":
            return None
        if turn.tasks and turn.task_how == "content" and q.has("quantity"):
            plan_ids = [p.id for p in turn.plans]
            best_target = max(
                (h.score for h in self.index.rank_passages(q.content, plan_ids, ["target"])[:1]), default=0.0
            )
            best_task = max((h.score for h in self.index.rank_tasks(q.content, plan_ids)[:1]), default=0.0)
            if best_task >= best_target:
                return None  # a count the task itself states ("mấy lớp")
        plans = [p for p in turn.plans if p.targets]
        if not plans:
            if turn.tasks:
                return None
            names = ", ".join(p.short_title for p in turn.plans)
            return turn.reply(
                "targets",
                [Section([f"{names} không có mục chỉ tiêu định lượng riêng; số lượng được ghi trong từng nhiệm vụ."])],
                False,
            )
        asked_years = q.years or ([turn.context.year] if q.has("refer") and turn.context.year else [])
        years = [y for y in asked_years if any(t.year == y for p in plans for t in p.targets)]
        stray = [y for y in q.years if y not in years and not any(p.year_start == p.year_end == y for p in plans)]
        if (
            q.has("statistics")
            and not q.has("targets")
            and re.search(r"hien nay|hien tai|da co|da dat|\broi\b", q.folded)
        ):
            answer = targets(turn, plans, years)
            lines = ["Kế hoạch không có số liệu về tình hình thực tế hiện nay; kế hoạch chỉ đặt chỉ tiêu:"]
            return turn.reply("targets", [Section(lines), *answer.sections], False, plans=plans)
        if stray and (q.has("statistics") or q.has("quantity")):
            have = sorted({t.year for p in plans for t in p.targets})
            lines = [
                f"Kế hoạch không có số liệu thống kê hay chỉ tiêu cho năm {', '.join(map(str, stray))}; "
                f"chỉ đặt chỉ tiêu đến năm {' và '.join(map(str, have))}."
            ]
            return turn.reply("targets", [Section(lines)], False, plans=plans)
        return targets(turn, plans, years)

    def _which_agencies(self, turn: Turn) -> Answer | None:
        """'Những cơ quan nào phải bố trí cán bộ…?': the duties that say so, whoever holds them.

        Also "ai hỗ trợ … chỉ dẫn địa lý?" when the task it matches names nobody in that role
        (Thái Bình assigns work by agency in "Tổ chức thực hiện", not task by task): a duty
        that says it is the answer, where one does.
        """
        q = turn.query
        if q.agencies or turn.task_how == "number" or not q.content_tokens:
            return None
        unassigned = self._unassigned(turn)
        if not (_asks_which_agencies(q) or unassigned):
            return None
        # only the duties of the plan the unassigned task is in: another plan's are another answer
        plan_ids = [unassigned.plan_id] if unassigned else [p.id for p in turn.plans]
        # the duty's own words may be cue words ("bố trí kinh phí"): look with them kept
        hits = self.index.rank_passages(q.full_content, plan_ids, ["responsibility"])
        good = self._good(hits, UNASSIGNED_DUTY if unassigned else 0.5)
        best_task = max((h.score for h in self.index.rank_tasks(q.full_content, plan_ids)[:1]), default=0.0)
        if not good or (turn.task_how == "content" and best_task > good[0].score and not unassigned):
            return None
        top = good[0].score
        passages = [
            h.item
            for h in hits[:8]
            if isinstance(h.item, Passage) and h.score >= top - WHICH_SPREAD and h.evidence >= MIN_EVIDENCE
        ]
        answer = passage_answer(turn, passages[:6])
        if unassigned:
            task = turn.task(unassigned)
            plan = turn.plan(unassigned.plan_id)
            note = f"{plan.short_title} không giao cơ quan cho riêng nhiệm vụ {task.number} ({task.title}); "
            answer.sections.insert(0, Section([note + "phần Tổ chức thực hiện giao:"]))
        return answer

    def _unassigned(self, turn: Turn) -> TaskRef | None:
        """The task a who-question matched, when no matched task names anybody in the role asked about."""
        q = turn.query
        if turn.task_how != "content" or not turn.tasks or not (q.has("lead", "coop") or _asks_which_agencies(q)):
            return None
        coop_only = q.has("coop") and not q.has("lead")
        if any(turn.task(r).cooperating if coop_only else turn.task(r).lead for r in turn.tasks):
            return None
        return turn.tasks[0]

    def _plan_objectives(self, turn: Turn) -> Answer | None:
        q = turn.query
        if q.has("general_objective") and turn.task_how != "number":
            return plan_objectives(turn, turn.plans)
        if not q.has("objective") or turn.tasks or q.agencies or (q.content_tokens and self._is_topic(turn)):
            return None
        return plan_objectives(turn, turn.plans)

    # ------------------------------------------------------------------ budget
    def _budget_views(self, turn: Turn) -> Answer | None:
        q = turn.query
        if q.has("in_words", "amount", "table") and not turn.tasks:
            return plan_budget(turn, turn.plans)
        if not q.has("budget"):
            return None
        if q.agencies and not turn.tasks and not q.sources:
            return None  # "Sở KH&ĐT phối hợp … tham mưu bố trí kinh phí": a duty, not the totals
        after_totals = turn.task_how == "context" and turn.context.intent in _PLAN_BUDGET_INTENTS
        if q.sources and (q.has("list", "largest") or not turn.tasks or after_totals or self._source_over_task(turn)):
            if q.has("largest"):
                return budget_largest(turn, turn.plans, sources=q.sources)
            return budget_by_source(turn, turn.plans)
        if q.has("largest"):
            return budget_largest(turn, turn.plans)
        if q.has("by_group"):
            return budget_by_group(turn, turn.plans)
        if turn.tasks and not q.has("compare"):
            return None
        if q.agencies and q.has("list"):
            return None
        if q.has("statistics") or self._unexplained(turn):
            return None
        if q.content_tokens:
            # "dự toán chi tiết gửi sở nào thẩm định?" is answered by a duty, not by the totals
            good = self._good(
                self.index.rank_passages(q.content, [p.id for p in turn.plans], ["responsibility", "reporting"]),
                PASSAGE_MATCH,
            )
            passages = [h.item for h in good if isinstance(h.item, Passage)]
            if passages:
                return passage_answer(turn, passages[:2])
        return plan_budget(turn, turn.plans)

    def _source_over_task(self, turn: Turn) -> bool:
        """A named funding source wins over a content match unless that task really draws on it."""
        if turn.task_how != "content":
            return False
        draws = any(set(self.index.tasks[r.id].budget.allocation) & turn.query.sources for r in turn.tasks)
        return not (draws and self._strong_task(turn))

    def _unexplained(self, turn: Turn) -> bool:
        """Several content words that nothing in the plans explains: the question is about something else."""
        q = turn.query
        if len(q.content_tokens) < 2:
            return False
        plan_ids = [p.id for p in turn.plans]
        best_task = max((h.score for h in self.index.rank_tasks(q.content, plan_ids)[:1]), default=0.0)
        best_passage = max((h.score for h in self.index.rank_passages(q.content, plan_ids)[:1]), default=0.0)
        return max(best_task, best_passage) < 0.35

    # ------------------------------------------------------------------ agencies
    def _agency(self, turn: Turn) -> Answer | None:
        q = turn.query
        if not q.agencies or turn.task_how == "number":
            return None
        listing = q.has("list") or bool(re.search(r"nhiem vu (gi|nao)|viec (gi|nao)", q.folded))
        if (
            turn.task_how == "context"
            and not listing
            and any(
                set(q.agencies) & {*self.index.tasks[r.id].lead, *self.index.tasks[r.id].cooperating}
                for r in turn.tasks
            )
        ):
            return None  # "ai phối hợp với Sở GD&ĐT?" about the task just discussed
        if not any(t.lead or t.cooperating for p in turn.plans for t in p.tasks):
            # the plan assigns agencies only in "Tổ chức thực hiện": that is where the answer is
            duty = self._duty_match(turn)
            return duty or responsibilities(turn, turn.plans, q.agencies)
        duty = self._duty_match(turn)
        involved = any(
            set(q.agencies) & {*self.index.tasks[r.id].lead, *self.index.tasks[r.id].cooperating} for r in turn.tasks
        )
        if turn.task_how == "content" and not listing and self._strong_task(turn) and (involved or duty is None):
            return None  # "Ai phối hợp với Sở X cập nhật CSDL…?" asks about that task
        if duty is not None:
            return duty
        lead_role = re.search(r"chu tri|phu trach chinh|dung ra|dau moi thuc hien|cam dau", q.folded)
        role_cue = q.has("lead", "coop") or re.search(r"tham gia|phu trach", q.folded)
        has_duties = any(set(q.agencies) & set(r.agencies) for p in turn.plans for r in p.responsibilities)
        if has_duties and ((q.has("responsibility") and not lead_role) or not (role_cue or listing)):
            return responsibilities(turn, turn.plans, q.agencies)
        if role_cue or listing:
            return self._tasks_of_agency(turn)
        return None

    def _duty_match(self, turn: Turn) -> Answer | None:
        """A question whose words match one of the agency's duties: answer with that duty."""
        q = turn.query
        if not q.content_tokens:
            return None
        kinds = ["responsibility"]
        # duties are worded with cue words ("bố trí kinh phí"): look with them kept
        hits = self._good(self.index.rank_passages(q.full_content, [p.id for p in turn.plans], kinds), 0.5)
        for hit in hits:
            passage = hit.item
            plan = self.index.plans[passage.plan_id] if isinstance(passage, Passage) else None
            if plan is None:
                continue
            resp = next((r for r in plan.responsibilities if r.section == passage.ref), None)
            if resp is not None and set(q.agencies) & set(resp.agencies):
                return responsibilities(
                    turn, [plan], [s for s in q.agencies if s in resp.agencies], sections=[resp.section]
                )
        # the agency named is the object ("tham mưu UBND tỉnh"): the duty that matches, whoever holds it
        plan_ids = [p.id for p in turn.plans]
        strong = self._good(self.index.rank_passages(q.full_content, plan_ids), 0.5)
        passages = [h.item for h in strong if isinstance(h.item, Passage)]
        if passages and not self._strong_task(turn):
            return passage_answer(turn, passages[:2])
        return None

    def _tasks_of_agency(self, turn: Turn) -> Answer:
        q = turn.query
        f = q.folded
        lead = bool(re.search(r"chu tri|phu trach|dung ra|dau moi|cam dau", f))
        coop = bool(re.search(r"phoi hop|ho tro|tham gia", f))
        only_coop = bool(re.search(r"(chi|rieng) phoi hop|khong (phai )?(la )?chu tri|khong chu tri", f))
        role = "coop" if only_coop or (coop and not lead) else "lead" if lead and not coop else "any"
        slug = q.agencies[0]
        topic = self._is_topic(turn)
        refs = []
        for plan in turn.plans:
            for task in plan.tasks:
                roles = (task.lead if role in ("lead", "any") else []) + (
                    task.cooperating if role in ("coop", "any") else []
                )
                if only_coop and slug in task.lead:
                    continue
                if slug in roles and self._passes(turn, task, topic):
                    refs.append(TaskRef(plan.id, task.number))
        name = agency_name(self.knowledge, turn.plans or self.index.plans.values(), slug)
        what = {"lead": "chủ trì", "coop": "phối hợp", "any": "chủ trì hoặc phối hợp"}[role]
        when = f" trong {quarter_title(q.quarters).split(' trong ', 1)[1]}" if q.quarters else ""
        if not refs:
            good = self._good(self.index.rank_passages(q.content, [p.id for p in turn.plans]), 0.5)
            passages = [h.item for h in good if isinstance(h.item, Passage)]
            if passages and q.content_tokens:
                return passage_answer(turn, passages[:2])  # "ai làm đầu mối tham mưu UBND tỉnh…"
            lines = [f"Không có nhiệm vụ nào {name} {what}{when} trong {', '.join(p.short_title for p in turn.plans)}."]
            return turn.reply("tasks_by_agency", [Section(lines)], False, agencies=[slug])
        return task_list(turn, turn.plans, refs, f"Nhiệm vụ {name} {what}{when}", "tasks_by_agency", agencies=[slug])

    def _passes(self, turn: Turn, task: Task, topic: bool) -> bool:
        """Quarter, whole-year and (when the words name one) topic filters for list questions."""
        q = turn.query
        tl = task.timeline
        if q.quarters and (tl is None or not set(q.quarters) & set(tl.quarters)):
            return False
        if q.has("whole_year") and not q.quarters and (tl is None or not tl.whole_year):
            return False
        return not topic or self._covers(turn, task)

    # ------------------------------------------------------------------ quarters
    def _quarter(self, turn: Turn) -> Answer | None:
        q = turn.query
        if not (q.quarters or (q.has("whole_year") and q.has("list"))):
            return None
        if turn.task_how == "number" or (turn.task_how == "content" and not q.has("list")):
            return None
        plans = [p for p in turn.plans if any(t.timeline for t in p.tasks)]
        if not plans:
            names = ", ".join(p.short_title for p in turn.plans)
            lines = [f"{names} không chia nhiệm vụ theo quý (không nêu thời gian từng nhiệm vụ)."]
            return turn.reply("tasks_by_quarter", [Section(lines)], False)
        topic = self._is_topic(turn)
        refs = [TaskRef(p.id, t.number) for p in plans for t in p.tasks if self._passes(turn, t, topic)]
        title = quarter_title(q.quarters) if q.quarters else "Nhiệm vụ thực hiện cả năm (không gắn với quý)"
        if not refs:
            names = ", ".join(p.short_title for p in plans)
            return turn.reply(
                "tasks_by_quarter",
                [Section([f"{names}: không có nhiệm vụ nào phù hợp ({title.lower()})."])],
                False,
                plans=plans,
            )
        extra: dict[str, list[str]] = {}
        if q.quarters:
            for p in plans:
                whole = [
                    t for t in p.tasks if t.timeline and t.timeline.whole_year and (not topic or self._covers(turn, t))
                ]
                if whole:
                    extra[p.id] = ["Thực hiện cả năm: " + "; ".join(f"{t.number} — {t.title}" for t in whole) + "."]
        return task_list(turn, plans, refs, title, "tasks_by_quarter", extra=extra)

    # ------------------------------------------------------------------ one task
    def _task(self, turn: Turn) -> Answer | None:
        if not turn.tasks:
            return None
        q = turn.query
        if turn.task_how == "no_analog":
            return self._no_analog(turn)
        if turn.task_how == "content" and q.has("list", "topic") and not q.has(*_TASK_FACETS) and len(turn.tasks) > 1:
            return None
        facets = [f for f in _TASK_FACETS if q.has(f)]
        if "training" in facets:
            facets = ["training"]
        if "quantity" in facets and "budget" in facets:
            facets.remove("quantity")
        if not facets and turn.task_how in ("context", "analog"):
            previous = _FACET_OF_INTENT.get(turn.context.intent or "")
            facets = ["card"] if q.has("content", "objective") or previous is None else [previous]
        refs = turn.tasks
        if "quantity" in facets and len(refs) > 1:
            # a count was asked: of tied tasks, those that state one
            refs = [r for r in refs if self.index.tasks[r.id].quantities] or refs
        return answer_about_tasks(turn, facets or ["card"], refs)

    def _in_another_plan(self, turn: Turn) -> Answer:
        """The question names a plan that has no such task; another plan has one: say both."""
        names = ", ".join(p.short_title for p in turn.plans)
        lines = [f"{names} không có nhiệm vụ này."]
        suggestions = []
        for ref in turn.elsewhere:
            task, plan = self.index.tasks[ref.id], self.index.plans[ref.plan_id]
            lines.append(f"{plan.short_title} có: nhiệm vụ {task.number} — {task.title}.")
            suggestions.append(
                Suggestion(f"{task.title} ({plan.short_title})", f"chi tiết nhiệm vụ {task.number} {_plan_words(plan)}")
            )
        return turn.reply("not_found", [Section(lines)], False, plans=turn.plans, suggestions=suggestions)

    def _no_analog(self, turn: Turn) -> Answer:
        """A follow-up about another plan, which has no task like the one discussed."""
        names = ", ".join(p.short_title for p in turn.plans)
        lines = []
        for ref in turn.tasks:
            task = self.index.tasks[ref.id]
            source = self.index.plans[ref.plan_id].short_title
            lines.append(f"{names} không có nhiệm vụ tương ứng với nhiệm vụ {task.number} ({task.title}) của {source}.")
        plan = turn.plans[0]
        lines.append(f"Bạn có thể xem các nhiệm vụ của kế hoạch này: «các nhiệm vụ của kế hoạch {_plan_words(plan)}».")
        return turn.reply("not_found", [Section(lines)], False, plans=turn.plans)

    # ------------------------------------------------------------------ topics and follow-ups
    def _topic(self, turn: Turn) -> Answer | None:
        """'Nhiệm vụ nào liên quan đến OCOP?': every task whose text covers the topic."""
        q = turn.query
        if not q.content_tokens:
            return None
        hits = self.index.rank_tasks(q.content, [p.id for p in turn.plans])
        good = [h for h in hits if h.score >= TOPIC_MATCH and h.evidence >= TOPIC_EVIDENCE]
        if not good or not (q.has("list", "topic") or len(good) > MAX_TIED):
            return None
        refs = [h.item for h in good if isinstance(h.item, TaskRef)]
        order = list(self.index.plans)
        refs.sort(key=lambda r: (order.index(r.plan_id), _position(self.index, r)))
        plans = [p for p in turn.plans if any(r.plan_id == p.id for r in refs)]
        return task_list(turn, plans, refs, "Nhiệm vụ liên quan", "search")

    def _all_tasks(self, turn: Turn) -> Answer | None:
        """'Kế hoạch 2022 có những nhiệm vụ nào?': every task of one plan, or each plan's groups."""
        q = turn.query
        if not q.has("list") or q.content_tokens or q.agencies or q.quarters or q.sources or turn.tasks:
            return None
        if len(turn.plans) == 1:
            plan = turn.plans[0]
            refs = [TaskRef(plan.id, t.number) for t in plan.tasks]
            return task_list(turn, [plan], refs, "Các nhiệm vụ", "tasks_overview")
        sections = []
        for plan in turn.plans:
            lines = [
                f"• Nhóm {g.number}: {g.title} ({sum(t.group == g.number for t in plan.tasks)} nhiệm vụ)"
                for g in plan.groups
            ]
            sections.append(
                Section(
                    lines,
                    f"{plan.short_title}: {len(plan.tasks)} nhiệm vụ",
                    f"Nguồn: {plan.short_title}, phần nhiệm vụ.",
                )
            )
        suggestions = [Suggestion(p.short_title, f"các nhiệm vụ của kế hoạch {_plan_words(p)}") for p in turn.plans]
        return turn.reply("tasks_overview", sections, True, suggestions=suggestions)

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
        if q.content_tokens and not q.has("statistics") and not (q.has("quantity") and turn.elsewhere):
            hits = self.index.rank_passages(q.content, [p.id for p in turn.plans])
            good = self._good(hits, PASSAGE_MATCH)
            passages = [h.item for h in good if isinstance(h.item, Passage)]
            if passages and _asks_which_agencies(q):
                # "những cơ quan nào phải…": every duty that says so, not just the best one
                top = good[0].score
                passages = [
                    h.item
                    for h in hits[:8]
                    if isinstance(h.item, Passage)
                    and h.item.kind == "responsibility"
                    and h.score >= top - WHICH_SPREAD
                    and h.evidence >= MIN_EVIDENCE
                ] or passages
                return passage_answer(turn, passages[:6])
            if passages:
                return passage_answer(turn, passages[:2])
        return self._not_found(turn)

    def _not_found(self, turn: Turn) -> Answer:
        q = turn.query
        if turn.elsewhere:
            return self._in_another_plan(turn)
        suggestions: list[Suggestion] = []
        if q.content_tokens and not q.has("out_of_domain"):
            for hit in self.index.rank_tasks(q.content)[:3]:
                if hit.score >= SUGGEST and hit.evidence >= MIN_EVIDENCE and isinstance(hit.item, TaskRef):
                    task = self.index.tasks[hit.item.id]
                    plan = self.index.plans[hit.item.plan_id]
                    suggestions.append(
                        Suggestion(
                            f"{task.title} ({plan.short_title})", f"chi tiết nhiệm vụ {task.number} {_plan_words(plan)}"
                        )
                    )
        lines = [phrases.NOT_UNDERSTOOD, phrases.NOT_UNDERSTOOD_HINT]
        if suggestions:
            lines.append(phrases.DID_YOU_MEAN + " " + "; ".join(s.label for s in suggestions))
        else:
            suggestions = [Suggestion(s, s) for s in phrases.HELP_EXAMPLES]
        return turn.reply("not_found", [Section(lines)], False, plans=[], suggestions=suggestions)


def _with_examples(lines: list[str], intent: str, context: Context) -> Answer:
    """A greeting or help reply: what the bot can do, with example questions to tap."""
    return Answer(
        [Section(lines)], True, intent, context=context, suggestions=[Suggestion(s, s) for s in phrases.HELP_EXAMPLES]
    )


def _asks_which_agencies(q: Query) -> bool:
    return bool(
        re.search(r"(nhung|cac) (co quan|so|don vi|ben|ai) nao|nhung ai|co quan nao|don vi nao|so nao", q.folded)
    )


def _plan_words(plan: Plan) -> str:
    return f"năm {plan.year_start} {plan.province}" if plan.year_start == plan.year_end else plan.province


def _task_words(task: Task) -> str:
    return task_text(task)


def _position(index: Index, ref: TaskRef) -> int:
    return [t.number for t in index.plans[ref.plan_id].tasks].index(ref.number)
