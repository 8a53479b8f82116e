"""Building a cohort's columns: from assessments (laid out and checked by the single path's rules) or from arrays.

The two constructors of :class:`~meritsys.scoring.Kohort` that check: each
returns the columns, and the cohort records that they were checked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from meritsys._repr import shown
from meritsys.errors import Problem, ValidationError
from meritsys.model import Instansi, KebijakanKosong, Penilaian, Rubrik, rubrik_ref
from meritsys.scoring._kohort_checks import (
    JENIS,
    KOSONG,
    TAHAP,
    TIDAK_BERLAKU,
    bounded_copy,
    check_cells,
    column_ranges,
    indicator_codes,
)
from meritsys.scoring._kohort_columns import (
    decimal_column,
    enum_codes,
    gate_column,
    koreksi_check,
    year_column,
)
from meritsys.scoring._kohort_text import copy_rows, text_column
from meritsys.scoring._resolution import resolve_rows

if TYPE_CHECKING:
    from meritsys.scoring._kohort import Kohort

__all__ = ["Ranges", "array_columns", "assessments", "layout", "objects", "penilaian_columns", "row_indices", "row_of", "strings", "survey_range"]

Ranges = tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]


def penilaian_columns(rubrik: Rubrik, items: Sequence[Penilaian]) -> dict[str, Any]:
    """The columns of *items* laid out for *rubrik*, every row checked as the single path checks it (missing answers kept as -2)."""
    given: object = items
    if isinstance(given, str | bytes) or not isinstance(given, Sequence):
        raise TypeError(f"items must be a sequence of Penilaian, got {type(given).__name__}")
    for i, p in enumerate(items):
        if not isinstance(p, Penilaian):
            raise TypeError(f"items[{i}] must be Penilaian, got {type(p).__name__} {shown(p)}")
    cells, alias = layout(rubrik, items)
    n = len(items)
    regime_b = rubrik.komposisi is not None
    survei = tuple(p.survei for p in items)
    koreksi = tuple(p.koreksi for p in items)
    cells.setflags(write=False)
    return {
        "rubrik": rubrik_ref(rubrik),
        "kode_indikator": indicator_codes(rubrik),
        "jawaban": cells,
        "jenis": np.fromiter((JENIS.index(p.instansi.jenis) for p in items), dtype=np.int8, count=n),
        "tahun": np.fromiter((p.tahun for p in items), dtype=np.int16, count=n),
        "tahap": np.fromiter((TAHAP.index(p.tahap) for p in items), dtype=np.int8, count=n),
        "kode": objects([p.instansi.kode for p in items]),
        "nama": objects([p.instansi.nama for p in items]),
        "provinsi": objects([p.instansi.provinsi for p in items]),
        "survei": survei if regime_b or any(s is not None for s in survei) else None,
        "koreksi": koreksi if any(koreksi) else None,
        "gerbang": tuple(p.gerbang for p in items) if any(p.gerbang for p in items) else None,
        "bukti": tuple(p.bukti for p in items) if any(p.bukti for p in items) else None,
        "alias": alias,
    }


def array_columns(
    rubrik: Rubrik,
    jawaban: npt.ArrayLike,
    *,
    kode: Any,
    nama: Any,
    jenis: Any,
    provinsi: Any,
    tahun: Any,
    tahap: Any,
    survei: Any,
    koreksi: Any,
    gerbang: Any,
) -> tuple[dict[str, Any], Ranges]:
    """The columns of an answer array and its metadata, checked (see :meth:`Kohort.from_arrays <meritsys.scoring.Kohort.from_arrays>`), and each answer column's bounds."""
    texts = {"kode": (kode, True), "nama": (nama, True), "provinsi": (provinsi, False)}
    owned: dict[str, Any] = {}
    try:
        arr = _checked_answers(jawaban, len(rubrik.indikator))
        # the answers and the numpy text columns are copied together, their rows shared out between the threads
        cells, bounds = copy_rows(bounded_copy(arr), arr.shape[0], arr.nbytes, texts, owned)
        if cells.size and bounds[0] < KOSONG:
            raise ValidationError("jawaban values must be levels, -1 (not applicable) or -2 (missing)", code="level-out-of-range")
    except (ValueError, TypeError) as exc:  # ragged nesting, objects
        if isinstance(exc, ValidationError):
            raise
        raise ValidationError([Problem("jawaban", "must be an (N, K) array of whole numbers; got rows of different lengths or other values", code="shape")]) from None
    kode, nama, provinsi = (owned.get(name, value) for name, (value, _) in texts.items())
    n = cells.shape[0]
    problems: list[Problem] = []
    fields: dict[str, Any] = {}
    # A column of the wrong length puts every later row out of line: those
    # are reported (every one of them) before any value is looked at.
    sized: list[Problem] = []

    def column(run: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        try:
            return run(*args, **kwargs)
        except ValidationError as exc:
            sized.extend(exc.problems)
            return None

    jenis_codes = column(enum_codes, "jenis", jenis, JENIS, n, problems)
    stage = column(enum_codes, "tahap", tahap, TAHAP, n, problems)
    years = column(year_column, tahun, n, problems)
    if kode is not None:
        fields["kode"] = column(text_column, "kode", kode, n, problems)
    if nama is not None:
        fields["nama"] = column(text_column, "nama", nama, n, problems)
    if provinsi is not None:
        fields["provinsi"] = column(text_column, "provinsi", provinsi, n, problems, optional=True)
    if survei is not None:
        fields["survei"] = column(decimal_column, "survei", survei, n, problems, optional=True, check=survey_range)
    if koreksi is not None:
        fields["koreksi"] = column(decimal_column, "koreksi", koreksi, n, problems, optional=False, check=koreksi_check(rubrik))
    if gerbang is not None:
        fields["gerbang"] = column(gate_column, rubrik, gerbang, n, problems)
    if sized:
        raise ValidationError(sized)
    ranges = column_ranges(cells, rubrik, bounds)
    # The cells first: checked whenever every row's type and gates are known
    # (always, under a rubric whose indicators apply to every row).
    typed = not any(p.path.startswith(("jenis", "gerbang")) for p in problems)
    if typed or not any(ind.berlaku_jika is not None for ind in rubrik.indikator):
        found = check_cells(rubrik, cells, jenis_codes, fields.get("gerbang"), ranges)
        problems[:0] = found
        if not found and ranges[0].size and ranges[0].min() <= KOSONG:
            ranges = column_ranges(cells, rubrik)  # -2 where nothing applies may have become -1
    if problems:
        raise ValidationError(problems)
    cells.setflags(write=False)
    fields.update(
        rubrik=rubrik_ref(rubrik),
        kode_indikator=indicator_codes(rubrik),
        jawaban=cells,
        jenis=jenis_codes,
        tahun=years,
        tahap=stage,
    )
    return fields, ranges


def _checked_answers(cells: Any, k: int) -> npt.NDArray[Any]:
    """The caller's answers as an array of *k* columns of whole numbers that fit ``int8`` (not yet copied)."""
    arr = np.asarray(cells)
    if arr.ndim != 2 or arr.shape[1] != k:
        raise ValidationError(f"jawaban must be (N, {k}), got shape {arr.shape}", code="shape")
    if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.integer):
        raise ValidationError(f"jawaban must hold whole numbers, got dtype {arr.dtype}", code="type")
    if arr.size and arr.dtype != np.int8 and (arr.min() < KOSONG or arr.max() > 127):
        raise ValidationError("jawaban values must be levels, -1 (not applicable) or -2 (missing)", code="level-out-of-range")
    return arr


def survey_range(value: Decimal) -> str | None:
    """Why a survey score is refused (it must lie in 0..1), or ``None``."""
    return None if 0 <= value <= 1 else f"must lie in 0..1, got {value}"


def row_of(problem: Problem) -> tuple[int, str]:
    """A problem's row (``-1`` for a whole column) and path: the order problems are listed in."""
    head = problem.path.partition("]")[0]
    return (int(head[1:]) if head[1:].isdigit() else -1), problem.path


def layout(rubrik: Rubrik, items: Sequence[Penilaian]) -> tuple[npt.NDArray[np.int8], tuple[tuple[int, int, str], ...]]:
    """The answers of *items* in *rubrik*'s column order, checked; and the answers keyed by an alias.

    Cells hold the level, :data:`TIDAK_BERLAKU` where the indicator does not
    apply, and :data:`KOSONG` where an applicable indicator has no answer.

    Returns:
        The ``(N, K)`` matrix, and ``(row, column, key)`` for each
        answer given under an alias rather than the indicator's code.

    Raises:
        ValidationError: every problem of every row (``$[i]...``), except
            missing answers, which are kept.
    """
    out = np.empty((len(items), len(rubrik.indikator)), dtype=np.int8)
    alias: list[tuple[int, int, str]] = []
    codes = [ind.kode for ind in rubrik.indikator]
    # Resolved under "not applicable", a missing answer comes back as None and is
    # told apart from a derived "not applicable" by the positions the policy filled.
    for i, res in enumerate(resolve_rows(rubrik, items, KebijakanKosong.TIDAK_BERLAKU)):
        out[i] = [KOSONG if pos in res.diisi else (TIDAK_BERLAKU if lv is None else lv) for pos, lv in enumerate(res.level)]
        for key in items[i].jawaban:
            pos = rubrik.posisi[key]
            if codes[pos] != key:
                alias.append((i, pos, key))
    return out, tuple(alias)


def objects(values: list[Any]) -> npt.NDArray[Any]:
    """*values* as a one-dimensional object array (numpy would nest tuples)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def row_indices(rows: npt.ArrayLike, n: int) -> npt.NDArray[np.intp]:
    """The row indices a selection names: a boolean mask of *n*, or indices (negative from the end).

    Raises:
        ValidationError: for a selection that is not one-dimensional, a mask
            of the wrong length or an index out of range.
    """
    try:
        sel = np.atleast_1d(np.asarray(rows))
    except (ValueError, TypeError):  # ragged nesting
        raise ValidationError("rows must be a boolean mask or whole-number indices, got nested lists of different lengths", code="shape") from None
    if sel.ndim != 1:
        raise ValidationError(f"a selection must be one-dimensional, got shape {sel.shape}", code="shape")
    if sel.dtype == np.bool_:
        if sel.shape != (n,):
            raise ValidationError(f"a row mask needs {n} values, got {sel.shape[0]}", code="shape")
        idx = np.flatnonzero(sel)
    elif sel.size == 0:
        idx = np.zeros(0, dtype=np.intp)
    elif np.issubdtype(sel.dtype, np.integer):
        if sel.min() < -n or sel.max() >= n:
            raise ValidationError(f"row index out of range for a cohort of {n}", code="out-of-range")
        idx = np.where(sel < 0, sel + n, sel).astype(np.intp)
    else:
        raise ValidationError(f"rows must be a boolean mask or whole-number indices, got dtype {sel.dtype}", code="type")
    return idx


def assessments(kohort: Kohort) -> tuple[Penilaian, ...]:
    """The assessments a cohort stands for, exactly as they were given (answers keyed by alias included)."""
    codes = kohort.kode_indikator
    keyed: dict[int, dict[int, str]] = {}
    for r, c, key in kohort.alias:
        keyed.setdefault(r, {})[c] = key
    kode, nama, provinsi = kohort.kode, kohort.nama, kohort.provinsi
    survei, koreksi, gerbang, bukti = kohort.survei, kohort.koreksi, kohort.gerbang, kohort.bukti
    rows = kohort.jawaban.tolist()
    out = []
    for i, row in enumerate(rows):
        keys = keyed.get(i, {})
        out.append(
            Penilaian(
                instansi=Instansi(str(kode[i]), str(nama[i]), JENIS[int(kohort.jenis[i])], provinsi[i]),
                tahun=int(kohort.tahun[i]),
                rubrik=kohort.rubrik.id,
                jawaban={keys.get(j, codes[j]): v for j, v in enumerate(row) if v >= 0},
                tahap=TAHAP[int(kohort.tahap[i])],
                gerbang=gerbang[i],
                bukti=bukti[i],
                survei=survei[i],
                koreksi=koreksi[i],
            )
        )
    return tuple(out)


def strings(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """A text column as Python strings in an object array (a numpy string column is kept compact until asked for)."""
    if values.dtype == object:
        return values
    # an ASCII column is held as bytes (see _kohort_text.compact_text): given back as str
    out = (values.astype(f"U{values.dtype.itemsize}") if values.dtype.kind == "S" else values).astype(object)
    out.setflags(write=False)
    return out
