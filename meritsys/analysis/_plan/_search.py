"""The exact search for the cheapest plan: a multiple-choice knapsack over integer gains and costs.

The shortfall in gain units grows with the gains' common denominator, which a
rubric with many coprime aspect sizes makes large; the number of distinct
(cost, steps) sums stays small whenever the costs are few and simple (the
default: 1 per step).  Both searches return the same plan; :func:`solver`
picks the faster one, and both are bounded in memory.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs
import numpy as np
import numpy.typing as npt

from meritsys._attrs_methods import fields_eq, fields_hash, fields_repr
from meritsys._limits import MAX_PLAN_BYTES as MAX_BYTES
from meritsys._limits import MAX_PLAN_STATES as MAX_STATES
from meritsys.errors import Problem, ValidationError
from meritsys.model import Rubrik

__all__ = ["MAX_BYTES", "MAX_STATES", "Item", "Model", "items_of", "needed_units", "solver"]


@attrs.frozen
class Model:
    """A strategy's index for one assessment as a base plus independent per-step gains.

    Args:
        awal: The unrounded index.
        level: The level counted for each indicator, ``None`` where it does not apply.
        gain: The gain of one step of each applicable indicator, as an integer over *penyebut*.
        penyebut: The gains' common denominator.
        places: The decimals the reported index is rounded to, or ``None``.
        grid: The resolution of the reported index.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    awal: Fraction
    level: tuple[int | None, ...]
    gain: Mapping[int, int]
    penyebut: int
    places: int | None
    grid: Decimal


@attrs.frozen
class Item:
    """One raisable indicator for the knapsack.

    Args:
        pos: Its position in the rubric.
        gain: The gain of one step, in integer units.
        costs: The cost of raising it *k* steps (``costs[k]``), as integers over *penyebut*.
        keys: The ordering key of raising it *k* steps: cost, then steps, then gain.
        penyebut: The costs' common denominator.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

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




def solver(items: Sequence[Item], need: int) -> Callable[[Sequence[Item], int], list[int]]:
    """The faster exact search for these items: over the shortfall, or over (cost, steps) sums.

    Both are bounded (:data:`MAX_BYTES`, :data:`MAX_STATES`), so a plan whose
    search would not fit in memory is refused instead of tried.
    """
    cells = need * len(items)
    if cells <= _CELLS:
        return _knapsack
    if 2 * (sum(it.keys[-1] for it in items) + 1) >= 2**62:
        # keys beyond 64 bits: the array search would work on Python integers, some fifty
        # times slower per cell; the search over sums (bounded by MAX_STATES) is used instead
        return _knapsack_by_cost
    max_steps = sum(len(it.costs) - 1 for it in items)
    uniform = len({b - a for it in items for a, b in itertools.pairwise(it.costs)}) == 1
    sums = max_steps + 1 if uniform else (sum(it.costs[-1] for it in items) + 1) * (max_steps + 1)
    # a dict update in Python costs some twenty numpy cell updates
    if 20 * sums < need or (need + 1) * (len(items) + 24) > MAX_BYTES:
        return _knapsack_by_cost
    return _knapsack


def needed_units(model: Model, start: Decimal, unit: Fraction) -> int:
    """How many gain units lift the reported index to at least *start* (0 or less: none).

    The reported index is the unrounded one rounded half-up to the grid *q*
    (a no-op where the index already lies on it): ``round(x) >= L`` (``L`` on
    the grid) holds exactly when ``x >= L - q/2``, or ``x > L - q/2`` where
    ``L <= 0`` (ties round away from zero).
    """
    q = Fraction(model.grid)
    low = math.ceil(Fraction(start) / q) * q
    threshold, strict = low - q / 2, low <= 0
    x = (threshold - model.awal) / unit
    return math.floor(x) + 1 if strict else math.ceil(x)


def _knapsack(items: Sequence[Item], need: int) -> list[int]:
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


def _knapsack_by_cost(items: Sequence[Item], need: int) -> list[int]:
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
            ), code="too-large")])
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


def items_of(
    rubrik: Rubrik,
    model: Model,
    costs: Mapping[int, tuple[Fraction, ...]],
    caps: Mapping[int, int],
) -> tuple[list[Item], Fraction]:
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
        items.append(Item(pos, gain, tuple(cum), keys, c_den))
    return items, Fraction(g_gcd, model.penyebut)
