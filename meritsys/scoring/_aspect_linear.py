"""``AspectLinear``: a strategy whose index is a weighted sum of the aspects' fulfilment.

The shape most what-if strategies take ("every aspect weighs the same", "aspect
3 counts double"): a subclass says how much each aspect weighs
(:meth:`AspectLinear.aspect_weights`) and gets, exactly and on both paths,

* regime A (weights on indicators): ``indeks = sum(c_a x capaian_a)``, where an
  aspect's fulfilment is its points over its applicable maximum, rounded
  half-up to the rubric's decimals, or else to the weights' common step;
* regime B (weights on aspects): ``indeks = bobot_maturitas x sum(c_a x
  maturitas_a) + bobot_survei x survei + koreksi``, rounded half-up to the
  rubric's decimals (2 by default) -- with ``c_a`` the aspect weights this is
  the regulation's NISM, which is how :class:`~meritsys.MaturityIndex` is built;

with explained results, a batch path equal to the single one, and the
:class:`~meritsys.scoring.LinearStrategy` methods the planner and the
sensitivity analysis need.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._numbers import exact, exact_decimal, plain
from meritsys.errors import IncompatibleStrategyError
from meritsys.model import (
    Hasil,
    HasilAspek,
    KebijakanKosong,
    KebijakanTidakBerlaku,
    Kontribusi,
    LetakBobot,
    Penilaian,
    Rubrik,
    Saran,
    rubrik_ref,
)
from meritsys.model._rubrik_rules import index_places, weight_grid
from meritsys.scoring._aspect_plan import plan_for, round_units
from meritsys.scoring._aspects import aspect_fulfilment, aspect_fulfilment_matrix
from meritsys.scoring._classifier import BandClassifier, classify_index, classify_units
from meritsys.scoring._explain import band_labels, build_hasil
from meritsys.scoring._protocols import Classifier, LinearModel, WeightModel
from meritsys.scoring._resolution import Resolved, resolve

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from meritsys.scoring._kohort import Kohort
    from meritsys.scoring._skor import SkorBatch

__all__ = ["AspectLinear"]


@attrs.frozen(cache_hash=True)
class _Setup:
    """What a rubric fixes for one strategy: aspect weights, composition, resolution."""

    __repr__ = fields_repr

    c: tuple[Fraction, ...]
    regime_b: bool
    c_m: Fraction
    c_s: Fraction
    places: int | None
    unit: Fraction


@attrs.frozen
class AspectLinear:
    """Index = a weighted sum of the aspects' fulfilment (subclass and give the weights).

    Args:
        hanya_maturitas: Regime B: leave the survey out and report the
            maturity component alone (flagged); without it a missing survey
            score is an error.
        kebijakan_kosong: Missing-answer policy overriding the rubric's.
        classifier: The classifier for the index (and, in regime B, each
            aspect's maturity level).

    Examples:
        A strategy in which every aspect weighs the same:

        >>> import meritsys
        >>> from fractions import Fraction
        >>> class Setara(AspectLinear):
        ...     @property
        ...     def name(self):
        ...         return "equal-aspects"
        ...     def aspect_weights(self, rubrik):
        ...         top = rubrik.skala.maksimum.nilai if rubrik.komposisi is None else 1
        ...         return [Fraction(top) / len(rubrik.aspek)] * len(rubrik.aspek)
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> p = meritsys.Penilaian(meritsys.Instansi("kota-contoh", "Kota Contoh", "kota"), 2023, kasn.id,
        ...                        {i.kode: 3 for i in kasn.indikator})
        >>> Setara().score(kasn, p).indeks
        Decimal('300')
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    hanya_maturitas: bool = False
    kebijakan_kosong: KebijakanKosong | None = None
    classifier: Classifier = attrs.field(factory=BandClassifier)

    @property
    def name(self) -> str:
        """The strategy's name (a subclass gives it)."""
        raise NotImplementedError

    def aspect_weights(self, rubrik: Rubrik) -> Sequence[Fraction | Decimal | int]:
        """How much each aspect's fulfilment (0..1) weighs in the index, in rubric order (a subclass gives them)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ shared

    def _setup(self, rubrik: Rubrik) -> _Setup:
        c = tuple(Fraction(w) for w in self.aspect_weights(rubrik))
        if len(c) != len(rubrik.aspek):
            raise IncompatibleStrategyError(f"strategy {self.name!r} gave {len(c)} aspect weights for the {len(rubrik.aspek)} aspects of rubrik {rubrik.id}")
        regime_b = rubrik.letak_bobot is LetakBobot.ASPEK
        if regime_b:
            komp = rubrik.komposisi
            assert komp is not None  # guaranteed by Rubrik validation for aspect weights
            c_m, c_s = (Fraction(1), Fraction(0)) if self.hanya_maturitas else (Fraction(komp.bobot_maturitas.nilai), Fraction(komp.bobot_survei.nilai))
        else:
            c_m, c_s = Fraction(1), Fraction(0)
        places = index_places(rubrik)
        unit = Fraction(1, 10**places) if places is not None else weight_grid(rubrik)
        return _Setup(c, regime_b, c_m, c_s, places, unit)

    @staticmethod
    def _need_survey(st: _Setup) -> bool:
        """Whether the index weighs the survey: regime B unless maturity-only; never where the rubric gives it no weight (JPT)."""
        return st.regime_b and st.c_s != 0

    def _resolve(self, rubrik: Rubrik, penilaian: Penilaian, st: _Setup) -> Resolved:
        return resolve(rubrik, penilaian, self.kebijakan_kosong, need_survey=self._need_survey(st))

    def _extra(self, st: _Setup, survei: Decimal | None, koreksi: Decimal | None) -> Fraction:
        """The part of a regime B index outside the aspects: survey and correction."""
        if not st.regime_b:
            return Fraction(0)
        return st.c_s * Fraction(survei or 0) + Fraction(koreksi or 0)

    @staticmethod
    def _shares(rubrik: Rubrik, levels: tuple[int | None, ...], st: _Setup) -> list[tuple[list[tuple[int, Fraction]], Fraction]]:
        """Per aspect: each indicator's share of the aspect's fulfilment per level unit, and the aspect's denominator.

        Regime A: an indicator's weight over the aspect's applicable maximum;
        regime B: one over (counted answers x the indicator's highest level).
        """
        out = []
        pos = 0
        na = rubrik.komposisi.tidak_berlaku if rubrik.komposisi is not None else KebijakanTidakBerlaku.KELUARKAN
        for asp in rubrik.aspek:
            cols = list(range(pos, pos + len(asp.indikator)))
            pos += len(asp.indikator)
            if not st.regime_b:
                den = sum((Fraction(asp.indikator[c - cols[0]].bobot.nilai) * asp.indikator[c - cols[0]].level_maks  # type: ignore[union-attr]
                           for c in cols if levels[c] is not None), Fraction(0))
                per = [(c, Fraction(rubrik.indikator[c].bobot.nilai) / den if den else Fraction(0)) for c in cols]  # type: ignore[union-attr]
            else:
                n = sum(1 for c in cols if levels[c] is not None or na is not KebijakanTidakBerlaku.KELUARKAN)
                per = [(c, Fraction(1, n * rubrik.indikator[c].level_maks) if n else Fraction(0)) for c in cols]
                den = Fraction(n)
            out.append((per, den))
        return out

    # ------------------------------------------------------------------ single path

    @exact
    def score(self, rubrik: Rubrik, penilaian: Penilaian) -> Hasil:
        """Score one assessment exactly.

        The parts that depend only on the rubric, the strategy and which
        indicators apply are prepared once (:mod:`meritsys.scoring._aspect_plan`);
        a score adds whole numbers and rounds them as the exact fractions would.
        """
        st = self._setup(rubrik)
        res = self._resolve(rubrik, penilaian, st)
        plan = plan_for(rubrik, st, res.level)
        level_of, filled = res.level, res.diisi
        classify = None
        shared = True  # aspect results depend on the rubric alone (and, in regime B, the band classifier)
        if st.regime_b:
            shared = type(self.classifier) is BandClassifier
            classify = (lambda m: band_labels(rubrik)[classify_index(self.classifier, rubrik, m).posisi]) if shared else (lambda m: self.classifier.classify(rubrik, m).ringkas)
        aspek: list[HasilAspek] = []
        kontribusi: list[Kontribusi] = []
        saran: list[Saran] = []
        total = 0
        for a, rows in enumerate(plan.aspects):
            num = plan.base[a]
            for row in rows:
                pos = row[0]
                level = level_of[pos]
                if level is None:
                    kontribusi.append(attrs.evolve(row[2], diisi_kebijakan=True) if pos in filled else row[2])
                    continue
                units, k, step = row[1].get(level) or plan.step(a, row, level)
                num += units
                kontribusi.append(attrs.evolve(k, diisi_kebijakan=True) if filled and pos in filled else k)
                if step is not None:
                    saran.append(step)
            total += plan.coef[a] * num
            aspek.append(plan.aspect(a, num, classify, shared))
        # index / unit = (total / q + extra) / unit, rounded half-up in integers
        extra = self._extra(st, penilaian.survei, penilaian.koreksi)
        u = st.unit
        units_index = round_units((total * extra.denominator + extra.numerator * plan.q) * u.denominator, plan.q * extra.denominator * u.numerator)
        unit = exact_decimal(u)
        indeks = Decimal(units_index) * unit
        indeks = plain(indeks) if st.places is None else indeks.quantize(unit)
        klas = classify_index(self.classifier, rubrik, indeks)
        peringatan = [*res.peringatan, *self.notes(rubrik, penilaian)]
        return build_hasil(
            strategi=self.name, rubrik=rubrik, penilaian=penilaian, indeks=indeks, klas=klas,
            classifier=self.classifier, unit=unit, aspek=aspek, kontribusi=kontribusi, saran=saran, peringatan=peringatan,
            survei=penilaian.survei if self._need_survey(st) else None,
            koreksi=penilaian.koreksi if st.regime_b else None,
            hanya_maturitas=self.hanya_maturitas and st.regime_b,
        )

    def notes(self, rubrik: Rubrik, penilaian: Penilaian) -> list[str]:
        """Warnings every result of this strategy carries (a subclass may add its own)."""
        if rubrik.letak_bobot is LetakBobot.ASPEK:
            if self.hanya_maturitas:
                return ["maturity-only index: the employee survey is left out (asked for explicitly)"]
            komp = rubrik.komposisi
            if komp is not None and not komp.pakai_survei and penilaian.survei is not None:
                return [f"survei {penilaian.survei} is not used: rubrik {rubrik.id} gives the survey no weight (bobot_survei = 0)"]
            return []
        notes = []
        if penilaian.survei is not None:
            notes.append(f"survei {penilaian.survei} is not used by {self.name} on a rubric that weighs indicators (a regime B input)")
        if penilaian.koreksi != 0:
            notes.append(f"koreksi {penilaian.koreksi} is not used by {self.name} on a rubric that weighs indicators (a regime B input)")
        return notes

    def linear_model(self, rubrik: Rubrik, penilaian: Penilaian) -> LinearModel:
        """The index of *penilaian* as its unrounded value plus the gain of one step of each applicable indicator."""
        st = self._setup(rubrik)
        res = self._resolve(rubrik, penilaian, st)
        fulfil = aspect_fulfilment(rubrik, res.level)
        raw = st.c_m * sum((c * f for c, f in zip(st.c, fulfil, strict=True)), Fraction(0)) + self._extra(st, penilaian.survei, penilaian.koreksi)
        gain = {
            pos: st.c_m * c * share
            for c, (per, _den) in zip(st.c, self._shares(rubrik, res.level, st), strict=True)
            for pos, share in per
            if res.level[pos] is not None
        }
        return LinearModel(raw, res.level, gain, st.places, exact_decimal(st.unit))

    # ------------------------------------------------------------------ batch path

    def _fulfilment(self, rubrik: Rubrik, kohort: Kohort, st: _Setup) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
        levels = kohort.levels(rubrik, self.kebijakan_kosong, need_survey=self._need_survey(st))
        return aspect_fulfilment_matrix(rubrik, levels)

    def _extras(self, kohort: Kohort, st: _Setup) -> list[Fraction]:
        if not st.regime_b:
            return [Fraction(0)] * len(kohort)
        seen: dict[tuple[Decimal | None, Decimal], Fraction] = {}  # rows repeat a few values
        out = []
        for s, k in zip(kohort.survei, kohort.koreksi, strict=True):
            v = seen.get((s, k))
            if v is None:
                v = seen[(s, k)] = self._extra(st, s, k)
            out.append(v)
        return out

    @exact
    def score_batch(self, rubrik: Rubrik, kohort: Kohort) -> SkorBatch:
        """Score every row exactly, in integers over a common denominator: the values :meth:`score` gives."""
        import numpy as np

        from meritsys.scoring._skor import SkorBatch

        st = self._setup(rubrik)
        num, den = self._fulfilment(rubrik, kohort, st)
        extra = self._extras(kohort, st)
        n_aspek = num.shape[1]
        # aspect a of row n is num / den; each column's denominators share an lcm L_a
        lcm_a = [math.lcm(1, *map(int, np.unique(den[:, a]).tolist())) for a in range(n_aspek)]
        coef = [st.c_m * c for c in st.c]
        total = math.lcm(1, *(cf.denominator * la for cf, la in zip(coef, lcm_a, strict=True)), *(e.denominator for e in extra))
        per = [cf.numerator * (total // (cf.denominator * la)) for cf, la in zip(coef, lcm_a, strict=True)]
        e_int = [int(e * total) for e in extra]
        # index / unit = raw * u_den / u_num; raw * total = sum_a num_a * (L_a / den_a) * per_a + e * total
        u = st.unit
        biggest = max(lcm_a, default=1) * (sum(abs(p) for p in per) + 1) + max(map(abs, e_int), default=0)
        wide = num.dtype == object or max(biggest * 4 * u.denominator, 4 * total * u.numerator) >= 2**62
        dtype: Any = object if wide else np.int64
        acc = np.asarray(e_int, dtype=dtype)
        for a in range(n_aspek):
            scale = np.asarray(lcm_a[a], dtype=dtype) // den[:, a].astype(dtype)
            acc = acc + num[:, a].astype(dtype) * scale * per[a]
        units = _round_half_up_units(acc * u.denominator, total * u.numerator)
        unit = exact_decimal(u)
        pos, outside = classify_units(self.classifier, rubrik, units, unit)
        return SkorBatch(rubrik_ref(rubrik), self.name, unit, units, pos, outside, band_labels(rubrik), st.places)

    def weight_model(self, rubrik: Rubrik, kohort: Kohort) -> WeightModel:
        """The indices of a cohort as ``koefisien x sum_a c_a x capaian_a + tetap`` (exact terms)."""
        import numpy as np

        st = self._setup(rubrik)
        num, den = self._fulfilment(rubrik, kohort, st)
        top = math.lcm(1, *map(int, np.unique(den).tolist()))
        terms = (num.astype(object) * (top // den.astype(object))) if num.dtype == object else num * (top // den)
        extra = self._extras(kohort, st) if st.regime_b else None
        return WeightModel(
            kode=tuple(a.kode for a in rubrik.aspek),
            bobot=st.c,
            jumlah=sum(st.c, Fraction(0)),
            tingkat=np.ascontiguousarray(np.asarray(terms, dtype=np.float64).T),
            penyebut=top,
            koefisien=st.c_m,
            tetap=None if extra is None else tuple(extra),
            places=st.places,
        )


def _terminates(value: Fraction) -> bool:
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def _round_half_up_units(num: npt.NDArray[Any], den: int) -> npt.NDArray[np.int64]:
    """``num / den`` rounded half-up (ties away from zero) to whole units."""
    import numpy as np

    mag = (np.abs(num) * 2 + den) // (2 * den)
    return np.asarray(np.where(num < 0, -mag, mag), dtype=np.int64)
