"""The single path of an aspect-linear strategy, laid out once per rubric, strategy setup and applicability.

Given which indicators apply (the pattern of ``None`` in the resolved
levels), an :class:`~meritsys.scoring.AspectLinear` index is linear in the
levels with fixed coefficients: each aspect's fulfilment is an integer
numerator over a fixed denominator, each indicator's contribution per level
and its one-step suggestion are fixed decimals.  A :class:`Plan` holds those
once, so scoring one assessment adds integers and looks up prepared objects;
the index is rounded in integers, exactly as the fractions would round.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from meritsys._attrs_methods import fields_repr
from meritsys._cache import per_object
from meritsys._numbers import exact, exact_decimal, fraction_to_decimal, plain, round_half_up
from meritsys.errors import Problem, ValidationError
from meritsys.model import HasilAspek, KategoriHasil, KebijakanTidakBerlaku, Kontribusi, Rubrik, Saran
from meritsys.scoring._aspects import aspect_scale

if TYPE_CHECKING:
    from meritsys.scoring._aspect_linear import _Setup

__all__ = ["Plan", "plan_for", "round_units"]

_Step = tuple[int, Kontribusi, "Saran | None"]  # numerator units, the contribution as reported, the suggestion
_Row = tuple[int, dict[int, _Step], Kontribusi]  # position, per level, the not-applicable entry
_PLANS = 256
"""Plans remembered per rubric (strategy setups x applicability patterns: a handful in practice)."""
_RESULTS = 1 << 12
"""Aspect results remembered per plan."""


@attrs.frozen(eq=False)
class Plan:
    """One rubric, one strategy setup, one applicability pattern: everything but the levels, prepared.

    Aspect *a* of an assessment has fulfilment ``(base[a] + sum of its
    indicators' units) / den[a]``; the aspect part of the index is
    ``sum_a coef[a] x numerator_a / q``.
    """

    __repr__ = fields_repr

    rubrik: Rubrik
    st: _Setup
    aspects: tuple[tuple[_Row, ...], ...]
    base: tuple[int, ...]
    den: tuple[int, ...]
    coef: tuple[int, ...]
    q: int
    gains: tuple[Fraction, ...]  # per indicator position: the index gain of one level
    results: dict[tuple[int, int], HasilAspek] = attrs.field(factory=dict)

    def step(self, a: int, row: _Row, level: int) -> _Step:
        """The units, contribution and suggestion of *level* (one outside the level set is built here)."""
        found = row[1].get(level)
        if found is None:
            found = _step(self.rubrik, self.st, a, row[0], level, self.gains[row[0]], self._units(a, row[0]))
        return found

    def _units(self, a: int, pos: int) -> int:
        ind = self.rubrik.indikator[pos]
        if self.st.regime_b:
            return _aspect_lcm(self.rubrik, a) // ind.level_maks
        return _weight_units(self.rubrik, pos)

    def aspect(self, a: int, num: int, classify: Callable[[Decimal], KategoriHasil] | None, cacheable: bool) -> HasilAspek:
        """Aspect *a*'s result for fulfilment ``num / den[a]``.

        *classify* gives a regime B aspect's maturity level; *cacheable* says
        whether the result may be remembered (it may not when a custom
        classifier could answer differently another time).
        """
        key = (a, num)
        if cacheable:
            found = self.results.get(key)
            if found is not None:
                return found
        asp = self.rubrik.aspek[a]
        f = Fraction(num, self.den[a])
        if self.st.regime_b:
            # the aspect's value on the index scale (a maturity in regime B, points of 100 for the JPT index)
            scale = _scale(self.rubrik)
            m = round_half_up(f * scale, self.st.places if self.st.places is not None else 2)
            capaian = m if scale == 1 else _ratio(m, scale)
            out = HasilAspek(asp.kode, asp.nama, m, _scale_decimal(self.rubrik), capaian, classify(m) if classify is not None else None)
        else:
            c = self.st.c[a]
            shown = plain(exact_decimal(c)) if _terminates(c) else fraction_to_decimal(c)
            out = HasilAspek(asp.kode, asp.nama, fraction_to_decimal(c * f), shown, fraction_to_decimal(f, 4))
        if cacheable and len(self.results) < _RESULTS:
            self.results[key] = out
        return out


@per_object
def _scale(rubrik: Rubrik) -> Fraction:
    return aspect_scale(rubrik)


@per_object
def _scale_decimal(rubrik: Rubrik) -> Decimal:
    return plain(exact_decimal(_scale(rubrik)))


def _ratio(value: Decimal, scale: Fraction) -> Decimal:
    """*value* / *scale*, the fulfilment the reported value stands for (85.25 / 100 = 0.8525), to at most 4 places."""
    return fraction_to_decimal(Fraction(value) / scale, 4)


def round_units(num: int, den: int) -> int:
    """``num / den`` rounded half-up (ties away from zero) to a whole number, in integers."""
    mag = (2 * abs(num) + den) // (2 * den)
    return -mag if num < 0 else mag


@per_object
def _plans(rubrik: Rubrik) -> dict[tuple[_Setup, tuple[bool, ...]], Plan]:
    return {}


def plan_for(rubrik: Rubrik, st: _Setup, levels: tuple[int | None, ...]) -> Plan:
    """The plan for *rubrik* under setup *st* and the applicability of *levels* (built once, then shared).

    Raises:
        ValidationError: if an aspect has nothing counted (its fulfilment is undefined).
    """
    pattern = tuple(level is None for level in levels)
    store = _plans(rubrik)
    found = store.get((st, pattern))
    if found is None:
        found = _build(rubrik, st, pattern)
        if len(store) >= _PLANS:
            store.clear()
        store[(st, pattern)] = found
    return found


def _na(rubrik: Rubrik) -> KebijakanTidakBerlaku:
    return rubrik.komposisi.tidak_berlaku if rubrik.komposisi is not None else KebijakanTidakBerlaku.KELUARKAN


@per_object
def _lcms(rubrik: Rubrik) -> list[int]:
    return [math.lcm(1, *(i.level_maks for i in asp.indikator)) for asp in rubrik.aspek]


def _aspect_lcm(rubrik: Rubrik, a: int) -> int:
    return _lcms(rubrik)[a]


@per_object
def _grid_weights(rubrik: Rubrik) -> list[int]:
    from meritsys.model._rubrik_rules import weight_grid

    step = weight_grid(rubrik)
    return [int(Fraction(i.bobot.nilai) / step) if i.bobot is not None else 0 for i in rubrik.indikator]


def _weight_units(rubrik: Rubrik, pos: int) -> int:
    return _grid_weights(rubrik)[pos]


def _step(rubrik: Rubrik, st: _Setup, a: int, pos: int, level: int, gain: Fraction, units: int) -> _Step:
    ind = rubrik.indikator[pos]
    kode, aspek = ind.kode, rubrik.aspek[a].kode
    saran = Saran(kode, level, level + 1, fraction_to_decimal(gain)) if level < ind.level_maks else None
    return units * level, Kontribusi(kode, aspek, level, fraction_to_decimal(gain * level), True, False), saran


@exact
def _build(rubrik: Rubrik, st: _Setup, pattern: tuple[bool, ...]) -> Plan:
    na = _na(rubrik)
    aspects: list[tuple[_Row, ...]] = []
    base: list[int] = []
    dens: list[int] = []
    weights: list[Fraction] = []  # c_m x c_a / den_a: the index per unit of an aspect's numerator
    gains: list[Fraction] = [Fraction(0)] * len(rubrik.indikator)
    pos = 0
    for a, asp in enumerate(rubrik.aspek):
        span = range(pos, pos + len(asp.indikator))
        pos += len(asp.indikator)
        if not st.regime_b:
            w = _grid_weights(rubrik)
            den = sum(w[p] * rubrik.indikator[p].level_maks for p in span if not pattern[p])
            units = {p: w[p] for p in span}
            start = 0
            share = {p: Fraction(w[p], den) if den else Fraction(0) for p in span}
        else:
            lcm = _aspect_lcm(rubrik, a)
            absent = sum(1 for p in span if pattern[p])
            counted = len(span) - (absent if na is KebijakanTidakBerlaku.KELUARKAN else 0)
            den = counted * lcm
            units = {p: lcm // rubrik.indikator[p].level_maks for p in span}
            start = absent * lcm if na is KebijakanTidakBerlaku.MAKSIMUM else 0
            share = {p: Fraction(1, counted * rubrik.indikator[p].level_maks) if counted else Fraction(0) for p in span}
        if den == 0:
            raise ValidationError([Problem("jawaban", f"aspect {asp.kode} has no counted indicator: its fulfilment is undefined", code="undefined")])
        rows: list[_Row] = []
        for p in span:
            ind = rubrik.indikator[p]
            gain = gains[p] = st.c_m * st.c[a] * share[p]
            steps = {lv.nilai: _step(rubrik, st, a, p, lv.nilai, gain, units[p]) for lv in ind.level}
            amount = ind.level_maks if st.regime_b and na is KebijakanTidakBerlaku.MAKSIMUM else 0
            rows.append((p, steps, Kontribusi(ind.kode, asp.kode, None, fraction_to_decimal(gain * amount), False, False)))
        aspects.append(tuple(rows))
        base.append(start)
        dens.append(den)
        weights.append(st.c_m * st.c[a] / den)
    q = math.lcm(1, *(w.denominator for w in weights))
    coef = tuple(int(w * q) for w in weights)
    return Plan(rubrik, st, tuple(aspects), tuple(base), tuple(dens), coef, q, tuple(gains))


def _terminates(value: Fraction) -> bool:
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1
