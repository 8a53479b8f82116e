"""The exact batch kernels against plain numpy arithmetic."""

import itertools
import multiprocessing
import os
import threading
import time

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from meritsys.errors import ValidationError
from meritsys.scoring import _kernels as kernels
from meritsys.scoring._kernels import (
    accumulator_dtype,
    band_positions,
    column_ranges,
    kernel_threads,
    weighted_sum_units,
)

RUNNER = "run_parallel" if hasattr(kernels, "run_parallel") else "_run_parallel"
"""The kernels' runner of row ranges on threads (``_run_parallel`` before it was shared with other kernels)."""


@st.composite
def matrices(draw):
    n = draw(st.integers(0, 70))
    k = draw(st.integers(1, 12))
    levels = draw(hnp.arrays(np.int8, (n, k), elements=st.integers(-1, 4)))
    if draw(st.booleans()):
        levels = np.asfortranarray(levels)
    weights = draw(st.lists(st.integers(0, 300), min_size=k, max_size=k))
    return levels, weights


class TestWeightedSumUnits:
    @given(matrices())
    def test_equals_plain_arithmetic(self, case):
        """Any layout, weights and not-applicable cells give exactly max(level, 0) @ weights."""
        levels, weights = case
        expected = np.maximum(levels, 0).astype(np.int64) @ np.asarray(weights, dtype=np.int64)
        assert weighted_sum_units(levels, weights).tolist() == expected.tolist()

    @given(matrices())
    def test_declared_tops_and_negatives(self, case):
        """Declaring bounds and negative columns (as strategies do) changes nothing."""
        levels, weights = case
        mins = column_ranges(levels)[0]
        got = weighted_sum_units(levels, weights, has_negative=[bool(m < 0) for m in mins], tops=[4] * len(weights))
        expected = np.maximum(levels, 0).astype(np.int64) @ np.asarray(weights, dtype=np.int64)
        assert got.tolist() == expected.tolist()

    @pytest.mark.parametrize("n", [4, 5, 7, 8, 1001])
    def test_lane_path_and_tail_rows(self, n):
        """Rows outside whole words (N not a multiple of 4) are added by the plain path."""
        rng = np.random.default_rng(n)
        levels = np.asfortranarray(rng.integers(0, 5, size=(n, 9), dtype=np.int8))
        weights = [int(w) for w in rng.integers(1, 60, size=9)]
        assert weighted_sum_units(levels, weights).tolist() == (levels.astype(np.int64) @ np.asarray(weights)).tolist()

    @pytest.mark.parametrize(
        "weights", [[50, 1], [51], [25, 25, 1, 1, 1], [50, 1, 50, 1, 50, 1]], ids=["50-1", "51", "25-25-1-1-1", "50-1-x3"]
    )
    def test_byte_lanes_filled_to_the_limit(self, weights):
        """A group whose largest sum is exactly 255 per byte lane does not overflow into its neighbour."""
        levels = np.asfortranarray(np.full((12, len(weights)), 5, dtype=np.int8))
        levels[1::3] = 0  # neighbouring lanes differ, so a carry would show
        expected = levels.astype(np.int64) @ np.asarray(weights)
        assert weighted_sum_units(levels, weights).tolist() == expected.tolist()

    def test_column_that_never_counts_may_carry_any_weight(self):
        """A column with nothing above 0 (e.g. never applicable) adds 0, whatever its weight."""
        levels = np.asfortranarray(np.array([[-1, 2], [-1, 3], [-1, 1]], dtype=np.int8))
        assert weighted_sum_units(levels, [100_000, 7]).tolist() == [14, 21, 7]

    def test_wide_sums_fall_back_to_wider_integers(self):
        """Indices beyond 16 bits are computed in 32-bit accumulators, still exactly."""
        levels = np.asfortranarray(np.full((16, 3), 4, dtype=np.int8))
        got = weighted_sum_units(levels, [10_000, 10_000, 1])
        assert got.dtype == np.int32
        assert got.tolist() == [80_004] * 16


class TestHelpers:
    @pytest.mark.parametrize(("bound", "dtype"), [(100, np.int16), (32767, np.int16), (32768, np.int32), (2**40, np.int64)],
                             ids=["small", "int16-max", "int16-max-plus-1", "2-to-the-40"])
    def test_accumulator_dtype(self, bound, dtype):
        """The accumulator is the narrowest signed type holding the bound."""
        assert accumulator_dtype(bound) is dtype

    @given(hnp.arrays(np.int16, st.integers(0, 50), elements=st.integers(-300, 300)), st.lists(st.integers(-400, 400), max_size=20).map(sorted))
    def test_band_positions_is_searchsorted(self, units, thresholds):
        """Band positions count the thresholds each value reaches, like searchsorted(side='right')."""
        assert band_positions(units, thresholds).tolist() == np.searchsorted(thresholds, units, side="right").tolist()

    def test_band_positions_beyond_127_thresholds(self):
        """Positions past the int8 range come back in a wider type instead of wrapping around."""
        thresholds = list(range(200))
        assert band_positions(np.asarray([-1, 0, 150, 500], dtype=np.int16), thresholds).tolist() == [0, 1, 151, 200]

    def test_column_ranges_of_empty(self):
        """An empty matrix has zero ranges, not an error."""
        mins, maxs = column_ranges(np.zeros((0, 3), dtype=np.int8))
        assert mins.tolist() == maxs.tolist() == [0, 0, 0]


def _child_sums(levels, weights, queue):
    queue.put(weighted_sum_units(levels, weights).tolist())


class TestThreads:
    """Large matrices are split over threads; the result never depends on it."""

    @pytest.fixture
    def parallel_from_one_row(self, monkeypatch):
        monkeypatch.setattr(kernels, "PARALLEL_MIN_ROWS", 1)
        monkeypatch.setattr(kernels, "_cpus", lambda: 8)

    @pytest.mark.parametrize("threads", ["1", "2", "3", "7"])
    @pytest.mark.parametrize("n", [4, 130, 1001, 4096])
    def test_same_result_on_any_number_of_threads(self, parallel_from_one_row, monkeypatch, threads, n):
        """Row ranges on several threads give exactly the single-thread sums, tails and all."""
        monkeypatch.setenv("MERITSYS_THREADS", threads)
        rng = np.random.default_rng(n)
        levels = np.asfortranarray(rng.integers(-1, 5, size=(n, 11), dtype=np.int8))
        levels[:, :6] = np.abs(levels[:, :6])  # some columns through the byte lanes, some not
        weights = [int(w) for w in rng.integers(1, 40, size=11)]
        expected = np.maximum(levels, 0).astype(np.int64) @ np.asarray(weights)
        assert weighted_sum_units(levels, weights).tolist() == expected.tolist()

    def test_row_ranges_cover_every_row_once(self):
        """The ranges are disjoint, in order, aligned to 64 rows, and cover 0..n."""
        for n, parts in [(4, 2), (64, 2), (1_000_000, 2), (1_000_000, 3), (128, 5)]:
            ranges = kernels.row_ranges(n, parts)
            assert ranges[0][0] == 0
            assert ranges[-1][1] == n
            assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
            assert all(lo % 64 == 0 for lo, _ in ranges)
            assert len(ranges) <= parts

    @pytest.mark.parametrize(("raw", "expected"), [("1", 1), ("4", 4), (" 2 ", 2)])
    def test_threads_from_the_environment(self, monkeypatch, raw, expected):
        """MERITSYS_THREADS sets the number of threads, surrounding spaces allowed."""
        monkeypatch.setenv("MERITSYS_THREADS", raw)
        assert kernel_threads() == expected

    def test_default_is_two_threads_at_most(self, monkeypatch):
        """Without MERITSYS_THREADS the kernels use one or two threads."""
        monkeypatch.delenv("MERITSYS_THREADS", raising=False)
        assert 1 <= kernel_threads() <= 2

    @pytest.mark.parametrize("raw", ["0", "-1", "two", "1.5", "1_0", "+2"])
    def test_bad_thread_count_is_a_validation_error(self, monkeypatch, raw):
        """A wrong setting is reported by name, not silently replaced by a default."""
        monkeypatch.setenv("MERITSYS_THREADS", raw)
        with pytest.raises(ValidationError, match="MERITSYS_THREADS must be a whole number >= 1"):
            kernel_threads()

    @pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
    def test_works_in_a_forked_child(self, parallel_from_one_row, monkeypatch):
        """A child process forked after the pool started makes its own pool instead of waiting forever."""
        monkeypatch.setenv("MERITSYS_THREADS", "2")
        levels = np.asfortranarray(np.full((256, 3), 2, dtype=np.int8))
        assert weighted_sum_units(levels, [1, 2, 3]).tolist() == [12] * 256  # the parent's pool exists
        ctx = multiprocessing.get_context("fork")
        queue = ctx.Queue()
        child = ctx.Process(target=_child_sums, args=(levels, [1, 2, 3], queue))
        child.start()
        try:
            assert queue.get(timeout=60) == [12] * 256
        finally:
            child.join(timeout=60)
        assert child.exitcode == 0

    @pytest.mark.parametrize("threads", ["1", "2", "3"])
    @pytest.mark.parametrize("n", [1, 130, 1001, 40_000])
    def test_the_cohort_copy_in_row_ranges_is_the_same_copy(self, monkeypatch, threads, n):
        """Answers and text columns copied in row ranges on several threads: the same cells, bounds and suspect rows."""
        from meritsys.scoring import _kohort_text
        from meritsys.scoring._kohort_checks import _COPY_ROWS_BYTES, bounded_copy
        from meritsys.scoring._kohort_text import compact_text, copy_rows

        monkeypatch.setenv("MERITSYS_THREADS", threads)
        monkeypatch.setattr(kernels, "_cpus", lambda: 8)
        monkeypatch.setattr(_kohort_text, "_PARALLEL_BYTES", 0)
        assert n * 33 > 2 * _COPY_ROWS_BYTES or n < 2000  # the largest case spans several blocks
        rng = np.random.default_rng(n)
        arr = rng.integers(-2, 6, size=(n, 33), dtype=np.int16)
        arr[n // 2, 7] = -2
        arr[n - 1, 32] = 9
        kode = np.asarray([f"kab-{i}" if i % 997 else f" kab-{i}" for i in range(n)])
        into = {}
        out, bounds = copy_rows(bounded_copy(arr), n, arr.nbytes, {"kode": (kode, True)}, into)
        assert out.dtype == np.int8
        assert np.array_equal(out, arr)
        assert bounds == (int(arr.min()), int(arr.max()))
        whole = compact_text(kode, ends=True)
        assert into["kode"].text.tolist() == whole.text.tolist()
        assert into["kode"].suspect.tolist() == whole.suspect.tolist() == list(range(0, n, 997))

    def test_bad_thread_count_stops_batch_scoring(self, monkeypatch):
        """Scoring a cohort, however small, reports a bad MERITSYS_THREADS instead of ignoring it."""
        import meritsys

        monkeypatch.setenv("MERITSYS_THREADS", "0")
        kasn = meritsys.get_rubrik("kasn-2019")
        kohort = meritsys.Kohort.from_arrays(kasn, np.full((3, len(kasn.indikator)), 3, dtype=np.int8))
        with pytest.raises(meritsys.MeritsysError, match="MERITSYS_THREADS"):
            meritsys.WeightedSum().score_batch(kasn, kohort)

    def test_never_more_parts_than_cpus(self, parallel_from_one_row, monkeypatch):
        """A huge MERITSYS_THREADS is capped by the machine's CPUs instead of spawning a thread per block."""
        monkeypatch.setenv("MERITSYS_THREADS", "100000")
        monkeypatch.setattr(kernels, "_cpus", lambda: 3)
        seen = []
        run = getattr(kernels, RUNNER)
        monkeypatch.setattr(kernels, RUNNER, lambda tasks: (seen.append(len(tasks)), run(tasks)))
        levels = np.asfortranarray(np.ones((4096, 2), dtype=np.int8))
        assert weighted_sum_units(levels, [1, 2]).tolist() == [3] * 4096
        assert seen == [3]

    def test_no_threads_left_falls_back_to_the_calling_thread(self, parallel_from_one_row, monkeypatch):
        """When no thread can be started (interpreter shutdown), the rows are still all scored, here."""
        monkeypatch.setenv("MERITSYS_THREADS", "2")

        def refuse(workers):
            raise RuntimeError("cannot schedule new futures after interpreter shutdown")

        monkeypatch.setattr(kernels, "_executor", refuse)
        levels = np.asfortranarray(np.full((1024, 3), 3, dtype=np.int8))
        assert weighted_sum_units(levels, [1, 1, 1]).tolist() == [9] * 1024

    def test_errors_wait_for_every_thread_and_the_callers_own_wins(self):
        """A failure returns only after the other threads stopped writing, and reports this thread's error."""
        finished = threading.Event()

        def slow():
            time.sleep(0.05)
            finished.set()

        def failing_here():
            raise MemoryError("this thread")

        def failing_there():
            raise ValueError("other thread")

        with pytest.raises(MemoryError, match="this thread"):
            getattr(kernels, RUNNER)([failing_here, slow, failing_there])
        assert finished.is_set()
