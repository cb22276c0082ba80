"""Vietnamese text normalisation: NFC, tone placement, diacritic folding, abbreviations.

Users type with or without diacritics, in NFC or NFD, with old or new tone placement
(hoà / hòa), and with the abbreviations officials use (SHTT, KH&CN, NN&PTNT). Every
comparison in ipbot goes through :func:`fold` (and :func:`key` for matching), so the
same rules apply to the documents and to the questions.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

__all__ = [
    "canon",
    "expand",
    "fold",
    "has_diacritics",
    "key",
    "money",
    "money_words",
    "nfc",
    "quarter_name",
    "quarters_text",
    "tokens",
]

# Old ("oà") and new ("òa") tone placement both occur; canonical form is the new one.
_TONE_PAIRS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
# Only where the pair ends the syllable: "hoà" → "hòa", but "hoạch" stays as it is.
_TONE_RE = re.compile("(?:" + "|".join(_TONE_PAIRS) + r")(?!\w)", re.IGNORECASE)
# Look-alikes seen in real input: Icelandic eth for Đ, and zero-width characters.
_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u0110": "Đ", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": ""})
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _tone(match: re.Match[str]) -> str:
    found = match.group(0)
    new = _TONE_PAIRS[found.lower()]
    return new.upper() if found.isupper() else (new[0].upper() + new[1:] if found[0].isupper() else new)


def nfc(text: str) -> str:
    """NFC with look-alikes mapped, control characters dropped and tone placement canonical."""
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
    text = _CONTROL_RE.sub(" ", text)
    return _TONE_RE.sub(_tone, text)


def canon(text: str) -> str:
    """NFC, canonical tones, casefolded, whitespace collapsed: diacritics kept."""
    return " ".join(nfc(text).casefold().split())


def has_diacritics(text: str) -> bool:
    """True when the text carries Vietnamese marks (so the user typed accents)."""
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text)) or "đ" in text.lower()


# Joiners inside abbreviations: "KH&CN", "KH & CN", "NN&PTNT", "GD&ĐT", "VH,TT&DL".
_AMP_RE = re.compile(r"\s*&\s*")
_NON_WORD_RE = re.compile(r"[^\w.%/-]+")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case ASCII-like form without diacritics, words separated by one space.

    ``đ`` becomes ``d`` (NFD keeps it), ``&`` joins abbreviations ("KH&CN" → "khcn"),
    and punctuation becomes space except inside numbers ("3.3", "9,2", "26/4", "8-10%").

    >>> fold("Sở KH&CN chủ trì Nha Đam")
    'so khcn chu tri nha dam'
    """
    text = nfc(text).lower().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    text = _AMP_RE.sub("", text)
    # keep separators inside numbers: 3.3, 9,2, 26/4, 8-10, III.4.d
    text = re.sub(r"(?<=\d)[,](?=\d)", ".", text)
    text = re.sub(r"(?<=\d)\s*[-–—]\s*(?=\d)", "-", text)
    text = re.sub(r"(?<!\d)[-–—_]|[-–—_](?!\d)", " ", text)
    text = _NON_WORD_RE.sub(" ", text)
    # a dot or slash not between word characters is punctuation
    text = re.sub(r"(?<![\w])[./]|[./](?![\w])", " ", text)
    return " ".join(text.split())


# Abbreviations, as folded token sequences → folded expansions. Matching runs on
# whole tokens, so "shtt" expands but "shttx" does not.
ABBREVIATIONS: dict[str, str] = {
    "shtt": "so huu tri tue",
    "shcn": "so huu cong nghiep",
    "khcn": "khoa hoc cong nghe",
    "kh cn": "khoa hoc cong nghe",
    "kh va cn": "khoa hoc cong nghe",
    "khkt": "khoa hoc ky thuat",
    "nnptnt": "nong nghiep phat trien nong thon",
    "nn ptnt": "nong nghiep phat trien nong thon",
    "ptnt": "phat trien nong thon",
    "ubnd": "uy ban nhan dan",
    "ocop": "ocop",
    "cddl": "chi dan dia ly",
    "nhtt": "nhan hieu tap the",
    "nhcn": "nhan hieu chung nhan",
    "tstt": "tai san tri tue",
    "tsst": "tai san tri tue",
    "dnvvn": "doanh nghiep vua va nho",
    "dmst": "doi moi sang tao",
    "nstu": "ngan sach trung uong",
    "ns": "ngan sach",
    "gddt": "giao duc dao tao",
    "gd dt": "giao duc dao tao",
    "vhttdl": "van hoa the thao du lich",
    "tttt": "thong tin truyen thong",
    "khdt": "ke hoach dau tu",
    "ldtbxh": "lao dong thuong binh xa hoi",
    "ptth": "phat thanh truyen hinh",
    "pt th": "phat thanh truyen hinh",
    "qltt": "quan ly thi truong",
    "csdl": "co so du lieu",
    "dn": "doanh nghiep",
    "htx": "hop tac xa",
    "hs": "hoc sinh",
    "sv": "sinh vien",
    "kh": "ke hoach",
    "qd": "quyet dinh",
    "nq": "nghi quyet",
    "tp": "thanh pho",
    "cb": "can bo",
    "ip": "so huu tri tue",
    "r&d": "nghien cuu phat trien",
    "rd": "nghien cuu phat trien",
}
_ABBR_RE = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w])"
)


@lru_cache(maxsize=4096)
def expand(folded: str) -> str:
    """Expand abbreviations in folded text ("so khcn" → "so khoa hoc cong nghe")."""
    return _ABBR_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], folded)


# Words that carry no content for matching: Vietnamese function words and the
# question scaffolding users wrap around a topic.
STOPWORDS = frozenset(
    """
    va voi cua cho cac nhung la thi ma o tai trong tren duoi ve den tu theo nhu de
    do nay kia ay nao gi sao bao nhieu may ai dau khi the vay a nhe nha khong co duoc
    bi da dang se con cung rat lam hay hoac neu vi nen nhat moi mot hai ba
    minh toi ban em anh chi oi xin hoi cho biet giup
    """.split()
)


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """Folded, expanded content tokens of a text (stop words removed)."""
    return tuple(t for t in expand(fold(text)).split() if t not in STOPWORDS)


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """A matching key: folded, abbreviations expanded, stop words dropped."""
    return " ".join(tokens(text))


def _group_thousands(digits: str) -> str:
    out = []
    while len(digits) > 3:
        out.append(digits[-3:])
        digits = digits[:-3]
    out.append(digits)
    return ".".join(reversed(out))


def money(amount: Decimal) -> str:
    """Million VND in Vietnamese style: ``1062.6`` → ``1.062,6 triệu đồng``.

    Amounts of a billion or more also get the rounded figure in tỷ:
    ``3832.6`` → ``3.832,6 triệu đồng (≈ 3,83 tỷ đồng)``.
    """
    amount = Decimal(amount).normalize()
    sign, digits, exponent = amount.as_tuple()
    text = format(amount, "f")
    whole, _, frac = text.partition(".")
    body = _group_thousands(whole.lstrip("-") or "0") + ("," + frac if frac else "")
    body = ("-" if sign else "") + body
    result = f"{body} triệu đồng"
    if abs(amount) >= 1000:
        billions = (amount / 1000).quantize(Decimal("0.01")).normalize()
        b_whole, _, b_frac = format(billions, "f").partition(".")
        result += f" (≈ {_group_thousands(b_whole)}{',' + b_frac if b_frac else ''} tỷ đồng)"
    return result


def money_words(amount: Decimal) -> str:
    """Million VND as the full amount in đồng: ``3832.6`` → ``3.832.600.000 đồng``."""
    dong = int((Decimal(amount) * 1_000_000).to_integral_value())
    return f"{_group_thousands(str(dong))} đồng"


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_name(quarter: int) -> str:
    """``2`` → ``Quý II`` (the plans write quarters in Roman numerals)."""
    return f"Quý {_ROMAN[quarter]}"


def quarters_text(quarters: list[int]) -> str:
    """``[3, 4]`` → ``Quý III–IV``; ``[2]`` → ``Quý II``."""
    if not quarters:
        return ""
    if len(quarters) == 1:
        return quarter_name(quarters[0])
    if quarters == list(range(quarters[0], quarters[-1] + 1)):
        return f"Quý {_ROMAN[quarters[0]]}–{_ROMAN[quarters[-1]]}"
    return ", ".join(quarter_name(q) for q in quarters)
