"""Assessments from CSV files, the way spreadsheets save them: wide or long, `,` or `;`, with or without a BOM.

Two layouts are read:

* **wide**: one row per agency, year and stage; metadata columns first
  (``instansi``, ``nama``, ``jenis``, ``provinsi``, ``tahun``, ``tahap``,
  ``rubrik``, ``survei``, ``koreksi``), then one column per indicator code
  (or alias) and, in regime B, one per gate code;
* **long**: one row per answer, with the columns ``instansi``, ``tahun``,
  ``tahap``, ``indikator`` and ``level`` (the metadata columns as above may
  follow, equal on every row of one assessment); a gate is answered by
  naming it in ``indikator`` and giving its answer in ``level``.

The separator is found in the header (``;`` when it has more semicolons than
commas, as Excel saves with Indonesian settings, else ``,``); a UTF-8 byte
order mark is dropped; with ``;`` a decimal comma is read (``0,75``).  An empty
answer cell is a missing answer (the missing-answer policy decides when the
assessment is scored); ``3.0`` is level 3 and ``3.5`` is refused.  Every
problem is reported together and addressed by line and column
(``$.baris[4]["1.2"]: level 5 is outside 0..4``; line 1 is the header), so
rows in = rows read + rows reported: nothing is dropped without a word.  Rows
whose cells are all empty are not data and are skipped.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from meritsys._repr import shown
from meritsys.errors import Problem, ValidationError
from meritsys.io._reader import decode_text, read_bytes
from meritsys.model import Penilaian, Rubrik

__all__ = ["META", "CellReader", "kohort_columns", "parse_csv", "plain_lines", "read_csv", "read_table"]

META = ("instansi", "nama", "jenis", "provinsi", "tahun", "tahap", "rubrik", "survei", "koreksi")
"""The metadata columns, in the order a wide file lists them."""
_REQUIRED = ("instansi", "nama", "jenis", "tahun")
_SMALL = {str(i): i for i in range(128)}
"""Cells that are plainly a level, read without parsing."""
_LONG = ("indikator", "level")


def read_csv(path: str | os.PathLike[str], *, rubrik: Rubrik | None = None) -> tuple[Penilaian, ...]:
    """Read the assessments of a CSV file (wide or long layout).

    Args:
        path: The file.
        rubrik: The rubric the answers follow; ``None`` to take it from the
            file's ``rubrik`` column (the same on every row), through the
            registry (see :func:`meritsys.get_rubrik`).

    Raises:
        ValidationError: listing every problem by line and column.
    """
    name = os.path.basename(os.fspath(path))
    return parse_csv(read_bytes(path), rubrik=rubrik, name=name)


def parse_csv(raw: bytes | str, *, rubrik: Rubrik | None = None, name: str = "") -> tuple[Penilaian, ...]:
    r"""Read assessments from CSV text or bytes (see :func:`read_csv`).

    Examples:
        >>> text = "instansi;nama;jenis;tahun;tahap;rubrik;1.1;1.2\nkota-a;Kota A;kota;2023;mandiri;kasn-2019;3;\n"
        >>> [p] = parse_csv(text)
        >>> dict(p.jawaban), p.tahap.value
        ({'1.1': 3}, 'mandiri')
        >>> parse_csv(text.replace(";3;", ";tiga;"))
        Traceback (most recent call last):
        ...
        meritsys.errors.ValidationError: $.baris[2]["1.1"]: 'tiga' is not a level (a whole number)
    """
    text = decode_text(raw, f"{name or 'the file'} is not valid CSV: ")
    if not text.strip():
        raise ValidationError(f"{name or 'the file'} is empty", code="empty")
    sep = _separator(text.split("\n", 1)[0])
    return read_table(list(_rows(text, sep, name)), rubrik=rubrik, name=name, decimal_comma=sep == ";")


def read_table(
    rows: list[tuple[int, list[str]]], *, rubrik: Rubrik | None, name: str, decimal_comma: bool
) -> tuple[Penilaian, ...]:
    """Assessments from a table's rows as text, each with its line (the header first): a CSV file's or a cohort sheet's.

    Problems are addressed ``baris[LINE]["column"]``; the caller may re-address them (a sheet's cells).
    """
    header, body = [h.strip() for h in rows[0][1]], rows[1:]
    problems = _header_problems(header)
    if problems:
        raise ValidationError(problems)
    columns = {h: i for i, h in enumerate(header)}
    if not body:
        raise ValidationError(f"{name or 'the file'} has a header but no rows", code="empty")
    r = rubrik if rubrik is not None else _rubrik_of(body, columns)
    reader = _Long(r, columns, decimal_comma) if set(_LONG) <= set(columns) else _Wide(r, columns, decimal_comma)
    return reader.read(body)


def kohort_columns(path: str | os.PathLike[str], rubrik: Rubrik) -> dict[str, Any] | None:
    """A clean wide CSV file as ``Kohort.from_arrays`` arguments, or ``None`` (see :mod:`meritsys.io._table_columns`)."""
    from meritsys.io._table_columns import wide_columns, wide_text_columns

    try:
        text = decode_text(read_bytes(path), "")
    except ValidationError:
        return None  # the row reader reports it
    sep = _separator(text.split("\n", 1)[0])
    lines = plain_lines(text, sep)
    if lines is not None:
        if len(lines) < 2 or set(_LONG) <= {h.strip() for h in lines[0].split(sep)}:
            return None
        return wide_text_columns(lines, sep, rubrik, decimal_comma=sep == ";")
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True) if any(row)]
    except csv.Error:
        return None
    if len(rows) < 2 or set(_LONG) <= {h.strip() for h in rows[0]}:
        return None
    return wide_columns([h.strip() for h in rows[0]], rows[1:], rubrik, decimal_comma=sep == ";")


def plain_lines(text: str, sep: str) -> list[str] | None:
    """The lines holding anything of a CSV text without quotes, NULs or lone carriage returns, or ``None``.

    Such a text is split exactly as :func:`csv.reader` splits it: every line
    a row (a row of empty cells holds nothing), every *sep* a cell boundary,
    so :meth:`str.split` can split it, several times faster.  A text with
    any of those characters is for :func:`csv.reader`, and so is one with a
    line longer than :func:`csv.field_size_limit` (a cell that long is an
    error there).
    """
    if '"' in text or "\x00" in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    lines = [line for line in text.split("\n") if line.strip(sep)]
    if lines and max(map(len, lines)) > csv.field_size_limit():
        return None
    return lines


def _separator(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda s: (counts[s], s == ","))


def _rows(text: str, sep: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """The rows that hold anything, each with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    try:
        start = 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ValidationError([Problem(f"baris[{reader.line_num}]", f"not valid CSV: {exc}", code="syntax")]) from None


def _header_problems(header: list[str]) -> list[Problem]:
    out = []
    seen: set[str] = set()
    for i, h in enumerate(header, start=1):
        if not h:
            out.append(Problem("baris[1]", f"column {i} has no name", code="syntax"))
        elif h in seen:
            out.append(Problem(f"baris[1]{_col(h)}", "the column appears more than once", code="duplicate-key"))
        seen.add(h)
    return out


def _col(name: str) -> str:
    return f"[{json.dumps(name, ensure_ascii=False)}]"


def _rubrik_of(body: list[tuple[int, list[str]]], columns: Mapping[str, int]) -> Rubrik:
    from meritsys.rubrics import get_rubrik_or_file  # the edge: a rubric named in the file

    if "rubrik" not in columns:
        raise ValidationError([Problem("baris[1]", "no rubrik column: name the rubric in a column 'rubrik' or pass it (--rubrik)", code="missing-key")])
    at = columns["rubrik"]
    ids = {cells[at] if at < len(cells) else "" for _, cells in body}
    if len(ids) != 1 or "" in ids:
        listed = ", ".join(sorted(shown(i) for i in ids))
        raise ValidationError([Problem("baris[1][\"rubrik\"]", f"the rows name different rubrics or none ({listed}); one file holds one rubric's assessments", code="ambiguous")])
    return get_rubrik_or_file(ids.pop())


class CellReader:
    """What both layouts share: the rubric's columns, cell readers and assembling an assessment."""

    def __init__(self, rubrik: Rubrik, columns: Mapping[str, int], decimal_comma: bool) -> None:
        self.rubrik = rubrik
        self.columns = columns
        self.decimal_comma = decimal_comma
        self.gates = rubrik.gerbang_per_kode

    def cell(self, cells: Sequence[str], column: str) -> str:
        at = self.columns.get(column)
        return cells[at] if at is not None and at < len(cells) else ""

    def level(self, text: str, where: str, code: str, problems: list[Problem]) -> int | None:
        """An answer cell as a level of indicator *code*; ``None`` for an empty cell or a problem."""
        text = text.strip()
        if not text:
            return None
        number = self.number(text)
        if number is None or number != number.to_integral_value():
            why = f"{shown(text)} is not a level (a whole number)" if number is None else f"{text} is not a whole level"
            problems.append(Problem(where, why, code="not-a-level"))
            return None
        level = int(number)
        ind = self.rubrik.indikator[self.rubrik.posisi[code]]
        if not ind.level_min <= level <= ind.level_maks:
            problems.append(Problem(where, f"level {level} is outside {ind.level_min}..{ind.level_maks}", code="level-out-of-range"))
            return None
        return level

    def number(self, text: str) -> Decimal | None:
        if self.decimal_comma and "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None
        return value if value.is_finite() else None

    def decimal(self, text: str, where: str, problems: list[Problem]) -> str | None:
        """A decimal cell as the text the model reads (decimal comma turned into a point)."""
        text = text.strip()
        if not text:
            return None
        number = self.number(text)
        if number is None:
            problems.append(Problem(where, f"{shown(text)} is not a number", code="not-a-number"))
            return None
        return format(number, "f")

    def assessment(self, fields: dict[str, Any], line: int, problems: list[Problem], columns: Mapping[str, str]) -> Penilaian | None:
        """Build one assessment; its problems come back addressed by *line* and the column each field came from."""
        from meritsys.model import Instansi

        def at(exc: ValidationError, prefix: str) -> list[Problem]:
            return [Problem(f"baris[{line}]{_col(_column_of(prefix + p.path, columns))}", p.message, code=p.code) for p in exc.problems]

        found: list[Problem] = []
        try:
            instansi = Instansi(**fields["instansi"])
        except ValidationError as exc:
            found += at(exc, "instansi.")
        if found or fields.get("tahun") is None:
            problems.extend(found)
            return None
        try:
            return Penilaian(**{**fields, "instansi": instansi})
        except ValidationError as exc:
            problems.extend(at(exc, ""))
            return None

    def check_applies(self, p: Penilaian, line: int, columns: Mapping[str, str], problems: list[Problem]) -> None:
        """An answer to a question that does not apply to this agency (type or gate answers) is named at its cell."""
        gates = {self.gates[k].kode: v for k, v in p.gerbang.items() if k in self.gates}
        for code in p.jawaban:
            ind = self.rubrik.indikator[self.rubrik.posisi[code]]
            if not ind.applies_to(p.instansi.jenis, gates):
                problems.append(Problem(f"baris[{line}]{_col(columns.get(f'jawaban.{code}', code))}", f"indicator {ind.kode} does not apply to this agency ({p.instansi.jenis.value}{', given its gate answers' if ind.berlaku_jika is not None and ind.berlaku_jika.gerbang else ''}); leave the cell empty", code="not-applicable"))


def _column_of(path: str, columns: Mapping[str, str]) -> str:
    """The column a model problem's path points at (``instansi.jenis`` → ``jenis``)."""
    head = path.split("[", 1)[0]
    if head in ("jawaban", "gerbang") and "[" in path:
        key = json.loads(path[len(head) + 1 : path.index("]", len(head) + 1)])
        return columns.get(f"{head}.{key}", key)
    return {"instansi.kode": "instansi", "instansi.nama": "nama", "instansi.jenis": "jenis", "instansi.provinsi": "provinsi"}.get(head, head.split(".")[0] or "instansi")


class _Wide(CellReader):
    def read(self, body: list[tuple[int, list[str]]]) -> tuple[Penilaian, ...]:
        problems: list[Problem] = []
        answers: list[tuple[str, str]] = []  # (column, indicator code)
        gates: list[tuple[str, str]] = []
        for column in self.columns:
            if column in META:
                continue
            if column in self.rubrik.posisi:
                answers.append((column, column))
            elif column in self.gates:
                gates.append((column, column))
            else:
                problems.append(Problem(f"baris[1]{_col(column)}", f"not an indicator or gate of rubrik {self.rubrik.id}, nor one of the columns {', '.join(META)}", code="unknown-key"))
        missing = [Problem("baris[1]", f"no {c} column (every assessment needs it)", code="missing-key") for c in _REQUIRED if c not in self.columns]
        if missing:
            raise ValidationError([*problems, *missing])
        # an unknown column is reported with every cell's problems (its cells are not read)
        out: list[Penilaian] = []
        width = len(self.columns)
        indikator = self.rubrik.indikator
        plan = [
            (self.columns[column], column, code, ind.level_min, ind.level_maks)
            for column, code in answers
            for ind in (indikator[self.rubrik.posisi[code]],)
        ]
        for line, cells in body:
            if len(cells) != width:
                problems.append(Problem(f"baris[{line}]", f"has {len(cells)} cells for {width} columns", code="shape"))
                continue
            found: list[Problem] = []
            jawaban: dict[str, int] = {}
            for at, column, code, lo, hi in plan:
                text = cells[at]
                level = _SMALL.get(text)
                if level is not None and lo <= level <= hi:
                    jawaban[code] = level  # the common cell: a plain level in range
                elif text and (level := self.level(text, f"baris[{line}]{_col(column)}", code, found)) is not None:
                    jawaban[code] = level
            gerbang = {code: cells[self.columns[column]] for column, code in gates if cells[self.columns[column]]}
            fields = self.fields(cells, line, found)
            problems.extend(found)
            if found:
                fields["tahun"] = None  # the row is reported; its agency is still checked below
            columns = {f"jawaban.{code}": column for column, code in answers} | {f"gerbang.{code}": column for column, code in gates}
            p = self.assessment({**fields, "jawaban": jawaban, "gerbang": gerbang}, line, problems, columns)
            if p is not None:
                self.check_applies(p, line, columns, problems)
                out.append(p)
        if problems:
            raise ValidationError(problems)
        return tuple(out)

    def fields(self, cells: Sequence[str], line: int, problems: list[Problem]) -> dict[str, Any]:
        return _metadata(self, cells, line, problems)


def _metadata(reader: CellReader, cells: Sequence[str], line: int, problems: list[Problem]) -> dict[str, Any]:
    """The metadata cells of a row as :class:`~meritsys.model.Penilaian` fields (their problems addressed by cell)."""
    tahun_text = reader.cell(cells, "tahun").strip()
    tahun: int | None = None
    if tahun_text.isdigit():
        tahun = int(tahun_text)
    else:
        problems.append(Problem(f"baris[{line}][\"tahun\"]", f"{shown(tahun_text)} is not a year", code="not-a-number"))
    fields: dict[str, Any] = {
        "instansi": {"kode": reader.cell(cells, "instansi"), "nama": reader.cell(cells, "nama"), "jenis": reader.cell(cells, "jenis"), "provinsi": reader.cell(cells, "provinsi") or None},
        "tahun": tahun,
        "rubrik": reader.rubrik.id,
    }
    if reader.cell(cells, "tahap"):
        fields["tahap"] = reader.cell(cells, "tahap")
    for name in ("survei", "koreksi"):
        value = reader.decimal(reader.cell(cells, name), f"baris[{line}]{_col(name)}", problems)
        if value is not None:
            fields[name] = value
    return fields


class _Long(CellReader):
    def read(self, body: list[tuple[int, list[str]]]) -> tuple[Penilaian, ...]:
        problems: list[Problem] = []
        problems.extend(Problem("baris[1]", f"no {c} column (a long file needs it)", code="missing-key") for c in ("instansi", "tahun", "indikator", "level") if c not in self.columns)
        extra = [c for c in self.columns if c not in META and c not in _LONG]
        problems.extend(Problem(f"baris[1]{_col(c)}", f"not a column of the long layout ({', '.join((*META, *_LONG))})", code="unknown-key") for c in extra)
        if problems:
            raise ValidationError(problems)
        groups: dict[tuple[str, str, str], dict[str, Any]] = {}
        width = len(self.columns)
        for line, cells in body:
            if len(cells) != width:
                problems.append(Problem(f"baris[{line}]", f"has {len(cells)} cells for {width} columns", code="shape"))
                continue
            key = (self.cell(cells, "instansi"), self.cell(cells, "tahun"), self.cell(cells, "tahap"))
            group = groups.get(key)
            meta = {c: self.cell(cells, c) for c in META if c in self.columns}
            if group is None:
                group = groups[key] = {"line": line, "cells": cells, "meta": meta, "jawaban": {}, "gerbang": {}, "lines": {}}
            else:
                for c, value in meta.items():
                    if value != group["meta"][c]:
                        problems.append(Problem(f"baris[{line}]{_col(c)}", f"{shown(value)} differs from {shown(group['meta'][c])} on line {group['line']} of the same assessment", code="conflict"))
            code, answer = self.cell(cells, "indikator"), self.cell(cells, "level")
            where = f"baris[{line}][\"level\"]"
            if code in self.rubrik.posisi:
                if code in group["jawaban"] or code in group["lines"]:
                    problems.append(Problem(f"baris[{line}][\"indikator\"]", f"{code} is answered again (first on line {group['lines'][code]})", code="duplicate-key"))
                    continue
                group["lines"][code] = line
                level = self.level(answer, where, code, problems)
                if level is not None:
                    group["jawaban"][code] = level
            elif code in self.gates:
                if answer:
                    group["gerbang"][code] = answer
                group["lines"][code] = line
            else:
                problems.append(Problem(f"baris[{line}][\"indikator\"]", f"{shown(code)} is not an indicator or gate of rubrik {self.rubrik.id}", code="unknown-indicator"))
        out: list[Penilaian] = []
        for group in groups.values():
            line = group["line"]
            found: list[Problem] = []
            fields = _metadata(self, group["cells"], line, found)
            problems.extend(found)
            if found:
                fields["tahun"] = None  # the assessment is reported; its agency is still checked below
            columns = {f"jawaban.{c}": "level" for c in group["jawaban"]} | {f"gerbang.{c}": "level" for c in group["gerbang"]}
            p = self.assessment({**fields, "jawaban": group["jawaban"], "gerbang": group["gerbang"]}, line, problems, columns)
            if p is not None:
                self.check_applies(p, line, columns, problems)
                out.append(p)
        if problems:
            raise ValidationError(sorted(problems, key=_line_of))
        return tuple(out)


def _line_of(problem: Problem) -> int:
    head = problem.path[len("baris[") :].split("]", 1)[0]
    return int(head) if head.isdigit() else 0
