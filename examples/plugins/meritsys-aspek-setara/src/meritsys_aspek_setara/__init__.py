"""``equal-aspects``: every aspect weighs the same (an example meritsys strategy plugin).

Regime A: ``indeks = skala.maksimum x mean(capaian_a)``, rounded half-up to the
weights' step (half points in ``kasn-2019``).  Regime B: the mean of the aspect
maturities replaces their weighted sum inside the rubric's composition (survey,
correction, two decimals).  Built on :class:`meritsys.AspectLinear`, it scores
exactly on both paths and can be planned and stress-tested.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

import meritsys

__all__ = ["AspekSetara"]
__version__ = "0.2.0"


@attrs.frozen
class AspekSetara(meritsys.AspectLinear):
    """Score with every aspect weighing the same."""

    @property
    def name(self) -> str:
        """``"equal-aspects"``."""
        return "equal-aspects"

    def aspect_weights(self, rubrik: meritsys.Rubrik) -> list[Fraction]:
        """Each aspect's share of the scale: the scale's maximum (regime A) or 1 (regime B), split evenly."""
        if rubrik.komposisi is None and rubrik.skala.maksimum is None:
            raise meritsys.IncompatibleStrategyError(f"strategy equal-aspects needs a scale maximum; rubrik {rubrik.id} declares none")
        top = Fraction(1) if rubrik.komposisi is not None else Fraction(rubrik.skala.maksimum.nilai)  # type: ignore[union-attr]
        return [top / len(rubrik.aspek)] * len(rubrik.aspek)

    def notes(self, rubrik: meritsys.Rubrik, penilaian: meritsys.Penilaian) -> list[str]:
        """Every result says which strategy made it."""
        return [*super().notes(rubrik, penilaian), "plugin strategy equal-aspects: every aspect weighs the same"]
