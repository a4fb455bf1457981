"""Rank correlations between the indicators of a criteria model, over a set of profiles.

Used for the overlap audit in docs/methodology.md: two indicators that rank the same profiles
in the same order (|Spearman rho| near 1) may measure one thing twice. A risk indicator is
compared as rated (more exposure is a higher level), so a mirror of a benefit shows as a
strong negative correlation.

    python scripts/overlap_audit.py examples/*.yaml examples/nato-series/*.yaml
    python scripts/overlap_audit.py DRAFTS_DIR/*.yaml --min-pairs 30
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys

from allyeval import load_criteria, load_profile


def ranks(values: list[float]) -> list[float]:
    """Average ranks (ties share the mean of their positions), 1-based."""
    order = sorted(range(len(values)), key=values.__getitem__)
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for k in range(start, end + 1):
            result[order[k]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rho (Pearson's r of the average ranks); None when either is constant."""
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profiles", nargs="+")
    parser.add_argument("--criteria", default=None)
    parser.add_argument("--min-pairs", type=int, default=8)
    parser.add_argument("--threshold", type=float, default=0.7)
    args = parser.parse_args()
    criteria = load_criteria(args.criteria)
    levels = []
    for path in args.profiles:
        profile = load_profile(path, criteria)
        levels.append({k: r.level for k, r in profile.rated.items() if k in criteria.indicators})
    ids = list(criteria.indicators)
    print(f"{len(levels)} profiles; pairs with |rho| >= {args.threshold}:")
    for a, b in itertools.combinations(ids, 2):
        both = [(p[a], p[b]) for p in levels if a in p and b in p]
        if len(both) < args.min_pairs:
            continue
        rho = spearman([float(x) for x, _ in both], [float(y) for _, y in both])
        if rho is not None and abs(rho) >= args.threshold:
            print(f"  {a} ~ {b}: rho {rho:+.2f} over {len(both)} profiles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
