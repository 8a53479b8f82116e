"""Fast exact kernels for the batch path.

A national cohort can hold a million assessments of one byte per answer.  The
cohort keeps the answers row-major, as a caller's array arrives (a copy is then
one fast memory pass), and the weighted-sum kernel reads them block by block:
each block of rows is widened to 32-bit floats in cache and multiplied by the
weights in one matrix-vector product.  Every value it adds is a whole number
of index units below ``2**24``, which a 32-bit float holds exactly, so the
result is exact; a rubric whose index grid is finer takes an exact integer
path instead.

Large matrices (:data:`PARALLEL_MIN_ROWS` rows and more) are split into row
ranges scored on two threads (numpy and BLAS release the GIL).  The environment
variable ``MERITSYS_THREADS`` sets the number of threads (``1`` turns this off).
"""

from __future__ import annotations

import operator
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt

from meritsys.errors import ValidationError

__all__ = ["PARALLEL_MIN_ROWS", "accumulator_dtype", "band_positions", "column_ranges", "kernel_threads", "row_ranges", "run_parallel", "weighted_sum_units"]

PARALLEL_MIN_ROWS = 1 << 18
"""Matrices with fewer rows are scored on one thread (measured: the hand-off to a
second thread costs a few hundred microseconds on a small virtual machine)."""


def kernel_threads() -> int:
    """How many threads the batch kernels may use for a large matrix.

    ``MERITSYS_THREADS`` when set (a whole number >= 1), else 2, or 1 on a
    single-CPU machine.  A matrix is never split into more parts than the
    machine has CPUs, nor into parts of fewer than ``PARALLEL_MIN_ROWS // 2`` rows.

    Raises:
        ValidationError: if ``MERITSYS_THREADS`` is not a whole number >= 1.
    """
    raw = os.environ.get("MERITSYS_THREADS")
    if raw is not None and raw.strip():
        text = raw.strip()
        if not (text.isascii() and text.isdigit()) or int(text) < 1:
            raise ValidationError(f"MERITSYS_THREADS must be a whole number >= 1, got {raw!r}", code="out-of-range")
        return int(text)
    return min(2, _cpus())


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


_LIMITS: dict[Any, tuple[int, int]] = {t: (int(np.iinfo(t).min), int(np.iinfo(t).max)) for t in (np.int8, np.int16, np.int32, np.int64)}
"""The smallest and largest value of each signed integer type (``np.iinfo`` builds an object per call)."""


def accumulator_dtype(bound: int) -> type[np.signedinteger[Any]]:
    """The narrowest signed integer type that holds every value of magnitude up to *bound*."""
    for dtype in (np.int16, np.int32):
        if bound <= _LIMITS[dtype][1]:
            return dtype
    return np.int64


def column_ranges(levels: npt.NDArray[np.int8]) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]:
    """Per-column minimum and maximum of an answer matrix."""
    n, k = levels.shape
    if n == 0:
        return np.zeros(k, np.int8), np.zeros(k, np.int8)
    return levels.min(axis=0), levels.max(axis=0)


def weighted_sum_units(
    levels: npt.NDArray[np.int8],
    weights: Sequence[int],
    *,
    has_negative: Sequence[bool] | None = None,
    tops: Sequence[int] | None = None,
) -> npt.NDArray[np.signedinteger[Any]]:
    """``sum_j weights[j] * max(levels[:, j], 0)`` per row, exactly.

    Negative cells (not applicable) count as 0.

    Args:
        levels: ``(N, K)`` answers; row-major order is fastest.
        weights: ``K`` integer weights (in index units).
        has_negative: Which columns may hold negative cells (default: check).
        tops: An upper bound of each column's values (default: its maximum).

    Examples:
        >>> lv = np.array([[1, 2], [4, -1], [0, 3]], dtype=np.int8)
        >>> weighted_sum_units(lv, [3, 5]).tolist()
        [13, 12, 15]
    """
    n = levels.shape[0]
    threads = kernel_threads()  # read on every call, so a bad setting is never silently ignored
    if has_negative is None or tops is None:
        mins, maxs = column_ranges(levels)
        has_negative = [bool(m < 0) for m in mins] if has_negative is None else has_negative
        tops = [max(int(x), 0) for x in maxs] if tops is None else tops
    ws = list(map(int, weights))
    if len(ws) != len(tops):
        raise ValueError(f"{len(ws)} weights for {len(tops)} columns")
    bound = sum(map(operator.mul, map(abs, ws), [t if t > 0 else 0 for t in map(int, tops)]))
    rows = levels if levels.flags.c_contiguous else np.ascontiguousarray(levels)
    clamp = any(has_negative)
    out = np.empty(n, dtype=accumulator_dtype(bound))
    exact_in_float = bound < 2**24 and max(map(abs, ws), default=0) < 2**24
    part = _float_rows if exact_in_float else _int_rows
    parts = row_ranges(n, max(1, min(threads, _cpus(), n // max(1, PARALLEL_MIN_ROWS // 2))))
    run_parallel([partial(part, rows, ws, clamp, lo, hi, out) for lo, hi in parts])
    return out


_BLOCK = 4096
"""Rows widened at once: the block (4096 x K floats) stays in cache, and BLAS keeps it on one thread."""


def _float_rows(rows: npt.NDArray[np.int8], ws: list[int], clamp: bool, lo: int, hi: int, out: npt.NDArray[Any]) -> None:
    """Rows ``lo:hi``: widened to 32-bit floats block by block, times the weights (exact below ``2**24``)."""
    w = np.asarray(ws, dtype=np.float32)
    block = np.empty((min(_BLOCK, max(hi - lo, 1)), rows.shape[1]), dtype=np.float32)
    sums = np.empty(block.shape[0], dtype=np.float32)
    for s in range(lo, hi, _BLOCK):
        e = min(s + _BLOCK, hi)
        b = block[: e - s]
        np.copyto(b, rows[s:e])
        if clamp:
            np.maximum(b, 0, out=b)
        np.dot(b, w, out=sums[: e - s])
        out[s:e] = sums[: e - s]  # whole numbers: the cast is exact


def _int_rows(rows: npt.NDArray[np.int8], ws: list[int], clamp: bool, lo: int, hi: int, out: npt.NDArray[Any]) -> None:
    """Rows ``lo:hi`` in 64-bit integers (a rubric whose index grid is too fine for floats)."""
    w = np.asarray(ws, dtype=np.int64)
    for s in range(lo, hi, _BLOCK):
        b = rows[s : s + _BLOCK].astype(np.int64)
        if clamp:
            np.maximum(b, 0, out=b)
        out[s : s + _BLOCK] = b @ w


def row_ranges(n: int, parts: int) -> list[tuple[int, int]]:
    """Split rows ``0:n`` into *parts* ranges whose bounds are multiples of 64."""
    step = -(-n // parts // 64) * 64
    return [(lo, min(lo + step, n)) for lo in range(0, n, step)] if n else []


_pool_lock = threading.Lock()
_pool: tuple[int, ThreadPoolExecutor] | None = None  # workers, pool


def _forget_pool() -> None:
    """In a forked child: the parent's threads do not exist here, nor may its lock be held."""
    global _pool, _pool_lock
    _pool = None
    _pool_lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_forget_pool)


def _executor(workers: int) -> ThreadPoolExecutor:
    """The shared pool, grown to at least *workers* threads."""
    global _pool
    with _pool_lock:
        if _pool is None or _pool[0] < workers:
            _pool = (workers, ThreadPoolExecutor(max_workers=workers, thread_name_prefix="meritsys-kernel"))
        return _pool[1]


def run_parallel(tasks: Sequence[Callable[[], None]]) -> None:
    """Run *tasks*, the first on this thread and the others on the shared pool.

    Returns (or raises) only when every task has finished, so no thread still
    writes into the caller's arrays; the calling thread's own error wins.
    Where no thread can be started (interpreter shutdown), the tasks run here.
    """
    pending: list[Future[None]] = []
    local = list(tasks[:1])
    for task in tasks[1:]:
        try:
            pending.append(_executor(len(tasks) - 1).submit(task))
        except RuntimeError:  # "cannot schedule new futures after (interpreter) shutdown"
            local.append(task)
    try:
        for task in local:
            task()
    finally:
        if pending:
            wait(pending)
    for f in pending:
        f.result()


def band_positions(units: npt.NDArray[np.signedinteger[Any]], thresholds: Sequence[int]) -> npt.NDArray[np.signedinteger[Any]]:
    """How many thresholds each value reaches (``value >= t``): its band position.

    ``int8``, or ``int16`` for more than 127 thresholds.
    """
    if len(thresholds) > 16:
        found = np.searchsorted(np.asarray(thresholds), units, side="right")
        return found.astype(np.int8 if len(thresholds) <= 127 else np.int16)
    lowest, highest = _LIMITS.get(units.dtype.type) or (int(np.iinfo(units.dtype).min), int(np.iinfo(units.dtype).max))
    pos = np.zeros(units.shape, dtype=np.int8)
    reached = np.empty(units.shape, dtype=np.bool_)
    for t in thresholds:
        if t > highest:  # no value of this type reaches it
            continue
        if t <= lowest:
            pos += np.int8(1)
            continue
        np.greater_equal(units, t, out=reached)
        pos += reached.view(np.int8)  # a bool is one byte of 0 or 1: no conversion pass
    return pos
