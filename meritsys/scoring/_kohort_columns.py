"""How a cohort's metadata columns are read and checked: as the model checks each value, a whole column at once.

Agency types and stages become small integer codes, years a ``int16``
column, survey scores and corrections exact decimals, gate answers frozen
mappings checked against the rubric's gates (the text columns:
:mod:`meritsys.scoring._kohort_text`).  A column of the wrong
length is refused at once (:class:`~meritsys.errors.ValidationError` from
:func:`sized`); bad values are collected, at most
:data:`~meritsys.scoring._kohort_checks.SHOWN` per column, then a count.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from itertools import repeat
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from meritsys._numbers import is_numpy_int
from meritsys._repr import shown
from meritsys.errors import Problem, ValidationError
from meritsys.model import FrozenMap, Rubrik
from meritsys.model._frozen import freeze_map
from meritsys.model._validate import convert_decimal, convert_enum, convert_optional_decimal
from meritsys.scoring._kohort_checks import SHOWN, listed
from meritsys.scoring._resolution import check_gate_answers, koreksi_problems

__all__ = ["decimal_column", "enum_codes", "gate_column", "koreksi_check", "sized", "year_column"]

T = TypeVar("T")


def _kind(values: Any) -> str:
    return f"dtype {values.dtype}" if isinstance(values, np.ndarray) else type(values).__name__


def sized(name: str, values: Any, n: int) -> Any:
    """*values* if it holds *n* items (a numpy array stays one; other iterables become tuples)."""
    if isinstance(values, np.ndarray):
        if values.shape != (n,):
            raise ValidationError([Problem(name, f"expected {n} values, got shape {values.shape}", code="shape")])
        return values
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise ValidationError([Problem(name, f"expected {n} values, got {type(values).__name__}", code="type")])
    out = tuple(values)
    if len(out) != n:
        raise ValidationError([Problem(name, f"expected {n} values, got {len(out)}", code="shape")])
    return out


def enum_codes(name: str, values: Any, members: tuple[enum.Enum, ...], n: int, problems: list[Problem]) -> npt.NDArray[np.int8]:
    """A column of members, their names, or integer codes into *members*, as ``int8`` codes.

    One value (not a sequence) is every row's.
    """
    if isinstance(values, enum.Enum | str) or not isinstance(values, Iterable | np.ndarray):
        try:
            code = members.index(convert_enum(type(members[0]), values))
        except ValidationError as exc:
            problems.extend(exc.at(name).problems)
            code = 0
        return np.full(n, code, dtype=np.int8)
    values = sized(name, values, n)
    if isinstance(values, np.ndarray) and values.dtype != np.bool_ and np.issubdtype(values.dtype, np.integer):
        if n and (values.min() < 0 or values.max() >= len(members)):
            rows = np.flatnonzero((values < 0) | (values >= len(members)))
            allowed = ", ".join(f"{i} {m.value!r}" for i, m in enumerate(members))
            problems.extend(
                listed(name, (Problem(f"{name}[{r}]", f"code {shown(int(values[r]))} is outside 0..{len(members) - 1} ({allowed})", code="not-one-of") for r in rows[:SHOWN]), rows.size)
            )
            return np.zeros(n, dtype=np.int8)
        return values.astype(np.int8)
    if isinstance(values, np.ndarray) and values.dtype.kind in "UT":
        codes = np.full(n, -1, dtype=np.int8)
        for i, m in enumerate(members):
            codes[values == m.value] = i
        unknown = np.flatnonzero(codes < 0)
        if unknown.size:
            found = _enum_problems(name, ((int(r), str(values[r])) for r in unknown[:SHOWN]), members)
            problems.extend(listed(name, found, unknown.size))
            codes[codes < 0] = 0
        return codes
    index: dict[Any, int] = {}
    for i, m in enumerate(members):
        index[m] = index[m.value] = i
    try:  # the usual column: every value a member or its name, looked up at once
        hits = list(map(index.get, values, repeat(-1)))
    except TypeError:  # an unhashable value: refused below
        hits = [-1]
    if -1 not in hits:
        return np.array(hits, dtype=np.int8)
    codes = np.zeros(n, dtype=np.int8)
    bad: list[tuple[int, object]] = []
    for i, value in enumerate(values):
        try:
            codes[i] = index[value]
        except (KeyError, TypeError):
            if isinstance(value, int | np.integer) and not isinstance(value, bool) and 0 <= value < len(members):
                codes[i] = int(value)
            else:
                bad.append((i, value))
    problems.extend(listed(name, _enum_problems(name, bad, members), len(bad)))
    return codes


def _enum_problems(name: str, bad: Iterable[tuple[int, object]], members: tuple[enum.Enum, ...]) -> Iterable[Problem]:
    for i, value in bad:
        try:
            convert_enum(type(members[0]), value)
        except ValidationError as exc:
            yield Problem(f"{name}[{i}]", exc.problems[0].message, code=exc.problems[0].code)


def year_column(tahun: Any, n: int, problems: list[Problem]) -> npt.NDArray[np.int16]:
    """Assessment years: one for every row, or one per row, each whole and in 2000..2100."""
    one = isinstance(tahun, int | np.integer) and not isinstance(tahun, bool)
    if one:
        if not 2000 <= int(tahun) <= 2100:
            problems.append(Problem("tahun", f"must lie in 2000..2100, got {shown(tahun)}", code="out-of-range"))
            return np.zeros(n, dtype=np.int16)
        return np.full(n, int(tahun), dtype=np.int16)
    if isinstance(tahun, str | bytes | bool) or not isinstance(tahun, Iterable | np.ndarray):
        problems.append(Problem("tahun", f"must be a whole-number year or one per row, got {shown(tahun)}", code="type"))
        return np.zeros(n, dtype=np.int16)
    values = sized("tahun", tahun, n)
    if not isinstance(values, np.ndarray):
        values = tuple(int(v) if is_numpy_int(v) else v for v in values)
        if all(type(v) is int for v in values):
            values = np.asarray(values, dtype=np.int64) if values else np.zeros(0, dtype=np.int64)
        else:
            found = [Problem(f"tahun[{i}]", f"must be a whole number, got {shown(v)}", code="type") for i, v in enumerate(values) if type(v) is not int]
            problems.extend(listed("tahun", found, len(found)))
            return np.zeros(n, dtype=np.int16)
    if values.dtype == np.bool_ or not np.issubdtype(values.dtype, np.integer):
        problems.append(Problem("tahun", f"must be an array of whole-number years, got {_kind(values)}", code="type"))
        return np.zeros(n, dtype=np.int16)
    if n and (values.min() < 2000 or values.max() > 2100):
        rows = np.flatnonzero((values < 2000) | (values > 2100))
        problems.extend(listed("tahun", (Problem(f"tahun[{r}]", f"must lie in 2000..2100, got {shown(int(values[r]))}", code="out-of-range") for r in rows[:SHOWN]), rows.size))
        return np.zeros(n, dtype=np.int16)
    return np.asarray(values, dtype=np.int16)


def decimal_column(
    name: str, values: Any, n: int, problems: list[Problem], *, optional: bool, check: Callable[[Decimal], str | None] | None = None
) -> tuple[Decimal | None, ...]:
    """Exact decimals per row (survey scores, corrections), read as the model reads them."""
    values = sized(name, values, n)
    convert = convert_optional_decimal if optional else convert_decimal
    out: list[Decimal | None] = []
    found: list[Problem] = []
    items = values.tolist() if isinstance(values, np.ndarray) else values  # numpy scalars as Python's
    for i, v in enumerate(items):
        try:
            d = convert(v)
        except ValidationError as exc:
            found.append(Problem(f"{name}[{i}]", exc.problems[0].message, code=exc.problems[0].code))
            out.append(None)
            continue
        why = None if d is None or check is None else check(d)
        if why is not None:
            found.append(Problem(f"{name}[{i}]", why, code="too-large"))
        out.append(d)
    problems.extend(listed(name, found, len(found)))
    return tuple(out)


def gate_column(rubrik: Rubrik, values: Any, n: int, problems: list[Problem]) -> tuple[FrozenMap[str, str], ...]:
    """Each row's gate answers: a mapping of gate code (or alias) to an answer, checked against the rubric's gates."""
    values = sized("gerbang", values, n)
    out: list[FrozenMap[str, str]] = []
    found: list[Problem] = []
    # Rows repeat a few answer sets; one that passed is shared by every row giving
    # equal answers (string keys and answers equal only strings, so nothing slips by).
    clean: dict[tuple[tuple[Any, Any], ...], FrozenMap[str, str]] = {}
    empty: FrozenMap[str, str] = FrozenMap()
    for i, value in enumerate(values):
        key = tuple(value.items()) if type(value) is dict or type(value) is FrozenMap else None
        try:
            hit = clean.get(key) if key is not None else None
        except TypeError:  # an unhashable answer: refused below
            key = hit = None
        if hit is not None:
            out.append(hit)
            continue
        try:
            answers = freeze_map(value)
        except ValidationError as exc:
            found.extend(exc.at(f"gerbang[{i}]").problems)
            out.append(empty)
            continue
        bad = [Problem(f'["{shown(k)}"]', f"keys must be gate codes, got {shown(k)}", code="type") for k in answers if not isinstance(k, str)]
        bad += [Problem(f'["{k}"]', f"must be a string answer, got {shown(a)}", code="type") for k, a in answers.items() if isinstance(k, str) and not isinstance(a, str)]
        if not bad:
            bad = check_gate_answers(rubrik, answers)[2]
        if bad:
            found.extend(p.at(f"gerbang[{i}]") for p in bad)
            out.append(empty)
            continue
        if key is not None:
            clean[key] = answers
        out.append(answers)
    problems.extend(listed("gerbang", found, len(found)))
    return tuple(out)


def koreksi_check(rubrik: Rubrik) -> Callable[[Decimal], str | None]:
    """The correction's grid rule as a per-value check."""

    def check(value: Decimal) -> str | None:
        bad = koreksi_problems(rubrik, value)
        return bad[0].message if bad else None

    return check
