"""The Telegram front end: handlers, keyboards, error handler, ``build_application()``.

The only module that imports telegram. Handlers do three things: read the update,
call the core (:class:`~ipbot.assistant.Assistant` with the message, or with the typed
request a menu or button carries), render (:mod:`ipbot.frontends.render`). A button
carries its request serialised (``r:{…}``), or, when that exceeds Telegram's 64 bytes,
a short hash under which the request is kept in the state database, so buttons keep
working after a restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import html
import logging
import math
import sqlite3
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputMediaPhoto,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import MessageEntityType, ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from ipbot import phrases
from ipbot.answers import Answer, Attachment, Context, Section, Suggestion
from ipbot.assistant import Assistant, open_knowledge
from ipbot.config import Settings
from ipbot.files.attachments import render
from ipbot.frontends.browse import FACETS, Browser, fit, plan_label
from ipbot.frontends.render import html_text, split_message
from ipbot.frontends.telegram.brief import brief, is_budget, is_list, short_title, sources_html
from ipbot.frontends.telegram.delivery import reliable
from ipbot.frontends.telegram.inbox import replay_pending
from ipbot.frontends.telegram.state import DAY, StateStore
from ipbot.plans.store import DataInvalid, Knowledge
from ipbot.requests import Field, Filters, Items, Measure, Op, Request
from ipbot.text import figure

__all__ = ["Services", "build_application", "button_data", "run_bot", "webhook_options"]

log = logging.getLogger(__name__)

CALLBACK_LIMIT = 64
VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")
CAPTION_LIMIT = 1024
ALBUM_LIMIT = 10
"""Photos Telegram takes in one album (sendMediaGroup)."""
PAGE = 8
SERVICES = "services"
FEEDBACK_LENGTH = 1000
"""/gopy: the longest feedback kept, in characters (a paragraph; longer is refused, not cut)."""
FEEDBACK_PER_HOUR = 5
"""/gopy: how many a user may send in an hour (one user once stored 200 × 2,000 characters in 7 s)."""
FILE_COST = 5
"""What a chart or a workbook costs of the per-user budget (``IPBOT_USER_RATE`` a minute, where
everything else costs 1): drawing one takes the time of hundreds of answers, and 60 /bieudo in
three seconds once made another user wait 42 s."""
FILE_COMMANDS = frozenset({"bieudo", "xuat"})
CONTEXT_WAIT = 0.5
"""How long an answer waits for its conversation's context to reach the disk (see :func:`_briefly`)."""
STATS_WAIT = 2.0
"""How long /thongke waits for the writes queued before it (the log rows of answers just sent)."""


class UserRateLimiter:
    """A budget of ``limit`` units per user per ``window`` seconds (a minute for the general
    budget), spent by everything a user makes the bot do; a user over budget is told once per
    ``warn_every`` seconds (default: once a window) and otherwise ignored.

    Every action costs 1 unless said otherwise (a chart or a workbook costs more: drawing one takes
    the time of hundreds of answers). Only in memory: counting someone's actions must not store
    anything about them."""

    def __init__(self, limit: int, window: float = 60.0, warn_every: float | None = None) -> None:
        self.limit = limit
        self.window = window
        self.warn_every = window if warn_every is None else warn_every
        self._seen: dict[int, deque[tuple[float, int]]] = defaultdict(deque)
        self._spent: dict[int, int] = defaultdict(int)
        self._warned: dict[int, float] = {}

    def _expire(self, user_id: int, now: float) -> deque[tuple[float, int]]:
        if len(self._seen) > 10_000:  # forget idle users so memory stays bounded
            for uid in [u for u, q in self._seen.items() if not q or now - q[-1][0] > self.window]:
                self._seen.pop(uid, None)
                self._spent.pop(uid, None)
                self._warned.pop(uid, None)
        seen = self._seen[user_id]
        while seen and now - seen[0][0] > self.window:
            self._spent[user_id] -= seen.popleft()[1]
        return seen

    def check(self, user_id: int, now: float | None = None, cost: int = 1) -> str:
        """'ok' (spent), 'warn' (first refusal in a while: say so) or 'drop' (already told)."""
        now = time.monotonic() if now is None else now
        cost = max(1, min(cost, self.limit))  # a cost above the budget would never fit
        seen = self._expire(user_id, now)
        if self._spent[user_id] + cost <= self.limit:
            seen.append((now, cost))
            self._spent[user_id] += cost
            return "ok"
        warned = self._warned.get(user_id)
        if warned is None or now - warned > self.warn_every:
            self._warned[user_id] = now
            return "warn"
        return "drop"

    def spend(self, user_id: int, cost: int, now: float | None = None) -> None:
        """Count ``cost`` more, over budget or not: what an action turned out to cost once done (a
        chart asked for in words is known to be one only after the question was read)."""
        if cost <= 0:
            return
        now = time.monotonic() if now is None else now
        self._expire(user_id, now).append((now, cost))
        self._spent[user_id] += cost

    def wait(self, user_id: int, now: float | None = None, cost: int = 1) -> float:
        """Seconds until ``user_id`` may spend ``cost`` again (0 when they may now)."""
        now = time.monotonic() if now is None else now
        cost = max(1, min(cost, self.limit))
        seen = self._expire(user_id, now)
        spent = self._spent[user_id]
        for at, amount in seen:
            if spent + cost <= self.limit:
                break
            spent -= amount
            if spent + cost <= self.limit:
                return max(0.0, self.window - (now - at))
        return 0.0


@dataclass
class Services:
    """What handlers need, created once at start-up and kept in ``bot_data`` (not persisted)."""

    settings: Settings
    assistant: Assistant
    browser: Browser
    store: StateStore
    limiter: UserRateLimiter
    today: Callable[[], dt.date] = field(default=lambda: dt.datetime.now(VIETNAM).date())
    """The date reminders are computed for (tests pass a fixed one)."""
    feedback_limiter: UserRateLimiter = field(
        default_factory=lambda: UserRateLimiter(FEEDBACK_PER_HOUR, window=3600.0, warn_every=60.0)
    )
    """/gopy per user and hour; a refusal is repeated at most once a minute."""
    answering: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="ipbot-answer")
    )
    """The one thread the core runs on (:meth:`core`)."""
    data_problem: str | None = None
    """Why the plans served are not those in data/ (the data has errors and the database built
    last time is served instead): said in the log at start and in /thongke until fixed."""

    def reload(self) -> tuple[int, int]:
        """Rebuild the plan database from data/ and swap in a new core (admin /taidulieu)."""
        try:
            knowledge = open_knowledge(self.settings.data_dir, self.settings.database)
        except DataInvalid as exc:
            self.data_problem = data_problem(exc)
            raise
        # the old core is not closed: an answer may still be running on it; it goes with its last user
        self.assistant = Assistant(knowledge)
        self.browser = Browser(knowledge)
        self.data_problem = None
        return len(knowledge.plans), sum(len(p.tasks) for p in knowledge.plans.values())

    @property
    def knowledge(self) -> Knowledge:
        return self.assistant.knowledge

    async def core(self, call: Callable[[Assistant], T]) -> T:
        """Run ``call`` on the core off the event loop, one call at a time.

        Why: an answer is CPU work (a few milliseconds, tens at 300 plans, more for a long list);
        run on the event loop it held every other chat's sends, polling and button answers. One
        thread, not a pool: the core's caches are not made for two answers at once, and with the
        GIL a second thread would not answer faster anyway."""
        assistant = self.assistant  # a reload swaps it; a call keeps the core it started with
        return await asyncio.get_running_loop().run_in_executor(self.answering, call, assistant)


T = TypeVar("T")


def _services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.bot_data[SERVICES]


def data_problem(exc: DataInvalid) -> str:
    """What /thongke and the log say when data/ has errors and the plans served are older."""
    first = str(exc.problems[0]) if exc.problems else str(exc)
    return phrases.DATA_PROBLEM.format(errors=len(exc.problems), first=" ".join(first.split()))


# ---------------------------------------------------------------- keyboards
def button_data(data: str) -> str:
    """Callback data for ``data``: itself when it fits Telegram's 64 bytes, else ``h:`` and a short hash of it."""
    if len(data.encode()) <= CALLBACK_LIMIT:
        return data
    return "h:" + hashlib.sha1(data.encode()).hexdigest()[:12]


def _button(label: str, data: str, store: StateStore) -> InlineKeyboardButton:
    """A button whose data fits Telegram's 64 bytes; long data is kept in the state database under its hash."""
    key = button_data(data)
    if key != data:
        store.remember("button", key[2:], data)
    return InlineKeyboardButton(fit(label, 60), callback_data=key)


def _request_button(label: str, request: Request, store: StateStore, kind: str = "r") -> InlineKeyboardButton:
    """A button that makes a request: ``r:`` edits the message in place, ``q:`` answers below it."""
    return _button(label, f"{kind}:{request.pack()}", store)


def _suggestion_button(s: Suggestion, store: StateStore, browser: Browser | None = None) -> InlineKeyboardButton:
    """A suggested question, answered below; plans in its label named short ('Ninh Thuận 2023')."""
    label = short_title(s.label, browser.knowledge.plans.values()) if browser else s.label
    return _request_button(label, s.request, store, kind="q")


_FACET_OF_INTENT = {
    "lead_agency": "lead",
    "cooperating_agencies": "lead",
    "timeline": "time",
    "budget": "budget",
    "objective": "objective",
    "task_card": "card",
    "source": "source",
}


def _task_keyboard(answer: Answer, store: StateStore) -> InlineKeyboardMarkup | None:
    """Facet buttons under a one-task answer, leaving out the facet just shown."""
    if len(answer.task_ids) != 1:
        return None
    plan_id, number = answer.task_ids[0].split(":", 1)
    shown = _FACET_OF_INTENT.get(answer.intent)
    buttons = [
        _request_button(label, Browser.task_request(plan_id, number, facet), store)
        for facet, label in phrases.FACET_LABELS.items()
        if facet != shown and facet in FACETS
    ]
    return InlineKeyboardMarkup([buttons[i : i + 3] for i in range(0, len(buttons), 3)])


def _keyboard(
    answer: Answer, store: StateStore, browser: Browser | None = None, rating: int | None = None
) -> InlineKeyboardMarkup | None:
    """Facet buttons for one task; a button for every task when several matched (paged); else
    suggestions. Under an answer to a question, 👍 / 👎 (``rating`` is the question's log id)."""
    rows = _answer_rows(answer, store, browser)
    if rating is not None and answer.answered:
        rows.append(_rating_row(rating, store))
    return InlineKeyboardMarkup(rows) if rows else None


def _answer_rows(answer: Answer, store: StateStore, browser: Browser | None) -> list[list[InlineKeyboardButton]]:
    task_kb = _task_keyboard(answer, store)
    if task_kb is not None:
        return [list(row) for row in task_kb.inline_keyboard]
    listed = list(answer.task_ids) if len(answer.task_ids) > 1 else list(answer.listed)
    if len(listed) > 1:  # a button for every task listed, not only the first few
        others = [s for s in answer.suggestions if not _opens_one_task(s.request)]
        return _choice_rows(listed, 0, store, browser) + [[_suggestion_button(s, store, browser)] for s in others[:2]]
    return [[_suggestion_button(s, store, browser)] for s in answer.suggestions[:4]]


def _opens_one_task(request: Request) -> bool:
    return request.items is Items.TASKS and len(request.filters.ids) == 1


def _task_button(task_id: str, store: StateStore, browser: Browser | None, with_plan: bool) -> InlineKeyboardButton:
    plan_id, number = task_id.split(":", 1)
    label = browser.task_label(plan_id, number, with_plan) if browser else f"Nhiệm vụ {number} ({plan_id})"
    return _request_button(label, Browser.task_request(plan_id, number), store)


def _choice_rows(
    task_ids: list[str], page: int, store: StateStore, browser: Browser | None
) -> list[list[InlineKeyboardButton]]:
    """A button for every task an answer lists, ``PAGE`` at a time; the list is kept under a hash
    so « / » can page it in place after a restart."""
    with_plan = len({t.split(":", 1)[0] for t in task_ids}) > 1
    page = _page(page, len(task_ids))
    start = page * PAGE
    rows = [[_task_button(t, store, browser, with_plan)] for t in task_ids[start : start + PAGE]]
    if len(task_ids) > PAGE:
        key = hashlib.sha1("|".join(task_ids).encode()).hexdigest()[:12]
        store.remember("choices", key, task_ids)
        rows.append(_navigation(page, len(task_ids), lambda p: f"t:{key}:{p}", store))
    return rows


def _rating_row(question_id: int, store: StateStore) -> list[InlineKeyboardButton]:
    return [
        _button(phrases.RATE_UP, f"f:+:{question_id}", store),
        _button(phrases.RATE_DOWN, f"f:-:{question_id}", store),
    ]


def _pages(
    items: list[InlineKeyboardButton], page: int, nav: Callable[[int], str], store: StateStore
) -> InlineKeyboardMarkup:
    page = _page(page, len(items))
    start = page * PAGE
    rows = [[b] for b in items[start : start + PAGE]]
    navigation = _navigation(page, len(items), nav, store)
    if navigation:
        rows.append(navigation)
    return InlineKeyboardMarkup(rows)


def _page(page: int, total: int) -> int:
    """A page that exists: button data may be old or forged ("page 999" of three)."""
    return max(0, min(page, (total - 1) // PAGE))


def _navigation(page: int, total: int, nav: Callable[[int], str], store: StateStore) -> list[InlineKeyboardButton]:
    """« Trước / Sau » for page ``page`` of ``total`` items, ``PAGE`` to a page."""
    buttons = []
    if page > 0:
        buttons.append(_button(phrases.PREVIOUS, nav(page - 1), store))
    if (page + 1) * PAGE < total:
        buttons.append(_button(phrases.NEXT, nav(page + 1), store))
    return buttons


# ---------------------------------------------------------------- the answer on a phone
VIEW_BRIEF, VIEW_FULL, VIEW_SOURCES = "b", "f", "s"
"""How an answer's message shows it: the brief (first), the whole answer, the brief with its sources."""
ASK_BUDGET, ASK_PREVIOUS = "k", "p"
"""Follow-ups of an answer, answered below it: the money of what it is about, the year before."""
_MONEY_OPS = frozenset({Op.SUM, Op.MAX, Op.MIN, Op.SHARE, Op.DIFFERENCE})


def _answer_key(answer: Answer, store: StateStore) -> str | None:
    """The key the answer's requests are kept under, for its view buttons (``v:<key>:<view>``):
    pressed later, even after a restart, they run the same requests again."""
    if not answer.requests:
        return None
    packed = [r.pack() for r in answer.requests]
    key = hashlib.sha1("\n".join(packed).encode()).hexdigest()[:12]
    store.remember("answer", key, packed)
    return key


def _stored_requests(store: StateStore, key: str) -> list[Request] | None:
    packed = store.get("answer", key)
    if not isinstance(packed, list) or not packed:
        return None
    try:
        return [Request.unpack(str(p)) for p in packed]
    except ValueError:
        return None


def _present(
    answer: Answer, services: Services, view: str = VIEW_BRIEF, rating: int | None = None
) -> tuple[str, InlineKeyboardMarkup | None]:
    """An answer's message: the brief (or the view asked for) and its buttons — the views, the
    task facets or a button per listed task, the follow-ups, 👍 / 👎 (``rating``, under a question)."""
    store, browser = services.store, services.browser
    key = _answer_key(answer, store)
    # /gopy is Telegram's: the core's reply to "sai rồi" cannot name it
    note = phrases.COMPLAINT_FEEDBACK if answer.intent == Field.COMPLAINT.value else None
    shown = brief(answer, browser, services.assistant.run, note) if key else None
    if shown is None or view == VIEW_FULL:
        text = html_text(answer) + (f"\n\n{html.escape(note)}" if note else "")
    elif view == VIEW_SOURCES:
        text = "\n\n".join(x for x in (shown.html, sources_html(answer)) if x)
    else:
        text = shown.html
    rows: list[list[InlineKeyboardButton]] = []
    if key is not None and shown is not None:
        rows += _view_row(answer, key, shown.cut, view, store)
    rows += _answer_rows(answer, store, browser)
    if key is not None:
        rows += _follow_up_row(answer, services, key)
    if rating is not None and answer.answered:
        rows.append(_rating_row(rating, store))
    return text, InlineKeyboardMarkup(rows) if rows else None


def _view_row(answer: Answer, key: str, cut: bool, view: str, store: StateStore) -> list[list[InlineKeyboardButton]]:
    """«Chi tiết» when the brief left something out («Thu gọn» once it is shown), «Nguồn» when the
    answer cites sources (a one-task answer has its own «Nguồn» facet: the document's words)."""
    row = []
    if view == VIEW_FULL:
        row.append(_button(phrases.COLLAPSE, f"v:{key}:{VIEW_BRIEF}", store))
    elif cut:
        row.append(_button(phrases.DETAILS, f"v:{key}:{VIEW_FULL}", store))
    if answer.sources and view == VIEW_BRIEF and _task_keyboard(answer, store) is None:
        row.append(_button(phrases.SOURCES_BUTTON, f"v:{key}:{VIEW_SOURCES}", store))
    return [row] if row else []


def _follow_up_row(answer: Answer, services: Services, key: str) -> list[list[InlineKeyboardButton]]:
    """«Kinh phí», «So sánh năm trước» where they apply; under a plan's budget, its charts when
    the plans have figures to draw (a button that only says "nothing to draw" is a dead end)."""
    row = []
    if _budget_follow_up(answer, services.browser) is not None:
        row.append(_button(phrases.BUDGET_BUTTON, f"v:{key}:{ASK_BUDGET}", services.store))
    if _previous_follow_up(answer, services) is not None:
        row.append(_button(phrases.PREVIOUS_YEAR, f"v:{key}:{ASK_PREVIOUS}", services.store))
    rows = [row] if row else []
    plan_ids = tuple(dict.fromkeys(p for r in answer.requests for p in r.plans)) or tuple(answer.plan_ids)
    if is_budget(answer) and _chartable(services.knowledge, plan_ids):
        chart = Browser.files_request(plan_ids, Field.CHART)
        rows.append([_request_button(phrases.CHART_BUTTON, chart, services.store, "q")])
    return rows


def _chartable(knowledge: Knowledge, plan_ids: tuple[str, ...]) -> bool:
    """Whether /bieudo would draw anything for these plans: a budget table's rows, sources with
    amounts, or two plans' totals side by side."""
    plans = [knowledge.plans[p] for p in plan_ids if p in knowledge.plans]
    drawn = any(
        any(t.budget.status == "row" for t in p.tasks) or any(s.amount is not None for s in p.budget.sources)
        for p in plans
    )
    return drawn or sum(p.budget.total is not None for p in plans) >= 2


def _budget_follow_up(answer: Answer, browser: Browser) -> Request | None:
    """«Kinh phí» under an answer about one plan that did not give money: the sum of the tasks it
    lists (when the plan has a budget table), else the plan's budget. A one-task answer has the
    «Kinh phí» facet instead."""
    requests = answer.requests
    if not requests or len(answer.task_ids) == 1 or len(answer.plan_ids) != 1 or is_budget(answer):
        return None
    for r in requests:  # about tasks, and not about their money already
        money = r.op in _MONEY_OPS or r.measure is not None or Field.BUDGET in r.show
        if money or r.reason is not None or r.items is not Items.TASKS:
            return None
    plan_id = answer.plan_ids[0]
    if not browser.has_plan(plan_id):
        return None
    listed = [t for t in (answer.listed or answer.task_ids) if t.split(":", 1)[0] == plan_id]
    plan = browser.knowledge.plans[plan_id]
    if len(listed) > 1 and any(t.budget.status == "row" for t in plan.tasks):
        return Request(
            items=Items.TASKS,
            op=Op.SUM,
            plans=(plan_id,),
            explicit=True,
            filters=Filters(ids=tuple(listed)),
            measure=Measure.TOTAL,
        )
    return Browser.budget_request(plan_id)


def _previous_plan(browser: Browser, plan_id: str) -> str | None:
    """The province's plan before this one (Ninh Thuận 2022 for 2023), if the data has it."""
    plans = browser.knowledge.plans
    plan = plans.get(plan_id)
    if plan is None:
        return None
    earlier = [p for p in plans.values() if p.province_id == plan.province_id and p.year_end < plan.year_start]
    return max(earlier, key=lambda p: p.year_start).id if earlier else None


def _previous_follow_up(answer: Answer, services: Services) -> Request | None:
    """«So sánh năm trước» under an answer about one plan that has a plan the year before: both
    budgets, both years' version of the one task (when the plans match it to one), or what the two
    plans' task lists keep, add and drop."""
    from ipbot.answering.lists import MIN_ANALOG

    requests = answer.requests
    if not requests or len(answer.plan_ids) != 1 or any(len(r.plans) > 1 for r in requests):
        return None
    if any(r.reason is not None or r.items not in (Items.TASKS, Items.BUDGET) for r in requests):
        return None
    current = answer.plan_ids[0]
    previous = _previous_plan(services.browser, current)
    if previous is None:
        return None
    if is_budget(answer):
        return Browser.budget_request(previous, current)
    if len(answer.task_ids) == 1:
        found = services.assistant.answerer.db.analog(answer.task_ids[0], previous)
        if found is None or found[1] < MIN_ANALOG:
            return None
        first = requests[0]
        asked = first.show if first.items is Items.TASKS and first.op is Op.LOOKUP and first.show else (Field.CARD,)
        return Request(
            items=Items.TASKS,
            plans=(previous, current),
            explicit=True,
            filters=Filters(ids=(found[0], answer.task_ids[0])),
            show=asked,
        )
    [only] = requests if len(requests) == 1 else [None]
    if only is None or not is_list(answer) or only.items is not Items.TASKS or only.op is not Op.LIST:
        return None
    f = only.filters
    if f.ids or f.quarters or f.whole_year or f.groups or f.source or f.status or f.amount:
        return None  # a selection the other year cannot be asked the same way
    return Request(
        items=Items.TASKS,
        op=Op.COMPARE,
        plans=(previous, current),
        explicit=True,
        filters=Filters(agency=f.agency, role=f.role),
    )


def _is_view(row: Any) -> bool:
    return any((b.callback_data or "").startswith("v:") for b in row)


# ---------------------------------------------------------------- sending
async def _retrying(send: Callable[[], Awaitable[Any]]) -> Any:
    """One send, never fatal. What is safe to repeat the Bot API client has repeated already, with
    backoff (delivery.py), so a failure here is final: logged there with its chat, and never sent
    again here (a send that timed out may have arrived)."""
    try:
        return await send()
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return None  # a button pressed twice: the message already shows this
        raise  # permanent: sending again cannot help; the error handler logs it and tells the user
    except (RetryAfter, NetworkError) as exc:
        log.warning("send failed (%s)", exc)
        return None


async def _send_answer(
    message: Message,
    answer: Answer,
    services: Services,
    *,
    rating: int | None = None,
) -> None:
    """The answer's brief with its buttons, then its files (several charts as one album)."""
    text, keyboard = _present(answer, services, rating=rating)
    await _reply(message, text, keyboard)
    if answer.attachments:
        await send_attachments(message, services.knowledge, answer.attachments)


async def _reply(message: Message, text: str, keyboard: InlineKeyboardMarkup | None) -> None:
    """``text`` split to fit Telegram, the buttons under its last part."""
    chunks = split_message(text)
    for i, chunk in enumerate(chunks):
        markup = keyboard if i == len(chunks) - 1 else None
        await _retrying(lambda c=chunk, m=markup: message.reply_text(c, reply_markup=m))


async def send_attachments(
    message: Message,
    knowledge: Knowledge,
    attachments: list[Attachment],
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Charts as one album (a single chart as a photo), spreadsheets as documents (``markup`` under
    the last one); rendering runs off the event loop."""
    files = [f for f in [await asyncio.to_thread(render, knowledge, a) for a in attachments] if f is not None]
    photos = [f for f in files if f.kind == "photo"]
    documents = [f for f in files if f.kind != "photo"]
    if len(photos) > 1:
        await _send_album(message, photos)
    elif photos:
        [photo] = photos
        keyboard = markup if not documents else None
        caption = html.escape(photo.caption[: CAPTION_LIMIT - 24])
        await _retrying(
            lambda: message.reply_photo(photo.data, caption=caption, filename=photo.filename, reply_markup=keyboard)
        )
    for i, file in enumerate(documents):
        caption = html.escape(file.caption[: CAPTION_LIMIT - 24])
        keyboard = markup if i == len(documents) - 1 else None
        await _retrying(
            lambda f=file, c=caption, k=keyboard: message.reply_document(
                f.data, caption=c, filename=f.filename, reply_markup=k
            )
        )


async def _send_album(message: Message, photos: list[Any]) -> None:
    """Several charts as one album (sendMediaGroup), up to ten a message, with one short caption
    under it (on its first photo: Telegram shows an album's caption when one photo has it): each
    chart's title and what it adds up, and why two of them differ. The figures in words are the
    text message's, sent just before."""
    for start in range(0, len(photos), ALBUM_LIMIT):
        group = photos[start : start + ALBUM_LIMIT]
        together = "\n".join(p.short or p.caption.split("\n", 1)[0] for p in group)
        captions = [html.escape(together[: CAPTION_LIMIT - 100])] + [None] * (len(group) - 1)
        media = [InputMediaPhoto(p.data, caption=c, filename=p.filename) for p, c in zip(group, captions, strict=True)]
        await _retrying(lambda m=media: message.reply_media_group(m))


def _chat_context(context: ContextTypes.DEFAULT_TYPE) -> Context:
    data = context.chat_data if context.chat_data is not None else {}
    ctx = Context.model_validate(data.get("context") or {})
    ctx.default_plan_id = data.get("plan")
    return ctx


def _save_context(update: Update, context: ContextTypes.DEFAULT_TYPE, ctx: Context) -> Future[bool | None] | None:
    """Keep the conversation's context in memory and have it written now (in the background)."""
    if context.chat_data is None:
        return None
    context.chat_data["context"] = ctx.model_dump(exclude={"default_plan_id"})
    return _keep_chat(update, context)


async def _briefly(written: Future[Any] | None, timeout: float = CONTEXT_WAIT) -> None:
    """Wait for a write at most ``timeout`` seconds: long enough for a healthy disk (a few
    milliseconds), short enough that a locked or failing state database never holds an answer."""
    if written is not None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(written)), timeout)


def _keep_chat(update: Update, context: ContextTypes.DEFAULT_TYPE, durable: bool = False) -> Future[bool | None] | None:
    """Write the chat's plan and context at once, not on PTB's timer (a kill -9 within the timer's
    interval lost every choice confirmed in it). The future says when it is written (``durable``:
    synced to the disk)."""
    chat = update.effective_chat
    if chat is None or context.chat_data is None:
        return None
    return _services(context).store.save_chat(chat.id, context.chat_data, durable)


async def _answer_text(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """The path every question takes: rate limit, core, log, render."""
    await _answer(update, context, lambda assistant, ctx: assistant.ask(text, ctx), text)


async def _answer(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    ask: Callable[[Assistant, Context], Answer],
    logged: str,
) -> None:
    """Answer with the chat's context, keep the new context, send, then log: typed questions and
    tapped suggestions alike (the budget was checked before, by :func:`budget_gate`).

    The answer goes out first: the log and statistics are written afterwards, in the background,
    so a state database that is full, read-only or locked costs the log its row, never the user
    their answer. The question's id (for 👍 / 👎) is chosen before its row exists."""
    services = _services(context)
    message = update.effective_message
    user = update.effective_user
    if message is None:
        return
    asked = time.time()
    chat_context = _chat_context(context)
    answer = await services.core(lambda assistant: ask(assistant, chat_context))
    await _briefly(_save_context(update, context, answer.context))  # "còn kinh phí?" after a restart works
    if user is not None and answer.attachments and update.callback_query is None:
        services.limiter.spend(user.id, FILE_COST - 1)  # a chart asked for in words costs what /bieudo does
    question_id = services.store.new_question_id()
    try:
        await _send_answer(message, answer, services, rating=question_id)
    finally:
        store = services.store
        user_id = user.id if user else None
        store.enqueue(
            "question log", store.log_question, user_id, logged, answer.answered, answer.intent, asked, question_id
        )


def _default_plan(context: ContextTypes.DEFAULT_TYPE) -> str | None:
    return (context.chat_data or {}).get("plan")


def _chosen_plan(context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The chat's plan if it is still in the data (a reload may have removed it)."""
    plan_id = _default_plan(context)
    return plan_id if plan_id and _services(context).browser.has_plan(plan_id) else None


# ---------------------------------------------------------------- commands
async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome, what ipbot answers, example questions as buttons."""
    services = _services(context)
    user = update.effective_user
    name = html.escape(user.first_name) if user else ""
    text = "\n".join([phrases.WELCOME.format(name=name), "", phrases.WELCOME_HOW])
    examples = (await services.core(lambda a: a.run(Request(items=Items.TALK, show=(Field.HELP,))))).suggestions
    buttons = [[_suggestion_button(s, services.store)] for s in examples]
    if update.effective_message:
        await update.effective_message.reply_text(text, reply_markup=InlineKeyboardMarkup(buttons))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What ipbot can answer, with examples and the commands."""
    services = _services(context)
    answer = await services.core(lambda a: a.run(Request(items=Items.TALK, show=(Field.HELP,))))
    commands = [f"/{c} — {d}" for c, d in phrases.COMMANDS.items()]
    text = (
        html_text(answer)
        + f"\n\n<b>{html.escape(phrases.HELP_COMMANDS_TITLE)}</b>\n"
        + html.escape("\n".join(commands))
    )
    buttons = [[_suggestion_button(s, services.store)] for s in answer.suggestions]
    if update.effective_message:
        await update.effective_message.reply_text(text, reply_markup=InlineKeyboardMarkup(buttons))


def _plan_buttons(services: Services, prefix: str, with_all: bool = False) -> InlineKeyboardMarkup:
    rows = [[_button(p.label, f"{prefix}:{p.id}", services.store)] for p in services.browser.plans()]
    if with_all:
        rows.append([_button(phrases.ALL_PLANS, f"{prefix}:*", services.store)])
    return InlineKeyboardMarkup(rows)


async def plans_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the plans and let the chat choose its default plan."""
    services = _services(context)
    answer = await services.core(lambda a: a.run(Request(items=Items.PLANS)))
    text = html_text(answer) + "\n\n" + html.escape(phrases.CHOOSE_PLAN)
    if update.effective_message:
        await update.effective_message.reply_text(text, reply_markup=_plan_buttons(services, "p", with_all=True))


async def tasks_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Browse the default plan's tasks by group (or choose a plan first)."""
    await _open_menu(update, context, "n")


async def agencies_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Browse agencies → the tasks they lead or join."""
    await _open_menu(update, context, "o")


async def quarter_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tasks by quarter."""
    await _open_menu(update, context, "y")


async def _open_menu(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: str) -> None:
    services = _services(context)
    message = update.effective_message
    if message is None:
        return
    plan_id = _chosen_plan(context)
    if plan_id:
        text, markup = _menu(services, kind, plan_id, 0)
        await message.reply_text(text, reply_markup=markup)
    else:
        await message.reply_text(html.escape(phrases.PICK_PLAN_FIRST), reply_markup=_plan_buttons(services, kind))


def _plan_label(services: Services, plan_id: str) -> str:
    return next((p.label for p in services.browser.plans() if p.id == plan_id), plan_id)


def _menu(services: Services, kind: str, plan_id: str, page: int) -> tuple[str, InlineKeyboardMarkup]:
    """The first menu level of /nhiemvu (n), /coquan (o) or /quy (y) for one plan."""
    label = html.escape(_plan_label(services, plan_id))
    store = services.store
    if kind == "n":
        buttons = [_button(g.label, f"g:{plan_id}:{g.id}:0", store) for g in services.browser.groups(plan_id)]
        return phrases.PICK_GROUP.format(plan=label), _pages(buttons, page, lambda p: f"n:{plan_id}:{p}", store)
    if kind == "o":
        buttons = [
            _button(f"{a.label} ({a.count})" if a.count else a.label, f"a:{plan_id}:{a.id}", store)
            for a in services.browser.agencies(plan_id)
        ]
        return phrases.PICK_AGENCY.format(plan=label), _pages(buttons, page, lambda p: f"o:{plan_id}:{p}", store)
    if not services.browser.has_quarters(plan_id):  # say so now, not after a tap on Quý I
        by_group = InlineKeyboardMarkup([[_button(phrases.BY_GROUP, f"n:{plan_id}:0", store)]])
        return phrases.NO_QUARTERS_MENU.format(plan=label), by_group
    buttons = [
        _request_button(f"Quý {r}", Browser.quarter_request(plan_id, q), store)
        for q, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
    ]
    side_by_side = _request_button(phrases.ALL_QUARTERS, Browser.quarters_request(plan_id), store)
    return phrases.PICK_QUARTER.format(plan=label), InlineKeyboardMarkup([buttons, [side_by_side]])


async def budget_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The budget summary of the chat's plan, or of every plan."""
    services = _services(context)
    plan_id = _chosen_plan(context)
    if update.effective_message is None:
        return
    plan_ids = (plan_id,) if plan_id else tuple(p.id for p in services.browser.plans())
    answer = await services.core(lambda a: a.run(Browser.budget_request(*plan_ids)))
    text, markup = _present(answer, services)  # its buttons: details, sources, the year before, the charts
    await _reply(update.effective_message, text, markup)


async def search_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/timkiem <từ khóa>: tasks whose text covers the keyword."""
    services = _services(context)
    keyword = " ".join(context.args or []).strip()
    if update.effective_message is None:
        return
    if not keyword:
        await update.effective_message.reply_text(html.escape(phrases.SEARCH_USAGE))
        return
    plan_id = _chosen_plan(context)
    answer = await services.core(lambda a: a.search(keyword[:200], plan_id))
    await _send_answer(update.effective_message, answer, services)


async def feedback_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/gopy <ý kiến>: stored for the admins, with a hashed user id only; at most
    ``FEEDBACK_LENGTH`` characters and ``FEEDBACK_PER_HOUR`` a user, so one user cannot fill the
    state file (a too-long text is refused whole, not cut: the user would not know what was kept)."""
    services = _services(context)
    text = " ".join(context.args or []).strip()
    message = update.effective_message
    if message is None:
        return
    user_id = update.effective_user.id if update.effective_user else None
    refusal = _feedback_refusal(services, text, user_id)
    if refusal is not None:
        if refusal:
            await message.reply_text(html.escape(refusal))
        return
    chat_type = update.effective_chat.type if update.effective_chat else "unknown"
    # on disk before the thanks; a write that fails is the log's to report, not the user's
    await services.store.persist("feedback", services.store.add_feedback, user_id, chat_type, text)
    await message.reply_text(html.escape(phrases.FEEDBACK_THANKS))


def _feedback_refusal(services: Services, text: str, user_id: int | None) -> str | None:
    """Why this /gopy is not stored (``""``: say nothing, the user was just told), or None to store it.

    The length is checked first, so a text refused for its length does not use up one of the hour's."""
    if not text:
        return phrases.FEEDBACK_USAGE
    if len(text) > FEEDBACK_LENGTH:
        return phrases.FEEDBACK_TOO_LONG.format(
            length=figure(Decimal(len(text))), limit=figure(Decimal(FEEDBACK_LENGTH))
        )
    if user_id is None:
        return None
    verdict = services.feedback_limiter.check(user_id)
    if verdict == "ok":
        return None
    if verdict == "drop":
        return ""
    minutes = max(1, math.ceil(services.feedback_limiter.wait(user_id) / 60))
    return phrases.FEEDBACK_TOO_MANY.format(limit=FEEDBACK_PER_HOUR, minutes=minutes)


def _is_admin(update: Update, services: Services) -> bool:
    user = update.effective_user
    return user is not None and user.id in services.settings.admin_ids


async def _admin_message(update: Update, services: Services) -> Message | None:
    """The message of an admin command, or None (non-admins are told politely)."""
    message = update.effective_message
    if message is not None and not _is_admin(update, services):
        await message.reply_text(html.escape(phrases.ADMIN_ONLY))
        return None
    return message


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/thongke (admins): questions per day, share answered, top unanswered questions; first of all,
    that the plans served are older than data/, when they are."""
    services = _services(context)
    message = await _admin_message(update, services)
    if message is None:
        return
    lines = [f"⚠️ {html.escape(services.data_problem)}", ""] if services.data_problem else []
    # the questions just answered are counted: their rows are written after the answer, so wait
    # for what is queued (a little: a locked database must not hold the admin long)
    await asyncio.to_thread(services.store.flush, STATS_WAIT)
    try:
        lines += await asyncio.to_thread(_stats_lines, services.store)
    except sqlite3.Error as exc:  # the state database cannot be read now: say so, not "no questions"
        log.warning("state: statistics not read (%s)", exc)
        lines.append(html.escape(phrases.STATS_UNREADABLE))
    for chunk in split_message("\n".join(lines)):
        await message.reply_text(chunk)


def _stats_lines(store: StateStore) -> list[str]:
    """The statistics, read off the event loop (the unanswered questions are read whole)."""
    days = store.daily_stats()
    lines = [f"<b>{html.escape(phrases.STATS_TITLE)}</b>"]
    lines += [
        html.escape(
            phrases.STATS_DAY.format(day=d.day, n=d.questions, users=d.users, pct=round(100 * d.answered / d.questions))
        )
        for d in days
    ]
    if not days:
        lines.append(html.escape(phrases.STATS_NONE))
    top = store.top_unanswered()
    if top:
        lines += ["", f"<b>{html.escape(phrases.STATS_UNANSWERED)}</b>"]
        lines += [f"• {html.escape(q)} ({n})" for q, n in top]
    up, down = store.rating_totals()
    if up or down:
        lines += ["", html.escape(phrases.STATS_RATINGS.format(up=up, down=down))]
    rated_down = store.rated_down()
    if rated_down:
        lines += [f"<b>{html.escape(phrases.STATS_RATED_DOWN)}</b>"]
        lines += [f"• {html.escape(text)} ({n})" for text, n in rated_down]
    feedback = store.feedback(5)
    if feedback:
        lines += ["", f"<b>{html.escape(phrases.STATS_FEEDBACK)}</b>"]
        lines += [f"• {html.escape(text)}" for _, text in feedback]
    return lines


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/taidulieu (admins): reload the plan data without restarting."""
    services = _services(context)
    message = await _admin_message(update, services)
    if message is None:
        return
    try:
        plans, tasks = await asyncio.to_thread(services.reload)
    except DataInvalid as exc:
        first = str(exc.problems[0]) if exc.problems else ""
        await message.reply_text(html.escape(phrases.RELOAD_FAILED.format(errors=len(exc.problems), first=first)))
        return
    await message.reply_text(html.escape(phrases.RELOADED.format(plans=plans, tasks=tasks)))


# ---------------------------------------------------------------- messages
async def private_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every text message in a private chat is a question."""
    if update.effective_message and update.effective_message.text:
        await _answer_text(update, context, update.effective_message.text)


def _addressed_to_bot(message: Message, username: str, bot_id: int) -> str | None:
    """The question when a group message mentions or replies to the bot, else None."""
    text = message.text or ""
    mention = f"@{username}".lower()
    for entity in message.entities or ():
        if entity.type == MessageEntityType.MENTION:
            found = message.parse_entity(entity)  # handles Telegram's UTF-16 offsets
            if found.lower() == mention:
                return " ".join(text.replace(found, " ", 1).split())
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == bot_id:
        return text.strip()
    return None


async def group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups, answer only messages that mention the bot or reply to it."""
    message = update.effective_message
    if message is None:
        return
    question = _addressed_to_bot(message, context.bot.username, context.bot.id)
    if question is not None:
        await _answer_text(update, context, question)


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """@bot câu hỏi in any chat: one result per plan the answer covers, each ready to send; an
    empty query gets how to use it and a few example answers, never a half sentence."""
    services = _services(context)
    query = update.inline_query
    if query is None:
        return
    text = query.query.strip()
    if not text:
        await query.answer(await _inline_help(services, context.bot.username), cache_time=300)
        return
    # not logged: Telegram sends an inline query on every keystroke, which would skew the statistics
    answer = await services.core(lambda a: a.ask(text[:256]))
    await query.answer(_inline_results(answer, services, text), cache_time=60)


INLINE_RESULTS = 50
"""Telegram takes at most 50 results for one inline query."""


def _inline_results(answer: Answer, services: Services, asked: str) -> list[InlineQueryResultArticle]:
    """One result per plan: an answer's sections grouped by the titled section that opens each
    plan's part (a comparison that follows a part goes with it; what comes before every title is
    said in each result). Each result sends that part whole: a message sent inline has no «Chi
    tiết» to tap."""
    lead: list[Section] = []
    parts: list[list[Section]] = []
    for section in answer.sections:
        if section.title is None and not parts:
            lead.append(section)
        elif section.title is None:
            parts[-1].append(section)
        else:
            parts.append([section])
    if len(parts) <= 1:
        parts = [[*lead, *(parts[0] if parts else [])]]
        lead = []
    found = [services.browser.knowledge.plans.get(p) for p in answer.plan_ids]
    plans = [p for p in found if p is not None]
    named = len(parts) > 1 and len(parts) == len(plans)
    results = []
    key = hashlib.sha1(asked.encode()).hexdigest()[:12]
    for i, part in enumerate(parts[:INLINE_RESULTS]):
        whole = Answer([*lead, *part], answer.answered, answer.intent)
        first = next((s for s in part if s.lines or s.title), None)
        title = short_title(first.title, plans) if first and first.title else asked
        if named and plan_label(plans[i]) not in title:
            title = f"{plan_label(plans[i])} · {title}"
        description = " ".join(first.lines[:2]) if first else ""
        results.append(
            InlineQueryResultArticle(
                id=f"{key}-{i}",
                title=fit(title, 100),
                description=fit(description, 200),
                input_message_content=InputTextMessageContent(split_message(html_text(whole))[0]),
            )
        )
    return results


async def _inline_help(services: Services, bot: str) -> list[InlineQueryResultArticle]:
    """For an empty inline query: how to ask, then the example questions with their answers."""
    help_text = phrases.INLINE_HELP_MESSAGE.format(bot=bot)
    results = [
        InlineQueryResultArticle(
            id="help",
            title=phrases.INLINE_HELP_TITLE,
            description=phrases.INLINE_HELP_TEXT.format(bot=bot),
            input_message_content=InputTextMessageContent(html.escape(help_text)),
        )
    ]
    examples = (await services.core(lambda a: a.run(Request(items=Items.TALK, show=(Field.HELP,))))).suggestions
    for i, example in enumerate(examples):
        answer = await services.core(lambda a, r=example.request: a.run(r))
        if not answer.answered:
            continue
        shown = brief(answer, services.browser, services.assistant.run)
        results.append(
            InlineQueryResultArticle(
                id=f"example-{i}",
                title=fit(phrases.INLINE_EXAMPLE.format(question=example.label), 100),
                description=fit(shown.head, 200),
                input_message_content=InputTextMessageContent(split_message(html_text(answer))[0]),
            )
        )
    return results


# ---------------------------------------------------------------- buttons
async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every inline button: plan choice, menus, task-card facets, suggested questions."""
    services = _services(context)
    query = update.callback_query
    if query is None or query.data is None:
        return
    data = query.data
    if data.startswith("h:"):
        stored = services.store.get("button", data[2:])
        data = stored if isinstance(stored, str) else ""
    kind, _, rest = data.partition(":")
    if kind in _ANSWERED_BY_HANDLER:
        await _ANSWERED_BY_HANDLER[kind](update, context, services, rest)
        return
    handler = _BUTTONS.get(kind)
    if handler is None:
        await query.answer(phrases.BUTTON_EXPIRED, show_alert=False)
        return
    await query.answer()
    await handler(update, context, services, rest)


async def _edit_or_reply(update: Update, text: str, markup: InlineKeyboardMarkup | None) -> None:
    query = update.callback_query
    message = query.message if query else None
    chunks = split_message(text)
    if isinstance(message, Message) and len(chunks) == 1:
        await _retrying(lambda: message.edit_text(chunks[0], reply_markup=markup))
    elif isinstance(message, Message):
        last = len(chunks) - 1
        for i, chunk in enumerate(chunks):
            keyboard = markup if i == last else None
            await _retrying(lambda c=chunk, k=keyboard: message.reply_text(c, reply_markup=k))


async def _on_plan(update: Update, context: ContextTypes.DEFAULT_TYPE, services: Services, rest: str) -> None:
    if context.chat_data is None:
        return
    if rest == "*":
        context.chat_data.pop("plan", None)
        text = phrases.PLAN_CLEARED
    elif services.browser.has_plan(rest):
        context.chat_data["plan"] = rest
        context.chat_data["context"] = Context(plan_id=rest).model_dump(exclude={"default_plan_id"})
        text = phrases.PLAN_CHOSEN.format(plan=services.browser.title(rest))
    else:
        await _edit_or_reply(update, html.escape(phrases.BUTTON_EXPIRED), None)
        return
    written = _keep_chat(update, context, durable=True)
    if written is not None:
        await asyncio.wrap_future(written)  # on disk before the user reads "Đã chọn"
    await _edit_or_reply(update, html.escape(text), None)


def _menu_button(kind: str) -> Callable[..., Awaitable[None]]:
    async def open_menu(update: Update, context: ContextTypes.DEFAULT_TYPE, services: Services, rest: str) -> None:
        plan_id, _, page = rest.partition(":")
        if not services.browser.has_plan(plan_id):
            await _edit_or_reply(update, html.escape(phrases.BUTTON_EXPIRED), None)
            return
        text, markup = _menu(services, kind, plan_id, int(page) if page.isdigit() else 0)
        await _edit_or_reply(update, text, markup)

    return open_menu


async def _on_group(update: Update, context: ContextTypes.DEFAULT_TYPE, services: Services, rest: str) -> None:
    plan_id, group, page = [*rest.split(":"), "0", "0"][:3]
    if not services.browser.has_group(plan_id, group):
        await _edit_or_reply(update, html.escape(phrases.BUTTON_EXPIRED), None)
        return
    buttons = [
        _request_button(t.label, Browser.task_request(plan_id, t.id), services.store)
        for t in services.browser.tasks(plan_id, group)
    ]
    markup = _pages(buttons, int(page) if page.isdigit() else 0, lambda p: f"g:{plan_id}:{group}:{p}", services.store)
    back = [_button(phrases.BACK_TO_GROUPS, f"n:{plan_id}:0", services.store)]  # a way back, not a dead end
    markup = InlineKeyboardMarkup([*markup.inline_keyboard, back])
    text = phrases.PICK_TASK.format(plan=html.escape(_plan_label(services, plan_id)), group=html.escape(group))
    await _edit_or_reply(update, text, markup)


def _button_request(rest: str) -> Request | None:
    """The request a button carries (None if the data is not a request this version understands)."""
    try:
        return Request.unpack(rest)
    except ValueError:
        return None


async def _on_request(update: Update, context: ContextTypes.DEFAULT_TYPE, services: Services, rest: str) -> None:
    """A task-card facet or a menu choice: answer in place of the message that carried the button."""
    request = _button_request(rest)
    if request is None or not services.browser.accepts(request):
        await _edit_or_reply(update, html.escape(phrases.BUTTON_EXPIRED), None)
        return
    chat_context = _chat_context(context)
    answer = await services.core(lambda a: a.run(request, chat_context))
    await _briefly(_save_context(update, context, answer.context))
    text, markup = _present(answer, services)
    if request.items is Items.TASKS and request.filters.agency and not answer.task_ids and not answer.listed:
        numbers = services.browser.agency_task_numbers(request.plans[0], request.filters.agency)
        buttons = [
            _request_button(f"Nhiệm vụ {n}", Browser.task_request(request.plans[0], n), services.store) for n in numbers
        ]
        markup = InlineKeyboardMarkup([buttons[i : i + 3] for i in range(0, len(buttons), 3)]) if buttons else None
    await _edit_or_reply(update, text, _with_rating(markup, update))


def _with_rating(markup: InlineKeyboardMarkup | None, update: Update) -> InlineKeyboardMarkup | None:
    """``markup`` with the 👍 / 👎 row of the message a button was pressed under, if it had one:
    showing an answer another way in place is still the answer to the question asked."""
    query = update.callback_query
    message = query.message if query else None
    old = message.reply_markup if isinstance(message, Message) and message.reply_markup else None
    rating = [list(r) for r in (old.inline_keyboard if old else ()) if _is_rating(r)]
    if not rating:
        return markup
    return InlineKeyboardMarkup([*(markup.inline_keyboard if markup else ()), *rating])


async def _on_agency(update: Update, context: ContextTypes.DEFAULT_TYPE, services: Services, rest: str) -> None:
    plan_id, _, slug = rest.partition(":")
    if not services.browser.has_agency(plan_id, slug):
        await _edit_or_reply(update, html.escape(phrases.BUTTON_EXPIRED), None)
        return
    await _on_request(update, context, services, services.browser.agency_request(plan_id, slug).pack())


async def _on_suggestion(update: Update, context: ContextTypes.DEFAULT_TYPE, services: Services, rest: str) -> None:
    """A suggested follow-up: answered below, with the same limit and log as a typed question."""
    request = _button_request(rest)
    if request is None or update.effective_message is None or not services.browser.accepts(request):
        await _edit_or_reply(update, html.escape(phrases.BUTTON_EXPIRED), None)
        return
    await _answer(update, context, lambda assistant, ctx: assistant.run(request, ctx), "")


async def _on_choice_page(update: Update, context: ContextTypes.DEFAULT_TYPE, services: Services, rest: str) -> None:
    """« / » under a list of tasks: the next page of task buttons, in place (the text stays)."""
    key, _, page = rest.partition(":")
    task_ids = services.store.get("choices", key)
    query = update.callback_query
    message = query.message if query else None
    if not isinstance(task_ids, list) or not isinstance(message, Message):
        await _edit_or_reply(update, html.escape(phrases.BUTTON_EXPIRED), None)
        return
    rows = _choice_rows(
        [str(t) for t in task_ids], int(page) if page.isdigit() else 0, services.store, services.browser
    )
    old = [list(row) for row in (message.reply_markup.inline_keyboard if message.reply_markup else ())]
    top = old[:1] if old and _is_view(old[0]) else []  # «Chi tiết · Nguồn» stay above the tasks
    kept = [row for row in old[len(top) :] if _is_view(row) or _is_rating(row)]  # follow-ups, 👍 / 👎
    await _retrying(lambda: message.edit_reply_markup(InlineKeyboardMarkup(top + rows + kept)))


def _is_rating(row: Any) -> bool:
    return any((b.callback_data or "").startswith("f:") for b in row)


async def _on_rating(update: Update, context: ContextTypes.DEFAULT_TYPE, services: Services, rest: str) -> None:
    """👍 / 👎: counted once per answer; the two buttons go away, a short thanks shows as a toast."""
    value, _, question_id = rest.partition(":")
    query = update.callback_query
    message = query.message if query else None
    if query is None:
        return
    if value not in ("+", "-") or not question_id.isdigit() or len(question_id) > 18:  # SQLite's integers: 64 bits
        await query.answer(phrases.BUTTON_EXPIRED)
        return
    first_line = message.text.split("\n", 1)[0] if isinstance(message, Message) and message.text else ""
    if not services.store.issued(int(question_id)):
        await query.answer(phrases.BUTTON_EXPIRED)  # no such question: forged, or past the log's retention
        return
    services.store.enqueue("rating", services.store.rate, int(question_id), 1 if value == "+" else -1, first_line)
    await query.answer(phrases.RATED_UP if value == "+" else phrases.RATED_DOWN, show_alert=value == "-")
    if isinstance(message, Message) and message.reply_markup is not None:
        rows = [list(row) for row in message.reply_markup.inline_keyboard if not _is_rating(row)]
        await _retrying(lambda: message.edit_reply_markup(InlineKeyboardMarkup(rows) if rows else None))


async def _on_view(update: Update, context: ContextTypes.DEFAULT_TYPE, services: Services, rest: str) -> None:
    """«Chi tiết», «Thu gọn», «Nguồn»: the same answer shown another way, in place (its 👍 / 👎
    kept); «Kinh phí», «So sánh năm trước»: a follow-up, answered below like a suggestion."""
    key, _, view = rest.partition(":")
    requests = _stored_requests(services.store, key)
    query = update.callback_query
    message = query.message if query else None
    if requests is None or not all(services.browser.accepts(r) for r in requests) or not isinstance(message, Message):
        await _edit_or_reply(update, html.escape(phrases.BUTTON_EXPIRED), None)
        return
    chat_context = _chat_context(context)
    answer = await services.core(lambda a: a.run(requests, chat_context))  # the context is left as it was
    if view in (ASK_BUDGET, ASK_PREVIOUS):
        follow_up = (
            _budget_follow_up(answer, services.browser) if view == ASK_BUDGET else _previous_follow_up(answer, services)
        )
        if follow_up is None:
            await _edit_or_reply(update, html.escape(phrases.BUTTON_EXPIRED), None)
            return
        await _answer(update, context, lambda assistant, ctx: assistant.run(follow_up, ctx), "")
        return
    text, markup = _present(answer, services, view if view in (VIEW_FULL, VIEW_SOURCES) else VIEW_BRIEF)
    await _edit_or_reply(update, text, _with_rating(markup, update))


_BUTTONS: dict[str, Callable[[Update, Any, Services, str], Awaitable[None]]] = {
    "v": _on_view,
    "p": _on_plan,
    "n": _menu_button("n"),
    "o": _menu_button("o"),
    "y": _menu_button("y"),
    "g": _on_group,
    "a": _on_agency,
    "r": _on_request,
    "q": _on_suggestion,
    "t": _on_choice_page,
}
_ANSWERED_BY_HANDLER: dict[str, Callable[[Update, Any, Services, str], Awaitable[None]]] = {"f": _on_rating}
"""Buttons whose handler answers the callback query itself (with a toast)."""


# ---------------------------------------------------------------- errors and wiring
async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error first, then tell the user politely (never a traceback)."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await update.effective_message.reply_text(html.escape(phrases.ERROR_REPLY))
        except Exception:  # the reply itself may fail (network): logging is all we can do
            log.exception("could not send the error reply")


async def ignore_edit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited message (or channel post) is not a new question: answering it again would send a
    second reply to the same message and log, count or store it twice (a /gopy edited is a second
    feedback). Stopping here keeps it from every handler after this group."""
    raise ApplicationHandlerStop


ADMIN_COMMANDS = frozenset({"thongke", "taidulieu", "guinhac"})


async def budget_gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """One budget per user for everything they can make the bot do — questions, commands, buttons,
    inline queries — checked before any handler runs (commands and buttons once went around the
    per-question limit: 60 /bieudo in three seconds, 200 button presses). Over budget, a message
    gets a polite reply once a minute, a button a toast and an inline query a one-line result, and
    the update goes no further."""
    user = update.effective_user
    if user is None:
        return
    services = _services(context)
    cost = _cost(update, context, services)
    if not cost:
        return
    verdict = services.limiter.check(user.id, cost=cost)
    if verdict == "ok":
        return
    seconds = max(1, math.ceil(services.limiter.wait(user.id, cost=cost)))
    query, inline, message = update.callback_query, update.inline_query, update.effective_message
    if query is not None:  # always answered: a button left spinning looks broken
        await _retrying(lambda: query.answer(phrases.SLOW_DOWN_TOAST.format(seconds=seconds)))
    elif inline is not None:
        slow = InlineQueryResultArticle(
            id="slow",
            title=phrases.SLOW_DOWN_TITLE,
            description=phrases.SLOW_DOWN_INLINE.format(seconds=seconds),
            input_message_content=InputTextMessageContent(
                html.escape(phrases.INLINE_HELP_MESSAGE.format(bot=context.bot.username))
            ),
        )
        await _retrying(lambda: inline.answer([slow], cache_time=0, is_personal=True))
    elif verdict == "warn" and message is not None:
        text = phrases.SLOW_DOWN_FILES.format(seconds=seconds) if cost >= FILE_COST else phrases.SLOW_DOWN
        await _retrying(lambda: message.reply_text(html.escape(text)))
    raise ApplicationHandlerStop


def _cost(update: Update, context: ContextTypes.DEFAULT_TYPE, services: Services) -> int:
    """What an update costs of its user's budget: 0 for what the bot will not act on (a group
    message not addressed to it, a command of another bot, an empty inline query)."""
    query = update.callback_query
    if query is not None:
        data = query.data or ""
        if data.startswith("h:"):
            stored = services.store.get("button", data[2:])
            data = stored if isinstance(stored, str) else ""
        kind, _, rest = data.partition(":")
        request = _button_request(rest) if kind == "q" else None
        return FILE_COST if kind == "x" or (request is not None and request.items is Items.FILES) else 1
    if update.inline_query is not None:
        return 1 if update.inline_query.query.strip() else 0
    message = update.message
    if message is None or not message.text:
        return 0
    private = message.chat.type == "private"
    if message.text.startswith("/"):
        command, _, bot_name = message.text.split(maxsplit=1)[0][1:].partition("@")
        if bot_name and bot_name.lower() != (context.bot.username or "").lower():
            return 0
        if command in FILE_COMMANDS:
            return FILE_COST
        known = command in phrases.COMMANDS or command in ADMIN_COMMANDS
        return 1 if private or bot_name or known else 0
    if private:
        return 1
    return 1 if _addressed_to_bot(message, context.bot.username, context.bot.id) is not None else 0


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have: say so and point to /help and /gopy, never silence.

    In a group, only commands addressed to this bot (``/lenh@bot``) are answered: the others
    may belong to another bot."""
    message = update.effective_message
    if message is None or not message.text:
        return
    command, _, bot_name = message.text.split(maxsplit=1)[0][1:].partition("@")
    private = update.effective_chat is not None and update.effective_chat.type == "private"
    if not private and bot_name.lower() != (context.bot.username or "").lower():
        return
    await message.reply_text(html.escape(phrases.UNKNOWN_COMMAND.format(command=command[:32])))


async def _post_init(application: Application) -> None:
    """The command menu and the bot's descriptions (shown before a user's first message)."""
    await replay_pending(application)  # what a crash left unanswered (inbox.py)
    bot = application.bot
    await bot.set_my_commands([BotCommand(c, d) for c, d in phrases.COMMANDS.items()])
    await bot.set_my_description(phrases.DESCRIPTION)
    await bot.set_my_short_description(phrases.SHORT_DESCRIPTION)


async def _post_shutdown(application: Application) -> None:
    """Close the state database once PTB has flushed its persistence."""
    services = application.bot_data.get(SERVICES)
    if isinstance(services, Services):
        services.store.close()


async def prune_state(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The daily retention run (the first is at start-up, when the state database is opened)."""
    store = _services(context).store
    store.enqueue("retention", store.prune)


def build_application(
    settings: Settings, services: Services | None = None, *, rate_limit: bool = True, persistence_interval: float = 60.0
) -> Application:
    """Wire handlers to a PTB Application (tests pass their own ``base_url`` via settings).

    ``persistence_interval`` is only PTB's backstop: handlers write a chat's data when they change
    it. Raises :class:`~ipbot.frontends.telegram.startup.StartupFault` when the services cannot
    be opened."""
    from ipbot.frontends.telegram.persistence import SQLitePersistence
    from ipbot.frontends.telegram.startup import open_services

    if services is None:
        services = open_services(settings)
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_api_base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .persistence(SQLitePersistence(services.store, update_interval=persistence_interval))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    builder = reliable(builder, services.store)  # retries, the inbox, a lane per chat (delivery.py)
    if settings.telegram_api_file_url:
        builder = builder.base_file_url(settings.telegram_api_file_url)
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    application = builder.build()
    application.bot_data[SERVICES] = services

    application.add_handler(MessageHandler(filters.UpdateType.EDITED, ignore_edit), group=-1)
    application.add_handler(TypeHandler(Update, budget_gate), group=-1)  # edits stop above, uncharged
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("kehoach", plans_command))
    application.add_handler(CommandHandler("nhiemvu", tasks_command))
    application.add_handler(CommandHandler("coquan", agencies_command))
    application.add_handler(CommandHandler("kinhphi", budget_command))
    application.add_handler(CommandHandler("quy", quarter_command))
    application.add_handler(CommandHandler("timkiem", search_command))
    application.add_handler(CommandHandler("gopy", feedback_command))
    application.add_handler(CommandHandler("thongke", stats_command))
    application.add_handler(CommandHandler("taidulieu", reload_command))
    from ipbot.frontends.telegram.media import register  # charts, exports and reminders

    register(application)
    application.add_handler(CallbackQueryHandler(button))
    application.add_handler(InlineQueryHandler(inline_query))
    text = filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(filters.ChatType.PRIVATE & text, private_message))
    application.add_handler(MessageHandler(filters.ChatType.GROUPS & text, group_message))
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    application.add_error_handler(error_handler)
    if application.job_queue is not None:
        application.job_queue.run_repeating(prune_state, interval=DAY, first=DAY, name="retention")
    return application


def run_bot(settings: Settings) -> None:
    """Run by long polling, or by webhook behind a reverse proxy (IPBOT_MODE=webhook).

    A fault at start-up is one log line and exit status 2, never a traceback: a refused token, a
    webhook without its secret, a state database that cannot be used, plan data with errors and
    no earlier database. An API that cannot be reached is retried with backoff until it answers."""
    from ipbot.frontends.telegram.redact import configure_logging
    from ipbot.frontends.telegram.startup import StartupFault, check_webhook, wait_for_api
    from ipbot.frontends.telegram.webhook import WebhookFault

    configure_logging(settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else None)
    application: Application | None = None
    try:
        if settings.mode == "webhook":
            check_webhook(settings)
        application = build_application(settings)
        loop = asyncio.new_event_loop()  # the loop run_polling / run_webhook go on with
        asyncio.set_event_loop(loop)
        loop.run_until_complete(wait_for_api(application.bot))
        _run(application, settings)
    except (StartupFault, WebhookFault, InvalidToken) as exc:
        # PTB's InvalidToken quotes the token: it is masked in the logs, and not repeated here
        line = "Telegram refused TELEGRAM_BOT_TOKEN (invalid token); check it" if isinstance(exc, InvalidToken) else exc
        log.critical("ipbot cannot start: %s", line)
        if application is not None:
            _services_of(application).store.close()
        raise SystemExit(2) from None


def _services_of(application: Application) -> Services:
    return application.bot_data[SERVICES]


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Where the webhook listens and what Telegram must send with each update: the path is a hash
    of the token (so it is not guessable from the bot's name), and ``secret_token`` is the header
    without which an update is refused (403, :mod:`.webhook`)."""
    assert settings.webhook_url is not None and settings.webhook_secret is not None  # see check_webhook
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    path = hashlib.sha256(token.encode()).hexdigest()[:32]
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": path,
        "webhook_url": f"{settings.webhook_url.rstrip('/')}/{path}",
        "secret_token": settings.webhook_secret.get_secret_value(),
    }


def _run(application: Application, settings: Settings) -> None:
    if settings.mode == "webhook":  # our own server, not run_webhook: see webhook.py for why
        from ipbot.frontends.telegram.webhook import Webhook, run_webhook

        run_webhook(application, Webhook(application, **webhook_options(settings), allowed_updates=Update.ALL_TYPES))
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
