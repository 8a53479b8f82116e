"""Input and output at the edges: the strict cattrs converter and JSON/TOML files."""

from meritsys.io.converter import configure_converter, make_converter, structure, unstructure
from meritsys.io.jsonio import dumps, loads_hasil, loads_penilaian, parse_json, read_json, read_penilaian
from meritsys.io.rubrikio import dumps_rubrik, load_rubrik, parse_rubrik, rubrik_sha256

__all__ = [
    "configure_converter",
    "dumps",
    "dumps_rubrik",
    "load_rubrik",
    "loads_hasil",
    "loads_penilaian",
    "make_converter",
    "parse_json",
    "parse_rubrik",
    "read_json",
    "read_penilaian",
    "rubrik_sha256",
    "structure",
    "unstructure",
]
