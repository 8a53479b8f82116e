"""The planner's entry point: score, model, search, re-score."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from meritsys._arguments import instance, mapping
from meritsys._numbers import exact, exact_decimal, fmt, fraction_to_decimal, round_half_up
from meritsys.analysis._plan._inputs import caps_and_costs, target_of
from meritsys.analysis._plan._results import Langkah, Nilai, Rencana, Target
from meritsys.analysis._plan._search import Model, items_of, needed_units, solver
from meritsys.errors import IncompatibleStrategyError, MeritsysError, Problem, ValidationError
from meritsys.model import Hasil, Penilaian, Rubrik
from meritsys.rubrics import get_rubrik
from meritsys.scoring import LinearModel, ScoringStrategy, require_linear, resolve_strategy, score

__all__ = ["plan"]


def _rounded(value: Fraction, grid: Decimal, places: int | None) -> Decimal:
    """The unrounded index as reported: rounded half-up to the index grid, with the rubric's decimals."""
    q = Fraction(grid)
    units = round_half_up(value / q, 0)
    on_grid = exact_decimal(Fraction(int(units)) * q)
    return on_grid if places is None else round_half_up(Fraction(on_grid), places)


def _integer_model(model: LinearModel) -> Model:
    """A strategy's linear model with the gains as integers over their common denominator."""
    den = math.lcm(1, *(g.denominator for g in model.gain.values()))
    return Model(model.awal, model.level, {pos: int(g * den) for pos, g in model.gain.items()}, den, model.places, model.grid)


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
            own; it must be linear (:class:`~meritsys.scoring.LinearStrategy`):
            ``weighted-sum``, ``maturity``, any :class:`~meritsys.scoring.AspectLinear`
            and any plugin that offers ``linear_model``.

    Returns:
        The plan.  Its ``tercapai`` is false when no plan reaches the target;
        it then raises every indicator it may to its cap and ``alasan`` says
        how far that gets.

    Raises:
        ValidationError: for an assessment that does not fit the rubric, or a
            target, cost or cap that is not valid (addressed ``target``,
            ``biaya["3.2"]``, ``batas["3.2"]``), all reported together.
        IncompatibleStrategyError: for a strategy that is not linear, or whose
            linear model does not give its own index.

    Examples:
        >>> import meritsys
        >>> kasn = meritsys.get_rubrik("kasn-2019")
        >>> kab = meritsys.Instansi("kab-contoh", "Pemerintah Kabupaten Contoh", "kabupaten")
        >>> p = meritsys.Penilaian(kab, 2023, kasn.id, {i.kode: 3 for i in kasn.indikator})
        >>> r = plan(p, "Sangat Baik")
        >>> r.awal.indeks, r.akhir.indeks, r.akhir.kategori.label, r.biaya
        (Decimal('300'), Decimal('327.5'), 'Sangat Baik', Decimal('7'))
        >>> [(s.kode, str(s.tambahan)) for s in r.langkah]
        [('3.1', '3.5'), ('3.3', '3.5'), ('3.4', '3.5'), ('3.6', '3.5'), ('5.1', '5'), ('5.2', '4'), ('5.3', '4.5')]
        >>> plan(p, "Baik").langkah
        ()
    """
    instance("penilaian", penilaian, Penilaian)
    mapping("biaya", biaya, "indicator code to a step cost (or a list of step costs)")
    mapping("batas", batas, "indicator code to the highest level")
    if not isinstance(rubrik, Rubrik):
        instance("rubrik", rubrik, (str, type(None)), "a Rubrik, a rubric id or None")
    r = rubrik if isinstance(rubrik, Rubrik) else get_rubrik(rubrik if rubrik is not None else penilaian.rubrik)
    s = require_linear(resolve_strategy(strategy, r), "the planner")
    problems: list[Problem] = []
    awal: Hasil | None = None
    try:
        awal = score(penilaian, r, strategy=s)
    except ValidationError as exc:
        problems.extend(exc.problems)
    costs, caps, more = caps_and_costs(r, biaya, batas)
    problems.extend(more)
    model = _integer_model(s.linear_model(r, penilaian)) if awal is not None else None
    tgt: tuple[Target, int | None] | None = None
    try:
        tgt = target_of(r, target, model.grid if model is not None else Decimal(1))
    except ValidationError as exc:
        problems.extend(exc.problems)
    if problems or awal is None or model is None or tgt is None:
        raise ValidationError(problems)
    target_, pos = tgt
    if _rounded(model.awal, model.grid, model.places) != awal.indeks:
        raise IncompatibleStrategyError(
            f"strategy {s.name!r} does not score rubrik {r.id} as the planner models it "
            f"({fmt(_rounded(model.awal, model.grid, model.places))} vs {fmt(awal.indeks)}); it cannot plan for it"
        )
    items, unit = items_of(r, model, costs, caps)
    need = 0 if target_.indeks is None else needed_units(model, target_.indeks, unit)
    if need <= 0:
        return Rencana(target_, awal, (), Decimal(0), awal, penilaian, True)
    reachable = sum(it.gain * (len(it.keys) - 1) for it in items) >= need
    steps = solver(items, need)(items, need) if reachable else [len(it.keys) - 1 for it in items]
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
        langkah.append(Langkah(ind.kode, r.aspek[r.aspek_indikator[it.pos]].kode, dari, dari + k, exact_decimal(cost), fraction_to_decimal(gain)))
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
    return Rencana(target_, awal, tuple(langkah), exact_decimal(total), akhir, raised, tercapai, alasan)
