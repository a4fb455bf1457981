"""allyeval's benchmark suite: every target of the performance work as a ratio measured side
by side in one run. Prints a Markdown table for docs/benchmarks.md.

    python benchmarks/run.py            # full: 10,000 profiles, many repeats (minutes)
    python benchmarks/run.py --quick    # a quick check that everything still runs (CI)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_analysis import make_profiles  # noqa: E402
from profiles import write_profiles  # noqa: E402

BIN = Path(sys.executable).parent
ALLYEVAL = str(BIN / "allyeval")
PYTHON = sys.executable
NATO = str(ROOT / "examples" / "nato.yaml")


def run(command: list[str]) -> float:
    """Seconds one run of *command* takes (output discarded; it must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def side_by_side(commands: dict[str, list[str]], repeats: int) -> dict[str, float]:
    """Median seconds of each command, the commands alternating run by run."""
    for command in commands.values():
        run(command)  # warm the file cache and .pyc files
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, command in commands.items():
            times[name].append(run(command))
    return {name: statistics.median(values) for name, values in times.items()}


def peak_memory_kb(command: list[str]) -> int:
    """Peak resident memory of *command*, measured in a fresh child so no other run counts."""
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run([PYTHON, "-c", probe, *command], capture_output=True, text=True)
    return int(done.stdout.strip())


Row = tuple[str, str, str, str, str]


def row(target: str, command: str, measured: str, goal: str, ok: bool) -> Row:
    return (target, command, measured, goal, "met" if ok else "NOT met")


def startup(repeats: int) -> list[Row]:
    floor = [PYTHON, str(HERE / "floor_app.py"), NATO, "--format", "json"]
    medians = side_by_side(
        {
            "floor": floor,
            "score": [ALLYEVAL, "score", NATO, "--format", "json"],
            "version": [ALLYEVAL, "--version"],
            "help": [ALLYEVAL, "--help"],
            "python": [PYTHON, "-c", "pass"],
        },
        repeats,
    )
    base = medians["floor"]
    result = []
    for name, goal, command in [
        ("score", 1.1, "allyeval score examples/nato.yaml --format json"),
        ("version", 0.5, "allyeval --version"),
        ("help", 0.9, "allyeval --help"),
    ]:
        ratio = medians[name] / base
        result.append(
            row(
                f"start-up: {name}",
                command,
                f"{ratio:.2f}x floor ({medians[name] * 1000:.0f} ms vs {base * 1000:.0f} ms)",
                f"<= {goal}x",
                ratio <= goal,
            )
        )
    result.append(
        row(
            "floor app",
            "python benchmarks/floor_app.py",
            f"{base / medians['python']:.1f}x `python -c pass` ({base * 1000:.0f} ms)",
            "reference",
            True,
        )
    )
    return result


def batch(folder: Path, count: int, repeats: int, rounds: int) -> list[Row]:
    """CSV against libyaml's parse alone, measured *rounds* times: every round must be under."""
    files = [str(p) for p in sorted(folder.glob("*.yaml"))][:count]
    out = str(folder.parent / "out.csv")
    ratios, last = [], {}
    for _ in range(rounds):
        last = side_by_side(
            {
                "parse": [PYTHON, str(HERE / "parse_only.py"), *files],
                "score": [ALLYEVAL, "score", *files, "--format", "csv", "--jobs", "1", "-o", out],
            },
            repeats,
        )
        ratios.append(last["score"] / last["parse"])
    rate = count / last["score"]
    return [
        row(
            f"batch: {count:,} profiles to CSV, one process",
            "allyeval score DIR/*.yaml --format csv --jobs 1",
            f"{', '.join(f'{r:.2f}x' for r in ratios)} libyaml parse alone (last: "
            f"{last['score']:.2f} s vs {last['parse']:.2f} s; {rate:,.0f} profiles/s)",
            f"<= 1.25x, {rounds} of {rounds}",
            all(r <= 1.25 for r in ratios),
        )
    ]


def formats(folder: Path, count: int, repeats: int) -> list[Row]:
    """JSON and JSONL (which carry the 90% intervals) against CSV (which does not)."""
    files = [str(p) for p in sorted(folder.glob("*.yaml"))][:count]
    commands = {
        fmt: [ALLYEVAL, "score", *files, "-f", fmt, "--jobs", "1", "-o", str(folder.parent / fmt)]
        for fmt in ("csv", "json", "jsonl")
    }
    medians = side_by_side(commands, repeats)
    return [
        row(
            f"intervals: {count:,} profiles, --format {fmt} vs csv, one process",
            f"allyeval score DIR/*.yaml -f {fmt} --jobs 1",
            f"{medians[fmt] / medians['csv']:.2f}x ({medians[fmt]:.2f} s vs "
            f"{medians['csv']:.2f} s)",
            "<= 1.5x",
            medians[fmt] / medians["csv"] <= 1.5,
        )
        for fmt in ("json", "jsonl")
    ] + json_parts(files[:PARTS_COUNT], 1 if repeats < 3 else 3)


PARTS_COUNT = 1_000
"""Profiles in the in-process breakdown of the JSON time (a per-profile figure: more would
only take longer)."""


def json_parts(files: list[str], rounds: int) -> list[Row]:
    """The JSON time in parts, in process (bench_json_parts.py): how far the JSON target is
    from CSV even if the intervals cost nothing."""
    done = subprocess.run(
        [PYTHON, str(HERE / "bench_json_parts.py"), "--rounds", str(rounds), *files],
        capture_output=True,
        text=True,
        check=True,
    )
    found = dict(
        (part.strip() for part in line.split(":", 1)[1].split("|"))
        for line in done.stdout.splitlines()
    )
    parts = ", ".join(
        f"{name} {found[key].removesuffix(' a profile')}"
        for name, key in (
            ("CSV", "CSV pass: read, score and write"),
            ("read and score", "JSON pass: read and score"),
            ("intervals", "JSON pass: intervals"),
            ("JSON item", "JSON pass: JSON item"),
            ("JSONL item", "JSON pass: JSONL item"),
        )
    )
    command = "python benchmarks/bench_json_parts.py DIR/*.yaml (in-process)"
    return [
        row(
            f"intervals: {len(files):,} profiles, in process, the parts of a profile",
            command,
            f"{parts}; JSON {found['json vs csv']} CSV, JSONL {found['jsonl vs csv']}",
            "reference",
            True,
        ),
        row(
            f"intervals: {len(files):,} profiles, JSON and JSONL without their intervals vs CSV",
            command,
            f"JSON {found['json without intervals vs csv']}, JSONL "
            f"{found['jsonl without intervals vs csv']}: the least they cost if the intervals "
            "cost nothing",
            "reference",
            True,
        ),
    ]


def intervals(quick: bool) -> list[Row]:
    """One profile's intervals for the default and the three hard criteria files."""
    done = subprocess.run(
        [PYTHON, str(HERE / "bench_intervals.py"), *(["--quick"] if quick else [])],
        capture_output=True,
        text=True,
        check=True,
    )
    rows: list[Row] = []
    for line in done.stdout.splitlines():
        if line.startswith("intervals: "):
            name, ms, mib, verdict = (part.strip() for part in line.split("|"))
            rows.append(
                row(
                    f"{name}: one profile",
                    "score_interval + criterion_intervals, in-process",
                    f"{ms}, {mib} of Python memory",
                    "< 50 ms, < 100 MB",
                    verdict == "ok",
                )
            )
    return rows


def analysis(folder: Path, count: int) -> list[Row]:
    """compare and robustness of *count* profiles: wall time and peak memory of one run."""
    folder.mkdir(parents=True, exist_ok=True)
    files = make_profiles(folder, count)
    rows = []
    for command in ("compare", "robustness"):
        args = [ALLYEVAL, command, *files, "-f", "json", "-o", str(folder / "out.json")]
        seconds = run(args)
        kib = peak_memory_kb(args)
        rows.append(
            row(
                f"analysis: {command} of {count} profiles",
                f"allyeval {command} DIR/*.yaml -f json (10,000 samples)",
                f"{seconds:.1f} s, {kib / 1024:.0f} MiB",
                "< 10 s, < 500 MB",
                seconds < 10 and kib < 500 * 1000,
            )
        )
    return rows


def parallel(folder: Path, count: int, repeats: int) -> list[Row]:
    files = [str(p) for p in sorted(folder.glob("*.yaml"))][:count]
    outputs = {jobs: str(folder.parent / f"out-{jobs}.csv") for jobs in (1, 2)}
    medians = side_by_side(
        {
            jobs: [ALLYEVAL, "score", *files, "-f", "csv", "--jobs", str(jobs), "-o", out]
            for jobs, out in outputs.items()
        },
        repeats,
    )
    same = Path(outputs[1]).read_bytes() == Path(outputs[2]).read_bytes()
    speedup = medians[1] / medians[2]
    return [
        row(
            f"parallel: {count:,} profiles, --jobs 2 vs --jobs 1 ({os.cpu_count()} cores)",
            "allyeval score DIR/*.yaml -f csv --jobs 2",
            f"{speedup:.2f}x faster ({medians[2]:.2f} s vs {medians[1]:.2f} s); "
            f"output {'byte-identical' if same else 'DIFFERENT'}",
            ">= 1.7x, identical",
            speedup >= 1.7 and same,
        )
    ]


def memory(folder: Path, small: int, large: int) -> list[Row]:
    files = [str(p) for p in sorted(folder.glob("*.yaml"))]
    # Ten thousand paths on the command line take memory of their own (in the kernel's copy of
    # the arguments and Python's), so the parser alone, given the same arguments, is shown too.
    parse = {
        n: peak_memory_kb([PYTHON, str(HERE / "parse_only.py"), *files[:n]]) for n in (small, large)
    }
    result = [
        row(
            f"reference: the parser alone, {large:,} vs {small:,} files",
            "python benchmarks/parse_only.py DIR/*.yaml",
            f"{parse[large] / parse[small]:.2f}x ({parse[large] / 1024:.0f} MiB vs "
            f"{parse[small] / 1024:.0f} MiB)",
            "reference",
            True,
        )
    ]
    for fmt in ("jsonl", "csv"):
        sizes = {
            n: peak_memory_kb([ALLYEVAL, "score", *files[:n], "-f", fmt, "--jobs", "1"])
            for n in (small, large)
        }
        ratio = sizes[large] / sizes[small]
        result.append(
            row(
                f"memory: {large:,} vs {small:,} profiles, --format {fmt}",
                f"allyeval score DIR/*.yaml -f {fmt}",
                f"{ratio:.2f}x ({sizes[large] / 1024:.0f} MiB vs {sizes[small] / 1024:.0f} MiB)",
                "<= 1.5x",
                ratio <= 1.5,
            )
        )
    return result


def sampling(quick: bool) -> list[Row]:
    """compare and robustness on ten profiles with 10,000 samples, in one process each."""
    done = subprocess.run(
        [PYTHON, str(HERE / "bench_analysis.py"), *(["--quick"] if quick else [])],
        capture_output=True,
        text=True,
        check=True,
    )
    rows: list[Row] = []
    for line in done.stdout.splitlines():
        match = re.fullmatch(r"((?:compare|robustness)\b.*?)\s+([0-9.]+)\s+(\S+)", line.strip())
        if match:
            name, seconds, verdict = match.groups()
            rows.append(
                row(
                    f"sampling: {name}",
                    f"allyeval {name.split()[0]} (ten profiles, "
                    f"{'500' if quick else '10,000'} samples, in-process)",
                    f"{float(seconds):.2f} s",
                    "< 1 s",
                    verdict == "ok",
                )
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats (CI)")
    parser.add_argument(
        "--only",
        action="append",
        choices=[
            "start-up",
            "batch",
            "formats",
            "intervals",
            "analysis",
            "parallel",
            "memory",
            "sampling",
        ],
        help="run only this part (repeatable)",
    )
    parser.add_argument(
        "--repeats", type=int, help="timed runs of each command in batch and formats (default 3)"
    )
    args = parser.parse_args()
    if not Path(ALLYEVAL).exists():
        sys.exit(f"allyeval is not installed beside {PYTHON}; pip install the project first")
    quick = args.quick
    count = 200 if quick else 10_000
    repeats = 2 if quick else 7
    big_repeats = args.repeats or (repeats if quick else 3)
    work = Path(tempfile.mkdtemp(prefix="allyeval-bench-"))
    try:
        folder = work / "profiles"
        write_profiles(folder, count)
        steps: list[tuple[str, Callable[[], list[Row]]]] = [
            ("start-up", lambda: startup(3 if quick else 21)),
            ("batch", lambda: batch(folder, count, big_repeats, 1 if quick else 3)),
            ("formats", lambda: formats(folder, count, big_repeats)),
            ("intervals", lambda: intervals(quick)),
            ("analysis", lambda: analysis(work / "analysis", 20 if quick else 200)),
            ("parallel", lambda: parallel(folder, count, repeats if quick else 3)),
            ("memory", lambda: memory(folder, 20 if quick else 100, count)),
            ("sampling", lambda: sampling(quick)),
        ]
        note = " (quick mode: sizes too small for the targets)" if quick else ""
        print(
            f"Measured {dt.date.today().isoformat()} on {platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}{note}.\n"
        )
        print("| target | command | measured | goal | |")
        print("|---|---|---|---|---|", flush=True)
        for name, step in steps:
            if args.only and name not in args.only:
                continue
            print(f"running {name}...", file=sys.stderr, flush=True)
            for cells in step():
                print("| " + " | ".join(cells) + " |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
