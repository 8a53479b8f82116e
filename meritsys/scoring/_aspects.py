"""Each aspect's fulfilment (0-1), exactly, for one assessment or a whole matrix.

Regime A: the aspect's points divided by its maximum.  Regime B: the aspect's
maturity, the mean of its counted answers each divided by its highest level,
with not-applicable answers counted as the composition declares.  Strategies
that aggregate aspects differently (geometric mean, weakest-aspect cap) build
on these.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

from meritsys.errors import Problem, ValidationError
from meritsys.model import KebijakanTidakBerlaku, LetakBobot, Rubrik
from meritsys.model._rubrik_rules import weight_grid

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["aspect_fulfilment", "aspect_fulfilment_matrix", "aspect_scale", "aspect_weights"]

TIDAK_BERLAKU = -1  # the cohort's cell for "not applicable" (meritsys.scoring.TIDAK_BERLAKU)


def aspect_weights(rubrik: Rubrik) -> list[Fraction]:
    """Each aspect's share of the whole (adding up to 1).

    Regime A: its maximum points over the rubric's maximum; regime B: its bobot
    over the sum of bobot.
    """
    if rubrik.letak_bobot is LetakBobot.INDIKATOR:
        raw = [
            sum((Fraction(i.bobot.nilai) * i.level_maks for i in a.indikator if i.bobot is not None), Fraction(0))
            for a in rubrik.aspek
        ]
    else:
        raw = [Fraction(a.bobot.nilai) if a.bobot is not None else Fraction(0) for a in rubrik.aspek]
    total = sum(raw, Fraction(0))
    return [w / total for w in raw]


def aspect_scale(rubrik: Rubrik) -> Fraction:
    """Where an aspect at full fulfilment sits on the scale of a rubric that weighs aspects: the sum of its aspect weights.

    An aspect's value is its fulfilment (0-1) times this: the weighted aspect
    part of the index if every aspect stood where this one does, classified
    by the index's own bands.  Regime B's weights add up to 1, so an aspect's
    value is its maturity; the JPT quality index's dimension weights add up to
    100, so a dimension at 85 % fulfilment is worth 85 of 100.
    """
    return sum((Fraction(a.bobot.nilai) for a in rubrik.aspek if a.bobot is not None), Fraction(0))


def _na_policy(rubrik: Rubrik) -> KebijakanTidakBerlaku:
    return rubrik.komposisi.tidak_berlaku if rubrik.komposisi is not None else KebijakanTidakBerlaku.KELUARKAN


def aspect_fulfilment(rubrik: Rubrik, levels: tuple[int | None, ...]) -> list[Fraction]:
    """Exact fulfilment (0-1) of each aspect for one assessment laid out in rubric order.

    Raises:
        ValidationError: if an aspect has nothing counted (every indicator not applicable).
    """
    out: list[Fraction] = []
    pos = 0
    na = _na_policy(rubrik)
    by_weight = rubrik.letak_bobot is LetakBobot.INDIKATOR
    for asp in rubrik.aspek:
        num = Fraction(0)
        den = Fraction(0)
        for ind in asp.indikator:
            level = levels[pos]
            pos += 1
            if by_weight:
                w = Fraction(ind.bobot.nilai) if ind.bobot is not None else Fraction(0)
                if level is not None:
                    num += w * level
                    den += w * ind.level_maks
                continue
            if level is not None:
                num += Fraction(level, ind.level_maks)
            elif na is KebijakanTidakBerlaku.KELUARKAN:
                continue
            elif na is KebijakanTidakBerlaku.MAKSIMUM:
                num += 1
            den += 1
        if den == 0:
            raise ValidationError([Problem("jawaban", f"aspect {asp.kode} has no counted indicator: its fulfilment is undefined", code="undefined")])
        out.append(num / den)
    return out


def aspect_fulfilment_matrix(
    rubrik: Rubrik, levels: npt.NDArray[np.int8]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Exact fulfilment of each aspect for every row, as integer numerators and denominators.

    Returns:
        ``(num, den)``, each ``(N, A)``: aspect *a* of row *i* is ``num[i, a] / den[i, a]``.

    Raises:
        ValidationError: naming the first row with an aspect that has nothing counted.
    """
    import numpy as np

    inds = rubrik.indikator
    na_mask = levels == TIDAK_BERLAKU
    counted_levels = np.where(na_mask, 0, levels).astype(np.int64)
    n_rows, n_aspek = levels.shape[0], len(rubrik.aspek)
    col_aspek = np.asarray(rubrik.aspek_indikator, dtype=np.intp)
    num = np.zeros((n_rows, n_aspek), dtype=np.int64)
    den = np.zeros((n_rows, n_aspek), dtype=np.int64)
    if rubrik.letak_bobot is LetakBobot.INDIKATOR:
        step = weight_grid(rubrik)  # weights in whole steps: below 2**52 by the grid rule
        w_int = np.asarray([int(Fraction(i.bobot.nilai) / step) if i.bobot is not None else 0 for i in inds], dtype=np.int64)
        top = np.asarray([i.level_maks for i in inds], dtype=np.int64)
        for a in range(n_aspek):
            cols = col_aspek == a
            num[:, a] = counted_levels[:, cols] @ w_int[cols]
            den[:, a] = (~na_mask[:, cols]).astype(np.int64) @ (w_int[cols] * top[cols])
    else:
        big_m = math.lcm(*(i.level_maks for i in inds))
        if big_m * 128 * len(inds) >= 2**62:  # unusual level sets: exact Python integers
            counted_levels = counted_levels.astype(object)
            num, den = num.astype(object), den.astype(object)
        scale_cols = np.asarray([big_m // i.level_maks for i in inds], dtype=counted_levels.dtype)
        terms = counted_levels * scale_cols
        counted = ~na_mask
        na = _na_policy(rubrik)
        if na is KebijakanTidakBerlaku.MAKSIMUM:
            terms = np.where(na_mask, big_m, terms)
        if na is not KebijakanTidakBerlaku.KELUARKAN:
            counted = np.ones_like(na_mask)
        for a in range(n_aspek):
            cols = col_aspek == a
            num[:, a] = terms[:, cols].sum(axis=1)
            den[:, a] = counted[:, cols].sum(axis=1) * big_m
    if (den == 0).any():
        r, a = np.argwhere(den == 0)[0]
        raise ValidationError([Problem(f"[{r}]", f"aspect {rubrik.aspek[a].kode} has no counted indicator: its fulfilment is undefined", code="undefined")])
    return num, den
