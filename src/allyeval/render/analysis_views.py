"""What the HTML and SVG reports of compare, robustness and trend show, as plain data (see
``allyeval.render.views`` for a scored profile)."""

from __future__ import annotations

from dataclasses import dataclass

from allyeval.analysis.comparison import Comparison, Driver
from allyeval.analysis.robustness import Robustness
from allyeval.analysis.trend import Trend
from allyeval.core.uncertainty import score_interval
from allyeval.render.common import complement_percent, percent, signed
from allyeval.render.records import points_text
from allyeval.render.views import RankPoint, criterion_label, interval_text


@dataclass(frozen=True, slots=True)
class TableView:
    """A table: a caption, column headings, rows of text; the first cell of a row heads it."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    """Per column: right-aligned figures."""


@dataclass(frozen=True, slots=True)
class GapView:
    label: str
    points: str
    drivers: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class CompareView:
    intro: str
    ranking: tuple[RankPoint, ...]
    criteria: tuple[str, ...]
    profiles: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]
    """By criterion, then by profile (own-scale score)."""
    standings: TableView
    criteria_table: TableView
    gaps: tuple[GapView, ...]
    leader: str
    outranking: TableView
    indicators: TableView


@dataclass(frozen=True, slots=True)
class RobustnessView:
    intro: str
    profiles: tuple[str, ...]
    """By nominal rank."""
    shares: tuple[tuple[float, ...], ...]
    standings: TableView
    removals: TableView
    effective: TableView | None
    effective_note: str | None


@dataclass(frozen=True, slots=True)
class TrendView:
    title: str
    intro: str
    dates: tuple[str, ...]
    days: tuple[int, ...]
    scores: tuple[float, ...]
    lows: tuple[float, ...]
    highs: tuple[float, ...]
    criteria: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]
    """By criterion, then by date."""
    assessments: TableView
    criteria_table: TableView
    changes: tuple[tuple[str, str, str], ...]
    """The largest changes: period, change in points, what drove it."""


def _table(
    caption: str, headers: list[str], rows: list[list[str]], numeric: list[bool]
) -> TableView:
    return TableView(caption, tuple(headers), tuple(tuple(r) for r in rows), tuple(numeric))


def _drivers(drivers: tuple[Driver, ...] | None) -> tuple[str, ...] | None:
    if drivers is None:
        return None
    return tuple(f"{d.indicator_name}: {signed(d.points)} points" for d in drivers)


def _likelier(first: str, second: str, probability: float) -> list[str]:
    """A pair the likelier way round ("A outranks B 87%", not "B outranks A 13%"), as the
    terminal and Markdown say it."""
    if probability < 0.5:
        return [second, first, complement_percent(probability)]
    return [first, second, percent(probability)]


def compare_view(result: Comparison) -> CompareView:
    contenders = result.contenders
    labels = tuple(c.label for c in contenders)
    ranking = tuple(
        RankPoint(
            c.rank, c.label, c.result.profile.name, c.result.score, *c.interval, c.result.band_text
        )
        for c in (contenders[i] for i in result.ranking)
    )
    standings = _table(
        "Standing of each profile (90% intervals from the confidence of the ratings)",
        [
            "Rank",
            "Profile",
            "Partnership",
            "Score",
            "90% interval",
            "Rank range",
            "P(first)",
            "Band",
            "Coverage",
        ],  # fmt: skip
        [
            [
                str(c.rank),
                c.label,
                c.result.profile.name,
                f"{c.result.score:.1f}",
                interval_text(c.interval),
                f"{c.rank_interval[0]}–{c.rank_interval[1]}",
                percent(c.first),
                c.result.band_text,
                percent(c.result.coverage),
            ]  # fmt: skip
            for c in (contenders[i] for i in result.ranking)
        ],
        [True, False, False, True, True, True, True, False, True],
    )
    criteria_table = _table(
        "Criterion scores (0-100 on each criterion's own scale; ▲ best on the criterion)",
        ["Criterion", *labels],
        [
            [criterion_label(row.criterion)]
            + [
                points_text(s) + (" ▲" if i in row.leaders else "")
                for i, s in enumerate(row.scores)
            ]
            for row in result.criteria
        ],
        [False, *(True for _ in labels)],
    )
    gaps = tuple(
        GapView(labels[gap.other], f"{gap.points:.1f}", _drivers(gap.drivers))
        for gap in result.gaps
    )
    outranking = _table(
        "How likely one profile of each pair outranks the other (ties count half)",
        ["Profile", "Outranks", "Probability"],
        [_likelier(labels[o.first], labels[o.second], o.probability) for o in result.outrankings],
        [False, False, True],
    )
    indicators = _table(
        "Indicator levels (0-4) and confidence",
        ["Indicator", *labels],
        [
            [row.indicator.name]
            + [
                "–" if level is None else f"{level}/4 {confidence or ''}".strip()
                for level, confidence in zip(row.levels, row.confidences, strict=True)
            ]
            for row in result.indicators
        ],
        [False, *(True for _ in labels)],
    )
    intro = (
        f"{len(contenders)} partnerships, {result.method} mean; intervals at "
        f"{result.level:.0%} from {result.samples:,} draws (seed {result.seed})."
    )
    return CompareView(
        intro=intro,
        ranking=ranking,
        criteria=tuple(criterion_label(row.criterion) for row in result.criteria),
        profiles=labels,
        values=tuple(row.scores for row in result.criteria),
        standings=standings,
        criteria_table=criteria_table,
        gaps=gaps,
        leader=labels[result.leader],
        outranking=outranking,
        indicators=indicators,
    )


def robustness_view(result: Robustness) -> RobustnessView:
    order = sorted(range(len(result.standings)), key=lambda i: result.standings[i].rank)
    standings = [result.standings[i] for i in order]
    if result.simplex:
        mode = "weights drawn uniformly from all possible weights (simplex)"
    else:
        mode = f"each weight times a factor from {1 - result.spread:g} to {1 + result.spread:g}"
    intro = (
        f"{result.samples:,} weight samples, {mode}, renormalised; criterion utilities as "
        f"rated; {result.method} mean; seed {result.seed}."
    )
    ranks = [str(r) for r in range(1, len(standings) + 1)]
    standings_table = _table(
        "Share of the weight samples in which each profile takes each rank",
        ["Profile", "Partnership", "Nominal rank", *(f"Rank {r}" for r in ranks)],
        [
            [s.label, s.result.profile.name, str(s.rank), *(percent(a) for a in s.acceptability)]
            for s in standings
        ],
        [False, False, True, *(True for _ in ranks)],
    )
    removals = _table(
        "Ranks with one criterion left out (other weights as in the file)",
        ["Without", *(s.label for s in standings)],
        [
            [removal.criterion.name]
            + [
                "–"
                if removal.ranks[i] is None
                else f"{result.standings[i].rank}→{removal.ranks[i]}"
                if i in removal.changed
                else str(removal.ranks[i])
                for i in order
            ]  # fmt: skip
            for removal in result.removals
        ],
        [False, *(True for _ in standings)],
    )
    effective = None
    if result.effective_note is None:
        effective = _table(
            "Effective weights: each criterion's share of the variance of the score across "
            "these profiles",
            ["Criterion", "Nominal weight", "Effective weight"],
            [
                [e.criterion.name, f"{e.nominal:.0%}", f"{(e.share or 0.0):.0%}"]
                for e in result.effective_weights
            ],
            [False, True, True],
        )
    return RobustnessView(
        intro=intro,
        profiles=tuple(f"{s.rank}. {s.label}" for s in standings),
        shares=tuple(s.acceptability for s in standings),
        standings=standings_table,
        removals=removals,
        effective=effective,
        effective_note=result.effective_note,
    )


def trend_view(result: Trend) -> TrendView:
    assessments = result.assessments
    first = assessments[0].result.profile
    title = (
        f"{first.name} ({first.id})" if len(result.ids) == 1
        else "Mixed series: " + ", ".join(result.ids)
    )  # fmt: skip
    intervals = [score_interval(a.result) for a in assessments]
    dates = tuple(a.as_of.isoformat() for a in assessments)
    criteria = assessments[0].result.criteria
    rows = []
    for k, (a, interval) in enumerate(zip(assessments, intervals, strict=True)):
        change = "" if k == 0 else signed(result.steps[k - 1].change)
        rows.append([dates[k], f"{a.result.score:.1f}", interval_text(interval), a.result.band_text,
                     change, percent(a.result.coverage), a.path])  # fmt: skip
    changes = tuple(
        (
            f"{dates[result.steps[k].before]} → {dates[result.steps[k].after]}",
            signed(result.steps[k].change),
            "; ".join(_drivers(result.steps[k].drivers) or ("drivers not additive (geometric)",)),
        )
        for k in result.largest
    )
    return TrendView(
        title=title,
        intro=(
            f"{len(assessments)} assessments, {dates[0]} to {dates[-1]}; {result.method} mean; "
            "90% intervals from the confidence of the ratings."
        ),
        dates=dates,
        days=tuple(a.as_of.toordinal() for a in assessments),
        scores=tuple(a.result.score for a in assessments),
        lows=tuple(i[0] for i in intervals),
        highs=tuple(i[1] for i in intervals),
        criteria=tuple(criterion_label(c.criterion) for c in criteria),
        values=tuple(
            tuple(a.result.criteria[n].score for a in assessments) for n in range(len(criteria))
        ),
        assessments=_table(
            "Overall score by date",
            ["Date", "Score", "90% interval", "Band", "Change", "Coverage", "File"],
            rows,
            [False, True, True, False, True, True, False],
        ),
        criteria_table=_table(
            "Criterion scores by date (0-100 on each criterion's own scale)",
            ["Criterion", *dates],
            [
                [criterion_label(c.criterion)]
                + [points_text(a.result.criteria[n].score) for a in assessments]
                for n, c in enumerate(criteria)
            ],
            [False, *(True for _ in dates)],
        ),
        changes=changes,
    )
