"""Worker processes for large batches: each runs one task (a scorer, a reader) on the files
the pool hands it, and leaves signals to the parent."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import multiprocessing.pool

_task: Callable[[str], Any] | None = None
"""What this worker does with each file (set when the worker starts)."""


def start_worker(task: Callable[[str], Any] | None = None) -> None:
    global _task
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    # The parent's SIGTERM handler (it removes the parent's temporary output file) is not
    # ours: a worker ends at once when the pool terminates it. Left to the inherited Python
    # handler, a worker blocked on the task queue's lock could miss it and hang the parent.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _task = task


def run_task(path: str) -> Any:
    """The worker's task on *path* (for ``Pool.imap``, which needs a module-level function)."""
    assert _task is not None
    return _task(path)


def worker_pool(jobs: int, task: Callable[[str], Any] | None = None) -> multiprocessing.pool.Pool:
    """*jobs* worker processes (forked where the system can), each started by start_worker
    with *task*; without one, give ``imap`` a picklable function."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return context.Pool(jobs, initializer=start_worker, initargs=(task,))


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1
