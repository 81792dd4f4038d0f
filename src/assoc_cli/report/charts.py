"""Chart images for papers (.docx): grouped bars of percentages, drawn with matplotlib.

matplotlib is imported here, inside :func:`bar_chart_png`, only when a chart is drawn —
never when assoc starts (tests/cli/test_startup_imports.py). Chinese labels need a CJK
font: Noto Sans CJK (fonts-noto-cjk) when matplotlib's font manager finds it, else any
installed font with CJK glyphs, else matplotlib's default (the labels may then show
boxes, but the chart is still drawn)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from functools import cache

# Families tried in turn for Chinese labels.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
)


@cache
def cjk_font_family() -> str | None:
    """The first CJK font family matplotlib can use here, or None."""
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    for entry in font_manager.fontManager.ttflist:
        if "CJK" in entry.name or "Hei" in entry.name:
            return str(entry.name)
    return None


def bar_chart_png(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[Decimal | None]]],
    *,
    unit: str = "%",
) -> bytes:
    """Grouped vertical bars (one group per category, one bar per series), values above
    the bars, as a PNG 16 × 8 cm at 200 dpi."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    family = cjk_font_family()
    if family:  # (rcParams: every text of the figure, the bar labels included)
        matplotlib.rcParams["font.family"] = [family, "DejaVu Sans"]
    figure = Figure(figsize=(6.3, 3.15), dpi=200)
    axes = figure.subplots()
    count = max(len(series), 1)
    width = 0.8 / count
    positions = list(range(len(categories)))
    for index, (name, values) in enumerate(series):
        heights = [float(value) if value is not None else 0.0 for value in values]
        offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
        bars = axes.bar(offsets, heights, width=width, label=name)
        labels = [f"{value}" if value is not None else "—" for value in values]
        axes.bar_label(bars, labels=labels, fontsize=7, padding=1)
    axes.set_xticks(positions)
    axes.set_xticklabels(list(categories), fontsize=8)
    axes.set_ylim(0, 110)
    axes.set_ylabel(unit, fontsize=8)
    axes.set_title(title, fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=2, frameon=False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
