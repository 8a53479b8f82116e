"""The command line with Excel: template, a filled worksheet scored like its JSON twin, problems by cell, results as workbooks."""

from __future__ import annotations

import io
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import meritsys
from meritsys.io import rubrik_sha256
from meritsys.policy import apply_reforms, load_reform
from tests.helpers import KASN, KOHORT_A, KOHORT_B, REFORM, SATU, B, run_cli
from tests.io.test_excel import (
    KOTA,
    MINI,
    answer_cell,
    cohort,
    edited,
    field_cell,
    fill,
    header,
    keyed_rows,
    no_openpyxl,
    put,
    template,
    worksheet,
)

PROBLEM = re.compile(r"^  (\S+?): (.*)$")


def score_json(path: Path | str, *more: str) -> Any:
    """``meritsys score PATH --format json``, parsed; it must succeed (warnings aside)."""
    code, out, err = run_cli("score", path, "--format", "json", *more)
    assert code == 0
    assert "error" not in err
    return json.loads(out)


def failure(*argv: object) -> list[tuple[str, str]]:
    """Run a command that must fail on its input (exit 1, no traceback); the (cell, message) of each problem listed."""
    code, out, err = run_cli(*argv)
    assert (code, out) == (1, "")
    assert "Traceback" not in err
    head, *lines = err.splitlines()
    problems = [PROBLEM.match(line) for line in lines]
    assert all(problems), err
    assert head == f"meritsys: error: invalid input ({len(lines)} problem{'s' if len(lines) != 1 else ''}):"
    return [(m.group(1), m.group(2)) for m in problems if m]


def _row_col(cell: str) -> tuple[str, int, str]:
    sheet, _, ref = cell.partition("!")
    m = re.match(r"([A-Z]*)(\d*)", ref)
    assert m is not None
    return sheet, int(m.group(2) or 0), m.group(1).rjust(3)


def as_json_file(folder: Path, data: dict[str, Any], name: str = "same.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def sheet_records(path: Path, name: str) -> list[dict[str, Any]]:
    """The rows of a result workbook's sheet as records keyed by its header."""
    rows = list(openpyxl.load_workbook(path)[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def pairs_of(path: Path, name: str) -> dict[str, Any]:
    """A key/value sheet (kunci, nilai) as a dict."""
    return {r["kunci"]: r["nilai"] for r in sheet_records(path, name)}


def number(value: Any) -> Decimal:
    """A workbook cell's number (or a number kept as text) as a Decimal, to compare with JSON's decimal strings."""
    assert not isinstance(value, bool), value
    assert isinstance(value, int | float | str), value
    return Decimal(str(value))


class TestDoneWhen:
    @pytest.mark.parametrize(("rubrik", "source"), [(KASN, SATU), (B, KOTA)], ids=[KASN, B])
    def test_template_filled_scores_as_the_json_file(self, tmp_path, monkeypatch, rubrik, source):
        """`meritsys template`, filled with a JSON file's answers (gates, survey in Instansi), scores exactly as that file does."""
        monkeypatch.chdir(tmp_path)
        code, out, err = run_cli("template", "--rubrik", rubrik, "-o", "kk.xlsx")
        assert (code, err) == (0, "")
        assert out.startswith("wrote kk.xlsx")
        fill(tmp_path / "kk.xlsx", json.loads(source.read_text(encoding="utf-8")))
        got, expected = score_json("kk.xlsx"), score_json(source)
        assert (got["indeks"], got["kategori"]) == (expected["indeks"], expected["kategori"])
        assert got == expected

    def test_validate_accepts_a_filled_worksheet(self, tmp_path):
        """validate reads a workbook and accepts a correctly filled worksheet."""
        code, out, err = run_cli("validate", worksheet(tmp_path))
        assert (code, err) == (0, "")
        assert "1 assessment" in out

    def test_standard_input_with_input_format_xlsx(self, tmp_path, monkeypatch):
        """`-` with --input-format xlsx reads the workbook from standard input."""
        path = worksheet(tmp_path)
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
        code, out, err = run_cli("score", "-", "--input-format", "xlsx", "--format", "json")
        assert (code, err) == (0, "")
        assert json.loads(out) == score_json(SATU)

    def test_a_users_rubric_file(self, tmp_path):
        """The worksheet of a user's rubric file, filled and scored with --rubrik FILE, scores as the same answers in JSON."""
        path = tmp_path / "mini.xlsx"
        assert run_cli("template", "--rubrik", MINI, "-o", path)[0] == 0
        data = {"instansi": {"kode": "kota-a", "nama": "Kota A", "jenis": "kota"}, "tahun": 2024, "rubrik": "contoh-mini", "jawaban": {"1.1": 3, "1.2": 2}}
        fill(path, data)
        assert score_json(path, "--rubrik", str(MINI)) == score_json(as_json_file(tmp_path, data), "--rubrik", str(MINI))

    @pytest.mark.parametrize("source", [KOHORT_A, KOHORT_B], ids=[KASN, B])
    def test_a_cohort_sheet_scores_as_the_json_cohort(self, tmp_path, source):
        """Every row of a filled cohort sheet scores to the index and category of the same assessment in JSON."""
        def summary(results):
            return [(h["instansi"]["kode"], h["tahap"], h["indeks"], h["kategori"]) for h in results]

        path = cohort(tmp_path, source)
        assert summary(score_json(path)) == summary(score_json(source))
        assert run_cli("score", path)[2] == run_cli("score", source)[2]  # the same warnings (an index outside the scale)

    def test_compare_reads_a_cohort_workbook(self, tmp_path):
        """compare gives the same comparison for a cohort workbook as for its JSON file."""
        argv = ["--baseline", KASN, "--reform", REFORM, "--format", "json"]
        got, expected = (run_cli("compare", data, *argv) for data in (cohort(tmp_path), KOHORT_A))
        assert got == expected
        assert got[0] == 0


class TestProblemsByCell:
    def test_four_problems_each_at_its_cell(self, tmp_path):
        """A mistyped code, a 5, a blank answer and 'tiga' exit 1 and are listed by cell, in sheet order, no traceback."""
        path = worksheet(tmp_path)
        with edited(path) as wb:
            code_cell = answer_cell(wb, "1.2", "Kode")
            five, blank, tiga = (answer_cell(wb, c) for c in ("2.1", "3.2", "5.3"))
            put(wb, code_cell, "1.9")
            put(wb, five, 5)
            put(wb, blank, None)
            put(wb, tiga, "tiga")
        expected = [
            ("Jawaban!A1", "no row for indicator 1.2 of rubrik kasn-2019; restore it from a fresh template"),
            (code_cell, "'1.9' is not an indicator code of rubrik kasn-2019"),
            (five, "level 5 is outside 0..4"),
            (blank, "missing answer (levels 0..4); no missing-answer policy is declared"),
            (tiga, "'tiga' is not a level (a whole number)"),
        ]
        assert failure("score", path) == sorted(expected, key=lambda p: _row_col(p[0]))
        assert failure("validate", path) == failure("score", path)

    def test_a_whole_decimal_is_accepted_and_a_half_refused(self, tmp_path):
        """3.0 in an answer cell scores as level 3; 3.5 is refused at its cell."""
        path = worksheet(tmp_path)
        data = json.loads(SATU.read_text(encoding="utf-8"))
        data["jawaban"]["3.2"] = 3
        with edited(path) as wb:
            put(wb, answer_cell(wb, "3.2"), 3.0)
        assert score_json(path)["indeks"] == score_json(as_json_file(tmp_path, data))["indeks"]
        with edited(path) as wb:
            cell = answer_cell(wb, "3.2")
            put(wb, cell, 3.5)
        assert failure("score", path) == [(cell, "3.5 is not a whole level")]

    @pytest.mark.parametrize(
        ("code", "gates"),
        [("4.1a", {}), ("6.4b", {"gerbang.kecelakaan_kerja": "tidak"})],
        ids=["regime-b-4.1a-for-a-kota", "6.4b-with-its-gate-closed"],
    )
    def test_an_answer_that_does_not_apply_is_reported_once_at_its_cell(self, tmp_path, code, gates):
        """An answer to a question that does not apply is one problem, at its answer cell (not also at a document path)."""
        path = worksheet(tmp_path, KOTA)
        with edited(path) as wb:
            for key, value in gates.items():
                put(wb, field_cell(wb, key), value)
            cell = answer_cell(wb, code)
            put(wb, cell, 3)
        [(where, message)] = failure("score", path)
        assert (where, f"indicator {code} does not apply" in message) == (cell, True)

    @pytest.mark.parametrize(("typed", "fragment"), [("mungkin", "'mungkin' is not an answer; one of 'ya', 'tidak'"), (None, "missing: answer 'ya', 'tidak'")], ids=["not-an-option", "blank"])
    def test_a_gate_answer_is_addressed_at_its_instansi_cell(self, tmp_path, typed, fragment):
        """A gate answer not among its options (or left blank) is one problem at its Instansi cell; the answers it opens are not blamed."""
        path = worksheet(tmp_path, KOTA)
        with edited(path) as wb:
            cell = field_cell(wb, "gerbang.kematian")
            put(wb, cell, typed)
        [(where, message)] = failure("score", path)
        assert where == cell
        assert message.startswith(fragment)

    def test_bad_agency_type_and_year_at_their_instansi_cells(self, tmp_path):
        """A type not in the list and the year 'dua ribu' are listed at their value cells in Instansi."""
        path = worksheet(tmp_path)
        with edited(path) as wb:
            jenis, tahun = field_cell(wb, "jenis"), field_cell(wb, "tahun")
            put(wb, jenis, "desa")
            put(wb, tahun, "dua ribu")
        assert sorted(where for where, _ in failure("score", path)) == sorted([jenis, tahun])

    def test_a_deleted_row_is_one_problem(self, tmp_path):
        """A deleted indicator row is named once, at the header, not again as a missing answer elsewhere."""
        path = worksheet(tmp_path)
        with edited(path) as wb:
            wb["Jawaban"].delete_rows(keyed_rows(wb["Jawaban"])["2.2"])
        assert failure("score", path) == [("Jawaban!A1", "no row for indicator 2.2 of rubrik kasn-2019; restore it from a fresh template")]

    def test_a_cohort_sheet_problem_found_in_scoring_is_at_its_cell(self, tmp_path):
        """A blank answer in a cohort row, found only when scoring, is reported at its cell in the Kohort sheet."""
        path = cohort(tmp_path)
        with edited(path) as wb:
            cell = f"Kohort!{header(wb['Kohort'])['1.1']}5"
            put(wb, cell, None)
        assert failure("score", path) == [(cell, "missing answer (levels 0..4); no missing-answer policy is declared")]

    @pytest.mark.parametrize(
        ("content", "fragment"),
        [(b"", "is empty"), (b"instansi;tahun\nkab-a;2023\n", "is not an Excel workbook (.xlsx)"), (None, "has neither the sheets")],
        ids=["zero-bytes", "text-renamed-xlsx", "empty-workbook"],
    )
    def test_a_file_that_is_not_a_worksheet(self, tmp_path, content, fragment):
        """A 0-byte .xlsx, a text file named .xlsx or an empty workbook exits 1 with one clear problem naming the file."""
        path = tmp_path / "kk.xlsx"
        if content is None:
            openpyxl.Workbook().save(path)
        else:
            path.write_bytes(content)
        [(_, message)] = failure("score", path)
        assert message.startswith(f"kk.xlsx {fragment}")


class TestResultsAsWorkbooks:
    def test_score(self, tmp_path):
        """score --format xlsx writes the summary (index as a number equal to JSON's), aspects and the rubric's provenance."""
        out = tmp_path / "hasil.xlsx"
        code, _, err = run_cli("score", SATU, "--format", "xlsx", "-o", out)
        assert (code, err) == (0, "")
        expected = score_json(SATU)
        assert openpyxl.load_workbook(out).sheetnames == ["Ringkasan", "Aspek", "Kontribusi", "Saran", "Peringatan", "Provenans"]
        [summary] = sheet_records(out, "Ringkasan")
        assert number(summary["indeks"]) == Decimal(expected["indeks"])
        assert (summary["instansi"], summary["kategori"]) == (expected["instansi"]["kode"], expected["kategori"]["label"])
        assert [(r["aspek"], number(r["nilai"]), number(r["capaian"])) for r in sheet_records(out, "Aspek")] == [
            (a["kode"], Decimal(a["nilai"]), Decimal(a["capaian"])) for a in expected["aspek"]
        ]
        provenans = pairs_of(out, "Provenans")
        assert (provenans["rubrik"], provenans["sha256"]) == (KASN, rubrik_sha256(meritsys.get_rubrik(KASN)))

    def test_score_of_a_cohort_workbook(self, tmp_path):
        """A cohort workbook scored to a workbook has one summary row per assessment, indices equal to JSON's."""
        out = tmp_path / "hasil.xlsx"
        assert run_cli("score", cohort(tmp_path, KOHORT_B), "--format", "xlsx", "-o", out)[0] == 0
        expected = score_json(KOHORT_B)
        assert [(r["instansi"], number(r["indeks"])) for r in sheet_records(out, "Ringkasan")] == [(h["instansi"]["kode"], Decimal(h["indeks"])) for h in expected]
        assert pairs_of(out, "Provenans")["sha256"] == rubrik_sha256(meritsys.get_rubrik(B))

    def test_compare(self, tmp_path):
        """compare --format xlsx: the summary and the rows equal JSON's, provenance of both the baseline and the reformed rubric."""
        out = tmp_path / "banding.xlsx"
        argv = ["compare", KOHORT_A, "--baseline", KASN, "--reform", REFORM]
        assert run_cli(*argv, "--format", "xlsx", "-o", out)[0] == 0
        expected = json.loads(run_cli(*argv, "--format", "json")[1])
        got = pairs_of(out, "Ringkasan")
        assert {k: number(v) for k, v in got.items()} == {k: Decimal(str(v)) for k, v in expected["ringkasan"].items()}
        rows = sheet_records(out, "Baris")
        assert [(r["instansi"], number(r["indeks_lama"]), number(r["indeks_baru"]), r["arah"]) for r in rows] == [
            (r["instansi"], Decimal(r["indeks_lama"]), Decimal(r["indeks_baru"]), r["arah"]) for r in expected["baris"]
        ]
        baseline = meritsys.get_rubrik(KASN)
        reformed = apply_reforms(baseline, [load_reform(REFORM)])
        records = sheet_records(out, "Provenans")
        assert [r["nilai"] for r in records if r["kunci"] == "sha256"] == [rubrik_sha256(baseline), rubrik_sha256(reformed)]

    def test_plan(self, tmp_path):
        """plan --format xlsx: the start and end index and the steps equal JSON's."""
        out = tmp_path / "rencana.xlsx"
        argv = ["plan", SATU, "--target", "Sangat Baik"]
        assert run_cli(*argv, "--format", "xlsx", "-o", out)[0] == 0
        expected = json.loads(run_cli(*argv, "--format", "json")[1])
        got = pairs_of(out, "Ringkasan")
        assert (number(got["indeks_awal"]), number(got["indeks_akhir"]), got["tercapai"]) == (
            Decimal(expected["awal"]["indeks"]),
            Decimal(expected["akhir"]["indeks"]),
            expected["tercapai"],
        )
        assert [(s["indikator"], s["dari"], s["ke"], number(s["tambahan"])) for s in sheet_records(out, "Langkah")] == [
            (s["kode"], s["dari"], s["ke"], Decimal(s["tambahan"])) for s in expected["langkah"]
        ]
        assert pairs_of(out, "Provenans")["sha256"] == rubrik_sha256(meritsys.get_rubrik(KASN))

    def test_sensitivity(self, tmp_path):
        """sensitivity --format xlsx: the draws and each agency's base index and stability equal JSON's."""
        out = tmp_path / "sensitivitas.xlsx"
        argv = ["sensitivity", KOHORT_A, "--tahap", "terakhir", "--draws", "20"]
        assert run_cli(*argv, "--format", "xlsx", "-o", out)[0] == 0
        expected = json.loads(run_cli(*argv, "--format", "json")[1])
        assert pairs_of(out, "Ringkasan")["draws"] == 20
        rows = sheet_records(out, "Instansi")
        assert [(r["kode"], number(r["indeks_dasar"]), r["p_tetap"]) for r in rows] == [
            (r["kode"], Decimal(r["indeks_dasar"]), r["p_tetap"]) for r in expected["instansi"]
        ]
        assert pairs_of(out, "Provenans")["sha256"] == rubrik_sha256(meritsys.get_rubrik(KASN))


_COMMANDS = {
    "score": ["score", SATU],
    "compare": ["compare", KOHORT_A, "--baseline", KASN, "--reform", REFORM],
    "plan": ["plan", SATU, "--target", "Sangat Baik"],
    "sensitivity": ["sensitivity", KOHORT_A, "--tahap", "terakhir", "--draws", "20"],
}


class TestUsage:
    @pytest.mark.parametrize("command", list(_COMMANDS))
    def test_xlsx_without_an_output_file(self, command):
        """--format xlsx without -o is a usage error (exit 2) that says to name the workbook."""
        code, out, err = run_cli(*_COMMANDS[command], "--format", "xlsx")
        assert (code, out) == (2, "")
        assert "-o OUT.xlsx" in err

    @pytest.mark.parametrize("command", list(_COMMANDS))
    def test_an_output_file_with_json(self, tmp_path, command):
        """-o with --format json is a usage error (exit 2) reported as JSON, and nothing is written."""
        code, out, _ = run_cli(*_COMMANDS[command], "--format", "json", "-o", tmp_path / "out.xlsx")
        assert code == 2
        assert json.loads(out)["error"]["code"] == "usage"
        assert not (tmp_path / "out.xlsx").exists()

    def test_an_output_file_not_named_xlsx(self, tmp_path):
        """--format xlsx -o out.csv is a usage error (exit 2)."""
        assert run_cli("score", SATU, "--format", "xlsx", "-o", tmp_path / "out.csv")[0] == 2
        assert not (tmp_path / "out.csv").exists()

    def test_template_does_not_overwrite_without_force(self, tmp_path):
        """template refuses to overwrite an existing file (a filled worksheet?) without --force, and overwrites with it."""
        path = worksheet(tmp_path)
        filled = path.read_bytes()
        code, _, err = run_cli("template", "--rubrik", KASN, "-o", path)
        assert code == 2
        assert "--force" in err
        assert path.read_bytes() == filled
        assert run_cli("template", "--rubrik", KASN, "-o", path, "--force")[0] == 0
        wb = openpyxl.load_workbook(path)
        assert wb["Instansi"][field_cell(wb, "instansi").partition("!")[2]].value is None  # blank again

    def test_template_name_must_be_xlsx(self, tmp_path):
        """template -o kk.xls is a usage error (exit 2)."""
        assert run_cli("template", "--rubrik", KASN, "-o", tmp_path / "kk.xls")[0] == 2
        assert not (tmp_path / "kk.xls").exists()

    def test_template_kohort(self, tmp_path):
        """template --kohort writes the cohort sheet."""
        path = tmp_path / "kohort.xlsx"
        code, out, _ = run_cli("template", "--rubrik", B, "--kohort", "-o", path)
        assert code == 0
        assert "cohort sheet" in out
        assert openpyxl.load_workbook(path).sheetnames == ["Petunjuk", "Kohort"]


class TestWithoutOpenpyxl:
    @pytest.mark.parametrize(
        "argv",
        [
            lambda folder: ["score", template(folder / "kk.xlsx")],
            lambda folder: ["template", "--rubrik", KASN, "-o", folder / "baru.xlsx"],
            lambda folder: ["score", SATU, "--format", "xlsx", "-o", folder / "hasil.xlsx"],
        ],
        ids=["read", "template", "write-results"],
    )
    def test_exit_1_naming_the_extra(self, tmp_path, monkeypatch, argv):
        """Without openpyxl, a command that reads or writes a workbook exits 1 saying to install meritsys[excel]."""
        args = argv(tmp_path)
        no_openpyxl(monkeypatch)
        code, out, err = run_cli(*args)
        assert (code, out) == (1, "")
        assert err.startswith("meritsys: error: ")
        assert "meritsys[excel]" in err
        assert "Traceback" not in err
