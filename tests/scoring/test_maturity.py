"""MaturityIndex: the regime B index (NISM), built on AspectLinear."""

from decimal import Decimal

import attrs
import pytest

from meritsys import AspectLinear, Kohort, LinearStrategy, MaturityIndex, ValidationError, score
from tests.helpers import items_b, penilaian_b, rezim_b


class TestMaturityIndex:
    def test_all_four_and_full_survey(self):
        """Every applicable answer at 4 with survey 1 and koreksi 0 gives 1.00, Tinggi."""
        hasil = score(penilaian_b(4, survei="1", gerbang={"kecelakaan_kerja": "ya", "kematian": "ya"}))
        assert (hasil.indeks, hasil.kategori.label) == (Decimal("1.00"), "Tinggi")
        assert all(a.kategori.label == "Tinggi" for a in hasil.aspek)

    def test_all_two_and_half_survey(self):
        """Every answer at 2 with survey 0.5 gives 0.50, Lanjutan."""
        hasil = score(penilaian_b(2, survei="0.5"))
        assert (hasil.indeks, hasil.kategori.label) == (Decimal("0.50"), "Lanjutan")

    def test_kabupaten_answers_variant_b(self):
        """A kabupaten answers 4.1b; answering 4.1a is an error naming why."""
        assert score(penilaian_b(2, jenis="kabupaten")).indeks == Decimal("0.50")
        p = penilaian_b(2, jenis="kabupaten", override={"4.1a": 2})
        with pytest.raises(ValidationError) as info:
            score(p)
        assert info.value.messages == (
            '$.jawaban["4.1a"]: does not apply to a kabupaten (only to kementerian, lembaga, lembaga_negara, provinsi); leave it out',
        )

    def test_province_answers_variant_a(self):
        """A province answers 4.1a and must not answer 4.1b."""
        p = penilaian_b(2, jenis="provinsi")
        assert "4.1a" in p.jawaban
        assert "4.1b" not in p.jawaban
        assert score(p).kategori.label == "Lanjutan"

    def test_gated_out_question_is_left_out_not_zero(self):
        """A question gated out is left out of its aspect's mean, not counted as 0."""
        closed = penilaian_b(4, gerbang={"kecelakaan_kerja": "tidak", "kematian": "tidak"})
        hasil = score(closed)
        aspek6 = next(a for a in hasil.aspek if a.kode == "6")
        assert aspek6.nilai == Decimal("1.00")
        na = {k.kode: k for k in hasil.kontribusi if not k.berlaku}
        assert set(na) == {"4.1a", "6.4b", "6.4c"}
        assert all(k.level is None and k.nilai == 0 for k in na.values())

    def test_answering_a_gated_out_question_is_an_error(self):
        """Answering a question whose gate is closed is an error."""
        p = penilaian_b(2, override={"6.4b": 3})
        with pytest.raises(ValidationError, match=r'jawaban\["6.4b"\]: does not apply: gate kecelakaan_kerja is \'tidak\''):
            score(p)

    def test_missing_gate_answer(self):
        """A gate that decides applicability must be answered; its dependants are not judged meanwhile."""
        p = penilaian_b(2, gerbang={"kecelakaan_kerja": "tidak", "kematian": "ya"})
        p = attrs.evolve(p, gerbang={"kecelakaan_kerja": "tidak"})
        with pytest.raises(ValidationError) as info:
            score(p)
        assert info.value.messages == ('$.gerbang["kematian"]: missing: answer \'ya\', \'tidak\' (Ada pegawai meninggal dalam 2 tahun terakhir?)',)

    def test_gate_alias_and_bad_answer(self):
        """Gate answers may use the worksheet's ids; an unknown answer lists the allowed ones."""
        p = penilaian_b(2, gerbang={"a6q4_kecelakaan_gate": "tidak", "kematian": "tidak"})
        assert score(p).indeks == Decimal("0.50")
        p = penilaian_b(2, gerbang={"kecelakaan_kerja": "mungkin", "kematian": "tidak"})
        with pytest.raises(ValidationError) as info:
            score(p)
        assert info.value.messages == ('$.gerbang["kecelakaan_kerja"]: \'mungkin\' is not an answer; one of \'ya\', \'tidak\'',)

    def test_missing_survey_is_an_error(self):
        """A missing survey score is an error unless a maturity-only index is asked for."""
        p = penilaian_b(2, survei=None)
        with pytest.raises(ValidationError, match=r"\$\.survei: missing"):
            score(p)
        hasil = MaturityIndex(hanya_maturitas=True).score(rezim_b(), p)
        assert (hasil.indeks, hasil.hanya_maturitas) == (Decimal("0.50"), True)
        assert any("maturity-only" in w for w in hasil.peringatan)

    def test_koreksi_and_rounding(self):
        """The correction is added before rounding half-up to two decimals."""
        assert score(penilaian_b(2, survei="0.5", koreksi="-0.095")).indeks == Decimal("0.41")
        assert score(penilaian_b(2, survei="0.5", koreksi="-0.0951")).indeks == Decimal("0.40")

    def test_uneven_mean(self):
        """An aspect mean that does not terminate is kept exact until the final rounding."""
        r = rezim_b()
        p = penilaian_b(2, override={"1.1": 3})  # aspect 1 mean 7/3 -> maturity 7/12
        hasil = score(p)
        assert hasil.aspek[0].nilai == Decimal("0.58")
        # 0.75 * (0.1 * 7/12 + 0.9 * 0.5) + 0.25 * 0.5 = 0.50625 -> 0.51
        assert hasil.indeks == Decimal("0.51")
        assert r.aspek[0].bobot.nilai == Decimal("0.10")

    def test_next_category_distance(self):
        """The distance to the next maturity band is reported in index units."""
        hasil = score(penilaian_b(2, survei="0.5"))
        assert (hasil.ke_kategori_berikut.kategori.label, hasil.ke_kategori_berikut.kurang) == ("Menengah", Decimal("0.11"))


class _OwnAspectWeights(AspectLinear):
    """An AspectLinear strategy weighing each aspect by the rubric's own aspect weight, as NISM does."""

    @property
    def name(self):
        return "bobot-sendiri"

    def aspect_weights(self, rubrik):
        return [a.bobot.nilai for a in rubrik.aspek]


class TestBuiltOnAspectLinear:
    def test_is_a_linear_aspect_strategy(self):
        """MaturityIndex is an AspectLinear and offers what the planner and the sensitivity analysis need."""
        assert isinstance(MaturityIndex(), AspectLinear)
        assert isinstance(MaturityIndex(), LinearStrategy)

    @pytest.mark.parametrize("hanya_maturitas", [False, True], ids=["with-survey", "maturity-only"])
    def test_identical_to_the_aspect_linear_strategy_of_the_rubrics_weights(self, hanya_maturitas):
        """Every result equals that of an AspectLinear subclass weighing aspects as the rubric does, on both paths."""
        items = items_b(24, seed=5)
        ours, theirs = MaturityIndex(hanya_maturitas=hanya_maturitas), _OwnAspectWeights(hanya_maturitas=hanya_maturitas)
        for p in items:
            a, b = ours.score(rezim_b(), p), theirs.score(rezim_b(), p)
            assert (a.indeks, a.kategori, a.aspek, a.kontribusi, a.saran, a.ke_kategori_berikut, a.peringatan) == (
                b.indeks, b.kategori, b.aspek, b.kontribusi, b.saran, b.ke_kategori_berikut, b.peringatan
            )
        kohort = Kohort.from_penilaian(rezim_b(), items)
        batch = ours.score_batch(rezim_b(), kohort)
        assert batch.indeks() == theirs.score_batch(rezim_b(), kohort).indeks() == [ours.score(rezim_b(), p).indeks for p in items]
        assert batch.kategori_label() == [ours.score(rezim_b(), p).kategori.label for p in items]
