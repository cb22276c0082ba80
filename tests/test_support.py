"""What businesses ask most: what support is there for my product, and whom do I ask; and
what the plans do not cover (procedures, phone numbers), handed over to the operators' contacts."""

from __future__ import annotations

from pathlib import Path

import pytest
from question_sets import contains

from ipbot.assistant import Assistant
from ipbot.frontends.render import plain_text
from ipbot.plans.checks import check_catalogue
from ipbot.plans.load import load_catalogue
from ipbot.text import canon

KHCN = "Sở Khoa học và Công nghệ"
NOT_FROM_PLANS = "không lấy từ kế hoạch"


def _ask(assistant: Assistant, question: str) -> tuple[bool, str, str]:
    answer = assistant.ask(question)
    return answer.answered, canon(plain_text(answer)), answer.intent


def _has(text: str, fact: str) -> bool:
    """As score.py judges: a whole phrase ("Quý II" is not in "Quý III", nor "300 triệu" in "1.300 triệu")."""
    return contains(text, fact)


@pytest.mark.parametrize(
    ("question", "product", "facts"),
    [
        (
            "HTX tôi làm nước mắm ở Ninh Thuận, muốn đăng ký nhãn hiệu tập thể thì tỉnh có hỗ trợ gì không?",
            "nước mắm",
            ["3.6", "nhãn hiệu tập thể", KHCN],
        ),
        # one syllable without accents ("nho": nho? nhỏ?) cannot be looked for: no claim either way
        ("HTX em o Ninh Phuoc lam nho, co ho tro nhan hieu ko", None, ["3.6", KHCN]),
        (
            "Cơ sở tôi chế tạo máy bóc vỏ tỏi, muốn đăng ký sáng chế thì có được hỗ trợ không?",
            "máy bóc vỏ",
            ["2.c", "sáng chế", KHCN],
        ),
    ],
)
def test_a_product_the_plans_never_name(
    assistant: Assistant, question: str, product: str | None, facts: list[str]
) -> None:
    """Said plainly first, then the tasks that cover the need, each with whom to contact."""
    answered, text, intent = _ask(assistant, question)
    assert (answered, intent) == (True, "support")
    if product is None:
        assert not _has(text, "Kế hoạch không nêu riêng")
    else:
        assert _has(text, f"Kế hoạch không nêu riêng «{product}»")
    assert all(_has(text, f) for f in facts), text
    assert _has(text, "(chủ trì)")


def test_a_product_the_plans_name_gets_its_own_task(assistant: Assistant) -> None:
    answered, text, intent = _ask(assistant, "Nhà mình trồng nha đam ở Ninh Thuận, có được hỗ trợ gì không?")
    assert (answered, intent) == (True, "support")
    assert _has(text, "3.c") and _has(text, "Chỉ dẫn địa lý Nha đam")
    assert not _has(text, "không nêu riêng")


def test_today_s_contact_is_labelled_as_not_from_the_plans(assistant: Assistant) -> None:
    _, text, _ = _ask(assistant, "HTX em o Ninh Phuoc lam nho, co ho tro nhan hieu ko, lien he ai")
    assert _has(text, NOT_FROM_PLANS)
    assert _has(text, "Sở Khoa học và Công nghệ tỉnh Khánh Hòa")  # Ninh Thuận is part of Khánh Hòa since 7/2025


def test_a_plan_by_agency_names_the_duty_that_covers_the_need(assistant: Assistant) -> None:
    answered, text, _ = _ask(
        assistant,
        "Cơ sở nhà mình làm bánh cáy ở Đông Hưng, muốn mang sản phẩm đi giới thiệu ở các tỉnh, sở nào lo giao thương?",
    )
    assert answered
    assert _has(text, "Sở Công Thương") and _has(text, "III.5.đ")
    assert _has(text, "Thái Bình") and not _has(text, "Ninh Thuận (cũ)")


@pytest.mark.parametrize("question", ["cho xin số điện thoại Sở KH&CN Ninh Thuận", "Sở KH&CN Ninh Thuận ở đâu?"])
def test_a_phone_number_is_not_in_the_plans(assistant: Assistant, question: str) -> None:
    answered, text, intent = _ask(assistant, question)
    assert (answered, intent) == (False, "contacts")
    assert _has(text, "không ghi số điện thoại")
    assert _has(text, NOT_FROM_PLANS) and _has(text, "Khánh Hòa")


@pytest.mark.parametrize(
    "question", ["thủ tục đăng ký nhãn hiệu cần giấy tờ gì", "nhan hieu tap the khac nhan hieu chung nhan the nao"]
)
def test_procedures_are_handed_to_the_ip_office(assistant: Assistant, question: str) -> None:
    answered, text, intent = _ask(assistant, question)
    assert (answered, intent) == (False, "out_of_scope")
    assert _has(text, "ngoài phạm vi") and _has(text, "Cục Sở hữu trí tuệ")


def test_off_topic_gets_no_contacts(assistant: Assistant) -> None:
    answered, text, _ = _ask(assistant, "giá vàng hôm nay bao nhiêu")
    assert not answered
    assert not _has(text, "Cục Sở hữu trí tuệ")


def test_a_task_question_with_support_words_is_still_a_task_question(assistant: Assistant) -> None:
    answered, text, intent = _ask(assistant, "Nhiệm vụ 3.4 năm 2023 hỗ trợ mấy sản phẩm OCOP?")
    assert answered and intent != "support"
    assert _has(text, "05 sản phẩm")


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("website: https://ipvietnam.gov.vn", "website: ipvietnam.gov.vn", "website"),
        ("agency: so-khcn\n", "agency: so-khoa-hoc\n", "unknown agency"),
        ("updated: 2026-11-30", "updated: hôm qua", "updated"),
    ],
)
def test_contacts_are_validated(data_copy: Path, old: str, new: str, problem: str) -> None:
    path = data_copy / "contacts.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    errors = [str(p) for p in check_catalogue(load_catalogue(data_copy)) if p.level == "error"]
    assert any("contacts.yaml" in e and problem in e for e in errors), errors


def test_a_greeting_and_a_preamble_before_the_question(assistant: Assistant) -> None:
    """The greeting gets no menu; the need is in the preamble; 'máy' (a machine) is no 'mấy'."""
    answered, text, intent = _ask(
        assistant,
        "chao ad, xuong em o Thap Cham tu che may boc vo hanh tim, muon dang ky bao ho. "
        "KH SHTT 2022 cua tinh co ho tro ko, so nao lo?",
    )
    assert (answered, intent) == (True, "support")
    assert _has(text, "2.c") and _has(text, "sáng chế") and _has(text, KHCN)
    assert not _has(text, "Xin chào")


@pytest.mark.parametrize(
    ("question", "fact", "not_fact"),
    [
        ("HTX tôi nuôi cừu ở Ninh Thuận có hỗ trợ gì không", "3.3", "không nêu riêng"),  # named: its own task
        ("HTX tôi muốn tham gia hội chợ, tỉnh có hỗ trợ gì không?", "Xúc tiến thương mại", "giống cây trồng"),
        ("xuong em che tao may boc vo toi, co ho tro dang ky sang che khong", "2.c", "Số lượng"),  # máy, not mấy
    ],
)
def test_the_need_is_what_is_matched(assistant: Assistant, question: str, fact: str, not_fact: str) -> None:
    answered, text, intent = _ask(assistant, question)
    assert (answered, intent) == (True, "support")
    assert _has(text, fact) and not _has(text, not_fact)


def test_registering_protection_is_a_need_and_greeting_the_bot_sells_nothing(assistant: Assistant) -> None:
    """ "Chào bạn" is no product sold; "đăng ký bảo hộ" is the need, though each of its words is every question's."""
    question = (
        "Chào bạn, mình là giám đốc HTX làm bánh cáy ở Thái Bình. Có hỗ trợ gì về nhãn hiệu, đăng ký bảo hộ không?"
    )
    answered, text, _ = _ask(assistant, question)
    assert answered and _has(text, "III.4.c") and _has(text, "«bánh cáy»") and not _has(text, "mình là")


def test_a_support_follow_up_for_another_province(assistant: Assistant) -> None:
    first = assistant.ask("HTX tôi làm nước mắm ở Ninh Thuận, có hỗ trợ đăng ký nhãn hiệu không?")
    then = assistant.ask("thế còn Thái Bình?", first.context)
    text = canon(plain_text(then))
    assert then.answered and _has(text, "III.4.d") and _has(text, "Thái Bình")


def test_words_that_match_no_support_get_no_general_list(assistant: Assistant) -> None:
    answered, _, intent = _ask(assistant, "Các kế hoạch có nhiệm vụ nào hỗ trợ đăng ký kiểu dáng công nghiệp không?")
    assert not answered and intent != "support"


def test_a_contact_province_must_be_on_the_map(data_copy: Path) -> None:
    path = data_copy / "contacts.yaml"
    text = path.read_text(encoding="utf-8").replace("[Khánh Hòa, Ninh Thuận]", "[Khánh Hòa, Ninh Thuân]")
    path.write_text(text, encoding="utf-8")
    errors = [str(p) for p in check_catalogue(load_catalogue(data_copy)) if p.level == "error"]
    assert any("contacts.yaml" in e and "Ninh Thuân" in e for e in errors), errors


@pytest.mark.parametrize(
    ("question", "task", "other"),
    [
        # the question's two words single out a task of their own: the preamble's task is not the one asked
        ("Tôi làm nho ở Ninh Thuận, muốn đăng ký nhãn hiệu tập thể. Còn thịt cừu thì ai chủ trì?", "3.3", "3.6"),
        ("HTX tôi muốn làm nhãn hiệu chứng nhận năm 2023. Thịt cừu làm quý mấy?", "Quý I", "Quý II"),
        # one word many tasks share ("tổ chức") is no subject beside the preamble's
        (
            "Mình muốn cử người đi học lớp bồi dưỡng chuyên sâu về quản trị TSTT. Năm 2023 tỉnh có tổ chức ko?",
            "5.2",
            "3.3",
        ),
    ],
)
def test_a_preamble_names_the_task_unless_the_question_names_its_own(
    assistant: Assistant, question: str, task: str, other: str
) -> None:
    answered, text, _ = _ask(assistant, question)
    assert answered and _has(text, task) and not _has(text, other)


@pytest.mark.parametrize(
    ("question", "product"),
    [
        # "trường hợp như mình" is the asker's situation, no subject of its own
        (
            "Cơ sở mình làm bánh xèo ở Phan Rang, chưa được công nhận OCOP. "
            "Có hỗ trợ gì cho trường hợp như mình không?",
            "bánh xèo",
        ),
        # the owner ("của tôi") and the kind of place ("cơ sở sản xuất") are no product
        ("Cơ sở sản xuất của tôi làm nước mắm ở Ninh Hải. Tỉnh có hỗ trợ đăng ký nhãn hiệu không?", "nước mắm"),
    ],
)
def test_the_product_and_the_situation_said_around_it(assistant: Assistant, question: str, product: str) -> None:
    answered, text, intent = _ask(assistant, question)
    assert (answered, intent) == (True, "support")
    assert _has(text, product) and not _has(text, "của tôi")


@pytest.mark.parametrize(
    "question",
    [
        "Cho tôi danh sách các doanh nghiệp đang xuất khẩu tỏi ở Ninh Thuận",  # a directory, not a plan
        "phong toi muon gop 2 lop cua Ninh Phuoc voi Phan Rang to chuc chung dc ko, kh co cho phep ko?",  # permission
        # a rate per business is the support policy's, never the plans' (not the plans' totals)
        "Mỗi doanh nghiệp ở Ninh Thuận được hỗ trợ tối đa bao nhiêu tiền khi đăng ký nhãn hiệu?",
    ],
)
def test_what_no_plan_says_is_out_of_scope_not_a_task(assistant: Assistant, question: str) -> None:
    answered, text, intent = _ask(assistant, question)
    assert (answered, intent) == (False, "out_of_scope") and _has(text, "ngoài phạm vi")


@pytest.mark.parametrize(
    "question",
    [
        "HTX mang tay o Ninh Hai, dinh ap dung 1 sang che nuoc ngoai da het han bao ho. "
        "nv ho tro viec nay trong KH 2022 nham muc tieu j?",
        "HTX măng tây ở Ninh Hải, định áp dụng 1 sáng chế nước ngoài đã hết hạn bảo hộ. "
        "Nhiệm vụ hỗ trợ việc này trong KH 2022 nhằm mục tiêu gì?",
    ],
)
def test_a_product_no_plan_names_is_who_asks_not_what(assistant: Assistant, question: str) -> None:
    """The product said before the question ("HTX măng tây") would dilute the need's words: the task is 3.b."""
    answered, text, _ = _ask(assistant, question)
    assert answered and _has(text, "3.b") and _has(text, "đổi mới sáng tạo")


def test_a_need_in_another_plans_words_is_looked_for_in_the_plan_asked(assistant: Assistant) -> None:
    """ "hội chợ, triển lãm" is Thái Bình's wording; Ninh Thuận 2023 calls it "xúc tiến thương mại" (3.5)."""
    answered, text, _ = _ask(assistant, "dn minh muon tham gia hoi cho trien lam, KH 2023 co ho tro k")
    assert answered and _has(text, "3.5") and not _has(text, "Thái Bình")


def test_two_needs_said_together_each_find_their_support(assistant: Assistant) -> None:
    """The craft ("làm gốm") and the class asked for ("lớp tập huấn nào cho em"): each its own task."""
    answered, text, intent = _ask(assistant, "Nhà em làm gốm Bàu Trúc, có lớp tập huấn nào cho em không?")
    assert (answered, intent) == (True, "support")
    assert _has(text, "3.đ") and _has(text, "5.3")


def test_a_product_with_ocop_stars_asks_nothing_of_its_own(assistant: Assistant) -> None:
    """ "…, đã có sao OCOP, giờ muốn đăng ký bảo hộ nhãn hiệu. KH 2023 có hỗ trợ gì không": the stars ask nothing,
    so the sentence is the question's preamble and the plan named (2023) is the only one answered from."""
    answer = assistant.ask(
        "tôi có cơ sở làm rượu nho ở Phan Rang, đã có sao OCOP, giờ muốn đăng ký bảo hộ nhãn hiệu. "
        "KH 2023 có hỗ trợ gì không"
    )
    assert answer.answered and answer.plan_ids == ["ninh-thuan-2023"] and "3.4" in plain_text(answer)


def test_registering_a_mark_for_ones_own_product_finds_the_registration_support(assistant: Assistant) -> None:
    """ "muốn đăng ký nhãn hiệu cho sp": Thái Bình's "hỗ trợ đăng ký bảo hộ các đối tượng SHTT" (III.4.c), in the
    plan's words; what a lawyer charges for it is out of the plans' scope."""
    answer = assistant.ask(
        "e lam banh cay o Thai Binh, muon dang ky nhan hieu cho sp thi ke hoach shtt cua tinh co ho tro j ko a"
    )
    assert answer.answered and "III.4.c" in plain_text(answer)
    answer = assistant.ask("cho e hoi gia thue luat su dang ky nhan hieu o Ninh Thuan khoang bn tien")
    assert not answer.answered and "3.832,6" not in plain_text(answer)


def test_teaching_in_schools_is_found_in_the_plans_words(assistant: Assistant) -> None:
    """ "đào tạo SHTT trong trường học": Thái Bình's "đào tạo, bồi dưỡng … trong các cơ sở giáo dục" (III.6.d), not
    the task that happens to say "trường học" about the media."""
    answer = assistant.ask("Kế hoạch Thái Bình có nói gì về đào tạo SHTT trong trường học không")
    assert answer.answered and answer.task_ids == ["thai-binh-2021-2030:III.6.d"]


def test_a_producer_asking_about_one_support_is_told_whom_to_ask(assistant: Assistant) -> None:
    """ "nhà em … tỉnh có hỗ trợ sp OCOP ko, mấy sp": the count asked, and the lead to contact."""
    answer = assistant.ask("de nha em muon dang ky bao ho nhan hieu thi 2022 tinh co ho tro sp ocop ko, may sp")
    text = plain_text(answer)
    assert answer.answered and "06 sản phẩm" in text and "Sở Nông nghiệp và Phát triển nông thôn" in text


def test_a_producer_asking_for_a_task_for_their_own_product(assistant: Assistant) -> None:
    """ "Cơ sở tôi làm muối … năm 2023 có nhiệm vụ CDĐL cho muối Cà Ná không, hay làm cho sản phẩm nào?": the plans
    name no salt; the 2023 geographical indication is for lamb (3.3)."""
    answer = assistant.ask(
        "Cơ sở tôi làm muối ở Cà Ná, huyện Thuận Nam. Năm 2023 tỉnh có nhiệm vụ xây dựng chỉ dẫn địa lý cho muối Cà Ná "
        "không, hay làm cho sản phẩm nào?"
    )
    text = plain_text(answer)
    assert answer.answered and "không nêu riêng «muối»" in text and "Thịt cừu" in text


def test_whether_it_costs_a_fee_is_out_of_the_plans_scope(assistant: Assistant) -> None:
    """ "co mat phi ko" after the support for a mark: fees are no part of the plans; said so, with whom to ask
    (it suggested an unrelated task)."""
    context = assistant.ask("nha e trong nho o ninh phuoc, muon dang ky nhan hieu cho nho thi lien he ai a").context
    answer = assistant.ask("co mat phi ko", context)
    assert not answer.answered and "ngoài phạm vi" in plain_text(answer)


def test_the_tasks_that_concern_a_district_the_plan_never_names(assistant: Assistant) -> None:
    """ "KH 2022 có nhiệm vụ nào liên quan đến huyện Ninh Hải không": no task names the district; said so, with the
    tasks carried out in every district (every task of the plan was listed)."""
    answer = assistant.ask("ke hoach 2022 co nhiem vu nao lien quan den huyen ninh hai ko")
    text = plain_text(answer)
    assert "không nêu riêng «Ninh Hải»" in text and "5.c —" in text and "1.a —" not in text


def test_how_long_the_ip_office_takes_is_out_of_the_plans_scope(assistant: Assistant) -> None:
    """ "đăng ký sáng chế mất bao lâu": how long filing takes is the IP office's, not the plans' (a target about
    applications was quoted, answered); a task's own length stays the task's."""
    answer = assistant.ask("dang ky sang che mat bao lau")
    assert not answer.answered and "ngoài phạm vi" in plain_text(answer)
    task = assistant.ask("nhiem vu chi dan dia ly thit cuu lam trong bao lau")
    assert task.answered and "24 tháng" in plain_text(task)


def test_an_invention_s_support_from_the_plan_that_offers_it(assistant: Assistant) -> None:
    """A farmer's peanut-sheller: the patent support of 2022 (2.c), which 2023 does not offer (2023's OCOP task was
    given; "đậu" was read as "đâu", so the sentence was a question of its own and the need was lost)."""
    answered, text, intent = _ask(
        assistant,
        "Tôi là nông dân ở Ninh Sơn, tự chế được cái máy bóc vỏ đậu phộng, muốn đăng ký sáng chế. "
        "Tỉnh Ninh Thuận có hỗ trợ ko?",
    )
    assert answered and intent == "support" and _has(text, "2.c") and not _has(text, "3.4")


def test_support_with_the_procedure_is_no_procedure_question(assistant: Assistant) -> None:
    """ "tỉnh có hỗ trợ thủ tục, kinh phí ko": task 2.c's support ("Hỗ trợ thủ tục và kinh phí"), not "out of scope"."""
    answered, text, _ = _ask(
        assistant,
        "toi o Ninh Son tu che duoc cai may tach hat dieu, muon dang ky sang che. Nam 2022 tinh co ho tro thu tuc, "
        "kinh phi ko, lien he so nao?",
    )
    assert answered and _has(text, "2.c") and _has(text, "Sở Khoa học và Công nghệ")


def test_whether_the_plan_names_a_product_it_does_not(assistant: Assistant) -> None:
    """ "kế hoạch có ghi tên nước mắm không" after a fish-sauce cooperative's question: no, and what covers it (it was
    'not found')."""
    context = assistant.ask(
        "Chào bạn, mình là HTX nước mắm ở Cà Ná, sp đạt OCOP 3 sao rồi. "
        "Năm 2023 tỉnh có hỗ trợ gì về SHTT cho sp OCOP ko?"
    ).context
    answer = assistant.ask("ke hoach co ghi ten nuoc mam khong", context)
    text = plain_text(answer)
    assert answer.answered and "không nêu riêng «nuoc mam»" in text and "3.4" in text
