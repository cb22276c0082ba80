"""Vietnamese text normalisation: NFC, tone placement, diacritic folding, abbreviations.

Users type with or without diacritics, in NFC or NFD, with old or new tone placement
(hoà / hòa), and with the abbreviations officials use (SHTT, KH&CN, NN&PTNT). Every
comparison in ipbot goes through :func:`fold` (and :func:`key` for matching), so the
same rules apply to the documents and to the questions. The words themselves
(abbreviations, chat shorthand, function words) are data: ``data/lexicon/abbreviations.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import cache, lru_cache
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError, field_validator

from ipbot.config import DEFAULT_DATA_DIR

__all__ = [
    "ABBREVIATIONS",
    "SHORTHAND",
    "STOPWORDS",
    "STOPWORDS_ACCENTED",
    "WORDS_FILE",
    "Abbreviation",
    "FoldedAbbreviation",
    "Words",
    "aligned",
    "blank",
    "canon",
    "expand",
    "figure",
    "fold",
    "has_diacritics",
    "key",
    "money",
    "money_words",
    "nfc",
    "number",
    "plain",
    "plan_abbreviations",
    "quarter_name",
    "quarters_text",
    "shape",
    "strip_marks",
    "tokens",
    "use_plan_abbreviations",
    "word_lists",
]

# Old ("oà") and new ("òa") tone placement both occur; canonical form is the new one.
_TONE_PAIRS = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
# Only where the pair ends the syllable: "hoà" → "hòa", but "hoạch" stays as it is.
# and not after "q", where "u" belongs to the consonant: "quý" is already right.
# One character class per vowel: the same matches as an alternation of every pair, five times faster on
# the documents' text (shaped whole at build time).
_TONE_RE = re.compile(
    "(?<!q)(?:"
    + "|".join(
        f"{vowel}[{''.join(pair[1] for pair in _TONE_PAIRS if pair[0] == vowel)}]"
        for vowel in dict.fromkeys(pair[0] for pair in _TONE_PAIRS)
    )
    + r")(?!\w)",
    re.IGNORECASE,
)
# Look-alikes seen in real input: Icelandic eth for Đ, and zero-width characters.
_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u0110": "Đ", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": ""})
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LOOKALIKE_CHARS = tuple(chr(code) for code, to in _LOOKALIKES.items() if to != chr(code))
"""The look-alikes that change (Đ itself maps to Đ)."""


def _tone(match: re.Match[str]) -> str:
    found = match.group(0)
    new = _TONE_PAIRS[found.lower()]
    return new.upper() if found.isupper() else (new[0].upper() + new[1:] if found[0].isupper() else new)


def nfc(text: str) -> str:
    """NFC with look-alikes mapped, control characters dropped and tone placement canonical."""
    text = unicodedata.normalize("NFC", text)
    if any(char in text for char in _LOOKALIKE_CHARS):  # rare: most texts are not copied character by character
        text = text.translate(_LOOKALIKES)
    text = _CONTROL_RE.sub(" ", text)
    return _TONE_RE.sub(_tone, text)


def canon(text: str) -> str:
    """NFC, canonical tones, casefolded, whitespace collapsed: diacritics kept."""
    return " ".join(nfc(text).casefold().split())


TYPED_WITH_ACCENTS = 0.25
"""Share of a text's words that must carry marks for it to count as typed with accents: a message typed
without them with one or two words accented by a phone's autocorrect ("…Ban chỉ đao nao…") reads as
unaccented, so its "nao", "vay" are the function words they are."""


def _marked(word: str) -> bool:
    # an ASCII word has no marks: most words of a question typed without accents never decompose
    if word.isascii():
        return False
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", word)) or "đ" in word


@lru_cache(maxsize=4096)
def has_diacritics(text: str) -> bool:
    """True when the text carries Vietnamese marks (so the user typed accents)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    marked = sum(map(_marked, words))
    return marked > 0 and marked >= TYPED_WITH_ACCENTS * len(words)


# Joiners inside abbreviations: "KH&CN", "KH & CN", "NN&PTNT", "GD&ĐT", "VH,TT&DL". Between
# whole words ("Khoa học & Công nghệ") "&" means "và" and becomes a space.
_AMP_ABBR_RE = re.compile(r"\b([A-ZĐ]{1,5})\s*&\s*([A-ZĐ]{1,6})\b|\b(\w{1,5})&(\w{1,6})\b")
_NON_WORD_RE = re.compile(r"[^\w.%/-]+")


# a slash between two letters: joining two words ("tập huấn/bồi dưỡng") or inside a code ("NQ/TU")
_WORDS_SLASH_RE = re.compile(r"(?<=[^\W\d_])/(?=[^\W\d_])")


@lru_cache(maxsize=4096)
def shape(text: str) -> str:
    """Lower-case NFC words separated by one space, diacritics kept.

    ``&`` joins abbreviations ("KH&CN" → "kh&cn" → "khcn"), and punctuation becomes
    space except inside numbers ("3.3", "9,2" → "9.2", "26/4", "8-10%"). Stripping the
    marks of this string gives :func:`fold` character for character, so a span found in
    the folded text can be cut from the shaped one.
    """
    # (each substitution only where its characters occur: most questions have no "&", "/" or dash)
    text = nfc(text)
    if "&" in text:
        text = _AMP_ABBR_RE.sub(lambda m: "".join(g for g in m.groups() if g), text)
    # a slash between lower-case words joins two words ("tập huấn/bồi dưỡng"), not a code ("14-NQ/TU")
    if "/" in text:
        text = _WORDS_SLASH_RE.sub(_words_slash, text)
    text = text.lower()
    # marks left over after NFC (no base letter to sit on) would break the alignment
    if not text.isascii():
        text = _COMBINING_RE.sub("", text)
    if "," in text:
        text = re.sub(r"(?<=\d)[,](?=\d)", ".", text)
    if _DASHES.intersection(text):
        text = re.sub(r"(?<=\d)\s*[-–—]\s*(?=\d)", "-", text)
        text = re.sub(r"(?<!\d)[-–—_]|[-–—_](?!\d)", " ", text)
    text = _NON_WORD_RE.sub(" ", text)
    # a dot or slash not between word characters is punctuation
    if "." in text or "/" in text:
        text = re.sub(r"(?<![\w])[./]|[./](?![\w])", " ", text)
    return " ".join(text.split())


_DASHES = frozenset("-–—_")

_FIELD_WORDS = frozenset({"shtt", "tstt"})
"""Abbreviations of the field itself, which a slash joins as one."""


_LONGEST_WORD = 64
"""Longer than any word of the plans or of a question (a run of letters past it is no word anyone reads)."""


def _words_slash(m: re.Match[str]) -> str:
    """A space for a slash between two words ("tập huấn/bồi dưỡng") or two abbreviations of three letters
    or more ("NHTT/NHCN", each then spelled out), the slash kept in a code ("14-NQ/TU", "Đ/c"): words of
    three letters or more, one of them marked, in whatever case they are written (the plans' text and a
    question must shape alike)."""
    # (within a word's reach of the slash: searched over all the text before it, each slash of a whole corpus
    # cost the corpus's length, 22 s of building 100 plans)
    left = re.search(r"[^\W\d_]+$", m.string[max(0, m.start() - _LONGEST_WORD) : m.start()])
    right = re.match(r"[^\W\d_]+", m.string[m.end() : m.end() + _LONGEST_WORD])
    if not (left and right) or min(len(left.group(0)), len(right.group(0))) < 3:
        return "/"
    if (left.group(0) + right.group(0)).isascii():
        pair = (left.group(0).lower(), right.group(0).lower())
        # (not the domain's own words: "SHTT/SHCN" is one field, said two ways, no two things asked)
        # ("sáng chế/GPHI" typed without marks: a word and a short form of three letters or more, no code)
        short_forms = [w in ABBREVIATIONS and w not in _FIELD_WORDS for w in pair]
        fields = any(w in _FIELD_WORDS for w in pair)
        return " " if all(short_forms) or (any(short_forms) and not fields) else "/"
    return " "


def _strip_table() -> dict[int, str]:
    """Every precomposed Latin letter mapped to its base letter, đ to d: one str.translate."""
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "D"}
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if base != char and len(base) == 1:
            table[code] = base
    return table


_STRIP_TABLE = _strip_table()
_COMBINING_RE = re.compile("[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def strip_marks(text: str) -> str:
    """Remove Vietnamese diacritics, mapping đ to d (NFD alone keeps đ)."""
    text = text.translate(_STRIP_TABLE)
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


class _OneForOne(dict[int, str]):
    """A str.translate table built as it is used: each character without its marks, one for one."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = strip_marks(char) or char
        return self[code]


_ONE_FOR_ONE = _OneForOne()


def aligned(text: str) -> str:
    """Lower case without marks, one character for one: a position found in it cuts the original."""
    return text.lower().translate(_ONE_FOR_ONE)


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans turned to spaces (positions kept, so spans found later still align)."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def number(text: str) -> Decimal | None:
    """A Vietnamese number as written or folded: "1.200" is twelve hundred; "9,2", "9.2" and "9.128,6" /
    "9.128.6" end in a decimal part (a last group of other than three digits)."""
    groups = text.replace(",", ".").strip(".").split(".")
    decimal = len(groups) > 1 and len(groups[-1]) != 3
    whole = "".join(groups[:-1] if decimal else groups)
    try:
        return Decimal(f"{whole}.{groups[-1]}" if decimal else whole)
    except ArithmeticError:
        return None


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case ASCII-like form without diacritics: :func:`shape` with the marks removed.

    >>> fold("Sở KH&CN chủ trì Nha Đam")
    'so khcn chu tri nha dam'
    """
    return strip_marks(shape(text))


WORDS_FILE = DEFAULT_DATA_DIR / "lexicon" / "abbreviations.yaml"
"""Abbreviations, chat shorthand and function words; the database fingerprints it (documents are tokenised with it)."""

FoldedPhrase = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?: [a-z0-9]+)*$")]
"""Lower-case words without diacritics, one space apart: how folded text spells them."""


class Abbreviation(BaseModel):
    """A short form, what it stands for, and an example of it as people write it (tests/test_text.py runs it)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    to: str
    example: str


class FoldedAbbreviation(Abbreviation):
    to: FoldedPhrase


Word = Annotated[str, StringConstraints(pattern=r"^\w+$")]
WordPair = Annotated[str, StringConstraints(pattern=r"^\w+ \w+$")]


class Words(BaseModel):
    """``data/lexicon/abbreviations.yaml``: the words folding and expanding rely on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    abbreviations: dict[FoldedPhrase, FoldedAbbreviation]
    shorthand: dict[Annotated[str, StringConstraints(pattern=r"^[a-z]+$")], Abbreviation]
    function_words: list[Word]
    accented_function_words: list[Word] = []
    question_words: list[Word]
    terms: list[WordPair] = []
    framing_pairs: list[WordPair] = []
    framing_before_cue: list[Word] = []
    framed_after: list[WordPair] = []
    pronouns: list[Word] = []

    @field_validator("function_words", "accented_function_words", "question_words")
    @classmethod
    def _once(cls, found: list[str]) -> list[str]:
        twice = sorted({w for w in found if found.count(w) > 1})
        if twice:
            raise ValueError(f"listed twice: {twice}")
        return found


@cache
def word_lists() -> Words:
    """The words of :data:`WORDS_FILE`, read and validated once per process (C YAML loader: startup matters)."""
    try:
        raw = yaml.load(WORDS_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return Words.model_validate(raw)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{WORDS_FILE.name}: {exc}") from exc


# Abbreviations, as folded token sequences → folded expansions. Matching runs on
# whole tokens, so "shtt" expands but "shttx" does not.
ABBREVIATIONS: dict[str, str] = {short: a.to for short, a in word_lists().abbreviations.items()}
ABBREVIATION_HEADS: set[str] = {short.split(" ")[0] for short in ABBREVIATIONS}
"""The first word of every abbreviation: a word that is none starts none, and is looked at no further."""
# Chat shorthand → the accented words it stands for, spelled out before a question is read.
SHORTHAND: dict[str, str] = {short: a.to for short, a in word_lists().shorthand.items()}
_SHORTHAND_RE = re.compile(r"(?<![\w&./-])(" + "|".join(SHORTHAND) + r")(?![\w&/-])", re.IGNORECASE)


def spell_out(text: str) -> str:
    """Replace chat shorthand ("kp", "nv", "bn", "đc") by the words it stands for.

    Spelled without accents in a message typed without them, which is read as such later on.
    """
    plain = not has_diacritics(text)
    # found in the text without marks, so a shorthand typed with them ("đc", "kinh fí") is one too
    folded = aligned(text)
    if len(folded) != len(text):  # (a character whose lower case is longer: matched as typed)
        folded = text
    parts: list[str] = []
    last = 0
    for m in _SHORTHAND_RE.finditer(folded):
        words = SHORTHAND[m.group(1).lower()]
        parts += [text[last : m.start()], strip_marks(words) if plain else words]
        last = m.end()
    return "".join(parts) + text[last:] if parts else text


def _abbreviation_re(table: dict[str, str]) -> re.Pattern[str]:
    """Whole tokens only, the longest abbreviation first ("kh va cn" before "kh")."""
    return re.compile(
        r"(?<![\w./-])(" + "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)) + r")(?![\w/-])"
    )


_GLOBAL_ABBREVIATIONS = dict(ABBREVIATIONS)
_ABBR_RE = _abbreviation_re(ABBREVIATIONS)
_plan_abbreviations: dict[str, str] = {}


def plan_abbreviations() -> dict[str, str]:
    """The abbreviations the loaded plans added (a copy)."""
    return dict(_plan_abbreviations)


def use_plan_abbreviations(added: dict[str, str]) -> None:
    """Expand the loaded plans' own abbreviations too (``vocabulary: abbreviations`` of a plan file).

    Replaces what plans added before (loading other data starts afresh), in place, so modules that
    imported :data:`ABBREVIATIONS` see it. Raises ``ValueError`` when a plan would give a global
    abbreviation another meaning: documents are tokenised with one table, whatever the plan.
    """
    global _ABBR_RE
    clashes = sorted(k for k, v in added.items() if _GLOBAL_ABBREVIATIONS.get(k, v) != v)
    if clashes:
        raise ValueError(f"abbreviations already defined otherwise in {WORDS_FILE.name}: {', '.join(clashes)}")
    if added == _plan_abbreviations:
        return
    _plan_abbreviations.clear()
    _plan_abbreviations.update(added)
    ABBREVIATIONS.clear()
    ABBREVIATIONS.update(_GLOBAL_ABBREVIATIONS)
    ABBREVIATIONS.update(added)
    ABBREVIATION_HEADS.clear()
    ABBREVIATION_HEADS.update(short.split(" ")[0] for short in ABBREVIATIONS)
    _ABBR_RE = _abbreviation_re(ABBREVIATIONS)
    for cached in (shape, expand, tokens, key):
        cached.cache_clear()


@lru_cache(maxsize=4096)
def expand(folded: str) -> str:
    """Expand abbreviations in folded text ("so khcn" → "so khoa hoc cong nghe")."""
    return _ABBR_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], folded)


# Function words, in their accented form: folded, "trồng" and "trong", "bản" and "bạn",
# "mã" and "mà" would collide, so documents and accented questions drop only the real ones.
STOPWORDS_ACCENTED = frozenset(word_lists().function_words) | frozenset(word_lists().accented_function_words)
STOPWORDS = frozenset(strip_marks(w) for w in word_lists().function_words)
"""The same words folded: used for questions typed without accents (not those whose folded form is
also a word of the plans: "sau" is "sâu" of "chuyên sâu", "chung" is "chứng" of "chứng nhận")."""


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """Folded, expanded content tokens of a text (stop words removed, by accent when typed)."""
    stops = STOPWORDS_ACCENTED if has_diacritics(text) else STOPWORDS
    words = [w for w in shape(text).split() if w not in stops]
    return tuple(expand(strip_marks(" ".join(words))).split())


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """A matching key: folded, abbreviations expanded, stop words dropped."""
    return " ".join(tokens(text))


def plain(text: str) -> str:
    """Lower case without diacritics, punctuation kept, chat shorthand spelled out: where a message splits.

    >>> plain("Ai chủ trì? Còn kp bn?")
    'ai chu tri? con kinh phi bao nhieu?'
    """
    return " ".join(strip_marks(spell_out(nfc(text)).lower()).split())


def _group_thousands(digits: str) -> str:
    out = []
    while len(digits) > 3:
        out.append(digits[-3:])
        digits = digits[:-3]
    out.append(digits)
    return ".".join(reversed(out))


def figure(amount: Decimal) -> str:
    """An amount as the plans print it, without unit: ``1062.6`` → ``1.062,6``; ``4800`` → ``4.800``."""
    amount = Decimal(amount).normalize()
    whole, _, frac = format(amount, "f").partition(".")
    body = _group_thousands(whole.lstrip("-") or "0") + ("," + frac if frac else "")
    return ("-" if amount.is_signed() else "") + body


def money(amount: Decimal) -> str:
    """Million VND in Vietnamese style: ``1062.6`` → ``1.062,6 triệu đồng``.

    Amounts of a billion or more also get the rounded figure in tỷ:
    ``3832.6`` → ``3.832,6 triệu đồng (≈ 3,83 tỷ đồng)``.
    """
    amount = Decimal(amount).normalize()
    result = f"{figure(amount)} triệu đồng"
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
