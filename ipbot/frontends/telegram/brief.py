"""What a phone shows first: the answer in about eight lines, the rest behind buttons.

A full answer (:func:`ipbot.frontends.render.html_text`) is what the terminal and the batch
print, and the eval sets score; on a phone it can run to one and a half screens. The first
message sent in Telegram is a *brief* made from the same :class:`~ipbot.answers.Answer`: at
most :data:`MAX_LINES` lines and :data:`MAX_ROWS` rows of a phone's message bubble, long lines
cut at a word, sources left for the «Nguồn» button and everything left out for «Chi tiết».

Nothing here reads the answer's words. What leads follows from the typed requests the answer
serves: a look-up starts with its first line (the answer), its subject after it in italics; a
list starts with its title; a list whose every task has a button under the message keeps only its
title and count, the buttons being the list. What is cut follows from the sections and their
lines. Three briefs are written from the typed data itself:

- a task's card: its name, then the first line of its lead, time and budget facets, each the
  core's answer to that facet's request;
- a plan's budget: the core's answer gives the total three ways (in đồng, in triệu with the tỷ
  rounding, in words) and repeats it beside the table's total, as the eval sets expect of it; on
  a phone each figure is said once, from the plan's budget;
- plans' names in titles: «Kế hoạch SHTT năm 2023 tỉnh Ninh Thuận» (the core's words, a known
  value) is shown as «Ninh Thuận 2023».
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ipbot import phrases
from ipbot.answers import Answer, Section
from ipbot.describe import plan_period
from ipbot.frontends.browse import Browser, fit, plan_label
from ipbot.plans.models import Plan
from ipbot.requests import Field, Items, Op, Request
from ipbot.text import figure

__all__ = [
    "CARD_FACTS",
    "HEAD_CHARS",
    "LINE_CHARS",
    "MAX_LINES",
    "MAX_ROWS",
    "ROW",
    "Brief",
    "brief",
    "is_budget",
    "is_card",
    "is_list",
    "lists_tasks",
    "short_title",
    "sources_html",
]

MAX_LINES = 8
"""Lines of the first message (titles included): about what a phone shows above the buttons."""
ROW = 36
"""Characters of one row of a message bubble on a phone (360 points wide, Telegram's 16-point text)."""
MAX_ROWS = 12
"""Rows of the first message, long lines counted by the rows they wrap to: with its buttons it fits
a phone's screen, and the answer's first line is not scrolled past."""
HEAD_CHARS = 160
"""The answer's first line may run to four or five rows before it is cut (the figure is often at its end)."""
LINE_CHARS = 2 * ROW - 2
"""Any other line is cut at a word past two rows."""
TITLE_CHARS = 3 * ROW - 4
"""A list's title is what it answers: three rows."""
CARD_FACTS = ("lead", "time", "budget")
"""What a task's card shows on a phone, each the first line of that facet's answer: who leads it,
when, with what money (the content and the objective are a tap away: «Chi tiết», «Mục tiêu»)."""
_LIST_ITEMS = frozenset(
    {
        Items.DUTIES,
        Items.TARGETS,
        Items.PLANS,
        Items.AGENCIES,
        Items.GROUPS,
        Items.QUARTERS,
        Items.RECIPIENTS,
        Items.PASSAGES,
        Items.DISCREPANCIES,
        Items.SUPPORT,
        Items.OBJECTIVES,
    }
)
"""Items whose answer is a list of entries even when looked up (an agency's duties, the targets)."""


@dataclass(frozen=True)
class Brief:
    """The first message of an answer (Telegram HTML), its first line as plain text (for an inline
    result's description), and whether anything was left out of it (then «Chi tiết» shows it)."""

    html: str
    cut: bool
    head: str = ""


@dataclass(frozen=True)
class _Line:
    html: str
    rows: int
    text: str = ""


@dataclass
class _Part:
    """One section as the brief shows it: a title line (or none) and the lines it has room for."""

    title: _Line | None
    lines: list[_Line]
    shown: int = 0
    most: int | None = None  # at most this many lines, whatever the room (a list its buttons carry)


def _cut(text: str, width: int) -> str:
    """``text`` cut at a word to ``width`` characters, and before a parenthesis the cut would leave
    open: "1.200 triệu đồng (≈ 1,2 tỷ…" reads worse than "1.200 triệu đồng…"."""
    cut = fit(text, width)
    if cut == text:
        return cut
    opened = cut.rfind("(")
    if opened > width // 2 and opened > cut.rfind(")"):
        cut = cut[:opened].rstrip(" ,;:–-") + "…"
    return cut


def _line(text: str, width: int, tag: str = "") -> _Line:
    """``text`` cut to ``width``, escaped, in ``<tag>`` if given, with the rows it takes."""
    cut = _cut(text, width)
    body = html.escape(cut)
    return _Line(f"<{tag}>{body}</{tag}>" if tag else body, _rows(cut), cut)


def _rows(text: str) -> int:
    return max(1, -(-len(text) // ROW))


def lists_tasks(answer: Answer) -> bool:
    """Whether a button under the message opens each task the answer names (see the keyboard)."""
    return len(answer.task_ids) > 1 or (len(answer.task_ids) != 1 and len(answer.listed) > 1)


def is_list(answer: Answer) -> bool:
    """Whether the answer lists or counts items: its title says what, its lines are the items."""
    if not answer.requests:
        return lists_tasks(answer)
    return any(r.op in (Op.LIST, Op.COUNT, Op.COMPARE) or r.items in _LIST_ITEMS for r in answer.requests)


def is_budget(answer: Answer) -> bool:
    """A plan's budget as a whole, asked for as such (the total, the sources): no other question."""
    requests = answer.requests
    return bool(requests) and all(
        r.items is Items.BUDGET and r.op is Op.LOOKUP and r.reason is None and Field.IN_WORDS not in r.show
        for r in requests
    )


def is_card(answer: Answer) -> str | None:
    """The task whose card the answer is (a task's summary asked for), or None."""
    [request] = answer.requests if len(answer.requests) == 1 else [None]
    if request is None or request.items is not Items.TASKS or request.op is not Op.LOOKUP:
        return None
    if request.show not in ((), (Field.CARD,)) or len(answer.task_ids) != 1 or request.reason is not None:
        return None
    return answer.task_ids[0]


def short_title(title: str, plans: Iterable[Plan]) -> str:
    """A title with each plan named as a button names it ('… — Ninh Thuận 2023')."""
    for plan in plans:
        title = title.replace(plan.short_title, plan_label(plan))
    return title


def brief(
    answer: Answer,
    browser: Browser,
    run: Callable[[Request], Answer] | None = None,
    note: str | None = None,
) -> Brief:
    """The first message of ``answer``: the answer in its first line, at most :data:`MAX_LINES`
    lines and :data:`MAX_ROWS` phone rows. ``run`` answers the facet requests a task's card is
    made of (without it, a card is cut like any answer); ``note`` is a line of the front end's
    own, said right after the first."""
    if is_budget(answer):
        plans = [browser.knowledge.plans[p] for p in _budget_plans(answer) if browser.has_plan(p)]
        if plans:
            return _fit(_budget_parts(plans), answer, note, force_cut=True)
    card = is_card(answer)
    if card is not None and run is not None:
        return _fit([_card_part(card, answer, browser, run)], answer, note, force_cut=True)
    plans = [browser.knowledge.plans[p] for p in answer.plan_ids if browser.has_plan(p)]
    sections = [s for s in answer.sections if s.lines or s.title]
    if answer.requests and all(r.items is Items.FILES for r in answer.requests):
        sections = sections[:1]  # "the charts, sent below": the figures are in their captions and «Chi tiết»
    parts = [_part(s, answer, browser, plans, i == 0) for i, s in enumerate(sections)]
    if not parts:
        text = phrases.NOT_UNDERSTOOD
        return Brief(html.escape(text), False, text)
    return _fit(parts, answer, note)


def sources_html(answer: Answer) -> str:
    """The answer's sources, each once, in italics (what «Nguồn» adds under the brief)."""
    return "\n".join(f"<i>{html.escape(s)}</i>" for s in dict.fromkeys(answer.sources))


# ---------------------------------------------------------------- sections
def _part(section: Section, answer: Answer, browser: Browser, plans: list[Plan], first: bool) -> _Part:
    """A section as lines of HTML: a look-up's first section leads with its answer, its subject
    after it in italics; a list's sections (and every later one) keep their title first, in bold."""
    title = _title(section, answer, browser, plans)
    lines = list(section.lines)
    if first and lines and not is_list(answer):
        head = _line(lines[0], HEAD_CHARS, "b")
        under = [_line(title, TITLE_CHARS, "i")] if title else []
        return _Part(None, [head, *under, *(_line(x, LINE_CHARS) for x in lines[1:])])
    shown = [_line(x, HEAD_CHARS if i == 0 and not title else LINE_CHARS) for i, x in enumerate(lines)]
    # a list of tasks each with its button: the title and the count ("8 nhiệm vụ:"), the buttons list them
    most = 1 if lists_tasks(answer) else None
    return _Part(_line(title, TITLE_CHARS, "b") if title else None, shown, most=most)


def _title(section: Section, answer: Answer, browser: Browser, plans: list[Plan]) -> str | None:
    """A short title: a one-task answer's from the task ('Ninh Thuận 2023 · 3.3 · Chỉ dẫn địa lý …'),
    any other with its plans named short."""
    if section.title is None:
        return None
    if len(answer.sections) == 1 and len(answer.task_ids) == 1:
        label = _task_name(answer.task_ids[0], browser, plan_first=True)
        if label:
            return label
    return short_title(section.title, plans)


def _task_name(task_id: str, browser: Browser, plan_first: bool = False) -> str | None:
    """'3.3 · Chỉ dẫn địa lý Thịt cừu Ninh Thuận · Ninh Thuận 2023' (or the plan first)."""
    plan_id, _, number = task_id.partition(":")
    plan = browser.knowledge.plans.get(plan_id)
    task = next((t for t in plan.tasks if t.number == number), None) if plan else None
    if plan is None or task is None:
        return None
    if plan_first:
        return f"{plan_label(plan)} · {number} · {task.title}"
    name = fit(f"{number} · {task.title}", HEAD_CHARS - len(plan_label(plan)) - 3)
    return f"{name} · {plan_label(plan)}"


def _card_part(task_id: str, answer: Answer, browser: Browser, run: Callable[[Request], Answer]) -> _Part:
    """A task's card: its name, then who leads it, when and with what money, a line each."""
    plan_id, _, number = task_id.partition(":")
    lines = [_line(_task_name(task_id, browser) or (answer.sections[0].title or ""), HEAD_CHARS, "b")]
    for facet in CARD_FACTS:
        fact = run(Browser.task_request(plan_id, number, facet))
        first = next((s.lines[0] for s in fact.sections if s.lines), None)
        if first:
            lines.append(_line(first, LINE_CHARS))
    return _Part(None, lines)


def _fit(parts: list[_Part], answer: Answer, note: str | None, force_cut: bool = False) -> Brief:
    """Give every section its title and first line before any section a second one, within
    :data:`MAX_LINES` lines and :data:`MAX_ROWS` rows; what does not fit is left for «Chi tiết»."""
    if note:
        first = parts[0]
        at = 0 if first.title else 1
        first.lines.insert(at, _line(note, HEAD_CHARS))
        if first.most is not None:
            first.most += 1
    used = rows = 0

    def room(lines: list[_Line]) -> bool:
        return used + len(lines) <= MAX_LINES and rows + sum(x.rows for x in lines) <= MAX_ROWS

    titled = [False] * len(parts)
    for depth in range(max(len(p.lines) for p in parts) + 1):
        for i, part in enumerate(parts):
            if depth == 0:  # the title, and the first line with it: a title alone says nothing
                wanted = ([part.title] if part.title else []) + part.lines[:1]
                if wanted and room(wanted):
                    used += len(wanted)
                    rows += sum(x.rows for x in wanted)
                    titled[i] = True
                    part.shown = min(1, len(part.lines))
                continue
            limit = len(part.lines) if part.most is None else min(part.most, len(part.lines))
            if titled[i] and part.shown == depth < limit and room([part.lines[depth]]):
                used += 1
                rows += part.lines[depth].rows
                part.shown += 1
    blocks, head = [], ""
    for part, shown in zip(parts, titled, strict=True):
        if shown:
            lines = ([part.title] if part.title else []) + part.lines[: part.shown]
            head = head or lines[0].text
            blocks.append("\n".join(x.html for x in lines))
    cut = force_cut or any(not t or p.shown < len(p.lines) for p, t in zip(parts, titled, strict=True))
    cut = cut or _shortened(answer) or len(parts) < len([s for s in answer.sections if s.lines or s.title])
    return Brief("\n\n".join(blocks), cut, head)


def _shortened(answer: Answer) -> bool:
    """Whether a line or a title of the answer is longer than the brief lets it be."""
    for section in answer.sections:
        if section.title and len(section.title) > TITLE_CHARS:
            return True
        if any(len(line) > LINE_CHARS for line in section.lines[1:]) or any(
            len(line) > HEAD_CHARS for line in section.lines[:1]
        ):
            return True
    return False


# ---------------------------------------------------------------- a plan's budget
def _budget_plans(answer: Answer) -> list[str]:
    plans = [p for r in answer.requests for p in r.plans] or list(answer.plan_ids)
    return list(dict.fromkeys(plans))


def _total(plan: Plan) -> str:
    if plan.budget.total is None:
        return phrases.BRIEF_NO_TOTAL
    period = plan_period(plan.year_start, plan.year_end)
    return phrases.BRIEF_TOTAL.format(period=period, amount=figure(plan.budget.total))


def _budget_parts(plans: list[Plan]) -> list[_Part]:
    """A plan's budget, each figure once: the total, then each source's amount; with several
    plans, one line each (the plan named first) and, for two years of one province, the change."""
    if len(plans) > 1:
        changes = _changes(plans)
        lines = []
        for plan in plans:
            name = plan_label(plan)
            amount = f"{figure(plan.budget.total)} {phrases.MILLION}" if plan.budget.total is not None else None
            rest = (amount or phrases.BRIEF_NO_TOTAL) + (f" ({changes[plan.id]})" if plan.id in changes else "")
            text = f"{name}: {rest}"
            lines.append(_Line(f"<b>{html.escape(name)}</b>: {html.escape(rest)}", _rows(text), text))
        return [_Part(None, lines)]
    [plan] = plans
    budget = plan.budget
    lines = [_line(_total(plan), HEAD_CHARS, "b"), _line(plan.short_title, TITLE_CHARS, "i")]
    sources = [s for s in budget.sources if s.amount is not None]
    lines += [
        _line(f"• {s.long_label or s.label}: {figure(s.amount)} {phrases.MILLION_SHORT}", LINE_CHARS)
        for s in sources
        if s.amount is not None
    ]
    if not sources and budget.funding_text:
        lines.append(_line(phrases.BRIEF_FUNDING.format(text=budget.funding_text), LINE_CHARS))
    if budget.table is not None and budget.table.stated_task_total is not None:
        lines.append(_line(phrases.BRIEF_TASK_TOTAL.format(amount=figure(budget.table.stated_task_total)), LINE_CHARS))
    return [_Part(None, lines)]


def _changes(plans: list[Plan]) -> dict[str, str]:
    """'giảm 1.707,4 triệu so với năm 2022' for each plan that follows a plan of its province."""
    out = {}
    stated = sorted((p for p in plans if p.budget.total is not None), key=lambda p: (p.province_id, p.year_start))
    for before, after in itertools.pairwise(stated):
        if before.province_id != after.province_id or before.budget.total is None or after.budget.total is None:
            continue
        diff = after.budget.total - before.budget.total
        out[after.id] = phrases.BRIEF_CHANGE.format(
            trend=phrases.DOWN if diff < 0 else phrases.UP,
            amount=figure(abs(diff)),
            earlier=plan_period(before.year_start, before.year_end),
        )
    return out
