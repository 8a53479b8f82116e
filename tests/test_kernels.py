"""The exact batch kernels against plain numpy arithmetic."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from meritsys.scoring.kernels import accumulator_dtype, band_positions, column_ranges, weighted_sum_units


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

    def test_wide_sums_fall_back_to_wider_integers(self):
        """Indices beyond 16 bits are computed in 32-bit accumulators, still exactly."""
        levels = np.asfortranarray(np.full((16, 3), 4, dtype=np.int8))
        got = weighted_sum_units(levels, [10_000, 10_000, 1])
        assert got.dtype == np.int32
        assert got.tolist() == [80_004] * 16


class TestHelpers:
    @pytest.mark.parametrize(("bound", "dtype"), [(100, np.int16), (32767, np.int16), (32768, np.int32), (2**40, np.int64)])
    def test_accumulator_dtype(self, bound, dtype):
        """The accumulator is the narrowest signed type holding the bound."""
        assert accumulator_dtype(bound) is dtype

    @given(hnp.arrays(np.int16, st.integers(0, 50), elements=st.integers(-300, 300)), st.lists(st.integers(-400, 400), max_size=20).map(sorted))
    def test_band_positions_is_searchsorted(self, units, thresholds):
        """Band positions count the thresholds each value reaches, like searchsorted(side='right')."""
        assert band_positions(units, thresholds).tolist() == np.searchsorted(thresholds, units, side="right").tolist()

    def test_column_ranges_of_empty(self):
        """An empty matrix has zero ranges, not an error."""
        mins, maxs = column_ranges(np.zeros((0, 3), dtype=np.int8))
        assert mins.tolist() == maxs.tolist() == [0, 0, 0]
