"""Time one profile's 90% intervals (overall and every criterion), in process, for the default
criteria, the three hard criteria files in ``tests/fixtures/criteria/`` and the four that
``hard_criteria.py`` writes into a temporary folder (``GENERATED``).

Each run scores the profile afresh and computes both intervals; the median of the runs is
printed in milliseconds with the peak of Python memory (tracemalloc) during one run. The
garbage collector is set as ``allyeval score`` sets it (what is loaded is frozen, full scans
are rare). The target is under 50 ms and 100 MB for any valid criteria file.

    python benchmarks/bench_intervals.py            # median of 21 runs
    python benchmarks/bench_intervals.py --quick    # 3 runs (what CI runs)
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from hard_criteria import GENERATED, write

from allyeval.core import layout, terms, uncertainty
from allyeval.core.loader import load_criteria, load_profile
from allyeval.core.scoring import ProfileScore, score_profile
from allyeval.core.uncertainty import criterion_intervals, score_interval

ROOT = Path(__file__).resolve().parent.parent
HARD = ROOT / "tests" / "fixtures" / "criteria"
CASES = {
    "default criteria (examples/nato.yaml)": (None, ROOT / "examples" / "nato.yaml"),
    **{
        f"{name} (tests/fixtures/criteria)": (HARD / f"{name}.yaml", HARD / f"{name}-profile.yaml")
        for name in ("decimal-weights", "integer-weights", "many-indicators")
    },
}
TARGET_MS = 50.0
TARGET_MB = 100.0


def intervals(result: ProfileScore) -> None:
    # Nothing left over from the last run: criterion distributions, coefficients, layouts.
    uncertainty._RECENT.clear()
    uncertainty._SHOWN.clear()
    terms._overall_coefficients.cache_clear()
    terms._coefficients_of.cache_clear()
    layout._LAYOUTS.clear()
    if "allyeval.core.vectorised" in sys.modules:
        sys.modules["allyeval.core.vectorised"]._level_sum.cache_clear()
    score_interval(result)
    criterion_intervals(result)


def measure(criteria: Path | None, profile: Path, runs: int) -> tuple[float, float]:
    """Median milliseconds over *runs* and peak MiB of Python memory of one run."""
    criteria_set = load_criteria(None if criteria is None else str(criteria))
    loaded = load_profile(str(profile), criteria_set)
    # As `allyeval score` runs (cli/runner.py): what is loaded is not scanned for cycles again.
    gc.freeze()
    gc.set_threshold(50_000, 50, 50)
    times = []
    for _ in range(runs):
        result = score_profile(loaded, criteria_set)
        start = time.perf_counter()
        intervals(result)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    intervals(score_profile(loaded, criteria_set))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times) * 1000, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs (for CI)")
    args = parser.parse_args()
    runs = 3 if args.quick else 21
    print(f"one profile's intervals, median of {runs} runs")
    with tempfile.TemporaryDirectory(prefix="allyeval-hard-") as folder:
        cases = dict(CASES)
        for name in GENERATED:
            cases[f"{name} (hard_criteria.py)"] = write(name, Path(folder))
        for name, (criteria, profile) in cases.items():
            ms, mb = measure(criteria, profile, runs)
            verdict = "ok" if ms < TARGET_MS and mb < TARGET_MB else "SLOW"
            print(f"intervals: {name} | {ms:.1f} ms | {mb:.1f} MiB | {verdict}", flush=True)


if __name__ == "__main__":
    main()
