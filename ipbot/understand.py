"""Read a Vietnamese question: what it asks (cues) and what it names (entities).

Everything here works on folded text (no diacritics, abbreviations expanded), so
"ai chu tri", "Ai chủ trì" and "AI CHỦ TRÌ" read the same. Cues are small regular
expressions over that text; entities are plans (province, year, number), task numbers,
agencies, quarters and funding sources. What is left after removing them is the
*content* used to find a task or passage by meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ipbot.matching import SEPARATOR, Index
from ipbot.text import expand, fold, has_diacritics, nfc, shape

__all__ = ["CUES", "Query", "understand"]

# Each cue is a regular expression over folded, *unexpanded* text.
CUES: dict[str, str] = {
    "greeting": r"^(xin )?chao\b|^(hi|hello|helo|alo|hey)\b|^chao (ban|bot|buoi)|^good (morning|afternoon)",
    "thanks": r"\bcam on\b|\bthank|\btks\b|\bthanks\b|\bcamon\b",
    "help": r"(ban|bot|em)( nay| oi)? (lam|giup|tra loi|ho tro) (duoc )?(nhung )?(gi|viec gi|cau gi)|\bhuong dan\b|\btro giup\b"
            r"|^/?help$|co the hoi (gi|nhung gi)|(ban|bot) biet (gi|nhung gi)|hoi (duoc )?(nhung )?(gi|cau gi)",
    "plans": r"(co )?(nhung|bao nhieu|cac|may) ke hoach( nao| gi)?( dang)?( co)?\s*$|danh sach (cac )?ke hoach"
             r"|co ke hoach (nao|gi)|ke hoach (cua )?(nhung )?tinh nao|nhung tinh nao",
    "lead": r"chu tri|phu trach chinh|dung ra|dau moi thuc hien|ai (lam|thuc hien|phu trach|dam nhiem|dam nhan)"
            r"|(so|co quan|don vi) nao (lam|thuc hien|phu trach|dam nhiem|dam nhan)|(do|giao cho) (ai|so nao|co quan nao|don vi nao)"
            r"|ai (duoc )?giao|\bphu trach\b|\bcam dau\b|don vi thuc hien|co quan thuc hien",
    "coop": r"phoi hop (voi )?(ai|nhung ai|don vi nao|co quan nao|so nao|nhung so|nhung don vi|nhung co quan)"
            r"|(ai|nhung ai|don vi nao|co quan nao|so nao|nhung so nao|nhung don vi nao|nhung co quan nao|nhung don vi"
            r"|nhung co quan|nhung so|cac don vi|cac co quan|cac so)( khac)?( cung)?( tham gia)?( phoi hop| ho tro)"
            r"|co quan phoi hop|don vi phoi hop|phoi hop thuc hien|phoi hop trien khai|phoi hop\s*\??\s*$"
            r"|cung tham gia|tham gia phoi hop|\bco .* phoi hop\b",
    "time": r"quy (may|nao|bao nhieu)|khi nao|luc nao|bao gio|thoi gian|thoi han (la|bao lau|nao|khi nao|den)|bao lau"
            r"|may thang|bao nhieu thang|bat dau|ket thuc"
            r"|keo dai|tien do|vao quy|lam vao|dien ra (khi|vao|luc)|thang may|trien khai (vao|trong|khi)|thuc hien (vao|trong) (quy|thang|nam)",
    "budget": r"kinh phi|\bns\b|(tu )?nguon (nao|gi)|(nhung|cac|may|moi|tung|theo) nguon|nguon kinh phi|du tru|co cau|chia (theo )?|(bao nhieu|het|mat|may|so|tong|du) tien|tien (cho|danh cho|de)|ngan sach|du toan|phan bo"
              r"|chi phi|nguon von|\bvon\b|(duoc )?cap (bao nhieu|tien|kinh phi|von)|\bchi (cho|bao nhieu|het|mat)"
              r"|bao nhieu trieu|\bty dong|\bnstu\b|\btrieu dong\b|dau tu bao nhieu|\bton\b|\bdanh (bao nhieu|cho)",
    "objective": r"muc tieu|muc dich|nham (muc dich |muc tieu )?(gi|de|lam gi)|de lam gi|de lam chi|y nghia|nham (toi|den) dau",
    "content": r"noi dung|gom (nhung )?(gi|viec gi)|lam (nhung )?gi|chi tiet|thong tin (ve|chi tiet)|cu the (la )?(gi|nhu the nao)"
               r"|la (gi|nhu the nao)|the nao|ra sao|hinh thuc (nao|gi)|bang cach nao",
    "training": r"noi dung tap huan|tap huan (ve )?(noi dung )?(gi|nhung gi)|chu de (tap huan|lop)",
    "quantity": r"may (lop|san pham|so|nhiem vu|sang che|chi dan|nhan hieu|doanh nghiep|don vi|giong|bai|lan|khoa)"
                r"|bao nhieu (lop|san pham|so |sang che|doanh nghiep|don vi|giong|nhan hieu|chi dan|lan|khoa|nhiem vu)"
                r"|so luong|chi tieu (so|la)|toi thieu (bao nhieu|may)|\bla may\b|\bmay\?",
    "targets": r"chi tieu|muc tieu cu the|dat duoc|phan dau|\bmuc tieu den (nam )?20\d\d|den (nam )?20(25|30) (can|phai|dat)",
    "compare": r"so sanh|so voi|khac (gi|nhau|biet)|chenh lech|tang (hay|hoac) giam|thay doi|hon hay",
    "responsibility": r"trach nhiem|nhiem vu (cua|gi)|(duoc )?giao (gi|nhung gi|lam gi|nhung viec|viec gi|nhiem vu gi)"
                      r"|phai lam (gi|nhung gi)|lam (nhung )?(viec )?gi|vai tro|to chuc thuc hien|phan cong|con phai"
                      r"|can lam gi|(nhung )?viec gi|phoi hop lam gi|dam nhan (gi|nhung gi)",
    "reporting": r"bao cao|gui ve|nop (ve|cho)|han (gui|nop|chot|cuoi)|kho khan|vuong mac|phan anh|tong hop (ve|tinh hinh)",
    "document": r"so hieu|ky hieu|ngay ban hanh|ban hanh|ra doi|nguoi ky|ai ky|ky (ban hanh|boi|ten|ngay)|chuc danh"
                r"|chuc vu|quyet dinh (nao|so|gi)|can cu|(trien khai|thuc hien) (quyet dinh|qd)|phe duyet|van ban nao"
                r"|dinh huong (den|toi)|giai doan nao|ten (day du|cua ke hoach|ke hoach)|tieu de|co quan ban hanh"
                r"|(ke hoach|kh) so (may|bao nhieu)|\bqd\b|quyet dinh|mang so",
    "document_weak": r"ngay nao|thang may|nam nao|khi nao|bao gio|luc nao",
    "recipients": r"noi nhan|(gui|gui cho|gui den|gui toi|gui len) (nhung )?(ai|co quan nao|truong nao|don vi nao|noi nao|dau)"
                  r"|co gui (cho|den|toi)|duoc gui (cho|den|toi)|gui (cho|den) truong",
    "list": r"(nhiem vu|viec|lop( tap huan)?|hoat dong|cong viec|du an|noi dung|san pham) nao|nhung (nhiem vu|viec|lop|hoat dong|cong viec|gi)"
            r"|cac (nhiem vu|viec|lop|hoat dong)|liet ke|danh sach|co gi|bao nhieu nhiem vu|may nhiem vu|nhung ai",
    "topic": r"lien quan (den|toi)|ve (chu de|linh vuc)|nhac (den|toi)|nhac|de cap|noi (ve|den|toi)|ho tro (gi|nhung gi) cho"
             r"|(o|nam) dau trong|co (nhiem vu|noi dung|viec) (ve|nao ve)",
    "largest": r"lon nhat|nhieu nhat|cao nhat|it nhat|nho nhat|thap nhat|lon nhi",
    "by_group": r"theo nhom|tung nhom|moi nhom|nhom nhiem vu nao|cac nhom",
    "refer": r"tuong tu|viec (do|nay|tren)|nhiem vu (do|nay|tren)|cai (do|nay)|don vi (do|nay)|co quan (do|nay)"
             r"|so (do|nay)|\bno\b|cho viec do",
    "qword": r"bao nhieu|nhu the nao|the nao|ra sao|la gi|la ai|o dau|bao gio",
    "whole_year": r"ca nam|quanh nam|khong (gan|theo|thuoc|co) (voi )?quy|khong (ghi|xac dinh) quy|trong nam\b",
    "table": r"bang (du toan|tong hop|kinh phi)|dong (cong|tong cong)|\bcot\b|tong cong|\bdong cong\b",
    "general_objective": r"muc tieu chung|muc dich chung|muc dich,? yeu cau|yeu cau (cua|chung)",
    "in_words": r"bang chu|ghi bang chu|viet bang chu|doc (la|the nao)",
    "amount": r"\d{1,3}(\.\d{3})+(\.\d+)?\s*(dong|trieu|ty|ti)?|\d+(\.\d+)?\s*(trieu|ty|ti) dong",
    "statistics": r"(hien )?co bao nhieu|thuc te|da dat|da co|da duoc|ket qua (thuc hien|dat)|thong ke|so lieu|hien nay"
                  r"|hien tai|bay gio|\broi\s*\??$",
    "out_of_domain": r"\bsdt\b|van bang|le phi|(?<!kinh )\bphi (nop don|dang ky|tham dinh|cap bang|cap van bang)|muc phi|bao nhieu phi|gia vang|thoi tiet|ty gia|xo so|bong da|chung khoan|gia xang|lai suat|so dien thoai|dia chi|email"
                     r"|website|trang web|ai la (giam doc|pho giam doc|chu tich|pho chu tich|truong|lanh dao|bi thu)"
                     r"|(giam doc|chu tich|truong phong|lanh dao) .*(la ai|ten (gi|la))|muc phat|xu phat bao nhieu",
}
_CUE_RE = {name: re.compile(pattern) for name, pattern in CUES.items()}
# Topics the plans never cover whose folded form collides with plan words ("lương" / "lượng").
_OUT_OF_DOMAIN_ACCENTED = re.compile(r"\blương\b|tiền lương|số điện thoại|\bsđt\b")

_QUARTER_WORDS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4,
                  "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4}
_QUARTER_RE = re.compile(r"\bquy\s*(iv|iii|ii|i|[1-4]|mot|hai|ba|bon|tu)(?![a-z0-9])|\bq([1-4])\b")
_HALF_RE = re.compile(r"6 thang (dau|cuoi) nam|nua (dau|cuoi) nam")
_YEAR_RE = re.compile(r"(?<![\d.,])(20\d\d)(?![\d.,]\d)")
_TASK_NUM_RE = re.compile(r"(?<![\w.,/])((?:[ivx]+\.)?\d{1,2}\.(?:\d{1,2}|[a-zđ]))(?![\w])(?![.,/]\d)")
# How users name funding sources, in folded (unexpanded) text.
_SOURCE_SPAN_RE = re.compile(
    r"(?:(?:ngan sach|nguon|kinh phi|von|ns)\s+)?(?:su nghiep\s+(?:khoa hoc(?:\s+(?:va\s+)?cong nghe)?|khcn|kh\s+cn)"
    r"|(?:de xuat\s+)?(?:ngan sach\s+)?trung uong|nstu|tw|khac(?:\s+cua\s+(?:tinh|nganh|dia phuong))?)"
)
_COUNT_WORD_RE = re.compile(r"\b(?:may|bao nhieu|so luong|toi thieu)\b")
_ROLE_RE = re.compile(r"(?:dong\s+)?chu tri|phoi hop|tham gia|phu trach(?: chinh)?|dung ra|dau moi")
_TASK_NUM_FOLDED_RE = re.compile(r"(?<![\w.,/])(?:[ivx]+\.)?\d{1,2}\.(?:\d{1,2}|[a-z])(?![\w])(?![.,/]\d)")
_BARE_NUM_RE = re.compile(
    r"\b(?:nhiem vu|muc|nhom|nv|dong)\s+(?:so\s+)?(\d{1,2})(?![\d.,/])(?!\s*(?:lop|san pham|nam|thang|quy|trieu|%|so))"
)


@dataclass
class Query:
    raw: str
    shaped: str
    folded: str
    expanded: str
    accents: bool
    cues: set[str] = field(default_factory=set)
    provinces: set[str] = field(default_factory=set)
    years: list[int] = field(default_factory=list)
    plan_numbers: list[str] = field(default_factory=list)
    task_numbers: list[str] = field(default_factory=list)
    group_numbers: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    quarters: list[int] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    content: str = ""
    content_tokens: list[str] = field(default_factory=list)

    def has(self, *cues: str) -> bool:
        return any(c in self.cues for c in cues)


def _quarters(folded: str) -> list[int]:
    found: list[int] = []
    for m in _QUARTER_RE.finditer(folded):
        q = _QUARTER_WORDS[m.group(1) or m.group(2)]
        if q not in found:
            found.append(q)
    half = _HALF_RE.search(folded)
    if half:
        found += [1, 2] if half.group(1) == half.group(2) == "dau" or "dau" in half.group(0) else [3, 4]
    return sorted(set(found))


def _source_keys(index: Index, expanded: str) -> set[str]:
    """Funding sources named in the question, by the distinctive words of their labels.

    Matched on the expanded text ("NSTU" is "ngân sách trung ương"); see :data:`_SOURCE_SPAN_RE`
    for removing the mention from the content.
    """
    generic = {"ngan", "sach", "kinh", "phi", "de", "xuat", "ho", "tro", "nam", "tinh", "cua", "nguon", "tu", "du", "kien"}
    keys: set[str] = set()
    for plan in index.plans.values():
        for source in plan.budget.sources:
            for label in filter(None, [source.label, source.long_label]):
                words = [w for w in expand(fold(label)).split() if w not in generic and not w.isdigit()]
                phrase = " ".join(words[:3])
                if not phrase:
                    continue
                # one word ("khác") names a source only right after a money word ("ngân sách khác")
                lead = r"(?:ngan sach|nguon|kinh phi|von)(?: \w+)? " if len(words) == 1 else ""
                if re.search(rf"(?<!\w){lead}{re.escape(phrase)}(?!\w)", expanded):
                    keys.add(source.key)
    return keys


def understand(index: Index, question: str) -> Query:
    """Parse a question into cues and entities."""
    text = nfc(question)
    folded = fold(text)
    expanded = expand(folded)
    q = Query(raw=text, shaped=shape(text), folded=folded, expanded=expanded, accents=has_diacritics(text))
    q.cues = {name for name, rx in _CUE_RE.items() if rx.search(folded)}
    if _OUT_OF_DOMAIN_ACCENTED.search(q.shaped):
        q.cues.add("out_of_domain")
    q.provinces = index.find_provinces(text)
    q.years = sorted({int(y) for y in _YEAR_RE.findall(folded)})
    for plan in index.plans.values():
        if plan.number:
            n = plan.number.split("/")[0].strip()
            if re.search(rf"(?<![\d.,]){re.escape(n)}(?![\d.,]\d)", folded) and n not in map(str, q.years):
                q.plan_numbers.append(n)
    lowered = text.lower()
    q.task_numbers = list(dict.fromkeys(m.group(1) for m in _TASK_NUM_RE.finditer(lowered)))
    q.group_numbers = list(dict.fromkeys(_BARE_NUM_RE.findall(folded)))
    q.agencies = index.find_agencies(text)
    q.quarters = _quarters(folded)
    q.sources = _source_keys(index, expanded)
    q.content = _content(index, q)
    q.content_tokens = index.content_tokens(q.content)
    return q


def _content(index: Index, q: Query) -> str:
    """The question minus what was recognised: what is left names a task or a topic.

    Spans are found in the folded text and cut from the shaped (accented) text, which
    is aligned with it character for character, so the content keeps the user's accents.
    """
    f = q.folded
    spans: list[tuple[int, int]] = []
    # a count question names what is counted ("mấy sáng chế"): cut only the question word
    spans += [m.span() for m in _COUNT_WORD_RE.finditer(f)]
    for name in ("lead", "coop", "time", "budget", "objective", "reporting", "document", "document_weak",
                 "recipients", "list", "topic", "whole_year", "in_words", "training", "amount", "statistics", "refer",
                 "responsibility", "table", "general_objective", "qword",
                 "compare", "largest", "by_group"):
        if name in q.cues:
            spans += [m.span() for m in _CUE_RE[name].finditer(f)]
    for rx in (_QUARTER_RE, _YEAR_RE, _HALF_RE, _TASK_NUM_FOLDED_RE):
        spans += [m.span() for m in rx.finditer(f)]
    spans += [m.span(0) for m in _BARE_NUM_RE.finditer(f)]
    for plan in index.plans.values():
        if plan.province_id in q.provinces:
            spans += [m.span() for m in re.finditer(rf"(?<!\w)(tinh )?{re.escape(fold(plan.province))}(?!\w)", f)]
    for n in q.plan_numbers:
        spans += [m.span() for m in re.finditer(rf"(?<![\d.]){re.escape(n)}(?![\d.])", f)]
    spans += index.agency_spans(f)
    if q.sources:
        spans += [m.span() for m in _SOURCE_SPAN_RE.finditer(f)]
    if q.agencies:
        # with an agency named, role words describe the agency, not a task
        spans += [m.span() for m in _ROLE_RE.finditer(f)]
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
