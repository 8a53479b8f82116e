"""What the worksheet writer and reader share: openpyxl imported on demand, sheet names, the fields of the agency sheet.

The worksheet (*kertas kerja*) meritsys generates and reads back has a fixed
shape, named here once so that writing and reading cannot drift apart.
"""

from __future__ import annotations

import importlib
from typing import Any

from meritsys.errors import MeritsysError

__all__ = [
    "ANSWER",
    "COHORT",
    "EVIDENCE",
    "FIELDS",
    "GUIDE",
    "INSTANSI",
    "openpyxl",
]

_MISSING = "Excel workbooks need the optional dependency openpyxl: pip install 'meritsys[excel]'"

GUIDE = "Petunjuk"
"""The sheet of instructions (read-only; ignored when reading)."""
INSTANSI = "Instansi"
"""The sheet of the agency, the year, the stage and (regime B) the gates, survey and correction."""
ANSWER = "Jawaban"
"""The sheet of questions and answers, grouped by aspect and sub-aspect."""
COHORT = "Kohort"
"""The sheet of a cohort workbook: one row per agency, year and stage."""

EVIDENCE = "Bukti"
"""The header of the evidence column of the answer sheet."""

FIELDS: tuple[tuple[str, str, str], ...] = (
    ("instansi", "Kode instansi", "kode singkat tanpa spasi, mis. kab-sukamaju"),
    ("nama", "Nama instansi", "nama resmi"),
    ("jenis", "Jenis instansi", "pilih dari daftar"),
    ("provinsi", "Provinsi", "boleh kosong untuk instansi pusat"),
    ("tahun", "Tahun penilaian", "tahun siklus penilaian, mis. 2026"),
    ("tahap", "Tahap", "pilih dari daftar"),
)
"""The agency sheet's fields every rubric asks for: key (column A), label, hint."""

SURVEY_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("survei", "Skor survei (0..1)", "dari survei; desimal dengan titik atau koma"),
    ("koreksi", "Koreksi", "pengurang; 0 jika tidak ada"),
)
"""The agency sheet's fields of a rubric that combines maturity with a survey (regime B)."""


def openpyxl() -> Any:
    """The openpyxl module, or a :class:`~meritsys.errors.MeritsysError` naming the extra that installs it."""
    try:
        return importlib.import_module("openpyxl")
    except ImportError as exc:
        raise MeritsysError(_MISSING) from exc


