"""The sensitivity engine: draws in seeded blocks, scored chunk by chunk into exact integer sums.

Draws are generated in fixed blocks of :data:`BLOK`, block *b* from the *b*-th
child of ``SeedSequence(seed)``, and every statistic is an exact integer sum,
so a run's result depends only on its inputs and seed: not on the chunk size,
the number of threads, or the order (or place) the blocks run in.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._attrs_methods import fields_repr
from meritsys.model import KebijakanTidakBerlaku
from meritsys.scoring import SkorBatch

__all__ = ["BLOK", "Akumulator", "Progress", "Soal", "add_chunk", "baseline_ranks", "chunk_sums", "draw_block", "run"]

BLOK = 256
"""Draws per random block: the unit of seeding, so results never depend on chunking."""

_GRID = 24
"""Parameters enter the influence sums on a grid of ``2**-24`` (exact integer sums)."""
_SLICE = 4096
"""Rows summed at once in ``int64`` before the sums move to exact Python integers."""

Progress = Callable[[int, int], None]
"""A progress hook: called with (draws done, draws in total)."""


@attrs.frozen(eq=False)
class Soal:
    """A prepared run: plain arrays and numbers a worker needs, picklable.

    ``tingkat[p]`` is the ``(K, N)`` integer-valued matrix the weights multiply
    under not-applicable rule *p*: counted levels (regime A) or aspect
    maturities over the common denominator (regime B).  An index is
    ``(W @ tingkat[p]) * faktor + tetap`` with ``W`` the weights in units of
    ``2**-bit``; every product and partial sum is an integer below ``2**53``,
    so the matrix product is exact whatever its blocking.
    """

    __repr__ = fields_repr

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
class Akumulator:
    """Exact running sums over draws; two of them merge by addition in any order."""

    __repr__ = fields_repr

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
    def empty(cls, soal: Soal) -> Akumulator:
        n, q, pol = soal.n, soal.tingkat.shape[1] + soal.cuts.size * (soal.ambang is not None), len(soal.kebijakan)
        return cls(
            np.zeros((n, soal.n_kategori), dtype=np.int64),
            np.zeros((n, n), dtype=np.int64),
            _zeros_obj(n), _zeros_obj(n), _zeros_obj(q), _zeros_obj(q), _zeros_obj(q), _zeros_obj(3),
            _zeros_obj(pol), _zeros_obj(pol),
        )

    def merged(self, other: Akumulator) -> Akumulator:
        """A new accumulator holding the sums of both; neither is changed."""
        return Akumulator(*(getattr(self, f.name) + getattr(other, f.name) for f in attrs.fields(Akumulator)))

    def add(self, other: Akumulator) -> None:
        """Add *other*'s sums to these (exact, so the order of adding does not matter)."""
        for field in attrs.fields(Akumulator):
            mine = getattr(self, field.name)
            mine += getattr(other, field.name)


def _exact_sum(a: npt.NDArray[np.int64], rows: int = _SLICE) -> npt.NDArray[np.object_]:
    """Column sums of an ``int64`` array as exact Python integers, *rows* rows at a time in ``int64``."""
    out = _zeros_obj(a.shape[1])
    for i in range(0, a.shape[0], rows):
        out += a[i : i + rows].sum(axis=0).astype(object)
    return out


def draw_block(soal: Soal, b: int) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64] | None, npt.NDArray[np.intp]]:
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

    Exact either way (see :class:`Soal`), but a threaded BLAS on these thin
    matrices spends more in thread hand-offs than in arithmetic, and competes
    with the chunk threads and Dask workers.
    """
    return np.asarray(np.einsum("dk,kn->dn", w, tingkat), dtype=np.float64)


def add_chunk(soal: Soal, acc: Akumulator, b0: int, b1: int) -> int:
    """Score draw blocks ``b0..b1-1`` at once and add their statistics to *acc*; return the draws scored."""
    n, c = soal.n, soal.n_kategori
    agency = np.arange(n, dtype=np.int64)
    base = soal.kategori_dasar
    parts = [draw_block(soal, b) for b in range(b0, b1)]
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


def chunk_sums(soal: Soal, b0: int, b1: int) -> tuple[Akumulator, int]:
    acc = Akumulator.empty(soal)
    return acc, add_chunk(soal, acc, b0, b1)


def run(
    soal: Soal, start: int, stop: int, chunk: int = 512, progress: Progress | None = None, workers: int = 1
) -> Akumulator:
    """Run draw blocks ``start..stop-1`` in chunks of about *chunk* draws; return their exact sums.

    With several *workers*, chunks run on that many threads (numpy releases the
    GIL), at most one chunk per thread at a time, so memory stays bounded.
    """
    per = max(1, chunk // BLOK)
    spans = ((b, min(b + per, stop)) for b in range(start, stop, per))
    total = min(stop * BLOK, soal.draws) - start * BLOK
    acc = Akumulator.empty(soal)
    done = 0
    if workers <= 1 or stop - start <= per:
        for b0, b1 in spans:
            done += add_chunk(soal, acc, b0, b1)
            if progress is not None:
                progress(done, total)
        return acc
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: set[Future[tuple[Akumulator, int]]] = set()
        queue = iter(spans)
        while True:
            for b0, b1 in itertools.islice(queue, workers - len(pending)):
                pending.add(pool.submit(chunk_sums, soal, b0, b1))
            if not pending:
                return acc
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                part, d = future.result()
                acc.add(part)
                done += d
                if progress is not None:
                    progress(done, total)


def baseline_ranks(units: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    ordered = np.sort(units)
    return np.asarray(units.size - np.searchsorted(ordered, units, side="right") + 1, dtype=np.int64)
