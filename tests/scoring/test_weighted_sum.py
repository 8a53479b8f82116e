"""WeightedSum: the regime A index, the sum of bobot times level, exactly."""

from decimal import Decimal

import pytest

import meritsys
from meritsys import LinearStrategy, WeightedSum, score
from meritsys.scoring import weight_unit
from tests.helpers import KASN, kasn, penilaian_a, penilaian_b, rezim_b


class TestWeightedSum:
    @pytest.mark.parametrize(("level", "indeks"), [(1, 100), (4, 400), (0, 0), (2, 200)], ids=["all-1", "all-4", "all-0", "all-2"])
    def test_uniform_answers(self, level, indeks):
        """All answers at one level give exactly level x 100."""
        assert score(penilaian_a(level)).indeks == Decimal(indeks)

    def test_aspect_values_and_maxima(self):
        """All answers at 4 fill every aspect to its maximum."""
        hasil = score(penilaian_a(4))
        assert [(a.nilai, a.maksimum, a.capaian) for a in hasil.aspek] == [
            (Decimal(m), Decimal(m), Decimal(1)) for m in (40, 40, 130, 40, 80, 40, 10, 20)
        ]

    def test_contributions_add_up_to_index(self):
        """Per-indicator contributions add up to the index and to each aspect's value."""
        levels = {i.kode: n % 5 for n, i in enumerate(kasn().indikator)}
        hasil = score(penilaian_a(levels))
        assert sum(k.nilai for k in hasil.kontribusi) == hasil.indeks
        for a in hasil.aspek:
            assert sum(k.nilai for k in hasil.kontribusi if k.aspek == a.kode) == a.nilai

    def test_half_point_index_and_distance(self):
        """A half-point index is kept exactly and the distance to the next band is exact."""
        levels = {i.kode: 3 for i in kasn().indikator}
        levels["3.6"] = 2  # bobot 3.5
        hasil = score(penilaian_a(levels))
        assert hasil.indeks == Decimal("296.5")
        assert (hasil.kategori.label, hasil.ke_kategori_berikut.kategori.label, hasil.ke_kategori_berikut.kurang) == (
            "Baik", "Sangat Baik", Decimal("28.5"),
        )

    def test_suggestions_rank_by_gain(self):
        """Suggestions list the indicators whose next level adds the most, best first."""
        hasil = score(penilaian_a(2))
        gains = [s.tambahan for s in hasil.saran]
        assert gains == sorted(gains, reverse=True)
        assert (hasil.saran[0].kode, hasil.saran[0].tambahan) == ("5.1", Decimal(5))
        assert all(s.level_berikut == s.level_sekarang + 1 for s in hasil.saran)

    def test_no_suggestion_at_top_level(self):
        """At level 4 everywhere there is nothing to suggest and no next category."""
        hasil = score(penilaian_a(4))
        assert hasil.saran == ()
        assert hasil.ke_kategori_berikut is None

    def test_below_scale_is_flagged(self):
        """An index below 100 is classified Buruk, flagged and warned about."""
        hasil = score(penilaian_a(0))
        assert (hasil.kategori.label, hasil.di_luar_skala) == ("Buruk", True)
        assert any("outside the published scale" in w for w in hasil.peringatan)

    def test_provenance(self):
        """A result records the rubric id and hash, strategy and version."""
        import meritsys

        hasil = score(penilaian_a(3))
        assert hasil.rubrik.id == KASN
        assert hasil.rubrik.sha256 == meritsys.rubrik_sha256(kasn())
        assert (hasil.strategi, hasil.versi) == ("weighted-sum", meritsys.__version__)

    def test_unused_regime_b_inputs_are_reported(self):
        """A survey or correction on a regime A assessment is reported as unused, not dropped silently."""
        hasil = score(penilaian_a(3, survei="0.7", koreksi="1"))
        assert hasil.indeks == Decimal(300)
        assert "survei 0.7 is not used by the weighted sum (a regime B input)" in hasil.peringatan
        assert "koreksi 1 is not used by the weighted sum (a regime B input)" in hasil.peringatan

    def test_weight_unit(self):
        """The index resolution of kasn-2019 is half a point."""
        assert weight_unit(kasn()) == Decimal("0.5")

    def test_refuses_aspect_weighted_rubric(self):
        """WeightedSum names the right strategy when given a regime B rubric."""
        with pytest.raises(meritsys.IncompatibleStrategyError, match="use its strategy 'maturity'"):
            WeightedSum().score(rezim_b(), penilaian_b())

    def test_is_a_linear_strategy(self):
        """WeightedSum offers the linear model the planner and the sensitivity analysis need."""
        assert isinstance(WeightedSum(), LinearStrategy)
        model = WeightedSum().linear_model(kasn(), penilaian_a(3))
        assert (model.awal, model.gain[0]) == (300, kasn().indikator[0].bobot.nilai)
