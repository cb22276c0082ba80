from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from ipbot.text import (
    STOPWORDS,
    STOPWORDS_ACCENTED,
    Abbreviation,
    FoldedAbbreviation,
    canon,
    expand,
    fold,
    has_diacritics,
    key,
    money,
    money_words,
    nfc,
    quarters_text,
    spell_out,
    word_lists,
)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Sở KH&CN chủ trì Nha Đam", "so khcn chu tri nha dam"),
        ("Sở KH & CN", "so khcn"),
        ("Sở NN&PTNT", "so nnptnt"),
        ("Đồng Nai", "dong nai"),
        ("\u00d0ồng", "dong"),  # Icelandic eth typed for Đ
        (unicodedata.normalize("NFD", "Thịt cừu Ninh Thuận"), "thit cuu ninh thuan"),
        ("nhiệm vụ 3.3, quý II/2023", "nhiem vu 3.3 quy ii/2023"),
        ("9,2 triệu", "9.2 trieu"),
        ("8 - 10%/năm", "8-10% nam"),
        ("Sở KH-CN", "so kh cn"),
        ("Câu hỏi?!", "cau hoi"),
        ("tập huấn/bồi dưỡng", "tap huan boi duong"),  # a slash between words is a space
        ("NHTT/NHCN", "nhtt nhcn"),  # … and between two abbreviations, each then spelled out
        ("Nghị quyết 14-NQ/TU", "nghi quyet 14 nq/tu"),  # a code keeps it
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_nfc_canonical_tone_placement() -> None:
    assert nfc("hoà thuỷ") == nfc("hòa thủy") == "hòa thủy"
    assert canon("  Hoà   Bình ") == "hòa bình"


def test_nfc_drops_control_characters() -> None:
    assert nfc("a\x00b\x07c") == "a b c"


@pytest.mark.parametrize(
    ("folded", "expanded"),
    [
        ("so khcn", "so khoa hoc cong nghe"),
        ("shtt", "so huu tri tue"),
        ("cddl thit cuu", "chi dan dia ly thit cuu"),
        ("ubnd huyen", "uy ban nhan dan huyen"),
        ("shttx", "shttx"),  # only whole words expand
    ],
)
def test_expand(folded: str, expanded: str) -> None:
    assert expand(folded) == expanded


def test_key_drops_stop_words_and_expands() -> None:
    assert key("Sở KH&CN và các sở") == key("so khoa hoc cong nghe va cac so")


def test_has_diacritics() -> None:
    assert has_diacritics("chủ trì")
    assert has_diacritics("đ")
    assert not has_diacritics("chu tri")
    # typed without accents, two words accented by a phone's autocorrect: read as typed without them
    assert not has_diacritics("KH 160 bao tham muu Ban chỉ đao nao xay dung KH vay")
    assert has_diacritics("Năm 2023 ai chủ trì nhiệm vụ tin học hóa cơ sở dữ liệu")


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("150", "150 triệu đồng"),
        ("9.2", "9,2 triệu đồng"),
        ("1062.6", "1.062,6 triệu đồng (≈ 1,06 tỷ đồng)"),
        ("3832.6", "3.832,6 triệu đồng (≈ 3,83 tỷ đồng)"),
        ("4800", "4.800 triệu đồng (≈ 4,8 tỷ đồng)"),
    ],
)
def test_money(amount: str, text: str) -> None:
    assert money(Decimal(amount)) == text


def test_money_words() -> None:
    assert money_words(Decimal("3832.6")) == "3.832.600.000 đồng"
    assert money_words(Decimal("5540")) == "5.540.000.000 đồng"


def test_quarters_text() -> None:
    assert quarters_text([2]) == "Quý II"
    assert quarters_text([3, 4]) == "Quý III–IV"
    assert quarters_text([1, 3]) == "Quý I, Quý III"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("kp bao nhieu", "kinh phi bao nhieu"),  # unaccented stays unaccented: it is read as typed
        ("nv 3.3 kp bao nhiêu", "nhiệm vụ 3.3 kinh phí bao nhiêu"),
        ("KP nhiệm vụ 3.3", "kinh phí nhiệm vụ 3.3"),
        ("quyền tg", "quyền tg"),  # "tg" is as often "tác giả": left alone
        ("kpi", "kpi"),
        # typed with marks, still shorthand: "đc" is "được", "kinh fí" is "kinh phí"
        ("nv đó đc giao cho ai", "nhiệm vụ đó được giao cho ai"),
        ("kinh fí tổng là bn vậy", "kinh phí tổng là bao nhiêu vậy"),
        ("phí bao nhiêu", "phí bao nhiêu"),
    ],
)
def test_chat_shorthand_is_spelled_out(typed: str, read: str) -> None:
    from ipbot.text import spell_out

    assert spell_out(typed) == read


WORDS = word_lists()


def _within(words: str, text: str) -> bool:
    """Whole words of ``words`` stand in ``text`` (both folded)."""
    return f" {words} " in f" {text} "


@pytest.mark.parametrize(("short", "entry"), WORDS.abbreviations.items(), ids=list(WORDS.abbreviations))
def test_every_abbreviation_expands_in_its_example(short: str, entry: FoldedAbbreviation) -> None:
    """data/lexicon/abbreviations.yaml: the example, folded, holds the abbreviation and expands to its words."""
    folded = fold(entry.example)
    assert _within(short, folded), f"{short!r} is not in {entry.example!r} folded ({folded!r})"
    assert _within(entry.to, expand(folded)), f"{entry.example!r} does not expand to {entry.to!r}"


@pytest.mark.parametrize(("short", "entry"), WORDS.shorthand.items(), ids=list(WORDS.shorthand))
def test_every_shorthand_is_spelled_out_in_its_example(short: str, entry: Abbreviation) -> None:
    assert _within(short, fold(entry.example))
    assert _within(fold(entry.to), fold(spell_out(entry.example)))


def test_function_words_fold_to_the_stop_words() -> None:
    assert {"và", "của", "không", "được"} <= STOPWORDS_ACCENTED
    assert {"va", "cua", "khong", "duoc"} <= STOPWORDS
    assert "trồng" not in STOPWORDS_ACCENTED  # folded it is "trong", a function word: only accents tell


def test_a_slash_joining_a_word_and_a_short_form_separates_them() -> None:
    assert fold("sang che/GPHI") == "sang che gphi"  # a word and a short form: two words
    assert fold("KH/UBND") == "kh/ubnd"  # a code keeps its slash (a side of two letters)
    assert fold("SHTT/SHCN") == "shtt/shcn"  # the field said two ways stays one
