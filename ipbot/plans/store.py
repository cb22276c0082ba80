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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ipbot.plans.load import AGENCIES_FILE, PLANS_DIR, SOURCES_DIR, Agency, Catalogue, Problem
from ipbot.plans.models import Plan
from ipbot.text import fold

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
    "search",
]

SCHEMA_VERSION = "1"


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
    tokens: dict[str, list[str | None]] = field(default_factory=dict)  # precomputed document tokens
    words: frozenset[str] = frozenset()  # accented vocabulary of the documents

    def agency(self, plan: Plan, slug: str) -> Agency:
        for candidate in (f"{plan.province_id}/{slug}", slug):
            if candidate in self.agencies:
                return self.agencies[candidate]
        raise KeyError(slug)


def _data_files(data_dir: Path) -> list[Path]:
    files = [data_dir / AGENCIES_FILE, *sorted((data_dir / PLANS_DIR).glob("*.yaml"))]
    files += sorted((data_dir / SOURCES_DIR).glob("*.txt"))
    return [f for f in files if f.exists()]


_CODE_FILES = ("text.py", "reading/index.py", "plans/models.py", "plans/store.py", "plans/load.py", "plans/checks.py")
"""The code whose output the database stores (tokens, schema): a change rebuilds it."""


def data_fingerprint(data_dir: Path) -> str:
    """A hash of every data file's name and bytes, and of the code that shapes the database."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    here = Path(__file__).resolve().parent.parent
    for name in _CODE_FILES:
        digest.update((here / name).read_bytes())
    for path in _data_files(data_dir):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _plan_rows(cat: Catalogue) -> Iterator[tuple[str, dict[str, object]]]:
    """Yield (table, row) pairs for every fact of every plan."""
    for plan in cat.plans.values():
        signer = plan.signer
        yield (
            "plans",
            {
                "id": plan.id,
                "province": plan.province,
                "province_id": plan.province_id,
                "title": plan.title,
                "short_title": plan.short_title,
                "year_start": plan.year_start,
                "year_end": plan.year_end,
                "horizon": plan.horizon,
                "number": plan.number,
                "issued": plan.issued.isoformat() if plan.issued else None,
                "signer": signer.name if signer else None,
                "signer_title": signer.title if signer else None,
                "budget_total": str(plan.budget.total) if plan.budget.total is not None else None,
                "json": plan.model_dump_json(),
            },
        )
        for source in plan.budget.sources:
            yield (
                "plan_budget_sources",
                {
                    "plan_id": plan.id,
                    "key": source.key,
                    "label": source.label,
                    "amount": str(source.amount) if source.amount is not None else None,
                },
            )
        for task in plan.tasks:
            tid = f"{plan.id}:{task.number}"
            timeline = task.timeline
            yield (
                "tasks",
                {
                    "id": tid,
                    "plan_id": plan.id,
                    "number": task.number,
                    "group": task.group,
                    "section": task.section,
                    "title": task.title,
                    "content": task.content,
                    "objective": task.objective,
                    "timeline": timeline.text if timeline else None,
                    "quarters": json.dumps(timeline.quarters) if timeline else "[]",
                    "whole_year": bool(timeline and timeline.whole_year),
                    "duration_months": task.duration_months,
                    "lead_note": task.lead_note,
                    "budget_status": task.budget.status,
                    "budget_total": str(task.budget.total) if task.budget.total is not None else None,
                    "budget_note": task.budget.note,
                },
            )
            for role, slugs in (("lead", task.lead), ("cooperating", task.cooperating)):
                for position, slug in enumerate(slugs):
                    yield (
                        "task_agencies",
                        {
                            "task_id": tid,
                            "agency_id": cat.agency(plan, slug).id,
                            "role": role,
                            "position": position,
                        },
                    )
            for key, amount in task.budget.allocation.items():
                yield "task_allocations", {"task_id": tid, "source_key": key, "amount": str(amount)}
            for q in task.quantities:
                yield "task_quantities", {"task_id": tid, "value": str(q.value), "unit": q.unit, "text": q.text}
        for target in plan.targets:
            yield (
                "targets",
                {
                    "plan_id": plan.id,
                    "id": target.id,
                    "year": target.year,
                    "section": target.section,
                    "category": target.category,
                    "text": target.text,
                    "value": target.value,
                },
            )
        for resp in plan.responsibilities:
            for slug in resp.agencies:
                yield (
                    "responsibilities",
                    {
                        "plan_id": plan.id,
                        "section": resp.section,
                        "heading": resp.heading,
                        "agency_id": cat.agency(plan, slug).id,
                        "duties": json.dumps([d.text for d in resp.duties], ensure_ascii=False),
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
                },
            )


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


def build_database(data_dir: Path, db_path: Path) -> Catalogue:
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
            _fill(db, cat, data_dir)
        finally:
            db.conn.close()  # also when the build fails half-way
        os.replace(tmp, db_path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return cat


def _fill(db: sqlite_utils.Database, cat: Catalogue, data_dir: Path) -> None:
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
    rows: dict[str, list[dict[str, object]]] = {}
    for table, row in _plan_rows(cat):
        rows.setdefault(table, []).append(row)
    pks = {"plans": "id", "tasks": "id"}
    for table, table_rows in rows.items():
        db[table].insert_all(table_rows, pk=pks.get(table))
    from ipbot.reading.index import precompute_tokens

    tokens, words = precompute_tokens(cat.plans.values())
    db["doc_tokens"].insert_all(({"key": k, "tokens": json.dumps(v)} for k, v in tokens.items()), pk="key")
    db["meta"].insert({"key": "accented_vocabulary", "value": json.dumps(words, ensure_ascii=False)})
    db["passages"].insert_all(_search_rows(cat))
    db["passages"].enable_fts(["folded"], tokenize="unicode61")
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


def ensure_database(data_dir: Path, db_path: Path) -> Path:
    """Build the database if it is missing or was built from different data."""
    if not db_path.exists() or _stored_fingerprint(db_path) != data_fingerprint(data_dir):
        build_database(data_dir, db_path)
    return db_path


def read_knowledge(db_path: Path) -> Knowledge:
    """Read plans and agencies back from the database into models (plain sqlite3: fast start)."""
    conn = _connect_readonly(db_path)
    try:
        plans = {
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
        tokens = {row["key"]: json.loads(row["tokens"]) for row in conn.execute("select key, tokens from doc_tokens")}
        vocab = conn.execute("select value from meta where key = 'accented_vocabulary'").fetchone()
        words = frozenset(json.loads(vocab[0])) if vocab else frozenset()
    finally:
        conn.close()
    return Knowledge(plans, agencies, fingerprint, tokens, words)


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
