from decimal import Decimal

import attrs
import numpy as np
import pytest

import meritsys
from meritsys import (
    AnswerMatrix,
    KebijakanKosong,
    MaturityIndex,
    Penilaian,
    ValidationError,
    WeightedSum,
    classify,
    score,
    score_batch,
    score_many,
)
from meritsys.scoring import KOSONG, TIDAK_BERLAKU, get_strategy, list_strategies, weight_unit
from meritsys.scoring._registry import PluginError
from tests.helpers import KASN, B, instansi, kasn, penilaian_a, penilaian_b, rezim_b


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
        levels["3.5"] = 2  # bobot 4.5
        hasil = score(penilaian_a(levels))
        assert hasil.indeks == Decimal("295.5")
        assert (hasil.kategori.label, hasil.ke_kategori_berikut.kategori.label, hasil.ke_kategori_berikut.kurang) == (
            "Baik", "Sangat Baik", Decimal("29.5"),
        )

    def test_suggestions_rank_by_gain(self):
        """Suggestions list the indicators whose next level adds the most, best first."""
        hasil = score(penilaian_a(2))
        gains = [s.tambahan for s in hasil.saran]
        assert gains == sorted(gains, reverse=True)
        assert (hasil.saran[0].kode, hasil.saran[0].tambahan) == ("5.1", Decimal(7))
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


class TestAssessmentErrors:
    def _messages(self, p, **kw):
        with pytest.raises(ValidationError) as info:
            score(p, **kw)
        return info.value.messages

    def test_out_of_range_level(self):
        """A level outside the indicator's set is named with the allowed range."""
        levels = {i.kode: 3 for i in kasn().indikator}
        levels["3.2"] = 5
        assert self._messages(penilaian_a(levels)) == ('$.jawaban["3.2"]: level 5 is outside 0..4',)

    def test_unknown_code(self):
        """An answer to an unknown indicator is named."""
        levels = {i.kode: 3 for i in kasn().indikator} | {"9.9": 2}
        assert self._messages(penilaian_a(levels)) == ('$.jawaban["9.9"]: not an indicator of rubrik kasn-2019',)

    def test_missing_answer_without_policy(self):
        """A missing answer is an error when no policy is declared."""
        levels = {i.kode: 3 for i in kasn().indikator}
        del levels["2.1"]
        assert self._messages(penilaian_a(levels)) == (
            '$.jawaban["2.1"]: missing answer (levels 0..4); no missing-answer policy is declared',
        )

    @pytest.mark.parametrize(
        ("policy", "indeks"),
        [(KebijakanKosong.NOL, Decimal(288)), (KebijakanKosong.TERENDAH, Decimal(288))],
        ids=["nol", "terendah"],
    )
    def test_missing_answer_with_policy(self, policy, indeks):
        """A declared policy fills the missing answer, and the result says so."""
        levels = {i.kode: 3 for i in kasn().indikator}
        del levels["2.1"]
        hasil = WeightedSum(kebijakan_kosong=policy).score(kasn(), penilaian_a(levels))
        assert hasil.indeks == indeks
        filled = [k for k in hasil.kontribusi if k.diisi_kebijakan]
        assert [(k.kode, k.level) for k in filled] == [("2.1", 0)]
        assert any("2.1: no answer" in w for w in hasil.peringatan)

    def test_wrong_rubrik(self):
        """Scoring an assessment under another rubric is refused."""
        assert self._messages(penilaian_a(3), rubrik=B) == ("$.rubrik: the assessment is for 'kasn-2019', not 'permenpanrb-19-2025'",)

    def test_all_problems_at_once(self):
        """Every problem of an assessment is reported together."""
        levels = {i.kode: 3 for i in kasn().indikator} | {"1.1": 7, "x": 1}
        del levels["8.2"]
        assert len(self._messages(penilaian_a(levels))) == 3

    def test_evidence_warning_only_when_tracking_evidence(self):
        """Regime B answers above 0 without evidence are warned about only when the assessment lists evidence."""
        assert not any("bukti" in w for w in score(penilaian_b(2)).peringatan)
        hasil = score(penilaian_b(2, bukti={"1.1": ["SK 1/2026"]}))
        assert "1.2: level 2 has no bukti dukung listed" in hasil.peringatan
        assert not any(w.startswith("1.1:") for w in hasil.peringatan)

    def test_kasn_declares_no_evidence_rule(self):
        """kasn-2019 marks no evidence rule (unknown for the KASN instrument), so it never warns."""
        assert not any("bukti" in w for w in score(penilaian_a(3, bukti={"1.1": ["SK 1/2023"]})).peringatan)

    def test_evidence_for_unknown_code(self):
        """Evidence filed under an unknown code is an error, not silently dropped."""
        assert self._messages(penilaian_a(3, bukti={"1.9": ["x"]})) == ('$.bukti["1.9"]: not an indicator of rubrik kasn-2019',)


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


class TestClassify:
    @pytest.mark.parametrize(
        ("value", "label"),
        [("249.5", "Kurang"), ("250", "Baik"), ("324.5", "Baik"), ("325", "Sangat Baik"), ("174.5", "Buruk"), ("175", "Kurang")],
    )
    def test_kasn_boundaries(self, value, label):
        """Half points in the gaps of the published ranges fall to the lower band."""
        assert classify(value, KASN).kategori.label == label

    @pytest.mark.parametrize(("value", "label"), [("65.5", "Buruk"), ("405", "Sangat Baik"), (-3, "Buruk")])
    def test_out_of_scale_is_classified_and_flagged(self, value, label):
        """Values outside 100..400 are still classified, and flagged."""
        k = classify(value, KASN)
        assert (k.kategori.label, k.di_luar_skala) == (label, True)

    @pytest.mark.parametrize("value", ["nan", "inf", "-Infinity", "abc", None, True, float("nan")])
    def test_non_numbers_are_errors(self, value):
        """NaN, infinities and non-numbers are a ValidationError."""
        with pytest.raises(ValidationError):
            classify(value, KASN)

    @pytest.mark.parametrize(
        ("value", "label"),
        [("0.40", "Dasar"), ("0.404", "Dasar"), ("0.405", "Lanjutan"), ("0.41", "Lanjutan"), ("1.00", "Tinggi"), ("1.004", "Tinggi"), ("1.005", "Maju")],
    )
    def test_regime_b_rounds_then_bands(self, value, label):
        """Regime B values are rounded half-up to 2 decimals before banding."""
        assert classify(value, B).kategori.label == label

    def test_float_input(self):
        """A float is read by its shortest decimal representation."""
        assert classify(249.5, KASN).kategori.label == "Kurang"


class TestBatch:
    @pytest.mark.parametrize("policy", [KebijakanKosong.GALAT, KebijakanKosong.NOL])
    def test_unresolved_missing_answer_reads_as_on_the_single_path(self, policy):
        """A missing answer the policy cannot fill is explained in the same words by both paths."""
        rubrik = kasn()
        if policy is KebijakanKosong.NOL:  # an indicator without level 0
            first = rubrik.aspek[0]
            ind = attrs.evolve(first.indikator[0], level=first.indikator[0].level[1:])
            rubrik = attrs.evolve(rubrik, aspek=(attrs.evolve(first, indikator=(ind, *first.indikator[1:])), *rubrik.aspek[1:]))
        jawaban = {i.kode: 3 for i in rubrik.indikator[1:]}
        with pytest.raises(ValidationError) as single:
            WeightedSum(kebijakan_kosong=policy).score(rubrik, penilaian_a(jawaban))
        levels = np.full((1, len(rubrik.indikator)), 3, dtype=np.int8)
        levels[0, 0] = KOSONG
        with pytest.raises(ValidationError) as batch:
            WeightedSum(kebijakan_kosong=policy).score_batch(rubrik, AnswerMatrix.from_arrays(levels))
        (one,), (many,) = single.value.messages, batch.value.messages
        assert one.startswith('$.jawaban["1.1"]: missing answer')
        assert many.startswith('$[0]["1.1"]: missing answer')
        assert one.split(": ", 1)[1] == many.split(": ", 1)[1]

    def test_matches_single_path(self):
        """Batch scoring gives the single path's exact values and categories."""
        items = [penilaian_a({i.kode: (n * 7 + m) % 5 for m, i in enumerate(kasn().indikator)}) for n in range(30)]
        batch = score_batch(items, KASN)
        singles = score_many(items)
        assert batch.indeks() == [h.indeks for h in singles]
        assert batch.kategori_label() == [h.kategori.label for h in singles]
        assert list(batch.di_luar_skala) == [h.di_luar_skala for h in singles]

    def test_regime_b_matches_single_path(self):
        """Regime B batch values equal the single path, gates and corrections included."""
        items = [
            penilaian_b(lv, jenis=j, survei=s, koreksi=k, gerbang={"kecelakaan_kerja": g, "kematian": "ya"})
            for lv, j, s, k, g in [(0, "kota", "0.1", "0", "ya"), (3, "kementerian", "0.77", "-0.01", "tidak"), (4, "provinsi", "1", "0.003", "ya"), (1, "lembaga", "0.333", "0", "tidak")]
        ]
        batch = score_batch(items, B)
        assert batch.indeks() == [score(p).indeks for p in items]

    def test_raw_matrix_with_missing_cells(self):
        """A raw matrix with missing cells is scored under an explicit policy and refused without one."""
        n = len(kasn().indikator)
        arr = np.full((2, n), 2, dtype=np.int8)
        arr[1, 0] = KOSONG
        with pytest.raises(ValidationError, match=r'\[1\]\["1.1"\]: missing answer'):
            score_batch(AnswerMatrix.from_arrays(arr), KASN)
        filled = WeightedSum(kebijakan_kosong=KebijakanKosong.NOL).score_batch(kasn(), AnswerMatrix.from_arrays(arr))
        assert filled.indeks() == [Decimal(200), Decimal(190)]

    def test_raw_matrix_rejects_bad_cells(self):
        """Out-of-range levels and -1 on an always-applicable indicator are named by row and code."""
        n = len(kasn().indikator)
        arr = np.full((3, n), 2, dtype=np.int8)
        arr[0, 3] = 9
        arr[2, 5] = TIDAK_BERLAKU
        with pytest.raises(ValidationError) as info:
            score_batch(AnswerMatrix.from_arrays(arr), KASN)
        assert info.value.messages == (
            '$[0]["2.1"]: level 9 is outside 0..4',
            '$[2]["3.1"]: not applicable (-1) is not allowed: the indicator always applies',
        )

    def test_wrong_column_count(self):
        """A matrix whose width is not the rubric's indicator count is refused."""
        with pytest.raises(ValidationError, match="has 3 columns"):
            score_batch(AnswerMatrix.from_arrays(np.ones((2, 3), dtype=np.int8)), KASN)

    def test_from_penilaian_reports_rows(self):
        """Building a matrix reports each bad assessment at its row."""
        bad = attrs.evolve(penilaian_a(3), jawaban={"1.1": 9})
        with pytest.raises(ValidationError) as info:
            AnswerMatrix.from_penilaian(kasn(), [penilaian_a(3), bad])
        assert info.value.messages[0] == '$[1].jawaban["1.1"]: level 9 is outside 0..4'

    def test_batch_missing_survey(self):
        """Regime B batch needs a survey per row unless maturity-only is asked for."""
        items = [penilaian_b(2), penilaian_b(2, survei=None)]
        with pytest.raises(ValidationError, match=r"\$\[1\]\.survei: missing"):
            score_batch(items, B)
        only = MaturityIndex(hanya_maturitas=True).score_batch(rezim_b(), AnswerMatrix.from_penilaian(rezim_b(), items))
        assert only.indeks() == [Decimal("0.50"), Decimal("0.50")]


class TestRegistry:
    def test_builtins(self):
        """The built-in strategies are listed and selectable by name."""
        assert {"maturity", "weighted-sum"} <= set(list_strategies())
        assert isinstance(get_strategy("maturity"), MaturityIndex)

    def test_unknown(self):
        """An unknown strategy name lists the available ones."""
        with pytest.raises(PluginError, match=r"available: .*weighted-sum"):
            get_strategy("median")


class TestModelValidation:
    def test_penilaian_rejects_bad_values(self):
        """Model constructors reject wrong types with the field's path."""
        with pytest.raises(ValidationError, match=r'\$\.jawaban\["1.1"\]: must be a whole-number level'):
            Penilaian(instansi(), 2023, KASN, {"1.1": "3"})
        with pytest.raises(ValidationError, match=r"^\$\.tahun: must lie in 2000\.\.2100, got 23$"):
            Penilaian(instansi(), 23, KASN, {})
        with pytest.raises(ValidationError, match="is a float; pass the number as a string"):
            Penilaian(instansi(), 2023, B, {}, survei=0.5)
        with pytest.raises(ValidationError, match=r"^\$\.survei: must lie in 0\.\.1, got 1\.2$"):
            Penilaian(instansi(), 2023, B, {}, survei="1.2")
        with pytest.raises(ValidationError, match="'final' is not one of"):
            Penilaian(instansi(), 2023, B, {}, tahap="final")
        with pytest.raises(ValidationError, match="'desa' is not one of"):
            instansi("desa")

    def test_penilaian_is_frozen_and_hashable(self):
        """Assessments are immutable values: equal content, equal hash."""
        a, b = penilaian_a(3), penilaian_a(3)
        assert a == b
        assert hash(a) == hash(b)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            a.tahun = 2024  # type: ignore[misc]
        with pytest.raises(TypeError):
            a.jawaban["1.1"] = 4  # type: ignore[index]
