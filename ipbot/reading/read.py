"""Read a message (and the conversation so far) into typed requests.

This is the only code that looks at what the user typed. The flow: parse the message
into cues and entities (:mod:`ipbot.reading.parse`), decide which plans it is about
(explicit province, year or number; then the conversation's plan; then every plan),
find the tasks it names (by number, by content, or from the conversation), and say what
is asked as one or more :class:`~ipbot.requests.Request` values. Ranking by meaning
(which task, which duty, which target the words point at) happens here too, so
answering receives ids in order and never the words.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property

from ipbot.answers import Context
from ipbot.config import DEFAULT_DATA_DIR
from ipbot.plans.citations import Citation, citations, number_key
from ipbot.plans.models import Duty, Plan, Target, Task
from ipbot.plans.store import Knowledge
from ipbot.reading.index import SEPARATOR, Hit, Index, Passage, TaskRef, task_text
from ipbot.reading.lexicon import Lexicon, default_lexicon
from ipbot.reading.operations import Operations
from ipbot.reading.parse import Query, folded_question, understand
from ipbot.reading.places import PLACE_WORDS, Place, Places
from ipbot.reading.segment import Piece, asks_something, headed, segment
from ipbot.reading.turn import FIELD_OF_CUE, STRONG_MATCH, TASK_FACETS, Turn
from ipbot.requests import NOT_MONEY, Field, Filters, Items, Measure, Op, Reason, Request, Role
from ipbot.text import aligned, blank, expand, fold, has_diacritics, nfc, shape, strip_marks, tokens
from ipbot.text import number as amount_of

__all__ = ["MAX_MESSAGE", "Reader", "Reading"]

MAX_MESSAGE = 500
"""Characters of a message that are read; longer input is cut (and the user told)."""

TASK_MATCH = 0.55
"""Least share of the question a task must explain to be taken as the one meant."""
MIN_EVIDENCE = 3.0
"""Least summed word weight of a match: one common word ("tổng", "đồng") is not enough."""
TIE = 0.06
MAX_TIED = 3
PASSAGE_SHOWN = 700
"""Characters of a passage an answer quotes whole (answering shortens a longer one)."""
PASSAGE_MATCH = 0.6
_EACH_SOURCE_RE = re.compile(r"\b(?:moi|tung|cac|theo|tung loai) nguon\b")
"""Every funding source, each on its own: "mỗi nguồn chiếm bao nhiêu %"."""
OWN_DUTY_MATCH = 0.45
"""Least share of a question a duty entry of the plan talked about must explain to answer it there, rather than
another plan's task."""
TOPIC_MATCH = 0.75
TOPIC_EVIDENCE = 1.5
TASK_OVER_TARGET = 0.5
"""How much better one task must explain a question than any target, to answer a 'chỉ tiêu' question."""
TALKED_MATCH = 0.6
"""Least share of a question's words the task talked about must carry to be the one asked about again."""
REFERRED_MATCH = 0.45
"""Least share of a preamble a task must explain when the question only points back at it ("lớp đó")."""
SINGLED_OUT = 0.5
"""Most the second task may score, as a share of the first, for a question's words to single out one task."""
CITED_TITLE = 0.8
"""Least share of a cited document's title a question must say to name the document by it."""
UNASSIGNED_DUTY = 0.5
"""Least share of a who-question a duty must explain to answer for a task the plan assigns to nobody."""
ANALOG = 0.5
"""Least two-way similarity for a task of another plan to count as "the same task"."""
OUTRIGHT_LEAD = 0.3
"""How much better another task must match a reference's words than the task talked about."""
TARGET_NAMED = 0.3
"""Share of the question's words a target must carry to be the one compared across milestones."""
OTHER_YEAR_SPREAD = 0.2
"""A task of the other plan named in a comparison may match this much less than the best one."""
PASSAGE_LEAD = 0.1
MAX_TOPIC_MORE = 2
"""At most this many tasks filed under the topic named are added to those its words ranked."""
ELSEWHERE_LEAD = 0.25
GROUP_SAID_SLACK = 0.1  # a group of the plan asked, said nearly as well as another plan's task: that group's tasks
WHICH_SPREAD = 0.2
"""How far below the best duty another may score and still be listed for "which agencies"."""
RARE_MATCH = 0.45
RARE_EVIDENCE = 8.0
SUGGEST = 0.3
COUNTED_IN_TARGET = 0.6
"""Share of what a number question counts that a target must name to be about it."""
MIN_DUTY_WORDS = 3
SUPPORT_MATCH = 0.4
SUPPORT_SPREAD = 0.15
MAX_SUPPORT = 3
"""A support answer: per plan, up to three tasks this close to the best one for the need."""
ASSIGNED_DUTY = 0.15
ASSIGNED_DUTY_MARGIN = 0.05
# "which agencies …" with no clear winner: the duty entries scoring at least this share of the best,
# when there are few enough of them to be an answer rather than the whole of "Tổ chức thực hiện"
CLOSE_DUTY = 0.75
MAX_CLOSE_DUTIES = 3
"""A duty of "Tổ chức thực hiện" answers "who does this task" only this far ahead of the next."""
"""Question words a duty must share to be quoted alone rather than the agency's whole entry."""

_FIELD_OF_INTENT = {
    "lead_agency": Field.LEAD,
    "cooperating_agencies": Field.COOPERATING,
    "timeline": Field.TIME,
    "budget": Field.BUDGET,
    "objective": Field.OBJECTIVE,
    "quantity": Field.QUANTITY,
    "task_card": Field.CARD,
}
# After an answer about a plan's money as a whole, a funding source named next ("còn nguồn khác?")
# asks for that source's share, not for the budget of the task the answer happened to list.
_PLAN_BUDGET_INTENTS = frozenset({"plan_budget", "budget_by_source", "budget_by_group", "budget_largest"})


@dataclass(frozen=True)
class Reading:
    """What a message asks: the requests, in the order asked."""

    requests: tuple[Request, ...]
    truncated: bool = False  # the message was longer than MAX_MESSAGE and was cut
    user_agency: str | None = None  # the agency the person said they work at, to remember


class _Lazy(Collection[str]):
    """A set worked out the first time it is asked (``x in lazy``), then kept."""

    def __init__(self, make: Callable[[], frozenset[str]]) -> None:
        self._make = make
        self._set: frozenset[str] | None = None

    def _get(self) -> frozenset[str]:
        if self._set is None:
            self._set = self._make()
        return self._set

    def __contains__(self, item: object) -> bool:
        return item in self._get()

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


@dataclass(frozen=True)
class Product:
    """What a person says they make ("nước mắm"), for a support question."""

    said: str  # as typed
    named: bool  # the plans name it
    sure: bool  # typed so that it can be looked for (with accents, or more than one syllable)
    drop: tuple[str, ...]  # words that choose no task: the verb, and the product when unnamed


CLEARLY_AHEAD = 0.5
"""A task found by the plans' words for a need is the one when the next scores at most this share of it."""

FAR_AHEAD = 3.0
"""A duty entry the question places in "Tổ chức thực hiện" is the one when it scores this many times the next."""

POINT_COVER = 0.6
"""Share of a question's content words one duty point must hold to be the point the question names ("rà soát …
xong thì để làm gì": "rà soát" of the three words, a typo among them)."""

OWN_SUBJECT = 3
"""Content words a later question of a message needs to be about something of its own, not the subject the
message set before a colon."""


class Reader:
    """Reads messages against one :class:`~ipbot.plans.store.Knowledge` (built once, reused)."""

    def __init__(self, knowledge: Knowledge, lexicon: Lexicon | None = None) -> None:
        self.knowledge = knowledge
        self.index = Index(knowledge)
        self._cited: dict[str, list[Citation]] = {}
        self._task_folded: dict[str, str] = {}  # task id → its words folded (see _task_words)
        # a plan's own topic words ("vocabulary: topics" in its file) are read like the lexicon's needs
        topics = {plan.id: plan.vocabulary.topics for plan in knowledge.plans.values()}
        self.lexicon = (lexicon or default_lexicon()).with_topics(topics)
        self.operations = Operations(self.index, self.lexicon)
        self.places = Places.load(knowledge.data_dir or DEFAULT_DATA_DIR)
        # the provinces of the plans in force: with every province's earlier plans loaded, every district of the
        # map would be "planned", and ordinary words of the documents ("vinh danh") would name Vinh of Nghệ An
        self._planned_provinces = {fold(p.province) for p in self.index.plans.values() if p.id in self.index.in_force}
        self._common = _Lazy(self._common_places)
        self._pairs = _Lazy(self._corpus_pairs)
        # a place named right after a denial ("không phải Ninh Thuận"; "không phải tỉnh Ninh Thuận")
        denial = "|".join(self.lexicon.phrases("denial"))
        self._denied = re.compile(rf"\b(?:{denial})(?: {_PLACE_KIND})? $")
        merged = "|".join(self.lexicon.phrases("merged_into"))
        self._merged_away = re.compile(rf"^ (?:(?:{merged}) )(?:{_PLACE_KIND} )?(\w+(?: \w+)?)")

    # the documents' words, worked out when a message first needs them (most never do)
    @cached_property
    def _corpus_shaped(self) -> str:
        return self.index.corpus("shaped")

    @cached_property
    def _corpus_folded(self) -> str:
        return self.index.corpus("folded")

    def _corpus_pairs(self) -> frozenset[str]:
        return self.index.corpus_pairs(lambda: self._corpus_folded)

    def _common_places(self) -> frozenset[str]:
        """Place names that are the documents' own words ("thống nhất"), planned provinces' aside.

        Worked out at the first message that needs it: most never name a place in lower case."""
        return frozenset(
            f
            for f in self.index.common_forms(self.places, lambda: self._corpus_folded)
            if not any(fold(p.province) in self._planned_provinces for p in self.places.by_name[f])
        )

    @cached_property
    def _target_words(self) -> frozenset[str]:
        """The words that name a task's planned count ("chỉ tiêu"), no topic of their own."""
        return frozenset(self.index.content_tokens("chỉ tiêu"))

    @property
    def plans(self) -> dict[str, Plan]:
        return self.index.plans

    # ------------------------------------------------------------------ entry
    def read(self, message: str, context: Context | None = None) -> Reading:
        context = self._valid(context or Context())
        truncated = len(message) > MAX_MESSAGE
        text = str(message)[:MAX_MESSAGE]
        # the whole message is understood only when it is one question as typed: else its pieces are
        folded = folded_question(text)
        if not re.search(r"[a-z0-9]", folded):
            # nothing typed, or no word in a Latin script ("你好", emoji): say which
            show = Field.EMPTY if not text.strip() else Field.UNREADABLE
            return Reading((Request(items=Items.TALK, show=(show,)),), truncated)
        user_agency = self._introduced_agency(folded)
        if user_agency:
            context = context.model_copy(update={"user_agency": user_agency})
        pieces = segment(text, self.lexicon, lambda piece: self._place_words(piece, self.index.plans.values())[1])
        subject = headed(pieces)
        if subject and not self.index.find_agencies(subject):
            # (an agency before the colon is not: each question names its part, "Đài PT-TH và báo tỉnh: KH Thái
            # Bình giao vai trò gì, còn KH 2023 …")
            # (a question naming a subject of its own keeps it: "Việc phát sóng Tạp chí KH&CN, bản tin SHTT năm 2023:
            # theo bảng dự toán ai chủ trì? Còn phần tổ chức thực hiện giao ai làm tin, bài, phóng sự?")
            pieces = [
                pieces[0],
                *(
                    Piece(p.question, p.lead or (subject if not self._own_subject(p.question) else ""))
                    for p in pieces[1:]
                ),
            ]
        if len(pieces) == 1 and not pieces[0].lead:
            # "…? Kể đủ.": the question without the words it dropped
            whole = pieces[0].question == nfc(text).strip()
            q = understand(self.index, text if whole else pieces[0].question, self.lexicon)
            introduces = self.lexicon.has("business_intro", q.folded) and not self.lexicon.has("support", q.folded)
            if introduces and not asks_something(self.lexicon, text):
                # "Tôi ở HTX sản xuất lúa gạo ở Quỳnh Phụ.": a producer saying who they are wants to know what
                # support there is for them; what they said is the need
                q.wants_support = True
                q.lead_raw = q.lead_raw or q.raw
                q.agencies = []  # ("HTX" names their cooperative, not the province's Liên minh HTX)
            found = self._past_heading(pieces[0], self._routed(q, context), context)
            return Reading(tuple(self._rows_where_tables(found)), truncated, user_agency)
        # a preamble, or several questions in one message: each question read in turn, with what was said
        # before it, and leaning on the question before it
        requests: list[Request] = []
        before: Query | None = None
        found_before: list[Request] = []
        unplanned_before = False
        for piece in pieces:
            asked = understand(self.index, piece.question, self.lexicon)
            if piece.lead:
                lead = understand(self.index, piece.lead, self.lexicon)
                names_subject = lead.task_numbers or lead.content_tokens or lead.has("largest")
                if self.lexicon.has("correction", lead.folded) and names_subject:
                    # "À không, ý mình là dòng có tổng kinh phí lớn thứ hai cơ. Dòng đó …?": what the last answer
                    # was about is not what is meant; the preamble says what is, and is read as a question
                    # when it asks something on its own ("dòng có tổng kinh phí lớn thứ hai"). ("À không, ý
                    # mình là thời gian. Nhiệm vụ đó …", "ý tôi là năm 2023 chứ. Nó …": the same subject.)
                    context = _forgotten(context)
                    found = self._corrected(lead, context)
                    if found and (asked.has("refer") or self._refers_to_one(asked)):
                        # "Dòng đó … được bố trí bao nhiêu?": that row, with what the question asks of it
                        facets = tuple(FIELD_OF_CUE[c] for c in TASK_FACETS if asked.has(c))
                        found = [r.but(show=tuple(dict.fromkeys((*r.show, *facets)))) for r in found]
                        requests += [r for r in found if r not in requests]
                        context = _carried(context, found)
                        before = asked
                        continue
                    requests += [r for r in found if r not in requests]
                    context = _carried(context, found)
                elif self.lexicon.has("correction", lead.folded):
                    # "À không, ý mình là năm 2022. Trong số đó …?": the last question asked again of what the
                    # correction names, and the question read after it
                    swapped = self._repeat_last(lead, context, corrected=True)
                    if swapped and any(r.items is not Items.NOTHING for r in swapped):
                        # (what the last answer listed is not what the swapped question lists)
                        requests += [r for r in swapped if r not in requests]
                        context = _carried(context.model_copy(update={"listed": [], "task_ids": []}), swapped)
                self._take_lead(asked, lead)
            if unplanned_before and not asked.provinces and not asked.years:
                # "Đà Nẵng có kế hoạch 2023 không, kinh phí bao nhiêu?": still Đà Nẵng, which has no plan
                continue
            own: Query | None = None  # the piece as typed, when it stands for the question before
            if before is not None and self._only_other_plan(asked, before):
                # "Sở Tài chính được giao việc gì trong KH 2023, và trong KH Thái Bình?": the question
                # before, asked of the plan this piece names
                own, asked = asked, self._asked_of(before, asked)
            if before is not None and not asked.provinces and not asked.unplanned:
                # "Ninh Thuận có kế hoạch 2024 chưa? Năm 2024 tỉnh làm gì?": still Ninh Thuận, never
                # another province's plan that happens to cover the year
                asked.provinces, asked.unplanned = before.provinces, before.unplanned
                if not asked.years and not asked.plan_numbers and before.provinces:
                    # "Bảng 2023 của Ninh Thuận có bao nhiêu dòng, và Sở KH&CN chủ trì bao nhiêu dòng?":
                    # the province's plan of that year, not each of its years
                    asked.years = before.years
            if before is not None and not asked.group_numbers and _THAT_GROUP_RE.search(asked.folded):
                asked.group_numbers = before.group_numbers  # "…, và Sở KH&CN chủ trì bao nhiêu trong nhóm đó?"
            if before is not None and before.agencies and not asked.agencies and self._starts_with_duty(asked):
                asked.agencies = before.agencies  # "Sở TT&TT làm gì, và được giao chủ trì nhiệm vụ nào?": still it
            elif (
                before is not None
                and before.agencies
                and not asked.agencies
                and asked.years
                and not asked.content_tokens
                and not self.lexicon.has("count", asked.folded)  # ("…, còn bảng 2023 thì mấy dòng": the count again)
                and not asked.has(*TASK_FACETS)  # ("… năm 2023 ai chủ trì": of the tasks just found)
            ):
                # "Sở GD&ĐT: kế hoạch 2022 giao việc gì, kế hoạch 2023 giao việc gì?": the same agency, another plan
                asked.agencies = before.agencies
            elif before is not None and before.agencies and not asked.agencies and _BARE_AGENCY_RE.search(asked.folded):
                asked.agencies = before.agencies  # "…, và phần tổ chức thực hiện giao sở triển khai …": the same sở
            # "Nhiệm vụ 3.6 … triển khai quý mấy? Sở nào phối hợp? Tổng kinh phí thực hiện bao nhiêu?": its money,
            # not the plan's (which a plan, a year or "cả năm" would name)
            task_money = asked.has("budget") and not (
                asked.years or asked.provinces or re.search(r"\b(?:ke hoach|kh|ca nam|toan bo)\b", asked.folded)
            )
            if (
                before is not None
                and context.task_ids
                and not asked.task_numbers
                # ("…, và dành cho học sinh, sinh viên những bậc học nào?": whom that task is for)
                and (asked.has("objective", "training") or task_money or self.lexicon.has("for_whom", asked.folded))
            ):
                # "Lớp tập huấn … dành cho những ai, và mục tiêu đặc biệt nhắm tới loại sáng chế nào?": a part of the
                # task the question before found, as if pointed at (not when its words name another task:
                # "…, còn vinh danh, khen thưởng thì dành cho đối tượng nào?")
                best = self.index.rank_tasks(asked.content)[:1]
                if not (best and best[0].score >= STRONG_MATCH and best[0].item.id not in context.task_ids):
                    asked.cues.add("refer")
            listed_before = any(r.items is Items.TASKS and r.op is Op.LIST for r in found_before)
            if listed_before and task_money and not (asked.content_tokens or asked.task_numbers or asked.agencies):
                asked.cues.add("refer")  # "…, UBND huyện chủ trì nhiệm vụ nào? Tổng kinh phí bao nhiêu?": theirs
            if before is not None:
                context = self._task_the_words_before_named(asked, before, found_before, context)
            before = asked
            found = self._past_heading(piece, self._routed(asked, context), context)
            one_task = any(r.items is Items.TASKS and r.op is Op.LOOKUP and r.filters.ids for r in found_before)
            if own is not None and one_task and all(r.items is Items.NOTHING for r in found):
                # "Tập huấn OCOP mỗi huyện mấy lớp năm 2023, và năm 2022?": the words found no task there, but
                # the task just found has its like in that year, asked the same things
                own.cues |= before.cues
                found = self._routed(own, context)
            found_before = found
            unplanned_before = any(r.reason is Reason.NO_PLAN for r in found)
            requests += [r for r in found if r not in requests]
            context = _carried(context, found)
        # "có bao nhiêu nhiệm vụ …? Đó là những nhiệm vụ nào?": the count lists them already
        counted = {r.filters.ids for r in requests if r.items is Items.TASKS and r.op is Op.COUNT and r.filters.ids}
        requests = [
            r
            for r in requests
            if not (r.items is Items.TASKS and r.op is Op.LIST and r.filters.ids in counted)
            and not (r.op is Op.LIST and r.but(op=Op.COUNT) in requests)  # "mấy tổ chức …? Là những tổ chức nào?"
        ]
        # "KH Thái Bình có nhiệm vụ bản đồ số không, ai chủ trì?": "no" leaves the rest unanswered, so the
        # "no" alone is no answer to the message
        requests = [
            r.but(show=()) if r.reason is Reason.ELSEWHERE and Field.CONTINUES in r.show else r for r in requests
        ]
        if any(r.items is not Items.NOTHING for r in requests):
            # one question understood: a sentence of the message that found nothing is not worth a reply
            requests = [r for r in requests if not (r.items is Items.NOTHING and r.reason is Reason.NOT_FOUND)]
        if any(r.items not in (Items.TALK, Items.NOTHING) for r in requests):
            # "Chào ad, … có hỗ trợ không?": the question is answered, the greeting needs no menu
            requests = [r for r in requests if r.items is not Items.TALK]
        return Reading(tuple(_merged(self._rows_where_tables(requests))), truncated, user_agency)

    def _task_the_words_before_named(
        self, asked: Query, before: Query, found_before: list[Request], context: Context
    ) -> Context:
        """ "Nhiệm vụ hỗ trợ đăng ký 01 sáng chế … theo Nghị quyết 14 ngày nào? Ai chủ trì, ai phối hợp?": the
        question before was answered with something else (the resolution), but its words named a task; a bare
        question about a task's parts after it is about that task."""
        bare = asked.has(*TASK_FACETS) and not (asked.content_tokens or asked.task_numbers or asked.agencies)
        if not bare or any(r.items is Items.TASKS for r in found_before) or not before.content_tokens:
            return context
        best = self.index.rank_tasks(before.content)[:2]
        if not best or best[0].score < STRONG_MATCH or (len(best) > 1 and best[0].score - best[1].score < TIE):
            return context
        asked.cues.add("refer")
        return context.model_copy(update={"task_ids": [best[0].item.id], "listed": []})

    def _corrected(self, lead: Query, context: Context) -> list[Request]:
        """What a correcting preamble asks of its own: an operation over the rows ("dòng có tổng kinh phí lớn
        thứ hai"), whose row the question after it points at; none when it only names its subject."""
        if lead.task_numbers:
            return []  # "à không, mình hỏi nhiệm vụ 3.4 của kế hoạch 2023 cơ": the question reads it
        found = self._routed(lead, context)
        return [r for r in found if r.items is Items.TASKS and r.op in (Op.MAX, Op.MIN)]

    def _rows_where_tables(self, requests: list[Request]) -> list[Request]:
        """ "… nhiệm vụ nào trong KH 2022, và những dòng nào trong KH 2023": the rows of a budget table only
        where a plan has one; a plan without a table has tasks, no rows, and is asked about its tasks."""
        out: list[Request] = []
        for r in requests:
            tabled = [p for p in r.plans if p in self.index.plans and self.index.plans[p].has_rows]
            rows_only = bool(r.filters.status) and set(r.filters.status) <= {"row", "recurring"}  # (not "no_row")
            if r.items is not Items.TASKS or not rows_only or not tabled or len(tabled) == len(r.plans):
                out.append(r)
                continue
            bare = tuple(p for p in r.plans if p not in tabled)
            out += [
                r.but(plans=bare, filters=r.filters.model_copy(update={"status": ()})),
                r.but(plans=tuple(tabled)),
            ]
        return out

    def _only_other_plan(self, q: Query, before: Query) -> bool:
        """A piece of a message that repeats the question before it of another plan and asks nothing of
        its own ("…, và trong KH Thái Bình?", "…, còn KH Thái Bình giao những cơ quan nào?")."""
        such = re.search(r"\b(?:nhu vay|nhu the|tuong tu)\b", q.folded)  # "có dòng nào như vậy không?"
        if not (self.lexicon.has("nothing_new", q.folded) or q.folded.startswith("va ") or such):
            return False
        # ("có đặt hạn tương tự không?": a word or two saying what the same thing is, with "như vậy", "tương tự")
        worded = len(q.content_tokens) > (2 if such else 0)
        if worded or q.task_numbers or q.agencies or q.quarters or q.group_numbers or (q.cues and not such):
            return False
        names = (q.provinces, q.years, q.plan_numbers)
        return any(names) and names != (before.provinces, before.years, before.plan_numbers)

    def _asked_of(self, before: Query, piece: Query) -> Query:
        """The question before, with the plan it named swapped for the one a piece names: its places are
        taken out of its words (reading looks for places there again) and the piece's put after them."""
        said = aligned(before.raw)
        forms = {form for form, _ in self._place_words(before.raw, self.index.plans.values())[0]}
        spans = [m.span() for f in forms for m in re.finditer(rf"(?<!\w){re.escape(f)}(?!\w)", said)]
        return replace(
            before,
            raw=f"{blank(before.raw, spans)} {piece.raw}",
            cues=set(before.cues),
            provinces=piece.provinces,
            unplanned=piece.unplanned,
            years=piece.years,
            plan_numbers=piece.plan_numbers,
            agencies=list(before.agencies),
            borrowed=True,
        )

    def _starts_with_duty(self, q: Query) -> bool:
        """A question with no subject of its own ("được giao chủ trì …", "phải làm gì"): its subject is the
        one of the question before it."""
        opening = "|".join(self.lexicon.phrases("subjectless_start"))
        return bool(re.match(rf"(?:va |con )?(?:{opening})\b", q.folded))

    def _introduced_agency(self, folded: str) -> str | None:
        """'Tôi là chuyên viên Sở KH&CN …', 'tôi công tác ở Sở VHTTDL': the agency the person works at."""
        m = next(self.lexicon.find("introduces", folded), None)
        if m is None:
            return None
        after = folded[m.start() : m.end() + 60]  # the match may end inside the name ("tôi ở Sở …")
        found = self.index.find_agencies(after)
        return found[0] if found else None

    def _past_heading(self, piece: Piece, found: list[Request], context: Context) -> list[Request]:
        """ "Về truyền thông: năm 2023 Ninh Thuận giao ai chủ trì viết tin, bài …?": the topic said first is a
        heading; when the question with it finds nothing, the question after it may find alone what the
        heading's words drowned."""
        bare = _TOPIC_HEADER_RE.sub("", piece.question, count=1)
        if bare == piece.question or not bare.strip() or not all(r.reason is Reason.NOT_FOUND for r in found):
            return found
        again = understand(self.index, bare, self.lexicon)
        if piece.lead:
            self._take_lead(again, understand(self.index, piece.lead, self.lexicon))
        return self._routed(again, context)

    def _roles_describe_agency(self, q: Query) -> None:
        """With the agency known from what was said before ("sở mình", "sở này"), role words describe it, as with
        an agency named: "sở mình phối hợp nhiệm vụ SHTT nào" is not about the tasks whose text says "phối hợp"."""
        roles = [m.group(0) for m in self.lexicon.find("role_word", q.folded)]
        if roles:
            q.content = _without(q.content, roles)
            q.content_tokens = self.index.content_tokens(q.content)

    def _take_lead(self, q: Query, lead: Query) -> None:
        """What a preamble tells about the question: the province and year, the person's agency ("sở tôi")."""
        # ("ninh thuận 2023 ghi rõ số tiền, còn thái bình thì sao": the year is the other province's, not asked)
        another_province = bool(q.provinces and lead.provinces) and not q.provinces & lead.provinces
        if not q.provinces:
            q.provinces = lead.provinces
        if not q.years and not another_province:
            q.years = lead.years
        if not q.plan_numbers:
            q.plan_numbers = lead.plan_numbers
        if not q.group_numbers and _THAT_GROUP_RE.search(q.folded):
            q.group_numbers = lead.group_numbers  # "à ý mình là nhóm 3, nhiệm vụ cuối của nhóm đó là gì?"
        corrects = self.lexicon.has("correction", lead.folded)
        if not q.task_numbers and lead.task_numbers and (corrects or self._refers_to_one(q)):
            # "Tôi phụ trách nv 3.2. Năm 2023 nv này kp ghi thế nào?", "à không, mình hỏi nhiệm vụ 3.4 cơ. Nó …"
            q.task_numbers = lead.task_numbers
        q.lead_raw = lead.raw
        own = self.lexicon.has("own_agency", q.folded)
        points = self.lexicon.has("refer_agency", q.folded)  # "Sở NN&PTNT phụ trách OCOP. … sở này chủ trì …"
        if not q.agencies and lead.agencies and (own or points or self._calls_by_head(q, lead.agencies[0])):
            q.agencies = lead.agencies
            self._roles_describe_agency(q)
        elif (
            own and lead.agencies and lead.agencies[0] not in q.agencies and self.lexicon.has("introduces", lead.folded)
        ):
            # "Tôi ở Sở NN&PTNT. … sở tôi chủ trì bn nhiệm vụ, có cái nào làm chung với Sở KH&CN?": "sở tôi"
            # is the subject, the agency named is the other one; said after it ("… giao Sở NN&PTNT chủ trì cùng
            # văn phòng em làm việc gì"), the person's agency is the other one
            before = self._own_before_named(q)
            q.agencies = [lead.agencies[0], *q.agencies] if before else [*q.agencies, lead.agencies[0]]
        elif not q.agencies and len(set(lead.agencies)) >= 2 and re.search(r"\bben nao\b", q.folded):
            q.agencies = lead.agencies  # "UBND huyện và Sở GD&ĐT mỗi bên chủ trì một dòng. Bên nào nhiều tiền hơn?"
        elif (
            not q.agencies
            and lead.agencies
            and q.content_tokens
            and set(q.content_tokens) <= set(lead.content_tokens)
            and not (self.lexicon.has("introduces", lead.folded) or self.lexicon.has("persona", lead.folded))
            and not (q.has("list", "quantity") or self.lexicon.has("which_tasks", q.folded))
        ):
            # "Cả hai kế hoạch đều giao Sở NN&PTNT chủ trì một việc rà soát. Mỗi nơi rà soát cái gì?": the
            # question's words are the preamble's, and so is its agency (not the asker's own: "DN của tôi là
            # hội viên Hội DN trẻ, đang làm startup. … có nv nào về khởi nghiệp"; nor a selection of tasks: "Sở
            # NN&PTNT phụ trách OCOP. Năm 2022 có những nhiệm vụ nào về OCOP?" asks every OCOP task)
            q.agencies = lead.agencies
        # "…nghe nói năm 2023 có nhiệm vụ KH&CN cấp TW…. Nv đó tổng kp bn?": "đó" is the preamble's subject
        refers = self._refers_to_one(q)
        # ("… riêng cho tôm giống (năm 2022) và cho thịt cừu (năm 2023). Mỗi sản phẩm gắn với …?": each of the two)
        each = self.lexicon.has("each_named", q.folded) and bool(_JOINED_RE.search(lead.folded))
        explains = self._explains(q) and not refers and not each
        # "Tôi công tác ở Sở X. … giao Sở tôi …": the preamble said who is asking, and "sở tôi" carries it
        introduction = self.lexicon.has("introduces", lead.folded) and self.lexicon.has("own_agency", q.folded)
        said = self._place_words(lead.raw, self.index.plans.values())[1]
        # "HTX măng tây ở Ninh Hải, định áp dụng 1 sáng chế …": a product the plans never name is who they are, no
        # subject either; its words would only dilute the need's (not a person saying who they are: "em là sv, đang
        # làm tiểu luận" makes no product)
        product = None if self.lexicon.has("introduces", lead.folded) else self._product(lead)
        if product and product.sure and not product.named:
            said = [*said, fold(product.said)]
        lead.content = _without(lead.content, said)  # "DN em ở Tháp Chàm muốn học lớp …": the place is no subject
        lead.full_content = _without(lead.full_content, said)
        lead.content_tokens = self.index.content_tokens(lead.content)
        # "…muốn học lớp về thực thi quyền SHTT, lớp đó kp bn?": a question pointing back at the preamble
        # has nothing else to be about, so the preamble's subject needs less to count
        points_back = refers or (q.has("refer") and len(q.content_tokens) <= 1)
        bar = REFERRED_MATCH if points_back else None
        lead_explains = bool(lead.content_tokens) and self._explains(lead, bar)
        if explains and lead_explains and len(q.content_tokens) <= 2 and not self._singles_out(q):
            # "…muốn cử người đi học lớp bồi dưỡng chuyên sâu về quản trị TSTT. Năm 2023 tỉnh có tổ chức ko?": one
            # word of the question's own ("tổ chức") matching many tasks is no subject beside the preamble's
            # (words that single out one task are: "…nhãn hiệu tập thể. Còn thịt cừu thì ai chủ trì?")
            explains = False
        # ("Em là sinh viên, đang viết khóa luận về quản lý tài sản trí tuệ. Kế hoạch có tên đầy đủ là gì?": who
        # the person is and what they study; the question asks about the document)
        # ("e là sv ĐH Thái Bình. KH 160 có nói đến việc người có sáng chế được khen thưởng không?": who is asking, and
        # a question with words of its own)
        introduced = self.lexicon.has("introduces", lead.folded)
        about_document = introduced and (q.has("document") or (len(q.content_tokens) >= 4 and not lead.agencies))
        # (an agency the question names stands beside the preamble's subject when asked whether it takes a part in it:
        # "nghe nói năm 2022 tỉnh làm bản đồ số … UBND huyện có phải phối hợp ko")
        beside = not q.agencies or self.lexicon.has("verify", q.folded)
        # ("mình … đang viết báo cáo tổng kết năm 2023. Kế hoạch 2023 tổng dự toán bao nhiêu?": the plan's own figure
        # is asked; what the person is writing names nothing of it)
        of_plan = self.lexicon.has("plan_total", q.folded) and not q.content_tokens and not (refers or q.has("refer"))
        names_subject = (
            lead_explains and not explains and not introduction and beside and not about_document and not of_plan
        )
        needs = [w for need, _ in self.lexicon.needs_in(lead.folded) for w in need.plan_words]
        if needs and not q.needs and not explains and not (names_subject and q.content_tokens):
            # "xưởng em tự chế máy bóc vỏ… KH 2022 có hỗ trợ không?": the need is in the preamble (unless the preamble
            # names the very task and the question asks a part of it: "muốn học lớp bồi dưỡng chuyên sâu về quản trị
            # TSTT. Năm 2023 tỉnh có tổ chức ko, quý mấy?")
            q.needs = needs
            q.content = f"{q.content} {SEPARATOR} {f' {SEPARATOR} '.join(needs)}".strip()
            q.content_tokens = self.index.content_tokens(q.content)
        if names_subject:
            # "Nghe nói năm 2023 có dự án chỉ dẫn địa lý Thịt cừu. Ai đứng ra làm?": the subject is in the preamble
            # (a preamble about the person, "tôi là phóng viên, đang so sánh…", names no subject; a question
            # that names its agencies has its subject already)
            if lead.content_in_plan_words or q.content_in_plan_words:
                # (the need, in the plans' own words, wherever it was said)
                ours = [lead.content_in_plan_words or lead.content, q.content_in_plan_words or q.content]
                q.content_in_plan_words = f" {SEPARATOR} ".join(ours).strip()
            q.content = f"{lead.content} {SEPARATOR} {q.content}".strip()
            q.full_content = f"{lead.full_content} {SEPARATOR} {q.full_content}".strip()
            q.content_tokens = self.index.content_tokens(q.content)
            q.lead_subject = lead.content

    def _own_before_named(self, q: Query) -> bool:
        """ "sở tôi chủ trì …, có cái nào làm chung với Sở KH&CN": "sở tôi" said before any agency named is
        the subject; after one ("Sở Tài chính phối hợp với sở tôi việc gì") the agency named is."""
        own = next(self.lexicon.find("own_agency", q.folded), None)
        spans = self.index.agency_spans(q.folded)
        return own is not None and all(own.start() < start for start, _ in spans)

    def _calls_by_head(self, q: Query, slug: str, ambiguous: tuple[str, ...] = ()) -> bool:
        """ "Tôi ở Hội Doanh nhân trẻ. … hội được giao làm gì?": the agency of the preamble by its head noun,
        as the subject or object of a duty (not "hỏi", which folds to the same letters). Heads in
        ``ambiguous`` are left out ("cơ quan" folds to "có", "cac" of "các cơ quan" is no name)."""
        named = self.index.agency_heads(slug, self.lexicon.phrases("council_title")) - set(ambiguous)
        heads = "|".join(map(re.escape, sorted(named)))
        if not heads:
            return False
        role = "|".join(self.lexicon.phrases("duty_verb"))
        assign = "|".join(self.lexicon.phrases("assign_verb"))
        called = rf"\b(?:{heads}) (?:co )?(?:{role})\b|\b(?:{assign}) (?:cho )?(?:{heads})\b"
        return any(re.search(called, text) for text in (q.folded, q.expanded))  # ("huyện dc giao": shorthand too)

    def _refers_to_one(self, q: Query) -> bool:
        """ "nhiệm vụ đó", "lớp đó", "cái thứ hai": one thing said before (not "nó", nor "các dòng đó"; typed
        with accents, "nhiệm vụ do ai chủ trì" has no "đó" at all)."""
        if q.accents and not _POINTING_WORD_RE.search(q.raw.lower()):
            return False
        return any(_ONE_THING_RE.match(m.group(0)) for m in self.lexicon.find("refer", q.folded))

    def _singles_out(self, q: Query) -> bool:
        """The question's own words pick one task well ahead of the next ("thịt cừu"), not many alike ("tổ chức")."""
        hits = self.index.rank_tasks(q.content)[:2]
        if not hits or hits[0].score < TASK_MATCH:
            return False
        return len(hits) < 2 or hits[1].score < SINGLED_OUT * hits[0].score

    def _explains(self, q: Query, bar: float | None = None) -> bool:
        """The question's own words point at a task or passage (then a preamble adds nothing but noise)."""
        if len(q.content_tokens) < 2:
            return False
        task = max((h.score for h in self.index.rank_tasks(q.content)[:1]), default=0.0)
        passage = max((h.score for h in self.index.rank_passages(q.content)[:1]), default=0.0)
        return task >= (bar or TASK_MATCH) or passage >= (bar or PASSAGE_MATCH)

    def search(self, keyword: str, plan_id: str | None = None) -> list[Request]:
        """A keyword search (/timkiem): the tasks whose text covers it, else whatever the words ask."""
        plan_ids = [plan_id] if plan_id in self.index.plans else list(self.index.plans)
        hits = [h for h in self.index.rank_tasks(keyword, plan_ids) if h.score >= 0.5]
        ids = tuple(h.item.id for h in hits[:15] if isinstance(h.item, TaskRef))
        if not ids:
            return list(self.read(keyword, Context(plan_id=plan_id)).requests)
        plans = tuple(dict.fromkeys(i.split(":", 1)[0] for i in ids))
        return [Request(items=Items.TASKS, op=Op.LIST, plans=plans, explicit=True, filters=Filters(ids=ids))]

    def _valid(self, context: Context) -> Context:
        """Drop what a stored context names that the data no longer has (after a reload)."""
        plans, tasks = self.index.plans, self.index.tasks
        return context.model_copy(
            update={
                "plan_id": context.plan_id if context.plan_id in plans else None,
                "default_plan_id": context.default_plan_id if context.default_plan_id in plans else None,
                "task_ids": [t for t in context.task_ids if t in tasks],
                "listed": [t for t in context.listed if t in tasks],
                "last": [r for r in context.last if all(p in plans for p in r.plans)],
            }
        )

    def _subject_from_context(self, q: Query, context: Context) -> None:
        """What a bare follow-up leaves out and the last answer was about: its agency ("còn phối hợp những nv
        nào?" after the tasks an agency leads), the agency whose duties were quoted ("có mấy việc?"), its group
        ("nhóm đó")."""
        agency_before = next((r.filters.agency for r in context.last if r.filters.agency), None)
        said_role = re.search(r"\b(?:chu tri|phoi hop|tham gia)\b", q.folded)
        roles_only = set(q.content_tokens) <= {"phoi", "hop", "chu", "tri", "tham", "gia"}
        bare_role = bool(said_role) and q.has("list") and roles_only and not q.task_numbers
        if not q.agencies and agency_before and bare_role and self.lexicon.has("nothing_new", q.folded):
            # "còn phối hợp những nv nào?" after the tasks an agency leads: that agency, the other role
            q.agencies = [agency_before]
        duties_before = next(
            (r.filters.agency for r in context.last if r.items is Items.DUTIES and r.filters.agency), None
        )
        if not q.agencies and duties_before and _POINTS_COUNTED_RE.match(q.folded):
            # "có mấy việc?" after the duties of an agency: the points of its entry
            q.agencies = [duties_before]
        if not q.group_numbers and _THAT_GROUP_RE.search(q.folded):
            # "chuyển qua 2023 thì nhóm đó có mấy dòng" after group 3 of 2022: group 3, in the plan now asked
            said = [g.split(":", 1)[1] for r in context.last for g in r.filters.groups if ":" in g]
            # (or the one group of the tasks just listed or talked about: "tổng tiền mấy cái đó" came in between)
            talked = [self.index.tasks[t].group for t in (*context.listed, *context.task_ids) if t in self.index.tasks]
            said = said or (list(dict.fromkeys(talked)) if len(set(talked)) <= 2 else [])  # (two tied: both)
            q.group_numbers = list(dict.fromkeys(n.rsplit(".", 1)[-1] for n in said))

    def _routed(self, q: Query, context: Context) -> list[Request]:
        """The requests a question makes, and a word on each province named that has no plan
        ("so sánh Ninh Thuận với Bình Thuận": Ninh Thuận's answer, and no plan of Bình Thuận)."""
        self._subject_from_context(q, context)
        with self.index.weighing():  # over the plans in force and the provinces asked about, once known
            found = self._route(q, context)
        if q.excluded_numbers:  # "… trừ 3.4 và 3.6": left out of whatever the question selects
            found = [self._without_excluded(q, r) for r in found]
        elif context.task_ids and not q.task_numbers and self.lexicon.has("others_besides", q.folded):
            # "những lớp nào khác cũng có kinh phí 9,2 triệu?": the task talked about is not among them
            found = [_without_tasks(r, tuple(context.task_ids)) for r in found]
        if q.has("results_asked") and not q.has("targets", "budget"):
            found = [_as_results(r) for r in found]
        if q.unplanned and any(r.items is not Items.NOTHING for r in found):
            found.append(Request(items=Items.NOTHING, reason=Reason.NO_PLAN, filters=Filters(words=q.unplanned)))
        moved_from = self._moved_from(q, context, found)
        if moved_from:
            own = self._in_plan_talked_about(q, context, moved_from[0])
            if own:
                return own
            found = [r.but(instead_of=moved_from) if r.items is Items.TASKS else r for r in found]
        return found

    def _in_plan_talked_about(self, q: Query, context: Context, talked: str) -> list[Request]:
        """What the plan talked about says in its own assignments ("Tổ chức thực hiện") on a question only another
        plan's task answers: "muốn bảo hộ giống lúa thì sở nào lo" while talking about Thái Bình is its Sở NN&PTNT's
        duty (V.2), not Ninh Thuận's task about plant varieties. Nothing when its duties say little of it: an
        entry must use the plans' words for the need the person states, or explain most of the question."""
        said = self.lexicon.needs_in(fold(f"{q.lead_raw} {q.raw}"))  # (said before the question, or in it)
        plan_words = [fold(w) for need, _ in said for w in need.plan_words]
        hits = self.index.rank_passages(" ".join([q.content, *plan_words]), [talked], ["responsibility"])[:3]
        if plan_words:
            # (a phrase may end in a qualifier the entry leaves out: "giống cây trồng mới" is "giống cây trồng")
            cores = {w for p in plan_words for w in (p, " ".join(p.split()[:-1]) if len(p.split()) > 3 else p)}
            hits = [h for h in hits if any(re.search(rf"\b{re.escape(w)}\b", fold(h.item.text)) for w in cores)]
        elif hits and hits[0].score < OWN_DUTY_MATCH:
            hits = []
        if not hits or hits[0].evidence < MIN_EVIDENCE or (len(hits) > 1 and hits[0].score - hits[1].score < TIE):
            return []  # (two entries alike: neither is what the plan says of it)
        ref = f"{talked}|{hits[0].item.kind}|{hits[0].item.ref}"
        return [Request(items=Items.PASSAGES, plans=(talked,), filters=Filters(ids=(ref,)))]

    def _moved_from(self, q: Query, context: Context, found: list[Request]) -> tuple[str, ...]:
        """The conversation's plan, when the message named no plan and only another plan's tasks answer it
        ("có nhiệm vụ nào về bản đồ số OCOP không?" while talking about Thái Bình): the answer says that plan has
        none before giving the other's, never as if it were the plan talked about."""
        talked = context.plan_id or context.default_plan_id
        if not talked or talked not in self.index.plans or q.provinces or q.years or q.plan_numbers or q.unplanned:
            return ()
        if self.lexicon.has("every_plan", q.folded) or self.lexicon.has("which_plan", q.folded):
            return ()  # "kế hoạch nào có …", "trong cả 3 kế hoạch": any plan is asked
        tasks = [r for r in found if r.items is Items.TASKS]
        ids = [i for r in tasks for i in r.filters.ids]
        if not tasks or len(tasks) != len([r for r in found if r.items is not Items.NOTHING]) or not ids:
            return ()
        known = {*context.task_ids, *context.tasks_seen, *context.listed}
        if any(i.split(":", 1)[0] == talked or i in known for i in ids):
            return ()  # the plan talked about has it, or the task is one the conversation was already about
        return (talked,)

    def _without_excluded(self, q: Query, r: Request) -> Request:
        """A selection of tasks with the ones the message leaves out ("không tính 5.3") taken away."""
        if r.items is not Items.TASKS or r.op is Op.LOOKUP or r.filters.excluded:
            return r
        out = tuple(t.id for t in self.index.find_numbered_tasks(q.excluded_numbers, list(r.plans)))
        return _without_tasks(r, out) if out else r

    def _route(self, q: Query, context: Context) -> list[Request]:
        small = self._small_talk(q)
        if small is not None:
            return [small]
        restricts = (
            self.lexicon.has("without_central", q.folded)
            or self.lexicon.has("excluding", q.folded)
            or bool(re.search(r"\b(?:chi|rieng) (?:tinh|lay|xet)\b", q.folded))
        )
        if self.lexicon.has("correction", q.folded) and not restricts:
            # "à không, ý mình là năm 2022", "nhầm, mình hỏi kế hoạch Thái Bình": the last question again, of
            # what the correction names
            swapped = self._repeat_last(q, context, corrected=True)
            if swapped is not None:
                return swapped
            # "Không, ý tôi là tổng kinh phí cả kế hoạch": not about the task the last answer was about
            # ("không, ý tôi là chỉ tính phần của tỉnh, không tính trung ương" narrows the same question; "nhầm,
            # mình muốn hỏi ai phối hợp" asks another part of the same task)
            part_only = q.has(*TASK_FACETS) and not (
                q.content_tokens or q.task_numbers or q.agencies or self.lexicon.has("plan_total", q.folded)
            )
            # ("không, ý tôi là cộng cả các lớp cho học sinh nữa" widens the last selection: kept; "k, ý e là năm 2022
            # có nv này ko" points at the same task, of another year: kept)
            if not part_only and not self.lexicon.has("adds_more", q.folded) and not q.has("refer"):
                context = _forgotten(context)
        repeated = self._repeat_last(q, context)
        if repeated is not None:
            return repeated
        if self.lexicon.has("refer_amount", q.folded):
            # "khoản đó dành cho nhiệm vụ nào?": the funding source just given, with its tasks
            sources = [r for r in context.last if r.filters.source and r.items in (Items.SOURCES, Items.BUDGET)]
            if sources and self.lexicon.has("sum", q.folded):
                # "những dòng nào có tiền ở cột đó, cộng lại có khớp không?": that column's rows, added up
                # beside the amount the plan states for it
                column = Filters(source=sources[-1].filters.source, status=("row",))
                return [sources[-1].but(items=Items.TASKS, op=Op.SUM, measure=Measure.ALLOCATION, filters=column)]
            if sources and q.has("largest"):
                # "nguồn đó dồn nhiều nhất cho nhiệm vụ nào?": that column's rows, the largest first
                op = Op.MIN if self.lexicon.has("smallest", q.folded) else Op.MAX
                column = Filters(source=sources[-1].filters.source)
                return [sources[-1].but(items=Items.TASKS, op=op, measure=Measure.ALLOCATION, filters=column)]
            if sources:
                return [sources[-1].but(items=Items.SOURCES, op=Op.LOOKUP)]
        if (
            q.has("compare")
            and not (q.years or q.provinces or q.content_tokens or q.task_numbers)
            and any(r.items is Items.OBJECTIVES for r in context.last)
            and len(set(context.plans_seen)) >= 2
        ):
            # "hai cái khác nhau ở điểm nào?" after two plans' objectives: them, compared
            two = sorted(dict.fromkeys(context.plans_seen[-2:]), key=lambda p: self.index.plans[p].year_start)
            if len(two) == 2:
                return [Request(items=Items.OBJECTIVES, op=Op.COMPARE, plans=tuple(two), explicit=True)]
        # one item of the last answer, picked by its place or its words ("cái thứ hai", "rà soát như vậy để làm gì")
        for pick in (
            self._nth_source,
            self._nth_duty,
            self._nth_decision,
            self._duty_point_purpose,
            self._duty_point_asked,
            self._lettered_point_of_quoted,
        ):
            picked = pick(q, context)
            if picked is not None:
                return [picked]
        plans, explicit, missing = self._resolve_plans(q, context)
        implementing = self._plans_implementing(q)
        if implementing and not (q.provinces or q.years or q.plan_numbers):
            plans, explicit = implementing, True  # "kế hoạch thực hiện Quyết định 2205 do ai ký": Thái Bình's
        self.index.weigh_within([p.id for p in plans])
        shared = self._same_entry(q, context, plans) or self._holder_of_quoted_duty(q, context)
        if shared is not None and explicit and not set(shared.plans) <= {p.id for p in plans}:
            shared = None  # "quay lại Ninh Thuận 2023, nhiệm vụ … đó ai phối hợp?": not the entry another plan quoted
        if shared is not None:
            return [shared]
        if (
            self.lexicon.has("own_agency", q.folded)
            and not self.lexicon.has("besides_own", q.folded)  # "ngoài hội mình ra, còn ai phối hợp": not its tasks
            and context.user_agency
            and context.user_agency not in q.agencies
            and self._own_before_named(q)
        ):
            q.agencies = [context.user_agency, *q.agencies]  # "sở mình", "sở tôi": where the person said they work
            self._roles_describe_agency(q)
        elif not q.agencies and context.user_agency and self._calls_by_head(q, context.user_agency):
            q.agencies = [context.user_agency]  # "Tôi ở UBND huyện Hưng Hà." … "kế hoạch yêu cầu huyện làm gì?"
        asks_their_part = q.has("responsibility", "lead", "coop") or self.lexicon.has("agency_role", q.folded)
        if (
            not q.agencies
            and context.intent == "targets"
            and self.lexicon.has("refer_agency", q.folded)
            and asks_their_part
            and not q.years
        ):
            # "các sở đó làm gì?" after a target that names them ("100% cán bộ … tại: Sở KH&CN, Sở NN&PTNT, …")
            q.agencies = self._agencies_in_targets(context)
        if not q.agencies and context.task_ids and self.lexicon.has("refer_lead", q.folded):
            # "sở chủ trì đó còn có tên ở nv nào khác?": the lead of the task talked about
            leads = [a for t in context.task_ids if t in self.index.tasks for a in self.index.tasks[t].lead]
            q.agencies = list(dict.fromkeys(leads))[:1]
            # its role word named the agency; the role asked is the one left ("… nv đó còn phối hợp ở nv nào khác")
            q.folded = self.lexicon.sub("refer_lead", "so do", q.folded)
        who_else = self.lexicon.has("who_else", q.folded)  # "ngoài sở KHCN còn ai phối hợp"
        column_before = any(r.filters.source for r in context.last)  # (a column's sum says its column itself)
        if not q.sources and context.task_ids and not column_before and self.lexicon.has("refer_column", q.folded):
            # "cả cột đó cộng các dòng lại" after row 5.5: the one column that row draws on
            rows = [self.index.tasks[t].budget.allocation for t in context.task_ids if t in self.index.tasks]
            drawn = {source for row in rows for source, amount in row.items() if amount}
            if len(drawn) == 1:
                q.sources = drawn
                q.cues.add("budget")
        if q.aside and q.agencies == q.aside and self.lexicon.has("others_than", q.folded):
            # "Ngoài Sở KH&CN, các cơ quan khác chủ trì … bao nhiêu": every agency but it (read as "not it")
            q.others = True
        elif q.aside and (_asks_which_agencies(q) or who_else or any(a not in q.aside for a in q.agencies)):
            # "ngoài Sở KH&CN, những sở nào phải …": the others are asked, not it ("ngoài Đài PT-TH, ai phải đưa
            # tin" keeps it: who else is in its own entry)
            q.agencies = [a for a in q.agencies if a not in q.aside]
        else:
            q.aside = []
        if not q.agencies and context.agency and self._names_context_agency(q, context.agency):
            q.agencies = [context.agency]  # "còn Thái Bình giao sở này…", "kế hoạch 2023 giao cho Liên hiệp…"
            # "thế năm 2022 Cục phối hợp việc gì?": the head noun named the agency, and with an agency named role
            # words describe it: neither is a subject of its own
            roles = [m.group(0) for m in self.lexicon.find("role_word", q.folded)]
            q.content = _without(q.content, [*sorted(self.index.agency_heads(context.agency)), *roles])
            q.content_tokens = self.index.content_tokens(q.content)
        elif not q.agencies and context.agency and self._continues_about_agency(q, context):
            q.agencies = [context.agency]  # "…năm 2022 có chủ trì gì không, còn năm 2023 được giao chủ trì việc gì?"
        elif not q.agencies and context.agency and self._asks_partners_of_duties(q, context):
            q.agencies = [context.agency]  # "Phối hợp với những sở nào?" after the agency's duties were quoted
        elif not q.agencies and not context.agency and self.lexicon.has("refer_agency", q.folded):
            # "ngoài việc đó, nhóm cơ quan này còn được giao gì nữa?" after a duty entry quoted for its words: the
            # agencies that entry names
            q.agencies = self._agencies_of_quoted_entry(context)
            if not q.agencies and (
                q.has("list") or any(self.lexicon.has(c, q.folded) for c in ("which_tasks", "count"))
            ):
                # "cơ quan đó còn chủ trì những việc nào nữa?" after a task's lead (not "cũng sở đó chủ trì à?",
                # which asks the task's lead again)
                q.agencies = self._lead_just_named(context)
            if q.agencies:
                self._roles_describe_agency(q)
        turn = Turn(q, context, plans, explicit, asked_plans=list(plans))
        # words the plans never use ("5 sao") mean the question may be about something else
        turn.unknown_words = [t for t in q.content_tokens if not self.index.known(t)]
        # phone numbers, procedures, the weather: not in any plan, wherever the person is
        if self.lexicon.has("contact_request", q.folded):
            return [turn.request(Items.CONTACTS, reason=Reason.OUT_OF_SCOPE)]
        if q.has("opinion") and not turn.tasks:
            # "theo bạn, chỉ tiêu … có thực tế không": a judgement no plan states
            return [turn.request(Items.NOTHING, reason=Reason.OUT_OF_SCOPE)]
        # (and what one business gets, a rate the province's support policy sets: "mỗi DN được hỗ trợ tối đa …")
        rate = self.lexicon.has("support_rate", q.folded) and not q.task_numbers  # (a task's money shared out is)
        policy = self.lexicon.has("procedure", q.folded) or rate
        if q.has("out_of_domain") or policy:
            # procedures and fees are the IP office's; weather and gold prices nobody's here
            ip = policy or bool(q.content_tokens and self._about_ip(q))
            show = (Field.CONTACT,) if ip else ()
            return [turn.request(Items.NOTHING, reason=Reason.OUT_OF_SCOPE, show=show)]
        if missing is not None:
            return [missing]
        if q.has("plans") and not q.content_tokens:
            return [Request(items=Items.PLANS, op=Op.LIST)]
        if q.has("chart", "export"):
            if q.has("chart"):
                return [turn.request(Items.FILES, show=(Field.CHART,))]
            return [turn.request(Items.FILES, show=(Field.CSV,) if q.has("csv") else (Field.EXPORT,))]
        said = self._duties_on_task_talked_about(turn)
        if said:
            return said
        self._find_tasks(turn)
        if self._points_at_nothing(turn):
            # what "đó" was to point at, so the answer asks back for it ("sở nào?", "nhóm nào?", "nhiệm vụ nào?")
            missing = (
                (Field.GROUP,)
                if self._first_group_word_points(q)
                else (Field.AGENCY,)
                if self.lexicon.has("refer_agency", q.folded) and not self._refers_to_one(q)
                else ()
            )
            return [turn.request(Items.NOTHING, reason=Reason.NO_REFERENT, show=missing)]
        unknown_number = self._unknown_number(turn)
        if unknown_number is not None:
            return [unknown_number]
        added = self._added_to_last(turn)
        if added is not None:
            return [added]
        named = self._counted_named(turn)
        if named is not None:
            return named
        cited = self._citation(
            turn
        )  # "quyết định 2367 hai kế hoạch ghi khác nhau thế nào": the document, not the plans
        if cited:
            return cited
        overview = self._plan_overview(turn)
        if overview:
            return overview
        untimed = self._quarters_not_stated(turn)
        if untimed is not None:
            return [untimed]
        over_data = self.operations.read(turn)
        alone = self._one_task_selected(turn, over_data) if over_data else None
        if alone is not None:
            return [alone]
        if over_data:
            if all(r.items is Items.GROUPS for r in over_data) and self._asks_plan_money(turn):
                # "kế hoạch chia thành mấy nhóm nhiệm vụ, và tổng dự toán cả năm là bao nhiêu?": both
                over_data = [*over_data, self._plan_budget(turn)]
            return over_data
        again = self._prior_list(turn)
        if again is not None:
            return [again]
        each = self._part_of_each_listed(turn)  # (after the operations: "cộng kinh phí của chúng" adds them up)
        if each:
            return each
        entry = self._their_entry(turn)
        if entry is not None:
            return [entry]
        # a business saying who they are, what they make or whom to ask: a support question first
        said = fold(f"{q.lead_raw} {q.raw}")
        business = self.lexicon.has("persona", said) or self.lexicon.has("support_contact", q.folded)
        # ("còn lớp tập huấn nào cho mình không": a need the question forms took all the words of)
        business |= (
            self.lexicon.has("support", q.folded) and bool(self.lexicon.needs_in(q.folded)) and not q.content_tokens
        )
        support = self._support(turn) if business or self._product(q) else None
        if support:
            return support
        for handler in (
            self._recipients,
            self._document,
            self._reporting,
            self._targets,
            self._which_agencies,
            self._plan_objectives,
            self._budget_views,
            self._agency,
            self._quarter,
            self._group_tasks,
            self._entry_named,
            self._task_answer,
            self._topic,
            self._all_tasks,
            self._followup,
        ):
            found = handler(turn)
            if found is not None:
                found = found if isinstance(found, list) else [found]
                if handler == self._document and found[0].items is Items.DOCUMENT and self._asks_plan_money(turn):
                    # "KH 2022 triển khai quyết định số mấy, tổng kinh phí bao nhiêu, lấy từ nguồn nào": both
                    found.append(self._plan_budget(turn))
                if handler == self._document and found[0].items is Items.DOCUMENT and q.has("reporting"):
                    # "… số mấy, ai ký, và các đơn vị phải gửi báo cáo hằng năm trước ngày nào?": both
                    reporting = self._reporting(turn)
                    found += reporting if isinstance(reporting, list) else [reporting] if reporting else []
                if handler == self._recipients and q.has("document"):
                    # "… mang số hiệu gì, ban hành ngày nào, và được gửi tới những cơ quan nào?": both
                    document = self._document(turn)
                    found = [*(document if isinstance(document, list) else [document] if document else []), *found]
                return found
        searched = self._search(turn)
        if searched[0].items is Items.NOTHING:
            return self._support(turn) or searched  # "có hỗ trợ … không?" that nothing else explains
        return searched

    @staticmethod
    def _names_plan_year(folded: str, year: int) -> bool:
        """The year is named as a plan's ("kế hoạch năm 2024", "năm 2024 so với …", "so với năm 2023"), not
        as a deadline ("đến năm 2025", "kết thúc năm 2024")."""
        y = rf"(?:nam )?{year}\b"
        if re.search(rf"\b(?:den|toi|truoc|sau|ket thuc|hoan thanh|keo dai|het) {y}", folded):
            return False
        return bool(
            re.search(rf"\b(?:ke hoach|kh|chien luoc)(?: \w+){{0,4}} {y}", folded)
            or re.search(rf"\bso voi (?:ke hoach |kh )?{y}", folded)
            or re.search(rf"^(?:con |the |vay )?{y}", folded)
            or re.search(rf"{y} (?:\w+ ){{0,3}}so voi\b", folded)
        )

    @staticmethod
    def _baseline_of_target(folded: str, year: int, plans: Sequence[Plan]) -> bool:
        """ "tăng bao nhiêu phần trăm so với năm 2024" of a plan whose target says "… tăng ít nhất 12% so với năm 2024":
        the year is the target's baseline, not a plan asked."""
        if not re.search(rf"\bso voi (?:nam )?{year}\b", folded):
            return False
        return any(re.search(rf"\bso voi (?:nam )?{year}\b", fold(t.text)) for p in plans for t in p.targets)

    def _asks_whether_there(self, q: Query) -> bool:
        """A yes/no question whether a plan has, or still has, such a task: "no" is then its answer."""
        return self.lexicon.has("asks_whether", q.folded) or self.lexicon.has("still_there", q.folded)

    def _total_of_source(self, q: Query) -> bool:
        """ "tổng kinh phí nguồn trung ương", "tổng kinh phí từ NS sự nghiệp": the total of that source, said
        right after the total's words; not the plan's total and then the source."""
        # (the source's own words may begin with "kinh phí": "tổng kinh phí nguồn TW")
        before = r"\b(?:tong|toan bo|tong so)(?: (?:kinh phi|du toan|ngan sach|so tien)(?: (?:tu|cua|thuoc|theo))?)? $"
        return any(re.search(before, q.folded[: m.start()]) for m in self.lexicon.find("source_name", q.folded))

    def _asks_plan_money(self, turn: Turn) -> bool:
        """The question asks the plan's money as well as something else about it (no task named)."""
        q = turn.query
        return not turn.tasks and (self.lexicon.has("plan_total", q.folded) or q.has("budget"))

    def _nth_source(self, q: Query, context: Context) -> Request | None:
        """ "cái thứ hai bao nhiêu" after a plan's budget and its sources: the n-th source, as the plan lists them."""
        m = next(self.lexicon.find("ordinal", q.folded), None)
        last = [r for r in context.last if r.items in (Items.BUDGET, Items.SOURCES)]
        if m is None or not last or len(last[-1].plans) != 1 or context.listed:
            return None
        if not m.group(0).startswith(("cai ", "nguon ", "khoan ")):
            return None  # "nhiệm vụ đầu tiên trong bảng", "dòng thứ hai": a row, not a source
        plan = self.index.plans.get(last[-1].plans[0])
        sources = [s for s in plan.budget.sources if s.amount is not None] if plan and plan.budget else []
        n = self._nth(m, len(sources))
        if not 1 <= n <= len(sources):
            return None
        return last[-1].but(items=Items.SOURCES, op=Op.LOOKUP, filters=Filters(source=sources[n - 1].key), show=())

    def _nth_decision(self, q: Query, context: Context) -> Request | None:
        """ "cái thứ hai ban hành ngày nào?" after the decisions a plan implements: the n-th of them, as the plan
        cites it."""
        m = next(self.lexicon.find("ordinal", q.folded), None)
        last = [r for r in context.last if r.items is Items.DOCUMENT and Field.DECISION in r.show]
        if m is None or not last or len(last[-1].plans) != 1 or context.listed:
            return None
        if not m.group(0).startswith(("cai ", "quyet dinh ", "van ban ", "qd ")) or q.years or q.provinces:
            return None
        plan = self.index.plans.get(last[-1].plans[0])
        decisions = plan.implements if plan else []
        n = self._nth(m, len(decisions))
        if not 1 <= n <= len(decisions):
            return None
        return last[-1].but(items=Items.CITATIONS, filters=Filters(ids=(number_key(decisions[n - 1].number),)), show=())

    def _nth(self, m: re.Match[str], count: int) -> int:
        """The position an ordinal names in a list of ``count`` ("thứ hai": 2, "cuối cùng": ``count``)."""
        word = m.group(0).split()[-1]
        return self.lexicon.ordinals.get(word, count if word in ("cuoi", "cung") else 0)

    def _nth_duty(self, q: Query, context: Context) -> Request | None:
        """ "cái thứ ba là gì?" after an agency's duties were counted or quoted: the n-th of them, as the
        entries list them (a, b, c…)."""
        m = next(self.lexicon.find("ordinal", q.folded), None)
        last = [r for r in context.last if r.items is Items.DUTIES and r.filters.agency]
        # ("việc thứ ba cụ thể là cán bộ đó lo những lĩnh vực nào?": opened by the ordinal, the words ask of that point)
        opens = m is not None and not q.folded[: m.start()].strip()
        if m is None or not last or context.listed or q.agencies or (q.content_tokens and not opens):
            return None
        if not m.group(0).startswith(("cai ", "viec ", "diem ", "y ")) or q.years or q.provinces:
            return None  # "dòng thứ hai", "nhiệm vụ thứ hai năm 2023 … ai chủ trì": another question
        points = self._duty_points(last[-1])
        n = self._nth(m, len(points))
        if not 1 <= n <= len(points):
            return None
        return self._duty_point(last[-1], *points[n - 1][:3])

    def _duty_point_purpose(self, q: Query, context: Context) -> Request | None:
        """ "rà soát như vậy nhằm mục đích gì?" after an agency's duties were quoted: a duty has no objective of its
        own, but the point that does it says why ("… rà soát danh mục … để hỗ trợ bảo hộ"), so that point; not the
        plan's objectives, which would answer another question."""
        last = [r for r in context.last if r.items is Items.DUTIES and r.filters.agency]
        if not last or not q.has("objective") or not q.content_tokens:
            return None
        if q.agencies or q.years or q.provinces or q.task_numbers:
            return None
        asked = set(q.content_tokens)
        scored = [
            (len(asked & set(self.index.content_tokens(duty.text))) / len(asked), (plan_id, section, n))
            for plan_id, section, n, duty in self._duty_points(last[-1])
        ]
        scored.sort(key=lambda s: -s[0])
        if not scored or scored[0][0] < POINT_COVER or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None  # no point does what was named, or several do it alike: not one to choose
        return self._duty_point(last[-1], *scored[0][1])

    def _lettered_point_of_quoted(self, q: Query, context: Context) -> Request | None:
        """ "mục b của phần đó ghi gì" after one entry of "Tổ chức thực hiện" was quoted: that entry's point b (which
        Thái Bình's V.9 skips: the answer says so), not words looked for anywhere."""
        m = _LETTERED_POINT_RE.match(q.folded)
        if m is None or q.agencies or q.years or q.provinces or q.task_numbers:
            return None
        entries = {e for r in context.last for e in _quoted_entries(r)}
        entries |= {tuple(i.split(":", 1)) for r in context.last if r.items is Items.DUTIES for i in r.filters.ids}
        if len(entries) != 1:
            return None
        plan_id, section = entries.pop()
        return Request(
            items=Items.DUTIES,
            plans=(plan_id,),
            filters=Filters(ids=(f"{plan_id}:{section}",), points=(m.group(1),), role=Role.DUTY),
        )

    def _duty_point_asked(self, q: Query, context: Context) -> Request | None:
        """ "có phải bố trí cán bộ không?" after an agency's duties were quoted: the one point whose words are all the
        question's ("Bố trí cán bộ chuyên trách …"), which answers it; not a task whose words happen to match."""
        last = [r for r in context.last if r.items is Items.DUTIES and r.filters.agency]
        asked = set(q.content_tokens)
        if not last or len(asked) < 2 or q.agencies or q.years or q.provinces or q.task_numbers:
            return None
        if re.search(r"\b(?:nhiem vu|nv)\b", q.folded):
            return None  # "thế còn nhiệm vụ …": a task asked, not a point of the duties
        # a yes or no of that agency only ("các sở nào cũng phải bố trí cán bộ?", "báo cáo trước ngày nào?" ask more)
        yes_no = re.search(r"\b(?:khong|ko|k|chua)\s*$", q.folded) and not re.search(
            r"\b(?:nao|ai|gi|bao nhieu|may)\b", q.folded
        )
        if not yes_no:
            return None
        query = self.index.query_grams(q.content)[1]  # (word pairs: "bố trí cán bộ", not "cân đối, bố trí")
        scored = sorted(
            (
                (self.index.coverage(query, self.index.doc_grams(duty.text))[0], (plan_id, section, n))
                for plan_id, section, n, duty in self._duty_points(last[-1])
            ),
            key=lambda s: -s[0],
        )
        if not scored or scored[0][0] < POINT_ASKED or (len(scored) > 1 and scored[1][0] > scored[0][0] - TIE):
            return None
        return self._duty_point(last[-1], *scored[0][1])

    def _duty_points(self, duties: Request) -> list[tuple[str, str, int, Duty]]:
        """The points of the entries an agency's duties answer quoted, as the entries list them (a, b, c…): the
        plan, the entry, the point's place in it, the point."""
        agency = duties.filters.agency
        return [
            (plan_id, entry.section, n, duty)
            for plan_id in duties.plans
            for entry in self.index.plans[plan_id].responsibilities
            if agency in entry.agencies
            for n, duty in enumerate(entry.duties)
        ]

    @staticmethod
    def _duty_point(duties: Request, plan_id: str, section: str, position: int) -> Request:
        """One point of those entries, looked up as the agency's duty."""
        chosen = Filters(agency=duties.filters.agency, role=Role.DUTY, ids=(f"{plan_id}:{section}",), parts=(position,))
        return duties.but(op=Op.LOOKUP, plans=(plan_id,), filters=chosen)

    def _selects_before_pointing(self, q: Query) -> bool:
        """The message asks which tasks before it points back ("nhiệm vụ nào …, nhiệm vụ đó …")."""
        which = next(self.lexicon.find("which_tasks", q.folded), None)
        pointing = next(self.lexicon.find("refer", q.folded), None)
        return which is not None and pointing is not None and which.start() < pointing.start()

    def _points_at_nothing(self, turn: Turn) -> bool:
        """ "lớp đó kp bn?" as a first message: "đó" means nothing yet, and the plan's budget would
        answer another question."""
        q, ctx = turn.query, turn.context
        return (
            (
                not turn.tasks
                and not turn.elsewhere
                and not q.task_numbers
                and not q.group_numbers  # "nhóm 3 gồm mấy nhiệm vụ, mấy nhiệm vụ trong đó …": the group's
                and not (ctx.task_ids or ctx.listed or ctx.last)
                and len(q.content_tokens) <= 1
                and not q.agencies
                # ("cộng cột NS khác …, dòng Cộng của cột đó ghi bao nhiêu": the column the same message names)
                and not (q.sources and self.lexicon.has("refer_column", q.folded))
                # "nó" may be the plan; "các dòng đó" the rows the same message selects
                and self._refers_to_one(q)
                # ("nhiệm vụ nào không ghi cơ quan phối hợp, ai chủ trì nhiệm vụ đó?": the task its first clause asks)
                and not self._selects_before_pointing(q)
            )
            or (
                # "sở đó được giao mấy đầu việc?", "nhóm đó có mấy điểm?" as a first message: no agency, no group yet
                not (ctx.task_ids or ctx.listed or ctx.last or ctx.agency)
                and not q.agencies
                and not q.group_numbers
                and (
                    (self.lexicon.has("refer_agency", q.folded) and len(q.content_tokens) <= 1)
                    or self._first_group_word_points(q)
                )
                and not self.lexicon.has("own_agency", q.folded)
            )
            or (
                # "tất cả có mấy nhiệm vụ như vậy?", "mấy dòng đó cộng lại" as a first message: no list yet (one clause:
                # "có mấy dòng ghi 9,2 triệu, cộng các dòng đó lại …" points at the rows its first clause selects)
                not (ctx.task_ids or ctx.listed or ctx.last)
                and "," not in q.raw
                and self.lexicon.has("refer_list", q.folded)
                and not (q.task_numbers or q.group_numbers or q.agencies or q.quarters or q.sources)
                and len(q.content_tokens) <= 1
            )
            or (
                # "đứng thứ 2 là dòng nào" as a first message: no ranking yet (with every province's plans, every
                # plan's list was the answer)
                not ctx.last
                and not (q.task_numbers or q.group_numbers or q.agencies or q.sources)
                and self.lexicon.has("ranked_place", q.folded)
                and not q.has("largest")
            )
        )

    @staticmethod
    def _first_group_word_points(q: Query) -> bool:
        """ "nhóm đó …" is the message's first word for a group (not "nhóm nào nhiều nhất, mỗi nhóm đó …")."""
        that = _THAT_GROUP_RE.search(q.folded)
        return that is not None and that.start() == q.folded.find("nhom")

    # ------------------------------------------------------------------ task numbers
    def _unknown_number(self, turn: Turn) -> Request | None:
        """A task number no plan in question uses ("3.4" in a plan numbered 3.a, 3.b…), or one typed
        with a comma ("nv 3,4"): say so and offer the candidates, never answer another task.

        Candidates: the task at that place of the group in a plan numbered with letters, and the
        same number in the province's other plans.
        """
        q = turn.query
        plain = strip_marks(q.raw).lower()  # commas kept: "nv 3,4" typed on a phone for 3.4
        said = [m.groups() for m in _COMMA_NUMBER_RE.finditer(plain)] if not q.task_numbers else []
        loose = [f"{g[0] or g[2]}.{g[1] or g[3]}" for g in said]
        if not loose and (turn.tasks or not q.task_numbers):
            return None  # no number, or one a plan in question uses
        numbers = loose or q.task_numbers
        talked = self.index.plans.get(turn.context.plan_id or "")
        if not loose and talked is not None and all(any(t.number == n for t in talked.tasks) for n in numbers):
            return None  # "quay lại 3.4: năm ngoái…": the conversation's task, its like in the year asked
        plans = turn.plans
        candidates: list[TaskRef] = []
        for number in numbers:
            group, _, place = number.rpartition(".")
            for plan in plans:
                if loose and any(t.number == number for t in plan.tasks):
                    candidates.append(TaskRef(plan.id, number))
                    continue
                members = [t for t in plan.tasks if t.number.rpartition(".")[0] == group]
                if place.isdigit() and members and not members[0].number.rpartition(".")[2].isdigit():
                    n = int(place)
                    if 1 <= n <= len(members):
                        candidates.append(TaskRef(plan.id, members[n - 1].number))
            if not loose:
                others = [p for p in self.index.plans.values() if p not in plans]
                candidates += [
                    TaskRef(p.id, number)
                    for p in others
                    if any(t.number == number for t in p.tasks) and p.province_id in {x.province_id for x in plans}
                ]
        exact = [r for r in candidates if r.number in numbers]
        if loose and exact:
            candidates = exact  # "nv 3,4": 3.4 where a plan has it, not the fourth of a lettered group
        alternatives = tuple(
            Request(
                items=Items.TASKS, plans=(r.plan_id,), explicit=True, filters=Filters(ids=(r.id,)), show=(Field.CARD,)
            )
            for r in dict.fromkeys(candidates)
        )
        return turn.request(
            Items.NOTHING,
            plans=plans if not loose else [],
            reason=Reason.WRONG_NUMBER,
            filters=Filters(words=tuple(n.replace(".", ",") for n in loose) if loose else tuple(numbers)),
            alternatives=alternatives,
        )

    @staticmethod
    def _tasked_not_dutied(plan: Plan, slugs: list[str]) -> bool:
        """The plan names the agencies in its tasks but gives them no entry in "Tổ chức thực hiện"."""
        wanted = set(slugs)
        if any(wanted & set(r.agencies) for r in plan.responsibilities):
            return False
        return any(wanted & {*t.lead, *t.cooperating} for t in plan.tasks)

    def _own_subject(self, question: str) -> bool:
        """A question of a message that names what it is about in words of its own (three or more)."""
        return len(understand(self.index, question, self.lexicon).content_tokens) >= OWN_SUBJECT

    # ------------------------------------------------------------------ support for a business
    def _support(self, turn: Turn) -> list[Request]:
        """ "HTX tôi làm nước mắm…, tỉnh có hỗ trợ gì không, hỏi ai?": the tasks that offer what the
        person needs, each with whom to ask.

        The product they make is looked for in the plans; one the plans never name is said so
        and left out of the matching, so the need ("nhãn hiệu tập thể") finds its tasks. The
        words every such question has ("hỗ trợ", "đăng ký") and places choose nothing. Each
        province answers from its latest plan that offers the need, unless a year was named.
        A question about one task's money, time or partners is no support question, nor is a
        follow-up about the task just discussed.
        """
        q = turn.query
        asked = self.lexicon.has("support", q.folded) or q.wants_support
        if not asked and self.lexicon.has("business_intro", fold(q.lead_raw)) and q.has("list"):
            # "Cơ sở tôi làm muối … năm 2023 có nhiệm vụ CDĐL cho muối không?": a producer asking after their own
            # product, which the plans never name, asks what there is for it
            unnamed = self._product(q)
            asked = (
                unnamed is not None
                and unnamed.sure
                and not unnamed.named
                and re.search(rf"\b{re.escape(fold(unnamed.said))}\b", q.folded) is not None  # asked after, by name
            )
        names_asked = False
        if not asked and self.lexicon.has("named_asked", q.folded):
            # "kế hoạch có ghi tên nước mắm không": a product the plans never name is answered as support for it is
            # (that they do not name it, then what covers it), whatever task was talked about; one they name is a
            # question about its task
            unnamed = self._product(q)
            asked = names_asked = (
                unnamed is not None
                and unnamed.sure
                and not unnamed.named
                and not self.index.find_agencies(unnamed.said)  # ("có nhắc tới cục SHTT không": an agency)
                and not self._each_word_in_plans(unnamed.said)  # ("gạo ST25": "gạo mang tên giống lúa ST24, ST25")
            )
        if not asked or q.task_numbers or turn.task_how == "number" or (turn.task_how == "context" and not names_asked):
            return []
        if q.has("budget", "time", "coop", "targets", "reporting", "document", "quantity", "statistics"):
            return []
        if q.has("objective") and len(turn.tasks) == 1 and turn.task_how == "content":
            return []  # "… có làm không gian hỗ trợ khởi nghiệp không, mục tiêu là gì?": that task's objective
        if q.has("objective") and self._target_over_objectives(turn):
            return []  # "… có mục tiêu hỗ trợ khai thác, thương mại hóa sáng chế không, bao nhiêu cái?": a target
        if q.quarters or q.sources or self.lexicon.has("count", q.folded):
            return []
        product = self._product(q)
        accented = has_diacritics(q.raw)
        words = _without(q.content, [fold(p.province) for p in self.index.plans.values()])
        # the words every support question has, compared as typed: folded, "hỏi" would cut "hội"
        scaffold = [*self.lexicon.phrases("support_scaffolding"), *(product.drop if product else ())]
        kept = [k for k in self.lexicon.phrases("support_needs_kept") if fold(k) in fold(words)]
        words = _without(words, [shape(w) if accented else fold(w) for w in scaffold], accented=accented)
        words = " ".join([words, *kept])  # ("… về nhãn hiệu, đăng ký bảo hộ": the need keeps its scaffolding words)
        if not self.index.content_tokens(words) or q.wants_support:
            # (a producer who only said who they are: their words describe them, the need is read from them)
            words = self._support_need(q)
        # words that match no support ("kiểu dáng công nghiệp") get "not found", never the general list
        ids = self._support_ids(turn, words, product)
        needs = [need for need, _ in self.lexicon.needs_in(fold(f"{q.lead_raw} {q.raw}"))]
        if len(needs) > 1 and not (product and product.named):
            # "Nhà em làm gốm …, có lớp tập huấn nào cho em không?": two needs (the craft, a class), each its own
            # support, the one the question asks first; together their words would find only the likelier one
            asked = {need.means for need, _ in self.lexicon.needs_in(q.folded)}
            needs.sort(key=lambda need: need.means not in asked)
            each = [i for need in needs for i in self._support_ids(turn, f" {SEPARATOR} ".join(need.plan_words), None)]
            ids = list(dict.fromkeys(each)) or ids
        if not ids:
            return []
        plans = [p for p in turn.plans if any(i.startswith(f"{p.id}:") for i in ids)]
        unnamed = (product.said,) if product and product.sure and not product.named else ()
        request = turn.request(Items.SUPPORT, plans=plans, filters=Filters(ids=tuple(ids), words=unnamed))
        if any(not self.index.tasks[i].lead for i in ids):
            return [*self._assigned_duty(turn, plans), request]  # "sở nào lo mảng giao thương" in a plan by agency
        return [request]

    def _support_need(self, q: Query) -> str:
        """Nothing asked but "có hỗ trợ không": the need the preamble states, or any support."""
        # (or the question's own, said in words the question forms cut: "còn lớp tập huấn nào cho mình không")
        said = [w for need, _ in self.lexicon.needs_in(fold(q.lead_raw)) for w in need.plan_words]
        said = said or [w for need, _ in self.lexicon.needs_in(q.folded) for w in need.plan_words]
        return f" {SEPARATOR} ".join(said or self.lexicon.phrases("support_topics"))

    def _support_ids(self, turn: Turn, words: str, product: Product | None) -> list[str]:
        """Per province, the support its latest plan offers for the need (see :meth:`_support_plans`)."""
        named = product.said if product and product.named else None
        ids: list[str] = []
        tried = self._support_plans(turn)
        # one ranking over every plan to try, cut plan by plan (a task's score does not depend on the plans
        # ranked with it): with every province's plans, a ranking per plan took 300 rankings
        ranked = self.index.rank_tasks_by_plan(words, [p.id for plans in tried for p in plans])
        for plans in tried:
            for plan in plans:
                found = self._support_tasks(words, plan, named, ranked.get(plan.id, []))
                if found:
                    ids += found
                    break
        return ids

    def _support_plans(self, turn: Turn) -> list[list[Plan]]:
        """Each province's plans to try in turn: newest first; a named year keeps its own plans."""
        if turn.query.years or (turn.context.plan_id in turn.plan_ids and not turn.explicit):
            return [[p] for p in turn.plans]  # (a year named, or the plan the conversation is about)
        # (every plan of the provinces asked about, not only the one in force: a need the newest plan leaves out
        # is answered from the one before that offers it, which the answer names)
        provinces = {p.province_id for p in turn.plans}
        by_province: dict[str, list[Plan]] = {}
        for plan in self.index.plans.values():
            if plan.province_id in provinces:
                by_province.setdefault(plan.province_id, []).append(plan)
        return [sorted(plans, key=lambda p: -p.year_end) for plans in by_province.values()]

    def _support_tasks(
        self, words: str, plan: Plan, product: str | None, ranked: Sequence[Hit] | None = None
    ) -> list[str]:
        """A plan's best few tasks for the need, nearly as good as its best one. A product the
        plans name ("thịt cừu") picks the tasks that name it, however few of the other words match.
        ``ranked``: the plan's ranking for the words, when worked out already."""
        ranked = self.index.rank_tasks(words, [plan.id]) if ranked is None else ranked
        hits = [h for h in ranked if isinstance(h.item, TaskRef)]
        if product:
            pattern = re.compile(rf"(?<!\w){re.escape(shape(product))}(?!\w)")
            naming = [h.item.id for h in hits if pattern.search(shape(task_text(self.index.tasks[h.item.id])))]
            return naming[:MAX_SUPPORT]
        if not hits or hits[0].score < SUPPORT_MATCH or hits[0].evidence < MIN_EVIDENCE:
            return []
        top = hits[0].score
        good = [h.item.id for h in hits if h.score >= top - SUPPORT_SPREAD and h.evidence >= MIN_EVIDENCE]
        return good[:MAX_SUPPORT]

    def _product(self, q: Query) -> Product | None:
        """What the person makes ("nước mắm"), as typed, whether the plans name it, and the words
        ("làm nước mắm") that choose no task. Often said before the question ("HTX tôi làm nước
        mắm. … có hỗ trợ không?")."""
        said = nfc(f"{q.lead_raw} {q.raw}")
        folded, shaped = fold(said), shape(said)
        cues = ("makes", "makes_owned", "makes_at", "named_asked")
        found = (next(self.lexicon.find(cue, folded), None) for cue in cues)
        m = next((m for m in found if m is not None), None)
        if m is None:
            return None
        aligned = len(shaped) == len(folded)
        typed = shaped[m.start("product") : m.end("product")] if aligned else m.group("product")
        verb = shaped[m.start() : m.start("product")] if aligned else folded[m.start() : m.start("product")]
        if has_diacritics(typed):
            named = _has_phrase(self._corpus_shaped, typed)
            return Product(typed, named, True, (verb.strip(),) if named else (verb.strip(), typed))
        # without accents one syllable ("toi": tỏi? tôi?) stands for too many words to tell
        product = m.group("product")
        sure = " " in product
        named = sure and _has_phrase(self._corpus_folded, product)
        return Product(product, named, sure, (verb.strip(),) if named else (verb.strip(), product))

    def _each_word_in_plans(self, said: str) -> bool:
        """Every word of what was said stands somewhere in the plans, if not side by side: what they name in their
        own words, which a task's text may answer."""
        corpus = self._corpus_shaped if has_diacritics(said) else self._corpus_folded
        words = shape(said).split() if has_diacritics(said) else fold(said).split()
        return bool(words) and all(_has_phrase(corpus, w) for w in words)

    def _about_ip(self, q: Query) -> bool:
        hits = self.index.rank_tasks(q.content) + self.index.rank_passages(q.content)
        return any(h.score >= SUGGEST and h.evidence >= MIN_EVIDENCE for h in hits)

    # ------------------------------------------------------------------ small talk
    def _small_talk(self, q: Query) -> Request | None:
        rest = fold(q.content)
        for cue in ("greeting", "thanks", "help", "goodbye", "complaint"):
            rest = self.lexicon.question_pattern(cue).sub(" ", rest)
        words = self.index.content_tokens(rest)
        if words and q.has("thanks", "greeting", "goodbye", "complaint"):
            # "Cảm ơn, thông tin rất hữu ích!": words that name nothing in the plans are chit-chat
            hits = self.index.rank_tasks(rest) + self.index.rank_passages(rest)
            words = words if any(h.score >= 0.5 and h.evidence >= MIN_EVIDENCE for h in hits) else []
        substantive = (
            q.task_numbers
            or q.agencies
            or words
            or q.has("lead", "coop", "budget", "time", "targets", "reporting", "document", "objective")
            # "Chào bạn, kế hoạch 2023 có bao nhiêu nhiệm vụ?": a count or a list over a plan asks something
            or q.has("list", "quantity", "largest", "compare", "responsibility")
            or self.lexicon.has("count", q.folded)
            or q.quarters
            or q.group_numbers
            or q.sources
            # "chao ban, minh co co so san xuat muoi …, tinh co ho tro ko": a producer asking what support there is
            or self.lexicon.has("support", q.folded)
            or bool(q.needs)
        )
        if q.has("help") and not (q.task_numbers or q.agencies):
            return Request(items=Items.TALK, show=(Field.HELP,))
        if substantive:
            return None
        talk = (("complaint", Field.COMPLAINT), ("goodbye", Field.GOODBYE), ("thanks", Field.THANKS))
        for cue, fld in (*talk, ("greeting", Field.GREETING)):
            if q.has(cue):
                return Request(items=Items.TALK, show=(fld,))
        return None

    def _repeat_last(self, q: Query, context: Context, *, corrected: bool = False) -> list[Request] | None:
        """'Thế còn Thái Bình?', 'còn năm 2022 thì sao?', 'còn Sở NN&PTNT?', 'còn quý III?': the last question
        again, with the one thing the message changes (``corrected``: "không, ý tôi là năm 2022")."""
        bare_correction = corrected and not q.cues  # ("không, ý tôi là tổng kinh phí cả kế hoạch" asks its own)
        if not context.last or not (
            bare_correction or self.lexicon.has("nothing_new", q.folded) or q.co_leads is not None
        ):
            return None  # "nếu bỏ mấy việc đồng chủ trì đi" changes the count just given
        asks_own = q.has(*TASK_FACETS, "list", "targets", "document", "reporting", "responsibility")
        own_words = set(q.content_tokens) - _ROW_WORDS  # ("ý tôi là dòng của Sở GDĐT": "dòng" names nothing)
        if own_words or q.task_numbers or asks_own:
            return None  # it asks something of its own ("còn kinh phí thì sao?", "… giao lĩnh vực gì"): read it so
        money_before = any(r.items in (Items.BUDGET, Items.SOURCES) for r in context.last)
        if money_before and re.search(r"\bso voi\b", q.folded):
            return None  # "so với năm 2022 thì sao" after a plan's money: the two set against each other
        plans, explicit, missing = self._resolve_plans(q, context.model_copy(update={"plan_id": None}))
        if missing is not None:
            return [missing]
        if not (explicit or q.agencies or q.quarters or q.group_numbers or q.co_leads is not None):
            return None
        plan_ids = tuple(p.id for p in plans) if explicit else None
        out: list[Request] = []
        for agency in q.agencies or [None]:  # "còn Hội Nông dân, Hội LHPN thì sao?": each of them
            one = replace(q, agencies=[agency]) if agency else q
            for r in context.last:
                changed = self._changed(r, plan_ids, one)
                if changed is None:
                    return None
                out.append(changed)
        return out

    def _same_entry(self, q: Query, context: Context, plans: list[Plan]) -> Request | None:
        """'Cùng mục đó còn những đơn vị nào?' after a duty was quoted, or 'sở nào được giao chung mục với
        Sở GD?': every agency the entry names."""
        if not self.lexicon.has("same_entry", q.folded):
            return None
        duties = [r for r in context.last if r.items is Items.DUTIES]
        if q.agencies:  # the entries of the agency named, in the plans asked
            plan_ids, agency, sections = tuple(p.id for p in plans), q.agencies[0], set()
        elif duties and (q.provinces or q.years) and duties[-1].filters.agency:
            # "… và trong kế hoạch Thái Bình thì Cục này đứng chung mục với những cơ quan nào?": its entry there
            plan_ids, agency, sections = tuple(p.id for p in plans), duties[-1].filters.agency, set()
        elif duties:
            plan_ids, agency, sections = duties[-1].plans, duties[-1].filters.agency, set(duties[-1].filters.ids)
        else:
            return None
        if not sections:
            sections = {
                f"{p}:{e.section}"
                for p in plan_ids
                for e in self.index.plans[p].responsibilities
                if agency in e.agencies
            }
        if not sections:
            return None
        ids = tuple(sorted(sections))
        chosen = tuple(dict.fromkeys(i.split(":", 1)[0] for i in ids))
        # the agency asked about stays what the conversation is about ("… họ phải tham mưu cho ban chỉ đạo nào")
        rows = Filters(role=Role.DUTY, ids=ids, agency=agency)
        return Request(items=Items.AGENCIES, op=Op.LIST, plans=chosen, filters=rows)

    def _holder_of_quoted_duty(self, q: Query, context: Context) -> Request | None:
        """'Ai chịu trách nhiệm tổ chức việc đó?' after a duty entry was quoted: the agencies it names."""
        if not q.has("refer") or q.agencies or q.task_numbers or not _WHO_RE.search(q.folded):
            return None
        if len(q.content_tokens) > 2:
            return None  # "đầu mối hỗ trợ chuyên môn cho việc đó là sở nào?": another agency, which the words name
        quoted = [r for r in context.last if r.items in (Items.PASSAGES, Items.DUTIES)]
        if not quoted or len(quoted) != len(context.last):
            return None
        ids = []
        for r in quoted:
            ids += [i for i in r.filters.ids if r.items is Items.DUTIES] or [
                f"{plan_id}:{section}" for plan_id, section in _quoted_entries(r)
            ]
        if not ids:
            return None
        chosen = tuple(dict.fromkeys(i.split(":", 1)[0] for i in ids))
        return Request(items=Items.AGENCIES, op=Op.LIST, plans=chosen, filters=Filters(role=Role.DUTY, ids=tuple(ids)))

    def _added_to_last(self, turn: Turn) -> Request | None:
        """ "không, ý tôi là cộng cả các lớp cho học sinh, sinh viên nữa" after a sum, count or list of tasks: the
        same operation over the rows it had and the tasks the message names (None when it adds nothing)."""
        q, context = turn.query, turn.context
        if not turn.tasks or turn.task_how not in ("content", "number") or not self.lexicon.has("adds_more", q.folded):
            return None
        last = [r for r in context.last if r.items is Items.TASKS and r.op in (Op.SUM, Op.COUNT, Op.LIST)]
        if len(last) != 1:
            return None
        had = last[0].filters.ids or tuple(context.listed)
        more = tuple(r.id for r in turn.tasks if r.id not in had)
        if not had or not more or {i.split(":", 1)[0] for i in (*had, *more)} != set(last[0].plans):
            return None
        f = last[0].filters
        kept = Filters(ids=(*had, *more), source=f.source, without_source=f.without_source, year=f.year)
        return last[0].but(filters=kept, explicit=True)

    def _part_of_each_listed(self, turn: Turn) -> list[Request]:
        """ "ai chủ trì?", "sở nào lo?" after a list of more than a few tasks: the list again, each line with the
        part asked (a few are answered task by task; more were not answered at all); where the plan gives its tasks
        no lead, the entries of "Tổ chức thực hiện" that say who does them."""
        q = turn.query
        listed = [t for t in turn.context.listed if t.split(":", 1)[0] in turn.plan_ids]
        if (
            turn.tasks
            or q.content_tokens
            or q.task_numbers
            or q.has("list")
            or not _FEW_LISTED < len(listed) <= MAX_EACH
        ):
            return []
        facets = tuple(FIELD_OF_CUE[c] for c in ("lead", "coop", "time", "budget") if q.has(c))
        if not facets or (turn.explicit and set(turn.plan_ids) != {t.split(":", 1)[0] for t in listed}):
            return []
        plans = [p for p in turn.plans if any(t.startswith(f"{p.id}:") for t in listed)]
        # (after a list or a count of tasks only: "còn cột NS khác thì sao" after a sum asks that column's sum)
        prior = next((r for r in reversed(turn.context.last) if r.items is Items.TASKS), None)
        if prior is None or prior.op not in (Op.LIST, Op.COUNT) or q.sources:
            return []
        # the list asked before, shown with the part asked (its own selection, which its ids may not carry yet)
        request = prior.but(op=Op.LIST, show=tuple(dict.fromkeys([*prior.show, *facets])))
        refs = [TaskRef(*t.split(":", 1)) for t in listed]
        if Field.LEAD in facets and not any(self._task(r).lead for r in refs):
            duties = [d for r in refs for d in self._assigned_duty(turn, plans, [r])]
            return [request, *dict.fromkeys(duties)]
        return [request]

    def _plan_overview(self, turn: Turn) -> list[Request]:
        """ "giới thiệu kế hoạch 2023", or a plan named and nothing else ("ninh thuận 2023") at the start of a
        conversation: the plan in brief (the document, its groups of tasks, its money) rather than "not found"."""
        q = turn.query
        if q.task_numbers or q.agencies or q.quarters or q.group_numbers:
            return []
        # (not "mục III.2 … gồm những điểm nào? Tóm tắt đủ từng điểm": a part of it)
        part = re.search(r"\b(?:muc|phan|nhom|diem|nhiem vu|nv|chi tieu|muc tieu)\b", q.folded)
        asked = q.has("plan_overview") and not q.has(*TASK_FACETS) and not part
        if asked and len(turn.plans) > 1 and not turn.explicit:
            return [Request(items=Items.PLANS, op=Op.LIST)]  # "giới thiệu" and no plan yet: which plans there are
        if len(turn.plans) != 1:
            return []
        fresh = all(r.items in (Items.TALK, Items.NOTHING, Items.PLANS) for r in turn.context.last)
        named_only = False
        if turn.explicit and fresh and not asked:
            rest = q.folded
            for name in {fold(p.province) for p in turn.plans}:  # (the plans named: a few, at any number of plans)
                rest = rest.replace(name, " ")
            rest = _PLAN_NAMING_RE.sub(" ", rest)  # ("nhiệm vụ cuối cùng trong bảng 2023" says more than a plan)
            named_only = not rest.strip()
        if not (asked or named_only):
            return []
        plan = turn.plans[0]
        found = [turn.request(Items.DOCUMENT, plans=[plan])]
        if plan.groups:
            found.append(turn.request(Items.GROUPS, op=Op.LIST, plans=[plan]))
        found.append(turn.request(Items.BUDGET, plans=[plan]))
        return found

    def _quarters_not_stated(self, turn: Turn) -> Request | None:
        """ "năm 2022 các lớp tập huấn tổ chức quý mấy?" of a plan that gives no task a time: that it gives none
        (the classes were listed without it, answered; or their count was given as if it were asked)."""
        q = turn.query
        if not (q.has("time") and re.search(r"\bquy (?:may|nao)\b", q.folded)) or q.task_numbers:
            return None
        if not turn.plans or any(t.timeline for p in turn.plans for t in p.tasks):
            return None
        if len(turn.tasks) == 1 or turn.task_how in ("number", "context", "analog", "no_analog"):
            return None  # one task's time, or the tasks talked about: their answer says the plan states none
        return turn.request(Items.TASKS, op=Op.LIST, filters=Filters(quarters=(1, 2, 3, 4)))

    def _counted_named(self, turn: Turn) -> list[Request] | None:
        """ "Là những tổ chức nào?", "kể tên ra" after a count: the same selection, listed (it was read anew
        as a plan's every task, or as the words "tổ chức" of "Tổ chức thực hiện")."""
        q = turn.query
        if not self.lexicon.has("name_the_counted", q.folded) or q.agencies or q.quarters or q.task_numbers:
            return None
        counted = [r for r in turn.context.last if r.op is Op.COUNT or r.items is Items.QUARTERS]
        if not counted or (turn.explicit and set(turn.plan_ids) != {p for r in counted for p in r.plans}):
            return None
        # ("chủ trì mấy nv, phối hợp mấy nv" then "kể ra": both)
        return [self._listed_instead(r, turn.context) for r in counted]

    @staticmethod
    def _listed_instead(counted: Request, context: Context) -> Request:
        """What "là những nhiệm vụ nào?" lists after a count: the same selection; after the quarters side by side,
        the tasks of the quarter ranked first, or of every quarter shown."""
        if counted.items is not Items.QUARTERS:
            return counted.but(op=Op.LIST)
        if counted.op in (Op.MAX, Op.MIN) and context.listed:
            return Request(
                items=Items.TASKS, op=Op.LIST, plans=counted.plans, filters=Filters(ids=tuple(context.listed))
            )
        quarters = counted.filters.quarters or (1, 2, 3, 4)
        chosen = counted.filters.model_copy(update={"quarters": quarters})
        return Request(items=Items.TASKS, op=Op.LIST, plans=counted.plans, filters=chosen)

    def _lead_just_named(self, context: Context) -> list[str]:
        """The one lead agency the last answer gave for the one task it was about ("còn năm 2022 việc tương tự do
        cơ quan nào chủ trì?" then "cơ quan đó còn chủ trì những việc nào nữa?"); none when it gave no lead."""
        asked = [r for r in context.last if r.items is Items.TASKS and Field.LEAD in r.show]
        if len(asked) != 1 or len(context.task_ids) != 1 or context.task_ids[0] not in self.index.tasks:
            return []
        leads = self.index.tasks[context.task_ids[0]].lead
        return list(leads) if len(leads) == 1 else []

    def _agencies_of_quoted_entry(self, context: Context) -> list[str]:
        """The agencies of the one "Tổ chức thực hiện" entry the last answer quoted (none when it quoted several)."""
        sections = {entry for r in context.last for entry in _quoted_entries(r)}
        if len(sections) != 1:
            return []
        plan_id, section = sections.pop()
        plan = self.index.plans.get(plan_id)
        entry = next((e for e in plan.responsibilities if e.section == section), None) if plan else None
        return list(entry.agencies) if entry else []

    def _groups_named(self, q: Query, plan_ids: Sequence[str]) -> tuple[str, ...]:
        """The groups of these plans the question numbers ("nhóm 3" is Thái Bình's "III.3"); "-" when none."""
        return tuple(
            f"{p}:{g.number}"
            for p in plan_ids
            for g in self.index.plans[p].groups
            if g.number in q.group_numbers or g.number.rsplit(".", 1)[-1] in q.group_numbers
        ) or ("-",)

    def _changed(self, r: Request, plan_ids: tuple[str, ...] | None, q: Query) -> Request | None:
        """One earlier request with its plans, agency or quarters changed (None when it cannot carry over)."""
        f = r.filters
        updates: dict[str, object] = {}
        if q.agencies and not f.agency and r.items is Items.TASKS and r.op is Op.LOOKUP and f.ids:
            # "ko, ý tôi là dòng của Sở GDĐT" after a task's money: the same asked of the task that agency leads
            led = [
                f"{p}:{t.number}"
                for p in (plan_ids or r.plans)
                for t in self.index.plans[p].tasks
                if q.agencies[0] in t.lead
            ]
            if not 0 < len(led) <= MAX_TIED or not self.lexicon.has("correction", q.folded):
                return None
            updates["ids"] = tuple(led)
        elif q.agencies:
            if not f.agency:
                return None
            updates["agency"] = q.agencies[0]
            if r.items is Items.DUTIES:  # the sections and duties picked were the other agency's
                updates |= {"ids": (), "parts": ()}
        if q.quarters:
            chosen_rows = r.items is Items.TASKS and r.op is not Op.LOOKUP and bool(f.ids)
            if not f.quarters and not chosen_rows:
                return None
            # ("cộng mấy nv đó" after the tasks of Quý I, then "ý mình là quý III-IV": the rows of those quarters)
            updates["quarters"] = tuple(q.quarters)
            if not f.quarters:
                updates["ids"] = ()
        if q.sources and f.source and len(q.sources) == 1 and f.source not in q.sources:
            # "thế còn cột NS sự nghiệp khoa học?" after a column's rows: that column's rows instead
            updates |= {"source": next(iter(q.sources)), "ids": ()}
        if q.co_leads is not None and f.agency and f.role in (Role.LEAD, Role.ANY):
            updates |= {"role": Role.LEAD, "alone": not q.co_leads}
        grouped = {self.index.tasks[i].group for i in f.ids if i in self.index.tasks}
        if q.group_numbers and not f.groups and r.op is Op.SUM and len(grouped) == 1 and None not in grouped:
            # "còn nhóm 5?" after some tasks of one group were added up: the same of the other group's tasks
            f = f.model_copy(update={"groups": tuple(f"{p}:{grouped.pop()}" for p in r.plans), "ids": ()})
        if q.group_numbers and f.groups:
            # "còn nhóm 3?" after a group's tasks: that other group of the same plans ("III.3" in Thái Bình)
            updates["groups"] = self._groups_named(q, plan_ids or r.plans)
        figures = r.figures
        if q.group_numbers and any(fig.filters.groups for fig in r.figures):
            # "còn nhóm 4?" after a group's share of the plan: that group's share
            groups = self._groups_named(q, plan_ids or r.plans)
            figures = tuple(
                fig.model_copy(update={"filters": fig.filters.model_copy(update={"groups": groups})})
                if fig.filters.groups
                else fig
                for fig in r.figures
            )
        if r.items is Items.TARGETS and len(q.years) == 1 and (plan_ids is None or plan_ids == r.plans):
            return self._targets_at(r, q.years[0])  # "ko phải, ý mình là mốc 2025 cơ" after targets
        if plan_ids is None or plan_ids == r.plans:
            changed = updates or figures != r.figures
            return r.but(filters=f.model_copy(update=updates), figures=figures) if changed else None
        if r.items is Items.PASSAGES:
            return None
        if f.ids and r.items is Items.SUPPORT:
            # "thế còn Thái Bình?" after a support answer: that plan's support for the same need,
            # found by the titles of the tasks offered (plans of two provinces word tasks apart)
            need = f" {SEPARATOR} ".join(self.index.tasks[i].title for i in f.ids if i in self.index.tasks)
            found = [i for p in plan_ids for i in self._support_tasks(need, self.index.plans[p], None)]
            if not found:
                return Request(items=Items.NOTHING, reason=Reason.NO_ANALOG, plans=plan_ids, filters=Filters(ids=f.ids))
            updates["ids"] = tuple(found)
        elif f.ids and r.items is Items.TASKS:
            refs = [TaskRef(*i.split(":", 1)) for i in f.ids if ":" in i]
            each = [self._analogs([r], list(plan_ids)) for r in refs]
            if any(each) and not all(each):
                # the tasks of an answer carried over, one with no like task there ("CDĐL Nha đam" in 2023): a task
                # of the same kind stands for it (CDĐL Thịt cừu), beside the others' own, in the answer's order
                each = [found or self._same_kind([r], list(plan_ids)) for r, found in zip(refs, each, strict=True)]
            analogs = list(dict.fromkeys(a for found in each for a in found))
            if not analogs and self.lexicon.has("correction", q.folded):
                # "không, ý tôi là kế hoạch năm 2022" after "năm 2023 làm CDĐL cho sản phẩm nào": the question was
                # meant of that plan, whose task of the same kind (CDĐL Nha đam) answers it, not "no such task"
                analogs = self._same_kind(refs, list(plan_ids))
            if not analogs:
                asked = (Field.CONTINUES,) if self._asks_whether_there(q) else ()
                # ("Còn ở Thái Bình có hỗ trợ tương tự không?" after 3.6: no like task, but one on its topic)
                return Request(
                    items=Items.NOTHING,
                    reason=Reason.NO_ANALOG,
                    plans=plan_ids,
                    filters=Filters(ids=f.ids),
                    show=asked,
                    alternatives=self._on_its_topic(refs, plan_ids),
                )
            updates["ids"] = tuple(a.id for a in analogs)
        elif f.ids:
            updates["ids"] = ()  # duties, targets, objectives of another plan: ranked anew there
            updates["parts"] = ()
        if f.groups:
            numbers = {g.split(":", 1)[1].split(".")[-1] for g in f.groups}
            updates["groups"] = tuple(
                f"{p}:{g.number}"
                for p in plan_ids
                for g in self.index.plans[p].groups
                if g.number.split(".")[-1] in numbers
            ) or ("-",)
        if f.status and not any(self.index.plans[p].has_rows for p in plan_ids):
            updates["status"] = ()  # "dòng trong bảng dự toán": a plan with no table has no rows to pick
        figures = tuple(fig.model_copy(update={"plan": plan_ids[0]}) for fig in r.figures) if r.figures else ()
        return r.but(plans=plan_ids, explicit=True, filters=f.model_copy(update=updates), figures=figures)

    def _targets_at(self, r: Request, year: int) -> Request | None:
        """The targets just shown, at another milestone of their plans: the one first shown (or compared) there
        first, then the rest of that milestone's (None when the plans set none for that year)."""
        targets = {f"{p}:{t.id}": t for p in r.plans if p in self.index.plans for t in self.index.plans[p].targets}
        at_year = [i for i, t in targets.items() if t.year == year]
        if not at_year:
            return None
        shown = [targets[i] for i in r.filters.ids if i in targets]
        first = next((t for t in shown if t.year == year), None) or (shown[0] if shown else None)
        # (the one shown, if it is of that year; then its namesakes; then the others, in the document's order)
        ids = sorted(
            at_year, key=lambda i: (targets[i] is not first, first is None or targets[i].category != first.category)
        )
        return r.but(op=Op.LIST, filters=Filters(ids=tuple(ids), year=year))

    def _names_context_agency(self, q: Query, slug: str) -> bool:
        """The message points back at the conversation's agency, or names it by its first words."""
        for m in self.lexicon.find("refer_agency", q.folded):
            said = q.shaped[m.start() : m.end()] if len(q.shaped) == len(q.folded) else ""
            # typed with marks, "số đó" (that figure) is not "sở đó" (that department)
            if not (q.accents and said.startswith("số ")):
                return True
        names = [a.name for a in self.knowledge.agencies.values() if a.slug == slug]
        heads = {" ".join(fold(n).split()[:2]) for n in names}
        return any(
            h.split()[0] not in ("so", "co", "cac", "uy") and re.search(rf"(?<!\w){re.escape(h)}(?!\w)", q.folded)
            for h in heads
            if len(h.split()) == 2
        ) or self._calls_by_head(q, slug, ambiguous=_AMBIGUOUS_HEADS + (("dai",) if self._says_long(q) else ()))

    @staticmethod
    def _says_long(q: Query) -> bool:
        """ "dài" (long), not "Đài" (the radio station): "kéo dài", or typed with marks and no "đài"."""
        return bool(re.search(r"\bkeo dai\b", q.folded)) or (q.accents and "đài" not in q.raw.lower())

    def _continues_about_agency(self, q: Query, context: Context) -> bool:
        """A question opening with "còn …" or "sang KH 2023 …" (cue nothing_new) that asks about tasks or
        duties and changes only the year or province, after an answer about one agency's: that agency."""
        things = set(self.lexicon.phrases("count_classifier"))  # "sang KH 2023 là những lớp nào": its classes
        if not self.lexicon.has("nothing_new", q.folded) or q.task_numbers or not q.changes_only_the_plan(things):
            return False  # "còn quý II thì giao những việc gì?" asks another selection, not the agency's
        if not (q.has("lead", "coop", "responsibility", "list") or self.lexicon.has("agency_role", q.folded)):
            return False
        last = [r for r in context.last if r.items in (Items.TASKS, Items.DUTIES)]
        return bool(last) and all(r.filters.agency == context.agency for r in last)

    def _one_task_selected(self, turn: Turn, found: list[Request]) -> Request | None:
        """ "Sở GD&ĐT chủ trì nhiệm vụ gì, bao nhiêu lớp, mỗi lớp bao nhiêu tiền?": an agency's tasks, counted and
        added up, that are one task, whose money per class is asked: that task, with its count and its money per class
        (a sum of one row prices no class)."""
        if not self.lexicon.has("per_unit", turn.query.folded):
            return None
        chosen = {(r.filters.agency, r.filters.role) for r in found if r.items is Items.TASKS}
        if len(chosen) != 1:
            return None
        agency, role = chosen.pop()
        ids = self.operations.tasks_naming(agency, turn.plans, role) if agency else []
        if len(ids) != 1:
            return None
        plan = [p for p in turn.plans if ids[0].startswith(f"{p.id}:")]
        show = (Field.CONTENT, Field.QUANTITY, Field.AVERAGE, Field.BUDGET)
        return turn.request(Items.TASKS, plans=plan, filters=Filters(ids=tuple(ids)), show=show)

    def _asks_partners_of_duties(self, q: Query, context: Context) -> bool:
        """ "Phối hợp với những sở nào?" and nothing else, after one agency's duties were quoted: with whom that
        agency works, which its duties say; no task was talked about to ask it of."""
        if q.content_tokens or q.task_numbers or context.task_ids or not q.has("coop"):
            return False
        last = [r for r in context.last if r.items is not Items.NOTHING]
        return bool(last) and all(r.items is Items.DUTIES and r.filters.agency == context.agency for r in last)

    # ------------------------------------------------------------------ plans
    def _talked_province(self, q: Query, context: Context) -> str | None:
        """The province the conversation is about, when the question names none but a plan year of its
        own (a province with a plan per year)."""
        if q.provinces or q.plan_numbers or q.unplanned:
            return None
        pid = context.plan_id or (context.plans_seen[-1] if context.plans_seen else None) or context.default_plan_id
        plan = self.index.plans.get(pid or "")
        if plan is None or plan.year_start != plan.year_end:
            return None
        return plan.province_id

    def _both_years_talked_about(self, q: Query, context: Context) -> list[Plan]:
        """ "giữa hai năm", "cả 2 kế hoạch" with no year named: the two plans of one province the conversation has
        been about, in their order (none when it has not been about two)."""
        if q.years or q.plan_numbers or not _BOTH_PLANS_RE.search(q.folded):
            return []
        seen = [self.index.plans[p] for p in dict.fromkeys(reversed(context.plans_seen)) if p in self.index.plans][:2]
        if len(seen) != 2 or seen[0].province_id != seen[1].province_id:
            return []
        if q.provinces and seen[0].province_id not in q.provinces:
            return []
        return sorted(seen, key=lambda p: p.year_start)

    def _resolve_plans(self, q: Query, context: Context) -> tuple[list[Plan], bool, Request | None]:
        """(plans, explicit, a request saying what is missing): explicit selectors, then context, then all."""
        every = list(self.index.plans.values())
        nothing = self._places(q, every)
        if nothing is not None:
            return [], True, nothing
        cands = every
        explicit = False
        both = self._both_years_talked_about(q, context)
        if both:
            return both, True, None  # "nhiệm vụ CDĐL giữa hai năm có đổi sản phẩm không?"
        if q.provinces:
            cands = [p for p in cands if p.province_id in q.provinces]
            explicit = True
        if q.plan_numbers:
            numbered = [p for p in cands if p.number and p.number.split("/")[0].strip() in q.plan_numbers]
            if numbered:
                # "KH SHTT 2023 của Ninh Thuận, … KH 160 của Thái Bình": the numbered plan stands for its province
                others = [p for p in cands if q.provinces and p.province_id not in {n.province_id for n in numbered}]
                cands, explicit = numbered + others, True
        plan_years = [
            y
            for y in q.years
            if any(p.year_start <= y <= p.year_end for p in every)
            or not any(y in (p.horizon, *(t.year for t in p.targets)) for p in every)
        ]
        # "Chiến lược SHTT đến 2030 …" with no province and no plan talked about: the plans that aim at 2030
        unplaced = not q.provinces and not q.plan_numbers and not (context.plan_id or context.default_plan_id)
        aimed = self._aimed_plans(q, cands, unplaced=unplaced)
        if aimed:
            # "chỉ tiêu đến 2025 của Bạc Liêu": its 2016–2020 plan's target year, whoever else plans 2025
            # (a second province named keeps its own plans: "Ninh Thuận 2023 và Thái Bình đến 2030")
            aimed_at = {p.province_id for p in aimed}
            others = [p for p in cands if q.provinces and p.province_id not in aimed_at]
            cands, explicit = aimed + others, True
            plan_years = [y for y in plan_years if any(p.year_start <= y <= p.year_end for p in aimed)]
        if not plan_years:
            plan_years = self._relative_year(q, context)
            if plan_years:  # counted from the conversation's plan: a year of the same province
                cands = [p for p in cands if p.province_id in q.provinces]
        elif len(plan_years) == 1:
            # "năm 2023 ít hơn năm trước bao nhiêu?": the year named and the one before (or after) it
            step = (
                0
                if q.borrowed
                else -1
                if self.lexicon.has("year_before", q.folded)
                else 1
                if self.lexicon.has("year_after", q.folded)
                else 0
            )
            if step and any(p.year_start == p.year_end == plan_years[0] + step for p in every):
                plan_years = [plan_years[0], plan_years[0] + step]
            elif self.lexicon.has("difference", q.folded) and not q.provinces:
                # "vậy năm 2023 giảm bao nhiêu tiền?" after both years' totals: against the other year just given
                shown = {p for r in context.last for p in r.plans if p in self.index.plans}
                years = {
                    self.index.plans[p].year_start
                    for p in shown
                    if self.index.plans[p].year_end == self.index.plans[p].year_start
                }
                if len(shown) == 2 and plan_years[0] in years and len(years) == 2:
                    plan_years = [plan_years[0], *(y for y in years if y != plan_years[0])]
        if plan_years:
            annual = [p for p in cands if p.year_start == p.year_end and p.year_start in plan_years]
            ranged = [p for p in cands if any(p.year_start <= y <= p.year_end for y in plan_years)]
            multi = [p for p in ranged if p.year_start != p.year_end]
            # "giai đoạn 2016-2020", "đến năm 2020": the multi-year plan, not the annual plan of 2020
            chosen = multi if multi and self.lexicon.has("plan_span", q.folded) else annual or ranged
            if len(q.provinces) > 1:
                # "KH Thái Bình và KH 2023 của Ninh Thuận": each province's plan for the year, annual or not
                chosen = [
                    p
                    for pid in sorted({c.province_id for c in cands})
                    for p in (
                        [a for a in annual if a.province_id == pid] or [r for r in ranged if r.province_id == pid]
                    )
                ]
            talked = self._talked_province(q, context)
            if talked and chosen:
                # "năm 2024 thì sao" in a conversation about Ninh Thuận: Ninh Thuận's plan of that year, or
                # none; never another province's plan that happens to cover the year
                cands = [p for p in cands if p.province_id == talked]
                chosen = [p for p in chosen if p.province_id == talked]
            # (a year inside a date, "Quyết định 2367 ngày 21/12/2021", or a deadline, "kéo dài đến năm 2025",
            # names no plan)
            bare = {int(y) for y in _BARE_YEAR_RE.findall(q.raw)}
            uncovered = [
                y
                for y in plan_years
                if y in bare
                and self._names_plan_year(q.folded, y)
                and not any(p.year_start <= y <= p.year_end for p in cands)
                and not self._baseline_of_target(q.folded, y, chosen)
            ]
            if chosen and uncovered and (q.provinces or talked):
                # "Kế hoạch năm 2024 của Ninh Thuận có gì mới so với năm 2023?": no 2024 plan to compare,
                # never the 2023 plan alone as if it answered
                chosen = []
                plan_years = uncovered
            if not chosen:
                where = tuple(sorted({p.province for p in cands})) if q.provinces or talked else ()
                nothing = Request(
                    items=Items.NOTHING,
                    reason=Reason.NO_PLAN,
                    filters=Filters(words=where, year=plan_years[0]),
                )
                return cands, True, nothing
            cands, explicit = chosen, True
        if explicit and len(cands) > 1 and q.provinces and not q.years and len(plan_years) < 2:
            # "quay lại Ninh Thuận": of that province's plans, the one the conversation was about
            seen = [pid for pid in reversed(context.plans_seen) if any(p.id == pid for p in cands)]
            if seen:
                return [self.index.plans[seen[0]]], True, None
        if explicit:
            return cands, True, None
        figured = self._plans_of_amount(q, cands)
        if figured:
            return figured, True, None  # "3.832.600.000 đồng đó gồm những nguồn nào?": the plan it is the total of
        if self.lexicon.has("every_plan", q.folded) or self.lexicon.has("which_plan", q.folded):
            # "trong cả 3 kế hoạch, …", "kế hoạch nào có chỉ tiêu về …": all of them, not the one talked about
            return every, True, None
        for pid in (context.plan_id, context.default_plan_id):
            if pid and pid in self.index.plans:
                return [self.index.plans[pid]], False, None
        return every, False, None

    @staticmethod
    def _plans_of_amount(q: Query, cands: list[Plan]) -> list[Plan]:
        """The one plan whose total, stated source amount or printed table total a figure in the question is
        (none when no figure is, or several plans print it): a plan-level figure names its plan as its year would."""
        said = set()
        for m in _MONEY_RE.finditer(q.folded):
            if re.search(r"\b(?:tren|duoi|den|hon|khoang|tu|toi|qua|vuot|gan)\s*$", q.folded[: m.start()]):
                continue  # "có đến 2 tỷ không", "dưới 40 triệu": a threshold, no plan's figure
            value = amount_of(m.group(1))
            if value is not None:
                said.add(value * _MILLIONS_IN[m.group(2)])
        if not said:
            return []
        found = [
            p
            for p in cands
            if said
            & {a for a in (p.budget.total, *(s.amount for s in p.budget.sources), *_printed(p)) if a is not None}
        ]
        return found if len(found) == 1 else []

    @staticmethod
    def _aimed_plans(q: Query, cands: list[Plan], *, unplaced: bool = False) -> list[Plan]:
        """The named province's multi-year plans that set targets for a year none of its plans runs in; with
        ``unplaced`` (no province named nor talked about), any province's, for a year no plan runs in."""
        if not (q.provinces or unplaced) or not q.years:
            return []
        spanned = {y for y in q.years if any(p.year_start <= y <= p.year_end for p in cands)}
        return [
            p for p in cands if p.year_start != p.year_end and any(y in _aims(p) and y not in spanned for y in q.years)
        ]

    def _places(self, q: Query, every: list[Plan]) -> Request | None:
        """Places named: a district puts the question in its province's plans; a province with no
        plan gets a plain "no plan" (its merger noted when a planned province is now part of it)."""
        every_plan = len(every) == len(self.index.plans)  # (as it always is: made once, not on every question)
        by_province = self.index.province_ids if every_plan else {fold(p.province): p.province_id for p in every}
        # a name in quotes is a product's or a mark's (chỉ dẫn địa lý “Bình Thuận”), not a place asked about
        unquoted = re.sub(r"“[^”]*”|\"[^\"]*\"", lambda m: " " * len(m.group(0)), f"{q.lead_raw} {q.raw}")
        matches, said = self._place_words(unquoted, every)
        if matches:
            self._places_ask_nothing(q, [form for form, _ in matches])
        q.content = _without(q.content, said)
        q.full_content = _without(q.full_content, said)
        q.content_tokens = self.index.content_tokens(q.content)
        planned: set[str] = set()
        foreign: list[Place] = []
        said_all = fold(f"{q.lead_raw} {q.raw}")
        aside: list[Place] = []  # planned provinces named only in brackets, beside another the plan is asked of
        raw_all = f"{q.lead_raw} {q.raw}"
        brackets = [m.span() for m in re.finditer(r"\([^()]*\)", raw_all)]
        outside = blank(aligned(raw_all), brackets)
        for form, place in matches:
            pid = by_province.get(fold(place.province))
            mentions = [m.start() for m in re.finditer(rf"\b{re.escape(form)}\b", said_all)]
            if mentions and all(self._denied.search(said_all[:at][-30:]) for at in mentions):
                # "phần Khánh Hòa cũ, không phải Ninh Thuận sáp nhập vào": the place denied is not asked about
                # (but "em không phải người Ninh Thuận, nhưng kế hoạch của Ninh Thuận …" asks about it)
                q.provinces.discard(pid or "")
                continue
            merged = [self._merged_away.match(said_all[at + len(form) : at + len(form) + 40]) for at in mentions]
            if mentions and place.kind == "province" and all(m and said_all.count(m.group(1)) > 1 for m in merged):
                # "Giờ Thái Bình nhập vào Hưng Yên rồi, kế hoạch … của tỉnh Hưng Yên …": named as merged away, the
                # province it went into named again is the one asked about
                q.provinces.discard(pid or "")
                continue
            if brackets and place.kind == "province" and not re.search(rf"\b{re.escape(form)}\b", outside):
                aside.append(place)  # "Phan Thiết, Bình Thuận (hồi trước chung tỉnh với Ninh Thuận)": an aside
                continue
            if pid and not (place.kind == "province" and place.former and fold(place.name) not in by_province):
                planned.add(pid)
            elif place.kind != "province" and pid is None and (after := self._since_merger(place, every)):
                planned.add(after)  # "Hải Hậu" (Nam Định's before 2025): the plan of the province it is part of now
            elif not (pid and place.kind == "province"):
                foreign.append(place)
        for place in list(aside):
            # "ở Khánh Hòa (Ninh Thuận cũ)": the former province in brackets is the one whose plans are asked
            pid = by_province.get(fold(place.province))
            went_into = [f for f in foreign if fold(place.province) in map(fold, f.former)]
            name = re.escape(fold(place.province))
            # (said as the same place: "(Ninh Thuận cũ)", "(trước là Ninh Thuận)"; not "(sau khi sáp nhập Thái Bình)")
            same_place = rf"\b{name} cu\b|\b(?:truoc day|truoc|tung|von) (?:la|thuoc) (?:tinh )?{name}\b"
            if pid and went_into and re.search(same_place, fold(raw_all)):
                planned.add(pid)
                foreign = [f for f in foreign if f not in went_into]
                aside.remove(place)
        if not foreign and not planned:  # only asides: they are what the message is about after all
            for place in aside:
                pid = by_province.get(fold(place.province))
                if pid:
                    planned.add(pid)
                else:
                    foreign.append(place)
        elif aside:
            q.provinces -= {by_province.get(fold(place.province), "") for place in aside}
        q.provinces |= planned
        if planned and not q.agencies and q.has("responsibility"):
            self._district_as_its_council(q, matches)
        if q.provinces or not foreign:
            # "Ninh Thuận (nay thuộc Khánh Hòa)": the new province a planned one went into needs no note
            unplanned = [f for f in foreign if not any(fold(x) in by_province for x in f.former)]
            q.unplanned = tuple(dict.fromkeys(f.name if f.kind == "province" else f.province for f in unplanned))
            return None
        # the new province a planned one merged into is named first: the merger note is about it
        foreign.sort(key=lambda f: not f.former)
        merged = [p.id for p in every if any(fold(p.province) in map(fold, f.former) for f in foreign)]
        words = tuple(dict.fromkeys(f.name if f.kind == "province" else f.province for f in foreign))
        return Request(items=Items.NOTHING, reason=Reason.NO_PLAN, plans=tuple(merged), filters=Filters(words=words))

    def _places_ask_nothing(self, q: Query, forms: list[str]) -> None:
        """A place's name asks nothing: the cues only its words fired are dropped ("Huyện Bác Ái được giao bao
        nhiêu tiền": its "Ái" folds to "ai", and "ai được giao" asks who leads)."""
        spans = [m.span() for form in forms for m in re.finditer(rf"\b{re.escape(form)}\b", q.folded)]
        if not spans:
            return
        # each letter of the name made a letter of no word, so the words around it keep their places
        folded, shaped = q.folded, q.shaped
        for start, end in spans:
            folded = folded[:start] + re.sub(r"\w", "x", folded[start:end]) + folded[end:]
            if len(shaped) == len(q.folded):
                shaped = shaped[:start] + re.sub(r"\w", "x", shaped[start:end]) + shaped[end:]
        before = self.lexicon.asked(blank(q.folded, q.scope_spans), blank(q.shaped, q.scope_spans), q.accents)
        after = self.lexicon.asked(blank(folded, q.scope_spans), blank(shaped, q.scope_spans), q.accents)
        q.cues -= before - after

    def _district_as_its_council(self, q: Query, matches: list[tuple[str, Place]]) -> None:
        """ "huyện Kiến Xương thì có trách nhiệm gì …": a district opening a question about duties stands for its
        council, which the plans name among all districts' ("UBND các huyện, thành phố"), not for a place."""
        for form, place in matches:
            if place.kind == "district" and re.match(
                rf"^(?:con |the |vay |o )?(?:huyen|thi xa|thanh pho|tp) {re.escape(form)}\b", q.folded
            ):
                q.agencies = self.index.find_agencies("UBND huyện")[:1]  # as the registry names it
                return

    @staticmethod
    def _since_merger(place: Place, every: Collection[Plan]) -> str | None:
        """The province a place is part of since 1 July 2025, when a plan of it was issued after that day (it covers
        the provinces merged into it); None otherwise."""
        if not place.now or fold(place.now) == fold(place.province):
            return None
        made_after = [
            p
            for p in every
            if fold(p.province) == fold(place.now)
            and (p.issued >= _MERGER_DAY if p.issued else p.year_start > _MERGER_DAY.year)
        ]
        return made_after[0].province_id if made_after else None

    def _place_words(self, text: str, every: Collection[Plan]) -> tuple[list[tuple[str, Place]], list[str]]:
        """The places a text names, and the words that name them: a place's words choose a plan,
        never a task ("nho ở Phan Rang" is about grapes)."""
        matches = self.places.matches(
            text,
            self._common,
            lower_districts=self.index.provinces_in_force
            if len(every) == len(self.index.plans)  # (as it always is: made once, not on every question)
            else {p.province for p in every if p.id in self.index.in_force},
            pairs=self._pairs,
        )
        said = [f"{word} {form}" for form, _ in matches for word in PLACE_WORDS] + [form for form, _ in matches]
        said += [f"{form} cu" for form, _ in matches]  # "Ninh Thuận cũ": the old province, before 2025
        return matches, said

    def _relative_year(self, q: Query, context: Context) -> list[int]:
        """'năm ngoái', 'năm sau': a year counted from the conversation's plan (one of the same province)."""
        before, after = self.lexicon.has("year_before", q.folded), self.lexicon.has("year_after", q.folded)
        seen = [self.index.plans[p] for p in context.plans_seen[-2:] if p in self.index.plans]
        if before and after and len(seen) == 2 and seen[0].province_id == seen[1].province_id:
            # "năm sau ít hơn năm trước bao nhiêu": the two years the conversation has been about
            q.provinces = q.provinces or {seen[0].province_id}
            return sorted({p.year_start for p in seen})
        base = self.index.plans.get(context.plan_id or "")
        if context.task_ids and self.lexicon.has("refer", q.folded):
            # "năm ngoái ai chủ trì việc đó?": counted from the plan of the task referred to
            base = self.index.plans.get(context.task_ids[0].split(":", 1)[0], base)
        if base is None or base.year_start != base.year_end:
            return []
        step = -1 if self.lexicon.has("year_before", q.folded) else 1 if self.lexicon.has("year_after", q.folded) else 0
        if not step:
            return []
        year = base.year_start + step
        # "năm ngoái" said twice in a conversation about 2023 (the first took it to 2022): still 2022, the
        # year before the latest plan of the province talked about
        latest = max(
            (
                p.year_start
                for p in map(self.index.plans.get, context.plans_seen)
                if p and p.province_id == base.province_id and p.year_start == p.year_end
            ),
            default=base.year_start,
        )
        if step == -1 and latest == base.year_start + 1:
            year = base.year_start
        if not q.provinces:
            q.provinces = {base.province_id}
        return [year]

    # ------------------------------------------------------------------ matching helpers
    def _good(self, turn: Turn, hits: list[Hit], threshold: float = TASK_MATCH) -> list[Hit]:
        """Hits that explain enough of the question, with enough evidence, near the best one.

        Rare words are evidence enough for a lower share ("Google, Facebook" names one task).
        """
        if not hits or hits[0].evidence < MIN_EVIDENCE:
            return []
        if hits[0].score < threshold and not (
            hits[0].score >= RARE_MATCH and hits[0].evidence >= RARE_EVIDENCE and not turn.unknown_words
        ):
            return []
        top = hits[0].score
        # hits come best first: read them only as far as they tie (a ranking makes them as far as it is read)
        good = [h for h in itertools.takewhile(lambda h: h.score >= top - TIE, hits) if h.evidence >= MIN_EVIDENCE]
        if not turn.explicit:
            # no plan named, found alike in a plan in force and in earlier plans worded as it: the one in force
            # (see ipbot.plans.cycles)
            good = [h for h in good if h.item.plan_id in self.index.in_force] or good
        return good

    def _is_topic(self, turn: Turn) -> bool:
        """The leftover words name a topic some task is really about (not stray words)."""
        q = turn.query
        if not q.content_tokens:
            return False
        return bool(self._good(turn, self.index.rank_tasks(q.content, turn.plan_ids), 0.5))

    def _strong_task(self, turn: Turn) -> bool:
        hits = self.index.rank_tasks(turn.query.content, turn.plan_ids)
        return bool(hits) and hits[0].score >= STRONG_MATCH

    def _covers(self, turn: Turn, task: Task) -> bool:
        grams = self.index.query_grams(turn.query.content)[1]
        return self.index.coverage(grams, self.index.doc_grams(task_text(task)))[0] > 0

    def _task(self, ref: TaskRef) -> Task:
        return self.index.tasks[ref.id]

    # ------------------------------------------------------------------ tasks
    def _find_tasks(self, turn: Turn) -> None:
        """Tasks the question names by number, by content, or (follow-up) from context."""
        q = turn.query
        plan_ids = list(turn.plan_ids)
        bracketed = self._bracketed_tasks(turn, plan_ids)
        if bracketed:  # "ba lớp (lớp tại trạm IP Platform, lớp cho cán bộ thực thi, lớp bồi dưỡng chuyên sâu)"
            turn.tasks, turn.task_how, turn.named_one_by_one = bracketed, "content", True
            return
        if q.task_numbers or q.group_numbers:
            refs = self.index.find_numbered_tasks(q.task_numbers + q.group_numbers, plan_ids)
            if not refs and not turn.explicit and q.task_numbers:
                # (a group's number alone stays in the conversation's plan: "còn nhóm thứ hai?" of Thái Bình
                # is its group III.2, not another plan's task "2")
                refs = self.index.find_numbered_tasks(q.task_numbers + q.group_numbers, list(self.index.plans))
            named = {r.plan_id for r in refs}
            grouped = {p.id for p in turn.plans for g in p.groups if g.number in q.group_numbers}
            if refs and not q.task_numbers and grouped - named:
                # "nhóm 4 năm 2023 có thêm gì so với năm 2022": a group in each year (2022's is its task "4"), not
                # the one year whose task has that number
                refs = []
            if refs:
                if _JOINED_RE.search(q.folded):  # "nhiệm vụ 1.1 và lớp tập huấn tại trạm IP Platform"
                    refs = list(dict.fromkeys([*refs, *self._each_subject(turn, plan_ids, TASK_MATCH)]))
                if len(refs) == 1 and self.lexicon.has("two_sides", q.folded):
                    refs = self._other_side(turn, plan_ids, refs[0])
                named = {r.plan_id for r in refs}
                turn.plans = [p for p in turn.plans if p.id in named] or turn.plans
                turn.tasks, turn.task_how = refs, "number"
                return
        # the n-th task of a group ("trong nhóm khai thác TSTT năm 2022, nhiệm vụ thứ hai là gì?"), of the tasks a
        # preamble names ("Mình theo dõi 2 nv: CDĐL thịt cừu và hỗ trợ OCOP. Nv thứ 2 ấy quý mấy?"), of a plan or its
        # table ("kh 2023, nv đầu tiên trong bảng dự toán là gì?")
        for nth in (self._ordinal_in_group, self._ordinal_in_lead, self._ordinal_in_plan):
            found = nth(turn)
            if found:
                turn.tasks, turn.task_how = found, "number"
                return
        ordinals = self._ordinals(turn)
        if ordinals:  # "cái thứ hai thì phối hợp với những ai?", "còn cái thứ 2 thì đăng trên kênh nào"
            turn.tasks, turn.task_how = ordinals, "context"
            return
        behind = self._task_behind_target(turn)
        if behind:  # "cái đó ai làm?" after an annual plan's target: the task whose count it is
            turn.tasks, turn.task_how = behind, "context"
            return
        talked = [TaskRef(*t.split(":", 1)) for t in turn.context.task_ids if t.split(":", 1)[0] in plan_ids]
        if talked and q.has("quantity") and q.content_tokens and set(q.content_tokens) <= self._target_words:
            # "chỉ tiêu mấy nhiệm vụ, ai chủ trì?" after a task: its planned count, not a task citing "chỉ tiêu"
            turn.tasks, turn.task_how = self._with_its_like(turn, talked)
            return
        picked = self._one_of_listed(turn)
        if picked:  # "cái tập huấn thì phối hợp với những ai?" after a list of two tasks, one of them a class
            turn.tasks, turn.task_how = picked, "context"
            return
        members = self._group_asked_about(turn)
        if members:  # "nhóm nhiệm vụ phát triển các hoạt động hỗ trợ về SHTT do ai chủ trì": its tasks
            turn.tasks, turn.task_how = members, "content"
            return
        pointed_away = turn.context.task_ids and not q.has("refer") and not q.has("list")
        by_task = any(t.lead for p in turn.plans for t in p.tasks)  # (a plan by agency finds its entry by the task)
        if pointed_away and by_task and self.lexicon.has("duties_part_named", q.folded):
            # "nhưng phần tổ chức thực hiện lại giao cho đài với báo chủ trì tin bài mà?" after a task's lead: that
            # part's entries are asked, however well the task's words fit
            return
        # "còn năm sau thì sao, chỉ tiêu và cơ quan chủ trì có đổi không" after a task: its words are the parts asked
        # of that task (or its like), not a task citing "chỉ tiêu"
        parts_only = (
            bool(turn.context.task_ids)
            and set(q.content_tokens) <= self._target_words
            and self.lexicon.has("nothing_new", q.folded)
        )
        if q.content_tokens and not parts_only:
            hits = self._task_hits(turn, q.content, plan_ids) or self._each_subject(turn, plan_ids)
            if len(hits) > 1 and q.lead_raw and self._refers_to_one(q):
                hits = hits[:1]  # "…có nhiệm vụ KH&CN cấp TW…. Nv đó tổng kp bn?": the one the preamble named
            # (the tasks of an answer about tasks: not those a source's answer named in passing)
            about_tasks = any(
                r.items is Items.TASKS or r.filters.ids or any(x.filters.ids for x in r.figures)
                for r in turn.context.last
            )
            talked = [h for h in hits if h.id in turn.context.task_ids] if about_tasks else []
            if (
                len(hits) > 1
                and 0 < len(talked) < len(hits)
                and not q.has("list")
                and not self.lexicon.has("count", q.folded)
            ):
                hits = talked  # words several tasks share ("trung ương"), one of them the task talked about: that one
            each = self.lexicon.has("each_named", q.folded) and _JOINED_RE.search(fold(q.lead_subject))
            joined = _JOINED_RE.search(q.folded) or each
            if len(hits) == 1 and joined:
                # "nhiệm vụ KH&CN cấp trung ương và kế hoạch hỗ trợ … xuất khẩu": each named outright (or by the
                # preamble: "… có nhiệm vụ về nha đam (năm 2022) và về thịt cừu (năm 2023). Mỗi việc …?")
                both = self._each_subject(turn, plan_ids, STRONG_MATCH)
                hits = both if len(both) > 1 else hits
            refers = turn.context.task_ids and q.has("refer")
            talked = set(turn.context.task_ids) | set(turn.context.listed)
            earlier = [h for h in hits if h.id in turn.context.tasks_seen]
            if earlier and q.has("refer") and not any(h.id in talked for h in hits):
                # "quay lại Ninh Thuận, lớp học sinh đó …": the one talked about before another plan came between
                turn.tasks, turn.task_how = earlier[:1], "context"
                return
            if hits and q.has("refer") and not any(h.id in talked for h in hits):
                moved = self._referred_in_other_plan(turn, talked, plan_ids)
                if moved:
                    # "Sang 2023 thì cái lớp tập huấn kia …": the one talked about in the other year, here
                    turn.tasks, turn.task_how = moved, "context"
                    return
            if hits and refers and _JOINED_RE.search(q.folded):
                # "nhiệm vụ đó với nhiệm vụ thịt cừu": the task discussed and the one named
                here = [TaskRef(*t.split(":", 1)) for t in turn.context.task_ids if t.split(":", 1)[0] in plan_ids]
                turn.tasks, turn.task_how = list(dict.fromkeys([*here, *hits])), "content"
                return
            if hits and refers:
                # "nhiệm vụ khảo sát kia": the words inside the reference name which of the tasks talked about
                talked = set(turn.context.task_ids) | set(turn.context.listed)
                among = [h for h in hits if h.id in talked]
                # words the task talked about does not have ("lớp tập huấn đó" it has), or that name another
                # task outright ("việc truyền thông trạm đó trên Google, Facebook"): another task is meant
                grams = self.index.query_grams(q.content)[1]
                talked_cover = max(
                    (
                        self.index.coverage(grams, self.index.doc_grams(task_text(self.index.tasks[t])))[0]
                        for t in turn.context.task_ids
                        if t in self.index.tasks
                    ),
                    default=0.0,
                )
                top = self.index.rank_tasks(q.content, plan_ids)[:2]
                alone = len(top) == 1 or (len(top) > 1 and top[0].score - top[1].score >= TIE)  # one task, no tie
                outright = (
                    bool(top)
                    and alone
                    and top[0].item.id not in talked
                    and top[0].score >= talked_cover + OUTRIGHT_LEAD
                )
                named = self._names_inside_reference(q) and (not talked_cover or outright)
                # ("nghe nói năm 2022 có nhiệm vụ về tri thức truyền thống. Nhiệm vụ đó …": the preamble's task)
                if among or named or q.lead_subject:
                    turn.tasks, turn.task_how = among or hits, "content"
                    return
            talked = self._talked_about(turn, hits) if not refers and q.has(*TASK_FACETS) else []
            if talked:  # "Và cột ghi chú nói đăng ký đề xuất nguồn vốn …?": words of the task talked about
                turn.tasks, turn.task_how = talked, "context"
                return
            if hits and not refers:
                turn.tasks, turn.task_how = self._in_each_plan(turn, hits), "content"
                turn.tasks = self._beside_talked_about(turn, turn.tasks)
                return
            weak = len(q.content_tokens) <= 2 and q.has(*TASK_FACETS) and not q.has("list")
            # "năm trước thì sao, chỉ tiêu bn sp, sở nào chủ trì?": another year of the task talked about, its parts
            follow_on = self.lexicon.has("other_year_opener", q.folded) and q.has(*TASK_FACETS) and not q.has("list")
            # "chỉ tiêu số sp 2 năm khác nhau ntn": a part of the task talked about, the two years set side by side
            compared = q.has("compare") and len(plan_ids) == 2 and q.has("targets", "quantity", *TASK_FACETS)
            if not (q.has("refer") or weak or follow_on or compared):
                return
            if self._points_at_its_own_words(q, plan_ids):
                return  # "đưa nước mắm đi hội nghị, triển lãm … các hoạt động này": the ones said
            if follow_on:
                turn.elsewhere = []  # (its words were the parts asked, "bn sp", which name no task elsewhere)
        # "tổng kinh phí bao nhiêu, riêng năm 2023 bố trí được bao nhiêu?" about the task discussed, in its own
        # plan: the task's two columns
        own_columns = any(t.split(":", 1)[0] in plan_ids for t in turn.context.task_ids) and (
            self.lexicon.has("allocation_measure", q.folded) or self.lexicon.has("remaining", q.folded)
        )
        task_words = q.has("refer", "time", "lead", "coop", "quantity")
        if self.lexicon.has("plan_total", q.folded) and not task_words and not own_columns:
            # "còn năm 2022 thì tổng kinh phí là bao nhiêu?": the plan's total, not the task's ("tổng thời
            # gian bao lâu, tổng kp bn" asks the task's own parts)
            return
        last = turn.context.last
        # (a source's answer lists the tasks drawing on it: "tiền đó dành cho nhiệm vụ nào" is about them)
        plans_money = all(r.items is Items.BUDGET or (r.items is Items.SOURCES and not r.filters.source) for r in last)
        of_tasks = any(r.filters.ids or any(f.filters.ids for f in r.figures) for r in last)  # (a task's share)
        if last and plans_money and not of_tasks and not q.has("refer"):
            return  # "vậy giảm bn" after the plans' totals: those totals, not a task talked about before them
        if q.agencies and self.lexicon.has("duties_part_named", q.folded):
            # "theo phần tổ chức thực hiện, UBND huyện có phải tự bố trí kinh phí …?": what that part gives the
            # agency named, not a part of the task talked about
            return
        asks_support = self.lexicon.has("support", q.folded) and self.lexicon.needs_in(q.folded)
        if asks_support and not q.has("refer") and not q.content_tokens:
            return  # "còn lớp tập huấn nào cho mình không": support for a need of its own, not the task talked about
        ctx_ids = turn.context.task_ids
        if not ctx_ids and (q.has("refer") or self.lexicon.has("refer_list", q.folded)):
            ctx_ids = turn.context.listed  # "2 việc đó", "các nhiệm vụ trên": what the last list named
        elif len(ctx_ids) == 1 and len(turn.context.listed) > 1 and self.lexicon.has("refer_list", q.folded):
            # "mấy lớp đó" after a list and the top of a ranking of it: the list, not the one on top
            ctx_ids = turn.context.listed
        several = self._several_referred(q)
        if several and len(ctx_ids) != several and len(turn.context.listed) == several:
            # "ba lớp đó cộng lại" after a list of three classes, then a question on one of them: the three
            ctx_ids = turn.context.listed
        if several and len(ctx_ids) < several:
            # "hai việc đó cộng lại" after one task, then another: the tasks of the last turns, if of one plan
            seen = turn.context.tasks_seen[-several:]
            if len(seen) == several and len({t.split(":", 1)[0] for t in seen}) == 1:
                ctx_ids = seen
        bare = not q.content_tokens and q.has(*TASK_FACETS) and not q.has("list")
        if not ctx_ids and bare and 0 < len(turn.context.listed) <= _FEW_LISTED:
            ctx_ids = turn.context.listed  # "ai chủ trì?" after a list of two tasks: each of them
        ctx_tasks = [TaskRef(*t.split(":", 1)) for t in ctx_ids]
        if not ctx_tasks:
            return
        here = [t for t in ctx_tasks if t.plan_id in plan_ids]
        if here:
            turn.tasks, turn.task_how = self._with_its_like(turn, here)
        elif turn.explicit:
            analogs = self._analogs(ctx_tasks, plan_ids)
            if not analogs and (q.has("list") or self._asked_what_again(turn, ctx_ids)):
                # "CDĐL năm 2022 làm cho sản phẩm nào? 2023 thì cho sản phẩm nào?" (or only "thế năm 2023?"): no
                # same task, but the other plan's task of the same kind is what "which" asks for
                analogs = self._same_kind(ctx_tasks, plan_ids)
            if analogs and q.has("compare"):
                # "còn năm sau thì sao, chỉ tiêu và cơ quan chủ trì có đổi không": the task and its like, side by side
                turn.plans = [*(self.index.plans[p] for p in dict.fromkeys(t.plan_id for t in ctx_tasks)), *turn.plans]
                analogs = [*ctx_tasks, *analogs]
            turn.tasks, turn.task_how = (analogs, "analog") if analogs else (ctx_tasks, "no_analog")
        if turn.tasks:
            # "còn năm 2022 thì việc hỗ trợ tương tự …": the task talked about (or its analog) is what its words
            # described, not a task another plan has for them
            turn.elsewhere = []

    def _with_its_like(self, turn: Turn, talked: list[TaskRef]) -> tuple[list[TaskRef], str]:
        """The tasks talked about, as the question takes them up: with their like in the other plan when it sets
        two plans side by side ("chỉ tiêu số sp 2 năm khác nhau ntn" after 2023's OCOP task: 06 in 2022, 05 in
        2023), not the two plans as wholes."""
        plan_ids = list(turn.plan_ids)
        others = [p for p in plan_ids if all(t.plan_id != p for t in talked)]
        if turn.query.has("compare") and len(plan_ids) == 2 and others:
            analogs = self._analogs(talked, others)
            if analogs:
                return [*talked, *analogs], "analog"
        return talked, "context"

    def _duties_on_task_talked_about(self, turn: Turn) -> list[Request]:
        """ "phần tổ chức thực hiện có nói khác không", "… giao ai làm việc này" after one task: the entries of that
        part its own words point to (it may give the same work to others: 2023's news on IP is the broadcaster's
        there, the table's task 5.4 Sở KH&CN's); nothing when the question names words or agencies of its own."""
        q = turn.query
        if not self.lexicon.has("duties_part_named", q.folded) or q.content_tokens or q.agencies or q.task_numbers:
            return []
        talked = [TaskRef(*t.split(":", 1)) for t in turn.context.task_ids if t.split(":", 1)[0] in turn.plan_ids]
        if len(talked) != 1:
            return []
        task = self._task(talked[0])
        ranked = self.index.rank_passages(task_text(task), [talked[0].plan_id], ["responsibility"])[: MAX_TIED + 2]
        # (a task's whole text matches every entry a little: the entries that share the most specific word pairs
        # with it, "phát thanh truyền hình", not one sharing "ngân sách")
        pairs = [(len(self.index.specific(h.matched)), h) for h in ranked if isinstance(h.item, Passage)]
        most = max((n for n, _ in pairs), default=0)
        best = [h.item for n, h in pairs if n == most][:MAX_TIED] if most else []
        return self._passages(turn, best) if best else []

    def _points_at_its_own_words(self, q: Query, plan_ids: list[str]) -> bool:
        """ "… hội nghị, triển lãm, kết nối cung - cầu thì năm đó sở nào được giao tổ chức các hoạt động này?": the
        pointing words come after words of the message's own that one duty entry clearly explains, which they mean."""
        m = next(self.lexicon.find("refer", q.folded), None)
        if m is None:
            return False
        said = q.raw[: m.start()] if len(q.raw) == len(q.folded) else q.folded[: m.start()]
        before = understand(self.index, said, self.lexicon)
        if len(before.content_tokens) < 3:
            return False
        hits = self.index.rank_passages(before.content, plan_ids, ["responsibility"])[:2]
        if not hits or hits[0].evidence < MIN_EVIDENCE:
            return False
        # a duty those words name clearly: well ahead of the next (a long entry scores low on its own)
        clear = len(hits) < 2 or hits[0].score >= 2 * hits[1].score
        return hits[0].score >= PASSAGE_MATCH or (hits[0].score >= CLEAR_DUTY and clear)

    def _one_of_listed(self, turn: Turn) -> list[TaskRef]:
        """The one task of the list just given whose text has every word the question names it by ("cái tập
        huấn …" after 3.g and 5.c), when the question names no plan, no number and asks over no data."""
        q = turn.query
        listed = [TaskRef(*i.split(":", 1)) for i in turn.context.listed if i in self.index.tasks]
        asks_over = any(self.lexicon.has(c, q.folded) for c in ("which_tasks", "count", "sum", "list_all"))
        if len(listed) < 2 or turn.explicit or q.task_numbers or asks_over or q.has("refer"):
            return []  # ("lớp đó": what the last answer was about, found as references are)
        if self.lexicon.has("nothing_new", q.folded):
            return []  # "còn tuyên truyền thì ai chủ trì?": another subject, maybe outside the list
        return self._named_by_its_words(q, listed)

    def _named_by_its_words(self, q: Query, refs: list[TaskRef]) -> list[TaskRef]:
        """The one of these tasks whose text has every word the question names it by ("cái tập huấn"), or none."""
        words = {t for t in q.content_tokens if t.isalpha() and len(t) > 1}
        having = [r for r in refs if words <= set(self.index.content_tokens(task_text(self.index.tasks[r.id])))]
        return having if words and len(having) == 1 else []

    def _referred_in_other_plan(self, turn: Turn, talked: set[str], plan_ids: list[str]) -> list[TaskRef]:
        """The one task talked about in another plan whose text has every word the reference names it by ("cái
        lớp tập huấn kia" after 3.g and 5.c of 2022), carried to the plan asked about: its like task there."""
        if not turn.explicit:
            return []
        others = [
            TaskRef(*i.split(":", 1)) for i in talked if i in self.index.tasks and i.split(":")[0] not in plan_ids
        ]
        return self._analogs(self._named_by_its_words(turn.query, others), plan_ids)

    def _several_referred(self, q: Query) -> int:
        """How many things "hai việc đó", "ba dòng trên" point back at (0 when none is counted)."""
        m = re.search(
            rf"\b(hai|ba|2|3) (?:{'|'.join(self.lexicon.phrases('refer_noun'))}|dong) (?:do|nay|tren|vua roi)\b",
            q.folded,
        )
        return self.lexicon.ordinals.get(m.group(1), 0) if m else 0

    def _group_asked_about(self, turn: Turn) -> list[TaskRef]:
        """The tasks of the one group a question names by its title and asks a part of (who leads, when,
        how much): a group has no lead or budget of its own, its tasks have."""
        q = turn.query
        if not re.search(r"\bnhom\b", q.folded) or not q.has(*TASK_FACETS):
            return []
        nth = re.search(r"\b(?:dau tien|cuoi cung|thu (?:nhat|hai|ba|tu|nam|sau|\d))\b", q.folded)
        if nth or any(self.lexicon.has(cue, q.folded) for cue in ("which_tasks", "count")):
            return []  # "nhóm 3 có những nhiệm vụ nào, ai chủ trì", "lớp đầu tiên ở nhóm 5": not the whole group
        groups = self.operations.groups(turn)
        if len(groups) != 1 or groups == ("-",):
            return []
        plan_id, number = groups[0].split(":", 1)
        return [TaskRef(plan_id, t.number) for t in self.index.plans[plan_id].tasks if t.group == number]

    def _talked_about(self, turn: Turn, hits: list[TaskRef]) -> list[TaskRef]:
        """The task the conversation is about, when the question's words are mostly its own, its notes
        included, and no task found explains them better (a task's «Ghi chú» is not searched: it would
        find every task noted "Nhiệm vụ KHCN")."""
        refs = [TaskRef(*t.split(":", 1)) for t in turn.context.task_ids if t in self.index.tasks]
        if len(refs) != 1 or refs[0].plan_id not in turn.plan_ids or refs[0] in hits:
            return []
        grams = self.index.query_grams(turn.query.content)[1]

        def words_of(ref: TaskRef) -> frozenset[str]:
            task = self.index.tasks[ref.id]
            return self.index.doc_grams(" ".join(filter(None, [task_text(task), task.budget.note, *task.notes])))

        def cover(ref: TaskRef) -> float:
            return self.index.coverage(grams, words_of(ref))[0]

        own = cover(refs[0])
        if not hits and own < TALKED_MATCH:
            # "phát mấy số, trên đài nào?" after the task that airs them: no task found, and every word
            # asked is the task's own (pairs across the words cut would count against it)
            asked = set(turn.query.content_tokens)
            return refs if asked and asked <= words_of(refs[0]) else []
        return refs if own >= TALKED_MATCH and all(own > cover(h) for h in hits) else []

    def _their_entry(self, turn: Turn) -> Request | None:
        """ "Họ phải phối hợp với những sở nào?" after a "Tổ chức thực hiện" entry: "họ" are its agencies,
        and the entry itself says what they do and with whom."""
        q = turn.query
        if not re.search(r"(?<!\w)họ(?!\w)", q.shaped) or turn.task_how in ("number", "content"):
            return None
        entries = (Items.DUTIES, Items.AGENCIES)  # an entry quoted, or the agencies an entry names together
        last = next(
            (
                r
                for r in reversed(turn.context.last)
                if r.items in entries and r.filters.ids and r.filters.role in (Role.DUTY, Role.ANY)
            ),
            None,
        )
        if last is None:
            # (an entry found by its words is quoted as a passage: "… tổ chức nào của tỉnh được giao nhiệm vụ?"; of
            # several quoted, "họ" is whichever the question's words find)
            quoted = [r for r in turn.context.last if self._duty_entry_ids(r)]
            ids = [i for r in quoted for i in self._duty_entry_ids(r)]
            if len(ids) != 1:
                return None
            return quoted[0].but(items=Items.DUTIES, op=Op.LOOKUP, filters=Filters(ids=tuple(ids)))
        return last.but(items=Items.DUTIES, op=Op.LOOKUP, filters=Filters(ids=last.filters.ids, role=Role.DUTY))

    @staticmethod
    def _duty_entry_ids(r: Request) -> tuple[str, ...]:
        """The "Tổ chức thực hiện" entries a passage answer quoted, as duty entry ids ("plan:V.10")."""
        if r.items is not Items.PASSAGES:
            return ()
        parts = [i.split("|") for i in r.filters.ids]
        return tuple(f"{p[0]}:{p[2]}" for p in parts if len(p) == 3 and p[1] == "responsibility")

    def _prior_list(self, turn: Turn) -> Request | None:
        """'… những nhiệm vụ nào …? Các nhiệm vụ đó phối hợp với sở nào?': the list just asked for, again,
        showing what the second question wants (its tasks are known only once the list is answered)."""
        q = turn.query
        if turn.task_how in ("number", "content") or turn.context.task_ids or turn.context.listed:
            return None
        if not (self.lexicon.has("refer_list", q.folded) or q.has("refer")):
            return None
        facets = tuple(FIELD_OF_CUE[c] for c in TASK_FACETS if q.has(c))
        prior = next(
            (r for r in reversed(turn.context.last) if r.items is Items.TASKS and r.op in (Op.LIST, Op.COUNT)), None
        )
        if not facets or prior is None:
            return None
        if turn.explicit and set(turn.plan_ids) != set(prior.plans):
            return None  # "Sang 2023 sở này chủ trì việc gì?": another plan's, read anew
        if self.lexicon.has("refer_agency", q.folded) and not self.lexicon.has("refer_list", q.folded):
            return None  # "sở này …" points at the agency, not at the tasks listed
        if facets == (Field.BUDGET,) and re.search(r"\b(?:tong|cong)\b", q.folded):
            # "… chủ trì nhiệm vụ nào? Tổng kinh phí bao nhiêu?": the listed rows' money, added up
            measure = self.operations.measure_asked(turn) or Measure.TOTAL
            return prior.but(op=Op.SUM, measure=measure, show=())
        return prior.but(op=Op.LIST, show=facets)

    def _in_each_plan(self, turn: Turn, hits: list[TaskRef]) -> list[TaskRef]:
        """Two years named ("lớp tập huấn … năm 2022 và năm 2023 khác nhau gì"): the task in each of them,
        where the other plan has one that the question describes nearly as well."""
        if not turn.explicit or len(turn.plans) != 2:
            return hits
        found = {h.plan_id for h in hits}
        top = max((h.score for h in self.index.rank_tasks(turn.query.content, list(found))[:1]), default=0.0)
        out = list(hits)
        for plan in turn.plans:
            if plan.id in found:
                continue
            best = self.index.rank_tasks(turn.query.content, [plan.id])[:1]
            if best and best[0].score >= max(TASK_MATCH, top - OTHER_YEAR_SPREAD) and isinstance(best[0].item, TaskRef):
                out.append(best[0].item)
            elif turn.query.has("compare"):
                # "… đổi thế nào từ 2022 sang 2023": the same task in the other year, however differently worded
                out += self._analogs(hits, [plan.id])
        order = list(self.index.plans)
        return sorted(out, key=lambda r: order.index(r.plan_id))  # the earlier year first

    def _names_inside_reference(self, q: Query) -> bool:
        """'nhiệm vụ khảo sát kia', 'nv thịt cừu đó': a reference back that names its task in between."""
        nouns = sorted(self.lexicon.phrases("refer_noun"), key=len, reverse=True)
        return any(
            len(re.sub(rf"^(?:{'|'.join(nouns)})\b", "", m.group(0)).split()) > 1
            for m in self.lexicon.find("refer", q.folded)
        )

    def _each_subject(self, turn: Turn, plan_ids: list[str], least: float = 0.0) -> list[TaskRef]:
        """Two tasks named side by side ("nv tôm giống và nv nha đam, mỗi cái ai chủ trì?"): each found alone
        (each with a score of at least ``least``); or named so by the preamble ("Ninh Thuận có nhiệm vụ riêng cho
        tôm giống và cho thịt cừu. Mỗi sản phẩm gắn với …?"), whose words are then the subjects alone."""
        found = self._subjects_in(turn, turn.query.content, plan_ids, least)
        if not found and turn.query.lead_subject:
            found = self._subjects_in(turn, turn.query.lead_subject, plan_ids, least)
        return found

    def _subjects_in(self, turn: Turn, content: str, plan_ids: list[str], least: float) -> list[TaskRef]:
        parts = [p for p in _SUBJECTS_RE.split(content) if self.index.content_tokens(p)]
        if len(parts) < 2:
            return []
        found: list[TaskRef] = []
        named = 0
        for part in parts:
            ranked = self.index.rank_tasks(part, plan_ids)
            if not ranked or ranked[0].score < SUGGEST:
                continue  # words that name no task ("So kế hoạch 2022 với 2023: …"), split off by "với"
            hits = self._good(turn, ranked)
            if not hits or len(hits) > MAX_TIED or hits[0].score < least:
                return []
            named += 1
            # the best of each plan asked about: "chỉ dẫn địa lý và nhãn hiệu chứng nhận" in 2022 and 2023
            refs = [h.item for h in hits if isinstance(h.item, TaskRef)]
            found += [next(r for r in refs if r.plan_id == p) for p in dict.fromkeys(r.plan_id for r in refs)]
        return list(dict.fromkeys(found)) if named >= 2 else []

    def _beside_talked_about(self, turn: Turn, named: list[TaskRef]) -> list[TaskRef]:
        """ "so với nv chỉ dẫn địa lý thịt cừu thì tổng kp cái nào lớn hơn?": the task named is set beside the one
        talked about, which the message opens by comparing with (the other side is not said again)."""
        opener = next(self.lexicon.find("two_sides", turn.query.folded), None)
        talked = [TaskRef(*t.split(":", 1)) for t in turn.context.task_ids]
        if opener is None or len(opener.string[: opener.start()].split()) > 2 or len(named) != 1 or len(talked) != 1:
            return named
        if talked[0] == named[0] or talked[0].plan_id != named[0].plan_id:
            return named
        return [talked[0], named[0]]

    def _other_side(self, turn: Turn, plan_ids: list[str], numbered: TaskRef) -> list[TaskRef]:
        """ "một lớp cho học sinh, sinh viên tốn gấp mấy lần một lớp … (5.1)": a task named by number, set
        beside one named by its words; both, in the order said (the one by number alone when no side names
        another task clearly)."""
        # (the words "so với" were read as a comparison and cut from the content: its pieces stand apart there)
        content = fold(turn.query.content)
        cuts = [0, *(x for m in self.lexicon.find("two_sides", content) for x in m.span()), len(content)]
        pieces = [p for a, b in zip(cuts[::2], cuts[1::2], strict=True) for p in content[a:b].split(SEPARATOR)]
        sides = [s for s in pieces if len(self.index.content_tokens(s)) >= 2]
        for side in sides:
            hits = self._good(turn, self.index.rank_tasks(side, plan_ids))
            best = hits[0] if hits else None
            if best is None or best.score < STRONG_MATCH or not isinstance(best.item, TaskRef):
                continue
            if best.item != numbered and (len(hits) == 1 or hits[1].score < best.score):
                said_first = turn.query.raw.find(numbered.number) < len(turn.query.raw) // 2
                return [numbered, best.item] if said_first else [best.item, numbered]
        return [numbered]

    def _bracketed_tasks(self, turn: Turn, plan_ids: list[str]) -> list[TaskRef]:
        """Tasks listed one by one in brackets, each named outright; none unless every item names one. In the
        preamble too, when the question points back at several ("… 3 lớp giá 9,2 triệu (lớp ở trạm IP Platform,
        5.1, 5.2). cộng lại 3 lớp đó hết bn tiền?")."""
        q = turn.query
        pointed = q.lead_raw and (self._several_referred(q) or self.lexicon.has("refer_list", q.folded))
        said = f"{q.lead_raw} {q.raw}" if pointed else q.raw
        for glossed, inside in re.findall(r"(\b\d{1,2}\.(?:\d{1,2}|[a-zđ])\s*)?\(([^()]{8,300})\)", said):
            if self.operations.including_re.match(fold(inside).strip()):
                continue  # "(kể cả lớp tại trạm IP Platform, …)": some of a larger selection, not the selection
            if glossed:
                continue  # "3.6 (NHTT, NHCN)": words glossing the number before them, not a list of their own
            items = [i for i in _SUBJECTS_RE.split(inside) if self.index.content_tokens(i)]
            if len(items) < 2:
                continue
            found: list[TaskRef] = []
            for item in items:
                numbered = self.index.find_numbered_tasks(
                    re.findall(r"\b\d{1,2}\.(?:\d{1,2}|[a-zđ])\b", item), plan_ids
                )
                if len(numbered) == 1:  # "lớp 5.1"
                    found.append(numbered[0])
                    continue
                hits = [h for h in self.index.rank_tasks(item, plan_ids)[:2] if isinstance(h.item, TaskRef)]
                clear = hits and hits[0].score >= TASK_MATCH and (len(hits) < 2 or hits[0].score > hits[1].score + TIE)
                if not clear:
                    break
                found.append(hits[0].item)
            else:
                if len(set(found)) >= 2:  # (two words of one task, "(NHTT, NHCN)", list nothing)
                    return list(dict.fromkeys(found))
        return []

    def _ordinal_in_group(self, turn: Turn) -> list[TaskRef]:
        """The n-th task of the group the question names ("nhóm 3 năm 2022, nhiệm vụ thứ hai"): of each plan
        asked, when the question names none ("nhiệm vụ cuối cùng của nhóm 3": one task a plan, not three lists)."""
        if not re.search(r"\bnhom\b", turn.query.folded) or not self.lexicon.has("ordinal", turn.query.folded):
            return []
        groups = self.operations.groups(turn)
        if not groups or len({g.split(":", 1)[0] for g in groups}) != len(groups):
            return []  # two groups of one plan: which one is not said
        found = []
        for group in groups:
            plan_id, number = group.split(":", 1)
            members = [f"{plan_id}:{t.number}" for t in self.index.plans[plan_id].tasks if t.group == number]
            found += self._ordinals(turn, members)[:1]
        return found

    def _ordinal_in_lead(self, turn: Turn) -> list[TaskRef]:
        """The n-th of the tasks the preamble names, in its order ("Mình đang theo dõi 2 nv: CDĐL thịt cừu và hỗ trợ
        đăng ký cho sp OCOP. Nv thứ 2 ấy quý mấy?"), not of what the last answer listed."""
        q = turn.query
        if not q.lead_subject or not self.lexicon.has("ordinal", q.folded):
            return []
        named = self._subjects_in(turn, q.lead_subject, turn.plan_ids, TASK_MATCH)
        return self._ordinals(turn, [r.id for r in named])[:1] if len(named) >= 2 else []

    def _ordinal_in_plan(self, turn: Turn) -> list[TaskRef]:
        """The n-th task of the one plan the message names, as the document orders them, or of its budget table's
        rows when the table is named ("nhiệm vụ đầu tiên trong bảng dự toán 2023", "dòng cuối của bảng"). Not when
        the last answer listed tasks of that plan and the message names neither plan nor table words: "cái thứ
        hai" is then the n-th of that list."""
        q = turn.query
        if not turn.explicit or len(turn.plans) != 1 or re.search(r"\bnhom\b", q.folded):
            return []
        if not self.lexicon.has("ordinal", q.folded):
            return []
        plan = turn.plans[0]
        said = re.search(r"\b(?:bang|ke hoach|kh)\b", q.folded)
        shown = [t for t in (*turn.context.listed, *turn.context.task_ids) if t.split(":", 1)[0] == plan.id]
        if shown and not said:
            return []
        table = bool(re.search(r"\bbang\b", q.folded)) and plan.has_rows
        members = [f"{plan.id}:{t.number}" for t in plan.tasks if not table or t.budget.status in ("row", "recurring")]
        return self._ordinals(turn, members)[:1]

    def _ordinals(self, turn: Turn, among: list[str] | None = None) -> list[TaskRef]:
        """The tasks at the positions the message names in what the last answer listed ("cái thứ hai", "cái
        thứ hai với cái cuối cùng"), or in ``among``; none when the first position is not in the list."""
        listed = among if among is not None else turn.context.listed or turn.context.task_ids
        found: list[TaskRef] = []
        folded = turn.query.folded
        # ("nhóm nhiệm vụ thứ năm": the ordinal names the group, no task in it)
        positions = [
            m for m in self.lexicon.find("ordinal", folded) if not _GROUP_ORDINAL_RE.search(folded[: m.start()])
        ]
        for k, m in enumerate(positions):
            n = self._nth(m, len(listed))
            if not 1 <= n <= len(listed):
                if k == 0:
                    return []
                continue
            ref = TaskRef(*listed[n - 1].split(":", 1))
            found += [ref] if ref not in found else []
        return found

    def _analogs(self, refs: list[TaskRef], plan_ids: list[str]) -> list[TaskRef]:
        """The same task in another plan ("thế còn năm 2022?"): clearly alike, both ways."""
        found = []
        for ref in refs:
            candidates = [TaskRef(p, t.number) for p in plan_ids for t in self.index.plans[p].tasks]
            scored = sorted(((self.index.similarity(ref, c), c) for c in candidates), key=lambda sc: -sc[0])
            if scored and scored[0][0] >= ANALOG:
                found.append(scored[0][1])
        return list(dict.fromkeys(found))

    def _asked_what_again(self, turn: Turn, ctx_ids: list[str]) -> bool:
        """ "thế năm 2023?" and nothing else, after a question that asked what the task found by its topic is about
        ("Kế hoạch 2022 xây dựng chỉ dẫn địa lý cho sản phẩm nào?"): the same question of the other plan, which its
        task of the same kind answers."""
        q = turn.query
        if q.content_tokens or q.has(*TASK_FACETS) or q.has("refer"):
            return False
        # (a task shown whole, its card, says what it is about as well)
        return any(
            Field.CONTENT in r.show or Field.CARD in r.show or not r.show
            for r in turn.context.last
            if r.items is Items.TASKS and set(r.filters.ids) & set(ctx_ids)
        )

    def _same_kind(self, refs: list[TaskRef], plan_ids: list[str]) -> list[TaskRef]:
        """The tasks of other plans filed first under the same topic as these ("chỉ dẫn địa lý"), when
        one or two are: a task of the same kind for another product or place."""
        kinds = {self._task(r).topics[0] for r in refs if self._task(r).topics}
        found = [
            TaskRef(p, t.number)
            for p in plan_ids
            for t in self.index.plans[p].tasks
            if t.topics and t.topics[0] in kinds
        ]
        return found if 0 < len(found) <= 2 else []

    def _on_its_topic(
        self, refs: list[TaskRef], plan_ids: tuple[str, ...], explicit: bool = True
    ) -> tuple[Request, ...]:
        """The tasks of other plans filed under the first topic of these (among any of theirs), when one or two
        are: what another plan has on the same subject, though no task of it is alike (offered beside the "no")."""
        first = {self._task(r).topics[0] for r in refs if self._task(r).topics}
        found = tuple(f"{p}:{t.number}" for p in plan_ids for t in self.index.plans[p].tasks if first & set(t.topics))
        if not 0 < len(found) <= 2:
            return ()
        return (Request(items=Items.TASKS, plans=plan_ids, explicit=explicit, filters=Filters(ids=found)),)

    def _group_said_alike(self, content: str, plan_ids: list[str], other: object) -> list[TaskRef]:
        """The tasks of a group of the plans asked whose title and opening words say what another plan's task
        says ("2023 có nv nào thúc đẩy phát triển dịch vụ hỗ trợ SHTT": 2022's task 4 in words, 2023's group 4
        in substance, its tasks worded otherwise); none when no group says it nearly as well."""
        if not isinstance(other, TaskRef):
            return []
        query = self.index.query_grams(content)[1]
        theirs = self.index.coverage(query, self.index.doc_grams(task_text(self._task(other))))[0]
        best, found = 0.0, []
        for plan_id in plan_ids:
            plan = self.index.plans[plan_id]
            for group in plan.groups:
                said = self.index.coverage(query, self.index.doc_grams(f"{group.title} {group.intro or ''}"))[0]
                members = [TaskRef(plan_id, t.number) for t in plan.tasks if t.group == group.number]
                if members and said > best:
                    best, found = said, members
        return found if best >= PASSAGE_MATCH and best >= theirs - GROUP_SAID_SLACK else []

    def _task_hits(self, turn: Turn, content: str, plan_ids: list[str]) -> list[TaskRef]:
        ranked_here = self.index.rank_tasks(content, plan_ids)
        good = self._good(turn, ranked_here)
        own_words = turn.query.content_in_plan_words
        # (only where nothing here comes near the words as said: "… chỉ dẫn địa lý cho nha đam" in 2023 is near
        # CDĐL Thịt cừu, and no task of 2023 is about nha đam)
        nothing_near = not ranked_here or ranked_here[0].score < SUGGEST
        if turn.explicit and nothing_near and own_words and content == turn.query.content:
            # "muốn tham gia hội chợ, triển lãm, KH 2023 có hỗ trợ k": the plan asked says it its own way
            # ("xúc tiến thương mại"), whatever words another plan shares with the person; the plans' words are
            # alternatives, so one task clearly ahead on them is the one (none has them all)
            ranked = [h for h in self.index.rank_tasks(own_words, plan_ids) if isinstance(h.item, TaskRef)]
            top = ranked[0] if ranked else None
            ahead = top is not None and (len(ranked) < 2 or ranked[1].score <= top.score * CLEARLY_AHEAD)
            if ahead and top.score >= SUGGEST and top.evidence >= MIN_EVIDENCE:
                return [top.item]
        # (a funding source named is this plan's money: "kinh phí sự nghiệp KH&CN … bố trí cho kế hoạch năm 2024")
        # ("Năm ngoái việc hỗ trợ này do sở nào chủ trì": "this" is the task talked about, not another plan's)
        pointing = bool(turn.context.task_ids) and self._refers_to_one(turn.query)
        if turn.explicit and (not good or good[0].score < STRONG_MATCH) and not turn.query.sources and not pointing:
            # a weak match in the plan named, a clear one in another plan: the task is not in this plan (another
            # plan of the province, or one in force: never an earlier cycle's plan of another province)
            asked = {self.index.plans[p].province_id for p in plan_ids}
            others = [
                p
                for p, plan in self.index.plans.items()
                if p not in plan_ids and (p in self.index.in_force or plan.province_id in asked)
            ]
            elsewhere = self._good(turn, self.index.rank_tasks(content, others))
            here = good[0].score if good else 0.0
            if elsewhere and elsewhere[0].score >= max(here + ELSEWHERE_LEAD, STRONG_MATCH):
                grouped = self._group_said_alike(content, plan_ids, elsewhere[0].item)
                if grouped:
                    return grouped
                turn.elsewhere = [h.item for h in elsewhere if isinstance(h.item, TaskRef)][:2]
                return []
        # an annual plan's targets repeat its tasks' words: only duties, objectives, reporting compete, and
        # the targets of a plan over several years ("số đơn đăng ký tăng lên": Thái Bình's, no task's)
        passages = self.index.rank_passages(content, plan_ids, ["responsibility", "objective", "reporting"])
        spans = [p for p in plan_ids if self.index.plans[p].year_start != self.index.plans[p].year_end]
        if spans:
            targets = self.index.rank_passages(content, spans, ["target"])
            passages = sorted([*passages[:1], *targets[:1]], key=lambda h: -h.score)
        if (
            good
            and passages
            and passages[0].evidence >= MIN_EVIDENCE
            and (
                passages[0].score >= good[0].score + PASSAGE_LEAD
                # ahead, on far more of the words' weight: "vai trò then chốt trong tạo lập…" is an objective's
                or (passages[0].score > good[0].score and passages[0].evidence >= 1.75 * good[0].evidence)
            )
        ):
            return []  # a duty, target or objective explains the question better than any task
        if (
            not good
            and not turn.explicit
            and not self._good(turn, self.index.rank_passages(content, plan_ids), PASSAGE_MATCH)
        ):
            # nothing in the conversation's plan explains it: look in every plan
            good = self._good(turn, self.index.rank_tasks(content, list(self.index.plans)))
        if not good or len(good) > MAX_TIED:
            return []  # nothing, or a topic shared by many tasks: lists handle it
        return [h.item for h in good if isinstance(h.item, TaskRef)]

    # ------------------------------------------------------------------ document and reporting
    def _citation(self, turn: Turn) -> list[Request]:
        """'Nghị quyết 14-NQ/TU do ai ban hành?', 'nghị quyết đó ngày nào?', 'nhiệm vụ … theo nghị quyết nào?':
        a document the plans cite, by its number, by pointing back at what was just said, or as cited by
        the task the question names."""
        q = turn.query
        if not q.has("cited_document"):
            return []
        every = list(self.index.plans)
        cited = [c for p in every for c in self._citations_of(p)]
        known = {c.key for c in cited}
        keys, left_out = self._cited_numbers(q)
        # "quyết định 512 ban hành kế hoạch" where 512/QĐ-UBND is a plan's own number (a plan issued by decision):
        # that plan's document, not a document the plans cite
        own = {p.number.split("/")[0].strip() for p in self.index.plans.values() if p.number}
        keys = [k for k in keys if k in known or k not in own]
        if keys and self._cites_only_to_say_which(q):
            return []  # "theo Nghị quyết 14 đến năm 2025 hỗ trợ mấy sáng chế": the resolution only says which
        unknown = [k for k in keys if k not in known]
        keys = [k for k in keys if k in known]
        if unknown and not keys and not left_out:
            # "Nghị quyết 99 là gì": no plan cites it, which the answer says
            return [turn.request(Items.CITATIONS, filters=Filters(ids=tuple(unknown)))]
        if left_out and not keys:
            named = {p.id for p in turn.plans}
            kind = next((c.kind for c in cited if c.key in left_out), None)
            keys = [c.key for c in cited if c.plan_id in named and c.kind == kind and c.key not in left_out]
        kinds = "|".join(self.lexicon.phrases("cited_kind"))
        pointing = rf"\b(?:{kinds}) (?:\S+ )?(?:do|nay|ay|tren|kia|vua (?:roi|neu))\b"  # "nghị quyết đó"
        pointed = q.has("refer") or re.search(pointing, q.expanded)
        if not keys and pointed and q.lead_raw:
            # "… cùng triển khai Quyết định số 2367 ngày 21/12/2021. Ký hiệu của quyết định đó …": the one said before
            keys = [k for k in self._cited_numbers(q, expand(fold(q.lead_raw)))[0] if k in known]
        if not keys and pointed and (q.has("document") or not q.has(*TASK_FACETS)):
            # "nghị quyết đó": the one cited by what the last answer showed, or the one it was about
            shown = {i for r in turn.context.last if r.items is not Items.CITATIONS for i in r.filters.ids}
            shown |= set(turn.context.task_ids)
            keys = [c.key for c in cited if f"{c.plan_id}:{c.ref}" in shown]
            keys += [k for r in turn.context.last if r.items is Items.CITATIONS for k in r.filters.ids]
        if not keys and q.has("issuing_decision"):
            # "Quyết định ban hành kế hoạch triển khai Chiến lược SHTT tỉnh Ninh Thuận đến năm 2030 do ai ký?": the
            # decision a plan cites by the title of what it issued, not the plan whose title says nearly as much
            keys = self._cited_by_title(turn, cited)
        by_task: list[Request] = []
        if not keys and turn.tasks and turn.task_how in ("number", "content", "context") and "nao" in q.folded:
            # "nhiệm vụ hỗ trợ đăng ký 01 sáng chế dựa theo chỉ tiêu của nghị quyết nào?": the one it cites,
            # after the task itself (whose other parts the message may ask: "hỗ trợ những gì")
            asked = {r.id for r in turn.tasks}
            citing = [c for c in cited if f"{c.plan_id}:{c.ref}" in asked]
            keys = [c.key for c in citing]
            ids = tuple(dict.fromkeys(f"{c.plan_id}:{c.ref}" for c in citing if c.where == "task"))
            by_task = [turn.request(Items.TASKS, filters=Filters(ids=ids), show=(Field.CARD,))] if ids else []
        if not keys:
            return []
        plans = turn.plans if turn.explicit else [self.index.plans[p] for p in every]
        citation = turn.request(Items.CITATIONS, plans=plans, filters=Filters(ids=tuple(dict.fromkeys(keys))))
        return [*by_task, citation]

    def _cited_by_title(self, turn: Turn, cited: list[Citation]) -> list[str]:
        """The cited documents whose title the question says (nearly) whole, and better than any plan's own
        title; of several, the one with the most of its words said (a short title is inside a longer one)."""
        said = set(turn.query.expanded.split())

        def said_of(title: str) -> tuple[int, float]:
            words = set(fold(expand(title)).split())
            return len(words & said), len(words & said) / len(words) if words else 0.0

        asked = {p.id for p in turn.plans}
        own = max((said_of(p.title)[1] for p in self.index.plans.values()), default=0.0)
        scored = [(said_of(c.about), c.key) for c in cited if c.about and c.plan_id in asked]
        good = [(n, k) for (n, share), k in scored if share >= CITED_TITLE and share > own]
        most = max((n for n, _ in good), default=0)
        return list(dict.fromkeys(k for n, k in good if n == most))

    def _cited_numbers(self, q: Query, text: str | None = None) -> tuple[list[str], list[str]]:
        """The cited documents the question (or ``text``, expanded) names by number (their digits), and those it
        leaves out ("ngoài Quyết định 1068, … còn thực hiện quyết định nào")."""
        kinds, codes = ("|".join(self.lexicon.phrases(c)) for c in ("cited_kind", "cited_code"))
        said = q.expanded if text is None else text
        keys: list[str] = []
        left_out: list[str] = []
        for m in re.finditer(rf"\b(?:{kinds})(?: so)? (\d+)\b|\b(\d+) ?(?:{codes})\b", said):
            before = " ".join(said[max(0, m.start() - 30) : m.start()].split()[-2:])
            excluded = self.lexicon.has("excluding", f"{before} {m.group(0)}")
            (left_out if excluded else keys).append(m.group(1) or m.group(2))
        return keys, left_out

    def _plan_carrying_out(self, q: Query) -> re.Match[str] | None:
        """ "kế hoạch thực hiện Quyết định 2205": the plan named by the decision it carries out (group 1: the
        decision's digits, when given)."""
        kinds = "|".join(self.lexicon.phrases("cited_kind"))
        said = rf"\b(?:ke hoach|kh)(?: \S+){{0,3}} (?:thuc hien|trien khai) (?:{kinds})(?:(?: so)? (\d+))?"
        return re.search(said, q.expanded) if q.has("cited_document") else None

    def _plans_implementing(self, q: Query) -> list[Plan]:
        """The plans issued to carry out the decision the question names ("kế hoạch thực hiện QĐ 2205")."""
        m = self._plan_carrying_out(q)
        if m is None or m.group(1) is None:
            return []
        return [
            plan
            for plan in self.index.plans.values()
            if any(c.key == m.group(1) and c.where == "implements" for c in self._citations_of(plan.id))
        ]

    def _cites_only_to_say_which(self, q: Query) -> bool:
        """The cited document names what is asked about, and something else is asked: a task's part ("nhiệm vụ
        theo Nghị quyết 14 ai chủ trì"), or the plan that carries the decision out ("kế hoạch thực hiện
        Quyết định 2205 do ai ký", "… có mấy nhóm nhiệm vụ")."""
        if self._plan_carrying_out(q) is not None:
            return True
        if q.has("document"):  # "do ai ban hành, ngày nào", "do ai ký": the document's own facts
            return False
        if q.has("cited_where"):  # "… được viện dẫn làm chỉ tiêu cho nhiệm vụ nào": where it is cited
            return False
        return q.has(*TASK_FACETS, "targets", "statistics", "group_of", "list")

    def _citations_of(self, plan_id: str) -> list[Citation]:
        """The documents one plan cites (found once per plan and kept: a plan's text does not change)."""
        found = self._cited.get(plan_id)
        if found is None:
            found = self._cited[plan_id] = citations(self.index.plans[plan_id])
        return found

    def _recipients(self, turn: Turn) -> Request | None:
        q = turn.query
        if not q.has("recipients") or turn.task_how == "number":
            return None
        if "noi nhan" not in q.folded and q.has("reporting"):
            return None  # "báo cáo kết quả … gửi ai": where reports go, not whom the document was sent to
        if "noi nhan" not in q.folded and (q.agencies or self._duty_explains(turn)):
            return None  # "Sở KH&CN gửi dự toán cho cơ quan nào thẩm định" is a duty, not the document's recipients
        plans = [p for p in turn.plans if p.recipients] or turn.plans
        ids: list[str] = []
        if turn.query.content_tokens:
            grams = self.index.query_grams(turn.query.content)[1]
            for plan in plans:
                scored = sorted(
                    range(len(plan.recipients)),
                    key=lambda n, p=plan: -self.index.coverage(grams, self.index.doc_grams(p.recipients[n]))[0],
                )
                ids += [f"{plan.id}:{n}" for n in scored]
        return turn.request(Items.RECIPIENTS, plans=plans, filters=Filters(ids=tuple(ids)))

    def _document(self, turn: Turn) -> Request | list[Request] | None:
        q = turn.query
        strong = q.has("document", "replaces", "proposal", "in_force")
        # ("hạn gửi là trước ngày nào": the reporting deadline, not the plan's date)
        plan_years = self.lexicon.has("plan_years", q.folded)  # the time asked is the plan's own span
        weak = (
            q.has("document_weak")
            and not turn.tasks
            and not q.content_tokens
            and not q.has("reporting")
            and (not q.has("time") or plan_years)
        )
        weak = weak or bool(
            q.has("document_weak")
            and not turn.tasks
            and re.search(r"\b(ke hoach|kh)\b", q.folded)
            and not q.has("reporting")
            and not q.has("targets")  # ("KH … có chỉ tiêu gì về …, mốc năm nào": the target's year)
            and (not q.has("time") or plan_years)
        )
        # ("đến năm nào?" after a target: its milestone, not the plan's date)
        weak = weak and not any(r.items is Items.TARGETS for r in turn.context.last)
        if not (strong or weak) or turn.task_how == "number":
            return None
        about_plan = re.search(r"ban hanh|ra doi|\bky\b|quyet dinh|\bqd\b|phe duyet", q.folded)
        own_words = about_plan is not None and any(
            about_plan.group(0) in fold(self._task(r).content) for r in turn.tasks
        )
        if turn.tasks and turn.task_how == "content" and (not about_plan or own_words or self._cites_task(turn)):
            return None  # "NQ 14-NQ/TU … ban hành ngày nào", "xây dựng và trình phê duyệt…" are the task's own text
        if q.content_tokens and not re.search(r"quyet dinh|\bqd\b|ban hanh|nguoi ky|ai ky|so hieu", q.folded):
            good = self._good(turn, self.index.rank_passages(q.content, turn.plan_ids), STRONG_MATCH)
            passages = [h.item for h in good if isinstance(h.item, Passage) and h.item.kind != "document"]
            if passages:
                return self._passages(turn, passages[:2])  # "sơ kết sau mấy năm" is in a duty
        plans = turn.plans
        if re.search(r"quyet dinh|\bqd\b|can cu|phe duyet", q.folded) and not turn.explicit:
            grams = self.index.query_grams(q.content)[1]
            scored = [
                (
                    self.index.coverage(
                        grams, self.index.doc_grams(" ".join(f"{r.text} {r.issuer or ''}" for r in p.implements))
                    )[0],
                    p,
                )
                for p in plans
            ]
            best = max((s for s, _ in scored), default=0)
            if best > 0:
                plans = [p for s, p in scored if s >= best - 0.05]
        return turn.request(Items.DOCUMENT, plans=plans, show=self._document_fields(q))

    @staticmethod
    def _document_fields(q: Query) -> tuple[Field, ...]:
        # "Quyết định ban hành Kế hoạch …" names the decision that issues the plan: its number, date and signer
        # are the plan's, not those of a decision the plan implements
        f = re.sub(r"\b(?:quyet dinh|qd) (?:ban hanh|phe duyet)(?: kem theo)? (?:ke hoach|kh)\b", "ke hoach", q.folded)
        decision = any(
            w in f for w in ("quyet dinh", "qd", "can cu", "phe duyet", "trien khai quyet", "thuc hien quyet")
        )
        signer = any(w in f for w in ("ky", "chuc danh", "chuc vu"))
        number = any(w in f for w in ("so hieu", "ky hieu", "so may", "so bao nhieu"))
        date = any(w in f for w in ("ngay", "ban hanh", "ra doi", "thang may", "nam nao", "khi nao", "bao gio"))
        period = any(w in f for w in ("dinh huong", "giai doan", "den nam", "toi nam", "thoi ky"))
        # "hết hạn khi nào", "áp dụng đến năm nào": the period the plan covers, not the day it was issued
        ends = re.search(r"\b(?:het han|het hieu luc|ket thuc|ap dung (?:den|toi)|hieu luc (?:den|toi)|keo dai)\b", f)
        if ends:
            period, date = True, False
        # "được ban hành để thực hiện kế hoạch nào của UBND tỉnh": what it implements, not when it was issued
        implementing = re.search(r"\b(?:thuc hien|trien khai|cu the hoa)(?: \w+){0,2} (?:ke hoach|kh|van ban) nao\b", f)
        if implementing:
            decision = True
            date = date and bool(re.search(r"\bngay\b|thang may|nam nao|khi nao|bao gio", f[: implementing.start()]))
            period = period and not re.search(r"\b(?:den|toi) nam\b", f[implementing.end() :])
        if decision and date and not implementing:
            # "quyết định … ban hành ngày nào" asks the decision's date; "số mấy, ban hành ngày nào, thực hiện
            # quyết định nào" asks the plan's date first
            first_decision = min(f.find(w) for w in ("quyet dinh", "qd", "can cu", "phe duyet") if w in f)
            first_date = min(f.find(w) for w in ("ngay", "ban hanh", "ra doi", "thang may", "nam nao") if w in f)
            date = 0 <= first_date < first_decision
        if signer and "ky hieu" in f and not any(w in f for w in ("nguoi ky", "ai ky", "ky boi", "chuc")):
            signer = False
        if signer and re.search(r"\bky (?:ngay|vao ngay|thang|nam|khi)\b", f) and not re.search(r"\bai ky|nguoi ky", f):
            signer, date = False, True  # "ký ngày cụ thể nào": when it was signed, not who signed it
        fields = [
            fld
            for fld, wanted in (
                (Field.NUMBER, number),
                (Field.DATE, date),
                (Field.SIGNER, signer),
                (Field.PERIOD, period),
                (Field.DECISION, decision),
            )
            if wanted
        ]
        if Field.DATE in fields and "ngay" in f and "thang" not in f:
            fields.append(Field.DAY)
        if q.has("in_force"):  # "… có hiệu lực từ khi nào": the decision's article, not the day it was signed
            fields = [fld for fld in fields if fld not in (Field.DATE, Field.DAY)] + [Field.IN_FORCE]
        if q.has("replaces"):
            fields.append(Field.REPLACES)
        if q.has("proposal"):  # "tờ trình … số mấy": the proposal's number, not the plan's
            fields = [fld for fld in fields if fld not in (Field.NUMBER, Field.DATE, Field.DAY)] + [Field.PROPOSAL]
        return tuple(fields)

    def _cites_task(self, turn: Turn) -> bool:
        """The question's numbers (a resolution's "14") appear in the matched task's text."""
        numbers = set(re.findall(r"\b\d{1,4}\b", turn.query.content))
        return bool(numbers) and any(
            numbers <= set(re.findall(r"\b\d{1,4}\b", self._task(r).content)) for r in turn.tasks
        )

    def _reporting(self, turn: Turn) -> Request | list[Request] | None:
        q = turn.query
        if not q.has("reporting") or turn.task_how == "number":
            return None
        aside = _REPORTS_ASIDE_RE.search(aligned(q.raw))
        if aside and not self.lexicon.question_pattern("reporting").search(fold(q.raw[aside.end() :])):
            return None  # "ngoài bc hằng năm, sở tôi còn phải tổ chức sơ kết, tổng kết gì?": the reports set aside
        difficulty = bool(re.search(r"kho khan|vuong mac|phan anh", q.folded))
        if any(p.reporting for p in turn.plans) and not re.search(r"kho khan|vuong mac", q.folded):
            return turn.request(Items.REPORTING, plans=[p for p in turn.plans if p.reporting], show=(Field.REGIME,))
        # ("gửi báo cáo … trước ngày nào": the deadline, which the regime says or says is not set)
        deadline = re.search(
            r"\b(?:truoc|han|thoi han|hang nam vao) (?:ngay|thang) (?:nao|may|bao nhieu)\b"
            r"|\b(?:quy dinh|dat|co|ghi|neu) (?:thoi )?han\b",  # "có quy định hạn nộp báo cáo không"
            q.folded,
        )
        if q.content_tokens and not re.search(r"kho khan|vuong mac", q.folded) and not deadline:
            kinds = ["reporting", "closing", "responsibility", "recipients"]
            hits = self._good(turn, self.index.rank_passages(q.content, turn.plan_ids, kinds), 0.5)
            passages = [h.item for h in hits if isinstance(h.item, Passage)]
            if passages and passages[0].kind not in ("reporting", "closing"):
                return self._passages(turn, passages[:2])
        # ("cơ quan nào giúp UBND tỉnh tổng hợp báo cáo": who collects them, which a plan with no regime still says)
        who = (Field.LEAD,) if q.has("lead") or _asks_which_agencies(q) else ()
        return turn.request(Items.REPORTING, show=(Field.DIFFICULTY if difficulty else Field.REGIME, *who))

    # ------------------------------------------------------------------ targets
    def _aim_of_task_talked_about(self, turn: Turn) -> Request | None:
        """ "Mục tiêu cụ thể gồm những bước nào?" right after one task: that task's aim, not the plan's targets
        (unless its words are a target's, or it names a plan, a year, a task)."""
        q = turn.query
        # (a support answer lists the one task that helps: "mục tiêu cụ thể của nhiệm vụ đó" is its aim)
        talked = [t for t in turn.context.task_ids or turn.context.listed if t.split(":", 1)[0] in turn.plan_ids]
        if (
            not q.has("objective")
            or len(talked) != 1
            or (turn.tasks and turn.task_how != "context")
            or turn.explicit
            or q.years
            or q.task_numbers
            or turn.context.intent == "targets"
            or not self.index.tasks[talked[0]].objective
        ):
            return None
        hits = self.index.rank_passages(q.content, turn.plan_ids, ["target"])[:1] if q.content_tokens else []
        if hits and hits[0].score >= PASSAGE_MATCH:
            return None
        plan = self.index.plans[talked[0].split(":", 1)[0]]
        return turn.request(Items.TASKS, plans=[plan], filters=Filters(ids=(talked[0],)), show=(Field.OBJECTIVE,))

    def _targets(self, turn: Turn) -> Request | None:
        q = turn.query
        target_years = {t.year for p in turn.plans for t in p.targets}
        follow = (
            turn.context.intent == "targets"
            and not turn.explicit
            and not q.task_numbers
            and (q.has("compare") or bool(q.years and not q.content_tokens))
        )
        if turn.context.intent == "targets" and not q.task_numbers and self.lexicon.has("follow_on", q.folded):
            # "còn số đơn vị … có cán bộ được tập huấn thì sao?" after a target: another target, same year
            best = self.index.rank_passages(q.content, turn.plan_ids, ["target"])[:1]
            follow = follow or bool(best and best[0].score >= PASSAGE_MATCH)
        if q.has("general_objective"):
            return None
        milestones = target_years - {p.year_start for p in turn.plans if p.year_start == p.year_end}
        if len(milestones) > 1 and _BOTH_MILESTONES_RE.search(q.folded):
            q.years = sorted(milestones)  # "… ở 2 mốc đó": each milestone, not the one talked about last
        other_part = q.has("lead", "coop", "responsibility", "reporting", "budget", "list", "time", "document")
        # (the province the targets just shown are of, said again or carried over from the message's question before)
        shown_in = {
            self.index.plans[p].province_id for r in turn.context.last for p in r.plans if p in self.index.plans
        }
        other_province = bool(q.provinces) and not set(q.provinces) <= shown_in
        if (
            turn.context.intent == "targets"
            and q.years
            and set(q.years) <= milestones
            and not (other_province or q.task_numbers or q.agencies or other_part)
        ):
            # "đến 2025 họ được đào tạo ở mức nào, tới 2030 thì sao?" after a target: its milestones named, and
            # words of the targets or none ("năm 2025 thì sơ kết thế nào?" asks the plan's review instead)
            shown = {i for r in turn.context.last if r.items is Items.TARGETS for i in r.filters.ids}
            said = " ".join(t.text for p in turn.plans for t in p.targets if f"{p.id}:{t.id}" in shown)
            level = {w for phrase in self.lexicon.phrases("target_level") for w in phrase.split()}
            # ("so" is sở, số, sơ …; "mức nào" asks the level the targets set)
            words = [t for t in q.content_tokens if t.isalpha() and len(t) > 2 and fold(t) not in level]
            known = set(self.index.content_tokens(said))
            follow = sum(w in known for w in words) * 2 >= len(words)  # ("đào tạo mức nào": "mức" is not theirs)
            follow = follow or self.lexicon.has("changed_to", q.folded)  # "tới 2030 thì đổi thành mức gì"
        shown_targets = [r for r in turn.context.last if r.items is Items.TARGETS and r.filters.ids]
        when = q.has("document_weak", "time") and not (q.content_tokens or q.years or turn.explicit or q.task_numbers)
        if shown_targets and when:
            # "đến năm nào?" after a target: its milestone, which the targets just shown say (not the plan's date)
            return shown_targets[-1]
        if turn.context.intent == "targets" and turn.context.year and self.lexicon.has("next_milestone", q.folded):
            # "còn mốc sau đó?": the same targets at the plan's next milestone
            later = sorted({t.year for p in turn.plans for t in p.targets if t.year > turn.context.year})
            if later:
                ids = self._ranked_targets(turn, [p for p in turn.plans if p.targets], later[:1])
                return turn.request(
                    Items.TARGETS, op=Op.LIST, plans=turn.plans, filters=Filters(ids=ids, year=later[0])
                )
        shown = self._targets_pointed_at(turn)
        if shown:
            return turn.request(Items.TARGETS, op=Op.LIST, plans=turn.plans, filters=Filters(ids=shown))
        aim = self._aim_of_task_talked_about(turn)
        if aim is not None:
            return aim
        # 2025, 2030 name targets; an annual plan's own year ("mục tiêu … năm 2022") names the plan
        horizon_years = target_years - {p.year_start for p in turn.plans if p.year_start == p.year_end}
        pair = self._target_pair(turn, [p for p in turn.plans if p.targets], [y for y in q.years if y in horizon_years])
        if pair is not None:
            return pair
        asks = q.has("targets") or (q.has("objective") and not turn.tasks and bool(horizon_years & set(q.years)))
        other = q.has("budget", "lead", "coop", "time", "reporting", "document", "recipients")
        # (a share the message quotes, "đặt mục tiêu 100% cán bộ … được đào tạo": the target that says it)
        numeric = q.has("statistics", "quantity") or bool(
            q.has("objective") and re.search(r"bao nhieu|\bmay\b|\d\s?%", q.folded)
        )
        # "về số đơn đăng ký SHTT, mục tiêu tăng bao nhiêu mỗi năm?": its cue words are the target's words too
        words = q.content if any(t.isalpha() for t in q.content_tokens) else q.full_content  # ("tăng bao nhiêu %")
        # "có mục tiêu gì về kiểm toán, định giá TSTT": a target that says it, where the objectives say it less well
        topical = q.has("objective") and bool(q.content_tokens) and self._target_over_objectives(turn)
        if (
            not asks
            and not other
            and self.index.content_tokens(words)
            and (numeric or horizon_years & set(q.years) or topical)
        ):
            hits = self._good(turn, self.index.rank_passages(words, turn.plan_ids, ["target"]), 0.5)
            if not hits and q.has("statistics") and horizon_years & set(q.years):
                # "mức tăng số đơn đăng ký … đến 2025 và 2030": the figures asked name the target, where the
                # question's own words ("mức tăng") name none
                hits = self._good(turn, self.index.rank_passages(q.full_content, turn.plan_ids, ["target"]), 0.5)
            task_best = max((h.score for h in self.index.rank_tasks(words, turn.plan_ids)[:1]), default=0.0)
            named_year = bool(horizon_years & set(q.years)) and bool(hits) and hits[0].score >= PASSAGE_MATCH
            # "Mục tiêu năm 2027 của tỉnh … về tỷ lệ … là bao nhiêu": the aim of a year the targets are set for
            aimed = "|".join(str(y) for y in sorted(horizon_years & set(q.years)))
            named_year = named_year or bool(
                hits and aimed and re.search(rf"\b(?:muc tieu|chi tieu) (?:(?:den |toi )?nam )?(?:{aimed})\b", q.folded)
            )
            # "Đến năm 2025, Thái Bình muốn bao nhiêu phần trăm cán bộ … được đào tạo, ở mức độ nào?": a milestone
            # opening the question, and a figure or level asked of it
            named_year = named_year or bool(
                hits
                and aimed
                and re.match(rf"(?:\S+ ){{0,2}}(?:den|toi) (?:nam |moc )?(?:{aimed})\b", q.folded)
                and re.search(r"\bbao nhieu\b|\bphan tram\b|\d\s?%|\bmuc (?:do )?nao\b", q.folded)
            )
            asks = bool(hits) and (hits[0].score >= task_best - 0.05 or q.has("statistics") or named_year)
        if not (asks or follow) or turn.task_how == "number":
            return None
        if (
            len(turn.tasks) == 1
            and turn.task_how == "content"
            and not horizon_years & set(q.years)
            and self._strong_task(turn)
            and (q.has("objective") or (not q.has("compare") and len(q.years) <= 1 and self._task_over_targets(turn)))
        ):
            # "CDĐL Thịt cừu năm 2023: mục tiêu cụ thể là gì": that one task's aim, not the plan's targets;
            # "có hỗ trợ giống cây trồng mới không, theo chỉ tiêu nghị quyết nào": the task that cites it
            return None
        if turn.task_how in ("context", "analog") and q.has("lead", "coop", "budget", "time"):
            return None  # "hồi đó sở nào lo việc này và chỉ tiêu bao nhiêu sản phẩm?": that task's parts
        one_each = len({r.plan_id for r in turn.tasks}) == len(turn.tasks) == len(turn.plans) > 1
        if turn.task_how == "content" and one_each and q.has("lead", "coop") and self._strong_task(turn):
            # "chỉ tiêu hỗ trợ … sp OCOP năm 2022 và 2023 khác nhau thế nào, ai chủ trì mỗi năm": one task in each
            # year, whose count and lead are asked, not the plans' lists of targets
            return None
        counted = any(self._task(r).quantities for r in turn.tasks)
        if turn.task_how in ("context", "analog") and q.has("quantity") and counted:
            return None  # "còn năm 2023 thì sao, chỉ tiêu bao nhiêu sản phẩm?": the count that task states
        if turn.tasks and turn.task_how == "content" and q.has("quantity"):
            best_target = max(
                (h.score for h in self.index.rank_passages(q.content, turn.plan_ids, ["target"])[:1]), default=0.0
            )
            top = self.index.rank_tasks(q.content, turn.plan_ids)[:1]
            stated = (
                bool(top) and isinstance(top[0].item, TaskRef) and bool(self.index.tasks[top[0].item.id].quantities)
            )
            if stated and top[0].score >= best_target:
                return None  # a count the task itself states ("mấy lớp")
        plans = [p for p in turn.plans if p.targets]
        if not plans:
            if turn.tasks:
                return None
            return turn.request(Items.TARGETS, op=Op.LIST)  # answering says the plan sets none
        carried = q.has("refer") or (follow and turn.context.intent == "targets")
        asked_years = q.years or ([turn.context.year] if carried and turn.context.year else [])
        years = [y for y in asked_years if any(t.year == y for p in plans for t in p.targets)]

        # a year inside a plan's span that sets no target of its own ("có sáng chế được cấp bằng năm 2023, chỉ
        # tiêu bn sáng chế?" of a 2021–2030 plan): that plan's targets, which are the ones for that year
        # (a count with no target asked, "năm 2023 có bao nhiêu đơn", asks results: the plans have none)
        spans = [p for p in plans if q.has("targets") and p.year_start != p.year_end]
        stray = [
            y
            for y in q.years
            if y not in years
            and not any(p.year_start == p.year_end == y for p in plans)
            and not any(p.year_start <= y <= p.year_end for p in spans)
            and not self._baseline_of_target(q.folded, y, plans)  # ("tăng … so với năm 2024": the target's base)
            # ("Kế hoạch … giai đoạn 2023 - 2025 của tỉnh Bắc Kạn": the plan's own span names the plan)
            and not any(
                p.year_start != p.year_end
                and y in (p.year_start, p.year_end)
                and re.search(rf"\b{p.year_start}\s*-\s*{p.year_end}\b", q.folded)
                for p in plans
            )
        ]
        ids = self._ranked_targets(turn, plans, years)
        year = years[0] if len(years) == 1 else None
        counted = self._target_not_set(turn, plans)
        if counted:
            return turn.request(
                Items.TARGETS,
                op=Op.LIST,
                plans=plans,
                filters=Filters(ids=ids, year=year, words=(counted,)),
                reason=Reason.NOT_STATED,
            )
        if (
            q.has("statistics")
            and not q.has("targets")
            and re.search(r"hien nay|hien tai|hien co|da co|da dat|da cap|tinh den|\broi\b", q.folded)
        ):
            return turn.request(
                Items.TARGETS, op=Op.LIST, plans=plans, filters=Filters(ids=ids, year=year), reason=Reason.NO_STATISTICS
            )
        if stray and (q.has("statistics") or q.has("quantity")):
            return turn.request(Items.NOTHING, plans=plans, reason=Reason.NO_STATISTICS, filters=Filters(year=stray[0]))
        return turn.request(Items.TARGETS, op=Op.LIST, plans=plans, filters=Filters(ids=ids, year=year))

    def _agencies_in_targets(self, context: Context) -> list[str]:
        """The agencies the targets just shown name, in their order."""
        shown = [i for r in context.last if r.items is Items.TARGETS for i in r.filters.ids]
        texts = {f"{p.id}:{t.id}": t.text for p in self.index.plans.values() for t in p.targets}
        for i in shown:  # the first target shown that names any (the one the words matched best)
            named = understand(self.index, texts[i], self.lexicon).agencies if i in texts else []
            if named:
                return list(dict.fromkeys(named))
        return []

    def _targets_pointed_at(self, turn: Turn) -> tuple[str, ...]:
        """ "mấy sáng chế đó …?", "đó là những sở nào?" after targets: the targets just shown, those the words
        match first (none when the question names a task or a plan of its own, or points at nothing)."""
        q = turn.query
        if turn.context.intent != "targets" or turn.explicit or q.task_numbers or q.years:
            return ()
        if q.has("lead", "coop", "responsibility", "budget", "reporting") or self.lexicon.has("agency_role", q.folded):
            return ()  # "ai chịu trách nhiệm tổng kết … đến mốc đó", "các sở đó làm gì": another part of the plan
        if not (q.has("refer") or (q.accents and _POINTING_RE.search(q.raw.lower()))):
            return ()  # ("cùng mốc đó thì chỉ tiêu về sáng chế": the year pointed at, not the targets)
        shown = [i for r in turn.context.last if r.items is Items.TARGETS for i in r.filters.ids]
        texts = {f"{p.id}:{t.id}": t.text for p in turn.plans for t in p.targets}
        shown = [i for i in shown if i in texts]
        query = self.index.query_grams(turn.query.content)[1] if q.content_tokens else set()
        if query and shown:
            # the words must be the targets' own: "mấy sáng chế đó …" after the target on patents
            score = {i: self.index.coverage(query, self.index.doc_grams(texts[i]))[0] for i in shown}
            best = max(score.values())
            shown = [i for i in shown if score[i] >= best - 0.1] if best >= 0.3 else []
        return tuple(shown)

    def _task_behind_target(self, turn: Turn) -> list[TaskRef]:
        """The task whose count the target first shown is, when a part of a task is asked of it ("cái đó ai làm?"
        after "tối thiểu 06 sản phẩm OCOP"); none for a plan whose targets stand apart from its tasks."""
        q = turn.query
        if turn.context.intent != "targets" or q.task_numbers or q.has("targets") or not q.has(*TASK_FACETS):
            return []
        if q.content_tokens and not q.has("refer"):
            return []
        for shown in [i for r in turn.context.last if r.items is Items.TARGETS for i in r.filters.ids[:1]]:
            plan_id, target_id = shown.split(":", 1)
            plan = self.index.plans.get(plan_id)
            if plan is None or plan_id not in turn.plan_ids:
                continue
            target = next((t for t in plan.targets if t.id == target_id), None)
            task = next((t for t in plan.tasks if target is not None and t.section == target.section), None)
            if task is not None:
                return [TaskRef(plan_id, task.number)]
        return []

    def _target_over_objectives(self, turn: Turn) -> bool:
        """The words name a target well, better than any passage of the plan's objectives."""
        q = turn.query
        target = self.index.rank_passages(q.content, turn.plan_ids, ["target"])[:1]
        objective = self.index.rank_passages(q.content, turn.plan_ids, ["objective"])[:1]
        best = target[0].score if target else 0.0
        return best >= PASSAGE_MATCH and best > (objective[0].score if objective else 0.0)

    def _task_over_targets(self, turn: Turn) -> bool:
        """The words name one task far better than any target (a task that cites a target is that task)."""
        q = turn.query
        task = max((h.score for h in self.index.rank_tasks(q.content, turn.plan_ids)[:1]), default=0.0)
        target = max((h.score for h in self.index.rank_passages(q.content, turn.plan_ids, ["target"])[:1]), default=0.0)
        return task >= target + TASK_OVER_TARGET

    def _target_not_set(self, turn: Turn, plans: list[Plan]) -> str | None:
        """What a number question counts ("bao nhiêu sản phẩm OCOP"), when no target of the plans counts it."""
        q = turn.query
        m = _COUNTED_RE.search(q.expanded)  # abbreviations spelled out: "DN" is "doanh nghiệp" in the targets
        head = m.group(0)[: m.start(1) - m.start(0)] + m.group(1).split()[0] if m else ""
        if m is None or not q.in_one_clause(head) or re.match(r"(?:va|hay|hoac|con)\b", m.group(1)):
            # ("là bao nhiêu, cơ quan chủ trì …" counts no agencies; "sáng chế, giải pháp" is one list;
            # "tỷ lệ bao nhiêu và ở mức nào" counts nothing: the count ends where another question begins)
            return None
        thing, found_in = _COUNTED_RE, m.group(1)
        if found_in.split()[0] in ("cai", "chiec"):
            return None  # "chỉ tiêu mấy cái, sở nào lo": the thing counted is the one already named, no new one
        if re.match(r"(?:phan tram|ty le|ti le)\b", found_in):
            # "số đơn đăng ký tăng bao nhiêu phần trăm": what grows is counted, not the per cent
            thing = _GROWS_RE
            grows = thing.search(q.expanded)
            if grows is None:
                return None
            found_in = grows.group(grows.lastindex or 1)
        # what is counted ends where "đến 2025", "trong kế hoạch" begins
        counted = re.split(r"\b(?:den|trong|cua|nam|vao|\d+)\b", found_in)[0]
        words = [w for w in self.index.content_tokens(counted) if w not in _COUNTED_STOP][:3]
        if not words:
            return None
        # the counted thing, its rarer words weighing more, must be nearly all in one target
        asked = set(words)
        # of the milestone named, if one is ("… kiểm toán, định giá TSTT cho mốc 2025": set for 2030 only)
        years = {t.year for p in plans for t in p.targets} & set(q.years)
        best = max(
            (
                self.index.coverage(asked, self.index.doc_grams(t.text))[0]
                for p in plans
                for t in p.targets
                if not years or t.year in years
            ),
            default=0.0,
        )
        if best >= COUNTED_IN_TARGET:
            return None
        said = thing.search(q.folded)  # where it stands in the message, to quote it with the user's accents
        if said is not None and len(q.shaped) == len(q.folded):
            at = said.start(said.lastindex or 1)
            return q.shaped[at : at + len(counted)].strip()
        return counted.strip()

    def _target_pair(self, turn: Turn, plans: list[Plan], years: list[int]) -> Request | None:
        """'Từ mốc 2025 lên 2030 tăng thêm bao nhiêu đơn vị?': the same target at two milestones, compared.

        The milestones are the two years named, or one named and the one the conversation was at;
        the target is the best match in the later year and its namesake (same category) in the other.
        """
        q = turn.query
        if not self.lexicon.has("difference", q.folded) and not q.has("compare"):
            return None
        milestones = sorted(set(years) | ({turn.context.year} if turn.context.year and len(years) == 1 else set()))
        marks = sorted({t.year for p in plans for t in p.targets})
        if not years and turn.context.intent == "targets" and turn.context.year in marks and len(marks) == 2:
            milestones = marks  # "thế 2030?" … "vậy tăng thêm bao nhiêu đơn vị": the plan's two milestones
        if len(milestones) != 2 or len(plans) != 1:
            return None
        plan = plans[0]
        asked = self.index.query_grams(q.full_content)[1]  # "số đơn vị … tập huấn": cue words name the target too
        scored = sorted(
            (
                (self.index.coverage(asked, self.index.doc_grams(t.text))[0], n, t)
                for n, t in enumerate(plan.targets)
                if t.year == milestones[1] and t.value
            ),
            key=lambda c: (-c[0], c[1]),
        )
        later = scored[0][2] if scored else None
        best, second = (scored[0][0] if scored else 0.0), (scored[1][0] if len(scored) > 1 else 0.0)
        # a long question dilutes the words that name the target: one far ahead of the rest is named too
        named = best >= TARGET_NAMED or (best >= TARGET_NAMED / 2 and best >= 2 * second)
        if later is None or not named:
            # "vậy so với mốc 2025 thì tăng thêm bao nhiêu?": the target the last answer put first
            shown = [i for r in turn.context.last if r.items is Items.TARGETS for i in r.filters.ids]
            later = next((t for t in plan.targets if shown and f"{plan.id}:{t.id}" == shown[0] and t.value), None)
        if later is None:
            return None  # "so với năm 2030 thì thay đổi ra sao?" names no one target: both lists answer it
        other = milestones[0] if later.year == milestones[1] else milestones[1]
        query = asked | self.index.doc_grams(later.text)
        earlier = max(
            (t for t in plan.targets if t.year == other and t.category == later.category and t.value),
            key=lambda t: self.index.coverage(query, self.index.doc_grams(t.text))[0],
            default=None,
        )
        if earlier is None:
            return None
        earlier, later = sorted((earlier, later), key=lambda t: t.year)
        ids = (f"{plan.id}:{earlier.id}", f"{plan.id}:{later.id}")
        return turn.request(Items.TARGETS, op=Op.DIFFERENCE, plans=[plan], filters=Filters(ids=ids))

    def _ranked_targets(self, turn: Turn, plans: list[Plan], years: list[int]) -> tuple[str, ...]:
        """Targets by how well they match the question's words; the document's order when none stands out."""
        content = turn.query.content if any(t.isalpha() for t in turn.query.content_tokens) else ""
        if not content:  # "thế năm 2025 thì bao nhiêu?": the target just shown, at another milestone
            shown = [i for r in turn.context.last if r.items is Items.TARGETS for i in r.filters.ids[:1]]
            content = next((t.text for p in plans for t in p.targets if shown and f"{p.id}:{t.id}" == shown[0]), "")
        if not content and self.index.content_tokens(turn.query.full_content):
            content = turn.query.full_content  # "về số đơn đăng ký, mục tiêu tăng bao nhiêu": its cue words
        query = self.index.query_grams(content)[1] if content else set()
        ids: list[str] = []
        for plan in plans:
            chosen = [t for t in plan.targets if not years or t.year in years]
            if query and len(chosen) > 1:
                by_section = {t.section: t for t in plan.tasks}
                said = {t.id: self.index.doc_grams(_target_said(t, by_section.get(t.section))) for t in chosen}
                ranked = sorted(chosen, key=lambda t: -self.index.coverage(query, said[t.id])[0])
                if self.index.coverage(query, said[ranked[0].id])[0] >= 0.3:
                    chosen = ranked
            ids += [f"{plan.id}:{t.id}" for t in chosen]
        return tuple(ids)

    # ------------------------------------------------------------------ duties
    def _which_agencies(self, turn: Turn) -> list[Request] | None:
        """'Những cơ quan nào phải bố trí cán bộ…?': the duties that say so, whoever holds them.

        Also "ai hỗ trợ … chỉ dẫn địa lý?" when the task it matches names nobody in that role
        (Thái Bình assigns work by agency in "Tổ chức thực hiện", not task by task): a duty
        that says it is the answer, where one does.
        """
        q = turn.query
        which = _WHICH_AGENCIES_RE.search(q.folded)
        # "những sở nào phải … gửi Sở Tài chính thẩm định?": an agency after the question is part of what is asked
        # (one set aside before it is no subject either: "ngoài Sở KH&CN, những sở nào …")
        named_after = bool(which) and all(
            s >= which.end() or s in q.aside_at for s, _ in self.index.agency_spans(q.folded)
        )
        # ("Thái Bình giao sở nào làm đầu mối": the role's own words are the duty's where a plan names no task's lead)
        by_agency = not any(t.lead for p in turn.plans for t in p.tasks)
        worded = q.content_tokens or (by_agency and self.index.content_tokens(q.full_content))
        if (q.agencies and not named_after) or turn.task_how == "number" or not worded:
            return None
        if turn.task_how in ("context", "analog") and q.has("lead", "coop"):
            return None  # "lớp đó phối hợp với cơ quan nào?": that task's agencies
        if turn.tasks and self.lexicon.has("guided_by", q.folded):
            return None  # "… theo hướng dẫn của cơ quan nào": the task's own words say
        unassigned = self._unassigned(turn)
        if not (_asks_which_agencies(q) or unassigned):
            return None
        # only the duties of the plan the unassigned task is in: another plan's are another answer
        plan_ids = [unassigned.plan_id] if unassigned else list(turn.plan_ids)
        # the duty's own words may be cue words ("bố trí kinh phí"): look with them kept, and with the agencies
        # named after the question ("sở nào tham mưu UBND tỉnh bố trí kinh phí": whom they advise is asked too)
        objects = [q.folded[a:b] for a, b in self.index.agency_spans(q.folded) if which and a >= which.end()]
        hits = self.index.rank_passages(" ".join([q.full_content, *objects]), plan_ids, ["responsibility"])
        good = self._good(turn, hits, UNASSIGNED_DUTY if unassigned else 0.5)
        # long entries score low: one clear winner will do, or the few close to a winner when the question
        # asks which agencies ("cơ quan nào xử lý hàng vi phạm": Công an/QLTT/Hải quan and Sở KH&CN); not when
        # a task matched (its own words guide better: _assigned_duty), words no plan uses name the subject
        # ("bánh cáy Làng Nguyễn"), or the objectives are asked ("tổ chức nào đóng vai trò then chốt")
        several = _asks_which_agencies(q) and not (unassigned or turn.unknown_words or q.has("objective", "targets"))
        clear = [] if good else self._clear_duty(hits, several=several)
        best_task = max((h.score for h in self.index.rank_tasks(q.full_content, plan_ids)[:1]), default=0.0)
        if clear:
            good = clear
        if not good or (turn.task_how == "content" and best_task > good[0].score and not unassigned):
            return None
        top = good[0].score
        passages = [
            h.item
            for h in (clear or hits[:8])
            if isinstance(h.item, Passage) and h.score >= top - WHICH_SPREAD and h.evidence >= MIN_EVIDENCE
        ]
        if q.aside:  # "ngoài Sở KH&CN, những sở nào …": not an entry of its own (one it shares names the others)
            passages = [p for p in passages if not set(self._entry_agencies(p)) <= set(q.aside)] or passages
        requests = self._passages(turn, passages[:6])
        if unassigned:
            note = Request(
                items=Items.TASKS,
                plans=(unassigned.plan_id,),
                explicit=turn.explicit,
                filters=Filters(ids=(unassigned.id,)),
                show=(Field.LEAD,),
            )
            requests.insert(0, note)
        return requests

    def _entry_agencies(self, passage: Passage) -> list[str]:
        """The agencies a "Tổ chức thực hiện" entry is about (none for another kind of passage)."""
        plan = self.index.plans[passage.plan_id]
        return next((e.agencies for e in plan.responsibilities if e.section == passage.section), [])

    def _unassigned(self, turn: Turn) -> TaskRef | None:
        """The task a who-question matched, when no matched task names anybody in the role asked about."""
        q = turn.query
        if turn.task_how != "content" or not turn.tasks or not (q.has("lead", "coop") or _asks_which_agencies(q)):
            return None
        coop_only = q.has("coop") and not q.has("lead")
        if any(self._task(r).cooperating if coop_only else self._task(r).lead for r in turn.tasks):
            return None
        return turn.tasks[0]

    def _passages(self, turn: Turn, passages: list[Passage]) -> list[Request]:
        """Quote passages; of a long duty entry, only the duties the question is about."""
        out = []
        for p in passages:
            parts = self._duties_asked(turn, p)
            pid = f"{p.plan_id}|{p.kind}|{p.ref}"
            out.append(
                Request(
                    items=Items.PASSAGES,
                    plans=(p.plan_id,),
                    explicit=turn.explicit,
                    filters=Filters(ids=(pid,), parts=parts),
                )
            )
        return out

    def _duties_asked(self, turn: Turn, passage: Passage) -> tuple[int, ...]:
        """The duties of a long "Tổ chức thực hiện" entry that the question is about, not all of them.

        An agency's entry runs to five or more duties; a phone screen should show the one asked
        about ("hỗ trợ chuyên môn … chỉ dẫn địa lý" is duty d of V.1), cited to its letter.
        """
        if passage.kind != "responsibility":
            return ()
        plan = self.index.plans[passage.plan_id]
        entry = next((r for r in plan.responsibilities if r.section == passage.section), None)
        if entry is None:
            return ()
        asked = set(turn.query.agencies) - set(entry.agencies)
        if asked:
            # "KH có nhắc gì tới VP điều phối NTM không?": the duties of another's entry that name it
            naming = self.index.duties_naming(entry, asked)
            if naming:
                return naming
        if len(entry.duties) < 3 and sum(len(d.text) for d in entry.duties) <= PASSAGE_SHOWN:
            return ()  # (two duties that fit on the screen are shown whole; longer ones, the one asked about)
        wanted = set(tokens(turn.query.full_content))
        scored = [(len(wanted & set(tokens(d.text))), n) for n, d in enumerate(entry.duties)]
        best = max(score for score, _ in scored)
        if best < MIN_DUTY_WORDS:
            return ()
        return tuple(n for score, n in scored if score >= max(MIN_DUTY_WORDS, best - 1))[:3]

    def _duties(self, turn: Turn, plans: list[Plan], slugs: list[str], sections: list[str] | None = None) -> Request:
        """What "Tổ chức thực hiện" assigns to the agencies; the duties matching the words first."""
        chosen = [
            (p, r)
            for p in plans
            for r in p.responsibilities
            if any(s in r.agencies for s in slugs) and (sections is None or r.section in sections)
        ]
        if len(slugs) > 1:
            both = [(p, r) for p, r in chosen if all(s in r.agencies for s in slugs)]
            chosen = both or chosen
        # kept with their plans: "r in entries" compared models field by field, 2 million times at 300 plans
        entries = [r for _, r in chosen]
        ids = tuple(f"{p.id}:{r.section}" for p, r in chosen)
        parts: tuple[int, ...] = ()
        content = turn.query.content
        if content and len(entries) == 1:
            query = self.index.query_grams(content)[1]
            duties = entries[0].duties
            parts = tuple(
                sorted(
                    range(len(duties)),
                    key=lambda n: -self.index.coverage(query, self.index.doc_grams(duties[n].text))[0],
                )
            )
        # "điểm b mục 9", "ý c)": a lettered point of the one entry named
        points = self._points(turn.query) if len(ids) == 1 else ()
        holds = entries or any(self.operations.tasks_naming(s, plans) for s in slugs)
        if not holds:
            # "thái bình có nhắc tới cục SHTT ko, trong việc gì?": no entry, no task of its own, but tasks whose
            # words name it ("theo hướng dẫn của … Cục Sở hữu trí tuệ"): those are what the plan says of it
            wanted = set(slugs)
            naming = [(p, t) for p in plans for t in p.tasks if wanted & set(self.index.find_agencies(t.content))]
            named = tuple(f"{p.id}:{t.number}" for p, t in naming)
            if named:  # (each task's words whole: where they name it may lie past a list line's length)
                chosen = Filters(ids=named[:MAX_TIED])
                return turn.request(Items.TASKS, plans=plans, filters=chosen, show=(Field.CONTENT,))
        # "KH 160 có giao nhiệm vụ riêng cho Sở Tư pháp không?": no entry and no task of its own, "no" answers it
        asked = (Field.CONTINUES,) if not holds and self._asks_whether_there(turn.query) else ()
        return turn.request(
            Items.DUTIES,
            plans=plans,
            filters=Filters(agency=slugs[0], role=Role.DUTY, ids=ids, parts=parts, points=points),
            show=asked,
        )

    # ------------------------------------------------------------------ objectives
    def _plan_objectives(self, turn: Turn) -> Request | None:
        q = turn.query
        general = q.has("general_objective") and turn.task_how != "number"
        # ("… là mục tiêu của nhiệm vụ nào": which task, not the plan's objectives)
        plain = (
            q.has("objective") and not turn.tasks and not q.agencies and not self.lexicon.has("which_tasks", q.folded)
        )
        if not general and not (plain and not (q.content_tokens and self._is_topic(turn))):
            return None
        wanted = set(tokens(q.content))
        # the part named comes first: "phần mục đích" the purpose, "những yêu cầu" the requirements (I.2)
        named = {"purpose"} if re.search(r"\bmuc dich\b", q.folded) else set()
        named |= {"requirement"} if re.search(r"\byeu cau\b", q.folded) else set()
        kinds = {"purpose", "general_objective", "objective", *named}
        ids: list[str] = []
        for plan in turn.plans:
            blocks = [(n, b) for n, b in enumerate(plan.objectives) if b.kind in kinds]
            blocks.sort(key=lambda nb: (nb[1].kind not in named, -len(wanted & set(tokens(nb[1].text)))))
            ids += [f"{plan.id}:{n}" for n, _ in blocks]
        show = (Field.GENERAL,) if re.search(r"muc tieu chung", q.folded) else ()
        return turn.request(Items.OBJECTIVES, show=show, filters=Filters(ids=tuple(ids)))

    # ------------------------------------------------------------------ budget
    def _budget_views(self, turn: Turn) -> Request | list[Request] | None:
        q = turn.query
        if turn.elsewhere and q.has("budget"):
            return self._not_found(turn)  # the task asked about is in another plan: not this plan's budget
        split = [p for p in turn.plans if any(s.amount is not None for s in p.budget.sources)]
        if self.lexicon.has("central_money", q.expanded) and not turn.tasks and turn.plans and not split:
            # "trong 5,54 tỷ, ngân sách trung ương bao nhiêu?" of a plan that gives no amount per source
            return turn.request(
                Items.BUDGET,
                show=(Field.TOTAL, Field.SOURCES),
                reason=Reason.NOT_STATED,
                filters=Filters(words=("số tiền của ngân sách trung ương",)),
            )
        if turn.elsewhere and q.has("quantity"):
            return self._not_found(turn)  # "Thái Bình tổng cộng bao nhiêu lớp?": no such count here; where it is
        # ("trong bảng dự toán 2023, UBND huyện được giao chủ trì việc gì": the table is where to look, the agency's
        # part what is asked)
        where = q.has("table") and bool(q.agencies) and q.has("lead", "coop", "responsibility")
        # ("trong bảng dự toán 2023 dòng Quý I-II là nv gì": a quarter chooses rows of the table)
        where = where or (q.has("table") and bool(q.quarters))
        # ("trong bảng dự toán 2023, những cơ quan nào được giao chủ trì": the agencies of its rows)
        where = where or (q.has("table") and self.lexicon.has("every_agency_in_role", q.folded))
        if q.has("in_words", "amount", "table") and not turn.tasks and not (q.sources and q.has("table")) and not where:
            return self._plan_budget(turn)  # ("cột NS khác ghi bao nhiêu" is that source's column, below)
        if not q.has("budget"):
            return None
        if q.agencies and not turn.tasks and not q.sources:
            return None  # "Sở KH&ĐT phối hợp … tham mưu bố trí kinh phí": a duty, not the totals
        named_in_one_plan = max((len({s.key for s in p.budget.sources} & q.sources) for p in turn.plans), default=0)
        if named_in_one_plan >= 2 and not q.has("list", "largest") and turn.task_how != "number":
            return turn.request(Items.BUDGET, show=(Field.TOTAL, Field.SOURCES))  # "mỗi nguồn bao nhiêu"
        after_totals = turn.task_how == "context" and turn.context.intent in _PLAN_BUDGET_INTENTS
        alone = self.operations.source_alone(turn) if not turn.tasks else None
        if alone is not None:  # "tổng kinh phí các dòng chỉ dùng NS sự nghiệp khoa học": those rows, added up
            largest = q.has("largest")
            smallest = largest and self.lexicon.has("smallest", q.folded)
            return turn.request(
                Items.TASKS,
                op=(Op.MIN if smallest else Op.MAX) if largest else Op.SUM if not q.has("list") else Op.LIST,
                measure=self.operations.measure_asked(turn) or Measure.ALLOCATION,
                filters=Filters(source=alone, source_alone=True, status=("row",)),
                show=(Field.BUDGET,),
            )
        if q.sources and (q.has("list", "largest") or not turn.tasks or after_totals or self._source_over_task(turn)):
            if q.has("largest"):
                return self._largest(turn, source=sorted(q.sources)[0])
            sources = [turn.request(Items.SOURCES, filters=Filters(source=key)) for key in self._source_order(turn)]
            if self.lexicon.has("plan_total", q.folded) and not turn.tasks and not self._total_of_source(q):
                return [self._plan_budget(turn), *sources]  # "tổng dự toán bn, trong đó trung ương bn?"
            return sources
        if q.has("largest"):
            return self._largest(turn)
        if q.has("by_group"):
            return turn.request(Items.GROUPS, op=Op.SUM)
        if turn.tasks and (not q.has("compare") or turn.task_how in ("number", "content", "analog")):
            return None  # the tasks named (in each year compared) answer it; "so với năm 2022?" alone is the plans
        if q.agencies and q.has("list"):
            return None
        if q.has("statistics") or self._unexplained(turn):
            return None
        if q.content_tokens and not self.lexicon.has("how_much", q.folded):
            # "dự toán chi tiết gửi sở nào thẩm định?" is answered by a duty, not by the totals ("tỉnh hỗ trợ bn tiền"
            # asks an amount, whatever duty says "hỗ trợ")
            good = self._good(
                turn,
                self.index.rank_passages(q.content, turn.plan_ids, ["responsibility", "reporting"]),
                PASSAGE_MATCH,
            )
            passages = [h.item for h in good if isinstance(h.item, Passage)]
            if passages:
                return self._passages(turn, passages[:2])
        return self._plan_budget(turn)

    def _source_order(self, turn: Turn) -> list[str]:
        """The funding sources named, in the plans' order."""
        keys = turn.query.sources
        order = [s.key for p in turn.plans for s in p.budget.sources if s.key in keys]
        return list(dict.fromkeys(order)) or sorted(keys)

    def _plan_budget(self, turn: Turn) -> Request:
        f = turn.query.folded
        asks_source = self.lexicon.has("money_source_asked", f) and not self.lexicon.has("how_much", f)
        asks_amount = not asks_source and self.lexicon.has("money_amount_asked", f)
        show = (Field.SOURCES,) if asks_source else (Field.TOTAL,) if asks_amount else ()
        if self.lexicon.has("share", f) and _EACH_SOURCE_RE.search(f):
            show = (Field.TOTAL, Field.SOURCES, Field.SHARE)  # "chia theo nguồn thì mỗi nguồn chiếm bao nhiêu %"
        # "riêng năm 2024, kế hoạch bố trí bao nhiêu": one year of a plan over several, which it may not split
        years = self._years_alone(turn.query)
        one_year = len(years) == 1 and any(
            p.year_start < years[0] <= p.year_end
            or (p.year_start == years[0] < p.year_end and self.lexicon.has("one_year_asked", f))
            for p in turn.plans
        )
        return turn.request(Items.BUDGET, show=show, filters=Filters(year=years[0]) if one_year else Filters())

    @staticmethod
    def _years_alone(q: Query) -> list[int]:
        """The years a question names on their own, not as the ends of a span ("năm 2024 (giai đoạn 2023 -
        2025)": 2024; "kế hoạch 2024 - 2030": none), which names a plan's period."""
        span = r"\b20\d\d\s*(?:-|–|den|toi)\s*20\d\d\b"
        ends = {int(y) for m in re.finditer(span, q.folded) for y in re.findall(r"20\d\d", m.group(0))}
        alone = re.sub(span, " ", q.folded)
        # (a year the conversation carries is not in the words at all: it stays)
        return [y for y in q.years if y not in ends or re.search(rf"\b{y}\b", alone)]

    def _largest(self, turn: Turn, source: str | None = None) -> Request:
        smallest = any(w in turn.query.folded for w in ("it nhat", "nho nhat", "thap nhat"))
        return turn.request(
            Items.TASKS,
            op=Op.MIN if smallest else Op.MAX,
            measure=Measure.ALLOCATION if source else Measure.TOTAL,
            filters=Filters(source=source),
        )

    def _source_over_task(self, turn: Turn) -> bool:
        """A named funding source wins over a content match unless that task really draws on it."""
        if turn.task_how != "content":
            return False
        if self._refers_to_one(turn.query) and len(turn.tasks) == 1:
            return False  # "… Nv đó đề xuất TW hỗ trợ bn?": that task's money, whether or not it draws on the source
        draws = any(set(self._task(r).budget.allocation) & turn.query.sources for r in turn.tasks)
        return not (draws and self._strong_task(turn))

    def _unexplained(self, turn: Turn) -> bool:
        """Several content words that nothing in the plans explains: the question is about something else."""
        q = turn.query
        if len(q.content_tokens) < 2:
            return False
        best_task = max((h.score for h in self.index.rank_tasks(q.content, turn.plan_ids)[:1]), default=0.0)
        best_passage = max((h.score for h in self.index.rank_passages(q.content, turn.plan_ids)[:1]), default=0.0)
        return max(best_task, best_passage) < 0.35

    # ------------------------------------------------------------------ agencies
    def _agency(self, turn: Turn) -> Request | list[Request] | None:
        q = turn.query
        if not q.agencies or turn.task_how == "number":
            return None
        if len(q.agencies) >= 2 and _EACH_AGENCY_RE.search(q.folded):
            # "Sở Tài chính làm gì và Sở KH&ĐT làm gì?", "mỗi sở quản lý quyền gì": each agency on its own
            out: list[Request] = []
            for slug in q.agencies:
                one = replace(turn, query=replace(q, agencies=[slug]))
                found = self._agency(one)
                out += found if isinstance(found, list) else [found] if found else []
            return out or None
        if self.operations.negates_agency(turn):
            return None  # "trong mấy nhiệm vụ đó, cái nào không do Sở KH&CN chủ trì": a selection the agency is not in
        # "những ai phối hợp với sở KHCN" lists agencies, not the tasks of the one named
        listing = (q.has("list") and not _asks_which_agencies(q)) or bool(
            re.search(r"nhiem vu (gi|nao)|viec (gi|nao)", q.folded) or self.lexicon.has("which_tasks", q.folded)
        )
        listing = listing and not self.lexicon.has("verify", q.folded)  # "có phải Sở X chủ trì các lớp … không?"
        involved = any(set(q.agencies) & {*self._task(r).lead, *self._task(r).cooperating} for r in turn.tasks)
        points_at_agency = self.lexicon.has("refer_agency", q.folded)  # "sở đó còn làm gì nữa": the agency's
        if turn.task_how == "context" and not listing and involved and not points_at_agency:
            return None  # "ai phối hợp với Sở GD&ĐT?" about the task just discussed
        if not any(t.lead or t.cooperating for p in turn.plans for t in p.tasks):
            unstated = not any(p.budget.total or p.has_rows or p.budget.by_year for p in turn.plans)
            if unstated and q.has("budget") and self.lexicon.has("how_much", q.folded):
                # "huyện có được phân bổ số tiền cụ thể bao nhiêu ko?" of a plan that states no amount at all: that
                # it states none, and its sources (an agency's duty to find the money is no amount)
                return self._plan_budget(turn)
            # the plan assigns agencies only in "Tổ chức thực hiện": that is where the answer is
            duty = self._duty_match(turn)
            return duty or self._duties(turn, turn.plans, q.agencies)
        duty = self._duty_match(turn)
        if duty is not None and self.lexicon.has("duties_part_named", q.folded):
            return duty  # "Trong phần tổ chức thực hiện, Sở TT&TT phải triển khai … những lĩnh vực nào": that part
        named_task = self._strong_task(turn) or self.lexicon.has("verify", q.folded)
        if named_task and self._own_duty_as_good(turn, duty):
            named_task = False  # "Sở TT&TT triển khai SHTT trong những lĩnh vực nào": its entry says so as well
        if turn.task_how == "content" and not listing and named_task and (involved or duty is None):
            return None  # "Ai phối hợp với Sở X cập nhật CSDL…?", "có phải Sở X chủ trì …?" ask about that task
        # "Sở NN&PTNT phối hợp với đơn vị nào để rà soát sản phẩm OCOP": a duty the words name, not partners
        partners = None if duty is not None and q.content_tokens else self._partners(turn)
        if partners is not None:
            return partners
        # "sở đó có được ghi tên ở nhiệm vụ cụ thể nào không": its tasks, though its duties share words
        asks_tasks = self.lexicon.has("which_tasks", q.folded) and not _asks_which_agencies(q)
        if duty is not None and not asks_tasks:
            return duty
        lead_role = re.search(r"chu tri|phu trach chinh|dung ra|dau moi thuc hien|cam dau", q.folded)
        role_cue = q.has("lead", "coop") or re.search(r"tham gia|phu trach", q.folded)
        has_duties = any(set(q.agencies) & set(r.agencies) for p in turn.plans for r in p.responsibilities)
        if self.lexicon.has("agency_role", q.folded) and not (role_cue or listing):
            # "Sở GD&ĐT làm gì / vai trò gì?": the tasks it takes part in and its duties, both asked,
            # so "năm 2022 thì sao?" asks both of that plan too
            duties = self._duties(turn, turn.plans, q.agencies)
            in_tasks = any(set(q.agencies) & {*t.lead, *t.cooperating} for p in turn.plans for t in p.tasks)
            if has_duties and not in_tasks:
                return duties  # named in no task: its duties are the answer, not a "no task" line first
            tasks = self._tasks_of_agency(turn)
            return [*(tasks if isinstance(tasks, list) else [tasks]), duties]
        if has_duties and not asks_tasks and ((q.has("responsibility") and not lead_role) or not (role_cue or listing)):
            duties = self._duties(turn, turn.plans, q.agencies)
            tasked = [p for p in turn.plans if self._tasked_not_dutied(p, q.agencies)]
            if tasked and len(turn.plans) > 1:
                # "Sở GD&ĐT: KH 2022 giao việc gì, KH 2023 giao việc gì?": a plan that gives it no entry of its own
                # in "Tổ chức thực hiện" gives it tasks, and those are what that plan assigns it
                tasks = self._tasks_of_agency(replace(turn, plans=tasked))
                return [duties, *(tasks if isinstance(tasks, list) else [tasks] if tasks else [])]
            return duties
        own_entry = any(q.agencies[0] in e.agencies for p in turn.plans for e in p.responsibilities)
        named_in = [] if own_entry else self._entries_naming(turn, q.agencies[0])
        if named_in and not asks_tasks and not any(self.operations.tasks_naming(q.agencies[0], turn.plans)):
            # "KH 2022 giao đơn vị tôi (VP điều phối NTM) phối hợp với sở nào": no task names it, another's duty does
            return named_in
        if role_cue or listing or asks_tasks:
            return self._tasks_of_agency(turn)
        if q.has("responsibility"):
            # "nhiệm vụ của Sở NN&PTNT năm 2023" of a plan that gives it no duty entry: the tasks it takes part in,
            # then that the plan's "Tổ chức thực hiện" assigns it nothing of its own
            tasks = self._tasks_of_agency(turn)
            return [*(tasks if isinstance(tasks, list) else [tasks]), self._duties(turn, turn.plans, q.agencies)]
        return None

    def _entries_naming(self, turn: Turn, agency: str) -> list[Request]:
        """The "Tổ chức thực hiện" entries of other agencies whose duties name this one, those duties only."""
        out = []
        for plan in turn.plans:
            for entry in plan.responsibilities:
                if agency in entry.agencies:
                    continue
                parts = self.index.duties_naming(entry, [agency])
                if parts:
                    pid = f"{plan.id}|responsibility|{entry.section}"
                    out.append(turn.request(Items.PASSAGES, plans=[plan], filters=Filters(ids=(pid,), parts=parts)))
        return out

    def _own_duty_as_good(self, turn: Turn, duty: list[Request] | Request | None) -> bool:
        """The agency's own duty entry matches the words as well as the task they name, and nothing asks a
        task's part (who leads, cooperates, when, how much): the entry, which is the agency's, answers."""
        q = turn.query
        if not isinstance(duty, Request) or duty.items is not Items.DUTIES:
            return False
        best = self.index.rank_tasks(q.content, turn.plan_ids)[:1]
        task, weight = (best[0].score, best[0].evidence) if best else (0.0, 0.0)
        held = [
            h
            for h in self.index.rank_passages(q.full_content, turn.plan_ids, ["responsibility"])
            if self._held_by(h, q.agencies)
        ]
        if q.has(*TASK_FACETS):
            # "Sở NN&PTNT phối hợp với đơn vị nào để rà soát, thống kê sản phẩm OCOP": a part of a task is asked,
            # unless the agency's own duty says it as well, on twice the words' weight
            return bool(held) and held[0].score >= task - TIE and held[0].evidence >= 2 * weight
        return bool(held) and held[0].score >= task

    def _duty_match(self, turn: Turn) -> list[Request] | Request | None:
        """A question whose words match one of the agency's duties: answer with that duty."""
        q = turn.query
        if not q.content_tokens:
            return None
        # duties are worded with cue words ("bố trí kinh phí"): look with them kept; the named agency's own
        # entries first, so a duty worded alike for another agency does not hide it
        ranked = self.index.rank_passages(q.full_content, turn.plan_ids, ["responsibility"])
        held = [h for h in ranked if self._held_by(h, q.agencies)]
        # plans named side by side ("cả KH 2022 của Ninh Thuận và KH Thái Bình … mỗi nơi"): the matching duty
        # of each, weighed within its plan, not only of the plan whose wording matches best
        each = turn.explicit and len({p.province_id for p in turn.plans}) > 1
        hits = (
            [h for p in turn.plans for h in self._good(turn, [h for h in held if h.item.plan_id == p.id], 0.5)]
            if each
            else self._good(turn, held, 0.5)
        )
        found: dict[str, Request] = {}
        for hit in hits:
            passage = hit.item
            if not isinstance(passage, Passage) or passage.plan_id in found:
                continue
            plan = self.index.plans[passage.plan_id]
            resp = next((r for r in plan.responsibilities if r.section == passage.ref), None)
            if resp is not None and set(q.agencies) & set(resp.agencies):
                duty = self._duties(turn, [plan], [s for s in q.agencies if s in resp.agencies], [resp.section])
                if not each:
                    return duty
                found[plan.id] = duty
        if found:
            return [found[p.id] for p in turn.plans if p.id in found]
        # the agency named is the object ("tham mưu UBND tỉnh"): the duty that matches, whoever holds it
        # (not when it is the subject: "Sở GD&ĐT phải phối hợp làm gì …" asks its own duties)
        if self._agency_is_subject(q):
            return None
        strong = self._good(turn, self.index.rank_passages(q.full_content, turn.plan_ids), 0.5)
        passages = [h.item for h in strong if isinstance(h.item, Passage)]
        if passages and not self._strong_task(turn):
            return self._passages(turn, passages[:2])
        return None

    def _agency_is_subject(self, q: Query) -> bool:
        """The agency named does the verb after it ("Sở GD&ĐT (Ninh Thuận) phải phối hợp …")."""
        verbs = "|".join(self.lexicon.phrases("duty_verb"))
        # the agency named, or pointed back at ("sang năm 2023 thì Cục đó được giao việc gì?")
        spans = self.index.agency_spans(q.folded)[:1] or [m.span() for m in self.lexicon.find("refer_agency", q.folded)]
        return any(
            re.match(rf"(?: \w+){{0,3}}? (?:{verbs}|lam|co trach nhiem)\b", q.folded[end : end + 40])
            for _, end in spans[:1]
        )

    def _duty_explains(self, turn: Turn) -> bool:
        """A duty of "Tổ chức thực hiện" explains most of the question."""
        q = turn.query
        return bool(q.content_tokens) and bool(
            self._good(turn, self.index.rank_passages(q.full_content, turn.plan_ids, ["responsibility"]), 0.5)
        )

    def _held_by(self, hit: Hit, agencies: list[str]) -> bool:
        """The hit is a duty entry of one of the agencies."""
        passage = hit.item
        if not isinstance(passage, Passage):
            return False
        plan = self.index.plans[passage.plan_id]
        resp = next((r for r in plan.responsibilities if r.section == passage.ref), None)
        return resp is not None and bool(set(agencies) & set(resp.agencies))

    def _partners(self, turn: Turn) -> Request | None:
        """ "Những ai phối hợp với Sở KH&CN?", "các nhiệm vụ do Sở X chủ trì có đơn vị nào phối hợp?": the
        agencies that work with the one named (not the tasks it has), over the tasks the words select."""
        q = turn.query
        who = _asks_which_agencies(q) or re.search(r"\bai\b", q.folded)
        if len(set(q.agencies)) != 1 or not who or turn.task_how == "number":
            return None
        if not self.lexicon.has("works_with", q.folded):
            return None
        if not any(q.agencies[0] in (*t.lead, *t.cooperating) for p in turn.plans for t in p.tasks):
            return None  # named in no task ("Sở Tài chính phối hợp với ai"): its duties say whom it works with
        lead = re.search(r"\bchu tri\b", q.folded) and not re.search(r"\bdong chu tri\b", q.folded)
        topic = self._is_topic(turn)
        ids = tuple(r.id for r in turn.tasks) if topic and turn.task_how == "content" else ()
        return turn.request(
            Items.AGENCIES,
            op=Op.LIST,
            filters=Filters(
                agency=q.agencies[0],
                role=Role.LEAD if lead else Role.ANY,
                quarters=tuple(q.quarters),
                ids=ids,
            ),
        )

    def _tasks_of_agency(self, turn: Turn) -> Request | list[Request]:
        q = turn.query
        f = q.folded
        lead = bool(re.search(r"chu tri|phu trach|dung ra|dau moi|cam dau", f))
        coop = bool(re.search(r"phoi hop", f))  # not "hỗ trợ": the topic of most task titles
        only_coop = bool(re.search(r"(chi|rieng) phoi hop|khong (phai )?(la )?chu tri|khong chu tri", f))
        role = Role.COOPERATING if only_coop or (coop and not lead) else Role.LEAD if lead and not coop else Role.ANY
        if re.search(r"\btham gia\b(?! phoi hop)", f) and not only_coop:
            role = Role.ANY  # "tham gia" alone is taking part in either role ("tham gia, dù chủ trì hay phối hợp")
        slug = q.agencies[0]
        # "Sở NN&PTNT chủ trì cùng Văn phòng Điều phối NTM làm việc gì": the other is named in no task, but in the
        # first one's duties ("phối hợp Văn phòng Điều phối … rà soát, thống kê"): those duties
        others = {a for a in q.agencies[1:] if a != slug}
        untasked = others and not any(
            o in (*t.lead, *t.cooperating) for p in turn.plans for t in p.tasks for o in others
        )
        naming = [
            (p, r)
            for p in turn.plans
            for r in p.responsibilities
            if untasked and slug in r.agencies and self.index.duties_naming(r, others)
        ]
        if naming:
            return self._duties(turn, [p for p, _ in naming], [slug], [r.section for _, r in naming])
        topic = self._is_topic(turn)
        refs = []
        for plan in turn.plans:
            for task in plan.tasks:
                holds = (task.lead if role in (Role.LEAD, Role.ANY) else []) + (
                    task.cooperating if role in (Role.COOPERATING, Role.ANY) else []
                )
                if only_coop and slug in task.lead:
                    continue
                if slug in holds and self._passes(turn, task, topic):
                    refs.append(TaskRef(plan.id, task.number))
        # "trong số đó những cái nào sở mình chủ trì?" after a quarter's tasks: those of the list only
        within = set(turn.context.listed) if self.lexicon.has("refer_list", q.folded) else set()
        if within & {r.id for r in refs}:
            refs = [r for r in refs if r.id in within]
            topic = True  # (the selection is the list's: its ids are the answer's)
        if not refs:
            dutied = [p for p in turn.plans if any(set(q.agencies) & set(r.agencies) for r in p.responsibilities)]
            if not topic and dutied:
                # "vai trò của Đài PT-TH và Báo tỉnh …", "Sở GD&ĐT phải phối hợp làm gì trong trường học": no
                # task names them; what "Tổ chức thực hiện" gives them (the duties the words match first)
                return [self._duties(turn, [p], q.agencies) for p in dutied]
            good = self._good(turn, self.index.rank_passages(q.content, turn.plan_ids), 0.5)
            passages = [h.item for h in good if isinstance(h.item, Passage)]
            if passages and q.content_tokens:
                return self._passages(turn, passages[:2])  # "ai làm đầu mối tham mưu UBND tỉnh…"
        ids = tuple(r.id for r in refs) if topic else ()
        if topic and not ids:
            ids = ("-",)  # the topic matched no task of this agency: an empty selection
        # "sở chủ trì việc gì, với kinh phí bao nhiêu / làm quý nào": each line says it too
        show = tuple(FIELD_OF_CUE[c] for c in ("time", "budget", "objective") if q.has(c))
        if re.search(r"\b(?:cung (?:voi )?(?:ai|nhung ai|so nao|co quan nao) chu tri|dong chu tri voi)\b", q.folded):
            show += (Field.LEAD,)  # "Sở TT&TT cùng ai chủ trì nhiệm vụ gì": each task's leads
        if self._asks_whether_there(q):
            show += (Field.CONTINUES,)  # "năm 2023 sở này có được giao nhiệm vụ nào không?": "no" answers it
        return turn.request(
            Items.TASKS,
            op=Op.LIST,
            show=show,
            filters=Filters(
                agency=slug,
                role=role,
                quarters=tuple(q.quarters),
                whole_year=q.has("whole_year") and not q.quarters,
                ids=ids,
            ),
        )

    def _passes(self, turn: Turn, task: Task, topic: bool) -> bool:
        """Quarter, whole-year and (when the words name one) topic filters for list questions."""
        q = turn.query
        tl = task.timeline
        if q.quarters and (tl is None or not set(q.quarters) & set(tl.quarters)):
            return False
        if q.has("whole_year") and not q.quarters and (tl is None or not tl.whole_year):
            return False
        return not topic or self._covers(turn, task)

    # ------------------------------------------------------------------ quarters
    def _quarter(self, turn: Turn) -> Request | None:
        q = turn.query
        if not (q.quarters or (q.has("whole_year") and q.has("list"))):
            return None
        if turn.task_how == "number" or (turn.task_how == "content" and not q.has("list")):
            return None
        plans = [p for p in turn.plans if any(t.timeline for t in p.tasks)]
        if not plans:
            return turn.request(Items.TASKS, op=Op.LIST, filters=Filters(quarters=tuple(q.quarters) or (1, 2, 3, 4)))
        topic = self._is_topic(turn)
        ids: tuple[str, ...] = ()
        if topic:
            ids = tuple(f"{p.id}:{t.number}" for p in plans for t in p.tasks if self._covers(turn, t)) or ("-",)
        exact = self.operations.exact_quarters(turn)  # "dòng Quý I-II là nv gì": the rows that say exactly that
        filters = Filters(quarters=tuple(q.quarters), exact_quarters=exact, whole_year=not q.quarters, ids=ids)
        # "dòng Quý I-II là nv gì, ai chủ trì?": each line with the parts asked too
        asked = tuple(FIELD_OF_CUE[c] for c in ("lead", "coop", "budget") if q.has(c))
        show = ((Field.TIME,) if q.quarters else ()) + asked
        return turn.request(Items.TASKS, op=Op.LIST, plans=plans, filters=filters, show=show)

    # ------------------------------------------------------------------ one task
    def _group_tasks(self, turn: Turn) -> Request | list[Request] | None:
        """ "Năm 2023 nhóm thúc đẩy tạo ra TSTT làm gì?": the tasks of the group its title names (after
        saying, when the question was about a task of another year, that this year has none like it)."""
        q = turn.query
        if turn.elsewhere or turn.task_how == "number" or not re.search(r"\bnhom\b", q.folded):
            return None  # (a task named in another plan: "not this year", then the group, as a search answers)
        asks_what = q.has("content", "list", "responsibility") or self.lexicon.has("task_content", q.folded)
        # "nhóm 4 năm 2023 có thêm gì so với năm 2022": each year's tasks of the group, side by side
        asks_what = asks_what or (q.has("compare") and len(turn.plans) > 1)
        if not asks_what or q.has("quantity", "objective", "training", "notes", "group_of"):
            return None
        groups = self.operations.groups(turn)
        if not groups or groups == ("-",):
            return None
        # "… còn lại việc gì, làm quý nào, bao nhiêu tiền?": each task with the parts asked
        parts = tuple(FIELD_OF_CUE[c] for c in ("lead", "coop", "time", "budget") if q.has(c))
        listed = turn.request(Items.TASKS, op=Op.LIST, filters=Filters(groups=groups), show=(Field.CONTENT, *parts))
        if turn.task_how == "no_analog":  # "sang năm 2023 nhóm QLNN còn làm việc này không, hay làm gì?"
            ids = tuple(r.id for r in turn.tasks)
            return [turn.request(Items.NOTHING, reason=Reason.NO_ANALOG, filters=Filters(ids=ids)), listed]
        return listed

    @staticmethod
    def _points(q: Query) -> tuple[str, ...]:
        """The lettered points a question names, as lettered: "điểm đ" is đ), which folding makes a d)."""
        aligned = len(q.shaped) == len(q.folded)
        found = [(q.shaped[m.start(1)] if aligned else m.group(1)) for m in _POINT_RE.finditer(q.folded)]
        return tuple(dict.fromkeys(x if x == "đ" else x.lower() for x in found))

    def _entry_named(self, turn: Turn) -> Request | None:
        """'Mục V.9 của kế hoạch Thái Bình nói gì?', 'điểm b mục 9 phần tổ chức thực hiện giao gì?': the entry
        of "Tổ chức thực hiện" named by its number (its lettered point, where one is named)."""
        if turn.tasks and turn.task_how == "number":
            return None
        entries = self.operations.duty_entries(turn)
        if not entries:
            return None
        points = self._points(turn.query)
        # Ninh Thuận 2022's "mục IV.2" holds its lettered points as entries of their own (IV.2.a … IV.2.k)
        sections = {f"{p.id}:{r.section}" for p in turn.plans for r in p.responsibilities}
        own = [f"{e}.{x}" for e in entries for x in points if f"{e}.{x}" in sections]
        own += [e for e in entries for x in points if e.endswith(f".{x}") and e not in own]
        if own:
            entries, points = tuple(dict.fromkeys(own)), ()
        elif len(entries) != 1:
            points = ()
        plans = [p for p in turn.plans if any(e.startswith(f"{p.id}:") for e in entries)]
        return turn.request(Items.DUTIES, plans=plans, filters=Filters(role=Role.DUTY, ids=entries, points=points))

    def _task_answer(self, turn: Turn) -> Request | list[Request] | None:
        if not turn.tasks:
            return None
        q = turn.query
        if turn.task_how == "content" and self.lexicon.has("mentions", q.folded) and self._mentioning(turn):
            return None  # "những nhiệm vụ nào nhắc tới sản phẩm OCOP": every task that says it, not the best match
        if (
            turn.task_how == "context"
            and len(turn.tasks) > 1
            and self.lexicon.has("which_tasks", q.folded)
            and not q.has(*TASK_FACETS)
        ):
            # "… bao nhiêu nhiệm vụ …? Đó là những nhiệm vụ nào?": them, listed, not one card each
            ids = tuple(dict.fromkeys(r.id for r in turn.tasks))
            return turn.request(Items.TASKS, op=Op.LIST, filters=Filters(ids=ids), show=(Field.CONTENT,))
        if turn.task_how == "context" and len(turn.tasks) > 1 and self.operations.negates_agency(turn):
            # "trong mấy nhiệm vụ đó, cái nào không do Sở KH&CN chủ trì? chủ trì là ai?": those the agency does not
            # hold the role in, each with who does
            _, role, _ = self.operations.agency_asked(turn)
            ids = tuple(dict.fromkeys(r.id for r in turn.tasks))
            shown = Field.COOPERATING if role is Role.COOPERATING else Field.LEAD
            chosen = Filters(ids=ids, agency=q.agencies[0], role=role, negate=True)
            return turn.request(Items.TASKS, op=Op.LIST, filters=chosen, show=(shown,))
        still = self._still_there(turn)
        if still:
            return still
        if turn.task_how == "no_analog":
            # "sang năm 2023 còn nhiệm vụ này không?": asked whether it goes on, "no" answers it
            asked = (Field.CONTINUES,) if self._asks_whether_there(q) else ()
            return turn.request(
                Items.NOTHING,
                reason=Reason.NO_ANALOG,
                filters=Filters(ids=tuple(r.id for r in turn.tasks)),
                show=asked,
                alternatives=self._on_its_topic(turn.tasks, tuple(turn.plan_ids), turn.explicit),
            )
        if turn.task_how == "content" and q.has("list", "topic") and not q.has(*TASK_FACETS) and len(turn.tasks) > 1:
            return None
        # the parts asked, in the order the message asks them ("mấy lớp, tiền lấy ở đâu")
        asked = sorted((c for c in TASK_FACETS if q.has(c)), key=lambda c: self._cue_position(q, c))
        facets = [FIELD_OF_CUE[c] for c in asked]
        if Field.TRAINING in facets:
            # "lớp tập huấn … chủ đề gì": what is taught first; the other parts asked stay asked
            facets = [Field.TRAINING, *(f for f in facets if f is not Field.TRAINING)]
        if facets and Field.CONTENT not in facets and self.lexicon.has("for_whom", q.folded):
            facets.append(Field.CONTENT)  # "…, đối tượng gồm những cấp trường nào": the task's words say whom
        if facets and Field.LEAD not in facets and self.lexicon.has("support_contact", q.folded):
            # "… hỗ trợ mấy sáng chế, liên hệ đâu": the task's lead is whom to ask
            facets.append(Field.LEAD)
        if Field.TIME in facets and q.has("duration_asked") and not q.has("when_asked"):
            # "tổng thời gian thực hiện bao lâu": the task's whole length, not the quarter it starts in (asked both,
            # the time says both)
            facets = [Field.DURATION if f is Field.TIME else f for f in facets]
        if Field.DETAIL in facets:
            # a detail the plans may state after all: a length in months ("bao nhiêu ngày" of a 24-month task),
            # a place in the task's own words ("tại trạm IP Platform")
            tasks = [self._task(r) for r in turn.tasks]
            days = re.search(r"\b(?:may|bao nhieu) (?:ngay|buoi)\b", q.folded)
            place = re.search(r"\bdia diem\b|\b(?:o|tai) (?:dau|don vi nao|noi nao|cho nao|co quan nao)\b", q.folded)
            if days and any(t.duration_months for t in tasks):
                facets = [Field.TIME if f is Field.DETAIL else f for f in facets]
            elif place and not days and any(re.search(r"\btại\b", t.content) for t in tasks):
                facets = [Field.CONTENT if f is Field.DETAIL else f for f in facets]
            if q.has("unstated_names") and all(_PRODUCT_IN_TITLE_RE.search(t.title) for t in tasks):
                # "CDĐL năm 2022 cho những sản phẩm cụ thể nào": the title names it ("… Nha đam Ninh Thuận")
                facets = [Field.CONTENT if f is Field.DETAIL else f for f in facets]
            facets = list(dict.fromkeys(facets))
        if (
            Field.BUDGET in facets
            and self.lexicon.has("money_source_asked", q.folded)
            and not self.lexicon.has("how_much", q.folded)
        ):
            # "kinh phí cho mấy việc đó lấy từ nguồn nào": where the money comes from, which a plan may say for all
            facets = [Field.SOURCES if f is Field.BUDGET else f for f in facets]
        if Field.BUDGET in facets and (
            (len(turn.tasks) == 1 and self.lexicon.has("average", q.folded)) or self.lexicon.has("per_unit", q.folded)
        ):
            # "nhiệm vụ 3.4 bình quân mỗi sản phẩm bao nhiêu tiền", "một lớp … gấp mấy lần một lớp (5.1)": the money
            # divided by the count
            facets.insert(0, Field.AVERAGE)  # the money per item first: what is asked
        if self.lexicon.has("guided_by", q.folded):
            # "khai thác thông tin theo hướng dẫn của cơ quan nào": the task's words, not who carries it out
            facets = [Field.CONTENT, *(f for f in facets if f not in (Field.LEAD, Field.CONTENT))]
        elif facets and Field.CONTENT not in facets and self.lexicon.has("task_content", q.folded):
            facets.insert(0, Field.CONTENT)  # "tỉnh làm gì cho CDĐL này, bao nhiêu tiền": what it does, then the rest
        elif (
            facets
            and len(turn.tasks) > 1
            and q.has("compare")
            and Field.CONTENT not in facets
            and (
                set(facets) <= {Field.LEAD, Field.COOPERATING}
                or re.search(r"\bkhac (?:nhau|gi|biet)\b(?! (?:gi )?ve\b)", q.folded)
            )
        ):
            # "nhiệm vụ … năm 2022 và năm 2023 khác nhau thế nào, mỗi năm ai chủ trì / 2023 được bn tiền": what each
            # does, then the part asked (not "khác nhau gì về cơ quan chủ trì": that part only)
            facets.insert(0, Field.CONTENT)
        if facets and self.lexicon.has("support_offered", q.folded) and Field.OBJECTIVE not in facets:
            facets.append(Field.OBJECTIVE)  # "hỗ trợ những gì, chỉ tiêu mấy": what it offers is in its aim
        producer = self.lexicon.has("persona", fold(f"{q.lead_raw} {q.raw}"))
        if facets and producer and self.lexicon.has("support", q.folded) and Field.LEAD not in facets:
            facets.append(Field.LEAD)  # "nhà em … tỉnh có hỗ trợ sp OCOP ko, mấy sp": whom to ask, as well
        if q.agencies and self.lexicon.has("agency_role", q.folded):
            # "Sở NN&PTNT đóng vai trò gì" in a task: whether it leads or cooperates, beside the other parts asked
            facets += [f for f in (Field.LEAD, Field.COOPERATING) if f not in facets]
        # "còn 5.2?" after 5.1's money: another task, the same part asked
        follows = turn.task_how == "number" and self.lexicon.has("nothing_new", q.folded) and not q.content_tokens
        if not facets and (turn.task_how in ("context", "analog") or follows):
            previous = _FIELD_OF_INTENT.get(turn.context.intent or "")
            # words of its own ("cái thứ 2 thì đăng trên những kênh nào"): the whole card, which says them
            own_words = bool(q.content_tokens) and turn.task_how == "context"
            # ("năm 2022 có nhiệm vụ tương ứng không?": whether there is one, so the whole of it, not the part
            # the last answer gave)
            whether = self.lexicon.has("asks_whether", q.folded) or self.lexicon.has("still_there", q.folded)
            whole = q.has("content", "objective") or previous is None or own_words or whether
            facets = [Field.CARD] if whole else [previous]
        refs = turn.tasks
        if facets and len(refs) == 1 and Field.DETAIL not in facets:
            # (a detail the plans do not state is asked alone: the words it repeats from the task's aim ask no aim)
            facets += self._parts_worded(q, self._task(refs[0]), facets)
        if Field.BUDGET in facets and self.lexicon.has("per_place", q.folded):
            # "420 triệu … chia cho mỗi huyện bao nhiêu?": the plans give a task's money, never a district's share
            plans = [self.index.plans[p] for p in dict.fromkeys(r.plan_id for r in refs)]
            return turn.request(
                Items.TASKS,
                plans=plans,
                filters=Filters(ids=tuple(r.id for r in refs), words=("số tiền cho từng huyện, thành phố",)),
                show=(Field.BUDGET,),
                reason=Reason.NOT_STATED,
            )
        if Field.QUANTITY in facets and len(refs) > 1:
            # a count was asked: of tied tasks, those that state one
            refs = [r for r in refs if self._task(r).quantities] or refs
        plans = [self.index.plans[p] for p in dict.fromkeys(r.plan_id for r in refs)]
        # the money asked is kept with the request (or the one asked before, for "còn 3.6?"): "thêm 3.6 vào
        # thì sao", "hai việc đó cộng lại" add up the same column
        measure = None
        if Field.BUDGET in facets:
            # (money only: the count or the months just added up are no column of the budget table)
            money = (m.measure for m in turn.context.last if m.measure is not None and m.measure not in NOT_MONEY)
            before = next(money, None)
            measure = self.operations.measure_asked(turn) or (before if turn.task_how != "content" else None)
        request = turn.request(
            Items.TASKS,
            plans=plans,
            filters=Filters(ids=tuple(r.id for r in refs)),
            show=tuple(facets or [Field.CARD]),
            measure=measure,
        )
        asks_who = Field.LEAD in facets or _asks_which_agencies(q)  # "giao những cơ quan nào chống hàng giả"
        if asks_who and not any(self._task(r).lead for r in refs):
            return [*self._assigned_duty(turn, plans, refs), request]
        return request

    def _parts_worded(self, q: Query, task: Task, facets: list[Field]) -> list[Field]:
        """The parts of a task whose words a question repeats beyond its name, when they are not asked by a
        cue: "… theo chuỗi giá trị gắn với những gì, ai phối hợp?" asks its text as well as who, "… muốn giúp
        học viên tiếp cận loại sáng chế nào" its aim."""
        if Field.CARD in facets:
            return []
        named = set(self.index.content_tokens(task.title))
        rest = [t for t in q.content_tokens if t not in named and t.isalpha() and len(t) > 1]
        # a part of the message that asks what about those words ("gắn với những gì"), beside the parts a cue
        # asks ("ai phối hợp"); one clause ("xây dựng quy chế … làm vào quý mấy") asks only its cue
        clauses = [c.split(" | ")[0] for c in q.clauses if c.split(" | ")[0].strip()]
        asking = [
            c
            for c in clauses
            # ("nhằm nâng cao nhận thức của ai về …": whose, asked of the task's own words too)
            if any((m.group(1) or "") not in _CUE_HEADS for m in re.finditer(r"\b(\w+) (?:gi|nao)\b|\bcua ai\b", c))
            and sum(f" {t} " in f" {c} " for t in rest) >= 2
        ]
        rest = [t for t in rest if any(f" {t} " in f" {c} " for c in asking)]
        if len(clauses) < 2 or len(rest) < 2:
            return []
        parts = {Field.CONTENT: task.content, Field.OBJECTIVE: task.objective or ""}
        said = {f: set(self.index.content_tokens(text)) for f, text in parts.items() if text}
        found = [f for f, words in said.items() if f not in facets and sum(t in words for t in rest) >= 2]
        return found

    def _still_there(self, turn: Turn) -> list[Request]:
        """ "Nhiệm vụ tri thức truyền thống … của năm 2022 có còn trong KH 2023 không?": each task named, in the
        other plan named: its like there, or "no" (which answers a yes/no question)."""
        if not turn.tasks or not self.lexicon.has("still_there", turn.query.folded):
            return []
        found_in = {r.plan_id for r in turn.tasks}
        others = [p for p in turn.asked_plans if p.id not in found_in]
        if len(found_in) != 1 or len(others) != 1 or len(turn.asked_plans) != 2:
            return []
        other = others[0]
        out: list[Request] = []
        for ref in turn.tasks:
            analogs = self._analogs([ref], [other.id])
            if analogs:
                ids = tuple(a.id for a in analogs)
                out.append(turn.request(Items.TASKS, plans=[other], filters=Filters(ids=ids), show=(Field.CARD,)))
            else:
                out.append(
                    Request(
                        items=Items.NOTHING,
                        reason=Reason.NO_ANALOG,
                        plans=(other.id,),
                        filters=Filters(ids=(ref.id,)),
                        show=(Field.CONTINUES,),
                    )
                )
        return out

    def _cue_position(self, q: Query, cue: str) -> int:
        """Where a question cue first speaks in the message (cues said by accents alone: at the end)."""
        m = self.lexicon.question_pattern(cue).search(q.folded)
        return m.start() if m else len(q.folded)

    def _assigned_duty(self, turn: Turn, plans: list[Plan], refs: list[TaskRef] = ()) -> list[Request]:
        """A plan that assigns work by agency, not by task ("phân công theo mục V"): the duty the
        question's own words point to ("sở nào lo mảng quảng bá, giao thương" → Sở Công Thương), or,
        failing that, the one the task's own words clearly point to ("kiểm soát hàng hóa xuất, nhập
        khẩu" → the entry of Công an, QLTT and Hải quan)."""
        if not any(p.responsibilities for p in plans):
            return []
        plan_ids = [p.id for p in plans]
        clear = []
        if turn.query.content_tokens:
            hits = self.index.rank_passages(turn.query.content, plan_ids, ["responsibility"])
            clear = self._clear_duty(hits, several=_asks_which_agencies(turn.query))
        by_agency = not any(t.lead for p in plans for t in p.tasks)  # no task of the plan names a lead
        if not clear and len(refs) == 1 and by_agency:
            task = self._task(refs[0])  # the entries the task's own words clearly point to
            ranked = self.index.rank_passages(task_text(task), plan_ids, ["responsibility"])
            # (a close second holds the duty too: the plan gives the task to no one, so the entries that speak of
            # its work are who to ask, all of them; "cơ quan nào lo …" of the question's own words asks as much)
            clear = self._clear_duty(ranked, several=True)
        return self._passages(turn, [h.item for h in clear]) if clear else []

    def _clear_duty(self, hits: list[Hit], *, several: bool = False) -> list[Hit]:
        """The one duty entry that clearly wins, sharing a specific word pair with the question;
        with ``several``, the entries close to it as well (at most :data:`MAX_CLOSE_DUTIES`).

        Duty entries are long, so their scores stay low; the domain's own words ("tài sản trí
        tuệ") match every entry loosely, a pair like "hàng giả" or "vi phạm" does not.
        """
        hits = [h for h in hits if isinstance(h.item, Passage)]
        if not hits or hits[0].score < ASSIGNED_DUTY or not self.index.specific(hits[0].matched):
            return []
        if len(hits) > 1 and hits[0].score - hits[1].score < ASSIGNED_DUTY_MARGIN:
            if not several:
                return []
            close = [h for h in hits if h.score >= hits[0].score * CLOSE_DUTY and self.index.specific(h.matched)]
            return close if len(close) <= MAX_CLOSE_DUTIES else []
        return hits[:1]

    # ------------------------------------------------------------------ topics and follow-ups
    def _topic(self, turn: Turn) -> Request | None:
        """'Nhiệm vụ nào liên quan đến OCOP?': every task whose text covers the topic."""
        q = turn.query
        if not q.content_tokens:
            return None
        mentioning = self._mentioning(turn)
        if mentioning:  # "những nhiệm vụ nào nhắc tới sản phẩm OCOP": every task whose words say it
            named = {r.plan_id for r in mentioning}
            plans = [p for p in turn.plans if p.id in named]
            return turn.request(
                Items.TASKS, op=Op.LIST, plans=plans, filters=Filters(ids=tuple(r.id for r in mentioning))
            )
        hits = self.index.rank_tasks(q.content, turn.plan_ids)
        good = [h for h in itertools.takewhile(lambda h: h.score >= TOPIC_MATCH, hits) if h.evidence >= TOPIC_EVIDENCE]
        if not good or not (q.has("list", "topic") or len(good) > MAX_TIED):
            return None
        refs = [h.item for h in good if isinstance(h.item, TaskRef)]
        if q.has("list") and turn.task_how == "content" and len(turn.tasks) > 1:
            # "những nhiệm vụ nào về chỉ dẫn địa lý và nhãn hiệu chứng nhận": each subject named found its own
            refs += [r for r in turn.tasks if r not in refs]
        if q.has("list") and len(refs) > 1:
            # "những nhiệm vụ nào hỗ trợ sản phẩm OCOP": every task the plans file under the topic the found
            # ones share and the question names (the OCOP classes too), not only those ranked first
            found = {r.plan_id for r in refs}  # once, not once per plan or tag (thousands at 300 plans)
            tagged = self.operations.topic_ids(turn, [p for p in turn.plans if p.id in found])
            have = {r.id for r in refs}
            more = [TaskRef(*t.split(":", 1)) for t in tagged if t not in have]
            # (a few more of a topic the ranking half found; a broad one, "doanh nghiệp", would bury the answer)
            refs += more if len(more) <= MAX_TOPIC_MORE else []
        order = {plan_id: n for n, plan_id in enumerate(self.index.plans)}
        refs.sort(key=lambda r: (order[r.plan_id], self._position(r)))
        named = {r.plan_id for r in refs}  # thousands of tasks over every plan: a set, not a scan per plan
        plans = [p for p in turn.plans if p.id in named]
        if len(refs) == 1 and (q.has("content") or self.lexicon.has("task_content", q.folded)):
            # "… hỗ trợ cụ thể những gì cho cá nhân, doanh nghiệp?" of the one task found: the whole card
            return turn.request(Items.TASKS, plans=plans, filters=Filters(ids=(refs[0].id,)), show=(Field.CARD,))
        # "… cho sản phẩm nào, và cơ quan chủ trì mỗi năm là ai?": the list shows each task's lead
        show = (Field.LEAD,) if q.has("lead") else ()
        ids = tuple(r.id for r in refs)
        return turn.request(Items.TASKS, op=Op.LIST, plans=plans, filters=Filters(ids=ids), show=show)

    def _mentioning(self, turn: Turn) -> list[TaskRef]:
        """ "Nhiệm vụ nào nhắc (trực tiếp) tới X": the tasks whose own words say X, X being the name the
        question spells in capitals ("OCOP", "CDĐL"), else its rarest word the tasks use."""
        q = turn.query
        if not self.lexicon.has("which_tasks", q.folded):
            return []  # "kế hoạch nhắc tới ban chỉ đạo nào" asks a passage, not which tasks
        named = [fold(w) for w in re.findall(r"\b[A-ZĐ]{3,}\b", q.raw) if fold(w) not in ("shtt", "kh")]
        related = bool(named) and re.search(r"\blien quan (?:den|toi|ve)\b", q.folded)  # "liên quan tới OCOP"
        if not (self.lexicon.has("mentions", q.folded) or related):
            return []
        # (its objective too: "xuất khẩu" is in what the aloe vera task is for, not in its title)
        texts = {TaskRef(p.id, t.number): self._task_words(p.id, t) for p in turn.plans for t in p.tasks}
        words = q.content_tokens
        if not named:
            # the longest run of the question's words some task says as one ("nhãn hiệu tập thể"), before words
            for n in range(min(4, len(words)), 1, -1):
                for i in range(len(words) - n + 1):
                    phrase = " ".join(words[i : i + n])
                    saying = [ref for ref, text in texts.items() if f" {phrase} " in text]
                    if saying:
                        return saying
        used = {w: sum(f" {w} " in text for text in texts.values()) for w in named or words}
        used = {w: n for w, n in used.items() if n}
        if not used:
            return []
        word = min(used, key=lambda w: used[w])
        return [ref for ref, text in texts.items() if f" {word} " in text]

    def _task_words(self, plan_id: str, task: Task) -> str:
        """A task's words (title, content, objective…: :func:`task_text`) folded, spaces around: kept, as
        every task of 300 plans is more than :func:`fold` remembers."""
        key = f"{plan_id}:{task.number}"
        words = self._task_folded.get(key)
        if words is None:
            words = self._task_folded[key] = f" {fold(task_text(task))} "
        return words

    def _position(self, ref: TaskRef) -> int:
        return [t.number for t in self.index.plans[ref.plan_id].tasks].index(ref.number)

    def _all_tasks(self, turn: Turn) -> Request | None:
        """'Kế hoạch 2022 có những nhiệm vụ nào?': every task of one plan, or each plan's groups."""
        q = turn.query
        if not q.has("list") or q.content_tokens or q.agencies or q.quarters or q.sources or turn.tasks:
            return None
        district = next((p for _, p in self._place_words(q.raw, turn.plans)[0] if p.kind != "province"), None)
        if district is not None:
            # "KH 2022 có nhiệm vụ nào liên quan đến huyện Ninh Hải không": no task names a district; those carried
            # out in every district are what concerns it (said as such), not every task of the plan
            local = tuple(
                f"{p.id}:{t.number}"
                for p in turn.plans
                for t in p.tasks
                if re.search(r"\bhuyện\b", f"{t.title} {t.content}".lower())
            )
            if local:
                return turn.request(Items.SUPPORT, filters=Filters(ids=local, words=(district.name,)))
        if len(turn.plans) == 1:
            return turn.request(Items.TASKS, op=Op.LIST)
        return turn.request(Items.GROUPS, op=Op.LIST)

    def _followup(self, turn: Turn) -> Request | None:
        """A bare follow-up ("còn năm 2022 thì sao?") repeats the last intent with new entities."""
        q = turn.query
        ctx = turn.context
        if not ctx.intent or q.content_tokens:
            return None
        if ctx.intent == "plan_budget" and turn.explicit:
            return self._plan_budget(turn)
        if ctx.intent == "document" and turn.explicit:
            return turn.request(Items.DOCUMENT, show=self._document_fields(q))
        if ctx.intent == "targets":
            plans = [p for p in turn.plans if p.targets]
            years = [y for y in q.years if any(t.year == y for p in plans for t in p.targets)]
            return turn.request(
                Items.TARGETS,
                op=Op.LIST,
                plans=plans,
                filters=Filters(
                    ids=self._ranked_targets(turn, plans, years), year=years[0] if len(years) == 1 else None
                ),
            )
        return None

    def _search(self, turn: Turn) -> list[Request]:
        """Quote the passage that explains the question best, or say nothing fits."""
        q = turn.query
        if q.content_tokens and not q.has("statistics") and not (q.has("quantity") and turn.elsewhere):
            hits = self.index.rank_passages(q.content, turn.plan_ids)
            good = self._good(turn, hits, PASSAGE_MATCH)
            passages = [h.item for h in good if isinstance(h.item, Passage)]
            if passages and _asks_which_agencies(q):
                # "những cơ quan nào phải…": every duty that says so, not just the best one
                top = good[0].score
                passages = [
                    h.item
                    for h in hits[:8]
                    if isinstance(h.item, Passage)
                    and h.item.kind == "responsibility"
                    and h.score >= top - WHICH_SPREAD
                    and h.evidence >= MIN_EVIDENCE
                ] or passages
                return self._passages(turn, passages[:6])
            if passages:
                return self._passages(turn, passages[:2])
            duty_asked = q.has("responsibility") and re.search(r"\bto chuc thuc hien\b", q.folded)
            if duty_asked or _asks_which_agencies(q) or q.has("lead"):
                # "phần tổ chức thực hiện giao ai đưa tin, làm phóng sự", "cơ quan nào chủ trì viết tin bài" (a duty
                # no task says): the entry that clearly wins there (by its word pairs, or far ahead of the next
                # entry on its words: "giao cho đài với báo … tin bài")
                entries = [h for h in hits if isinstance(h.item, Passage)]
                clear = self._clear_duty(entries)
                duties = [h for h in entries if h.item.kind == "responsibility"]  # (against the other entries)
                ahead = len(duties) == 1 or (len(duties) > 1 and duties[0].score >= FAR_AHEAD * duties[1].score)
                if not clear and ahead and duties[0].score >= ASSIGNED_DUTY and duties[0].evidence >= MIN_EVIDENCE:
                    clear = duties[:1]
                if clear and clear[0].item.kind == "responsibility":
                    return self._passages(turn, [clear[0].item])
        missing = self._not_found(turn)
        groups = self.operations.groups(turn) if turn.elsewhere and re.search(r"\bnhom\b", q.folded) else ()
        if groups:
            # "năm 2023 nhóm quản lý nhà nước còn làm bản đồ số không hay làm gì?": not this year; what the group does
            return [missing, turn.request(Items.TASKS, op=Op.LIST, filters=Filters(groups=groups))]
        return [missing]

    def _same_topic(self, turn: Turn) -> tuple[str, ...]:
        """Tasks of the plans asked about filed under a topic the question names and the task found in another
        plan is filed under: a few, or none (a topic every task shares would bury the answer)."""
        if not turn.plans:
            return ()
        there = {expand(fold(x)) for r in turn.elsewhere for x in self._task(r).topics}
        asked = expand(turn.query.folded)  # "CDĐL" names "chỉ dẫn địa lý"
        named = {x for x in there if re.search(rf"\b{re.escape(x)}\b", asked)}
        found = tuple(
            f"{p.id}:{t.number}" for p in turn.plans for t in p.tasks if named & {expand(fold(x)) for x in t.topics}
        )
        return found if len(found) <= MAX_TIED else ()

    def _not_found(self, turn: Turn) -> Request:
        q = turn.query
        if turn.elsewhere:
            alternatives = tuple(
                Request(
                    items=Items.TASKS,
                    plans=(r.plan_id,),
                    explicit=True,
                    filters=Filters(ids=(r.id,)),
                    show=(Field.CARD,),
                )
                for r in turn.elsewhere
            )
            # "năm 2023 có tiếp tục CDĐL cho nha đam không?": not that task, but the plan asked about has the
            # topic named for another product (CDĐL Thịt cừu): say so beside the "no"
            same = self._same_topic(turn)
            if not same and self._asks_whether_there(q):
                # ("còn nha đam thì năm 2023 có làm tiếp ko?": the task's own kind, there for another product)
                same = tuple(r.id for r in self._same_kind(turn.elsewhere[:1], list(turn.plan_ids)))
            if same:
                alternatives += (
                    Request(items=Items.TASKS, plans=turn.plan_ids, explicit=True, filters=Filters(ids=same)),
                )
            # "KH 2022 có nhiệm vụ nào về CDĐL thịt cừu không?": asked whether it is there, "no" answers it
            asked = (Field.CONTINUES,) if self._asks_whether_there(q) else ()
            return turn.request(Items.NOTHING, reason=Reason.ELSEWHERE, alternatives=alternatives, show=asked)
        alternatives_list = []
        if q.content_tokens and not q.has("out_of_domain"):
            # "Ý bạn là…" stays within the plan or year the person named
            for hit in self.index.rank_tasks(q.content, turn.plan_ids if turn.explicit else None)[:3]:
                if hit.score >= SUGGEST and hit.evidence >= MIN_EVIDENCE and isinstance(hit.item, TaskRef):
                    alternatives_list.append(
                        Request(
                            items=Items.TASKS,
                            plans=(hit.item.plan_id,),
                            explicit=True,
                            filters=Filters(ids=(hit.item.id,)),
                            show=(Field.CARD,),
                        )
                    )
        # (the plan named stays the conversation's: "không, ý tôi là …" next is still about it)
        named = turn.plan_ids if turn.explicit else ()
        return Request(
            items=Items.NOTHING, reason=Reason.NOT_FOUND, plans=tuple(named), alternatives=tuple(alternatives_list)
        )


# two agencies asked about each on its own: "mỗi sở", "từng cơ quan", "Sở A làm gì và Sở B làm gì"
_EACH_AGENCY_RE = re.compile(
    r"\bmoi (?:so|ben|co quan|don vi|noi|to chuc)\b|\btung (?:so|ben|co quan|don vi)\b|"
    r"lam gi (?:va|con)\b|\b(?:va|con) (?:so|cuc|hoi|doan|dai|ubnd|chi cuc|lien hiep)\b.*\b(?:lam|gi|nao)\b"
)
_COMMA_NUMBER_RE = re.compile(
    r"\b(?:nhiem vu|nv|viec|muc|dong)\s+(\d{1,2}),(\d{1,2})(?![\d,])(?!\s*(?:trieu|ty|ti|nghin|ngan|dong|%))"
    # "còn 3,6?" after a task: the number alone, the whole message
    r"|^(?:(?:the |vay |va )?con\s+)?(\d{1,2}),(\d{1,2})\s*(?:thi sao|the nao|nua)?\s*[?!.]*\s*$"
)  # "nv 3,4" (not "mức 9,2 triệu")
# "A và B", "A với B", "A vs B": two subjects of one question
_TOPIC_HEADER_RE = re.compile(r"^\s*(?:về|ve|Về|Ve)\s[^:?]{1,40}:\s*")
"""A topic said as a heading before the question ("Về truyền thông: …")."""
_REPORTS_ASIDE_RE = re.compile(r"\bngoai (?:cac |viec |nhung )?(?:bao cao|bc)\b[^,;?]*[,;]")
"""The reports set aside before a question about something else ("ngoài bc hằng năm, …")."""
_SUBJECTS_RE = re.compile(r"\s(?:và|va|với|voi|vs|hay|hoặc|hoac)\s|,")
_PRODUCT_IN_TITLE_RE = re.compile(r"(?<=\w )[A-ZĐ][a-zà-ỹđ]+")
"""A capitalised word inside a task's title: a named product or place ("Chỉ dẫn địa lý Nha đam Ninh Thuận"), not an
abbreviation ("OCOP")."""
# head nouns that fold to common words: "cơ quan" to "có", "các", "Ủy ban"; "Đài" to "dài" ("kéo dài phải 24 tháng")
# unless typed with its mark ("thế năm 2022 Cục phối hợp việc gì?" names the conversation's agency by its head)
_AMBIGUOUS_HEADS = ("co", "cac", "uy")
CLEAR_DUTY = 0.4
"""Least share of a message's words a duty entry explains, when no other entry comes near, to be what it names."""
_GROUP_ORDINAL_RE = re.compile(r"\bnhom(?: nhiem vu| giai phap)?\s*$")
"""What stands before an ordinal that numbers a group ("nhóm nhiệm vụ | thứ năm"), not a task in it."""
_JOINED_RE = re.compile(r"\b(?:voi|va|vs|so voi)\b")
# what a number question counts: "bao nhiêu sản phẩm OCOP", "tối thiểu mấy cơ sở sản xuất kinh doanh"
# (and "có chỉ tiêu nào về số doanh nghiệp kiểm toán …")
_COUNTED_RE = re.compile(
    r"(?:bao nhieu|\bmay|toi thieu|so luong|\bchi tieu (?:nao )?(?:ve(?: so(?: luong)?)?|so(?: luong)?))"
    r"\s+((?:[a-z0-9%]+ ){0,3}[a-z0-9%]+)"
)
_GROWS_RE = re.compile(
    r"\bso ((?:[a-z]+ ){0,5}?[a-z]+) (?:tang|giam)\b"
    r"|\b(?:tang|giam) (?:so (?:luong )?)?((?:(?!khong\b|ko\b|kieu\b|bao\b|nhu\b|the\b|la\b)[a-z]+ ?){1,5})"
)
"""What grows by a per cent: "số đơn đăng ký tăng bao nhiêu phần trăm", "chỉ tiêu tăng đơn đăng ký không, bao
nhiêu phần trăm"."""
# ("lượt người": people, whom the targets name as "cán bộ, doanh nghiệp, hợp tác xã", never as "người")
_COUNTED_STOP = frozenset(
    {"cai", "con", "chiec", "duoc", "thi", "la", "co", "cho", "bao", "nhieu", "may", "nam", "%", "nguoi"}
)


_PLACE_KIND = r"(?:tinh|phan|vung)"
_POINTING_WORD_RE = re.compile(r"\b(?:đó|đấy|này|kia|ấy|trên|thứ|đầu|cuối)\b")
"""The words that point back, as typed with accents ("nhiệm vụ đó"; "do ai" points at nothing)."""
_ONE_THING_RE = re.compile(r"(?!no\b|(?:cac|nhung|hai|ba|\d+)\b)")
"""A reference to one thing ("lớp đó", "cái thứ hai"), not "nó" nor "các dòng đó"."""


def _has_phrase(text: str, phrase: str) -> bool:
    r"""``re.search(r"(?<!\w)phrase(?!\w)", text)``, by ``str.find``: over the documents' text (4.6 million
    characters at 300 plans) the pattern, which no literal prefix speeds up, took 80-140 ms, this 3-4 ms."""
    at = text.find(phrase)
    while at >= 0:
        end = at + len(phrase)
        if (at == 0 or not _is_word(text[at - 1])) and (end == len(text) or not _is_word(text[end])):
            return True
        at = text.find(phrase, at + 1)
    return False


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _merged(requests: list[Request]) -> list[Request]:
    """ "Những nhiệm vụ nào …? Các nhiệm vụ đó do ai chủ trì?": one list showing both, not the list twice."""
    out: list[Request] = []
    for r in requests:
        if out and r.op is Op.LIST and out[-1].but(show=r.show) == r:
            out[-1] = r.but(show=tuple(dict.fromkeys([*out[-1].show, *r.show])))
        elif r.op is Op.LIST and any(_same_selection(o, r) for o in out):
            continue  # "… chỉ tiêu … ở bao nhiêu sở? Là những sở nào?": the targets just given, again
        else:
            out.append(r)
    return out


def _same_selection(a: Request, b: Request) -> bool:
    """Two list requests of the same items, whatever the order their ids were ranked in."""
    return (
        a.items is b.items is Items.TARGETS
        and a.op is b.op
        and set(a.plans) == set(b.plans)
        and bool(a.filters.ids)
        and set(a.filters.ids) == set(b.filters.ids)
    )


def _aims(plan: Plan) -> set[int]:
    """The years a plan sets targets for: its horizon and its targets' years."""
    return {y for y in (plan.horizon, plan.year_end, *(t.year for t in plan.targets)) if y}


def _target_said(target: Target, task: Task | None) -> str:
    """A target's words, with those of the task whose count it is (an annual plan's targets are its tasks' counts,
    tersely worded: "tối thiểu 06 sản phẩm OCOP" is 3.e's, about protection and traceability)."""
    return f"{target.text} {task_text(task)}" if task is not None else target.text


def _carried(context: Context, requests: list[Request]) -> Context:
    """The context a later question of the same message sees: the plan and tasks the earlier one asked about."""
    topical = [r for r in requests if r.items not in (Items.TALK, Items.NOTHING)]
    if not topical:
        return context
    plans = {p for r in topical for p in r.plans}
    tasks = [i for r in topical if r.items is Items.TASKS and r.op is Op.LOOKUP for i in r.filters.ids]
    # "…có nv hỗ trợ NHTT ko? sở nào chủ trì, bố trí bn tiền": the one task the support answer named
    tasks += [i for r in topical if r.items is Items.SUPPORT and len(r.filters.ids) == 1 for i in r.filters.ids]
    # "Năm 2022 có mấy nhiệm vụ về tri thức truyền thống? Mục tiêu là gì?": the tasks counted, when few
    counted = [i for r in topical if r.items is Items.TASKS and r.op is Op.COUNT for i in r.filters.ids]
    tasks += counted if 0 < len(counted) <= _FEW_LISTED else []
    # "… cho sản phẩm nào, và cơ quan chủ trì mỗi năm là ai?": the tasks the list names, for the next piece
    listed = [i for r in topical if r.items is Items.TASKS and r.op is Op.LIST for i in r.filters.ids]
    agencies = [r.filters.agency for r in topical if r.filters.agency]
    tasks = list(dict.fromkeys(tasks))  # (a count and a look-up of the same rows name them twice)
    # (a list chosen by its filters leaves the task an earlier message talked about behind: "… chủ trì những nhiệm
    # vụ nào? tổng kinh phí bao nhiêu?" asks the money of those listed, not of that task)
    chosen = any(r.items is Items.TASKS and r.op is Op.LIST and not r.filters.ids for r in topical)
    return context.model_copy(
        update={
            "plan_id": next(iter(plans)) if len(plans) == 1 else context.plan_id,
            "task_ids": tasks or ([] if chosen else context.task_ids),
            "listed": listed or ([] if chosen else context.listed),
            "agency": agencies[0] if agencies else context.agency,
            "intent": topical[0].intent,
            "last": topical,
        }
    )


_PLAN_NAMING_RE = re.compile(r"\b(?:ke hoach|kh|shtt|so huu tri tue|nam|tinh|cua|ve|con|the|vay|thi sao|\d{2,4})\b")
"""The words that only name a plan ("kế hoạch SHTT năm 2023 của Ninh Thuận"), its province taken out first."""
_POINTS_COUNTED_RE = re.compile(
    r"(?:(?:vay|the|con|tong) )*(?:co |duoc giao |gom )?(?:may|bao nhieu|bn) (?:viec|diem|dau viec|nhiem vu|y|muc)"
    r"(?: (?:tat ca|ca thay|vay|the|a|nhi))?\s*$"
)
""""có mấy việc?", "tổng cộng bao nhiêu điểm": a count asked with nothing of its own."""
_LETTERED_POINT_RE = re.compile(
    r"^(?:con |the |vay )?(?:muc|diem|y) ([a-hđ])\)?(?: (?:cua )?(?:phan|muc|cai) (?:do|nay|tren|ay))?\b"
)
"""A lettered point of the entry just quoted: "mục b của phần đó ghi gì", "điểm c thì sao"."""
_ROW_WORDS = frozenset({"dong", "hang", "cai", "viec", "nhiem", "vu", "nv"})
"""Words for a row or a task that name none of them ("dòng của Sở GDĐT")."""
_BOTH_MILESTONES_RE = re.compile(r"\b(?:ca |o |cho |tai )?(?:hai|2|ca hai|ca 2|cac) (?:moc|thoi diem)\b")
"""Every milestone of a plan's targets: "ở 2 mốc đó", "cả hai mốc"."""
_BOTH_PLANS_RE = re.compile(
    r"\b(?:giua|ca|trong|o) (?:hai|2) (?:nam|ke hoach|kh)\b"
    r"|\b(?:hai|2) (?:nam|ke hoach|kh) (?=(?:khac|thay doi|doi|giong|so voi|co gi khac)\b)"
)
""""giữa hai năm", "cả 2 kế hoạch", "chỉ tiêu 2 năm khác nhau ntn": the two plans the conversation has been about."""
_BARE_AGENCY_RE = re.compile(
    r"\b(?:giao|yeu cau|de nghi) (?:so|hoi|cuc)\b|^(?:va |con )?(?:co |duoc )+(?:ghi )?ten (?:trong|o)\b"
)
"""An agency named by its kind alone ("giao sở triển khai …"), or not at all ("…, và có tên trong nhiệm vụ nào"):
the one the message named before."""
_BARE_YEAR_RE = re.compile(r"(?<![/.\-\d])((?:19|20)\d\d)(?![\d/])")
"""A year written on its own ("năm 2024"), not as the end of a date ("21/12/2021")."""

_WHO_RE = re.compile(
    r"(?<!cao cho )(?<!gui cho )(?<!gui )(?<!voi )(?<!len )(?<!cao )\bai\b|\b(?:co quan|don vi|so|ben) nao\b"
)
"""Asks who: "ai chịu trách nhiệm", "việc đó giao cho ai" (not to whom: "báo cáo cho ai", "gửi ai")."""

_POINT_RE = re.compile(r"(?<!thi )(?<!trong )\b(?:diem|y) ([a-z])\b(?! (?:nao|gi)\b)")
"""A lettered point of an entry ("điểm b mục 9", "mục V.9 điểm c"), not "điểm" of "thí điểm", "trọng điểm"."""

_POINTING_RE = re.compile(
    r"(?<!trong )(?<!mốc )(?<!năm )(?<!lúc )(?<!điểm )(?<!đoạn )(?<!kỳ )(?<!hồi )(?<!\w)(?:đó|ấy|này)(?!\w)"
)
"""Points back at what was shown, typed with its marks ("mấy sáng chế đó", "đó là những sở nào"; not "trong
đó", of which, nor a time: "mốc đó", "năm đó", "thời điểm đó")."""

_CUE_HEADS = frozenset("so quan vi chuc ben hoi quy nam thang nguon luc khi dong cot nhom".split())
"""Words before "nào" that make it a question a cue answers ("sở nào", "quý nào", "nguồn nào"), not one about
a task's own words ("loại sáng chế nào", "gắn với những gì")."""

_MONEY_RE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{3})+(?:,\d+)?|\d+(?:,\d+)?) (dong|trieu|ty|ti)\b")
"""An amount as written ("3.832.600.000 đồng", "5.540 triệu", "3,83 tỷ"), folded."""

_MILLIONS_IN = {"dong": Decimal("0.000001"), "trieu": Decimal(1), "ty": Decimal(1000), "ti": Decimal(1000)}
"""Millions of đồng in one of each unit an amount is written in (the plans' amounts are in millions)."""


def _forgotten(context: Context) -> Context:
    """The conversation without what the last answer was about (a correction says it was not what was meant)."""
    return context.model_copy(update={"task_ids": [], "listed": [], "intent": None, "last": []})


def _printed(plan: Plan) -> list[Decimal | None]:
    """The totals a plan's budget table prints (a row's figure names no plan: "40 triệu/lớp" is any plan's)."""
    table = plan.budget.table
    if table is None:
        return []
    return [table.stated_task_total, table.stated_grand_total, *table.stated_allocation.values()]


_MERGER_DAY = dt.date(2025, 7, 1)
"""The provinces merged on this day; a plan issued after it covers those merged into its province."""

_THAT_GROUP_RE = re.compile(r"\bnhom (?:do|nay|ay|vua roi|tren)\b")
"""The group just named ("nhóm đó", "nhóm này")."""

_FEW_LISTED = 3
POINT_ASKED = 0.8
"""Share of a question's words one point of an agency's duties must hold for the question to ask that point."""
MAX_EACH = 12
"""At most this many tasks just listed are listed again with a part asked of each ("ai chủ trì?")."""
"""A list this short is what a bare follow-up ("ai chủ trì?") asks about, task by task."""

_WHICH_AGENCIES_RE = re.compile(
    r"(nhung|cac) (co quan|so|don vi|ben|ai|to chuc|luc luong|nganh) nao|nhung ai|co quan nao|don vi nao|so nao"
    r"|to chuc nao|luc luong nao"  # "những lực lượng nào được giao tăng cường thực thi": the police, customs…
    # "năm 2022 thì ai được giao rà soát, thống kê sản phẩm OCOP": whose duty it is
    r"|\bai (?:duoc|bi) giao\b(?! (?:chu tri|phoi hop)\b)"
    r"|\bgiao (?:cho )?ai\b(?! (?:chu tri|phoi hop)\b)"  # "năm 2022 tỉnh giao ai rà soát sản phẩm OCOP"
    # "liệt kê tất cả các cơ quan được giao tự bố trí kinh phí": every agency whose duty says it
    r"|\b(?:liet ke|ke ten|ke ra)(?: (?:tat ca|het|du|day du))? (?:cac|nhung) (?:co quan|so|don vi|ben|to chuc)\b"
)


def _asks_which_agencies(q: Query) -> bool:
    return bool(_WHICH_AGENCIES_RE.search(q.folded))


def _without(text: str, phrases: list[str], *, accented: bool = False) -> str:
    """The text with each phrase's words taken out where they stand together: phrases folded,
    or (``accented``) as typed with diacritics, so that "hỏi" does not take "hội" away."""
    words = text.split()
    folded = [shape(w) if accented else fold(w) for w in words]
    for phrase in sorted({p for p in phrases if p}, key=len, reverse=True):
        parts = phrase.split()
        n = len(parts)
        i = 0
        while i + n <= len(folded):
            if folded[i : i + n] == parts:
                del words[i : i + n], folded[i : i + n]
            else:
                i += 1
    return " ".join(words)


_SAYS_WHAT_RESULTS_CONCERN = frozenset({Items.TASKS, Items.TARGETS, Items.PASSAGES, Items.DUTIES})


def _as_results(request: Request) -> Request:
    """A request read from a question about what was achieved ("năm 2022 xử lý được bao nhiêu vụ", "hiện có bao
    nhiêu sản phẩm OCOP"): no plan records results, so it is not answered; what the plans say on it (the task,
    the target) still follows the reason, but a count or sum over them would answer another question."""
    if request.reason is not None or request.items is Items.NOTHING:
        return request
    if request.items in _SAYS_WHAT_RESULTS_CONCERN and request.op in (Op.LOOKUP, Op.LIST):
        return request.but(reason=Reason.NO_STATISTICS)
    return Request(items=Items.NOTHING, plans=request.plans, explicit=request.explicit, reason=Reason.NO_STATISTICS)


def _quoted_entries(request: Request) -> list[tuple[str, str]]:
    """The "Tổ chức thực hiện" entries a passage request quoted, as (plan, section) ("plan|responsibility|V.9")."""
    entries = []
    for i in request.filters.ids if request.items is Items.PASSAGES else ():
        plan_id, _, rest = i.partition("|")
        kind, _, section = rest.partition("|")
        if kind == "responsibility":
            entries.append((plan_id, section))
    return entries


def _without_tasks(r: Request, out: tuple[str, ...]) -> Request:
    """A selection of tasks with the given ones left out (a lookup of chosen tasks stays as asked)."""
    if r.items is not Items.TASKS or r.op is Op.LOOKUP:
        return r
    ids = tuple(i for i in r.filters.ids if i not in out)
    return r.but(filters=r.filters.model_copy(update={"excluded": (*r.filters.excluded, *out), "ids": ids}))
