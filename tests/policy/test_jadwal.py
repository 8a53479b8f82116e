"""The assessment schedule: who is due in a cycle, given the history and the cadence of the consequence policy."""

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import meritsys
from meritsys import Angka, Instansi, KategoriHasil, Tahap, ValidationError
from meritsys.policy import (
    AturanSiklus,
    BarisRiwayat,
    Riwayat,
    StatusAturan,
    due_for_assessment,
    get_konsekuensi,
)
from tests.helpers import RIWAYAT, messages

LABELS = ("Buruk", "Kurang", "Baik", "Sangat Baik")
INTERVAL = {"Buruk": 1, "Kurang": 1, "Baik": 1, "Sangat Baik": 2}


def row(kode, tahun, label, tahap="penetapan", rubrik="kasn-2019"):
    return BarisRiwayat(Instansi(kode, f"Pemerintah {kode}", "kota"), tahun, Tahap(tahap), rubrik, Decimal(300), KategoriHasil("x", label))


@pytest.fixture(scope="module")
def hasil():
    return meritsys.score_many(meritsys.read_penilaian(RIWAYAT))


def by_code(rows):
    return {j.instansi.kode: j for j in rows}


class TestDoneWhen:
    def test_sangat_baik_2023_city_skips_2024_and_is_due_2025(self, hasil):
        """A city rated Sangat Baik in 2023 is not due in 2024 and is due in 2025 (KASN era: every 2 years)."""
        y2024 = by_code(due_for_assessment(hasil, 2024))["kota-contoh"]
        y2025 = by_code(due_for_assessment(hasil, 2025))["kota-contoh"]
        assert (y2024.jatuh_tempo, y2025.jatuh_tempo) == (False, True)
        assert (y2024.tahun_terakhir, y2024.kategori_terakhir.label, y2024.tahun_berikut) == (2023, "Sangat Baik", 2025)
        assert y2024.selang.nilai == 2
        assert y2024.status is StatusAturan.SEKUNDER
        assert y2024.alasan() == "Sangat Baik 2023, dinilai setiap 2 tahun: berikutnya 2025"

    def test_the_2025_schedule_of_the_example(self, hasil):
        """In 2025 every Baik and Kurang agency is due, the Sangat Baik of 2024 are not, and a missed Baik stays due."""
        due = by_code(due_for_assessment(hasil, 2025))
        assert sorted(k for k, j in due.items() if j.jatuh_tempo) == [
            "badan-contoh", "kab-makmur-jaya", "kab-sukamaju", "komisi-contoh", "kota-contoh", "kota-lestari", "prov-nusa-contoh",
        ]
        makmur = due["kab-makmur-jaya"]
        assert (makmur.tahun_terakhir, makmur.tahun_berikut) == (2023, 2024)
        assert makmur.alasan() == "Baik 2023, dinilai setiap tahun: berikutnya 2024 (terlewat)"

    def test_reference_interval_is_labelled(self, hasil):
        """A Kurang agency's yearly interval is a reference value, and the answer says so."""
        lestari = by_code(due_for_assessment(hasil, 2025))["kota-lestari"]
        assert (lestari.jatuh_tempo, lestari.status, lestari.selang.status.value) == (True, StatusAturan.ACUAN, "acuan")


class TestUnknown:
    def test_regime_b_cycle_is_unknown(self, hasil):
        """For a regime B cycle the cadence is unknown: every answer is None, never a guess."""
        rows = due_for_assessment(hasil, 2026)
        assert {j.jatuh_tempo for j in rows} == {None}
        assert {j.kebijakan for j in rows} == {"konsekuensi-permenpanrb-19-2025"}
        assert {j.status for j in rows} == {StatusAturan.TIDAK_DIKETAHUI}
        assert by_code(rows)["kota-contoh"].alasan() == "Sangat Baik 2023; siklus penilaian tidak diketahui (konsekuensi-permenpanrb-19-2025)"

    def test_no_history_in_an_unknown_era(self):
        """An agency with no earlier result is due where the cadence is known, unknown where it is not."""
        r = Riwayat((row("kota-baru", 2026, "Dasar", rubrik="permenpanrb-19-2025"),))
        (j,) = due_for_assessment(r, 2026)
        assert j.jatuh_tempo is None
        assert j.alasan() == "tidak ada hasil sebelum 2026; siklus penilaian tidak diketahui (konsekuensi-permenpanrb-19-2025)"
        (j,) = due_for_assessment(Riwayat((row("kota-baru", 2024, "Baik"),)), 2024)
        assert (j.jatuh_tempo, j.dinilai, j.alasan()) == (True, True, "tidak ada hasil sebelum 2024 dalam data")

    def test_user_policy_that_knows_the_cadence_is_used(self):
        """A user's own policy with a known cadence answers where the shipped one cannot."""
        kasn = get_konsekuensi("konsekuensi-kasn")
        own = attrs.evolve(kasn, id="milik-saya", siklus_sampai=None)
        r = Riwayat((row("kota-contoh", 2025, "Sangat Baik"),))
        (j,) = due_for_assessment(r, 2026, own)
        assert (j.jatuh_tempo, j.kebijakan, j.tahun_berikut) == (False, "milik-saya", 2027)

    def test_policy_whose_cadence_is_unknown(self):
        """A policy that does not know the cadence of the last result's era gives None."""
        kasn = get_konsekuensi("konsekuensi-kasn")
        unknown = attrs.evolve(kasn, id="tanpa-siklus", siklus=AturanSiklus("tidak_diketahui", "tidak ditemukan", catatan="belum ada"))
        (j,) = due_for_assessment(Riwayat((row("kota-contoh", 2023, "Baik"),)), 2024, unknown)
        assert (j.jatuh_tempo, j.kebijakan, j.selang) == (None, "tanpa-siklus", None)


class TestInputs:
    def test_results_of_the_cycle_and_later_are_not_history(self):
        """Only results before the cycle decide; a result of the cycle itself is recorded as dinilai."""
        r = Riwayat((row("kota-contoh", 2023, "Sangat Baik"), row("kota-contoh", 2024, "Kurang"), row("kota-contoh", 2026, "Baik", rubrik="x")))
        (j,) = due_for_assessment(r, 2024)
        assert (j.jatuh_tempo, j.tahun_terakhir, j.dinilai) == (False, 2023, True)

    def test_stage_named(self, hasil):
        """With a stage named, only that stage's results are history: Sukamaju's 2024 self-assessment says Sangat Baik."""
        (j,) = [j for j in due_for_assessment(hasil, 2025, tahap="mandiri") if j.instansi.kode == "kab-sukamaju"]
        assert (j.jatuh_tempo, j.kategori_terakhir.label, j.tahap_terakhir) == (False, "Sangat Baik", Tahap.MANDIRI)
        (j,) = [j for j in due_for_assessment(hasil, 2025) if j.instansi.kode == "kab-sukamaju"]
        assert (j.jatuh_tempo, j.kategori_terakhir.label, j.tahap_terakhir) == (True, "Baik", Tahap.PENETAPAN)

    def test_given_universe(self):
        """A given universe answers for agencies without any result (due) and names the universe's agencies."""
        r = Riwayat((row("kota-contoh", 2023, "Sangat Baik"),))
        semesta = [Instansi("kota-contoh", "Kota Contoh (resmi)", "kota"), Instansi("kab-baru", "Kabupaten Baru", "kabupaten")]
        rows = due_for_assessment(r, 2024, semesta=semesta)
        assert [(j.instansi.nama, j.jatuh_tempo) for j in rows] == [("Kabupaten Baru", True), ("Kota Contoh (resmi)", False)]

    def test_universe_missing_an_agency(self):
        """A universe that leaves out an agency of the history is refused, naming it."""
        r = Riwayat((row("kota-contoh", 2023, "Sangat Baik"), row("kota-lain", 2023, "Baik")))
        assert messages(due_for_assessment, r, 2024, semesta=[Instansi("kota-contoh", "K", "kota"), "x"]) == (
            "$.semesta[1]: expected an Instansi, got str 'x'",
            "$.semesta: the history holds agencies the universe does not list: kota-lain",
        )

    def test_category_of_another_era(self):
        """A result whose category the policy of its cycle does not know is refused, naming the agency and cycle."""
        r = Riwayat((row("kota-contoh", 2023, "Maju"),))
        (m,) = messages(due_for_assessment, r, 2024)
        assert m.startswith("$.riwayat: agency 'kota-contoh', cycle 2023: 'Maju' is not a category of the consequence policy konsekuensi-kasn")

    def test_before_any_policy(self):
        """A history before any policy's cycles is an error, not a guess."""
        assert messages(due_for_assessment, Riwayat((row("kota-contoh", 2018, "Baik"),)), 2019) == (
            "$.tahun: no consequence policy covers the cycle 2018; known: konsekuensi-kasn (2019-2025), konsekuensi-permenpanrb-19-2025 (2026-)",
        )

    def test_not_a_history(self):
        """Something that is neither a history nor results is a TypeError."""
        with pytest.raises(TypeError):
            due_for_assessment("riwayat.json", 2025)  # type: ignore[arg-type]


@st.composite
def histories(draw):
    """Histories of up to six agencies over 2019-2025, each cycle assessed or not, one category each."""
    rows = []
    for a in range(draw(st.integers(1, 6))):
        for tahun in range(2019, 2026):
            if draw(st.booleans()):
                rows.append(row(f"a{a}", tahun, draw(st.sampled_from(LABELS))))
    return Riwayat(tuple(rows))


class TestProperties:
    @given(histories(), st.integers(2019, 2025))
    def test_due_exactly_when_the_interval_has_passed(self, riwayat, tahun):
        """An agency is due in a KASN-era cycle exactly when its last earlier result is at least its interval old, or it has none."""
        rows = due_for_assessment(riwayat, tahun)
        assert [j.instansi.kode for j in rows] == sorted({b.instansi.kode for b in riwayat.baris})
        for j in rows:
            earlier = [b for b in riwayat.baris if b.instansi.kode == j.instansi.kode and b.tahun < tahun]
            if not earlier:
                assert j.jatuh_tempo is True
                assert j.tahun_terakhir is None
                continue
            last = max(earlier, key=lambda b: b.tahun)
            assert j.jatuh_tempo is (tahun - last.tahun >= INTERVAL[last.kategori.label])
            assert j.tahun_berikut == last.tahun + INTERVAL[last.kategori.label]

    @given(histories())
    def test_sangat_baik_skips_exactly_one_cycle(self, riwayat):
        """After a Sangat Baik result the next cycle is never due and the one after is (when no result falls between)."""
        for b in riwayat.baris:
            if b.kategori.label == "Sangat Baik" and b.tahun <= 2023:
                nxt = by_code(due_for_assessment(riwayat, b.tahun + 1))[b.instansi.kode]
                assert nxt.jatuh_tempo is False
                after = by_code(due_for_assessment(riwayat, b.tahun + 2))[b.instansi.kode]
                if after.tahun_terakhir == b.tahun:
                    assert after.jatuh_tempo is True

    @given(histories())
    def test_regime_b_never_invents(self, riwayat):
        """No answer for a regime B cycle is True or False: the cadence there is unknown."""
        assert {j.jatuh_tempo for j in due_for_assessment(riwayat, 2026)} <= {None}


def test_interval_status_is_the_numbers():
    """StatusAturan.of maps a number's status onto the rule statuses."""
    assert StatusAturan.of(Angka("1", "acuan", catatan="x").status) is StatusAturan.ACUAN
    with pytest.raises(ValidationError):
        due_for_assessment([], "2025")  # type: ignore[arg-type]
