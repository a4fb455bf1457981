"""Time ``allyeval compare`` and ``robustness`` on ten profiles, in process.

Ten profiles are made from the examples with levels moved by up to one and confidences drawn
at random (seeded), written to a temporary folder; each command runs on all ten with 10,000
samples and JSON output to a file, and the median of five runs is printed. The target is under
one second per command on one core.

    python benchmarks/bench_analysis.py            # 10,000 samples, median of 5 runs
    python benchmarks/bench_analysis.py --quick    # 500 samples, 1 run (what CI runs)
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from allyeval.cli.analysis_runs import (
    CompareOptions,
    RobustnessOptions,
    run_compare,
    run_robustness,
)
from allyeval.core.formats import AggregationMethod

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PROFILES = 10
TARGET_SECONDS = 1.0


def make_profiles(folder: Path, count: int = PROFILES, seed: int = 0) -> list[str]:
    """*count* variations of the examples, each with its own id, as files in *folder*."""
    rng = random.Random(seed)
    examples = sorted(EXAMPLES.glob("*.yaml"))
    paths = []
    for k in range(count):
        data: dict[str, Any] = yaml.safe_load(examples[k % len(examples)].read_text("utf-8"))
        data["id"] = f"{data['id']}-{k}"
        for rating in data["ratings"].values():
            if not isinstance(rating["level"], int):  # n/a stays n/a
                continue
            rating["level"] = min(4, max(0, rating["level"] + rng.choice((-1, 0, 0, 1))))
            rating["confidence"] = rng.choice(("low", "medium", "medium", "high"))
        path = folder / f"profile-{k}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        paths.append(str(path))
    return paths


def timed(work: Callable[[], int], runs: int) -> float:
    """The median wall time of *runs* runs of *work*, which must succeed."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        code = work()
        times.append(time.perf_counter() - start)
        if code != 0:
            raise SystemExit(f"benchmark run failed with exit code {code}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="500 samples, one run (for CI)")
    args = parser.parse_args()
    samples, runs = (500, 1) if args.quick else (10_000, 5)
    with tempfile.TemporaryDirectory() as folder:
        files = make_profiles(Path(folder))
        out = str(Path(folder) / "out.json")
        cases: list[tuple[str, Callable[[], int]]] = []
        for method in AggregationMethod:
            common: dict[str, Any] = {
                "files": files, "output_format": "json", "output": out,
                "method": method, "samples": samples,
            }  # fmt: skip
            cases += [
                (f"compare ({method.value})", lambda c=common: run_compare(CompareOptions(**c))),
                (
                    f"robustness ({method.value})",
                    lambda c=common: run_robustness(RobustnessOptions(**c)),
                ),
                (
                    f"robustness --simplex ({method.value})",
                    lambda c=common: run_robustness(RobustnessOptions(**c, simplex=True)),
                ),
            ]
        print(f"{PROFILES} profiles, {samples:,} samples, median of {runs} run(s)")
        print(f"{'command':<36} {'seconds':>8}  target < {TARGET_SECONDS:g} s")
        for name, work in cases:
            seconds = timed(work, runs)
            verdict = "ok" if seconds < TARGET_SECONDS else "SLOW"
            print(f"{name:<36} {seconds:8.3f}  {verdict}")


if __name__ == "__main__":
    main()
