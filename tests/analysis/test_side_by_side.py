"""side_by_side: the merit index and the JPT quality index of one agency-year in one record."""

from decimal import Decimal

import pytest

import meritsys
from meritsys import ValidationError, score, score_many, side_by_side
from meritsys.analysis import Berdampingan
from tests.helpers import JPT, KASN, instansi, penilaian_a, penilaian_jpt


class TestSideBySide:
    def test_pairs_merit_and_jpt_of_one_agency_year(self):
        """A merit and a JPT result of the same agency, year and stage become one record keyed by rubric id."""
        results = score_many([penilaian_a(3, tahap="penetapan"), penilaian_jpt(4, tahap="penetapan", koreksi="-3")])
        [pair] = side_by_side(results)
        assert isinstance(pair, Berdampingan)
        assert (pair.instansi.kode, pair.tahun, pair.tahap.value, pair.rubrik) == ("kab-sukamaju", 2023, "penetapan", (KASN, JPT))
        assert [(rid, h.indeks, h.kategori.label) for rid, h in pair.hasil.items()] == [
            (KASN, Decimal("300"), "Baik"),
            (JPT, Decimal("97.00"), "Sangat Baik"),
        ]

    def test_stages_and_years_stay_apart(self):
        """A self-assessed merit result and a final JPT result, or two years, are separate records."""
        results = score_many([
            penilaian_a(3, tahap="mandiri"),
            penilaian_jpt(3, tahap="penetapan"),
            penilaian_a(3, tahap="penetapan", tahun=2024),
        ])
        pairs = side_by_side(results)
        assert [(p.tahun, p.tahap.value, p.rubrik) for p in pairs] == [
            (2023, "mandiri", (KASN,)),
            (2023, "penetapan", (JPT,)),
            (2024, "penetapan", (KASN,)),
        ]

    def test_agencies_keep_their_first_order(self):
        """Records follow the order of each agency-year's first result."""
        b, a = instansi(kode="kab-b"), instansi(kode="kab-a")
        results = score_many([penilaian_jpt(3, instansi=b), penilaian_a(3, instansi=a), penilaian_a(3, instansi=b)])
        assert [(p.instansi.kode, p.rubrik) for p in side_by_side(results)] == [("kab-b", (JPT, KASN)), ("kab-a", (KASN,))]

    def test_two_results_under_one_rubric_are_an_error_naming_both(self):
        """Two results of one agency, year, stage and rubric are refused, naming both positions."""
        results = [score(penilaian_jpt(3)), score(penilaian_a(3)), score(penilaian_jpt(4))]
        with pytest.raises(ValidationError) as info:
            side_by_side(results)
        assert info.value.messages == (
            "$[2]: a second result of kab-sukamaju 2023 mandiri under rubrik jpt-2021 (the first is [0]); keep one per agency, year, stage and rubric",
        )

    def test_not_a_result(self):
        """Anything but results is a TypeError naming the position."""
        with pytest.raises(TypeError, match=r"results\[0\] must be Hasil, got Penilaian"):
            side_by_side([penilaian_a(3)])

    def test_empty(self):
        """No results, no records."""
        assert side_by_side([]) == ()

    def test_exported(self):
        """side_by_side is a verb of the package's public face."""
        assert meritsys.side_by_side is meritsys.analysis.side_by_side
