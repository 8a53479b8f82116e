"""Policy test files ([[kasus]] tables): finding them, running cases, and reporting expected versus actual."""

import textwrap
from pathlib import Path

import pytest

from meritsys.policy import find_files, is_policy_file, run_case, run_file
from tests.helpers import EXAMPLES, KOHORT_A, ONE_PASS_ONE_FAIL, REFORM

DATA = KOHORT_A



def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


class TestRunner:
    def test_example_file_passes(self):
        """The shipped example policy tests pass."""
        results = run_file(EXAMPLES / "kebijakan" / "test_baik_260.toml")
        assert [r.lulus for r in results] == [True, True, True]

    def test_diff_names_the_case(self, tmp_path):
        """A failing case reports expected versus actual, naming the case."""
        results = run_file(_write(tmp_path, "test_x.toml", ONE_PASS_ONE_FAIL))
        assert [r.lulus for r in results] == [True, False]
        report = results[1].report()
        assert report.splitlines()[0].startswith("FAIL gagal: Ilustrasi tetap Baik")
        assert "    - harapan: Baik" in report
        assert "    + aktual:  Kurang" in report
        assert "    - harapan: 261" in report
        assert "    + aktual:  259" in report

    def test_tolerance(self, tmp_path):
        """An index within the tolerance passes."""
        path = _write(tmp_path, "test_t.toml", f"""
            [[kasus]]
            nama = "dekat"
            penilaian = "{DATA.as_posix()}"
            instansi = "kementerian-ilustrasi"
            [kasus.harapan]
            indeks = "260"
            toleransi = "1"
        """)
        assert run_file(path)[0].lulus

    def test_inline_assessment_and_date(self, tmp_path):
        """An inline assessment with a rubric chosen by date works."""
        jawaban = ", ".join(f'"{a}.{i}" = 1' for a, n in [(1, 4), (2, 4), (3, 10), (4, 4), (5, 5), (6, 4), (7, 3), (8, 3)] for i in range(1, n + 1))
        path = _write(tmp_path, "test_i.toml", f"""
            [[kasus]]
            nama = "semua level 1"
            tanggal = 2024-03-01
            [kasus.penilaian]
            tahun = 2024
            rubrik = "kasn-2019"
            jawaban = {{ {jawaban} }}
            instansi = {{ kode = "kota-contoh", nama = "Kota Contoh", jenis = "kota" }}
            [kasus.harapan]
            indeks = "100"
            kategori = "I"
            di_luar_skala = false
        """)
        result = run_file(path)[0]
        assert result.lulus, result.report()

    @pytest.mark.parametrize(
        ("body", "error"),
        [
            ('penilaian = "tidak-ada.json"\n[kasus.harapan]\nkategori = "Baik"', "cannot read"),
            (f'penilaian = "{DATA.as_posix()}"\n[kasus.harapan]\nkategori = "Baik"', "12 assessments"),
            (f'penilaian = "{DATA.as_posix()}"\ninstansi = "kota-contoh"\nwarna = 1\n[kasus.harapan]\nkategori = "Baik"', "unknown key(s) in kasus: warna"),
            (f'penilaian = "{DATA.as_posix()}"\ninstansi = "kota-contoh"', "harapan: a table of expectations is required"),
            (f'penilaian = "{DATA.as_posix()}"\ninstansi = "kota-contoh"\n[kasus.harapan]\nindeks = "x"', "harapan.indeks: 'x' is not a finite number"),
            (f'penilaian = "{DATA.as_posix()}"\ninstansi = "kota-contoh"\n[kasus.harapan]\nkategori = ["Baik"]', "harapan.kategori: expected a category label or code, got ['Baik']"),
        ],
        ids=["missing-file", "ambiguous", "unknown-key", "no-expectations", "bad-number", "category-not-a-name"],
    )
    def test_bad_cases_fail_with_a_message(self, tmp_path, body, error):
        """A malformed case fails with a clear message rather than crashing the run."""
        path = _write(tmp_path, "test_b.toml", f'[[kasus]]\nnama = "rusak"\n{body}\n')
        result = run_file(path)[0]
        assert not result.lulus
        assert error in result.galat

    def test_find_files(self, tmp_path):
        """Only TOML files holding [[kasus]] are policy test files."""
        _write(tmp_path, "test_a.toml", ONE_PASS_ONE_FAIL)
        _write(tmp_path, "lain.toml", "x = 1\n")
        assert [p.name for p in find_files(tmp_path)] == ["test_a.toml"]


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


CASE = {"nama": "n", "penilaian": str(KOHORT_A), "instansi": "kementerian-ilustrasi"}


class TestPolicyCases:
    @pytest.mark.parametrize(
        ("extra", "error"),
        [
            ({"penilaian": None, "harapan": {"kategori": "Baik"}}, "penilaian: give a file path or an inline table"),
            ({"penilaian": 5, "harapan": {"kategori": "Baik"}}, "penilaian: give a file path or an inline table"),
            ({"rubrik": "kasn-2019", "tanggal": "2023-06-30", "harapan": {"kategori": "Baik"}}, "give one of rubrik, siklus or tanggal, not rubrik and tanggal"),
            ({"siklus": "2023", "harapan": {"kategori": "Baik"}}, "$.siklus: expected a cycle year (e.g. 2025) or true (the assessment's own tahun), got '2023'"),
            ({"siklus": 2018, "harapan": {"kategori": "Baik"}}, "no known rubric is in force on 2018-01-01 (the first day of cycle 2018)"),
            ({"tanggal": 2023, "harapan": {"kategori": "Baik"}}, "tanggal: expected a date (YYYY-MM-DD)"),
            ({"reform": str(REFORM), "harapan": {"kategori": "Baik"}}, "reform: expected a list of reform files or tables"),
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
            "no-penilaian", "penilaian-number", "rubrik-and-tanggal", "siklus-string", "siklus-before-2019", "tanggal-number", "reform-not-list", "aspek-not-table",
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

    @pytest.mark.parametrize(
        ("siklus", "rid"),
        [(2023, "kasn-2019"), (2025, "kasn-2019"), (True, "kasn-2019"), (2026, "permenpanrb-19-2025")],
        ids=["2023", "2025", "own-tahun", "2026"],
    )
    def test_rubric_by_cycle(self, tmp_path, siklus, rid):
        """siklus picks the rubric of an assessment cycle (true: the assessment's own tahun), not of a date."""
        result = run_case({**CASE, "siklus": siklus, "harapan": {"kategori": "Baik"}}, tmp_path / "t.toml")
        if rid == "kasn-2019":
            assert result.lulus, result.report()
            assert result.hasil.rubrik.id == rid
        else:  # a regime A assessment scored under the regime B rubric does not fit it
            assert not result.lulus
            assert result.galat == "$.rubrik: the assessment is for 'kasn-2019', not 'permenpanrb-19-2025'"

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

    def test_a_malformed_aspect_expectation_is_an_error_even_for_an_unknown_aspect(self, tmp_path):
        """An aspect value that is not a number fails the case with an error, whether or not the aspect exists."""
        result = run_case({**CASE, "harapan": {"aspek": {"9": "x"}}}, tmp_path / "t.toml")
        assert result.galat == "$: harapan.aspek.9: 'x' is not a finite number"

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
