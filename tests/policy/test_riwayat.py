"""Assessment histories: built from results or a scored cohort, one result per agency, cycle and stage."""

from decimal import Decimal

import pytest

import meritsys
from meritsys import Instansi, KategoriHasil, Kohort, Tahap, ValidationError
from meritsys.analysis import count_categories
from meritsys.policy import BarisRiwayat, Riwayat
from tests.helpers import RIWAYAT, kasn, package_of


def baris(kode="kota-contoh", tahun=2023, tahap="penetapan", label="Baik", jenis="kota", provinsi=None):
    return BarisRiwayat(Instansi(kode, f"Pemerintah {kode}", jenis, provinsi), tahun, Tahap(tahap), "kasn-2019", Decimal(300), KategoriHasil("III", label))


@pytest.fixture(scope="module")
def hasil():
    return meritsys.score_many(meritsys.read_penilaian(RIWAYAT))


class TestBuild:
    def test_from_results_and_from_cohort_agree(self, hasil):
        """A history built from single results equals the one built from the scored cohort, row for row."""
        r = kasn()
        kohort = Kohort.from_penilaian(r, meritsys.read_penilaian(RIWAYAT))
        assert Riwayat.from_kohort(kohort, r) == Riwayat.from_hasil(hasil)
        assert Riwayat.from_kohort(kohort, kohort.score(r)) == Riwayat.from_hasil(hasil)

    def test_from_kohort_checks_the_scores(self):
        """Scores of another cohort are refused."""
        r = kasn()
        items = meritsys.read_penilaian(RIWAYAT)
        kohort = Kohort.from_penilaian(r, items)
        other = Kohort.from_penilaian(r, items[:3]).score(r)
        with pytest.raises(ValidationError, match="3 scores for a cohort of 26 rows"):
            Riwayat.from_kohort(kohort, other)

    def test_two_results_of_one_agency_cycle_and_stage(self):
        """Two results of one agency, cycle and stage are an error naming both rows."""
        with pytest.raises(ValidationError) as info:
            Riwayat((baris(), baris(tahap="mandiri"), baris(label="Sangat Baik")))
        assert info.value.messages == (
            "$[2]: agency 'kota-contoh' has two penetapan results for 2023 (rows 0 and 2): which one counts is ambiguous",
        )

    def test_adding_histories(self):
        """Histories add up; a clash across them is found too."""
        a, b = Riwayat((baris(tahun=2022),)), Riwayat((baris(tahun=2023),))
        assert len(a + b) == 2
        with pytest.raises(ValidationError):
            a + a
        assert a.__add__(5) is NotImplemented

    def test_not_results(self):
        """Anything but results is refused with its position."""
        with pytest.raises(ValidationError) as info:
            Riwayat.from_hasil([5])
        assert info.value.messages == ("$[0]: expected a Hasil, got int",)
        with pytest.raises(ValidationError) as info:
            Riwayat((5,))
        assert info.value.messages == ("$[0]: must be BarisRiwayat, got int",)


class TestSelection:
    def test_latest_stage_counts(self, hasil):
        """Where an agency has several stages in a cycle, the latest present counts (penetapan before mandiri)."""
        rows = Riwayat.from_hasil(hasil).latest_stage()
        assert len(rows) == 25
        (sukamaju,) = [b for b in rows if b.instansi.kode == "kab-sukamaju" and b.tahun == 2024]
        assert (sukamaju.tahap, sukamaju.kategori.label) == (Tahap.PENETAPAN, "Baik")

    def test_stage_named(self, hasil):
        """A named stage keeps only that stage's results."""
        rows = Riwayat.from_hasil(hasil).at_stage("mandiri")
        assert [(b.instansi.kode, b.tahun, b.kategori.label) for b in rows] == [("kab-sukamaju", 2024, "Sangat Baik")]
        with pytest.raises(ValidationError):
            Riwayat.from_hasil(hasil).at_stage("final")

    def test_same_order_as_the_statistics(self):
        """The stage that counts is the statistics' own order (one rule for the whole library)."""
        prioritas = package_of(count_categories).PRIORITAS_TAHAP
        r = Riwayat(tuple(baris(tahap=t.value) for t in Tahap))
        assert r.latest_stage()[0].tahap is max(Tahap, key=prioritas.__getitem__)

    def test_universe_is_every_agency_seen(self, hasil):
        """The default universe is every agency of the history, as its latest result names it."""
        r = Riwayat((baris(tahun=2022, provinsi="Lama"), baris(tahun=2024, provinsi="Baru"), baris(kode="kab-lain", jenis="kabupaten")))
        assert [(i.kode, i.provinsi) for i in r.instansi()] == [("kab-lain", None), ("kota-contoh", "Baru")]
        assert len(Riwayat.from_hasil(hasil).instansi()) == 10
