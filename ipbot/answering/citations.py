"""The documents the plans cite: what one is (its number, date, issuer, subject) and where it is cited.

"Nghị quyết 14-NQ/TU do ai ban hành, ngày nào?", "sang kế hoạch 2023 nghị quyết này được viện
dẫn cho nhiệm vụ nào?": the citation as the plan words it, and each place that cites it. Two
plans may cite one document differently (one with its date, one without; "QĐ-TTg" in one,
"QĐ-UBND" in the other): each wording is shown, as the documents have it, never reconciled.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from ipbot.answering.common import plans_of, reply
from ipbot.answers import Answer, Section
from ipbot.plans.db import PlanDB
from ipbot.requests import Request

__all__ = ["citations"]


def citations(db: PlanDB, request: Request) -> Answer:
    """Each cited document asked about: its fullest citation, the other wordings, then where it is cited."""
    plans = plans_of(db, request)
    rows = db.citations([p.id for p in plans], request.filters.ids)
    if not rows:
        asked = ", ".join(f"số {k}" for k in request.filters.ids)
        names = ", ".join(p.short_title for p in plans) if len(plans) <= 3 else "Các kế hoạch SHTT hiện có"
        said = f"{names} không viện dẫn văn bản {asked}." if asked else f"{names} không viện dẫn văn bản nào khác."
        return reply(request, [Section([said])], False, plans=request.plans)
    by_document: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in rows:
        by_document[row["key"]].append(row)
    sections = []
    for cited in by_document.values():
        fullest = max(cited, key=lambda r: sum(r[c] is not None for c in ("date", "issuer", "about")))
        lines = [f"{fullest['text']}."]
        other_wordings = dict.fromkeys(
            (r["plan_id"], r["text"])
            for r in cited
            if r["text"] != fullest["text"] and r["text"] not in fullest["text"]
        )
        for plan_id, text in other_wordings:
            lines.append(f"{db.plan(plan_id).short_title} ghi: «{text}».")
        lines.append("Được viện dẫn ở:")
        for row in cited:
            lines.append(f"• {db.plan(row['plan_id']).short_title}: {_where(row)[0]}.")
        cited_plans = list(dict.fromkeys(r["plan_id"] for r in cited))
        source = "; ".join(
            f"{db.plan(p).short_title}, {', '.join(dict.fromkeys(_where(r)[1] for r in cited if r['plan_id'] == p))}"
            for p in cited_plans
        )
        sections.append(Section(lines, f"{fullest['kind']} số {fullest['number']}", f"Nguồn: {source}."))
    # the tasks that cite it are what "nhiệm vụ đó ai chủ trì?" asks about next
    citing = list(dict.fromkeys(f"{r['plan_id']}:{r['ref']}" for r in rows if r["place"] == "task"))
    return reply(request, sections, True, plans=list(dict.fromkeys(r["plan_id"] for r in rows)), tasks=citing)


def _where(row: sqlite3.Row) -> tuple[str, str]:
    """Where a plan cites the document: said as a reader finds it, and as a source names it."""
    place, ref = row["place"], row["ref"]
    if place == "task":
        return f"nhiệm vụ {ref} ({row['label']})", f"nhiệm vụ {ref}"
    if place == "implements":
        return "phần căn cứ: kế hoạch được ban hành để triển khai văn bản này", "phần căn cứ"
    if place == "target":
        return f"chỉ tiêu ở mục {row['label']}", f"mục {row['label']}"
    if place == "duty":
        return f"mục {ref} (Tổ chức thực hiện)", f"mục {ref}"
    return f"mục {ref}", f"mục {ref}"
