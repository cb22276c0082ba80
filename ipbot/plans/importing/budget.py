"""The plan's budget: its total in figures and in words (checked against each other), and its sources."""

from __future__ import annotations

import re
from decimal import Decimal

from ipbot.plans.importing.draft import Facts
from ipbot.plans.importing.table import _YEAR_HEAD_RE, Table, amount
from ipbot.text import fold

__all__ = ["money_in_text", "money_spans", "plan_budget", "source_kind", "words_to_number"]

_MONEY_RE = re.compile(
    r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(đồng|triệu đồng|triệu|tỷ đồng|tỉ đồng|tỷ|tỉ)(?!\w)", re.IGNORECASE
)
_SCALE = {"đồng": Decimal("0.000001"), "triệu": Decimal(1), "tỷ": Decimal(1000), "tỉ": Decimal(1000)}
_DIGITS = {
    "khong": 0,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "lam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
}


def money_in_text(text: str) -> tuple[Decimal, str] | None:
    """The first amount with its unit, in million VND, and the words as printed ('3.160 triệu đồng')."""
    m = _MONEY_RE.search(text)
    if not m:
        return None
    value = amount(m.group(1))
    if value is None:
        return None
    unit = m.group(2).lower().split()[0]
    return (value * _SCALE[unit]).normalize(), m.group(0)


def money_spans(text: str) -> list[tuple[int, int, Decimal]]:
    """Every amount with its unit: (start, end, million VND), in order."""
    out = []
    for m in _MONEY_RE.finditer(text):
        value = amount(m.group(1))
        if value is not None:
            out.append((m.start(), m.end(), (value * _SCALE[m.group(2).lower().split()[0]]).normalize()))
    return out


def words_to_number(text: str) -> int | None:
    """'Ba tỷ, một trăm sáu mươi triệu đồng' → 3160000000; None when it is not a number in words."""
    units = {"nghin": 1000, "ngan": 1000, "trieu": 1_000_000, "ty": 1_000_000_000, "ti": 1_000_000_000}
    total = chunk = 0
    pending: int | None = None
    seen = False
    for w in fold(text).replace(",", " ").split():
        if w in ("dong", "chan", "linh", "le", "va"):
            continue
        if w in _DIGITS:
            pending, seen = _DIGITS[w], True
        elif w == "tram":
            chunk += (1 if pending is None else pending) * 100
            pending = None
        elif w == "muoi":
            chunk += (1 if pending is None else pending) * 10
            pending, seen = None, True
        elif w in units:
            total += (chunk + (pending or 0)) * units[w]
            chunk, pending = 0, None
        else:
            return None
    return total + chunk + (pending or 0) if seen else None


def _section(sections: dict[str, list[str]]) -> tuple[str | None, list[str]]:
    key = next((k for k in sections if "KINH PHÍ" in k.upper()), None)
    return key, sections.get(key, []) if key else []


def plan_budget(
    sections: dict[str, list[str]],
    all_lines: list[str],
    sources: list[dict],
    budget_table: Table | None,
    notes: list[str],
    facts: Facts,
    abbreviations: dict[str, str],
) -> dict:
    """Total, words, sources (labels and amounts) and the table's printed totals."""
    key, lines = _section(sections)
    if not lines:  # "2. Kinh phí thực hiện" inside another section
        start = next((i for i, ln in enumerate(all_lines) if re.match(r"^\d+\.\s*Kinh phí", ln, re.IGNORECASE)), None)
        lines = all_lines[start : start + 12] if start is not None else []
    text = " ".join(ln for ln in lines if "\t" not in ln)
    roman = key.split(".", 1)[0] if key else "?"
    budget: dict[str, object] = {"section": roman}
    total_line = next(
        (ln for ln in lines if "\t" not in ln and re.search(r"tổng", ln, re.IGNORECASE) and money_in_text(ln)), None
    )
    if total_line:
        value, printed = money_in_text(total_line)  # type: ignore[misc]
        budget["total"] = value
        budget["total_text"] = printed
        facts.add("budget.total", f"{value} triệu đồng", total_line)
    else:
        notes.append("kinh phí: không tìm thấy tổng kinh phí của kế hoạch (kiểm tra mục kinh phí)")
    words = re.search(r"\(?\s*[Bb]ằng chữ\s*:\s*(.+?)(?:\)|$)", text) or _unlabelled_words(total_line)
    if words:
        in_words = words.group(1).strip().rstrip(".;")
        budget["in_words"] = in_words
        facts.add("budget.in_words", in_words, words.group(0))
        said = words_to_number(in_words)
        total = budget.get("total")
        if said is None:
            notes.append(f"bằng chữ: «{in_words}» chưa đọc được thành số (kiểm tra)")
        elif total is not None and Decimal(said) / Decimal(1_000_000) != total:
            notes.append(f"bằng chữ: «{in_words}» là {said:,} đồng, khác con số {total} triệu đồng".replace(",", "."))
    elif "total" in budget:
        notes.append("bằng chữ: văn bản không ghi tổng kinh phí bằng chữ (kiểm tra)")
    stated: list[tuple[str, Decimal, str]] = []
    by_year: dict[int, Decimal] = {}
    for line in lines:
        if "\t" in line:
            continue
        by_year.update(_years_in_line(line, facts))
        item = re.match(r"^(?:[-–•+]|[a-zđ]\)|\d+\.\d+\.?)\s*(.+)$", line)
        found = money_in_text(line)
        if item and found and not re.search(r"^\s*tổng", item.group(1), re.IGNORECASE):
            before = item.group(1)[: item.group(1).find(found[1])]  # "… năm 2024): 1.086": the year is the label's
            label = before.split(":")[0].strip().rstrip(":")
            if re.fullmatch(r"(?:Năm|năm)\s+20\d\d", label):  # "- Năm 2026: 2.150 triệu đồng": a year's part
                by_year[int(label.split()[-1])] = found[0]
                facts.add("budget.by_year", f"{label}: {found[0]} triệu đồng", line)
                continue
            stated.append((label, found[0], line))
    if by_year:
        budget["by_year"] = dict(sorted(by_year.items()))
        total = budget.get("total")
        if total is not None and sum(by_year.values()) != total:
            notes.append(f"kinh phí theo năm: các năm cộng được {sum(by_year.values())}, khác tổng {total} (kiểm tra)")
    if stated and sources:  # the table's columns are the sources; the section gives their amounts
        out_sources = sources
        _amounts_for_columns(sources, stated, abbreviations)
        for label, value, line in stated:
            facts.add("budget.sources", f"{label}: {value} triệu đồng", line)
        if any("amount" not in s for s in sources):
            notes.append("nguồn kinh phí: một cột nguồn của bảng không khớp nguồn nào ở mục kinh phí (kiểm tra)")
    elif stated:
        taken: set[str] = set()
        out_sources = []
        for i, (label, value, _) in enumerate(stated):
            out_sources.append({"key": _source_key(label, i, taken), "label": label, "amount": value})
            taken.add(out_sources[-1]["key"])
        for (label, value, line), _entry in zip(stated, out_sources, strict=True):
            facts.add("budget.sources", f"{label}: {value} triệu đồng", line)
        _link_table_sources(out_sources, sources, abbreviations)
    elif sources:
        out_sources = sources
        notes.append("nguồn kinh phí: văn bản không ghi số tiền từng nguồn ngoài bảng (kiểm tra)")
    elif text:
        line = next((ln for ln in lines if re.search(r"nguồn", ln, re.IGNORECASE) and "\t" not in ln), lines[0])
        budget["funding_text"] = line
        taken: set[str] = set()
        out_sources = []
        for label in _named_sources(line):
            out_sources.append({"key": source_key(label, taken), "label": label})
            taken.add(out_sources[-1]["key"])
        notes.append("nguồn kinh phí: văn bản không ghi số tiền từng nguồn (kiểm tra các nguồn đã tách)")
    else:
        out_sources = []
        notes.append("nguồn kinh phí: không tìm thấy mục kinh phí")
    budget["sources"] = out_sources
    if budget_table is not None:
        budget["table"] = _table_totals(budget_table, out_sources, sources)
    elif re.search(r"kèm theo bảng", text, re.IGNORECASE):
        budget["table_missing"] = True
        notes.append("kinh phí: văn bản dẫn chiếu bảng tổng hợp kinh phí nhưng không có bảng")
    return budget


def _unlabelled_words(total_line: str | None) -> re.Match[str] | None:
    """The total in words in brackets right after its figure, without "Bằng chữ:" ("6.745 triệu đồng (Sáu tỷ bảy
    trăm bốn mươi lăm triệu đồng)"): a bracket of words only, that reads as an amount."""
    found = money_in_text(total_line) if total_line else None
    if total_line is None or found is None:
        return None
    m = re.compile(r"\s*\(\s*([^()\d]+?đồng)\s*\)").match(total_line, total_line.find(found[1]) + len(found[1]))
    return m if m and words_to_number(m.group(1)) is not None else None


_YEAR_PART_RE = re.compile(r"\b[Nn]ăm\s+(20\d\d)\s*:\s*([^;]+)")
# a line that splits the plan's money by year ("Phân kỳ kinh phí theo năm: năm 2023: 830 triệu đồng; năm 2024: …"),
# not a task's years in brackets ("kinh phí 260 triệu đồng (năm 2026: 160 …)"), which are that task's note
_BY_YEAR_RE = re.compile(
    r"^\W*(?:\d+\.\s*)?(?:Phân kỳ|Phân bổ|Chia|Kinh phí)\b[^:(]*\b(?:theo|từng|mỗi) năm\b", re.IGNORECASE
)


def _years_in_line(line: str, facts: Facts) -> dict[int, Decimal]:
    """The plan's money year by year where one line of the budget section gives it."""
    if not _BY_YEAR_RE.match(line):
        return {}
    out: dict[int, Decimal] = {}
    for m in _YEAR_PART_RE.finditer(line):
        found = money_in_text(m.group(2))
        if found:
            out[int(m.group(1))] = found[0]
            facts.add("budget.by_year", f"năm {m.group(1)}: {found[0]} triệu đồng", line)
    return out


# the keys the curated plans use for the same kinds of source, so a question that names one ("ngân sách
# Trung ương") finds it in every plan; anything else gets a key from its words
_SOURCE_KINDS = (
    ("nstu", ("trung uong", "nstu", "nstw")),
    ("ns_khoa_hoc", ("su nghiep khoa hoc", "snkh", "su nghiep khcn", "sn khcn")),
    ("ns_huyen", ("cap huyen", "ngan sach huyen", "nsh")),
    ("ns_xa", ("cap xa", "ngan sach xa", "ns xa")),  # since July 2025 communes hold the local budget
    ("ns_thuong_xuyen", ("thuong xuyen", "nstk")),
    ("doi_ung", ("xa hoi hoa", "doi ung", "xhh")),
    ("ns_khac", ("khac",)),
)


def source_kind(label: str) -> str | None:
    """The kind of funding a label names (the curated plans' key for it: 'nstu', 'ns_huyen'…), None if none.

    Central funds first: "Ngân sách Trung ương (Chương trình phát triển tài sản trí tuệ)" is central, whatever
    else its brackets say; "sự nghiệp" before "thường xuyên" for the same reason."""
    f = fold(label)
    for key, marks in _SOURCE_KINDS:
        if any(re.search(rf"(?<!\w){m}(?!\w)", f) for m in marks):
            return key
    return None


def source_key(label: str, taken: set[str]) -> str:
    """A funding source's key: the curated plans' key for its kind when free, else its words."""
    f = fold(label)
    for key, marks in _SOURCE_KINDS:
        if any(re.search(rf"(?<!\w){m}(?!\w)", f) for m in marks) and key not in taken:
            return key
    words = [w for w in f.split() if w not in ("de", "xuat", "ho", "tro", "cua", "tinh")]
    key = re.sub(r"[^a-z0-9_]", "", "_".join(words))[:30].strip("_") or "nguon"
    while key in taken:
        key += "_2"
    return key


def _source_key(label: str, n: int, taken: set[str] | None = None) -> str:
    return source_key(label, taken if taken is not None else set())


def _named_sources(line: str) -> list[str]:
    """'Nguồn kinh phí: A và kinh phí huy động từ B' → ['A', 'Kinh phí huy động từ B'] (no amounts given)."""
    text = line.split(":", 1)[1] if ":" in line else line
    text = re.sub(r"^\s*(?:Sử dụng\s+)?(?:từ\s+)?(?:nguồn\s+)?", "", text)
    text = re.split(r"\s+để\s+", text)[0].strip().rstrip(".;")
    parts = re.split(r"\s+và\s+(?=(?:các\s+)?(?:kinh phí|nguồn|ngân sách|vốn)\b)", text)
    return [p[:1].upper() + p[1:] for p in (p.strip(" ,;") for p in parts) if p][:6]


def _same_source(column: str, stated: str) -> bool:
    """Whether a table column ('NS chi thường xuyên của sở, ngành') is the source the section states
    ('Ngân sách tỉnh (kinh phí chi thường xuyên của các sở, ngành)'): the same words or the same kind."""
    f, lf = fold(column), fold(stated)
    return (
        f == lf
        or ("trung uong" in lf and ("nstu" in f or "trung uong" in f or "nstw" in f))
        or ("su nghiep" in lf and "su nghiep" in f)
        or ("khac" in lf and "khac" in f)
        or (source_kind(column) is not None and source_kind(column) == source_kind(stated))
    )


def _amounts_for_columns(
    columns: list[dict], stated: list[tuple[str, Decimal, str]], abbreviations: dict[str, str]
) -> None:
    """Give each table column ('NS sự nghiệp khoa học') the amount the section states for it (each once)."""
    used: set[int] = set()
    for column in columns:
        label = abbreviations.get(column["label"], column["label"])
        for i, (stated_label, value, _) in enumerate(stated):
            if i not in used and _same_source(label, stated_label):
                column["long_label"] = stated_label
                column["amount"] = value
                used.add(i)
                break


def _link_table_sources(stated: list[dict], columns: list[dict], abbreviations: dict[str, str]) -> None:
    """A table column ('NS sự nghiệp khoa học') that names a stated source keeps the stated one's key."""
    linked: set[int] = set()
    for column in columns:
        label = abbreviations.get(column["label"], column["label"])
        best = next(
            (e for e in stated if id(e) not in linked and _same_source(label, e.get("long_label") or e["label"])),
            None,
        )
        if best is not None:
            linked.add(id(best))
            best["long_label"] = best.get("long_label") or best["label"]
            best["label"] = column["label"]
            column["key"] = best["key"]


def _table_totals(table: Table, sources: list[dict], columns: list[dict]) -> dict:
    cols = table.columns
    out: dict[str, object] = {"title": "Dự toán kinh phí"}
    cong = next((r for r in table.rows if fold(r[0].rstrip(".")) in ("cong", "tong cong")), None)
    if cong is None:
        cong = next((r for r in table.rows if not r[0].strip() and any(fold(c) == "tong cong" for c in r)), None)
    total_at = cols.get("total")
    if cong is not None and total_at is not None and total_at < len(cong):
        value = amount(cong[total_at])
        if value is not None:
            out["stated_task_total"] = (value * table.scale).normalize()
        from ipbot.plans.importing.tasks import _allocation_columns

        allocation = {}
        for column, at in zip(columns, _allocation_columns(table), strict=False):
            if at < len(cong) and amount(cong[at]) is not None:
                allocation[column["key"]] = (amount(cong[at]) * table.scale).normalize()  # type: ignore[operator]
        if allocation:
            out["stated_allocation"] = allocation
    return out


def by_year_in_tables(tables: list[Table], facts: Facts) -> dict[int, Decimal]:
    """The plan's money by year from a table with a column per year and a total row ("Kinh phí phân theo năm và
    nhóm nhiệm vụ": "| Tổng cộng | 2.150 | 3.175 | … | 10.650 |"); {} when no table gives it."""
    for table in tables:
        columns = {int(m.group(1)): i for i, c in enumerate(table.header) if (m := _YEAR_HEAD_RE.fullmatch(fold(c)))}
        if len(columns) < 2:
            continue
        for row in table.rows:
            if not any(re.fullmatch(r"(?:tong cong|cong|tong so|tong)", fold(c).strip()) for c in row[:3]):
                continue
            out = {}
            for year, i in columns.items():
                value = amount(row[i]) if i < len(row) else None
                if value is not None:
                    out[year] = (value * table.scale).normalize()
            if out:
                facts.add("budget.by_year", "; ".join(f"năm {y}: {v}" for y, v in out.items()), " | ".join(row))
                return out
    return {}
