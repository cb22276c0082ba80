"""A new plan, imported and used as it stands, answers the questions written with it; and the readings and
wordings those questions showed were missing, checked on the curated plans too.

The questions in tests/data/unseen/*.questions.jsonl were written with the documents by someone who had not
seen the importer; they are judged as ``score.py`` judges (tests/question_sets.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from question_sets import misses

from ipbot.assistant import Assistant, build
from ipbot.describe import timeline_phrase
from ipbot.frontends.render import plain_text
from ipbot.plans.importing import draft_plan, finish, read_document, to_yaml
from ipbot.plans.load import load_registry
from ipbot.plans.models import Task
from ipbot.plans.store import read_knowledge
from ipbot.text import canon, fold

UNSEEN = Path(__file__).parent / "data" / "unseen"

# The questions still missed, and why. None is a fact the draft lacks (each is answered when asked plainly):
# - imp_d1_08, imp_d4_09, imp_d5_10 ("Kế hoạch này …") and imp_d5_07 name no province: with four plans loaded
#   the bot asks which one is meant;
# - imp_d4_01, imp_d5_02: a task named by its quoted name, its total and one source's part asked together are
#   read as a sum over sources (0), where "… kinh phí bao nhiêu, ngân sách Trung ương bao nhiêu?" is answered;
# - imp_d4_03: "kinh phí sự nghiệp khoa học và công nghệ của tỉnh bố trí cho Kế hoạch" is read as a task;
# - imp_d4_13: the district's tasks are listed by title, and 3.4's title does not reach "huyện Đakrông";
# - imp_d5_15: a plan with no amounts by year is answered "0" for one year, not "not stated".
# Two documents came later (decision-lam-dong: a decision over a plan in lettered parts, tasks as labelled a)–đ)
# fields, an appendix by year; table-ha-tinh: tasks only in a table, split rows across a repeated header). Their
# drafts hold every task, field and plan-level fact; the questions still missed are:
# - imp_d6_14: a source's amount for one year: the plan holds the total's split by year (budget.by_year), not
#   each source's (the appendix's year columns summed by source; a task's are in its budget note);
# - imp_d6_01: a task named by its quoted name, its lead, total and the central part asked together is read as
#   the central source's tasks (as imp_d4_01);
# - imp_d6_07, imp_d7_11: "doanh nghiệp, hợp tác xã phải đối ứng bao nhiêu", "vốn đối ứng của doanh nghiệp …
#   là bao nhiêu" name the co-funding source in words its label's patterns do not take;
# - imp_d6_15, imp_d7_15 (unanswerable): answered with the targets that name the same geographical indication;
# - imp_d7_06 (no diacritics), imp_d7_07 ("so với năm 2024" read as the plan's year): targets asked for;
# - imp_d7_09: tasks "không ghi số tiền" are read as tasks without a row; these three have rows with words;
# - imp_d7_12: the sum of an agency's tasks is answered with their numbers, not their titles.
# Three more came later (decision-bac-kan, portal-hau-giang, table-tuyen-quang). Their drafts hold every task's
# lead, budget and (but for one "hằng năm" keyed with the plan's years) time, and every plan-level fact; the
# questions still missed are, all but the last two groups, the reading's or the answers':
# - imp_decision-bac-kan_03, _17, imp_portal-hau-giang_16, imp_table-tuyen-quang_25: a source's tasks are
#   listed by number or short title, without the districts that lead them or the product a title leaves out;
#   imp_table-tuyen-quang_04 likewise (task 15's short title ends before "quản trị tài sản trí tuệ");
# - imp_decision-bac-kan_10: a task named by its name, its lead and amounts asked together, read as a sum;
# - imp_decision-bac-kan_21, imp_portal-hau-giang_20, _21: targets asked for by their words are not found;
# - imp_decision-bac-kan_24, imp_portal-hau-giang_23: "không bố trí kinh phí riêng" read as "no row";
# - imp_portal-hau-giang_26: the task named by its newspapers is answered from the duties; _27: the plan it
#   implements (154/KH-UBND) is not shown (_15, the co-funding named without diacritics, is answered since a
#   source label's generic words may stand between its distinctive ones);
# - imp_decision-bac-kan_30, imp_portal-hau-giang_30 (unanswerable): answered with what names the same words;
# The final report's deadline (imp_decision-bac-kan_23) and the reviews' time (imp_table-tuyen-quang_22) are answered
# since the reporting text is the whole section, not its first sentence. The issuing decision's articles are the
# plan's (`in_force`, `replaces`): its date asked as "Quyết định ban hành Kế hoạch … ký ngày nào"
# (imp_decision-bac-kan_01), "có hiệu lực từ khi nào" (_20) and the plans it replaces (imp_d6_13) are answered.
# A plan's money by year is budget.by_year ("- Năm 2026: 2.150", "Phân kỳ kinh phí theo năm: năm 2023: 830 …"):
# imp_decision-bac-kan_05 and imp_d6_02 are answered, and one year asked on its own of a plan that does not split
# its money ("Riêng năm 2024" of 2024–2030, the plan's first year) is said not stated (imp_table-tuyen-quang_29).
# Where "Tổ chức thực hiện" names another lead for a task ("Ủy ban nhân dân thị xã Long Mỹ chủ trì nhiệm vụ số (6)"
# beside the appendix's "UBND huyện Long Mỹ"), the draft records the conflict and the lead's answer says both
# (imp_portal-hau-giang_06).
# Three more came later (decision-soc-trang, portal-yen-bai, multiyear-gia-lai; /work/importdocs6). Their drafts
# hold every task's lead, time and budget and every plan-level fact; the questions still missed are:
# - st20: the proposal the decision was issued on ("Tờ trình số 37/TTr-SKHCN") is no fact of the plan model;
# - gl05: a task named by a product its short title leaves out ("cà phê" after "cho các sản phẩm:") and asked who
#   cooperates is answered from the duty that names the same words;
# - gl27: an agency's duties cite its task by number ("Chủ trì nhiệm vụ 3.c"); the answer does not say what 3.c is.
# Fixed since, in the reading and the answers: a source's tasks are listed with who leads each and, where the
# short title leaves out the product, the content's first sentence (imp_d4_13, imp_decision-bac-kan_17,
# imp_portal-hau-giang_16, imp_table-tuyen-quang_04, _25); a sum asked "… những nhiệm vụ nào" names the tasks it
# adds up (imp_decision-bac-kan_03, imp_d7_12); tasks "không ghi số tiền (cụ thể)", "không bố trí kinh phí
# riêng" are those with no row or a row of words, in a draft too (which records rows but no printed totals:
# imp_decision-bac-kan_24, imp_portal-hau-giang_23, imp_d7_09).
# Three more came later (decision-nghe-an, multiyear-ninh-binh, portal-ben-tre; /work/importdocs7). Their drafts hold
# every task's lead, time and budget and every plan-level fact; the questions still missed are:
# - na28 ("co bao nhieu nhiem vu duoc bo tri kinh phi su nghiep KH&CN tinh …") names no province: the bot asks which;
# - nb03 (unanswerable: the task names no lead): answered "chưa xác định" beside the duty that names its words, and
#   the duty counts as an answer;
# - bt16: "hỗ trợ đăng ký nhãn hiệu cho bao nhiêu sản phẩm OCOP" finds task 3, whose count ("12 sản phẩm OCOP") an
#   imported draft does not record as a quantity (the target says 15; the importer reads no task's quantities).
# Targets asked by their words are found: "tăng … so với năm 2024" names the target's base year, not a plan
# (imp_d7_07, imp_portal-hau-giang_21); "Kế hoạch … giai đoạn 2023 - 2025" the plan's own span
# (imp_decision-bac-kan_21); "lượt người" counts the people a target names (imp_portal-hau-giang_20); "đã nộp
# đơn" asks no procedure, and "mục tiêu" of a plan with targets alone is its targets (imp_d7_06).
# A source's co-funding asked "vốn đối ứng …", "phải đối ứng bao nhiêu" (imp_d7_11, imp_d6_07); a quoted name is a
# product's, not a place ("chỉ dẫn địa lý “Bình Thuận”": imp_d6_01, its task found; a source's task with its total);
# "Mục tiêu năm 2027 … là bao nhiêu" asks the targets of that year (imp_d6_08); "được ban hành để thực hiện kế hoạch
# nào" asks what the plan implements (imp_portal-hau-giang_27).
# One task chosen by its words, its lead and money asked ("… do ai chủ trì, mỗi năm bố trí bao nhiêu và tổng cộng
# bao nhiêu"), is that task's card, not a sum of one row (imp_decision-bac-kan_10); a duty that cites tasks by number
# ("Chủ trì thực hiện nhiệm vụ số (15)", "Chủ trì nhiệm vụ 3.c") says what they are, who leads them and their money
# (imp_portal-hau-giang_26, gl27).
# What has been done so far ("hiện có bao nhiêu …", "tính đến hết năm 2025 … đã cấp … cho bao nhiêu") is no figure
# of the plans: not stated, the targets beside (imp_d6_15, imp_d7_15); staff posts ("bao nhiêu biên chế") are out of
# the plans' scope (imp_decision-bac-kan_30).
# The cooperating agencies as the document lists them that no agency of the registry stands for ("các hợp tác xã cói",
# nb05) are said after the names.
# An area asked ("diện tích … bao nhiêu héc-ta", imp_portal-hau-giang_30, bt28) is a detail no plan records.
# The reading and the answers are outside the importer; a set that shrinks is good news: update it.
STILL_MISSED = {
    "decision-phu-yen": {"imp_d1_08"},
    "portal-quang-ngai": set(),
    "table-binh-phuoc": set(),
    "annual-quang-tri": {"imp_d4_09"},
    "sentences-kon-tum": {"imp_d5_07", "imp_d5_10"},
    "decision-lam-dong": {"imp_d6_14"},
    "table-ha-tinh": set(),
    "decision-bac-kan": set(),
    "portal-hau-giang": set(),
    "table-tuyen-quang": set(),
    "decision-soc-trang": set(),
    "portal-yen-bai": set(),
    "multiyear-gia-lai": {"gl05"},
    "decision-nghe-an": {"na28"},
    "multiyear-ninh-binh": {"nb03"},
    "portal-ben-tre": {"bt16"},
}


@pytest.fixture(scope="module")
def with_drafts(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> dict[str, Assistant]:
    """One assistant per unseen document: its draft beside the curated plans, as `import-text` leaves it."""
    registry = load_registry(data_dir / "agencies.yaml")
    out = {}
    for name in STILL_MISSED:
        root = tmp_path_factory.mktemp(name)
        data = root / "data"
        shutil.copytree(data_dir, data, ignore=shutil.ignore_patterns("*.db", "*.db-*", "*.tmp"))
        source = UNSEEN / f"{name}.txt"
        draft = finish(draft_plan(source, registry))
        plan_id = str(draft.data["id"])
        (data / "plans" / f"{plan_id}.yaml").write_text(to_yaml(draft), encoding="utf-8")
        (data / "sources" / f"{plan_id}.txt").write_text("\n".join(read_document(source)) + "\n", encoding="utf-8")
        build(data, root / "ipbot.db")
        out[name] = Assistant(read_knowledge(root / "ipbot.db"))
    return out


@pytest.mark.parametrize("name", sorted(STILL_MISSED))
def test_the_unseen_documents_questions_are_answered_by_the_draft(with_drafts: dict, name: str) -> None:
    failed = misses(with_drafts[name], UNSEEN / f"{name}.questions.jsonl")
    assert set(failed) == STILL_MISSED[name], failed


def _ask(assistant: Assistant, question: str) -> str:
    return canon(plain_text(assistant.ask(question)))


@pytest.mark.parametrize(
    ("question", "facts", "not_said"),
    [
        # the decision that issues the plan: its date is the plan's, asked beside "quyết định"
        (
            "Quyết định ban hành Kế hoạch SHTT tỉnh Bắc Kạn giai đoạn 2023 - 2025 ký ngày nào, do ai ký?",
            ["14/02/2023", "Lục Văn Khiêm"],
            ["Căn cứ:"],
        ),
        ("Quyết định ban hành kế hoạch SHTT của Bắc Kạn có hiệu lực từ khi nào?", ["kể từ ngày ký"], []),
        (
            "Kế hoạch SHTT Lâm Đồng 2026-2027 thay thế những kế hoạch nào?",
            ["93/KH-UBND", "617/KH-UBND", "3904/KH-UBND"],
            [],
        ),
    ],
)
def test_the_issuing_decisions_articles_are_the_plans(
    with_drafts: dict, question: str, facts: list[str], not_said: list[str]
) -> None:
    name = "decision-lam-dong" if "Lâm Đồng" in question else "decision-bac-kan"
    text = _ask(with_drafts[name], question)
    assert all(canon(f) in text for f in facts), text[:400]
    assert not any(canon(f) in text for f in not_said), text[:400]


@pytest.mark.parametrize(
    ("name", "question", "said", "answered"),
    [
        # the year on its own, beside the plan's period: that year's part
        (
            "decision-bac-kan",
            "Bắc Kạn bố trí bao nhiêu kinh phí cho kế hoạch SHTT năm 2024 (giai đoạn 2023 - 2025)?",
            "Kinh phí năm 2024: 2.530 triệu đồng",
            True,
        ),
        ("decision-lam-dong", "Kế hoạch SHTT Lâm Đồng 2026-2027 mỗi năm bao nhiêu kinh phí?", "năm 2027: 2.165", True),
        # the plan's first year asked on its own, of a plan that gives no amount by year: not stated
        (
            "table-tuyen-quang",
            "Riêng năm 2024, kế hoạch SHTT 2024 - 2030 của Tuyên Quang bố trí bao nhiêu kinh phí?",
            "không nêu kinh phí riêng cho năm 2024",
            False,
        ),
    ],
)
def test_a_plans_money_for_one_year(with_drafts: dict, name: str, question: str, said: str, answered: bool) -> None:
    answer = with_drafts[name].ask(question)
    assert canon(said) in canon(plain_text(answer)), plain_text(answer)[:400]
    assert answer.answered is answered


def test_a_total_stated_in_millions_is_said_once(with_drafts: dict) -> None:
    text = _ask(with_drafts["decision-phu-yen"], "Tổng kinh phí kế hoạch Phú Yên là bao nhiêu?")
    assert "3.160 triệu đồng" in text
    assert "3.160 triệu đồng = 3.160" not in text


# ---------------------------------------------------------------- on the curated plans
@pytest.mark.parametrize(
    ("question", "facts"),
    [
        # the plan's total and one source's part, both asked, both answered (the source alone before)
        (
            "Tổng kinh phí thực hiện kế hoạch năm 2023 của Ninh Thuận là bao nhiêu, trong đó đề xuất trung ương "
            "hỗ trợ bao nhiêu?",
            ["3.832,6 triệu đồng", "2.000 triệu đồng"],
        ),
        # "công nghệ bao nhiêu" asks for a source's amount, it adds up no rows
        (
            "Tổng kinh phí Kế hoạch sở hữu trí tuệ năm 2023 của Ninh Thuận là bao nhiêu, trong đó ngân sách tỉnh "
            "sự nghiệp khoa học và công nghệ bao nhiêu?",
            ["3.832,6 triệu đồng", "1.062,6 triệu đồng"],
        ),
        # a plan named by the words of its title is the plan, not a duty that says them
        (
            "Tổng kinh phí Kế hoạch phát triển tài sản trí tuệ tỉnh Thái Bình là bao nhiêu?",
            ["không nêu số tiền cụ thể"],
        ),
        (
            "Tổng kinh phí kế hoạch triển khai chiến lược sở hữu trí tuệ thực hiện năm 2023 của Ninh Thuận "
            "là bao nhiêu",
            ["3.832,6 triệu đồng"],
        ),
    ],
)
def test_plan_totals_asked_with_the_plans_name(assistant: Assistant, question: str, facts: list[str]) -> None:
    text = _ask(assistant, question)
    for fact in facts:
        assert canon(fact) in text, (fact, text[:300])


@pytest.mark.parametrize(
    ("question", "cut"),
    [
        ("tổng kinh phí kế hoạch phát triển tài sản trí tuệ tỉnh thái bình", True),
        ("kế hoạch thực hiện chương trình phát triển tài sản trí tuệ có mấy nhóm", True),
        # two title words only, then the topic: the topic stays
        ("kế hoạch phát triển chỉ dẫn địa lý do ai chủ trì", False),
        ("nhiệm vụ phát triển tài sản trí tuệ nào dùng ngân sách trung ương", False),  # no "kế hoạch" before it
    ],
)
def test_title_words_after_ke_hoach_name_the_plan(assistant: Assistant, question: str, cut: bool) -> None:
    index = assistant.reader.index
    folded = fold(question)
    spans = index.plan_title_spans(folded)
    assert bool(spans) is cut
    if cut:
        assert "tai san tri tue" in folded[spans[0][0] : spans[0][1]]


@pytest.mark.parametrize(
    ("timeline", "said"),
    [
        # the document's own words when they carry their year, a span or a rhythm
        ({"text": "Quý I–II/2024", "quarters": [1, 2], "year": 2024}, "Quý I–II/2024"),
        ({"text": "Quý III/2024 – Quý II/2025", "quarters": [3, 4], "year": 2024}, "Quý III/2024 – Quý II/2025"),
        ({"text": "2023–2025", "quarters": [], "year": 2023, "whole_year": True}, "2023–2025"),
        ({"text": "Hằng năm", "quarters": [], "year": 2023, "whole_year": True}, "Hằng năm"),
        # the plan's year added where the document leaves it to the plan
        ({"text": "Quý III-IV", "quarters": [3, 4], "year": 2023}, "Quý III–IV năm 2023"),
        ({"text": "Năm 2023", "quarters": [], "year": 2023, "whole_year": True}, "cả năm 2023"),
        ({"text": "Quý II năm 2024", "quarters": [2], "year": 2024}, "Quý II năm 2024"),
    ],
)
def test_a_timeline_is_said_as_the_document_writes_it(timeline: dict, said: str) -> None:
    task = Task.model_validate(
        {
            "number": "1",
            "group": "1",
            "section": "II.1",
            "title": "X",
            "content": "X",
            "budget": {"status": "not_itemised"},
            "timeline": timeline,
        }
    )
    assert timeline_phrase(task) == said


# ---------------------------------------------------------------- what a list of a source's or a sum's tasks says
@pytest.mark.parametrize(
    ("name", "question", "facts"),
    [
        # a source's tasks with who leads each: "do những huyện nào bố trí" is answered by the leads
        (
            "table-tuyen-quang",
            "Ngân sách cấp huyện trong kế hoạch SHTT 2024 - 2030 của Tuyên Quang là bao nhiêu, do những huyện nào "
            "bố trí?",
            ["550 triệu đồng", "(chủ trì: UBND huyện Yên Sơn)"],
        ),
        # the content's first sentence where the short title leaves out what the task is about
        (
            "table-tuyen-quang",
            "Nguồn xã hội hóa trong kế hoạch SHTT của Tuyên Quang dùng cho những nhiệm vụ nào?",
            ["hợp tác xã xây dựng quy chế quản trị tài sản trí tuệ"],
        ),
        # a sum asked with "những nhiệm vụ nào" names the tasks it adds up
        (
            "decision-bac-kan",
            "Ngân sách Trung ương hỗ trợ kế hoạch SHTT Bắc Kạn tổng cộng bao nhiêu và dành cho những nhiệm vụ nào?",
            ["1.300 triệu đồng", "cho sản phẩm quả hồng không hạt", "Miến dong Bắc Kạn"],
        ),
        # tasks with no amount of their own: no row, or a row of words ("Hoạt động thường xuyên", "Lồng ghép")
        (
            "portal-hau-giang",
            "Kế hoạch SHTT năm 2024 của Hậu Giang có bao nhiêu nhiệm vụ không ghi số tiền cụ thể?",
            ["3 nhiệm vụ không ghi số tiền riêng"],
        ),
    ],
)
def test_a_lists_tasks_say_what_they_are_and_who_leads(
    with_drafts: dict, name: str, question: str, facts: list[str]
) -> None:
    text = _ask(with_drafts[name], question)
    for fact in facts:
        assert canon(fact) in text, (fact, text[:600])


@pytest.mark.parametrize(
    ("question", "facts", "not_said"),
    [
        (
            "Năm 2023 Ninh Thuận, Sở Khoa học và Công nghệ chủ trì những nhiệm vụ nào và tổng kinh phí các nhiệm vụ đó "
            "là bao nhiêu?",
            ["8.367,6 triệu đồng", "• 3.3 — Chỉ dẫn địa lý Thịt cừu Ninh Thuận"],
            ["(chủ trì: Sở Khoa học và Công nghệ)"],  # the lead asked is not said again on each line
        ),
        # of tasks, "không ghi số tiền" is no row or a row of words: 3 without a row and 2 "Hoạt động thường xuyên"
        ("Kế hoạch 2023 Ninh Thuận có bao nhiêu nhiệm vụ không ghi số tiền cụ thể?", ["5 nhiệm vụ"], []),
        # of rows, it stays the rows of words
        (
            "Năm 2023 Ninh Thuận có bao nhiêu dòng trong bảng dự toán không ghi số tiền?",
            ["2 nhiệm vụ ghi"],
            ["nhiệm vụ không ghi số tiền riêng"],
        ),
    ],
)
def test_sums_and_counts_of_tasks_without_amounts(
    assistant: Assistant, question: str, facts: list[str], not_said: list[str]
) -> None:
    text = _ask(assistant, question)
    assert all(canon(f) in text for f in facts), text[:600]
    assert not any(canon(f) in text for f in not_said), text[:600]


@pytest.mark.parametrize(
    ("name", "question", "facts"),
    [
        # the proposal the decision was issued on is the plan's ("Tờ trình số …"), not its own number
        (
            "decision-soc-trang",
            "to trinh cua So KHCN Soc Trang de nghi ban hanh ke hoach 2024 so may",
            ["Tờ trình số 37/TTr-SKHCN ngày 01 tháng 3 năm 2024"],
        ),
        # an agency that only takes part: who leads the tasks it is named in
        (
            "table-tuyen-quang",
            "Hội Cam sành Hàm Yên được nhắc trong nhiệm vụ nào, ai chủ trì?",
            ["phối hợp 1 nhiệm vụ", "— chủ trì: Sở Khoa học và Công nghệ"],
        ),
        # a list line is the task's whole first sentence where the short title cuts it, said once
        (
            "table-tuyen-quang",
            "Sở KH&CN Tuyên Quang chủ trì những nhiệm vụ nào?",
            ["hợp tác xã xây dựng quy chế quản trị tài sản trí tuệ", "bảng nhiệm vụ và bảng dự toán"],
        ),
    ],
)
def test_a_plans_proposal_and_the_lines_of_a_list(with_drafts: dict, name: str, question: str, facts: list) -> None:
    text = _ask(with_drafts[name], question)
    for fact in facts:
        assert canon(fact) in text, (fact, text[:600])


@pytest.mark.parametrize(
    ("name", "question", "facts", "answered"),
    [
        # a place of a province merged in 2025 ("Hải Hậu", Nam Định's): the plan its province now issued after that
        (
            "multiyear-ninh-binh",
            "Ai chủ trì quản lý và phát triển chỉ dẫn địa lý Hải Hậu cho gạo Tám xoan?",
            ["Ủy ban nhân dân xã Hải Hậu"],
            True,
        ),
        # the commune-level committees hold a role where a named commune or ward does
        (
            "multiyear-ninh-binh",
            "Những nhiệm vụ nào trong kế hoạch Ninh Bình do UBND cấp xã, phường chủ trì?",
            ["2 nhiệm vụ", "gạo Tám xoan", "Sinh vật cảnh Vị Khê"],
            True,
        ),
        # the money by year from the table by group
        ("multiyear-ninh-binh", "Tổng kinh phí năm 2027 của kế hoạch Ninh Bình là bao nhiêu?", ["3.175 triệu"], True),
        # an area is no detail the plans record
        ("portal-ben-tre", "Diện tích bưởi da xanh của Bến Tre năm 2023 là bao nhiêu ha?", ["không nêu"], False),
        # a source named by its distinctive words, the province's name between them and "bao nhiêu"
        (
            "portal-ben-tre",
            "su nghiep KH&CN tinh ben tre bo tri bao nhieu cho ke hoach SHTT 2023",
            ["935 triệu đồng"],
            True,
        ),
        (
            "portal-ben-tre",
            "co bao nhieu nhiem vu dung nguon long ghep trong ke hoach ben tre 2023",
            ["3 nhiệm vụ"],
            True,
        ),
        # the document's words for cooperating bodies no agency stands for
        (
            "multiyear-ninh-binh",
            "Nhiệm vụ xây dựng hồ sơ chỉ dẫn địa lý cho chiếu cói Kim Sơn phối hợp với những ai?",
            ["Ủy ban nhân dân xã Phát Diệm", "Văn bản ghi thêm: các hợp tác xã cói"],
            True,
        ),
        # the base year of a target's growth is no plan asked
        (
            "table-ha-tinh",
            "Kế hoạch SHTT năm 2025 của Hà Tĩnh đặt mục tiêu số đơn đăng ký nhãn hiệu tăng bao nhiêu phần trăm so với "
            "năm 2024?",
            ["tăng ít nhất 12% so với năm 2024"],
            True,
        ),
        # "mục tiêu" of a plan that states targets alone, "đã nộp đơn" asked of a target
        (
            "table-ha-tinh",
            "Muc tieu nam 2025 cua tinh Ha Tinh ve ty le san pham OCOP 3 sao co nhan hieu duoc bao ho hoac da nop don?",
            ["Ít nhất 60% sản phẩm OCOP"],
            True,
        ),
        # what the plan implements, a plan among them
        (
            "portal-hau-giang",
            "Kế hoạch SHTT năm 2024 của Hậu Giang được ban hành để thực hiện kế hoạch nào của Ủy ban nhân dân tỉnh?",
            ["Kế hoạch số 154/KH-UBND"],
            True,
        ),
        # the co-funding named by its words, its tasks
        (
            "table-ha-tinh",
            "Tinh Ha Tinh nam 2025: von doi ung cua doanh nghiep, hop tac xa la bao nhieu va cho nhung nhiem vu nao?",
            ["80 triệu đồng", "Cam Vũ Quang"],
            True,
        ),
        # a quoted name is no place: the task it names, its lead and money
        (
            "decision-lam-dong",
            "Lâm Đồng 2026 - 2027: ai chủ trì nhiệm vụ chỉ dẫn địa lý “Bình Thuận” cho thanh long, tổng kinh phí "
            "bao nhiêu?",
            ["Sở Khoa học và Công nghệ", "1.600 triệu đồng"],
            True,
        ),
        # a duty's task cited by number: what it is, who leads it, its money
        (
            "multiyear-gia-lai",
            "Sở Công Thương Gia Lai được giao những việc gì trong kế hoạch SHTT?",
            ["Nhiệm vụ III.3.c: Tổ chức quảng bá, xúc tiến thương mại", "600 triệu đồng"],
            True,
        ),
        # one task, its lead and money: the task's card
        (
            "decision-bac-kan",
            "Hội thi Sáng tạo kỹ thuật tỉnh Bắc Kạn lần thứ VIII do ai chủ trì, mỗi năm bố trí bao nhiêu và tổng "
            "cộng bao nhiêu?",
            ["Liên hiệp các Hội Khoa học và Kỹ thuật", "mỗi năm 100 triệu đồng", "200 triệu đồng"],
            True,
        ),
        # a count of what has been done is not stated, the targets beside; staff posts are out of scope
        (
            "table-ha-tinh",
            "Theo kế hoạch SHTT năm 2025 của Hà Tĩnh, hiện có bao nhiêu tổ chức, cá nhân được cấp quyền sử dụng "
            "chỉ dẫn địa lý “Phúc Trạch”?",
            ["không có số liệu về tình hình thực tế hiện nay"],
            False,
        ),
        (
            "decision-bac-kan",
            "Kế hoạch SHTT Bắc Kạn bố trí bao nhiêu biên chế chuyên trách về sở hữu trí tuệ cho Sở Khoa học và "
            "Công nghệ?",
            ["nằm ngoài phạm vi"],
            False,
        ),
        # a time in months said as the document writes it
        (
            "decision-nghe-an",
            "Nhiệm vụ chỉ dẫn địa lý Vinh cho cam quả thực hiện trong bao lâu?",
            ["24 tháng, từ tháng 6 năm 2024 đến tháng 5 năm 2026"],
            True,
        ),
    ],
)
def test_the_later_documents_readings(with_drafts: dict, name: str, question: str, facts: list, answered: bool) -> None:
    answer = with_drafts[name].ask(question)
    text = canon(plain_text(answer))
    assert all(canon(f) in text for f in facts), text[:600]
    assert answer.answered is answered
