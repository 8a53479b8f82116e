"""Property-based tests of the meritsys model, scoring, classification and I/O.

The rules come from *The domain* (domain.md#regime-a, domain.md#regime-b and
domain.md#reference-values, the reference choices of the shipped rubrics).  Strategies live in
``meritsys.testing.generators``; the hypothesis profile is chosen in ``conftest.py``.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import meritsys
from meritsys import (
    Angka,
    Hasil,
    JenisInstansi,
    KategoriHasil,
    KebijakanTidakBerlaku,
    MaturityIndex,
    Penilaian,
    Rubrik,
    Status,
    ValidationError,
)
from meritsys._numbers import check_decimal
from meritsys.io import parse_rubrik, structure, unstructure
from meritsys.testing.generators import (
    KASN,
    PERMEN,
    angka,
    instansi,
    penilaian,
    penilaian_a,
    penilaian_b,
    penilaian_dan_naik,
    penilaian_pada_indeks,
    rubrik_a_acak,
    rubrik_b_acak,
)

RUBRIK_A = meritsys.get_rubrik(KASN)
RUBRIK_B = meritsys.get_rubrik(PERMEN)
HANYA_MATURITAS = MaturityIndex(hanya_maturitas=True)
# kasn-2019 as a user might adapt it: the same, but declaring that the index is
# rounded to whole points before it is classified (``skala.desimal = 0``).
RUBRIK_A_BULAT = attrs.evolve(
    RUBRIK_A,
    id="kasn-2019-bulat",
    skala=attrs.evolve(RUBRIK_A.skala, desimal=Angka("0", Status.ACUAN, catatan="uji: dibulatkan ke poin utuh")),
)

BATAS_A = {
    Decimal("174.5"): "Buruk",
    Decimal("175"): "Kurang",
    Decimal("249.5"): "Kurang",
    Decimal("250"): "Baik",
    Decimal("324.5"): "Baik",
    Decimal("325"): "Sangat Baik",
}


# --------------------------------------------------------------------------- helpers


def _bolak_balik(x: object) -> None:
    """Assert *x* survives unstructure/structure, directly and through JSON text."""
    cls = type(x)
    data = unstructure(x)
    assert structure(data, cls) == x
    text = json.dumps(data, ensure_ascii=False)
    assert structure(json.loads(text), cls) == x


def _posisi(rubrik: Rubrik, kategori: KategoriHasil) -> int:
    """The position of a result's category in the rubric's bands."""
    codes = [k.kode for k in rubrik.kategori]
    assert kategori.label == rubrik.kategori[codes.index(kategori.kode)].label
    return codes.index(kategori.kode)


def _bulat(x: Fraction, places: int) -> Decimal:
    """Round half-up (ties away from zero) to *places* decimals, by hand."""
    scaled = abs(x) * 10**places
    units = math.floor(scaled + Fraction(1, 2))
    return Decimal(-units if x < 0 else units).scaleb(-places)


def _gerbang_kanonik(rubrik: Rubrik, p: Penilaian) -> dict[str, str]:
    return {rubrik.gerbang_per_kode[k].kode: v for k, v in p.gerbang.items()}


def _level_per_indikator(rubrik: Rubrik, p: Penilaian) -> dict[str, int]:
    return {rubrik.indicator(k).kode: lv for k, lv in p.jawaban.items()}


def _maturitas_aspek(rubrik: Rubrik, p: Penilaian) -> list[Fraction]:
    """Each aspect's maturity computed by hand from *The domain* (domain.md#reference-values) and the rubric's policy."""
    assert rubrik.komposisi is not None
    policy = rubrik.komposisi.tidak_berlaku
    gates = _gerbang_kanonik(rubrik, p)
    levels = _level_per_indikator(rubrik, p)
    out = []
    for asp in rubrik.aspek:
        parts: list[Fraction] = []
        for ind in asp.indikator:
            if ind.applies_to(p.instansi.jenis, gates):
                parts.append(Fraction(levels[ind.kode], ind.level_maks))
            elif policy is KebijakanTidakBerlaku.NOL:
                parts.append(Fraction(0))
            elif policy is KebijakanTidakBerlaku.MAKSIMUM:
                parts.append(Fraction(1))
        out.append(sum(parts, Fraction(0)) / len(parts))
    return out


def _nism_tangan(rubrik: Rubrik, p: Penilaian, *, hanya_maturitas: bool = False) -> Decimal:
    """The regime B index by hand: weights x maturity, survey, correction, rounded half-up."""
    komp = rubrik.komposisi
    assert komp is not None
    places = 2 if rubrik.skala.desimal is None else int(rubrik.skala.desimal.nilai)
    mat = sum(
        (Fraction(a.bobot.nilai) * m for a, m in zip(rubrik.aspek, _maturitas_aspek(rubrik, p), strict=True) if a.bobot),
        Fraction(0),
    )
    if hanya_maturitas:
        raw = mat + Fraction(p.koreksi)
    else:
        assert p.survei is not None or not komp.pakai_survei  # an index that gives the survey no weight needs none
        raw = Fraction(komp.bobot_maturitas.nilai) * mat + Fraction(komp.bobot_survei.nilai) * Fraction(p.survei or 0)
        raw += Fraction(p.koreksi)
    return _bulat(raw, places)


def _semua_level(rubrik: Rubrik, inst: meritsys.Instansi, level: int) -> Penilaian:
    return Penilaian(inst, 2023, rubrik.id, {i.kode: level for i in rubrik.indikator})


def _cek_batch(items: list[Penilaian], rubrik: Rubrik, strategy: MaturityIndex | None = None) -> None:
    """Assert the batch path gives exactly the single path's index, category and scale flag."""
    batch = meritsys.score_batch(items, rubrik, strategy=strategy)
    single = [meritsys.score(p, rubrik, strategy=strategy) for p in items]
    assert len(batch) == len(items)
    assert batch.indeks() == [h.indeks for h in single]
    assert batch.kategori_label() == [h.kategori.label for h in single]
    assert [bool(x) for x in batch.di_luar_skala] == [h.di_luar_skala for h in single]


# --------------------------------------------------------------------------- 1. round trips


class TestRoundTrip:
    @given(instansi())
    def test_instansi(self, x):
        """An agency survives the converter and JSON text unchanged."""
        _bolak_balik(x)

    @given(angka())
    def test_angka(self, x):
        """A number with provenance survives the converter and JSON text unchanged."""
        _bolak_balik(x)

    @given(
        st.one_of(
            penilaian_a(dengan_bukti=True),
            penilaian_b(dengan_bukti=True, pakai_alias=True),
            penilaian_b(dengan_survei=False),
        )
    )
    def test_penilaian(self, p):
        """An assessment of either regime survives the converter, JSON text and ``dumps``/``loads_penilaian``."""
        _bolak_balik(p)
        assert meritsys.loads_penilaian(meritsys.dumps(p)) == (p,)
        assert meritsys.loads_penilaian(meritsys.dumps([p, p], indent=None)) == (p, p)

    @given(st.one_of(penilaian_a(dengan_bukti=True), penilaian_b(dengan_bukti=True)))
    def test_hasil(self, p):
        """A scored result of either regime survives the converter, JSON text and ``dumps``/``loads_hasil``."""
        h = meritsys.score(p)
        assert isinstance(h, Hasil)
        _bolak_balik(h)
        assert meritsys.loads_hasil(meritsys.dumps(h)) == (h,)

    @given(penilaian_b(dengan_survei=False))
    def test_hasil_hanya_maturitas(self, p):
        """A maturity-only regime B result survives the converter and JSON text."""
        _bolak_balik(meritsys.score(p, strategy=HANYA_MATURITAS))

    @pytest.mark.parametrize("rubrik_id", [KASN, PERMEN])
    def test_rubrik_shipped(self, rubrik_id):
        """Each shipped rubric survives the converter, JSON text and ``dumps_rubrik``/``parse_rubrik`` with its hash."""
        r = meritsys.get_rubrik(rubrik_id)
        _bolak_balik(r)
        back = parse_rubrik(json.loads(meritsys.dumps_rubrik(r)))
        assert back == r
        assert meritsys.rubrik_sha256(back) == meritsys.rubrik_sha256(r)

    @given(st.one_of(rubrik_a_acak(), rubrik_b_acak()))
    def test_rubrik_acak(self, r):
        """A random small valid rubric of either regime survives the converter and JSON text."""
        _bolak_balik(r)


# --------------------------------------------------------------------------- 2. regime A range


class TestRegimeARange:
    @given(penilaian_a())
    def test_index_within_0_400(self, p):
        """Any valid ``kasn-2019`` assessment scores within [0, 400]."""
        assert 0 <= meritsys.score(p).indeks <= 400

    @given(penilaian_a(min_level=1))
    def test_index_within_100_400_when_every_answer_at_least_1(self, p):
        """With every answer at level 1 or above the index lies on the published 100-400 scale."""
        h = meritsys.score(p)
        assert 100 <= h.indeks <= 400
        assert not h.di_luar_skala

    @given(instansi())
    def test_all_ones_give_100(self, inst):
        """All answers at level 1 give exactly 100 (Buruk, on the scale)."""
        h = meritsys.score(_semua_level(RUBRIK_A, inst, 1))
        assert h.indeks == 100
        assert (h.kategori.label, h.di_luar_skala) == ("Buruk", False)
        _bolak_balik(h)

    @given(instansi())
    def test_all_fours_give_400(self, inst):
        """All answers at level 4 give exactly 400 (Sangat Baik, on the scale)."""
        h = meritsys.score(_semua_level(RUBRIK_A, inst, 4))
        assert h.indeks == 400
        assert (h.kategori.label, h.di_luar_skala) == ("Sangat Baik", False)
        assert h.ke_kategori_berikut is None
        _bolak_balik(h)

    @given(penilaian_a())
    def test_index_is_a_multiple_of_half(self, p):
        """Every index is a whole number of half points."""
        assert (meritsys.score(p).indeks * 2) % 1 == 0

    @given(penilaian_a())
    def test_index_is_sum_of_aspects_and_contributions(self, p):
        """The index equals both the sum of aspect points and the sum of indicator contributions."""
        h = meritsys.score(p)
        assert sum(a.nilai for a in h.aspek) == h.indeks
        assert sum(k.nilai for k in h.kontribusi) == h.indeks

    @given(penilaian_a())
    def test_out_of_scale_exactly_below_100(self, p):
        """A result is flagged outside the scale exactly when its index is below 100."""
        h = meritsys.score(p)
        assert h.di_luar_skala == (h.indeks < 100)


# --------------------------------------------------------------------------- 3. monotonicity


class TestMonotonicity:
    @given(penilaian_dan_naik(KASN))
    def test_regime_a(self, case):
        """Raising one ``kasn-2019`` answer by one level adds exactly its weight and never lowers the category."""
        p, q, kode = case
        hp, hq = meritsys.score(p), meritsys.score(q)
        bobot = RUBRIK_A.indicator(kode).bobot
        assert bobot is not None
        assert hq.indeks == hp.indeks + bobot.nilai
        assert _posisi(RUBRIK_A, hq.kategori) >= _posisi(RUBRIK_A, hp.kategori)

    @given(penilaian_dan_naik(PERMEN, pakai_alias=True))
    def test_regime_b(self, case):
        """Raising one ``permenpanrb-19-2025`` answer by one level never lowers the NISM nor its maturity level."""
        p, q, _ = case
        hp, hq = meritsys.score(p), meritsys.score(q)
        assert hq.indeks >= hp.indeks
        assert _posisi(RUBRIK_B, hq.kategori) >= _posisi(RUBRIK_B, hp.kategori)
        for ap, aq in zip(hp.aspek, hq.aspek, strict=True):
            assert aq.nilai >= ap.nilai

    @given(penilaian_dan_naik(PERMEN, dengan_survei=False))
    def test_regime_b_maturity_only(self, case):
        """Raising one answer never lowers a maturity-only index nor its level."""
        p, q, _ = case
        hp, hq = (meritsys.score(x, strategy=HANYA_MATURITAS) for x in (p, q))
        assert hq.indeks >= hp.indeks
        assert _posisi(RUBRIK_B, hq.kategori) >= _posisi(RUBRIK_B, hp.kategori)

    @given(st.one_of(rubrik_a_acak(), rubrik_b_acak()).flatmap(lambda r: st.tuples(st.just(r), penilaian_dan_naik(r))))
    def test_random_rubrik(self, case):
        """On random small rubrics of either regime, raising one answer never lowers the index nor the category."""
        r, (p, q, _) = case
        hp, hq = meritsys.score(p, r), meritsys.score(q, r)
        assert hq.indeks >= hp.indeks
        assert _posisi(r, hq.kategori) >= _posisi(r, hp.kategori)


# --------------------------------------------------------------------------- 4. classifier


class TestClassifier:
    def test_regime_a_every_half_point(self):
        """Every half point 0..410 classifies without error, in non-decreasing bands, flagged exactly outside 100..400."""
        last = -1
        for k in range(0, 821):
            v = Decimal(k) / 2
            klas = meritsys.classify(v, KASN)
            assert klas.posisi >= last
            last = klas.posisi
            assert RUBRIK_A.kategori[klas.posisi] == klas.kategori
            assert klas.di_luar_skala == (v < 100 or v > 400)
            expected = "Buruk" if v < 175 else "Kurang" if v < 250 else "Baik" if v < 325 else "Sangat Baik"
            assert klas.kategori.label == expected
        assert last == len(RUBRIK_A.kategori) - 1

    @pytest.mark.parametrize(("value", "label"), sorted(BATAS_A.items()))
    def test_regime_a_boundaries(self, value, label):
        """The half points around each published boundary fall as the lower-inclusive rule says."""
        klas = meritsys.classify(value, KASN)
        assert klas.kategori.label == label
        assert not klas.di_luar_skala

    def test_regime_b_every_hundredth(self):
        """Every hundredth -0.10..1.20 classifies without error, in non-decreasing bands, flagged exactly below 0."""
        last = -1
        for k in range(-10, 121):
            v = Decimal(k) / 100
            klas = meritsys.classify(v, PERMEN)
            assert klas.posisi >= last
            last = klas.posisi
            assert klas.di_luar_skala == (v < 0)
            expected = (
                "Dasar" if v <= Decimal("0.40")
                else "Lanjutan" if v <= Decimal("0.60")
                else "Menengah" if v <= Decimal("0.80")
                else "Tinggi" if v <= 1
                else "Maju"
            )
            assert klas.kategori.label == expected
        assert last == len(RUBRIK_B.kategori) - 1

    @pytest.mark.parametrize(
        ("value", "label"),
        [
            ("0.40", "Dasar"),
            ("0.404999", "Dasar"),
            ("0.405", "Lanjutan"),
            ("0.41", "Lanjutan"),
            ("0.605", "Menengah"),
            ("0.805", "Tinggi"),
            ("1.00", "Tinggi"),
            ("1.004", "Tinggi"),
            ("1.005", "Maju"),
        ],
    )
    def test_regime_b_gaps_closed_by_rounding(self, value, label):
        """Values in the gaps of the draft bands are rounded half-up to 2 decimals before classifying."""
        assert meritsys.classify(value, PERMEN).kategori.label == label

    @given(
        st.sampled_from([KASN, PERMEN]),
        st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**6), max_value=10**6),
        st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**6), max_value=10**6),
    )
    def test_total_and_monotone(self, rubrik_id, a, b):
        """Any decimal within the number policy classifies, and a larger value never falls in a lower band."""
        lo, hi = sorted((a, b))
        if check_decimal(lo) is not None or check_decimal(hi) is not None:
            with pytest.raises(meritsys.ValidationError, match=r"significant digits|decimal places"):
                meritsys.classify(lo if check_decimal(lo) is not None else hi, rubrik_id)
            return
        assert meritsys.classify(lo, rubrik_id).posisi <= meritsys.classify(hi, rubrik_id).posisi

    @given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-1, max_value=2, places=6))
    def test_regime_b_classifies_the_rounded_value(self, v):
        """Regime B classifies the value rounded half-up to 2 decimals, and reports that value."""
        rounded = _bulat(Fraction(v), 2)
        klas = meritsys.classify(v, PERMEN)
        assert klas.nilai == rounded
        assert klas.kategori == meritsys.classify(rounded, PERMEN).kategori


# --------------------------------------------------------------------------- 5. batch path


class TestBatch:
    @given(st.lists(penilaian_a(), min_size=1, max_size=40))
    def test_regime_a_cohort(self, items):
        """For any ``kasn-2019`` cohort, the batch path gives exactly the single path's indices and labels."""
        _cek_batch(items, RUBRIK_A)

    @given(st.lists(penilaian_b(pakai_alias=True), min_size=1, max_size=40))
    def test_regime_b_cohort(self, items):
        """For any ``permenpanrb-19-2025`` cohort, the batch path gives exactly the single path's indices and labels."""
        _cek_batch(items, RUBRIK_B)

    @given(st.lists(penilaian_b(dengan_survei=False), min_size=1, max_size=40))
    def test_regime_b_maturity_only_cohort(self, items):
        """Without any survey, the maturity-only batch path equals the maturity-only single path."""
        _cek_batch(items, RUBRIK_B, HANYA_MATURITAS)

    @given(st.tuples(*(penilaian_pada_indeks(KASN, t) for t in BATAS_A)))
    def test_regime_a_at_category_boundaries(self, items):
        """Assessments landing exactly on 174.5/175/249.5/250/324.5/325 get the same index and label on both paths."""
        items = list(items)
        single = [meritsys.score(p) for p in items]
        assert [h.indeks for h in single] == list(BATAS_A)
        assert [h.kategori.label for h in single] == list(BATAS_A.values())
        _cek_batch(items, RUBRIK_A)

    @given(st.tuples(*(penilaian_pada_indeks(RUBRIK_A_BULAT, Decimal(t)) for t in ("174.5", "249.5", "324.5"))))
    def test_regime_a_rubric_with_rounding_places(self, items):
        """A weighted-sum rubric declaring 0 decimals rounds 174.5/249.5/324.5 half-up on both paths alike."""
        single = [meritsys.score(p, RUBRIK_A_BULAT) for p in items]
        assert [h.indeks for h in single] == [175, 250, 325]
        assert [h.kategori.label for h in single] == ["Kurang", "Baik", "Sangat Baik"]
        _cek_batch(list(items), RUBRIK_A_BULAT)

    @given(rubrik_a_acak().flatmap(lambda r: st.tuples(st.just(r), st.lists(penilaian(r), min_size=1, max_size=10))))
    def test_random_rubrik_a(self, case):
        """On random small regime A rubrics, batch and single paths agree."""
        r, items = case
        _cek_batch(items, r)

    @given(rubrik_b_acak().flatmap(lambda r: st.tuples(st.just(r), st.lists(penilaian(r, pakai_alias=True), min_size=1, max_size=10))))
    def test_random_rubrik_b(self, case):
        """On random small regime B rubrics (any policy, rounding and bands), batch and single paths agree."""
        r, items = case
        _cek_batch(items, r)


# --------------------------------------------------------------------------- 6. regime B


class TestRegimeB:
    @given(penilaian_b())
    def test_aspect_maturity_is_mean_of_applicable_answers(self, p):
        """Each aspect's maturity is the mean of its applicable answers / 4, gated-out questions left out."""
        h = meritsys.score(p)
        gates = _gerbang_kanonik(RUBRIK_B, p)
        levels = _level_per_indikator(RUBRIK_B, p)
        for asp, ha in zip(RUBRIK_B.aspek, h.aspek, strict=True):
            applicable = [levels[i.kode] for i in asp.indikator if i.applies_to(p.instansi.jenis, gates)]
            assert applicable
            assert ha.kode == asp.kode
            assert ha.nilai == _bulat(Fraction(sum(applicable), 4 * len(applicable)), 2)
        for k in h.kontribusi:
            ind = RUBRIK_B.indicator(k.kode)
            assert k.berlaku == ind.applies_to(p.instansi.jenis, gates)
            if not k.berlaku:
                assert k.level is None
                assert k.nilai == 0

    @given(penilaian_b(gerbang={"kecelakaan_kerja": "tidak", "kematian": "tidak"}), st.integers(0, 4))
    def test_gated_out_question_is_not_a_zero(self, p, level):
        """With both gates closed, aspect 6 is the mean of its five other answers, whatever 6.4b/6.4c would have been."""
        h = meritsys.score(p)
        kept = [p.jawaban[k] for k in ("6.1", "6.2", "6.3", "6.4a", "6.4d")]
        assert "6.4b" not in p.jawaban
        assert "6.4c" not in p.jawaban
        assert h.aspek[5].nilai == _bulat(Fraction(sum(kept), 20), 2)
        # Answering a gated-out question is an error, not a way to add a zero.
        jawaban = {**p.jawaban, "6.4b": level}
        with pytest.raises(ValidationError, match=r"6\.4b"):
            meritsys.score(Penilaian(p.instansi, p.tahun, p.rubrik, jawaban, gerbang=p.gerbang, survei=p.survei))

    @given(penilaian_b())
    def test_variant_for_the_other_agency_type_is_left_out(self, p):
        """Exactly one of 4.1a/4.1b applies: 4.1a to central agencies and provinces, 4.1b to kabupaten/kota."""
        daerah = p.instansi.jenis in (JenisInstansi.KABUPATEN, JenisInstansi.KOTA)
        assert ("4.1b" in p.jawaban) == daerah
        assert ("4.1a" in p.jawaban) == (not daerah)
        h = meritsys.score(p)
        berlaku = {k.kode: k.berlaku for k in h.kontribusi}
        assert (berlaku["4.1a"], berlaku["4.1b"]) == (not daerah, daerah)

    @given(penilaian_b())
    def test_nism_rounded_to_2_decimals(self, p):
        """The NISM has at most 2 decimals and equals the hand computation rounded half-up."""
        h = meritsys.score(p)
        exponent = h.indeks.as_tuple().exponent
        assert isinstance(exponent, int)
        assert exponent >= -2
        assert h.indeks == _nism_tangan(RUBRIK_B, p)
        assert (h.survei, h.koreksi, h.hanya_maturitas) == (p.survei, p.koreksi, False)

    @given(penilaian_b())
    def test_categories_follow_the_bands(self, p):
        """The NISM's level and every aspect's level are what the classifier gives for those values."""
        h = meritsys.score(p)
        assert h.kategori == meritsys.classify(h.indeks, RUBRIK_B).ringkas
        for ha in h.aspek:
            assert ha.kategori == meritsys.classify(ha.nilai, RUBRIK_B).ringkas

    @given(penilaian_b(dengan_survei=False), st.none() | st.sampled_from(["0.00", "0.37", "1.00"]))
    def test_maturity_only_never_needs_survey(self, p, survei):
        """Maturity-only scoring works without a survey, ignores one if given, and is flagged; the default refuses."""
        h = meritsys.score(p, strategy=HANYA_MATURITAS)
        assert h.hanya_maturitas
        assert h.survei is None
        assert h.indeks == _nism_tangan(RUBRIK_B, p, hanya_maturitas=True)
        assert any("maturity-only" in w for w in h.peringatan)
        if survei is not None:
            with_survey = Penilaian(p.instansi, p.tahun, p.rubrik, p.jawaban, gerbang=p.gerbang, survei=survei, koreksi=p.koreksi)
            assert meritsys.score(with_survey, strategy=HANYA_MATURITAS).indeks == h.indeks
        with pytest.raises(ValidationError, match="survei"):
            meritsys.score(p)

    @given(rubrik_b_acak().flatmap(lambda r: st.tuples(st.just(r), penilaian(r))))
    def test_random_rubrik_matches_hand_computation(self, case):
        """On random small regime B rubrics the index is the hand computation under the declared policy and rounding."""
        r, p = case
        assert meritsys.score(p, r).indeks == _nism_tangan(r, p)
