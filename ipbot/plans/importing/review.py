"""A review page for a draft: one self-contained HTML file, each fact beside the passage it was read from.

Draft notes come first (what the reviewer must check), then every fact the importer extracted with
the document passage it came from, the passage highlighted inside its paragraph. No script, no
external file: it opens in any browser, offline, and prints.
"""

from __future__ import annotations

import html
import re

from ipbot.plans.importing.draft import Draft, Fact

__all__ = ["review_page"]

_STYLE = """
body{font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{background:#0b3d62;color:#fff;padding:1rem 1.5rem}
header h1{margin:0;font-size:1.25rem}
main{padding:1rem 1.5rem;max-width:72rem}
section{margin-bottom:1.5rem}
h2{font-size:1.1rem;border-bottom:2px solid #0b3d62;padding-bottom:.25rem}
ol.notes li{background:#fff4e5;border-left:4px solid #e67e22;margin:.3rem 0;padding:.35rem .6rem}
p.ok{background:#e8f5e9;border-left:4px solid #2e7d32;padding:.35rem .6rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #ccc;padding:.4rem .5rem;vertical-align:top;text-align:left}
th{background:#eef3f7}
td.field{white-space:nowrap;font-family:ui-monospace,monospace;font-size:.85rem}
td.value{font-weight:600;width:24%}
mark{background:#fff176;padding:0 .1rem}
td.passage{color:#444}
tr.missing td{background:#fdecea}
"""


def _passage_html(fact: Fact, lines: list[str]) -> str:
    """The paragraph holding the passage, with the passage marked (the passage alone if no line holds it)."""
    passage = fact.passage
    line = next((ln for ln in lines if passage and passage in ln), None)
    if line is None:
        first = passage.split("\t")[0][:60]
        line = next((ln for ln in lines if first and first in ln), None)
        if line is None:
            return f"<mark>{html.escape(passage)}</mark>"
        passage = first
    at = line.index(passage)
    before, after = line[:at], line[at + len(passage) :]
    if len(before) > 240:
        before = "…" + before[-240:]
    if len(after) > 240:
        after = after[:240] + "…"
    text = f"{html.escape(before)}<mark>{html.escape(passage)}</mark>{html.escape(after)}"
    return text.replace("\t", " | ")


def review_page(draft: Draft) -> str:
    """The draft's review page as one HTML document."""
    data = draft.data
    title = html.escape(str(data.get("title") or "Kế hoạch"))
    notes = draft.notes
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Kiểm tra bản nháp: {title}</title><style>{_STYLE}</style></head><body>",
        f"<header><h1>Kiểm tra bản nháp — {title}</h1>",
        f"<div>Mã kế hoạch: {html.escape(str(data.get('id')))} · {len(data.get('tasks', []))} nhiệm vụ · "  # type: ignore[arg-type]
        f"{len(notes)} điểm cần kiểm tra</div></header><main>",
        '<section id="notes"><h2>Điểm cần kiểm tra</h2>',
    ]
    if notes:
        parts.append('<ol class="notes">')
        parts += [f"<li>{html.escape(n)}</li>" for n in notes]
        parts.append("</ol>")
    else:
        parts.append('<p class="ok">Không có điểm nào cần kiểm tra.</p>')
    parts.append("</section>")
    parts.append('<section id="facts"><h2>Dữ kiện và đoạn văn bản nguồn</h2>')
    parts.append("<table><thead><tr><th>Trường</th><th>Giá trị trong bản nháp</th><th>Đoạn văn bản</th></tr></thead>")
    parts.append("<tbody>")
    for fact in draft.facts.items:
        parts.append(
            f'<tr><td class="field">{html.escape(fact.field)}</td><td class="value">{html.escape(fact.value)}</td>'
            f'<td class="passage">{_passage_html(fact, draft.lines)}</td></tr>'
        )
    parts.append("</tbody></table></section>")
    missing = _missing(draft)
    if missing:
        parts.append('<section id="missing"><h2>Không đọc được từ văn bản</h2><table><tbody>')
        parts += [f'<tr class="missing"><td class="field">{html.escape(m)}</td></tr>' for m in missing]
        parts.append("</tbody></table></section>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _missing(draft: Draft) -> list[str]:
    """The task fields left empty (they are in the notes too; listed here by task for a quick look)."""
    out = []
    for task in draft.data.get("tasks", []):  # type: ignore[union-attr]
        gaps = [
            name
            for name, empty in (
                ("chủ trì", not task.get("lead")),
                ("thời gian", "timeline" not in task),
                ("kinh phí", task.get("budget", {}).get("status") in ("no_row", "not_itemised")),
            )
            if empty
        ]
        if gaps:
            out.append(f"{task['number']}: {', '.join(gaps)}")
    return [re.sub(r"\s+", " ", m) for m in out]
