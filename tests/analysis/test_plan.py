"""The improvement planner: the cheapest level increases that reach a target, checked against brute force."""

import datetime as dt
import itertools
from decimal import Decimal
from fractions import Fraction
from unittest import mock

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import meritsys
from meritsys import (
    Angka,
    AspectLinear,
    Aspek,
    AturanBatas,
    Gerbang,
    IncompatibleStrategyError,
    Indikator,
    JenisBatas,
    JenisInstansi,
    Kategori,
    KebijakanKosong,
    KebijakanTidakBerlaku,
    Komposisi,
    LetakBobot,
    Level,
    MaturityIndex,
    Penilaian,
    Rubrik,
    Rujukan,
    Skala,
    Status,
    Syarat,
    ValidationError,
    WeightedSum,
)
from meritsys._numbers import fraction_to_decimal, round_half_up
from meritsys.analysis import Langkah, Rencana, Target, plan
from meritsys.testing.generators import penilaian as gen_penilaian
from tests.helpers import instansi, kasn, module_of, penilaian_a, penilaian_b, rezim_b

_plan = module_of(plan)  # where plan() picks its search
_search = module_of(_plan.solver)  # the two exact searches

# kasn-2019 at level 2 everywhere is 200; these fifteen at level 3 add 50.5
# (bobot 5, 4, 4.5, 3.5; 3.5 x 5; 3 x 4; 2, 2).
KE_TIGA = ("5.1", "5.2", "5.3", "5.4", "3.1", "3.3", "3.4", "3.6", "3.7", "3.2", "3.5", "3.8", "3.9", "1.3", "1.4")


def penilaian_250_5() -> Penilaian:
    """A kasn-2019 assessment scoring exactly 250.5 (Baik), like Kabupaten Kudus 2023."""
    jawaban = {i.kode: 2 for i in kasn().indikator}
    jawaban.update(dict.fromkeys(KE_TIGA, 3))
    return penilaian_a(jawaban)


# --------------------------------------------------------------------------- small random rubrics


def _acuan(nilai) -> Angka:
    return Angka(nilai, Status.ACUAN, catatan="uji perencana")


def _levels(lo: int, hi: int) -> tuple[Level, ...]:
    return tuple(Level(n, f"Level {n}") for n in range(lo, hi + 1))


_RUJUKAN = (Rujukan("UJI", "Rubrik kecil untuk uji perencana", Status.ACUAN),)


@st.composite
def _bands(draw, lo: Decimal, hi: Decimal, step: Decimal):
    """2..4 bands cut inside ``[lo, hi]`` (in whole steps) under a drawn boundary rule."""
    n_lo, n_hi = int(lo / step), max(int(hi / step), int(lo / step) + 4)
    n_cuts = draw(st.integers(1, 3))
    cuts = sorted(draw(st.sets(st.integers(n_lo + 1, n_hi), min_size=n_cuts, max_size=n_cuts)))
    jenis = draw(st.sampled_from(JenisBatas))
    kategori = []
    for i in range(n_cuts + 1):
        if jenis is JenisBatas.BAWAH_INKLUSIF:
            bawah = _acuan(cuts[i - 1] * step) if i else None
            atas = _acuan((cuts[i] - 1) * step) if i < n_cuts else None
        else:
            bawah = _acuan((cuts[i - 1] + 1) * step) if i else None
            atas = _acuan(cuts[i] * step) if i < n_cuts else None
        kategori.append(Kategori(f"K{i}", f"Kategori {i}", bawah, atas))
    return tuple(kategori), AturanBatas(jenis, _acuan(step), Status.ACUAN, catatan="uji")


def _sizes(draw) -> list[int]:
    """Indicators per aspect: 1-3 aspects, 3-5 indicators in all."""
    total = draw(st.integers(3, 5))
    n_aspek = draw(st.integers(1, min(3, total)))
    cuts = sorted(draw(st.sets(st.integers(1, total - 1), min_size=n_aspek - 1, max_size=n_aspek - 1)))
    bounds = [0, *cuts, total]
    return [b - a for a, b in itertools.pairwise(bounds)]


@st.composite
def rubrik_a_kecil(draw) -> Rubrik:
    """A regime A rubric of 3-5 indicators with drawn level sets, weights, bands and rounding."""
    step_w = draw(st.sampled_from([Decimal(1), Decimal("0.5"), Decimal("0.25")]))
    aspek, lo, hi = [], Decimal(0), Decimal(0)
    for a, n in enumerate(_sizes(draw)):
        inds = []
        for i in range(n):
            lmin = draw(st.integers(0, 1))
            lmax = lmin + draw(st.integers(1, 4))
            w = step_w * draw(st.integers(1, 12))
            lo, hi = lo + w * lmin, hi + w * lmax
            inds.append(Indikator(f"{a + 1}.{i + 1}", f"Indikator {a + 1}.{i + 1}", _levels(lmin, lmax), bobot=_acuan(w)))
        aspek.append(Aspek(str(a + 1), f"Aspek {a + 1}", inds))
    total = sum((i.bobot.nilai for asp in aspek for i in asp.indikator), Decimal(0))
    kategori, aturan = draw(_bands(lo, hi, Decimal(1)))
    places = draw(st.sampled_from([None, None, 0, 1]))
    return Rubrik(
        id="kecil-a", nama="Rubrik kecil A", rujukan=_RUJUKAN, berlaku_mulai=dt.date(2020, 1, 1),
        skala=Skala(_acuan(lo), None, None if places is None else _acuan(places)),
        aspek=aspek, kategori=kategori, aturan_batas=aturan, letak_bobot=LetakBobot.INDIKATOR,
        jumlah_bobot=_acuan(total), strategi="weighted-sum",
    )


@st.composite
def rubrik_b_kecil(draw) -> Rubrik:
    """A regime B rubric of 3-5 indicators: a gate, agency-type variants, drawn composition and rounding."""
    gate = Gerbang("g", "Gerbang?", {"ya": "Ya", "tidak": "Tidak"})
    aspek = []
    for a, n in enumerate(_sizes(draw)):
        inds = []
        for i in range(n):
            lmin = draw(st.integers(0, 1))
            lmax = lmin + draw(st.integers(1, 4))
            syarat = None
            if i:
                kind = draw(st.sampled_from(["none", "gate", "jenis"]))
                if kind == "gate":
                    syarat = Syarat(gerbang="g", jawaban=("ya",))
                elif kind == "jenis":
                    syarat = Syarat(jenis=(JenisInstansi.KABUPATEN, JenisInstansi.KOTA))
            kode = f"{a + 1}.{i + 1}"
            inds.append(Indikator(kode, f"Indikator {kode}", _levels(lmin, lmax), berlaku_jika=syarat, alias=(f"q{a + 1}_{i + 1}",)))
        aspek.append(Aspek(str(a + 1), f"Aspek {a + 1}", inds, bobot=_acuan(Decimal(draw(st.integers(1, 40))).scaleb(-2))))
    total = sum((asp.bobot.nilai for asp in aspek), Decimal(0))
    m = draw(st.sampled_from([Decimal("0.75"), Decimal(1), Decimal("0.5")]))
    places = draw(st.sampled_from([None, 1, 2, 3]))
    kategori, aturan = draw(_bands(Decimal(0), Decimal("1.1"), Decimal(1).scaleb(-(2 if places is None else places))))
    return Rubrik(
        id="kecil-b", nama="Rubrik kecil B", rujukan=_RUJUKAN, berlaku_mulai=dt.date(2026, 1, 1),
        skala=Skala(_acuan(0), None, None if places is None else _acuan(places)),
        aspek=aspek, kategori=kategori, aturan_batas=aturan, letak_bobot=LetakBobot.ASPEK,
        jumlah_bobot=_acuan(total), strategi="maturity", gerbang=(gate,),
        komposisi=Komposisi(_acuan(m), _acuan(1 - m), tidak_berlaku=draw(st.sampled_from(KebijakanTidakBerlaku))),
    )


_COST = st.integers(0, 8).map(lambda n: Decimal(n) / 2)


@st.composite
def kasus(draw, rubrik_strategy):
    """A small rubric, an assessment of it, costs, caps and a target (category or index)."""
    r = draw(rubrik_strategy)
    p = draw(gen_penilaian(r, pakai_alias=True, max_level=draw(st.integers(0, 4))))
    biaya, batas = {}, {}
    for ind in r.indikator:
        how = draw(st.sampled_from(["none", "one", "each"]))
        if how == "one":
            biaya[ind.kode] = draw(_COST)
        elif how == "each":
            biaya[ind.kode] = draw(st.lists(_COST, min_size=ind.level_maks - ind.level_min, max_size=ind.level_maks - ind.level_min))
        if draw(st.booleans()):
            batas[ind.kode] = draw(st.integers(ind.level_min, ind.level_maks))
    # Aim mostly between the assessment's index and the highest it can reach, where plans are not trivial.
    awal = meritsys.score(p, r)
    top = {pos: None if k.level is None else r.indikator[pos].level_maks for pos, k in enumerate(awal.kontribusi)}
    _, hi = _indeks_rujukan(r, p, top)
    if draw(st.booleans()):
        now = r.kategori.index(r.category(awal.kategori.label))
        above = [k.label for k in r.kategori[now + 1 :]]
        target = draw(st.sampled_from(above) if above and draw(st.integers(0, 4)) else st.sampled_from([k.label for k in r.kategori]))
    else:
        lo_u, hi_u = int(awal.indeks * 100), int(hi * 100)
        above = draw(st.integers(0, 4)) > 0
        target = Decimal(draw(st.integers(lo_u + 1 if above else lo_u - 5, max(hi_u, lo_u) + 5))).scaleb(-2)
    return r, p, biaya, batas, target


# --------------------------------------------------------------------------- the brute-force reference


def _indeks_rujukan(r: Rubrik, p: Penilaian, levels: dict[int, int | None]) -> tuple[Fraction, Decimal]:
    """The unrounded and reported index from levels by position, straight from *The domain* (domain.md#regime-a-structure, domain.md#reference-values)."""
    if r.komposisi is None:
        raw = sum((Fraction(i.bobot.nilai) * levels[pos] for pos, i in enumerate(r.indikator) if levels[pos] is not None), Fraction(0))
        places = r.skala.desimal_int
        return raw, (fraction_to_decimal(raw, 28) if places is None else round_half_up(raw, places))
    komp = r.komposisi
    maturity = Fraction(0)
    pos = 0
    for asp in r.aspek:
        shares = []
        for ind in asp.indikator:
            lv = levels[pos]
            pos += 1
            if lv is not None:
                shares.append(Fraction(lv, ind.level_maks))
            elif komp.tidak_berlaku is KebijakanTidakBerlaku.NOL:
                shares.append(Fraction(0))
            elif komp.tidak_berlaku is KebijakanTidakBerlaku.MAKSIMUM:
                shares.append(Fraction(1))
        maturity += Fraction(asp.bobot.nilai) * sum(shares, Fraction(0)) / len(shares)
    raw = Fraction(komp.bobot_maturitas.nilai) * maturity + Fraction(komp.bobot_survei.nilai) * Fraction(p.survei or 0) + Fraction(p.koreksi)
    return raw, round_half_up(raw, 2 if r.skala.desimal_int is None else r.skala.desimal_int)


def _mencapai(r: Rubrik, target, indeks: Decimal) -> bool:
    if isinstance(target, str):
        want = r.category(target)
        return meritsys.classify(indeks, r).posisi >= r.kategori.index(want)
    return indeks >= target


def _step_cost(ind: Indikator, biaya: dict, level: int) -> Decimal:
    """The cost of the step up to *level*."""
    c = biaya.get(ind.kode, Decimal(1))
    return c[level - 1 - ind.level_min] if isinstance(c, list) else c


def brute_force(r: Rubrik, p: Penilaian, biaya: dict, batas: dict, target):
    """Every combination of raised levels: (cost, steps, -gain) of the best reaching one, or None."""
    start = {pos: k.level for pos, k in enumerate(meritsys.score(p, r).kontribusi)}
    raw0, _ = _indeks_rujukan(r, p, start)
    choices = []
    for pos, ind in enumerate(r.indikator):
        lv = start[pos]
        top = lv if lv is None else max(lv, min(ind.level_maks, batas.get(ind.kode, ind.level_maks)))
        choices.append([lv] if lv is None else list(range(lv, top + 1)))
    best = None
    for combo in itertools.product(*choices):
        levels = dict(enumerate(combo))
        raw, indeks = _indeks_rujukan(r, p, levels)
        if not _mencapai(r, target, indeks):
            continue
        cost = sum(
            (_step_cost(ind, biaya, lv) for pos, ind in enumerate(r.indikator) if combo[pos] is not None
             for lv in range(start[pos] + 1, combo[pos] + 1)),
            Decimal(0),
        )
        steps = sum(combo[pos] - start[pos] for pos in range(len(combo)) if combo[pos] is not None)
        key = (cost, steps, -(raw - raw0))
        if best is None or key < best:
            best = key
    return best


def _check_against_brute_force(r, p, biaya, batas, target):
    rencana = plan(p, target, r, biaya=biaya, batas=batas)
    with mock.patch.object(_plan, "solver", return_value=_search._knapsack_by_cost):
        # the search over (cost, steps) sums finds the very same plan
        assert plan(p, target, r, biaya=biaya, batas=batas) == rencana
    best = brute_force(r, p, biaya, batas, target)
    assert rencana.tercapai == (best is not None)
    levels = {pos: k.level for pos, k in enumerate(rencana.akhir.kontribusi)}
    raw, indeks = _indeks_rujukan(r, rencana.penilaian, levels)
    assert indeks == rencana.akhir.indeks  # the reference agrees with the strategy
    if best is None:
        return
    raw0, _ = _indeks_rujukan(r, p, {pos: k.level for pos, k in enumerate(rencana.awal.kontribusi)})
    steps = sum(s.ke - s.dari for s in rencana.langkah)
    assert (rencana.biaya, steps, -(raw - raw0)) == best
    assert _mencapai(r, target, rencana.akhir.indeks)


class _EqualAspects(AspectLinear):
    """Every aspect weighs the same (as the example plugin does)."""

    @property
    def name(self):
        return "equal-aspects"

    def aspect_weights(self, rubrik):
        top = rubrik.skala.maksimum.nilai if rubrik.komposisi is None else 1
        return [Fraction(top) / len(rubrik.aspek)] * len(rubrik.aspek)


# --------------------------------------------------------------------------- tests


class TestDoneWhen:
    def test_kasn_250_5_to_sangat_baik(self):
        """A kasn-2019 assessment at 250.5 (Baik) gets a plan that re-scores to at least 325, Sangat Baik."""
        p = penilaian_250_5()
        rencana = plan(p, "Sangat Baik")
        assert (rencana.awal.indeks, rencana.awal.kategori.label) == (Decimal("250.5"), "Baik")
        assert rencana.tercapai
        assert rencana.akhir.indeks >= 325
        assert rencana.akhir.kategori.label == "Sangat Baik"
        assert meritsys.score(rencana.penilaian).indeks == rencana.akhir.indeks

    def test_kasn_250_5_plan_is_minimal(self):
        """Undoing any one step of the 250.5 plan falls below 325, so no step is wasted."""
        p = penilaian_250_5()
        rencana = plan(p, "Sangat Baik")
        assert rencana.biaya == sum(s.ke - s.dari for s in rencana.langkah) == 23
        for s in rencana.langkah:
            jawaban = dict(rencana.penilaian.jawaban)
            jawaban[s.kode] -= 1
            assert meritsys.score(attrs.evolve(p, jawaban=jawaban)).indeks < 325

    def test_kasn_250_5_needs_at_least_twenty_three_steps(self):
        """No 22 one-level steps add 74.5 points: the largest twenty-two gains add up to less."""
        p = penilaian_250_5()
        gains = sorted(
            (Fraction(i.bobot.nilai) for i in kasn().indikator for _ in range(p.jawaban[i.kode], i.level_maks)),
            reverse=True,
        )
        assert sum(gains[:22]) < Fraction(149, 2) <= sum(gains[:23])


class TestOptimality:
    @given(kasus(rubrik_a_kecil()))
    def test_regime_a_matches_brute_force(self, case):
        """On small regime A rubrics the plan costs what the cheapest reaching combination costs (then fewest steps, largest gain)."""
        _check_against_brute_force(*case)

    @given(kasus(rubrik_b_kecil()))
    def test_regime_b_matches_brute_force(self, case):
        """On small regime B rubrics (gates, agency types, every not-applicable policy) the plan is the brute-force optimum."""
        _check_against_brute_force(*case)

    @given(gen_penilaian("permenpanrb-19-2025"), st.sampled_from(["Lanjutan", "Menengah", "Tinggi", "Maju"]))
    def test_shipped_regime_b_plans_have_no_spare_step(self, p, target):
        """On permenpanrb-19-2025 a reaching plan falls short once any single step is undone."""
        rencana = plan(p, target)
        if not rencana.tercapai or not rencana.langkah:
            return
        assert rencana.akhir.kategori.label in ("Lanjutan", "Menengah", "Tinggi", "Maju")
        for s in rencana.langkah:
            key = next(k for k in rencana.penilaian.jawaban if rezim_b().indicator(k).kode == s.kode)
            jawaban = dict(rencana.penilaian.jawaban)
            jawaban[key] -= 1
            lower = meritsys.score(attrs.evolve(rencana.penilaian, jawaban=jawaban))
            assert rezim_b().kategori.index(rezim_b().category(lower.kategori.label)) < rezim_b().kategori.index(rezim_b().category(target))


def rubrik_penyebut_besar() -> Rubrik:
    """A regime B rubric whose aspects of 1-9 questions make the gains' common denominator large."""
    b = rezim_b()
    sizes = [3, 7, 4, 5, 8, 9, 1, 2]
    bobot = ["0.13", "0.17", "0.11", "0.15", "0.10", "0.14", "0.09", "0.11"]
    aspek = [
        Aspek(str(a + 1), f"Aspek {a + 1}", [Indikator(f"{a + 1}.{i + 1}", "x", _levels(0, 4)) for i in range(n)], bobot=_acuan(w))
        for a, (n, w) in enumerate(zip(sizes, bobot, strict=True))
    ]
    return attrs.evolve(b, id="penyebut-besar", aspek=aspek, gerbang=())


class TestSearch:
    def test_large_denominator_uses_search_by_cost(self):
        """With a shortfall of tens of thousands of units and unit costs the search by cost is picked, and both searches agree."""
        r = rubrik_penyebut_besar()
        p = Penilaian(instansi(), 2026, r.id, {i.kode: 1 for i in r.indikator}, survei="0.5")
        calls = []
        real = _search.solver

        def spy(items, need):
            calls.append(real(items, need))
            return calls[-1]

        with mock.patch.object(_plan, "solver", spy):
            rencana = plan(p, "Tinggi", r)
        assert calls == [_search._knapsack_by_cost]
        with mock.patch.object(_plan, "solver", return_value=_search._knapsack):
            assert plan(p, "Tinggi", r) == rencana
        assert rencana.akhir.kategori.label == "Tinggi"

    def test_varied_costs_keep_the_dense_search(self):
        """Varied costs make the (cost, steps) sums many, so the search over the shortfall stays."""
        item = _search.Item(0, 1, (0, 300, 700), (0, 1, 2), 1)
        assert _search.solver([item] * 10, 10**6) is _search._knapsack
        assert _search.solver([item] * 10, 100) is _search._knapsack


    def test_keys_beyond_64_bits_leave_the_array_search(self):
        """Step keys too large for int64 would make the array search crawl through Python integers (found in CI:
        minutes for a 5.6-million-unit shortfall); the search over sums takes them, and both give the same plan."""
        # keys as items_of makes them, (cost x (max_steps + 1) + steps) x (total_gain + 1) - gain, with costs near 2**60
        gains, costs = [1, 2, 3, 4], [(0, 2**60 + 7, 2**61 + 1), (0, 2**60 + 3, 2**61 + 9), (0, 2**60 + 5, 2**61), (0, 2**60 + 1, 2**61 + 5)]
        m_steps, m_gain = 9, 2 * sum(gains) + 1
        wide = [
            _search.Item(j, g, c, tuple((cost * m_steps + k) * m_gain - k * g for k, cost in enumerate(c)), 1)
            for j, (g, c) in enumerate(zip(gains, costs, strict=True))
        ]
        assert _search.solver(wide, 5_623_973) is _search._knapsack_by_cost
        for need in range(0, 13):
            assert _search._knapsack_by_cost(wide, need) == _search._knapsack(wide, need), need


class TestTarget:
    @pytest.mark.parametrize(("target", "label"), [("Sangat Baik", "Sangat Baik"), ("sangat baik", "Sangat Baik"), ("IV", "Sangat Baik"), ("iii", "Baik")])
    def test_category_by_label_or_code(self, target, label):
        """A category target is found by its label or code, in any case."""
        rencana = plan(penilaian_250_5(), target)
        assert rencana.target.kategori is not None
        assert rencana.target.kategori.label == label

    @pytest.mark.parametrize("target", [Decimal("300"), 300, "300", "300.0"])
    def test_index_target(self, target):
        """An index target (Decimal, int or numeric string) is reached by the reported index."""
        rencana = plan(penilaian_250_5(), target)
        assert rencana.target == Target(Decimal("300"))
        assert rencana.akhir.indeks >= 300
        assert rencana.tercapai

    def test_category_threshold_is_band_start(self):
        """A category target records the lowest index of its band."""
        assert plan(penilaian_b(1), "Menengah").target == Target(Decimal("0.61"), meritsys.KategoriHasil("3", "Menengah"))

    def test_ambiguous_code_is_refused(self):
        """A regime B category code that also reads as an index is refused, naming both readings."""
        with pytest.raises(ValidationError, match=r"\$\.target: '3' is both the code of category Menengah and an index value"):
            plan(penilaian_b(1), "3")

    @pytest.mark.parametrize(("target", "message"), [("Bagus", "neither a category"), (0.5, "is a float"), (True, "boolean")])
    def test_bad_targets(self, target, message):
        """A target that is neither a category nor an exact number is a ValidationError at $.target."""
        with pytest.raises(ValidationError, match=message) as exc:
            plan(penilaian_250_5(), target)
        assert exc.value.problems[0].path == "target"

    def test_lowest_category_is_always_reached(self):
        """The lowest category needs no plan, even for an index below the scale."""
        rencana = plan(penilaian_a(0), "Buruk")
        assert rencana.target == Target(None, meritsys.KategoriHasil("I", "Buruk"))
        assert (rencana.langkah, rencana.tercapai) == ((), True)

    def test_upper_inclusive_bands(self):
        """Under atas_inklusif a category starts one grid step above the band below's upper bound."""
        r = kasn()
        kategori = (
            attrs.evolve(r.kategori[0], batas_bawah=None),
            *(attrs.evolve(k, batas_bawah=None) for k in r.kategori[1:-1]),
            attrs.evolve(r.kategori[-1], batas_bawah=None),
        )
        atas = attrs.evolve(r, kategori=kategori, aturan_batas=attrs.evolve(r.aturan_batas, jenis=JenisBatas.ATAS_INKLUSIF))
        rencana = plan(penilaian_250_5(), "Sangat Baik", atas)
        assert rencana.target.indeks == Decimal("324.5")
        assert rencana.akhir.kategori.label == "Sangat Baik"


class TestAlreadyReached:
    @pytest.mark.parametrize("target", ["Baik", "Kurang", "250.5", 200])
    def test_empty_plan(self, target):
        """A target the assessment already reaches gives an empty, free plan whose result is the start."""
        rencana = plan(penilaian_250_5(), target)
        assert rencana.tercapai
        assert rencana.langkah == ()
        assert rencana.biaya == 0
        assert rencana.akhir == rencana.awal
        assert rencana.penilaian == penilaian_250_5()
        assert rencana.tambahan == 0


class TestUnreachable:
    def test_above_the_scale(self):
        """An index above what level 4 everywhere gives is not reached; the closest plan raises everything."""
        rencana = plan(penilaian_250_5(), 401)
        assert not rencana.tercapai
        assert rencana.akhir.indeks == 400
        assert {s.kode: s.ke for s in rencana.langkah} == {i.kode: 4 for i in kasn().indikator}
        assert rencana.alasan is not None
        assert "indeks >= 401" in rencana.alasan
        assert "400 (Sangat Baik)" in rencana.alasan

    def test_caps_make_it_unreachable(self):
        """Caps that keep the index below the target make the plan fall short, at every cap."""
        batas = {i.kode: 3 for i in kasn().indikator}
        rencana = plan(penilaian_250_5(), "Sangat Baik", batas=batas)
        assert not rencana.tercapai
        assert rencana.akhir.indeks == 300
        assert all(s.ke == 3 for s in rencana.langkah)

    def test_nothing_raisable(self):
        """With every indicator at its cap the plan is empty and says nothing can be raised."""
        rencana = plan(penilaian_250_5(), "Sangat Baik", batas={i.kode: 0 for i in kasn().indikator})
        assert (rencana.tercapai, rencana.langkah, rencana.akhir.indeks) == (False, (), Decimal("250.5"))
        assert "no indicator can be raised" in (rencana.alasan or "")


class TestCaps:
    def test_caps_are_respected(self):
        """No indicator goes above its cap, and the plan still reaches the target when it can."""
        batas = {"5.1": 3, "5.3": 3, "2.2": 2, "4.2": 3}
        rencana = plan(penilaian_250_5(), "Sangat Baik", batas=batas)
        assert rencana.tercapai
        ke = {s.kode: s.ke for s in rencana.langkah}
        assert all(ke.get(k, 0) <= v for k, v in batas.items())
        assert "5.1" not in ke
        assert "5.3" not in ke
        assert "2.2" not in ke

    def test_cap_by_alias(self):
        """A cap and a cost may name an indicator by its alias."""
        rencana = plan(penilaian_b(1), "Tinggi", biaya={"a7q1": 0}, batas={"a7q1": 2})
        assert Langkah("7.1", "7", 1, 2, Decimal(0), Decimal("0.01875")) in rencana.langkah

    @pytest.mark.parametrize(
        ("batas", "message"),
        [({"9.9": 3}, r'\$\.batas\["9\.9"\]: not an indicator'), ({"3.2": 5}, r'\$\.batas\["3\.2"\]: level 5 is outside 0\.\.4'),
         ({"3.2": "3"}, "whole-number level"), ({"3.2": True}, "whole-number level")],
        ids=["unknown-code", "above-the-levels", "text", "boolean"],
    )
    def test_bad_caps(self, batas, message):
        """An unknown code, a level outside the set or a non-integer cap is a path-addressed ValidationError."""
        with pytest.raises(ValidationError, match=message):
            plan(penilaian_250_5(), "Sangat Baik", batas=batas)


class TestCosts:
    def test_default_cost_is_one_per_step(self):
        """Without costs every step costs 1, so the cost is the number of steps."""
        rencana = plan(penilaian_250_5(), "Sangat Baik")
        assert rencana.biaya == sum(s.ke - s.dari for s in rencana.langkah)
        assert all(s.biaya == s.ke - s.dari for s in rencana.langkah)

    def test_expensive_indicator_is_avoided(self):
        """An indicator whose steps cost more than any alternative is left out."""
        free = plan(penilaian_250_5(), "Sangat Baik")
        mahal = free.langkah[0].kode
        rencana = plan(penilaian_250_5(), "Sangat Baik", biaya={mahal: 100})
        assert mahal not in {s.kode for s in rencana.langkah}
        assert rencana.tercapai

    def test_per_step_costs(self):
        """A sequence gives one cost per step from the lowest level; a plan pays exactly the steps it takes."""
        biaya = {i.kode: [50, 50, 50, 50] for i in kasn().indikator}
        biaya["1.1"] = [9, 9, Decimal("0.1"), Decimal("0.2")]  # 2->3 and 3->4 are cheap
        rencana = plan(penilaian_250_5(), 256, biaya=biaya)
        assert rencana.langkah[0] == Langkah("1.1", "1", 2, 4, Decimal("0.3"), Decimal("6"))
        assert rencana.biaya == Decimal("0.3")

    def test_decimal_costs_are_exact(self):
        """Decimal costs add up exactly (0.1 + 0.2 is 0.3)."""
        biaya = {i.kode: "0.1" for i in kasn().indikator}
        rencana = plan(penilaian_250_5(), "Sangat Baik", biaya=biaya)
        assert rencana.biaya == Decimal("2.3")

    def test_huge_costs_stay_exact(self):
        """Costs too large for 64-bit keys give the same plan, summed exactly."""
        huge = Decimal("999999999999999.5")  # the largest cost the number policy allows at this step
        small = plan(penilaian_250_5(), "Sangat Baik")
        rencana = plan(penilaian_250_5(), "Sangat Baik", biaya={i.kode: huge for i in kasn().indikator})
        assert [(s.kode, s.ke) for s in rencana.langkah] == [(s.kode, s.ke) for s in small.langkah]
        steps = [s.ke - s.dari for s in rencana.langkah]
        assert rencana.biaya == sum(steps) * huge == Decimal("22999999999999988.5")
        assert rencana.langkah[0].biaya == steps[0] * huge

    def test_free_steps_are_not_taken_needlessly(self):
        """A zero-cost indicator is used, but a plan takes no step the target does not need."""
        rencana = plan(penilaian_250_5(), "251", biaya={"7.2": 0})
        assert [(s.kode, s.ke, s.biaya) for s in rencana.langkah] == [("7.2", 3, Decimal("0"))]

    def test_ties_prefer_fewer_steps(self):
        """Among equally cheap plans the one with fewer steps wins."""
        biaya = {i.kode: 2 for i in kasn().indikator}
        biaya["7.2"] = 1  # two steps of 7.2 (+2) cost as much as one step of 5.1 (+5)
        rencana = plan(penilaian_250_5(), "252.5", biaya=biaya)
        assert sum(s.ke - s.dari for s in rencana.langkah) == 1

    @pytest.mark.parametrize(
        ("biaya", "message"),
        [({"9.9": 1}, r'\$\.biaya\["9\.9"\]: not an indicator'), ({"3.2": -1}, "must not be negative"),
         ({"3.2": 0.5}, "is a float"), ({"3.2": [1, 2]}, "needs 4 step costs"), ({"3.2": [1, "x", 1, 1]}, r'\$\.biaya\["3\.2"\]\[1\]'),
         ({"3.2": 1, "3.2b": 1}, "not an indicator")],
        ids=["unknown-code", "negative", "float", "too-few-steps", "bad-step-cost", "unknown-beside-known"],
    )
    def test_bad_costs(self, biaya, message):
        """Unknown codes, negative or float costs and sequences of the wrong length are path-addressed ValidationErrors."""
        with pytest.raises(ValidationError, match=message):
            plan(penilaian_250_5(), "Sangat Baik", biaya=biaya)

    def test_all_problems_at_once(self):
        """Problems in the target, the costs and the caps are reported together."""
        with pytest.raises(ValidationError) as exc:
            plan(penilaian_250_5(), "Bagus", biaya={"9.9": 1}, batas={"3.2": 9})
        assert [p.path for p in exc.value.problems] == ['biaya["9.9"]', 'batas["3.2"]', "target"]

    def test_code_and_alias_twice(self):
        """Naming one indicator by code and by alias is refused."""
        with pytest.raises(ValidationError, match=r'\$\.biaya\["a1q1"\]: indicator 1\.1 is given twice'):
            plan(penilaian_b(1), "Tinggi", biaya={"1.1": 1, "a1q1": 2})


class TestGates:
    def test_gated_out_questions_never_appear(self):
        """Questions closed by a gate or by the agency type are never raised, even when they would be cheap."""
        p = penilaian_b(1, jenis="kabupaten")  # accidents and deaths: no; 4.1a is for central agencies and provinces
        biaya = {"6.4b": 0, "6.4c": 0, "4.1a": 0}
        rencana = plan(p, "Tinggi", biaya=biaya)
        kode = {s.kode for s in rencana.langkah}
        assert not kode & {"6.4b", "6.4c", "4.1a"}
        assert "6.4b" not in rencana.penilaian.jawaban
        assert "4.1a" not in rencana.penilaian.jawaban

    def test_open_gate_makes_question_plannable(self):
        """A question whose gate is open is planned like any other."""
        p = penilaian_b(1, gerbang={"kecelakaan_kerja": "ya", "kematian": "tidak"})
        biaya = {i.kode: 5 for i in rezim_b().indikator}
        biaya["6.4b"] = 1
        rencana = plan(p, "Lanjutan", biaya=biaya)
        assert "6.4b" in {s.kode for s in rencana.langkah}


class TestRegimeB:
    @pytest.mark.parametrize("target", ["Lanjutan", "Menengah", "Tinggi"])
    def test_reaches_band_after_rounding(self, target):
        """The re-scored regime B index, rounded half-up to two decimals, lands in the target band or above."""
        rencana = plan(penilaian_b(1), target)
        assert rencana.tercapai
        assert rencana.akhir.indeks >= rencana.target.indeks
        assert meritsys.score(rencana.penilaian).kategori == rencana.akhir.kategori

    def test_uses_the_rounding_half_unit(self):
        """A plan may stop at an unrounded index half a unit below the band, which rounds into it."""
        rencana = plan(penilaian_b(1), "Menengah")
        levels = {pos: k.level for pos, k in enumerate(rencana.akhir.kontribusi)}
        raw, indeks = _indeks_rujukan(rezim_b(), rencana.penilaian, levels)
        assert indeks == rencana.akhir.indeks >= Decimal("0.61")
        assert raw >= Fraction("0.605")

    def test_gains_are_exact_fractions(self):
        """A step's gain in regime B is 0.75 x bobot_aspek / (n_aspek x 4)."""
        rencana = plan(penilaian_b(1), "Lanjutan", batas={i.kode: 1 for i in rezim_b().indikator if i.kode != "7.1"})
        assert rencana.langkah == (Langkah("7.1", "7", 1, 4, Decimal(3), Decimal("0.05625")),)

    def test_maturity_only(self):
        """With the maturity-only strategy a plan needs no survey score."""
        p = penilaian_b(1, survei=None)
        with pytest.raises(ValidationError, match="survei"):
            plan(p, "Menengah")
        rencana = plan(p, "Menengah", strategy=MaturityIndex(hanya_maturitas=True))
        assert rencana.akhir.hanya_maturitas
        assert rencana.akhir.indeks >= Decimal("0.61")

    def test_correction_counts(self):
        """A negative correction needs a larger plan for the same band."""
        plain_plan = plan(penilaian_b(1), "Menengah")
        corrected = plan(penilaian_b(1, koreksi="-0.05"), "Menengah")
        assert corrected.biaya > plain_plan.biaya
        assert corrected.akhir.indeks >= Decimal("0.61")


class TestStrategies:
    @pytest.mark.parametrize("strategy", ["geometric-mean", "weakest-aspect-cap"], ids=["geometric-mean", "weakest-aspect-cap"])
    def test_non_linear_strategy_is_refused(self, strategy):
        """A strategy that is not linear is an IncompatibleStrategyError naming the linear_model and weight_model it lacks."""
        with pytest.raises(IncompatibleStrategyError, match=r"planner needs a linear strategy; .* does not offer linear_model and weight_model"):
            plan(penilaian_250_5(), "Sangat Baik", strategy=strategy)

    @pytest.mark.parametrize("rubrik", [kasn, rezim_b], ids=["regime-a", "regime-b"])
    def test_any_aspect_linear_strategy_is_planned(self, rubrik):
        """An AspectLinear strategy is planned exactly: the plan re-scores to the target with that very strategy."""
        r = rubrik()
        p = penilaian_a(2) if r.komposisi is None else penilaian_b(1)
        target = "Sangat Baik" if r.komposisi is None else "Menengah"
        rencana = plan(p, target, r, strategy=_EqualAspects())
        assert rencana.tercapai
        assert rencana.akhir.strategi == "equal-aspects"
        assert meritsys.score(rencana.penilaian, r, strategy=_EqualAspects()) == rencana.akhir
        assert rencana.akhir.kategori.label == target
        for s in rencana.langkah:  # no step is wasted
            jawaban = dict(rencana.penilaian.jawaban)
            jawaban[s.kode] -= 1
            lower = meritsys.score(attrs.evolve(rencana.penilaian, jawaban=jawaban), r, strategy=_EqualAspects())
            assert r.kategori.index(r.category(lower.kategori.label)) < r.kategori.index(r.category(target))

    def test_strategy_by_name_and_instance(self):
        """The strategy may be given by name or as a configured instance."""
        a = plan(penilaian_250_5(), "Sangat Baik", strategy="weighted-sum")
        b = plan(penilaian_250_5(), "Sangat Baik", strategy=WeightedSum())
        assert a == b

    def test_missing_answer_policy_fills_then_plans(self):
        """A level filled by the missing-answer policy can be raised; the plan writes it as an answer."""
        jawaban = dict(penilaian_250_5().jawaban)
        del jawaban["1.1"]
        p = attrs.evolve(penilaian_250_5(), jawaban=jawaban)
        s = WeightedSum(kebijakan_kosong=KebijakanKosong.NOL)
        rencana = plan(p, "Sangat Baik", strategy=s)
        assert rencana.awal.indeks == Decimal("244.5")
        assert rencana.tercapai
        assert rencana.akhir.indeks >= 325
        assert meritsys.score(rencana.penilaian, strategy=s) == rencana.akhir

    def test_not_applicable_by_policy_is_not_planned(self):
        """An answer left out under the tidak_berlaku policy is never planned."""
        p = penilaian_b(1)
        jawaban = {k: v for k, v in p.jawaban.items() if k not in ("2.1", "3.1")}
        s = MaturityIndex(kebijakan_kosong=KebijakanKosong.TIDAK_BERLAKU)
        rencana = plan(attrs.evolve(p, jawaban=jawaban), "Menengah", biaya={"2.1": 0, "3.1": 0}, strategy=s)
        assert rencana.tercapai
        assert not {"2.1", "3.1"} & {x.kode for x in rencana.langkah}
        assert not {"2.1", "3.1"} & set(rencana.penilaian.jawaban)

    def test_invalid_assessment(self):
        """An assessment that does not fit the rubric is a ValidationError from scoring."""
        with pytest.raises(ValidationError, match=r"outside 0\.\.4"):
            plan(penilaian_a(5), "Baik")

    def test_alias_keys_are_kept(self):
        """Answers keyed by an alias are raised under the same key."""
        p = penilaian_b(1)
        jawaban = {("a7q1" if k == "7.1" else k): v for k, v in p.jawaban.items()}
        batas = {k: 1 for k in p.jawaban if k != "7.1"}
        rencana = plan(attrs.evolve(p, jawaban=jawaban), "0.35", batas=batas)
        assert [(s.kode, s.ke) for s in rencana.langkah] == [("7.1", 3)]
        assert rencana.penilaian.jawaban["a7q1"] == 3
        assert "7.1" not in rencana.penilaian.jawaban


class TestRencana:
    def test_shape(self):
        """A plan carries the target, both results, its steps in rubric order and their gains."""
        rencana = plan(penilaian_250_5(), "Sangat Baik")
        assert isinstance(rencana, Rencana)
        kode = [s.kode for s in rencana.langkah]
        order = [i.kode for i in kasn().indikator]
        assert kode == sorted(kode, key=order.index)
        assert sum(s.tambahan for s in rencana.langkah) == rencana.tambahan == rencana.akhir.indeks - Decimal("250.5")
        assert str(rencana.target) == "Sangat Baik (indeks >= 325)"
