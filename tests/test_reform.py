from decimal import Decimal

import attrs
import pytest

import meritsys
from meritsys import Status, ValidationError
from meritsys.policy import IndikatorBaru, Reform, apply_reforms, load_reform
from meritsys.policy.compare import compare
from tests.helpers import kasn, penilaian_a, rezim_b

REFORM = "examples/reform/baik-260.toml"
KOHORT = "examples/data/kohort-kasn-2023.json"


class TestApply:
    def test_baseline_untouched(self):
        """Applying a reform leaves the baseline object and its scores unchanged."""
        base = kasn()
        before = meritsys.score(penilaian_a(3), base)
        load_reform(REFORM).apply(base)
        assert base.kategori[2].batas_bawah.nilai == Decimal(250)
        assert base.reform == ()
        assert meritsys.score(penilaian_a(3), base) == before

    def test_aspect_weight_rescales_indicators_exactly(self):
        """In regime A an aspect weight rescales its indicators and recomputes the maximum."""
        new = load_reform(REFORM).apply(kasn())
        a1 = new.aspek[0]
        assert [i.bobot.nilai for i in a1.indikator] == [Decimal("7.5"), Decimal("4.5"), Decimal("3")]
        assert (a1.maksimum.nilai, a1.maksimum.status) == (Decimal(60), Status.ACUAN)
        assert "baik-260" in a1.maksimum.catatan
        assert sum(i.bobot.nilai for i in new.indikator) == 100

    def test_changed_numbers_become_acuan_with_old_value(self):
        """A changed number is marked acuan and its note keeps the old value."""
        kat = load_reform(REFORM).apply(kasn()).category("Baik")
        assert kat.batas_bawah.status is Status.ACUAN
        assert kat.batas_bawah.catatan == "diubah oleh reform baik-260; sebelumnya 250 (resmi)"

    def test_reform_id_in_provenance(self):
        """A result scored under a reform carries the reform's id and a different hash."""
        new = load_reform(REFORM).apply(kasn())
        hasil = meritsys.score(penilaian_a(3), new)
        assert hasil.rubrik.reform == ("baik-260",)
        assert hasil.rubrik.sha256 != meritsys.rubrik_sha256(kasn())

    def test_compose_in_order(self):
        """Reforms compose in order; a later one sees the earlier one's changes."""
        a = Reform("a", {"kategori.Baik.batas_bawah": "255", "kategori.Kurang.batas_atas": "254"})
        b = Reform("b", {"kategori.Baik.batas_bawah": "260", "kategori.Kurang.batas_atas": "259"})
        new = apply_reforms(kasn(), [a, b])
        assert new.reform == ("a", "b")
        assert new.category("Baik").batas_bawah.catatan == "diubah oleh reform b; sebelumnya 255 (acuan)"

    def test_add_and_remove_indicators(self):
        """Indicators can be removed and added; weights must still add up."""
        r = Reform(
            "ganti-7-2",
            {},
            hapus_indikator=["7.2"],
            tambah_indikator=[IndikatorBaru("7", "7.3", "Layanan kepegawaian daring", bobot="1")],
        )
        new = r.apply(kasn())
        assert [i.kode for i in new.aspek[6].indikator] == ["7.1", "7.3"]
        assert new.indicator("7.3").level == kasn().indicator("7.1").level

    def test_regime_b_composition_and_na_policy(self):
        """Regime B composition and the not-applicable policy can be reformed."""
        r = Reform("survei-30", {"komposisi.bobot_maturitas": "0.7", "komposisi.bobot_survei": "0.3", "komposisi.tidak_berlaku": "nol"})
        new = r.apply(rezim_b())
        assert new.komposisi.bobot_survei.nilai == Decimal("0.3")
        assert new.komposisi.tidak_berlaku.value == "nol"


class TestInvalid:
    @pytest.mark.parametrize(
        ("ubah", "message"),
        [
            ({"aspek.9.bobot": "1"}, "$.ubah[\"aspek.9.bobot\"]: no aspect '9'; known: 1, 2, 3, 4, 5, 6, 7, 8"),
            ({"indikator.1.1.warna": "x"}, "$.ubah[\"indikator.1.1.warna\"]: indicator 1.1 has no field 'warna'"),
            ({"kategori.Bagus.batas_bawah": "1"}, "$.ubah[\"kategori.Bagus.batas_bawah\"]: no category 'Bagus'; known: Buruk, Kurang, Baik, Sangat Baik"),
            ({"kategori.Baik.batas_bawah": "2x"}, "$.ubah[\"kategori.Baik.batas_bawah\"]: '2x' is not a number"),
            ({"indikator.1.1.kode": "1.9"}, "$.ubah[\"indikator.1.1.kode\"]: kode cannot be changed by a reform"),
        ],
        ids=["unknown-aspect", "unknown-field", "unknown-category", "not-a-number", "code"],
    )
    def test_bad_paths(self, ubah, message):
        """Each offending path of a reform gets its own message."""
        with pytest.raises(ValidationError) as info:
            Reform("x", ubah).apply(kasn())
        assert info.value.messages == (message,)

    def test_every_bad_path_reported(self):
        """All bad paths of one reform are reported together."""
        with pytest.raises(ValidationError) as info:
            Reform("x", {"aspek.9.bobot": "1", "skala": "2", "indikator.0.bobot": "1"}, hapus_indikator=["9.9"]).apply(kasn())
        assert len(info.value.problems) == 4

    def test_inexact_rescale(self):
        """An aspect weight that cannot be spread exactly asks for indicator weights."""
        with pytest.raises(ValidationError, match="has no exact decimal; set the indicator weights instead"):
            Reform("x", {"aspek.3.bobot": "27.5", "aspek.5.bobot": "25"}).apply(kasn())

    def test_result_rubric_is_validated(self):
        """A reform that leaves the rubric invalid reports the rubric's problems, naming the reform."""
        with pytest.raises(ValidationError) as info:
            Reform("x", {"kategori.Baik.batas_bawah": "260"}).apply(kasn())
        assert info.value.messages == (
            "$.kategori[2].batas_bawah: gap between band Kurang (up to 249) and band Baik (from 260): published bands must meet one step (1) apart (in the rubric after reform x)",
        )

    def test_wrong_baseline(self):
        """A reform written for another rubric is refused."""
        with pytest.raises(ValidationError, match="written for 'kasn-2019', not 'permenpanrb-19-2025'"):
            load_reform(REFORM).apply(rezim_b())

    def test_malformed_document(self, tmp_path):
        """A malformed reform file names each bad key."""
        path = tmp_path / "r.toml"
        path.write_text('id = "baik"\nwarna = 1\nhapus_indikator = "7.2"\n')
        with pytest.raises(ValidationError) as info:
            load_reform(path)
        assert info.value.messages == ("$.hapus_indikator: expected a list, got str '7.2'", "$.warna: unknown key")
        path.write_text('id = "bad id"\n')
        with pytest.raises(ValidationError) as info:
            load_reform(path)
        assert info.value.messages == ("$.id: must be a non-empty id without spaces or '+', got 'bad id'",)


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
            "tanpa-8-2", {"indikator.8.1.bobot": "5"}, hapus_indikator=["8.2"]
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


class TestBoundaryRuleReform:
    @pytest.mark.parametrize(
        ("value", "lower_rule", "upper_rule"),
        [("174", "Buruk", "Buruk"), ("174.5", "Buruk", "Kurang"), ("249.5", "Kurang", "Baik"), ("250", "Baik", "Baik"), ("324.5", "Baik", "Sangat Baik")],
    )
    def test_half_points_in_gaps_move_up_under_upper_inclusive(self, value, lower_rule, upper_rule):
        """Switching the boundary rule to upper-inclusive sends half points in the gaps to the higher band."""
        upper = Reform("atas", {"aturan_batas.jenis": "atas_inklusif"}).apply(kasn())
        assert meritsys.classify(value, kasn()).kategori.label == lower_rule
        assert meritsys.classify(value, upper).kategori.label == upper_rule

    def test_batch_and_distance_follow_the_rule(self):
        """Under upper-inclusive bands the batch path agrees and the next band starts half a point above the bound."""
        upper = Reform("atas", {"aturan_batas.jenis": "atas_inklusif"}).apply(kasn())
        cohort = meritsys.read_penilaian(KOHORT)
        batch = meritsys.score_batch(cohort, upper)
        singles = [meritsys.score(p, upper) for p in cohort]
        assert batch.kategori_label() == [h.kategori.label for h in singles]
        kurang = next(h for h in singles if h.kategori.label == "Kurang")
        assert kurang.ke_kategori_berikut.kurang == Decimal("249.5") - kurang.indeks
