"""Sensitivity analysis: how firmly each agency holds its category and rank when the rules move.

Where a rubric's weights, cut points or not-applicable rule are reference
values (``acuan``) or drafts (DOMAIN.md §3, §5), an agency's category is only
as certain as those numbers.  :func:`sensitivity` redraws them many times and
re-scores the whole cohort under each draw:

* **weights** -- indicator weights where the rubric weighs indicators (regime A),
  aspect weights where it weighs aspects (regime B).  By default each draw's
  shares of the declared total come from a Dirichlet distribution centred on
  the baseline shares, ``Dirichlet(konsentrasi x share)``: a share *p* then
  has mean *p* and standard deviation ``sqrt(p (1 - p) / (konsentrasi + 1))``
  (with the default 500, a 5 % share moves by about +-1 point, a 15 % share by
  about +-1.6 points).  ``konsentrasi=math.inf`` keeps the baseline.  With
  *rentang* each weight is instead drawn uniformly within +-rentang (a
  fraction) of its baseline and the set rescaled to the declared total;
* **cut points** -- with *ambang*, each category cut point moves uniformly
  within +-ambang (index units), re-sorted so the bands stay ordered;
* **not-applicable rule** (regime B) -- optionally drawn per draw among
  ``keluarkan`` / ``nol`` / ``maksimum``.

Per agency it reports the probability of keeping its baseline category, the
distribution over categories, its rank range and central interval (rank 1 is
the highest index; ties share the best rank) and the index mean and standard
deviation; per weight (and cut point) its influence: the correlation across
draws between the parameter and the number of agencies that change category.

Scores are one matrix product per chunk of draws.  Draws are generated in
fixed blocks of :data:`BLOK`, block *b* from the *b*-th child of
``SeedSequence(seed)``, and every statistic is an exact integer sum; weights
are put on a binary grid (for the shipped rubrics finer than ``2**-40`` of the
total) so that the matrix product is exact.  So the result depends only on the inputs and the
seed: not on the chunk size, the number of threads, the order the blocks run
in or where they run (see :mod:`meritsys.analysis.distributed`).  Memory is
bounded by the chunk: ``O(workers x chunk x N + N^2)`` for *N* agencies,
however many draws.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from fractions import Fraction
from functools import partial
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._arguments import callable_or_none, real, whole
from meritsys._repr import shown
from meritsys.errors import Problem, ValidationError
from meritsys.model import JenisBatas, KebijakanTidakBerlaku, LetakBobot, Rubrik
from meritsys.model._rubrik_rules import index_bound
from meritsys.model._validate import convert_enum
from meritsys.scoring.aspects import aspect_fulfilment_matrix
from meritsys.scoring.batch import TIDAK_BERLAKU, AnswerMatrix, SkorBatch
from meritsys.scoring.maturity import MaturityIndex
from meritsys.scoring.protocols import ScoringStrategy
from meritsys.scoring.weighted_sum import WeightedSum

__all__ = [
    "BLOK",
    "MAX_CHUNK",
    "MAX_DRAWS",
    "MAX_KONSENTRASI",
    "MAX_WORKERS",
    "MIN_AMBANG",
    "HasilSensitivitas",
    "Pengaruh",
    "Progress",
    "RingkasKebijakan",
    "SensitivityOptions",
    "sensitivity",
]

BLOK = 256
"""Draws per random block: the unit of seeding, so results never depend on chunking."""

_GRID = 24
"""Parameters enter the influence sums on a grid of ``2**-24`` (exact integer sums)."""
_SLICE = 4096
"""Rows summed at once in ``int64`` before the sums move to exact Python integers."""

Progress = Callable[[int, int], None]
"""A progress hook: called with (draws done, draws in total)."""


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

    def p_tetap(self) -> npt.NDArray[np.float64]:
        """Each agency's probability of keeping its baseline category."""
        rows = np.arange(len(self.kode))
        return np.asarray(self.hitung_kategori[rows, np.asarray(self.dasar.kategori, dtype=np.intp)] / self.draws, dtype=np.float64)

    def distribusi_kategori(self) -> npt.NDArray[np.float64]:
        """``(N, C)``: each agency's probability of each category (rows sum to 1)."""
        return np.asarray(self.hitung_kategori / self.draws, dtype=np.float64)

    def peringkat_min(self) -> npt.NDArray[np.int64]:
        """Each agency's best (smallest) rank over all draws."""
        return np.asarray((self.hitung_peringkat > 0).argmax(axis=1) + 1, dtype=np.int64)

    def peringkat_maks(self) -> npt.NDArray[np.int64]:
        """Each agency's worst (largest) rank over all draws."""
        n = self.hitung_peringkat.shape[1]
        return np.asarray(n - (self.hitung_peringkat[:, ::-1] > 0).argmax(axis=1), dtype=np.int64)

    def peringkat_kuantil(self, q: float) -> npt.NDArray[np.int64]:
        """Each agency's rank quantile: the smallest rank reached or beaten in at least ``q`` of the draws.

        Exact (from the full rank counts), by the inverted-distribution rule.

        Raises:
            ValidationError: if *q* is outside 0..1.
        """
        if not 0 <= q <= 1:
            raise ValidationError(f"q must be within 0..1, got {q}")
        need = max(1, math.ceil(Fraction(q) * self.draws))
        cum = np.cumsum(self.hitung_peringkat, axis=1)
        return np.asarray((cum >= need).argmax(axis=1) + 1, dtype=np.int64)

    def to_dict(self, interval: tuple[float, float] = (0.05, 0.95)) -> dict[str, Any]:
        """The result as plain JSON-ready data; ``nan`` becomes ``None``.

        Args:
            interval: The rank quantiles reported as the central interval.
        """
        lo_q, hi_q = interval
        p, dist = self.p_tetap(), self.distribusi_kategori()
        r_min, r_max = self.peringkat_min(), self.peringkat_maks()
        r_lo, r_hi = self.peringkat_kuantil(lo_q), self.peringkat_kuantil(hi_q)
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


@attrs.frozen(eq=False)
class _Soal:
    """A prepared run: plain arrays and numbers a worker needs, picklable.

    ``tingkat[p]`` is the ``(K, N)`` integer-valued matrix the weights multiply
    under not-applicable rule *p*: counted levels (regime A) or aspect
    maturities over the common denominator (regime B).  An index is
    ``(W @ tingkat[p]) * faktor + tetap`` with ``W`` the weights in units of
    ``2**-bit``; every product and partial sum is an integer below ``2**53``,
    so the matrix product is exact whatever its blocking.
    """

    draws: int
    seed: int
    tingkat: npt.NDArray[np.float64]
    basis: npt.NDArray[np.float64]
    skala_w: float
    faktor: float
    tetap: npt.NDArray[np.float64] | None
    desimal: int | None
    cuts: npt.NDArray[np.float64]
    bawah: bool
    konsentrasi: float | None
    rentang: float | None
    ambang: float | None
    kebijakan: tuple[KebijakanTidakBerlaku, ...]
    kategori_dasar: npt.NDArray[np.intp]
    momen_skala: float
    q_maks: int
    n_kategori: int
    # Reporting only: used by _finish on the caller's side.
    rubrik_id: str
    kode: tuple[str, ...]
    kode_bobot: tuple[str, ...]
    label_ambang: tuple[str, ...]
    dasar: SkorBatch

    @property
    def n(self) -> int:
        return int(self.tingkat.shape[2])

    @property
    def n_blok(self) -> int:
        return -(-self.draws // BLOK)


def _zeros_obj(n: int) -> npt.NDArray[np.object_]:
    out = np.empty(n, dtype=object)
    out[:] = 0
    return out


@attrs.define
class _Akumulator:
    """Exact running sums over draws; two of them merge by addition in any order."""

    kategori: npt.NDArray[np.int64]
    peringkat: npt.NDArray[np.int64]
    s1: npt.NDArray[np.object_]
    s2: npt.NDArray[np.object_]
    p1: npt.NDArray[np.object_]
    p2: npt.NDArray[np.object_]
    py: npt.NDArray[np.object_]
    y: npt.NDArray[np.object_]
    pol_n: npt.NDArray[np.object_]
    pol_y: npt.NDArray[np.object_]

    @classmethod
    def kosong(cls, soal: _Soal) -> _Akumulator:
        n, q, pol = soal.n, soal.tingkat.shape[1] + soal.cuts.size * (soal.ambang is not None), len(soal.kebijakan)
        return cls(
            np.zeros((n, soal.n_kategori), dtype=np.int64),
            np.zeros((n, n), dtype=np.int64),
            _zeros_obj(n), _zeros_obj(n), _zeros_obj(q), _zeros_obj(q), _zeros_obj(q), _zeros_obj(3),
            _zeros_obj(pol), _zeros_obj(pol),
        )

    def gabung(self, other: _Akumulator) -> _Akumulator:
        """A new accumulator holding the sums of both; neither is changed."""
        return _Akumulator(*(getattr(self, f.name) + getattr(other, f.name) for f in attrs.fields(_Akumulator)))

    def tambah(self, other: _Akumulator) -> None:
        """Add *other*'s sums to these (exact, so the order of adding does not matter)."""
        for field in attrs.fields(_Akumulator):
            mine = getattr(self, field.name)
            mine += getattr(other, field.name)


def _exact_sum(a: npt.NDArray[np.int64], rows: int = _SLICE) -> npt.NDArray[np.object_]:
    """Column sums of an ``int64`` array as exact Python integers, *rows* rows at a time in ``int64``."""
    out = _zeros_obj(a.shape[1])
    for i in range(0, a.shape[0], rows):
        out += a[i : i + rows].sum(axis=0).astype(object)
    return out


def _draw_block(soal: _Soal, b: int) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64] | None, npt.NDArray[np.intp]]:
    """Block *b*'s weight shares ``(n, K)``, cut-point shifts ``(n, J)`` and rule indices ``(n,)``."""
    n = min(BLOK, soal.draws - b * BLOK)
    rng = np.random.default_rng(np.random.SeedSequence(soal.seed, spawn_key=(b,)))
    k = soal.basis.size
    if soal.rentang is not None:
        w = soal.basis * (1 + rng.uniform(-soal.rentang, soal.rentang, size=(n, k)))
        shares = w / w.sum(axis=1, keepdims=True)
    elif soal.konsentrasi is not None and math.isfinite(soal.konsentrasi):
        shares = rng.dirichlet(soal.konsentrasi * soal.basis, size=n)
    else:
        shares = np.broadcast_to(soal.basis, (n, k)).copy()
    shift = rng.uniform(-soal.ambang, soal.ambang, size=(n, soal.cuts.size)) if soal.ambang is not None else None
    pol = rng.integers(0, len(soal.kebijakan), size=n) if len(soal.kebijakan) > 1 else np.zeros(n, dtype=np.intp)
    return shares, shift, np.asarray(pol, dtype=np.intp)


def _ranks(values: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int64]]:
    """Per row: the column order ascending and, along it, each column's rank counted from the top minus one."""
    d, n = values.shape
    order = np.argsort(values, axis=1)
    s = np.take_along_axis(values, order, axis=1)
    differs = s[:, 1:] != s[:, :-1]
    pos = np.arange(n, dtype=np.int64)
    if differs.all():
        return order, np.broadcast_to(pos[::-1], (d, n))
    # Ties share the best rank: the number of values strictly above the group's last member.
    ends = np.full((d, n), n - 1, dtype=np.int64)
    ends[:, :-1] = np.where(differs, pos[:-1], n)
    last = np.minimum.accumulate(ends[:, ::-1], axis=1)[:, ::-1]
    return order, n - 1 - last


def _product(w: npt.NDArray[np.float64], tingkat: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """``w @ tingkat`` without BLAS.

    Exact either way (see :class:`_Soal`), but a threaded BLAS on these thin
    matrices spends more in thread hand-offs than in arithmetic, and competes
    with the chunk threads and Dask workers.
    """
    return np.asarray(np.einsum("dk,kn->dn", w, tingkat), dtype=np.float64)


def _add_chunk(soal: _Soal, acc: _Akumulator, b0: int, b1: int) -> int:
    """Score draw blocks ``b0..b1-1`` at once and add their statistics to *acc*; return the draws scored."""
    n, c = soal.n, soal.n_kategori
    agency = np.arange(n, dtype=np.int64)
    base = soal.kategori_dasar
    parts = [_draw_block(soal, b) for b in range(b0, b1)]
    shares = np.concatenate([p[0] for p in parts])
    pol = np.concatenate([p[2] for p in parts])
    d = shares.shape[0]
    w = np.rint(shares * soal.skala_w)
    if len(soal.kebijakan) == 1:
        x = _product(w, soal.tingkat[0])
    else:
        x = np.empty((d, n))
        for p in range(len(soal.kebijakan)):
            rows = pol == p
            x[rows] = _product(w[rows], soal.tingkat[p])
    values = x * soal.faktor
    if soal.tetap is not None:
        values += soal.tetap
    cuts = np.broadcast_to(soal.cuts, (d, soal.cuts.size))
    if soal.ambang is not None:
        shift = np.concatenate([p[1] for p in parts if p[1] is not None])
        cuts = np.sort(cuts + shift, axis=1)
    if soal.desimal is not None:
        # Half-up to the rubric's decimals; the margin absorbs float error at exact ties.
        scale = 10.0**soal.desimal
        values = np.copysign(np.floor(np.abs(values) * scale + (0.5 + 1e-7)), values)
        thresholds, tol = cuts * scale, np.full(soal.cuts.size, 1e-6)
    else:
        thresholds, tol = cuts, 1e-9 * np.maximum(1.0, np.abs(soal.cuts))
    kat = np.zeros((d, n), dtype=np.int8)
    for j in range(soal.cuts.size):
        edge = thresholds[:, j : j + 1]
        kat += values >= edge - tol[j] if soal.bawah else values > edge + tol[j]
    acc.kategori += np.bincount((agency * c + kat).ravel(), minlength=n * c).reshape(n, c)
    order, rank0 = _ranks(values)
    acc.peringkat += np.bincount((order * n + rank0).ravel(), minlength=n * n).reshape(n, n)
    q = np.rint(values * soal.momen_skala).astype(np.int64)
    acc.s1 += _exact_sum(q)
    if soal.q_maks < 2**31:
        acc.s2 += _exact_sum(q * q, max(1, min(_SLICE, 2**62 // soal.q_maks**2)))
    else:  # a fine index grid: squares beyond int64, summed as exact Python integers
        acc.s2 += (q.astype(object) ** 2).sum(axis=0)
    y = (kat != base).sum(axis=1).astype(np.int64)
    params = [np.rint(shares * 2.0**_GRID)]
    if soal.ambang is not None:
        params.append(np.rint((cuts - soal.cuts) * (2.0**_GRID / soal.ambang)))
    pq = np.concatenate(params, axis=1).astype(np.int64)
    acc.p1 += _exact_sum(pq)
    acc.p2 += _exact_sum(pq * pq)
    acc.py += _exact_sum(pq * y[:, None])
    acc.y += _exact_sum(np.stack([y, y * y, np.ones_like(y)], axis=1))
    onehot = (pol[:, None] == np.arange(len(soal.kebijakan))).astype(np.int64)
    acc.pol_n += _exact_sum(onehot)
    acc.pol_y += _exact_sum(onehot * y[:, None])
    return int(d)


def _chunk_sums(soal: _Soal, b0: int, b1: int) -> tuple[_Akumulator, int]:
    acc = _Akumulator.kosong(soal)
    return acc, _add_chunk(soal, acc, b0, b1)


def _run(
    soal: _Soal, start: int, stop: int, chunk: int = 512, progress: Progress | None = None, workers: int = 1
) -> _Akumulator:
    """Run draw blocks ``start..stop-1`` in chunks of about *chunk* draws; return their exact sums.

    With several *workers*, chunks run on that many threads (numpy releases the
    GIL), at most one chunk per thread at a time, so memory stays bounded.
    """
    per = max(1, chunk // BLOK)
    spans = ((b, min(b + per, stop)) for b in range(start, stop, per))
    total = min(stop * BLOK, soal.draws) - start * BLOK
    acc = _Akumulator.kosong(soal)
    done = 0
    if workers <= 1 or stop - start <= per:
        for b0, b1 in spans:
            done += _add_chunk(soal, acc, b0, b1)
            if progress is not None:
                progress(done, total)
        return acc
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: set[Future[tuple[_Akumulator, int]]] = set()
        queue = iter(spans)
        while True:
            for b0, b1 in itertools.islice(queue, workers - len(pending)):
                pending.add(pool.submit(_chunk_sums, soal, b0, b1))
            if not pending:
                return acc
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                part, d = future.result()
                acc.tambah(part)
                done += d
                if progress is not None:
                    progress(done, total)


def _baseline_ranks(units: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    ordered = np.sort(units)
    return np.asarray(units.size - np.searchsorted(ordered, units, side="right") + 1, dtype=np.int64)


MAX_DRAWS = 10_000_000
"""The most draws one run makes (a run of 600 agencies costs about 40 s per million draws here)."""
MAX_CHUNK = 65_536
"""The most draws scored at once: memory grows with ``chunk x agencies``."""
MAX_WORKERS = 64
"""The most threads scoring chunks side by side."""
MAX_KONSENTRASI = 1e9
"""The largest finite Dirichlet concentration (``math.inf`` keeps the weights instead)."""
MIN_AMBANG = 1e-9
"""The smallest cut-point jitter other than 0 (a finer one moves nothing and only costs)."""


def _policy_choice(value: object) -> bool | tuple[KebijakanTidakBerlaku, ...]:
    """``True``/``False``, or the rules to draw among (members or their names; one alone is allowed)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, KebijakanTidakBerlaku | str):
        value = (value,)
    if not isinstance(value, Sequence | set | frozenset):
        raise TypeError(
            f"kebijakan_tidak_berlaku must be True, False or a sequence of KebijakanTidakBerlaku, got {type(value).__name__} {shown(value)}"
        )
    out: list[KebijakanTidakBerlaku] = []
    for item in value:
        if isinstance(item, KebijakanTidakBerlaku):
            out.append(item)
        elif isinstance(item, str):
            out.append(convert_enum(KebijakanTidakBerlaku, item))  # a wrong name is a ValidationError
        else:
            raise TypeError(f"kebijakan_tidak_berlaku must hold KebijakanTidakBerlaku members or their names, got {type(item).__name__} {shown(item)}")
    return tuple(dict.fromkeys(out))


@attrs.frozen
class SensitivityOptions:
    """What a sensitivity run perturbs and how it runs; every option is checked when it is made.

    A wrong Python type raises :class:`TypeError` naming the option; values
    outside their range are reported together in one
    :class:`~meritsys.errors.ValidationError` addressed by option name.
    See :func:`sensitivity` for what each option means.

    Examples:
        >>> SensitivityOptions(draws=0, rentang=1.5)
        Traceback (most recent call last):
        ...
        meritsys.errors.ValidationError: $.draws: must be a whole number in 1..10,000,000, got 0
        $.rentang: must lie in [0, 1), got 1.5
    """

    draws: int = 1000
    seed: int = 0
    konsentrasi: float = 500.0
    rentang: float | None = None
    ambang: float | None = None
    kebijakan_tidak_berlaku: bool | tuple[KebijakanTidakBerlaku, ...] = attrs.field(default=False, converter=_policy_choice)
    hanya_maturitas: bool = False
    chunk: int = 512
    workers: int = 1

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        fix = partial(object.__setattr__, self)
        fix("draws", whole("draws", self.draws, 1, MAX_DRAWS, problems))
        fix("seed", whole("seed", self.seed, 0, 2**128 - 1, problems))
        fix("konsentrasi", real("konsentrasi", self.konsentrasi, 0, MAX_KONSENTRASI, problems, low_open=True, inf=True))
        if self.rentang is not None:
            fix("rentang", real("rentang", self.rentang, 0, 1, problems, high_open=True))
        if self.ambang is not None:
            fix("ambang", real("ambang", self.ambang, 0, 1e15, problems))
            if 0 < self.ambang < MIN_AMBANG:
                problems.append(Problem("ambang", f"must be 0 or at least {MIN_AMBANG:g} index units, got {shown(self.ambang)}"))
        if not isinstance(self.hanya_maturitas, bool):
            raise TypeError(f"hanya_maturitas must be True or False, got {type(self.hanya_maturitas).__name__} {shown(self.hanya_maturitas)}")
        if self.kebijakan_tidak_berlaku == ():
            problems.append(Problem("kebijakan_tidak_berlaku", "name at least one rule to draw among"))
        fix("chunk", whole("chunk", self.chunk, 1, MAX_CHUNK, problems))
        fix("workers", whole("workers", self.workers, 1, MAX_WORKERS, problems))
        if problems:
            raise ValidationError(problems)

    def check(self, rubrik: Rubrik) -> tuple[KebijakanTidakBerlaku, ...]:
        """Check the options that depend on *rubrik*; return the not-applicable rules to draw among.

        Raises:
            ValidationError: for regime B options on a rubric that weighs
                indicators, or a cut-point jitter wider than the index can reach.
        """
        problems: list[Problem] = []
        regime_b = rubrik.letak_bobot is LetakBobot.ASPEK
        for name, used in (("kebijakan_tidak_berlaku", self.kebijakan_tidak_berlaku is not False), ("hanya_maturitas", self.hanya_maturitas)):
            if used and not regime_b:
                problems.append(Problem(name, f"applies to rubrics that weigh aspects (regime B); rubrik {rubrik.id} weighs indicators"))
        bound = float(index_bound(rubrik))
        if self.ambang is not None and self.ambang > bound:
            problems.append(Problem("ambang", f"{self.ambang:g} is wider than the index of rubrik {rubrik.id} reaches ({bound:g})"))
        if problems:
            raise ValidationError(problems)
        own = rubrik.komposisi.tidak_berlaku if rubrik.komposisi is not None else KebijakanTidakBerlaku.KELUARKAN
        if self.kebijakan_tidak_berlaku is False:
            return (own,)
        return tuple(KebijakanTidakBerlaku) if self.kebijakan_tidak_berlaku is True else self.kebijakan_tidak_berlaku


def _prepare(rubrik: Rubrik, matrix: AnswerMatrix, options: SensitivityOptions) -> _Soal:
    """Check the options against the rubric, score the baseline exactly and lay out the arrays a run needs."""
    policies = options.check(rubrik)
    draws, seed, konsentrasi = options.draws, options.seed, options.konsentrasi
    rentang, ambang, hanya_maturitas = options.rentang, options.ambang, options.hanya_maturitas
    if matrix.n == 0:
        raise ValidationError("the answer matrix has no rows: nothing to analyse")
    by_indicator = rubrik.letak_bobot is LetakBobot.INDIKATOR
    strategy: ScoringStrategy = WeightedSum() if by_indicator else MaturityIndex(hanya_maturitas=hanya_maturitas)
    dasar = strategy.score_batch(rubrik, matrix)
    levels = matrix.checked(rubrik)
    jumlah = Fraction(rubrik.jumlah_bobot.nilai)
    tetap: npt.NDArray[np.float64] | None = None
    if by_indicator:
        weights = [Fraction(i.bobot.nilai) if i.bobot is not None else Fraction(0) for i in rubrik.indikator]
        kode_bobot = tuple(i.kode for i in rubrik.indikator)
        counted = np.where(levels == TIDAK_BERLAKU, 0, levels).astype(np.float64)
        tingkat = np.ascontiguousarray(counted.T)[None]
        top = Fraction(max(i.level_maks for i in rubrik.indikator))
        coef = Fraction(1)
        places = rubrik.skala.desimal_int
        v_max = jumlah * top
    else:
        weights = [Fraction(a.bobot.nilai) if a.bobot is not None else Fraction(0) for a in rubrik.aspek]
        kode_bobot = tuple(a.kode for a in rubrik.aspek)
        assert rubrik.komposisi is not None  # guaranteed by Rubrik validation for aspect weights
        komp = rubrik.komposisi
        fulfilment = [
            aspect_fulfilment_matrix(rubrik if p is komp.tidak_berlaku else attrs.evolve(rubrik, komposisi=attrs.evolve(komp, tidak_berlaku=p)), levels)
            for p in policies
        ]
        top = Fraction(math.lcm(*(int(v) for v in np.unique(np.concatenate([den.ravel() for _, den in fulfilment])))))
        tingkat = np.stack([np.ascontiguousarray((num * (int(top) // den)).T) for num, den in fulfilment]).astype(np.float64)
        c_m, c_s = (Fraction(1), Fraction(0)) if hanya_maturitas else (Fraction(komp.bobot_maturitas.nilai), Fraction(komp.bobot_survei.nilai))
        survei = matrix.survei or (None,) * matrix.n
        koreksi = matrix.koreksi or (None,) * matrix.n
        extra = [c_s * Fraction(s or 0) + Fraction(k or 0) for s, k in zip(survei, koreksi, strict=True)]
        tetap = np.asarray([float(v) for v in extra], dtype=np.float64)
        coef = c_m / top
        places = rubrik.skala.desimal_int if rubrik.skala.desimal_int is not None else 2
        v_max = abs(c_m) * jumlah + max(abs(v) for v in extra)
    # Weights in units of 2**-bit, so every product and partial sum is an integer below 2**52.
    bit = 51 - math.ceil(math.log2(float(jumlah * top) + 1))
    if bit < 8:
        raise ValidationError(f"rubrik {rubrik.id}: weights times levels are too large for exact sensitivity sums")
    basis = np.asarray([float(w / jumlah) for w in weights], dtype=np.float64)
    lower = rubrik.aturan_batas.jenis is JenisBatas.BAWAH_INKLUSIF
    bounds = [k.batas_bawah for k in rubrik.kategori[1:]] if lower else [k.batas_atas for k in rubrik.kategori[:-1]]
    cuts = np.asarray([float(b.nilai) for b in bounds if b is not None], dtype=np.float64)
    v_bound = float(v_max) * (1 + 1e-6) + 1
    if places is not None:
        momen_skala, q_maks = 1.0, math.ceil(v_bound * 10**places) + 1
    else:
        momen_skala = 2.0 ** (25 - math.ceil(math.log2(v_bound)))
        q_maks = math.ceil(v_bound * momen_skala) + 1
    return _Soal(
        draws=draws,
        seed=seed,
        tingkat=tingkat,
        basis=basis,
        skala_w=float(jumlah) * 2.0**bit,
        faktor=float(coef / 2**bit),
        tetap=tetap,
        desimal=places,
        cuts=cuts,
        bawah=lower,
        konsentrasi=None if rentang is not None else float(konsentrasi),
        rentang=None if rentang is None else float(rentang),
        ambang=float(ambang) if ambang else None,
        kebijakan=policies,
        kategori_dasar=np.asarray(dasar.kategori, dtype=np.intp),
        momen_skala=momen_skala,
        q_maks=q_maks,
        n_kategori=len(rubrik.kategori),
        rubrik_id=rubrik.id,
        kode=matrix.kode if matrix.kode is not None else tuple(str(i) for i in range(matrix.n)),
        kode_bobot=kode_bobot,
        label_ambang=tuple(k.label for k in rubrik.kategori[1:]),
        dasar=dasar,
    )


def _corr(n: int, sx: int, sxx: int, sy: int, syy: int, sxy: int, scale: float) -> tuple[float, float]:
    vx, vy, cxy = n * sxx - sx * sx, n * syy - sy * sy, n * sxy - sx * sy
    if vx <= 0:
        return math.nan, math.nan
    slope = float(Fraction(cxy, vx)) * scale
    if vy <= 0:
        return math.nan, slope
    return float(cxy) / (math.sqrt(vx) * math.sqrt(vy)), slope


def _finish(soal: _Soal, acc: _Akumulator) -> HasilSensitivitas:
    """Turn the exact sums into the reported statistics."""
    y1, y2, n = (int(v) for v in acc.y)
    if n != soal.draws:  # pragma: no cover - a merge that lost or repeated blocks
        raise RuntimeError(f"internal: {n} draws accumulated for {soal.draws}")
    unit = 10.0 ** -soal.desimal if soal.desimal is not None else 1.0 / soal.momen_skala
    mean = np.asarray([float(Fraction(int(s), n)) * unit for s in acc.s1], dtype=np.float64)
    sd = np.asarray(
        [math.sqrt(n * int(s2) - int(s1) ** 2) / n * unit for s1, s2 in zip(acc.s1, acc.s2, strict=True)], dtype=np.float64
    )
    names = [("bobot", k, 2.0**_GRID) for k in soal.kode_bobot]
    if soal.ambang is not None:
        names += [("ambang", k, 2.0**_GRID / soal.ambang if soal.ambang else math.nan) for k in soal.label_ambang]
    pengaruh = tuple(
        Pengaruh(jenis, kode, *_corr(n, int(acc.p1[i]), int(acc.p2[i]), y1, y2, int(acc.py[i]), scale))
        for i, (jenis, kode, scale) in enumerate(names)
    )
    per = tuple(
        RingkasKebijakan(k, int(acc.pol_n[p]), float(Fraction(int(acc.pol_y[p]), int(acc.pol_n[p]))) if acc.pol_n[p] else math.nan)
        for p, k in enumerate(soal.kebijakan)
    )
    return HasilSensitivitas(
        rubrik_id=soal.rubrik_id,
        draws=soal.draws,
        seed=soal.seed,
        konsentrasi=soal.konsentrasi,
        rentang=soal.rentang,
        ambang=soal.ambang,
        kebijakan=soal.kebijakan,
        kode=soal.kode,
        dasar=soal.dasar,
        peringkat_dasar=_baseline_ranks(np.asarray(soal.dasar.indeks_unit, dtype=np.int64)),
        hitung_kategori=acc.kategori,
        hitung_peringkat=acc.peringkat,
        indeks_rerata=mean,
        indeks_sd=sd,
        berubah_rerata=float(Fraction(y1, n)),
        pengaruh=pengaruh,
        per_kebijakan=per,
    )


def sensitivity(
    rubrik: Rubrik,
    matrix: AnswerMatrix,
    *,
    draws: int = 1000,
    seed: int = 0,
    konsentrasi: float = 500.0,
    rentang: float | None = None,
    ambang: float | None = None,
    kebijakan_tidak_berlaku: bool | Sequence[KebijakanTidakBerlaku | str] = False,
    hanya_maturitas: bool = False,
    chunk: int = 512,
    workers: int = 1,
    progress: Progress | None = None,
) -> HasilSensitivitas:
    """Redraw the rubric's weights (and optionally cut points and not-applicable rule) and re-score the cohort.

    The baseline is the rubric's exact batch path: the weighted sum where it
    weighs indicators, the maturity index where it weighs aspects.

    Args:
        rubrik: The rubric whose numbers are perturbed.
        matrix: The cohort's answers (e.g. ``AnswerMatrix.from_penilaian(rubrik, items)``).
        draws: Number of draws.
        seed: Seed of the draws; the same seed and inputs give the same result.
        konsentrasi: Dirichlet concentration around the baseline weight shares;
            larger is tighter, ``math.inf`` keeps the baseline weights.
        rentang: Instead of Dirichlet draws, move each weight uniformly within
            +-rentang (a fraction, e.g. ``0.2``) of its baseline, then rescale to
            the declared total; ``0`` keeps the baseline.
        ambang: Move each cut point uniformly within +-ambang index units
            (e.g. ``5`` points in regime A, ``0.02`` in regime B); ``None`` keeps them.
        kebijakan_tidak_berlaku: Regime B: ``True`` draws the not-applicable
            rule per draw among keluarkan / nol / maksimum, or give the rules to
            draw among; ``False`` keeps the rubric's own.
        hanya_maturitas: Regime B: score without the employee survey (as
            ``MaturityIndex(hanya_maturitas=True)``).
        chunk: Draws scored at once (rounded to whole blocks of :data:`BLOK`);
            bounds memory and never changes the result.
        workers: Threads scoring chunks side by side (numpy releases the
            GIL); worth it only on otherwise idle cores; never changes the result.
        progress: Called with (draws done, draws in total) after each chunk.

    Returns:
        The per-agency and per-parameter statistics.

    Raises:
        ValidationError: for invalid options or answers the rubric rejects.

    Examples:
        >>> import numpy as np
        >>> from meritsys import AnswerMatrix, get_rubrik
        >>> kasn = get_rubrik("kasn-2019")
        >>> rows = [[3] * 24, [4] * 12 + [2] * 12, [4] * 6 + [2] * 18]
        >>> m = AnswerMatrix.from_arrays(np.array(rows), kode=["a", "b", "c"])
        >>> h = sensitivity(kasn, m, draws=500, seed=1)
        >>> [str(x) for x in h.dasar.indeks()], h.dasar.kategori_label()
        (['300', '305', '250'], ['Baik', 'Baik', 'Baik'])
        >>> h.p_tetap().round(2).tolist()
        [1.0, 1.0, 0.47]
        >>> h.peringkat_dasar.tolist(), h.peringkat_min().tolist(), h.peringkat_maks().tolist()
        ([2, 1, 3], [1, 1, 3], [2, 2, 3])
    """
    options = SensitivityOptions(
        draws=draws, seed=seed, konsentrasi=konsentrasi, rentang=rentang, ambang=ambang,
        kebijakan_tidak_berlaku=kebijakan_tidak_berlaku, hanya_maturitas=hanya_maturitas, chunk=chunk, workers=workers,
    )
    callable_or_none("progress", progress, "a callable (draws done, draws in total)")
    soal = _prepare(rubrik, matrix, options)
    return _finish(soal, _run(soal, 0, soal.n_blok, options.chunk, progress, options.workers))
