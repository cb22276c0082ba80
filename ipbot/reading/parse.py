"""Read a Vietnamese question: what it asks (cues) and what it names (entities).

Everything here works on folded text (no diacritics, abbreviations expanded), so
"ai chu tri", "Ai chủ trì" and "AI CHỦ TRÌ" read the same. Cues are small regular
expressions over that text, kept as data (the ``question_cues`` of ``data/lexicon/*.yaml``,
see :mod:`ipbot.reading.lexicon`); entities are plans (province, year, number), task numbers,
agencies, quarters and funding sources. What is left after removing them is the
*content* used to find a task or passage by meaning.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ipbot.reading.index import SEPARATOR, Index
from ipbot.reading.lexicon import Lexicon, default_lexicon
from ipbot.text import aligned, blank, expand, fold, has_diacritics, nfc, shape, spell_out

__all__ = ["Query", "folded_question", "source_keys", "understand"]


_QUARTER_WORDS = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
}
_QUARTER_RE = re.compile(r"\bquy\s*(iv|iii|ii|i|[1-4]|mot|hai|ba|bon|tu)(?![a-z0-9])|\bq([1-4])\b")
_QUARTER_RUN_RE = re.compile(r"(\s*(?:-|den|toi|va|hoac)?\s*)(iv|iii|ii|i|[1-4])(?![a-z0-9])")
"""The end of a run of quarters after "quý III": "-IV", " IV" (the dash folded away), " đến IV", " và IV"."""
_NOT_MEANT_RE = re.compile(r"\b(?:khong|ko|k|chu khong|chu ko) phai\s*$")
"""Said before a quarter that is not the one meant."""
_HALF_RE = re.compile(r"6 thang (dau|cuoi) nam|nua (dau|cuoi) nam")
_YEAR_RE = re.compile(r"(?<![\d.,])(20\d\d)(?![\d.,]\d)")
_FULL_DATE_RE = re.compile(r"(?<![\d/.-])\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*20\d\d(?!\d)")
_TASK_NUM_RE = re.compile(r"(?<![\w.,/])((?:[ivx]+\.)?\d{1,2}\.(?:\d{1,2}|[a-zđ]))(?![\w])(?![.,/]\d)")
_TASK_NUM_FOLDED_RE = re.compile(r"(?<![\w.,/])(?:[ivx]+\.)?\d{1,2}\.(?:\d{1,2}|[a-z])(?![\w])(?![.,/]\d)")
# "nhiệm vụ 2", "nhóm 4" — but not "2 lớp", "2 năm" (a count), though "nhiệm vụ 2 năm 2023" is task 2
_GROUP_GLOSS_RE = re.compile(r"(\b[Nn]h[oó]m\s+\d{1,2})\s*\([^()]{1,80}\)")
"""A group named by number with its title in brackets, "Nhóm 5 (tập huấn, tuyên truyền)": the number names it; the
gloss's words would name tasks of their own."""
_BARE_NUM_RE = re.compile(
    r"\b(?:nhiem vu|muc|nhom|nv|dong)\s+(?:so\s+)?(\d{1,2})(?![\d.,/])"
    r"(?!\s*(?:lop|san pham|thang|quy|trieu|%|so)\b)(?!\s*nam\b(?!\s*20\d\d))"
)


@dataclass
class Query:
    raw: str
    shaped: str
    folded: str
    expanded: str
    accents: bool
    lead_raw: str = ""  # what the person said before the question (a preamble), if anything
    lead_subject: str = ""  # the preamble's words, when they name what the question is about
    needs: list[str] = field(default_factory=list)  # the plans' words for the needs the question states
    # a need said in words some plan uses ("hội chợ"), kept as typed in the content: the content with the plans'
    # words for it instead ("xúc tiến thương mại"), for a plan that says it its own way
    content_in_plan_words: str = ""
    cues: set[str] = field(default_factory=set)
    provinces: set[str] = field(default_factory=set)
    unplanned: tuple[str, ...] = ()  # provinces named beside a planned one that have no plan
    years: list[int] = field(default_factory=list)
    plan_numbers: list[str] = field(default_factory=list)
    task_numbers: list[str] = field(default_factory=list)
    excluded_numbers: list[str] = field(default_factory=list)  # "không tính 5.3": left out, not asked about
    group_numbers: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    aside: list[str] = field(default_factory=list)  # "ngoài Sở KH&CN, những sở nào …": named to be left out
    aside_at: list[int] = field(default_factory=list)  # where each agency set aside stands in the folded text
    others: bool = False  # "ngoài Sở KH&CN, các cơ quan khác …": every agency but the one set aside is asked about
    quarters: list[int] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    content: str = ""
    full_content: str = ""  # only entities cut: cue words kept (for duty look-ups)
    content_tokens: list[str] = field(default_factory=list)
    co_leads: bool | None = None  # "tính cả đồng chủ trì" True, "không tính đồng chủ trì" False, else unsaid
    scope_spans: list[tuple[int, int]] = field(default_factory=list)  # where the co-lead phrase stands
    # the question before it, asked of the plan a later piece names ("…, và trong KH Thái Bình?"): its words
    # say nothing of that plan's year ("hằng năm trước ngày nào" is no "năm trước")
    borrowed: bool = False
    # a producer who only said who they are ("nhà em làm nước mắm ở Ninh Hải"): what support there is, is asked
    wants_support: bool = False

    def has(self, *cues: str) -> bool:
        return any(c in self.cues for c in cues)

    def changes_only_the_plan(self, things: Collection[str] = ()) -> bool:
        """ "còn năm 2023 …", "sang KH 2023 …": a year or province named, and no other selection or topic
        (``things``, the words tasks count by, "những lớp nào", select nothing new)."""
        topic = [t for t in self.content_tokens if t not in things]
        return bool(self.years or self.provinces) and not (self.quarters or self.sources or topic or self.group_numbers)

    def in_one_clause(self, phrase: str) -> bool:
        """Whether a phrase matched on the folded text (which has lost its punctuation) stands inside one
        clause of the message: "kinh phí bao nhiêu, bên nào…" has no "bao nhiêu bên"."""
        return any(phrase in c for c in self.clauses)

    def in_one_sentence(self, phrase: str) -> bool:
        """Whether a phrase stands inside one sentence: commas and brackets may lie within ("số đầu việc (a, b,
        c…) giao cho 3 sở KHCN, NN&PTNT, VHTTDL … được bao nhiêu"), a question mark may not."""
        return any(phrase in s for s in self.sentences)

    @cached_property
    def sentences(self) -> list[str]:
        """The message's sentences, folded and expanded as cues see them."""
        parts = re.split(r"[?!;]", self.raw)
        return [f"{fold(spell_out(s))} | {expand(fold(spell_out(s)))}" for s in parts]

    @cached_property
    def clauses(self) -> list[str]:
        """The message's clauses, folded and expanded as cues see them."""
        parts = re.split(r"[,;:?!.()]\s|[,;:?!()]", self.raw)
        return [f"{fold(spell_out(c))} | {expand(fold(spell_out(c)))}" for c in parts]


def quarters_in(folded: str) -> list[int]:
    """The quarters a text names ("quý II", "q3", "6 tháng đầu năm")."""
    return _quarters(folded)


def _quarters(folded: str) -> list[int]:
    """The quarters named: "quý II", "q3", a run "quý III-IV" / "quý I, II" / "quý 1 đến 3" (every quarter it
    spans), the halves of the year; not one said to be not meant ("quý III-IV chứ không phải quý I")."""
    found: list[int] = []
    for m in _QUARTER_RE.finditer(folded):
        if _NOT_MEANT_RE.search(folded[max(0, m.start() - 16) : m.start()]):
            continue
        q = _QUARTER_WORDS[m.group(1) or m.group(2)]
        if q not in found:
            found.append(q)
        run = _QUARTER_RUN_RE.match(folded, m.end())
        # (a digit after "và" or a bare space is a count, "quý I và 2 nhiệm vụ", not a quarter)
        spans_digits = run is not None and run.group(2).isdigit() and run.group(1).strip() not in ("-", "den", "toi")
        if m.group(1) and run and not spans_digits:
            last = _QUARTER_WORDS[run.group(2)]
            between = range(q + 1, last + 1) if run.group(1).strip() in ("", "-", "den", "toi") else (last,)
            found += [n for n in between if n not in found]
    half = _HALF_RE.search(folded)
    if half:
        found += [1, 2] if half.group(1) == half.group(2) == "dau" or "dau" in half.group(0) else [3, 4]
    return sorted(set(found))


def source_keys(index: Index, expanded: str) -> set[str]:
    """Funding sources named in the question, by the distinctive words of their labels.

    Matched on the expanded text ("NSTU" is "ngân sách trung ương"); the lexicon cue ``source_name``
    finds the mention to remove from the content.
    """
    by_word, always = _source_patterns(index)
    words = set(_WORD_RE.findall(expanded))
    tried = [*always, *(x for w in words & by_word.keys() for x in by_word[w])]
    return {key for keys, pattern in tried if pattern.search(expanded) for key in keys}


_WORD_RE = re.compile(r"\w+")
_SourcePatterns = tuple[frozenset[str], re.Pattern[str]]


_GENERIC_SOURCE_WORDS = frozenset("ngan sach kinh phi de xuat ho tro nam tinh cua nguon tu du kien von".split())
"""Words of a source's label that name no source in particular."""
_GENERIC_GAP = r" (?:(?:" + "|".join(sorted(_GENERIC_SOURCE_WORDS | {"cac", "nhung"})) + r") )*"


@lru_cache(maxsize=8)
def _source_patterns(index: Index) -> tuple[dict[str, list[_SourcePatterns]], list[_SourcePatterns]]:
    """Each source label's patterns, compiled once per index (they depend only on the plans); plans
    that word a source alike share one pattern, so a question tries each wording once.

    Every pattern needs its label's first distinctive word as a whole word, so they are filed by that word and a
    question tries only those of the words it has: with a province's name in each pattern, 300 plans made a
    thousand patterns, all tried on every question (1.3 ms of it)."""
    out: dict[str, set[str]] = {}
    first_word: dict[str, str] = {}
    for plan in index.plans.values():
        # a source's first two distinctive words, after a money word, name it when no other source of the plan
        # begins with them ("nguồn lồng ghép" for "Lồng ghép từ các chương trình, đề án khác (…)")
        firsts: dict[str, set[str]] = {}
        for source in plan.budget.sources:
            for label in filter(None, [source.label, source.long_label]):
                words = [w for w in expand(fold(label)).split() if w not in _GENERIC_SOURCE_WORDS and not w.isdigit()]
                if len(words) >= 3:
                    firsts.setdefault(" ".join(words[:2]), set()).add(source.key)
        for source in plan.budget.sources:
            for label in filter(None, [source.label, source.long_label]):
                words = [w for w in expand(fold(label)).split() if w not in _GENERIC_SOURCE_WORDS and not w.isdigit()]
                two = " ".join(words[:2])
                if len(words) >= 3 and firsts.get(two) == {source.key}:
                    pair = _GENERIC_GAP.join(map(re.escape, words[:2]))
                    lead2 = r"(?:ngan sach|nguon|kinh phi|von) "
                    out.setdefault(rf"(?<!\w){lead2}{pair}(?!\w)", set()).add(source.key)
                    first_word[rf"(?<!\w){lead2}{pair}(?!\w)"] = words[0]
                phrase = " ".join(words[:3])
                if not phrase:
                    continue
                # the label's generic words may stand between them, as in the label ("Lồng ghép từ các chương
                # trình": "nguồn lồng ghép từ các chương trình" names it)
                spaced = _GENERIC_GAP.join(map(re.escape, words[:3]))
                # a source is named after a money word ("kinh phí Trung ương", "NSTU" = "ngân sách trung ương"):
                # "nhiệm vụ cấp trung ương" names no source; one word ("khác") must follow it at once
                gap = r"(?: \w+)?" if len(words) == 1 else r"(?: \w+){0,3}"
                # ("phần đề nghị Trung ương hỗ trợ", "khoản trung ương": a part of the money, by its source)
                part = r"(?:phan|khoan)(?! (?:nhiem vu|viec|cong viec|noi dung|hoat dong|nv)\b)"
                lead = rf"(?:ngan sach|nguon|kinh phi|von|tien|cot|{part}){gap} "
                named = rf"(?<!\w){lead}{spaced}(?!\w)"
                # "trong đó TW bao nhiêu", "trung ương dự kiến hỗ trợ bao nhiêu"
                verbs = r"(?: (?:du kien|ho tro|cap|dong gop|bo tri|phan bo|chi))*"
                # the label's other words may follow ("sự nghiệp khoa học công nghệ bao nhiêu"), no others
                # ("cơ quan trung ương nào, kp bao nhiêu" names no source)
                # (and the label's generic words and the province's name: "sự nghiệp KH&CN tỉnh Bến Tre bố trí bao
                # nhiêu" is the province's science budget)
                said = {*words[3:], "va", "khcn", "kh", "cn", *_GENERIC_SOURCE_WORDS, *fold(plan.province).split()}
                rest = "|".join(re.escape(w) for w in sorted(said))
                asked = rf"(?<!\w){spaced}(?: (?:{rest})){{0,6}}{verbs}(?: la)? bao nhieu\b"
                # "trong đó TW chiếm bao nhiêu phần trăm": a part of the total just given (not "nhiệm vụ cấp trung ương
                # chiếm bao nhiêu %", a task's name)
                part_of = rf"(?<=trong do ){spaced} chiem\b"
                pattern = f"{named}|{part_of}" if len(words) == 1 else f"{named}|{asked}|{part_of}"
                out.setdefault(pattern, set()).add(source.key)
                first_word[pattern] = words[0]
    by_word: dict[str, list[_SourcePatterns]] = {}
    always: list[_SourcePatterns] = []
    for pattern, keys in out.items():
        word = first_word[pattern]
        # (a word that is not one \w+ run, "(lồng", cannot be looked up by the question's words: always tried)
        filed = by_word.setdefault(word, []) if _WORD_RE.fullmatch(word) else always
        filed.append((frozenset(keys), re.compile(pattern)))
    return by_word, always


def folded_question(question: str) -> str:
    """The folded text :func:`understand` reads a question as, without the rest of its work."""
    return fold(spell_out(nfc(question)))


def understand(index: Index, question: str, lexicon: Lexicon | None = None) -> Query:
    """Parse a question into cues and entities, and the needs it states (the bundled lexicon by default)."""
    lexicon = lexicon or default_lexicon()
    text = index.unswapped(_GROUP_GLOSS_RE.sub(r"\1", spell_out(nfc(question))))
    folded = fold(text)
    expanded = expand(folded)
    q = Query(raw=text, shaped=shape(text), folded=folded, expanded=expanded, accents=has_diacritics(text))
    # "tính cả / không tính đồng chủ trì" scopes a count; its "chủ trì" asks nothing
    for name, co_leads in (("without_co_leads", False), ("with_co_leads", True)):
        spans = [m.span() for m in lexicon.find(name, folded)]
        if spans and q.co_leads is None:
            q.co_leads = co_leads
        q.scope_spans += spans
    q.cues = lexicon.asked(blank(folded, q.scope_spans), blank(q.shaped, q.scope_spans), q.accents)
    if lexicon.has("refer", folded):
        q.cues.add("refer")  # "cái thứ hai", "lớp đó", "mấy dòng đó": the conversation's words for pointing back
    q.provinces = index.find_provinces(text)
    # (a full date's year, "từ 1/7/2025 thuộc tỉnh Hưng Yên", "ngày 21/12/2021", names no plan nor target year)
    q.years = sorted({int(y) for y in _YEAR_RE.findall(_FULL_DATE_RE.sub(" ", folded))})
    # "kế hoạch 160", "KH số 160", "160/KH-UBND": a bare 160 may be an amount ("160 triệu")
    q.plan_numbers = [n for n in index.find_plan_numbers(folded) if n not in map(str, q.years)]
    lowered = text.lower()
    for m in _TASK_NUM_RE.finditer(lowered):
        # this clause only, and close: "không tính 5.3 thì nhiệm vụ 5.5 …" leaves out 5.3, not 5.5
        before = lowered[max(0, m.start() - 80) : m.start()]
        clause = re.split(r"[.?!;](?!\d)|\bthì\b|\bthi\b|\bra\s*,", before)[-1]  # "trừ 3.2 ra, 3.6 …"
        left_out = lexicon.has("excluding", " ".join(fold(clause).split()[-14:]))
        (q.excluded_numbers if left_out else q.task_numbers).append(m.group(1))
    q.task_numbers = list(dict.fromkeys(q.task_numbers))
    # "nhóm thứ tư" is group 4 as much as "nhóm 4" is
    words = "|".join(sorted(map(re.escape, lexicon.ordinals), key=len, reverse=True))
    said = rf"\bnhom (?:nhiem vu )?(?:giai phap )?thu ({words})\b"  # "nhóm nhiệm vụ, giải pháp thứ 6"
    nth = [str(lexicon.ordinals[w]) for w in re.findall(said, folded)]
    # "nhóm hai", "nhóm ba": a number said as a word (not "nhóm năm 2023"; "nhóm sáu" folds to "nhóm sau")
    cardinal = r"\bnhom (?:nhiem vu )?(hai|ba|bon|bay|tam|chin|nam)\b(?! (?:20\d\d|nay|nao|sau|truoc|do|tiep)\b)"
    nth += [str(lexicon.ordinals[w]) for w in re.findall(cardinal, folded)]
    # (a group taken in by "tính cả nhiệm vụ của nhóm 4" widens a selection; it is not the group asked about)
    including = "|".join(map(re.escape, lexicon.phrases("including")))
    taken_in = [m.span() for m in re.finditer(rf"\b(?:{including})\b[^(),;?!]*", aligned(text))]
    grouped = fold(blank(text, taken_in)) if taken_in else folded
    q.group_numbers = list(dict.fromkeys([*_BARE_NUM_RE.findall(grouped), *nth]))
    q.agencies = index.find_agencies(text) or index.quoted_generic_agencies(text)
    q.agencies = _not_only_included(index, lexicon, text, q.agencies)
    q.agencies = _not_the_assigner(index, lexicon, folded, q.agencies)
    q.agencies = _not_the_medium(index, folded, q.agencies)
    q.aside, q.aside_at = _set_aside(index, lexicon, folded)
    q.quarters = _quarters(folded)
    # ("cộng mọi nguồn (kể cả phần đề xuất NSTU)": a source taken in with the rest is no column chosen)
    q.sources = source_keys(index, expand(grouped) if taken_in else expanded)
    if q.sources:
        q.cues.add("budget")  # "trong đó TW bao nhiêu": a funding source named is a question about money
    # a need said in words the plans do not use ("giới thiệu sản phẩm") is looked for in the plans' words;
    # said in the plans' own words ("hàng giả", "quảng bá") it is matched as it stands
    said_needs = lexicon.needs_in(folded)
    needs = [(need, spans) for need, spans in said_needs if not all(index.known_phrase(folded[s:e]) for s, e in spans)]
    known_needs = [(need, spans) for need, spans in said_needs if (need, spans) not in needs]
    cut = [span for _, spans in needs for span in spans]
    # "nhà em", "HTX mình", "xưởng của tôi": who is asking, not what; "các dòng … cộng lại": no task either
    cut += [m.span() for m in lexicon.find("persona", folded)]
    cut += [m.span() for m in lexicon.find("own_agency", folded)]  # "hội e", "đơn vị mình": the asker's agency
    cut += [m.span() for m in lexicon.find("scaffolding", folded)]
    q.content = _content(index, q, lexicon, extra=cut)
    q.full_content = _content(index, q, lexicon, keep_cues=True, extra=cut)
    if needs:
        # the plan's own words for what the person needs: "giới thiệu sản phẩm" is "xúc tiến thương mại"
        q.needs = [w for need, _ in needs for w in need.plan_words]
        # (folded in a message typed without marks: words with marks would make the message read as typed with
        # them, and its unmarked "muon" a word of the plans rather than "muốn")
        said = f" {SEPARATOR} ".join(q.needs if q.accents else map(fold, q.needs))
        q.content = f"{q.content} {SEPARATOR} {said}".strip()
        q.full_content = f"{q.full_content} {SEPARATOR} {said}".strip()
    if known_needs:
        words = f" {SEPARATOR} ".join(
            w if q.accents else fold(w) for need, _ in [*needs, *known_needs] for w in need.plan_words
        )
        spans = [span for _, spans in known_needs for span in spans]
        q.content_in_plan_words = f"{_content(index, q, lexicon, extra=[*cut, *spans])} {SEPARATOR} {words}".strip()
    q.content_tokens = index.content_tokens(q.content)
    return q


def _content(
    index: Index,
    q: Query,
    lexicon: Lexicon,
    *,
    keep_cues: bool = False,
    extra: list[tuple[int, int]] | None = None,
) -> str:
    """The question minus what was recognised: what is left names a task or a topic.

    Spans are found in the folded text and cut from the shaped (accented) text, which
    is aligned with it character for character, so the content keeps the user's accents.
    With ``keep_cues`` only entities are cut: "bố trí kinh phí" is then content, as a
    duty that says so must be found by it.
    """
    f = q.folded
    spans: list[tuple[int, int]] = [*(extra or []), *q.scope_spans]
    if keep_cues:
        return _cut(q, f, [*spans, *_entity_spans(index, q, f)])
    # a count question names what is counted ("mấy sáng chế"): cut only the question word
    spans += [m.span() for m in lexicon.find("count_word", f)]
    # "năm ngoái", "còn … thì sao": they move the conversation, they name no task
    spans += [
        m.span()
        for name in ("year_before", "year_after", "nothing_new", "ordinal", "merger_talk", "correction")
        for m in lexicon.find(name, f)
    ]
    for name in (
        "lead",
        "coop",
        "time",
        "budget",
        "objective",
        "reporting",
        "document",
        "document_weak",
        "in_force",
        "recipients",
        "list",
        "topic",
        "whole_year",
        "in_words",
        "training",
        "amount",
        "statistics",
        "refer",
        "responsibility",
        "table",
        "general_objective",
        "qword",
        "compare",
        "largest",
        "by_group",
        "group_of",
    ):
        if name in q.cues:
            spans += [m.span() for m in lexicon.question_pattern(name).finditer(f)]
    spans += [m.span() for m in lexicon.find("target_asked", f)]  # "chỉ tiêu là bao nhiêu": asks, names nothing
    spans += [m.span() for m in lexicon.find("amount_change", f)]  # "giảm bao nhiêu": asks, names nothing
    spans += _entity_spans(index, q, f)
    if q.sources:
        spans += [m.span() for m in lexicon.find("source_name", f)]
    if q.agencies:
        # with an agency named, role words describe the agency, not a task
        spans += [m.span() for m in lexicon.find("role_word", f)]
    return _cut(q, f, spans)


def _not_only_included(index: Index, lexicon: Lexicon, text: str, agencies: list[str]) -> list[str]:
    """Agencies named only in a bracket that includes them ("các dòng về tập huấn (kể cả lớp do huyện và Sở GDĐT
    chủ trì)") widen the selection, they do not choose it: left out of the agencies asked about."""
    if not agencies or "(" not in text:
        return agencies
    including = "|".join(map(re.escape, lexicon.phrases("including")))
    brackets = [
        m for m in re.finditer(r"\(([^()]{3,120})\)", text) if re.match(rf"\s*(?:{including})\b", fold(m.group(1)))
    ]
    if not brackets:
        return agencies
    inside = {a for m in brackets for a in index.find_agencies(m.group(1))}
    outside = text
    for m in brackets:
        outside = outside.replace(m.group(0), " ")
    named_outside = set(index.find_agencies(outside))
    return [a for a in agencies if a not in inside or a in named_outside]


def _not_the_assigner(index: Index, lexicon: Lexicon, folded: str, agencies: list[str]) -> list[str]:
    """ "UBND tỉnh TB giao sở nào lo quản lý nhà nước về quyền tác giả": the agency named before "giao sở nào"
    assigns; the question asks which agency it assigned, so the assigner is no agency asked about (unless named
    again after it)."""
    asks = next(lexicon.find("assigns_whom", folded), None)
    if not agencies or asks is None:
        return agencies
    before, after = folded[: asks.start()], folded[asks.end() :]
    assigners = {a for start, end in index.agency_spans(before) for a in index.find_agencies(before[start:end])}
    named_after = set(index.find_agencies(after))
    return [a for a in agencies if a not in assigners or a in named_after]


def _not_the_medium(index: Index, folded: str, agencies: list[str]) -> list[str]:
    """ "nv tuyên truyền trên Đài PT-TH năm 2023 ai chủ trì": the broadcaster named right after "trên" is where the
    task is carried out, a word of the task, not the agency asked about (unless named again on its own)."""
    after = [m.group(1).split() for m in re.finditer(r"\btren ((?:\S+ ?){1,5})", folded)]
    if not agencies or not after:
        return agencies
    # (the name must begin right after "trên": "trên địa bàn, Sở NN&PTNT chủ trì" names the Sở as the actor)
    medium = {
        a
        for words in after
        for a in index.find_agencies(" ".join(words[:4]))[:1]
        if a not in index.find_agencies(" ".join(words[1:5]))
    }
    elsewhere = set(index.find_agencies(re.sub(r"\btren (?:\S+ ?){1,4}", " ", folded)))
    return [a for a in agencies if a not in medium or a in elsewhere]


def _set_aside(index: Index, lexicon: Lexicon, folded: str) -> tuple[list[str], list[int]]:
    """Agencies named right after "ngoài", "trừ", "không kể" ("ngoài Sở KH&CN, những sở nào phải …"): the
    question is about the others. Each with where it stands."""
    aside: list[str] = []
    at: list[int] = []
    for m in lexicon.find("set_aside", folded):
        start = m.end() + 1  # the word after it
        rest = folded[start : start + 80]
        spans = index.agency_spans(rest)
        if spans and spans[0][0] == 0:
            found = index.find_agencies(rest[: spans[0][1]])[:1]
            aside += found
            at += [start] if found else []
    return aside, at


def _entity_spans(index: Index, q: Query, f: str) -> list[tuple[int, int]]:
    """Where quarters, years, task numbers, provinces, plan numbers and agencies stand."""
    spans: list[tuple[int, int]] = []
    for rx in (_YEAR_RE, _HALF_RE, _TASK_NUM_FOLDED_RE):
        spans += [m.span() for m in rx.finditer(f)]
    for m in _QUARTER_RE.finditer(f):  # a run ("quý III-IV", folded "quy iii iv") to its last quarter
        run = _QUARTER_RUN_RE.match(f, m.end()) if m.group(1) else None
        spans.append((m.start(), run.end() if run else m.end()))
    spans += [m.span(0) for m in _BARE_NUM_RE.finditer(f)]
    spans += index.province_spans(f, q.provinces)
    spans += index.plan_number_spans(f, q.plan_numbers)  # "160", "KH 160", "160/KH-UBND"
    spans += index.plan_title_spans(f)  # "Kế hoạch phát triển tài sản trí tuệ": the plan, by its title
    spans += index.agency_spans(f)
    return spans


def _cut(q: Query, f: str, spans: list[tuple[int, int]]) -> str:
    shaped = q.shaped if len(q.shaped) == len(f) else f
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            start = last
        if start >= end:
            continue
        out += [shaped[last:start], f" {SEPARATOR} "]
        last = end
    out.append(shaped[last:])
    return " ".join("".join(out).split())
