"""Tasks: read from the narrative in any of the genre's numbering styles, or from a table, then completed
from the budget table (lead, timeline, budget) and from the duties that name a point of the tasks section.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ipbot.plans.importing.agencies import AgencyMatcher
from ipbot.plans.importing.draft import Facts
from ipbot.plans.importing.table import Table, amount, printed
from ipbot.text import fold

__all__ = [
    "apply_table",
    "lead_aside",
    "leads_by_reference",
    "narrative_tasks",
    "short_title",
    "table_tasks",
    "timeline_of",
]

_GROUP_RE = re.compile(r"^(\d{1,2})\.\s+(.+?)\s*:?\s*$")
_NUMBERED_RE = re.compile(r"^(\d{1,2}\.\d{1,2})\.?\s+(.+)$")
_LETTER_RE = re.compile(r"^([a-zđ])\)\s*(.+)$")
# a task numbered across the whole section, under numbered groups ("(6) Xây dựng hồ sơ …" in group "2."): the
# number is the plan's own ("nhiệm vụ số (6)") and the budget table's row "6"
_PAREN_RE = re.compile(r"^\((\d{1,3})\)\s+(.+)$")
_DASH_RE = re.compile(r"^[-–•+]\s*(.+)$")
# a task's labelled field, on a line of its own, after a dash or a letter ("b) Cơ quan chủ trì: …": in a plan
# that labels its fields, "a) … đ)" are the fields of one task, not tasks)
_LABELS = (
    r"Mục tiêu|(?:Cơ quan |Đơn vị )?chủ trì|(?:Cơ quan |Đơn vị )?phối hợp|Nội dung tập huấn|Nội dung(?: thực hiện)?"
    r"|Thời gian(?: thực hiện)?|Tiến độ(?: thực hiện)?|Kinh phí(?: thực hiện| dự kiến)?(?: năm 20\d\d)?"
)
_LABEL_RE = re.compile(rf"^(?:[-–•+]\s*|[a-zđ]\)\s*)?({_LABELS})\s*:\s*(.*)$", re.IGNORECASE)
# the fields of one task written on one line: "a) Nội dung: …; b) Cơ quan chủ trì: …; c) …"
_INLINE_FIELD_RE = re.compile(rf";\s+(?=[a-zđ]\)\s*(?:{_LABELS})\s*:)", re.IGNORECASE)
# the fields of one task written as sentences of its paragraph: "… OCOP. Cơ quan chủ trì: Sở X; cơ quan phối
# hợp: Sở Y, Sở Z. Thời gian: 2023 - 2025. Kinh phí: 850 triệu đồng (…)." (each is a field, as on a line of its own)
_SENTENCE_FIELD_RE = re.compile(
    r"(?<=[.;])\s+(?=(?:(?:Cơ quan |Đơn vị )?(?:chủ trì|phối hợp)|Thời gian(?: thực hiện)?|Tiến độ(?: thực hiện)?"
    r"|Kinh phí(?: thực hiện| dự kiến)?(?: năm 20\d\d)?)\s*:)",
    re.IGNORECASE,
)
# a lead's bracket naming who does the work for it: "Sở KH&CN (giao Trung tâm … thực hiện)", "Sở NN&PTNT (Văn phòng
# Điều phối nông thôn mới tỉnh)": the unit is the lead's, not a second lead
_LEAD_ASIDE_RE = re.compile(r"\s*\(([^()]+)\)")
# a roman group of the tasks section ("I. NÂNG CAO HIỆU LỰC …"), its items numbered 1., 2. again in each
_ROMAN_GROUP_RE = re.compile(r"^([IVX]{1,4})\.\s+(.+?)\s*:?\s*$")
# "Quý II - Quý IV/2024", "Quý III và Quý IV hằng năm", "từ Quý II năm 2024 đến Quý IV năm 2025"
_QUARTER_RE = re.compile(
    r"Quý\s+(IV|III|II|I|[1-4])(?:\s*(?:(?:/|\s+năm)\s*\d{4})?\s*([-–]|đến|và)\s*(?:Quý\s+)?(IV|III|II|I|[1-4]))?",
    re.IGNORECASE,
)
# "từ tháng 4/2024 đến tháng 3/2026", "từ tháng 6 năm 2024 đến tháng 5 năm 2026": a span of months, the plan year's
# part of it in quarters
_MONTHS_RE = re.compile(
    r"tháng\s+(\d{1,2})\s*(?:/|\s+năm)\s*(20\d\d)\s*(?:[-–]|đến)\s*(?:hết\s+)?(?:tháng\s+)?(\d{1,2})\s*(?:/|\s+năm)\s*"
    r"(20\d\d)",
    re.IGNORECASE,
)
# "trong tháng 4 năm 2025", "tháng 4/2025": one month, its quarter
_MONTH_RE = re.compile(r"tháng\s+(\d{1,2})\s*(?:/|\s+năm)\s*(20\d\d)", re.IGNORECASE)
# a sentence's end inside a field's value: "Thời gian: Quý III và Quý IV hằng năm. Nhiệm vụ sử dụng kinh phí …"
_SENTENCE_END_RE = re.compile(r"(?<=[^\W\d]|\d)\.\s+(?=[A-ZĐÀ-Ỹ])")
_ROMAN_Q = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DURATION_RE = re.compile(r"thời gian thực hiện(?: nhiệm vụ)?\s*:\s*(\d+)\s*tháng", re.IGNORECASE)
_TAIL_WORDS = {
    "và",
    "của",
    "cho",
    "các",
    "về",
    "với",
    "trong",
    "tại",
    "từ",
    "đối",
    "có",
    "được",
    "những",
    "theo",
    "để",
    "nhằm",
    "một",
    "là",
    "ở",
    "trên",
    "đến",
    "vào",
    "hoặc",
    "cùng",
    "gắn",
    "như",
    "thông",
    "qua",
    "đã",
    "sẽ",
    "mỗi",
    "giữa",
    "bằng",
    "đạt",
}
# "quyền đối với giống cây trồng" is one term of the law (the rights in plant varieties), not a clause
_CLAUSE_RE = re.compile(r"[:;]|\s(?:nhằm|để|gắn với|thông qua|trên địa bàn|theo|(?<!quyền\s)đối với|trong đó)\s")


_TO_APPENDIX_RE = re.compile(r"^\((?:[^()]|\([^()]*\))*\bPhụ lục\b(?:[^()]|\([^()]*\))*\)\.?$", re.IGNORECASE)
"""A line wholly in brackets that sends the reader to the appendix for the details."""


def short_title(content: str, limit: int = 60) -> str:
    """A short name for lists and buttons: the content's first clause, ended where a phrase ends.

    It ends before a joining word or after a comma, never inside a quoted name ("“Gạo Triệu Phong”"
    is what questions ask for) nor between the syllables of a word ("Quy chế phối | hợp"): when no
    phrase ends within ``limit`` characters, the first phrase end after it is taken (up to half as long
    again), since a longer title reads better than a cut one.

    >>> short_title("Hỗ trợ đăng ký bảo hộ nhãn hiệu cho các sản phẩm OCOP nhằm nâng cao giá trị")
    'Hỗ trợ đăng ký bảo hộ nhãn hiệu cho các sản phẩm OCOP'
    """
    # straight quotes as the typographic pair, so a quoted name ("Bò một nắng Krông Pa") is never cut either
    text = re.sub(r'"([^"\n]*)"', r"“\1”", content.split("\n")[0])
    text = re.sub(r"\s*\([^()]*\)", "", text).strip().strip("\"'")
    text = re.split(r"(?<=[^\W\d]|[”)])\.\s+(?=[A-ZĐÀ-Ỹ])", text)[0]  # the first sentence: "… “Bò một nắng”. Cơ quan …"
    text = re.sub(r"\s+", " ", text)
    if text.count("“") > text.count("”"):  # only an opening quote left (the name went with the brackets)
        text = text.replace("“", "")
    for m in _CLAUSE_RE.finditer(text):
        if len(text[: m.start()].split()) >= 4 and not _inside_quote(text[: m.start()]):
            text = text[: m.start()]
            break
    words = text.split()
    if len(text) > limit:
        ends = [k for k in range(2, len(words) + 1) if _phrase_ends(words, k)]
        before = [k for k in ends if 30 <= len(" ".join(words[:k])) <= limit]
        after = [k for k in ends if limit < len(" ".join(words[:k])) <= limit * 3 // 2]
        # the first quoted name is what questions ask for: "Sửa đổi … Quy định quản lý, sử dụng chỉ dẫn địa lý
        # “Phúc Trạch”", not "Sửa đổi … Quy định quản lý"
        quoted = [k for k in ends if words[k - 1].endswith("”") and len(" ".join(words[:k])) <= limit * 3 // 2]
        if quoted and (not before or quoted[0] > max(before)):
            before, after = [quoted[0]], []
        if before:
            words = words[: max(before)]
        elif after:
            words = words[: min(after)]
        else:  # no phrase ends near the limit: the old cut, at the last word that fits
            out: list[str] = []
            for word in words:
                if len(" ".join([*out, word])) > limit:
                    break
                out.append(word)
            words = out
    while len(words) > 2 and (words[-1].lower().strip(",.;:") in _TAIL_WORDS or words[-1] in ("-", "–")):
        words.pop()
    title = " ".join(words).rstrip(".,;:-– ")
    if title.count("“") > title.count("”"):
        title = title.replace("“", "")
    if title.count("(") > title.count(")"):
        title = title.replace("(", "")
    return title


def _inside_quote(text: str) -> bool:
    return text.count("“") > text.count("”")


def _phrase_ends(words: list[str], k: int) -> bool:
    """Whether a title may end after ``words[:k]``: before a joining word, after a comma or a closing
    quote, or at the end; never inside a quoted name."""
    if _inside_quote(" ".join(words[:k])):
        return False
    if k == len(words):
        return True
    if (words[k - 1].lower(), words[k].lower()) in (("quyền", "đối"), ("đối", "với")):
        return False  # "quyền đối với …", and "đối với" itself, stay whole
    return words[k].lower() in _TAIL_WORDS or words[k - 1].endswith((",", "”", ";"))


def timeline_of(text: str, year: int) -> dict | None:
    """'Quý II' / 'Quý II – Quý IV/2024' / 'Năm 2024' / 'Cả năm' as a timeline; None when it says no time."""
    text = text.strip().rstrip(".;")
    if not text:
        return None
    m = _QUARTER_RE.search(text)
    if m:
        first = _ROMAN_Q[m.group(1).upper()]
        last = _ROMAN_Q[m.group(3).upper()] if m.group(3) else first
        y = re.search(r"\b(20\d\d)\b", text)
        when = int(y.group(1)) if y else year
        if m.group(2) == "và":  # "Quý III và Quý IV hằng năm", "Quý IV năm 2024 và Quý IV năm 2025": those named
            return {"text": text, "quarters": sorted({first, last}), "year": when}
        if last < first:
            last = 4  # "Quý III/2024 – Quý II/2025": the plan year's part
        return {"text": text, "quarters": list(range(first, last + 1)), "year": when}
    months = _MONTHS_RE.search(text)
    if months:
        first_month, first_year, last_month, last_year = (int(g) for g in months.groups())
        last = (last_month - 1) // 3 + 1 if last_year == first_year else 4
        return {"text": text, "quarters": list(range((first_month - 1) // 3 + 1, last + 1)), "year": first_year}
    month = _MONTH_RE.search(text)
    if month and 1 <= int(month.group(1)) <= 12:
        return {"text": text, "quarters": [(int(month.group(1)) - 1) // 3 + 1], "year": int(month.group(2))}
    # a span of years anywhere ("24 tháng (2024 - 2025)") is whole years, as "Năm 2024 - 2025" is
    if re.search(
        r"\bnăm(?: học)?\s+20\d\d|^20\d\d|\b20\d\d\s*[-–]\s*20\d\d\b|cả năm|hằng năm|hàng năm|thường xuyên|trong năm",
        text,
        re.IGNORECASE,
    ):
        y = re.search(r"\b(20\d\d)\b", text)
        return {"text": text, "quarters": [], "year": int(y.group(1)) if y else year, "whole_year": True}
    return None


def take_timeline(
    task: dict, text: str, year: int, where: str, notes: list[str], facts: Facts, check: str = ""
) -> None:
    """A task's time as a paragraph's field or a table's cell gives it, or a draft note when it reads as none."""
    timeline = timeline_of(text, year)
    if timeline:
        task["timeline"] = timeline
        facts.add(f"tasks[{task['number']}].timeline", text, where)
    elif text.strip():
        notes.append(f"{task['number']}: thời gian «{text.strip()}» chưa đọc được thành quý hay năm{check}")


def narrative_tasks(
    lines: list[str],
    years: tuple[int, int],
    matcher: AgencyMatcher,
    notes: list[str],
    facts: Facts,
    roman: str = "II",
) -> tuple[list[dict], list[dict]]:
    """Groups and tasks in any of the numbering styles the genre uses; ``roman`` is the tasks section's numeral,
    which a task's ``section`` (where it stands) starts with."""
    groups: list[dict] = []
    tasks: list[dict] = []
    multi_year = years[0] != years[1]
    prefix = f"{roman}." if multi_year else ""
    current_group: dict | None = None
    current: dict | None = None
    pending_intro: list[str] = []
    dash_count = 0
    lines = [piece for line in lines for piece in _INLINE_FIELD_RE.split(line)]
    # roman groups inside the tasks section (a plan in lettered parts): "1.", "2." are its tasks, "I.1", "II.1"
    roman_groups = sum(bool(_ROMAN_GROUP_RE.match(ln)) for ln in lines) >= 2

    def new_task(number: str, content: str, label: str | None = None) -> dict:
        task = {
            "number": number,
            "group": current_group["number"] if current_group else "1",
            "section": f"{roman}.{number.removeprefix(prefix)}",
            "title": short_title(content),
            "content": content,
            "lead": [],
            "cooperating": [],
            "budget": {"status": "not_itemised"},
        }
        if label:
            task["label"] = label
        tasks.append(task)
        facts.add(f"tasks[{number}]", task["title"], content)
        return task

    def sentence_fields(line: str) -> None:
        """The fields a task's paragraph writes as its own sentences; the paragraph stays the task's content."""
        for piece in _sentence_fields(line)[1:]:
            m = _LABEL_RE.match(piece)
            if m and current is not None:
                _task_field(current, m.group(1), m.group(2), piece, years[0], matcher, notes, facts)

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
        if _TO_APPENDIX_RE.match(line):
            continue  # "(Chi tiết nhiệm vụ, … tại Phụ lục kèm theo)": the tasks are the appendix's, this is none
        label_m = _LABEL_RE.match(line)
        if label_m and current is None and pending_intro:
            close_group()
        if label_m and current is not None:
            _task_field(current, label_m.group(1), label_m.group(2), line, years[0], matcher, notes, facts)
            continue
        r = _ROMAN_GROUP_RE.match(line) if roman_groups else None
        if r:
            close_group()
            title = r.group(2).rstrip(":")
            current_group = {"number": r.group(1), "title": title[:1] + title[1:].lower() if title.isupper() else title}
            groups.append(current_group)
            current, pending_intro, dash_count = None, [], 0
            continue
        g = _GROUP_RE.match(line)
        if g and roman_groups and current_group is not None:
            heading = g.group(2).rstrip(":").rstrip(".")
            current = new_task(f"{current_group['number']}.{g.group(1)}", heading)
            current["section"] = f"{roman}.{current['number']}"
            current["title"] = heading if len(heading) <= 100 else short_title(heading)
            current["_heading"] = True
            continue
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
            sentence_fields(line)
            continue
        letter = _LETTER_RE.match(line)
        if letter and current_group is not None:
            number = f"{current_group['number']}.{letter.group(1)}"
            current = new_task(number, letter.group(2))
            if multi_year:
                current["section"] = f"{roman}.{number.removeprefix(prefix)}"
            sentence_fields(line)
            continue
        paren = _PAREN_RE.match(line)
        if paren and current_group is not None:
            current = new_task(paren.group(1), paren.group(2))
            current["section"] = f"{roman}.{current_group['number'].removeprefix(prefix)}.({paren.group(1)})"
            sentence_fields(line)
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
            sentence_fields(line)
    close_group()
    if multi_year and not any(re.fullmatch(r"[a-zđ]", t["number"].rsplit(".", 1)[-1]) for t in tasks):
        for item in (*groups, *tasks):  # "III.4.d" is how a lettered multi-year plan is cited; "1.1" stays "1.1"
            item["number"] = item["number"].removeprefix(prefix)
            if "group" in item:
                item["group"] = item["group"].removeprefix(prefix)
    for task in tasks:
        task.pop("_dashes", None)
        task.pop("_heading", None)
        if not task["lead"]:
            inline_roles(task, matcher, notes, facts)
    return groups, tasks


def _task_field(
    current: dict, label: str, value: str, line: str, year: int, matcher: AgencyMatcher, notes: list[str], facts: Facts
) -> None:
    """One labelled field of a task ("Cơ quan chủ trì: …", "Thời gian thực hiện: …", "Kinh phí: …"), on a line of its
    own or a sentence of the task's paragraph."""
    kind = fold(label)
    if kind == "muc tieu":
        current["objective"] = value
    elif kind == "noi dung tap huan":
        current["training_content"] = value
    elif kind.startswith("noi dung"):
        # the item's line is its heading (the title), this is what it does
        if current.pop("_heading", False):
            current["content"] = value.rstrip(".")
            facts.replace(f"tasks[{current['number']}]", current["title"], line)
        else:
            current["content"] += " " + value
    elif kind.startswith(("thoi gian", "tien do")):  # "Tiến độ: Năm 2025" is when, as a table's column
        value = _SENTENCE_END_RE.split(value, maxsplit=1)[0]  # (a sentence after it is the paragraph's, not the time)
        take_timeline(current, value, year, line, notes, facts, check=" (kiểm tra)")
    elif kind.startswith("kinh phi"):
        current["_budget_text"] = value
    else:
        value = value.strip().rstrip(".;").strip()
        aside = _LEAD_ASIDE_RE.search(value) if "chu tri" in kind else None
        found = matcher.read(_LEAD_ASIDE_RE.sub("", value) if aside else value)
        notes.extend(f"{current['number']}: {n}" for n in found.notes)
        if aside and found.ids:
            lead_aside(current, found.ids[0], value, aside.group(1), notes)
        if "chu tri" in kind:
            current["lead"] = found.ids
            current["_lead_labelled"] = bool(found.ids)
            facts.add(f"tasks[{current['number']}].lead", value, line)
        else:
            current["cooperating"] = found.ids
            current["cooperating_text"] = value.rstrip(".")
            facts.add(f"tasks[{current['number']}].cooperating", value, line)
        if found.said:
            current.setdefault("said", {}).update(found.said)


def _sentence_fields(line: str) -> list[str]:
    """A paragraph cut where a labelled field starts a sentence ("… OCOP. Cơ quan chủ trì: Sở X; cơ quan phối hợp:
    …. Thời gian: …"); a line that is one field already, or that holds none, stays whole, and so do fields in
    brackets ("(Chủ trì: Sở X; phối hợp: Sở Y)" closes the paragraph and is read whole, see ``inline_roles``)."""
    body = re.sub(r"^[a-zđ\d]{1,3}\)", "  ", line)  # the item's "a)" opens no bracket
    cuts = [
        m.end()
        for m in _SENTENCE_FIELD_RE.finditer(body)
        if body.count("(", 0, m.start()) <= body.count(")", 0, m.start())
    ]
    pieces = [line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
    return [p.strip() for p in pieces if p.strip()]


def lead_aside(task: dict, slug: str, value: str | None, aside: str, notes: list[str]) -> None:
    """The unit a lead's bracket names is kept in the lead's words (answers quote them; ``value`` is those words
    as printed, None where the bracket stands apart from the name), not made a second lead; a note asks a person
    to confirm that reading."""
    if value:
        task.setdefault("said", {})[slug] = value.strip().rstrip(".;")
    notes.append(
        f"{task['number']}: cơ quan chủ trì ghi kèm «({aside})»: đọc là đơn vị thực hiện của cơ quan chủ trì (kiểm tra)"
    )


# "(Chủ trì: Sở X; phối hợp: Sở Y, Sở Z)" or "(Sở X chủ trì)" closing a task's paragraph
_INLINE_LEAD_RE = re.compile(
    r"\((?:[Cc]hủ trì|[Cc]ơ quan chủ trì|[Đđ]ơn vị chủ trì)\s*:\s*([^;)]+?)"
    r"(?:[;,.]\s*(?:[Pp]hối hợp|[Cc]ơ quan phối hợp|[Đđ]ơn vị phối hợp)\s*:?\s*([^)]+))?\)"
)
_INLINE_LEAD_AFTER_RE = re.compile(r"\(([^()]+?)\s+chủ trì(?:[,;]\s*([^()]+?)\s+phối hợp)?\)")


def inline_roles(task: dict, matcher: AgencyMatcher, notes: list[str], facts: Facts | None = None) -> None:
    """Plans without a budget table name the lead in the task's own paragraph."""
    for pattern in (_INLINE_LEAD_RE, _INLINE_LEAD_AFTER_RE):
        m = pattern.search(task["content"])
        if m is None:
            continue
        lead = matcher.read(m.group(1))
        notes.extend(f"{task['number']}: {n}" for n in lead.notes)
        if not lead.ids:
            continue
        task["lead"] = lead.ids
        said = dict(lead.said)
        if m.group(2):
            cooperating = matcher.read(m.group(2))
            notes.extend(f"{task['number']}: {n}" for n in cooperating.notes)
            task["cooperating"] = cooperating.ids
            task["cooperating_text"] = m.group(2).strip().rstrip(".")
            said.update(cooperating.said)
        if said:
            task["said"] = said
        if facts is not None:
            facts.add(f"tasks[{task['number']}].lead", m.group(1), m.group(0))
        task["content"] = (task["content"][: m.start()].rstrip() + task["content"][m.end() :]).strip()
        return


# "Chủ trì thực hiện các nhiệm vụ tại điểm c khoản 1 và điểm b khoản 2 Mục III" in an agency's duties
_CROSS_REF_RE = re.compile(r"điểm\s+([a-zđ])\s+khoản\s+(\d{1,2})")


def leads_by_reference(responsibilities: list[dict], tasks: list[dict], notes: list[str]) -> None:
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


def _allocation_columns(table: Table) -> list[int]:
    """The columns of this year's allocation by source: after the total, before the notes, holding figures."""
    cols = table.columns
    total_at = cols.get("total")
    if total_at is None:
        return []
    end = cols.get("note", len(table.header))
    roles = {i for k, i in cols.items() if k not in ("total", "source")} | set(table.years.values())
    return [
        i
        for i in range(total_at + 1, end)
        if i not in roles and any(i < len(r) and amount(r[i]) is not None for r in table.rows)
    ]


def source_labels(table: Table) -> list[dict]:
    """The funding sources a budget table's allocation columns name."""
    from ipbot.plans.importing.budget import source_key

    labels = [table.header[i] if i < len(table.header) else "" for i in _allocation_columns(table)]
    out: list[dict] = []
    for n, label in enumerate(labels):
        out.append(
            {"key": source_key(label or f"nguon {n + 1}", {s["key"] for s in out}), "label": label or f"Nguồn {n + 1}"}
        )
    return out


def _key_of_source(label: str) -> str:
    words = [w for w in fold(label).split() if w not in ("de", "xuat", "ho", "tro", "cua", "tinh")]
    key = re.sub(r"[^a-z0-9_]", "", "_".join(words))[:30].strip("_")
    return key or "nguon"


def _money(cell: str, scale: Decimal) -> Decimal | None:
    value = amount(cell)
    return None if value is None else (value * scale).normalize()


def table_tasks(table: Table, years: tuple[int, int], facts: Facts) -> tuple[list[dict], list[dict]]:
    """Groups and tasks from a table that lists them (the narrative has none): group rows have no lead."""
    cols = table.columns
    content_at = cols["content"]
    groups: list[dict] = []
    tasks: list[dict] = []
    group: dict | None = None
    numbers = [r[0].strip().rstrip(".") for r in table.rows if re.fullmatch(r"\d+\.?", r[0].strip())]
    restarts = len(numbers) != len(set(numbers))  # "1, 2, 3" again in each group: cite them as "II.2"
    for cells in table.rows:
        cells = cells + [""] * (len(table.header) - len(cells))
        stt = cells[0].strip().rstrip(".")
        text = cells[content_at].strip()
        if all(re.fullmatch(r"\(\d+\)|", c.strip()) for c in cells):
            continue  # the column-number row "(1) | (2) | …"
        if not text or fold(stt) in ("cong", "tong cong", "tong") or fold(text) in ("cong", "tong cong", "tong"):
            continue
        led = "lead" in cols and cells[cols["lead"]].strip()
        figures = any(amount(c) is not None for i, c in enumerate(cells) if i not in (0, content_at))
        if (not led and not figures) or (re.fullmatch(r"[IVX]+", stt) and not led):
            number = stt if re.fullmatch(r"\d+", stt) else str(len(groups) + 1)
            group = {"number": number, "title": re.sub(r"\s+", " ", text).rstrip(":")}
            groups.append(group)
            continue
        if group is None:
            group = {"number": "1", "title": "Nhiệm vụ"}
            groups.append(group)
        number = stt or f"{group['number']}.{sum(t['group'] == group['number'] for t in tasks) + 1}"
        if restarts and re.fullmatch(r"\d+", number):
            number = f"{group['number']}.{number}"  # rows numbered 1, 2, 3 inside each group
        task = {
            "number": number,
            "group": group["number"],
            "section": f"Bảng nhiệm vụ, dòng {stt or number}",
            "title": short_title(text),
            "content": text,
            "lead": [],
            "cooperating": [],
            "budget": {"status": "not_itemised"},
        }
        if not stt:
            task["label"] = f"bảng nhiệm vụ, nhóm {group['number']}, dòng không đánh số"
        tasks.append(task)
        facts.add(f"tasks[{number}]", task["title"], text)
    return groups, tasks


def apply_table(
    tasks: list[dict],
    table: Table,
    matcher: AgencyMatcher,
    year: int,
    notes: list[str],
    facts: Facts,
) -> list[dict]:
    """Fill lead, timeline and budget from the table rows; return the funding source columns."""
    cols = table.columns
    width = max(len(r) for r in table.rows)
    total_at = cols.get("total")
    alloc_at = _allocation_columns(table)
    note_at = cols.get("note")
    sources = source_labels(table)
    by_number = {t["number"]: t for t in tasks}
    by_content = {fold(t["content"])[:80]: t for t in tasks}
    groups_seen = {t["group"] for t in tasks}
    previous_group_row = None
    roman_row = None  # "| II | Thúc đẩy … | | | 770 |": its rows "1", "2" are the tasks "II.1", "II.2"
    last: dict | None = None  # the task of the row above, which a row of only an amount and a source goes on
    for cells in table.rows:
        cells = cells + [""] * (width - len(cells))
        stt = cells[0].rstrip(".")
        content = cells[cols["content"]] if "content" in cols else ""
        if fold(stt) in ("cong", "tong cong", "tong") or fold(content) in ("cong", "tong cong", "tong"):
            last = None  # what follows the total ("Trong đó: - Ngân sách …") is the plan's, not a task's
            continue
        if all(re.fullmatch(r"\(\d+\)|", c.strip()) for c in cells):
            continue
        has_figure = total_at is not None and amount(cells[total_at]) is not None
        led = "lead" in cols and cells[cols["lead"]].strip()
        if not stt and not led and last is not None and (not content.strip() or content.lstrip()[:1] in "-–+"):
            if any(amount(c) is not None for c in cells[1:]):
                last.setdefault("_parts", []).append(cells)  # "| | - Ngân sách tỉnh | | SN KH&CN | 80 |"
            continue
        if stt and stt.isdigit() and not led and (not has_figure or (stt in groups_seen and stt not in by_number)):
            previous_group_row = stt  # a group heading row (with its subtotal, or none)
            last = None
            continue
        if re.fullmatch(r"[IVX]+", stt) and not led:
            roman_row, last = stt, None  # a roman group row of a task table
            continue
        if re.fullmatch(r"[A-ZĐ]", stt) and not led and not has_figure:
            last = None  # "| A | Công tác quản lý nhà nước … | | |": a lettered group row
            continue
        task = by_number.get(f"{roman_row}.{stt}") if roman_row else None
        task = task or by_number.get(stt)
        if task is None and re.fullmatch(r"[a-zđ]", stt) and previous_group_row:  # "| a | …" under group row "1"
            task = by_number.get(f"{previous_group_row}.{stt}")
        if task is None and not stt and previous_group_row:
            task = next((t for t in tasks if t["group"] == previous_group_row), None)
            if task is not None:
                cells = [previous_group_row, *cells[1:]]
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
        if task is None and "content" in cols:
            task = by_content.get(fold(cells[cols["content"]])[:80])
        if task is None:
            if stt:
                notes.append(f"bảng: dòng {stt} không khớp nhiệm vụ nào trong phần nội dung")
            continue
        _fill_from_row(task, cells, table, cols, alloc_at, note_at, sources, matcher, year, notes, facts)
        task["_row_cells"] = cells  # the source cell is read once the plan's sources are known
        last = task
    for task in tasks:
        if task["budget"]["status"] == "not_itemised" and total_at is not None:
            task["budget"] = {"status": "no_row"}
            notes.append(f"{task['number']}: không có dòng trong bảng dự toán (kế hoạch không nêu kinh phí, thời gian)")
    return sources


def _fill_from_row(
    task: dict,
    cells: list[str],
    table: Table,
    cols: dict[str, int],
    alloc_at: list[int],
    note_at: int | None,
    sources: list[dict],
    matcher: AgencyMatcher,
    year: int,
    notes: list[str],
    facts: Facts,
) -> None:
    row_text = " | ".join(c for c in cells if c)
    number = task["number"]
    take_timeline(task, cells[cols["time"]] if "time" in cols else "", year, row_text, notes, facts)
    said: dict[str, str] = dict(task.get("said", {}))
    if "lead" in cols and cells[cols["lead"]].strip() and not task.get("_lead_labelled"):
        # a lead the text gives in a labelled field ("Cơ quan chủ trì: …") is the full name; the table's
        # column often abbreviates it ("Báo và PT, TH Lâm Đồng")
        found = matcher.read(cells[cols["lead"]])
        notes.extend(f"{number}: {n}" for n in found.notes)
        if found.ids:
            task["lead"] = found.ids
            task.pop("lead_note", None)
            said.update(found.said)
            facts.add(f"tasks[{number}].lead", cells[cols["lead"]], row_text)
    if "coop" in cols and cells[cols["coop"]].strip() and not task["cooperating"]:
        found = matcher.read(cells[cols["coop"]])
        notes.extend(f"{number}: {n}" for n in found.notes)
        task["cooperating"] = found.ids
        task["cooperating_text"] = cells[cols["coop"]].strip().rstrip(".")
        said.update(found.said)
    if said:
        task["said"] = said
    if "objective" in cols and cells[cols["objective"]] and "objective" not in task:
        task["objective"] = cells[cols["objective"]]
    duration = _DURATION_RE.search(cells[cols.get("content", 1)])
    if duration:
        task["duration_months"] = int(duration.group(1))
    total = _money(cells[cols["total"]], table.scale) if "total" in cols else None
    allocation = {}
    for source, at in zip(sources, alloc_at, strict=False):
        value = _money(cells[at], table.scale) if at < len(cells) else None
        if value is not None:
            allocation[source["key"]] = value
    start = (cols["total"] + 1) if "total" in cols else len(cells)
    end = (note_at + 1) if note_at is not None else len(cells)
    # the row's words after the amount, for its note: not the year columns, nor the source (its allocation)
    skip = set(table.years.values()) | ({cols["source"]} if "source" in cols else set())
    note = " ".join(
        c
        for i, c in enumerate(cells[start:end], start)
        if c and amount(c) is None and not _nothing(c) and i not in skip
    ).strip()
    source_cell = cells[cols["source"]].strip() if "source" in cols and cols["source"] < len(cells) else ""
    said_cell = cells[cols["total"]].strip() if "total" in cols and total is None else ""
    # "Đã bố trí trong dự toán" where the amount would be; a note column that says it at more length ("Lồng ghép"
    # | … | "Lồng ghép trong kinh phí tổ chức Hội thi") is kept instead
    if said_cell and not _nothing(said_cell) and not fold(note).startswith(fold(said_cell)):
        note = " ".join(filter(None, [said_cell, f"({source_cell})" if source_cell else ""]))
    if "source" in cols and cols["source"] < start and cells[cols["source"]].strip():
        task["source_text"] = cells[cols["source"]].strip()
    by_year = _by_year(cells, table)
    if by_year and total is not None and sum(by_year.values()) != total:
        notes.append(f"{number}: kinh phí: bảng ghi các năm cộng được {sum(by_year.values())}, khác tổng {total}")
    said_before = task["budget"]
    if said_before.get("status") in ("row", "recurring") and total is None and not allocation:
        return  # the text says it ("Bố trí trong dự toán chi thường xuyên …"); the table's dashes add nothing
    if said_before.get("status") == "row" and said_before.get("total") is not None:
        if said_before["total"] == total:
            said_before["row"] = cells[0] or None
            if not said_before.get("allocation") and allocation:
                said_before["allocation"] = allocation
            _note_years(said_before, task.pop("_by_year", None), by_year, number, notes)
            return
        notes.append(
            f"{number}: kinh phí: phần nội dung ghi {said_before['total']}, bảng dự toán ghi {total} (kiểm tra)"
        )
    if total is None and not allocation:
        # "Lồng ghép" where the amount would be: paid within another budget (as the text's "lồng ghép trong kinh
        # phí …" is read), no gap to check
        if re.search(r"thường xuyên|bố trí trong dự toán|lồng ghép", f"{note} {source_cell}", re.IGNORECASE):
            note = note or source_cell or "Hoạt động thường xuyên"
            task["budget"] = {"status": "recurring", "row": cells[0] or None, "note": note}
        else:
            task["budget"] = {"status": "no_row"}
            if said_cell and not _nothing(said_cell):
                notes.append(f"{number}: kinh phí «{cells[cols['total']].strip()}» không phải con số (kiểm tra)")
    else:
        task["budget"] = {"status": "row", "row": cells[0] or None, "total": total, "allocation": allocation}
        if note:
            task["budget"]["note"] = note
        _note_years(task["budget"], task.pop("_by_year", None), by_year, number, notes)
        facts.add(f"tasks[{number}].budget", total if total is not None else allocation, row_text)


def _nothing(cell: str) -> bool:
    """'-' in an amount's cell: nothing that year, or no amount."""
    return cell.strip() in ("-", "–", "—", "x")


def _by_year(cells: list[str], table: Table) -> dict[int, Decimal]:
    """A row's amounts in the table's year columns ('-' is nothing that year); {} when it has none."""
    out: dict[int, Decimal] = {}
    for year, at in table.years.items():
        cell = cells[at] if at < len(cells) else ""
        value = _money(cell, table.scale)
        if value is not None:
            out[year] = value
        elif _nothing(cell) or not cell.strip():
            out[year] = Decimal(0)
    return out if any(out.values()) else {}


def _note_years(
    budget: dict, said: dict[int, Decimal] | None, table: dict[int, Decimal], number: str, notes: list[str]
) -> None:
    """The amounts by year in the budget's note (the model holds one total), once: the text's own words when it
    gives them ("năm 2026: 160 triệu đồng; …", "mỗi năm 90 triệu đồng"), else the table's year columns; the two
    are checked against each other."""
    if said and table and any(said.get(y, Decimal(0)) != v for y, v in table.items()):
        notes.append(f"{number}: kinh phí: phần nội dung và bảng dự toán chia theo năm khác nhau (kiểm tra)")
    note = budget.get("note") or ""
    if not table or re.search(r"năm\s+20\d\d\s*:|mỗi năm|hằng năm|hàng năm", note, re.IGNORECASE):
        return
    years = "; ".join(f"năm {y}: {printed(v)} triệu đồng" for y, v in table.items() if v)
    kept = [part for part in note.split("; ") if part and not re.fullmatch(r"năm\s+20\d\d", part.strip())]
    budget["note"] = "; ".join([*kept, f"{years} (bảng dự toán)"])
