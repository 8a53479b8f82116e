"""``WeightedSum``: the regime A index, the sum of bobot times level over all indicators.

PerKASN 9/2019 places each agency on a 100-400 scale; with the indicator
weights adding up to 100 and levels 1-4, all answers at level 1 give exactly
100 and all at level 4 exactly 400.  Weights are multiples of 0.5, so every
index is a whole number of half points (a rubric that declares
``skala.desimal`` has its index rounded half-up to those places instead); the single path computes in
:class:`~decimal.Decimal` and the batch path in integer units of the weights'
greatest common resolution, and both give the same values.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from meritsys._cache import per_object
from meritsys._numbers import exact, exact_decimal, plain, round_half_up
from meritsys.errors import IncompatibleStrategyError, ValidationError
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
from meritsys.model._rubrik_rules import weight_grid
from meritsys.scoring._classifier import BandClassifier, classify_units
from meritsys.scoring._explain import band_labels, build_hasil
from meritsys.scoring._protocols import Classifier, LinearModel, WeightModel
from meritsys.scoring._resolution import resolve

if TYPE_CHECKING:
    from meritsys.scoring._kohort import Kohort
    from meritsys.scoring._skor import SkorBatch

__all__ = ["WeightedSum", "weight_unit"]


@per_object
def weight_unit(rubrik: Rubrik) -> Decimal:
    """The largest decimal that divides every indicator weight: the index's resolution (exact).

    Examples:
        >>> from meritsys.rubrics import get_rubrik
        >>> weight_unit(get_rubrik("kasn-2019"))
        Decimal('0.5')
    """
    if not any(ind.bobot is not None for ind in rubrik.indikator):
        raise ValidationError(f"rubrik {rubrik.id} has no indicator weights")
    return exact_decimal(weight_grid(rubrik))


_ZERO = Decimal(0)
_PlanRow = tuple[int, str, dict[int, Decimal], int, Decimal]


@per_object
@exact
def _plan(rubrik: Rubrik) -> list[list[_PlanRow]]:
    """Per aspect, per indicator: position, code, contribution by level, top level, one-step gain."""
    out: list[list[_PlanRow]] = []
    pos = 0
    for asp in rubrik.aspek:
        rows: list[_PlanRow] = []
        for ind in asp.indikator:
            bobot = ind.bobot.nilai if ind.bobot is not None else Decimal(0)
            by_level = {lv.nilai: plain(bobot * lv.nilai) for lv in ind.level}
            rows.append((pos, ind.kode, by_level, ind.level_maks, plain(bobot)))
            pos += 1
        out.append(rows)
    return out


@per_object
def _weights_in_units(rubrik: Rubrik) -> tuple[list[int], list[int]]:
    unit = weight_grid(rubrik)
    weights = [int(Fraction(ind.bobot.nilai) / unit) if ind.bobot is not None else 0 for ind in rubrik.indikator]
    return weights, [ind.level_maks for ind in rubrik.indikator]


def _resolution(rubrik: Rubrik) -> Decimal:
    places = rubrik.skala.desimal_int
    return weight_unit(rubrik) if places is None else Decimal(1).scaleb(-places)


def _unused_inputs(penilaian: Penilaian) -> list[str]:
    """Warnings for regime B inputs that a weighted sum does not use: nothing is dropped silently."""
    notes = []
    if penilaian.survei is not None:
        notes.append(f"survei {penilaian.survei} is not used by the weighted sum (a regime B input)")
    if penilaian.koreksi != 0:
        notes.append(f"koreksi {penilaian.koreksi} is not used by the weighted sum (a regime B input)")
    return notes


def _ratio(nilai: Decimal, maks: Decimal) -> Decimal:
    """Fulfilment ``nilai / maks`` to at most 4 decimals (half-up), without trailing zeros."""
    if not maks:
        return Decimal(0)
    return plain(round_half_up(Fraction(nilai) / Fraction(maks), 4))


def _require_indicator_weights(rubrik: Rubrik) -> None:
    if rubrik.letak_bobot is not LetakBobot.INDIKATOR:
        raise IncompatibleStrategyError(
            f"strategy weighted-sum needs indicator weights; rubrik {rubrik.id} weighs aspects (use its strategy {rubrik.strategi!r})"
        )


@attrs.frozen
class WeightedSum:
    """Index = sum of ``bobot x level`` over the applicable indicators (regime A).

    Args:
        kebijakan_kosong: Missing-answer policy overriding the rubric's.
        classifier: The classifier that assigns the category.

    Examples:
        >>> from meritsys.rubrics import get_rubrik
        >>> from meritsys.model import Instansi, Penilaian
        >>> kasn = get_rubrik("kasn-2019")
        >>> p = Penilaian(Instansi("kab-sukamaju", "Kabupaten Sukamaju", "kabupaten"), 2023,
        ...               "kasn-2019", {ind.kode: 3 for ind in kasn.indikator})
        >>> hasil = WeightedSum().score(kasn, p)
        >>> hasil.indeks, hasil.kategori.label, hasil.ke_kategori_berikut.kurang
        (Decimal('300'), 'Baik', Decimal('25'))
    """

    kebijakan_kosong: KebijakanKosong | None = None
    classifier: Classifier = attrs.field(factory=BandClassifier)

    @property
    def name(self) -> str:
        """``"weighted-sum"``."""
        return "weighted-sum"

    @exact
    def score(self, rubrik: Rubrik, penilaian: Penilaian) -> Hasil:
        """Score one assessment exactly."""
        _require_indicator_weights(rubrik)
        res = resolve(rubrik, penilaian, self.kebijakan_kosong)
        kontribusi: list[Kontribusi] = []
        saran: list[Saran] = []
        aspek: list[HasilAspek] = []
        total = Decimal(0)
        filled = res.diisi
        for asp, rows in zip(rubrik.aspek, _plan(rubrik), strict=True):
            nilai = Decimal(0)
            maks = Decimal(0)
            for pos, kode, by_level, top, gain in rows:
                level = res.level[pos]
                if level is None:
                    kontribusi.append(Kontribusi(kode, asp.kode, None, _ZERO, False, pos in filled))
                    continue
                c = by_level[level]
                nilai += c
                maks += by_level[top]
                kontribusi.append(Kontribusi(kode, asp.kode, level, c, True, pos in filled))
                if level < top:
                    saran.append(Saran(kode, level, level + 1, gain))
            aspek.append(HasilAspek(asp.kode, asp.nama, plain(nilai), plain(maks), _ratio(nilai, maks)))
            total += nilai
        places = rubrik.skala.desimal_int
        total = plain(total) if places is None else round_half_up(total, places)
        klas = self.classifier.classify(rubrik, total)
        return build_hasil(
            strategi=self.name, rubrik=rubrik, penilaian=penilaian, indeks=total, klas=klas,
            classifier=self.classifier, unit=_resolution(rubrik), aspek=aspek, kontribusi=kontribusi,
            saran=saran, peringatan=(*res.peringatan, *_unused_inputs(penilaian)),
        )

    @exact
    def score_batch(self, rubrik: Rubrik, kohort: Kohort) -> SkorBatch:
        """Score every row of a cohort; exactly the values :meth:`score` gives."""
        from meritsys.scoring._kernels import weighted_sum_units
        from meritsys.scoring._skor import SkorBatch, round_units

        _require_indicator_weights(rubrik)
        levels = kohort.levels(rubrik, self.kebijakan_kosong)
        unit = weight_unit(rubrik)
        w, tops = _weights_in_units(rubrik)
        units = weighted_sum_units(levels, w, has_negative=kohort.negative_columns(levels), tops=tops)
        places = rubrik.skala.desimal_int
        if places is not None:
            units, unit = round_units(units, unit, places)
        pos, outside = classify_units(self.classifier, rubrik, units, unit)
        return SkorBatch(rubrik_ref(rubrik), self.name, unit, units, pos, outside, band_labels(rubrik), places)

    def linear_model(self, rubrik: Rubrik, penilaian: Penilaian) -> LinearModel:
        """The index as the sum of ``bobot x level``: one step of an indicator adds its weight."""
        _require_indicator_weights(rubrik)
        res = resolve(rubrik, penilaian, self.kebijakan_kosong)
        weights = [Fraction(ind.bobot.nilai) if ind.bobot is not None else Fraction(0) for ind in rubrik.indikator]
        gain = {pos: w for pos, (w, level) in enumerate(zip(weights, res.level, strict=True)) if level is not None}
        awal = sum((w * level for w, level in zip(weights, res.level, strict=True) if level is not None), Fraction(0))
        return LinearModel(awal, res.level, gain, rubrik.skala.desimal_int, _resolution(rubrik))

    def weight_model(self, rubrik: Rubrik, kohort: Kohort) -> WeightModel:
        """The indices as ``sum_i bobot_i x level_i``: the indicator weights times the counted levels."""
        import numpy as np

        _require_indicator_weights(rubrik)
        levels = kohort.levels(rubrik, self.kebijakan_kosong)
        counted = np.where(levels < 0, 0, levels).astype(np.float64)
        weights = tuple(Fraction(ind.bobot.nilai) if ind.bobot is not None else Fraction(0) for ind in rubrik.indikator)
        return WeightModel(
            kode=tuple(ind.kode for ind in rubrik.indikator),
            bobot=weights,
            jumlah=Fraction(rubrik.jumlah_bobot.nilai),
            tingkat=np.ascontiguousarray(counted.T),
            penyebut=1,
            koefisien=Fraction(1),
            tetap=None,
            places=rubrik.skala.desimal_int,
            maks_tingkat=Fraction(max(ind.level_maks for ind in rubrik.indikator)),
        )
