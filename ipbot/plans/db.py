"""Read-only queries over the plan database: what answering runs.

Every filter and aggregate a request can carry becomes SQL here — tasks by agency and
role, quarter, group, funding source, budget status and amount; counts; sums of budget
columns — over the normalised tables :mod:`ipbot.plans.store` builds. Amounts are
stored as whole đồng (exact integers) and come back as :class:`~decimal.Decimal`
million VND, the unit the plans print.

Rows come back as the same models the data files use (built without re-validation), so
the phrases in :mod:`ipbot.describe` serve every front end alike.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path

from ipbot.plans.models import Quantity, Task, TaskBudget, Timeline
from ipbot.requests import Field, Filters, Measure, Role
from ipbot.text import aligned, fold

__all__ = ["AgencyInfo", "BudgetRow", "ContactInfo", "DutyEntry", "PlanDB", "PlanInfo", "SourceInfo"]

MILLION = Decimal(1_000_000)


def _million(dong: int | None) -> Decimal | None:
    return None if dong is None else Decimal(dong) / MILLION


def _dong(million: Decimal) -> int:
    return int(million * MILLION)


@dataclass(frozen=True)
class SourceInfo:
    key: str
    label: str
    long_label: str | None
    amount: Decimal | None  # as the plan's budget section states it
    table_amount: Decimal | None  # the budget table's "Cộng" for this column

    @property
    def name(self) -> str:
        return self.long_label or self.label


@dataclass(frozen=True)
class ContactInfo:
    """An entry of the operators' ``data/contacts.yaml`` (not from the plans)."""

    id: str
    name: str
    agency: str | None
    address: str | None
    phone: str | None
    email: str | None
    website: str | None
    note: str | None


_CONTACT_FIELDS = ("id", "name", "agency", "address", "phone", "email", "website", "note")


@dataclass(frozen=True)
class GroupInfo:
    plan_id: str
    number: str
    title: str
    intro: str | None


@dataclass(frozen=True)
class DiscrepancyInfo:
    id: str
    kind: str
    check: str | None
    where: str
    stated: str | None
    computed: str | None
    note: str
    task: str | None = None  # the task whose lead it disputes


@dataclass(frozen=True)
class PlanInfo:
    """A plan's own facts (not its tasks): title, period, document, budget totals."""

    id: str
    province: str
    province_id: str
    title: str
    short_title: str
    year_start: int
    year_end: int
    horizon: int | None
    number: str | None
    number_note: str | None
    issued: str | None
    issued_text: str | None
    issued_month: str | None
    issuer: str
    signer: str | None
    signer_title: str | None
    signer_capacity: str | None
    budget_section: str
    budget_total: Decimal | None
    budget_total_text: str | None
    budget_in_words: str | None
    funding_text: str | None
    budget_by_year: dict[int, Decimal]  # the total split by year, where a plan over several years states it
    table_title: str | None
    table_unit: str | None
    stated_task_total: Decimal | None
    table_missing: bool
    closing: str | None
    closing_recipient: tuple[str, ...]
    in_force: str | None  # when the decision that issues the plan takes effect, verbatim
    proposal: str | None  # the proposal it was issued on ("Tờ trình số …"), verbatim
    sources: tuple[SourceInfo, ...]
    groups: tuple[GroupInfo, ...]
    discrepancies: tuple[DiscrepancyInfo, ...]
    has_rows: bool  # the budget table gives figures task by task

    @property
    def annual(self) -> bool:
        return self.year_start == self.year_end

    def source(self, key: str) -> SourceInfo | None:
        return next((s for s in self.sources if s.key == key), None)

    def group(self, number: str) -> GroupInfo | None:
        return next((g for g in self.groups if g.number == number), None)


@dataclass(frozen=True)
class AgencyInfo:
    slug: str
    name: str
    short: str | None
    scope: str
    kind: str


@dataclass(frozen=True)
class BudgetRow:
    """One row of a plan's budget table."""

    task_id: str
    plan_id: str
    number: str
    title: str
    row: str | None
    status: str  # row | recurring
    total: Decimal | None
    allocation: Decimal | None
    by_source: dict[str, Decimal]
    note: str | None

    def value(self, measure: Measure, source: str | None = None) -> Decimal | None:
        """The row's figure for a measure, or None when the row does not state it (``source``: see
        :func:`column`)."""
        if source and source.startswith(ALL_BUT):
            left_out = self.by_source.get(source[1:], Decimal(0))
            alloc = None if self.allocation is None else self.allocation - left_out
        else:
            alloc = self.by_source.get(source) if source else self.allocation
        if measure is Measure.TOTAL:
            return self.total
        if measure is Measure.ALLOCATION:
            return alloc
        if measure is Measure.REMAINING:
            return None if self.total is None else self.total - (alloc or Decimal(0))
        if measure is Measure.RATIO:
            return None if not self.total or alloc is None else alloc / self.total
        return None


@dataclass(frozen=True)
class DutyEntry:
    """One entry of "Tổ chức thực hiện": an agency heading and its duties."""

    plan_id: str
    section: str
    heading: str
    agencies: tuple[str, ...]
    duties: tuple[tuple[str | None, str], ...]  # (label, text)


NO_FILTERS = Filters()
"""Every item: the default selection."""

ALL_BUT = "-"
"""Before a source key: every funding source but that one ("không tính NSTU")."""


def column(f: Filters) -> str | None:
    """The allocation column the filters measure: one source's (``source``), every source but one
    (``ALL_BUT`` + key, from ``without_source``), or None for the whole allocation."""
    if f.without_source:
        return ALL_BUT + f.without_source
    return f.source


_ROLES = {
    Role.LEAD: ("lead",),
    Role.COOPERATING: ("cooperating",),
    Role.ANY: ("lead", "cooperating"),
}
_OPS = {"<", "<=", ">", ">=", "="}


# a district's People's Committee named in a plan ("UBND huyện Krông Pa", "UBND thành phố Pleiku": an agency of the
# plan's own, as `import-text` drafts it) is one of the district-level committees the registry's ubnd-huyen is
DISTRICT_COMMITTEES = "ubnd-huyen"
_NAMED_DISTRICT = "(a.agency glob 'ubnd-huyen-*' or a.agency glob 'ubnd-thi-xa-*' or a.agency glob 'ubnd-thanh-pho-*')"
# so is a commune, ward or special zone named ("UBND xã Hải Hậu", "UBND phường Vị Khê") one of the commune-level
# committees ("UBND cấp xã, phường": ubnd-xa) of a plan made after the 2025 reform
COMMUNE_COMMITTEES = "ubnd-xa"
_NAMED_COMMUNE = (
    "(a.agency glob 'ubnd-xa-*' or a.agency glob 'ubnd-phuong-*' or a.agency glob 'ubnd-dac-khu-*'"
    " or a.agency glob 'ubnd-thi-tran-*')"
)


def _holding(agencies: Sequence[str], role: Role) -> tuple[str, list[object]]:
    """SQL over ``tasks t``: one of the agencies holds the role in the task (the agency filter, its partner).

    The district-level committees (``ubnd-huyen``, "UBND cấp huyện") hold it too where a named district does, and the
    commune-level ones (``ubnd-xa``) where a named commune or ward does."""
    roles = _ROLES.get(role, ("lead", "cooperating"))
    named = f" or {_NAMED_DISTRICT}" if DISTRICT_COMMITTEES in agencies else ""
    named += f" or {_NAMED_COMMUNE}" if COMMUNE_COMMITTEES in agencies else ""
    cond = (
        f"exists (select 1 from task_agencies a where a.task_id = t.id and (a.agency in ({_marks(agencies)}){named}) "
        f"and a.role in ({_marks(roles)}))"
    )
    return cond, [*agencies, *roles]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


TASKS_KEPT = 512
"""Task models :meth:`PlanDB.tasks` keeps built (every task, with the three real plans' 60)."""


class PlanDB:
    """The plan database opened read-only, with the queries answering needs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        # the database never changes while open: cache what every answer asks for
        self.plan = lru_cache(maxsize=None)(self._plan)
        self.agency = lru_cache(maxsize=None)(self._agency)
        self._task_models: OrderedDict[str, Task | None] = OrderedDict()  # frozen models, the latest used last

    def close(self) -> None:
        self.conn.close()

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    # ------------------------------------------------------------------ plans
    @cached_property
    def plan_ids(self) -> tuple[str, ...]:
        return tuple(r["id"] for r in self._rows("select id from plans order by position"))

    @cached_property
    def known_plans(self) -> frozenset[str]:
        """:attr:`plan_ids` to look a plan up in (a tuple of 300 was scanned for each plan of each request)."""
        return frozenset(self.plan_ids)

    def _plan(self, plan_id: str) -> PlanInfo:
        r = self._rows("select * from plans where id = ?", (plan_id,))[0]
        sources = tuple(
            SourceInfo(s["key"], s["label"], s["long_label"], _million(s["amount"]), _million(s["table_amount"]))
            for s in self._rows("select * from sources where plan_id = ? order by position", (plan_id,))
        )
        groups = tuple(
            GroupInfo(plan_id, g["number"], g["title"], g["intro"])
            for g in self._rows("select * from groups where plan_id = ? order by position", (plan_id,))
        )
        discrepancies = tuple(
            DiscrepancyInfo(
                d["id"], d["kind"], d["check"], d["where"], d["stated"], d["computed"], d["note"], d["task"]
            )
            for d in self._rows("select * from discrepancies where plan_id = ? order by rowid", (plan_id,))
        )
        has_rows = bool(self._rows("select 1 from budget_rows where plan_id = ? and status = 'row'", (plan_id,)))
        return PlanInfo(
            id=r["id"],
            province=r["province"],
            province_id=r["province_id"],
            title=r["title"],
            short_title=r["short_title"],
            year_start=r["year_start"],
            year_end=r["year_end"],
            horizon=r["horizon"],
            number=r["number"],
            number_note=r["number_note"],
            issued=r["issued"],
            issued_text=r["issued_text"],
            issued_month=r["issued_month"],
            issuer=r["issuer"],
            signer=r["signer"],
            signer_title=r["signer_title"],
            signer_capacity=r["signer_capacity"],
            budget_section=r["budget_section"],
            budget_total=_million(r["budget_total"]),
            budget_total_text=r["budget_total_text"],
            budget_in_words=r["budget_in_words"],
            funding_text=r["funding_text"],
            budget_by_year={int(y): Decimal(v) for y, v in json.loads(r["budget_by_year"] or "{}").items()},
            table_title=r["table_title"],
            table_unit=r["table_unit"],
            stated_task_total=_million(r["stated_task_total"]),
            table_missing=bool(r["table_missing"]),
            closing=r["closing"],
            closing_recipient=tuple(json.loads(r["closing_recipient"] or "[]")),
            in_force=r["in_force"],
            proposal=r["proposal"],
            sources=sources,
            groups=groups,
            discrepancies=discrepancies,
            has_rows=has_rows,
        )

    def _agency(self, plan_id: str, slug: str) -> AgencyInfo:
        """The agency a plan means by ``slug`` (its own province's Sở, or a national body)."""
        province = self.plan(plan_id).province_id
        for agency_id in (f"{province}/{slug}", slug):
            rows = self._rows("select * from agencies where id = ?", (agency_id,))
            if rows:
                a = rows[0]
                return AgencyInfo(slug, a["name"], a["short"], a["scope"], a["kind"])
        return AgencyInfo(slug, slug, None, "other", "other")

    def agency_name(self, plan_id: str, slug: str) -> str:
        return self.agency(plan_id, slug).name

    def agency_as_said(self, plan_id: str, slug: str, said: str | None) -> str:
        """The agency's name, except that a generic phrase ("các sở ngành và đơn vị có liên quan") is given in
        the document's own words when ``said`` (the document's wording of the list) contains them."""
        agency = self.agency(plan_id, slug)
        if agency.scope != "generic" or not said:
            return agency.name
        aligned_said = aligned(said)
        province = self.plan(plan_id).province_id
        forms = [agency.name] + [
            r["alias"]
            for r in self._rows(
                "select alias from agency_aliases where agency_id in (?, ?)", (slug, f"{province}/{slug}")
            )
        ]
        for form in sorted(forms, key=len, reverse=True):
            at = aligned_said.find(aligned(form))
            if at >= 0:
                return said[at : at + len(form)]
        return agency.name

    # ------------------------------------------------------------------ tasks
    def _task_where(self, plans: Sequence[str], f: Filters) -> tuple[str, list[object]]:
        """SQL conditions over ``tasks t`` for every filter that applies to tasks."""
        conds = [f"t.plan_id in ({_marks(plans)})"]
        params: list[object] = list(plans)
        if f.ids:
            conds.append(f"t.id in ({_marks(f.ids)})")
            params += f.ids
        if f.excluded:
            conds.append(f"t.id not in ({_marks(f.excluded)})")
            params += f.excluded
        if f.agency:
            cond, held = _holding((f.agency, *f.also), f.role)
            conds.append(f"not {cond}" if f.negate else cond)
            params += held
            if f.alone and not f.negate:
                conds.append(
                    "not exists (select 1 from task_agencies a where a.task_id = t.id "
                    "and a.role = 'lead' and a.agency != ?)"
                )
                params.append(f.agency)
        if f.partner:
            cond, held = _holding((f.partner,), f.partner_role)
            conds.append(f"not {cond}" if f.partner_absent else cond)
            params += held
        if f.co_led:
            conds.append("(select count(*) from task_agencies a where a.task_id = t.id and a.role = 'lead') > 1")
        if f.agency_kind:
            roles = _ROLES.get(f.role, ("lead", "cooperating"))
            conds.append(
                "exists (select 1 from task_agencies a join agencies g on g.id = a.agency_id "
                f"where a.task_id = t.id and g.kind = ? and a.role in ({_marks(roles)}))"
            )
            params += [f.agency_kind, *roles]
        if f.quarters and f.starting:
            conds.append(
                f"(select min(q.quarter) from task_quarters q where q.task_id = t.id) in ({_marks(f.quarters)})"
            )
            params += f.quarters
        elif f.quarters:
            conds.append(
                f"exists (select 1 from task_quarters q where q.task_id = t.id and q.quarter in ({_marks(f.quarters)}))"
            )
            params += f.quarters
            if f.exact_quarters:  # the quarters written are exactly these: "Quý I–II" is neither "Quý I" nor "Quý II"
                conds.append(
                    "not exists (select 1 from task_quarters q where q.task_id = t.id "
                    f"and q.quarter not in ({_marks(f.quarters)}))"
                )
                conds.append(
                    f"(select count(distinct q.quarter) from task_quarters q where q.task_id = t.id "
                    f"and q.quarter in ({_marks(f.quarters)})) = ?"
                )
                params += [*f.quarters, *f.quarters, len(set(f.quarters))]
        if f.whole_year:
            conds.append("t.whole_year = 1")
        if f.groups:
            conds.append(f"(t.plan_id || ':' || t.grp) in ({_marks(f.groups)})")
            params += f.groups
        if f.status:
            conds.append(f"t.budget_status in ({_marks(f.status)})")
            params += f.status
        if f.source:
            column = self._source_column(f.source)
            cond = f"exists (select 1 from budget_rows b where b.task_id = t.id and b.{column} > 0)" if column else "0"
            conds.append(f"not {cond}" if f.negate and not f.agency else cond)
            others = sorted(c for c in self._source_columns if c.startswith("src_") and c != column)
            if column and f.source_alone and others:
                drawn = " or ".join(f"b.{c} > 0" for c in others)
                conds.append(f"not exists (select 1 from budget_rows b where b.task_id = t.id and ({drawn}))")
        if f.duration is not None:
            conds.append(f"t.duration_months {f.duration_op} ?")  # (an operator the Filters type allows)
            params.append(f.duration)
        if f.amount is not None and f.amount.measure is Measure.STATED:
            # "dòng nào ghi 300 triệu": any figure the row prints, its total or any of its columns
            columns = [
                "b.total",
                "b.allocation",
                *(f"b.{c}" for c in sorted(self._source_columns) if c.startswith("src_")),
            ]
            if f.amount.source:
                columns = [c for c in [self._measure_sql(Measure.ALLOCATION, f.amount.source)] if c]
            printed = " or ".join(f"{c} = ?" for c in columns)
            conds.append(f"exists (select 1 from budget_rows b where b.task_id = t.id and ({printed}))")
            params += [_dong(f.amount.value)] * len(columns)
        elif f.amount is not None:
            expr = self._measure_sql(f.amount.measure, f.amount.source)
            if f.amount.op not in _OPS or expr is None:
                raise ValueError(f"bad amount filter {f.amount}")
            conds.append(f"exists (select 1 from budget_rows b where b.task_id = t.id and ({expr}) {f.amount.op} ?)")
            params.append(float(f.amount.value) if f.amount.measure is Measure.RATIO else _dong(f.amount.value))
        for fld, wanted in [*((x, True) for x in f.has), *((x, False) for x in f.lacks)]:
            cond = _HAS.get(fld)
            if cond is not None:
                conds.append(cond if wanted else f"not ({cond})")
        return " and ".join(conds), params

    @cached_property
    def _source_columns(self) -> frozenset[str]:
        return frozenset(r["name"] for r in self._rows("pragma table_info(budget_rows)"))

    def _source_column(self, key: str) -> str | None:
        """The budget-row column of a funding source (a known column name, never user text)."""
        column = f"src_{key}"
        return column if column in self._source_columns else None

    def _measure_sql(self, measure: Measure, source: str | None) -> str | None:
        alloc = "b.allocation"
        if source:
            name = self._source_column(source.removeprefix(ALL_BUT))
            if name is None:
                return None
            alloc = f"(b.allocation - coalesce(b.{name}, 0))" if source.startswith(ALL_BUT) else f"b.{name}"
        return {
            Measure.TOTAL: "b.total",
            Measure.ALLOCATION: alloc,
            Measure.REMAINING: f"b.total - coalesce({alloc}, 0)",
            Measure.RATIO: f"1.0 * {alloc} / b.total",
        }.get(measure)

    def task_ids(self, plans: Sequence[str], f: Filters = NO_FILTERS) -> list[str]:
        """Ids of the tasks that pass the filters: in the order of ``f.ids`` if given, else the plans' order."""
        if not plans:
            return []
        where, params = self._task_where(plans, f)
        rows = self._rows(
            f"select t.id from tasks t join plans p on p.id = t.plan_id where {where} order by p.position, t.position",
            params,
        )
        found = [r["id"] for r in rows]
        if f.ids:
            order = {tid: n for n, tid in enumerate(f.ids)}
            found.sort(key=lambda tid: order.get(tid, len(order)))
        return found

    def count_tasks(self, plans: Sequence[str], f: Filters = NO_FILTERS) -> int:
        where, params = self._task_where(plans, f)
        return self._rows(f"select count(*) from tasks t where {where}", params)[0][0]

    def tasks(self, ids: Iterable[str]) -> list[Task]:
        """The tasks with these ids, in that order, as models (the database is read-only: the :data:`TASKS_KEPT`
        used last are kept; at 300 plans keeping every task an answer built held some 40 MB)."""
        ids = list(dict.fromkeys(ids))
        kept = self._task_models
        found = {i: kept[i] for i in ids if i in kept}
        missing = [i for i in ids if i not in found]
        if missing:
            found.update(zip(missing, self._load_tasks(missing), strict=False))
        for i in ids:
            kept[i] = found[i]
            kept.move_to_end(i)
        while len(kept) > TASKS_KEPT:
            kept.popitem(last=False)
        return [task for i in ids if (task := found[i]) is not None]

    def _load_tasks(self, ids: list[str]) -> list[Task | None]:
        marks = _marks(ids)
        rows = {r["id"]: r for r in self._rows(f"select * from tasks where id in ({marks})", ids)}
        quarters: dict[str, list[int]] = {}
        for q in self._rows(f"select task_id, quarter from task_quarters where task_id in ({marks})", ids):
            quarters.setdefault(q["task_id"], []).append(q["quarter"])
        roles: dict[tuple[str, str], list[str]] = {}
        for a in self._rows(
            f"select task_id, role, agency from task_agencies where task_id in ({marks}) order by position", ids
        ):
            roles.setdefault((a["task_id"], a["role"]), []).append(a["agency"])
        budget = {b.task_id: b for b in self.budget_rows_of(ids)}
        return [self._task(rows[i], quarters, roles, budget.get(i)) if i in rows else None for i in ids]

    def numbered(self, plan_id: str, numbers: Sequence[str]) -> list[str]:
        """The ids of the plan's tasks with these numbers, in their order: the number as the plan writes it, or its
        last parts ("3.c" is "III.3.c", "(15)" is "15")."""
        rows = self._rows("select id, number from tasks where plan_id = ?", (plan_id,))
        out = []
        for n in numbers:
            n = n.strip("()")
            hits = [r["id"] for r in rows if r["number"].strip("()") == n or r["number"].endswith(f".{n}")]
            if len(hits) == 1 and hits[0] not in out:
                out.append(hits[0])
        return out

    def task(self, task_id: str) -> Task | None:
        found = self.tasks([task_id])
        return found[0] if found else None

    # what some answers need of many tasks, read without building them: an answer over every plan that
    # built each task (a count citing its sources) loaded thousands and emptied the kept ones each time
    def cited(self, ids: Sequence[str]) -> tuple[list[str], bool]:
        """The sections of these tasks, in their order, and whether one has a row number in the budget table:
        what an answer's source line names."""
        if not ids:
            return [], False
        marks = _marks(ids)
        section = {
            r["id"]: r["section"] for r in self._rows(f"select id, section from tasks where id in ({marks})", ids)
        }
        numbered = self._rows(f"select 1 from budget_rows where task_id in ({marks}) and row != '' limit 1", ids)
        return [section[i] for i in dict.fromkeys(ids) if i in section], bool(numbered)

    def numbers_without_row(self, ids: Sequence[str]) -> list[str]:
        """The numbers of those of these tasks that have no row in the budget table, in their order."""
        if not ids:
            return []
        rows = self._rows(f"select id, number from tasks where id in ({_marks(ids)}) and budget_status = 'no_row'", ids)
        number = {r["id"]: r["number"] for r in rows}
        return [number[i] for i in dict.fromkeys(ids) if i in number]

    def quantity_units(self, ids: Sequence[str]) -> list[str]:
        """The units of the counts these tasks state, each once ("lớp tập huấn", "sản phẩm OCOP"): a sum of
        counts answers when one of them counts the thing asked."""
        if not ids:
            return []
        rows = self._rows(
            f"select distinct json_extract(q.value, '$.unit') as unit from tasks t, json_each(t.quantities) q "
            f"where t.id in ({_marks(ids)}) and t.quantities is not null",
            ids,
        )
        return [r["unit"] for r in rows]

    def task_agencies(self, ids: Sequence[str], roles: Sequence[Role]) -> list[tuple[str, str]]:
        """(plan id, agency slug) of every agency holding one of these roles in one of these tasks."""
        if not ids:
            return []
        names = [name for role in roles for name in _ROLES[role]]
        rows = self._rows(
            f"select plan_id, agency from task_agencies where task_id in ({_marks(ids)}) and role in ({_marks(names)})",
            [*ids, *names],
        )
        return [(r["plan_id"], r["agency"]) for r in rows]

    def have_recipients(self, plans: Sequence[str]) -> bool:
        """Whether one of these plans has a "Nơi nhận" line."""
        return bool(plans) and bool(
            self._rows(f"select 1 from recipients where plan_id in ({_marks(plans)}) limit 1", list(plans))
        )

    def any_timed(self, plans: Sequence[str], f: Filters = NO_FILTERS) -> bool:
        """Whether a task that passes the filters names a quarter in its timeline."""
        if not plans:
            return False
        where, params = self._task_where(plans, f)
        return bool(
            self._rows(
                f"select 1 from tasks t where {where} and t.timeline is not null "
                "and exists (select 1 from task_quarters q where q.task_id = t.id) limit 1",
                params,
            )
        )

    @staticmethod
    def _task(
        r: sqlite3.Row,
        quarters: dict[str, list[int]],
        roles: dict[tuple[str, str], list[str]],
        row: BudgetRow | None,
    ) -> Task:
        tid = r["id"]
        timeline = None
        if r["timeline"] is not None:
            timeline = Timeline.model_construct(
                text=r["timeline"],
                quarters=sorted(quarters.get(tid, [])),
                year=r["year"],
                whole_year=bool(r["whole_year"]),
            )
        budget = TaskBudget.model_construct(
            status=r["budget_status"],
            row=row.row if row else None,
            total=row.total if row else None,
            allocation=dict(row.by_source) if row else {},
            note=row.note if row else None,
        )
        quantities = [_quantity(q) for q in json.loads(r["quantities"] or "[]")]
        return Task.model_construct(
            number=r["number"],
            label=r["label"],
            group=r["grp"],
            section=r["section"],
            title=r["title"],
            content=r["content"],
            objective=r["objective"],
            objective_table=r["objective_table"],
            training_content=r["training_content"],
            timeline=timeline,
            duration_months=r["duration_months"],
            lead=roles.get((tid, "lead"), []),
            lead_note=r["lead_note"],
            cooperating=roles.get((tid, "cooperating"), []),
            cooperating_text=r["cooperating_text"],
            said=json.loads(r["said"] or "{}"),
            quantities=quantities,
            notes=json.loads(r["notes"] or "[]"),
            budget=budget,
            topics=json.loads(r["topics"] or "[]"),
        )

    # ------------------------------------------------------------------ budget rows
    def budget_rows_of(self, task_ids: Sequence[str]) -> list[BudgetRow]:
        if not task_ids:
            return []
        rows = self._rows(
            "select b.*, t.number, t.title from budget_rows b join tasks t on t.id = b.task_id "
            f"where b.task_id in ({_marks(task_ids)})",
            list(task_ids),
        )
        order = {tid: n for n, tid in enumerate(task_ids)}
        out = [self._budget_row(r) for r in rows]
        return sorted(out, key=lambda b: order[b.task_id])

    def budget_rows(self, plans: Sequence[str], f: Filters = NO_FILTERS) -> list[BudgetRow]:
        """The budget-table rows of the tasks that pass the filters (recurring rows included)."""
        return self.budget_rows_of(self.task_ids(plans, f))

    def _budget_row(self, r: sqlite3.Row) -> BudgetRow:
        columns = r.keys()  # sqlite3.Row: iterating gives values, not names
        by_source = {key[4:]: _million(r[key]) for key in columns if key.startswith("src_") and r[key] is not None}
        return BudgetRow(
            task_id=r["task_id"],
            plan_id=r["plan_id"],
            number=r["number"],
            title=r["title"],
            row=r["row"],
            status=r["status"],
            total=_million(r["total"]),
            allocation=_million(r["allocation"]),
            by_source=by_source,  # type: ignore[arg-type]
            note=r["note"],
        )

    def sum(
        self, plans: Sequence[str], measure: Measure, f: Filters = NO_FILTERS, source: str | None = None
    ) -> Decimal:
        """Sum of a budget measure over the rows of the tasks that pass the filters (rows stating it)."""
        expr = self._measure_sql(measure, source)
        if expr is None or measure is Measure.RATIO:
            raise ValueError(f"cannot sum {measure}")
        where, params = self._task_where(plans, f)
        value = self._rows(
            f"select sum({expr}) from budget_rows b join tasks t on t.id = b.task_id where {where}", params
        )[0][0]
        return _million(value or 0) or Decimal(0)

    # ------------------------------------------------------------------ agencies
    def agencies_in(
        self, plans: Sequence[str], role: Role, f: Filters = NO_FILTERS, exclude_role: Role | None = None
    ) -> list[tuple[str, str]]:
        """(plan id, agency slug) pairs holding ``role`` (tasks or duties), optionally never ``exclude_role``."""
        found = self._agency_pairs(plans, role, f)
        if exclude_role is not None:
            excluded = set(self._agency_pairs(plans, exclude_role, Filters()))
            found = [pair for pair in found if pair not in excluded]
        return found

    def _agency_pairs(self, plans: Sequence[str], role: Role, f: Filters) -> list[tuple[str, str]]:
        if role is Role.DUTY:
            # ``ids`` ("plan:V.9"): only the agencies those entries of "Tổ chức thực hiện" name, and the entries
            # under them ("mục IV.2 'Các Sở, ngành'" is IV.2.a to IV.2.k as well)
            under = " or ".join("(d.plan_id || ':' || d.section) like ?" for _ in f.ids)
            chosen = f"and ((d.plan_id || ':' || d.section) in ({_marks(f.ids)}) or {under}) " if f.ids else ""
            rows = self._rows(
                "select d.plan_id, d.agency, g.scope from duty_agencies d join agencies g on g.id = d.agency_id "
                f"join duties e on e.plan_id = d.plan_id and e.section = d.section "
                f"where d.plan_id in ({_marks(plans)}) {chosen}order by e.position, d.rowid",
                [*plans, *f.ids, *(f"{i}.%" for i in f.ids)],
            )
        else:
            where, params = self._task_where(plans, f.model_copy(update={"agency": None, "negate": False}))
            roles = _ROLES[role]
            rows = self._rows(
                "select a.plan_id, a.agency, g.scope from task_agencies a join tasks t on t.id = a.task_id "
                f"join agencies g on g.id = a.agency_id where {where} and a.role in ({_marks(roles)}) "
                "order by t.position, a.role desc, a.position",
                [*params, *roles],
            )
        return list(dict.fromkeys((r["plan_id"], r["agency"]) for r in rows if r["scope"] != "generic"))

    # ------------------------------------------------------------------ duties and other passages
    @staticmethod
    def _duty_where(plans: Sequence[str], agency: str | None, sections: Sequence[str]) -> tuple[str, list[object]]:
        """SQL conditions over ``duties e``: the entries of these plans naming the agency, or these entries."""
        conds, params = [f"e.plan_id in ({_marks(plans)})"], list(plans)
        if agency:
            conds.append(
                "exists (select 1 from duty_agencies d where d.plan_id = e.plan_id and d.section = e.section "
                "and d.agency = ?)"
            )
            params.append(agency)
        if sections:
            conds.append(f"(e.plan_id || ':' || e.section) in ({_marks(sections)})")
            params += sections
        return " and ".join(conds), params

    def duty_plans(self, plans: Sequence[str], agency: str | None = None, sections: Sequence[str] = ()) -> list[str]:
        """The plans whose entries :meth:`duties` would give, in the order it gives them (without reading them)."""
        where, params = self._duty_where(plans, agency, sections)
        rows = self._rows(
            f"select e.plan_id, e.section from duties e join plans p on p.id = e.plan_id where {where} "
            "order by p.position, e.position",
            params,
        )
        keys = [(r["plan_id"], r["section"]) for r in rows]
        if sections:
            order = {s: n for n, s in enumerate(sections)}
            keys.sort(key=lambda k: order.get(f"{k[0]}:{k[1]}", len(order)))
        return list(dict.fromkeys(plan_id for plan_id, _ in keys))

    def duties(self, plans: Sequence[str], agency: str | None = None, sections: Sequence[str] = ()) -> list[DutyEntry]:
        where, params = self._duty_where(plans, agency, sections)
        out = []
        for e in self._rows(
            f"select e.* from duties e join plans p on p.id = e.plan_id where {where} order by p.position, e.position",
            params,
        ):
            agencies = tuple(
                a["agency"]
                for a in self._rows(
                    "select agency from duty_agencies where plan_id = ? and section = ? order by rowid",
                    (e["plan_id"], e["section"]),
                )
            )
            items = tuple(
                (d["label"], d["text"])
                for d in self._rows(
                    "select label, text from duty_items where plan_id = ? and section = ? order by position",
                    (e["plan_id"], e["section"]),
                )
            )
            out.append(DutyEntry(e["plan_id"], e["section"], e["heading"], agencies, items))
        if sections:
            order = {s: n for n, s in enumerate(sections)}
            out.sort(key=lambda d: order.get(f"{d.plan_id}:{d.section}", len(order)))
        return out

    def count_duties(self, plans: Sequence[str]) -> int:
        return self._rows(f"select count(*) from duties where plan_id in ({_marks(plans)})", list(plans))[0][0]

    def targets(self, plan_id: str, year: int | None = None, ids: Sequence[str] = ()) -> list[sqlite3.Row]:
        rows = self._rows("select * from targets where plan_id = ? order by position", (plan_id,))
        rows = [r for r in rows if year is None or r["year"] == year]
        if ids:
            order = {i: n for n, i in enumerate(ids)}
            rows = [r for r in rows if f"{plan_id}:{r['id']}" in order]
            rows.sort(key=lambda r: order[f"{plan_id}:{r['id']}"])
        return rows

    def have_targets(self, plans: Sequence[str], year: int | None = None) -> bool:
        """Whether any of these plans sets a target (for ``year``, when given)."""
        cond, params = f"plan_id in ({_marks(plans)})", list(plans)
        if year is not None:
            cond, params = cond + " and year = ?", [*params, year]
        return bool(plans) and bool(self._rows(f"select 1 from targets where {cond} limit 1", params))

    def objectives(self, plan_id: str) -> list[sqlite3.Row]:
        return self._rows("select * from objectives where plan_id = ? order by position", (plan_id,))

    def objective_kinds(self, plans: Sequence[str]) -> list[sqlite3.Row]:
        """Each objective block's plan, kind and position, for many plans in one query (not their text)."""
        return self._rows(f"select plan_id, kind, position from objectives where plan_id in ({_marks(plans)})", plans)

    def citations(self, plans: Sequence[str], keys: Sequence[str] = ()) -> list[sqlite3.Row]:
        """Where the plans cite documents (of these numbers, by their digits), plan by plan, in order."""
        where, params = f"plan_id IN ({_marks(plans)})", list(plans)
        if keys:
            where += f" AND key IN ({_marks(keys)})"
            params += list(keys)
        order = "(SELECT position FROM plans WHERE plans.id = citations.plan_id), position"
        return self._rows(f"SELECT * FROM citations WHERE {where} ORDER BY {order}", params)

    def implements(self, plan_id: str) -> list[sqlite3.Row]:
        return self._rows("select * from implements where plan_id = ? order by position", (plan_id,))

    def replaces(self, plan_id: str) -> list[sqlite3.Row]:
        """The plans or decisions the plan's issuing decision replaces, as :meth:`implements` gives those it
        implements."""
        return self._rows("select * from replaces where plan_id = ? order by position", (plan_id,))

    def recipients(self, plan_id: str) -> list[str]:
        return [
            r["line"] for r in self._rows("select line from recipients where plan_id = ? order by position", (plan_id,))
        ]

    def reporting(self, plan_id: str) -> sqlite3.Row | None:
        rows = self._rows("select * from reporting where plan_id = ?", (plan_id,))
        return rows[0] if rows else None

    def contacts(self, province: str | None = None, agency: str | None = None) -> list[ContactInfo]:
        """The operators' contacts for a plan's province (old names included), or the national ones.

        With ``agency``, only the entries that are that agency (the plan's "Sở KH&CN").
        """
        rows = self._rows("select * from contacts order by position")
        wanted = fold(province) if province else None
        out = []
        for r in rows:
            provinces = json.loads(r["provinces"] or "[]")
            if (wanted in provinces if wanted else not provinces) and (agency is None or r["agency"] == agency):
                out.append(ContactInfo(**{k: r[k] for k in _CONTACT_FIELDS}))
        return out

    @cached_property
    def contacts_updated(self) -> str | None:
        rows = self._rows("select value from meta where key = 'contacts_updated'")
        return rows[0]["value"] if rows else None

    def analog(self, task_id: str, other_plan: str) -> tuple[str, float] | None:
        """The most similar task of another plan of the same province, and how similar (0..1)."""
        rows = self._rows(
            "select other_id, similarity from task_analogs where task_id = ? and other_plan_id = ?",
            (task_id, other_plan),
        )
        return (rows[0]["other_id"], rows[0]["similarity"]) if rows else None


def _quantity(stored: dict[str, object]) -> Quantity:
    return Quantity.model_construct(value=Decimal(str(stored["value"])), unit=stored["unit"], text=stored["text"])


_HAS = {
    Field.LEAD: "exists (select 1 from task_agencies a where a.task_id = t.id and a.role = 'lead')",
    Field.COOPERATING: "exists (select 1 from task_agencies a where a.task_id = t.id and a.role = 'cooperating')",
    Field.TIME: "t.timeline is not null",
    Field.BUDGET: "exists (select 1 from budget_rows b where b.task_id = t.id and b.total is not null)",
    Field.OBJECTIVE: "t.objective is not null",
    Field.QUANTITY: "t.quantities != '[]'",
    Field.DURATION: "t.duration_months is not null",
    # a recurring row keeps its words ("Hoạt động thường xuyên") in a figure column, not in "Ghi chú"
    Field.NOTES: (
        "exists (select 1 from budget_rows b where b.task_id = t.id and b.note is not null and b.status = 'row')"
    ),
}
"""What "has / has not" means for each task field, as SQL over ``tasks t``."""
