"""Budget charts as PNG images (matplotlib, Agg backend), with captions in words.

Drawn for a phone: a portrait picture (1080 × 1350 pixels, the 4:5 that Telegram shows full
width), bars lying down so every group and source is named in full on its own line, and text
large enough to read when the picture is shown 360 points wide. A group the budget table gives
no figure is drawn as such ("không có dòng kinh phí"), never left out.

The font is DejaVu Sans, shipped with matplotlib, which has every Vietnamese glyph (checked by
:func:`font_covers`), so the images need no system fonts. Amounts are labelled Vietnamese style
("1.062,6"). Each chart comes with a caption that gives the same figures in text, for screen
readers and for chats that do not show images.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from decimal import Decimal

from ipbot.plans.models import Plan
from ipbot.text import figure

__all__ = ["DPI", "FONT", "SIZE", "Chart", "by_group", "by_source", "compare_totals", "font_covers", "sums_note"]

FONT = "DejaVu Sans"
SIZE = (7.2, 9.0)  # inches
DPI = 150  # → 1080 × 1350 pixels
TITLE_PT = 21
LABEL_PT = 18
VALUE_PT = 17
TICK_PT = 14
LABEL_WIDTH = 20  # characters of a bar's name on one line
TITLE_WIDTH = 34
UNIT = "triệu đồng"
NO_FIGURES = "không có dòng kinh phí"
ROWS_ADDED = "cộng các dòng của bảng dự toán"
STATED = "số kế hoạch ghi"


@dataclass(frozen=True)
class Chart:
    """A picture, its caption (the figures in words, for screen readers and chats without images),
    its title, and a short caption: the title, what it adds up and, when two charts of a plan add
    up different things, one sentence saying so (what an album shows under its pictures)."""

    png: bytes
    caption: str
    title: str
    short: str = ""


@dataclass(frozen=True)
class _Bar:
    """One bar group: its name and its values (None: the table gives no figure)."""

    label: str
    values: tuple[Decimal | None, ...]


def _plot(title: str, bars: list[_Bar], series: list[str]) -> bytes:
    """Horizontal bars, one group per row, top to bottom in the order given (``title``: a line each)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.rcParams["font.family"] = FONT
    fig, ax = plt.subplots(figsize=SIZE, dpi=DPI)
    n = max(1, len(series))
    height = 0.8 / n if n > 1 else 0.55
    top = max((float(v) for b in bars for v in b.values if v is not None), default=1.0) or 1.0
    colours = ["#1f6fb4", "#f28e2b", "#59a14f"]
    for i in range(n):
        ys = [row + (i - (n - 1) / 2) * height for row in range(len(bars))]
        values = [b.values[i] for b in bars]
        drawn = ax.barh(ys, [float(v or 0) for v in values], height, label=series[i], color=colours[i % 3])
        for bar, value in zip(drawn, values, strict=True):
            if value is not None:
                ax.annotate(
                    figure(value),
                    (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(6, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=VALUE_PT,
                )
    for row, bar in enumerate(bars):
        if all(v is None for v in bar.values):
            ax.annotate(NO_FIGURES, (0, row), xytext=(6, 0), textcoords="offset points", va="center",
                        fontsize=VALUE_PT, style="italic", color="#555555")  # fmt: skip
    ax.set_yticks(range(len(bars)), [textwrap.fill(b.label, LABEL_WIDTH) for b in bars], fontsize=LABEL_PT)
    ax.invert_yaxis()  # the first group on top, as the plan lists them
    ax.set_xlim(0, top * 1.45)  # room for the figures at the bars' ends
    ax.set_xlabel(UNIT, fontsize=TICK_PT)
    ax.tick_params(axis="x", labelsize=TICK_PT)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(4))
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: figure(Decimal(int(v)))))
    ax.spines[["top", "right"]].set_visible(False)
    # the title and the legend across the whole picture, above the bars (never over them)
    heading = "\n".join(textwrap.fill(line, TITLE_WIDTH) for line in title.split("\n"))
    top = 1 - 0.045 * (heading.count("\n") + 1) - 0.02
    fig.text(0.03, 0.985, heading, fontsize=TITLE_PT, va="top", ha="left", weight="bold")
    if n > 1:
        fig.legend(fontsize=TICK_PT + 2, loc="upper left", bbox_to_anchor=(0.02, top), frameon=False, ncol=1)
        top -= 0.035 * n + 0.01
    fig.tight_layout(rect=(0, 0, 1, top))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def _rows(plan: Plan) -> list:
    return [t for t in plan.tasks if t.budget.status == "row"]


def _allocation(task: object) -> Decimal:
    return sum(task.budget.allocation.values(), Decimal(0))  # type: ignore[attr-defined]


def by_group(plan: Plan) -> Chart | None:
    """Whole-task totals and this year's allocation, per task group (plans with a budget table).

    Every group is named by its number and short name; one whose tasks have no row with figures
    says so instead of disappearing."""
    rows = _rows(plan)
    if not rows:
        return None
    bars, lines = [], []
    year = _year(plan)
    for group in plan.groups:
        name = f"{group.number} · {group.short or group.title}"
        tasks = [t for t in rows if t.group == group.number]
        if not tasks:
            bars.append(_Bar(name, (None, None)))
            lines.append(f"{name}: {NO_FIGURES}")
            continue
        total = sum((t.budget.total or Decimal(0) for t in tasks), Decimal(0))
        alloc = sum((_allocation(t) for t in tasks), Decimal(0))
        bars.append(_Bar(name, (total, alloc)))
        lines.append(f"{name}: tổng {figure(total)}, {year} {figure(alloc)}")
    title = f"Kinh phí theo nhóm nhiệm vụ — {plan.short_title}"
    png = _plot(
        f"Kinh phí theo nhóm nhiệm vụ\n{_plan_name(plan)}", bars, ["Tổng kinh phí thực hiện", f"Phân bổ {year}"]
    )
    head = f"{title} ({UNIT}; {ROWS_ADDED})"
    return Chart(png, "\n".join([head, *lines]), title, f"Theo nhóm nhiệm vụ — {_plan_name(plan)}")


def by_source(plan: Plan) -> Chart | None:
    """This year's budget by funding source, as the plan states it; when the budget table's rows
    add up to another figure, the caption says which each chart sums, and by how much they differ."""
    sources = [s for s in plan.budget.sources if s.amount is not None]
    if not sources:
        return None
    title = f"Kinh phí theo nguồn — {plan.short_title}"
    bars = [_Bar(s.long_label or s.label, (s.amount,)) for s in sources]
    png = _plot(f"Kinh phí theo nguồn\n{_plan_name(plan)}", bars, ["Kinh phí"])
    lines = [f"{s.long_label or s.label}: {figure(s.amount)}" for s in sources if s.amount is not None]
    if plan.budget.total is not None:
        lines.append(f"Tổng: {figure(plan.budget.total)}")
    note = sums_note(plan)
    if note:
        lines.append(note)
    short = f"Theo nguồn — {_plan_name(plan)}" + (f". {note}" if note else "")
    return Chart(png, "\n".join([f"{title} ({UNIT}; {STATED})", *lines]), title, short)


def sums_note(plan: Plan) -> str | None:
    """One sentence, when the by-group chart (the budget table's rows added up) and the by-source
    chart (the amounts the plan states) sum to different figures: which is which, and the gap."""
    rows = _rows(plan)
    stated = [s.amount for s in plan.budget.sources if s.amount is not None]
    if not rows or not stated:
        return None
    added = sum((_allocation(t) for t in rows), Decimal(0))
    total = sum(stated, Decimal(0))
    if added == total:
        return None
    return (
        f"Hai biểu đồ cộng khác nhau: theo nhóm là các dòng của bảng dự toán cộng lại ({figure(added)}), "
        f"theo nguồn là số văn bản ghi ({figure(total)}); văn bản không thống nhất, "
        f"lệch {figure(abs(total - added))} {UNIT}."
    )


def compare_totals(plans: list[Plan]) -> Chart | None:
    """Plan-year totals side by side (Ninh Thuận 2022 against 2023)."""
    stated = sorted((p for p in plans if p.budget.total is not None), key=lambda p: p.year_start)
    if len(stated) < 2:
        return None
    title = "So sánh tổng kinh phí các kế hoạch"
    bars = [_Bar(_plan_name(p), (p.budget.total,)) for p in stated]
    png = _plot(title, bars, ["Tổng kinh phí"])
    lines = [f"{_plan_name(p)}: {figure(p.budget.total)}" for p in stated if p.budget.total is not None]
    return Chart(png, "\n".join([f"{title} ({UNIT})", *lines]), title, title)


def _plan_name(plan: Plan) -> str:
    """'Ninh Thuận 2023', 'Thái Bình 2021–2025': short enough for a bar's name."""
    years = str(plan.year_start) if plan.year_end == plan.year_start else f"{plan.year_start}–{plan.year_end}"
    return f"{plan.province} {years}"


def _year(plan: Plan) -> str:
    return f"năm {plan.year_start}" if plan.year_end == plan.year_start else "trong năm"


def font_covers(text: str) -> bool:
    """True when the chart font has a glyph for every character of ``text``."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    charmap = FT2Font(font_manager.findfont(FONT, fallback_to_default=False)).get_charmap()
    return all(ord(c) in charmap for c in text if not c.isspace())
