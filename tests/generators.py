"""Reusable hypothesis strategies for the meritsys model.

A plain module (no tests): the property tests import what they need.

* :func:`instansi`, :func:`angka`: valid model values with arbitrary text.
* :func:`penilaian`: a valid assessment for any rubric.  It draws the agency
  type and the gate answers first, then answers exactly the indicators that
  apply (:meth:`~meritsys.Indikator.berlaku`), each with a level in its level
  set.  Under the shipped ``kasn-2019`` that is every indicator; under
  ``permenpanrb-19-2025`` the variant for the other agency type and the
  gated-out questions are left out, and the survey score (2 decimals, 0..1)
  and a small signed correction are drawn too.
* :func:`penilaian_dan_naik`: an assessment and the same one with one answer
  raised by one level.
* :func:`penilaian_pada_indeks`: a weighted-sum assessment whose index lands
  exactly on a given value (used for category boundaries).
* :func:`rubrik_a_acak`, :func:`rubrik_b_acak`: random small valid rubrics of
  either regime.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
from hypothesis import strategies as st

import meritsys
from meritsys import (
    Angka,
    Aspek,
    AturanBatas,
    Gerbang,
    Indikator,
    Instansi,
    JenisBatas,
    JenisInstansi,
    Kategori,
    KebijakanTidakBerlaku,
    Komposisi,
    LetakBobot,
    Level,
    Penilaian,
    Rubrik,
    Skala,
    Status,
    Syarat,
    Tahap,
)
from meritsys._numbers import check_decimal

__all__ = [
    "KASN",
    "PERMEN",
    "angka",
    "desimal_kecil",
    "instansi",
    "koreksi",
    "level_set",
    "naikkan",
    "penilaian",
    "penilaian_a",
    "penilaian_b",
    "penilaian_dan_naik",
    "penilaian_pada_indeks",
    "rubrik_a_acak",
    "rubrik_b_acak",
    "survei",
    "teks",
]

KASN = "kasn-2019"
"""The shipped regime A rubric."""
PERMEN = "permenpanrb-19-2025"
"""The shipped regime B rubric."""


# --------------------------------------------------------------------------- values


def teks(max_size: int = 30) -> st.SearchStrategy[str]:
    """A non-empty string without surrounding whitespace (any Unicode, JSON-safe)."""
    return st.text(min_size=1, max_size=max_size).map(str.strip).filter(bool)


def desimal_kecil(lo: int, hi: int, places: Sequence[int] = (0, 1, 2, 3)) -> st.SearchStrategy[Decimal]:
    """An exact decimal ``n * 10**-p`` with ``lo <= n <= hi`` and ``p`` drawn from *places*."""
    return st.builds(
        lambda n, p: Decimal(n).scaleb(-p),
        st.integers(lo, hi),
        st.sampled_from(tuple(places)),
    )


_SURVEI = st.integers(0, 100).map(lambda n: f"{n // 100}.{n % 100:02d}")
_KOREKSI = st.one_of(st.just(Decimal(0)), desimal_kecil(-50, 50, (1, 2, 3)))


def survei() -> st.SearchStrategy[str]:
    """A survey score written as a string with exactly two decimals, ``"0.00"`` .. ``"1.00"``."""
    return _SURVEI


def koreksi() -> st.SearchStrategy[Decimal]:
    """A small signed correction (-0.5 .. 0.5) with 1 to 3 decimals, zero included."""
    return _KOREKSI


_INSTANSI: dict[JenisInstansi | None, st.SearchStrategy[Instansi]] = {}


def instansi(jenis: JenisInstansi | None = None) -> st.SearchStrategy[Instansi]:
    """A valid agency; of type *jenis* when given."""
    if jenis not in _INSTANSI:
        _INSTANSI[jenis] = st.builds(
            Instansi,
            kode=teks(),
            nama=teks(),
            jenis=st.just(jenis) if jenis is not None else st.sampled_from(JenisInstansi),
            provinsi=st.none() | st.text(max_size=20),
        )
    return _INSTANSI[jenis]


@st.composite
def angka(draw: st.DrawFn) -> Angka:
    """A valid :class:`~meritsys.Angka`: any finite decimal, any status (``acuan`` with a note)."""
    status = draw(st.sampled_from(Status))
    nilai = draw(
        st.one_of(
            st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12).filter(
                lambda d: check_decimal(d) is None  # within the number policy
            ),
            desimal_kecil(-(10**6), 10**6, (0, 1, 2, 3, 4, 8)),
        )
    )
    catatan = draw(teks() if status is Status.ACUAN else st.none() | st.text(max_size=20))
    sumber = draw(st.none() | st.text(max_size=20))
    return Angka(nilai, status, catatan=catatan, sumber=sumber)


# --------------------------------------------------------------------------- assessments


def _rubrik(rubrik: Rubrik | str) -> Rubrik:
    return rubrik if isinstance(rubrik, Rubrik) else meritsys.get_rubrik(rubrik)


def level_set(ind: Indikator) -> range:
    """The levels an indicator allows."""
    return range(ind.level_min, ind.level_maks + 1)


# Strategy objects are built once per shape and reused: building them on every
# draw costs more than drawing from them.
_JAWABAN: dict[tuple[object, ...], tuple[Rubrik, st.SearchStrategy[dict[str, int]]]] = {}


def _jawaban(
    r: Rubrik, applicable: tuple[int, ...], min_level: int | None, max_level: int | None, pakai_alias: bool
) -> st.SearchStrategy[dict[str, int]]:
    """Answers (key -> level) to the indicators at positions *applicable*."""
    key = (id(r), applicable, min_level, max_level, pakai_alias)
    cached = _JAWABAN.get(key)
    if cached is not None and cached[0] is r:
        return cached[1]
    # One byte string carries all levels (one byte per indicator, reduced into
    # its level range) and another the choice between code and alias: two
    # draws per assessment instead of two per indicator keeps cohorts fast,
    # and shrinking still moves each level towards the lowest.
    ranges = []
    keys = []
    for pos in applicable:
        ind = r.indikator[pos]
        lo = ind.level_min if min_level is None else max(ind.level_min, min(min_level, ind.level_maks))
        hi = ind.level_maks if max_level is None else min(ind.level_maks, max(max_level, lo))
        ranges.append((lo, hi - lo + 1))
        keys.append((ind.kode, *ind.alias) if pakai_alias else (ind.kode,))
    n = len(applicable)

    def build(raw: tuple[bytes, bytes]) -> dict[str, int]:
        levels, pick = raw
        return {
            ks[pick[i] % len(ks)]: lo + levels[i] % size
            for i, ((lo, size), ks) in enumerate(zip(ranges, keys, strict=True))
        }

    strategy = st.tuples(
        st.binary(min_size=n, max_size=n),
        st.binary(min_size=n, max_size=n) if pakai_alias else st.just(bytes(n)),
    ).map(build)
    _JAWABAN[key] = (r, strategy)
    return strategy


@st.composite
def penilaian(
    draw: st.DrawFn,
    rubrik: Rubrik | str,
    *,
    jenis: JenisInstansi | None = None,
    gerbang: dict[str, str] | None = None,
    min_level: int | None = None,
    max_level: int | None = None,
    dengan_survei: bool | None = None,
    dengan_bukti: bool = False,
    pakai_alias: bool = False,
) -> Penilaian:
    """A valid assessment for *rubrik*.

    Args:
        rubrik: A rubric or a shipped rubric's id.
        jenis: Fix the agency type (else drawn).
        gerbang: Fix some gate answers by gate code (the rest are drawn).
        min_level: Draw no level below this (clipped to each level set).
        max_level: Draw no level above this (clipped to each level set).
        dengan_survei: Whether to give a survey score; ``None``: exactly when
            the rubric has a composition (regime B).
        dengan_bukti: Also list evidence for some answered indicators.
        pakai_alias: Sometimes key answers and gates by an alias instead of the code.
    """
    r = _rubrik(rubrik)
    regime_b = r.komposisi is not None
    inst = draw(instansi(jenis))
    gates: dict[str, str] = {}
    gate_keys: dict[str, str] = {}
    for g in r.gerbang:
        fixed = None if gerbang is None else gerbang.get(g.kode)
        gates[g.kode] = fixed if fixed is not None else draw(st.sampled_from(tuple(g.opsi)))
        key = draw(st.sampled_from((g.kode, *g.alias))) if pakai_alias else g.kode
        gate_keys[key] = gates[g.kode]
    applicable = tuple(pos for pos, ind in enumerate(r.indikator) if ind.berlaku(inst.jenis, gates))
    jawaban = draw(_jawaban(r, applicable, min_level, max_level, pakai_alias))
    bukti: dict[str, list[str]] = {}
    if dengan_bukti and jawaban:
        for kode in draw(st.lists(st.sampled_from(sorted(jawaban)), max_size=4, unique=True)):
            bukti[kode] = draw(st.lists(teks(15), min_size=1, max_size=2))
    give_survey = regime_b if dengan_survei is None else dengan_survei
    return Penilaian(
        inst,
        draw(st.integers(2000, 2100)),
        r.id,
        jawaban,
        tahap=draw(st.sampled_from(Tahap)),
        gerbang=gate_keys,
        bukti=bukti,
        survei=draw(_SURVEI) if give_survey else None,
        koreksi=draw(_KOREKSI) if regime_b else Decimal(0),
    )


def penilaian_a(**kwargs: Any) -> st.SearchStrategy[Penilaian]:
    """A valid ``kasn-2019`` assessment: every indicator answered within its level set."""
    return penilaian(KASN, **kwargs)


def penilaian_b(**kwargs: Any) -> st.SearchStrategy[Penilaian]:
    """A valid ``permenpanrb-19-2025`` assessment: gates first, then the applicable indicators."""
    return penilaian(PERMEN, **kwargs)


def naikkan(p: Penilaian, kode: str) -> Penilaian:
    """The same assessment with the answer keyed *kode* one level higher."""
    jawaban = dict(p.jawaban)
    jawaban[kode] += 1
    return attrs.evolve(p, jawaban=jawaban)


@st.composite
def penilaian_dan_naik(draw: st.DrawFn, /, rubrik: Rubrik | str, **kwargs: Any) -> tuple[Penilaian, Penilaian, str]:
    """An assessment, the same with one answer raised by one level, and that answer's key.

    Keyword arguments go to :func:`penilaian`.
    """
    r = _rubrik(rubrik)
    p = draw(penilaian(r, **kwargs))
    raisable = [k for k, lv in p.jawaban.items() if lv < r.cari_indikator(k).level_maks]
    kode = draw(st.sampled_from(raisable) if raisable else st.nothing())
    return p, naikkan(p, kode), kode


@st.composite
def penilaian_pada_indeks(draw: st.DrawFn, rubrik: Rubrik | str, target: Decimal) -> Penilaian:
    """A weighted-sum assessment (every indicator applicable) whose index is exactly *target*.

    Hypothesis draws (as one byte string) the preferred level of each
    indicator and the order in which indicators are fixed; each is then given the level closest to its
    preference from which the rest can still reach *target* (a subset-sum
    table over the remaining indicators).  Fails the draw if *target* is
    unreachable.
    """
    r = _rubrik(rubrik)
    inds = r.indikator
    weights = [Fraction(ind.bobot.nilai) for ind in inds if ind.bobot is not None]
    assert len(weights) == len(inds), "every indicator needs a weight"
    den = math.lcm(*(w.denominator for w in weights))
    t = Fraction(target) * den
    if t.denominator != 1:
        return draw(st.nothing())
    target_u = int(t)
    w_u = [int(w * den) for w in weights]
    n = len(inds)
    raw = draw(st.binary(min_size=2 * n, max_size=2 * n))
    prefer = [ind.level_min + raw[i] % len(level_set(ind)) for i, ind in enumerate(inds)]
    order = sorted(range(n), key=lambda i: (raw[n + i], i))
    # reach[k]: the sums the indicators order[k:] can make, as a bit set
    # (bit s set when sum s is reachable; sums are non-negative units).
    reach = [0] * (len(order) + 1)
    reach[len(order)] = 1
    for k in range(len(order) - 1, -1, -1):
        j = order[k]
        bits = 0
        for lv in level_set(inds[j]):
            bits |= reach[k + 1] << (w_u[j] * lv)
        reach[k] = bits
    if target_u < 0 or not (reach[0] >> target_u) & 1:
        return draw(st.nothing())
    levels: dict[int, int] = {}
    remaining = target_u
    for k, j in enumerate(order):
        want = prefer[j]
        for lv in sorted(level_set(inds[j]), key=lambda lv: (abs(lv - want), lv)):
            rest = remaining - w_u[j] * lv
            if rest >= 0 and (reach[k + 1] >> rest) & 1:
                levels[j] = lv
                remaining = rest
                break
    assert remaining == 0
    return Penilaian(
        draw(instansi()),
        draw(st.integers(2000, 2100)),
        r.id,
        {inds[j].kode: lv for j, lv in sorted(levels.items())},
    )


# --------------------------------------------------------------------------- random rubrics


def _levels(lo: int, hi: int) -> tuple[Level, ...]:
    return tuple(Level(n, f"Level {n}") for n in range(lo, hi + 1))


def _acuan(nilai: Decimal | str) -> Angka:
    return Angka(nilai, Status.ACUAN, catatan="acak (uji properti)")


_RUJUKAN = (meritsys.Rujukan("UJI", "Rubrik acak untuk uji properti", Status.ACUAN),)


@st.composite
def _bands(draw: st.DrawFn, lo: Decimal, hi: Decimal, step: Decimal) -> tuple[tuple[Kategori, ...], AturanBatas]:
    """1..4 bands whose cut points lie in ``[lo, hi]`` (in whole *step*s), under a random rule."""
    n_lo = int(lo / step)
    n_hi = max(int(hi / step), n_lo + 4)
    n_cuts = draw(st.integers(0, 3))
    cuts = sorted(draw(st.sets(st.integers(n_lo + 1, n_hi), min_size=n_cuts, max_size=n_cuts)))
    jenis = draw(st.sampled_from(JenisBatas))
    kategori = []
    for i in range(n_cuts + 1):
        if jenis is JenisBatas.BAWAH_INKLUSIF:
            bawah = _acuan(cuts[i - 1] * step) if i > 0 else None
            atas = _acuan((cuts[i] - 1) * step) if i < n_cuts else None
        else:
            bawah = _acuan((cuts[i - 1] + 1) * step) if i > 0 else None
            atas = _acuan(cuts[i] * step) if i < n_cuts else None
        kategori.append(Kategori(f"K{i}", f"Kategori {i}", bawah, atas))
    return tuple(kategori), AturanBatas(jenis, _acuan(step), Status.ACUAN, catatan="acak")


@st.composite
def rubrik_a_acak(draw: st.DrawFn) -> Rubrik:
    """A random small valid regime A rubric (weights on indicators, strategy ``weighted-sum``).

    1-4 aspects of 1-4 indicators; level sets start at 0 or 1 and have 2-5
    levels; weights are positive multiples of a drawn resolution; bands,
    boundary rule and scale are drawn around the reachable range, and
    sometimes rounding places (0-2; the shipped regime A rubric has none).
    """
    step_w = draw(st.sampled_from([Decimal("1"), Decimal("0.5"), Decimal("0.25"), Decimal("0.1")]))
    aspek = []
    lo_total = hi_total = Decimal(0)
    for a in range(draw(st.integers(1, 4))):
        inds = []
        for i in range(draw(st.integers(1, 4))):
            lmin = draw(st.integers(0, 1))
            lmax = lmin + draw(st.integers(1, 4))
            w = step_w * draw(st.integers(1, 20))
            lo_total += w * lmin
            hi_total += w * lmax
            inds.append(Indikator(f"{a + 1}.{i + 1}", f"Indikator {a + 1}.{i + 1}", _levels(lmin, lmax), bobot=_acuan(w)))
        aspek.append(Aspek(str(a + 1), f"Aspek {a + 1}", inds))
    total = sum((ind.bobot.nilai for asp in aspek for ind in asp.indikator if ind.bobot is not None), Decimal(0))
    kategori, aturan = draw(_bands(lo_total, hi_total, Decimal(1)))
    places = draw(st.sampled_from([None, None, 0, 1, 2]))
    skala = Skala(
        _acuan(lo_total),
        draw(st.sampled_from([None, _acuan(max(hi_total, lo_total + 1))])),
        None if places is None else _acuan(Decimal(places)),
    )
    return Rubrik(
        id="acak-a",
        nama="Rubrik acak A",
        rujukan=_RUJUKAN,
        berlaku_mulai=dt.date(2020, 1, 1),
        skala=skala,
        aspek=aspek,
        kategori=kategori,
        aturan_batas=aturan,
        letak_bobot=LetakBobot.INDIKATOR,
        jumlah_bobot=_acuan(total),
        strategi="weighted-sum",
    )


@st.composite
def rubrik_b_acak(draw: st.DrawFn) -> Rubrik:
    """A random small valid regime B rubric (weights on aspects, strategy ``maturity``).

    0-2 gates; the first indicator of every aspect always applies, the others
    may depend on a gate answer or on the agency type.  Level sets start at 0
    or 1 with 2-5 levels; aspect weights, the maturity/survey split, the
    not-applicable policy, the rounding places (0-4 or none) and the bands
    are drawn.
    """
    gates = []
    for g in range(draw(st.integers(0, 2))):
        opsi = {f"o{k}": f"Opsi {k}" for k in range(draw(st.integers(2, 3)))}
        gates.append(Gerbang(f"g{g}", f"Gerbang {g}?", opsi, alias=(f"gate{g}",)))
    aspek = []
    for a in range(draw(st.integers(1, 4))):
        inds = []
        for i in range(draw(st.integers(1, 4))):
            lmin = draw(st.integers(0, 1))
            lmax = lmin + draw(st.integers(1, 4))
            syarat = None
            if i > 0:
                kind = draw(st.sampled_from(["none", "gate", "jenis"] if gates else ["none", "jenis"]))
                if kind == "gate":
                    gate = draw(st.sampled_from(gates))
                    opens = draw(st.lists(st.sampled_from(tuple(gate.opsi)), min_size=1, unique=True))
                    syarat = Syarat(gerbang=gate.kode, jawaban=opens)
                elif kind == "jenis":
                    syarat = Syarat(jenis=draw(st.lists(st.sampled_from(JenisInstansi), min_size=1, unique=True)))
            kode = f"{a + 1}.{i + 1}"
            inds.append(Indikator(kode, f"Indikator {kode}", _levels(lmin, lmax), berlaku_jika=syarat, alias=(f"q{a + 1}_{i + 1}",)))
        aspek.append(Aspek(str(a + 1), f"Aspek {a + 1}", inds, bobot=_acuan(Decimal(draw(st.integers(1, 40))).scaleb(-2))))
    total = sum((asp.bobot.nilai for asp in aspek if asp.bobot is not None), Decimal(0))
    m = draw(st.sampled_from([Decimal("0.75"), Decimal("1"), Decimal("0.5"), Decimal("0.6"), Decimal("0.9")]))
    komposisi = Komposisi(
        _acuan(m),
        _acuan(1 - m),
        tidak_berlaku=draw(st.sampled_from(KebijakanTidakBerlaku)),
    )
    places = draw(st.sampled_from([None, 0, 1, 2, 3, 4]))
    step = Decimal(1).scaleb(-(2 if places is None else places))
    kategori, aturan = draw(_bands(Decimal(0), Decimal("1.2"), step))
    skala = Skala(
        _acuan("0"),
        draw(st.sampled_from([None, _acuan("1")])),
        None if places is None else _acuan(Decimal(places)),
    )
    return Rubrik(
        id="acak-b",
        nama="Rubrik acak B",
        rujukan=_RUJUKAN,
        berlaku_mulai=dt.date(2026, 1, 1),
        skala=skala,
        aspek=aspek,
        kategori=kategori,
        aturan_batas=aturan,
        letak_bobot=LetakBobot.ASPEK,
        jumlah_bobot=_acuan(total),
        strategi="maturity",
        gerbang=gates,
        komposisi=komposisi,
    )
