"""The improvement planner: the cheapest level increases that bring an assessment to a target.

Local leaders set targets ("from 250 to 325 next time", DOMAIN.md §1); the
planner answers *what to improve*.  Levels are cumulative (level *n* is level
*n - 1* met plus more, DOMAIN.md §3), so a plan gives each indicator a new,
higher level and pays for every step on the way.  Both additive strategies are
planned exactly:

* ``weighted-sum`` (regime A): a step of an indicator adds its bobot;
* ``maturity`` (regime B): a step of an indicator in aspect *a* adds
  ``bobot_maturitas x bobot_a / (n_a x level_maks)``, where *n_a* counts the
  aspect's counted answers, so the gain of a step does not depend on the others.

The search is a multiple-choice knapsack solved exactly, in integers, by
dynamic programming: over the shortfall in units of the gains' common
resolution (bounded by the shortfall, not the scale), or, where that
resolution is very fine and the costs simple, over the sums of (cost, steps).
Costs are exact decimals.  Among the cheapest plans it takes the one with the
fewest steps, then the one that lifts the index most, then the one that raises
indicators earlier in the rubric most.  The target is taken on the index as
reported, so where the rubric rounds (regime B) it is met after rounding.
Indicators that do not apply (a gate or the agency type) are never part of a
plan, and neither are answers left out under the ``tidak_berlaku``
missing-answer policy: answering them would change their aspect's mean.
Every plan is re-scored with the strategy itself before it is returned.

A target the plan cannot reach (under the caps, or above the scale) is not an
error: the :class:`Rencana` says so (``tercapai`` is false, ``alasan`` names
why) and carries the plan that gets closest, every raisable indicator at its cap.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._arguments import instance, mapping
from meritsys._cache import per_object
from meritsys._numbers import exact, fmt, fraction_to_decimal, round_half_up, to_decimal
from meritsys._repr import shown
from meritsys.errors import IncompatibleStrategyError, MeritsysError, Problem, ValidationError
from meritsys.model import (
    Hasil,
    JenisBatas,
    KategoriHasil,
    KebijakanTidakBerlaku,
    Penilaian,
    Rubrik,
)
from meritsys.rubrics import get_rubrik
from meritsys.scoring.api import score
from meritsys.scoring.maturity import MaturityIndex
from meritsys.scoring.protocols import ScoringStrategy
from meritsys.scoring.registry import get_strategy
from meritsys.scoring.weighted_sum import WeightedSum, weight_unit

__all__ = ["COST_PLACES", "MAX_BYTES", "MAX_STATES", "Langkah", "Rencana", "Target", "plan"]

Nilai: TypeAlias = Decimal | int | str
"""A number as the planner accepts it: exact, never a float."""


@attrs.frozen
class Target:
    """What a plan must reach: a category, or an index value.

    Args:
        indeks: The lowest reported index that reaches the target: the value
            asked for, or the lowest value of the category's band on the index's
            grid.  ``None`` for the lowest category, which every index reaches.
        kategori: The category asked for, or ``None`` when an index was asked for.

    Examples:
        >>> print(Target(Decimal("325"), KategoriHasil("IV", "Sangat Baik")))
        Sangat Baik (indeks >= 325)
        >>> print(Target(Decimal("0.61")))
        indeks >= 0.61
    """

    indeks: Decimal | None
    kategori: KategoriHasil | None = None

    def __str__(self) -> str:
        bound = "any indeks" if self.indeks is None else f"indeks >= {fmt(self.indeks)}"
        return bound if self.kategori is None else f"{self.kategori.label} ({bound})"


@attrs.frozen
class Langkah:
    """One indicator raised by a plan.

    Args:
        kode: The indicator's code.
        aspek: Its aspect's code.
        dari: Its level before the plan.
        ke: Its level after the plan.
        biaya: What the steps from *dari* to *ke* cost together.
        tambahan: What they add to the index before rounding (exact where the
            decimal terminates within 6 places, else rounded to 6).  The gains
            of the steps of a plan add up whatever the order they are taken in.
    """

    kode: str
    aspek: str
    dari: int
    ke: int
    biaya: Decimal
    tambahan: Decimal


@attrs.frozen
class Rencana:
    """An improvement plan for one assessment and its re-scored result.

    Args:
        target: What the plan aims at.
        awal: The assessment's result as it is.
        langkah: The indicators to raise, in rubric order; empty when the
            target is already reached.
        biaya: The plan's total cost.
        akhir: The result of the raised assessment, re-scored by the strategy.
        penilaian: The raised assessment (answers given under an alias keep it).
        tercapai: Whether ``akhir`` reaches the target.
        alasan: Why the target cannot be reached, or ``None``.
    """

    target: Target
    awal: Hasil
    langkah: tuple[Langkah, ...]
    biaya: Decimal
    akhir: Hasil
    penilaian: Penilaian
    tercapai: bool
    alasan: str | None = None

    @property
    def tambahan(self) -> Decimal:
        """How much the plan lifts the reported index."""
        return self.akhir.indeks - self.awal.indeks


@attrs.frozen
class _Susunan:
    """What the planner reads from a rubric, worked out once per rubric object.

    Args:
        bobot: Indicator weights as integers over *penyebut* (0 where the rubric weighs aspects).
        penyebut: The common denominator of the indicator weights.
        aspek: Each aspect's indicator positions and weight (0 where the rubric weighs indicators).
        level_maks: Each indicator's highest level.
        kode_aspek: Each indicator's aspect code.
        grid: The resolution of an unrounded weighted-sum index (the weight unit), else ``None``.
    """

    bobot: tuple[int, ...]
    penyebut: int
    aspek: tuple[tuple[range, Fraction], ...]
    level_maks: tuple[int, ...]
    kode_aspek: tuple[str, ...]
    grid: Decimal | None


@per_object
def _susunan(rubrik: Rubrik) -> _Susunan:
    weights = [Fraction(i.bobot.nilai) if i.bobot is not None else Fraction(0) for i in rubrik.indikator]
    den = math.lcm(*(w.denominator for w in weights))
    aspek = []
    pos = 0
    for asp in rubrik.aspek:
        aspek.append((range(pos, pos + len(asp.indikator)), Fraction(asp.bobot.nilai) if asp.bobot is not None else Fraction(0)))
        pos += len(asp.indikator)
    return _Susunan(
        tuple(int(w * den) for w in weights),
        den,
        tuple(aspek),
        tuple(i.level_maks for i in rubrik.indikator),
        tuple(rubrik.aspek[a].kode for a in rubrik.aspek_indikator),
        weight_unit(rubrik) if any(weights) else None,
    )


@attrs.frozen
class _Model:
    """A strategy's index for one assessment as a base plus independent per-step gains.

    Args:
        awal: The unrounded index.
        level: The level counted for each indicator, ``None`` where it does not apply.
        gain: The gain of one step of each applicable indicator, as an integer over *penyebut*.
        penyebut: The gains' common denominator.
        places: The decimals the reported index is rounded to, or ``None``.
        grid: The resolution of the reported index.
    """

    awal: Fraction
    level: tuple[int | None, ...]
    gain: Mapping[int, int]
    penyebut: int
    places: int | None
    grid: Decimal


@attrs.frozen
class _Item:
    """One raisable indicator for the knapsack.

    Args:
        pos: Its position in the rubric.
        gain: The gain of one step, in integer units.
        costs: The cost of raising it *k* steps (``costs[k]``), as integers over *penyebut*.
        keys: The ordering key of raising it *k* steps: cost, then steps, then gain.
        penyebut: The costs' common denominator.
    """

    pos: int
    gain: int
    costs: tuple[int, ...]
    keys: tuple[int, ...]
    penyebut: int


_CELLS = 500_000
"""Above this many (shortfall x item) cells the search by cost may take over.

The shortfall in gain units grows with the gains' common denominator, which a
rubric with many coprime aspect sizes makes large (a 39-question rubric with
aspects of 1-9 questions needs 134400 units per index point); the number of
distinct (cost, steps) sums stays small whenever the costs are few and simple
(the default: 1 per step).  Both searches return the same plan; this only
picks the faster one.
"""


COST_PLACES = 6
"""Step costs have at most this many decimal places."""
MAX_BYTES = 256 * 1024 * 1024
"""The most memory the search over the shortfall may use: ``(shortfall + 1) x (items + 24)`` bytes."""
MAX_STATES = 2_000_000
"""The most (cost, steps) sums the search by cost may hold at once."""


def _solver(items: Sequence[_Item], need: int) -> Callable[[Sequence[_Item], int], list[int]]:
    """The faster exact search for these items: over the shortfall, or over (cost, steps) sums.

    Both are bounded (:data:`MAX_BYTES`, :data:`MAX_STATES`), so a plan whose
    search would not fit in memory is refused instead of tried.
    """
    cells = need * len(items)
    if cells <= _CELLS:
        return _knapsack
    max_steps = sum(len(it.costs) - 1 for it in items)
    uniform = len({b - a for it in items for a, b in itertools.pairwise(it.costs)}) == 1
    sums = max_steps + 1 if uniform else (sum(it.costs[-1] for it in items) + 1) * (max_steps + 1)
    # a dict update in Python costs some twenty numpy cell updates
    if 20 * sums < need or (need + 1) * (len(items) + 24) > MAX_BYTES:
        return _knapsack_by_cost
    return _knapsack


def _key(kode: str) -> str:
    return f"[{json.dumps(kode, ensure_ascii=False)}]"


def _decimal(value: Fraction) -> Decimal:
    """A fraction that some power of ten makes whole (a sum of decimals), as an exact decimal.

    Built from its digits, so no decimal context rounds it, whatever its size.
    """
    places, units = 0, value
    while units.denominator != 1:
        places, units = places + 1, units * 10
    n = int(units)
    while places and n % 10 == 0:
        places, n = places - 1, n // 10
    return Decimal((int(n < 0), tuple(map(int, str(abs(n)))), -places))


def _rounded(value: Fraction, places: int | None) -> Decimal:
    return _decimal(value) if places is None else round_half_up(value, places)


def _model(rubrik: Rubrik, strategy: ScoringStrategy, penilaian: Penilaian, awal: Hasil) -> _Model:
    """The additive model of *strategy* for *penilaian*, whose result is *awal*.

    The levels counted (``None``: not applicable) are the result's own, in rubric order.
    """
    res = tuple(k.level for k in awal.kontribusi)
    st = _susunan(rubrik)
    if isinstance(strategy, WeightedSum):
        gain: dict[int, int] = {}
        num = 0
        for pos, (w, level) in enumerate(zip(st.bobot, res, strict=True)):
            if level is not None:
                gain[pos] = w
                num += w * level
        places = rubrik.skala.desimal_int
        assert st.grid is not None  # score() has checked that the rubric weighs indicators
        grid = st.grid if places is None else Decimal(1).scaleb(-places)
        return _Model(Fraction(num, st.penyebut), res, gain, st.penyebut, places, grid)
    if isinstance(strategy, MaturityIndex):
        assert rubrik.komposisi is not None  # score() has checked the pairing
        komp = rubrik.komposisi
        p = rubrik.skala.desimal_int
        places = 2 if p is None else p
        c_m, c_s = (
            (Fraction(1), Fraction(0))
            if strategy.hanya_maturitas
            else (Fraction(komp.bobot_maturitas.nilai), Fraction(komp.bobot_survei.nilai))
        )
        keep_na = komp.tidak_berlaku is not KebijakanTidakBerlaku.KELUARKAN
        top = 1 if komp.tidak_berlaku is KebijakanTidakBerlaku.MAKSIMUM else 0
        maturity = Fraction(0)
        # the gain of a step in aspect a is c_m x w_a / (n_a x level_maks): num / den per indicator
        parts: dict[int, tuple[int, int]] = {}
        for cols, w_a in st.aspek:
            counted = [c for c in cols if keep_na or res[c] is not None]
            if not counted:  # pragma: no cover - score() has already refused an empty aspect
                continue
            n_a = len(counted)
            mean = Fraction(0)
            for c in counted:
                level = res[c]
                mean += Fraction(top) if level is None else Fraction(level, st.level_maks[c])
            maturity += w_a * mean / n_a
            share = c_m * w_a
            for c in cols:
                if res[c] is not None:
                    parts[c] = (share.numerator, share.denominator * n_a * st.level_maks[c])
        den = math.lcm(*(d for _, d in parts.values())) if parts else 1
        gain = {c: num * (den // d) for c, (num, d) in parts.items()}
        survei = Fraction(penilaian.survei) if penilaian.survei is not None else Fraction(0)
        total = c_m * maturity + c_s * survei + Fraction(penilaian.koreksi)
        return _Model(total, res, gain, den, places, Decimal(1).scaleb(-places))
    raise IncompatibleStrategyError(  # pragma: no cover - plan() checks the strategy first
        f"the planner needs an additive strategy (weighted-sum or maturity); {strategy.name!r} is not one"
    )


def _target(rubrik: Rubrik, target: object, grid: Decimal) -> tuple[Target, int | None]:
    """The target and the band position it asks for (``None`` for an index target).

    Raises:
        ValidationError: at ``target`` for a value that is neither a category nor a
            number, or a string that reads as both a category code and an index.
    """
    pos: int | None = None
    number: Decimal | None = None
    if isinstance(target, str):
        want = target.strip().casefold()
        by_label = [i for i, k in enumerate(rubrik.kategori) if k.label.casefold() == want]
        by_code = [i for i, k in enumerate(rubrik.kategori) if k.kode.casefold() == want]
        try:
            number = to_decimal(target)
        except ValueError:
            number = None
        if by_label:
            pos, number = by_label[0], None
        elif by_code and number is not None:
            kat = rubrik.kategori[by_code[0]]
            text = fmt(number)
            alt = text + ("0" if "." in text else ".0")
            raise ValidationError([Problem("target", f"{target!r} is both the code of category {kat.label} and an index value; write the label ({kat.label!r}) or the index with decimals ({alt!r})")])
        elif by_code:
            pos = by_code[0]
        elif number is None:
            allowed = ", ".join(k.label for k in rubrik.kategori)
            raise ValidationError([Problem("target", f"{target!r} is neither a category of rubrik {rubrik.id} ({allowed}) nor an index value")])
    else:
        try:
            number = to_decimal(target)
        except ValueError as exc:
            raise ValidationError([Problem("target", f"{exc}; give a category (label or code) or an index value")]) from None
    if pos is None:
        assert number is not None
        return Target(_decimal(Fraction(number))), None
    kat = rubrik.kategori[pos]
    ringkas = KategoriHasil(kat.kode, kat.label)
    if pos == 0:
        return Target(None, ringkas), pos
    if rubrik.aturan_batas.jenis is JenisBatas.BAWAH_INKLUSIF:
        bawah = kat.batas_bawah
        assert bawah is not None  # guaranteed by Rubrik validation
        start = math.ceil(bawah.nilai / grid) * grid
    else:
        atas = rubrik.kategori[pos - 1].batas_atas
        assert atas is not None  # guaranteed by Rubrik validation
        start = (math.floor(atas.nilai / grid) + 1) * grid
    return Target(_decimal(Fraction(start)), ringkas), pos


def _options(
    rubrik: Rubrik,
    biaya: Mapping[str, Nilai | Sequence[Nilai]] | None,
    batas: Mapping[str, int] | None,
) -> tuple[dict[int, tuple[Fraction, ...]], dict[int, int], list[Problem]]:
    """Step costs (one per step from the lowest level) and caps by indicator position."""
    problems: list[Problem] = []
    costs: dict[int, tuple[Fraction, ...]] = {}
    caps: dict[int, int] = {}
    seen: dict[int, str] = {}

    def position(field: str, kode: object) -> int | None:
        if not isinstance(kode, str):
            problems.append(Problem(field, f"keys must be indicator codes, got {shown(kode)}"))
            return None
        pos = rubrik.posisi.get(kode)
        if pos is None:
            problems.append(Problem(f"{field}{_key(kode)}", f"not an indicator of rubrik {rubrik.id}"))
        elif seen.get(pos, kode) != kode:
            problems.append(Problem(f"{field}{_key(kode)}", f"indicator {rubrik.indikator[pos].kode} is given twice (by code and alias)"))
            pos = None
        else:
            seen[pos] = kode
        return pos

    def cost(path: str, value: object) -> Fraction | None:
        try:
            number = to_decimal(value)
        except ValueError as exc:
            problems.append(Problem(path, str(exc)))
            return None
        if number < 0:
            problems.append(Problem(path, f"a cost must not be negative, got {fmt(number)}"))
            return None
        if Fraction(number) * 10**COST_PLACES % 1:
            problems.append(Problem(path, f"{value} has more than {COST_PLACES} decimal places; step costs are read to {COST_PLACES} decimals at most"))
            return None
        return Fraction(number)

    for kode, value in (biaya or {}).items():
        pos = position("biaya", kode)
        if pos is None:
            continue
        ind = rubrik.indikator[pos]
        path = f"biaya{_key(kode)}"
        steps = ind.level_maks - ind.level_min
        if isinstance(value, Sequence) and not isinstance(value, str):
            if len(value) != steps:
                problems.append(Problem(path, f"needs {steps} step costs, one per step {ind.level_min}->{ind.level_min + 1} .. {ind.level_maks - 1}->{ind.level_maks}; got {len(value)}"))
                continue
            each = [cost(f"{path}[{i}]", v) for i, v in enumerate(value)]
            if all(c is not None for c in each):
                costs[pos] = tuple(c for c in each if c is not None)
        else:
            one = cost(path, value)
            if one is not None:
                costs[pos] = (one,) * steps
    seen.clear()
    for kode, level in (batas or {}).items():
        pos = position("batas", kode)
        if pos is None:
            continue
        ind = rubrik.indikator[pos]
        path = f"batas{_key(kode)}"
        if type(level) is not int:
            problems.append(Problem(path, f"must be a whole-number level, got {shown(level)}"))
        elif not ind.level_min <= level <= ind.level_maks:
            problems.append(Problem(path, f"level {shown(level)} is outside {ind.level_min}..{ind.level_maks}"))
        else:
            caps[pos] = level
    return costs, caps, problems


def _needed_units(model: _Model, start: Decimal, unit: Fraction) -> int:
    """How many gain units lift the reported index to at least *start* (0 or less: none)."""
    if model.places is None:
        threshold, strict = Fraction(start), False
    else:
        # round_half_up(x) >= L (L on the grid q) holds exactly when x >= L - q/2,
        # or x > L - q/2 where L <= 0 (ties round away from zero).
        q = Fraction(1, 10**model.places)
        low = math.ceil(Fraction(start) / q) * q
        threshold, strict = low - q / 2, low <= 0
    x = (threshold - model.awal) / unit
    return math.floor(x) + 1 if strict else math.ceil(x)


def _knapsack(items: Sequence[_Item], need: int) -> list[int]:
    """The steps per item of least total key whose gains add up to at least *need*.

    A dynamic programme over the remaining shortfall ``r`` (0..need), from the
    last item to the first; ``choice[j, r]`` keeps the largest *k* among the
    best for item *j*, so the walk from the first item returns, among the
    optimal plans, the one that raises earlier items most.
    """
    size = need + 1
    inf = sum(it.keys[-1] for it in items) + 1
    dtype: type = np.int64 if 2 * inf < 2**62 else object
    prev: npt.NDArray[np.int64] = np.full(size, inf, dtype=dtype)
    prev[0] = 0
    choice = np.zeros((len(items), size), dtype=np.int8)
    cand = np.empty_like(prev)
    for j in range(len(items) - 1, -1, -1):
        it = items[j]
        cur = prev.copy()
        for k in range(1, len(it.keys)):
            shift = min(k * it.gain, size)
            cand[:shift] = prev[0] + it.keys[k]
            np.add(prev[: size - shift], it.keys[k], out=cand[shift:])
            better = cand <= cur  # ties go to the larger k
            np.copyto(cur, cand, where=better)
            choice[j][better] = k
            if shift == size:
                break  # keys rise with k: a longer raise of this item cannot do better
        prev = cur
    steps: list[int] = []
    r = need
    for j, it in enumerate(items):
        k = int(choice[j, r])
        steps.append(k)
        r = max(0, r - k * it.gain)
    return steps


def _knapsack_by_cost(items: Sequence[_Item], need: int) -> list[int]:
    """The same optimum and tie-breaks as :func:`_knapsack`, searched over (cost, steps) sums.

    ``best[j]`` maps each (cost, steps) the items *j*.. can spend exactly to
    the largest gain they then give; the cheapest pair of ``best[0]`` whose
    gain reaches *need* is the optimum, and the walk takes at each item the
    largest *k* that keeps that gain.
    """
    best: list[dict[tuple[int, int], int]] = [{} for _ in range(len(items))] + [{(0, 0): 0}]
    for j in range(len(items) - 1, -1, -1):
        it, cur = items[j], best[j]
        for (c, t), g in best[j + 1].items():
            for k, cost in enumerate(it.costs):
                at = (c + cost, t + k)
                if cur.get(at, -1) < g + k * it.gain:
                    cur[at] = g + k * it.gain
        if len(cur) > MAX_STATES:
            raise ValidationError([Problem("biaya", (
                f"the cheapest plan cannot be searched within bounds: the step gains are fine-grained and the step "
                f"costs take more than {MAX_STATES:,} distinct sums; give fewer distinct step costs"
            ))])
    c, t = min(ct for ct, g in best[0].items() if g >= need)
    steps: list[int] = []
    for j, it in enumerate(items):
        want = best[j][(c, t)]
        for k in range(len(it.costs) - 1, -1, -1):
            rest = best[j + 1].get((c - it.costs[k], t - k))
            if rest is not None and rest + k * it.gain == want:
                break
        steps.append(k)
        c, t = c - it.costs[k], t - k
    return steps


def _items(
    rubrik: Rubrik,
    model: _Model,
    costs: Mapping[int, tuple[Fraction, ...]],
    caps: Mapping[int, int],
) -> tuple[list[_Item], Fraction]:
    """The raisable indicators as knapsack items, and the gain unit."""
    raisable: list[tuple[int, int, int, tuple[Fraction, ...] | None]] = []
    for pos, step_gain in model.gain.items():
        level = model.level[pos]
        ind = rubrik.indikator[pos]
        top = min(ind.level_maks, caps.get(pos, ind.level_maks))
        if level is None or step_gain <= 0 or top <= level:
            continue
        own = costs.get(pos)
        steps = None if own is None else own[level - ind.level_min : top - ind.level_min]
        raisable.append((pos, top - level, step_gain, steps))
    if not raisable:
        return [], Fraction(1)
    g_gcd = math.gcd(*(g for _, _, g, _ in raisable))
    c_den = math.lcm(1, *(c.denominator for *_, cs in raisable if cs is not None for c in cs))
    max_steps = sum(n for _, n, _, _ in raisable)
    total_gain = sum(n * g for _, n, g, _ in raisable) // g_gcd
    # key = (cost, steps, -gain) lexicographically, as one integer:
    # (cost x (max_steps + 1) + steps) x (total_gain + 1) - gain.
    m_steps, m_gain = max_steps + 1, total_gain + 1
    items = []
    for pos, n, g, cs in raisable:
        gain = g // g_gcd
        if cs is None:  # a step not listed costs 1
            cum = [k * c_den for k in range(n + 1)]
        else:
            cum = [0]
            for c in cs:
                cum.append(cum[-1] + c.numerator * (c_den // c.denominator))
        keys = tuple((cost * m_steps + k) * m_gain - k * gain for k, cost in enumerate(cum))
        items.append(_Item(pos, gain, tuple(cum), keys, c_den))
    return items, Fraction(g_gcd, model.penyebut)


def _raised(rubrik: Rubrik, penilaian: Penilaian, levels: Mapping[int, int]) -> Penilaian:
    """*penilaian* with new levels at the given positions, keyed as the assessment keyed them."""
    jawaban = dict(penilaian.jawaban)
    keys = {rubrik.posisi[k]: k for k in jawaban}
    for pos, level in levels.items():
        jawaban[keys.get(pos, rubrik.indikator[pos].kode)] = level
    return attrs.evolve(penilaian, jawaban=jawaban)


def _reached(rubrik: Rubrik, target: Target, pos: int | None, hasil: Hasil) -> bool:
    if pos is not None:
        got = next(i for i, k in enumerate(rubrik.kategori) if k.kode == hasil.kategori.kode)
        return got >= pos
    assert target.indeks is not None
    return hasil.indeks >= target.indeks


@exact
def plan(
    penilaian: Penilaian,
    target: Nilai,
    rubrik: Rubrik | str | None = None,
    *,
    biaya: Mapping[str, Nilai | Sequence[Nilai]] | None = None,
    batas: Mapping[str, int] | None = None,
    strategy: ScoringStrategy | str | None = None,
) -> Rencana:
    """The cheapest level increases that bring *penilaian* to *target*.

    Args:
        penilaian: The assessment.
        target: A category of the rubric (its label or code, case-insensitive)
            or an index value (``Decimal``, ``int`` or a numeric string) the
            reported index must reach.  A string that is both a category code
            and a number (regime B codes ``"1"`` .. ``"5"``) is refused as ambiguous.
        rubrik: A rubric, a shipped rubric's id, or ``None`` for the assessment's own.
        biaya: The cost of one step, by indicator code or alias: a number for
            every step of the indicator, or a sequence with one cost per step
            of its level set, from the lowest level up (``[c1, c2, c3, c4]``
            for levels 0-4: ``c1`` for 0->1, ... ``c4`` for 3->4).  Costs are
            exact (no floats) and not negative; a step not listed costs 1.
        batas: The highest level the plan may give an indicator, by code or
            alias.  A cap at or below the current level keeps the indicator as it is.
        strategy: A strategy, a registered name, or ``None`` for the rubric's
            own; it must be ``weighted-sum`` or ``maturity`` (or configured
            instances of them).

    Returns:
        The plan.  Its ``tercapai`` is false when no plan reaches the target;
        it then raises every indicator it may to its cap and ``alasan`` says
        how far that gets.

    Raises:
        ValidationError: for an assessment that does not fit the rubric, or a
            target, cost or cap that is not valid (addressed ``target``,
            ``biaya["3.2"]``, ``batas["3.2"]``), all reported together.
        IncompatibleStrategyError: for a strategy the planner cannot model.

    Examples:
        >>> import meritsys
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> kab = meritsys.Instansi("kab-contoh", "Pemerintah Kabupaten Contoh", "kabupaten")
        >>> p = meritsys.Penilaian(kab, 2023, kasn.id, {i.kode: 3 for i in kasn.indikator})
        >>> r = plan(p, "Sangat Baik")
        >>> r.awal.indeks, r.akhir.indeks, r.akhir.kategori.label, r.biaya
        (Decimal('300'), Decimal('326'), 'Sangat Baik', Decimal('4'))
        >>> [(s.kode, s.dari, s.ke, s.tambahan) for s in r.langkah]
        [('2.2', 3, 4, Decimal('6')), ('3.4', 3, 4, Decimal('6')), ('5.1', 3, 4, Decimal('7')), ('5.3', 3, 4, Decimal('7'))]
        >>> plan(p, "Baik").langkah
        ()
    """
    instance("penilaian", penilaian, Penilaian)
    mapping("biaya", biaya, "indicator code to a step cost (or a list of step costs)")
    mapping("batas", batas, "indicator code to the highest level")
    if not isinstance(rubrik, Rubrik):
        instance("rubrik", rubrik, (str, type(None)), "a Rubrik, a rubric id or None")
    r = rubrik if isinstance(rubrik, Rubrik) else get_rubrik(rubrik if rubrik is not None else penilaian.rubrik)
    s = get_strategy(strategy or r.strategi) if strategy is None or isinstance(strategy, str) else strategy
    if not isinstance(s, WeightedSum | MaturityIndex):
        raise IncompatibleStrategyError(
            f"the planner needs an additive strategy (weighted-sum or maturity); {s.name!r} is not one"
        )
    problems: list[Problem] = []
    awal: Hasil | None = None
    try:
        awal = score(penilaian, r, strategy=s)
    except ValidationError as exc:
        problems.extend(exc.problems)
    costs, caps, more = _options(r, biaya, batas)
    problems.extend(more)
    model = _model(r, s, penilaian, awal) if awal is not None else None
    tgt: tuple[Target, int | None] | None = None
    try:
        tgt = _target(r, target, model.grid if model is not None else Decimal(1))
    except ValidationError as exc:
        problems.extend(exc.problems)
    if problems or awal is None or model is None or tgt is None:
        raise ValidationError(problems)
    target_, pos = tgt
    if _rounded(model.awal, model.places) != awal.indeks:
        raise IncompatibleStrategyError(
            f"strategy {s.name!r} does not score rubrik {r.id} as the planner models it "
            f"({fmt(_rounded(model.awal, model.places))} vs {fmt(awal.indeks)}); it cannot plan for it"
        )
    items, unit = _items(r, model, costs, caps)
    need = 0 if target_.indeks is None else _needed_units(model, target_.indeks, unit)
    if need <= 0:
        return Rencana(target_, awal, (), Decimal(0), awal, penilaian, True)
    reachable = sum(it.gain * (len(it.keys) - 1) for it in items) >= need
    steps = _solver(items, need)(items, need) if reachable else [len(it.keys) - 1 for it in items]
    langkah: list[Langkah] = []
    new_levels: dict[int, int] = {}
    total = Fraction(0)
    for it, k in sorted(zip(items, steps, strict=True), key=lambda x: x[0].pos):
        if not k:
            continue
        ind = r.indikator[it.pos]
        dari = model.level[it.pos]
        assert dari is not None
        cost = Fraction(it.costs[k], it.penyebut)
        total += cost
        new_levels[it.pos] = dari + k
        gain = Fraction(model.gain[it.pos] * k, model.penyebut)
        langkah.append(Langkah(ind.kode, _susunan(r).kode_aspek[it.pos], dari, dari + k, _decimal(cost), fraction_to_decimal(gain)))
    raised = _raised(r, penilaian, new_levels)
    akhir = score(raised, r, strategy=s)
    tercapai = _reached(r, target_, pos, akhir)
    if tercapai != reachable:  # pragma: no cover - the model and the strategy disagree
        raise MeritsysError(f"internal error: the plan for {target_} re-scores to {fmt(akhir.indeks)}, which the planner did not predict")
    alasan = None
    if not tercapai:
        how = "every raisable indicator at its cap" if items else "no indicator can be raised (each is at its cap or does not apply)"
        alasan = (
            f"the target {target_} cannot be reached: with {how} the index is "
            f"{fmt(akhir.indeks)} ({akhir.kategori.label})"
        )
    return Rencana(target_, awal, tuple(langkah), _decimal(total), akhir, raised, tercapai, alasan)
