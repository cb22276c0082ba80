"""How close a draft is to a curated plan: tasks (lead, timeline, budget) and the plan-level facts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ipbot.plans.importing.draft import Draft
from ipbot.plans.models import Plan
from ipbot.text import fold

__all__ = ["Score", "plan_facts", "score_draft"]


@dataclass(frozen=True)
class Score:
    tasks: int
    found: int
    lead: int
    timeline: int
    budget: int
    all_three: int

    @property
    def share(self) -> float:
        return self.all_three / self.tasks if self.tasks else 0.0


def score_draft(draft: Draft, curated: Plan) -> Score:
    """How many of the curated plan's tasks the draft gets right: lead, timeline, budget."""
    drafted = {t["number"]: t for t in draft.data["tasks"]}  # type: ignore[union-attr]
    labels = {s.key: s.label for s in curated.budget.sources}
    draft_labels = {s["key"]: s["label"] for s in draft.data["budget"]["sources"]}  # type: ignore[index]
    found = lead = timeline = budget = both = 0
    for task in curated.tasks:
        d = drafted.get(task.number)
        if d is None:
            continue
        found += 1
        ok_lead = list(d["lead"]) == list(task.lead)
        tl = task.timeline
        dtl = d.get("timeline")
        ok_time = (tl is None and dtl is None) or (
            tl is not None
            and dtl is not None
            and list(tl.quarters) == list(dtl.get("quarters", []))
            and tl.whole_year == bool(dtl.get("whole_year"))
        )
        b, db = task.budget, d["budget"]
        mine = {labels[k]: Decimal(v) for k, v in b.allocation.items()}
        theirs = {draft_labels.get(k, k): Decimal(str(v)) for k, v in db.get("allocation", {}).items()}
        ok_budget = b.status == db["status"] and (b.total == db.get("total")) and mine == theirs
        lead += ok_lead
        timeline += ok_time
        budget += ok_budget
        both += ok_lead and ok_time and ok_budget
    return Score(len(curated.tasks), found, lead, timeline, budget, both)


def _amount(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value)).normalize()


def plan_facts(draft: Draft, curated: Plan) -> dict[str, bool]:
    """Each plan-level fact the curated file states, and whether the draft has it right.

    Facts the curated plan leaves empty (the 2022 plan has no number, signer or recipients) are
    counted when the draft leaves them empty too.
    """
    d = draft.data
    budget = d["budget"]  # type: ignore[index]
    signer = d.get("signer") or {}
    reporting = d.get("reporting") or {}
    c = curated
    targets = [fold(t["text"]) for t in d.get("targets", [])]  # type: ignore[union-attr]
    return {
        "number": d.get("number") == c.number,
        "issued": (str(d["issued"]) if d.get("issued") else None) == (c.issued.isoformat() if c.issued else None),
        "signer": signer.get("name") == (c.signer.name if c.signer else None),
        "title": fold(str(d.get("title"))) == fold(c.title),
        "implements": {i["number"] for i in d.get("implements", [])} == {i.number for i in c.implements},  # type: ignore[union-attr]
        "objectives": bool(d.get("objectives")) == bool(c.objectives),
        "targets": len(targets) == len(c.targets)
        and all(any(fold(t.text)[:40] in x or x[:40] in fold(t.text) for x in targets) for t in c.targets),
        "budget_total": _amount(budget.get("total")) == _amount(c.budget.total),  # type: ignore[union-attr]
        "budget_words": fold(budget.get("in_words") or "") == fold(c.budget.in_words or ""),  # type: ignore[union-attr]
        "budget_sources": sorted(_amount(s.get("amount")) or Decimal(-1) for s in budget["sources"])  # type: ignore[index]
        == sorted(s.amount if s.amount is not None else Decimal(-1) for s in c.budget.sources),
        "responsibilities": [(r["section"], r["agencies"]) for r in d.get("responsibilities", [])]  # type: ignore[union-attr]
        == [(r.section, r.agencies) for r in c.responsibilities],
        "reporting_deadline": (reporting.get("deadline_day"), reporting.get("deadline_month"))
        == ((c.reporting.deadline_day, c.reporting.deadline_month) if c.reporting else (None, None)),
        "reporting_to": list(reporting.get("recipient", [])) == (list(c.reporting.recipient) if c.reporting else []),
        "closing_recipient": list(d.get("closing_recipient", [])) == list(c.closing_recipient),  # type: ignore[call-overload]
        "recipients": [fold(r).rstrip(";. ") for r in d.get("recipients", [])]  # type: ignore[union-attr]
        == [fold(r).rstrip(";. ") for r in c.recipients],
    }
