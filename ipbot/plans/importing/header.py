"""The document's facts: number, date, province, title, signer, the decisions it implements, recipients.

A plan issued by a decision takes its number, date, signer and "Nơi nhận" from the decision (the
plan attached to it has none of its own) and says so in ``number_note``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ipbot.plans.importing.document import Document, is_plan_heading
from ipbot.plans.importing.draft import Facts
from ipbot.text import fold

__all__ = ["read_header"]

_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_NUMBER_RE = re.compile(r"Số\s*:\s*(\d+)\s*/\s*([A-ZĐ][A-ZĐ\-]*)")
_BLANK_NUMBER_RE = re.compile(r"Số\s*:\s*(?:\.{2,}|…+)?\s*/\s*([A-ZĐ][A-ZĐ\-]*)")
_DATE_LINE_RE = re.compile(r"^(.+?),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_ATTACHED_RE = re.compile(
    r"(?:Ban hành )?kèm theo (Quyết định|Kế hoạch) số\s+(\d+\s*/\s*[A-ZĐ][A-ZĐ\-]*)"
    r"(?:\s+ngày\s+(\d{1,2})\s*(?:/|tháng)\s*(\d{1,2})\s*(?:/|năm)\s*(\d{4}))?",
    re.IGNORECASE,
)
_CITED_RE = re.compile(
    r"(Quyết định|Kế hoạch|Nghị quyết|Chỉ thị|Chương trình)\s+số\s+([\w/.-]+?)\s*,?\s+ngày\s+"
    r"(\d{1,2})\s*(?:/|\s+tháng\s+)(\d{1,2})\s*(?:/|\s+năm\s+)(\d{4})"
    r"(?:\s+của\s+([^,;“\"(]+?))?(?=\s+(?:về|phê duyệt|ban hành|thực hiện|triển khai)\b|[,;“\"(]|$)"
)
_NAME_RE = re.compile(rf"^[{_UPPER}][\wÀ-ỹ]+(?:\s+[{_UPPER}][\wÀ-ỹ]+){{1,4}}$")


def _province_names(data_dir: Path | None) -> list[str]:
    import yaml

    if data_dir is None or not (data_dir / "places.yaml").exists():
        return []
    data = yaml.safe_load((data_dir / "places.yaml").read_text(encoding="utf-8")) or {}
    return [p["name"] for p in data.get("old_provinces", [])] + [p["name"] for p in data.get("new_provinces", [])]


def _date(day: str, month: str, year: str) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def _cells(lines: list[str]) -> list[str]:
    """Lines with table cells as lines of their own (a portal prints the heading as a two-cell table)."""
    out: list[str] = []
    for line in lines:
        cells = [re.sub(r"\s*-{3,}\s*", " ", c).strip() for c in line.split("\t")] if "\t" in line else [line]
        out.extend(c for c in cells if c)
    return out


def read_header(doc: Document, facts: Facts, data_dir: Path | None = None) -> dict:
    """The document's facts, each with the passage it comes from (in ``facts``)."""
    lines = _cells(doc.lines)
    plan = _cells(doc.plan)
    top = lines[:40]
    number = None
    number_note = None
    for line in top:
        m = _NUMBER_RE.search(line)
        if m:
            number = f"{m.group(1)}/{m.group(2)}"
            facts.add("number", number, m.group(0))
            break
        blank = _BLANK_NUMBER_RE.search(line)
        if blank:
            number_note = f"Văn bản để trống số hiệu: «{blank.group(0).strip()}»."
            facts.add("number", "(để trống)", blank.group(0))
            break
    attached = next((m for ln in plan[:12] for m in [_ATTACHED_RE.search(ln)] if m), None)
    if doc.plan_start and number and "/QĐ" in number:
        number_note = f"Kế hoạch không có số riêng: ban hành kèm theo Quyết định số {number}."
    if number is None and attached is not None:
        number = re.sub(r"\s+", "", attached.group(2))
        number_note = f"Kế hoạch ban hành kèm theo {attached.group(1)} số {number}."
        facts.add("number", number, attached.group(0))

    issued = issued_text = None
    place = None
    for line in top:
        m = _DATE_LINE_RE.search(line)
        if m:
            place = m.group(1).strip()
            issued = _date(m.group(2), m.group(3), m.group(4))
            issued_text = m.group(0).strip()
            facts.add("issued", issued, m.group(0))
            break
    if issued is None and attached is not None and attached.group(5):
        issued = _date(attached.group(3), attached.group(4), attached.group(5))
        issued_text = f"ngày {attached.group(3)}/{attached.group(4)}/{attached.group(5)}"
        facts.add("issued", issued, attached.group(0))

    title, title_at = _title(doc)
    if title_at is not None:
        facts.add("title", title, doc.lines[min(title_at + 1, len(doc.lines) - 1)])
    province = _province(top, title, place, data_dir)
    if province:
        facts.add("province", province, next((ln for ln in top if fold(province) in fold(ln)), title))

    signer = _signer(lines, facts)
    implements = _implements(doc, number, facts)
    recipients = _recipients(lines, facts)
    in_force, replaces = _decision_articles(doc, facts)
    proposal = _proposal(top_text(doc), facts)
    return {
        "number": number,
        "number_note": number_note,
        "issued": issued,
        "issued_text": issued_text,
        "title": title,
        "province": province,
        "signer": signer,
        "implements": implements,
        "recipients": recipients,
        "in_force": in_force,
        "replaces": replaces,
        "proposal": proposal,
    }


# "Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ tại Tờ trình số 845/TTr-SKHCN ngày 05 tháng 4 năm 2024"
_PROPOSAL_RE = re.compile(
    r"(?:(?:Theo|Xét) đề nghị của\s+(?P<by>[^.;]*?)\s+tại\s+)?(?P<ref>Tờ trình số\s*[\w/\-Đđ]+"
    r"(?:\s+ngày\s+(?:\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?)"
)


def top_text(doc: Document) -> str:
    """The document's opening, before its tasks, as one text (a proposal is cited there, wrapped or not)."""
    return " ".join(doc.lines[:120])


def _proposal(text: str, facts: Facts) -> str | None:
    """The proposal the plan (or its decision) was issued on: 'Tờ trình số 37/TTr-SKHCN ngày 01 tháng 3 năm 2024 của
    Giám đốc Sở Khoa học và Công nghệ'."""
    m = _PROPOSAL_RE.search(re.sub(r"\s+", " ", text))
    if m is None:
        return None
    said = m.group("ref") + (f" của {m.group('by')}" if m.group("by") else "")
    facts.add("proposal", said, m.group(0))
    return said


_IN_FORCE_RE = re.compile(r"[^.;]*\bcó hiệu lực\b[^.;]*")
_REPLACES_RE = re.compile(r"\b(?:thay thế|bãi bỏ)\b", re.IGNORECASE)


def _decision_articles(doc: Document, facts: Facts) -> tuple[str | None, list[dict]]:
    """What the issuing decision's articles say of the plan beyond issuing it: when it takes effect ("Quyết
    định này có hiệu lực thi hành kể từ ngày ký") and the plans it replaces ("… thay thế Kế hoạch số 93/KH-UBND
    ngày 14/02/2022 …"). Read in the decision only: a plan's own text that "thay thế" rules is a task."""
    in_force = None
    replaces: list[dict] = []
    for line in doc.wrapper:
        found = _IN_FORCE_RE.search(line) if in_force is None else None
        if found:
            in_force = re.sub(r"^\s*Điều\s+\d+\.\s*", "", found.group(0)).strip()
            facts.add("in_force", in_force, line)
        cut = _REPLACES_RE.search(line)
        for m in _CITED_RE.finditer(line[cut.end() :] if cut else ""):
            text = m.group(0).strip().rstrip(",;")
            replaces.append(
                {
                    "number": m.group(2).rstrip("."),
                    "date": _date(m.group(3), m.group(4), m.group(5)),
                    "issuer": (m.group(6) or "").strip() or None,
                    "text": text,
                }
            )
            facts.add("replaces", m.group(2), text)
    return in_force, replaces


def _title(doc: Document) -> tuple[str, int | None]:
    """'Kế hoạch …' from the plan's heading and the lines after it (up to the preamble or a section)."""
    lines = doc.lines
    start = next((i for i in range(doc.plan_start, len(lines)) if is_plan_heading(lines[i])), None)
    if start is None:
        return "Kế hoạch", None
    first = lines[start]
    parts = [first[len("KẾ HOẠCH") :].strip().lower()] if len(fold(first)) > len("ke hoach") else []
    for ln in lines[start + 1 : start + 6]:
        if re.match(r"^(I\.|1\.|\(Ban hành|\(Kèm theo|Ban hành kèm)", ln, re.IGNORECASE) or (
            parts and re.match(r"^(Thực hiện|Triển khai|Căn cứ|Xét)\b", ln)
        ):
            break
        if "\t" in ln or len(ln) > 220:
            break
        parts.append(ln.strip())
        if len(" ".join(parts)) > 80 and not ln.endswith(","):
            break
    text = re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()
    if text.isupper():  # "THỰC HIỆN CHIẾN LƯỢC … TỈNH YÊN BÁI NĂM 2023": the same words as the text writes them
        text = _as_written(text, lines) or text.lower()
    text = text[:1].upper() + text[1:] if text else text
    return ("Kế hoạch " + text[:1].lower() + text[1:] if text and not text.startswith("Kế hoạch") else text) or (
        "Kế hoạch"
    ), start


def _as_written(upper: str, lines: list[str]) -> str | None:
    """A title printed in capitals, in the case the document's own sentences give it ("… ban hành Kế hoạch thực
    hiện Chiến lược Sở hữu trí tuệ trên địa bàn tỉnh Yên Bái năm 2023, cụ thể như sau"): names keep their
    capitals, which lower-casing the heading would lose. None when no line repeats the words."""
    wanted = fold(upper).split()
    for line in lines:
        if line.isupper():
            continue
        words = line.split()
        folded = [fold(w.strip(",.;:")) for w in words]
        for i in range(len(words) - len(wanted) + 1):
            if folded[i : i + len(wanted)] == wanted:
                return " ".join(words[i : i + len(wanted)]).rstrip(",.;:")
    return None


def _province(top: list[str], title: str, place: str | None, data_dir: Path | None) -> str:
    names = _province_names(data_dir)

    def canonical(name: str) -> str:
        return next((n for n in names if fold(n) == fold(name)), name)

    for line in top[:8]:  # "ỦY BAN NHÂN DÂN / TỈNH PHÚ YÊN"
        m = re.match(r"^(?:ỦY BAN NHÂN DÂN\s+|UBND\s+)?TỈNH\s+([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ\s-]+)$", line.strip())
        if m:
            return canonical(m.group(1).strip().title())
    m = re.search(r"tỉnh\s+([A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)*)", title)
    if m:
        return canonical(m.group(1))
    if place and any(fold(n) == fold(place) for n in names):
        return canonical(place)
    return ""


_SIGN_CELL_RE = re.compile(
    rf"((?:(?:TM|KT)\.\s*[{_UPPER}\s]+?)*)(PHÓ )?CHỦ TỊCH\s+"
    rf"([{_UPPER}][a-zà-ỹđ]+(?:\s+[{_UPPER}][a-zà-ỹđ]+){{1,4}})\s*$"
)


def _signer(lines: list[str], facts: Facts) -> dict | None:
    """The last 'CHỦ TỊCH' block followed by a name (the decision's, when the plan has none)."""
    for line in reversed(lines):  # a portal prints the block in one cell: "TM. … KT. CHỦ TỊCH PHÓ CHỦ TỊCH Tên"
        m = _SIGN_CELL_RE.search(line)
        if m and len(line) < 160:
            parts = re.findall(
                r"((?:TM|KT)\.\s*[^.]+?)(?=\s+(?:TM|KT)\.|\s+(?:PHÓ )?CHỦ TỊCH\s+[^A-Z]|$)", m.group(1) + " "
            )
            capacity = "; ".join(_capacity(p) for p in parts if p.strip()) or None
            facts.add("signer", m.group(3), line)
            return {"name": m.group(3), "title": "Phó Chủ tịch" if m.group(2) else "Chủ tịch", "capacity": capacity}
    for i in range(len(lines) - 1, -1, -1):
        if not re.search(r"\bCHỦ TỊCH\b", lines[i]) or len(lines[i]) > 60:
            continue
        name = next((ln for ln in lines[i + 1 : i + 7] if _NAME_RE.match(ln) and not ln.isupper()), None)
        if name is None:
            name = next(
                (ln.title() for ln in lines[i + 1 : i + 7] if _NAME_RE.match(ln.title()) and ln.isupper()), None
            )
            if name is None or re.search(r"CHỦ TỊCH|ỦY BAN|NHÂN DÂN", name.upper()):
                continue
        title_word = "Phó Chủ tịch" if "PHÓ" in lines[i] else "Chủ tịch"
        block = [ln for ln in lines[max(0, i - 2) : i + 1] if re.match(r"^(KT|TM|TL|Q)\.", ln.strip())]
        capacity = "; ".join(_capacity(ln) for ln in block) or None
        facts.add("signer", name, name)
        return {"name": name, "title": title_word, "capacity": capacity}
    return None


def _capacity(line: str) -> str:
    """'KT. CHỦ TỊCH' → 'KT. Chủ tịch'; 'TM. ỦY BAN NHÂN DÂN' → 'TM. Ủy ban nhân dân'."""
    head, _, rest = line.strip().partition(".")
    rest = rest.strip().split(" - ")[0].split("\t")[0]
    return f"{head}. {rest[:1].upper()}{rest[1:].lower()}"


def _implements(doc: Document, own_number: str | None, facts: Facts) -> list[dict]:
    """Decisions and plans the preamble (or the decision's 'Căn cứ') says this plan implements."""
    lines = doc.lines
    end = next(
        (i for i in range(doc.plan_start, len(lines)) if re.match(r"^I\.\s", lines[i])),
        min(len(lines), doc.plan_start + 12),
    )
    preamble = [
        ln
        for ln in lines[:end]
        if re.match(r"^(Căn cứ|Thực hiện|Triển khai|Nhằm|Để)\b", ln)
        or (doc.plan_start and ln in lines[doc.plan_start : end])
    ]
    out: list[dict] = []
    seen: set[str] = set()
    for line in preamble:
        if re.match(r"^Căn cứ\s+(Luật|Nghị định|Thông tư|Bộ luật|Hiến pháp)", line):
            continue
        for m in _CITED_RE.finditer(line):
            number = m.group(2).rstrip(".")
            if number in seen or number == own_number or "TTr" in number:
                continue
            if re.search(r"/QH\d*$", number):
                continue  # a resolution of the National Assembly (the merger of provinces): a law's rank, no plan
            # of its own to implement, like the laws the decision cites
            if re.search(r"kèm theo\s*$", line[: m.start()], re.IGNORECASE):
                continue  # "(Ban hành kèm theo Quyết định số …)": the decision that issues this plan
            seen.add(number)
            text = m.group(0).strip().rstrip(",;")
            out.append(
                {
                    "number": number,
                    "date": _date(m.group(3), m.group(4), m.group(5)),
                    "issuer": (m.group(6) or "").strip() or None,
                    "text": text,
                }
            )
            facts.add("implements", number, text)
    return out


def _recipients(lines: list[str], facts: Facts) -> list[str]:
    """'Nơi nhận:' and the lines under it (the first such block: the decision's, when one wraps the plan)."""
    start = next((i for i, ln in enumerate(lines) if re.match(r"^Nơi nhận\s*:?", ln)), None)
    if start is None:
        return []
    out: list[str] = []
    first = re.sub(r"^Nơi nhận\s*:?\s*", "", lines[start]).strip()
    if first:  # a portal's cell holds them all: "- A; - B; - C."
        out.extend(p.strip() for p in re.split(r"(?:^|;)\s*[-–•]\s*", first) if p.strip())
    for line in lines[start + 1 : start + 30]:
        if not re.match(r"^[-–•+]\s*", line):
            if out:
                break
            continue
        out.append(re.sub(r"^[-–•+]\s*", "", line).strip())
    out = [re.sub(r"[;.]+$", "", r).strip() for r in out]
    for line in out:
        facts.add("recipients", line, line)
    return out
