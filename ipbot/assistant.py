"""The assistant: reading and answering over one plan database, and the conversation's context.

Front ends hold one :class:`Assistant`. A typed message goes through :meth:`ask`
(read → requests → answer); a menu, button or suggestion goes through :meth:`run` with
the request it carries. Either way the answer carries the context for the next turn.

>>> assistant = Assistant.open(Settings())          # doctest: +SKIP
>>> assistant.ask("Ai chủ trì nhiệm vụ 3.3?").answered  # doctest: +SKIP
True
"""

from __future__ import annotations

import dataclasses
import gc
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ipbot import phrases
from ipbot.answering import Answerer
from ipbot.answers import Answer, Context, Section
from ipbot.plans.db import PlanDB
from ipbot.plans.store import Knowledge, build_database, ensure_database, read_knowledge
from ipbot.reading.index import derived_tables
from ipbot.reading.read import MAX_MESSAGE, Reader
from ipbot.requests import Items, Op, Request

if TYPE_CHECKING:
    from ipbot.config import Paths, Settings

__all__ = ["Assistant", "build", "open_knowledge", "settle"]

log = logging.getLogger(__name__)


def open_knowledge(data_dir: Path, db_path: Path) -> Knowledge:
    """Build the plan database if the data changed (with reading's derived tables), then read it."""
    knowledge = read_knowledge(ensure_database(data_dir, db_path, derived_tables))
    return dataclasses.replace(knowledge, data_dir=data_dir)


def build(data_dir: Path, db_path: Path) -> object:
    """Build the plan database now (``ipbot build-db``); returns the loaded catalogue.

    Without garbage collection, as loading (see :func:`_collection_paused`): at 300 plans its 16 full
    collections took 2.1 s of 20 s."""
    with _collection_paused():
        return build_database(data_dir, db_path, derived_tables)


class Assistant:
    """Reads messages and answers requests over one knowledge base."""

    def __init__(self, knowledge: Knowledge) -> None:
        if knowledge.path is None:
            raise ValueError("the knowledge must come from a database file")
        self.knowledge = knowledge
        self.reader = Reader(knowledge)
        self.answerer = Answerer(PlanDB(knowledge.path))

    @classmethod
    def open(cls, settings: Settings | Paths) -> Assistant:
        with _collection_paused():
            return cls(open_knowledge(settings.data_dir, settings.database))

    def close(self) -> None:
        self.answerer.db.close()

    def ask(self, message: str, context: Context | None = None) -> Answer:
        """Answer a typed message; never raises, whatever the input."""
        context = context or Context()
        try:
            reading = self.reader.read(str(message), context)
        except Exception:  # reading must never take the bot down: say so politely
            log.exception("failed to read %r", str(message)[:200])
            return Answer([Section([phrases.INTERNAL_ERROR])], False, "error", context=context)
        if reading.user_agency:
            context = context.model_copy(update={"user_agency": reading.user_agency})
        answer = self.run(reading.requests, context)
        if reading.truncated:
            answer.sections.insert(0, Section([phrases.TOO_LONG.format(limit=MAX_MESSAGE)]))
        return answer

    def search(self, keyword: str, plan_id: str | None = None) -> Answer:
        """Tasks whose text covers a keyword (/timkiem), across plans unless one is chosen."""
        try:
            requests = self.reader.search(keyword, plan_id)
        except Exception:
            log.exception("failed to search %r", keyword[:200])
            return Answer([Section([phrases.INTERNAL_ERROR])], False, "error")
        return self.run(requests, Context(plan_id=plan_id))

    def run(self, requests: Request | Sequence[Request], context: Context | None = None) -> Answer:
        """Answer requests built directly (a button, a menu), or read from a message."""
        requests = [requests] if isinstance(requests, Request) else list(requests)
        context = context or Context()
        answer = self.answerer.answer_all(requests)
        answer.requests = requests
        answer.context = _next_context(context, requests, answer)
        return answer


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No garbage collection while the plans, the index and the lexicon are made.

    Loading makes some hundred thousand objects that live as long as the process and hardly any
    garbage cycles; each collection it triggered scanned them all again (at 300 plans 0.19 s of one
    ``ipbot ask``: two full collections, 31 of the middle generation). Collection resumes as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def settle() -> None:
    """Move what loading made out of the garbage collector's sight (``gc.freeze``).

    The plans, the index and the lexicon are some hundred thousand objects that live as long as
    the process; scanned again and again by the collector, they cost milliseconds a question.
    What an earlier load froze is unfrozen first, so a reload's old plans can still be freed. For a
    process that answers more than one question (a batch, the chat, the bot): one question alone
    would pay for the collection and gain nothing. The collector then runs less often
    (:data:`COLLECTION_THRESHOLDS`)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*COLLECTION_THRESHOLDS)


COLLECTION_THRESHOLDS = (50_000, 20, 20)
"""When the collector runs, for a process that answers many questions (Python's default: 700, 10, 10).

An answer makes and drops tens of thousands of objects (rows, models, rankings) and hardly any garbage
cycles. With the default thresholds the collector ran several times a question and fully every ~50
questions, on rankings and rows still held: at 300 plans 12 % of all the answering time (6.3 s of 52 s for
5,682 questions), up to 85 ms on one question, and the cause of most of the slowest 1 %; with these,
1.3 s, and no full collection in the run. What cycles there are wait longer to be freed: a few MB."""


MAX_SEEN = 6
"""Plans a conversation remembers having been about."""
MAX_LISTED = 30
"""Tasks of the last list a conversation remembers ("trong số đó", "cái thứ hai")."""


def _over_rows(requests: list[Request]) -> bool:
    """The answer lists or adds up tasks a selection chose (not a support answer's suggestions)."""
    return any(r.items is Items.TASKS and r.op in (Op.LIST, Op.SUM) for r in requests)


def _next_context(context: Context, requests: list[Request], answer: Answer) -> Context:
    """What the next turn may refer to: the plan, tasks and agency this answer was about."""
    ctx = context.model_copy()
    if len(answer.plan_ids) == 1:
        ctx.plan_id = answer.plan_ids[0]
        seen = [p for p in ctx.plans_seen if p != ctx.plan_id]
        ctx.plans_seen = [*seen, ctx.plan_id][-MAX_SEEN:]
    if answer.task_ids:
        ctx.task_ids = list(answer.task_ids)
        if len(answer.task_ids) <= MAX_SEEN:  # a look-up, not a long list
            seen = [t for t in ctx.tasks_seen if t not in answer.task_ids]
            ctx.tasks_seen = [*seen, *answer.task_ids][-MAX_SEEN:]
    elif answer.plan_ids and ctx.task_ids and not any(t.split(":")[0] in answer.plan_ids for t in ctx.task_ids):
        ctx.task_ids = []
    elif answer.listed and ctx.task_ids and not set(ctx.task_ids) & set(answer.listed) and _over_rows(requests):
        ctx.task_ids = []  # rows listed or added up, none of those talked about before: the conversation moved on
    topical = [r for r in requests if r.items not in (Items.TALK, Items.NOTHING)]
    # the agency an answer was about, or the one a count or sum was filtered by ("sở đó")
    agencies = answer.agency_ids or [r.filters.agency for r in topical if r.filters.agency]
    if agencies:
        ctx.agency = agencies[0]
    if answer.listed:
        ctx.listed = list(answer.listed)[:MAX_LISTED]
    if topical:  # small talk and "not found" leave the topic as it was
        ctx.intent = answer.intent
        ctx.last = topical
    years = [r.filters.year for r in topical if r.items is Items.TARGETS and r.filters.year]
    if years:
        ctx.year = years[0]
    return ctx
