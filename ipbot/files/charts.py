"""Budget charts as PNG images (matplotlib, Agg backend), with captions in words.

The font is DejaVu Sans, shipped with matplotlib, which has every Vietnamese glyph
(checked by :func:`font_covers`), so the images need no system fonts. Amounts are
labelled Vietnamese style ("1.062,6"). Each chart comes with a caption that gives the
same figures in text, for screen readers and for chats that do not show images.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from ipbot.plans.models import Plan
from ipbot.text import figure, money

__all__ = ["FONT", "Chart", "by_group", "by_source", "compare_totals", "font_covers"]

FONT = "DejaVu Sans"
SIZE = (8.0, 4.8)  # inches
DPI = 100  # → 800 × 480 pixels


@dataclass(frozen=True)
class Chart:
    png: bytes
    caption: str
    title: str


def _figure_amount(value: Decimal) -> str:
    """'1062.6' → '1.062,6' (million VND, no unit: the axis says it)."""
    return figure(value)


def _plot(title: str, labels: list[str], series: list[tuple[str, list[Decimal]]]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.rcParams["font.family"] = FONT
    fig, ax = plt.subplots(figsize=SIZE, dpi=DPI)
    width = 0.8 / max(1, len(series))
    for i, (name, values) in enumerate(series):
        xs = [x + i * width - 0.4 + width / 2 for x in range(len(labels))]
        bars = ax.bar(xs, [float(v) for v in values], width, label=name)
        for bar, value in zip(bars, values, strict=True):
            ax.annotate(
                _figure_amount(value),
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=8,
            )
    ax.set_xticks(range(len(labels)), labels, fontsize=9)
    ax.set_ylabel("triệu đồng")
    ax.set_title(title, fontsize=11)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: _figure_amount(Decimal(int(v)))))
    if len(series) > 1:
        ax.legend(fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def by_group(plan: Plan) -> Chart | None:
    """Whole-task totals and this year's allocation, per task group (plans with a budget table)."""
    rows = [t for t in plan.tasks if t.budget.status == "row"]
    if not rows:
        return None
    labels, totals, allocations, lines = [], [], [], []
    for group in plan.groups:
        tasks = [t for t in rows if t.group == group.number]
        if not tasks:
            continue
        total = sum((t.budget.total or Decimal(0) for t in tasks), Decimal(0))
        alloc = sum((sum(t.budget.allocation.values(), Decimal(0)) for t in tasks), Decimal(0))
        labels.append(f"Nhóm {group.number}")
        totals.append(total)
        allocations.append(alloc)
        lines.append(f"Nhóm {group.number}: tổng {money(total)}, phân bổ trong năm {money(alloc)}")
    title = f"Kinh phí theo nhóm nhiệm vụ — {plan.short_title}"
    png = _plot(title, labels, [("Tổng kinh phí thực hiện", totals), ("Phân bổ trong năm", allocations)])
    caption = title + "\n" + "\n".join(lines) + "\n(Cộng các dòng của bảng dự toán.)"
    return Chart(png, caption, title)


def by_source(plan: Plan) -> Chart | None:
    """This year's budget by funding source, as the plan states it."""
    sources = [s for s in plan.budget.sources if s.amount is not None]
    if not sources:
        return None
    title = f"Kinh phí theo nguồn — {plan.short_title}"
    labels = [_wrap(s.label) for s in sources]
    png = _plot(title, labels, [("Kinh phí", [s.amount for s in sources if s.amount is not None])])
    lines = [f"{s.long_label or s.label}: {money(s.amount)}" for s in sources if s.amount is not None]
    total = f"Tổng: {money(plan.budget.total)}" if plan.budget.total is not None else ""
    return Chart(png, "\n".join([title, *lines, total]).strip(), title)


def compare_totals(plans: list[Plan]) -> Chart | None:
    """Plan-year totals side by side (Ninh Thuận 2022 against 2023)."""
    stated = [p for p in plans if p.budget.total is not None]
    if len(stated) < 2:
        return None
    stated.sort(key=lambda p: p.year_start)
    title = "So sánh tổng kinh phí"
    labels = [_wrap(p.short_title) for p in stated]
    png = _plot(title, labels, [("Tổng kinh phí", [p.budget.total for p in stated if p.budget.total is not None])])
    lines = [f"{p.short_title}: {money(p.budget.total)}" for p in stated if p.budget.total is not None]
    return Chart(png, "\n".join([title, *lines]), title)


def _wrap(label: str, width: int = 22) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def font_covers(text: str) -> bool:
    """True when the chart font has a glyph for every character of ``text``."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    charmap = FT2Font(font_manager.findfont(FONT, fallback_to_default=False)).get_charmap()
    return all(ord(c) in charmap for c in text if not c.isspace())
