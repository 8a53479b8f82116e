"""The single path of the weighted sum, laid out once per rubric and applicability pattern.

Every indicator's contribution and one-step suggestion per level are fixed
objects and its weight a whole number of grid units, so scoring one
assessment adds integers and looks up prepared objects (and decimals cached
per value: their number is bounded by the grid).  Where every applicable
indicator is answered by code (the common case), a :class:`PatternPlan`
checks and adds the answers in one pass.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import attrs

from meritsys._attrs_methods import fields_repr
from meritsys._numbers import CONTEXT, exact_decimal, plain, round_half_up
from meritsys.model import Aspek, HasilAspek, Indikator, Kontribusi, Rubrik, Saran
from meritsys.model._rubrik_rules import weight_grid
from meritsys.scoring._classifier import BandClassifier
from meritsys.scoring._explain import Banding, banding
from meritsys.scoring._resolution import Pattern

__all__ = ["PatternPlan", "Row", "Step", "Table", "lay_out"]


_ZERO = Decimal(0)
_CACHED = 1 << 12
"""Values remembered per rubric (index totals, aspect values): the shipped rubrics have a few hundred."""


Step = tuple[int, Kontribusi, "Saran | None"]  # contribution in index units, as reported, the one-step suggestion
Row = tuple[int, dict[int | None, "Step | None"], int, Kontribusi]  # position, per level, top in units, not applicable
# (keyed ``int | None`` for the quick path, which looks up a missing answer as ``None`` and finds nothing)


@attrs.frozen(eq=False)
class PatternPlan:
    """The weighted sum for one applicability pattern (agency type, gate answers), every applicable indicator answered by code.

    Each indicator is its code (``None`` where it does not apply) and its
    entries by level, the not-applicable one under ``None``: a missing answer
    or a level outside the indicator's range finds no entry.
    """

    __repr__ = fields_repr

    rows: tuple[tuple[tuple[str | None, dict[int | None, Step | None]], ...], ...]  # per aspect, its indicators
    maks: tuple[int, ...]  # per aspect, its applicable maximum in units
    answers: int  # the indicators that apply: as many answers as a complete assessment gives
    aspek: tuple[dict[int, HasilAspek], ...]  # per aspect, its result by value in units (cached)


@attrs.frozen(eq=False)
class Table:
    """A rubric's weighted sum laid out for the single path, in whole units of the weight grid.

    The contributions, suggestions and not-applicable entries of every
    indicator are built once per rubric; a score then adds integers and looks
    up decimals (cached per value: their number is bounded by the grid).
    """

    __repr__ = fields_repr

    unit: Fraction
    aspek: tuple[tuple[Aspek, tuple[Row, ...]], ...]  # per aspect, its indicators
    resolution: Decimal  # the reported index's resolution
    order: tuple[int, ...]  # indicator positions by suggestion gain, largest first, ties in rubric order (rank_suggestions' order)
    decimals: dict[int, Decimal] = attrs.field(factory=dict)
    hasil_aspek: dict[tuple[int, int, int], HasilAspek] = attrs.field(factory=dict)
    patterns: dict[Pattern, PatternPlan] = attrs.field(factory=dict)
    bands: dict[int, tuple[Decimal, Banding]] = attrs.field(factory=dict)  # the band classifier's, per index in units

    def decimal(self, units: int) -> Decimal:
        """``units x unit`` as a plain decimal."""
        found = self.decimals.get(units)
        if found is None:
            found = plain(exact_decimal(units * self.unit))
            if len(self.decimals) < _CACHED:
                self.decimals[units] = found
        return found

    def aspect(self, i: int, nilai: int, maks: int) -> HasilAspek:
        """Aspect *i*'s result for *nilai* of *maks* units."""
        key = (i, nilai, maks)
        found = self.hasil_aspek.get(key)
        if found is None:
            asp = self.aspek[i][0]
            dn, dm = self.decimal(nilai), self.decimal(maks)
            ratio = plain(round_half_up(Fraction(nilai, maks), 4)) if maks else Decimal(0)
            found = HasilAspek(asp.kode, asp.nama, dn, dm, ratio)
            if len(self.hasil_aspek) < _CACHED:
                self.hasil_aspek[key] = found
        return found

    def index(self, rubrik: Rubrik, total: int) -> Decimal:
        """The index of *total* units as reported (rounded where the rubric says so)."""
        places = rubrik.skala.desimal_int
        return self.decimal(total) if places is None else round_half_up(total * self.unit, places)

    def band(self, rubrik: Rubrik, classifier: BandClassifier, total: int) -> tuple[Decimal, Banding]:
        """The index of *total* units and its band under the band classifier, which depends on the value alone (cached)."""
        found = self.bands.get(total)
        if found is None:
            indeks = self.index(rubrik, total)
            found = (indeks, banding(classifier, rubrik, indeks, self.resolution))
            if len(self.bands) < _CACHED:
                self.bands[total] = found
        return found

    def pattern(self, rubrik: Rubrik, key: Pattern) -> PatternPlan:
        """The layout of one applicability pattern (a handful per rubric in practice, cached)."""
        found = self.patterns.get(key)
        if found is None:
            jenis, given = key[0], dict(key[1])
            rows, maks, answers = [], [], 0
            for _asp, indicators in self.aspek:
                out: list[tuple[str | None, dict[int | None, Step | None]]] = []
                top_units = 0
                for pos, steps, top, tidak_berlaku in indicators:
                    ind = rubrik.indikator[pos]
                    if ind.applies_to(jenis, given):
                        out.append((ind.kode, steps))
                        top_units += top
                        answers += 1
                    else:
                        out.append((None, {None: (0, tidak_berlaku, None)}))
                rows.append(tuple(out))
                maks.append(top_units)
            found = PatternPlan(tuple(rows), tuple(maks), answers, tuple({} for _ in rows))
            if len(self.patterns) < 256:  # agency types x gate answers
                self.patterns[key] = found
        return found

    def aspect_of(self, plan: PatternPlan, i: int, nilai: int) -> HasilAspek:
        """Aspect *i*'s result for *nilai* units under *plan* (cached per pattern)."""
        known = plan.aspek[i]
        found = known.get(nilai)
        if found is None:
            found = self.aspect(i, nilai, plan.maks[i])
            if len(known) < _CACHED:
                known[nilai] = found
        return found


class _Steps(dict[int | None, "Step | None"]):
    """One indicator's entry per level answered, each made the first time that level is met (``None``: no answer, or no such level).

    A rubric's first scores make only the entries they meet, not one
    contribution and suggestion object for every level of every indicator.
    """

    __slots__ = ("_aspek", "_bobot", "_indikator", "_units")

    def __init__(self, indikator: Indikator, aspek: str, units: int, bobot: Decimal) -> None:
        super().__init__()
        self._indikator, self._aspek, self._units, self._bobot = indikator, aspek, units, bobot

    def __missing__(self, level: int | None) -> Step | None:
        ind = self._indikator
        entry: Step | None = None
        if type(level) is int and any(lv.nilai == level for lv in ind.level):
            with decimal.localcontext(CONTEXT):  # as the table is laid out
                entry = (
                    self._units * level,
                    Kontribusi(ind.kode, self._aspek, level, plain(self._bobot * level), True, False),
                    Saran(ind.kode, level, level + 1, plain(self._bobot)) if level < ind.level_maks else None,
                )
        self[level] = entry
        return entry


def lay_out(rubrik: Rubrik, resolution: Decimal) -> Table:
    """Lay out *rubrik*'s weighted sum (weights on indicators); *resolution* is the reported index's."""
    unit = weight_grid(rubrik)
    aspects = []
    pos = 0
    for asp in rubrik.aspek:
        rows = []
        for ind in asp.indikator:
            w = int(Fraction(ind.bobot.nilai) / unit) if ind.bobot is not None else 0
            bobot = ind.bobot.nilai if ind.bobot is not None else Decimal(0)
            rows.append((pos, _Steps(ind, asp.kode, w, bobot), w * ind.level_maks, Kontribusi(ind.kode, asp.kode, None, _ZERO, False, False)))
            pos += 1
        aspects.append((asp, tuple(rows)))
    gains = [plain(ind.bobot.nilai) if ind.bobot is not None else _ZERO for ind in rubrik.indikator]
    order = tuple(sorted(range(len(gains)), key=gains.__getitem__, reverse=True))  # as rank_suggestions sorts: stable
    return Table(unit, tuple(aspects), resolution, order)
