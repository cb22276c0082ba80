"""The plan database: built from ``data/`` with sqlite-utils, read back read-only.

This is the only module that imports :mod:`sqlite_utils`. The build is atomic (a
temporary file renamed over the old one) and reproducible (the same data gives the
same rows); :func:`ensure_database` rebuilds when the database is missing or was built
from other data, so the bot never answers from stale figures.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ipbot.plans.citations import citations
from ipbot.plans.load import (
    AGENCIES_FILE,
    CONTACTS_FILE,
    PLANS_DIR,
    SOURCES_DIR,
    Agency,
    Catalogue,
    Problem,
    plans_abbreviations,
)
from ipbot.plans.models import Plan
from ipbot.plans.pickled import TAG as PICKLE_TAG
from ipbot.plans.pickled import dump_plans, load_plans
from ipbot.text import WORDS_FILE, fold, use_plan_abbreviations

if TYPE_CHECKING:
    import sqlite_utils

__all__ = [
    "DataInvalid",
    "Knowledge",
    "build_database",
    "data_fingerprint",
    "ensure_database",
    "open_readonly",
    "read_knowledge",
    "read_row",
    "read_tokens",
    "search",
]

SCHEMA_VERSION = "4"


class DataInvalid(Exception):
    """The data files have errors; the database is not built from them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]))


@dataclass(frozen=True)
class Knowledge:
    """What the answering core needs, read back from the database."""

    plans: dict[str, Plan]
    agencies: dict[str, Agency]
    fingerprint: str
    tokens: dict[str, list[str | None]] = field(default_factory=dict)  # document tokens, else read from ``path``
    words: frozenset[str] = frozenset()  # accented vocabulary of the documents
    path: Path | None = None  # the database file the knowledge was read from
    data_dir: Path | None = None  # the data folder it was built from, for the reference files beside it

    def agency(self, plan: Plan, slug: str) -> Agency:
        for candidate in (f"{plan.province_id}/{slug}", slug):
            if candidate in self.agencies:
                return self.agencies[candidate]
        raise KeyError(slug)


def _data_files(data_dir: Path) -> list[Path]:
    files = [data_dir / AGENCIES_FILE, data_dir / CONTACTS_FILE, *sorted((data_dir / PLANS_DIR).glob("*.yaml"))]
    files += sorted((data_dir / SOURCES_DIR).glob("*.txt"))
    return [f for f in files if f.exists()]


_CODE_FILES = (
    "text.py",
    "reading/index.py",
    "reading/postings.py",
    "reading/places.py",
    "plans/models.py",
    "plans/pickled.py",
    "plans/store.py",
    "plans/load.py",
    "plans/checks.py",
)
"""The code whose output the database stores (tokens, schema): a change rebuilds it."""

_LEXICON_FILES = (WORDS_FILE,)
"""The words documents are tokenised with (abbreviations, function words): the bundled ones, whatever the data dir."""


def data_fingerprint(data_dir: Path) -> str:
    """A hash of every data file's name and bytes, and of the code and words that shape the database."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    here = Path(__file__).resolve().parent.parent
    for name in _CODE_FILES:
        digest.update((here / name).read_bytes())
    for path in _LEXICON_FILES:
        digest.update(path.read_bytes())
    for path in _data_files(data_dir):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _dong(amount: Decimal | None) -> int | None:
    """Million VND as whole đồng, so SQL sums stay exact (9,2 triệu = 9 200 000)."""
    return None if amount is None else int(amount * 1_000_000)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _plan_rows(cat: Catalogue) -> Iterator[tuple[str, dict[str, object]]]:
    """Yield (table, row) pairs: every fact of every plan, one table per kind of fact."""
    for position, plan in enumerate(cat.plans.values()):
        signer, budget = plan.signer, plan.budget
        table = budget.table
        yield (
            "plans",
            {
                "id": plan.id,
                "position": position,
                "province": plan.province,
                "province_id": plan.province_id,
                "title": plan.title,
                "short_title": plan.short_title,
                "year_start": plan.year_start,
                "year_end": plan.year_end,
                "horizon": plan.horizon,
                "number": plan.number,
                "number_note": plan.number_note,
                "issued": plan.issued.isoformat() if plan.issued else None,
                "issued_text": plan.issued_text,
                "issued_month": plan.issued_month,
                "issuer": plan.issuer,
                "signer": signer.name if signer else None,
                "signer_title": signer.title if signer else None,
                "signer_capacity": signer.capacity if signer else None,
                "budget_section": budget.section,
                "budget_total": _dong(budget.total),
                "budget_total_text": budget.total_text,
                "budget_in_words": budget.in_words,
                "funding_text": budget.funding_text,
                "budget_by_year": _json({str(y): str(v) for y, v in budget.by_year.items()}),
                "table_title": table.title if table else None,
                "table_unit": table.unit if table else None,
                "table_note": table.note if table else None,
                "stated_task_total": _dong(table.stated_task_total) if table else None,
                "stated_grand_total": _dong(table.stated_grand_total) if table else None,
                "table_missing": budget.table_missing,
                "closing": plan.closing,
                "closing_recipient": _json(plan.closing_recipient),
                "in_force": plan.in_force,
                "proposal": plan.proposal,
                "json": plan.model_dump_json(),
            },
        )
        for n, group in enumerate(plan.groups):
            yield (
                "groups",
                {
                    "plan_id": plan.id,
                    "number": group.number,
                    "title": group.title,
                    "short": group.short,
                    "intro": group.intro,
                    "position": n,
                },
            )
        for n, source in enumerate(budget.sources):
            yield (
                "sources",
                {
                    "plan_id": plan.id,
                    "key": source.key,
                    "position": n,
                    "label": source.label,
                    "long_label": source.long_label,
                    "amount": _dong(source.amount),
                    "table_amount": _dong(table.stated_allocation.get(source.key)) if table else None,
                },
            )
        yield from _task_rows(cat, plan)
        for n, target in enumerate(plan.targets):
            yield (
                "targets",
                {
                    "plan_id": plan.id,
                    "id": target.id,
                    "position": n,
                    "year": target.year,
                    "section": target.section,
                    "category": target.category,
                    "text": target.text,
                    "value": target.value,
                    "unit": target.unit,
                },
            )
        for n, resp in enumerate(plan.responsibilities):
            yield "duties", {"plan_id": plan.id, "section": resp.section, "position": n, "heading": resp.heading}
            for k, duty in enumerate(resp.duties):
                yield (
                    "duty_items",
                    {
                        "plan_id": plan.id,
                        "section": resp.section,
                        "position": k,
                        "label": duty.label,
                        "text": duty.text,
                    },
                )
            for slug in resp.agencies:
                yield (
                    "duty_agencies",
                    {
                        "plan_id": plan.id,
                        "section": resp.section,
                        "agency": slug,
                        "agency_id": cat.agency(plan, slug).id,
                    },
                )
        for n, block in enumerate(plan.objectives):
            yield (
                "objectives",
                {
                    "plan_id": plan.id,
                    "section": block.section,
                    "position": n,
                    "kind": block.kind,
                    "heading": block.heading,
                    "text": block.text,
                },
            )
        for table, refs in (("implements", plan.implements), ("replaces", plan.replaces)):
            for n, ref in enumerate(refs):
                yield (
                    table,
                    {
                        "plan_id": plan.id,
                        "position": n,
                        "number": ref.number,
                        "date": ref.date.isoformat() if ref.date else None,
                        "issuer": ref.issuer,
                        "title": ref.title,
                        "text": ref.text,
                    },
                )
        for n, c in enumerate(citations(plan)):
            yield (
                "citations",
                {
                    "plan_id": plan.id,
                    "position": n,
                    "kind": c.kind,
                    "number": c.number,
                    "key": c.key,
                    "date": c.date,
                    "issuer": c.issuer,
                    "about": c.about,
                    "text": c.text,
                    "place": c.where,
                    "ref": c.ref,
                    "label": c.label,
                },
            )
        for n, line in enumerate(plan.recipients):
            yield "recipients", {"plan_id": plan.id, "position": n, "line": line}
        if plan.reporting is not None:
            r = plan.reporting
            yield (
                "reporting",
                {
                    "plan_id": plan.id,
                    "section": r.section,
                    "text": r.text,
                    "reporters": r.reporters,
                    "recipient": _json(r.recipient),
                    "forward_to": _json(r.forward_to),
                    "frequency": r.frequency,
                    "deadline": r.deadline,
                },
            )
        for n, event in enumerate(plan.events):
            yield (
                "events",
                {
                    "plan_id": plan.id,
                    "position": n,
                    "title": event.title,
                    "month": event.month,
                    "day": event.day,
                    "year": event.year,
                    "task": event.task,
                    "section": event.section,
                },
            )
        for d in plan.discrepancies:
            yield (
                "discrepancies",
                {
                    "plan_id": plan.id,
                    "id": d.id,
                    "kind": d.kind,
                    "check": d.check,
                    "where": d.where,
                    "stated": d.stated,
                    "computed": d.computed,
                    "note": d.note,
                    "task": d.task,
                },
            )


def _task_rows(cat: Catalogue, plan: Plan) -> Iterator[tuple[str, dict[str, object]]]:
    """Tasks, their quarters, agencies by role, and budget rows with a column per funding source."""
    for position, task in enumerate(plan.tasks):
        tid = f"{plan.id}:{task.number}"
        tl, b = task.timeline, task.budget
        yield (
            "tasks",
            {
                "id": tid,
                "plan_id": plan.id,
                "position": position,
                "number": task.number,
                "label": task.label,
                "grp": task.group,
                "section": task.section,
                "title": task.title,
                "content": task.content,
                "objective": task.objective,
                "objective_table": task.objective_table,
                "training_content": task.training_content,
                "timeline": tl.text if tl else None,
                "year": tl.year if tl else None,
                "whole_year": bool(tl and tl.whole_year),
                "duration_months": task.duration_months,
                "lead_note": task.lead_note,
                "cooperating_text": task.cooperating_text,
                "said": _json(task.said),
                "budget_status": b.status,
                "notes": _json(task.notes),
                "topics": _json(task.topics),
                "quantities": _json([q.model_dump(mode="json") for q in task.quantities]),
            },
        )
        for quarter in tl.quarters if tl else ():
            yield "task_quarters", {"task_id": tid, "plan_id": plan.id, "quarter": quarter}
        for role, slugs in (("lead", task.lead), ("cooperating", task.cooperating)):
            for n, slug in enumerate(slugs):
                yield (
                    "task_agencies",
                    {
                        "task_id": tid,
                        "plan_id": plan.id,
                        "agency": slug,
                        "agency_id": cat.agency(plan, slug).id,
                        "role": role,
                        "position": n,
                    },
                )
        if b.status in ("row", "recurring"):
            allocation = sum(b.allocation.values(), Decimal(0)) if b.allocation else None
            row: dict[str, object] = {
                "task_id": tid,
                "plan_id": plan.id,
                "row": b.row,
                "status": b.status,
                "total": _dong(b.total),
                "allocation": _dong(allocation),
                "note": b.note,
            }
            row.update({f"src_{s.key}": _dong(b.allocation.get(s.key)) for s in plan.budget.sources})
            yield "budget_rows", row


def _search_rows(cat: Catalogue) -> Iterator[dict[str, object]]:
    """Passages for full-text search, with a diacritic-folded copy to index."""
    for plan in cat.plans.values():
        for task in plan.tasks:
            body = " ".join(filter(None, [task.title, task.content, task.objective, task.training_content]))
            yield {
                "plan_id": plan.id,
                "kind": "task",
                "ref": task.number,
                "section": task.section,
                "text": body,
                "folded": fold(body),
            }
        for resp in plan.responsibilities:
            body = resp.heading + ": " + " ".join(d.text for d in resp.duties)
            yield {
                "plan_id": plan.id,
                "kind": "responsibility",
                "ref": resp.section,
                "section": resp.section,
                "text": body,
                "folded": fold(body),
            }
        for target in plan.targets:
            yield {
                "plan_id": plan.id,
                "kind": "target",
                "ref": target.id,
                "section": target.section,
                "text": target.text,
                "folded": fold(target.text),
            }


def build_database(data_dir: Path, db_path: Path, derive: Derive | None = None) -> Catalogue:
    """Validate ``data_dir`` and build the database at ``db_path`` atomically.

    Raises :class:`DataInvalid` (and leaves any existing database untouched) when the
    data has errors.
    """
    import sqlite_utils  # the build path only: answering reads with sqlite3 and starts faster

    from ipbot.plans.checks import check_catalogue
    from ipbot.plans.load import load_catalogue

    cat = load_catalogue(data_dir)
    problems = check_catalogue(cat)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise DataInvalid(errors)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=db_path.name + ".", suffix=".tmp", dir=db_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        db = sqlite_utils.Database(tmp)
        try:
            _fill(db, cat, data_dir, derive)
        finally:
            db.conn.close()  # also when the build fails half-way
        os.replace(tmp, db_path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return cat


def _contact_rows(cat: Catalogue) -> Iterator[dict[str, object]]:
    for position, c in enumerate(cat.contacts.contacts if cat.contacts else ()):
        yield {
            "id": c.id,
            "position": position,
            "name": c.name,
            "agency": c.agency,
            "provinces": _json([fold(p) for p in c.provinces]),
            "address": c.address,
            "phone": c.phone,
            "email": c.email,
            "website": c.website,
            "note": c.note,
        }


_SCHEMA: dict[str, dict[str, type]] = {
    "contacts": {
        "id": str,
        "position": int,
        "name": str,
        "agency": str,
        "provinces": str,
        "address": str,
        "phone": str,
        "email": str,
        "website": str,
        "note": str,
    },
    "groups": {"plan_id": str, "number": str, "title": str, "short": str, "intro": str, "position": int},
    "sources": {
        "plan_id": str,
        "key": str,
        "position": int,
        "label": str,
        "long_label": str,
        "amount": int,
        "table_amount": int,
    },
    "task_quarters": {"task_id": str, "plan_id": str, "quarter": int},
    "task_agencies": {"task_id": str, "plan_id": str, "agency": str, "agency_id": str, "role": str, "position": int},
    "budget_rows": {
        "task_id": str,
        "plan_id": str,
        "row": str,
        "status": str,
        "total": int,
        "allocation": int,
        "note": str,
    },
    "targets": {
        "plan_id": str,
        "id": str,
        "position": int,
        "year": int,
        "section": str,
        "category": str,
        "text": str,
        "value": str,
        "unit": str,
    },
    "duties": {"plan_id": str, "section": str, "position": int, "heading": str},
    "duty_items": {"plan_id": str, "section": str, "position": int, "label": str, "text": str},
    "duty_agencies": {"plan_id": str, "section": str, "agency": str, "agency_id": str},
    "objectives": {"plan_id": str, "section": str, "position": int, "kind": str, "heading": str, "text": str},
    "implements": {
        "plan_id": str,
        "position": int,
        "number": str,
        "date": str,
        "issuer": str,
        "title": str,
        "text": str,
    },
    "replaces": {
        "plan_id": str,
        "position": int,
        "number": str,
        "date": str,
        "issuer": str,
        "title": str,
        "text": str,
    },
    "citations": {
        "plan_id": str,
        "position": int,
        "kind": str,
        "number": str,
        "key": str,
        "date": str,
        "issuer": str,
        "about": str,
        "text": str,
        "place": str,
        "ref": str,
        "label": str,
    },
    "recipients": {"plan_id": str, "position": int, "line": str},
    "reporting": {
        "plan_id": str,
        "section": str,
        "text": str,
        "reporters": str,
        "recipient": str,
        "forward_to": str,
        "frequency": str,
        "deadline": str,
    },
    "events": {
        "plan_id": str,
        "position": int,
        "title": str,
        "month": int,
        "day": int,
        "year": int,
        "task": str,
        "section": str,
    },
    "discrepancies": {
        "plan_id": str,
        "id": str,
        "kind": str,
        "check": str,
        "where": str,
        "stated": str,
        "computed": str,
        "note": str,
        "task": str,
    },
    "task_analogs": {"task_id": str, "plan_id": str, "other_plan_id": str, "other_id": str, "similarity": float},
}
"""Tables that may have no rows (a plan with no targets, no discrepancies…): created empty all the same."""

_INDEXES = (
    ("tasks", ["plan_id"]),
    ("task_agencies", ["agency", "role"]),
    ("task_agencies", ["task_id"]),
    ("task_agencies", ["task_id", "agency", "role"]),
    ("task_quarters", ["task_id"]),
    ("budget_rows", ["plan_id"]),
    ("budget_rows", ["task_id"]),
    ("duty_agencies", ["agency"]),
    ("duty_agencies", ["plan_id", "section"]),
    ("duties", ["plan_id", "section"]),
    ("duty_items", ["plan_id", "section"]),
    ("citations", ["key"]),
    ("citations", ["plan_id"]),
    ("task_analogs", ["task_id", "other_plan_id"]),
    *(
        (table, ["plan_id"])
        for table in ("targets", "objectives", "implements", "replaces", "recipients", "reporting", "events")
    ),
    *((table, ["plan_id"]) for table in ("discrepancies", "groups", "sources")),
)
"""With ``analyze`` after them: a task's agencies, quarters and budget row are looked up by the task (at 300
plans "which tasks does this agency join" looked through the agency's thousand rows for every task: 0.8 s),
and one plan's rows of every other table by the plan (at 300 plans a plan's objectives, duties or a task's
analog were each a scan of every plan's rows, 0.5–1 ms; answers over several plans made hundreds). The
queries on them either say their order or look up one key, whose rows an index gives in table order, as a
scan did: no answer changes."""

Derive = Callable[[Catalogue], dict[str, list[dict[str, object]]]]
"""Tables computed from the plans by another layer (reading's document tokens, task analogs)."""


def _fill(db: sqlite_utils.Database, cat: Catalogue, data_dir: Path, derive: Derive | None) -> None:
    """Write every table of the plan database into the fresh file, then commit."""
    db["meta"].insert_all(
        [
            {"key": "fingerprint", "value": data_fingerprint(data_dir)},
            {"key": "schema_version", "value": SCHEMA_VERSION},
        ],
        pk="key",
    )
    db["agencies"].insert_all(
        (
            {
                "id": a.id,
                "slug": a.slug,
                "name": a.name,
                "short": a.short,
                "scope": a.scope,
                "kind": a.kind,
                "province_id": a.province_id,
            }
            for a in cat.agencies.values()
        ),
        pk="id",
    )
    db["agency_aliases"].insert_all(
        (
            {"agency_id": a.id, "alias": alias, "folded": fold(alias)}
            for a in cat.agencies.values()
            for alias in (a.name, *a.aliases)
        ),
    )
    rows: dict[str, list[dict[str, object]]] = {"contacts": list(_contact_rows(cat))}
    if cat.contacts is not None:
        db["meta"].insert({"key": "contacts_updated", "value": cat.contacts.updated.isoformat()})
    for table, row in _plan_rows(cat):
        rows.setdefault(table, []).append(row)
    if derive is not None:
        for table, table_rows in derive(cat).items():
            rows.setdefault(table, []).extend(table_rows)
    pks = {"plans": "id", "tasks": "id", "doc_tokens": "key"}
    # columns that may be empty in every row sqlite-utils samples to guess a type (at 300 generated plans the
    # first tasks state no length): said, so "24" is never stored as text and added to an int
    types = {"tasks": {"year": int, "duration_months": int, "position": int}}
    for table, columns in _SCHEMA.items():
        db[table].create(columns)
    for table, table_rows in rows.items():
        # alter: budget_rows gets one column per funding source, and plans name different sources
        db[table].insert_all(table_rows, pk=pks.get(table), alter=True, columns=types.get(table))
    for table, columns in _INDEXES:
        if table in db.table_names():
            db[table].create_index(columns)
    # the models as reading them back from their JSON makes them, stored ready-made (see ipbot.plans.pickled)
    read_back = [Plan.model_validate_json(row["json"]) for row in sorted(rows["plans"], key=lambda r: str(r["id"]))]
    db["plan_models"].insert({"python": PICKLE_TAG, "data": dump_plans(read_back)})
    db["passages"].insert_all(_search_rows(cat))
    db["passages"].enable_fts(["folded"], tokenize="unicode61")
    db.conn.execute("analyze")  # the tables' sizes, so that SQLite picks the index that narrows most
    db.conn.commit()


def _connect_readonly(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def open_readonly(db_path: Path) -> sqlite_utils.Database:
    """Open the plan database read-only (the bot never writes to it)."""
    import sqlite_utils

    return sqlite_utils.Database(_connect_readonly(db_path))


def _stored_fingerprint(db_path: Path) -> str | None:
    try:
        conn = _connect_readonly(db_path)
        try:
            row = conn.execute("select value from meta where key = 'fingerprint'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def ensure_database(data_dir: Path, db_path: Path, derive: Derive | None = None) -> Path:
    """Build the database if it is missing or was built from different data."""
    if not db_path.exists() or _stored_fingerprint(db_path) != data_fingerprint(data_dir):
        build_database(data_dir, db_path, derive)
    return db_path


def read_knowledge(db_path: Path) -> Knowledge:
    """Read plans and agencies back from the database into models (plain sqlite3: fast start)."""
    conn = _connect_readonly(db_path)
    try:
        plans = _stored_plans(conn) or {
            row["id"]: Plan.model_validate_json(row["json"])
            for row in conn.execute("select id, json from plans order by id")
        }
        aliases: dict[str, list[str]] = {}
        for row in conn.execute("select agency_id, alias from agency_aliases order by rowid"):
            aliases.setdefault(row["agency_id"], []).append(row["alias"])
        agencies = {}
        for row in conn.execute("select * from agencies order by id"):
            agencies[row["id"]] = Agency(
                row["id"],
                row["slug"],
                row["name"],
                row["short"],
                row["scope"],
                row["kind"],
                row["province_id"],
                tuple(a for a in aliases.get(row["id"], []) if a != row["name"]),
            )
        fingerprint = conn.execute("select value from meta where key = 'fingerprint'").fetchone()[0]
        tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        words = (
            frozenset(row[0] for row in conn.execute("select word from vocabulary"))
            if "vocabulary" in tables
            else frozenset()
        )
    finally:
        conn.close()
    # questions are expanded with the abbreviations the documents were tokenised with
    use_plan_abbreviations(plans_abbreviations(list(plans.values())))
    return Knowledge(plans, agencies, fingerprint, {}, words, db_path)


def _stored_plans(conn: sqlite3.Connection) -> dict[str, Plan] | None:
    """The plan models pickled at build time, when this Python can read them and they are the plans' rows."""
    if not conn.execute("select 1 from sqlite_master where type = 'table' and name = 'plan_models'").fetchone():
        return None
    row = conn.execute("select python, data from plan_models").fetchone()
    plans = load_plans(row["data"]) if row is not None and row["python"] == PICKLE_TAG else None
    ids = [r[0] for r in conn.execute("select id from plans order by id")]
    if plans is None or [p.id for p in plans] != ids:
        return None
    return {p.id: p for p in plans}


def read_row(db_path: Path, table: str, *columns: str) -> sqlite3.Row | None:
    """Columns of the first row of a table another layer derived at build time (names from code, never
    from users), or None when the database has no such table."""
    conn = _connect_readonly(db_path)
    try:
        if not conn.execute("select 1 from sqlite_master where type = 'table' and name = ?", (table,)).fetchone():
            return None
        wanted = ", ".join(f"[{c}]" for c in columns) or "*"
        return conn.execute(f"select {wanted} from [{table}] limit 1").fetchone()
    finally:
        conn.close()


def read_tokens(db_path: Path) -> dict[str, list[str | None]]:
    """The document tokens made at build time, by text key: read once, when the index is built, and
    not kept with the knowledge (tens of MB with every province's plans)."""
    conn = _connect_readonly(db_path)
    try:
        tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        if "doc_tokens" not in tables:
            return {}
        return {row["key"]: json.loads(row["tokens"]) for row in conn.execute("select key, tokens from doc_tokens")}
    finally:
        conn.close()


def search(db_path: Path, query: str, limit: int = 10) -> list[dict[str, object]]:
    """Full-text search over tasks, duties and targets, diacritics folded ("nha dam" → "Nha đam")."""
    words = [w for w in fold(query).split() if w.replace(".", "").isalnum()]
    if not words:
        return []
    match = " ".join(f'"{w}"' for w in words)
    db = open_readonly(db_path)
    try:
        return list(
            db.query(
                "select passages.plan_id, passages.kind, passages.ref, passages.section, passages.text "
                "from passages join passages_fts on passages.rowid = passages_fts.rowid "
                "where passages_fts match :match order by passages_fts.rank limit :limit",
                {"match": match, "limit": limit},
            )
        )
    finally:
        db.conn.close()
