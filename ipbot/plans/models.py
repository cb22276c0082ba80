"""Pydantic models of a plan: the schema of the curated files under ``data/``.

The curated YAML files are parsed into these models on every load, so a typo in a
field name, a quarter of 5 or an amount written as text fails loudly with the file
and the field named (see :mod:`ipbot.plans.load`).

Money is always in million VND (triệu đồng) as an exact :class:`~decimal.Decimal`,
because the documents state figures such as ``1.062,6`` and ``9,2`` that floats
would round.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from ipbot.text import fold


def _exact_decimal(value: object) -> object:
    """Turn YAML numbers into Decimals through ``str`` so 9.2 stays 9.2."""
    if isinstance(value, bool):
        raise ValueError("an amount must be a number, not true/false")
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    return value


Amount = Annotated[Decimal, BeforeValidator(_exact_decimal), Field(ge=0)]
"""An amount of money in million VND."""


class Model(BaseModel):
    """Base model: unknown fields are errors, so typos in data files are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class AgencyDef(Model):
    """An agency in the registry (``data/agencies.yaml`` or a plan's own ``agencies``).

    ``scope`` says whether the same id names a different body in every province
    (``province``: Sở Khoa học và Công nghệ of Ninh Thuận is not that of Thái Bình),
    one national body (``national``: Cục Sở hữu trí tuệ) or a generic phrase the
    plans use instead of a name (``generic``: "các cơ quan, đơn vị liên quan").
    ``name`` may contain ``{province}``, filled in per plan. ``formerly`` and ``since`` record a
    restructure (2025: Sở Nông nghiệp và Môi trường took over ``so-nnptnt`` and ``so-tnmt`` on
    2025-03-01), so a draft of a plan issued after it that names a body merged away is flagged.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    short: str | None = None
    scope: Literal["province", "national", "generic"] = "province"
    aliases: list[str] = []
    kind: Literal["department", "local", "central", "media", "association", "enforcement", "other"] = "other"
    formerly: list[str] = Field([], description="registry ids of the bodies this one took over")
    since: dt.date | None = Field(None, description="when it took them over (or came to exist)")


class DecisionRef(Model):
    """A decision or plan that this plan implements, as the document cites it."""

    number: str
    date: dt.date | None = None
    issuer: str | None = None
    title: str | None = None
    text: str = Field(description="the citation verbatim from the document")


class Signer(Model):
    name: str
    title: str = Field(description="e.g. Phó Chủ tịch")
    capacity: str | None = Field(None, description="e.g. KT. Chủ tịch; TM. Ủy ban nhân dân")


class TextBlock(Model):
    """A titled passage of the document (objectives, purposes, requirements)."""

    section: str
    kind: Literal["purpose", "requirement", "general_objective", "objective", "funding", "other"] = "other"
    heading: str | None = None
    text: str


class Timeline(Model):
    """When a task runs, as the document states it."""

    text: str = Field(description="verbatim, e.g. 'Quý III-IV' or 'Năm 2023'")
    quarters: list[int] = []
    year: int | None = None
    whole_year: bool = False

    @field_validator("quarters")
    @classmethod
    def _valid_quarters(cls, quarters: list[int]) -> list[int]:
        bad = [q for q in quarters if q not in (1, 2, 3, 4)]
        if bad:
            raise ValueError(f"a quarter must be 1-4, got {bad}")
        return sorted(set(quarters))


class Quantity(Model):
    """A counted output of a task ("01 lớp", "05 sản phẩm OCOP", "02 lớp mỗi huyện")."""

    value: Amount
    unit: str
    text: str = Field(description="verbatim phrase from the document")

    def counts(self, head: str) -> bool:
        """Whether this counts the thing ``head`` names ("lop" counts "lớp tập huấn, bồi dưỡng")."""
        return re.findall(r"\w+", fold(self.unit))[: len(head.split())] == head.split()

    @property
    def per_each(self) -> bool:
        """ "mỗi huyện, thành phố 02 lớp": a count per place, which adds up to no one figure."""
        return "mỗi" in re.findall(r"\w+", f"{self.unit} {self.text}".lower())  # (not "mới", "mọi")


class TaskBudget(Model):
    """A task's budget as the table gives it.

    ``status``:
      - ``row``: the budget table has a row with figures for this task;
      - ``recurring``: the row says only "Hoạt động thường xuyên", no figure;
      - ``no_row``: the plan has a budget table but no row for this task;
      - ``not_itemised``: the plan gives no per-task budget at all.
    ``total`` is the whole task over its life; ``allocation`` is this plan year's
    allocation by funding source (keys defined in the plan's ``budget.sources``).
    """

    status: Literal["row", "recurring", "no_row", "not_itemised"]
    row: str | None = Field(None, description="the row's STT in the table, verbatim")
    total: Amount | None = None
    allocation: dict[str, Amount] = {}
    note: str | None = Field(None, description="Ghi chú, verbatim")


class Task(Model):
    """One task of the plan, numbered as the document numbers it."""

    number: str = Field(description="as the document numbers it: '3.3', '3.c', 'III.4.d'")
    label: str | None = Field(None, description="how to cite a task the document leaves unnumbered")
    group: str
    section: str = Field(description="where it stands in the document, e.g. 'II.3.c' or 'Phụ lục, dòng 3.3'")
    title: str = Field(description="a short name for lists and buttons")
    content: str = Field(description="the full task text, verbatim")
    objective: str | None = None
    objective_table: str | None = Field(None, description="the table's Mục tiêu when it differs from the narrative")
    training_content: str | None = Field(None, description="'Nội dung tập huấn' where given")
    timeline: Timeline | None = None
    duration_months: int | None = Field(None, ge=1)
    lead: list[str] = []
    lead_note: str | None = Field(None, description="why no lead agency is listed")
    cooperating: list[str] = []
    cooperating_text: str | None = Field(None, description="the cooperating agencies verbatim")
    said: dict[str, str] = Field(
        {},
        description="a generic group's words in this task, by registry id: the id is what questions match, "
        "the words ('Các sở ngành và đơn vị có liên quan') are what answers show instead of the registry name",
    )
    quantities: list[Quantity] = []
    notes: list[str] = []
    budget: TaskBudget
    topics: list[str] = Field([], description="topic keywords: OCOP, chỉ dẫn địa lý, tập huấn…")

    def named(self, slug: str, name: str) -> str:
        """How this task names agency ``slug`` whose registry name is ``name``: the document's words if recorded."""
        return self.said.get(slug, name)


class Group(Model):
    number: str
    title: str
    short: str | None = Field(None, max_length=28, description="a few words for a phone button")
    intro: str | None = None


class BudgetSource(Model):
    """A funding source as the plan names it, with this year's amount if stated."""

    key: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str = Field(description="the table column or the section's wording")
    long_label: str | None = None
    amount: Amount | None = None


class BudgetTable(Model):
    """The budget table's printed totals (the 'Cộng' and 'Tổng cộng' rows)."""

    title: str
    note: str | None = None
    unit: str = "triệu đồng"
    stated_task_total: Amount | None = None
    stated_allocation: dict[str, Amount] = {}
    stated_grand_total: Amount | None = Field(None, description="'Tổng cộng' of the allocation columns")


class PlanBudget(Model):
    section: str
    total: Amount | None = Field(None, description="the plan-year total in million VND")
    total_text: str | None = Field(None, description="verbatim, e.g. '3.832.600.000 đồng'")
    in_words: str | None = None
    funding_text: str | None = Field(None, description="the sources as the text names them")
    by_year: dict[int, Amount] = Field(
        {}, description="the total split by year where a plan over several years states it ('Năm 2026: 2.150')"
    )
    sources: list[BudgetSource] = []
    table: BudgetTable | None = None
    table_missing: bool = Field(False, description="the plan refers to a table that is not in the document")


class Target(Model):
    id: str
    year: int
    section: str
    category: str = Field(description="e.g. 'đào tạo', 'đơn đăng ký', 'doanh nghiệp', 'sáng chế'")
    text: str
    value: str | None = Field(None, description="the figure as stated, e.g. 'tối thiểu 250'")
    unit: str | None = Field(None, description="what the figure counts, e.g. 'đơn vị sản xuất kinh doanh'")


class Duty(Model):
    label: str | None = None
    text: str


class Responsibility(Model):
    """What 'Tổ chức thực hiện' assigns to one agency (or a group named together)."""

    section: str
    heading: str = Field(description="the agency heading verbatim")
    agencies: list[str]
    duties: list[Duty]


class Event(Model):
    """A dated occasion the plan names (for reminders): "kỷ niệm ngày SHTT Thế giới 26/4"."""

    title: str
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    year: int | None = Field(None, description="None: every year of the plan")
    task: str | None = Field(None, description="the task number it belongs to")
    section: str


class Reporting(Model):
    section: str
    text: str
    reporters: str | None = None
    recipient: list[str] = []
    forward_to: list[str] = []
    frequency: str | None = None
    deadline: str | None = None
    deadline_day: int | None = Field(None, ge=1, le=31)
    deadline_month: int | None = Field(None, ge=1, le=12)


class Discrepancy(Model):
    """Something the document states inconsistently, recorded rather than fixed.

    ``check`` names a computed consistency check (see :mod:`ipbot.plans.checks`) when the
    discrepancy is numeric; ``stated`` and ``computed`` then hold both figures, and
    ``check-data`` verifies they still match the data.
    """

    id: str
    kind: Literal["sum", "missing_row", "citation", "missing_table", "conflict", "text", "structure"]
    check: str | None = None
    where: str
    stated: str | None = None
    computed: str | None = None
    note: str
    task: str | None = Field(None, description="the task whose lead it is about: said with the lead it disputes")


def _folded_words(text: str, what: str) -> str:
    folded = fold(text)
    if not folded:
        raise ValueError(f"{what} {text!r} has no words")
    return folded


class Vocabulary(Model):
    """Words a plan brings with it, for the words people use that the bundled lexicon does not know.

    ``abbreviations``: a short form → what it stands for, written as people write them
    ("TCNT: thịt cừu Ninh Thuận"), kept folded. When the plan is loaded they are added to the
    global ones (``data/lexicon/abbreviations.yaml``) for documents and questions alike, so they
    must not give a global abbreviation another meaning.
    ``topics``: what people call one of the plan's subjects → the plan's own words for it
    ("cừu Phan Rang": ["thịt cừu"]). A question that says the name is looked for in the plan's
    words, as a need of ``data/lexicon/needs.yaml`` is.
    """

    abbreviations: dict[str, str] = {}
    topics: dict[str, list[str]] = {}

    @field_validator("abbreviations")
    @classmethod
    def _fold_abbreviations(cls, abbreviations: dict[str, str]) -> dict[str, str]:
        return {_folded_words(k, "abbreviation"): _folded_words(v, "expansion") for k, v in abbreviations.items()}

    @field_validator("topics")
    @classmethod
    def _topics(cls, topics: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, words in topics.items():
            _folded_words(name, "topic")
            if not words:
                raise ValueError(f"topic {name!r} names none of the plan's words")
        return topics


class Plan(Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    province: str
    province_id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    short_title: str
    source_file: str
    year_start: int
    year_end: int
    horizon: int | None = None
    number: str | None = None
    number_note: str | None = None
    issued: dt.date | None = None
    issued_text: str | None = Field(None, description="the date as printed, verbatim")
    issued_month: str | None = Field(None, pattern=r"^\d{4}-\d{2}$", description="when only the month is known")
    issuer: str
    signer: Signer | None = None
    implements: list[DecisionRef] = []
    in_force: str | None = Field(
        None, description="when the decision that issues the plan takes effect, verbatim ('… kể từ ngày ký')"
    )
    replaces: list[DecisionRef] = Field([], description="the plans or decisions the issuing decision replaces")
    proposal: str | None = Field(
        None, description="the proposal it was issued on, verbatim: 'Tờ trình số 37/TTr-SKHCN ngày 01 tháng 3 năm 2024'"
    )
    objectives: list[TextBlock] = []
    groups: list[Group] = []
    tasks: list[Task]
    budget: PlanBudget
    targets: list[Target] = []
    responsibilities: list[Responsibility] = []
    reporting: Reporting | None = None
    events: list[Event] = []
    closing: str | None = Field(None, description="the closing paragraph: whom to tell about difficulties")
    closing_recipient: list[str] = []
    recipients: list[str] = Field([], description="'Nơi nhận', verbatim lines")
    agencies: list[AgencyDef] = Field([], description="agencies this plan adds to the registry")
    discrepancies: list[Discrepancy] = []
    draft_notes: list[str] = Field([], description="what an imported draft could not fill or is unsure of")
    vocabulary: Vocabulary = Field(default_factory=Vocabulary, description="abbreviations and topic words it brings")

    @property
    def years(self) -> range:
        return range(self.year_start, self.year_end + 1)

    @property
    def has_rows(self) -> bool:
        """The plan's money is given task by task in a table: its printed totals are recorded, or a task has a
        row (an imported draft reads the rows, and the totals only where the table prints them)."""
        return self.budget.table is not None or any(t.budget.status in ("row", "recurring") for t in self.tasks)


class Contact(Model):
    """Whom to contact, kept by the operators in ``data/contacts.yaml``: not from the plans.

    A province's entry serves the plans of the provinces it lists, old names included
    (since 1 July 2025 the Sở KH&CN of Khánh Hòa does the work of Ninh Thuận's); an entry
    with no provinces is national (Cục Sở hữu trí tuệ). Only what an operator checked is
    written: a missing phone number is better than a wrong one.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    agency: str | None = Field(None, description="the registry id of the agency it is (so-khcn), if any")
    provinces: list[str] = Field([], description="the plan provinces it serves; empty for a national body")
    address: str | None = None
    phone: str | None = Field(None, pattern=r"^\+?[0-9 .()-]{6,20}$")
    email: str | None = Field(None, pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
    website: str | None = Field(None, pattern=r"^https://[^\s]+$")
    note: str | None = None


class ContactsFile(Model):
    updated: dt.date = Field(description="when an operator last checked the entries")
    contacts: list[Contact]
