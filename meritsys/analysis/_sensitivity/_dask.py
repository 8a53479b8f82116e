"""The sensitivity analysis on Dask: the same result, with blocks of draws as tasks.

Needs the optional dependency (``pip install 'meritsys[dask]'``); Dask is
imported only when :func:`sensitivity_dask` runs.  Blocks of draws run as
tasks and their exact integer sums are added, so the outcome is the one
:func:`~meritsys.analysis._sensitivity` gives for the same seed, whatever the
number of tasks or the order they finish in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from meritsys._arguments import callable_or_none, whole
from meritsys._dask import module
from meritsys.analysis._sensitivity._engine import BLOK, Akumulator, Progress, Soal, run
from meritsys.analysis._sensitivity._options import MAX_DRAWS, SensitivityOptions
from meritsys.analysis._sensitivity._result import HasilSensitivitas
from meritsys.analysis._sensitivity._run import finish, prepare
from meritsys.errors import Problem, ValidationError
from meritsys.model import KebijakanTidakBerlaku, Penilaian, Rubrik
from meritsys.scoring import Kohort, ScoringStrategy
from meritsys.scoring._kohort_stages import require_one_stage

__all__ = ["sensitivity_dask"]


def _run_task(soal: Soal, start: int, stop: int, chunk: int) -> Akumulator:
    return run(soal, start, stop, chunk)


def sensitivity_dask(
    rubrik: Rubrik,
    kohort: Kohort | Sequence[Penilaian],
    *,
    strategy: ScoringStrategy | str | None = None,
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
    """:func:`~meritsys.analysis._sensitivity.sensitivity` with the draws spread over Dask tasks.

    The options mean what they mean there, and the result is equal to it for
    the same seed and inputs.

    Args:
        rubrik: The rubric whose numbers are perturbed.
        kohort: The cohort, or assessments.
        strategy: A linear strategy, a registered name, or ``None`` for the rubric's own.
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
    dask = module("dask")
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
    cohort = kohort if isinstance(kohort, Kohort) else Kohort.from_penilaian(rubrik, kohort)
    require_one_stage(cohort, "a sensitivity analysis (it ranks agencies)")
    soal = prepare(rubrik, cohort, options, strategy)
    per = max(1, -(-draws_per_task // BLOK))
    spans = [(b, min(b + per, soal.n_blok)) for b in range(0, soal.n_blok, per)]
    if client is None:
        # A tree of exact merges: the scheduler frees each part once merged.
        shared = dask.delayed(soal, pure=False)
        parts = [dask.delayed(_run_task, pure=False)(shared, a, b, chunk) for a, b in spans]
        merge = dask.delayed(Akumulator.merged, pure=False)
        while len(parts) > 1:
            parts = [merge(parts[i], parts[i + 1]) if i + 1 < len(parts) else parts[i] for i in range(0, len(parts), 2)]
        (acc,) = dask.compute(parts[0])
        if progress is not None:
            progress(soal.draws, soal.draws)
        return finish(soal, acc)
    shared = client.scatter(soal, broadcast=True, hash=False)
    futures = [client.submit(_run_task, shared, a, b, chunk, pure=False) for a, b in spans]
    sizes = {f.key: min(b * BLOK, soal.draws) - a * BLOK for f, (a, b) in zip(futures, spans, strict=True)}
    finishing = module("distributed").as_completed(futures)
    futures.clear()  # so each part's memory is freed on the cluster once it is added here
    acc = Akumulator.empty(soal)
    done = 0
    for future in finishing:
        acc.add(future.result())
        done += sizes[future.key]
        if progress is not None:
            progress(done, soal.draws)
    return finish(soal, acc)
