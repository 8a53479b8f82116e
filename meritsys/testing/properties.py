"""The property suite a scoring strategy must pass: :func:`check_strategy`.

Requires ``hypothesis`` (``pip install meritsys[testing]``).  Run it from a
test of your plugin::

    def test_my_strategy_is_sound():
        check_strategy(MyStrategy(), meritsys.get_rubrik("kasn-2019"))

Each property is checked on generated valid assessments; the first failure
raises :class:`StrategyCheckError` naming the property, with hypothesis'
minimal failing example attached.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meritsys.model import Hasil, Penilaian, Rubrik
from meritsys.scoring import Kohort
from meritsys.scoring._protocols import ScoringStrategy
from meritsys.testing.generators import cohort, penilaian

__all__ = ["PROPERTIES", "StrategyCheckError", "check_strategy"]


class StrategyCheckError(AssertionError):
    """A strategy broke one of the properties every strategy must keep."""


def _position(rubrik: Rubrik, hasil: Hasil) -> int:
    codes = [k.kode for k in rubrik.kategori]
    if hasil.kategori.kode not in codes:
        raise AssertionError(f"category {hasil.kategori} is not one of the rubric's bands")
    return codes.index(hasil.kategori.kode)


def _uniform(rubrik: Rubrik, p: Penilaian, high: bool) -> Penilaian:
    jawaban = {}
    for kode in p.jawaban:
        ind = rubrik.indicator(kode)
        jawaban[kode] = ind.level_maks if high else ind.level_min
    return attrs.evolve(p, jawaban=jawaban)


def _determinism(strategy: ScoringStrategy, rubrik: Rubrik, p: Penilaian) -> None:
    first = strategy.score(rubrik, p)
    again = strategy.score(rubrik, attrs.evolve(p))
    assert first == again, "scoring the same assessment twice gave different results"
    assert first.rubrik.id == rubrik.id, "the result does not record the rubric it was scored under"
    _position(rubrik, first)


def _bounds(strategy: ScoringStrategy, rubrik: Rubrik, p: Penilaian) -> None:
    low = strategy.score(rubrik, _uniform(rubrik, p, high=False)).indeks
    high = strategy.score(rubrik, _uniform(rubrik, p, high=True)).indeks
    got = strategy.score(rubrik, p).indeks
    assert low <= got <= high, f"index {got} lies outside [{low}, {high}], the indices of the lowest and highest answers"


def _monotone(strategy: ScoringStrategy, rubrik: Rubrik, p: Penilaian, pick: int) -> None:
    raisable = [k for k, v in p.jawaban.items() if v < rubrik.indicator(k).level_maks]
    if not raisable:
        return
    kode = raisable[pick % len(raisable)]
    raised = attrs.evolve(p, jawaban={**p.jawaban, kode: p.jawaban[kode] + 1})
    before, after = strategy.score(rubrik, p), strategy.score(rubrik, raised)
    assert after.indeks >= before.indeks, f"raising {kode} lowered the index from {before.indeks} to {after.indeks}"
    assert _position(rubrik, after) >= _position(rubrik, before), f"raising {kode} lowered the category from {before.kategori.label} to {after.kategori.label}"


def _batch(strategy: ScoringStrategy, rubrik: Rubrik, items: list[Penilaian]) -> None:
    batch = strategy.score_batch(rubrik, Kohort.from_penilaian(rubrik, items))
    single = [strategy.score(rubrik, p) for p in items]
    assert batch.indeks() == [h.indeks for h in single], "the batch path's index values differ from the single path's"
    assert [k.label for k in (batch.labels[int(i)] for i in batch.kategori)] == [h.kategori.label for h in single], (
        "the batch path's categories differ from the single path's"
    )


PROPERTIES: dict[str, str] = {
    "determinism": "the same assessment always gives the same result, in one of the rubric's bands",
    "bounds": "the index lies between those of the lowest and the highest answers",
    "monotonicity": "raising any one answer never lowers the index or the category",
    "batch": "the batch path gives exactly the single path's index values and categories",
}


def check_strategy(strategy: ScoringStrategy, rubrik: Rubrik, *, max_examples: int = 50) -> None:
    """Check that *strategy* keeps every property of :data:`PROPERTIES` on *rubrik*.

    Raises:
        StrategyCheckError: naming the first property broken, with the failing example.

    Examples:
        >>> import meritsys
        >>> check_strategy(meritsys.WeightedSum(), meritsys.get_rubrik("kasn-2019"), max_examples=10)
    """
    config = settings(max_examples=max_examples, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
    one = penilaian(rubrik)
    checks: dict[str, Callable[[], None]] = {
        "determinism": config(given(one)(lambda p: _determinism(strategy, rubrik, p))),
        "bounds": config(given(one)(lambda p: _bounds(strategy, rubrik, p))),
        "monotonicity": config(given(one, st.integers(0, 10**6))(lambda p, i: _monotone(strategy, rubrik, p, i))),
        "batch": config(given(cohort(rubrik, max_size=12))(lambda items: _batch(strategy, rubrik, items))),
    }
    for name, check in checks.items():
        try:
            check()
        except AssertionError as exc:
            raise StrategyCheckError(f"strategy {strategy.name!r} breaks {name} ({PROPERTIES[name]}): {exc}") from exc
