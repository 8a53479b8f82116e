"""``WeakestAspectCap``: a what-if gate that caps the category by the weakest aspect.

Some policy proposals say an agency should not be rated "Sangat Baik" while
one of its aspects is still "Kurang".  This strategy scores with another
strategy (by default the rubric's own), then caps the *category* at the band
of the weakest aspect (plus ``selisih`` bands of slack).  The index itself is
unchanged; a capped result says so in its warnings and its suggestions point
at the aspects that hold it down.

An aspect's band is found by placing its fulfilment on the index scale:
``capaian x skala.maksimum`` in regime A (an aspect at 60 % sits where 240
points would), ``capaian x`` the sum of the aspect weights in a rubric that
weighs aspects (its maturity in regime B; 60 of 100 for a JPT dimension at 60 %).
"""

from __future__ import annotations

import math
from fractions import Fraction

import attrs
import numpy as np

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._numbers import round_half_up
from meritsys.errors import IncompatibleStrategyError
from meritsys.model import Hasil, KategoriHasil, KebijakanKosong, LetakBobot, Penilaian, Rubrik
from meritsys.model._validate import at_field
from meritsys.scoring._aspects import aspect_fulfilment, aspect_fulfilment_matrix, aspect_scale
from meritsys.scoring._classifier import BandClassifier, _cuts
from meritsys.scoring._kohort import Kohort
from meritsys.scoring._protocols import Classifier, ScoringStrategy
from meritsys.scoring._resolution import resolve
from meritsys.scoring._skor import SkorBatch

__all__ = ["WeakestAspectCap"]


def _scale(rubrik: Rubrik) -> Fraction:
    if rubrik.letak_bobot is LetakBobot.INDIKATOR:
        if rubrik.skala.maksimum is None:
            raise IncompatibleStrategyError(f"strategy weakest-aspect-cap needs a scale maximum; rubrik {rubrik.id} declares none")
        return Fraction(rubrik.skala.maksimum.nilai)
    return aspect_scale(rubrik)


@attrs.frozen
class WeakestAspectCap:
    """Cap the category at the weakest aspect's band (plus *selisih* bands).

    Args:
        dasar: The strategy that computes the index; ``None`` for the rubric's own.
        selisih: How many bands above the weakest aspect's band the result may sit.

    Examples:
        >>> import meritsys
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> j = {i.kode: 4 for i in kasn.indikator}
        >>> j.update({i.kode: 2 for i in kasn.aspek[1].indikator})   # Pengadaan at 50 %
        >>> p = meritsys.Penilaian(meritsys.Instansi("kota-contoh", "Kota Contoh", "kota"), 2023, kasn.id, j)
        >>> h = WeakestAspectCap().score(kasn, p)
        >>> h.indeks, h.kategori.label, meritsys.score(p).kategori.label
        (Decimal('380'), 'Kurang', 'Sangat Baik')
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    dasar: ScoringStrategy | None = None
    selisih: int = attrs.field(default=0, validator=at_field(attrs.validators.ge(0)))
    classifier: Classifier = attrs.field(factory=BandClassifier)

    @property
    def name(self) -> str:
        """``"weakest-aspect-cap"``."""
        return "weakest-aspect-cap"

    def _base(self, rubrik: Rubrik) -> ScoringStrategy:
        if self.dasar is not None:
            return self.dasar
        # imported here: the registry lists this strategy among its built-ins
        from meritsys.scoring._registry import get_strategy

        return get_strategy(rubrik.strategi)

    def _policy(self) -> KebijakanKosong | None:
        """The base strategy's missing-answer policy, so the cap reads answers as it does."""
        policy = getattr(self.dasar, "kebijakan_kosong", None)
        return policy if isinstance(policy, KebijakanKosong) else None

    @staticmethod
    def _aspect_band(rubrik: Rubrik, value: Fraction) -> int:
        """The band an aspect value (on the index scale) falls in, exactly, by the rubric's bands."""
        places = rubrik.skala.desimal_int
        v = Fraction(round_half_up(value, places)) if places is not None else value
        cuts, lower = _cuts(rubrik)
        return sum(1 for c in cuts if (v >= c if lower else v > c))

    def score(self, rubrik: Rubrik, penilaian: Penilaian) -> Hasil:
        """Score with the base strategy, then cap the category."""
        scale = _scale(rubrik)  # the pairing first: it does not depend on the answers
        base = self._base(rubrik).score(rubrik, penilaian)
        res = resolve(rubrik, penilaian, self._policy())
        fulfil = aspect_fulfilment(rubrik, res.level)
        bands = [self._aspect_band(rubrik, c * scale) for c in fulfil]
        cap = min(min(bands) + self.selisih, len(rubrik.kategori) - 1)
        pos = next(i for i, k in enumerate(rubrik.kategori) if k.kode == base.kategori.kode)
        if pos <= cap:
            return attrs.evolve(base, strategi=f"{self.name}({base.strategi})")
        kat = rubrik.kategori[cap]
        holders = {rubrik.aspek[a].kode for a, b in enumerate(bands) if b + self.selisih <= cap}
        names = ", ".join(f"{rubrik.aspek[a].kode} {rubrik.aspek[a].nama}" for a, b in enumerate(bands) if rubrik.aspek[a].kode in holders)
        return attrs.evolve(
            base,
            strategi=f"{self.name}({base.strategi})",
            kategori=KategoriHasil(kat.kode, kat.label),
            ke_kategori_berikut=None,
            saran=tuple(s for s in base.saran if rubrik.aspek[rubrik.aspek_indikator[rubrik.posisi[s.kode]]].kode in holders),
            peringatan=(*base.peringatan, f"category capped from {base.kategori.label} to {kat.label} by the weakest aspect(s): {names}"),
        )

    def score_batch(self, rubrik: Rubrik, kohort: Kohort) -> SkorBatch:
        """Score every row of a cohort: the base strategy's batch path, then the cap, exactly."""
        scale = _scale(rubrik)
        base = self._base(rubrik).score_batch(rubrik, kohort)
        levels = kohort.levels(rubrik, self._policy())
        num, den = aspect_fulfilment_matrix(rubrik, levels)
        cuts, lower = _cuts(rubrik)
        places = rubrik.skala.desimal_int
        bands = np.zeros(num.shape, dtype=np.intp)
        for a in range(num.shape[1]):
            for d in np.unique(den[:, a]).tolist():
                rows = den[:, a] == d
                for cut in cuts:
                    least = _least_numerator(Fraction(cut), Fraction(d) / scale, places, lower)
                    bands[rows, a] += num[rows, a] >= max(-(2**62), min(2**62, least))
        cap = np.minimum(bands.min(axis=1) + self.selisih, len(rubrik.kategori) - 1)
        pos = np.minimum(base.kategori, cap)
        return attrs.evolve(base, strategi=f"{self.name}({base.strategi})", kategori=pos)


def _least_numerator(cut: Fraction, per: Fraction, places: int | None, lower: bool) -> int:
    """The least numerator *n* whose aspect value ``n / per`` reaches band cut *cut*.

    As :meth:`WeakestAspectCap._aspect_band` decides for one value: rounded
    half-up to *places* first (values are never negative), then compared with
    the cut under the boundary rule (``>=`` lower bounds inclusive, ``>`` else).
    """
    if places is None:
        x = cut * per
        return math.ceil(x) if lower else math.floor(x) + 1
    q = 10**places
    units = math.ceil(cut * q) if lower else math.floor(cut * q) + 1  # the first reported value that reaches
    return math.ceil(Fraction(units * 2 - 1, 2 * q) * per)

