"""The JPT quality index (jpt-2021) through the paths the merit rubrics take: score, batch, classify, plan, sensitivity."""

from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import meritsys
from meritsys import (
    GeometricMean,
    Kohort,
    MaturityIndex,
    ValidationError,
    WeakestAspectCap,
    score,
    score_many,
)
from meritsys.analysis import aspect_means, plan, sensitivity
from meritsys.io import read_penilaian
from meritsys.testing.generators import cohort
from meritsys.testing.properties import check_strategy
from tests.helpers import JPT, SATU_JPT, instansi, jpt, penilaian_jpt


def _contoh() -> meritsys.Penilaian:
    """The shipped example: Kabupaten Sukamaju, 2023, penetapan, with a 2.5-point deduction."""
    [p] = read_penilaian(SATU_JPT)
    return p


def _by_hand(p: meritsys.Penilaian) -> Decimal:
    """The index by hand: sum of weight x mean(level / 4) per dimension, plus the deduction, rounded half-up to 2 places."""
    total = Fraction(p.koreksi)
    for asp in jpt().aspek:
        levels = [p.jawaban[i.kode] for i in asp.indikator]
        total += Fraction(asp.bobot.nilai) * Fraction(sum(levels), 4 * len(levels))
    units = (2 * abs(total) * 100 + 1) // 2
    return Decimal(int(units) * (1 if total >= 0 else -1)).scaleb(-2)


class TestScore:
    def test_example_by_hand(self):
        """The shipped example scores 89.85 before and 87.35 after its 2.5-point deduction: Baik, 2.65 short of Sangat Baik."""
        p = _contoh()
        hasil = score(p)
        assert (hasil.indeks, hasil.kategori.label, hasil.strategi) == (Decimal("87.35"), "Baik", "maturity")
        assert hasil.indeks == _by_hand(p)
        assert score(attrs.evolve(p, koreksi=0)).indeks == Decimal("89.85")
        assert (hasil.ke_kategori_berikut.kategori.label, hasil.ke_kategori_berikut.kurang) == ("Sangat Baik", Decimal("2.65"))
        assert (hasil.koreksi, hasil.survei, hasil.peringatan) == (Decimal("-2.5"), None, ())

    def test_dimensions_on_the_index_scale(self):
        """Each dimension is reported as points of 100 with its fulfilment and its band."""
        hasil = score(_contoh())
        assert [(a.nama, str(a.nilai), str(a.maksimum), str(a.capaian), a.kategori.label) for a in hasil.aspek] == [
            ("Persiapan", "93.75", "100", "0.9375", "Sangat Baik"),
            ("Pelaksanaan", "90.00", "100", "0.9", "Sangat Baik"),
            ("Pelaporan", "91.67", "100", "0.9167", "Sangat Baik"),
            ("Inovasi", "83.33", "100", "0.8333", "Baik"),
        ]

    @pytest.mark.parametrize(("level", "indeks", "label"), [(0, "0.00", "Kurang"), (2, "50.00", "Kurang"), (3, "75.00", "Cukup"), (4, "100.00", "Sangat Baik")])
    def test_uniform_answers(self, level, indeks, label):
        """Every answer at one level gives that level's share of 100."""
        hasil = score(penilaian_jpt(level))
        assert (str(hasil.indeks), hasil.kategori.label) == (indeks, label)

    def test_no_survey_needed_and_an_unused_one_is_reported(self):
        """A JPT assessment needs no survey score; one given is reported as unused, never silently dropped."""
        assert score(penilaian_jpt(3)).peringatan == ()
        hasil = score(penilaian_jpt(3, survei="0.9"))
        assert hasil.indeks == Decimal("75.00")
        assert hasil.peringatan == ("survei 0.9 is not used: rubrik jpt-2021 gives the survey no weight (bobot_survei = 0)",)

    @pytest.mark.parametrize("koreksi", ["-10.01", "0.5", "-50"])
    def test_deduction_outside_its_range_is_refused_on_both_paths(self, koreksi):
        """A deduction below -10 or any bonus is an error at koreksi, on the single path and the batch path alike."""
        p = penilaian_jpt(3, koreksi=koreksi)
        message = f"{koreksi} is outside -10..0 (acuan), the range rubrik jpt-2021 declares for it (Pengaduan dan pelanggaran)"
        with pytest.raises(ValidationError) as single:
            score(p)
        assert single.value.messages == (f"$.koreksi: {message}",)
        with pytest.raises(ValidationError) as batch:
            meritsys.score_batch(Kohort.from_penilaian(jpt(), [penilaian_jpt(3), p]))
        assert batch.value.messages == (f"$[1].koreksi: {message}",)

    def test_deduction_can_drop_a_category(self):
        """A full deduction takes 10 points off: 98.00 Sangat Baik becomes 88.00 Baik; all at 4 it still leaves 90.00."""
        jawaban = {**{i.kode: 4 for i in jpt().indikator}, "2.1": 3}
        before, after = score(penilaian_jpt(jawaban)), score(penilaian_jpt(jawaban, koreksi="-10"))
        assert [(h.indeks, h.kategori.label) for h in (before, after)] == [(Decimal("98.00"), "Sangat Baik"), (Decimal("88.00"), "Baik")]
        top = score(penilaian_jpt(4, koreksi="-10"))
        assert (top.indeks, top.kategori.label) == (Decimal("90.00"), "Sangat Baik")

    def test_a_weighted_sum_cannot_score_it(self):
        """The regime A strategy refuses the JPT rubric (it weighs dimensions) and names the rubric's own."""
        with pytest.raises(meritsys.IncompatibleStrategyError, match=r"rubrik jpt-2021 weighs aspects \(use its strategy 'maturity'"):
            score(penilaian_jpt(3), strategy="weighted-sum")


class TestBatch:
    @given(items=cohort(JPT, max_size=12, koreksi_besar=True, dengan_survei=None), pick=st.integers(0, 2))
    def test_batch_equals_single(self, items, pick):
        """On random JPT cohorts every built-in strategy gives the same indices and categories in batch as one by one."""
        strategy = (MaturityIndex(), GeometricMean(), WeakestAspectCap())[pick]
        r = jpt()
        single = [strategy.score(r, p) for p in items]
        batch = strategy.score_batch(r, Kohort.from_penilaian(r, items))
        assert batch.indeks() == [h.indeks for h in single]
        assert [batch.labels[int(k)].label for k in batch.kategori] == [h.kategori.label for h in single]

    @given(items=cohort(JPT, max_size=10, koreksi_besar=True))
    def test_score_many_and_kohort_equal_score(self, items):
        """score_many and Kohort.score give what score gives for each assessment."""
        single = [score(p) for p in items]
        assert [h.indeks for h in score_many(items)] == [h.indeks for h in single]
        skor = Kohort.from_penilaian(jpt(), items).score(jpt())
        assert skor.indeks() == [h.indeks for h in single]

    def test_property_suite(self):
        """The maturity strategy passes meritsys.testing's property suite on jpt-2021."""
        check_strategy(MaturityIndex(), jpt(), max_examples=20)

    def test_aspect_means_on_the_index_scale(self):
        """Cohort means of the dimensions are points of 100."""
        items = [penilaian_jpt(4, instansi=instansi(kode="a")), penilaian_jpt(2, instansi=instansi(kode="b"))]
        means = aspect_means(Kohort.from_penilaian(jpt(), items), jpt())
        assert means.nilai().tolist() == [[75.0, 75.0, 75.0, 75.0]]
        assert means.capaian().tolist() == [[0.75, 0.75, 0.75, 0.75]]


class TestPlanAndSensitivity:
    def test_plan_reaches_sangat_baik(self):
        """The planner raises the two 2-point steps of Pelaksanaan: 87.35 -> 91.35, Sangat Baik."""
        rencana = plan(_contoh(), "Sangat Baik")
        assert rencana.tercapai
        assert [(s.kode, s.dari, s.ke) for s in rencana.langkah] == [("2.2", 3, 4), ("2.5", 3, 4)]
        assert (rencana.akhir.indeks, rencana.akhir.kategori.label) == (Decimal("91.35"), "Sangat Baik")

    def test_plan_to_a_value(self):
        """A numeric target on the 0-100 scale works as for the merit rubrics."""
        rencana = plan(_contoh(), Decimal("88"))
        assert rencana.tercapai
        assert rencana.akhir.indeks >= Decimal("88")

    def test_sensitivity_redraws_the_dimension_weights(self):
        """The sensitivity analysis redraws the four dimension weights around 25/40/15/20."""
        items = [penilaian_jpt(level, instansi=instansi(kode=f"k{level}"), koreksi="-1") for level in range(5)]
        hasil = sensitivity(jpt(), items, draws=50, seed=1)
        assert [p.kode for p in hasil.pengaruh]
        assert {p.kode for p in hasil.pengaruh} <= {"1", "2", "3", "4"}
