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
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """One alternation each: names capitalised as typed, and names after "tỉnh"/"TP" (folded)."""
    by_form: dict[str, str] = {}
    for name in sorted(PROVINCES, key=len, reverse=True):
        by_form.setdefault(fold(name), name)
    folded = "|".join(re.escape(f) for f in by_form)
    titled = "|".join(r"\s+".join(re.escape(w) for w in strip_marks(n).split()) for n in by_form.values())
    return (
        re.compile(rf"(?<!\w)(?:{titled})(?!\w)"),
        re.compile(rf"(?<!\w)(?:tinh|tp|thanh pho)\s+({folded})(?!\w)"),
        by_form,
    )


def provinces_in(text: str) -> list[str]:
    """Province names mentioned in the text, in canonical spelling.

    Folding would find "Nam Định" in "năm định hướng" and "Hòa Bình" in "hòa bình": the name
    must be capitalised or follow "tỉnh"/"TP", and typed with accents, the accents must match.
    """
    titled, after_word, by_form = _patterns()
    found = {fold(m.group(0)) for m in titled.finditer(strip_marks(nfc(text)))}
    found |= {m.group(1) for m in after_word.finditer(fold(text))}
    names = [by_form[f] for f in found if f in by_form]
    if has_diacritics(text):
        shaped = shape(text)
        names = [n for n in names if re.search(rf"(?<!\w){re.escape(shape(n))}(?!\w)", shaped)]
    return sorted(names)
