"""'Tổ chức thực hiện': duties by agency, the reporting arrangement, and whom to tell about difficulties."""

from __future__ import annotations

import itertools
import re

from ipbot.plans.importing.agencies import AgencyMatcher
from ipbot.plans.importing.draft import Facts

__all__ = ["closing", "reporting", "responsibilities"]

_GROUP_RE = re.compile(r"^(\d{1,2})\.\s+(.+?)\s*:?\s*$")
_LETTER_RE = re.compile(r"^([a-zđ])\)\s*(.+)$")
_DEADLINE_RE = re.compile(
    r"trước ngày\s+(\d{1,2})\s*(?:tháng\s+|/)(\d{1,2})(?:\s*(?:năm\s+|/)(20\d\d))?(?:\s+(?:hằng|hàng) năm)?"
)
_CLOSING_RE = re.compile(r"^(?:Trong quá trình|Trên đây|Quá trình)")


def responsibilities(
    sections: dict[str, list[str]], matcher: AgencyMatcher, notes: list[str], facts: Facts
) -> list[dict]:
    key = next((k for k in sections if "TỔ CHỨC THỰC HIỆN" in k.upper()), None)
    if key is None:
        notes.append("tổ chức thực hiện: không tìm thấy mục")
        return []
    roman = key.split(".", 1)[0]
    out: list[dict] = []
    current: dict | None = None
    for line in sections[key]:
        if _CLOSING_RE.match(line) or re.match(r"^Nơi nhận", line):
            break
        heading = None
        g = _GROUP_RE.match(line)
        if g:
            heading = (g.group(1), g.group(2))
        else:
            m = re.match(r"^(\d{1,2})\.\s+(.+?):\s*(.+)$", line)
            if m:
                heading = (m.group(1), m.group(2))
        letter_heading = _LETTER_RE.match(line)
        if (
            letter_heading
            and out
            and letter_heading.group(2).lower().startswith(AgencyMatcher._HEADS)
            and (line.rstrip().endswith(":") or len(line) < 100)
        ):  # "a) Sở Văn hóa, Thể thao và Du lịch:" under "2. Các Sở, ngành": an entry of its own
            name = letter_heading.group(2).rstrip(": ")
            found = matcher.read(name)
            section = f"{out[-1]['section'].split('.')[0]}.{out[-1]['section'].split('.')[1]}.{letter_heading.group(1)}"
            current = {"section": section, "heading": name, "agencies": found.ids, "duties": []}
            out.append(current)
            facts.add(f"responsibilities[{section}]", name, line)
            continue
        if heading and len(heading[1].split(":")[0]) < 120:
            name = heading[1].split(":")[0].strip()
            if re.search(r"chế độ báo cáo|báo cáo|kinh phí", name, re.IGNORECASE) and not name.lower().startswith(
                AgencyMatcher._HEADS
            ):
                current = None
                continue
            found = matcher.read(name)
            notes.extend(f"{roman}.{heading[0]}: {n}" for n in found.notes)
            current = {"section": f"{roman}.{heading[0]}", "heading": name, "agencies": found.ids, "duties": []}
            rest = heading[1].split(":", 1)[1].strip() if ":" in heading[1] else ""
            if rest:
                current["duties"].append({"text": rest})
            out.append(current)
            facts.add(f"responsibilities[{roman}.{heading[0]}]", name, line)
            continue
        if current is None:
            continue
        letter = _LETTER_RE.match(line)
        text = re.sub(r"^[-–•+]\s*", "", line)
        if letter:
            current["duties"].append({"label": letter.group(1), "text": letter.group(2)})
        else:
            current["duties"].append({"text": text})
    return [r for r in out if r["agencies"] and r["duties"]]


def reporting(
    sections: dict[str, list[str]], lines: list[str], matcher: AgencyMatcher, notes: list[str], facts: Facts
) -> dict | None:
    """Who reports to whom, by when: a 'Chế độ báo cáo' section or item, else a sentence that says so."""
    key = next((k for k in sections if "BÁO CÁO" in k.upper()), None)
    if key is not None:
        # up to the closing paragraph: what follows it ("Nơi nhận", the signature) is no part of the regime
        body = list(
            itertools.takewhile(lambda ln: not re.match(r"^(Trên đây|Nơi nhận|Trong quá trình)", ln), sections[key])
        )
        roman = key.split(".", 1)[0]
    else:
        start = next((i for i, ln in enumerate(lines) if re.match(r"^\d+\.\s*Chế độ báo cáo", ln, re.IGNORECASE)), None)
        if start is not None:
            body = []
            for ln in lines[start + 1 : start + 6]:
                if _CLOSING_RE.match(ln) or re.match(r"^(\d+\.|[IVX]+\.|Nơi nhận)\s", ln):
                    break
                body.append(ln)
            roman = _section_of(sections, lines[start]) or "?"
            roman = f"{roman}.{lines[start].split('.', 1)[0]}"
        else:
            body = [ln for ln in lines if "báo cáo" in ln.lower() and _DEADLINE_RE.search(ln)][:1]
            roman = _section_of(sections, body[0]) if body else None
            roman = roman or "?"
    # "1. Định kỳ hằng năm, …": an item's number is no sentence of its own (the first sentence is the rule)
    text = " ".join(re.sub(r"^\d{1,2}\.\s+", "", ln) for ln in body).strip()
    if not text:
        notes.append("báo cáo: không tìm thấy chế độ báo cáo (hạn, nơi nhận báo cáo)")
        return None
    first = re.split(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])", text)[0]
    # the whole section, not its first sentence: the final report's deadline and the reviews' timing ("sơ kết …
    # trong Quý IV/2025 và tổng kết … Quý IV/2030") follow the yearly rule, and the plan holds one deadline
    out: dict[str, object] = {"section": roman, "text": text}
    deadline = _yearly_deadline(text, notes)
    if deadline:
        out.update(
            {
                "deadline": deadline.group(0),
                "deadline_day": int(deadline.group(1)),
                "deadline_month": int(deadline.group(2)),
            }
        )
        facts.add("reporting.deadline", deadline.group(0), first)
    else:
        notes.append("báo cáo: không tìm thấy hạn gửi báo cáo (kiểm tra)")
    to = re.search(
        r"(?:gửi về|gửi|về)\s+((?:Sở|Ủy ban|UBND|Uỷ ban|Văn phòng)[^,.;(]*?)(?=\s*\(|\s+trước|\s+để|[,.;]|$)", first
    )
    recipient = matcher.read(to.group(1)).ids if to else []
    if recipient:
        out["recipient"] = recipient
        facts.add("reporting.recipient", to.group(1), first)  # type: ignore[union-attr]
    else:
        notes.append("báo cáo: không xác định được cơ quan nhận báo cáo (kiểm tra)")
    reporters = re.match(r"^(?:Định kỳ[^,]*,\s*)?(.+?)\s+(?:định kỳ\s+)?(?:báo cáo|đánh giá|gửi)", first)
    if reporters and len(reporters.group(1)) < 150:
        out["reporters"] = reporters.group(1)
    forward = re.search(r"để tổng hợp,?\s*(?:tham mưu\s+)?(?:báo cáo|trình)\s+(.+?)(?:[.;]|$)", first)
    # two levels said in two sentences: "… gửi về Sở KH&CN trước ngày 30/11 để tổng hợp. Sở KH&CN tổng hợp, báo
    # cáo UBND tỉnh và Bộ KH&CN trước ngày 15/12": whom the report goes on to is the second's
    forward = forward or re.search(r"tổng hợp,?\s*(?:tham mưu\s+)?(?:báo cáo|trình)\s+(.+?)(?:\s+trước\b|[.;]|$)", text)
    if forward:
        out["forward_to"] = matcher.read(forward.group(1)).ids
    if re.search(r"hằng năm|hàng năm|định kỳ", text, re.IGNORECASE):
        out["frequency"] = "Định kỳ hàng năm"
    return out


def _yearly_deadline(text: str, notes: list[str]) -> re.Match[str] | None:
    """The deadline of the yearly report when the section sets several ("định kỳ 6 tháng (trước ngày 10/6) và
    hằng năm (trước ngày 20/11) …; báo cáo tổng kết … trước ngày 31/10/2027"): the plan holds one deadline,
    and the yearly report is the one every plan has; a note names the others."""
    found = list(_DEADLINE_RE.finditer(text))
    if len(found) <= 1:
        return found[0] if found else None
    yearly = [
        m
        for m in found
        if re.search(r"(?:hằng|hàng) năm", m.group(0)) or re.search(r"(?:hằng|hàng) năm\W{0,3}$", text[: m.start()])
    ]
    results = _results_deadlines(text, found)
    # of two yearly ones ("hằng năm (trước ngày 15 tháng 11) gửi về Sở KH&CN. Sở KH&CN tổng hợp, báo cáo UBND tỉnh …
    # trước ngày 30 tháng 11 hằng năm"), the report of results, not the one forwarding it
    yearly_results = [m for m in yearly if m in results]
    if len(yearly) == 1:
        chosen = yearly[0]
    elif len(yearly) > 1 and len(yearly_results) == 1:
        chosen = yearly_results[0]
    else:
        chosen = results[0] if len(results) == 1 else found[0]
    others = ", ".join(f"«{m.group(0)}»" for m in found if m is not chosen)
    notes.append(
        f"báo cáo: văn bản nêu {len(found)} hạn báo cáo; hạn ghi vào dữ liệu «{chosen.group(0)}», "
        f"còn {others} (kiểm tra)"
    )
    return chosen


# what the words before a deadline say its report is when it is not the yearly report of results: an interim one
# ("báo cáo sơ kết 6 tháng trước ngày 10/6"), the period's final one, or the reviewer's own report onwards
# ("… về Sở KH&CN để tổng hợp, báo cáo UBND tỉnh … trước ngày 15/12")
_NOT_RESULTS_RE = re.compile(r"sơ kết|6 tháng|sáu tháng|tổng kết|để tổng hợp|tổng hợp,? báo cáo", re.IGNORECASE)


def _results_deadlines(text: str, found: list[re.Match[str]]) -> list[re.Match[str]]:
    """Of several deadlines, those whose own clause (the words since the deadline before it) is a report of results:
    not interim, final or forwarded."""
    return [
        m for i, m in enumerate(found) if not _NOT_RESULTS_RE.search(text[found[i - 1].end() if i else 0 : m.start()])
    ]


def _section_of(sections: dict[str, list[str]], line: str) -> str | None:
    return next((k.split(".", 1)[0] for k, v in sections.items() if line in v), None)


def closing(lines: list[str], matcher: AgencyMatcher, notes: list[str], facts: Facts) -> tuple[str | None, list[str]]:
    """'Trong quá trình thực hiện, nếu có khó khăn, vướng mắc … phản ánh về X': the paragraph and X."""
    text = next(
        (ln for ln in lines if re.search(r"khó khăn,? vướng mắc", ln) and re.search(r"phản ánh|báo cáo", ln)), None
    )
    if text is None:
        notes.append("khó khăn, vướng mắc: không tìm thấy đoạn nói phản ánh về cơ quan nào")
        return None, []
    # a paragraph joined from hard-wrapped lines may open with the reporting sentence: the closing is its own
    opening = re.search(r"(?<=[.;]\s)(?:Trong quá trình|Quá trình)\b", text)
    text = text[opening.start() :] if opening and "báo cáo" in text[: opening.start()] else text
    m = re.search(r"phản ánh(?: kịp thời)?\s+(?:về|với|đến)\s+(.+?)(?:\s+để|[,.;]|$)", text)
    ids = matcher.read(m.group(1)).ids if m else []
    if ids:
        facts.add("closing_recipient", m.group(1), text)  # type: ignore[union-attr]
    else:
        notes.append("khó khăn, vướng mắc: không xác định được cơ quan nhận phản ánh (kiểm tra)")
    return text, ids
