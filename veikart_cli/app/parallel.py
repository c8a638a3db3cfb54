"""Spread per-file work over the machine's cores when there is enough of it to pay.

Reading thousands of area files is pure Python and CPU-bound, so threads would not help;
forked worker processes do. Results come back in input order, so output stays
deterministic. Small data sets (the usual case) never start a process.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from veikart_cli.app import libc

T = TypeVar("T")
R = TypeVar("R")

PER_WORKER = 250  # files a worker must have to be worth starting (fork, pickling results)
CHUNK = 100  # files per task: balances the load, and keeps each result small in memory


def workers(files: int, least: int = 2 * PER_WORKER) -> int:
    """How many processes to use for `files` files; 1 means work in this process. `least`: the
    fewest files worth starting workers for (fewer when their pickling is needed anyway)."""
    if files < least or not sys.platform.startswith("linux"):  # fork is cheap and safe there
        return 1
    cores = len(os.sched_getaffinity(0))
    return max(1, min(cores, files // PER_WORKER))  # 1 on a single core


def chunked(items: Sequence[T]) -> list[Sequence[T]]:
    """Consecutive chunks of CHUNK items."""
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def map_chunks(function: Callable[[T], R], chunks: Sequence[T], jobs: int) -> Iterable[R]:
    """`function` over `chunks`, results in order; in `jobs` processes if > 1."""
    if jobs <= 1:
        return map(function, chunks)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    libc.load()  # here, not in the worker: loading a library in a forked child can deadlock
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(jobs, context, initializer=_start_worker, initargs=(os.getpid(),))
    try:
        return list(pool.map(function, chunks))
    finally:
        pool.shutdown(cancel_futures=True)  # on Ctrl-C, start no more chunks


def _start_worker(parent: int) -> None:
    # A worker dies with its parent, however the parent ends (SIGTERM, SIGKILL, a crash):
    # else it lives on holding the output pipes, and `veikart validate | tee` never ends.
    _die_with_parent(parent)
    # Ctrl-C is the parent's to handle; a worker interrupted mid-chunk would print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM and SIGHUP end a worker plainly: a handler the parent set for its own cleanup
    # (the writer's, diff's temporary folder) is not the worker's to run.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    # A worker makes no reference cycles worth collecting, and lives for one command; the
    # collector would only walk (and so copy) the pages shared with the parent.
    gc.disable()


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel sends SIGKILL when the parent goes (prctl PR_SET_PDEATHSIG)."""
    prctl = libc.function("prctl")
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
