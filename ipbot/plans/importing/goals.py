"""Objectives (the general aims, in the document's words) and targets by year ("Mục tiêu cụ thể")."""

from __future__ import annotations

import re

from ipbot.plans.importing.draft import Facts
from ipbot.plans.importing.table import Table
from ipbot.text import fold

__all__ = ["objectives", "targets"]

_ITEM_RE = re.compile(r"^(?:[-–•+]\s*|[a-zđ]\)\s*|\d+\.\d+\.\d+\.?\s+)(.+)$")
_VALUE_RE = re.compile(
    r"(?:tối thiểu|ít nhất|khoảng|trên|≥)(?: có)? \d+(?:[.,]\d+)?\s*%?"
    r"|\d+\s*[-–]\s*\d+\s*%(?:/năm)?|\d+(?:[.,]\d+)?\s*%|\b\d{2,}\b"
)


def _goal_sections(sections: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    return [(k, v) for k, v in sections.items() if "MỤC TIÊU" in k.upper() or "CHỈ TIÊU" in k.upper()]


def objectives(sections: dict[str, list[str]], facts: Facts, notes: list[str]) -> list[dict]:
    """The general objective's paragraphs (the 'Mục tiêu chung'), else the long lines under 'Mục tiêu'."""
    out: list[dict] = []
    for key, lines in _goal_sections(sections):
        roman = key.split(".", 1)[0]
        general = False
        for line in lines:
            if re.match(r"^\d+\.\s*Mục tiêu chung", line, re.IGNORECASE):
                general = True
                continue
            if re.match(r"^\d+(\.\d+)*\.\s", line) or (re.match(r"^Đến năm", line) and len(line) < 40):
                if general:
                    break
                continue
            if _ITEM_RE.match(line) or len(line) < 60 or "\t" in line:
                continue
            out.append({"section": roman, "kind": "general_objective", "text": line})
            facts.add("objectives", line[:80] + "…", line)
            if len(out) >= 4:
                return out
    if not out:
        notes.append("mục tiêu: không tìm thấy mục tiêu chung (kiểm tra)")
    return out


def _year_of(line: str, default: int | None) -> int | None:
    m = re.search(r"(?:năm|Năm)\s+(20\d\d)", line)
    return int(m.group(1)) if m else default


def _target_columns(table: Table, years: tuple[int, int]) -> list[tuple[int, int, str]]:
    """A targets table's columns by year ("Năm 2024") and for the whole period ("Cả giai đoạn", "Tổng giai đoạn"),
    as (column, year, words for the text): the whole period's figure is a target of its last year, said so."""
    out: list[tuple[int, int, str]] = []
    for i, cell in enumerate(table.header):
        f = fold(cell)
        year = re.fullmatch(r"(?:nam\s+)?(20\d\d)", f)
        if year:
            out.append((i, int(year.group(1)), ""))
        elif re.search(r"\b(?:ca|tong|toan)\s+giai doan\b", f) and years[0] != years[1]:
            out.append((i, years[1], f" (cả giai đoạn {years[0]} - {years[1]})"))
    return out if any(not said for _, _, said in out) else []


def targets(
    sections: dict[str, list[str]], tables: list[Table], years: tuple[int, int], facts: Facts, notes: list[str]
) -> list[dict]:
    """Targets by year: items under a year's heading ('2.1. Năm 2024', 'Đến năm 2025') or a targets table."""
    out: list[dict] = []
    counter: dict[int, int] = {}

    def add(year: int, text: str, roman: str, passage: str, value: str | None = None) -> None:
        counter[year] = counter.get(year, 0) + 1
        m = value or (_VALUE_RE.search(text).group(0) if _VALUE_RE.search(text) else None)
        out.append(
            {
                "id": f"{year}.{counter[year]}",
                "year": year,
                "section": roman,
                "category": "chỉ tiêu",
                "text": text.rstrip(".;"),
                **({"value": m} if m else {}),
            }
        )
        facts.add(f"targets[{year}]", text, passage)

    for key, lines in _goal_sections(sections):
        roman = key.split(".", 1)[0]
        # "III. MỤC TIÊU NĂM 2025" with "1. …", "2. …": the heading gives the year, its numbered items are the targets
        headed = re.search(r"NĂM\s+(20\d\d)\s*$", key.upper())
        year: int | None = int(headed.group(1)) if headed else None
        specific = bool(headed)
        every_year = ""
        for line in lines:
            numbered = re.match(r"^\d+\.\s+(.{40,})$", line) if headed else None
            if numbered and specific and not re.match(r"^\d+\.\s*(?:Mục tiêu|Chỉ tiêu)", line, re.IGNORECASE):
                add(year, numbered.group(1), roman, line)  # type: ignore[arg-type]
                continue
            if "\t" in line:
                continue
            by_then = re.match(r"^(?:Đến|Đến hết)\s+năm\s+(20\d\d)\s*,\s*\S.{20,}$", line)
            if by_then and specific:  # "Đến năm 2025, 100% cán bộ … được bồi dưỡng …": a target said as a sentence
                add(int(by_then.group(1)), line, roman, line)
                continue
            heading = re.match(r"^(?:\d+(?:\.\d+)*\.\s*)?(.{0,60})$", line)
            if re.search(r"(mục tiêu|chỉ tiêu) cụ thể", line, re.IGNORECASE) and len(line) < 90:
                specific = True
                year = _year_of(line, years[0] if years[0] == years[1] else None)
                continue
            if re.match(r"^\d+\.\s*Mục tiêu chung", line, re.IGNORECASE):
                specific = False
                continue
            if heading and re.search(r"(?:^|\s)(?:Đến năm|Năm|năm)\s+20\d\d\s*:?$", line.strip()) and len(line) < 60:
                year = _year_of(line, year)
                specific, every_year = True, ""
                continue
            if re.fullmatch(r"(?:\d+(?:\.\d+)*\.\s*|[a-zđ]\)\s*)?(?:Hằng|Hàng|Mỗi) năm\s*:?", line.strip()):
                # "1. Hằng năm": targets set for every year of the plan, filed under its first year and saying so
                year, specific, every_year = years[0], True, "Hằng năm: "
                continue
            item = _ITEM_RE.match(line)
            if item and specific and year:
                add(year, every_year + item.group(1), roman, line)
    for (
        table
    ) in tables:  # "| TT | Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2025 |", "Chỉ tiêu | Năm 2023 | … | Cả giai đoạn"
        header = [fold(c) for c in table.header]
        if len(header) < 3 or not any("chi tieu" in h for h in header):
            continue
        columns = _target_columns(table, years)
        if not columns and out:
            continue  # the items under the heading are the targets; a table of one column repeats them
        name_at = next(i for i, h in enumerate(header) if "chi tieu" in h)
        unit_at = next((i for i, h in enumerate(header) if "don vi" in h), None)
        last = len(header) - 1
        for row in table.rows:
            if not row[name_at]:
                continue
            unit = row[unit_at] if unit_at is not None and unit_at < len(row) else ""
            unit = f" {unit.lower()}" if unit and unit != "%" else ""
            for at, year, said in columns or [(last, _year_of(table.header[last], years[0]) or years[0], "")]:
                if at < len(row) and row[at].strip():
                    add(year, f"{row[name_at]}{said}: {row[at]}{unit}", "II", "\t".join(row), row[at])
    if not out:
        notes.append("chỉ tiêu: không tìm thấy chỉ tiêu theo năm (kiểm tra phần mục tiêu)")
    return out
