"""Batch scoring on Dask: a large cohort scored in row partitions, equal to ``strategy.score_batch``.

Needs the optional dependency (``pip install 'meritsys[dask]'``); Dask is
imported only when :func:`score_batch_dask` runs.  Each partition is scored
with the strategy's own exact batch path and the results are joined.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from meritsys._arguments import whole
from meritsys._dask import module
from meritsys.errors import MeritsysError, Problem, ValidationError
from meritsys.model import Rubrik
from meritsys.scoring._kohort import Kohort
from meritsys.scoring._protocols import ScoringStrategy
from meritsys.scoring._registry import resolve_strategy
from meritsys.scoring._skor import SkorBatch

__all__ = ["score_batch_dask"]


_ROW = re.compile(r"^\[(\d+)\]")


def _shift(problem: Problem, offset: int) -> Problem:
    """Re-address a partition's ``[r]...`` problem to the whole matrix's row."""
    m = _ROW.match(problem.path)
    if m is None or not offset:
        return problem
    return Problem(f"[{int(m.group(1)) + offset}]{problem.path[m.end():]}", problem.message, code=problem.code)


def _row_of(problem: Problem) -> int:
    m = _ROW.match(problem.path)
    return -1 if m is None else int(m.group(1))


def _part(kohort: Kohort, a: int, b: int) -> Kohort:
    return kohort.select(np.arange(a, b))


def _score_part(strategy: ScoringStrategy, rubrik: Rubrik, part: Kohort, offset: int) -> SkorBatch | MeritsysError:
    """Score one partition; an input error is returned (re-addressed), not raised, so all can be reported."""
    try:
        return strategy.score_batch(rubrik, part)
    except ValidationError as exc:
        return ValidationError(_shift(p, offset) for p in exc.problems)
    except MeritsysError as exc:
        return exc


def _concat(parts: list[SkorBatch]) -> SkorBatch:
    first = parts[0]
    for p in parts[1:]:
        if (p.rubrik, p.strategi, p.unit, p.labels, p.desimal) != (first.rubrik, first.strategi, first.unit, first.labels, first.desimal):
            raise MeritsysError(
                f"strategy {first.strategi} gave partitions different units or bands ({first.unit} vs {p.unit}); "
                "its batch scores cannot be joined"
            )
    return SkorBatch(
        first.rubrik,
        first.strategi,
        first.unit,
        np.concatenate([p.indeks_unit for p in parts]),
        np.concatenate([p.kategori for p in parts]),
        np.concatenate([p.di_luar_skala for p in parts]),
        first.labels,
        first.desimal,
    )


def score_batch_dask(
    rubrik: Rubrik,
    kohort: Kohort,
    strategy: ScoringStrategy | str | None = None,
    *,
    client: Any = None,
    rows_per_task: int = 10_000,
) -> SkorBatch:
    """Score a large cohort in row partitions on Dask; equal to ``strategy.score_batch``.

    Args:
        rubrik: The rubric.
        kohort: The cohort.
        strategy: A strategy, a registered name, or ``None`` for the rubric's own.
        client: A ``distributed.Client``; ``None`` uses Dask's default scheduler.
        rows_per_task: Rows per partition.

    Raises:
        MeritsysError: if Dask is not installed.
        ValidationError: every partition's problems together, addressed by
            row of the whole matrix.
    """
    dask = module("dask")
    problems: list[Problem] = []
    rows_per_task = whole("rows_per_task", rows_per_task, 1, 10**9, problems)
    if problems:
        raise ValidationError(problems)
    strat = resolve_strategy(strategy, rubrik)
    n = len(kohort)
    if n == 0:
        return strat.score_batch(rubrik, kohort)
    spans = [(a, min(a + rows_per_task, n)) for a in range(0, n, rows_per_task)]
    if client is None:
        shared = dask.delayed(rubrik, pure=False)
        tasks = [dask.delayed(_score_part, pure=False)(strat, shared, _part(kohort, a, b), a) for a, b in spans]
        results = list(dask.compute(*tasks))
    else:
        shared = client.scatter(rubrik, broadcast=True, hash=False)
        futures = [client.submit(_score_part, strat, shared, _part(kohort, a, b), a, pure=False) for a, b in spans]
        results = client.gather(futures)
    errors = [r for r in results if isinstance(r, MeritsysError)]
    invalid = [e for e in errors if isinstance(e, ValidationError)]
    if errors and len(invalid) < len(errors):
        raise next(e for e in errors if not isinstance(e, ValidationError))
    if invalid:
        found = dict.fromkeys(p for e in invalid for p in e.problems)
        raise ValidationError(sorted(found, key=_row_of))
    return _concat([r for r in results if isinstance(r, SkorBatch)])
