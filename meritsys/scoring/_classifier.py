"""The band classifier: a value to a category under the rubric's declared boundary rule.

It serves both regimes.  It is total over the finite numbers: a value below the
published scale minimum or above its maximum is still classified (into the
lowest or highest band) and flagged, never rejected.  NaN, infinities and
non-numbers are a :class:`~meritsys.errors.ValidationError`.

The same rule has a vectorised form over integer *units* of a known
resolution (half points in regime A, hundredths in regime B), which is exact:
``value >= bound`` is ``units >= ceil(bound / unit)``.
"""

from __future__ import annotations

import bisect
import math
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._cache import per_object
from meritsys._numbers import CONTEXT, exact, exact_decimal, round_half_up, to_decimal
from meritsys._repr import shown
from meritsys.errors import ValidationError, code_of
from meritsys.model import JenisBatas, Kategori, Rubrik

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from meritsys.model import KategoriHasil
    from meritsys.scoring._protocols import Classifier

__all__ = ["BandClassifier", "Klasifikasi", "classify_index", "classify_units", "next_band", "to_value"]


@attrs.frozen
class Klasifikasi:
    """A classified value.

    Args:
        nilai: The value classified (after the rubric's rounding, if any).
        kategori: The category it falls in.
        posisi: The category's position in the rubric's bands, from 0.
        di_luar_skala: Whether the value lies outside the published scale.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    nilai: Decimal
    kategori: Kategori
    posisi: int
    di_luar_skala: bool

    @property
    def ringkas(self) -> KategoriHasil:
        """The category's code and label."""
        from meritsys.model import KategoriHasil  # the result model, imported when a result is made

        return KategoriHasil(self.kategori.kode, self.kategori.label)


def to_value(value: Any) -> Decimal:
    """Read a value to classify: a Decimal, int, float or numeric string, under the number policy.

    A float is read by its shortest repr (``0.1`` is ``Decimal('0.1')``).

    Raises:
        ValidationError: for NaN, infinities, booleans, non-numbers and
            numbers outside the policy (:mod:`meritsys._numbers`).
    """
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(f"{shown(value)} is not a finite number", code="not-finite")
        value = repr(value)
    try:
        return to_decimal(value)
    except ValueError as exc:
        raise ValidationError(str(exc), code=code_of(exc)) from None


@per_object
def _cuts(rubrik: Rubrik) -> tuple[list[Decimal], bool]:
    if rubrik.aturan_batas.jenis is JenisBatas.BAWAH_INKLUSIF:
        return [k.batas_bawah.nilai for k in rubrik.kategori[1:] if k.batas_bawah is not None], True
    return [k.batas_atas.nilai for k in rubrik.kategori[:-1] if k.batas_atas is not None], False


def _unit_bounds(rubrik: Rubrik, unit: Decimal) -> tuple[list[int], int, int | None]:
    """Band thresholds and scale ends in integer units of *unit* (cached per rubric and unit)."""
    cached = _bounds_for(rubrik)
    if unit not in cached:
        cached[unit] = _compute_bounds(rubrik, unit)
    return cached[unit]


@per_object
def _bounds_for(rubrik: Rubrik) -> dict[Decimal, tuple[list[int], int, int | None]]:
    return {}


def _compute_bounds(rubrik: Rubrik, unit: Decimal) -> tuple[list[int], int, int | None]:
    cuts, lower = _cuts(rubrik)
    u = Fraction(unit)
    thresholds = [math.ceil(Fraction(c) / u) for c in cuts] if lower else [math.floor(Fraction(c) / u) + 1 for c in cuts]
    sk = rubrik.skala
    highest = None if sk.maksimum is None else _clip(math.floor(Fraction(sk.maksimum.nilai) / u))
    # Index units stay far inside int64 (the grid rule); a bound beyond is never crossed.
    return [_clip(t) for t in thresholds], _clip(math.ceil(Fraction(sk.minimum.nilai) / u)), highest


def _clip(units: int) -> int:
    return max(-(2**62), min(2**62, units))


@attrs.frozen
class BandClassifier:
    """Classify by the rubric's category bands and boundary rule.

    Under ``bawah_inklusif`` a value belongs to the highest band whose lower
    bound it reaches; under ``atas_inklusif`` to the lowest band whose upper
    bound it does not exceed.  Where the rubric declares decimals
    (``skala.desimal``), the value is first rounded half-up to them.

    Examples:
        >>> from meritsys.rubrics import get_rubrik
        >>> kasn = get_rubrik("kasn-2019")
        >>> [BandClassifier().classify(kasn, v).kategori.label for v in ("249.5", "250", "324.5", "325")]
        ['Kurang', 'Baik', 'Baik', 'Sangat Baik']
        >>> BandClassifier().classify(kasn, "65.5").di_luar_skala
        True
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    name: str = "band"

    @exact
    def classify(self, rubrik: Rubrik, value: Any) -> Klasifikasi:
        """Classify one value (Decimal, int, float or numeric string)."""
        return self.classify_decimal(rubrik, to_value(value))

    def classify_decimal(self, rubrik: Rubrik, v: Decimal) -> Klasifikasi:
        """Classify a decimal already read under the number policy (an index a strategy computed)."""
        places = rubrik.skala.desimal_int
        if places is not None:
            v = round_half_up(v, places)
        cuts, lower = _cuts(rubrik)
        pos = bisect.bisect_right(cuts, v) if lower else bisect.bisect_left(cuts, v)
        return Klasifikasi(v, rubrik.kategori[pos], pos, self.outside(rubrik, v))

    @staticmethod
    def outside(rubrik: Rubrik, value: Decimal) -> bool:
        """Whether *value* lies outside the rubric's published scale."""
        sk = rubrik.skala
        return value < sk.minimum.nilai or (sk.maksimum is not None and value > sk.maksimum.nilai)

    def classify_units(
        self, rubrik: Rubrik, units: npt.NDArray[np.signedinteger[Any]], unit: Decimal
    ) -> tuple[npt.NDArray[np.signedinteger[Any]], npt.NDArray[np.bool_]]:
        """Classify many values given as integer multiples of *unit*, exactly.

        Returns:
            The band position of each value and whether it is outside the scale.
        """
        import numpy as np

        from meritsys.scoring._kernels import band_positions

        thresholds, lowest, highest = _unit_bounds(rubrik, unit)
        pos = band_positions(units, thresholds)
        if units.size and lowest <= units.min() and (highest is None or units.max() <= highest):
            return pos, np.zeros(units.shape, dtype=np.bool_)
        outside = units < lowest
        if highest is not None:
            outside |= units > highest
        return pos, outside

    def next_band(self, rubrik: Rubrik, value: Decimal, pos: int, unit: Decimal) -> tuple[Kategori, Decimal] | None:
        """The next band above position *pos* and how far *value* is from entering it.

        *unit* is the index's resolution, needed under ``atas_inklusif`` where
        the next band starts one unit above the current band's upper bound.
        """
        if pos + 1 >= len(rubrik.kategori):
            return None
        nxt = rubrik.kategori[pos + 1]
        if rubrik.aturan_batas.jenis is JenisBatas.BAWAH_INKLUSIF:
            assert nxt.batas_bawah is not None  # guaranteed by Rubrik validation
            start = nxt.batas_bawah.nilai
        else:
            upper = rubrik.kategori[pos].batas_atas
            assert upper is not None  # guaranteed by Rubrik validation
            u = Fraction(unit)
            start = exact_decimal((math.floor(Fraction(upper.nilai) / u) + 1) * u)
        return nxt, max(CONTEXT.subtract(start, value), Decimal(0))


def classify_index(classifier: Classifier, rubrik: Rubrik, value: Decimal) -> Klasifikasi:
    """Classify an index a strategy computed: the band classifier skips re-reading it; any other classifies it itself."""
    if type(classifier) is BandClassifier:
        return classifier.classify_decimal(rubrik, value)
    return classifier.classify(rubrik, value)


def classify_units(
    classifier: Any, rubrik: Rubrik, units: npt.NDArray[np.signedinteger[Any]], unit: Decimal
) -> tuple[npt.NDArray[np.signedinteger[Any]], npt.NDArray[np.bool_]]:
    """Classify many values given as integer multiples of *unit*, with any classifier.

    The band classifier takes its exact vectorised path; any other classifier
    classifies each distinct value once.

    Returns:
        The band position of each value and whether it is outside the scale.
    """
    if isinstance(classifier, BandClassifier):
        return classifier.classify_units(rubrik, units, unit)
    import numpy as np

    distinct, inverse = np.unique(units, return_inverse=True)
    pos = np.empty(distinct.shape, dtype=np.int16)
    outside = np.empty(distinct.shape, dtype=np.bool_)
    for i, u in enumerate(distinct.tolist()):
        klas = classifier.classify(rubrik, Decimal(u) * unit)
        pos[i], outside[i] = klas.posisi, klas.di_luar_skala
    small = pos.astype(np.int8) if len(rubrik.kategori) <= 127 else pos
    return small[inverse.reshape(units.shape)], outside[inverse.reshape(units.shape)]


def next_band(classifier: Any, rubrik: Rubrik, value: Decimal, pos: int, unit: Decimal) -> tuple[Kategori, Decimal] | None:
    """The band above position *pos* and how far *value* is from entering it, with any classifier.

    The band classifier reads it off the rubric's bounds; for any other the
    first value on the index grid (steps of *unit*) that a higher band takes
    is searched for, assuming (as every classifier must) that a larger value
    never falls in a lower band.
    """
    if isinstance(classifier, BandClassifier):
        return classifier.next_band(rubrik, value, pos, unit)
    if pos + 1 >= len(rubrik.kategori):
        return None

    def higher(k: int) -> int | None:
        try:
            klas = classifier.classify(rubrik, CONTEXT.add(value, CONTEXT.multiply(Decimal(k), unit)))
        except ValidationError:  # beyond the number policy: no higher band there
            return None
        return klas.posisi if klas.posisi > pos else None

    lo, hi = 0, 1
    while higher(hi) is None:
        lo, hi = hi, hi * 2
        if hi > 2**53:
            return None
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if higher(mid) is None:
            lo = mid
        else:
            hi = mid
    found = higher(hi)
    assert found is not None
    return rubrik.kategori[found], CONTEXT.multiply(Decimal(hi), unit)
