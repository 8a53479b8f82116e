"""Batch scoring and sensitivity beyond one process: the same results, computed on Dask.

Needs the optional dependency (``pip install 'meritsys[dask]'``); Dask is
imported only when one of these functions runs, so importing this module costs
nothing.  Pass a ``distributed.Client`` to run on its cluster; without one the
work goes to Dask's default scheduler (a registered distributed client, or
local threads).

Both functions give results equal to the in-process path:
:func:`score_batch_dask` scores row partitions with the strategy's own exact
``score_batch`` and concatenates them; :func:`sensitivity_dask` runs blocks of
draws as tasks and adds their exact integer sums, so the outcome is the one
:func:`~meritsys.analysis.sensitivity.sensitivity` gives for the same seed,
whatever the number of tasks or the order they finish in.
"""

from __future__ import annotations

import contextlib
import importlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from meritsys._arguments import callable_or_none, whole
from meritsys.analysis.sensitivity import (
    BLOK,
    MAX_DRAWS,
    HasilSensitivitas,
    Progress,
    SensitivityOptions,
    _Akumulator,
    _finish,
    _prepare,
    _run,
    _Soal,
)
from meritsys.errors import MeritsysError, Problem, ValidationError
from meritsys.model import KebijakanTidakBerlaku, Rubrik
from meritsys.scoring.batch import AnswerMatrix, SkorBatch
from meritsys.scoring.protocols import ScoringStrategy
from meritsys.scoring.registry import get_strategy

__all__ = ["connect", "score_batch_dask", "sensitivity_dask"]

_MISSING = "the Dask path needs the optional dependency: pip install 'meritsys[dask]'"


def _module(name: str) -> Any:
    """Import an optional dependency by name (so type checking never needs it installed)."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise MeritsysError(_MISSING) from exc


@contextlib.contextmanager
def connect(address: str) -> Iterator[Any]:
    """A ``distributed.Client`` for the duration of a ``with`` block.

    Args:
        address: A scheduler address (``"tcp://10.0.0.5:8786"``), or ``"local"``
            for a cluster of threads in this process (closed afterwards).

    Raises:
        MeritsysError: if Dask is not installed or the scheduler cannot be reached.
    """
    distributed = _module("distributed")
    if address == "local":
        with distributed.LocalCluster(processes=False, dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(address, timeout=30)
    except OSError as exc:
        raise MeritsysError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        yield client


def _run_task(soal: _Soal, start: int, stop: int, chunk: int) -> _Akumulator:
    return _run(soal, start, stop, chunk)


def sensitivity_dask(
    rubrik: Rubrik,
    matrix: AnswerMatrix,
    *,
    draws: int = 1000,
    seed: int = 0,
    client: Any = None,
    konsentrasi: float = 500.0,
    rentang: float | None = None,
    ambang: float | None = None,
    kebijakan_tidak_berlaku: bool | Sequence[KebijakanTidakBerlaku] = False,
    hanya_maturitas: bool = False,
    chunk: int = 512,
    draws_per_task: int = 4096,
    progress: Progress | None = None,
) -> HasilSensitivitas:
    """:func:`~meritsys.analysis.sensitivity.sensitivity` with the draws spread over Dask tasks.

    The options mean what they mean there, and the result is equal to it for
    the same seed and inputs.

    Args:
        rubrik: The rubric whose numbers are perturbed.
        matrix: The cohort's answers.
        draws: Number of draws.
        seed: Seed of the draws.
        client: A ``distributed.Client``; ``None`` uses Dask's default scheduler.
        konsentrasi: Dirichlet concentration around the baseline weight shares.
        rentang: Uniform +- fraction for weights instead of Dirichlet draws.
        ambang: Cut-point jitter in index units.
        kebijakan_tidak_berlaku: Regime B: draw the not-applicable rule.
        hanya_maturitas: Regime B: score without the employee survey.
        chunk: Draws scored at once inside a task.
        draws_per_task: Draws per task (rounded to whole blocks of :data:`BLOK`).
        progress: Called with (draws done, draws in total) as tasks finish
            (only once, at the end, without a *client*).

    Raises:
        MeritsysError: if Dask is not installed.
        ValidationError: for invalid options or answers the rubric rejects.
    """
    dask = _module("dask")
    problems: list[Problem] = []
    draws_per_task = whole("draws_per_task", draws_per_task, 1, MAX_DRAWS, problems)
    try:
        options = SensitivityOptions(
            draws=draws, seed=seed, konsentrasi=konsentrasi, rentang=rentang, ambang=ambang,
            kebijakan_tidak_berlaku=kebijakan_tidak_berlaku, hanya_maturitas=hanya_maturitas, chunk=chunk,
        )
    except ValidationError as exc:
        problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    chunk = options.chunk
    callable_or_none("progress", progress, "a callable (draws done, draws in total)")
    soal = _prepare(rubrik, matrix, options)
    per = max(1, -(-draws_per_task // BLOK))
    spans = [(b, min(b + per, soal.n_blok)) for b in range(0, soal.n_blok, per)]
    if client is None:
        # A tree of exact merges: the scheduler frees each part once merged.
        shared = dask.delayed(soal, pure=False)
        parts = [dask.delayed(_run_task, pure=False)(shared, a, b, chunk) for a, b in spans]
        merge = dask.delayed(_Akumulator.gabung, pure=False)
        while len(parts) > 1:
            parts = [merge(parts[i], parts[i + 1]) if i + 1 < len(parts) else parts[i] for i in range(0, len(parts), 2)]
        (acc,) = dask.compute(parts[0])
        if progress is not None:
            progress(soal.draws, soal.draws)
        return _finish(soal, acc)
    shared = client.scatter(soal, broadcast=True, hash=False)
    futures = [client.submit(_run_task, shared, a, b, chunk, pure=False) for a, b in spans]
    sizes = {f.key: min(b * BLOK, soal.draws) - a * BLOK for f, (a, b) in zip(futures, spans, strict=True)}
    finishing = _module("distributed").as_completed(futures)
    futures.clear()  # so each part's memory is freed on the cluster once it is added here
    acc = _Akumulator.kosong(soal)
    done = 0
    for future in finishing:
        acc.tambah(future.result())
        done += sizes[future.key]
        if progress is not None:
            progress(done, soal.draws)
    return _finish(soal, acc)


_ROW = re.compile(r"^\[(\d+)\]")


def _shift(problem: Problem, offset: int) -> Problem:
    """Re-address a partition's ``[r]...`` problem to the whole matrix's row."""
    m = _ROW.match(problem.path)
    if m is None or not offset:
        return problem
    return Problem(f"[{int(m.group(1)) + offset}]{problem.path[m.end():]}", problem.message)


def _row_of(problem: Problem) -> int:
    m = _ROW.match(problem.path)
    return -1 if m is None else int(m.group(1))


def _part(matrix: AnswerMatrix, a: int, b: int) -> AnswerMatrix:
    return AnswerMatrix(
        jawaban=matrix.jawaban[a:b],
        survei=None if matrix.survei is None else matrix.survei[a:b],
        koreksi=None if matrix.koreksi is None else matrix.koreksi[a:b],
        kode=None if matrix.kode is None else matrix.kode[a:b],
    )


def _score_part(strategy: ScoringStrategy, rubrik: Rubrik, part: AnswerMatrix, offset: int) -> SkorBatch | MeritsysError:
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
        if (p.rubrik_id, p.strategi, p.unit, p.labels, p.desimal) != (first.rubrik_id, first.strategi, first.unit, first.labels, first.desimal):
            raise MeritsysError(
                f"strategy {first.strategi} gave partitions different units or bands ({first.unit} vs {p.unit}); "
                "its batch scores cannot be joined"
            )
    return SkorBatch(
        first.rubrik_id,
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
    matrix: AnswerMatrix,
    strategy: ScoringStrategy | str | None = None,
    *,
    client: Any = None,
    rows_per_task: int = 10_000,
) -> SkorBatch:
    """Score a large answer matrix in row partitions on Dask; equal to ``strategy.score_batch``.

    Args:
        rubrik: The rubric.
        matrix: The answers.
        strategy: A strategy, a registered name, or ``None`` for the rubric's own.
        client: A ``distributed.Client``; ``None`` uses Dask's default scheduler.
        rows_per_task: Rows per partition.

    Raises:
        MeritsysError: if Dask is not installed.
        ValidationError: every partition's problems together, addressed by
            row of the whole matrix.
    """
    dask = _module("dask")
    problems: list[Problem] = []
    rows_per_task = whole("rows_per_task", rows_per_task, 1, 10**9, problems)
    if problems:
        raise ValidationError(problems)
    if strategy is None or isinstance(strategy, str):
        strat = get_strategy(rubrik.strategi if strategy is None else strategy)
    else:
        strat = strategy
    if matrix.n == 0:
        return strat.score_batch(rubrik, matrix)
    spans = [(a, min(a + rows_per_task, matrix.n)) for a in range(0, matrix.n, rows_per_task)]
    if client is None:
        shared = dask.delayed(rubrik, pure=False)
        tasks = [dask.delayed(_score_part, pure=False)(strat, shared, _part(matrix, a, b), a) for a, b in spans]
        results = list(dask.compute(*tasks))
    else:
        shared = client.scatter(rubrik, broadcast=True, hash=False)
        futures = [client.submit(_score_part, strat, shared, _part(matrix, a, b), a, pure=False) for a, b in spans]
        results = client.gather(futures)
    errors = [r for r in results if isinstance(r, MeritsysError)]
    invalid = [e for e in errors if isinstance(e, ValidationError)]
    if errors and len(invalid) < len(errors):
        raise next(e for e in errors if not isinstance(e, ValidationError))
    if invalid:
        found = dict.fromkeys(p for e in invalid for p in e.problems)
        raise ValidationError(sorted(found, key=_row_of))
    return _concat([r for r in results if isinstance(r, SkorBatch)])
