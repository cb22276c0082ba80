"""Names of Vietnam's provinces and centrally-run cities.

Reference knowledge, not plan data: it lets the core tell "a province we have no plan
for" (Đà Nẵng, Bình Thuận) from "no province named", so it says plainly that no plan
of that province is loaded instead of answering from another province's plan.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ipbot.text import fold, has_diacritics, nfc, shape, strip_marks

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
def _patterns() -> list[tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], str]]:
    out = []
    for name in PROVINCES:
        folded = re.escape(fold(name))
        accented = re.escape(shape(name))
        titled = r"\s+".join(re.escape(w) for w in strip_marks(name).split())
        out.append(
            (
                re.compile(rf"(?<!\w){accented}(?!\w)"),
                re.compile(rf"(?<!\w)(?:tinh|tp|thanh pho)\s+{folded}(?!\w)"),
                re.compile(rf"(?<!\w){titled}(?!\w)"),
                name,
            )
        )
    return out


def provinces_in(text: str) -> list[str]:
    """Province names mentioned in the text, in canonical spelling.

    Folding would find "Nam Định" in "năm định hướng" and "Hòa Bình" in "hòa bình": the name
    must be capitalised or follow "tỉnh"/"TP", and typed with accents, the accents must match.
    """
    folded, raw = fold(text), strip_marks(nfc(text))
    found = []
    for accented, after_word, titled, name in _patterns():
        if has_diacritics(text) and not accented.search(shape(text)):
            continue  # "năm định" is not "Nam Định"
        if after_word.search(folded) or titled.search(raw):
            found.append(name)
    return found
