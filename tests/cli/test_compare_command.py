"""meritsys compare: a cohort under a baseline and reforms, as a table, CSV or JSON, every bad input named."""

import json
import textwrap
from pathlib import Path

import pytest

from tests.helpers import KOHORT_A, KOHORT_B, REFORM, run_cli


def run(*argv):
    return run_cli(*argv)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


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
        assert "naik 0, turun 1, tetap 11; selisih indeks rerata +0.88" in lines

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
        assert "naik 0, turun 0, tetap 12; selisih indeks rerata 0" in out.splitlines()

    def test_removed_indicator_note(self, tmp_path):
        """Answers to an indicator the reform removes are left out on the reform side, with a note."""
        reform = _write(tmp_path, "hapus.toml", 'id = "hapus-7-2"\nhapus_indikator = ["7.2"]\n[ubah]\n"indikator.7.1.bobot" = "2"\n')
        code, out, _ = run("compare", KOHORT_A, "--baseline", "kasn-2019", "--reform", reform)
        assert code == 0
        assert "catatan: 12 answer(s) to indicators the reform removes (7.2) are left out on the reform side" in out.splitlines()

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
        assert code == 0
        data = json.loads(out)
        assert err.splitlines() == [f"meritsys: warning: {note}" for note in data["catatan"]]  # the stage note, also in the JSON
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
        assert "naik 0, turun 0, tetap 0; selisih indeks rerata -" in out.splitlines()

    def test_reform_numbers_must_be_strings(self, tmp_path):
        """A reform giving a float or an infinite weight is refused path by path."""
        path = tmp_path / "r.toml"
        path.write_text('id = "x"\n[ubah]\n"indikator.1.1.bobot" = 2.5\n"aspek.2.bobot" = "Infinity"\n')
        code, _, err = run("compare", "--baseline", "kasn-2019", "--reform", str(path), KOHORT_A)
        assert code == 1
        assert '$.ubah["indikator.1.1.bobot"]: give the number as a string (e.g. "2.5"), got 2.5' in err
        assert "$.ubah[\"aspek.2.bobot\"]: 'Infinity' is not a finite number" in err


class TestStagesAndYears:
    def test_several_stages_of_one_agency_year_are_named(self):
        """Each row is compared on its own, and the output says which agency-years hold several stages."""
        code, out, _ = run("compare", KOHORT_A, "--baseline", "kasn-2019", "--reform", REFORM)
        assert code == 0
        assert "catatan: beberapa tahap dari satu instansi-tahun" in out
        assert "kab-sukamaju 2023 (penetapan/mandiri)" in out.splitlines()[-1]

    def test_the_latest_stage_is_an_explicit_choice(self):
        """--tahap terakhir keeps the latest stage of each agency-year, and the note goes away."""
        code, out, _ = run("compare", KOHORT_A, "--baseline", "kasn-2019", "--reform", REFORM, "--tahap", "terakhir", "--semua", "--format", "json")
        assert code == 0
        rows = json.loads(out)["baris"]
        assert len(rows) == 11
        assert [r["tahap"] for r in rows if r["instansi"] == "kab-sukamaju"] == ["penetapan"]

    def test_several_years_need_an_explicit_option(self, tmp_path):
        """Several years in one comparison are refused unless --tahun picks one or --campur-tahun says so."""
        data = json.loads(KOHORT_A.read_text())
        path = tmp_path / "dua-tahun.json"
        path.write_text(json.dumps(data + [{**p, "tahun": 2024} for p in data]))
        code, _, err = run("compare", path, "--baseline", "kasn-2019", "--reform", REFORM)
        assert code == 2
        assert "--campur-tahun" in err
        code, out, _ = run("compare", path, "--baseline", "kasn-2019", "--reform", REFORM, "--tahun", "2024")
        assert code == 0
        assert "of 12 change category" in out
        code, out, _ = run("compare", path, "--baseline", "kasn-2019", "--reform", REFORM, "--campur-tahun")
        assert code == 0
        assert "TAHUN CAMPUR: 2023, 2024" in out
