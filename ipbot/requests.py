"""Typed requests: what a message asks, between reading it and answering it.

Reading (:mod:`ipbot.reading`) is the only code that looks at message text; it turns a
message into one or more :class:`Request` values. Answering (:mod:`ipbot.answering`)
runs each request against the plan database and never sees the words typed. Front ends
build requests directly (menus, buttons, suggestions), so a tap and a typed question
take the same path.

A request says *which items* (tasks, agencies, duties, targets…), *which filters*
(plan, agency and role, quarter, group, funding source, budget status, amounts, "has /
has not" a field, "which do not"), *what to show* and an *operation* (look up, list,
count, sum, max/min, share, difference, compare). Requests are frozen, hashable and
serialise to compact JSON with :meth:`Request.pack` (button data, stored context).

>>> r = Request(items=Items.TASKS, op=Op.COUNT, plans=("ninh-thuan-2022",),
...             filters=Filters(agency="so-khcn", role=Role.LEAD))
>>> Request.unpack(r.pack()) == r
True
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from annotated_types import Interval
from pydantic import BaseModel, ConfigDict

__all__ = [
    "AmountFilter",
    "Field",
    "Figure",
    "Filters",
    "Items",
    "Measure",
    "Op",
    "Reason",
    "Request",
    "Role",
]


class Op(StrEnum):
    """What to do with the selected items."""

    LOOKUP = "lookup"  # show the asked fields of each item
    LIST = "list"  # the items that pass the filters
    COUNT = "count"
    SUM = "sum"
    MAX = "max"
    MIN = "min"
    SHARE = "share"  # figures[0] / figures[1], in per cent
    DIFFERENCE = "difference"  # figures[0] − figures[1]
    COMPARE = "compare"  # the same items across two plans: kept, added, dropped


class Items(StrEnum):
    """What a request is about."""

    TASKS = "tasks"  # tasks, with their budget rows
    AGENCIES = "agencies"
    DUTIES = "duties"  # "Tổ chức thực hiện", entry by entry
    TARGETS = "targets"
    GROUPS = "groups"  # task groups
    QUARTERS = "quarters"  # the quarters of a plan year: tasks and their money quarter by quarter
    SOURCES = "sources"  # funding sources of the plan budget
    BUDGET = "budget"  # the plan's budget as a whole
    DOCUMENT = "document"  # number, date, signer, decisions implemented
    CITATIONS = "citations"  # documents the plans cite (resolutions, decisions), and where
    OBJECTIVES = "objectives"
    REPORTING = "reporting"
    RECIPIENTS = "recipients"  # "Nơi nhận"
    PASSAGES = "passages"  # quoted text: a task's content, a duty, a target…
    DISCREPANCIES = "discrepancies"
    SUPPORT = "support"  # the tasks that offer what a business needs, each with whom to ask
    CONTACTS = "contacts"  # operators' contact list (not from the plans)
    PLANS = "plans"
    FILES = "files"  # charts and spreadsheets
    TALK = "talk"  # greeting, thanks, help, goodbye, empty message
    NOTHING = "nothing"  # nothing answerable: what was understood and why not


class Role(StrEnum):
    """How an agency takes part: lead (co-leads included), cooperating, either, or a duty."""

    LEAD = "lead"
    COOPERATING = "cooperating"
    ANY = "any"
    DUTY = "duty"


class Field(StrEnum):
    """What to show of an item."""

    # a task
    CARD = "card"
    LEAD = "lead"
    COOPERATING = "cooperating"
    TIME = "time"
    BUDGET = "budget"
    OBJECTIVE = "objective"
    QUANTITY = "quantity"
    TRAINING = "training"
    NOTES = "notes"
    GROUP = "group"  # a task's group; of nothing yet: "nhóm đó" with no group said before
    AGENCY = "agency"  # nothing yet: "sở đó" with no agency said before (which one is asked back)
    CONTENT = "content"
    DURATION = "duration"  # the task's whole length in months ("tổng thời gian thực hiện: 24 tháng")
    SHARE = "share"  # a count: also as a share of all the items it is taken from
    CONTINUES = "continues"  # asked whether a plan has (still) such a task: "no" is then the answer
    QUOTE = "quote"  # the document's own words
    CONTACT = "contact"  # whom to ask, from the operators' contacts (not the plans)
    DETAIL = "detail"  # a detail no plan records for a task (a class's days, its venue, how many learners)
    # the document
    NUMBER = "number"
    DATE = "date"
    DAY = "day"  # the exact day (a month alone does not answer it)
    SIGNER = "signer"
    DECISION = "decision"
    IN_FORCE = "in_force"  # when the decision that issues the plan takes effect
    REPLACES = "replaces"  # the plans the issuing decision replaces
    PROPOSAL = "proposal"  # the proposal ("Tờ trình") the plan was issued on
    PERIOD = "period"
    UNIT = "unit"  # the budget table's unit
    # the plan budget
    TOTAL = "total"
    SOURCES = "sources"
    IN_WORDS = "in_words"
    AVERAGE = "average"  # a sum of rows, divided by the rows that state an amount
    GAP = "gap"  # a sum of rows against the figure the document prints for them: the gap first
    # reporting
    REGIME = "regime"
    DIFFICULTY = "difficulty"
    # objectives
    GENERAL = "general"
    # talk
    GREETING = "greeting"
    THANKS = "thanks"
    GOODBYE = "goodbye"
    COMPLAINT = "complaint"  # "sai rồi": the last answer was wrong
    HELP = "help"
    EMPTY = "empty"
    UNREADABLE = "unreadable"  # no Vietnamese (Latin-script) word in the message
    # files
    CHART = "chart"
    EXPORT = "export"  # the Excel workbook
    CSV = "csv"  # the same rows as CSV, only when asked for


class Measure(StrEnum):
    """An amount of a budget row (million VND), or a figure the plan states."""

    TOTAL = "total"  # "Tổng kinh phí thực hiện": the whole task over its life
    ALLOCATION = "allocation"  # this plan year's allocation (all sources, or ``source``)
    REMAINING = "remaining"  # total − allocation: still to be found after this year
    RATIO = "ratio"  # allocation / total
    STATED = "stated"  # the plan's stated total, or a source's stated amount
    QUANTITY = "quantity"  # a count the tasks state ("01 lớp"), of the unit named in ``filters.words``
    DURATION = "duration"  # months a task runs in all ("Tổng thời gian thực hiện: 24 tháng")
    START = "start"  # the quarter a task starts in ("triển khai sớm / muộn nhất")


NOT_MONEY = frozenset({Measure.QUANTITY, Measure.DURATION, Measure.START})
"""Measures that are no column of the budget table: a follow-up "cộng lại" never adds them up as money."""


class Reason(StrEnum):
    """Why nothing could be answered (``Items.NOTHING``)."""

    NOT_FOUND = "not_found"  # the plans say nothing about it
    NO_PLAN = "no_plan"  # a province or year without a plan
    OUT_OF_SCOPE = "out_of_scope"  # procedures, phone numbers, fees: not what the plans are about
    NO_ANALOG = "no_analog"  # a follow-up about another plan, which has no such task
    ELSEWHERE = "elsewhere"  # the plan named has no such task; another plan has
    AMBIGUOUS = "ambiguous"  # several readings: ask which one
    WRONG_NUMBER = "wrong_number"  # a task number the plan does not use
    UNSUPPORTED = "unsupported"  # an operation the data cannot serve
    NO_STATISTICS = "no_statistics"  # results or current figures: the plans set targets, not results
    NOT_STATED = "not_stated"  # the plan has such items, but none about what was asked (``filters.words``)
    NO_REFERENT = "no_referent"  # "lớp đó kp bn?" with nothing said before it that "đó" could mean


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AmountFilter(_Frozen):
    """Keep budget rows whose measure compares to a value: ``total < 100``; ``remaining > 0``."""

    measure: Measure = Measure.TOTAL
    op: str = "<"  # one of < <= > >= =
    value: Decimal = Decimal(0)
    source: str | None = None


class Filters(_Frozen):
    """Which items: every filter given must hold (``negate`` turns the agency test around)."""

    # chosen items, in order: tasks "plan:3.4", duties "plan:V.1", targets "plan:t1", cited documents by the
    # digits of their number ("14" for Nghị quyết số 14-NQ/TU)
    ids: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()  # tasks left out of the selection ("không tính 5.3")
    parts: tuple[int, ...] = ()  # within one chosen item (a duty entry), the positions asked about
    points: tuple[str, ...] = ()  # within a duty entry, the lettered points named ("điểm b mục 9"), as lettered
    agency: str | None = None  # agency slug, as the plans' tasks name it
    role: Role = Role.ANY
    alone: bool = False  # role lead: only the tasks the agency leads alone (co-led ones left out)
    co_led: bool = False  # only tasks with two lead agencies or more
    also: tuple[str, ...] = ()  # more agencies whose tasks count too, in the same role ("Sở A, Sở B và Sở C chủ trì")
    partner: str | None = None  # a second agency the task must name too ("Sở A chủ trì mà có Sở B phối hợp")
    partner_role: Role = Role.ANY
    partner_absent: bool = False  # "Sở A chủ trì mà không có Sở B phối hợp": the task must not name the partner so
    agency_kind: str | None = None  # department, local, association…
    exclude_role: Role | None = None  # agencies: holding ``role`` but never this one
    negate: bool = False  # "which do not": the agency test (or, with no agency, the funding-source test) reversed
    quarters: tuple[int, ...] = ()
    exact_quarters: bool = False  # "đúng Quý II (không tính Quý I–II)": the task's quarters are exactly these
    starting: bool = False  # "bắt đầu từ Quý I": the task's first quarter is one of these
    whole_year: bool = False
    groups: tuple[str, ...] = ()  # "plan:group"
    source: str | None = None  # draws on this funding source
    source_alone: bool = False  # with ``source``: draws on no other source ("chỉ dùng NS sự nghiệp khoa học")
    without_source: str | None = None  # amounts leave this source out ("không tính tiền đề xuất NSTU")
    status: tuple[str, ...] = ()  # budget status: row, recurring, no_row, not_itemised
    amount: AmountFilter | None = None
    has: tuple[Field, ...] = ()  # states this field (lead, cooperating, time, budget…)
    lacks: tuple[Field, ...] = ()  # does not state it
    duration: int | None = None  # tasks lasting this many months in all
    duration_op: Literal["=", "<", "<=", ">", ">="] = "="  # "dài hơn 12 tháng": the length compared, not equal
    year: int | None = None  # targets: the year they are set for; a plan's money: the one year asked
    words: tuple[str, ...] = ()  # words the user named that the plans never use (product, place)


class Figure(_Frozen):
    """One amount to compute, for shares and differences."""

    measure: Measure
    plan: str | None = None
    source: str | None = None
    filters: Filters = Filters()


class Request(_Frozen):
    items: Items
    op: Op = Op.LOOKUP
    plans: tuple[str, ...] = ()
    explicit: bool = False  # the message itself named the plan (province, year, number)
    filters: Filters = Filters()
    show: tuple[Field, ...] = ()
    measure: Measure | None = None
    figures: tuple[Figure, ...] = ()
    limit: int | None = None
    position: Annotated[int, Interval(ge=1, le=20)] = 1  # MAX/MIN: the n-th distinct amount ("lớn thứ hai")
    reason: Reason | None = None
    alternatives: tuple[Request, ...] = ()  # NOTHING: what the user may have meant
    instead_of: tuple[str, ...] = ()  # the conversation's plans, which have nothing on it: the answer is another's

    def pack(self) -> str:
        """Compact JSON (defaults left out): button data and stored context."""
        return self.model_dump_json(exclude_defaults=True)

    @classmethod
    def unpack(cls, data: str) -> Request:
        return cls.model_validate_json(data)

    @property
    def intent(self) -> str:
        """A short name for what is asked, for logs, statistics and the batch protocol."""
        return _intent(self)

    def but(self, **changes: object) -> Request:
        """A copy with some fields changed (validated): ``r.but(plans=("ninh-thuan-2022",))``."""
        return Request.model_validate({**self.model_dump(), **changes})


_TASK_FIELD_INTENTS = {
    Field.LEAD: "lead_agency",
    Field.COOPERATING: "cooperating_agencies",
    Field.TIME: "timeline",
    Field.DURATION: "timeline",
    Field.BUDGET: "budget",
    Field.SOURCES: "budget",
    Field.OBJECTIVE: "objective",
    Field.QUANTITY: "quantity",
    Field.QUOTE: "source",
    Field.GROUP: "task_group",
}


def _intent(request: Request) -> str:
    """A short name for what was asked, for logs, statistics and the batch protocol."""
    if request.items is Items.TASKS:
        if request.op is Op.LOOKUP:
            first = request.show[0] if request.show else Field.CARD
            return _TASK_FIELD_INTENTS.get(first, "task_card")
        if request.op is Op.LIST:
            f = request.filters
            if f.agency:
                return "tasks_by_agency"
            if f.quarters or f.whole_year:
                return "tasks_by_quarter"
            if f.source:
                return "budget_by_source"
            return "search" if f.ids else "tasks_overview"
        if request.op in (Op.MAX, Op.MIN):
            return "budget_largest"
        return f"tasks_{request.op.value}"
    if request.items is Items.NOTHING:
        return request.reason.value if request.reason else "not_found"
    if request.items is Items.TALK:
        return (request.show[0] if request.show else Field.HELP).value
    if request.items is Items.FILES:
        return (request.show[0] if request.show else Field.CHART).value
    names = {
        Items.BUDGET: "plan_budget",
        Items.SOURCES: "budget_by_source",
        Items.DUTIES: "responsibility",
        Items.PASSAGES: "search",
        Items.OBJECTIVES: "objective",
        Items.RECIPIENTS: "document",
        Items.CITATIONS: "citation",
    }
    name = names.get(request.items, request.items.value)
    if request.items is Items.GROUPS and request.op is Op.SUM:
        return "budget_by_group"
    if request.items is Items.QUARTERS:
        return "tasks_by_quarter"
    return name if request.op in (Op.LOOKUP, Op.LIST) else f"{name}_{request.op.value}"
