"""Eligibility a category brings: the award list of a cycle and the JPT exemption, judged by the policy of each cycle."""

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import meritsys
from meritsys import Instansi, KategoriHasil, Tahap
from meritsys.policy import (
    BarisRiwayat,
    Riwayat,
    StatusAturan,
    award_list,
    get_konsekuensi,
    jpt_exemption,
)
from tests.helpers import KOHORT_B, RIWAYAT, messages

LABELS = ("Buruk", "Kurang", "Baik", "Sangat Baik")


def row(kode, tahun, label, tahap="penetapan", indeks="300"):
    return BarisRiwayat(Instansi(kode, f"Pemerintah {kode}", "kota"), tahun, Tahap(tahap), "kasn-2019", Decimal(indeks), KategoriHasil("x", label))


@pytest.fixture(scope="module")
def hasil():
    return meritsys.score_many(meritsys.read_penilaian(RIWAYAT))


class TestAwardList:
    def test_award_list_of_2023(self, hasil):
        """The 2023 award list holds the agencies rated Baik or Sangat Baik, highest index first."""
        rows = award_list(hasil, tahun=2023)
        assert len(rows) == 8  # every agency assessed in 2023
        assert [(k.instansi.kode, str(k.indeks), k.kategori.label) for k in rows if k.layak] == [
            ("kota-contoh", "337.5", "Sangat Baik"),
            ("prov-sejahtera", "307.5", "Baik"),
            ("kab-makmur-jaya", "300", "Baik"),
            ("kab-sukamaju", "292.5", "Baik"),
            ("prov-nusa-contoh", "270", "Baik"),
        ]
        assert {(k.kebijakan, k.status, k.kategori_minimal) for k in rows} == {("konsekuensi-kasn", StatusAturan.SEKUNDER, "Baik")}

    def test_just_below_baik_gets_nothing(self, hasil):
        """247.5 is Kurang: no award (the boundary is the rubric's, inclusive at 250)."""
        (badan,) = [k for k in award_list(hasil, tahun=2023) if k.instansi.kode == "badan-contoh"]
        assert (badan.indeks, badan.layak) == (Decimal("247.5"), False)

    def test_every_cycle_by_default(self, hasil):
        """Without a cycle, every cycle's results are judged, by cycle."""
        rows = award_list(hasil)
        assert [k.tahun for k in rows] == sorted(k.tahun for k in rows)
        assert len(rows) == 25

    def test_the_final_result_counts(self, hasil):
        """Sukamaju's 2024 self-assessment is Sangat Baik but its final result (Baik) is what is judged."""
        (s,) = [k for k in award_list(hasil, tahun=2024) if k.instansi.kode == "kab-sukamaju"]
        assert (s.tahap, s.kategori.label) == (Tahap.PENETAPAN, "Baik")
        (m,) = list(award_list(hasil, tahun=2024, tahap="mandiri"))
        assert (m.tahap, m.kategori.label) == (Tahap.MANDIRI, "Sangat Baik")

    def test_regime_b_award_is_unknown(self):
        """Regime B's award rule is unknown: every row says None, with the policy and its status."""
        rows = award_list(meritsys.score_many(meritsys.read_penilaian(KOHORT_B)))
        assert {(k.layak, k.kategori_minimal, k.kebijakan, k.status) for k in rows} == {
            (None, None, "konsekuensi-permenpanrb-19-2025", StatusAturan.TIDAK_DIKETAHUI)
        }

    def test_no_results_of_the_cycle(self, hasil):
        """A cycle the results do not hold gives an empty list."""
        assert award_list(hasil, tahun=2021) == ()


class TestJptExemption:
    def test_sangat_baik_only_by_default(self, hasil):
        """By default only Sangat Baik qualifies (KASN material, SE MenPANRB 10/2021); the other conditions are listed."""
        rows = jpt_exemption(hasil, tahun=2024)
        assert [k.instansi.kode for k in rows if k.layak] == ["kementerian-contoh", "prov-sejahtera", "kab-tanjung-asri"]
        assert rows[0].syarat_lain == get_konsekuensi("konsekuensi-kasn").pengecualian_jpt.syarat_lain
        assert rows[0].status is StatusAturan.SEKUNDER

    def test_baik_as_the_alternative(self, hasil):
        """Naming Baik (what one older source gives) widens the list; the rows then carry the status acuan."""
        rows = jpt_exemption(hasil, tahun=2024, minimal="Baik")
        assert len([k for k in rows if k.layak]) == 7
        assert {(k.kategori_minimal, k.status) for k in rows} == {("Baik", StatusAturan.ACUAN)}

    def test_a_user_policy_saying_baik(self, hasil):
        """A user's policy with Baik as the minimum is applied as written, with its own status."""
        kasn = get_konsekuensi("konsekuensi-kasn")
        own = attrs.evolve(kasn, id="milik-saya", pengecualian_jpt=attrs.evolve(kasn.pengecualian_jpt, kategori_minimal="Baik"))
        rows = jpt_exemption(hasil, tahun=2024, kebijakan=own)
        assert len([k for k in rows if k.layak]) == 7
        assert {(k.kebijakan, k.status) for k in rows} == {("milik-saya", StatusAturan.SEKUNDER)}

    def test_unknown_minimum(self, hasil):
        """A minimum that is not a category of the policy is refused, naming the result."""
        (m,) = messages(jpt_exemption, Riwayat((row("kota-contoh", 2024, "Baik"),)), minimal="Istimewa")
        assert m.startswith("$.riwayat: agency 'kota-contoh', cycle 2024: 'Istimewa' is not a category")

    def test_policy_must_cover_the_cycle(self, hasil):
        """The regime A policy is not applied to a regime B cycle."""
        kasn = get_konsekuensi("konsekuensi-kasn")
        assert messages(jpt_exemption, meritsys.score_many(meritsys.read_penilaian(KOHORT_B)), kebijakan=kasn) == (
            "$.kebijakan: the consequence policy konsekuensi-kasn covers the cycles 2019-2025, not 2026",
        )


@st.composite
def cycles(draw):
    rows = [row(f"a{a}", 2024, draw(st.sampled_from(LABELS)), indeks=str(draw(st.integers(100, 400)))) for a in range(draw(st.integers(0, 12)))]
    return Riwayat(tuple(rows))


class TestProperties:
    @given(cycles())
    def test_exempt_agencies_are_award_recipients(self, riwayat):
        """Under the KASN policy every agency exempt for JPT also receives the award, and each row is judged once."""
        award = {k.instansi.kode: k.layak for k in award_list(riwayat)}
        jpt = {k.instansi.kode: k.layak for k in jpt_exemption(riwayat)}
        assert award.keys() == jpt.keys() == {b.instansi.kode for b in riwayat.baris}
        assert all(award[k] for k, v in jpt.items() if v)

    @given(cycles())
    def test_award_follows_the_category_alone(self, riwayat):
        """The award depends on the category alone: Baik and Sangat Baik qualify, Buruk and Kurang do not."""
        for k in award_list(riwayat):
            assert k.layak is (k.kategori.label in ("Baik", "Sangat Baik"))
