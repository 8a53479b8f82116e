"""The blank worksheet (*kertas kerja*) of a rubric, for an agency team to fill in Excel.

:func:`write_template` writes, for any rubric (shipped or the user's):

* ``Petunjuk``: how to fill it, the rubric's id, name, hash and legal references;
* ``Instansi``: the agency, year and stage (drop-downs for the agency type and
  stage), and for a rubric that combines maturity with a survey (regime B) the
  survey score and correction, and the gate questions with drop-downs of
  their answers;
* ``Jawaban``: the questions grouped by aspect and sub-aspect, each with its
  code, what it asks, the descriptor of every level, a drop-down of the
  allowed levels, the evidence column, when it applies (gate or agency type)
  and the evidence hint.

The structure is protected (no password: the protection keeps an accidental
edit out, it is not security); only the cells to fill are editable.  With
``kohort=True`` it writes instead the cohort layout an analyst fills or
pastes into: one row per agency, year and stage, one column per indicator.
"""

from __future__ import annotations

import os
from typing import Any

from meritsys._version import __version__
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
from meritsys.model import Indikator, JenisInstansi, Rubrik, Tahap, rubrik_sha256

__all__ = ["answer_header", "cohort_header", "write_template"]

_COHORT_ROWS = 1000
"""Rows of a cohort template that carry the drop-downs."""
_BOLD: dict[str, Any] = {"bold": True}
_HEAD_FILL = "DDEBF7"
_ASPEK_FILL = "BDD7EE"
_SUB_FILL = "F2F2F2"
_INPUT_FILL = "FFF2CC"


def answer_header(rubrik: Rubrik) -> list[str]:
    """The header row of the answer sheet of *rubrik*'s worksheet."""
    return ["Kode", "Pertanyaan", *(f"Level {v}" for v in _levels(rubrik)), ANSWER, EVIDENCE, "Berlaku jika", "Petunjuk bukti"]


def cohort_header(rubrik: Rubrik) -> list[str]:
    """The header row of *rubrik*'s cohort sheet: metadata columns, indicator codes, gate codes."""
    meta = ["instansi", "nama", "jenis", "provinsi", "tahun", "tahap", "rubrik"]
    if rubrik.komposisi is not None:  # an index that gives the survey no weight (JPT) asks for none
        meta += ["survei", "koreksi"] if rubrik.komposisi.pakai_survei else ["koreksi"]
    return [*meta, *(i.kode for i in rubrik.indikator), *(g.kode for g in rubrik.gerbang)]


def _levels(rubrik: Rubrik) -> range:
    return range(min(i.level_min for i in rubrik.indikator), max(i.level_maks for i in rubrik.indikator) + 1)


def write_template(rubrik: Rubrik, path: str | os.PathLike[str], *, kohort: bool = False) -> None:
    """Write the blank worksheet of *rubrik* to *path* (``.xlsx``).

    Args:
        rubrik: The rubric whose questions the worksheet asks.
        path: Where to write it.
        kohort: Write the cohort layout (one row per agency, year and stage)
            instead of one agency's worksheet.

    Raises:
        MeritsysError: if openpyxl is not installed (extra ``meritsys[excel]``).
    """
    xl = openpyxl()
    wb = xl.Workbook()
    _Style(xl).guide(wb.active, rubrik, kohort)
    style = _Style(xl)
    if kohort:
        style.cohort(wb.create_sheet(COHORT), rubrik)
    else:
        style.instansi(wb.create_sheet(INSTANSI), rubrik)
        style.answers(wb.create_sheet(ANSWER), rubrik)
    wb.active = 1
    wb.save(os.fspath(path))


class _Style:
    """The cell styles of one workbook and the sheets drawn with them."""

    def __init__(self, xl: Any) -> None:
        styles = xl.styles
        self.xl = xl
        self.bold = styles.Font(bold=True)
        self.title = styles.Font(bold=True, size=14)
        self.italic = styles.Font(italic=True)
        self.wrap = styles.Alignment(wrap_text=True, vertical="top")
        self.head_fill = styles.PatternFill("solid", fgColor=_HEAD_FILL)
        self.aspek_fill = styles.PatternFill("solid", fgColor=_ASPEK_FILL)
        self.sub_fill = styles.PatternFill("solid", fgColor=_SUB_FILL)
        self.input_fill = styles.PatternFill("solid", fgColor=_INPUT_FILL)
        self.unlocked = styles.Protection(locked=False)

    def protect(self, ws: Any) -> None:
        ws.protection.sheet = True
        # people may still widen columns and rows to read long descriptors
        ws.protection.formatColumns = False
        ws.protection.formatRows = False

    def header(self, ws: Any, row: int, values: list[str]) -> None:
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.font = self.bold
            cell.fill = self.head_fill
            cell.alignment = self.wrap

    def editable(self, cell: Any) -> None:
        cell.protection = self.unlocked
        cell.fill = self.input_fill

    def choice(self, ws: Any, options: list[str], cells: list[str], prompt: str) -> None:
        """A drop-down of *options* on *cells* (Excel rejects anything else typed in)."""
        if not cells:
            return
        dv = self.xl.worksheet.datavalidation.DataValidation(
            type="list", formula1='"' + ",".join(options) + '"', allow_blank=True, showErrorMessage=True, showInputMessage=True
        )
        dv.error = "Pilih salah satu: " + ", ".join(options)
        dv.errorTitle = "Isian tidak valid"
        dv.prompt = prompt
        ws.add_data_validation(dv)
        for ref in cells:
            dv.add(ref)

    def guide(self, ws: Any, rubrik: Rubrik, kohort: bool) -> None:
        ws.title = GUIDE
        ws["A1"] = f"Kertas kerja {'kohort ' if kohort else ''}penilaian sistem merit"
        ws["A1"].font = self.title
        lines = [
            ("Rubrik", f"{rubrik.nama} [{rubrik.id}]"),
            ("sha256 rubrik", rubrik_sha256(rubrik)),
            ("Rujukan", "; ".join(r.kode for r in rubrik.rujukan)),
            ("Dibuat dengan", f"meritsys {__version__}"),
            ("", ""),
        ]
        if kohort:
            lines += [
                ("Cara mengisi", f"Satu baris di lembar '{COHORT}' untuk setiap instansi, tahun dan tahap."),
                ("", "Kolom pertama memuat data instansi; setiap kolom berikutnya adalah kode indikator (level jawaban)."),
                ("", "Sel jawaban yang kosong berarti belum dijawab; indikator yang tidak berlaku dibiarkan kosong."),
            ]
        else:
            lines += [
                ("Cara mengisi", f"1. Lengkapi lembar '{INSTANSI}' (sel berwarna kuning)."),
                ("", f"2. Pada lembar '{ANSWER}', pilih level setiap pertanyaan di kolom '{ANSWER}'."),
                ("", f"3. Tulis bukti dukung di kolom '{EVIDENCE}' (satu bukti per baris)."),
                ("", "Pertanyaan yang tidak berlaku bagi instansi Anda dibiarkan kosong."),
                ("", "Struktur lembar dilindungi; hanya sel isian yang dapat diubah."),
            ]
        lines.append(("Memeriksa", "meritsys validate kertas-kerja.xlsx  ·  meritsys score kertas-kerja.xlsx"))
        for row, (key, text) in enumerate(lines, start=3):
            ws.cell(row=row, column=1, value=key or None).font = self.bold
            ws.cell(row=row, column=2, value=text or None)
        ws.column_dimensions["A"].width = 16
        ws.column_dimensions["B"].width = 100
        self.protect(ws)

    def instansi(self, ws: Any, rubrik: Rubrik) -> None:
        self.header(ws, 1, ["Kunci", "Isian", "Nilai", "Keterangan"])
        rows: list[tuple[str, str, str, list[str] | None]] = []
        for key, label, hint in FIELDS:
            options = [j.value for j in JenisInstansi] if key == "jenis" else [t.value for t in Tahap] if key == "tahap" else None
            rows.append((key, label, hint, options))
        komp = rubrik.komposisi
        if komp is not None:
            for key, label, hint in SURVEY_FIELDS:
                if key == "survei" and not komp.pakai_survei:
                    continue  # an index that gives the survey no weight (JPT) asks for none
                if key == "koreksi" and komp.koreksi is not None:
                    label, hint = f"{label}: {komp.koreksi.nama}", f"rentang {komp.koreksi.describe()}; 0 jika tidak ada"
                rows.append((key, label, hint, None))
        for g in rubrik.gerbang:
            meaning = "; ".join(f"{k} = {v}" for k, v in g.opsi.items())
            rows.append((f"gerbang.{g.kode}", g.pertanyaan, f"pertanyaan gerbang: {meaning}", list(g.opsi)))
        ws.cell(row=2, column=1, value="rubrik")
        ws.cell(row=2, column=2, value="Rubrik")
        ws.cell(row=2, column=3, value=rubrik.id).font = self.bold
        ws.cell(row=2, column=4, value="ditetapkan oleh kertas kerja ini")
        for row, (key, label, hint, options) in enumerate(rows, start=3):
            ws.cell(row=row, column=1, value=key)
            ws.cell(row=row, column=2, value=label).alignment = self.wrap
            self.editable(ws.cell(row=row, column=3))
            ws.cell(row=row, column=4, value=hint).alignment = self.wrap
            if options is not None:
                self.choice(ws, options, [f"C{row}"], hint)
        for col, width in zip("ABCD", (18, 44, 34, 60), strict=True):
            ws.column_dimensions[col].width = width
        ws.freeze_panes = "A2"
        self.protect(ws)

    def answers(self, ws: Any, rubrik: Rubrik) -> None:
        header = answer_header(rubrik)
        levels = _levels(rubrik)
        answer_col = 3 + len(levels)
        self.header(ws, 1, header)
        by_list: dict[str, list[str]] = {}
        gates = rubrik.gerbang_per_kode
        row = 2
        letter = self.xl.utils.get_column_letter
        for aspek in rubrik.aspek:
            self._group(ws, row, f"Aspek {aspek.kode}. {aspek.nama}", self.aspek_fill, len(header))
            row += 1
            current: str | None = None
            for ind in aspek.indikator:
                if ind.subaspek is not None and ind.subaspek != current:
                    current = ind.subaspek
                    self._group(ws, row, current, self.sub_fill, len(header), italic=True)
                    row += 1
                ws.cell(row=row, column=1, value=ind.kode).font = self.bold
                ws.cell(row=row, column=2, value=ind.nama).alignment = self.wrap
                for level in ind.level:
                    ws.cell(row=row, column=3 + level.nilai - levels.start, value=level.deskriptor).alignment = self.wrap
                self.editable(ws.cell(row=row, column=answer_col))
                evidence = ws.cell(row=row, column=answer_col + 1)
                self.editable(evidence)
                evidence.alignment = self.wrap
                ws.cell(row=row, column=answer_col + 2, value=_condition(ind, gates)).alignment = self.wrap
                ws.cell(row=row, column=answer_col + 3, value=ind.petunjuk_bukti).alignment = self.wrap
                options = ",".join(str(v.nilai) for v in ind.level)
                by_list.setdefault(options, []).append(f"{letter(answer_col)}{row}")
                row += 1
        for options, cells in by_list.items():
            self.choice(ws, options.split(","), cells, "Pilih level jawaban")
        widths = [9, 44, *([28] * len(levels)), 10, 30, 22, 40]
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[letter(col)].width = width
        ws.freeze_panes = "C2"
        self.protect(ws)

    def _group(self, ws: Any, row: int, text: str, fill: Any, width: int, *, italic: bool = False) -> None:
        cell = ws.cell(row=row, column=2, value=text)
        cell.font = self.italic if italic else self.bold
        for col in range(1, width + 1):
            ws.cell(row=row, column=col).fill = fill

    def cohort(self, ws: Any, rubrik: Rubrik) -> None:
        header = cohort_header(rubrik)
        self.header(ws, 1, header)
        letter = self.xl.utils.get_column_letter
        last = _COHORT_ROWS + 1
        gates = rubrik.gerbang_per_kode
        by_list: dict[str, list[str]] = {}
        for col, key in enumerate(header, start=1):
            column = letter(col)
            ref = f"{column}2:{column}{last}"
            if key == "jenis":
                self.choice(ws, [j.value for j in JenisInstansi], [ref], "Jenis instansi")
            elif key == "tahap":
                self.choice(ws, [t.value for t in Tahap], [ref], "Tahap")
            elif key == "rubrik":
                self.choice(ws, [rubrik.id], [ref], "Rubrik")
            elif key in rubrik.posisi:
                ind = rubrik.indikator[rubrik.posisi[key]]
                by_list.setdefault(",".join(str(v.nilai) for v in ind.level), []).append(ref)
            elif key in gates:
                self.choice(ws, list(gates[key].opsi), [ref], gates[key].pertanyaan)
            ws.column_dimensions[column].width = 24 if key in ("nama", "instansi") else max(8, len(key) + 3)
        for options, cells in by_list.items():
            self.choice(ws, options.split(","), cells, "Pilih level jawaban")
        ws.freeze_panes = "C2"


def _condition(ind: Indikator, gates: Any) -> str | None:
    cond = ind.berlaku_jika
    if cond is None:
        return None
    parts = []
    if cond.gerbang is not None:
        gate = gates.get(cond.gerbang)
        asked = gate.pertanyaan if gate is not None else cond.gerbang
        parts.append(f"hanya jika jawaban gerbang '{asked}' = {' / '.join(cond.jawaban)}")
    if cond.jenis:
        parts.append("hanya untuk " + ", ".join(j.value for j in cond.jenis))
    return "; ".join(parts)
