"""Many provinces' plans at once: what only shows when there are more than the three real plans.

The data folder is made by ``benchmarks/make_plans.py`` (the real plans, and plans derived from
them for Bạc Liêu, Bình Định, Long An and Khánh Hòa): provinces whose names hide in other
names ("Thái Bình định hướng" has "Bình Định" in it), whose initials are ordinary words ("KH" is
kế hoạch, "la" là), and a province with both a multi-year plan (2016–2020, định hướng 2025) and
an annual plan of 2020.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from ipbot import answering, phrases
from ipbot.answering import many
from ipbot.assistant import Assistant
from ipbot.config import Settings
from ipbot.frontends.render import plain_text
from ipbot.plans.cycles import latest_cycle_start
from ipbot.plans.store import Knowledge
from ipbot.reading.index import (
    RARE_PAIR_DOCS,
    Index,
    _Built,
    _stored,
    corpus_text,
    initials_of,
    plan_passages,
    province_initials,
    rare_pair_limit,
)
from ipbot.reading.read import Reader, _has_phrase
from ipbot.requests import Field, Filters, Items, Op, Request
from ipbot.text import fold, shape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from make_plans import make

PROVINCES = ("Bạc Liêu", "Bình Định", "Long An", "Khánh Hòa")
MULTI = "bac-lieu-2016-2025"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    data = tmp_path_factory.mktemp("many") / "data"
    make(3 + 2 * len(PROVINCES) + 1, data, provinces=PROVINCES)
    settings = Settings(_env_file=None, IPBOT_DATA_DIR=data, IPBOT_DB_PATH=data / "ipbot.db")  # type: ignore[call-arg]
    bot = Assistant.open(settings)
    yield bot
    bot.close()


def test_the_data_has_what_the_tests_rely_on(assistant: Assistant) -> None:
    plans = assistant.knowledge.plans
    assert {"bac-lieu-2016-2025", "bac-lieu-2020", "bac-lieu-2019", "binh-dinh-2016-2025", "long-an-2016-2025"} <= set(
        plans
    )
    assert (plans[MULTI].year_start, plans[MULTI].year_end, plans[MULTI].horizon) == (2016, 2020, 2025)


@pytest.mark.parametrize(
    ("question", "provinces"),
    [
        ("Kế hoạch Thái Bình định hướng tới năm bao nhiêu?", {"thai-binh"}),
        ("thai binh dinh huong den nam nao", {"thai-binh"}),
        ("Bình Định có kế hoạch SHTT không?", {"binh-dinh"}),
        ("kh shtt tb giao ai chu tri", {"thai-binh"}),  # "kh" is kế hoạch, not Khánh Hòa
        ("KH 2022 của NT có mấy nhiệm vụ", {"ninh-thuan"}),
        ("muc tieu cua ke hoach la gi", set()),  # "la" is là, not Long An
        ("Kế hoạch LA năm 2019", set()),
        ("Kế hoạch BĐ năm 2019 có bao nhiêu nhiệm vụ", {"binh-dinh"}),
        ("phòng KT-BĐ huyện Đông Hưng (Thái Bình) lo việc gì", {"thai-binh"}),  # joined: another abbreviation's
        ("năm định hướng của kế hoạch là gì", set()),
        ("Kế hoạch của Long An năm 2019", {"long-an"}),
    ],
)
def test_provinces_found_by_name_and_initials(assistant: Assistant, question: str, provinces: set[str]) -> None:
    assert assistant.reader.index.find_provinces(question) == provinces


def test_initials_shared_by_two_provinces_or_ordinary_words_name_none() -> None:
    every = ["Quảng Ninh", "Quảng Nam", "Bình Dương", "Bình Định", "Long An", "Bạc Liêu", "Khánh Hòa"]
    planned = {"Quảng Ninh": "quang-ninh", "Bình Định": "binh-dinh", "Long An": "long-an", "Bạc Liêu": "bac-lieu"}
    planned["Khánh Hòa"] = "khanh-hoa"
    found = province_initials(planned, every, ordinary={"la", "kh"})
    assert initials_of("Bình Định") == "BĐ"
    assert found == {"BĐ": "binh-dinh", "BL": "bac-lieu"}  # QN shared, BD is also Bình Dương, LA and KH words


@pytest.mark.parametrize(
    ("question", "plan_ids"),
    [
        ("Kế hoạch giai đoạn 2016-2020 của Bạc Liêu do ai ký?", [MULTI]),
        ("Kế hoạch của Bạc Liêu đến năm 2020 giao Sở nào chủ trì tuyên truyền?", [MULTI]),
        ("Chỉ tiêu đến năm 2025 của Bạc Liêu là gì?", [MULTI]),
        ("Kế hoạch năm 2020 của Bạc Liêu có bao nhiêu nhiệm vụ?", ["bac-lieu-2020"]),
        ("Kế hoạch năm 2019 của Bạc Liêu có bao nhiêu nhiệm vụ?", ["bac-lieu-2019"]),
        # no province: the one plan that aims at 2030 (Bạc Liêu's aims at 2025), not every multi-year plan
        ("Chiến lược SHTT đến 2030 được Thủ tướng phê duyệt bằng quyết định nào?", ["thai-binh-2021-2030"]),
    ],
)
def test_a_multi_year_plan_named_by_its_years_is_not_the_annual_plan(
    assistant: Assistant, question: str, plan_ids: list[str]
) -> None:
    assert assistant.ask(question).plan_ids == plan_ids


@pytest.mark.parametrize("province", ["Bạc Liêu", "Bình Định", "Long An", "Thái Bình", "Ninh Thuận"])
@pytest.mark.parametrize(
    "template",
    [
        "Ai chủ trì nhiệm vụ tuyên truyền của {p}?",
        "Kế hoạch {p} có bao nhiêu nhiệm vụ?",
        "{p} hỗ trợ chỉ dẫn địa lý cho sản phẩm nào?",
        "Tổng kinh phí của {p} là bao nhiêu?",
        "Sở KH&CN {p} chủ trì những nhiệm vụ nào?",
    ],
)
def test_every_answer_cites_only_the_province_asked_about(assistant: Assistant, province: str, template: str) -> None:
    answer = assistant.ask(template.format(p=province))
    plans = assistant.knowledge.plans
    text = plain_text(answer)
    assert {plans[p].province for p in answer.plan_ids} <= {province}
    assert not [p.province for p in plans.values() if p.province != province and p.province in text], text


def test_help_names_the_provinces_and_how_to_narrow_in_one_message(assistant: Assistant) -> None:
    text = plain_text(assistant.ask("Bot này trả lời được những câu hỏi gì?"))
    plans = assistant.knowledge.plans.values()
    assert len(text) <= many.MESSAGE_LIMIT
    assert f"{len(plans)} kế hoạch của {len({p.province for p in plans})} tỉnh" in text
    assert all(p.province in text for p in plans)
    assert not [p.short_title for p in plans if p.short_title in text]  # the provinces, not every plan's title
    assert phrases.PLANS_NARROW in text


def test_a_year_a_province_has_no_plan_for_names_its_other_plans_and_offers_only_them(assistant: Assistant) -> None:
    answer = assistant.ask("Kế hoạch SHTT năm 2021 của Bạc Liêu có bao nhiêu nhiệm vụ?")
    text = plain_text(answer)
    own = [p for p in assistant.knowledge.plans.values() if p.province == "Bạc Liêu"]
    assert answer.intent == "no_plan"
    assert "Bạc Liêu có: " + "; ".join(p.short_title for p in own) in text
    assert [s.request.plans for s in answer.suggestions] == [(p.id,) for p in own]
    assert phrases.PLANS_NARROW_BUTTONS in text


def test_a_province_with_no_plan_is_offered_no_other_provinces_plans(assistant: Assistant) -> None:
    answer = assistant.ask("Bình Thuận có kế hoạch SHTT không?")
    assert answer.intent == "no_plan"
    assert answer.suggestions == []
    assert phrases.PLANS_NARROW in plain_text(answer)


PLANLESS = [
    "mấy lớp, mỗi lớp bao nhiêu tiền?",
    "mỗi nhóm được bố trí bao nhiêu tiền?",
    "Sở Tài chính được giao những việc gì?",
    "Cục SHTT phối hợp những nhiệm vụ nào?",
    "Quý I có những việc gì?",
    "Kế hoạch chia nhiệm vụ thành mấy nhóm?",
    "Chỉ tiêu đến năm 2025 là gì?",
    "Bao nhiêu cơ quan phối hợp?",
    "nhiệm vụ nào tốn nhiều tiền nhất?",
    "Tổng kinh phí các nhiệm vụ là bao nhiêu?",
    "Ai chủ trì nhiệm vụ 1.1?",
    "Nhiệm vụ 2.1 làm vào quý mấy?",
    "mục tiêu của nó là gì?",
    "Mục tiêu chung của kế hoạch là gì?",
    "những hội, đoàn thể nào có tên trong phần tổ chức thực hiện?",
    "Những cơ quan nào chủ trì nhiệm vụ?",
]


@pytest.mark.parametrize("question", PLANLESS)
def test_a_summary_worked_out_from_the_tables_is_the_one_the_whole_answer_gives(
    assistant: Assistant, question: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    requests = assistant.reader.read(question).requests
    quick = assistant.run(requests)
    monkeypatch.setattr(answering, "_REACH", {})  # every plan's part built, then summarised
    built = assistant.run(requests)
    assert (plain_text(quick), quick.plan_ids, quick.answered, quick.intent) == (
        plain_text(built),
        built.plan_ids,
        built.answered,
        built.intent,
    )
    assert [(s.label, s.request) for s in quick.suggestions] == [(s.label, s.request) for s in built.suggestions]


def test_summaries_of_many_plans_are_worked_out_without_building_the_answer(assistant: Assistant) -> None:
    answerer = assistant.answerer
    quick = [q for q in PLANLESS if any(answerer._beyond_one_answer(r) for r in assistant.reader.read(q).requests)]
    assert len(quick) >= len(PLANLESS) - 2, quick


def test_passages_quoted_as_alternatives_stop_where_one_message_ends(assistant: Assistant) -> None:
    db = assistant.answerer.db
    entries = db.duties(["ninh-thuan-2022", "thai-binh-2021-2030"])
    quotes = [
        Request(
            items=Items.PASSAGES, plans=(e.plan_id,), filters=Filters(ids=(f"{e.plan_id}|responsibility|{e.section}",))
        )
        for e in entries
    ]
    task = Request(items=Items.TASKS, plans=("ninh-thuan-2022",), filters=Filters(ids=("ninh-thuan-2022:1.c",)))
    every = [*quotes, task]
    answer = assistant.run(every)
    text = plain_text(answer)
    titles = [s.title for s in answer.sections]
    assert sum(len(plain_text(assistant.run(q))) for q in quotes) > many.MESSAGE_LIMIT  # the case, not a fit
    assert len(text) <= many.MESSAGE_LIMIT
    assert plain_text(assistant.run(quotes[0])) in text  # the best-ranked passage first
    assert titles[-1] is not None and titles[-1].startswith("Nhiệm vụ 1.c")  # and every other answer kept


def test_the_index_stored_at_build_time_is_the_one_the_plans_make(assistant: Assistant) -> None:
    knowledge = assistant.knowledge
    plans = list(knowledge.plans.values())
    passages = list(plan_passages(plans))
    task_ids = [f"{p.id}:{t.number}" for p in plans for t in p.tasks]
    stored = _stored(knowledge, task_ids, len(passages))
    made = _Built.make(plans, passages, tokens={})  # every text tokenised afresh
    assert stored is not None
    assert (stored.task_ids, stored.task_postings, stored.passage_postings) == (
        made.task_ids,
        made.task_postings,
        made.passage_postings,
    )
    assert (stored.task_main, stored.df) == (made.task_main, made.df)
    assert _stored(knowledge, task_ids[1:], len(passages)) is None  # other plans: made again, never misread


def test_the_corpus_stored_at_build_time_is_the_plans_text(assistant: Assistant) -> None:
    index = assistant.reader.index
    text = corpus_text(list(plan_passages(assistant.knowledge.plans.values())), index.tasks.values())
    assert index._from_build
    assert (index.corpus("shaped"), index.corpus("folded")) == (shape(text), fold(text))


@pytest.mark.parametrize(
    "request_",
    [
        Request(items=Items.TASKS, op=Op.COUNT, filters=Filters(co_led=True)),
        Request(items=Items.TASKS, op=Op.COUNT, filters=Filters(quarters=(2,))),
        Request(items=Items.TASKS, op=Op.LIST, filters=Filters(quarters=(2,)), show=(Field.LEAD,)),
    ],
)
def test_a_request_over_every_plan_is_summarised_as_its_whole_answer_would_be(
    assistant: Assistant, request_: Request, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = request_.but(plans=assistant.answerer.db.plan_ids)
    assert assistant.answerer._beyond_one_answer(every) is not None
    quick = assistant.run(every)
    monkeypatch.setattr(answering, "_REACH", {})
    built = assistant.run(every)
    assert (plain_text(quick), quick.plan_ids, quick.answered, quick.intent) == (
        plain_text(built),
        built.plan_ids,
        built.answered,
        built.intent,
    )


def test_words_weigh_as_much_with_more_plans(assistant: Assistant, knowledge: Knowledge) -> None:
    """Thresholds on summed weight were set at 3 plans: a word no plan uses, or used in one document, must
    not weigh more once more provinces' plans are loaded (plain IDF grows with the log of the documents)."""
    few, many_ = Index(knowledge), assistant.reader.index
    assert len(many_.plans) > len(few.plans)
    assert many_.weight("xyzzy") == pytest.approx(few.weight("xyzzy"))
    assert many_.weight("xyzzy plugh") == pytest.approx(few.weight("xyzzy plugh"))


@pytest.mark.parametrize("plan_id", ["ninh-thuan-2023", "thai-binh-2021-2030"])
def test_earlier_cycles_plans_change_no_weight_in_a_question_about_the_plans_in_force(
    assistant: Assistant, knowledge: Knowledge, plan_id: str
) -> None:
    """The derived plans (2016–2020) copy the real ones' wording: weighed with them, "tuyên truyền" or
    "giao thương" weigh as scaffolding, and Thái Bình's questions found other passages than at 3 plans."""
    few, many_ = Index(knowledge), assistant.reader.index
    assert many_.in_force == set(few.plans)  # the derived plans are all of the cycle before
    grams = ["tuyen truyen", "giao thuong", "hoi cho", "ocop", "thit cuu", "xyzzy"]
    with many_.weighing():
        many_.weigh_within([plan_id])
        weighed = [many_.weight(g) for g in grams]
    assert weighed == pytest.approx([few.weight(g) for g in grams])
    with many_.weighing():
        many_.weigh_within(["bac-lieu-2020"])  # a province of the cycle before: its own plans count too
        assert many_.weight("ocop") != pytest.approx(few.weight("ocop"))
    assert many_.weight("ocop") != pytest.approx(few.weight("ocop"))  # over every plan, outside a question


@pytest.fixture(scope="module")
def three_plans(knowledge: Knowledge) -> Reader:
    """Reading over the three real plans alone."""
    return Reader(knowledge)


@pytest.mark.parametrize(
    "question",
    [
        "Thái Bình giao sở nào lo quảng bá, giao thương cho sản phẩm đặc thù?",
        "Năm 2022 Ninh Thuận giao cơ quan nào viết tin bài, làm phóng sự về SHTT?",
        "Thái Bình tuyên truyền pháp luật SHTT đến địa phương gồm những hoạt động gì?",
        "Kế hoạch 2023 của Ninh Thuận: nhiệm vụ thịt cừu kinh phí bao nhiêu?",
        "Nhiệm vụ 3.2 năm 2023 của Ninh Thuận đặt chỉ tiêu hỗ trợ bao nhiêu sản phẩm?",
    ],
)
def test_a_question_about_the_plans_in_force_is_read_as_at_three_plans(
    assistant: Assistant, three_plans: Reader, question: str
) -> None:
    few = three_plans
    assert [r.pack() for r in assistant.reader.read(question).requests] == [
        r.pack() for r in few.read(question).requests
    ]


@pytest.mark.parametrize(
    ("question", "plan_ids"),
    [
        ("kinh phí nhiệm vụ 3.3", ["ninh-thuan-2023"]),  # Bạc Liêu 2019, 2020 and Bình Định 2019 have one too
        ("Không gian hỗ trợ khởi nghiệp ĐMST DNVVN: những ai phối hợp thực hiện?", ["ninh-thuan-2022"]),
    ],
)
def test_a_question_naming_no_plan_is_answered_from_the_plans_in_force(
    assistant: Assistant, question: str, plan_ids: list[str]
) -> None:
    answer = assistant.ask(question)
    assert answer.answered
    assert answer.plan_ids == plan_ids


def test_the_plans_in_force_say_when_many_earlier_plans_answer_too(assistant: Assistant) -> None:
    text = plain_text(assistant.ask("kinh phí nhiệm vụ 3.3"))
    assert phrases.EARLIER_PLANS.format(plans=3, provinces=2) in text


def test_a_task_only_an_earlier_plan_has_is_still_found_without_naming_it(assistant: Assistant) -> None:
    plans = assistant.knowledge.plans
    title = next(t.title for t in plans["bac-lieu-2020"].tasks if t.number == "3.3")  # its own product
    answer = assistant.ask(f"Ai chủ trì nhiệm vụ {title.replace(' Bạc Liêu', '')}?")
    assert answer.answered
    assert {plans[p].province for p in answer.plan_ids} == {"Bạc Liêu"}


@pytest.mark.parametrize(
    ("documents", "most"),
    [(10, RARE_PAIR_DOCS), (131, RARE_PAIR_DOCS), (1_600, 100), (10_821, 676)],
)
def test_a_specific_phrase_is_one_few_documents_share_at_any_size(documents: int, most: int) -> None:
    """ "bản đồ số" is in 88 of 10,821 documents at 300 plans (one per plan with a product map), as in 1 of 131
    at 3 plans: a count of 8 documents would make it scaffolding, like "tài sản trí tuệ"."""
    assert math.floor(rare_pair_limit(documents)) == most


@pytest.mark.parametrize(
    ("spans", "since"),
    [
        ([(2016, 2020), (2021, 2025), (2022, 2022)], 2021),  # the cycle before is history
        ([(2021, 2025), (2024, 2025), (2022, 2022)], 2021),  # a plan for the cycle's end makes 2022 no history
        ([(2016, 2020), (2019, 2019)], 2016),
        ([(2022, 2022), (2023, 2023)], None),  # no multi-year plan: every plan is in force
    ],
)
def test_the_latest_cycle_reaches_back_over_the_multi_year_plans_that_run_into_it(
    spans: list[tuple[int, int]], since: int | None
) -> None:
    assert latest_cycle_start(SimpleNamespace(year_start=a, year_end=b) for a, b in spans) == since


@pytest.mark.parametrize(
    "text",
    [
        "tuyên truyền pháp luật sở hữu trí tuệ",
        "ho tro doanh nghiep dang ky nhan hieu",
        "Không gian hỗ trợ khởi nghiệp đổi mới sáng tạo",
        "chỉ dẫn địa lý thịt cừu, kinh phí",
        "tập huấn cán bộ thực thi quyền",
        "Sở Công Thương xúc tiến thương mại hội chợ",
    ],
)
def test_ranking_over_most_plans_by_documents_worded_alike_is_the_plain_ranking(
    assistant: Assistant, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every province's copy of a task is matched once, as a group; the ranking is the one made document by
    document (same hits, scores, words matched, order)."""
    index = assistant.reader.index
    every = list(index.plans)
    selections: list[list[str] | None] = [None, every[1:], every[::2] + every[1:2]]
    alike = [(index._rank_tasks(text, s), index._rank_passages(text, s, None)) for s in selections]
    alike.append((index._rank_tasks(text, None), index._rank_passages(text, None, ["responsibility", "target"])))
    assert all(index._most(s) for s in selections)
    monkeypatch.setattr(type(index), "_most", lambda self, plan_ids: False)
    plain = [(index._rank_tasks(text, s), index._rank_passages(text, s, None)) for s in selections]
    plain.append((index._rank_tasks(text, None), index._rank_passages(text, None, ["responsibility", "target"])))
    assert alike == plain
    assert any(len(tasks) > 5 for tasks, _ in plain)  # the case: many plans' copies matched


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("hỗ trợ nước mắm Cà Ná", "nước mắm"),
        ("nước mắmx", "nước mắm"),  # inside a longer word
        ("xnước mắm và nước mắm", "nước mắm"),  # the second one stands alone
        ("_nuoc mam", "nuoc mam"),
        ("nuoc mam_", "nuoc mam"),
        ("nuoc mam1 nuoc mam2", "nuoc mam"),
        ("tôm giống", "tôm giống"),
        ("", "tôm"),
        ("đồ thị", "thị"),
        ("ađồ", "đồ"),
    ],
)
def test_a_phrase_is_found_in_the_documents_text_as_the_pattern_finds_it(text: str, phrase: str) -> None:
    assert _has_phrase(text, phrase) == (re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None)


@pytest.fixture(scope="module")
def with_nghe_an(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """The real plans and Nghệ An's of the cycle before: Vinh, its city, is also a word of the plans ("vinh danh")."""
    data = tmp_path_factory.mktemp("nghe-an") / "data"
    make(5, data, provinces=("Nghệ An",))
    settings = Settings(_env_file=None, IPBOT_DATA_DIR=data, IPBOT_DB_PATH=data / "ipbot.db")  # type: ignore[call-arg]
    bot = Assistant.open(settings)
    yield bot
    bot.close()


def test_an_ordinary_word_of_the_plans_in_force_names_no_place_of_an_earlier_plans_province(
    with_nghe_an: Assistant,
) -> None:
    for question in (
        "Nhà mình ở Hưng Hà làm nghề dệt. KH SHTT Thái Bình có nói gì về vinh danh người sáng tạo?",
        "KH SHTT Thái Bình có nói gì về vinh danh, khen thưởng người sáng tạo ko?",
    ):
        assert with_nghe_an.ask(question).plan_ids == ["thai-binh-2021-2030"], question
    assert with_nghe_an.ask("Kế hoạch của Nghệ An có vinh danh người sáng tạo không?").plan_ids == ["nghe-an-2016-2025"]
