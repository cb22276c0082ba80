"""Find the plans, tasks, agencies and passages a question is about.

Matching runs on folded, abbreviation-expanded tokens (see :mod:`ipbot.text`). Tasks
and passages are scored by IDF-weighted coverage of the question's content words and
word pairs, so a match must explain most of what the user typed: "nha dam" lands on
the Nha đam task, while "danh sách sản phẩm OCOP 5 sao" covers too little of any task
to land anywhere. rapidfuzz corrects typos word by word against the plans' vocabulary
and finds agency names typed with small mistakes.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import marshal
import math
import re
import sqlite3
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, TypeVar

from rapidfuzz import fuzz, process

from ipbot.config import DEFAULT_DATA_DIR
from ipbot.plans.cycles import latest_cycle_start
from ipbot.plans.models import Plan, Responsibility, Task
from ipbot.plans.store import read_row, read_tokens
from ipbot.reading.compiled import TAG, Parts, compile_parts, from_parts
from ipbot.reading.places import Places, common_forms, map_provinces
from ipbot.reading.postings import Postings, Selection
from ipbot.reading.ranked import Group, Ranked
from ipbot.text import (
    ABBREVIATION_HEADS,
    ABBREVIATIONS,
    STOPWORDS,
    STOPWORDS_ACCENTED,
    expand,
    figure,
    fold,
    has_diacritics,
    shape,
    strip_marks,
    word_lists,
)

if TYPE_CHECKING:
    from ipbot.plans.load import Agency, Catalogue
    from ipbot.plans.store import Knowledge

__all__ = ["Hit", "Index", "Passage", "TaskRef", "derived_tables"]

# Words that frame a question about the plans but say nothing about which task, in
# their accented form (folded for questions typed without accents): data/lexicon/abbreviations.yaml.
META_ACCENTED = frozenset(word_lists().question_words)
META_WORDS = frozenset(strip_marks(w) for w in META_ACCENTED)
TERMS = frozenset(strip_marks(t) for t in word_lists().terms)
TERMS_ACCENTED = frozenset(shape(t) for t in word_lists().terms)
"""Typed with marks a term must be typed as the plans write it: "có số" (has a figure) is no "cơ sở"."""
# a word framing the question before another ("chỉ ghi", "cộng tổng"): no word of a topic
FRAMING_PAIRS = frozenset(strip_marks(t) for t in word_lists().framing_pairs)
# a pronoun after the word before it ("của chúng"): no word of a topic
FRAMED_AFTER = frozenset(strip_marks(t) for t in word_lists().framed_after)
# pronouns as typed with their marks ("chúng được bố trí bao nhiêu"), which also end terms ("đại chúng")
PRONOUNS = frozenset(word_lists().pronouns)
# a word framing the cue after it ("phần phân bổ", with "phân bổ" read as a cue): no word of a topic
FRAMING_BEFORE_CUE = frozenset(strip_marks(t) for t in word_lists().framing_before_cue)
# Two-word scaffolding ("nhiệm vụ", "kế hoạch"): the word after it starts a title, it is no
# word pair of that title ("nhiệm vụ hỗ trợ OCOP" is not "…Nhiệm vụ Hỗ trợ khai thác…").
META_PHRASES = frozenset(
    {"nhiem vu", "ke hoach", "thuc hien", "trien khai", "co quan", "don vi", "noi dung", "giai phap", "giai doan"}
)

# The domain itself: every plan is about "sở hữu trí tuệ", so it tells tasks apart no better
# than "nhiệm vụ" does. Dropped from questions (SHTT expands to it).
DOMAIN_PHRASES = ("so huu tri tue", "chien luoc so huu tri tue")

CACHE_SIZE = 2048
_WORD_RE = re.compile(r"\w+")
_SYLLABLE_RE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")
"""A Vietnamese syllable typed without marks (onset, vowels, final consonant)."""
"""Questions remembered by the per-index token cache (cleared when full)."""

RANK_CACHE_HITS = 20_000
"""Hits the rankings remembered may hold together (cleared past it): at 300 plans 64 rankings over every
plan held up to 100,000 hits, some 40 MB."""

RANK_CACHE_SIZE = 64
"""Rankings remembered (cleared when full): enough for the several one question asks for, and
bounded, as a ranking over every plan holds thousands of hits."""

TYPO_CUTOFF = 84
"""Least rapidfuzz ratio for an unknown word to be read as a plan word with a typo."""

RARE_PAIR_DOCS = 8
TOPICS_APART = 0.5
"""What two tasks' likeness counts for when both are filed under topics and share none."""
"""A word pair found in at most this many passages is a specific phrase ("hội chợ"), not scaffolding."""

RARE_PAIR_SHARE = 1 / 16
"""…or in at most this share of them, when there are many plans: at 300 plans "bản đồ số" is in 88 of
10,821 documents, one province's product map, as it is in one of 131 at 3 plans (where the share allows 8)."""

WEIGHT_UNIT = math.log(1 + 131)
"""What a word found in one document only weighs, whatever the number of documents: the thresholds on
summed weight (``MIN_EVIDENCE``…) were set over the three real plans' 131 documents, and a plain IDF grows
with the log of the documents (an unknown word weighs 4.9 there, 9.3 at 300 plans)."""

SCALES_KEPT = 256
"""Word-weight tables remembered, one per set of provinces asked about (cleared when full)."""

_WORD_RE = re.compile(r"\w+")

SEPARATOR = "zzsep"
"""Marks where the question had a recognised phrase: word pairs never bridge it."""


@dataclass(frozen=True)
class TaskRef:
    plan_id: str
    number: str

    @functools.cached_property
    def id(self) -> str:
        """Made once per reference: rankings and selections over thousands of tasks ask it again and again."""
        return f"{self.plan_id}:{self.number}"


@dataclass(frozen=True)
class Passage:
    """A searchable unit of a plan: a task, a duty list, a target, an objective."""

    plan_id: str
    kind: str  # task | responsibility | target | objective | reporting | closing | document | budget
    ref: str
    section: str
    text: str
    tokens: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    item: TaskRef | Passage
    score: float  # weighted coverage of the question's words, 0..1
    matched: frozenset[str] = field(default_factory=frozenset)
    evidence: float = 0.0  # summed weight of what matched: one common word is not enough


def _grams(tokens: Sequence[str | None]) -> set[str]:
    """Unigrams and word pairs: Vietnamese meaning lives in pairs ("nha dam", "tom giong").

    ``None`` in the sequence separates: no pair is formed across it.
    """
    grams = {t for t in tokens if t}
    grams.update(f"{a} {b}" for a, b in itertools.pairwise(tokens) if a and b)
    return grams


@lru_cache(maxsize=4096)
def _doc_grams(text: str) -> frozenset[str]:
    """A passage's or title's word pairs, computed once (titles are matched on every question)."""
    return frozenset(_grams(_doc_tokens(text)))


def _norm_numbers(words: list[str]) -> list[str]:
    """'05' and '5' are the same count."""
    return [w.lstrip("0") or "0" if w.isdigit() else w for w in words]


_CLAUSE_RE = re.compile(r"[;:!?()\[\]“”\"«»]|\.(?!\d)|(?<!\d),|,(?!\d)| - ")


def _doc_tokens(text: str) -> list[str | None]:
    """Document side: accented stop words are skipped, so pairs join the words around them.

    Clause punctuation and field boundaries (the separator word) break pairs, so
    "…sản phẩm OCOP: Mục tiêu…" makes no pair "ocop muc".
    """
    out: list[str | None] = []
    for clause in _CLAUSE_RE.split(text):
        for piece in clause.split(SEPARATOR):
            words = [w for w in shape(piece).split() if w not in STOPWORDS_ACCENTED]
            out += _norm_numbers(expand(strip_marks(" ".join(words))).split())
            out.append(None)
    return out


def _drop_domain_pairs(pairs: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """Replace the domain phrase ("so huu tri tue") by a separator wherever it stands, and a plan's
    horizon ("định hướng 2030", "tầm nhìn đến năm 2030"), which names the plan, not a topic."""
    out: list[tuple[str | None, str]] = []
    toks = [t for _, t in pairs]
    i = 0
    while i < len(pairs):
        if toks[i] in _PHRASE_HEADS:  # (most words start no phrase: looked at no further)
            if toks[i : i + 2] in (["dinh", "huong"], ["tam", "nhin"]):
                rest = toks[i + 2 : i + 4]
                if rest[:1] == [SEPARATOR] or rest == ["den", "nam"] or rest[:1] == ["den"]:
                    out.append((None, SEPARATOR))
                    i += 2
                    continue
            phrase = next((w for w in _DOMAIN_WORDS if toks[i : i + len(w)] == w), None)
            if phrase is not None:
                out.append((None, SEPARATOR))
                i += len(phrase)
                continue
        out.append(pairs[i])
        i += 1
    return out


_DOMAIN_WORDS = [phrase.split() for phrase in DOMAIN_PHRASES]
_PHRASE_HEADS = frozenset({"dinh", "tam", *(words[0] for words in _DOMAIN_WORDS)})
"""The words :func:`_drop_domain_pairs` may start a phrase at."""


def _expand_words(words: list[str]) -> list[tuple[str | None, str]]:
    """(accented word, folded token) pairs with abbreviations expanded first.

    Expanded words carry no accented form (None): "KH" is "kế hoạch", not a stop word.
    """
    folded = strip_marks(" ".join(words)).split(" ")  # (marks stripped once: word by word is the same)
    out: list[tuple[str | None, str]] = []
    i = 0
    while i < len(words):
        for size in (3, 2, 1) if folded[i] in ABBREVIATION_HEADS else ():
            key = " ".join(folded[i : i + size])
            if i + size <= len(words) and key in ABBREVIATIONS and ABBREVIATIONS[key] != key:
                out += [(None, t) for t in ABBREVIATIONS[key].split()]
                i += size
                break
        else:
            out.append((words[i], folded[i]))
            i += 1
    return [(w, t.lstrip("0") or "0" if t.isdigit() else t) for w, t in out]


def _topics_apart(a: Task, b: Task) -> float:
    """How much two tasks' likeness counts when both are filed under topics and share none ("Hỗ trợ đăng ký …
    theo chỉ tiêu Nghị quyết 14" of a patent and of a plant variety: worded alike, about different things)."""
    return TOPICS_APART if a.topics and b.topics and not set(a.topics) & set(b.topics) else 1.0


def task_text(task: Task, group_title: str = "") -> str:
    """Everything a task is found by, fields kept apart so word pairs never bridge two of them.

    The group's title counts too: "nhóm nhiệm vụ phát triển các hoạt động hỗ trợ" names its tasks.
    """
    parts = [task.title, task.content, task.objective or "", task.training_content or "", *task.topics, group_title]
    parts += [n for n in task.notes if n.startswith("Bảng dự toán")]
    parts += [q.text for q in task.quantities]
    # the budget figures, as the table prints them ("1.200", "9,2"), so "khoản 420 triệu" finds its task
    amounts = [task.budget.total, *task.budget.allocation.values()]
    parts += [_figure(a) for a in dict.fromkeys(amounts) if a is not None]
    return f" {SEPARATOR} ".join(p for p in parts if p)


def plan_passages(plans: Iterable[Plan]) -> Iterable[Passage]:
    """The searchable passages of the plans, besides tasks: duties, targets, objectives…"""
    for plan in plans:
        for resp in plan.responsibilities:
            text = resp.heading + ": " + " ".join(d.text for d in resp.duties)
            yield Passage(plan.id, "responsibility", resp.section, resp.section, text)
        for target in plan.targets:
            yield Passage(plan.id, "target", target.id, target.section, target.text)
        for n, block in enumerate(plan.objectives):
            yield Passage(plan.id, "objective", str(n), block.section, block.text)
        if plan.reporting:
            yield Passage(plan.id, "reporting", plan.reporting.section, plan.reporting.section, plan.reporting.text)
        if plan.closing:
            yield Passage(plan.id, "closing", "closing", plan.reporting.section if plan.reporting else "", plan.closing)
        for ref in plan.implements:
            yield Passage(plan.id, "document", ref.number, "Phần mở đầu", ref.text)
        if plan.recipients:
            yield Passage(plan.id, "recipients", "recipients", "Nơi nhận", "; ".join(plan.recipients))
        if plan.budget.funding_text:
            yield Passage(plan.id, "budget", plan.budget.section, plan.budget.section, plan.budget.funding_text)


def indexed_texts(plans: Iterable[Plan]) -> Iterable[str]:
    """Every text the index tokenises (what :func:`precompute_tokens` stores at build time)."""
    plans = list(plans)
    for plan in plans:
        groups = {g.number: g.title for g in plan.groups}
        for task in plan.tasks:
            yield task_text(task, groups.get(task.group, ""))
            yield f"{task.title} {task.content}"
    for passage in plan_passages(plans):
        yield passage.text


def _figure(amount: Decimal) -> str:
    return f"{figure(amount)} triệu"


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def derived_tables(catalogue: Catalogue) -> dict[str, list[dict[str, object]]]:
    """What reading computes from the plans once, stored in the database at build time.

    Document tokens by text key and the accented vocabulary (so the index starts fast),
    and each task's most similar task in every other plan of the same province (so
    answering can compare two plans' tasks with SQL).
    """
    plans = list(catalogue.plans.values())
    tokens: dict[str, list[str | None]] = {}
    words: set[str] = set()
    for text in indexed_texts(plans):
        key = text_key(text)
        if key not in tokens:  # a text two plans share (the same task another year) is tokenised once
            tokens[key] = _doc_tokens(text)
            words.update(shape(text).split())
    main = {f"{p.id}:{t.number}": _grams(tokens[text_key(f"{t.title} {t.content}")]) for p in plans for t in p.tasks}
    df: Counter[str] = Counter()
    for grams in main.values():
        df.update(grams)
    n = len(main) or 1
    idf = {g: math.log(1 + n / c) * (1.6 if " " in g else 1.0) for g, c in df.items()}

    # fsum: the same figure whatever order a set iterates in. Each task's whole weight is summed once, and
    # what two tasks share once for both ways (it took 20 s of `build-db` at 300 plans, pair by pair)
    whole = {tid: math.fsum(idf[g] for g in grams) for tid, grams in main.items()}

    def likeness(a: str, b: str) -> float:
        """Geometric mean of the two coverages: the shared weight over each task's own."""
        shared = math.fsum(idf[g] for g in main[a] & main[b])
        return math.sqrt((shared / whole[a] if whole[a] else 0.0) * (shared / whole[b] if whole[b] else 0.0))

    analogs = []
    for p in plans:
        for q in plans:
            if q.id == p.id or q.province_id != p.province_id:
                continue
            for t in p.tasks:
                scored = [
                    (likeness(f"{p.id}:{t.number}", f"{q.id}:{u.number}") * _topics_apart(t, u), u) for u in q.tasks
                ]
                best, other = max(scored, key=lambda s: s[0], default=(0.0, None))
                if other is not None:
                    analogs.append(
                        {
                            "task_id": f"{p.id}:{t.number}",
                            "plan_id": p.id,
                            "other_plan_id": q.id,
                            "other_id": f"{q.id}:{other.number}",
                            "similarity": round(best, 4),
                        }
                    )
    by_id = {p.id: p for p in sorted(plans, key=lambda p: p.id)}  # as the knowledge reads them back
    passages = list(plan_passages(by_id.values()))
    built = _Built.make(by_id.values(), passages, tokens)
    corpus = corpus_text(passages, (t for p in by_id.values() for t in p.tasks))
    row = {"python": _python(), "passages": len(passages), "data": built.dump()}
    folded = fold(corpus)
    row |= {"shaped": shape(corpus), "folded": folded}
    # what reading looks up in the documents' words, made here rather than by splitting them into their 700,000
    # words at the first message that needs them (tens of MB while it lasted, at 300 plans)
    places = Places.load(catalogue.data_dir or DEFAULT_DATA_DIR)
    row |= {"pairs": "\n".join(sorted(corpus_pairs(folded))), "map": map_key(places)}
    row["common"] = "\n".join(sorted(common_forms(places, folded)))
    surface = agency_surface_pattern(catalogue.agencies.values())
    row["patterns"] = marshal.dumps((TAG, {surface: compile_parts(surface)} if TAG is not None else {}))
    return {
        INDEX_TABLE: [row],
        "doc_tokens": [{"key": k, "tokens": json.dumps(v)} for k, v in tokens.items()],
        "vocabulary": [{"word": w} for w in sorted(words)],
        "task_analogs": analogs,
    }


_Made = TypeVar("_Made")


def agency_surface_pattern(agencies: Iterable[Agency]) -> str:
    """Agency names as typed (folded, unexpanded), "và"/"các" optional between words, longest first. Names
    of one length are in the order of their words: no two of them match at one place (their words differ),
    so the order only makes the text the same from one start to the next, as stored parts need."""
    forms: set[tuple[str, ...]] = set()
    for agency in agencies:
        if agency.scope == "generic":
            continue
        for name in (agency.name, *agency.aliases, *([agency.short] if agency.short else [])):
            words = tuple(w for w in fold(name).split() if w not in ("va", "cac"))
            if words and len(" ".join(words)) >= 4:
                forms.add(words)
    ordered = sorted(forms, key=lambda f: (-len(" ".join(f)), f))
    alternatives = "|".join(r"(?:\s+(?:va|cac))?\s+".join(map(re.escape, f)) for f in ordered)
    return rf"(?<!\w)(?:{alternatives})(?!\w)"


def _stored_patterns(knowledge: Knowledge) -> dict[str, Parts]:
    """Pattern text → the parts the build compiled it to, when the database has them for this Python."""
    if knowledge.path is None or TAG is None:
        return {}
    try:
        row = read_row(knowledge.path, INDEX_TABLE, "patterns")
    except sqlite3.Error:  # a database of before: compiled as usual
        return {}
    if row is None or row["patterns"] is None:
        return {}
    tag, parts = marshal.loads(row["patterns"])
    return parts if tag == TAG else {}


def _alternation(table: Collection[str]) -> re.Pattern[str] | None:
    """One pattern for every phrase of a table, longest first (the longest name wins at a position)."""
    if not table:
        return None
    words = "|".join(re.escape(t) for t in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)")


def weight_unit(documents: int) -> float:
    """What IDF is multiplied by over this many documents, so that a word found in one document weighs
    :data:`WEIGHT_UNIT` however many plans there are (and what it weighs plainly over fewer documents).

    Shares of a question explained (coverage) do not change with it; thresholds on summed weight do."""
    return min(1.0, WEIGHT_UNIT / math.log(1 + documents))


def rare_pair_limit(documents: int) -> float:
    """The most documents a word pair may be found in to be a specific phrase, over this many documents:
    :data:`RARE_PAIR_DOCS`, or :data:`RARE_PAIR_SHARE` of them when there are many."""
    return max(RARE_PAIR_DOCS, RARE_PAIR_SHARE * documents)


def initials_of(name: str) -> str:
    """ "Bình Định" → "BĐ", "Bà Rịa - Vũng Tàu" → "BRVT": the first letters, Đ kept apart from D."""
    words = re.findall(r"\w+", name)
    return "".join(strip_marks(w[0].lower()).upper() if w[0].lower() != "đ" else "Đ" for w in words)


def province_initials(planned: dict[str, str], every: Collection[str], ordinary: Collection[str]) -> dict[str, str]:
    """Initials → province id, for the planned provinces whose initials are safe to read as a name.

    Not when another province of the map has the same initials ("QN": Quảng Ninh, Quảng Nam, Quảng
    Ngãi), nor when they are an ordinary word or an abbreviation ("KH" kế hoạch, "LA" là): folded,
    "bd" could be "BĐ" or "BD", so an initial with Đ counts only when no province has it with D.
    """
    names = {*every, *planned}
    exact: Counter[str] = Counter(initials_of(n) for n in names)
    loose: Counter[str] = Counter(fold(initials_of(n)) for n in names)
    out: dict[str, str] = {}
    for name, pid in planned.items():
        letters = initials_of(name)
        if len(letters) < 2 or exact[letters] > 1 or fold(letters) in ordinary:
            continue
        out[letters] = pid
        if loose[fold(letters)] == 1:  # "BD" typed for "BĐ" only where no province is BD
            out[fold(letters).upper()] = pid
    return out


@dataclass
class _Built:
    """What ranking needs of the documents' words, made once at build time (stored, and loaded at start,
    see :func:`_stored`) or, when the database has none for these plans, when the index is made.

    Each document's words and pairs go straight into the document counts and the inverted index (word or pair
    → the documents that have it, one array over every plan, see :class:`Postings`); no document keeps a set
    of its own but a task's title and content (similarity, ranking bonus), one set for the tasks worded alike
    (at 300 plans 5,315 tasks have 343 different ones, 23 MB when each kept its own); every word is one string,
    shared: at 300 plans the sets and their copies of every word held some 200 MB.
    """

    task_ids: list[str]
    task_postings: Postings
    task_main: dict[str, frozenset[str]]
    passage_postings: Postings
    df: dict[str, int]

    @classmethod
    def make(cls, plans: Iterable[Plan], passages: Sequence[Passage], tokens: dict[str, list[str | None]]) -> _Built:
        def doc(text: str) -> list[str | None]:  # tokens made at build time when there are
            cached = tokens.get(text_key(text))
            return list(cached) if cached is not None else _doc_tokens(text)

        canonical: dict[str, str] = {}
        mains: dict[frozenset[str], frozenset[str]] = {}
        df: Counter[str] = Counter()
        task_ids: list[str] = []
        task_main: dict[str, frozenset[str]] = {}
        task_docs: dict[str, list[int]] = {}  # documents are numbered plan by plan: each list ascends
        for plan in plans:
            groups = {g.number: g.title for g in plan.groups}
            for task in plan.tasks:
                tid = f"{plan.id}:{task.number}"
                number = len(task_ids)
                task_ids.append(tid)
                grams = _grams(doc(task_text(task, groups.get(task.group, ""))))
                df.update(grams)
                for gram in grams:
                    task_docs.setdefault(canonical.setdefault(gram, gram), []).append(number)
                main = frozenset(canonical.setdefault(g, g) for g in _grams(doc(f"{task.title} {task.content}")))
                task_main[tid] = mains.setdefault(main, main)  # marshal then stores each set once
        passage_docs: dict[str, list[int]] = {}
        for number, passage in enumerate(passages):
            grams = _grams(doc(passage.text))
            df.update(grams)
            for gram in grams:
                passage_docs.setdefault(canonical.setdefault(gram, gram), []).append(number)
        return cls(
            task_ids,
            Postings.make(task_docs, _task_plans(task_ids)),
            task_main,
            Postings.make(passage_docs, [p.plan_id for p in passages]),
            {canonical.setdefault(g, g): c for g, c in df.items()},
        )

    def dump(self) -> bytes:
        """marshal (core types only, fast to load); a database built by another Python is not loaded."""
        passage_plans = list(self.passage_postings.plan_of)
        data = (self.task_ids, self.task_postings.dump(), self.task_main, passage_plans, self.passage_postings.dump())
        return marshal.dumps((*data, self.df))

    @classmethod
    def load(cls, blob: bytes) -> _Built:
        task_ids, task_postings, task_main, passage_plans, passage_postings, df = marshal.loads(blob)
        tasks = Postings.load(task_postings, _task_plans(task_ids))
        return cls(task_ids, tasks, task_main, Postings.load(passage_postings, passage_plans), df)


def _task_plans(task_ids: Iterable[str]) -> list[str]:
    """Task number → its plan, each plan's id one string."""
    ids: dict[str, str] = {}
    plans = []
    for tid in task_ids:
        plan_id = tid.split(":", 1)[0]
        plans.append(ids.setdefault(plan_id, plan_id))
    return plans


INDEX_TABLE = "reading_index"
"""The derived table holding :class:`_Built` for the plans of the database."""


def corpus_text(passages: Iterable[Passage], tasks: Iterable[Task]) -> str:
    """Every passage's and task's text in one string: what a message's words are looked for in ("is the
    product they make named anywhere?", the places that are the documents' own words)."""
    return " ".join([*(p.text for p in passages), *map(task_text, tasks)])


def corpus_pairs(folded: str) -> frozenset[str]:
    """Every two words that follow each other in the folded corpus ("nam dinh huong": "năm định hướng")."""
    return frozenset(f"{a} {b}" for a, b in itertools.pairwise(folded.split()))


def map_key(places: Places) -> str:
    """What :func:`~ipbot.reading.places.common_forms` depends on of the map: the names it knows."""
    return hashlib.sha1("\n".join(sorted(places.by_name)).encode()).hexdigest()


def _python() -> str:
    return f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}-marshal{marshal.version}"


def _stored(knowledge: Knowledge, task_ids: list[str], passages: int) -> _Built | None:
    """The index made at build time, when the database has one for these very plans, read by this Python."""
    if knowledge.tokens or knowledge.path is None:
        return None  # tokens given by hand (tests): the index is made from them
    row = read_row(knowledge.path, INDEX_TABLE, "python", "passages", "data")
    if row is None or row["python"] != _python() or row["passages"] != passages:
        return None
    built = _Built.load(row["data"])
    return built if built.task_ids == task_ids else None


@dataclass
class _Alike:
    """The documents of one kind grouped by their words: every province's copy of a task worded alike is one
    group, matched against a question once (at 300 plans, 5,315 tasks are 678 groups)."""

    postings: dict[str, list[int]]  # word or pair → the groups that have it
    members: list[list[int]]  # group → its documents, in document order
    main: list[frozenset[str]]  # tasks: group → the title's and content's words (the ranking's bonus)
    plan_of: Sequence[str]  # document → its plan


@dataclass
class _Scale:
    """Word weights over the documents of some plans, worked out word by word as questions need them."""

    owner: int  # the index it weighs for (id): another index's question keeps its own weights
    key: tuple[str, ...]  # the provinces asked about
    tasks: Postings
    task_docs: Selection  # the tasks of the plans weighed over
    passages: Postings
    passage_docs: Selection
    docs: int
    weights: dict[str, float] = field(default_factory=dict)

    def weight(self, gram: str) -> float:
        known = self.weights.get(gram)
        if known is None:
            df = self.tasks.count(gram, self.task_docs) + self.passages.count(gram, self.passage_docs)
            unit = weight_unit(self.docs)
            known = (math.log(1 + self.docs / df) if df else math.log(1 + self.docs)) * unit
            known *= 1.6 if " " in gram else 1.0
            self.weights[gram] = known
        return known


_SCALE: ContextVar[_Scale | None] = ContextVar("ipbot_word_weights", default=None)
"""The weights of the question being read (None: over every plan); a context variable, so that questions
read at the same time in other threads each keep their own."""


class Index:
    """Everything the matcher needs, built once from :class:`~ipbot.plans.store.Knowledge`."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.plans: dict[str, Plan] = knowledge.plans
        self.tasks: dict[str, Task] = {}
        self.passages: list[Passage] = list(plan_passages(self.plans.values()))
        for plan in self.plans.values():
            for task in plan.tasks:
                self.tasks[f"{plan.id}:{task.number}"] = task
        stored = _stored(knowledge, list(self.tasks), len(self.passages))
        self._from_build = stored is not None  # and so is the corpus of these plans (see corpus)
        built = stored or _Built.make(
            self.plans.values(),
            self.passages,
            knowledge.tokens or (read_tokens(knowledge.path) if knowledge.path else {}),
        )
        self._task_ids = built.task_ids
        self._task_postings = built.task_postings
        self._task_main = built.task_main
        self._passage_postings = built.passage_postings
        df = built.df
        n = (len(self._task_ids) + len(self.passages)) or 1
        self._idf = {g: math.log(1 + n / c) for g, c in df.items()}
        unit = weight_unit(n)
        self._max_idf = math.log(1 + n) * unit
        self._weights = {g: idf * unit * (1.6 if " " in g else 1.0) for g, idf in self._idf.items()}
        self.vocabulary = sorted({g for g in df if " " not in g and len(g) >= 3})
        rare = rare_pair_limit(n)
        self._rare_pairs = {g for g, c in df.items() if " " in g and c <= rare}
        since = latest_cycle_start(self.plans.values())
        self.in_force = frozenset(p.id for p in self.plans.values() if since is None or p.year_end >= since)
        self._plan_docs: Counter[str] = Counter(t.split(":", 1)[0] for t in self._task_ids)
        self._plan_docs.update(p.plan_id for p in self.passages)
        self._scales: dict[tuple[str, ...], _Scale] = {}
        self._alikes: dict[str, _Alike] = {}  # made when a question is first ranked over most plans
        self._task_refs = [TaskRef(*tid.split(":", 1)) for tid in self._task_ids]
        self._accented_vocab = set(knowledge.words) or {
            w for text in indexed_texts(self.plans.values()) for w in shape(text).split()
        }
        self._function_words = sorted(w for w in STOPWORDS | META_WORDS if len(w) >= 4)
        self._token_cache: dict[str, list[str | None]] = {}
        self._typos: dict[str, str] = {}  # a word → the function word it misspells, or itself
        self._corrections: dict[str, tuple[str, ...]] = {}  # a word the plans never use → their closest words
        self._rank_cache: dict[tuple[object, ...], Sequence[Hit]] = {}
        self._rank_held = 0  # hits in the rankings remembered
        self._agency_phrases = self._build_agency_phrases()
        self._agency_slugs = dict(self._agency_phrases)
        self._agency_re = self._agency_regex()
        self._agency_surface = self._build_agency_surface()
        self._fuzzy_heads: dict[str, list[tuple[str, int, str]]] = {}
        self._generic_names: list[tuple[str, set[str]]] | None = None
        for phrase, slug in self._agency_phrases:
            parts = phrase.split()
            if len(parts) >= 3 and parts[0] in ("so", "hoi", "cuc", "dai", "uy"):
                self._fuzzy_heads.setdefault(parts[0], []).append((phrase, len(parts), slug))
        self._build_plan_finders()

    # ------------------------------------------------------------------ weights
    @contextmanager
    def weighing(self) -> Iterator[None]:
        """Inside this block words weigh over every plan until :meth:`weigh_within` says which; as before after it."""
        token = _SCALE.set(None)
        try:
            yield
        finally:
            _SCALE.reset(token)

    def weigh_within(self, plan_ids: Collection[str]) -> None:
        """Weigh words over the documents of the plans in force and of the provinces of ``plan_ids`` (no
        province when they are every plan): what a word weighs in a question about today's plans does not
        change when earlier cycles' plans are loaded beside them (copies of today's, worded alike, made
        "tuyên truyền" or "hội chợ" weigh as scaffolding), and a province's own plans always count. With
        every plan in force (the three real plans), words weigh over every plan, as they always did."""
        asked = set(plan_ids)
        every = asked >= self.plans.keys()
        provinces = () if every else tuple(sorted({self.plans[p].province_id for p in asked if p in self.plans}))
        scale = self._scales.get(provinces)
        if scale is None:
            ids = [p.id for p in self.plans.values() if p.id in self.in_force or p.province_id in provinces]
            if len(ids) == len(self.plans):
                _SCALE.set(None)
                return
            tasks, passages = self._task_postings, self._passage_postings
            docs = sum(self._plan_docs[i] for i in ids) or 1
            scale = _Scale(id(self), provinces, tasks, tasks.select(ids), passages, passages.select(ids), docs)
            if len(self._scales) >= SCALES_KEPT:
                self._scales.clear()
            self._scales[provinces] = scale
        _SCALE.set(scale)

    def _weighing(self) -> _Scale | None:
        scale = _SCALE.get()
        return scale if scale is not None and scale.owner == id(self) else None

    def weight(self, gram: str) -> float:
        """IDF of a word or pair over the documents weighed (see :meth:`weigh_within`); pairs count more,
        unknown words count fully."""
        scale = self._weighing()
        if scale is not None:
            return scale.weight(gram)
        known = self._weights.get(gram)
        if known is not None:
            return known
        return self._max_idf * (1.6 if " " in gram else 1.0)

    def correct(self, tokens: list[str | None]) -> list[str | None]:
        """Replace words the plans never use by their closest plan word (typos)."""
        out: list[str | None] = []
        for tok in tokens:
            if tok is None or tok in self._idf or len(tok) < 4 or tok.isdigit() or tok.endswith("~"):
                out.append(tok)
                continue
            before = out[-1] if out else None
            choices = self._remembered(self._corrections, tok, self._closest_words)
            # of words as close, the one the word before forms a pair of the plans with ("tap huang" is "tập
            # huấn", not "tập hàng"); else the closest first found, as before
            paired = [w for w in choices if before and f"{before} {w}" in self._idf]
            out.append((paired or choices)[0] if choices else tok)
        return out

    def _closest_words(self, tok: str) -> tuple[str, ...]:
        """The plan words closest to a typo, as close as each other (the first one found first)."""
        # a typo keeps the first letter and most of the word ("tom gionng"); "rieng" is no "trien"
        same_start = [w for w in self.vocabulary if w[0] == tok[0]]
        found = process.extract(tok, same_start, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=8)
        if not found:
            return ()
        top = found[0][1]
        return tuple(w for w, score, _ in found if score == top)

    @staticmethod
    def _remembered(table: dict[str, _Made], tok: str, make: Callable[[str], _Made]) -> _Made:
        """A word's correction, worked out once: the same unknown words come back question after question,
        and each fuzzy look-up scans a whole word list."""
        found = table.get(tok)
        if found is None:
            if len(table) > CACHE_SIZE:
                table.clear()
            found = table[tok] = make(tok)
        return found

    def query_tokens(self, text: str) -> list[str | None]:
        cached = self._token_cache.get(text)
        if cached is None:
            cached = self._query_tokens(text)
            if len(self._token_cache) > CACHE_SIZE:
                self._token_cache.clear()
            self._token_cache[text] = cached
        return list(cached)

    def _query_tokens(self, text: str) -> list[str | None]:
        """Question side: stop words skipped, scaffolding and recognised phrases separate pairs.

        Typed without accents, a stop word is kept when it forms a word pair the plans
        use ("ban do so" is "bản đồ số", "vung trong" is "vùng trồng"); after a number it
        is kept too ("5 sao" names what is counted).
        """
        # (judged on the words typed: the separators that stand for cut phrases are no unmarked words)
        accented = has_diacritics(text.replace(SEPARATOR, " "))
        pairs = _drop_domain_pairs([(w, self._typo(w, t)) for w, t in _expand_words(shape(text).split())])
        folded = [f for _, f in pairs]
        roles = [self._role(w, t, accented) for w, t in pairs]
        for i in range(len(folded) - 1):
            if f"{folded[i]} {folded[i + 1]}" in TERMS and self._typed_as_term(pairs[i][0], pairs[i + 1][0], accented):
                roles[i] = roles[i + 1] = "word"  # "thuc thi": a term, though each word frames questions
            elif (
                f"{folded[i]} {folded[i + 1]}" in FRAMING_PAIRS
                or (folded[i] in FRAMING_BEFORE_CUE and folded[i + 1] == SEPARATOR)
            ) and not (i and f"{folded[i - 1]} {folded[i]}" in self._idf):
                roles[i] = "stop"  # (not "điểm" of "thí điểm nào": a term of the plans)
            if f"{folded[i]} {folded[i + 1]}" in FRAMED_AFTER:
                roles[i + 1] = "stop"
        if accented:  # "chúng" typed with its marks is a pronoun, but for a term of the plans ("đại chúng")
            for i, (word, _) in enumerate(pairs):
                if word in PRONOUNS and not (i and f"{folded[i - 1]} {folded[i]}" in self._idf):
                    roles[i] = "stop"
        out: list[str | None] = []
        for i, (word, tok) in enumerate(pairs):
            role = roles[i]
            if role == "sep":
                out.append(None)
                continue
            if role in ("stop", "meta") and not (i and folded[i - 1].isdigit()):
                if (role == "meta" or not accented) and self._pairs_with_neighbour(folded, roles, i):
                    out.append(tok)  # "tinh uy" is Tỉnh ủy; unaccented "hoi cho" is hội chợ, not hỏi cho
                elif role == "stop":
                    continue
                else:
                    out.append(None)
                continue
            if accented and word is not None and word != tok and word not in self._accented_vocab and tok in self._idf:
                # typed with accents that the plans never use: "phạt" is not "phát"
                out.append(f"{tok}~")
                continue
            out.append(tok)
        return self.correct(out)

    @staticmethod
    def _typed_as_term(first: str | None, second: str | None, accented: bool) -> bool:
        """A pair of words folded like a term is the term unless typed with other marks ("có số")."""
        return not (accented and first and second) or f"{first} {second}" in TERMS_ACCENTED

    def _role(self, word: str | None, tok: str, accented: bool) -> str:
        if tok == SEPARATOR:
            return "sep"
        by_accent = accented and word is not None
        if word in STOPWORDS_ACCENTED if by_accent else tok in STOPWORDS:
            return "stop"
        if word in META_ACCENTED if by_accent else tok in META_WORDS:
            return "meta"
        return "word"

    def _typo(self, word: str | None, tok: str) -> str:
        """A misspelt function word ("nhiu" for "nhiêu") is corrected before it is judged."""
        if len(tok) < 4 or tok in self._idf or tok in STOPWORDS or tok in META_WORDS or not tok.isalpha():
            return tok
        return self._remembered(self._typos, tok, self._closest_function_word)

    def _closest_function_word(self, tok: str) -> str:
        best = process.extractOne(tok, self._function_words, scorer=fuzz.ratio, score_cutoff=85)
        return best[0] if best else tok

    def _pairs_with_neighbour(self, folded: list[str], roles: list[str], i: int) -> bool:
        """The word forms, with a neighbour, a specific pair the plans use (not "nhiem vu")."""

        def usable(j: int) -> bool:  # two scaffolding words ("kế hoạch năm") are no specific phrase
            return roles[j] != "sep" and not (roles[j] == "meta" and roles[i] == "meta")

        before = i > 0 and usable(i - 1) and f"{folded[i - 1]} {folded[i]}" in self._rare_pairs
        # the end of a scaffolding phrase ("nhiệm vụ", "kế hoạch") pairs with no title after it:
        # "nhiệm vụ hỗ trợ OCOP" is not the task whose text happens to say "Nhiệm vụ Hỗ trợ…"
        ends_phrase = i > 0 and f"{folded[i - 1]} {folded[i]}" in META_PHRASES
        after = (
            not ends_phrase
            and i + 1 < len(folded)
            and usable(i + 1)
            and f"{folded[i]} {folded[i + 1]}" in self._rare_pairs
        )
        return before or after

    def unswapped(self, text: str) -> str:
        """Two letters typed the wrong way round ("phoi hpo"): a word typed without marks that no Vietnamese
        syllable spells, put right when exactly one swap of neighbouring letters makes a syllable that forms a
        pair of the plans with the word before or after it. Done before cues are read, which the ranking's own
        typo correction comes too late for; the text keeps its length, so spans found later stay aligned."""
        words = list(_WORD_RE.finditer(text))
        for i, m in enumerate(words):
            word = m.group(0).lower()
            if not (3 <= len(word) <= 6 and word.isascii() and word.isalpha()) or _SYLLABLE_RE.fullmatch(word):
                continue
            if word in self._idf or word in ABBREVIATIONS:
                continue
            before = fold(words[i - 1].group(0)) if i else ""
            after = fold(words[i + 1].group(0)) if i + 1 < len(words) else ""
            swaps = {word[:j] + word[j + 1] + word[j] + word[j + 2 :] for j in range(len(word) - 1)}
            good = [
                w
                for w in sorted(swaps)
                if _SYLLABLE_RE.fullmatch(w) and (f"{before} {w}" in self._idf or f"{w} {after}" in self._idf)
            ]
            if len(good) == 1:
                fixed = good[0] if m.group(0).islower() else good[0].capitalize()
                text = text[: m.start()] + fixed + text[m.end() :]
        return text

    def known(self, token: str) -> bool:
        """The plans use this word (numbers always count as known)."""
        return token.isdigit() or token in self._idf

    def known_phrase(self, text: str) -> bool:
        """The plans use these words together: every word and every pair of neighbours ("hàng giả")."""
        toks = [t for t in self.query_tokens(text) if t]
        return (
            bool(toks)
            and all(t in self._idf for t in toks)
            and all(f"{a} {b}" in self._idf for a, b in itertools.pairwise(toks))
        )

    def content_tokens(self, text: str) -> list[str]:
        return [t for t in self.query_tokens(text) if t]

    def query_grams(self, text: str) -> tuple[list[str | None], set[str]]:
        toks = self.query_tokens(text)
        return toks, _grams(toks)

    def specific(self, grams: Iterable[str]) -> set[str]:
        """The word pairs among ``grams`` that few passages share ("giao thương"), unlike the
        domain's scaffolding ("tài sản trí tuệ") that every passage has."""
        return {g for g in grams if g in self._rare_pairs}

    def corpus(self, kind: Literal["shaped", "folded"]) -> str:
        """:func:`corpus_text` as :func:`~ipbot.text.shape` or :func:`~ipbot.text.fold` makes it: made at build
        time and read when a message first needs it (shaping it took 3 s at 300 plans), else made then."""
        if self._from_build and self.knowledge.path is not None:
            row = read_row(self.knowledge.path, INDEX_TABLE, kind)
            if row is not None:
                return str(row[kind])
        text = corpus_text(self.passages, self.tasks.values())
        return shape(text) if kind == "shaped" else fold(text)

    def _stored_words(self, column: str) -> frozenset[str] | None:
        if not (self._from_build and self.knowledge.path is not None):
            return None
        try:
            row = read_row(self.knowledge.path, INDEX_TABLE, column)
        except sqlite3.Error:  # a database of before: made from the corpus then
            return None
        return None if row is None else frozenset(filter(None, str(row[column]).split("\n")))

    def corpus_pairs(self, folded: Callable[[], str]) -> frozenset[str]:
        """:func:`corpus_pairs` of the documents: made at build time, else from ``folded()``, the folded corpus."""
        stored = self._stored_words("pairs")
        return stored if stored is not None else corpus_pairs(folded())

    def common_forms(self, places: Places, folded: Callable[[], str]) -> frozenset[str]:
        """:func:`~ipbot.reading.places.common_forms` of the documents: made at build time with the same map's
        names, else from ``folded()``, the folded corpus."""
        if self._stored_words("map") == {map_key(places)}:
            stored = self._stored_words("common")
            if stored is not None:
                return stored
        return common_forms(places, folded())

    def doc_grams(self, text: str) -> frozenset[str]:
        return _doc_grams(text)

    def coverage(self, query: Collection[str], doc: Collection[str]) -> tuple[float, frozenset[str]]:
        """Share of the question's (weighted) words and pairs that the document contains."""
        if not query:
            return 0.0, frozenset()
        matched = frozenset(g for g in query if g in doc)
        # fsum is exact whatever order a set iterates in: a tie is a tie under every hash seed
        total = math.fsum(self.weight(g) for g in query)
        return math.fsum(self.weight(g) for g in matched) / total, matched

    def similarity(self, a: TaskRef, b: TaskRef) -> float:
        """How alike two tasks are, both ways (geometric mean of the two coverages), 0..1."""
        ga, gb = self._task_main[a.id], self._task_main[b.id]
        apart = _topics_apart(self.tasks[a.id], self.tasks[b.id])
        return math.sqrt(self.coverage(ga, gb)[0] * self.coverage(gb, ga)[0]) * apart

    def evidence(self, matched: frozenset[str]) -> float:
        return math.fsum(self.weight(g) for g in matched)

    def _evidence_of(self, query: Collection[str]) -> Callable[[frozenset[str]], float]:
        """:meth:`evidence` for one ranking: the question's weights looked up once, and each set of words
        matched summed once (with every province's plans, hundreds of documents match the same words)."""
        weights = {g: self.weight(g) for g in query}
        sums: dict[frozenset[str], float] = {}

        def evidence(matched: frozenset[str]) -> float:
            found = sums.get(matched)
            if found is None:
                found = sums[matched] = math.fsum(weights[g] for g in matched)
            return found

        return evidence

    # ------------------------------------------------------------------ tasks
    def _cached(
        self, key: tuple[str, str, tuple[str, ...] | None, tuple[str, ...] | None], compute: Callable[[], Sequence[Hit]]
    ) -> Sequence[Hit]:
        """Rankings are asked for several times per question: compute each once (for each scale of weights)."""
        scale = self._weighing()
        weighed: tuple[object, ...] = (*key, scale.key) if scale is not None else key
        hits = self._rank_cache.get(weighed)
        if hits is None:
            hits = compute()
            held = hits.made if isinstance(hits, Ranked) else len(hits)
            if len(self._rank_cache) > RANK_CACHE_SIZE or self._rank_held + held > RANK_CACHE_HITS:
                self._rank_cache.clear()
                self._rank_held = 0
            self._rank_cache[weighed] = hits
            self._rank_held += held
        return hits

    def rank_tasks(self, text: str, plan_ids: Iterable[str] | None = None) -> Sequence[Hit]:
        """Tasks ordered by how much of the question they explain."""
        ids = tuple(sorted(plan_ids)) if plan_ids is not None else None
        return self._cached(("task", text, ids, None), lambda: self._rank_tasks(text, ids))

    def rank_tasks_by_plan(self, text: str, plan_ids: Collection[str]) -> dict[str, list[Hit]]:
        """For each plan, :meth:`rank_tasks` over that plan alone, cut from one ranking over them all (a task's
        score does not depend on the plans ranked with it, and equals rank as :meth:`rank_tasks` orders them)."""
        by_plan: dict[str, list[Hit]] = {}
        for hit in self.rank_tasks(text, plan_ids):
            by_plan.setdefault(hit.item.plan_id, []).append(hit)
        return by_plan

    def _matches(self, postings: Postings, query: set[str], plan_ids: Iterable[str] | None) -> dict[int, list[str]]:
        """Document number → the question's words and pairs it has, read from the inverted index cut to the
        plans asked about: a question about one plan never looks at the others' documents."""
        found: dict[int, list[str]] = {}
        selection = None if plan_ids is None else postings.select(plan_ids)
        for gram in query:  # a document's words in the question's order, as when read plan by plan
            for doc in postings.docs_in(gram, selection):
                found.setdefault(doc, []).append(gram)
        return found

    def _most(self, plan_ids: Collection[str] | None) -> bool:
        """Ranked over most plans: by groups of documents worded alike (see :class:`_Alike`)."""
        return plan_ids is None or len(plan_ids) * 2 > len(self.plans)

    def _alike(self, kind: Literal["task", "passage"]) -> _Alike:
        alike = self._alikes.get(kind)
        if alike is not None:
            return alike
        postings = self._task_postings if kind == "task" else self._passage_postings
        words: dict[int, list[str]] = {}
        for gram, docs in postings.items():
            for doc in docs:
                words.setdefault(doc, []).append(gram)
        alike = _Alike({}, [], [], postings.plan_of)
        groups: dict[tuple[frozenset[str], frozenset[str]], int] = {}
        for doc in sorted(words):
            grams = frozenset(words[doc])
            main = self._task_main[self._task_ids[doc]] if kind == "task" else frozenset()
            group = groups.get((grams, main))
            if group is None:
                group = groups[grams, main] = len(alike.members)
                alike.members.append([])
                alike.main.append(main)
                for gram in grams:
                    alike.postings.setdefault(gram, []).append(group)
            alike.members[group].append(doc)
        self._alikes[kind] = alike
        return alike

    def _matched_alike(
        self, kind: Literal["task", "passage"], query: set[str]
    ) -> Iterator[tuple[list[int], frozenset[str], frozenset[str]]]:
        """(documents, the question's words they have, the group's main words) for each group that has some
        (the documents of every plan: see :meth:`_in_plans`)."""
        alike = self._alike(kind)
        found: dict[int, list[str]] = {}
        for gram in query:
            for group in alike.postings.get(gram, ()):
                found.setdefault(group, []).append(gram)
        for group, grams in found.items():
            yield alike.members[group], frozenset(grams), alike.main[group]

    def _in_plans(
        self, kind: Literal["task", "passage"], plan_ids: Collection[str] | None
    ) -> Callable[[int], bool] | None:
        """Whether a document is in the plans asked about (None: every plan is)."""
        if plan_ids is None:
            return None
        allowed, plan_of = frozenset(plan_ids), self._alike(kind).plan_of
        return lambda doc: plan_of[doc] in allowed

    def _rank_tasks(self, text: str, plan_ids: Collection[str] | None) -> Sequence[Hit]:
        _, query = self.query_grams(text)
        if not query:
            return []
        evidence_of = self._evidence_of(query)
        total = evidence_of(frozenset(query))
        hits = []
        if self._most(plan_ids):
            refs = self._task_refs
            groups: list[Group[Hit]] = []
            for docs, matched, main in self._matched_alike("task", query):
                evidence = evidence_of(matched)
                bonus = 0.05 * sum(1 for g in matched if " " in g and g in main)
                score = min(1.0, evidence / total + bonus)
                make = functools.partial(_task_hit, refs, score, matched, evidence)
                groups.append(Group(score, docs, make))
            # as below: the best first, then by task id; hits made only as far as they are read
            return Ranked(groups, self._task_ids.__getitem__, self._in_plans("task", plan_ids))
        for doc, grams in sorted(self._matches(self._task_postings, query, plan_ids).items()):
            tid = self._task_ids[doc]
            plan_id, number = tid.split(":", 1)
            matched = frozenset(grams)
            evidence = evidence_of(matched)
            # a word pair found in the title or content proper is worth a little more
            bonus = 0.05 * sum(1 for g in matched if " " in g and g in self._task_main[tid])
            hits.append(Hit(TaskRef(plan_id, number), min(1.0, evidence / total + bonus), matched, evidence))
        hits.sort(key=lambda h: (-h.score, h.item.id))
        return hits

    def rank_passages(
        self, text: str, plan_ids: Iterable[str] | None = None, kinds: Iterable[str] | None = None
    ) -> Sequence[Hit]:
        """Passages (duties, targets, objectives…) ordered by how much of the question they explain."""
        ids = tuple(sorted(plan_ids)) if plan_ids is not None else None
        kinds_ = tuple(sorted(kinds)) if kinds is not None else None
        return self._cached(("passage", text, ids, kinds_), lambda: self._rank_passages(text, ids, kinds_))

    def _rank_passages(self, text: str, plan_ids: Collection[str] | None, kinds: Iterable[str] | None) -> Sequence[Hit]:
        _, query = self.query_grams(text)
        if not query:
            return []
        kinds_ = set(kinds) if kinds is not None else None
        evidence_of = self._evidence_of(query)
        total = evidence_of(frozenset(query))
        hits = []
        if self._most(plan_ids):
            groups: list[Group[Hit]] = []
            for docs, matched, _ in self._matched_alike("passage", query):
                evidence = evidence_of(matched)
                make = functools.partial(_passage_hit, self.passages, evidence / total, matched, evidence)
                groups.append(Group(evidence / total, docs, make))
            keep = self._in_plans("passage", plan_ids)
            if kinds_ is not None:
                passages, in_plans = self.passages, keep
                keep = lambda doc: passages[doc].kind in kinds_ and (in_plans is None or in_plans(doc))  # noqa: E731
            return Ranked(groups, _same, keep)  # in the passages' order among equals
        for doc, grams in sorted(self._matches(self._passage_postings, query, plan_ids).items()):
            passage = self.passages[doc]
            if kinds_ is not None and passage.kind not in kinds_:
                continue
            matched = frozenset(grams)
            evidence = evidence_of(matched)
            hits.append(Hit(passage, evidence / total, matched, evidence))
        hits.sort(key=lambda h: -h.score)  # stable: in the passages' order among equals, as they were read
        return hits

    def find_numbered_tasks(self, numbers: Iterable[str], plan_ids: Iterable[str]) -> list[TaskRef]:
        """Tasks whose document number is one of ``numbers`` ("3.4", "3.c", "III.4.d", "4.d")."""
        wanted = {n.lower().rstrip(".") for n in numbers}
        found = []
        for plan_id in plan_ids:
            for task in self.plans[plan_id].tasks:
                num = task.number.lower()
                short = num.split(".", 1)[1] if re.match(r"^[ivx]+\.", num) else None
                if num in wanted or (short is not None and short in wanted):
                    found.append(TaskRef(plan_id, task.number))
        return found

    # ------------------------------------------------------------------ agencies
    def _build_agency_phrases(self) -> list[tuple[str, str]]:
        """(folded phrase, agency slug) pairs, longest first, for every name and alias."""
        phrases: dict[str, str] = {}
        for agency in self.knowledge.agencies.values():
            if agency.scope == "generic":
                continue
            for name in (agency.name, *agency.aliases, *([agency.short] if agency.short else [])):
                key = " ".join(w for w in expand(fold(name)).split() if w not in ("va", "cac"))
                if len(key) >= 4:
                    phrases.setdefault(key, agency.slug)
        return sorted(phrases.items(), key=lambda kv: -len(kv[0]))

    def _agency_regex(self) -> re.Pattern[str]:
        """One alternation of every phrase, longest first, so the longest name wins at a position."""
        alternatives = "|".join(re.escape(phrase) for phrase, _ in self._agency_phrases)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")

    def _build_agency_surface(self) -> re.Pattern[str]:
        """Agency names as typed (folded, unexpanded), "và"/"các" optional between words: compiled from what
        the build stored when it can be (see :mod:`ipbot.reading.compiled`)."""
        pattern = agency_surface_pattern(self.knowledge.agencies.values())
        return from_parts(pattern, _stored_patterns(self.knowledge).get(pattern))

    def duties_naming(self, entry: Responsibility, agencies: Collection[str]) -> tuple[int, ...]:
        """The positions of an entry's duties whose words name one of the agencies ("Chủ trì, phối hợp Văn
        phòng Điều phối … rà soát" in Sở NN&PTNT's entry names the Văn phòng)."""
        wanted = set(agencies)
        return tuple(n for n, d in enumerate(entry.duties) if wanted & set(self.find_agencies(d.text)))

    def find_agencies(self, text: str) -> list[str]:
        """Agency slugs named in the text, in order of appearance, exact or near-exact."""
        folded = " ".join(w for w in expand(fold(text)).split() if w not in ("va", "cac"))
        found = [(m.start(), self._agency_slugs[m.group(0)]) for m in self._agency_re.finditer(folded)]
        if not found:
            found = self._fuzzy_agencies(folded)
        seen: list[str] = []
        for _, slug in sorted(found):
            if slug not in seen:
                seen.append(slug)
        return seen

    def quoted_generic_agencies(self, raw: str) -> list[str]:
        """Generic groups the plans name instead of an agency, when the message quotes one whole
        ("có 'cơ quan chuyên môn liên quan' trong danh sách phối hợp"); unquoted, such words name nobody."""
        quoted = [fold(m.group(1)) for m in _QUOTE_RE.finditer(raw)]
        if not quoted:
            return []
        if self._generic_names is None:  # a handful among thousands of agencies: listed once
            self._generic_names = [
                (agency.slug, {fold(n) for n in (agency.name, *agency.aliases)})
                for agency in self.knowledge.agencies.values()
                if agency.scope == "generic"
            ]
        return [
            slug
            for slug, names in self._generic_names
            if any(q == n or q.startswith(f"{n} ") for q in quoted for n in names)
        ]

    def agency_heads(self, slug: str, titles: list[str] = ()) -> set[str]:  # type: ignore[assignment]
        """The first word of each name the agency goes by ("hoi" for Hội Doanh nhân trẻ, "dai" for Đài PT-TH):
        how a person who said they work there calls it next ("hội được giao làm gì"); after a council's
        title (``titles``: "ubnd"), the level too: "UBND huyện" is "huyện" next."""
        heads: set[str] = set()
        for phrase, s in self._agency_phrases:
            if s != slug or " " not in phrase:
                continue
            heads.add(phrase.split()[0])
            level = next((phrase[len(t) + 1 :].split() for t in titles if phrase.startswith(f"{t} ")), [])
            heads.update([w for w in level if w not in STOPWORDS][:1])  # "UBND các huyện": "huyện", not "các"
        return heads

    def agency_spans(self, folded: str) -> list[tuple[int, int]]:
        """Where agency names stand in folded (unexpanded) text, for removal from the content."""
        return [m.span() for m in self._agency_surface.finditer(folded)]

    def _fuzzy_agencies(self, folded: str) -> list[tuple[int, str]]:
        """Long agency names typed with a typo ("so khoa hoc cong nghej")."""
        words = folded.split()
        out: list[tuple[int, str]] = []
        for i, word in enumerate(words):
            # the head word must be typed right: "vu so huu tri tue" is no "cuc so huu tri tue"
            for phrase, n, slug in self._fuzzy_heads.get(word, ()):
                typed = words[i : i + n]
                # a typo stays inside a word: "so o dong" is no "so lao dong"
                same_starts = all(t[0] == w[0] for t, w in zip(typed, phrase.split(), strict=False))
                # a word the plans use is no typo of another: "ủy ban nhân dân thành phố" is no "… tỉnh"
                words_of_their_own = any(t != w and t in self._idf for t, w in zip(typed, phrase.split(), strict=False))
                if (
                    len(typed) == n
                    and same_starts
                    and not words_of_their_own
                    and fuzz.ratio(" ".join(typed), phrase) >= 90
                ):
                    out.append((i, slug))
        return out

    # ------------------------------------------------------------------ plans
    def _build_plan_finders(self) -> None:
        """The patterns that find provinces and plan numbers: one alternation per kind, built once per
        data load with a table behind it, so a question costs the same at 3 plans as at 300."""
        plans = list(self.plans.values())
        self._province_names = {fold(p.province): p.province_id for p in plans}
        # what reading looked up by a pass over every plan on every question (0.6 ms at 300 plans): a folded
        # province name's id, and the provinces (as the plans name them) of the plans in force
        self.province_ids: Mapping[str, str] = self._province_names
        self.provinces_in_force = frozenset(p.province for p in plans if p.id in self.in_force)
        self._province_shapes = {fold(p.province): shape(p.province) for p in plans}
        self._province_re = _alternation(self._province_names)
        ordinary = STOPWORDS | META_WORDS | set(ABBREVIATIONS) | {g for g in self._idf if " " not in g}
        self._province_initials = province_initials(
            {p.province: p.province_id for p in plans}, map_provinces(self.knowledge.data_dir), ordinary
        )
        initials = "|".join(sorted(map(re.escape, self._province_initials), key=len, reverse=True))
        # joined to another abbreviation by "-" or "&", letters are that abbreviation's ("phòng KT-HT" is
        # kinh tế - hạ tầng, not Kon Tum and Hà Tĩnh; "PT-TH", "TB&XH")
        self._initials_re = re.compile(rf"(?<![\w&-])(?:{initials})(?![\w&-])") if initials else None
        self._initials_casual_re = re.compile(self._initials_re.pattern, re.IGNORECASE) if initials else None
        # by province: where its name (or initials) stands in folded text, "tỉnh" with it
        self._province_spans: dict[str, re.Pattern[str]] = {}
        for plan in plans:
            if plan.province_id not in self._province_spans:
                letters = "".join(w[0] for w in fold(plan.province).split())
                name = rf"(?<!\w)(tinh )?(?:{re.escape(fold(plan.province))}|{re.escape(letters)})(?!\w)"
                self._province_spans[plan.province_id] = re.compile(name)
        # plan numbers: "kế hoạch 160", "KH số 160", "160/KH-UBND" (a bare 160 may be an amount)
        self._plan_numbers = sorted(
            {p.number.split("/")[0].strip() for p in plans if p.number and p.number.split("/")[0].strip()},
            key=len,
            reverse=True,
        )
        numbers = "|".join(map(re.escape, self._plan_numbers))
        self._plan_number_re = (
            re.compile(
                rf"(?:ke hoach|\bkh|van ban|\bso)\s+(?:so\s+)?({numbers})(?![\d.,]\d)|(?<![\d.,])({numbers})\s*/\s*kh"
            )
            if numbers
            else None
        )
        self._plan_number_span_re = (
            re.compile(rf"(?<![\d.])(?:{numbers})(?:\s*/\s*kh(?: ubnd)?)?(?![\d.\w])") if numbers else None
        )
        # plans' titles as runs of folded words, to tell "Kế hoạch phát triển tài sản trí tuệ" (a plan named by
        # its title) from a topic
        self._titles = tuple(tuple(_WORD_RE.findall(fold(p.title))) for p in plans if p.title)
        self._titles_with: dict[str, set[int]] = {}  # word → the titles that have it
        for n, title in enumerate(self._titles):
            for word in title:
                self._titles_with.setdefault(word, set()).add(n)

    def find_provinces(self, raw: str) -> set[str]:
        """The planned provinces a message names, by name or by initials ("TB", "NT").

        One pass of one pattern, so a name inside another is not found ("Thái Bình định hướng" names
        no Bình Định); typed with accents, the accents must be the name's ("năm định hướng" is no Nam
        Định). Initials count only where they are no ordinary word or abbreviation ("KH" is kế hoạch,
        "la" là) and no two provinces of the map share them ("TN" is Thái Nguyên or Tây Ninh)."""
        folded = fold(raw)
        found: set[str] = set()
        accented = has_diacritics(raw)
        shaped = shape(raw) if accented else ""
        if self._province_re is not None:
            for m in self._province_re.finditer(folded):
                typed = shaped[m.start() : m.end()] if len(shaped) == len(folded) else ""
                name = self._province_shapes[m.group(0)]
                if typed and _toneless(typed) != _toneless(name) and strip_marks(typed) != typed:
                    continue  # a tone slipped ("Ninh Thuân") still names it; "năm định" (ă, no a) does not
                found.add(self._province_names[m.group(0)])
        # typed fast without accents, officials write initials lower-case too ("kh shtt tb")
        initials = self._initials_re if accented else self._initials_casual_re
        if initials is not None:
            found.update(self._province_initials[m.group(0).upper()] for m in initials.finditer(raw))
        return found

    def province_spans(self, folded: str, provinces: Iterable[str]) -> list[tuple[int, int]]:
        """Where the named provinces stand in folded text ("tỉnh Ninh Thuận", "NT"), to cut from the content."""
        return [
            m.span()
            for pid in provinces
            if pid in self._province_spans
            for m in self._province_spans[pid].finditer(folded)
        ]

    def plan_title_spans(self, folded: str) -> list[tuple[int, int]]:
        """Where "kế hoạch" is followed by words of a plan's own title ("Tổng kinh phí Kế hoạch phát triển tài
        sản trí tuệ tỉnh Bình Phước"): those words name the plan, not a task or duty to look for. At least
        three words, each found after the one before in one title ("kế hoạch thực hiện chương trình phát triển
        tài sản trí tuệ" for "Kế hoạch thực hiện Chiến lược … và Chương trình phát triển tài sản trí tuệ"), so
        "kế hoạch phát triển chỉ dẫn địa lý" keeps its topic."""
        spans: list[tuple[int, int]] = []
        for m in re.finditer(r"(?<!\w)(?:ke hoach|kh)(?!\w)", folded):
            words = list(_WORD_RE.finditer(folded[m.end() :]))
            if len(words) < 3:
                continue
            # a run of three or more is in a title that has its first three words: only those are walked
            # (with every province's plans, 300 titles a "kế hoạch")
            having = [self._titles_with.get(w.group(0), set()) for w in words[:3]]
            run = max((_in_order(words, self._titles[n]) for n in set.intersection(*having)), default=0)
            if run >= 3:
                spans.append((m.end(), m.end() + words[run - 1].end()))
        return spans

    def find_plan_numbers(self, folded: str) -> list[str]:
        """Plan numbers the folded text names ("kế hoạch 160", "KH số 160", "160/KH-UBND"), in order."""
        if self._plan_number_re is None:
            return []
        return list(dict.fromkeys(m.group(1) or m.group(2) for m in self._plan_number_re.finditer(folded)))

    def plan_number_spans(self, folded: str, numbers: Collection[str]) -> list[tuple[int, int]]:
        """Where the plan numbers named stand ("160", "KH 160", "160/KH-UBND")."""
        if self._plan_number_span_re is None or not numbers:
            return []
        return [
            m.span() for m in self._plan_number_span_re.finditer(folded) if m.group(0).split("/")[0].strip() in numbers
        ]


def _task_hit(refs: list[TaskRef], score: float, matched: frozenset[str], evidence: float, doc: int) -> Hit:
    return Hit(refs[doc], score, matched, evidence)


def _passage_hit(passages: list[Passage], score: float, matched: frozenset[str], evidence: float, doc: int) -> Hit:
    return Hit(passages[doc], score, matched, evidence)


def _same(doc: int) -> int:
    return doc


def _in_order(words: list[re.Match[str]], title: tuple[str, ...]) -> int:
    """How many of the words, from the first, stand in the title in the same order (others between them)."""
    at = 0
    for n, word in enumerate(words):
        try:
            at = title.index(word.group(0), at) + 1
        except ValueError:
            return n
    return len(words)


_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))
"""The five tone marks, as combining characters; the letters' own marks (â, ă, ê, ô, ơ, ư, đ) stay."""


def _toneless(text: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_TONES))


_QUOTE_RE = re.compile(r"[\"'“”‘’«»]([^\"'“”‘’«»]{3,80})[\"'“”‘’«»]")
