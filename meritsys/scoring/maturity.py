"""``MaturityIndex``: the regime B index (NISM) of PermenPANRB 19/2025.

``NISM = bobot_maturitas x sum(bobot_aspek x maturitas_aspek) + bobot_survei x survei + koreksi``,
rounded half-up to the rubric's decimals, then banded Dasar ... Maju.  Each
aspect's maturity is the mean of its counted answers, each divided by its
highest level (the ``rerata_per_level_maksimum`` normalisation); a
not-applicable question enters the mean as the rubric's composition declares
(shipped: left out).  The composition is SEKUNDER and the normalisation
``acuan`` (DOMAIN.md §3, §5), so both are data, not code.

The single path computes in exact fractions; the batch path in exact integers
over a common denominator, so both round the same way at every tie.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._numbers import exact, fraction_to_decimal, round_half_up
from meritsys.errors import IncompatibleStrategyError, Problem, ValidationError
from meritsys.model import (
    Hasil,
    HasilAspek,
    KebijakanKosong,
    KebijakanTidakBerlaku,
    Komposisi,
    Kontribusi,
    LetakBobot,
    Penilaian,
    Rubrik,
    Saran,
)
from meritsys.scoring.aspects import aspect_fulfilment_matrix
from meritsys.scoring.batch import AnswerMatrix, SkorBatch
from meritsys.scoring.classifier import BandClassifier
from meritsys.scoring.explain import band_labels, build_hasil
from meritsys.scoring.protocols import Classifier
from meritsys.scoring.resolution import resolve

__all__ = ["MaturityIndex"]


def _setup(rubrik: Rubrik) -> tuple[Komposisi, int]:
    if rubrik.letak_bobot is not LetakBobot.ASPEK or rubrik.komposisi is None:
        raise IncompatibleStrategyError(
            f"strategy maturity needs aspect weights and a komposisi; rubrik {rubrik.id} weighs indicators (use its strategy {rubrik.strategi!r})"
        )
    places = rubrik.skala.desimal_int
    return rubrik.komposisi, 2 if places is None else places


@attrs.frozen
class MaturityIndex:
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

    hanya_maturitas: bool = False
    kebijakan_kosong: KebijakanKosong | None = None
    classifier: Classifier = attrs.field(factory=BandClassifier)

    @property
    def name(self) -> str:
        """``"maturity"``."""
        return "maturity"

    def _weights(self, komp: Komposisi) -> tuple[Fraction, Fraction]:
        if self.hanya_maturitas:
            return Fraction(1), Fraction(0)
        return Fraction(komp.bobot_maturitas.nilai), Fraction(komp.bobot_survei.nilai)

    @exact
    def score(self, rubrik: Rubrik, penilaian: Penilaian) -> Hasil:
        """Score one assessment exactly."""
        komp, places = _setup(rubrik)
        resolved = resolve(rubrik, penilaian, self.kebijakan_kosong, need_survey=not self.hanya_maturitas)
        res = resolved.level
        c_m, c_s = self._weights(komp)
        kontribusi: list[Kontribusi] = []
        saran: list[Saran] = []
        aspek: list[HasilAspek] = []
        maturity = Fraction(0)
        pos = 0
        for asp in rubrik.aspek:
            w = Fraction(asp.bobot.nilai) if asp.bobot is not None else Fraction(0)
            counted: list[tuple[int, Fraction]] = []
            for ind in asp.indikator:
                level = res[pos]
                if level is not None:
                    counted.append((pos, Fraction(level, ind.level_maks)))
                elif komp.tidak_berlaku is KebijakanTidakBerlaku.NOL:
                    counted.append((pos, Fraction(0)))
                elif komp.tidak_berlaku is KebijakanTidakBerlaku.MAKSIMUM:
                    counted.append((pos, Fraction(1)))
                pos += 1
            if not counted:
                raise ValidationError([Problem("jawaban", f"aspect {asp.kode} has no counted indicator: its maturity is undefined")])
            n = len(counted)
            m = sum((f for _, f in counted), Fraction(0)) / n
            maturity += w * m
            share = dict(counted)
            for p_ind, ind in enumerate(asp.indikator, start=pos - len(asp.indikator)):
                level = res[p_ind]
                part = c_m * w * share.get(p_ind, Fraction(0)) / n
                kontribusi.append(
                    Kontribusi(ind.kode, asp.kode, level, fraction_to_decimal(part), berlaku=level is not None, diisi_kebijakan=p_ind in resolved.diisi)
                )
                if level is not None and level < ind.level_maks:
                    gain = c_m * w / (n * ind.level_maks)
                    saran.append(Saran(ind.kode, level, level + 1, fraction_to_decimal(gain)))
            m_dec = round_half_up(m, places)
            aspek.append(
                HasilAspek(asp.kode, asp.nama, m_dec, Decimal(1), m_dec, self.classifier.classify(rubrik, m_dec).ringkas)
            )
        survei = Fraction(penilaian.survei) if penilaian.survei is not None else Fraction(0)
        raw = c_m * maturity + c_s * survei + Fraction(penilaian.koreksi)
        indeks = round_half_up(raw, places)
        klas = self.classifier.classify(rubrik, indeks)
        peringatan = list(resolved.peringatan)
        if self.hanya_maturitas:
            peringatan.append("maturity-only index: the employee survey is left out (asked for explicitly)")
        return build_hasil(
            strategi=self.name, rubrik=rubrik, penilaian=penilaian, indeks=indeks, klas=klas,
            classifier=self.classifier, unit=Decimal(1).scaleb(-places), aspek=aspek, kontribusi=kontribusi,
            saran=saran, peringatan=peringatan,
            survei=None if self.hanya_maturitas else penilaian.survei, koreksi=penilaian.koreksi,
            hanya_maturitas=self.hanya_maturitas,
        )

    @exact
    def score_batch(self, rubrik: Rubrik, matrix: AnswerMatrix) -> SkorBatch:
        """Score many assessments in exact integer arithmetic; the same values as :meth:`score`."""
        komp, places = _setup(rubrik)
        n_rows = matrix.n
        survei = _column(matrix.survei, n_rows)
        koreksi = _column(matrix.koreksi, n_rows)
        levels = matrix.checked(rubrik, self.kebijakan_kosong, need_survey=not self.hanya_maturitas)
        c_m, c_s = self._weights(komp)
        num_a, den_a = aspect_fulfilment_matrix(rubrik, levels)  # aspect a of row i: num_a / den_a
        big_m = math.lcm(*(ind.level_maks for ind in rubrik.indikator))
        n_a = den_a // big_m  # the counted answers of each aspect
        big_l = math.lcm(*range(1, max(len(a.indikator) for a in rubrik.aspek) + 1))
        w_frac = [Fraction(a.bobot.nilai) if a.bobot is not None else Fraction(0) for a in rubrik.aspek]
        s_frac = [c_s * Fraction(v) if v is not None else Fraction(0) for v in survei]
        k_frac = [Fraction(k) if k is not None else Fraction(0) for k in koreksi]
        coef_frac = [c_m * w for w in w_frac]
        den = math.lcm(*(f.denominator for f in (*coef_frac, *s_frac, *k_frac)))
        # The raw index of each row is num / (big_m * big_l * den), all integers.
        total_den = big_m * big_l * den
        coef = [int(c * den) for c in coef_frac]
        s_int = [int(f * den) for f in s_frac]
        k_int = [int(f * den) for f in k_frac]
        largest = big_m * big_l * (sum(abs(c) for c in coef) + max(map(abs, s_int), default=0) + max(map(abs, k_int), default=0))
        exact_ints = num_a.dtype == object or max(largest, total_den) * 2 * 10**places >= 2**62
        dtype: type = object if exact_ints else np.int64
        per_aspek: npt.NDArray[Any] = (num_a.astype(dtype) * (big_l // n_a).astype(dtype)) @ np.asarray(coef, dtype=dtype)
        s_num: npt.NDArray[Any] = np.asarray(s_int, dtype=dtype) * (big_m * big_l)
        k_num: npt.NDArray[Any] = np.asarray(k_int, dtype=dtype) * (big_m * big_l)
        units = _round_half_up_units(per_aspek + s_num + k_num, total_den, places)
        unit = Decimal(1).scaleb(-places)
        pos, outside = self.classifier.classify_units(rubrik, units, unit)
        return SkorBatch(rubrik.id, self.name, unit, units, pos, outside, band_labels(rubrik), places)


def _column(values: Sequence[Decimal | None] | None, n: int) -> list[Decimal | None]:
    return [None] * n if values is None else list(values)


def _round_half_up_units(num: npt.NDArray[Any], den: int, places: int) -> npt.NDArray[np.int64]:
    """``num / den`` rounded half-up (ties away from zero) to *places* decimals, in units of ``10**-places``."""
    scaled = np.abs(num) * (2 * 10**places)
    mag = (scaled + den) // (2 * den)
    return np.asarray(np.where(num < 0, -mag, mag), dtype=np.int64)
