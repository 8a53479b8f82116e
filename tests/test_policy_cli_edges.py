"""Edges of reforms, policy test files and the command line: every bad input is refused by name."""

import io
import json
import shutil
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

import meritsys
from meritsys import ValidationError
from meritsys.cli import main
from meritsys.io import dumps_rubrik
from meritsys.policy import IndikatorBaru, Reform, load_reform
from meritsys.policy.kasus import find_files, is_policy_file, load_cases, run_case, run_file
from meritsys.scoring import reload_plugins
from tests.helpers import kasn, rezim_b, rubrik_data

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "examples" / "data"
KOHORT_A = str(DATA / "kohort-kasn-2023.json")
KOHORT_B = str(DATA / "kohort-permenpanrb-2026.json")
SATU = DATA / "penilaian-kab-sukamaju-2023.json"
REFORM = str(ROOT / "examples" / "reform" / "baik-260.toml")
DEEP = "[" * 100_000


def run(*argv, err=None):
    out, err = io.StringIO(), err if err is not None else io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def refused(reform, rubrik):
    """The messages of the ValidationError that applying *reform* to *rubrik* raises."""
    with pytest.raises(ValidationError) as info:
        reform.apply(rubrik)
    return info.value.messages


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


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
        messages = refused(Reform("x", {"indikator.7.1.bobot": "0", "indikator.7.2.bobot": "0", "aspek.7.bobot": "2.5"}), kasn())
        assert messages == ('$.ubah["aspek.7.bobot"]: the aspect\'s indicators have no weight to rescale',)


class TestReformIndicators:
    def test_new_indicator_needs_a_known_aspect(self):
        """Adding an indicator to an aspect that does not exist names the aspect."""
        reform = Reform("x", {}, tambah_indikator=[IndikatorBaru("9", "9.1", "Baru", bobot="1")])
        assert refused(reform, kasn()) == ("$.tambah_indikator[0].aspek: no aspect '9'",)

    def test_emptied_aspect_needs_levels(self):
        """An indicator joining an aspect emptied by the same reform must bring its own levels."""
        reform = Reform("x", {}, hapus_indikator=["7.1", "7.2"], tambah_indikator=[IndikatorBaru("7", "7.9", "Baru", bobot="2.5")])
        assert refused(reform, kasn()) == ("$.tambah_indikator[0].level: required: the aspect has no indicator to copy levels from",)

    def test_emptied_aspect_with_levels(self):
        """With its own levels, an indicator can replace every indicator of an aspect."""
        level = [{"nilai": n, "deskriptor": f"Level {n}"} for n in range(5)]
        reform = Reform("x", {}, hapus_indikator=["7.1", "7.2"], tambah_indikator=[IndikatorBaru("7", "7.9", "Baru", bobot="2.5", level=level)])
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


class TestPolicyFiles:
    def test_only_toml_files_are_policy_files(self, tmp_path):
        """A JSON file is never a policy test file, even if it mentions [[kasus]]."""
        path = tmp_path / "test_x.json"
        path.write_text('{"note": "[[kasus]]"}')
        assert not is_policy_file(path)

    def test_unreadable_toml_is_skipped_when_searching(self, tmp_path):
        """A folder named *.toml or an undecodable *.toml file is not taken for a policy test file."""
        _write(tmp_path, "test_ok.toml", "[[kasus]]\n")
        (tmp_path / "folder.toml").mkdir()
        (tmp_path / "biner.toml").write_bytes(b"\xff\xfe[[kasus]]")
        assert [p.name for p in find_files(tmp_path)] == ["test_ok.toml"]

    def test_missing_file_is_one_failure(self, tmp_path):
        """Running a file that does not exist gives one failed result naming the file."""
        (result,) = run_file(tmp_path / "test_hilang.toml")
        assert (result.lulus, result.nama) == (False, "test_hilang.toml")
        assert "cannot read" in result.galat
        assert "test_hilang.toml" in result.galat


CASE = {"nama": "n", "penilaian": KOHORT_A, "instansi": "kementerian-ilustrasi"}


class TestPolicyCases:
    @pytest.mark.parametrize(
        ("extra", "error"),
        [
            ({"penilaian": None, "harapan": {"kategori": "Baik"}}, "penilaian: give a file path or an inline table"),
            ({"penilaian": 5, "harapan": {"kategori": "Baik"}}, "penilaian: give a file path or an inline table"),
            ({"rubrik": "kasn-2019", "tanggal": "2023-06-30", "harapan": {"kategori": "Baik"}}, "give rubrik or tanggal, not both"),
            ({"tanggal": 2023, "harapan": {"kategori": "Baik"}}, "tanggal: expected a date (YYYY-MM-DD)"),
            ({"reform": REFORM, "harapan": {"kategori": "Baik"}}, "reform: expected a list of reform files or tables"),
            ({"harapan": {"aspek": "1"}}, "harapan.aspek: expected a table of aspect code = value"),
            ({"harapan": {"kategori": "Baik", "warna": "biru"}}, "unknown key(s) in harapan: warna"),
            ({"harapan": {"indeks": True}}, "harapan.indeks: expected a number written as a string, got True"),
            ({"harapan": {"indeks": "261", "toleransi": ["1"]}}, "harapan.toleransi: expected a number written as a string, got ['1']"),
            ({"harapan": {"aspek": {"1": False}}}, "harapan.aspek.1: expected a number written as a string, got False"),
            ({"strategi": "tidak-ada", "harapan": {"kategori": "Baik"}}, "no strategy 'tidak-ada'"),
            ({"reform": [{"id": "x", "warna": 1}], "harapan": {"kategori": "Baik"}}, "$.reform[0].warna: unknown key"),
            ({"reform": [1], "harapan": {"kategori": "Baik"}}, "$.reform[0]: expected a reform file (a string) or an inline table, got 1"),
            ({"tanggal": "30/06/2023", "harapan": {"kategori": "Baik"}}, "$.tanggal: expected a date (YYYY-MM-DD), got '30/06/2023'"),
            ({"harapan": {"di_luar_skala": "false"}}, "$.harapan.di_luar_skala: expected true or false, got 'false'"),
            ({"harapan": 5}, "harapan: a table of expectations is required"),
        ],
        ids=[
            "no-penilaian", "penilaian-number", "rubrik-and-tanggal", "tanggal-number", "reform-not-list", "aspek-not-table",
            "unknown-expectation", "indeks-bool", "toleransi-list", "aspek-value-bool", "unknown-strategy", "bad-inline-reform",
            "reform-item-number", "tanggal-not-iso", "di-luar-skala-string", "harapan-not-table",
        ],
    )
    def test_bad_case_fails_with_its_message(self, tmp_path, extra, error):
        """A malformed case fails with a message naming the problem instead of a diff."""
        case = {k: v for k, v in {**CASE, **extra}.items() if v is not None}
        result = run_case(case, tmp_path / "test_x.toml")
        assert not result.lulus
        assert result.selisih == ()
        assert error in result.galat
        assert result.report().splitlines()[1].strip() == result.galat.splitlines()[0]

    def test_date_as_string(self, tmp_path):
        """tanggal may be written as an ISO date string as well as a TOML date."""
        result = run_case({**CASE, "tanggal": "2023-06-30", "harapan": {"indeks": "261", "kategori": "Baik"}}, tmp_path / "t.toml")
        assert result.lulus, result.report()
        assert result.hasil.rubrik.id == "kasn-2019"

    def test_inline_reform_table(self, tmp_path):
        """A reform may be given inline as a table; it is applied like a reform file."""
        reform = {"id": "baik-262", "ubah": {"kategori.Baik.batas_bawah": "262", "kategori.Kurang.batas_atas": "261"}}
        result = run_case({**CASE, "reform": [reform], "harapan": {"kategori": "Kurang", "indeks": "261"}}, tmp_path / "t.toml")
        assert result.lulus, result.report()
        assert result.hasil.rubrik.reform == ("baik-262",)

    def test_category_by_code(self, tmp_path):
        """The expected category may be given by its code, case-insensitively."""
        assert run_case({**CASE, "harapan": {"kategori": "iii"}}, tmp_path / "t.toml").lulus
        result = run_case({**CASE, "harapan": {"kategori": "II"}}, tmp_path / "t.toml")
        assert [(s.apa, s.harapan, s.aktual) for s in result.selisih] == [("kategori", "II", "Baik")]

    def test_out_of_scale_expectation(self, tmp_path):
        """A wrong di_luar_skala expectation is reported as a diff of lower-case booleans."""
        result = run_case({**CASE, "harapan": {"di_luar_skala": True}}, tmp_path / "t.toml")
        assert [(s.apa, s.harapan, s.aktual) for s in result.selisih] == [("di_luar_skala", "true", "false")]
        assert run_case({**CASE, "harapan": {"di_luar_skala": False}}, tmp_path / "t.toml").lulus

    def test_aspect_expectations(self, tmp_path):
        """An unknown aspect and a wrong aspect value are both reported, with the actual value."""
        result = run_case({**CASE, "harapan": {"aspek": {"9": "1", "1": "1"}}}, tmp_path / "t.toml")
        assert [(s.apa, s.harapan, s.aktual) for s in result.selisih] == [("aspek 9", "1", "(no such aspect)"), ("aspek 1", "1", "20")]
        report = result.report()
        assert "  aspek 9:\n    - harapan: 1\n    + aktual:  (no such aspect)" in report

    def test_aspect_tolerance(self, tmp_path):
        """toleransi also applies to per-aspect values."""
        assert run_case({**CASE, "harapan": {"aspek": {"1": "19.5"}, "toleransi": "0.5"}}, tmp_path / "t.toml").lulus
        assert not run_case({**CASE, "harapan": {"aspek": {"1": "19.5"}, "toleransi": "0.4"}}, tmp_path / "t.toml").lulus

    def test_malformed_case_does_not_stop_the_others(self, tmp_path):
        """A case of the wrong shape fails with its problem and the next case still runs."""
        path = _write(tmp_path, "test_m.toml", f"""
            [[kasus]]
            nama = "rusak"
            penilaian = "{Path(KOHORT_A).as_posix()}"
            instansi = "kementerian-ilustrasi"
            reform = [1]
            [kasus.harapan]
            kategori = "Baik"

            [[kasus]]
            nama = "utuh"
            penilaian = "{Path(KOHORT_A).as_posix()}"
            instansi = "kementerian-ilustrasi"
            [kasus.harapan]
            kategori = "Baik"
        """)
        first, second = run_file(path)
        assert not first.lulus
        assert first.galat.startswith("$.reform[0]: expected a reform file")
        assert second.lulus


class TestCompareCommand:
    def test_table(self):
        """The table lists who changes category, the transition matrix and the rounded mean change."""
        code, out, err = run("compare", KOHORT_A, "--baseline", "kasn-2019", "--reform", REFORM)
        assert (code, err) == (0, "")
        lines = out.splitlines()
        assert lines[0] == "kasn-2019 vs reform baik-260: 1 of 12 change category"
        assert lines[3].split() == ["kementerian-ilustrasi", "2023", "penetapan", "261", "Baik", "259", "Kurang", "-2"]
        matrix = lines[lines.index("Transisi (baris: baseline, kolom: reform):") + 3:][:4]
        assert [row.split()[-4:] for row in matrix] == [["1", "0", "0", "0"], ["0", "3", "0", "0"], ["0", "1", "5", "0"], ["0", "0", "0", "2"]]
        assert lines[-1] == "naik 0, turun 1, tetap 11; selisih indeks rerata +0.88"

    def test_composed_reforms(self, tmp_path):
        """Repeated --reform options compose in order and both ids head the table."""
        second = _write(tmp_path, "sb.toml", """
            id = "sangat-baik-335"
            dasar = "kasn-2019"
            [ubah]
            "kategori.IV.batas_bawah" = "335"
            "kategori.III.batas_atas" = "334"
        """)
        code, out, _ = run("compare", KOHORT_A, "--baseline", "kasn-2019", "--reform", REFORM, "--reform", second)
        assert code == 0
        assert out.splitlines()[0] == "kasn-2019 vs reform baik-260+sangat-baik-335: 2 of 12 change category"
        assert "kota-contoh" in out.splitlines()[3]

    def test_no_change_omits_the_row_table(self, tmp_path):
        """A reform that moves nobody prints no row table, only the matrix and summary."""
        reform = _write(tmp_path, "catatan.toml", 'id = "catatan"\n[ubah]\n"aturan_batas.catatan" = "tidak mengubah angka"\n')
        code, out, _ = run("compare", KOHORT_A, "--baseline", "kasn-2019", "--reform", reform)
        assert code == 0
        assert out.splitlines()[:3] == ["kasn-2019 vs reform catatan: 0 of 12 change category", "", "Transisi (baris: baseline, kolom: reform):"]
        assert out.splitlines()[-1] == "naik 0, turun 0, tetap 12; selisih indeks rerata 0"

    def test_removed_indicator_note(self, tmp_path):
        """Answers to an indicator the reform removes are left out on the reform side, with a note."""
        reform = _write(tmp_path, "hapus.toml", 'id = "hapus-7-2"\nhapus_indikator = ["7.2"]\n[ubah]\n"indikator.7.1.bobot" = "2.5"\n')
        code, out, _ = run("compare", KOHORT_A, "--baseline", "kasn-2019", "--reform", reform)
        assert code == 0
        assert out.splitlines()[-1] == "catatan: 12 answer(s) to indicators the reform removes (7.2) are left out on the reform side"

    def test_csv_changed_and_all(self):
        """--format csv writes only changed rows, or every row with --semua, in cohort order."""
        argv = ("compare", KOHORT_A, "--baseline", "kasn-2019", "--reform", REFORM, "--format", "csv")
        code, out, _ = run(*argv)
        assert code == 0
        assert out.splitlines() == [
            "instansi,tahun,tahap,indeks_lama,kategori_lama,indeks_baru,kategori_baru,selisih,arah",
            "kementerian-ilustrasi,2023,penetapan,261,Baik,259,Kurang,-2,turun",
        ]
        code, out, _ = run(*argv, "--semua")
        lines = out.splitlines()
        assert (code, len(lines)) == (0, 13)
        assert lines[1] == "kab-sukamaju,2023,penetapan,286.5,Baik,289,Baik,2.5,tetap"
        assert lines[-1] == "komisi-contoh,2023,penetapan,184,Kurang,189,Kurang,5,tetap"

    def test_json(self):
        """--format json prints the provenance, matrix, summary and rows, decimals as strings."""
        code, out, err = run("compare", KOHORT_A, "--baseline", "kasn-2019", "--reform", REFORM, "--format", "json")
        assert (code, err) == (0, "")
        data = json.loads(out)
        assert (data["baseline"]["reform"], data["reform"]["reform"]) == ([], ["baik-260"])
        assert data["baseline"]["sha256"] != data["reform"]["sha256"]
        assert data["transisi"] == [[1, 0, 0, 0], [0, 3, 0, 0], [0, 1, 5, 0], [0, 0, 0, 2]]
        assert data["ringkasan"]["selisih_rerata"] == "0.8750"
        assert data["ringkasan"]["berubah"] == 1
        assert data["baris"] == [{
            "instansi": "kementerian-ilustrasi", "tahun": 2023, "tahap": "penetapan", "indeks_lama": "261", "kategori_lama": "Baik",
            "indeks_baru": "259", "kategori_baru": "Kurang", "selisih": "-2", "arah": "turun",
        }]

    def test_strategy_for_both_sides(self):
        """--strategy scores both sides with the named strategy."""
        code, out, _ = run("compare", KOHORT_A, "--baseline", "kasn-2019", "--reform", REFORM, "--strategy", "geometric-mean", "--format", "json")
        assert code == 0
        assert json.loads(out)["ringkasan"]["berubah"] == 2

    @pytest.mark.parametrize(
        ("strategy", "message"),
        [
            ("tidak-ada", "meritsys: usage error: no strategy 'tidak-ada'; available: "),
            ("maturity", "meritsys: usage error: strategy maturity needs aspect weights and a komposisi; rubrik kasn-2019 weighs indicators"),
        ],
        ids=["unknown", "incompatible"],
    )
    def test_bad_strategy_is_usage_error(self, strategy, message):
        """An unknown or unsuitable --strategy is a usage error (exit 2), printed once."""
        code, out, err = run("compare", KOHORT_A, "--baseline", "kasn-2019", "--reform", REFORM, "--strategy", strategy)
        assert (code, out) == (2, "")
        assert err.startswith(message)
        assert err.count("usage error") == 1

    def test_reform_for_another_rubric(self):
        """A reform written for another rubric exits 1 with the documented message."""
        code, out, err = run("compare", KOHORT_B, "--baseline", "permenpanrb-19-2025", "--reform", REFORM)
        assert (code, out) == (1, "")
        assert err == "meritsys: error: invalid input (1 problem):\n  $.dasar: the reform is written for 'kasn-2019', not 'permenpanrb-19-2025'\n"

    def test_data_of_another_rubric(self):
        """Assessments of another rubric exit 1, each named with the side it failed on."""
        code, _, err = run("compare", KOHORT_B, "--baseline", "kasn-2019", "--reform", REFORM)
        assert code == 1
        assert "invalid input (5 problems)" in err
        assert "$[4].rubrik: assessment is for 'permenpanrb-19-2025', not 'kasn-2019' (under the baseline)" in err

    def test_missing_reform_file(self, tmp_path):
        """A reform file that cannot be read exits 1 naming it."""
        code, _, err = run("compare", KOHORT_A, "--baseline", "kasn-2019", "--reform", tmp_path / "hilang.toml")
        assert code == 1
        assert f"cannot read {tmp_path / 'hilang.toml'}: No such file or directory" in err

    def test_empty_cohort(self, tmp_path):
        """An empty cohort compares to empty counts and no mean change."""
        path = tmp_path / "kosong.json"
        path.write_text("[]")
        code, out, _ = run("compare", path, "--baseline", "kasn-2019", "--reform", REFORM)
        assert code == 0
        assert out.splitlines()[0] == "kasn-2019 vs reform baik-260: 0 of 0 change category"
        assert out.splitlines()[-1] == "naik 0, turun 0, tetap 0; selisih indeks rerata -"


class TestScoreTable:
    def test_cohort_table_marks_out_of_scale(self):
        """A cohort table marks an out-of-scale index with * and explains it, without per-aspect detail."""
        code, out, _ = run("score", KOHORT_A)
        assert code == 0
        row = next(line for line in out.splitlines() if line.startswith("kab-tanjung-asri"))
        assert "Buruk *" in row
        assert "* di luar skala resmi: tetap dikategorikan ke pita terdekat" in out
        assert "Naik satu level" not in out
        assert "capaian" not in out

    def test_maturity_only_table_is_flagged(self):
        """With --tanpa-survei each row is marked † and the mark is explained under the table."""
        code, out, err = run("score", KOHORT_B, "--tanpa-survei")
        assert code == 0
        assert "Menengah †" in out
        assert out.rstrip().splitlines()[-1] == "† indeks maturitas saja, tanpa survei (diminta dengan --tanpa-survei)"
        assert err.count("maturity-only index") == 5

    def test_tanpa_survei_on_regime_a_is_usage_error(self):
        """--tanpa-survei with a strategy other than maturity exits 2, once for the whole file."""
        code, out, err = run("score", KOHORT_A, "--tanpa-survei")
        assert (code, out) == (2, "")
        assert err == "meritsys: usage error: --tanpa-survei applies to the maturity strategy only\n"

    def test_top_score_has_no_suggestions(self, tmp_path):
        """An assessment at the top of every indicator shows its aspects but no next steps."""
        data = json.loads(SATU.read_text())
        data["jawaban"] = dict.fromkeys(data["jawaban"], 4)
        path = tmp_path / "puncak.json"
        path.write_text(json.dumps(data))
        code, out, _ = run("score", path)
        assert code == 0
        assert "Sangat Baik  -" in out
        assert "capaian" in out
        assert "Naik satu level" not in out


class TestValidateAndShow:
    def test_json_rubric_file(self, tmp_path):
        """validate recognises a JSON rubric file (an object with aspek) and checks it as a rubric."""
        path = tmp_path / "kasn.json"
        path.write_text(dumps_rubrik(kasn()))
        assert run("validate", path) == (0, "ok: rubrik kasn-2019 is valid (8 aspects, 24 indicators)\n", "")

    def test_broken_json_rubric_file(self, tmp_path):
        """A broken JSON rubric file exits 1 listing every broken rule with its path."""
        data = rubrik_data(kasn())
        data["aspek"][0]["indikator"][0]["bobot"]["nilai"] = "6"
        path = tmp_path / "kasn.json"
        path.write_text(json.dumps(data))
        code, out, err = run("validate", path)
        assert (code, out) == (1, "")
        assert err.splitlines() == [
            "meritsys: error: invalid input (2 problems):",
            "  $.aspek[0].maksimum: declared 40 but the indicators give 44 (sum of bobot x highest level)",
            "  $.jumlah_bobot: declared 100 but the indikator weights add up to 101",
        ]

    def test_show_regime_b_lists_aspect_weights(self):
        """rubrik show prints a regime B aspect's own weight with its status, and no maximum."""
        code, out, _ = run("rubrik", "show", "permenpanrb-19-2025")
        assert code == 0
        row = next(line for line in out.splitlines() if line.startswith("8 "))
        assert row.split()[-3:] == ["0.1", "(sekunder)", "-"]


class TestStrategiesAndPlugins:
    def test_list_text_and_json(self):
        """strategies list prints one name per line, or a JSON list, of the same names."""
        code, out, _ = run("strategies", "list")
        assert code == 0
        names = out.split()
        assert {"geometric-mean", "maturity", "weakest-aspect-cap", "weighted-sum"} <= set(names)
        code, out, _ = run("strategies", "list", "--format", "json")
        assert (code, json.loads(out)) == (0, names)

    def test_broken_plugin_is_one_warning_line(self, tmp_path, monkeypatch):
        """In process, a plugin that fails to load becomes one stderr warning line and the command succeeds."""
        dist = tmp_path / "meritsys_rusak-0.1.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: meritsys-rusak\nVersion: 0.1\n")
        (dist / "entry_points.txt").write_text("[meritsys.strategies]\nrusak = tidak_ada_modul:Strategi\n")
        monkeypatch.syspath_prepend(str(tmp_path))
        reload_plugins()
        try:
            code, out, err = run("strategies", "list")
        finally:
            monkeypatch.undo()
            reload_plugins()
        assert code == 0
        assert "weighted-sum" in out.split()
        assert "rusak" not in out.split()
        assert err.count("\n") == 1
        assert err.startswith("meritsys: warning: plugin 'rusak' (tidak_ada_modul:Strategi) in meritsys.strategies failed to load")


class TestDemoFiles:
    def test_installed_copy_uses_the_packaged_cohort(self, tmp_path, monkeypatch):
        """An installed copy scores the cohorts shipped in meritsys/_contoh and nothing else there."""
        contoh = tmp_path / "_contoh"
        contoh.mkdir()
        shutil.copy(KOHORT_B, contoh / "kohort-permenpanrb-2026.json")
        shutil.copy(SATU, contoh / "penilaian-kab-sukamaju-2023.json")
        monkeypatch.setattr("meritsys.cli.resources.files", lambda package: tmp_path)
        code, out, _ = run("demo")
        assert code == 0
        assert "[permenpanrb-19-2025] - kohort-permenpanrb-2026.json" in out
        assert out.count(" - kohort-") == 1

    def test_missing_cohort_exits_1(self, tmp_path, monkeypatch):
        """A copy of meritsys without its example cohort exits 1 saying so."""
        (tmp_path / "_contoh").mkdir()
        monkeypatch.setattr("meritsys.cli.resources.files", lambda package: tmp_path)
        assert run("demo") == (1, "", "meritsys: error: the example cohort is not installed with this copy of meritsys\n")


class TestDeeplyNestedToml:
    @pytest.mark.parametrize(
        ("name", "text", "argv"),
        [
            ("rubrik.toml", f"x = {DEEP}", ("validate", "{path}")),
            ("reform.toml", f'id = "x"\n[ubah]\n"a" = {DEEP}', ("compare", KOHORT_A, "--baseline", "kasn-2019", "--reform", "{path}")),
            ("test_dalam.toml", f"[[kasus]]\nx = {DEEP}", ("test", "{path}")),
        ],
        ids=["rubric", "reform", "policy-test"],
    )
    def test_exit_1_without_traceback(self, tmp_path, name, text, argv):
        """Absurdly nested TOML exits 1 with a message naming the file, never a traceback."""
        path = tmp_path / name
        path.write_text(text)
        code, out, err = run(*(a.format(path=path) for a in argv))
        assert code == 1
        assert f"{name} is not valid TOML for meritsys: nested too deeply" in out + err
        assert "Traceback" not in err

    @pytest.mark.parametrize("kind", ["kasus", "rubrik", "reform"])
    def test_loaders_refuse_it_by_file_name(self, tmp_path, kind):
        """A pathologically nested TOML file is refused by name instead of aborting with RecursionError."""
        path = tmp_path / f"test_dalam_{kind}.toml"
        path.write_text("[[kasus]]\nx = " + "[" * 100_000 + "\n", encoding="utf-8")
        load = {"kasus": load_cases, "rubrik": meritsys.load_rubrik, "reform": load_reform}[kind]
        with pytest.raises(ValidationError, match=f"{path.name} is not valid TOML for meritsys: nested too deeply"):
            load(path)


class TestSensitivityCommand:
    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (("--draws", "tiga"), "argument --draws: 'tiga' is not a whole number"),
            (("--seed", "x"), "argument --seed: 'x' is not a whole number"),
            (("--seed", "-1"), "argument --seed: must be a whole number in 0..2**128-1, got -1"),
            (("--konsentrasi", "banyak"), "argument --konsentrasi: 'banyak' is not a number"),
            (("--rentang", "inf"), "argument --rentang: 'inf' is not a finite number"),
            (("--ambang", "-1"), "argument --ambang: must be within 0 (inclusive) and 1e+15 (inclusive), got -1"),
            (("--top", "0"), "argument --top: must be a whole number in 1..1,000,000,000, got 0"),
        ],
        ids=["draws-word", "seed-word", "seed-negative", "konsentrasi-word", "rentang-inf", "ambang-negative", "top-zero"],
    )
    def test_bad_option_values_are_usage_errors(self, argv, message):
        """An option value of the wrong kind or range exits 2 naming the option, on the error stream given."""
        code, out, err = run("sensitivity", KOHORT_A, *argv)
        assert (code, out) == (2, "")
        assert message in err

    def test_nothing_perturbed_keeps_everyone(self):
        """With --konsentrasi inf and fixed cut points every agency keeps its category and no influence table is printed."""
        code, out, err = run("sensitivity", KOHORT_A, "--draws", "20", "--seed", "7", "--konsentrasi", "inf")
        assert (code, err) == (0, "")
        assert out.splitlines()[0].endswith("[kasn-2019]: 20 draws, seed 7; bobot indikator tetap; ambang tetap")
        assert "Rata-rata 0.00 dari 12 instansi berubah kategori per draw." in out
        assert "Pengaruh" not in out

    def test_uniform_weights_rules_and_top(self):
        """Regime B with --rentang, --ambang and --tidak-berlaku describes each and honours --top."""
        code, out, _ = run("sensitivity", KOHORT_B, "--draws", "60", "--rentang", "0.2", "--ambang", "0.02", "--tidak-berlaku", "--top", "2")
        assert code == 0
        assert out.splitlines()[0].endswith("bobot aspek +-0.2 (seragam); ambang +-0.02; tidak berlaku: keluarkan/nol/maksimum")
        assert "Per kebijakan tidak berlaku: keluarkan " in out
        table = out.split("Pengaruh")[1].strip().splitlines()
        assert len(table) == 1 + 2 + 2  # title line, header and rule, then --top rows

    def test_rubric_file(self, tmp_path):
        """--rubrik takes a rubric file."""
        path = tmp_path / "kasn.json"
        path.write_text(dumps_rubrik(kasn()))
        code, out, _ = run("sensitivity", KOHORT_A, "--rubrik", path, "--draws", "10", "--format", "json")
        assert code == 0
        assert json.loads(out)["rubrik"] == "kasn-2019"

    def test_empty_file(self, tmp_path):
        """A file without assessments exits 1 saying there is nothing to analyse."""
        path = tmp_path / "kosong.json"
        path.write_text("[]")
        code, _, err = run("sensitivity", path)
        assert code == 1
        assert f"$: {path}: no assessments to analyse" in err

    def test_mixed_rubrics_exit_1(self, tmp_path):
        """A file mixing rubrics exits 1 asking for --rubrik."""
        a = json.loads(Path(KOHORT_A).read_text())[:1]
        b = json.loads(Path(KOHORT_B).read_text())[:1]
        path = tmp_path / "campur.json"
        path.write_text(json.dumps(a + b))
        code, _, err = run("sensitivity", path)
        assert code == 1
        assert "the assessments use 2 rubrics (kasn-2019, permenpanrb-19-2025); choose one with --rubrik" in err

    def test_progress_line_rewritten_only_when_the_percentage_moves(self):
        """On a terminal the progress line is rewritten once per percentage point, then ends with a newline."""

        class Terminal(io.StringIO):
            def isatty(self):
                return True

        code, _, err = run("sensitivity", KOHORT_A, "--draws", "51200", "--chunk", "256", err=Terminal())
        assert code == 0
        updates = err.split("\r")[1:]
        assert len(updates) == 101
        assert updates[0] == "meritsys sensitivity: 256/51200 draws (0%)"
        assert updates[-1] == "meritsys sensitivity: 51200/51200 draws (100%)\n"

