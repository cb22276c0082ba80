"""Turn an answer's attachment requests into files: chart PNGs, Excel and CSV exports.

The core only names what to attach (an :class:`~ipbot.answers.Attachment`); this module,
still free of Telegram, renders it, so the bot sends a photo or a document and the
CLI writes a file. matplotlib and openpyxl are imported only here, on demand, which
keeps the answer path light.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipbot.answers import Attachment
from ipbot.files import charts, export
from ipbot.plans.store import Knowledge

__all__ = ["File", "render"]


@dataclass(frozen=True)
class File:
    kind: str  # "photo" or "document"
    filename: str
    data: bytes
    caption: str
    short: str = ""  # a chart's caption under an album of several (see charts.Chart.short)


def render(knowledge: Knowledge, attachment: Attachment) -> File | None:
    """The file for one attachment, or None when the data cannot make it."""
    what = attachment.what
    if attachment.kind == "chart":
        plan_ids = [p for p in attachment.plans if p in knowledge.plans]
        plans = [knowledge.plans[p] for p in plan_ids]
        if not plans:
            return None
        if what == "compare":
            chart = charts.compare_totals(plans)
        elif what == "by_source":
            chart = charts.by_source(plans[0])
        else:
            chart = charts.by_group(plans[0])
        if chart is None:
            return None
        return File("photo", f"{what}-{'-'.join(plan_ids)}.png", chart.png, chart.caption, chart.short)
    target = attachment.plans[0] if attachment.plans else ""
    if attachment.kind == "export" and target in knowledge.plans:
        plan = knowledge.plans[target]
        if what == "csv":
            return File("document", f"{plan.id}.csv", export.to_csv(knowledge, plan), f"{plan.short_title} (CSV)")
        return File("document", f"{plan.id}.xlsx", export.to_xlsx(knowledge, plan), f"{plan.short_title} (Excel)")
    return None
