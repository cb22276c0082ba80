"""Places: a district reaches its province's plans, a province with no plan is said to have none,
and the 2025 mergers are explained; ordinary words are never taken for a place."""

from __future__ import annotations

import pytest
from question_sets import contains

from ipbot.assistant import Assistant
from ipbot.frontends.render import plain_text
from ipbot.reading.places import Places, common_forms
from ipbot.text import canon, fold


@pytest.fixture(scope="module")
def places() -> Places:
    return Places.load()


def test_the_map_is_whole(places: Places) -> None:
    """63 provinces before 1 July 2025, 34 after; every old one went into exactly one new one."""
    old, new = places.data.old_provinces, places.data.new_provinces
    assert (len(old), len(new)) == (63, 34)
    formers = [name for unit in new for name in unit.former]
    assert sorted(formers) == sorted(p.name for p in old)
    assert {p.name: p.now for p in old if p.name in ("Ninh Thuận", "Thái Bình")} == {
        "Ninh Thuận": "Khánh Hòa",
        "Thái Bình": "Hưng Yên",
    }


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("HTX em ở Ninh Phước làm nho", ["Ninh Phước"]),
        ("minh o ninh phuoc lam nho", ["Ninh Phước"]),
        ("Cơ sở ở Tiền Hải, Thái Bình", ["Tiền Hải", "Thái Bình"]),
        ("o Phan Rang ban toi", ["Phan Rang - Tháp Chàm"]),
        ("tinh Binh Thuan co ke hoach ko", ["Bình Thuận"]),
        ("binh thuan nam 2023 co ho tro CDDL thanh long ko", ["Bình Thuận"]),  # bare, lower case, no accents
        ("HTX ở Sài Gòn", ["Hồ Chí Minh"]),
    ],
)
def test_places_named(places: Places, text: str, names: list[str]) -> None:
    assert [p.name for p in places.find(text)] == names


@pytest.mark.parametrize(
    "text",
    [
        "tinh co to chuc ngay SHTT the gioi ko",  # "có tổ chức", not the district Cô Tô
        "co quan chu tri la ai",  # "chủ trì", not the town Chũ
        "Chu tich UBND la ai",
        "năm định hướng 2030 thế nào",  # folded, "nam dinh"; typed with accents it is no place
    ],
)
def test_words_are_not_places(places: Places, text: str) -> None:
    assert places.find(text) == []


def test_words_of_the_documents_are_not_places(places: Places) -> None:
    """Typed without accents after "về", the documents' own words ("thống nhất") are no district."""
    common = common_forms(places, fold("Bảo đảm thống nhất quản lý nhà nước về sở hữu trí tuệ"))
    assert "thong nhat" in common
    assert places.find("ve thong nhat quan ly", common) == []
    assert [p.name for p in places.find("HTX ở Thống Nhất, Đồng Nai", common)] == ["Thống Nhất", "Đồng Nai"]


def test_a_district_and_its_province(places: Places) -> None:
    assert [(p.name, p.kind) for p in places.find("HTX ở Hải Hậu, Nam Định")] == [
        ("Hải Hậu", "district"),
        ("Nam Định", "province"),
    ]


def _ask(assistant: Assistant, question: str) -> tuple[bool, str, str]:
    answer = assistant.ask(question)
    return answer.answered, canon(plain_text(answer)), answer.intent


def test_a_district_puts_the_question_in_its_province(assistant: Assistant) -> None:
    answered, text, _ = _ask(assistant, "HTX em ở Tiền Hải, kế hoạch có chỉ tiêu chỉ dẫn địa lý đến 2025 không?")
    assert answered
    assert contains(text, "160/KH-UBND") or contains(text, "Thái Bình")
    assert not contains(text, "Ninh Thuận")


@pytest.mark.parametrize("question", ["Bình Thuận có kế hoạch SHTT không?", "o huyen Nga Son co ho tro nhan hieu ko"])
def test_a_province_without_a_plan(assistant: Assistant, question: str) -> None:
    answered, text, intent = _ask(assistant, question)
    assert (answered, intent) == (False, "no_plan")
    assert contains(text, "Bình Thuận") or contains(text, "Thanh Hóa")


@pytest.mark.parametrize(
    ("question", "new", "former"),
    [
        ("Kế hoạch SHTT năm 2023 của tỉnh Khánh Hòa có bao nhiêu nhiệm vụ?", "Khánh Hòa", "Ninh Thuận"),
        ("tinh Hung Yen co ke hoach SHTT ko", "Hưng Yên", "Thái Bình"),
    ],
)
def test_a_merged_province_is_explained(assistant: Assistant, question: str, new: str, former: str) -> None:
    answered, text, intent = _ask(assistant, question)
    assert (answered, intent) == (False, "no_plan")
    assert contains(text, f"tỉnh {former} đã nhập vào {new}")


def test_a_district_now_in_the_new_province_keeps_its_plan(assistant: Assistant) -> None:
    answered, text, intent = _ask(
        assistant, "Mình ở Kiến Xương (nay thuộc Hưng Yên). Kế hoạch đặt chỉ tiêu gì đến 2025?"
    )
    assert answered
    assert intent != "no_plan"
    assert contains(text, "Thái Bình")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Huyện Kiến Xương có nhiệm vụ nào về OCOP?", "III.4.d"),  # the district's words choose no task
        ("Ninh Phước có nhiệm vụ nào về OCOP?", "OCOP"),
        ("muc tieu den nam dinh huong 2030 la gi", "2030"),  # "năm định hướng" is no Nam Định
    ],
)
def test_a_place_chooses_the_plan_not_the_task(assistant: Assistant, question: str, fact: str) -> None:
    answered, text, intent = _ask(assistant, question)
    assert answered and intent != "no_plan"
    assert contains(text, fact)


def test_a_place_in_capitals() -> None:
    assert [p.name for p in Places.load().find("HTX o HCM co ke hoach SHTT ko")] == ["Hồ Chí Minh"]


def test_a_province_without_a_plan_beside_one_with_a_plan(assistant: Assistant) -> None:
    answer = assistant.ask("So sánh kinh phí Ninh Thuận với Bình Thuận năm 2023")
    text = canon(plain_text(answer))
    assert answer.answered and contains(text, "3.832,6")
    assert contains(text, "Chưa có kế hoạch SHTT nào của Bình Thuận")


def test_a_planned_province_named_only_to_deny_it_is_not_asked_about(assistant: Assistant) -> None:
    """ "Ninh Hòa (phần Khánh Hòa cũ, không phải Ninh Thuận sáp nhập vào)": old Khánh Hòa has no plan."""
    question = (
        "Mình ở thị xã Ninh Hòa, Khánh Hòa (phần Khánh Hòa cũ, không phải Ninh Thuận sáp nhập vào). Năm 2023 tỉnh "
        "Khánh Hòa cũ có kế hoạch SHTT hỗ trợ bao nhiêu sản phẩm OCOP?"
    )
    answer = assistant.ask(question)
    assert not answer.answered and answer.intent == "no_plan" and "05 sản phẩm" not in plain_text(answer)


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # the former province in brackets, said as the same place: its plans answer
        ("o Khanh Hoa (Ninh Thuan cu) nam 2023 co to chuc ky niem ngay SHTT the gioi ko, ai chu tri?", True),
        # the new province after the merger: no plan of its own
        ("Kế hoạch SHTT của tỉnh Khánh Hòa mới (sau khi sáp nhập Ninh Thuận) có những nhiệm vụ gì?", False),
    ],
)
def test_the_new_province_with_its_former_name_in_brackets(assistant: Assistant, question: str, answered: bool) -> None:
    assert assistant.ask(question).answered is answered
