"""Input and output at the edges: the one strict reader, the cattrs converter, JSON and TOML files, CSV files, Excel workbooks, the JSON Schemas of every document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from meritsys.io._csv import parse_csv, read_csv
from meritsys.io._excel import parse_xlsx, read_xlsx
from meritsys.io._excel_template import write_template
from meritsys.io._json import dumps, loads_hasil, loads_penilaian, parse_json, read_json, read_penilaian
from meritsys.io._reader import MAX_BYTES, parse_document, read_document
from meritsys.io._rubrik import dumps_rubrik, load_rubrik, parse_rubrik, rubrik_sha256
from meritsys.io._schema import SCHEMAS, schema
from meritsys.io._structure import structure, unstructure

if TYPE_CHECKING:
    from meritsys.io._converter import configure_converter, make_converter

__all__ = [
    "MAX_BYTES",
    "SCHEMAS",
    "configure_converter",
    "dumps",
    "dumps_rubrik",
    "load_rubrik",
    "loads_hasil",
    "loads_penilaian",
    "make_converter",
    "parse_csv",
    "parse_document",
    "parse_json",
    "parse_rubrik",
    "parse_xlsx",
    "read_csv",
    "read_document",
    "read_json",
    "read_penilaian",
    "read_xlsx",
    "rubrik_sha256",
    "schema",
    "structure",
    "unstructure",
    "write_template",
]


def __getattr__(name: str) -> Any:
    # the converter's makers import cattrs: only when asked for
    if name in ("configure_converter", "make_converter"):
        from meritsys.io import _converter

        return getattr(_converter, name)
    raise AttributeError(f"module 'meritsys.io' has no attribute {name!r}")
