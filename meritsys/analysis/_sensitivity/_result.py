"""What a sensitivity run reports: per agency its stability, per parameter its influence."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys.errors import ValidationError
from meritsys.model import KebijakanTidakBerlaku
from meritsys.scoring import SkorBatch

__all__ = ["HasilSensitivitas", "Pengaruh", "RingkasKebijakan"]


@attrs.frozen
class Pengaruh:
    """How strongly one perturbed parameter moves agencies between categories.

    Args:
        jenis: ``"bobot"`` (a weight) or ``"ambang"`` (a cut point).
        kode: The indicator or aspect code, or the label of the category the cut point opens.
        korelasi: Pearson correlation across draws between the parameter and
            the number of agencies whose category differs from the baseline;
            ``nan`` where the parameter was not perturbed.
        kemiringan: The least-squares slope of that number on the parameter:
            agencies changing category per unit of the weight's share of the
            total (``0.01`` = one percentage point) or per index unit of the
            cut point's shift; ``nan`` where not perturbed.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    jenis: str
    kode: str
    korelasi: float
    kemiringan: float


@attrs.frozen
class RingkasKebijakan:
    """Draws made under one not-applicable rule and the agencies they moved.

    Args:
        kebijakan: The rule.
        draws: How many draws used it.
        berubah_rerata: Mean number of agencies per draw whose category differs
            from the baseline (``nan`` without draws).
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    kebijakan: KebijakanTidakBerlaku
    draws: int
    berubah_rerata: float


@attrs.frozen(eq=False)
class HasilSensitivitas:
    """The outcome of a sensitivity run: per agency stability, per parameter influence.

    Args:
        rubrik_id: The rubric perturbed.
        draws: Number of draws.
        seed: The seed.
        konsentrasi: Dirichlet concentration (``inf``: weights kept), or ``None`` with *rentang*.
        rentang: Uniform +- fraction for weights, or ``None`` for Dirichlet draws.
        ambang: Cut-point jitter in index units, or ``None`` for fixed cut points.
        kebijakan: The not-applicable rules drawn among (one: the rubric's own, fixed).
        kode: Agency code of each row.
        dasar: The exact baseline scores and categories.
        peringkat_dasar: ``(N,)`` baseline rank (1 = highest; ties share the best rank).
        hitung_kategori: ``(N, C)`` number of draws that put each agency in each category.
        hitung_peringkat: ``(N, N)`` number of draws that gave each agency rank ``r + 1``.
        indeks_rerata: ``(N,)`` mean index across draws.
        indeks_sd: ``(N,)`` standard deviation of the index across draws.
        berubah_rerata: Mean number of agencies per draw whose category changes.
        pengaruh: Influence of each perturbed weight, then of each cut point.
        per_kebijakan: Draws and changes under each not-applicable rule.
    """

    __repr__ = fields_repr

    rubrik_id: str
    draws: int
    seed: int
    konsentrasi: float | None
    rentang: float | None
    ambang: float | None
    kebijakan: tuple[KebijakanTidakBerlaku, ...]
    kode: tuple[str, ...]
    dasar: SkorBatch
    peringkat_dasar: npt.NDArray[np.int64]
    hitung_kategori: npt.NDArray[np.int64]
    hitung_peringkat: npt.NDArray[np.int64]
    indeks_rerata: npt.NDArray[np.float64]
    indeks_sd: npt.NDArray[np.float64]
    berubah_rerata: float
    pengaruh: tuple[Pengaruh, ...]
    per_kebijakan: tuple[RingkasKebijakan, ...]

    def __len__(self) -> int:
        return len(self.kode)

    def p_keep(self) -> npt.NDArray[np.float64]:
        """Each agency's probability of keeping its baseline category."""
        rows = np.arange(len(self.kode))
        return np.asarray(self.hitung_kategori[rows, np.asarray(self.dasar.kategori, dtype=np.intp)] / self.draws, dtype=np.float64)

    def category_distribution(self) -> npt.NDArray[np.float64]:
        """``(N, C)``: each agency's probability of each category (rows sum to 1)."""
        return np.asarray(self.hitung_kategori / self.draws, dtype=np.float64)

    def rank_min(self) -> npt.NDArray[np.int64]:
        """Each agency's best (smallest) rank over all draws."""
        return np.asarray((self.hitung_peringkat > 0).argmax(axis=1) + 1, dtype=np.int64)

    def rank_max(self) -> npt.NDArray[np.int64]:
        """Each agency's worst (largest) rank over all draws."""
        n = self.hitung_peringkat.shape[1]
        return np.asarray(n - (self.hitung_peringkat[:, ::-1] > 0).argmax(axis=1), dtype=np.int64)

    def rank_quantile(self, q: float) -> npt.NDArray[np.int64]:
        """Each agency's rank quantile: the smallest rank reached or beaten in at least ``q`` of the draws.

        Exact (from the full rank counts), by the inverted-distribution rule.

        Raises:
            ValidationError: if *q* is outside 0..1.
        """
        if not 0 <= q <= 1:
            raise ValidationError(f"q must be within 0..1, got {q}", code="out-of-range")
        need = max(1, math.ceil(Fraction(q) * self.draws))
        cum = np.cumsum(self.hitung_peringkat, axis=1)
        return np.asarray((cum >= need).argmax(axis=1) + 1, dtype=np.int64)

    def to_dict(self, interval: tuple[float, float] = (0.05, 0.95)) -> dict[str, Any]:
        """The result as plain JSON-ready data; ``nan`` becomes ``None``.

        Args:
            interval: The rank quantiles reported as the central interval.
        """
        lo_q, hi_q = interval
        p, dist = self.p_keep(), self.category_distribution()
        r_min, r_max = self.rank_min(), self.rank_max()
        r_lo, r_hi = self.rank_quantile(lo_q), self.rank_quantile(hi_q)
        labels = [k.label for k in self.dasar.labels]
        indeks = self.dasar.indeks()
        rows = [
            {
                "kode": self.kode[i],
                "indeks_dasar": format(indeks[i], "f"),
                "kategori_dasar": labels[int(self.dasar.kategori[i])],
                "peringkat_dasar": int(self.peringkat_dasar[i]),
                "p_tetap": _num(p[i]),
                "distribusi": {lab: _num(dist[i, c]) for c, lab in enumerate(labels)},
                "peringkat": {"min": int(r_min[i]), "maks": int(r_max[i]), "bawah": int(r_lo[i]), "atas": int(r_hi[i])},
                "indeks": {"rerata": _num(self.indeks_rerata[i]), "sd": _num(self.indeks_sd[i])},
            }
            for i in range(len(self.kode))
        ]
        return {
            "rubrik": self.rubrik_id,
            "draws": self.draws,
            "seed": self.seed,
            "perturbasi": {
                "konsentrasi": _num(self.konsentrasi) if self.konsentrasi is not None else None,
                "rentang": self.rentang,
                "ambang": self.ambang,
                "kebijakan_tidak_berlaku": [k.value for k in self.kebijakan],
            },
            "interval": [lo_q, hi_q],
            "berubah_rerata": _num(self.berubah_rerata),
            "instansi": rows,
            "pengaruh": [
                {"jenis": x.jenis, "kode": x.kode, "korelasi": _num(x.korelasi), "kemiringan": _num(x.kemiringan)}
                for x in self.pengaruh
            ],
            "per_kebijakan": [
                {"kebijakan": k.kebijakan.value, "draws": k.draws, "berubah_rerata": _num(k.berubah_rerata)}
                for k in self.per_kebijakan
            ],
        }


def _num(x: float) -> float | None:
    """A float for JSON: ``None`` for nan and infinities, otherwise rounded to 6 decimals."""
    v = float(x)
    return round(v, 6) if math.isfinite(v) else None
