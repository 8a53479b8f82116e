"""Reforms: changes to a rubric by path, added and removed indicators, composed in order, every bad path named."""

from decimal import Decimal

import pytest

import meritsys
from meritsys import Status, ValidationError
from meritsys.policy import IndikatorBaru, Reform, apply_reforms, load_reform
from tests.helpers import KOHORT_A, REFORM, kasn, penilaian_a, rezim_b

KOHORT = KOHORT_A


def refused(reform, rubrik):
    """The messages of the ValidationError that applying *reform* to *rubrik* raises."""
    with pytest.raises(ValidationError) as info:
        reform.apply(rubrik)
    return info.value.messages


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
        assert [i.bobot.nilai for i in a1.indikator] == [Decimal("4.5"), Decimal("4.5"), Decimal("3"), Decimal("3")]
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
            tambah_indikator=[IndikatorBaru("7", "7.4", "Layanan kepegawaian daring", bobot="1")],
        )
        new = r.apply(kasn())
        assert [i.kode for i in new.aspek[6].indikator] == ["7.1", "7.3", "7.4"]
        assert new.indicator("7.4").level == kasn().indicator("7.1").level

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


class TestReformPaths:
    @pytest.mark.parametrize(
        ("ubah", "message"),
        [
            ({"aspek.1": "15"}, '$.ubah["aspek.1"]: expected aspek.<kode>.<field>'),
            ({"kategori.Baik": "260"}, '$.ubah["kategori.Baik"]: expected kategori.<kode>.<field>'),
            (
                {"bobot.total": "100"},
                '$.ubah["bobot.total"]: unknown path; paths start with one of aspek, indikator, kategori, gerbang, '
                "skala, aturan_batas, komposisi or name a top-level field",
            ),
            ({"komposisi.bobot_survei": "0.3"}, '$.ubah["komposisi.bobot_survei"]: the rubric has no komposisi'),
            ({"aspek.1.bobot": {"nilai": "15", "status": "acuan"}}, '$.ubah["aspek.1.bobot"]: give the new aspect weight as a decimal string'),
            ({"id": "kasn-2030"}, '$.ubah["id"]: id cannot be changed by a reform'),
        ],
        ids=["aspect-without-field", "category-without-field", "unknown-head", "no-komposisi-in-regime-a", "aspect-weight-table", "id"],
    )
    def test_malformed_paths_are_named(self, ubah, message):
        """A path that is incomplete, unknown or not in this rubric is refused with its own message."""
        assert refused(Reform("x", ubah), kasn()) == (message,)

    def test_gate_path_in_regime_b(self):
        """A gate question is addressed by its code and the baseline keeps the old wording."""
        new = Reform("tanya", {"gerbang.kematian.pertanyaan": "Ada pegawai yang meninggal dunia?"}).apply(rezim_b())
        assert {g.kode: g.pertanyaan for g in new.gerbang}["kematian"] == "Ada pegawai yang meninggal dunia?"
        assert {g.kode: g.pertanyaan for g in rezim_b().gerbang}["kematian"] != "Ada pegawai yang meninggal dunia?"

    def test_gate_path_in_a_rubric_without_gates(self):
        """A gate path on a rubric that has no gates is refused, naming the gate."""
        (message,) = refused(Reform("x", {"gerbang.kematian.pertanyaan": "?"}), kasn())
        assert message.startswith('$.ubah["gerbang.kematian.pertanyaan"]: no gate \'kematian\'')

    def test_top_level_field(self):
        """A one-word path changes a top-level field, such as the missing-answer policy."""
        new = Reform("kosong", {"kebijakan_kosong": "terendah"}).apply(kasn())
        assert new.kebijakan_kosong.value == "terendah"
        assert kasn().kebijakan_kosong != new.kebijakan_kosong

    @pytest.mark.parametrize(
        ("path", "read"),
        [
            ("indikator.1.1.petunjuk_bukti", lambda r: r.indicator("1.1").petunjuk_bukti),
            ("kategori.II.deskripsi", lambda r: r.kategori[1].deskripsi),
        ],
        ids=["indicator", "category"],
    )
    def test_optional_fields_empty_in_the_baseline_can_be_set(self, path, read):
        """An optional field the baseline leaves empty may still be given by a reform."""
        assert read(kasn()) is None
        assert read(Reform("isi", {path: "teks baru"}).apply(kasn())) == "teks baru"

    @pytest.mark.parametrize(
        ("rubrik", "path", "message"),
        [
            (kasn, "warna", "the rubric has no field 'warna'"),
            (kasn, "aspek.1.warna", "aspect 1 has no field 'warna'"),
            (kasn, "kategori.II.warna", "category II has no field 'warna'"),
            (kasn, "skala.warna", "skala has no field 'warna'"),
            (rezim_b, "komposisi.warna", "komposisi has no field 'warna'"),
            (rezim_b, "gerbang.kematian.warna", "gate kematian has no field 'warna'"),
        ],
        ids=["top-level", "aspect", "category", "scale", "composition", "gate"],
    )
    def test_unknown_field_names_its_holder(self, rubrik, path, message):
        """A field the addressed object does not have is refused, naming the object and the field."""
        assert refused(Reform("x", {path: "v"}), rubrik()) == (f'$.ubah["{path}"]: {message}',)

    @pytest.mark.parametrize("name", ["alias", "catatan"])
    def test_field_the_scale_lacks_is_refused_at_its_path(self, name):
        """A field name the scale does not have is refused where the reform names it."""
        assert refused(Reform("x", {f"skala.{name}": "v"}), kasn()) == (f'$.ubah["skala.{name}"]: skala has no field {name!r}',)

    def test_no_gates_to_choose_from_says_none(self):
        """Addressing a gate in a rubric without gates says there are none."""
        path = "gerbang.kematian.pertanyaan"
        assert refused(Reform("x", {path: "?"}), kasn()) == (f'$.ubah["{path}"]: no gate \'kematian\'; known: none',)

    def test_rescaling_names_the_indicator_without_a_weight(self):
        """An aspect weight cannot rescale a new indicator given no weight; the message names that indicator."""
        reform = Reform("x", {"aspek.1.bobot": "15"}, tambah_indikator=(IndikatorBaru("1", "1.4", "baru"),))
        assert refused(reform, kasn()) == ('$.ubah["aspek.1.bobot"]: indicator 1.4 of aspect 1 has no bobot to rescale',)

    def test_rescaling_names_the_indicator_with_a_bad_weight(self):
        """A malformed indicator weight blocks the aspect's rescaling and is named, not blamed on the aspect."""
        reform = Reform("x", {"indikator.1.1.bobot": {"nilai": "x"}, "aspek.1.bobot": "15"})
        assert refused(reform, kasn()) == (
            '$.ubah["aspek.1.bobot"]: indicator 1.1 has the weight \'x\', which is not a number',
        )


class TestReformWeights:
    def test_explicit_maximum_is_kept(self):
        """An aspect maximum the reform sets itself is not recomputed and notes the reform."""
        new = Reform("x", {"aspek.1.bobot": "15", "aspek.6.bobot": "5", "aspek.1.maksimum": "60"}).apply(kasn())
        m = new.aspek[0].maksimum
        assert m.nilai == Decimal(60)
        assert m.catatan == "diubah oleh reform x; sebelumnya 40 (resmi)"
        assert new.aspek[5].maksimum.catatan.startswith("dihitung ulang setelah reform x")

    def test_explicit_maximum_must_fit_the_weights(self):
        """An explicit aspect maximum that the weights do not give is refused, naming the reform."""
        messages = refused(Reform("x", {"aspek.1.bobot": "15", "aspek.6.bobot": "5", "aspek.1.maksimum": "61"}), kasn())
        assert messages == ("$.aspek[0].maksimum: declared 61 but the indicators give 60 (sum of bobot x highest level) (in the rubric after reform x)",)

    def test_aspect_without_weight_cannot_be_rescaled(self):
        """Rescaling an aspect whose indicators all weigh 0 is refused at the aspect's path."""
        messages = refused(Reform("x", {"indikator.7.1.bobot": "0", "indikator.7.2.bobot": "0", "indikator.7.3.bobot": "0", "aspek.7.bobot": "2.5"}), kasn())
        assert messages == ('$.ubah["aspek.7.bobot"]: the aspect\'s indicators have no weight to rescale',)


class TestReformIndicators:
    def test_new_indicator_needs_a_known_aspect(self):
        """Adding an indicator to an aspect that does not exist names the aspect."""
        reform = Reform("x", {}, tambah_indikator=[IndikatorBaru("9", "9.1", "Baru", bobot="1")])
        assert refused(reform, kasn()) == ("$.tambah_indikator[0].aspek: no aspect '9'",)

    def test_emptied_aspect_needs_levels(self):
        """An indicator joining an aspect emptied by the same reform must bring its own levels."""
        reform = Reform("x", {}, hapus_indikator=["7.1", "7.2", "7.3"], tambah_indikator=[IndikatorBaru("7", "7.9", "Baru", bobot="2.5")])
        assert refused(reform, kasn()) == ("$.tambah_indikator[0].level: required: the aspect has no indicator to copy levels from",)

    def test_emptied_aspect_with_levels(self):
        """With its own levels, an indicator can replace every indicator of an aspect."""
        level = [{"nilai": n, "deskriptor": f"Level {n}"} for n in range(5)]
        reform = Reform("x", {}, hapus_indikator=["7.1", "7.2", "7.3"], tambah_indikator=[IndikatorBaru("7", "7.9", "Baru", bobot="2.5", level=level)])
        new = reform.apply(kasn())
        assert [i.kode for i in new.aspek[6].indikator] == ["7.9"]
        assert [lv.deskriptor for lv in new.indicator("7.9").level] == [f"Level {n}" for n in range(5)]

    def test_regime_b_indicator_with_subaspek_and_no_weight(self):
        """In regime B a new indicator needs no weight and may name its sub-aspect."""
        reform = Reform("x", {}, tambah_indikator=[IndikatorBaru("8", "8.3", "Tanda tangan elektronik", subaspek="Data Manajemen ASN")])
        ind = reform.apply(rezim_b()).indicator("8.3")
        assert (ind.subaspek, ind.bobot) == ("Data Manajemen ASN", None)

    def test_unknown_subaspek_is_refused(self):
        """A sub-aspect the aspect does not have is refused in the resulting rubric, naming the reform."""
        reform = Reform("x", {}, tambah_indikator=[IndikatorBaru("8", "8.3", "Baru", subaspek="Tidak Ada")])
        assert refused(reform, rezim_b()) == ("$.aspek[7].indikator[2].subaspek: 'Tidak Ada' is not a subaspek of aspect 8 (in the rubric after reform x)",)


class TestLoadReformMapping:
    def test_mapping(self):
        """load_reform accepts a mapping, as an inline table in a policy test gives it."""
        reform = load_reform({"id": "nol", "dasar": "kasn-2019", "ubah": {"kebijakan_kosong": "nol"}})
        assert (reform.id, reform.dasar, dict(reform.ubah)) == ("nol", "kasn-2019", {"kebijakan_kosong": "nol"})

    def test_mapping_with_unknown_key(self):
        """A mapping with an unknown key is refused with its path, like a file."""
        with pytest.raises(ValidationError) as info:
            load_reform({"id": "nol", "ubahh": {}})
        assert info.value.messages == ("$.ubahh: unknown key",)
