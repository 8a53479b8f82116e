"""``equal-aspects``: every aspect weighs the same (an example meritsys strategy plugin).

Regime A: ``indeks = skala.maksimum x mean(capaian_a)``, rounded half-up to half
points.  Regime B: the mean of the aspect maturities replaces their weighted
sum inside the rubric's composition (survey, correction, two decimals).
Both paths compute in exact integers or fractions, so they always agree.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs
import numpy as np

import meritsys
from meritsys import (
    AnswerMatrix,
    BandClassifier,
    Hasil,
    HasilAspek,
    IncompatibleStrategyError,
    Kontribusi,
    LetakBobot,
    Penilaian,
    Rubrik,
    RubrikRef,
    SkorBatch,
    ValidationError,
    fraction_to_decimal,
    round_half_up,
)
from meritsys.scoring import resolve
from meritsys.scoring._aspects import aspect_fulfilment, aspect_fulfilment_matrix

__all__ = ["AspekSetara"]

__version__ = "0.1.0"


def _unit(rubrik: Rubrik) -> tuple[Fraction, int | None]:
    if rubrik.letak_bobot is LetakBobot.INDIKATOR:
        return Fraction(1, 2), None
    places = rubrik.skala.desimal_int
    places = 2 if places is None else places
    return Fraction(1, 10**places), places


@attrs.frozen
class AspekSetara:
    """Score with every aspect weighing the same."""

    classifier: BandClassifier = attrs.field(factory=BandClassifier)

    @property
    def name(self) -> str:
        return "equal-aspects"

    def _raw(self, rubrik: Rubrik, mean: Fraction, survei: Decimal | None, koreksi: Decimal) -> Fraction:
        if rubrik.letak_bobot is LetakBobot.INDIKATOR:
            if rubrik.skala.maksimum is None:
                raise IncompatibleStrategyError(f"strategy equal-aspects needs a scale maximum; rubrik {rubrik.id} declares none")
            return Fraction(rubrik.skala.maksimum.nilai) * mean
        komp = rubrik.komposisi
        assert komp is not None
        if survei is None:
            raise ValidationError([meritsys.Problem("survei", "missing: the employee survey score (0..1) is required")])
        return Fraction(komp.bobot_maturitas.nilai) * mean + Fraction(komp.bobot_survei.nilai) * Fraction(survei) + Fraction(koreksi)

    def score(self, rubrik: Rubrik, penilaian: Penilaian) -> Hasil:
        res = resolve(rubrik, penilaian)
        fulfil = aspect_fulfilment(rubrik, res.level)
        unit, places = _unit(rubrik)
        raw = self._raw(rubrik, sum(fulfil, Fraction(0)) / len(fulfil), penilaian.survei, penilaian.koreksi)
        units = int(round_half_up(raw / unit, 0))
        indeks = Decimal(units) * Decimal(unit.numerator) / Decimal(unit.denominator)
        indeks = indeks.quantize(Decimal(1).scaleb(-places)) if places is not None else indeks.normalize()
        klas = self.classifier.classify(rubrik, indeks)
        aspek = [
            HasilAspek(a.kode, a.nama, fraction_to_decimal(c, 4), Decimal(1), fraction_to_decimal(c, 4))
            for a, c in zip(rubrik.aspek, fulfil, strict=True)
        ]
        kontribusi = [
            Kontribusi(ind.kode, rubrik.aspek[rubrik.aspek_indikator[i]].kode, lv, Decimal(lv or 0), berlaku=lv is not None)
            for i, (ind, lv) in enumerate(zip(rubrik.indikator, res.level, strict=True))
        ]
        nxt = self.classifier.next_band(rubrik, klas.nilai, klas.posisi, Decimal(unit.numerator) / Decimal(unit.denominator))
        return Hasil(
            instansi=penilaian.instansi,
            tahun=penilaian.tahun,
            tahap=penilaian.tahap,
            rubrik=RubrikRef(rubrik.id, meritsys.rubrik_sha256(rubrik), rubrik.reform),
            strategi=self.name,
            indeks=indeks,
            kategori=klas.ringkas,
            di_luar_skala=klas.di_luar_skala,
            aspek=aspek,
            kontribusi=kontribusi,
            ke_kategori_berikut=None if nxt is None else meritsys.JarakKategori(
                meritsys.KategoriHasil(nxt[0].kode, nxt[0].label), nxt[1]
            ),
            peringatan=(*res.peringatan, "plugin strategy equal-aspects: every aspect weighs the same"),
            survei=penilaian.survei,
            koreksi=penilaian.koreksi if places is not None else None,
            versi=meritsys.__version__,
        )

    def score_batch(self, rubrik: Rubrik, matrix: AnswerMatrix) -> SkorBatch:
        levels = matrix.checked(rubrik)
        num, den = aspect_fulfilment_matrix(rubrik, levels)
        unit, places = _unit(rubrik)
        n = matrix.n
        survei = list(matrix.survei) if matrix.survei is not None else [None] * n
        koreksi = list(matrix.koreksi) if matrix.koreksi is not None else [Decimal(0)] * n
        units = np.empty(n, dtype=np.int64)
        for r in range(n):
            fulfil = [Fraction(int(a), int(b)) for a, b in zip(num[r], den[r], strict=True)]
            try:
                raw = self._raw(rubrik, sum(fulfil, Fraction(0)) / len(fulfil), survei[r], koreksi[r] or Decimal(0))
            except ValidationError as exc:
                raise exc.at(f"[{r}]") from None
            units[r] = int(round_half_up(raw / unit, 0))
        dec_unit = Decimal(unit.numerator) / Decimal(unit.denominator)
        pos, outside = self.classifier.classify_units(rubrik, units, dec_unit)
        labels = tuple(meritsys.KategoriHasil(k.kode, k.label) for k in rubrik.kategori)
        return SkorBatch(rubrik.id, self.name, dec_unit, units, pos, outside, labels, places)
