"""The meritsys command line: score, classify, validate, rubrik, demo and strategies, and robustness to bad input."""

import importlib.resources
import json
import os
import shutil
import subprocess
import sys

import pytest

from meritsys.io import dumps_rubrik
from meritsys.scoring import reload_plugins
from tests.helpers import (
    KOHORT_A,
    KOHORT_B,
    ROOT,
    SATU,
    SHIPPED,
    broken_dist,
    kasn,
    rubrik_data,
    run_cli,
)

DEEP = "[" * 100_000


def run(*argv, err=None):
    return run_cli(*argv, err=err)


def _cli(*args, pythonpath=None):
    """Run the command line in a fresh interpreter, through meritsys.cli.main, with *pythonpath* in front."""
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join([str(pythonpath), env.get("PYTHONPATH", "")])
    program = "import sys; from meritsys.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, env=env, cwd=ROOT)


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
        assert "known: jpt-2021, kasn-2019, permenpanrb-19-2025" in err

    def test_usage_exit_2(self):
        """Missing arguments are a usage error (exit 2)."""
        assert run("classify", "250")[0] == 2
        assert run("frobnicate")[0] == 2

    def test_cli_accepts_a_rubric_file(self, tmp_path):
        """--rubrik takes a rubric file as well as an id."""
        path = tmp_path / "r.json"
        path.write_text(dumps_rubrik(kasn()))
        result = _cli("classify", "250", "--rubrik", str(path))
        assert (result.returncode, result.stdout) == (0, "Baik\n")


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
        data = json.loads(KOHORT_B.read_text())
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

    @pytest.mark.parametrize("command", ["score", "validate"])
    def test_an_empty_list_says_it_holds_no_assessments(self, tmp_path, command):
        """A JSON file holding an empty list is reported as such (exit 1), not scored to an empty table."""
        path = tmp_path / "kosong.json"
        path.write_text("[]")
        code, out, err = run(command, path)
        assert code == 1
        assert out == ""
        assert f"{path} holds no assessments (an empty list)" in err


class TestValidate:
    def test_valid(self):
        """A valid file passes with a count."""
        assert run("validate", KOHORT_A)[:2] == (0, "ok: 12 assessment(s) valid\n")

    def test_malformed_file_lists_each_path(self, tmp_path):
        """A malformed assessment file exits 1 with one message per bad path."""
        data = json.loads(KOHORT_A.read_text())
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
        data = json.loads(SATU.read_text())
        data["jawaban"]["3.2"] = 5
        path = tmp_path / "satu.json"
        path.write_text(json.dumps(data))
        code, _, err = run("validate", str(path))
        assert code == 1
        assert err.splitlines()[1].strip() == '$.jawaban["3.2"]: level 5 is outside 0..4'

    def test_rubric_file(self):
        """validate accepts a rubric TOML file too."""
        code, out, _ = run("validate", SHIPPED / "kasn-2019.toml")
        assert (code, out) == (0, "ok: rubrik kasn-2019 is valid (8 aspects, 37 indicators)\n")

    def test_json_rubric_file(self, tmp_path):
        """validate recognises a JSON rubric file (an object with aspek) and checks it as a rubric."""
        path = tmp_path / "kasn.json"
        path.write_text(dumps_rubrik(kasn()))
        assert run("validate", path) == (0, "ok: rubrik kasn-2019 is valid (8 aspects, 37 indicators)\n", "")

    def test_broken_json_rubric_file(self, tmp_path):
        """A broken JSON rubric file exits 1 listing every broken rule with its path."""
        data = rubrik_data(kasn())
        data["aspek"][0]["indikator"][0]["bobot"]["nilai"] = "4"
        path = tmp_path / "kasn.json"
        path.write_text(json.dumps(data))
        code, out, err = run("validate", path)
        assert (code, out) == (1, "")
        assert err.splitlines() == [
            "meritsys: error: invalid input (2 problems):",
            "  $.aspek[0].maksimum: declared 40 but the indicators give 44 (sum of bobot x highest level)",
            "  $.jumlah_bobot: declared 100 but the indikator weights add up to 101",
        ]


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
        assert [(d["id"], d["indeks"]) for d in data] == [("kasn-2019", "sistem-merit"), ("jpt-2021", "kualitas-jpt"), ("permenpanrb-19-2025", "sistem-merit")]
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

    def test_show_regime_b_lists_aspect_weights(self):
        """rubrik show prints a regime B aspect's own weight with its status, and no maximum."""
        code, out, _ = run("rubrik", "show", "permenpanrb-19-2025")
        assert code == 0
        row = next(line for line in out.splitlines() if line.startswith("8 "))
        assert row.split()[-3:] == ["0.1", "(sekunder)", "-"]

    def test_installed_copy_uses_the_packaged_cohort(self, tmp_path, monkeypatch):
        """An installed copy scores the cohorts shipped in meritsys/_contoh and nothing else there."""
        contoh = tmp_path / "_contoh"
        contoh.mkdir()
        shutil.copy(KOHORT_B, contoh / "kohort-permenpanrb-2026.json")
        shutil.copy(SATU, contoh / "penilaian-kab-sukamaju-2023.json")
        monkeypatch.setattr(importlib.resources, "files", lambda package: tmp_path)
        code, out, _ = run("demo")
        assert code == 0
        assert "[permenpanrb-19-2025] - kohort-permenpanrb-2026.json" in out
        assert out.count(" - kohort-") == 1

    def test_missing_cohort_exits_1(self, tmp_path, monkeypatch):
        """A copy of meritsys without its example cohort exits 1 saying so."""
        (tmp_path / "_contoh").mkdir()
        monkeypatch.setattr(importlib.resources, "files", lambda package: tmp_path)
        assert run("demo") == (1, "", "meritsys: error: the example cohort is not installed with this copy of meritsys\n")


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

    def test_broken_plugin_on_the_cli(self, tmp_path):
        """On the CLI a broken plugin is one warning line on stderr; the command succeeds."""
        broken_dist(tmp_path, "meritsys.strategies", "tidak_ada_modul:Strategi")
        result = _cli("strategies", "list", pythonpath=tmp_path)
        assert result.returncode == 0
        assert "weighted-sum" in result.stdout
        assert "meritsys: warning: plugin 'rusak'" in result.stderr
        assert "Traceback" not in result.stderr


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
        code, out, err = run(*(str(a).format(path=path) for a in argv))
        assert code == 1
        assert f"{name} is not valid TOML for meritsys: nested too deeply" in out + err
        assert "Traceback" not in err


class TestWarningsAndStdin:
    def test_any_warning_reaches_the_error_stream_given(self, monkeypatch, capsys):
        """A warning raised while a command runs is printed to main()'s error stream, not to sys.stderr."""
        import warnings

        import meritsys.cli._classify as classify_command

        real = classify_command.resolve_rubrik

        def noisy(*args, **kwargs):
            warnings.warn("something to know", UserWarning, stacklevel=1)
            return real(*args, **kwargs)

        monkeypatch.setattr(classify_command, "resolve_rubrik", noisy)
        code, out, err = run("classify", "250", "--rubrik", "kasn-2019")
        assert (code, out.strip()) == (0, "Baik")
        assert "meritsys: warning: UserWarning: something to know" in err
        assert capsys.readouterr().err == ""

    def test_dash_reads_standard_input(self, monkeypatch):
        """FILE `-` is standard input, for score and validate."""
        import io

        text = (ROOT / "examples" / "data" / "penilaian-kab-sukamaju-2023.json").read_text(encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))
        code, out, _ = run("score", "-", "--format", "json")
        assert code == 0
        assert json.loads(out)["instansi"]["kode"] == "kab-sukamaju"
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))
        code, out, _ = run("validate", "-")
        assert code == 0

    @pytest.mark.parametrize(
        "argv",
        [
            ("compare", "--baseline", "kasn-2019", "--reform", ROOT / "examples" / "reform" / "baik-260.toml", "-"),
            ("sensitivity", "-", "--tahap", "terakhir", "--draws", "5"),
            ("plan", "-", "--target", "Baik", "--instansi", "kota-lestari"),
            ("gap", "-"),
        ],
        ids=["compare", "sensitivity", "plan", "gap"],
    )
    def test_every_data_argument_reads_standard_input(self, monkeypatch, argv):
        """DATA or FILE `-` is standard input for every command that reads assessments, as the file itself would be."""
        import io

        path = ROOT / "examples" / "data" / "kohort-kasn-2023.json"
        monkeypatch.setattr(sys, "stdin", io.StringIO(path.read_text(encoding="utf-8")))
        piped = run(*argv)
        named = run(*[path if a == "-" else a for a in argv])
        assert piped == named
        assert piped[0] == 0


class TestCsv:
    def test_score_a_csv_file_as_its_json_twin(self):
        """`score FILE.csv` (a wide file as Excel saves it with Indonesian settings) gives what the JSON file gives."""
        csv_file = ROOT / "examples" / "data" / "kohort-kasn-2023.csv"
        json_file = ROOT / "examples" / "data" / "kohort-kasn-2023.json"
        code, out, _ = run("score", str(csv_file), "--format", "csv")
        code_j, out_j, _ = run("score", str(json_file), "--format", "csv")
        assert (code, out) == (code_j, out_j) == (0, out_j)

    def test_results_for_excel_with_indonesian_settings(self):
        """--csv-sep ';' --decimal-comma --bom writes what Excel set up for Indonesian reads as numbers."""
        import csv
        import io
        from decimal import Decimal

        code, out, _ = run("score", str(ROOT / "examples" / "data" / "kohort-permenpanrb-2026-panjang.csv"), "--format", "csv", "--csv-sep", ";", "--decimal-comma", "--bom")
        assert code == 0
        assert out.startswith("\ufeffinstansi;")
        rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))
        assert Decimal(rows[0]["indeks"].replace(",", ".")) == Decimal("0.72")
        assert "," in rows[0]["indeks"]
        assert "." not in rows[0]["indeks"]

    def test_decimal_comma_needs_another_separator(self):
        """A decimal comma in a comma-separated file would split every number: a usage error."""
        code, _, err = run("score", str(ROOT / "examples" / "data" / "kohort-kasn-2023.json"), "--format", "csv", "--decimal-comma")
        assert code == 2
        assert "--decimal-comma needs another separator" in err

    def test_a_bad_csv_is_reported_by_cell(self, tmp_path):
        """validate names every bad cell of a CSV file and exits 1."""
        text = (ROOT / "examples" / "data" / "kohort-kasn-2023.csv").read_text(encoding="utf-8-sig")
        lines = text.splitlines()
        cells = lines[2].split(";")
        cells[7], cells[8] = "5", "tiga"
        lines[2] = ";".join(cells)
        path = tmp_path / "salah.csv"
        path.write_text("\n".join(lines), encoding="utf-8")
        code, out, err = run("validate", str(path))
        assert (code, out) == (1, "")
        assert '$.baris[3]["1.1"]: level 5 is outside 0..4' in err
        assert "$.baris[3][\"1.2\"]: 'tiga' is not a level (a whole number)" in err

    def test_csv_from_standard_input(self, monkeypatch):
        """`-` with --input-format csv reads CSV from standard input."""
        import io

        text = (ROOT / "examples" / "data" / "kohort-kasn-2023.csv").read_text(encoding="utf-8-sig")
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))
        code, out, _ = run("validate", "-", "--input-format", "csv")
        assert (code, out.strip()) == (0, "ok: 12 assessment(s) valid")
