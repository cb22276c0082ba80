"""Every fixed Vietnamese sentence ipbot says, in one place for a native speaker to review."""

from __future__ import annotations

GREETING = "Xin chào! Tôi là ipbot, trợ lý tra cứu các Kế hoạch triển khai Chiến lược Sở hữu trí tuệ của tỉnh."
GOODBYE = "Tạm biệt! Khi cần tra cứu kế hoạch SHTT, bạn cứ quay lại hỏi nhé."
COMPLAINT = "Xin lỗi vì câu trả lời chưa đúng ý bạn."
COMPLAINT_HOW = "Bạn thử hỏi lại, nêu rõ tên hoặc số nhiệm vụ, tỉnh, năm; hoặc hỏi thẳng cơ quan dưới đây."
THANKS = "Rất vui được giúp bạn! Cần tra cứu gì thêm về các kế hoạch SHTT, bạn cứ hỏi nhé."
HELP_INTRO = "Tôi trả lời các câu hỏi về kế hoạch SHTT của tỉnh, dựa đúng vào văn bản kế hoạch:"
HELP_TOPICS = [
    "ai chủ trì, ai phối hợp một nhiệm vụ;",
    "thời gian (quý, năm), kinh phí và nguồn kinh phí;",
    "nhiệm vụ của từng sở, ngành; nhiệm vụ theo quý hoặc theo chủ đề (OCOP, chỉ dẫn địa lý, tập huấn…);",
    "chỉ tiêu, chế độ báo cáo, số hiệu, ngày ban hành, người ký.",
]
HELP_EXAMPLES = [
    "Ai chủ trì nhiệm vụ chỉ dẫn địa lý thịt cừu?",
    "Tổng kinh phí năm 2023 bao nhiêu, từ nguồn nào?",
    "Quý II năm 2023 có những việc gì?",
    "Thái Bình đặt chỉ tiêu gì đến năm 2025?",
]
EXAMPLES_TITLE = "Ví dụ:"

EMPTY = "Bạn chưa nhập câu hỏi. Hãy gõ một câu hỏi về kế hoạch SHTT, ví dụ: «Ai chủ trì nhiệm vụ 3.3?»"
UNREADABLE = "Tôi chỉ đọc được câu hỏi tiếng Việt (có dấu hoặc không dấu), ví dụ: «Ai chủ trì nhiệm vụ 3.3?»"
TOO_LONG = "Câu hỏi dài quá, tôi chỉ đọc {limit} ký tự đầu. Bạn có thể hỏi ngắn gọn hơn không?"
NOT_UNDERSTOOD = "Xin lỗi, tôi chưa tìm thấy nội dung này trong các kế hoạch SHTT hiện có."
NOT_UNDERSTOOD_HINT = "Tôi trả lời được: ai chủ trì/phối hợp, thời gian, kinh phí, mục tiêu của từng nhiệm vụ; "
NOT_UNDERSTOOD_HINT += "nhiệm vụ theo sở, theo quý, theo chủ đề; chỉ tiêu; chế độ báo cáo; thông tin văn bản."
DID_YOU_MEAN = "Ý bạn là:"
INTERNAL_ERROR = "Xin lỗi, đã có lỗi khi xử lý câu hỏi này. Bạn thử hỏi lại theo cách khác nhé."

PLANS_TITLE = "Các kế hoạch đang có:"
NO_PLAN_FOR = "Chưa có kế hoạch SHTT nào của {what} trong dữ liệu."
AVAILABLE_PLANS = "Hiện có: {plans}."
MERGED = "Từ ngày 01/7/2025, tỉnh {former} đã nhập vào {new}; các kế hoạch trong dữ liệu là của tỉnh {former} (cũ)."
FORMER_PLANS = "Có: kế hoạch SHTT của {plans}."
OUT_OF_SCOPE = (
    "Câu hỏi này nằm ngoài phạm vi các kế hoạch SHTT (kế hoạch chỉ nêu nhiệm vụ, cơ quan thực hiện, thời gian, "
    "kinh phí và chỉ tiêu), nên tôi không trả lời được."
)
WHICH_PLAN = "Câu hỏi này có ở nhiều kế hoạch. Bạn muốn hỏi kế hoạch nào?"
WHICH_AGENCY = (
    "Bạn đang hỏi về cơ quan nào? Hãy nêu tên cơ quan, ví dụ «Sở Nông nghiệp và PTNT được giao việc gì năm 2023»."
)
WHICH_GROUP = (
    "Bạn đang hỏi về nhóm nhiệm vụ nào? Hãy nêu số nhóm và kế hoạch, ví dụ «nhóm 3 kế hoạch 2022 có mấy nhiệm vụ»."
)
WHICH_TASK = (
    "Bạn đang hỏi về nhiệm vụ nào? Hãy nêu tên hoặc số nhiệm vụ, ví dụ «kinh phí nhiệm vụ 3.3 năm 2023», "
    "hoặc xem danh sách nhiệm vụ bên dưới."
)

SOURCE = "Nguồn: {plan}, {where}."
INSTEAD_OF = "{asked} không có nội dung này; {found} có:"

# --- Telegram ---------------------------------------------------------------
COMMANDS = {
    "start": "Bắt đầu và giới thiệu",
    "help": "Hướng dẫn sử dụng",
    "kehoach": "Danh sách kế hoạch, chọn kế hoạch mặc định",
    "nhiemvu": "Xem nhiệm vụ theo nhóm",
    "coquan": "Nhiệm vụ theo cơ quan",
    "kinhphi": "Tóm tắt kinh phí",
    "quy": "Nhiệm vụ theo quý",
    "timkiem": "Tìm theo từ khóa, ví dụ: /timkiem OCOP",
    "gopy": "Gửi góp ý cho quản trị viên",
    "bieudo": "Biểu đồ kinh phí",
    "xuat": "Xuất danh sách nhiệm vụ ra Excel, CSV",
    "nhacnho": "Nhắc các mốc thời gian của kế hoạch",
    "huynhac": "Hủy nhắc",
}
WELCOME = "Xin chào {name}! Tôi là ipbot — trợ lý tra cứu các Kế hoạch triển khai Chiến lược Sở hữu trí tuệ."
WELCOME_HOW = "Bạn cứ gõ câu hỏi bằng tiếng Việt (có dấu hay không dấu đều được), hoặc bấm một câu hỏi mẫu:"
HELP_COMMANDS_TITLE = "Các lệnh:"
DESCRIPTION = (
    "ipbot trả lời bằng tiếng Việt các câu hỏi về Kế hoạch triển khai Chiến lược Sở hữu trí tuệ của các tỉnh: "
    "ai chủ trì, ai phối hợp, quý nào, kinh phí bao nhiêu, doanh nghiệp được hỗ trợ gì và hỏi ai. "
    "Gõ câu hỏi, có dấu hay không dấu đều được."
)
SHORT_DESCRIPTION = "Tra cứu kế hoạch SHTT của tỉnh: nhiệm vụ, cơ quan, thời gian, kinh phí."
UNKNOWN_COMMAND = "Tôi không có lệnh /{command}. Gõ /help để xem các lệnh, hoặc cứ gõ câu hỏi; góp ý thì gõ /gopy."
CHOOSE_PLAN = "Chọn kế hoạch mặc định cho cuộc trò chuyện này (câu hỏi không nêu tỉnh, năm sẽ tra trong kế hoạch này):"
PLAN_CHOSEN = "Đã chọn: {plan}. Các câu hỏi không nêu tỉnh, năm sẽ tra trong kế hoạch này."
PLAN_CLEARED = "Đã bỏ chọn kế hoạch mặc định: tôi sẽ tra trong tất cả các kế hoạch."
ALL_PLANS = "Tất cả kế hoạch"
PICK_PLAN_FIRST = "Bạn muốn xem kế hoạch nào?"
PICK_GROUP = "{plan}: chọn nhóm nhiệm vụ"
PICK_TASK = "{plan}, nhóm {group}: chọn nhiệm vụ"
PICK_AGENCY = "{plan}: chọn cơ quan"
PICK_QUARTER = "{plan}: chọn quý"
ALL_QUARTERS = "So sánh 4 quý"
NO_QUARTERS = "{plan} không chia nhiệm vụ theo quý."
NO_QUARTERS_MENU = "{plan} không chia nhiệm vụ theo quý; bạn có thể xem nhiệm vụ theo nhóm."
BY_GROUP = "Xem theo nhóm"
CHART_BUTTON = "📊 Biểu đồ kinh phí"
CSV_BUTTON = "Tải bản CSV"
PREVIOUS = "« Trước"
BACK_TO_GROUPS = "« Các nhóm"
NEXT = "Sau »"
SEARCH_USAGE = "Hãy gõ từ khóa sau lệnh, ví dụ: /timkiem chỉ dẫn địa lý"
FEEDBACK_USAGE = "Hãy gõ ý kiến sau lệnh, ví dụ: /gopy Bot nên có thêm kế hoạch năm 2024."
FEEDBACK_THANKS = "Cảm ơn bạn đã góp ý! Quản trị viên sẽ xem xét."
FEEDBACK_TOO_LONG = (
    "Góp ý của bạn dài {length} ký tự, vượt quá giới hạn {limit} ký tự nên tôi chưa lưu được. "
    "Bạn vui lòng rút gọn rồi gửi lại nhé."
)
FEEDBACK_TOO_MANY = (
    "Cảm ơn bạn đã góp ý nhiều! Mỗi người gửi được tối đa {limit} góp ý trong một giờ; "
    "bạn vui lòng gửi tiếp sau khoảng {minutes} phút nữa nhé."
)
RATE_UP = "👍"
RATE_DOWN = "👎"
RATED_UP = "Cảm ơn bạn!"
RATED_DOWN = "Cảm ơn bạn! Muốn nói rõ chỗ chưa đúng, hãy gõ /gopy và ý kiến của bạn."
ADMIN_ONLY = "Xin lỗi, lệnh này chỉ dành cho quản trị viên."
RELOADED = "Đã nạp lại dữ liệu: {plans} kế hoạch, {tasks} nhiệm vụ."
RELOAD_FAILED = "Không nạp được dữ liệu mới ({errors} lỗi); bot vẫn dùng dữ liệu cũ. Lỗi đầu tiên: {first}"
STATS_UNREADABLE = "Hiện chưa đọc được số liệu thống kê (tệp trạng thái đang bận hoặc bị lỗi); chi tiết trong nhật ký."
DATA_PROBLEM = (
    "Dữ liệu kế hoạch trong thư mục data/ có {errors} lỗi nên chưa dùng được; bot vẫn trả lời theo dữ liệu "
    "đã dựng lần trước. Lỗi đầu tiên: {first}"
)
STATS_TITLE = "Thống kê câu hỏi (7 ngày gần nhất):"
STATS_DAY = "{day}: {n} câu hỏi, trả lời được {pct}%, {users} người hỏi"
STATS_NONE = "Chưa có câu hỏi nào."
STATS_UNANSWERED = "Câu hỏi chưa trả lời được nhiều nhất:"
STATS_FEEDBACK = "Góp ý mới nhất:"
STATS_RATINGS = "Đánh giá câu trả lời: 👍 {up} · 👎 {down}"
STATS_RATED_DOWN = "Câu trả lời bị chấm 👎 (dòng đầu):"
SLOW_DOWN = "Bạn hỏi hơi nhanh, xin chờ khoảng một phút rồi hỏi tiếp nhé."
SLOW_DOWN_FILES = (
    "Biểu đồ và tệp Excel cần nhiều thời gian để tạo, nên mỗi người chỉ yêu cầu được vài lần mỗi phút. "
    "Bạn vui lòng chờ khoảng {seconds} giây rồi thử lại nhé."
)
SLOW_DOWN_TOAST = "Bạn bấm hơi nhanh, xin chờ khoảng {seconds} giây rồi bấm lại nhé."
SLOW_DOWN_TITLE = "Bạn hỏi hơi nhanh"
SLOW_DOWN_INLINE = "Xin chờ khoảng {seconds} giây rồi gõ tiếp nhé."
BUTTON_EXPIRED = "Nút này không còn dùng được; bạn hãy gõ lại câu hỏi nhé."
ERROR_REPLY = "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Bạn thử lại sau ít phút nhé."
RESTART_NOT_ANSWERED = (
    "Xin lỗi, bot vừa khởi động lại nên chưa trả lời được «{question}». Bạn gửi lại câu hỏi giúp nhé."
)
RESTART_MAYBE_ANSWERED = (
    "Bot vừa khởi động lại đúng lúc đang trả lời «{question}». "
    "Nếu bạn chưa nhận được câu trả lời đầy đủ, hãy gửi lại câu hỏi nhé."
)
RESTART_BUTTON = "Xin lỗi, bot vừa khởi động lại nên chưa xử lý được nút bạn vừa bấm. Bạn bấm lại giúp nhé."
RESTART_MAYBE_BUTTON = (
    "Bot vừa khởi động lại đúng lúc đang xử lý nút bạn bấm. Nếu chưa thấy kết quả, bạn bấm lại giúp nhé."
)
ANSWER_MAYBE_MISSING = (
    "Kết nối tới Telegram vừa chập chờn nên có thể bạn chưa nhận đủ câu trả lời. "
    "Nếu thiếu, bạn gửi lại câu hỏi giúp nhé."
)
FACET_LABELS = {
    "lead": "Cơ quan",
    "budget": "Kinh phí",
    "objective": "Mục tiêu",
    "time": "Thời gian",
    "source": "Nguồn",
    "card": "Tóm tắt",
}
INLINE_HELP_TITLE = "Gõ câu hỏi về kế hoạch SHTT"
INLINE_HELP_TEXT = "Ví dụ: @{bot} ai chủ trì nhiệm vụ thịt cừu"
INLINE_HELP_MESSAGE = (
    "ipbot tra cứu các Kế hoạch triển khai Chiến lược Sở hữu trí tuệ của tỉnh: ai chủ trì, ai phối hợp, "
    "thời gian, kinh phí của từng nhiệm vụ. Trong bất kỳ cuộc trò chuyện nào, gõ @{bot} rồi câu hỏi, "
    "ví dụ: @{bot} ai chủ trì nhiệm vụ thịt cừu."
)
INLINE_EXAMPLE = "Ví dụ: {question}"
# --- Telegram: the first message of an answer, and the buttons for the rest ---
DETAILS = "Chi tiết"
COLLAPSE = "Thu gọn"
SOURCES_BUTTON = "Nguồn"
BUDGET_BUTTON = "Kinh phí"
PREVIOUS_YEAR = "So sánh năm trước"
MILLION = "triệu đồng"
MILLION_SHORT = "triệu"
BRIEF_CHANGE = "{trend} {amount} triệu so với {earlier}"
DOWN = "giảm"
UP = "tăng"
BRIEF_TOTAL = "Tổng kinh phí {period}: {amount} triệu đồng"
BRIEF_NO_TOTAL = "Kế hoạch không nêu số tiền cụ thể"
BRIEF_FUNDING = "Nguồn kinh phí: {text}"
BRIEF_TASK_TOTAL = "Cả thời gian thực hiện, các nhiệm vụ cần {amount} triệu."
COMPLAINT_FEEDBACK = "Báo chỗ sai cho quản trị viên: gõ /gopy và nói rõ chỗ chưa đúng."
PICK_EXPORT = "Bạn muốn xuất danh sách nhiệm vụ của kế hoạch nào?"
SUBSCRIBED = "Đã bật nhắc việc: tôi sẽ nhắc trước một ngày và đúng ngày các mốc kế hoạch đặt ra. Các mốc sắp tới:"
NOTHING_TO_REMIND = (
    "{plans}: không còn mốc thời gian nào sắp tới, nên tôi chưa bật nhắc việc. "
    "Chọn kế hoạch khác bằng /kehoach rồi gõ lại /nhacnho."
)
UNSUBSCRIBED = "Đã tắt nhắc việc cho cuộc trò chuyện này."
REMINDERS_RUN = "Đã chạy nhắc việc cho ngày {day}: {subscribed} cuộc trò chuyện đang đăng ký."
REMINDERS_SENT = "{due} cuộc trò chuyện có mốc cần nhắc; đã gửi {sent} tin nhắc tới {reached} cuộc trò chuyện."
REMINDERS_NONE_DUE = "Hôm nay và ngày mai không có mốc nào cần nhắc."
REMINDERS_DROPPED = (
    "Đã bỏ {dropped} đăng ký vì không gửi được nữa (người dùng đã chặn bot hoặc cuộc trò chuyện không còn)."
)
REMINDERS_FAILED = "{failed} cuộc trò chuyện chưa nhận đủ tin nhắc do lỗi khác; chi tiết trong nhật ký."
REMINDERS_UNREADABLE = (
    "Chưa chạy được nhắc việc cho ngày {day}: chưa đọc được danh sách đăng ký (tệp trạng thái đang bận hoặc bị lỗi); "
    "chưa gửi tin nhắc nào, chi tiết trong nhật ký."
)
AS_PRINTED = "văn bản không thống nhất; số liệu giữ nguyên như văn bản"
ROWS_DISAGREE = (
    "Lưu ý: các dòng trên cộng lại được {rows}, khác con số {stated} kế hoạch ghi, lệch {gap} "
    "(văn bản không thống nhất; số liệu giữ nguyên như văn bản)."
)
MANY_PLANS = "Câu hỏi này có câu trả lời trong {plans} kế hoạch của {provinces} tỉnh:"
MANY_PLANS_MORE = "… và {count} tỉnh khác"
MANY_PLANS_NARROW = "Hãy nêu tên tỉnh (và năm) để xem câu trả lời đầy đủ, hoặc chọn một kế hoạch bên dưới."
EARLIER_PLANS = (
    "Các kế hoạch của giai đoạn trước cũng có nội dung này: {plans} kế hoạch của {provinces} tỉnh; "
    "hãy nêu tên tỉnh và năm để xem."
)
PLANS_OVERVIEW = "{plans} kế hoạch của {provinces} tỉnh: {listing}."
HELP_PLANS = "Các kế hoạch: {plans}."
PLANS_NARROW = "Hãy nêu tên tỉnh (và năm) trong câu hỏi để hỏi về một kế hoạch."
PROVINCE_PLANS = "{province} có: {plans}."
AVAILABLE_MANY = "Hiện có {overview}"
PLANS_NARROW_BUTTONS = "Hãy nêu tên tỉnh (và năm) trong câu hỏi, hoặc chọn một kế hoạch bên dưới."
