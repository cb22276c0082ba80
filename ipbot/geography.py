"""Names of Vietnam's provinces and centrally-run cities.

Reference knowledge, not plan data: it lets the core tell "a province we have no plan
for" (Đà Nẵng, Bình Thuận) from "no province named", so it says plainly that no plan
of that province is loaded instead of answering from another province's plan.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ipbot.text import fold

__all__ = ["PROVINCES", "provinces_in"]

PROVINCES = (
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bạc Liêu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Dương",
    "Bình Định",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Cần Thơ",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lạng Sơn",
    "Lào Cai",
    "Lâm Đồng",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Huế",
    "Tiền Giang",
    "Thành phố Hồ Chí Minh",
    "TP HCM",
    "Sài Gòn",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"(?<!\w){re.escape(fold(name))}(?!\w)"), name) for name in PROVINCES]


def provinces_in(text: str) -> list[str]:
    """Province names mentioned in the text (folded match), in canonical spelling."""
    folded = fold(text)
    return [name for rx, name in _patterns() if rx.search(folded)]
