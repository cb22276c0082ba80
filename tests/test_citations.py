"""The documents the plans cite, found in their own words, and the questions about them."""

from __future__ import annotations

from question_sets import contains

from ipbot.answers import Context
from ipbot.assistant import Assistant
from ipbot.frontends.render import plain_text
from ipbot.plans.citations import citations, number_key
from ipbot.plans.store import Knowledge
from ipbot.text import canon


def _cited(knowledge: Knowledge, plan_id: str) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    return {(c.ref, c.key): (c.date, c.issuer) for c in citations(knowledge.plans[plan_id])}


def test_a_resolution_cited_by_a_task_and_a_target_with_its_date_and_issuer(knowledge: Knowledge) -> None:
    cited = _cited(knowledge, "ninh-thuan-2022")
    assert cited[("2.c", "14")] == ("10/01/2022", "Ban Chấp hành Đảng bộ tỉnh")
    assert ("2367/QĐ-TTg", "2367") in cited  # the decision the plan was issued to carry out
    # the 2023 plan cites the same resolution without its date, as issued by "Tỉnh ủy"
    assert _cited(knowledge, "ninh-thuan-2023")[("2", "14")] == (None, "Tỉnh ủy")


def test_two_decisions_cited_in_one_sentence_are_two_citations(knowledge: Knowledge) -> None:
    found = {c.key: c for c in citations(knowledge.plans["thai-binh-2021-2030"])}
    assert found["1068"].about == "Chiến lược Sở hữu trí tuệ đến năm 2030"
    assert found["2205"].about == "Chương trình phát triển tài sản trí tuệ đến năm 2030"
    assert found["2205"].date == "24/12/2020" and found["2205"].issuer == "Thủ tướng Chính phủ"


def test_a_number_key_is_its_digits() -> None:
    assert number_key("2367/QĐ-TTg") == number_key("2367/QĐ-UBND") == "2367"


def _say(answer: object) -> str:
    return canon(plain_text(answer))  # type: ignore[arg-type]


def test_the_resolution_a_task_cites_then_who_issued_it_then_where_else(assistant: Assistant) -> None:
    first = assistant.ask(
        "KH 2022 của Ninh Thuận: nhiệm vụ hỗ trợ đăng ký bảo hộ 01 sáng chế/giải pháp hữu ích dựa theo chỉ tiêu "
        "của nghị quyết nào?"
    )
    assert first.answered and contains(_say(first), "14-NQ/TU") and contains(_say(first), "2.c")
    second = assistant.ask("nghị quyết đó do cơ quan nào ban hành, ngày nào?", first.context)
    text = _say(second)
    assert second.answered and contains(text, "Ban Chấp hành Đảng bộ tỉnh") and contains(text, "10/01/2022")
    third = assistant.ask("sang kế hoạch 2023 thì nghị quyết này được viện dẫn cho nhiệm vụ nào?", second.context)
    text = _say(third)
    assert third.answered and contains(text, "giống cây trồng mới") and not contains(text, "2.c")


def test_two_wordings_of_one_decision_are_both_shown(assistant: Assistant) -> None:
    answer = assistant.ask("Quyết định 2367 được hai kế hoạch 2022 và 2023 ghi ký hiệu khác nhau thế nào?", Context())
    text = _say(answer)
    assert answer.answered and contains(text, "2367/QĐ-TTg") and contains(text, "2367/QĐ-UBND")


def test_the_other_decision_besides_the_one_named(assistant: Assistant) -> None:
    answer = assistant.ask("Ngoài Quyết định 1068, kế hoạch Thái Bình còn thực hiện quyết định nào của Thủ tướng?")
    text = _say(answer)
    assert answer.answered and contains(text, "2205/QĐ-TTg") and contains(text, "24/12/2020")
    assert not contains(text, "1068/QĐ-TTg")


def test_a_document_no_plan_cites_is_said_so(assistant: Assistant) -> None:
    answer = assistant.ask("nghị quyết 99-NQ/TU là gì")
    assert not answer.answered and contains(_say(answer), "không viện dẫn văn bản số 99")


def test_a_cited_document_that_only_says_which_is_no_citation_question(assistant: Assistant) -> None:
    """The review's cases: the task's lead, the plan's signer, its groups, "nd" (nội dung) after a year."""
    answer = assistant.ask("Nhiệm vụ hỗ trợ sáng chế theo Nghị quyết 14 năm 2022 ai chủ trì?")
    assert answer.intent == "lead_agency" and contains(_say(answer), "Sở Khoa học và Công nghệ")
    answer = assistant.ask("Kế hoạch thực hiện Quyết định 2205 do ai ký?")
    assert answer.intent == "document" and contains(_say(answer), "Trần Thị Bích Hằng")
    answer = assistant.ask("Kế hoạch triển khai Quyết định 2367 năm 2023 có mấy nhóm nhiệm vụ?")
    assert contains(_say(answer), "5 nhóm nhiệm vụ")
    answer = assistant.ask("nv 2.c năm 2022 nd là gì, cơ quan nào chủ trì")
    assert answer.answered and answer.intent != "citation"


def test_the_tasks_a_citation_lists_are_what_comes_next(assistant: Assistant) -> None:
    first = assistant.ask("Nghị quyết 14-NQ/TU do ai ban hành?")
    second = assistant.ask("sang kế hoạch 2023 nghị quyết này được viện dẫn cho nhiệm vụ nào?", first.context)
    third = assistant.ask("nhiệm vụ đó ai chủ trì, kinh phí bao nhiêu?", second.context)
    text = _say(third)
    assert contains(text, "giống cây trồng mới") and not contains(text, "3.832,6"), text[:300]
