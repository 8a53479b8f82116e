"""What-if strategies: the geometric mean of the aspects and the weakest-aspect cap, on both paths."""

from decimal import Decimal

import pytest

import meritsys
from meritsys import (
    GeometricMean,
    IncompatibleStrategyError,
    LinearStrategy,
    MaturityIndex,
    ValidationError,
    WeakestAspectCap,
    WeightedSum,
)
from meritsys.scoring import require_linear
from tests.helpers import kasn, penilaian_a, penilaian_b, rezim_b


def _with(base: int, **aspects: int) -> dict[str, int]:
    levels = {i.kode: base for i in kasn().indikator}
    for a, level in aspects.items():
        levels.update({i.kode: level for i in kasn().aspek[int(a.lstrip("a")) - 1].indikator})
    return levels


class TestGeometricMean:
    @pytest.mark.parametrize("level", [1, 2, 3, 4])
    def test_uniform_answers_match_weighted_sum(self, level):
        """With every answer at one level the geometric and arithmetic aggregations agree."""
        p = penilaian_a(level)
        assert GeometricMean().score(kasn(), p).indeks == WeightedSum().score(kasn(), p).indeks

    def test_uneven_profile_scores_lower(self):
        """An uneven profile scores below the weighted sum with the same answers."""
        p = penilaian_a(_with(4, a8=1))
        assert GeometricMean().score(kasn(), p).indeks < WeightedSum().score(kasn(), p).indeks

    def test_zero_aspect_sinks_the_index(self):
        """One aspect at zero makes the index zero: weakness cannot be bought back."""
        assert GeometricMean().score(kasn(), penilaian_a(_with(4, a7=0))).indeks == 0

    def test_index_is_on_the_rubric_resolution(self):
        """Regime A geometric indices are rounded to half points."""
        h = GeometricMean().score(kasn(), penilaian_a(_with(3, a3=2, a5=4)))
        assert (h.indeks * 2) % 1 == 0

    def test_suggestions_are_exact_gains(self):
        """Each suggestion's gain is the index change of raising that indicator one level."""
        p = penilaian_a(_with(2, a1=3))
        h = GeometricMean().score(kasn(), p)
        best = h.saran[0]
        raised = dict(p.jawaban) | {best.kode: best.level_berikut}
        assert GeometricMean().score(kasn(), penilaian_a(raised)).indeks - h.indeks == best.tambahan

    def test_regime_b(self):
        """In regime B the maturities' geometric mean replaces their weighted sum."""
        p = penilaian_b(2, survei="0.5")
        assert GeometricMean().score(rezim_b(), p).indeks == MaturityIndex().score(rezim_b(), p).indeks
        with pytest.raises(ValidationError, match="survei: missing"):
            GeometricMean().score(rezim_b(), penilaian_b(2, survei=None))

    def test_batch_equals_single(self):
        """The float batch path gives exactly the decimal single path's values."""
        items = [penilaian_a({i.kode: (n * 3 + m) % 5 for m, i in enumerate(kasn().indikator)}) for n in range(40)]
        batch = meritsys.score_batch(items, "kasn-2019", strategy="geometric-mean")
        assert batch.indeks() == [GeometricMean().score(kasn(), p).indeks for p in items]

    def test_flagged_as_what_if(self):
        """A geometric result says it is not the regulation's aggregation."""
        assert any("what-if" in w for w in GeometricMean().score(kasn(), penilaian_a(3)).peringatan)


class TestWeakestAspectCap:
    def test_caps_category_not_index(self):
        """A weak aspect caps the category; the index stays the base strategy's."""
        p = penilaian_a(_with(4, a2=2))
        h = WeakestAspectCap().score(kasn(), p)
        assert (h.indeks, h.kategori.label) == (Decimal(380), "Kurang")
        assert h.strategi == "weakest-aspect-cap(weighted-sum)"
        assert "capped from Sangat Baik to Kurang" in h.peringatan[-1]
        assert h.ke_kategori_berikut is None
        assert {s.kode for s in h.saran} == {"2.1", "2.2", "2.3", "2.4"}

    def test_slack(self):
        """With one band of slack the cap sits one band above the weakest aspect."""
        h = WeakestAspectCap(selisih=1).score(kasn(), penilaian_a(_with(4, a2=2)))
        assert h.kategori.label == "Baik"

    def test_no_cap_when_even(self):
        """An even profile keeps the base category."""
        p = penilaian_a(3)
        assert WeakestAspectCap().score(kasn(), p).kategori == meritsys.score(p).kategori

    def test_regime_b_uses_aspect_maturity_levels(self):
        """In regime B the weakest aspect's maturity level caps the overall level."""
        p = penilaian_b(4, survei="1", override={"8.1": 0, "8.2": 1})
        h = WeakestAspectCap().score(rezim_b(), p)
        assert meritsys.score(p).kategori.label == "Tinggi"
        assert h.kategori.label == "Dasar"

    def test_batch_equals_single(self):
        """The batch path caps exactly as the single path."""
        items = [penilaian_a(_with(4, a2=n % 5, a6=(n * 2) % 5)) for n in range(25)]
        batch = WeakestAspectCap().score_batch(kasn(), meritsys.Kohort.from_penilaian(kasn(), items))
        assert batch.kategori_label() == [WeakestAspectCap().score(kasn(), p).kategori.label for p in items]

    def test_negative_slack_refused(self):
        """Negative slack is refused."""
        with pytest.raises(ValueError, match="selisih"):
            WeakestAspectCap(selisih=-1)


class TestGeometricMeanBatch:
    def test_regime_b_batch_equals_single(self):
        """Regime B geometric batch values equal the single path, survey and correction included."""
        items = [penilaian_b(lv, survei=s, koreksi=k) for lv, s, k in [(1, "0.3", "0"), (2, "0.55", "0.01"), (4, "1", "-0.02"), (3, "0.77", "0")]]
        batch = meritsys.score_batch(items, "permenpanrb-19-2025", strategy="geometric-mean")
        assert batch.indeks() == [GeometricMean().score(rezim_b(), p).indeks for p in items]

    def test_maturity_only_and_missing_survey(self):
        """Without a survey the geometric index needs the maturity-only option, on both paths."""
        items = [penilaian_b(2, survei=None)]
        with pytest.raises(ValidationError, match="survei: missing"):
            meritsys.score_batch(items, "permenpanrb-19-2025", strategy="geometric-mean")
        only = GeometricMean(hanya_maturitas=True)
        single = only.score(rezim_b(), items[0])
        assert single.hanya_maturitas
        assert only.score_batch(rezim_b(), meritsys.Kohort.from_penilaian(rezim_b(), items)).indeks() == [single.indeks]


class TestNotLinear:
    @pytest.mark.parametrize(
        "strategy", [GeometricMean(), WeakestAspectCap()], ids=["geometric-mean", "weakest-aspect-cap"]
    )
    def test_what_if_strategies_are_not_linear(self, strategy):
        """The what-if strategies are not linear: require_linear refuses them, naming the methods they lack."""
        assert not isinstance(strategy, LinearStrategy)
        with pytest.raises(IncompatibleStrategyError, match=r"does not offer linear_model and weight_model"):
            require_linear(strategy, "the planner")
