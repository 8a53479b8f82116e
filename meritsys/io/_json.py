"""Reading and writing model objects as JSON documents.

Parsing goes through the one strict reader (:mod:`meritsys.io._reader`):
repeated keys are reported with their path, and numbers with a fraction are
kept as floats so the converter can refuse them (decimals travel as strings).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, TypeVar

from meritsys.errors import Problem, ValidationError
from meritsys.io._reader import parse_document, read_document
from meritsys.io._structure import structure
from meritsys.model import Penilaian, Rubrik

if TYPE_CHECKING:
    from meritsys.model import Hasil

__all__ = [
    "dumps",
    "loads_hasil",
    "loads_penilaian",
    "parse_json",
    "read_json",
    "read_penilaian",
    "structure_each",
]

T = TypeVar("T")


def parse_json(text: str | bytes) -> Any:
    """Parse a JSON document strictly; raise :class:`ValidationError` on bad syntax or repeated keys."""
    return parse_document(text, "json")


def read_json(path: str | os.PathLike[str]) -> Any:
    """Read and strictly parse a JSON file.

    Raises:
        ValidationError: if the file cannot be read or is not valid JSON.
    """
    return read_document(path, "json")


def structure_each(data: Any, cls: type[T]) -> tuple[T, ...]:
    """A document holding one *cls* or a list of them, structured; every item's problems together (``$[i]...``)."""
    if isinstance(data, list):
        items: list[T] = []
        problems: list[Problem] = []
        for i, item in enumerate(data):
            try:
                items.append(structure(item, cls, path=f"[{i}]"))
            except ValidationError as exc:
                problems.extend(exc.problems)
        if problems:
            raise ValidationError(problems)
        return tuple(items)
    return (structure(data, cls),)


def loads_penilaian(text: str | bytes) -> tuple[Penilaian, ...]:
    """Parse assessments from JSON text: one object or a list of them.

    Examples:
        >>> doc = '''{"instansi": {"kode": "kota-contoh", "nama": "Pemerintah Kota Contoh",
        ...   "jenis": "kota"}, "tahun": 2023, "rubrik": "kasn-2019", "jawaban": {"1.1": 3}}'''
        >>> [p.instansi.kode for p in loads_penilaian(doc)]
        ['kota-contoh']
    """
    return structure_each(parse_json(text), Penilaian)


def read_penilaian(path: str | os.PathLike[str], *, rubrik: Rubrik | None = None) -> tuple[Penilaian, ...]:
    """Read assessments from a file: JSON (one object or a list), CSV (``.csv``) or an Excel workbook (``.xlsx``), by its suffix.

    Args:
        path: The file.
        rubrik: For a CSV file or a workbook, the rubric its columns follow
            (default: the one the file names); a JSON assessment names its own.

    Raises:
        ValidationError: listing every problem (JSON: by path; CSV: by line and
            column; Excel: by sheet and cell).
    """
    from meritsys.io._suffix import looks_like_csv, looks_like_xlsx

    if isinstance(path, str | os.PathLike) and looks_like_csv(path):
        from meritsys.io._csv import read_csv

        return read_csv(path, rubrik=rubrik)
    if isinstance(path, str | os.PathLike) and looks_like_xlsx(path):
        from meritsys.io._excel import read_xlsx

        return read_xlsx(path, rubrik=rubrik)
    return structure_each(read_json(path), Penilaian)


def loads_hasil(text: str | bytes) -> tuple[Hasil, ...]:
    """Parse results (as written by :func:`dumps`) from JSON text."""
    # imported here: reading assessments needs none of the result's classes
    from meritsys.model import Hasil

    return structure_each(parse_json(text), Hasil)


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """Serialise a model object, or a list of them, to JSON text (decimals as strings).

    The text is ``json.dumps(unstructure(obj), ensure_ascii=False, indent=indent)``,
    written without building the plain data first (:mod:`meritsys.io._write`).
    """
    from meritsys.io._write import write_json  # the way out: reading assessments in does not need it

    return write_json(obj, indent=indent)
