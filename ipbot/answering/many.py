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
from ipbot.answers import Answer, Section, Suggestion
from ipbot.plans.db import PlanDB
from ipbot.requests import Items, Request

__all__ = ["MAX_PLANS", "MESSAGE_LIMIT", "fit"]

MAX_PLANS = 3
"""Plans one answer shows in full (the three real plans are shown side by side, as before)."""
MESSAGE_LIMIT = 4096
"""One Telegram message; a summary never goes past it."""
MAX_BUTTONS = 8


def fit(db: PlanDB, requests: Sequence[Request], answer: Answer) -> Answer:
    """The answer as it is, or a summary when it is about more plans than fit in one message."""
    plans = [p for p in answer.plan_ids if p in db.plan_ids]
    if len(plans) <= MAX_PLANS:
        # a few plans, however long the answer: the front end splits or folds it; a summary would ask
        # "which province?" of a question that named it ("Ninh Thuận: Sở KHCN chủ trì những gì?" is two plans)
        return answer
    topical = next((r for r in requests if r.items not in (Items.TALK, Items.NOTHING)), None)
    by_province: dict[str, list[str]] = {}
    for plan_id in plans:
        info = db.plan(plan_id)
        years = str(info.year_start) if info.year_start == info.year_end else f"{info.year_start}–{info.year_end}"
        by_province.setdefault(info.province, []).append(years)
    lines = [phrases.MANY_PLANS.format(plans=len(plans), provinces=len(by_province))]
    shown = ""
    for n, (province, years) in enumerate(by_province.items()):
        item = f"{province} ({', '.join(years)})"
        rest = phrases.MANY_PLANS_MORE.format(count=len(by_province) - n)
        if len(shown) + len(item) + len(rest) + 600 > MESSAGE_LIMIT:  # room for the lines around it
            shown += rest
            break
        shown += ("; " if shown else "") + item
    lines += [shown, phrases.MANY_PLANS_NARROW]
    suggestions = []
    if topical is not None:
        for plan_id in plans[:MAX_BUTTONS]:
            info = db.plan(plan_id)
            years = str(info.year_start) if info.year_start == info.year_end else f"{info.year_start}–{info.year_end}"
            suggestions.append(Suggestion(f"{info.province} {years}", topical.but(plans=(plan_id,))))
    return Answer(
        sections=[Section(lines)],
        answered=answer.answered,
        intent=answer.intent,
        plan_ids=plans,
        suggestions=suggestions,
        context=answer.context,
    )
