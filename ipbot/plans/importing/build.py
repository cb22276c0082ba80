"""Draft a curated plan file from a plan document, for a human to review.

The importer reads the genre, not particular files: the heading, the preamble's decisions (or a
decision that issues the plan), roman sections (mục tiêu, nhiệm vụ, kinh phí, tổ chức thực hiện, chế
độ báo cáo), numbered groups with their items in any of the genre's numbering styles, labelled task
blocks or roles in prose, task tables and budget tables, targets by year, duties per agency and the
reporting arrangement. Whatever it could not fill, or is unsure of, goes into ``draft_notes`` (each
note starts with the field or task it is about), which ``ipbot check-data`` reports as warnings.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from ipbot.plans.importing import budget as budget_
from ipbot.plans.importing import goals, organisation
from ipbot.plans.importing import tasks as tasks_
from ipbot.plans.importing.agencies import AgencyMatcher, districts_of
from ipbot.plans.importing.document import Document, load
from ipbot.plans.importing.draft import Draft, Facts
from ipbot.plans.importing.header import read_header
from ipbot.plans.importing.table import Table, amount, printed, read_tables
from ipbot.plans.models import AgencyDef
from ipbot.text import expand, fold

__all__ = ["draft_plan", "finish", "to_yaml"]

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_SECTION_RE = re.compile(rf"^({'|'.join(_ROMAN)})\.\s*(.+?)\s*:?\s*$")
# a lettered part of a plan: "B. NHIỆM VỤ CỤ THỂ" (capitals; "A. Mục đích" in a sentence's case is no part)
_PART_RE = re.compile(r"^([A-DĐ])\.\s*(.+?)\s*:?\s*$")
_DEFAULT_DATA = Path(__file__).resolve().parents[3] / "data"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def sections_of(lines: list[str]) -> dict[str, list[str]]:
    """Sections by heading ('II. NỘI DUNG KẾ HOẠCH NĂM 2023') → their lines (tables left out).

    A plan divided into lettered parts ("A. MỤC ĐÍCH, YÊU CẦU VÀ MỤC TIÊU", "B. NHIỆM VỤ CỤ THỂ", "C. KINH
    PHÍ", "D. TỔ CHỨC THỰC HIỆN") has its roman headings one level down: there the parts are the sections
    and the roman headings inside them stay lines (in the tasks part they are the groups)."""
    parts = [m for m in map(_PART_RE.match, lines) if m and m.group(2).upper() == m.group(2) and len(m.group(2)) > 3]
    heading_re = _PART_RE if len(parts) >= 3 else _SECTION_RE
    sections: dict[str, list[str]] = {}
    current = None
    for line in lines:
        m = heading_re.match(line)
        if m and m.group(2).upper() == m.group(2) and len(m.group(2)) > 3:
            current = f"{m.group(1)}. {m.group(2)}"
            sections[current] = []
            continue
        if "\t" in line:
            continue
        if current:
            sections[current].append(line)
    return sections


def _years(title: str, issued: str | None, notes: list[str]) -> tuple[int, int, int | None]:
    horizon_m = re.search(r"(?:đến|định hướng đến)\s+năm\s+(20\d\d)", title)
    horizon = int(horizon_m.group(1)) if horizon_m else None
    rng = re.search(r"(20\d\d)\s*[-–]\s*(20\d\d)", title)
    if rng:
        return int(rng.group(1)), int(rng.group(2)), horizon
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", title)]
    annual = re.search(r"(?:thực hiện|năm)\s+(20\d\d)", title.replace(f"đến năm {horizon}", ""))
    year = int(annual.group(1)) if annual else (years[-1] if years else 0)
    if not year:
        notes.append("năm/thời kỳ của kế hoạch: không xác định được")
        year = int(issued[:4]) if issued else 2000
    return year, year, horizon


def _abbreviations(lines: list[str]) -> dict[str, str]:
    """'Ghi chú: NSTW: ngân sách Trung ương (…); SNKH: …' under a table (or 'SNKH - sự nghiệp …; LG - lồng ghép …'):
    abbreviation → what it stands for."""
    out: dict[str, str] = {}
    for line in lines:
        if not re.match(r"^(Ghi chú|Chú thích|Viết tắt)", line):
            continue
        body = line.split(":", 1)[1] if ":" in line else line
        for m in re.finditer(r"(?:^|;)\s*([A-ZĐ][A-ZĐ&]{1,7})\s+[-–]\s+([^;]+)", body):
            out[m.group(1)] = m.group(2).strip().rstrip(".")
        for m in re.finditer(r"([A-ZĐ][A-ZĐ&]{1,7})\s*:\s*([^;]+)", body):
            out[m.group(1)] = m.group(2).strip().rstrip(".")
        out.update(_legend_entries(body))
    return out


def _legend_entries(body: str) -> dict[str, str]:
    """A legend's entries that are not one capitalised word: 'SN KH&CN: …; Chi TX sở, ngành: …; NS huyện: …'.

    A table's column headings are often short phrases of several words (with a comma, in lower case); the
    legend gives each as '<heading>: <meaning>', the entries split by ';'. A heading is short (at most six
    words) and the meaning names a budget, so a sentence with a colon in it is not taken for an entry.
    """
    out: dict[str, str] = {}
    for piece in body.split(";"):
        if ":" not in piece:
            continue
        short, meaning = (part.strip() for part in piece.split(":", 1))
        meaning = meaning.rstrip(".").strip()
        if short and meaning and len(short.split()) <= 6 and budget_.source_kind(meaning) is not None:
            out.setdefault(short, meaning)
    return out


def _source_for(label: str, sources: list[dict], abbreviations: dict[str, str]) -> dict | None:
    """The plan source a table or task names ('SNKH', 'NS tỉnh (SN KH&CN)', 'ngân sách cấp huyện'): the one
    source of the same kind (central, science, district, recurring, social), else the closest in words."""
    text = abbreviations.get(label.strip(), label)
    kind = budget_.source_kind(text)
    same = [s for s in sources if kind and budget_.source_kind(f"{s['label']} {s.get('long_label', '')}") == kind]
    if len(same) == 1:
        return same[0]
    # "ngân sách tỉnh 200 triệu đồng": the source whose label is those words and a bracket ("Ngân sách tỉnh (sự
    # nghiệp khoa học và công nghệ và chi thường xuyên …)")
    headed = [s for s in sources if fold(re.sub(r"\s*\(.*$", "", s["label"])).strip() == fold(text).strip()]
    if len(headed) == 1:
        return headed[0]
    listed = _listed_in_source(text, sources)
    if listed is not None:
        return listed
    words = set(expand(fold(text)).split()) - {"nguon", "kinh", "phi", "cua", "cac", "va", "tu"}
    best, score = None, 0.0
    for source in sources:
        theirs = set(expand(fold(f"{source['label']} {source.get('long_label', '')}")).split())
        if not words or not theirs:
            continue
        overlap = len(words & theirs) / len(words | theirs)
        if overlap > score:
            best, score = source, overlap
    return best if score >= 0.3 else None


def _listed_in_source(text: str, sources: list[dict]) -> dict | None:
    """The one plan source whose label lists, in brackets, what a task names as its money: "Ngân sách cấp huyện và các
    nguồn huy động hợp pháp khác (lồng ghép …, kinh phí xúc tiến thương mại, Quỹ hỗ trợ phát triển hợp tác xã, xã hội
    hóa)" holds "kinh phí xúc tiến thương mại của tỉnh" and "Quỹ hỗ trợ phát triển hợp tác xã tỉnh"."""
    said = fold(text)
    holding = []
    for source in sources:
        for inside in _BRACKET_RE.findall(f"{source['label']} {source.get('long_label', '')}"):
            items = [fold(i).strip() for i in re.split(r"[,;]", inside)]
            if any(len(i.split()) >= 2 and re.search(rf"\b{re.escape(i)}\b", said) for i in items):
                holding.append(source)
                break
    return holding[0] if len(holding) == 1 else None


_SPLIT_RE = re.compile(
    r"([^:;,\d]*?[^\W\d][^:;\d]*?)\s*(?:\)\s*)?:?\s*(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:\s*triệu(?: đồng)?)?"
)


# brackets after an amount that say when or at what rate, not from which source: "(năm 2026: 160 triệu đồng;
# năm 2027: 100 triệu đồng)", "(mỗi năm 90 triệu đồng)", "(năm 2026)", "(35 triệu đồng/lớp)"
_BRACKET_RE = re.compile(r"\(([^()]*)\)")
_BY_YEAR_RE = re.compile(r"năm\s+(20\d\d)\s*:\s*")
_ANNOTATION_RE = re.compile(r"\bnăm\s+20\d\d\b|mỗi năm|hằng năm|hàng năm|/\s*[^\W\d]", re.IGNORECASE)
# "Theo Phụ lục kèm theo": the amount is in the appendix table
_IN_TABLE_RE = re.compile(r"phụ lục|bảng (?:dự toán|tổng hợp|kinh phí)|biểu\b", re.IGNORECASE)


_PER_YEAR_TAIL_RE = re.compile(r";\s*(?:mỗi năm|hằng năm|hàng năm|năm\s+20\d\d\s*:)", re.IGNORECASE)


def _annotations(rest: str) -> tuple[str, list[str], dict[int, Decimal]]:
    """The text after a task's amount without its annotating brackets, the brackets' words (for the budget's
    note) and the amounts by year they give ("năm 2026: 160 triệu đồng" → {2026: 160})."""
    said: list[str] = []
    by_year: dict[int, Decimal] = {}

    def drop(m: re.Match[str]) -> str:
        inside = m.group(1)
        if not _ANNOTATION_RE.search(inside):
            return m.group(0)  # "(A 300 triệu đồng, B 150 …)": a split by source; "(sự nghiệp …)": a source's words
        said.append(inside.strip())
        marks = list(_BY_YEAR_RE.finditer(inside))
        for i, mark in enumerate(marks):
            upto = marks[i + 1].start() if i + 1 < len(marks) else len(inside)
            found = budget_.money_in_text(inside[mark.end() : upto])
            if found:
                by_year[int(mark.group(1))] = found[0]
        return ""

    return _BRACKET_RE.sub(drop, rest), said, by_year


def _source_of_label(label: str, sources: list[dict], abbreviations: dict[str, str]) -> dict | None:
    """The source a split names: "ngân sách tỉnh … đối ứng 400" is the province's science budget (its match
    to the province's part of a co-funded task), "hợp tác xã đối ứng 50" is the co-funding."""
    plain = re.sub(r"\bđối ứng\b", "", label)
    if budget_.source_kind(plain) is None and budget_.source_kind(label) is not None:
        return _source_for(label, sources, abbreviations)
    return _source_for(plain, sources, abbreviations)


def _budget_text(task: dict, text: str, sources: list[dict], abbreviations: dict[str, str], notes: list[str]) -> None:
    """'30 triệu đồng; nguồn: ngân sách tỉnh (…)' / '1.200 triệu đồng, trong đó: A 900 triệu đồng; B 300 …'.

    Brackets that say when or at what rate ("(năm 2026: 160 triệu đồng; năm 2027: 100 triệu đồng)", "(mỗi năm
    90 triệu đồng)", "(35 triệu đồng/lớp)") are no split by source: they become the budget's note, in the
    document's words, and amounts by year are checked against the total."""
    number = task["number"]
    found = budget_.money_in_text(text)
    if found is None:
        if re.search(r"thường xuyên|lồng ghép|không bố trí", text, re.IGNORECASE):
            task["budget"] = {"status": "recurring", "note": text.strip().rstrip(".")}
        elif _IN_TABLE_RE.search(text):
            task["_budget_in_table"] = text.strip().rstrip(".")  # the table fills it, or a note says it did not
        else:
            notes.append(f"{number}: kinh phí «{text.strip()[:80]}» không có số tiền (kiểm tra)")
        return
    total, _ = found
    allocation: dict[str, Decimal] = {}
    rest, said, by_year = _annotations(text[text.find(found[1]) + len(found[1]) :])
    if by_year and sum(by_year.values()) != total:
        notes.append(f"{number}: kinh phí: các năm cộng được {sum(by_year.values())}, khác tổng {total} (kiểm tra)")
    # the split by source: "…, trong đó: A 900 triệu đồng; B 300 …" or "450 triệu đồng (A 300 triệu đồng, B 150 …)"
    parts = re.split(r"trong đó\s*:?|^\s*,?\s*gồm\s*:?|^\s*\(", rest, maxsplit=1)
    if len(parts) == 2:
        # "…; mỗi năm bố trí 600 triệu đồng (…)" after the split says how it is spread over the years: the
        # budget's note, in the document's words, not a further source
        per_year = _PER_YEAR_TAIL_RE.search(parts[1])
        if per_year:
            said.append(parts[1][per_year.start() :].strip(" ;.").strip())
            parts[1] = parts[1][: per_year.start()]
    if len(parts) == 2 and budget_.money_in_text(parts[1]):
        start = 0
        spans = budget_.money_spans(parts[1])
        # "gồm 1.000 triệu đồng ngân sách trung ương hỗ trợ và 500 triệu đồng …": each amount before its source
        amount_first = not parts[1][: spans[0][0]].strip(" :,;()")
        for i, m in enumerate(spans):
            if amount_first:
                label = parts[1][m[1] : spans[i + 1][0] if i + 1 < len(spans) else len(parts[1])]
                label = re.sub(r"\s+và\s*$", "", label.strip(" :,;().")).strip(" ,;")
            else:
                label = parts[1][start : m[0]].strip(" :,;()")
            label = re.sub(r"^(?:và|còn lại)\s+", "", label)
            start = m[1]
            source = _source_of_label(label, sources, abbreviations)
            if source is None:
                notes.append(f"{number}: nguồn «{label.strip()}» không khớp nguồn nào ở mục kinh phí (kiểm tra)")
                continue
            allocation[source["key"]] = allocation.get(source["key"], Decimal(0)) + m[2]
        if allocation and sum(allocation.values()) != total:
            notes.append(f"{number}: kinh phí: các nguồn cộng được {sum(allocation.values())}, khác tổng {total}")
    else:
        named = re.search(r"(?:nguồn|từ)\s*:?\s*(.+)$", rest.strip(" ;,."), re.IGNORECASE)
        # "160 triệu đồng, ngân sách cấp huyện": a source named without "nguồn"/"từ" before it
        bare = rest.strip(" ;,.")
        said_source = named.group(1) if named else bare if budget_.source_kind(bare) else None
        source = _source_for(said_source, sources, abbreviations) if said_source else None
        if source is None:
            source = _integrated_source(task, text, sources, notes)
        if source is None and not named:
            source = _source_in_words(task, [bare, *said], sources, abbreviations, notes)
        if source is not None:
            allocation[source["key"]] = total
    task["budget"] = {"status": "row", "total": total, "allocation": allocation}
    if said:
        task["budget"]["note"] = "; ".join(said)
    if by_year:
        task["_by_year"] = by_year


def _integrated_source(task: dict, text: str, sources: list[dict], notes: list[str]) -> dict | None:
    """An amount paid "lồng ghép" (from within other programmes) is the plan's one source that says so
    ("Kinh phí lồng ghép từ các chương trình, đề án khác …"), with a note: the task names the programme, not it."""
    if "long ghep" not in fold(text):
        return None
    integrated = [s for s in sources if "long ghep" in fold(f"{s['label']} {s.get('long_label', '')}")]
    if len(integrated) != 1:
        return None
    notes.append(f"{task['number']}: nguồn «lồng ghép» đọc là «{integrated[0]['label']}» (kiểm tra)")
    return integrated[0]


def _source_in_words(
    task: dict, texts: list[str], sources: list[dict], abbreviations: dict[str, str], notes: list[str]
) -> dict | None:
    """The source a task's amount is followed by in brackets, alone ("(Chương trình mục tiêu quốc gia xây dựng nông
    thôn mới)") or after a rate ("(200 triệu đồng/năm, ngân sách tỉnh chi xúc tiến thương mại)"): a phrase without
    figures naming one of the plan's sources. One named otherwise than the source it is read as ("ngân sách thành
    phố" for "Ngân sách cấp huyện") is a note; one that names none of them is a note too, not a silent gap."""
    phrases = [p.strip(" ;,.()") for text in texts for p in re.split(r"[,;]", text.strip(" ;,.()"))]
    phrases = [p for p in phrases if p and not re.search(r"\d", p) and budget_.money_in_text(p) is None]
    for phrase in phrases:
        source = _source_for(phrase, sources, abbreviations)
        if source is None:
            continue
        kind = budget_.source_kind(phrase)
        if (kind is None or kind != budget_.source_kind(source["label"])) and fold(phrase) != fold(source["label"]):
            notes.append(f"{task['number']}: nguồn «{phrase}» đọc là «{source['label']}» (kiểm tra)")
        return source
    named = [p for p in phrases if re.search(r"ngân sách|nguồn|chương trình|kinh phí|vốn", p, re.IGNORECASE)]
    if named:
        notes.append(f"{task['number']}: nguồn «{named[0]}» không khớp nguồn nào ở mục kinh phí (kiểm tra)")
    return None


def _source_cell(task: dict, cell: str, sources: list[dict], abbreviations: dict[str, str], notes: list[str]) -> None:
    """A task table's source cell ('SNKH', 'NSTW: 1.800; SNKH: 600'): the task's allocation by source."""
    budget = task["budget"]
    if budget.get("status") != "row" or budget.get("allocation"):
        return
    pairs = [(m.group(1).strip(), m.group(2)) for m in _SPLIT_RE.finditer(cell)] if re.search(r"\d", cell) else []
    allocation: dict[str, Decimal] = {}
    if pairs:
        for label, figure in pairs:
            source = _source_for(label, sources, abbreviations)
            value = amount(figure)
            if source is None or value is None:
                notes.append(f"{task['number']}: nguồn «{label}» không khớp nguồn nào ở mục kinh phí (kiểm tra)")
                return
            allocation[source["key"]] = allocation.get(source["key"], Decimal(0)) + value
    else:
        source = _source_for(cell, sources, abbreviations)
        if source is None:
            notes.append(f"{task['number']}: nguồn «{cell}» không khớp nguồn nào ở mục kinh phí (kiểm tra)")
            return
        allocation[source["key"]] = budget["total"]
    budget["allocation"] = allocation


_PROSE_ROLES_RE = re.compile(
    r"(?:^|[.;]\s*)([^.;]*?)\s+(?:đồng\s+|cùng\s+)?chủ trì(?:,?\s+phối hợp(?: với)?\s+((?:[^.;]|\.(?!\s))+?))?"
    r"\s+(?:tổ chức\s+)?(?:thực hiện|triển khai)"
)
# "Giao UBND huyện X chủ trì, phối hợp với Sở Y, Ban Z xây dựng hồ sơ …": no "thực hiện" after the roles, the
# task's own verb ends the list of cooperating agencies (lower case: "Sở Xây dựng" is a name, not the verb)
_TASK_VERBS = (
    "xây dựng|tổ chức|hỗ trợ|rà soát|cập nhật|tuyên truyền|phổ biến|kiểm tra|lựa chọn|nâng cao|quản lý|đăng ký"
    "|thành lập|duy trì|lồng ghép|tập huấn|bồi dưỡng|khảo sát|đánh giá|hướng dẫn|hoàn thiện|nghiên cứu|phát triển"
    "|tham mưu|theo dõi|đôn đốc|vận hành|thúc đẩy|đẩy mạnh|tăng cường|biên soạn|xử lý"
)
_PROSE_ROLES_VERB_RE = re.compile(
    r"(?:^|[.;]\s*)([^.;]*?)\s+(?:đồng\s+|cùng\s+)?chủ trì(?:,?\s+phối hợp(?: với)?\s+((?:[^.;]|\.(?!\s))+?))?"
    rf"\s+(?=(?:{_TASK_VERBS})\b)"
)
# a sentence of roles alone, no verb after them: "Sở Công Thương chủ trì; Sở A, Sở B phối hợp.", "Đài X chủ trì;
# phối hợp: Báo Y, Sở Z.", "Sở NN&PTNT chủ trì (thông qua Văn phòng Điều phối …), phối hợp với Sở A và UBND …."
_PROSE_ROLES_SENTENCE_RE = re.compile(
    r"(?:^|[.;]\s+)([^.;]*?)\s+(?:đồng\s+|cùng\s+)?chủ trì(?:\s*\(([^()]+)\))?"
    r"(?:\s*[,;]\s*(?:phối hợp(?: với)?\s*:?\s*([^.;]+?)|([^.;]+?)\s+phối hợp))?"
    r"\s*(?:[.;](?=\s|$)|$|,\s*(?=(?:thực hiện|triển khai|tổ chức thực hiện)\b))"
)
# the sentence's labelled clauses: "…; thời gian: 2023 - 2025; kinh phí: 250 triệu đồng từ nguồn …"
_CLAUSE_LABEL_RE = re.compile(r";\s*(thời gian(?: thực hiện)?|kinh phí(?: thực hiện| dự kiến)?)\s*:\s*", re.IGNORECASE)
# what may stand before the lead when the sentence opens with its roles ("Giao Sở X chủ trì …")
_ROLES_OPEN_RE = re.compile(r"\s*(?:Giao|Đề nghị|Yêu cầu)?\s*")
# between two co-leads named before "chủ trì": "Sở A, Sở B chủ trì", "Sở A và Sở B đồng chủ trì"
_JOINED_RE = re.compile(r"(?:,|;|\s+và|\s+cùng|\s+với)\s*$")
# one name with two head words: "Liên hiệp các Hội Khoa học và Kỹ thuật", "Hiệp hội Doanh nghiệp"
_COMPOUND_HEAD_RE = re.compile(r"(?:Liên hiệp|Hiệp hội|Liên minh)(?:\s+các)?\s+$")
_HEAD_RE = re.compile(
    r"\b(?:Sở|Ủy ban|Uỷ ban|UBND|Ban|Cục|Chi cục|Trung tâm|Hội|Đài|Báo|Công an|Liên hiệp|Hiệp hội|Văn phòng"
    r"|Trường|Viện|Liên minh|Tỉnh [Đđ]oàn|Bộ Chỉ huy)\b"
)
_QUARTERS = r"Quý\s+[IV]+(?:\s*[-–]\s*(?:Quý\s+)?[IV]+)?(?:/20\d\d)?"
# one time: "Quý III năm 2024", "Quý II/2024", "tháng 6 năm 2024", "năm 2025"; a span or a pair of them ("từ Quý II năm
# 2024 đến Quý IV năm 2025", "Quý IV năm 2024 và Quý IV năm 2025"), each year ("Quý II - Quý III hằng năm"), a length
# first ("24 tháng, từ tháng 6 năm 2024 đến tháng 5 năm 2026")
_A_TIME = rf"(?:{_QUARTERS}(?:\s+năm\s+20\d\d)?|tháng\s+\d{{1,2}}(?:\s+năm\s+|/)20\d\d)"
_TIME_PHRASE = (
    rf"(?:\d+\s+tháng,?\s+)?(?:từ\s+)?{_A_TIME}(?:\s*(?:[-–]|đến|và)\s*{_A_TIME})?(?:\s+(?:hằng|hàng)\s+năm)?"
)
_WHEN_RE = re.compile(
    rf"(?:trong|vào|thời gian(?: thực hiện)?:?)\s+((?:{_TIME_PHRASE})|(?:năm\s+20\d\d(?:\s*[-–]\s*20\d\d)?))",
    re.IGNORECASE,
)
# "trong hai năm 2024 - 2025": the years are the time, the count only repeats it
_YEARS_SPAN_RE = re.compile(r"(?:trong|vào)\s+(?:hai|ba|bốn|năm|các)\s+năm\s+(20\d\d\s*[-–]\s*20\d\d)", re.IGNORECASE)
_YEARS = r"20\d\d(?:\s*(?:[-–]|đến(?:\s+năm)?)\s*20\d\d)?"
# how often, said right after the verb: "thực hiện thường xuyên hằng năm", "thực hiện hằng năm trong giai đoạn
# 2023 - 2025", "thực hiện hằng năm từ năm 2023 đến năm 2025" (the whole phrase is the task's time)
_DOING_WHEN_RE = re.compile(
    r"\bthực hiện\s+((?:thường xuyên|hằng năm|hàng năm|định kỳ)(?:\s+(?:hằng năm|hàng năm))?"
    rf"(?:\s+(?:trong giai đoạn|giai đoạn|từ năm|trong các năm|trong năm)\s+{_YEARS})?)(?=\s*[,;.]|\s*$)",
    re.IGNORECASE,
)


def _labelled_clauses(text: str) -> dict[str, tuple[str, str]]:
    """The sentence's "; thời gian: …" and "; kinh phí: …" clauses: kind → (value, clause as written)."""
    out: dict[str, tuple[str, str]] = {}
    marks = list(_CLAUSE_LABEL_RE.finditer(text))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        value = text[m.end() : end].strip().rstrip(".;").strip()
        kind = "time" if fold(m.group(1)).startswith("thoi gian") else "money"
        out.setdefault(kind, (value, text[m.start() : end].strip(" ;")))
    return out


def _task_wording(text: str, end_of_roles: int) -> str:
    """What the task is, in a sentence that opens with its roles: the words after them, before its clauses."""
    rest = text[end_of_roles:]
    label = _CLAUSE_LABEL_RE.search(rest)
    wording = (rest[: label.start()] if label else rest).strip().rstrip(".;").strip()
    wording = re.sub(r"^(?:tổ chức\s+)?(?:thực hiện|triển khai)\s+", "", wording)
    return wording[:1].upper() + wording[1:]


def _prose_subject(before: str) -> str | None:
    """The agencies named just before "chủ trì": from the last agency word back over every name joined to it
    by a comma or "và" ("Sở A, Sở B chủ trì" leads with both), never into the title the sentence may run on
    from ("… sàn thương mại điện tử Sở Công Thương chủ trì" is led by Sở Công Thương alone)."""
    heads = list(_HEAD_RE.finditer(before))
    if not heads:
        return None
    start = heads[-1].start()
    for head in reversed(heads[:-1]):
        if _COMPOUND_HEAD_RE.fullmatch(before[head.start() : start]):
            start = head.start()  # "Liên hiệp các Hội …": one name
            continue
        if not _JOINED_RE.search(before[:start]):
            break
        joint = _JOINED_RE.search(before[:start])
        name = before[head.start() : joint.start() if joint else start]
        if re.search(r"[.:]|\b(?:chủ trì|phối hợp|thực hiện)\b", name):
            break  # a clause, not a name
        start = head.start()
    return before[start:]


def _prose(
    task: dict,
    matcher: AgencyMatcher,
    sources: list[dict],
    abbreviations: dict[str, str],
    notes: list[str],
    facts: Facts,
    year: int,
) -> None:
    """Roles, time and money written in the task's own paragraph: 'Sở X chủ trì, phối hợp với Y … trong Quý III'."""
    text = task["content"]
    number = task["number"]
    if not task["lead"]:
        m = _PROSE_ROLES_RE.search(text) or _PROSE_ROLES_VERB_RE.search(text)
        alone = None if m else _PROSE_ROLES_SENTENCE_RE.search(text)
        m = m or alone
        # "Sở NN&PTNT (Văn phòng Điều phối nông thôn mới tỉnh) chủ trì": the bracket names the unit doing the work
        bracket = re.search(r"\s*\(([^()]+)\)\s*$", m.group(1)) if m else None
        before = m.group(1)[: bracket.start()] if m and bracket else m.group(1) if m else ""
        subject = _prose_subject(before) if m else None
        if m and subject:
            lead = matcher.read(subject)
            if lead.ids:
                partners = (alone.group(3) or alone.group(4)) if alone else m.group(2)
                coop = matcher.read(partners or "")
                task["lead"] = lead.ids
                if partners or not task["cooperating"]:  # a "phối hợp:" field of its own may have named them
                    task["cooperating"] = coop.ids
                if partners:
                    task["cooperating_text"] = partners.strip()
                if lead.said or coop.said:
                    task["said"] = {**task.get("said", {}), **lead.said, **coop.said}
                if alone and alone.group(2):
                    tasks_.lead_aside(task, lead.ids[0], None, alone.group(2), notes)  # "X chủ trì (…)": not X's name
                if bracket:
                    tasks_.lead_aside(task, lead.ids[0], None, bracket.group(1), notes)  # "X (…) chủ trì" alike
                notes.extend(f"{number}: {n}" for n in lead.notes + coop.notes)
                notes.append(f"{number}: cơ quan chủ trì, phối hợp đọc từ câu văn (kiểm tra)")
                facts.add(f"tasks[{number}].lead", m.group(1), m.group(0))
                opening = text[: m.start(1) + m.group(1).rfind(subject)]
                wording = _task_wording(text, m.end())
                if _ROLES_OPEN_RE.fullmatch(opening) and len(wording.split()) >= 2:
                    task["title"] = tasks_.short_title(wording)  # not "Sở KH&CN chủ trì, phối hợp với …"
                    facts.replace(f"tasks[{number}]", task["title"], wording)
    clauses = _labelled_clauses(text)
    if "timeline" not in task and "time" in clauses:
        value, clause = clauses["time"]
        timeline = tasks_.timeline_of(value[:1].upper() + value[1:], year)
        if timeline:  # as plain as a "Thời gian thực hiện:" line
            timeline["text"] = value
            task["timeline"] = timeline
            facts.add(f"tasks[{number}].timeline", value, clause)
        else:
            notes.append(f"{number}: thời gian «{value}» chưa đọc được thành quý hay năm (kiểm tra)")
    if "timeline" not in task:
        m = _DOING_WHEN_RE.search(text) or _YEARS_SPAN_RE.search(text) or _WHEN_RE.search(text)
        timeline = tasks_.timeline_of(m.group(1)[:1].upper() + m.group(1)[1:], year) if m else None
        if timeline:
            task["timeline"] = timeline
            notes.append(f"{number}: thời gian đọc từ câu văn «{m.group(1)}» (kiểm tra)")  # type: ignore[union-attr]
            facts.add(f"tasks[{number}].timeline", timeline["text"], m.group(0))  # type: ignore[union-attr]
    if task["budget"]["status"] == "not_itemised":
        if "money" in clauses:
            money: str | None = clauses["money"][0]
        else:
            m = re.search(r"[Kk]inh phí(?: dự kiến| thực hiện)?(?:\s+là)?\s*:?\s*(\d.+?)(?:\.\s|$)", text)
            money = m.group(1) if m else None
            each = None if m else _EACH_YEAR_TOTAL_RE.search(text)
            if each:  # "mỗi năm 120 triệu đồng (tổng 240 triệu đồng) từ …": the total, the year's part its note
                money = f"{each.group(2)} {each.group(3) or ''} (mỗi năm {each.group(1)})"
            paid = None if m or each else _PAID_ELSEWHERE_RE.search(text)
            if paid:  # "Nhiệm vụ sử dụng kinh phí hoạt động thường xuyên của đơn vị, không bố trí …": no amount
                money = paid.group(0).strip()
        if money:
            _budget_text(task, money, sources, abbreviations, notes)
            if task["budget"]["status"] == "row":
                notes.append(f"{number}: kinh phí đọc từ câu văn (kiểm tra)")
                facts.add(f"tasks[{number}].budget", task["budget"]["total"], money)


# "mỗi năm 120 triệu đồng (tổng 240 triệu đồng) từ kinh phí xúc tiến thương mại": the amount a year, then the total
_EACH_YEAR_TOTAL_RE = re.compile(
    r"mỗi năm\s+(\d[\d.,]*\s*(?:triệu|tỷ)\s*đồng)\s*\(\s*tổng(?:\s+cộng)?\s*:?\s*(\d[\d.,]*\s*(?:triệu|tỷ)\s*đồng)\s*\)"
    r"\s*((?:từ|nguồn)\b.+?)?(?:\.\s|\.?$)",
    re.IGNORECASE,
)


# a sentence saying the task is paid from the body's own running budget, or from none of the plan's
_PAID_ELSEWHERE_RE = re.compile(
    r"[^.;]*\b(?:kinh phí (?:hoạt động |chi )?thường xuyên|không bố trí kinh phí)\b[^.;]*", re.IGNORECASE
)


# a rate said in the task's words, not with its amount: "(mức hỗ trợ 15 triệu đồng/sản phẩm)", "(35 triệu đồng/lớp)"
_RATE_RE = re.compile(r"\(([^()]*?\d[\d.,]*\s*(?:triệu|nghìn|ngàn)?\s*đồng\s*/\s*[^\W\d][^()]*)\)")


def _rate_in_content(task: dict) -> None:
    """A rate the task's own words give in brackets is its budget's note, in the document's words: how much each
    product or class gets is asked as often as the total, and the amount's clause may not repeat it."""
    budget = task["budget"]
    if budget.get("status") != "row":
        return
    before_money = re.split(r"[Kk]inh phí", task["content"])[0]
    rates = [m.group(1).strip() for m in _RATE_RE.finditer(before_money)]
    said = budget.get("note") or ""
    rates = [r for r in rates if r not in said]
    if rates:
        budget["note"] = "; ".join([*([said] if said else []), *rates])


def draft_plan(path: Path, registry: list[AgencyDef], data_dir: Path | None = None) -> Draft:
    """Read a plan document and draft its data file."""
    doc = load(path)
    return draft_document(doc, registry, data_dir or _DEFAULT_DATA)


def draft_document(doc: Document, registry: list[AgencyDef], data_dir: Path) -> Draft:
    notes: list[str] = list(f"văn bản: {c}" for c in doc.cleaning)
    facts = Facts()
    plan_lines = doc.plan
    header = read_header(doc, facts, data_dir)
    province = header["province"]
    if not province:
        notes.append("tỉnh: không xác định được")
        province = "Chưa rõ"
    year_start, year_end, horizon = _years(header["title"], header["issued"], notes)
    districts = districts_of(data_dir, province)
    matcher = AgencyMatcher(registry, province, districts)
    sections = sections_of(plan_lines)
    tables = read_tables(plan_lines)
    abbreviations = _abbreviations(plan_lines)
    task_tables = [t for t in tables if t.is_tasks]
    narrative_key = next((k for k in sections if re.search(r"NỘI DUNG|NHIỆM VỤ", k.upper())), None)
    roman = narrative_key.split(".", 1)[0] if narrative_key else "II"
    groups, tasks = tasks_.narrative_tasks(
        sections.get(narrative_key, []), (year_start, year_end), matcher, notes, facts, roman
    )
    table_for_tasks: Table | None = None
    if not tasks and task_tables:
        table_for_tasks = task_tables[0]
        groups, tasks = tasks_.table_tasks(table_for_tasks, (year_start, year_end), facts)
    # the plan's sources first (section "Kinh phí"), so tasks can name them
    budget_table = next((t for t in task_tables if "total" in t.columns), None)
    column_sources = tasks_.source_labels(budget_table) if budget_table is not None else []
    budget = budget_.plan_budget(sections, plan_lines, column_sources, budget_table, notes, facts, abbreviations)
    sources: list[dict] = budget["sources"]  # type: ignore[assignment]
    if "by_year" not in budget:
        by_year = budget_.by_year_in_tables(tables, facts)
        if by_year:
            budget["by_year"] = dict(sorted(by_year.items()))
            if budget.get("total") is not None and sum(by_year.values()) != budget["total"]:
                notes.append(f"kinh phí theo năm: các năm cộng được {sum(by_year.values())}, khác tổng (kiểm tra)")
    for task in tasks:
        text = task.pop("_budget_text", None)
        if text:
            _budget_text(task, text, sources, abbreviations, notes)
    for table in task_tables:
        tasks_.apply_table(tasks, table, matcher, year_start, notes, facts)
        for task in tasks:
            _apply_parts(task, table, sources, abbreviations, notes)
        if "source" in table.columns:
            _apply_source_cells(tasks, table, sources, abbreviations, notes)
        for task in tasks:
            task.pop("_row_cells", None)
    for task in tasks:
        _prose(task, matcher, sources, abbreviations, notes, facts, year_start)
        _rate_in_content(task)
    _budget_clauses(sections, tasks, facts)
    responsibilities = organisation.responsibilities(sections, matcher, notes, facts)
    tasks_.leads_by_reference(responsibilities, tasks, notes)
    conflicts = _leads_by_task_number(responsibilities, tasks, matcher, notes)
    _task_notes(tasks, notes, _unfunded_rule(sections), sources)
    reporting = organisation.reporting(sections, plan_lines, matcher, notes, facts)
    used = [(t["number"], slug) for t in tasks for slug in (*t["lead"], *t["cooperating"])]
    used += [(e["section"], slug) for e in responsibilities for slug in e["agencies"]]
    notes += matcher.merged_away(used, header["issued"])
    closing, closing_recipient = organisation.closing(plan_lines, matcher, notes, facts)
    objectives = goals.objectives(sections, facts, notes)
    targets = goals.targets(sections, [t for t in tables if not t.is_tasks], (year_start, year_end), facts, notes)
    if not header["recipients"]:
        notes.append("nơi nhận: không tìm thấy «Nơi nhận»")
    if not header["implements"]:
        notes.append("căn cứ: không tìm thấy quyết định, kế hoạch nào mà văn bản triển khai (kiểm tra)")
    if not header["number"] and not header["number_note"]:
        notes.append("số hiệu: không tìm thấy «Số: …/KH-…» (văn bản có thể để trống)")
    if not header["issued"]:
        notes.append("ngày ban hành: không tìm thấy")
    if doc.plan_start and not header["in_force"]:  # a decision says when it takes effect
        notes.append("hiệu lực: không tìm thấy câu «Quyết định này có hiệu lực …» (kiểm tra)")
    if not header["signer"]:
        notes.append("người ký: không tìm thấy phần ký")
    if header["title"] == "Kế hoạch":
        notes.append("tên kế hoạch: không tìm thấy tiêu đề «KẾ HOẠCH …»")
    number = header["number"]
    pid = f"{_slug(province)}-{year_start}" + (f"-{horizon or year_end}" if year_end != year_start else "")
    short = (
        f"Kế hoạch SHTT năm {year_start} tỉnh {province}"
        if year_start == year_end
        else (
            f"Kế hoạch {number or 'SHTT'} tỉnh {province} ({year_start}–{year_end}"
            + (f", định hướng {horizon})" if horizon else ")")
        )
    )
    data: dict[str, object] = {
        "id": pid,
        "province": province,
        "province_id": _slug(province),
        "title": header["title"],
        "short_title": short,
        "source_file": f"{pid}.txt",  # `import-text` stores the NFC text under the plan's id
        "year_start": year_start,
        "year_end": year_end,
        "horizon": horizon,
        "number": number,
        "number_note": header["number_note"],
        "issued": header["issued"],
        "issued_text": header["issued_text"],
        "issuer": f"Ủy ban nhân dân tỉnh {province}",
        "signer": header["signer"],
        "implements": header["implements"],
        "in_force": header["in_force"],
        "replaces": header["replaces"],
        "proposal": header["proposal"],
        "objectives": objectives,
        "groups": groups,
        "tasks": [_clean_task(t) for t in tasks],
        "budget": budget,
        "targets": targets,
        "responsibilities": responsibilities,
        "reporting": reporting,
        "closing": closing,
        "closing_recipient": closing_recipient,
        "recipients": header["recipients"],
        "agencies": [a.model_dump(exclude_defaults=True) | {"id": a.id, "name": a.name} for a in matcher.new.values()],
        "discrepancies": conflicts,
        "draft_notes": [],
    }
    notes = list(dict.fromkeys(notes))
    data["draft_notes"] = notes
    return Draft(data, notes, facts, doc.lines)


def _apply_source_cells(
    tasks: list[dict], table: Table, sources: list[dict], abbreviations: dict[str, str], notes: list[str]
) -> None:
    at = table.columns["source"]
    for task in tasks:
        cells = task.pop("_row_cells", None)
        if cells is not None and at < len(cells) and cells[at].strip():
            _source_cell(task, cells[at].strip(), sources, abbreviations, notes)


# "nhiệm vụ số 2 và số 3", "nhiệm vụ 1, 2 Mục I", "nhiệm vụ 6 Mục IV Phần B": tasks cited by number
_CITED_TASK_RE = re.compile(
    r"nhiệm vụ\s+(?:số\s+)?(\d{1,2})\b((?:\s*(?:,|và)\s*(?:số\s+)?\d{1,2}\b)*)(?:\s+Mục\s+([IVX]+))?", re.I
)
_MONEY_WORDS_RE = re.compile(r"kinh phí|dự toán|ngân sách|triệu đồng|thường xuyên", re.IGNORECASE)
_PAID_OTHERWISE_RE = re.compile(r"thường xuyên|lồng ghép|bố trí trong dự toán", re.IGNORECASE)


def _budget_clauses(sections: dict[str, list[str]], tasks: list[dict], facts: Facts) -> None:
    """What the budget section says of a task by its number becomes that task's budget note, in its words:
    "Nhiệm vụ số 8 là dự án chuyển tiếp từ năm 2024 (tổng kinh phí dự án 1.750 triệu đồng, năm 2024 đã bố trí
    800 triệu đồng)", "nhiệm vụ số 2 và số 3 thực hiện bằng kinh phí hoạt động thường xuyên". A task with no
    amount that such a clause says is paid from the regular budget is recurring, not a gap."""
    key = next((k for k in sections if "KINH PHÍ" in k.upper()), None)
    if key is None:
        return
    by_number = {t["number"]: t for t in tasks}
    lines = [re.sub(r"^(?:[IVX]+\.|\d+\.|[-–•+])\s*", "", ln) for ln in sections[key]]
    for sentence in (part for line in lines for part in re.split(r"(?<=[.;])\s+", line)):
        clause = sentence.strip().rstrip(".;").strip()
        if not _MONEY_WORDS_RE.search(clause):
            continue
        for m in _CITED_TASK_RE.finditer(clause):
            numbers = [m.group(1), *re.findall(r"\d{1,2}", m.group(2))]
            for n in numbers:
                task = by_number.get(f"{m.group(3)}.{n}" if m.group(3) else n)
                if task is None:
                    continue
                budget = task["budget"]
                if budget.get("status") in ("no_row", "not_itemised") and _PAID_OTHERWISE_RE.search(clause):
                    task["budget"] = {"status": "recurring", "note": clause}
                elif clause not in (budget.get("note") or ""):
                    budget["note"] = "; ".join(filter(None, [budget.get("note"), clause]))
                facts.add(f"tasks[{task['number']}].budget", clause, sentence)


def _apply_parts(
    task: dict, table: Table, sources: list[dict], abbreviations: dict[str, str], notes: list[str]
) -> None:
    """The rows under a task's row that hold only an amount and a source: its split by source.

    Two shapes: rows that break the task's amount down ("| | - Ngân sách tỉnh | | SN KH&CN | 80 |" under a row
    of 120; they add up to it), and a row that goes on with a second source where the table gives no total for
    the task ("| 8 | … | 700 | Trung ương |" then "| | | 250 | Sự nghiệp KH&CN |", even across a repeated
    header): the task's amount is then the sum, which a note asks to check."""
    parts = task.pop("_parts", None)
    budget = task["budget"]
    if not parts:
        return
    number = task["number"]
    cols = table.columns
    at = cols.get("total")
    read: list[tuple[Decimal, str]] = []
    for cells in parts:
        value = amount(cells[at]) if at is not None and at < len(cells) else None
        value = value if value is not None else next((amount(c) for c in cells[1:] if amount(c) is not None), None)
        label = cells[cols["source"]].strip() if "source" in cols and cells[cols["source"]].strip() else ""
        label = label or re.sub(r"^[-–+]\s*", "", cells[cols["content"]]).strip() if "content" in cols else label
        if value is not None:
            read.append(((value * table.scale).normalize(), label))
    if not read:
        return
    own = budget.get("total") if budget.get("status") == "row" else None
    found = sum((v for v, _ in read), Decimal(0))
    allocation: dict[str, Decimal] = {}
    if own is not None and found != own:  # a row that goes on: the main row's source is the first part
        main = task.get("_row_cells") or []
        label = main[cols["source"]].strip() if "source" in cols and cols["source"] < len(main) else ""
        read.insert(0, (own, label))
        found += own
        notes.append(
            f"{number}: kinh phí {printed(found)} = "
            + " + ".join(printed(v) for v, _ in read)
            + " (các dòng nguồn của bảng; bảng không ghi tổng của nhiệm vụ: kiểm tra)"
        )
        budget["total"] = found
        budget["allocation"] = {}
    for value, label in read:
        source = _source_for(label, sources, abbreviations) if label else None
        if source is None:
            notes.append(f"{number}: nguồn «{label}» không khớp nguồn nào ở mục kinh phí (kiểm tra)")
            return
        allocation[source["key"]] = allocation.get(source["key"], Decimal(0)) + value
    if budget.get("status") != "row":
        task["budget"] = budget = {"status": "row", "total": found, "allocation": {}}
    had = budget.get("allocation") or {}
    if len(had) > 1 and had != allocation:
        notes.append(f"{number}: kinh phí: bảng dự toán chia nguồn khác phần nội dung (kiểm tra)")
        return
    budget["allocation"] = allocation


# (the numbers bare or in brackets: "nhiệm vụ số 1, 6 và 9", "nhiệm vụ số (1), (5) và (14)")
_TASK_REF_RE = re.compile(
    r"(?:đồng\s+)?chủ trì\s+(?:thực hiện\s+)?(?:các\s+)?nhiệm vụ(?: số)?\s+"
    r"((?:\(?\d+(?:\.(?:\d+|[a-zđ]\b))?\)?(?:\s*,\s*|\s+và\s+)?)+)"
)


def _leads_by_task_number(
    responsibilities: list[dict], tasks: list[dict], matcher: AgencyMatcher, notes: list[str]
) -> list[dict]:
    """'Chủ trì các nhiệm vụ số 1, 2, 7' in an agency's duties: a check on the leads read elsewhere (the agency
    is the entry's, or the one the clause names: 'Ủy ban nhân dân huyện Lộc Ninh chủ trì nhiệm vụ số 10').

    Where it names another lead than the task's, the document disagrees with itself: recorded as a conflict
    about that task (answers say both, in the document's words) and a note, never settled by choosing one."""
    by_number = {t["number"]: t for t in tasks}
    # a multi-year plan's lettered tasks are "III.2.d"; its duties write "nhiệm vụ 2.d"
    lettered = [t for t in tasks if re.fullmatch(r"[IVX]+\.\d+\.[a-zđ]", t["number"])]
    by_number.update({t["number"].split(".", 1)[1]: t for t in lettered})
    conflicts: list[dict] = []
    for entry in responsibilities:
        for duty in entry["duties"]:
            for m in _TASK_REF_RE.finditer(duty["text"]):
                clause = re.split(r"[;.]\s*", duty["text"][: m.start()])[-1]
                named = matcher.read(clause).ids if clause.strip() else []
                agencies = named or list(entry["agencies"])
                for number in re.findall(r"\d+(?:\.(?:\d+|[a-zđ]\b))?", m.group(1)):
                    task = by_number.get(number)
                    if task is None:
                        continue
                    if not task["lead"]:
                        task["lead"] = agencies
                        task.pop("lead_note", None)
                        notes.append(f"{number}: cơ quan chủ trì lấy từ mục {entry['section']} (kiểm tra)")
                    elif not set(agencies) & set(task["lead"]):
                        notes.append(
                            f"{number}: mục {entry['section']} giao chủ trì cho cơ quan khác "
                            "với phần nhiệm vụ (kiểm tra)"
                        )
                        said = f"{clause}{m.group(0)}".strip().rstrip(" ,;")
                        conflicts.append(
                            {
                                "id": f"lead-{number}-{entry['section']}".lower().replace(".", "-"),
                                "kind": "conflict",
                                "where": f"{task['section']} / {entry['section']}",
                                "stated": said,
                                "note": f"Mục {entry['section']} lại ghi «{said}»: văn bản không thống nhất về cơ "
                                "quan chủ trì nhiệm vụ này.",
                                "task": number,
                            }
                        )
    return conflicts


# "Các nhiệm vụ không nêu mức kinh phí cụ thể được bố trí trong dự toán chi thường xuyên …" (section Kinh phí)
_UNFUNDED_RE = re.compile(
    r"[^.]*nhiệm vụ không (?:nêu|ghi|có)(?: mức)? kinh phí[^.]*(?:thường xuyên|lồng ghép)[^.]*\.?", re.IGNORECASE
)


def _unfunded_rule(sections: dict[str, list[str]]) -> str | None:
    """The budget section's sentence on how the tasks without an amount are paid, if it has one."""
    key = next((k for k in sections if "KINH PHÍ" in k.upper()), None)
    m = _UNFUNDED_RE.search(" ".join(sections.get(key, []))) if key else None
    return m.group(0).strip() if m else None


def _task_notes(
    tasks: list[dict], notes: list[str], unfunded: str | None = None, sources: list[dict] | None = None
) -> None:
    """Every task field left empty is a note (once for the plan when no task has it: the plan does not say).
    An amount whose source was not read, in a plan of several sources, is one too (the split by source is a fact).

    A task with no amount where the budget section says how such tasks are paid ("… được bố trí trong dự
    toán chi thường xuyên") is not a gap: it is recurring, with that sentence as its note."""
    timed = any("timeline" in t for t in tasks)
    costed = any(t["budget"]["status"] != "not_itemised" for t in tasks)
    for task in tasks:
        if not task["lead"]:
            task["lead_note"] = "Chưa xác định cơ quan chủ trì (cần kiểm tra)."
            notes.append(f"{task['number']}: không tìm thấy cơ quan chủ trì")
        if timed and "timeline" not in task:
            notes.append(f"{task['number']}: không tìm thấy thời gian thực hiện")
        if costed and task["budget"]["status"] == "not_itemised":
            if unfunded:
                task["budget"] = {"status": "recurring", "note": unfunded}
                continue
            task["budget"] = {"status": "no_row"}
            notes.append(f"{task['number']}: không tìm thấy kinh phí")
        budget = task["budget"]
        if (
            budget["status"] == "row"
            and budget.get("total")
            and not budget.get("allocation")
            and len(sources or []) > 1
        ):
            notes.append(f"{task['number']}: kinh phí: không xác định được nguồn nào trong mục kinh phí (kiểm tra)")
    if tasks and not timed:
        notes.append("thời gian: kế hoạch không ghi thời gian riêng cho nhiệm vụ nào (kiểm tra)")


def _clean_task(task: dict) -> dict:
    for scratch in ("source_text", "_budget_text", "_budget_in_table", "_by_year", "_lead_labelled", "_parts"):
        task.pop(scratch, None)
    return task


# ---------------------------------------------------------------- writing the draft
def finish(draft: Draft) -> Draft:
    """Record the document's own inconsistencies (stated totals ≠ sums) so the draft passes check-data."""
    from ipbot.plans.checks import _figure_checks, figure
    from ipbot.plans.models import Plan

    plan = Plan.model_validate(draft.data)
    recorded = []
    for check, where, stated, computed in _figure_checks(plan):
        if stated != computed:
            recorded.append(
                {
                    "id": f"auto-{check.replace('.', '-')}",
                    "kind": "sum",
                    "check": check,
                    "where": where,
                    "stated": figure(stated),
                    "computed": figure(computed),
                    "note": "Ghi nhận tự động khi nhập văn bản: số ghi trong văn bản khác tổng các phần; cần kiểm tra.",
                }
            )
            draft.notes.append(
                f"kinh phí: {where}: văn bản ghi {figure(stated)}, cộng các phần được {figure(computed)}"
            )
    # what reading the document recorded (a lead named twice) stays; the sums are checked afresh
    kept = [d for d in draft.data.get("discrepancies", []) if not str(d["id"]).startswith("auto-")]
    draft.data["discrepancies"] = [*kept, *recorded]
    draft.data["draft_notes"] = list(dict.fromkeys(draft.notes))
    draft.notes = list(dict.fromkeys(draft.notes))
    return draft


def to_yaml(draft: Draft) -> str:
    """The draft as a curated-format YAML file, with a header saying it is a draft."""
    import yaml

    def plain(value: object) -> object:
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    header = (
        "# BẢN NHÁP do `ipbot import-text` tạo từ văn bản: cần người kiểm tra trước khi dùng.\n"
        "# Những chỗ chưa chắc nằm trong draft_notes (ipbot check-data báo là cảnh báo).\n"
    )
    return header + yaml.safe_dump(plain(draft.data), allow_unicode=True, sort_keys=False, width=120)
