"""The cells of a pandas frame: answer columns read whole where their dtype allows, other values one by one.

An answer column becomes ``int8`` levels, -2 where a cell is missing (``NaN``,
``None``, ``pd.NA``, an empty text) or refused, with the refused rows and why:
numpy integer and float columns, nullable and Arrow numbers by array
operations; a categorical column by its categories (each read once); text and
``object`` columns value by value, as the CSV reader reads a cell (``3``,
``3.0``, ``"3"`` and ``Decimal("3")`` are level 3; ``3.5``, ``"tiga"`` and
booleans are refused).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import numpy.typing as npt

from meritsys._repr import shown
from meritsys.errors import ProblemCode

__all__ = ["KOSONG", "Why", "answer_levels", "exact_decimal", "objects", "whole_number"]

Why = tuple[ProblemCode, str]
"""Why a cell is refused: the problem's code and message."""

KOSONG = -2
"""A missing answer (as in a cohort's cells)."""


def objects(series: Any, *, blank: bool = False) -> npt.NDArray[Any]:
    """A column's values as Python objects, ``None`` for a missing value (and, if *blank*, for an empty text)."""
    out = np.array(series.to_numpy(dtype=object, na_value=None), dtype=object, copy=True)  # never the frame's own array
    if blank:
        out[[isinstance(v, str) and not v.strip() for v in out]] = None
    return out


def whole_number(value: Any) -> int | None:
    """A whole number given as an integer, a whole float or decimal, or its text; ``None`` for anything else."""
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, int | np.integer):
        return int(value)
    d = exact_decimal(value)
    if d is None or d != d.to_integral_value():
        return None
    return int(d)


def exact_decimal(value: Any) -> Decimal | None:
    """A number as an exact decimal: a float by its shortest text (``0.72`` is ``Decimal('0.72')``); ``None`` for anything else."""
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, int | np.integer):
        return Decimal(int(value))
    elif isinstance(value, float | np.floating):
        d = Decimal(repr(float(value)))
    elif isinstance(value, str):
        try:
            d = Decimal(value.strip())
        except InvalidOperation:
            return None
    else:
        return None
    return d if d.is_finite() else None


def answer_levels(
    pd: Any, series: Any, lo: int, hi: int
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.intp], Callable[[int], Why]]:
    """One answer column as ``int8`` levels (-2 where missing or refused), the refused rows, and why each was refused."""
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return _categorical(series, lo, hi)
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":
        ints = series.to_numpy()
        if not ints.size or (lo <= ints.min() and ints.max() <= hi):
            return ints, np.zeros(0, dtype=np.intp), _nothing  # the common column: every cell a level
        bad = (ints < lo) | (ints > hi)
        return np.where(bad, KOSONG, ints).astype(np.int8), np.flatnonzero(bad), lambda i: ("level-out-of-range", f"level {int(ints[i])} is outside {lo}..{hi}")
    if dtype.kind in "iuf":  # numpy floats; nullable and Arrow numbers
        vals = series.to_numpy() if isinstance(dtype, np.dtype) else series.to_numpy(dtype=np.float64, na_value=np.nan)
        vals = np.asarray(vals, dtype=np.float64)
        with np.errstate(invalid="ignore", over="ignore"):  # NaN and huge values cast to anything: told apart below
            ints = vals.astype(np.int8)
        if vals.size and (ints == vals).all() and lo <= ints.min() and ints.max() <= hi:
            return ints, np.zeros(0, dtype=np.intp), _nothing  # the common column: every cell a whole level
        missing = np.isnan(vals)
        good = np.isfinite(vals) & (vals == np.floor(vals)) & (vals >= lo) & (vals <= hi)
        rows = np.flatnonzero(~good & ~missing)
        return np.where(good, vals, KOSONG).astype(np.int8), rows, lambda i: _float_problem(float(vals[i]), lo, hi)
    values = objects(series)
    out = np.empty(len(values), dtype=np.int8)
    memo: dict[tuple[type, Any], tuple[int, Why | None]] = {}
    bad_rows: list[int] = []
    messages: dict[int, Why] = {}
    for i, v in enumerate(values):
        try:
            key = (type(v), v)
            hit = memo.get(key)
        except TypeError:  # unhashable
            key, hit = None, None
        if hit is None:
            hit = _cell(v, lo, hi)
            if key is not None:
                memo[key] = hit
        out[i] = hit[0]
        if hit[1] is not None:
            bad_rows.append(i)
            messages[i] = hit[1]
    return out, np.asarray(bad_rows, dtype=np.intp), messages.__getitem__


def _nothing(row: int) -> Why:
    raise AssertionError(f"row {row} was not refused")  # pragma: no cover - a column without refused rows is never asked why


def _categorical(series: Any, lo: int, hi: int) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.intp], Callable[[int], Why]]:
    """A categorical answer column: each category read once, then looked up by code."""
    categories = series.cat.categories.to_numpy(dtype=object)
    read = [_cell(c, lo, hi) for c in categories]
    table = np.asarray([lv for lv, _ in read] + [KOSONG], dtype=np.int8)
    refused = np.asarray([why is not None for _, why in read] + [False], dtype=np.bool_)
    codes = np.asarray(series.cat.codes.to_numpy(), dtype=np.intp)  # -1: missing, the table's last entry
    rows = np.flatnonzero(refused[codes])
    return table[codes], rows, lambda i: read[codes[i]][1] or ("invalid", "")  # only refused rows are asked


def _float_problem(value: float, lo: int, hi: int) -> Why:
    if not np.isfinite(value):
        return "not-a-level", f"{value} is not a level (a whole number)"
    if value != np.floor(value):
        return "not-a-level", f"{value!r} is not a whole level"
    return "level-out-of-range", f"level {int(value)} is outside {lo}..{hi}"


def _cell(value: Any, lo: int, hi: int) -> tuple[int, Why | None]:
    """One answer as a level, or -2 and why it is refused (-2 and ``None``: a missing answer)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return KOSONG, None
    if isinstance(value, bool | np.bool_):
        return KOSONG, ("not-a-level", f"{value} is a boolean, not a level")
    if isinstance(value, float | np.floating):  # NaN never comes here: objects() made it None
        return (int(value), None) if np.isfinite(value) and value == np.floor(value) and lo <= value <= hi else (KOSONG, _float_problem(float(value), lo, hi))
    if isinstance(value, int | np.integer):
        level = int(value)
    else:
        number = exact_decimal(value) if isinstance(value, str | Decimal) else None
        if number is None:
            return KOSONG, ("not-a-level", f"{shown(value)} is not a level (a whole number)")
        if number != number.to_integral_value():
            return KOSONG, ("not-a-level", f"{value.strip() if isinstance(value, str) else value} is not a whole level")
        level = int(number)
    if not lo <= level <= hi:
        return KOSONG, ("level-out-of-range", f"level {level} is outside {lo}..{hi}")
    return level, None
