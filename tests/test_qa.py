"""The core, as tables of Vietnamese questions and the facts their answers must carry."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from question_sets import contains

from ipbot.answers import Attachment, Context
from ipbot.assistant import Assistant
from ipbot.frontends.render import plain_text
from ipbot.text import canon

KHCN = "Sở Khoa học và Công nghệ"
NNPTNT = "Sở Nông nghiệp và Phát triển nông thôn"


def ask(assistant: Assistant, question: str, context: Context | None = None) -> tuple[bool, str, str]:
    answer = assistant.ask(question, context)
    return answer.answered, canon(plain_text(answer)), answer.intent


def _has(text: str, fact: str) -> bool:
    """As score.py judges: a whole phrase ("Quý II" is not in "Quý III", nor "300 triệu" in "1.300 triệu")."""
    return contains(text, fact)


ANSWERED = [
    # (question, facts that must appear, intent)
    ("Ai chủ trì nhiệm vụ chỉ dẫn địa lý thịt cừu?", [KHCN, "3.3"], "lead_agency"),
    ("ai chu tri nha dam", [KHCN, NNPTNT, "2022"], "lead_agency"),
    ("ai chủ trì nhiệm vụ 3.6", [KHCN], "lead_agency"),
    ("nhiem vu 3.2 nam 2023 phoi hop voi ai", [KHCN], "cooperating_agencies"),
    # a long message with a personal preamble: the cue "có … phối hợp" must not swallow the topic words
    (
        "Tôi có bí quyết làm gốm truyền thống, năm 2022 nhiệm vụ về tri thức truyền thống do ai chủ trì, ai phối hợp?",
        ["Sở Văn hóa, Thể thao và Du lịch", KHCN],
        "lead_agency",
    ),
    ("Lớp tập huấn cho học sinh sinh viên năm 2023 làm quý mấy?", ["Quý II"], "timeline"),
    ("Nhiệm vụ thịt cừu kéo dài bao lâu?", ["24 tháng"], "timeline"),
    # no quarter or year, but the task says when: "(khi Trung ương hoàn thành … cơ sở dữ liệu)"
    ("Thái Bình: CSDL SHTT trực tuyến liên thông triển khai khi nào?", ["khi Trung ương hoàn thành"], "timeline"),
    ("kinh phi nhiem vu 3.3", ["300 triệu đồng", "1.200 triệu đồng"], "budget"),
    # two facets in one message: both answered
    ("Dự án chỉ dẫn địa lý thịt cừu: ai đứng ra làm, tiền bạc bao nhiêu ạ?", [KHCN, "300 triệu đồng"], "lead_agency"),
    (
        "lớp tập huấn cán bộ thực thi quyền SHTT 2023 kinh phí bao nhiêu và ai tổ chức?",
        [KHCN, "9,2 triệu"],
        "budget",  # asked first, answered first
    ),
    (
        "Nhiệm vụ 3.1 năm 2023 được phân bổ bao nhiêu?",
        ["200 triệu đồng", "2.000 triệu đồng", "4.800 triệu đồng"],
        "budget",
    ),
    ("Kinh phí nhiệm vụ 5.4 năm 2023?", ["Hoạt động thường xuyên"], "budget"),
    (
        "Tổng kinh phí năm 2023 bao nhiêu, từ nguồn nào?",
        ["3.832.600.000 đồng", "1.062,6 triệu đồng", "770 triệu đồng", "2.000 triệu đồng"],
        "plan_budget",
    ),
    ("Ninh Thuận năm 2022 dành bao nhiêu tiền cho SHTT?", ["5.540.000.000 đồng"], "plan_budget"),
    (
        "Tổng kinh phí SHTT năm 2022 và năm 2023 lần lượt là bao nhiêu?",
        ["5.540.000.000 đồng", "3.832.600.000 đồng"],
        "plan_budget",
    ),
    (
        "So sánh tổng kinh phí Ninh Thuận năm 2022 và 2023",
        ["5.540.000.000 đồng", "3.832.600.000 đồng", "giảm"],
        "plan_budget",
    ),
    ("Ngân sách trung ương hỗ trợ năm 2023 cho nhiệm vụ nào?", ["3.1", "2.000 triệu đồng"], "budget_by_source"),
    ("nguồn NSTW 2023 hỗ trợ những việc gì", ["3.1", "2.000 triệu đồng"], "budget_by_source"),
    ("nv 3.3 nam 2023 kp bn", ["300 triệu đồng", "1.200 triệu đồng"], "budget"),  # chat shorthand
    ("KP su nghiep KH&CN nam 2023", ["1.062,6 triệu đồng", "3.3"], "budget_by_source"),
    ("kh shtt tb lay kp tu nguon nao", ["sự nghiệp khoa học và công nghệ", "Thái Bình"], "plan_budget"),
    ("Nhiệm vụ nào năm 2023 có kinh phí lớn nhất?", ["3.1", "4.800 triệu đồng"], "budget_largest"),
    ("Kinh phí năm 2023 theo từng nhóm nhiệm vụ", ["Nhóm 3", "Nhóm 5"], "budget_by_group"),
    ("Sở NN&PTNT chủ trì những nhiệm vụ nào năm 2022?", ["3.a", "3.c", "3.e"], "tasks_by_agency"),
    ("So GD&DT phu trach chinh nhiem vu nao nam 2023?", ["5.5"], "tasks_by_agency"),
    ("Quý II năm 2023 có những việc gì?", ["3.4", "3.6", "5.1", "5.5"], "tasks_by_quarter"),
    ("Q1 2023 co nhung nhiem vu nao", ["1.1", "3.3"], "tasks_by_quarter"),
    ("Mục tiêu nhiệm vụ 3.4 năm 2023?", ["cạnh tranh"], "objective"),
    # section II.1, not the purposes of section I; the objective the words point at comes first
    ("TB muc tieu chung nang cao nhan thuc cho doi tuong nao", ["Quyền sở hữu công nghiệp", "II.1"], "objective"),
    ("Kế hoạch Thái Bình đặt chỉ tiêu gì đến năm 2025?", ["250", "8-10%", "100%"], "targets"),
    ("Thái Bình giao Sở Công Thương những việc gì?", ["giao thương"], "responsibility"),
    # Thái Bình names no lead per task: the duty in "Tổ chức thực hiện" that covers it, cited to its letter
    ("Thái Bình: ai hỗ trợ chuyên môn duy trì, phát triển chỉ dẫn địa lý đã bảo hộ?", [KHCN, "V.1.d"], "search"),
    ("Ở Thái Bình, sở nào tham mưu quản lý nhà nước về quyền tác giả?", ["Sở Văn hóa", "V.3.a"], "search"),
    ("Hạn gửi báo cáo là khi nào?", ["15 tháng 10", KHCN], "reporting"),
    ("Kế hoạch 160 do ai ký?", ["Trần Thị Bích Hằng", "Phó Chủ tịch"], "document"),
    ("Kế hoạch Thái Bình ban hành ngày nào?", ["23/11/2021"], "document"),
    ("Nhiệm vụ nào liên quan đến OCOP năm 2023?", ["3.4", "3.5"], "search"),
    ("Thái Bình khuyến khích giải quyết tranh chấp SHTT bằng hình thức nào?", ["trọng tài", "hòa giải"], "task_card"),
    ("Có những kế hoạch nào?", ["Ninh Thuận", "Thái Bình"], "plans"),
    # a column added up row by row, beside the table's own «Cộng» row and the gap between them
    (
        "Cộng cột 'NS khác của tỉnh' theo từng dòng của bảng 2023, có khớp dòng Cộng không?",
        ["500 triệu", "770 triệu"],
        "tasks_sum",
    ),
    ("cong cot NS su nghiep khoa hoc cua cac dong trong bang 2023 dc bn", ["1.017,6", "lệch 45 triệu"], "tasks_sum"),
    # a quoted quarter is a filter, not words of a note
    ("Cộng tiền phân bổ năm 2023 của các dòng ghi thời gian 'Quý II' thì được bao nhiêu?", ["977,6"], "tasks_sum"),
    ("bang 2023 co bao nhieu dong ghi thoi gian trien khai la Quy II", ["7 nhiệm vụ"], "tasks_count"),
    # co-led tasks, an agency that only cooperates, one duty entry's agencies, the agencies of the table
    ("Kế hoạch 2022 có bao nhiêu nhiệm vụ do hai cơ quan cùng chủ trì?", ["2 nhiệm vụ", "1.c", "3.c"], "tasks_count"),
    (
        "KH 2022 so Cong thuong co chu tri nv nao ko hay chi phoi hop",
        ["không chủ trì nhiệm vụ nào", "1.c"],
        "tasks_by_agency",
    ),
    (
        "Mục V.9 trong kế hoạch Thái Bình giao việc cho mấy cơ quan?",
        ["3 cơ quan", "Chi cục Hải quan Thái Bình"],
        "agencies_count",
    ),
    ("Liệt kê tất cả các cơ quan chủ trì trong bảng dự toán 2023", ["4 cơ quan", "Sở Giáo dục và Đào tạo"], "agencies"),
    # who works with an agency: those on the tasks it leads, and those leading the tasks it cooperates on
    (
        "Những ai phối hợp với Sở KHCN trong năm 2023?",
        [
            "Sở Nông nghiệp và Phát triển nông thôn (3 nhiệm vụ: 3.3, 3.4, 3.6)",
            "Sở Giáo dục và Đào tạo (1 nhiệm vụ: 5.5)",
        ],
        "agencies",
    ),
    (
        "so cong thuong lam viec voi nhung so nao nam 2022",
        ["Sở Thông tin và Truyền thông (1 nhiệm vụ: 1.c)"],
        "agencies",
    ),
    # one funding source left out of the amounts, not chosen as the only one
    (
        "Trong bảng dự toán 2023, không tính tiền đề xuất trung ương, dòng nào nhiều tiền nhất?",
        ["5.3", "420 triệu đồng", "không tính Đề xuất NSTU"],
        "budget_largest",
    ),
    ("nếu bỏ phần đề xuất NSTU ra thì tổng phân bổ năm 2023 của các dòng là bao nhiêu", ["1.517,6"], "tasks_sum"),
    # a count as a share of all the rows; two agencies' sums set side by side; the base after "so với"
    (
        "Trong bảng dự toán 2023, Sở KH&CN chủ trì bao nhiêu dòng nhiệm vụ và chiếm bao nhiêu phần trăm số dòng?",
        ["9 nhiệm vụ", "12 dòng nhiệm vụ của bảng dự toán", "75%"],
        "tasks_count",
    ),
    (
        "Năm 2023, phần việc do UBND huyện, thành phố chủ trì và phần việc do Sở GDĐT chủ trì: bên nào được bố trí"
        " nhiều tiền hơn, chênh bao nhiêu?",
        ["420 triệu đồng", "80 triệu đồng", "340 triệu đồng"],
        "tasks_difference",
    ),
    (
        "So với năm 2022, tổng kinh phí SHTT năm 2023 của Ninh Thuận giảm bao nhiêu tiền, tương đương khoảng bao"
        " nhiêu phần trăm?",
        ["1.707,4", "thấp hơn 30,82%"],
        "plan_budget_difference",
    ),
    # the rows of a topic however worded; two columns asked in two clauses
    (
        "Tính tổng kinh phí của tất cả các dòng tập huấn, bồi dưỡng (lớp học) có trong bảng dự toán năm 2023.",
        ["527,6"],
        "tasks_sum",
    ),
    (
        "Các nhiệm vụ năm 2023 có tổng thời gian thực hiện 24 tháng cộng lại có tổng kinh phí bao nhiêu, và riêng"
        " năm 2023 được bố trí bao nhiêu?",
        ["7.800", "2.800"],
        "tasks_sum",
    ),
    (
        "Năm 2023 KH SHTT NT tổng kp bn, ko tính phần TW hỗ trợ thì tỉnh tự lo bn?",
        ["1.832,6", "3.832,6"],
        "plan_budget_sum",
    ),
    # the two plans compared as a whole; a year without a plan is said, not replaced by the year beside it
    ("so sánh KH 2022 và 2023 của Ninh Thuận", ["7 nhiệm vụ có ở cả hai năm", "giảm 1.707,4"], "tasks_compare"),
    (
        "Trong tổng dự toán SHTT năm 2023 của Ninh Thuận, phần đề nghị Trung ương hỗ trợ chiếm bao nhiêu phần trăm?",
        ["52,18%"],
        "plan_budget_share",
    ),
    (
        "Riêng nhiệm vụ 3.1 chiếm khoảng bao nhiêu phần trăm tổng kinh phí dự kiến phân bổ năm 2023?",
        ["57,4%"],
        "plan_budget_share",
    ),
    (
        "Mục III của kế hoạch Thái Bình: nhóm giải pháp nào có nhiều điểm nhất?",
        ["2 nhóm cùng có nhiều nhiệm vụ nhất, mỗi nhóm 6 nhiệm vụ", "III.3", "III.6"],
        "groups_max",
    ),
    (
        "Nhiệm vụ khai thác sáng chế hết thời hạn bảo hộ năm 2022 nhằm mục tiêu gì, phối hợp với những tổ chức nào?",
        ["Mục tiêu", "Liên hiệp các Hội"],
        "objective",
    ),
    ("nv 3.2 năm 2023 bên Sở NN&PTNT chủ trì làm trong mấy quý, có kp ko", ["Quý I–II"], "lead_agency"),
    # ratios, ties counted, a group's share of all tasks, each agency's count, a group's share of the plan
    (
        "Năm 2023, kinh phí sự nghiệp KH&CN nhiều hơn kinh phí từ nguồn khác của ngành, địa phương bao nhiêu, gấp"
        " khoảng mấy lần?",
        ["292,6", "gấp 1,38 lần"],
        "plan_budget_difference",
    ),
    (
        "Khoản kinh phí nhỏ nhất ghi trong bảng dự toán 2023 là bao nhiêu, xuất hiện ở mấy dòng?",
        ["3 dòng cùng mức 9,2"],
        "budget_largest",
    ),
    (
        "Trong 5 nhóm nhiệm vụ năm 2022, nhóm nào có nhiều nhiệm vụ nhất, chiếm bao nhiêu phần trăm?",
        ["7 nhiệm vụ (38,89%"],
        "groups_max",
    ),
    (
        "Trong bảng 2023, Cục Sở hữu trí tuệ và Sở NN&PTNT mỗi bên có tên là cơ quan phối hợp ở bao nhiêu dòng?",
        ["2 nhiệm vụ do Cục Sở hữu trí tuệ phối hợp", "4 nhiệm vụ do Sở Nông nghiệp và Phát triển nông thôn phối hợp"],
        "tasks_count",
    ),
    (
        "Riêng nhóm 3 được phân bổ bao nhiêu tiền trong năm 2023, chiếm khoảng bao nhiêu phần trăm tổng dự toán năm?",
        ["76,97%", "3.832,6"],
        "plan_budget_share",
    ),
    (
        "Nhóm 5 trong bảng 2023 được bố trí tổng cộng bao nhiêu tiền trong năm, trong đó bao nhiêu là từ NS sự nghiệp"
        " khoa học?",
        ["518,4", "NS sự nghiệp khoa học 18,4"],
        "tasks_sum",
    ),
    (
        "Có bao nhiêu việc trong bảng 2023 ghi đúng 'Quý I', và năm 2023 chúng được bố trí tổng cộng bao nhiêu?",
        ["2 nhiệm vụ", "340 triệu"],
        "tasks_count",
    ),
    # who is asking, before a comma; a question that ends in "ko"; "của tỉnh" names no task
    (
        "bo e la nong dan o Dong Hung tu che may gat lua, KH SHTT Thai Binh co vinh danh khen thuong nhung nguoi nhu"
        " vay ko",
        ["III.6.đ", "Vinh danh"],
        "task_card",
    ),
    (
        "DN minh o Thai Binh bi lam gia nhan hieu. KH SHTT cua tinh giao nhung co quan nao tang cuong thuc thj quyen"
        " SHTT, xu ly hang vi pham vay?",
        ["III.3.b", "Công an tỉnh", "V.9"],
        "search",
    ),
    # "phân bổ" leaves no source out; "phần nhiệm vụ" names no source; a deadline year is no plan year
    ("kinh phí phân bổ từ TW năm 2023 bao nhiêu", ["2.000 triệu"], "budget_by_source"),
    ("dòng nào được phân bổ nguồn khác nhiều nhất", ["5.3", "420 triệu"], "budget_largest"),
    ("phần nhiệm vụ cấp trung ương tổng kinh phí bao nhiêu", ["3.1", "4.800"], "budget"),
    ("ninh thuận 2023 ai chủ trì nhiệm vụ 3.3, kéo dài đến năm 2025 không", [KHCN], "lead_agency"),
    ("Ninh Thuận năm 2022 theo Nghị quyết 14 đến năm 2025 hỗ trợ mấy sáng chế", ["01 sáng chế"], "quantity"),
    # an agency named in no task: its duties say whom it works with
    (
        "Sở Tài chính năm 2023 phối hợp với ai",
        ["Sở Tài chính", "Phối hợp với Sở Khoa học và Công nghệ"],
        "responsibility",
    ),
    ("Mục III kế hoạch Thái Bình nhóm nào có ít điểm nhất", ["Nhóm III.2"], "groups_min"),
    ("nv 3.6 năm 2023 gấp mấy lần nv 3.4 về tổng kinh phí", ["1.800 gấp 3,6 lần 500"], "tasks_difference"),
    ("nhiệm vụ 3.1 có chiếm quá nửa tổng phân bổ năm 2023 không", ["57,4%"], "plan_budget_share"),
    ("cộng tổng kinh phí các dòng tập huấn, bồi dưỡng năm 2023", ["527,6"], "tasks_sum"),
    ("kế hoạch 2023 của Ninh Thuận có gì mới", ["7 nhiệm vụ có ở cả hai năm", "Mới năm 2023"], "tasks_compare"),
    (
        "các nhiệm vụ Sở KHCN chủ trì năm 2022 phối hợp với những tổ chức nào",
        ["Liên hiệp các Hội Khoa học và Kỹ thuật"],
        "agencies",
    ),
    (
        "Ninh Thuận có kế hoạch 2024 không? Năm 2023 thì tổng kinh phí bao nhiêu?",
        ["năm 2024", "3.832,6"],
        "plan_budget",
    ),
    # a plan that assigns work by agency: who does a task is the entry its own words clearly point to
    ("KH SHTT Thai Binh: kiem soat hang xuat nhap khau do co quan nao lo?", ["V.9", "Hải quan", "III.3.c"], "search"),
    # plan facts asked together: its number and date, its money, where it was sent
    (
        "Kế hoạch SHTT của Thái Bình mang số hiệu gì, ban hành ngày nào, và được gửi tới những cơ quan trung ương nào?",
        ["160/KH-UBND", "23/11/2021", "Nơi nhận"],
        "document",
    ),
    (
        "KH 2022 của Ninh Thuận triển khai quyết định số mấy, tổng kinh phí bao nhiêu, lấy từ nguồn nào",
        ["2367", "5.540"],
        "document",
    ),
    (
        "Trong 6 nhóm giải pháp của KH Thái Bình, nhóm nào có nhiều điểm (a, b, c…) nhất?",
        ["III.3", "III.6"],
        "groups_max",
    ),
    # which tasks say a word in their own text: every one, not the closest few
    (
        "Kế hoạch 2023 của Ninh Thuận có những nhiệm vụ nào nhắc trực tiếp đến sản phẩm OCOP? Liệt kê đủ.",
        ["4 nhiệm vụ", "3.2", "3.4", "3.5", "5.3"],
        "search",
    ),
    # "TW đề xuất" is the source's name, not words of a task; "tổng kp TW" is that source's total
    ("KH SHTT 2023 cua NT tong kp TW de xuat la bn", ["2.000 triệu"], "budget_by_source"),
    # a group's count, then how many of it have a row: both, and "trong đó" refers to the group
    (
        "Nhóm 3 trong kế hoạch 2023 của Ninh Thuận gồm mấy nhiệm vụ, và mấy nhiệm vụ trong đó có dòng trong bảng dự"
        " toán?",
        ["6 nhiệm vụ thuộc nhóm 3", "5 nhiệm vụ thuộc nhóm 3"],
        "tasks_count",
    ),
    # a source named and another left out: the one named is the column asked
    (
        "Năm 2023, dòng nào được phân bổ nhiều tiền nhất từ ngân sách sự nghiệp khoa học (không tính phần đề xuất"
        " trung ương)?",
        ["3.3", "3.6", "300 triệu"],
        "budget_largest",
    ),
    # an agency's tasks with who co-leads each and what each aims at, when the question asks it
    (
        "Sở TT&TT năm 2022 cùng ai chủ trì nhiệm vụ gì, nhiệm vụ đó hướng tới điều gì?",
        ["1.c", "chủ trì: Sở Thông tin và Truyền thông; Sở Khoa học và Công nghệ", "mục tiêu:"],
        "tasks_by_agency",
    ),
    ("Nhiệm vụ nào năm 2023 liên quan đến sản phẩm OCOP?", ["4 nhiệm vụ", "3.2", "3.4", "3.5", "5.3"], "search"),
    # the two sides named in a sentence before the question ("… mỗi bên … Bên nào …?")
    (
        "Năm 2023, UBND các huyện, thành phố và Sở GD&ĐT mỗi bên chủ trì một dòng trong bảng dự toán. Dòng của bên"
        " nào có kinh phí lớn hơn, lớn hơn bao nhiêu?",
        ["420 triệu đồng", "80 triệu đồng", "340 triệu đồng"],
        "tasks_difference",
    ),
    # "… có … không, ai …": two questions, and that "không" negates nothing
    (
        "2023 tinh co nv nao ve NHTT ko, ai phoi hop vs so KHCN",
        ["3.6", "Phối hợp: Sở Nông nghiệp và Phát triển nông thôn"],
        "task_card",
    ),
    (
        "Trong phần nội dung KH 2022, Sở NN&PTNT chủ trì (kể cả đồng chủ trì) bao nhiêu nhiệm vụ?",
        ["3 nhiệm vụ"],
        "tasks_count",
    ),
    (
        "Thái Bình có giao việc cho các hội, đoàn thể nào không?",
        ["4 tổ chức hội, đoàn thể", "Hội Nông dân tỉnh"],
        "agencies",
    ),
    (
        "kế hoạch SHTT 2022 của tỉnh giao UBND cấp huyện chủ trì những nhiệm vụ nào?",
        ["2 nhiệm vụ", "5.c"],
        "tasks_by_agency",
    ),
    (
        "Giờ Ninh Thuận nhập vào Khánh Hòa rồi, nhưng cho hỏi kế hoạch SHTT 2023 của Ninh Thuận cũ hỗ trợ bao nhiêu sp"
        " OCOP?",
        ["05 sản phẩm OCOP"],
        "quantity",
    ),
    # a plan that assigns work by agency: the one duty entry that clearly answers "which agencies"
    ("KH SHTT Thai Binh giao nhung co quan nao xu ly hang gia, vi pham SHTT?", ["Công an tỉnh", "V.9"], "search"),
    # … and, with no clear winner, the few entries close to the best: each holds the duty
    (
        "Ở Thái Bình những cơ quan nào phải tăng cường công tác thực thi quyền SHTT?",
        ["Công an tỉnh", "V.9", KHCN, "V.1", "Sở Văn hóa, Thể thao và Du lịch", "V.3"],
        "search",
    ),
    # both ends of a ranking asked in one message
    (
        "Trong bảng dự toán 2023, dòng nào có tổng kinh phí thực hiện lớn nhất, và mức nhỏ nhất là bao nhiêu?",
        ["3.1", "4.800 triệu đồng", "3 dòng cùng mức 9,2 triệu đồng"],
        "budget_largest",
    ),
    # how long, not how much: each task's duration, never a money difference
    (
        "Nhiệm vụ 3.1 và nhiệm vụ 3.4 năm 2023, cái nào có tổng thời gian thực hiện dài hơn, mỗi cái bao nhiêu tháng?",
        ["24 tháng", "12 tháng"],
        "timeline",
    ),
    # the groups and the plan's money, asked together ("tổng dự toán cả năm" is the year's total, no filter)
    (
        "Kế hoạch SHTT 2023 của Ninh Thuận chia thành mấy nhóm nhiệm vụ, và tổng dự toán cả năm là bao nhiêu?",
        ["5 nhóm", "3.832,6 triệu đồng"],
        "groups",
    ),
    ("nhóm nào nhiều tiền nhất năm 2023?", ["Cao nhất (tổng kinh phí): Nhóm 3"], "budget_by_group"),
    # an agency's count asked of "Tổ chức thực hiện" (or of a plan that assigns work there): its points
    (
        "Trong phần tổ chức thực hiện, Thái Bình giao Sở NN&PTNT bao nhiêu đầu việc?",
        ["5 việc", "V.2", "e)"],
        "responsibility_count",
    ),
    ("Thái Bình giao Công an tỉnh mấy việc?", ["2 việc", "V.9", "chung với cơ quan khác"], "responsibility_count"),
    # "sở tôi" is the agency the person works at, though another is named as its partner (said after it, the
    # agency named is the subject)
    (
        "Tôi công tác ở Sở NN&PTNT Ninh Thuận. Năm 2022 sở tôi chủ trì bn nhiệm vụ SHTT, có cái nào làm chung với Sở"
        " KH&CN ko?",
        ["3 nhiệm vụ", NNPTNT, "3.c"],
        "tasks_count",
    ),
    # a task of such a plan asked by number: the entries its own words point to (which agencies: every close one)
    ("Thái Bình: những cơ quan nào lo nhiệm vụ III.3.b?", ["Công an tỉnh", "V.9", KHCN, "V.1", "III.3.b"], "search"),
    ("Tôi làm ở Báo Ninh Thuận. Kế hoạch SHTT 2023 giao báo chúng tôi làm gì?", ["IV.4", "tin, bài"], "responsibility"),
    ("o Thai Binh so nao duoc giao chung muc voi so GD?", ["Sở Lao động - Thương binh và Xã hội", "V.8"], "agencies"),
    ("tổng kinh phí năm 2022 lấy từ những nguồn nào?", ["5.540", "Nguồn kinh phí"], "plan_budget"),
    ("tong kinh phi thuc hien cua nhom 5 nam 2023 la bao nhieu?", ["518,4 triệu đồng"], "tasks_sum"),
    (
        "Trong bảng 2023, dòng nào có tổng kinh phí thực hiện lớn nhất? Dòng nhỏ nhất là bao nhiêu?",
        ["4.800", "9,2"],
        "budget_largest",
    ),
    (
        "nguon nao lon nhat trong du toan 2023, chiem bao nhieu %?",
        ["Dự kiến kinh phí Trung ương", "52,18%"],
        "budget_by_source_max",
    ),
    (
        "em la sv luat, hoi ve KH 2022 cua Ninh Thuan: So KH&DT va So TC duoc giao cung lam viec gi?",
        ["Sở Kế hoạch và Đầu tư", "IV.2.đ"],
        "responsibility",
    ),
    (
        "toi la can bo So NN&PTNT Ninh Thuan. nam 2023 so toi chu tri nv nao, lam trong thoi gian nao?",
        ["3.2", "Quý I–II năm 2023"],
        "tasks_by_agency",
    ),
    (
        "nam 2022 so VHTTDL co ten trong nhung nv nao, ke ca chu tri lan phoi hop",
        ["2 nhiệm vụ", "3.đ", "1.a"],
        "tasks_by_agency",
    ),
    # one task in each of the two years compared
    (
        "Lớp tập huấn cho các chủ thể OCOP ở huyện năm 2022 và năm 2023 khác nhau gì về cơ quan chủ trì, số lớp?",
        ["5.c", "5.3", "UBND các huyện, thành phố", "02 lớp"],
        "lead_agency",
    ),
    ("Có mấy nhiệm vụ do Sở KH&CN chủ trì năm 2022?", ["13 nhiệm vụ"], "tasks_count"),
    ("cong ca 3 lop cung muc 9,2 trieu trong bang 2023 thi duoc bao nhieu?", ["27,6 triệu đồng"], "tasks_sum"),
    ("Những dòng nào trong bảng 2023 có tổng kinh phí trên 1.000 triệu?", ["3.1", "3.3", "3.6"], "tasks_overview"),
    # "có phải Sở X chủ trì … không?": the task's own lead answers it
    (
        "Có phải Sở KH&CN chủ trì các lớp tập huấn cho chủ thể OCOP ở từng huyện năm 2022 không?",
        ["5.c", "UBND các huyện, thành phố"],
        "lead_agency",
    ),
    # two questions in one sentence: the count, then the sum of the rows counted
    (
        "Bang du toan 2023 co bao nhieu dong ghi thoi gian trien khai dung la 'Quy II', va tong kinh phi thuc hien cua"
        " cac dong do la bao nhieu?",
        ["7 nhiệm vụ", "2.827,6 triệu đồng"],
        "tasks_count",
    ),
    (
        "Gộp nhiệm vụ 3.3 và 3.4 năm 2023: tổng kinh phí thực hiện, số phân bổ năm 2023 và phần còn lại bao nhiêu?",
        ["1.700 triệu đồng", "450 triệu đồng", "1.250 triệu đồng"],
        "tasks_sum",
    ),
    (
        "tổng du toan SHTT nam 2023 cua Ninh Thuan la bn, trong do trung uong bn?",
        ["3.832,6", "2.000 triệu đồng"],
        "plan_budget",
    ),
    (
        "Trong bang du toan 2023, So Khoa hoc va Cong nghe (ke ca ghi 'So KH-CN') chu tri bao nhieu dong nhiem vu?",
        ["9 nhiệm vụ"],
        "tasks_count",
    ),
    (
        "Những dòng trong bảng 2023 mà tổng kinh phí thực hiện đúng bằng số phân bổ năm 2023 có bao nhiêu dòng?",
        ["6 nhiệm vụ", "5.5"],
        "tasks_count",
    ),
    ("Kế hoạch SHTT năm 2023 của Ninh Thuận do lãnh đạo nào ký?", ["Lê Huyền"], "document"),
    ("thai binh nhung hoi, doan the nao duoc giao nhiem vu trong ke hoach shtt", ["Hội Nông dân tỉnh"], "agencies"),
    (
        "Trong bảng dự toán 2023, có bao nhiêu dòng nhiệm vụ được ghi là 'Hoạt động thường xuyên'?",
        ["5 nhiệm vụ"],
        "tasks_count",
    ),
    (
        "Tôi là cán bộ Cục Quản lý thị trường tỉnh Ninh Thuận. Kế hoạch SHTT năm 2022 giao chúng tôi làm gì?",
        ["thanh tra, kiểm tra"],
        "responsibility",
    ),
    (
        "Không tính phần Trung ương, năm 2023 Ninh Thuận tự bố trí bao nhiêu tiền, chiếm bao nhiêu % tổng dự toán?",
        ["1.832,6 triệu đồng", "47,82%"],
        "plan_budget_sum",
    ),
    (
        "Giả sử Trung ương không duyệt khoản đề xuất, thì tiền SHTT năm 2023 của Ninh Thuận còn lại bao nhiêu?",
        ["1.832,6 triệu đồng"],
        "plan_budget_sum",
    ),
    (
        "ke hoach shtt thai binh so may, ban hanh ngay nao, thuc hien nhung quyet dinh nao cua thu tuong",
        ["160/KH-UBND", "23/11/2021", "1068/QĐ-TTg"],
        "document",
    ),
    (
        "Nhiệm vụ tuyên truyền SHTT trên truyền thông đại chúng năm 2022 gồm những hoạt động gì và ai chủ trì?",
        ["26/4", "Sở Khoa học và Công nghệ"],
        "task_card",
    ),
    # one target at two milestones
    (
        "KH Thái Bình: số đơn vị sản xuất kinh doanh có cán bộ được tập huấn tăng thêm bao nhiêu từ 2025 đến 2030?",
        ["tăng thêm 100", "250 → 350, tức 40%"],  # the change as a share of the first milestone too
        "targets_difference",
    ),
    # a second question about the rows the first one listed: one list, showing what it asks
    (
        "Trong KH 2022, nhiệm vụ nào do Sở Nông nghiệp và PTNT chủ trì một mình (không đồng chủ trì)? Các nhiệm vụ đó"
        " phối hợp với sở nào?",
        ["2 nhiệm vụ", "3.a", "3.e", "phối hợp: Sở Khoa học và Công nghệ"],
        "tasks_by_agency",
    ),
    (
        "Trong bảng 2023, những dòng nào có tổng thời gian thực hiện 24 tháng? Tổng kinh phí thực hiện của các dòng đó"
        " cộng lại là bao nhiêu?",
        ["3.1", "7.800 triệu đồng"],
        "tasks_overview",
    ),
    # rows picked by their money list their amounts; the table's own «Cộng» row is quoted, not summed
    (
        "Kể hết các dòng trong bảng dự toán 2023 có lấy tiền từ ngân sách sự nghiệp khoa học.",
        ["4.1", "9,2 triệu"],
        "budget_by_source",
    ),
    ("Dòng 'Cộng' của bảng dự toán 2023 ghi bao nhiêu ở từng cột?", ["9.128,6"], "plan_budget"),
    ("KH 2022: tong kinh phi bn, bang chu ghi the nao, nguon tu dau", ["5.540", "Năm tỷ"], "plan_budget"),
    (
        "toi la can bo phong kinh te Ninh Phuoc. nam 2023 huyen to chuc may lop tap huan SHTT cho chu the OCOP, tien"
        " lay o dau",
        ["02 lớp", "NS khác của tỉnh"],
        "quantity",
    ),
    (
        "Tổng dự toán năm 2023 của Ninh Thuận bằng bao nhiêu phần trăm tổng kinh phí năm 2022?",
        ["bằng 69,18%"],
        "plan_budget_share",
    ),
    # one agency's part, year against year: its tasks each year and its duty entries in both plans
    (
        "Phần tổ chức thực hiện giao cho Hội Doanh nhân trẻ năm 2022 và năm 2023 khác nhau ở điểm nào?",
        ["huy động kinh phí", "Liên hiệp các Hội Khoa học và Kỹ thuật", "Chỉ năm 2022"],
        "tasks_compare",
    ),
    # who is asking, said in the same sentence, is not a filter of the question
    (
        "Anh làm bên Sở Tài chánh, cần số nhanh: KH SHTT 2023 tổng dự toán bn tiền, TW dự kiến hỗ trợ bn?",
        ["3.832,6 triệu", "2.000 triệu"],
        "plan_budget",
    ),
    # "…, còn năm 2023 …" keeps the agency and the group the question before was about
    (
        "Sở Giáo dục và Đào tạo Ninh Thuận: năm 2022 có chủ trì nhiệm vụ nào không, "
        "còn năm 2023 được giao chủ trì việc gì?",
        ["5.5"],
        "tasks_by_agency",
    ),
    (
        "Nhóm nhiệm vụ phát triển các hoạt động hỗ trợ về SHTT: năm 2022 ghi những gì, còn năm 2023 cụ thể hóa "
        "thành những hoạt động nào?",
        ["4.1", "4.2"],
        "tasks_overview",
    ),
    # "tính cả phần …" ends at its comma: the group after it still selects the rows
    (
        "Tính cả phần đề xuất ngân sách trung ương, tổng số tiền dự kiến phân bổ trong năm 2023 cho các nhiệm vụ "
        "nhóm 3 (khai thác TSTT) là bao nhiêu?",
        ["2.950 triệu"],
        "tasks_sum",
    ),
    # "(kể cả A, B và C)" names some of the rows meant, not all of them
    (
        "Cộng kinh phí của tất cả các dòng tổ chức lớp tập huấn, bồi dưỡng trong bảng dự toán 2023 (kể cả lớp tại "
        "trạm IP Platform, lớp cho chủ thể OCOP ở huyện và lớp cho học sinh, sinh viên) thì được bao nhiêu?",
        ["527,6 triệu"],
        "tasks_sum",
    ),
    (
        "Trong bảng dự toán 2023, những dòng nhiệm vụ nào không được bố trí đồng nào từ NS sự nghiệp khoa học?",
        ["không dùng NS sự nghiệp khoa học", "3.2", "5.5"],
        "budget_by_source",
    ),
    # "có nói … không" frames the question; "lấy từ nguồn nào" is money
    (
        "Em là kế toán ở xã bên Thuận Bắc, KH SHTT 2022 của NT có nói kp lấy từ nguồn nào ko ạ?",
        ["Kế hoạch SHTT năm 2022", "sự nghiệp"],
        "plan_budget",
    ),
    # the 2022 text gives the class its topic ("với chủ đề …")
    (
        "Lớp tập huấn cho cán bộ quản lý nhà nước về SHTT năm 2022 có chủ đề gì?",
        ["Xây dựng và phát triển thương hiệu cho các sản phẩm OCOP"],
        "task_card",
    ),
    # the second question's words are the first one's task's own note, though another task shares some
    (
        "Nhiệm vụ 3.1 năm 2023 triển khai vào quý nào? Và cột ghi chú nói đăng ký đề xuất nguồn vốn của chương "
        "trình nào?",
        ["Quý III", "Chương trình phát triển tài sản trí tuệ"],
        "timeline",
    ),
    # "mọi" frames the list: every task that mentions the topic, not the one that matches best
    (
        "Liệt kê mọi nhiệm vụ trong phần nội dung KH 2022 của Ninh Thuận có nhắc tới sản phẩm OCOP.",
        ["1.c", "3.a", "3.e", "3.g", "5.c"],
        "search",
    ),
    # "những ai phối hợp với sở KHCN" asks who works with it on the task named, not which tasks it has
    (
        "Nhà e ở Ninh Phước nuôi tôm giống. Năm 2022 vụ NHCN tôm giống thì những ai phối hợp với sở KHCN vậy?",
        ["3.d", "chủ sở hữu"],
        "cooperating_agencies",
    ),
    # a task's share is of the column named after "chiếm … %", not of the one that names the part
    (
        "Với nhiệm vụ 3.1 năm 2023, phần NS sự nghiệp khoa học bố trí năm 2023 chiếm bao nhiêu phần trăm tổng kinh "
        "phí thực hiện của nhiệm vụ?",
        ["4,17%", "200 / 4.800"],
        "plan_budget_share",
    ),
    # "có ghi tổng thời gian thực hiện (12 hoặc 24 tháng)": every task that states a length, not one length
    (
        "Bốn nhiệm vụ năm 2023 có ghi tổng thời gian thực hiện (12 hoặc 24 tháng) có tổng kinh phí thực hiện bình "
        "quân mỗi nhiệm vụ là bao nhiêu?",
        ["2.075 triệu", "8.300 : 4"],
        "tasks_sum",
    ),
    # ", và trong KH Thái Bình thì cục này …": a second question, about the agency just named
    (
        "Cục Quản lý thị trường được giao việc gì trong KH 2022 của Ninh Thuận, và trong KH Thái Bình thì cục này "
        "được xếp chung với những cơ quan nào?",
        ["IV.2.g", "Công an tỉnh", "Chi cục Hải quan"],
        "responsibility",
    ),
    # a tone slipped in a province's name still names it (a different vowel, "năm định", does not)
    ("Kế hoạch Ninh Thuân năm 2023 tổng kinh phí bao nhiêu?", ["3.832,6 triệu"], "plan_budget"),
    # a target year aimed at one province's plan keeps the other province named
    (
        "Ninh Thuận 2023 và Thái Bình đến 2030 có chỉ tiêu gì về tập huấn?",
        ["Kế hoạch SHTT năm 2023 tỉnh Ninh Thuận", "160/KH-UBND"],
        "targets",
    ),
    # an agency's part across two years, on one topic: its tasks on that topic only
    (
        "nhiem vu OCOP cua so NN nam 2022 va 2023 khac nhau the nao",
        ["3.e (2022) ↔ 3.4 (2023)", "liên quan đến điều được hỏi"],
        "tasks_compare",
    ),
    # "con số cụ thể về số lớp" asks a count, not money
    ("Lớp tập huấn cho học sinh năm 2023 có con số cụ thể về số lớp không?", ["02 lớp"], "quantity"),
    # ", và Sở X chủ trì …" starts a second question, which keeps the first one's plan (its year too)
    (
        "Bảng dự toán 2023 của Ninh Thuận có tất cả bao nhiêu dòng nhiệm vụ, và Sở KH&CN đứng tên chủ trì bao "
        "nhiêu dòng trong số đó?",
        ["12 nhiệm vụ", "9 nhiệm vụ"],
        "tasks_count",
    ),
    # "cán bộ phụ trách" names people, it asks no one who is in charge: the target is the answer
    (
        "Đến năm 2025, Thái Bình đặt mục tiêu gì về đào tạo cho cán bộ phụ trách quản lý nhà nước về SHTT?",
        ["100%", "Chỉ tiêu đến năm 2025"],
        "targets",
    ),
    # a task's money names what is left after the plan's year; "các năm sau" is no year of its own
    (
        "Nhiệm vụ CDĐL Thịt cừu: tổng kinh phí bao nhiêu, năm 2023 được phân bổ bao nhiêu, còn lại bao nhiêu cho "
        "các năm sau?",
        ["1.200 triệu", "300 triệu", "900 triệu"],
        "budget",
    ),
    # ", và tổng dự toán năm 2023 …" is a question of its own: the plan's total, not the largest task
    (
        "KH 2023 của Ninh Thuận có mấy nhóm nhiệm vụ, nhóm nào nhiều nhiệm vụ nhất, và tổng dự toán năm 2023 là "
        "bao nhiêu?",
        ["5 nhóm", "Nhóm 3", "3.832,6 triệu"],
        "groups_max",
    ),
    # a generic group the plans name instead of an agency, quoted whole, selects the tasks that name it
    (
        "Trong KH 2022 của Ninh Thuận, những nhiệm vụ nào có 'cơ quan chuyên môn liên quan' trong danh sách phối "
        "hợp? Liệt kê đủ.",
        ["5 nhiệm vụ", "1.b", "3.c"],
        "tasks_by_agency",
    ),
    # "giao chung một mục cho những hội nào": the associations of "Tổ chức thực hiện"
    (
        "KH 2023 của Ninh Thuận giao chung một mục cho những hội, hiệp hội nào?",
        ["Hội Doanh nhân trẻ", "Hiệp hội Doanh nghiệp", "Liên hiệp các Hội Khoa học và Kỹ thuật"],
        "agencies",
    ),
    # ", và sang KH 2023 là những lớp nào?": a second question about the same agency, the next year
    (
        "Cục Sở hữu trí tuệ được ghi là cơ quan phối hợp ở những lớp nào trong KH 2022 của Ninh Thuận, và sang "
        "KH 2023 là những lớp nào?",
        ["5.a", "Nhiệm vụ Cục Sở hữu trí tuệ chủ trì hoặc phối hợp — Kế hoạch SHTT năm 2023"],
        "tasks_by_agency",
    ),
    # tasks chosen by stating their length say it on their line
    (
        "Những nhiệm vụ nào trong bảng dự toán 2023 có ghi tổng thời gian thực hiện, mỗi cái bao nhiêu tháng?",
        ["4 nhiệm vụ", "tổng thời gian thực hiện 24 tháng", "tổng thời gian thực hiện 12 tháng"],
        "tasks_overview",
    ),
    # "sở anh" after "Anh ở Sở GD&ĐT": the agency the person named
    (
        "Anh ở Sở GD&ĐT, năm 2023 sở anh chủ trì việc gì, kinh phí bao nhiêu?",
        ["5.5", "Sở Giáo dục và Đào tạo", "80 triệu"],
        "tasks_by_agency",
    ),
    # unaccented "chi o so" is "chỉ ở sở": no introduction, the agency stays the filter
    ("chi o so KHCN, nam 2023 co bao nhieu nv duoc giao chu tri", ["9 nhiệm vụ"], "tasks_count"),
    # a long answer about two plans of the province named stays the answer, not "which province?"
    (
        "Ninh Thuận: Sở KHCN chủ trì những nhiệm vụ nào, kể đủ nội dung?",
        ["13 nhiệm vụ", "1.a", "5.4"],
        "tasks_by_agency",
    ),
    # a topic's task goes on the next year under other words: its namesake is compared, not "only in 2022"
    (
        "nhiệm vụ chỉ dẫn địa lý năm 2022 và 2023 khác nhau thế nào",
        ["Nha đam", "Thịt cừu", "3.d (2022) ↔ 3.6 (2023)"],
        "tasks_compare",
    ),
]


@pytest.mark.parametrize(("question", "facts", "intent"), ANSWERED)
def test_answered(assistant: Assistant, question: str, facts: list[str], intent: str) -> None:
    answered, text, got_intent = ask(assistant, question)
    assert answered, text
    assert got_intent == intent, text
    for fact in facts:
        assert _has(text, fact), f"{fact!r} missing from: {text}"


@pytest.mark.parametrize(("question", "facts", "intent"), ANSWERED[:8])
def test_same_answer_without_diacritics(assistant: Assistant, question: str, facts: list[str], intent: str) -> None:
    stripped = (
        "".join(c for c in unicodedata.normalize("NFD", question) if not unicodedata.combining(c))
        .replace("đ", "d")
        .replace("Đ", "D")
    )
    assert ask(assistant, stripped)[1] == ask(assistant, question)[1]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_nfc_and_nfd_input_agree(assistant: Assistant, form: str) -> None:
    question = unicodedata.normalize(form, "Ai chủ trì nhiệm vụ thịt cừu?")
    assert _has(ask(assistant, question)[1], KHCN)


NOT_ANSWERED = [
    # the plans do not state what is asked: answered is False and the reply says so
    ("Nhiệm vụ nhãn hiệu chứng nhận tôm giống năm 2022 được cấp bao nhiêu tiền?", "không nêu kinh phí"),
    # the number asked the way a phone types it: the document has none, said once
    ("ke hoach shtt ninh thuan 2022 so may vay", "Văn bản không ghi số ký hiệu"),
    ("ke hoach 2022: xay dung quy che phoi hop lien nganh lam vao quy may", "không nêu quý"),
    ("Ai chủ trì nhiệm vụ 3.5 năm 2023?", "không nêu cơ quan chủ trì"),
    # market prices and how far a task has got are not in any plan
    ("gia thit cuu Ninh Thuan hien nay bn 1 kg?", "ngoài phạm vi"),
    ("nhiệm vụ 3.3 năm 2023 đã hoàn thành chưa?", "ngoài phạm vi"),
    # no lead, and no duty in its own plan covers it: not another plan's duties
    ("Ai chủ trì hỗ trợ đăng ký bảo hộ giống cây trồng mới ở Ninh Thuận?", "không nêu cơ quan chủ trì"),
    ("cơ quan nào chủ trì đào tạo cán bộ bảo vệ quyền SHTT ở Thái Bình", "không giao cơ quan chủ trì"),
    ("Kinh phí nhiệm vụ xúc tiến thương mại OCOP năm 2023?", "không có dòng"),
    ("Năm 2021 Ninh Thuận chi bao nhiêu cho SHTT?", "chưa có kế hoạch"),
    ("Năm 2023 Thái Bình có bao nhiêu đơn đăng ký sáng chế?", "không có số liệu"),
    ("Thái Bình dành bao nhiêu tiền cho vinh danh, khen thưởng cá nhân có tài sản trí tuệ?", "không nêu"),
    ("Quý II năm 2022 có những việc gì?", "không chia nhiệm vụ theo quý"),
    ("giá vàng hôm nay bao nhiêu", "ngoài phạm vi"),
    ("Cho mình xin danh sách sản phẩm OCOP 5 sao của Ninh Thuận", "chưa tìm thấy"),
    # a second question of the message names no province: still the first one's, never Thái Bình's 2021–2025 plan
    ("Ninh Thuận đã có kế hoạch SHTT năm 2024 chưa? Năm 2024 tỉnh làm những nhiệm vụ gì?", "chưa có kế hoạch"),
    ("gia thit cuu Ninh Thuan bay gio bn 1kg vay ban", "ngoài phạm vi"),
    # a department no plan names is a department given nothing, not words to search the text for
    ("Theo KH 160 của Thái Bình, Sở Tư pháp có trách nhiệm gì trong thực hiện kế hoạch?", "không giao"),
]


@pytest.mark.parametrize(("question", "says"), NOT_ANSWERED)
def test_not_answered_says_so(assistant: Assistant, question: str, says: str) -> None:
    answered, text, _ = ask(assistant, question)
    assert not answered, text
    assert _has(text, says), text


def test_not_stated_never_fills_the_gap_from_another_plan(assistant: Assistant) -> None:
    # the 2022 OCOP task has no budget; the 2023 one does (150): it must not leak in
    answered, text, _ = ask(
        assistant, "Năm 2022 nhiệm vụ hỗ trợ đăng ký bảo hộ cho 06 sản phẩm OCOP được bao nhiêu tiền?"
    )
    assert not answered
    assert "150" not in text


FALSE_POSITIVES = ["so", "ok", "abc xyz", "thời tiết Hà Nội", "SHTT", "cho hỏi", "???", "1", "tôi muốn mua xe"]


@pytest.mark.parametrize("question", FALSE_POSITIVES)
def test_short_or_unrelated_questions_land_on_no_task(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.task_ids == []


def test_follow_ups_use_the_previous_task(assistant: Assistant) -> None:
    first = assistant.ask("3.4 (2023) thì sở nào đứng ra chủ trì vậy?")
    assert _has(canon(plain_text(first)), KHCN)
    second = assistant.ask("nhung don vi nao phoi hop", first.context)
    assert _has(canon(plain_text(second)), NNPTNT)
    third = assistant.ask("còn kinh phí thì sao?", second.context)
    assert _has(canon(plain_text(third)), "150 triệu đồng")
    fourth = assistant.ask("nhiệm vụ đó làm quý mấy?", third.context)
    assert _has(canon(plain_text(fourth)), "Quý II")


def test_follow_up_changes_the_target_year(assistant: Assistant) -> None:
    first = assistant.ask("Kế hoạch Thái Bình đặt ra những chỉ tiêu cụ thể nào cho năm 2025?")
    second = assistant.ask("so với năm 2030 thì thay đổi ra sao?", first.context)
    text = canon(plain_text(second))
    assert _has(text, "350") and _has(text, "10-12%")


def test_follow_up_switches_plan_for_the_same_question(assistant: Assistant) -> None:
    first = assistant.ask("Tổng kinh phí năm 2023 là bao nhiêu?")
    second = assistant.ask("thế còn năm 2022?", first.context)
    assert second.plan_ids == ["ninh-thuan-2022"]
    assert _has(canon(plain_text(second)), "5.540.000.000 đồng")


def test_follow_up_names_another_funding_source(assistant: Assistant) -> None:
    first = assistant.ask("trong đó kinh phí trung ương năm 2023 bao nhiêu?")
    assert first.intent == "budget_by_source" and first.task_ids == ["ninh-thuan-2023:3.1"]
    second = assistant.ask("còn nguồn khác của ngành, địa phương?", first.context)
    assert second.intent == "budget_by_source"  # not the budget of task 3.1, the one task listed before
    assert _has(canon(plain_text(second)), "770 triệu đồng")


def test_explicit_plan_beats_context(assistant: Assistant) -> None:
    first = assistant.ask("ai chủ trì nhiệm vụ 3.3")
    assert first.plan_ids == ["ninh-thuan-2023"]
    second = assistant.ask("Thái Bình giao Sở Công Thương những việc gì?", first.context)
    assert second.plan_ids == ["thai-binh-2021-2030"]


def test_answers_cite_plan_and_section(assistant: Assistant) -> None:
    answer = assistant.ask("ai chủ trì nhiệm vụ 3.3")
    assert answer.sources == ["Nguồn: Kế hoạch SHTT năm 2023 tỉnh Ninh Thuận, mục II.3.3 và bảng dự toán, dòng 3.3."]


@pytest.mark.parametrize("question", ["chào bạn", "ok cam on ban", "bạn làm được những việc gì?", "hello"])
def test_small_talk_is_answered(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.answered and answer.intent in ("greeting", "thanks", "help")


def test_unanswered_offers_suggestions(assistant: Assistant) -> None:
    answer = assistant.ask("nhiệm vụ về nhãn hiệu cho hải sản khô")
    assert not answer.answered
    assert answer.suggestions


ODD_INPUT = [
    "",
    "   ",
    "x" * 10_000,
    "🙂🙂🙂",
    "\x00\x07\x1b[31m",
    "'; DROP TABLE tasks; --",
    "<script>alert(1)</script>",
    "<b>ai chủ trì</b> nhiệm vụ 3.3",
    "Ð" * 50,
]


@pytest.mark.parametrize("question", ODD_INPUT)
def test_odd_input_gets_a_polite_reply(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    text = plain_text(answer)
    assert text.strip()
    assert answer.intent != "error", text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_answer_never_raises(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.intent != "error"
    assert plain_text(answer).strip()


@pytest.mark.parametrize(
    ("question", "attachments"),
    [
        (
            "biểu đồ kinh phí năm 2023",
            [("chart", "by_group", "ninh-thuan-2023"), ("chart", "by_source", "ninh-thuan-2023")],
        ),
        ("xuat file excel ke hoach 2022", [("export", "xlsx", "ninh-thuan-2022")]),  # CSV only when asked
        ("cho mình file csv kế hoạch 2023", [("export", "csv", "ninh-thuan-2023")]),
    ],
)
def test_files_asked_in_words_become_attachments(
    assistant: Assistant, question: str, attachments: list[tuple[str, str, str]]
) -> None:
    answer = assistant.ask(question)
    assert answer.answered
    assert answer.attachments == [Attachment(kind=k, what=w, plans=(p,)) for k, w, p in attachments]


def test_no_chart_for_a_plan_without_figures(assistant: Assistant) -> None:
    answer = assistant.ask("vẽ biểu đồ kinh phí kế hoạch Thái Bình")
    assert not answer.answered and answer.attachments == []


@pytest.mark.parametrize(
    ("question", "not_about"),
    [
        ("Kế hoạch năm định hướng đến năm nào?", "Nam Định"),  # 'năm định' is no province
        ("Hòa bình và ổn định là mục tiêu gì?", "Hòa Bình"),
        ("Năm 2023 nhiệm vụ nào có kinh phí 160 triệu?", "Thái Bình"),  # 160 is an amount, not plan 160
    ],
)
def test_words_that_look_like_names_select_nothing(assistant: Assistant, question: str, not_about: str) -> None:
    answer = assistant.ask(question)
    assert not_about not in plain_text(answer)
    assert "thai-binh-2021-2030" not in answer.plan_ids or not_about != "Thái Bình"


def test_a_question_about_a_province_without_a_plan(assistant: Assistant) -> None:
    answer = assistant.ask("Đà Nẵng có kế hoạch SHTT năm 2023 không, kinh phí bao nhiêu?")
    assert not answer.answered
    assert "Đà Nẵng" in plain_text(answer)
    # typed in lower case with its accents, and a second question after the first: still that province
    answer = assistant.ask("hưng yên có kế hoạch thực hiện chiến lược shtt 2021-2025 ko, ai làm đầu mối")
    assert not answer.answered
    assert "Hưng Yên" in plain_text(answer) and "Làm đầu mối" not in plain_text(answer)
    # a year without a plan, compared with one that has: said, never the other year's plan alone
    answer = assistant.ask("Kế hoạch SHTT năm 2024 của Ninh Thuận có gì mới so với năm 2023?")
    assert not answer.answered and "năm 2024" in plain_text(answer)


def test_whether_a_plan_has_a_task_it_has_not(assistant: Assistant) -> None:
    """ "Có nhiệm vụ … không?" of a task only another plan has: "Không." answers it, and where it is
    follows; asked beside a question about that task ("…, ai chủ trì?"), the "no" alone answers nothing."""
    answer = assistant.ask("Kế hoạch 2022 của Ninh Thuận có nhiệm vụ nào về chỉ dẫn địa lý thịt cừu không?")
    assert answer.answered and plain_text(answer).startswith("Không.") and "3.3" in plain_text(answer)
    answer = assistant.ask("KH Thái Bình có nhiệm vụ xây dựng bản đồ số sản phẩm OCOP không, ai chủ trì?")
    assert not answer.answered


def test_stale_context_is_dropped(assistant: Assistant) -> None:
    stale = Context(plan_id="khong-con", task_ids=["ninh-thuan-2023:9.9", "hỏng"])
    answer = assistant.ask("còn kinh phí thì sao?", stale)
    assert answer.intent != "error"


def test_the_task_asked_for_is_in_another_plan(assistant: Assistant) -> None:
    answer = assistant.ask("Năm 2022 Ninh Thuận tổ chức mấy lớp tập huấn SHTT cho học sinh, sinh viên?")
    assert not answer.answered
    text = canon(plain_text(answer))
    assert _has(text, "không có nhiệm vụ này") and _has(text, "5.5")


@pytest.mark.parametrize(
    ("question", "agency"),
    [
        ("Thái Bình: sở nào lo mảng quảng bá, giao thương, xúc tiến thương mại sản phẩm?", "Sở Công Thương"),
        ("kh tb: xuc tien thuong mai san pham duoc bao ho, so nao lo giao thuong ket noi cung cau", "Sở Công Thương"),
    ],
)
def test_a_task_without_a_lead_points_to_the_duty_that_covers_it(
    assistant: Assistant, question: str, agency: str
) -> None:
    """Thái Bình assigns work by agency (section V), not by task: the matching duty answers "who"."""
    answered, text, _ = ask(assistant, question)
    assert answered
    assert _has(text, agency) and _has(text, "mục V.4")


def test_a_task_without_a_lead_and_no_duty_for_it_says_so(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Thái Bình giao cơ quan nào chủ trì việc vinh danh, khen thưởng cá nhân?")
    assert not answered
    assert _has(text, "không giao cơ quan chủ trì")


def test_a_number_the_plan_does_not_use_gets_candidates_not_another_task(assistant: Assistant) -> None:
    """2022 numbers group 3 with letters: "3.4" there is asked back, with 3.d and 2023's 3.4 to tap."""
    answer = assistant.ask("3.4 năm 2022 ai chủ trì")
    text = canon(plain_text(answer))
    assert not answer.answered and _has(text, "không có nhiệm vụ số 3.4")
    labels = [s.label for s in answer.suggestions]
    assert any(label.startswith("3.d —") for label in labels) and any(label.startswith("3.4 —") for label in labels)


def test_a_number_typed_with_a_comma_is_asked_back(assistant: Assistant) -> None:
    answer = assistant.ask("nv 3,4 ai chu tri")
    assert not answer.answered
    assert [s.label.split(" —")[0] for s in answer.suggestions] == ["3.4"]
    assert answer.suggestions[0].request.filters.ids == ("ninh-thuan-2023:3.4",)


def test_a_typo_stays_inside_a_word_of_an_agency_name(assistant: Assistant) -> None:
    """ "số ở dòng" is no "Sở Lao động" (a fuzzy match keeps each word's first letter)."""
    index = assistant.reader.index
    assert index.find_agencies("có khớp với số ở dòng Cộng không") == []
    assert index.find_agencies("so khoa hoc cong nghej chu tri may nv") == ["so-khcn"]


def test_a_training_part_is_shown_only_when_asked(assistant: Assistant) -> None:
    """ "làm gì …, bao nhiêu tiền" asks what the task does and its money, not what a class teaches."""
    context = assistant.ask("nhiệm vụ thịt cừu năm 2023 ai chủ trì?").context
    _, text, _ = ask(assistant, "làm gì cho CDĐL này, bao nhiêu tiền", context)
    assert not _has(text, "nội dung tập huấn")


def test_a_reference_whose_words_name_another_task_is_that_task(assistant: Assistant) -> None:
    """ "việc truyền thông trạm đó trên Google, Facebook" after the class at the station is task 4.2,
    which names no lead: said so, not the class's lead."""
    context = assistant.ask("Lớp tập huấn tra cứu thông tin SHCN tại trạm IP Platform năm 2023 do ai chủ trì?").context
    answered, text, _ = ask(assistant, "còn việc truyền thông trạm đó trên Google, Facebook thì ai chủ trì?", context)
    assert not answered
    assert _has(text, "4.2") and not _has(text, "4.1")


def test_a_count_the_tasks_state_is_added_up_over_the_plan(assistant: Assistant) -> None:
    """ "tổng cộng bao nhiêu lớp" adds every task's stated classes; a count per district is shown, not added."""
    answered, text, intent = ask(assistant, "Năm 2023 Ninh Thuận tổ chức tổng cộng bao nhiêu lớp tập huấn?")
    assert answered and intent == "tasks_sum"
    assert _has(text, "Tổng cộng 5 lớp")
    assert all(_has(text, n) for n in ("4.1", "5.1", "5.2", "5.5", "5.3"))
    assert _has(text, "không cộng được")


def test_one_named_task_answers_its_own_count(assistant: Assistant) -> None:
    """ "lớp cho học sinh có mấy lớp" is task 5.5's count, not the plan's total."""
    answered, text, intent = ask(assistant, "lớp tập huấn cho học sinh năm 2023 có mấy lớp")
    assert answered and intent == "quantity"
    assert _has(text, "02 lớp tập huấn") and not _has(text, "Tổng cộng")


def test_a_count_asked_of_a_task_only_another_plan_has_is_not_summed(assistant: Assistant) -> None:
    """2022 has no class for pupils: its other classes are not added up as if it had."""
    _, text, intent = ask(assistant, "Năm 2022 Ninh Thuận tổ chức mấy lớp tập huấn SHTT cho học sinh, sinh viên?")
    assert intent != "tasks_sum" and not _has(text, "Tổng cộng")


def test_a_count_of_a_few_tasks_also_answers_the_other_parts_asked(assistant: Assistant) -> None:
    question = (
        "Về tri thức truyền thống, bí quyết kỹ thuật, văn hóa dân gian trong KH 2022: thực hiện bao nhiêu "
        "nhiệm vụ, mục tiêu nhằm thu hút gì, và ai phối hợp?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "1 nhiệm vụ") and _has(text, "du lịch") and _has(text, "Cơ quan phối hợp")


def test_a_reference_to_nothing_said_asks_which_task(assistant: Assistant) -> None:
    """ "lớp đó kp bn?" as a first message: not the plan's whole budget, a question back."""
    answered, text, intent = ask(assistant, "lớp đó kp bn?")
    assert not answered and intent == "no_referent"
    assert _has(text, "nhiệm vụ nào") and not _has(text, "Tổng kinh phí")


def test_a_preamble_naming_a_place_and_a_class_is_the_subject_of_lop_do(assistant: Assistant) -> None:
    """The district (Tháp Chàm) chooses the plan, the class is the subject; 'thuc thi' typed without
    accents is the term 'thực thi', not 'thì'."""
    question = "dn em o Thap Cham muon hoc lop ve thuc thi quyen SHTT nam 2023, lop do kp bn, phoi hop voi ai"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "5.1") and _has(text, "9,2 triệu đồng")


def test_the_nth_task_of_a_group_named_by_its_title(assistant: Assistant) -> None:
    question = "Trong nhóm nhiệm vụ khai thác TSTT năm 2022 của Ninh Thuận, nhiệm vụ thứ hai là gì?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "3.b") and _has(text, "hết hạn bảo hộ")


def test_chat_shorthand_vs_and_j(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "nhiệm vụ thit cừu 2023 phối hop vs ai, cột ghi chú ghi j?")
    assert answered and _has(text, "3.3") and _has(text, "Cơ quan phối hợp") and not _has(text, "Tổng kinh phí năm")


def test_two_groups_compared_by_their_summed_totals(assistant: Assistant) -> None:
    question = "Năm 2023, tổng kinh phí thực hiện của nhóm 5 so với nhóm 3 chênh nhau bao nhiêu?"
    answered, text, intent = ask(assistant, question)
    assert answered and intent == "tasks_difference"
    assert all(_has(text, x) for x in ("518,4 triệu đồng", "8.300 triệu đồng", "7.781,6 triệu đồng"))


def test_two_plans_totals_added_up(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "tổng kinh phí hai năm 2022 và 2023 của Ninh Thuận cộng lại là bao nhiêu")
    assert answered and _has(text, "9.372,6 triệu đồng") and _has(text, "5.540 + 3.832,6")


def test_the_second_and_third_largest_rows(assistant: Assistant) -> None:
    answer = assistant.ask("Trong bảng dự toán 2023, dòng nào có tổng kinh phí thực hiện lớn thứ hai?")
    text = canon(plain_text(answer))
    assert answer.answered and _has(text, "cao thứ hai") and text.index("3.6") < text.index("3.3")
    assert not _has(text, "4.800 triệu đồng")  # the largest is not the answer, nor shown as if it were
    _, third, _ = ask(assistant, "còn dòng lớn thứ ba?", answer.context)
    assert _has(third, "cao thứ ba") and _has(third, "3.3 — ")


def test_a_count_the_tasks_state_is_added_over_two_plans(assistant: Assistant) -> None:
    question = "Gộp hai năm 2022 và 2023, Ninh Thuận hỗ trợ tổng cộng bao nhiêu sản phẩm OCOP?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "ít nhất 11 sản phẩm OCOP")


def test_a_tasks_allocation_as_a_share_of_the_plans_total(assistant: Assistant) -> None:
    question = "nhiệm vụ 3.1 năm 2023 được bố trí bao nhiêu, chiếm mấy % tổng dự toán năm 2023?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "57,4%") and _has(text, "2.200 / 3.832,6")


def test_a_task_not_in_this_years_group_says_so_and_lists_the_group(assistant: Assistant) -> None:
    context = assistant.ask("Năm 2022 Ninh Thuận làm bản đồ số sản phẩm OCOP nhằm mục tiêu gì?").context
    question = "thế năm 2023 thì sao, nhóm quản lý nhà nước còn làm bản đồ số không hay làm gì?"
    _, text, _ = ask(assistant, question, context)
    assert _has(text, "không có nhiệm vụ này") and _has(text, "1.1")
    assert "Số lượng" not in text  # 'bản đồ số' asks for no count


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        (
            "KH 2022: nhóm 3 có bao nhiêu nhiệm vụ, trong đó Sở KH&CN chủ trì mấy nhiệm vụ?",
            ["7 nhiệm vụ thuộc nhóm 3", "3 nhiệm vụ do Sở Khoa học và Công nghệ chủ trì"],
        ),
        (
            "KH 2022 UBND các huyện, thành phố chủ trì ở mấy nhiệm vụ và phối hợp ở mấy nhiệm vụ?",
            ["2 nhiệm vụ do UBND các huyện, thành phố chủ trì", "3 nhiệm vụ do UBND các huyện, thành phố phối hợp"],
        ),
        (
            "Bảng 2023 có bao nhiêu dòng ở cột NS sự nghiệp khoa học và bao nhiêu dòng ở cột NS khác của tỉnh?",
            ["8 nhiệm vụ dùng NS sự nghiệp khoa học", "2 nhiệm vụ dùng NS khác của tỉnh"],
        ),
    ],
)
def test_several_counts_in_one_question(assistant: Assistant, question: str, facts: list[str]) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and all(_has(text, f) for f in facts), text


def test_tasks_left_out_of_a_selection(assistant: Assistant) -> None:
    """ "không tính 5.3", "trừ 3.4 và 3.6": those tasks are left out, not asked about."""
    question = (
        "Không tính các lớp do huyện, thành phố tổ chức (5.3), năm 2023 Ninh Thuận mở tổng cộng bao nhiêu lớp "
        "tập huấn, và tổng kinh phí các lớp đó là bao nhiêu?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Tổng cộng 5 lớp") and _has(text, "107,6 triệu đồng") and "5.3 —" not in text
    _, listed, _ = ask(assistant, "các nhiệm vụ quý II năm 2023 trừ 3.4 và 3.6")
    assert _has(listed, "trừ nhiệm vụ 3.4, 3.6") and "• 3.4 —" not in listed and "• 3.6 —" not in listed


def test_a_remark_in_brackets_belongs_to_the_question_before_it(assistant: Assistant) -> None:
    question = (
        "Năm 2023, tổng số tiền phân bổ cho các việc làm trong Quý I so với các việc làm trong Quý II là bao "
        "nhiêu mỗi quý? (không tính 3.2 vì kéo dài Quý I-II)"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "340 triệu đồng") and _has(text, "977,6 triệu đồng")
    assert "Nhiệm vụ triển khai trong Quý I —" not in text  # the remark is no question of its own


def test_a_subtraction_between_two_tasks_is_no_exclusion(assistant: Assistant) -> None:
    _, _, intent = ask(assistant, "tổng kp nv 3.6 trừ nv 3.4 bằng bao nhiêu")
    assert intent == "tasks_difference"


def test_an_average_over_the_rows_that_state_an_amount(assistant: Assistant) -> None:
    question = "Nhóm 3 trong bảng dự toán 2023: tính trung bình mỗi nhiệm vụ có ghi tổng kinh phí thì tốn bao nhiêu?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "2.075 triệu đồng") and _has(text, "8.300 : 4")


def test_tasks_chosen_by_their_length_and_by_an_amount_equality(assistant: Assistant) -> None:
    question = "Những nhiệm vụ trong bảng 2023 có tổng thời gian thực hiện 24 tháng, tổng kinh phí cộng lại bao nhiêu?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "24 tháng") and _has(text, "3.1 (4.800)") and _has(text, "3.6 (1.800)")
    question = "Bảng 2023 có bao nhiêu dòng mà số phân bổ năm 2023 bằng đúng tổng kinh phí thực hiện?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "6 nhiệm vụ")


def test_two_tasks_named_side_by_side_each_outright(assistant: Assistant) -> None:
    question = (
        "Nhiệm vụ KH&CN cấp trung ương và kế hoạch hỗ trợ dùng công cụ SHTT cho sản phẩm xuất khẩu trong "
        "KH 2023: mỗi việc vào quý nào?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Quý III–IV năm 2023") and _has(text, "Quý I–II năm 2023")


def test_a_source_the_plan_gives_no_amount_for_is_said_not_stated(assistant: Assistant) -> None:
    question = "Trong 5,54 tỷ đồng của kế hoạch SHTT năm 2022, ngân sách trung ương hỗ trợ bao nhiêu?"
    answered, text, _ = ask(assistant, question)
    assert not answered and _has(text, "không nêu riêng") and _has(text, "5.540 triệu đồng")


def test_a_task_citing_a_target_answers_the_target_question_about_it(assistant: Assistant) -> None:
    answered, text, _ = ask(
        assistant, "KH 2023 co ho tro dang ky bao ho giong cay trong moi ko, theo chi tieu nghi quyet nao"
    )
    assert answered and _has(text, "14-NQ/TU") and _has(text, "giống cây trồng mới")


def test_groups_named_by_their_section_or_quoted_titles(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Mục III.2 của KH 160 Thái Bình gồm những điểm nào?")
    assert answered and all(_has(text, n) for n in ("III.2.a", "III.2.b", "III.2.c"))
    question = (
        "KH Thái Bình: nhóm 'Thúc đẩy các hoạt động tạo ra tài sản trí tuệ' và nhóm 'Tăng cường nguồn nhân "
        "lực ... hội nhập quốc tế' cộng lại có bao nhiêu giải pháp?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "11 nhiệm vụ")


def test_two_provinces_named_with_one_year_each_keep_their_plan(assistant: Assistant) -> None:
    """ "KH Thái Bình và KH 2023 của Ninh Thuận": Ninh Thuận's 2023 plan and Thái Bình's 2021–2025 plan."""
    answered, text, _ = ask(assistant, "KH Thái Bình và KH 2023 của Ninh Thuận có bao nhiêu nhiệm vụ?")
    assert answered and _has(text, "15 nhiệm vụ") and _has(text, "29 nhiệm vụ")


def test_tasks_of_several_topics_counted_over_two_plans_together(assistant: Assistant) -> None:
    question = (
        "Gộp cả hai kế hoạch 2022 và 2023 của Ninh Thuận, có tổng cộng bao nhiêu nhiệm vụ về chỉ dẫn địa lý, "
        "nhãn hiệu chứng nhận hoặc nhãn hiệu tập thể?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Cộng 2 kế hoạch: 4 nhiệm vụ")
    assert all(_has(text, n) for n in ("3.c", "3.d", "3.3", "3.6"))


def test_the_group_with_the_most_tasks(assistant: Assistant) -> None:
    question = "Trong kế hoạch 2022 của Ninh Thuận, nhóm nhiệm vụ nào có nhiều nhiệm vụ nhất?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Nhóm 3") and _has(text, "có nhiều nhiệm vụ nhất: 7 nhiệm vụ")


def test_a_column_added_by_hand_beside_the_tables_own_total(assistant: Assistant) -> None:
    question = "Nếu mình tự cộng từng dòng ở cột NS sự nghiệp khoa học của bảng dự toán 2023 thì được bao nhiêu?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "1.017,6 triệu đồng") and _has(text, "lệch 45 triệu đồng")


def test_an_agency_inside_what_is_left_out_does_not_select(assistant: Assistant) -> None:
    question = (
        "Không tính các lớp do UBND huyện, thành phố mở ở nhiệm vụ 5.3, năm 2023 tổng cộng bao nhiêu lớp tập huấn?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Tổng cộng 5 lớp")


def test_an_agency_no_task_names_is_answered_by_its_duties_in_each_plan(assistant: Assistant) -> None:
    question = (
        "Vai trò của đài phát thanh truyền hình và báo tỉnh trong KH Thái Bình khác với KH 2023 của Ninh Thuận thế nào?"
    )
    answered, text, intent = ask(assistant, question)
    assert answered and intent == "responsibility"
    assert _has(text, "Kế hoạch SHTT năm 2023 tỉnh Ninh Thuận") and _has(text, "Kế hoạch 160/KH-UBND")


def test_the_plans_totals_and_a_source_are_stated_figures_not_a_column_sum(assistant: Assistant) -> None:
    question = (
        "minh o Phan Rang, gio thuoc Khanh Hoa roi. KH SHTT 2023 cua Ninh Thuan (cu) tong du toan bn, "
        "TW du kien ho tro bn?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "3.832,6 triệu đồng") and _has(text, "2.000 triệu đồng")


def test_nv_do_after_a_preamble_is_the_task_the_preamble_named(assistant: Assistant) -> None:
    question = (
        "Công ty mình ở Ninh Sơn là chủ sở hữu nhãn hiệu, nghe nói năm 2023 có nhiệm vụ KH&CN cấp TW phối hợp "
        "với các chủ sở hữu quyền SHCN. Nv đó tổng kp bn, đề xuất TW hỗ trợ bn?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "3.1") and _has(text, "4.800 triệu đồng") and _has(text, "2.000 triệu đồng")
    assert "4.1 —" not in text


def test_chuyen_sau_nam_is_no_remainder_after_a_year(assistant: Assistant) -> None:
    answered, text, _ = ask(
        assistant, "Lớp bồi dưỡng chuyên sâu năm 2023 (5.2) dành cho đội ngũ nào, kinh phí bao nhiêu?"
    )
    assert answered and _has(text, "9,2 triệu đồng") and _has(text, "quản trị tài sản trí tuệ")
    assert "còn phải bố trí" not in text


def test_roles_listed_as_alternatives_count_once_and_rows_only_where_a_table_is(assistant: Assistant) -> None:
    question = (
        "Sở NN&PTNT được nêu đích danh (chủ trì, đồng chủ trì hoặc phối hợp) ở bao nhiêu nhiệm vụ trong KH 2022 "
        "và ở bao nhiêu dòng của bảng dự toán 2023?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "6 nhiệm vụ do Sở Nông nghiệp và Phát triển nông thôn chủ trì hoặc phối hợp")


def test_which_agencies_must_do_something_that_names_another_agency(assistant: Assistant) -> None:
    question = (
        "Theo KH 2022 của Ninh Thuận, những sở nào phải xây dựng dự toán chi tiết cho các nhiệm vụ được giao rồi "
        "gửi Sở Tài chính thẩm định?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and all(_has(text, a) for a in (KHCN, NNPTNT, "Sở Giáo dục và Đào tạo", "Sở Văn hóa"))


def test_the_signers_of_a_numbered_plan_and_of_another_provinces_plan(assistant: Assistant) -> None:
    question = "Ai ký kế hoạch SHTT 2023 của Ninh Thuận, ai ký KH 160 của Thái Bình?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Lê Huyền") and _has(text, "Trần Thị Bích Hằng")


def test_the_fields_an_agency_is_given(assistant: Assistant) -> None:
    answered, text, intent = ask(assistant, "KH SHTT 2022 giao Sở TT&TT triển khai SHTT trong những lĩnh vực nào vậy?")
    assert answered and intent == "responsibility" and _has(text, "công nghệ thông tin")


def test_a_targets_change_between_milestones_with_its_unit(assistant: Assistant) -> None:
    question = (
        "Chỉ tiêu số đơn vị sản xuất kinh doanh có cán bộ được tập huấn SHTT của Thái Bình tăng thêm bao nhiêu "
        "đơn vị từ mốc 2025 lên mốc 2030, tương đương tăng bao nhiêu phần trăm?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "tăng thêm 100 đơn vị sản xuất kinh doanh") and _has(text, "40%")


def test_tasks_listed_one_by_one_in_brackets(assistant: Assistant) -> None:
    question = (
        "Ba lớp do Sở KH&CN mở trong quý II năm 2023 (lớp tại trạm IP Platform, lớp cho cán bộ thực thi, lớp bồi "
        "dưỡng chuyên sâu) tốn tổng cộng bao nhiêu tiền?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "27,6 triệu đồng") and _has(text, "4.1 (9,2) + 5.1 (9,2) + 5.2 (9,2)")


def test_a_count_cue_never_runs_across_a_comma(assistant: Assistant) -> None:
    """ "kinh phí bao nhiêu, bên nào …" and "là bao nhiêu, cơ quan chủ trì …" count no agencies."""
    question = "Năm 2023, UBND huyện, thành phố và Sở GD&ĐT mỗi bên chủ trì nhiệm vụ nào, kinh phí bao nhiêu?"
    answered, text, intent = ask(assistant, question)
    assert answered and intent != "agencies_count" and _has(text, "420 triệu đồng") and _has(text, "80 triệu đồng")
    question = (
        "Nhiệm vụ hỗ trợ bảo hộ cho sản phẩm OCOP: chỉ tiêu năm 2022 và 2023 là bao nhiêu, cơ quan chủ trì hai năm "
        "có giống nhau không?"
    )
    answered, text, intent = ask(assistant, question)
    assert answered and intent != "agencies_count" and _has(text, "06 sản phẩm") and _has(text, "05 sản phẩm")


def test_tasks_in_brackets_by_number_and_by_name(assistant: Assistant) -> None:
    question = (
        "3 lop do So KH&CN to chuc nam 2023 (lop tai tram IP Platform, lop 5.1 va lop 5.2) cong lai tong kinh phi bn?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "27,6 triệu đồng")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        (
            "toi o hoi doanh nhan tre tinh ninh thuan. nam 2022 hoi dc giao lam gi trong phan to chuc thuc hien",
            "huy động",
        ),
        ("minh lam ctv o dai ptth thai binh. KH 160 giao dai chu tri tuyen truyen shtt hay chi phoi hop", "Phối hợp"),
    ],
)
def test_the_preambles_agency_called_by_its_head_noun(assistant: Assistant, question: str, fact: str) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, fact)


def test_gop_ca_hai_nam_adds_the_counts_of_two_plans(assistant: Assistant) -> None:
    question = "gop ca 2 nam 2022 va 2023, ninh thuan dat chi tieu ho tro toi thieu bao nhieu sp OCOP"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "ít nhất 11 sản phẩm OCOP")


def test_the_classes_as_a_selection(assistant: Assistant) -> None:
    """ "các lớp …", "những lớp … nào": the tasks that count classes, not those whose words happen to match."""
    question = (
        "Tổng kinh phí của các lớp tập huấn, bồi dưỡng mà Sở KH&CN trực tiếp chủ trì trong năm 2023 là bao nhiêu?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "27,6 triệu đồng") and "3.6 (" not in text
    question = "Năm 2023 Ninh Thuận tổ chức những lớp tập huấn, bồi dưỡng nào và mỗi lớp về chủ đề gì?"
    answered, text, _ = ask(assistant, question)
    assert answered and all(_has(text, n) for n in ("4.1", "5.1", "5.2", "5.3", "5.5")) and _has(text, "hợp tác xã")


def test_an_agencys_tasks_and_within_them_those_it_leads(assistant: Assistant) -> None:
    question = "UBND các huyện, thành phố có tên ở bao nhiêu nhiệm vụ trong KH 2022, trong đó chủ trì mấy nhiệm vụ?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "5 nhiệm vụ do UBND các huyện, thành phố chủ trì hoặc phối hợp")
    assert _has(text, "2 nhiệm vụ do UBND các huyện, thành phố chủ trì")


def test_a_target_named_by_the_words_of_its_cue(assistant: Assistant) -> None:
    """ "số đơn đăng ký" is a statistics cue and the target's own subject: the target, first."""
    answer = assistant.ask("Về số đơn đăng ký SHTT, Thái Bình đặt mục tiêu tăng bao nhiêu mỗi năm?")
    lines = plain_text(answer).split("\n")
    assert answer.intent == "targets" and "8-10%/năm" in lines[1]


def test_three_classes_an_agency_leads_in_a_quarter(assistant: Assistant) -> None:
    question = "tôi là chuyên viên Sở KH&CN. ba lop tap huan quy II nam 2023 do so minh chu tri thi tong kp bn?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "27,6 triệu đồng")


@pytest.mark.parametrize(
    ("question", "facts", "absent"),
    [
        # "dự trù", "trụ sở" are no exclusion ("trừ"); an exclusion stops at "thì" and at "… ra,"
        ("Kinh phí dự trù cho nhiệm vụ 3.3 năm 2023", ["300 triệu đồng", "1.200 triệu đồng"], ["3.832,6"]),
        ("Không tính 5.3 thì nhiệm vụ 5.5 ai chủ trì?", ["Sở Giáo dục và Đào tạo"], []),
        ("Trừ nhiệm vụ 3.2 ra, 3.6 kinh phí bao nhiêu", ["1.800 triệu đồng"], ["Cộng"]),
        # "cho tôi hỏi có …" is no "hội có …"
        (
            "Tôi ở Hội Doanh nhân trẻ. Cho tôi hỏi có nhiệm vụ nào về nhãn hiệu tập thể năm 2023 không?",
            ["3.6"],
            ["5.3 —"],
        ),
        # "nv đó" after a preamble about a task that draws nothing from the central budget: that task's money
        (
            "Nghe nói năm 2023 có dự án CDĐL Thịt cừu. Nv đó tổng kp bn, NSTU hỗ trợ bn?",
            ["1.200 triệu đồng"],
            ["3.1 —"],
        ),
        # "tất cả sản phẩm OCOP" counts nothing
        ("Tất cả sản phẩm OCOP năm 2023 do cơ quan nào chủ trì hỗ trợ?", ["Sở Khoa học và Công nghệ"], ["Tổng cộng"]),
        # a province named once in a denial and once asked about is asked about, alone
        (
            "Em không phải người Ninh Thuận, nhưng kế hoạch của Ninh Thuận năm 2023 có bao nhiêu nhiệm vụ?",
            ["15"],
            ["29"],
        ),
        # an agency inside what is left out, with no number
        (
            "không tính các lớp do UBND huyện tổ chức, năm 2023 tổng cộng bao nhiêu lớp tập huấn?",
            ["Tổng cộng 5 lớp"],
            [],
        ),
        ("Trong bảng 2023, dòng nào có tổng kinh phí nhỏ thứ hai?", ["thấp thứ hai"], []),
    ],
)
def test_review_findings(assistant: Assistant, question: str, facts: list[str], absent: list[str]) -> None:
    _, text, _ = ask(assistant, question)
    assert all(_has(text, f) for f in facts), text
    assert not any(a in text for a in absent), text


def test_a_count_per_district_is_mỗi_not_mới(assistant: Assistant) -> None:
    """ "giống cây trồng mới" folds like "mỗi": only the accented word marks a count per place."""
    from ipbot.plans.models import Quantity

    assert Quantity(value=2, unit="lớp mỗi huyện, thành phố", text="mỗi huyện, thành phố 02 lớp").per_each
    assert not Quantity(value=1, unit="giống cây trồng mới", text="01 giống cây trồng mới").per_each


def test_each_group_and_each_agency_counted_when_each_has_its_how_many(assistant: Assistant) -> None:
    _, text, _ = ask(assistant, "KH 2022 có bao nhiêu nhiệm vụ nhóm 3, bao nhiêu nhiệm vụ nhóm 5?")
    assert _has(text, "7 nhiệm vụ thuộc nhóm 3") and _has(text, "4 nhiệm vụ thuộc nhóm 5")
    _, text, _ = ask(assistant, "năm 2023 Sở KH&CN chủ trì mấy nhiệm vụ, Sở NN&PTNT chủ trì mấy nhiệm vụ?")
    assert _has(text, "9 nhiệm vụ do Sở Khoa học và Công nghệ chủ trì") and _has(text, "1 nhiệm vụ do Sở Nông nghiệp")


def test_an_agency_as_subject_gets_its_own_duties(assistant: Assistant) -> None:
    question = "Năm 2022 Sở GD&ĐT Ninh Thuận phải phối hợp làm những gì về SHTT trong các trường học?"
    answered, text, intent = ask(assistant, question)
    assert answered and intent == "responsibility" and _has(text, "Sở Giáo dục và Đào tạo")
    assert not _has(text, "Cục Quản lý Thị trường")


def test_what_the_one_task_found_offers_is_its_card(assistant: Assistant) -> None:
    question = (
        "Nhiệm vụ hỗ trợ đăng ký bảo hộ 01 sáng chế/giải pháp hữu ích năm 2022 căn cứ nghị quyết nào, và hỗ trợ "
        "cụ thể những gì cho cá nhân, doanh nghiệp?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "14-NQ/TU") and _has(text, "thủ tục và kinh phí")


def test_an_amount_per_district_the_plan_never_splits_is_said_not_stated(assistant: Assistant) -> None:
    question = (
        "420 triệu đồng cho lớp tập huấn bảo hộ SHTT ở các huyện, thành phố năm 2023 được chia cho mỗi huyện bao nhiêu?"
    )
    answered, text, _ = ask(assistant, question)
    assert not answered and _has(text, "không nêu riêng") and _has(text, "420 triệu đồng")
    answered, text, _ = ask(
        assistant, "tập huấn cho chủ thể OCOP (mỗi huyện, TP 02 lớp) năm 2023 có tổng kinh phí bao nhiêu?"
    )
    assert answered and _has(text, "420 triệu đồng")


def test_the_person_s_own_agency_said_by_its_level_or_shorthand(assistant: Assistant) -> None:
    """ "UBND huyện" is "huyện" next, "hội em" is "hội e", "Đoàn TN" is the youth union."""
    question = (
        "toi la pho chu tich UBND huyen Tien Hai. KH SHTT Thai Binh yeu cau huyen long ghep noi dung SHTT "
        "vao nhung loai van ban, chuong trinh nao?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "V.11") and _has(text, "đề án")
    answered, text, _ = ask(assistant, "e o hoi doanh nhan tre tinh NT. KH 2022 giao hoi e nhung viec j vay ad")
    assert answered and _has(text, "Hội Doanh nhân trẻ") and _has(text, "huy động kinh phí")
    answered, text, _ = ask(
        assistant, "minh la bi thu doan xa o Vu Thu. KH SHTT tinh Thai Binh co giao Doan TN lam j ko"
    )
    assert answered and _has(text, "V.10") and _has(text, "Đoàn Thanh niên Cộng sản Hồ Chí Minh")


def test_a_multi_year_plan_s_target_beats_a_task_sharing_its_words(assistant: Assistant) -> None:
    question = "HTX minh o Thai Binh. KH 160 muon so don dang ky shtt tang len, trong do nhan manh nhung loai don nao?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "giải pháp hữu ích") and _has(text, "giống cây trồng")
    assert not _has(text, "III.1.d")


def test_a_per_cent_asked_of_a_target_is_the_target_not_a_budget_share(assistant: Assistant) -> None:
    question = "e la can bo so VHTTDL TB. den 2025 can bo QLNN ve SHTT o so e phai dc dao tao muc nao, ti le bn %?"
    answered, text, intent = ask(assistant, question)
    assert answered and intent == "targets" and _has(text, "100%") and _has(text, "cơ bản")


def test_a_year_inside_a_multi_year_plan_asks_that_plan_s_targets(assistant: Assistant) -> None:
    question = (
        "minh la ky su cty cong nghe o TB, co sang che dc cap bang nam 2023. KH SHTT tinh co ho tro "
        "thuong mai hoa ko, chi tieu bn sang che?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "01 - 02")
    answered, _, _ = ask(assistant, "Năm 2023 Thái Bình có bao nhiêu đơn đăng ký sáng chế?")
    assert not answered  # results, not a target: the plans have none


def test_issues_of_a_magazine_are_no_departments(assistant: Assistant) -> None:
    question = (
        "Nhiệm vụ tuyên truyền trên phương tiện truyền thông đại chúng năm 2022: phát sóng mấy số Tạp chí KH&CN, "
        "kỷ niệm ngày gì, ai chủ trì?"
    )
    answered, text, intent = ask(assistant, question)
    assert answered and intent != "agencies_count" and _has(text, "2 số") and _has(text, "26/4") and _has(text, KHCN)


def test_how_two_plans_state_their_money(assistant: Assistant) -> None:
    question = "Kế hoạch Ninh Thuận 2022 và kế hoạch Thái Bình nêu kinh phí thế nào: tổng bao nhiêu, lấy từ nguồn nào?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "5.540 triệu đồng") and _has(text, "không nêu số tiền cụ thể")


def test_a_second_question_without_a_subject_keeps_the_agency(assistant: Assistant) -> None:
    question = (
        "KH 2022: Sở TT&TT triển khai SHTT trong những lĩnh vực nào, và được giao chủ trì nhiệm vụ nào ở phần nội dung?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "báo chí") and _has(text, "xuất bản") and _has(text, "1.c")


def test_which_agencies_for_a_task_the_plan_assigns_by_agency(assistant: Assistant) -> None:
    question = (
        "Cty mk xuat khau khan det o Hung Ha bi lam hang gia. KH SHTT TB giao nhung co quan nao thuc thi, "
        "chong hang gia vay?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Công an tỉnh") and _has(text, "Chi cục Hải quan") and _has(text, "V.9")


def test_the_one_support_found_says_what_it_offers(assistant: Assistant) -> None:
    question = "minh co y tuong may say nong san o Thuan Bac. 2022 tinh co ho tro dk sang che ko, ho tro nhung j?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "2.c") and _has(text, "thủ tục và kinh phí")


def test_two_plans_merged_and_own_money_without_the_central_proposal(assistant: Assistant) -> None:
    question = "Gộp kinh phí dự kiến của 2 kế hoạch SHTT năm 2022 và 2023 của Ninh Thuận thì được bao nhiêu?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "9.372,6 triệu đồng")
    question = (
        "Không tính phần đề xuất Trung ương hỗ trợ, năm 2023 nguồn của tỉnh (sự nghiệp KH&CN cộng nguồn khác "
        "của ngành, địa phương) là bao nhiêu?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "1.832,6 triệu đồng")


def test_two_classes_compared_show_what_one_class_costs(assistant: Assistant) -> None:
    question = (
        "Năm 2023, một lớp tập huấn cho học sinh, sinh viên và một lớp cho cán bộ thực thi quyền SHTT, lớp nào "
        "tốn hơn, mỗi lớp bao nhiêu?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "40 triệu đồng/lớp") and _has(text, "9,2 triệu đồng")


def test_new_words_do_not_take_over_old_readings(assistant: Assistant) -> None:
    """ "đh" is as often "định hướng" as "đại học"; "đề nghị" is the word Thái Bình addresses the press with."""
    answered, text, _ = ask(assistant, "kế hoạch Thái Bình gđ 2021-2025, đh 2030 là kế hoạch số mấy?")
    assert answered and _has(text, "160/KH-UBND")
    answered, text, _ = ask(assistant, "Kế hoạch đề nghị các cơ quan báo chí làm gì?")
    assert answered and _has(text, "Báo Thái Bình")
    answered, text, _ = ask(assistant, "KH 2023, nhóm 1. Các nhóm khác có bao nhiêu nhiệm vụ?")
    assert answered and not _has(text, "thuộc nhóm 1"), text[:200]


def test_a_message_typed_without_accents_but_two_words_reads_as_unaccented(assistant: Assistant) -> None:
    question = "mk la cb Chi cuc Hai quan TB, KH 160 bao tham muu Ban chỉ đao nao xay dung KH vay?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "389/ĐP")


def test_which_agencies_lead_tasks_at_all(assistant: Assistant) -> None:
    answered, text, intent = ask(assistant, "năm 2023 có những cơ quan nào chủ trì nhiệm vụ?")
    assert answered and intent == "agencies" and _has(text, "4 cơ quan chủ trì") and _has(text, NNPTNT)
    answered, text, _ = ask(assistant, "Những cơ quan nào đứng tên chủ trì ít nhất một dòng trong bảng dự toán 2023?")
    assert answered and _has(text, KHCN) and not _has(text, "thấp nhất")


def test_a_count_then_a_bare_question_about_what_was_counted(assistant: Assistant) -> None:
    question = "Năm 2022 có mấy nhiệm vụ về quản lý, sử dụng tri thức truyền thống, văn hóa dân gian? Mục tiêu là gì?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "1 nhiệm vụ") and _has(text, "du lịch")


def test_a_budget_split_by_source_is_the_plan_s_sources(assistant: Assistant) -> None:
    question = (
        "Ninh Thuận năm 2023 chia kinh phí SHTT theo những nguồn nào, mỗi nguồn bao nhiêu? "
        "Thái Bình thì dùng nguồn nào?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "2.000 triệu đồng") and _has(text, "sự nghiệp khoa học và công nghệ")


def test_agencies_counted_in_one_numbered_entry_or_in_the_entries_that_say_it(assistant: Assistant) -> None:
    question = (
        "Mục 10 phần tổ chức thực hiện của KH Thái Bình giao việc cho bao nhiêu tổ chức đoàn thể? "
        "Đó là những tổ chức nào?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "4 tổ chức") and _has(text, "Liên minh Hợp tác xã tỉnh")
    question = (
        "Trong phần tổ chức thực hiện (mục V) của KH Thái Bình, có bao nhiêu cơ quan, đơn vị được yêu cầu bố trí "
        "cán bộ chuyên trách hoặc không chuyên trách về SHTT? Kể tên."
    )
    answered, text, _ = ask(assistant, question)
    assert (
        answered
        and _has(text, "3 cơ quan được giao việc ở các mục V.2, V.3, V.11")
        and _has(text, "UBND các huyện, thành phố")
        and _has(text, NNPTNT)
    )


def test_contributing_is_no_adding_up(assistant: Assistant) -> None:
    """Folded, "góp" (contribute) is "gộp" (put together): only the latter, with what it puts together, adds up."""
    _, text, intent = ask(assistant, "Huyện góp bao nhiêu tiền cho các lớp tập huấn năm 2023?")
    assert intent != "tasks_sum" and _has(text, "420 triệu đồng")
    _, _, intent = ask(assistant, "doanh nghiep dong gop bao nhieu kinh phi cho ke hoach 2022")
    assert intent != "tasks_sum"


def test_the_person_s_union_said_with_mk_and_tui_mk(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "tụi mk ở Liên minh HTX tỉnh Thái Bình, kế hoạch giao tụi mk làm gì")
    assert answered and _has(text, "V.10")
    answered, text, _ = ask(assistant, "trường đh có được hỗ trợ gì trong kế hoạch Thái Bình")
    assert answered and _has(text, "đại học")


def test_the_agency_that_leads_most_or_fewest_tasks(assistant: Assistant) -> None:
    answered, text, intent = ask(assistant, "Cơ quan nào chủ trì nhiều nhiệm vụ nhất năm 2023?")
    assert answered and intent == "agencies_max" and _has(text, f"{KHCN} chủ trì nhiều nhiệm vụ nhất: 9 trên 15")
    answered, text, _ = ask(assistant, "sở nào chủ trì ít nhiệm vụ nhất năm 2022")
    assert answered and _has(text, "ít nhiệm vụ nhất: 1 trên 18") and _has(text, "Sở Văn hóa, Thể thao và Du lịch")
    answered, text, _ = ask(assistant, "Thái Bình những cơ quan nào chủ trì nhiệm vụ?")
    assert not answered and _has(text, "không giao cơ quan chủ trì, phối hợp theo từng nhiệm vụ")


def test_a_polite_opener_and_chat_pronouns_are_no_words_to_look_for(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "a ơi cho e hỏi tổng kinh phí 2023")
    assert answered and _has(text, "3.832,6 triệu đồng")
    answered, text, _ = ask(assistant, "đề nghị cho biết tổng kinh phí năm 2022")
    assert answered and _has(text, "5.540 triệu đồng")


def test_the_requirements_and_the_purpose_of_a_plan(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Kế hoạch Thái Bình đặt ra những yêu cầu gì (mục I.2)?")
    assert answered and _has(text, "Yêu cầu") and _has(text, "Phân công rõ nhiệm vụ các sở")
    assert not _has(text, "động lực tăng trưởng")
    answered, text, _ = ask(assistant, "Phần Mục đích của kế hoạch Thái Bình gồm những ý nào? Nêu đủ.")
    assert answered and _has(text, "động lực tăng trưởng")


def test_the_n_th_task_of_a_group_in_each_plan_when_none_is_named(assistant: Assistant) -> None:
    """One task a plan, not every plan's whole group listed (which outgrew one Telegram message)."""
    answered, text, _ = ask(assistant, "nhiệm vụ cuối cùng của nhóm 3 là gì?")
    assert answered and _has(text, "3.g") and _has(text, "3.6") and _has(text, "III.3.e") and len(text) < 4096


def test_co_led_tasks_and_agencies_that_cooperate_but_never_lead(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Trong kế hoạch 2022, những nhiệm vụ nào có hai cơ quan cùng đứng chủ trì?")
    assert answered and _has(text, "3.c") and _has(text, "1.c")
    question = (
        "Trong KH 2022 của Ninh Thuận, những cơ quan, tổ chức nào có tên ở vai trò phối hợp nhưng không chủ trì "
        "nhiệm vụ nào?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "phối hợp nhưng không chủ trì nhiệm vụ nào") and _has(text, "Hội Doanh nhân trẻ")
    assert not _has(text, KHCN)


def test_months_averaged_and_a_total_spread_evenly(assistant: Assistant) -> None:
    question = "Các nhiệm vụ có ghi tổng thời gian thực hiện trong bảng 2023 kéo dài trung bình bao nhiêu tháng?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Trung bình 21 tháng") and _has(text, "84 tháng")
    question = (
        "Nếu chia đều tổng kinh phí dự kiến năm 2022 cho tất cả các nhiệm vụ trong kế hoạch của Ninh Thuận thì bình "
        "quân mỗi nhiệm vụ khoảng bao nhiêu tiền?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "307,8 triệu đồng") and _has(text, "18 nhiệm vụ") and _has(text, "phép chia")


def test_review_29_rankings_in_a_group_and_who_issued_a_cited_document(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Cơ quan nào chủ trì nhiều nhiệm vụ nhất trong nhóm 5 năm 2023?")
    assert answered and _has(text, "3 trên 5 nhiệm vụ thuộc nhóm 5")
    answered, text, intent = ask(assistant, "Nghị quyết 14-NQ/TU do ai ban hành, ngày nào?")
    assert answered and intent == "citation" and _has(text, "10/01/2022")
    answered, text, intent = ask(assistant, "QĐ 1068 do ai ký?")
    assert answered and intent == "citation" and _has(text, "Thủ tướng Chính phủ")


def test_a_per_cent_growth_target_and_a_numbered_part_s_agencies(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "đến 2025 số đơn đăng ký SHTT của Thái Bình tăng bao nhiêu phần trăm mỗi năm?")
    assert answered and _has(text, "8-10%/năm")
    question = "KH 2023 của Ninh Thuận đặt chỉ tiêu số đơn đăng ký SHTT tăng bao nhiêu phần trăm mỗi năm?"
    answered, text, _ = ask(assistant, question)
    assert not answered and _has(text, "không đặt chỉ tiêu nào về «đơn đăng ký")
    # the growth written before what grows ("chỉ tiêu tăng đơn đăng ký … không, bao nhiêu phần trăm")
    question = "Ninh Thuận năm 2023 có đặt chỉ tiêu tăng đơn đăng ký sáng chế không, bao nhiêu phần trăm?"
    answered, text, _ = ask(assistant, question)
    assert not answered and _has(text, "không đặt chỉ tiêu nào về «đơn đăng ký sáng chế»")
    answered, text, _ = ask(assistant, "Thái Bình đặt chỉ tiêu tăng đơn đăng ký bao nhiêu phần trăm?")
    assert answered and _has(text, "8-10%/năm")
    question = "Phần tổ chức thực hiện KH 2022 nêu đích danh những cơ quan, đơn vị nào ở mục 2 'Các Sở, ngành'?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Sở Công Thương") and _has(text, "Hội Doanh nhân trẻ")


def test_a_second_question_about_the_tasks_the_first_one_listed(assistant: Assistant) -> None:
    question = (
        "Chỉ dẫn địa lý được đưa vào KH 2022 và KH 2023 của Ninh Thuận là cho sản phẩm nào, và cơ quan chủ trì "
        "mỗi năm là ai?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Nha Đam") and _has(text, "Thịt cừu") and _has(text, f"Cơ quan chủ trì: {KHCN}")
    assert _has(text, "Cơ quan đồng chủ trì")


def test_the_entry_an_agency_shares_in_another_plan_named_in_the_second_question(assistant: Assistant) -> None:
    question = (
        "Cục Quản lý thị trường được giao gì trong KH 2022 của Ninh Thuận, và trong kế hoạch Thái Bình thì Cục "
        "này đứng chung mục với những cơ quan nào?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Công an tỉnh") and _has(text, "Chi cục Hải quan Thái Bình") and _has(text, "V.9")


def test_rows_of_one_quarter_exactly_and_a_sum_with_nothing_to_add(assistant: Assistant) -> None:
    question = "Các dòng chỉ ghi triển khai 'Quý I' trong bảng 2023 có tổng kinh phí thực hiện bao nhiêu?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "1.240 triệu") and _has(text, "1.1 (40)")
    answered, text, _ = ask(assistant, "trong bảng dự toán 2023 cộng kinh phí các nhiệm vụ chỉ làm trong Quý IV")
    assert _has(text, "Không có nhiệm vụ nào") and not _has(text, "0 triệu đồng")
    answered, text, _ = ask(assistant, "trong bảng dự toán 2023 cộng kinh phí các nhiệm vụ Quý IV")
    assert answered and _has(text, "3.1 (4.800)") and not _has(text, "Tổng kinh phí năm 2023")


def test_the_row_of_a_span_of_quarters_is_that_span_exactly(assistant: Assistant) -> None:
    """'dòng Quý I-II là nv gì': the row whose time reads "Quý I–II", not every task running in Quý I or II;
    a count of another quarter asked next chooses its own rows, not the one task just shown."""
    first = assistant.ask("dòng Quý I-II là nv gì")
    text = canon(plain_text(first))
    assert first.answered and _has(text, "3.2") and _has(text, "ghi thời gian đúng quý i–ii")
    assert not _has(text, "3.3") and not _has(text, "5.4")  # Quý I alone; the whole year
    count = assistant.ask("có bao nhiêu nhiệm vụ ghi đúng Quý II", first.context)
    assert _has(canon(plain_text(count)), "7 nhiệm vụ triển khai chỉ trong quý ii")
    wider = canon(plain_text(assistant.ask("kh 2023 nhiệm vụ nào thực hiện quý I-II")))
    assert _has(wider, "10 nhiệm vụ")  # running in either quarter: every one of them


def test_a_quarter_s_money_asked_with_the_quarter_first(assistant: Assistant) -> None:
    """'năm 2023 quý II tổng bao nhiêu tiền': that quarter's rows added up, not the plan's total."""
    for question in ("năm 2023 quý II tổng bao nhiêu tiền", "trong bảng dự toán năm 2023 quý 2 hết bao nhiêu tiền"):
        answer = assistant.ask(question)
        text = canon(plain_text(answer))
        assert answer.answered and _has(text, "2.827,6 triệu") and not _has(text, "3.832,6"), question
    text = canon(plain_text(assistant.ask("kh 2023 quy III-IV can bn tien")))
    assert _has(text, "4.800 triệu") and _has(text, "3.1 (4.800)")


def test_the_printed_total_row_less_or_over_the_printed_allocation(assistant: Assistant) -> None:
    question = (
        "Theo dòng 'Tổng cộng' của bảng dự toán 2023, phần kinh phí chưa được bố trí trong năm 2023 là bao nhiêu?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "5.296 triệu") and _has(text, "9.128,6 − 3.832,6")
    question = "Theo dòng Tổng cộng của bảng 2023, phần phân bổ bằng bao nhiêu phần trăm tổng kinh phí thực hiện?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "41,98%")


def test_one_task_s_money_per_unit_it_counts(assistant: Assistant) -> None:
    question = "Nhiệm vụ 3.4 năm 2023 hỗ trợ 05 sản phẩm OCOP: bình quân mỗi sản phẩm bao nhiêu tiền?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "100 triệu đồng (= 500 : 5") and _has(text, "30 triệu đồng (= 150 : 5")
    answered, text, _ = ask(assistant, "lớp tập huấn 5.3 năm 2023 bình quân mỗi lớp bao nhiêu tiền")
    assert _has(text, "Không chia bình quân được") and _has(text, "mỗi huyện, thành phố 02 lớp")


def test_two_years_objectives_compared_word_by_word(assistant: Assistant) -> None:
    answered, text, _ = ask(
        assistant, "Phần Mục tiêu (mục I) của KH 2022 và KH 2023 của Ninh Thuận khác nhau ở điểm nào?"
    )
    assert answered and _has(text, "Năm 2023 thêm: «trong năm 2023»") and _has(text, "giống nhau từng chữ")


def test_a_group_named_alone_and_a_group_said_as_a_word(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "nhóm 2 của Thái Bình?")
    assert answered and _has(text, "III.2.a") and _has(text, "III.2.c")
    first = assistant.ask("Nhóm nhiệm vụ, giải pháp thứ 6 trong kế hoạch Thái Bình nói về những gì?")
    second = assistant.ask("trong nhóm đó, những ai được vinh danh, khen thưởng?", first.context)
    third = assistant.ask("còn nhóm thứ hai?", second.context)
    assert third.answered and _has(canon(plain_text(third)), "III.2.a")
    answered, text, _ = ask(assistant, "nhóm hai của Thái Bình gồm mấy nội dung")
    assert answered and _has(text, "nhóm III.2")


def test_what_the_task_s_own_words_say_and_an_objective_s_words(assistant: Assistant) -> None:
    question = (
        "Hệ thống CSDL SHTT trực tuyến liên thông ở Thái Bình triển khai khi nào, và hướng dẫn tổ chức, cá nhân "
        "khai thác thông tin theo hướng dẫn của ai?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "theo hướng dẫn của Bộ Khoa học và Công nghệ") and text.count("Nội dung:") == 0
    question = "KH Thái Bình xác định những chủ thể nào đóng vai trò then chốt trong tạo lập, bảo vệ và khai thác TSTT?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "các tổ chức khoa học và công nghệ") and _has(text, "mục II.1")
    answered, text, _ = ask(assistant, "Trong KH 2022 của Ninh Thuận, những nhiệm vụ nào nhắc đến xuất khẩu?")
    assert answered and _has(text, "3.a") and _has(text, "3.c")


def test_rows_stating_an_amount_and_the_words_that_frame_a_question(assistant: Assistant) -> None:
    question = "Trong bảng dự toán 2023 có mấy dòng ghi tổng kinh phí 9,2 triệu, cộng các dòng đó lại là bao nhiêu?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "3 nhiệm vụ") and _has(text, "27,6 triệu")
    question = "Bảng dự toán 2023 có bao nhiêu dòng nhiệm vụ ghi con số ở cột Tổng kinh phí thực hiện?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "10 nhiệm vụ")
    answered, text, _ = ask(
        assistant, "toi lam o so TC Thai Binh. KH SHTT 2021-2025 dinh huong 2030 giao so toi lam gi?"
    )
    assert answered and _has(text, "thẩm định")


def test_one_task_s_total_and_one_source_s_part_asked_together(assistant: Assistant) -> None:
    question = (
        "Ai chủ trì nhiệm vụ KH&CN cấp trung ương năm 2023, tổng kinh phí bao nhiêu và ngân sách Trung ương hỗ trợ "
        "bao nhiêu?"
    )
    answered, text, _ = ask(assistant, question)
    assert (
        answered and _has(text, f"Cơ quan chủ trì: {KHCN}") and _has(text, "4.800 triệu") and _has(text, "2.000 triệu")
    )


def test_two_tasks_compared_with_each_one_s_quarter(assistant: Assistant) -> None:
    question = (
        "Nhiệm vụ KH&CN cấp trung ương (3.1) và nhiệm vụ thịt cừu (3.3) năm 2023: cái nào triển khai muộn hơn, "
        "vào quý nào, và tổng kinh phí chênh nhau bao nhiêu?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "3.600 triệu") and _has(text, "Quý III–IV năm 2023") and _has(text, "Quý I năm 2023")


def test_details_no_plan_records_and_dates_of_signing(assistant: Assistant) -> None:
    question = "Lớp bồi dưỡng chuyên sâu về SHTT năm 2023 (5.2) học trong mấy ngày, tổ chức ở đâu?"
    answered, text, _ = ask(assistant, question)
    assert not answered and _has(text, "không nêu chi tiết này")
    answered, text, _ = ask(assistant, "trạm IP Platform đặt ở đâu")
    assert answered  # its place is in the task's words
    question = "Kế hoạch SHTT 2023 của Ninh Thuận mang số hiệu bao nhiêu và ký ngày cụ thể nào?"
    answered, text, _ = ask(assistant, question)
    assert not answered and not _has(text, "Người ký")
    question = (
        "Theo KH Thái Bình, việc hỗ trợ hình thành các tổ chức dịch vụ tư vấn SHTT phải hoàn thành trước năm nào?"
    )
    answered, text, _ = ask(assistant, question)
    assert not answered and _has(text, "III.5.a")


def test_an_agency_s_duty_answers_what_its_words_say(assistant: Assistant) -> None:
    question = (
        "Theo KH 2022, Sở NN&PTNT lồng ghép với những loại chương trình nào, và phối hợp theo dõi nhiệm vụ trong "
        "những lĩnh vực nào?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "chương trình mục tiêu quốc gia") and _has(text, "công nghệ cao")
    answered, text, _ = ask(assistant, "nam 2022 so nong nghiep phoi hop nhung viec gi")
    assert answered and _has(text, "1.c")  # its tasks, when the question has no words of a duty
    question = "Dòng 1.1 của bảng dự toán 2023: triển khai quý mấy, kinh phí bao nhiêu, và phục vụ việc tra cứu của ai?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "tra cứu của doanh nghiệp") and _has(text, "Quý I")


def test_review_30_regressions_a_written_amount_a_term_with_a_framing_word_and_a_pronoun(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Dòng nào ghi 300 triệu?")
    assert answered and _has(text, "3.3") and _has(text, "3.6")  # the amount in any column, not the total only
    answered, text, _ = ask(assistant, "Năm 2022 có nhiệm vụ thí điểm nào không?")
    assert answered and _has(text, "2.b")  # "điểm nào" frames, "thí điểm" is a term
    answered, text, _ = ask(assistant, "dai chung duoc tuyen truyen ve shtt qua nhiem vu nao nam 2022?")
    assert answered and _has(text, "5.d")  # "đại chúng" is no pronoun
    answered, _, _ = ask(assistant, "Lấy ý kiến doanh nghiệp về SHTT có trong kế hoạch nào không?")
    assert not answered
    first = assistant.ask("nhóm 5 năm 2023 gồm những nhiệm vụ nào")
    second = assistant.ask("cộng kinh phí của chúng", first.context)
    assert _has(canon(plain_text(second)), "518,4 triệu")


def test_review_30_corrections_and_follow_ups_over_money(assistant: Assistant) -> None:
    first = assistant.ask("Tổng kinh phí năm 2023?")
    second = assistant.ask("trong đó trung ương bao nhiêu?", first.context)
    third = assistant.ask("không, ý tôi là chỉ tính phần của tỉnh, không tính trung ương", second.context)
    assert _has(canon(plain_text(third)), "1.832,6 triệu")
    first = assistant.ask("nhiệm vụ 3.3 năm 2023 kinh phí bao nhiêu")
    second = assistant.ask("không, ý tôi là chỉ tính phần ngân sách tỉnh", first.context)
    # (the task's own provincial money: its NS sự nghiệp khoa học 300, no central part)
    text = canon(plain_text(second))
    assert _has(text, "300 triệu đồng") and _has(text, "NS sự nghiệp khoa học") and not _has(text, "1.832,6 triệu")
    first = assistant.ask("nhiệm vụ 3.1 năm 2023 kinh phí bao nhiêu")
    second = assistant.ask("sau nam 2023 con bao nhieu?", first.context)
    assert _has(canon(plain_text(second)), "2.600 triệu")
    first = assistant.ask("mục tiêu của kế hoạch 2022 là gì")
    second = assistant.ask("còn năm 2023?", first.context)
    third = assistant.ask("hai cái khác nhau ở điểm nào?", second.context)
    assert _has(canon(plain_text(third)), "«trong năm 2023»")
    answered, text, _ = ask(assistant, "Định hướng 2030 của Thái Bình là gì?")
    assert answered and _has(text, "Chỉ tiêu đến năm 2030")
    answered, text, _ = ask(assistant, "Cộng tiền các lớp tập huấn Quý I năm 2023")
    assert _has(text, "không có nhiệm vụ nào trong số 4.1, 5.1, 5.2, 5.3, 5.5")


def test_a_quoted_name_a_named_source_and_one_year_of_a_plan_over_several(assistant: Assistant) -> None:
    question = "Ai chủ trì nhiệm vụ chỉ dẫn địa lý “Thịt cừu Ninh Thuận” năm 2023, tổng kinh phí bao nhiêu?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, f"Cơ quan chủ trì: {KHCN}") and _has(text, "1.200 triệu")  # a task's name, no note
    answered, text, _ = ask(assistant, "Thái Bình riêng năm 2024 bố trí tổng cộng bao nhiêu kinh phí?")
    assert not answered and _has(text, "không nêu kinh phí riêng cho năm 2024")


def test_a_lettered_point_an_entry_lacks_and_sources_added_or_set_against_each_other(assistant: Assistant) -> None:
    question = "Điểm b mục 9 phần Tổ chức thực hiện của KH Thái Bình giao Chi cục Hải quan làm gì?"
    answered, text, _ = ask(assistant, question)
    assert not answered and _has(text, "không có điểm b)") and _has(text, "a), c)")
    answered, text, _ = ask(assistant, "Điểm c mục 9 phần Tổ chức thực hiện của KH Thái Bình giao Công an làm gì?")
    assert answered and _has(text, "c) Triển khai công tác, nắm tình hình")
    question = (
        "Trong tổng dự toán 2023, phần ngân sách địa phương (kinh phí sự nghiệp KH&CN cộng kinh phí từ nguồn khác "
        "của ngành, địa phương) là bao nhiêu và chiếm khoảng bao nhiêu phần trăm?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "1.832,6 triệu") and _has(text, "47,82%")
    question = "Với nhiệm vụ 3.1 năm 2023, phần đề xuất NSTU hỗ trợ gấp mấy lần phần NS sự nghiệp khoa học?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "gấp 10 lần")


def test_every_task_of_a_topic_and_the_rows_besides_those_just_listed(assistant: Assistant) -> None:
    question = "Năm 2023 tỉnh có những nhiệm vụ SHTT nào hỗ trợ sản phẩm OCOP?"
    answered, text, _ = ask(assistant, question)
    assert answered and all(_has(text, n) for n in ("3.2", "3.4", "3.5", "5.3"))
    first = assistant.ask("Trong bảng dự toán 2023, những lớp tập huấn nào triển khai trong quý II?")
    second = assistant.ask(
        "Ngoài các lớp vừa nói, quý II/2023 còn những dòng nào khác trong bảng cũng triển khai?", first.context
    )
    text = canon(plain_text(second))
    assert _has(text, "3.4") and _has(text, "3.6") and not _has(text, "• 5.1")


def test_review_31_a_figure_in_any_column_and_details_the_plans_state_after_all(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Dòng nào ghi 300 triệu?")
    assert answered and _has(text, "3.3") and _has(text, "3.6") and _has(text, "NS sự nghiệp khoa học 300 triệu")
    answered, text, _ = ask(assistant, "Nhiệm vụ nào ghi 4.800 triệu?")
    assert answered and _has(text, "3.1") and not _has(text, "3.3")
    answered, text, _ = ask(assistant, "Nhiệm vụ nào ghi 80 triệu từ NS khác của tỉnh?")
    assert answered and _has(text, "5.5") and not _has(text, "5.3")
    answered, text, _ = ask(assistant, "Bố trí tổng cộng bao nhiêu cho nhiệm vụ 3.1 năm 2023?")
    assert answered and _has(text, "2.200 triệu")
    answered, text, _ = ask(assistant, "Lớp tập huấn tra cứu thông tin SHCN năm 2023 học ở đâu?")
    assert answered and _has(text, "tại trạm IP Platform")
    answered, text, _ = ask(assistant, "Nhiệm vụ 3.1 năm 2023 thực hiện trong bao nhiêu ngày?")
    assert answered and _has(text, "24 tháng")
    answered, text, _ = ask(assistant, "Phục vụ việc tra cứu của ai là mục tiêu nhiệm vụ nào?")
    assert answered and _has(text, "1.b") and _has(text, "1.1")
    answered, text, _ = ask(assistant, "Kế hoạch Thái Bình có nhiệm vụ nào nhắc tới nhãn hiệu tập thể?")
    assert answered and _has(text, "III.4.d") and not _has(text, "III.6.a")
    answered, text, _ = ask(assistant, "Mục V.9 điểm c của kế hoạch Thái Bình nói gì?")
    assert answered and _has(text, "c) Triển khai công tác")
    answered, text, _ = ask(assistant, "Thái Bình riêng năm 2024 bố trí tổng cộng bao nhiêu kinh phí?")
    assert not answered and not _has(text, "chỉ nêu kinh phí cả")


def test_a_group_s_count_as_the_base_a_deadline_not_set_and_two_subjects_listed(assistant: Assistant) -> None:
    question = "KH 2022 của Ninh Thuận: nhóm 5 gồm mấy nhiệm vụ, Sở KH&CN đứng chủ trì mấy cái?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "3 nhiệm vụ") and _has(text, "trên tổng số 4 nhiệm vụ của nhóm 5")
    question = (
        "Theo KH 2022 của Ninh Thuận, các sở, ngành phải gửi báo cáo kết quả thực hiện về Sở KH&CN trước ngày nào?"
    )
    answered, text, _ = ask(assistant, question)
    assert not answered and _has(text, "không quy định chế độ, thời hạn báo cáo")
    question = "Kế hoạch 2022 có những nhiệm vụ nào về chỉ dẫn địa lý và nhãn hiệu chứng nhận, cho sản phẩm gì?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Nha đam") and _has(text, "Tôm giống")


def test_a_figure_is_not_a_department_and_another_column_s_sum_beside_its_printed_total(assistant: Assistant) -> None:
    first = assistant.ask("Tôi ở Sở Tài chính Ninh Thuận. Kế hoạch SHTT 2023 giao sở tôi làm gì?")
    second = assistant.ask("dòng Cộng trong bảng dự toán ghi tổng kinh phí thực hiện là bao nhiêu?", first.context)
    third = assistant.ask("cộng từng dòng nhiệm vụ lại thì có ra đúng số đó không?", second.context)
    assert _has(canon(plain_text(third)), "8.867,6 triệu")  # "số đó" is that figure, not "sở đó"
    fourth = assistant.ask("thế ở cột NS khác của tỉnh thì chênh bao nhiêu?", third.context)
    assert _has(canon(plain_text(fourth)), "lệch 270 triệu")


def test_review_32_lettered_points_as_typed_and_as_entries_of_their_own(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Điểm đ mục V.1 Thái Bình là gì?")
    assert answered and _has(text, "đ) Hỗ trợ các sở, ban, ngành")  # "đ", not the "d" folding makes of it
    answered, text, _ = ask(assistant, "Điểm i mục IV.2 kế hoạch 2022 nói gì?")
    assert answered and _has(text, "Cổng Thông tin điện tử tỉnh")  # IV.2.i, an entry of its own
    answered, text, _ = ask(assistant, "Điểm l mục IV.2 năm 2022 nói gì?")
    assert not answered and _has(text, "a), b), c), d), đ), e), g), h), i), k)")
    answered, text, _ = ask(assistant, "Điểm b mục 10 Thái Bình nói gì?")
    assert answered and _has(text, "b) Chủ động phối hợp")
    answered, text, _ = ask(assistant, "Nhiệm vụ nào giúp doanh nghiệp tiếp cận dễ dàng các dịch vụ SHTT?")
    assert answered and _has(text, "4.1") and not _has(text, "2.a")  # a broad topic adds no tasks


def test_the_person_s_own_agency_left_out_and_the_entry_just_quoted(assistant: Assistant) -> None:
    first = assistant.ask(
        "Mình ở Hội Doanh nhân trẻ Ninh Thuận. Kế hoạch 2022 có nhiệm vụ bản đồ số sản phẩm OCOP, ai chủ trì?"
    )
    second = assistant.ask("ngoài hội mình ra thì còn những ai phối hợp?", first.context)
    text = canon(plain_text(second))
    assert _has(text, "1.c") and _has(text, "Sở Công Thương")  # the same task; "ngoài" is not "ngoài nước"
    first = assistant.ask(
        "Tôi công tác ở Chi cục Hải quan Thái Bình. Kế hoạch 160 giao đơn vị chúng tôi những việc gì?"
    )
    second = assistant.ask("ngoài chúng tôi thì mục đó còn giao cho những cơ quan nào nữa?", first.context)
    text = canon(plain_text(second))
    assert _has(text, "Công an tỉnh") and _has(text, "Cục Quản lý thị trường tỉnh Thái Bình")


def test_a_group_s_points_listed_and_an_agency_only_another_s_duty_names(assistant: Assistant) -> None:
    question = (
        "Nhóm giải pháp tăng cường nguồn nhân lực, hình thành văn hóa SHTT và hội nhập quốc tế của KH Thái Bình "
        "gồm những ý nào? Liệt kê đủ."
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "III.6.a") and _has(text, "III.6.đ")
    question = (
        "Tôi làm ở Văn phòng Điều phối nông thôn mới tỉnh Ninh Thuận. KH SHTT 2022 giao đơn vị tôi phối hợp với sở "
        "nào, để làm việc gì?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Sở Nông nghiệp và Phát triển nông thôn") and _has(text, "rà soát, thống kê")


def test_what_a_bracket_brings_in_is_not_the_topic_of_a_sum(assistant: Assistant) -> None:
    question = (
        "Cộng kinh phí của tất cả các dòng tập huấn, bồi dưỡng (kể cả cho học sinh, sinh viên và lớp cấp huyện) "
        "trong bảng dự toán 2023 được bao nhiêu?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "527,6 triệu") and _has(text, "4.1 (9,2)")


def test_a_count_then_which_ones_fits_one_message(assistant: Assistant) -> None:
    question = (
        "Bảng dự toán 2023 có bao nhiêu nhiệm vụ ghi tổng thời gian thực hiện 24 tháng? Đó là những nhiệm vụ nào?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "3 nhiệm vụ") and text.count("• 3.1") == 1 and len(text) < 4096


def test_a_task_s_objective_is_quoted_whole_on_its_card(assistant: Assistant) -> None:
    first = assistant.ask("Năm 2022 nhiệm vụ bản đồ số sản phẩm OCOP ai chủ trì?")
    second = assistant.ask("bản đồ số đó hướng tới cơ sở dữ liệu nông nghiệp về những lĩnh vực nào?", first.context)
    assert _has(canon(plain_text(second)), "cây trồng")  # late in a long objective, once cut off


def test_a_second_piece_naming_only_another_plan_asks_the_first_again(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Sở Tài chính làm gì trong KH 2022 của Ninh Thuận, và trong KH Thái Bình?")
    assert answered and _has(text, "mục IV.2.đ") and _has(text, "mục V.6")
    assert _has(text, "Sở Kế hoạch và Đầu tư thẩm định") and _has(text, "chi thường xuyên hàng năm")


def test_a_duty_matched_in_each_of_two_provinces_plans(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Theo KH 2022 Ninh Thuận và KH Thái Bình, Sở NN&PTNT rà soát những gì?")
    assert answered and _has(text, "mục IV.2.b") and _has(text, "mục V.2")
    assert _has(text, "các sản phẩm OCOP") and _has(text, "nông nghiệp chủ lực")
    # the agency and the duty said in a preamble, the question only "mỗi tỉnh … gì"
    question = (
        "Kế hoạch 2022 của Ninh Thuận và kế hoạch Thái Bình đều giao Sở NN&PTNT việc rà soát. Mỗi tỉnh rà soát gì?"
    )
    answered, again, _ = ask(assistant, question)
    assert answered and _has(again, "các sản phẩm OCOP") and _has(again, "nông nghiệp chủ lực")


def test_an_agency_s_role_in_two_plans_and_one_passage_shown_once(assistant: Assistant) -> None:
    question = (
        "Vai trò của Sở GD&ĐT trong KH 2023 của Ninh Thuận khác gì với KH Thái Bình? Ở Thái Bình sở này làm cùng ai?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "5.5") and _has(text, "Sở Lao động - Thương binh và Xã hội")
    assert text.count("mục v.8 (tổ chức thực hiện)") == 1  # (text is casefolded)


def test_three_classes_pointed_back_at_after_a_question_on_one_of_them(assistant: Assistant) -> None:
    first = assistant.ask("Năm 2023 Sở KH&CN Ninh Thuận chủ trì mấy lớp tập huấn, bồi dưỡng?")
    second = assistant.ask("lớp bồi dưỡng chuyên sâu dành cho ai?", first.context)
    third = assistant.ask("ba lớp đó tổng cộng bao nhiêu tiền?", second.context)
    assert third.answered and _has(canon(plain_text(third)), "27,6 triệu")


def test_that_class_s_money_is_not_read_as_the_newspaper_s(assistant: Assistant) -> None:
    first = assistant.ask("Năm 2023 Ninh Thuận có lớp tập huấn tra cứu thông tin SHCN ở trạm IP Platform không?")
    second = assistant.ask("kinh phí lớp đó bao nhiêu?", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "9,2 triệu") and "420" not in text


def test_the_targets_just_shown_are_what_a_pointing_question_asks_about(assistant: Assistant) -> None:
    first = assistant.ask("Chỉ tiêu đến năm 2025 của Thái Bình về đào tạo cán bộ quản lý nhà nước về SHTT là gì?")
    second = assistant.ask("đó là những sở nào?", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "Sở Văn hóa, Thể thao và Du lịch") and _has(text, "Chỉ tiêu")


def test_a_bare_correction_asks_the_last_question_of_what_it_names(assistant: Assistant) -> None:
    first = assistant.ask("KH 2022 Ninh Thuận có bao nhiêu nhiệm vụ?")
    second = assistant.ask("nhầm, mình hỏi kế hoạch Thái Bình", first.context)
    assert second.answered and _has(canon(plain_text(second)), "29 nhiệm vụ")
    first = assistant.ask("Sở KH&CN chủ trì mấy nhiệm vụ năm 2023?")
    second = assistant.ask("không, ý tôi là Sở NN&PTNT", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "1 nhiệm vụ") and _has(text, "3.2")


def test_a_correcting_preamble_names_the_subject_the_question_points_at(assistant: Assistant) -> None:
    first = assistant.ask("Nhiệm vụ 3.d trong KH 2022 của Ninh Thuận là gì?")
    second = assistant.ask("à không, mình hỏi nhiệm vụ 3.4 của kế hoạch 2023 cơ. Nó làm trong bao lâu?", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "3.4") and _has(text, "12 tháng")
    # the preamble asks an operation of its own: its row, with what the question asks of it
    first = assistant.ask("Trong bảng dự toán 2023 của Ninh Thuận, dòng nào có tổng kinh phí thực hiện lớn nhất?")
    second = assistant.ask("à nhầm, ý mình là dòng có tổng kinh phí lớn thứ hai. Dòng đó ai chủ trì?", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "3.6") and _has(text, "chủ trì: Sở Khoa học và Công nghệ")


def test_a_part_of_a_task_asked_in_its_own_words_is_shown_beside_the_cue_asked(assistant: Assistant) -> None:
    question = "KH 2022: nhãn hiệu chứng nhận tôm giống khai thác theo chuỗi giá trị gắn với những gì, ai chủ trì?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "truy xuất nguồn gốc") and _has(text, "Sở Khoa học và Công nghệ")
    # asked in one clause, "sở nào" is the cue's question: the task's words are not shown as if asked
    question = "Năm 2023, nhiệm vụ hỗ trợ đăng ký bảo hộ, công nhận giống cây trồng mới do sở nào chủ trì?"
    answered, text, _ = ask(assistant, question)
    assert not answered and _has(text, "không nêu cơ quan chủ trì")


def test_a_share_the_message_quotes_names_the_target_then_its_milestones(assistant: Assistant) -> None:
    first = assistant.ask("KH Thái Bình đặt mục tiêu 100% cán bộ phụ trách QLNN về SHTT được đào tạo, ở những sở nào?")
    text = canon(plain_text(first))
    assert first.answered and _has(text, "Chỉ tiêu") and _has(text, "Sở Văn hóa, Thể thao và Du lịch")
    second = assistant.ask("đến 2025 thì đào tạo mức nào, đến 2030 thì sao?", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "cơ bản") and _has(text, "chuyên sâu")


def test_a_count_after_a_bracket_and_the_entries_under_a_part(assistant: Assistant) -> None:
    question = "Nhóm khai thác TSTT năm 2022: Sở KH&CN chủ trì (tính cả đồng chủ trì) mấy nhiệm vụ?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "3 nhiệm vụ") and _has(text, "nhóm 3")
    answered, text, _ = ask(assistant, "Kế hoạch 2022, mục IV.2 (các sở, ngành) gồm bao nhiêu mục con?")
    assert answered and _has(text, "Mục IV.2 có 10 mục con") and _has(text, "k) Hội Doanh nhân trẻ")
    answered, text, _ = ask(assistant, "Mục IV.2 của KH 2022 giao việc cho những cơ quan nào? Kể hết.")
    assert answered and _has(text, "Sở Văn hóa, Thể thao và Du lịch") and _has(text, "Hội Doanh nhân trẻ")


def test_another_plan_s_task_of_the_same_kind_and_a_question_asked_again_of_it(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Năm 2022 Ninh Thuận làm CDĐL cho sản phẩm nào? Năm 2023 thì cho sản phẩm nào?")
    assert answered and _has(text, "Nha đam") and _has(text, "Thịt cừu")
    question = "KH 2022 có nhiệm vụ nào do hai cơ quan cùng chủ trì? Còn bảng dự toán 2023 có dòng nào như vậy không?"
    answered, text, _ = ask(assistant, question)
    assert (
        answered and _has(text, "1.c") and _has(text, "Kế hoạch SHTT năm 2023 tỉnh Ninh Thuận: không có nhiệm vụ nào")
    )


def test_review_33_preambles_amounts_and_parts_keep_their_subject(assistant: Assistant) -> None:
    # a statement about an agency before a question for every task on a topic: every OCOP task, not the agency's
    answered, text, _ = ask(assistant, "Sở NN&PTNT phụ trách OCOP. Năm 2022 có những nhiệm vụ nào về OCOP?")
    assert answered and _has(text, "3.g") and _has(text, "5.c")
    # "nhầm, mình muốn hỏi ai phối hợp": another part of the same task
    first = assistant.ask("Năm 2023 nhiệm vụ CDĐL Thịt cừu ai chủ trì?")
    second = assistant.ask("nhầm, mình muốn hỏi ai phối hợp", first.context)
    assert _has(canon(plain_text(second)), "Cơ quan phối hợp: Sở Nông nghiệp và Phát triển nông thôn")
    # "các lớp đó" after a list of several kinds of task: the classes among them
    first = assistant.ask("Năm 2023 những nhiệm vụ nào triển khai trong Quý II?")
    second = assistant.ask("các lớp đó cộng lại bao nhiêu tiền?", first.context)
    assert _has(canon(plain_text(second)), "527,6 triệu")
    # after targets, a milestone with words of another part of the plan is that part
    first = assistant.ask("Chỉ tiêu đến 2025 của Thái Bình?")
    second = assistant.ask("Năm 2025 thì sơ kết kế hoạch thế nào?", first.context)
    assert not _has(canon(plain_text(second)), "Chỉ tiêu đến năm 2025")


def test_a_figure_names_its_plan_and_the_rows_that_print_it(assistant: Assistant) -> None:
    # a plan-level total said with no year: the plan whose total it is, not another year's
    answered, text, _ = ask(assistant, "3.832.600.000 đồng đó gồm những nguồn nào?")
    assert answered and _has(text, "Kế hoạch SHTT năm 2023 tỉnh Ninh Thuận") and not _has(text, "5.540")
    # a figure said first, then whose it is
    answered, text, _ = ask(assistant, "420 triệu đồng đó là kinh phí của nhiệm vụ nào?")
    assert answered and _has(text, "5.3") and _has(text, "ghi đúng 420 triệu đồng")


def test_no_task_for_an_agency_the_plan_gives_work_to_is_an_answer(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "KH 2022 có nhiệm vụ nào do Sở GD&ĐT chủ trì không?")
    assert answered and _has(text, "không có nhiệm vụ nào") and _has(text, "mục IV.2.c")
    # an agency the plan never names stays unanswered
    answered, _, _ = ask(assistant, "Kế hoạch SHTT 2023 của Ninh Thuận giao Cục Quản lý thị trường tỉnh nhiệm vụ gì?")
    assert not answered
    # asked whether it has one, "no" is the answer, even of an agency the plan never names
    answered, text, _ = ask(assistant, "Năm 2023 Sở Thông tin và Truyền thông có chủ trì nhiệm vụ SHTT nào không?")
    assert answered and text.startswith("không.") and _has(text, "Sở Thông tin và Truyền thông")


def test_points_of_a_part_that_group_again_and_what_a_sum_includes(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Mục IV.2 của KH 2022 Ninh Thuận chia thành bao nhiêu điểm a, b, c?")
    assert answered and _has(text, "10 mục con")
    question = "Nhóm 3 năm 2022 gồm bao nhiêu nhiệm vụ, và Sở KH&CN chủ trì bao nhiêu nhiệm vụ trong nhóm đó?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "7 nhiệm vụ") and _has(text, "3 nhiệm vụ do Sở Khoa học và Công nghệ chủ trì")
    # "tập huấn/bồi dưỡng" is two words; "(kể cả lớp tại trạm IP Platform)" adds to the selection, it is not it
    question = "Cộng kinh phí mọi dòng về lớp tập huấn/bồi dưỡng trong bảng 2023 (kể cả lớp tại trạm IP Platform)?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "527,6 triệu")
    question = (
        "Tính hết mọi hoạt động tập huấn, bồi dưỡng năm 2023, bất kể ai chủ trì, cộng tổng kinh phí là bao nhiêu?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "527,6 triệu")


def test_one_task_of_a_list_named_by_its_words_and_another_year_of_an_agency(assistant: Assistant) -> None:
    first = assistant.ask("KH 2022 Ninh Thuận có những nhiệm vụ nào do UBND các huyện, thành phố chủ trì?")
    second = assistant.ask("cái tập huấn thì phối hợp với những ai?", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "5.c") and _has(text, "Hội Doanh nhân trẻ") and not _has(text, "3.g")
    question = "Sở GD&ĐT có chủ trì nhiệm vụ nào ở KH 2022 không? Sang 2023 sở này chủ trì việc gì?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "mục IV.2.c") and _has(text, "5.5")


def test_review_34_parts_rows_and_figures_keep_their_meaning(assistant: Assistant) -> None:
    # "mục III.1 có mấy điểm" of Thái Bình counts its tasks, not the entries of "Tổ chức thực hiện"
    answered, text, _ = ask(assistant, "Mục III.1 của KH Thái Bình có mấy điểm?")
    assert answered and _has(text, "III.1.a") and not _has(text, "mục con")
    # "dòng nào trên 1.000 triệu" compares; it points back at nothing
    answered, text, _ = ask(assistant, "Bảng 2023 có dòng nào trên 1.000 triệu không?")
    assert answered and _has(text, "3.1") and _has(text, "3.6")
    # a figure in a follow-up keeps the conversation's plan
    first = assistant.ask("Nhiệm vụ chỉ dẫn địa lý Nha đam năm 2022 ai chủ trì?")
    second = assistant.ask("kinh phí có đến 1.200 triệu không?", first.context)
    assert "ninh-thuan-2023" not in second.plan_ids
    # "sở này" after a preamble that names the agency: its tasks
    question = "Sở NN&PTNT phụ trách mảng OCOP. Năm 2022 sở này chủ trì những nhiệm vụ OCOP nào?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "3.a") and _has(text, "3.e") and not _has(text, "3.g")


def test_what_a_support_offers_is_in_its_aim(assistant: Assistant) -> None:
    question = "Tôi chế được máy tách hạt điều. KH 2022 của tỉnh hỗ trợ những gì, chỉ tiêu mấy sáng chế?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "thủ tục và kinh phí") and _has(text, "01 sáng chế")


def test_a_task_s_planned_count_and_its_lead_pointed_back_at(assistant: Assistant) -> None:
    first = assistant.ask("KH 2022 co nv nao ve tri thuc truyen thong, van hoa dan gian ko?")
    second = assistant.ask("chỉ tiêu mấy nhiệm vụ, ai chủ trì?", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "3.đ") and _has(text, "01 nhiệm vụ") and not _has(text, "2.c")
    third = assistant.ask("sở chủ trì đó còn chủ trì nhiệm vụ nào khác?", second.context)
    assert _has(canon(plain_text(third)), "Sở Văn hóa, Thể thao và Du lịch")
    # the lead of the task named by the task ("sở chủ trì nv đó"), and the role asked is the one left
    fourth = assistant.ask("so chu tri nv do con phoi hop o nv nao khac nam 2022 ko?", second.context)
    text = canon(plain_text(fourth))
    assert fourth.answered and _has(text, "1.a") and _has(text, "phối hợp") and not _has(text, "• 3.đ")


def test_an_agency_that_leads_no_budget_row_is_told_where_it_cooperates(assistant: Assistant) -> None:
    question = "nam 2023 Hoi Doanh nhan tre co duoc giao chu tri dong nao trong bang du toan ko?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "không chủ trì") and _has(text, "5.3")


def test_targets_pointed_at_in_the_same_message_are_shown_once(assistant: Assistant) -> None:
    question = "Thái Bình đặt chỉ tiêu 100% cán bộ phụ trách QLNN về SHTT được đào tạo ở những sở nào? Là những sở nào?"
    answered, text, _ = ask(assistant, question)
    assert answered and text.count("chỉ tiêu đến năm 2025") == 1 and len(text) < 4096


def test_comparison_words_frame_and_the_printed_total_row_said_first(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Tổng kinh phí của KH Thái Bình so với KH 2023 của Ninh Thuận, bên nào lớn hơn?")
    assert answered and _has(text, "3.832,6 triệu") and _has(text, "không nêu số tiền cụ thể")
    question = "Ở dòng Tổng cộng cuối bảng dự toán 2023, tổng kinh phí thực hiện lớn hơn phần phân bổ bao nhiêu?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "5.296 triệu")
    answered, text, _ = ask(assistant, "Cột ghi chú của dòng thịt cừu trong bảng dự toán 2023 ghi gì?")
    assert answered and _has(text, "đặt hàng")
    question = "Năm 2023 nhóm 3 được bố trí tổng cộng bao nhiêu, tính cả NS sự nghiệp khoa học lẫn phần đề xuất TW?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "2.950 triệu")


def test_rows_asked_of_two_years_are_rows_only_where_a_table_is(assistant: Assistant) -> None:
    question = "Cục SHTT phối hợp ở nhiệm vụ nào trong KH 2022, và ở những dòng nào trong KH 2023 của Ninh Thuận?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "5.a") and _has(text, "5.1") and _has(text, "5.2")


def test_review_35_a_plan_total_names_its_plan_in_any_conversation(assistant: Assistant) -> None:
    first = assistant.ask("Tổng kinh phí KH 2022 của Ninh Thuận là bao nhiêu?")
    second = assistant.ask("Khoản 3.832.600.000 đồng gồm những nguồn nào?", first.context)
    assert "ninh-thuan-2023" in second.plan_ids and "ninh-thuan-2022" not in second.plan_ids
    # a threshold is no plan's figure
    first = assistant.ask("Nhiệm vụ chỉ dẫn địa lý Nha đam năm 2022 ai chủ trì?")
    second = assistant.ask("kinh phí có đến 2 tỷ không?", first.context)
    assert "ninh-thuan-2023" not in second.plan_ids


def test_whether_tasks_of_one_year_are_still_in_the_other_named(assistant: Assistant) -> None:
    question = (
        "Nhiệm vụ tri thức truyền thống và nhiệm vụ khai thác sáng chế hết hạn của năm 2022 có còn trong KH 2023 không?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and text.count("không có nhiệm vụ tương ứng") == 2 and _has(text, "3.đ") and _has(text, "3.b")


def test_the_next_milestone_after_a_target(assistant: Assistant) -> None:
    first = assistant.ask(
        "Thái Bình đặt mục tiêu tới 2025 có bao nhiêu đơn vị sản xuất kinh doanh có cán bộ được tập huấn?"
    )
    second = assistant.ask("còn mốc sau đó?", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "350") and _has(text, "2030")


def test_a_deadline_the_plan_does_not_set_and_the_same_asked_of_another_plan(assistant: Assistant) -> None:
    # the plan sets none: said plainly, as a question the plan does not answer
    answered, text, _ = ask(assistant, "KH 2023 của Ninh Thuận có quy định hạn nộp báo cáo không?")
    assert not answered and _has(text, "không quy định chế độ, thời hạn báo cáo")
    question = (
        "Thái Bình quy định gửi báo cáo hằng năm trước ngày nào? KH 2023 của Ninh Thuận có đặt hạn tương tự không?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "15 tháng 10") and _has(text, "không quy định chế độ, thời hạn báo cáo")


def test_a_share_that_includes_every_source(assistant: Assistant) -> None:
    question = "Nhiệm vụ 3.1 chiếm bao nhiêu phần trăm tổng kinh phí phân bổ năm 2023, tính cả phần đề xuất NSTU?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "57,4%") and _has(text, "2.200 / 3.832,6")


def test_what_is_left_of_two_tasks_named_by_their_abbreviations(assistant: Assistant) -> None:
    question = (
        "Sau năm 2023, hai nhiệm vụ CDĐL thịt cừu và NHTT/NHCN còn thiếu tổng cộng bao nhiêu so với tổng kinh phí?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "2.400 triệu đồng") and _has(text, "3.6 (1.500)")


def test_the_allocation_of_the_tasks_just_listed(assistant: Assistant) -> None:
    first = assistant.ask("Những việc nào trong kế hoạch 2023 của Ninh Thuận được triển khai ngay từ Quý I?")
    second = assistant.ask("tổng tiền năm 2023 bố trí cho mấy việc đó là bao nhiêu?", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "phân bổ năm 2023") and _has(text, "340 triệu đồng")


def test_the_part_an_agency_named_has_in_a_task(assistant: Assistant) -> None:
    question = "CDĐL Thịt cừu 2023: bắt đầu quý mấy, Sở NN&PTNT đóng vai trò gì?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Quý I năm 2023") and _has(text, "Phối hợp: Sở Nông nghiệp")


def test_tasks_one_agency_leads_and_another_cooperates_in(assistant: Assistant) -> None:
    question = "nhung nv nam 2023 do So KHCN chu tri ma co So NN&PTNT phoi hop thi nam 2023 duoc phan bo tong cong bn"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "có Sở Nông nghiệp và Phát triển nông thôn phối hợp") and _has(text, "750 triệu")
    # each asked of on its own stays two counts
    answered, text, _ = ask(assistant, "Sở KH&CN chủ trì mấy nhiệm vụ năm 2023, Sở NN&PTNT chủ trì mấy?")
    assert answered and _has(text, "9 nhiệm vụ do Sở Khoa học và Công nghệ chủ trì") and "có Sở Nông" not in text


def test_rows_that_have_a_figure_in_a_column_and_their_sum_checked_against_the_printed_one(
    assistant: Assistant,
) -> None:
    # "có số" typed with its marks is "has a figure", not "cơ sở" (basic) of the tasks' words
    first = assistant.ask("Trong bảng dự toán 2023 của Ninh Thuận, cột 'NS khác của tỉnh' có số ở những dòng nào?")
    text = canon(plain_text(first))
    assert first.answered and _has(text, "5.3") and _has(text, "5.5") and "1.1 —" not in text
    second = assistant.ask("cong lai bn, co khop voi con so 770 trieu ghi o phan tong ko", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "500 triệu đồng") and _has(text, "lệch 270 triệu đồng")


def test_the_money_of_each_class_counted_then_added_up(assistant: Assistant) -> None:
    first = assistant.ask(
        "Năm 2023 Sở KH&CN tự đứng chủ trì mấy lớp tập huấn, bồi dưỡng? Mỗi lớp dự trù bao nhiêu tiền?"
    )
    text = canon(plain_text(first))
    assert first.answered and _has(text, "3 lớp") and text.count("9,2 triệu đồng") == 3 and "5.3 —" not in text
    second = assistant.ask("cong 3 lop do lai dc bn", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "27,6 triệu đồng") and "5.3" not in text


def test_the_tasks_of_several_agencies_named_together(assistant: Assistant) -> None:
    question = (
        "Gộp phần việc mà Sở NN, UBND huyện và Sở GD&ĐT chủ trì trong bảng 2023 thì tổng kinh phí thực hiện là bn?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "500 triệu đồng") and _has(text, "5.3 (420) + 5.5 (80)")
    # the tasks they share are another question
    answered, text, _ = ask(assistant, "Sở KH&CN và Sở NN&PTNT cùng chủ trì những nhiệm vụ nào năm 2022")
    assert answered and _has(text, "cùng chủ trì") and _has(text, "3.c") and "1.a" not in text


def test_a_selection_added_up_in_other_words(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "cac viec So KHCN chu tri lam trong quy II/2023 duoc phan bo tong bn tien?")
    assert answered and _has(text, "477,6 triệu đồng")
    question = "Không tính phần xin TW, tỉnh tự bố trí cho nhóm 3 năm 2023 tổng cộng bao nhiêu theo bảng?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "950 triệu đồng") and _has(text, "không tính Đề xuất NSTU hỗ trợ")
    answered, text, _ = ask(assistant, "Tính tổng tiền năm 2023 cho những dòng ghi đúng Quý I, không tính Quý I-II")
    assert answered and _has(text, "phân bổ năm 2023") and _has(text, "340 triệu đồng")


def test_the_task_that_starts_latest_or_earliest(assistant: Assistant) -> None:
    first = assistant.ask("nhung dong nao trong bang du toan 2023 ghi thoi gian trien khai la Quy I")
    second = assistant.ask("Còn dòng nào triển khai muộn nhất trong năm?", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "3.1") and _has(text, "Quý III–IV năm 2023") and "1.1 —" not in text
    answered, text, _ = ask(assistant, "việc nào được triển khai sớm nhất trong kế hoạch 2023")
    assert answered and _has(text, "Bắt đầu từ Quý I") and _has(text, "3.3") and "3.1 —" not in text
    # a plan that names no quarter ranks nothing, and says so
    answered, text, _ = ask(assistant, "Sở KH&CN chủ trì việc nào bắt đầu muộn nhất năm 2022")
    assert not answered and _has(text, "không ghi quý triển khai")


def test_what_a_task_talked_about_aims_at_and_what_it_still_lacks(assistant: Assistant) -> None:
    first = assistant.ask("KH 2022 của Ninh Thuận có nhiệm vụ nào về hệ sinh thái khởi nghiệp đổi mới sáng tạo không?")
    second = assistant.ask("Mục tiêu cụ thể gồm những bước nào?", first.context)
    assert second.answered and _has(canon(plain_text(second)), "khảo sát")
    first = assistant.ask("Nhiệm vụ KH&CN cấp trung ương năm 2023 của Ninh Thuận mời những ai phối hợp?")
    second = assistant.ask("ngoai 2 ty de xuat TW ho tro thi tinh bo ra bn, tu nguon nao", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "200 triệu đồng") and _has(text, "NS sự nghiệp khoa học")
    third = assistant.ask("sau 2023 con thieu bn nua moi du tong kp cua nv", second.context)
    assert third.answered and _has(canon(plain_text(third)), "2.600 triệu đồng")


def test_within_the_group_just_counted_and_every_source_of_a_group(assistant: Assistant) -> None:
    question = (
        "KH 2022: nhóm nhiệm vụ khuyến khích, nâng cao hiệu quả khai thác TSTT có bao nhiêu nhiệm vụ, và Sở KH&CN "
        "chủ trì hoặc đồng chủ trì mấy cái trong đó?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "7 nhiệm vụ thuộc nhóm 3") and _has(text, "3 nhiệm vụ do Sở Khoa học và Công nghệ")
    question = (
        "Riêng năm 2023, nhóm 3 của Ninh Thuận được rót tổng cộng bao nhiêu tiền, tính cả phần xin Trung ương hỗ trợ?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "2.950 triệu đồng")
    # "ngay" (right within) typed without its marks among accented words is no "ngày" (day)
    question = "Các dòng triển khai trong Quý II/2023 được phân bổ tổng cộng bao nhiêu tiền ngay trong năm 2023?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "977,6 triệu đồng")


def test_each_agency_unaccented_a_row_with_money_and_the_sources_of_a_sum(assistant: Assistant) -> None:
    # "moi so" typed without marks is "mỗi sở" (each department), not "số … mới" of the targets
    answered, text, _ = ask(assistant, "So Tai chinh va So KH&DT Thai Binh moi so lam gi trong KH SHTT?")
    assert answered and _has(text, "Sở Tài chính") and _has(text, "Sở Kế hoạch và Đầu tư") and "8-10%" not in text
    first = assistant.ask("Nhiệm vụ 3.2 năm 2023 mục tiêu là gì?")
    second = assistant.ask("năm 2023 nó có dc ghi tiền ko?", first.context)
    assert _has(canon(plain_text(second)), "Hoạt động thường xuyên")
    first = assistant.ask("Năm 2023 Sở KH&CN chủ trì những lớp bồi dưỡng nào cho cán bộ thực thi và quản trị TSTT?")
    second = assistant.ask("các lớp đó tổng cộng hết bn tiền, nguồn nào?", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "Theo nguồn: NS sự nghiệp khoa học")


def test_the_money_of_tasks_just_counted_and_a_share_within_the_task_just_answered(assistant: Assistant) -> None:
    question = (
        "Mấy nhiệm vụ kéo dài 24 tháng trong bảng 2023 cộng tổng kinh phí thực hiện là bn? riêng năm 2023 bố trí "
        "cho chúng bn (tính cả đề xuất TW)?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "7.800 triệu đồng") and _has(text, "2.800 triệu đồng")
    assert "Thời gian triển khai" not in text  # the length chose them; it was not asked
    question = (
        "nv 3.1 tổng 4.800 tr, sau năm 2023 còn phải bố trí bao nhiêu nữa? và trong số tiền của năm 2023 thì phần "
        "đề xuất TW chiếm bao nhiêu %?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "2.600 triệu đồng") and _has(text, "90,91%")


def test_review_38_rules_that_stay_in_their_place(assistant: Assistant) -> None:
    # a deadline is no ranking of when tasks start, nor is one task's own time
    answered, text, _ = ask(assistant, "Báo cáo kết quả thực hiện chậm nhất ngày nào?")
    assert answered and _has(text, "15 tháng 10")
    answered, text, _ = ask(assistant, "nhiệm vụ thịt cừu triển khai muộn nhất quý mấy")
    assert answered and _has(text, "3.3") and _has(text, "Quý I năm 2023")
    # "trong đó" of a message that counts its own whole, or names the plan, is no carry-over
    first = assistant.ask("nhóm 3 năm 2023 có bao nhiêu nhiệm vụ?")
    second = assistant.ask("KH 2022 có bao nhiêu nhiệm vụ, trong đó Sở KHCN chủ trì mấy?", first.context)
    text = canon(plain_text(second))
    assert _has(text, "18 nhiệm vụ") and _has(text, "13 nhiệm vụ do Sở Khoa học và Công nghệ chủ trì")
    # the plan's own money asked as a whole, after one task
    first = assistant.ask("Nhiệm vụ 3.1 năm 2023 bao nhiêu tiền")
    second = assistant.ask("cả năm 2023 không tính phần TW thì tỉnh bỏ ra bao nhiêu", first.context)
    assert _has(canon(plain_text(second)), "1.832,6 triệu")
    # "SHTT/SHCN" is one field: every class is still a class
    answered, text, _ = ask(assistant, "KH 2023 có bao nhiêu lớp tập huấn về SHTT/SHCN")
    assert answered and _has(text, "5 lớp")
    # the classes counted, the dearest of them, then all of them added up
    first = assistant.ask("Năm 2023 có mấy lớp tập huấn? Lớp nào nhiều tiền nhất?")
    text = canon(plain_text(first))
    assert _has(text, "5 lớp") and _has(text, "5.3 — Tập huấn SHTT cho chủ thể OCOP") and "3.1 —" not in text
    second = assistant.ask("cộng mấy lớp đó lại", first.context)
    assert _has(canon(plain_text(second)), "527,6 triệu đồng")
    first = assistant.ask("Nhóm 5 năm 2023 có những gì? Việc nào nhiều tiền nhất?")
    second = assistant.ask("tổng tiền mấy việc đó", first.context)
    assert "3.1 —" not in canon(plain_text(first)) and _has(canon(plain_text(second)), "518,4 triệu đồng")


def test_duty_points_of_several_agencies_added_up(assistant: Assistant) -> None:
    question = (
        "KH 160 Thái Bình: cộng số đầu việc (a, b, c...) giao cho 3 sở KHCN, NN&PTNT, VH-TT-DL ở phần tổ chức thực "
        "hiện thì được bao nhiêu?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Tổng cộng 14 việc (14 điểm) giao cho 3 cơ quan") and _has(text, "4 việc (mục V.3)")
    # each asked of on its own stays each
    first = assistant.ask("kh shtt thai binh giao so VHTTDL nhung viec j, cu the ntn")
    assert _has(canon(plain_text(first)), "Sở Văn hóa, Thể thao và Du lịch")
    second = assistant.ask("so do dc giao may dau viec? con so NN&PTNT thi may", first.context)
    text = canon(plain_text(second))
    assert _has(text, "được giao 4 việc") and _has(text, "được giao 5 việc") and "Tổng cộng" not in text


def test_a_run_of_quarters_a_correction_to_it_and_a_whole_ranking(assistant: Assistant) -> None:
    first = assistant.ask("nv nao nam 2023 trien khai vao quy I")
    second = assistant.ask("cong kp phan bo nam 2023 cua may nv do lai dc bn", first.context)
    third = assistant.ask("a ko, y minh la quy III-IV chu ko phai quy I", second.context)
    text = canon(plain_text(third))
    assert third.answered and _has(text, "Quý III–IV") and _has(text, "2.200 triệu đồng") and "1.1 (" not in text
    first = assistant.ask("nhung nv nao nam 2023 co tong kp tu 1 ty tro len")
    second = assistant.ask("xep giup tu cao xuong thap, kem so tien", first.context)
    text = canon(plain_text(second))
    assert _has(text, "từ cao xuống thấp") and text.index("3.1 —") < text.index("3.6 —") < text.index("3.3 —")
    third = assistant.ask("cong 3 cai do lai dc bn", second.context)
    assert _has(canon(plain_text(third)), "7.800 triệu đồng")


def test_two_years_of_a_plan_added_or_set_against_each_other(assistant: Assistant) -> None:
    answered, text, _ = ask(
        assistant, "Cộng dự toán SHTT hai năm 2022 và 2023 của Ninh Thuận lại thì tổng là bao nhiêu?"
    )
    assert answered and _has(text, "9.372,6 triệu đồng")
    first = assistant.ask("Kế hoạch SHTT năm 2022 của Ninh Thuận dự kiến tổng kinh phí bao nhiêu?")
    second = assistant.ask("vay nam 2023 it hon bn tien, giam khoang bn %", first.context)
    text = canon(plain_text(second))
    assert second.answered and _has(text, "1.707,4 triệu đồng")


def test_set_41_selections_a_target_level_and_the_field_as_a_whole(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Cộng mọi nguồn, nhóm nhiệm vụ 3 được phân bổ bao nhiêu tiền trong năm 2023?")
    assert answered and _has(text, "2.950 triệu đồng")
    first = assistant.ask(
        "KH SHTT 2023 của Ninh Thuận: những nhiệm vụ nào bắt đầu từ quý I (tính cả việc kéo dài sang quý II)?"
    )
    second = assistant.ask("mấy việc đó được phân bổ tổng cộng bao nhiêu tiền trong năm 2023?", first.context)
    assert _has(canon(plain_text(second)), "340 triệu đồng")
    answered, text, _ = ask(
        assistant, "Những dòng được bố trí đủ 100% tổng kinh phí ngay trong năm 2023 cộng lại là bao nhiêu?"
    )
    assert answered and _has(text, "567,6 triệu đồng")
    answered, text, _ = ask(assistant, "Thai Binh nam 2023 du toan bao nhieu tien cho hoat dong SHTT?")
    assert not answered and _has(text, "không nêu")
    first = assistant.ask(
        "Đến năm 2025, Thái Bình muốn cán bộ quản lý nhà nước về SHTT được đào tạo tới mức nào, tỷ lệ bao nhiêu?"
    )
    assert _has(canon(plain_text(first)), "100% cán bộ")
    second = assistant.ask("vậy tới 2030 thì đổi thành mức gì?", first.context)
    assert second.answered and _has(canon(plain_text(second)), "2030")


def test_a_row_without_a_figure_says_so_and_a_column_checked_against_its_printed_total(assistant: Assistant) -> None:
    question = (
        "Trong bảng dự toán 2023 Sở NN&PTNT được giao chủ trì dòng nào, làm vào thời gian nào, kinh phí ghi thế nào?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "3.2") and _has(text, "Hoạt động thường xuyên") and _has(text, "Quý I–II")
    first = assistant.ask("Bảng dự toán 2023 của Ninh Thuận có những dòng nào dùng ngân sách khác của tỉnh?")
    second = assistant.ask("thế cột NS sự nghiệp khoa học thì tổng các dòng so với dòng Cộng ra sao?", first.context)
    text = canon(plain_text(second))
    assert _has(text, "1.017,6 triệu đồng") and _has(text, "1.062,6")


def test_review_39_starts_ranked_in_common_words_and_selections_that_stay_put(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "nhiệm vụ triển khai sớm nhất và muộn nhất năm 2023")
    assert answered and _has(text, "Bắt đầu từ Quý I") and _has(text, "Bắt đầu từ Quý III")
    answered, text, _ = ask(assistant, "KH 2023 triển khai muộn nhất là gì")
    assert answered and _has(text, "3.1")
    # a deadline and one task's time stay what they were
    answered, text, _ = ask(assistant, "các sở phải gửi báo cáo kết quả thực hiện muộn nhất là ngày mấy")
    assert answered and _has(text, "15 tháng 10")
    # "trong đó có mấy …" after a group counted: within it; the whole table named after a list: the whole table
    first = assistant.ask("nhóm 3 năm 2023 có bao nhiêu nhiệm vụ?")
    second = assistant.ask("trong đó có mấy nhiệm vụ do Sở KHCN chủ trì", first.context)
    assert _has(canon(plain_text(second)), "4 nhiệm vụ do Sở Khoa học và Công nghệ chủ trì")
    first = assistant.ask("Quý II năm 2023 có những nhiệm vụ nào?")
    second = assistant.ask("trong bảng dự toán, dòng nào có tổng kinh phí lớn nhất", first.context)
    assert _has(canon(plain_text(second)), "3.1 —")
    # a count next to a money question leaves the money asked
    answered, text, _ = ask(assistant, "số nhiệm vụ nhóm 3 năm 2023, tổng kinh phí là bao nhiêu")
    assert answered and _has(text, "8.300")
    # the province's part of a task that takes nothing from the centre is all of it
    first = assistant.ask("nhiệm vụ 3.3 năm 2023 bao nhiêu tiền")
    second = assistant.ask("không tính phần TW thì tỉnh bố trí cho nhiệm vụ này bao nhiêu", first.context)
    assert _has(canon(plain_text(second)), "300 triệu đồng")


def test_a_request_said_as_an_order_is_a_question_of_its_own(assistant: Assistant) -> None:
    question = (
        "Bảng dự toán 2023 của Ninh Thuận: Sở NN&PTNT được ghi đích danh là cơ quan phối hợp ở mấy dòng? "
        "Cộng số tiền phân bổ năm 2023 của các dòng đó giúp mình."
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "4 nhiệm vụ do Sở Nông nghiệp") and _has(text, "1.170 triệu đồng")


def test_whether_a_task_is_new_and_who_cooperates_said_as_an_aside(assistant: Assistant) -> None:
    answered, text, _ = ask(
        assistant, "nv CDDL thit cuu nam 2023 la nv lam moi hay lam tiep, so nao phoi hop voi so KHCN?"
    )
    assert answered and _has(text, "thực hiện mới từ năm 2023") and _has(text, "Sở Nông nghiệp")
    first = assistant.ask("kh 2022 ninh thuan co nv nao lam co so du lieu lon (big data) ve nong nghiep ko")
    second = assistant.ask("con phoi hop thi co hoi nao tham gia ko", first.context)
    text = canon(plain_text(second))
    assert _has(text, "1.c") and _has(text, "Hội Doanh nhân trẻ")


def test_a_second_question_about_money_or_duties_after_a_comma_and_và(assistant: Assistant) -> None:
    question = (
        "Dòng 3.1 trong bảng 2023: cơ quan phối hợp là những ai, và ngân sách sự nghiệp khoa học của tỉnh bỏ ra "
        "bao nhiêu trong năm 2023?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "chủ sở hữu") and _has(text, "200 triệu đồng từ NS sự nghiệp khoa học")
    question = (
        "Sở TT&TT trong KH 2022 của Ninh Thuận: chủ trì nhiệm vụ nào, và phần tổ chức thực hiện giao sở triển khai "
        "SHTT trong những lĩnh vực nào?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "1.c") and _has(text, "công nghệ thông tin")


def test_protection_abroad_is_the_plans_classes_on_protection_at_home_and_abroad(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "nam 2023 co lop tap huan nao ve bao ho nhan hieu o nuoc ngoai ko, ai to chuc")
    assert answered and _has(text, "5.3") and _has(text, "UBND các huyện, thành phố")


def test_a_province_named_only_in_an_aside_is_not_the_one_asked_about(assistant: Assistant) -> None:
    question = (
        "Công ty mình ở Phan Thiết, Bình Thuận (hồi trước chung tỉnh Thuận Hải với Ninh Thuận), làm nước mắm. "
        "Kế hoạch SHTT của Bình Thuận có hỗ trợ chỉ dẫn địa lý nước mắm không?"
    )
    answered, text, _ = ask(assistant, question)
    assert not answered and _has(text, "Chưa có kế hoạch SHTT nào của Bình Thuận") and "3.3 —" not in text
    # an aside that is all the message names is what it asks about
    answered, text, _ = ask(assistant, "kế hoạch của tỉnh (Ninh Thuận) năm 2023 tổng kinh phí bao nhiêu")
    assert answered and _has(text, "3.832,6")


def test_a_quoted_column_heading_selects_no_row_and_a_quoted_group_is_counted(assistant: Assistant) -> None:
    question = "Trong KH 2022, có bao nhiêu nhiệm vụ mà dòng 'Cơ quan phối hợp' có ghi 'cơ quan chuyên môn liên quan'?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "5 nhiệm vụ") and _has(text, "3.c") and not _has(text, "0 nhiệm vụ")


def test_not_in_that_year_names_what_the_year_has_on_the_same_topic(assistant: Assistant) -> None:
    answered, text, _ = ask(
        assistant, "Sang năm 2023 Ninh Thuận có tiếp tục nhiệm vụ chỉ dẫn địa lý cho nha đam không?"
    )
    assert answered and _has(text, "Không") and _has(text, "3.c") and _has(text, "Thịt cừu")
    answered, text, _ = ask(assistant, "KH 2022 có nhiệm vụ nào về CDĐL thịt cừu không?")
    assert answered and _has(text, "3.3") and _has(text, "Nha đam")
    # a topic nobody else files under: no "same topic" line
    _, text, _ = ask(assistant, "năm 2023 có làm bản đồ số không")
    assert not _has(text, "Cùng chủ đề")


def test_the_conversations_agency_by_its_head_noun(assistant: Assistant) -> None:
    first = assistant.ask("Bảng dự toán 2023: Cục Sở hữu trí tuệ phối hợp ở những dòng nào?")
    answered, text, _ = ask(assistant, "thế năm 2022 Cục phối hợp việc gì?", first.context)
    assert answered and _has(text, "5.a") and not _has(text, "Cục Quản lý Thị trường")


def test_asked_whether_an_agency_is_given_duties_no_answers_it(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Kế hoạch 160 của Thái Bình có giao nhiệm vụ riêng cho Sở Tư pháp không?")
    assert answered and text.startswith("không.") and _has(text, "không giao riêng nhiệm vụ cho Sở Tư pháp")
    # not asked whether: the plan says nothing of it, which answers no question
    answered, _, _ = ask(assistant, "Thái Bình giao Sở Tư pháp làm gì")
    assert not answered


def test_a_place_in_the_last_ranking(assistant: Assistant) -> None:
    first = assistant.ask("trong bảng dự toán SHTT 2023 của Ninh Thuận, dòng nào có tổng kinh phí thực hiện lớn nhất?")
    answered, text, _ = ask(assistant, "dung thu 2 la dong nao", first.context)
    assert answered and _has(text, "3.6") and _has(text, "1.800 triệu đồng") and not _has(text, "12 nhiệm vụ")


def test_none_in_that_quarter_alone_shows_the_tasks_running_through_it(assistant: Assistant) -> None:
    first = assistant.ask("Năm 2023 Ninh Thuận có những việc nào ghi triển khai đúng Quý I (không tính dòng Quý I-II)?")
    answered, text, _ = ask(assistant, "còn quý III?", first.context)
    assert answered and _has(text, "không có nhiệm vụ nào triển khai chỉ trong Quý III") and _has(text, "3.1")


def test_the_laws_terms_are_out_of_the_plans_scope(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Sáng chế được bảo hộ bao nhiêu năm theo Luật SHTT?")
    assert not answered and _has(text, "Cục Sở hữu trí tuệ") and "2.c —" not in text
    answered, text, _ = ask(assistant, "nhiệm vụ thịt cừu kéo dài bao nhiêu năm")
    assert answered and _has(text, "24 tháng")


def test_a_target_asked_of_the_task_talked_about_in_another_year(assistant: Assistant) -> None:
    first = assistant.ask("nam 2023 tinh ho tro dang ky bao ho SHTT cho bao nhieu sp OCOP?")
    answered, text, _ = ask(assistant, "Năm 2022 chỉ tiêu là bao nhiêu, sở nào chủ trì?", first.context)
    assert answered and _has(text, "3.e") and _has(text, "06 sản phẩm") and _has(text, NNPTNT)


def test_the_task_talked_about_divided_by_its_count(assistant: Assistant) -> None:
    first = assistant.ask("nam 2023 tinh ho tro dang ky bao ho SHTT cho bao nhieu sp OCOP?")
    question = "nv do duoc phan bo bn tien trong nam, chia binh quan moi sp bn?"
    answered, text, _ = ask(assistant, question, first.context)
    assert answered and _has(text, "30 triệu đồng") and not _has(text, "Trung bình mỗi nhiệm vụ")


def test_one_class_against_another_named_by_number(assistant: Assistant) -> None:
    question = (
        "Năm 2023, một lớp tập huấn cho học sinh, sinh viên tốn gấp khoảng mấy lần một lớp bồi dưỡng cán bộ (5.1)?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "gấp 4,35 lần") and _has(text, "chênh nhau 30,8 triệu đồng")
    question = (
        "Chi phí một lớp cho học sinh, sinh viên năm 2023 so với lớp cán bộ thực thi (5.1): chênh nhau bao nhiêu?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "chênh nhau 30,8 triệu đồng") and not _has(text, "70,8 triệu đồng")


def test_an_agency_the_plan_only_names_in_its_tasks_words(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "thai binh co nhac toi cuc SHTT ko, trong viec gi?")
    assert answered and _has(text, "III.2.c") and _has(text, "III.6.e") and _has(text, "nước ngoài")


def test_the_part_named_tổ_chức_thực_hiện_is_where_the_answer_is(assistant: Assistant) -> None:
    question = "Trong phần tổ chức thực hiện năm 2022, Sở TT&TT phải triển khai nhiệm vụ SHTT trong những lĩnh vực nào?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "công nghệ thông tin") and "1.c —" not in text


def test_an_agency_set_aside_is_not_the_subject(assistant: Assistant) -> None:
    question = (
        "KH 2022 NT: ngoai so KHCN, nhung so nao phai phoi hop xay dung du toan chi tiet cac nhiem vu "
        "roi gui So Tai chinh tham dinh?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Sở Văn hóa, Thể thao và Du lịch") and _has(text, NNPTNT)
    assert not _has(text, "IV.1")


def test_this_support_last_year_is_the_task_talked_about_not_another_plans(assistant: Assistant) -> None:
    first = assistant.ask("Năm 2023 hỗ trợ đăng ký bảo hộ, truy xuất nguồn gốc sản phẩm OCOP thì bao giờ triển khai?")
    question = "Năm ngoái (2022) việc hỗ trợ này do sở nào chủ trì, chỉ tiêu bao nhiêu sản phẩm?"
    answered, text, _ = ask(assistant, question, first.context)
    assert answered and _has(text, "3.e") and _has(text, NNPTNT) and _has(text, "06 sản phẩm")
    assert not _has(text, "Thái Bình")


def test_cộng_opening_and_lại_closing_adds_up(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "cong du toan SHTT cua Ninh Thuan nam 2022 va nam 2023 lai dc bn tien")
    assert answered and _has(text, "9.372,6 triệu đồng")


def test_how_many_the_person_says_there_are_is_no_subject(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "2 lop co Cuc SHTT phoi hop nam 2023 tong cong bn tien")
    assert answered and _has(text, "18,4 triệu đồng")


def test_rows_without_a_figure_set_aside_and_rows_chosen_by_what_is_left(assistant: Assistant) -> None:
    question = (
        "Trong bảng dự toán 2023 (bỏ qua hai dòng không ghi số), có bao nhiêu dòng được bố trí đủ 100% tổng kinh "
        "phí ngay trong năm 2023, và các dòng đó cộng lại bao nhiêu tiền?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "6 nhiệm vụ") and _has(text, "567,6 triệu đồng")


def test_each_rows_figure_added_up_beside_the_printed_total(assistant: Assistant) -> None:
    question = (
        "Cộng các con số ở cột 'NS sự nghiệp khoa học' của từng dòng trong bảng dự toán 2023 thì được bao nhiêu, "
        "và lệch so với dòng 'Cộng' bao nhiêu?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "1.017,6 triệu đồng") and _has(text, "lệch 45 triệu đồng")


def test_rows_of_an_exact_amount_listed_and_added_up(assistant: Assistant) -> None:
    answered, text, _ = ask(
        assistant, "Những dòng nào trong dự toán 2023 có kinh phí đúng 9,2 triệu, cộng lại được bao nhiêu?"
    )
    assert answered and _has(text, "IP Platform") and _has(text, "27,6 triệu đồng") and "3.1 —" not in text


def test_a_group_named_with_its_title_in_brackets_then_a_column(assistant: Assistant) -> None:
    question = "Riêng nhóm nhiệm vụ 3 (khai thác TSTT) năm 2023 được phân bổ bao nhiêu từ NS sự nghiệp khoa học?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "950 triệu đồng")


# Three review rounds asked about 1,000 questions each of the code before and after a batch of changes; each cause
# of the regressions the first (42) and the third (20) found has a case here, with what its wrong answer said
# ("5.350": a sum of what is left, read into ", còn lại do ai"); the second's are below.
@pytest.mark.parametrize(
    ("question", "facts", "absent"),
    [
        ("Ngoài ra Sở Tài chính phải làm gì trong kế hoạch Thái Bình?", ["Sở Tài chính", "thẩm định"], []),
        ("Ngoài ra Sở KH&CN còn chủ trì những nhiệm vụ nào năm 2022?", [KHCN, "1.b"], []),
        ("Ngoài Đài Phát thanh và Truyền hình, ai phải đưa tin về SHTT năm 2023?", ["Báo Ninh Thuận"], []),
        ("Nhiệm vụ khai thác sáng chế đã qua thời hạn bảo hộ năm 2022 do ai chủ trì?", [KHCN], []),
        ("UBND huyện bố trí kinh phí theo quy định pháp luật hiện hành, cụ thể phải làm gì?", ["V.11"], []),
        ("Nhiệm vụ KH&CN cấp trung ương năm 2023 có hiệu lực mấy năm?", ["24 tháng"], []),
        ("thai binh thuc hien trong nhung nam nao", ["2021-2025", "2030"], []),
        ("Theo bạn, Sở nào chủ trì nhiều nhiệm vụ nhất năm 2023?", [KHCN], ["5.350"]),
        ("theo bot năm 2023 có mấy nhiệm vụ?", ["15 nhiệm vụ"], ["5.350"]),
        ("theo Ban chỉ đạo 389 thì Công an tỉnh phải làm gì?", ["Công an tỉnh"], ["5.350"]),
        ("Năm 2022 xây dựng chỉ dẫn địa lý cho những sản phẩm cụ thể nào?", ["Nha đam"], ["5.350"]),
        ("Nhãn hiệu chứng nhận năm 2022 tên sản phẩm là gì?", ["Tôm giống"], ["5.350"]),
        ("tổng kinh phí quý I năm 2023 (kể cả quý II)", ["4.067,6 triệu đồng"], ["5.350"]),
        ("Sở KHCN chủ trì những nhiệm vụ nào năm 2023, còn lại do ai chủ trì?", ["3.1"], ["5.350"]),
    ],
)
def test_review_regressions_answer_as_before(
    assistant: Assistant, question: str, facts: list[str], absent: list[str]
) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and all(_has(text, f) for f in facts) and not any(_has(text, a) for a in absent), text[:300]


def test_review_regressions_in_conversations(assistant: Assistant) -> None:
    largest = assistant.ask("Năm 2023 nhiệm vụ nào có tổng kinh phí lớn nhất?").context
    answered, text, _ = ask(assistant, "kế hoạch Thái Bình báo cáo hàng năm gửi ai?", largest)
    assert answered and _has(text, KHCN) and not _has(text, "cao thứ năm")
    answered, text, _ = ask(assistant, "thứ hai là dòng nào", largest)
    assert answered and _has(text, "3.6")
    station = assistant.ask("Dai Phat thanh va Truyen hinh tinh phai lam gi nam 2023?").context
    answered, text, _ = ask(assistant, "nhiệm vụ nào kéo dài phải 24 tháng năm 2023?", station)
    assert answered and _has(text, "3.1") and _has(text, "3.3")
    answered, text, _ = ask(assistant, "con nam 2022 dai phai lam gi?", station)
    assert answered and _has(text, "IV.2.i")
    answered, text, _ = ask(assistant, "Ngoài Sở KH&CN, Sở NN&PTNT chủ trì những nhiệm vụ nào năm 2023?")
    assert answered and "hoặc" not in text


def test_a_table_named_by_its_year_is_no_amount(assistant: Assistant) -> None:
    question = "nhom 3 trong bang 2023: tien NS su nghiep khoa hoc bo tri cho cac dong cua nhom nay cong lai dc bn?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "950 triệu đồng") and "2.023" not in text


def test_co_leads_left_out_with_their_number_and_partner(assistant: Assistant) -> None:
    question = (
        "KH 2022 Ninh Thuan: So KH&CN chu tri mot minh (ko tinh 2 nv dong chu tri voi so khac) bao nhieu nhiem vu?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "11 nhiệm vụ")


def test_rows_named_earlier_in_the_conversation_are_chosen_again(assistant: Assistant) -> None:
    context = assistant.ask("Theo bảng dự toán 2023, những việc nào bắt đầu triển khai ngay trong quý I?").context
    for turn in ("con quy III?", "cai do ai phoi hop"):
        context = assistant.ask(turn, context).context
    answered, text, _ = ask(
        assistant, "mấy dòng quý I lúc nãy cộng lại được phân bổ bao nhiêu trong năm 2023?", context
    )
    assert answered and _has(text, "340 triệu đồng")


def test_a_typo_keeps_the_typed_start(assistant: Assistant) -> None:
    question = "co giao truong THCS o Ninh Phuoc hoi: nam 2023 tinh co tap huang SHTT cho hoc sinh ko, so nao chu tri?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "5.5") and _has(text, "Sở Giáo dục và Đào tạo")


def test_names_a_task_only_counts_are_not_stated(assistant: Assistant) -> None:
    question = "Năm 2023 Ninh Thuận hỗ trợ 05 sản phẩm OCOP đăng ký bảo hộ — đó cụ thể là những sản phẩm nào?"
    answered, text, _ = ask(assistant, question)
    assert not answered and _has(text, "không nêu chi tiết này") and _has(text, "05 sản phẩm OCOP")
    answered, text, _ = ask(assistant, "CDĐL năm 2023 cho sản phẩm nào")
    assert answered and _has(text, "Thịt cừu")


def test_the_assistants_opinion_is_out_of_scope(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Theo bạn, chỉ tiêu đến 2030 của Thái Bình có thực tế không hay đặt quá cao?")
    assert not answered and _has(text, "ngoài phạm vi")
    answered, _, _ = ask(assistant, "theo kế hoạch, ai chủ trì nhiệm vụ 3.3")
    assert answered


def test_who_is_given_a_duty_shows_the_duty_inside_a_long_entry(assistant: Assistant) -> None:
    question = "nam 2022 thi ai duoc giao ra soat, thong ke sp OCOP de tu van ho tro bao ho?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, NNPTNT) and _has(text, "Văn phòng Điều phối")


# A second review round (1,000 questions, the code before and after) found 18 regressions in 4 causes: a case each.
@pytest.mark.parametrize(
    ("question", "answered", "facts"),
    [
        ("nhiệm vụ nào kinh phí đúng 300 triệu năm 2023", True, ["3.3", "3.6"]),
        ("Nhiệm vụ nào sử dụng 2.000 triệu NSTU?", True, ["3.1"]),
        ("thời hạn bảo hộ kiểu dáng công nghiệp bao nhiêu năm", False, []),
        ("keo dai 24 thuang la nhung nhiem vu nao nam 2023", True, ["3.1", "3.3", "3.6"]),
        ("doan thuanh nien thai binh lam gi", True, ["V.10"]),
        ("Theo chỉ tiêu Nghị quyết 14, năm 2022 hỗ trợ mấy sáng chế?", True, ["01 sáng chế"]),
        ("theo bo luat dan su thi quyen tac gia the nao?", False, []),
    ],
)
def test_second_review_regressions(assistant: Assistant, question: str, answered: bool, facts: list[str]) -> None:
    said, text, _ = ask(assistant, question)
    assert said is answered and all(_has(text, f) for f in facts), text[:300]


def test_a_ranking_place_without_thứ(assistant: Assistant) -> None:
    largest = assistant.ask("dòng nào tổng kinh phí lớn nhất 2023").context
    answered, text, _ = ask(assistant, "xếp hạng 2 là dòng nào", largest)
    assert answered and _has(text, "3.6") and not _has(text, "12 nhiệm vụ")
    answered, text, _ = ask(assistant, "hàng đầu là nhiệm vụ nào", largest)
    assert answered and _has(text, "3.1")


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        ("cac dong co muc kinh phi 9,2 trieu trong bang 2023 cong lai bn tien?", ["27,6 triệu đồng"]),
        (
            "Cộng số tiền phân bổ năm 2023 của các dòng thuộc nhóm 5 trong bảng dự toán (dòng chỉ ghi 'Hoạt động "
            "thường xuyên' tính là 0).",
            ["518,4 triệu đồng"],
        ),
        (
            "Những dòng nhiệm vụ nào trong bảng 2023 không có đồng nào từ NS sự nghiệp khoa học (tính cả dòng không "
            "ghi số tiền nào)?",
            ["3.2", "5.3", "5.4", "5.5"],
        ),
        (
            "Dòng 'Cộng' của bảng dự toán 2023 ghi tổng kinh phí thực hiện 9.128,6 triệu. Nếu tự cộng các dòng nhiệm "
            "vụ in trong bảng thì được bao nhiêu, chênh lệch bao nhiêu?",
            ["8.867,6 triệu đồng", "lệch 261 triệu đồng"],
        ),
    ],
)
def test_rows_chosen_and_counted_as_the_question_says(assistant: Assistant, question: str, facts: list[str]) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and all(_has(text, f) for f in facts), text[:300]


def test_one_target_at_two_milestones_asked_as_people_ask(assistant: Assistant) -> None:
    question = (
        "chi tieu so don vi SXKD co can bo dc tap huan SHTT cua Thai Binh den 2030 cao hon chi tieu den 2025 "
        "bao nhieu don vi?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "tăng thêm 100 đơn vị sản xuất kinh doanh")
    context = assistant.ask(
        "Đến 2025, Thái Bình đặt mục tiêu tối thiểu bao nhiêu đơn vị sản xuất kinh doanh có cán bộ được tập huấn?"
    ).context
    context = assistant.ask("thế 2030?", context).context
    answered, text, _ = ask(assistant, "vậy tăng thêm bao nhiêu đơn vị, tương đương mấy phần trăm?", context)
    assert answered and _has(text, "tăng thêm 100 đơn vị sản xuất kinh doanh") and _has(text, "40%")


def test_a_conversation_over_rows_by_quarter(assistant: Assistant) -> None:
    context = assistant.ask(
        "Năm 2023 những dòng nào trong bảng dự toán bắt đầu từ quý I (tính cả dòng ghi Quý I-II)?"
    ).context
    answered, text, _ = ask(assistant, "mấy dòng đó tổng kinh phí cộng lại bao nhiêu", context)
    assert answered and _has(text, "1.240 triệu đồng")
    context = assistant.ask("mấy dòng đó tổng kinh phí cộng lại bao nhiêu", context).context
    context = assistant.ask("còn quý III?", context).context
    question = "nv đó năm 2023 dc phân bổ tổng cộng bn (mọi nguồn), còn lại bao nhiêu chưa bố trí so với tổng kinh phí?"
    answered, text, _ = ask(assistant, question, context)
    assert answered and _has(text, "2.200 triệu đồng") and _has(text, "2.600 triệu đồng") and not _has(text, "5.350")


def test_the_column_of_the_row_talked_about(assistant: Assistant) -> None:
    context = assistant.ask("Dòng 5.5 trong bảng dự toán 2023 được bố trí bao nhiêu, từ nguồn nào?").context
    question = "cả cột đó cộng các dòng lại được bao nhiêu, lệch bao nhiêu so với số ở dòng Cộng?"
    answered, text, _ = ask(assistant, question, context)
    assert answered and _has(text, "500 triệu đồng") and _has(text, "lệch 270 triệu đồng")


def test_a_subject_before_the_colon_is_every_questions(assistant: Assistant) -> None:
    question = (
        "Chỉ dẫn địa lý ở Ninh Thuận: kế hoạch 2022 làm cho sản phẩm nào, ai chủ trì; kế hoạch 2023 làm cho sản "
        "phẩm nào, ai chủ trì?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Nha đam") and _has(text, "Thịt cừu") and "3.6 —" not in text


def test_points_of_a_duty_counted_in_the_words_people_use(assistant: Assistant) -> None:
    answered, text, _ = ask(
        assistant,
        "Theo KH Thái Bình, UBND huyện, thành phố được giao bao nhiêu điểm nhiệm vụ trong mục Tổ chức thực hiện?",
    )
    assert answered and _has(text, "4 việc") and _has(text, "4 điểm, a–d") and _has(text, "V.11")


@pytest.mark.parametrize(
    ("question", "facts", "absent"),
    [
        # the largest among the rows that draw on that source alone: 3.1 (which also has central money) left out
        (
            "Trong các nhiệm vụ năm 2023 chỉ dùng ngân sách sự nghiệp khoa học (không có nguồn nào khác), nhiệm vụ "
            "nào được phân bổ nhiều tiền nhất trong năm 2023?",
            ["3.3 —", "300 triệu đồng", "chỉ dùng NS sự nghiệp khoa học"],
            ["3.1 —", "Nguồn lớn nhất", "NS khác của tỉnh cao nhất"],
        ),
        (
            "nhung dong nao chi lay tien tu ns khac cua tinh nam 2023",
            ["2 nhiệm vụ", "5.3 —", "5.5 —"],
            ["3.1 —"],
        ),
        (
            "tổng kinh phí các dòng chỉ dùng ns sự nghiệp khoa học năm 2023",
            ["3.567,6 triệu đồng", "3.3 (1.200)"],
            ["3.1 (4.800)", "1.062,6"],
        ),
        # refusing a source is still refusing it
        ("nhiệm vụ nào không dùng nguồn sự nghiệp khoa học năm 2023", ["5.3 —", "5.5 —"], ["3.3 —"]),
    ],
)
def test_rows_drawing_on_one_source_alone(
    assistant: Assistant, question: str, facts: list[str], absent: list[str]
) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and all(_has(text, f) for f in facts), text
    assert not any(_has(text, a) for a in absent), text


@pytest.mark.parametrize(
    "message",
    [
        # "3 sao" are the product's OCOP stars and "chưa đăng ký" is "not yet": the first sentence is the situation
        "HTX chúng tôi trồng tỏi ở Ninh Hải, sản phẩm đã được công nhận OCOP 3 sao nhưng chưa đăng ký nhãn hiệu. "
        "Kế hoạch SHTT năm 2023 của tỉnh có hỗ trợ gì cho trường hợp này không?",
        # the product named by the place that makes it ("cơ sở nước mắm nhà tôi"), without accents
        "co so nuoc mam nha toi o Ca Na (Thuan Nam), da dat OCOP 3 sao. "
        "ke hoach 2022 cua tinh co ho tro gi cho nuoc mam ko",
    ],
)
def test_support_after_a_sentence_about_the_business(assistant: Assistant, message: str) -> None:
    answered, text, _ = ask(assistant, message)
    assert answered and _has(text, "Kế hoạch không nêu riêng") and _has(text, "OCOP") and _has(text, "Liên hệ"), text


@pytest.mark.parametrize(
    ("question", "facts", "absent"),
    [
        # every agency but the one set aside
        (
            "Ngoài Sở KH&CN, các cơ quan khác được giao chủ trì dòng nào đó trong bảng dự toán 2023 được phân bổ tổng "
            "cộng bao nhiêu tiền trong năm 2023?",
            ["500 triệu đồng", "5.3 (420)", "5.5 (80)"],
            ["3.017,6"],
        ),
        # two tasks compared: what each does, then who leads it
        (
            "Nhiệm vụ về cơ sở dữ liệu và phần mềm quản lý sở hữu công nghiệp của Ninh Thuận năm 2022 và năm 2023 "
            "khác nhau thế nào, và mỗi năm ai chủ trì?",
            ["Xây dựng cơ sở dữ liệu", "Cập nhật cơ sở dữ liệu", "Sở Khoa học và Công nghệ"],
            [],
        ),
        # the subject before a colon, with a comma in it, is the later question's when it names none of its own
        (
            "Chỉ tiêu về sáng chế, giải pháp hữu ích: Ninh Thuận năm 2022 đặt bao nhiêu? Thái Bình đặt bao nhiêu và "
            "nhằm mục đích gì?",
            ["01 sáng chế", "01 - 02 sáng chế", "thương mại hóa"],
            [],
        ),
        # …and not when it does: the second question asks about the news, not the broadcasts of the first
        (
            "Việc phát sóng Tạp chí KH&CN, bản tin SHTT trên đài năm 2023: theo bảng dự toán ai chủ trì? Còn phần tổ "
            "chức thực hiện giao ai chủ trì làm tin, bài, phóng sự về SHTT?",
            ["Sở Khoa học và Công nghệ", "Báo Ninh Thuận"],
            [],
        ),
        # a difference asked with the tasks' numbers between its words
        (
            "Trong bảng dự toán 2023, lớp tập huấn cho chủ thể OCOP (5.3) tốn nhiều hơn lớp tập huấn cho học sinh, "
            "sinh viên (5.5) bao nhiêu tiền?",
            ["340 triệu đồng", "= 420 − 80"],
            [],
        ),
        # the preamble names the task; the question's one word of its own ("tổ chức") names none
        (
            "DN mình ở Thuận Nam muốn cử ng đi học lớp bồi dưỡng chuyên sâu về quản trị TSTT. Năm 2023 tỉnh có tổ "
            "chức ko, quý mấy, ai tổ chức?",
            ["5.2", "Quý II năm 2023", "Sở Khoa học và Công nghệ"],
            ["5.5 —"],
        ),
    ],
)
def test_fresh_set_47_causes(assistant: Assistant, question: str, facts: list[str], absent: list[str]) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and all(_has(text, f) for f in facts), text
    assert not any(_has(text, a) for a in absent), text


def test_the_list_a_follow_up_restates_not_the_part_of_it_listed_last(assistant: Assistant) -> None:
    context = assistant.ask(
        "Theo kế hoạch SHTT 2023 của Ninh Thuận, những nhiệm vụ nào triển khai trong quý II?"
    ).context
    context = assistant.ask("trong số đó việc nào không phải Sở KH&CN chủ trì?", context).context
    answered, text, _ = ask(
        assistant, "vậy kinh phí phân bổ năm 2023 cho các việc quý II đó cộng lại là bao nhiêu?", context
    )
    assert answered and _has(text, "977,6 triệu đồng") and _has(text, "3.4 (150)"), text


def test_a_class_for_a_business_like_the_askers(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "co lop tap huan nao cho co so nhu toi ko nam 2022")
    assert answered and _has(text, "5.c") and _has(text, "UBND các huyện, thành phố"), text
    assert not _has(text, "1.b") and not _has(text, "Bản đồ số"), text


def test_a_plans_total_compared_with_the_year_before_after_a_source_of_it(assistant: Assistant) -> None:
    context = assistant.ask("kh 2023 ninh thuan trung uong ho tro bao nhieu").context
    # unaccented "giam" is "giảm" here, not the "giám sát" of a task in another plan
    answered, text, _ = ask(assistant, "so voi nam 2022 thi tong kinh phi giam bao nhieu", context)
    assert answered and _has(text, "1.707,4 triệu đồng") and not _has(text, "giám sát"), text


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        # a plan that gives the agency no entry of its own in "Tổ chức thực hiện" gives it tasks: those, beside the
        # other plan's entry
        ("Sở GD&ĐT Ninh Thuận: KH 2022 giao việc gì, KH 2023 giao việc gì?", ["IV.2.c", "Tuyên truyền", "5.5 —"]),
        ("Sở GD&ĐT Ninh Thuận: KH 2022 giao việc gì, còn KH 2023 giao việc gì?", ["IV.2.c", "5.5 —"]),
        # what the agency must do, then whether a task names it: two questions
        (
            "Tôi ở Sở Công Thương Ninh Thuận. KH 2022 giao sở tôi làm gì, có được ghi tên ở nhiệm vụ nào không?",
            ["triển lãm", "1.c —"],
        ),
    ],
)
def test_an_agencys_part_in_each_plan(assistant: Assistant, question: str, facts: list[str]) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and all(_has(text, f) for f in facts), text


def test_words_in_brackets_after_a_task_number_gloss_it(assistant: Assistant) -> None:
    """'3.4 (OCOP) và 3.6 (NHTT, NHCN)': two tasks, each glossed; the brackets list no tasks of their own."""
    question = "So sánh nhiệm vụ 3.4 (OCOP) và 3.6 (NHTT, NHCN) năm 2023: thời gian thực hiện và tổng kinh phí?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "12 tháng") and _has(text, "24 tháng") and _has(text, "500 triệu")


def test_what_a_thing_in_a_task_belongs_to_is_in_the_task_s_words(assistant: Assistant) -> None:
    question = "lop tap huan tai tram IP Platform nam 2023: tram do thuoc don vi nao, phoi hop voi ai?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Trung tâm Thông tin Ứng dụng tiến bộ KHCN") and _has(text, "doanh nghiệp")


def test_a_target_asked_after_a_sentence_about_oneself(assistant: Assistant) -> None:
    question = (
        "nhom nghien cuu cua minh o TP Thai Binh co giai phap huu ich duoc cap bang nam 2023. "
        "KH cua tinh co muc tieu ho tro thuong mai hoa sang che, GPHI ko, bao nhieu cai?"
    )
    answered, text, intent = ask(assistant, question)
    assert answered and _has(text, "01 - 02") and intent != "support"


def test_the_decision_that_issued_a_document_named_by_its_title(assistant: Assistant) -> None:
    """The provincial plan to 2030 the annual plans carry out, named by its title: the decision that issued it
    (QĐ 2367), not the annual plans whose titles say nearly as much."""
    question = "Quyết định ban hành kế hoạch triển khai Chiến lược SHTT tỉnh Ninh Thuận đến năm 2030 do ai ký?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "2367/QĐ-UBND") and not _has(text, "Lê Huyền")


def test_whom_the_duty_advises_is_part_of_which_agencies_are_asked(assistant: Assistant) -> None:
    """'sở nào tham mưu UBND tỉnh bố trí kinh phí': the entries that advise the provincial council on the money
    (Sở Tài chính, Sở KH&ĐT), not only those that budget their own tasks."""
    answered, text, _ = ask(assistant, "Thái Bình: sở nào tham mưu UBND tỉnh bố trí kinh phí thực hiện kế hoạch?")
    assert answered and _has(text, "Sở Kế hoạch và Đầu tư") and _has(text, "Sở Tài chính")


def test_grounds_a_duty_must_rest_on_are_no_legal_basis(assistant: Assistant) -> None:
    question = "Theo KH 2022, việc bố trí kinh phí phải căn cứ vào những yếu tố nào?"
    _, text, _ = ask(assistant, question)
    assert not _has(text, "2367/QĐ-TTg")


def test_rows_without_a_figure_and_rows_of_one_amount_each(assistant: Assistant) -> None:
    answered, text, _ = ask(
        assistant, "Bảng dự toán 2023 của Ninh Thuận: những dòng nào không ghi con số kinh phí nào?"
    )
    assert answered and _has(text, "3.2") and _has(text, "5.4") and not _has(text, "3.3")
    answered, text, _ = ask(assistant, "Bảng dự toán 2023: những dòng mỗi dòng 9,2 triệu là những dòng nào?")
    assert answered and _has(text, "5.1") and _has(text, "5.2") and not _has(text, "5.3")


def test_a_topic_heading_before_the_question(assistant: Assistant) -> None:
    """'Về truyền thông: …': the heading's words must not drown what the question after it finds alone."""
    question = (
        "Về truyền thông: năm 2023 Ninh Thuận giao ai chủ trì viết tin, bài, làm phóng sự về SHTT? "
        "Ở Thái Bình thì đài, báo tỉnh chủ trì hay chỉ phối hợp?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Báo Ninh Thuận") and _has(text, "Báo Thái Bình")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Năm 2022 Thái Bình xử lý được bao nhiêu vụ xâm phạm quyền SHTT?", "III.3.b"),
        ("nam 2022 thai binh nhan dc bao nhieu don dang ky SHTT", "10-12%"),
        ("Năm 2023 có bao nhiêu học sinh, sinh viên Ninh Thuận đã tham gia các lớp tập huấn?", "5.5"),
        ("Năm 2022 Ninh Thuận đã thực tế hỗ trợ được bao nhiêu sản phẩm OCOP đăng ký bảo hộ?", "3.e"),
    ],
)
def test_results_are_not_in_the_plans_but_what_they_say_follows(assistant: Assistant, question: str, said: str) -> None:
    """A count of what was achieved is no count of what is planned: not answered, and the task or target follows."""
    answered, text, _ = ask(assistant, question)
    assert not answered and _has(text, "không ghi kết quả thực hiện") and _has(text, said)


def test_which_of_the_chosen_tasks_not_led_by_an_agency_when_it_leads_them_all(assistant: Assistant) -> None:
    """None of them is an answer: every one is the agency's, said as such (answered), not 'the plan does not say'."""
    first = assistant.ask("năm 2023 nhiệm vụ 1.1 và 3.3 ai chủ trì")
    answer = assistant.ask("trong 2 nv do cai nao ko phai so KHCN chu tri", first.context)
    text = canon(plain_text(answer))
    assert answer.answered and _has(text, "Cả 2 nhiệm vụ (1.1, 3.3) đều do Sở Khoa học và Công nghệ chủ trì")


def test_own_agency_with_a_role_word_lists_its_tasks(assistant: Assistant) -> None:
    """'Mình ở Sở Công Thương. … sở mình phối hợp nhiệm vụ SHTT nào': the role describes the agency, no topic."""
    question = (
        "Mình ở Sở Công Thương Ninh Thuận. Năm 2022 sở mình phối hợp nhiệm vụ SHTT nào, "
        "và phần tổ chức thực hiện giao sở việc gì?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "1.c") and _has(text, "triển lãm")
    assert not _has(text, "1. Sở Khoa học và Công nghệ:")


def test_the_agency_asked_about_in_its_entry_stays_the_conversations(assistant: Assistant) -> None:
    """'Công an tỉnh … cùng nhóm với những cơ quan nào?' lists the entry; 'họ phải tham mưu …' is still Công an."""
    first = assistant.ask(
        "Trong KH SHTT của Thái Bình, Công an tỉnh được giao nhiệm vụ cùng nhóm với những cơ quan nào?"
    )
    listed = canon(plain_text(first))
    assert _has(listed, "Chi cục Hải quan Thái Bình") and not _has(listed, "Sở Tài chính")
    text = canon(plain_text(assistant.ask("ho phai tham muu cho ban chi dao nao, de lam gi", first.context)))
    assert _has(text, "389/ĐP") and _has(text, "liên ngành")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "huyen Kien Xuong thi co trach nhiem gi voi cac CDDL, nhan hieu tap the da dc bao ho",
            "duy trì và phát triển",
        ),
        ("huyện Bác Ái phải làm gì theo kế hoạch 2022", "bố trí kinh phí"),
    ],
)
def test_a_district_asked_about_its_duties_is_its_council(assistant: Assistant, question: str, said: str) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, said)


def test_a_place_name_asks_nothing(assistant: Assistant) -> None:
    """'Huyện Bác Ái được giao bao nhiêu tiền': its 'Ái' folds to 'ai', which must not ask who leads."""
    first = assistant.ask("năm 2022 nhiệm vụ bản đồ số OCOP ai chủ trì")
    answer = assistant.ask("Huyện Bác Ái được giao bao nhiêu tiền cho nhiệm vụ này?", first.context)
    text = canon(plain_text(answer))
    assert not answer.answered and _has(text, "không nêu kinh phí riêng") and not _has(text, "đồng chủ trì")


def test_the_duties_part_named_with_an_agency_is_not_the_task_talked_about(assistant: Assistant) -> None:
    """'theo phần tổ chức thực hiện, UBND huyện có phải tự bố trí kinh phí cho các nhiệm vụ trên địa bàn không?'"""
    first = assistant.ask("năm 2022 nhiệm vụ bản đồ số OCOP ai chủ trì")
    question = (
        "Vậy theo phần tổ chức thực hiện năm 2022, UBND huyện có phải tự bố trí kinh phí "
        "cho các nhiệm vụ trên địa bàn không?"
    )
    answer = assistant.ask(question, first.context)
    assert answer.answered and _has(canon(plain_text(answer)), "bố trí kinh phí để triển khai các nhiệm vụ")


def test_where_a_product_stands_today_is_no_plans_to_say(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "chieu coi Thai Binh da dc cap nhan hieu tap the chua?")
    assert not answered and _has(text, "không ghi kết quả thực hiện")


def test_a_bare_follow_on_after_a_sum_asks_another_column_of_it(assistant: Assistant) -> None:
    """'2 nv đó cộng lại tổng kp bn' then 'còn riêng năm 2023 bố trí bn': the same rows, this year's allocation."""
    first = assistant.ask("nam 2023 nv 1.1 va 3.3 cong lai tong kp bn")
    answer = assistant.ask("con rieng nam 2023 bo tri bn", first.context)
    assert answer.answered and _has(canon(plain_text(answer)), "340 triệu đồng")


def test_names_a_task_does_not_give_are_not_stated(assistant: Assistant) -> None:
    """'… làm cho sản phẩm văn hóa dân gian cụ thể nào?': the task counts '01 nhiệm vụ', names none: not answered,
    and the words it shares with the task's aim ask no aim."""
    question = (
        "Nhiệm vụ quản lý, sử dụng tri thức truyền thống, văn hóa dân gian năm 2022 của Ninh Thuận "
        "làm cho sản phẩm văn hóa dân gian cụ thể nào?"
    )
    answered, text, _ = ask(assistant, question)
    assert not answered and _has(text, "không nêu chi tiết này")


@pytest.mark.parametrize(
    ("question", "first", "word"),
    [
        (
            "kế hoạch nào có tổng kinh phí lớn nhất?",
            "Kế hoạch SHTT năm 2022 tỉnh Ninh Thuận (5.540 triệu đồng",
            "lớn nhất",
        ),
        ("KH nao it tien nhat", "Kế hoạch SHTT năm 2023 tỉnh Ninh Thuận (3.832,6 triệu đồng", "nhỏ nhất"),
    ],
)
def test_plans_ranked_by_their_stated_totals(assistant: Assistant, question: str, first: str, word: str) -> None:
    """Which plan has the most money: the plans' totals, not their tasks' rows; a plan stating none is said to."""
    answered, text, intent = ask(assistant, question)
    assert answered and intent.startswith("plan_budget")
    assert _has(text, f"Tổng kinh phí {word}: {first}") and _has(text, "Không nêu số tiền")


@pytest.mark.parametrize(
    "question",
    [
        "NHTT, NHCN ở nhiệm vụ 3.6 năm 2023 là nhãn hiệu của những sản phẩm nào?",
        "Nhiệm vụ KH&CN cấp trung ương 3.1 năm 2023 làm cho sản phẩm cụ thể nào của Ninh Thuận?",
        "Thái Bình hiện có những chỉ dẫn địa lý nào đã được bảo hộ, kể tên giúp mình?",
    ],
)
def test_products_the_plans_never_name_are_not_answered(assistant: Assistant, question: str) -> None:
    answered, text, _ = ask(assistant, question)
    assert not answered and (_has(text, "không nêu chi tiết này") or _has(text, "không ghi kết quả thực hiện"))


def test_a_task_whose_title_names_its_product_says_it(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "nhiệm vụ 3.3 năm 2023 làm cho sản phẩm cụ thể nào")
    assert answered and _has(text, "Thịt cừu Ninh Thuận")


def test_money_per_class_of_a_count_per_district_is_not_computed(assistant: Assistant) -> None:
    """'mỗi huyện, thành phố 02 lớp' adds up to no number of classes: no money per class, said first."""
    answered, text, _ = ask(assistant, "5.3 năm 2023: mỗi lớp tập huấn ở huyện tốn bao nhiêu tiền?")
    assert not answered and text.startswith(canon("Nhiệm vụ 5.3")) and _has(text, "Không chia bình quân được")
    answered, text, _ = ask(assistant, "lớp tập huấn cho học sinh năm 2023 mỗi lớp bao nhiêu tiền")
    assert answered and _has(text, "40 triệu đồng")


def test_a_producer_saying_who_they_are_is_told_what_support_there_is(assistant: Assistant) -> None:
    """'nhà em làm nước mắm ở Ninh Hải' asks nothing yet: what the plans offer such a producer, and whom to ask."""
    answered, text, intent = ask(assistant, "nhà em làm nước mắm ở Ninh Hải")
    assert answered and intent == "support" and _has(text, "Kế hoạch không nêu riêng «nước mắm»") and _has(text, KHCN)
    answered, text, _ = ask(assistant, "Tôi ở Sở KH&CN Ninh Thuận")
    assert not _has(text, "hỗ trợ chung phù hợp")  # an official introducing their agency is no producer


def test_a_province_named_as_merged_away_is_not_the_one_asked_about(assistant: Assistant) -> None:
    """'Giờ Thái Bình nhập vào Hưng Yên rồi, kế hoạch … của tỉnh Hưng Yên …': no plan of Hưng Yên, never Thái Bình's
    targets as if they were its."""
    question = "Giờ Thái Bình nhập vào Hưng Yên rồi, kế hoạch SHTT mới của tỉnh Hưng Yên đặt chỉ tiêu gì?"
    answered, text, intent = ask(assistant, question)
    assert not answered and intent == "no_plan" and _has(text, "Chưa có kế hoạch SHTT nào của Hưng Yên")
    answered, text, _ = ask(
        assistant, "Thái Bình nay thuộc Hưng Yên, vậy kế hoạch 160 của Thái Bình giao Sở KH&CN việc gì?"
    )
    assert answered and _has(text, "sơ kết")


def test_a_merger_said_as_an_aside_keeps_the_province_asked_about(assistant: Assistant) -> None:
    aside = (
        "Tôi là cán bộ Chi cục Hải quan Thái Bình (nay thuộc Hưng Yên). KH 160 giao đơn vị tôi những việc gì về SHTT?"
    )
    answered, text, _ = ask(assistant, aside)
    assert answered and _has(text, "389/ĐP")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "Kế hoạch 2023 của Ninh Thuận có nhiệm vụ nào hỗ trợ khai thác sáng chế đã hết thời hạn bảo hộ không?",
            "Kế hoạch SHTT năm 2022 tỉnh Ninh Thuận có: nhiệm vụ 3.b",
        ),
        ("Sang kế hoạch 2023 thì Sở Kế hoạch và Đầu tư còn được giao việc gì không?", "Sở Kế hoạch và Đầu tư"),
    ],
)
def test_a_long_yes_no_question_whose_answer_is_no(assistant: Assistant, question: str, said: str) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and text.startswith("không.") and _has(text, said)


def test_the_tasks_just_listed_called_such_or_that_many(assistant: Assistant) -> None:
    """'Tất cả có mấy nhiệm vụ như vậy?', '… của chừng ấy nhiệm vụ': the ones the last answer listed."""
    first = assistant.ask("Bảng dự toán 2023: những nhiệm vụ nào ghi đúng Quý II (không tính Quý I-II)?")
    count = assistant.ask("Tất cả có mấy nhiệm vụ như vậy?", first.context)
    assert _has(canon(plain_text(count)), "7 nhiệm vụ")
    total = assistant.ask(
        "Cộng cột tổng kinh phí thực hiện của chừng ấy nhiệm vụ thì ra bao nhiêu tiền?", count.context
    )
    assert _has(canon(plain_text(total)), "2.827,6 triệu đồng")


def test_the_plan_as_the_subject_of_a_money_question_is_not_the_task_talked_about(assistant: Assistant) -> None:
    first = assistant.ask("năm 2022 nhiệm vụ xây dựng cơ sở dữ liệu và phần mềm quản lý SHCN ai chủ trì")
    who = assistant.ask("Phần mềm năm 2022 đó do công ty nào xây dựng?", first.context)
    assert not who.answered  # the contractor is no part of any plan
    answer = assistant.ask("Vậy kế hoạch 2022 dự kiến lấy kinh phí từ những nguồn nào?", who.context)
    text = canon(plain_text(answer))
    assert answer.answered and _has(text, "nguồn hợp pháp khác") and not _has(text, "Nhiệm vụ 1.b")


def test_one_task_in_two_years_says_what_changed_first(assistant: Assistant) -> None:
    question = (
        "Nhiệm vụ tuyên truyền SHTT trên phương tiện truyền thông đại chúng (phát sóng Tạp chí KH&CN) năm 2022 "
        "và năm 2023 do cơ quan nào chủ trì, có đổi không?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and text.startswith(canon("Nhiệm vụ 5.d (2022) và 5.4 (2023) Cơ quan chủ trì: không đổi (Sở Khoa"))
    question = "chi tieu ho tro dang ky bao ho cho sp OCOP nam 2022 va 2023 khac nhau the nao, ai chu tri moi nam"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, f"Cơ quan chủ trì: đổi từ {NNPTNT} (năm 2022) sang {KHCN} (năm 2023)")
    answered, text, _ = ask(assistant, "so số Tạp chí KH&CN phát sóng về SHTT năm 2022 và 2023 có khác nhau không?")
    assert answered and _has(text, "Số lượng: như nhau")


def test_every_plan_named_as_such_is_not_the_one_talked_about(assistant: Assistant) -> None:
    first = assistant.ask("con Thai Binh, so tai chinh tham muu bo tri nguon kinh phi gi?")
    answer = assistant.ask("Trong cả 3 kế hoạch, kế hoạch nào ghi tổng số tiền cụ thể, bao nhiêu?", first.context)
    text = canon(plain_text(answer))
    assert answer.answered and _has(text, "5.540.000.000 đồng") and _has(text, "3.832.600.000 đồng")


def test_a_tasks_whole_length_is_said_or_said_to_be_missing(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "nhiem vu 3.2 nam 2023 co tong thoi gian thuc hien bao lau?")
    assert not answered and _has(text, "không ghi tổng thời gian thực hiện") and _has(text, "Quý I–II năm 2023")
    answered, text, _ = ask(assistant, "nhiệm vụ thịt cừu năm 2023 kéo dài mấy tháng")
    assert answered and _has(text, "24 tháng")
    answered, text, _ = ask(assistant, "Năm 2023, nhiệm vụ 3.1 triển khai vào quý nào, tổng thời gian bao lâu?")
    assert answered and _has(text, "Quý III–IV năm 2023")


READ_AS_ASKED = [
    # (question, facts its answer must hold): each a way of asking that was read as another question
    # ", và văn bản có …" is a question of its own, not words of the first
    (
        "Kế hoạch 2022 của Ninh Thuận: tổng kinh phí bao nhiêu, lấy từ những nguồn nào, "
        "và văn bản có bảng chi tiết theo từng nhiệm vụ không?",
        ["5.540.000.000", "bảng không có trong văn bản"],
    ),
    # a group's title in brackets names no task: group 5's rows of that column
    ("Nhóm 5 (tập huấn, tuyên truyền) năm 2023 của Ninh Thuận dùng bao nhiêu tiền từ NS sự nghiệp khoa học?", ["18,4"]),
    # agencies in a bracket that includes them choose nothing: every training row, not Sở GD&ĐT's
    (
        "Tong kinh phi thuc hien cua tat ca cac dong ve tap huan, boi duong trong bang du toan 2023 cua Ninh Thuan "
        "(ke ca lop do huyen va So GDDT chu tri) la bao nhieu?",
        ["527,6 triệu đồng"],
    ),
    # where a task takes place, in its own words
    (
        "Lớp tập huấn tra cứu thông tin SHCN năm 2023: trạm IP Platform đặt tại đơn vị nào, ai chủ trì?",
        ["Trung tâm Thông tin Ứng dụng tiến bộ KHCN", KHCN],
    ),
    # which plan states a total: each plan's money, stated or not
    (
        "Giữa kế hoạch 2022 của Ninh Thuận và kế hoạch của Thái Bình, kế hoạch nào nêu tổng số tiền cụ thể?",
        ["5.540.000.000 đồng", "không nêu số tiền cụ thể"],
    ),
    # ", và dành cho … nào": whom a class is for, after its partners
    (
        "Năm 2023 lớp tập huấn SHTT cho học sinh, sinh viên phối hợp với những cơ quan nào, "
        "và dành cho học sinh những cấp trường nào?",
        [KHCN, "trung học cơ sở", "đại học"],
    ),
    # a bare question after one answered with something else is about the task the words before named
    (
        "Nhiem vu ho tro dang ky bao ho 01 sang che/giai phap huu ich nam 2022 theo Nghi quyet 14-NQ/TU ngay nao? "
        "Ai chu tri, ai phoi hop?",
        ["10/01/2022", "Hội Doanh nhân trẻ"],
    ),
    # one task in each year compared, with its lead: the tasks, not the plans' targets
    (
        "quay lai Ninh Thuan, chi tieu ho tro dang ky bao ho cho sp OCOP nam 2022 va 2023 khac nhau the nao, "
        "ai chu tri moi nam",
        ["06 sản phẩm OCOP", "05 sản phẩm OCOP", NNPTNT, KHCN],
    ),
]


@pytest.mark.parametrize(("question", "facts"), READ_AS_ASKED)
def test_read_as_asked(assistant: Assistant, question: str, facts: list[str]) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and all(_has(text, f) for f in facts), text[:400]


def test_how_many_bodies_the_entry_just_quoted_names(assistant: Assistant) -> None:
    first = assistant.ask("Hội Nông dân, Hội Phụ nữ, Đoàn thanh niên ở Thái Bình được giao gì?")
    answer = assistant.ask("nhom do gom bao nhieu to chuc, ke ten?", first.context)
    text = canon(plain_text(answer))
    assert _has(text, "4 tổ chức cùng được giao ở mục V.10") and _has(text, "Liên minh Hợp tác xã tỉnh")


def test_the_tasks_called_such_with_nothing_listed_before_are_asked_back(assistant: Assistant) -> None:
    """'Tất cả có mấy nhiệm vụ như vậy?' as a first message points at no list: asked which, never every plan's count
    (an answer of 4,124 characters)."""
    answered, _, intent = ask(assistant, "Tất cả có mấy nhiệm vụ như vậy?")
    assert not answered and intent == "no_referent"


def test_whether_the_other_year_has_such_a_task_shows_it_whole(assistant: Assistant) -> None:
    """After a task's money, 'Năm 2022 có nhiệm vụ tương ứng không?' asks whether there is one: its card, not its
    money again (which 2022 does not state task by task)."""
    first = assistant.ask("Năm 2023, việc cập nhật cơ sở dữ liệu và phần mềm quản lý SHCN được bố trí bao nhiêu tiền?")
    answer = assistant.ask("Năm 2022 có nhiệm vụ tương ứng không?", first.context)
    text = canon(plain_text(answer))
    assert answer.answered and _has(text, "Xây dựng cơ sở dữ liệu và phần mềm quản lý về sở hữu công nghiệp")


def test_the_agencies_of_an_entry_quoted_for_its_words(assistant: Assistant) -> None:
    """'nhóm cơ quan này còn được giao gì nữa?' after an entry quoted for its words: that entry's agencies' duties."""
    first = assistant.ask("o Thai Binh, co quan nao duoc giao tham muu Ban chi dao 389 xay dung ke hoach?")
    answer = assistant.ask("ngoai viec do, nhom co quan nay con duoc giao gi nua?", first.context)
    text = canon(plain_text(answer))
    assert answer.answered and _has(text, "tăng cường công tác thực thi quyền sở hữu trí tuệ")


def test_other_tasks_of_the_same_amount_leave_the_one_talked_about_out(assistant: Assistant) -> None:
    """'Những lớp nào khác … cũng có kinh phí 9,2 triệu?' after 4.1: 5.1 and 5.2; 'hai lớp đó' are those two."""
    first = assistant.ask(
        "Lớp tập huấn tra cứu thông tin SHCN năm 2023 tổ chức tại trạm IP Platform của trung tâm nào?"
    )
    others = assistant.ask("Những lớp nào khác trong năm 2023 cũng có kinh phí 9,2 triệu?", first.context)
    text = canon(plain_text(others))
    assert _has(text, "trừ nhiệm vụ 4.1") and _has(text, "2 nhiệm vụ") and _has(text, "5.1") and _has(text, "5.2")
    both = assistant.ask("Hai lớp đó dành cho đối tượng nào?", others.context)
    said = canon(plain_text(both))
    assert _has(said, "cán bộ thực thi quyền SHTT") and _has(said, "cán bộ quản trị TSTT")


def test_a_place_in_a_ranking_with_no_ranking_before_is_asked_back(assistant: Assistant) -> None:
    """'đứng thứ 2 là dòng nào' as a first message: which ranking? (it listed every plan's tasks: over one Telegram
    message with every province's plans)."""
    answered, _, intent = ask(assistant, "dung thu 2 la dong nao")
    assert not answered and intent == "no_referent"
    first = assistant.ask("nam 2023 dong nao co tong kinh phi lon nhat")
    second = assistant.ask("dung thu 2 la dong nao", first.context)
    assert second.answered and _has(canon(plain_text(second)), "3.6")


@pytest.mark.parametrize(
    ("question", "said", "left_out"),
    [
        # a task of Quý I–II starts in Quý I: counted; one of Quý II alone does not
        (
            "Bảng dự toán 2023 có bao nhiêu dòng bắt đầu triển khai từ Quý I (tính cả Quý I-II)?",
            ["3 nhiệm vụ", "3.2"],
            "3.4",
        ),
        ("nam 2023 nhung viec nao bat dau lam vao quy 2", ["3.4", "5.5"], "3.2"),
    ],
)
def test_tasks_chosen_by_the_quarter_they_start_in(
    assistant: Assistant, question: str, said: list[str], left_out: str
) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and all(_has(text, s) for s in said) and not _has(text, left_out)


def test_the_classes_an_agency_leads_include_one_that_states_no_count(assistant: Assistant) -> None:
    """'Những lớp tập huấn nào': 5.b (training on the IP database) is a class, though it counts none."""
    answered, text, _ = ask(assistant, "năm 2022 Sở KH&CN chủ trì những lớp tập huấn nào?")
    assert answered and _has(text, "5.a") and _has(text, "5.b") and not _has(text, "5.c")


def test_which_forces_asks_agencies(assistant: Assistant) -> None:
    """'Những lực lượng nào được giao …': agencies (police, market control, customs), not a task."""
    answered, text, _ = ask(assistant, "Ở Thái Bình, những lực lượng nào được giao tăng cường thực thi quyền SHTT?")
    assert answered and all(_has(text, a) for a in ("Công an tỉnh", "Cục Quản lý thị trường tỉnh", "Chi cục Hải quan"))


def test_where_a_tasks_money_comes_from_in_a_plan_that_gives_no_task_its_own(assistant: Assistant) -> None:
    """Thái Bình costs no task; its one statement of where all the money comes from answers 'nguồn nào'."""
    answered, text, _ = ask(assistant, "KH Thái Bình: kinh phí cho nhiệm vụ quản lý chỉ dẫn địa lý lấy từ nguồn nào?")
    assert answered and _has(text, "sự nghiệp khoa học và công nghệ") and _has(text, "các nguồn hợp pháp khác")
    answered, _, _ = ask(assistant, "KH Thái Bình: nhiệm vụ quản lý chỉ dẫn địa lý bao nhiêu tiền?")
    assert not answered  # how much is stated nowhere


@pytest.mark.parametrize(
    "question",
    [
        "Nếu chia đều tổng kinh phí nhiệm vụ 3.4 năm 2023 cho số sản phẩm chỉ tiêu thì mỗi sản phẩm được bao nhiêu?",
        "nv 3.4 năm 2023 moi san pham dc ho tro bn tien",
    ],
)
def test_a_tasks_money_shared_out_over_its_count(assistant: Assistant, question: str) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "100 triệu đồng") and _has(text, "500 : 5")


def test_a_document_named_in_the_sentence_before_is_the_one_pointed_at(assistant: Assistant) -> None:
    """'… cùng triển khai Quyết định số 2367. Ký hiệu của quyết định đó …': that decision, as each plan writes it."""
    answered, text, _ = ask(
        assistant,
        "Hai kế hoạch 2022 và 2023 của Ninh Thuận đều dựa vào Quyết định số 2367. Quyết định đó ghi ký hiệu thế nào?",
    )
    assert answered and _has(text, "2367/QĐ-TTg") and _has(text, "2367/QĐ-UBND")


def test_two_tasks_named_by_the_sentence_before_are_what_each_asks_about(assistant: Assistant) -> None:
    """'… có nhiệm vụ cho nha đam (2022) và cho thịt cừu (2023). Mỗi việc do ai chủ trì?': each task, its lead."""
    answered, text, _ = ask(
        assistant,
        "Ninh Thuận có nhiệm vụ về nha đam (năm 2022) và về thịt cừu (năm 2023). Mỗi việc thuộc loại đối tượng nào?",
    )
    assert answered and _has(text, "3.c") and _has(text, "3.3") and _has(text, "chỉ dẫn địa lý")


def test_the_coordination_office_named_by_its_first_words(assistant: Assistant) -> None:
    """'VP điều phối CT MTQG xd nông thôn mới' is the NTM coordination office; its part is in another's duty."""
    answered, text, _ = ask(
        assistant, "toi o VP dieu phoi CT MTQG xd nong thon moi. KH SHTT 2022 noi VP toi phoi hop voi so nao?"
    )
    assert answered and _has(text, NNPTNT) and _has(text, "rà soát, thống kê")


def test_a_student_introducing_themselves_then_asking_the_plans_name(assistant: Assistant) -> None:
    """What the person studies is no task asked about: the question asks the document's title."""
    answered, text, _ = ask(
        assistant,
        "Em là sinh viên ngành Luật, đang viết khóa luận về quản lý tài sản trí tuệ. "
        "Kế hoạch SHTT của Thái Bình có tên đầy đủ là gì?",
    )
    assert answered and _has(text, "Chương trình phát triển tài sản trí tuệ") and not _has(text, "III.1.d")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # the row taken in is counted, the question chooses by agency alone
        (
            "Bảng dự toán 2023 có bao nhiêu dòng do Sở KH&CN chủ trì (tính cả dòng lớp tập huấn tại trạm IP Platform)?",
            "9 nhiệm vụ",
        ),
        # a topic outside the bracket still chooses the rows
        (
            "Cộng kinh phí các dòng tập huấn, bồi dưỡng (kể cả lớp cho học sinh, sinh viên) trong bảng dự toán 2023?",
            "527,6",
        ),
    ],
)
def test_a_row_taken_in_by_a_bracket_chooses_nothing(assistant: Assistant, question: str, said: str) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, said)


def test_the_year_of_a_full_date_names_no_target_year(assistant: Assistant) -> None:
    """'từ 1/7/2025 thuộc tỉnh Hưng Yên' dates the merger; 2025 is no milestone asked about."""
    answered, text, _ = ask(
        assistant,
        "Xa minh o Dong Hung, tu 1/7/2025 thuoc tinh Hung Yen. "
        "Theo KH cua Thai Binh, So Cong Thuong tim kiem thi truong de lam j",
    )
    assert answered and _has(text, "xuất khẩu") and not _has(text, "Chỉ tiêu đến năm 2025")


def test_a_task_the_same_message_selects_is_what_do_points_at(assistant: Assistant) -> None:
    """'nhiệm vụ nào không ghi cơ quan phối hợp, ai chủ trì nhiệm vụ đó?' asks nothing back."""
    answered, text, _ = ask(
        assistant, "KH 2022 của Ninh Thuận, nhiệm vụ nào không ghi cơ quan phối hợp, ai chủ trì nhiệm vụ đó?"
    )
    assert answered and _has(text, "Phát triển dịch vụ hỗ trợ về SHTT") and _has(text, KHCN)


def test_two_sources_added_together_in_a_share(assistant: Assistant) -> None:
    """'cộng cả phần NS sự nghiệp khoa học và phần đề xuất NSTW': the row's whole allocation, not its first column."""
    answered, text, _ = ask(
        assistant,
        "Nhiệm vụ 3.1 năm 2023, cộng cả phần NS sự nghiệp khoa học và phần đề xuất NSTW, chiếm mấy % tổng dự toán năm?",
    )
    assert answered and _has(text, "57,4%") and _has(text, "2.200")


def test_whether_a_count_rose_or_fell_gives_each_years_count(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Số việc ở nhóm 5 năm 2023 của Ninh Thuận tăng hay giảm so với năm 2022?")
    assert answered and _has(text, "4 nhiệm vụ thuộc nhóm 5") and _has(text, "5 nhiệm vụ thuộc nhóm 5")


def test_a_bare_money_question_after_a_tasks_other_parts_is_the_tasks_money(assistant: Assistant) -> None:
    answered, text, _ = ask(
        assistant, "Nhiệm vụ 3.4 năm 2023 triển khai quý mấy? Ai phối hợp? Tổng kinh phí thực hiện bao nhiêu?"
    )
    assert answered and _has(text, "Quý II") and _has(text, "500 triệu đồng") and not _has(text, "3.832,6")


def test_the_same_target_at_the_next_milestone_in_one_message(assistant: Assistant) -> None:
    answered, text, _ = ask(
        assistant,
        "Theo KH Thái Bình, đến 2025 cán bộ QLNN về SHTT ở các sở được đào tạo mức nào? Đến 2030 thì mức nào?",
    )
    assert answered and _has(text, "đào tạo cơ bản") and _has(text, "đào tạo chuyên sâu")


def test_a_student_saying_who_they_are_before_a_question_of_its_own(assistant: Assistant) -> None:
    """'e là sv ĐH Thái Bình' describes the asker; the question's own words find the task."""
    answered, text, _ = ask(
        assistant, "e la sv DH Thai Binh. KH 160 co noi den viec nguoi co sang che, TSTT dc khen thuong ko a?"
    )
    assert answered and _has(text, "III.6.đ")


def test_k_as_not_before_a_source(assistant: Assistant) -> None:
    """'k lấy đồng nào từ NS sự nghiệp khoa học': the rows that draw nothing from it."""
    answered, text, _ = ask(assistant, "nhom 5 bang du toan 2023: dong nao k lay dong nao tu NS su nghiep khoa hoc?")
    assert answered and all(_has(text, t) for t in ("5.3", "5.4", "5.5")) and not _has(text, "5.1")


def test_a_yes_no_question_then_which_named_agency_in_one_sentence(assistant: Assistant) -> None:
    """'… có nói gì về kiểm soát hàng xuất, nhập khẩu không, cơ quan hải quan nào được giao việc?': two questions."""
    answered, text, _ = ask(
        assistant,
        "KH SHTT Thái Bình có nói gì về kiểm soát hàng hóa xuất, nhập khẩu không, cơ quan hải quan nào được giao việc?",
    )
    assert answered and _has(text, "III.3.c") and _has(text, "Chi cục Hải quan Thái Bình")


def test_an_ordinal_that_numbers_the_group_picks_no_task_in_it(assistant: Assistant) -> None:
    """'Nhóm nhiệm vụ thứ năm gồm những việc gì': group 5's tasks, not the fifth task of group 5."""
    answered, text, _ = ask(
        assistant, "Nhóm nhiệm vụ thứ năm trong kế hoạch SHTT 2023 của Ninh Thuận gồm những việc gì?"
    )
    assert answered and all(_has(text, t) for t in ("5.1", "5.2", "5.3", "5.4", "5.5"))


def test_one_class_set_beside_another_with_many_words_between(assistant: Assistant) -> None:
    answered, text, _ = ask(
        assistant,
        "Mỗi lớp tập huấn cho học sinh, sinh viên (5.5) năm 2023 tốn nhiều hơn "
        "lớp bồi dưỡng chuyên sâu (5.2) bao nhiêu tiền?",
    )
    assert answered and _has(text, "chênh nhau 30,8 triệu đồng")


def test_a_funding_column_quoted_is_no_phrase_of_the_notes(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Trong bảng 2023, cột 'Đề xuất NSTU hỗ trợ' có con số ở dòng nào, bao nhiêu?")
    assert answered and _has(text, "3.1") and _has(text, "2.000")


def test_where_a_document_is_cited_is_the_citation(assistant: Assistant) -> None:
    """'Nghị quyết 14 được viện dẫn làm chỉ tiêu cho nhiệm vụ nào': the places it is cited, not the plan's targets."""
    answered, text, _ = ask(
        assistant, "Nghị quyết số 14-NQ/TU được kế hoạch 2022 và 2023 của Ninh Thuận viện dẫn cho nhiệm vụ nào?"
    )
    assert answered and _has(text, "2.c") and _has(text, "giống cây trồng")


def test_one_task_each_year_named_by_its_words_is_compared_alone(assistant: Assistant) -> None:
    """The words name 3.e (2022) and 3.4 (2023): those two compared, not every OCOP task of both years."""
    answered, text, _ = ask(
        assistant,
        "Chỉ tiêu hỗ trợ đăng ký bảo hộ, truy xuất nguồn gốc cho sản phẩm OCOP của Ninh Thuận thay đổi thế nào từ năm "
        "2022 sang 2023, cơ quan chủ trì mỗi năm là ai?",
    )
    assert answered and _has(text, "06") and _has(text, "05 sản phẩm") and not _has(text, "3.3")


@pytest.mark.parametrize(
    ("question", "agency", "not_this"),
    [
        # the agency before "giao sở nào" assigns; the one asked about is the duty's
        ("UBND tinh TB giao so nao lo quan ly nha nuoc ve quyen tac gia vay", "V.3.a", "không giao riêng"),
        # "giao ai" asks who, in a plan that assigns by agency: the duty that names the work
        ("TB giao ai bố trí cán bộ QLNN về giống cây trồng", "V.2.a", "V.3.a"),
    ],
)
def test_whom_a_plan_by_agency_assigns_the_work(
    assistant: Assistant, question: str, agency: str, not_this: str
) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, agency) and not _has(text, not_this)


def test_two_subjects_compared_across_two_years_are_each_years_tasks(assistant: Assistant) -> None:
    """ "So kế hoạch 2022 với 2023: …" names no task ("với" splits it off); each subject is found in each year."""
    answered, text, _ = ask(
        assistant,
        "So kế hoạch 2022 với 2023 của Ninh Thuận: nhiệm vụ về chỉ dẫn địa lý và nhãn hiệu chứng nhận "
        "đã thay đổi sản phẩm như thế nào?",
    )
    assert answered and all(_has(text, f) for f in ["Nha đam", "Tôm giống", "Thịt cừu", "3.6"])


def test_which_kind_of_ip_right_asks_and_names_no_task(assistant: Assistant) -> None:
    """ "xây dựng loại đối tượng SHTT gì" is how the question is put: the task is the one about tôm giống."""
    answered, text, _ = ask(
        assistant, "Nhiệm vụ về tôm giống trong KH 2022 của Ninh Thuận xây dựng loại đối tượng SHTT gì?"
    )
    assert answered and _has(text, "3.d") and _has(text, "Nhãn hiệu chứng nhận")


def test_a_task_without_a_lead_shows_enough_of_its_content_to_answer(assistant: Assistant) -> None:
    """Asked who in a plan by agency, the task's reminder keeps what it offers ("… tham gia các hội chợ …")."""
    answered, text, _ = ask(
        assistant, "Muốn mang gạo đi hội chợ giới thiệu thì kế hoạch Thái Bình có hỗ trợ không, sở nào lo giao thương?"
    )
    assert answered and _has(text, "Sở Công Thương") and _has(text, "hội chợ")


def test_a_documents_facts_and_its_reporting_deadline_in_one_message(assistant: Assistant) -> None:
    """Number, signer and the yearly report's deadline, asked together: each answered."""
    answered, text, _ = ask(
        assistant, "Kế hoạch SHTT của Thái Bình số mấy, ai ký, và các đơn vị phải gửi báo cáo hằng năm trước ngày nào?"
    )
    assert answered and all(_has(text, f) for f in ("160/KH-UBND", "Trần Thị Bích Hằng", "15 tháng 10"))


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # the period a review covers is the duty's ("tổ chức sơ kết … 05 năm 2021-2025"), not the plan's title
        ("Thái Bình tổ chức sơ kết cho giai đoạn nào?", "V.1.a"),
        ("Kế hoạch SHTT Thái Bình có tổ chức sơ kết giữa chừng không, sơ kết cho giai đoạn nào?", "2021-2025"),
        ("Kế hoạch Thái Bình thực hiện cho giai đoạn nào?", "160/KH-UBND"),
    ],
)
def test_which_period_asks_of_what_the_question_names(assistant: Assistant, question: str, fact: str) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, fact)


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        # an agency's money is the rows it leads, added up (a plan gives money to tasks)
        ("Năm 2023 Sở GD&ĐT được bố trí bao nhiêu kinh phí?", ["80 triệu đồng", "5.5"]),
        ("Năm 2023 Sở KH&CN chủ trì tổng bao nhiêu tiền?", ["8.367,6 triệu đồng"]),
        ("Năm 2023 kinh phí của Sở KH&CN là bao nhiêu?", ["8.367,6 triệu đồng"]),
        ("Năm 2023 UBND huyện được cấp bao nhiêu tiền?", ["420 triệu đồng"]),
    ],
)
def test_an_agencys_money_is_the_rows_it_leads_added_up(assistant: Assistant, question: str, facts: list[str]) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and all(_has(text, f) for f in facts) and not _has(text, "phối hợp")


def test_an_agencys_money_in_a_plan_without_a_table_is_not_stated(assistant: Assistant) -> None:
    """2022 costs no task: the money of the agency that airs the news is not stated, whatever its duty says."""
    answered, text, _ = ask(assistant, "KH 2022 cấp cho Báo Ninh Thuận bao nhiêu kinh phí để đưa tin về SHTT?")
    assert not answered and _has(text, "5.540 triệu đồng")


@pytest.mark.parametrize(
    "question",
    ["tổng kinh phí của 3.1, 3.3 và 3.6 năm 2023 là bao nhiêu", "tổng kinh phí 3 nhiệm vụ 3.1, 3.3, 3.6 năm 2023"],
)
def test_one_total_of_several_tasks_named_by_number_adds_them_up(assistant: Assistant, question: str) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "7.800 triệu đồng") and _has(text, "3.1 (4.800)")


def test_an_agency_no_task_names_is_compared_by_its_entries(assistant: Assistant) -> None:
    """Sở Tài chính leads and joins no task: its two years' entries in "Tổ chức thực hiện" are the comparison."""
    answered, text, _ = ask(assistant, "Sở Tài chính năm 2022 và 2023 được giao gì khác nhau?")
    assert answered and _has(text, "IV.2.đ") and _has(text, "IV.2") and not _has(text, "0 nhiệm vụ")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Chào bạn, kế hoạch SHTT 2023 của Ninh Thuận có mấy nhiệm vụ?", "15 nhiệm vụ"),
        ("Xin chào, năm 2023 Ninh Thuận có bao nhiêu nhiệm vụ?", "15 nhiệm vụ"),
        ("Chào bạn, năm 2023 quý II có những việc gì?", "Quý II"),
    ],
)
def test_a_greeting_before_a_count_or_list_is_answered_after(assistant: Assistant, question: str, fact: str) -> None:
    """A count or a list over a plan asks something: the greeting is not all there is."""
    answer = assistant.ask(question)
    assert answer.intent != "greeting" and _has(canon(plain_text(answer)), fact)


@pytest.mark.parametrize(
    ("question", "fact"),
    [("năm 2023 nhiệm vụ nào đắt nhất?", "4.800 triệu đồng"), ("năm 2023 việc nào rẻ nhất?", "9,2 triệu đồng")],
)
def test_dearest_and_cheapest_said_short_rank_by_money(assistant: Assistant, question: str, fact: str) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, fact) and not _has(text, "15 nhiệm vụ")


@pytest.mark.parametrize(
    ("question", "facts", "not_this"),
    [
        ("Nhiệm vụ nào năm 2023 kéo dài lâu nhất?", ["24 tháng", "3.1", "3.3", "3.6"], "3.4 —"),
        ("năm 2023 việc nào có thời gian thực hiện ngắn nhất", ["12 tháng", "3.4"], "3.1 —"),
    ],
)
def test_the_longest_and_shortest_tasks_by_the_months_they_state(
    assistant: Assistant, question: str, facts: list[str], not_this: str
) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and all(_has(text, f) for f in facts) and not_this not in text


@pytest.mark.parametrize(
    "question",
    [
        "Năm 2023 có mấy nhiệm vụ mới so với 2022?",
        "Năm 2023 có những nhiệm vụ nào mà năm 2022 không có?",
    ],
)
def test_new_tasks_against_the_year_before_are_the_two_plans_compared(assistant: Assistant, question: str) -> None:
    """ "mới" here is what 2023 adds (a comparison), not tasks whose words say "mới" ("giống cây trồng mới")."""
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "8 nhiệm vụ mới")


def test_who_collects_the_reports_where_no_regime_is_set(assistant: Assistant) -> None:
    """2023 sets no reporting regime, but its closing names who collects and submits: that answers "who"."""
    answered, text, _ = ask(assistant, "cơ quan nào giúp UBND tỉnh tổng hợp báo cáo năm 2023")
    assert answered and _has(text, "Đầu mối tiếp nhận: Sở Khoa học và Công nghệ")
    answered, _, _ = ask(assistant, "năm 2023 báo cáo phải gửi trước ngày nào?")
    assert not answered  # the deadline is set nowhere


def test_a_count_with_the_total_asked_in_one_sentence_gives_both(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "KH 2023: nhóm 5 có mấy việc, tổng bao nhiêu tiền?")
    assert answered and _has(text, "5 nhiệm vụ") and _has(text, "518,4 triệu đồng")


def test_two_leads_asked_with_the_partners_are_said_once(assistant: Assistant) -> None:
    """ "do ai làm, phối hợp với ai" of a co-led task: the leads once, not again after the partners."""
    _, text, _ = ask(assistant, "Năm 2022 nhiệm vụ bản đồ số OCOP do ai làm, phối hợp với ai?")
    assert _has(text, "đồng chủ trì") and text.count("sở thông tin và truyền thông") == 1


def test_tasks_that_do_not_appear_in_the_table_are_those_without_a_row(assistant: Assistant) -> None:
    """ "không xuất hiện trong bảng dự toán": the three tasks with no row, never the twelve that have one."""
    answered, text, _ = ask(
        assistant, "Phần nội dung kế hoạch 2023 có những nhiệm vụ nào không xuất hiện trong bảng dự toán kinh phí?"
    )
    assert answered and _has(text, "3 nhiệm vụ") and all(_has(text, n) for n in ("2", "3.5", "4.2"))
    assert not _has(text, "1.1")


@pytest.mark.parametrize(
    "question",
    [
        "Trong KH 2022 của Ninh Thuận, đếm giúp tôi số nhiệm vụ mà Sở KH&CN đứng chủ trì một mình",
        "Trong KH 2022 của Ninh Thuận, Sở KH&CN chủ trì một mình bao nhiêu nhiệm vụ, tính cả nhiệm vụ của nhóm 4?",
    ],
)
def test_a_group_taken_in_widens_the_count_it_does_not_choose_it(assistant: Assistant, question: str) -> None:
    """ "tính cả nhiệm vụ của nhóm 4" takes group 4 in; "đếm giúp tôi số nhiệm vụ" counts."""
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "11 nhiệm vụ")


def test_the_entries_of_the_duties_part_counted_by_another_word(assistant: Assistant) -> None:
    answered, text, _ = ask(
        assistant, "Mục tổ chức thực hiện trong kế hoạch của Thái Bình được chia thành bao nhiêu đầu mục phân công?"
    )
    assert answered and _has(text, "12 mục")


def test_a_tasks_share_of_that_years_allocation(assistant: Assistant) -> None:
    """ "… chiếm bao nhiêu % tổng kinh phí phân bổ năm đó": of the plan's total for the year, not the task's own."""
    answered, text, _ = ask(
        assistant,
        "Phần tiền năm 2023 dành cho nhiệm vụ KH&CN cấp trung ương chiếm bao nhiêu % tổng kinh phí phân bổ năm đó?",
    )
    assert answered and _has(text, "57,4%") and _has(text, "3.832,6")


def test_the_duties_part_asked_who_airs_the_news_names_its_entry(assistant: Assistant) -> None:
    """ "Theo phần tổ chức thực hiện, ai chủ trì đưa tin bài?": the one entry on it (IV.4), then the table's row."""
    answered, text, _ = ask(
        assistant,
        "Năm 2023 theo phần tổ chức thực hiện, ai chủ trì đưa tin bài về SHTT? Còn trong bảng, dòng 5.4 ai chủ trì?",
    )
    assert answered and _has(text, "Báo Ninh Thuận") and _has(text, "IV.4") and _has(text, "5.4")


def test_tasks_counted_by_a_source_named_with_its_proposal_words(assistant: Assistant) -> None:
    """ "được đề xuất nguồn trung ương" names the column, not tasks whose words say "đề xuất"."""
    answered, text, _ = ask(assistant, "Năm 2023 có mấy nhiệm vụ được đề xuất nguồn trung ương?")
    assert answered and _has(text, "1 nhiệm vụ") and _has(text, "3.1")


def test_one_agency_cooperating_with_another_names_tasks_with_both(assistant: Assistant) -> None:
    answered, text, _ = ask(assistant, "Sở KH&CN năm 2023 phối hợp với Sở NN&PTNT ở những nhiệm vụ nào?")
    assert answered and _has(text, "3.2") and _has(text, "5.3") and not _has(text, "5.5")


@pytest.mark.parametrize(
    ("question", "facts", "not_this"),
    [
        (
            "Trong KH 2022 có bao nhiêu cơ quan phối hợp ở nhiệm vụ bản đồ số?",
            ["1.c", "Hội Doanh nhân trẻ"],
            "8 cơ quan",
        ),
        (
            "nhiệm vụ 3.3 năm 2023 có mấy cơ quan phối hợp?",
            ["3.3", "các cơ quan, đơn vị liên quan"],
            "Cục Sở hữu trí tuệ",
        ),
    ],
)
def test_the_agencies_counted_of_one_task_are_its_own(
    assistant: Assistant, question: str, facts: list[str], not_this: str
) -> None:
    answered, text, _ = ask(assistant, question)
    assert answered and all(_has(text, f) for f in facts) and not _has(text, not_this)


def test_taking_part_alone_is_either_role(assistant: Assistant) -> None:
    """ "tham gia" alone is leading or cooperating ("không tham gia, dù chủ trì hay phối hợp"); "tham gia phối
    hợp" is cooperating."""
    answered, text, _ = ask(assistant, "nhung nhiem vu nao cua kh 2023 ko co so kh&cn tham gia")
    assert answered and _has(text, "3 nhiệm vụ") and _has(text, "3.5") and not _has(text, "3.1")
    answered, text, _ = ask(assistant, "Sở NN&PTNT tham gia mấy nhiệm vụ năm 2023")
    assert answered and _has(text, "5 nhiệm vụ") and _has(text, "3.2")
    answered, text, _ = ask(
        assistant, "KH 2022: kể đủ các nhiệm vụ có UBND huyện, thành phố tham gia, dù là chủ trì hay phối hợp."
    )
    assert answered and _has(text, "3.g") and _has(text, "5.c") and _has(text, "1.a")


def test_the_tasks_of_an_agency_said_without_a_verb(assistant: Assistant) -> None:
    """ "nhiệm vụ của Sở NN&PTNT năm 2023": the tasks it takes part in, though the plan gives it no duty entry."""
    answered, text, _ = ask(assistant, "nhiệm vụ của Sở NN&PTNT năm 2023")
    assert answered and _has(text, "5 nhiệm vụ") and _has(text, "3.6")
    answered, text, _ = ask(assistant, "nhiem vu cua so cong thuong trong kh 2023")
    assert not answered and _has(text, "Sở Công Thương") and not _has(text, "chưa tìm thấy")


def test_the_total_of_a_source_is_that_source(assistant: Assistant) -> None:
    """ "tổng kinh phí nguồn trung ương": that source's total first, not the plan's total before it."""
    answer = assistant.ask("tong kinh phi nguon trung uong kh 2023 la bn")
    lines = plain_text(answer).splitlines()
    assert answer.answered and lines[1].startswith("Dự kiến kinh phí Trung ương năm 2023: 2.000 triệu đồng")
    assert not any("3.832,6" in line for line in lines)


def test_the_verb_of_a_time_asked_names_no_task(assistant: Assistant) -> None:
    """ "… lớp tập huấn cho học sinh. mấy lớp, quý mấy tổ chức": "tổ chức" goes with "quý mấy"; the preamble's
    class is the subject, not every class of the plan."""
    answered, text, _ = ask(
        assistant,
        "minh la hs lop 11 o Phan Rang, nghe noi nam 2023 tinh co lop tap huan shtt cho hoc sinh. "
        "may lop, quy may to chuc a",
    )
    assert answered and _has(text, "5.5") and _has(text, "02 lớp") and _has(text, "Quý II") and not _has(text, "5.1")


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("kh 2023 ninh thuan, nv dau tien trong bang du toan la j", "1.1"),
        ("nhiệm vụ cuối cùng trong bảng 2023", "5.5"),
        ("nhiệm vụ thứ hai của kế hoạch Thái Bình là gì", "III.1.b"),
    ],
)
def test_the_nth_task_of_a_plan_named(assistant: Assistant, question: str, number: str) -> None:
    """ "nhiệm vụ đầu tiên trong bảng dự toán 2023": the n-th task (or table row) of the plan named."""
    answer = assistant.ask(question)
    assert answer.answered and answer.task_ids == [f"{answer.plan_ids[0]}:{number}"]


def test_a_column_summed_over_a_group_named_after_it(assistant: Assistant) -> None:
    """ "tổng NS sự nghiệp khoa học năm 2023 bố trí cho nhóm 3": that column over the group's rows, not the column."""
    answered, text, intent = ask(assistant, "tong ns su nghiep khoa hoc nam 2023 bo tri cho nhom 3 la bn")
    assert answered and intent == "tasks_sum" and _has(text, "950 triệu đồng") and not _has(text, "1.1")


def test_the_printed_total_row_asked_is_the_printed_figure(assistant: Assistant) -> None:
    """ "cột NS sự nghiệp khoa học … dòng Cộng ghi bn": the figure the row prints, not the rows added up again."""
    answer = assistant.ask("cot NS su nghiep khoa hoc bang 2023 dong cong ghi bn")
    assert answer.answered and "1.062,6 triệu đồng" in plain_text(answer).splitlines()[1]


def test_the_members_of_a_kind_of_agency_asked(assistant: Assistant) -> None:
    """ "mục dành cho lực lượng thực thi gồm những cơ quan nào": the enforcement bodies the plan gives duties to (not
    the plan's money, which "dành cho" read as)."""
    answered, text, _ = ask(
        assistant, "Trong kế hoạch Thái Bình, mục dành cho lực lượng thực thi gồm những cơ quan nào? Liệt kê đủ."
    )
    assert answered and _has(text, "Công an tỉnh") and _has(text, "Chi cục Hải quan Thái Bình")
    assert not _has(text, "Sở Khoa học và Công nghệ")


def test_a_quarter_counted_says_how_many_run_in_it_alone(assistant: Assistant) -> None:
    """ "có bn dòng triển khai trong quý II": 8 run in it, 7 in it alone (3.2 runs Quý I–II): both readings."""
    answered, text, _ = ask(assistant, "bang du toan 2023 ninh thuan co bn dong nhiem vu trien khai trong quy II")
    assert answered and _has(text, "8 nhiệm vụ") and _has(text, "7 nhiệm vụ chỉ ghi Quý II") and _has(text, "3.2")


def test_a_target_compared_across_milestones_says_what_words_changed(assistant: Assistant) -> None:
    """ "mức đào tạo đến 2025 khác đến 2030 thế nào": the same 100%, "cơ bản" then "chuyên sâu", said first."""
    answer = assistant.ask(
        "Thái Bình yêu cầu mức đào tạo cán bộ quản lý nhà nước về SHTT đến 2025 khác đến 2030 thế nào?"
    )
    first = plain_text(answer).splitlines()[1]
    assert answer.answered and "«cơ bản» (mốc 2025) → «chuyên sâu» (mốc 2030)" in first


def test_two_ranges_of_a_share_compared_by_points(assistant: Assistant) -> None:
    """ "tốc độ tăng đơn … mục tiêu 2030 cao hơn 2025 bao nhiêu điểm %": 8-10% → 10-12%, two points at each end."""
    answered, text, _ = ask(
        assistant, "ke hoach tb: toc do tang don dang ky shtt muc tieu 2030 cao hon 2025 bao nhieu diem %"
    )
    assert answered and _has(text, "tăng 2 điểm phần trăm ở cả hai đầu khoảng")


@pytest.mark.parametrize(
    "question",
    [
        "nhung nv nao cua kh 2023 ko co dong trong bang du toan",
        "nv nao nam 2023 ko co trong bang du toan",
    ],
)
def test_a_negation_typed_ko_is_a_negation(assistant: Assistant, question: str) -> None:
    """ "ko có dòng trong bảng": the tasks without a row (2, 3.5, 4.2), not the twelve with one."""
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "không có dòng") and _has(text, "3.5") and not _has(text, "12 nhiệm vụ")


def test_two_years_totals_compared_with_the_change_in_percent(assistant: Assistant) -> None:
    """ "… 2022 và 2023 là bao nhiêu? Năm 2023 giảm bao nhiêu tiền, khoảng bao nhiêu phần trăm?": of 2022's total."""
    answered, text, _ = ask(
        assistant,
        "Tổng kinh phí kế hoạch SHTT của Ninh Thuận năm 2022 và năm 2023 là bao nhiêu? "
        "Năm 2023 giảm bao nhiêu tiền, tương đương khoảng bao nhiêu phần trăm?",
    )
    assert answered and _has(text, "1.707,4 triệu đồng") and _has(text, "30,82%")


def test_a_source_taken_in_with_the_rest_is_no_column_chosen(assistant: Assistant) -> None:
    """ "Cộng mọi nguồn (kể cả phần đề xuất NSTU), số tiền phân bổ năm 2023 cho các nhiệm vụ nhóm 3": every source of
    the group's rows (2.950), not the central column alone."""
    answered, text, intent = ask(
        assistant,
        "Cộng mọi nguồn (kể cả phần đề xuất NSTU hỗ trợ), số tiền dự kiến phân bổ ngay trong năm 2023 cho các "
        "nhiệm vụ nhóm 3 của Ninh Thuận là bao nhiêu?",
    )
    assert answered and intent == "tasks_sum" and _has(text, "2.950 triệu đồng")


def test_a_target_asked_by_the_figures_it_sets(assistant: Assistant) -> None:
    """ "mức tăng số đơn đăng ký mới … đến 2025 và đến 2030": the target on applications, at both milestones."""
    answered, text, _ = ask(
        assistant,
        "Thái Bình đặt mức tăng số đơn đăng ký mới về SHTT bình quân mỗi năm đến 2025 và đến 2030 là bao nhiêu?",
    )
    assert answered and _has(text, "8-10%/năm") and _has(text, "10-12%/năm")


def test_the_agencies_a_duties_section_names(assistant: Assistant) -> None:
    """ "Mục IV.2 … phân việc cho những cơ quan, đơn vị nào? Kể đủ": the 13 agencies of its entries, not its heading."""
    answered, text, intent = ask(
        assistant,
        "Mục IV.2 'Các Sở, ngành' trong KH 2022 của Ninh Thuận phân việc cho những cơ quan, đơn vị nào? Kể đủ.",
    )
    assert answered and intent == "agencies" and _has(text, "13 cơ quan") and _has(text, "Hội Doanh nhân trẻ")


def test_an_average_over_the_rows_counted(assistant: Assistant) -> None:
    """ "tính bình quân trên các dòng có ghi số ở cột NS sự nghiệp khoa học, mỗi dòng được bao nhiêu": the mean first
    (1.017,6 : 8), then the rows counted."""
    answer = assistant.ask(
        "Bảng 2023 của Ninh Thuận: tính bình quân trên các dòng có ghi số ở cột NS sự nghiệp khoa học (lấy tổng các "
        "dòng in ra chia cho số dòng có số), mỗi dòng được bao nhiêu?"
    )
    assert answer.answered and "127,2 triệu đồng (1.017,6 : 8)" in plain_text(answer).splitlines()[1]


def test_staff_to_assign_is_no_money(assistant: Assistant) -> None:
    """ "huyện có phải bố trí cán bộ riêng làm SHTT không": staff, not the plan's money."""
    answered, text, intent = ask(assistant, "KH Thái Bình: huyện có phải bố trí cán bộ riêng làm SHTT không")
    assert answered and intent != "budget" and _has(text, "chuyên trách") and not _has(text, "nguồn kinh phí")


def test_which_agencies_are_given_a_duty_about_classes(assistant: Assistant) -> None:
    """ "Sở Tài chính được giao việc gì, và ngoài Hội DN trẻ còn những tổ chức nào được giao vận động DN tham gia các
    lớp tập huấn?": two questions; the second is whose duty that is (IV.5), not the classes."""
    answered, text, _ = ask(
        assistant,
        "Theo kế hoạch 2023 của Ninh Thuận, Sở Tài chính được giao việc gì, và ngoài Hội Doanh nhân trẻ còn những tổ "
        "chức nào được giao vận động doanh nghiệp tham gia các lớp tập huấn?",
    )
    assert answered and _has(text, "tham mưu phân bổ kinh phí") and _has(text, "Hiệp hội Doanh nghiệp")
    assert not _has(text, "5.5")


def test_the_year_after_so_voi_is_the_base_of_a_share(assistant: Assistant) -> None:
    """ "so với năm 2022, tổng dự toán 2023 bằng bao nhiêu phần trăm": 2023 over 2022 (69,18%), not the other way."""
    answered, text, _ = ask(assistant, "so voi nam 2022, tong du toan 2023 cua Ninh Thuan bang bao nhieu phan tram?")
    assert answered and _has(text, "69,18%") and not _has(text, "144,55%")


def test_whose_duty_asked_as_giao_ai(assistant: Assistant) -> None:
    """ "Năm 2022 tỉnh giao ai rà soát, thống kê sản phẩm OCOP": the duty that says it (Sở NN&PTNT, IV.2.b)."""
    answered, text, _ = ask(assistant, "Năm 2022 tỉnh giao ai rà soát, thống kê sản phẩm OCOP để tư vấn bảo hộ SHTT?")
    assert answered and _has(text, "Sở Nông nghiệp và Phát triển nông thôn") and _has(text, "IV.2.b")


def test_an_agencys_duties_then_the_tasks_it_cooperates_on(assistant: Assistant) -> None:
    """ "sở tôi được giao việc gì, và là cơ quan phối hợp ở nhiệm vụ nào?": two questions, its duties then its tasks."""
    answered, text, _ = ask(
        assistant,
        "Tôi là cán bộ Sở Công Thương Ninh Thuận. Năm 2022 sở tôi được giao việc gì trong kế hoạch SHTT, và là cơ "
        "quan phối hợp ở nhiệm vụ nào?",
    )
    assert answered and _has(text, "IV.2.d") and _has(text, "1.c")


def test_the_target_that_matches_leads_with_its_milestone(assistant: Assistant) -> None:
    """ "TB có chỉ tiêu gì về doanh nghiệp kiểm toán TSTT": that target (set for 2030) first, not 2025's list."""
    answer = assistant.ask("thai binh co chi tieu gi ve doanh nghiep kiem toan tai san tri tue")
    lines = plain_text(answer).splitlines()
    assert answer.answered and "2030" in lines[0] and "kiểm toán, định giá tài sản trí tuệ" in lines[1]


@pytest.mark.parametrize(
    "question", ["ngan sach tinh bo tri cho kh 2023 la bao nhieu", "ngân sách địa phương năm 2023 bao nhiêu"]
)
def test_the_provinces_own_budget_is_its_sources_but_the_central(assistant: Assistant, question: str) -> None:
    """ "ngân sách tỉnh / địa phương": the province's own sources added (1.062,6 + 770), not the whole total, nor the
    task whose name says "trung ương"."""
    answered, text, intent = ask(assistant, question)
    assert answered and intent == "plan_budget_sum" and _has(text, "1.832,6 triệu đồng")


def test_a_role_asked_in_a_plan_that_assigns_by_agency(assistant: Assistant) -> None:
    """ "thai binh giao so nao lam dau moi": the role's words are the duty's (Sở KH&CN "làm đầu mối"), in a plan that
    names no task's lead."""
    answered, text, _ = ask(assistant, "thai binh giao so nao lam dau moi")
    assert answered and _has(text, "Sở Khoa học và Công nghệ") and _has(text, "V.1")


def test_an_agencys_one_task_with_its_money_per_class(assistant: Assistant) -> None:
    """ "Sở GD&ĐT chủ trì nhiệm vụ gì, bao nhiêu lớp, mỗi lớp bao nhiêu tiền?": its one task (5.5), 02 classes at 40
    each, not a count and a sum of one row."""
    answered, text, intent = ask(
        assistant, "Sở GD&ĐT năm 2023 chủ trì nhiệm vụ gì, bao nhiêu lớp, mỗi lớp bao nhiêu tiền?"
    )
    assert answered and intent == "task_card" and _has(text, "5.5") and _has(text, "02 lớp")
    assert _has(text, "40 triệu đồng")


def test_every_agency_given_a_duty_listed(assistant: Assistant) -> None:
    """ "liệt kê tất cả các cơ quan được giao tự bố trí kinh phí": the duties that say so (Sở NN&PTNT, Sở VHTTDL, the
    districts), not the plan's money."""
    answered, text, intent = ask(
        assistant,
        "kh thai binh: liet ke tat ca cac co quan dc giao tu bo tri kinh phi thuc hien nhiem vu trong ke hoach",
    )
    assert answered and intent != "plan_budget" and _has(text, "Sở Nông nghiệp và Phát triển nông thôn")
    assert _has(text, "Sở Văn hóa, Thể thao và Du lịch")


def test_a_year_said_of_another_province_before_the_question(assistant: Assistant) -> None:
    """ "ninh thuan 2023 ghi ro so tien, con thai binh thi sao, lay tu nguon nao": 2023 is Ninh Thuận's year; Thái
    Bình's funding is asked (it said that plan gives no money for 2023, answered false)."""
    answer = assistant.ask("kinh phi: ninh thuan 2023 ghi ro so tien, con thai binh thi sao, lay tu nguon nao")
    text = plain_text(answer)
    assert answer.answered and "nguồn kinh phí sự nghiệp khoa học và công nghệ" in text and "năm 2023" not in text


def test_a_group_compared_across_years_whose_earlier_year_is_one_task(assistant: Assistant) -> None:
    """ "nhóm 4 năm 2023 có thêm gì so với năm 2022": 2022's group 4 is its task "4", 2023's holds 4.1 and 4.2; each
    year's group, not the one year whose task has that number."""
    answer = assistant.ask(
        "Nhóm nhiệm vụ phát triển hoạt động hỗ trợ về SHTT (nhóm 4) năm 2023 có thêm gì so với 2022?"
    )
    text = plain_text(answer)
    assert "IP Platform" in text and "Phát triển dịch vụ hỗ trợ về SHTT" in text
    assert "Kế hoạch SHTT năm 2022" in text and "Kế hoạch SHTT năm 2023" in text
    answered, text, _ = ask(assistant, "nhóm 4 năm 2022 ai chủ trì")
    assert answered and _has(text, "Cơ quan chủ trì: Sở Khoa học và Công nghệ")


def test_an_aim_asked_about_a_topic_a_target_states(assistant: Assistant) -> None:
    """ "Thái Bình có mục tiêu gì về kiểm toán, định giá tài sản trí tuệ": the target that says it (03 - 05 firms), not
    the plan's general aims, which say nothing of it."""
    for question in (
        "Kế hoạch SHTT của Thái Bình có mục tiêu gì về kiểm toán, định giá tài sản trí tuệ không?",
        "Công ty mình đang muốn làm kiểm toán, định giá tài sản trí tuệ. Thái Bình có mục tiêu gì về việc này không?",
    ):
        answered, text, intent = ask(assistant, question)
        assert answered and intent == "targets" and _has(text, "03 - 05 doanh nghiệp"), question
    answered, text, intent = ask(assistant, "mục tiêu của kế hoạch thái bình là gì")
    assert answered and intent == "objective"


def test_whom_to_contact_asked_beside_a_part_of_a_task(assistant: Assistant) -> None:
    """ "… 2022 tinh co ho tro ko, ho tro may sang che, lien he dau": the count the task states, and its lead as whom
    to ask (the lead was left out)."""
    question = (
        "toi la chu xuong co khi o Phan Rang, che duoc may tach hat dieu, muon dang ky sang che. "
        "2022 tinh co ho tro ko, ho tro may sang che, lien he dau"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "01 sáng chế") and _has(text, "Cơ quan chủ trì: Sở Khoa học và Công nghệ")


def test_a_need_in_the_plans_words_keeps_an_unmarked_message_unmarked(assistant: Assistant) -> None:
    """ "… muon di hoc lop ve bao ho shtt trong va ngoai nuoc thi hoi ai, moi huyen may lop": the need's words in the
    plans' spelling made the message look typed with marks, so "muon" (muốn) was read as a word of the plans and the
    classes of every task were added up; it is the district classes' task (5.3), whose lead is whom to ask."""
    question = (
        "co so lam banh trang o Ninh Phuoc co sp ocop. nam 2023 muon di hoc lop ve bao ho shtt trong va ngoai nuoc "
        "thi hoi ai, moi huyen may lop"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "mỗi huyện, thành phố 02 lớp") and _has(text, "UBND các huyện, thành phố")


def test_a_plans_group_that_says_what_another_years_task_is_named_by(assistant: Assistant) -> None:
    """ "2023 tinh co nv nao thuc day phat trien dich vu ho tro shtt": 2022 names a task so; 2023 says it as the opening
    of its group 4, whose tasks (IP Platform) are worded otherwise: those tasks, not "2023 has none"."""
    question = (
        "cty minh lam dich vu tu van shtt o Phan Rang. 2023 tinh co nv nao thuc day phat trien dich vu ho tro shtt k, "
        "so nao chu tri"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "IP Platform") and _has(text, "Cơ quan chủ trì: Sở Khoa học và Công nghệ")
    assert not _has(text, "Kế hoạch SHTT năm 2022")


def test_every_class_with_a_figure_added_up_with_those_taken_in(assistant: Assistant) -> None:
    """ "Cộng tất cả các lớp tập huấn, bồi dưỡng có ghi số tiền … (tính cả lớp cho chủ thể OCOP … và lớp cho học sinh)":
    every class row that states a figure (it added up only the two taken in)."""
    question = (
        "Cộng tất cả các lớp tập huấn, bồi dưỡng có ghi số tiền trong bảng dự toán 2023 (tính cả lớp cho chủ thể OCOP "
        "ở các huyện và lớp cho học sinh, sinh viên) thì tổng kinh phí thực hiện là bao nhiêu?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "527,6 triệu đồng") and _has(text, "4.1 (9,2)")


def test_how_a_task_differs_across_years_shows_what_each_does(assistant: Assistant) -> None:
    """ "nv CSDL … năm 2022 và năm 2023 khác nhau thế nào, 2023 được bn tiền": what each year's task does («Xây dựng»,
    «Cập nhật»), then the money asked (it gave the money only)."""
    question = "nv co so du lieu va phan mem quan ly SHCN: nam 2022 va nam 2023 khac nhau the nao, 2023 dc bn tien?"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Xây dựng cơ sở dữ liệu") and _has(text, "Cập nhật cơ sở dữ liệu")
    assert _has(text, "40 triệu đồng")


def test_classes_and_other_work_of_a_group_listed_whole(assistant: Assistant) -> None:
    """ "những lớp tập huấn, bồi dưỡng và hoạt động tuyên truyền SHTT nào (nhóm 5)": every task of the group, the
    propaganda one too (only its classes were listed)."""
    question = (
        "Ninh Thuận năm 2023 định mở những lớp tập huấn, bồi dưỡng và hoạt động tuyên truyền SHTT nào (nhóm 5)? "
        "Liệt kê hết từng đầu việc giúp tôi."
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "5 nhiệm vụ") and _has(text, "5.4 — Tuyên truyền SHTT")


def test_a_target_asked_after_saying_who_one_is(assistant: Assistant) -> None:
    """ "Tôi là giảng viên …, nhóm tôi có giải pháp hữu ích … Kế hoạch 160 có mục tiêu hỗ trợ khai thác, thương mại
    hóa sáng chế … không, bao nhiêu cái?": the target (01 - 02), not the support list a person's words lead to."""
    question = (
        "Tôi là giảng viên một trường cao đẳng ở TP Thái Bình, nhóm tôi có giải pháp hữu ích vừa được cấp bằng năm "
        "2023. Kế hoạch 160 có mục tiêu hỗ trợ khai thác, thương mại hóa sáng chế, giải pháp hữu ích không, "
        "bao nhiêu cái?"
    )
    answered, text, intent = ask(assistant, question)
    assert answered and intent == "targets" and _has(text, "01 - 02 sáng chế")


def test_the_rows_an_amount_is_asked_of_without_a_preposition(assistant: Assistant) -> None:
    """ "mức 9,2 triệu là dòng nào": the three rows that print it (every row was listed)."""
    answered, text, _ = ask(assistant, "mức 9,2 triệu là dòng nào")
    assert answered and _has(text, "3 nhiệm vụ") and _has(text, "4.1") and _has(text, "5.2") and not _has(text, "3.3")


def test_tasks_a_preamble_lists_in_brackets_pointed_back_at(assistant: Assistant) -> None:
    """ "… có 3 lớp giá 9,2 triệu (lớp ở trạm IP Platform, 5.1, 5.2). cộng lại 3 lớp đó hết bn tiền?": the three the
    preamble names (only the first was added up)."""
    question = (
        "bang du toan 2023 cua Ninh Thuan co 3 lop gia 9,2 trieu (lop o tram IP Platform, 5.1, 5.2). "
        "cong lai 3 lop do het bn tien?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "27,6 triệu đồng") and _has(text, "5.2 (9,2)")


def test_a_count_changed_between_years_says_by_how_much(assistant: Assistant) -> None:
    """ "chỉ tiêu số sp OCOP …: 2022 là bn, 2023 là bn, giảm mấy sp?": the change in the count, in its unit."""
    answered, text, _ = ask(
        assistant, "chi tieu so sp OCOP duoc ho tro dang ky bao ho SHTT: 2022 la bn, 2023 la bn, giam may sp?"
    )
    assert answered and _has(text, "giảm 1 sản phẩm OCOP") and _has(text, "tối thiểu 06 sản phẩm OCOP (năm 2022)")


def test_the_quarter_of_several_tasks_in_a_plan_that_states_none(assistant: Assistant) -> None:
    """ "năm 2022 các lớp tập huấn tổ chức quý mấy?": the 2022 plan gives no task a time; it says so, answered false
    (the classes were listed without it, answered)."""
    for question in (
        "năm 2022 các lớp tập huấn tổ chức quý mấy?",
        "ok giờ chuyển qua năm 2022, mấy lớp tập huấn năm đó tổ chức quý mấy?",
    ):
        answered, text, _ = ask(assistant, question)
        assert not answered and _has(text, "không chia nhiệm vụ theo quý"), question
    answered, text, _ = ask(assistant, "năm 2023 các lớp tập huấn tổ chức quý mấy?")
    assert answered and _has(text, "Quý II")


def test_an_amount_of_support_asked_of_a_plan_that_states_none(assistant: Assistant) -> None:
    """ "thai binh ho tro bn tien": the plan states no amount (answered false), not a duty whose words say "hỗ trợ"."""
    answered, text, _ = ask(assistant, "thai binh ho tro bn tien")
    assert not answered and _has(text, "không nêu số tiền cụ thể")


def test_the_press_a_plan_gives_work_and_in_what_part(assistant: Assistant) -> None:
    """ "Kế hoạch Thái Bình giao đài, báo nào, họ chủ trì hay phối hợp?": the radio-television and the newspaper, and
    their entry, which says they cooperate (nothing was found); "năm 2022 giao cho báo nào đưa tin" too."""
    answered, text, _ = ask(assistant, "Kế hoạch Thái Bình giao đài, báo nào, họ chủ trì hay phối hợp?")
    assert answered and _has(text, "Đài Phát thanh và Truyền hình Thái Bình") and _has(text, "Báo Thái Bình")
    assert _has(text, "Phối hợp với Sở Khoa học và Công nghệ")
    answered, text, _ = ask(assistant, "năm 2022 giao cho báo nào đưa tin")
    assert answered and _has(text, "Báo Ninh Thuận")


def test_the_tasks_both_years_have_said_first_and_paired_by_subject(assistant: Assistant) -> None:
    """ "kh 2022 và 2023 nv nào giống nhau": the tasks kept, first; 2022's patent task and 2023's plant variety task
    are worded alike ("Hỗ trợ đăng ký … theo chỉ tiêu Nghị quyết 14") but filed under different topics: no pair."""
    answered, text, _ = ask(assistant, "kh 2022 va 2023 nv nao giong nhau")
    assert answered and text.index("có ở cả hai năm:") < text.index("có năm 2022, không còn năm 2023:")
    assert _has(text, "3.e (2022) ↔ 3.4 (2023)")
    assert not _has(text, "2.c (2022) ↔ 2 (2023)")


def test_the_tasks_two_agencies_both_take_part_in(assistant: Assistant) -> None:
    """ "nhiệm vụ nào 2023 mà UBND huyện và Sở KH&CN cùng tham gia": those naming both (5.3), not either (12)."""
    answered, text, _ = ask(assistant, "co nhiem vu nao 2023 ma UBND huyen va so kh&cn cung tham gia")
    assert answered and _has(text, "5.3") and not _has(text, "3.1") and not _has(text, "12 nhiệm vụ")


def test_a_milestone_opening_a_question_about_a_share_asks_the_target(assistant: Assistant) -> None:
    """ "Đến năm 2025, Thái Bình muốn bao nhiêu phần trăm cán bộ … được đào tạo, ở những sở nào và ở mức độ nào?": the
    target (100% … cơ bản), not the duties of the departments named in it."""
    question = (
        "Đến năm 2025, Thái Bình muốn bao nhiêu phần trăm cán bộ quản lý nhà nước về SHTT được đào tạo, ở những sở nào "
        "và ở mức độ nào?"
    )
    answered, text, intent = ask(assistant, question)
    assert answered and intent == "targets" and _has(text, "100% cán bộ phụ trách quản lý nhà nước")


def test_classes_chosen_by_their_price(assistant: Assistant) -> None:
    """ "3 lớp tập huấn giá 9,2 triệu năm 2023 cộng lại hết bao nhiêu tiền": the rows at that figure (every class was
    added up)."""
    answered, text, _ = ask(assistant, "3 lop tap huan gia 9,2 trieu nam 2023 cong lai het bao nhieu tien")
    assert answered and _has(text, "27,6 triệu đồng") and not _has(text, "5.3 (420)")


def test_whom_a_task_is_for_asked_beside_its_agencies(assistant: Assistant) -> None:
    """ "…: sở nào chủ trì, sở nào phối hợp, đối tượng gồm những cấp trường nào?": the task's words say which."""
    question = (
        "lop tap huan shtt cho hoc sinh sinh vien 2023: so nao chu tri, so nao phoi hop, "
        "doi tuong gom nhung cap truong nao?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "Sở Giáo dục và Đào tạo") and _has(text, "trung học cơ sở")


def test_an_agency_working_with_another_it_leads_over(assistant: Assistant) -> None:
    """ "năm 2023 Sở KH&CN phối hợp với Cục SHTT làm những việc gì": it cooperates on none with the Cục, but leads the
    two the Cục cooperates on (5.1, 5.2); those, not "none"."""
    answered, text, _ = ask(assistant, "nam 2023 so kh&cn phoi hop voi cuc shtt lam nhung viec gi")
    assert answered and _has(text, "5.1") and _has(text, "5.2") and _has(text, "2 nhiệm vụ")


def test_when_a_plan_ends(assistant: Assistant) -> None:
    """ "kế hoạch Thái Bình hết hạn khi nào": the period it covers (2021-2025, toward 2030), not a 2022 task about
    patents whose protection ended, nor the day it was issued."""
    answered, text, intent = ask(assistant, "ke hoach thai binh het han khi nao")
    assert answered and intent == "document" and _has(text, "giai đoạn 2021-2025") and not _has(text, "3.b")


def test_what_an_agency_does_with_one_only_its_duties_name(assistant: Assistant) -> None:
    """ "… giao Sở NN&PTNT chủ trì cùng văn phòng em làm việc gì" from the Văn phòng Điều phối NTM: no task names the
    office; the Sở's duty that does ("rà soát, thống kê các sản phẩm OCOP"), not every task the Sở leads."""
    question = (
        "Em chào anh chị, em làm ở Văn phòng Điều phối nông thôn mới tỉnh Ninh Thuận. Kế hoạch SHTT 2022 giao "
        "Sở NN&PTNT chủ trì cùng văn phòng em làm việc gì ạ?"
    )
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "rà soát, thống kê các sản phẩm OCOP") and not _has(text, "3.c")


def test_how_many_tasks_groups_and_the_plans_total_in_one_message(assistant: Assistant) -> None:
    """ "kh 2023: có bao nhiêu nv, bao nhiêu nhóm, tổng kinh phí bao nhiêu": 15 tasks, 5 groups and the plan's own
    total (only the count was given)."""
    answered, text, _ = ask(
        assistant, "toi muon biet kh 2023: co bao nhieu nv, bao nhieu nhom, tong kinh phi bao nhieu"
    )
    assert answered and _has(text, "15 nhiệm vụ") and _has(text, "5 nhóm nhiệm vụ") and _has(text, "3.832,6 triệu")


def test_the_rows_a_message_listed_added_up_in_its_next_question(assistant: Assistant) -> None:
    """ "Những dòng mỗi dòng 9,2 triệu là những dòng nào? mấy dòng vừa rồi cộng lại bao nhiêu?": those three (the sum
    was left out, then a task the words happened to match was added up)."""
    answered, text, _ = ask(
        assistant, "Những dòng mỗi dòng 9,2 triệu là những dòng nào? mấy dòng vừa rồi cộng lại bao nhiêu?"
    )
    assert answered and _has(text, "4.1 (9,2) + 5.1 (9,2) + 5.2 (9,2)")


def test_rows_given_not_one_dong(assistant: Assistant) -> None:
    """ "nv nào ko được ghi đồng nào" of the table: its rows of words (3.2, 5.4), not task 3.1 (its words matched)."""
    answered, text, _ = ask(assistant, "trong bảng dự toán 2023 nv nào ko được ghi đồng nào?")
    assert answered and _has(text, "3.2") and _has(text, "5.4") and not _has(text, "3.1")


def test_each_sources_share_of_the_plans_total(assistant: Assistant) -> None:
    """ "chia theo nguồn thì mỗi nguồn chiếm bao nhiêu %": 27,73 %, 20,09 %, 52,18 % of 3.832,6 (the amounts alone were
    given); a plan that gives no amount per source says it cannot tell."""
    answered, text, _ = ask(assistant, "nam 2023 chia theo nguon thi moi nguon chiem bao nhieu %")
    assert answered and _has(text, "27,73%") and _has(text, "20,09%") and _has(text, "52,18%")
    answered, text, _ = ask(assistant, "Thái Bình mỗi nguồn chiếm bao nhiêu phần trăm")
    assert not answered and _has(text, "không tính được")


def test_rows_named_with_their_figure_and_a_quarter(assistant: Assistant) -> None:
    """ "3 lớp 9,2 triệu trong quý II cộng lại": the three classes at 9,2 (the tasks of Quý II were listed)."""
    answered, text, intent = ask(assistant, "KH 2023: 3 lop 9,2 trieu trong quy II cong lai la bn")
    assert answered and intent == "tasks_sum" and _has(text, "27,6 triệu đồng")


def test_an_agencys_tasks_say_who_leads_them_with_it(assistant: Assistant) -> None:
    """ "Năm 2022 Sở TT&TT có chủ trì nhiệm vụ nào không": 1.c, led with Sở KH&CN, which the answer says."""
    answered, text, _ = ask(assistant, "Năm 2022 Sở Thông tin và Truyền thông có chủ trì nhiệm vụ SHTT nào không?")
    assert answered and _has(text, "1.c") and _has(text, "đồng chủ trì với Sở Khoa học và Công nghệ")


def test_an_agencys_duties_and_the_tasks_that_name_it_in_one_message(assistant: Assistant) -> None:
    """ "Sở Công Thương được giao những việc gì ở phần tổ chức thực hiện, và có tên trong nhiệm vụ nào…": its duty
    (IV.2.d) and the task it cooperates on (1.c); only the task was given."""
    answered, text, _ = ask(
        assistant,
        "Theo KH 2022, Sở Công Thương được giao những việc gì ở phần tổ chức thực hiện, và có tên trong nhiệm vụ nào "
        "ở phần nội dung không?",
    )
    assert answered and _has(text, "IV.2.d") and _has(text, "1.c")


def test_whether_a_plan_sets_a_target_on_something_it_does_not(assistant: Assistant) -> None:
    """ "Ninh Thuận có đặt chỉ tiêu số doanh nghiệp kiểm toán, định giá TSTT không?": no (Thái Bình's 03-05 is the only
    one); its OCOP and patent targets were given as if they answered."""
    question = "Ninh Thuận có đặt chỉ tiêu số doanh nghiệp kiểm toán, định giá tài sản trí tuệ không?"
    answered, text, _ = ask(assistant, question)
    assert not answered and _has(text, "không đặt chỉ tiêu nào")
    answered, text, _ = ask(assistant, question.replace("Ninh Thuận", "Thái Bình"))
    assert answered and _has(text, "03 - 05 doanh nghiệp")


def test_tasks_counted_group_by_group(assistant: Assistant) -> None:
    """ "mỗi nhóm bao nhiêu nhiệm vụ", "số nhiệm vụ theo nhóm": each group's count (15 tasks were counted as one
    number, or nothing was found)."""
    for question in ("KH 2023 mỗi nhóm bao nhiêu nhiệm vụ", "số nhiệm vụ theo nhóm của KH 2023"):
        answered, text, intent = ask(assistant, question)
        assert answered and intent == "groups" and _has(text, "(6 nhiệm vụ)") and _has(text, "(5 nhiệm vụ)")


def test_tasks_counted_agency_by_agency(assistant: Assistant) -> None:
    """ "KH 2023 mỗi cơ quan chủ trì bao nhiêu nhiệm vụ": each lead with its count, of 2023 only ("mỗi" folds to
    "mới", so both plans were compared as "what is new", and the tasks were counted as one number)."""
    answered, text, intent = ask(assistant, "KH 2023 mỗi cơ quan chủ trì bao nhiêu nhiệm vụ")
    assert answered and intent == "agencies_max" and _has(text, "Sở Khoa học và Công nghệ: 9")
    assert not _has(text, "năm 2022")


def test_an_agencys_tasks_without_a_partner(assistant: Assistant) -> None:
    """ "nv nào do sở KHCN chủ trì mà không có sở NN phối hợp": 6 of its 9 (all 9 were listed, the partner dropped)."""
    answered, text, _ = ask(assistant, "KH 2023 nv nào do sở KHCN chủ trì mà không có sở NN phối hợp")
    assert answered and _has(text, "6 nhiệm vụ") and _has(text, "5.4") and not _has(text, "3.3")
    assert _has(text, "không có Sở Nông nghiệp và Phát triển nông thôn phối hợp")


def test_each_tasks_share_of_its_own_total(assistant: Assistant) -> None:
    """ "3.3, 3.4 và 3.6 mỗi cái được phân bổ bao nhiêu phần trăm tổng kinh phí của chính nó": 25 %, 30 %, 16,67 %
    (one share of the three together, 21,43 %, was given)."""
    question = "nam 2023 nhiem vu 3.3, 3.4 va 3.6 moi cai duoc phan bo bao nhieu phan tram tong kinh phi cua chinh no"
    answered, text, _ = ask(assistant, question)
    assert answered and _has(text, "25%") and _has(text, "30%") and _has(text, "16,67%") and not _has(text, "21,43%")


def test_the_city_council_is_the_district_level_one(assistant: Assistant) -> None:
    """ "UBND thành phố được giao chủ trì những nhiệm vụ nào" (Phan Rang–Tháp Chàm): the districts' and city's council
    of the plans, 3.g and 5.c; it was read, by a typo's allowance, as "UBND tỉnh" ("thành" for "tỉnh")."""
    answered, text, _ = ask(
        assistant,
        "Tôi ở thị xã Phan Rang cũ (nay là TP Phan Rang - Tháp Chàm), năm 2022 UBND thành phố được giao chủ trì "
        "những nhiệm vụ SHTT nào?",
    )
    assert answered and _has(text, "3.g") and _has(text, "5.c")


def test_must_an_agency_cooperate_is_no_yes_no_about_a_task(assistant: Assistant) -> None:
    """ "năm 2022 UBND huyện có phải phối hợp làm nv SHTT nào ko": the tasks it cooperates on ("phải" is must; the
    1.a card, "Quy chế phối hợp", was given as if asked whether it is so)."""
    answered, text, intent = ask(assistant, "nam 2022 UBND huyen co phai phoi hop lam nv SHTT nao ko")
    assert answered and intent == "tasks_by_agency" and _has(text, "1.a") and _has(text, "1.c")


def test_two_questions_answered_by_one_milestones_targets_show_them_once(assistant: Assistant) -> None:
    """ "Chỉ tiêu 250 đơn vị … của TB là cho năm nào? đến 2030 là bn?": 2030's targets once (twice, ranked in two
    orders, the answer ran past one Telegram message: 4,264 characters)."""
    answer = assistant.ask(
        "Chỉ tiêu 250 đơn vị sx kd có cán bộ được tập huấn SHTT của TB là cho năm nào? đến 2030 là bn?"
    )
    text = plain_text(answer)
    assert text.count("Chỉ tiêu đến năm 2030") == 1 and "350" in text and len(text) < 4096


def test_a_columns_rows_against_its_printed_figure_say_the_gap(assistant: Assistant) -> None:
    """ "tổng cột NS sự nghiệp khoa học … lệch với con số 1.062,6 ở dòng Cộng bao nhiêu?": 1.017,6, 45 apart (both
    figures were given, not their gap)."""
    answered, text, _ = ask(
        assistant,
        "tong cot NS su nghiep khoa hoc cua cac dong trong bang du toan 2023 la bao nhieu, lech voi con so 1.062,6 o "
        "dong Cong bao nhieu?",
    )
    assert answered and _has(text, "1.017,6 triệu đồng") and _has(text, "lệch 45 triệu đồng")


def test_whether_a_plan_is_still_in_force(assistant: Assistant) -> None:
    """ "KH 160 còn hiệu lực không", "… có hiệu lực từ khi nào": the document's answer (no article on when it takes
    effect, the years it is for), not the tasks that "nâng cao hiệu lực" quản lý nhà nước; "còn hiệu lực" was no
    cue at all and "hiệu lực" words chose group 1's tasks."""
    for question, years in (
        ("Kế hoạch 160 của Thái Bình còn hiệu lực không?", "giai đoạn 2021–2025"),
        ("kế hoạch 2022 ninh thuận có hiệu lực từ khi nào", "năm 2022"),
    ):
        answered, text, intent = ask(assistant, question)
        assert not answered and intent == "document", question
        assert _has(text, "không ghi thời điểm có hiệu lực") and _has(text, years) and not _has(text, "1.a"), text
    answered, text, _ = ask(assistant, "nhóm nhiệm vụ nâng cao hiệu lực quản lý nhà nước gồm gì")
    assert answered and _has(text, "1.a")


def test_the_money_of_one_class_described_at_length(assistant: Assistant) -> None:
    """ "mỗi lớp tập huấn SHTT cho chủ thể OCOP ở huyện năm 2023 được bao nhiêu tiền": the plan gives 420 for the
    row of two classes in each district (how many districts it does not say), so no class's money is stated; the
    class named before the money at length was read as the row's money, answered as if it were the class's."""
    answered, text, _ = ask(assistant, "moi lop tap huan SHTT cho chu the OCOP o huyen nam 2023 duoc bao nhieu tien?")
    assert not answered and _has(text, "5.3") and _has(text, "Không chia bình quân được"), text


def test_who_leads_a_duty_no_task_says(assistant: Assistant) -> None:
    """ "KH 2023 giao cơ quan báo chí, truyền hình nào chủ trì đưa tin về SHTT?": the radio-television station and
    the newspaper (IV.4), whose duty says "phát (viết) tin, bài" ("đưa tin" is the user's word for it); a lead asked of
    a duty no task names found nothing, even in the duty's own words."""
    for question, where in (
        ("Kế hoạch SHTT 2023 giao cơ quan báo chí, truyền hình nào chủ trì đưa tin về SHTT?", "IV.4"),
        ("KH 2022 ai chủ trì viết tin bài về SHTT", "IV.2.i"),
    ):
        answered, text, _ = ask(assistant, question)
        assert answered and _has(text, "Báo Ninh Thuận") and _has(text, where), text


def test_a_column_named_then_pointed_at_in_one_message(assistant: Assistant) -> None:
    """ "cộng các dòng ở cột 'NS khác của tỉnh' được bao nhiêu, và dòng 'Cộng' của cột đó ghi bao nhiêu?" as a first
    message: "cột đó" is the column the message names (500 over the rows, 770 printed), not a referent missing."""
    answered, text, _ = ask(
        assistant,
        "Bảng dự toán 2023: cộng các dòng ở cột 'NS khác của tỉnh' được bao nhiêu, và dòng 'Cộng' của cột đó ghi "
        "bao nhiêu?",
    )
    assert answered and _has(text, "500 triệu đồng") and _has(text, "770 triệu đồng"), text


def test_tasks_longer_or_shorter_than_a_length(assistant: Assistant) -> None:
    """ "nhiệm vụ nào … có tổng thời gian thực hiện dài hơn 12 tháng": the three of 24 months (3.1, 3.3, 3.6), not
    3.4, the one of exactly 12, as a length was only ever matched equal."""
    answered, text, _ = ask(
        assistant, "Những nhiệm vụ nào trong bảng 2023 có tổng thời gian thực hiện dài hơn 12 tháng?"
    )
    assert answered and all(_has(text, n) for n in ("3.1", "3.3", "3.6")) and not _has(text, "3.4"), text
    answered, text, _ = ask(assistant, "nhiệm vụ nào năm 2023 kéo dài dưới 24 tháng")
    assert answered and _has(text, "3.4") and not _has(text, "3.3"), text


def test_whose_awareness_a_class_raises_and_its_sentence_once(assistant: Assistant) -> None:
    """ "lớp tập huấn chủ đề thương hiệu OCOP năm 2022 dành cho đối tượng nào, và nhằm nâng cao nhận thức của ai về
    vai trò của thương hiệu?": for whom (the class's sentence) and whose awareness (its aim: business owners too);
    "của ai" asks the task's own words as "… gì", "… nào" do. The task's sentence, quoted by two fields, once."""
    answered, text, _ = ask(
        assistant,
        "Lop tap huan chu de thuong hieu OCOP nam 2022 danh cho doi tuong nao, va nham nang cao nhan thuc cua ai ve "
        "vai tro cua thuong hieu?",
    )
    assert answered and _has(text, "quản lý nhà nước") and _has(text, "chủ doanh nghiệp"), text
    assert text.count("tổ chức 01 lớp tập huấn") == 1, text
