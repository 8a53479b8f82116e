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

__all__ = ["wide_columns", "wide_text_columns"]

_CELL = {"": -2, **{str(i): i for i in range(128)}}
"""An answer cell the fast path reads: empty (a missing answer, -2) or a plain level."""
_REQUIRED = ("instansi", "nama", "jenis", "tahun")
_JENIS = frozenset(j.value for j in JenisInstansi)
_TAHAP = frozenset(t.value for t in Tahap) | {""}


def wide_text_columns(lines: list[str], sep: str, rubrik: Rubrik, *, decimal_comma: bool) -> dict[str, Any] | None:
    """:func:`wide_columns` of a plain text table: *lines* (none empty) split at *sep* as :func:`csv.reader` would.

    In the usual layout (the indicators, every one and in the rubric's order,
    are the last columns, and each answer is one character) a row is split
    only up to its answers, and the answers of every row are read as one
    string: most of the work of splitting a wide file is never done.
    """
    header = [h.strip() for h in lines[0].split(sep)]
    k = len(rubrik.indikator)
    first = len(header) - k
    if first > 0 and header[first:] == [ind.kode for ind in rubrik.indikator]:
        body = [line.split(sep, first) for line in lines[1:]]
        if set(map(len, body)) == {first + 1}:
            tails = list(map(itemgetter(first), body))
            # every row's answers 2k - 1 characters long and every answer one character: every row holds k
            given = _single_characters(sep.join(tails), sep, len(tails), k) if set(map(len, tails)) == {2 * k - 1} else None
            if given is not None:
                return wide_columns(header, body, rubrik, decimal_comma=decimal_comma, levels=given)
    return wide_columns(header, [line.split(sep) for line in lines[1:]], rubrik, decimal_comma=decimal_comma)


def wide_columns(
    header: list[str], body: list[list[str]], rubrik: Rubrik, *, decimal_comma: bool, levels: Any = None
) -> dict[str, Any] | None:
    """The ``Kohort.from_arrays`` arguments of a clean wide table, or ``None`` where the row reader must read it.

    Args:
        header: The header cells, stripped.
        body: The rows (every one as wide as the header; none empty).
        rubrik: The rubric whose indicators and gates the columns name.
        decimal_comma: Whether ``0,72`` is a decimal (a ``;``-separated file).
        levels: Where the answer columns, every one and in the rubric's
            order, are the last columns of the table: the answers, read
            (see :func:`wide_text_columns`); each row of *body* then holds the
            cells before the answers and one more (its answers' text).
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
    n = len(body)
    order = [columns.get(ind.kode) for ind in rubrik.indikator]
    present = [i for i in order if i is not None]
    if levels is None:
        if set(map(len, body)) != {len(header)}:
            return None
        given = _levels(_answer_text(body, present), n, len(present))
    else:
        given = levels
    if given is None:
        return None  # a cell the fast path does not read ('3.0', ' 3', 'tiga', 5000)
    if len(present) == len(order):
        jawaban = given
    else:  # a column left out of the file: every answer to it is missing
        jawaban = np.full((n, len(order)), -2, dtype=np.int8)
        jawaban[:, [k for k, i in enumerate(order) if i is not None]] = given

    def column(name: str) -> list[str] | None:
        at = columns.get(name)
        return None if at is None else list(map(itemgetter(at), body))

    tahun_text = column("tahun")
    assert tahun_text is not None
    if not (all(map(str.isdigit, tahun_text)) and max(map(len, tahun_text)) <= 4 and "".join(tahun_text).isascii()):
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


_NUL = "\x00"
"""Joins the answer cells: a character no cell the fast path reads can hold."""


def _answer_text(body: list[list[str]], present: list[int]) -> str:
    """The answer cells of every row, row by row in *present*'s order, joined by :data:`_NUL`."""
    first = present[0]
    if present == list(range(first, first + len(present))):  # the usual layout: one run of columns
        end = first + len(present)
        return _NUL.join([_NUL.join(row[first:end]) for row in body])
    get = itemgetter(*present)
    return _NUL.join(chain.from_iterable(map(get, body))) if len(present) > 1 else _NUL.join([row[first] for row in body])


def _single_characters(joined: str, joiner: str, n: int, k: int) -> Any:
    """Cells of one character each (joined by *joiner*) as an ``(n, k)`` int8 matrix, or ``None`` unless each is a digit."""
    import numpy as np

    count = n * k
    if len(joined) != 2 * count - 1 or joined[1::2] != joiner * (count - 1):
        return None
    digits = joined[::2]
    if not digits.isascii():
        return None
    code = np.frombuffer(digits.encode("ascii"), dtype=np.uint8).astype(np.int8) - 48
    if ((code < 0) | (code > 9)).any():
        return None
    return code.reshape(n, k)


def _levels(joined: str, n: int, k: int) -> Any:
    """The cells (joined by :data:`_NUL`) as an ``(n, k)`` int8 matrix (empty: -2), or ``None`` if one is not empty or a plain level."""
    import numpy as np

    count = n * k
    single = _single_characters(joined, _NUL, n, k)
    if single is not None:
        return single
    cells = joined.split(_NUL)
    if len(cells) != count:
        return None  # a cell holding the joining character: the row reader reads it
    out = np.fromiter([_CELL.get(c, -128) for c in cells], dtype=np.int8, count=count)  # -128: a cell it does not read
    if (out == -128).any():
        return None
    return out.reshape(n, k)
