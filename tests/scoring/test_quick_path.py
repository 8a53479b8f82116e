"""The quick paths of the single score give exactly what the full rule walk gives.

``resolve`` takes the common case (every applicable indicator answered by code)
in one pass, and ``WeightedSum.score`` checks and adds such answers in one
pass; anything else goes the full way.  Either way the result, the warnings
and the problems are the same.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import meritsys
from meritsys import Hasil, KebijakanKosong, Penilaian, ValidationError, WeightedSum
from meritsys.model._hasil import hasil_of
from meritsys.scoring import BandClassifier
from meritsys.scoring._resolution import resolve, resolve_every_rule
from meritsys.testing.generators import KASN, penilaian, rubrik_a_acak, rubrik_b_acak
from tests.helpers import kasn, penilaian_a

RUBRIK_A = meritsys.get_rubrik(KASN)


class _OwnBands:
    """A classifier that is not the band classifier (classifies the same): the quick path does not cache its answers."""

    name = "own-bands"

    def classify(self, rubrik, value):
        return BandClassifier().classify(rubrik, value)


def _outcome(fn):
    try:
        return fn()
    except ValidationError as exc:
        return [(p.path, p.message, p.code) for p in exc.problems]


def _full(strategy: WeightedSum, rubrik, p):
    """The weighted sum without its quick path: the result, or the problems."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(WeightedSum, "_score_quick", lambda self, rubrik, p: None)
        return _outcome(lambda: strategy.score(rubrik, p))


def _mutations(r, p: Penilaian):
    """The assessment and a few near misses: a level out of range, an extra or missing answer, evidence for an unknown code."""
    yield p
    jawaban = dict(p.jawaban)
    if jawaban:
        kode = next(iter(jawaban))
        yield attrs.evolve(p, jawaban={**jawaban, kode: jawaban[kode] + 1})
        yield attrs.evolve(p, jawaban={k: v for k, v in jawaban.items() if k != kode})
        yield attrs.evolve(p, bukti={kode: []})
    yield attrs.evolve(p, jawaban={**jawaban, "zz.9": 1})
    yield attrs.evolve(p, bukti={"zz.9": ["x.pdf"]})
    for ind in r.indikator:
        if ind.kode not in jawaban:
            yield attrs.evolve(p, jawaban={**jawaban, ind.kode: ind.level_min})
            break


_ASSESSMENTS = st.sampled_from([{}, {"kosong": True}, {"pakai_alias": True}, {"dengan_bukti": True}, {"dengan_bukti": True, "kosong": True}])


class TestResolve:
    @given(st.one_of(st.just(RUBRIK_A), rubrik_a_acak(), rubrik_b_acak()).flatmap(lambda r: st.tuples(st.just(r), _ASSESSMENTS.flatmap(lambda kw: penilaian(r, **kw)))))
    def test_quick_equals_every_rule(self, case):
        """Whatever the quick path takes, it resolves as the full rule walk does; what it leaves, the walk reports."""
        r, p = case
        for q in _mutations(r, p):
            for need_survey in (False, True):
                assert _outcome(lambda q=q, n=need_survey: resolve(r, q, need_survey=n)) == _outcome(lambda q=q, n=need_survey: resolve_every_rule(r, q, need_survey=n))


class TestWeightedSum:
    @given(st.one_of(st.just(RUBRIK_A), rubrik_a_acak()).flatmap(lambda r: st.tuples(st.just(r), _ASSESSMENTS.flatmap(lambda kw: penilaian(r, **kw)))))
    def test_quick_equals_full(self, case):
        """The one-pass score gives the full path's result (contributions, suggestions, warnings, band), or the same problems."""
        r, p = case
        for strategy in (WeightedSum(), WeightedSum(classifier=_OwnBands()), WeightedSum(kebijakan_kosong=KebijakanKosong.NOL)):
            for q in _mutations(r, p):
                quick = _outcome(lambda s=strategy, q=q: s.score(r, q))
                assert quick == _full(strategy, r, q)
                assert quick == _outcome(lambda s=strategy, q=q: s.score(r, q))  # again, from the caches

    def test_the_example_takes_the_quick_path(self, monkeypatch):
        """A complete assessment by code is scored in one pass (the full path is never entered)."""
        p = penilaian_a({i.kode: n % 5 for n, i in enumerate(kasn().indikator)}, bukti={"1.1": ["sk.pdf"]})
        expected = _full(WeightedSum(), kasn(), p)
        monkeypatch.setattr("meritsys.scoring._weighted_sum.resolve", None)
        assert WeightedSum().score(kasn(), p) == expected

    def test_outside_the_scale(self):
        """An index below the published scale carries the warning, on the quick path as on the full one."""
        p = penilaian_a(0)
        hasil = WeightedSum().score(kasn(), p)
        assert hasil.di_luar_skala
        assert hasil == _full(WeightedSum(), kasn(), p)
        assert hasil.peringatan[-1].startswith("index 0 lies outside the published scale")


class TestHasilOf:
    def _fields(self):
        hasil = meritsys.score(penilaian_a(3))
        values = {f.name: getattr(hasil, f.name) for f in attrs.fields(Hasil)}
        del values["sementara"], values["kelengkapan"]
        return hasil, values

    def test_equals_the_checked_constructor(self):
        """Parts already as Hasil keeps them give the result ``Hasil(...)`` gives, every field set."""
        hasil, values = self._fields()
        built = hasil_of(**values)
        assert built == hasil
        assert attrs.asdict(built, recurse=False) == attrs.asdict(hasil, recurse=False)

    def test_anything_else_goes_through_the_checked_constructor(self):
        """A list or a stage by name is converted by Hasil's own converters, and bad parts are refused as Hasil refuses them."""
        hasil, values = self._fields()
        assert hasil_of(**{**values, "saran": list(hasil.saran), "tahap": hasil.tahap.value}) == hasil
        with pytest.raises(ValidationError) as info:
            hasil_of(**{**values, "peringatan": "a string"})
        assert info.value.problems[0].path == "peringatan"

    def test_survei_and_koreksi_are_stored(self):
        """Regime B parts are kept as given."""
        _, values = self._fields()
        built = hasil_of(**{**values, "survei": Decimal("0.5"), "koreksi": Decimal("-1")})
        assert (built.survei, built.koreksi) == (Decimal("0.5"), Decimal("-1"))
