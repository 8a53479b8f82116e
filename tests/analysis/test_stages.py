"""Paper versus field: compare_stages pairs each agency-year's stages and reports what changed, exactly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import meritsys
from meritsys import Instansi, Penilaian, Tahap, compare_stages, score
from meritsys.errors import ValidationError

ROOT = Path(__file__).parents[2]
KASN = meritsys.get_rubrik("kasn-2019")
B = meritsys.get_rubrik("permenpanrb-19-2025")
TAHAP = meritsys.read_penilaian(ROOT / "examples/data/tahap-kasn-2023.json")


def _p(kode: str, tahap: str, levels: dict[str, int], tahun: int = 2023) -> Penilaian:
    return Penilaian(Instansi(kode, kode.title(), "kota"), tahun, "kasn-2019", levels, tahap=tahap)


BASE = {i.kode: 3 for i in KASN.indikator}


class TestOneAgency:
    def test_each_changed_indicator_with_its_levels_and_effect(self):
        """The indicators whose level changed are listed with both levels and the change in what each adds."""
        after = {**BASE, "3.1": 2, "5.1": 4}
        [row] = compare_stages([_p("kota-a", "mandiri", BASE), _p("kota-a", "penetapan", after)], KASN).baris
        assert [(i.kode, i.level_dari, i.level_ke) for i in row.indikator] == [("3.1", 3, 2), ("5.1", 3, 4)]
        weights = {i.kode: i.bobot.nilai for i in KASN.indikator}
        assert [i.efek for i in row.indikator] == [-weights["3.1"], weights["5.1"]]
        assert row.turun == ("3.1",)
        assert row.naik == ("5.1",)

    def test_the_gap_is_the_difference_of_the_two_results(self):
        """The total and each aspect's change are the later result minus the earlier, exactly."""
        after = {**BASE, "3.1": 1, "3.2": 1, "8.1": 4}
        a, b = _p("kota-a", "mandiri", BASE), _p("kota-a", "penetapan", after)
        [row] = compare_stages([a, b], KASN).baris
        ha, hb = score(a, KASN), score(b, KASN)
        assert row.selisih == hb.indeks - ha.indeks
        assert [x.selisih for x in row.aspek] == [y.nilai - x.nilai for x, y in zip(ha.aspek, hb.aspek, strict=True)]
        assert sum(i.efek for i in row.indikator) == row.selisih  # the weighted sum adds contributions up

    def test_the_category_consequence(self):
        """Moving from one band to another is counted in bands, negative when the later stage is lower."""
        high = dict.fromkeys(BASE, 4)
        low = dict.fromkeys(BASE, 2)
        [row] = compare_stages([_p("kota-a", "mandiri", high), _p("kota-a", "penetapan", low)], KASN).baris
        assert (row.dari.kategori.label, row.ke.kategori.label) == ("Sangat Baik", "Kurang")
        assert row.langkah == -2

    def test_other_stages_can_be_compared(self):
        """Any two stages can be compared, e.g. verification against the final result."""
        items = [_p("kota-a", "verifikasi", BASE), _p("kota-a", "penetapan", {**BASE, "1.1": 4}), _p("kota-a", "mandiri", dict.fromkeys(BASE, 4))]
        [row] = compare_stages(items, KASN, dari="verifikasi", ke="penetapan").baris
        assert (row.dari.tahap, row.ke.tahap) == (Tahap.VERIFIKASI, Tahap.PENETAPAN)
        assert [i.kode for i in row.indikator] == ["1.1"]


class TestCohort:
    def test_the_shipped_cohort(self):
        """Every agency of the shipped cohort is paired; the one without its final result is reported apart."""
        gap = compare_stages(TAHAP, KASN)
        assert len(gap) == 11
        assert gap.tanpa_pasangan == (("kota-baru", 2023, Tahap.MANDIRI),)
        assert gap.category_changed() == (2, 0, 11)

    def test_summary_equals_a_hand_count(self):
        """The mean gap, the mean per aspect, the indicators most often lowered and the largest gaps follow from the rows."""
        gap = compare_stages(TAHAP, KASN)
        gaps = [b.selisih for b in gap.baris]
        assert gap.mean_gap() == (sum(gaps) / len(gaps)).quantize(Decimal("0.0001")).normalize()
        lowered = {}
        for b in gap.baris:
            for code in b.turun:
                lowered[code] = lowered.get(code, 0) + 1
        top = max(lowered.values())
        assert gap.most_lowered(1)[0][1] == top
        assert gap.largest_gaps(1)[0].selisih == min(gaps, key=lambda g: -abs(g))
        assert set(gap.mean_gap_by_aspect()) == {a.kode for a in KASN.aspek}

    def test_each_year_is_paired_on_its_own(self):
        """An agency assessed in two years is paired within each year, never across years."""
        items = [_p("kota-a", "mandiri", BASE, 2023), _p("kota-a", "penetapan", BASE, 2023), _p("kota-a", "mandiri", BASE, 2024)]
        gap = compare_stages(items, KASN)
        assert [(b.kode, b.tahun) for b in gap.baris] == [("kota-a", 2023)]
        assert gap.tanpa_pasangan == (("kota-a", 2024, Tahap.MANDIRI),)
        assert len(compare_stages(items, KASN, tahun=2024)) == 0

    def test_two_assessments_of_one_agency_year_and_stage_are_an_error_naming_both(self):
        """Two assessments of one agency, year and stage are refused, naming the second and the first."""
        items = [_p("kota-a", "mandiri", BASE), _p("kota-b", "mandiri", BASE), _p("kota-a", "mandiri", {**BASE, "1.1": 1})]
        with pytest.raises(ValidationError) as info:
            compare_stages(items, KASN)
        [problem] = info.value.problems
        assert problem.path == "[2]"
        assert "(the first is [0])" in problem.message
        assert problem.code == "ambiguous"

    def test_the_same_stage_twice_is_refused(self):
        """Comparing a stage with itself is an error."""
        with pytest.raises(ValidationError):
            compare_stages(TAHAP, KASN, dari="mandiri", ke="mandiri")

    def test_a_cohort_gives_what_its_assessments_give(self):
        """A Kohort and the assessments it holds give the same comparison."""
        kohort = meritsys.Kohort.from_penilaian(KASN, TAHAP)
        assert compare_stages(kohort, KASN) == compare_stages(TAHAP, KASN)

    def test_regime_b(self):
        """Regime B stages compare too; an effect is the change of the indicator's contribution to the maturity part."""
        [p] = meritsys.read_penilaian(ROOT / "examples/data/penilaian-kota-contoh-2026.json")
        after = attrs.evolve(p, tahap="penetapan", jawaban={**p.jawaban, "1.3": 2})
        [row] = compare_stages([p, after], B).baris
        [change] = row.indikator
        assert (change.kode, change.level_dari, change.level_ke) == ("1.3", 4, 2)
        assert change.efek < 0
        assert row.selisih == score(after, B).indeks - score(p, B).indeks


class TestProperties:
    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.tuples(st.sampled_from(sorted(BASE)), st.integers(0, 4)), max_size=10))
    def test_an_unchanged_assessment_has_no_gap_and_changes_are_listed_exactly(self, edits):
        """The indicators listed are exactly those whose level differs, and their effects add up to the gap."""
        after = {**BASE, **dict(edits)}
        [row] = compare_stages([_p("kota-a", "mandiri", BASE), _p("kota-a", "penetapan", after)], KASN).baris
        assert {i.kode for i in row.indikator} == {k for k in BASE if after[k] != BASE[k]}
        assert sum((i.efek for i in row.indikator), Decimal(0)) == row.selisih
