"""The batch path: a cohort scored at once, exactly as the single path scores each row."""

from decimal import Decimal

import attrs
import numpy as np
import pytest

from meritsys import (
    KebijakanKosong,
    Kohort,
    MaturityIndex,
    Reform,
    RubrikRef,
    ValidationError,
    WeightedSum,
    rubrik_sha256,
    score,
    score_batch,
    score_many,
)
from meritsys.scoring import KOSONG, TIDAK_BERLAKU
from tests.helpers import KASN, B, kasn, penilaian_a, penilaian_b, rezim_b


class TestBatch:
    @pytest.mark.parametrize("policy", [KebijakanKosong.GALAT, KebijakanKosong.NOL], ids=["galat", "nol"])
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
            WeightedSum(kebijakan_kosong=policy).score_batch(rubrik, Kohort.from_arrays(rubrik, levels))
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

    def test_arrays_with_missing_cells(self):
        """A cohort from raw arrays with missing cells is scored under an explicit policy and refused without one."""
        n = len(kasn().indikator)
        arr = np.full((2, n), 2, dtype=np.int8)
        arr[1, 0] = KOSONG
        with pytest.raises(ValidationError, match=r'\[1\]\["1.1"\]: missing answer'):
            score_batch(Kohort.from_arrays(kasn(), arr), KASN)
        filled = WeightedSum(kebijakan_kosong=KebijakanKosong.NOL).score_batch(kasn(), Kohort.from_arrays(kasn(), arr))
        assert filled.indeks() == [Decimal(200), Decimal(194)]

    def test_arrays_with_bad_cells_are_refused(self):
        """Out-of-range levels and -1 on an indicator that applies are named by row and code."""
        n = len(kasn().indikator)
        arr = np.full((3, n), 2, dtype=np.int8)
        arr[0, 3] = 9
        arr[2, 5] = TIDAK_BERLAKU
        with pytest.raises(ValidationError) as info:
            score_batch(Kohort.from_arrays(kasn(), arr), KASN)
        assert info.value.messages == (
            '$[0]["1.4"]: level 9 is outside 0..4',
            '$[2]["2.2"]: not applicable (-1) is not allowed: the indicator applies to this row; give its level, or -2 for a missing answer',
        )

    def test_wrong_column_count(self):
        """Answers whose width is not the rubric's indicator count are refused, and so is a cohort laid out for other indicators."""
        with pytest.raises(ValidationError, match=r"must be \(N, 37\), got shape \(2, 3\)"):
            score_batch(Kohort.from_arrays(kasn(), np.ones((2, 3), dtype=np.int8)), KASN)
        fewer = Reform("ohne-8-2", {"indikator.8.1.bobot": "3.5"}, hapus_indikator=["8.2"]).apply(kasn())
        with pytest.raises(ValidationError, match="the cohort's columns are not the indicators"):
            score_batch(Kohort.from_arrays(kasn(), np.ones((2, 37), dtype=np.int8)), fewer)

    def test_from_penilaian_reports_rows(self):
        """Building a cohort reports each bad assessment at its row."""
        bad = attrs.evolve(penilaian_a(3), jawaban={"1.1": 9})
        with pytest.raises(ValidationError) as info:
            Kohort.from_penilaian(kasn(), [penilaian_a(3), bad])
        assert info.value.messages[0] == '$[1].jawaban["1.1"]: level 9 is outside 0..4'

    def test_batch_missing_survey(self):
        """Regime B batch needs a survey per row unless maturity-only is asked for."""
        items = [penilaian_b(2), penilaian_b(2, survei=None)]
        with pytest.raises(ValidationError, match=r"\$\[1\]\.survei: missing"):
            score_batch(items, B)
        only = MaturityIndex(hanya_maturitas=True).score_batch(rezim_b(), Kohort.from_penilaian(rezim_b(), items))
        assert only.indeks() == [Decimal("0.50"), Decimal("0.50")]

    def test_scores_carry_the_rubric_reference(self):
        """A SkorBatch records the rubric it was scored against as a RubrikRef; rubrik_id still names it."""
        skor = score_batch([penilaian_a(3)], KASN)
        assert skor.rubrik == RubrikRef(KASN, rubrik_sha256(kasn()), ())
        assert skor.rubrik_id == KASN
        reformed = Reform("baik-260", {"kategori.Baik.batas_bawah": "260", "kategori.Kurang.batas_atas": "259"}).apply(kasn())
        again = score_batch([penilaian_a(3)], reformed)
        assert (again.rubrik.id, again.rubrik.reform) == (KASN, ("baik-260",))
        assert again.rubrik.sha256 == rubrik_sha256(reformed) != skor.rubrik.sha256
