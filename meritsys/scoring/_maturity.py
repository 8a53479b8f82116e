"""``MaturityIndex``: the regime B index (NISM) of PermenPANRB 19/2025.

``NISM = bobot_maturitas x sum(bobot_aspek x maturitas_aspek) + bobot_survei x survei + koreksi``,
rounded half-up to the rubric's decimals, then banded Dasar ... Maju.  Each
aspect's maturity is the mean of its counted answers, each divided by its
highest level (the ``rerata_per_level_maksimum`` normalisation); a
not-applicable question enters the mean as the rubric's composition declares
(shipped: left out).  The composition is SEKUNDER and the normalisation
``acuan`` (see *The domain* in the documentation, regime B), so both are data,
not code.

It is the aspect-linear strategy (:class:`~meritsys.scoring.AspectLinear`)
whose aspect weights are the rubric's own: the single path computes in exact
fractions, the batch path in exact integers over a common denominator, so both
round the same way at every tie.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._cache import per_object
from meritsys.errors import IncompatibleStrategyError
from meritsys.model import LetakBobot, Rubrik
from meritsys.scoring._aspect_linear import AspectLinear, _Setup

__all__ = ["MaturityIndex"]


@attrs.frozen
class MaturityIndex(AspectLinear):
    """The regime B maturity index with survey, correction and rounding.

    Args:
        hanya_maturitas: Leave the survey out and report the maturity component
            alone (``sum(bobot_aspek x maturitas_aspek) + koreksi``); the result
            is flagged.  Without it, a missing survey score is an error.
        kebijakan_kosong: Missing-answer policy overriding the rubric's.
        classifier: The classifier for the index and each aspect's maturity level.

    Examples:
        >>> from meritsys.rubrics import get_rubrik
        >>> from meritsys.model import Instansi, Penilaian
        >>> b = get_rubrik("permenpanrb-19-2025")
        >>> kota = Instansi("kota-contoh", "Pemerintah Kota Contoh", "kota")
        >>> jawaban = {i.kode: 2 for i in b.indikator if i.kode not in ("4.1a", "6.4b", "6.4c")}
        >>> p = Penilaian(kota, 2026, b.id, jawaban, survei="0.5",
        ...               gerbang={"kecelakaan_kerja": "tidak", "kematian": "tidak"})
        >>> h = MaturityIndex().score(b, p)
        >>> h.indeks, h.kategori.label
        (Decimal('0.50'), 'Lanjutan')
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    @property
    def name(self) -> str:
        """``"maturity"``."""
        return "maturity"

    def aspect_weights(self, rubrik: Rubrik) -> Sequence[Fraction]:
        """The rubric's aspect weights (``bobot`` of each aspect)."""
        return [Fraction(a.bobot.nilai) if a.bobot is not None else Fraction(0) for a in rubrik.aspek]

    def _setup(self, rubrik: Rubrik) -> _Setup:
        if rubrik.letak_bobot is not LetakBobot.ASPEK or rubrik.komposisi is None:
            raise IncompatibleStrategyError(
                f"strategy maturity needs aspect weights and a komposisi; rubrik {rubrik.id} weighs indicators (use its strategy {rubrik.strategi!r})"
            )
        if type(self) is not MaturityIndex:  # a subclass may weigh aspects its own way
            return super()._setup(rubrik)
        known = _setups(rubrik)
        found = known.get(self.hanya_maturitas)
        if found is None:
            found = known[self.hanya_maturitas] = super()._setup(rubrik)
        return found


@per_object
def _setups(rubrik: Rubrik) -> dict[bool, _Setup]:
    """The setup of the built-in maturity index per rubric: it depends on the rubric and ``hanya_maturitas`` alone."""
    return {}
