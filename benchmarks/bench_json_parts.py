"""Where the JSON time goes, in process. One pass reads, scores and writes every profile as
``--format csv`` does; another as ``--format json`` and ``jsonl`` do, with their parts timed on
their own: reading and scoring, the intervals, the JSON item and the JSON Lines item (each
written after the intervals are worked out).
The passes alternate. Their sums give the ratio the JSON target (<= 1.5x CSV) is measured by,
and the same ratio with the intervals' time taken out:

    json vs csv                   = (read and score + intervals + JSON item) / CSV pass
    json without intervals vs csv = (read and score + JSON item) / CSV pass

and the same for JSON Lines. "Without intervals" is the least JSON could cost if its intervals
cost nothing: the record (criteria, indicators with their evidence, findings, bibliography,
what it would take) and its text.

    python benchmarks/bench_json_parts.py DIR/*.yaml            # 3 rounds, the fastest kept
    python benchmarks/bench_json_parts.py --rounds 1 DIR/*.yaml
"""

from __future__ import annotations

import argparse
import gc
import time

from allyeval.cli.runner import score_file
from allyeval.core.formats import AggregationMethod
from allyeval.core.report import Report
from allyeval.render.csv import CsvRenderer
from allyeval.render.json import JsonLinesRenderer, JsonRenderer

PARTS = ("read and score", "intervals", "JSON item", "JSONL item")


def csv_pass(files: list[str]) -> float:
    """Seconds to read, score and write the CSV row of every file, as ``--format csv``."""
    renderer: CsvRenderer | None = None
    start = time.perf_counter()
    for path in files:
        report, _ = score_file(path, None, AggregationMethod.arithmetic, 10**7)
        if renderer is None:
            renderer = CsvRenderer(report.result.criteria_set)
        renderer.item(report)
    return time.perf_counter() - start


def json_pass(files: list[str]) -> dict[str, float]:
    """Seconds spent in each part of ``--format json`` over *files*."""
    spent = dict.fromkeys(PARTS, 0.0)
    renderer, lines = JsonRenderer(), JsonLinesRenderer()
    clock = time.perf_counter
    for path in files:
        start = clock()
        report, _ = score_file(path, None, AggregationMethod.arithmetic, 10**7, engine="vectorised")
        scored = clock()
        intervals(report)
        worked_out = clock()
        renderer.item(report)
        written = clock()
        lines.item(report)
        done = clock()
        spent["read and score"] += scored - start
        spent["intervals"] += worked_out - scored
        spent["JSON item"] += written - worked_out
        spent["JSONL item"] += done - written
    return spent


def intervals(report: Report) -> None:
    """Everything a JSON item shows that comes from the distributions of the scores."""
    _ = report.interval, report.criterion_intervals, report.band_probabilities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    gc.freeze()
    gc.set_threshold(50_000, 50, 50)  # as `allyeval score` runs
    csv_pass(args.files[:20])  # warm up: imports, the criteria model, first-use caches
    json_pass(args.files[:20])
    csv_times, json_rounds = [], []
    for _ in range(args.rounds):  # alternating, the fastest of each kept
        csv_times.append(csv_pass(args.files))
        json_rounds.append(json_pass(args.files))
    fastest = min(json_rounds, key=lambda spent: sum(spent.values()) - spent["JSONL item"])
    count = len(args.files)
    csv = min(csv_times)
    print(f"part: CSV pass: read, score and write | {1000 * csv / count:.3f} ms a profile")
    for part in PARTS:
        print(f"part: JSON pass: {part} | {1000 * fastest[part] / count:.3f} ms a profile")
    for name in ("JSON", "JSONL"):
        total = fastest["read and score"] + fastest["intervals"] + fastest[f"{name} item"]
        free = total - fastest["intervals"]
        print(f"ratio: {name.lower()} vs csv | {total / csv:.2f}x")
        print(f"ratio: {name.lower()} without intervals vs csv | {free / csv:.2f}x")


if __name__ == "__main__":
    main()
