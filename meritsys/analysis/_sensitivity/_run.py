"""Running a sensitivity analysis: the baseline, the linear model of the strategy, the draws, the statistics."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import attrs
import numpy as np

from meritsys._arguments import callable_or_none
from meritsys.analysis._sensitivity._engine import Akumulator, Progress, Soal, baseline_ranks, run
from meritsys.analysis._sensitivity._options import SensitivityOptions
from meritsys.analysis._sensitivity._result import HasilSensitivitas, Pengaruh, RingkasKebijakan
from meritsys.errors import ValidationError
from meritsys.model import JenisBatas, KebijakanTidakBerlaku, Penilaian, Rubrik
from meritsys.scoring import (
    Kohort,
    MaturityIndex,
    ScoringStrategy,
    WeightModel,
    require_linear,
    resolve_strategy,
)
from meritsys.scoring._kohort_stages import require_one_stage

__all__ = ["finish", "prepare", "sensitivity"]

_GRID = 24
"""Parameters enter the influence sums on a grid of ``2**-24`` (exact integer sums)."""


def _strategy(rubrik: Rubrik, strategy: ScoringStrategy | str | None, options: SensitivityOptions) -> ScoringStrategy:
    if options.hanya_maturitas:
        if strategy is not None:
            raise ValidationError("hanya_maturitas chooses the maturity-only strategy; give it or a strategy, not both", code="conflict")
        return MaturityIndex(hanya_maturitas=True)
    return resolve_strategy(strategy, rubrik)


def prepare(rubrik: Rubrik, kohort: Kohort, options: SensitivityOptions, strategy: ScoringStrategy | str | None = None) -> Soal:
    """Check the options against the rubric, score the baseline exactly and lay out the arrays a run needs.

    The strategy's linear model (:meth:`~meritsys.scoring.LinearStrategy.weight_model`)
    says what is redrawn: the weights its index is linear in (indicator weights
    for ``weighted-sum``, aspect weights for ``maturity``).

    Raises:
        ValidationError: for options the rubric does not allow, or an empty cohort.
        IncompatibleStrategyError: for a strategy that is not linear.
    """
    policies = options.check(rubrik)
    s = require_linear(_strategy(rubrik, strategy, options), "the sensitivity analysis")
    if len(kohort) == 0:
        raise ValidationError("the cohort has no rows: nothing to analyse", code="empty")
    dasar = s.score_batch(rubrik, kohort)
    komp = rubrik.komposisi
    models: list[WeightModel] = []
    for p in policies:
        r_p = rubrik if komp is None or p is komp.tidak_berlaku else attrs.evolve(rubrik, komposisi=attrs.evolve(komp, tidak_berlaku=p))
        models.append(s.weight_model(r_p, kohort))
    m0 = models[0]
    jumlah = m0.jumlah
    top = math.lcm(*(m.penyebut for m in models))
    tingkat = np.stack([m.tingkat * float(top // m.penyebut) for m in models]).astype(np.float64)
    tetap = None if m0.tetap is None else np.asarray([float(v) for v in m0.tetap], dtype=np.float64)
    bound = m0.maks_tingkat * top  # the largest a term can be, in units of 1 / top
    v_max = abs(m0.koefisien) * jumlah * m0.maks_tingkat + (max((abs(v) for v in m0.tetap), default=Fraction(0)) if m0.tetap else 0)
    places = m0.places
    # Weights in units of 2**-bit, so every product and partial sum is an integer below 2**52.
    bit = 51 - math.ceil(math.log2(float(jumlah * bound) + 1))
    if bit < 8:
        raise ValidationError(f"rubrik {rubrik.id}: weights times levels are too large for exact sensitivity sums", code="too-large")
    basis = np.asarray([float(w / jumlah) for w in m0.bobot], dtype=np.float64)
    lower = rubrik.aturan_batas.jenis is JenisBatas.BAWAH_INKLUSIF
    bounds = [k.batas_bawah for k in rubrik.kategori[1:]] if lower else [k.batas_atas for k in rubrik.kategori[:-1]]
    cuts = np.asarray([float(b.nilai) for b in bounds if b is not None], dtype=np.float64)
    v_bound = float(v_max) * (1 + 1e-6) + 1
    if places is not None:
        momen_skala, q_maks = 1.0, math.ceil(v_bound * 10**places) + 1
    else:
        momen_skala = 2.0 ** (25 - math.ceil(math.log2(v_bound)))
        q_maks = math.ceil(v_bound * momen_skala) + 1
    return Soal(
        draws=options.draws,
        seed=options.seed,
        tingkat=tingkat,
        basis=basis,
        skala_w=float(jumlah) * 2.0**bit,
        faktor=float(m0.koefisien / top / 2**bit),
        tetap=tetap,
        desimal=places,
        cuts=cuts,
        bawah=lower,
        konsentrasi=None if options.rentang is not None else float(options.konsentrasi),
        rentang=None if options.rentang is None else float(options.rentang),
        ambang=float(options.ambang) if options.ambang else None,
        kebijakan=policies,
        kategori_dasar=np.asarray(dasar.kategori, dtype=np.intp),
        momen_skala=momen_skala,
        q_maks=q_maks,
        n_kategori=len(rubrik.kategori),
        rubrik_id=rubrik.id,
        kode=tuple(str(k) for k in kohort.kode),
        kode_bobot=m0.kode,
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


def finish(soal: Soal, acc: Akumulator) -> HasilSensitivitas:
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
        peringkat_dasar=baseline_ranks(np.asarray(soal.dasar.indeks_unit, dtype=np.int64)),
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
    kohort: Kohort | Sequence[Penilaian],
    *,
    strategy: ScoringStrategy | str | None = None,
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

    The baseline is the strategy's exact batch path (the rubric's own strategy
    unless another is given); what is redrawn is what the strategy's index is
    linear in (:meth:`~meritsys.scoring.LinearStrategy.weight_model`): the
    indicator weights for ``weighted-sum``, the aspect weights for ``maturity``.

    Args:
        rubrik: The rubric whose numbers are perturbed.
        kohort: The cohort, or assessments (laid out as a cohort once, here).
        strategy: A linear strategy, a registered name, or ``None`` for the rubric's own.
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
        >>> from meritsys import Kohort, get_rubrik
        >>> kasn = get_rubrik("kasn-2019")
        >>> rows = [[3] * 37, [4] * 18 + [2] * 19, [4] * 8 + [2] * 14 + [4] + [2] * 14]
        >>> kohort = Kohort.from_arrays(kasn, np.array(rows), kode=["a", "b", "c"])
        >>> h = sensitivity(kasn, kohort, draws=500, seed=1)
        >>> [str(x) for x in h.dasar.indeks()], h.dasar.kategori_label()
        (['300', '305', '250'], ['Baik', 'Baik', 'Baik'])
        >>> h.p_keep().round(2).tolist()
        [1.0, 1.0, 0.45]
        >>> h.peringkat_dasar.tolist(), h.rank_min().tolist(), h.rank_max().tolist()
        ([2, 1, 3], [1, 1, 3], [2, 2, 3])
    """
    options = SensitivityOptions(
        draws=draws, seed=seed, konsentrasi=konsentrasi, rentang=rentang, ambang=ambang,
        kebijakan_tidak_berlaku=kebijakan_tidak_berlaku, hanya_maturitas=hanya_maturitas, chunk=chunk, workers=workers,
    )
    callable_or_none("progress", progress, "a callable (draws done, draws in total)")
    cohort = kohort if isinstance(kohort, Kohort) else Kohort.from_penilaian(rubrik, kohort)
    require_one_stage(cohort, "a sensitivity analysis (it ranks agencies)")
    soal = prepare(rubrik, cohort, options, strategy)
    return finish(soal, run(soal, 0, soal.n_blok, options.chunk, progress, options.workers))
