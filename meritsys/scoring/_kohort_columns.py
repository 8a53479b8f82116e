"""How a cohort's metadata columns are read and checked: as the model checks each value, a whole column at once.

Agency types and stages become small integer codes, years a ``int16``
column, numpy text columns stay compact numpy strings (checked on their
characters), survey scores and corrections exact decimals, gate answers
frozen mappings checked against the rubric's gates.  A column of the wrong
length is refused at once (:class:`~meritsys.errors.ValidationError` from
:func:`sized`); bad values are collected, at most
:data:`~meritsys.scoring._kohort_checks.SHOWN` per column, then a count.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import partial
from itertools import repeat
from typing import Any, NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt

from meritsys._numbers import is_numpy_int
from meritsys._repr import shown
from meritsys.errors import Problem, ProblemCode, ValidationError
from meritsys.model import FrozenMap, Rubrik
from meritsys.model._frozen import freeze_map
from meritsys.model._validate import convert_decimal, convert_enum, convert_optional_decimal
from meritsys.scoring._kohort_checks import SHOWN, listed
from meritsys.scoring._resolution import check_gate_answers, koreksi_problems

__all__ = ["Compact", "RowJob", "compact_text", "copy_rows", "decimal_column", "enum_codes", "gate_column", "koreksi_check", "text_at", "text_column", "text_job", "year_column"]

T = TypeVar("T")


def _kind(values: Any) -> str:
    return f"dtype {values.dtype}" if isinstance(values, np.ndarray) else type(values).__name__


def _sized(name: str, values: Any, n: int) -> Any:
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


def _text_problem(value: object, optional: bool) -> tuple[ProblemCode, str] | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        return "type", f"must be a string{' or null' if optional else ''}, got {shown(value)}"
    if not optional and (not value or value != value.strip()):
        return "empty" if not value.strip() else "invalid", f"must be a non-empty string without surrounding spaces, got {shown(value)}"
    return None


def text_column(name: str, values: Any, n: int, problems: list[Problem], *, optional: bool = False) -> npt.NDArray[Any]:
    """A text column (agency codes, names, provinces) checked as :class:`~meritsys.model.Instansi` checks it.

    A numpy ``str_`` array is copied (the cohort's own copy, never the
    caller's array; one byte per character when every character is ASCII, see
    :func:`compact_text`) and checked on its characters: a required text may
    not be empty nor begin or end with a space.  Any other sequence is checked
    at once where it can be (:func:`_plain_texts`), else value by value, into
    an object array.
    """
    compact = values if isinstance(values, Compact) else None
    if compact is None:
        values = _sized(name, values, n)
        if isinstance(values, np.ndarray) and values.dtype.kind == "U":
            compact = compact_text(values, ends=not optional)
    if compact is not None:
        own = compact.text
        if own.shape != (n,):
            raise ValidationError([Problem(name, f"expected {n} values, got shape {own.shape}", code="shape")])
        if compact.suspect is not None:
            found = [(int(r), why) for r in compact.suspect if (why := _text_problem(text_at(own, int(r)), optional)) is not None]
            problems.extend(listed(name, (Problem(f"{name}[{r}]", why, code=code) for r, (code, why) in found[:SHOWN]), len(found)))
        own.setflags(write=False)
        return own
    items = list(values.tolist() if isinstance(values, np.ndarray) else values)
    out = np.empty(n, dtype=object)
    out[:] = items
    if not _plain_texts(items, optional):  # some value may be refused: each one is looked at
        found = [(i, why) for i, v in enumerate(items) if (why := _text_problem(v, optional)) is not None]
        problems.extend(listed(name, (Problem(f"{name}[{i}]", why, code=code) for i, (code, why) in found), len(found)))
    return out


def _plain_texts(items: list[Any], optional: bool) -> bool:
    """Whether every item surely passes :func:`_text_problem`, found in a few passes at C speed instead of item by item.

    ``False`` means "look at each": a non-string (or ``None`` where one is
    required), or a text that is empty or has whitespace at an end.
    """
    try:
        if optional:
            "".join([v for v in items if v is not None])  # TypeError unless every other item is a string
            return True
        # str.strip gives back the very string when it has nothing to strip, so the lists compare fast;
        # it refuses a non-string first, so that all() only asks strings for their truth
        return list(map(str.strip, items)) == items and all(items)
    except TypeError:
        return False


class Compact(NamedTuple):
    """A numpy text column's own copy (:func:`compact_text`) and the rows whose ends need an exact look."""

    text: npt.NDArray[Any]
    suspect: npt.NDArray[np.intp] | None


def text_at(text: npt.NDArray[Any], row: int) -> str:
    """One value of a text column as a Python string (an ASCII column holds bytes)."""
    value = text[row]
    return value.decode("ascii") if isinstance(value, bytes) else str(value)


_TEXT_BLOCK_BYTES = 1 << 20
"""Bytes of a ``str_`` column (four per character) compacted at once: the block stays in cache."""


def compact_text(values: npt.NDArray[np.str_], *, ends: bool) -> Compact:
    """The cohort's own copy of a numpy ``str_`` column and, if *ends*, the rows whose first or last character may be a space.

    Agency codes, names and provinces are nearly always ASCII: then the copy
    holds one byte per character (numpy ``S``; :func:`~meritsys.scoring._kohort_build.strings`
    gives them back as ``str``), a quarter of the caller's ``str_`` array, made
    block by block, each block's characters checked while it is in cache.  A
    column holding any other character is copied as it is.  The rows listed
    are a superset (see :func:`_unclean_ends`); the caller checks them exactly.
    """
    part, finish = text_job(values, ends=ends)
    part(0, len(values))
    return finish()


def text_job(values: npt.NDArray[np.str_], *, ends: bool) -> tuple[Callable[[int, int], None], Callable[[], Compact]]:
    """:func:`compact_text` as a row job: *part* compacts rows ``lo:hi`` (any ranges, on any threads), *finish* gives the :class:`Compact`."""
    values = np.ascontiguousarray(values)
    n, width = values.shape[0], values.dtype.itemsize // 4
    if not n or not width:
        return (lambda lo, hi: None), (lambda: _wide(values, ends))
    chars = values.view(np.uint32).reshape(n, width)
    out = np.empty((n, width), dtype=np.uint8)
    text = out.view(f"S{width}").reshape(n)
    step = max(1, _TEXT_BLOCK_BYTES // (4 * width))
    found: list[npt.NDArray[np.intp]] = []
    wide: list[bool] = []

    def part(lo: int, hi: int) -> None:
        mine: list[npt.NDArray[np.intp]] = []
        for s in range(lo, hi, step):
            e = min(s + step, hi)
            block = chars[s:e]
            if block.max() > 0x7F:
                wide.append(True)  # a character beyond ASCII: the column is copied as it is
                return
            copy = out[s:e]
            np.copyto(copy, block, casting="unsafe")
            if ends:  # while the block is in cache: a column's first and last characters are a pass over memory each
                mine.append(_odd_ends(copy, text[s:e]) + s)
        found.extend(mine)  # one append per range (list.extend holds the GIL)

    def finish() -> Compact:
        if wide:
            return _wide(values, ends)
        return Compact(text, np.sort(np.concatenate(found)) if ends and found else (np.empty(0, np.intp) if ends else None))

    return part, finish


def _wide(values: npt.NDArray[np.str_], ends: bool) -> Compact:
    own = np.array(values, order="C", copy=True)
    return Compact(own, _unclean_ends(own) if ends and len(own) else None)


def _odd_ends(chars: npt.NDArray[np.uint8], text: npt.NDArray[np.bytes_]) -> npt.NDArray[np.intp]:
    """Rows of ASCII *text* (its codes: *chars*, one row a value, NUL-padded) whose first or last character is a space, a control character or missing.

    Every ASCII character :meth:`str.isspace` accepts is at most ``0x20``, as
    is the NUL of an empty value.
    """
    rows, width = chars.shape
    last = chars[:, width - 1]
    if not last.all():  # shorter values: each one's last character, by its length
        ends = np.maximum(np.char.str_len(text), 1) - 1
        last = chars.ravel()[np.arange(0, rows * width, width) + ends]
    space = np.uint8(0x20)
    return np.flatnonzero((chars[:, 0] <= space) | (last <= space))


_PARALLEL_BYTES = 1 << 22
"""Columns of fewer bytes than this (answers and text together) are copied on the calling thread."""

RowJob = tuple[Callable[[int, int], None], Callable[[], Any]]
"""Work on a cohort's rows: do rows ``lo:hi``, then finish once every range is done."""


def copy_rows(answers: RowJob, n: int, size: int, texts: Mapping[str, tuple[Any, bool]], into: dict[str, Any]) -> Any:
    """Copy the answers (*answers*: *n* rows, *size* bytes) and compact the numpy ``str_`` arrays of *n* values among *texts* into *into*.

    *texts* maps each column's name to its values and whether its ends are
    checked (:func:`compact_text`).  A cohort copies every column it is given,
    and the text columns of a large cohort (codes, names) can hold more bytes
    than its answers: the rows are shared out between the kernel threads, each
    thread copying its rows of every column while they are in its cache.
    Columns of another length or kind are left to :func:`text_column`.
    Returns what *answers* finishes with.
    """
    from meritsys.scoring._kernels import kernel_threads, row_ranges, run_parallel

    wanted = {k: v for k, v in texts.items() if isinstance(v[0], np.ndarray) and v[0].dtype.kind == "U" and v[0].shape == (n,)}
    total = size + sum(int(v[0].nbytes) for v in wanted.values())
    threads = kernel_threads() if total >= _PARALLEL_BYTES else 1
    jobs = [answers, *(text_job(values, ends=ends) for values, ends in wanted.values())]

    def rows(lo: int, hi: int) -> None:
        for part, _ in jobs:
            part(lo, hi)

    run_parallel([partial(rows, lo, hi) for lo, hi in row_ranges(n, min(threads, max(1, n // 4096)))])
    for name, (_, finish) in zip(wanted, jobs[1:], strict=True):
        into[name] = finish()
    return answers[1]()


def _unclean_ends(text: npt.NDArray[np.str_]) -> npt.NDArray[np.intp]:
    """Rows of a numpy ``str_`` array whose first or last character may be a space (or that are empty).

    A superset, found on the characters without making strings: a row is
    listed unless both its end characters are printable ASCII (``!`` to
    ``~``) or other code points below U+0085, none of which
    :meth:`str.isspace` accepts.  The caller checks the listed rows exactly.
    """
    n, width = text.shape[0], text.dtype.itemsize // 4
    if not width:
        return np.arange(n)
    chars = text.view(np.uint32).reshape(n, width)
    last = chars[:, width - 1]
    if not last.all():  # some rows are shorter than the widest: find each one's last character
        ends = np.maximum(np.char.str_len(text), 1) - 1
        last = np.take(chars.ravel(), np.arange(0, n * width, width) + ends)
    plain = np.uint32(0x85 - 0x21)
    return np.flatnonzero(((chars[:, 0] - np.uint32(0x21)) >= plain) | ((last - np.uint32(0x21)) >= plain))


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
    values = _sized(name, values, n)
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
    values = _sized("tahun", tahun, n)
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
    values = _sized(name, values, n)
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
    values = _sized("gerbang", values, n)
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
