"""The short way in: score, batch-score and classify with the rubric's own strategy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from meritsys._arguments import instance
from meritsys._repr import shown
from meritsys.errors import Problem, RubricNotFoundError, ValidationError
from meritsys.model import Hasil, Penilaian, Rubrik
from meritsys.rubrics import get_rubrik
from meritsys.scoring._classifier import BandClassifier, Klasifikasi
from meritsys.scoring._protocols import ScoringStrategy
from meritsys.scoring._registry import resolve_strategy

if TYPE_CHECKING:
    from meritsys.scoring._kohort import Kohort
    from meritsys.scoring._skor import SkorBatch

__all__ = ["classify", "score", "score_batch", "score_many"]


def _rubrik(rubrik: Rubrik | str | None, default_id: str) -> Rubrik:
    if isinstance(rubrik, Rubrik):
        return rubrik
    instance("rubrik", rubrik, (str, type(None)), "a Rubrik, a rubric id or None")
    return get_rubrik(rubrik if rubrik is not None else default_id)


_strategy = resolve_strategy


def score(
    penilaian: Penilaian,
    rubrik: Rubrik | str | None = None,
    *,
    strategy: ScoringStrategy | str | None = None,
) -> Hasil:
    """Score one assessment.

    Args:
        penilaian: The assessment.
        rubrik: A rubric, a shipped rubric's id, or ``None`` for the
            assessment's own ``rubrik``.
        strategy: A strategy, a registered name, or ``None`` for the rubric's own.

    Raises:
        ValidationError: if the assessment does not fit the rubric.

    Examples:
        >>> from meritsys.model import Instansi, Penilaian
        >>> from meritsys.rubrics import get_rubrik
        >>> kasn = get_rubrik("kasn-2019")
        >>> p = Penilaian(Instansi("kota-contoh", "Kota Contoh", "kota"), 2023, "kasn-2019",
        ...               {i.kode: 1 for i in kasn.indikator})
        >>> score(p).indeks
        Decimal('100')
    """
    instance("penilaian", penilaian, Penilaian)
    r = _rubrik(rubrik, penilaian.rubrik)
    if penilaian.rubrik != r.id:
        raise ValidationError([Problem("rubrik", f"the assessment is for {penilaian.rubrik!r}, not {r.id!r}", code="wrong-rubric")])
    return _strategy(strategy, r).score(r, penilaian)


def score_many(
    items: Sequence[Penilaian],
    rubrik: Rubrik | str | None = None,
    *,
    strategy: ScoringStrategy | str | None = None,
) -> tuple[Hasil, ...]:
    """Score several assessments; every problem of every item is reported together (``$[i]...``).

    An assessment naming a rubric that is not known is one of those problems
    (at ``$[i].rubrik``), not an error that hides the others.
    """
    _sequence("items", items, Penilaian)
    results: list[Hasil] = []
    problems: list[Problem] = []
    for i, p in enumerate(items):
        try:
            results.append(score(p, rubrik, strategy=strategy))
        except ValidationError as exc:
            problems.extend(exc.at(f"[{i}]").problems)
        except RubricNotFoundError as exc:
            problems.append(Problem(f"[{i}].rubrik", str(exc), code="unknown-rubric"))
    if problems:
        raise ValidationError(problems)
    return tuple(results)


def score_batch(
    items: Kohort | Sequence[Penilaian],
    rubrik: Rubrik | str,
    *,
    strategy: ScoringStrategy | str | None = None,
) -> SkorBatch:
    """Score many assessments of one rubric through the vectorised path.

    Args:
        items: A cohort, or assessments (laid out as a cohort once, here).
        rubrik: A rubric or a shipped rubric's id.
        strategy: A strategy, a registered name, or ``None`` for the rubric's own.

    Raises:
        ValidationError: every problem of every row, addressed ``$[i]...``.
    """
    from meritsys.scoring._kohort import Kohort

    r = _rubrik(rubrik, "")
    kohort = items if isinstance(items, Kohort) else Kohort.from_penilaian(r, items)
    return _strategy(strategy, r).score_batch(r, kohort)


def _sequence(name: str, items: object, cls: type) -> None:
    """Raise TypeError unless *items* is a sequence (not a string) of *cls*."""
    if isinstance(items, str | bytes) or not isinstance(items, Sequence):
        raise TypeError(f"{name} must be a sequence of {cls.__name__}, got {type(items).__name__}")
    for i, item in enumerate(items):
        if not isinstance(item, cls):
            raise TypeError(f"{name}[{i}] must be {cls.__name__}, got {type(item).__name__} {shown(item)}")


def classify(value: Any, rubrik: Rubrik | str) -> Klasifikasi:
    """Classify a value under a rubric's bands.

    Examples:
        >>> classify("249.5", "kasn-2019").kategori.label
        'Kurang'
        >>> classify("0.405", "permenpanrb-19-2025").kategori.label
        'Lanjutan'
    """
    return _BAND.classify(_rubrik(rubrik, ""), value)


_BAND = BandClassifier()
