"""How a cohort's answer cells are checked against a rubric (the metadata: :mod:`meritsys.scoring._kohort_columns`).

A cohort row is refused exactly when the :class:`~meritsys.model.Penilaian`
it converts back to would be refused by the single path.  Cells are checked
by each column's range first (the whole matrix's bounds usually settle it),
so a clean million-row cohort costs a pass over memory; only columns that
hold a problem are looked at row by row, and each column lists at most
:data:`SHOWN` problems, then a count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from meritsys._cache import per_object
from meritsys.errors import Problem
from meritsys.model import (
    Indikator,
    JenisInstansi,
    KebijakanKosong,
    Rubrik,
    Tahap,
)
from meritsys.scoring._resolution import check_gate_answers, unresolved_missing

__all__ = [
    "JENIS",
    "KOSONG",
    "SHOWN",
    "TAHAP",
    "TIDAK_BERLAKU",
    "bounded_copy",
    "check_cells",
    "column_ranges",
    "indicator_codes",
    "level_bounds",
    "listed",
    "resolve_missing",
]

TIDAK_BERLAKU = -1
"""Cell value: the indicator does not apply to this assessment."""
KOSONG = -2
"""Cell value: the indicator applies but has no answer."""
JENIS: tuple[JenisInstansi, ...] = tuple(JenisInstansi)
"""Agency types in the order of the ``jenis`` code column."""
TAHAP: tuple[Tahap, ...] = tuple(Tahap)
"""Stages in the order of the ``tahap`` code column."""
SHOWN = 20
"""Problems listed per column; the rest are counted."""


def listed(name: str, found: Iterable[Problem], total: int) -> list[Problem]:
    """The first :data:`SHOWN` problems of a column and, when there are more, how many more."""
    out = [p for _, p in zip(range(SHOWN), found, strict=False)]
    if total > len(out):
        out.append(Problem(name, f"{total - len(out)} more rows have problems like these", code=out[0].code if out else "invalid"))
    return out


_COPY_ROWS_BYTES = 1 << 19
"""Bytes of answers copied per block by :func:`bounded_copy` (the block stays in the core's cache)."""


def bounded_copy(arr: npt.NDArray[Any]) -> tuple[Callable[[int, int], None], Callable[[], tuple[npt.NDArray[np.int8], tuple[int, int]]]]:
    """A row-major ``int8`` copy of a 2-D integer array and the copy's bounds, as a row job.

    *part* copies rows ``lo:hi`` (any ranges, on any threads) block by block,
    each block's minimum and maximum read while it is still in cache, so the
    answers cross memory once; *finish* gives the copy and its minimum and
    maximum.  (The caller has checked that the values fit ``int8``.)
    """
    n, k = arr.shape
    out = np.empty((n, k), dtype=np.int8)
    step = max(1, _COPY_ROWS_BYTES // max(k, 1))
    found: list[tuple[int, int]] = []

    def part(first: int, end: int) -> None:
        lo, hi = 127, -128
        for s in range(first, end, step):
            block = out[s : min(s + step, end)]
            np.copyto(block, arr[s : min(s + step, end)], casting="unsafe")
            if block.size:
                lo, hi = min(lo, int(block.min())), max(hi, int(block.max()))
        found.append((lo, hi))

    def finish() -> tuple[npt.NDArray[np.int8], tuple[int, int]]:
        if not out.size:
            return out, (0, 0)
        return out, (min(b[0] for b in found), max(b[1] for b in found))

    return part, finish


@per_object
def indicator_codes(rubrik: Rubrik) -> tuple[str, ...]:
    """The indicator codes in column order (a cohort's ``kode_indikator``)."""
    return tuple(ind.kode for ind in rubrik.indikator)


@per_object
def level_bounds(rubrik: Rubrik) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8], npt.NDArray[np.bool_], int, int]:
    """Per indicator (as columns): its lowest and highest level and whether it has a condition; then the highest lowest level and the lowest highest level of all."""
    lows = np.array([ind.level_min for ind in rubrik.indikator], dtype=np.int8)
    highs = np.array([ind.level_maks for ind in rubrik.indikator], dtype=np.int8)
    conditional = np.array([ind.berlaku_jika is not None for ind in rubrik.indikator], dtype=np.bool_)
    for a in (lows, highs, conditional):
        a.setflags(write=False)
    return lows, highs, conditional, int(lows.max(initial=-128)), int(highs.min(initial=127))


def column_ranges(
    levels: npt.NDArray[np.int8], rubrik: Rubrik | None = None, bounds: tuple[int, int] | None = None
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]:
    """Bounds of each column's values: exact, or (given the rubric) the whole matrix's where that already settles every column.

    The matrix's minimum and maximum (*bounds*, when the caller has them)
    usually settle it: when every indicator's level set holds that range (the
    common case: uniform levels, nothing missing or not applicable), they
    bound every column and nothing more is read.  Otherwise each column's
    exact range is computed.
    """
    n, k = levels.shape
    if n == 0:
        return np.zeros(k, np.int8), np.zeros(k, np.int8)
    if rubrik is not None:
        lo, hi = bounds if bounds is not None else (int(levels.min()), int(levels.max()))
        *_, highest_low, lowest_high = level_bounds(rubrik)
        if highest_low <= lo and hi <= lowest_high:  # every indicator's levels hold [lo, hi]
            return np.full(k, lo, dtype=np.int8), np.full(k, hi, dtype=np.int8)
    return levels.min(axis=0), levels.max(axis=0)


def _applicability(
    rubrik: Rubrik, jenis: npt.NDArray[np.int8], gates: Sequence[Mapping[str, str]] | None
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_], list[Problem]]:
    """Which indicators apply to each row, by group of rows sharing agency type and gate answers.

    Returns:
        Each row's group, ``(G, K)`` whether each indicator applies in each
        group, and a problem for each row that leaves a deciding gate unanswered.
    """
    needed = [g for g in rubrik.gerbang if any(i.berlaku_jika is not None and i.berlaku_jika.gerbang == g.kode for i in rubrik.indikator)]
    n = len(jenis)
    if not needed or gates is None:
        answers_of: list[tuple[str | None, ...]] = [tuple(None for _ in needed)] * n
    else:
        canonical: dict[tuple[tuple[str, str], ...], tuple[str | None, ...]] = {}
        answers_of = []
        for answers in gates:
            raw = tuple(answers.items())
            got = canonical.get(raw)
            if got is None:
                given = check_gate_answers(rubrik, answers)[0]
                got = canonical[raw] = tuple(given.get(g.kode) for g in needed)
            answers_of.append(got)
    index: dict[tuple[int, tuple[str | None, ...]], int] = {}
    group = np.empty(n, dtype=np.intp)
    missing: list[Problem] = []
    for i, (j, got) in enumerate(zip(jenis.tolist(), answers_of, strict=True)):
        group[i] = index.setdefault((j, got), len(index))
        for g, ans in zip(needed, got, strict=True):
            if ans is None:
                allowed = ", ".join(repr(o) for o in g.opsi)
                missing.append(Problem(f'gerbang[{i}]["{g.kode}"]', f"missing: answer {allowed} ({g.pertanyaan})", code="missing-answer"))
    table = np.ones((len(index), len(rubrik.indikator)), dtype=np.bool_)
    for (j, got), gi in index.items():
        answers = {g.kode: a for g, a in zip(needed, got, strict=True) if a is not None}
        for k, ind in enumerate(rubrik.indikator):
            table[gi, k] = ind.applies_to(JENIS[j], answers)
    return group, table, listed("gerbang", missing, len(missing))


def check_cells(
    rubrik: Rubrik,
    levels: npt.NDArray[np.int8],
    jenis: npt.NDArray[np.int8],
    gates: Sequence[Mapping[str, str]] | None,
    ranges: tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]] | None = None,
) -> list[Problem]:
    """Every cell as the single path checks the assessment it stands for.

    A level must lie in the indicator's set where the indicator applies to the
    row (its agency type and gate answers), ``-1`` must stand exactly where it
    does not, and ``-2`` marks a missing answer; ``-2`` where nothing applies is
    rewritten to ``-1`` in place (*levels* must be the cohort's own copy).  Only
    columns whose range leaves their level set, or whose indicator has a
    condition, are looked at cell by cell.
    """
    inds = rubrik.indikator
    lows, highs, conditional, *_ = level_bounds(rubrik)
    group, table, problems = _applicability(rubrik, jenis, gates) if conditional.any() else (None, None, [])
    if problems:
        return problems
    mins, maxs = ranges if ranges is not None else column_ranges(levels, rubrik)
    found: list[Problem] = []
    # only the columns whose range leaves their level set, or whose indicator has a condition
    for j in np.flatnonzero((mins < lows) | (maxs > highs) | conditional).tolist():
        ind = inds[j]
        col = levels[:, j]
        applies = np.ones(col.shape, dtype=np.bool_) if table is None or group is None else table[group, j]
        if not applies.all():
            col[~applies & (col == KOSONG)] = TIDAK_BERLAKU  # no answer where nothing applies: not applicable
        where = f'["{ind.kode}"]'
        answered_na = np.flatnonzero(~applies & (col != TIDAK_BERLAKU))
        found.extend(listed(where, (Problem(f"[{r}]{where}", _not_here(ind, JENIS[int(jenis[r])].value), code="not-applicable") for r in answered_na[:SHOWN]), answered_na.size))
        na_here = np.flatnonzero(applies & (col == TIDAK_BERLAKU))
        found.extend(
            listed(where, (Problem(f"[{r}]{where}", "not applicable (-1) is not allowed: the indicator applies to this row; give its level, or -2 for a missing answer", code="missing-answer") for r in na_here[:SHOWN]), na_here.size)
        )
        in_set = (col >= ind.level_min) & (col <= ind.level_maks)
        out_of_set = np.flatnonzero(applies & ~in_set & (col != TIDAK_BERLAKU) & (col != KOSONG))
        found.extend(
            listed(where, (Problem(f"[{r}]{where}", f"level {int(col[r])} is outside {ind.level_min}..{ind.level_maks}", code="level-out-of-range") for r in out_of_set[:SHOWN]), out_of_set.size)
        )
    return found


def _not_here(ind: Indikator, jenis: str) -> str:
    syarat = ind.berlaku_jika
    assert syarat is not None  # only conditional indicators can be not applicable
    if syarat.jenis and jenis not in {j.value for j in syarat.jenis}:
        return f"does not apply to a {jenis} (only to {', '.join(j.value for j in syarat.jenis)}); leave it out (-1)"
    return f"does not apply: gate {syarat.gerbang} does not open it for this row; leave it out (-1)"


def resolve_missing(
    rubrik: Rubrik,
    levels: npt.NDArray[np.int8],
    mins: npt.NDArray[np.int8],
    policy: KebijakanKosong,
) -> tuple[npt.NDArray[np.int8], list[Problem]]:
    """*levels* with each missing cell (``-2``) filled as *policy* says, or the cells it cannot fill.

    Returns *levels* itself when nothing is missing, else a copy.
    """
    missing_cols = np.flatnonzero(mins <= KOSONG).tolist()
    if not missing_cols:
        return levels, []
    out = levels.copy(order="K")
    problems: list[Problem] = []
    for j in missing_cols:
        ind = rubrik.indikator[j]
        col = out[:, j]
        rows = np.flatnonzero(col == KOSONG)
        why = unresolved_missing(ind, policy)
        if why is not None:
            problems.extend(listed(f'["{ind.kode}"]', (Problem(f'[{r}]["{ind.kode}"]', why, code="missing-answer") for r in rows[:SHOWN]), rows.size))
            continue
        fill = {KebijakanKosong.TIDAK_BERLAKU: TIDAK_BERLAKU, KebijakanKosong.NOL: 0, KebijakanKosong.TERENDAH: ind.level_min}[policy]
        col[rows] = fill
    return out, problems
