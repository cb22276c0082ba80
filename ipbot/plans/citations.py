"""The documents a plan cites: resolutions, decisions, directives, as its own text names them.

A plan rests on other documents ("Triển khai Quyết định số 2367/QĐ-TTg …") and ties tasks to
them ("theo chỉ tiêu Nghị quyết số 14-NQ/TU ngày 10/01/2022 của Ban Chấp hành Đảng bộ tỉnh …").
People ask about those documents: who issued one, when, what it is about, which tasks cite it.
The citations are found in the plan's own words when the database is built, each with where it
stands, so a new plan brings its own; nothing here is written by hand per plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ipbot.plans.models import Plan

__all__ = ["Citation", "citations", "number_key"]

# "Nghị quyết số 14-NQ/TU ngày 10/01/2022 của Ban Chấp hành Đảng bộ tỉnh về đẩy mạnh …": the kind,
# the number (digits, then its letters), the date, who issued it, and what it is about, each optional
# after the number; what it is about runs to the end of the clause (a bracket, a semicolon, a full stop)
_CITATION_RE = re.compile(
    r"(?P<kind>Nghị quyết|Quyết định|Chỉ thị|Nghị định|Thông tư|Luật)\s+(?:số\s+)?"
    r"(?P<number>\d+(?:/\d{4})?[-/][\w/.-]*[A-ZĐ][\w/.-]*)"
    r"(?:\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}))?"
    r"(?:\s+của\s+(?P<issuer>.+?)(?=\s+(?:về|phê duyệt|ban hành)\s|[,.;)“\"]|$))?"
    r"(?:\s+(?:về việc|về|phê duyệt)\s+(?P<about>[^;()]+?))?"
    r"(?=\s*(?:[;()]|\.(?:\s|$)|$|\s+và\s+(?:Nghị quyết|Quyết định|Chỉ thị|Nghị định|Thông tư|Luật)\b))"
)


@dataclass(frozen=True)
class Citation:
    """One place where a plan cites a document, with the document as it is cited there."""

    plan_id: str
    kind: str  # Nghị quyết, Quyết định…
    number: str  # as written: "14-NQ/TU", "2367/QĐ-TTg"
    date: str | None  # as written: "10/01/2022"
    issuer: str | None
    about: str | None
    text: str  # the citation verbatim
    where: str  # "task", "target", "implements", "objective", "duty"
    ref: str  # the task's number, the target's id, the section
    label: str  # how to name the place: a task's title, a target's section, a duty entry's heading

    @property
    def key(self) -> str:
        return number_key(self.number)


def number_key(number: str) -> str:
    """The digits that identify a cited document however its letters are written ("2367/QĐ-TTg" and
    "2367/QĐ-UBND", as two plans cite one decision): "2367"."""
    m = re.match(r"\d+", number)
    return m.group(0) if m else number


def citations(plan: Plan) -> list[Citation]:
    """Every document the plan's text cites, where it cites it, in the document's order (a place that
    cites one document twice, in its text and its note, counts once, with the fuller citation)."""
    best: dict[tuple[str, str, str], Citation] = {}
    for c in _found(plan):
        place = (c.where, c.ref, c.key)
        if place not in best or _fullness(c) > _fullness(best[place]):
            best[place] = c
    return list(best.values())


def _fullness(c: Citation) -> int:
    return sum(x is not None for x in (c.date, c.issuer, c.about))


def _found(plan: Plan) -> Iterator[Citation]:
    places: list[tuple[str, str, str, str]] = [
        ("implements", ref.number, "Căn cứ ban hành", ref.text) for ref in plan.implements
    ]
    places += [("objective", o.section, "Mục tiêu", o.text) for o in plan.objectives]
    for task in plan.tasks:
        text = " ".join(filter(None, [task.content, task.objective, *task.notes]))
        places.append(("task", task.number, task.title, text))
    places += [("target", t.id, t.section, t.text) for t in plan.targets]
    for entry in plan.responsibilities:
        text = " ".join(d.text for d in entry.duties)
        places.append(("duty", entry.section, entry.heading, text))
    for where, ref, label, text in places:
        for m in _CITATION_RE.finditer(text):
            yield Citation(
                plan_id=plan.id,
                kind=m.group("kind"),
                number=m.group("number").rstrip(".,"),
                date=m.group("date"),
                issuer=_clean(m.group("issuer")),
                about=_clean(m.group("about")),
                text=m.group(0).strip().rstrip(".,"),
                where=where,
                ref=ref,
                label=label,
            )


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    return text.strip(' ,“”"') or None
