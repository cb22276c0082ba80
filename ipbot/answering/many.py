"""An answer about many plans, cut down to a summary that fits one message.

A question that names no province is answered from every plan it fits. With three plans that is
three short sections; with every province's plans it would be dozens of messages (the first
benchmark at 300 plans answered with up to 367,000 characters). Past :data:`MAX_PLANS` plans, or
past one message, the answer says how many plans answer it, which provinces and years, and offers
one button per plan (the same request for that plan alone); naming the province gets the full answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from ipbot import phrases
from ipbot.answers import Answer, Context, Section, Suggestion
from ipbot.plans.cycles import latest_cycle_start
from ipbot.plans.db import PlanDB, PlanInfo
from ipbot.requests import Items, Request

__all__ = [
    "MAX_BUTTONS",
    "MAX_PLANS",
    "MESSAGE_LIMIT",
    "ROOM_AROUND",
    "by_province",
    "earlier",
    "fit",
    "latest_cycle",
    "overview",
    "size",
    "summary",
]

MAX_PLANS = 3
"""Plans one answer shows in full (the three real plans are shown side by side, as before)."""
MESSAGE_LIMIT = 4096
"""One Telegram message; a summary never goes past it."""
MAX_BUTTONS = 8
"""Buttons a summary offers (one per plan)."""
ROOM_AROUND = 300
"""Characters kept free in a message for what the front end or the assistant adds (a notice, a reason)."""
OVERVIEW_ROOM = 1500
"""Characters the list of provinces may take in a reply that also says other things (help, "no plan")."""


def size(section: Section) -> int:
    """Characters a section takes in a message (title, lines, source, and the blank line after it)."""
    return sum(len(x) + 1 for x in (section.title, *section.lines, section.source) if x) + 1


def years(info: PlanInfo) -> str:
    """A plan's period as a summary shows it: "2022", "2016–2020"."""
    return str(info.year_start) if info.year_start == info.year_end else f"{info.year_start}–{info.year_end}"


def by_province(db: PlanDB, plan_ids: Sequence[str]) -> dict[str, list[str]]:
    """Province → the periods of its plans, in the plans' order."""
    out: dict[str, list[str]] = {}
    for plan_id in plan_ids:
        info = db.plan(plan_id)
        out.setdefault(info.province, []).append(years(info))
    return out


def listing(provinces: dict[str, list[str]], room: int) -> str:
    """ "An Giang (2016–2020, 2017); Bạc Liêu (…)… và 12 tỉnh khác": cut where ``room`` characters end,
    so a summary of every province's plans still fits in one message."""
    shown = ""
    for n, (province, periods) in enumerate(provinces.items()):
        item = f"{province} ({', '.join(periods)})"
        rest = phrases.MANY_PLANS_MORE.format(count=len(provinces) - n)
        if len(shown) + len(item) + len(rest) > room:
            return shown + rest
        shown += ("; " if shown else "") + item
    return shown


def overview(db: PlanDB, plan_ids: Sequence[str], room: int = OVERVIEW_ROOM) -> str:
    """ "300 kế hoạch của 57 tỉnh: An Giang, Bà Rịa - Vũng Tàu, …": what a reply that cannot list every
    plan (help, "no plan for that province") says about the plans there are; the provinces alone, so
    that every one of them fits (a province's own plans are one question away)."""
    provinces = list(by_province(db, plan_ids))
    shown = ""
    for n, province in enumerate(provinces):
        rest = phrases.MANY_PLANS_MORE.format(count=len(provinces) - n)
        if len(shown) + len(province) + len(rest) > room:
            shown += rest
            break
        shown += (", " if shown else "") + province
    return phrases.PLANS_OVERVIEW.format(plans=len(plan_ids), provinces=len(provinces), listing=shown)


def latest_cycle(db: PlanDB, plan_ids: Sequence[str]) -> list[str]:
    """Of these plans, those of the latest cycle the database holds (see :mod:`ipbot.plans.cycles`)."""
    since = latest_cycle_start(db.plan(p) for p in db.plan_ids)
    return [p for p in plan_ids if since is None or db.plan(p).year_end >= since]


def earlier(db: PlanDB, answer: Answer, plans: Sequence[str]) -> Answer:
    """The answer from the latest cycle's plans, saying how many earlier plans answer too (``plans``)."""
    provinces = by_province(db, plans)
    line = phrases.EARLIER_PLANS.format(plans=len(plans), provinces=len(provinces))
    answer.sections.append(Section([line]))
    return answer


def fit(db: PlanDB, requests: Sequence[Request], answer: Answer) -> Answer:
    """The answer as it is, or a summary when it is about more plans than fit in one message."""
    plans = [p for p in answer.plan_ids if p in db.known_plans]
    if len(plans) <= MAX_PLANS:
        # a few plans, however long the answer: the front end splits or folds it; a summary would ask
        # "which province?" of a question that named it ("Ninh Thuận: Sở KHCN chủ trì những gì?" is two plans)
        return answer
    return summary(db, requests, plans, answer)


def summary(db: PlanDB, requests: Sequence[Request], plans: Sequence[str], answer: Answer | None = None) -> Answer:
    """How many plans answer the requests, which provinces and years, and a button per plan (the same
    request for that plan alone); ``answer``, when given, lends its intent and context."""
    topical = next((r for r in requests if r.items not in (Items.TALK, Items.NOTHING)), None)
    provinces = by_province(db, plans)
    lines = [phrases.MANY_PLANS.format(plans=len(plans), provinces=len(provinces))]
    lines += [listing(provinces, MESSAGE_LIMIT - 600), phrases.MANY_PLANS_NARROW]  # room for the lines around it
    suggestions = []
    if topical is not None:
        for plan_id in plans[:MAX_BUTTONS]:
            info = db.plan(plan_id)
            suggestions.append(Suggestion(f"{info.province} {years(info)}", topical.but(plans=(plan_id,))))
    return Answer(
        sections=[Section(lines)],
        answered=answer.answered if answer is not None else True,
        intent=answer.intent if answer is not None else (topical or requests[0]).intent,
        plan_ids=list(plans),
        suggestions=suggestions,
        context=answer.context if answer is not None else Context(),
    )
