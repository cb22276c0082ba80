#!/usr/bin/env python3
"""Score `import-text` on plan documents with answer keys: tasks, plan-level facts, silent misses, questions.

    python benchmarks/score_import.py /work/importdocs/doc1.txt [doc2.txt …] [--questions] [--show]

Each document ``docN.txt`` comes with ``docN.key.json`` ({"plan": {…}, "tasks": [{"number", "lead",
"timeline", "budget_million", "budget_split"?…}]}) and, for ``--questions``, ``docN.questions.jsonl``
in the eval format. The draft is used as it stands: imported into a temporary copy of ``data/`` (the
curated plans stay beside it), then ``score.py`` (``$IPBOT_SCORE``, default
``/work/shared/eval/score.py``) runs the questions through ``ipbot ask --batch``.

A miss is *flagged* when a draft note names it: a task's number and the field ("3.1: … chủ trì …",
"3.1: … thời gian …", "3.1: … kinh phí …"; a note about another field of the same task does not
flag it), or the fact's own prefix ("kinh phí: …", "báo cáo: …"). A miss no note names is *silent*.

Keys written later (``/work/importdocs4``) also list ``plan.duties_by_agency`` (section V: the
agencies each numbered item is about); for them the plan-level facts include ``duties``: every item
of the key is an entry of the draft's ``responsibilities`` under the same section, with its agencies.

Keys of ``/work/importdocs6`` are shaped a little otherwise, and are read as the same facts (see ``_plan_view``):
``budget_sources`` for ``budget_by_source``; the date as "14/03/2024"; ``implements`` as citations ("Quyết định số
1068/QĐ-TTg ngày …", of which the number is the fact); no ``province`` or ``period`` (both are then the key title's:
"… tỉnh Sóc Trăng năm 2024"); the title as the words under the heading "KẾ HOẠCH" (the draft's title, like the
curated plans' and the first keys', begins "Kế hoạch …"); a task's split by source in its ``budget_note`` ("800 ngân
sách trung ương + 400 …", see ``_note_split``); no ``recipients`` (not scored: the key does not say them);
``targets`` as a label → figure map ("lớp tập huấn": "03 (khoảng 240 lượt người)": a draft target holds the label's
words, abbreviations expanded, and the figure's numbers) or ``targets_by_year`` (a table's row → year → figure: a
draft target of that year, or of the whole period, holds the row's words and figure).

Keys of ``/work/importdocs7`` are read as the same facts too: a task's ``lead`` may be null (the document names none:
the draft must name none); the reporting ``deadline`` may list several, each after its rhythm ("6 tháng: trước ngày
15 tháng 6; hằng năm: trước ngày 15 tháng 11": the yearly one is the fact); ``targets_by_year`` may go year → row →
figure, with a column "hằng năm" (a target of any year); a target's figure may carry the key's remark after a
semicolon ("ít nhất 15 (section II); Phụ lục row 3 says 12": the figure is 15); ``implements`` may cite a resolution
"Nghị quyết số 57-NQ/TW" (its number is "57-NQ/TW"); a row's words in brackets ("… nhãn hiệu (lũy kế)") are the key's
remark, and a figure's year ("ban hành (đến hết năm 2026)" in the 2026 column) is the target's year; a time "năm 2024 -
2025" is "2024 - 2025". ``budget_source_codes``, ``budget_by_year_million``, the reporting's ``then``, ``final`` and
``review``, and ``task_groups`` are not scored.

It uses only what every version of the importer offers (``draft_plan``, ``finish``, ``to_yaml``,
``read_document``), so it measures an older checkout as well (``PYTHONPATH=/path/to/checkout``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import yaml

import ipbot

try:
    from ipbot.plans.importing import draft_plan, finish, read_document, to_yaml
except ImportError:  # a checkout from before the importer became a package, measured for a first pass
    from ipbot.plans.importer import draft_plan, finish, read_document, to_yaml  # type: ignore[no-redef]
from ipbot.plans.load import load_registry
from ipbot.text import expand, fold

DATA = Path(ipbot.__file__).resolve().parent.parent / "data"  # the data of the checkout being measured
SCORE = Path(os.environ.get("IPBOT_SCORE", "/work/shared/eval/score.py"))

# the note prefixes that flag a plan-level fact (the importer's notes start with the field's name)
FLAGS = {
    "number": ("số hiệu",),
    "date": ("ngày ban hành",),
    "province": ("tỉnh",),
    "period": ("năm/thời kỳ", "thời kỳ"),
    "signer": ("người ký",),
    "title": ("tên kế hoạch",),
    "implements": ("căn cứ",),
    "budget_total": ("kinh phí", "tổng kinh phí"),
    "budget_words": ("bằng chữ", "kinh phí"),
    "budget_sources": ("nguồn kinh phí",),
    "reporting_deadline": ("báo cáo",),
    "reporting_to": ("báo cáo",),
    "recipients": ("nơi nhận",),
    "targets": ("chỉ tiêu",),
    "duties": ("tổ chức thực hiện",),
}
# the words a task's note must hold to flag a miss of that field (a note on its cooperating agencies
# does not flag a wrong lead)
TASK_FLAGS = {
    "lead": ("chủ trì",),
    "timeline": ("thời gian",),
    "budget": ("kinh phí", "nguồn", "bảng dự toán"),
}
_FILLERS = {"va", "cac", "tinh", "thi", "xa", "cua"}


def _words_key(name: str, province: str) -> str:
    """A name's words to compare: folded, fillers and the province's name left out, and "UBND" spelt out (a key
    may write "UBND huyện Na Rì" where the document and the draft write "Ủy ban nhân dân huyện Na Rì"); two
    abbreviations joined by a hyphen are the registry's form with "&" (a key gives "Đài PT-TH tỉnh" as printed)."""
    drop = set(fold(province).split())
    name = re.sub(r"\b([A-ZĐ]{1,4})\s*[-&]\s*([A-ZĐ]{1,4})\b", r"\1&\2", name)  # "Đài PT-TH" as "Đài PT&TH"
    words = [w for w in re.sub(r"\bubnd\b", "uy ban nhan dan", fold(name)).split() if w not in _FILLERS]
    out = [w for w in words if w not in drop] if len(words) > len(drop) else words
    return " ".join(out)


class Names:
    """Agency names and draft ids compared as registry ids where the registry knows the name exactly."""

    def __init__(self, province: str) -> None:
        self.province = province
        self.alias: dict[str, str] = {}
        for agency in yaml.safe_load((DATA / "agencies.yaml").read_text(encoding="utf-8")):
            for name in (agency["name"], *agency.get("aliases", []), agency.get("short") or ""):
                if name:
                    key = _words_key(name.replace("{province}", province), province)
                    self.alias.setdefault(key, agency["id"])

    def of_name(self, name: str) -> str:
        key = _words_key(name, self.province)
        return self.alias.get(key, key)

    def of_id(self, slug: str, own: dict[str, str]) -> str:
        return self.of_name(own[slug]) if slug in own else slug


def _norm_time(text: str) -> str:
    """A time to compare: folded, without spaces or dashes, and without a "năm" before the years ("năm 2024 - 2025"
    and "2024 - 2025" are the same time: a key of ``/work/importdocs7`` writes the first where the document says
    "trong hai năm 2024 - 2025", an earlier key the second)."""
    return re.sub(r"^nam(?=\d)", "", re.sub(r"[\s\-–—]+", "", fold(text.replace("–", "-"))))


def _quarters(text: str) -> list[int] | None:
    roman = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    m = re.fullmatch(r"quy (i|ii|iii|iv)(?: quy (i|ii|iii|iv))?(?: \d{4})?", fold(text))
    if not m:
        return None
    first, last = roman[m.group(1)], roman[m.group(2) or m.group(1)]
    return list(range(first, last + 1))


def _money(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value)).normalize()


_ROMAN_PREFIX = re.compile(r"[IVX]+\.")


def drafted_number(number: str, drafted: set[str]) -> str:
    """The draft's number for a key's: the same, or the same behind the tasks section's numeral.

    A multi-year plan in lettered tasks is cited "điểm a khoản 1 Mục IV"; the curated plans (and the importer)
    write it "IV.1.a", a key may write "1.a". Both name the same task, so the numeral is not a miss; a key
    number that matches neither way (or more than one task) stays as it is and is scored as not found.
    """
    if number in drafted:
        return number
    behind = [d for d in drafted if _ROMAN_PREFIX.match(d) and _ROMAN_PREFIX.sub("", d, count=1) == number]
    return behind[0] if len(behind) == 1 else number


def _key_leads(expected: dict) -> list[str]:
    """A key task's leads: a list, or (``/work/importdocs5``) one name as a string, with the full names of the
    abbreviations the document writes in ``lead_full`` when it gives them; none (``/work/importdocs7``: null, the
    document names no lead) is a task the draft must give no lead either."""
    leads = expected.get("lead_full") or expected["lead"]
    if leads is None:
        return []
    return [leads] if isinstance(leads, str) else list(leads)


def _note_split(note: str | None, total: Decimal) -> dict[str, Decimal] | None:
    """A split by source that a key (``/work/importdocs6``) writes in a task's note: "800 ngân sách trung ương + 400
    sự nghiệp KH&CN tỉnh đối ứng". It is the split only when its parts add up to the task's amount (a note that
    sums the plan's sources, "1.470 = 250 + 900 + 320", is not a split of one task's 320)."""
    if not note or "+" not in note:
        return None
    pieces = note.split(";")[0].split("+")
    parts = [re.findall(r"\d[\d.]*", p) for p in pieces]
    if not all(parts):
        return None
    amounts = [parts[0][-1], *(p[0] for p in parts[1:])]
    values = [Decimal(a.replace(".", "")) for a in amounts]
    if sum(values) != total:
        return None
    return {str(i): v for i, v in enumerate(values)}


def _task_checks(draft: dict, key: dict, names: Names, own: dict[str, str]) -> dict[str, dict[str, bool]]:
    drafted = {str(t["number"]): t for t in draft["tasks"]}
    out: dict[str, dict[str, bool]] = {}
    for expected in key["tasks"]:
        number = drafted_number(str(expected["number"]), set(drafted))
        task = drafted.get(number)
        if task is None:
            out[number] = {"lead": False, "timeline": False, "budget": False, "found": False}
            continue
        lead = {names.of_name(n) for n in _key_leads(expected)} == {names.of_id(s, own) for s in task.get("lead", [])}
        timeline = task.get("timeline") or {}
        ok_time = bool(timeline) and _norm_time(timeline.get("text", "")) == _norm_time(expected["timeline"] or "")
        quarters = _quarters(expected["timeline"] or "")
        if ok_time and quarters is not None:
            ok_time = list(timeline.get("quarters", [])) == quarters
        budget = task.get("budget", {})
        total = _money(budget.get("total"))
        allocation = sorted(_money(v) for v in (budget.get("allocation") or {}).values())
        want = _money(expected.get("budget_million"))
        if want is None:
            ok_budget = total is None and not allocation and budget.get("status") != "row"
        else:
            split = expected.get("budget_split") or _note_split(expected.get("budget_note"), want)
            ok_budget = total == want and (
                sorted(_money(v) for v in split.values()) == allocation if split else allocation in ([], [want])
            )
        out[number] = {"lead": lead, "timeline": ok_time, "budget": ok_budget, "found": True}
    return out


def _plan_view(plan: dict) -> dict:
    """The key's plan-level facts in the first keys' shape, so that every key is held to the same checks.

    Keys written later name some facts otherwise (see the module's docstring); the facts are the same, so they
    are rewritten, never made looser: a fact the key does not state (recipients) is left out, not counted right.
    """
    view = dict(plan)
    if "budget_by_source" not in view and "budget_sources" in view:
        view["budget_by_source"] = view["budget_sources"]
    day_first = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", str(view["date"]))
    if day_first:
        view["date"] = f"{day_first.group(3)}-{int(day_first.group(2)):02d}-{int(day_first.group(1)):02d}"
    view["implements"] = [_cited_number(i) for i in view["implements"]]
    if "province" not in view:
        view["province"] = _title_province(view["title"])
    if not fold(view["title"]).startswith("ke hoach"):  # the words under the heading "KẾ HOẠCH", without it
        view["title"] = "Kế hoạch " + view["title"][:1].lower() + view["title"][1:]
    if "period" not in view:
        years = re.findall(r"20\d\d", view["title"])
        view["period"] = "-".join(dict.fromkeys([years[0], years[-1]]))
    return view


def _cited_number(citation: str) -> str:
    """'Quyết định số 1068/QĐ-TTg ngày 22/8/2019' → '1068/QĐ-TTg', 'Nghị quyết số 57-NQ/TW ngày …' → '57-NQ/TW' (a
    key that lists numbers keeps them)."""
    m = re.search(r"\bsố\s+(\d+[-/][\wĐđ\-/]+)", citation) or re.search(r"\b(\d+/[\wĐđ\-]+)", citation)
    return m.group(1) if m else citation


def _key_deadline(text: str) -> re.Match[str] | None:
    """The reporting deadline's day and month. A key (``/work/importdocs7``) may give several, each after its rhythm
    ("6 tháng: trước ngày 15 tháng 6; hằng năm: trước ngày 15 tháng 11"): the yearly one is the plan's (the draft
    records it and names the others in a note); else the first."""
    day_month = r"(\d{1,2})\s*(?:/|tháng)\s*(\d{1,2})"
    parts = [p for p in text.split(";") if re.search(day_month, p)]
    yearly = [p for p in parts if re.search(r"\b(?:hằng|hàng) năm\b", p)]
    return re.search(day_month, (yearly or parts or [text])[0])


def _title_province(title: str) -> str:
    """The province a plan's title names: '… trên địa bàn tỉnh Sóc Trăng năm 2024' → 'Sóc Trăng'."""
    m = re.search(r"\btỉnh\s+(.+?)(?:\s+(?:năm|giai đoạn|đến|thời kỳ)\b|$)", title)
    return m.group(1).strip() if m else ""


def _targets_found(draft_targets: list[dict], plan: dict) -> bool | None:
    """The key's targets are the draft's, in whichever shape the key lists them (None: the key lists none)."""
    if isinstance(plan.get("targets"), list):  # the first keys: each target's text as the document writes it
        texts = [fold(t.get("text", "")) for t in draft_targets]
        return len(texts) == len(plan["targets"]) and all(
            any(fold(t["text"]) in d or d in fold(t["text"]) for d in texts if d) for t in plan["targets"]
        )
    drafted = [(expand(fold(t.get("text", ""))), t.get("year")) for t in draft_targets]
    if isinstance(plan.get("targets"), dict):
        wanted = [(label, _figure(figure), None) for label, figure in plan["targets"].items()]
        return len(drafted) == len(wanted) and _each_target_held(drafted, wanted)
    if isinstance(plan.get("targets_by_year"), dict):
        last = int(re.findall(r"20\d\d", plan["period"])[-1])
        table = plan["targets_by_year"]
        if all(_year_column(k) for k in table):  # (``/work/importdocs7``: year → row → figure)
            table = {
                row: {y: f for y, rows in table.items() for r, f in rows.items() if r == row}
                for rows in table.values()
                for row in rows
            }
        wanted = [
            (row, _figure(figure), _target_year(column, last))
            for row, by_year in table.items()
            for column, figure in by_year.items()
        ]
        return _each_target_held(drafted, wanted)
    return None


def _figure(figure: str) -> str:
    """A key's target figure without the key's remark after a semicolon ("ít nhất 15 (section II); Phụ lục row 3
    says 12": 15 is the figure, the rest is about the document)."""
    return figure.split(";")[0]


def _year_column(column: str) -> bool:
    """A key's column of targets names a year, every year or the whole period (not a target's words)."""
    return bool(re.fullmatch(r"(?:năm )?20\d\d|(?:hằng|hàng|mỗi) năm|cả giai đoạn", column.strip().lower()))


def _target_year(column: str, last: int) -> int | None:
    """The year a key's column of targets is set for: '2025', or the last year for a whole period's ("Cả giai
    đoạn"); None (any year) for every year ("hằng năm", ``/work/importdocs7``), which a draft files under the
    year it reads."""
    if column[-4:].isdigit():
        return int(column[-4:])
    if re.search(r"\b(?:hằng|hàng|mỗi) năm\b", column.lower()):
        return None
    return last


def _each_target_held(drafted: list[tuple[str, int | None]], wanted: list[tuple[str, str, int | None]]) -> bool:
    """Each wanted target (label, figure, year or None) is a draft target of its own: its text holds every word of
    the label (abbreviations expanded) and every number of the figure as a whole number, and its year is the one
    wanted. A whole period's figure ("Cả giai đoạn") is one of the last year's targets; it differs from that year's
    own figure, so the figure tells the two apart."""
    free = list(range(len(drafted)))
    for label, figure, year in wanted:
        label = re.sub(r"\s*\([^()]*\)", "", label)  # "(lũy kế)": the key's remark on the row, not its words
        words = set(expand(fold(label)).replace(",", " ").replace("/", " ").split())
        # "ban hành (đến hết năm 2026)" of the 2026 column: the year is the target's year, checked as such
        numbers = [n for n in re.findall(r"\d+", figure) if year is None or n != str(year)]
        hit = next(
            (
                i
                for i in free
                if words <= set(re.sub(r"[,/:;.()\"“”]", " ", drafted[i][0]).split())
                and all(re.search(rf"(?<![\d.,]){n}(?![\d.,]\d)", drafted[i][0]) for n in numbers)
                and (year is None or drafted[i][1] == year)
            ),
            None,
        )
        if hit is None:
            return False
        free.remove(hit)
    return True


def _plan_checks(draft: dict, key: dict, names: Names) -> dict[str, bool]:
    plan = _plan_view(key["plan"])
    years = [int(y) for y in re.findall(r"20\d\d", plan["period"])]
    budget = draft.get("budget") or {}
    sources = Counter(_money(s.get("amount")) for s in budget.get("sources", []) if s.get("amount") is not None)
    reporting = draft.get("reporting") or {}
    deadline = _key_deadline(plan["reporting"]["deadline"])
    own = {a["id"]: a["name"] for a in draft.get("agencies", [])}
    recipients = [fold(r).strip() for r in draft.get("recipients", [])]
    signer = draft.get("signer") or {}
    checks = {
        "number": draft.get("number") == plan["number"],
        "date": str(draft.get("issued")) == plan["date"],
        "province": draft.get("province") == plan["province"],
        "period": [draft.get("year_start"), draft.get("year_end")] == [years[0], years[-1]],
        "signer": signer.get("name") == plan["signer"],
        "title": _norm_time(draft.get("title", "")) == _norm_time(plan["title"]),
        "implements": {i["number"] for i in draft.get("implements", [])} == set(plan["implements"]),
        "budget_total": _money(budget.get("total")) == _money(plan["budget_total_million"]),
        "budget_words": fold(budget.get("in_words") or "") == fold(plan["budget_total_words"]),
        "budget_sources": sources == Counter(_money(v) for v in plan["budget_by_source"].values()),
        "reporting_deadline": bool(deadline)
        and (reporting.get("deadline_day"), reporting.get("deadline_month"))
        == (int(deadline.group(1)), int(deadline.group(2))),
        "reporting_to": {names.of_id(s, own) for s in reporting.get("recipient", [])}
        == {names.of_name(plan["reporting"]["to"])},
    }
    if "recipients" in plan:
        checks["recipients"] = recipients == [fold(r).strip() for r in plan["recipients"]]
    targets = _targets_found(draft.get("targets", []), plan)
    if targets is not None:
        checks["targets"] = targets
    if "duties_by_agency" in plan:
        checks["duties"] = _duties_found(draft, plan["duties_by_agency"])
    return checks


def _duties_found(draft: dict, duties: list[dict] | dict[str, list[str]]) -> bool:
    """Every item of the key's section V is an entry of the draft's duties, with its agencies. Keys list the items
    with their section ("V.1"), or (``/work/importdocs5``) map each item's number to its agencies: that item is
    then the draft's entry whose section ends in it."""
    entries = {e.get("section"): e for e in draft.get("responsibilities", [])}
    if isinstance(duties, dict):
        by_item = {str(s).rsplit(".", 1)[-1]: e for s, e in entries.items()}
        return all(n in by_item and bool(by_item[n].get("agencies")) for n in duties)
    return all(d["section"] in entries and bool(entries[d["section"]].get("agencies")) for d in duties)


def _flagged_task(notes: list[str], number: str, field: str) -> bool:
    return any(
        (n.startswith(f"{number}:") or f"tasks[{number}]" in n) and any(w in n.lower() for w in TASK_FLAGS[field])
        for n in notes
    )


def _flagged_fact(notes: list[str], fact: str) -> bool:
    return any(n.lower().startswith(prefix) for n in notes for prefix in FLAGS[fact])


def _questions(doc: Path, draft_yaml: str, plan_id: str, source_text: str) -> tuple[int, int, str]:
    questions = doc.with_name(doc.stem + ".questions.jsonl")
    if not questions.exists():
        return 0, 0, ""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(DATA, data)
        (data / "plans" / f"{plan_id}.yaml").write_text(draft_yaml, encoding="utf-8")
        (data / "sources" / f"{plan_id}.txt").write_text(source_text, encoding="utf-8")
        env = {**os.environ, "IPBOT_DATA_DIR": str(data), "IPBOT_DB_PATH": str(Path(tmp) / "ipbot.db")}
        cmd = f"{sys.executable} -m ipbot ask --batch -"
        run = subprocess.run(
            [sys.executable, str(SCORE), str(questions), "--cmd", cmd, "--show", "20"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
    m = re.search(r"\((\d+)/(\d+)\)", run.stdout)
    return (int(m.group(1)), int(m.group(2)), run.stdout) if m else (0, 0, run.stdout + run.stderr)


def score(doc: Path, registry: list, ask: bool, show: bool) -> dict:
    key = json.loads(doc.with_name(doc.stem + ".key.json").read_text(encoding="utf-8"))
    draft = finish(draft_plan(doc, registry))
    data = yaml.safe_load(to_yaml(draft))
    notes = list(draft.notes)
    names = Names(_plan_view(key["plan"])["province"])
    own = {a["id"]: a["name"] for a in data.get("agencies", [])}
    tasks = _task_checks(data, key, names, own)
    facts = _plan_checks(data, key, names)
    silent = []
    for number, checks in tasks.items():
        for field in ("lead", "timeline", "budget"):
            if not checks[field] and not _flagged_task(notes, number, field):
                silent.append(f"task {number} {field}")
    for fact, ok in facts.items():
        if not ok and not _flagged_fact(notes, fact):
            silent.append(f"plan {fact}")
    flagged_misses = sum(not c[f] for c in tasks.values() for f in ("lead", "timeline", "budget")) + sum(
        not ok for ok in facts.values()
    )
    result = {
        "doc": doc.name,
        "tasks": len(tasks),
        "found": sum(c["found"] for c in tasks.values()),
        "lead": sum(c["lead"] for c in tasks.values()),
        "timeline": sum(c["timeline"] for c in tasks.values()),
        "budget": sum(c["budget"] for c in tasks.values()),
        "facts": sum(facts.values()),
        "facts_total": len(facts),
        "misses": flagged_misses,
        "silent": silent,
        "notes": len(notes),
    }
    if show:
        result["wrong_facts"] = [f for f, ok in facts.items() if not ok]
        result["wrong_tasks"] = {n: [f for f in ("lead", "timeline", "budget") if not c[f]] for n, c in tasks.items()}
        result["wrong_tasks"] = {n: v for n, v in result["wrong_tasks"].items() if v}
        result["draft_notes"] = notes
    if ask:
        source_text = "\n".join(read_document(doc)) + "\n"
        right, total, out = _questions(doc, to_yaml(draft), str(data["id"]), source_text)
        result["questions"] = f"{right}/{total}"
        if show:
            result["question_failures"] = out
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("documents", nargs="+", type=Path)
    ap.add_argument("--questions", action="store_true", help="also answer docN.questions.jsonl with the draft")
    ap.add_argument("--show", action="store_true", help="print what is wrong")
    args = ap.parse_args()
    registry = load_registry(DATA / "agencies.yaml")
    totals: Counter[str] = Counter()
    for doc in args.documents:
        key = json.loads(doc.with_name(doc.stem + ".key.json").read_text(encoding="utf-8"))
        if "plan" not in key:  # lam-giang-2024, son-ha-2022-2026: an older key shape, scored by tests/test_importer.py
            print(json.dumps({"doc": doc.name, "skipped": "key without 'plan' (older shape)"}, ensure_ascii=False))
            continue
        result = score(doc, registry, args.questions, args.show)
        failures = result.pop("question_failures", "")
        print(json.dumps(result, ensure_ascii=False, indent=1 if args.show else None))
        if failures and args.show:
            print(failures)
        for k in ("tasks", "lead", "timeline", "budget", "facts", "facts_total", "misses"):
            totals[k] += result[k]
        totals["silent"] += len(result["silent"])
        if "questions" in result:
            right, total = map(int, result["questions"].split("/"))
            totals["q_right"] += right
            totals["q_total"] += total
    t = totals
    print(
        f"TOTAL tasks {t['tasks']}: lead {t['lead']} ({t['lead'] / t['tasks']:.0%}), timeline {t['timeline']} "
        f"({t['timeline'] / t['tasks']:.0%}), budget {t['budget']} ({t['budget'] / t['tasks']:.0%}); "
        f"plan facts {t['facts']}/{t['facts_total']} ({t['facts'] / t['facts_total']:.0%}); "
        f"misses {t['misses']}, silent {t['silent']}"
        + (f"; questions {t['q_right']}/{t['q_total']}" if t["q_total"] else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
