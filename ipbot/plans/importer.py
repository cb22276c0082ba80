"""The importer's public surface (kept for ``from ipbot.plans.importer import …``): see :mod:`ipbot.plans.importing`."""

from __future__ import annotations

from ipbot.plans.importing import (
    AgencyMatcher,
    Draft,
    Score,
    draft_plan,
    finish,
    plan_facts,
    read_document,
    score_draft,
    to_yaml,
)
from ipbot.plans.importing.tasks import inline_roles as _inline_roles
from ipbot.plans.importing.tasks import leads_by_reference as _leads_by_reference

__all__ = [
    "AgencyMatcher",
    "Draft",
    "Score",
    "_inline_roles",
    "_leads_by_reference",
    "draft_plan",
    "finish",
    "plan_facts",
    "read_document",
    "score_draft",
    "to_yaml",
]
