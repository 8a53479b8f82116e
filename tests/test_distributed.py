import importlib

import numpy as np
import pytest

distributed = pytest.importorskip("distributed")

from meritsys import AnswerMatrix, MeritsysError, ValidationError  # noqa: E402
from meritsys.analysis import distributed as md  # noqa: E402
from meritsys.analysis.sensitivity import sensitivity  # noqa: E402
from meritsys.scoring._maturity import MaturityIndex  # noqa: E402
from meritsys.scoring._weighted_sum import WeightedSum  # noqa: E402

from .helpers import kasn, rezim_b  # noqa: E402
from .test_sensitivity import cli, matrix_a, matrix_b, same  # noqa: E402


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
        m = matrix_a(60, seed=2)
        opts = {"draws": 2000, "seed": 9, "ambang": 4.0}
        same(md.sensitivity_dask(kasn(), m, client=client, draws_per_task=300, **opts), sensitivity(kasn(), m, **opts))

    def test_regime_b_equals_in_process(self, client):
        """Regime B with drawn not-applicable rules is equal on the cluster too."""
        m = matrix_b(40, seed=1)
        opts = {"draws": 1200, "seed": 3, "ambang": 0.01, "kebijakan_tidak_berlaku": True}
        same(md.sensitivity_dask(rezim_b(), m, client=client, draws_per_task=256, **opts), sensitivity(rezim_b(), m, **opts))

    def test_task_size_does_not_matter(self, client):
        """Splitting the draws into more or fewer tasks gives the same result."""
        m = matrix_a(20)
        a = md.sensitivity_dask(kasn(), m, draws=1500, seed=1, client=client, draws_per_task=256)
        b = md.sensitivity_dask(kasn(), m, draws=1500, seed=1, client=client, draws_per_task=100_000)
        same(a, b)

    def test_progress_as_tasks_finish(self, client):
        """The progress hook sees the draws done grow to the total as tasks finish."""
        calls = []
        md.sensitivity_dask(kasn(), matrix_a(10), draws=1000, client=client, draws_per_task=256, progress=lambda d, t: calls.append((d, t)))
        assert len(calls) == 4
        assert calls[-1] == (1000, 1000)
        assert [d for d, _ in calls] == sorted(d for d, _ in calls)

    def test_default_scheduler(self):
        """Without a client the default Dask scheduler gives the same result."""
        m = matrix_a(15)
        calls = []
        a = md.sensitivity_dask(kasn(), m, draws=700, seed=2, draws_per_task=256, progress=lambda d, t: calls.append(d))
        same(a, sensitivity(kasn(), m, draws=700, seed=2))
        assert calls == [700]

    def test_bad_task_size(self):
        """draws_per_task must be a positive whole number."""
        with pytest.raises(ValidationError, match="draws_per_task"):
            md.sensitivity_dask(kasn(), matrix_a(5), draws_per_task=0)


class TestScoreBatchOnDask:
    @pytest.mark.parametrize("rows_per_task", [7, 1000], ids=["many-parts", "one-part"])
    def test_regime_a_equals_in_process(self, client, rows_per_task):
        """Row partitions scored on the cluster join into the in-process SkorBatch."""
        m = matrix_a(50, seed=5)
        got = md.score_batch_dask(kasn(), m, client=client, rows_per_task=rows_per_task)
        want = WeightedSum().score_batch(kasn(), m)
        assert (got.rubrik_id, got.strategi, got.unit, got.labels, got.desimal) == (want.rubrik_id, want.strategi, want.unit, want.labels, want.desimal)
        np.testing.assert_array_equal(got.indeks_unit, want.indeks_unit)
        np.testing.assert_array_equal(got.kategori, want.kategori)
        np.testing.assert_array_equal(got.di_luar_skala, want.di_luar_skala)

    def test_regime_b_by_name_and_default_scheduler(self):
        """A strategy named by string, on the default scheduler, gives the in-process values."""
        m = matrix_b(30, seed=4)
        got = md.score_batch_dask(rezim_b(), m, "maturity", rows_per_task=8)
        want = MaturityIndex().score_batch(rezim_b(), m)
        assert got.indeks() == want.indeks()
        assert got.kategori_label() == want.kategori_label()

    def test_strategy_object_and_empty(self, client):
        """A strategy object is used as given; an empty matrix scores to an empty batch."""
        empty = AnswerMatrix.from_arrays(np.zeros((0, 24), dtype=np.int8))
        assert len(md.score_batch_dask(kasn(), empty, WeightedSum(), client=client)) == 0

    def test_problems_addressed_by_whole_matrix_row(self, client):
        """Every partition's problems are reported together, by row of the whole matrix."""
        levels = matrix_a(30).jawaban.copy()
        levels[3, 0] = 7
        levels[25, 5] = 9
        with pytest.raises(ValidationError) as exc:
            md.score_batch_dask(kasn(), AnswerMatrix.from_arrays(levels), client=client, rows_per_task=10)
        assert exc.value.messages == ('$[3]["1.1"]: level 7 is outside 0..4', '$[25]["3.1"]: level 9 is outside 0..4')

    def test_wrong_strategy(self, client):
        """A strategy that cannot score the rubric raises its own error."""
        with pytest.raises(MeritsysError, match="weighs aspects"):
            md.score_batch_dask(rezim_b(), matrix_b(5), "weighted-sum", client=client)


class TestWithoutDask:
    def test_clear_message(self, monkeypatch):
        """Without Dask installed, the message says which extra to install."""
        real = importlib.import_module

        def fake(name, *args):
            if name in ("dask", "distributed"):
                raise ImportError(name)
            return real(name, *args)

        monkeypatch.setattr(md.importlib, "import_module", fake)
        with pytest.raises(MeritsysError, match=r"pip install 'meritsys\[dask\]'"):
            md.sensitivity_dask(kasn(), matrix_a(5))
        with pytest.raises(MeritsysError, match=r"meritsys\[dask\]"):
            md.score_batch_dask(kasn(), matrix_a(5))
        with pytest.raises(MeritsysError, match=r"meritsys\[dask\]"), md.connect("local"):
            pass


class TestCommandLine:
    def test_dask_local_equals_in_process(self):
        """meritsys sensitivity --dask local prints exactly what the in-process run prints."""
        from .test_sensitivity import DATA

        argv = (str(DATA / "kohort-kasn-2023.json"), "--draws", "600", "--seed", "2", "--format", "json")
        assert cli(*argv, "--dask", "local") == cli(*argv)
