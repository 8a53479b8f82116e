"""JSON Schemas (draft 2020-12) of every document meritsys reads and writes, shipped as data files.

Programs in other languages check a document against these before handing it to
meritsys, or check what meritsys printed.  Each schema is self-contained (its
``$defs`` hold every part it refers to) and lives in ``meritsys/io/schemas/``
as ``NAME.json``.  A document meritsys reads is refused by meritsys whenever
its schema refuses it; where meritsys checks more than a schema can say (a
level valid for one rubric, weights that add up), the schema's ``description``
says so.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from meritsys.errors import SchemaNotFoundError

__all__ = ["SCHEMAS", "schema"]

SCHEMAS: tuple[str, ...] = (
    "penilaian",
    "penilaian-list",
    "rubrik",
    "reform",
    "kasus",
    "biaya",
    "hasil",
    "hasil-list",
    "perbandingan",
    "rencana",
    "sensitivitas",
)
"""The names of the schemas: first the documents meritsys reads, then those it writes."""


@cache
def _text(name: str) -> str:
    """The JSON text of the schema *name*, as shipped.

    Raises:
        SchemaNotFoundError: if *name* is not one of :data:`SCHEMAS`; the message lists them.
    """
    if name not in SCHEMAS:
        raise SchemaNotFoundError(f"no schema {name!r}; the schemas are: {', '.join(SCHEMAS)}")
    return resources.files("meritsys.io").joinpath("schemas", f"{name}.json").read_text(encoding="utf-8")


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the document *name*, as a new dict.

    Args:
        name: One of :data:`SCHEMAS`, e.g. ``"penilaian"`` (one assessment) or
            ``"hasil"`` (one result of ``meritsys score --format json``).

    Raises:
        SchemaNotFoundError: if *name* is not one of :data:`SCHEMAS`; the message lists them.

    Examples:
        >>> s = schema("penilaian")
        >>> s["$schema"], s["required"]
        ('https://json-schema.org/draft/2020-12/schema', ['instansi', 'tahun', 'rubrik', 'jawaban'])
        >>> s["$defs"]["tahap"]["enum"]
        ['mandiri', 'verifikasi', 'klarifikasi', 'penetapan']
        >>> schema("assessment")
        Traceback (most recent call last):
        ...
        meritsys.errors.SchemaNotFoundError: no schema 'assessment'; the schemas are: penilaian, penilaian-list, rubrik, reform, kasus, biaya, hasil, hasil-list, perbandingan, rencana, sensitivitas
    """
    data: dict[str, Any] = json.loads(_text(name))
    return data
