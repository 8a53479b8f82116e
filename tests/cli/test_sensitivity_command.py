"""meritsys sensitivity: the analysis of a file's cohort as a table or JSON, its options checked as usage."""

import io
import json
from pathlib import Path

import pytest

from meritsys.io import dumps_rubrik
from tests.helpers import KOHORT_A, KOHORT_B, kasn, run_cli


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def cli(*argv, tty=False):
    """Run meritsys sensitivity; with *tty* its error stream says it is a terminal.

    The example cohort holds one agency's self-assessment beside its final result:
    ranking needs one stage, so the latest of each agency-year is chosen.
    """
    stage = ("--tahap", "terakhir") if str(argv[0]) == str(KOHORT_A) and "--tahap" not in argv else ()
    return run_cli("sensitivity", argv[0], *stage, *argv[1:], err=_Terminal() if tty else None)


class TestStagesAndYears:
    def test_several_stages_of_one_agency_year_are_refused_until_one_is_chosen(self):
        """Ranking a cohort with two stages of one agency-year is refused, naming it and how to choose."""
        code, out, err = run_cli("sensitivity", KOHORT_A, "--draws", "5")
        assert (code, out) == (1, "")
        assert "kab-sukamaju 2023 (penetapan/mandiri)" in err
        assert "--tahap terakhir" in err

    @pytest.mark.parametrize(("tahap", "rows"), [("terakhir", 11), ("penetapan", 9), ("mandiri", 1)])
    def test_a_chosen_stage_and_the_output_says_which(self, tahap, rows):
        """--tahap picks the rows; the table's header says the year and the stages ranked."""
        code, out, _ = run_cli("sensitivity", KOHORT_A, "--tahap", tahap, "--draws", "5", "--format", "json")
        assert code == 0
        assert len(json.loads(out)["instansi"]) == rows
        code, out, _ = run_cli("sensitivity", KOHORT_A, "--tahap", tahap, "--draws", "5")
        assert out.splitlines()[1].startswith("tahun 2023; tahap ")

    def test_several_years_need_a_choice(self, tmp_path):
        """Two years are ranked only with --tahun or --campur-tahun, and mixing says so."""
        data = json.loads(KOHORT_A.read_text())
        later = [{**p, "tahun": 2024} for p in data if p["tahap"] == "penetapan"]
        path = tmp_path / "dua-tahun.json"
        path.write_text(json.dumps([p for p in data if p["tahap"] == "penetapan"] + later))
        code, _, err = run_cli("sensitivity", path, "--draws", "5")
        assert code == 2
        assert "--campur-tahun" in err
        code, out, _ = run_cli("sensitivity", path, "--tahun", "2024", "--draws", "5")
        assert code == 0
        assert "tahun 2024" in out
        code, out, _ = run_cli("sensitivity", path, "--campur-tahun", "--draws", "5")
        assert code == 0
        assert "TAHUN CAMPUR 2023, 2024" in out


class TestSensitivityCommand:
    def test_table(self):
        """The table lists every agency with P(keep) and rank interval, then the influential weights."""
        code, out, err = cli(str(KOHORT_A), "--draws", "300", "--ambang", "2")
        assert code == 0
        assert err == ""
        assert "P(tetap)" in out
        assert "peringkat 5-95%" in out
        assert "kota-contoh" in out
        assert "Pengaruh" in out

    def test_json_is_reproducible(self):
        """--format json with a fixed seed prints the same document twice."""
        argv = (str(KOHORT_B), "--draws", "600", "--seed", "4", "--tidak-berlaku", "--format", "json")
        first, second = cli(*argv), cli(*argv, "--workers", "2", "--chunk", "256")
        assert first == second
        data = json.loads(first[1])
        assert data["rubrik"] == "permenpanrb-19-2025"
        assert len(data["per_kebijakan"]) == 3
        assert {"tahun", "tahap", "p_tetap", "peringkat"} <= set(data["instansi"][0])

    def test_progress_only_on_a_terminal(self):
        """The progress line goes to stderr only when it is a terminal and --quiet is not given."""
        path = str(KOHORT_A)
        assert cli(path, "--draws", "600", tty=True)[2].endswith("(100%)\n")
        assert cli(path, "--draws", "600", "--quiet", tty=True)[2] == ""
        assert cli(path, "--draws", "600")[2] == ""

    @pytest.mark.parametrize(
        "argv",
        [("--draws", "0"), ("--rentang", "1"), ("--konsentrasi", "-1"), ("--konsentrasi", "1", "--rentang", "0.1"), ("--ambang", "nan")],
        ids=["draws", "rentang", "konsentrasi", "exclusive", "ambang-nan"],
    )
    def test_bad_usage(self, argv):
        """Invalid numbers are argparse usage errors (exit 2), printed on the error stream given."""
        code, out, err = cli("data.json", *argv)
        assert (code, out) == (2, "")
        assert err.startswith("usage: meritsys sensitivity")

    def test_mixed_rubrics(self, tmp_path):
        """A file mixing rubrics needs --rubrik."""
        a = json.loads(KOHORT_A.read_text())[:1]
        b = json.loads(KOHORT_B.read_text())[:1]
        path = tmp_path / "campur.json"
        path.write_text(json.dumps(a + b))
        code, out, err = cli(str(path))
        assert (code, out) == (1, "")
        assert "choose one with --rubrik" in err

    def test_regime_b_options_on_regime_a_are_usage_errors(self):
        """--tanpa-survei and --tidak-berlaku on a regime A file exit 2, naming the option."""
        for option in ("--tanpa-survei", "--tidak-berlaku"):
            code, out, err = cli(str(KOHORT_A), option, "--draws", "10")
            assert (code, out) == (2, "")
            assert option in err

    def test_dask_local_equals_in_process(self):
        """meritsys sensitivity --dask local prints exactly what the in-process run prints."""
        pytest.importorskip("distributed")
        argv = (str(KOHORT_A), "--draws", "600", "--seed", "2", "--format", "json")
        assert cli(*argv, "--dask", "local") == cli(*argv)

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
        code, out, err = cli(KOHORT_A, *argv)
        assert (code, out) == (2, "")
        assert message in err

    def test_nothing_perturbed_keeps_everyone(self):
        """With --konsentrasi inf and fixed cut points every agency keeps its category and no influence table is printed."""
        code, out, err = cli(KOHORT_A, "--draws", "20", "--seed", "7", "--konsentrasi", "inf")
        assert (code, err) == (0, "")
        assert out.splitlines()[0].endswith("[kasn-2019]: 20 draws, seed 7; bobot indikator tetap; ambang tetap")
        assert "Rata-rata 0.00 dari 11 instansi berubah kategori per draw." in out
        assert "Pengaruh" not in out

    def test_uniform_weights_rules_and_top(self):
        """Regime B with --rentang, --ambang and --tidak-berlaku describes each and honours --top."""
        code, out, _ = cli(KOHORT_B, "--draws", "60", "--rentang", "0.2", "--ambang", "0.02", "--tidak-berlaku", "--top", "2")
        assert code == 0
        assert out.splitlines()[0].endswith("bobot aspek +-0.2 (seragam); ambang +-0.02; tidak berlaku: keluarkan/nol/maksimum")
        assert "Per kebijakan tidak berlaku: keluarkan " in out
        table = out.split("Pengaruh")[1].strip().splitlines()
        assert len(table) == 1 + 2 + 2  # title line, header and rule, then --top rows

    def test_rubric_file(self, tmp_path):
        """--rubrik takes a rubric file."""
        path = tmp_path / "kasn.json"
        path.write_text(dumps_rubrik(kasn()))
        code, out, _ = cli(KOHORT_A, "--rubrik", path, "--draws", "10", "--format", "json")
        assert code == 0
        assert json.loads(out)["rubrik"] == "kasn-2019"

    def test_empty_file(self, tmp_path):
        """A file without assessments exits 1 saying there is nothing to analyse."""
        path = tmp_path / "kosong.json"
        path.write_text("[]")
        code, _, err = cli(path)
        assert code == 1
        assert f"$: {path}: no assessments to analyse" in err

    def test_mixed_rubrics_exit_1(self, tmp_path):
        """A file mixing rubrics exits 1 asking for --rubrik."""
        a = json.loads(Path(KOHORT_A).read_text())[:1]
        b = json.loads(Path(KOHORT_B).read_text())[:1]
        path = tmp_path / "campur.json"
        path.write_text(json.dumps(a + b))
        code, _, err = cli(path)
        assert code == 1
        assert "the assessments use 2 rubrics (kasn-2019, permenpanrb-19-2025); choose one with --rubrik" in err

    def test_progress_line_rewritten_only_when_the_percentage_moves(self):
        """On a terminal the progress line is rewritten once per percentage point, then ends with a newline."""
        code, _, err = cli(KOHORT_A, "--draws", "51200", "--chunk", "256", tty=True)
        assert code == 0
        updates = err.split("\r")[1:]
        assert len(updates) == 101
        assert updates[0] == "meritsys sensitivity: 256/51200 draws (0%)"
        assert updates[-1] == "meritsys sensitivity: 51200/51200 draws (100%)\n"
