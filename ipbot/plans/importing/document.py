"""A plan document as lines: read from .txt or .docx, cleaned of what copying added, the decision set apart.

Real plans reach us in three shapes besides the clean text the importer was built on:
- a decision ("Căn cứ …", "QUYẾT ĐỊNH:", "Điều 1 … Điều 3", its signature and "Nơi nhận") with the
  plan attached after it: the plan's sections start at the "KẾ HOẠCH" heading that follows "Điều 1";
- copies from legal portals: sentences broken across lines, table cells between ``|``, and the site's
  banners, links and menus;
- tasks in a table (read in :mod:`ipbot.plans.importing.table`).
This module turns every shape into the same lines: NFC, one paragraph per line, tables as
tab-separated rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ipbot.text import fold, nfc

__all__ = ["Document", "load", "read_document"]

# What a legal portal wraps around a document: links, menus, notices. A line is dropped when it
# is one of these (short lines only: a sentence of the plan that mentions a website stays).
_BANNER_RES = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"https?://\S+",
        r"\bwww\.\S+",
        r"\b[\w-]+\.(?:vn|com|net|org)\b",
        r"^(?:trang chủ|đăng nhập|đăng ký|tải về|tải văn bản|in văn bản|bản in|chia sẻ|theo dõi|lưu trữ)\b",
        r"^(?:văn bản gốc|văn bản liên quan|văn bản tiếng anh|lược đồ|thuộc tính|mục lục|nội dung mif)\b",
        r"^(?:hiệu lực|tình trạng(?: hiệu lực)?|ngày hiệu lực|ngày công báo|số công báo|lĩnh vực|loại văn bản)\s*:",
        r"^(?:cơ quan ban hành|nơi ban hành|người ký|ngày ban hành|số hiệu)\s*:\s*\S",
        r"^(?:bạn (?:đang|chưa)|vui lòng|quý khách|hotline|tổng đài|email\s*:|copyright|©)",
        r"^(?:thư viện pháp luật|luật việt nam|luatvietnam|cơ sở dữ liệu quốc gia về văn bản)",
        r"^trang\s+\d+(?:\s*/\s*\d+)?$",
        r"^(?:quảng cáo|advertisement|xem thêm|xem tiếp|đọc thêm)\b",
    )
)
# a portal's menu bar, printed as a row of cells ("Trang chủ | Văn bản pháp luật | …")
_MENU_WORDS = frozenset(
    fold(w)
    for w in (
        "trang chủ",
        "văn bản pháp luật",
        "hỏi đáp pháp luật",
        "biểu mẫu",
        "tiện ích",
        "dịch vụ",
        "tải văn bản",
        "lưu trữ",
        "theo dõi văn bản",
        "ghi chú",
        "in",
        "chia sẻ",
        "nội dung",
        "tóm tắt",
        "văn bản gốc",
        "tiếng anh",
        "thuộc tính",
        "lược đồ",
        "liên quan hiệu lực",
        "tải về",
        "văn bản gốc (pdf)",
        "văn bản word",
        "gửi văn bản",
        "văn bản cùng lĩnh vực",
        "văn bản mới",
        "văn bản được quan tâm",
        "đăng nhập",
        "đăng ký",
        "quên mật khẩu",
        "liên hệ",
        "giới thiệu",
        "chính sách bảo mật",
        "điều khoản sử dụng",
        "hướng dẫn sử dụng",
        "facebook",
        "zalo",
        "email",
        "chia sẻ: facebook",
    )
)
_BORDER_RE = re.compile(r"^[\s|+:=_-]*[-=_]{3,}[\s|+:=_-]*$")
_ITEM_RE = re.compile(
    r"^(?:[IVX]{1,4}\.|\d{1,2}(?:\.\d{1,2})*\.?\s|[a-zđ]\)|[-–•+*]\s|Điều\s+\d|Nơi nhận|Căn cứ|Xét đề nghị)"
)
_LABEL_START_RE = re.compile(r"^(?:Mục tiêu|Cơ quan chủ trì|Cơ quan phối hợp|Chủ trì|Phối hợp|Thời gian|Kinh phí)\b")
_END_RE = re.compile(r"[.:;!?…)\]\"”/]$")


@dataclass
class Document:
    """The cleaned lines and where the plan itself begins (after a decision that issues it)."""

    lines: list[str]
    plan_start: int = 0
    cleaning: list[str] = field(default_factory=list)

    @property
    def plan(self) -> list[str]:
        """The plan's own lines (the whole document when no decision wraps it)."""
        return self.lines[self.plan_start :]

    @property
    def wrapper(self) -> list[str]:
        """The decision's lines before the plan (empty when there is none)."""
        return self.lines[: self.plan_start]


def read_document(path: Path) -> list[str]:
    """The document's lines, NFC, cleaned; tables as tab-separated rows (both .txt and .docx)."""
    return load(path).lines


def load(path: Path) -> Document:
    """Read, clean and split a plan document."""
    docx = path.suffix.lower() == ".docx"
    raw = _docx_lines(path) if docx else path.read_text(encoding="utf-8-sig").splitlines()
    return clean(raw)


def clean(raw: list[str]) -> Document:
    """Lines as a plan's paragraphs: markup, portal banners and hard line breaks removed."""
    cleaning: list[str] = []
    lines: list[str] = []
    banners = borders = 0
    raw = _without_page_numbers(raw)
    for line in raw:
        line = re.sub(r"\[bookmark:[^\]]*\]", "", nfc(line)).replace("**", "")
        line = re.sub(r"<[^>]+>", " ", line) if line.lstrip().startswith("<") else line
        if _BORDER_RE.match(line) and line.strip():
            borders += 1
            continue
        if line.count("|") >= 2 and "\t" not in line:
            line = _pipe_row(line)
        if "\t" in line and _banner_row(line):
            banners += 1
            continue
        if "\t" in line:  # tabs are table cells, leading or trailing: keep them; trim only spaces
            lines.append(line.strip(" \u00a0\r\n"))
            continue
        line = re.sub(r"[ \u00a0]+", " ", line).strip()
        if line and len(line) <= 120 and any(r.search(line) for r in _BANNER_RES):
            banners += 1
            continue
        lines.append(line)
    if banners:
        cleaning.append(f"đã bỏ {banners} dòng của trang web (đường dẫn, menu, thông báo): kiểm tra không mất nội dung")
    if borders:
        cleaning.append(f"đã bỏ {borders} dòng kẻ bảng")
    footer = next(
        (i for i, ln in enumerate(lines) if i > len(lines) * 0.6 and re.match(r"^Văn bản liên quan\s*:?\s*$", ln)), None
    )
    if footer is not None:
        banners += len(lines) - footer
        lines = lines[:footer]
    lines = _merge_wrapped_cells(lines)
    joined = _join_broken_lines(lines)
    if _wrapped(lines) and len(joined) < len([ln for ln in lines if ln]):
        cleaning.append("đã nối các dòng bị ngắt giữa câu (bản sao từ trang web): kiểm tra các đoạn")
    doc = Document(joined, _plan_start(joined), cleaning)
    return doc


def _without_page_numbers(raw: list[str]) -> list[str]:
    """A page number (a line of one to three digits between blank lines) goes, with the blank line after it,
    so the sentence it interrupted joins up again."""
    out: list[str] = []
    skip_blank = False
    for i, line in enumerate(raw):
        if skip_blank and not line.strip():
            skip_blank = False
            continue
        skip_blank = False
        before = raw[i - 1].strip() if i else ""
        after = raw[i + 1].strip() if i + 1 < len(raw) else ""
        if re.fullmatch(r"\d{1,3}", line.strip()) and not before and not after:
            if out and not out[-1].strip():
                out.pop()
            skip_blank = True
            continue
        out.append(line)
    return out


def _docx_lines(path: Path) -> list[str]:
    from docx import Document as Docx  # only .docx imports need python-docx

    doc = Docx(str(path))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text.replace("\n", " ") for cell in row.cells))
    return lines


def _banner_row(line: str) -> bool:
    """A row of menu items or of the portal's metadata ('Số hiệu: | 58/KH-UBND | Loại văn bản: | Kế hoạch')."""
    cells = [c.strip() for c in line.split("\t") if c.strip()]
    if not cells:
        return False
    menu = sum(fold(c) in _MENU_WORDS for c in cells)
    joined = " ".join(cells)
    return (
        menu * 2 >= len(cells)
        or bool(
            re.match(r"^(?:số hiệu|nơi ban hành|ngày ban hành|ngày công báo|tình trạng|loại văn bản)\s*:", joined, re.I)
        )
        or bool(re.match(r"^chia sẻ\s*:", joined, re.I))
    )


def _pipe_row(line: str) -> str:
    """'| 1.1 | Xây dựng … | Sở KH&CN |' → tab-separated cells (the outer bars dropped)."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    cells = [c.strip() for c in text.split("|")]
    return "\t".join(cells) if len(cells) > 1 else cells[0]


def _merge_wrapped_cells(lines: list[str]) -> list[str]:
    """A table row printed over several lines (the later ones with an empty first cell and no figure of
    their own in a cell that already has text) is one row: its cells are joined."""
    out: list[str] = []
    for line in lines:
        if "\t" in line and out and "\t" in out[-1]:
            cells, previous = line.split("\t"), out[-1].split("\t")
            head = fold(previous[0])
            if (
                not cells[0].strip()
                and previous[0].strip()
                and head not in ("stt", "tt", "so tt")
                and len(cells) == len(previous)
                and any(c.strip() for c in cells)
                and not any(re.fullmatch(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?", c.strip()) for c in cells)
            ):
                merged = [f"{p} {c}".strip() if c.strip() else p for p, c in zip(previous, cells, strict=True)]
                out[-1] = "\t".join(merged)
                continue
        out.append(line)
    return out


def _wrapped(lines: list[str]) -> bool:
    """Whether the text is hard-wrapped: its prose lines are all about one width, none a long paragraph."""
    prose = sorted(len(ln) for ln in lines if ln and "\t" not in ln)
    if len(prose) < 20:
        return False
    return prose[int(len(prose) * 0.95)] <= 110 and sum(55 <= n <= 110 for n in prose) >= len(prose) * 0.3


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Join a sentence broken over lines: the next line goes on in lower case, or (in a hard-wrapped copy)
    the line stops without punctuation and the next one starts no item, heading or label."""
    wrapped = _wrapped(lines)
    out: list[str] = []
    for line in lines:
        if out and line and out[-1] and "\t" not in line and "\t" not in out[-1]:
            previous = out[-1]
            starts_lower = line[0].islower() and not re.match(r"^[a-zđ]\)", line)
            heading = bool(re.match(r"^[IVX]{1,4}\.\s", previous)) or (previous.isupper() and len(previous) < 80)
            goes_on = (
                wrapped
                and len(previous) >= 45
                and not _END_RE.search(previous)
                and not _ITEM_RE.match(line)
                and not _LABEL_START_RE.match(line)
                and not line.isupper()
                and not heading
                and not re.match(r"^(?:Thực hiện|Căn cứ|Xét|Theo đề nghị)\b", line)
            )
            forced = (
                wrapped
                and len(previous) >= 60
                and not _END_RE.search(previous)
                and not heading
                and not re.match(r"^(?:[IVX]{1,4}\.\s|[a-zđ]\)|Điều\s+\d|Nơi nhận)", line)
                and not _LABEL_START_RE.match(line)
                and not re.match(r"^(?:Thực hiện|Căn cứ|Xét|Theo đề nghị)\b", line)
            )
            amount_alone = bool(re.match(r"^\d[\d.,]*\s*(?:triệu|tỷ|tỉ|đồng)", line))
            if (starts_lower and not _END_RE.search(previous) and not previous.isupper()) or goes_on or forced:
                out[-1] = f"{previous} {line}"
                continue
            if amount_alone and not re.match(r"^\d+\.\s", line):
                out[-1] = f"{previous} {line}"
                continue
        out.append(line)
    return [ln for ln in out if ln]


def _plan_start(lines: list[str]) -> int:
    """Where the attached plan begins: the 'KẾ HOẠCH' heading after a decision's 'Điều 1'; else 0."""
    article = next((i for i, ln in enumerate(lines) if re.match(r"^Điều\s+1\b", ln)), None)
    if article is None:
        return 0
    for i in range(article + 1, len(lines)):
        if is_plan_heading(lines[i]):
            return i
    return 0


def is_plan_heading(line: str) -> bool:
    """'KẾ HOẠCH' (alone, or in capitals with its title: 'KẾ HOẠCH TRIỂN KHAI …')."""
    folded = fold(line)
    return folded == "ke hoach" or (folded.startswith("ke hoach ") and line.isupper())
