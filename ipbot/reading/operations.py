"""Questions over the data: count, add up, share, difference, rank, list in full, "which not",
and what changed between two plans.

Reading a question like "Cộng cột tổng kinh phí thực hiện của các nhiệm vụ nhóm 3" means
finding the operation (``sum``), what it runs over (the budget rows of group 3) and the
measure (the whole-task total). The ways of asking are cues in
``data/lexicon/operations.yaml``; this module puts what they find together into typed
requests and leaves computing to answering. It answers only when it recognises an
operation; everything else is a look-up for :mod:`ipbot.reading.read`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ipbot.plans.models import Group, Plan, Task
from ipbot.reading.index import META_WORDS, Index, TaskRef
from ipbot.reading.lexicon import Lexicon
from ipbot.reading.parse import Query, quarters_in, source_keys
from ipbot.reading.turn import FIELD_OF_CUE, STRONG_MATCH, TASK_FACETS, Turn
from ipbot.requests import NOT_MONEY, AmountFilter, Field, Figure, Filters, Items, Measure, Op, Request, Role
from ipbot.text import aligned, blank, expand, fold, strip_marks
from ipbot.text import number as read_number

__all__ = ["Operations"]

GROUP_TITLE_MATCH = 0.5
"""Least share of a group's title the question must repeat to name that group ("nhóm nhiệm vụ tập huấn…")."""
UNNAMED_GROUP_MATCH = 0.7
"""The same without the word "nhóm": the title must be nearly all there ("những giải pháp nào để đẩy mạnh…")."""
GROUP_EVIDENCE = 3.0
"""Least summed word weight of a group matched by its title: "hội" and "SHTT" (in "xã hội", and everywhere)
name no group."""
TOPIC_MATCH = 0.75
TOPIC_EVIDENCE = 1.5

_ROLE_RE = re.compile(r"(?:dong )?chu tri|phu trach chinh|dung ra|phoi hop|tham gia")
_ANY_NEGATION_RE = re.compile(r"\b(?:khong|ko|k|hong|chua|chang)\b")
_CLOSING_NEGATION_RE = re.compile(
    r"\b(?:khong|ko|k|hong|chua|chang)\s*(?:[,?.;!]\s*(?=(?:ai|(?:so|co quan|don vi|ben|hoi) nao|bao nhieu|bn)\b)"
    r"|[?.!]?\s*$)"
)
"""A "không" that closes a yes/no question ("… có nhắc gì tới vp mình ko, sở nào phối hợp?") negates nothing."""
_WHEN_ASKED_RE = re.compile(
    r"\bquy (?:nao|may)\b|\bkhi nao\b|\bbat dau\b|\bluc nao\b|\bthoi (?:diem|gian trien khai)\b|\bthang may\b"
)
"""When a task runs, asked outright."""
_MONEY_WORD_RE = re.compile(r"\b(?:kinh phi|tien|du toan|phan bo|bo tri)\b")
"""Money asked inside what looked like one count ("số nhiệm vụ nhóm 3, tổng kinh phí là bao nhiêu")."""
_NUMBER_OF_RE = re.compile(r"so (?:luong )?(?:nhiem vu|dau viec|diem viec|cong viec|viec|diem|dong|noi dung)\b")
"""'số đầu việc …', 'số dòng …': a count that names what it counts first (not 'sở, ngành', an agency)."""
_DEADLINE_RE = re.compile(r"\bbao cao\b|\b(?:thoi )?han\b|\bngay (?:nao|may|bao nhieu)\b|\bgui\b")
"""A deadline asked ("báo cáo chậm nhất ngày nào"), not when tasks start."""
_RUNS_INTO_RE = re.compile(
    r"\b(?:keo dai|lan|trai dai|tiep)\s+(?:sang|den|toi|qua)\s+(?:ca\s+)?quy\s+(?:iv|iii|ii|i|[1-4])\b"
)
"""A quarter a task runs on into ("kéo dài sang quý II"), which chooses no tasks of its own."""
_QUARTERS_LEFT_OUT_RE = re.compile(r"\b(?:khong|ko|k|chua) (?:tinh|ke|gom)\b[^,;.)]*\bquy\b[^,;.)]*")
"""A clause leaving quarters out, to its bracket or comma ("không tính việc Quý I-II")."""
_RANKED_SHOWN = 20
"""Rows a whole ranking shows ("xếp từ cao xuống thấp"): a bound, so one message still fits a phone."""
_ALL_TOLD_RE = re.compile(r"\b(?:gop|cong|tong cong|tong so|tat ca|ca (?:hai|ba|bon|2|3|4)(?: so| co quan)?)\b")
"""Several agencies' counts asked together."""
_WHOLE_PLAN_RE = re.compile(r"\b(?:ke hoach|kh|ca nam|toan bo|tat ca|cac nhiem vu|moi nhiem vu|cac viec|ca tinh)\b")
"""Words that speak of the plan as a whole, not of the task just talked about."""
_WHICH_SOURCE_RE = re.compile(r"\b(?:tu |lay tu |o |bang )?nguon (?:nao|gi)\b|\b(?:lay )?tu dau\b")
"""Asks which funding source the money comes from."""
_JOINT_RE = re.compile(r"\s*(?:,|va|hoac|hay|voi)?\s*")
"""What stands between agencies named together: nothing, a comma, "và", "hoặc"."""
_SET_APART_RE = re.compile(r"\bben nao\b|\bso voi\b|\bhon\b|\bkhac nhau\b|\bmoi ben\b")
"""Agencies set against each other, not taken together."""
_SHARED_RE = re.compile(
    r"\b(?:cung|chung|dong) (?:chu tri|phoi hop)\b|\bca hai\b|\b(?:cung|deu) (?:tham gia|co ten|co mat|lam)\b"
)
"""Tasks two agencies share, not the tasks of either."""
_ROLE_AFTER_RE = re.compile(r" (?:cung |la |se )?(" + _ROLE_RE.pattern + r")\b")
_PARTNER_APART_RE = re.compile(r"\b(?:may|bao nhieu|bn|nao|gi|con|so voi|hay|hoac|moi|phan|ben)\b|[?;]")
"""Words between two agencies that ask of each on its own ("Sở A chủ trì mấy, còn Sở B")."""
_WITHOUT_PARTNER_RE = re.compile(r"\b(?:ma|nhung|song|va)(?: lai)? (?:khong|ko|chua) co\s*$")
"""Between two agencies: the second is not there ("Sở A chủ trì mà không có Sở B phối hợp")."""
_NEGATION_BEFORE = re.compile(r"(?:khong|ko|chua|khong phai|chang)(?: \S+){0,3} $")
_LIST_FACETS = (
    ("time", Field.TIME),
    ("lead", Field.LEAD),
    ("coop", Field.COOPERATING),
    ("budget", Field.BUDGET),
    ("training", Field.CONTENT),  # "những lớp nào, mỗi lớp về chủ đề gì": what each class teaches
)
"""Parts of a task a list question may ask for beside the list ("…, làm trong thời gian nào?")."""
_CENTRAL_RE = re.compile(r"\btrung uong\b")
"""A funding source of the central budget, by its label's words (expanded: "NSTU" is "ngân sách trung ương")."""
SAYING_ENTRY = 0.5
"""Share of a question's words one point of a duty entry must say for the entry to be what the question selects."""
CLOSE_ENTRY = 0.75
"""Entries saying nearly as much as the best one are selected with it."""
_SECTION_RE = re.compile(r"\b(?:muc|phan|diem|khoan) ((?:[ivx]+|\d+)(?:\.\w+)+)\b")
_GROUP_NUMBER_RE = re.compile(r"\bnhom(?: nhiem vu| giai phap)?(?: thu)? (\d{1,2})\b")
_FOLLOW_ON_RE = re.compile(r"^(?:con|the|vay|the con|vay con)\b")
"""A follow-up's opener: "còn riêng năm 2023 …", "thế …", "vậy còn …"."""
_WHICH_AGENCY_RE = re.compile(r"\b(?:co quan|so|don vi|ben|to chuc) nao\b|\bai\b")
_WHICH_GROUP_RE = re.compile(r"\bnhom (?:nhiem vu |giai phap )?nao\b")
_AGENCY_BY_AGENCY_RE = re.compile(r"\b(?:moi|tung) (?:co quan|so|don vi|ben|so nganh|nganh)\b")
"""Every agency, each on its own: "mỗi cơ quan chủ trì bao nhiêu nhiệm vụ"."""
_MOST_RE = re.compile(r"\b(?:nhieu|it|ton|cao|thap|lon|nho)\b(?: \S+){0,5} nhat\b")
"""The most or the fewest of something, however many words name it ("nhiều nhiệm vụ triển khai nhất")."""
_EACH_ONE_RE = re.compile(r"\b(?:moi|tung) (?:cai|nhiem vu|nv|dong|viec|khoan)\b|\brieng tung\b")
"""Each of the tasks named, on its own: "3.3, 3.4 và 3.6 mỗi cái …"."""
_COMPARATIVE_RE = re.compile(r"\b(?:nhieu|it|ton|cao|thap|lon|nho)(?: \S+){0,3}? hon\b")
"""More or less of something than another: "quý I và quý II quý nào nhiều việc hơn"."""
_LESS_RE = re.compile(r"\b(?:it|thap|nho|re)(?: \S+){0,3}? hon\b")
_TOPIC_JOIN_RE = re.compile(r"\s*(?:,|\s|hoac|hay|va|cung nhu|hoac la)*\s*")
_SECTION_GROUP_RE = re.compile(r"(?<![\w.])([ivx]+\.\d{1,2})(?![\w.]|\.\w)")
_MORE_GROUPS_RE = re.compile(r"^(?:\s*(?:,|va)\s*(?:nhom )?(\d{1,2})\b)+")
_AMOUNT_RE = re.compile(
    r"(?P<cmp>{less}|{more}|{equal}) (?:muc )?(?P<num>\d[\d.,]*) ?(?P<unit>trieu|ty|ti)\b(?: dong)?"
    r"(?P<up> tro len| tro xuong)?"
)
# a figure said first, then whose it is ("420 triệu đồng đó là kinh phí của nhiệm vụ nào", "9,2 triệu cho những
# dòng nào")
_AMOUNT_OF_WHICH_RE = re.compile(
    r"(?P<num>\d[\d.,]*) ?(?P<unit>trieu|ty|ti)(?: dong)?(?: (?:do|nay|ay))?(?: (?:la|thuoc|danh))?"
    r"(?: (?:kinh phi|so tien|tien))?(?: (?:cua|cho|o))? (?:nhung |cac )?(?:nhiem vu|dong|viec|nv) nao\b"
)
_ROWS_AT_AMOUNT_RE = re.compile(
    r"\b(?:\d{1,2}|hai|ba|bon|nam|cac|nhung|may) (?:lop|dong|nhiem vu|nv|viec)(?: (?:tap huan|boi duong))?"
    r" (?:moi (?:lop|dong|cai) )?(?:deu |cung )?(?:gia |muc |co )?(?P<num>\d[\d.,]*) ?(?P<unit>trieu|ty|ti)\b"
)
"""Rows named with the figure they print: "3 lớp 9,2 triệu", "các dòng mỗi dòng 9,2 triệu"."""
_EVERY_SOURCE_RE = re.compile(r"\b(?:cac|nhung|tat ca|ca|\d|hai|ba|bon) nguon (?:nay |do |tren )?cong\b")
"""The plan's sources, all of them, added up by no name: "3 nguồn cộng lại" (not "cộng … (cả ba nguồn) của các
dòng": the rows' columns)."""
_DURATION_RE = re.compile(r"(\d{1,2}) thang")
_DURATIONS_RE = re.compile(r"\b(\d{1,2}) (?:hoac|va|hay|,) (?=\d{1,2} thang)")
# how long, not how much ("tổng thời gian thực hiện", "bao nhiêu tháng", "dài hơn")
_HOW_LONG_RE = re.compile(r"\bthoi gian thuc hien\b|\b(?:bao nhieu|may) thang\b|\bdai hon\b|\bbao lau\b")
_QUOTED_RE = re.compile(r"[\"'“”‘’«»]([^\"'“”‘’«»]{3,80})[\"'“”‘’«»]")
# the budget table's rows: "những dòng nào", "dòng 3.3", "bảng dự toán" (not "đồng chủ trì", "triệu đồng")
_ROWS_RE = re.compile(
    r"\b(?:cac|nhung|may|bao nhieu|so|tung|moi) (?:dong|hang)\b(?! chu tri)|"
    r"\b(?<!hoat )(?<!van )(?<!tac )(?<!lao )(?<!chu )(?<!khoi )(?<!cong )(?<!bien )(?<!hanh )(?<!mat )"
    r"(?:(?:dong|hang) (?:nao|\d)|dong (?:lon|nho|cao|thap|nhieu|it)\b)|"
    r"bang du toan|bang kinh phi"
)
_MONEY_WORDS_RE = re.compile(r"\b(?:kinh phi|ns|ngan sach|nguon|von)\b")
_WHAT_THEY_SAY_RE = re.compile(
    r"\b(?:cac|nhung|du|het) (?:y|diem|noi dung|giai phap)\b|\b(?:viec|giai phap|noi dung) gi\b|nhung gi\b|"
    r"\b(?:ke|neu|liet ke) (?:du|het)\b"
)
_REFER_COUNT_RE = re.compile(r"\b(?:hai|2|ba|3|cac|nhung) (?:nhiem vu|viec|dong) (?:do|nay|tren|vua (?:roi|neu))\b")


@dataclass
class _Reading:
    """What the question says beyond its operation: items, filters, measure."""

    items: Items | None = None
    filters: Filters = field(default_factory=Filters)
    measure: Measure | None = None
    rows: bool = False  # it speaks of the budget table's rows


class Operations:
    """Reads questions over the data into count / sum / share / difference / max / min / list requests."""

    def __init__(self, index: Index, lexicon: Lexicon) -> None:
        self.index = index
        self.lex = lexicon
        less = "|".join(sorted(lexicon.phrases("less"), key=len, reverse=True))
        more = "|".join(sorted(lexicon.phrases("more"), key=len, reverse=True))
        equal = "|".join(sorted(lexicon.phrases("equal"), key=len, reverse=True))
        self._amount_re = re.compile(
            _AMOUNT_RE.pattern.replace("{less}", less).replace("{more}", more).replace("{equal}", equal)
        )
        self._less = set(lexicon.phrases("less"))
        longer, shorter = (sorted(lexicon.phrases(k), key=len, reverse=True) for k in ("longer", "shorter"))
        self._length_re = re.compile(
            rf"\b(?:(?P<longer>{'|'.join(longer)})|(?P<shorter>{'|'.join(shorter)})|(?P<from>tu))"
            r" (?P<n>\d{1,2}) thang(?P<up> tro len)?(?P<down> tro xuong)?"
        )
        self._equal = set(lexicon.phrases("equal"))
        self._printed = set(lexicon.phrases("printed"))
        self._unit_re = self._units_pattern()
        self._names: dict[str, frozenset[str]] = {}  # a group's title or short name → its named words
        # "(tính cả dòng … nhóm 4)": what is included, to its bracket or comma, names no filter
        words = sorted(lexicon.phrases("including"), key=len, reverse=True)
        self.including_re = re.compile(rf"\b(?:{'|'.join(words)})\b[^(),;?!]*")
        self._nth_re = re.compile(rf"\b(?:{'|'.join(lexicon.phrases('rank_word'))})(?: \w+){{0,2}}? thu (\w+)")
        # "các lớp", "những lớp … nào", "tất cả các dòng tổ chức lớp tập huấn"
        # "lớp nào nhiều tiền nhất": the tasks that count classes, ranked
        kinds = "|".join(sorted(map(re.escape, self._unit_heads(classifiers_only=True)), key=len, reverse=True))
        self._which_kind_re = re.compile(rf"\b({kinds}) nao\b") if kinds else None
        self._things_re = self._units_pattern(
            r"(?:cac|nhung|hai|ba|bon|nam|\d+)(?:\s+(?:dong|nhiem vu|viec)\s+(?:to chuc|mo))?", classifiers_only=True
        )

    def _unit_heads(self, classifiers_only: bool = False) -> set[str]:
        """The things tasks count ("lớp", "sản phẩm"), as a question names them."""
        classifiers = set(self.lex.phrases("count_classifier"))
        heads: set[str] = set()
        for task in self.index.tasks.values():
            for quantity in task.quantities:
                words = re.findall(r"\w+", fold(quantity.unit))
                if words and (words[0] in classifiers or not classifiers_only):
                    # ("những sản phẩm nào" is no selection of the tasks that count products: a classifier is)
                    heads.add(words[0] if words[0] in classifiers else " ".join(words[:2]))
        return heads - set(self.lex.phrases("task_noun"))  # "bao nhiêu nhiệm vụ" counts tasks

    def _units_pattern(self, before: str | None = None, classifiers_only: bool = False) -> re.Pattern[str] | None:
        """ "bao nhiêu lớp", "tổng cộng mấy sản phẩm": a how-many word (or ``before``) ahead of a thing some
        task counts."""
        heads = self._unit_heads(classifiers_only)
        if not heads:
            return None
        how = before or "|".join(sorted(self.lex.phrases("how_many"), key=len, reverse=True))
        names = "|".join(sorted(map(re.escape, heads), key=len, reverse=True))
        return re.compile(rf"\b(?:{how})\s+(?:(?:co|la)\s+)?({names})\b")

    # ------------------------------------------------------------------ entry
    def read(self, turn: Turn) -> list[Request] | None:
        """Requests for a question over the data, or None when it asks no operation."""
        f = turn.query.folded
        counted = self._quantity_sum(turn)
        if counted is not None:
            return counted
        has = {name for name in _OPERATION_CUES if self.lex.has(name, f)}
        if self.lex.has("bare_total", f) and (turn.context.listed or len(turn.context.task_ids) > 1):
            has.add("sum")  # "thế tổng là bn?" after rows were listed or shown: they are added up
        summed = next((x for x in reversed(turn.context.last) if x.op is Op.SUM and x.items is Items.TASKS), None)
        if (
            summed is not None
            and turn.query.sources
            and re.search(r"\btrong (?:so )?do\b", f)
            and turn.task_how not in ("number", "content")
        ):
            # "trong số đó phần NS sự nghiệp khoa học là bn, phần NS khác bn?" after rows were added up: the same
            # rows, whose sum is given source by source
            return [summed]
        rest = self._rest_of_list(turn)
        if rest is not None:
            return [rest]
        if self.lex.has("table_last_row", f) and any(p.has_rows for p in turn.plans):
            # "dòng cuối cùng của bảng ghi gì?": the printed total row, which the plan's budget answer quotes
            return [turn.request(Items.BUDGET, plans=[p for p in turn.plans if p.has_rows])]
        if (
            has <= {"sum", "total_asked"}
            and len(turn.tasks) == 1
            and turn.task_how == "context"
            and self.lex.has("per_unit", f)
        ):
            # "Mỗi lớp tốn bao nhiêu và tổng cộng là bao nhiêu?" of the task talked about: its money per class and
            # in all, which its own answer gives (a sum of one row would drop the per-class figure)
            return None
        if summed is not None and self.lex.has("gap_asked", f):
            # "vậy lệch nhau bn?" after rows were added up: their sum against the document's own figure
            return [summed.but(show=tuple(dict.fromkeys((*summed.show, Field.GAP))))]
        other_column = self._other_column_summed(turn, summed)
        if other_column is not None:
            return [other_column]
        other_group = self._other_group_asked(turn)
        if other_group is not None:
            return [other_group]
        quarters = self._quarter_by_quarter(turn)
        if quarters is not None:
            return [quarters]
        each_agency = self._counts_each_agency(turn)
        if each_agency is not None:
            return [each_agency]
        if self._counts_each_group(turn):
            # "mỗi nhóm bao nhiêu nhiệm vụ", "số nhiệm vụ theo nhóm": the groups with their counts (the plan's
            # tasks were counted as one number)
            return [turn.request(Items.GROUPS, op=Op.LIST)]
        column = next((x for x in turn.context.last if x.items is Items.SOURCES and x.filters.source), None)
        bare = not (turn.query.task_numbers or turn.query.agencies or turn.query.quarters or turn.query.years)
        if column is not None and bare and (self.lex.has("gap_asked", f) or _MATCHES_RE.search(f)):
            # "khớp với con số ở mục III không?" after a column's rows: that answer sets their sum against the
            # plan's own figure for the source, said first; "… thì cột NS sự nghiệp khoa học …, có bằng dòng Cộng
            # ko?": the column named, the same way
            plans = [self.index.plans[p] for p in column.plans if p in self.index.plans]
            keys = {s.key for p in plans for s in p.budget.sources}  # (the plan's own names for its sources)
            named = sorted(set(turn.query.sources) & keys - {column.filters.source})
            if len(named) == 1:
                column = column.but(filters=column.filters.model_copy(update={"source": named[0]}))
            return [column.but(show=tuple(dict.fromkeys((*column.show, Field.GAP))))]
        if "share" in has and self.lex.has("change_in_percent", f):
            # "tức giảm khoảng bao nhiêu phần trăm?" after a difference: that difference, whose answer gives the share
            difference = next((x for x in reversed(turn.context.last) if x.op is Op.DIFFERENCE), None)
            if difference is not None:
                return [difference]
        if self.lex.has("agency_money", f) and turn.query.agencies and not turn.tasks and not turn.query.task_numbers:
            has.add("sum")  # "Sở KH&CN được bố trí bao nhiêu kinh phí?": the rows it leads, added up
        if self.lex.has("adds_more", f) and turn.context.tasks_seen:
            has.add("sum")  # "cộng thêm 5.5 nữa": the rows talked about, and one more
        if "sum" in has and self.lex.has("named_earlier", f):
            has.discard("count")  # "mấy dòng quý I lúc nãy cộng lại": those rows added up, not counted
        if turn.query.excluded_numbers and not re.search(r"\btru di\b|\blay\b", f):
            has.discard("difference")  # "trừ nhiệm vụ 3.2 ra": a task left out, no subtraction
        milestones = {t.year for p in turn.plans if p.year_start != p.year_end for t in p.targets}
        if (turn.query.has("targets") or milestones & set(turn.query.years)) and not turn.query.has("budget"):
            # "đến 2025 cán bộ … được đào tạo, tỉ lệ bao nhiêu %", "chỉ tiêu số đơn tăng bao nhiêu phần trăm":
            # a target's per cent, no money computed
            if "difference" in has and len(milestones & set(turn.query.years)) >= 2:
                return None  # "chỉ tiêu … đến 2030 cao hơn đến 2025 bao nhiêu đơn vị": one target at two milestones
            has -= {"share", "difference"}
        largest = turn.query.has("largest")
        if self.lex.has("which_plan", f) and turn.query.has("budget") and not turn.tasks:
            # "kế hoạch nào nêu tổng số tiền cụ thể": each plan's money, stated or not; the most or least, ranked
            op = (Op.MIN if self.lex.has("smallest", f) else Op.MAX) if largest else Op.LOOKUP
            return [turn.request(Items.BUDGET, op=op, show=() if largest else (Field.TOTAL,))]
        place = next(self.lex.find("ranked_place", f), None)
        ranked = next((x for x in turn.context.last if x.op in (Op.MAX, Op.MIN) and x.items is Items.TASKS), None)
        if place is not None and ranked is not None and not largest:
            # "đứng thứ 2 là dòng nào" after the largest row: the same ranking, at that place
            said = [self.lex.ordinals[w] for w in place.group(0).split() if w in self.lex.ordinals]
            return [ranked.but(position=said[0] if said else 1)]
        total_of = re.search(r"\btong (?:kinh phi|tien|so tien|du toan)\b", f)
        printed_more = re.search(r"\btong kinh phi (?:\S+ ){0,3}(?:lon|nhieu|cao) hon (?:\S+ ){0,3}phan bo", f)
        if printed_more and _PRINTED_ROW_RE.search(f"{fold(turn.query.lead_raw)} {f}"):
            # "ở dòng Tổng cộng, tổng kinh phí thực hiện lớn hơn phần phân bổ bao nhiêu": the printed figures
            return [turn.request(Items.BUDGET, measure=Measure.REMAINING)]
        down, up = self.lex.has("ranked_all", f), self.lex.has("ranked_all_up", f)
        if (down or up) and not re.search(r"\b(?:cac|nhung) (?:so|co quan|don vi|nhom)\b", f):
            return [self._ranked_all(turn, up)]
        late, early = self.lex.has("starts_latest", f), self.lex.has("starts_earliest", f)
        if (late or early) and self._ranks_starts(turn):
            # "dòng nào triển khai muộn nhất trong năm": ranked by the quarter each starts in
            # (over every quarter: "còn dòng nào muộn nhất" after the rows of Quý I ranks them all, unless it
            # points at them: "trong mấy dòng đó, dòng nào muộn nhất"); "sớm nhất và muộn nhất": both ends
            among = turn.query.has("refer") or re.search(r"\btrong (?:so )?do\b", f)
            kept = {} if among else {"quarters": (), "exact_quarters": False, "ids": ()}
            filters = self._reads(turn).filters.model_copy(update=kept)
            if among and not filters.ids and turn.context.listed:
                filters = filters.model_copy(update={"ids": tuple(turn.context.listed)})
            ops = [op for op, asked in ((Op.MIN, early), (Op.MAX, late)) if asked]
            return [turn.request(Items.TASKS, op=op, measure=Measure.START, filters=filters) for op in ops]
        if self.lex.has("lasts_longest", f) and not turn.tasks:
            # "nhiệm vụ nào kéo dài lâu nhất": ranked by the months of total time each states
            op = Op.MIN if self.lex.has("smallest", f) else Op.MAX
            return [turn.request(Items.TASKS, op=op, measure=Measure.DURATION, filters=self._reads(turn).filters)]
        things_listed = turn.query.has("list") and bool(self._plural_things(turn))  # "những lớp … nào"
        money_before = any(r.items in (Items.BUDGET, Items.SOURCES) for r in turn.context.last)
        if (
            self.lex.has("without_central", f)
            and (turn.query.has("budget") or self.lex.has("how_much", f) or money_before)
            and "count" not in has  # ("bao nhiêu nhiệm vụ có kinh phí từ ngân sách tỉnh": tasks counted)
        ):
            # "không tính phần trung ương, tỉnh tự bố trí bao nhiêu?": the plan's other stated sources
            own = self._own_money(turn)
            # (words that fit several tasks alike name none: "nguồn của tỉnh … địa phương" is the plan's)
            # (the task talked about is weighed below: its own money, or the plan's when asked as a whole)
            named = (
                turn.tasks
                and turn.task_how != "context"
                and not (turn.task_how == "content" and (len(turn.tasks) > 1 or not self._strong(turn)))
            )
            chosen = self._reads(turn).filters  # "… cho nhóm 3": the rows of a selection, added up
            selection = chosen.groups or chosen.agency or chosen.quarters
            talked = self._one_task_with_central(turn) if own is not None and not named and not selection else None
            if talked is not None:
                return [talked]
            if own is not None and not named and not self._reads(turn).rows and not selection:
                return [own]
        if not has and not largest and not total_of and not things_listed:
            return (
                self._agency_compared(turn)
                or self._sum_again(turn)
                or self._each_counted(turn)
                or self._group_alone(turn)
            )
        r = self._reads(turn)
        two = self._two_plans(turn)
        if largest and self.lex.has("which_source", f):  # "nguồn nào lớn nhất": the sources, not the rows
            return [turn.request(Items.SOURCES, op=Op.MIN if self.lex.has("smallest", f) else Op.MAX)]
        if largest and _WHICH_GROUP_RE.search(f) and not turn.query.has("budget"):
            # "nhóm nào có nhiều nhiệm vụ nhất": the groups by their number of tasks
            return [turn.request(Items.GROUPS, op=Op.MIN if self.lex.has("smallest", f) else Op.MAX)]
        if largest and _WHICH_GROUP_RE.search(f):
            # "nhóm nào nhiều tiền nhất": each group's money, ranked by the column asked
            return [turn.request(Items.GROUPS, op=Op.SUM, measure=r.measure or Measure.TOTAL)]
        most_tasks = re.search(r"\b(?:nhieu|it) (?:nhiem vu|viec|nv|dong)\b", f)  # not "ở mức thấp nhất đó"
        if (
            largest
            and most_tasks
            and _WHICH_AGENCY_RE.search(f)
            and _ROLE_RE.search(f)
            and not turn.query.has("budget")
        ):
            # "cơ quan nào chủ trì nhiều nhiệm vụ nhất": the agencies ranked by their tasks in that role
            role = Role.COOPERATING if re.search(r"\bphoi hop\b", f) else Role.LEAD
            kind = "department" if re.search(r"\bso nao\b", f) else None
            op = Op.MIN if self.lex.has("smallest", f) else Op.MAX
            chosen = self._reads(turn).filters  # "trong nhóm 5", "quý II": the tasks ranked over
            rows = Filters(role=role, agency_kind=kind, groups=chosen.groups, quarters=chosen.quarters)
            return [turn.request(Items.AGENCIES, op=op, filters=rows)]
        ranked = next((x for x in turn.context.last if x.op in (Op.MAX, Op.MIN)), None)
        # ("Việc nào trong đó lớn nhất?" after the rows' money was added up or shown: largest by that money)
        money_talk = any(
            x.items is Items.TASKS and ((x.op is Op.SUM and x.measure not in NOT_MONEY) or Field.BUDGET in x.show)
            for x in turn.context.last
        )
        if largest and (
            r.measure or r.rows or "ratio_measure" in has or turn.query.has("budget") or ranked or money_talk
        ):
            return self._rank(turn, ranked)
        # ("chỉ tiêu số sp 2 năm khác nhau ntn" after a task: it and its like, which the task answer sets side by side)
        facet = turn.task_how in ("number", "content") and turn.query.has(*TASK_FACETS)
        facet = facet or (turn.task_how == "analog" and turn.query.has("targets", "quantity", *TASK_FACETS))
        if "plans_compared" in has and two is None and not turn.tasks and self.lex.has("whats_new", f):
            two = self._with_year_before(turn)  # "kế hoạch 2023 có gì mới": against the year before
        # ("năm 2023 có mấy nhiệm vụ mới so với 2022": the count of what changed, which the comparison gives)
        counts_change = has & _FIGURES == {"count"} and _COUNTS_CHANGE_RE.search(f)
        if "plans_compared" in has and two is not None and not facet and (counts_change or not has & _FIGURES):
            return self._agency_compared(turn) or self._compare(turn, two)
        out: list[Request] = []
        one_task = len(turn.tasks) == 1 and turn.task_how in ("number", "content")
        if "remaining" in has and one_task and not has & {"share", "difference", "count"} and not r.filters.source:
            # "nhiệm vụ CDĐL Thịt cừu: tổng kinh phí bao nhiêu, năm 2023 được phân bổ bao nhiêu, còn lại bao nhiêu":
            # that task's budget, which shows all three
            return None
        if "share" in has and _PRINTED_ROW_RE.search(f) and not self.lex.has("adds_rows", f):
            # "theo dòng Tổng cộng, phần phân bổ bằng bao nhiêu phần trăm tổng kinh phí thực hiện": the two
            # figures the table prints, one over the other
            return [turn.request(Items.BUDGET, measure=Measure.RATIO)]
        added = self._sources_added(turn) if "share" in has or "sum" in has else None
        if added is not None:
            return [added]  # "phần ngân sách địa phương (sự nghiệp KH&CN cộng nguồn khác) … chiếm bao nhiêu %"
        if "share" in has:
            out += self._share(turn, two) or []
        left_share = any(x.measure is Measure.REMAINING for r in out for x in r.figures)
        if "remaining" in has and out and not left_share:  # (a share of what is left gives it: "= 2.600 / 4.800")
            out += self._sum(turn, Measure.REMAINING) or []  # "… tỷ lệ bao nhiêu, phần chưa phân bổ còn bao nhiêu"
        elif "difference" in has and "remaining" not in has and not out:
            out += self._difference(turn, two) or []
            compared = [i for r in out if r.items is Items.TASKS for x in r.figures for i in x.filters.ids]
            if compared and self.lex.has("per_unit", f):
                # "lớp nào tốn hơn, mỗi lớp bao nhiêu", "một lớp … so với lớp … chênh nhau bao nhiêu": each task's
                # row divided by its classes, set side by side (the rows' own difference prices no class)
                ids = tuple(dict.fromkeys(compared))
                out = [turn.request(Items.TASKS, filters=Filters(ids=ids), show=(Field.BUDGET, Field.AVERAGE))]
            elif compared and turn.query.has("time"):
                # "cái nào triển khai muộn hơn, vào quý nào, và tổng kinh phí chênh nhau bao nhiêu": each one's time
                ids = tuple(dict.fromkeys(compared))
                out.append(turn.request(Items.TASKS, filters=Filters(ids=ids), show=(Field.TIME,)))
            summed = [r for r in turn.context.last if r.op is Op.SUM and r.items is Items.TASKS]
            if not out and summed and not turn.tasks:
                out = summed[-1:]  # "chênh nhau bao nhiêu?" after a sum: its answer gives the rows and «Cộng»
                if turn.query.sources:
                    # "thế ở cột NS khác thì chênh bao nhiêu?": the same rows' sum in that column, beside its «Cộng»
                    source = sorted(turn.query.sources)[0]
                    column = out[0].filters.model_copy(update={"source": source})
                    out = [out[0].but(measure=Measure.ALLOCATION, filters=column)]
        if out:
            return out
        if "count" in has:  # ("mấy dòng đó cộng lại bao nhiêu" counts nothing: the count cue says so)
            found = self._count(turn, two)
            if found is not None:
                # "bao nhiêu cơ quan …? Là những cơ quan nào?": the count shows them too; "có bao nhiêu
                # dòng …, và tổng kinh phí của các dòng đó là bao nhiêu?": the count, then the sum
                # ("nhóm 5 có mấy việc, tổng bao nhiêu tiền": "tổng" before the money asks the sum as well)
                adds = "sum" in has or "total_asked" in has or "average" in has or re.search(r"\btong\b", f)
                money = bool(adds) and turn.query.has("budget") and found[0].items is Items.TASKS
                sums = (self._sum(turn, forced="average" in has) or []) if money else []
                if "average" in has and sums:
                    # "tính bình quân trên các dòng có ghi số …, mỗi dòng được bao nhiêu": the mean, first
                    return [x.but(show=(*x.show, Field.AVERAGE)) for x in sums] + found
                return found + sums + self._parts_of_counted(turn, found)
        selection = r.filters.groups or r.filters.agency or r.filters.quarters
        asks_amount = (r.measure is not None or total_of) and re.search(r"\b(?:bao nhieu|tong)\b", f)
        months = re.search(r"\b(?:bao nhieu|may) thang\b|\bthoi gian thuc hien\b", f) and not turn.query.has("budget")
        if months and ("average" in has or "sum" in has) and not turn.tasks:
            # "các nhiệm vụ … kéo dài trung bình bao nhiêu tháng": the months the tasks state, over the selection
            show = (Field.AVERAGE,) if "average" in has else ()
            rows = self._reads(turn).filters.model_copy(update={"ids": ()})
            return [turn.request(Items.TASKS, op=Op.SUM, measure=Measure.DURATION, filters=rows, show=show)]
        per_task = re.search(r"\b(?:moi|tung) (?:nhiem vu|dong|viec|noi dung)\b", f)
        if "average" in has and turn.query.has("budget") and len(turn.tasks) == 1 and not per_task:
            return None  # "nv đó … chia bình quân mỗi sp bn": the one task's money over its count, a facet of it
        if "average" in has and turn.query.has("budget"):
            found = self._sum(turn, forced=True)
            if found is not None:
                return [r.but(show=(*r.show, Field.AVERAGE)) for r in found]
        if (
            "sum" in has
            or "total_asked" in has
            or "remaining" in has
            or ("whole_table" in has and turn.query.has("budget") and "list_all" not in has)
            or (asks_amount and selection and "list_all" not in has)
        ):
            found = self._sum(turn)
            if found is not None and len(found) == 1 and turn.task_how == "content" and turn.query.has("lead"):
                # "Hội thi … do ai chủ trì, mỗi năm bố trí bao nhiêu và tổng cộng bao nhiêu?": one task chosen by its
                # words, its lead and money asked, is that task's, not a sum of one row
                x = found[0]
                chosen = [i for i in x.filters.ids if i != "-"]
                if x.items is Items.TASKS and x.op is Op.SUM and len(chosen) == 1 and not x.filters.agency:
                    return [
                        x.but(
                            op=Op.LOOKUP,
                            measure=None,
                            filters=Filters(ids=tuple(chosen)),
                            show=(Field.LEAD, Field.BUDGET),
                        )
                    ]
            if found is not None:
                rows = [x for x in found if x.items is Items.TASKS and x.op is Op.SUM and x.filters.amount]
                if rows and "list_all" in has:
                    # "những dòng nào có kinh phí đúng 9,2 triệu, cộng lại bao nhiêu": which rows, then their sum
                    return [rows[0].but(op=Op.LIST, measure=None, show=(Field.BUDGET,)), *found]
                if "list_all" in has:
                    # "chủ trì những nhiệm vụ nào … và tổng kinh phí", "… bao nhiêu và dành cho những nhiệm vụ nào":
                    # the sum names the tasks it adds up
                    found = [
                        x.but(show=(*x.show, Field.CONTENT)) if x.items is Items.TASKS and x.op is Op.SUM else x
                        for x in found
                    ]
                if _PRINTED_ROW_RE.search(f) and _MATCHES_RE.search(f):
                    # "cộng 2 cái đó lại có khớp với dòng Cộng không": whether they match, said first
                    found = [
                        x.but(show=(*x.show, Field.GAP)) if x.items is Items.TASKS and x.op is Op.SUM else x
                        for x in found
                    ]
                return found
        if "list_all" in has or "no_row" in has or "recurring" in has or things_listed:
            return self._list(turn)
        return None

    def _plural_things(self, turn: Turn) -> tuple[str, ...]:
        """ "các lớp …", "những lớp … nào": the tasks of the plans that count that thing (none when the
        words name one or two tasks: "các lớp cho chủ thể OCOP ở từng huyện", or give task numbers)."""
        m = self._things_re.search(turn.query.folded) if self._things_re else None
        named = (turn.task_how == "content" and len(turn.tasks) <= 2) or turn.named_one_by_one
        if m is None or named or turn.query.task_numbers:
            return ()
        after = turn.query.folded[m.end() : m.end() + 60]
        if re.search(r"\bva (?:cac |nhung )?(?:hoat dong|viec|nhiem vu|cong tac|dau viec)\b", after):
            return ()  # "những lớp tập huấn, bồi dưỡng và hoạt động tuyên truyền nào": classes and other work too
        counting = self._counting(turn, m.group(1))
        if turn.task_how == "context" and turn.query.has("refer"):
            # "ba lớp đó cộng lại": the classes among the tasks pointed back at, not every class of the plan
            # (nor those of another kind; a class that states no count is filed under the classes' topic)
            counted = [self.index.tasks[r.id] for r in turn.tasks if r.id in counting]
            kinds = {t.topics[0] for t in counted if t.topics}
            pointed = tuple(
                r.id
                for r in turn.tasks
                if r.id in counting or (self.index.tasks[r.id].topics[:1] and self.index.tasks[r.id].topics[0] in kinds)
            )
            return pointed or counting
        if counting and (turn.query.has("list") or self.lex.has("which_tasks", turn.query.folded)):
            # "Sở KH&CN chủ trì những lớp tập huấn nào": a class that states no count ("Tập huấn khai thác cơ sở
            # dữ liệu SHTT") is one too, filed under the classes' topic; a count or a sum takes only the counted
            kinds = {self.index.tasks[t].topics[0] for t in counting if self.index.tasks[t].topics}
            plans = {p.id for p in turn.plans}
            filed = [
                tid
                for tid, task in self.index.tasks.items()
                if tid.split(":", 1)[0] in plans and task.topics[:1] and task.topics[0] in kinds
            ]
            return tuple(dict.fromkeys([*counting, *filed]))
        return counting

    def _counting(self, turn: Turn, head: str) -> tuple[str, ...]:
        """The tasks of the turn's plans that state a count of ``head`` ("lop": "01 lớp tập huấn")."""
        plans = {p.id for p in turn.plans}
        return tuple(
            tid
            for tid, task in self.index.tasks.items()
            if tid.split(":", 1)[0] in plans and any(x.counts(head) for x in task.quantities)
        )

    def _quantity_sum(self, turn: Turn) -> list[Request] | None:
        """ "KH 2023 mở tổng cộng bao nhiêu lớp tập huấn?": the counts the tasks state, added up.

        "Lớp cho học sinh có mấy lớp?" names one task: its own count answers (a task lookup)."""
        q = turn.query
        m = self._unit_re.search(q.folded) if self._unit_re and not q.task_numbers else None  # "(5.3)" names one
        if m is None:
            return None
        head = m.group(1)
        shown = turn.context.listed or len(turn.context.task_ids) > 1  # (listed, or each shown with its money)
        if re.match(r" (?:\w+ )?(?:do|nay|tren|vua roi)\b", q.folded[m.end() :]) and shown:
            return None  # "cộng mấy lớp đó lại": the classes just listed, added up as rows
        counting = self._counting(turn, head)
        named = [r.plan_id for r in turn.tasks if r.id in counting]
        own = bool(named) and len(named) == len(set(named))  # one named task per plan: its own count
        told = re.search(rf"\b(?:{'|'.join(self.lex.phrases('all_told'))})\b", q.folded) or self.lex.has(
            "sum", q.folded
        )
        r = self._reads(turn)
        selected = r.filters.agency or r.filters.quarters or r.filters.groups
        if turn.elsewhere or (not told and (own or (not selected and len(counting) < 2))):
            return None  # a task of another plan was named, or one task's own count is asked
        filters = r.filters.model_copy(update={"ids": (), "words": (head,)})
        found = [turn.request(Items.TASKS, op=Op.SUM, measure=Measure.QUANTITY, filters=filters)]
        if q.has("budget"):  # "…bao nhiêu lớp, và tổng kinh phí các lớp đó": the same tasks' rows added up
            rows = tuple(t for t in counting if t not in r.filters.excluded)
            money = r.filters.model_copy(update={"ids": rows, "excluded": ()})
            found.append(turn.request(Items.TASKS, op=Op.SUM, measure=r.measure or Measure.TOTAL, filters=money))
        return found

    # ------------------------------------------------------------------ what the question selects
    def _reads(self, turn: Turn) -> _Reading:
        """Items, filters and measure the question names (computed once per turn)."""
        cached = getattr(turn, "_operations_reading", None)
        if cached is not None:
            return cached
        q = turn.query
        f = q.folded
        r = _Reading()
        r.rows = bool(_ROWS_RE.search(f))
        agency, role, negate = self._agency(turn)
        partner = self._partner(turn) if agency and not negate else None
        also = self._agencies_joined(turn) if agency and not partner else ()
        left_out: tuple[str, ...] = ()
        cut = next(self.lex.find("excluding", f), None)
        spans = self.index.agency_spans(f) if agency else []
        if cut and spans and 0 <= spans[0][0] - cut.end() < 30:
            # "không tính các lớp do UBND huyện tổ chức": that agency's tasks are left out, none chosen by it
            left_out = tuple(self.tasks_naming(agency, turn.plans))
            agency, role, negate = None, Role.ANY, False
        if not left_out and turn.context.listed and self.lex.has("besides_listed", f):
            # "ngoài các lớp vừa nói, quý II còn những dòng nào": the rows just listed are left out
            left_out = tuple(turn.context.listed)
        # "… chủ trì một mình", "không tính đồng chủ trì": the tasks it leads alone
        alone = q.co_leads is False and agency is not None and role in (Role.LEAD, Role.ANY)
        exclude = self._excluded_role(turn) if agency is None else None
        status: tuple[str, ...] = ()
        blank_row = next(self.lex.find("no_figure", f), None)
        at = blank_row.start() if blank_row else -1
        left_aside = any(0 <= at - m.end() < 30 for m in self.lex.find("excluding", f))
        taken_in = any(m.start() <= at <= m.end() for m in self.including_re.finditer(f))  # "(tính cả dòng …)"
        if blank_row and taken_in:
            status = ("row", "recurring")  # "(tính cả dòng không ghi số tiền nào)": every row, those too
        elif blank_row and left_aside:
            status = ("row",)  # "(bỏ qua hai dòng không ghi số)": the rows that give a figure
        elif blank_row and (r.rows or self.lex.has("recurring", f)):
            status = ("recurring",)  # a row that gives words, not a figure
        elif (blank_row or self.lex.has("no_amount", f)) and not r.rows:
            # "nhiệm vụ không ghi số tiền", "… không bố trí kinh phí riêng", said of tasks: no row, or a row of words
            status = ("no_row", "recurring")
        elif self.lex.has("no_row", f):
            status = ("no_row",)
        groups = self.groups(turn)
        ids = self._mentioned_ids(turn)
        things = self._plural_things(turn)
        if things:
            ids = things  # "các lớp tập huấn mà Sở KH&CN chủ trì": the tasks that count classes
        duration = self._duration(turn)
        if duration is not None and turn.task_how == "content":
            ids = ()  # "nhiệm vụ có tổng thời gian thực hiện 24 tháng": chosen by their length, not by words
        whole_group = bool(re.search(r"\b(?:ca|toan bo|tat ca|toan) nhom\b", f))  # "cả nhóm thứ năm cộng lại"
        if groups and (ids == ("-",) or (turn.task_how == "content" and not self._by_phrase(turn)) or whole_group):
            ids = ()  # the words that matched tasks, or the phrase quoted, are the group's title
        together = self.lex.has("every_source", f) or self.lex.has("sources_together", f)
        source = sorted(q.sources)[0] if q.sources and not together else None
        only_source = self.source_alone(turn) if source else None
        if only_source is not None:
            source = only_source
        # "không có nguồn nào khác" refuses no source
        unsaid = blank(f, [m.span() for m in self.lex.find("source_alone", f)]) if only_source else f
        source_negated = bool(source and self.lex.has("source_refused", unsaid))
        # "không tính tiền đề xuất TW": the other sources; the source inside those words is the one left out,
        # and another source named ("từ NS sự nghiệp khoa học (không tính phần TW)") is the column asked
        out_span = next(self.lex.find("source_left_out", f), None) if source else None
        # (the words may stop at "đề xuất" before the source's own name: read on a few words)
        out_words = " ".join(f[out_span.start() :].split()[:8]) if out_span else ""
        out_keys = source_keys(self.index, expand(out_words)) & set(q.sources) if out_span else set()
        kept = sorted(set(q.sources) - out_keys)
        source_out = bool(out_keys) and not kept
        if out_keys:
            source = kept[0] if kept else sorted(out_keys)[0]
        numbered = self.index.find_numbered_tasks(q.excluded_numbers, list(turn.plan_ids)) if q.excluded_numbers else []
        excluded = tuple(dict.fromkeys([*left_out, *(r.id for r in numbered)]))
        amount = self._amount(turn)
        amount_only = set(q.content_tokens) <= set(self.lex.phrases("amount_words"))
        if amount is not None and turn.task_how == "content" and amount_only:
            ids = ()  # "những dòng có kinh phí đúng 9,2 triệu": chosen by the amount, the words name no task
        # "bắt đầu từ Quý I"; ("bắt đầu ngay Quý I (chỉ tính dòng ghi đúng 'Quý I')": the quarter exactly)
        starting = () if self.exact_quarters(turn) else self._starting_quarter(turn)
        r.filters = Filters(
            ids=tuple(i for i in ids if i not in excluded),
            excluded=excluded,
            agency=agency,
            role=partner[1] if partner else Role.LEAD if alone else role,
            also=also,
            partner=partner[2] if partner else None,
            partner_role=partner[3] if partner else Role.ANY,
            partner_absent=bool(partner and len(partner) > 4),
            alone=alone,
            co_led=self.lex.has("co_led", blank(f, q.scope_spans)),
            negate=negate or (source_negated and agency is None),
            exclude_role=exclude,
            quarters=starting or self._quarters(turn),
            exact_quarters=self.exact_quarters(turn),
            starting=bool(starting),
            whole_year=q.has("whole_year") and not q.quarters,
            groups=groups,
            source=None if source_out else source,
            source_alone=only_source is not None and not source_out and not source_negated,
            without_source=source if source_out else None,
            status=status or (("row", "recurring") if r.rows and not ids else ()),
            amount=amount,
            lacks=self._lacks(f),
            has=((Field.BUDGET,) if self.lex.has("states_amount", f) else ()) + self._states_duration(turn),
            duration=duration[0] if duration else None,
            duration_op=duration[1] if duration else "=",
        )
        listed_by = self._listed_by(turn, r.filters)
        if listed_by is not None:
            # "cộng lại bao nhiêu tiền?" after the tasks of Quý I: those rows by what chose them, so that "thế quý
            # II?" next asks the same of Quý II (as ids, nothing could be changed)
            r.filters = listed_by
        prior = self._prior_selection(turn)
        if prior is not None and r.filters == Filters(status=r.filters.status, has=r.filters.has):
            # "…, và các dòng đó được phân bổ bao nhiêu?": the rows the question before selected
            r.filters = prior
        elif self._within_counted(turn, r.filters):
            # "nhóm … có bao nhiêu nhiệm vụ, và Sở KH&CN chủ trì mấy cái trong đó?": within the group just counted
            counted = next(
                (
                    x.filters
                    for x in reversed(turn.context.last)
                    if x.items is Items.TASKS and x.op in (Op.COUNT, Op.LIST) and not x.filters.agency
                    if (x.filters.groups or x.filters.quarters) and set(x.plans) <= set(turn.plan_ids)
                ),
                None,
            )
            if counted is not None:
                kept = {
                    "groups": counted.groups,
                    "quarters": counted.quarters,
                    "exact_quarters": counted.exact_quarters,
                }
                r.filters = r.filters.model_copy(update=kept)
        if self.lex.has("remaining", f):
            r.measure = Measure.REMAINING
        elif self.lex.has("ratio_measure", f):
            r.measure = Measure.RATIO
        elif self.lex.has("total_measure", f):
            r.measure = Measure.TOTAL
        elif self.lex.has("allocation_measure", f) or source:
            r.measure = Measure.ALLOCATION
        turn._operations_reading = r  # type: ignore[attr-defined]
        return r

    def _listed_by(self, turn: Turn, filters: Filters) -> Filters | None:
        """The filters of the last list, when the question's selection is only the tasks it listed and it points at
        none of them ("cộng lại …"; "2 dòng đó", "nv đó" are those rows by number)."""
        listed = turn.context.listed
        if not filters.ids or set(filters.ids) != set(listed) or filters != Filters(ids=filters.ids):
            return None
        if len(listed) < 2 or turn.query.has("refer") or self.lex.has("refer_list", turn.query.folded):
            return None
        last = next((x for x in turn.context.last if x.items is Items.TASKS and x.op is Op.LIST), None)
        if (
            last is None
            or last.filters.ids
            or not (last.filters.quarters or last.filters.groups or last.filters.agency)
        ):
            return None
        return last.filters

    def _rest_of_list(self, turn: Turn) -> Request | None:
        """ "mấy cái còn lại thì ai chủ trì?" after the tasks of a group one agency leads: the group's others; "còn
        lại ai chủ trì" after an agency's rows were counted: the rows it does not hold."""
        if not self.lex.has("rest_of_list", turn.query.folded):
            return None
        within = self._rest_within(turn)
        if within is not None:
            return within
        last = next(
            (
                x
                for x in reversed(turn.context.last)
                if x.items is Items.TASKS and x.op in (Op.LIST, Op.COUNT) and x.filters.agency and not x.filters.negate
            ),
            None,
        )
        if last is None or (last.op is Op.LIST and not turn.context.listed):
            return None
        if last.op is Op.COUNT:  # (nothing listed: the rest are those the agency does not hold)
            wider = last.filters.model_copy(update={"negate": True, "ids": ()})
        else:
            cleared = {"agency": None, "role": Role.ANY, "negate": False, "alone": False, "also": (), "ids": ()}
            wider = last.filters.model_copy(update={**cleared, "excluded": tuple(turn.context.listed)})
        show = tuple(fld for cue, fld in _LIST_FACETS if turn.query.has(cue))
        plans = [self.index.plans[p] for p in last.plans if p in self.index.plans]
        return turn.request(Items.TASKS, op=Op.LIST, plans=plans, filters=wider, show=show)

    def _rest_within(self, turn: Turn) -> Request | None:
        """ "mấy cái còn lại cộng lại bn tiền" after "trong số đó cái nào ko có tiền": the tasks of that selection the
        last list did not name, added up (or listed) as asked."""
        last = next(
            (x for x in turn.context.last if x.items is Items.TASKS and x.op is Op.LIST and len(x.filters.ids) > 1),
            None,
        )
        listed = set(turn.context.listed)
        if last is None or not listed or not listed < set(last.filters.ids):
            return None
        rest = tuple(i for i in last.filters.ids if i not in listed)
        plans = [self.index.plans[p] for p in last.plans if p in self.index.plans]
        if "sum" in {n for n in _OPERATION_CUES if self.lex.has(n, turn.query.folded)}:
            measure = self._reads(turn).measure or Measure.ALLOCATION
            return turn.request(Items.TASKS, op=Op.SUM, plans=plans, filters=Filters(ids=rest), measure=measure)
        show = tuple(fld for cue, fld in _LIST_FACETS if turn.query.has(cue))
        return turn.request(Items.TASKS, op=Op.LIST, plans=plans, filters=Filters(ids=rest), show=show)

    def agency_asked(self, turn: Turn) -> tuple[str | None, Role, bool]:
        """The agency named, the role asked about, and whether the question asks where it does NOT hold it."""
        return self._agency(turn)

    def negates_agency(self, turn: Turn) -> bool:
        """The question asks where the agency named does NOT hold a role ("cái nào không do Sở KH&CN chủ trì")."""
        agency, _, negate = self._agency(turn)
        return agency is not None and negate

    def _agency(self, turn: Turn) -> tuple[str | None, Role, bool]:
        """The agency named, the role asked about, and whether the question asks where it does NOT hold it.

        With no agency named the role still counts: "bao nhiêu cơ quan được giao chủ trì".
        """
        q = turn.query
        f = blank(q.folded, q.scope_spans)  # "không tính đồng chủ trì" negates no role
        positive, negative = set(), set()
        # "… có nv nào về NHTT ko, ai phối hợp với sở KHCN": a "không" that ends a yes/no question negates nothing
        said = aligned(q.raw)
        closing = 0 < len(_CLOSING_NEGATION_RE.findall(said)) == len(_ANY_NEGATION_RE.findall(said))
        for m in _ROLE_RE.finditer(f):
            before = f[max(0, m.start() - 40) : m.start()].rstrip() + " "
            (negative if _NEGATION_BEFORE.search(before) and not closing else positive).update(_roles_said(m, f))
        positive -= negative  # "… không chủ trì (cả đồng chủ trì cũng không)": the role asked about is negated
        agency = q.agencies[0] if q.agencies else None
        if agency and q.others:  # "ngoài Sở KH&CN, các cơ quan khác chủ trì …": where it does not
            roles = positive | negative
            return agency, roles.pop() if len(roles) == 1 else Role.ANY, True
        spans = self.index.agency_spans(f) + [m.span() for m in self.lex.find("own_agency", f)] if agency else []
        spans.sort()
        negated_agency = not closing and any(
            _NEGATION_BEFORE.search(f[max(0, s - 40) : s].rstrip() + " ") for s, _ in spans[:1]
        )
        if negated_agency and positive:
            negative, positive = positive, set()
        if positive:
            role = positive.pop() if len(positive) == 1 else Role.ANY
            return agency, role, False
        if negative:
            role = negative.pop() if len(negative) == 1 else Role.ANY
            return agency, role, agency is not None
        if agency and not negated_agency and self.lex.has("agency_money", f):
            return agency, Role.LEAD, False  # "Sở X được bố trí bao nhiêu kinh phí": a task's money is its lead's
        return agency, Role.ANY, negated_agency

    def _agencies_joined(self, turn: Turn) -> tuple[str, ...]:
        """The agencies named together after the first ("gộp phần việc mà Sở NN, UBND huyện và Sở GD&ĐT chủ
        trì"): their tasks count too. Not agencies asked of one by one ("mỗi sở", "Sở A mấy, Sở B mấy"), nor
        tasks they share ("Sở A và Sở B cùng chủ trì")."""
        q = turn.query
        agencies = list(dict.fromkeys(q.agencies))
        if len(agencies) < 2 or q.has("compare") or _EACH_RE.search(q.folded) or _SHARED_RE.search(q.folded):
            return ()
        if _SET_APART_RE.search(q.folded):  # "bên nào nhiều tiền hơn": each against the other
            return ()
        spans = sorted(self.index.agency_spans(blank(q.folded, q.scope_spans)))
        if len(spans) != len(agencies):
            return ()
        joints = [q.folded[a[1] : b[0]] for a, b in itertools.pairwise(spans)]
        if not all(_JOINT_RE.fullmatch(j) for j in joints):
            return ()
        return tuple(agencies[1:])

    def _partner(self, turn: Turn) -> tuple[str, Role, str, Role] | tuple[str, Role, str, Role, bool] | None:
        """Two agencies, each with its own role, that one task must both name ("do Sở KH&CN chủ trì mà có Sở
        NN&PTNT phối hợp", "Sở KH&CN chủ trì, Sở Tài chính phối hợp"): the first agency and its role, then the
        second and its. None when each is asked of on its own ("Sở A chủ trì mấy, Sở B chủ trì mấy")."""
        q = turn.query
        if len(q.agencies) != 2:
            return None
        f = blank(q.folded, q.scope_spans)
        spans = sorted(self.index.agency_spans(f))
        if len(spans) != 2:
            return None
        shared = _SHARED_RE.search(f)
        if shared and _JOINT_RE.fullmatch(f[spans[0][1] : spans[1][0]]) and shared.start() >= spans[1][1]:
            # "Sở KH&CN và Sở NN&PTNT cùng chủ trì những nhiệm vụ nào": the tasks both hold in that role
            role = (
                Role.LEAD
                if "chu tri" in shared.group(0)
                else Role.COOPERATING
                if "phoi hop" in shared.group(0)
                else Role.ANY  # "UBND huyện và Sở KH&CN cùng tham gia": both named in it, whatever the role
                if re.search(r"\b(?:tham gia|co ten|co mat|lam)\b", shared.group(0))
                else None
            )
            if role is not None:
                return q.agencies[0], role, q.agencies[1], role
        between = f[spans[0][1] : spans[1][0]]
        if re.fullmatch(r"\s*(?:(?:nam \d{4}|con|cung|da|duoc)\s+)*(?:phoi hop|lam viec|lam) (?:voi|cung)\s*", between):
            # "Sở KH&CN năm 2023 phối hợp với Sở NN&PTNT ở những nhiệm vụ nào": the first cooperates on a task
            # the second is named in, whatever its role there; where it cooperates on none ("Sở KH&CN phối hợp với
            # Cục SHTT làm những việc gì": it leads them, the Cục cooperates), the tasks that name both
            first, second = q.agencies[0], q.agencies[1]
            tasks = [t for p in turn.plans for t in p.tasks]
            cooperates = any(first in t.cooperating and second in (*t.lead, *t.cooperating) for t in tasks)
            leads = any(first in t.lead and second in t.cooperating for t in tasks)
            return first, Role.LEAD if leads and not cooperates else Role.COOPERATING, second, Role.ANY
        roles: list[Role] = []
        for _, end in spans:
            m = _ROLE_AFTER_RE.match(f, end)  # the role said right after the agency's name
            if m is None:
                return None
            roles.append(Role.LEAD if "chu tri" in m.group(1) else Role.COOPERATING)
        # one role for both is two selections set side by side ("phần do A chủ trì và phần do B chủ trì")
        if roles[0] is roles[1] or _PARTNER_APART_RE.search(between):
            return None
        if _NEGATION_BEFORE.search(f[: spans[1][0]]):
            # "Sở A chủ trì mà không có Sở B phối hợp": the tasks without it ("… không phải Sở B" asks another thing)
            if not _WITHOUT_PARTNER_RE.search(between):
                return None
            return q.agencies[0], roles[0], q.agencies[1], roles[1], True
        return q.agencies[0], roles[0], q.agencies[1], roles[1]

    def _excluded_role(self, turn: Turn) -> Role | None:
        """'…nhưng không chủ trì nhiệm vụ nào' / 'không có tên trong nhiệm vụ nào': agencies to leave out."""
        f = turn.query.folded
        if re.search(r"khong (?:co )?(?:ten|mat)(?: \S+){0,4} (?:nhiem vu|noi dung)", f):
            return Role.ANY
        m = re.search(r"(?:nhung|ma|song) (?:\S+ ){0,3}(?:khong|ko) (?:\S+ ){0,2}(chu tri|phoi hop)", f)
        if m:
            return Role.LEAD if m.group(1) == "chu tri" else Role.COOPERATING
        return None

    def groups(self, turn: Turn) -> tuple[str, ...]:
        """Task groups named by number ("nhóm 3", "nhóm 4 và 5") or by their title's words (worked out
        once per turn: several readings ask)."""
        key = tuple(p.id for p in turn.plans)
        cached = turn.groups_named.get(key)
        if cached is None:
            cached = turn.groups_named[key] = self._groups(turn)
        return cached

    @staticmethod
    def _ranked_groups(turn: Turn, ranked: Request) -> tuple[str, ...]:
        """The group with the most (or fewest) tasks in each plan of a ranking that is asked about again."""
        out = []
        for plan in turn.plans:
            if ranked.plans and plan.id not in ranked.plans:
                continue
            sizes = {g.number: sum(t.group == g.number for t in plan.tasks) for g in plan.groups}
            if not sizes:
                continue
            best = (max if ranked.op is Op.MAX else min)(sizes.values())
            first = [number for number, size in sizes.items() if size == best]
            out += [f"{plan.id}:{first[0]}"] if len(first) == 1 else []
        return tuple(out)

    def _groups(self, turn: Turn) -> tuple[str, ...]:
        # read where the message's punctuation still is: "(tính cả dòng … nhóm 4)" ends at its bracket,
        # "Tính cả phần đề xuất NSTU, tổng … nhóm 3" at its comma
        raw = turn.query.raw
        f = fold(blank(raw, [m.span() for m in self.including_re.finditer(aligned(raw))]))
        numbers: list[str] = []
        for m in _GROUP_NUMBER_RE.finditer(f):
            numbers.append(m.group(1))
            more = _MORE_GROUPS_RE.match(f[m.end() :])
            if more:
                numbers += re.findall(r"\d{1,2}", more.group(0))
        if not numbers and not _GROUP_NUMBER_RE.search(fold(raw)):
            # "nhóm thứ tư", or the group a preamble named ("à ý mình là nhóm 3, nhiệm vụ cuối của nhóm đó")
            numbers = list(turn.query.group_numbers)
        out: list[str] = []
        sections = {m.group(1) for m in _SECTION_GROUP_RE.finditer(f)}  # "mục III.2": a group by its section
        for plan in turn.plans:
            out += [f"{plan.id}:{g.number}" for g in plan.groups if g.number.lower() in sections]
        if out:
            return tuple(dict.fromkeys(out))
        for plan in turn.plans:
            for number in numbers:
                group = next((g for g in plan.groups if g.number == number or g.number.endswith(f".{number}")), None)
                if group is not None:
                    out.append(f"{plan.id}:{group.number}")
        if numbers:
            return tuple(dict.fromkeys(out))
        that_group = re.search(r"\bnhom (?:nhiem vu )?(?:do|nay|ay|tren|kia)\b", f)
        asked = [g for r in reversed(turn.context.last) for g in r.filters.groups][:2]
        if that_group and asked and all(g.split(":", 1)[0] in turn.plan_ids for g in asked):
            return tuple(dict.fromkeys(asked))  # "trong nhóm đó, những nhiệm vụ nào …" after a group was asked
        ranked = next(
            (r for r in reversed(turn.context.last) if r.items is Items.GROUPS and r.op in (Op.MAX, Op.MIN)), None
        )
        if that_group and ranked is not None and ranked.measure is None:
            # "Nhóm nào nhiều nhiệm vụ nhất?" then "nhóm đó tổng kinh phí bao nhiêu?": the group that ranking put
            # first in each plan asked (none where two share the place)
            return self._ranked_groups(turn, ranked) or ("-",)
        if that_group and turn.context.task_ids:
            # "năm 2023 nhóm đó có những gì": the group of the task discussed, by its number, in the plan asked
            numbers = [self.index.tasks[t].group.split(".")[-1] for t in turn.context.task_ids if t in self.index.tasks]
            return tuple(
                f"{p.id}:{g.number}" for p in turn.plans for g in p.groups if g.number.split(".")[-1] in numbers
            ) or ("-",)
        named = bool(re.search(r"\bnhom\b", f))
        quoted = [m.group(1) for m in _QUOTED_RE.finditer(turn.query.raw)] if named else []
        for plan in turn.plans:  # "nhóm 'Thúc đẩy…' và nhóm 'Tăng cường…'": each title quoted
            for phrase in quoted:
                grams = self.index.query_grams(phrase)[1]
                scored = sorted(((self._group_match(g, grams, True), g) for g in plan.groups), key=lambda sg: -sg[0])
                if scored and scored[0][0] >= UNNAMED_GROUP_MATCH:
                    out.append(f"{plan.id}:{scored[0][1].number}")
        if len(out) > 1:
            return tuple(dict.fromkeys(out))
        out = []
        grams = self.index.query_grams(turn.query.full_content)[1]
        # plans of every province share their groups' titles: each title scored once (1,557 groups at 300 plans)
        memo: dict[tuple[str, str | None], float] = {}

        def match(g: Group) -> float:
            key = (g.title, g.short)
            if key not in memo:
                memo[key] = self._group_match(g, grams, named)
            return memo[key]

        for plan in turn.plans:
            scored = sorted(((match(g), g) for g in plan.groups), key=lambda sg: -sg[0])
            least = GROUP_TITLE_MATCH if named else UNNAMED_GROUP_MATCH
            if scored and scored[0][0] >= least and (len(scored) == 1 or scored[0][0] > scored[1][0] + 0.1):
                shared = self.index.coverage(grams, self.index.doc_grams(scored[0][1].title))[1]
                if named or self.index.evidence(shared) >= GROUP_EVIDENCE:
                    out.append(f"{plan.id}:{scored[0][1].number}")
        q = turn.query
        # (words of its own may say what of the group is asked: "còn năm 2023 cụ thể hóa thành những gì")
        if not out and self.lex.has("nothing_new", f) and (q.years or q.provinces) and not (q.quarters or q.sources):
            out = self._namesake_groups(turn)  # "…, còn năm 2023 …": the group before, in that year's plan
        return tuple(out)

    def _namesake_groups(self, turn: Turn) -> list[str]:
        """ "Nhóm hỗ trợ năm 2022 ghi gì, còn năm 2023 …": the group the question before chose, in the plan
        this one asks about (the group whose title says the same)."""
        out: list[str] = []
        for gid in dict.fromkeys(g for r in turn.context.last for g in r.filters.groups):
            plan_id, number = gid.split(":", 1)
            before = next((g for g in self.index.plans[plan_id].groups if g.number == number), None)
            if before is None:
                continue
            grams = self._named_words(before.title)
            for plan in turn.plans:
                scored = sorted(((self._group_match(g, grams, True), g) for g in plan.groups), key=lambda sg: -sg[0])
                if scored and scored[0][0] >= GROUP_TITLE_MATCH:
                    out.append(f"{plan.id}:{scored[0][1].number}")
        return list(dict.fromkeys(out))

    def _group_match(self, group: Group, grams: Collection[str], named: bool) -> float:
        """How closely the question repeats a group's title: the title's words found (its scaffolding,
        "Nhóm nhiệm vụ nhằm", left out), or the question's; once the message says "nhóm", the
        group's short name found counts too ("nhóm khai thác TSTT")."""
        title = self._named_words(group.title)
        best = max(
            self.index.coverage(title, grams)[0], self.index.coverage(grams, self.index.doc_grams(group.title))[0]
        )
        if named and group.short:
            best = max(best, self.index.coverage(self._named_words(group.short), grams)[0])
        return best

    def _named_words(self, name: str) -> frozenset[str]:
        """A name's words and word pairs, without those made only of question scaffolding (worked out once per
        name: every question that may name a group scores every group's title)."""
        found = self._names.get(name)
        if found is None:
            found = frozenset(g for g in self.index.doc_grams(name) if any(w not in META_WORDS for w in g.split()))
            self._names[name] = found
        return found

    def _ranks_starts(self, turn: Turn) -> bool:
        """ "triển khai muộn nhất" ranks the tasks by when they start, unless it asks a deadline ("báo cáo chậm nhất
        ngày nào") or the time of one task named ("nhiệm vụ thịt cừu triển khai muộn nhất quý mấy")."""
        q = turn.query
        if q.task_numbers or _DEADLINE_RE.search(q.folded):
            return False
        which = re.search(r"\b(?:nao|gi|nhung|cac|la)\b|\btrong (?:so )?do\b", q.folded)
        one_named = turn.task_how == "content" and len(turn.tasks) == 1 and self._strong(turn)
        return bool(which) or not (one_named or turn.task_how == "context")

    def _ranked_all(self, turn: Turn, ascending: bool) -> Request:
        """ "xếp giúp từ cao xuống thấp, kèm số tiền": every row chosen (or just listed) ranked by its money."""
        r = self._reads(turn)
        filters = r.filters.model_copy(update={"status": ()})
        if filters.model_copy(update={"role": Role.ANY}) == Filters():
            listed = [t for t in turn.context.listed if t.split(":", 1)[0] in turn.plan_ids]
            filters = filters.model_copy(update={"ids": tuple(listed)}) if listed else filters
        return turn.request(
            Items.TASKS,
            op=Op.MIN if ascending else Op.MAX,
            measure=r.measure or Measure.TOTAL,
            filters=filters,
            limit=_RANKED_SHOWN,
        )

    def _listed_selection(self, turn: Turn) -> Filters | None:
        """The selection the list just shown was made by (a group, a quarter, an agency), for "việc nào nhiều tiền
        nhất" asked right after it; none when the message speaks of the whole plan."""
        f = turn.query.folded
        if _WHOLE_PLAN_RE.search(f) or re.search(r"\b20\d\d\b|\b(?:ca |toan )?bang(?: du toan)?\b", f):
            return None  # ("trong bảng dự toán, dòng nào lớn nhất": the whole table)
        for x in reversed(turn.context.last):
            if x.items is Items.TASKS and x.op in (Op.LIST, Op.COUNT) and set(x.plans) <= set(turn.plan_ids):
                chosen = x.filters.model_copy(update={"ids": (), "status": ()})
                if chosen.groups or chosen.quarters or chosen.agency:
                    return chosen
        return None

    def _within_counted(self, turn: Turn, filters: Filters) -> bool:
        """ "… mấy cái trong đó" of an agency, the message counting nothing before it and naming no plan as a
        whole: within what was just counted (in the message's piece before, or the turn before)."""
        f = turn.query.folded
        within = re.search(r"\btrong (?:so )?do\b", f)
        if within is None or not filters.agency or filters.groups or filters.quarters:
            return False
        # a count of its own before the agency ("có bao nhiêu nhiệm vụ, trong đó Sở KHCN chủ trì mấy") is the whole
        # a whole counted first and a part of it after ("có bao nhiêu nhiệm vụ, trong đó Sở KHCN chủ trì mấy")
        counts_first = any(m.end() <= within.start() for m in self.lex.find("count", f)) and bool(
            re.search(r"\b(?:may|bao nhieu|bn)\b", f[within.end() :])
        )
        whole_plan = self.lex.has("plan_total", f) or re.search(r"\b(?:ke hoach|kh|ca nam)\b", f)
        return not counts_first and not whole_plan  # (another year's selection is dropped where it is looked up)

    def _prior_selection(self, turn: Turn) -> Filters | None:
        """The filters of the selection the conversation just made, when "các dòng đó" points back at it."""
        f = turn.query.folded
        if not (_REFER_COUNT_RE.search(f) or self.lex.has("refer_list", f)) or turn.context.task_ids:
            return None
        for r in reversed(turn.context.last):
            if r.items is Items.TASKS and r.op in (Op.COUNT, Op.LIST) and r.filters != Filters():
                return r.filters
        return None

    def _quarters(self, turn: Turn) -> tuple[int, ...]:
        """The quarters asked; "Quý II (không tính Quý I-II)" asks Quý II alone."""
        q = turn.query
        kept = self._quarters_kept(turn)
        if kept:
            return kept
        # (rows taken in: "tính cả dòng ghi Quý I-II"; a quarter taken in, "kể cả quý II", is one asked)
        rows = set(self.lex.phrases("row_noun"))
        taken_in = [m.span() for m in self.including_re.finditer(aligned(q.raw)) if rows & set(m.group(0).split())]
        named = quarters_in(fold(blank(q.raw, taken_in))) if taken_in else []
        if named:
            return tuple(named)  # "bắt đầu từ quý I (tính cả dòng ghi Quý I-II)": the rows a quarter takes in
        # "quý I (tính cả việc kéo dài sang quý II)": the quarter a task runs on into is no quarter chosen
        plain = strip_marks(q.raw).lower()
        spanned = _RUNS_INTO_RE.sub(" ", plain)
        return tuple(quarters_in(spanned)) if spanned != plain and quarters_in(spanned) else tuple(q.quarters)

    def _starting_quarter(self, turn: Turn) -> tuple[int, ...]:
        """The quarter tasks are asked to start in ("bắt đầu triển khai từ Quý I (tính cả Quý I-II)": a task of
        Quý I–II starts in Quý I, one of Quý II does not); none when the question asks no start."""
        m = next(self.lex.find("starting_quarter", turn.query.folded), None)
        return tuple(quarters_in(turn.query.folded[m.start() :])[:1]) if m else ()

    def _quarters_kept(self, turn: Turn) -> tuple[int, ...]:
        """The quarters named outside a clause that leaves others out ("'Quý I' (không tính việc Quý I-II)"), when
        there is such a clause; none when there is not."""
        plain = strip_marks(turn.query.raw).lower()  # punctuation kept: the exclusion ends at ")" or ","
        kept = _QUARTERS_LEFT_OUT_RE.sub(" ", plain)
        return tuple(quarters_in(kept)) if kept != plain else ()

    def exact_quarters(self, turn: Turn) -> bool:
        """Only the quarters named, not a span that holds them: said ("đúng Quý II", "chỉ Quý I"), or other
        quarters left out ("không tính Quý I-II")."""
        q = turn.query
        return bool(q.quarters) and (self.lex.has("exact_quarter", q.folded) or bool(self._quarters_kept(turn)))

    def _amount(self, turn: Turn) -> AmountFilter | None:
        """'dưới 100 triệu', 'từ 1.000 triệu trở lên', 'tổng kinh phí lớn hơn phần phân bổ'."""
        f = turn.query.folded
        more = re.search(r"tong kinh phi (?:\S+ ){0,3}(?:lon|nhieu|cao) hon (?:\S+ ){0,3}phan bo", f)
        printed = _PRINTED_ROW_RE.search(f"{fold(turn.query.lead_raw)} {f}")  # ("Ở dòng Tổng cộng, …": said first)
        if more and not printed:  # (of the printed total row: how much more, no selection)
            return AmountFilter(measure=Measure.REMAINING, op=">", value=Decimal(0))
        if (
            re.search(r"tong kinh phi (?:\S+ ){0,3}(?:dung |vua )?bang (?:\S+ ){0,2}phan bo", f)
            or re.search(r"phan bo (?:\S+ ){0,4}(?:dung |vua )?bang (?:dung )?(?:voi )?tong kinh phi", f)
            # "những dòng được bố trí đủ 100% tổng kinh phí ngay trong năm 2023"
            or re.search(
                r"(?:bo tri|phan bo|cap) (?:du|het|tron|toan bo)(?: ca)?(?: 100 ?%)?(?: (?:so|phan))? tong kinh phi", f
            )
        ):
            # "tổng kinh phí thực hiện đúng bằng số phân bổ năm 2023": done within the year
            return AmountFilter(measure=Measure.REMAINING, op="=", value=Decimal(0))
        m = self._amount_re.search(f)
        if not m:
            # "420 triệu đồng đó là kinh phí của nhiệm vụ nào?": the rows that print that figure
            # "3 lớp 9,2 triệu trong quý II cộng lại": the rows at that figure, said right after them
            first = _AMOUNT_OF_WHICH_RE.search(f) or _ROWS_AT_AMOUNT_RE.search(f)
            value = read_number(first.group("num")) if first else None
            if value is None:
                return None
            value *= 1000 if first.group("unit") in ("ty", "ti") else 1
            return AmountFilter(measure=Measure.STATED, op="=", value=value)
        value = read_number(m.group("num"))
        if value is None:
            return None
        if m.group("unit") in ("ty", "ti"):
            value *= 1000
        word = m.group("cmp")
        if m.group("up") == " tro len" or word == "tu":
            op = ">="
        elif word in ("khong qua", "toi da", "khong vuot qua") or m.group("up") == " tro xuong":
            op = "<="
        else:
            op = "=" if word in self._equal else "<" if word in self._less else ">"
        # "được phân bổ ở mức 150 triệu": the year's allocation, not the whole task's cost
        said = [(x.start(), x.group(0)) for x in re.finditer(r"\bphan bo\b|\btong kinh phi\b", f[: m.start()])]
        measure = Measure.ALLOCATION if said and said[-1][1] == "phan bo" else Measure.TOTAL
        if word in self._printed and not said:
            measure = Measure.STATED  # "dòng nào ghi 300 triệu": whichever column prints it
        return AmountFilter(measure=measure, op=op, value=value)

    def _lacks(self, f: str) -> tuple[Field, ...]:
        """'không ghi cơ quan phối hợp', 'để trống cột ghi chú': a field the items must not state."""
        out = []
        for fld, words in (
            (Field.COOPERATING, r"(?:co quan |don vi )?phoi hop"),
            (Field.LEAD, r"(?:co quan |don vi )?chu tri"),
            (Field.NOTES, r"(?:cot )?ghi chu"),
            (Field.TIME, r"thoi gian|quy"),
        ):
            absent = rf"\b(?:khong|ko|chua) (?:ghi|neu|co)(?: ro)? (?:{words})\b"
            blank = rf"\bde trong (?:\S+ ){{0,2}}(?:{words})\b"
            if re.search(absent, f) or re.search(blank, f):
                out.append(fld)
        return tuple(out)

    def _duration(self, turn: Turn) -> tuple[int, str] | None:
        """The length the tasks are chosen by, and how theirs compares to it: "tổng thời gian thực hiện 24 tháng"
        (equal), "kéo dài hơn 12 tháng" (longer), "từ 24 tháng trở lên"."""
        f = turn.query.folded
        compared = self._length_re.search(f)
        if not (
            re.search(r"thoi gian thuc hien|keo dai|trong vong", f) or (compared and compared.group("from") is None)
        ):
            return None
        found = set(_DURATION_RE.findall(f)) | set(_DURATIONS_RE.findall(f))
        if len(found) != 1:
            return None  # "12 hoặc 24 tháng" is no one length
        if compared is None or (compared.group("from") and not compared.group("up") and not compared.group("down")):
            return int(found.pop()), "="  # ("từ tháng 6", "trong vòng 24 tháng": the length itself)
        more = compared.group("longer") or compared.group("up")
        op = (">=" if compared.group("up") else ">") if more else ("<=" if compared.group("down") else "<")
        return int(compared.group("n")), op

    def _states_duration(self, turn: Turn) -> tuple[Field, ...]:
        """ "các nhiệm vụ có ghi tổng thời gian thực hiện (12 hoặc 24 tháng)": those that state a length at all."""
        f = turn.query.folded
        if self.lex.has("states_duration", f) and self._duration(turn) is None:
            return (Field.DURATION,)
        return ()

    def _mentioned_ids(self, turn: Turn) -> tuple[str, ...]:
        """Rows whose notes carry a quoted phrase ("ghi chú nhắc tới 'nhiệm vụ KHCN'", "ghi «Hoạt động
        thường xuyên»"), tasks named by number or content, or the tasks the conversation means ("2 nhiệm vụ đó").

        A quoted phrase that no note carries selects nothing ("-").
        """
        q = turn.query
        if self.lex.has("named_earlier", q.folded) and (q.quarters or q.group_numbers or q.agencies or q.sources):
            return ()  # "mấy dòng quý I lúc nãy": a selection said earlier, chosen again by its own words
        if self.lex.has("counted_as_zero", q.folded):
            return ()  # "(dòng chỉ ghi 'Hoạt động thường xuyên' tính là 0)": how those rows count, no selection
        if turn.task_how == "content" and self._named_only_as_included(turn):
            return ()  # "do Sở KH&CN chủ trì (tính cả dòng lớp tập huấn tại trạm IP Platform)": counted in, not chosen
        phrases = [fold(m.group(1)) for m in _QUOTED_RE.finditer(q.raw)]
        if self.lex.has("recurring", q.folded):
            phrases.append("hoat dong thuong xuyen")
        # a quoted column, amount or quarter ("ghi thời gian 'Quý II'") is a filter of its own, not a note
        phrases = [
            p
            for p in phrases
            if not self.lex.has("total_measure", p)
            and not _MONEY_WORDS_RE.search(p)
            and not quarters_in(p)
            and not self.lex.has("table_heading", p)  # "dòng 'Cơ quan phối hợp'", "dòng 'Cộng'": the table's own
            and not self.index.find_agencies(p)  # "(kể cả ghi 'Sở KH-CN')": an agency's name, as the table spells it
            and not source_keys(self.index, expand(p))  # "cột 'Đề xuất NSTU hỗ trợ'": a funding column, no note
            and not self.index.quoted_generic_agencies(f"'{p}'")  # "'cơ quan chuyên môn liên quan'": a group's
        ]
        if phrases:
            noted = {
                f"{plan.id}:{task.number}": fold(" ".join(filter(None, [task.budget.note, *task.notes])))
                for plan in turn.plans
                for task in plan.tasks
            }
            found = [tid for tid, notes in noted.items() if any(p in notes for p in phrases)]
            # a quoted name the tasks' own words carry (chỉ dẫn địa lý “Khe Sanh”) names a task, not a note
            named = any(p in fold(f"{t.title} {t.content}") for p in phrases for plan in turn.plans for t in plan.tasks)
            if found or not named:
                return tuple(found) or ("-",)
        if self.lex.has("refer_list", q.folded) and turn.context.listed:
            # "trong số đó những nhiệm vụ nào…": within what the last list named
            listed = self._list_restated(turn) or self._chosen_from(turn) or turn.context.listed
            return tuple(t for t in listed if t.split(":", 1)[0] in turn.plan_ids) or ("-",)
        if self.lex.has("refer_list", q.folded) and self._prior_selection(turn) is not None:
            return ()  # "…là những dòng nào? mấy dòng vừa rồi cộng lại": the list asked before, by its own filters
        if turn.task_how == "number" and self.lex.has("adds_more", q.folded):
            # "cộng thêm 5.5 nữa thì ba dòng bao nhiêu" after 5.1, then 5.2: the rows talked about, and this one
            named = [r.id for r in turn.tasks]
            said = re.search(r"\b(hai|ba|bon|nam|[2-9]) (?:dong|nhiem vu|nv|viec|lop)\b", q.folded)
            wanted = self.lex.ordinals.get(said.group(1), 0) if said else len(turn.context.task_ids) + len(named)
            before = [t for t in turn.context.tasks_seen if t.split(":", 1)[0] in turn.plan_ids and t not in named]
            return tuple([*before[-(wanted - len(named)) :], *named] if wanted > len(named) else named)
        if turn.task_how in ("number", "content") and (turn.task_how == "number" or len(turn.tasks) <= 3):
            return tuple(r.id for r in turn.tasks)
        other_column = q.sources and any(r.filters.source not in (None, *q.sources) for r in turn.context.last)
        # ("Tổng kinh phí các nhiệm vụ Sở NN&PTNT chủ trì" after Sở GD&ĐT's: another agency's rows, not those)
        other_agency = q.agencies and any(r.filters.agency not in (None, *q.agencies) for r in turn.context.last)
        # ("có bao nhiêu nhiệm vụ ghi đúng Quý II" after one task was shown: the quarter chooses, not that task)
        # ("năm 2023 Sở KH&CN chủ trì bao nhiêu nhiệm vụ" after the rows of Quý I were added up: its own, all of them)
        pointing = q.has("refer") or self.lex.has("refer_list", q.folded)
        # ("trong bảng dự toán 2023 nv nào ko được ghi đồng nào?" after task 3.1: which of all, not of that one)
        which = self.lex.has("which_tasks", q.folded)
        own_selection = bool(q.quarters or q.group_numbers or q.agencies or which) and not pointing
        if turn.task_how == "context" and turn.tasks and not other_column and not other_agency and not own_selection:
            # the tasks discussed, or those the last list named ("còn cột NS sự nghiệp thì sao, cộng các dòng"
            # is another column: its own rows)
            restated = self._list_restated(turn) or self._chosen_from(turn)
            return restated or tuple(r.id for r in turn.tasks if r.plan_id in turn.plan_ids)
        if _REFER_COUNT_RE.search(q.folded) and turn.context.task_ids:
            return tuple(t for t in turn.context.task_ids if t.split(":", 1)[0] in turn.plan_ids)
        return ()

    def _named_only_as_included(self, turn: Turn) -> bool:
        """The words that name tasks stand only inside a clause that takes rows in ("tính cả dòng …", "kể cả …"):
        outside it, no task is named."""
        raw = turn.query.raw
        spans = [m.span() for m in self.including_re.finditer(aligned(raw))]
        if not spans:
            return False
        if _QUOTED_RE.search(raw) or self.lex.has("recurring", turn.query.folded):
            return False  # a phrase quoted chooses the rows ("ghi 'Hoạt động thường xuyên' (kể cả ghi chú)")
        said = fold(blank(raw, spans))
        tags = {fold(x) for p in turn.plans for t in p.tasks for x in t.topics}
        if any(re.search(rf"\b{re.escape(tag)}\b", said) for tag in tags):
            return False  # a topic named outside: "các dòng tập huấn, bồi dưỡng (kể cả cho học sinh, sinh viên)"
        outside = self.index.content_tokens(said)
        hits = self.index.rank_tasks(" ".join(outside), list(turn.plan_ids)) if outside else []
        return not hits or hits[0].score < TOPIC_MATCH

    def _chosen_from(self, turn: Turn) -> tuple[str, ...]:
        """ "mấy cái đó cộng lại" after a list of one, itself picked from a list ("trong đó cái nào không có tiền từ
        …"): the tasks it was picked from, which a plural points back at; none otherwise."""
        if len(turn.context.listed) != 1 or not self.lex.has("refer_plural", turn.query.folded):
            return ()
        last = next((r for r in reversed(turn.context.last) if r.items is Items.TASKS and r.op is Op.LIST), None)
        picked_from = last.filters.ids if last is not None else ()
        return picked_from if len(picked_from) > 1 and picked_from[0] != "-" else ()

    def _list_restated(self, turn: Turn) -> tuple[str, ...]:
        """ "các việc quý II đó" after "những việc quý II?", then "trong số đó việc nào không phải Sở mình chủ
        trì?": the list the words restate (the quarter's), not the agency's part of it the last answer listed."""
        q = turn.query
        last = next((r for r in reversed(turn.context.last) if r.items is Items.TASKS and r.op is Op.LIST), None)
        if last is None or not q.quarters or q.agencies or not last.filters.agency or not last.filters.ids:
            return ()
        return last.filters.ids

    def _in_list(self, turn: Turn) -> bool:
        """The question is about the tasks the last list named ("trong số đó")."""
        return bool(turn.context.listed) and self.lex.has("refer_list", turn.query.folded)

    def _by_phrase(self, turn: Turn) -> bool:
        """The selection comes from a phrase in the notes, not from a task named."""
        q = turn.query
        return bool(_QUOTED_RE.search(q.raw) or self.lex.has("recurring", q.folded))

    def topic_ids(self, turn: Turn, plans: list[Plan]) -> tuple[str, ...]:
        """Tasks a topic named in the question is clearly about ("bao nhiêu nhiệm vụ về tri thức truyền thống")."""
        q = turn.query
        # what "(kể cả …)" brings in is not the topic ("các dòng tập huấn, bồi dưỡng (kể cả cho học sinh, sinh viên)")
        raw = q.raw
        folded = fold(blank(raw, [m.span() for m in self.including_re.finditer(aligned(raw))]))
        listed = self._listed_topics(folded, plans)
        if listed:  # "về chỉ dẫn địa lý, nhãn hiệu chứng nhận hoặc nhãn hiệu tập thể": any of the topics
            return tuple(f"{p.id}:{t.number}" for p in plans for t in p.tasks if {fold(x) for x in t.topics} & listed)
        if not q.content_tokens or any(not self.index.known(t) for t in q.content_tokens):
            return ()
        if self._named_only_as_included(turn):
            return ()  # "(tính cả dòng lớp tập huấn tại trạm IP Platform)": a row counted in, no topic chosen
        if set(q.content_tokens) <= _AGENCY_NOUN_TOKENS:
            return ()  # "có thêm những tổ chức nào": who, not a topic
        hits = self.index.rank_tasks(q.content, [p.id for p in plans])
        found = tuple(
            h.item.id
            for h in hits
            if h.score >= TOPIC_MATCH and h.evidence >= TOPIC_EVIDENCE and isinstance(h.item, TaskRef)
        )
        # "các dòng tập huấn, bồi dưỡng": every task the plan files under a topic named, though its
        # words differ ("lớp bồi dưỡng chuyên sâu" is a class too)
        tags = {fold(x) for p in plans for t in p.tasks for x in t.topics}
        spans = [(m.start(), m.end(), x) for x in tags for m in re.finditer(rf"\b{re.escape(x)}\b", folded)]
        # a tag inside a longer one is not named: "truyền thông" (folded) inside "tri thức truyền thống"
        named = {x for s, e, x in spans if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _ in spans)}
        # the topic the tasks found share ("tập huấn" of 5.1 and 5.2), not every topic a word names
        tags_of = {f"{p.id}:{t.number}": {fold(x) for x in t.topics} for p in plans for t in p.tasks}
        if len(plans) > 1 and len(found) == len(plans) == len({i.split(":", 1)[0] for i in found}):
            # "chỉ tiêu hỗ trợ đăng ký bảo hộ, truy xuất nguồn gốc cho sản phẩm OCOP … từ 2022 sang 2023": the words
            # name one task in each plan, that task, not every task filed under its topic
            return tuple(found)
        shared = set.intersection(*(tags_of.get(i, set()) for i in found)) & named if found else named
        if len(shared) != 1 and not found:
            return found
        tagged = [i for i, tags in tags_of.items() if tags & shared]
        return tuple(dict.fromkeys([*found, *tagged]))

    def tasks_naming(self, agency: str, plans: list[Plan], role: Role = Role.ANY) -> list[str]:
        """The tasks of these plans that name the agency in that role (lead or cooperating; either by default)."""
        return [f"{p.id}:{t.number}" for p in plans for t in p.tasks if holds(t, agency, role)]

    def _listed_topics(self, folded: str, plans: list[Plan]) -> set[str]:
        """Two or more of the tasks' topics named one after another ("CDĐL, NHCN hoặc NHTT"), or none."""
        topics = {fold(x) for p in plans for t in p.tasks for x in t.topics}
        spans = sorted(
            (m.start(), m.end(), topic) for topic in topics for m in re.finditer(rf"\b{re.escape(topic)}\b", folded)
        )
        run: list[tuple[int, int, str]] = []
        for span in spans:
            if run and span[0] < run[-1][1]:
                continue  # inside the topic before ("nhãn hiệu" in "nhãn hiệu tập thể")
            if run and not _TOPIC_JOIN_RE.fullmatch(folded[run[-1][1] : span[0]]):
                if len(run) >= 2:
                    break
                run = []
            run.append(span)
        return {topic for _, _, topic in run} if len(run) >= 2 else set()

    def duty_entries(self, turn: Turn) -> tuple[str, ...]:
        """Entries of "Tổ chức thực hiện" named by their number ("mục V.9 giao việc cho mấy cơ quan")."""
        f = turn.query.folded
        named = {m.group(1) for m in _SECTION_RE.finditer(f)}
        # "mục 10 phần tổ chức thực hiện": the entry numbered 10 within that part (V.10)
        # (a lettered point of it names that part too: "điểm b mục 10 Thái Bình")
        of_part = re.search(r"\bto chuc thuc hien\b|\b(?:diem|y) [a-z] (?:cua |thuoc )?muc \d", f)
        bare = set(re.findall(r"\bmuc (\d{1,2})\b", f)) if of_part else set()
        return tuple(
            f"{plan.id}:{entry.section}"
            for plan in turn.plans
            for entry in plan.responsibilities
            # (a numbered part's entries too: "mục 2 'Các Sở, ngành'" is IV.2.a to IV.2.k)
            if fold(entry.section) in named or [*fold(entry.section).split("."), ""][1] in bare
        )

    def source_alone(self, turn: Turn) -> str | None:
        """The source of "chỉ dùng NS sự nghiệp khoa học (không có nguồn nào khác)": the rows asked draw on it and
        on no other. The cue's own words ("nguồn … khác") name no source: the one named outside them is meant."""
        q, f = turn.query, turn.query.folded
        spans = [m.span() for m in self.lex.find("source_alone", f)]
        if not spans or not q.sources:
            return None
        named = source_keys(self.index, expand(blank(f, spans))) & set(q.sources)
        return sorted(named or q.sources)[0]

    def measure_asked(self, turn: Turn) -> Measure | None:
        """Which money the question asks ("phân bổ trong năm", "tổng kinh phí thực hiện"), if it says."""
        return self._reads(turn).measure

    def _entries_saying(self, turn: Turn) -> tuple[str, ...]:
        """Entries of "Tổ chức thực hiện" one of whose points says what the question's words say ("bao nhiêu
        cơ quan được yêu cầu bố trí cán bộ chuyên trách"): those clearly above the rest, or none."""
        asked = self.index.query_grams(turn.query.content)[1]
        if len(turn.query.content_tokens) < 2 or not asked:
            return ()
        scored = [
            (max((self.index.coverage(asked, self.index.doc_grams(d.text))[0] for d in e.duties), default=0.0), p, e)
            for p in turn.plans
            for e in p.responsibilities
        ]
        best = max((score for score, _, _ in scored), default=0.0)
        if best < SAYING_ENTRY:
            return ()
        return tuple(f"{p.id}:{e.section}" for score, p, e in scored if score >= best * CLOSE_ENTRY)

    def _with_year_before(self, turn: Turn) -> tuple[Plan, Plan] | None:
        """One annual plan asked about, and its province's plan of the year before, if there is one."""
        if len(turn.plans) != 1 or turn.plans[0].year_start != turn.plans[0].year_end:
            return None
        plan = turn.plans[0]
        before = next(
            (
                p
                for p in self.index.plans.values()
                if p.province_id == plan.province_id and p.year_start == p.year_end == plan.year_start - 1
            ),
            None,
        )
        return (before, plan) if before else None

    def _two_plans(self, turn: Turn) -> tuple[Plan, Plan] | None:
        """Two plans of one province the question sets side by side (two years named, or 'năm trước')."""
        plans = turn.asked_plans or turn.plans
        if len(plans) == 2 and plans[0].province_id == plans[1].province_id:
            return plans[0], plans[1]
        seen = [self.index.plans[p] for p in turn.context.plans_seen[-2:] if p in self.index.plans]
        both = re.search(r"\b(?:ca )?(?:hai|2) (?:nam|ke hoach|kh)\b", turn.query.folded)
        if both and not turn.query.years and len(seen) == 2 and seen[0].province_id == seen[1].province_id:
            return tuple(sorted(seen, key=lambda p: p.year_start))  # "cộng lại hai năm?" of the two just talked about
        q = turn.query
        talked = self.index.plans.get(turn.context.plan_id or "")
        plain = not (turn.tasks or q.agencies or q.group_numbers or q.quarters)
        totals_last = any(r.items is Items.BUDGET and r.op is Op.LOOKUP for r in turn.context.last)
        two_seen = len(seen) == 2 and seen[0].id != seen[1].id and seen[0].province_id == seen[1].province_id
        if not two_seen:
            # (the two plans of one answer: "so sánh tổng kinh phí 2022 và 2023", then "vậy giảm bao nhiêu?")
            shown = next((r.plans for r in turn.context.last if r.items is Items.BUDGET and len(r.plans) == 2), ())
            seen = [self.index.plans[p] for p in shown if p in self.index.plans]
            two_seen = len(seen) == 2 and seen[0].province_id == seen[1].province_id
        if not q.years and plain and totals_last and two_seen and self.lex.has("difference", q.folded):
            # "vậy giảm bao nhiêu tiền?" after one plan's total, then the year before's: the two just talked about
            earlier, later = sorted(seen, key=lambda p: p.year_start)
            return earlier, later
        if talked is None or len(plans) != 1 or talked.province_id != plans[0].province_id or talked.id == plans[0].id:
            return None
        # (a plan's money: its total, or a source of it: "vậy trung ương hỗ trợ bn", then "so với năm 2022 thì tổng
        # kinh phí giảm bn")
        after_money = any(r.items in (Items.BUDGET, Items.SOURCES) for r in turn.context.last)
        own_comparand = re.search(r"\b(?:phan bo|dong cong|cot|nguon|tong kinh phi thuc hien)\b", q.folded)
        if q.years and plain and after_money and not own_comparand and self.lex.has("difference", q.folded):
            # "vậy năm 2023 ít hơn bn tiền?" after the 2022 plan's total: the year named against the one talked about
            earlier, later = sorted((talked, plans[0]), key=lambda p: p.year_start)
            return earlier, later
        return None

    # ------------------------------------------------------------------ operations
    def _count(self, turn: Turn, two: tuple[Plan, Plan] | None) -> list[Request] | None:
        q = turn.query
        f = q.folded
        items = self._counted(q)
        if items is None:
            return None
        r = self._reads(turn)
        if items is Items.TASKS:
            if turn.task_how == "number" and not r.filters.groups and not r.filters.agency:
                return None  # "nhiệm vụ 3.4 hỗ trợ bao nhiêu sản phẩm" is the task's own count
            if r.filters.agency and self._counts_duty_points(turn):
                # "trong mục tổ chức thực hiện, Sở KH&CN được giao bao nhiêu đầu việc": the points of its entry
                # (of each agency named: "3 sở đó mỗi sở được giao mấy điểm việc")
                slugs = list(dict.fromkeys([r.filters.agency, *turn.query.agencies]))
                if len(slugs) > 1 and _ALL_TOLD_RE.search(f):
                    # "gộp số điểm việc giao cho ba sở … thì được tất cả bao nhiêu": each, and all together
                    both = Filters(agency=slugs[0], also=tuple(slugs[1:]))
                    return [turn.request(Items.DUTIES, op=Op.COUNT, filters=both)]
                return [turn.request(Items.DUTIES, op=Op.COUNT, filters=Filters(agency=a)) for a in slugs]
            plans = [two[0], two[1]] if two else turn.plans
            # the tasks the words matched are dropped for a topic of their own, unless a quoted phrase chose them
            ids = r.filters.ids if turn.task_how != "content" or self._by_phrase(turn) else ()
            topic = () if r.filters.groups else self.topic_ids(turn, plans)  # a group's title is no topic
            filters = r.filters.model_copy(update={"ids": ids or topic})
            parts = self._count_parts(turn, filters)
            together = re.search(rf"\b(?:{'|'.join(self.lex.phrases('all_told'))})\b", f)
            if len(plans) > 1 and together and len(parts) == 1 and not filters.groups:
                # "gộp cả hai kế hoạch, tổng cộng bao nhiêu nhiệm vụ về …": each plan's, then both together
                return [turn.request(Items.TASKS, op=Op.COUNT, plans=plans, filters=filters)]
            counted = [self._per_plan(turn, Items.TASKS, Op.COUNT, plan, part) for part in parts for plan in plans]
            if re.search(r"\b(?:may|bao nhieu|bn) nhom\b", f):
                counted.append(turn.request(Items.GROUPS, op=Op.LIST, plans=plans))  # "…, bao nhiêu nhóm": those too
            money = q.has("budget") and self.lex.has("how_much", f) and len(parts) == 1
            if money and not self._narrows(filters, plans):
                # "có bao nhiêu nv, tổng kinh phí bao nhiêu": the plan's own total, no selection to add up
                counted.append(turn.request(Items.BUDGET, plans=plans))
            elif money:
                # "mấy dòng ghi Quý I, là dòng nào, năm 2023 được bao nhiêu tiền?": the count, then their money
                year_said = re.search(r"\b(?:phan bo|bo tri)\b|\bnam \d{4} (?:duoc|dc|co)\b", f)
                measure = self.measure_asked(turn) or (Measure.ALLOCATION if year_said else Measure.TOTAL)
                rows = filters.model_copy(update={"status": tuple(x for x in filters.status if x != "recurring")})
                tabled = [p for p in plans if p.has_rows]
                counted += [
                    turn.request(Items.TASKS, op=Op.SUM, plans=[p], measure=measure, filters=rows) for p in tabled
                ]
            return counted
        if items is Items.AGENCIES:
            duty = bool(re.search(r"to chuc thuc hien|giao viec|phan cong|neu ten|\bphan iv\b|\bmuc v\b", f))
            role = Role.DUTY if duty else r.filters.role
            if not duty and not _ROLE_RE.search(f):
                return None  # "bao nhiêu đơn vị sản xuất kinh doanh" is a target, not the plan's agencies
            kind = "department" if re.search(r"\b(?:may|bao nhieu|nhung|cac) so\b", f) else None
            # "giao việc cho mấy tổ chức hội, đoàn thể": those of that kind only
            kind = self.kind_asked(f) or kind
            entries = (self.duty_entries(turn) or self._entries_saying(turn)) if duty else ()
            # "bao nhiêu cơ quan phối hợp ở nhiệm vụ bản đồ số": those of the task named, not of every task
            named = 0 < len(turn.tasks) <= 2 and (
                turn.task_how == "number" or (turn.task_how == "content" and self._strong(turn))
            )
            tasks = tuple(t.id for t in turn.tasks) if named and not duty else ()
            if len(tasks) == 1:
                return None  # one task's partners are its own line, as the document lists them (groups included)
            filters = Filters(
                role=role, agency_kind=kind, groups=r.filters.groups, quarters=r.filters.quarters, ids=entries or tasks
            )
            return [turn.request(Items.AGENCIES, op=Op.COUNT, filters=filters)]
        if items is Items.DUTIES:  # ("mục IV.2 có bao nhiêu mục con": those under it)
            return [turn.request(Items.DUTIES, op=Op.COUNT, filters=Filters(ids=self.duty_entries(turn)))]
        if items is Items.GROUPS:
            return [turn.request(Items.GROUPS, op=Op.LIST)]
        years = [y for y in q.years if any(t.year == y for p in turn.plans for t in p.targets)]
        return [turn.request(Items.TARGETS, op=Op.COUNT, filters=Filters(year=years[0] if years else None))]

    def _counts_duty_points(self, turn: Turn) -> bool:
        """An agency's count asked of "Tổ chức thực hiện": the section named, or every plan asked assigns
        work by agency there (Thái Bình: no task names a lead, so a count of tasks led would be 0)."""
        plans = turn.plans
        if not plans or not all(p.responsibilities for p in plans):
            return False
        named = re.search(r"\bto chuc thuc hien\b|\bphan (?:iv|v)\b|\bmuc (?:iv|v)\b", turn.query.folded)
        return bool(named) or not any(t.lead for p in plans for t in p.tasks)

    def _count_parts(self, turn: Turn, filters: Filters) -> list[Filters]:
        """One count, or the several one message asks for: "có bao nhiêu nhiệm vụ, trong đó Sở X chủ trì
        mấy" (all, then the agency's), "chủ trì ở mấy và phối hợp ở mấy" (each role), "bao nhiêu dòng
        ở cột A và bao nhiêu dòng ở cột B" (each source)."""
        q = turn.query
        f = q.folded
        if filters.agency and len(set(q.agencies)) >= 2 and _EACH_RE.search(f):
            # "Cục SHTT và Sở NN&PTNT mỗi bên có tên ở bao nhiêu dòng": each agency's count
            return [filters.model_copy(update={"agency": a, "also": ()}) for a in dict.fromkeys(q.agencies)]
        if sum(1 for _ in self.lex.find("count", f)) + len(re.findall(r"\b(?:may|bao nhieu|bn)\b", f)) < 3:
            return [filters]  # one how-many (the count cue and its own "mấy" make two)
        if len(filters.groups) >= 2:  # "bao nhiêu nhiệm vụ nhóm 3, bao nhiêu nhiệm vụ nhóm 5": each group
            return [filters.model_copy(update={"groups": (g,)}) for g in filters.groups]
        if filters.agency and len(set(q.agencies)) >= 2:  # "Sở A chủ trì mấy, Sở B chủ trì mấy": each agency
            return [filters.model_copy(update={"agency": a, "also": ()}) for a in dict.fromkeys(q.agencies)]
        within = re.search(r"\btrong (?:do|so do)\b", f)
        if filters.agency and within:
            spans = self.index.agency_spans(f)
            if spans and spans[0][0] < within.start():
                # "UBND huyện có tên ở bao nhiêu nhiệm vụ, trong đó chủ trì mấy": the agency's, then in a role
                after = f[within.end() :]
                role = Role.LEAD if re.search(r"\bchu tri\b", after) else Role.COOPERATING
                return [filters.model_copy(update={"role": Role.ANY}), filters.model_copy(update={"role": role})]
            whole = filters.model_copy(
                update={"agency": None, "also": (), "role": Role.ANY, "alone": False, "negate": False}
            )
            return [whole, filters]
        if within and filters.status and (filters.groups or filters.quarters):
            # "nhóm 3 gồm mấy nhiệm vụ, và mấy nhiệm vụ trong đó có dòng trong bảng": all, then those with a row
            return [filters.model_copy(update={"status": ()}), filters]
        # each role with a how-many of its own ("chủ trì ở mấy nhiệm vụ và phối hợp ở mấy"), not roles listed
        # as alternatives ("(chủ trì hoặc phối hợp) ở bao nhiêu nhiệm vụ")
        roles = [
            n
            for n in ("lead_word", "coop_word")
            if re.search(rf"\b(?:{'|'.join(self.lex.phrases(n))})(?: \S+){{0,3}} (?:may|bao nhieu)\b", f)
        ]
        if filters.agency and len(roles) == 2 and not filters.negate:
            return [filters.model_copy(update={"role": role}) for role in (Role.LEAD, Role.COOPERATING)]
        named = {s.key: s for p in turn.plans for s in p.budget.sources if s.key in q.sources}
        if len(named) >= 2:  # in the order the message names them
            where = {
                k: min(
                    (i for i in (f.find(fold(s.label)), f.find(fold(s.long_label or s.label))) if i >= 0), default=999
                )
                for k, s in named.items()
            }
            return [filters.model_copy(update={"source": k}) for k in sorted(named, key=where.__getitem__)]
        return [filters]

    def _parts_of_counted(self, turn: Turn, found: list[Request]) -> list[Request]:
        """ "Về tri thức truyền thống: bao nhiêu nhiệm vụ, mục tiêu nhằm gì, ai phối hợp?": when the
        count is of a few named tasks, the other parts asked are those tasks' own."""
        q = turn.query
        asked = [c for c in TASK_FACETS if c not in ("quantity", "budget", "group_of") and q.has(c)]
        chose_by_time = any(r.filters.duration is not None or r.filters.quarters for r in found)
        if chose_by_time and not _WHEN_ASKED_RE.search(q.folded):
            asked = [c for c in asked if c != "time"]  # "mấy nhiệm vụ kéo dài 24 tháng": the time chose them
        ids = [i for r in found if r.items is Items.TASKS for i in r.filters.ids if i != "-"]
        if not asked or not 0 < len(ids) <= _FEW or any(r.filters.groups or r.filters.agency for r in found):
            return []
        plans = [self.index.plans[p] for p in dict.fromkeys(i.split(":", 1)[0] for i in ids)]
        fields = tuple(FIELD_OF_CUE[c] for c in asked)
        return [turn.request(Items.TASKS, plans=plans, filters=Filters(ids=tuple(ids)), show=fields)]

    def _counted(self, q: Query) -> Items | None:
        """What a count counts: the noun right after 'bao nhiêu / mấy / số', in the same clause
        ("kinh phí bao nhiêu, bên nào…" counts no "bên")."""
        f = q.folded
        for at, text in self._count_phrases(f):
            # (the word the pattern reads before "mấy" may close a bracket: "chủ trì (kể cả đồng chủ trì) mấy")
            phrase = re.sub(r"^\S+\s(?=may\b)", "", text)
            # ("số đầu việc … là bao nhiêu" names what it counts first: it may run across commas)
            across = _NUMBER_OF_RE.match(phrase) and not _MONEY_WORD_RE.search(phrase) and q.in_one_sentence(phrase)
            if not (q.in_one_clause(phrase) or across):
                continue
            if (
                re.search(r"muc giao viec|muc phan cong|dau muc|\bmuc\b", text)
                or re.search(r"to chuc thuc hien(?: \S+){0,6} (?:bao nhieu|may) (?:muc|dau muc)", f)
                # "mục IV.2 … chia thành bao nhiêu điểm a, b, c": the entries of the part named (of "Tổ chức thực
                # hiện": "mục III.1 có mấy điểm" of Thái Bình counts its tasks)
                or (re.search(r"\b(?:diem|y)\b", text) and self._names_duty_part(f))
            ):
                return Items.DUTIES
            if re.search(r"\bchi tieu\b", text):
                return Items.TARGETS
            if re.search(r"\bnhom\b", text) and not re.search(r"nhom \d", text):
                return Items.GROUPS
            agency = re.search(r"\b(?:co quan|don vi|so nganh|so|nganh|to chuc|ben)\b", text)
            if agency and agency.group(0) == "so" and q.accents and len(q.shaped) == len(f):
                said = q.shaped[at + agency.start() : at + agency.end()].lower()
                agency = agency if said == "sở" else None  # "mấy số tạp chí" counts issues, not departments
            if agency and not re.search(r"\bso (?:luong|dong|hang)\b", text):
                return Items.AGENCIES
            if re.search(r"\b(?:nhiem vu|noi dung|dau viec|viec|giai phap|diem|hoat dong|dong|hang)\b", text):
                return Items.TASKS
        return None

    def kind_asked(self, folded: str) -> str | None:
        """The kind of agency the question asks about ("những hội nào", "mấy tổ chức hội, đoàn thể"); not one it
        leaves out ("bao nhiêu sở (không tính Công an, …, các hội)")."""
        left_out = [m.end() for m in self.lex.find("excluding", folded)]
        for kind, cue in _KIND_ASKED:
            if any(not any(0 <= m.start() - end < 80 for end in left_out) for m in self.lex.find(cue, folded)):
                return kind
        return None

    def _names_duty_part(self, folded: str) -> bool:
        """The message names a part of some plan's "Tổ chức thực hiện" ("mục IV.2")."""
        named = {m.group(1) for m in _SECTION_RE.finditer(folded)}
        return any(
            fold(e.section) == n or fold(e.section).startswith(f"{n}.")
            for p in self.index.plans.values()
            for e in p.responsibilities
            for n in named
        )

    def _count_phrases(self, folded: str) -> Iterator[tuple[int, str]]:
        """The count phrases of a text, overlapping ones too: "các sở, ngành chia thành bao nhiêu mục" reads
        "sở, ngành … bao nhiêu" across a comma first, and "bao nhiêu mục" inside it is the count asked."""
        start = 0
        while start < len(folded):
            m = next(iter(self.lex.find("count", folded[start:])), None)
            if m is None:
                return
            yield start + m.start(), m.group(0)
            start += m.start() + 1

    def _per_plan(self, turn: Turn, items: Items, op: Op, plan: Plan, filters: Filters) -> Request:
        """The same request for one plan, with the groups and ids that belong to it."""
        groups = tuple(g for g in filters.groups if g.startswith(f"{plan.id}:"))
        if filters.groups and not groups:
            groups = self._groups_in(turn, plan) or ("-",)
        ids = tuple(i for i in filters.ids if i.startswith(f"{plan.id}:") or i == "-")
        # "…ở bao nhiêu nhiệm vụ trong KH 2022 và ở bao nhiêu dòng của bảng 2023": rows only where there is a table
        status = filters.status if plan.has_rows else ()
        return Request(
            items=items,
            op=op,
            plans=(plan.id,),
            explicit=True,
            filters=filters.model_copy(update={"groups": groups, "ids": ids if filters.ids else (), "status": status}),
        )

    def _groups_in(self, turn: Turn, plan: Plan) -> tuple[str, ...]:
        """The groups of another plan that the question's groups name (by number or title)."""
        numbers = [m.group(1) for m in _GROUP_NUMBER_RE.finditer(turn.query.folded)]
        return tuple(
            f"{plan.id}:{g.number}" for g in plan.groups if g.number in numbers or g.number.split(".")[-1] in numbers
        )

    def _sum(self, turn: Turn, measure: Measure | None = None, forced: bool = False) -> list[Request] | None:
        r = self._reads(turn)
        f = r.filters
        q = turn.query
        by_words = not f.ids or (turn.task_how == "content" and not self._by_phrase(turn) and not turn.named_one_by_one)
        # (only when the words are the whole selection: "các dòng ghi Quý I" is chosen by its quarter)
        # (rows that state a figure, "có ghi số tiền", are still chosen by their words)
        alone = f.model_copy(update={"ids": (), "status": (), "role": Role.ANY, "has": ()}) == Filters()
        classifiers = set(self.lex.phrases("count_classifier"))
        # ("cộng lại được bao nhiêu, có bằng số ở dòng Cộng không": words about the printed row choose no rows)
        checking = _PRINTED_ROW_RE.search(q.folded) is not None
        words = set(q.content_tokens) - (_CHECK_WORDS if checking else set())
        just_things = words <= classifiers
        shown = turn.context.listed or (turn.context.task_ids if len(turn.context.task_ids) > 1 else [])
        listed = [t for t in shown if t.split(":", 1)[0] in turn.plan_ids]
        bare = self.lex.has("bare_total", q.folded) and bool(listed)
        adds = self.lex.has("sum", q.folded) or bare or self.lex.has("adds_more", q.folded)
        if bare and measure is None:
            # "tổng là bn?" after the rows of a column ("có tiền ở cột NSTU", "phân bổ năm 2023"): that column
            asked_before = next((x for x in turn.context.last if x.measure or x.filters.source), None)
            if asked_before is not None:
                measure = asked_before.measure or Measure.ALLOCATION
                if asked_before.filters.source and not f.source:
                    f = f.model_copy(update={"source": asked_before.filters.source})
        seen = [t for t in turn.context.tasks_seen if t.split(":", 1)[0] in turn.plan_ids]
        one_pointed = re.search(
            r"(?<!cac )(?<!nhung )(?<!may )(?<!hai )\b(?:nhiem vu|viec|cai) (?:do|nay|kia)\b", q.folded
        )
        if (
            adds
            and turn.task_how == "context"
            and len(f.ids) == 1
            and len(seen) > 1
            and not q.content_tokens
            and not one_pointed
        ):
            # "gộp lại được bao nhiêu?" after 3.3, then "còn 3.4?": the tasks talked about, together
            f = f.model_copy(update={"ids": tuple(seen)})
        if by_words and alone and just_things and listed and adds:
            f = f.model_copy(update={"ids": tuple(listed)})  # "mỗi lớp bao nhiêu, cộng lại?": the classes just listed
        elif by_words and alone and q.content_tokens and adds:
            # "cộng tổng kinh phí các dòng tập huấn, bồi dưỡng": the rows of a topic, however many
            topic = self.topic_ids(turn, turn.plans)
            f = f.model_copy(update={"ids": tuple(dict.fromkeys([*f.ids, *topic]))}) if topic else f
        selects = f.model_copy(update={"role": Role.ANY}) != Filters()  # any selection of rows at all
        whole = self.lex.has("whole_table", q.folded) or bool(re.search(r"\bcot\b", q.folded))
        measure = measure or r.measure or (f.amount.measure if f.amount else None)  # "cùng mức 9,2 triệu"
        if measure is Measure.STATED and f.amount is not None and f.amount.measure is Measure.STATED:
            measure = Measure.TOTAL  # rows chosen by any figure they print ("đúng 9,2 triệu"), added up by their totals
        nothing_left = measure is Measure.REMAINING and f.amount is not None and f.amount.op == "="
        if f.amount and measure is f.amount.measure and (nothing_left or measure is Measure.RATIO):
            # "các dòng bố trí đủ 100% ngay trong năm … cộng lại bao nhiêu tiền": rows chosen by what is left or by
            # their share; what they add up to is their money
            measure = Measure.TOTAL
        if not q.has("budget") and measure is None:
            # "mấy dòng đó cộng lại" after an answer about amounts: the amounts just shown; "tôi cộng
            # tay các dòng" after the plan's totals: the rows' "tổng kinh phí thực hiện"
            # (money first: "mấy lớp …? mỗi lớp bao nhiêu tiền?" then "cộng 3 lớp đó lại" adds up their money)
            money = [m.measure for m in turn.context.last if m.measure and m.measure not in NOT_MONEY]
            counted = [m.measure for m in turn.context.last if m.measure in NOT_MONEY]
            shows_money = any(Field.BUDGET in m.show for m in turn.context.last)
            measure = money[0] if money else None if shows_money else next(iter(counted), None)
            if measure is None and any(m.items is Items.BUDGET for m in turn.context.last):
                measure = Measure.TOTAL
            column = next((m.filters.source for m in turn.context.last if m.filters.source), None)
            if measure is None and column:
                # "cộng hai dòng đó lại" after the rows of one funding column: that column's amounts
                measure = Measure.ALLOCATION
            if column and not f.source and measure is Measure.ALLOCATION:
                f = f.model_copy(update={"source": column})
            if measure is None and any(Field.BUDGET in m.show for m in turn.context.last):
                measure = Measure.TOTAL  # after a row's money ("còn 5.2?" … "cộng thêm 5.5 nữa"): the rows' totals
            if measure is None and self.lex.has("adds_rows", q.folded) and self.lex.has("table_named", q.folded):
                measure = Measure.TOTAL  # "tự cộng các dòng nhiệm vụ in trong bảng": the table's rows, their totals
            if measure is None and (bare or self.lex.has("refer_list", q.folded)):
                # "tổng?", "mấy dòng vừa rồi cộng lại bao nhiêu?" after a list of rows: what they add up to is their
                # money
                measure = Measure.TOTAL
            if measure is None or not adds:
                return None  # "kéo dài tổng cộng bao nhiêu tháng" adds up no money
        one_task = len(f.ids) == 1 and f.ids[0] != "-"
        alone = f.model_copy(update={"ids": (), "source": None, "status": (), "excluded": ()}) == Filters()
        if one_task and alone and measure is not Measure.REMAINING and not adds:
            return None  # "nv đó tổng kp bn, đề xuất TW hỗ trợ bn?": one task's budget, a look-up
        only_source = f.source and f.model_copy(update={"source": None, "role": Role.ANY, "status": ()}) == Filters()
        if only_source and self.lex.has("plan_total", q.folded) and not adds:
            return None  # "tổng dự toán bn, TW dự kiến hỗ trợ bn": the plan's stated figures, not a column's sum
        two = self._two_plans(turn)
        about_money = q.has("budget") or any(r.items is Items.BUDGET for r in turn.context.last)
        if two and not selects and about_money and adds:
            # "cộng cả hai kế hoạch 2022 và 2023 thì bao nhiêu tiền": the two plans' stated totals
            figures = tuple(Figure(measure=Measure.STATED, plan=p.id) for p in self._in_order(turn, two))
            return [turn.request(Items.BUDGET, op=Op.SUM, plans=list(two), figures=figures)]
        if not selects and not whole and measure is not Measure.REMAINING and not forced:
            return None  # "tổng kinh phí năm 2023" is the plan's stated total, not a sum of rows
        # ("cộng 2 cái đó lại có khớp với dòng Cộng không": rows added up, set beside the printed row)
        rows_added = adds and bool(f.ids) and turn.task_how == "context"
        printed = _PRINTED_ROW_RE.search(f"{fold(q.lead_raw)} {q.folded}")
        if printed and not self.lex.has("adds_rows", q.folded) and not rows_added:
            # "dòng Cộng ghi bao nhiêu": the figure the document prints, not one computed here
            # ("tự cộng cột này theo từng dòng thì lệch bao nhiêu" adds up the rows, and shows it beside);
            # "theo dòng Tổng cộng, phần chưa bố trí trong năm": the printed total less the printed allocation
            # ("… tổng kinh phí thực hiện lớn hơn phần phân bổ bao nhiêu": the same difference)
            more = re.search(r"(?:lon|nhieu|cao) hon (?:\S+ ){0,3}phan bo", q.folded)
            remaining = measure is Measure.REMAINING or bool(more)
            return [turn.request(Items.BUDGET, measure=Measure.REMAINING)] if remaining else None
        named_only = (
            f.ids
            and turn.task_how in ("number", "content", "context", "analog")
            and not (f.groups or f.agency or f.quarters or f.amount or f.status)
            # "nhiệm vụ … tổng kinh phí bao nhiêu và ngân sách Trung ương hỗ trợ bao nhiêu": one task's money,
            # whose answer gives each source; a source over several tasks is a column's sum
            and (not f.source or one_task)
        )
        if named_only and not adds and measure is not Measure.REMAINING:
            return None  # "nhiệm vụ 3.6 tổng kinh phí bao nhiêu": that task's budget, a look-up
        if measure is Measure.REMAINING and not (selects or whole) and not q.has("budget"):
            return None
        filters = f.model_copy(update={"status": tuple(s for s in f.status if s != "recurring")})
        if not filters.ids and (filters.agency or filters.quarters):
            # "ba lớp tập huấn quý II do sở mình chủ trì thì tổng kinh phí bao nhiêu": the classes only
            filters = filters.model_copy(update={"ids": self.topic_ids(turn, turn.plans)})
        # every column named, in the table's order ("tổng kinh phí thực hiện, số phân bổ và phần còn lại")
        named = [
            m
            for m, cue in (
                (Measure.TOTAL, "total_measure"),
                (Measure.ALLOCATION, "allocation_measure"),
                (Measure.REMAINING, "remaining"),
            )
            if self.lex.has(cue, q.folded)
        ]
        if named == [Measure.ALLOCATION] and _BARE_TOTAL_RE.search(q.folded):
            # "… cộng lại có tổng kinh phí bao nhiêu, và riêng năm 2023 được bố trí bao nhiêu": both columns
            named = [Measure.TOTAL, Measure.ALLOCATION]
        measures = named if len(named) > 1 else [measure or Measure.TOTAL]
        if measures == [Measure.TOTAL] and not filters.source and _WHICH_SOURCE_RE.search(q.folded):
            # "2 lớp đó tổng cộng hết bn tiền, nguồn nào?": the year's allocation too, given source by source
            measures.append(Measure.ALLOCATION)
        parts = [filters]
        if filters.source and re.search(r"\btrong (?:do|so do)\b", q.folded):
            # "nhóm 5 được bố trí tổng cộng bao nhiêu, trong đó bao nhiêu từ NS sự nghiệp khoa học": the sum of
            # every source, which is given source by source
            parts = [filters.model_copy(update={"source": None})]
        if len(filters.quarters) >= 2 and re.search(r"\b(?:moi|tung|rieng) quy\b|\bso voi\b", q.folded):
            # "các việc Quý I so với Quý II, mỗi quý bao nhiêu": one sum per quarter
            parts = [filters.model_copy(update={"quarters": (n,)}) for n in filters.quarters]
        return [turn.request(Items.TASKS, op=Op.SUM, measure=m, filters=p) for m in measures for p in parts]

    def _strong(self, turn: Turn) -> bool:
        """The message's words name its best task outright ("địa phương phải lo" of a plan's money names none)."""
        hits = self.index.rank_tasks(turn.query.content, turn.plan_ids)[:1]
        return bool(hits) and hits[0].score >= STRONG_MATCH

    def _one_task_with_central(self, turn: Turn) -> Request | None:
        """ "ngoài 2 tỷ đề xuất TW thì tỉnh bỏ ra bn, từ nguồn nào" while one task is talked about, and that task
        draws on the central budget: its own other sources (the plan's are asked by "cả kế hoạch", "tổng")."""
        f = turn.query.folded
        ids = [t for t in turn.context.task_ids if t.split(":", 1)[0] in turn.plan_ids]
        if len(ids) != 1 or self.lex.has("plan_total", f) or _WHOLE_PLAN_RE.search(f):
            return None
        if not any(r.items is Items.TASKS and r.filters.ids == (ids[0],) for r in turn.context.last):
            return None  # (the task a plan-level answer happened to name is not the one talked about)
        plan = self.index.plans[ids[0].split(":", 1)[0]]
        central = {s.key for s in plan.budget.sources if _CENTRAL_RE.search(expand(fold(f"{s.label} {s.long_label}")))}
        drawn = set(self.index.tasks[ids[0]].budget.allocation)
        if not central or not (drawn - central):
            return None  # (a task the province pays nothing to has no "own part")
        # (one with no central part at all: every figure it has is the province's)
        filters = Filters(ids=(ids[0],), without_source=sorted(central & drawn or central)[0])
        return turn.request(Items.TASKS, op=Op.SUM, plans=[plan], measure=Measure.ALLOCATION, filters=filters)

    def _own_money(self, turn: Turn) -> Request | None:
        """'Không tính phần trung ương, tỉnh tự bố trí bao nhiêu?': the plan's stated sources but the central one."""
        plans = [p for p in turn.plans if any(s.amount is not None for s in p.budget.sources)]
        if len(plans) != 1:
            return None
        plan = plans[0]
        central = {s.key for s in plan.budget.sources if _CENTRAL_RE.search(expand(fold(f"{s.label} {s.long_label}")))}
        own = [s.key for s in plan.budget.sources if s.amount is not None and s.key not in central]
        if not central or not own:
            return None
        figures = tuple(Figure(measure=Measure.STATED, plan=plan.id, source=k) for k in own)
        return turn.request(Items.BUDGET, op=Op.SUM, plans=[plan], figures=figures)

    def _sources_added(self, turn: Turn) -> Request | None:
        """Two or more of a plan's stated sources joined by "cộng" ("kinh phí sự nghiệp KH&CN cộng kinh phí từ
        nguồn khác"): their stated amounts added up (the answer gives their share of the plan's total too)."""
        q = turn.query
        if turn.tasks or not re.search(r"\bcong\b", q.folded):
            return None
        keys = self._stated_sources(turn)
        if not keys and _EVERY_SOURCE_RE.search(q.folded):  # "3 nguồn cộng lại có khớp với tổng dự toán không?"
            keys = {s.key for p in turn.plans for s in p.budget.sources if s.amount is not None}
        plans = [p for p in turn.plans if sum(1 for s in p.budget.sources if s.key in keys and s.amount) >= 2]
        if len(plans) != 1:
            return None
        plan = plans[0]
        figures = tuple(
            Figure(measure=Measure.STATED, plan=plan.id, source=s.key)
            for s in plan.budget.sources
            if s.key in keys and s.amount
        )
        return turn.request(Items.BUDGET, op=Op.SUM, plans=[plan], figures=figures)

    def _each_counted(self, turn: Turn) -> list[Request] | None:
        """ "Mấy lớp …? Mỗi lớp dự trù bao nhiêu tiền?": after a count the tasks state was added up, the money
        of each task counted (within one message the tasks are known only by the count's selection)."""
        q = turn.query
        last = next((r for r in turn.context.last if r.measure is Measure.QUANTITY and r.filters.words), None)
        if last is None or not q.has("budget"):
            return None
        head = last.filters.words[0]
        if not re.search(rf"\b(?:moi|tung) (?:{re.escape(head)}|cai)\b", q.folded):
            return None
        counting = self._counting(turn, head)
        if last.filters.agency and not last.filters.negate:  # the tasks shown are the ones a later turn refers to
            counting = tuple(
                tid for tid in counting if holds(self.index.tasks[tid], last.filters.agency, last.filters.role)
            )
        filters = last.filters.model_copy(update={"ids": counting, "words": ()})
        return [last.but(op=Op.LIST, measure=None, show=(Field.BUDGET,), filters=filters)] if counting else None

    def _other_group_asked(self, turn: Turn) -> Request | None:
        """ "thế nhóm phát triển hoạt động hỗ trợ?" after a group's tasks were counted, listed or added up: the same of
        the group the words name (a group's title named nothing on its own)."""
        q = turn.query
        if not _FOLLOW_ON_RE.match(q.folded) or not re.search(r"\bnhom\b", q.folded) or q.task_numbers:
            return None
        last = next((x for x in reversed(turn.context.last) if x.items is Items.TASKS and x.filters.groups), None)
        if last is None or last.op not in (Op.COUNT, Op.LIST, Op.SUM) or q.has(*TASK_FACETS, "list", "content"):
            return None  # ("còn năm 2023 nhóm này chỉ còn việc gì?": its tasks asked, in another year)
        if re.search(r"\bnhom (?:do|nay|ay|tren)\b", q.folded):
            return None
        groups = self.groups(turn)
        if not groups or groups == ("-",) or set(groups) == set(last.filters.groups):
            return None
        return last.but(filters=last.filters.model_copy(update={"groups": groups, "ids": ()}))

    def _counts_each_agency(self, turn: Turn) -> Request | None:
        """ "mỗi cơ quan chủ trì bao nhiêu nhiệm vụ", "từng sở phối hợp mấy nv": every agency in that role with its
        count, most first (the plan's tasks in the role were counted as one number)."""
        q = turn.query
        f = q.folded
        if not _AGENCY_BY_AGENCY_RE.search(f) or q.agencies or q.task_numbers or not self.lex.has("count", f):
            return None
        if q.has("budget") or not _ROLE_RE.search(f):
            return None
        role = Role.COOPERATING if re.search(r"\bphoi hop\b", f) else Role.LEAD
        kind = "department" if re.search(r"\b(?:moi|tung) so\b", f) else None
        chosen = self._reads(turn).filters  # "trong nhóm 5", "quý II": the tasks counted over
        rows = Filters(role=role, agency_kind=kind, groups=chosen.groups, quarters=chosen.quarters)
        return turn.request(Items.AGENCIES, op=Op.MAX, filters=rows)

    def _counts_each_group(self, turn: Turn) -> bool:
        """The tasks counted group by group, not one group named nor money asked."""
        q = turn.query
        if not q.has("by_group") or q.group_numbers or q.task_numbers or q.agencies or q.quarters:
            return False
        if q.has("budget") or q.has("largest") or turn.task_how == "number":
            return False
        counted = self.lex.has("count", q.folded) or re.search(r"\bso (?:luong )?(?:nhiem vu|nv|giai phap)\b", q.folded)
        return bool(counted)

    def _quarter_by_quarter(self, turn: Turn) -> Request | None:
        """ "quý nào nhiều việc nhất", "mỗi quý bao nhiêu nhiệm vụ, bao nhiêu tiền", "quý I và quý II quý nào nhiều
        hơn": the plan year's quarters side by side (the quarters named, when two or more are), ranked when one is
        asked for; money when the question speaks of it. The tasks the question chooses otherwise (an agency, a
        group) are the ones counted in each quarter."""
        q = turn.query
        f = q.folded
        if not q.has("by_quarter") or q.task_numbers or turn.task_how == "number":
            return None
        ranks = q.has("largest", "compare") or bool(_COMPARATIVE_RE.search(f) or _MOST_RE.search(f))
        asks = ranks or q.has("budget") or self.lex.has("count", f) or self.lex.has("how_much", f) or q.has("list")
        if not asks:
            return None  # ("mỗi quý báo cáo một lần": a rhythm, nothing counted)
        chosen = self._reads(turn).filters
        named = tuple(q.quarters) if len(set(q.quarters)) > 1 else ()
        filters = Filters(
            quarters=named,
            agency=chosen.agency,
            role=chosen.role,
            negate=chosen.negate,
            groups=chosen.groups,
            source=chosen.source,
        )
        # (money asked, not the table named as where to look: "trong bảng dự toán 2023, quý nào nhiều nhiệm vụ nhất")
        unnamed = re.sub(r"\bbang (?:du toan|tong hop|kinh phi)\b", " ", f)
        money_asked = bool(_MONEY_WORD_RE.search(unnamed)) or (q.has("budget") and unnamed == f)
        measure = (self._reads(turn).measure or Measure.ALLOCATION) if money_asked else None
        op = (Op.MIN if self.lex.has("smallest", f) or _LESS_RE.search(f) else Op.MAX) if ranks else Op.COUNT
        return turn.request(Items.QUARTERS, op=op, measure=measure, filters=filters)

    @staticmethod
    def _narrows(filters: Filters, plans: Sequence[Plan]) -> bool:
        """The filters choose some of the plans' tasks, not all of them (ids that are every task choose none)."""
        if filters.model_copy(update={"status": (), "ids": ()}) != Filters():
            return True
        return bool(filters.ids) and set(filters.ids) != {f"{p.id}:{t.number}" for p in plans for t in p.tasks}

    def _other_column_summed(self, turn: Turn, summed: Request | None) -> Request | None:
        """ "thế còn cột NS sự nghiệp khoa học?", "cột đề xuất NSTU thì có khớp không?" after a column's rows were
        added up (the whole tasks' column too: "cộng các dòng lại có khớp với dòng Cộng ko?" then "cột NS khác của
        tỉnh thì sao"): that other column's rows, the same way."""
        q = turn.query
        if summed is None or not q.sources:
            return None
        if q.task_numbers or q.agencies or q.group_numbers or q.quarters:
            return None
        # ("cột đề xuất NSTU hỗ trợ thì có khớp không?": the column named first, the check after it)
        if not (_FOLLOW_ON_RE.match(q.folded) or re.match(r"(?:con |the |vay )?cot\b", q.folded)):
            return None
        # (the columns of the plans' rows: "NS sự nghiệp khoa học" also names the plan's stated source)
        plans = [self.index.plans[p] for p in summed.plans if p in self.index.plans]
        in_rows = {k for p in plans for t in p.tasks for k in t.budget.allocation}
        other = sorted(s for s in q.sources if s in in_rows)
        if len(other) != 1 or other[0] == summed.filters.source:
            return None
        if not summed.filters.source:  # from the whole tasks' column: a source's column is this year's allocation
            chosen = summed.filters.model_copy(update={"source": other[0], "ids": (), "status": ("row",)})
            return summed.but(measure=Measure.ALLOCATION, filters=chosen)
        return summed.but(filters=summed.filters.model_copy(update={"source": other[0], "ids": ()}))

    def _sum_again(self, turn: Turn) -> list[Request] | None:
        """'Còn riêng phần phân bổ năm 2023 của mấy dòng đó thì sao?' after a sum: the same rows, another column."""
        q = turn.query
        last = next((r for r in reversed(turn.context.last) if r.op is Op.SUM), None)
        # the rows together ("mấy dòng đó"), not one of them ("cái thứ hai", "nó"); or nothing named at all, only
        # the column ("còn riêng năm 2023 bố trí bn")
        named = q.content_tokens or q.task_numbers or q.agencies or q.group_numbers or q.sources
        bare = _FOLLOW_ON_RE.match(q.folded) and not named
        if last is None or not (self.lex.has("refer_list", q.folded) or bare) or self.lex.has("ordinal", q.folded):
            return None
        measure = self._reads(turn).measure
        if measure is None or measure == last.measure:
            return None
        return [last.but(measure=measure)]

    def _rank(self, turn: Turn, ranked: Request | None = None) -> list[Request]:
        """Largest or smallest; "dòng nhỏ nhất thì sao?" after a ranking ranks the same column."""
        r = self._reads(turn)
        smallest = self.lex.has("smallest", turn.query.folded)
        measure = r.measure or (ranked.measure if ranked else None) or Measure.TOTAL
        kind = self._which_kind_re.search(turn.query.folded) if self._which_kind_re else None
        among = self._counting(turn, kind.group(1)) if kind else ()  # "lớp nào nhiều tiền nhất": the classes
        filters = r.filters.model_copy(update={"status": (), "ids": among})
        listed = self._listed_selection(turn) if filters.model_copy(update={"role": Role.ANY}) == Filters() else None
        if listed is not None:
            filters = listed  # "Nhóm 5 có những gì? Việc nào nhiều tiền nhất?": among those just listed
        elif re.search(r"\btrong (?:so )?(?:do|nay)\b", turn.query.folded) and turn.context.listed and not filters.ids:
            # "Việc nào trong đó lớn nhất?" after rows were added up: among those rows
            shown = tuple(t for t in turn.context.listed if t.split(":", 1)[0] in turn.plan_ids)
            filters = filters.model_copy(update={"ids": shown}) if shown else filters
        nth = self._nth_re.search(turn.query.folded)  # "lớn thứ hai", "còn dòng lớn thứ ba?"
        position = self.lex.ordinals.get(nth.group(1), 1) if nth else 1
        show: tuple[Field, ...] = ()
        if turn.query.has("lead") and not filters.agency:
            # "mấy nhiệm vụ ở mức thấp nhất đó do ai chủ trì?": the rows, each with its lead
            filters, show = filters.model_copy(update={"role": Role.ANY}), (Field.LEAD,)
        ops = [Op.MIN if smallest else Op.MAX]
        if smallest and _LARGEST_RE.search(turn.query.folded):
            ops = [Op.MAX, Op.MIN]  # "dòng nào lớn nhất, và mức nhỏ nhất là bao nhiêu?": both ends
        return [
            turn.request(Items.TASKS, op=op, measure=measure, filters=filters, position=position, show=show)
            for op in ops
        ]

    def _list(self, turn: Turn) -> list[Request] | None:
        q = turn.query
        f = q.folded
        r = self._reads(turn)
        filters = r.filters
        if re.search(r"\b(?:nhung|cac) nhom(?: nhiem vu)? nao\b|chia (?:\S+ ){0,3}nhom|gom (?:nhung|cac) nhom", f):
            return [turn.request(Items.GROUPS, op=Op.LIST)]
        asks_agencies = self.lex.has("which_agencies", f)
        assigned = r"to chuc thuc hien|giao (?:viec|nhiem vu)|\bphan (?:viec|cong)\b|\b(?:phan|muc) iv\b"
        # "giao chung một mục cho những hội nào": the entries shared, when no one agency is asked about
        shared = not q.agencies and re.search(r"giao chung|(?:chung|cung) (?:mot )?muc", f)
        # "giao việc cho các hội, đoàn thể nào", "mục dành cho lực lượng thực thi": agencies of that kind only
        kind = self.kind_asked(f)
        # "lực lượng thực thi gồm những cơ quan nào": who the kind's members are (not "những hội nào phối hợp
        # tuyên truyền", a duty of some of them)
        members = kind is not None and re.search(r"\b(?:gom|bao gom|la nhung|liet ke|ke ten)\b", f) is not None
        # "Thái Bình giao đài, báo nào": the part each of the kind asked is given
        given = kind is not None and re.search(r"\bgiao\b", f) is not None
        if asks_agencies and (filters.exclude_role or re.search(assigned, f) or shared or members or given):
            # ("phối hợp nhưng không chủ trì nhiệm vụ nào": the cooperating ones, the leads left out)
            held = filters.role if filters.role not in (Role.ANY, filters.exclude_role) else Role.LEAD
            # (a kind asked with no role said: the part each of them is given, "Tổ chức thực hiện")
            by_kind = members and not _ROLE_RE.search(f)
            role = Role.DUTY if shared or by_kind or given or re.search(rf"{assigned}|\bmuc v\b", f) else held
            # "mục 9 phần tổ chức thực hiện gồm những cơ quan nào": that entry's agencies
            entries = self.duty_entries(turn) if role is Role.DUTY else ()
            found = [
                turn.request(
                    Items.AGENCIES,
                    op=Op.LIST,
                    filters=Filters(role=role, exclude_role=filters.exclude_role, agency_kind=kind, ids=entries),
                )
            ]
            if given and _ROLE_RE.search(f) and not entries:
                # "giao đài, báo nào, họ chủ trì hay phối hợp?": what their entries give them, which says it
                kinds = {a.slug: a.kind for a in self.index.knowledge.agencies.values()}
                theirs = tuple(
                    f"{p.id}:{r.section}"
                    for p in turn.plans
                    for r in p.responsibilities
                    if any(kinds.get(s) == kind for s in r.agencies)
                )
                if theirs:
                    found.append(turn.request(Items.DUTIES, filters=Filters(role=Role.DUTY, ids=theirs)))
            return found
        every_agency = self.lex.has("every_agency_in_role", f) and not self.lex.has("which_tasks", f)
        # (not "những cơ quan nào được giao chủ trì ít nhất một nhiệm vụ": the role given is the one asked)
        if asks_agencies and re.search(r"\bduoc giao\b", f) and not self._lists_tasks(f) and not every_agency:
            return None  # "những đơn vị nào được giao vận động DN tham gia các lớp tập huấn": whose duty it is
        if every_agency and not filters.agency and not turn.tasks:
            # "liệt kê các cơ quan chủ trì trong bảng dự toán 2023": the agencies, over the rows selected
            return [turn.request(Items.AGENCIES, op=Op.LIST, filters=filters.model_copy(update={"ids": ()}))]
        things = bool(self._plural_things(turn))  # "những lớp tập huấn nào"
        listing = self._lists_tasks(f) or (things and q.has("list"))
        if not listing and not (self.lex.has("no_row", f) or self.lex.has("recurring", f)):
            return None  # "phối hợp với sở nào": who, not which tasks; the look-ups answer it
        selects = (
            filters.agency
            or filters.groups
            or filters.quarters
            or filters.amount
            or filters.status
            or filters.lacks
            or filters.has
            or filters.duration
            or filters.co_led
            or (filters.ids and (filters.ids[0] == "-" or self._by_phrase(turn) or self._in_list(turn)))
            or (filters.source and filters.negate)
            or things
        )
        if not selects or turn.task_how == "number":
            return None
        narrowed = filters.negate or filters.amount or filters.status or filters.groups or filters.quarters
        if filters.agency and not narrowed and filters.role is Role.ANY and not self.lex.has("which_tasks", f):
            return None  # "Sở X làm những việc gì" is about its duties ("có tên trong những nv nào" is not)
        if (
            filters.agency
            and not filters.negate
            and not self.lex.has("which_tasks", f)  # "có chủ trì nhiệm vụ nào không": "không" answers it
            and not self.tasks_naming(filters.agency, turn.plans)
            and any(
                filters.agency in e.agencies or self.index.duties_naming(e, [filters.agency])
                for p in turn.plans
                for e in p.responsibilities
            )
        ):
            return None  # "KH 2023 giao đài mình chủ trì những việc gì": no task names it, its duties say
        if filters.agency and not self.lex.has("which_tasks", f) and self._own_duty_says(turn, filters.agency):
            return None  # "Sở NN lồng ghép với những loại chương trình nào, phối hợp theo dõi … lĩnh vực nào": its duty
        keep = self._by_phrase(turn) or self._in_list(turn) or things
        if filters.ids and filters.ids[0] != "-" and not filters.status and not keep:
            filters = filters.model_copy(update={"ids": ()})
        # "sở tôi chủ trì nv nào, làm trong thời gian nào?": each line says what else is asked
        # (with an agency named, its role words describe the agency, they ask nothing)
        roles = ("lead", "coop") if filters.agency else ()
        asked = tuple(fld for cue, fld in _LIST_FACETS if q.has(cue) and cue not in roles)
        show: tuple[Field, ...] = tuple(dict.fromkeys(((Field.TIME,) if filters.quarters else ()) + asked))
        if _WHAT_THEY_SAY_RE.search(f):
            show += (Field.CONTENT,)  # "nêu đủ các ý", "những giải pháp nào": what each item says, not just its name
        if (
            filters.agency
            and filters.role is Role.LEAD
            and re.search(r"\b(?:cung|voi) (?:so|co quan|don vi|ben|ai)\b", f)
        ):
            show += (Field.LEAD,)  # "sở tôi cùng chủ trì nv nào, với sở nào": each task's leads
        if filters.agency and (self.lex.has("asks_whether", f) or self.lex.has("still_there", f)):
            show += (Field.CONTINUES,)  # "năm 2023 sở này có được giao nhiệm vụ nào không?": "no" answers it
        plans = [p for p in turn.plans]
        each = [filters]
        if filters.agency and len(q.agencies) > 1 and _EACH_RE.search(f):
            # "UBND huyện và Sở GD&ĐT mỗi bên chủ trì nhiệm vụ nào": one list per agency
            each = [filters.model_copy(update={"agency": a, "also": ()}) for a in dict.fromkeys(q.agencies)]
        return [turn.request(Items.TASKS, op=Op.LIST, plans=plans, filters=one, show=show) for one in each]

    def _own_duty_says(self, turn: Turn, agency: str) -> bool:
        """The agency's own entry in "Tổ chức thực hiện" matches the question's words far better than any task
        (at least twice the score and the weight): what it is asked is in its duty, not in a list of tasks."""
        q = turn.query
        if not q.content_tokens:
            return False  # "sở nông nghiệp phối hợp những việc gì": its tasks
        held = {f"{p.id}:{r.section}" for p in turn.plans for r in p.responsibilities if agency in r.agencies}
        duty = [
            h
            for h in self.index.rank_passages(q.content, turn.plan_ids, ["responsibility"])[:5]
            if f"{h.item.plan_id}:{h.item.section}" in held
        ][:1]
        task = self.index.rank_tasks(q.content, turn.plan_ids)[:1]
        if not duty:
            return False
        if not task:
            return True
        return duty[0].score >= 2 * task[0].score and duty[0].evidence >= 2 * task[0].evidence

    def _group_alone(self, turn: Turn) -> list[Request] | None:
        """'nhóm 2 của Thái Bình?', 'còn nhóm thứ hai?' (after any answer): a group named with nothing
        asked of it is asked what it holds."""
        q = turn.query
        if turn.tasks and turn.task_how != "context":
            return None  # "nhiệm vụ cuối cùng của nhóm 3": a task of it
        if q.task_numbers or q.content_tokens or q.agencies or q.quarters or q.has(*TASK_FACETS, "list"):
            return None
        groups = self._groups(turn)
        if not groups:
            return None
        return [turn.request(Items.TASKS, op=Op.LIST, filters=Filters(groups=groups), show=(Field.CONTENT,))]

    def _lists_tasks(self, f: str) -> bool:
        """The list asked for is of tasks or rows ("những nhiệm vụ nào", "liệt kê"), not of agencies."""
        for m in self.lex.find("list_all", f):
            if not re.search(r"\b(?:co quan|don vi|so nganh|so|nganh|to chuc|ben)\b", m.group(0)):
                return True
        return False

    def _agency_compared(self, turn: Turn) -> list[Request] | None:
        """One agency's part in two years ("Sở Công Thương năm 2022 so với 2023 được giao gì khác"):
        the tasks it takes part in, year against year, and its entries in "Tổ chức thực hiện" of each."""
        q = turn.query
        two = self._two_plans(turn)
        if two is None or len(q.agencies) != 1 or turn.task_how == "number":
            return None
        hits = self.index.rank_tasks(q.content, turn.plan_ids) if turn.task_how == "content" else []
        if hits and hits[0].score >= STRONG_MATCH:
            return None  # "nhiệm vụ chỉ dẫn địa lý của Sở NN năm 2022 và 2023": that task, year against year
        if not (q.has("compare") or self.lex.has("plans_compared", q.folded)):
            return None
        slug = q.agencies[0]
        agency, role, negate = self._agency(turn)
        role = role if agency == slug and not negate and role in (Role.LEAD, Role.COOPERATING) else Role.ANY
        topic = self.topic_ids(turn, list(two))  # "nhiệm vụ OCOP của sở NN năm 2022 và 2023": its OCOP tasks
        out = [
            Request(
                items=Items.TASKS,
                op=Op.COMPARE,
                plans=(two[0].id, two[1].id),
                explicit=True,
                filters=Filters(agency=slug, role=role, ids=topic),
            )
        ]
        entries = tuple(f"{p.id}:{r.section}" for p in two for r in p.responsibilities if slug in r.agencies)
        if entries and role is Role.ANY and not topic:
            duties = turn.request(
                Items.DUTIES, plans=list(two), filters=Filters(agency=slug, role=Role.DUTY, ids=entries)
            )
            in_tasks = any(slug in (*t.lead, *t.cooperating) for p in two for t in p.tasks)
            # ("Sở Tài chính năm 2022 và 2023 được giao gì khác nhau": no task names it, its entries are the answer)
            out = [*out, duties] if in_tasks else [duties]
        return out

    def _compare(self, turn: Turn, two: tuple[Plan, Plan]) -> list[Request] | None:
        q = turn.query
        if q.has("objective") and not (turn.tasks or q.has("budget", "lead", "coop", "time")):
            # "mục tiêu (mục I) của KH 2022 và KH 2023 khác nhau ở điểm nào": each plan's objectives, side by side
            plans = tuple(p.id for p in sorted(two, key=lambda p: p.year_start))
            return [Request(items=Items.OBJECTIVES, op=Op.COMPARE, plans=plans, explicit=True)]
        r = self._reads(turn)
        groups = r.filters.groups
        # "nhiệm vụ chỉ dẫn địa lý năm 2022 và 2023 khác nhau thế nào": the tasks on that topic only ("có gì
        # mới" alone names none: its "mới" is the question's)
        bare_new = set(turn.query.content_tokens) <= {"moi", "khac", "thay", "doi"}
        topic = () if groups or bare_new else self.topic_ids(turn, list(two))
        filters = Filters(groups=groups) if groups else Filters(ids=topic)
        if groups:
            for plan in two:
                if not any(g.startswith(f"{plan.id}:") for g in groups):
                    filters = filters.model_copy(update={"groups": (*filters.groups, *self._groups_in(turn, plan))})
        # "nv nào giống nhau", "có ở cả hai năm": the tasks kept, said first
        kept = re.search(r"\b(?:giong nhau|trung nhau|deu co|ca hai (?:nam|ke hoach|kh))\b", q.folded)
        return [
            Request(
                items=Items.TASKS,
                op=Op.COMPARE,
                plans=(two[0].id, two[1].id),
                explicit=True,
                filters=filters,
                show=(Field.CONTINUES,) if kept else (),
            )
        ]

    # ------------------------------------------------------------------ shares and differences
    def _stated_sources(self, turn: Turn) -> list[str]:
        """Funding sources named, in the order the question names them (none when it names them to include
        them all: "… chiếm bao nhiêu phần trăm, tính cả phần đề xuất NSTU")."""
        f = turn.query.expanded
        keys = turn.query.sources
        if len(keys) == 1 and self.lex.has("every_source", turn.query.folded):
            return []  # (two named are set against each other: "phần đề xuất gấp mấy lần phần sự nghiệp")
        if self.lex.has("sources_together", turn.query.folded):
            return []  # "cộng cả phần NS sự nghiệp khoa học và phần đề xuất NSTW": both, added together
        positions = []
        for plan in turn.plans:
            for s in plan.budget.sources:
                if s.key in keys:
                    words = [w for w in fold(s.label).split() if w not in ("ns", "kinh", "phi", "nguon", "cua")]
                    hit = f.find(words[-1]) if words else -1
                    positions.append((hit if hit >= 0 else 10_000, s.key))
        return list(dict.fromkeys(k for _, k in sorted(positions)))

    def _task_share(
        self, turn: Turn, plan: Plan, ids: tuple[str, ...], sources: list[str], left_asked: bool
    ) -> tuple[Figure, Figure]:
        """The two figures of a share asked of chosen tasks: a part of their money over their whole, or over the
        plan's total when that is named."""
        one = Filters(ids=ids)
        if self.lex.has("of_plan_total", turn.query.folded):
            # "năm 2023 nó được bố trí bao nhiêu, chiếm mấy % tổng dự toán năm 2023": of the plan's total
            part = Figure(measure=Measure.ALLOCATION, plan=plan.id, source=(sources or [None])[0], filters=one)
            return part, Figure(measure=Measure.STATED, plan=plan.id)
        if sources:
            part = Figure(measure=Measure.ALLOCATION, plan=plan.id, source=sources[0], filters=one)
            return part, Figure(measure=self._whole_measure(turn), plan=plan.id, filters=one)
        # ("phần chưa bố trí chiếm mấy % tổng kinh phí": what is left, not what this year gives)
        measure = Measure.REMAINING if left_asked else Measure.ALLOCATION
        return Figure(measure=measure, plan=plan.id, filters=one), Figure(
            measure=Measure.TOTAL, plan=plan.id, filters=one
        )

    def _share(self, turn: Turn, two: tuple[Plan, Plan] | None) -> list[Request] | None:
        r = self._reads(turn)
        plan = turn.plans[0] if turn.plans else None
        if plan is None:
            return None
        if "difference" in {n for n in _OPERATION_CUES if self.lex.has(n, turn.query.folded)} and two:
            return self._difference(turn, two)
        if self.lex.has("share_of_count", turn.query.folded):
            # "Sở KH&CN chủ trì bao nhiêu dòng, chiếm bao nhiêu phần trăm số dòng": a count, out of all
            counted = self._count(turn, two) or []
            return [c.but(show=(*c.show, Field.SHARE)) for c in counted] or None
        ids = r.filters.ids if turn.task_how in ("number", "content", "context") else ()
        sources = self._stated_sources(turn)
        f = turn.query.folded
        # what is left is the share's subject when said before it ("phần chưa bố trí … chiếm mấy %"), not when asked
        # after it on its own ("tỷ lệ phân bổ … là bao nhiêu, phần chưa phân bổ còn bao nhiêu")
        left = next(self.lex.find("remaining", f), None)
        said_share = next(self.lex.find("share", f), None)
        left_asked = left is not None and (said_share is None or left.start() < said_share.start())
        if not ids and (sources or left_asked) and not (r.filters.groups or r.filters.agency or r.filters.quarters):
            # "nv 3.1 … còn phải bố trí bao nhiêu? và trong số tiền của năm 2023 thì phần đề xuất TW chiếm bao
            # nhiêu %": the share within the one task just answered about (not the plan's, unless it says so)
            talked = [x.filters.ids[0] for x in turn.context.last if x.items is Items.TASKS and len(x.filters.ids) == 1]
            if talked and not self.lex.has("plan_total", f) and not re.search(r"\b(?:ca )?(?:ke hoach|kh)\b", f):
                ids = (talked[-1],)
        summed = next(
            (
                x
                for x in turn.context.last
                if x.items is Items.TASKS and x.op is Op.SUM and not x.filters.ids
                if x.filters.groups or x.filters.agency or x.filters.quarters
            ),
            None,
        )
        if summed is not None and turn.task_how == "context" and not sources and not left_asked:
            # "nó chiếm mấy % so với tổng dự toán" after a group's money added up: that group, by what chose it
            measure = summed.measure or Measure.ALLOCATION
            part = Figure(measure=measure, plan=plan.id, filters=summed.filters)
            stated = measure is Measure.ALLOCATION and self.lex.has("of_plan_total", f)
            whole = Figure(measure=Measure.STATED if stated else measure, plan=plan.id)
            return [turn.request(Items.BUDGET, op=Op.SHARE, plans=[plan], figures=(part, whole))]
        if len(ids) > 1 and ids[0] != "-" and _EACH_ONE_RE.search(f):
            # "3.3, 3.4 và 3.6 mỗi cái được phân bổ bao nhiêu phần trăm tổng kinh phí của chính nó": one share each
            return [
                turn.request(
                    Items.BUDGET,
                    op=Op.SHARE,
                    plans=[plan],
                    figures=self._task_share(turn, plan, (i,), sources, left_asked),
                )
                for i in ids
            ]
        if ids and ids[0] != "-":
            part, whole = self._task_share(turn, plan, ids, sources, left_asked)
        elif sources:
            part = Figure(measure=Measure.STATED, plan=plan.id, source=sources[0])
            whole = (
                Figure(measure=Measure.STATED, plan=plan.id, source=sources[1])
                if len(sources) > 1
                else Figure(measure=Measure.STATED, plan=plan.id)
            )
        elif r.filters.groups or r.filters.agency:
            measure = r.measure or Measure.TOTAL
            part = Figure(measure=measure, plan=plan.id, filters=r.filters.model_copy(update={"ids": ()}))
            whole = Figure(measure=measure, plan=plan.id)
            if measure is Measure.ALLOCATION and self.lex.has("of_plan_total", turn.query.folded):
                # "nhóm 3 được phân bổ bao nhiêu, chiếm mấy % tổng dự toán năm": of the plan's stated total
                whole = Figure(measure=Measure.STATED, plan=plan.id)
        elif two is not None:
            # "tổng dự toán 2023 bằng bao nhiêu phần trăm năm 2022": the plan named first over the other
            # (a year after "so với" is the base, wherever it stands: "so với năm 2022, tổng dự toán 2023 bằng bao
            # nhiêu phần trăm" is 2023 over 2022)
            f = turn.query.folded
            base = re.search(r"\bso voi (?:nam |ke hoach |kh )?(20\d\d)\b", f)
            years = [int(m.group(0)) for m in re.finditer(r"\b20\d\d\b", f)]
            first = next((y for y in years if not base or y != int(base.group(1))), None)
            later, earlier = (two[1], two[0]) if first == two[1].year_start else (two[0], two[1])
            part = Figure(measure=Measure.STATED, plan=later.id)
            whole = Figure(measure=Measure.STATED, plan=earlier.id)
            return [turn.request(Items.BUDGET, op=Op.SHARE, plans=[later, earlier], figures=(part, whole))]
        else:
            return None
        return [turn.request(Items.BUDGET, op=Op.SHARE, plans=[plan], figures=(part, whole))]

    def _whole_measure(self, turn: Turn) -> Measure:
        """What a task's share is taken of: the column named after "chiếm … %" ("phần NS KH bố trí năm 2023
        chiếm bao nhiêu % tổng kinh phí thực hiện"), else the one named at all, else the task's total."""
        f = turn.query.folded
        share = next(self.lex.find("share", f), None)
        after = f[share.end() :] if share else ""
        for text in (after, f):
            if self.lex.has("total_measure", text):
                return Measure.TOTAL
            if self.lex.has("allocation_measure", text):
                return Measure.ALLOCATION
        return Measure.TOTAL

    def _difference(self, turn: Turn, two: tuple[Plan, Plan] | None) -> list[Request] | None:
        r = self._reads(turn)
        q = turn.query
        if q.has("time") and not q.has("budget") and _HOW_LONG_RE.search(q.folded):
            return None  # "cái nào có tổng thời gian thực hiện dài hơn, mỗi cái bao nhiêu tháng": no money asked
        if two is not None and not q.sources and not turn.tasks:
            # "tổng kinh phí năm 2022 lớn hơn năm 2023 bao nhiêu": the two plans' stated totals, in the order named
            first, second = self._in_order(turn, two)
            figures = (Figure(measure=Measure.STATED, plan=first.id), Figure(measure=Measure.STATED, plan=second.id))
            return [turn.request(Items.BUDGET, op=Op.DIFFERENCE, plans=[first, second], figures=figures)]
        plan = turn.plans[0] if turn.plans else None
        if plan is None:
            return None
        sources = self._stated_sources(turn)
        one = [r.id for r in turn.tasks if r.plan_id == plan.id] if turn.task_how in ("number", "content") else []
        if len(sources) >= 2 and len(one) == 1:
            # "nhiệm vụ 3.1: phần đề xuất NSTU gấp mấy lần phần NS sự nghiệp khoa học": that row's two columns
            row = Filters(ids=(one[0],))
            figures = tuple(
                Figure(measure=Measure.ALLOCATION, plan=plan.id, source=s, filters=row) for s in sources[:2]
            )
            return [turn.request(Items.TASKS, op=Op.DIFFERENCE, plans=[plan], figures=figures)]
        if len(sources) >= 2:
            figures = tuple(Figure(measure=Measure.STATED, plan=plan.id, source=s) for s in sources[:2])
            return [turn.request(Items.BUDGET, op=Op.DIFFERENCE, plans=[plan], figures=figures)]
        measure = r.measure if r.measure in (Measure.TOTAL, Measure.ALLOCATION) else Measure.TOTAL
        groups = [g for g in r.filters.groups if g.startswith(f"{plan.id}:")]
        if len(groups) >= 2:
            # "tổng kinh phí nhóm 5 so với nhóm 3 chênh nhau bao nhiêu": each group's sum, in the order named
            rest = r.filters.model_copy(update={"ids": ()})
            figures = tuple(
                Figure(measure=measure, plan=plan.id, filters=rest.model_copy(update={"groups": (g,)}))
                for g in groups[:2]
            )
            return [turn.request(Items.TASKS, op=Op.DIFFERENCE, plans=[plan], figures=figures)]
        agencies = list(dict.fromkeys(q.agencies))
        if len(agencies) >= 2 and not turn.tasks:
            # "phần việc do UBND huyện chủ trì và phần do Sở GDĐT chủ trì, bên nào nhiều tiền hơn": each one's sum
            rest = r.filters.model_copy(update={"ids": (), "agency": None, "also": ()})
            role = r.filters.role if r.filters.role is not Role.ANY else Role.LEAD
            figures = tuple(
                Figure(measure=measure, plan=plan.id, filters=rest.model_copy(update={"agency": a, "role": role}))
                for a in agencies[:2]
            )
            return [turn.request(Items.TASKS, op=Op.DIFFERENCE, plans=[plan], figures=figures)]
        # ("hơn bao nhiêu?" after two tasks were shown: those two)
        talked_two = turn.task_how == "context" and len(turn.tasks) == 2
        refs = turn.tasks if turn.task_how in ("number", "content") or talked_two else []
        if turn.task_how == "number":  # "nv 3.6 gấp mấy lần nv 3.4": in the order named
            named = q.task_numbers
            refs = sorted(refs, key=lambda r: named.index(r.number) if r.number in named else len(named))
        source = None
        listed = [t for t in turn.context.listed if t.split(":", 1)[0] in turn.plan_ids]
        if not refs and turn.task_how not in ("number", "content") and len(listed) == 2:
            # "dòng nào nhiều hơn, gấp mấy lần?" after a list of two rows: those two, in the column listed
            refs = [TaskRef(*t.split(":", 1)) for t in listed]
            source = next((x.filters.source for x in turn.context.last if x.filters.source), None)
            measure = Measure.ALLOCATION if source and r.measure is None else measure
        if len(refs) >= 2:
            figures = tuple(
                Figure(measure=measure, plan=ref.plan_id, source=source, filters=Filters(ids=(ref.id,)))
                for ref in refs[:2]
            )
            return [turn.request(Items.TASKS, op=Op.DIFFERENCE, figures=figures)]
        if r.measure is Measure.REMAINING:  # "tổng kp nv 3.6 trừ đi phần phân bổ": what is left of it
            ids = tuple(x.id for x in refs) or r.filters.ids
            filters = r.filters.model_copy(update={"ids": ids})
            return [turn.request(Items.TASKS, op=Op.SUM, measure=Measure.REMAINING, filters=filters)]
        return None

    def _in_order(self, turn: Turn, two: tuple[Plan, Plan]) -> tuple[Plan, Plan]:
        """The two plans in the order the question names their years."""
        f = turn.query.folded
        pos = {p.id: f.find(str(p.year_start)) for p in two}
        if all(v < 0 for v in pos.values()):
            # "năm sau ít hơn năm trước": the later and earlier years, where the message names them
            later, earlier = sorted(two, key=lambda p: -p.year_start)
            after = next(self.lex.find("year_after", f), None)
            before = next(self.lex.find("year_before", f), None)
            if after and before:
                pos = {later.id: after.start(), earlier.id: before.start()}
        a, b = sorted(two, key=lambda p: pos[p.id] if pos[p.id] >= 0 else 10_000)
        base = re.search(r"\bso voi (?:nam |ke hoach |kh )?(20\d\d)\b", f)
        if base and base.group(1) == str(a.year_start):
            a, b = b, a  # "so với năm 2022, năm 2023 giảm bao nhiêu %": 2022 is what the change is measured against
        return a, b


# the top of a ranking named beside its bottom ("lớn nhất …, nhỏ nhất …")
_LARGEST_RE = re.compile(r"\b(?:lon|cao|nhieu) nhat\b")
_BARE_TOTAL_RE = re.compile(
    r"\btong (?:kinh phi|so tien|tien)\b"
    r"(?! (?:phan bo|bo tri|duoc|nam|trong nam|rieng|cua ke hoach|ke hoach|ca ke hoach))"
    r"(?:(?! va ).)* va\b"
)
"""A column total named before a clause of its own ("tổng kinh phí bao nhiêu, và riêng năm 2023 …")."""

_EACH_RE = re.compile(r"\b(?:moi|tung) (?:ben|so|co quan|don vi|noi)\b")


_FIGURES = frozenset({"count", "sum", "share", "difference"})
_COUNTS_CHANGE_RE = re.compile(
    r"\b(?:may|bao nhieu|bn) (?:nhiem vu|nv|viec)(?: \S+){0,2} (?:moi|khong con|bi bo|co o ca hai|co ca hai)\b"
)
"""A count of the tasks a change between two plans sorts ("mấy nhiệm vụ mới", "bao nhiêu nhiệm vụ không còn")."""
_FEW = 3
"""A count of at most this many tasks also answers the other parts asked of them."""
_PRINTED_ROW_RE = re.compile(r"(?<!hai )(?<!ba )(?<!bon )(?<!cac )(?<!\d )\bdong (?:tong )?cong\b")
"""The table's printed total row ("theo dòng Tổng cộng"), not a count of rows ("ba dòng tổng cộng")."""

_AGENCY_NOUN_TOKENS = frozenset({"to", "chuc", "co", "quan", "don", "vi", "so", "nganh", "ben", "hoi", "cac"})
"""The words of "tổ chức", "cơ quan", "đơn vị", "sở, ngành", "bên", "hội": asked alone, they ask who."""


def holds(task: Task, agency: str, role: Role) -> bool:
    """The task names the agency in that role: lead, cooperating, or either for any other role."""
    if role is Role.LEAD:
        return agency in task.lead
    if role is Role.COOPERATING:
        return agency in task.cooperating
    return agency in task.lead or agency in task.cooperating


def _roles_said(m: re.Match[str], folded: str) -> set[Role]:
    """The roles a role word names: "chủ trì" leading, "phối hợp" cooperating; "tham gia" alone either ("không tham
    gia, dù chủ trì hay phối hợp"), and none before "phối hợp", which says the role itself ("tham gia phối hợp")."""
    word = m.group(0)
    if "chu tri" in word or word in ("phu trach chinh", "dung ra"):
        return {Role.LEAD}
    if word == "tham gia":
        return set() if folded.startswith(" phoi hop", m.end()) else {Role.LEAD, Role.COOPERATING}
    return {Role.COOPERATING}


_CHECK_WORDS = frozenset({"bang", "so", "dong", "cong", "tong", "khop", "trung", "ghi", "voi", "in"})
"""The words of a check against the printed «Cộng» row ("có bằng số ở dòng Cộng không"), which name no rows."""
_MATCHES_RE = re.compile(r"\b(?:khop|trung khop|dung bang|bang dung|co bang)\b")
"""Asks whether two figures match ("có khớp với dòng Cộng không")."""

_KIND_ASKED = (("association", "associations_asked"), ("enforcement", "enforcement_asked"), ("media", "media_asked"))
"""The registry's agency kinds, and the cue asking for the agencies of each ("những hội nào", "lực lượng thực thi")."""

_OPERATION_CUES = (
    "average",
    "total_asked",
    "count",
    "sum",
    "share",
    "difference",
    "remaining",
    "list_all",
    "plans_compared",
    "no_row",
    "recurring",
    "whole_table",
    "ratio_measure",
)
