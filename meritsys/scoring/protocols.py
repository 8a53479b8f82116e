"""The extension points: what a scoring strategy and a classifier must offer.

Both are :class:`typing.Protocol` s, so a third-party class needs no base
class, only these methods.  Built-ins are frozen attrs classes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from meritsys.model import Hasil, Kategori, Penilaian, Rubrik

if TYPE_CHECKING:
    from meritsys.scoring.batch import AnswerMatrix, SkorBatch
    from meritsys.scoring.classifier import Klasifikasi

__all__ = ["Classifier", "ScoringStrategy"]


@runtime_checkable
class ScoringStrategy(Protocol):
    """Turns an assessment into a scored, classified and explained :class:`~meritsys.model.Hasil`.

    ``score_batch`` must give exactly the index values and categories that
    ``score`` gives for each row.
    """

    @property
    def name(self) -> str:
        """The name the strategy is registered and selected by."""
        ...

    def score(self, rubrik: Rubrik, penilaian: Penilaian) -> Hasil:
        """Score one assessment."""
        ...

    def score_batch(self, rubrik: Rubrik, matrix: AnswerMatrix) -> SkorBatch:
        """Score many assessments laid out as an answer matrix."""
        ...


@runtime_checkable
class Classifier(Protocol):
    """Puts a value into one of the rubric's categories."""

    @property
    def name(self) -> str:
        """The name the classifier is registered and selected by."""
        ...

    def classify(self, rubrik: Rubrik, value: Any) -> Klasifikasi:
        """Classify one value; total over finite numbers."""
        ...

    def classify_units(
        self, rubrik: Rubrik, units: npt.NDArray[np.signedinteger[Any]], unit: Decimal
    ) -> tuple[npt.NDArray[np.signedinteger[Any]], npt.NDArray[np.bool_]]:
        """Classify many values given as integer multiples of *unit*."""
        ...

    def next_band(self, rubrik: Rubrik, value: Decimal, pos: int, unit: Decimal) -> tuple[Kategori, Decimal] | None:
        """The band above position *pos* and how far *value* is from entering it."""
        ...
