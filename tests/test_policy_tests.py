"""Policy test files: the runner, `meritsys test`, and the pytest plugin (tested with pytester)."""

import textwrap
from pathlib import Path

import pytest

from meritsys.cli import main
from meritsys.policy.kasus import find_files, run_file

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "examples" / "data" / "kohort-kasn-2023.json"
REFORM = ROOT / "examples" / "reform" / "baik-260.toml"

ONE_PASS_ONE_FAIL = f"""
[[kasus]]
nama = "lulus: Ilustrasi turun ke Kurang"
penilaian = "{DATA.as_posix()}"
instansi = "kementerian-ilustrasi"
reform = ["{REFORM.as_posix()}"]
[kasus.harapan]
kategori = "Kurang"
indeks = "259"

[[kasus]]
nama = "gagal: Ilustrasi tetap Baik"
penilaian = "{DATA.as_posix()}"
instansi = "kementerian-ilustrasi"
reform = ["{REFORM.as_posix()}"]
[kasus.harapan]
kategori = "Baik"
indeks = "261"
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path


class TestRunner:
    def test_example_file_passes(self):
        """The shipped example policy tests pass."""
        results = run_file(ROOT / "examples" / "kebijakan" / "test_baik_260.toml")
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
        jawaban = ", ".join(f'"{a}.{i}" = 1' for a, n in [(1, 3), (2, 2), (3, 7), (4, 2), (5, 3), (6, 3), (7, 2), (8, 2)] for i in range(1, n + 1))
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
        ],
        ids=["missing-file", "ambiguous", "unknown-key", "no-expectations", "bad-number"],
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


class TestCommand:
    def test_exit_1_with_diff(self, tmp_path, capsys):
        """`meritsys test` exits 1 when a case fails and prints its diff and a summary."""
        _write(tmp_path, "test_x.toml", ONE_PASS_ONE_FAIL)
        assert main(["test", str(tmp_path)]) == 1
        out = capsys.readouterr().out
        assert "PASS lulus: Ilustrasi turun ke Kurang" in out
        assert "FAIL gagal: Ilustrasi tetap Baik" in out
        assert out.rstrip().splitlines()[-1] == "1 passed, 1 failed"

    def test_exit_0_when_all_pass(self, capsys):
        """`meritsys test` exits 0 when every case passes."""
        assert main(["test", str(ROOT / "examples" / "kebijakan"), "-q"]) == 0
        assert capsys.readouterr().out == "3 passed, 0 failed\n"

    def test_no_files(self, tmp_path, capsys):
        """A path without policy tests is an error, not a silent pass."""
        assert main(["test", str(tmp_path)]) == 1
        assert "no policy test files" in capsys.readouterr().err


class TestPytestPlugin:
    def test_collects_and_reports_diff(self, pytester):
        """Under pytest a file with one passing and one failing case exits 1 with a diff naming the case."""
        pytester.makefile(".toml", test_kebijakan=ONE_PASS_ONE_FAIL)
        result = pytester.runpytest("-p", "no:cacheprovider")
        result.assert_outcomes(passed=1, failed=1)
        assert result.ret == 1
        result.stdout.fnmatch_lines(["*FAIL gagal: Ilustrasi tetap Baik*", "*- harapan: Baik*", "*+ aktual:  Kurang*"])

    def test_ignores_other_toml(self, pytester):
        """TOML files without cases, or not named test*, are not collected."""
        pytester.makefile(".toml", test_lain="x = 1\n", kebijakan=ONE_PASS_ONE_FAIL)
        result = pytester.runpytest("-p", "no:cacheprovider")
        assert result.ret == 5  # no tests collected

    def test_unreadable_file_is_a_failure(self, pytester):
        """A policy file that does not parse fails as one item instead of breaking collection."""
        pytester.makefile(".toml", test_rusak="[[kasus]]\nnama = \n")
        result = pytester.runpytest("-p", "no:cacheprovider")
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(["*not valid TOML*"])
