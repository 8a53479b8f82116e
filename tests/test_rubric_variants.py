"""Properties that hold under every valid rubric and reform, not only the two that ship.

Users register their own rubrics and reforms; these tests draw them from
``meritsys.testing.generators`` (weights and bounds with many decimals, both
boundary rules, rounding places up to what the index grid allows, gates,
agency-type conditions, every policy) and check:

* batch = single: index values, categories, out-of-scale flags, and the same
  refusals, for every built-in strategy, through score_batch and on the cohort;
* round trips: rubric, reform, assessment and cohort;
* ``classify`` = the batch classification at every value of the grid near a bound;
* every failure is a ``MeritsysError`` (or a documented ``TypeError``);
* the planner and the sensitivity analysis finish within bounded memory.

The hypothesis profile (``conftest.py``) sets how many examples run; CI runs
the ``ci`` profile, which draws many more.
"""

from __future__ import annotations

import contextlib
import json
import tracemalloc
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import meritsys
from meritsys import (
    BandClassifier,
    GeometricMean,
    IncompatibleStrategyError,
    KebijakanKosong,
    LetakBobot,
    MaturityIndex,
    MeritsysError,
    Penilaian,
    Rubrik,
    ValidationError,
    WeakestAspectCap,
    WeightedSum,
)
from meritsys._numbers import exact_decimal
from meritsys.analysis import Kohort, plan, sensitivity
from meritsys.io import dumps_rubrik, parse_rubrik, rubrik_sha256, structure, unstructure
from meritsys.model._rubrik_rules import index_places, weight_grid
from meritsys.policy import Reform
from meritsys.testing.generators import penilaian, reform, rubrik

MB = 2**20


def _strategies(r: Rubrik) -> st.SearchStrategy[object]:
    """Every built-in strategy that can score *r*, each with any missing-answer policy."""
    kosong = st.none() | st.sampled_from(KebijakanKosong)
    if r.letak_bobot is LetakBobot.INDIKATOR:
        own = st.builds(WeightedSum, kebijakan_kosong=kosong)
        others = [st.builds(GeometricMean, kebijakan_kosong=kosong)] if r.skala.maksimum is not None else []
    else:
        own = st.builds(MaturityIndex, hanya_maturitas=st.booleans(), kebijakan_kosong=kosong)
        others = [st.builds(GeometricMean, hanya_maturitas=st.booleans(), kebijakan_kosong=kosong)]
    cap = st.builds(WeakestAspectCap, dasar=own, selisih=st.integers(0, 2))
    return st.one_of(own, cap, *others)


@st.composite
def _case(draw: st.DrawFn, *, max_size: int = 8) -> tuple[Rubrik, object, list[Penilaian]]:
    """A rubric (sometimes reformed), a strategy for it, and a cohort with some answers missing."""
    r = draw(rubrik())
    if draw(st.booleans()):
        with contextlib.suppress(ValidationError):  # a reform that breaks a rule keeps the baseline
            r = draw(reform(r)).apply(r)
    items = draw(st.lists(penilaian(r, kosong=draw(st.booleans()), pakai_alias=True, koreksi_besar=True), min_size=1, max_size=max_size))
    return r, draw(_strategies(r)), items


def _single(strategy: object, r: Rubrik, p: Penilaian) -> meritsys.Hasil | type[MeritsysError]:
    """The single path's result, or the kind of error it refuses the assessment with."""
    try:
        return meritsys.score(p, r, strategy=strategy)  # type: ignore[arg-type]
    except (ValidationError, IncompatibleStrategyError) as exc:
        return type(exc)


def _refused(single: list[meritsys.Hasil | type[MeritsysError]]) -> type[MeritsysError] | None:
    """The error the batch must raise: the strategy's incompatibility first, else invalid input, else none."""
    kinds = {h for h in single if isinstance(h, type)}
    return IncompatibleStrategyError if IncompatibleStrategyError in kinds else (ValidationError if kinds else None)


def _same(batch: meritsys.SkorBatch, single: list[meritsys.Hasil | type[MeritsysError]]) -> None:
    assert all(isinstance(h, meritsys.Hasil) for h in single)
    assert batch.indeks() == [h.indeks for h in single]  # type: ignore[union-attr]
    assert batch.kategori_label() == [h.kategori.label for h in single]  # type: ignore[union-attr]
    assert batch.di_luar_skala.tolist() == [h.di_luar_skala for h in single]  # type: ignore[union-attr]


class TestBatchEqualsSingle:
    @given(_case())
    def test_score_batch(self, case):
        """The batch path gives each row exactly the single path's index, category and out-of-scale flag, or refuses when it does."""
        r, strategy, items = case
        single = [_single(strategy, r, p) for p in items]
        refused = _refused(single)
        if refused is not None:
            with pytest.raises(refused):
                meritsys.score_batch(items, r, strategy=strategy)  # type: ignore[arg-type]
            return
        _same(meritsys.score_batch(items, r, strategy=strategy), single)  # type: ignore[arg-type, arg-type]

    @given(_case())
    def test_cohort(self, case):
        """A cohort built from the assessments scores as each assessment does alone."""
        r, strategy, items = case
        kohort = Kohort.from_penilaian(r, items)
        single = [_single(strategy, r, p) for p in items]
        refused = _refused(single)
        if refused is not None:
            with pytest.raises(refused):
                kohort.score(r, strategy)  # type: ignore[arg-type]
            return
        _same(kohort.score(r, strategy), single)  # type: ignore[arg-type]

    @given(_case(max_size=6))
    def test_cohort_from_arrays(self, case):
        """A cohort built from the layout's arrays and metadata scores as the assessments do alone."""
        r, strategy, items = case
        kohort = Kohort.from_penilaian(r, items)
        again = Kohort.from_arrays(
            r,
            np.asarray(kohort.jawaban),
            kode=list(kohort.kode),
            nama=list(kohort.nama),
            jenis=kohort.jenis,
            provinsi=list(kohort.provinsi),
            tahun=kohort.tahun,
            survei=list(kohort.survei),
            koreksi=list(kohort.koreksi),
            gerbang=list(kohort.gerbang),
        )
        single = [_single(strategy, r, p) for p in items]
        refused = _refused(single)
        if refused is not None:
            with pytest.raises(refused):
                again.score(r, strategy)  # type: ignore[arg-type]
            return
        _same(again.score(r, strategy), single)  # type: ignore[arg-type]


class TestClassify:
    @given(rubrik())
    def test_classify_equals_batch_classification_near_every_bound(self, r):
        """At every value of the index grid near each band bound (and the scale's ends), classify and the batch classifier agree."""
        places = index_places(r)
        unit = Decimal(1).scaleb(-places) if places is not None else exact_decimal(weight_grid(r))
        points = [Fraction(r.skala.minimum.nilai)] + ([Fraction(r.skala.maksimum.nilai)] if r.skala.maksimum else [])
        for k in r.kategori:
            points += [Fraction(b.nilai) for b in (k.batas_bawah, k.batas_atas) if b is not None]
        u = Fraction(unit)
        units = np.asarray(sorted({round(p / u) + d for p in points for d in range(-2, 3)}), dtype=np.int64)
        pos, outside = BandClassifier().classify_units(r, units, unit)
        for value_units, p_, o in zip(units.tolist(), pos.tolist(), outside.tolist(), strict=True):
            klas = meritsys.classify(Decimal(value_units) * unit, r)
            assert (klas.posisi, klas.di_luar_skala) == (p_, o), value_units


class TestRoundTrips:
    @given(rubrik())
    def test_rubrik(self, r):
        """A rubric written with dumps_rubrik loads back equal, with the same content hash."""
        again = parse_rubrik(json.loads(dumps_rubrik(r)))
        assert again == r
        assert rubrik_sha256(again) == rubrik_sha256(r)

    @given(rubrik().flatmap(lambda r: st.tuples(st.just(r), reform(r))))
    def test_reform(self, case):
        """A reform round-trips through plain data, and applying it either gives a rubric that round-trips or refuses with a ValidationError."""
        r, ref = case
        assert structure(unstructure(ref), Reform) == ref
        try:
            out = ref.apply(r)
        except ValidationError:
            return
        assert parse_rubrik(json.loads(dumps_rubrik(out))) == out

    @given(rubrik().flatmap(lambda r: st.tuples(st.just(r), st.lists(penilaian(r, kosong=True, pakai_alias=True), min_size=1, max_size=6))))
    def test_assessments_and_cohort(self, case):
        """Assessments round-trip through JSON, and a cohort gives back exactly the assessments it was built from."""
        r, items = case
        assert list(meritsys.loads_penilaian(meritsys.dumps(items))) == items
        assert list(Kohort.from_penilaian(r, items).to_penilaian()) == items


class TestFailuresStayInTheFamily:
    @given(rubrik(), st.dictionaries(st.sampled_from([
        "indikator.1.1.bobot", "aspek.1.bobot", "kategori.K1.batas_bawah", "kategori.K0.batas_atas", "skala.desimal",
        "skala.minimum", "aturan_batas.langkah", "komposisi.bobot_survei", "jumlah_bobot", "kategori.K1.label", "nama",
    ]), st.one_of(st.text(max_size=8), st.integers(-(10**40), 10**40).map(str), st.decimals(allow_nan=True).map(str),
                  st.booleans(), st.none(), st.integers()), max_size=3))
    def test_any_reform(self, r, ubah):
        """Any change a reform may try either gives a valid rubric or a MeritsysError, never another exception."""
        with contextlib.suppress(MeritsysError):
            assert isinstance(Reform("uji", ubah).apply(r), Rubrik)


class TestAnalysesAreBounded:
    @given(_case(max_size=1), st.data())
    def test_planner(self, case, data):
        """The planner finishes within bounded memory for any rubric, cost and target, or refuses with a MeritsysError."""
        r, _, (p,) = case
        target = data.draw(st.one_of(st.sampled_from([k.label for k in r.kategori]), st.integers(-5, 500).map(str)))
        biaya = data.draw(st.dictionaries(
            st.sampled_from([i.kode for i in r.indikator]),
            st.one_of(st.integers(0, 10**6).map(str), st.decimals(min_value=0, max_value=10**6, places=6).map(str)),
            max_size=4,
        ))
        tracemalloc.start()
        try:
            rencana = plan(p, target, r, biaya=biaya)
        except MeritsysError:
            return
        finally:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        assert peak < 512 * MB
        assert rencana.tercapai == (rencana.alasan is None)

    @given(_case(max_size=5), st.integers(1, 40), st.floats(0, 2, allow_nan=False))
    def test_sensitivity(self, case, draws, ambang):
        """Sensitivity finishes for any rubric and cohort, or refuses with a MeritsysError."""
        r, _, items = case
        assume(r.letak_bobot is LetakBobot.INDIKATOR or all(p.survei is not None for p in items))
        try:
            kohort = meritsys.Kohort.from_penilaian(r, items)
            h = sensitivity(r, kohort, draws=draws, ambang=ambang or None)
        except MeritsysError:
            return
        assert h.hitung_kategori.sum() == draws * len(items)
