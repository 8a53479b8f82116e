"""Sensitivity analysis: redrawn weights, cut points and rules, scored exactly, reproducibly and in bounded memory."""

import json
import math
import tracemalloc
from fractions import Fraction

import attrs
import numpy as np
import pytest

from meritsys import GeometricMean, IncompatibleStrategyError, KebijakanTidakBerlaku, Kohort, ValidationError
from meritsys._numbers import round_half_up
from meritsys.analysis import SensitivityOptions, sensitivity
from meritsys.scoring import AspectLinear, aspect_fulfilment
from tests.helpers import items_b, kasn, kohort_a, kohort_b, module_of, package_of, rezim_b, same

BLOK = package_of(sensitivity).BLOK
MAX_CHUNK = package_of(sensitivity).MAX_CHUNK
_run = module_of(sensitivity)  # prepare: the baseline and the arrays a run needs
_engine = module_of(_run.run)  # draw_block: one block of draws


def reference(rubrik, kohort, **options):
    """Score each draw of one block exactly with fractions: categories, ranks and changes per draw."""
    soal = _run.prepare(rubrik, kohort, SensitivityOptions(**options))
    shares, shift, pol = _engine.draw_block(soal, 0)
    bit = round(math.log2(soal.skala_w / float(rubrik.jumlah_bobot.nilai)))
    levels = kohort.levels(rubrik)
    lower = [k.batas_bawah.nilai for k in rubrik.kategori[1:]]
    cats, ranks = [], []
    for d in range(shares.shape[0]):
        w = [Fraction(int(x), 2**bit) for x in np.rint(shares[d] * soal.skala_w)]
        cuts = sorted(Fraction(c) + (Fraction(float(s)) if shift is not None else 0) for c, s in zip(lower, shift[d] if shift is not None else [0] * len(lower), strict=True))
        values = []
        for i in range(len(kohort)):
            if rubrik.letak_bobot.value == "indikator":
                v = sum((wk * max(int(lv), 0) for wk, lv in zip(w, levels[i], strict=True)), Fraction(0))
            else:
                komp = attrs.evolve(rubrik.komposisi, tidak_berlaku=soal.kebijakan[pol[d]])
                r = attrs.evolve(rubrik, komposisi=komp)
                m = aspect_fulfilment(r, tuple(None if lv < 0 else int(lv) for lv in levels[i]))
                v = Fraction(komp.bobot_maturitas.nilai) * sum((wa * ma for wa, ma in zip(w, m, strict=True)), Fraction(0))
                v = Fraction(round_half_up(v + Fraction(komp.bobot_survei.nilai) * Fraction(kohort.survei[i]), 2))
            values.append(v)
        cats.append([sum(v >= c for c in cuts) for v in values])
        ranks.append([1 + sum(u > v for u in values) for v in values])
    return soal, shares, np.asarray(cats), np.asarray(ranks)


class TestReproducible:
    def test_same_seed_same_result(self):
        """Two runs with the same seed and inputs give identical output."""
        m = kohort_a()
        same(sensitivity(kasn(), m, draws=700, seed=11, ambang=4), sensitivity(kasn(), m, draws=700, seed=11, ambang=4))

    def test_other_seed_other_draws(self):
        """A different seed gives different draws."""
        m = kohort_a()
        a = sensitivity(kasn(), m, draws=300, seed=1)
        b = sensitivity(kasn(), m, draws=300, seed=2)
        assert not np.array_equal(a.indeks_rerata, b.indeks_rerata)

    @pytest.mark.parametrize(
        ("chunk", "workers"),
        [(1, 1), (BLOK, 2), (700, 1), (700, 3), (MAX_CHUNK, 1)],
        ids=["one-block", "blok-threads", "uneven", "uneven-threads", "all-at-once"],
    )
    def test_chunk_size_does_not_matter(self, chunk, workers):
        """The chunk size and the number of threads change memory use and speed only, never the result."""
        m = kohort_a()
        ref = sensitivity(kasn(), m, draws=1000, seed=3, ambang=3, chunk=512, workers=1)
        same(sensitivity(kasn(), m, draws=1000, seed=3, ambang=3, chunk=chunk, workers=workers), ref)

    def test_chunk_size_does_not_matter_regime_b(self):
        """Regime B with drawn not-applicable rules is just as independent of the chunk size."""
        m = kohort_b()
        opts = {"draws": 600, "seed": 5, "ambang": 0.01, "kebijakan_tidak_berlaku": True}
        same(sensitivity(rezim_b(), m, chunk=256, **opts), sensitivity(rezim_b(), m, chunk=5000, **opts))


class TestNoPerturbation:
    @pytest.mark.parametrize(
        "options",
        [{"konsentrasi": math.inf}, {"rentang": 0.0}, {"konsentrasi": math.inf, "ambang": 0.0}],
        ids=["konsentrasi-inf", "rentang-0", "ambang-0"],
    )
    def test_regime_a_keeps_everything(self, options):
        """Without perturbation every agency keeps its category and baseline rank in every draw."""
        m = kohort_a(60, seed=4)
        h = sensitivity(kasn(), m, draws=300, seed=0, **options)
        assert (h.p_keep() == 1).all()
        np.testing.assert_array_equal(h.rank_min(), h.peringkat_dasar)
        np.testing.assert_array_equal(h.rank_max(), h.peringkat_dasar)
        np.testing.assert_array_equal(h.indeks_rerata, h.dasar.indeks_float())
        assert (h.indeks_sd == 0).all()
        assert h.berubah_rerata == 0

    def test_regime_b_keeps_everything(self):
        """Regime B (rounded to two decimals, ties at the cut points) matches its exact path without perturbation."""
        h = sensitivity(rezim_b(), kohort_b(60, seed=9), draws=300, konsentrasi=math.inf)
        assert (h.p_keep() == 1).all()
        np.testing.assert_array_equal(h.rank_quantile(0.05), h.peringkat_dasar)
        np.testing.assert_allclose(h.indeks_rerata, h.dasar.indeks_float(), rtol=0, atol=1e-12)

    def test_boundary_values_stay_put(self):
        """Agencies exactly on a cut point (250) and a half point below it keep their categories unperturbed."""
        row250 = [4] * 8 + [2] * 14 + [4] + [2] * 14  # aspects 1-2 and 5.1 at 4: 200 + 2 x 25
        m = Kohort.from_arrays(kasn(), np.asarray([row250, [2] * 37]))
        h = sensitivity(kasn(), m, draws=50, konsentrasi=math.inf)
        assert h.dasar.kategori_label() == ["Baik", "Kurang"]
        assert h.p_keep().tolist() == [1.0, 1.0]


    def test_upper_inclusive_rule(self):
        """Under an upper-inclusive boundary rule the unperturbed path classifies half points like the exact path."""
        r = kasn()
        upper = attrs.evolve(r, aturan_batas=attrs.evolve(r.aturan_batas, jenis="atas_inklusif"))
        half = np.full(37, 2)
        half[[2, 6, 9, 14, 22, 24]], half[4] = 1, 0
        whole = half.copy()
        whole[10], whole[1] = 1, 3
        m = Kohort.from_arrays(kasn(), np.asarray([half, whole, [3] * 37]))
        h = sensitivity(upper, m, draws=40, konsentrasi=math.inf)
        assert [str(x) for x in h.dasar.indeks()] == ["174.5", "174", "300"]
        assert h.dasar.kategori_label() == ["Kurang", "Buruk", "Baik"]
        assert (h.p_keep() == 1).all()
        moved = sensitivity(upper, m, draws=300, seed=1, konsentrasi=200.0, ambang=30.0)
        assert moved.berubah_rerata > 0


class TestDrawsAreScoredExactly:
    def test_regime_a_matches_fractions(self):
        """Each draw's categories and ranks equal an exact fraction computation with the same weights and cut points."""
        m = kohort_a(12, seed=2)
        _soal, _, cats, ranks = reference(kasn(), m, draws=60, seed=8, konsentrasi=50.0, ambang=10.0)
        h = sensitivity(kasn(), m, draws=60, seed=8, konsentrasi=50.0, ambang=10.0)
        counts = np.stack([(cats == c).sum(axis=0) for c in range(4)], axis=1)
        np.testing.assert_array_equal(h.hitung_kategori, counts)
        for i in range(len(m)):
            np.testing.assert_array_equal(h.hitung_peringkat[i], np.bincount(ranks[:, i] - 1, minlength=len(m)))

    def test_regime_b_matches_fractions(self):
        """Regime B draws (rules drawn, rounding half-up) equal the exact fraction computation."""
        m = kohort_b(10, seed=3)
        opts = {"draws": 40, "seed": 2, "konsentrasi": 30.0, "ambang": 0.02, "kebijakan_tidak_berlaku": True}
        _, _, cats, ranks = reference(rezim_b(), m, **opts)
        h = sensitivity(rezim_b(), m, **opts)
        np.testing.assert_array_equal(h.hitung_kategori, np.stack([(cats == c).sum(axis=0) for c in range(5)], axis=1))
        for i in range(len(m)):
            np.testing.assert_array_equal(h.hitung_peringkat[i], np.bincount(ranks[:, i] - 1, minlength=len(m)))

    def test_influence_is_the_correlation(self):
        """A weight's influence is its correlation with the number of agencies changing category."""
        m = kohort_a(15, seed=6)
        _, shares, cats, _ = reference(kasn(), m, draws=200, seed=4, konsentrasi=80.0)
        h = sensitivity(kasn(), m, draws=200, seed=4, konsentrasi=80.0)
        y = (cats != h.dasar.kategori).sum(axis=1)
        assert h.berubah_rerata == pytest.approx(y.mean())
        grid = np.rint(shares * 2.0**24) / 2.0**24  # the weights as scored: shares on the engine's 2**-24 grid
        for k, p in enumerate(h.pengaruh):
            assert p.korelasi == pytest.approx(np.corrcoef(grid[:, k], y)[0, 1], abs=1e-6)
            assert p.kemiringan == pytest.approx(np.polyfit(grid[:, k], y, 1)[0], rel=1e-5)


@pytest.fixture(scope="module")
def result():
    return sensitivity(kasn(), kohort_a(50, seed=1), draws=900, seed=0, konsentrasi=100.0, ambang=5.0)


class TestStatistics:
    def test_probabilities_are_probabilities(self, result):
        """P(keep) lies in 0..1 and every agency's category distribution sums to 1."""
        p = result.p_keep()
        assert ((p >= 0) & (p <= 1)).all()
        np.testing.assert_allclose(result.category_distribution().sum(axis=1), 1)
        assert (result.hitung_peringkat.sum(axis=1) == result.draws).all()

    def test_rank_interval_is_ordered(self, result):
        """Best rank <= lower quantile <= upper quantile <= worst rank, all within 1..N."""
        lo, hi = result.rank_quantile(0.05), result.rank_quantile(0.95)
        assert (result.rank_min() <= lo).all()
        assert (lo <= hi).all()
        assert (hi <= result.rank_max()).all()
        assert result.rank_min().min() >= 1
        assert result.rank_max().max() <= len(result)

    def test_someone_moves(self, result):
        """Real perturbation moves some agency, and every weight and cut point gets a finite influence."""
        assert result.berubah_rerata > 0
        assert (result.indeks_sd > 0).all()
        assert [p.jenis for p in result.pengaruh] == ["bobot"] * 37 + ["ambang"] * 3
        assert all(-1 <= p.korelasi <= 1 for p in result.pengaruh)

    def test_json_ready(self, result):
        """to_dict is plain JSON with one row per agency."""
        data = json.loads(json.dumps(result.to_dict()))
        assert len(data["instansi"]) == 50
        assert data["draws"] == 900
        assert set(data["instansi"][0]["distribusi"]) == {"Buruk", "Kurang", "Baik", "Sangat Baik"}

    def test_identical_rows_share_ranks(self):
        """Agencies with identical answers tie in every draw and share the best rank."""
        rows = np.asarray([[3] * 37, [3] * 37, [2] * 37, [4] * 37])
        h = sensitivity(kasn(), Kohort.from_arrays(kasn(), rows), draws=200, seed=1, konsentrasi=20.0)
        assert h.peringkat_dasar.tolist() == [2, 2, 4, 1]
        np.testing.assert_array_equal(h.hitung_peringkat[0], h.hitung_peringkat[1])
        assert h.hitung_peringkat[0, 1] == 200

    def test_unperturbed_influence_is_nan(self):
        """A parameter that was not perturbed has no influence (nan), shown as null in JSON."""
        h = sensitivity(kasn(), kohort_a(), draws=300, konsentrasi=math.inf, ambang=5.0)
        assert all(math.isnan(p.korelasi) for p in h.pengaruh if p.jenis == "bobot")
        assert all(math.isfinite(p.korelasi) for p in h.pengaruh if p.jenis == "ambang")
        assert h.to_dict()["pengaruh"][0]["korelasi"] is None


class TestMemory:
    def peak(self, draws, workers=1):
        m = kohort_a(200, seed=0)
        sensitivity(kasn(), m, draws=BLOK, chunk=BLOK, workers=workers)
        tracemalloc.start()
        try:
            sensitivity(kasn(), m, draws=draws, chunk=BLOK, workers=workers)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    def test_peak_does_not_grow_with_draws(self):
        """Peak memory is set by the chunk, not by the number of draws."""
        small, large = self.peak(2 * BLOK), self.peak(16 * BLOK)
        assert large < 1.2 * small

    def test_threads_keep_memory_bounded(self):
        """With threads, at most one chunk per thread is in flight, however many draws."""
        small, large = self.peak(8 * BLOK, workers=2), self.peak(40 * BLOK, workers=2)
        assert large < 1.5 * small

    def test_accumulators_are_sized_by_the_cohort(self):
        """The kept statistics are (N, C) and (N, N) counts whatever the number of draws."""
        h = sensitivity(kasn(), kohort_a(30), draws=2000)
        assert h.hitung_kategori.shape == (30, 4)
        assert h.hitung_peringkat.shape == (30, 30)


class TestRegimeB:
    def test_rules_drawn_per_draw(self):
        """Drawing the not-applicable rule reports draws and changes per rule, adding up to the total."""
        h = sensitivity(rezim_b(), kohort_b(), draws=500, seed=1, kebijakan_tidak_berlaku=True)
        assert [k.kebijakan for k in h.per_kebijakan] == list(KebijakanTidakBerlaku)
        assert sum(k.draws for k in h.per_kebijakan) == 500
        assert [p.kode for p in h.pengaruh] == [a.kode for a in rezim_b().aspek]

    def test_chosen_rules(self):
        """A given list of rules is drawn among, in the order given."""
        rules = [KebijakanTidakBerlaku.NOL, KebijakanTidakBerlaku.MAKSIMUM]
        h = sensitivity(rezim_b(), kohort_b(), draws=100, kebijakan_tidak_berlaku=rules)
        assert h.kebijakan == tuple(rules)

    def test_maturity_only(self):
        """Without survey scores, hanya_maturitas scores the maturity component alone."""
        m = kohort_b(survei=False)
        with pytest.raises(ValidationError, match="survei"):
            sensitivity(rezim_b(), m, draws=10)
        h = sensitivity(rezim_b(), m, draws=10, hanya_maturitas=True, konsentrasi=math.inf)
        assert (h.p_keep() == 1).all()


class TestProgressAndValidation:
    def test_progress_hook(self):
        """The hook is called after each chunk with the draws done so far and the total."""
        calls = []
        sensitivity(kasn(), kohort_a(10), draws=1000, chunk=512, workers=1, progress=lambda done, total: calls.append((done, total)))
        assert calls == [(512, 1000), (1000, 1000)]

    def test_progress_hook_with_threads(self):
        """With several threads the hook still counts up to the total, once per chunk."""
        calls = []
        sensitivity(kasn(), kohort_a(10), draws=2000, chunk=256, workers=3, progress=lambda done, total: calls.append((done, total)))
        assert len(calls) == 8
        assert calls[-1] == (2000, 2000)
        assert [d for d, _ in calls] == sorted(d for d, _ in calls)

    @pytest.mark.parametrize(
        ("options", "path"),
        [
            ({"draws": 0}, "$.draws"),
            ({"seed": -1}, "$.seed"),
            ({"konsentrasi": 0.0}, "$.konsentrasi"),
            ({"konsentrasi": math.nan}, "$.konsentrasi"),
            ({"rentang": 1.0}, "$.rentang"),
            ({"ambang": -1.0}, "$.ambang"),
            ({"kebijakan_tidak_berlaku": True}, "$.kebijakan_tidak_berlaku"),
            ({"hanya_maturitas": True}, "$.hanya_maturitas"),
            ({"chunk": 0}, "$.chunk"),
            ({"workers": 0}, "$.workers"),
        ],
        ids=["draws", "seed", "konsentrasi", "nan", "rentang", "ambang", "rules-in-a", "maturity-in-a", "chunk", "workers"],
    )
    def test_bad_options(self, options, path):
        """Each invalid option is a ValidationError naming it."""
        with pytest.raises(ValidationError) as exc:
            sensitivity(kasn(), kohort_a(5), **options)
        assert exc.value.messages[0].startswith(path)

    def test_empty_cohort(self):
        """An empty cohort is an error, not an empty result."""
        with pytest.raises(ValidationError, match="no rows"):
            sensitivity(kasn(), Kohort.from_arrays(kasn(), np.zeros((0, 37), dtype=np.int8)))


class _Setara(AspectLinear):
    """Every aspect weighs the same (as the example plugin does)."""

    @property
    def name(self):
        return "setara"

    def aspect_weights(self, rubrik):
        top = rubrik.skala.maksimum.nilai if rubrik.komposisi is None else 1
        return [Fraction(top) / len(rubrik.aspek)] * len(rubrik.aspek)


class TestStrategies:
    @pytest.mark.parametrize(("rubrik", "kohort"), [(kasn, kohort_a), (rezim_b, kohort_b)], ids=["regime-a", "regime-b"])
    def test_any_aspect_linear_strategy(self, rubrik, kohort):
        """An AspectLinear strategy is stress-tested on its own aspect weights, its baseline its own exact batch scores."""
        r, k = rubrik(), kohort(20, seed=4)
        h = sensitivity(r, k, strategy=_Setara(), draws=300, seed=2, ambang=None)
        assert h.dasar.strategi == "setara"
        assert h.dasar.indeks() == _Setara().score_batch(r, k).indeks()
        assert [(p.jenis, p.kode) for p in h.pengaruh] == [("bobot", a.kode) for a in r.aspek]
        assert h.berubah_rerata > 0
        unmoved = sensitivity(r, k, strategy=_Setara(), draws=50, konsentrasi=math.inf)
        assert (unmoved.p_keep() == 1).all()

    @pytest.mark.parametrize("strategy", [GeometricMean(), "geometric-mean", "weakest-aspect-cap"], ids=["object", "name", "cap"])
    def test_non_linear_strategy_is_refused(self, strategy):
        """A strategy that is not linear is refused with IncompatibleStrategyError naming what it lacks."""
        with pytest.raises(IncompatibleStrategyError, match=r"sensitivity analysis needs a linear strategy; .* does not offer linear_model"):
            sensitivity(kasn(), kohort_a(5), strategy=strategy, draws=10)

    def test_assessments_instead_of_a_cohort(self):
        """A list of Penilaian is laid out as a cohort once and gives the cohort's result."""
        items = items_b(12, seed=7)
        same(sensitivity(rezim_b(), items, draws=200, seed=3), sensitivity(rezim_b(), Kohort.from_penilaian(rezim_b(), items), draws=200, seed=3))
