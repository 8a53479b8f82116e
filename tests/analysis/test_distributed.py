"""Dask: the sensitivity analysis and batch scoring on a cluster give exactly the in-process results."""

import importlib

import numpy as np
import pytest

distributed = pytest.importorskip("distributed")

from meritsys import Kohort, MaturityIndex, MeritsysError, ValidationError, WeightedSum  # noqa: E402
from meritsys.analysis import connect, score_batch_dask, sensitivity, sensitivity_dask  # noqa: E402
from tests.helpers import items_b, kasn, kohort_a, kohort_b, rezim_b, same  # noqa: E402


def _columns(kohort):
    """The arguments that build *kohort* again with the class itself (whose cells are then checked when scored)."""
    return {
        "rubrik": kohort.rubrik, "kode_indikator": kohort.kode_indikator, "jawaban": kohort.jawaban,
        "jenis": kohort.jenis, "tahun": kohort.tahun, "tahap": kohort.tahap, "kode": kohort.kode,
    }


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


class TestSensitivityOnDask:
    def test_equals_in_process(self, client):
        """The same seed gives the same result on a cluster as in this process."""
        m = kohort_a(60, seed=2)
        opts = {"draws": 2000, "seed": 9, "ambang": 4.0}
        same(sensitivity_dask(kasn(), m, client=client, draws_per_task=300, **opts), sensitivity(kasn(), m, **opts))

    def test_regime_b_equals_in_process(self, client):
        """Regime B with drawn not-applicable rules is equal on the cluster too."""
        m = kohort_b(40, seed=1)
        opts = {"draws": 1200, "seed": 3, "ambang": 0.01, "kebijakan_tidak_berlaku": True}
        same(sensitivity_dask(rezim_b(), m, client=client, draws_per_task=256, **opts), sensitivity(rezim_b(), m, **opts))

    def test_task_size_does_not_matter(self, client):
        """Splitting the draws into more or fewer tasks gives the same result."""
        m = kohort_a(20)
        a = sensitivity_dask(kasn(), m, draws=1500, seed=1, client=client, draws_per_task=256)
        b = sensitivity_dask(kasn(), m, draws=1500, seed=1, client=client, draws_per_task=100_000)
        same(a, b)

    def test_progress_as_tasks_finish(self, client):
        """The progress hook sees the draws done grow to the total as tasks finish."""
        calls = []
        sensitivity_dask(kasn(), kohort_a(10), draws=1000, client=client, draws_per_task=256, progress=lambda d, t: calls.append((d, t)))
        assert len(calls) == 4
        assert calls[-1] == (1000, 1000)
        assert [d for d, _ in calls] == sorted(d for d, _ in calls)

    def test_default_scheduler(self):
        """Without a client the default Dask scheduler gives the same result."""
        m = kohort_a(15)
        calls = []
        a = sensitivity_dask(kasn(), m, draws=700, seed=2, draws_per_task=256, progress=lambda d, t: calls.append(d))
        same(a, sensitivity(kasn(), m, draws=700, seed=2))
        assert calls == [700]

    def test_assessments_and_a_named_strategy(self, client):
        """A list of Penilaian and a strategy by name give what the in-process run gives for them."""
        items = items_b(20, seed=6)
        opts = {"draws": 600, "seed": 4, "strategy": "maturity"}
        same(sensitivity_dask(rezim_b(), items, client=client, draws_per_task=256, **opts), sensitivity(rezim_b(), items, **opts))

    def test_bad_task_size(self):
        """draws_per_task must be a positive whole number."""
        with pytest.raises(ValidationError, match="draws_per_task"):
            sensitivity_dask(kasn(), kohort_a(5), draws_per_task=0)


class TestScoreBatchOnDask:
    @pytest.mark.parametrize("rows_per_task", [7, 1000], ids=["many-parts", "one-part"])
    def test_regime_a_equals_in_process(self, client, rows_per_task):
        """Row partitions scored on the cluster join into the in-process SkorBatch."""
        m = kohort_a(50, seed=5)
        got = score_batch_dask(kasn(), m, client=client, rows_per_task=rows_per_task)
        want = WeightedSum().score_batch(kasn(), m)
        assert (got.rubrik_id, got.strategi, got.unit, got.labels, got.desimal) == (want.rubrik_id, want.strategi, want.unit, want.labels, want.desimal)
        np.testing.assert_array_equal(got.indeks_unit, want.indeks_unit)
        np.testing.assert_array_equal(got.kategori, want.kategori)
        np.testing.assert_array_equal(got.di_luar_skala, want.di_luar_skala)

    def test_regime_b_by_name_and_default_scheduler(self):
        """A strategy named by string, on the default scheduler, gives the in-process values."""
        m = kohort_b(30, seed=4)
        got = score_batch_dask(rezim_b(), m, "maturity", rows_per_task=8)
        want = MaturityIndex().score_batch(rezim_b(), m)
        assert got.indeks() == want.indeks()
        assert got.kategori_label() == want.kategori_label()

    def test_strategy_object_and_empty(self, client):
        """A strategy object is used as given; an empty cohort scores to an empty batch."""
        empty = Kohort.from_arrays(kasn(), np.zeros((0, 37), dtype=np.int8))
        assert len(score_batch_dask(kasn(), empty, WeightedSum(), client=client)) == 0

    def test_problems_addressed_by_whole_cohort_row(self, client):
        """Every partition's problems of an unchecked cohort are reported together, by row of the whole cohort."""
        levels = np.array(kohort_a(30).jawaban)
        levels[3, 0] = 7
        levels[25, 5] = 9
        unchecked = Kohort(**{**_columns(kohort_a(30)), "jawaban": levels})
        with pytest.raises(ValidationError) as exc:
            score_batch_dask(kasn(), unchecked, client=client, rows_per_task=10)
        assert exc.value.messages == ('$[3]["1.1"]: level 7 is outside 0..4', '$[25]["2.2"]: level 9 is outside 0..4')

    def test_wrong_strategy(self, client):
        """A strategy that cannot score the rubric raises its own error."""
        with pytest.raises(MeritsysError, match="weighs aspects"):
            score_batch_dask(rezim_b(), kohort_b(5), "weighted-sum", client=client)


class TestWithoutDask:
    def test_clear_message(self, monkeypatch):
        """Without Dask installed, the message says which extra to install."""
        real = importlib.import_module

        def fake(name, *args):
            if name in ("dask", "distributed"):
                raise ImportError(name)
            return real(name, *args)

        monkeypatch.setattr(importlib, "import_module", fake)
        with pytest.raises(MeritsysError, match=r"pip install 'meritsys\[dask\]'"):
            sensitivity_dask(kasn(), kohort_a(5))
        with pytest.raises(MeritsysError, match=r"meritsys\[dask\]"):
            score_batch_dask(kasn(), kohort_a(5))
        with pytest.raises(MeritsysError, match=r"meritsys\[dask\]"), connect("local"):
            pass
