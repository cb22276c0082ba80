"""Budget charts: real PNGs sized for a phone, every group named, a font with Vietnamese glyphs,
figures in the caption, and the caption saying which chart sums what when two sum differently."""

from __future__ import annotations

import io
import struct

from ipbot.files import charts
from ipbot.plans.store import Knowledge

PHONE = (1080, 1350)  # 4:5 portrait: what Telegram shows full width on a phone


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _decodes(data: bytes) -> bool:
    from matplotlib import image

    pixels = image.imread(io.BytesIO(data), format="png")
    return (pixels.shape[1], pixels.shape[0]) == PHONE


def test_by_group_chart_names_every_group(knowledge: Knowledge) -> None:
    plan = knowledge.plans["ninh-thuan-2023"]
    chart = charts.by_group(plan)
    assert chart is not None
    assert _png_size(chart.png) == PHONE
    assert _decodes(chart.png)
    # group 3 = 3.1 + 3.3 + 3.4 + 3.6 rows: 4.800 + 1.200 + 500 + 1.800 in total, 2.200 + 300 + 150 + 300 this year
    assert "3 · Khai thác TSTT: tổng 8.300, năm 2023 2.950" in chart.caption
    for group in plan.groups:  # by number and short name, never "Nhóm 1/3/4/5" alone
        assert f"{group.number} · {group.short}" in chart.caption
    # group 2's only task has no row in the budget table: said so, not left out
    assert f"2 · {plan.groups[1].short}: {charts.NO_FIGURES}" in chart.caption
    assert "cộng các dòng của bảng dự toán" in chart.caption


def test_by_source_chart_uses_the_stated_sources_and_says_why_the_sums_differ(knowledge: Knowledge) -> None:
    chart = charts.by_source(knowledge.plans["ninh-thuan-2023"])
    assert chart is not None and _png_size(chart.png) == PHONE
    for figure in ("1.062,6", "770", "2.000", "Tổng: 3.832,6"):
        assert figure in chart.caption
    # the rows add up to 3.517,6 this year, the plan states 3.832,6: one sentence says which is which
    [note] = [line for line in chart.caption.splitlines() if line.startswith("Hai biểu đồ")]
    assert "(3.517,6)" in note and "(3.832,6)" in note and note.endswith("lệch 315 triệu đồng.")
    assert note.count(".") <= 3  # one sentence (the figures' own dots aside)
    assert note in chart.short  # under the album, where it is read


def test_no_note_when_the_sums_agree(knowledge: Knowledge) -> None:
    plan = knowledge.plans["ninh-thuan-2023"]
    rows = [t for t in plan.tasks if t.budget.status == "row"]
    added = {s.key: sum(t.budget.allocation.get(s.key, 0) for t in rows) for s in plan.budget.sources}
    agreeing = plan.model_copy(
        update={
            "budget": plan.budget.model_copy(
                update={"sources": [s.model_copy(update={"amount": added[s.key]}) for s in plan.budget.sources]}
            )
        }
    )
    assert charts.sums_note(plan) is not None
    assert charts.sums_note(agreeing) is None


def test_compare_totals(knowledge: Knowledge) -> None:
    chart = charts.compare_totals([knowledge.plans["ninh-thuan-2023"], knowledge.plans["ninh-thuan-2022"]])
    assert chart is not None and _png_size(chart.png) == PHONE
    assert chart.caption.index("2022") < chart.caption.index("2023")  # oldest first
    assert "Ninh Thuận 2022: 5.540" in chart.caption


def test_no_chart_without_figures(knowledge: Knowledge) -> None:
    thai_binh = knowledge.plans["thai-binh-2021-2030"]
    assert charts.by_group(thai_binh) is None
    assert charts.by_source(thai_binh) is None
    assert charts.compare_totals([thai_binh]) is None


def test_text_is_legible_on_a_phone() -> None:
    """Shown 360 points wide (a phone), the picture is scaled by 360/1080: the smallest text must
    still be about 10 points, the names of the bars larger."""
    scale = 360 / PHONE[0]
    points = {
        name: size * charts.DPI / 72 * scale for name, size in (("tick", charts.TICK_PT), ("label", charts.LABEL_PT))
    }
    assert points["tick"] >= 9.5, points
    assert points["label"] >= 12, points


def test_chart_font_has_vietnamese_glyphs(knowledge: Knowledge) -> None:
    chart = charts.by_group(knowledge.plans["ninh-thuan-2023"])
    assert chart is not None
    assert charts.font_covers(chart.title + chart.caption)
    assert charts.font_covers("ẮẰẲẴẶ ắằẳẵặ Đđ Ơơ Ưư ỹỷỵ ữựừứử")
