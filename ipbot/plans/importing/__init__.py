"""Draft a curated plan file from a plan document (.txt or .docx), for a human to review.

``draft_plan`` reads the document (:mod:`.document`: decision wrapper, portal copies, tables),
the document's facts (:mod:`.header`), tasks (:mod:`.tasks`, :mod:`.table`), budget (:mod:`.budget`),
objectives and targets (:mod:`.goals`) and the organisation (:mod:`.organisation`); ``finish`` records
the document's own inconsistencies; ``to_yaml`` writes the draft; ``review_page`` shows each fact
beside its passage (:mod:`.review`).
"""

from __future__ import annotations

from ipbot.plans.importing.agencies import AgencyMatcher
from ipbot.plans.importing.build import draft_plan, finish, to_yaml
from ipbot.plans.importing.document import read_document
from ipbot.plans.importing.draft import Draft
from ipbot.plans.importing.measure import Score, plan_facts, score_draft

__all__ = [
    "AgencyMatcher",
    "Draft",
    "Score",
    "draft_plan",
    "finish",
    "plan_facts",
    "read_document",
    "score_draft",
    "to_yaml",
]
