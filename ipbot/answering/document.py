"""The plan as a document: number, date and signer; objectives; targets; duties in "Tổ chức
thực hiện"; the reporting regime; recipients; quoted passages; recorded inconsistencies.

Everything is read from the plan tables. Which target, duty or line comes first is
decided by reading (it ranks by the user's words) and arrives as ``filters.ids`` /
``filters.parts``; these functions only fetch and word it.
"""

from __future__ import annotations

import difflib
import json
import re
from decimal import Decimal

from ipbot.answering.common import Reach, date_text, percent, period, plans_of, reply
from ipbot.answers import Answer, Section, Suggestion
from ipbot.describe import agency_list, shorten, task_name
from ipbot.plans.db import DutyEntry, PlanDB, PlanInfo
from ipbot.requests import Field, Items, Op, Request
from ipbot.text import figure, money, number

__all__ = [
    "document",
    "duties",
    "objectives",
    "passages",
    "plans_list",
    "recipients",
    "reporting",
    "targets",
]


def plans_list(db: PlanDB, request: Request) -> Answer:
    lines = []
    for plan_id in db.plan_ids:
        plan = db.plan(plan_id)
        horizon = f", định hướng đến {plan.horizon}" if plan.horizon and not plan.annual else ""
        lines.append(f"• {plan.title} ({period(plan)}{horizon}): {db.count_tasks([plan.id])} nhiệm vụ.")
    suggestions = [
        Suggestion(db.plan(p).short_title, Request(items=Items.BUDGET, plans=(p,), explicit=True)) for p in db.plan_ids
    ]
    return reply(request, [Section(lines, "Các kế hoạch đang có:")], True, plans=db.plan_ids, suggestions=suggestions)


def document(db: PlanDB, request: Request) -> Answer:
    """Number, date, signer, decisions implemented, period, budget unit: whichever is asked."""
    show = set(request.show) or {Field.NUMBER, Field.DATE, Field.SIGNER, Field.PERIOD, Field.DECISION}
    every = not request.show
    sections, stated_any = [], False
    for plan in plans_of(db, request):
        lines: list[str] = []
        stated = False
        if Field.NUMBER in show:
            if plan.number:
                lines.append(f"Số hiệu: {plan.number}.")
                stated = True
            else:
                # the note, where the plan has one, already says so, with what the document leaves blank
                lines.append(plan.number_note or "Văn bản không ghi số hiệu.")
        if Field.DATE in show or Field.DAY in show:
            if plan.issued:
                lines.append(f"Ngày ban hành: {date_text(plan.issued)} ({plan.issued_text or ''}).".replace(" ()", ""))
                stated = True
            elif plan.issued_month:
                year, month = plan.issued_month.split("-")
                lines.append(
                    f"Văn bản để trống ngày ban hành (ghi «{plan.issued_text}»): ban hành tháng {month}/{year}."
                )
                stated = stated or Field.DAY not in show
            else:
                lines.append("Văn bản không ghi ngày ban hành.")
        if Field.SIGNER in show:
            if plan.signer:
                cap = f" ({plan.signer_capacity})" if plan.signer_capacity else ""
                lines.append(f"Người ký: {plan.signer}, {plan.signer_title}{cap}.")
                stated = True
            else:
                lines.append("Văn bản không có phần ký (người ký, chức vụ).")
        if Field.PERIOD in show:
            horizon = f", định hướng đến năm {plan.horizon}" if plan.horizon and not plan.annual else ""
            lines.append(f"Tên văn bản: {plan.title}. Thời kỳ: {period(plan)}{horizon}.")
            stated = True
        if Field.DECISION in show:
            lines += [f"Lưu ý: {d.note}" for d in plan.discrepancies if d.kind == "citation"]
            for ref in db.implements(plan.id):
                when = f" ngày {date_text(ref['date'])}" if ref["date"] else ""
                by = f" của {ref['issuer']}" if ref["issuer"] else ""
                about = f": {ref['title']}" if ref["title"] else ""
                kind = "Kế hoạch" if "/KH" in ref["number"] else "Nghị quyết" if "NQ" in ref["number"] else "Quyết định"
                lines.append(f"Căn cứ: {kind} số {ref['number']}{when}{by}{about}.")
                stated = True
        if Field.IN_FORCE in show or (every and plan.in_force):
            if plan.in_force:
                lines.append(f"Hiệu lực: {plan.in_force}.")
            else:  # what the document does say: the years it is for ("còn hiệu lực không")
                horizon = f", định hướng đến năm {plan.horizon}" if plan.horizon and not plan.annual else ""
                lines.append(f"Văn bản không ghi thời điểm có hiệu lực; kế hoạch áp dụng cho {period(plan)}{horizon}.")
            stated = stated or plan.in_force is not None
        if Field.PROPOSAL in show:
            lines.append(f"Ban hành theo: {plan.proposal}." if plan.proposal else "Văn bản không nêu tờ trình đề nghị.")
            stated = stated or plan.proposal is not None
        replaced = db.replaces(plan.id)
        if Field.REPLACES in show or (every and replaced):
            lines += [f"Thay thế: {ref['text']}." for ref in replaced] or ["Văn bản không nêu thay thế kế hoạch nào."]
            stated = stated or bool(replaced)
        if Field.UNIT in show:
            if plan.table_unit:
                lines.append(f"Bảng dự toán tính bằng {plan.table_unit}.")
                stated = True
            else:
                lines.append("Kế hoạch không có bảng dự toán kèm theo.")
        if every:
            lines.append(f"Cơ quan ban hành: {plan.issuer}.")
        stated_any |= stated
        sections.append(Section(lines, plan.title, f"Nguồn: {plan.short_title}, phần đầu và phần ký của văn bản."))
    return reply(request, sections, stated_any, plans=request.plans)


_OBJECTIVE_KINDS = ("purpose", "general_objective", "objective")


def objectives_reach(db: PlanDB, request: Request) -> Reach:
    """:func:`objectives` is about every plan asked; it answers when one of them states an objective (or a
    requirement reading chose)."""
    asked = set(request.filters.ids)
    rows = db.objective_kinds([p.id for p in plans_of(db, request)])
    answered = any(
        r["kind"] in _OBJECTIVE_KINDS or (r["kind"] == "requirement" and f"{r['plan_id']}:{r['position']}" in asked)
        for r in rows
    )
    return list(request.plans), answered


def objectives(db: PlanDB, request: Request) -> Answer:
    """The plan's purposes and general objectives, in the order reading ranked them ("plan:position")."""
    sections = []
    general = Field.GENERAL in request.show
    for plan in plans_of(db, request):
        asked = set(request.filters.ids)
        # the requirements (mục "Yêu cầu") when reading chose them: "kế hoạch đặt ra những yêu cầu gì"
        blocks = [
            b
            for b in db.objectives(plan.id)
            if b["kind"] in _OBJECTIVE_KINDS or (b["kind"] == "requirement" and f"{plan.id}:{b['position']}" in asked)
        ]
        if general and any(b["kind"] == "general_objective" for b in blocks):
            blocks = [b for b in blocks if b["kind"] == "general_objective"]
        order = {s: n for n, s in enumerate(request.filters.ids)}
        blocks.sort(key=lambda b: order.get(f"{plan.id}:{b['position']}", len(order)))
        if blocks and blocks[0]["kind"] == "requirement":  # asked for the requirements: those alone
            blocks = [b for b in blocks if b["kind"] == "requirement"]
        if not blocks:
            continue
        shown = blocks[:4]
        # the general objectives asked alone are few and each one sentence: whole, as the plan words them
        lines = [f"• {shorten(b['text'], 700 if general else 320)}" for b in shown]
        where = ", ".join(dict.fromkeys(b["section"] for b in shown))
        kinds = {b["kind"] for b in shown}
        named = {"general_objective": "Mục tiêu chung", "requirement": "Yêu cầu", "purpose": "Mục đích"}
        title = named.get(kinds.pop(), "Mục đích, mục tiêu") if len(kinds) == 1 else "Mục đích, mục tiêu"
        sections.append(Section(lines, f"{title} — {plan.short_title}", f"Nguồn: {plan.short_title}, mục {where}."))
    if not sections:
        if any(db.targets(p.id) for p in plans_of(db, request)):
            # "mục tiêu năm 2025 … là bao nhiêu phần trăm" of a plan that states only targets: those are its aims
            found = targets(db, request.but(items=Items.TARGETS, op=Op.LIST))
            found.sections.insert(0, Section(["Kế hoạch không nêu mục tiêu chung; các chỉ tiêu kế hoạch đặt ra:"]))
            return found
        return reply(request, [Section(["Kế hoạch không nêu mục tiêu chung."])], False, plans=request.plans)
    return reply(request, sections, True, plans=request.plans)


_WORD_RE = re.compile(r"\w+|[^\w\s]")


def _joined(words: list[str]) -> str:
    """Words and punctuation marks back into text: "năm 2023 ." → "năm 2023."."""
    return re.sub(r" ([.,;:)])", r"\1", " ".join(words)).replace("( ", "(")


def compare_objectives(db: PlanDB, request: Request) -> Answer:
    """Two plans' objectives ("mục tiêu của KH 2022 và KH 2023 khác nhau ở điểm nào"): the words one has
    and the other has not, block by block, rather than two long quotations read side by side."""
    first, second = plans_of(db, request)[:2]
    old = [b for b in db.objectives(first.id) if b["kind"] in ("general_objective", "objective")]
    new = [b for b in db.objectives(second.id) if b["kind"] in ("general_objective", "objective")]
    if not old or not new:
        return objectives(db, request.but(op=Op.LOOKUP))
    lines = []
    for a, b in zip(old, new, strict=False):
        left, right = _WORD_RE.findall(a["text"]), _WORD_RE.findall(b["text"])
        gone, added = [], []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, left, right, autojunk=False).get_opcodes():
            if tag in ("delete", "replace"):
                gone.append(f"«{_joined(left[i1:i2])}»")
            if tag == "insert":  # where: "«trong năm 2023» (sau «… xã hội của tỉnh»)"
                added.append(f"«{_joined(right[j1:j2])}» (sau «…{_joined(right[max(0, j1 - 5) : j1])}»)")
            elif tag == "replace":
                added.append(f"«{_joined(right[j1:j2])}»")
        if not gone and not added:
            lines.append(f"• Mục {a['section']} và mục {b['section']}: giống nhau từng chữ.")
            continue
        later, earlier = period(second), period(first)
        if added:
            lines.append(f"• {later[:1].upper()}{later[1:]} thêm: " + "; ".join(added) + ".")
        if gone:
            lines.append(f"• {earlier[:1].upper()}{earlier[1:]} có mà {later} bỏ: " + "; ".join(gone) + ".")
        if not gone or not added:
            lines.append("  Phần còn lại giống nhau từng chữ.")
    if len(old) != len(new):
        lines.append(f"Số đoạn mục tiêu: {period(first)} {len(old)}, {period(second)} {len(new)}.")
    where = f"Nguồn: {first.short_title}, mục {old[0]['section']}; {second.short_title}, mục {new[0]['section']}."
    title = f"Mục tiêu: {first.short_title} so với {second.short_title}"
    return reply(request, [Section(lines, title, where)], True, plans=[first.id, second.id])


def targets_reach(db: PlanDB, request: Request) -> Reach:
    """:func:`targets` is about every plan asked; it answers when one of them sets a target for the year."""
    return list(request.plans), db.have_targets([p.id for p in plans_of(db, request)], request.filters.year)


def targets(db: PlanDB, request: Request) -> Answer:
    """The numeric targets, by year, the ones reading ranked first on top."""
    sections = []
    f = request.filters
    chosen: dict[str, list[str]] = {}  # plan → the targets reading chose there (every plan's, asked of each)
    for i in f.ids:
        chosen.setdefault(i.split(":", 1)[0], []).append(i)
    for plan in plans_of(db, request):
        rows = db.targets(plan.id, f.year, chosen.get(plan.id, []))
        if not rows and f.ids:
            rows = db.targets(plan.id, f.year)
        if not rows:
            continue
        # the milestone of the target that matches the question best first (rows come ranked when words chose them)
        years = list(dict.fromkeys(r["year"] for r in rows)) if f.ids else sorted({r["year"] for r in rows})
        for year in years:
            lines = [f"• {r['text']}" for r in rows if r["year"] == year]
            section = rows[0]["section"].rsplit(".", 2)[0]
            sections.append(
                Section(
                    lines, f"Chỉ tiêu đến năm {year} — {plan.short_title}", f"Nguồn: {plan.short_title}, mục {section}."
                )
            )
    if not sections:
        years = sorted({r["year"] for p in plans_of(db, request) for r in db.targets(p.id)})
        hint = f" Kế hoạch có chỉ tiêu cho: {', '.join(map(str, years))}." if years else ""
        if not years:
            names = ", ".join(p.short_title for p in plans_of(db, request))
            text = f"{names} không có mục chỉ tiêu định lượng riêng; số lượng được ghi trong từng nhiệm vụ."
        else:
            text = f"Kế hoạch không nêu chỉ tiêu cho mốc này.{hint}"
        return reply(request, [Section([text])], False, plans=request.plans)
    return reply(request, sections, True, plans=request.plans)


def target_difference(db: PlanDB, request: Request) -> Answer:
    """The same target at two milestones: the change when both state one number, else both as written."""
    plan = plans_of(db, request)[0]
    rows = db.targets(plan.id, None, request.filters.ids)
    if len(rows) != 2:
        return targets(db, request.but(op=Op.LIST))
    first, second = rows
    a, b = _single_number(first["value"]), _single_number(second["value"])
    lines = [f"• Đến năm {r['year']}: {r['text']}" for r in rows]
    if a is not None and b is not None:
        change = "tăng thêm" if b > a else "giảm" if b < a else "không đổi"
        unit = f" {second['unit']}" if second["unit"] else ""  # "tăng thêm 100 đơn vị sản xuất kinh doanh"
        amount = f" {figure(abs(b - a))}{unit}" if b != a else ""
        relative = f", tức {percent(abs(b - a), a)}" if a and b != a else ""  # "tăng bao nhiêu phần trăm"
        span = f"Từ mốc {first['year']} đến mốc {second['year']}"
        lines.insert(0, f"{span}: {change}{amount} ({figure(a)} → {figure(b)}{relative}).")
    elif (ends := _range_change(first["value"], second["value"])) is not None:
        lines.insert(
            0, f"Từ mốc {first['year']} đến mốc {second['year']}: {ends} («{first['value']}» → «{second['value']}»)."
        )
    else:
        lines.insert(0, f"Mốc {first['year']} ghi «{first['value']}», mốc {second['year']} ghi «{second['value']}».")
    if first["value"] == second["value"]:
        # "100% … được đào tạo cơ bản" then "100% … được đào tạo chuyên sâu": the same figure; the words that differ
        # are the change
        differ = _wording_change(first["text"], second["text"])
        if differ:
            lines.insert(
                0,
                f"Cùng mức «{first['value']}»; khác ở: «{differ[0]}» (mốc {first['year']}) → "
                f"«{differ[1]}» (mốc {second['year']}).",
            )
            del lines[1]
    section = first["section"].rsplit(".", 2)[0]
    return reply(
        request, [Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, mục {section}.")], True, plans=[plan.id]
    )


def _range_change(before: str | None, after: str | None) -> str | None:
    """Two ranges of a share ("8-10%/năm" → "10-12%/năm"): how far each end moved, in percentage points."""
    a, b = (re.findall(r"\d+(?:[.,]\d+)?", v or "") for v in (before, after))
    if len(a) != 2 or len(b) != 2 or "%" not in (before or "") or "%" not in (after or ""):
        return None
    low, high = (number(b[i]) - number(a[i]) for i in (0, 1))
    word = "tăng" if low >= 0 and high >= 0 else "giảm" if low <= 0 and high <= 0 else None
    if word is None or (low == 0 and high == 0):
        return None
    if low == high:
        return f"{word} {figure(abs(low))} điểm phần trăm ở cả hai đầu khoảng"
    return f"{word} {figure(abs(low))} điểm phần trăm ở đầu dưới, {figure(abs(high))} điểm phần trăm ở đầu trên"


def _wording_change(before: str, after: str) -> tuple[str, str] | None:
    """The one stretch of words two versions of a target differ in ("cơ bản" → "chuyên sâu"), when they differ in
    one place only and the year is not all that differs."""
    a, b = before.split(), after.split()
    blocks = [op for op in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if op[0] != "equal"]
    blocks = [op for op in blocks if not re.fullmatch(r"[\d,.:;-]*", " ".join([*a[op[1] : op[2]], *b[op[3] : op[4]]]))]
    if len(blocks) != 1:
        return None
    _, i1, i2, j1, j2 = blocks[0]
    old, new = " ".join(a[i1:i2]).strip(" ,.;"), " ".join(b[j1:j2]).strip(" ,.;")
    return (old, new) if old and new else None


def _single_number(value: str | None) -> Decimal | None:
    """'tối thiểu 250' → 250; a range ('03 - 05', '8-10%/năm') or a share is not one number."""
    numbers = re.findall(r"\d[\d.,]*\d|\d", value or "")
    if len(numbers) != 1 or "%" in (value or ""):
        return None
    return number(numbers[0])


def _entry_lines(entry: DutyEntry, parts: tuple[int, ...], budget: int) -> tuple[list[str], str]:
    """An entry's duties (those asked about first, or only those when ``parts`` names them)."""
    duties = list(enumerate(entry.duties))
    if parts:
        chosen = [(n, d) for n, d in duties if n in parts]
        lines = [f"{entry.heading}:"] + [f"{lab}) {text}" if lab else f"• {text}" for _, (lab, text) in chosen]
        one = chosen[0][1][0] if len(chosen) == 1 and chosen[0][1][0] else None
        return lines, f"{entry.section}.{one}" if one else entry.section
    lines = []
    for _, (label, text) in duties:
        cut = shorten(text, max(200, budget))
        lines.append(f"• {label + ') ' if label else ''}{cut}")
        budget -= len(cut)
        if budget <= 0:
            break
    return lines, entry.section


def duties_reach(db: PlanDB, request: Request) -> Reach | None:
    """The plans whose entries :func:`duties` quotes, in its order, when there are any."""
    f = request.filters
    plans = db.duty_plans([p.id for p in plans_of(db, request)], agency=f.agency, sections=f.ids)
    return (plans, True) if plans else None


def duties(db: PlanDB, request: Request) -> Answer:
    """What "Tổ chức thực hiện" assigns: to one agency, or the entries reading picked."""
    f = request.filters
    plans = plans_of(db, request)
    sections = []
    entries = db.duties([p.id for p in plans], agency=f.agency, sections=f.ids)
    if f.points and len(entries) == 1:
        # "điểm b mục 9": that lettered point, or that the entry has none so lettered (V.9 runs a), c))
        entry = entries[0]
        plan = db.plan(entry.plan_id)
        source = f"Nguồn: {plan.short_title}, mục {entry.section} (Tổ chức thực hiện)."
        labels = [label for label, _ in entry.duties if label]
        # (Ninh Thuận 2022's IV.2 letters its points as entries of their own: IV.2.a … IV.2.k)
        labels = labels or [
            e.section.rsplit(".", 1)[1] for e in db.duties([plan.id]) if e.section.startswith(f"{entry.section}.")
        ]
        chosen = tuple(n for n, (label, _) in enumerate(entry.duties) if label and label in f.points)
        if not chosen:
            asked = ", ".join(f"{p})" for p in f.points)
            have = ", ".join(f"{label})" for label in labels) or "không đánh chữ"
            line = f"Mục {entry.section} ({entry.heading}) không có điểm {asked}; các điểm của mục: {have}."
            return reply(request, [Section([line], plan.short_title, source)], False, plans=[plan.id])
        lines, where = _entry_lines(entry, chosen, 1500)
        return reply(
            request, [Section(lines, f"Tổ chức thực hiện — {plan.short_title}", source)], True, plans=[plan.id]
        )
    for entry in entries:
        plan = db.plan(entry.plan_id)
        budget = 1500 if len(entries) == 1 else 900
        lines, where = _entry_lines(entry, f.parts if len(entries) == 1 or f.ids else (), budget)
        heading = entry.heading.split(") ", 1)[-1] if ") " in entry.heading[:4] else entry.heading
        if f.parts and (len(entries) == 1 or f.ids):
            heading = "Tổ chức thực hiện"
        if len(entries) == 1:
            lines = lines + _tasks_cited(db, plan, " ".join(lines))  # "Chủ trì nhiệm vụ 3.c": what 3.c is
        sections.append(
            Section(
                lines, f"{heading} — {plan.short_title}", f"Nguồn: {plan.short_title}, mục {where} (Tổ chức thực hiện)."
            )
        )
    if not sections:
        names = ", ".join(db.agency_name(p.id, f.agency) for p in plans[:1]) if f.agency else "cơ quan này"
        where = ", ".join(p.short_title for p in plans)
        lines = [f"Phần Tổ chức thực hiện của {where} không giao riêng nhiệm vụ cho {names}."]
        asked = Field.CONTINUES in request.show  # "có giao … cho Sở X không?", and it leads no task: "no" answers it
        if asked:
            lines = [f"Không. {lines[0]} Cơ quan này cũng không chủ trì hay phối hợp nhiệm vụ nào của kế hoạch."]
        return reply(request, [Section(lines)], asked, plans=request.plans, agencies=[f.agency] if f.agency else [])
    return reply(request, sections, True, plans=[e.plan_id for e in entries], agencies=[f.agency] if f.agency else [])


def reporting(db: PlanDB, request: Request) -> Answer:
    """The reporting regime, or whom to tell about difficulties (the closing paragraph)."""
    difficulty = Field.DIFFICULTY in request.show
    sections, stated_any = [], False
    for plan in plans_of(db, request):
        row = db.reporting(plan.id)
        lines: list[str] = []
        src = ""
        if row is not None and not difficulty:
            to = agency_list(db.agency_name(plan.id, s) for s in json.loads(row["recipient"] or "[]"))
            lines.append(row["text"])
            if row["deadline"]:
                freq = row["frequency"].lower() if row["frequency"] else "hằng năm"
                lines.append(f"Hạn: {row['deadline']} ({freq}); gửi về {to}.")
            stated_any = True
            src = f"mục {row['section']}"
        elif plan.closing and (difficulty or row is None):
            if not difficulty:
                lines.append("Kế hoạch không quy định chế độ, thời hạn báo cáo định kỳ.")
            lines.append(plan.closing)
            if plan.closing_recipient:
                names = agency_list(db.agency_name(plan.id, s) for s in plan.closing_recipient)
                lines.append(f"Đầu mối tiếp nhận: {names}.")
            # (asked who collects the reports, the agency the closing names is the answer)
            stated_any |= difficulty or (Field.LEAD in request.show and bool(plan.closing_recipient))
            src = "đoạn cuối phần Tổ chức thực hiện"
        if lines:
            sections.append(Section(lines, plan.short_title, f"Nguồn: {plan.short_title}, {src}."))
        else:
            sections.append(Section(["Kế hoạch không quy định chế độ, thời hạn báo cáo."], plan.short_title))
    return reply(request, sections, stated_any, plans=request.plans)


def recipients_reach(db: PlanDB, request: Request) -> Reach:
    """:func:`recipients` is about the plans asked; it answers when one of them has a "Nơi nhận"."""
    return list(request.plans), db.have_recipients([p.id for p in plans_of(db, request)])


def recipients(db: PlanDB, request: Request) -> Answer:
    """'Nơi nhận', the lines reading ranked first on top."""
    sections, any_found = [], False
    chosen: dict[str, list[tuple[int, str]]] = {}  # plan → its lines reading chose, with their places
    for n, i in enumerate(request.filters.ids):
        plan_id, _, line = i.rpartition(":")
        chosen.setdefault(plan_id, []).append((n, line))
    for plan in plans_of(db, request):
        lines = db.recipients(plan.id)
        if not lines:
            sections.append(Section(["Văn bản không có phần «Nơi nhận»."], plan.short_title))
            continue
        any_found = True
        order = {int(line): n for n, line in chosen.get(plan.id, [])}
        ranked = sorted(enumerate(lines), key=lambda nl: order.get(nl[0], len(order) + nl[0]))
        sections.append(
            Section(
                [f"• {line}" for _, line in ranked],
                f"Nơi nhận — {plan.short_title}",
                f"Nguồn: {plan.short_title}, phần Nơi nhận.",
            )
        )
    return reply(request, sections, any_found, plans=request.plans, intent="document")


_PASSAGE_KINDS = {
    "responsibility": "Tổ chức thực hiện",
    "target": "Chỉ tiêu",
    "objective": "Mục tiêu",
    "reporting": "Chế độ báo cáo",
    "closing": "Tổ chức thực hiện",
    "document": "Căn cứ",
    "budget": "Kinh phí",
    "recipients": "Nơi nhận",
    "task": "Nhiệm vụ",
}


def passage_id(plan_id: str, kind: str, ref: str) -> str:
    """The one way a quoted passage is named in a request: ``plan|kind|ref``."""
    return f"{plan_id}|{kind}|{ref}"


def _passage(db: PlanDB, pid: str, parts: tuple[int, ...]) -> tuple[list[str], str] | None:
    """The text of one passage (shortened for a phone) and the section it comes from."""
    plan_id, kind, ref = pid.split("|", 2)
    plan = db.plan(plan_id)
    if kind == "responsibility":
        entries = db.duties([plan_id], sections=[f"{plan_id}:{ref}"])
        if not entries:
            return None
        entry = entries[0]
        if parts:
            return _entry_lines(entry, parts, 700)
        text = entry.heading + ": " + " ".join(t for _, t in entry.duties)
        return [shorten(text, 700)], entry.section
    if kind == "target":
        rows = [r for r in db.targets(plan_id) if r["id"] == ref]
        return ([rows[0]["text"]], rows[0]["section"]) if rows else None
    if kind == "objective":
        rows = [r for r in db.objectives(plan_id) if str(r["position"]) == ref]
        return ([shorten(rows[0]["text"], 700)], rows[0]["section"]) if rows else None
    if kind == "reporting":
        row = db.reporting(plan_id)
        return ([shorten(row["text"], 700)], row["section"]) if row else None
    if kind == "closing":
        row = db.reporting(plan_id)
        return ([shorten(plan.closing or "", 700)], row["section"] if row else "") if plan.closing else None
    if kind == "document":
        rows = [r for r in db.implements(plan_id) if r["number"] == ref]
        return ([shorten(rows[0]["text"], 700)], "Phần mở đầu") if rows else None
    if kind == "recipients":
        return ["; ".join(db.recipients(plan_id))], "Nơi nhận"
    if kind == "budget":
        return ([plan.funding_text], plan.budget_section) if plan.funding_text else None
    if kind == "task":
        task = db.task(f"{plan_id}:{ref}")
        return ([f"{task.number} — {task.title}: {task.content}"], task.section) if task else None
    return None


def passages(db: PlanDB, request: Request) -> Answer:
    """Quote the passages reading found, with their sections."""
    sections, plans, agencies = [], [], []
    for pid in request.filters.ids:
        found = _passage(db, pid, request.filters.parts if len(request.filters.ids) == 1 else ())
        if found is None:
            continue
        lines, section = found
        plan_id, kind, ref = pid.split("|", 2)
        if kind == "responsibility":  # "sở đó còn làm gì nữa" next: the one agency the entry is for
            entries = db.duties([plan_id], sections=[f"{plan_id}:{ref}"])
            agencies += [a for e in entries if len(e.agencies) == 1 for a in e.agencies]
        plan = db.plan(plan_id)
        plans.append(plan_id)
        if kind == "responsibility":
            lines = lines + _tasks_cited(db, plan, " ".join(lines))
        source = f"Nguồn: {plan.short_title}, mục {section}." if section else f"Nguồn: {plan.short_title}."
        sections.append(Section(lines, f"{_PASSAGE_KINDS.get(kind, '')} — {plan.short_title}", source))
    return reply(request, sections, bool(sections), plans=plans, agencies=agencies if len(agencies) == 1 else ())


# "Chủ trì thực hiện nhiệm vụ số (15)", "Chủ trì nhiệm vụ 3.c", "nhiệm vụ 2.d, 2.đ": the tasks a duty cites by number
_CITED_TASKS_RE = re.compile(r"nhiệm vụ(?: số)?\s+((?:\(?\d+(?:\.[\da-zđ]+)*\)?(?:\s*(?:,|và)\s*(?=\(?\d))?)+)")
_TASK_NUMBER_RE = re.compile(r"\(?(\d+(?:\.[\da-zđ]+)*)\)?")
_FEW_CITED = 4


def _tasks_cited(db: PlanDB, plan: PlanInfo, text: str) -> list[str]:
    """What the tasks a duty cites by number are, who leads them and their money: the duty says only "nhiệm vụ số
    (15)", a reader asks what that task is."""
    numbers = [n for m in _CITED_TASKS_RE.finditer(text) for n in _TASK_NUMBER_RE.findall(m.group(1))]
    ids = db.numbered(plan.id, numbers)
    if not ids or len(ids) > _FEW_CITED:
        return []
    out = []
    for task in db.tasks(ids):
        said = []
        if task.lead:
            said.append("chủ trì: " + agency_list(task.named(s, db.agency_name(plan.id, s)) for s in task.lead))
        if task.budget.total is not None:
            said.append(f"kinh phí: {money(task.budget.total)}")
        out.append(f"• Nhiệm vụ {task.number}: {task_name(task)}" + (f" ({'; '.join(said)})" if said else ""))
    return out


def discrepancies(db: PlanDB, request: Request) -> Answer:
    """What the document states inconsistently, as recorded in the data."""
    sections = []
    for plan in plans_of(db, request):
        if plan.discrepancies:
            lines = [f"• {d.note}" for d in plan.discrepancies]
            sections.append(
                Section(lines, f"Chỗ văn bản không thống nhất — {plan.short_title}", f"Nguồn: {plan.short_title}.")
            )
    if not sections:
        return reply(
            request, [Section(["Không ghi nhận chỗ nào văn bản không thống nhất."])], False, plans=request.plans
        )
    return reply(request, sections, True, plans=request.plans)


def files(db: PlanDB, request: Request) -> Answer:
    """Charts or a spreadsheet asked for: the front end renders the attachments."""
    from ipbot.answering.money import plan_budget
    from ipbot.answers import Attachment

    plans = plans_of(db, request)
    formats = [fmt for fmt, field in (("xlsx", Field.EXPORT), ("csv", Field.CSV)) if field in request.show]
    if formats:
        attachments = [Attachment(kind="export", what=fmt, plans=(p.id,)) for p in plans for fmt in formats]
        names = ", ".join(p.short_title for p in plans)
        kinds = " và ".join("bảng tính Excel" if fmt == "xlsx" else "CSV" for fmt in formats)
        lines = [f"Danh sách nhiệm vụ của {names} dạng {kinds} (gửi kèm)."]
        return reply(request, [Section(lines)], True, plans=[p.id for p in plans], attachments=attachments)
    attachments = []
    for plan in plans:
        if plan.has_rows:
            attachments.append(Attachment(kind="chart", what="by_group", plans=(plan.id,)))
        if any(s.amount is not None for s in plan.sources):
            attachments.append(Attachment(kind="chart", what="by_source", plans=(plan.id,)))
    with_totals = tuple(p.id for p in plans if p.budget_total is not None)
    if len(with_totals) >= 2:
        attachments.append(Attachment(kind="chart", what="compare", plans=with_totals))
    if not attachments:
        names = ", ".join(p.short_title for p in plans)
        return reply(
            request, [Section([f"{names} không có số liệu kinh phí để vẽ biểu đồ."])], False, plans=request.plans
        )
    budget = plan_budget(db, Request(items=Items.BUDGET, op=Op.LOOKUP, plans=with_totals or request.plans))
    lines = ["Biểu đồ kinh phí (gửi kèm dưới dạng ảnh)."]
    return reply(
        request, [Section(lines), *budget.sections], True, plans=[p.id for p in plans], attachments=attachments
    )
