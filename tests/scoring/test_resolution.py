"""Resolving an assessment against its rubric: every bad answer, gate and missing answer named."""

from decimal import Decimal

import pytest

from meritsys import KebijakanKosong, ValidationError, WeightedSum, score
from meritsys.scoring import resolve
from tests.helpers import B, kasn, kasn_without_level_0, messages, penilaian_a, penilaian_b


class TestAssessmentErrors:
    def messages(self, p, **kw):
        with pytest.raises(ValidationError) as info:
            score(p, **kw)
        return info.value.messages

    def test_out_of_range_level(self):
        """A level outside the indicator's set is named with the allowed range."""
        levels = {i.kode: 3 for i in kasn().indikator}
        levels["3.2"] = 5
        assert self.messages(penilaian_a(levels)) == ('$.jawaban["3.2"]: level 5 is outside 0..4',)

    def test_unknown_code(self):
        """An answer to an unknown indicator is named."""
        levels = {i.kode: 3 for i in kasn().indikator} | {"9.9": 2}
        assert self.messages(penilaian_a(levels)) == ('$.jawaban["9.9"]: not an indicator of rubrik kasn-2019',)

    def test_missing_answer_without_policy(self):
        """A missing answer is an error when no policy is declared."""
        levels = {i.kode: 3 for i in kasn().indikator}
        del levels["2.1"]
        assert self.messages(penilaian_a(levels)) == (
            '$.jawaban["2.1"]: missing answer (levels 0..4); no missing-answer policy is declared',
        )

    @pytest.mark.parametrize(
        ("policy", "indeks"),
        [(KebijakanKosong.NOL, Decimal("292.5")), (KebijakanKosong.TERENDAH, Decimal("292.5"))],
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
        assert self.messages(penilaian_a(3), rubrik=B) == ("$.rubrik: the assessment is for 'kasn-2019', not 'permenpanrb-19-2025'",)

    def test_all_problems_at_once(self):
        """Every problem of an assessment is reported together."""
        levels = {i.kode: 3 for i in kasn().indikator} | {"1.1": 7, "x": 1}
        del levels["8.2"]
        assert len(self.messages(penilaian_a(levels))) == 3

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
        assert self.messages(penilaian_a(3, bukti={"1.9": ["x"]})) == ('$.bukti["1.9"]: not an indicator of rubrik kasn-2019',)


class TestResolution:
    def test_unknown_gate_on_a_rubric_without_gates(self):
        """A gate answer on a rubric without gates is named, saying there are none."""
        assert messages(score, penilaian_a(3, gerbang={"banjir": "ya"})) == (
            '$.gerbang["banjir"]: not a gate of rubrik kasn-2019; gates: none',
        )

    def test_gate_answered_by_code_and_alias(self):
        """A gate answered both by its code and by its worksheet alias is refused at the alias."""
        gates = {"kecelakaan_kerja": "tidak", "a6q4_kecelakaan_gate": "ya", "kematian": "tidak"}
        assert messages(score, penilaian_b(2, gerbang=gates)) == (
            '$.gerbang["a6q4_kecelakaan_gate"]: gate kecelakaan_kerja is answered twice (by code and alias)',
        )

    def test_indicator_answered_by_code_and_alias(self):
        """An indicator answered both by its code and by its worksheet alias is refused at the second key."""
        assert messages(score, penilaian_b(2, override={"a1q1": 3})) == (
            '$.jawaban["a1q1"]: indicator 1.1 is answered twice (by code and alias)',
        )

    def test_tidak_berlaku_policy_leaves_the_indicator_out(self):
        """Under 'tidak_berlaku' a missing answer is left out of the index, with a warning naming it."""
        p = penilaian_a({i.kode: 3 for i in kasn().indikator[1:]})
        res = resolve(kasn(), p, KebijakanKosong.TIDAK_BERLAKU)
        assert (res.level[0], res.diisi) == (None, frozenset({0}))
        hasil = WeightedSum(kebijakan_kosong=KebijakanKosong.TIDAK_BERLAKU).score(kasn(), p)
        assert hasil.indeks == Decimal(291)
        assert hasil.peringatan == ("1.1: no answer, counted as not applicable (kebijakan_kosong = tidak_berlaku)",)

    def test_nol_policy_where_level_0_is_not_allowed(self):
        """Under 'nol', a missing answer to an indicator without level 0 is an error that says why."""
        rubrik = kasn_without_level_0()
        p = penilaian_a({i.kode: 3 for i in rubrik.indikator[1:]})
        assert messages(WeightedSum(kebijakan_kosong=KebijakanKosong.NOL).score, rubrik, p) == (
            "$.jawaban[\"1.1\"]: missing answer, and the policy 'nol' cannot apply: level 0 is not allowed (levels 1..4)",
        )
        lowest = WeightedSum(kebijakan_kosong=KebijakanKosong.TERENDAH).score(rubrik, p)
        assert lowest.peringatan == ("1.1: no answer, counted as level 1 (kebijakan_kosong = terendah)",)
