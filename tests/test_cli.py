import io
import json
from pathlib import Path

import pytest

from meritsys.cli import main

KOHORT_A = "examples/data/kohort-kasn-2023.json"
KOHORT_B = "examples/data/kohort-permenpanrb-2026.json"
SATU = "examples/data/penilaian-kab-sukamaju-2023.json"


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


class TestClassify:
    @pytest.mark.parametrize(
        ("value", "label"),
        [("249.5", "Kurang"), ("250", "Baik"), ("324.5", "Baik"), ("325", "Sangat Baik"), ("174.5", "Buruk")],
    )
    def test_prints_label_alone(self, value, label):
        """classify prints the label alone on stdout and nothing on stderr."""
        assert run("classify", value, "--rubrik", "kasn-2019") == (0, label + "\n", "")

    @pytest.mark.parametrize(("value", "label"), [("65.5", "Buruk"), ("405", "Sangat Baik")])
    def test_out_of_scale_warns(self, value, label):
        """A value outside the scale is classified, exits 0 and warns on stderr."""
        code, out, err = run("classify", value, "--rubrik", "kasn-2019")
        assert (code, out) == (0, label + "\n")
        assert "outside the published scale 100..400" in err

    def test_json(self):
        """--format json prints the documented object."""
        code, out, _ = run("classify", "249.5", "--rubrik", "kasn-2019", "--format", "json")
        assert code == 0
        assert json.loads(out) == {"nilai": "249.5", "kategori": {"kode": "II", "label": "Kurang"}, "di_luar_skala": False}

    @pytest.mark.parametrize("value", ["abc", "nan", "inf", "Infinity"])
    def test_bad_values_exit_1(self, value):
        """Non-numeric, NaN or infinite input exits 1 with a message and no traceback."""
        code, out, err = run("classify", value, "--rubrik", "kasn-2019")
        assert (code, out) == (1, "")
        assert err.startswith("meritsys: error")
        assert "Traceback" not in err

    def test_unknown_rubrik_exit_1(self):
        """An unknown rubric id exits 1 naming the known ones."""
        code, _, err = run("classify", "250", "--rubrik", "kasn-2018")
        assert code == 1
        assert "known: kasn-2019" in err

    def test_usage_exit_2(self):
        """Missing arguments are a usage error (exit 2)."""
        assert run("classify", "250")[0] == 2
        assert run("frobnicate")[0] == 2


class TestScore:
    def test_table_for_one_shows_aspects_and_suggestions(self):
        """Scoring one assessment shows the summary, the aspects and the best next steps."""
        code, out, _ = run("score", SATU)
        assert code == 0
        assert "286.5" in out
        assert "Baik" in out
        assert "Sangat Baik (+38.5)" in out
        assert "Pengembangan Karier" in out
        assert "tambahan" in out

    def test_json_list(self):
        """--format json prints one object per assessment for a list."""
        code, out, _ = run("score", KOHORT_A, "--format", "json")
        data = json.loads(out)
        assert code == 0
        assert len(data) == 12
        assert data[0]["instansi"]["kode"] == "kab-sukamaju"
        assert data[0]["indeks"] == "286.5"

    def test_json_single(self):
        """A file with one assessment gives one JSON object."""
        code, out, _ = run("score", SATU, "--format", "json")
        assert code == 0
        assert json.loads(out)["kategori"]["label"] == "Baik"

    def test_csv(self):
        """--format csv prints a header and one row per assessment."""
        code, out, _ = run("score", KOHORT_B, "--format", "csv")
        lines = out.splitlines()
        assert code == 0
        assert len(lines) == 6
        assert lines[0].startswith("instansi,nama,jenis,tahun,tahap,rubrik,strategi,indeks,kategori_kode,kategori")

    def test_below_scale_warning_on_stderr(self):
        """Warnings go to stderr, keeping stdout machine-readable."""
        _code, out, err = run("score", KOHORT_A, "--format", "json")
        assert "kab-tanjung-asri 2023: index 88 lies outside the published scale" in err
        json.loads(out)

    def test_strategy_option(self):
        """--strategy selects a strategy by name and refuses a mismatching one."""
        assert run("score", SATU, "--strategy", "weighted-sum")[0] == 0
        code, _, err = run("score", KOHORT_A, "--strategy", "maturity")
        assert code == 2
        assert err.count("weighs indicators") == 1
        code, _, err = run("score", SATU, "--strategy", "median")
        assert code == 2
        assert "no strategy 'median'" in err

    def test_tanpa_survei(self, tmp_path):
        """--tanpa-survei scores regime B assessments without a survey."""
        data = json.loads(Path(KOHORT_B).read_text())
        for d in data:
            d.pop("survei")
        path = tmp_path / "b.json"
        path.write_text(json.dumps(data))
        code, _, err = run("score", str(path))
        assert code == 1
        assert "$[0].survei: missing" in err
        code, out, _ = run("score", str(path), "--tanpa-survei", "--format", "json")
        assert code == 0
        assert all(h["hanya_maturitas"] for h in json.loads(out))


class TestValidate:
    def test_valid(self):
        """A valid file passes with a count."""
        assert run("validate", KOHORT_A)[:2] == (0, "ok: 12 assessment(s) valid\n")

    def test_malformed_file_lists_each_path(self, tmp_path):
        """A malformed assessment file exits 1 with one message per bad path."""
        data = json.loads(Path(KOHORT_A).read_text())
        data[0]["jawaban"]["3.2"] = 5
        data[2]["jawaban"]["9.9"] = 1
        data[3]["tahun"] = "2023"
        del data[4]["jawaban"]["1.1"]
        path = tmp_path / "rusak.json"
        path.write_text(json.dumps(data))
        code, out, err = run("validate", str(path))
        assert (code, out) == (1, "")
        lines = [ln.strip() for ln in err.splitlines()[1:]]
        assert err.splitlines()[0] == "meritsys: error: invalid input (4 problems):"
        assert lines == [
            '$[0].jawaban["3.2"]: level 5 is outside 0..4',
            '$[2].jawaban["9.9"]: not an indicator of rubrik kasn-2019',
            "$[3].tahun: expected a whole number, got str '2023'",
            '$[4].jawaban["1.1"]: missing answer (levels 0..4); no missing-answer policy is declared',
        ]

    def test_single_object_paths_have_no_index(self, tmp_path):
        """Errors in a file holding one assessment are addressed from its root."""
        data = json.loads(Path(SATU).read_text())
        data["jawaban"]["3.2"] = 5
        path = tmp_path / "satu.json"
        path.write_text(json.dumps(data))
        code, _, err = run("validate", str(path))
        assert code == 1
        assert err.splitlines()[1].strip() == '$.jawaban["3.2"]: level 5 is outside 0..4'

    def test_rubric_file(self):
        """validate accepts a rubric TOML file too."""
        code, out, _ = run("validate", "meritsys/rubrics/kasn-2019.toml")
        assert (code, out) == (0, "ok: rubrik kasn-2019 is valid (8 aspects, 24 indicators)\n")


class TestRubrikAndDemo:
    def test_list(self):
        """rubrik list shows both shipped rubrics."""
        code, out, _ = run("rubrik", "list")
        assert code == 0
        assert "kasn-2019" in out
        assert "permenpanrb-19-2025" in out

    def test_list_json(self):
        """rubrik list --format json gives ids, dates and hashes."""
        data = json.loads(run("rubrik", "list", "--format", "json")[1])
        assert [d["id"] for d in data] == ["kasn-2019", "permenpanrb-19-2025"]
        assert all(len(d["sha256"]) == 64 for d in data)

    def test_show(self):
        """rubrik show prints aspects, bands and provenance counts."""
        code, out, _ = run("rubrik", "show", "kasn-2019")
        assert code == 0
        assert "Sangat Baik" in out
        assert "Pengembangan Karier" in out
        assert "acuan" in out

    def test_show_json_round_trips(self):
        """rubrik show --format json prints a loadable rubric."""
        from meritsys import get_rubrik
        from meritsys.io import parse_rubrik

        out = run("rubrik", "show", "permenpanrb-19-2025", "--format", "json")[1]
        assert parse_rubrik(json.loads(out)) == get_rubrik("permenpanrb-19-2025")

    def test_show_needs_id(self):
        """rubrik show without an id is a usage error."""
        assert run("rubrik", "show")[0] == 2

    def test_demo(self):
        """demo scores both example cohorts and prints tables."""
        code, out, _ = run("demo")
        assert code == 0
        assert out.count("instansi") >= 2
        assert "kementerian-contoh" in out
        assert "Menengah" in out


class TestRobustness:
    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"\xff\xfe{", "not valid JSON: the text is not UTF-8"),
            (b"[" * 100_000, "nested too deeply"),
        ],
        ids=["not-utf8", "too-deep"],
    )
    def test_unreadable_json_is_input_error(self, tmp_path, content, message):
        """Undecodable or absurdly nested JSON exits 1 with a message, never a traceback."""
        path = tmp_path / "x.json"
        path.write_bytes(content)
        code, out, err = run("score", str(path))
        assert (code, out) == (1, "")
        assert message in err
        assert "Traceback" not in err

    @pytest.mark.parametrize("value", ["-inf", "-Infinity", "1e999999999"])
    def test_extreme_values_exit_1(self, value):
        """Negative infinity and absurd exponents are invalid input (exit 1)."""
        code, out, _ = run("classify", value, "--rubrik", "kasn-2019")
        assert (code, out) == (1, "")

    def test_reform_numbers_must_be_strings(self, tmp_path):
        """A reform giving a float or an infinite weight is refused path by path."""
        path = tmp_path / "r.toml"
        path.write_text('id = "x"\n[ubah]\n"indikator.1.1.bobot" = 2.5\n"aspek.2.bobot" = "Infinity"\n')
        code, _, err = run("compare", "--baseline", "kasn-2019", "--reform", str(path), KOHORT_A)
        assert code == 1
        assert '$.ubah["indikator.1.1.bobot"]: give the number as a string (e.g. "2.5"), got 2.5' in err
        assert "$.ubah[\"aspek.2.bobot\"]: 'Infinity' is not a finite number" in err

    def test_malformed_policy_cases_fail_cleanly(self, tmp_path):
        """Malformed policy test cases fail with a message instead of crashing the run."""
        (tmp_path / "test_a.toml").write_text("kasus = [1, 2]\n")
        (tmp_path / "test_b.toml").write_text(f'[[kasus]]\nnama = "a"\npenilaian = "{Path(SATU).resolve().as_posix()}"\nrubrik = 5\n[kasus.harapan]\nkategori = "Baik"\n')
        code, out, err = run("test", str(tmp_path / "test_a.toml"))
        assert code == 1
        assert "expected [[kasus]] tables" in out
        code, out, err = run("test", str(tmp_path))
        assert code == 1
        assert "rubrik: expected a string, got 5" in out
        assert "Traceback" not in err
