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

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._cache import per_object
from meritsys._numbers import exact, exact_decimal, round_half_up
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
from meritsys.model._frozen import underlying
from meritsys.model._rubrik_rules import weight_grid
from meritsys.scoring._classifier import BandClassifier, classify_index, classify_units
from meritsys.scoring._explain import band_labels, banding, build_hasil, hasil_ranked
from meritsys.scoring._protocols import Classifier, LinearModel, WeightModel
from meritsys.scoring._resolution import quick_evidence, quick_pattern, resolve
from meritsys.scoring._weighted_plan import Table, lay_out

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
        raise ValidationError(f"rubrik {rubrik.id} has no indicator weights", code="missing-key")
    return exact_decimal(weight_grid(rubrik))


@per_object
@exact
def _table(rubrik: Rubrik) -> Table:
    return lay_out(rubrik, _resolution(rubrik))


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

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kebijakan_kosong: KebijakanKosong | None = None
    classifier: Classifier = attrs.field(factory=BandClassifier)

    @property
    def name(self) -> str:
        """``"weighted-sum"``."""
        return "weighted-sum"

    def score(self, rubrik: Rubrik, penilaian: Penilaian) -> Hasil:
        """Score one assessment exactly.

        No decimal arithmetic happens here (whatever the caller's decimal
        context): the rubric's contributions are built once, exactly, and a
        score adds whole index units.
        """
        _require_indicator_weights(rubrik)
        quick = self._score_quick(rubrik, penilaian)
        if quick is not None:
            return quick
        res = resolve(rubrik, penilaian, self.kebijakan_kosong)
        table = _table(rubrik)
        kontribusi: list[Kontribusi] = []
        saran: list[Saran] = []
        aspek: list[HasilAspek] = []
        total = 0
        filled = res.diisi
        level_of = res.level
        known = table.hasil_aspek
        for i, (_asp, rows) in enumerate(table.aspek):
            nilai = maks = 0
            for pos, steps, top, tidak_berlaku in rows:
                level = level_of[pos]
                if level is None:
                    kontribusi.append(attrs.evolve(tidak_berlaku, diisi_kebijakan=True) if pos in filled else tidak_berlaku)
                    continue
                entry = steps[level]
                assert entry is not None  # a resolved level is one of the indicator's
                units, k, step = entry
                nilai += units
                maks += top
                kontribusi.append(attrs.evolve(k, diisi_kebijakan=True) if filled and pos in filled else k)
                if step is not None:
                    saran.append(step)
            aspek.append(known.get((i, nilai, maks)) or table.aspect(i, nilai, maks))
            total += nilai
        places = rubrik.skala.desimal_int
        indeks = table.decimal(total) if places is None else round_half_up(total * table.unit, places)
        klas = classify_index(self.classifier, rubrik, indeks)
        return build_hasil(
            strategi=self.name, rubrik=rubrik, penilaian=penilaian, indeks=indeks, klas=klas,
            classifier=self.classifier, unit=_resolution(rubrik), aspek=aspek, kontribusi=kontribusi,
            saran=saran, peringatan=(*res.peringatan, *_unused_inputs(penilaian)),
        )

    def _score_quick(self, rubrik: Rubrik, penilaian: Penilaian) -> Hasil | None:
        """:meth:`score` in one pass over the answers, for the common case (as :func:`resolve`'s quick path takes it).

        Every applicable indicator answered by its code within its levels and
        nothing else answered, gates answered by code within their options,
        evidence listed only for known codes: otherwise ``None``, and
        :meth:`score` takes the full path, which names every problem.  The
        result is the one the full path gives.
        """
        pattern = quick_pattern(rubrik, penilaian)
        if pattern is None:
            return None
        table = _table(rubrik)
        plan = table.pattern(rubrik, pattern)
        jawaban = underlying(penilaian.jawaban)
        if len(jawaban) != plan.answers:
            return None
        answer: Callable[[str | None], int | None] = jawaban.get  # type: ignore[assignment]  # None: not applicable, never a key
        kontribusi: list[Kontribusi] = []
        steps: list[Saran | None] = []
        aspek: list[HasilAspek] = []
        add, add_step = kontribusi.append, steps.append
        total = 0
        for i, (rows, known) in enumerate(zip(plan.rows, plan.aspek, strict=True)):
            nilai = 0
            for kode, entries in rows:
                entry = entries[answer(kode)]  # an indicator's entries are made as levels are met (None: missing or no such level)
                if entry is None:  # missing, or outside the indicator's levels
                    return None
                units, k, step = entry
                nilai += units
                add(k)
                add_step(step)
            aspek.append(known.get(nilai) or table.aspect_of(plan, i, nilai))
            total += nilai
        notes = quick_evidence(rubrik, penilaian)
        if notes is None:
            return None
        if type(self.classifier) is BandClassifier:
            indeks, band = table.band(rubrik, self.classifier, total)
        else:
            indeks = table.index(rubrik, total)
            band = banding(self.classifier, rubrik, indeks, table.resolution)
        saran = tuple(filter(None, map(steps.__getitem__, table.order)))  # ranked; a Saran is never false
        return hasil_ranked(
            self.name, rubrik_ref(rubrik), penilaian, indeks, band, tuple(aspek), tuple(kontribusi), saran, (*notes, *_unused_inputs(penilaian))
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
