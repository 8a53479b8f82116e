"""Input and output at the edges: the one strict reader, the cattrs converter, JSON and TOML files, CSV files, Excel workbooks, the JSON Schemas of every document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from meritsys._lazy import lazy_names

if TYPE_CHECKING:
    from meritsys.io._converter import configure_converter, make_converter
    from meritsys.io._csv import parse_csv, read_csv
    from meritsys.io._excel import parse_xlsx, read_xlsx
    from meritsys.io._excel_template import write_template
    from meritsys.io._json import dumps, loads_hasil, loads_penilaian, parse_json, read_json, read_penilaian
    from meritsys.io._reader import MAX_BYTES, parse_document, read_document
    from meritsys.io._rubrik import dumps_rubrik, load_rubrik, parse_rubrik, rubrik_sha256
    from meritsys.io._schema import SCHEMAS, schema
    from meritsys.io._structure import structure, unstructure

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

# Each name is imported from its module when first used: reading a rubric does not
# import the CSV and Excel readers, and the converter's makers import cattrs only when asked for.
_WHERE = {
    "MAX_BYTES": "meritsys.io._reader",
    "SCHEMAS": "meritsys.io._schema",
    "configure_converter": "meritsys.io._converter",
    "dumps": "meritsys.io._json",
    "dumps_rubrik": "meritsys.io._rubrik",
    "load_rubrik": "meritsys.io._rubrik",
    "loads_hasil": "meritsys.io._json",
    "loads_penilaian": "meritsys.io._json",
    "make_converter": "meritsys.io._converter",
    "parse_csv": "meritsys.io._csv",
    "parse_document": "meritsys.io._reader",
    "parse_json": "meritsys.io._json",
    "parse_rubrik": "meritsys.io._rubrik",
    "parse_xlsx": "meritsys.io._excel",
    "read_csv": "meritsys.io._csv",
    "read_document": "meritsys.io._reader",
    "read_json": "meritsys.io._json",
    "read_penilaian": "meritsys.io._json",
    "read_xlsx": "meritsys.io._excel",
    "rubrik_sha256": "meritsys.io._rubrik",
    "schema": "meritsys.io._schema",
    "structure": "meritsys.io._structure",
    "unstructure": "meritsys.io._structure",
    "write_template": "meritsys.io._excel_template",
}

if not TYPE_CHECKING:  # a type checker sees the names above only, so a misspelt name stays an error there
    __getattr__, __dir__ = lazy_names(__name__, _WHERE, globals(), __all__)
