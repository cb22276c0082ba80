"""The quarters of a plan year side by side: counted, ranked, compared two at a time, with their money.

Each of these questions got an answer to another one before: the whole plan's budget ("so sánh kinh phí quý III
và quý IV"), the largest task ("quý nào tốn nhiều tiền nhất"), the tasks of Quý I and II together ("quý I và quý II
quý nào nhiều nhiệm vụ hơn"), or nothing ("quý nào nhiều nhiệm vụ nhất").
"""

from __future__ import annotations

from ipbot.answers import Context
from ipbot.assistant import Assistant
from ipbot.frontends.render import plain_text
from ipbot.requests import Filters, Items, Measure, Op, Request


def _ask(assistant: Assistant, *messages: str) -> tuple[bool, str, str]:
    context = Context()
    answer = None
    for message in messages:
        answer = assistant.ask(message, context)
        context = answer.context
    assert answer is not None
    return answer.answered, plain_text(answer), answer.intent


def test_the_quarter_with_most_tasks(assistant: Assistant) -> None:
    """Quý II has 8 of 2023's timed tasks; 3.2 (Quý I–II) is counted in both quarters, and said to be."""
    answered, text, intent = _ask(assistant, "KH 2023 quý nào nhiều nhiệm vụ nhất")
    assert answered and intent == "tasks_by_quarter"
    assert text.index("Quý II nhiều nhiệm vụ nhất: 8 nhiệm vụ") < text.index("• Quý I: 3 nhiệm vụ (1.1, 3.2, 3.3)")
    assert "3.2 (Quý I–II)" in text and "Thực hiện cả năm (không tính vào quý nào): 5.4" in text
    assert "Không ghi thời gian: 2, 3.5, 4.2" in text


def test_two_quarters_compared_by_money(assistant: Assistant) -> None:
    """ "quý I và quý III quý nào ít tiền hơn": 340 (1.1 40 + 3.3 300; 3.2 has no amount) against 2.200 (3.1)."""
    answered, text, _ = _ask(assistant, "ke hoach 2023 quy 1 va quy 3 quy nao it tien hon")
    assert answered and "Quý I ít tiền hơn Quý III: 340 triệu đồng" in text and "so với 2.200 triệu đồng" in text
    assert "• Quý II:" not in text and "• Quý IV:" not in text


def test_two_quarters_alike_are_said_to_be(assistant: Assistant) -> None:
    """Quý III and IV hold the same one task (3.1, Quý III–IV): the same money, said as such (the plan's total was
    given)."""
    answered, text, _ = _ask(assistant, "KH 2023 so sánh kinh phí quý III và quý IV")
    assert answered and "Quý III và Quý IV ngang nhau: mỗi quý 2.200 triệu đồng" in text
    assert "3.832,6" not in text


def test_each_quarter_of_an_agencys_tasks_then_the_tasks_named(assistant: Assistant) -> None:
    """ "sở KH&CN mỗi quý chủ trì mấy nv": only the tasks it leads (3.2, led by Sở NN&PTNT, is not counted); "kể tên
    ra" then lists them."""
    answered, text, _ = _ask(assistant, "KH 2023 sở KH&CN mỗi quý chủ trì mấy nv")
    assert answered and "Sở Khoa học và Công nghệ chủ trì theo quý" in text
    assert "• Quý I: 2 nhiệm vụ (1.1, 3.3)" in text and "3.2" not in text
    answered, text, _ = _ask(assistant, "KH 2023 sở KH&CN mỗi quý chủ trì mấy nv", "kể tên ra")
    assert answered and "3.6 — " in text and "3.2 — " not in text


def test_a_plan_that_gives_no_quarters_says_so(assistant: Assistant) -> None:
    answered, text, _ = _ask(assistant, "KH 2022 quý nào nhiều việc nhất")
    assert not answered and "không chia nhiệm vụ theo quý" in text


def test_a_tasks_own_quarter_is_still_its_timeline(assistant: Assistant) -> None:
    answered, _, intent = _ask(assistant, "nhiệm vụ 3.6 năm 2023 triển khai quý nào")
    assert answered and intent == "timeline"


def test_a_button_asks_the_same_without_words(assistant: Assistant) -> None:
    """The request a menu would build: each quarter's money, ranked by this year's allocation."""
    request = Request(
        items=Items.QUARTERS,
        op=Op.MAX,
        measure=Measure.ALLOCATION,
        plans=("ninh-thuan-2023",),
        filters=Filters(groups=("ninh-thuan-2023:5",)),
    )
    text = plain_text(assistant.run(request))
    assert "Quý II nhiều tiền nhất: 518,4 triệu đồng" in text and "• Quý I: không có nhiệm vụ nào" in text
    assert Request.unpack(request.pack()) == request


def test_the_quarter_asked_in_many_words(assistant: Assistant) -> None:
    """ "Trong bảng dự toán 2023, quý nào có nhiều nhiệm vụ triển khai nhất và là mấy nhiệm vụ?": Quý II, by its tasks
    (the table named is where to look, not money asked; the table's rows were counted)."""
    answered, text, _ = _ask(
        assistant, "Trong bảng dự toán 2023, quý nào có nhiều nhiệm vụ triển khai nhất và là mấy nhiệm vụ?"
    )
    assert answered and text.startswith("Nhiệm vụ theo quý") and "Quý II nhiều nhiệm vụ nhất: 8 nhiệm vụ" in text
    assert "phân bổ" not in text
