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

from ipbot.reading.index import SEPARATOR, Index
from ipbot.reading.lexicon import Lexicon
from ipbot.text import expand, fold, has_diacritics, nfc, shape, spell_out

__all__ = ["CUES", "CUE_RE", "Query", "understand"]

# Each cue is a set of alternatives, one regular expression over folded, *unexpanded* text.
CUES: dict[str, tuple[str, ...]] = {
    "greeting": (
        r"^(xin )?chao\b",
        r"^(hi|hello|helo|alo|hey)\b",
        r"^chao (ban|bot|buoi)",
        r"^good (morning|afternoon)",
    ),
    "chart": (r"bieu do", r"do thi", r"\bchart\b", r"ve (bieu|do thi|hinh)"),
    "export": (
        r"xuat (ra )?(file|excel|bang|csv)",
        r"tai (ve )?(file|excel|bang tinh)",
        r"file excel",
        r"\bexcel\b",
        r"\bcsv\b",
        r"bang tinh",
    ),
    "goodbye": (r"tam biet", r"hen gap lai", r"\bbye\b", r"goodbye", r"chao tam biet"),
    "thanks": (
        r"\bcam on\b",
        r"thanks?",
        r"\btks\b",
        r"\bthanks\b",
        r"\bcamon\b",
    ),
    "help": (
        r"(ban|bot|em) la (ai|gi)",
        r"(ban|bot|em)( nay| oi)? (lam|giup|tra loi|ho tro) (duoc )?(nhung )?(gi|viec gi|cau gi)",
        r"huong dan (su dung|cach dung|dung bot)",
        r"cach (su dung|dung) (bot|ban)",
        r"\btro giup\b",
        r"^/?help$",
        r"co the hoi (gi|nhung gi)",
        r"(ban|bot) biet (gi|nhung gi)",
        r"hoi (duoc )?(nhung )?(gi|cau gi)",
    ),
    "plans": (
        r"(co )?(nhung|bao nhieu|cac|may) ke hoach( nao| gi)?( dang)?( co)?\s*$",
        r"danh sach (cac )?ke hoach",
        r"co ke hoach (nao|gi)",
        r"ke hoach (cua )?(nhung )?tinh nao",
        r"nhung tinh nao",
    ),
    "lead": (
        r"chu tri",
        r"phu trach chinh",
        r"dung ra",
        r"dau moi thuc hien",
        r"(?:lam|la) dau moi",
        r"ai (lam|thuc hien|phu trach|dam nhiem|dam nhan|to chuc|lo)\b",
        r"(so|co quan|don vi|ben) nao (lam|thuc hien|phu trach|dam nhiem|dam nhan|to chuc|lo)\b",
        r"(do|giao cho) (ai|so nao|co quan nao|don vi nao)",
        r"ai (duoc )?giao",
        r"\bphu trach\b",
        r"\bcam dau\b",
        r"don vi thuc hien",
        r"co quan thuc hien",
    ),
    "coop": (
        r"(nhung|cac) ben nao",
        r"ben nao (phoi hop|tham gia)",
        r"phoi hop (voi )?(ai|nhung ai|don vi nao|co quan nao|so nao|nhung so|nhung don vi|nhung co quan)",
        r"(ai|nhung ai|don vi nao|co quan nao|so nao|nhung so nao|nhung don vi nao|nhung co quan nao"
        r"|nhung don vi|nhung co quan|nhung so|cac don vi|cac co quan|cac so)"
        r"( khac)?( cung)?( tham gia)?( phoi hop| ho tro)",
        r"co quan phoi hop",
        r"don vi phoi hop",
        r"phoi hop thuc hien",
        r"phoi hop trien khai",
        r"phoi hop\s*\??\s*$",
        r"cung tham gia",
        r"(?:co )?(?:hoi|hiep hoi|doan|ben|don vi|to chuc) nao (?:tham gia|phoi hop|cung)(?: cung)?",
        r"tham gia phoi hop",
        r"\bco (?:\S+ ){0,6}phoi hop\b",  # bounded: a cue span is cut from the content
    ),
    "time": (
        r"quy (may|nao|bao nhieu)",
        r"khi nao",
        r"luc nao",
        r"bao gio",
        r"thoi gian",
        r"thoi han (la|bao lau|nao|khi nao|den)",
        r"bao lau",
        r"may thang",
        r"bao nhieu thang",
        r"bat dau",
        r"ket thuc",
        r"keo dai",
        r"tien do",
        r"vao quy",
        r"lam vao",
        r"dien ra (khi|vao|luc)",
        r"thang may",
        r"trien khai (vao|trong|khi)",
        r"thuc hien (vao|trong) (quy|thang|nam)",
    ),
    "budget": (
        r"lay tien",
        r"tien (tu|lay|o) dau",
        r"nguon tien",
        r"lay tu dau",
        r"tu dau ra",
        r"bo tri (bao nhieu|kinh phi|tien|von)",
        r"kinh phi",
        r"\bns\b",
        r"(tu )?nguon (nao|gi)",
        r"(nhung|cac|may|moi|tung|theo) nguon",
        r"nguon kinh phi",
        r"nguon (khac|trung uong|tw|su nghiep|ngan sach|dia phuong)",
        r"du tru",
        r"co cau",
        r"chia (theo )?(nguon|nhom|tung|cac|nhung)",
        r"chia (nhu the nao|ra sao|the nao)",
        r"(bao nhieu|het|mat|may|so|tong|du) tien",
        r"tien (cho|danh cho|de)",
        r"tien bac",
        r"ngan sach",
        r"du toan",
        r"phan bo",
        r"chi phi",
        r"nguon von",
        r"\bvon\b",
        r"(duoc )?cap (bao nhieu|tien|kinh phi|von)",
        r"\bchi (cho|bao nhieu|het|mat)",
        r"bao nhieu trieu",
        r"\bty dong",
        r"\bnst[uw]\b",
        r"\btrieu dong\b",
        r"dau tu bao nhieu",
        r"\bton\b",
        r"\bdanh (bao nhieu|cho)",
    ),
    "objective": (
        r"muc tieu",
        r"muc dich",
        r"nham (muc dich |muc tieu )?(gi|de|lam gi)",
        r"de lam gi",
        r"de lam chi",
        r"y nghia",
        r"nham (toi|den) dau",
    ),
    "notes": (r"ghi chu", r"(?:co )?luu y (?:gi|nao)"),
    "group_of": (
        r"(?:nam|thuoc|o) (?:trong |o )?(?:nhom|phan|muc) (?:nhiem vu |giai phap )?nao",
        r"(?:nhom|phan) (?:nhiem vu )?nao",
    ),
    "content": (
        r"noi dung",
        r"gom (nhung )?(gi|viec gi)",
        r"lam (nhung )?gi",
        r"chi tiet",
        r"thong tin (ve|chi tiet)",
        r"cu the (la )?(gi|nhu the nao)",
        r"la (gi|nhu the nao)",
        r"the nao",
        r"ra sao",
        r"hinh thuc (nao|gi)",
        r"bang cach nao",
    ),
    "training": (
        r"noi dung tap huan",
        r"tap huan (ve )?(noi dung )?(gi|nhung gi)",
        r"chu de (tap huan|lop|gi|nao|la gi)",
        r"danh cho (ai|nhung ai|doi tuong nao)",
        r"doi tuong (nao|la ai|gi)",
    ),
    "quantity": (
        r"may (lop|san pham|so|nhiem vu|sang che|chi dan|nhan hieu|doanh nghiep|don vi|giong|bai|lan|khoa)",
        r"bao nhieu (lop|san pham|so |sang che|doanh nghiep|don vi|giong|nhan hieu|chi dan|lan|khoa|nhiem vu)",
        r"so luong",
        r"chi tieu (so|la)",
        r"toi thieu (bao nhieu|may)",
        r"\bla may\b",
        r"\bmay\?",
    ),
    "targets": (
        r"chi tieu",
        r"muc tieu cu the",
        r"dat duoc",
        r"phan dau",
        r"\bmuc tieu den (nam )?20\d\d",
        r"den (nam )?20(25|30) (can|phai|dat)",
    ),
    "compare": (
        r"so sanh",
        r"so voi",
        r"khac (gi|nhau|biet)",
        r"chenh lech",
        r"tang (hay|hoac) giam",
        r"thay doi",
        r"hon hay",
    ),
    "responsibility": (
        r"giao .{0,40}(nhung gi|nhung viec gi|viec gi)",
        r"con (giao|phai|duoc giao) .{0,40}\b(gi|nao)\b",
        r"trach nhiem",
        r"nhiem vu (cua|gi)",
        r"(duoc )?giao (gi|nhung gi|lam gi|nhung viec|viec gi|nhiem vu gi)",
        r"phai lam (gi|nhung gi)",
        r"lam (nhung )?(viec )?gi",
        r"vai tro",
        r"to chuc thuc hien",
        r"phan cong",
        r"con phai",
        r"can lam gi",
        r"(nhung )?viec gi",
        r"phoi hop lam gi",
        r"dam nhan (gi|nhung gi)",
    ),
    "reporting": (
        r"bao cao",
        r"gui ve",
        r"nop (ve|cho)",
        r"han (gui|nop|chot|cuoi)",
        r"kho khan",
        r"vuong mac",
        r"phan anh",
        r"tong hop (ve|tinh hinh)",
    ),
    "document": (
        r"so hieu",
        r"ky hieu",
        r"ngay ban hanh",
        r"ban hanh",
        r"ra doi",
        r"nguoi ky",
        r"ai ky",
        r"ky (ban hanh|boi|ten|ngay)",
        r"chuc danh",
        r"chuc vu",
        r"quyet dinh (nao|so|gi)",
        r"can cu",
        r"(trien khai|thuc hien) (quyet dinh|qd)",
        r"phe duyet",
        r"van ban nao",
        r"dinh huong (den|toi)",
        r"giai doan nao",
        r"ten (day du|cua ke hoach|ke hoach)",
        r"tieu de",
        r"co quan ban hanh",
        r"(ke hoach|kh) so (may|bao nhieu)",
        r"\bqd\b",
        r"quyet dinh",
        r"mang so",
    ),
    "document_weak": (
        r"ngay nao",
        r"thang may",
        r"nam nao",
        r"khi nao",
        r"bao gio",
        r"luc nao",
    ),
    "recipients": (
        r"noi nhan",
        r"(gui|gui cho|gui den|gui toi|gui len) (nhung )?(ai|co quan nao|truong nao|don vi nao|noi nao|dau)",
        r"co gui (cho|den|toi)",
        r"duoc gui (cho|den|toi)",
        r"gui (cho|den) truong",
    ),
    "list": (
        r"(nhiem vu|viec|lop( tap huan)?|hoat dong|cong viec|du an|noi dung|san pham) nao",
        r"nhung (nhiem vu|viec|lop|hoat dong|cong viec|gi)",
        r"cac (nhiem vu|viec|lop|hoat dong)",
        r"liet ke",
        r"danh sach",
        r"co gi",
        r"bao nhieu nhiem vu",
        r"may nhiem vu",
        r"nhung ai",
    ),
    "topic": (
        r"lien quan (den|toi)",
        r"ve (chu de|linh vuc)",
        r"nhac (den|toi)",
        r"nhac",
        r"de cap",
        r"noi (ve|den|toi)",
        r"ho tro (gi|nhung gi) cho",
        r"(o|nam) dau trong",
        r"co (nhiem vu|noi dung|viec) (ve|nao ve)",
    ),
    "largest": (
        r"lon nhat",
        r"nhieu nhat",
        r"cao nhat",
        r"it nhat",
        r"nho nhat",
        r"thap nhat",
        r"lon nhi",
    ),
    "by_group": (
        r"theo nhom",
        r"tung nhom",
        r"moi nhom",
        r"nhom nhiem vu nao",
        r"cac nhom",
    ),
    "refer": (
        r"tuong tu",
        r"viec (do|nay|tren)",
        r"nhiem vu (do|nay|tren)",
        r"cai (do|nay)",
        r"don vi (do|nay)",
        r"co quan (do|nay)",
        r"so (do|nay)",
        r"\bno\b",
        r"cho viec do",
    ),
    "qword": (
        r"bao nhieu",
        r"nhu the nao",
        r"the nao",
        r"ra sao",
        r"la gi",
        r"la ai",
        r"o dau",
        r"bao gio",
    ),
    "whole_year": (
        r"ca nam",
        r"quanh nam",
        r"khong (gan|theo|thuoc|co) (voi )?quy",
        r"khong (ghi|xac dinh) quy",
        r"trong nam\b(?! 20\d\d)",
    ),
    "table": (
        r"bang (du toan|tong hop|kinh phi)",
        r"dong (cong|tong cong)",
        r"\bcot\b",
        r"tong cong",
        r"\bdong cong\b",
    ),
    "general_objective": (
        r"muc tieu chung",
        r"muc dich chung",
        r"muc dich,? yeu cau",
        r"yeu cau (cua|chung)",
    ),
    "in_words": (
        r"bang chu",
        r"ghi bang chu",
        r"viet bang chu",
        r"doc (la|the nao)",
    ),
    "amount": (
        r"\d{1,3}(\.\d{3})+(\.\d+)?\s*(dong|trieu|ty|ti)?",
        r"\d+(\.\d+)?\s*(trieu|ty|ti) dong",
    ),
    "statistics": (
        r"\bso (vu|luong|don|lan|ca)\b.{0,80}\b(la )?bao nhieu",
        r"(hien )?co bao nhieu",
        r"thuc te",
        r"da dat",
        r"da co",
        r"da duoc",
        r"ket qua (thuc hien|dat)",
        r"thong ke",
        r"so lieu",
        r"hien nay",
        r"hien tai",
        r"bay gio",
        r"\broi\s*\??$",
    ),
    "out_of_domain": (
        r"thu tuc dang ky",
        r"ho so dang ky",
        r"cach dang ky",
        r"cac buoc",
        r"nop don (o|tai|nhu the nao|the nao)",
        r"\bsdt\b",
        r"van bang",
        r"le phi",
        r"(?<!kinh )\bphi (nop don|dang ky|tham dinh|cap bang|cap van bang)",
        r"muc phi",
        r"bao nhieu phi",
        r"gia vang",
        r"thoi tiet",
        r"ty gia",
        r"xo so",
        r"bong da",
        r"chung khoan",
        r"gia xang",
        r"lai suat",
        r"so dien thoai",
        r"dia chi",
        r"email",
        r"website",
        r"trang web",
        r"ai la (giam doc|pho giam doc|chu tich|pho chu tich|truong|lanh dao|bi thu)",
        r"(giam doc|chu tich|truong phong|lanh dao) .{0,30}(la ai|ten (gi|la))",
        r"muc phat",
        r"xu phat bao nhieu",
    ),
}


def _whole_words(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    """Cue phrases match whole words: "hoi gi" must not fire inside "thoi gian", nor "ai lam" in "mai lam"."""
    return re.compile(rf"(?<![a-z0-9])(?:{'|'.join(alternatives)})(?![a-z0-9])")


CUE_RE = {name: _whole_words(alternatives) for name, alternatives in CUES.items()}
# Topics the plans never cover whose folded form collides with plan words ("lương" / "lượng").
_OUT_OF_DOMAIN_ACCENTED = re.compile(r"\blương\b|tiền lương|số điện thoại|\bsđt\b")

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
_HALF_RE = re.compile(r"6 thang (dau|cuoi) nam|nua (dau|cuoi) nam")
_YEAR_RE = re.compile(r"(?<![\d.,])(20\d\d)(?![\d.,]\d)")
_TASK_NUM_RE = re.compile(r"(?<![\w.,/])((?:[ivx]+\.)?\d{1,2}\.(?:\d{1,2}|[a-zđ]))(?![\w])(?![.,/]\d)")
# How users name funding sources, in folded (unexpanded) text.
_SOURCE_SPAN_RE = re.compile(
    r"(?:(?:ngan sach|nguon|kinh phi|von|ns)\s+)?(?:su nghiep\s+(?:khoa hoc(?:\s+(?:va\s+)?cong nghe)?|khcn|kh\s+cn)"
    r"|(?:de xuat\s+)?(?:ngan sach\s+)?trung uong|nstu|nstw|tw|khac(?:\s+cua\s+(?:tinh|nganh|dia phuong))?)"
)
_COUNT_WORD_RE = re.compile(r"\b(?:may|bao nhieu|so luong|toi thieu)\b")
_ROLE_RE = re.compile(r"(?:dong\s+)?chu tri|phoi hop|tham gia|phu trach(?: chinh)?|dung ra|dau moi")
_TASK_NUM_FOLDED_RE = re.compile(r"(?<![\w.,/])(?:[ivx]+\.)?\d{1,2}\.(?:\d{1,2}|[a-z])(?![\w])(?![.,/]\d)")
# "nhiệm vụ 2", "nhóm 4" — but not "2 lớp", "2 năm" (a count), though "nhiệm vụ 2 năm 2023" is task 2
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
    needs: list[str] = field(default_factory=list)  # the plans' words for the needs the question states
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
    full_content: str = ""  # only entities cut: cue words kept (for duty look-ups)
    content_tokens: list[str] = field(default_factory=list)

    def has(self, *cues: str) -> bool:
        return any(c in self.cues for c in cues)


def quarters_in(folded: str) -> list[int]:
    """The quarters a text names ("quý II", "q3", "6 tháng đầu năm")."""
    return _quarters(folded)


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
    generic = {
        "ngan",
        "sach",
        "kinh",
        "phi",
        "de",
        "xuat",
        "ho",
        "tro",
        "nam",
        "tinh",
        "cua",
        "nguon",
        "tu",
        "du",
        "kien",
    }
    keys: set[str] = set()
    for plan in index.plans.values():
        for source in plan.budget.sources:
            for label in filter(None, [source.label, source.long_label]):
                words = [w for w in expand(fold(label)).split() if w not in generic and not w.isdigit()]
                phrase = " ".join(words[:3])
                if not phrase:
                    continue
                # a source is named after a money word ("kinh phí Trung ương", "NSTU" = "ngân sách trung ương"):
                # "nhiệm vụ cấp trung ương" names no source; one word ("khác") must follow it at once
                gap = r"(?: \w+)?" if len(words) == 1 else r"(?: \w+){0,3}"
                lead = rf"(?:ngan sach|nguon|kinh phi|von|tien|cot){gap} "
                named = rf"(?<!\w){lead}{re.escape(phrase)}(?!\w)"
                # "trong đó TW bao nhiêu", "trung ương dự kiến hỗ trợ bao nhiêu"
                verbs = r"(?: (?:du kien|ho tro|cap|dong gop|bo tri|phan bo|chi))*"
                asked = rf"(?<!\w){re.escape(phrase)}{verbs}(?: la)? bao nhieu\b"
                if re.search(named, expanded) or (len(words) > 1 and re.search(asked, expanded)):
                    keys.add(source.key)
    return keys


def understand(index: Index, question: str, lexicon: Lexicon | None = None) -> Query:
    """Parse a question into cues and entities (and, with a lexicon, the needs it states)."""
    text = spell_out(nfc(question))
    folded = fold(text)
    expanded = expand(folded)
    q = Query(raw=text, shaped=shape(text), folded=folded, expanded=expanded, accents=has_diacritics(text))
    q.cues = {name for name, rx in CUE_RE.items() if rx.search(folded)}
    if _OUT_OF_DOMAIN_ACCENTED.search(q.shaped):
        q.cues.add("out_of_domain")
    q.provinces = index.find_provinces(text)
    q.years = sorted({int(y) for y in _YEAR_RE.findall(folded)})
    for plan in index.plans.values():
        if plan.number:
            n = plan.number.split("/")[0].strip()
            # "kế hoạch 160", "KH số 160", "160/KH-UBND": a bare 160 may be an amount ("160 triệu")
            number = re.escape(n)
            named = rf"(?:ke hoach|\bkh|van ban|\bso)\s+(?:so\s+)?{number}(?![\d.,]\d)|(?<![\d.,]){number}\s*/\s*kh"
            if re.search(named, folded) and n not in map(str, q.years):
                q.plan_numbers.append(n)
    lowered = text.lower()
    q.task_numbers = list(dict.fromkeys(m.group(1) for m in _TASK_NUM_RE.finditer(lowered)))
    q.group_numbers = list(dict.fromkeys(_BARE_NUM_RE.findall(folded)))
    q.agencies = index.find_agencies(text)
    q.quarters = _quarters(folded)
    q.sources = _source_keys(index, expanded)
    if q.sources:
        q.cues.add("budget")  # "trong đó TW bao nhiêu": a funding source named is a question about money
    # a need said in words the plans do not use ("giới thiệu sản phẩm") is looked for in the plans' words;
    # said in the plans' own words ("hàng giả", "quảng bá") it is matched as it stands
    needs = [
        (need, spans)
        for need, spans in (lexicon.needs_in(folded) if lexicon is not None else [])
        if not all(index.known_phrase(folded[s:e]) for s, e in spans)
    ]
    cut = [span for _, spans in needs for span in spans]
    if lexicon is not None:  # "nhà em", "HTX mình", "xưởng của tôi": who is asking, not what
        cut += [m.span() for m in lexicon.find("persona", folded)]
        cut += [m.span() for m in lexicon.find("scaffolding", folded)]  # "các dòng … cộng lại"
    q.content = _content(index, q, extra=cut)
    q.full_content = _content(index, q, keep_cues=True, extra=cut)
    if needs:
        # the plan's own words for what the person needs: "giới thiệu sản phẩm" is "xúc tiến thương mại"
        q.needs = [w for need, _ in needs for w in need.plan_words]
        said = f" {SEPARATOR} ".join(q.needs)
        q.content = f"{q.content} {SEPARATOR} {said}".strip()
        q.full_content = f"{q.full_content} {SEPARATOR} {said}".strip()
    q.content_tokens = index.content_tokens(q.content)
    return q


def _content(index: Index, q: Query, *, keep_cues: bool = False, extra: list[tuple[int, int]] | None = None) -> str:
    """The question minus what was recognised: what is left names a task or a topic.

    Spans are found in the folded text and cut from the shaped (accented) text, which
    is aligned with it character for character, so the content keeps the user's accents.
    With ``keep_cues`` only entities are cut: "bố trí kinh phí" is then content, as a
    duty that says so must be found by it.
    """
    f = q.folded
    spans: list[tuple[int, int]] = list(extra or [])
    if keep_cues:
        return _cut(q, f, [*spans, *_entity_spans(index, q, f)])
    # a count question names what is counted ("mấy sáng chế"): cut only the question word
    spans += [m.span() for m in _COUNT_WORD_RE.finditer(f)]
    for name in (
        "lead",
        "coop",
        "time",
        "budget",
        "objective",
        "reporting",
        "document",
        "document_weak",
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
            spans += [m.span() for m in CUE_RE[name].finditer(f)]
    spans += _entity_spans(index, q, f)
    if q.sources:
        spans += [m.span() for m in _SOURCE_SPAN_RE.finditer(f)]
    if q.agencies:
        # with an agency named, role words describe the agency, not a task
        spans += [m.span() for m in _ROLE_RE.finditer(f)]
    return _cut(q, f, spans)


def _entity_spans(index: Index, q: Query, f: str) -> list[tuple[int, int]]:
    """Where quarters, years, task numbers, provinces, plan numbers and agencies stand."""
    spans: list[tuple[int, int]] = []
    for rx in (_QUARTER_RE, _YEAR_RE, _HALF_RE, _TASK_NUM_FOLDED_RE):
        spans += [m.span() for m in rx.finditer(f)]
    spans += [m.span(0) for m in _BARE_NUM_RE.finditer(f)]
    for plan in index.plans.values():
        if plan.province_id in q.provinces:
            initials = "".join(w[0] for w in fold(plan.province).split())
            name = rf"(?<!\w)(tinh )?(?:{re.escape(fold(plan.province))}|{initials})(?!\w)"
            spans += [m.span() for m in re.finditer(name, f)]
    for n in q.plan_numbers:  # "160", "KH 160", "160/KH-UBND"
        spans += [m.span() for m in re.finditer(rf"(?<![\d.]){re.escape(n)}(?:\s*/\s*kh(?: ubnd)?)?(?![\d.\w])", f)]
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
