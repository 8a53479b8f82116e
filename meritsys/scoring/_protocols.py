"""The extension points: what a scoring strategy, a classifier and a linear strategy offer.

All are :class:`typing.Protocol` s, so a third-party class needs no base
class, only these methods.  The planner and the sensitivity analysis ask for
:class:`LinearStrategy`, a strategy whose index is linear in the answers and in
its weights, and never test for concrete classes: a strategy that does not
offer it is refused with :class:`~meritsys.errors.IncompatibleStrategyError`
naming what is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys.errors import IncompatibleStrategyError
from meritsys.model import Hasil, Penilaian, Rubrik

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from meritsys.scoring._classifier import Klasifikasi
    from meritsys.scoring._kohort import Kohort
    from meritsys.scoring._skor import SkorBatch

__all__ = ["Classifier", "LinearModel", "LinearStrategy", "ScoringStrategy", "WeightModel", "require_linear"]


@runtime_checkable
class ScoringStrategy(Protocol):
    """Turns an assessment into a scored, classified and explained :class:`~meritsys.model.Hasil`.

    ``score_batch`` must give exactly the index values and categories that
    ``score`` gives for each row, and refuse what ``score`` refuses.
    """

    @property
    def name(self) -> str:
        """The name the strategy is registered and selected by."""
        ...

    def score(self, rubrik: Rubrik, penilaian: Penilaian) -> Hasil:
        """Score one assessment."""
        ...

    def score_batch(self, rubrik: Rubrik, kohort: Kohort) -> SkorBatch:
        """Score every assessment of a cohort (its checked answers: :meth:`Kohort.levels`)."""
        ...


@runtime_checkable
class Classifier(Protocol):
    """Puts a value into one of the rubric's categories.

    Batch classification and the distance to the next category come from
    :func:`~meritsys.scoring.classify_units` and :func:`~meritsys.scoring.next_band`,
    which work for any classifier (and take a fast path for the band classifier).
    """

    @property
    def name(self) -> str:
        """The name the classifier is registered and selected by."""
        ...

    def classify(self, rubrik: Rubrik, value: Any) -> Klasifikasi:
        """Classify one value; total over the numbers of the number policy."""
        ...


@attrs.frozen
class LinearModel:
    """A strategy's index for one assessment as a base plus independent per-step gains.

    The unrounded index is ``awal``; raising applicable indicator *i* by one
    level adds ``gain[i]`` to it, whatever the other steps (levels are
    cumulative, so a plan pays for every step on the way).

    Args:
        awal: The unrounded index of the assessment as it is.
        level: The level counted for each indicator, ``None`` where it does not apply.
        gain: The gain of one step of each applicable indicator, by position.
        places: The decimals the reported index is written with, or ``None``.
        grid: The resolution of the reported index: the reported index is the
            unrounded one rounded half-up to a multiple of it.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    awal: Fraction
    level: tuple[int | None, ...]
    gain: Mapping[int, Fraction]
    places: int | None
    grid: Decimal


@attrs.frozen(eq=False)
class WeightModel:
    """A strategy's indices over a cohort as a linear function of its weights.

    ``index[n] = koefisien x sum_k bobot[k] x tingkat[k, n] / penyebut + tetap[n]``,
    before rounding; the sensitivity analysis redraws ``bobot`` (keeping their
    sum ``jumlah``) and re-scores with one matrix product per chunk of draws.

    Args:
        kode: What each weight belongs to (indicator or aspect codes).
        bobot: The weights as the strategy uses them.
        jumlah: Their declared sum (kept when they are redrawn).
        tingkat: ``(K, N)`` whole numbers (as floats, exactly).
        penyebut: The common denominator of ``tingkat``.
        koefisien: The factor in front of the weighted sum.
        tetap: The part of each row's index that does not depend on the weights, or ``None`` for 0.
        places: The decimals the reported index is rounded to, or ``None``.
        maks_tingkat: The most ``tingkat[k, n] / penyebut`` can be for any cohort
            (1 for a fulfilment, the highest level for a level).
    """

    __repr__ = fields_repr

    kode: tuple[str, ...]
    bobot: tuple[Fraction, ...]
    jumlah: Fraction
    tingkat: npt.NDArray[np.float64]
    penyebut: int
    koefisien: Fraction
    tetap: tuple[Fraction, ...] | None
    places: int | None
    maks_tingkat: Fraction = Fraction(1)


@runtime_checkable
class LinearStrategy(ScoringStrategy, Protocol):
    """A strategy whose index is linear in the answers and in its weights: one that can be planned and stress-tested."""

    def linear_model(self, rubrik: Rubrik, penilaian: Penilaian) -> LinearModel:
        """The index of *penilaian* as a base plus per-step gains (for the planner)."""
        ...

    def weight_model(self, rubrik: Rubrik, kohort: Kohort) -> WeightModel:
        """The indices of a cohort as a linear function of the strategy's weights (for the sensitivity analysis)."""
        ...


def require_linear(strategy: ScoringStrategy, what: str) -> LinearStrategy:
    """*strategy* as a :class:`LinearStrategy`, or an error naming what it lacks.

    Raises:
        IncompatibleStrategyError: naming the strategy, *what* needs it, and the missing methods.
    """
    missing = [m for m in ("linear_model", "weight_model") if not callable(getattr(strategy, m, None))]
    if missing:
        name = getattr(strategy, "name", type(strategy).__name__)
        raise IncompatibleStrategyError(
            f"{what} needs a linear strategy; {name!r} does not offer {' and '.join(missing)} "
            "(see meritsys.scoring.LinearStrategy; weighted-sum, maturity and AspectLinear strategies do)"
        )
    return strategy  # type: ignore[return-value]  # checked structurally above
