"""``GeometricMean``: a non-compensatory what-if aggregation across aspects.

Under the regulation's sums, strength in one aspect makes up for weakness in
another.  An analyst asking "what if a weak aspect could not be bought back?"
aggregates aspects with the *weighted geometric mean* of their fulfilment
instead: one aspect at zero sinks the whole index, and uneven profiles score
lower than even ones with the same sum.  This is an analysis tool, not a rule
in force.

- Regime A: ``indeks = skala.maksimum x prod(capaian_a ** w_a)`` with
  ``w_a = maksimum_a / sum(maksimum)``, rounded half-up to the rubric's
  resolution (0.5 in ``kasn-2019``).  Uniform answers give what
  :class:`~meritsys.scoring._weighted_sum.WeightedSum` gives.
- A rubric that weighs aspects (regime B, the JPT index): the aspect
  fulfilments' weighted geometric mean, times the sum of the aspect weights,
  replaces their weighted sum inside the composition; survey, correction and
  rounding are as in :class:`~meritsys.scoring._maturity.MaturityIndex`.

A result's ``kontribusi`` carries each indicator's level in ``nilai``: under a
geometric mean the index is not a sum of per-indicator parts; ``saran`` gives
each indicator's exact gain instead.

The single path computes in 50-digit decimals; the batch path in floats and
re-computes exactly any row that lands within a hair of a rounding tie, so both
give the same values.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import attrs
import numpy as np

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._numbers import exact, exact_decimal, fraction_to_decimal, plain, round_half_up
from meritsys.errors import IncompatibleStrategyError
from meritsys.model import (
    Hasil,
    HasilAspek,
    KebijakanKosong,
    Kontribusi,
    LetakBobot,
    Penilaian,
    Rubrik,
    Saran,
    rubrik_ref,
)
from meritsys.scoring._aspects import (
    aspect_fulfilment,
    aspect_fulfilment_matrix,
    aspect_scale,
    aspect_weights,
)
from meritsys.scoring._classifier import BandClassifier, classify_units
from meritsys.scoring._explain import band_labels, build_hasil
from meritsys.scoring._kohort import Kohort
from meritsys.scoring._protocols import Classifier
from meritsys.scoring._resolution import resolve
from meritsys.scoring._skor import SkorBatch
from meritsys.scoring._weighted_sum import weight_unit

__all__ = ["GeometricMean"]

_CTX = decimal.Context(prec=50, rounding=decimal.ROUND_HALF_EVEN)
_SNAP = Decimal("1e-30")


def _geometric(fulfilment: Sequence[Fraction], weights: Sequence[Fraction]) -> Decimal:
    """``prod(c ** w)`` in 50-digit decimals, snapped to 30 places so exact ties stay ties."""
    if any(c == 0 for c, w in zip(fulfilment, weights, strict=True) if w):
        return Decimal(0)
    log = sum(
        (_CTX.multiply(_CTX.divide(Decimal(w.numerator), Decimal(w.denominator)),
                       _CTX.ln(_CTX.divide(Decimal(c.numerator), Decimal(c.denominator))))
         for c, w in zip(fulfilment, weights, strict=True) if w),
        Decimal(0),
    )
    return _CTX.quantize(_CTX.exp(log), _SNAP)


@attrs.frozen
class GeometricMean:
    """Aggregate aspects by their weighted geometric mean (what-if, non-compensatory).

    Args:
        hanya_maturitas: Regime B: leave the survey out (flagged), as in ``MaturityIndex``.
        kebijakan_kosong: Missing-answer policy overriding the rubric's.
        classifier: The classifier that assigns the category.

    Examples:
        >>> import meritsys
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> even = {i.kode: 3 for i in kasn.indikator}
        >>> uneven = {**even, **{i.kode: 1 for i in kasn.aspek[7].indikator}}
        >>> ins = meritsys.Instansi("kota-contoh", "Kota Contoh", "kota")
        >>> [GeometricMean().score(kasn, meritsys.Penilaian(ins, 2023, kasn.id, j)).indeks
        ...  for j in (even, uneven)]
        [Decimal('300'), Decimal('284')]
        >>> meritsys.WeightedSum().score(kasn, meritsys.Penilaian(ins, 2023, kasn.id, uneven)).indeks
        Decimal('290')
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    hanya_maturitas: bool = False
    kebijakan_kosong: KebijakanKosong | None = None
    classifier: Classifier = attrs.field(factory=BandClassifier)

    @property
    def name(self) -> str:
        """``"geometric-mean"``."""
        return "geometric-mean"

    def _resolution(self, rubrik: Rubrik) -> tuple[Decimal, int | None]:
        if rubrik.letak_bobot is LetakBobot.INDIKATOR:
            if rubrik.skala.maksimum is None:
                raise IncompatibleStrategyError(f"strategy geometric-mean needs a scale maximum; rubrik {rubrik.id} declares none")
            places = rubrik.skala.desimal_int  # a rubric that rounds its index rounds it here too
            return (weight_unit(rubrik), None) if places is None else (Decimal(1).scaleb(-places), places)
        places = rubrik.skala.desimal_int
        places = 2 if places is None else places
        return Decimal(1).scaleb(-places), places

    def _compose(self, rubrik: Rubrik) -> tuple[Fraction, Fraction]:
        komp = rubrik.komposisi
        if rubrik.letak_bobot is LetakBobot.INDIKATOR or komp is None:
            return Fraction(1), Fraction(0)
        if self.hanya_maturitas:
            return Fraction(1), Fraction(0)
        return Fraction(komp.bobot_maturitas.nilai), Fraction(komp.bobot_survei.nilai)

    def _units(self, rubrik: Rubrik, fulfilment: Sequence[Fraction], survei: Decimal | None, koreksi: Decimal) -> int:
        unit, _ = self._resolution(rubrik)
        g = Fraction(_geometric(fulfilment, aspect_weights(rubrik)))
        if rubrik.letak_bobot is LetakBobot.INDIKATOR:
            assert rubrik.skala.maksimum is not None  # checked in _resolution
            raw = Fraction(rubrik.skala.maksimum.nilai) * g
        else:
            c_m, c_s = self._compose(rubrik)
            raw = c_m * aspect_scale(rubrik) * g + c_s * Fraction(survei or 0) + Fraction(koreksi)
        return int(round_half_up(raw / Fraction(unit), 0))

    def _need_survey(self, rubrik: Rubrik) -> bool:
        return rubrik.letak_bobot is LetakBobot.ASPEK and not self.hanya_maturitas and rubrik.komposisi is not None and rubrik.komposisi.pakai_survei

    @exact
    def score(self, rubrik: Rubrik, penilaian: Penilaian) -> Hasil:
        """Score one assessment (50-digit decimal arithmetic)."""
        unit, places = self._resolution(rubrik)
        regime_b = rubrik.letak_bobot is LetakBobot.ASPEK
        res = resolve(rubrik, penilaian, self.kebijakan_kosong, need_survey=self._need_survey(rubrik))
        fulfilment = aspect_fulfilment(rubrik, res.level)
        units = self._units(rubrik, fulfilment, penilaian.survei, penilaian.koreksi)
        indeks = Decimal(units) * unit
        indeks = plain(indeks) if places is None else indeks.quantize(unit)
        klas = self.classifier.classify(rubrik, indeks)
        aspek = []
        scale = aspect_scale(rubrik) if regime_b else Fraction(1)  # an aspect's value on the index scale
        for asp, c in zip(rubrik.aspek, fulfilment, strict=True):
            c_dec = fraction_to_decimal(c, 4)
            v_dec = c_dec if scale == 1 else fraction_to_decimal(c * scale, 4)
            kat = self.classifier.classify(rubrik, v_dec).ringkas if regime_b else None
            aspek.append(HasilAspek(asp.kode, asp.nama, v_dec, plain(exact_decimal(scale)), c_dec, kat))
        kontribusi = []
        saran = []
        col_aspek = rubrik.aspek_indikator
        for pos, ind in enumerate(rubrik.indikator):
            level = res.level[pos]
            kontribusi.append(
                Kontribusi(ind.kode, rubrik.aspek[col_aspek[pos]].kode, level, Decimal(0) if level is None else Decimal(level),
                           berlaku=level is not None, diisi_kebijakan=pos in res.diisi)
            )
            if level is not None and level < ind.level_maks:
                raised = list(res.level)
                raised[pos] = level + 1
                gain = self._units(rubrik, aspect_fulfilment(rubrik, tuple(raised)), penilaian.survei, penilaian.koreksi) - units
                saran.append(Saran(ind.kode, level, level + 1, plain(Decimal(gain) * unit)))
        peringatan = [*res.peringatan, "what-if strategy geometric-mean: aspects aggregated by their weighted geometric mean, not as the regulation sums them"]
        return build_hasil(
            strategi=self.name, rubrik=rubrik, penilaian=penilaian, indeks=indeks, klas=klas,
            classifier=self.classifier, unit=unit, aspek=aspek, kontribusi=kontribusi,
            saran=saran, peringatan=peringatan,
            survei=penilaian.survei if self._need_survey(rubrik) else None,
            koreksi=penilaian.koreksi if regime_b else None,
            hanya_maturitas=self.hanya_maturitas and regime_b,
        )

    @exact
    def score_batch(self, rubrik: Rubrik, kohort: Kohort) -> SkorBatch:
        """Score every row of a cohort (floats, with exact re-computation near rounding ties)."""
        unit, places = self._resolution(rubrik)
        levels = kohort.levels(rubrik, self.kebijakan_kosong, need_survey=self._need_survey(rubrik))
        survei = list(kohort.survei)
        koreksi = list(kohort.koreksi)
        num, den = aspect_fulfilment_matrix(rubrik, levels)
        weights = np.asarray([float(w) for w in aspect_weights(rubrik)])
        c = num.astype(np.float64) / den.astype(np.float64)
        with np.errstate(divide="ignore"):
            logs = np.where(c > 0, np.log(np.where(c > 0, c, 1.0)), -np.inf)
        g = np.exp(np.where(weights > 0, logs, 0.0) @ weights)
        if rubrik.letak_bobot is LetakBobot.INDIKATOR:
            assert rubrik.skala.maksimum is not None
            raw = float(rubrik.skala.maksimum.nilai) * g
        else:
            c_m, c_s = self._compose(rubrik)
            raw = float(c_m * aspect_scale(rubrik)) * g + float(c_s) * np.asarray([float(s or 0) for s in survei]) + np.asarray([float(k) for k in koreksi])
        scaled = raw / float(unit)
        units = np.floor(scaled + 0.5).astype(np.int64)
        frac = scaled - np.floor(scaled)
        # Float error is far below 1e-6 of a unit while the grid has fewer than 1e7
        # steps here; rows near a tie, or on a finer grid, are recomputed exactly.
        for r in np.flatnonzero((np.abs(frac - 0.5) < 1e-6) | (np.abs(scaled) >= 1e7)):
            fulfil = [Fraction(int(num[r, a]), int(den[r, a])) for a in range(num.shape[1])]
            units[r] = self._units(rubrik, fulfil, survei[r], koreksi[r])
        pos, outside = classify_units(self.classifier, rubrik, units, unit)
        return SkorBatch(rubrik_ref(rubrik), self.name, unit, units, pos, outside, band_labels(rubrik), places)
