"""Comparing a baseline and a reform over a cohort: who changes category, the transition matrix, the summary."""

from decimal import Decimal

import attrs
import pytest

import meritsys
from meritsys import ValidationError
from meritsys.policy import Reform, compare, load_reform
from tests.helpers import KOHORT_A, KOHORT_B, REFORM, kasn, rezim_b

KOHORT = KOHORT_A


class TestCompare:
    def test_demo_reform_moves_exactly_one(self):
        """The example reform moves exactly the agency pushed below the new Baik threshold."""
        base = kasn()
        cohort = meritsys.read_penilaian(KOHORT)
        result = compare(base, load_reform(REFORM).apply(base), cohort)
        moved = result.changed()
        assert [(b.instansi.kode, b.indeks_lama, b.indeks_baru, b.kategori_baru.label, b.arah) for b in moved] == [
            ("kementerian-ilustrasi", Decimal(261), Decimal(259), "Kurang", "turun"),
        ]
        assert result.transisi[2][1] == 1
        assert sum(map(sum, result.transisi)) == len(cohort)
        summary = result.summary()
        assert (summary["jumlah"], summary["berubah"], summary["turun"]) == (12, 1, 1)
        # scoring under the baseline in the same process still gives the old results
        assert meritsys.score(cohort[9], base).kategori.label == "Baik"

    def test_rows_match_single_path(self):
        """Every comparison row equals scoring the assessment alone under each rubric."""
        base = kasn()
        new = load_reform(REFORM).apply(base)
        cohort = meritsys.read_penilaian(KOHORT)
        for row, p in zip(compare(base, new, cohort).baris, cohort, strict=True):
            assert row.indeks_lama == meritsys.score(p, base).indeks
            assert row.indeks_baru == meritsys.score(p, new).indeks

    def test_different_rubrics_refused(self):
        """Comparing two unrelated rubrics is refused."""
        with pytest.raises(ValidationError, match="different rubrics"):
            compare(kasn(), rezim_b(), [])


class TestCompareRemovedIndicators:
    def test_answers_to_removed_indicators_are_left_out_with_a_note(self):
        """A reform that removes an indicator compares without it, and the comparison says so."""
        base = kasn()
        reform = Reform(
            "tanpa-8-2", {"indikator.8.1.bobot": "3.5"}, hapus_indikator=["8.2"]
        ).apply(base)
        cohort = meritsys.read_penilaian(KOHORT)
        result = compare(base, reform, cohort)
        assert result.catatan == ("12 answer(s) to indicators the reform removes (8.2) are left out on the reform side",)
        assert result.baris[0].indeks_baru == meritsys.score(
            attrs.evolve(cohort[0], jawaban={k: v for k, v in cohort[0].jawaban.items() if k != "8.2"}), reform
        ).indeks

    def test_summary_is_rounded(self):
        """The mean index change is reported to four decimals."""
        base = kasn()
        result = compare(base, load_reform(REFORM).apply(base), meritsys.read_penilaian(KOHORT))
        assert result.summary()["selisih_rerata"] == Decimal("0.8750")


class TestCompareKohort:
    def test_a_kohort_compares_like_its_assessments(self):
        """compare takes a Kohort as well as a sequence of Penilaian, and gives the same comparison."""
        base = kasn()
        new = load_reform(REFORM).apply(base)
        items = meritsys.read_penilaian(KOHORT)
        from_items = compare(base, new, items)
        from_kohort = compare(base, new, meritsys.Kohort.from_penilaian(base, items))
        assert from_kohort.baris == from_items.baris
        assert (from_kohort.transisi, from_kohort.summary(), from_kohort.catatan) == (
            from_items.transisi, from_items.summary(), from_items.catatan
        )

    def test_a_kohort_with_answers_to_removed_indicators(self):
        """A Kohort compared under a reform that removes an indicator leaves those answers out, with the same note."""
        base = kasn()
        reform = Reform("tanpa-8-2", {"indikator.8.1.bobot": "3.5"}, hapus_indikator=["8.2"]).apply(base)
        items = meritsys.read_penilaian(KOHORT)
        result = compare(base, reform, meritsys.Kohort.read(KOHORT, base))
        assert result.catatan == ("12 answer(s) to indicators the reform removes (8.2) are left out on the reform side",)
        assert [b.indeks_baru for b in result.baris] == [b.indeks_baru for b in compare(base, reform, items).baris]

    def test_a_kohort_of_another_rubric_is_refused(self):
        """A Kohort laid out for another rubric than the baseline is refused at rubrik."""
        with pytest.raises(ValidationError, match="the cohort is for 'permenpanrb-19-2025', not 'kasn-2019'"):
            compare(kasn(), load_reform(REFORM).apply(kasn()), meritsys.Kohort.read(KOHORT_B, rezim_b()))

    def test_anything_else_is_a_type_error(self):
        """A cohort that is neither a Kohort nor a sequence of Penilaian is a TypeError naming the parameter."""
        with pytest.raises(TypeError, match="cohort must be a Kohort or a sequence of Penilaian"):
            compare(kasn(), load_reform(REFORM).apply(kasn()), "kohort.json")
