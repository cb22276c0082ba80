"""Draft a curated plan file from a plan document (.txt or .docx), for a human to review.

The importer reads the genre, not particular files: the heading ("Số: 160/KH-UBND",
"Thái Bình, ngày 23 tháng 11 năm 2021", "KẾ HOẠCH …"), the preamble's decisions, roman
sections (mục tiêu, nội dung/nhiệm vụ, kinh phí, tổ chức thực hiện, chế độ báo cáo),
numbered groups with their items in any of the three numbering styles ("a)", "3.3.",
bare paragraphs and dashes), "Mục tiêu / Cơ quan chủ trì / Cơ quan phối hợp" blocks,
the tab-separated budget table with its "Cộng" row, targets "Đến năm 2025", duties per
agency and the reporting deadline. Agencies resolve through the registry; new ones
become the plan's own. Whatever it could not fill, or is unsure of, goes into
``draft_notes``, which ``ipbot check-data`` reports as warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ipbot.plans.models import AgencyDef
from ipbot.text import fold, nfc

__all__ = ["Draft", "draft_plan", "read_document"]

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_SECTION_RE = re.compile(rf"^({'|'.join(_ROMAN)})\.\s*(.+?)\s*:?\s*$")
_GROUP_RE = re.compile(r"^(\d{1,2})\.\s+(.+?)\s*:?\s*$")
_NUMBERED_RE = re.compile(r"^(\d{1,2}\.\d{1,2})\.?\s+(.+)$")
_LETTER_RE = re.compile(r"^([a-zđ])\)\s*(.+)$")
_DASH_RE = re.compile(r"^[-–•]\s*(.+)$")
_LABEL_RE = re.compile(r"^(Mục tiêu|Cơ quan chủ trì|Cơ quan phối hợp|Nội dung tập huấn)\s*:\s*(.*)$", re.IGNORECASE)
_QUARTER_RE = re.compile(r"Quý\s+(IV|III|II|I)(?:\s*[-–]\s*(IV|III|II|I))?", re.IGNORECASE)
_ROMAN_Q = {"I": 1, "II": 2, "III": 3, "IV": 4}
_DURATION_RE = re.compile(r"thời gian thực hiện(?: nhiệm vụ)?\s*:\s*(\d+)\s*tháng", re.IGNORECASE)
_MONEY_DONG_RE = re.compile(r"(\d{1,3}(?:\.\d{3})+)\s*đồng")
_DECISION_RE = re.compile(
    r"Quyết định số\s+([\w/.-]+)\s+ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})"
    r"(?:\s+của\s+([^,;“\"]+?))?(?=\s+(?:về|phê duyệt|ban hành)|[,;“\"]|$)"
)


@dataclass
class Draft:
    """The draft plan as plain data (ready for YAML) and what a reviewer must check."""

    data: dict[str, object]
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- reading
def read_document(path: Path) -> list[str]:
    """The document's lines, NFC; tables as tab-separated rows (both .txt and .docx)."""
    docx = path.suffix.lower() == ".docx"
    lines = _docx_lines(path) if docx else path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        line = re.sub(r"\[bookmark:[^\]]*\]", "", nfc(line)).replace("**", "")
        line = re.sub(r"<[^>]+>", " ", line) if line.lstrip().startswith("<") else line
        # tabs are table cells, leading or trailing: keep them; trim only spaces
        out.append(line.strip(" \u00a0\r\n") if "\t" in line else line.strip())
    return out


def _docx_lines(path: Path) -> list[str]:
    from docx import Document  # only .docx imports need python-docx

    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text.replace("\n", " ") for cell in row.cells))
    return lines


# ---------------------------------------------------------------- agencies
class AgencyMatcher:
    """Agency names in free text → registry ids (longest alias first); the rest become new agencies."""

    _HEADS = (
        "sở ",
        "ban ",
        "trung tâm",
        "hội ",
        "cục ",
        "chi cục",
        "đài ",
        "báo ",
        "ubnd",
        "ủy ban",
        "uỷ ban",
        "liên hiệp",
        "hiệp hội",
        "văn phòng",
        "công an",
        "đoàn ",
        "liên minh",
        "trường",
        "viện",
        "cổng",
    )

    def __init__(self, registry: list[AgencyDef], province: str) -> None:
        self.province = province
        phrases: dict[str, str] = {}
        for agency in registry:
            for name in (agency.name, *agency.aliases, *([agency.short] if agency.short else [])):
                key = self._key(name.replace("{province}", province))
                if len(key) >= 4:
                    phrases.setdefault(key, agency.id)
        self.phrases = sorted(phrases.items(), key=lambda kv: -len(kv[0]))
        self.new: dict[str, AgencyDef] = {}

    @staticmethod
    def _key(text: str) -> str:
        """Folded words without the fillers that vary between documents ("Sở Tư pháp tỉnh", "các sở").

        "tỉnh"/"huyện" stay after "nhân dân"/"UBND"/"cấp": they are what tells the province's
        People's Committee from the districts'.
        """
        kept: list[str] = []
        for word in fold(text).split():
            whose = word in ("tinh", "huyen") and bool(kept) and kept[-1] in ("dan", "ubnd", "cap")
            if whose or word not in ("va", "cac", "tinh", "huyen", "thi", "xa"):
                kept.append(word)
        return " ".join(kept)

    def resolve(self, text: str) -> tuple[list[str], list[str]]:
        """(agency ids in order, notes about names it had to create or could not place)."""
        text = text.strip().rstrip(".;")
        if not text:
            return [], []
        key = self._key(text)
        found: list[tuple[int, str]] = []
        taken: list[tuple[int, int]] = []
        for phrase, slug in self.phrases:
            for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", key):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append(m.span())
                found.append((m.start(), slug))
        rest = key
        for s, e in sorted(taken, reverse=True):
            rest = rest[:s] + " " * (e - s) + rest[e:]
        notes = []
        names: list[str] = []
        after = ";"
        for piece, sep in re.findall(r"([^;,]+)([;,]|$)", text):
            piece = piece.strip()
            if not piece or not self._key(piece).strip() or self._key(piece) not in rest:
                after = sep
                continue
            if piece.lower().startswith(self._HEADS) and len(piece) > 6:
                names.append(piece)
            elif names and after == "," and piece[:1].isupper():
                names[-1] += ", " + piece  # "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh"
            after = sep
        for name in names:
            slug = self._new(name)
            found.append((len(key), slug))
            notes.append(f"cơ quan mới «{name}» (id {slug}): kiểm tra tên và bí danh")
        ids = list(dict.fromkeys(slug for _, slug in sorted(found)))
        return ids, notes

    def _new(self, name: str) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:40].rstrip("-") or "co-quan-moi"
        if slug not in self.new:
            self.new[slug] = AgencyDef(id=slug, name=name, scope="province", kind="other", aliases=[])
        return slug


# ---------------------------------------------------------------- helpers
def _amount(cell: str) -> Decimal | None:
    """'1.200' → 1200; '9,2' → 9.2; anything else → None."""
    cell = cell.strip().replace(" ", "")
    if not re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?|\d+(,\d+)?", cell):
        return None
    try:
        return Decimal(cell.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def _dong_to_million(text: str) -> Decimal | None:
    m = _MONEY_DONG_RE.search(text)
    if not m:
        return None
    return (Decimal(m.group(1).replace(".", "")) / Decimal(1_000_000)).normalize()


def _quarters(text: str) -> list[int]:
    m = _QUARTER_RE.search(text)
    if not m:
        return []
    first = _ROMAN_Q[m.group(1).upper()]
    last = _ROMAN_Q[m.group(2).upper()] if m.group(2) else first
    return list(range(first, last + 1))


def _title(content: str) -> str:
    words = re.sub(r"\s*\(.*?\)", "", content).split()
    title = " ".join(words[:10]).rstrip(".,;:")
    return title[:60]


def _key_of_source(label: str) -> str:
    words = [w for w in fold(label).split() if w not in ("de", "xuat", "ho", "tro", "cua", "tinh")]
    return "_".join(words)[:30] or "nguon"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# ---------------------------------------------------------------- the draft
def draft_plan(path: Path, registry: list[AgencyDef]) -> Draft:
    """Read a plan document and draft its data file."""
    lines = read_document(path)
    notes: list[str] = []
    body = [ln for ln in lines if ln]

    header = _header(body, notes)
    province = header["province"]
    matcher = AgencyMatcher(registry, province)
    sections = _sections(body)
    table_rows, header_cells = _table(body)
    narrative_key = next((k for k in sections if re.search(r"NỘI DUNG|NHIỆM VỤ", k.upper())), None)
    groups, tasks = _tasks(sections.get(narrative_key, []), header, matcher, notes)
    sources = _apply_table(tasks, groups, table_rows, header_cells, matcher, header, notes)
    budget = _budget(sections, sources, table_rows, header_cells, notes)
    targets = _targets(sections, notes)
    responsibilities, closing, closing_recipient = _responsibilities(sections, matcher, notes)
    _leads_by_reference(responsibilities, tasks, notes)
    reporting = _reporting(sections, matcher)
    objectives = _objectives(sections)

    year_start, year_end = header["years"]
    data: dict[str, object] = {
        "id": header["id"],
        "province": province,
        "province_id": _slug(province),
        "title": header["title"],
        "short_title": header["short_title"],
        "source_file": f"{header['id']}.txt",  # `import-text` stores the NFC text under the plan's id
        "year_start": year_start,
        "year_end": year_end,
        "horizon": header["horizon"],
        "number": header["number"],
        "issued": header["issued"],
        "issued_text": header["issued_text"],
        "issuer": f"Ủy ban nhân dân tỉnh {province}",
        "signer": header["signer"],
        "implements": header["implements"],
        "objectives": objectives,
        "groups": groups,
        "tasks": tasks,
        "budget": budget,
        "targets": targets,
        "responsibilities": responsibilities,
        "reporting": reporting,
        "closing": closing,
        "closing_recipient": closing_recipient,
        "agencies": [a.model_dump(exclude_defaults=True) | {"id": a.id, "name": a.name} for a in matcher.new.values()],
        "discrepancies": [],
        "draft_notes": [],
    }
    if not header["number"]:
        notes.append("số hiệu: không tìm thấy «Số: …/KH-…» (văn bản có thể để trống)")
    if not header["signer"]:
        notes.append("người ký: không tìm thấy phần ký")
    data["draft_notes"] = list(dict.fromkeys(notes))
    return Draft(data, list(dict.fromkeys(notes)))


def _header(lines: list[str], notes: list[str]) -> dict:
    number = None
    for line in lines[:15]:
        m = re.search(r"Số\s*:\s*(\d+)\s*/\s*([A-ZĐ][A-ZĐ\-]*)", line)
        if m:
            number = f"{m.group(1)}/{m.group(2)}"
            break
    issued = issued_text = None
    place = None
    for line in lines[:20]:
        m = re.search(r"^(.+?),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", line)
        if m:
            place = m.group(1).strip()
            issued = f"{int(m.group(4)):04d}-{int(m.group(3)):02d}-{int(m.group(2)):02d}"
            issued_text = line.strip()
            break
    start = next((i for i, ln in enumerate(lines) if fold(ln) == "ke hoach"), None)
    title_lines = []
    if start is not None:
        for ln in lines[start + 1 : start + 5]:
            if re.match(r"^(Thực hiện|Triển khai|Căn cứ)\b", ln) and title_lines:
                break
            title_lines.append(ln)
            if len(" ".join(title_lines)) > 80 and not ln.endswith(","):
                break
    title = "Kế hoạch " + " ".join(title_lines).strip()
    title = re.sub(r"\s+", " ", title)
    province = place or ""
    m = re.search(r"tỉnh\s+([A-ZĐ][\wÀ-ỹ]*(?:\s+[A-ZĐ][\wÀ-ỹ]*)*)", title)
    if m:
        province = m.group(1)
    if not province:
        notes.append("tỉnh: không xác định được")
        province = "Chưa rõ"
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", title)]
    rng = re.search(r"(20\d\d)\s*[-–]\s*(20\d\d)", title)
    horizon_m = re.search(r"(?:đến|định hướng đến)\s+năm\s+(20\d\d)", title)
    horizon = int(horizon_m.group(1)) if horizon_m else None
    if rng:
        year_start, year_end = int(rng.group(1)), int(rng.group(2))
    else:
        annual = re.search(r"(?:thực hiện|năm)\s+(20\d\d)", title.replace(f"đến năm {horizon}", ""))
        year = int(annual.group(1)) if annual else (years[-1] if years else 0)
        year_start = year_end = year
    if not year_start:
        notes.append("năm/thời kỳ của kế hoạch: không xác định được")
        year_start = year_end = int(issued[:4]) if issued else 2000
    pid = f"{_slug(province)}-{year_start}" + (f"-{horizon or year_end}" if year_end != year_start else "")
    short = (
        f"Kế hoạch SHTT năm {year_start} tỉnh {province}"
        if year_start == year_end
        else (
            f"Kế hoạch {number or 'SHTT'} tỉnh {province} ({year_start}–{year_end}"
            + (f", định hướng {horizon})" if horizon else ")")
        )
    )
    preamble = " ".join(lines[start + 1 + len(title_lines) : start + 8]) if start is not None else ""
    implements = []
    for m in _DECISION_RE.finditer(preamble):
        implements.append(
            {
                "number": m.group(1).rstrip("."),
                "date": f"{int(m.group(4)):04d}-{int(m.group(3)):02d}-{int(m.group(2)):02d}",
                "issuer": (m.group(5) or "").strip() or None,
                "text": m.group(0).strip(),
            }
        )
    signer = None
    for i in range(len(lines) - 1, max(0, len(lines) - 60), -1):
        if re.search(r"\bCHỦ TỊCH\b", lines[i]) and i + 1 < len(lines):
            name = next(
                (ln for ln in lines[i + 1 : i + 6] if re.match(r"^[A-ZĐ][\wÀ-ỹ]+(\s+[A-ZĐ][\wÀ-ỹ]+){1,4}$", ln)), None
            )
            if name:
                title_word = "Phó Chủ tịch" if "PHÓ" in lines[i] else "Chủ tịch"
                capacity = next((ln.title() for ln in lines[i - 2 : i + 1] if "KT." in ln), None)
                signer = {"name": name, "title": title_word, "capacity": capacity}
                break
    return {
        "number": number,
        "issued": issued,
        "issued_text": issued_text,
        "title": title,
        "short_title": short,
        "province": province,
        "years": (year_start, year_end),
        "horizon": horizon,
        "id": pid,
        "implements": implements,
        "signer": signer,
    }


def _sections(lines: list[str]) -> dict[str, list[str]]:
    """Roman sections by heading ('II. NỘI DUNG KẾ HOẠCH NĂM 2023') → their lines."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in lines:
        m = _SECTION_RE.match(line)
        if m and m.group(2).upper() == m.group(2) and len(m.group(2)) > 3:
            current = f"{m.group(1)}. {m.group(2)}"
            sections[current] = []
            continue
        if "\t" in line:  # tables are read separately
            continue
        if current:
            sections[current].append(line)
    return sections


def _roman_of(section_key: str) -> str:
    return section_key.split(".", 1)[0]


def _tasks(lines: list[str], header: dict, matcher: AgencyMatcher, notes: list[str]) -> tuple[list, list]:
    """Groups and tasks in any of the numbering styles the genre uses."""
    groups: list[dict] = []
    tasks: list[dict] = []
    multi_year = header["years"][0] != header["years"][1]
    prefix = "III." if multi_year else ""
    current_group = None
    current: dict | None = None
    pending_intro: list[str] = []
    dash_count = 0

    def new_task(number: str, content: str, label: str | None = None) -> dict:
        task = {
            "number": number,
            "group": current_group["number"] if current_group else "1",
            "section": (f"{prefix}{number}" if multi_year else f"II.{number}"),
            "title": _title(content),
            "content": content,
            "lead": [],
            "cooperating": [],
            "budget": {"status": "not_itemised"},
        }
        if label:
            task["label"] = label
        tasks.append(task)
        return task

    def close_group() -> None:
        """A group whose only text is a paragraph: the paragraph is its one task."""
        nonlocal current
        if (
            current_group is not None
            and pending_intro
            and not any(t["group"] == current_group["number"] for t in tasks)
        ):
            current = new_task(
                current_group["number"],
                " ".join(pending_intro),
                label=f"nhóm {current_group['number']}, văn bản không đánh số",
            )
            pending_intro.clear()

    for line in lines:
        if _LABEL_RE.match(line) and current is None and pending_intro:
            close_group()
        if _LABEL_RE.match(line) and current is not None:
            label, value = _LABEL_RE.match(line).groups()
            kind = fold(label)
            if kind == "muc tieu":
                current["objective"] = value
            elif kind == "noi dung tap huan":
                current["training_content"] = value
            else:
                ids, agency_notes = matcher.resolve(value)
                notes.extend(f"{current['number']}: {n}" for n in agency_notes)
                if kind == "co quan chu tri":
                    current["lead"] = ids
                else:
                    current["cooperating"] = ids
                    current["cooperating_text"] = value.rstrip(".")
            continue
        g = _GROUP_RE.match(line)
        if g and not _NUMBERED_RE.match(line):
            close_group()
            number = f"{prefix}{g.group(1)}" if multi_year else g.group(1)
            current_group = {"number": number, "title": g.group(2).rstrip(":")}
            groups.append(current_group)
            current, pending_intro, dash_count = None, [], 0
            continue
        n = _NUMBERED_RE.match(line)
        if n and current_group is not None:
            current = new_task(n.group(1).rstrip("."), n.group(2))
            continue
        letter = _LETTER_RE.match(line)
        if letter and current_group is not None:
            number = f"{current_group['number']}.{letter.group(1)}"
            current = new_task(number, letter.group(2))
            if multi_year:
                current["section"] = number
            continue
        dash = _DASH_RE.match(line)
        if dash and current_group is not None and (current is None or current.get("_dashes")):
            dash_count += 1
            number = f"{current_group['number']}.{dash_count}"
            current = new_task(
                number, dash.group(1), label=f"nhóm {current_group['number']}, gạch đầu dòng thứ {dash_count}"
            )
            current["_dashes"] = True
            if pending_intro and "intro" not in current_group:
                current_group["intro"] = " ".join(pending_intro)
            continue
        if dash and current is not None:
            current["content"] += "\n- " + dash.group(1)
            continue
        if current_group is not None and current is None:
            pending_intro.append(line)
            continue
        if (
            current is not None
            and not current.get("_dashes")
            and not current.get("lead")
            and "objective" not in current
        ):
            current["content"] += " " + line
    close_group()
    for task in tasks:
        task.pop("_dashes", None)
        if not task["lead"]:
            _inline_roles(task, matcher, notes)
        if not task["lead"]:
            task["lead_note"] = "Chưa xác định cơ quan chủ trì (cần kiểm tra)."
    return groups, tasks


def _table(lines: list[str]) -> tuple[list[list[str]], list[str]]:
    """Budget table rows (cells) and the header; the header (and its second line) repeats before each row.

    The second header line names the allocation columns ("NS sự nghiệp khoa học"…): its cells are
    merged into the header at their positions.
    """
    header: list[str] = []
    rows: list[list[str]] = []
    after_header = False
    for line in lines:
        if "\t" not in line:
            after_header = False
            continue
        cells = [c.strip() for c in line.split("\t")]
        if cells and fold(cells[0]) == "stt":
            if not header:
                header = cells
            after_header = True
            continue
        if after_header and not cells[0] and not any(_amount(c) for c in cells):
            for i, cell in enumerate(cells):
                if cell and i < len(header):
                    header[i] = cell
                elif cell:
                    header.append(cell)
            after_header = False
            continue
        after_header = False
        if header and len(cells) >= 5 and len(cells[0]) <= 12:
            rows.append(cells)
    return rows, header


def _columns(header: list[str], rows: list[list[str]]) -> dict[str, int]:
    """Column positions from the header; the allocation columns follow 'Tổng kinh phí'."""
    cols: dict[str, int] = {}
    for i, cell in enumerate(header):
        f = fold(cell)
        if "noi dung" in f and "content" not in cols:
            cols["content"] = i
        elif "muc tieu" in f:
            cols["objective"] = i
        elif "thoi gian" in f:
            cols["time"] = i
        elif "chu tri" in f:
            cols["lead"] = i
        elif "phoi hop" in f:
            cols["coop"] = i
        elif "tong kinh phi" in f:
            cols["total"] = i
        elif "ghi chu" in f:
            cols["note"] = i
    return cols


def _apply_table(
    tasks: list[dict],
    groups: list[dict],
    rows: list[list[str]],
    header: list[str],
    matcher: AgencyMatcher,
    plan_header: dict,
    notes: list[str],
) -> list[dict]:
    """Fill lead, timeline and budget from the table rows; return the funding source columns."""
    if not rows or not header:
        return []
    cols = _columns(header, rows)
    total_at = cols.get("total", 6)
    note_at = cols.get("note", len(header) - 1)
    width = max(len(r) for r in rows)
    # the allocation columns sit between "Tổng kinh phí" and "Ghi chú"; their labels are on the
    # header's second line when the document prints one (the NS … cells); take them from there
    labels = _source_labels(rows, header, total_at, note_at)
    sources = [{"key": _key_of_source(label), "label": label} for label in labels]
    by_number = {t["number"]: t for t in tasks}
    year = plan_header["years"][0]
    previous_group_row = None
    for cells in rows:
        cells = cells + [""] * (width - len(cells))
        stt = cells[0].rstrip(".")
        if fold(stt) in ("cong", "tong cong"):
            continue
        if stt and stt.isdigit() and not _amount(cells[total_at] if total_at < len(cells) else ""):
            previous_group_row = stt  # a group heading row
            continue
        task = by_number.get(stt)
        if task is None and not stt and previous_group_row:
            task = next((t for t in tasks if t["group"] == previous_group_row), None)
        if task is None and re.fullmatch(r"\d+\.1", stt):
            # "1.1" in the table for a group the text leaves unnumbered: the group's single task
            group = stt.split(".")[0]
            own = [t for t in tasks if t["group"] == group]
            if len(own) == 1 and own[0]["number"] == group:
                task = own[0]
                by_number.pop(task["number"], None)
                task["number"] = stt
                task["label"] = f"nhóm {group}; văn bản không đánh số, bảng dự toán ghi {stt}"
                by_number[stt] = task
        if task is None:
            if stt:
                notes.append(f"bảng dự toán: dòng {stt} không khớp nhiệm vụ nào trong phần nội dung")
            continue
        time_text = cells[cols["time"]] if "time" in cols else ""
        quarters = _quarters(time_text)
        if quarters:
            task["timeline"] = {"text": time_text, "quarters": quarters, "year": year}
        elif re.search(r"năm\s+20\d\d", time_text, re.IGNORECASE):
            task["timeline"] = {"text": time_text, "quarters": [], "year": year, "whole_year": True}
        if "lead" in cols and cells[cols["lead"]]:
            ids, agency_notes = matcher.resolve(cells[cols["lead"]])
            notes.extend(f"{task['number']}: {n}" for n in agency_notes)
            task["lead"] = ids or task["lead"]
            task.pop("lead_note", None)
        if "coop" in cols and cells[cols["coop"]] and not task["cooperating"]:
            ids, agency_notes = matcher.resolve(cells[cols["coop"]])
            task["cooperating"] = ids
            task["cooperating_text"] = cells[cols["coop"]].rstrip(".")
        if "objective" in cols and cells[cols["objective"]] and "objective" not in task:
            task["objective"] = cells[cols["objective"]]
        duration = _DURATION_RE.search(cells[cols.get("content", 1)])
        if duration:
            task["duration_months"] = int(duration.group(1))
        total = _amount(cells[total_at])
        allocation = {}
        for i, source in enumerate(sources):
            value = _amount(cells[total_at + 1 + i]) if total_at + 1 + i < len(cells) else None
            if value is not None:
                allocation[source["key"]] = value
        note = " ".join(c for c in cells[total_at + 1 : note_at + 1] if c and _amount(c) is None).strip()
        if total is None and not allocation:
            if "thường xuyên" in note.lower():
                task["budget"] = {"status": "recurring", "row": cells[0], "note": note}
            else:
                task["budget"] = {"status": "no_row"}
        else:
            task["budget"] = {"status": "row", "row": cells[0], "total": total, "allocation": allocation}
            if note:
                task["budget"]["note"] = note
    for task in tasks:
        if task["budget"]["status"] == "not_itemised":
            task["budget"] = {"status": "no_row"}
            notes.append(f"{task['number']}: không có dòng trong bảng dự toán (kế hoạch không nêu kinh phí, thời gian)")
    return sources


def _source_labels(rows: list[list[str]], header: list[str], total_at: int, note_at: int) -> list[str]:
    """The allocation columns' labels, as the header's second line prints them."""
    labels = [header[i] for i in range(total_at + 1, note_at) if i < len(header)]
    return [label or f"Nguồn {n + 1}" for n, label in enumerate(labels)]


def _budget(
    sections: dict[str, list[str]], sources: list[dict], rows: list[list[str]], header: list[str], notes: list[str]
) -> dict:
    key = next((k for k in sections if "KINH PHÍ" in k.upper()), None)
    lines = sections.get(key, []) if key else []
    text = " ".join(lines)
    budget: dict[str, object] = {"section": _roman_of(key) if key else "?"}
    total_line = next((ln for ln in lines if re.search(r"tổng", ln, re.IGNORECASE) and _dong_to_million(ln)), None)
    if total_line:
        budget["total"] = _dong_to_million(total_line)
        budget["total_text"] = _MONEY_DONG_RE.search(total_line).group(0)  # type: ignore[union-attr]
    words = re.search(r"\(Bằng chữ\s*:\s*(.+?)\)", text)
    if words:
        budget["in_words"] = words.group(1).strip().rstrip(".")
    stated = []
    for line in lines:
        dash = _DASH_RE.match(line)
        if dash and _dong_to_million(line) is not None:
            label = dash.group(1).split(":")[0].strip()
            stated.append((label, _dong_to_million(line)))
    out_sources = []
    for source in sources:
        amount = None
        f = fold(source["label"])
        for label, value in stated:
            lf = fold(label)
            if (
                ("trung uong" in lf and "nstu" in f)
                or ("su nghiep" in lf and "su nghiep" in f)
                or ("khac" in lf and "khac" in f)
            ):
                amount = value
                entry = {"key": source["key"], "label": source["label"], "long_label": label, "amount": amount}
                break
        else:
            entry = {"key": source["key"], "label": source["label"]}
        out_sources.append(entry)
    if not sources:
        if stated:
            out_sources = [{"key": _key_of_source(lbl), "label": lbl, "amount": v} for lbl, v in stated]
        elif text:
            budget["funding_text"] = " ".join(lines[:2])
            out_sources = [{"key": "nguon_kinh_phi", "label": " ".join(lines[:1])[:120]}]
    budget["sources"] = out_sources
    if rows:
        cong = next((r for r in rows if fold(r[0].rstrip(".")) == "cong"), None)
        table: dict[str, object] = {"title": "Dự toán kinh phí"}
        if cong is not None:
            cols = _columns(header, rows)
            total_at = cols.get("total", 6)
            table["stated_task_total"] = _amount(cong[total_at]) if total_at < len(cong) else None
            table["stated_allocation"] = {
                s["key"]: _amount(cong[total_at + 1 + i])
                for i, s in enumerate(sources)
                if total_at + 1 + i < len(cong) and _amount(cong[total_at + 1 + i]) is not None
            }
        budget["table"] = table
    elif re.search(r"kèm theo bảng", text, re.IGNORECASE):
        budget["table_missing"] = True
        notes.append("kinh phí: văn bản dẫn chiếu bảng tổng hợp kinh phí nhưng không có bảng")
    return budget


def _targets(sections: dict[str, list[str]], notes: list[str]) -> list[dict]:
    key = next((k for k in sections if "MỤC TIÊU" in k.upper()), None)
    targets: list[dict] = []
    year = None
    counter: dict[int, int] = {}
    for line in sections.get(key, []) if key else []:
        m = re.search(r"Đến năm\s+(20\d\d)", line)
        if m and len(line) < 40:
            year = int(m.group(1))
            continue
        item = _DASH_RE.match(line) or _LETTER_RE.match(line)
        if year and item:
            counter[year] = counter.get(year, 0) + 1
            text = item.group(item.lastindex or 1)
            value = re.search(r"(tối thiểu( có)? \d+|\d+\s*[-–]\s*\d+\s*%|\d+%|\d+\s*-\s*\d+)", text)
            targets.append(
                {
                    "id": f"{year}.{counter[year]}",
                    "year": year,
                    "section": _roman_of(key),
                    "category": "chỉ tiêu",
                    "text": text,
                    **({"value": value.group(0)} if value else {}),
                }
            )
    return targets


# "(Chủ trì: Sở X; phối hợp: Sở Y, Sở Z)" or "(Sở X chủ trì)" closing a task's paragraph
_INLINE_LEAD_RE = re.compile(r"\((?:chủ trì|Chủ trì)\s*:\s*([^;)]+?)(?:[;,]\s*(?:phối hợp|Phối hợp)\s*:?\s*([^)]+))?\)")
_INLINE_LEAD_AFTER_RE = re.compile(r"\(([^()]+?)\s+chủ trì(?:,\s*([^()]+?)\s+phối hợp)?\)")


def _inline_roles(task: dict, matcher: AgencyMatcher, notes: list[str]) -> None:
    """Plans without a budget table name the lead in the task's own paragraph."""
    for pattern in (_INLINE_LEAD_RE, _INLINE_LEAD_AFTER_RE):
        m = pattern.search(task["content"])
        if m is None:
            continue
        lead, agency_notes = matcher.resolve(m.group(1))
        notes.extend(f"{task['number']}: {n}" for n in agency_notes)
        if not lead:
            continue
        task["lead"] = lead
        if m.group(2):
            cooperating, agency_notes = matcher.resolve(m.group(2))
            notes.extend(f"{task['number']}: {n}" for n in agency_notes)
            task["cooperating"] = cooperating
            task["cooperating_text"] = m.group(2).strip().rstrip(".")
        task["content"] = (task["content"][: m.start()].rstrip() + task["content"][m.end() :]).strip()
        return


# "Chủ trì thực hiện các nhiệm vụ tại điểm c khoản 1 và điểm b khoản 2 Mục III" in an agency's duties
_CROSS_REF_RE = re.compile(r"điểm\s+([a-zđ])\s+khoản\s+(\d{1,2})")


def _leads_by_reference(responsibilities: list[dict], tasks: list[dict], notes: list[str]) -> None:
    """Give a task with no lead the agency whose duties say it leads that point of the tasks section."""
    by_number = {t["number"]: t for t in tasks}
    for entry in responsibilities:
        for duty in entry["duties"]:
            text = re.split(r"[;.]\s*[Pp]hối hợp", duty["text"])[0]  # "…; phối hợp thực hiện điểm b …" is not led
            if "chủ trì" not in text.lower():
                continue
            section = re.search(r"Mục\s+([IVX]+)", duty["text"])  # may come after the "phối hợp" part
            for letter, clause in _CROSS_REF_RE.findall(text):
                number = f"{section.group(1)}.{clause}.{letter}" if section else f"{clause}.{letter}"
                task = by_number.get(number) or by_number.get(f"{clause}.{letter}")
                if task is None or task["lead"]:
                    continue
                task["lead"] = list(entry["agencies"])
                task.pop("lead_note", None)
                notes.append(f"{task['number']}: cơ quan chủ trì lấy từ mục {entry['section']} (kiểm tra)")


def _responsibilities(
    sections: dict[str, list[str]], matcher: AgencyMatcher, notes: list[str]
) -> tuple[list[dict], str | None, list[str]]:
    key = next((k for k in sections if "TỔ CHỨC THỰC HIỆN" in k.upper()), None)
    if key is None:
        notes.append("tổ chức thực hiện: không tìm thấy mục")
        return [], None, []
    roman = _roman_of(key)
    out: list[dict] = []
    current: dict | None = None
    closing = None
    for line in sections[key]:
        if re.match(r"^(Trong quá trình|Trên đây)", line):
            closing = line
            break
        if re.match(r"^Nơi nhận", line):
            break
        g = _GROUP_RE.match(line) or None
        heading = None
        if g:
            heading = (g.group(1), g.group(2))
        else:
            m = re.match(r"^(\d{1,2})\.\s+(.+?):\s*(.+)$", line)
            if m:
                heading = (m.group(1), m.group(2))
        if heading and (
            fold(heading[1]).startswith(tuple(fold(h) for h in AgencyMatcher._HEADS)) or len(heading[1]) < 120
        ):
            name = heading[1].split(":")[0].strip()
            ids, agency_notes = matcher.resolve(name)
            notes.extend(f"{roman}.{heading[0]}: {n}" for n in agency_notes)
            current = {"section": f"{roman}.{heading[0]}", "heading": name, "agencies": ids or [], "duties": []}
            rest = heading[1].split(":", 1)[1].strip() if ":" in heading[1] else ""
            if rest:
                current["duties"].append({"text": rest})
            out.append(current)
            continue
        if current is None:
            continue
        letter = _LETTER_RE.match(line)
        if letter:
            current["duties"].append({"label": letter.group(1), "text": letter.group(2)})
        else:
            current["duties"].append({"text": line})
    out = [r for r in out if r["agencies"] and r["duties"]]
    closing_recipient = (
        matcher.resolve(closing.split("phản ánh về", 1)[1].split("để")[0])[0]
        if closing and "phản ánh về" in closing
        else []
    )
    return out, closing, closing_recipient


def _reporting(sections: dict[str, list[str]], matcher: AgencyMatcher) -> dict | None:
    key = next((k for k in sections if "BÁO CÁO" in k.upper()), None)
    if key is None:
        return None
    text = " ".join(ln for ln in sections[key] if not re.match(r"^(Trên đây|Nơi nhận)", ln))
    m = re.search(r"trước ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})", text)
    to = re.search(r"gửi về\s+(.+?)(?:\(|để|$)", text)
    recipient = matcher.resolve(to.group(1))[0] if to else []
    out: dict[str, object] = {"section": _roman_of(key), "text": text.split(". ")[0] + "." if text else ""}
    if recipient:
        out["recipient"] = recipient
    if m:
        out.update({"deadline": m.group(0), "deadline_day": int(m.group(1)), "deadline_month": int(m.group(2))})
    if "hàng năm" in text.lower() or "hằng năm" in text.lower():
        out["frequency"] = "Định kỳ hàng năm"
    return out


def _objectives(sections: dict[str, list[str]]) -> list[dict]:
    out = []
    for key, lines in sections.items():
        upper = key.upper()
        if "MỤC TIÊU" in upper or "MỤC ĐÍCH" in upper:
            for line in lines:
                if _DASH_RE.match(line) or re.match(r"^\d+(\.\d+)*\.", line) or len(line) < 60:
                    continue
                out.append({"section": _roman_of(key), "kind": "general_objective", "text": line})
                if len(out) >= 4:
                    return out
    return out


# ---------------------------------------------------------------- measuring a draft
@dataclass(frozen=True)
class Score:
    tasks: int
    found: int
    lead: int
    timeline: int
    budget: int
    all_three: int

    @property
    def share(self) -> float:
        return self.all_three / self.tasks if self.tasks else 0.0


def score_draft(draft: Draft, curated: object) -> Score:
    """How many of the curated plan's tasks the draft gets right: lead, timeline, budget."""
    from ipbot.plans.models import Plan

    assert isinstance(curated, Plan)
    drafted = {t["number"]: t for t in draft.data["tasks"]}  # type: ignore[union-attr]
    labels = {s.key: s.label for s in curated.budget.sources}
    draft_labels = {s["key"]: s["label"] for s in draft.data["budget"]["sources"]}  # type: ignore[index]
    found = lead = timeline = budget = both = 0
    for task in curated.tasks:
        d = drafted.get(task.number)
        if d is None:
            continue
        found += 1
        ok_lead = list(d["lead"]) == list(task.lead)
        tl = task.timeline
        dtl = d.get("timeline")
        ok_time = (tl is None and dtl is None) or (
            tl is not None
            and dtl is not None
            and list(tl.quarters) == list(dtl.get("quarters", []))
            and tl.whole_year == bool(dtl.get("whole_year"))
        )
        b, db = task.budget, d["budget"]
        mine = {labels[k]: Decimal(v) for k, v in b.allocation.items()}
        theirs = {draft_labels.get(k, k): Decimal(str(v)) for k, v in db.get("allocation", {}).items()}
        ok_budget = b.status == db["status"] and (b.total == db.get("total")) and mine == theirs
        lead += ok_lead
        timeline += ok_time
        budget += ok_budget
        both += ok_lead and ok_time and ok_budget
    return Score(len(curated.tasks), found, lead, timeline, budget, both)


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
            draft.notes.append(f"{where}: văn bản ghi {figure(stated)}, cộng các phần được {figure(computed)}")
    draft.data["discrepancies"] = recorded
    draft.data["draft_notes"] = list(dict.fromkeys(draft.notes))
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
