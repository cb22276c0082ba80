"""Every fixed Vietnamese sentence ipbot says, in one place for a native speaker to review."""

from __future__ import annotations

GREETING = "Xin chào! Tôi là ipbot, trợ lý tra cứu các Kế hoạch triển khai Chiến lược Sở hữu trí tuệ của tỉnh."
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
TOO_LONG = "Câu hỏi dài quá, tôi chỉ đọc {limit} ký tự đầu. Bạn có thể hỏi ngắn gọn hơn không?"
NOT_UNDERSTOOD = "Xin lỗi, tôi chưa tìm thấy nội dung này trong các kế hoạch SHTT hiện có."
NOT_UNDERSTOOD_HINT = "Tôi trả lời được: ai chủ trì/phối hợp, thời gian, kinh phí, mục tiêu của từng nhiệm vụ; "
NOT_UNDERSTOOD_HINT += "nhiệm vụ theo sở, theo quý, theo chủ đề; chỉ tiêu; chế độ báo cáo; thông tin văn bản."
DID_YOU_MEAN = "Ý bạn là:"
INTERNAL_ERROR = "Xin lỗi, đã có lỗi khi xử lý câu hỏi này. Bạn thử hỏi lại theo cách khác nhé."

PLANS_TITLE = "Các kế hoạch đang có:"
NO_PLAN_FOR = "Chưa có kế hoạch SHTT nào của {what} trong dữ liệu."
AVAILABLE_PLANS = "Hiện có: {plans}."
WHICH_PLAN = "Câu hỏi này có ở nhiều kế hoạch. Bạn muốn hỏi kế hoạch nào?"

SOURCE = "Nguồn: {plan}, {where}."
