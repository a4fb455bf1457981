"""The validity figures of docs/atop.md: treaty-design scores of every ATOP alliance against
Leeds and Anac's (2005) military institutionalization and formality.

Imports the ATOP files with ``allyeval import atop --model treaty-design`` (into a temporary
folder), scores every draft, and prints Markdown: the distribution of scores, the Spearman
rank correlation of the overall score and of each criterion with the two Leeds and Anac
measures (as the import records them in each profile's metadata), and the 15 highest and
lowest alliances. Run from the project root, with the data in ``../shared/data``:

    python scripts/atop_validity.py ../shared/data

Spearman's rho is computed here (Pearson's correlation of the ranks, ties given their mean
rank), so the script needs nothing beyond allyeval.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from math import sqrt
from pathlib import Path

from allyeval.atop.importer import run_import_atop
from allyeval.core.loader import builtin_criteria, load_profile
from allyeval.core.scoring import ProfileScore, score_profile

MODEL = "treaty-design"
MEASURES = ("atop_military_institutionalization", "atop_formality")
BINS = tuple(range(0, 100, 10))


def average_ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, tied values sharing the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rank correlation of two equally long series (ties handled by mean ranks)."""
    if len(xs) != len(ys) or len(xs) < 2:
        raise ValueError("spearman needs two series of the same length, at least 2 long")
    rx, ry = average_ranks(xs), average_ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    covariance = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    spread = sqrt(sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry))
    if spread == 0:
        raise ValueError("spearman is undefined when a series is constant")
    return covariance / spread


@dataclass(frozen=True)
class Alliance:
    atopid: int
    members: list[str]
    years: str
    result: ProfileScore
    measures: dict[str, int | None]


def score_all(data: Path) -> list[Alliance]:
    """Every ATOP alliance imported against treaty-design and scored."""
    atop = data / "atop"
    with tempfile.TemporaryDirectory() as folder:
        with contextlib.redirect_stderr(io.StringIO()):
            code = run_import_atop(
                str(atop / "atop4_01a.csv"),
                folder,
                members_csv=str(atop / "atop4_01m.csv"),
                states_csv=str(data / "cow" / "states2016.csv"),
                model=MODEL,
            )
        if code != 0:
            raise SystemExit(f"the import failed with exit code {code}")
        criteria = builtin_criteria(MODEL)
        alliances = []
        for path in sorted(Path(folder).glob("atop-*.yaml")):
            profile = load_profile(str(path), criteria)
            metadata = profile.metadata
            years = f"{profile.established}-{profile.ended or ''}"
            alliances.append(
                Alliance(
                    int(profile.id.removeprefix("atop-")),
                    list(profile.members),
                    years,
                    score_profile(profile, criteria),
                    {m: _whole(metadata.get(m)) for m in MEASURES},
                )
            )
    return sorted(alliances, key=lambda a: a.atopid)


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def correlations(alliances: Sequence[Alliance]) -> dict[str, dict[str, tuple[float, int]]]:
    """rho and n of the overall score and of each criterion with each measure, over the
    alliances where both are known."""
    criteria = builtin_criteria(MODEL).criteria
    table: dict[str, dict[str, tuple[float, int]]] = {}
    for label in ["overall", *(c.id for c in criteria)]:
        row = {}
        for measure in MEASURES:
            pairs = []
            for alliance in alliances:
                known = alliance.measures[measure]
                value = _score(alliance.result, label)
                if known is not None and value is not None:
                    pairs.append((value, float(known)))
            row[measure] = (spearman(*zip(*pairs, strict=True)), len(pairs))
        table[label] = row
    return table


def _score(result: ProfileScore, label: str) -> float | None:
    if label == "overall":
        return result.score
    return next(c.score for c in result.criteria if c.criterion.id == label)


def report(alliances: Sequence[Alliance]) -> str:
    scores = [a.result.score for a in alliances]
    quartiles = statistics.quantiles(scores, n=4)
    lines = [
        f"Alliances scored: {len(alliances)}; complete coverage: "
        f"{sum(a.result.coverage == 1 for a in alliances)}.",
        "",
        f"Score: min {min(scores):.1f}, lower quartile {quartiles[0]:.1f}, median "
        f"{quartiles[1]:.1f}, upper quartile {quartiles[2]:.1f}, max {max(scores):.1f}, "
        f"mean {statistics.fmean(scores):.1f}.",
        "",
        "| score | alliances |",
        "|---|--:|",
    ]
    for low in BINS:
        count = sum(low <= s < low + 10 or (low == 90 and s == 100) for s in scores)
        lines.append(f"| {low}-{low + 10} | {count} |")
    bands: dict[str, int] = {b.name: 0 for b in builtin_criteria(MODEL).bands}
    for alliance in alliances:
        # 'insufficient' (coverage below min_coverage) is counted only if some draft has it
        bands[alliance.result.band] = bands.get(alliance.result.band, 0) + 1
    lines += ["", "| band | alliances |", "|---|--:|"]
    lines += [f"| {name} | {count} |" for name, count in bands.items()]
    lines += [
        "",
        "| score | rho with military institutionalization | rho with formality | n |",
        "|---|--:|--:|--:|",
    ]
    for label, row in correlations(alliances).items():
        (inst, n_inst), (form, _) = row[MEASURES[0]], row[MEASURES[1]]
        lines.append(f"| {label} | {inst:.2f} | {form:.2f} | {n_inst} |")
    # Only fully rated alliances are ranked: a score from the few criteria ATOP codes for an
    # alliance with missing values answers a narrower question.
    complete = [a for a in alliances if a.result.coverage == 1]
    ranked = sorted(complete, key=lambda a: (-a.result.score, a.atopid))
    for title, chosen in (("Highest", ranked[:15]), ("Lowest", ranked[-15:])):
        lines += [
            "",
            f"{title} 15 of the {len(complete)} fully rated:",
            "",
            "| ATOP | members (as founded) | years | score | institutionalization |",
            "|--:|---|---|--:|--:|",
        ]
        for a in chosen:
            shown = ", ".join(a.members[:8]) + (", ..." if len(a.members) > 8 else "")
            level = a.measures[MEASURES[0]]
            lines.append(
                f"| {a.atopid} | {shown} | {a.years} | {a.result.score:.1f} | "
                f"{'' if level is None else level} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the folder holding atop/ and cow/")
    args = parser.parse_args(argv)
    sys.stdout.write(report(score_all(args.data)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
