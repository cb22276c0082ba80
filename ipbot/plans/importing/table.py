"""Tables of a plan: the budget table ("Phụ lục") and tables that list the tasks themselves.

Columns are found by their header words, not their position: a budget table ("STT | Nội dung |
Mục tiêu | Thời gian | Chủ trì | Phối hợp | Tổng kinh phí | NS sự nghiệp khoa học | … | Ghi chú")
and a task table ("TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | Kinh phí |
Nguồn") are read the same way. A second header line naming the allocation columns is merged into
the first at its positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ipbot.text import fold

__all__ = ["Table", "amount", "printed", "read_tables"]

_NUMBER_HEADS = ("stt", "tt", "so tt", "so thu tu")
_YEAR_HEAD_RE = re.compile(r"(?:nam\s+)?(20\d\d)(?:\s*\(\d+\))?")


def amount(cell: str) -> Decimal | None:
    """'1.200' → 1200; '9,2' → 9.2; '1.200,5' → 1200.5; anything else → None."""
    cell = cell.strip().replace(" ", "")
    if not re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?|\d+(,\d+)?", cell):
        return None
    try:
        return Decimal(cell.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def printed(value: Decimal) -> str:
    """1055 → '1.055', 9.5 → '9,5': an amount as the plans print it (for notes a reviewer compares)."""
    whole, _, frac = f"{value.normalize():f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{frac}" if frac else grouped


@dataclass
class Table:
    """One table: its merged header, its rows (cells), the columns by role and the unit of its figures."""

    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)  # the first header line as printed (folded)
    scale: Decimal = Decimal(1)  # to million VND

    @property
    def columns(self) -> dict[str, int]:
        cols: dict[str, int] = {}
        for i, cell in enumerate(self.header):
            f = fold(cell)
            if i == 0 and f in _NUMBER_HEADS:
                cols["number"] = 0
            elif ("noi dung" in f or "nhiem vu" in f or "hoat dong" in f or "ten de an" in f) and "content" not in cols:
                cols["content"] = i
            elif "muc tieu" in f and "objective" not in cols:
                cols["objective"] = i
            elif ("san pham" in f or "ket qua" in f) and "product" not in cols:
                cols["product"] = i
            elif ("thoi gian" in f or "tien do" in f) and "time" not in cols:
                cols["time"] = i
            elif "chu tri" in f and "lead" not in cols:
                cols["lead"] = i
            elif "phoi hop" in f and "coop" not in cols:
                cols["coop"] = i
            elif _YEAR_HEAD_RE.fullmatch(f):
                continue  # "Năm 2026": one year's part of the total (:attr:`years`), not a source
            elif (
                "tong kinh phi" in f
                or (f.startswith("kinh phi") and "phan bo" not in f)
                or re.match(r"tong (?:giai doan|so|cong|ca)\b", f)  # "Tổng giai đoạn 2026 - 2027"
            ) and "total" not in cols:
                cols["total"] = i
            elif "ghi chu" in f and "note" not in cols:
                cols["note"] = i
            elif f.startswith("nguon") and "source" not in cols:
                cols["source"] = i
        return cols

    @property
    def years(self) -> dict[int, int]:
        """The columns that split the total by year ("Năm 2026 | Năm 2027"): year → column."""
        out: dict[int, int] = {}
        for i, cell in enumerate(self.header):
            m = _YEAR_HEAD_RE.fullmatch(fold(cell))
            if m and i > self.columns.get("total", len(self.header)):
                out[int(m.group(1))] = i
        return out

    @property
    def is_tasks(self) -> bool:
        """A table that names who leads each row: it lists tasks (a budget table or a task table)."""
        cols = self.columns
        return "content" in cols and ("lead" in cols or "total" in cols)


def _scale(header: list[str]) -> Decimal:
    text = fold(" ".join(header))
    if re.search(r"\bnghin dong\b|\bngan dong\b|1\.000 dong", text):
        return Decimal("0.001")
    if re.search(r"\btrieu dong\b|\btr dong\b|\btrieu\b", text):
        return Decimal(1)
    if re.search(r"\(\s*dong\s*\)|don vi tinh dong\b|dvt dong\b", text):
        return Decimal("0.000001")
    return Decimal(1)


def read_tables(lines: list[str]) -> list[Table]:
    """Every table of the lines (tab-separated rows), the header (and its second line) merged."""
    tables: list[Table] = []
    current: Table | None = None
    after_header = False
    unit_line = ""
    for line in lines:
        if "\t" not in line:
            after_header = False
            if re.search(r"đơn vị(?: tính)?\s*:|ĐVT\s*:", line, re.IGNORECASE):
                unit_line = line
            continue
        cells = [c.strip() for c in line.split("\t")]
        # "Chỉ tiêu | Năm 2023 | Năm 2024 | Năm 2025 | Cả giai đoạn": a targets table, its rows named, not numbered
        if cells and (fold(cells[0]) in _NUMBER_HEADS or (fold(cells[0]) == "chi tieu" and len(cells) >= 3)):
            if current is None or [fold(c) for c in cells] != current.printed:  # else the header repeated
                current = Table(header=list(cells), printed=[fold(c) for c in cells])
                current.scale = _scale([*cells, unit_line])
                tables.append(current)
            after_header = True
            continue
        if current is None:
            continue
        if after_header and not cells[0] and not any(amount(c) for c in cells):
            for i, cell in enumerate(cells):
                if cell and i < len(current.header):
                    current.header[i] = cell
                elif cell:
                    current.header.append(cell)
            after_header = False
            continue
        after_header = False
        if _column_keys(cells):
            continue  # "A | B | C | (1)=(2)+(3) | (2) | (3)": the columns' letters, no row of the plan
        if len(cells) >= 3 and (len(cells[0]) <= 12 or fold(current.header[0]) == "chi tieu"):
            if _goes_on(current, cells):
                _join_row(current.rows[-1], cells)
            else:
                current.rows.append(cells)
    return [t for t in tables if t.rows]


def _goes_on(table: Table, cells: list[str]) -> bool:
    """A row that is the numbered row above run onto a second printed line ("| | | | Vị Thủy, Châu Thành A |",
    "| | nguồn gốc (dự án …) | … |"): no number, no amount, and its content cell, if any, goes on in lower
    case (a row of its own, a group's heading, starts with a capital)."""
    if cells[0].strip() or not table.rows or not table.rows[-1][0].strip():
        return False
    if any(amount(c) is not None for c in cells):
        return False
    at = table.columns.get("content", 1)
    content = cells[at].strip() if at < len(cells) else ""
    return any(c.strip() for c in cells) and (not content or content[:1].islower())


def _join_row(row: list[str], more: list[str]) -> None:
    """The second line's words after the first's, cell by cell."""
    row.extend([""] * (len(more) - len(row)))
    for i, cell in enumerate(more):
        if cell.strip():
            row[i] = f"{row[i]} {cell.strip()}".strip()


_COLUMN_KEY_RE = re.compile(r"[A-ZĐ]|\(?\d{1,2}\)?(?:\s*=\s*[()\d\s+\-x*]+)?")


def _column_keys(cells: list[str]) -> bool:
    """A row that only names the columns ("A | B | C | D | (1)=(2)+(3) | (2) | (3)", "(1) | (2) | (3)")."""
    filled = [c.strip() for c in cells if c.strip()]
    return len(filled) >= 3 and all(_COLUMN_KEY_RE.fullmatch(c) for c in filled)
