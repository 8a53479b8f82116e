r"""Assessments from Excel workbooks: an agency's filled worksheet, or a cohort sheet.

Two shapes are read (openpyxl, extra ``meritsys[excel]``):

* **the worksheet** of one agency, as :func:`~meritsys.io.write_template`
  writes it: the sheet ``Instansi`` (a key in column A, its value in column C)
  and the sheet ``Jawaban`` (the indicator code in column ``Kode``, the level
  in ``Jawaban``, evidence in ``Bukti``, one reference per line);
* **a cohort sheet** ``Kohort``: one row per agency, year and stage, laid out
  as a wide or long CSV file is (see :mod:`meritsys.io._csv`).

Every problem is reported together and addressed by sheet and cell
(``Jawaban!H14: level 5 is outside 0..4``).  A whole number typed as ``3.0``
is level 3; ``3.5`` and text such as ``"tiga"`` are refused at their cell; an
empty answer cell is a missing answer (the rubric's or the caller's
missing-answer policy decides when the assessment is scored, and a missing
answer is then reported at its cell too, see :class:`Located`).  A sheet the
workbook should not have, a column the sheet should not have, a row whose code
is not one of the rubric's, and an indicator without a row are named rather
than ignored.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._repr import shown
from meritsys.errors import Problem, ValidationError
from meritsys.io._csv import CellReader, read_table
from meritsys.io._excel_common import (
    ANSWER,
    COHORT,
    EVIDENCE,
    FIELDS,
    GUIDE,
    INSTANSI,
    SURVEY_FIELDS,
    openpyxl,
)
from meritsys.io._excel_template import answer_header
from meritsys.io._reader import read_bytes
from meritsys.model import Penilaian, Rubrik

__all__ = ["Located", "cell_order", "parse_xlsx", "read_located", "read_xlsx", "text_of"]

_KEYS = {key for key, _, _ in (*FIELDS, *SURVEY_FIELDS)} | {"rubrik"}
_CELL = re.compile(r"^baris\[(\d+)\](?:\[(\".*\")\])?$")
_ITEM = re.compile(r"^\[(\d+)\]\.?")


@attrs.frozen
class Located:
    """Assessments read from a file, and where in the file each of their fields came from.

    A problem found later (when the assessments are scored: a missing answer,
    an answer to a question that does not apply) is addressed ``[i].jawaban["1.2"]``;
    :meth:`address` turns it into the cell it came from (``Jawaban!H9``).
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    items: tuple[Penilaian, ...]
    cells: Callable[[int, str], str | None]
    problems: tuple[Problem, ...] = ()
    """What reading found wrong; *items* then holds what could still be read (an answer cell in error left out)."""
    many: bool = True
    """Whether the file holds a list of assessments (a cohort sheet) rather than one (an agency's worksheet)."""

    def checked(self) -> tuple[Penilaian, ...]:
        """The assessments, or a :class:`~meritsys.errors.ValidationError` of every problem reading found."""
        if self.problems:
            raise ValidationError(self.problems)
        return self.items

    def address(self, problem: Problem) -> Problem:
        """*problem* (addressed ``[i].path`` or, for one item, ``path``) at the cell it came from, where known."""
        m = _ITEM.match(problem.path)
        index, rest = (int(m.group(1)), problem.path[m.end() :]) if m else (0, problem.path)
        cell = self.cells(index, rest)
        return problem if cell is None else Problem(cell, problem.message, code=problem.code)


_ADDRESS = re.compile(r"^(.+)!([A-Z]*)([0-9]*)")


def cell_order(problem: Problem) -> tuple[int, str, int, int, str]:
    """A sort key: problems of a workbook sheet by sheet, row and column; others after them."""
    m = _ADDRESS.match(problem.path)
    if m is None:
        return (1, "", 0, 0, problem.path)
    sheet, col, row = m.groups()
    return (0, sheet, int(row or 0), len(col) * 100 + (ord(col[-1]) if col else 0), col)


def read_xlsx(path: str | os.PathLike[str], *, rubrik: Rubrik | None = None) -> tuple[Penilaian, ...]:
    """Read the assessments of an Excel workbook: one agency's worksheet, or a cohort sheet.

    Args:
        path: The workbook (``.xlsx``).
        rubrik: The rubric the answers follow; ``None`` to take it from the
            workbook (the worksheet's ``rubrik`` row, the cohort sheet's
            ``rubrik`` column), through the registry.

    Raises:
        ValidationError: listing every problem by sheet and cell.
        MeritsysError: if openpyxl is not installed (extra ``meritsys[excel]``).
    """
    return read_located(path, rubrik=rubrik).checked()


def parse_xlsx(raw: bytes, *, rubrik: Rubrik | None = None, name: str = "") -> tuple[Penilaian, ...]:
    """Read assessments from the bytes of an Excel workbook (see :func:`read_xlsx`)."""
    return _Workbook(raw, name or "the workbook", rubrik).read().checked()


def read_located(source: str | os.PathLike[str] | bytes, *, rubrik: Rubrik | None = None, name: str = "") -> Located:
    """Read a workbook (a path or its bytes) and keep where each field came from (see :class:`Located`)."""
    if isinstance(source, bytes):
        return _Workbook(source, name or "the workbook", rubrik).read()
    return _Workbook(read_bytes(source), os.path.basename(os.fspath(source)), rubrik).read()


def text_of(value: Any) -> str:
    """A cell's value as the text a CSV file would hold (``3.0`` → ``"3"``; ``None`` → ``""``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


class _Workbook:
    def __init__(self, raw: bytes, name: str, rubrik: Rubrik | None) -> None:
        self.raw = raw
        self.name = name
        self.rubrik = rubrik

    def read(self) -> Located:
        xl = openpyxl()
        if not self.raw:
            raise ValidationError(f"{self.name} is empty", code="empty")
        try:
            wb = xl.load_workbook(io.BytesIO(self.raw), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors for a damaged file
            raise ValidationError(f"{self.name} is not an Excel workbook (.xlsx): {type(exc).__name__}: {exc}", code="syntax") from None
        try:
            names = list(wb.sheetnames)
            if COHORT in names:
                return self.cohort(wb, names)
            if INSTANSI in names or ANSWER in names:
                return _Worksheet(self, wb, names).read()
            raise ValidationError([Problem("", f"{self.name} has neither the sheets {INSTANSI!r} and {ANSWER!r} of an agency's worksheet nor a {COHORT!r} sheet (it has {', '.join(map(repr, names))})", code="missing-key")])
        finally:
            wb.close()

    def cohort(self, wb: Any, names: list[str]) -> Located:
        extra = [n for n in names if n not in (COHORT, GUIDE)]
        problems = [Problem(f"{n}!A1", f"the sheet {n!r} is not part of a cohort workbook (sheets {COHORT!r} and {GUIDE!r}); remove it or move its rows to {COHORT!r}", code="unknown-key") for n in extra]
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(wb[COHORT].iter_rows(values_only=True), start=1):
            cells = [text_of(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()  # a sheet's used range may run past its last column
            if any(c.strip() for c in cells):
                rows.append((number, cells))
        if not rows:
            raise ValidationError([*problems, Problem(f"{COHORT}!A1", "the sheet is empty", code="empty")])
        width = len(rows[0][1])
        rows = [(n, cells + [""] * (width - len(cells)) if len(cells) < width else cells) for n, cells in rows]
        header = [h.strip() for h in rows[0][1]]
        letters = {h: _letter(i + 1) for i, h in enumerate(header)}

        def at(p: Problem) -> Problem:
            m = _CELL.match(p.path)
            if m is None:
                return Problem(f"{COHORT}!A1", p.message, code=p.code) if not p.path else p
            line, column = int(m.group(1)), m.group(2)
            col = letters.get(json.loads(column)) if column else None
            return Problem(f"{COHORT}!{col}{line}" if col else f"{COHORT}!{line}:{line}", p.message, code=p.code)

        try:
            items = read_table(rows, rubrik=self.rubrik, name=f"{self.name} ({COHORT})", decimal_comma=True)
        except ValidationError as exc:
            raise ValidationError(sorted([*problems, *(at(p) for p in exc.problems)], key=cell_order)) from None
        if problems:
            raise ValidationError(problems)
        lines = [n for n, _ in rows[1:]]
        long = "indikator" in header and "level" in header

        def locate(index: int, path: str) -> str | None:
            if long or index >= len(lines):
                return None
            column = _field_column(path)
            col = letters.get(column) if column else None
            return f"{COHORT}!{col}{lines[index]}" if col else None

        return Located(items, locate)


def _field_column(path: str) -> str | None:
    head = path.split("[", 1)[0]
    if head in ("jawaban", "gerbang") and "[" in path:
        try:
            key = json.loads(path[len(head) + 1 : path.index("]", len(head) + 1)])
        except ValueError:
            return None
        return key if isinstance(key, str) else None
    if head in ("survei", "koreksi", "tahun", "tahap", "rubrik"):
        return head
    return {"instansi.kode": "instansi", "instansi.nama": "nama", "instansi.jenis": "jenis", "instansi.provinsi": "provinsi"}.get(head)


def _letter(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


class _Worksheet:
    """One agency's worksheet: the agency sheet and the answer sheet."""

    def __init__(self, book: _Workbook, wb: Any, names: list[str]) -> None:
        self.book = book
        self.wb = wb
        self.names = names
        self.problems: list[Problem] = []
        self.field_cells: dict[str, str] = {}  # model path -> cell
        self.answer_cells: dict[str, str] = {}  # indicator code -> answer cell
        self.absent: set[str] = set()  # indicators without a row

    def sheet_rows(self, name: str) -> list[tuple[int, list[Any]]]:
        rows = []
        for number, values in enumerate(self.wb[name].iter_rows(values_only=True), start=1):
            if any(v is not None and text_of(v).strip() for v in values):
                rows.append((number, list(values)))
        return rows

    def read(self) -> Located:
        for n in self.names:
            if n not in (GUIDE, INSTANSI, ANSWER):
                self.problems.append(Problem(f"{n}!A1", f"the sheet {n!r} is not part of the worksheet (sheets {GUIDE!r}, {INSTANSI!r}, {ANSWER!r})", code="unknown-key"))
        for n in (INSTANSI, ANSWER):
            if n not in self.names:
                self.problems.append(Problem("", f"{self.book.name} has no sheet {n!r}; fill the worksheet `meritsys template` writes", code="missing-key"))
        if INSTANSI not in self.names or ANSWER not in self.names:
            raise ValidationError(self.problems)
        fields, rubrik = self.instansi()
        jawaban, bukti = self.answers(rubrik)
        problems = self.problems
        p: Penilaian | None = None
        if fields is not None:
            try:
                p = Penilaian(**fields, jawaban=jawaban, bukti=bukti)
            except ValidationError as exc:
                problems.extend(self.at(q) for q in exc.problems)
        if p is not None:
            gates = {rubrik.gerbang_per_kode[k].kode: v for k, v in p.gerbang.items() if k in rubrik.gerbang_per_kode}
            unresolved = {g.kode for g in rubrik.gerbang if gates.get(g.kode) not in g.opsi}
            for code in p.jawaban:
                ind = rubrik.indikator[rubrik.posisi[code]]
                if ind.berlaku_jika is not None and ind.berlaku_jika.gerbang in unresolved:
                    continue  # applicability unknown until the gate is answered (as scoring has it)
                if not ind.applies_to(p.instansi.jenis, gates):
                    why = ", given its gate answers" if ind.berlaku_jika is not None and ind.berlaku_jika.gerbang else ""
                    problems.append(Problem(self.answer_cells[code], f"indicator {ind.kode} does not apply to this agency ({p.instansi.jenis.value}{why}); leave the cell empty", code="not-applicable"))
        if p is None:
            raise ValidationError(sorted(problems, key=cell_order))
        return Located((p,), lambda index, path: self.cell_of(path) if index == 0 else None, tuple(sorted(problems, key=cell_order)), many=False)

    def cell_of(self, path: str) -> str | None:
        head = path.split("[", 1)[0]
        if head == "jawaban" and "[" in path:
            key = _field_column(path)
            if key is None:
                return None
            # an indicator without a row was reported at the header; its missing answer is that problem
            return self.answer_cells.get(key, f"{ANSWER}!A1" if key in self.absent else None)
        if head == "gerbang" and "[" in path:
            key = _field_column(path)
            return self.field_cells.get(f"gerbang.{key}") if key else None
        return self.field_cells.get(head)

    def at(self, problem: Problem) -> Problem:
        cell = self.cell_of(problem.path)
        return Problem(cell or f"{INSTANSI}!A1", problem.message, code=problem.code)

    def instansi(self) -> tuple[dict[str, Any] | None, Rubrik]:
        values: dict[str, str] = {}
        gates: dict[str, str] = {}
        seen: dict[str, int] = {}
        for number, row in self.sheet_rows(INSTANSI):
            if number == 1:
                continue  # the header
            key = text_of(row[0] if row else None).strip()
            value = text_of(row[2] if len(row) > 2 else None).strip()
            if not key:
                if value:
                    self.problems.append(Problem(f"{INSTANSI}!C{number}", "a value without a key in column A", code="missing-key"))
                continue
            if key in seen:
                self.problems.append(Problem(f"{INSTANSI}!A{number}", f"{key!r} appears again (first in row {seen[key]})", code="duplicate-key"))
                continue
            seen[key] = number
            model = {"instansi": "instansi.kode", "nama": "instansi.nama", "jenis": "instansi.jenis", "provinsi": "instansi.provinsi"}.get(key, key)
            self.field_cells[model] = f"{INSTANSI}!C{number}"
            if key.startswith("gerbang."):
                if value:
                    gates[key[len("gerbang.") :]] = value
            elif key in _KEYS:
                values[key] = value
            else:
                self.problems.append(Problem(f"{INSTANSI}!A{number}", f"{shown(key)} is not a field of the worksheet ({', '.join(sorted(_KEYS))}, gerbang.KODE)", code="unknown-key"))
        rubrik = self.book.rubrik or self.rubrik_of(values.get("rubrik", ""))
        for code in gates:
            if code not in rubrik.gerbang_per_kode:
                self.problems.append(Problem(self.field_cells[f"gerbang.{code}"].replace("!C", "!A"), f"{code!r} is not a gate question of rubrik {rubrik.id}", code="unknown-gate"))
        for key in ("instansi", "nama", "jenis", "tahun"):
            if key not in seen:
                self.problems.append(Problem(f"{INSTANSI}!A1", f"no row {key!r} (column A); every assessment needs it", code="missing-key"))
        reader = CellReader(rubrik, {}, decimal_comma=True)
        found: list[Problem] = []
        tahun_text = values.get("tahun", "")
        tahun: int | None = int(tahun_text) if tahun_text.isdigit() else None
        if tahun is None and "tahun" in seen:
            found.append(Problem(self.field_cells["tahun"], f"{shown(tahun_text)} is not a year", code="not-a-number"))
        fields: dict[str, Any] = {
            "instansi": {"kode": values.get("instansi", ""), "nama": values.get("nama", ""), "jenis": values.get("jenis", ""), "provinsi": values.get("provinsi") or None},
            "tahun": tahun,
            "rubrik": rubrik.id,
            "gerbang": gates,
        }
        if values.get("tahap"):
            fields["tahap"] = values["tahap"]
        for name in ("survei", "koreksi"):
            if name in seen:
                decimal_text = reader.decimal(values.get(name, ""), self.field_cells[name], found)
                if decimal_text is not None:
                    fields[name] = decimal_text
        self.problems.extend(found)
        from meritsys.model import Instansi

        try:
            fields["instansi"] = Instansi(**fields["instansi"])
        except ValidationError as exc:
            self.problems.extend(Problem(self.field_cells.get(f"instansi.{q.path.split('.')[0]}", f"{INSTANSI}!A1"), q.message, code=q.code) for q in exc.problems)
            return None, rubrik
        if tahun is None or found:
            return None, rubrik
        return fields, rubrik

    def rubrik_of(self, value: str) -> Rubrik:
        from meritsys.rubrics import get_rubrik_or_file  # the edge: a rubric named in the workbook

        if not value:
            raise ValidationError([*self.problems, Problem(f"{INSTANSI}!A1", "no rubrik row: the worksheet names its rubric (or pass it: --rubrik)", code="missing-key")])
        from meritsys.errors import RubricNotFoundError

        try:
            return get_rubrik_or_file(value)
        except RubricNotFoundError as exc:
            where = self.field_cells.get("rubrik", f"{INSTANSI}!C2")
            raise ValidationError([*self.problems, Problem(where, f"{exc}; a worksheet of your own rubric file is read with that file (--rubrik FILE, or rubrik= in Python)", code="unknown-rubric")]) from None

    def answers(self, rubrik: Rubrik) -> tuple[dict[str, int], dict[str, list[str]]]:
        rows = self.sheet_rows(ANSWER)
        expected = answer_header(rubrik)
        header = [text_of(v).strip() for v in rows[0][1]] if rows and rows[0][0] == 1 else []
        while header and not header[-1]:
            header.pop()
        columns = {h: i for i, h in enumerate(header) if h}
        for i, h in enumerate(header):
            if h and h not in expected:
                self.problems.append(Problem(f"{ANSWER}!{_letter(i + 1)}1", f"the column {h!r} is not part of the worksheet of rubrik {rubrik.id} ({', '.join(expected)})", code="unknown-key"))
        for needed in ("Kode", ANSWER, EVIDENCE):
            if needed not in columns:
                self.problems.append(Problem(f"{ANSWER}!A1", f"no column {needed!r} in row 1", code="missing-key"))
        if "Kode" not in columns or ANSWER not in columns:
            return {}, {}
        code_at, answer_at, evidence_at = columns["Kode"], columns[ANSWER], columns.get(EVIDENCE)
        answer_col = _letter(answer_at + 1)
        reader = CellReader(rubrik, {}, decimal_comma=True)
        jawaban: dict[str, int] = {}
        bukti: dict[str, list[str]] = {}
        seen: dict[str, int] = {}
        width = len(header)
        for number, row in rows:
            if number == 1:
                continue
            for i in range(width, len(row)):
                if text_of(row[i]).strip():
                    self.problems.append(Problem(f"{ANSWER}!{_letter(i + 1)}{number}", "a value in a column without a heading in row 1; it is not read (move it to Bukti)", code="unknown-key"))
            code_text = text_of(_get(row, code_at)).strip()
            answer = text_of(_get(row, answer_at)).strip()
            evidence = text_of(_get(row, evidence_at)).strip() if evidence_at is not None else ""
            if not code_text:
                if answer or evidence:
                    self.problems.append(Problem(f"{ANSWER}!{answer_col if answer else _letter((evidence_at or 0) + 1)}{number}", "an answer in a row without an indicator code (column A)", code="missing-key"))
                continue
            at = rubrik.posisi.get(code_text)
            if at is None:
                self.problems.append(Problem(f"{ANSWER}!A{number}", f"{shown(code_text)} is not an indicator code of rubrik {rubrik.id}", code="unknown-indicator"))
                continue
            code = rubrik.indikator[at].kode
            if code in seen:
                self.problems.append(Problem(f"{ANSWER}!A{number}", f"indicator {code} appears again (first in row {seen[code]})", code="duplicate-key"))
                continue
            seen[code] = number
            self.answer_cells[code] = f"{ANSWER}!{answer_col}{number}"
            level = reader.level(answer, self.answer_cells[code], code, self.problems) if answer else None
            if level is not None:
                jawaban[code] = level
            refs = [line.strip() for line in evidence.splitlines() if line.strip()]
            if refs:
                bukti[code] = refs
        absent = [i.kode for i in rubrik.indikator if i.kode not in seen]
        self.absent.update(absent)
        if absent:
            self.problems.append(Problem(f"{ANSWER}!A1", f"no row for indicator{'s' if len(absent) > 1 else ''} {', '.join(absent)} of rubrik {rubrik.id}; restore {'them' if len(absent) > 1 else 'it'} from a fresh template", code="missing-key"))
        return jawaban, bukti


def _get(row: Sequence[Any], at: int | None) -> Any:
    return row[at] if at is not None and at < len(row) else None

