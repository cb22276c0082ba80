"""Budget charts: real PNGs of the expected size, a font with Vietnamese glyphs, figures in the caption."""

from __future__ import annotations

import io
import struct
from decimal import Decimal

from ipbot.files import charts
from ipbot.plans.store import Knowledge


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _decodes(data: bytes) -> bool:
    from matplotlib import image

    pixels = image.imread(io.BytesIO(data), format="png")
    return pixels.shape[0] == 480 and pixels.shape[1] == 800


def test_by_group_chart(knowledge: Knowledge) -> None:
    chart = charts.by_group(knowledge.plans["ninh-thuan-2023"])
    assert chart is not None
    assert _png_size(chart.png) == (800, 480)
    assert _decodes(chart.png)
    # group 3 = 3.1 + 3.3 + 3.4 + 3.6 rows: 4.800 + 1.200 + 500 + 1.800 in total, 2.200 + 300 + 150 + 300 this year
    assert "Nhóm 3: tổng 8.300 triệu đồng" in chart.caption
    assert "phân bổ trong năm 2.950 triệu đồng" in chart.caption


def test_by_source_chart_uses_the_stated_sources(knowledge: Knowledge) -> None:
    chart = charts.by_source(knowledge.plans["ninh-thuan-2023"])
    assert chart is not None and _png_size(chart.png) == (800, 480)
    for figure in ("1.062,6 triệu đồng", "770 triệu đồng", "2.000 triệu đồng", "3.832,6 triệu đồng"):
        assert figure in chart.caption


def test_compare_totals(knowledge: Knowledge) -> None:
    chart = charts.compare_totals([knowledge.plans["ninh-thuan-2023"], knowledge.plans["ninh-thuan-2022"]])
    assert chart is not None
    assert chart.caption.index("2022") < chart.caption.index("2023")  # oldest first
    assert "5.540 triệu đồng" in chart.caption


def test_no_chart_without_figures(knowledge: Knowledge) -> None:
    thai_binh = knowledge.plans["thai-binh-2021-2030"]
    assert charts.by_group(thai_binh) is None
    assert charts.by_source(thai_binh) is None
    assert charts.compare_totals([thai_binh]) is None


def test_chart_font_has_vietnamese_glyphs(knowledge: Knowledge) -> None:
    chart = charts.by_group(knowledge.plans["ninh-thuan-2023"])
    assert chart is not None
    assert charts.font_covers(chart.title + chart.caption)
    assert charts.font_covers("ẮẰẲẴẶ ắằẳẵặ Đđ Ơơ Ưư ỹỷỵ ữựừứử")


def test_amounts_labelled_vietnamese_style() -> None:
    assert charts._figure_amount(Decimal("1062.6")) == "1.062,6"
    assert charts._figure_amount(Decimal("9.2")) == "9,2"
