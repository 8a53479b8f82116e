"""pandas frames out: a cohort in the wide layout, and batch results one row per assessment.

A cohort's frame is the layout :func:`~meritsys.io._pandas.kohort_from_pandas`
reads (and a CSV file holds): metadata columns first, then one column per gate
answered and one per indicator code.  Answers are nullable ``Int8``: a missing
answer, and a question that does not apply, are ``<NA>`` (as the empty cell of
a CSV file), so reading the frame back gives the same cohort.  Agency types,
stages and categories are pandas categoricals; stages and categories are
ordered (a stage by the order of the assessment, a category from the lowest
band to the highest), so ``df[df.kategori >= "Baik"]`` means what it says.

**Exact decimals.**  Every decimal (the index, survey scores, corrections) is
written as asked by ``decimals``:

* ``"decimal"`` (the default): :class:`decimal.Decimal` objects in an object
  column, exactly the values the single path gives; ``sum``, ``mean`` and
  comparisons stay exact, ``astype(float)`` converts, and Parquet (through
  pyarrow) stores them as its exact ``decimal128`` type;
* ``"float"``: ``float64``, for plotting and statistics; exact for half points
  (regime A), the nearest double to each hundredth (regime B), so values
  compare and sort as the decimals do, while sums and means round;
* ``"string"``: the decimal text meritsys writes in JSON (``"250.5"``, ``"0.70"``).

Categories are computed exactly before any conversion, so ``decimals`` never
changes a ``kategori``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from meritsys.errors import Problem, ValidationError
from meritsys.io._pandas import pandas
from meritsys.model import JenisInstansi, Tahap

if TYPE_CHECKING:
    from meritsys.scoring import Kohort, SkorBatch

__all__ = ["DECIMALS", "Decimals", "kohort_to_pandas", "skor_to_pandas"]

Decimals = Literal["decimal", "float", "string"]
DECIMALS: tuple[Decimals, ...] = ("decimal", "float", "string")
"""How decimals are written into a frame (see the module's docstring)."""


def kohort_to_pandas(kohort: Kohort, *, decimals: Decimals = "decimal") -> Any:
    """The cohort as a frame in the wide layout (see :meth:`Kohort.to_pandas <meritsys.scoring.Kohort.to_pandas>`)."""
    pd = pandas()
    _check(decimals)
    columns = _agency(pd, kohort)
    n = len(kohort)
    columns["rubrik"] = pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[kohort.rubrik.id])
    survei = kohort.survei
    if survei.count(None) < n:
        columns["survei"] = _decimal_column(pd, survei, decimals)
    koreksi = kohort.koreksi
    if any(koreksi):
        columns["koreksi"] = _decimal_column(pd, koreksi, decimals)
    gerbang = kohort.gerbang
    gates: dict[str, None] = {}
    for answers in {id(a): a for a in gerbang}.values():  # rows share their answer sets
        gates.update(dict.fromkeys(answers))
    for gate in gates:
        columns[gate] = pd.Series([a.get(gate) for a in gerbang], dtype=object)
    cells = np.ascontiguousarray(kohort.jawaban.T)  # one contiguous row per indicator
    missing = cells < 0
    for j, code in enumerate(kohort.kode_indikator):
        columns[code] = pd.arrays.IntegerArray(cells[j], missing[j])
    return pd.DataFrame(columns, copy=False)


def skor_to_pandas(batch: SkorBatch, kohort: Kohort | None = None, *, decimals: Decimals = "decimal") -> Any:
    """Batch results as a frame, one row per assessment (see :meth:`SkorBatch.to_pandas <meritsys.scoring.SkorBatch.to_pandas>`)."""
    pd = pandas()
    _check(decimals)
    n = len(batch)
    columns: dict[str, Any] = {}
    if kohort is not None:
        if len(kohort) != n or kohort.rubrik.id != batch.rubrik.id:
            why = f"has {len(kohort)} rows for {n} results" if len(kohort) != n else f"is for {kohort.rubrik.id!r}, the results for {batch.rubrik.id!r}"
            raise ValidationError([Problem("kohort", f"is not the cohort these results were scored from: it {why}", code="conflict")])
        columns = _agency(pd, kohort)
    zeros = np.zeros(n, dtype=np.int8)
    columns["rubrik"] = pd.Categorical.from_codes(zeros, categories=[batch.rubrik.id])
    columns["strategi"] = pd.Categorical.from_codes(zeros, categories=[batch.strategi])
    if decimals == "float":
        unit = Fraction(batch.unit)  # whole units times the numerator, then one division: the double nearest each decimal
        columns["indeks"] = batch.indeks_unit.astype(np.float64) * unit.numerator / unit.denominator
    else:
        columns["indeks"] = _decimal_column(pd, batch.indeks(), decimals)
    band = np.asarray(batch.kategori, dtype=np.int64)
    columns["kategori_kode"] = pd.Categorical.from_codes(band, categories=[k.kode for k in batch.labels], ordered=True)
    columns["kategori"] = pd.Categorical.from_codes(band, categories=[k.label for k in batch.labels], ordered=True)
    columns["di_luar_skala"] = np.array(batch.di_luar_skala, dtype=np.bool_)
    return pd.DataFrame(columns, copy=False)


def _check(decimals: object) -> None:
    if decimals not in DECIMALS:
        raise ValidationError([Problem("decimals", f"must be one of {', '.join(map(repr, DECIMALS))}, got {decimals!r}", code="not-one-of")])


def _agency(pd: Any, kohort: Kohort) -> dict[str, Any]:
    """The columns naming each row's agency, year and stage."""
    columns: dict[str, Any] = {
        # copies throughout: the frame is the caller's to change, the cohort's columns are not
        "instansi": pd.Series(np.array(kohort.kode, dtype=object)),
        "nama": pd.Series(np.array(kohort.nama, dtype=object)),
        "jenis": pd.Categorical.from_codes(np.array(kohort.jenis), categories=[j.value for j in JenisInstansi]),
    }
    provinsi = kohort.provinsi
    if provinsi.tolist().count(None) < len(provinsi):
        columns["provinsi"] = pd.Series(np.array(provinsi, dtype=object))
    columns["tahun"] = np.array(kohort.tahun, dtype=np.int16)
    columns["tahap"] = pd.Categorical.from_codes(np.array(kohort.tahap), categories=[t.value for t in Tahap], ordered=True)
    return columns


def _decimal_column(pd: Any, values: Sequence[Decimal | None], decimals: Decimals) -> Any:
    """Exact decimals as *decimals* asks (``None`` stays missing)."""
    if decimals == "float":
        return np.asarray([np.nan if v is None else float(v) for v in values], dtype=np.float64)
    if decimals == "string":
        return pd.Series([None if v is None else format(v, "f") for v in values])
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return pd.Series(out, dtype=object)
