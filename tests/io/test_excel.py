"""Excel in: the worksheet and cohort sheet meritsys writes, filled as a person fills them, read back with every problem at its cell."""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import json
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest

import meritsys
from meritsys import MeritsysError, ValidationError
from meritsys.io import parse_xlsx, read_xlsx, rubrik_sha256, write_template
from meritsys.rubrics import get_rubrik_or_file
from tests.helpers import DATA, EXAMPLES, KASN, KOHORT_A, KOHORT_B, SATU, B, kasn_without_level_0

KOTA = DATA / "penilaian-kota-contoh-2026.json"
"""A regime B assessment of a kota: gates, a survey score."""
MINI = EXAMPLES / "rubrik" / "contoh-mini.toml"
"""A user's rubric file (levels 1..4)."""


# --------------------------------------------------------------------------- filling a workbook as a person does


@functools.cache
def _blank(rubrik: str, kohort: bool) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "blank.xlsx"
        write_template(get_rubrik_or_file(rubrik), path, kohort=kohort)
        return path.read_bytes()


def template(path: Path, rubrik: str | Path = KASN, *, kohort: bool = False) -> Path:
    """The blank worksheet (or cohort sheet) of *rubrik* (an id or a rubric file), written to *path*."""
    path.write_bytes(_blank(str(rubrik), kohort))
    return path


@contextlib.contextmanager
def edited(path: Path) -> Iterator[Any]:
    """The workbook at *path*, opened in openpyxl and saved again when the block ends."""
    wb = openpyxl.load_workbook(path)
    yield wb
    wb.save(path)


def header(ws: Any) -> dict[str, str]:
    """A sheet's header (row 1): each heading's column letter."""
    return {c.value: c.column_letter for c in ws[1] if c.value is not None}


def keyed_rows(ws: Any) -> dict[str, int]:
    """The rows below the header by the key or code in column A (heading rows have none)."""
    return {str(c.value): c.row for c in ws["A"][1:] if c.value is not None}


def answer_cell(wb: Any, code: str, column: str = "Jawaban") -> str:
    """The address of an indicator's cell in the answer sheet (its answer, or another *column*)."""
    ws = wb["Jawaban"]
    return f"Jawaban!{header(ws)[column]}{keyed_rows(ws)[code]}"


def field_cell(wb: Any, key: str, column: str = "C") -> str:
    """The address of a field's value (or its key, column A) in the agency sheet."""
    return f"Instansi!{column}{keyed_rows(wb['Instansi'])[key]}"


def put(wb: Any, address: str, value: Any) -> None:
    """Type *value* into the cell at *address* (``Jawaban!H7``)."""
    sheet, cell = address.split("!")
    wb[sheet][cell] = value


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    """An assessment's agency-sheet values (JSON shape), typed as a person types them (numbers as numbers)."""
    ins = data["instansi"]
    return {
        "instansi": ins["kode"],
        "nama": ins["nama"],
        "jenis": ins["jenis"],
        "provinsi": ins.get("provinsi"),
        "tahun": data["tahun"],
        "tahap": data.get("tahap"),
        **{k: float(data[k]) for k in ("survei", "koreksi") if data.get(k) is not None},
        **{f"gerbang.{k}": v for k, v in data.get("gerbang", {}).items()},
    }


def fill(path: Path, data: dict[str, Any]) -> None:
    """Type an assessment (JSON shape) into the worksheet at *path*: agency values, answers, evidence (one per line)."""
    with edited(path) as wb:
        ws = wb["Instansi"]
        rows = keyed_rows(ws)
        for key, value in _fields(data).items():
            if value is not None:
                ws[f"C{rows[key]}"] = value
        ws = wb["Jawaban"]
        cols = header(ws)
        for code, row in keyed_rows(ws).items():
            if code in data["jawaban"]:
                ws[f"{cols['Jawaban']}{row}"] = data["jawaban"][code]
            if code in data.get("bukti", {}):
                ws[f"{cols['Bukti']}{row}"] = "\n".join(data["bukti"][code])


@functools.cache
def _filled(source: Path) -> bytes:
    data = json.loads(source.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        path = template(Path(folder) / "kk.xlsx", data["rubrik"])
        fill(path, data)
        return path.read_bytes()


def worksheet(folder: Path, source: Path = SATU, name: str = "kk.xlsx") -> Path:
    """The worksheet of *source*'s rubric filled with its answers (JSON file), at *folder*/*name*."""
    path = folder / name
    path.write_bytes(_filled(source))
    return path


def fill_cohort(path: Path, items: list[dict[str, Any]]) -> None:
    """Type assessments (JSON shape) into the cohort sheet at *path*, one row each from row 2."""
    with edited(path) as wb:
        ws = wb["Kohort"]
        cols = header(ws)
        for row, data in enumerate(items, start=2):
            values = {**_fields(data), "rubrik": data["rubrik"], **data["jawaban"]}
            values.update({k[len("gerbang.") :]: values.pop(k) for k in list(values) if k.startswith("gerbang.")})
            for key, value in values.items():
                if value is not None:
                    ws[f"{cols[key]}{row}"] = value


@functools.cache
def _filled_cohort(source: Path) -> bytes:
    items = json.loads(source.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        path = template(Path(folder) / "kohort.xlsx", items[0]["rubrik"], kohort=True)
        fill_cohort(path, items)
        return path.read_bytes()


def cohort(folder: Path, source: Path = KOHORT_A, name: str = "kohort.xlsx") -> Path:
    """The cohort sheet of *source*'s rubric filled with its assessments (JSON file)."""
    path = folder / name
    path.write_bytes(_filled_cohort(source))
    return path


def problems_of(path: Path, **kwargs: Any) -> list[tuple[str, str]]:
    """What reading the workbook at *path* reports: (cell, message) pairs."""
    with pytest.raises(ValidationError) as info:
        read_xlsx(path, **kwargs)
    return [(p.path, p.message) for p in info.value.problems]


def without_evidence(items: tuple[meritsys.Penilaian, ...]) -> tuple[meritsys.Penilaian, ...]:
    return tuple(attrs.evolve(p, bukti={}) for p in items)


def no_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import openpyxl`` fail the way it does where the extra is not installed."""
    real = importlib.import_module

    def import_module(name: str, package: str | None = None) -> Any:
        if name == "openpyxl" or name.startswith("openpyxl."):
            raise ImportError(f"No module named {name!r}")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", import_module)


# --------------------------------------------------------------------------- the tests


class TestWorksheet:
    @pytest.mark.parametrize("source", [SATU, KOTA], ids=["kasn-2019", "permenpanrb-19-2025"])
    def test_filled_worksheet_reads_as_the_json_assessment(self, tmp_path, source):
        """A worksheet filled with a JSON file's answers, gates, survey and evidence reads as that same assessment."""
        assert read_xlsx(worksheet(tmp_path, source)) == meritsys.read_penilaian(source)

    def test_bytes_the_suffix_and_a_given_rubric_read_the_same(self, tmp_path):
        """parse_xlsx of the bytes, read_penilaian by the .xlsx suffix and an explicit rubric all give the file's assessment."""
        path = worksheet(tmp_path)
        expected = read_xlsx(path)
        assert parse_xlsx(path.read_bytes()) == expected
        assert meritsys.read_penilaian(path) == expected
        assert read_xlsx(path, rubrik=meritsys.get_rubrik(KASN)) == expected

    @pytest.mark.parametrize("typed", [3, 3.0, "3", " 3 "], ids=["number", "whole-decimal", "text", "text-with-spaces"])
    def test_a_whole_number_however_typed_is_a_level(self, tmp_path, typed):
        """3, 3.0 (a spreadsheet's number) and the text '3' are all level 3."""
        path = worksheet(tmp_path)
        with edited(path) as wb:
            put(wb, answer_cell(wb, "3.2"), typed)
        [p] = read_xlsx(path)
        assert p.jawaban["3.2"] == 3

    def test_a_blank_answer_is_missing_not_zero(self, tmp_path):
        """An emptied answer cell leaves the indicator unanswered (the missing-answer policy decides later)."""
        path = worksheet(tmp_path)
        with edited(path) as wb:
            put(wb, answer_cell(wb, "2.2"), None)
        [p] = read_xlsx(path)
        assert "2.2" not in p.jawaban
        assert len(p.jawaban) == len(meritsys.get_rubrik(KASN).indikator) - 1

    def test_each_line_of_an_evidence_cell_is_one_reference(self, tmp_path):
        """Two lines in an evidence cell are two references; blank lines and surrounding spaces are dropped."""
        path = worksheet(tmp_path)
        with edited(path) as wb:
            put(wb, answer_cell(wb, "5.1", "Bukti"), " SK 1/2023 \n\nLaporan evaluasi 2023\n")
        [p] = read_xlsx(path)
        assert p.bukti["5.1"] == ("SK 1/2023", "Laporan evaluasi 2023")

    @pytest.mark.parametrize("typed", ["0,72", "0.72", 0.72], ids=["decimal-comma-text", "decimal-point-text", "number"])
    def test_survey_score_with_a_decimal_comma(self, tmp_path, typed):
        """The survey score may be typed with a decimal comma, as Indonesian spreadsheets show it."""
        path = worksheet(tmp_path, KOTA)
        with edited(path) as wb:
            put(wb, field_cell(wb, "survei"), typed)
        [p] = read_xlsx(path)
        assert str(p.survei) == "0.72"


class TestProblemsAtTheirCells:
    def test_every_answer_problem_is_reported_at_its_cell(self, tmp_path):
        """A mistyped code, a 5, 'tiga' and 3.5 are all reported together, each at its own cell."""
        path = worksheet(tmp_path)
        with edited(path) as wb:
            code_cell = answer_cell(wb, "1.2", "Kode")
            cells = {code: answer_cell(wb, code) for code in ("2.1", "3.1", "3.3")}
            put(wb, code_cell, "1.9")
            put(wb, cells["2.1"], 5)
            put(wb, cells["3.1"], "tiga")
            put(wb, cells["3.3"], 3.5)
        assert sorted(problems_of(path)) == sorted(
            [
                (code_cell, "'1.9' is not an indicator code of rubrik kasn-2019"),
                (cells["2.1"], "level 5 is outside 0..4"),
                (cells["3.1"], "'tiga' is not a level (a whole number)"),
                (cells["3.3"], "3.5 is not a whole level"),
                ("Jawaban!A1", "no row for indicator 1.2 of rubrik kasn-2019; restore it from a fresh template"),
            ]
        )

    def test_a_level_the_indicator_does_not_allow_is_refused(self, tmp_path):
        """A level outside the indicator's own levels (0 where it starts at 1) is refused at its cell."""
        rubrik = kasn_without_level_0()
        path = template(tmp_path / "kk.xlsx")
        fill(path, json.loads(SATU.read_text(encoding="utf-8")))
        with edited(path) as wb:
            put(wb, answer_cell(wb, "1.1"), 0)
            cell = answer_cell(wb, "1.1")
        assert problems_of(path, rubrik=rubrik) == [(cell, "level 0 is outside 1..4")]

    @pytest.mark.parametrize(
        ("code", "gates", "why"),
        [
            ("4.1a", {}, "(kota)"),
            ("6.4b", {"gerbang.kecelakaan_kerja": "tidak"}, "(kota, given its gate answers)"),
        ],
        ids=["for-another-agency-type", "closed-by-its-gate"],
    )
    def test_an_answer_to_a_question_that_does_not_apply(self, tmp_path, code, gates, why):
        """An answer to a question that does not apply to the agency is refused at its answer cell."""
        path = worksheet(tmp_path, KOTA)
        with edited(path) as wb:
            for key, value in gates.items():
                put(wb, field_cell(wb, key), value)
            cell = answer_cell(wb, code)
            put(wb, cell, 2)
        assert problems_of(path) == [(cell, f"indicator {code} does not apply to this agency {why}; leave the cell empty")]

    def test_bad_agency_type_and_year_at_their_cells(self, tmp_path):
        """A type not in the list and a year written in words are reported at their value cells in Instansi."""
        path = worksheet(tmp_path)
        with edited(path) as wb:
            put(wb, field_cell(wb, "jenis"), "desa")
            put(wb, field_cell(wb, "tahun"), "dua ribu")
            jenis, tahun = field_cell(wb, "jenis"), field_cell(wb, "tahun")
        assert sorted(problems_of(path)) == sorted(
            [
                (tahun, "'dua ribu' is not a year"),
                (jenis, "'desa' is not one of 'kementerian', 'lembaga', 'lembaga_negara', 'provinsi', 'kabupaten', 'kota'"),
            ]
        )

    def test_a_survey_score_that_is_not_a_number(self, tmp_path):
        """A survey score written in words is reported at its cell."""
        path = worksheet(tmp_path, KOTA)
        with edited(path) as wb:
            cell = field_cell(wb, "survei")
            put(wb, cell, "tinggi")
        [(where, message)] = problems_of(path)
        assert (where, "'tinggi'" in message) == (cell, True)

    def test_an_indicator_twice(self, tmp_path):
        """A row copied over another is named at its code cell, and the indicator it replaced as missing."""
        path = worksheet(tmp_path)
        with edited(path) as wb:
            first, cell = keyed_rows(wb["Jawaban"])["1.2"], answer_cell(wb, "1.3", "Kode")
            put(wb, cell, "1.2")
        assert sorted(problems_of(path)) == [
            ("Jawaban!A1", "no row for indicator 1.3 of rubrik kasn-2019; restore it from a fresh template"),
            (cell, f"indicator 1.2 appears again (first in row {first})"),
        ]


def _extra_sheet(wb: Any) -> str:
    wb.create_sheet("Catatan")["A1"] = "rapat tim 3 Maret"
    return "Catatan!A1"


def _extra_column(wb: Any) -> str:
    ws = wb["Jawaban"]
    cell = ws.cell(row=1, column=ws.max_column + 1, value="Komentar")
    return f"Jawaban!{cell.coordinate}"


def _unknown_key(wb: Any) -> str:
    ws = wb["Instansi"]
    row = ws.max_row + 1
    ws[f"A{row}"], ws[f"C{row}"] = "kepala", "Budi"
    return f"Instansi!A{row}"


def _value_without_key(wb: Any) -> str:
    ws = wb["Instansi"]
    row = ws.max_row + 2
    ws[f"C{row}"] = "Budi"
    return f"Instansi!C{row}"


def _deleted_row(wb: Any) -> str:
    ws = wb["Jawaban"]
    ws.delete_rows(keyed_rows(ws)["2.2"])
    return "Jawaban!A1"


def _answer_in_a_heading_row(wb: Any) -> str:
    ws = wb["Jawaban"]
    col = header(ws)["Jawaban"]
    cell = f"{col}{keyed_rows(ws)['1.1'] - 1}"  # the sub-aspect heading above the first question
    ws[cell] = 3
    return f"Jawaban!{cell}"


def _unknown_gate(wb: Any) -> str:
    ws = wb["Instansi"]
    row = ws.max_row + 1
    ws[f"A{row}"], ws[f"C{row}"] = "gerbang.banjir", "ya"
    return f"Instansi!A{row}"


def _key_twice(wb: Any) -> str:
    ws = wb["Instansi"]
    row = ws.max_row + 1
    ws[f"A{row}"], ws[f"C{row}"] = "tahun", 2024
    return f"Instansi!A{row}"


def _value_without_heading(wb: Any) -> str:
    ws = wb["Jawaban"]
    cell = ws.cell(row=keyed_rows(ws)["3.1"], column=ws.max_column + 2, value="catatan tim")
    return f"Jawaban!{cell.coordinate}"


class TestNothingIsLost:
    @pytest.mark.parametrize(
        ("change", "fragment"),
        [
            (_extra_sheet, "the sheet 'Catatan' is not part of the worksheet"),
            (_extra_column, "the column 'Komentar' is not part of the worksheet"),
            (_unknown_key, "'kepala' is not a field of the worksheet"),
            (_value_without_key, "a value without a key in column A"),
            (_deleted_row, "no row for indicator 2.2 of rubrik kasn-2019"),
            (_answer_in_a_heading_row, "an answer in a row without an indicator code"),
            (_unknown_gate, "'banjir' is not a gate question of rubrik kasn-2019"),
            (_key_twice, "'tahun' appears again"),
            (_value_without_heading, "a value in a column without a heading"),
        ],
        ids=["extra-sheet", "extra-column", "unknown-key", "value-without-key", "deleted-row", "answer-in-heading-row", "unknown-gate", "key-twice", "value-without-heading"],
    )
    def test_what_the_worksheet_should_not_hold_is_named(self, tmp_path, change, fragment):
        """Anything added to or removed from the worksheet is named at its cell, not silently ignored."""
        path = worksheet(tmp_path)
        with edited(path) as wb:
            cell = change(wb)
        [(where, message)] = problems_of(path)
        assert where == cell
        assert fragment in message


def _empty_workbook(path: Path) -> None:
    openpyxl.Workbook().save(path)


def _text_file(path: Path) -> None:
    path.write_text("instansi;tahun\nkab-a;2023\n", encoding="utf-8")


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _answers_only(path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Jawaban"
    wb.save(path)


def _empty_cohort(path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Kohort"
    wb.save(path)


class TestNotAWorksheet:
    @pytest.mark.parametrize(
        ("make", "fragment"),
        [
            (_zero_bytes, "bukan.xlsx is empty"),
            (_text_file, "bukan.xlsx is not an Excel workbook (.xlsx)"),
            (_empty_workbook, "bukan.xlsx has neither the sheets 'Instansi' and 'Jawaban'"),
            (_answers_only, "bukan.xlsx has no sheet 'Instansi'"),
            (_empty_cohort, "the sheet is empty"),
        ],
        ids=["zero-bytes", "text-renamed-xlsx", "empty-workbook", "answer-sheet-only", "empty-cohort-sheet"],
    )
    def test_a_file_that_is_not_a_worksheet_is_a_clear_validation_error(self, tmp_path, make, fragment):
        """A file that is not a filled worksheet is one clear ValidationError naming the file, never a crash."""
        path = tmp_path / "bukan.xlsx"
        make(path)
        [(_, message)] = problems_of(path)
        assert fragment in message


class TestCohort:
    @pytest.mark.parametrize("source", [KOHORT_A, KOHORT_B], ids=["kasn-2019", "permenpanrb-19-2025"])
    def test_cohort_sheet_reads_as_the_json_cohort(self, tmp_path, source):
        """A cohort sheet filled with a JSON cohort, one row per assessment, reads as that cohort (it carries no evidence)."""
        assert read_xlsx(cohort(tmp_path, source)) == without_evidence(meritsys.read_penilaian(source))

    def test_bad_cells_are_addressed_by_column_and_row(self, tmp_path):
        """A 5, 'tiga', 3.5 and a bad agency type in the cohort sheet are each reported at their cell."""
        path = cohort(tmp_path)
        with edited(path) as wb:
            cols = header(wb["Kohort"])
            cells = [f"Kohort!{cols['1.1']}5", f"Kohort!{cols['1.2']}7", f"Kohort!{cols['2.1']}9", f"Kohort!{cols['jenis']}9"]
            for cell, value in zip(cells, [5, "tiga", 3.5, "desa"], strict=True):
                put(wb, cell, value)
        assert sorted(problems_of(path)) == sorted(
            [
                (cells[0], "level 5 is outside 0..4"),
                (cells[1], "'tiga' is not a level (a whole number)"),
                (cells[2], "3.5 is not a whole level"),
                (cells[3], "'desa' is not one of 'kementerian', 'lembaga', 'lembaga_negara', 'provinsi', 'kabupaten', 'kota'"),
            ]
        )

    def test_rows_in_equal_rows_loaded_plus_rows_reported(self, tmp_path):
        """With good and bad rows the error lists exactly the bad rows; without them every other row loads."""
        path = cohort(tmp_path)
        bad = [3, 6, 11]
        with edited(path) as wb:
            cols = header(wb["Kohort"])
            for row, (column, value) in zip(bad, [("1.1", 7), ("tahun", "2O23"), ("3.4", "empat")], strict=True):
                put(wb, f"Kohort!{cols[column]}{row}", value)
        reported = {int(re.search(r"\d+", cell.partition("!")[2]).group()) for cell, _ in problems_of(path)}
        assert reported == set(bad)
        with edited(path) as wb:
            for row in reversed(bad):
                wb["Kohort"].delete_rows(row)
        expected = without_evidence(meritsys.read_penilaian(KOHORT_A))
        kept = tuple(p for i, p in enumerate(expected, start=2) if i not in bad)
        assert read_xlsx(path) == kept
        assert len(kept) + len(bad) == len(expected)

    def test_a_cohort_sheet_with_a_header_only_says_it_has_no_rows(self, tmp_path):
        """The blank cohort template read back says it has a header but no rows."""
        [(cell, message)] = problems_of(template(tmp_path / "kohort.xlsx", kohort=True))
        assert cell == "Kohort!A1"
        assert message.endswith("has a header but no rows")

    def test_an_extra_sheet_in_a_cohort_workbook_is_named(self, tmp_path):
        """A sheet other than Kohort and Petunjuk is named, and nothing is read from the workbook."""
        path = cohort(tmp_path)
        with edited(path) as wb:
            wb.create_sheet("Lama")["B2"] = "kab-lama"
        [(cell, message)] = problems_of(path)
        assert (cell, "the sheet 'Lama' is not part of a cohort workbook" in message) == ("Lama!A1", True)

    def test_a_value_beyond_the_header_is_named(self, tmp_path):
        """A value typed right of the last column is refused with its row, not dropped."""
        path = cohort(tmp_path)
        with edited(path) as wb:
            ws = wb["Kohort"]
            ws.cell(row=4, column=ws.max_column + 2, value="catatan")
        [(cell, message)] = problems_of(path)
        assert re.fullmatch(r"Kohort![A-Z]*4(:4)?", cell)
        assert "cells for" in message


def _validations(ws: Any) -> dict[str, Any]:
    """Each cell that carries a data validation, and that validation."""
    out: dict[str, Any] = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row, col in rng.cells:
                out[f"{openpyxl.utils.get_column_letter(col)}{row}"] = dv
    return out


def _choices(dv: Any) -> list[str]:
    assert dv.type == "list"
    return dv.formula1.strip('"').split(",")


_RUBRICS = {
    "kasn-2019": lambda: meritsys.get_rubrik(KASN),
    "permenpanrb-19-2025": lambda: meritsys.get_rubrik(B),
    "contoh-mini-file": lambda: meritsys.io.load_rubrik(MINI),
    "level-0-not-allowed": kasn_without_level_0,
}


@functools.cache
def _written(name: str) -> tuple[meritsys.Rubrik, Any]:
    rubrik = _RUBRICS[name]()
    with tempfile.TemporaryDirectory() as folder:
        write_template(rubrik, Path(folder) / "kk.xlsx")
        return rubrik, openpyxl.load_workbook(Path(folder) / "kk.xlsx")


class TestTemplate:
    @pytest.fixture(params=list(_RUBRICS), ids=list(_RUBRICS))
    def written(self, request):
        """(rubric, workbook) of the worksheet written for each rubric, including a user's rubric file (not to be changed)."""
        return _written(request.param)

    def test_sheets_are_protected(self, written):
        """The three sheets are there, in order, and protected against an accidental edit of their structure."""
        _, wb = written
        assert wb.sheetnames == ["Petunjuk", "Instansi", "Jawaban"]
        assert all(wb[name].protection.sheet for name in wb.sheetnames)

    def test_every_indicator_once_with_its_level_descriptors(self, written):
        """Every indicator has one row, in the rubric's order, with its question and the descriptor of each of its levels."""
        rubrik, wb = written
        ws = wb["Jawaban"]
        cols = header(ws)
        rows = [c.row for c in ws["A"][1:] if c.value is not None]
        assert [ws[f"A{r}"].value for r in rows] == [i.kode for i in rubrik.indikator]
        levels = [h for h in cols if h.startswith("Level ")]
        for ind, row in zip(rubrik.indikator, rows, strict=True):
            assert ws[f"B{row}"].value == ind.nama
            shown = {int(h.split()[1]): ws[f"{cols[h]}{row}"].value for h in levels}
            assert {k: v for k, v in shown.items() if v is not None} == {lv.nilai: lv.deskriptor for lv in ind.level}

    def test_only_answer_and_evidence_cells_are_unlocked(self, written):
        """In the answer sheet a person can type only in the answer and evidence cells of a question."""
        _, wb = written
        ws = wb["Jawaban"]
        cols = header(ws)
        editable = {f"{cols[c]}{r}" for r in keyed_rows(ws).values() for c in ("Jawaban", "Bukti")}
        unlocked = {c.coordinate for row in ws.iter_rows() for c in row if not c.protection.locked}
        assert unlocked == editable

    def test_answer_cells_offer_exactly_the_indicators_levels(self, written):
        """Every answer cell has a drop-down of its indicator's allowed levels, and only answer cells have one."""
        rubrik, wb = written
        ws = wb["Jawaban"]
        col, rows = header(ws)["Jawaban"], keyed_rows(ws)
        dvs = _validations(ws)
        expected = {f"{col}{rows[i.kode]}": [str(lv.nilai) for lv in i.level] for i in rubrik.indikator}
        assert {cell: _choices(dv) for cell, dv in dvs.items()} == expected
        assert all(dv.showErrorMessage for dv in dvs.values())

    def test_agency_sheet_names_the_rubric_and_offers_the_choices(self, written):
        """The rubric is prefilled and locked, only the other values can be typed; type, stage and every gate have drop-downs of their options."""
        rubrik, wb = written
        ws = wb["Instansi"]
        rows = keyed_rows(ws)
        assert ws[f"C{rows['rubrik']}"].value == rubrik.id
        assert ws[f"C{rows['rubrik']}"].protection.locked
        keys = ["rubrik", "instansi", "nama", "jenis", "provinsi", "tahun", "tahap"]
        keys += ["survei", "koreksi"] if rubrik.komposisi is not None else []
        assert list(rows) == keys + [f"gerbang.{g.kode}" for g in rubrik.gerbang]
        unlocked = {c.coordinate for row in ws.iter_rows() for c in row if not c.protection.locked}
        assert unlocked == {f"C{r}" for k, r in rows.items() if k != "rubrik"}
        choices = {cell: _choices(dv) for cell, dv in _validations(ws).items()}
        assert choices[f"C{rows['jenis']}"] == [j.value for j in meritsys.JenisInstansi]
        assert choices[f"C{rows['tahap']}"] == [t.value for t in meritsys.Tahap]
        assert {k: choices.get(f"C{r}") for k, r in rows.items() if k.startswith("gerbang.")} == {f"gerbang.{g.kode}": list(g.opsi) for g in rubrik.gerbang}

    def test_the_guide_names_the_rubric_and_its_hash(self, written):
        """The instructions sheet names the rubric and its sha256, so a filled worksheet says what it was made for."""
        rubrik, wb = written
        text = [c for row in wb["Petunjuk"].iter_rows(values_only=True) for c in row if c]
        assert rubrik_sha256(rubrik) in text
        assert any(rubrik.id in t for t in text)

    def test_a_worksheet_of_a_rubric_file_is_read_with_that_file(self, tmp_path):
        """A worksheet of the user's own rubric file names the rubric it cannot find at its cell, and reads with the file given."""
        rubrik = meritsys.io.load_rubrik(MINI)
        path = tmp_path / "mini.xlsx"
        write_template(rubrik, path)
        with pytest.raises(ValidationError) as info:
            read_xlsx(path)
        [problem] = info.value.problems
        assert problem.path == "Instansi!C2"
        assert "--rubrik FILE" in problem.message
        with pytest.raises(ValidationError) as info:  # blank, but now read against the file: its fields are named
            read_xlsx(path, rubrik=rubrik)
        assert all(p.path.startswith(("Instansi!", "Jawaban!")) for p in info.value.problems)

    def test_regime_b_has_gate_rows(self):
        """The regime B worksheet asks both gate questions (so the parametrized checks above are not vacuous)."""
        wb = openpyxl.load_workbook(io.BytesIO(_blank(B, False)))
        assert [k for k in keyed_rows(wb["Instansi"]) if k.startswith("gerbang.")] == ["gerbang.kecelakaan_kerja", "gerbang.kematian"]

    @pytest.mark.parametrize("rubrik", [KASN, B], ids=[KASN, B])
    def test_cohort_layout(self, tmp_path, rubrik):
        """The cohort sheet's header is the metadata, every indicator code and every gate code; indicator columns offer their levels."""
        r = meritsys.get_rubrik(rubrik)
        wb = openpyxl.load_workbook(template(tmp_path / "kohort.xlsx", rubrik, kohort=True))
        assert wb.sheetnames == ["Petunjuk", "Kohort"]
        ws = wb["Kohort"]
        meta = ["instansi", "nama", "jenis", "provinsi", "tahun", "tahap", "rubrik"] + (["survei", "koreksi"] if r.komposisi is not None else [])
        assert [c.value for c in ws[1]] == meta + [i.kode for i in r.indikator] + [g.kode for g in r.gerbang]
        cols, dvs = header(ws), _validations(ws)
        for ind in r.indikator:
            assert _choices(dvs[f"{cols[ind.kode]}2"]) == [str(lv.nilai) for lv in ind.level]
        for g in r.gerbang:
            assert _choices(dvs[f"{cols[g.kode]}2"]) == list(g.opsi)
        assert _choices(dvs[f"{cols['rubrik']}2"]) == [r.id]


class TestWithoutOpenpyxl:
    @pytest.mark.parametrize(
        "call",
        [
            lambda path: write_template(meritsys.get_rubrik(KASN), path),
            read_xlsx,
            lambda path: parse_xlsx(path.read_bytes()),
        ],
        ids=["write_template", "read_xlsx", "parse_xlsx"],
    )
    def test_a_missing_openpyxl_names_the_extra(self, tmp_path, monkeypatch, call: Callable[[Path], Any]):
        """Without openpyxl, writing or reading a workbook is a MeritsysError that says to install meritsys[excel]."""
        path = template(tmp_path / "kk.xlsx")
        no_openpyxl(monkeypatch)
        with pytest.raises(MeritsysError) as info:
            call(path)
        assert not isinstance(info.value, ValidationError)
        assert "meritsys[excel]" in str(info.value)
