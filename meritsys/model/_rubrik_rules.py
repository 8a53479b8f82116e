"""The rules a rubric must keep, checked in exact arithmetic when it is built.

Every check compares exact values (:class:`~fractions.Fraction` sums, never a
rounded decimal context), so a weight that is off by ``1E-30`` is reported and
a rubric written back by :func:`meritsys.dumps_rubrik` always loads again.
Besides the cross-field rules (codes, gates, weights, bands), a rubric keeps
its *index grid* within the number policy: the index, counted in steps of its
resolution, stays below ``MAX_GRID / 2`` steps, so the batch path's integer
units are exact in 64-bit integers and in floats.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from meritsys._numbers import MAX_GRID, exact_decimal, fmt, fraction_sum, grid_of
from meritsys.errors import Problem
from meritsys.model._indikator import Gerbang
from meritsys.model._kebijakan import JenisBatas, LetakBobot

if TYPE_CHECKING:
    from meritsys.model._rubrik import AturanKoreksi, Rubrik

__all__ = ["GRID_STEPS", "check_rubrik", "index_bound", "index_places", "weight_grid"]

GRID_STEPS = MAX_GRID // 2
"""The most steps of its resolution an index (or a correction) may span."""


def _show(value: Fraction) -> str:
    try:
        return fmt(exact_decimal(value))
    except ValueError:  # pragma: no cover - sums of decimals terminate
        return str(value)


def weight_grid(r: Rubrik) -> Fraction:
    """The largest number dividing every indicator weight: a weighted sum's resolution (1 without weights)."""
    return grid_of(Fraction(ind.bobot.nilai) for ind in r.indikator if ind.bobot is not None)


def index_places(r: Rubrik) -> int | None:
    """The decimals the index is rounded to: ``skala.desimal``, or 2 for a rubric that weighs aspects."""
    places = r.skala.desimal_int
    if places is None and r.letak_bobot is LetakBobot.ASPEK:
        return 2
    return places


def index_bound(r: Rubrik) -> Fraction:
    """The largest magnitude the index can reach before any correction.

    Regime A: the sum of weight x highest level; regime B: the maturity and
    survey weights (each maturity and the survey lie in 0..1).
    """
    if r.letak_bobot is LetakBobot.INDIKATOR:
        return fraction_sum(abs(Fraction(ind.bobot.nilai)) * max(abs(ind.level_min), abs(ind.level_maks)) for ind in r.indikator if ind.bobot is not None)
    k = r.komposisi
    weights = fraction_sum(abs(Fraction(a.bobot.nilai)) for a in r.aspek if a.bobot is not None)
    if k is None:
        return weights
    return abs(Fraction(k.bobot_maturitas.nilai)) * weights + abs(Fraction(k.bobot_survei.nilai))


def _keys(kode: str, alias: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each key a gate or indicator answers to, with the field it comes from."""
    return [("kode", kode), *((f"alias[{i}]", a) for i, a in enumerate(alias))]


def check_rubrik(r: Rubrik) -> list[Problem]:
    """Every rule *r* breaks, each with its path."""
    problems: list[Problem] = []
    add = problems.append
    if r.berlaku_sampai is not None and r.berlaku_sampai < r.berlaku_mulai:
        add(Problem("berlaku_sampai", f"{r.berlaku_sampai} is before berlaku_mulai {r.berlaku_mulai}", code="out-of-range"))
    if not r.aspek:
        add(Problem("aspek", "a rubric needs at least one aspect", code="empty"))

    gates: dict[str, Gerbang] = {}
    for gi, g in enumerate(r.gerbang):
        for where, key in _keys(g.kode, g.alias):
            if key in gates:
                add(Problem(f"gerbang[{gi}].{where}", f"duplicate gate code {key!r}", code="duplicate-code"))
            gates[key] = g

    seen_aspek: set[str] = set()
    seen_ind: dict[str, str] = {}
    for ai, asp in enumerate(r.aspek):
        apath = f"aspek[{ai}]"
        if asp.kode in seen_aspek:
            add(Problem(f"{apath}.kode", f"duplicate aspect code {asp.kode!r}", code="duplicate-code"))
        seen_aspek.add(asp.kode)
        if not asp.indikator:
            add(Problem(f"{apath}.indikator", "an aspect needs at least one indicator", code="empty"))
        for ii, ind in enumerate(asp.indikator):
            ipath = f"{apath}.indikator[{ii}]"
            for where, key in _keys(ind.kode, ind.alias):
                if key in seen_ind:
                    add(Problem(f"{ipath}.{where}", f"duplicate indicator code {key!r} (also {seen_ind[key]})", code="duplicate-code"))
                else:
                    seen_ind[key] = ipath
            if ind.subaspek is not None and ind.subaspek not in asp.subaspek:
                none = "" if asp.subaspek else ", which declares none"
                add(Problem(f"{ipath}.subaspek", f"{ind.subaspek!r} is not a subaspek of aspect {asp.kode}{none}", code="unknown-aspect"))
            syarat = ind.berlaku_jika
            if syarat is not None and syarat.gerbang is not None:
                gate = gates.get(syarat.gerbang)
                if gate is None:
                    add(Problem(f"{ipath}.berlaku_jika.gerbang", f"no gate {syarat.gerbang!r} in this rubric", code="unknown-gate"))
                elif gate.kode != syarat.gerbang:  # assessments answer gates by code: name it so
                    add(Problem(f"{ipath}.berlaku_jika.gerbang", f"{syarat.gerbang!r} is an alias of gate {gate.kode!r}; name the gate by its code", code="unknown-gate"))
                else:
                    for ji, ans in enumerate(syarat.jawaban):
                        if ans not in gate.opsi:
                            allowed = ", ".join(gate.opsi)
                            add(Problem(f"{ipath}.berlaku_jika.jawaban[{ji}]", f"{ans!r} is not an answer of gate {gate.kode}; one of: {allowed}", code="not-one-of"))
            if r.letak_bobot is LetakBobot.INDIKATOR:
                if ind.bobot is None:
                    add(Problem(f"{ipath}.bobot", "required: this rubric weighs indicators", code="missing-key"))
                elif ind.bobot.nilai <= 0:
                    add(Problem(f"{ipath}.bobot", f"weight {ind.bobot.nilai} must be positive", code="out-of-range"))
            elif ind.bobot is not None:
                add(Problem(f"{ipath}.bobot", "not allowed: this rubric weighs aspects", code="conflict"))
        if r.letak_bobot is LetakBobot.ASPEK:
            if asp.bobot is None:
                add(Problem(f"{apath}.bobot", "required: this rubric weighs aspects", code="missing-key"))
            elif asp.bobot.nilai <= 0:
                add(Problem(f"{apath}.bobot", f"weight {asp.bobot.nilai} must be positive", code="out-of-range"))
        elif asp.bobot is not None:
            add(Problem(f"{apath}.bobot", "not allowed: this rubric weighs indicators", code="conflict"))
        if asp.maksimum is not None and r.letak_bobot is LetakBobot.ASPEK:
            add(Problem(f"{apath}.maksimum", "not allowed: this rubric weighs aspects (an aspect maximum is checked against indicator weights)", code="conflict"))
        elif asp.maksimum is not None:
            total = fraction_sum(Fraction(ind.bobot.nilai) * ind.level_maks for ind in asp.indikator if ind.bobot is not None)
            if total != Fraction(asp.maksimum.nilai):
                add(Problem(f"{apath}.maksimum", f"declared {asp.maksimum.nilai} but the indicators give {_show(total)} (sum of bobot x highest level)", code="weights-sum"))

    weights = (
        [ind.bobot.nilai for ind in r.indikator if ind.bobot is not None]
        if r.letak_bobot is LetakBobot.INDIKATOR
        else [asp.bobot.nilai for asp in r.aspek if asp.bobot is not None]
    )
    total_w = fraction_sum(weights)
    if total_w != Fraction(r.jumlah_bobot.nilai):
        add(Problem("jumlah_bobot", f"declared {r.jumlah_bobot.nilai} but the {r.letak_bobot.value} weights add up to {_show(total_w)}", code="weights-sum"))

    if r.letak_bobot is LetakBobot.ASPEK and r.komposisi is None:
        add(Problem("komposisi", "required: a rubric that weighs aspects must declare its composition", code="missing-key"))
    elif r.letak_bobot is LetakBobot.INDIKATOR and r.komposisi is not None:
        add(Problem("komposisi", "not allowed: this rubric weighs indicators (a composition combines aspect maturity with the survey)", code="conflict"))
    elif r.komposisi is not None:
        k = r.komposisi
        if k.bobot_maturitas.nilai < 0 or k.bobot_survei.nilai < 0:
            add(Problem("komposisi", "bobot_maturitas and bobot_survei must not be negative", code="out-of-range"))
        both = Fraction(k.bobot_maturitas.nilai) + Fraction(k.bobot_survei.nilai)
        if both != 1:
            add(Problem("komposisi", f"bobot_maturitas + bobot_survei must be 1, got {_show(both)}", code="weights-sum"))
        if k.koreksi is not None:
            problems.extend(_check_koreksi(k.koreksi))

    sk = r.skala
    if sk.maksimum is not None and sk.maksimum.nilai <= sk.minimum.nilai:
        add(Problem("skala.maksimum", f"{sk.maksimum.nilai} must be above minimum {sk.minimum.nilai}", code="out-of-range"))
    places_ok = sk.desimal is None or (sk.desimal.nilai == sk.desimal.nilai.to_integral_value() and 0 <= sk.desimal.nilai <= 28)
    if not places_ok:
        assert sk.desimal is not None
        add(Problem("skala.desimal", f"must be a whole number of places in 0..28, got {sk.desimal.nilai}", code="out-of-range"))
    problems.extend(_check_bands(r))
    if not problems and places_ok:
        problems.extend(_check_grid(r))
    return problems


def _check_koreksi(rule: AturanKoreksi) -> list[Problem]:
    """A declared correction range must hold 0, the correction of an assessment that gives none."""
    lo, hi = rule.minimum, rule.maksimum
    if lo is not None and hi is not None and lo.nilai > hi.nilai:
        return [Problem("komposisi.koreksi.minimum", f"{lo.nilai} is above maksimum {hi.nilai}", code="conflict")]
    problems = []
    if lo is not None and lo.nilai > 0:
        problems.append(Problem("komposisi.koreksi.minimum", f"must not be above 0 (no correction, every assessment's default), got {lo.nilai}", code="out-of-range"))
    if hi is not None and hi.nilai < 0:
        problems.append(Problem("komposisi.koreksi.maksimum", f"must not be below 0 (no correction, every assessment's default), got {hi.nilai}", code="out-of-range"))
    return problems


def _check_grid(r: Rubrik) -> list[Problem]:
    """The index grid rule of the number policy (run on an otherwise valid rubric)."""
    bound = index_bound(r)
    places = index_places(r)
    if r.letak_bobot is LetakBobot.INDIKATOR:
        unit = weight_grid(r)
        steps = bound / unit
        if steps >= GRID_STEPS:
            finest = max(
                ((ai, ii, ind) for ai, asp in enumerate(r.aspek) for ii, ind in enumerate(asp.indikator) if ind.bobot is not None),
                key=lambda t: Fraction(t[2].bobot.nilai).denominator if t[2].bobot is not None else 0,
            )
            ai, ii, _ = finest
            return [
                Problem(
                    f"aspek[{ai}].indikator[{ii}].bobot",
                    f"the weights' common step is {_show(unit)}, so the index (up to {_show(bound)}) would span "
                    f"{int(steps):.3g} steps; meritsys computes an index exactly on at most {GRID_STEPS:.3g} steps: "
                    "give the weights fewer decimals",
                    code="too-large",
                )
            ]
    if places is not None:
        steps = bound * 10**places
        if steps >= GRID_STEPS:
            return [
                Problem(
                    "skala.desimal",
                    f"{places} decimals give the index (up to {_show(bound)}) {int(steps):.3g} steps; "
                    f"meritsys computes an index exactly on at most {GRID_STEPS:.3g} steps: round to fewer decimals",
                    code="too-large",
                )
            ]
    return []


def _check_bands(r: Rubrik) -> list[Problem]:
    problems: list[Problem] = []
    add = problems.append
    if not r.kategori:
        return [Problem("kategori", "a rubric needs at least one category", code="empty")]
    codes: set[str] = set()
    labels: set[str] = set()
    for ki, kat in enumerate(r.kategori):
        if kat.kode in codes:
            add(Problem(f"kategori[{ki}].kode", f"duplicate category code {kat.kode!r}", code="duplicate-code"))
        if kat.label.casefold() in labels:
            add(Problem(f"kategori[{ki}].label", f"duplicate category label {kat.label!r}", code="duplicate-code"))
        codes.add(kat.kode)
        labels.add(kat.label.casefold())
    step = r.aturan_batas.langkah.nilai
    if step <= 0:
        add(Problem("aturan_batas.langkah", f"must be positive, got {step}", code="out-of-range"))
    lower_rule = r.aturan_batas.jenis is JenisBatas.BAWAH_INKLUSIF
    for ki in range(len(r.kategori) - 1):
        lo, hi = r.kategori[ki], r.kategori[ki + 1]
        if lower_rule and hi.batas_bawah is None:
            add(Problem(f"kategori[{ki + 1}].batas_bawah", "required: lower bounds are inclusive, so every band above the first needs one", code="missing-key"))
            continue
        if not lower_rule and lo.batas_atas is None:
            add(Problem(f"kategori[{ki}].batas_atas", "required: upper bounds are inclusive, so every band below the last needs one", code="missing-key"))
            continue
        if lower_rule and lo.batas_bawah is not None and hi.batas_bawah is not None and hi.batas_bawah.nilai <= lo.batas_bawah.nilai:
            add(Problem(f"kategori[{ki + 1}].batas_bawah", f"bands must ascend: {hi.batas_bawah.nilai} is not above {lo.batas_bawah.nilai}", code="bands-order"))
            continue
        if not lower_rule and hi.batas_atas is not None and lo.batas_atas is not None and hi.batas_atas.nilai <= lo.batas_atas.nilai:
            add(Problem(f"kategori[{ki + 1}].batas_atas", f"bands must ascend: {hi.batas_atas.nilai} is not above {lo.batas_atas.nilai}", code="bands-order"))
            continue
        upper = lo.batas_atas.nilai if lo.batas_atas is not None else None
        lower = hi.batas_bawah.nilai if hi.batas_bawah is not None else None
        if upper is None or lower is None:
            continue
        if lower <= upper:
            add(Problem(f"kategori[{ki + 1}].batas_bawah", f"band {hi.label} ({lower}) overlaps band {lo.label} (up to {upper})", code="bands-overlap"))
        elif step > 0 and Fraction(lower) - Fraction(upper) != step:  # a non-positive step is reported once, above
            add(Problem(f"kategori[{ki + 1}].batas_bawah", f"gap between band {lo.label} (up to {upper}) and band {hi.label} (from {lower}): published bands must meet one step ({step}) apart", code="bands-gap"))
    return problems
