"""jpt-2021: the JPT quality index as a second shipped rubric, its numbers and its place in the registry."""

import datetime as dt
from decimal import Decimal

import pytest

import meritsys
from meritsys import RubricNotFoundError, Status, classify, get_rubrik, list_rubrik, rubrik_for_date
from meritsys.model import INDEKS_KUALITAS_JPT
from meritsys.rubrics import clear_registered, register_rubrik
from tests.helpers import JPT, KASN, B, jpt, rubrik_data


class TestJpt2021:
    @pytest.mark.parametrize(
        ("nilai", "label"),
        [
            ("82.94", "Baik"),  # Kabupaten Serdang Bedagai 2023
            ("83.5", "Baik"),
            ("86.8", "Baik"),  # Kabupaten Kudus 2023
            ("92.4", "Sangat Baik"),
            ("92.5", "Sangat Baik"),
        ],
    )
    def test_published_results_classify_as_published(self, nilai, label):
        """Every published JPT result lands in the category it was published with."""
        assert classify(nilai, JPT).kategori.label == label

    def test_policy_target_is_baik(self):
        """The RKP 2020 target of 85 lies inside Baik (context, not a cut-off)."""
        assert classify("85", JPT).kategori.label == "Baik"

    def test_dimension_weights_are_the_secondary_percentages(self):
        """The four dimensions weigh 25, 40, 15 and 20 of a 0-100 scale, all sekunder."""
        r = jpt()
        assert [(a.nama, a.bobot.nilai, a.bobot.status) for a in r.aspek] == [
            ("Persiapan", Decimal("25"), Status.SEKUNDER),
            ("Pelaksanaan", Decimal("40"), Status.SEKUNDER),
            ("Pelaporan", Decimal("15"), Status.SEKUNDER),
            ("Inovasi", Decimal("20"), Status.SEKUNDER),
        ]
        assert (r.skala.minimum.nilai, r.skala.maksimum.nilai, r.jumlah_bobot.nilai) == (0, 100, 100)

    def test_cut_offs_and_deduction_are_labelled_acuan(self):
        """The category cut-offs, the boundary rule and the deduction's form are acuan, each naming what is unknown."""
        r = jpt()
        bounds = [b for k in r.kategori for b in (k.batas_bawah, k.batas_atas) if b is not None]
        cuts = [b for b in bounds if b.nilai not in (0, 100)]
        assert cuts
        assert all(b.status is Status.ACUAN and "TIDAK DIKETAHUI" in b.catatan for b in cuts)
        rule = r.komposisi.koreksi
        assert (rule.minimum.nilai, rule.maksimum.nilai) == (Decimal("-10"), Decimal("0"))
        assert rule.minimum.status is rule.maksimum.status is Status.ACUAN
        assert r.aturan_batas.status is Status.ACUAN
        assert r.status_berlaku is Status.ACUAN

    def test_bands_partition_the_scale_in_hundredths(self):
        """Kurang, Cukup, Baik and Sangat Baik meet one hundredth apart at 70, 80 and 90."""
        labels = [classify(v, JPT).kategori.label for v in ("69.99", "70", "79.99", "80", "89.99", "90", "100")]
        assert labels == ["Kurang", "Cukup", "Cukup", "Baik", "Baik", "Sangat Baik", "Sangat Baik"]

    def test_no_survey_and_a_deduction_only(self):
        """The composition weighs the dimensions alone (no survey) and allows corrections from -10 to 0."""
        komp = jpt().komposisi
        assert not komp.pakai_survei
        assert [komp.koreksi.allows(Decimal(v)) for v in ("-10", "-2.5", "0", "0.01", "-10.01")] == [True, True, True, False, False]

    def test_indicators_are_reference_values(self):
        """Every indicator is an acuan reference (noted), levels 0-4, no evidence rule."""
        r = jpt()
        assert len(r.indikator) == 15
        assert all("acuan" in i.catatan.lower() and (i.level_min, i.level_maks) == (0, 4) and not i.bukti_wajib for i in r.indikator)

    def test_status_counts(self):
        """The rubric file holds no resmi number: its numbers are sekunder or acuan."""
        counts = dict.fromkeys(("resmi", "sekunder", "acuan"), 0)

        def visit(obj):
            if isinstance(obj, dict):
                if {"nilai", "status"} <= set(obj):
                    counts[obj["status"]] += 1
                for v in obj.values():
                    visit(v)
            elif isinstance(obj, list):
                for v in obj:
                    visit(v)

        visit(rubrik_data(jpt()))
        assert counts == {"resmi": 0, "sekunder": 10, "acuan": 11}


class TestRegistryByIndex:
    def test_each_rubric_names_its_index(self):
        """The merit rubrics compute the merit-system index, jpt-2021 the JPT quality index."""
        assert {r.id: r.indeks for r in list_rubrik()} == {KASN: "sistem-merit", B: "sistem-merit", JPT: INDEKS_KUALITAS_JPT}

    @pytest.mark.parametrize(
        ("tanggal", "rid"),
        [(dt.date(2021, 1, 1), KASN), (dt.date(2023, 6, 30), KASN), (dt.date(2025, 12, 30), KASN), (dt.date(2026, 9, 1), B)],
        ids=["2021", "2023", "2025", "2026"],
    )
    def test_rubrik_for_date_still_returns_merit_rubrics(self, tanggal, rid):
        """jpt-2021 is in force too, yet the rubric for a date is the merit rubric unless the JPT index is asked for."""
        assert jpt().in_force_on(tanggal)
        assert rubrik_for_date(tanggal).id == rid

    def test_rubrik_for_date_of_the_jpt_index(self):
        """Asked for the JPT index, the registry gives jpt-2021 from 2021 on, and names the index when none is in force."""
        assert rubrik_for_date(dt.date(2026, 9, 1), indeks="kualitas-jpt").id == JPT
        with pytest.raises(RubricNotFoundError, match="no known rubric of index 'kualitas-jpt' is in force on 2020-12-31"):
            rubrik_for_date(dt.date(2020, 12, 31), indeks="kualitas-jpt")

    def test_list_by_index(self):
        """list_rubrik(indeks) lists the rubrics of one index."""
        assert [r.id for r in list_rubrik("sistem-merit")] == [KASN, B]
        assert [r.id for r in list_rubrik(INDEKS_KUALITAS_JPT)] == [JPT]
        assert list_rubrik("tidak-ada") == ()

    def test_a_users_jpt_rubric_wins_for_its_index_only(self):
        """A registered rubric of the JPT index replaces jpt-2021 for that index and never stands in for the merit index."""
        import attrs

        own = attrs.evolve(jpt(), id="jpt-saya")
        try:
            register_rubrik(own)
            assert rubrik_for_date(dt.date(2023, 1, 1), indeks="kualitas-jpt") is own
            assert rubrik_for_date(dt.date(2023, 1, 1)).id == KASN
        finally:
            clear_registered()

    def test_index_name_is_a_slug(self):
        """An index name with spaces is refused at its path."""
        import attrs

        with pytest.raises(meritsys.ValidationError, match=r"\$\.indeks: must be a non-empty string without spaces"):
            attrs.evolve(jpt(), indeks="kualitas jpt")

    def test_merit_rubrics_unchanged(self):
        """The merit rubrics keep their category bounds and scale (their results are unchanged)."""
        assert [fmt.batas_bawah.nilai for fmt in get_rubrik(KASN).kategori] == [100, 175, 250, 325]
        assert get_rubrik(B).komposisi.pakai_survei
        assert get_rubrik(B).komposisi.koreksi is None


class TestReformsOfTheJptRubric:
    def test_a_reform_replaces_the_deduction_range(self):
        """A reform may set komposisi.koreksi: a user who knows the real range narrows the deduction, and scoring follows."""
        from meritsys import score
        from meritsys.policy import Reform
        from tests.helpers import penilaian_jpt

        lima = {"nilai": "-5", "status": "resmi", "sumber": "instrumen resmi (contoh)"}
        reformed = Reform("potong-5", {"komposisi.koreksi": {"nama": "Pengaduan dan pelanggaran", "minimum": lima}}).apply(jpt())
        assert reformed.komposisi.koreksi.describe() == "-5.. (resmi)"
        with pytest.raises(meritsys.ValidationError, match=r"\$\.koreksi: -7 is outside -5\.\. \(resmi\)"):
            score(penilaian_jpt(3, koreksi="-7"), reformed)
        assert score(penilaian_jpt(3, koreksi="-7")).indeks == Decimal("68.00")

    def test_a_broken_range_names_its_path(self):
        """A reform that puts 0 outside the range is refused at komposisi.koreksi.minimum."""
        from meritsys.policy import Reform

        with pytest.raises(meritsys.ValidationError, match=r"\$\.komposisi\.koreksi\.minimum: must not be above 0"):
            Reform("salah", {"komposisi.koreksi": {"nama": "X", "minimum": {"nilai": "1", "status": "resmi"}}}).apply(jpt())
