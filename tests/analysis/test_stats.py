"""Tests of cohort statistics: ranks, category counts, aspect means, year-over-year change, near-boundary rows."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from fractions import Fraction

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import meritsys
from meritsys import BandClassifier, JenisInstansi, Penilaian, Reform, Tahap, ValidationError
from meritsys.analysis import (
    Kohort,
    aspect_means,
    count_categories,
    near_boundary,
    rank,
    year_over_year,
)
from meritsys.io import parse_rubrik
from meritsys.scoring import JENIS, TAHAP, aspect_fulfilment, next_band, resolve
from meritsys.testing.generators import penilaian, rubrik_a_acak, rubrik_b_acak
from tests.helpers import KOHORT_A, KOHORT_B, instansi, kasn, module_of, package_of, penilaian_a, rezim_b

PRIORITAS_TAHAP = package_of(rank).PRIORITAS_TAHAP
SEMUA = package_of(rank).SEMUA


@pytest.fixture(scope="module")
def items_a() -> tuple[Penilaian, ...]:
    return tuple(meritsys.read_penilaian(KOHORT_A))


@pytest.fixture(scope="module")
def kohort_a(items_a):
    return Kohort.from_penilaian(kasn(), items_a)


@pytest.fixture(scope="module")
def items_latest(items_a) -> tuple[Penilaian, ...]:
    """The example cohort with one row per agency-year: its self-assessment row left out (statistics need one stage)."""
    return tuple(p for p in items_a if p.tahap.value != "mandiri")


@pytest.fixture(scope="module")
def kohort_latest(items_latest):
    return Kohort.from_penilaian(kasn(), items_latest)


@pytest.fixture(scope="module")
def kohort_b():
    return Kohort.read(KOHORT_B, rezim_b())


def _kosong(rubrik):
    return Kohort.from_arrays(rubrik, np.zeros((0, len(rubrik.indikator)), dtype=np.int8))


def _naive_ranks(values, metode):
    desc = sorted(values, reverse=True)
    distinct = sorted(set(values), reverse=True)
    if metode == "min":
        return [desc.index(v) + 1 for v in values]
    if metode == "max":
        return [len(desc) - desc[::-1].index(v) for v in values]
    return [distinct.index(v) + 1 for v in values]


def _group_of(p: Penilaian, menurut):
    return {
        None: SEMUA,
        "jenis": p.instansi.jenis.value,
        "provinsi": p.instansi.provinsi,
        "tahun": p.tahun,
        "tahap": p.tahap.value,
    }[menurut]


GROUPINGS = [None, "jenis", "provinsi", "tahun", "tahap"]


class TestRank:
    @pytest.mark.parametrize(
        ("metode", "expected"),
        [("min", [1, 2, 2, 4]), ("max", [1, 3, 3, 4]), ("dense", [1, 2, 2, 3])],
        ids=["competition", "max", "dense"],
    )
    def test_ties_share_a_rank(self, metode, expected):
        """Tied values share a rank under each method, 1 being the highest."""
        assert rank(np.array([400, 300, 300, 250]), metode=metode).tolist() == expected

    @pytest.mark.parametrize("metode", ["min", "max", "dense"])
    @given(values=st.lists(st.integers(-5, 5), max_size=40))
    def test_matches_naive_definition_with_ties(self, metode, values):
        """Ranks equal the definition computed naively with Python sorting, ties included."""
        got = rank(np.asarray(values, dtype=np.int64), metode=metode)
        assert got.tolist() == _naive_ranks(values, metode)
        assert got.dtype == np.int64

    @given(values=st.lists(st.integers(-(2**62), 2**62), max_size=30))
    def test_wide_integer_range(self, values):
        """Ranking is exact over the whole int64 range, not just small index units."""
        assert rank(np.asarray(values, dtype=np.int64)).tolist() == _naive_ranks(values, "min")

    def test_ranks_a_skor_batch_by_exact_index(self, kohort_a):
        """A SkorBatch is ranked by its exact index: higher index, better rank."""
        skor = kohort_a.score(kasn())
        ranks = rank(skor)
        indeks = skor.indeks()
        assert ranks.tolist() == _naive_ranks(indeks, "min")
        assert str(kohort_a.kode[ranks == 1][0]) == "kementerian-contoh"

    def test_half_point_difference_is_not_a_tie(self):
        """Indices half a point apart get different ranks; equal ones share."""
        levels = {i.kode: 3 for i in kasn().indikator}
        lower = dict(levels, **{"3.6": 2})  # bobot 3.5: 296.5
        items = [penilaian_a(levels), penilaian_a(lower), penilaian_a(levels)]
        skor = Kohort.from_penilaian(kasn(), items).score(kasn())
        assert skor.indeks() == [Decimal(300), Decimal("296.5"), Decimal(300)]
        assert rank(skor).tolist() == [1, 3, 1]

    def test_empty(self):
        """An empty cohort has no ranks."""
        assert rank(_kosong(kasn()).score(kasn())).tolist() == []
        assert rank([]).shape == (0,)

    @pytest.mark.parametrize(
        ("values", "metode"),
        [([1.5, 2.0], "min"), ([[1, 2]], "min"), ([1, 2], "average")],
        ids=["float", "2-d", "unknown-method"],
    )
    def test_rejects_bad_input(self, values, metode):
        """Floats, 2-D arrays and unknown methods are validation errors."""
        with pytest.raises(ValidationError):
            rank(values, metode=metode)


class TestCountCategories:
    def test_overall_counts_add_up_and_match_naive(self, kohort_latest, items_latest):
        """Overall counts add up to N and equal a naive count of the single path's categories."""
        hasil = count_categories(kohort_latest, kasn())
        naive = Counter(meritsys.score(p).kategori.label for p in items_latest)
        assert hasil.n == len(items_latest)
        assert hasil.kelompok == (SEMUA,)
        assert hasil.total() == {k.label: naive.get(k.label, 0) for k in hasil.labels}
        assert hasil.jumlah.shape == (1, 4)

    @pytest.mark.parametrize("menurut", GROUPINGS, ids=[str(g) for g in GROUPINGS])
    def test_per_group_matches_naive(self, kohort_latest, items_latest, menurut):
        """Each group's counts equal a naive count over the assessments of that group."""
        hasil = count_categories(kohort_latest, kasn(), menurut=menurut)
        naive = Counter((_group_of(p, menurut), meritsys.score(p).kategori.label) for p in items_latest)
        assert set(hasil.kelompok) == {g for g, _ in naive}
        for g, counts in hasil.to_dict().items():
            assert counts == {k.label: naive.get((g, k.label), 0) for k in hasil.labels}
        assert int(hasil.jumlah.sum()) == len(items_latest)

    def test_group_order(self, kohort_latest):
        """Agency types follow the enum order; provinces are alphabetical with None last."""
        jenis = count_categories(kohort_latest, kasn(), menurut="jenis").kelompok
        assert list(jenis) == [j.value for j in JENIS if j.value in jenis]
        prov = count_categories(kohort_latest, kasn(), menurut="provinsi").kelompok
        assert prov[-1] is None
        assert list(prov[:-1]) == sorted(prov[:-1])

    def test_rubric_or_scores_give_the_same(self, kohort_latest):
        """Passing the rubric scores the cohort; the counts equal those from its SkorBatch."""
        a = count_categories(kohort_latest, kasn(), menurut="jenis")
        b = count_categories(kohort_latest, kohort_latest.score(kasn()), menurut="jenis")
        assert a.kelompok == b.kelompok
        assert (a.jumlah == b.jumlah).all()

    def test_views(self, kohort_latest):
        """The flat rows and the shares agree with the count matrix."""
        hasil = count_categories(kohort_latest, kasn(), menurut="jenis")
        rows = hasil.rows()
        assert [r["kelompok"] for r in rows] == list(hasil.kelompok)
        assert [r["jumlah"] for r in rows] == hasil.jumlah.sum(axis=1).tolist()
        assert rows[0] == {"kelompok": "kementerian", "Buruk": 0, "Kurang": 0, "Baik": 1, "Sangat Baik": 1, "jumlah": 2}
        assert np.allclose(hasil.shares().sum(axis=1), 1.0)

    def test_regime_b(self, kohort_b):
        """Regime B counts use the maturity bands."""
        hasil = count_categories(kohort_b, rezim_b())
        assert [k.label for k in hasil.labels] == ["Dasar", "Lanjutan", "Menengah", "Tinggi", "Maju"]
        assert hasil.total() == {"Dasar": 1, "Lanjutan": 1, "Menengah": 1, "Tinggi": 2, "Maju": 0}

    def test_empty_cohort(self):
        """An empty cohort has one all-zero overall row, no groups when split, and NaN shares."""
        kosong = _kosong(kasn())
        overall = count_categories(kosong, kasn())
        assert (overall.kelompok, overall.jumlah.tolist(), overall.n) == ((SEMUA,), [[0, 0, 0, 0]], 0)
        assert np.isnan(overall.shares()).all()
        split = count_categories(kosong, kasn(), menurut="provinsi")
        assert (split.kelompok, split.jumlah.shape) == ((), (0, 4))

    def test_scores_of_another_cohort_are_refused(self, kohort_latest):
        """Scores of a different length or rubric are a validation error."""
        skor = kohort_latest.select(np.arange(3)).score(kasn())
        with pytest.raises(ValidationError, match="3 scores for a cohort of 11 rows"):
            count_categories(kohort_latest, skor)
        full = kohort_latest.score(kasn())
        with pytest.raises(ValidationError, match="permenpanrb"):
            count_categories(kohort_latest, attrs.evolve(full, rubrik=attrs.evolve(full.rubrik, id="permenpanrb-19-2025")))

    def test_unknown_grouping(self, kohort_latest):
        """An unknown grouping names the allowed ones."""
        with pytest.raises(ValidationError, match="one of: jenis, provinsi, tahun, tahap"):
            count_categories(kohort_latest, kasn(), menurut="nama")  # type: ignore[arg-type]


def _naive_means(items, rubrik, menurut):
    """Exact mean fulfilment per group from single-path resolution (the definition)."""
    per_group: dict = {}
    for p in items:
        fulfil = aspect_fulfilment(rubrik, resolve(rubrik, p).level)
        per_group.setdefault(_group_of(p, menurut), []).append(fulfil)
    return {g: [sum(col, Fraction(0)) / len(rows) for col in zip(*rows, strict=True)] for g, rows in per_group.items()}


class TestAspectMeans:
    @pytest.mark.parametrize("menurut", GROUPINGS, ids=[str(g) for g in GROUPINGS])
    def test_regime_a_matches_score_results(self, kohort_latest, items_latest, menurut):
        """Regime A means equal the mean of each aspect's points over its maximum from meritsys.score."""
        r = aspect_means(kohort_latest, kasn(), menurut=menurut)
        per_group: dict = {}
        for p in items_latest:
            per_group.setdefault(_group_of(p, menurut), []).append(meritsys.score(p).aspek)
        assert set(r.kelompok) == set(per_group)
        for g, exact, n, nilai in zip(r.kelompok, r.capaian_tepat, r.n, r.nilai(), strict=True):
            rows = per_group[g]
            assert n == len(rows)
            for a, asp in enumerate(kasn().aspek):
                points = [row[a].nilai for row in rows]
                assert exact[a] == sum(Fraction(row[a].nilai) / Fraction(row[a].maksimum) for row in rows) / len(rows)
                assert nilai[a] == pytest.approx(float(sum(points) / len(points)), rel=1e-12)
                assert rows[0][a].kode == asp.kode

    def test_regime_a_maxima(self, kohort_latest):
        """Regime A aspect maxima are the points of *The domain* (domain.md#reference-values): 40/40/130/40/80/40/10/20."""
        assert aspect_means(kohort_latest, kasn()).maksimum == tuple(Decimal(m) for m in (40, 40, 130, 40, 80, 40, 10, 20))

    @pytest.mark.parametrize("menurut", [None, "jenis"], ids=["overall", "jenis"])
    def test_regime_b_matches_exact_maturity_and_score(self, kohort_b, menurut):
        """Regime B means are exact means of unrounded maturity, within half a hundredth of the reported one."""
        b = rezim_b()
        items = kohort_b.to_penilaian()
        r = aspect_means(kohort_b, b, menurut=menurut)
        naive = _naive_means(items, b, menurut)
        reported: dict = {}
        for p in items:
            reported.setdefault(_group_of(p, menurut), []).append([a.nilai for a in meritsys.score(p).aspek])
        for g, exact, nilai in zip(r.kelompok, r.capaian_tepat, r.nilai(), strict=True):
            assert list(exact) == naive[g]
            mean_reported = [float(sum(col) / len(col)) for col in zip(*reported[g], strict=True)]
            assert np.allclose(nilai, mean_reported, atol=0.005)
        assert r.maksimum == (Decimal(1),) * 8

    @given(data=st.data())
    def test_random_rubrics_match_definition(self, data):
        """On random rubrics of both regimes, means equal the single-path fulfilment averaged exactly."""
        rubrik = data.draw(st.one_of(rubrik_a_acak(), rubrik_b_acak()))
        # one row per agency-year: statistics refuse several stages of one agency-year
        items = data.draw(st.lists(penilaian(rubrik), min_size=1, max_size=8, unique_by=lambda p: (p.instansi.kode, p.tahun)))
        menurut = data.draw(st.sampled_from(GROUPINGS))
        r = aspect_means(Kohort.from_penilaian(rubrik, items), rubrik, menurut=menurut)
        naive = _naive_means(items, rubrik, menurut)
        assert {g: list(row) for g, row in zip(r.kelompok, r.capaian_tepat, strict=True)} == naive
        assert int(r.n.sum()) == len(items)

    def test_group_sums_stay_exact_beyond_float_precision(self):
        """Group sums too large for float64 fall back to exact integer addition."""
        _jumlah_per_kelompok = module_of(aspect_means)._jumlah_per_kelompok
        values = np.array([2**60, 1, 2**60, 3], dtype=np.int64)
        groups = np.array([0, 0, 1, 1], dtype=np.intp)
        assert _jumlah_per_kelompok(values, groups, 2).tolist() == [2**60 + 1, 2**60 + 3]
        assert _jumlah_per_kelompok(values[[1, 3]], groups[[1, 3]], 2).tolist() == [1, 3]

    def test_flat_rows(self, kohort_latest):
        """The flat rows carry group, size and one mean per aspect code."""
        r = aspect_means(kohort_latest, kasn(), menurut="jenis")
        rows = r.rows("nilai")
        assert rows[0]["kelompok"] == "kementerian"
        assert rows[0]["n"] == 2
        assert [rows[0][a.kode] for a in kasn().aspek] == r.nilai()[0].tolist()
        assert [r.rows()[0][a.kode] for a in kasn().aspek] == r.capaian()[0].tolist()

    def test_empty_cohort(self):
        """An empty cohort has an overall group of size 0 whose means are undefined (None / NaN)."""
        r = aspect_means(_kosong(kasn()), kasn())
        assert (r.kelompok, r.n.tolist()) == ((SEMUA,), [0])
        assert r.capaian_tepat == ((None,) * 8,)
        assert np.isnan(r.capaian()).all()
        assert aspect_means(_kosong(kasn()), kasn(), menurut="jenis").capaian().shape == (0, 8)

    def test_missing_answers_follow_the_rubric_policy(self, kohort_latest):
        """A missing answer without a policy that resolves it is refused, as in scoring."""
        levels = np.full((1, 37), 3, dtype=np.int8)
        levels[0, 0] = -2
        with pytest.raises(ValidationError, match="missing answer"):
            aspect_means(Kohort.from_arrays(kasn(), levels), kasn())

    def test_rubric_of_another_cohort(self, kohort_latest):
        """The rubric must be the cohort's."""
        with pytest.raises(ValidationError, match="the cohort is for 'kasn-2019'"):
            aspect_means(kohort_latest, rezim_b())


def _p(kode: str, tahun: int, tahap: str, level: int, jenis: str = "kota") -> Penilaian:
    return penilaian_a(level, instansi=instansi(jenis, kode=kode), tahun=tahun, tahap=tahap)


@pytest.fixture(scope="module")
def multi(items_a):
    """Example agencies in 2021-2023: stages differ, one skips a year, one appears once."""
    kota = items_a[2]  # kota-contoh, penetapan 2023
    lestari = items_a[3]  # kota-lestari, penetapan 2023
    turun = {k: max(v - 1, 0) for k, v in kota.jawaban.items()}
    return [
        attrs.evolve(kota, tahun=2021, jawaban=turun, tahap=Tahap.MANDIRI),
        attrs.evolve(kota, tahun=2022, jawaban=turun, tahap=Tahap.PENETAPAN),
        attrs.evolve(kota, tahun=2022, tahap=Tahap.MANDIRI),  # not counted: penetapan exists
        kota,
        attrs.evolve(lestari, tahun=2021, jawaban=dict.fromkeys(lestari.jawaban, 4), tahap=Tahap.KLARIFIKASI),
        lestari,  # 2023: skipped 2022 (e.g. Sangat Baik in 2021)
        items_a[4],  # kab-makmur-jaya, 2023 only
    ]


class TestYearOverYear:
    def test_agencies_years_and_chosen_rows(self, multi):
        """Only agencies assessed in two or more years are kept; the most final stage counts."""
        hasil = year_over_year(Kohort.from_penilaian(kasn(), multi), kasn())
        assert hasil.kode == ("kota-contoh", "kota-lestari")
        assert hasil.tahun == (2021, 2022, 2023)
        assert hasil.baris.tolist() == [[0, 1, 3], [4, -1, 5]]
        assert [[TAHAP[t].value if t >= 0 else None for t in row] for row in hasil.tahap.tolist()] == [
            ["mandiri", "penetapan", "penetapan"],
            ["klarifikasi", None, "penetapan"],
        ]
        assert len(hasil) == 2

    def test_index_and_changes_match_single_path(self, multi):
        """Indices, changes and category moves equal those computed from meritsys.score."""
        hasil = year_over_year(Kohort.from_penilaian(kasn(), multi), kasn())
        scored = {(p.instansi.kode, p.tahun, p.tahap): meritsys.score(p) for p in multi}
        assert hasil.indeks("kota-contoh") == {
            2021: scored["kota-contoh", 2021, Tahap.MANDIRI].indeks,
            2022: scored["kota-contoh", 2022, Tahap.PENETAPAN].indeks,
            2023: scored["kota-contoh", 2023, Tahap.PENETAPAN].indeks,
        }
        changes = hasil.perubahan()
        assert [(c.kode, c.tahun_awal, c.tahun_akhir) for c in changes] == [
            ("kota-contoh", 2021, 2022),
            ("kota-contoh", 2022, 2023),
            ("kota-lestari", 2021, 2023),
        ]
        for c in changes:
            a = scored[c.kode, c.tahun_awal, c.tahap_awal]
            b = scored[c.kode, c.tahun_akhir, c.tahap_akhir]
            assert (c.indeks_awal, c.indeks_akhir, c.selisih) == (a.indeks, b.indeks, b.indeks - a.indeks)
            assert (c.kategori_awal, c.kategori_akhir) == (a.kategori, b.kategori)
        assert [c.langkah for c in changes] == [0, 2, -2]
        assert hasil.selisih_unit().tolist() == [int(c.selisih / Decimal("0.5")) for c in changes]

    def test_category_moves(self, multi):
        """The move matrix counts each consecutive pair by earlier and later category."""
        hasil = year_over_year(Kohort.from_penilaian(kasn(), multi), kasn())
        moves = hasil.transitions()
        expected = np.zeros((4, 4), dtype=np.int64)
        for c in hasil.perubahan():
            expected[hasil.labels.index(c.kategori_awal), hasil.labels.index(c.kategori_akhir)] += 1
        assert (moves == expected).all()
        assert int(moves.sum()) == 3

    @pytest.mark.parametrize(
        ("low", "high"),
        [(lo, hi) for lo in Tahap for hi in Tahap if PRIORITAS_TAHAP[hi] > PRIORITAS_TAHAP[lo]],
        ids=lambda t: t.value,
    )
    def test_stage_priority(self, low, high):
        """For one agency-year the more final stage counts, whatever the row order."""
        rows = [_p("kota-a", 2022, low.value, 2), _p("kota-a", 2022, high.value, 3), _p("kota-a", 2023, "mandiri", 4)]
        for items in (rows, rows[::-1]):
            hasil = year_over_year(Kohort.from_penilaian(kasn(), items), kasn())
            assert hasil.indeks("kota-a") == {2022: Decimal(300), 2023: Decimal(400)}

    def test_duplicate_counted_stage_is_refused(self):
        """Two assessments of the counted stage for one agency-year are ambiguous: a validation error."""
        items = [_p("kota-a", 2022, "penetapan", 2), _p("kota-a", 2022, "penetapan", 3), _p("kota-a", 2023, "mandiri", 4)]
        with pytest.raises(ValidationError, match=r"two penetapan assessments for 2022 \(rows 0 and 1\)"):
            year_over_year(Kohort.from_penilaian(kasn(), items), kasn())

    def test_duplicate_lower_stage_is_ignored(self):
        """Duplicates of a stage that does not count do not matter."""
        items = [_p("kota-a", 2022, "mandiri", 2), _p("kota-a", 2022, "mandiri", 3), _p("kota-a", 2022, "verifikasi", 1), _p("kota-a", 2023, "mandiri", 4)]
        hasil = year_over_year(Kohort.from_penilaian(kasn(), items), kasn())
        assert hasil.indeks("kota-a") == {2022: Decimal(100), 2023: Decimal(400)}

    @given(
        rows=st.lists(
            st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(2019, 2023), st.sampled_from(Tahap), st.integers(0, 4)),
            max_size=15,
        )
    )
    def test_random_cohorts_match_naive(self, rows):
        """On random multi-year cohorts the per-year index equals a naive dictionary computation."""
        items = [_p(k, t, s.value, lv) for k, t, s, lv in rows]
        best: dict = {}
        ambiguous = False
        for k, t, s, lv in rows:
            cur = best.get((k, t))
            if cur is None or PRIORITAS_TAHAP[s] > PRIORITAS_TAHAP[cur[0]]:
                best[k, t] = (s, lv)
        for k, t, s, _ in rows:
            if best[k, t][0] is s and sum(1 for r in rows if r[:3] == (k, t, s)) > 1:
                ambiguous = True
        kohort = Kohort.from_penilaian(kasn(), items)
        if ambiguous:
            with pytest.raises(ValidationError, match="ambiguous"):
                year_over_year(kohort, kasn())
            return
        hasil = year_over_year(kohort, kasn())
        years: dict = {}
        for (k, t), (_, lv) in best.items():
            years.setdefault(k, {})[t] = Decimal(100 * lv)
        expected = {k: v for k, v in years.items() if len(v) >= 2}
        assert {k: hasil.indeks(k) for k in hasil.kode} == expected
        assert len(hasil.perubahan()) == sum(len(v) - 1 for v in expected.values())

    def test_single_year_cohort_has_no_change(self, kohort_a):
        """The example cohort covers one year: nobody is kept, nothing changes."""
        hasil = year_over_year(kohort_a, kasn())
        assert (hasil.kode, hasil.tahun, hasil.perubahan()) == ((), (), ())
        assert hasil.transitions().tolist() == [[0] * 4] * 4
        with pytest.raises(KeyError):
            hasil.indeks("kota-contoh")

    def test_empty_cohort(self):
        """An empty cohort gives an empty result with the rubric's labels."""
        hasil = year_over_year(_kosong(kasn()), kasn())
        assert (len(hasil), hasil.baris.shape, hasil.selisih_unit().tolist()) == (0, (0, 0), [])
        assert len(hasil.labels) == 4

    def test_regime_b_changes_keep_two_decimals(self):
        """Regime B changes are exact hundredths."""
        b = rezim_b()
        items = list(Kohort.read(KOHORT_B, b).to_penilaian())
        later = [attrs.evolve(p, tahun=2027, survei=min(p.survei + Decimal("0.04"), Decimal(1))) for p in items]
        hasil = year_over_year(Kohort.from_penilaian(b, items + later), b)
        assert hasil.tahun == (2026, 2027)
        assert {c.selisih for c in hasil.perubahan()} <= {Decimal("0.01"), Decimal("0.00"), Decimal("0.02")}


class TestNearBoundary:
    def test_example_cohort(self, kohort_a, items_a):
        """Rows within the distance are found, nearest first, with the single path's distance."""
        hasil = near_boundary(kohort_a.score(kasn()), kasn(), jarak=40)
        single = [meritsys.score(p).ke_kategori_berikut for p in items_a]
        expected = sorted(
            (j.kurang, i) for i, j in enumerate(single) if j is not None and j.kurang <= 40
        )
        assert hasil.baris.tolist() == [i for _, i in expected]
        assert hasil.kurang() == [k for k, _ in expected]
        assert hasil.kategori_berikut() == [single[i].kategori.label for _, i in expected]
        assert hasil.indeks() == [meritsys.score(items_a[i]).indeks for _, i in expected]
        assert len(hasil) == 3

    def test_distance_is_inclusive_at_half_points(self, kohort_a):
        """A row exactly *jarak* below the next band is near; half a point less is not enough."""
        skor = kohort_a.score(kasn())
        assert 10 in near_boundary(skor, kasn(), jarak="26.5").baris.tolist()  # badan-contoh, 298.5
        assert 10 not in near_boundary(skor, kasn(), jarak=26).baris.tolist()

    def test_bound_between_index_steps(self):
        """A bound that lies between half points is measured exactly, as the single path measures it."""
        acuan = lambda v: meritsys.Angka(Decimal(v), meritsys.Status.ACUAN, catatan="uji")  # noqa: E731
        bounds = [(None, "174.75"), ("175", "250"), ("250.25", "324.75"), ("325", "400")]
        kategori = [
            attrs.evolve(k, batas_bawah=acuan(lo) if lo else k.batas_bawah, batas_atas=acuan(hi))
            for k, (lo, hi) in zip(kasn().kategori, bounds, strict=True)
        ]
        rubrik = attrs.evolve(kasn(), kategori=kategori, aturan_batas=attrs.evolve(kasn().aturan_batas, langkah=acuan("0.25")))
        items = [penilaian_a(dict.fromkeys((i.kode for i in kasn().indikator), 3) | {"1.1": 0, "2.2": 0, "5.1": 0, "5.3": 0, "3.1": 2})]
        assert meritsys.score(items[0], rubrik).indeks == Decimal(250)
        hasil = near_boundary(Kohort.from_penilaian(rubrik, items).score(rubrik), rubrik, jarak="0.25")
        assert (hasil.baris.tolist(), hasil.kurang(), hasil.kategori_berikut()) == ([0], [Decimal("0.25")], ["Baik"])
        assert hasil.satuan_kurang == Decimal("0.25")
        assert meritsys.score(items[0], rubrik).ke_kategori_berikut.kurang == Decimal("0.25")

    def test_top_band_is_never_near(self):
        """Rows in the top band have no next band and are never listed."""
        skor = Kohort.from_penilaian(kasn(), [penilaian_a(4), penilaian_a(3)]).score(kasn())
        assert near_boundary(skor, kasn(), jarak=1000).baris.tolist() == [1]

    @given(data=st.data())
    def test_random_rubrics_match_single_path(self, data):
        """On random rubrics of both regimes and boundary rules, rows and distances equal the single path's."""
        rubrik = data.draw(st.one_of(rubrik_a_acak(), rubrik_b_acak()))
        items = data.draw(st.lists(penilaian(rubrik), min_size=1, max_size=8))
        skor = Kohort.from_penilaian(rubrik, items).score(rubrik)
        single = [meritsys.score(p, rubrik).ke_kategori_berikut for p in items]
        jarak = data.draw(st.sampled_from(sorted({j.kurang for j in single if j is not None} | {Decimal(0)})))
        hasil = near_boundary(skor, rubrik, jarak=jarak)
        expected = sorted((j.kurang, i) for i, j in enumerate(single) if j is not None and j.kurang <= jarak)
        assert list(zip(hasil.kurang(), hasil.baris.tolist(), strict=True)) == expected

    @given(seed=st.integers(0, 2**32 - 1), jarak=st.integers(0, 80))
    def test_distance_equals_classifier_next_band(self, seed, jarak):
        """On random answer matrices the distance is the classifier's distance to the next band."""
        levels = np.random.default_rng(seed).integers(0, 5, size=(50, 37), dtype=np.int8)
        skor = Kohort.from_arrays(kasn(), levels).score(kasn())
        hasil = near_boundary(skor, kasn(), jarak=jarak)
        clf = BandClassifier()
        expected = []
        for i, (v, pos) in enumerate(zip(skor.indeks(), skor.kategori.tolist(), strict=True)):
            found = next_band(clf, kasn(), v, pos, skor.unit)
            if found is not None and found[1] <= jarak:
                expected.append((found[1], i))
        assert list(zip(hasil.kurang(), hasil.baris.tolist(), strict=True)) == sorted(expected)

    def test_regime_b(self, kohort_b):
        """Regime B distances are exact hundredths to the next maturity band."""
        hasil = near_boundary(kohort_b.score(rezim_b()), rezim_b(), jarak=Decimal("0.05"))
        assert [str(k) for k in kohort_b.kode[hasil.baris]] == ["kab-sukamaju", "badan-contoh"]
        assert hasil.kurang() == [Decimal("0.04"), Decimal("0.04")]

    def test_empty(self):
        """An empty cohort has nobody near a boundary."""
        hasil = near_boundary(_kosong(kasn()).score(kasn()), kasn(), jarak=10)
        assert (len(hasil), hasil.kurang()) == (0, [])

    @pytest.mark.parametrize("jarak", [-1, 0.5, "lima", True], ids=["negative", "float", "text", "bool"])
    def test_bad_distance(self, kohort_a, jarak):
        """A negative, float or non-numeric distance is a validation error."""
        with pytest.raises(ValidationError, match=r"\$\.jarak"):
            near_boundary(kohort_a.score(kasn()), kasn(), jarak=jarak)

    def test_rubric_must_match(self, kohort_a):
        """Scores and rubric must belong together."""
        with pytest.raises(ValidationError, match=r"the scores were made under 'kasn-2019' .*, not under this rubric 'permenpanrb-19-2025'"):
            near_boundary(kohort_a.score(kasn()), rezim_b(), jarak=1)

    def test_scores_under_another_rubric_content_are_refused(self, kohort_a):
        """Scores made under a reform of the same rubric id (another content hash) are refused with the rubric itself."""
        reformed = Reform("baik-260", {"kategori.Baik.batas_bawah": "260", "kategori.Kurang.batas_atas": "259"}).apply(kasn())
        with pytest.raises(ValidationError, match=r"made under 'kasn-2019' \(sha256 .*not under this rubric 'kasn-2019' after reform baik-260"):
            near_boundary(kohort_a.score(kasn()), reformed, jarak=40)
        with pytest.raises(ValidationError, match=r"made under 'kasn-2019' after reform baik-260 .*not under this rubric 'kasn-2019'$"):
            near_boundary(kohort_a.score(reformed), kasn(), jarak=40)
        assert len(near_boundary(kohort_a.score(reformed), reformed, jarak=40)) > 0

    def test_bound_far_finer_than_the_index_grid(self):
        """A band bound on a grid far finer than the index (1E-21 against hundredths) is measured exactly, not overflowed."""
        num = lambda v: {"nilai": v, "status": "acuan", "catatan": "uji"}  # noqa: E731
        levels = [{"nilai": n, "deskriptor": f"Level {n}"} for n in range(3)]
        rubrik = parse_rubrik({
            "id": "halus", "nama": "Batas halus", "rujukan": [], "berlaku_mulai": "2026-01-01",
            "skala": {"minimum": num("0"), "maksimum": num("1")},
            "aspek": [{"kode": "1", "nama": "Satu", "bobot": num("1"), "indikator": [{"kode": "1.1", "nama": "x", "level": levels}]}],
            "kategori": [
                {"kode": "K0", "label": "Rendah", "batas_atas": num("0")},
                {"kode": "K1", "label": "Tinggi", "batas_bawah": num("1E-21")},
            ],
            "aturan_batas": {"jenis": "bawah_inklusif", "langkah": num("1E-21"), "status": "acuan", "catatan": "uji"},
            "letak_bobot": "aspek", "jumlah_bobot": num("1"), "strategi": "maturity",
            "komposisi": {"bobot_maturitas": num("0.75"), "bobot_survei": num("0.25")},
        })
        p = Penilaian(instansi("kota", "kota-halus"), 2026, "halus", {"1.1": 0}, survei="0")
        assert meritsys.score(p, rubrik).ke_kategori_berikut.kurang == Decimal("1E-21")
        hasil = near_boundary(Kohort.from_penilaian(rubrik, [p]).score(rubrik), rubrik, jarak="0.01")
        assert (hasil.baris.tolist(), hasil.kurang()) == ([0], [Decimal("1E-21")])


class TestLargeCohort:
    def test_hundred_thousand_rows(self):
        """Every statistic runs on a 10^5-row cohort and its totals add up."""
        n = 100_000
        rng = np.random.default_rng(7)
        rubrik = kasn()
        levels = rng.integers(0, 5, size=(n, len(rubrik.indikator)), dtype=np.int8)
        provinces = np.array([f"Provinsi {i:02d}" for i in range(38)], dtype=object)
        kohort = Kohort.from_arrays(
            rubrik,
            levels,
            kode=[f"instansi-{i % 60_000}" for i in range(n)],
            jenis=rng.integers(0, len(JenisInstansi), size=n).astype(np.int8),
            provinsi=list(provinces[rng.integers(0, 38, size=n)]),
            tahun=[2022 if i < 60_000 else 2023 for i in range(n)],
        )
        skor = kohort.score(rubrik)
        ranks = rank(skor)
        assert ranks.min() == 1
        assert ranks.max() <= n
        assert (np.diff(ranks[np.argsort(-skor.indeks_unit.astype(np.int64), kind="stable")]) >= 0).all()
        counts = count_categories(kohort, skor, menurut="provinsi")
        assert (len(counts.kelompok), counts.n) == (38, n)
        means = aspect_means(kohort, rubrik, menurut="jenis")
        assert int(means.n.sum()) == n
        assert ((means.capaian() >= 0) & (means.capaian() <= 1)).all()
        near = near_boundary(skor, rubrik, jarak=5)
        assert (near.kurang_unit <= 10).all()
        change = year_over_year(kohort, skor)
        assert (len(change), change.tahun) == (40_000, (2022, 2023))
        assert int(change.transitions().sum()) == 40_000
