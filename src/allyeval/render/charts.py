"""The charts of the HTML report, drawn as SVG from view data (``allyeval.render.views``).

Every chart has text labels for what its marks mean (values, interval ends, band names,
shares), so it can be read printed in black and white and by a screen reader (each ``<svg>``
has a title and an ``aria-label``).
"""

from __future__ import annotations

from collections.abc import Sequence

from allyeval.render.svg import (
    ACCENT,
    BAND_FILL,
    BAR,
    INK,
    MUTED,
    RULE,
    Canvas,
    shorten,
    text_width,
)
from allyeval.render.views import BandMark, Bar, RankPoint

ROW = 26
LABEL_LIMIT = 44
PLOT = 420
RIGHT = 124
TOP = 34


def _label_column(labels: Sequence[str], size: float = 12) -> float:
    longest = max((text_width(shorten(label, LABEL_LIMIT), size) for label in labels), default=0)
    return min(max(longest + 16, 120.0), 320.0)


def _scale(left: float) -> tuple[float, float]:
    return left, PLOT / 100


def _band_lines(canvas: Canvas, bands: Sequence[BandMark], left: float, bottom: float) -> None:
    """Dashed lines at each band's lower bound, the band's name over its range, and the
    thresholds on the scale below."""
    x0, unit = _scale(left)
    canvas.line(x0, TOP - 6, x0, bottom, stroke=INK)
    upper = 100.0
    for band in bands:  # highest first
        middle = x0 + (band.min + upper) / 2 * unit
        if (upper - band.min) * unit >= text_width(band.name, 10):
            canvas.text(middle, TOP - 10, band.name, anchor="middle", size=10, fill=MUTED)
        if band.min > 0:
            x = x0 + band.min * unit
            canvas.line(x, TOP - 6, x, bottom, stroke=MUTED, stroke_dasharray="4 3")
        upper = band.min
    ticks = sorted({0.0, 100.0, *(b.min for b in bands)})
    for tick in ticks:
        canvas.text(x0 + tick * unit, bottom + 14, f"{tick:g}", anchor="middle", size=10,
                    fill=MUTED)  # fmt: skip


def score_bars(bars: Sequence[Bar], bands: Sequence[BandMark], title: str) -> str:
    """Criteria as horizontal bars (0-100), the 90% interval as a whisker, band thresholds."""
    left = _label_column([b.label for b in bars])
    height = TOP + ROW * len(bars) + 24
    canvas = Canvas(left + PLOT + RIGHT, height, title, label=title)
    x0, unit = _scale(left)
    bottom = TOP + ROW * len(bars)
    for k, bar in enumerate(bars):
        y = TOP + k * ROW
        if bar.strong:
            canvas.line(0, y, x0 + PLOT + RIGHT, y, stroke=RULE)
        weight = "bold" if bar.strong else "normal"
        canvas.text(left - 8, y + 17, shorten(bar.label, LABEL_LIMIT), anchor="end",
                    tooltip=bar.label, font_weight=weight)  # fmt: skip
        if bar.value is None:
            canvas.text(x0 + 6, y + 17, "not rated", fill=MUTED, font_style="italic")
            continue
        canvas.rect(x0, y + 6, bar.value * unit, ROW - 12, fill=ACCENT if bar.strong else BAR)
        if bar.low is not None and bar.high is not None:
            canvas.whisker(x0 + bar.low * unit, x0 + bar.high * unit, y + ROW / 2)
        interval = "" if bar.low is None else f"  ({bar.low:.1f}–{bar.high:.1f})"
        canvas.text(x0 + PLOT + 6, y + 17, f"{bar.value:.1f}", font_weight="bold", size=12)
        canvas.text(x0 + PLOT + 40, y + 17, interval.strip(), size=10, fill=MUTED)
    _band_lines(canvas, bands, left, bottom)
    return canvas.markup()


def grouped_bars(
    criteria: Sequence[str],
    profiles: Sequence[str],
    values: Sequence[Sequence[float | None]],
    title: str,
) -> str:
    """The criteria side by side: for each criterion one labelled bar per profile.

    *values* is by criterion, then by profile."""
    bar_row = 18
    group = bar_row * len(profiles) + 22
    left = _label_column(profiles, 11)
    height = TOP + group * len(criteria) + 10
    canvas = Canvas(left + PLOT + 60, height, title, label=title)
    x0, unit = _scale(left)
    for tick in (0, 25, 50, 75, 100):
        x = x0 + tick * unit
        canvas.line(x, TOP - 6, x, height - 10, stroke=RULE, stroke_dasharray="2 3")
        canvas.text(x, TOP - 10, str(tick), anchor="middle", size=10, fill=MUTED)
    shades = [ACCENT, BAR, "#8d9aa6", "#2e3a46", "#a9b4bf"]
    for g, (criterion, row) in enumerate(zip(criteria, values, strict=True)):
        y = TOP + g * group
        canvas.text(0, y + 14, criterion, font_weight="bold", size=12)
        for p, (profile, value) in enumerate(zip(profiles, row, strict=True)):
            by = y + 20 + p * bar_row
            canvas.text(left - 8, by + 12, shorten(profile, LABEL_LIMIT), anchor="end", size=11,
                        tooltip=profile)  # fmt: skip
            if value is None:
                canvas.text(x0 + 4, by + 12, "not rated", size=11, fill=MUTED, font_style="italic")
                continue
            canvas.rect(x0, by + 3, value * unit, bar_row - 6, fill=shades[p % len(shades)])
            canvas.text(x0 + value * unit + 4, by + 12, f"{value:.1f}", size=11)
    return canvas.markup()


def ranking(points: Sequence[RankPoint], bands: Sequence[BandMark], title: str) -> str:
    """Profiles by rank, each score a dot on its 90% interval, with the band thresholds."""
    labels = [f"{p.rank}. {p.name}" for p in points]
    left = _label_column(labels)
    bottom = TOP + ROW * len(points)
    canvas = Canvas(left + PLOT + RIGHT + 40, bottom + 24, title, label=title)
    x0, unit = _scale(left)
    for k, (point, label) in enumerate(zip(points, labels, strict=True)):
        y = TOP + k * ROW + ROW / 2
        canvas.text(left - 8, y + 4, shorten(label, LABEL_LIMIT), anchor="end", tooltip=label)
        canvas.whisker(x0 + point.low * unit, x0 + point.high * unit, y)
        canvas.circle(x0 + point.score * unit, y, 5, fill=ACCENT, stroke="white")
        canvas.text(x0 + PLOT + 6, y + 4, f"{point.score:.1f}", font_weight="bold")
        canvas.text(x0 + PLOT + 40, y + 4, f"{point.low:.1f}–{point.high:.1f}", size=10,
                    fill=MUTED)  # fmt: skip
    _band_lines(canvas, bands, left, bottom)
    return canvas.markup()


def heat_map(profiles: Sequence[str], shares: Sequence[Sequence[float]], title: str) -> str:
    """Rank acceptability: rows profiles, columns ranks, each cell shaded by its share and
    labelled with it."""
    cell_w, cell_h = 56, 28
    left = _label_column(profiles)
    ranks = len(shares[0]) if shares else 0
    canvas = Canvas(left + cell_w * ranks + 10, TOP + cell_h * len(profiles) + 8, title,
                    label=title)  # fmt: skip
    canvas.text(left + cell_w * ranks / 2, 12, "rank", anchor="middle", size=11, fill=MUTED)
    for r in range(ranks):
        canvas.text(left + cell_w * (r + 0.5), TOP - 8, str(r + 1), anchor="middle",
                    font_weight="bold")  # fmt: skip
    for k, (profile, row) in enumerate(zip(profiles, shares, strict=True)):
        y = TOP + k * cell_h
        canvas.text(left - 8, y + 18, shorten(profile, LABEL_LIMIT), anchor="end",
                    tooltip=profile)  # fmt: skip
        for r, share in enumerate(row):
            x = left + r * cell_w
            grey = round(255 - 200 * share)
            canvas.rect(x, y, cell_w - 2, cell_h - 2, fill=f"#{grey:02x}{grey:02x}{grey:02x}",
                        stroke=RULE)  # fmt: skip
            label = "·" if share == 0 else _share_label(share)
            canvas.text(x + (cell_w - 2) / 2, y + 18, label, anchor="middle",
                        fill="white" if share > 0.55 else INK, size=11)  # fmt: skip
    return canvas.markup()


def _share_label(share: float) -> str:
    text = f"{share:.0%}"
    if text == "0%":
        return "<1%"
    return ">99%" if text == "100%" and share < 1 else text


def time_series(
    dates: Sequence[str],
    days: Sequence[int],
    scores: Sequence[float],
    lows: Sequence[float],
    highs: Sequence[float],
    bands: Sequence[BandMark],
    title: str,
) -> str:
    """The overall score over the dates (placed by day), its 90% interval as a shaded band,
    the band thresholds as dashed lines."""
    left, width, plot_h = 46.0, 560.0, 220.0
    canvas = Canvas(left + width + 110, TOP + plot_h + 40, title, label=title)
    span = max(days[-1] - days[0], 1)

    def x(k: int) -> float:
        return left + (days[k] - days[0]) / span * width

    def y(value: float) -> float:
        return TOP + (100 - value) / 100 * plot_h

    for tick in (0, 25, 50, 75, 100):
        canvas.line(left, y(tick), left + width, y(tick), stroke=RULE, stroke_width=0.5)
        canvas.text(left - 6, y(tick) + 4, str(tick), anchor="end", size=10, fill=MUTED)
    for band in bands:
        if band.min > 0:
            canvas.line(left, y(band.min), left + width, y(band.min), stroke=MUTED,
                        stroke_dasharray="4 3")  # fmt: skip
            canvas.text(left + width + 6, y(band.min) + 4, f"{band.name} ≥ {band.min:g}",
                        size=10, fill=MUTED)  # fmt: skip
    upper = [(x(k), y(h)) for k, h in enumerate(highs)]
    lower = [(x(k), y(lo)) for k, lo in reversed(list(enumerate(lows)))]
    canvas.polygon(upper + lower, fill=BAND_FILL, stroke="none")
    canvas.polyline([(x(k), y(s)) for k, s in enumerate(scores)], stroke=ACCENT,
                    stroke_width=2.5)  # fmt: skip
    for k, (date, score) in enumerate(zip(dates, scores, strict=True)):
        canvas.circle(x(k), y(score), 4, fill=ACCENT, stroke="white")
        canvas.text(x(k), y(score) - 9, f"{score:.1f}", anchor="middle", font_weight="bold",
                    size=11)  # fmt: skip
        canvas.text(x(k), TOP + plot_h + 16, date, anchor="middle", size=10, fill=MUTED)
    canvas.text(left, TOP + plot_h + 34, "shaded: 90% interval", size=10, fill=MUTED)
    return canvas.markup()


def small_lines(
    names: Sequence[str],
    days: Sequence[int],
    values: Sequence[Sequence[float | None]],
    title: str,
) -> str:
    """One small line chart (0-100) per criterion, with its first and last value."""
    columns, cell_w, cell_h, plot_h = 3, 250.0, 96.0, 48.0
    rows = -(-len(names) // columns)
    canvas = Canvas(columns * cell_w, rows * cell_h, title, label=title)
    span = max(days[-1] - days[0], 1)
    for n, (name, series) in enumerate(zip(names, values, strict=True)):
        ox, oy = (n % columns) * cell_w, (n // columns) * cell_h
        canvas.text(ox, oy + 14, shorten(name, 44), size=10.5, font_weight="bold", tooltip=name)
        top, left, width = oy + 24, ox + 34, cell_w - 76
        canvas.line(left, top + plot_h, left + width, top + plot_h, stroke=RULE)
        canvas.line(left, top, left + width, top, stroke=RULE, stroke_width=0.5)
        canvas.text(left - 4, top + 4, "100", anchor="end", size=9, fill=MUTED)
        canvas.text(left - 4, top + plot_h + 3, "0", anchor="end", size=9, fill=MUTED)
        known = [(k, v) for k, v in enumerate(series) if v is not None]
        if not known:
            canvas.text(left + 4, top + plot_h / 2, "not rated", size=10, fill=MUTED)
            continue
        coords = [
            (left + (days[k] - days[0]) / span * width, top + (100 - v) / 100 * plot_h)
            for k, v in known
        ]
        canvas.polyline(coords, stroke=INK, stroke_width=1.5)
        for cx, cy in coords:
            canvas.circle(cx, cy, 2, fill=INK)
        first, last = known[0][1], known[-1][1]
        canvas.text(coords[-1][0] + 5, coords[-1][1] + 4, f"{last:.0f}", size=10)
        canvas.text(left, top + plot_h + 14, f"{first:.0f} → {last:.0f}", size=10, fill=MUTED)
    return canvas.markup()
