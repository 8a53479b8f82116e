"""A clean wide table (CSV file or cohort sheet) read straight into the columns of a ``Kohort``, without an object per row.

:meth:`meritsys.Kohort.read` takes this path first: when every answer cell is
empty or a plain level, every year a plain number and every column one the
reader knows by its canonical name, the answers become one ``int8`` matrix and
the metadata typed columns, which ``Kohort.from_arrays`` checks as the row
reader would.  Anything else (a problem, an alias column, the long layout, a
cell the fast path does not read) returns ``None`` or fails its check, and the
row reader (:mod:`meritsys.io._csv`) reads the table again, naming each
problem by line and column.  Both paths give the same cohort.
"""

from __future__ import annotations

from itertools import chain
from operator import itemgetter
from typing import Any

from meritsys.io._csv import META
from meritsys.model import JenisInstansi, Rubrik, Tahap

__all__ = ["wide_columns"]

_CELL = {"": -2, **{str(i): i for i in range(128)}}
"""An answer cell the fast path reads: empty (a missing answer, -2) or a plain level."""
_REQUIRED = ("instansi", "nama", "jenis", "tahun")
_JENIS = frozenset(j.value for j in JenisInstansi)
_TAHAP = frozenset(t.value for t in Tahap) | {""}


def wide_columns(header: list[str], body: list[list[str]], rubrik: Rubrik, *, decimal_comma: bool) -> dict[str, Any] | None:
    """The ``Kohort.from_arrays`` arguments of a clean wide table, or ``None`` where the row reader must read it.

    Args:
        header: The header cells, stripped.
        body: The rows (every one as wide as the header; none empty).
        rubrik: The rubric whose indicators and gates the columns name.
        decimal_comma: Whether ``0,72`` is a decimal (a ``;``-separated file).
    """
    import numpy as np

    columns = {h: i for i, h in enumerate(header)}
    if len(columns) != len(header) or not all(c in columns for c in _REQUIRED):
        return None
    gates = rubrik.gerbang_per_kode
    answer_at: list[int] = []
    gate_at: list[tuple[str, int]] = []
    for h, i in columns.items():
        if h in META:
            continue
        if h in rubrik.posisi and rubrik.indikator[rubrik.posisi[h]].kode == h:
            answer_at.append(i)
        elif h in gates and gates[h].kode == h:
            gate_at.append((h, i))
        else:
            return None  # an alias or an unknown column: the row reader names or maps it
    if not answer_at:
        return None
    width = len(header)
    if any(len(row) != width for row in body):
        return None
    n = len(body)
    order = [columns.get(ind.kode) for ind in rubrik.indikator]
    present = [i for i in order if i is not None]
    get = itemgetter(*present)
    flat = list(chain.from_iterable(map(get, body))) if len(present) > 1 else [row[present[0]] for row in body]
    given = _levels(flat, n, len(present))
    if given is None:
        return None  # a cell the fast path does not read ('3.0', ' 3', 'tiga', 5000)
    if len(present) == len(order):
        jawaban = given
    else:  # a column left out of the file: every answer to it is missing
        jawaban = np.full((n, len(order)), -2, dtype=np.int8)
        jawaban[:, [k for k, i in enumerate(order) if i is not None]] = given

    def column(name: str) -> list[str] | None:
        at = columns.get(name)
        return None if at is None else [row[at] for row in body]

    tahun_text = column("tahun")
    assert tahun_text is not None
    if not all(t.isdigit() and len(t) <= 4 for t in tahun_text):
        return None
    jenis = column("jenis")
    tahap = column("tahap")
    # only the values the row reader takes (Kohort.from_arrays also takes names and integer codes)
    if not set(jenis or ()) <= _JENIS or not set(tahap or ()) <= _TAHAP:
        return None
    out: dict[str, Any] = {
        "jawaban": jawaban,
        "kode": column("instansi"),
        "nama": column("nama"),
        "jenis": jenis,
        "tahun": np.array(tahun_text, dtype=np.int16),
    }
    provinsi = column("provinsi")
    if provinsi is not None:
        out["provinsi"] = [p or None for p in provinsi]
    if tahap is not None:
        out["tahap"] = [t or "mandiri" for t in tahap]
    for name in ("survei", "koreksi"):
        values = column(name)
        if values is None:
            continue
        if decimal_comma:
            values = [v.replace(",", ".") if "," in v and "." not in v else v for v in values]
        if name == "survei":
            out[name] = [v or None for v in values]
        else:
            out[name] = [v or "0" for v in values]
    if gate_at:
        out["gerbang"] = [{code: row[i] for code, i in gate_at if row[i]} for row in body]
    return out


def _levels(flat: list[str], n: int, k: int) -> Any:
    """The cells as an ``(n, k)`` int8 matrix (empty: -2), or ``None`` if one is not empty or a plain level."""
    import numpy as np

    if "/" in flat:
        return None  # the mark of an empty cell below; a cell holding it is refused by the row reader
    # an empty cell marked "/" (one below "0"): then every cell is one character exactly when the lengths agree
    joined = "".join([c or "/" for c in flat]) if "" in flat else "".join(flat)
    if len(joined) == len(flat) and joined.isascii():  # every cell one character: read them at once
        code = np.frombuffer(joined.encode("ascii"), dtype=np.uint8).astype(np.int8) - 48
        if ((code < -1) | (code > 9)).any():
            return None
        code[code == -1] = -2
        return code.reshape(n, k)
    cells = [_CELL.get(c) for c in flat]
    if None in cells:
        return None
    return np.fromiter(cells, dtype=np.int8, count=n * k).reshape(n, k)
