"""The national share: agencies at or above a category per cycle, by type or province, the not assessed apart."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import meritsys
from meritsys import Instansi, Kohort
from meritsys.analysis import count_categories, national_share
from meritsys.policy import get_konsekuensi
from tests.helpers import KOHORT_B, RIWAYAT, K, kasn, messages, rezim_b

# The hand count of examples/data/riwayat-kasn-2022-2024.json (final results; see examples/riwayat.py):
#   2022  Baik or better: kota-contoh, kab-makmur-jaya, kab-tanjung-asri, prov-sejahtera,
#         kementerian-contoh, badan-contoh = 6 of 9 assessed; not assessed: komisi-contoh
#   2023  kota-contoh, kab-sukamaju, kab-makmur-jaya, prov-nusa-contoh, prov-sejahtera = 5 of 8;
#         not assessed: kab-tanjung-asri, kementerian-contoh (Sangat Baik in 2022)
#   2024  kab-sukamaju, kab-tanjung-asri, prov-nusa-contoh, prov-sejahtera, kementerian-contoh,
#         badan-contoh, komisi-contoh = 7 of 8; not assessed: kab-makmur-jaya, kota-contoh
HAND = {2022: (6, 9, ("komisi-contoh",)), 2023: (5, 8, ("kab-tanjung-asri", "kementerian-contoh")), 2024: (7, 8, ("kab-makmur-jaya", "kota-contoh"))}


@pytest.fixture(scope="module")
def kohort():
    return Kohort.read(RIWAYAT, kasn())


class TestHandCount:
    def test_equals_the_hand_count(self, kohort):
        """The share per cycle equals the hand count, the agencies not assessed listed apart."""
        hasil = national_share(kohort, kasn())
        assert hasil.tahun == (2022, 2023, 2024)
        for y, (memenuhi, dinilai, absent) in HAND.items():
            i = hasil.tahun.index(y)
            assert (int(hasil.memenuhi()[i, 0]), int(hasil.dinilai()[i, 0]), hasil.tidak_dinilai[i]) == (memenuhi, dinilai, absent)
            assert hasil.bagian()[i][0] == Fraction(memenuhi, dinilai)
        assert [r["persen"] for r in hasil.rows()] == [Decimal("66.67"), Decimal("62.50"), Decimal("87.50")]
        assert all(r["semesta"] == 10 for r in hasil.rows())

    def test_minimum_comes_from_the_policy(self, kohort):
        """Without a minimum the RPJMN target of the KASN-era policy (Baik, resmi) is used."""
        hasil = national_share(kohort, kasn())
        assert (hasil.minimal.label, hasil.kebijakan, hasil.status) == ("Baik", "konsekuensi-kasn", "resmi")

    def test_not_assessed_is_not_buruk(self, kohort):
        """The category counts of a cycle hold only assessed agencies: 2023 has no Buruk although two agencies are missing."""
        hasil = national_share(kohort, kasn())
        row_2023 = hasil.rows()[1]
        assert (row_2023["Buruk"], row_2023["tidak_dinilai"]) == (0, 2)

    def test_counts_agree_with_count_categories(self, kohort):
        """The counts per cycle are count_categories of the final results of that cycle."""
        final = kohort.select(np.flatnonzero(kohort.tahap == meritsys.scoring.TAHAP.index(meritsys.Tahap.PENETAPAN)))
        counted = count_categories(final, kasn(), menurut="tahun").jumlah
        np.testing.assert_array_equal(national_share(kohort, kasn()).jumlah[:, 0, :], counted)

    def test_by_type(self, kohort):
        """Split by type: each group's counts, and a total row per cycle equal to the unsplit share."""
        hasil = national_share(kohort, kasn(), menurut="jenis")
        assert hasil.kelompok == ("kementerian", "lembaga", "lembaga_negara", "provinsi", "kabupaten", "kota")
        rows = {(r["tahun"], r["kelompok"]): r for r in hasil.rows()}
        assert (rows[2022, "lembaga_negara"]["dinilai"], rows[2022, "lembaga_negara"]["tidak_dinilai"], rows[2022, "lembaga_negara"]["persen"]) == (0, 1, None)
        assert (rows[2024, "kota"]["memenuhi"], rows[2024, "kota"]["dinilai"], rows[2024, "kota"]["tidak_dinilai"]) == (0, 1, 1)
        assert [rows[y, "semua"]["persen"] for y in (2022, 2023, 2024)] == [Decimal("66.67"), Decimal("62.50"), Decimal("87.50")]

    def test_by_province(self, kohort):
        """Split by province: provinces alphabetically, agencies without one (central agencies) last."""
        hasil = national_share(kohort, kasn(), menurut="provinsi", tahun=2024)
        assert hasil.kelompok[-1] is None
        assert hasil.kelompok[0] == "Jawa Barat"
        rows = {r["kelompok"]: r for r in hasil.rows()}
        assert (rows["Jawa Barat"]["dinilai"], rows["Jawa Barat"]["tidak_dinilai"]) == (0, 1)
        assert (rows[None]["dinilai"], rows[None]["memenuhi"]) == (3, 3)

    def test_the_stage_counted(self, kohort):
        """The latest stage of each agency-cycle counts and is recorded; a named stage counts alone."""
        hasil = national_share(kohort, kasn())
        assert hasil.tahap.sum(axis=0).tolist() == [0, 0, 0, 25]
        mandiri = national_share(kohort, kasn(), tahap="mandiri")
        assert [r["dinilai"] for r in mandiri.rows()] == [0, 0, 1]
        assert mandiri.rows()[0]["persen"] is None

    def test_given_universe(self, kohort):
        """A given universe adds agencies never assessed to every cycle's not-assessed count."""
        semesta = [Instansi(k, k, "kota") for k in sorted(set(kohort.kode.tolist()))] + [Instansi("kota-baru", "Kota Baru", "kota")]
        hasil = national_share(kohort, kasn(), semesta=semesta)
        assert [r["tidak_dinilai"] for r in hasil.rows()] == [2, 3, 3]
        assert [r["persen"] for r in hasil.rows()] == [Decimal("66.67"), Decimal("62.50"), Decimal("87.50")]


class TestRegimeB:
    def test_needs_a_level(self):
        """Regime B has no known national target: the share needs a level named, and says so otherwise."""
        kohort = Kohort.read(KOHORT_B, rezim_b())
        assert messages(national_share, kohort, rezim_b()) == (
            "$.minimal: the national target of cycle 2026 is not known (consequence policy konsekuensi-permenpanrb-19-2025): "
            "name the lowest category counted (minimal, on the command line --minimal), e.g. Menengah",
        )

    def test_share_at_or_above_a_level(self):
        """The regime B equivalent: the share at or above Menengah, by label or code."""
        kohort = Kohort.read(KOHORT_B, rezim_b())
        hasil = national_share(kohort, rezim_b(), minimal="Menengah")
        (r,) = hasil.rows()
        assert (r["memenuhi"], r["dinilai"], r["persen"], hasil.kebijakan, hasil.status) == (3, 5, Decimal("60.00"), None, "acuan")
        assert national_share(kohort, rezim_b(), minimal="menengah").rows() == hasil.rows()


class TestErrors:
    def test_unknown_minimum(self, kohort):
        """A minimum that is not a category of the rubric is refused with the categories."""
        assert messages(national_share, kohort, kasn(), minimal="Istimewa") == (
            "$.minimal: 'Istimewa' is not a category of rubrik kasn-2019; one of: Buruk, Kurang, Baik, Sangat Baik",
        )

    def test_cycle_not_in_the_cohort(self, kohort):
        """Asking for a cycle the cohort does not hold is an error naming its cycles."""
        assert messages(national_share, kohort, kasn(), tahun=[2021, 2024]) == (
            "$.tahun: no assessments of cycle 2021 in the cohort; its cycles: 2022, 2023, 2024",
        )

    def test_unknown_split(self, kohort):
        """Only agency type and province split the share."""
        (m,) = messages(national_share, kohort, kasn(), menurut="tahap")
        assert m.startswith("$.menurut: 'tahap' is not a split")

    def test_universe_missing_an_agency(self, kohort):
        """A universe that leaves out an assessed agency is refused, naming it."""
        (m,) = messages(national_share, kohort, kasn(), semesta=[Instansi("kota-contoh", "K", "kota")])
        assert m.startswith("$.semesta: the cohort holds agencies the universe does not list: badan-contoh, kab-makmur-jaya")

    def test_policy_with_another_minimum_per_cycle(self, kohort):
        """A user's policy naming a category the rubric does not have is refused, asking for a minimum."""
        import attrs

        kasn_policy = get_konsekuensi("konsekuensi-kasn")
        other = attrs.evolve(kasn_policy, id="lain", kategori=("Rendah", "Tinggi"), penghargaan=attrs.evolve(kasn_policy.penghargaan, kategori_minimal="Tinggi"),
                             pengecualian_jpt=attrs.evolve(kasn_policy.pengecualian_jpt, kategori_minimal="Tinggi"),
                             sasaran_nasional=attrs.evolve(kasn_policy.sasaran_nasional, kategori_minimal="Tinggi"),
                             siklus=attrs.evolve(kasn_policy.siklus, selang={"Rendah": kasn_policy.siklus.selang["Baik"], "Tinggi": kasn_policy.siklus.selang["Baik"]}))
        assert messages(national_share, kohort, kasn(), kebijakan=other) == (
            "$.minimal: the consequence policy lain counts from 'Tinggi', which is not a category of rubrik kasn-2019; name one",
        )


@st.composite
def cohorts(draw):
    """Random kasn-2019 cohorts over three cycles: each agency assessed in some cycles, answers at one level per row."""
    kode, tahun, levels = [], [], []
    for a in range(draw(st.integers(1, 8))):
        for y in (2022, 2023, 2024):
            if draw(st.booleans()):
                kode.append(f"a{a}")
                tahun.append(y)
                levels.append(draw(st.integers(1, 4)))
    if not kode:
        kode, tahun, levels = ["a0"], [2022], [1]
    jawaban = np.repeat(np.asarray(levels, dtype=np.int8)[:, None], K, axis=1)
    return Kohort.from_arrays(kasn(), jawaban, kode=kode, tahun=tahun, tahap="penetapan"), levels


class TestProperties:
    @given(cohorts(), st.sampled_from(["Buruk", "Kurang", "Baik", "Sangat Baik"]))
    def test_share_is_count_over_assessed(self, drawn, minimal):
        """share = at-or-above ÷ assessed exactly; assessed + not assessed = the universe; the categories add up to the assessed."""
        kohort, _ = drawn
        hasil = national_share(kohort, kasn(), minimal=minimal)
        universe = len(set(kohort.kode.tolist()))
        for y, row in enumerate(hasil.rows()):
            assert row["dinilai"] + row["tidak_dinilai"] == universe == row["semesta"]
            assert sum(row[k.label] for k in hasil.labels) == row["dinilai"]
            if row["dinilai"]:
                assert hasil.bagian()[y][0] == Fraction(row["memenuhi"], row["dinilai"])
                assert abs(row["persen"] - Decimal(row["memenuhi"] * 100) / row["dinilai"]) <= Decimal("0.005")
            else:
                assert row["persen"] is None

    @given(cohorts())
    def test_not_assessed_never_counted_as_buruk(self, drawn):
        """Agencies absent from a cycle never enter its category counts: every count comes from a result of that cycle."""
        kohort, levels = drawn
        hasil = national_share(kohort, kasn(), minimal="Baik")
        for y, year in enumerate(hasil.tahun):
            of_year = [lv for lv, t in zip(levels, kohort.tahun.tolist(), strict=True) if t == year]
            # every answer at level L gives 100 x L: level 1 is Buruk, 2 Kurang, 3 Baik, 4 Sangat Baik
            assert hasil.jumlah[y, 0].tolist() == [of_year.count(lv) for lv in (1, 2, 3, 4)]
            assert int(hasil.tidak_dinilai_jumlah[y, 0]) == len(hasil.tidak_dinilai[y])
